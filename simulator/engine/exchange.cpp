#include "simulator/engine/exchange.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sim::engine {
namespace {

bool plain_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  if (!plain_ascii(s)) {
    // nlohmann's own escaping, for its handling of invalid UTF-8 (replaced by U+FFFD).
    out += nlohmann::json(std::string(s))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the pending run of characters that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[(c >> 4) & 0xF];
        out += hex[c & 0xF];
    }
  }
  out.append(s.substr(run));
  out += '"';
}

std::string headers_json(const std::vector<std::pair<std::string, std::string>>& headers,
                         std::string_view extra_key, std::string_view extra_json) {
  struct member {
    std::string_view key, value;
    bool raw;  // value is JSON text
  };
  std::vector<member> members;
  members.reserve(headers.size() + 1);
  for (const auto& [k, v] : headers) members.push_back({k, v, false});
  if (!extra_key.empty()) members.push_back({extra_key, extra_json, true});
  // Sorted by key as std::map orders them; equal keys keep their order, and the last wins.
  std::stable_sort(members.begin(), members.end(),
                   [](const member& a, const member& b) { return a.key < b.key; });
  std::size_t size = 2;
  for (const auto& m : members) size += m.key.size() + m.value.size() + 6;
  std::string out;
  out.reserve(size);
  out += '{';
  bool first = true;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i + 1 < members.size() && members[i + 1].key == members[i].key) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, members[i].key);
    out += ':';
    if (members[i].raw) {
      out += members[i].value;
    } else {
      append_json_string(out, members[i].value);
    }
  }
  out += '}';
  return out;
}

core::http_response json_response(int status, const nlohmann::json& body) {
  core::http_response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

core::http_response outage_response(const fault_effect& effect, std::string_view title) {
  core::http_response r;
  r.status = effect.http_status;
  r.content_type = "text/html; charset=utf-8";
  r.body = "<html><body><h1>" + std::to_string(effect.http_status) + " " + std::string(title) +
           "</h1></body></html>";
  return r;
}

namespace {

// A request body as the journal keeps it: whole, or its first 64 KiB when over the limit.
std::string kept_body(const exchange_context& at, std::string_view body) {
  return std::string(body.size() > at.body_limit ? body.substr(0, 64 * 1024) : body);
}

}  // namespace

exchange_record journal_entry(const exchange_context& at, const core::http_request& request,
                              const core::http_response& response, const fault_effect& effect,
                              exchange_note note) {
  exchange_record e;
  e.sandbox = std::string(at.sandbox);
  e.endpoint = std::string(at.endpoint);
  e.virtual_time = format_iso8601_utc(at.received);
  e.real_time = format_iso8601_utc(at.real_now);
  e.method = request.method;
  e.target = request.target;
  e.request_headers = headers_json(request.headers, note.key, note.json);
  e.request_body = kept_body(at, request.body);
  e.status = response.reset_connection ? 0 : response.status;
  if (!response.reset_connection) e.response_body = response.body;
  e.faults = effect.fired.empty() ? "[]" : nlohmann::json(effect.fired).dump();
  e.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - at.started)
                      .count();
  return e;
}

exchange_record journal_entry(const exchange_context& at, core::http_request&& request,
                              const core::http_response& response, const fault_effect& effect,
                              exchange_note note) {
  std::string body = std::move(request.body);
  request.body.clear();
  exchange_record e = journal_entry(at, std::as_const(request), response, effect, note);
  e.request_body = body.size() > at.body_limit ? kept_body(at, body) : std::move(body);
  return e;
}

}  // namespace sim::engine
