// Vaccination records against the register (world::vaccination::recorded, the comparison the
// mismatch list and the health book share) and KSK records in the health book (extract_ksk).
#include <gtest/gtest.h>

#include "simulator/core/base64.hpp"
#include "simulator/services/portal/portal_service.hpp"
#include "simulator/services/vneid/health_book.hpp"
#include "simulator/world/world.hpp"
#include "simulator/world/world_io.hpp"

namespace sim::services::vneid {
namespace {

using portal::portal_service;

std::shared_ptr<const world::world> small_world(const std::string& recorded) {
  return world::load_world_text(
      R"({"name":"X","province":"38","c06":{"vaccination_crosscheck":true},
          "citizens":[{"so_dinh_danh":"038190900999","ho_ten":"Lê Thị Ánh",
          "date_of_birth":"1990-01-02","sex":"female",
          "vaccinations":[{"vaccine":"COVID-19","date":"2021-09-01","place":"Trạm Y tế",
                           "recorded":)" +
          recorded + R"(}]}]})",
      "json", "t");
}

TEST(VaccinationRecorded, LoadedWrittenBackAndChecked) {
  const auto w = small_world(
      R"({"ho_ten":"Lê Thị Anh","date_of_birth":"1990-02-01","sex":"male",)"
      R"("so_dinh_danh":"038190900998"})");
  EXPECT_TRUE(w->c06.vaccination_crosscheck);
  EXPECT_TRUE(world::c06_behaviour{}.vaccination_crosscheck);
  const auto& r = w->citizens().back().vaccinations[0].recorded;
  EXPECT_EQ(r.ho_ten, "Lê Thị Anh");
  EXPECT_EQ(r.date_of_birth->to_yyyymmdd(), "19900201");
  EXPECT_EQ(r.gender, world::sex::male);
  EXPECT_EQ(r.so_dinh_danh, "038190900998");
  std::string json;
  world::append_citizen_json(json, w->citizens().back());
  EXPECT_NE(json.find(R"("recorded":{"ho_ten":"Lê Thị Anh","date_of_birth":"1990-02-01")"),
            std::string::npos)
      << json;
  const auto again = world::load_world_text(
      R"({"name":"X","province":"38","citizens":[)" + json + "]}", "json", "t");
  EXPECT_EQ(again->citizens().back().vaccinations, w->citizens().back().vaccinations);
  for (const char* bad : {R"({"so_dinh_danh":"123"})", R"({"ho_ten":""})",
                          R"({"ma_the_bhyt":"DN4383890000116"})", R"({"date_of_birth":"x"})"})
    EXPECT_THROW(small_world(bad), world::world_error) << bad;
}

TEST(VaccinationRecorded, EachDifferingFieldIsAMismatchOfItsCode) {
  const auto w = small_world(
      R"({"ho_ten":"Lê Thị Anh","date_of_birth":"1990-02-01","sex":"male",)"
      R"("so_dinh_danh":"038190900998"})");
  const auto& c = w->citizens().back();
  const auto found = portal_service::vaccination_mismatches(c, 0, true);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].code, "ID.UNKNOWN");
  EXPECT_EQ(found[0].claimed, "038190900998");
  EXPECT_EQ(found[1].code, "ID.NAME");
  EXPECT_EQ(found[1].field, "HO_TEN");
  EXPECT_EQ(found[1].claimed, "Lê Thị Anh");
  EXPECT_EQ(found[1].registered, "Lê Thị Ánh");
  EXPECT_EQ(found[2].code, "ID.DOB");
  EXPECT_EQ(found[2].claimed, "19900201");
  EXPECT_EQ(found[2].registered, "19900102");
  EXPECT_EQ(found[3].code, "ID.SEX");
  EXPECT_EQ((found[3].claimed + found[3].registered), "12");
  for (const auto& m : found) {
    EXPECT_EQ(m.ma_lk, "TIEM_CHUNG");
    EXPECT_EQ(m.row, 1);
    EXPECT_EQ(m.visit_date, "2021-09-01");
    EXPECT_EQ(m.so_dinh_danh, "038190900999");
  }
  EXPECT_TRUE(portal_service::vaccination_mismatches(c, 1, true).empty());  // no such record
  EXPECT_EQ(portal_service::vaccination_record_id("038190900999", 0), "TIEMCHUNG-038190900999-1");
}

TEST(VaccinationRecorded, NamesCompareLikeAClaimsAndEmptyMeansTheRegister) {
  // Case and spaces do not matter; without diacritics only when the world allows it.
  const auto same = small_world(R"({"ho_ten":"LÊ  THỊ ÁNH"})");
  EXPECT_TRUE(portal_service::vaccination_mismatches(same->citizens().back(), 0, true).empty());
  const auto plain = small_world(R"({"ho_ten":"LE THI ANH"})");
  EXPECT_TRUE(portal_service::vaccination_mismatches(plain->citizens().back(), 0, true).empty());
  EXPECT_EQ(portal_service::vaccination_mismatches(plain->citizens().back(), 0, false).size(), 1u);
  const auto none = small_world("{}");
  EXPECT_TRUE(portal_service::vaccination_mismatches(none->citizens().back(), 0, false).empty());
}

TEST(VaccinationRecorded, TheBookMarksAnUnmatchedRecordUntilTheRegisterMatches) {
  const auto w = small_world(R"({"ho_ten":"Lê Thị Anh"})");
  world::citizen c = w->citizens().back();
  auto h = history_json(c, {});
  ASSERT_EQ(h["tiem_chung"].size(), 1u);
  EXPECT_EQ(h["tiem_chung"][0]["khop_csdl_dan_cu"], false);
  EXPECT_EQ(h["tiem_chung"][0]["ghi_chu"], "chưa khớp CSDL dân cư");
  EXPECT_EQ(h["tiem_chung"][0]["sai_lech"][0]["csdl"], "Lê Thị Ánh");
  c.ho_ten = "Lê Thị Anh";  // what a police correction does
  h = history_json(c, {});
  EXPECT_EQ(h["tiem_chung"][0]["khop_csdl_dan_cu"], true);
  EXPECT_FALSE(h["tiem_chung"][0].contains("ghi_chu"));
}

TEST(VaccinationRecorded, TheEmbeddedWorldsNamedCase) {
  const auto w = world::embedded_default_world();
  EXPECT_TRUE(w->c06.vaccination_crosscheck);
  const auto* c = w->find_citizen("038060900117");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->case_label, "hop-le-38001-b");
  ASSERT_EQ(c->vaccinations.size(), 2u);
  const auto a = portal_service::vaccination_mismatches(*c, 0, true);
  const auto b = portal_service::vaccination_mismatches(*c, 1, true);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].code + b[0].code, "ID.NAMEID.DOB");
  // The other citizens' vaccinations match the register.
  const auto* anh = w->find_citizen("038188900116");
  ASSERT_TRUE(anh);
  for (std::size_t i = 0; i < anh->vaccinations.size(); ++i)
    EXPECT_TRUE(portal_service::vaccination_mismatches(*anh, i, true).empty());
}

