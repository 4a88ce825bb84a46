// The encounter model's arithmetic and formatting helpers.
#include "simulator/synth/encounter.hpp"

#include <cstdlib>

namespace sim::synth::detail {

totals sum_lines(const std::vector<cost_line>& lines) {
  // Spec §6.1 (PL4750 Bảng 1): T_THUOC = Σ XML2 THANH_TIEN_BV; T_VTYT = Σ THANH_TIEN_BV of the
  // VTYT rows of XML3 (MA_NHOM 10, 11); T_TONGCHI_BV/BH, T_BNTT, T_BNCCT, T_NGUONKHAC = Σ over
  // XML2 + XML3; T_BHTT = T_TONGCHI_BH − T_BNCCT; T_BHTT_GDV = Σ T_BHTT of rows with MA_PTTT 1.
  totals t;
  for (const auto& l : lines) {
    if (l.drug) t.t_thuoc += l.thanh_tien_bv;
    if (!l.drug && (l.ma_nhom == 10 || l.ma_nhom == 11)) t.t_vtyt += l.thanh_tien_bv;
    t.t_tongchi_bv += l.thanh_tien_bv;
    t.t_tongchi_bh += l.thanh_tien_bh;
    t.t_bntt += l.t_bntt;
    t.t_bncct += l.t_bncct;
    t.t_nguonkhac += l.t_nguonkhac;
    if (l.ma_pttt == 1) t.t_bhtt_gdv += l.t_bhtt;
  }
  t.t_bhtt = t.t_tongchi_bh - t.t_bncct;
  return t;
}

namespace {

std::string scaled(std::int64_t v, std::int64_t scale, int digits) {
  std::string out;
  if (v < 0) {
    out = "-";
    v = -v;
  }
  out += std::to_string(v / scale);
  std::int64_t frac = v % scale;
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, static_cast<std::size_t>(digits) - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

}  // namespace

std::string money(std::int64_t cents) { return scaled(cents, 100, 2); }
std::string milli(std::int64_t thousandths) { return scaled(thousandths, 1000, 3); }
std::string dt12(const core::civil_time& t) { return t.to_yyyymmddhhmm(); }
std::string d8(const core::civil_time& t) { return t.to_yyyymmdd(); }

core::civil_time plus_minutes(const core::civil_time& t, std::int64_t minutes) {
  return core::civil_time::from_minutes(t.to_minutes() + minutes);
}

}  // namespace sim::synth::detail
