// The encounter generator: model → tables → envelope → (signer) → bytes. See generator.hpp.
#include "simulator/synth/generator.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "simulator/synth/detail/impl.hpp"

namespace sim::synth {

using namespace detail;

std::string_view to_string(encounter_kind kind) {
  switch (kind) {
    case encounter_kind::outpatient_exam:
      return "outpatient_exam";
    case encounter_kind::outpatient_treatment:
      return "outpatient_treatment";
    case encounter_kind::inpatient:
      return "inpatient";
    case encounter_kind::emergency:
      return "emergency";
  }
  return "?";
}

namespace {

// The episode window (docs/generate.md): arrivals 2026-01-05 … 2026-11-15; the longest episode
// (12 days of outpatient treatment) ends by 2026-11-27, so every recorded event lies before
// 2026-12-01 and a file validates at any submission time from then on. Follow-up appointments
// (XML14 NGAY_HEN_KL) may fall later: they are meant to be in the future. Nothing reads the clock.
constexpr core::civil_time window_start{2026, 1, 5, 0, 0};
constexpr core::civil_time window_end{2026, 11, 15, 0, 0};
constexpr std::int64_t minutes_per_day = 24 * 60;

// NĐ 73/2024/NĐ-CP: base salary 2,340,000 đồng from 01/07/2024. An episode costing less than
// 15 % of it is paid at 100 % (Luật BHYT Đ22, NĐ 146/2018 Đ14): 351,000 đồng.
constexpr std::int64_t full_benefit_threshold_cents = 351000 * 100;

std::int64_t day_index(const core::civil_time& t) { return t.to_minutes() / minutes_per_day; }

core::civil_time at_day(std::int64_t day, int hour, int minute) {
  return core::civil_time::from_minutes(day * minutes_per_day + hour * 60 + minute);
}

// Benefit level from the third character of the card number (spec §4): 1, 2, 5 → 100 %;
// 3 → 95 %; 4 → 80 %.
int card_benefit(const std::string& card) {
  if (card.size() < 3) return 80;
  switch (card[2]) {
    case '1':
    case '2':
    case '5':
      return 100;
    case '3':
      return 95;
    default:
      return 80;
  }
}

bool exact_div(std::int64_t num, std::int64_t den, std::int64_t& out) {
  if (num % den != 0) return false;
  out = num / den;
  return true;
}

// Prices one line exactly (spec §6.1 row formulas); false when a division is not exact, so the
// caller nudges the unit price. Row formulas:
//   XML2 THANH_TIEN_BV = SO_LUONG × DON_GIA; THANH_TIEN_BH = THANH_TIEN_BV × TYLE_TT_BH / 100
//   XML3 THANH_TIEN_BV = SO_LUONG × DON_GIA_BV × TYLE_TT_DV / 100;
//        THANH_TIEN_BH = SO_LUONG × DON_GIA_BH × TYLE_TT_BH / 100   (TYLE_TT_DV is always 100)
//   T_BHTT = THANH_TIEN_BH × MUC_HUONG / 100; T_BNCCT = THANH_TIEN_BH − T_BHTT;
//   T_BNTT = THANH_TIEN_BV − THANH_TIEN_BH; T_NGUONKHAC = 0 (no other source is modelled).
bool price_exact(cost_line& l, int benefit) {
  // thousandths × thousandths = 10⁻⁶ đồng; cents = 10⁻² đồng → divide by 10⁴.
  const std::int64_t bv_num = l.so_luong_milli * l.don_gia_milli * l.tyle_tt_dv;
  if (!exact_div(bv_num, 10000 * 100, l.thanh_tien_bv)) return false;
  const std::int64_t bh_base = l.drug ? l.don_gia_milli : l.don_gia_bh_milli;
  const std::int64_t bh_num = l.so_luong_milli * bh_base * l.tyle_tt_bh;
  if (!exact_div(bh_num, 10000 * 100, l.thanh_tien_bh)) return false;
  std::int64_t probe = 0;
  // Exact for both rates the line may end up with (the card's and 100 %).
  return exact_div(l.thanh_tien_bh * benefit, 100, probe);
}

void finish_line(cost_line& l, int muc_huong) {
  l.muc_huong = muc_huong;
  l.t_bhtt = l.thanh_tien_bh * muc_huong / 100;
  l.t_bncct = l.thanh_tien_bh - l.t_bhtt;
  l.t_bntt = l.thanh_tien_bv - l.thanh_tien_bh;
  l.nk_nsnn = l.nk_vtnn = l.nk_vttn = l.nk_cl = l.t_nguonkhac = 0;
}

std::string digits(rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + r.below(10));
  return s;
}

std::string pad(std::size_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width)
    s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}

}  // namespace