std::string ksk_file(const std::string& xml1, const std::string& loai = "XML1") {
  return "<?xml version=\"1.0\"?><KHAMSUCKHOE><THONGTINHOSO><DANHSACHHOSO><HOSO><FILEHOSO>"
         "<LOAIHOSO>" + loai + "</LOAIHOSO><NOIDUNGFILE>" + core::base64_encode(xml1) +
         "</NOIDUNGFILE></FILEHOSO></HOSO></DANHSACHHOSO></THONGTINHOSO></KHAMSUCKHOE>";
}

TEST(KskRecord, ExtractedFromTheXml1InsideTheFile) {
  const auto r = extract_ksk(ksk_file(
      "<TONG_HOP><MA_LK>K1</MA_LK><HO_TEN>Lê Thị Ánh</HO_TEN><SO_CCCD>038190900999</SO_CCCD>"
      "<NGAY_KHAM>202611020800</NGAY_KHAM><KET_LUAN>Đủ sức khỏe &amp; lái xe</KET_LUAN>"
      "<PHAN_LOAI_SUC_KHOE>Loại II</PHAN_LOAI_SUC_KHOE></TONG_HOP>"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->so_cccd, "038190900999");
  EXPECT_EQ(r->ho_ten, "Lê Thị Ánh");
  EXPECT_EQ(r->ngay_kham, "202611020800");
  EXPECT_EQ(r->ket_luan, "Đủ sức khỏe & lái xe");
  EXPECT_EQ(r->phan_loai_suc_khoe, "Loại II");
  EXPECT_EQ(r->ma_lk, "K1");
  EXPECT_FALSE(extract_ksk(ksk_file("<TONG_HOP><HO_TEN>A</HO_TEN></TONG_HOP>")));  // no SO_CCCD
  EXPECT_FALSE(extract_ksk(ksk_file("<TONG_HOP><SO_CCCD>1</SO_CCCD></TONG_HOP>", "XML2")));
  EXPECT_FALSE(extract_ksk("<GIAMDINHHS><FILEHOSO/></GIAMDINHHS>"));
  EXPECT_FALSE(extract_ksk("<KHAMSUCKHOE><FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>!!"
                           "</NOIDUNGFILE></FILEHOSO></KHAMSUCKHOE>"));
}

}  // namespace
}  // namespace sim::services::vneid
