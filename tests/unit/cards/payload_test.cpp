// Payloads of the printable test cards: exact strings for named citizens of the embedded world,
// the issue-date rule, refusals, and every payload read back by sim::identity's parser.
#include <gtest/gtest.h>

#include "simulator/cards/cards.hpp"
#include "simulator/identity/card_qr.hpp"
#include "simulator/world/world.hpp"

namespace {

using sim::cards::bhyt_payload;
using sim::cards::cccd_issue_date;
using sim::cards::cccd_payload;
using sim::core::civil_time;

const sim::world::citizen& named(std::string_view label) {
  const auto* c = sim::world::embedded_default_world()->find_by_case(label);
  if (!c) throw std::runtime_error("no named case " + std::string(label));
  return *c;
}

sim::world::citizen synthetic(std::string id, civil_time dob, sim::world::sex s) {
  sim::world::citizen c;
  c.so_dinh_danh = std::move(id);
  c.ho_ten = "Đặng Thị Thử";
  c.date_of_birth = dob;
  c.gender = s;
  c.address = "Thôn 1, xã Tân Phú, huyện Ninh Sơn, tỉnh Thượng Ninh";
  return c;
}

TEST(CardsPayload, CccdOfNamedCitizensExact) {
  // 900101 mod 365 = 11 days after 2021-01-01.
  auto r = cccd_payload(named("the-het-han"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.payload,
            "038068900101||Lê Văn Hạn|15031968|Nam|"
            "Thôn 5, xã Tân Phú, huyện Ninh Sơn, tỉnh Thượng Ninh|12012021");
  // Old CMND in #1, "Nữ"; 900116 mod 365 = 26.
  r = cccd_payload(named("hop-le-38001-a"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.payload,
            "038188900116|173900116|Hoàng Thị Ngọc Ánh|19091988|Nữ|"
            "Số 22, tổ dân phố 3, phường Ninh Giang, thành phố Thượng Ninh, tỉnh Thượng Ninh|"
            "27012021");
  // A child born 2024: issued on request from 2024-07-01, 900130 mod 365 = 40 days later.
  r = cccd_payload(named("tre-em-khong-the"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.payload,
            "038324900130||Nguyễn Ngọc Hân|08032024|Nữ|"
            "Thôn 3, xã Tân Phú, huyện Ninh Sơn, tỉnh Thượng Ninh|10082024");
}

TEST(CardsPayload, BhytOfNamedCitizensExact) {
  auto r = bhyt_payload(named("the-het-han"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.payload,
            "DN4383890000101|4cc3aa2056c4836e2048e1baa16e|15/03/1968|1|"
            "5468c3b46e20352c2078c3a32054c3a26e205068c3ba2c20687579e1bb876e204e696e682053c6a16e"
            "2c2074e1bb896e68205468c6b0e1bba36e67204e696e68|38105|01/07/2025|30/06/2026");
  r = bhyt_payload(named("the-bi-thu-hoi"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.payload,
            "GD4383890000102|5068e1baa16d205468e1bb8b2048e1bb9369|02/09/1975|2|"
            "5468c3b46e20322c2078c3a3205468c6b0e1bba36e67204e696e682c20687579e1bb876e204e696e68"
            "2053c6a16e2c2074e1bb896e68205468c6b0e1bba36e67204e696e68|38209|01/01/2026|"
            "31/12/2027");
}

TEST(CardsPayload, NoCardNoBhytPayload) {
  const auto r = bhyt_payload(named("khong-co-the"));
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("no BHYT card"), std::string::npos) << r.error;
  EXPECT_TRUE(r.payload.empty());
}

TEST(CardsPayload, IssueDateRule) {
  using sim::world::sex;
  // 14 before the chip card existed: 2021-01-01 + 123456 mod 365 (= 86) days.
  EXPECT_EQ(cccd_issue_date(synthetic("038090123456", {1990, 5, 1}, sex::male)),
            (civil_time{2021, 3, 28}));
  // 14th birthday in 2023: that day + 0.
  EXPECT_EQ(cccd_issue_date(synthetic("038209000365", {2009, 5, 10}, sex::male)),
            (civil_time{2023, 5, 10}));
  // Born 29 February: 14th birthday on 28 February of a common year.
  EXPECT_EQ(cccd_issue_date(synthetic("038208000000", {2008, 2, 29}, sex::male)),
            (civil_time{2022, 2, 28}));
  // Under 14 on 2024-07-01, born 2026-06-20 — the start (birth) is before the cap, the
  // offset would pass it: 2026-06-30.
  EXPECT_EQ(cccd_issue_date(synthetic("038226000300", {2026, 6, 20}, sex::male)),
            (civil_time{2026, 6, 30}));
  // The rule never goes before the date of birth even when birth is after the cap.
  EXPECT_EQ(cccd_issue_date(synthetic("038226000300", {2026, 12, 1}, sex::male)),
            (civil_time{2026, 12, 1}));
}

TEST(CardsPayload, RefusesWhatWouldNotReadBack) {
  using sim::world::sex;
  auto c = synthetic("038090123456", {1990, 5, 1}, sex::unknown);
  auto r = cccd_payload(c);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("Nam or Nữ"), std::string::npos) << r.error;

  c.gender = sex::male;
  ASSERT_TRUE(cccd_payload(c).ok());
  c.ho_ten = "Đặng|Thử";
  r = cccd_payload(c);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("ho_ten contains '|'"), std::string::npos) << r.error;

  // Birth year disagreeing with digits 5–6 of the number: the parser's IDNUM.BIRTH_YEAR.
  c = synthetic("038091123456", {1990, 5, 1}, sex::male);
  r = cccd_payload(c);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("IDNUM.BIRTH_YEAR"), std::string::npos) << r.error;

  // Sex digit says female, the register says male: IDNUM.SEX.
  c = synthetic("038190123456", {1990, 5, 1}, sex::male);
  r = cccd_payload(c);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("IDNUM.SEX"), std::string::npos) << r.error;

  c = synthetic("038090123456", {1990, 5, 1}, sex::male);
  c.card = sim::world::bhyt_card{.number = "DN438389000010",  // 14 characters
                                 .ma_dkbd = "38001",
                                 .valid_from = {2026, 1, 1},
                                 .valid_to = {2027, 12, 31}};
  r = bhyt_payload(c);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("QR.CARD_NUMBER"), std::string::npos) << r.error;
  const auto card = sim::cards::make_card(c, nullptr);
  EXPECT_FALSE(card.ok());
  EXPECT_TRUE(card.cccd_payload.empty());
  EXPECT_NE(card.error.find("BHYT:"), std::string::npos) << card.error;
}