generator::generator(generate_options options) : impl_(std::make_unique<impl>()) {
  impl_->opt = std::move(options);
  impl_->w = impl_->opt.world ? impl_->opt.world : world::embedded_default_world();
  impl_->std_def = &standard::get_standard(impl_->opt.standard);
  for (const auto& f : impl_->w->facilities) impl_->facilities.push_back(&f);
  for (const auto& id : impl_->opt.patients) {
    const world::citizen* c = impl_->w->find_citizen(id);
    if (!c) c = impl_->w->find_by_card(id);
    if (!c) throw std::invalid_argument("synth: no citizen " + id + " in the world");
    if (!c->card) throw std::invalid_argument("synth: citizen " + id + " has no BHYT card");
    impl_->eligible.push_back(c);
  }
  for (const auto& c : impl_->w->citizens()) {
    if (!impl_->opt.patients.empty()) break;
    // Ordinary citizens only: an active card valid over part of the window, no rehearsal case,
    // facility records equal to the register (the named cases are for ID.*/CARD.* checks).
    if (!c.card || c.card->status != world::card_status::active) continue;
    if (!c.case_label.empty() || c.recorded->ho_ten || c.recorded->date_of_birth ||
        c.recorded->gender || c.recorded->so_dinh_danh || c.recorded->ma_the_bhyt)
      continue;
    if (c.card->valid_to < plus_minutes(window_start, 20 * minutes_per_day) ||
        c.card->valid_from > window_end)
      continue;
    if (c.gender == world::sex::unknown) continue;
    impl_->eligible.push_back(&c);
  }
  if (impl_->facilities.empty()) throw std::invalid_argument("synth: the world has no facility");
  if (impl_->eligible.empty())
    throw std::invalid_argument("synth: the world has no citizen with an active card");
}

generator::~generator() = default;
generator::generator(generator&&) noexcept = default;
generator& generator::operator=(generator&&) noexcept = default;

const generate_options& generator::options() const { return impl_->opt; }

doctor generator::impl::doctor_of(const world::facility& f, std::uint64_t which) const {
  // Per-facility staff derived from the facility code: stable whatever the seed.
  std::uint64_t s = 0;
  for (char ch : f.ma_cskcb) s = s * 131 + static_cast<unsigned char>(ch);
  rng r(mix(s, which % 4));
  doctor d;
  d.cchn = digits(r, 6) + "/" + f.province + "-CCHN";
  d.ma_bhxh = f.province.substr(0, 2) + digits(r, 8);
  const auto names = doctor_names();
  d.name = std::string(names[static_cast<std::size_t>(mix(s, which % 4) % names.size())]);
  return d;
}

std::string generator::impl::head_of(const world::facility& f) const {
  std::uint64_t s = 7;
  for (char ch : f.ma_cskcb) s = s * 131 + static_cast<unsigned char>(ch);
  rng r(s);
  return f.province.substr(0, 2) + digits(r, 8);
}

encounter_kind generator::kind_of(std::size_t index) const {
  rng r(mix(impl_->opt.seed, index));
  const auto k = r.below(100);
  if (k < 45) return encounter_kind::outpatient_exam;
  if (k < 65) return encounter_kind::outpatient_treatment;
  if (k < 87) return encounter_kind::inpatient;
  return encounter_kind::emergency;
}

