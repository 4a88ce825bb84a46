// The envelope codec: canonical round trip, structure findings and hostile input (issue 7 §2–3).
#include "simulator/standard/envelope.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "simulator/core/base64.hpp"

namespace sim::standard {
namespace {

const standard_def& s4750() { return get_standard(standard_id::qd4750); }

row make_row(std::initializer_list<std::pair<const char*, const char*>> fields) {
  row r;
  for (const auto& [k, v] : fields) r.fields.push_back({k, v});
  return r;
}

claim_envelope sample_claim() {
  claim_envelope c;
  c.macskcb = "01013";
  c.ngaylap = "20240715";
  c.soluonghoso = "1";
  hoso h;
  table_data x1;
  x1.id = table_id::xml1;
  x1.loaihoso = "XML1";
  x1.rows.push_back(make_row({{"MA_LK", "LK001"}, {"STT", "1"}, {"MA_BN", "BN01"},
                              {"HO_TEN", "Nguyễn Văn An"}, {"CHAN_DOAN_RV", "Sốt ]]> cao & ho"},
                              {"T_BHTT", "120000.50"}, {"MA_BENH_CHINH", "J06.9"}}));
  table_data x2;
  x2.id = table_id::xml2;
  x2.loaihoso = "XML2";
  x2.rows.push_back(make_row({{"MA_LK", "LK001"}, {"STT", "1"}, {"TEN_THUOC", "Paracetamol"},
                              {"SO_LUONG", "10"}}));
  x2.rows.push_back(make_row({{"MA_LK", "LK001"}, {"STT", "2"}, {"TEN_THUOC", "Vitamin C"},
                              {"SO_LUONG", "5"}}));
  h.tables.push_back(x1);
  h.tables.push_back(x2);
  c.hosos.push_back(h);
  return c;
}

bool has_code(const decoded_file& d, std::string_view code) {
  for (const auto& f : d.findings) {
    if (f.code == code) return true;
  }
  return false;
}

const core::finding* first(const decoded_file& d, std::string_view code) {
  for (const auto& f : d.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

std::string claim_with_inner(std::string_view loaihoso, std::string_view noidung,
                             std::string_view count = "1") {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<GIAMDINHHS><THONGTINDONVI><MACSKCB>01013"
         "</MACSKCB></THONGTINDONVI><THONGTINHOSO><NGAYLAP>20240715</NGAYLAP><SOLUONGHOSO>" +
         std::string(count) +
         "</SOLUONGHOSO><DANHSACHHOSO><HOSO><FILEHOSO><LOAIHOSO>" + std::string(loaihoso) +
         "</LOAIHOSO><NOIDUNGFILE>" + std::string(noidung) +
         "</NOIDUNGFILE></FILEHOSO></HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/>"
         "</GIAMDINHHS>";
}

std::string b64(std::string_view s) { return core::base64_encode(s); }

const std::string k_xml1_ok =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><TONG_HOP><MA_LK>LK9</MA_LK></TONG_HOP>";

// ---- canonical form and round trip ------------------------------------------------------------

TEST(envelope, canonical_claim_round_trips_byte_for_byte) {
  const auto bytes = encode_claim(s4750(), sample_claim());
  auto d = decode(bytes, s4750());
  ASSERT_TRUE(d.findings.empty()) << d.findings.front().code << " " << d.findings.front().detail;
  ASSERT_EQ(d.kind, file_kind::claim);
  EXPECT_EQ(d.claim.macskcb, "01013");
  EXPECT_EQ(d.claim.ngaylap, "20240715");
  EXPECT_TRUE(d.claim.has_chukydonvi);
  ASSERT_EQ(d.claim.hosos.size(), 1u);
  const auto* x1 = d.claim.hosos[0].table(table_id::xml1);
  ASSERT_NE(x1, nullptr);
  EXPECT_EQ(x1->rows.at(0).value_or_empty("HO_TEN"), "Nguyễn Văn An");
  EXPECT_EQ(x1->rows.at(0).value_or_empty("CHAN_DOAN_RV"), "Sốt ]]> cao & ho");
  EXPECT_EQ(x1->xml, encode_table(s4750(), sample_claim().hosos[0].tables[0]));
  EXPECT_EQ(d.claim.hosos[0].table(table_id::xml2)->rows.size(), 2u);
  EXPECT_EQ(encode_claim(s4750(), d.claim), bytes);
}

TEST(envelope, canonical_form_details) {
  const auto bytes = encode_claim(s4750(), sample_claim());
  EXPECT_TRUE(bytes.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<GIAMDINHHS "
                                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"));
  EXPECT_NE(bytes.find("<CHUKYDONVI></CHUKYDONVI>"), std::string::npos);
  const auto inner = encode_table(s4750(), sample_claim().hosos[0].tables[0]);
  EXPECT_NE(inner.find("<HO_TEN><![CDATA[Nguyễn Văn An]]></HO_TEN>"), std::string::npos);
  EXPECT_NE(inner.find("<![CDATA[Sốt ]]]]><![CDATA[> cao & ho]]>"), std::string::npos);
  EXPECT_NE(inner.find("<MA_LK>LK001</MA_LK>"), std::string::npos);  // identifier: no CDATA
  // NOIDUNGFILE is one base64 line.
  auto p = bytes.find("<NOIDUNGFILE>");
  auto e = bytes.find("</NOIDUNGFILE>");
  EXPECT_EQ(bytes.substr(p, e - p).find('\n'), std::string::npos);
  // QĐ 130: no namespace attributes (CV3190).
  const auto b130 = encode_claim(get_standard(standard_id::qd130), sample_claim());
  EXPECT_NE(b130.find("\n<GIAMDINHHS>\n"), std::string::npos);
  auto d130 = decode(b130, get_standard(standard_id::qd130));
  EXPECT_TRUE(d130.findings.empty());
  EXPECT_EQ(encode_claim(get_standard(standard_id::qd130), d130.claim), b130);
}

TEST(envelope, escaping_round_trips) {
  auto c = sample_claim();
  c.hosos[0].tables[0].rows[0].fields.push_back({"MA_HSBA", "a<b>&c\r\nd"});
  c.hosos[0].tables[0].rows[0].fields.push_back({"GHI_CHU", "dòng 1\r\ndòng 2"});
  const auto bytes = encode_claim(s4750(), c);
  auto d = decode(bytes, s4750());
  ASSERT_TRUE(d.findings.empty());
  const auto& r = d.claim.hosos[0].tables[0].rows[0];
  EXPECT_EQ(r.value_or_empty("MA_HSBA"), "a<b>&c\r\nd");
  EXPECT_EQ(r.value_or_empty("GHI_CHU"), "dòng 1\r\ndòng 2");
  EXPECT_EQ(encode_claim(s4750(), d.claim), bytes);
}

TEST(envelope, checkin_round_trips) {
  checkin_file c;
  c.xml0.id = table_id::xml0;
  c.xml0.rows.push_back(make_row({{"MA_LK", "LK1"}, {"STT", "1"}, {"HO_TEN", "Trần Thị Bình"}}));
  c.xml0.rows.push_back(make_row({{"MA_LK", "LK2"}, {"STT", "2"}, {"HO_TEN", "Lê Văn Cường"}}));
  const auto bytes = encode_checkin(s4750(), c);
  EXPECT_NE(bytes.find("<CHUKYDONVI></CHUKYDONVI>\n</CHI_TIEU_TRANG_THAI_KCB>"),
            std::string::npos);
  auto d = decode(bytes, s4750());
  ASSERT_TRUE(d.findings.empty()) << d.findings.front().code << d.findings.front().detail;
  ASSERT_EQ(d.kind, file_kind::checkin);
  EXPECT_TRUE(d.checkin.has_chukydonvi);
  ASSERT_EQ(d.checkin.xml0.rows.size(), 2u);
  EXPECT_EQ(d.checkin.xml0.rows[1].value_or_empty("HO_TEN"), "Lê Văn Cường");
  EXPECT_EQ(d.checkin.xml0.xml, bytes);
  EXPECT_EQ(encode_checkin(s4750(), d.checkin), bytes);
}

TEST(envelope, utf8_bom_and_whitespace_are_fine) {
  auto d = decode("\xEF\xBB\xBF" + claim_with_inner("XML1", b64(k_xml1_ok)), s4750());
  EXPECT_TRUE(d.findings.empty()) << d.findings.front().code;
  EXPECT_EQ(d.claim.hosos.at(0).tables.at(0).rows.at(0).value_or_empty("MA_LK"), "LK9");
}

// ---- structure --------------------------------------------------------------------------------

TEST(envelope, wrong_root) {
  auto d = decode("<?xml version=\"1.0\"?><HOSO/>", s4750());
  ASSERT_TRUE(has_code(d, "ENV.STRUCTURE"));
  EXPECT_EQ(first(d, "ENV.STRUCTURE")->table, "ENVELOPE");
  EXPECT_EQ(d.kind, file_kind::unknown);
}

TEST(envelope, missing_envelope_elements) {
  const auto ok = claim_with_inner("XML1", b64(k_xml1_ok));
  ASSERT_TRUE(decode(ok, s4750()).findings.empty());
  for (std::string_view tag : {"<MACSKCB>01013</MACSKCB>", "<NGAYLAP>20240715</NGAYLAP>",
                               "<CHUKYDONVI/>", "<LOAIHOSO>XML1</LOAIHOSO>"}) {
    std::string bad = ok;
    bad.erase(bad.find(tag), tag.size());
    auto d = decode(bad, s4750());
    EXPECT_TRUE(has_code(d, "ENV.STRUCTURE")) << tag;
  }
  std::string no_noidung = ok;
  auto p = no_noidung.find("<NOIDUNGFILE>");
  no_noidung.erase(p, no_noidung.find("</FILEHOSO>") - p);
  EXPECT_TRUE(has_code(decode(no_noidung, s4750()), "ENV.STRUCTURE"));
  std::string no_hoso =
      "<GIAMDINHHS><THONGTINDONVI><MACSKCB>01013</MACSKCB></THONGTINDONVI><THONGTINHOSO>"
      "<NGAYLAP>20240715</NGAYLAP><SOLUONGHOSO>0</SOLUONGHOSO><DANHSACHHOSO></DANHSACHHOSO>"
      "</THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>";
  EXPECT_TRUE(has_code(decode(no_hoso, s4750()), "ENV.STRUCTURE"));
}

TEST(envelope, inner_document_with_wrong_root_or_row_element) {
  auto d = decode(claim_with_inner("XML2", b64(k_xml1_ok)), s4750());
  const auto* f = first(d, "ENV.STRUCTURE");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->table, "XML2");
  const std::string wrong_row =
      "<CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC><CHI_TIET_DVKT><MA_LK>1</MA_LK>"
      "</CHI_TIET_DVKT></DSACH_CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>";
  auto d2 = decode(claim_with_inner("XML2", b64(wrong_row)), s4750());
  ASSERT_TRUE(has_code(d2, "ENV.STRUCTURE"));
  EXPECT_EQ(first(d2, "ENV.STRUCTURE")->table, "XML2");
  const std::string no_wrapper = "<CHITIEU_CHITIET_THUOC></CHITIEU_CHITIET_THUOC>";
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML2", b64(no_wrapper)), s4750()),
                       "ENV.STRUCTURE"));
}

TEST(envelope, unknown_field_is_reported_with_its_place) {
  const std::string inner =
      "<CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC><CHI_TIET_THUOC><MA_LK>LK7</MA_LK>"
      "</CHI_TIET_THUOC><CHI_TIET_THUOC><MA_LK>LK7</MA_LK><MA_BENH_CHINH>A00</MA_BENH_CHINH>"
      "</CHI_TIET_THUOC></DSACH_CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>";
  auto d = decode(claim_with_inner("XML2", b64(inner)), s4750());
  const auto* f = first(d, "FIELD.UNKNOWN");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->table, "XML2");
  EXPECT_EQ(f->row, 2);
  EXPECT_EQ(f->field, "MA_BENH_CHINH");
  EXPECT_EQ(f->value, "A00");
  EXPECT_EQ(f->ma_lk, "LK7");
  EXPECT_EQ(f->level, core::severity::error);
  // Standard-dependent: NHOM_MAU exists in 4750 XML1 but not in 130.
  const std::string x1 = "<TONG_HOP><MA_LK>1</MA_LK><NHOM_MAU>O</NHOM_MAU></TONG_HOP>";
  EXPECT_FALSE(has_code(decode(claim_with_inner("XML1", b64(x1)), s4750()), "FIELD.UNKNOWN"));
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML1", b64(x1)), get_standard(standard_id::qd130)),
                       "FIELD.UNKNOWN"));
}

