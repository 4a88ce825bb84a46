// ID.* / CARD.*: an XML1 row against the embedded world's named citizens (docs/world.md), one
// failing case per code and the all-good patient; the catalogue and docs/crosscheck.md in step.
#include "simulator/crosscheck/crosscheck.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "simulator/core/text.hpp"
#include "simulator/core/utf8.hpp"

namespace {

using sim::world::citizen;

const sim::world::world& w() { return *sim::world::embedded_default_world(); }

const citizen& named(std::string_view label) {
  const citizen* c = w().find_by_case(label);
  if (!c) throw std::runtime_error("no citizen " + std::string(label));
  return *c;
}

// The XML1 row a facility writes for `c` from the register, visiting on the card's first day.
sim::standard::row row_of(const citizen& c) {
  sim::standard::row r;
  const auto visit = c.card ? c.card->valid_from.to_yyyymmdd() : std::string("20260701");
  r.fields = {{"MA_LK", "LK1"},
              {"HO_TEN", c.ho_ten},
              {"SO_CCCD", c.so_dinh_danh},
              {"NGAY_SINH", c.date_of_birth.to_yyyymmdd() + "0000"},
              {"GIOI_TINH", std::to_string(static_cast<int>(c.gender))},
              {"MA_THE_BHYT", c.card ? c.card->number : std::string()},
              {"NGAY_VAO", visit + "0800"},
              {"NGAY_RA", visit + "1000"}};
  return r;
}

void set(sim::standard::row& r, std::string_view name, std::string value) {
  for (auto& f : r.fields) {
    if (f.name == name) {
      f.value = std::move(value);
      return;
    }
  }
  r.fields.push_back({std::string(name), std::move(value)});
}

std::vector<std::string> codes_of(const sim::standard::row& r, bool without_diacritics = true,
                                  std::vector<sim::crosscheck::identity_mismatch>* found = nullptr) {
  sim::standard::decoded_file file;
  file.kind = sim::standard::file_kind::claim;
  sim::standard::hoso h;
  sim::standard::table_data t;
  t.id = sim::standard::table_id::xml1;
  t.rows.push_back(r);
  h.tables.push_back(t);
  file.claim.hosos.push_back(h);
  sim::core::findings out;
  auto view = sim::crosscheck::view_of(w());
  view.names_without_diacritics = without_diacritics;
  sim::crosscheck::check_claim(file, view, out, found);
  std::vector<std::string> codes;
  for (const auto& f : out) {
    EXPECT_EQ(f.table, "XML1");
    EXPECT_EQ(f.ma_lk, "LK1");
    EXPECT_EQ(f.row, 1);
    codes.push_back(f.code + "@" + f.field);
  }
  return codes;
}

using codes = std::vector<std::string>;

TEST(crosscheck, all_good_patient_gives_nothing) {
  for (auto label : {"hop-le-38001-a", "hop-le-38105-b", "hop-le-38301-b", "nguoi-giam-ho"})
    EXPECT_EQ(codes_of(row_of(named(label))), codes{}) << label;
}

TEST(crosscheck, name_case_spaces_and_missing_diacritics_are_accepted) {
  const auto& c = named("sai-ho-ten");  // register: Nguyễn Thị Thu Hường
  auto r = row_of(c);
  set(r, "HO_TEN", "  NGUYỄN  THỊ THU   HƯỜNG ");
  EXPECT_EQ(codes_of(r), codes{});
  set(r, "HO_TEN", "NGUYEN THI THU HUONG");
  EXPECT_EQ(codes_of(r), codes{});
  set(r, "HO_TEN", "Nguyen Thi Thu Huong");
  EXPECT_EQ(codes_of(r), codes{});
}

TEST(crosscheck, decomposed_names_compare_after_nfc_composition) {
  auto r = row_of(named("sai-ho-ten"));  // register: Nguyễn Thị Thu Hường (NFC)
  // NFD as some systems send it: e + circumflex + tilde; i + dot below; u + horn + grave.
  set(r, "HO_TEN", "Nguye\u0302\u0303n Thi\u0323 Thu Hu\u031bo\u031b\u0300ng");
  EXPECT_EQ(codes_of(r), codes{});
  set(r, "HO_TEN", "Nguye\u0302\u0303n Thi\u0323 Thu Hu\u031bo\u031bng");  // Hương
  EXPECT_EQ(codes_of(r), codes{"ID.NAME@HO_TEN"});
}

TEST(crosscheck, names_without_diacritics_switch_off_makes_them_mismatches) {
  auto r = row_of(named("sai-ho-ten"));
  set(r, "HO_TEN", "NGUYEN THI THU HUONG");
  EXPECT_EQ(codes_of(r, /*without_diacritics=*/false), codes{"ID.NAME@HO_TEN"});
  set(r, "HO_TEN", "NGUYỄN THỊ THU HƯỜNG");
  EXPECT_EQ(codes_of(r, false), codes{});
}

TEST(crosscheck, identity_mismatches_are_reported_structured) {
  const auto& c = named("sai-ngay-sinh");
  auto r = row_of(c);
  set(r, "NGAY_SINH", "197804150000");
  set(r, "GIOI_TINH", c.gender == sim::world::sex::male ? "2" : "1");
  std::vector<sim::crosscheck::identity_mismatch> found;
  EXPECT_EQ(codes_of(r, true, &found), (codes{"ID.DOB@NGAY_SINH", "ID.SEX@GIOI_TINH"}));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].code, "ID.DOB");
  EXPECT_EQ(found[0].claimed, "197804150000");
  EXPECT_EQ(found[0].registered, c.date_of_birth.to_yyyymmdd());
  EXPECT_EQ(found[0].so_dinh_danh, c.so_dinh_danh);
  EXPECT_EQ(found[0].ma_lk, "LK1");
  EXPECT_EQ(found[0].row, 1);
  const auto& v = c.card->valid_from;
  char day[16];
  std::snprintf(day, sizeof day, "%04d-%02d-%02d", v.year, v.month, v.day);
  EXPECT_EQ(found[0].visit_date, day);
  EXPECT_EQ(found[1].code, "ID.SEX");
  EXPECT_EQ(found[1].registered, std::to_string(static_cast<int>(c.gender)));
  // CARD.* findings are not identity mismatches.
  found.clear();
  auto expired = row_of(named("the-het-han"));
  codes_of(expired, true, &found);
  EXPECT_TRUE(found.empty());
}

