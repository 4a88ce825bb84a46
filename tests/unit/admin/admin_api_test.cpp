// The admin API in-process: its routes agree with docs/admin-api.md, and the gateway puts
// sandboxes, admin access rules and the portal where they belong.
#include "simulator/admin/admin_api.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "simulator/admin/gateway.hpp"
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

}  // namespace
}  // namespace sim::admin
