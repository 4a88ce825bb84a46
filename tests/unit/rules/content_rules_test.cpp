// Every content rule has a passing case (the baseline record is accepted with no finding at all)
// and a failing case that asserts the exact code, table, row and field. Files are built with
// sim::standard::encode_claim / encode_checkin and judged through validate_file.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "simulator/rules/validator.hpp"
#include "simulator/standard/code_lists.hpp"
#include "simulator/standard/envelope.hpp"

namespace {

using namespace sim::standard;
using sim::core::findings;
using fields_map = std::map<std::string, std::string>;

const standard_def& s4750() { return get_standard(standard_id::qd4750); }

// A value that passes the field's own rules, for required fields the test does not set.
std::string filler(const field_def& f) {
  std::string v;
  switch (f.format) {
    case value_format::code: {
      const code_list* l = find_code_list(f.code_list);
      v = l != nullptr && !l->entries.empty() ? l->entries.front().code : "1";
      break;
    }
    case value_format::date8: v = "20261201"; break;
    case value_format::datetime12: v = "202612010800"; break;
    case value_format::birth12: v = "199001010000"; break;
    case value_format::date8_or_12: v = "20261201"; break;
    case value_format::integer: v = "1"; break;
    case value_format::decimal: v = "0"; break;
    case value_format::ma_the_bhyt: v = "DN4220123456789"; break;
    case value_format::so_cccd: v = "022190001234"; break;
    case value_format::ma_cskcb: v = "22001"; break;
    case value_format::ma_bhxh: v = "2201234567"; break;
    case value_format::icd10: v = "J06.9"; break;
    case value_format::ma_giuong: v = "H001"; break;
    case value_format::tt_thau: v = "57/QĐ-TTMS;G1;N1;2022"; break;
    case value_format::ma_khoa: v = "K01"; break;
    default: v = f.type == data_type::number ? "1" : "Dữ liệu"; break;
  }
  if (f.max_length > 0 && f.max_length < 7 && f.format != value_format::code) {
    v = std::string(static_cast<std::size_t>(f.max_length), '1');  // short codes: "11", "111"
  }
  return v;
}

// Row of `id`: required fields filled, then `set` applied ("" removes a field).
row make_row(table_id id, const fields_map& set) {
  const table_def* def = s4750().table(id);
  row r;
  for (const auto& f : def->fields) {
    auto it = set.find(std::string(f.name));
    std::string v;
    if (it != set.end()) {
      v = it->second;
    } else if (f.required == requirement::required) {
      v = filler(f);
    }
    if (!v.empty()) r.fields.push_back({std::string(f.name), v});
  }
  for (const auto& [k, v] : set) {  // tags the table does not define (FIELD.UNKNOWN tests)
    if (def->field(k) == nullptr && !v.empty()) r.fields.push_back({k, v});
  }
  return r;
}

table_data make_table(table_id id, std::vector<fields_map> rows) {
  table_data t;
  t.id = id;
  t.loaihoso = std::string(to_string(id));
  for (const auto& r : rows) t.rows.push_back(make_row(id, r));
  return t;
}

// An outpatient exam (MA_LOAI_KCB 01) with one drug and one exam fee; totals consistent.
fields_map xml1_base() {
  return {{"MA_LK", "LK001"}, {"MA_BN", "BN001"}, {"HO_TEN", "Nguyễn Văn An"},
          {"NGAY_SINH", "199001010000"}, {"GIOI_TINH", "1"}, {"MA_THE_BHYT", "DN4220123456789"},
          {"MA_DKBD", "22001"}, {"GT_THE_TU", "20260101"}, {"GT_THE_DEN", "20261231"},
          {"MA_LOAI_KCB", "01"}, {"MA_LOAI_RV", "1"}, {"KET_QUA_DTRI", "1"},
          {"NGAY_VAO", "202612010800"}, {"NGAY_RA", "202612011000"}, {"SO_NGAY_DTRI", "0"},
          {"MA_BENH_CHINH", "J06.9"}, {"MA_CSKCB", "22001"}, {"MA_KHOA", "K01"},
          {"T_THUOC", "3001.00"}, {"T_VTYT", "0"}, {"T_TONGCHI_BV", "37501.00"},
          {"T_TONGCHI_BH", "37501.00"}, {"T_BNTT", "0"}, {"T_BNCCT", "7500.20"},
          {"T_BHTT", "30000.80"}, {"T_NGUONKHAC", "0"}, {"T_BHTT_GDV", "30000.80"},
          {"NAM_QT", "2026"}, {"THANG_QT", "12"}, {"CAN_NANG", "60.5"}};
}
fields_map xml2_base() {
  return {{"MA_LK", "LK001"}, {"STT", "1"}, {"MA_THUOC", "40.17"}, {"MA_NHOM", "4"},
          {"TEN_THUOC", "Paracetamol"}, {"TT_THAU", "57/QĐ-TTMS;G1;N1;2022"},
          {"SO_LUONG", "2"}, {"DON_GIA", "1500.5"}, {"TYLE_TT_BH", "100"},
          {"THANH_TIEN_BV", "3001.00"}, {"THANH_TIEN_BH", "3001.00"}, {"MUC_HUONG", "80"},
          {"T_NGUONKHAC_NSNN", "0"}, {"T_NGUONKHAC_VTNN", "0"}, {"T_NGUONKHAC_VTTN", "0"},
          {"T_NGUONKHAC_CL", "0"}, {"T_NGUONKHAC", "0"}, {"T_BNTT", "0"}, {"T_BNCCT", "600.20"},
          {"T_BHTT", "2400.80"}, {"MA_PTTT", "1"}, {"MA_KHOA", "K01"},
          {"NGAY_YL", "202612010830"}, {"NGAY_TH_YL", "202612010845"}};
}
fields_map xml3_base() {
  return {{"MA_LK", "LK001"}, {"STT", "1"}, {"MA_DICH_VU", "02.1896"}, {"MA_NHOM", "13"},
          {"TEN_DICH_VU", "Khám Nội"}, {"SO_LUONG", "1"}, {"DON_GIA_BV", "34500"},
          {"DON_GIA_BH", "34500"}, {"TYLE_TT_DV", "100"}, {"TYLE_TT_BH", "100"},
          {"THANH_TIEN_BV", "34500.00"}, {"THANH_TIEN_BH", "34500.00"}, {"MUC_HUONG", "80"},
          {"T_NGUONKHAC_NSNN", "0"}, {"T_NGUONKHAC_VTNN", "0"}, {"T_NGUONKHAC_VTTN", "0"},
          {"T_NGUONKHAC_CL", "0"}, {"T_NGUONKHAC", "0"}, {"T_BNTT", "0"}, {"T_BNCCT", "6900"},
          {"T_BHTT", "27600"}, {"MA_PTTT", "1"}, {"MA_KHOA", "K01"},
          {"NGAY_YL", "202612010810"}, {"NGAY_TH_YL", "202612010815"}};
}

struct claim_builder {
  fields_map x1 = xml1_base();
  std::vector<fields_map> x2{xml2_base()};
  std::vector<fields_map> x3{xml3_base()};
  std::map<table_id, std::vector<fields_map>> extra;  // other tables

