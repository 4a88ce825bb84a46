// sim::transport — a small blocking HTTP/1.1 client for the CLI (`sskdt-sim admin …`) and tests:
// one request per connection, a timeout on connect, write and read, a cap on the answer.
//
//   auto r = sim::transport::http_call({.url = "http://127.0.0.1:8080", .method = "GET",
//                                       .target = "/_sim/clock"});
//   if (!r.error.empty()) …   else r.status, r.body
//
// Errors: returned in `error` (connection refused, timeout, bad URL), never thrown.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace sim::transport {

struct http_call_options {
  std::string url;     // "http://host:port" (no path)
  std::string method = "GET";
  std::string target = "/";
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::seconds timeout{30};
  std::size_t max_answer = 64u << 20;
};

struct http_call_result {
  int status = 0;
  std::string body;
  std::string error;
};

http_call_result http_call(const http_call_options& options);

}  // namespace sim::transport
