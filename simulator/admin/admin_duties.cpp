// Route group "duties" (see route_groups.hpp). No routes yet: issue 11 adds them here.
#include "simulator/admin/route_groups.hpp"

namespace sim::admin {
namespace {

const std::vector<route_info>& duties_routes() {
  static const std::vector<route_info> routes;
  return routes;
}

std::optional<core::http_response> handle_duties(admin_context&, const core::http_request&,
                                               std::string_view, engine::sandbox&) {
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