detail::encounter generator::impl::build(std::size_t index) const {
  rng r(mix(opt.seed, index));
  detail::encounter e;
  e.index = index;
  {
    const auto k = r.below(100);  // same draw as kind_of()
    e.kind = k < 45   ? encounter_kind::outpatient_exam
             : k < 65 ? encounter_kind::outpatient_treatment
             : k < 87 ? encounter_kind::inpatient
                      : encounter_kind::emergency;
  }
  const bool emergency = e.kind == encounter_kind::emergency;
  const bool inpatient = e.kind == encounter_kind::inpatient;
  const bool treatment = e.kind == encounter_kind::outpatient_treatment;

  // Patient and the day of arrival, inside the window and the card's validity.
  std::int64_t day = 0;
  if (!opt.patients.empty()) {
    const world::citizen* c = eligible[index % eligible.size()];
    std::int64_t lo = std::max(day_index(window_start), day_index(c->card->valid_from));
    std::int64_t hi = std::min(day_index(window_end), day_index(c->card->valid_to) - 15);
    if (lo > hi) {  // no overlap: anywhere in the window (the card is then out of date)
      lo = day_index(window_start);
      hi = day_index(window_end);
    }
    e.patient = c;
    day = lo + static_cast<std::int64_t>(r.below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  for (int attempt = 0; !e.patient; ++attempt) {
    const world::citizen* c =
        attempt < 16 ? eligible[static_cast<std::size_t>(r.below(eligible.size()))]
                     : eligible[(index + static_cast<std::size_t>(attempt)) % eligible.size()];
    const std::int64_t lo = std::max(day_index(window_start), day_index(c->card->valid_from));
    const std::int64_t hi = std::min(day_index(window_end), day_index(c->card->valid_to) - 15);
    if (lo <= hi) {
      e.patient = c;
      day = lo + static_cast<std::int64_t>(r.below(static_cast<std::uint64_t>(hi - lo + 1)));
      break;
    }
  }
  const auto& card = *e.patient->card;

  // Facility: mostly the card's registered facility (MA_DOITUONG_KCB 1.1), otherwise another
  // facility of the province at district/commune level (1.2, thông tuyến) or, for an
  // admission, at provincial level (3.2, paid at 100 % of the benefit since 2021).
  const world::facility* home = nullptr;
  for (const auto* f : facilities)
    if (f->ma_cskcb == card.ma_dkbd) home = f;
  e.facility = home ? home : facilities[static_cast<std::size_t>(r.below(facilities.size()))];
  if (emergency) {
    e.facility = facilities[static_cast<std::size_t>(r.below(facilities.size()))];
    e.ma_doituong_kcb = "2";
  } else if (home && r.chance(80)) {
    e.ma_doituong_kcb = "1.1";
  } else {
    const auto* f = facilities[static_cast<std::size_t>(r.below(facilities.size()))];
    if (f->ma_cskcb == card.ma_dkbd) {
      e.facility = f;
      e.ma_doituong_kcb = "1.1";
    } else if (f->level == "huyen" || f->level == "xa") {
      e.facility = f;
      e.ma_doituong_kcb = "1.2";
    } else if (inpatient) {
      e.facility = f;
      e.ma_doituong_kcb = "3.2";
    } else if (home) {
      e.facility = home;
      e.ma_doituong_kcb = "1.1";
    } else {
      e.facility = f;
      e.ma_doituong_kcb = "1.2";
    }
  }
  const auto& fac = *e.facility;

  // Departments: the facility's own list (MA_KHOA is checked against it).
  auto has_dept = [&](std::string_view k) {
    return std::find(fac.departments.begin(), fac.departments.end(), k) != fac.departments.end();
  };
  const std::string first_dept = fac.departments.empty() ? "K01" : fac.departments.front();
  e.ma_khoa_kham = has_dept("K01") ? "K01" : first_dept;
  std::string er = has_dept("K02") ? "K02" : e.ma_khoa_kham;
  std::vector<std::string> wards;
  for (const auto& k : fac.departments)
    if (k != "K01" && k != "K02") wards.push_back(k);
  const std::string ward =
      wards.empty() ? e.ma_khoa_kham : wards[static_cast<std::size_t>(r.below(wards.size()))];
  if (emergency) e.ma_khoa_kham = er;
  e.ma_khoa = (inpatient || treatment) ? ward : e.ma_khoa_kham;
  e.doc = doctor_of(fac, r.below(4));
  e.ma_ttdv = head_of(fac);

  // Diagnosis suited to the kind of encounter.
  const auto dxs = diagnoses();
  for (int attempt = 0; attempt < 64; ++attempt) {
    const auto* d = &dxs[static_cast<std::size_t>(r.below(dxs.size()))];
    e.dx = d;
    if (inpatient && !d->inpatient_ok) continue;
    if (treatment && !d->chronic) continue;
    if (emergency && d->chronic && !d->inpatient_ok) continue;
    // A plain exam is for what is treated at home; admissions-type diagnoses go elsewhere.
    if (e.kind == encounter_kind::outpatient_exam && d->inpatient_ok && !d->chronic) continue;
    break;
  }
  if (r.chance(25)) {
    const auto* x = &dxs[static_cast<std::size_t>(r.below(dxs.size()))];
    if (x != e.dx) e.dx_extra = x;
  }

  // Identifiers. MA_LK is free-form (spec §4, ≤ 100 chars): facility, day, run and index.
  const core::civil_time d0 = at_day(day, 0, 0);
  {
    rng id(mix(opt.seed ^ 0x5EED5EEDull, index));
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string tag;
    for (int i = 0; i < 6; ++i) tag += hex[id.below(16)];
    e.ma_lk = fac.ma_cskcb + "_" + d8(d0) + "_" + pad(index, 6) + "_" + tag;
  }
  e.ma_bn = "BN" + e.patient->so_dinh_danh.substr(e.patient->so_dinh_danh.size() - 8);
  e.ma_hsba = (inpatient ? "BA" : "PK") + std::to_string(d0.year) + pad(index, 6);
  {
    const int age = d0.year - e.patient->date_of_birth.year;
    const int kg = age < 1 ? r.between(3, 9) : age < 15 ? r.between(10, 45) : r.between(42, 78);
    e.can_nang = std::to_string(kg) + "." + std::to_string(r.between(0, 9));
  }

  // Timeline.
  const int arrive_h = emergency ? r.between(0, 22) : r.between(7, 15);
  e.ngay_vao = at_day(day, arrive_h, r.between(0, 59));
  core::civil_time t = plus_minutes(e.ngay_vao, r.between(5, 20));
  const auto svcs = services();
  auto find_service = [&](service_role role) -> const service_entry* {
    for (const auto& s : svcs)
      if (s.role == role) return &s;
    return nullptr;
  };
  auto add_service = [&](const service_entry* s, core::civil_time yl, const std::string& khoa,
                         std::int64_t qty_milli) -> cost_line& {
    cost_line l;
    l.s = s;
    l.ma_nhom = s->ma_nhom;
    l.so_luong_milli = qty_milli;
    l.don_gia_milli = s->don_gia_bv_vnd * 1000;
    l.don_gia_bh_milli = s->don_gia_bh_vnd * 1000;
    l.ngay_yl = yl;
    l.ngay_th_yl = plus_minutes(yl, s->role == service_role::bed ? 0 : 5);
    l.ma_khoa = khoa;
    l.ma_bac_si = e.doc.cchn;
    if (s->ma_nhom == 1 || s->ma_nhom == 2 || s->ma_nhom == 3 || s->ma_nhom == 8 ||
        s->ma_nhom == 18)
      l.nguoi_thuc_hien = doctor_of(fac, 3).cchn;
    e.lines.push_back(l);
    return e.lines.back();
  };
  auto add_supply = [&](const supply_entry* v, core::civil_time yl, const std::string& khoa,
                        std::int64_t qty) {
    cost_line l;
    l.v = v;
    l.ma_nhom = 10;
    l.so_luong_milli = qty * 1000;
    l.don_gia_milli = l.don_gia_bh_milli = v->don_gia_vnd * 1000;
    l.ngay_yl = yl;
    l.ngay_th_yl = plus_minutes(yl, 5);
    l.ma_khoa = khoa;
    l.ma_bac_si = e.doc.cchn;
    e.lines.push_back(l);
  };
  auto add_drug = [&](const drug_entry* d, core::civil_time yl, const std::string& khoa,
                      std::int64_t qty) {
    cost_line l;
    l.drug = true;
    l.d = d;
    l.ma_nhom = d->ma_nhom;
    l.tyle_tt_bh = d->tyle_tt_bh;
    l.so_luong_milli = qty * 1000;
    l.don_gia_milli = d->don_gia_vnd * 1000;
    l.ngay_yl = yl;
    l.ngay_th_yl = plus_minutes(yl, d->injection ? 15 : 0);
    l.ma_khoa = khoa;
    l.ma_bac_si = e.doc.cchn;
    e.lines.push_back(l);
  };
  auto add_labs = [&](core::civil_time yl, const std::string& khoa, int percent) {
    core::civil_time last = yl;
    for (const auto& s : svcs) {
      if (s.role != service_role::lab && s.role != service_role::imaging &&
          s.role != service_role::function_test)
        continue;
      if (!r.chance(percent)) continue;
      auto& l = add_service(&s, yl, khoa, 1000);
      const auto kq = plus_minutes(l.ngay_th_yl, r.between(30, 90));
      l.ngay_kq = kq;
      last = std::max(last, kq);
      for (int i = 0; i < s.lab_count; ++i) {
        lab_row lr;
        lr.s = &s;
        lr.idx = &lab_indices()[static_cast<std::size_t>(s.lab_index + i)];
        if (lr.idx->high_x10 > 0) {
          const int v = r.between(lr.idx->low_x10, lr.idx->high_x10);
          lr.gia_tri = std::to_string(v / 10) + "." + std::to_string(v % 10);
        }
        lr.ngay_kq = kq;
        lr.ma_bs_doc_kq = doctor_of(fac, 2).cchn;
        e.labs.push_back(lr);
      }
    }
    return last;
  };

  const auto* exam = find_service(emergency ? service_role::emergency_exam : service_role::exam);
  add_service(exam, t, e.ma_khoa_kham, 1000);
  t = plus_minutes(t, 15);
  const int lab_percent = inpatient ? 60 : emergency ? 45 : treatment ? 30 : 20;
  t = plus_minutes(add_labs(t, e.ma_khoa_kham, lab_percent), 10);

  const auto drug_list = drugs();
  if (e.kind == encounter_kind::outpatient_exam || emergency) {
    const int days = r.between(3, 7);
    for (int di : e.dx->drugs) {
      const auto* d = &drug_list[static_cast<std::size_t>(di)];
      if (d->injection && !emergency) continue;
      const std::int64_t qty = d->injection      ? std::max(1, d->per_day)
                               : d->per_day == 0 ? 1
                                                 : d->per_day * days;
      add_drug(d, t, e.ma_khoa_kham, qty);
      if (d->injection) add_supply(&supplies()[0], t, e.ma_khoa_kham, qty);
    }
    if (e.dx->icd == "S01.8") {
      add_service(find_service(service_role::procedure), t, e.ma_khoa_kham, 1000);
      add_supply(&supplies()[3], t, e.ma_khoa_kham, 1);
    }
    e.ngay_ra = plus_minutes(t, r.between(20, emergency ? 240 : 60));
    e.so_ngay_dtri = 0;  // PL4750 SO_NGAY_DTRI: 0 for MA_LOAI_KCB 01
    e.ma_loai_kcb = "01";
  } else if (treatment) {
    // MA_LOAI_KCB 02: prescribed at the treating department, visits every few days; NGAY_RA is
    // the last day at 23:59 (PL4750 NGAY_RA for 02/05/07); SO_NGAY_DTRI = NGAY_RA − NGAY_VAO + 1.
    e.ngay_vao_noi_tru = plus_minutes(t, r.between(20, 90));
    const int days = r.between(5, 12);
    const auto start = *e.ngay_vao_noi_tru;
    for (int di : e.dx->drugs) {
      const auto* d = &drug_list[static_cast<std::size_t>(di)];
      if (d->injection) continue;
      add_drug(d, plus_minutes(start, 10), e.ma_khoa,
               d->per_day == 0 ? 1 : static_cast<std::int64_t>(d->per_day) * days);
    }
    for (int v = 0; v < days; v += 3) {
      const auto at = plus_minutes(start, v * minutes_per_day + 30);
      e.course.push_back({std::string(e.dx->dien_bien) +
                              (v == 0 ? " Bắt đầu điều trị ngoại trú." : " Tái khám, ổn định."),
                          at, e.doc.cchn});
    }
    e.ngay_ra = at_day(day + days - 1, 23, 59);
    e.so_ngay_dtri = days;
    e.ma_loai_kcb = "02";
  } else {
    // MA_LOAI_KCB 03: admitted from the exam room; one bed day per night (at most one bed day
    // per order, total below SO_NGAY_DTRI + 1, spec §6.3); daily drugs and clinical course.
    e.ngay_vao_noi_tru = plus_minutes(t, r.between(30, 150));
    const auto start = *e.ngay_vao_noi_tru;
    const int nights = r.between(2, 9);
    const auto* bed = find_service(service_role::bed);
    const std::string giuong = "H" + pad(static_cast<std::size_t>(r.between(1, 40)), 3);
    for (int n = 0; n < nights; ++n) {
      const auto day_t = plus_minutes(start, static_cast<std::int64_t>(n) * minutes_per_day);
      add_service(bed, day_t, e.ma_khoa, 1000).ma_giuong = giuong;
      for (int di : e.dx->drugs) {
        const auto* d = &drug_list[static_cast<std::size_t>(di)];
        if (d->per_day == 0 && n > 0) continue;
        const std::int64_t qty = d->per_day == 0 ? 1 : d->per_day;
        add_drug(d, plus_minutes(day_t, 30), e.ma_khoa, qty);
        if (d->injection) add_supply(&supplies()[0], plus_minutes(day_t, 30), e.ma_khoa, qty);
      }
      e.course.push_back({std::string(e.dx->dien_bien) +
                              (n == 0 ? " Vào khoa điều trị nội trú." : " Tiếp tục điều trị."),
                          plus_minutes(day_t, 60), e.doc.cchn});
    }
    if (nights >= 4)
      add_labs(plus_minutes(start, (nights - 1) * minutes_per_day + 90), e.ma_khoa, 40);
    e.ngay_ra = at_day(day + nights, r.between(8, 11), r.between(0, 59));
    e.so_ngay_dtri = nights + 1;  // PL4750: NGAY_RA − NGAY_VAO + 1 for 03
    e.ma_loai_kcb = "03";
  }

  // Outcome, referral, follow-up.
  e.ket_qua_dtri = inpatient ? (r.chance(70) ? "1" : "2") : (r.chance(50) ? "2" : "3");
  e.ma_loai_rv = "1";
  if (r.chance(e.kind == encounter_kind::outpatient_exam || emergency ? 12 : 8) &&
      facilities.size() > 1) {
    const world::facility* dest = nullptr;
    for (int attempt = 0; attempt < 8 && !dest; ++attempt) {
      const auto* f = facilities[static_cast<std::size_t>(r.below(facilities.size()))];
      if (f != e.facility) dest = f;
    }
    if (dest) {
      e.ma_loai_rv = "2";  // chuyển tuyến theo yêu cầu chuyên môn → XML13
      e.ma_noi_den = dest->ma_cskcb;
    }
  }
  if (e.ma_loai_rv == "1" && r.chance(inpatient ? 35 : 20)) {
    e.ngay_hen_kl = at_day(day_index(e.ngay_ra) + r.between(7, 28), 7, 30);
  }

  // Money: price lines exactly, then the benefit rate of the episode, then the split.
  const int benefit = card_benefit(card.number);
  for (auto& l : e.lines) {
    for (int guard = 0; guard < 200 && !price_exact(l, benefit); ++guard) {
      l.don_gia_milli += 1000;
      if (!l.drug && l.v) l.don_gia_bh_milli += 1000;
    }
  }
  std::int64_t bh_total = 0;
  for (const auto& l : e.lines) bh_total += l.thanh_tien_bh;
  const int muc_huong =
      (bh_total < full_benefit_threshold_cents || fac.level == "xa") ? 100 : benefit;
  // Capitation (định suất, MA_PTTT 2) for outpatient care at district/commune facilities.
  const bool capitation = !inpatient && (fac.level == "huyen" || fac.level == "xa") && r.chance(40);
  for (auto& l : e.lines) {
    l.ma_pttt = capitation ? 2 : 1;
    finish_line(l, muc_huong);
  }
  e.t = sum_lines(e.lines);
  return e;
}

std::vector<generated_file> generator::encounter(std::size_t index) const {
  const auto e = impl_->build(index);
  std::vector<generated_file> out;
  out.push_back(impl_->finish(e, false, impl_->encode(e, impl_->claim_tables(e))));
  if (e.kind != encounter_kind::emergency) {
    standard::checkin_file ck;
    ck.xml0 = impl_->checkin_table(e);
    out.push_back(impl_->finish(e, true, standard::encode_checkin(*impl_->std_def, ck)));
  }
  return out;
}

generated_file generator::impl::finish(const detail::encounter& e, bool checkin,
                                       std::string bytes, bool sign) const {
  generated_file f;
  f.relative_path = std::string(checkin ? "checkins/" : "claims/") + e.ma_lk + ".xml";
  f.ma_lk = e.ma_lk;
  f.ma_cskcb = e.facility->ma_cskcb;
  f.kind = e.kind;
  f.checkin = checkin;
  f.bytes = sign && opt.signer ? opt.signer(bytes, f.ma_cskcb) : std::move(bytes);
  return f;
}

std::string generator::impl::encode(const detail::encounter& e,
                                    const std::vector<standard::table_data>& tables) const {
  standard::claim_envelope env;
  env.macskcb = e.facility->ma_cskcb;
  env.ngaylap = d8(e.ngay_ra);
  env.soluonghoso = "1";
  standard::hoso h;
  h.tables = tables;
  env.hosos.push_back(std::move(h));
  return standard::encode_claim(*std_def, env);
}

}  // namespace sim::synth
