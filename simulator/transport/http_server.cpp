#include "simulator/transport/http_server.hpp"

#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <thread>
#include <vector>

namespace sim::transport {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct http_server::impl {
  server_options options;
  handler on_request;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<ssl::context> tls_context;  // shared by every TLS connection (read-only)
  std::unique_ptr<tcp::acceptor> tls_acceptor;
  std::atomic<bool> stopping{false};
  std::size_t next_context = 0;  // touched only by the accept loops, both on contexts[0]

  enum class ending { close, reset };
  asio::awaitable<void> accept_loop(tcp::acceptor& from, bool tls);
  asio::awaitable<void> session(tcp::socket socket);
  asio::awaitable<void> tls_session(tcp::socket socket);
  // The request/response loop shared by HTTP and HTTPS; says how the connection should end.
  template <class Stream>
  asio::awaitable<ending> exchange_loop(Stream& stream, const std::string& remote, bool tls);
};

namespace {

core::http_request to_request(http::request<http::string_body>& in, bool has_body) {
  core::http_request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  for (const auto& f : in)
    r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  if (has_body) r.body = std::move(in.body());
  return r;
}

http::response<http::string_body> to_wire(core::http_response in, unsigned version,
                                          bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(in.status), version};
  out.set(http::field::server, "sskdt-sim");
  out.set(http::field::content_type, in.content_type);
  for (const auto& [k, v] : in.headers) out.set(k, v);
  out.keep_alive(keep_alive);
  out.body() = std::move(in.body);
  out.prepare_payload();
  return out;
}

}  // namespace

asio::awaitable<void> http_server::impl::accept_loop(tcp::acceptor& from, bool tls) {
  while (!stopping) {
    auto& ctx = *contexts[next_context++ % contexts.size()];
    auto [ec, socket] = co_await from.async_accept(ctx.get_executor(), use_tuple);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      continue;  // e.g. EMFILE: keep serving the others
    }
    if (tls) {
      asio::co_spawn(ctx.get_executor(), tls_session(std::move(socket)), asio::detached);
    } else {
      asio::co_spawn(ctx.get_executor(), session(std::move(socket)), asio::detached);
    }
  }
}

namespace {

bool peer_gone(const boost::system::error_code& ec) {
  // A TLS peer that closes without close_notify (most HTTP clients) reads as stream_truncated;
  // any other TLS-layer error leaves nothing to answer on either.
  return ec == http::error::end_of_stream || ec == beast::error::timeout ||
         ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
         ec == asio::error::eof || ec == ssl::error::stream_truncated ||
         ec.category() == asio::error::get_ssl_category();
}

std::string remote_of(const tcp::socket& socket) {
  boost::system::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  return ec ? std::string() : ep.address().to_string() + ":" + std::to_string(ep.port());
}

}  // namespace

template <class Stream>
asio::awaitable<http_server::impl::ending> http_server::impl::exchange_loop(
    Stream& stream, const std::string& remote, bool tls) {
  auto& lowest = beast::get_lowest_layer(stream);
  beast::flat_buffer buffer;
  bool first = true;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(options.body_limit);
    lowest.expires_after(first ? options.read_timeout : options.idle_timeout);
    first = false;
    // Headers first, so that an over-limit body is refused from its Content-Length alone.
    auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
    // A Content-Length over the limit is refused here, before any of the body is read.
    const bool too_large_early = hec == http::error::body_limit;
    if (hec && !too_large_early) {
      if (peer_gone(hec)) co_return ending::close;
      // Malformed request line/headers or header over the limit: a clear answer, then close.
      core::http_response bad;
      bad.status = hec == http::error::header_limit ? 431 : 400;
      bad.body = R"({"error":"bad request: )" + hec.message() + "\"}";
      lowest.expires_after(options.write_timeout);
      co_await http::async_write(stream, to_wire(bad, 11, false), use_tuple);
      co_return ending::close;
    }
    boost::system::error_code bec = hec;
    if (!too_large_early) {
      lowest.expires_after(options.read_timeout);
      auto [read_ec, bn] = co_await http::async_read(stream, buffer, parser, use_tuple);
      bec = read_ec;
    }
    core::http_request request = to_request(parser.get(), !bec);
    request.remote = remote;
    request.tls = tls;
    bool close_after = false;
    if (bec == http::error::body_limit) {
      request.error = core::http_request::problem::body_too_large;
      close_after = true;
    } else if (bec) {
      if (!peer_gone(bec)) {
        core::http_response bad;
        bad.status = 400;
        bad.body = R"({"error":"bad request body: )" + bec.message() + "\"}";
        lowest.expires_after(options.write_timeout);
        co_await http::async_write(stream, to_wire(bad, 11, false), use_tuple);
      }
      co_return ending::close;
    }
    core::http_response response;
    try {
      response = on_request(std::move(request));
    } catch (const std::exception& e) {
      response = core::http_response{};
      response.status = 500;
      response.body = R"({"maKetQua":"500","thongDiep":"Lỗi hệ thống mô phỏng"})";
    }
    if (response.delay.count() > 0) {
      asio::steady_timer timer(stream.get_executor());
      timer.expires_after(response.delay);
      auto [tec] = co_await timer.async_wait(use_tuple);
      if (tec) co_return ending::close;
    }
    if (response.reset_connection) co_return ending::reset;
    const bool keep_alive = parser.get().keep_alive() && !close_after && !stopping;
    lowest.expires_after(options.write_timeout);
    auto [wec, wn] = co_await http::async_write(
        stream, to_wire(std::move(response), parser.get().version(), keep_alive), use_tuple);
    if (wec || !keep_alive) co_return ending::close;
  }
}

