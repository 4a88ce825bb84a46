// sim::core — HTTP exchanges as plain values, so that the simulated services (sim::services)
// never see Beast or Asio (house style §2). sim::transport converts to and from the wire.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim::core {

struct http_request {
  std::string method;                                        // "GET", "POST", …
  std::string target;                                        // path + query, as received
  std::vector<std::pair<std::string, std::string>> headers;  // in order, names as received
  std::string body;
  std::string remote;                                        // peer address, for the journal
  bool tls = false;

  // Transport-detected problems the service answers in its own words (e.g. maKetQua).
  enum class problem { none, body_too_large };
  problem error = problem::none;

  // Case-insensitive header look-up (first match); nullptr when absent.
  const std::string* header(std::string_view name) const;
  std::string_view path() const;   // target without the query
  std::string_view query() const;  // after '?', or empty
};

struct http_response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Faults: answer only after `delay` (a timer, never a blocking sleep); or reset the
  // connection instead of answering.
  std::chrono::milliseconds delay{0};
  bool reset_connection = false;
};

}  // namespace sim::core
