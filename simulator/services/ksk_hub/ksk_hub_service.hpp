// sim::services::ksk_hub — the Ministry of Health data hub ("Trục dữ liệu Bộ Y tế",
// https://api.emrhub.vn, sandbox https://api-sandbox.emrhub.vn) taking health-check (KSK)
// records under QĐ 1551 PL02 (spec c06 B3; docs/ksk-hub.md):
//   POST /api/auth/login                 the facility's "Agent Account" → token, refresh_token,
//                                        duration, role
//   POST /api/platform/data-sync/push    Authorization: Bearer, service-type: 100; body
//                                        {header, data (base64), signature (SHA256RSA)}
// The gateway hands it requests whose Host is api.emrhub.vn / api-sandbox.emrhub.vn, and
// /emrhub/… on any host (the prefix removed).
//
// A push is answered msg_type 102 with ref_msg_id and res_code: CM_SUCCESS, CM_INVALID_REQUEST
// (the first bad header field named), PS_SIGNATURE_INVALID (the envelope signature against the
// facility's registered certificates, then the XMLDSig signatures CKS_NGUOI_KET_LUAN and
// CKS_BENH_VIEN inside XML data under sim::signature::ksk_hub_profile(); message_check_ca says
// why), CM_AUTH_EXPIRED (token expired or unknown). The answer is signed with the simulator's
// own key (the embedded test PKI's server-localhost key; envelope.hpp's rule). A record judged
// (accepted or rejected) is written to the journal's submission table (kind "ksk", ma_cskcb =
// the facility, ma_lk = msg_id, file = the decoded data) before the answer. Tokens, clock and
// faults (endpoint "ksk") are the sandbox's; every exchange is journalled (endpoint "ksk").
//
//   sim::services::ksk_hub::ksk_hub_service hub(journal, {.seed = 1},
//                                               sim::engine::system_time_source());
//   if (auto p = sim::services::ksk_hub::ksk_hub_service::route(host, path)) hub.handle(r, *p, sb);
//
// Errors: every failure is an answer; nothing escapes handle() (std::bad_alloc aside).
// Thread safety: handle() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/core/http_message.hpp"
#include "simulator/core/random.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/sandbox.hpp"
#include "simulator/engine/virtual_clock.hpp"

namespace sim::signature {
class verifier;
}

namespace sim::services::ksk_hub {

struct ksk_hub_settings {
  std::uint64_t seed = 1;                              // tokens and msg_id of the answers
  std::size_t max_body_bytes = std::size_t{10} << 20;  // one client's limit (10 MiB)
  // Tokens remembered, the newest over all sandboxes (the simulator's own bound, as the
  // portal's; docs/ksk-hub.md); an older one is refused like an unknown one.
  std::size_t max_tokens = 100'000;
};

class ksk_hub_service {
 public:
  // `real_clock` stamps the journal's real_time (everything else runs on the sandbox's clock).
  ksk_hub_service(engine::journal& journal, ksk_hub_settings settings,
                  engine::time_source real_clock);
  ~ksk_hub_service();

  // The hub's path for a request to `host` (the Host header, any port ignored) and `path`
  // (without /s/{name}): `path` itself for api.emrhub.vn / api-sandbox.emrhub.vn, the rest of
  // /emrhub/… on any host; nullopt when the request is not the hub's.
  static std::optional<std::string_view> route(std::string_view host, std::string_view path);

  core::http_response handle(const core::http_request& request, std::string_view path,
                             engine::sandbox& sb);

  // Forgets the tokens of a sandbox (admin reset / sandbox deletion).
  void forget(const std::string& sandbox);

  // The certificate (PEM) whose key signs the hub's answers.
  static std::string_view receiver_certificate_pem();

 private:
  struct token_info {
    std::string sandbox;
    std::string username;
    engine::sys_time expires;
  };
  struct verifiers {
    std::uint64_t generation = 0;
    std::shared_ptr<const signature::verifier> facility;  // registration checked
    std::shared_ptr<const signature::verifier> doctor;    // chain only
  };
  std::string random_hex(std::size_t chars);
  verifiers verifiers_for(const engine::sandbox& sb);

  engine::journal& journal_;
  ksk_hub_settings settings_;
  engine::time_source real_clock_;
  std::mutex mutex_;
  core::xoshiro256 random_;
  std::map<std::string, token_info> tokens_;
  std::deque<std::string> token_order_;  // issue order: only the newest max_tokens are kept
  std::map<std::string, verifiers> verifiers_;
};

}  // namespace sim::services::ksk_hub
