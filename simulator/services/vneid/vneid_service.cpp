#include "simulator/services/vneid/vneid_service.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "simulator/core/random.hpp"
#include "simulator/services/vneid/health_book.hpp"

namespace sim::services::vneid {
namespace {

using ojson = nlohmann::ordered_json;

std::uint64_t hash_text(std::uint64_t h, std::string_view text) {
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return h;
}

std::optional<engine::sys_time> parse_time(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return engine::parse_iso8601(s);
}

// Chain order (QĐ 2733 PL01 Đ5): the first link that broke is the reason.
reason_category rejection_category(const std::string& findings_json) {
  const auto f = nlohmann::json::parse(findings_json, nullptr, false);
  bool sig = false, content = false, card = false, id = false;
  if (f.is_array()) {
    for (const auto& x : f) {
      if (!x.is_object() || x.value("severity", "error") != "error") continue;
      const std::string code = x.value("code", "");
      if (code.starts_with("SIG."))
        sig = true;
      else if (code.starts_with("ID."))
        id = true;
      else if (code.starts_with("CARD."))
        card = true;
      else
        content = true;
    }
  }
  if (sig) return reason_category::signature;
  if (content || (!card && !id)) return reason_category::content;
  if (card) return reason_category::card;
  return reason_category::identity;
}

std::string detail_of(reason_category c) {
  switch (c) {
    case reason_category::not_sent:
      return "Cơ sở KCB chưa gửi hồ sơ (chỉ có bản check-in XML0).";
    case reason_category::verdict_pending:
      return "Cổng giám định BHYT chưa có kết quả tiếp nhận.";
    case reason_category::signature:
      return "Hồ sơ bị từ chối do chữ ký số (chứng thư chưa đăng ký, hết hạn hoặc không hợp lệ).";
    case reason_category::content:
      return "Hồ sơ bị từ chối do nội dung dữ liệu XML.";
    case reason_category::card:
      return "Hồ sơ bị từ chối do thẻ BHYT không hợp lệ trong ngày khám.";
    case reason_category::identity:
      return "Thông tin nhân thân sai lệch với CSDL quốc gia về dân cư.";
    case reason_category::account:
      return "Tài khoản VNeID của công dân chưa đủ điều kiện.";
    case reason_category::within_latency:
      return "Đủ điều kiện; đang chờ BHXH trích xuất lên VNeID.";
    case reason_category::shown:
      return "Đã hiển thị trên Sổ sức khỏe điện tử VNeID.";
    case reason_category::failed:
      return "BHXH trích xuất không thành công: lượt khám không hiển thị.";
  }
  return {};
}

std::string reason_of(reason_category c) {
  switch (c) {
    case reason_category::verdict_pending:
      return "verdict";
    case reason_category::within_latency:
      return "latency";
    case reason_category::shown:
      return "";
    case reason_category::failed:
      return "fault";
    default:
      return std::string(to_string(c));
  }
}

// The display faults of the sandbox (scope endpoint "vneid").
std::vector<engine::fault_spec> display_faults(const engine::sandbox& sb) {
  std::vector<engine::fault_spec> out;
  for (auto& f : sb.faults.list()) {
    if (f.type.starts_with("display_") && f.scope.endpoint == "vneid") out.push_back(f);
  }
  return out;
}

std::vector<std::string> split_groups(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find(',', start);
    auto g = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!g.empty()) out.push_back(g);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string record_key(const std::string& ma_cskcb, const std::string& ma_lk) {
  return ma_cskcb + '\n' + ma_lk;
}

}  // namespace

std::string_view to_string(reason_category c) {
  switch (c) {
    case reason_category::not_sent:
      return "not_sent";
    case reason_category::verdict_pending:
      return "verdict_pending";
    case reason_category::signature:
      return "signature";
    case reason_category::content:
      return "content";
    case reason_category::card:
      return "card";
    case reason_category::identity:
      return "identity";
    case reason_category::account:
      return "account";
    case reason_category::within_latency:
      return "within_latency";
    case reason_category::shown:
      return "shown";
    case reason_category::failed:
      return "failed";
  }
  return "not_sent";
}

account_check check_account(const world::vneid_account& a, const world::vneid_behaviour& rules) {
  if (a.level == 0)
    return {false, "no_account", "Công dân chưa có tài khoản định danh điện tử VNeID."};
  if (rules.require_level2 && a.level < 2)
    return {false, "level",
            "Tài khoản VNeID mức độ " + std::to_string(a.level) +
                ": Sổ sức khỏe điện tử cần tài khoản định danh điện tử mức độ 2."};
  if (!rules.min_app_version.empty() &&
      world::compare_app_versions(a.app_version, rules.min_app_version) < 0)
    return {false, "app_version",
            "Ứng dụng VNeID phiên bản " + a.app_version + " cũ hơn " + rules.min_app_version +
                ", phiên bản đầu tiên có Sổ sức khỏe điện tử: cần cập nhật ứng dụng."};
  if (rules.require_bhyt_integration && !a.bhyt_integrated)
    return {false, "bhyt_not_integrated", "Công dân chưa tích hợp thẻ BHYT vào VNeID."};
  return {};
}

double draw_unit(std::uint64_t seed, std::string_view key, std::string_view salt) {
  std::uint64_t s = hash_text(hash_text(seed ^ 0xcbf29ce484222325ULL, key), salt);
  const std::uint64_t x = core::splitmix64(s);
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

std::chrono::seconds draw_latency(const world::display_latency& d, std::uint64_t seed,
                                  std::string_view key) {
  using std::chrono::seconds;
  switch (d.distribution) {
    case world::latency_distribution::fixed:
      return d.fixed;
    case world::latency_distribution::uniform: {
      const double u = draw_unit(seed, key, "latency");
      const auto span = static_cast<double>((d.max - d.min).count());
      return d.min + seconds(static_cast<std::int64_t>(u * (span + 1.0)));
    }
    case world::latency_distribution::log_normal:
      break;
  }
  // Box–Muller from two of our own uniforms (no std:: distributions: house style §7).
  const double u1 = 1.0 - draw_unit(seed, key, "latency-1");  // (0, 1]
  const double u2 = draw_unit(seed, key, "latency-2");
  const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  const double secs = static_cast<double>(d.median.count()) * std::exp(d.sigma * z);
  auto s = seconds(static_cast<std::int64_t>(std::llround(secs)));
  return std::clamp(s, d.min, d.max);
}

ojson to_json(const world::display_latency& d) {
  return {{"distribution", std::string(world::to_string(d.distribution))},
          {"fixed", world::format_world_duration(d.fixed)},
          {"min", world::format_world_duration(d.min)},
          {"max", world::format_world_duration(d.max)},
          {"median", world::format_world_duration(d.median)},
          {"sigma", d.sigma}};
}

std::optional<std::string> parse_latency(const nlohmann::json& j, world::display_latency& out) {
  if (!j.is_object()) return "display_latency must be an object";
  world::display_latency d = out;
  for (const auto& [key, val] : j.items()) {
    if (key == "distribution") {
      auto k = val.is_string() ? world::parse_latency_distribution(val.get<std::string>())
                               : std::nullopt;
      if (!k) return "display_latency.distribution must be one of fixed, uniform, log_normal";
      d.distribution = *k;
    } else if (key == "fixed" || key == "min" || key == "max" || key == "median") {
      auto v = val.is_string() ? world::parse_world_duration(val.get<std::string>()) : std::nullopt;
      if (!v)
        return "display_latency." + key +
               " must be an ISO-8601 duration from PT1S to P366D (e.g. \"PT4H\")";
      (key == "fixed" ? d.fixed : key == "min" ? d.min : key == "max" ? d.max : d.median) = *v;
    } else if (key == "sigma") {
      if (!val.is_number() || !(val.get<double>() >= 0.0 && val.get<double>() <= 5.0))
        return "display_latency.sigma must be a number from 0 to 5";
      d.sigma = val.get<double>();
    } else {
      return "display_latency: unknown key \"" + key + "\"";
    }
  }
  if (d.min > d.max) return "display_latency.min must not be greater than max";
  out = d;
  return std::nullopt;
}

vneid_service::vneid_service(engine::journal& journal, portal::portal_service& portal)
    : journal_(journal), portal_(portal) {}

display_settings vneid_service::settings(const engine::sandbox& sb) const {
  display_settings s;
  // The sandbox seed: the server's seed mixed with the sandbox name (as its fault stream is).
  s.seed = hash_text(portal_.settings().seed ^ 0x9e3779b97f4a7c15ULL, sb.name);
  s.latency = sb.world.base().vneid.latency;
  if (auto text = journal_.vneid_settings(sb.name)) {
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_object()) {
      if (j.contains("display_latency") && !parse_latency(j["display_latency"], s.latency))
        s.overridden = true;
      if (j.contains("seed") && j["seed"].is_number_unsigned()) {
        s.seed = j["seed"].get<std::uint64_t>();
        s.overridden = true;
      }
    }
  }
  return s;
}

std::optional<std::string> vneid_service::set_settings(const engine::sandbox& sb,
                                                       const nlohmann::json& body) {
  if (!body.is_object() || body.empty())
    return "body must be {\"display_latency\": {...}, \"seed\": N} (either or both)";
  nlohmann::json stored = nlohmann::json::object();
  if (auto text = journal_.vneid_settings(sb.name)) {
    stored = nlohmann::json::parse(*text, nullptr, false);
    if (!stored.is_object()) stored = nlohmann::json::object();
  }
  for (const auto& [key, val] : body.items()) {
    if (key == "display_latency") {
      world::display_latency d = settings(sb).latency;
      if (auto err = parse_latency(val, d)) return err;
      stored["display_latency"] = to_json(d);
    } else if (key == "seed") {
      if (!val.is_number_unsigned()) return "seed must be a non-negative integer";
      stored["seed"] = val;
    } else {
      return "unknown key \"" + key + "\" (display_latency, seed)";
    }
  }
  if (!journal_.set_vneid_settings(sb.name, stored.dump())) return "the journal refused the write";
  return std::nullopt;
}

void vneid_service::update(engine::sandbox& sb) { run(sb, false); }

std::vector<visit_status> vneid_service::visits(engine::sandbox& sb) { return run(sb, true); }

std::vector<engine::display_record> vneid_service::displays(engine::sandbox& sb,
                                                            const engine::display_filter& f) {
  run(sb, false);
  return journal_.displays(sb.name, f);
}

namespace {

// The display pipeline's in-memory view of one sandbox of one journal: every claim and check-in
// seen (without files) with its display row, so that an update re-evaluates only what can have
// changed instead of re-reading every submission and row (bench/display_bench, issue 11).
struct entry {
  engine::submission_record s;  // file empty
  engine::display_record r;
  bool stored = false;  // the journal has the row
  // r.scheduled_at parsed once (the hourly passes compare it with the clock for every scheduled
  // visit; parsing the text each time was most of their own work).
  std::optional<engine::sys_time> due;
};
struct sandbox_cache {
  std::uint64_t journal_instance = 0;
  std::int64_t last_id = 0;  // the newest submission seen
  std::string last_giao_dich;
  std::deque<entry> entries;  // submission id order (a deque: growing never moves the entries)
  std::unordered_map<std::string, std::vector<std::size_t>> by_key;  // claims per record key
  std::unordered_set<std::string> claimed;                  // record keys with a claim
  std::unordered_map<std::string, std::string> first_received;  // record key → first receipt
  std::vector<std::size_t> live;  // entries whose state can still change
};

// Keyed by (journal instance, sandbox name); guarded by the update mutex in run().
std::map<std::pair<std::uint64_t, std::string>, sandbox_cache>& caches() {
  static std::map<std::pair<std::uint64_t, std::string>, sandbox_cache> c;
  return c;
}

// Rows that no input can change again: shown and failed stay (what the citizen saw), a replaced
// record stays replaced (replaced_by is never cleared), a check-in with a claim stays "sent".
bool is_final(const entry& e) {
  return e.r.state == "shown" || e.r.state == "failed" || e.r.state == "replaced" ||
         e.r.state == "sent";
}

// `s` without its file (the view keeps no files).
engine::submission_record without_file(const engine::submission_record& s) {
  engine::submission_record out;
  out.id = s.id;
  out.sandbox = s.sandbox;
  out.ma_giao_dich = s.ma_giao_dich;
  out.kind = s.kind;
  out.standard = s.standard;
  out.ma_cskcb = s.ma_cskcb;
  out.ma_lk = s.ma_lk;
  out.received_at = s.received_at;
  out.file_sha256 = s.file_sha256;
  out.verdict = s.verdict;
  out.decided_at = s.decided_at;
  out.findings_json = s.findings_json;
  out.replaced_by = s.replaced_by;
  return out;
}

// A claim whose verdict can still change (pending, or rejected: a police correction re-judges).
bool verdict_open(const engine::submission_record& s) {
  return s.kind == "claim" && s.replaced_by.empty() && s.verdict != "accepted";
}

}  // namespace

std::vector<visit_status> vneid_service::run(engine::sandbox& sb, bool all) {
  // One update at a time: two concurrent queries would otherwise race on the same rows (and the
  // caches).
  static std::mutex update_mutex;
  std::lock_guard lock(update_mutex);
  portal_.decide_due(sb);
  const auto now = sb.clock.now();
  const std::string now_text = engine::format_iso8601_utc(now);
  const auto cfg = settings(sb);
  const auto rules = sb.world.base().vneid;
  const auto faults = display_faults(sb);

  auto& cache = caches()[{journal_.instance(), sb.name}];
  if (cache.journal_instance != 0) {
    // A journal clear (admin reset, sandbox deletion) removes the rows; submission ids are
    // AUTOINCREMENT, so the newest one seen is gone or has another id afterwards.
    const auto last = journal_.submission(sb.name, cache.last_giao_dich);
    if (!last || last->id != cache.last_id) cache = {};
  }
  const bool cold = cache.journal_instance == 0;
  cache.journal_instance = journal_.instance();
  // A cold cache starts from the journal's rows (a restarted server keeps its states).
  std::unordered_map<std::string, engine::display_record> stored_rows;
  if (cold) {
    for (auto& r : journal_.displays(sb.name)) {
      auto gd = r.ma_giao_dich;
      stored_rows.emplace(std::move(gd), std::move(r));
    }
  }

  std::unordered_set<std::string> dirty_keys;  // records whose older claims may have been replaced
  // Live entries (in index order), then the new ones: each once, in submission order.
  std::vector<std::size_t> to_evaluate;
  auto queue = [&](std::size_t i) { to_evaluate.push_back(i); };

  // Verdicts that can have changed since the last update (decide_due, police corrections).
  for (const auto i : cache.live) {
    auto& e = cache.entries[i];
    if (verdict_open(e.s)) {
      if (auto fresh = journal_.submission(sb.name, e.s.ma_giao_dich)) {
        if (fresh->verdict != e.s.verdict || fresh->decided_at != e.s.decided_at ||
            fresh->replaced_by != e.s.replaced_by) {
          fresh->file.clear();
          e.s = std::move(*fresh);
          dirty_keys.insert(record_key(e.s.ma_cskcb, e.s.ma_lk));
        }
      }
    }
    queue(i);
  }

  // New submissions, each read with its XML once (SO_CCCD, NGAY_VAO, NGAY_RA kept in the row):
  // a claim's XML1 alone is decoded, from the page that lists it.
  journal_.for_each_submission_after(
      sb.name, cache.last_id,
      [&](const engine::submission_record& s) {
        cache.last_id = s.id;
        cache.last_giao_dich = s.ma_giao_dich;
        if (s.kind != "claim" && s.kind != "checkin") return;
        const auto key = record_key(s.ma_cskcb, s.ma_lk);
        entry e;
        e.s = without_file(s);
        if (auto it = stored_rows.find(s.ma_giao_dich); it != stored_rows.end()) {
          e.r = std::move(it->second);
          e.stored = true;
        } else {
          auto& r = e.r;
          r.sandbox = sb.name;
          r.ma_giao_dich = s.ma_giao_dich;
          r.ma_cskcb = s.ma_cskcb;
          r.ma_lk = s.ma_lk;
          r.received_at = s.received_at;
          r.faults = "[]";
          if (s.kind == "claim") {
            if (auto v = extract_visit_identity(s.file, s.standard)) {
              r.so_dinh_danh = std::move(v->so_cccd);
              r.ngay_vao = std::move(v->ngay_vao);
              r.ngay_ra = std::move(v->ngay_ra);
            }
          } else if (auto id = standard::parse_standard(s.standard)) {
            const auto d = standard::decode(s.file, standard::get_standard(*id));
            if (d.kind == standard::file_kind::checkin && !d.checkin.xml0.rows.empty()) {
              const auto& x0 = d.checkin.xml0.rows.front();
              r.so_dinh_danh = x0.value_or_empty("SO_CCCD");
              r.ngay_vao = x0.value_or_empty("NGAY_VAO");
            }
          }
        }
        const auto i = cache.entries.size();
        if (s.kind == "claim") {
          if (cache.claimed.insert(key).second) dirty_keys.insert(key);  // check-ins now "sent"
          cache.first_received.emplace(key, s.received_at);
          cache.by_key[key].push_back(i);
          if (!s.verdict.empty()) dirty_keys.insert(key);
        }
        cache.entries.push_back(std::move(e));
        queue(i);
      },
      /*with_files=*/true);

  // A claim judged (or re-judged) may have replaced older claims of its record; a record's
  // first claim turns its check-ins into "sent".
  if (!dirty_keys.empty()) {
    for (const auto i : cache.live) {
      auto& e = cache.entries[i];
      const auto key = record_key(e.s.ma_cskcb, e.s.ma_lk);
      if (!dirty_keys.count(key)) continue;
      if (e.s.kind == "claim" && e.s.replaced_by.empty()) {
        if (auto fresh = journal_.submission(sb.name, e.s.ma_giao_dich)) {
          fresh->file.clear();
          e.s = std::move(*fresh);
        }
      }
    }
  }

  std::vector<std::size_t> order;
  if (all) {
    order.resize(cache.entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  } else {
    order = std::move(to_evaluate);
  }

  // The changed rows, written a batch at a time (the rows are derived data: a failed write only
  // makes the next update start again from the journal). Each row is lent to the write, then
  // given back to its entry, so no row is copied.
  std::vector<engine::display_record> changed;
  std::vector<std::size_t> changed_at;  // the entry each changed row belongs to
  bool written = true;
  auto write_changed = [&] {
    if (written && !changed.empty()) written = journal_.upsert_displays(changed);
    for (std::size_t k = 0; k < changed.size(); ++k)
      cache.entries[changed_at[k]].r = std::move(changed[k]);
    changed.clear();
    changed_at.clear();
  };
  std::vector<visit_status> out;
  if (all) out.reserve(order.size());
  std::vector<std::size_t> live;
  std::unordered_map<std::string, bool> account_ok;  // per pass: SO_CCCD → the book is allowed
  auto allows = [&](const std::string& so_dinh_danh) {
    auto [it, fresh] = account_ok.emplace(so_dinh_danh, false);
    if (fresh) {
      const world::citizen* c = sb.world.find_citizen(so_dinh_danh);
      bool ok = c && check_account(c->vneid, rules).ok;
      if (c && !ok && !c->guardian_id.empty()) {
        const auto* g = sb.world.find_citizen(c->guardian_id);
        ok = g && check_account(g->vneid, rules).ok;
      }
      it->second = ok;
    }
    return it->second;
  };
  for (const auto idx : order) {
    auto& e = cache.entries[idx];
    const auto& s = e.s;
    auto& r = e.r;
    // Fast path: a scheduled visit not yet due whose account still allows the book is
    // unchanged (the full evaluation below would write the same row).
    if (!all && r.state == "scheduled" && s.kind == "claim" && s.replaced_by.empty() &&
        s.verdict == "accepted" && !r.eligible_at.empty() && e.stored) {
      if (!e.due) e.due = parse_time(r.scheduled_at);  // a row read back from the journal
      if (e.due && now < *e.due && allows(r.so_dinh_danh)) {
        live.push_back(idx);
        continue;
      }
    }
    const auto key = record_key(s.ma_cskcb, s.ma_lk);
    // The columns whose change makes the row worth writing (the others follow from them).
    const std::string before[] = {r.state,       r.reason,       r.detail,
                                  r.eligible_at, r.scheduled_at, r.so_dinh_danh};
    const std::string& before_reason = before[1];

    // The answer for visits() (update() answers nothing and skips the parsing).
    visit_status v;
    if (all) {
      v.ma_giao_dich = s.ma_giao_dich;
      v.kind = s.kind;
      v.ma_cskcb = s.ma_cskcb;
      v.ma_lk = s.ma_lk;
      v.so_dinh_danh = r.so_dinh_danh;
      v.ngay_vao = core::parse_date_or_datetime(r.ngay_vao);
      v.ngay_ra = core::parse_date_or_datetime(r.ngay_ra);
      v.received_at = parse_time(s.received_at);
      v.verdict = s.verdict;
    }
    bool listed = true;

    auto set = [&](std::string state, reason_category c) {
      r.state = std::move(state);
      r.reason = reason_of(c);
      r.detail = detail_of(c);
      v.category = c;
    };

    if (s.kind == "checkin") {
      // A check-in stands for its visit only while no claim carries it.
      if (cache.claimed.count(key)) {
        r.state = "sent";
        r.reason.clear();
        r.detail = "Đã có hồ sơ đề nghị thanh toán cho lượt khám này.";
        listed = false;
      } else {
        set("not_sent", reason_category::not_sent);
        v.verdict.clear();
      }
    } else if (r.state == "shown" || r.state == "failed") {
      // Final: what the citizen saw stays as it was.
      v.category = r.state == "shown" ? reason_category::shown : reason_category::failed;
    } else if (!s.replaced_by.empty()) {
      r.state = "replaced";
      r.reason = "replaced";
      r.detail = "Hồ sơ đã được thay thế bởi hồ sơ gửi lại " + s.replaced_by + ".";
      listed = false;
    } else if (s.verdict.empty()) {
      set("waiting", reason_category::verdict_pending);
    } else if (s.verdict != "accepted") {
      set("waiting", rejection_category(s.findings_json));
      r.eligible_at.clear();
    } else {
      const world::citizen* c = sb.world.find_citizen(r.so_dinh_danh);
      account_check acc;
      if (!c) {
        acc = {false, "no_account", "Không tìm thấy công dân trong CSDL quốc gia về dân cư."};
      } else {
        acc = check_account(c->vneid, rules);
        // A dependent's book is managed through the guardian's account (QĐ 2733 PL01 Đ7 k3;
        // NĐ 69 Đ14 k2): the visit displays when the guardian's account allows it [I].
        if (!acc.ok && !c->guardian_id.empty()) {
          if (const auto* g = sb.world.find_citizen(c->guardian_id)) {
            if (check_account(g->vneid, rules).ok) acc = {};
          }
        }
      }
      if (!acc.ok) {
        set("waiting", reason_category::account);
        r.detail = acc.detail_vi;
        r.eligible_at.clear();
      } else {
        if (r.eligible_at.empty()) {
          // Every link holds from the verdict; when the account was the missing link, from
          // this first look after it was put right (the register keeps no history of it).
          const bool was_account = before_reason == "account";
          r.eligible_at = was_account ? now_text : s.decided_at;
          const auto eligible = parse_time(r.eligible_at).value_or(now);
          auto latency = draw_latency(cfg.latency, cfg.seed, s.ma_giao_dich);
          nlohmann::json fired = nlohmann::json::array();
          bool never = false;
          for (const auto& f : faults) {
            if (!f.scope.facility.empty() && f.scope.facility != s.ma_cskcb) continue;
            if (draw_unit(cfg.seed, s.ma_giao_dich, f.id) >= f.probability) continue;
            nlohmann::json fe = {{"id", f.id}, {"type", f.type}};
            if (f.type == "display_late") {
              auto it2 = f.attributes.find("delay");
              latency =
                  it2 == f.attributes.end()
                      ? std::chrono::hours(48)
                      : world::parse_world_duration(it2->second).value_or(std::chrono::hours(48));
            } else if (f.type == "display_never") {
              never = true;
            } else if (f.type == "display_partial") {
              auto it2 = f.attributes.find("groups");
              fe["groups"] = split_groups(it2 == f.attributes.end() ? "cls,tom_tat" : it2->second);
            }
            fired.push_back(std::move(fe));
          }
          r.faults = fired.dump();
          r.scheduled_at = engine::format_iso8601_utc(eligible + latency);
          if (never) r.detail = "never";
        }
        e.due = parse_time(r.scheduled_at);
        const auto due = e.due.value_or(now);
        const bool never = r.faults.find("\"display_never\"") != std::string::npos;
        if (now >= due) {
          if (never) {
            set("failed", reason_category::failed);
            r.failed_at = r.scheduled_at;
          } else {
            set("shown", reason_category::shown);
            r.shown_at = r.scheduled_at;
          }
        } else {
          set("scheduled", reason_category::within_latency);
        }
      }
    }
    if (all) {
      if (r.state == "shown" || r.state == "failed" || r.state == "scheduled") {
        v.eligible_at = parse_time(r.eligible_at);
        v.scheduled_at = parse_time(r.scheduled_at);
        v.shown_at = parse_time(r.shown_at);
      }
      v.state = r.state;
      if (auto fr = cache.first_received.find(key); fr != cache.first_received.end())
        v.first_received_at = parse_time(fr->second);
      else
        v.first_received_at = v.received_at;
    }
    if (!is_final(e)) live.push_back(idx);
    if (r.state != before[0] || r.reason != before[1] || r.detail != before[2] ||
        r.eligible_at != before[3] || r.scheduled_at != before[4] || r.so_dinh_danh != before[5] ||
        !e.stored) {
      r.updated_at = now_text;
      e.stored = true;
      changed.push_back(std::move(r));
      changed_at.push_back(idx);
      if (changed.size() == 4096) write_changed();
    }
    if (all && listed) out.push_back(std::move(v));
  }
  write_changed();
  cache.live = std::move(live);
  if (!written) cache = {};  // re-derived from the journal next time
  return out;
}

vneid_service::book_result vneid_service::book(engine::sandbox& sb, const std::string& so_dinh_danh,
                                               const std::string& viewer) {
  book_result res;
  auto refuse = [&](int status, std::string reason, std::string message) {
    res.status = status;
    res.body = {{"error", std::move(message)}, {"ly_do", std::move(reason)}};
    return res;
  };
  if (viewer.empty())
    return refuse(400, "viewer", "Thiếu tham số viewer: số định danh của người mở sổ.");
  const world::citizen* c = sb.world.find_citizen(so_dinh_danh);
  if (!c)
    return refuse(404, "unknown", "Không có công dân mang số định danh " + so_dinh_danh + ".");
  const world::citizen* v = sb.world.find_citizen(viewer);
  if (!v)
    return refuse(403, "unknown_viewer", "Người xem " + viewer + " không có trong CSDL dân cư.");
  const auto rules = sb.world.base().vneid;
  std::string role;
  // QĐ 2733 PL01 Đ7: the citizen, or a guardian / legal representative of a dependent (k3).
  if (v->so_dinh_danh == c->so_dinh_danh) {
    role = "chinh_chu";
  } else if (!c->guardian_id.empty() && sb.world.find_citizen(c->guardian_id) == v) {
    role = "nguoi_giam_ho";
  } else {
    return refuse(403, "not_representative",
                  "Chỉ công dân hoặc người giám hộ, người đại diện hợp pháp mới được xem Sổ sức "
                  "khỏe điện tử của " +
                      c->ho_ten + ".");
  }
  const auto acc = check_account(v->vneid, rules);
  if (!acc.ok) return refuse(403, acc.reason, acc.detail_vi);

  const auto rows = displays(sb, {.so_dinh_danh = c->so_dinh_danh});
  const world::citizen* guardian =
      c->guardian_id.empty() ? nullptr : sb.world.find_citizen(c->guardian_id);
  const auto& w = sb.world.base();
  ojson visits = ojson::array();
  std::vector<std::string> diseases;
  std::map<std::string, const engine::display_record*> by_record;
  for (const auto& r : rows) {
    if (r.state != "shown") continue;
    by_record[record_key(r.ma_cskcb, r.ma_lk)] = &r;  // a later correction replaces the entry
  }
  std::vector<const engine::display_record*> shown;
  for (const auto& [k, r] : by_record) shown.push_back(r);
  std::sort(shown.begin(), shown.end(),
            [](const auto* a, const auto* b) { return a->ngay_vao > b->ngay_vao; });  // newest
  for (const auto* r : shown) {
    auto s = journal_.submission(sb.name, r->ma_giao_dich);
    if (!s) continue;
    auto t = extract_visit(s->file, s->standard);
    if (!t) continue;
    std::vector<std::string> missing;
    int copies = 1;
    const auto f = nlohmann::json::parse(r->faults, nullptr, false);
    if (f.is_array()) {
      for (const auto& e : f) {
        if (e.value("type", "") == "display_partial" && e.contains("groups"))
          for (const auto& g : e["groups"]) missing.push_back(g.get<std::string>());
        if (e.value("type", "") == "display_duplicate") copies = 2;
      }
    }
    auto j = visit_json(*t, *sb.world.base_ptr(), missing);
    j["maGiaoDich"] = r->ma_giao_dich;
    j["hien_thi_luc"] = r->shown_at;
    const std::string main = t->field("MA_BENH_CHINH");
    if (!main.empty() && std::find(diseases.begin(), diseases.end(), main) == diseases.end())
      diseases.push_back(main);
    for (int i = 0; i < copies; ++i) visits.push_back(j);
  }
  ojson b;
  b["so_dinh_danh"] = c->so_dinh_danh;
  b["nguoi_xem"] = {{"so_dinh_danh", v->so_dinh_danh}, {"ho_ten", v->ho_ten}, {"vai_tro", role}};
  b["thoi_diem"] = engine::format_iso8601_utc(sb.clock.now());
  b["thong_tin_hanh_chinh"] = administrative_json(*c, guardian, w);
  b["tien_su"] = history_json(*c, diseases, w.c06.names_without_diacritics);
  b["dot_kham_chua_benh"] = std::move(visits);
  b["kham_suc_khoe"] = ksk_entries(journal_, sb.name, c->so_dinh_danh, w);  // accepted KSK
  res.body = std::move(b);
  return res;
}

}  // namespace sim::services::vneid
