// sim::services::c06 — client authentication as real clients of the C06 service perform it
// (spec c06 A4; docs/c06.md "Authentication"):
//   Timestamp: <Unix ms>            (the PHP client sends `timestamp`; header names are
//                                    case-insensitive, so both are the same header)
//   Authorization: Basic base64(user + ":" + sha256hex(url_xacthuc + user + timestamp + secretKey))
//   ApiKey: <the account's key>     X-Road-Client: <the account's X-Road client id>
// url_xacthuc is taken to be the URL the client called: scheme://Host/path, with Host exactly
// as the client sent it and the path as sent (with any /s/{name} prefix), no query [I].
// The Timestamp is checked against the server's real wall clock (clients use their own
// clocks), within world::c06_behaviour::timestamp_window either way.
//
//   std::string sig = signature("http://127.0.0.1:8080/c06/dancu", "his_38001",
//                               "1764720000000", "c06-secret-38001");
//   auth_result r = authenticate(request, url_of(request), w.c06, real_now);
//   if (r.failure != auth_failure::none) … r.message …
//
// Errors: a failure is a value (auth_failure + Vietnamese message), never an exception.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "simulator/core/http_message.hpp"
#include "simulator/engine/virtual_clock.hpp"
#include "simulator/world/world.hpp"

namespace sim::services::c06 {

enum class auth_failure {
  none,
  missing_authorization,    // no Authorization: Basic header
  malformed_authorization,  // not base64 of user:password
  unknown_user,
  missing_timestamp,
  malformed_timestamp,  // not a Unix time in milliseconds
  stale_timestamp,      // outside the window
  bad_signature,
  missing_api_key,
  wrong_api_key,
  missing_x_road_client,
  wrong_x_road_client,
};

// A stable name for the journal and tests: "bad_signature", "stale_timestamp", …
std::string_view to_string(auth_failure f);

struct auth_result {
  const world::c06_account* account = nullptr;  // set when the user is known
  auth_failure failure = auth_failure::none;
  std::string message;  // Vietnamese, names what is wrong
};

// sha256hex(url + user + timestamp + secret), lower-case hex.
std::string signature(std::string_view url, std::string_view user, std::string_view timestamp,
                      std::string_view secret);

// "http(s)://" + Host + path of the request (see above).
std::string url_of(const core::http_request& request);

// The user name of an `Authorization: Basic` header, or empty.
std::string basic_user(const core::http_request& request);

// Checks the headers of `request` against the accounts of `c06`. The signature is accepted in
// lower- or upper-case hex.
auth_result authenticate(const core::http_request& request, std::string_view url,
                         const world::c06_behaviour& c06, engine::sys_time real_now);

}  // namespace sim::services::c06
