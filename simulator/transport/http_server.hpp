// sim::transport — the HTTP/1.1 server (Boost.Beast): the only code that includes Beast or Asio.
// Optionally also HTTPS (OpenSSL 3, TLS 1.2 or later) on a second port, with the same handler,
// limits and timeouts; requests over TLS reach the handler with http_request::tls = true.
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
//
// HTTPS: set options.tls (PEM text, not file names) before start(); tls_port() then gives the
// bound TLS port. The TLS handshake has its own deadline (tls_options::handshake_timeout): a
// client that connects and never finishes its ClientHello is dropped; a failed handshake
// (plain HTTP or garbage on the TLS port, a client offering only TLS 1.0/1.1) closes that
// connection only.
//
//   options.tls = sim::transport::tls_options{.port = 0, .cert_chain_pem = chain, .key_pem = key};
//
// Errors: start() throws std::system_error when an address cannot be bound, tls_error when the
// certificate chain or key cannot be used (control plane).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "simulator/core/http_message.hpp"

namespace sim::transport {

struct tls_options {
  std::uint16_t port = 8443;   // 0 → a free port
  std::string cert_chain_pem;  // server certificate, then intermediates
  std::string key_pem;         // its private key (unencrypted PEM)
  std::chrono::milliseconds handshake_timeout{std::chrono::seconds(10)};
};

// The certificate chain or key given in tls_options cannot be used; what() says which and why.
class tls_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct server_options {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 0;  // 0 = std::thread::hardware_concurrency()
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 64u * 1024 * 1024;
  std::chrono::seconds read_timeout{30};  // whole request, headers and body
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds idle_timeout{60};  // between keep-alive requests
  std::optional<tls_options> tls;         // HTTPS listener beside the plain one
};

using handler = std::function<core::http_response(core::http_request&&)>;

class http_server {
 public:
  http_server(server_options options, handler h);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  std::uint16_t start();           // binds and listens; returns the plain HTTP port
  std::uint16_t tls_port() const;  // after start(): the bound HTTPS port, 0 without options.tls
  void run();
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace sim::transport
