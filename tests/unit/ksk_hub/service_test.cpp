// ksk_hub_service::handle in-process (docs/ksk-hub.md): routing, login, expiry on the sandbox
// clock, a push accepted and stored before the answer, a signature failure stored as rejected,
// the answer's own signature, and the journal row of each exchange.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "simulator/core/base64.hpp"
#include "simulator/services/ksk_hub/envelope.hpp"
#include "simulator/services/ksk_hub/ksk_hub_service.hpp"
#include "simulator/signature/default_pki.hpp"

namespace sim::services::ksk_hub {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

const engine::sys_time real_now = engine::sys_time(1'764'720'000'000ms);

std::string pki(const std::string& name) { return std::string(*signature::default_pki_file(name)); }

struct fixture {
  std::unique_ptr<engine::journal> journal =
      std::move(std::get<std::unique_ptr<engine::journal>>(engine::journal::open(":memory:")));
  engine::sandbox_registry sandboxes{world::embedded_default_world(), [] { return real_now; }, 1};
  ksk_hub_service hub;
  engine::sandbox& sb = *sandboxes.get("default");
  explicit fixture(ksk_hub_settings settings = {.seed = 7})
      : hub(*journal, settings, [] { return real_now; }) {}

  core::http_response post(const std::string& path, const json& body, const std::string& token,
                           const std::string& service_type = "100") {
    core::http_request r;
    r.method = "POST";
    r.target = path;
    r.body = body.dump();
    r.headers = {{"Host", "api.emrhub.vn"}, {"service-type", service_type}};
    if (!token.empty()) r.headers.emplace_back("Authorization", "Bearer " + token);
    return hub.handle(r, path, sb);
  }
  std::string login() {
    auto r =
        post("/api/auth/login", {{"username", "ksk_38001"}, {"password", "ksk-pass-38001"}}, "");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["token"];
  }
  json envelope(const std::string& data, const std::string& key = "38001-valid") {
    const std::uint64_t seq = ++n;
    json h = {{"version", "1.0.6"},
              {"sender_id", "8938000100012"},
              {"receiver_id", "TDLBYT"},
              {"txn_type", "sync_checkup"},
              {"msg_id", make_msg_id("8938000100012", {2026, 12, 3, 0, 0}, seq, seq * 31)},
              {"msg_type", 101},
              {"data_type", "xml/base64"},
              {"send_datetime", 1764730800000}};
    const std::string d = core::base64_encode(data);
    return {{"header", h},
            {"data", d},
            {"signature", *sign_sha256_rsa(signed_bytes(h, d), pki(key + ".key.pem"))}};
  }
  std::string record() {
    auto r = sign_ksk_record(sample_ksk_record("8938000100012", "KSK-1", "038068900101",
                                               "Nguyễn Văn An", "202612030900"),
                             pki("38001-valid.key.pem"), pki("38001-valid.cert.pem"),
                             pki("38001-valid.key.pem"), pki("38001-valid.cert.pem"));
    EXPECT_EQ(r.error, "");
    return r.xml;
  }
  std::uint64_t n = 0;
};

TEST(KskHubRoute, HostsAndPrefix) {
  EXPECT_EQ(ksk_hub_service::route("api.emrhub.vn", "/api/auth/login"), "/api/auth/login");
  EXPECT_EQ(ksk_hub_service::route("API-Sandbox.emrhub.vn:8443", "/x"), "/x");
  EXPECT_EQ(ksk_hub_service::route("127.0.0.1:8080", "/emrhub/api/auth/login"), "/api/auth/login");
  EXPECT_FALSE(ksk_hub_service::route("127.0.0.1:8080", "/api/auth/login"));
  EXPECT_FALSE(ksk_hub_service::route("evil-api.emrhub.vn", "/api/auth/login"));
  EXPECT_FALSE(ksk_hub_service::route("localhost", "/emrhubx/a"));
}

TEST(KskHub, LoginAndRefusal) {
  fixture f;
  auto ok = json::parse(
      f.post("/api/auth/login", {{"username", "ksk_38001"}, {"password", "ksk-pass-38001"}}, "")
          .body);
  EXPECT_EQ(ok["duration"], 3600);
  EXPECT_EQ(ok["role"], "facility");
  auto bad = f.post("/api/auth/login", {{"username", "ksk_38001"}, {"password", "x"}}, "");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(json::parse(bad.body)["res_code"], "CM_AUTH_ACCOUNT_FAIL");
}

TEST(KskHub, AcceptedRecordIsStoredAndTheAnswerSigned) {
  fixture f;
  const std::string token = f.login();
  const json body = f.envelope(f.record());
  auto r = f.post("/api/platform/data-sync/push", body, token);
  ASSERT_EQ(r.status, 200) << r.body;
  const json a = json::parse(r.body);
  EXPECT_EQ(a["header"]["res_code"], "CM_SUCCESS");
  EXPECT_EQ(a["header"]["ref_msg_id"], body["header"]["msg_id"]);
  EXPECT_TRUE(verify_sha256_rsa(signed_bytes(a["header"], a["data"].get<std::string>()),
                                a["signature"].get<std::string>(),
                                ksk_hub_service::receiver_certificate_pem()));
  auto rows = f.journal->submissions("default", 0, 10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, "ksk");
  EXPECT_EQ(rows[0].ma_cskcb, "38001");
  EXPECT_EQ(rows[0].ma_lk, body["header"]["msg_id"]);
  EXPECT_EQ(rows[0].verdict, "accepted");
  EXPECT_NE(rows[0].file.find("<KHAMSUCKHOE>"), std::string::npos);
  auto ex = f.journal->exchanges("default", 0, 10);
  ASSERT_EQ(ex.size(), 2u);
  EXPECT_EQ(ex[1].endpoint, "ksk");
  EXPECT_EQ(ex[0].request_body.find("ksk-pass-38001"), std::string::npos);
}

TEST(KskHub, EnvelopeSignedByAnotherFacilityIsRejectedAndStored) {
  fixture f;
  const json body = f.envelope(f.record(), "38105-valid");
  auto r = f.post("/api/platform/data-sync/push", body, f.login());
  const json a = json::parse(r.body);
  EXPECT_EQ(a["header"]["res_code"], "PS_SIGNATURE_INVALID");
  EXPECT_EQ(a["header"]["message_check_ca"].get<std::string>().rfind("signature:", 0), 0u);
  auto rows = f.journal->submissions("default", 0, 10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].verdict, "rejected");
}

