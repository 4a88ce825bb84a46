// Facts of the generated standard tables (spec §2.2–§2.4) and the QĐ 3176 deltas (§2.3).
#include "simulator/standard/standard.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace sim::standard {
namespace {

const standard_def& s130() { return get_standard(standard_id::qd130); }
const standard_def& s4750() { return get_standard(standard_id::qd4750); }
const standard_def& s3176() { return get_standard(standard_id::qd3176); }

const field_def& field(const standard_def& s, table_id t, std::string_view name) {
  const auto* tab = s.table(t);
  EXPECT_NE(tab, nullptr);
  const auto* f = tab ? tab->field(name) : nullptr;
  EXPECT_NE(f, nullptr) << name;
  static const field_def none{};
  return f ? *f : none;
}

TEST(standard, table_counts_per_standard) {
  EXPECT_EQ(s4750().tables.size(), 16u);
  EXPECT_EQ(s3176().tables.size(), 16u);
  EXPECT_EQ(s130().tables.size(), 13u);  // XML0–XML12
  EXPECT_EQ(s130().table(table_id::xml13), nullptr);
  EXPECT_EQ(s130().table(table_id::xml15), nullptr);
}

TEST(standard, field_counts_match_the_appendix) {
  // Spec §2.4 row counts (4750) — XML1 65 numbered + NHOM_MAU; XML2 38 + NGAY_TH_YL.
  EXPECT_EQ(s4750().table(table_id::xml0)->fields.size(), 26u);
  EXPECT_EQ(s4750().table(table_id::xml1)->fields.size(), 66u);
  EXPECT_EQ(s4750().table(table_id::xml2)->fields.size(), 39u);
  EXPECT_EQ(s4750().table(table_id::xml3)->fields.size(), 47u);
  EXPECT_EQ(s4750().table(table_id::xml13)->fields.size(), 39u);
  EXPECT_EQ(s4750().table(table_id::xml14)->fields.size(), 22u);
  EXPECT_EQ(s4750().table(table_id::xml15)->fields.size(), 20u);
  EXPECT_EQ(s130().table(table_id::xml1)->fields.size(), 65u);
  EXPECT_EQ(s130().table(table_id::xml0)->fields.size(), 18u);
}

TEST(standard, orders_are_one_based_and_dense) {
  for (const auto* s : {&s130(), &s4750(), &s3176()}) {
    for (const auto& t : s->tables) {
      std::set<std::string_view> names;
      for (std::size_t i = 0; i < t.fields.size(); ++i) {
        EXPECT_EQ(t.fields[i].order, static_cast<int>(i + 1)) << to_string(t.id);
        EXPECT_TRUE(names.insert(t.fields[i].name).second) << t.fields[i].name;
        EXPECT_FALSE(t.fields[i].source.empty());
      }
    }
  }
}

TEST(standard, nhom_mau_is_new_in_4750) {
  const auto& f = field(s4750(), table_id::xml1, "NHOM_MAU");
  EXPECT_EQ(f.type, data_type::string);
  EXPECT_EQ(f.max_length, 5);
  EXPECT_EQ(f.order, 8);  // inserted after GIOI_TINH (STT 7)
  EXPECT_EQ(s130().table(table_id::xml1)->field("NHOM_MAU"), nullptr);
  EXPECT_EQ(s130().table(table_id::xml1)->field("MA_QUOCTICH")->order, 8);
}

TEST(standard, ngay_th_yl_in_xml2_only_in_4750) {
  EXPECT_NE(s4750().table(table_id::xml2)->field("NGAY_TH_YL"), nullptr);
  EXPECT_EQ(s130().table(table_id::xml2)->field("NGAY_TH_YL"), nullptr);
  EXPECT_EQ(field(s4750(), table_id::xml2, "NGAY_TH_YL").format, value_format::datetime12);
}

TEST(standard, ma_doituong_kcb_type_and_size_per_standard) {
  // PL4750: XML0 Số 1 → Chuỗi 4; XML1 Chuỗi 3 → Chuỗi 4.
  const auto& x0 = field(s4750(), table_id::xml0, "MA_DOITUONG_KCB");
  EXPECT_EQ(x0.type, data_type::string);
  EXPECT_EQ(x0.max_length, 4);
  const auto& x1 = field(s4750(), table_id::xml1, "MA_DOITUONG_KCB");
  EXPECT_EQ(x1.type, data_type::string);
  EXPECT_EQ(x1.max_length, 4);
  EXPECT_EQ(x1.ctn_max_length, 5);  // CTN "Chuỗi 5"
  const auto& o0 = field(s130(), table_id::xml0, "MA_DOITUONG_KCB");
  EXPECT_EQ(o0.type, data_type::number);
  EXPECT_EQ(o0.max_length, 1);
  const auto& o1 = field(s130(), table_id::xml1, "MA_DOITUONG_KCB");
  EXPECT_EQ(o1.type, data_type::string);
  EXPECT_EQ(o1.max_length, 3);
  EXPECT_EQ(x1.format, value_format::code);
  EXPECT_EQ(x1.code_list, "MA_DOITUONG_KCB");
}

TEST(standard, type_changes_of_4750) {
  EXPECT_EQ(field(s130(), table_id::xml1, "SO_CCCD").type, data_type::number);
  EXPECT_EQ(field(s4750(), table_id::xml1, "SO_CCCD").type, data_type::string);
  EXPECT_EQ(field(s130(), table_id::xml1, "MA_LOAI_KCB").type, data_type::number);
  EXPECT_EQ(field(s4750(), table_id::xml1, "MA_LOAI_KCB").type, data_type::string);
  EXPECT_EQ(field(s130(), table_id::xml2, "MA_KHOA").max_length, 15);
  EXPECT_EQ(field(s4750(), table_id::xml2, "MA_KHOA").max_length, 50);
  EXPECT_EQ(field(s4750(), table_id::xml6, "MA_XU_TRI").max_length, 10);
  EXPECT_EQ(field(s4750(), table_id::xml12, "DANG_HUONG_CHE_DO").type, data_type::string);
}

TEST(standard, xml0_first_cost_fields_only_in_4750) {
  for (auto name : {"MA_THUOC", "TEN_THUOC", "MA_VAT_TU", "TEN_VAT_TU", "NGAY_VAO_NOI_TRU",
                    "LY_DO_VNT", "MA_LY_DO_VNT", "DU_PHONG"}) {
    EXPECT_NE(s4750().table(table_id::xml0)->field(name), nullptr) << name;
    EXPECT_EQ(s130().table(table_id::xml0)->field(name), nullptr) << name;
  }
}

TEST(standard, required_flags_from_ctn) {
  EXPECT_EQ(field(s4750(), table_id::xml1, "MA_BENH_CHINH").required, requirement::required);
  EXPECT_EQ(field(s4750(), table_id::xml1, "HO_TEN").required, requirement::required);
  EXPECT_EQ(field(s4750(), table_id::xml1, "STT").required, requirement::optional);
  EXPECT_EQ(field(s4750(), table_id::xml1, "DIEN_THOAI").required, requirement::optional);
  const auto& ly = field(s4750(), table_id::xml0, "LY_DO_VNT");
  EXPECT_EQ(ly.required, requirement::conditional);
  EXPECT_NE(ly.condition_vi.find("NGAY_VAO_NOI_TRU"), std::string_view::npos);
  EXPECT_NE(ly.source.find("CTN 'Bang Check-in' r"), std::string_view::npos);
  // CTN's own VALID note "Sửa thành Không bắt buộc trường này" overrides its 'x'.
  EXPECT_EQ(field(s4750(), table_id::xml13, "TOMTAT_KQ").required, requirement::optional);
}

TEST(standard, formats_and_separators) {
  EXPECT_EQ(field(s4750(), table_id::xml1, "T_BHTT").format, value_format::decimal);
  EXPECT_EQ(field(s4750(), table_id::xml1, "T_BHTT").max_length, 15);
  EXPECT_EQ(field(s4750(), table_id::xml1, "HO_TEN").format, value_format::text);
  EXPECT_EQ(field(s4750(), table_id::xml1, "MA_LK").format, value_format::identifier);
  EXPECT_EQ(field(s4750(), table_id::xml1, "NGAY_SINH").format, value_format::birth12);
  EXPECT_EQ(field(s4750(), table_id::xml12, "NGAY_SINH").format, value_format::date8);
  EXPECT_EQ(field(s4750(), table_id::xml1, "MA_THE_BHYT").separator, ';');
  EXPECT_EQ(field(s4750(), table_id::xml0, "MA_THE_BHYT").separator, '\0');
  EXPECT_EQ(field(s4750(), table_id::xml2, "MA_DICH_VU").separator, ';');
  EXPECT_EQ(field(s4750(), table_id::xml3, "MA_DICH_VU").separator, '\0');
  EXPECT_EQ(field(s4750(), table_id::xml1, "MA_BENH_KT").format, value_format::icd10);
  EXPECT_EQ(field(s4750(), table_id::xml1, "MA_LOAI_KCB").code_list, "MA_LOAI_KCB");
  EXPECT_EQ(field(s4750(), table_id::xml3, "MA_GIUONG").format, value_format::ma_giuong);
  // Every code-format field names a list, and only those do.
  for (const auto& t : s4750().tables) {
    for (const auto& f : t.fields) {
      EXPECT_EQ(f.format == value_format::code, !f.code_list.empty()) << f.name;
    }
  }
}

TEST(standard, table_metadata) {
  const auto* x2 = s4750().table(table_id::xml2);
  EXPECT_EQ(x2->root, "CHITIEU_CHITIET_THUOC");
  EXPECT_EQ(x2->list_wrapper, "DSACH_CHI_TIET_THUOC");
  EXPECT_EQ(x2->row_element, "CHI_TIET_THUOC");
  EXPECT_TRUE(x2->multi_row());
  const auto* x1 = s4750().table("XML1");
  EXPECT_EQ(x1->root, "TONG_HOP");
  EXPECT_FALSE(x1->multi_row());
  EXPECT_EQ(s4750().table(table_id::xml0)->root, "CHI_TIEU_TRANG_THAI_KCB");
  EXPECT_EQ(s4750().table(table_id::xml1)->title_vi,
            "Bảng 1. Chỉ tiêu tổng hợp khám bệnh, chữa bệnh");
}

TEST(standard, envelope_tables) {
  EXPECT_TRUE(s4750().allowed_in_envelope(table_id::xml13));
  EXPECT_TRUE(s4750().allowed_in_envelope(table_id::xml15));
  EXPECT_FALSE(s4750().allowed_in_envelope(table_id::xml12));
  EXPECT_FALSE(s4750().allowed_in_envelope(table_id::xml0));
  EXPECT_TRUE(s3176().allowed_in_envelope(table_id::xml14));
  EXPECT_TRUE(s130().allowed_in_envelope(table_id::xml11));
  EXPECT_FALSE(s130().allowed_in_envelope(table_id::xml13));
  EXPECT_NE(s4750().table(table_id::xml12), nullptr);  // defined, just not in the envelope
}

TEST(standard, qd3176_xml13_renames) {
  const auto* t = s3176().table(table_id::xml13);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->field("MA_NOI_DI"), nullptr);
  EXPECT_EQ(t->field("TEN_DICH_VU"), nullptr);
  EXPECT_EQ(t->field("TEN_THUOC"), nullptr);
  EXPECT_EQ(t->field("PP_DIEU_TRI"), nullptr);
  const auto& di = field(s3176(), table_id::xml13, "MA_CSKCB_DI");
  EXPECT_EQ(di.max_length, 100);
  EXPECT_EQ(di.separator, ';');
  EXPECT_NE(di.source.find("[V] QLBV"), std::string_view::npos);
  EXPECT_EQ(t->fields.size(), 37u);
  // QLBV's 3176 XML13 order (spec §2.3).
  const char* expected[] = {
      "MA_LK", "SO_HOSO", "SO_CHUYENTUYEN", "GIAY_CHUYEN_TUYEN", "MA_CSKCB", "MA_CSKCB_DI",
      "MA_CSKCB_DEN", "HO_TEN", "NGAY_SINH", "GIOI_TINH", "MA_QUOCTICH", "MA_DANTOC",
      "MA_NGHE_NGHIEP", "DIA_CHI", "MA_THE_BHYT", "GT_THE_DEN", "NGAY_VAO", "NGAY_VAO_NOI_TRU",
      "NGAY_RA", "DAU_HIEU_LS", "CHAN_DOAN_RV", "QT_BENHLY", "TOMTAT_KQ", "PP_DIEUTRI",
      "MA_BENH_CHINH", "MA_BENH_KT", "MA_BENH_YHCT", "TINH_TRANG_CT", "MA_LOAI_RV",
      "MA_LYDO_CT", "HUONG_DIEU_TRI", "PHUONGTIEN_VC", "HOTEN_NGUOI_HT", "CHUCDANH_NGUOI_HT",
      "MA_BAC_SI", "MA_TTDV", "DU_PHONG"};
  for (std::size_t i = 0; i < t->fields.size() && i < std::size(expected); ++i) {
    EXPECT_EQ(t->fields[i].name, expected[i]) << i;
    EXPECT_EQ(t->fields[i].order, static_cast<int>(i + 1));
  }
  // 4750 keeps the original names.
  EXPECT_NE(s4750().table(table_id::xml13)->field("MA_NOI_DI"), nullptr);
  EXPECT_EQ(field(s3176(), table_id::xml14, "NGAY_HEN_KL").max_length, 8);
  EXPECT_EQ(field(s4750(), table_id::xml14, "NGAY_HEN_KL").max_length, 12);
  // Tables without deltas are identical to 4750.
  EXPECT_EQ(s3176().table(table_id::xml1)->fields.size(),
            s4750().table(table_id::xml1)->fields.size());
}