namespace {

void reset(tcp::socket& socket) {
  boost::system::error_code ignored;
  socket.set_option(asio::socket_base::linger(true, 0), ignored);
  socket.close(ignored);
}

}  // namespace

asio::awaitable<void> http_server::impl::session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  const std::string remote = remote_of(stream.socket());
  const ending how = co_await exchange_loop(stream, remote, false);
  if (how == ending::reset) {
    reset(stream.socket());
    co_return;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> http_server::impl::tls_session(tcp::socket socket) {
  beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls_context);
  auto& lowest = beast::get_lowest_layer(stream);
  const std::string remote = remote_of(lowest.socket());
  // The deadline covers the whole handshake, however slowly its bytes arrive (house style §5).
  lowest.expires_after(options.tls->handshake_timeout);
  auto [hec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
  if (hec) {  // plain HTTP, garbage, TLS 1.0/1.1 only, or the deadline: this connection only
    boost::system::error_code ignored;
    lowest.socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest.close();
    co_return;
  }
  const ending how = co_await exchange_loop(stream, remote, true);
  if (how == ending::reset) {
    reset(lowest.socket());
    co_return;
  }
  // close_notify, bounded like any write; a peer that already left ends it at once.
  lowest.expires_after(std::min<std::chrono::steady_clock::duration>(options.write_timeout,
                                                                     std::chrono::seconds(5)));
  co_await stream.async_shutdown(use_tuple);
  boost::system::error_code ignored;
  lowest.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

namespace {

// The server's SSL context: TLS 1.2 or later, the chain and key from PEM text, the key checked
// against the certificate so that a mismatch is a start-up error rather than failed handshakes.
std::unique_ptr<ssl::context> make_tls_context(const tls_options& tls) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                   ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  boost::system::error_code ec;
  ctx->use_certificate_chain(asio::buffer(tls.cert_chain_pem), ec);
  if (ec)
    throw tls_error("TLS certificate chain: no usable PEM certificate (" + ec.message() + ")");
  ctx->use_private_key(asio::buffer(tls.key_pem), ssl::context::pem, ec);
  if (ec) {
    throw tls_error(
        "TLS private key: no usable PEM private key, or it does not match the "
        "certificate (" +
        ec.message() + ")");
  }
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
    throw tls_error("TLS private key does not match the certificate");
  }
  return ctx;
}

std::unique_ptr<tcp::acceptor> listen_on(asio::io_context& ctx, const std::string& bind,
                                         std::uint16_t port) {
  tcp::endpoint ep(asio::ip::make_address(bind), port);
  auto acceptor = std::make_unique<tcp::acceptor>(ctx);
  acceptor->open(ep.protocol());
  acceptor->set_option(asio::socket_base::reuse_address(true));
  acceptor->bind(ep);
  acceptor->listen(asio::socket_base::max_listen_connections);
  return acceptor;
}

}  // namespace

http_server::http_server(server_options options, handler h) : impl_(std::make_unique<impl>()) {
  impl_->options = std::move(options);
  impl_->on_request = std::move(h);
  unsigned n = impl_->options.threads ? impl_->options.threads
                                      : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < n; ++i) {
    impl_->contexts.push_back(std::make_unique<asio::io_context>(1));
    impl_->guards.push_back(asio::make_work_guard(*impl_->contexts.back()));
  }
}

http_server::~http_server() { stop(); }

std::uint16_t http_server::start() {
  auto& ctx = *impl_->contexts[0];
  const auto& o = impl_->options;
  // Everything that can fail is done before any accept loop runs.
  if (o.tls) impl_->tls_context = make_tls_context(*o.tls);
  impl_->acceptor = listen_on(ctx, o.bind, o.port);
  if (o.tls) impl_->tls_acceptor = listen_on(ctx, o.bind, o.tls->port);
  asio::co_spawn(ctx, impl_->accept_loop(*impl_->acceptor, false), asio::detached);
  if (impl_->tls_acceptor) {
    asio::co_spawn(ctx, impl_->accept_loop(*impl_->tls_acceptor, true), asio::detached);
  }
  return impl_->acceptor->local_endpoint().port();
}

std::uint16_t http_server::tls_port() const {
  return impl_->tls_acceptor ? impl_->tls_acceptor->local_endpoint().port() : 0;
}

void http_server::run() {
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->contexts.size(); ++i)
    threads.emplace_back([ctx = impl_->contexts[i].get()] { ctx->run(); });
  impl_->contexts[0]->run();
  for (auto& t : threads) t.join();
}

void http_server::stop() {
  if (impl_->stopping.exchange(true)) return;
  for (auto* a : {impl_->acceptor.get(), impl_->tls_acceptor.get()}) {
    if (!a) continue;
    asio::post(*impl_->contexts[0], [a] {
      boost::system::error_code ignored;
      a->close(ignored);
    });
  }
  for (auto& g : impl_->guards) g.reset();
  for (auto& c : impl_->contexts) c->stop();
}

}  // namespace sim::transport
