// The IDNUM.* / QR.* catalogue: complete entries, no clash with the rules catalogue or the
// reserved ID.* / CARD.* families, and docs/identity.md lists exactly these codes.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "simulator/core/utf8.hpp"
#include "simulator/identity/id_catalogue.hpp"

namespace {

using sim::identity::identity_catalogue;

TEST(identity_catalogue, entries_are_unique_complete_and_in_their_families) {
  std::set<std::string_view> seen;
  for (const auto& e : identity_catalogue()) {
    EXPECT_TRUE(seen.insert(e.code).second) << e.code;
    EXPECT_TRUE(e.code.starts_with("IDNUM.") || e.code.starts_with("QR.")) << e.code;
    EXPECT_FALSE(e.message_vi.empty());
    EXPECT_FALSE(e.message_en.empty());
    EXPECT_FALSE(e.source.empty());
    EXPECT_FALSE(sim::core::first_invalid_utf8(e.message_vi).has_value()) << e.code;
    EXPECT_EQ(sim::rules::find_entry(e.code), nullptr) << e.code << " clashes with sim::rules";
  }
}

TEST(identity_catalogue, docs_list_the_same_codes) {
  std::ifstream in(std::string(SSKDT_SOURCE_DIR) + "/docs/identity.md");
  ASSERT_TRUE(in) << "docs/identity.md";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::set<std::string> documented;
  const std::regex heading(R"(\n### `([A-Z0-9_.]+)`)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), heading);
       it != std::sregex_iterator(); ++it) {
    documented.insert((*it)[1]);
  }
  std::set<std::string> in_code;
  for (const auto& e : identity_catalogue()) in_code.insert(std::string(e.code));
  EXPECT_EQ(documented, in_code);
  // Each documented code quotes its Vietnamese and English templates verbatim.
  for (const auto& e : identity_catalogue()) {
    EXPECT_NE(text.find(std::string(e.message_vi)), std::string::npos) << e.code << " vi";
    EXPECT_NE(text.find(std::string(e.message_en)), std::string::npos) << e.code << " en";
  }
}

TEST(identity_catalogue, render_uses_the_default_severity) {
  sim::core::finding f{.code = "IDNUM.COUNTRY", .field = "SO_CCCD", .value = "100"};
  sim::identity::render_identity(f);
  EXPECT_EQ(f.level, sim::core::severity::warning);
  EXPECT_NE(f.message_vi.find("\"100\""), std::string::npos) << f.message_vi;
  EXPECT_NE(f.message_en.find("SO_CCCD"), std::string::npos) << f.message_en;
}

}  // namespace