TEST(KskHub, TokenExpiresOnTheSandboxClock) {
  fixture f;
  const std::string token = f.login();
  f.sb.clock.advance(59min);
  EXPECT_EQ(f.post("/api/platform/data-sync/push", f.envelope(f.record()), token).status, 200);
  f.sb.clock.advance(2min);
  auto r = f.post("/api/platform/data-sync/push", f.envelope(f.record()), token);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(json::parse(r.body)["header"]["res_code"], "CM_AUTH_EXPIRED");
}

// The hub remembers only the newest max_tokens tokens (the simulator's own bound): an older
// one is refused like an unknown token, the newest still works.
TEST(KskHub, TokenStoreKeepsTheNewestTokensOnly) {
  fixture f({.seed = 7, .max_tokens = 1});
  const std::string first = f.login();
  const std::string second = f.login();
  auto r = f.post("/api/platform/data-sync/push", f.envelope(f.record()), first);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(f.post("/api/platform/data-sync/push", f.envelope(f.record()), second).status, 200);
}

TEST(KskHub, ServiceTypeAndNotFound) {
  fixture f;
  auto r = f.post("/api/platform/data-sync/push", f.envelope(f.record()), f.login(), "99");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["header"]["res_code"], "CM_INVALID_REQUEST");
  EXPECT_EQ(f.post("/api/other", json::object(), "").status, 404);
  EXPECT_TRUE(f.journal->submissions("default", 0, 10).empty());
}

}  // namespace
}  // namespace sim::services::ksk_hub
