// The world file's `c06` section (docs/world.md "C06"; docs/c06.md) and the identifier history
// (cancelled ID numbers, spec c06 A6): defaults, accounts, errors with their path, uniqueness,
// resolution by find_citizen, and the round trip through the writer.
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

std::string load_failure(const std::string& text) {
  try {
    load_world_text(text, "yaml", "c.yaml");
  } catch (const world_error& e) {
    return e.path() + ": " + e.reason();
  }
  ADD_FAILURE() << "no world_error for:\n" << text;
  return {};
}

TEST(world_c06, defaults_when_absent) {
  auto w = load_world_text(base_yaml, "yaml", "c.yaml");
  EXPECT_EQ(w->c06, c06_behaviour{});
  EXPECT_TRUE(w->c06.names_without_diacritics);
  EXPECT_EQ(w->c06.timestamp_window, 5min);
  EXPECT_EQ(w->c06.correction_delay, 24h);
  EXPECT_TRUE(w->c06.require_x_road_headers);
  EXPECT_TRUE(w->c06.accounts.empty());
}

TEST(world_c06, section_read) {
  auto w = load_world_text(base_yaml + R"(c06:
  names_without_diacritics: false
  timestamp_window: "PT30S"
  correction_delay: "PT2H"
  require_x_road_headers: false
  accounts:
    - {username: u1, secret_key: s1, api_key: k1, x_road_client: "VN/GOV/1",
       facility: "38001", procedures: ["KCB-BHYT"], officers: ["038185800201", "*"]}
)",
                           "yaml", "c.yaml");
  EXPECT_FALSE(w->c06.names_without_diacritics);
  EXPECT_EQ(w->c06.timestamp_window, 30s);
  EXPECT_EQ(w->c06.correction_delay, 2h);
  EXPECT_FALSE(w->c06.require_x_road_headers);
  ASSERT_EQ(w->c06.accounts.size(), 1u);
  const c06_account* a = w->c06.find_account("u1");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->secret_key, "s1");
  EXPECT_EQ(a->api_key, "k1");
  EXPECT_EQ(a->x_road_client, "VN/GOV/1");
  EXPECT_EQ(a->facility, "38001");
  EXPECT_EQ(a->procedures, std::vector<std::string>{"KCB-BHYT"});
  EXPECT_EQ(a->officers.size(), 2u);
  EXPECT_EQ(w->c06.find_account("u2"), nullptr);
}

TEST(world_c06, errors_name_the_path) {
  EXPECT_EQ(load_failure(base_yaml + "c06: {bogus: 1}\n"), "$.c06.bogus: unknown key");
  EXPECT_EQ(load_failure(base_yaml + "c06: {names_without_diacritics: maybe}\n"),
            "$.c06.names_without_diacritics: expected true or false");
  EXPECT_NE(load_failure(base_yaml + "c06: {correction_delay: \"tomorrow\"}\n")
                .find("$.c06.correction_delay: "),
            std::string::npos);
  EXPECT_NE(load_failure(base_yaml + "c06: {timestamp_window: \"5m\"}\n")
                .find("$.c06.timestamp_window: "),
            std::string::npos);
  EXPECT_EQ(load_failure(base_yaml + "c06: {accounts: [{username: u, secret_key: s, "
                                     "api_key: k}]}\n"),
            "$.c06.accounts[0].x_road_client: missing");
  EXPECT_EQ(load_failure(base_yaml + "c06: {accounts: [{username: \"a:b\", secret_key: s, "
                                     "api_key: k, x_road_client: x}]}\n"),
            "$.c06.accounts[0].username: must be non-empty and hold no ':'");
  EXPECT_EQ(load_failure(base_yaml + "c06: {accounts: [{username: u, secret_key: s, "
                                     "api_key: k, x_road_client: x, facility: \"38999\"}]}\n"),
            "$.c06.accounts[0].facility: \"38999\" is not a facility of this world");
  EXPECT_EQ(load_failure(base_yaml + "c06: {accounts: [{username: u, secret_key: s, api_key: k, "
                                     "x_road_client: x}, {username: u, secret_key: t, api_key: l, "
                                     "x_road_client: y}]}\n"),
            "$.c06.accounts[1].username: duplicate: \"u\" is used twice");
  EXPECT_EQ(load_failure(base_yaml + "c06: {accounts: [{username: u, secret_key: s, "
                                     "api_key: k, x_road_client: x, procedures: KCB}]}\n"),
            "$.c06.accounts[0].procedures: expected a list");
}