  claim_envelope build() const {
    claim_envelope c;
    c.macskcb = "22001";
    c.ngaylap = "20261201";
    hoso h;
    h.tables.push_back(make_table(table_id::xml1, {x1}));
    if (!x2.empty()) h.tables.push_back(make_table(table_id::xml2, x2));
    if (!x3.empty()) h.tables.push_back(make_table(table_id::xml3, x3));
    for (const auto& [id, rows] : extra) h.tables.push_back(make_table(id, rows));
    c.hosos.push_back(std::move(h));
    c.soluonghoso = "1";
    return c;
  }
};

sim::rules::validate_options options() {
  sim::rules::validate_options o;
  o.at = *sim::core::parse_yyyymmddhhmm("202612031000");
  return o;
}

sim::rules::file_report judge(const claim_builder& b) {
  return sim::rules::validate_file(encode_claim(s4750(), b.build()), options());
}

std::string dump(const findings& fs) {
  std::string s;
  for (const auto& f : fs) {
    s += f.code + " " + f.table + " r" + std::to_string(f.row) + " " + f.field + " '" + f.value +
         "' " + f.detail + "\n";
  }
  return s;
}

// Exactly one finding, with this code, table, row and field; the file is rejected.
void expect_only(const sim::rules::file_report& r, std::string_view code, std::string_view table,
                 int row, std::string_view field) {
  ASSERT_EQ(r.findings.size(), 1u) << dump(r.findings);
  const auto& f = r.findings.front();
  EXPECT_EQ(f.code, code) << dump(r.findings);
  EXPECT_EQ(f.table, table) << dump(r.findings);
  EXPECT_EQ(f.row, row) << dump(r.findings);
  EXPECT_EQ(f.field, field) << dump(r.findings);
  EXPECT_FALSE(r.accepted);
  EXPECT_FALSE(f.message_vi.empty());
  EXPECT_FALSE(f.message_en.empty());
}

TEST(content_rules, baseline_claim_is_accepted_without_findings) {
  auto r = judge(claim_builder{});
  EXPECT_TRUE(r.accepted) << dump(r.findings);
  EXPECT_TRUE(r.findings.empty()) << dump(r.findings);
}

// ---- FIELD ----------------------------------------------------------------------------------

TEST(content_rules, field_required) {
  claim_builder b;
  b.x1["HO_TEN"] = "";
  expect_only(judge(b), "FIELD.REQUIRED", "XML1", 1, "HO_TEN");
  EXPECT_EQ(judge(b).findings[0].ma_lk, "LK001");
}

TEST(content_rules, field_too_long_counts_characters) {
  claim_builder b;
  b.x1["HO_TEN"] = [] {
    std::string s;
    for (int i = 0; i < 255; ++i) s += "ễ";  // 255 characters, 765 bytes: within the limit
    return s;
  }();
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  b.x1["HO_TEN"] += "a";
  expect_only(judge(b), "FIELD.TOO_LONG", "XML1", 1, "HO_TEN");
  EXPECT_EQ(judge(b).findings[0].detail, "255");
}

TEST(content_rules, field_type_number) {
  claim_builder b;
  b.x2[0]["SO_LUONG"] = "2,0";
  expect_only(judge(b), "FIELD.TYPE", "XML2", 1, "SO_LUONG");
}

TEST(content_rules, field_format_dates_cards_and_ids) {
  struct c {
    const char* field;
    const char* bad;
  };
  for (auto [field, bad] : {c{"NGAY_VAO", "202602300800"}, c{"GT_THE_TU", "2026-01-01"},
                            c{"MA_THE_BHYT", "DN422012345678X"}, c{"SO_CCCD", "12345"},
                            c{"MA_CSKCB", "A2001"}, c{"MA_BENH_CHINH", "J6"},
                            c{"MA_KHOA", "KHOA1"}, c{"NGAY_SINH", "199013010000"}}) {
    claim_builder b;
    b.x1[field] = bad;
    expect_only(judge(b), "FIELD.FORMAT", "XML1", 1, field);
  }
  claim_builder ok;
  ok.x1["SO_CCCD"] = "B1234567";
  ok.x1["MA_KHOA"] = "K01;K19.1";
  EXPECT_TRUE(judge(ok).findings.empty()) << dump(judge(ok).findings);
}

TEST(content_rules, field_format_multi_valued_each_piece) {
  claim_builder b;
  b.x1["MA_BENH_KT"] = "J20.9;I10";
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  b.x1["MA_BENH_KT"] = "J20.9;10I";
  expect_only(judge(b), "FIELD.FORMAT", "XML1", 1, "MA_BENH_KT");
}

TEST(content_rules, field_format_tt_thau_and_giuong) {
  claim_builder b;
  b.x2[0]["TT_THAU"] = "57/QĐ-TTMS;G1;2022";
  expect_only(judge(b), "FIELD.FORMAT", "XML2", 1, "TT_THAU");
  claim_builder g;
  g.x3[0]["MA_GIUONG"] = "H01";
  expect_only(judge(g), "FIELD.FORMAT", "XML3", 1, "MA_GIUONG");
}

TEST(content_rules, field_code) {
  claim_builder b;
  b.x1["GIOI_TINH"] = "4";
  expect_only(judge(b), "FIELD.CODE", "XML1", 1, "GIOI_TINH");
  claim_builder k;
  k.x1["MA_LOAI_KCB"] = "99";
  auto r = judge(k);
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].code, "FIELD.CODE") << dump(r.findings);
  EXPECT_EQ(r.findings[0].field, "MA_LOAI_KCB");
}

