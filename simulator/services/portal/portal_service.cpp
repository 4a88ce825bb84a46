#include "simulator/services/portal/portal_service.hpp"

#include <nlohmann/json.hpp>

#include "simulator/core/base64.hpp"
#include "simulator/core/form.hpp"
#include "simulator/crosscheck/crosscheck.hpp"
#include "simulator/engine/exchange.hpp"
#include "simulator/rules/finding_json.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/services/portal/certificate.hpp"
#include "simulator/services/portal/detail/wire.hpp"
#include "simulator/signature/verifier.hpp"
#include "simulator/signature/world_checks.hpp"
#include "simulator/signature/world_trust.hpp"
#include "simulator/standard/envelope.hpp"

namespace sim::services::portal {
namespace {

using json = nlohmann::json;
using detail::json_response;
using detail::password_matches;
using detail::receipt_time;

// "2017-11-13T03:51:20.1047187Z": the gateway writes 7 fractional digits (spec §3.2 sample).
std::string expires_text(engine::sys_time t) {
  auto base = engine::format_iso8601_utc(t);
  const auto frac = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch() %
                                                                         std::chrono::seconds(1))
                        .count() /
                    100;
  char buf[32];
  std::snprintf(buf, sizeof buf, ".%07lld", static_cast<long long>(frac));
  base.insert(base.size() - 1, buf);
  return base;
}

json answer(std::string_view code, std::string_view message) {
  return {{"maKetQua", std::string(code)},
          {"maGiaoDich", ""},
          {"thoiGianTiepNhan", ""},
          {"thongDiep", std::string(message)}};
}

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The submission's facility, for fault scopes: the maCSKCB form field (maCskcb in PL02
// certificate requests) if readable.
std::string facility_of(const core::http_request& request) {
  for (std::string_view name : {"maCSKCB=", "maCskcb="}) {
    auto pos = request.body.find(name);
    // Only at the start of a field, so that a value containing "maCSKCB=" is not taken.
    while (pos != std::string::npos && pos != 0 && request.body[pos - 1] != '&')
      pos = request.body.find(name, pos + 1);
    if (pos == std::string::npos) continue;
    const auto start = pos + name.size();
    const auto end = request.body.find('&', start);
    return request.body.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }
  return {};
}

}  // namespace

portal_service::portal_service(engine::journal& journal, portal_settings settings)
    : journal_(journal),
      settings_(std::move(settings)),
      cards_(journal),
      rng_state_(settings_.seed) {}

std::string_view portal_service::endpoint_of(std::string_view path) {
  if (path == "/api/token/take") return "token";
  if (path.starts_with("/api/qd130/checkInKcbQd")) return "checkin";
  if (path.starts_with("/api/qd130/guiHoSoXmlQD")) return "claim";
  if (path == "/api/egw/KQNhanLichSuKCB2024" || path == "/api/egw/Lskcb2025") return "card";
  if (path == k_certificate_2025_path || path == k_health_paper_path) return "certificate";
  return "";
}

core::http_response portal_service::handle(const core::http_request& request, std::string_view path,
                                           engine::sandbox& sb) {
  const auto started = std::chrono::steady_clock::now();
  const auto received = sb.clock.now();
  const auto endpoint = endpoint_of(path);
  engine::fault_effect effect = sb.faults.evaluate(endpoint, facility_of(request));
  std::string ma_giao_dich;
  core::http_response response;
  if (effect.expire_tokens) {
    std::lock_guard lock(mutex_);
    for (auto& [key, t] : tokens_) {
      if (key.starts_with(sb.name + "\n")) t.expires = received;
    }
  }
  if (effect.http_status) {
    response = engine::outage_response(effect);
  } else if (!effect.ma_ket_qua.empty()) {
    response = endpoint == "certificate"
                   ? detail::certificate_answer(200, effect.ma_ket_qua, "Lỗi server")
                   : json_response(200, answer(effect.ma_ket_qua, "Lỗi hệ thống"));
  } else {
    response = route(request, path, sb, effect, ma_giao_dich);
  }
  response.delay += effect.delay;
  if (effect.reset_connection || (effect.lose_response && !ma_giao_dich.empty()))
    response.reset_connection = true;

  engine::exchange_record e = engine::journal_entry(
      {.sandbox = sb.name, .endpoint = endpoint, .received = received,
       .real_now = std::chrono::system_clock::now(), .started = started},
      request, response, effect);
  e.ma_giao_dich = ma_giao_dich;
  if (!journal_.record_exchange(std::move(e)) && !response.reset_connection) {
    // The journal is what tests and reports trust: an exchange it cannot hold is not answered
    // as a success.
    return endpoint == "certificate"
               ? detail::certificate_answer(200, "500", "Lỗi server: không ghi được nhật ký")
               : json_response(200, answer("500", "Lỗi hệ thống: không ghi được nhật ký"));
  }
  return response;
}