TEST(crosscheck, name_differing_from_the_register_is_id_name) {
  const auto& c = named("sai-ho-ten");
  ASSERT_TRUE(c.recorded->ho_ten.has_value());
  auto r = row_of(c);
  set(r, "HO_TEN", *c.recorded->ho_ten);  // the facility's "Nguyễn Thị Thu Hương"
  EXPECT_EQ(codes_of(r), codes{"ID.NAME@HO_TEN"});
  // Partly stripped diacritics is not the no-diacritics form: still a mismatch.
  set(r, "HO_TEN", "Nguyễn Thi Thu Huong");
  EXPECT_EQ(codes_of(r), codes{"ID.NAME@HO_TEN"});
  set(r, "HO_TEN", "Nguyen Thi Thu Huon");
  EXPECT_EQ(codes_of(r), codes{"ID.NAME@HO_TEN"});
}

TEST(crosscheck, date_of_birth_differing_is_id_dob_and_year_only_compares_the_year) {
  const auto& c = named("sai-ngay-sinh");
  ASSERT_TRUE(c.recorded->date_of_birth.has_value());
  auto r = row_of(c);
  set(r, "NGAY_SINH", c.recorded->date_of_birth->to_yyyymmdd() + "0000");
  EXPECT_EQ(codes_of(r), codes{"ID.DOB@NGAY_SINH"});
  const auto year = std::to_string(c.date_of_birth.year);
  set(r, "NGAY_SINH", year + "00000000");
  EXPECT_EQ(codes_of(r), codes{});
  set(r, "NGAY_SINH", std::to_string(c.date_of_birth.year + 1) + "00000000");
  EXPECT_EQ(codes_of(r), codes{"ID.DOB@NGAY_SINH"});
}

