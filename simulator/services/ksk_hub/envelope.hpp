// sim::services::ksk_hub — the push envelope of the Ministry of Health data hub (QĐ 1551 PL02,
// spec c06 B3; docs/ksk-hub.md): {"header": {…}, "data": base64, "signature": base64}, its
// header checks, the SHA256RSA envelope signature, msg_id, and the rule by which the two XMLDSig
// signatures of a KSK record (CKS_NGUOI_KET_LUAN, CKS_BENH_VIEN) are made and checked.
//
// The bytes the envelope signature covers are not published; the simulator's rule [I]
// (docs/ksk-hub.md "Envelope signature"):
//   signed = canonical_json(header) + data
// where canonical_json is the header object as JSON with keys sorted by their UTF-8 bytes, no
// whitespace, strings not ASCII-escaped (nlohmann::json::dump(); Python's
// json.dumps(h, sort_keys=True, separators=(",", ":"), ensure_ascii=False)) and `data` is the
// base64 text exactly as sent. signature = base64(RSASSA-PKCS1-v1_5 with SHA-256 over `signed`).
//
//   auto bytes = sim::services::ksk_hub::signed_bytes(header, data_b64);
//   auto sig = sim::services::ksk_hub::sign_sha256_rsa(bytes, key_pem);    // nullopt: bad key
//   bool ok = sim::services::ksk_hub::verify_sha256_rsa(bytes, *sig, cert_pem);
//
// Errors: nothing throws (std::bad_alloc aside); problems are values.
// Thread safety: free functions over values; reentrant.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/core/civil_time.hpp"
#include "simulator/world/world.hpp"

namespace sim::services::ksk_hub {

// res_code values (spec c06 B3; CM_AUTH_EXPIRED and CM_AUTH_ACCOUNT_FAIL seen in clients).
inline constexpr const char* res_success = "CM_SUCCESS";
inline constexpr const char* res_invalid_request = "CM_INVALID_REQUEST";
inline constexpr const char* res_signature_invalid = "PS_SIGNATURE_INVALID";
inline constexpr const char* res_auth_expired = "CM_AUTH_EXPIRED";
inline constexpr const char* res_auth_account_fail = "CM_AUTH_ACCOUNT_FAIL";
inline constexpr const char* res_server_error = "CM_SERVER_ERROR";  // [I] a fault's answer

// The header as JSON with sorted keys and no whitespace, followed by `data` as sent.
std::string signed_bytes(const nlohmann::json& header, std::string_view data);

// base64 of the RSA PKCS#1 v1.5 SHA-256 signature of `bytes`; nullopt when `key_pem` is not an
// RSA private key.
std::optional<std::string> sign_sha256_rsa(std::string_view bytes, std::string_view key_pem);
// True when `signature_b64` is the signature of `bytes` by the key of the certificate `cert_pem`.
bool verify_sha256_rsa(std::string_view bytes, std::string_view signature_b64,
                       std::string_view cert_pem);

// msg_id = sender_id + YYMMDD + UUIDv4 without dashes (spec c06 B3); `random` gives the UUID's
// 122 random bits.
std::string make_msg_id(std::string_view sender_id, const core::civil_time& day,
                        std::uint64_t random_hi, std::uint64_t random_lo);

// The first header field that is wrong, named as sent, with a Vietnamese message.
struct header_problem {
  std::string field;    // "version", "sender_id", …, "data", "signature", "header"
  std::string message;  // e.g. "sender_id \"123\" phải gồm 13 chữ số"
};

// Checks the push body's header, data and signature fields (presence and shape; not the
// signature's value) against the logged-in account and the hub's settings.
std::optional<header_problem> check_envelope(const nlohmann::json& body,
                                             const world::ksk_hub_account& account,
                                             const world::ksk_hub_behaviour& hub);

// The KSK record's signing rule [I] (docs/ksk-hub.md "Signatures inside the data"): the doctor
// and the facility each sign the record in which both CKS_NGUOI_KET_LUAN and CKS_BENH_VIEN are
// empty, each an enveloped XMLDSig (URI="") placed in its own element; neither covers the
// other's signature. `without_element_content(xml, "CKS_BENH_VIEN")` is the document the doctor
// signed. Returns nullopt when the element does not occur exactly once as <NAME>…</NAME> or
// <NAME/>.
std::optional<std::string> without_element_content(std::string_view xml, std::string_view name);
// The content between <NAME> and </NAME> (the element occurring exactly once); nullopt else.
std::optional<std::string> element_content(std::string_view xml, std::string_view name);

// Builds a signed KSK record by that rule: signs `xml` (both CKS_* empty or absent) as the
// doctor and as the facility with sim::signature::sign and joins the two signatures. Empty
// error = success.
struct signed_record {
  std::string xml;
  std::string error;
};
signed_record sign_ksk_record(std::string_view xml, std::string_view doctor_key_pem,
                              std::string_view doctor_cert_pem, std::string_view facility_key_pem,
                              std::string_view facility_cert_pem);

// An unsigned KSK record for rehearsals and tests [I] (docs/ksk-hub.md "The data"): root
// KHAMSUCKHOE, THONGTINDONVI/MACSKCB = sender_id, one HOSO whose FILEHOSO XML1 (base64) carries
// MA_LK, HO_TEN, SO_CCCD, NGAY_KHAM and KET_LUAN, and CHUKYDONVI with the two empty elements.
std::string sample_ksk_record(std::string_view sender_id, std::string_view ma_lk,
                              std::string_view so_cccd, std::string_view ho_ten,
                              std::string_view ngay_kham /* yyyyMMddHHmm */);

}  // namespace sim::services::ksk_hub