TEST(envelope, loaihoso_problems) {
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML99", b64(k_xml1_ok)), s4750()),
                       "ENV.LOAIHOSO"));
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML12", b64(k_xml1_ok)), s4750()),
                       "ENV.LOAIHOSO"));
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML0", b64(k_xml1_ok)), s4750()),
                       "ENV.LOAIHOSO"));
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML13", b64(k_xml1_ok)),
                              get_standard(standard_id::qd130)),
                       "ENV.LOAIHOSO"));
  auto twice = claim_with_inner("XML1", b64(k_xml1_ok));
  const std::string file = "<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>" + b64(k_xml1_ok) +
                           "</NOIDUNGFILE></FILEHOSO>";
  twice.insert(twice.find("</HOSO>"), file);
  auto d = decode(twice, s4750());
  ASSERT_TRUE(has_code(d, "ENV.LOAIHOSO"));
  EXPECT_EQ(first(d, "ENV.LOAIHOSO")->ma_lk, "LK9");
  EXPECT_EQ(d.claim.hosos.at(0).tables.size(), 1u);
}

TEST(envelope, soluonghoso_count) {
  EXPECT_FALSE(has_code(decode(claim_with_inner("XML1", b64(k_xml1_ok), "1"), s4750()),
                        "ENV.COUNT"));
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML1", b64(k_xml1_ok), "2"), s4750()),
                       "ENV.COUNT"));
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML1", b64(k_xml1_ok), "một"), s4750()),
                       "ENV.COUNT"));
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML1", b64(k_xml1_ok), ""), s4750()),
                       "ENV.COUNT"));
  decode_limits lim;
  lim.max_hoso = 0;
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML1", b64(k_xml1_ok), "1"), s4750(), lim),
                       "ENV.COUNT"));
}