TEST(crosscheck, sex_differing_is_id_sex) {
  const auto& c = named("sai-gioi-tinh");
  ASSERT_TRUE(c.recorded->gender.has_value());
  auto r = row_of(c);
  set(r, "GIOI_TINH", std::to_string(static_cast<int>(*c.recorded->gender)));
  EXPECT_EQ(codes_of(r), codes{"ID.SEX@GIOI_TINH"});
}

TEST(crosscheck, unknown_id_number_is_id_unknown) {
  const auto& c = named("sai-so-dinh-danh");
  ASSERT_TRUE(c.recorded->so_dinh_danh.has_value());
  auto r = row_of(c);
  set(r, "SO_CCCD", *c.recorded->so_dinh_danh);
  EXPECT_EQ(codes_of(r), codes{"ID.UNKNOWN@SO_CCCD"});
  // An old CMND number is in the register too.
  const auto& a = named("hop-le-38001-a");
  auto ra = row_of(a);
  set(ra, "SO_CCCD", a.old_cmnd);
  EXPECT_EQ(codes_of(ra), codes{});
}

TEST(crosscheck, card_of_someone_else_or_unknown_is_card_not_owner) {
  auto r = row_of(named("hop-le-38001-a"));
  set(r, "MA_THE_BHYT", named("hop-le-38001-b").card->number);
  EXPECT_EQ(codes_of(r), codes{"CARD.NOT_OWNER@MA_THE_BHYT"});
  set(r, "MA_THE_BHYT", "DN4389999999999");
  EXPECT_EQ(codes_of(r), codes{"CARD.NOT_OWNER@MA_THE_BHYT"});
  // Several cards: each is checked.
  set(r, "MA_THE_BHYT", named("hop-le-38001-a").card->number + ";DN4389999999999");
  EXPECT_EQ(codes_of(r), codes{"CARD.NOT_OWNER@MA_THE_BHYT"});
}

TEST(crosscheck, card_status_on_the_visit_date) {
  EXPECT_EQ(codes_of(row_of(named("the-het-han"))), codes{"CARD.EXPIRED@MA_THE_BHYT"});
  EXPECT_EQ(codes_of(row_of(named("the-bi-thu-hoi"))), codes{"CARD.REVOKED@MA_THE_BHYT"});
  EXPECT_EQ(codes_of(row_of(named("the-bao-giam"))), codes{"CARD.BAO_GIAM@MA_THE_BHYT"});
  EXPECT_EQ(codes_of(row_of(named("the-bao-giam-ngoai-tinh"))), codes{"CARD.BAO_GIAM@MA_THE_BHYT"});
  // An active card used after its last day or before its first.
  const auto& c = named("hop-le-38001-a");
  auto r = row_of(c);
  const auto after = sim::core::civil_time{c.card->valid_to.year + 1, 1, 2, 0, 0}.to_yyyymmdd();
  set(r, "NGAY_VAO", after + "0800");
  set(r, "NGAY_RA", after + "0900");
  EXPECT_EQ(codes_of(r), codes{"CARD.EXPIRED@MA_THE_BHYT"});
  const auto before = sim::core::civil_time{c.card->valid_from.year - 1, 1, 2, 0, 0}.to_yyyymmdd();
  set(r, "NGAY_VAO", before + "0800");
  set(r, "NGAY_RA", before + "0900");
  EXPECT_EQ(codes_of(r), codes{"CARD.EXPIRED@MA_THE_BHYT"});
}

