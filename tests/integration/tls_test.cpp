// The HTTPS listener on a real socket, driven by an OpenSSL client: the handler sees tls=true,
// the certificate from the test PKI validates for localhost and 127.0.0.1 against the root CA,
// plain HTTP / garbage / a silent client / TLS 1.1 on the TLS port end that connection only.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "simulator/transport/http_server.hpp"

namespace sim::transport {
namespace {

std::string fixture(const std::string& name) {
  const auto path = std::filesystem::path(SSKDT_SOURCE_DIR) / "fixtures/pki/default" / name;
  std::ifstream is(path, std::ios::binary);
  std::stringstream ss;
  ss << is.rdbuf();
  return ss.str();
}

int connect_to(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// What the peer sends until it closes (or 5 s pass); true in `closed` when it closed.
std::string drain(int fd, bool& closed) {
  std::string out;
  char buf[4096];
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      closed = n == 0 || errno == ECONNRESET;
      return out;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

// One HTTPS exchange with OpenSSL: verifies the server against `ca_pem` for `host`.
struct tls_result {
  bool handshake = false;
  long verify = -1;  // X509_V_OK when the chain and the name check passed
  int version = 0;   // TLS1_2_VERSION, TLS1_3_VERSION
  std::string response;
};

tls_result https_exchange(std::uint16_t port, const std::string& request, const std::string& ca_pem,
                          const std::string& host, int max_version = 0) {
  tls_result out;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        &SSL_CTX_free);
  if (max_version) {
    // Let the client offer old versions at all (OpenSSL 3's default level refuses them), so
    // that a refusal can only come from the server.
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(ctx.get(), max_version);
  }
  if (!ca_pem.empty()) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(ca_pem.data(), static_cast<int>(ca_pem.size())), &BIO_free);
    X509* ca = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx.get()), ca);
    X509_free(ca);
  }
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);  // judged below, from the result
  int fd = connect_to(port);
  if (fd < 0) return out;
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), &SSL_free);
  SSL_set_fd(ssl.get(), fd);
  SSL_set_tlsext_host_name(ssl.get(), host.c_str());
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl.get());
  if (host.find_first_not_of("0123456789.") == std::string::npos) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  }
  if (SSL_connect(ssl.get()) == 1) {
    out.handshake = true;
    out.verify = SSL_get_verify_result(ssl.get());
    out.version = SSL_version(ssl.get());
    SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
    char buf[4096];
    for (;;) {
      int n = SSL_read(ssl.get(), buf, sizeof buf);
      if (n <= 0) break;
      out.response.append(buf, static_cast<std::size_t>(n));
    }
  }
  ERR_clear_error();
  ::close(fd);
  return out;
}

struct running_tls_server {
  std::atomic<int> calls{0};
  std::unique_ptr<http_server> server;
  std::thread thread;
  std::uint16_t port = 0;
  std::uint16_t tls_port = 0;

  explicit running_tls_server(
      std::chrono::milliseconds handshake_timeout = std::chrono::seconds(5)) {
    server_options o;
    o.bind = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    o.tls = tls_options{.port = 0,
                        .cert_chain_pem = fixture("server-localhost.chain.pem"),
                        .key_pem = fixture("server-localhost.key.pem"),
                        .handshake_timeout = handshake_timeout};
    server = std::make_unique<http_server>(o, [this](core::http_request&& r) {
      ++calls;
      core::http_response resp;
      resp.body = r.method + " " + std::string(r.path()) + " tls=" + (r.tls ? "1" : "0");
      return resp;
    });
    port = server->start();
    tls_port = server->tls_port();
    thread = std::thread([this] { server->run(); });
  }
  ~running_tls_server() {
    server->stop();
    thread.join();
  }
};

const std::string get_close = "GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

TEST(HttpsServer, AnswersOverTlsWithTheTestPkiCertificateForLocalhostAndLoopback) {
  running_tls_server s;
  ASSERT_NE(s.tls_port, 0);
  ASSERT_NE(s.tls_port, s.port);
  const std::string root = fixture("root-ca.cert.pem");
  for (const char* host : {"localhost", "127.0.0.1"}) {
    auto r = https_exchange(s.tls_port, get_close, root, host);
    ASSERT_TRUE(r.handshake) << host;
    EXPECT_EQ(r.verify, X509_V_OK) << host << ": " << X509_verify_cert_error_string(r.verify);
    EXPECT_GE(r.version, TLS1_2_VERSION);
    EXPECT_NE(r.response.find("200 OK"), std::string::npos) << r.response;
    EXPECT_NE(r.response.find("GET /hello tls=1"), std::string::npos) << r.response;
  }
  // The same handler behind the plain port sees tls=0.
  int fd = connect_to(s.port);
  ASSERT_GE(fd, 0);
  ::send(fd, get_close.data(), get_close.size(), MSG_NOSIGNAL);
  bool closed = false;
  EXPECT_NE(drain(fd, closed).find("GET /hello tls=0"), std::string::npos);
  ::close(fd);
  EXPECT_EQ(s.calls, 3);
}