TEST(content_rules, field_unknown_tag) {
  claim_builder b;
  b.x1["TRUONG_LA"] = "x";
  expect_only(judge(b), "FIELD.UNKNOWN", "XML1", 1, "TRUONG_LA");
}

// ---- conditional requirements (CTN prose) -----------------------------------------------------

TEST(content_rules, xml2_tt_thau_required_except_blood) {
  claim_builder b;
  b.x2[0]["TT_THAU"] = "";
  expect_only(judge(b), "FIELD.REQUIRED", "XML2", 1, "TT_THAU");
  b.x2[0]["MA_NHOM"] = "7";
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
}

TEST(content_rules, xml3_conditions_by_ma_nhom) {
  claim_builder b;
  b.x3[0]["MA_NHOM"] = "12";
  expect_only(judge(b), "FIELD.REQUIRED", "XML3", 1, "MA_XANG_DAU");
  b.x3[0]["MA_XANG_DAU"] = "R954V1";
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);

  claim_builder t;
  t.x3[0]["MA_NHOM"] = "10";
  t.x1["T_VTYT"] = "34500.00";
  expect_only(judge(t), "FIELD.REQUIRED", "XML3", 1, "TT_THAU");

  claim_builder n;
  n.x3[0]["MA_NHOM"] = "1";
  n.x3[0]["NGAY_TH_YL"] = "";
  auto r = judge(n);
  ASSERT_EQ(r.findings.size(), 2u) << dump(r.findings);
  EXPECT_EQ(r.findings[0].field, "NGAY_TH_YL");
  EXPECT_EQ(r.findings[1].field, "NGUOI_THUC_HIEN");
  n.x3[0]["NGAY_TH_YL"] = "202612010815";
  n.x3[0]["NGUOI_THUC_HIEN"] = "000123/HNO-CCHN";
  EXPECT_TRUE(judge(n).findings.empty()) << dump(judge(n).findings);

  claim_builder g;
  g.x3[0]["GOI_VTYT"] = "G0";
  expect_only(judge(g), "FIELD.FORMAT", "XML3", 1, "GOI_VTYT");
}

TEST(content_rules, xml4_ngay_kq_when_gia_tri) {
  claim_builder b;
  b.extra[table_id::xml4] = {{{"MA_LK", "LK001"}, {"STT", "1"}, {"TEN_CHI_SO", "Glucose"},
                              {"GIA_TRI", "5.4"}}};
  expect_only(judge(b), "FIELD.REQUIRED", "XML4", 1, "NGAY_KQ");
  b.extra[table_id::xml4][0]["NGAY_KQ"] = "202612010900";
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
}

claim_builder inpatient() {
  claim_builder b;
  b.x1["MA_LOAI_KCB"] = "03";
  b.x1["NGAY_VAO_NOI_TRU"] = "202612010900";
  b.x1["NGAY_RA"] = "202612021000";
  b.x1["SO_NGAY_DTRI"] = "2";
  b.extra[table_id::xml5] = {{{"MA_LK", "LK001"}, {"STT", "1"}}};
  b.extra[table_id::xml7] = {{{"MA_LK", "LK001"}, {"NGAY_VAO", "202612010800"},
                              {"NGAY_RA", "202612021000"}, {"NGAY_CT", "20261202"}}};
  b.extra[table_id::xml8] = {{{"MA_LK", "LK001"}}};
  return b;
}

TEST(content_rules, xml7_groups) {
  auto b = inpatient();
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  b.extra[table_id::xml7][0]["SO_NGAY_NGHI"] = "5";
  auto r = judge(b);
  ASSERT_EQ(r.findings.size(), 2u) << dump(r.findings);
  EXPECT_EQ(r.findings[0].field, "NGOAITRU_DENNGAY");
  EXPECT_EQ(r.findings[1].field, "NGOAITRU_TUNGAY");
  EXPECT_EQ(r.findings[0].code, "FIELD.REQUIRED");
  auto d = inpatient();
  d.extra[table_id::xml7][0]["MA_DINH_CHI_THAI"] = "1";
  d.extra[table_id::xml7][0]["NGUYENNHAN_DINHCHI"] = "Thai lưu";
  d.extra[table_id::xml7][0]["THOIGIAN_DINHCHI"] = "202612011200";
  expect_only(judge(d), "FIELD.REQUIRED", "XML7", 1, "TUOI_THAI");
}