// ---- hostile input ----------------------------------------------------------------------------

TEST(envelope_hostile, billion_laughs) {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i < 10; ++i) {
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) bomb += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    bomb += "\">\n";
  }
  bomb += "]>\n<GIAMDINHHS>&lol9;</GIAMDINHHS>";
  auto d = decode(bomb, s4750());
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].code, "XML.DTD_FORBIDDEN");
  EXPECT_NE(d.findings[0].detail.find("line 2"), std::string::npos);
}

TEST(envelope_hostile, external_entity) {
  auto d = decode("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "
                  "\"file:///etc/passwd\">]><GIAMDINHHS>&xxe;</GIAMDINHHS>",
                  s4750());
  EXPECT_TRUE(has_code(d, "XML.DTD_FORBIDDEN"));
  // An ENTITY declaration without DOCTYPE, and a DOCTYPE after a comment, are caught as well.
  EXPECT_TRUE(has_code(decode("<!-- c --><!DOCTYPE GIAMDINHHS SYSTEM \"http://x/y.dtd\">"
                              "<GIAMDINHHS/>", s4750()), "XML.DTD_FORBIDDEN"));
  // Inside CDATA the same bytes are text, not a declaration.
  auto ok = claim_with_inner(
      "XML1", b64("<TONG_HOP><MA_LK>1</MA_LK><GHI_CHU><![CDATA[<!DOCTYPE x>]]></GHI_CHU>"
                  "</TONG_HOP>"));
  EXPECT_TRUE(decode(ok, s4750()).findings.empty());
}

