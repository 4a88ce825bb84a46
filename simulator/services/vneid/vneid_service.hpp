// sim::services::vneid — the VNeID side of the chain (issue 11): who may open a citizen's health
// book (QĐ 2733 PL01 Đ7, spec c06 B5), and the display pipeline that decides whether and when each
// visit the facility sent reaches the book (QĐ 2733 PL01 Đ5, spec c06 B3/B6).
//
// A claim is a visit. It is shown only when every link holds — sent; signed with a registered
// certificate and accepted; identity matching the register; the citizen's account (level 2, BHYT
// integrated, app recent enough: the world's `vneid` section) — and only after the display
// latency, drawn per visit from the sandbox's distribution with a seed derived from the
// sandbox seed and the visit's maGiaoDich (so the order of queries never changes a time).
// Display faults (engine/faults/display_*.cpp, endpoint "vneid") make it late, never shown,
// partial or duplicated. States live in the journal's `display` table; they are brought up to
// date lazily for the sandbox clock, like the portal's verdicts (portal_service::decide_due is
// called first), incrementally: a process-wide view per (journal, sandbox) remembers the
// submissions seen and re-evaluates only rows that can change (docs/vneid.md). docs/vneid.md has
// the rules, states and choices.
//
//   sim::services::vneid::vneid_service vneid(journal, portal);
//   for (const auto& v : vneid.visits(sb)) { … v.category, v.shown_at … }   // provinces' figures
//   auto r = vneid.book(sb, "038188900116", "038188900116");   // r.status 200, r.body
//
// Errors: data plane, nothing throws; a refused book is status 403 (404: nobody has that number)
// with {"error", "ly_do"} in Vietnamese; set_settings returns an error message for a bad body.
// Thread safety: every member may be called from any thread; updates are serialised by one
// process-wide mutex (which also guards the in-memory views) so that two concurrent queries do
// not both write the same rows.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/engine/journal.hpp"
#include "simulator/engine/sandbox.hpp"
#include "simulator/services/portal/portal_service.hpp"
#include "simulator/world/world.hpp"

namespace sim::services::vneid {

// Why a visit is or is not on the app: the link of the chain that broke, in chain order.
enum class reason_category {
  not_sent,         // a check-in (XML0) without a claim for its MA_LK
  verdict_pending,  // sent, the portal has not decided yet
  signature,        // rejected for SIG.* findings
  content,          // rejected for content (structure, fields, sums, duplicates…)
  card,             // rejected for CARD.* findings (card register)
  identity,         // rejected for ID.* findings (population register)
  account,          // accepted, but the citizen's VNeID account does not allow the book
  within_latency,   // every link holds; waiting for BHXH's extraction (scheduled)
  shown,            // on the app
  failed,           // the extraction failed (display_never fault)
};
std::string_view to_string(reason_category c);  // "not_sent", "verdict_pending", …

// One visit of a sandbox for the provinces' figures (the lead's SLA, same-day sending and
// adoption reports): facility, dates, receipt, verdict, display state and reason. Only the
// current record of each visit is listed (a record replaced by a resubmission is not).
struct visit_status {
  std::string ma_giao_dich;  // the claim's (a check-in's for not_sent)
  std::string kind;          // "claim" | "checkin"
  std::string ma_cskcb;
  std::string ma_lk;
  std::string so_dinh_danh;                           // XML1/XML0 SO_CCCD as sent
  std::optional<core::civil_time> ngay_vao;           // local (Vietnam) civil times of the XML
  std::optional<core::civil_time> ngay_ra;            // the end day of the visit
  std::optional<engine::sys_time> received_at;        // this record's receipt
  std::optional<engine::sys_time> first_received_at;  // the first submission of the visit
  std::string verdict;  // "" (pending or not sent) | "accepted" | "rejected"
  std::string state;    // display state: not_sent|waiting|scheduled|shown|failed
  reason_category category = reason_category::not_sent;
  std::optional<engine::sys_time> eligible_at;   // every link held from then
  std::optional<engine::sys_time> scheduled_at;  // due on the app
  std::optional<engine::sys_time> shown_at;
};

// The account rules of the world applied to one account: ok, or the reason
// ("no_account" | "level" | "bhyt_not_integrated" | "app_version") with a Vietnamese detail.
struct account_check {
  bool ok = true;
  std::string reason;
  std::string detail_vi;
};
account_check check_account(const world::vneid_account& a, const world::vneid_behaviour& rules);

// The display latency drawn for one visit: a pure function of (distribution, seed, key).
std::chrono::seconds draw_latency(const world::display_latency& d, std::uint64_t seed,
                                  std::string_view key);
// A uniform draw in [0, 1) from (seed, key, salt) — the display faults' probabilities.
double draw_unit(std::uint64_t seed, std::string_view key, std::string_view salt);

// The display settings of a sandbox: the world's default latency unless the admin API set one.
struct display_settings {
  std::uint64_t seed = 0;
  world::display_latency latency;
  bool overridden = false;  // false: the world's `vneid.display_latency` and the derived seed
};
nlohmann::ordered_json to_json(const world::display_latency& d);
// Parses {"distribution", "fixed", "min", "max", "median", "sigma"} on top of `base`.
std::optional<std::string> parse_latency(const nlohmann::json& j, world::display_latency& out);

class vneid_service {
 public:
  vneid_service(engine::journal& journal, portal::portal_service& portal);

  display_settings settings(const engine::sandbox& sb) const;
  // Body {"display_latency": {...}, "seed": N} (both optional); error message when invalid.
  std::optional<std::string> set_settings(const engine::sandbox& sb, const nlohmann::json& body);

  // Decides due verdicts, then brings every display state of `sb` up to date for its clock.
  void update(engine::sandbox& sb);
  // update(), then every visit of the sandbox (see visit_status).
  std::vector<visit_status> visits(engine::sandbox& sb);
  // update(), then the journal's display rows matching `filter`.
  std::vector<engine::display_record> displays(engine::sandbox& sb,
                                               const engine::display_filter& filter);

  struct book_result {
    int status = 200;  // 200 | 403 refused | 404 unknown number | 400 no viewer
    nlohmann::ordered_json body;
  };
  // The health book of `so_dinh_danh` as `viewer` sees it (B5: the citizen, or the guardian of
  // a dependent; the viewer's own account must satisfy the world's rules).
  book_result book(engine::sandbox& sb, const std::string& so_dinh_danh, const std::string& viewer);

 private:
  // Brings the states up to date; `all`: also answers every visit (else an empty list).
  std::vector<visit_status> run(engine::sandbox& sb, bool all);

  engine::journal& journal_;
  portal::portal_service& portal_;
};

}  // namespace sim::services::vneid