const std::string two_citizens = base_yaml + R"(citizens:
  - {so_dinh_danh: "038179900118", ho_ten: "Mai Thị Thanh Tâm", date_of_birth: "1979-01-08",
     sex: female, cancelled_ids: ["038178900918"]}
  - {so_dinh_danh: "038060900117", ho_ten: "Trịnh Quang Huy", date_of_birth: "1960-03-02",
     sex: male, old_cmnd: "170900117"}
)";

TEST(world_cancelled_ids, resolve_to_the_same_person) {
  auto w = load_world_text(two_citizens, "yaml", "c.yaml");
  const citizen* c = w->find_citizen("038178900918");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->so_dinh_danh, "038179900118");
  EXPECT_EQ(w->find_citizen("038178900919"), nullptr);
  ASSERT_NE(w->find_citizen("170900117"), nullptr);
  EXPECT_EQ(w->find_citizen("170900117")->so_dinh_danh, "038060900117");
}

TEST(world_cancelled_ids, uniqueness) {
  // Another citizen's current number cannot be a cancelled one (never reassigned, A6).
  std::string clash = two_citizens;
  clash.replace(clash.find("038178900918"), 12, "038060900117");
  EXPECT_NE(load_failure(clash).find("is the current number of another citizen"),
            std::string::npos);
  // Two citizens cannot share a cancelled number.
  std::string shared = two_citizens;
  shared.replace(shared.find("old_cmnd: \"170900117\""), 21, "cancelled_ids: [\"038178900918\"]");
  EXPECT_EQ(load_failure(shared),
            "$.citizens[1]: cancelled ID number 038178900918 is held by both 038179900118 and "
            "038060900117");
  std::string self = two_citizens;
  self.replace(self.find("038178900918"), 12, "038179900118");
  EXPECT_EQ(load_failure(self), "$.citizens[0].cancelled_ids[0]: is the citizen's current number");
  std::string bad = two_citizens;
  bad.replace(bad.find("038178900918"), 12, "03817890091");
  EXPECT_EQ(load_failure(bad), "$.citizens[0].cancelled_ids[0]: \"03817890091\" must be 12 digits");
}

TEST(world_cancelled_ids, admin_entry_cannot_take_another_citizens_number) {
  auto w = load_world_text(two_citizens, "yaml", "c.yaml");
  const auto entry = nlohmann::json::parse(
      R"({"so_dinh_danh":"038095900199","ho_ten":"Lê Văn Tư","date_of_birth":"1995-01-01",)"
      R"("sex":"male","cancelled_ids":["038178900918"]})");
  try {
    parse_citizen_entry(entry, *w, "POST");
    ADD_FAILURE() << "accepted";
  } catch (const world_error& e) {
    EXPECT_EQ(e.path(), "$.cancelled_ids[0]");
  }
}

TEST(world_cancelled_ids, written_and_read_back) {
  auto w = load_world_text(two_citizens, "yaml", "c.yaml");
  std::string line;
  append_citizen_json(line, *w->find_citizen("038179900118"));
  EXPECT_NE(line.find(R"("cancelled_ids":["038178900918"])"), std::string::npos);
}

TEST(world_c06, embedded_world_has_accounts_and_a_cancelled_number) {
  auto w = embedded_default_world();
  for (const char* f : {"38001", "38105", "38209", "38301"}) {
    bool found = false;
    for (const auto& a : w->c06.accounts) found = found || a.facility == f;
    EXPECT_TRUE(found) << f;
  }
  ASSERT_NE(w->c06.find_account("lgsp_thuongninh"), nullptr);
  const c06_account* a = w->c06.find_account("his_38001");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(std::count(a->officers.begin(), a->officers.end(), "038082800202"), 0);
  const citizen* c = w->find_citizen("038178900918");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->case_label, "hop-le-38105-a");
  // The summary shows the section (round trip of the written form).
  auto summary = nlohmann::json::parse(world_summary_json(*w));
  EXPECT_EQ(summary["c06"]["timestamp_window"], "PT5M");
  EXPECT_EQ(summary["c06"]["accounts"].size(), w->c06.accounts.size());
}

}  // namespace
}  // namespace sim::world
