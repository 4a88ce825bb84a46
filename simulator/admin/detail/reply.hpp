// sim::admin::detail — the admin API's JSON answer, shared by admin_api.cpp and the route groups
// (route_groups.hpp): `body` (nlohmann::json or ordered_json) dumped compactly, invalid UTF-8
// replaced rather than thrown on.
//
//   return detail::reply(404, json{{"error", "no such sandbox"}});
//
// A file that answers braced lists (`reply(404, {{"error", …}})`, which a template cannot
// deduce) names its JSON type once in a one-line wrapper.
#pragma once

#include "simulator/core/http_message.hpp"

namespace sim::admin::detail {

template <class Json>
core::http_response reply(int status, const Json& body) {
  core::http_response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

}  // namespace sim::admin::detail