core::http_response portal_service::route(const core::http_request& request, std::string_view path,
                                          engine::sandbox& sb, engine::fault_effect& effect,
                                          std::string& ma_giao_dich) {
  if (path == "/api/token/take") {
    if (request.method != "POST") return json_response(405, answer("405", "Chỉ nhận POST"));
    return token_take(request, sb);
  }
  if (path == "/api/egw/KQNhanLichSuKCB2024" || path == "/api/egw/Lskcb2025") {
    if (request.method != "POST") return json_response(405, answer("405", "Chỉ nhận POST"));
    decide_due(sb);  // the history shows verdicts that are due
    return cards_.handle(request, sb, path == "/api/egw/Lskcb2025");
  }
  // Spec §3.3: one check-in and one claim endpoint per standard.
  for (std::string_view standard : {"130", "4750", "3176"}) {
    const bool checkin = path == "/api/qd130/checkInKcbQd" + std::string(standard);
    const bool claim = path == "/api/qd130/guiHoSoXmlQD" + std::string(standard);
    if (!checkin && !claim) continue;
    if (request.method != "POST") return json_response(405, answer("405", "Chỉ nhận POST"));
    return submit(request, checkin ? "checkin" : "claim", standard, sb, effect, ma_giao_dich);
  }
  if (path == k_certificate_2025_path || path == k_health_paper_path) {
    if (request.method != "POST") return json_response(405, answer("405", "Chỉ nhận POST"));
    static constexpr std::string_view chung_tu[] = {"39"};
    static constexpr std::string_view giay_to[] = {"60", "61"};
    return submit_certificate(request,
                              path == k_certificate_2025_path
                                  ? std::span<const std::string_view>(chung_tu)
                                  : std::span<const std::string_view>(giay_to),
                              sb, effect, ma_giao_dich);
  }
  return json_response(404, answer("404", "Không tìm thấy đường dẫn " + std::string(path)));
}

core::http_response portal_service::token_take(const core::http_request& request,
                                               engine::sandbox& sb) {
  const world::portal_behaviour& behaviour = sb.world.base().portal;
  std::string username, password;
  const std::string* ctype = request.header("Content-Type");
  const bool is_json = ctype && ctype->find("json") != std::string::npos;
  if (is_json) {
    auto body = json::parse(request.body, nullptr, false);
    if (!behaviour.accept_json_login || body.is_discarded() || !body.is_object())
      return json_response(200, answer("401", "Sai định dạng yêu cầu đăng nhập"));
    if (body.contains("username") && body["username"].is_string()) username = body["username"];
    if (body.contains("password") && body["password"].is_string()) password = body["password"];
  } else {
    auto form = core::parse_form(request.body);
    if (!form) return json_response(200, answer("401", "Sai định dạng yêu cầu đăng nhập"));
    if (auto* u = core::form_value(*form, "username")) username = *u;
    if (auto* p = core::form_value(*form, "password")) password = *p;
  }
  const world::portal_account* account = nullptr;
  const world::facility* facility = sb.world.find_account(username, &account);
  if (!account || !password_matches(password, account->password, behaviour.accept_lowercase_md5))
    return json_response(
        200, {{"maKetQua", "401"}, {"thongDiep", "Tài khoản không tồn tại hoặc sai mật khẩu"}});
  // 403 "account locked" and 402 "wrong CSKCB code" (spec §3.2 table). Reading of 402
  // (assumption, docs/portal.md): a username of the form <MA_CSKCB>_BV whose MA_CSKCB is not
  // the facility the account is registered under.
  if (account->locked)
    return json_response(200, {{"maKetQua", "403"}, {"thongDiep", "Tài khoản đã bị khóa"}});
  if (username.size() == 8 && username.ends_with("_BV") &&
      username.compare(0, 5, facility->ma_cskcb) != 0)
    return json_response(200, {{"maKetQua", "402"},
                               {"thongDiep", "Sai mã cơ sở KCB: tài khoản " + username +
                                                 " thuộc cơ sở " + facility->ma_cskcb}});
  std::string access, id;
  const auto expires = sb.clock.now() + behaviour.token_lifetime;
  {
    std::lock_guard lock(mutex_);
    std::string raw(48, '\0');
    for (std::size_t i = 0; i < raw.size(); i += 8) {
      const auto v = splitmix64(rng_state_);
      for (std::size_t k = 0; k < 8; ++k) raw[i + k] = static_cast<char>((v >> (8 * k)) & 0xFF);
    }
    access = core::base64_encode(raw);
    const auto a = splitmix64(rng_state_), b = splitmix64(rng_state_);
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                  static_cast<unsigned long long>(a >> 32),
                  static_cast<unsigned long long>((a >> 16) & 0xFFFF),
                  static_cast<unsigned long long>(a & 0xFFF),
                  static_cast<unsigned long long>(0x8000 | ((b >> 48) & 0x3FFF)),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
    id = uuid;
    std::string key = sb.name + "\n" + access;
    tokens_[key] = {id, username, expires};
    token_order_.push_back(std::move(key));
    while (token_order_.size() > settings_.max_tokens) {
      tokens_.erase(token_order_.front());  // may be gone already (sandbox forgotten)
      token_order_.pop_front();
    }
  }
  return json_response(200, {{"maKetQua", "200"},
                             {"APIKey",
                              {{"access_token", access},
                               {"id_token", id},
                               {"token_type", "Bearer"},
                               {"username", username},
                               {"expires_in", expires_text(expires)}}}});
}

