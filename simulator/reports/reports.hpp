// sim::reports — the figures the provinces' plans ask facilities to report (issue 11, "Figures
// the provinces report"; ../shared/spec/plans/README.md):
//   * per facility and per day, the SAME-DAY SENDING share: visits signed and sent on the day
//     they end (Thượng Ninh, chỉ tiêu 3: ≥ 95 % "ngay trong ngày");
//   * the DISPLAY SLA share: accepted visits shown on VNeID within 24 hours of receipt (QĐ 2733
//     PL01 Đ5 bước 7), and the reasons for the rest, link by link;
//   * the ADOPTION report in the shape of Kiên Hải's CV 329 Phụ lục 1: per facility, how many
//     people have a level-2 e-ID (and why not), a health book, the BHYT card integrated (and
//     why not), from the world's VNeID accounts.
// Pure functions over the VNeID service's visit list and the world: docs/reports.md says what
// each figure counts.
//
//   auto days = sim::reports::daily_figures(vneid.visits(sb), sb.clock.now());
//   auto rows = sim::reports::adoption(view_of_people, world.vneid);
//   std::string csv = sim::reports::adoption_csv(rows);
//
// Errors: none (data plane). Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simulator/engine/virtual_clock.hpp"
#include "simulator/services/vneid/vneid_service.hpp"
#include "simulator/world/world.hpp"

namespace sim::reports {

// The figures of one facility on one day: the visits that ENDED that day (NGAY_RA's local day).
struct day_figures {
  std::string ma_cskcb;
  std::string day;  // yyyy-mm-dd (Vietnam time)
  std::size_t visits = 0;          // claims (current records) + check-ins never followed by one
  std::size_t sent_same_day = 0;   // first received on the day the visit ended
  std::size_t accepted = 0;        // verdict accepted
  std::size_t shown_within_24h = 0;  // accepted and shown ≤ 24 h after this record's receipt
  std::size_t shown_late = 0;        // accepted and shown more than 24 h after receipt
  // Why the visits not shown within 24 h are not: "not_sent", "verdict_pending", "signature",
  // "content", "card", "identity", "account", "within_latency", "late", "failed".
  std::map<std::string, std::size_t> reasons;

  // sent_same_day / visits; nullopt without visits.
  std::optional<double> same_day_share() const;
  // shown_within_24h / accepted; nullopt without accepted visits.
  std::optional<double> display_sla_share() const;
};

// Per (facility, day), sorted by facility then day. Visits without a readable NGAY_RA are left
// out (they cannot be placed on a day).
std::vector<day_figures> daily_figures(const std::vector<services::vneid::visit_status>& visits);

// Totals over `days` (ma_cskcb and day empty).
day_figures total(const std::vector<day_figures>& days);

// One row of the adoption report (CV 329 Phụ lục 1, "I. Kết quả thực hiện", item 1).
struct adoption_row {
  std::string ma_cskcb;       // facility (the people registered there: card MA_DKBD)
  std::string name;           // facility name
  std::size_t people = 0;                 // "Tổng số"
  std::size_t level2 = 0;                 // "Đã … kích hoạt định danh VNeID mức 2"
  std::size_t not_level2 = 0;             // "Chưa …"
  std::map<std::string, std::size_t> not_level2_reasons;  // "Lý do chưa …"
  std::size_t health_book = 0;            // "Đã được khởi tạo Sổ SKĐT"
  std::size_t bhyt_integrated = 0;        // "Đã tích hợp thẻ BHYT"
  std::size_t bhyt_not_integrated = 0;    // "Chưa tích hợp thẻ BHYT"
  std::map<std::string, std::size_t> not_integrated_reasons;  // "Lý do chưa tích hợp …"
};

// Who the report counts, per facility.
enum class adoption_scope {
  registered,  // citizens whose BHYT card is registered at the facility (MA_DKBD)
  staff,       // the facility's registered staff (facility::officers), found in the register
};

// The report per facility over `people` (the world's or a sandbox's citizens), at `today`
// (ages), under the world's account rules.
std::vector<adoption_row> adoption(const std::vector<const world::citizen*>& people,
                                   const std::vector<const world::facility*>& facilities,
                                   const world::vneid_behaviour& rules, adoption_scope scope,
                                   const core::civil_time& today);

// CSV (UTF-8 with BOM, comma-separated, RFC 4180 quoting) with the Phụ lục 1 columns in
// Vietnamese; reasons as "reason: count; …".
std::string adoption_csv(const std::vector<adoption_row>& rows);

}  // namespace sim::reports
