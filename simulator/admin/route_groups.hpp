// sim::admin — route groups: admin routes and /ui pages that live beside the service they serve
// (one file each), so that admin_api.cpp and ui_pages.cpp stay routers. admin_api::routes()
// lists every group's routes (docs/admin-api.md documents them all, a test keeps them in step)
// and admin_api::handle() / render_ui() try each group before answering 404.
//
//   // admin_vneid.cpp
//   const route_group& vneid_route_group() {
//     static const route_group g{&vneid_routes, &handle_vneid, &render_vneid_ui};
//     return g;
//   }
//
// Thread safety: handlers may be called from any thread, like admin_api::handle().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/admin/admin_api.hpp"

namespace sim::admin {

struct route_group {
  // The group's /_sim routes, listed by admin_api::routes().
  const std::vector<route_info>& (*routes)();
  // Answers a /_sim path the group owns (any /s/{name} prefix removed); nullopt otherwise.
  std::optional<core::http_response> (*handle)(admin_context& ctx,
                                               const core::http_request& request,
                                               std::string_view path, engine::sandbox& sb);
  // Answers a /ui path the group owns; nullopt otherwise. `admin` is the API the page reads
  // its data through; `sandbox_prefix` is "" or "/s/{name}" for links.
  std::optional<core::http_response> (*render_ui)(const core::http_request& request,
                                                  std::string_view path, engine::sandbox& sb,
                                                  admin_api& admin,
                                                  const std::string& sandbox_prefix);
};

// The VNeID health book, display states and the provinces' figures (issue 11): admin_vneid.cpp.
const route_group& vneid_route_group();
// The other duties of the provinces' plans — lưu trú, the KSK data hub (issue 11):
// admin_duties.cpp.
const route_group& duties_route_group();

// The provinces' figures and the adoption report (issue 11, sim::reports): admin_reports.cpp.
const route_group& reports_route_group();

// Every group, in the order they are tried.
inline std::vector<const route_group*> route_groups() {
  return {&vneid_route_group(), &duties_route_group(), &reports_route_group()};
}

}  // namespace sim::admin
