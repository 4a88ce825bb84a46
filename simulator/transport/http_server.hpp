// sim::transport — the HTTP/1.1 server (Boost.Beast): the only code that includes Beast or Asio.
//
// One io_context per thread (default: one per core), each run by one thread; the acceptor hands
// each connection to the next context; one C++20 coroutine per connection; a timeout on every
// read and write; header and body limits on every parser; injected delays are co_awaited
// timers; stop() cancels everything gracefully (house style §5).
//
//   sim::transport::http_server server({.bind = "127.0.0.1", .port = 0},
//       [&](sim::core::http_request&& r) { return service.handle(std::move(r)); });
//   auto port = server.start();   // bound port (0 → a free one)
//   server.run();                 // blocks until stop() (e.g. from a signal handler)
//
// The handler runs on the connection's thread; it must be thread-safe. A body over
// `body_limit` reaches the handler as a request with error == body_too_large (no body), so the
// service can answer in its own protocol; then the connection is closed.
// Errors: start() throws std::system_error when the address cannot be bound (control plane).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "simulator/core/http_message.hpp"

namespace sim::transport {

struct server_options {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 0;                           // 0 = std::thread::hardware_concurrency()
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 64u * 1024 * 1024;
  std::chrono::seconds read_timeout{30};          // whole request, headers and body
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds idle_timeout{60};          // between keep-alive requests
};

using handler = std::function<core::http_response(core::http_request&&)>;

class http_server {
 public:
  http_server(server_options options, handler h);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  std::uint16_t start();
  void run();
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace sim::transport
