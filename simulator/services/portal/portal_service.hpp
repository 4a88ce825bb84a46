// sim::services::portal — the BHYT assessment portal's API (egw gateway) over plain values:
// login `POST /api/token/take` (CV1245 §1; spec §3.2) with its token store; the check-in and
// claim endpoints of QĐ 130/4750/3176 (spec §3.3) with asynchronous verdicts. Every exchange is
// written to the journal, and a submission is acknowledged (maKetQua 200) only after it is
// durably recorded there.
//
//   sim::services::portal::portal_service portal(journal, settings);
//   sim::core::http_response r = portal.handle(request, sandbox);   // path without /s/{name}
//
// Wire facts (spec §3.2–3.3): form fields `username`, `password` = MD5 upper-case hex; answer
// {"maKetQua":"200","APIKey":{…,"expires_in": ISO-8601 UTC}}; submissions with headers
// accessToken/tokenId/passwordHash and form fields username, loaiHoSo, maTinh, maCSKCB,
// fileHSBase64, answered {maKetQua, maGiaoDich, thoiGianTiepNhan, thongDiep}; an expired token
// gives HTTP 200 with maKetQua 401 "Token het han". Choices where the portal is not known are
// in docs/portal.md (token lifetime, 403/205/1001 codes, lower-case MD5 and JSON login); the
// switches among them are per world (world::portal_behaviour).
// Electronic certificates (PL02 chứng từ điện tử: `/api/chungtugw/GuiHoSoChungTu2025`,
// `/api/hososuckhoe/guiGiayToDienTu`; spec §3.3) are handled in certificate.cpp.
// A verdict judges the file's content and its signature (issue 8, docs/signature.md) with the
// sandbox's trust: the base world's CAs, CRLs and registrations plus the certificates registered
// in the sandbox's overlay, at the submission's receipt time on the sandbox clock.
// Thread safety: handle() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "simulator/core/http_message.hpp"
#include "simulator/crosscheck/crosscheck.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/sandbox.hpp"
#include "simulator/rules/catalogue.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/services/portal/card_lookup.hpp"

namespace sim::signature {
class verifier;
}

namespace sim::services::portal {

// What is not per world. The behaviour switches (token lifetime, lower-case MD5, JSON login,
// processing delay, duplicates, card look-up body) are the world's `portal` section,
// world::portal_behaviour, read from the sandbox's base world on every request
// (docs/world.md, docs/portal.md).
struct portal_settings {
  std::size_t max_file_bytes = 50u << 20;  // decoded fileHSBase64
  std::uint64_t seed = 1;
  // Decoded fileBase64Str of an electronic certificate; over it: MaKetQua 1001. Assumption: the
  // real threshold is not published (docs/portal.md).
  std::size_t max_certificate_bytes = 10u << 20;
  // Tokens remembered (the newest, over all sandboxes); an older one answers as unknown.
  // The simulator's own bound, not the portal's (docs/portal.md).
  std::size_t max_tokens = 100'000;
};

// Findings only the portal produces (DUP.MA_LK), in the rules catalogue's shape.
std::span<const rules::catalogue_entry> portal_catalogue();

class portal_service {
 public:
  portal_service(engine::journal& journal, portal_settings settings);

  // Handles a portal request for `sb`; `path` is the request path without any /s/{name} prefix.
  core::http_response handle(const core::http_request& request, std::string_view path,
                             engine::sandbox& sb);
  // Endpoint name used by fault scopes and the journal ("token", "checkin", "claim", "card",
  // "certificate", or "").
  static std::string_view endpoint_of(std::string_view path);

  // Decides every submission of `sb` whose processing delay has passed on its clock.
  void decide_due(engine::sandbox& sb);
  // Forgets the tokens of one sandbox (admin reset / sandbox deletion).
  void forget(const std::string& sandbox);

  // The commune police correct the population register for mismatch `id` (mismatches.cpp,
  // docs/crosscheck.md): the register takes the record's value after `delay` of virtual time;
  // then the mismatch is resolved and its record judged again. Errors: 404 no such mismatch,
  // 409 not open, or not correctable in the register (ID.UNKNOWN; a partial date of birth).
  struct correction_result {
    int status = 200;     // HTTP status for the admin API
    std::string error;    // when status != 200
    engine::mismatch_record mismatch;
  };
  correction_result correct_register(engine::sandbox& sb, std::int64_t mismatch_id,
                                     std::chrono::seconds delay, const std::string& by);
  // The sandbox's register (its world overlay) as the cross-check sees it.
  static crosscheck::register_view register_view_of(const engine::sandbox& sb);

