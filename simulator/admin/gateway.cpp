#include "simulator/admin/gateway.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simulator/services/c06/c06_service.hpp"
#include "simulator/services/ksk_hub/ksk_hub_service.hpp"
#include "simulator/services/luu_tru/luu_tru_service.hpp"

namespace sim::admin {
namespace {

core::http_response not_found(const std::string& message) {
  core::http_response r;
  r.status = 404;
  r.body = nlohmann::json({{"error", message}}).dump();
  return r;
}

bool is_loopback(const std::string& remote) {
  return remote.starts_with("127.") || remote.starts_with("::1") ||
         remote.starts_with("::ffff:127.") || remote.empty();
}

}  // namespace

bool gateway::admin_allowed(const core::http_request& request) const {
  if (options_.admin_token.empty()) return is_loopback(request.remote);
  const std::string* t = request.header("X-Admin-Token");
  return t && *t == options_.admin_token;
}

core::http_response gateway::handle(const core::http_request& request) {
  std::string_view path = request.path();
  std::string sandbox_name = "default";
  std::string prefix;
  if (path.starts_with("/s/")) {
    const auto rest = path.substr(3);
    const auto slash = rest.find('/');
    sandbox_name = std::string(rest.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    prefix = "/s/" + sandbox_name;
  }
  auto sb = ctx_.sandboxes.get(sandbox_name);
  if (!sb) return not_found("no sandbox '" + sandbox_name + "'");

  if (path == "/_sim" || path.starts_with("/_sim/")) {
    if (!admin_allowed(request)) {
      core::http_response r;
      r.status = 403;
      r.body = R"({"error":"the admin API answers loopback only, or with X-Admin-Token"})";
      return r;
    }
    // The KSK hub's tokens go with the sandboxes a reset or a deletion removes.
    std::vector<std::string> gone;
    if (ctx_.ksk_hub && request.method == "POST" && path == "/_sim/reset") {
      for (const auto& s : ctx_.sandboxes.list()) gone.push_back(s->name);
    } else if (ctx_.ksk_hub && request.method == "DELETE" && path.starts_with("/_sim/sandboxes/")) {
      gone.emplace_back(path.substr(16));
    }
    core::http_response r = admin_.handle(request, path, *sb);
    if (r.status == 200) {
      for (const auto& name : gone) ctx_.ksk_hub->forget(name);
    }
    return r;
  }
  if (path == "/ui" || path.starts_with("/ui/")) {
    return render_ui(request, path, *sb, admin_, prefix);
  }
  if (ctx_.ksk_hub) {
    const std::string* host = request.header("Host");
    if (auto hub_path = services::ksk_hub::ksk_hub_service::route(host ? *host : "", path))
      return ctx_.ksk_hub->handle(request, *hub_path, *sb);
  }
  if (ctx_.luu_tru && services::luu_tru::luu_tru_service::owns(path)) {
    return ctx_.luu_tru->handle(request, path, *sb);
  }
  if (ctx_.c06 && services::c06::c06_service::owns(path)) {
    return ctx_.c06->handle(request, path, *sb);
  }
  return ctx_.portal.handle(request, path, *sb);
}

}  // namespace sim::admin
