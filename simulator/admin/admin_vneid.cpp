// Route group "vneid" (see route_groups.hpp). No routes yet: issue 11 adds them here.
#include "simulator/admin/route_groups.hpp"

namespace sim::admin {
namespace {

const std::vector<route_info>& vneid_routes() {
  static const std::vector<route_info> routes;
  return routes;
}

std::optional<core::http_response> handle_vneid(admin_context&, const core::http_request&,
                                               std::string_view, engine::sandbox&) {
  return std::nullopt;
}

std::optional<core::http_response> render_vneid_ui(const core::http_request&, std::string_view,
                                                  engine::sandbox&, admin_api&,
                                                  const std::string&) {
  return std::nullopt;
}

}  // namespace

const route_group& vneid_route_group() {
  static const route_group g{&vneid_routes, &handle_vneid, &render_vneid_ui};
  return g;
}

}  // namespace sim::admin
