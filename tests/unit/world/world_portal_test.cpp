// The world file's `portal` section (docs/world.md "Portal"): defaults, both formats, every
// error with its file, path and reason, and its round trip through `world generate`.
#include <gtest/gtest.h>

#include "simulator/world/world.hpp"
#include "simulator/world/world_io.hpp"
#include "tests/unit/world/test_support.hpp"

namespace sim::world {
namespace {

using namespace std::chrono_literals;

const std::string base_yaml = R"(name: "Thử nghiệm"
province: "38"
)";

struct failure {
  std::string file, path, reason;
};

failure load_failure(const std::string& text, const std::string& format = "yaml") {
  try {
    load_world_text(text, format, "p." + format);
  } catch (const world_error& e) {
    return {e.file(), e.path(), e.reason()};
  }
  ADD_FAILURE() << "no world_error for:\n" << text;
  return {};
}

TEST(world_portal, defaults_when_absent) {
  auto w = load_world_text(base_yaml, "yaml", "p.yaml");
  EXPECT_EQ(w->portal, portal_behaviour{});
  EXPECT_EQ(w->portal.token_lifetime, 1h);
  EXPECT_TRUE(w->portal.accept_json_login);
  EXPECT_TRUE(w->portal.accept_lowercase_md5);
  EXPECT_EQ(w->portal.processing_delay, 1min);
  EXPECT_TRUE(w->portal.refuse_duplicate_of_accepted);
  EXPECT_EQ(w->portal.card_lookup_body, lookup_body::both);
  // The embedded world writes the defaults out.
  EXPECT_EQ(embedded_default_world()->portal, portal_behaviour{});
}

TEST(world_portal, every_switch_in_yaml_and_json) {
  auto y = load_world_text(base_yaml + R"(portal:
  token_lifetime: "PT5M"
  accept_json_login: false
  accept_lowercase_md5: false
  processing_delay: "P1DT2H"
  refuse_duplicate_of_accepted: false
  card_lookup_body: form
)",
                           "yaml", "p.yaml");
  EXPECT_EQ(y->portal.token_lifetime, 5min);
  EXPECT_FALSE(y->portal.accept_json_login);
  EXPECT_FALSE(y->portal.accept_lowercase_md5);
  EXPECT_EQ(y->portal.processing_delay, 26h);
  EXPECT_FALSE(y->portal.refuse_duplicate_of_accepted);
  EXPECT_EQ(y->portal.card_lookup_body, lookup_body::form);
  auto j = load_world_text(R"({"name": "Thử nghiệm", "province": "38", "portal": {
      "token_lifetime": "PT5M", "accept_json_login": false, "accept_lowercase_md5": false,
      "processing_delay": "P1DT2H", "refuse_duplicate_of_accepted": false,
      "card_lookup_body": "form"}})",
                           "json", "p.json");
  EXPECT_EQ(j->portal, y->portal);
}