// Every named citizen of the embedded world gets payloads that sim::identity reads back
// without a single finding, with the register's values in their fields.
TEST(CardsPayload, EveryNamedCaseReadsBackClean) {
  const auto w = sim::world::embedded_default_world();
  std::size_t named_count = 0, with_card = 0;
  for (const auto& c : w->citizens()) {
    if (c.case_label.empty()) continue;
    ++named_count;
    const auto card = sim::cards::make_card(c, w->find_facility(c.card ? c.card->ma_dkbd : ""));
    ASSERT_TRUE(card.ok()) << c.case_label << ": " << card.error;
    const auto cccd = sim::identity::check_card_qr(card.cccd_payload);
    EXPECT_EQ(cccd.kind, sim::identity::qr_kind::cccd) << c.case_label;
    EXPECT_TRUE(cccd.findings.empty()) << c.case_label << ": " << cccd.findings.front().code;
    EXPECT_EQ(cccd.field_count, 7u);
    EXPECT_EQ(cccd.cccd.so_dinh_danh, c.so_dinh_danh);
    EXPECT_EQ(cccd.cccd.so_cmnd, c.old_cmnd);
    EXPECT_EQ(cccd.cccd.ho_ten, c.ho_ten);
    EXPECT_EQ(cccd.cccd.noi_thuong_tru, c.address);
    EXPECT_EQ(cccd.cccd.ngay_sinh, c.date_of_birth);
    EXPECT_EQ(cccd.cccd.ngay_cap, card.cccd_issue_date);
    EXPECT_EQ(cccd.cccd.sex, static_cast<int>(c.gender));
    if (!c.card) {
      EXPECT_TRUE(card.bhyt_payload.empty());
      continue;
    }
    ++with_card;
    EXPECT_FALSE(card.facility_name.empty()) << c.case_label;
    const auto bhyt = sim::identity::check_card_qr(card.bhyt_payload);
    EXPECT_EQ(bhyt.kind, sim::identity::qr_kind::bhyt_card) << c.case_label;
    EXPECT_TRUE(bhyt.findings.empty()) << c.case_label << ": " << bhyt.findings.front().code;
    EXPECT_EQ(bhyt.field_count, 8u);
    EXPECT_EQ(bhyt.bhyt.ma_the, c.card->number);
    EXPECT_EQ(bhyt.bhyt.ho_ten, c.ho_ten);
    EXPECT_EQ(bhyt.bhyt.dia_chi, c.address);
    EXPECT_EQ(bhyt.bhyt.noi_dkkcb, c.card->ma_dkbd);
    EXPECT_EQ(bhyt.bhyt.ngay_sinh, c.date_of_birth);
    EXPECT_EQ(bhyt.bhyt.tu_ngay, c.card->valid_from);
    EXPECT_EQ(bhyt.bhyt.den_ngay, c.card->valid_to);
    EXPECT_EQ(bhyt.bhyt.gioi_tinh, static_cast<int>(c.gender));
  }
  EXPECT_GE(named_count, 20u);
  EXPECT_GT(with_card, 0u);
  EXPECT_LT(with_card, named_count);  // some named cases have no card
}

// The generated part of the world prints too (a facility's whole list).
TEST(CardsPayload, GeneratedCitizensReadBackClean) {
  const auto w = sim::world::embedded_default_world();
  std::size_t checked = 0;
  for (const auto& c : w->citizens()) {
    if (!c.case_label.empty()) continue;
    const auto card = sim::cards::make_card(c, nullptr);
    ASSERT_TRUE(card.ok()) << c.so_dinh_danh << ": " << card.error;
    ++checked;
  }
  EXPECT_GT(checked, 100u);
}

}  // namespace
