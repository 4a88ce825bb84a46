#include "simulator/services/ksk_hub/ksk_hub_service.hpp"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "simulator/core/base64.hpp"
#include "simulator/engine/exchange.hpp"
#include "simulator/rules/catalogue.hpp"
#include "simulator/services/ksk_hub/envelope.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/signature/sig_catalogue.hpp"
#include "simulator/signature/verifier.hpp"
#include "simulator/signature/world_trust.hpp"

namespace sim::services::ksk_hub {
namespace {

using json = nlohmann::json;

// What the exchange carried, for the journal.
struct exchange {
  std::string operation;  // "login" | "push" | ""
  std::string outcome;    // res_code, "ok", "fault:…", "not_found"
  std::string msg_id;
  std::string facility;
};

using engine::json_response;

std::string sha256_hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 0xF];
  }
  return out;
}

std::string bearer_of(const core::http_request& request) {
  const std::string* a = request.header("Authorization");
  if (!a) return {};
  std::string_view v = *a;
  if (v.size() > 7 && (v.substr(0, 7) == "Bearer " || v.substr(0, 7) == "bearer "))
    return std::string(v.substr(7));
  return {};
}

std::string text_or_empty(const json& h, const char* key) {
  if (!h.is_object() || !h.contains(key)) return {};
  const json& v = h[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  return {};
}

std::string render_findings(const core::findings& fs, std::string_view where) {
  std::string out;
  for (auto f : fs) {
    if (f.level != core::severity::error) continue;
    const std::span<const rules::catalogue_entry> sig = signature::sig_catalogue();
    rules::render(f, std::span<const std::span<const rules::catalogue_entry>>(&sig, 1));
    if (!out.empty()) out += "; ";
    out += std::string(where) + ": " + f.code + " — " +
           (f.message_vi.empty() ? f.detail : f.message_vi);
  }
  return out;
}

}  // namespace

ksk_hub_service::ksk_hub_service(engine::journal& journal, ksk_hub_settings settings,
                                 engine::time_source real_clock)
    : journal_(journal),
      settings_(settings),
      real_clock_(std::move(real_clock)),
      random_(settings.seed) {}

ksk_hub_service::~ksk_hub_service() = default;

std::optional<std::string_view> ksk_hub_service::route(std::string_view host,
                                                       std::string_view path) {
  if (path == "/emrhub") return std::string_view("/");
  if (path.starts_with("/emrhub/")) return path.substr(7);
  // Host without a port; IPv6 literals are never the hub's names.
  const auto colon = host.find(':');
  if (colon != std::string_view::npos) host = host.substr(0, colon);
  std::string lower(host);
  for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "api.emrhub.vn" || lower == "api-sandbox.emrhub.vn") return path;
  return std::nullopt;
}

std::string_view ksk_hub_service::receiver_certificate_pem() {
  return signature::default_pki_file("server-localhost.cert.pem").value_or("");
}

void ksk_hub_service::forget(const std::string& sandbox) {
  std::lock_guard lock(mutex_);
  std::erase_if(tokens_, [&](const auto& kv) { return kv.second.sandbox == sandbox; });
  verifiers_.erase(sandbox);
}

std::string ksk_hub_service::random_hex(std::size_t chars) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < chars; ++i) {
    if (i % 16 == 0) word = random_.next();  // caller holds mutex_
    out += hex[word & 0xF];
    word >>= 4;
  }
  return out;
}

ksk_hub_service::verifiers ksk_hub_service::verifiers_for(const engine::sandbox& sb) {
  const std::uint64_t generation = sb.world.certificate_generation();
  {
    std::lock_guard lock(mutex_);
    auto it = verifiers_.find(sb.name);
    if (it != verifiers_.end() && it->second.generation == generation) return it->second;
  }
  verifiers v;
  v.generation = generation;
  auto trust = signature::trust_from_world(sb.world.base(), signature::ksk_hub_profile(),
                                           sb.world.all_extra_certificates());
  try {
    v.facility = std::make_shared<const signature::verifier>(trust);
    trust.check_registration = false;  // [I] the doctor's own certificate is not registered
    v.doctor = std::make_shared<const signature::verifier>(trust);
  } catch (const signature::trust_error&) {
    v.facility = v.doctor = nullptr;
  }
  std::lock_guard lock(mutex_);
  verifiers_[sb.name] = v;
  return v;
}

