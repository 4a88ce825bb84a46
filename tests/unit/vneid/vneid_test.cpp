// sim::services::vneid in-process: latency draws (bounds, replay, distributions), the account
// rules, the health book built from a stored claim, the world's vneid section and history.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "simulator/services/vneid/health_book.hpp"
#include "simulator/services/vneid/vneid_service.hpp"
#include "simulator/world/world.hpp"

namespace sim::services::vneid {
namespace {

using namespace std::chrono_literals;

TEST(DisplayLatency, FixedUniformAndLogNormalStayInTheirBounds) {
  world::display_latency d;
  d.distribution = world::latency_distribution::fixed;
  d.fixed = 3h;
  EXPECT_EQ(draw_latency(d, 1, "a"), 3h);
  d.distribution = world::latency_distribution::uniform;
  d.min = 1h;
  d.max = 2h;
  std::set<std::int64_t> seen;
  for (int i = 0; i < 500; ++i) {
    const auto s = draw_latency(d, 7, "mgd-" + std::to_string(i));
    EXPECT_GE(s, 1h);
    EXPECT_LE(s, 2h);
    seen.insert(s.count());
  }
  EXPECT_GT(seen.size(), 400u);  // really drawn, not constant
  d = world::display_latency{};  // log-normal, median 4 h, clamped to 5 min … 20 h
  std::vector<std::int64_t> all;
  for (int i = 0; i < 2001; ++i) {
    const auto s = draw_latency(d, 9, "v" + std::to_string(i));
    EXPECT_GE(s, 5min);
    EXPECT_LE(s, 20h);
    all.push_back(s.count());
  }
  std::nth_element(all.begin(), all.begin() + 1000, all.end());
  EXPECT_NEAR(static_cast<double>(all[1000]), 4 * 3600.0, 0.1 * 4 * 3600.0);  // the median
}

TEST(DisplayLatency, SameSeedAndKeySameTimeWhateverTheOrder) {
  const world::display_latency d;
  const auto a = draw_latency(d, 42, "38001202612031000000001");
  (void)draw_latency(d, 42, "other");
  EXPECT_EQ(draw_latency(d, 42, "38001202612031000000001"), a);
  EXPECT_NE(draw_latency(d, 43, "38001202612031000000001"), a);
  EXPECT_EQ(draw_unit(5, "k", "f-1"), draw_unit(5, "k", "f-1"));
  EXPECT_NE(draw_unit(5, "k", "f-1"), draw_unit(5, "k", "f-2"));
}

TEST(AccountRules, EachRefusalAndTheSwitches) {
  world::vneid_behaviour rules;
  EXPECT_TRUE(check_account({2, "2.2.8", true}, rules).ok);
  EXPECT_EQ(check_account({0, "", false}, rules).reason, "no_account");
  EXPECT_EQ(check_account({1, "2.2.8", false}, rules).reason, "level");
  EXPECT_EQ(check_account({2, "2.1.5", true}, rules).reason, "app_version");
  EXPECT_TRUE(check_account({2, "2.1.10", true}, rules).ok);  // numeric, not text, order
  EXPECT_EQ(check_account({2, "2.2.8", false}, rules).reason, "bhyt_not_integrated");
  rules.min_app_version = "2.0.4";
  EXPECT_TRUE(check_account({2, "2.1.5", true}, rules).ok);
  rules.require_bhyt_integration = false;
  EXPECT_TRUE(check_account({2, "2.2.8", false}, rules).ok);
  rules.require_level2 = false;
  EXPECT_TRUE(check_account({1, "2.2.8", false}, rules).ok);
}

TEST(LatencySettings, ParseRefusesBadValues) {
  world::display_latency d;
  EXPECT_FALSE(parse_latency(
      nlohmann::json{{"distribution", "uniform"}, {"min", "PT1H"}, {"max", "PT2H"}}, d));
  EXPECT_EQ(d.distribution, world::latency_distribution::uniform);
  EXPECT_EQ(d.max, 2h);
  EXPECT_TRUE(parse_latency(nlohmann::json{{"distribution", "poisson"}}, d));
  EXPECT_TRUE(parse_latency(nlohmann::json{{"min", "PT3H"}}, d));  // min > max
  EXPECT_TRUE(parse_latency(nlohmann::json{{"sigma", 9}}, d));
  EXPECT_TRUE(parse_latency(nlohmann::json{{"nope", 1}}, d));
  EXPECT_EQ(d.min, 1h);  // unchanged by refused bodies
}

std::string read(const std::string& rel) {
  std::ifstream in(std::string(SSKDT_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(HealthBook, VisitFromAStoredClaim) {
  const auto v = extract_visit(read("fixtures/xml/claim-4750-outpatient-accepted.xml"), "4750");
  ASSERT_TRUE(v);
  const auto w = world::embedded_default_world();
  const auto j = visit_json(*v, *w, {});
  EXPECT_EQ(j["co_so_kcb"]["ma"], v->field("MA_CSKCB"));
  ASSERT_FALSE(j["chan_doan"]["ma_benh"].empty());
  EXPECT_EQ(j["chan_doan"]["ma_benh"][0]["ma_icd10"], v->field("MA_BENH_CHINH"));
  EXPECT_EQ(j["chan_doan"]["ma_benh"][0]["loai"], "Bệnh chính");
  EXPECT_EQ(j["thuoc"].size(), v->xml2.size());
  EXPECT_TRUE(j["chi_so"]["chieu_cao_cm"].is_null());  // no table carries the height
  EXPECT_TRUE(j["ngay_vao"].get<std::string>().find('/') != std::string::npos);
  const auto partial = visit_json(*v, *w, {"thuoc", "tom_tat"});
  EXPECT_FALSE(partial.contains("thuoc"));
  EXPECT_FALSE(partial.contains("tom_tat_ho_so_benh_an"));
  EXPECT_EQ(partial["nhom_thieu"].size(), 2u);
  EXPECT_FALSE(extract_visit("<not a claim/>", "4750"));
  EXPECT_FALSE(extract_visit(read("fixtures/xml/checkin-4750-accepted.xml"), "4750"));
}

// extract_visit_identity decodes XML1 alone: on every file it must answer what the full decode
// does, including the files it refuses and the envelopes where XML1 is not the first table, comes
// twice, or does not decode.
TEST(HealthBook, VisitIdentityEqualsTheFullDecode) {
  const std::string claim = read("fixtures/xml/claim-4750-outpatient-accepted.xml");
  std::vector<std::pair<std::string, std::string>> files = {
      {"claim", claim},
      {"rejected", read("fixtures/xml/claim-4750-sum-t_bhtt-rejected.xml")},
      {"checkin", read("fixtures/xml/checkin-4750-accepted.xml")},
      {"not a claim", "<not a claim/>"},
      {"empty", ""}};
  // The same claim with its FILEHOSO elements rearranged (fixture order: XML1, XML2, XML3).
  const auto first = claim.find("<FILEHOSO>");
  const auto second = claim.find("<FILEHOSO>", first + 1);
  const auto end = claim.rfind("</FILEHOSO>") + std::string("</FILEHOSO>").size();
  ASSERT_NE(second, std::string::npos);
  const std::string xml1 = claim.substr(first, second - first);
  const std::string others = claim.substr(second, end - second);
  auto with_files = [&](const std::string& inner) {
    return claim.substr(0, first) + inner + claim.substr(end);
  };
  auto replaced = [](std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
  };
  const std::string bad_base64 = replaced(xml1, "<NOIDUNGFILE>", "<NOIDUNGFILE>*");
  const std::string bad_inner = replaced(xml1, "<NOIDUNGFILE>", "<NOIDUNGFILE>PGE+");  // "<a>"…
  files.emplace_back("xml1 last", with_files(others + xml1));
  files.emplace_back("no xml1", with_files(others));
  files.emplace_back("xml1 twice", with_files(xml1 + others + xml1));
  files.emplace_back("bad base64, then xml1", with_files(bad_base64 + others + xml1));
  files.emplace_back("bad inner xml, then xml1", with_files(bad_inner + others + xml1));
  files.emplace_back("xml2 as xml1", with_files(replaced(others, "XML2", "XML1") + xml1));
  files.emplace_back("two hoso", replaced(claim, "</HOSO>", "</HOSO><HOSO>" + others + "</HOSO>"));
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SSKDT_SOURCE_DIR) +
                                                               "/tests/fuzz/corpus/envelope")) {
    files.emplace_back(entry.path().filename().string(),
                       read("tests/fuzz/corpus/envelope/" + entry.path().filename().string()));
  }
  int decoded = 0;
  for (const auto& [name, file] : files) {
    for (const char* standard : {"130", "4750", "3176", "9999"}) {
      SCOPED_TRACE(name + " as " + standard);
      const auto full = extract_visit(file, standard);
      const auto id = extract_visit_identity(file, standard);
      ASSERT_EQ(full.has_value(), id.has_value());
      if (!full) continue;
      ++decoded;
      EXPECT_EQ(id->so_cccd, full->field("SO_CCCD"));
      EXPECT_EQ(id->ngay_vao, full->field("NGAY_VAO"));
      EXPECT_EQ(id->ngay_ra, full->field("NGAY_RA"));
    }
  }
  EXPECT_GT(decoded, 20);  // the comparison saw real claims, not only refusals
  const auto v = extract_visit_identity(claim, "4750");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->so_cccd, "");  // the fixture's XML1 has no SO_CCCD
  EXPECT_EQ(v->ngay_vao, "202612010800");
  EXPECT_EQ(v->ngay_ra, "202612011000");
  EXPECT_FALSE(extract_visit_identity(with_files(bad_inner + others), "4750"));
  EXPECT_TRUE(extract_visit_identity(with_files(bad_base64 + others + xml1), "4750"));
}

TEST(HealthBook, HistoryAndRepresentativeFromTheWorld) {
  const auto w = world::embedded_default_world();
  const auto* c = w->find_by_case("hop-le-38001-a");
  ASSERT_TRUE(c);
  ASSERT_EQ(c->allergies.size(), 2u);
  const auto h = history_json(*c, {"J06"});
  EXPECT_EQ(h["di_ung"][0]["tac_nhan"], "Penicillin");
  bool covid = false;
  for (const auto& v : h["tiem_chung"])
    covid |= v["loai_vac_xin"].get<std::string>().starts_with("COVID-19");
  EXPECT_TRUE(covid);
  EXPECT_EQ(h["benh_da_mac"][0], "J06");
  const auto* child = w->find_by_case("tre-em-giam-ho");
  const auto* guardian = w->find_citizen(child->guardian_id);
  ASSERT_TRUE(guardian);
  const auto a = administrative_json(*child, guardian, *w);
  EXPECT_EQ(a["nguoi_dai_dien_hop_phap"]["so_dinh_danh"], "038091900108");
  EXPECT_TRUE(administrative_json(*c, nullptr, *w)["nguoi_dai_dien_hop_phap"].is_null());
}

TEST(WorldVneidSection, LoadedCheckedAndDefaulted) {
  const auto w = world::embedded_default_world();
  EXPECT_EQ(w->vneid.min_app_version, "2.1.10");
  EXPECT_EQ(w->vneid.latency.distribution, world::latency_distribution::log_normal);
  const auto small = world::load_world_text(
      R"({"name":"X","province":"38","vneid":{"min_app_version":"2.0.4",
          "display_latency":{"distribution":"fixed","fixed":"PT2H"}},
          "citizens":[{"so_dinh_danh":"038190900999","ho_ten":"Lê Thị A",
          "date_of_birth":"1990-01-01","sex":"female",
          "vaccinations":[{"vaccine":"COVID-19","date":"2021-09-01","place":"Trạm Y tế"}],
          "allergies":[{"agent":"Penicillin"}]}]})",
      "json", "t");
  EXPECT_EQ(small->vneid.min_app_version, "2.0.4");
  EXPECT_EQ(small->vneid.latency.fixed, 2h);
  EXPECT_EQ(small->citizens().back().vaccinations.size(), 1u);
  EXPECT_THROW(
      world::load_world_text(R"({"name":"X","province":"38","vneid":{"x":1}})", "json", "t"),
      world::world_error);
  EXPECT_THROW(world::load_world_text(
                   R"({"name":"X","province":"38","vneid":{"display_latency":
                      {"min":"PT5H","max":"PT1H"}}})",
                   "json", "t"),
               world::world_error);
}

}  // namespace
}  // namespace sim::services::vneid