  // Vaccination records in the mismatch list (mismatches.cpp; docs/crosscheck.md "Vaccination
  // records"). vaccination_mismatches compares record `index` (0-based) of `c.vaccinations`,
  // as the vaccination system recorded it, with `c` (the register): one identity_mismatch per
  // differing field (ID.NAME/HO_TEN, ID.DOB/NGAY_SINH, ID.SEX/GIOI_TINH, ID.UNKNOWN/SO_CCCD),
  // ma_lk "TIEM_CHUNG", row index + 1, visit_date the vaccination's day; empty when it matches.
  //   auto found = portal_service::vaccination_mismatches(c, 0, true);
  static std::vector<crosscheck::identity_mismatch> vaccination_mismatches(
      const world::citizen& c, std::size_t index, bool names_without_diacritics);
  // The synthetic maGiaoDich of a vaccination record in the list: "TIEMCHUNG-<id>-<index+1>".
  static std::string vaccination_record_id(std::string_view so_dinh_danh, std::size_t index);
  // When the sandbox world's c06.vaccination_crosscheck is on, adds the differences of every
  // vaccination record of the register to the mismatch list of `sb`, once per record (a record
  // with rows already listed is not compared again), detected at the sandbox's clock. Called
  // when the list is read (GET /_sim/mismatches). Takes decide_mutex_.
  void find_vaccination_mismatches(engine::sandbox& sb);

  const portal_settings& settings() const { return settings_; }

 private:
  struct token {
    std::string id_token;
    std::string username;
    engine::sys_time expires;
  };
  enum class token_state { valid, unknown, expired };

  core::http_response route(const core::http_request& request, std::string_view path,
                            engine::sandbox& sb, engine::fault_effect& effect,
                            std::string& ma_giao_dich);
  core::http_response token_take(const core::http_request& request, engine::sandbox& sb);
  core::http_response submit(const core::http_request& request, std::string_view kind,
                             std::string_view standard, engine::sandbox& sb,
                             const engine::fault_effect& effect, std::string& ma_giao_dich);
  // PL02 electronic certificates (certificate.cpp); `loai_hs_allowed` are the loaiHs values
  // of the endpoint.
  core::http_response submit_certificate(const core::http_request& request,
                                         std::span<const std::string_view> loai_hs_allowed,
                                         engine::sandbox& sb, const engine::fault_effect& effect,
                                         std::string& ma_giao_dich);
  std::string next_transaction_id(const std::string& sandbox, std::string_view prefix,
                                  std::string_view ma_cskcb, engine::sys_time now,
                                  bool repeat_previous, std::string* recorded_id);
  token_state check_token(const std::string& sandbox, const std::string& access_token,
                          const std::string& id_token, engine::sys_time now,
                          std::string* username) const;

  struct judgement {
    rules::file_report report;
    std::vector<crosscheck::identity_mismatch> mismatches;
    std::vector<std::string> replaces;  // maGiaoDich of earlier submissions of the record
  };
  // Judges a stored submission against the sandbox as it is now (content, signature at
  // `received`, register, duplicates). Caller holds decide_mutex_.
  judgement judge(engine::sandbox& sb, const engine::submission_record& s,
                  engine::sys_time received);
  // mismatches.cpp; callers hold decide_mutex_.
  void record_mismatches(engine::sandbox& sb, const engine::submission_record& s,
                         const std::vector<crosscheck::identity_mismatch>& found,
                         const std::string& decided_at);
  void resolve_by_resubmission(engine::sandbox& sb, const std::string& old_giao_dich,
                               const std::string& new_giao_dich, const std::string& at);
  void settle_corrections(engine::sandbox& sb, engine::sys_time now);

  engine::journal& journal_;
  portal_settings settings_;
  card_lookup cards_;
  mutable std::mutex mutex_;
  std::uint64_t rng_state_;
  std::map<std::string, token> tokens_;               // key: sandbox + '\n' + access_token
  // Keys in the order issued: the store keeps the newest settings_.max_tokens, so a
  // client taking a token per request (or a load test) cannot grow it without bound.
  std::deque<std::string> token_order_;
  std::map<std::string, std::string> last_giao_dich_;  // per sandbox
  std::uint64_t next_transaction_ = 1;
  std::mutex decide_mutex_;
  // Per sandbox, its signature verifier and the overlay certificate generation it was built for
  // (rebuilt when a certificate is registered). Guarded by decide_mutex_.
  struct sandbox_verifier {
    std::uint64_t generation = 0;
    std::shared_ptr<const signature::verifier> v;
  };
  std::map<std::string, sandbox_verifier> verifiers_;
  // Per base world, the ID numbers of citizens with vaccination records (built once; guarded by
  // decide_mutex_), so that reading the list does not walk a million citizens each time.
  std::map<const world::world*, std::vector<std::string>> vaccinated_;
  std::shared_ptr<const signature::verifier> verifier_for(const engine::sandbox& sb);
};

}  // namespace sim::services::portal