TEST(content_rules, xml11_mau_so) {
  claim_builder b;
  b.extra[table_id::xml11] = {{{"MA_LK", "LK001"}, {"MAU_SO", "CT07"}, {"TU_NGAY", "20261201"},
                               {"DEN_NGAY", "20261203"}}};
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  b.extra[table_id::xml11][0]["MAU_SO"] = "CT08";
  expect_only(judge(b), "FIELD.CODE", "XML11", 1, "MAU_SO");
}

// XML6 (HIV/AIDS): a patient without TB treatment (LOAI_DTRI_LAO 0), not an exposed infant, not
// on ARV this episode; required fields filled by make_row.
fields_map xml6_base() {
  return {{"MA_LK", "LK001"}, {"LOAI_DTRI_LAO", "0"}, {"MA_TINH_TRANG_DK", "4"},
          {"MA_XU_TRI", "4"}, {"MA_PHAC_DO_DIEU_TRI", "1a"}};
}

claim_builder with_xml6(const fields_map& set) {
  claim_builder b;
  auto row = xml6_base();
  for (const auto& [k, v] : set) row[k] = v;
  b.extra[table_id::xml6] = {row};
  return b;
}

void expect_required(const sim::rules::file_report& r, std::string_view table,
                     std::vector<std::string> fields) {
  ASSERT_EQ(r.findings.size(), fields.size()) << dump(r.findings);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    EXPECT_EQ(r.findings[i].code, "FIELD.REQUIRED") << dump(r.findings);
    EXPECT_EQ(r.findings[i].table, table) << dump(r.findings);
    EXPECT_EQ(r.findings[i].field, fields[i]) << dump(r.findings);
  }
}

TEST(content_rules, xml6_tb_fields_unless_loai_dtri_lao_0) {
  EXPECT_TRUE(judge(with_xml6({})).findings.empty()) << dump(judge(with_xml6({})).findings);
  expect_required(judge(with_xml6({{"LOAI_DTRI_LAO", "2"}})), "XML6",
                  {"NGAYBD_DTRI_LAO", "NGAYKT_DTRI_LAO", "PHACDO_DTRI_LAO"});
  auto ok = with_xml6({{"LOAI_DTRI_LAO", "1"}, {"PHACDO_DTRI_LAO", "7"},
                       {"NGAYBD_DTRI_LAO", "20260901"}, {"NGAYKT_DTRI_LAO", "20261130"}});
  EXPECT_TRUE(judge(ok).findings.empty()) << dump(judge(ok).findings);
  ok.extra[table_id::xml6][0]["NGAYKT_DTRI_LAO"] = "";
  expect_only(judge(ok), "FIELD.REQUIRED", "XML6", 1, "NGAYKT_DTRI_LAO");
}

TEST(content_rules, xml6_pcr_fields_when_ma_tinh_trang_dk_1) {
  expect_required(judge(with_xml6({{"MA_TINH_TRANG_DK", "1"}})), "XML6",
                  {"LAN_XN_PCR", "MA_KQ_XN_PCR", "NGAY_KQ_XN_PCR", "NGAY_XN_PCR"});
  // Several states joined by ';' (PL4750 Bảng 6): code 1 among them triggers the rule.
  expect_required(judge(with_xml6({{"MA_TINH_TRANG_DK", "2;1"}})), "XML6",
                  {"LAN_XN_PCR", "MA_KQ_XN_PCR", "NGAY_KQ_XN_PCR", "NGAY_XN_PCR"});
  auto other = with_xml6({{"MA_TINH_TRANG_DK", "2;11"}});  // 11 is not 1
  EXPECT_TRUE(judge(other).findings.empty()) << dump(judge(other).findings);
  auto ok = with_xml6({{"MA_TINH_TRANG_DK", "1"}, {"LAN_XN_PCR", "1"},
                       {"NGAY_XN_PCR", "20261120"}, {"NGAY_KQ_XN_PCR", "20261125"},
                       {"MA_KQ_XN_PCR", "0"}});
  EXPECT_TRUE(judge(ok).findings.empty()) << dump(judge(ok).findings);
  // CTN r33 VALID "Check Danh mục": PL4750 codes 1, 2, 3.
  ok.extra[table_id::xml6][0]["LAN_XN_PCR"] = "4";
  expect_only(judge(ok), "FIELD.CODE", "XML6", 1, "LAN_XN_PCR");
}

TEST(content_rules, xml6_arv_fields_when_ma_xu_tri_1) {
  expect_required(judge(with_xml6({{"MA_XU_TRI", "4;1"}})), "XML6",
                  {"NGAY_BAT_DAU_XU_TRI", "NGAY_KET_THUC_XU_TRI", "SO_NGAY_CAP_THUOC_ARV"});
  auto ok = with_xml6({{"MA_XU_TRI", "1"}, {"NGAY_BAT_DAU_XU_TRI", "20261101"},
                       {"NGAY_KET_THUC_XU_TRI", "20261201"}, {"SO_NGAY_CAP_THUOC_ARV", "30"}});
  EXPECT_TRUE(judge(ok).findings.empty()) << dump(judge(ok).findings);
  // CTN r44 VALID: at most NGAY_KET_THUC_XU_TRI − NGAY_BAT_DAU_XU_TRI = 30 days.
  ok.extra[table_id::xml6][0]["SO_NGAY_CAP_THUOC_ARV"] = "31";
  auto r = judge(ok);
  expect_only(r, "DATE.SO_NGAY_CAP_THUOC_ARV", "XML6", 1, "SO_NGAY_CAP_THUOC_ARV");
  EXPECT_NE(r.findings[0].detail.find("30"), std::string::npos) << dump(r.findings);
}

