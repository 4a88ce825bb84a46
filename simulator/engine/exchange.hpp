// sim::engine — the journal row every simulated service writes for one request (house style:
// tests and reports assert on the journal), built the same way by the portal, C06, KSK hub and
// lưu trú services:
//
//   engine::exchange_record e = engine::journal_entry(
//       {.sandbox = sb, .endpoint = "c06", .received = received, .real_now = real_clock_(),
//        .started = started},
//       request, response, effect, {.key = "x-sim-c06", .json = note});
//   if (!journal_.record_exchange(std::move(e)) && !response.reset_connection) { /* 500 */ }
//
// The request's headers are one JSON object (headers_json), written directly rather than
// through a nlohmann::json tree: every request is journalled, and the tree's allocations were a
// visible share of a C06 look-up (bench/c06_load.py).
//
//   e.request_headers = engine::headers_json(request.headers, "x-sim-c06", R"({"form":"soap"})");
//   // {"Content-Type":"text/xml","Host":"…","x-sim-c06":{"form":"soap"}}
//
// The text is exactly what nlohmann::json would dump for an object built header by header
// (keys sorted byte-wise, a repeated header name keeps its last value, ensure_ascii off,
// invalid UTF-8 replaced by U+FFFD), so readers of the journal see no difference.
// Errors: none. Thread safety: pure functions.
#pragma once

#include <chrono>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "simulator/core/http_message.hpp"
#include "simulator/engine/fault.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/virtual_clock.hpp"

namespace sim::engine {

// Appends `s` as a JSON string (quotes included) to `out`.
void append_json_string(std::string& out, std::string_view s);

// The headers as a JSON object; `extra_key`, when not empty, is one more member whose value is
// the JSON text `extra_json` (written as is; it wins over a header of the same name).
std::string headers_json(const std::vector<std::pair<std::string, std::string>>& headers,
                         std::string_view extra_key = {}, std::string_view extra_json = {});

// When and where a request was handled.
struct exchange_context {
  std::string_view sandbox;
  std::string_view endpoint;  // "token", "claim", "c06", "ksk", "luu_tru", …
  sys_time received;          // the sandbox's clock at receipt
  sys_time real_now;          // wall time at receipt
  std::chrono::steady_clock::time_point started;  // for duration_us
  // A request body longer than this is kept as its first 64 KiB (the service refused it).
  std::size_t body_limit = std::numeric_limits<std::size_t>::max();
};

// The service's own member of request_headers (e.g. "x-sim-c06" with form and outcome).
struct exchange_note {
  std::string_view key;
  std::string_view json;  // JSON text
};

// A JSON answer (the default content type, application/json; charset=utf-8): `body` dumped
// compactly, invalid UTF-8 replaced rather than thrown on.
core::http_response json_response(int status, const nlohmann::json& body);

// The answer to a request that an outage fault took down (effect.http_status, e.g. 503): the
// HTML error page a reverse proxy in front of the service would give, `title` after the status.
core::http_response outage_response(const fault_effect& effect,
                                    std::string_view title = "Service Unavailable");

// The row for `request` answered with `response` under `effect`: times, method, target,
// headers (+ `note`), body, status (0 when the connection was reset, with no body), the faults
// that fired, the duration so far. The service sets ma_giao_dich, or replaces what it must not
// keep (a password), before record_exchange().
exchange_record journal_entry(const exchange_context& at, const core::http_request& request,
                              const core::http_response& response, const fault_effect& effect,
                              exchange_note note = {});
// The same for a request the service built to be journalled (e.g. with a password masked):
// its body is moved into the row rather than copied.
exchange_record journal_entry(const exchange_context& at, core::http_request&& request,
                              const core::http_response& response, const fault_effect& effect,
                              exchange_note note = {});

}  // namespace sim::engine
