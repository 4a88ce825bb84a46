// The mismatch list ("danh sách sai lệch") and its two resolutions (issue 10; docs/crosscheck.md):
// every ID.* finding of a verdict becomes a row of the journal's mismatch table; the commune
// police correct the register (effective after a virtual delay) or the facility resubmits a
// corrected record that replaces the first. Either way the row ends "resolved", with how and
// when, and — for a police correction — the record is judged again against the corrected
// register.
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "simulator/core/text.hpp"
#include "simulator/crosscheck/crosscheck.hpp"
#include "simulator/rules/finding_json.hpp"
#include "simulator/services/portal/portal_service.hpp"

namespace sim::services::portal {
namespace {

// A new, open row of the mismatch list for identity mismatch `m` of record `ma_giao_dich`.
engine::mismatch_record open_row(const engine::sandbox& sb, const std::string& ma_giao_dich,
                                 const std::string& ma_cskcb,
                                 const crosscheck::identity_mismatch& m,
                                 const std::string& detected_at) {
  engine::mismatch_record r;
  r.sandbox = sb.name;
  r.ma_giao_dich = ma_giao_dich;
  r.ma_cskcb = ma_cskcb;
  r.ma_lk = m.ma_lk;
  r.row = m.row;
  r.code = m.code;
  r.field = m.field;
  r.claimed = m.claimed;
  r.registered = m.registered;
  r.so_dinh_danh = m.so_dinh_danh;
  r.visit_date = m.visit_date;
  r.detected_at = detected_at;
  r.status = "open";
  return r;
}

}  // namespace

crosscheck::register_view portal_service::register_view_of(const engine::sandbox& sb) {
  const engine::world_overlay& ow = sb.world;
  crosscheck::register_view v{[&ow](std::string_view id) { return ow.find_citizen(id); },
                              [&ow](std::string_view card) { return ow.find_by_card(card); },
                              [&ow](std::string_view bhxh) { return ow.find_by_ma_bhxh(bhxh); }};
  v.names_without_diacritics = sb.world.base().c06.names_without_diacritics;
  return v;
}

void portal_service::record_mismatches(engine::sandbox& sb, const engine::submission_record& s,
                                       const std::vector<crosscheck::identity_mismatch>& found,
                                       const std::string& decided_at) {
  if (found.empty()) return;
  // A record judged again (after a correction) keeps its rows: only new mismatches are added.
  std::set<std::pair<std::string, int>> known;
  engine::mismatch_filter f;
  f.ma_giao_dich = s.ma_giao_dich;
  for (const auto& m : journal_.mismatches(sb.name, f)) known.emplace(m.code, m.row);
  for (const auto& m : found) {
    if (known.count({m.code, m.row})) continue;
    auto r = open_row(sb, s.ma_giao_dich, s.ma_cskcb, m, decided_at);
    if (r.ma_lk.empty()) r.ma_lk = s.ma_lk;
    journal_.record_mismatch(r);
  }
}

void portal_service::resolve_by_resubmission(engine::sandbox& sb, const std::string& old_giao_dich,
                                             const std::string& new_giao_dich,
                                             const std::string& at) {
  engine::mismatch_filter f;
  f.ma_giao_dich = old_giao_dich;
  for (auto m : journal_.mismatches(sb.name, f)) {
    if (m.status == "resolved") continue;
    // The replacing record was accepted, so its identity matches the register now.
    m.status = "resolved";
    m.resolution = "resubmission";
    m.resolved_at = at;
    m.resolved_by = new_giao_dich;
    journal_.update_mismatch(m);
  }
}

void portal_service::settle_corrections(engine::sandbox& sb, engine::sys_time now) {
  engine::mismatch_filter f;
  f.status = "correction_pending";
  f.limit = 100000;
  std::map<std::string, std::string> rejudge;  // maGiaoDich → latest effective time
  for (auto m : journal_.mismatches(sb.name, f)) {
    const auto effective = engine::parse_iso8601(m.correction_effective_at);
    if (!effective || *effective > now) continue;
    m.status = "resolved";
    m.resolution = "police_correction";
    m.resolved_at = m.correction_effective_at;
    if (!journal_.update_mismatch(m)) continue;
    auto& at = rejudge[m.ma_giao_dich];
    at = std::max(at, m.correction_effective_at);
  }
  for (const auto& [ma_giao_dich, at] : rejudge) {
    auto s = journal_.submission(sb.name, ma_giao_dich);
    // A record already replaced by a resubmission, or not rejected, keeps its verdict.
    if (!s || !s->replaced_by.empty() || s->verdict != "rejected") continue;
    const auto received = engine::parse_iso8601(s->received_at);
    if (!received) continue;
    auto j = judge(sb, *s, *received);
    if (!journal_.record_verdict(
            sb.name, s->ma_giao_dich, j.report.accepted ? "accepted" : "rejected", at,
            rules::findings_json(j.report.findings)
                .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)))
      continue;
    record_mismatches(sb, *s, j.mismatches, at);
    for (const auto& old_id : j.replaces) {
      journal_.record_replacement(sb.name, old_id, s->ma_giao_dich);
      resolve_by_resubmission(sb, old_id, s->ma_giao_dich, at);
    }
  }
}

