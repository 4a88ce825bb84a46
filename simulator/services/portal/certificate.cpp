#include "simulator/services/portal/certificate.hpp"

#include <pugixml.hpp>

#include "simulator/core/base64.hpp"
#include "simulator/core/form.hpp"
#include "simulator/services/portal/detail/wire.hpp"
#include "simulator/services/portal/portal_service.hpp"
#include "simulator/standard/envelope.hpp"

namespace sim::services::portal {

std::string_view certificate_root(std::string_view loai_hs) {
  // PL02 §2 as transcribed in QLBV config/ctdt.php ('the_goc' per 'loai_hs').
  if (loai_hs == "39") return "HSCHUNGTU";
  if (loai_hs == "60") return "HSDLGBT";
  if (loai_hs == "61") return "HSDLGCS";
  return {};
}

std::optional<std::string> check_certificate_file(std::string_view xml, std::string_view loai_hs) {
  // The standard's decoder runs the hostile-input checks before any parse (UTF-8, DTD/ENTITY
  // declarations refused, depth limit, pugixml without DOCTYPE or custom entities); only its
  // XML.* findings matter here: the root is not a claim envelope.
  standard::decode_limits limits;
  limits.max_file_bytes = xml.size() + 1;  // the size limit (1001) is checked by the caller
  const auto decoded =
      standard::decode(xml, standard::get_standard(standard::standard_id::qd4750), limits);
  for (const auto& f : decoded.findings) {
    if (f.code.starts_with("XML.")) {
      return "fileBase64Str không phải tệp XML hợp lệ (" + f.code + ": " + f.detail + ")";
    }
  }
  pugi::xml_document doc;
  // Safe now that the decoder refused DTDs; same options (no parse_doctype).
  const auto r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_doctype,
                                 pugi::encoding_utf8);
  if (!r || !doc.document_element()) return "fileBase64Str không phải tệp XML hợp lệ";
  const std::string_view root = doc.document_element().name();
  const std::string_view expected = certificate_root(loai_hs);
  if (root != expected) {
    return "Thẻ gốc <" + std::string(root.substr(0, 64)) + "> không đúng với loaiHs " +
           std::string(loai_hs) + " (cần <" + std::string(expected) + ">)";
  }
  return std::nullopt;
}

core::http_response portal_service::submit_certificate(
    const core::http_request& request, std::span<const std::string_view> loai_hs_allowed,
    engine::sandbox& sb, const engine::fault_effect& effect, std::string& ma_giao_dich) {
  using detail::certificate_answer;
  const auto now = sb.clock.now();
  if (request.error == core::http_request::problem::body_too_large) {
    // The body was not read: HTTP 413, with the service's own "file too large" code.
    return certificate_answer(413, "1001", "File size quá dài");
  }
  auto form = core::parse_form(request.body);
  if (!form) return certificate_answer(200, "205", "Dữ liệu gửi lên không đúng định dạng form");
  auto field = [&](std::string_view n) {
    const std::string* v = core::form_value(*form, n);
    return v ? *v : std::string();
  };
  // PL02: authentication in the body (token, id_token, username, password), not in headers.
  std::string username;
  const auto state = check_token(sb.name, field("token"), field("id_token"), now, &username);
  // The same trap as the claim endpoints: HTTP 200 with MaKetQua 401 (QLBV CtdtSubmitService).
  if (state == token_state::expired) return certificate_answer(200, "401", "Token het han");
  if (state == token_state::unknown)
    return certificate_answer(200, "401", "Lỗi xác thực tài khoản: token không hợp lệ");
  const world::portal_account* account = nullptr;
  const world::facility* facility = sb.world.find_account(username, &account);
  if (!facility || field("username") != username ||
      !detail::password_matches(field("password"), account->password,
                                sb.world.base().portal.accept_lowercase_md5))
    return certificate_answer(200, "401", "Lỗi xác thực tài khoản");
  // A locked account (token issued before the lock): PL02 knows no "locked" code, so 401
  // (assumption, docs/portal.md).
  if (account->locked)
    return certificate_answer(200, "401", "Lỗi xác thực tài khoản: tài khoản đã bị khóa");
  // PL02 knows no 403: a facility the account does not belong to is an authentication error.
  if (field("maCskcb") != facility->ma_cskcb) {
    return certificate_answer(
        200, "401", "Lỗi xác thực tài khoản: tài khoản không thuộc cơ sở " + field("maCskcb"));
  }
  const std::string loai_hs = field("loaiHs");
  bool allowed = false;
  for (auto a : loai_hs_allowed) allowed = allowed || a == loai_hs;
  if (!allowed) {
    std::string list;
    for (auto a : loai_hs_allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return certificate_answer(
        200, "205",
        "loaiHs \"" + loai_hs.substr(0, 16) + "\" không dùng cho dịch vụ này (" + list + ")");
  }
  std::string file;
  if (auto err =
          core::base64_decode(field("fileBase64Str"), file, settings_.max_certificate_bytes)) {
    if (err->reason == "too large") return certificate_answer(200, "1001", "File size quá dài");
    return certificate_answer(
        200, "205",
        "fileBase64Str không hợp lệ (base64 sai ở vị trí " + std::to_string(err->offset) + ")");
  }
  if (file.empty()) return certificate_answer(200, "205", "fileBase64Str không hợp lệ (rỗng)");
  if (auto why = check_certificate_file(file, loai_hs)) return certificate_answer(200, "205", *why);

  engine::submission_record rec;
  // Assumption: MaGD's real format is unknown; "HS_" follows one client's example "HS_XXXXXXX".
  const std::string answered_id = next_transaction_id(
      sb.name, "HS_", facility->ma_cskcb, now, effect.repeat_transaction_id, &rec.ma_giao_dich);
  rec.sandbox = sb.name;
  rec.kind = "certificate";
  rec.standard = loai_hs;
  rec.ma_cskcb = facility->ma_cskcb;
  rec.received_at = engine::format_iso8601_utc(now);
  rec.file_sha256 = core::sha256_hex(file);
  rec.file = std::move(file);
  if (!journal_.record_submission(rec))
    return certificate_answer(200, "500", "Lỗi server: chưa ghi nhận được hồ sơ");
  ma_giao_dich = rec.ma_giao_dich;
  return certificate_answer(200, "200", "Thành công", answered_id, detail::receipt_time(now));
}

}  // namespace sim::services::portal
