// Which citizens get a card, the HTML sheet and the manifest.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "simulator/cards/cards.hpp"
#include "simulator/engine/world_overlay.hpp"

namespace {

using sim::cards::select_citizens;
using sim::cards::selection;
using sim::cards::source_of;

std::vector<std::string> ids(const sim::cards::selected& s) {
  std::vector<std::string> out;
  for (const auto* c : s.citizens) out.push_back(c->so_dinh_danh);
  return out;
}

std::vector<sim::cards::printed_card> cards_of(const sim::world::world& w,
                                               const sim::cards::selected& s) {
  std::vector<sim::cards::printed_card> out;
  for (const auto* c : s.citizens) {
    out.push_back(sim::cards::make_card(*c, c->card ? w.find_facility(c->card->ma_dkbd) : nullptr));
  }
  return out;
}

TEST(CardsSelection, DefaultIsTheNamedCases) {
  const auto w = sim::world::embedded_default_world();
  const auto s = select_citizens(source_of(*w), {});
  std::size_t labelled = 0;
  for (const auto& c : w->citizens()) labelled += c.case_label.empty() ? 0 : 1;
  ASSERT_EQ(s.citizens.size(), labelled);
  for (const auto* c : s.citizens) EXPECT_FALSE(c->case_label.empty());
  EXPECT_TRUE(s.unknown_ids.empty());
  EXPECT_FALSE(s.unknown_facility);
}

TEST(CardsSelection, CitizensFacilityLimit) {
  const auto w = sim::world::embedded_default_world();
  const auto src = source_of(*w);
  // In the order given, duplicates once, an old CMND resolves to its citizen.
  auto s = select_citizens(src, {.citizens = {"038175900102", "038068900101", "173900116",
                                              "038175900102", "999999999999"}});
  EXPECT_EQ(ids(s), (std::vector<std::string>{"038175900102", "038068900101", "038188900116"}));
  EXPECT_EQ(s.unknown_ids, (std::vector<std::string>{"999999999999"}));

  s = select_citizens(src, {.facility = "38105", .limit = 1000});
  ASSERT_GT(s.citizens.size(), 2u);
  for (const auto* c : s.citizens) {
    ASSERT_TRUE(c->card);
    EXPECT_EQ(c->card->ma_dkbd, "38105");
  }
  const auto all_38105 = s.citizens.size();
  s = select_citizens(src, {.facility = "38105", .limit = 3});
  EXPECT_EQ(s.citizens.size(), 3u);
  EXPECT_LT(3u, all_38105);

  // Both: the listed citizens registered there.
  s = select_citizens(src, {.citizens = {"038175900102", "038068900101"}, .facility = "38105"});
  EXPECT_EQ(ids(s), (std::vector<std::string>{"038068900101"}));

  s = select_citizens(src, {.facility = "99999"});
  EXPECT_TRUE(s.unknown_facility);
  EXPECT_TRUE(s.citizens.empty());
}

TEST(CardsSelection, ParseSelection) {
  selection s;
  std::string error;
  ASSERT_TRUE(sim::cards::parse_selection(" 038068900101, 038175900102 ", "38001", "7", s, error))
      << error;
  EXPECT_EQ(s.citizens, (std::vector<std::string>{"038068900101", "038175900102"}));
  EXPECT_EQ(s.facility, "38001");
  EXPECT_EQ(s.limit, 7u);
  ASSERT_TRUE(sim::cards::parse_selection("", "", "", s, error));
  EXPECT_TRUE(s.citizens.empty());
  EXPECT_EQ(s.limit, sim::cards::default_limit);
  for (const char* bad : {"0", "-1", "abc", "5001", "3x"}) {
    EXPECT_FALSE(sim::cards::parse_selection("", "", bad, s, error)) << bad;
    EXPECT_NE(error.find("limit"), std::string::npos);
  }
  EXPECT_FALSE(sim::cards::parse_selection("038068900101,,038175900102", "", "", s, error));
  EXPECT_NE(error.find("empty entry"), std::string::npos);
}

// A sandbox's overlay: an added citizen and a replaced one are what gets printed.
TEST(CardsSelection, OverlaySeesSandboxCitizens) {
  const auto w = sim::world::embedded_default_world();
  sim::engine::world_overlay overlay(w);
  auto added = *w->find_by_case("the-het-han");
  added.ma_bhxh = "3890011111";
  added.card->number = "DN4383890011111";
  added.ho_ten = "Hà Thị Mới Thêm";
  added.gender = sim::world::sex::female;
  added.so_dinh_danh = "038168911111";
  added.case_label = "them-trong-hop-cat";
  overlay.upsert_citizen(added);
  auto replaced = *w->find_by_case("the-bi-thu-hoi");
  replaced.ho_ten = "Phạm Thị Hồi Sửa";
  overlay.upsert_citizen(replaced);

  const auto src = source_of(overlay);
  auto s = select_citizens(src, {});
  ASSERT_FALSE(s.citizens.empty());
  EXPECT_EQ(s.citizens.back()->so_dinh_danh, "038168911111");
  bool saw_replaced = false;
  for (const auto* c : s.citizens) {
    if (c->so_dinh_danh == "038175900102") {
      saw_replaced = true;
      EXPECT_EQ(c->ho_ten, "Phạm Thị Hồi Sửa");
    }
  }
  EXPECT_TRUE(saw_replaced);
  s = select_citizens(src, {.citizens = {"038168911111"}});
  ASSERT_EQ(s.citizens.size(), 1u);
  const auto card = sim::cards::make_card(*s.citizens[0], nullptr);
  ASSERT_TRUE(card.ok()) << card.error;
  EXPECT_NE(card.cccd_payload.find("|Hà Thị Mới Thêm|"), std::string::npos);
}

TEST(CardsSheet, HtmlHoldsEveryCardField) {
  const auto w = sim::world::embedded_default_world();
  const auto s = select_citizens(source_of(*w), {.citizens = {"038188900116", "038093900115"}});
  const auto cards = cards_of(*w, s);
  sim::cards::sheet_options o;
  o.world_name = w->name;
  o.image_src = [](const sim::cards::printed_card& c, std::string_view kind) {
    return "/ui/cards/" + c.citizen.so_dinh_danh + "/" + std::string(kind) + ".png";
  };
  const auto html = sim::cards::render_sheet(cards, o);
  for (const char* needle :
       {"<!doctype html>", "<meta charset=\"utf-8\">", "@page{size:A4", "Hoàng Thị Ngọc Ánh",
        "19/09/1988", "Nữ", "038188900116", "173900116", "27/01/2021", "DN4383890000116",
        "từ 01/01/2026 đến 31/12/2027", "38001 — Bệnh viện Đa khoa tỉnh Thượng Ninh",
        "hop-le-38001-a", "src=\"/ui/cards/038188900116/cccd.png\"",
        "src=\"/ui/cards/038188900116/bhyt.png\"", "Phan Văn Tâm", "khong-co-the",
        "Không có thẻ BHYT", "KHÔNG CÓ GIÁ TRỊ SỬ DỤNG"}) {
    EXPECT_NE(html.find(needle), std::string::npos) << needle;
  }
  // No card → no BHYT image for that citizen.
  EXPECT_EQ(html.find("038093900115/bhyt.png"), std::string::npos);
  EXPECT_NE(html.find("038093900115/cccd.png"), std::string::npos);
  EXPECT_EQ(html.find("Không in được"), std::string::npos);
}

TEST(CardsSheet, EscapesAndListsUnprintable) {
  sim::world::citizen c;
  c.so_dinh_danh = "038090123456";
  c.ho_ten = "<script>alert(1)</script>";
  c.date_of_birth = {1990, 5, 1};
  c.gender = sim::world::sex::unknown;
  c.address = "x";
  const auto card = sim::cards::make_card(c, nullptr);
  ASSERT_FALSE(card.ok());
  const auto html = sim::cards::render_sheet({card}, {});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Không in được"), std::string::npos);
  EXPECT_NE(html.find("Nam or Nữ"), std::string::npos);
  EXPECT_EQ(html.find("<section class=\"card\""), std::string::npos);
}

TEST(CardsSheet, ManifestJson) {
  const auto w = sim::world::embedded_default_world();
  const auto s = select_citizens(source_of(*w), {.citizens = {"038068900101", "038093900115"}});
  const auto m = nlohmann::json::parse(sim::cards::manifest_json(cards_of(*w, s), w->name));
  EXPECT_EQ(m["qr"]["ec_level"], "M");
  EXPECT_EQ(m["qr"]["mode"], "byte");
  ASSERT_EQ(m["cards"].size(), 2u);
  const auto& a = m["cards"][0];
  EXPECT_EQ(a["so_dinh_danh"], "038068900101");
  EXPECT_EQ(a["ho_ten"], "Lê Văn Hạn");
  EXPECT_EQ(a["cccd"]["file"], "038068900101-cccd.png");
  EXPECT_EQ(a["cccd"]["payload"],
            "038068900101||Lê Văn Hạn|15031968|Nam|"
            "Thôn 5, xã Tân Phú, huyện Ninh Sơn, tỉnh Thượng Ninh|12012021");
  EXPECT_EQ(a["bhyt"]["file"], "038068900101-bhyt.png");
  EXPECT_TRUE(m["cards"][1]["bhyt"].is_null());
  EXPECT_FALSE(m["cards"][1].contains("error"));
}

}  // namespace