portal_service::token_state portal_service::check_token(const std::string& sandbox,
                                                        const std::string& access_token,
                                                        const std::string& id_token,
                                                        engine::sys_time now,
                                                        std::string* username) const {
  std::lock_guard lock(mutex_);
  auto it = tokens_.find(sandbox + "\n" + access_token);
  if (it == tokens_.end() || it->second.id_token != id_token) return token_state::unknown;
  if (username) *username = it->second.username;
  return now >= it->second.expires ? token_state::expired : token_state::valid;
}

void portal_service::forget(const std::string& sandbox) {
  std::lock_guard lock(mutex_);
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    it = it->first.starts_with(sandbox + "\n") ? tokens_.erase(it) : std::next(it);
  }
  last_giao_dich_.erase(sandbox);
}

core::http_response portal_service::submit(const core::http_request& request, std::string_view kind,
                                           std::string_view standard, engine::sandbox& sb,
                                           const engine::fault_effect& effect,
                                           std::string& ma_giao_dich) {
  const auto now = sb.clock.now();
  if (request.error == core::http_request::problem::body_too_large) {
    // Assumption (docs/portal.md): the claim endpoint's code for an oversized file is unknown;
    // 1001 is the "file too large" code of BHXH's sibling chứng từ service (spec §3.3).
    return json_response(413, answer("1001", "Dung lượng file vượt quá giới hạn cho phép"));
  }
  const std::string* access = request.header("accessToken");
  const std::string* id = request.header("tokenId");
  std::string username;
  const auto state = check_token(sb.name, access ? *access : "", id ? *id : "", now, &username);
  // The gateway's trap (spec §3.3): HTTP 200 with maKetQua 401 on an expired token.
  if (state == token_state::expired) return json_response(200, answer("401", "Token het han"));
  if (state == token_state::unknown)
    return json_response(200, answer("401", "Token không hợp lệ hoặc không tồn tại"));
  auto form = core::parse_form(request.body);
  if (!form) return json_response(200, answer("205", "Dữ liệu gửi lên không đúng định dạng form"));
  auto field = [&](std::string_view n) {
    const std::string* v = core::form_value(*form, n);
    return v ? *v : std::string();
  };
  const world::portal_account* account = nullptr;
  const world::facility* facility = sb.world.find_account(username, &account);
  const std::string* hash = request.header("passwordHash");
  if (!facility || !hash ||
      !password_matches(*hash, account->password, sb.world.base().portal.accept_lowercase_md5))
    return json_response(200, answer("401", "Sai thông tin xác thực (passwordHash)"));
  if (field("username") != username)
    return json_response(200, answer("401", "Tài khoản không khớp với token"));
  // A token issued before the account was locked is refused too (assumption, docs/portal.md).
  if (account->locked) return json_response(200, answer("403", "Tài khoản đã bị khóa"));
  if (field("maCSKCB") != facility->ma_cskcb) {
    // Assumption: a facility code the account does not belong to is "unauthorised" (403).
    return json_response(
        200, answer("403", "Tài khoản không có quyền gửi hồ sơ của cơ sở " + field("maCSKCB")));
  }
  const std::string expected_loai = kind == "checkin" ? "0" : "130";  // spec §3.3 loaiHoSo
  if (field("loaiHoSo") != expected_loai)
    return json_response(200, answer("205", "loaiHoSo phải là " + expected_loai));
  std::string file;
  if (auto err = core::base64_decode(field("fileHSBase64"), file, settings_.max_file_bytes)) {
    if (err->reason == "too large")
      return json_response(413, answer("1001", "Dung lượng file vượt quá giới hạn cho phép"));
    // Assumption: 205 is "invalid fileBase64Str" of the sibling chứng từ service (spec §3.3).
    return json_response(200, answer("205", "fileHSBase64 không phải base64 hợp lệ (vị trí " +
                                                std::to_string(err->offset) + ")"));
  }
  if (file.empty()) return json_response(200, answer("205", "fileHSBase64 rỗng"));

  // MA_LK for the results list; the full judgement comes later (asynchronous).
  std::string ma_lk;
  {
    const auto decoded =
        standard::decode(file, standard::get_standard(*standard::parse_standard(standard)));
    if (decoded.kind == standard::file_kind::claim && !decoded.claim.hosos.empty()) {
      if (auto* t = decoded.claim.hosos.front().table(standard::table_id::xml1);
          t && !t->rows.empty())
        ma_lk = t->rows.front().value_or_empty("MA_LK");
    } else if (decoded.kind == standard::file_kind::checkin && !decoded.checkin.xml0.rows.empty()) {
      ma_lk = decoded.checkin.xml0.rows.front().value_or_empty("MA_LK");
    }
  }
  engine::submission_record rec;
  const std::string answered_id = next_transaction_id(
      sb.name, "", facility->ma_cskcb, now, effect.repeat_transaction_id, &rec.ma_giao_dich);
  rec.sandbox = sb.name;
  rec.kind = std::string(kind);
  rec.standard = std::string(standard);
  rec.ma_cskcb = facility->ma_cskcb;
  rec.ma_lk = ma_lk;
  rec.received_at = engine::format_iso8601_utc(now);
  rec.file_sha256 = core::sha256_hex(file);
  rec.file = std::move(file);
  if (!journal_.record_submission(rec))
    return json_response(200, answer("500", "Lỗi hệ thống: chưa ghi nhận được hồ sơ"));
  ma_giao_dich = rec.ma_giao_dich;
  return json_response(200, {{"maKetQua", "200"},
                             {"maGiaoDich", answered_id},
                             {"thoiGianTiepNhan", receipt_time(now)},
                             {"thongDiep", "Tiếp nhận thành công"}});
}

