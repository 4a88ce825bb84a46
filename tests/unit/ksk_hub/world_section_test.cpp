// The world file's `ksk_hub` section (docs/world.md "KSK hub"): defaults, the embedded world's
// accounts, each loader error with its path, and the summary the writer produces.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "simulator/world/world.hpp"
#include "simulator/world/world_io.hpp"

namespace sim::world {
namespace {

using namespace std::chrono_literals;

const std::string base_yaml = R"(name: "Thử nghiệm"
province: "38"
facilities:
  - {ma_cskcb: "38001", name: "Bệnh viện A", level: tinh}
)";

const std::string account =
    R"({username: "k1", password: "p1", facility: "38001", sender_id: "8938000100012"})";

std::string load_failure(const std::string& text) {
  try {
    load_world_text(text, "yaml", "k.yaml");
  } catch (const world_error& e) {
    return e.path() + ": " + e.reason();
  }
  ADD_FAILURE() << "no world_error for:\n" << text;
  return {};
}

TEST(world_ksk_hub, defaults_when_absent) {
  auto w = load_world_text(base_yaml, "yaml", "k.yaml");
  EXPECT_EQ(w->ksk_hub, ksk_hub_behaviour{});
  EXPECT_EQ(w->ksk_hub.receiver_ids, (std::vector<std::string>{"TDLBYT", "TTYQG"}));
  EXPECT_EQ(w->ksk_hub.token_lifetime, 1h);
  EXPECT_TRUE(w->ksk_hub.accounts.empty());
}

TEST(world_ksk_hub, section_and_summary) {
  auto w = load_world_text(base_yaml +
                               "ksk_hub:\n  receiver_ids: [\"TDLBYT\"]\n"
                               "  token_lifetime: \"PT5M\"\n  accounts:\n    - " +
                               account + "\n",
                           "yaml", "k.yaml");
  ASSERT_EQ(w->ksk_hub.accounts.size(), 1u);
  const auto* a = w->ksk_hub.find_account("k1");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->sender_id, "8938000100012");
  EXPECT_EQ(a->role, "facility");
  EXPECT_EQ(w->ksk_hub.token_lifetime, 5min);
  EXPECT_EQ(w->ksk_hub.find_account("k2"), nullptr);
  auto summary = nlohmann::json::parse(world_summary_json(*w));
  EXPECT_EQ(summary["ksk_hub"]["token_lifetime"], "PT5M");
  EXPECT_EQ(summary["ksk_hub"]["accounts"][0]["sender_id"], "8938000100012");
}

TEST(world_ksk_hub, embedded_world_accounts) {
  auto w = embedded_default_world();
  ASSERT_EQ(w->ksk_hub.accounts.size(), 3u);
  for (const auto& a : w->ksk_hub.accounts) {
    EXPECT_NE(w->find_facility(a.facility), nullptr);
    EXPECT_EQ(a.username, "ksk_" + a.facility);
    EXPECT_EQ(a.sender_id.size(), 13u);
  }
}

TEST(world_ksk_hub, errors_name_the_path) {
  auto with = [&](const std::string& accounts, const std::string& extra = "") {
    return base_yaml + "ksk_hub:\n" + extra + "  accounts:\n" + accounts;
  };
  auto one = [&](std::string from, const std::string& to) {
    auto at = account.find(from);
    std::string a = account;
    a.replace(at, from.size(), to);
    return "    - " + a + "\n";
  };
  EXPECT_EQ(load_failure(with(one("8938000100012", "893800010001"))),
            "$.ksk_hub.accounts[0].sender_id: \"893800010001\" must be 13 digits");
  EXPECT_EQ(load_failure(with(one("\"38001\"", "\"99999\""))),
            "$.ksk_hub.accounts[0].facility: \"99999\" is not a facility of this world");
  EXPECT_EQ(load_failure(with(one("password: \"p1\", ", ""))),
            "$.ksk_hub.accounts[0].password: missing");
  EXPECT_EQ(load_failure(with(one("}", ", role: boss}"))),
            "$.ksk_hub.accounts[0].role: \"boss\" must be facility or department");
  EXPECT_EQ(load_failure(with(one("}", ", pin: 1}"))), "$.ksk_hub.accounts[0].pin: unknown key");
  EXPECT_EQ(load_failure(with("    - " + account + "\n    - " + account + "\n")),
            "$.ksk_hub.accounts[1].username: duplicate: \"k1\"");
  EXPECT_EQ(load_failure(with("    - " + account + "\n", "  receiver_ids: []\n")),
            "$.ksk_hub.receiver_ids: must name at least one receiver_id");
  EXPECT_EQ(load_failure(base_yaml + "ksk_hub: {colour: red}\n"), "$.ksk_hub.colour: unknown key");
}

}  // namespace
}  // namespace sim::world
