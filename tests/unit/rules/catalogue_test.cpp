// The finding catalogue: docs/findings.md lists exactly the catalogue's codes; render() fills
// both languages with the field and the value; unknown codes still render.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "simulator/core/utf8.hpp"
#include "simulator/rules/catalogue.hpp"

namespace {

using sim::core::finding;
using sim::rules::catalogue;
using sim::rules::find_entry;
using sim::rules::render;

std::set<std::string> documented_codes() {
  std::ifstream in(std::string(SSKDT_SOURCE_DIR) + "/docs/findings.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::set<std::string> codes;
  const std::regex heading(R"(\n### `([A-Z0-9_.]+)`)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), heading);
       it != std::sregex_iterator(); ++it) {
    codes.insert((*it)[1]);
  }
  return codes;
}

TEST(catalogue, docs_list_the_same_codes) {
  std::set<std::string> in_code;
  for (const auto& e : catalogue()) in_code.insert(std::string(e.code));
  EXPECT_EQ(documented_codes(), in_code);
}

TEST(catalogue, has_every_family_code_of_issue_7) {
  for (const char* code :
       {"XML.MALFORMED", "XML.DTD_FORBIDDEN", "XML.TOO_LARGE", "XML.ENCODING", "ENV.STRUCTURE",
        "ENV.BASE64", "ENV.LOAIHOSO", "ENV.COUNT", "FIELD.REQUIRED", "FIELD.TOO_LONG",
        "FIELD.TYPE", "FIELD.FORMAT", "FIELD.CODE", "FIELD.UNKNOWN", "LINK.MA_LK",
        "LINK.MISSING_TABLE", "LINK.UNEXPECTED_TABLE", "SUM.T_THUOC", "SUM.T_VTYT",
        "SUM.T_TONGCHI_BV", "SUM.T_TONGCHI_BH", "SUM.T_BNTT", "SUM.T_BNCCT", "SUM.T_NGUONKHAC",
        "SUM.T_BHTT", "SUM.T_BHTT_GDV", "SUM.THANH_TIEN_BV", "SUM.THANH_TIEN_BH",
        "SUM.T_NGUONKHAC_ROW", "DATE.ORDER", "DATE.FUTURE"}) {
    const auto* e = find_entry(code);
    ASSERT_NE(e, nullptr) << code;
    EXPECT_EQ(e->code, code);
    EXPECT_FALSE(e->source.empty()) << code;
  }
}

TEST(catalogue, entries_are_unique_and_complete) {
  std::set<std::string_view> seen;
  for (const auto& e : catalogue()) {
    EXPECT_TRUE(seen.insert(e.code).second) << e.code;
    EXPECT_FALSE(e.message_vi.empty());
    EXPECT_FALSE(e.message_en.empty());
    EXPECT_FALSE(sim::core::first_invalid_utf8(e.message_vi).has_value());
  }
}

TEST(catalogue, family_fallback_and_unknown_codes) {
  EXPECT_EQ(find_entry("SUM.T_FUTURE_RULE")->code, "SUM");
  EXPECT_EQ(find_entry("FIELD.REQUIRED.EXTRA")->code, "FIELD.REQUIRED");
  EXPECT_EQ(find_entry("SIG.DIGEST"), nullptr);
  finding f{.code = "SIG.DIGEST", .table = "ENVELOPE", .field = "CHUKYDONVI", .value = "abc"};
  render(f);
  EXPECT_NE(f.message_vi.find("SIG.DIGEST"), std::string::npos);
  EXPECT_NE(f.message_vi.find("CHUKYDONVI"), std::string::npos);
  EXPECT_NE(f.message_en.find("abc"), std::string::npos);
}

TEST(catalogue, render_names_field_and_value_in_both_languages) {
  finding f{.code = "FIELD.TOO_LONG", .table = "XML1", .row = 1, .field = "HO_TEN",
            .value = "Nguyễn Văn An", .detail = "255"};
  render(f);
  EXPECT_EQ(f.message_vi,
            "Trường HO_TEN có giá trị \"Nguyễn Văn An\" dài quá 255 ký tự cho phép.");
  EXPECT_EQ(f.message_en,
            "Field HO_TEN has the value \"Nguyễn Văn An\", longer than the 255 characters "
            "allowed.");
}

TEST(catalogue, required_renders_its_condition) {
  finding plain{.code = "FIELD.REQUIRED", .table = "XML1", .row = 1, .field = "HO_TEN"};
  render(plain);
  EXPECT_EQ(plain.message_vi, "Thiếu trường bắt buộc HO_TEN ở bảng XML1, dòng 1.");
  EXPECT_EQ(plain.message_en, "Required field HO_TEN is missing in table XML1, row 1.");
  finding cond{.code = "FIELD.REQUIRED", .table = "XML3", .row = 2, .field = "MA_XANG_DAU",
               .detail = "MA_NHOM = 12"};
  render(cond);
  EXPECT_EQ(cond.message_vi,
            "Thiếu trường bắt buộc MA_XANG_DAU ở bảng XML3, dòng 2 (bắt buộc khi MA_NHOM = 12).");
  EXPECT_EQ(cond.message_en, "Required field MA_XANG_DAU is missing in table XML3, row 2 "
                             "(required when MA_NHOM = 12).");
}

TEST(catalogue, hostile_values_render_as_valid_truncated_utf8) {
  finding f{.code = "FIELD.FORMAT", .field = "NGAY_VAO",
            .value = std::string("\xFF\xFE") + std::string(500, 'x')};
  render(f);
  EXPECT_FALSE(sim::core::first_invalid_utf8(f.message_vi).has_value());
  EXPECT_NE(f.message_vi.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_LT(f.message_vi.size(), 300u);
  finding empty{.code = "FIELD.CODE", .field = "GIOI_TINH", .detail = "GIOI_TINH"};
  render(empty);
  EXPECT_NE(empty.message_vi.find("(trống)"), std::string::npos);
  EXPECT_NE(empty.message_en.find("(empty)"), std::string::npos);
}

TEST(catalogue, extra_catalogues_are_looked_up_first) {
  static constexpr sim::rules::catalogue_entry sig[] = {
      {"SIG.MISSING", sim::core::severity::error, "Thiếu chữ ký ở {field}.",
       "Signature missing in {field}.", "test"}};
  std::span<const sim::rules::catalogue_entry> cat(sig);
  std::vector<std::span<const sim::rules::catalogue_entry>> extra{cat};
  finding f{.code = "SIG.MISSING", .field = "CHUKYDONVI"};
  render(f, extra);
  EXPECT_EQ(f.message_vi, "Thiếu chữ ký ở CHUKYDONVI.");
  EXPECT_EQ(f.message_en, "Signature missing in CHUKYDONVI.");
}

TEST(catalogue, make_finding_takes_default_severity) {
  EXPECT_EQ(sim::rules::make_finding("SUM.T_BHTT").level, sim::core::severity::error);
  EXPECT_EQ(sim::rules::make_finding("SUM.T_BHTT").code, "SUM.T_BHTT");
}

}  // namespace