TEST(content_rules, xml6_bac_phac_do_when_regimen_khac) {
  expect_only(judge(with_xml6({{"MA_PHAC_DO_DIEU_TRI", "KHAC"}})), "FIELD.REQUIRED", "XML6", 1,
              "MA_BAC_PHAC_DO");
  auto ok = with_xml6({{"MA_PHAC_DO_DIEU_TRI", "KHAC"}, {"MA_BAC_PHAC_DO", "2"}});
  EXPECT_TRUE(judge(ok).findings.empty()) << dump(judge(ok).findings);
}

TEST(content_rules, xml6_copies_must_equal_xml1) {
  claim_builder b = with_xml6({{"NGAY_SINH", "199001010000"}, {"GIOI_TINH", "1"},
                               {"MA_CSKCB", "22001"}});
  b.x1["DIA_CHI"] = "Thôn 1, xã Yên Hòa";
  b.x1["MATINH_CU_TRU"] = "22";
  b.x1["MAHUYEN_CU_TRU"] = "193";
  b.x1["MAXA_CU_TRU"] = "06700";
  for (const auto& f : {"DIA_CHI", "MATINH_CU_TRU", "MAHUYEN_CU_TRU", "MAXA_CU_TRU"}) {
    b.extra[table_id::xml6][0][f] = b.x1[f];
  }
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  const std::vector<std::pair<std::string, std::string>> changes{
      {"NGAY_SINH", "199001020000"}, {"GIOI_TINH", "2"},         {"DIA_CHI", "Thôn 2"},
      {"MATINH_CU_TRU", "01"},       {"MAHUYEN_CU_TRU", "194"}, {"MAXA_CU_TRU", "06701"},
      {"MA_CSKCB", "22002"}};
  for (const auto& [field, value] : changes) {
    claim_builder m = b;
    m.extra[table_id::xml6][0][field] = value;
    expect_only(judge(m), "LINK.MISMATCH", "XML6", 1, field);
  }
}

// ---- LINK -----------------------------------------------------------------------------------

TEST(content_rules, link_ma_lk) {
  claim_builder b;
  b.x3.push_back(xml3_base());
  b.x3[1]["MA_LK"] = "LK002";
  b.x3[1]["THANH_TIEN_BV"] = "0";
  b.x3[1]["SO_LUONG"] = "0";
  b.x3[1]["THANH_TIEN_BH"] = "0";
  b.x3[1]["T_BNCCT"] = "0";
  b.x3[1]["T_BHTT"] = "0";
  expect_only(judge(b), "LINK.MA_LK", "XML3", 2, "MA_LK");
  EXPECT_EQ(judge(b).findings[0].value, "LK002");
}

TEST(content_rules, link_missing_xml1) {
  claim_builder b;
  auto c = b.build();
  c.hosos[0].tables.erase(c.hosos[0].tables.begin());
  auto r = sim::rules::validate_file(encode_claim(s4750(), c), options());
  ASSERT_EQ(r.findings.size(), 1u) << dump(r.findings);
  EXPECT_EQ(r.findings[0].code, "LINK.MISSING_TABLE");
  EXPECT_EQ(r.findings[0].table, "XML1");
  EXPECT_EQ(r.findings[0].ma_lk, "LK001");
}

TEST(content_rules, link_missing_tables_for_inpatient) {
  for (auto id : {table_id::xml5, table_id::xml7, table_id::xml8}) {
    auto b = inpatient();
    b.extra.erase(id);
    expect_only(judge(b), "LINK.MISSING_TABLE", to_string(id), 0, "");
  }
  // An escaped patient gets no discharge paper.
  auto e = inpatient();
  e.extra.erase(table_id::xml7);
  e.x1["MA_LOAI_RV"] = "3";
  EXPECT_TRUE(judge(e).findings.empty()) << dump(judge(e).findings);
}

TEST(content_rules, link_unexpected_tables) {
  claim_builder b;
  b.extra[table_id::xml8] = {{{"MA_LK", "LK001"}}};
  expect_only(judge(b), "LINK.UNEXPECTED_TABLE", "XML8", 0, "");
  claim_builder t;
  t.extra[table_id::xml13] = {{{"MA_LK", "LK001"}, {"HO_TEN", "Nguyễn Văn An"}}};
  expect_only(judge(t), "LINK.UNEXPECTED_TABLE", "XML13", 0, "");
  t.x1["MA_LOAI_RV"] = "2";
  EXPECT_TRUE(judge(t).findings.empty()) << dump(judge(t).findings);
}

TEST(content_rules, link_mismatch_with_xml1) {
  claim_builder b;
  b.x1["MA_LOAI_RV"] = "2";
  b.extra[table_id::xml13] = {{{"MA_LK", "LK001"}, {"HO_TEN", "Nguyễn Văn An"}}};
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  b.extra[table_id::xml13][0]["HO_TEN"] = "Nguyễn Văn Ân";
  expect_only(judge(b), "LINK.MISMATCH", "XML13", 1, "HO_TEN");
}

