// Route group "duties" (see route_groups.hpp): the other duties of the provinces' plans
// (issue 11) — lưu trú declarations checked against accepted inpatient claims
// (docs/luu-tru.md) and the KSK data hub's receiver certificate (docs/ksk-hub.md).
#include <nlohmann/json.hpp>

#include "simulator/admin/route_groups.hpp"
#include "simulator/core/form.hpp"
#include "simulator/services/ksk_hub/ksk_hub_service.hpp"
#include "simulator/services/luu_tru/luu_tru_service.hpp"

namespace sim::admin {
namespace {

using json = nlohmann::json;

const std::vector<route_info>& duties_routes() {
  static const std::vector<route_info> routes = {
      {"GET", "/_sim/luu-tru/check",
       "each night of the accepted inpatient claims, declared or missing (`ma_cskcb`, `date`)"},
      {"GET", "/_sim/ksk-hub/certificate",
       "the certificate whose key signs the KSK hub's answers (PEM)"},
  };
  return routes;
}

core::http_response reply(int status, const json& body) {
  core::http_response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

std::optional<core::civil_time> parse_day(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  return core::parse_yyyymmdd(s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2));
}

std::optional<core::http_response> handle_duties(admin_context& ctx,
                                                 const core::http_request& request,
                                                 std::string_view path, engine::sandbox& sb) {
  if (path == "/_sim/luu-tru/check") {
    if (request.method != "GET") return reply(405, {{"error", "GET only"}});
    const auto query = core::parse_form(request.query()).value_or(core::form_fields{});
    const std::string* facility = core::form_value(query, "ma_cskcb");
    const std::string* date = core::form_value(query, "date");
    std::optional<core::civil_time> night;
    if (date && !date->empty()) {
      night = parse_day(*date);
      if (!night) return reply(400, {{"error", "date must be yyyy-mm-dd"}});
    }
    json r = services::luu_tru::check_nights(ctx.journal, sb, facility ? *facility : "", night);
    r["ma_cskcb"] = facility ? *facility : "";
    r["date"] = date ? *date : "";
    return reply(200, r);
  }
  if (path == "/_sim/ksk-hub/certificate") {
    if (request.method != "GET") return reply(405, {{"error", "GET only"}});
    core::http_response r;
    r.content_type = "application/x-pem-file";
    r.body = std::string(services::ksk_hub::ksk_hub_service::receiver_certificate_pem());
    return r;
  }
  return std::nullopt;
}

std::optional<core::http_response> render_duties_ui(const core::http_request&, std::string_view,
                                                    engine::sandbox&, admin_api&,
                                                    const std::string&) {
  return std::nullopt;
}

}  // namespace

const route_group& duties_route_group() {
  static const route_group g{&duties_routes, &handle_duties, &render_duties_ui};
  return g;
}

}  // namespace sim::admin