TEST(envelope_hostile, deep_nesting) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  auto d = decode(deep, s4750());
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].code, "XML.MALFORMED");
  EXPECT_NE(d.findings[0].detail.find("deeper than 32"), std::string::npos);
  // 32 levels are allowed (the limit is inclusive) — shown with a small limit.
  decode_limits lim;
  lim.max_depth = 3;
  EXPECT_FALSE(has_code(decode("<GIAMDINHHS><a><b/></a></GIAMDINHHS>", s4750(), lim),
                        "XML.MALFORMED"));
  EXPECT_TRUE(has_code(decode("<GIAMDINHHS><a><b><c/></b></a></GIAMDINHHS>", s4750(), lim),
                       "XML.MALFORMED"));
}

TEST(envelope_hostile, latin1_bytes_in_a_name) {
  auto d = decode("<?xml version=\"1.0\" encoding=\"utf-8\"?><GIAMDINHHS><H\xD4_TEN>x</H\xD4_TEN>"
                  "</GIAMDINHHS>",
                  s4750());
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].code, "XML.ENCODING");
  EXPECT_NE(d.findings[0].detail.find("byte 52"), std::string::npos);
}

TEST(envelope_hostile, non_utf8_declaration) {
  auto d = decode("<?xml version=\"1.0\" encoding=\"windows-1258\"?><GIAMDINHHS/>", s4750());
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].code, "XML.ENCODING");
  EXPECT_NE(d.findings[0].detail.find("windows-1258"), std::string::npos);
  EXPECT_FALSE(has_code(decode(claim_with_inner("XML1", b64(k_xml1_ok)).replace(30, 5, "UTF-8"),
                               s4750()),
                        "XML.ENCODING"));
  EXPECT_TRUE(has_code(decode("\xFF\xFE<\0G\0", s4750()), "XML.ENCODING"));
}

