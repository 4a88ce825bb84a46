#include "simulator/reports/reports.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace sim::reports {
namespace {

using services::vneid::reason_category;
using services::vneid::visit_status;

std::string iso_day(const core::civil_time& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
  return buf;
}

bool same_day(const core::civil_time& a, const core::civil_time& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

}  // namespace

std::optional<double> day_figures::same_day_share() const {
  if (visits == 0) return std::nullopt;
  return static_cast<double>(sent_same_day) / static_cast<double>(visits);
}

std::optional<double> day_figures::display_sla_share() const {
  if (accepted == 0) return std::nullopt;
  return static_cast<double>(shown_within_24h) / static_cast<double>(accepted);
}

std::vector<day_figures> daily_figures(const std::vector<visit_status>& visits) {
  std::map<std::pair<std::string, std::string>, day_figures> by_key;
  for (const auto& v : visits) {
    // The day the visit ended; a check-in never followed by a claim has only its start.
    const auto& end = v.ngay_ra ? v.ngay_ra : v.ngay_vao;
    if (!end) continue;
    const std::string day = iso_day(*end);
    auto& f = by_key[{v.ma_cskcb, day}];
    f.ma_cskcb = v.ma_cskcb;
    f.day = day;
    ++f.visits;
    if (v.kind == "claim" && v.first_received_at &&
        same_day(engine::to_vietnam_civil(*v.first_received_at), *end))
      ++f.sent_same_day;
    const bool accepted = v.verdict == "accepted";
    if (accepted) ++f.accepted;
    if (accepted && v.shown_at && v.received_at) {
      if (*v.shown_at - *v.received_at <= std::chrono::hours(24)) {
        ++f.shown_within_24h;
      } else {
        ++f.shown_late;
        ++f.reasons["late"];
      }
      continue;
    }
    if (v.category == reason_category::shown) {
      ++f.reasons["late"];  // shown without a receipt time: cannot be on time
      continue;
    }
    ++f.reasons[std::string(services::vneid::to_string(v.category))];
  }
  std::vector<day_figures> out;
  out.reserve(by_key.size());
  for (auto& [k, f] : by_key) out.push_back(std::move(f));
  return out;
}

day_figures total(const std::vector<day_figures>& days) {
  day_figures t;
  for (const auto& d : days) {
    t.visits += d.visits;
    t.sent_same_day += d.sent_same_day;
    t.accepted += d.accepted;
    t.shown_within_24h += d.shown_within_24h;
    t.shown_late += d.shown_late;
    for (const auto& [r, n] : d.reasons) t.reasons[r] += n;
  }
  return t;
}

namespace {

int age_on(const core::civil_time& birth, const core::civil_time& today) {
  int age = today.year - birth.year;
  if (std::tie(today.month, today.day) < std::tie(birth.month, birth.day)) --age;
  return age;
}

// Kiên Hải CV 329 Phụ lục 2: integrating the BHYT card needs VNeID 2.0.4 or later.
constexpr std::string_view k_integration_min_version = "2.0.4";

void count(adoption_row& row, const world::citizen& c, const world::vneid_behaviour& rules,
           const core::civil_time& today) {
  ++row.people;
  const auto& a = c.vneid;
  if (a.level >= 2) {
    ++row.level2;
  } else {
    ++row.not_level2;
    std::string why;
    if (a.level <= 0)
      why = "Chưa có tài khoản định danh điện tử";
    else if (age_on(c.date_of_birth, today) < 6)
      why = "Trẻ dưới 6 tuổi chỉ được cấp tài khoản mức 1 (NĐ 69/2024)";
    else
      why = "Mới kích hoạt mức 1, chưa nâng lên mức 2";
    ++row.not_level2_reasons[why];
  }
  // The health book is a level-2 feature of the app from the world's minimum version on.
  if (a.level >= 2 && !a.app_version.empty() &&
      world::compare_app_versions(a.app_version, rules.min_app_version) >= 0)
    ++row.health_book;
  if (a.level >= 2 && a.bhyt_integrated) {
    ++row.bhyt_integrated;
    return;
  }
  ++row.bhyt_not_integrated;
  std::string why;
  if (!c.card)
    why = "Không có thẻ BHYT";
  else if (a.level < 2)
    why = "Chưa có tài khoản định danh điện tử mức 2";
  else if (a.app_version.empty() ||
           world::compare_app_versions(a.app_version, k_integration_min_version) < 0)
    why = "Ứng dụng VNeID cũ hơn phiên bản 2.0.4";
  else
    why = "Chưa thực hiện tích hợp thẻ BHYT";
  ++row.not_integrated_reasons[why];
}

}  // namespace

std::vector<adoption_row> adoption(const std::vector<const world::citizen*>& people,
                                   const std::vector<const world::facility*>& facilities,
                                   const world::vneid_behaviour& rules, adoption_scope scope,
                                   const core::civil_time& today) {
  std::vector<adoption_row> rows;
  std::map<std::string, std::size_t> index;
  for (const auto* f : facilities) {
    index[f->ma_cskcb] = rows.size();
    rows.push_back({});
    rows.back().ma_cskcb = f->ma_cskcb;
    rows.back().name = f->name;
  }
  if (scope == adoption_scope::registered) {
    for (const auto* c : people) {
      if (!c->card) continue;
      auto it = index.find(c->card->ma_dkbd);
      if (it != index.end()) count(rows[it->second], *c, rules, today);
    }
  } else {
    std::map<std::string, const world::citizen*> by_id;
    for (const auto* c : people) by_id[c->so_dinh_danh] = c;
    for (const auto* f : facilities) {
      for (const auto& o : f->officers) {
        auto it = by_id.find(o.so_cccd);
        if (it != by_id.end()) count(rows[index[f->ma_cskcb]], *it->second, rules, today);
      }
    }
  }
  return rows;
}

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string reasons_text(const std::map<std::string, std::size_t>& reasons) {
  std::string out;
  for (const auto& [why, n] : reasons) {
    if (!out.empty()) out += "; ";
    out += why + ": " + std::to_string(n);
  }
  return out;
}

}  // namespace