TEST(crosscheck, replaced_card_is_the_holders_and_judged_by_its_own_validity) {
  const auto& still = named("the-cap-lai-cu-con-han");
  ASSERT_FALSE(still.card->replaced.empty());
  auto r = row_of(still);
  const auto& old = still.card->replaced.front();
  set(r, "MA_THE_BHYT", old.number);
  set(r, "NGAY_VAO", old.valid_from.to_yyyymmdd() + "0800");
  set(r, "NGAY_RA", old.valid_from.to_yyyymmdd() + "0900");
  EXPECT_EQ(codes_of(r), codes{});
  const auto& gone = named("the-cap-lai-cu-het-han");
  auto g = row_of(gone);
  const auto& old_g = gone.card->replaced.front();
  set(g, "MA_THE_BHYT", old_g.number);
  const auto late = sim::core::civil_time{old_g.valid_to.year + 1, 1, 5, 0, 0}.to_yyyymmdd();
  set(g, "NGAY_VAO", late + "0800");
  set(g, "NGAY_RA", late + "0900");
  EXPECT_EQ(codes_of(g), codes{"CARD.EXPIRED@MA_THE_BHYT"});
}

TEST(crosscheck, without_so_cccd_the_card_holder_is_compared) {
  const auto& c = named("sai-ho-ten");
  auto r = row_of(c);
  set(r, "SO_CCCD", "");
  EXPECT_EQ(codes_of(r), codes{});
  set(r, "HO_TEN", *c.recorded->ho_ten);
  EXPECT_EQ(codes_of(r), codes{"ID.NAME@HO_TEN"});
}

TEST(crosscheck, check_ins_give_nothing) {
  sim::standard::decoded_file file;
  file.kind = sim::standard::file_kind::checkin;
  sim::core::findings out;
  sim::crosscheck::check_claim(file, sim::crosscheck::view_of(w()), out);
  EXPECT_TRUE(out.empty());
}

TEST(crosscheck, strip_diacritics) {
  EXPECT_EQ(sim::crosscheck::strip_diacritics_vi(sim::core::fold_case_vi("Đỗ Văn Giang")),
            "do van giang");
  EXPECT_EQ(sim::crosscheck::strip_diacritics_vi("hường ỹ ự ậ"), "huong y u a");
}

TEST(crosscheck, rendered_messages_name_the_register_value) {
  sim::rules::validate_options opt;
  sim::crosscheck::add_crosscheck(opt, sim::crosscheck::view_of(w()));
  ASSERT_EQ(opt.extra_checks.size(), 1u);
  ASSERT_EQ(opt.extra_catalogues.size(), 1u);
  sim::core::finding f{
      .code = "ID.DOB", .field = "NGAY_SINH", .value = "197804150000", .detail = "19780514"};
  sim::rules::render(f, opt.extra_catalogues);
  EXPECT_NE(f.message_vi.find("19780514"), std::string::npos) << f.message_vi;
  EXPECT_NE(f.message_en.find("date of birth"), std::string::npos) << f.message_en;
}

TEST(crosscheck_catalogue, complete_and_documented_in_docs_crosscheck_md) {
  std::set<std::string> in_code;
  for (const auto& e : sim::crosscheck::crosscheck_catalogue()) {
    EXPECT_TRUE(in_code.insert(std::string(e.code)).second) << e.code;
    EXPECT_TRUE(e.code.starts_with("ID.") || e.code.starts_with("CARD.")) << e.code;
    EXPECT_EQ(e.level, sim::core::severity::error) << e.code;
    EXPECT_FALSE(e.source.empty());
    EXPECT_FALSE(sim::core::first_invalid_utf8(e.message_vi).has_value()) << e.code;
    EXPECT_EQ(sim::rules::find_entry(e.code), nullptr) << e.code << " clashes with sim::rules";
  }
  std::ifstream in(std::string(SSKDT_SOURCE_DIR) + "/docs/crosscheck.md");
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::set<std::string> documented;
  const std::regex heading(R"(\n### `([A-Z0-9_.]+)`)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), heading);
       it != std::sregex_iterator(); ++it)
    documented.insert((*it)[1]);
  EXPECT_EQ(documented, in_code);
  for (const auto& e : sim::crosscheck::crosscheck_catalogue()) {
    EXPECT_NE(text.find(std::string(e.message_vi)), std::string::npos) << e.code << " vi";
    EXPECT_NE(text.find(std::string(e.message_en)), std::string::npos) << e.code << " en";
  }
}

}  // namespace