namespace {

bool digits_only(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

portal_service::correction_result portal_service::correct_register(engine::sandbox& sb,
                                                                   std::int64_t mismatch_id,
                                                                   std::chrono::seconds delay,
                                                                   const std::string& by) {
  std::lock_guard lock(decide_mutex_);
  correction_result out;
  auto m = journal_.mismatch(sb.name, mismatch_id);
  if (!m) return {404, "no mismatch " + std::to_string(mismatch_id), {}};
  if (m->status != "open")
    return {409, "mismatch " + std::to_string(mismatch_id) + " is " + m->status, *m};

  // What the register will hold: the record's value (the facility's records were right).
  std::function<void(world::citizen&)> change;
  std::string description;
  if (m->code == "ID.NAME") {
    const std::string name = core::collapse_spaces(m->claimed);
    change = [name](world::citizen& c) { c.ho_ten = name; };
    description = "HO_TEN → " + name;
  } else if (m->code == "ID.DOB") {
    const std::string& d = m->claimed;
    if (d.size() < 8 || !digits_only(d.substr(0, 8)) || d.substr(4, 2) == "00" ||
        d.substr(6, 2) == "00")
      return {409,
              "the record gives only part of the date of birth (" + d +
                  "): the register cannot take it; the facility must resubmit",
              *m};
    const core::civil_time dob{to_int(d.substr(0, 4)), to_int(d.substr(4, 2)),
                               to_int(d.substr(6, 2)), 0, 0};
    change = [dob](world::citizen& c) { c.date_of_birth = dob; };
    description = "NGAY_SINH → " + d.substr(0, 8);
  } else if (m->code == "ID.SEX") {
    const auto g = m->claimed == "1" ? world::sex::male : world::sex::female;
    change = [g](world::citizen& c) { c.gender = g; };
    description = "GIOI_TINH → " + m->claimed;
  } else {
    return {409,
            "ID number " + m->claimed +
                " belongs to nobody in the register: the police cannot correct that; the "
                "facility must resubmit the record with the patient's number",
            *m};
  }
  const auto now = sb.clock.now();
  const auto effective = now + delay;
  if (!sb.world.schedule_change(m->so_dinh_danh, std::move(change), effective, description))
    return {409, "nobody in the register has " + m->so_dinh_danh, *m};
  m->status = "correction_pending";
  m->correction_requested_at = engine::format_iso8601_utc(now);
  m->correction_effective_at = engine::format_iso8601_utc(effective);
  m->correction_by = by;
  if (!journal_.update_mismatch(*m)) return {500, "the journal did not record the correction", *m};
  out.mismatch = *m;
  return out;
}

namespace {

std::string normalised_name(std::string_view s) {
  return core::fold_case_vi(core::collapse_spaces(core::compose_vi(s)));
}

bool ascii_only(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string sex_code(world::sex g) { return std::to_string(static_cast<int>(g)); }

}  // namespace

std::string portal_service::vaccination_record_id(std::string_view so_dinh_danh,
                                                  std::size_t index) {
  return "TIEMCHUNG-" + std::string(so_dinh_danh) + "-" + std::to_string(index + 1);
}

std::vector<crosscheck::identity_mismatch> portal_service::vaccination_mismatches(
    const world::citizen& c, std::size_t index, bool names_without_diacritics) {
  std::vector<crosscheck::identity_mismatch> out;
  if (index >= c.vaccinations.size()) return out;
  const world::vaccination& v = c.vaccinations[index];
  const world::recorded_identity& r = v.recorded;
  auto add = [&](std::string code, std::string field, std::string claimed, std::string registered) {
    crosscheck::identity_mismatch m;
    m.row = static_cast<int>(index + 1);
    m.ma_lk = "TIEM_CHUNG";
    m.code = std::move(code);
    m.field = std::move(field);
    m.claimed = std::move(claimed);
    m.registered = std::move(registered);
    m.so_dinh_danh = c.so_dinh_danh;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.date.year, v.date.month, v.date.day);
    m.visit_date = buf;
    out.push_back(std::move(m));
  };
  // The same comparisons as a claim's XML1 row (crosscheck.cpp): names case- and space-folded,
  // without diacritics accepted when the world allows it.
  if (r.so_dinh_danh && *r.so_dinh_danh != c.so_dinh_danh)
    add("ID.UNKNOWN", "SO_CCCD", *r.so_dinh_danh, "");
  if (r.ho_ten) {
    const auto sent = normalised_name(*r.ho_ten), registered = normalised_name(c.ho_ten);
    const bool same = sent == registered || (names_without_diacritics && ascii_only(sent) &&
                                             sent == crosscheck::strip_diacritics_vi(registered));
    if (!same) add("ID.NAME", "HO_TEN", *r.ho_ten, c.ho_ten);
  }
  if (r.date_of_birth) {
    const auto& d = *r.date_of_birth;
    const auto& dob = c.date_of_birth;
    if (d.year != dob.year || d.month != dob.month || d.day != dob.day)
      add("ID.DOB", "NGAY_SINH", d.to_yyyymmdd(), dob.to_yyyymmdd());
  }
  if (r.gender && c.gender != world::sex::unknown && *r.gender != c.gender)
    add("ID.SEX", "GIOI_TINH", sex_code(*r.gender), sex_code(c.gender));
  return out;
}

void portal_service::find_vaccination_mismatches(engine::sandbox& sb) {
  const auto base = sb.world.base_ptr();
  if (!base || !base->c06.vaccination_crosscheck) return;
  std::lock_guard lock(decide_mutex_);
  auto [it, fresh] = vaccinated_.try_emplace(base.get());
  if (fresh) {
    for (const auto& c : base->citizens())
      if (!c.vaccinations.empty()) it->second.push_back(c.so_dinh_danh);
    std::sort(it->second.begin(), it->second.end());
  }
  const std::string now = engine::format_iso8601_utc(sb.clock.now());
  const auto check = [&](const std::string& id) {
    // The register as the sandbox holds it now (a police correction changes it).
    const world::citizen* c = sb.world.find_citizen(id);
    if (!c) return;
    for (std::size_t i = 0; i < c->vaccinations.size(); ++i) {
      const auto found = vaccination_mismatches(*c, i, base->c06.names_without_diacritics);
      if (found.empty()) continue;
      engine::mismatch_filter f;
      f.ma_giao_dich = vaccination_record_id(c->so_dinh_danh, i);
      if (!journal_.mismatches(sb.name, f).empty()) continue;  // listed once per record
      for (const auto& m : found) {
        journal_.record_mismatch(open_row(sb, f.ma_giao_dich, "", m, now));
      }
    }
  };
  // The base world's vaccinated citizens, then those the sandbox itself added or replaced (an
  // admin upsert may bring vaccination records the base world does not have).
  for (const auto& id : it->second) check(id);
  for (const world::citizen* c : sb.world.own_citizens())
    if (!c->vaccinations.empty() &&
        !std::binary_search(it->second.begin(), it->second.end(), c->so_dinh_danh))
      check(c->so_dinh_danh);
}

}  // namespace sim::services::portal