std::string portal_service::next_transaction_id(const std::string& sandbox, std::string_view prefix,
                                                std::string_view ma_cskcb, engine::sys_time now,
                                                bool repeat_previous, std::string* recorded_id) {
  std::lock_guard lock(mutex_);
  char counter[24];
  std::snprintf(counter, sizeof counter, "%06llu",
                static_cast<unsigned long long>(next_transaction_++));
  *recorded_id = std::string(prefix) + std::string(ma_cskcb) + receipt_time(now) + counter;
  auto& last = last_giao_dich_[sandbox];
  std::string answered = repeat_previous && !last.empty() ? last : *recorded_id;
  last = *recorded_id;
  return answered;
}

std::shared_ptr<const signature::verifier> portal_service::verifier_for(const engine::sandbox& sb) {
  const std::uint64_t generation = sb.world.certificate_generation();
  auto& slot = verifiers_[sb.name];
  if (slot.v && slot.generation == generation) return slot.v;
  const auto trust = signature::trust_from_world(
      sb.world.base(), signature::bhxh_portal_profile(), sb.world.all_extra_certificates());
  try {
    slot.v = std::make_shared<const signature::verifier>(trust);
  } catch (const signature::trust_error&) {
    // The base world's CAs or CRLs do not parse: judge content only (the world loader checked
    // their markers; `validate` reports this case as a usage error).
    slot.v = nullptr;
  }
  slot.generation = generation;
  return slot.v;
}

