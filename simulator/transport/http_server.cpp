#include "simulator/transport/http_server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <thread>
#include <vector>

namespace sim::transport {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct http_server::impl {
  server_options options;
  handler on_request;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::atomic<bool> stopping{false};
  std::size_t next_context = 0;

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(tcp::socket socket);
};

namespace {

core::http_request to_request(const http::request<http::string_body>& in, bool has_body) {
  core::http_request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  for (const auto& f : in) r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  if (has_body) r.body = in.body();
  return r;
}

http::response<http::string_body> to_wire(const core::http_response& in, unsigned version,
                                          bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(in.status), version};
  out.set(http::field::server, "sskdt-sim");
  out.set(http::field::content_type, in.content_type);
  for (const auto& [k, v] : in.headers) out.set(k, v);
  out.keep_alive(keep_alive);
  out.body() = in.body;
  out.prepare_payload();
  return out;
}

}  // namespace

asio::awaitable<void> http_server::impl::accept_loop() {
  while (!stopping) {
    auto& ctx = *contexts[next_context++ % contexts.size()];
    auto [ec, socket] = co_await acceptor->async_accept(ctx.get_executor(), use_tuple);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      continue;  // e.g. EMFILE: keep serving the others
    }
    asio::co_spawn(ctx.get_executor(), session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> http_server::impl::session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  std::string remote;
  {
    boost::system::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string() + ":" + std::to_string(ep.port());
  }
  bool first = true;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(options.body_limit);
    stream.expires_after(first ? options.read_timeout : options.idle_timeout);
    first = false;
    // Headers first, so that an over-limit body is refused from its Content-Length alone.
    auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
    // A Content-Length over the limit is refused here, before any of the body is read.
    const bool too_large_early = hec == http::error::body_limit;
    if (hec && !too_large_early) {
      if (hec == http::error::end_of_stream || hec == beast::error::timeout ||
          hec == asio::error::operation_aborted || hec == asio::error::connection_reset ||
          hec == asio::error::eof)
        break;
      // Malformed request line/headers or header over the limit: a clear answer, then close.
      core::http_response bad;
      bad.status = hec == http::error::header_limit ? 431 : 400;
      bad.body = R"({"error":"bad request: )" + hec.message() + "\"}";
      stream.expires_after(options.write_timeout);
      co_await http::async_write(stream, to_wire(bad, 11, false), use_tuple);
      break;
    }
    boost::system::error_code bec = hec;
    if (!too_large_early) {
      stream.expires_after(options.read_timeout);
      auto [read_ec, bn] = co_await http::async_read(stream, buffer, parser, use_tuple);
      bec = read_ec;
    }
    core::http_request request = to_request(parser.get(), !bec);
    request.remote = remote;
    bool close_after = false;
    if (bec == http::error::body_limit) {
      request.error = core::http_request::problem::body_too_large;
      close_after = true;
    } else if (bec) {
      if (bec != beast::error::timeout && bec != http::error::end_of_stream &&
          bec != asio::error::eof && bec != asio::error::connection_reset &&
          bec != asio::error::operation_aborted) {
        core::http_response bad;
        bad.status = 400;
        bad.body = R"({"error":"bad request body: )" + bec.message() + "\"}";
        stream.expires_after(options.write_timeout);
        co_await http::async_write(stream, to_wire(bad, 11, false), use_tuple);
      }
      break;
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
      if (tec) break;
    }
    if (response.reset_connection) {
      boost::system::error_code ignored;
      stream.socket().set_option(asio::socket_base::linger(true, 0), ignored);
      stream.socket().close(ignored);
      co_return;
    }
    const bool keep_alive = parser.get().keep_alive() && !close_after && !stopping;
    stream.expires_after(options.write_timeout);
    auto [wec, wn] = co_await http::async_write(
        stream, to_wire(response, parser.get().version(), keep_alive), use_tuple);
    if (wec || !keep_alive) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

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
  tcp::endpoint ep(asio::ip::make_address(impl_->options.bind), impl_->options.port);
  impl_->acceptor = std::make_unique<tcp::acceptor>(ctx);
  impl_->acceptor->open(ep.protocol());
  impl_->acceptor->set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor->bind(ep);
  impl_->acceptor->listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(ctx, impl_->accept_loop(), asio::detached);
  return impl_->acceptor->local_endpoint().port();
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
  if (impl_->acceptor) {
    asio::post(*impl_->contexts[0], [a = impl_->acceptor.get()] {
      boost::system::error_code ignored;
      a->close(ignored);
    });
  }
  for (auto& g : impl_->guards) g.reset();
  for (auto& c : impl_->contexts) c->stop();
}

}  // namespace sim::transport