// ---- SUM ------------------------------------------------------------------------------------

TEST(content_rules, sum_totals_each_code) {
  struct c {
    const char* field;
    const char* code;
  };
  for (auto [field, code] :
       {c{"T_THUOC", "SUM.T_THUOC"}, c{"T_VTYT", "SUM.T_VTYT"},
        c{"T_TONGCHI_BV", "SUM.T_TONGCHI_BV"}, c{"T_BNTT", "SUM.T_BNTT"},
        c{"T_NGUONKHAC", "SUM.T_NGUONKHAC"}, c{"T_BHTT_GDV", "SUM.T_BHTT_GDV"},
        c{"T_BHTT", "SUM.T_BHTT"}}) {
    claim_builder b;
    b.x1[field] = std::string(b.x1[field]) == "0" ? "0.01" : "1.00";
    if (std::string_view(field) == "T_BHTT") b.x1["T_BHTT_GDV"] = "1.00";
    auto r = judge(b);
    if (std::string_view(field) == "T_BHTT") {
      // T_BHTT alone breaks T_BHTT = T_TONGCHI_BH − T_BNCCT; T_BHTT_GDV moved with it.
      ASSERT_GE(r.findings.size(), 1u);
      bool hit = false;
      for (const auto& f : r.findings) hit |= f.code == "SUM.T_BHTT" && f.field == "T_BHTT";
      EXPECT_TRUE(hit) << dump(r.findings);
      continue;
    }
    expect_only(r, code, "XML1", 1, field);
  }
  // T_TONGCHI_BH and T_BNCCT also feed T_BHTT: change both consistently with it.
  claim_builder bh;
  bh.x1["T_TONGCHI_BH"] = "37502.00";
  bh.x1["T_BHTT"] = "30001.80";
  bh.x1["T_BHTT_GDV"] = "30001.80";
  auto r = judge(bh);
  ASSERT_EQ(r.findings.size(), 2u) << dump(r.findings);
  EXPECT_EQ(r.findings[0].code, "SUM.T_BHTT_GDV");
  EXPECT_EQ(r.findings[1].code, "SUM.T_TONGCHI_BH");
  claim_builder cct;
  cct.x1["T_BNCCT"] = "7500.21";
  cct.x1["T_BHTT"] = "30000.79";
  cct.x1["T_BHTT_GDV"] = "30000.79";
  r = judge(cct);
  ASSERT_EQ(r.findings.size(), 2u) << dump(r.findings);
  EXPECT_EQ(r.findings[0].code, "SUM.T_BHTT_GDV");
  EXPECT_EQ(r.findings[1].code, "SUM.T_BNCCT");
  EXPECT_EQ(r.findings[1].detail, "7500.20");
}

TEST(content_rules, sum_t_bhtt_exact) {
  claim_builder b;
  b.x1["T_BHTT"] = "30000.81";
  b.x1["T_BHTT_GDV"] = "30000.80";
  expect_only(judge(b), "SUM.T_BHTT", "XML1", 1, "T_BHTT");
  EXPECT_EQ(judge(b).findings[0].detail, "30000.80");
}

TEST(content_rules, sum_vtyt_counts_only_supplies) {
  claim_builder b;
  auto vt = xml3_base();
  vt["MA_NHOM"] = "10";
  vt["MA_DICH_VU"] = "";
  vt["MA_VAT_TU"] = "N03.04.070";
  vt["TEN_VAT_TU"] = "Kim luồn";
  vt["TT_THAU"] = "12/QĐ-SYT;G1;N1;2023";
  vt["DON_GIA_BV"] = "10000.333";
  vt["DON_GIA_BH"] = "10000.333";
  vt["SO_LUONG"] = "3";
  vt["THANH_TIEN_BV"] = "30001.00";  // 30000.999 → 30001.00
  vt["THANH_TIEN_BH"] = "30001.00";
  vt["T_BNCCT"] = "0";
  vt["T_BHTT"] = "30001.00";
  vt["MA_PTTT"] = "2";
  b.x3.push_back(vt);
  b.x1["T_VTYT"] = "30001.00";
  b.x1["T_TONGCHI_BV"] = "67502.00";
  b.x1["T_TONGCHI_BH"] = "67502.00";
  b.x1["T_BHTT"] = "60001.80";
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  b.x1["T_VTYT"] = "30000.99";
  expect_only(judge(b), "SUM.T_VTYT", "XML1", 1, "T_VTYT");
}

TEST(content_rules, sum_row_formulas_xml2) {
  claim_builder b;
  b.x2[0]["THANH_TIEN_BV"] = "3001.01";
  b.x1["T_THUOC"] = "3001.01";
  b.x1["T_TONGCHI_BV"] = "37501.01";
  expect_only(judge(b), "SUM.THANH_TIEN_BV", "XML2", 1, "THANH_TIEN_BV");
  claim_builder h;
  h.x2[0]["TYLE_TT_BH"] = "50";
  expect_only(judge(h), "SUM.THANH_TIEN_BH", "XML2", 1, "THANH_TIEN_BH");
  EXPECT_EQ(judge(h).findings[0].detail, "SO_LUONG × DON_GIA × TYLE_TT_BH/100 = 1500.50");
}