TEST(world_portal, errors_name_file_path_and_reason) {
  auto f = load_failure(base_yaml + "portal:\n  token_lifetme: \"PT1H\"\n");
  EXPECT_EQ(f.file, "p.yaml");
  EXPECT_EQ(f.path, "$.portal.token_lifetme");
  EXPECT_EQ(f.reason, "unknown key");

  f = load_failure(base_yaml + "portal:\n  token_lifetime: \"1 hour\"\n");
  EXPECT_EQ(f.path, "$.portal.token_lifetime");
  EXPECT_NE(f.reason.find("\"1 hour\" is not an ISO-8601 duration"), std::string::npos) << f.reason;

  f = load_failure(base_yaml + "portal:\n  processing_delay: \"P1M\"\n");  // months: no
  EXPECT_EQ(f.path, "$.portal.processing_delay");

  f = load_failure(base_yaml + "portal:\n  accept_lowercase_md5: yes\n");
  EXPECT_EQ(f.path, "$.portal.accept_lowercase_md5");
  EXPECT_EQ(f.reason, "expected true or false");

  f = load_failure(base_yaml + "portal:\n  card_lookup_body: xml\n");
  EXPECT_EQ(f.path, "$.portal.card_lookup_body");
  EXPECT_EQ(f.reason, "\"xml\" is not one of both, json, form");

  f = load_failure(base_yaml + "portal: [1]\n");
  EXPECT_EQ(f.path, "$.portal");
  EXPECT_EQ(f.reason, "expected an object (mapping)");

  f = load_failure(R"({"name": "x", "province": "38", "portal": {"token_lifetime": 3600}})",
                   "json");
  EXPECT_EQ(f.file, "p.json");
  EXPECT_EQ(f.path, "$.portal.token_lifetime");
  EXPECT_EQ(f.reason, "expected a string");

  f = load_failure(R"({"name": "x", "province": "38", "portal": {"accept_json_login": "true"}})",
                   "json");
  EXPECT_EQ(f.path, "$.portal.accept_json_login");
  EXPECT_EQ(f.reason, "expected true or false");  // JSON strings are not booleans
}

TEST(world_portal, durations) {
  EXPECT_EQ(parse_world_duration("PT1H"), 1h);
  EXPECT_EQ(parse_world_duration("PT90S"), 90s);
  EXPECT_EQ(parse_world_duration("P1DT30M"), 24h + 30min);
  EXPECT_EQ(parse_world_duration("P366D"), 366 * 24h);
  for (const char* bad :
       {"", "P", "PT", "1H", "PT1", "PTH", "P1H", "PT1D", "PT1M1H", "PT1H1H", "P1DT", "PT0S",
        "P367D", "PT1.5H", "PT-1H", "pt1h", "P1Y", "P1W", "PT9999999999S"}) {
    EXPECT_FALSE(parse_world_duration(bad)) << bad;
  }
  for (std::chrono::seconds d : {1s, 59s, 60s, 300s, 3600s, 5400s, 93600s, 86400s, 86401s}) {
    EXPECT_EQ(parse_world_duration(format_world_duration(d)), d) << format_world_duration(d);
  }
  EXPECT_EQ(format_world_duration(1h), "PT1H");
  EXPECT_EQ(format_world_duration(26h + 30min), "P1DT2H30M");
}

TEST(world_portal, generate_keeps_a_non_default_section) {
  testing::temp_dir dir;
  auto base = load_world_text(base_yaml +
                                  "portal:\n  token_lifetime: \"PT5M\"\n"
                                  "  card_lookup_body: json\n",
                              "yaml", "p.yaml");
  for (const std::string ext : {".yaml", ".json"}) {
    const std::string out = dir.file("gen" + ext);
    write_generated_world(*base, 3, 10, out);
    auto w = load_world_file(out);
    EXPECT_EQ(w->portal, base->portal) << ext;
  }
}

}  // namespace
}  // namespace sim::world

namespace sim::world {
namespace {

// The `signature` section (docs/signature.md "Per-world switches").
TEST(world_signature, defaults_switches_and_errors) {
  auto w = load_world_text(base_yaml, "yaml", "p.yaml");
  EXPECT_EQ(w->signature, signature_behaviour{});
  auto on = load_world_text(base_yaml + "signature: {sha1_warning: true, du_phong_signature: true}\n",
                            "yaml", "p.yaml");
  EXPECT_TRUE(on->signature.sha1_warning);
  EXPECT_TRUE(on->signature.du_phong_signature);
  auto f = load_failure(base_yaml + "signature: {sha1: true}\n");
  EXPECT_EQ(f.path, "$.signature.sha1");
  EXPECT_FALSE(f.reason.empty());
  f = load_failure(base_yaml + "signature: {du_phong_signature: \"yes\"}\n");
  EXPECT_EQ(f.path, "$.signature.du_phong_signature");
}

}  // namespace
}  // namespace sim::world
