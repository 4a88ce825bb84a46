// Code lists embedded from standard/data/code_lists.json (spec §5).
#include "simulator/standard/code_lists.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "simulator/standard/standard.hpp"

namespace sim::standard {
namespace {

TEST(code_lists, every_list_has_a_source_and_unique_codes) {
  ASSERT_GE(all_code_lists().size(), 17u);
  std::set<std::string> names;
  for (const auto& l : all_code_lists()) {
    EXPECT_TRUE(names.insert(l.name).second) << l.name;
    EXPECT_FALSE(l.source.empty()) << l.name;
    EXPECT_FALSE(l.entries.empty()) << l.name;
    std::set<std::string> codes;
    for (const auto& e : l.entries) {
      EXPECT_TRUE(codes.insert(e.code).second) << l.name << " " << e.code;
      EXPECT_FALSE(e.label_vi.empty()) << l.name << " " << e.code;
    }
  }
}

TEST(code_lists, known_values) {
  const auto* kcb = find_code_list("MA_LOAI_KCB");
  ASSERT_NE(kcb, nullptr);
  EXPECT_EQ(kcb->entries.size(), 9u);
  EXPECT_TRUE(kcb->contains("03"));
  EXPECT_TRUE(kcb->contains("09"));
  EXPECT_FALSE(kcb->contains("3"));   // two digits since 4750
  EXPECT_FALSE(kcb->contains("10"));  // QĐ 1804/2026 codes not included
  EXPECT_EQ(kcb->find("03")->label_vi, "Điều trị nội trú");
  EXPECT_EQ(find_code_list("KET_QUA_DTRI")->entries.size(), 8u);
  EXPECT_EQ(find_code_list("KET_QUA_DTRI")->find("8")->label_vi, "Tử vong ngoại viện");
  EXPECT_EQ(find_code_list("MA_LOAI_RV")->entries.size(), 5u);
  EXPECT_EQ(find_code_list("MA_NHOM")->entries.size(), 19u);
  EXPECT_TRUE(find_code_list("MA_DOITUONG_KCB")->contains("1.10"));
  EXPECT_TRUE(find_code_list("MA_DOITUONG_KCB")->contains("2"));
  EXPECT_FALSE(find_code_list("MA_DOITUONG_KCB")->contains("1.11"));  // QĐ 3276 only
  EXPECT_TRUE(find_code_list("GIOI_TINH")->contains("3"));
  EXPECT_FALSE(find_code_list("GIOI_TINH")->contains("0"));
  EXPECT_TRUE(find_code_list("MAU_SO")->contains("CT07"));
  EXPECT_NE(find_code_list("MA_TAI_NAN")->source.find("UNVERIFIED"), std::string::npos);
  EXPECT_EQ(find_code_list("NOPE"), nullptr);
}

TEST(code_lists, provinces) {
  const auto* p = find_code_list("MA_TINH");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->entries.size(), 63u);
  EXPECT_EQ(p->find("01")->label_vi, "Hà Nội");
  EXPECT_EQ(p->find("79")->label_vi, "Thành phố Hồ Chí Minh");
  EXPECT_TRUE(p->contains("36"));
  EXPECT_FALSE(p->contains("03"));
  EXPECT_NE(p->source.find("[I]"), std::string::npos);
}

TEST(code_lists, qd130_checkin_ma_doituong_kcb_has_its_own_list) {
  const auto* l130 = find_code_list("MA_DOITUONG_KCB_130");
  ASSERT_NE(l130, nullptr);
  EXPECT_TRUE(l130->contains("1"));
  EXPECT_TRUE(l130->contains("4"));
  EXPECT_FALSE(l130->contains("1.1"));
  EXPECT_NE(l130->source.find("[I]"), std::string::npos);
  const auto* f130 = get_standard(standard_id::qd130).table(table_id::xml0)->field(
      "MA_DOITUONG_KCB");
  ASSERT_NE(f130, nullptr);
  EXPECT_EQ(f130->code_list, "MA_DOITUONG_KCB_130");
  EXPECT_EQ(f130->max_length, 1);
  // QĐ 130 XML1 (Chuỗi 3) and every QĐ 4750 / 3176 table keep the DMDC list.
  EXPECT_EQ(get_standard(standard_id::qd130).table(table_id::xml1)->field("MA_DOITUONG_KCB")
                ->code_list,
            "MA_DOITUONG_KCB");
  for (auto id : {standard_id::qd4750, standard_id::qd3176}) {
    EXPECT_EQ(get_standard(id).table(table_id::xml0)->field("MA_DOITUONG_KCB")->code_list,
              "MA_DOITUONG_KCB");
  }
}

TEST(code_lists, every_code_list_named_by_a_field_exists) {
  for (auto id : {standard_id::qd130, standard_id::qd4750, standard_id::qd3176}) {
    for (const auto& t : get_standard(id).tables) {
      for (const auto& f : t.fields) {
        if (!f.code_list.empty()) {
          EXPECT_NE(find_code_list(f.code_list), nullptr) << f.name << " → " << f.code_list;
        }
      }
    }
  }
}

}  // namespace
}  // namespace sim::standard
