#include "simulator/services/ksk_hub/envelope.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

#include "simulator/core/base64.hpp"
#include "simulator/signature/signer.hpp"

namespace sim::services::ksk_hub {
namespace {

using json = nlohmann::json;

struct bio_free {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct pkey_free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct x509_free {
  void operator()(X509* c) const { X509_free(c); }
};
struct md_ctx_free {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::unique_ptr<BIO, bio_free> memory_bio(std::string_view text) {
  return std::unique_ptr<BIO, bio_free>(
      BIO_new_mem_buf(text.data(), static_cast<int>(std::min<std::size_t>(text.size(), 1u << 30))));
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A header value as text: strings as they are, integers in decimal (msg_type and send_datetime
// are sent as numbers by some clients, as strings by others).
std::optional<std::string> text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  return std::nullopt;
}

struct element_span {
  std::size_t content_begin = 0, content_end = 0;  // [begin, end) of the content
  bool self_closing = false;
  std::size_t open_begin = 0, open_end = 0;  // the whole start tag (the empty-element tag)
};

// Finds the element <name …>…</name> or <name/> occurring exactly once (start tags counted).
std::optional<element_span> find_element(std::string_view xml, std::string_view name) {
  const std::string open = "<" + std::string(name);
  std::optional<element_span> found;
  for (std::size_t pos = xml.find(open); pos != std::string_view::npos;
       pos = xml.find(open, pos + 1)) {
    const std::size_t after = pos + open.size();
    if (after >= xml.size()) return std::nullopt;
    const char c = xml[after];
    if (c != '>' && c != '/' && c != ' ' && c != '\t' && c != '\r' && c != '\n') continue;
    if (found) return std::nullopt;  // twice
    const std::size_t gt = xml.find('>', after);
    if (gt == std::string_view::npos) return std::nullopt;
    element_span s;
    s.open_begin = pos;
    s.open_end = gt + 1;
    if (xml[gt - 1] == '/') {
      s.self_closing = true;
      s.content_begin = s.content_end = gt + 1;
    } else {
      const std::string close = "</" + std::string(name) + ">";
      const std::size_t end = xml.find(close, gt + 1);
      if (end == std::string_view::npos) return std::nullopt;
      s.content_begin = gt + 1;
      s.content_end = end;
    }
    found = s;
  }
  return found;
}

}  // namespace

std::string signed_bytes(const json& header, std::string_view data) {
  std::string out = header.dump(-1, ' ', false, json::error_handler_t::replace);
  out.append(data);
  return out;
}

std::optional<std::string> sign_sha256_rsa(std::string_view bytes, std::string_view key_pem) {
  auto bio = memory_bio(key_pem);
  std::unique_ptr<EVP_PKEY, pkey_free> key(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  std::string sig;
  if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA || !ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size()) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  sig.resize(len);
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  sig.resize(len);
  return core::base64_encode(sig);
}

bool verify_sha256_rsa(std::string_view bytes, std::string_view signature_b64,
                       std::string_view cert_pem) {
  std::string sig;
  if (core::base64_decode(signature_b64, sig, 64 * 1024)) return false;
  auto bio = memory_bio(cert_pem);
  std::unique_ptr<X509, x509_free> cert(
      bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) {
    ERR_clear_error();
    return false;
  }
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  const bool ok =
      key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) == 1;
  ERR_clear_error();
  return ok;
}

std::string make_msg_id(std::string_view sender_id, const core::civil_time& day,
                        std::uint64_t random_hi, std::uint64_t random_lo) {
  // RFC 9562 §5.4: version 4 in the high nibble of octet 6, variant 10 in octet 8.
  random_hi = (random_hi & ~std::uint64_t{0xF000}) | 0x4000;
  random_lo = (random_lo & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);
  static const char* digits = "0123456789abcdef";
  std::string uuid(32, '0');
  for (int i = 0; i < 16; ++i) {
    uuid[static_cast<std::size_t>(i)] = digits[(random_hi >> (60 - 4 * i)) & 0xF];
    uuid[static_cast<std::size_t>(16 + i)] = digits[(random_lo >> (60 - 4 * i)) & 0xF];
  }
  const std::string yymmdd = day.to_yyyymmdd().substr(2);
  return std::string(sender_id) + yymmdd + uuid;
}

std::optional<header_problem> check_envelope(const json& body,
                                             const world::ksk_hub_account& account,
                                             const world::ksk_hub_behaviour& hub) {
  auto problem = [](std::string field, std::string message) {
    return std::optional<header_problem>(header_problem{std::move(field), std::move(message)});
  };
  if (!body.is_object()) return problem("body", "Nội dung yêu cầu phải là đối tượng JSON");
  if (!body.contains("header") || !body["header"].is_object())
    return problem("header", "Thiếu header (đối tượng JSON)");
  const json& h = body["header"];
  auto field = [&](const char* name) -> std::optional<std::string> {
    if (!h.contains(name)) return std::nullopt;
    return text_of(h[name]);
  };
  auto missing = [&](const char* name) {
    return problem(name, std::string("header.") + name + " thiếu hoặc không phải chuỗi/số");
  };

  const auto version = field("version");
  if (!version || version->empty()) return missing("version");
  if (!std::all_of(version->begin(), version->end(),
                   [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) ||
      version->front() == '.' || version->back() == '.')
    return problem("version", "version \"" + *version + "\" không đúng dạng số phiên bản (1.0.6)");

  const auto sender = field("sender_id");
  if (!sender) return missing("sender_id");
  if (sender->size() != 13 || !all_digits(*sender))
    return problem("sender_id", "sender_id \"" + *sender + "\" phải gồm 13 chữ số");
  if (*sender != account.sender_id)
    return problem("sender_id", "sender_id \"" + *sender + "\" không phải mã của tài khoản " +
                                    account.username + " (" + account.sender_id + ")");

  const auto receiver = field("receiver_id");
  if (!receiver) return missing("receiver_id");
  if (std::find(hub.receiver_ids.begin(), hub.receiver_ids.end(), *receiver) ==
      hub.receiver_ids.end()) {
    std::string known;
    for (const auto& r : hub.receiver_ids) known += (known.empty() ? "" : ", ") + r;
    return problem("receiver_id",
                   "receiver_id \"" + *receiver + "\" không phải trục nhận (" + known + ")");
  }

  const auto txn = field("txn_type");
  if (!txn) return missing("txn_type");
  if (*txn != "sync_checkup")
    return problem("txn_type", "txn_type \"" + *txn + "\" không được hỗ trợ (sync_checkup)");

  const auto msg_id = field("msg_id");
  if (!msg_id) return missing("msg_id");
  {
    // sender_id (13) + YYMMDD (6) + UUIDv4 without dashes (32).
    const std::string& m = *msg_id;
    std::string why;
    if (m.size() != 51) {
      why = "phải dài 51 ký tự (sender_id + YYMMDD + UUID không gạch)";
    } else if (m.substr(0, 13) != *sender) {
      why = "không bắt đầu bằng sender_id";
    } else {
      int mm = 0, dd = 0, yy = 0;
      const bool digits = core::parse_fixed_digits(m, 13, 2, yy) &&
                          core::parse_fixed_digits(m, 15, 2, mm) &&
                          core::parse_fixed_digits(m, 17, 2, dd);
      if (!digits || mm < 1 || mm > 12 || dd < 1 || dd > core::days_in_month(2000 + yy, mm)) {
        why = "YYMMDD không phải ngày hợp lệ";
      } else if (!std::all_of(m.begin() + 19, m.end(), is_hex)) {
        why = "UUID phải là 32 chữ số hex";
      } else if (m[19 + 12] != '4' ||
                 std::string_view("89abAB").find(m[19 + 16]) == std::string_view::npos) {
        why = "UUID không phải UUIDv4";
      }
    }
    if (!why.empty()) return problem("msg_id", "msg_id \"" + m.substr(0, 80) + "\" " + why);
  }

  const auto msg_type = field("msg_type");
  if (!msg_type) return missing("msg_type");
  if (*msg_type != "101")
    return problem("msg_type", "msg_type \"" + *msg_type + "\" phải là 101 (gửi dữ liệu)");

  const auto data_type = field("data_type");
  if (!data_type) return missing("data_type");
  static const char* types[] = {"xml/base64", "json/base64", "png/base64", "jpg/base64",
                                "pdf/base64"};
  if (std::none_of(std::begin(types), std::end(types),
                   [&](const char* t) { return *data_type == t; }))
    return problem("data_type", "data_type \"" + *data_type +
                                    "\" không được hỗ trợ (xml|json|png|jpg|pdf /base64)");

  const auto sent = field("send_datetime");
  if (!sent) return missing("send_datetime");
  if (sent->size() != 13 || !all_digits(*sent))
    return problem("send_datetime",
                   "send_datetime \"" + *sent + "\" phải là thời điểm Unix tính bằng ms (13 số)");

  if (!body.contains("data") || !body["data"].is_string() ||
      body["data"].get_ref<const std::string&>().empty())
    return problem("data", "Thiếu data (chuỗi base64)");
  if (!body.contains("signature") || !body["signature"].is_string() ||
      body["signature"].get_ref<const std::string&>().empty())
    return problem("signature", "Thiếu signature (SHA256RSA, base64)");
  return std::nullopt;
}

std::optional<std::string> without_element_content(std::string_view xml, std::string_view name) {
  auto s = find_element(xml, name);
  if (!s) return std::nullopt;
  std::string out(xml.substr(0, s->content_begin));
  out.append(xml.substr(s->content_end));
  return out;
}

std::optional<std::string> element_content(std::string_view xml, std::string_view name) {
  auto s = find_element(xml, name);
  if (!s) return std::nullopt;
  return std::string(xml.substr(s->content_begin, s->content_end - s->content_begin));
}

signed_record sign_ksk_record(std::string_view xml, std::string_view doctor_key_pem,
                              std::string_view doctor_cert_pem, std::string_view facility_key_pem,
                              std::string_view facility_cert_pem) {
  signed_record r;
  for (const char* name : {"CKS_NGUOI_KET_LUAN", "CKS_BENH_VIEN"}) {
    auto content = element_content(xml, name);
    if (!content || content->find('<') != std::string::npos) {
      r.error = std::string("the record must hold one empty ") + name + " in CHUKYDONVI";
      return r;
    }
  }
  signature::sign_options doctor_opt, facility_opt;
  doctor_opt.holder = "CKS_NGUOI_KET_LUAN";
  facility_opt.holder = "CKS_BENH_VIEN";
  // Both sign the same document: the record with both elements empty.
  auto a = signature::sign(xml, doctor_key_pem, doctor_cert_pem, {}, doctor_opt);
  if (!a.ok()) {
    r.error = "CKS_NGUOI_KET_LUAN: " + a.error;
    return r;
  }
  auto b = signature::sign(xml, facility_key_pem, facility_cert_pem, {}, facility_opt);
  if (!b.ok()) {
    r.error = "CKS_BENH_VIEN: " + b.error;
    return r;
  }
  auto doctor_sig = element_content(a.signed_xml, "CKS_NGUOI_KET_LUAN");
  auto target = find_element(b.signed_xml, "CKS_NGUOI_KET_LUAN");
  if (!doctor_sig || !target) {
    r.error = "cannot join the two signatures";
    return r;
  }
  // The facility's document with the doctor's signature put into CKS_NGUOI_KET_LUAN.
  const std::string& base = b.signed_xml;
  const std::string close = "</CKS_NGUOI_KET_LUAN>";
  r.xml = base.substr(0, target->open_begin) + "<CKS_NGUOI_KET_LUAN>" + *doctor_sig + close +
          base.substr(target->self_closing ? target->open_end : target->content_end + close.size());
  return r;
}

std::string sample_ksk_record(std::string_view sender_id, std::string_view ma_lk,
                              std::string_view so_cccd, std::string_view ho_ten,
                              std::string_view ngay_kham) {
  auto esc = [](std::string_view v) {
    std::string o;
    for (char c : v) {
      if (c == '<')
        o += "&lt;";
      else if (c == '>')
        o += "&gt;";
      else if (c == '&')
        o += "&amp;";
      else
        o += c;
    }
    return o;
  };
  const std::string xml1 = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TONG_HOP><MA_LK>" +
                           esc(ma_lk) + "</MA_LK><HO_TEN>" + esc(ho_ten) + "</HO_TEN><SO_CCCD>" +
                           esc(so_cccd) + "</SO_CCCD><NGAY_KHAM>" + esc(ngay_kham) +
                           "</NGAY_KHAM><KET_LUAN>Đủ sức khỏe học tập, làm việc</KET_LUAN>"
                           "<PHAN_LOAI_SUC_KHOE>Loại I</PHAN_LOAI_SUC_KHOE></TONG_HOP>";
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<KHAMSUCKHOE>\n"
         "  <THONGTINDONVI><MACSKCB>" +
         esc(sender_id) +
         "</MACSKCB></THONGTINDONVI>\n"
         "  <THONGTINHOSO><NGAYLAP>" +
         esc(ngay_kham) +
         "</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO>"
         "<DANHSACHHOSO><HOSO><FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>" +
         core::base64_encode(xml1) +
         "</NOIDUNGFILE></FILEHOSO></HOSO></DANHSACHHOSO></THONGTINHOSO>\n"
         "  <CHUKYDONVI><CKS_NGUOI_KET_LUAN></CKS_NGUOI_KET_LUAN><CKS_BENH_VIEN></CKS_BENH_VIEN>"
         "</CHUKYDONVI>\n</KHAMSUCKHOE>\n";
}

}  // namespace sim::services::ksk_hub
