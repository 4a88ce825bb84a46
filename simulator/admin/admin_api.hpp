// sim::admin — the one admin API of the simulator (WireMock's Admin, Toxiproxy's API): the same
// methods serve the HTTP routes under /_sim/… (and /s/{name}/_sim/… for a sandbox), the
// `sskdt-sim admin` CLI and the pytest client. Every route is listed in routes() and documented
// in docs/admin-api.md (a test keeps the two in step).
//
//   sim::admin::admin_api admin({sandboxes, journal, portal});
//   auto r = admin.handle(request, "/_sim/clock", *sandboxes.get("default"));
//
// Replies are JSON; errors are {"error": "..."} with HTTP 400/404/409.
// Thread safety: handle() may be called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/http_message.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/sandbox.hpp"
#include "simulator/services/portal/portal_service.hpp"

namespace sim::services::c06 {
class c06_service;
}
namespace sim::services::ksk_hub {
class ksk_hub_service;
}
namespace sim::services::luu_tru {
class luu_tru_service;
}

namespace sim::admin {

struct route_info {
  std::string_view method;
  std::string_view path;     // with {placeholders}
  std::string_view summary;
};

struct admin_context {
  engine::sandbox_registry& sandboxes;
  engine::journal& journal;
  services::portal::portal_service& portal;
  // The C06 population-register service under /c06/… (null: those paths go to the portal,
  // which answers 404).
  services::c06::c06_service* c06 = nullptr;
  // The Ministry of Health KSK data hub (Host api.emrhub.vn / api-sandbox.emrhub.vn, or
  // /emrhub/… on any host; docs/ksk-hub.md); null: those requests go to the portal.
  services::ksk_hub::ksk_hub_service* ksk_hub = nullptr;
  // Lưu trú declarations under /c06/luu-tru/… (docs/luu-tru.md), routed before the C06
  // service; null: those paths go to the C06 service (404 there).
  services::luu_tru::luu_tru_service* luu_tru = nullptr;
};

class admin_api {
 public:
  explicit admin_api(admin_context ctx) : ctx_(ctx) {}

  // `path` starts with /_sim (any /s/{name} prefix already removed; `sb` is that sandbox).
  core::http_response handle(const core::http_request& request, std::string_view path,
                             engine::sandbox& sb);

  static const std::vector<route_info>& routes();

 private:
  admin_context ctx_;
};

}  // namespace sim::admin
