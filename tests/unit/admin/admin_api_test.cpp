// The admin API in-process: its routes agree with docs/admin-api.md, and the gateway puts
// sandboxes, admin access rules and the portal where they belong.
#include "simulator/admin/admin_api.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "simulator/admin/gateway.hpp"
#include "simulator/core/form.hpp"
#include "simulator/world/world.hpp"

namespace sim::admin {
namespace {

TEST(AdminApi, RoutesAgreeWithTheDocument) {
  std::ifstream in(std::string(SSKDT_SOURCE_DIR) + "/docs/admin-api.md");
  ASSERT_TRUE(in) << "docs/admin-api.md missing";
  std::stringstream text;
  text << in.rdbuf();
  const std::regex row(R"(\|\s*(GET|POST|DELETE|PUT)\s*\|\s*`([^`]+)`\s*\|)");
  std::set<std::string> documented;
  const std::string doc = text.str();
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), row); it != std::sregex_iterator();
       ++it)
    documented.insert((*it)[1].str() + " " + (*it)[2].str());
  std::set<std::string> implemented;
  for (const auto& r : admin_api::routes())
    implemented.insert(std::string(r.method) + " " + std::string(r.path));
  EXPECT_EQ(documented, implemented);
}

struct fixture {
  std::unique_ptr<engine::journal> journal;
  std::unique_ptr<engine::sandbox_registry> sandboxes;
  std::unique_ptr<services::portal::portal_service> portal;
  std::unique_ptr<gateway> gw;
  explicit fixture(std::string token = "") {
    journal = std::move(std::get<std::unique_ptr<engine::journal>>(engine::journal::open(":memory:")));
    sandboxes = std::make_unique<engine::sandbox_registry>(world::embedded_default_world(),
                                                           engine::system_time_source(), 1);
    portal = std::make_unique<services::portal::portal_service>(
        *journal, services::portal::portal_settings{});
    gw = std::make_unique<gateway>(admin_context{*sandboxes, *journal, *portal},
                                   gateway_options{std::move(token)});
  }
  core::http_response call(std::string method, std::string target, std::string body = "",
                           std::string remote = "127.0.0.1:5000") {
    core::http_request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    r.remote = std::move(remote);
    return gw->handle(r);
  }
};

TEST(Gateway, AdminIsLoopbackOnlyWithoutToken) {
  fixture f;
  EXPECT_EQ(f.call("GET", "/_sim/health").status, 200);
  EXPECT_EQ(f.call("GET", "/_sim/health", "", "10.0.0.7:4000").status, 403);
  // Pages stay open to the network.
  EXPECT_EQ(f.call("GET", "/ui/results", "", "10.0.0.7:4000").status, 200);
}

TEST(Gateway, AdminTokenOpensTheApiFromAnywhere) {
  fixture f("bí-mật");
  core::http_request r;
  r.method = "GET";
  r.target = "/_sim/health";
  r.remote = "10.0.0.7:4000";
  EXPECT_EQ(f.gw->handle(r).status, 403);
  r.headers.emplace_back("X-Admin-Token", "bí-mật");
  EXPECT_EQ(f.gw->handle(r).status, 200);
}

TEST(Gateway, SandboxPrefixAndUnknownSandbox) {
  fixture f;
  EXPECT_EQ(f.call("POST", "/_sim/sandboxes", R"({"name":"lop-a"})").status, 201);
  auto h = f.call("GET", "/s/lop-a/_sim/health");
  EXPECT_EQ(h.status, 200);
  EXPECT_NE(h.body.find("\"sandbox\":\"lop-a\""), std::string::npos);
  EXPECT_EQ(f.call("GET", "/s/khong-co/_sim/health").status, 404);
  EXPECT_EQ(f.call("POST", "/_sim/clock", R"({"advance":"PT1H"})").status, 200);
  EXPECT_EQ(f.call("DELETE", "/_sim/sandboxes/default").status, 400);
  EXPECT_EQ(f.call("PUT", "/_sim/clock").status, 405);
  EXPECT_EQ(f.call("GET", "/_sim/nothing").status, 404);
}

// The token store keeps the newest `max_tokens` (docs/portal.md, the simulator's own bound): an
// evicted token is answered as unknown (maKetQua 401), a kept one goes on to the next check.
TEST(Gateway, TokenStoreKeepsTheNewestTokensOnly) {
  auto journal =
      std::move(std::get<std::unique_ptr<engine::journal>>(engine::journal::open(":memory:")));
  engine::sandbox_registry sandboxes(world::embedded_default_world(),
                                     engine::system_time_source(), 1);
  services::portal::portal_settings settings;
  settings.max_tokens = 2;
  services::portal::portal_service portal(*journal, settings);
  gateway gw(admin_context{sandboxes, *journal, portal}, gateway_options{});
  const auto& facility = world::embedded_default_world()->facilities.front();
  const auto& account = facility.accounts.front();
  const auto post = [&](std::string target, std::string body,
                        std::vector<std::pair<std::string, std::string>> headers) {
    core::http_request r;
    r.method = "POST";
    r.target = std::move(target);
    r.body = std::move(body);
    r.remote = "127.0.0.1:5000";
    r.headers = std::move(headers);
    r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return gw.handle(r);
  };
  const std::string password = core::md5_hex_upper(account.password);
  std::vector<nlohmann::json> tokens;
  for (int i = 0; i < 3; ++i) {
    auto r = post("/api/token/take", "username=" + account.username + "&password=" + password, {});
    ASSERT_EQ(r.status, 200);
    auto j = nlohmann::json::parse(r.body);
    ASSERT_EQ(j["maKetQua"], "200") << r.body;
    tokens.push_back(j["APIKey"]);
  }
  const auto claim_with = [&](const nlohmann::json& t) {
    auto r = post("/api/qd130/guiHoSoXmlQD4750",
                  "username=" + account.username + "&loaiHoSo=130&maTinh=" +
                      facility.ma_cskcb.substr(0, 2) + "&maCSKCB=" + facility.ma_cskcb +
                      "&fileHSBase64=%40%40not-base64",
                  {{"accessToken", t["access_token"].get<std::string>()},
                   {"tokenId", t["id_token"].get<std::string>()},
                   {"passwordHash", password}});
    return nlohmann::json::parse(r.body)["maKetQua"].get<std::string>();
  };
  EXPECT_EQ(claim_with(tokens[0]), "401");  // evicted
  EXPECT_EQ(claim_with(tokens[1]), "205");  // kept: on to the file's check
  EXPECT_EQ(claim_with(tokens[2]), "205");
}

}  // namespace
}  // namespace sim::admin