TEST(content_rules, sum_row_formulas_xml3_tyle_tt_dv_is_a_percentage) {
  claim_builder b;
  b.x3[0]["TYLE_TT_DV"] = "30";  // second exam of the day: 30 %
  b.x3[0]["THANH_TIEN_BV"] = "10350.00";
  b.x3[0]["THANH_TIEN_BH"] = "10350.00";
  b.x3[0]["T_BNCCT"] = "2070";
  b.x3[0]["T_BHTT"] = "8280";
  b.x1["T_TONGCHI_BV"] = "13351.00";
  b.x1["T_TONGCHI_BH"] = "13351.00";
  b.x1["T_BNCCT"] = "2670.20";
  b.x1["T_BHTT"] = "10680.80";
  b.x1["T_BHTT_GDV"] = "10680.80";
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  b.x3[0]["THANH_TIEN_BV"] = "34500.00";
  b.x1["T_TONGCHI_BV"] = "37501.00";
  expect_only(judge(b), "SUM.THANH_TIEN_BV", "XML3", 1, "THANH_TIEN_BV");
}

TEST(content_rules, sum_t_nguonkhac_row) {
  claim_builder b;
  b.x2[0]["T_NGUONKHAC_NSNN"] = "100.10";
  b.x2[0]["T_NGUONKHAC_CL"] = "0.20";
  b.x2[0]["T_NGUONKHAC"] = "100.30";
  b.x1["T_NGUONKHAC"] = "100.30";
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  b.x2[0]["T_NGUONKHAC"] = "100.31";
  b.x1["T_NGUONKHAC"] = "100.31";
  expect_only(judge(b), "SUM.T_NGUONKHAC_ROW", "XML2", 1, "T_NGUONKHAC");
}

// ---- DATE -----------------------------------------------------------------------------------

TEST(content_rules, date_order_xml1) {
  claim_builder b;
  b.x1["NGAY_RA"] = "202612010759";
  b.x2[0]["NGAY_YL"] = "202612010700";
  b.x2[0]["NGAY_TH_YL"] = "202612010700";
  b.x3[0]["NGAY_YL"] = "202612010700";
  b.x3[0]["NGAY_TH_YL"] = "202612010700";
  expect_only(judge(b), "DATE.ORDER", "XML1", 1, "NGAY_RA");
  claim_builder n = inpatient();
  n.x1["NGAY_VAO_NOI_TRU"] = "202612010700";
  expect_only(judge(n), "DATE.ORDER", "XML1", 1, "NGAY_VAO_NOI_TRU");
}

TEST(content_rules, date_order_orders_and_results) {
  claim_builder b;
  b.x2[0]["NGAY_TH_YL"] = "202612010829";
  expect_only(judge(b), "DATE.ORDER", "XML2", 1, "NGAY_TH_YL");
  claim_builder k;
  k.x3[0]["NGAY_KQ"] = "202612010809";
  expect_only(judge(k), "DATE.ORDER", "XML3", 1, "NGAY_KQ");
  claim_builder late;
  late.x3[0]["NGAY_KQ"] = "202612021000";  // results after discharge are allowed
  EXPECT_TRUE(judge(late).findings.empty()) << dump(judge(late).findings);
  claim_builder y;
  y.x2[0]["NGAY_YL"] = "202612011001";
  y.x2[0]["NGAY_TH_YL"] = "202612011001";
  expect_only(judge(y), "DATE.ORDER", "XML2", 1, "NGAY_YL");
}

TEST(content_rules, date_order_card_validity_and_xml14) {
  claim_builder b;
  b.x1["GT_THE_DEN"] = "20251231";
  expect_only(judge(b), "DATE.ORDER", "XML1", 1, "GT_THE_DEN");
  claim_builder h;
  h.extra[table_id::xml14] = {{{"MA_LK", "LK001"}, {"NGAY_HEN_KL", "202612150800"},
                               {"NGAY_CT", "20261201"}}};
  EXPECT_TRUE(judge(h).findings.empty()) << dump(judge(h).findings);
  h.extra[table_id::xml14][0]["NGAY_HEN_KL"] = "202612010900";
  expect_only(judge(h), "DATE.ORDER", "XML14", 1, "NGAY_HEN_KL");
}

TEST(content_rules, date_future) {
  claim_builder b;
  b.x1["NGAY_TTOAN"] = "202612031001";
  expect_only(judge(b), "DATE.FUTURE", "XML1", 1, "NGAY_TTOAN");
  b.x1["NGAY_TTOAN"] = "202612031000";
  EXPECT_TRUE(judge(b).findings.empty()) << dump(judge(b).findings);
  // Outpatient NGAY_RA "last day, 2359" compares by day.
  claim_builder d;
  d.x1["NGAY_VAO"] = "202612030800";
  d.x1["NGAY_RA"] = "202612032359";
  d.x2[0]["NGAY_YL"] = "202612030830";
  d.x2[0]["NGAY_TH_YL"] = "202612030845";
  d.x3[0]["NGAY_YL"] = "202612030810";
  d.x3[0]["NGAY_TH_YL"] = "202612030815";
  EXPECT_TRUE(judge(d).findings.empty()) << dump(judge(d).findings);
  // A future appointment is fine.
  claim_builder t;
  t.x1["NGAY_TAI_KHAM"] = "20261231";
  EXPECT_TRUE(judge(t).findings.empty()) << dump(judge(t).findings);
}

TEST(content_rules, so_ngay_dtri) {
  claim_builder b;
  b.x1["SO_NGAY_DTRI"] = "1";
  expect_only(judge(b), "DATE.SO_NGAY_DTRI", "XML1", 1, "SO_NGAY_DTRI");
  auto n = inpatient();  // 01/12 08:00 → 02/12 10:00: 2 days
  n.x1["SO_NGAY_DTRI"] = "1";
  expect_only(judge(n), "DATE.SO_NGAY_DTRI", "XML1", 1, "SO_NGAY_DTRI");
}

