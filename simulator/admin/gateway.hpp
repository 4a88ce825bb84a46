// sim::admin — the gateway: one handler in front of everything the server answers.
//   /s/{name}/…   the same routes for sandbox {name} (404 when it does not exist)
//   /_sim/…       the admin API (loopback only, unless an admin token is set: then the
//                 `X-Admin-Token` header must carry it, from anywhere)
//   /ui/…         read-only pages for people (open to the network: a classroom can look)
//   Host api.emrhub.vn / api-sandbox.emrhub.vn, or /emrhub/…   the KSK data hub
//                 (docs/ksk-hub.md), when configured
//   /c06/luu-tru/…  lưu trú declarations (docs/luu-tru.md), when configured
//   /c06/…        the C06 population-register service (docs/c06.md), when configured
//   anything else the simulated portal
//
// Thread safety: handle() may be called from any thread.
#pragma once

#include <string>

#include "simulator/admin/admin_api.hpp"

namespace sim::admin {

struct gateway_options {
  std::string admin_token;  // empty = admin API on loopback only
};

class gateway {
 public:
  gateway(admin_context ctx, gateway_options options)
      : ctx_(ctx), admin_(ctx), options_(std::move(options)) {}

  core::http_response handle(const core::http_request& request);

 private:
  bool admin_allowed(const core::http_request& request) const;

  admin_context ctx_;
  admin_api admin_;
  gateway_options options_;
};

// HTML pages under /ui/ (ui_pages.cpp); they read through the admin API like any client.
core::http_response render_ui(const core::http_request& request, std::string_view path,
                              engine::sandbox& sb, admin_api& admin,
                              const std::string& sandbox_prefix);

}  // namespace sim::admin