std::string adoption_csv(const std::vector<adoption_row>& rows) {
  std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheet software then reads UTF-8
  const char* header[] = {"TT",
                          "Mã CSKCB",
                          "Khoa/phòng/TYT",
                          "Tổng số",
                          "Đã kích hoạt định danh VNeID mức 2",
                          "Chưa kích hoạt định danh VNeID mức 2",
                          "Lý do chưa kích hoạt định danh VNeID mức 2",
                          "Đã được khởi tạo Sổ SKĐT trên VNeID",
                          "Đã tích hợp thẻ BHYT vào Sổ SKĐT",
                          "Chưa tích hợp thẻ BHYT vào Sổ SKĐT",
                          "Lý do chưa tích hợp thẻ BHYT vào Sổ SKĐT"};
  for (std::size_t i = 0; i < std::size(header); ++i) {
    if (i) out += ',';
    out += header[i];
  }
  out += "\r\n";
  std::size_t tt = 0;
  for (const auto& r : rows) {
    const std::string fields[] = {std::to_string(++tt),
                                  r.ma_cskcb,
                                  r.name,
                                  std::to_string(r.people),
                                  std::to_string(r.level2),
                                  std::to_string(r.not_level2),
                                  reasons_text(r.not_level2_reasons),
                                  std::to_string(r.health_book),
                                  std::to_string(r.bhyt_integrated),
                                  std::to_string(r.bhyt_not_integrated),
                                  reasons_text(r.not_integrated_reasons)};
    for (std::size_t i = 0; i < std::size(fields); ++i) {
      if (i) out += ',';
      out += csv_field(fields[i]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace sim::reports
