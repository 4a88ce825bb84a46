// sim::engine — the JSON text the services write into an exchange row (exchange_record's
// request_headers and faults): the request's headers as one object, written directly rather
// than through a nlohmann::json tree, because every request of every service is journalled and
// the tree's allocations were a visible share of a C06 look-up (bench/c06_load.py).
//
//   e.request_headers = engine::headers_json(request.headers, "x-sim-c06", R"({"form":"soap"})");
//   // {"Content-Type":"text/xml","Host":"…","x-sim-c06":{"form":"soap"}}
//
// The text is exactly what nlohmann::json would dump for an object built header by header
// (keys sorted byte-wise, a repeated header name keeps its last value, ensure_ascii off,
// invalid UTF-8 replaced by U+FFFD), so readers of the journal see no difference.
// Errors: none. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim::engine {

// Appends `s` as a JSON string (quotes included) to `out`.
void append_json_string(std::string& out, std::string_view s);

// The headers as a JSON object; `extra_key`, when not empty, is one more member whose value is
// the JSON text `extra_json` (written as is; it wins over a header of the same name).
std::string headers_json(const std::vector<std::pair<std::string, std::string>>& headers,
                         std::string_view extra_key = {}, std::string_view extra_json = {});

}  // namespace sim::engine
