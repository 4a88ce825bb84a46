// The provinces' figures from a hand-made list of visits (each count checked), and the adoption
// report over the embedded world's named VNeID cases.
#include "simulator/reports/reports.hpp"

#include <gtest/gtest.h>

namespace {

using sim::services::vneid::reason_category;
using sim::services::vneid::visit_status;
using namespace std::chrono_literals;

sim::engine::sys_time at(const char* iso) { return *sim::engine::parse_iso8601(iso); }

// A visit of facility `ma` that ended on 2026-03-10 (local) at 10:00, received at `received`.
visit_status visit(const std::string& ma, const char* received, const std::string& verdict,
                   reason_category category, std::optional<sim::engine::sys_time> shown = {}) {
  visit_status v;
  v.kind = "claim";
  v.ma_cskcb = ma;
  v.ngay_vao = sim::core::civil_time{2026, 3, 10, 8, 0};
  v.ngay_ra = sim::core::civil_time{2026, 3, 10, 10, 0};
  if (received) v.received_at = v.first_received_at = at(received);
  v.verdict = verdict;
  v.category = category;
  v.shown_at = shown;
  return v;
}

TEST(reports, daily_figures_count_each_link) {
  std::vector<visit_status> vs;
  // Same day (10 March, Vietnam = UTC+7: 16:00Z is 23:00 local), shown 2 h later.
  vs.push_back(visit("38001", "2026-03-10T16:00:00Z", "accepted", reason_category::shown,
                     at("2026-03-10T18:00:00Z")));
  // Sent the next local day (17:30Z = 00:30 on 11 March), shown 30 h later: late.
  vs.push_back(visit("38001", "2026-03-10T17:30:00Z", "accepted", reason_category::shown,
                     at("2026-03-11T23:30:00Z")));
  // Same day, rejected for its signature.
  vs.push_back(visit("38001", "2026-03-10T05:00:00Z", "rejected", reason_category::signature));
  // Accepted, waiting for the account.
  vs.push_back(visit("38001", "2026-03-10T06:00:00Z", "accepted", reason_category::account));
  // Never sent (a check-in only).
  auto not_sent = visit("38001", nullptr, "", reason_category::not_sent);
  not_sent.kind = "checkin";
  not_sent.ngay_ra.reset();
  vs.push_back(not_sent);
  // Another facility, another day.
  auto other = visit("38105", "2026-03-12T03:00:00Z", "accepted", reason_category::within_latency);
  other.ngay_ra = sim::core::civil_time{2026, 3, 12, 9, 0};
  vs.push_back(other);

  const auto days = sim::reports::daily_figures(vs);
  ASSERT_EQ(days.size(), 2u);
  const auto& a = days[0];
  EXPECT_EQ(a.ma_cskcb, "38001");
  EXPECT_EQ(a.day, "2026-03-10");
  EXPECT_EQ(a.visits, 5u);
  EXPECT_EQ(a.sent_same_day, 3u);
  EXPECT_DOUBLE_EQ(*a.same_day_share(), 3.0 / 5.0);
  EXPECT_EQ(a.accepted, 3u);
  EXPECT_EQ(a.shown_within_24h, 1u);
  EXPECT_EQ(a.shown_late, 1u);
  EXPECT_DOUBLE_EQ(*a.display_sla_share(), 1.0 / 3.0);
  EXPECT_EQ(a.reasons, (std::map<std::string, std::size_t>{
                           {"account", 1}, {"late", 1}, {"not_sent", 1}, {"signature", 1}}));
  const auto& b = days[1];
  EXPECT_EQ(b.ma_cskcb, "38105");
  EXPECT_EQ(b.day, "2026-03-12");
  EXPECT_EQ(b.reasons.at("within_latency"), 1u);
  EXPECT_EQ(*b.same_day_share(), 1.0);

  const auto t = sim::reports::total(days);
  EXPECT_EQ(t.visits, 6u);
  EXPECT_EQ(t.accepted, 4u);
  EXPECT_FALSE(sim::reports::day_figures{}.same_day_share().has_value());
  EXPECT_FALSE(sim::reports::day_figures{}.display_sla_share().has_value());
}

TEST(reports, adoption_counts_the_named_vneid_cases) {
  const auto w = sim::world::embedded_default_world();
  const std::vector<std::string> labels = {"vneid-muc-1", "khong-co-vneid", "chua-tich-hop-bhyt",
                                           "app-qua-cu", "hop-le-38001-a", "tre-em-giam-ho"};
  std::vector<const sim::world::citizen*> people;
  for (const auto& l : labels) {
    const auto* c = w->find_by_case(l);
    ASSERT_NE(c, nullptr) << l;
    people.push_back(c);
  }
  std::vector<const sim::world::facility*> facilities;
  for (const auto& f : w->facilities) facilities.push_back(&f);
  const auto rows = sim::reports::adoption(people, facilities, w->vneid,
                                           sim::reports::adoption_scope::registered,
                                           {2026, 12, 3, 0, 0});
  ASSERT_EQ(rows.size(), w->facilities.size());
  sim::reports::adoption_row sum;
  std::map<std::string, std::size_t> why_not_level2, why_not_integrated;
  for (const auto& r : rows) {
    EXPECT_EQ(r.people, r.level2 + r.not_level2) << r.ma_cskcb;
    EXPECT_EQ(r.people, r.bhyt_integrated + r.bhyt_not_integrated) << r.ma_cskcb;
    sum.people += r.people;
    sum.level2 += r.level2;
    sum.health_book += r.health_book;
    sum.bhyt_integrated += r.bhyt_integrated;
    for (const auto& [k, n] : r.not_level2_reasons) why_not_level2[k] += n;
    for (const auto& [k, n] : r.not_integrated_reasons) why_not_integrated[k] += n;
  }
  std::size_t with_card = 0;
  for (const auto* c : people) with_card += c->card ? 1 : 0;
  EXPECT_EQ(sum.people, with_card);
  // Every reason named comes from a named case: level 1, no account, a child under 6.
  EXPECT_GE(why_not_level2["Mới kích hoạt mức 1, chưa nâng lên mức 2"] +
                why_not_level2["Trẻ dưới 6 tuổi chỉ được cấp tài khoản mức 1 (NĐ 69/2024)"],
            1u);
  EXPECT_EQ(why_not_level2["Chưa có tài khoản định danh điện tử"], 1u);
  EXPECT_GE(why_not_integrated["Chưa thực hiện tích hợp thẻ BHYT"] +
                why_not_integrated["Ứng dụng VNeID cũ hơn phiên bản 2.0.4"],
            1u);
  EXPECT_LE(sum.health_book, sum.level2);
  EXPECT_LE(sum.bhyt_integrated, sum.level2);

  const auto csv = sim::reports::adoption_csv(rows);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("Lý do chưa kích hoạt định danh VNeID mức 2"), std::string::npos);
  EXPECT_NE(csv.find("Chưa có tài khoản định danh điện tử: 1"), std::string::npos);
  // One header line and one line per facility.
  std::size_t lines = 0;
  for (char ch : csv) lines += ch == '\n';
  EXPECT_EQ(lines, rows.size() + 1);
}

}  // namespace