// ---- XML0 check-in --------------------------------------------------------------------------

fields_map checkin_base() {
  return {{"MA_LK", "LK001"}, {"STT", "1"}, {"MA_BN", "BN001"}, {"HO_TEN", "Trần Thị Bình"},
          {"NGAY_SINH", "198505200000"}, {"GIOI_TINH", "2"}, {"MA_DOITUONG_KCB", "1.1"},
          {"NGAY_VAO", "202612010800"}, {"MA_LOAI_KCB", "01"}, {"MA_CSKCB", "22001"},
          {"MA_DICH_VU", "02.1896"}, {"TEN_DICH_VU", "Khám Nội"}, {"NGAY_YL", "202612010805"}};
}

sim::rules::file_report judge_checkin(std::vector<fields_map> rows) {
  checkin_file c;
  c.xml0 = make_table(table_id::xml0, std::move(rows));
  return sim::rules::validate_file(encode_checkin(s4750(), c), options());
}

TEST(content_rules, checkin_rules) {
  EXPECT_TRUE(judge_checkin({checkin_base()}).findings.empty())
      << dump(judge_checkin({checkin_base()}).findings);
  auto none = checkin_base();
  none["MA_DICH_VU"] = "";
  none["TEN_DICH_VU"] = "";
  expect_only(judge_checkin({checkin_base(), none}), "FIELD.REQUIRED", "XML0", 2, "MA_DICH_VU");
  auto thuoc = checkin_base();
  thuoc["MA_THUOC"] = "40.17";
  expect_only(judge_checkin({thuoc}), "FIELD.REQUIRED", "XML0", 1, "TEN_THUOC");
  auto vnt = checkin_base();
  vnt["NGAY_VAO_NOI_TRU"] = "202612010900";
  expect_only(judge_checkin({vnt}), "FIELD.REQUIRED", "XML0", 1, "LY_DO_VNT");
  vnt["LY_DO_VNT"] = "Sốt cao";
  EXPECT_TRUE(judge_checkin({vnt}).findings.empty()) << dump(judge_checkin({vnt}).findings);
  vnt["NGAY_VAO_NOI_TRU"] = "202612010700";
  expect_only(judge_checkin({vnt}), "DATE.ORDER", "XML0", 1, "NGAY_VAO_NOI_TRU");
  auto cccd = checkin_base();
  cccd["SO_CCCD"] = "0221900012";
  expect_only(judge_checkin({cccd}), "FIELD.FORMAT", "XML0", 1, "SO_CCCD");
  auto doi = checkin_base();
  doi["MA_DOITUONG_KCB"] = "6.6";
  expect_only(judge_checkin({doi}), "FIELD.CODE", "XML0", 1, "MA_DOITUONG_KCB");
}

// QĐ 130: the check-in MA_DOITUONG_KCB is Số(1) with its own single-digit list
// (MA_DOITUONG_KCB_130); the 4750-era "1.1" does not fit there, and "1" is not a 4750 code.
TEST(content_rules, checkin_qd130_ma_doituong_kcb_single_digit) {
  const standard_def& s130 = get_standard(standard_id::qd130);
  auto judge130 = [&](const std::string& doituong) {
    fields_map set = checkin_base();
    set["MA_DOITUONG_KCB"] = doituong;
    checkin_file c;
    c.xml0.id = table_id::xml0;
    c.xml0.loaihoso = "XML0";
    row r;
    for (const auto& f : s130.table(table_id::xml0)->fields) {
      auto it = set.find(std::string(f.name));
      if (it != set.end() && !it->second.empty()) r.fields.push_back({it->first, it->second});
    }
    c.xml0.rows.push_back(std::move(r));
    auto o = options();
    o.standard = standard_id::qd130;
    return sim::rules::validate_file(encode_checkin(s130, c), o);
  };
  for (const char* ok : {"1", "2", "3", "4"}) {
    auto r = judge130(ok);
    EXPECT_TRUE(r.accepted && r.findings.empty()) << ok << "\n" << dump(r.findings);
  }
  expect_only(judge130("5"), "FIELD.CODE", "XML0", 1, "MA_DOITUONG_KCB");
  EXPECT_FALSE(judge130("1.1").accepted);
  // Under 4750 the single digit "1" is not a DMDC code.
  auto one = checkin_base();
  one["MA_DOITUONG_KCB"] = "1";
  expect_only(judge_checkin({one}), "FIELD.CODE", "XML0", 1, "MA_DOITUONG_KCB");
}

TEST(content_rules, findings_are_sorted_and_rendered) {
  claim_builder b;
  b.x3[0]["NGAY_KQ"] = "202612010809";   // XML3 r1 DATE.ORDER
  b.x1["HO_TEN"] = "";                   // XML1 r1 FIELD.REQUIRED
  b.x1["GIOI_TINH"] = "9";               // XML1 r1 FIELD.CODE
  auto r = judge(b);
  ASSERT_EQ(r.findings.size(), 3u) << dump(r.findings);
  EXPECT_EQ(r.findings[0].field, "GIOI_TINH");
  EXPECT_EQ(r.findings[1].field, "HO_TEN");
  EXPECT_EQ(r.findings[2].table, "XML3");
  for (const auto& f : r.findings) {
    EXPECT_NE(f.message_vi.find(f.field), std::string::npos) << f.message_vi;
    EXPECT_NE(f.message_en.find(f.field), std::string::npos) << f.message_en;
  }
  EXPECT_NE(r.findings[0].message_vi.find("\"9\""), std::string::npos);
}

}  // namespace