TEST(envelope_hostile, truncated_file) {
  const auto full = encode_claim(s4750(), sample_claim());
  auto d = decode(std::string_view(full).substr(0, full.size() / 2), s4750());
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].code, "XML.MALFORMED");
  EXPECT_NE(d.findings[0].detail.find("line "), std::string::npos);
  EXPECT_NE(d.findings[0].detail.find("byte offset "), std::string::npos);
  EXPECT_TRUE(has_code(decode("", s4750()), "XML.MALFORMED"));
}

TEST(envelope_hostile, garbage_base64) {
  auto d = decode(claim_with_inner("XML1", "not*base64!"), s4750());
  const auto* f = first(d, "ENV.BASE64");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->table, "XML1");
  EXPECT_EQ(f->field, "NOIDUNGFILE");
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML1", "QUJD="), s4750()), "ENV.BASE64"));
}

TEST(envelope_hostile, inner_file_is_a_dtd_bomb) {
  const std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE TONG_HOP [<!ENTITY a \"aaaa\">"
                           "<!ENTITY b \"&a;&a;&a;&a;\">]><TONG_HOP><MA_LK>&b;</MA_LK></TONG_HOP>";
  auto d = decode(claim_with_inner("XML1", b64(bomb)), s4750());
  const auto* f = first(d, "XML.DTD_FORBIDDEN");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->table, "XML1");
  // The other inner checks apply too.
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML1", b64("<TONG_HOP>\xC3</TONG_HOP>")),
                              s4750()), "XML.ENCODING"));
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML1", b64("<TONG_HOP><MA_LK>")), s4750()),
                       "XML.MALFORMED"));
  decode_limits lim;
  lim.max_inner_bytes = 16;
  // Keep the decoded file alive: `first` points into its findings.
  const auto decoded = decode(claim_with_inner("XML1", b64(k_xml1_ok)), s4750(), lim);
  const auto* big = first(decoded, "XML.TOO_LARGE");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->table, "XML1");
}

TEST(envelope_hostile, too_many_rows) {
  std::string inner = "<CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC>";
  for (int i = 0; i < 5; ++i) inner += "<CHI_TIET_THUOC><MA_LK>1</MA_LK></CHI_TIET_THUOC>";
  inner += "</DSACH_CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>";
  decode_limits lim;
  lim.max_rows_per_table = 4;
  EXPECT_TRUE(has_code(decode(claim_with_inner("XML2", b64(inner)), s4750(), lim),
                       "XML.TOO_LARGE"));
  lim.max_rows_per_table = 5;
  EXPECT_FALSE(has_code(decode(claim_with_inner("XML2", b64(inner)), s4750(), lim),
                        "XML.TOO_LARGE"));
}

TEST(envelope_hostile, sixty_megabytes_rejected_without_parsing) {
  const std::string huge(60u << 20, '<');
  const auto t0 = std::chrono::steady_clock::now();
  auto d = decode(huge, s4750());
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].code, "XML.TOO_LARGE");
  EXPECT_EQ(d.findings[0].table, "ENVELOPE");
  // Not read at all: far below the time one pass over 60 MB would take.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 5);
}

}  // namespace
}  // namespace sim::standard
