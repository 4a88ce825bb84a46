// The C06 client authentication (docs/c06.md "Authentication"): the SHA-256 formula, the URL
// it signs, and each failure.
#include "simulator/services/c06/auth.hpp"

#include <gtest/gtest.h>

#include "simulator/core/base64.hpp"
#include "simulator/core/form.hpp"

namespace sim::services::c06 {
namespace {

using namespace std::chrono_literals;

world::c06_behaviour behaviour() {
  world::c06_behaviour b;
  b.accounts.push_back({"his", "secret", "KEY", "VN/GOV/1/HIS", "", {"KCB"}, {"1"}});
  return b;
}

const engine::sys_time now = engine::sys_time(1'764'720'000'000ms);
const std::string url = "http://127.0.0.1:8080/c06/dancu";

core::http_request signed_request(std::string ts = "1764720000000", std::string secret = "secret",
                                  std::string user = "his") {
  core::http_request r;
  r.method = "POST";
  r.target = "/c06/dancu";
  r.headers = {{"Host", "127.0.0.1:8080"},
               {"Timestamp", ts},
               {"Authorization",
                "Basic " + core::base64_encode(user + ":" + signature(url, user, ts, secret))},
               {"ApiKey", "KEY"},
               {"X-Road-Client", "VN/GOV/1/HIS"}};
  return r;
}

TEST(c06_auth, formula_is_sha256_of_the_concatenation) {
  EXPECT_EQ(signature(url, "his", "1764720000000", "secret"),
            core::sha256_hex(url + "his" + "1764720000000" + "secret"));
  EXPECT_EQ(signature("", "", "", "").size(), 64u);
}

TEST(c06_auth, url_is_what_the_client_called) {
  core::http_request r = signed_request();
  r.target = "/s/a/c06/dancu?x=1";
  EXPECT_EQ(url_of(r), "http://127.0.0.1:8080/s/a/c06/dancu");
  r.tls = true;
  EXPECT_EQ(url_of(r), "https://127.0.0.1:8080/s/a/c06/dancu");
}

TEST(c06_auth, accepts_a_good_request_and_the_php_variant) {
  const auto b = behaviour();
  auto r = authenticate(signed_request(), url, b, now);
  EXPECT_EQ(r.failure, auth_failure::none) << r.message;
  ASSERT_NE(r.account, nullptr);
  EXPECT_EQ(r.account->username, "his");
  auto php = signed_request();
  php.headers[1].first = "timestamp";
  EXPECT_EQ(authenticate(php, url, b, now).failure, auth_failure::none);
  // Upper-case hex is accepted too.
  std::string sig = signature(url, "his", "1764720000000", "secret");
  for (auto& c : sig) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto upper = signed_request();
  upper.headers[2].second = "Basic " + core::base64_encode("his:" + sig);
  EXPECT_EQ(authenticate(upper, url, b, now).failure, auth_failure::none);
}

TEST(c06_auth, each_failure) {
  const auto b = behaviour();
  EXPECT_EQ(authenticate(signed_request("1764720000000", "wrong"), url, b, now).failure,
            auth_failure::bad_signature);
  // The signature covers the URL: another host or path is a bad signature.
  EXPECT_EQ(authenticate(signed_request(), "http://localhost:8080/c06/dancu", b, now).failure,
            auth_failure::bad_signature);
  EXPECT_EQ(authenticate(signed_request("1764720000000", "secret", "nobody"), url, b, now).failure,
            auth_failure::unknown_user);
  // 5 minutes either way (the default window), not more.
  EXPECT_EQ(authenticate(signed_request("1764720300000"), url, b, now).failure, auth_failure::none);
  EXPECT_EQ(authenticate(signed_request("1764720300001"), url, b, now).failure,
            auth_failure::stale_timestamp);
  EXPECT_EQ(authenticate(signed_request("1764719699999"), url, b, now).failure,
            auth_failure::stale_timestamp);
  EXPECT_EQ(authenticate(signed_request("17647200x0000"), url, b, now).failure,
            auth_failure::malformed_timestamp);
  auto r = signed_request();
  r.headers[3].second = "OTHER";
  EXPECT_EQ(authenticate(r, url, b, now).failure, auth_failure::wrong_api_key);
  r = signed_request();
  r.headers[4].second = "VN/GOV/2/HIS";
  EXPECT_EQ(authenticate(r, url, b, now).failure, auth_failure::wrong_x_road_client);
  r = signed_request();
  r.headers.erase(r.headers.begin() + 4);
  EXPECT_EQ(authenticate(r, url, b, now).failure, auth_failure::missing_x_road_client);
  auto lax = b;
  lax.require_x_road_headers = false;
  EXPECT_EQ(authenticate(r, url, lax, now).failure, auth_failure::none);
  r = signed_request();
  r.headers.erase(r.headers.begin() + 1);
  EXPECT_EQ(authenticate(r, url, b, now).failure, auth_failure::missing_timestamp);
  r = signed_request();
  r.headers[2].second = "Basic !!!";
  EXPECT_EQ(authenticate(r, url, b, now).failure, auth_failure::malformed_authorization);
  r.headers.erase(r.headers.begin() + 2);
  EXPECT_EQ(authenticate(r, url, b, now).failure, auth_failure::missing_authorization);
}

}  // namespace
}  // namespace sim::services::c06