portal_service::judgement portal_service::judge(engine::sandbox& sb,
                                                const engine::submission_record& s,
                                                engine::sys_time received) {
  const world::portal_behaviour& behaviour = sb.world.base().portal;
  judgement j;
  rules::validate_options opt;
  opt.standard = *standard::parse_standard(s.standard);
  opt.at = engine::to_vietnam_civil(received);
  opt.world = sb.world.base_ptr();
  signature::add_signature_checks(opt, verifier_for(sb), sb.world.base());
  opt.extra_catalogues.push_back(portal_catalogue());
  // Identity against the register (ID.*, CARD.*), after the content and signature checks;
  // the sandbox's overlay as it is now, so that citizens added through the admin API and the
  // register corrections that took effect count.
  auto mismatches = std::make_shared<std::vector<crosscheck::identity_mismatch>>();
  if (s.kind == "claim") crosscheck::add_crosscheck(opt, register_view_of(sb), mismatches);
  j.report = rules::validate_file(s.file, opt);
  // Duplicates and replacement of the same record (assumption, docs/portal.md): only a file
  // that passes on its own can duplicate or replace an earlier submission.
  if (s.kind == "claim" && !s.ma_lk.empty() && j.report.accepted) {
    for (const auto& earlier : journal_.same_record(sb.name, s.kind, s.ma_cskcb, s.ma_lk, s.id)) {
      if (!earlier.replaced_by.empty() || earlier.verdict.empty()) continue;
      if (earlier.verdict == "accepted" && behaviour.refuse_duplicate_of_accepted) {
        auto dup = rules::make_finding("DUP.MA_LK");
        dup.table = "XML1";
        dup.ma_lk = s.ma_lk;
        dup.row = 1;
        dup.field = "MA_LK";
        dup.value = s.ma_lk;
        dup.detail = earlier.ma_giao_dich;
        rules::render(dup, opt.extra_catalogues);
        j.report.findings.push_back(std::move(dup));
        j.report.accepted = false;
        j.replaces.clear();
        break;
      }
      j.replaces.push_back(earlier.ma_giao_dich);
    }
  }
  j.mismatches = std::move(*mismatches);
  return j;
}

void portal_service::decide_due(engine::sandbox& sb) {
  std::lock_guard lock(decide_mutex_);
  const auto now = sb.clock.now();
  const world::portal_behaviour& behaviour = sb.world.base().portal;
  // Register corrections that took effect re-open the records they concern (mismatches.cpp).
  settle_corrections(sb, now);
  std::int64_t since = 0;
  for (;;) {
    // Only submissions still waiting for their verdict are read (with their files).
    auto page = journal_.submissions(sb.name, since, 200, /*only_pending=*/true);
    if (page.empty()) break;
    for (const auto& s : page) {
      since = s.id;
      auto received = engine::parse_iso8601(s.received_at);
      if (!received || *received + behaviour.processing_delay > now) continue;
      const auto decided_at = engine::format_iso8601_utc(*received + behaviour.processing_delay);
      if (s.kind == "certificate") {
        // Checked when received (certificate.cpp); no content rules are known for PL02
        // documents, so the verdict only marks it processed (docs/portal.md).
        journal_.record_verdict(sb.name, s.ma_giao_dich, "accepted", decided_at, "[]");
        continue;
      }
      auto j = judge(sb, s, *received);
      if (!journal_.record_verdict(
              sb.name, s.ma_giao_dich, j.report.accepted ? "accepted" : "rejected", decided_at,
              rules::findings_json(j.report.findings)
                  .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)))
        continue;
      record_mismatches(sb, s, j.mismatches, decided_at);
      for (const auto& old_id : j.replaces) {
        journal_.record_replacement(sb.name, old_id, s.ma_giao_dich);
        resolve_by_resubmission(sb, old_id, s.ma_giao_dich, decided_at);
      }
    }
  }
}

std::span<const rules::catalogue_entry> portal_catalogue() {
  static const rules::catalogue_entry entries[] = {
      {"DUP.MA_LK", core::severity::error,
       "Hồ sơ MA_LK {value} của cơ sở đã được tiếp nhận hợp lệ (mã giao dịch {detail}); hồ sơ "
       "gửi trùng bị từ chối. Muốn sửa hồ sơ đã hợp lệ, liên hệ cơ quan BHXH.",
       "Record MA_LK {value} was already accepted for this facility (transaction {detail}); the "
       "duplicate is refused. To correct an accepted record, contact the BHXH office.",
       "Assumption of the simulator (docs/portal.md): the portal's duplicate handling is not "
       "public (spec §7)"},
  };
  return entries;
}

}  // namespace sim::services::portal