TEST(standard, parse_and_print_names) {
  EXPECT_EQ(parse_standard("130"), standard_id::qd130);
  EXPECT_EQ(parse_standard("4750"), standard_id::qd4750);
  EXPECT_EQ(parse_standard("qd3176"), standard_id::qd3176);
  EXPECT_EQ(parse_standard("QĐ 4750"), standard_id::qd4750);
  EXPECT_EQ(parse_standard("QD-130"), standard_id::qd130);
  EXPECT_EQ(parse_standard("4210"), std::nullopt);
  EXPECT_EQ(parse_standard(""), std::nullopt);
  EXPECT_EQ(to_string(standard_id::qd3176), "3176");
  EXPECT_EQ(to_string(table_id::xml15), "XML15");
  EXPECT_EQ(parse_table("XML0"), table_id::xml0);
  EXPECT_EQ(parse_table("XML12"), table_id::xml12);
  EXPECT_EQ(parse_table("xml1"), std::nullopt);  // LOAIHOSO is case-sensitive
  EXPECT_EQ(parse_table("XML16"), std::nullopt);
  EXPECT_EQ(s4750().table("XML99"), nullptr);
  EXPECT_EQ(s4750().table(table_id::xml1)->field("NOPE"), nullptr);
}

}  // namespace
}  // namespace sim::standard