core::http_response ksk_hub_service::handle(const core::http_request& request,
                                            std::string_view path, engine::sandbox& sb) {
  const auto started = std::chrono::steady_clock::now();
  const auto received = sb.clock.now();
  const world::ksk_hub_behaviour& hub = sb.world.base().ksk_hub;
  exchange x;
  if (path == "/api/auth/login") x.operation = "login";
  if (path == "/api/platform/data-sync/push") x.operation = "push";

  // The facility, for fault scopes: the login's username or the token's account.
  const std::string token = bearer_of(request);
  json body = json::parse(request.body, nullptr, false);
  const world::ksk_hub_account* account = nullptr;
  if (x.operation == "login" && body.is_object() && body.contains("username") &&
      body["username"].is_string()) {
    account = hub.find_account(body["username"].get<std::string>());
  }
  std::optional<token_info> token_state;
  if (x.operation == "push" && !token.empty()) {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(token);
    if (it != tokens_.end() && it->second.sandbox == sb.name) {
      token_state = it->second;
      account = hub.find_account(it->second.username);
    }
  }
  if (account) x.facility = account->facility;
  engine::fault_effect effect = sb.faults.evaluate("ksk", x.facility);
  if (effect.expire_tokens) {
    std::lock_guard lock(mutex_);
    for (auto& [t, info] : tokens_) {
      if (info.sandbox == sb.name) info.expires = received;
    }
    if (token_state) token_state->expires = received;
  }

  // The answer to a push: header msg_type 102, signed by the simulator's key.
  auto push_answer = [&](int status, std::string_view res_code, std::string data_state,
                         std::string check_ca, std::string notify) {
    x.outcome = std::string(res_code);
    json h_in = body.is_object() && body.contains("header") ? body["header"] : json::object();
    std::string reply_id;
    {
      std::lock_guard lock(mutex_);
      const auto day = engine::to_vietnam_civil(received);
      const std::uint64_t hi = random_.next(), lo = random_.next();
      const std::string receiver = hub.receiver_ids.empty() ? "TDLBYT" : hub.receiver_ids[0];
      reply_id = make_msg_id(receiver, day, hi, lo);
    }
    json h = {
        {"version",
         text_or_empty(h_in, "version").empty() ? "1.0.6" : text_or_empty(h_in, "version")},
        {"sender_id", text_or_empty(h_in, "receiver_id").empty()
                          ? (hub.receiver_ids.empty() ? "TDLBYT" : hub.receiver_ids[0])
                          : text_or_empty(h_in, "receiver_id")},
        {"receiver_id", text_or_empty(h_in, "sender_id")},
        {"txn_type", "sync_checkup"},
        {"msg_id", reply_id},
        {"msg_type", 102},
        {"ref_msg_id", text_or_empty(h_in, "msg_id")},
        {"res_code", res_code},
        {"data_state", std::move(data_state)},
        {"message_check_ca", std::move(check_ca)},
        {"message_notify", std::move(notify)},
        {"send_datetime",
         std::chrono::duration_cast<std::chrono::milliseconds>(received.time_since_epoch())
             .count()},
    };
    const std::string data;
    const auto key = signature::default_pki_file("server-localhost.key.pem");
    const auto sig = key ? sign_sha256_rsa(signed_bytes(h, data), *key) : std::nullopt;
    return json_response(status, {{"header", h}, {"data", data}, {"signature", sig.value_or("")}});
  };

  auto run = [&]() -> core::http_response {
    if (effect.http_status) {
      x.outcome = "fault:outage";
      return engine::outage_response(effect, "Service Temporarily Unavailable");
    }
    if (!effect.ma_ket_qua.empty()) {
      x.outcome = "fault:error";
      return push_answer(500, res_server_error, "", "",
                         "Lỗi hệ thống trục dữ liệu (mã " + effect.ma_ket_qua + ")");
    }
    if (x.operation.empty()) {
      x.outcome = "not_found";
      return json_response(404, {{"res_code", "CM_NOT_FOUND"},
                                 {"message", "Không có dịch vụ tại " + std::string(path) +
                                                 " (POST /api/auth/login, POST "
                                                 "/api/platform/data-sync/push)"}});
    }
    if (request.method != "POST") {
      x.outcome = "method";
      return json_response(405, {{"res_code", res_invalid_request}, {"message", "Chỉ nhận POST"}});
    }
    if (request.error == core::http_request::problem::body_too_large ||
        request.body.size() > settings_.max_body_bytes) {
      x.outcome = res_invalid_request;
      return json_response(413,
                           {{"res_code", res_invalid_request},
                            {"message", "Nội dung yêu cầu quá lớn (tối đa " +
                                            std::to_string(settings_.max_body_bytes) + " byte)"}});
    }

    if (x.operation == "login") {
      const world::ksk_hub_account* a = account;
      const bool ok = a && body.contains("password") && body["password"].is_string() &&
                      body["password"].get<std::string>() == a->password;
      if (!ok) {
        x.outcome = res_auth_account_fail;
        return json_response(401, {{"res_code", res_auth_account_fail},
                                   {"message", "Tài khoản hoặc mật khẩu không đúng"}});
      }
      std::string t, refresh;
      {
        std::lock_guard lock(mutex_);
        std::erase_if(tokens_, [&](const auto& kv) {
          return kv.second.expires + std::chrono::hours(24) < received;
        });
        t = random_hex(48);
        refresh = random_hex(48);
        tokens_[t] = {sb.name, a->username, received + hub.token_lifetime};
        token_order_.push_back(t);
        while (token_order_.size() > settings_.max_tokens) {
          tokens_.erase(token_order_.front());  // may be gone already (expired, sandbox reset)
          token_order_.pop_front();
        }
      }
      x.outcome = "ok";
      return json_response(200, {{"token", t},
                                 {"refresh_token", refresh},
                                 {"duration", hub.token_lifetime.count()},
                                 {"role", a->role}});
    }

    // Push.
    if (!token_state || !account) {
      return push_answer(401, res_auth_expired, "", "",
                         token.empty() ? "Thiếu Authorization: Bearer <token>"
                                       : "Token không hợp lệ: đăng nhập lại");
    }
    if (received >= token_state->expires) {
      return push_answer(401, res_auth_expired, "", "", "Token đã hết hạn: đăng nhập lại");
    }
    const std::string* service_type = request.header("service-type");
    if (!service_type || *service_type != "100") {
      return push_answer(400, res_invalid_request, "", "",
                         "service-type: header phải là 100 (đang là \"" +
                             (service_type ? *service_type : std::string()) + "\")");
    }
    if (body.is_discarded())
      return push_answer(400, res_invalid_request, "", "", "body: không phải JSON");
    if (auto p = check_envelope(body, *account, hub)) {
      return push_answer(400, res_invalid_request, "", "", p->field + ": " + p->message);
    }
    const json& header = body["header"];
    const std::string& data_b64 = body["data"].get_ref<const std::string&>();
    const std::string& signature_b64 = body["signature"].get_ref<const std::string&>();
    x.msg_id = text_or_empty(header, "msg_id");
    std::string data;
    if (auto err = core::base64_decode(data_b64, data, settings_.max_body_bytes)) {
      return push_answer(400, res_invalid_request, "", "",
                         "data: không phải base64 (" + err->reason + " tại vị trí " +
                             std::to_string(err->offset) + ")");
    }
    for (const auto& earlier :
         journal_.same_record(sb.name, "ksk", account->facility, x.msg_id, INT64_MAX)) {
      if (earlier.verdict == "accepted") {
        return push_answer(400, res_invalid_request, "", "",
                           "msg_id: bản tin " + x.msg_id + " đã được tiếp nhận lúc " +
                               earlier.received_at + " (gửi lại phải dùng msg_id mới)");
      }
    }

    // Signatures: the envelope, then the XMLDSig signatures inside XML data.
    std::string check_ca;
    json findings = json::array();
    const world::facility* facility = sb.world.find_facility(account->facility);
    bool envelope_ok = false;
    const std::string bytes = signed_bytes(header, data_b64);
    std::vector<std::string> certificates;
    if (facility) certificates = facility->registered_certificates;
    for (const auto& [code, pem] : sb.world.all_extra_certificates()) {
      if (code == account->facility) certificates.push_back(pem);
    }
    for (const auto& pem : certificates) {
      if (!envelope_ok && verify_sha256_rsa(bytes, signature_b64, pem)) envelope_ok = true;
    }
    if (!envelope_ok) {
      check_ca =
          "signature: chữ ký gói tin (SHA256RSA trên header + data) không khớp với "
          "chứng thư số nào đã đăng ký của cơ sở " +
          account->facility;
      findings.push_back({{"code", "KSK.ENVELOPE_SIGNATURE"}, {"message", check_ca}});
    }
    const std::string data_type = text_or_empty(header, "data_type");
    if (data_type == "xml/base64") {
      // The record's MACSKCB, when present, is the sender's 13-digit code (one client: "MACSKCB
      // 13 số").
      const auto macskcb = element_content(data, "MACSKCB");
      if (macskcb && *macskcb != account->sender_id) {
        return push_answer(400, res_invalid_request, "", "",
                           "data: MACSKCB \"" + macskcb->substr(0, 40) +
                               "\" không phải sender_id " + account->sender_id);
      }
    }
    if (envelope_ok && data_type == "xml/base64") {
      const verifiers v = verifiers_for(sb);
      const core::civil_time at = engine::to_vietnam_civil(received);
      struct part {
        const char* name;
        const char* other;
        const signature::verifier* verifier;
      };
      const part parts[] = {{"CKS_NGUOI_KET_LUAN", "CKS_BENH_VIEN", v.doctor.get()},
                            {"CKS_BENH_VIEN", "CKS_NGUOI_KET_LUAN", v.facility.get()}};
      for (const auto& p : parts) {
        std::string why;
        auto view = without_element_content(data, p.other);
        auto own = element_content(data, p.name);
        if (!view || !own) {
          why = std::string(p.name) + ": không có đúng một phần tử " + p.other + "/" + p.name +
                " trong CHUKYDONVI";
        } else if (own->find("Signature") == std::string::npos) {
          why = std::string(p.name) + ": SIG.MISSING — chưa ký số";
        } else if (!p.verifier) {
          why = std::string(p.name) + ": không dựng được kho tin cậy của thế giới";
        } else {
          why = render_findings(p.verifier->verify(*view, account->facility, at), p.name);
        }
        if (!why.empty()) {
          check_ca += (check_ca.empty() ? "" : "; ") + why;
          findings.push_back({{"code", "KSK.XMLDSIG"}, {"element", p.name}, {"message", why}});
        }
      }
    }
    const bool accepted = findings.empty();

    // Stored durably before the answer (journal contract: synchronous=FULL).
    engine::submission_record s;
    s.sandbox = sb.name;
    {
      std::lock_guard lock(mutex_);
      s.ma_giao_dich = "KSK" + random_hex(29);
    }
    s.kind = "ksk";
    s.standard = "QD1551";
    s.ma_cskcb = account->facility;
    s.ma_lk = x.msg_id;
    s.received_at = engine::format_iso8601_utc(received);
    s.file_sha256 = sha256_hex(data);
    s.file = data;
    s.verdict = accepted ? "accepted" : "rejected";
    s.decided_at = s.received_at;
    s.findings_json = findings.dump(-1, ' ', false, json::error_handler_t::replace);
    if (!journal_.record_submission(s)) {
      return push_answer(500, res_server_error, "", "",
                         "Lỗi hệ thống: không lưu được bản tin, hãy gửi lại");
    }
    if (!accepted) {
      return push_answer(200, res_signature_invalid, "INVALID", check_ca,
                         "Bản tin bị từ chối: chữ ký số không hợp lệ");
    }
    return push_answer(200, res_success, "VALID", "",
                       "Đã tiếp nhận bản tin " + x.msg_id + " (" + s.ma_giao_dich + ")");
  };

  core::http_response response;
  try {
    response = run();
  } catch (const std::exception& e) {
    x.outcome = "error";
    response = json_response(500, {{"res_code", res_server_error},
                                   {"message", std::string("Lỗi máy chủ: ") + e.what()}});
  }
  response.delay += effect.delay;
  if (effect.reset_connection || effect.lose_response) response.reset_connection = true;

  // The bearer token and the login's password are not kept in the journal.
  core::http_request kept;
  kept.method = request.method;
  kept.target = request.target;
  for (const auto& [k, v] : request.headers)
    kept.headers.emplace_back(k, k == "Authorization" || k == "authorization" ? "Bearer …" : v);
  if (x.operation == "login" && body.is_object()) {
    json masked = body;
    if (masked.contains("password")) masked["password"] = "…";
    kept.body = masked.dump(-1, ' ', false, json::error_handler_t::replace);
  } else if (x.operation == "login") {
    kept.body = "(not JSON, not kept)";
  } else {
    kept.body = request.body;
  }
  const json note = {{"operation", x.operation},
                     {"outcome", x.outcome},
                     {"msg_id", x.msg_id},
                     {"facility", x.facility}};
  engine::exchange_record e = engine::journal_entry(
      {.sandbox = sb.name, .endpoint = "ksk", .received = received, .real_now = real_clock_(),
       .started = started, .body_limit = settings_.max_body_bytes},
      std::move(kept), response, effect,
      {.key = "x-sim-ksk", .json = note.dump(-1, ' ', false, json::error_handler_t::replace)});
  e.ma_giao_dich = x.msg_id;
  if (!journal_.record_exchange(std::move(e)) && !response.reset_connection) {
    return json_response(
        500, {{"res_code", res_server_error}, {"message", "Lỗi hệ thống: không ghi được nhật ký"}});
  }
  return response;
}

}  // namespace sim::services::ksk_hub
