// Single world-file entries parsed against an existing world (parse_citizen_entry,
// parse_facility_entry: the admin API's POST /_sim/world) and the entry keys of issue 9:
// accounts' `locked`, cards' `bao_giam_reason` and `replaced_cards`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "simulator/world/world.hpp"
#include "simulator/world/world_io.hpp"

namespace sim::world {
namespace {

using json = nlohmann::json;

const std::string base_yaml = R"(name: "Thử nghiệm"
province: "38"
facilities:
  - ma_cskcb: "38001"
    name: "Bệnh viện Đa khoa tỉnh Thượng Ninh"
    level: tinh
    accounts: [{username: "38001_BV", password: "p"},
               {username: "38001_KT", password: "q", locked: true}]
citizens:
  - so_dinh_danh: "038185900301"
    ho_ten: "Trần Thị Hải Yến"
    date_of_birth: "1985-04-30"
    sex: female
    card: {number: "DN4383890000301", ma_dkbd: "38001", valid_from: "2026-01-01",
           valid_to: "2027-12-31", status: bao_giam, bao_giam_reason: tham_gia_lai,
           replaced_cards: [{number: "GD4383890000301", valid_from: "2024-01-01",
                             valid_to: "2025-12-31"}]}
)";

std::shared_ptr<const world> base() { return load_world_text(base_yaml, "yaml", "t.yaml"); }

json new_citizen() {
  return {{"so_dinh_danh", "038090900302"},
          {"ho_ten", "Lê Văn Mới"},
          {"date_of_birth", "1990-02-03"},
          {"sex", "male"},
          {"card",
           {{"number", "DN4383890000302"},
            {"ma_dkbd", "38001"},
            {"valid_from", "2026-01-01"},
            {"valid_to", "2027-12-31"}}}};
}

std::string error_of(const json& entry, bool facility = false) {
  auto w = base();
  try {
    if (facility)
      parse_facility_entry(entry, *w, "POST");
    else
      parse_citizen_entry(entry, *w, "POST");
  } catch (const world_error& e) {
    EXPECT_EQ(e.file(), "POST");
    return e.path() + ": " + e.reason();
  }
  return "no error";
}

TEST(world_entry, new_keys_load) {
  auto w = base();
  EXPECT_FALSE(w->facilities[0].accounts[0].locked);
  EXPECT_TRUE(w->facilities[0].accounts[1].locked);
  const citizen& c = w->citizen_at(0);
  EXPECT_EQ(c.card->reason, bao_giam_reason::tham_gia_lai);
  ASSERT_EQ(c.card->replaced.size(), 1u);
  EXPECT_EQ(c.card->replaced[0].number, "GD4383890000301");
  EXPECT_EQ(c.card->replaced[0].valid_to, (core::civil_time{2025, 12, 31, 0, 0}));
}

TEST(world_entry, new_keys_round_trip_through_citizen_json) {
  auto w = base();
  std::string line;
  append_citizen_json(line, w->citizen_at(0));
  EXPECT_NE(line.find("\"bao_giam_reason\":\"tham_gia_lai\""), std::string::npos) << line;
  auto back = parse_citizen_entry(json::parse(line), *load_world_text(R"(name: "T"
province: "38"
facilities: [{ma_cskcb: "38001", name: "Bệnh viện", level: tinh}]
)", "yaml", "u.yaml"), "line");
  EXPECT_EQ(back.card->reason, bao_giam_reason::tham_gia_lai);
  ASSERT_EQ(back.card->replaced.size(), 1u);
  EXPECT_EQ(back.card->replaced[0].valid_from, (core::civil_time{2024, 1, 1, 0, 0}));
}

TEST(world_entry, new_key_errors_name_their_path) {
  auto bad = [](const std::string& card_extra) {
    return R"(name: "T"
province: "38"
facilities: [{ma_cskcb: "38001", name: "Bệnh viện", level: tinh}]
citizens:
  - so_dinh_danh: "038185900301"
    ho_ten: "Trần Thị Hải Yến"
    date_of_birth: "1985-04-30"
    sex: female
    card: {number: "DN4383890000301", ma_dkbd: "38001", valid_from: "2026-01-01",
           valid_to: "2027-12-31")" +
           card_extra + "}\n";
  };
  auto path_of = [](const std::string& text) {
    try {
      load_world_text(text, "yaml", "t.yaml");
    } catch (const world_error& e) {
      return e.path() + ": " + e.reason();
    }
    return std::string("no error");
  };
  EXPECT_EQ(path_of(bad(", bao_giam_reason: tham_gia_lai")),
            "$.citizens[0].card.bao_giam_reason: is only allowed with status bao_giam");
  EXPECT_EQ(path_of(bad(", status: bao_giam, bao_giam_reason: di_xa")).substr(0, 38),
            "$.citizens[0].card.bao_giam_reason: \"d");
  EXPECT_EQ(path_of(bad(", replaced_cards: [{number: \"GD4383890000999\", valid_from: "
                        "\"2024-01-01\", valid_to: \"2025-01-01\"}]")),
            "$.citizens[0].card.replaced_cards[0].number: \"GD4383890000999\" does not end with "
            "the citizen's ma_bhxh \"3890000301\"");
  EXPECT_EQ(path_of(bad(", replaced_cards: [{number: \"GD4383890000301\"}]")),
            "$.citizens[0].card.replaced_cards[0].valid_from: missing");
  EXPECT_EQ(path_of(bad(", replaced_cards: [{number: \"DN4383890000301\", valid_from: "
                        "\"2024-01-01\", valid_to: \"2025-01-01\"}]")),
            "$.citizens[0].card.replaced_cards[0].number: is the current card's number");
  EXPECT_EQ(path_of(R"(name: "T"
province: "38"
facilities: [{ma_cskcb: "38001", name: "B", level: tinh,
              accounts: [{username: a, password: b, locked: maybe}]}]
)"),
            "$.facilities[0].accounts[0].locked: expected true or false");
}

TEST(world_entry, a_new_citizen_is_parsed_and_validated_by_the_loader) {
  auto w = base();
  citizen c = parse_citizen_entry(new_citizen(), *w, "POST");
  EXPECT_EQ(c.ho_ten, "Lê Văn Mới");
  EXPECT_EQ(c.ma_bhxh, "3890000302");  // defaulted from the card, as the loader does
  EXPECT_EQ(error_of(json{{"ho_ten", "X"}}), "$.so_dinh_danh: missing");
  json no_sex = new_citizen();
  no_sex.erase("sex");
  EXPECT_EQ(error_of(no_sex), "$.sex: missing (required for a citizen not generated)");
  json bad_card = new_citizen();
  bad_card["card"]["number"] = "DN43838900003";
  EXPECT_EQ(error_of(bad_card).substr(0, 31), "$.card.number: \"DN43838900003\" ");
  json other_facility = new_citizen();
  other_facility["card"]["ma_dkbd"] = "38999";
  EXPECT_EQ(error_of(other_facility), "$.card.ma_dkbd: \"38999\" is not a facility of this world");
  json unknown = new_citizen();
  unknown["colour"] = "blue";
  EXPECT_EQ(error_of(unknown), "$.colour: unknown key");
  EXPECT_EQ(error_of(json::array()), "$: expected an object (mapping)");
}

TEST(world_entry, an_existing_id_is_an_override_of_that_citizen) {
  auto w = base();
  // The override is validated as a whole: the base card's reason needs status bao_giam.
  EXPECT_EQ(error_of(json{{"so_dinh_danh", "038185900301"}, {"card", {{"status", "revoked"}}}}),
            "$.card.bao_giam_reason: is only allowed with status bao_giam");
  citizen c = parse_citizen_entry(
      json{{"so_dinh_danh", "038185900301"},
           {"card", {{"status", "revoked"}, {"bao_giam_reason", nullptr}}}},
      *w, "POST");
  EXPECT_EQ(c.ho_ten, "Trần Thị Hải Yến");  // kept from the base citizen
  EXPECT_EQ(c.card->status, card_status::revoked);
  EXPECT_EQ(c.card->number, "DN4383890000301");
  // An override applied on top of a caller's own version (a sandbox's replaced citizen).
  citizen renamed = w->citizen_at(0);
  renamed.ho_ten = "Trần Thị Yến";
  citizen d = parse_citizen_entry(json{{"so_dinh_danh", "038185900301"}, {"sex", "female"}}, *w,
                                  "POST", &renamed);
  EXPECT_EQ(d.ho_ten, "Trần Thị Yến");
  // The caller's facilities (a sandbox's added ones) are accepted for MA_DKBD.
  json at_new = new_citizen();
  at_new["card"]["ma_dkbd"] = "38999";
  citizen e = parse_citizen_entry(at_new, *w, "POST", nullptr,
                                  [](std::string_view code) { return code == "38999"; });
  EXPECT_EQ(e.card->ma_dkbd, "38999");
}

TEST(world_entry, a_facility_entry_is_parsed_by_the_loader) {
  auto w = base();
  facility f = parse_facility_entry(
      json{{"ma_cskcb", "38401"},
           {"name", "Phòng khám Mới"},
           {"level", "tu-nhan"},
           {"accounts", {{{"username", "38401_BV"}, {"password", "x"}, {"locked", true}}}}},
      *w, "POST");
  EXPECT_EQ(f.province, "38");
  ASSERT_EQ(f.accounts.size(), 1u);
  EXPECT_TRUE(f.accounts[0].locked);
  EXPECT_EQ(error_of(json{{"ma_cskcb", "384"}, {"name", "A"}, {"level", "xa"}}, true),
            "$.ma_cskcb: \"384\" must be 5 characters starting with the 2-digit province code");
  EXPECT_EQ(error_of(json{{"ma_cskcb", "38401"}, {"name", "A"}, {"level", "xa"},
                          {"registered_certificates", {{{"file", "/etc/passwd"}}}}},
                     true),
            "$.registered_certificates[0]: must be PEM text here (no {file: …})");
}

}  // namespace
}  // namespace sim::world
