// Hostile input reaches validate_file and comes back as its XML.* / ENV.* code, rendered, never
// as a crash or a hang.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "simulator/core/base64.hpp"
#include "simulator/rules/validator.hpp"

namespace {

sim::rules::file_report judge(const std::string& bytes) {
  sim::rules::validate_options o;
  o.at = *sim::core::parse_yyyymmddhhmm("202612031000");
  return sim::rules::validate_file(bytes, o);
}

bool has(const sim::rules::file_report& r, std::string_view code) {
  for (const auto& f : r.findings) {
    if (f.code == code) {
      EXPECT_FALSE(f.message_vi.empty());
      EXPECT_FALSE(f.message_en.empty());
      return true;
    }
  }
  return false;
}

std::string envelope_with(const std::string& loaihoso, const std::string& noidung) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<GIAMDINHHS><THONGTINDONVI><MACSKCB>22001"
         "</MACSKCB></THONGTINDONVI><THONGTINHOSO><NGAYLAP>20261201</NGAYLAP><SOLUONGHOSO>1"
         "</SOLUONGHOSO><DANHSACHHOSO><HOSO><FILEHOSO><LOAIHOSO>" +
         loaihoso + "</LOAIHOSO><NOIDUNGFILE>" + noidung +
         "</NOIDUNGFILE></FILEHOSO></HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/>"
         "</GIAMDINHHS>";
}

TEST(hostile_input, entity_bomb_and_external_entity) {
  auto bomb = judge("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><GIAMDINHHS>&b;</GIAMDINHHS>");
  EXPECT_TRUE(has(bomb, "XML.DTD_FORBIDDEN"));
  EXPECT_FALSE(bomb.accepted);
  auto xxe = judge("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
                   "\"file:///etc/passwd\">]><GIAMDINHHS>&x;</GIAMDINHHS>");
  EXPECT_TRUE(has(xxe, "XML.DTD_FORBIDDEN"));
}

TEST(hostile_input, malformed_truncated_empty_deep) {
  EXPECT_TRUE(has(judge(""), "XML.MALFORMED"));
  EXPECT_TRUE(has(judge("<?xml version=\"1.0\"?><GIAMDINHHS><THONGTINDONVI>"), "XML.MALFORMED"));
  std::string deep = "<GIAMDINHHS>";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  deep += "</GIAMDINHHS>";
  EXPECT_TRUE(has(judge(deep), "XML.MALFORMED"));
}

TEST(hostile_input, not_utf8) {
  auto r = judge("<?xml version=\"1.0\" encoding=\"utf-8\"?><CHI_TIEU_TRANG_THAI_KCB>"
                 "<DSACH_TRANG_THAI_KCB><TRANG_THAI_KCB><HO_TEN>Nguy\xean</HO_TEN>"
                 "</TRANG_THAI_KCB></DSACH_TRANG_THAI_KCB></CHI_TIEU_TRANG_THAI_KCB>");
  EXPECT_TRUE(has(r, "XML.ENCODING"));
  EXPECT_FALSE(r.accepted);
}

TEST(hostile_input, bad_base64_and_loaihoso_and_size) {
  EXPECT_TRUE(has(judge(envelope_with("XML1", "@@@not base64@@@")), "ENV.BASE64"));
  EXPECT_TRUE(has(judge(envelope_with("XML99", sim::core::base64_encode("<TONG_HOP/>"))),
                  "ENV.LOAIHOSO"));
  sim::rules::validate_options o;
  o.limits.max_file_bytes = 1000;
  auto big = sim::rules::validate_file(
      envelope_with("XML1", sim::core::base64_encode(std::string(5000, 'x'))), o);
  EXPECT_TRUE(has(big, "XML.TOO_LARGE"));
}

TEST(hostile_input, wrong_root_is_a_structure_finding) {
  auto r = judge("<?xml version=\"1.0\" encoding=\"utf-8\"?><HOSO></HOSO>");
  EXPECT_TRUE(has(r, "ENV.STRUCTURE"));
  EXPECT_FALSE(r.accepted);
}

}  // namespace

namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(SSKDT_SOURCE_DIR) + "/fixtures/xml/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(fixtures, committed_files_get_their_verdicts) {
  auto ok = judge(read_fixture("claim-4750-outpatient-accepted.xml"));
  EXPECT_TRUE(ok.accepted);
  EXPECT_TRUE(ok.findings.empty());
  EXPECT_TRUE(judge(read_fixture("checkin-4750-accepted.xml")).accepted);
  auto bad = judge(read_fixture("claim-4750-sum-t_bhtt-rejected.xml"));
  ASSERT_EQ(bad.findings.size(), 1u);
  EXPECT_EQ(bad.findings[0].code, "SUM.T_BHTT");
  EXPECT_EQ(bad.findings[0].table, "XML1");
  EXPECT_EQ(bad.findings[0].field, "T_BHTT");
  EXPECT_FALSE(bad.accepted);
}

}  // namespace
