// The HTTP server on a real socket: answers, keep-alive, limits, timeouts, faults.
#include "simulator/transport/http_server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace sim::transport {
namespace {

class client {
 public:
  explicit client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    timeval tv{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~client() { ::close(fd_); }
  bool connected() const { return connected_; }
  void send(const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
      auto n = ::send(fd_, s.data() + off, s.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return;
      off += static_cast<std::size_t>(n);
    }
  }
  // Reads until the peer closes or `until` appears after a full body (simple: until timeout).
  std::string read_response() {
    std::string out;
    char buf[4096];
    for (;;) {
      auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      auto hdr_end = out.find("\r\n\r\n");
      if (hdr_end != std::string::npos) {
        auto cl = out.find("Content-Length: ");
        if (cl != std::string::npos && cl < hdr_end) {
          auto len = std::stoul(out.substr(cl + 16));
          if (out.size() >= hdr_end + 4 + len) break;
        }
      }
    }
    return out;
  }
  bool closed_by_peer() {
    char c;
    return ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

struct running_server {
  std::atomic<int> calls{0};
  std::unique_ptr<http_server> server;
  std::thread thread;
  std::uint16_t port = 0;

  explicit running_server(server_options o) {
    o.bind = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    server = std::make_unique<http_server>(o, [this](core::http_request&& r) {
      ++calls;
      core::http_response resp;
      if (r.error == core::http_request::problem::body_too_large) {
        resp.status = 413;
        resp.body = R"({"maKetQua":"413"})";
      } else if (r.path() == "/slow") {
        resp.delay = std::chrono::milliseconds(200);
        resp.body = "slow";
      } else if (r.path() == "/reset") {
        resp.reset_connection = true;
      } else {
        resp.body = r.method + " " + std::string(r.path()) + " " + std::to_string(r.body.size());
      }
      return resp;
    });
    port = server->start();
    thread = std::thread([this] { server->run(); });
  }
  ~running_server() {
    server->stop();
    thread.join();
  }
};

TEST(HttpServer, AnswersAndKeepsAlive) {
  running_server s({});
  client c(s.port);
  ASSERT_TRUE(c.connected());
  c.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
  auto r1 = c.read_response();
  EXPECT_NE(r1.find("200 OK"), std::string::npos);
  EXPECT_NE(r1.find("POST /a 3"), std::string::npos);
  c.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(c.read_response().find("GET /b 0"), std::string::npos);
  EXPECT_EQ(s.calls, 2);
}

TEST(HttpServer, BodyOverLimitIsAnsweredByTheServiceThenClosed) {
  server_options o;
  o.body_limit = 1024;
  running_server s(o);
  client c(s.port);
  c.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n");
  auto r = c.read_response();
  EXPECT_NE(r.find("413"), std::string::npos);
  EXPECT_NE(r.find("maKetQua"), std::string::npos);
}

TEST(HttpServer, GarbageAndOversizedHeadersGetAClearAnswer) {
  server_options o;
  o.header_limit = 512;
  running_server s(o);
  {
    client c(s.port);
    c.send("THIS IS NOT HTTP\r\n\r\n");
    EXPECT_NE(c.read_response().find("400"), std::string::npos);
  }
  {
    client c(s.port);
    c.send("GET / HTTP/1.1\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n");
    EXPECT_NE(c.read_response().find("431"), std::string::npos);
  }
  {
    client c(s.port);
    c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nxx\r\n");
    EXPECT_NE(c.read_response().find("400"), std::string::npos);
  }
  EXPECT_EQ(s.calls, 0);
}

TEST(HttpServer, SlowlorisIsCutOffByTheReadTimeout) {
  server_options o;
  o.read_timeout = std::chrono::seconds(1);
  running_server s(o);
  client c(s.port);
  c.send("GET / HTTP/1.1\r\nHost: x\r\n");  // never finishes the headers
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
  // …while others are still served.
  client other(s.port);
  other.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(other.read_response().find("GET /ok"), std::string::npos);
}

TEST(HttpServer, DelayIsATimerAndResetClosesTheConnection) {
  running_server s({});
  client slow(s.port);
  slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  // While /slow waits on its timer, the same thread keeps serving others.
  client fast(s.port);
  fast.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(fast.read_response().find("GET /fast"), std::string::npos);
  EXPECT_NE(slow.read_response().find("slow"), std::string::npos);
  client reset(s.port);
  reset.send("GET /reset HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(reset.read_response(), "");
}

}  // namespace
}  // namespace sim::transport
