#include "simulator/transport/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace sim::transport {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

http_call_result http_call(const http_call_options& o) {
  http_call_result out;
  std::string rest = o.url;
  if (rest.rfind("http://", 0) == 0) {
    rest = rest.substr(7);
  } else {
    out.error = "only http:// URLs are supported: " + o.url;
    return out;
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
  std::string host = rest, port = "80";
  if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  try {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(o.timeout);
    stream.connect(resolver.resolve(host, port));
    http::request<http::string_body> req{http::string_to_verb(o.method), o.target, 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "sskdt-sim");
    for (const auto& [k, v] : o.headers) req.set(k, v);
    if (!o.body.empty() || o.method == "POST") {
      req.set(http::field::content_type, o.content_type);
      req.body() = o.body;
    }
    req.prepare_payload();
    stream.expires_after(o.timeout);
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(o.max_answer);
    stream.expires_after(o.timeout);
    http::read(stream, buffer, parser);
    out.status = parser.get().result_int();
    out.body = parser.get().body();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  } catch (const std::exception& e) {
    out.error = std::string("cannot reach ") + o.url + ": " + e.what();
  }
  return out;
}

}  // namespace sim::transport