TEST(HttpsServer, CertificateIsRefusedWithoutTheRootCaOrForAnotherName) {
  running_tls_server s;
  auto no_ca = https_exchange(s.tls_port, get_close, "", "localhost");
  ASSERT_TRUE(no_ca.handshake);  // the client only records the verdict
  EXPECT_EQ(no_ca.verify, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  auto other = https_exchange(s.tls_port, get_close, fixture("root-ca.cert.pem"), "example.org");
  EXPECT_EQ(other.verify, X509_V_ERR_HOSTNAME_MISMATCH);
  auto other_ip = https_exchange(s.tls_port, get_close, fixture("root-ca.cert.pem"), "10.0.0.1");
  EXPECT_EQ(other_ip.verify, X509_V_ERR_IP_ADDRESS_MISMATCH);
}

TEST(HttpsServer, PlainHttpAndGarbageOnTheTlsPortCloseThatConnectionOnly) {
  running_tls_server s;
  for (const std::string& junk :
       {get_close, std::string("\x16\x03\x01\x00\x05garbage-after-a-record-header", 35),
        std::string(64, '\0')}) {
    int fd = connect_to(s.tls_port);
    ASSERT_GE(fd, 0);
    ::send(fd, junk.data(), junk.size(), MSG_NOSIGNAL);
    bool closed = false;
    const auto start = std::chrono::steady_clock::now();
    const std::string answer = drain(fd, closed);
    ::close(fd);
    EXPECT_TRUE(closed);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    EXPECT_EQ(answer.find("HTTP/1.1"), std::string::npos) << answer;
  }
  EXPECT_EQ(s.calls, 0);
  auto good = https_exchange(s.tls_port, get_close, fixture("root-ca.cert.pem"), "localhost");
  EXPECT_NE(good.response.find("GET /hello tls=1"), std::string::npos);
  EXPECT_EQ(s.calls, 1);
}

TEST(HttpsServer, ClientThatNeverSendsItsHelloIsDroppedByTheHandshakeTimeout) {
  running_tls_server s(std::chrono::milliseconds(300));
  int silent = connect_to(s.tls_port);
  ASSERT_GE(silent, 0);
  int half = connect_to(s.tls_port);  // starts a record header, then stalls
  ASSERT_GE(half, 0);
  ::send(half, "\x16\x03\x01", 3, MSG_NOSIGNAL);
  const auto start = std::chrono::steady_clock::now();
  for (int fd : {silent, half}) {
    bool closed = false;
    EXPECT_EQ(drain(fd, closed), "");
    EXPECT_TRUE(closed);
    ::close(fd);
  }
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(200));
  EXPECT_LT(waited, std::chrono::seconds(3));  // SO_RCVTIMEO is 5 s: the server closed first
  auto good = https_exchange(s.tls_port, get_close, fixture("root-ca.cert.pem"), "localhost");
  EXPECT_NE(good.response.find("tls=1"), std::string::npos);
}

TEST(HttpsServer, Tls11IsRefusedAndTls12Accepted) {
  running_tls_server s;
  const std::string root = fixture("root-ca.cert.pem");
  EXPECT_FALSE(https_exchange(s.tls_port, get_close, root, "localhost", TLS1_1_VERSION).handshake);
  auto v12 = https_exchange(s.tls_port, get_close, root, "localhost", TLS1_2_VERSION);
  ASSERT_TRUE(v12.handshake);
  EXPECT_EQ(v12.version, TLS1_2_VERSION);
  EXPECT_NE(v12.response.find("tls=1"), std::string::npos);
}

TEST(HttpsServer, UnusableCertificateOrKeyIsAStartError) {
  auto start_with = [](std::string chain, std::string key) {
    server_options o;
    o.port = 0;
    o.threads = 1;
    o.tls = tls_options{.port = 0, .cert_chain_pem = std::move(chain), .key_pem = std::move(key)};
    http_server server(o, [](core::http_request&&) { return core::http_response{}; });
    server.start();
  };
  const std::string chain = fixture("server-localhost.chain.pem");
  const std::string key = fixture("server-localhost.key.pem");
  EXPECT_NO_THROW(start_with(chain, key));
  EXPECT_THROW(start_with("not a certificate", key), tls_error);
  EXPECT_THROW(start_with(chain, "not a key"), tls_error);
  EXPECT_THROW(start_with(chain, fixture("38001-valid.key.pem")), tls_error);  // another key
}

}  // namespace
}  // namespace sim::transport
