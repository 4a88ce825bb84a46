#include "simulator/identity/card_qr.hpp"

#include <algorithm>
#include <utility>

#include "simulator/core/utf8.hpp"
#include "simulator/identity/id_catalogue.hpp"

namespace sim::identity {
namespace {

constexpr std::size_t max_value_bytes = 256;
constexpr std::size_t max_extra_fields = 32;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// First control character (C0 or DEL) in `s`, or nullopt.
std::optional<unsigned> first_control(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return u;
  }
  return std::nullopt;
}

std::vector<std::string_view> split_fields(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const auto bar = s.find('|', start);
    if (bar == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, bar - start));
    start = bar + 1;
  }
}

// "ddmmyyyy" (CCCD) → civil date.
std::optional<core::civil_time> parse_ddmmyyyy(std::string_view s) {
  if (s.size() != 8 || !all_digits(s)) return std::nullopt;
  std::string ymd;
  ymd.append(s.substr(4, 4)).append(s.substr(2, 2)).append(s.substr(0, 2));
  return core::parse_yyyymmdd(ymd);
}

// "dd/MM/yyyy" (BHYT card, as the card API writes dates) → civil date.
std::optional<core::civil_time> parse_slashed(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
  std::string ddmmyyyy;
  ddmmyyyy.append(s.substr(0, 2)).append(s.substr(3, 2)).append(s.substr(6, 4));
  return parse_ddmmyyyy(ddmmyyyy);
}

class judge {
 public:
  explicit judge(core::findings& out) : out_(out) {}
  void add(std::string_view code, std::string field, std::string_view value,
           std::string detail = {}) {
    core::finding f;
    f.code = std::string(code);
    f.field = std::move(field);
    f.value = std::string(value.substr(0, max_value_bytes));
    f.detail = std::move(detail);
    render_identity(f);
    out_.push_back(std::move(f));
  }

 private:
  core::findings& out_;
};

std::string name_of(std::string_view name, std::size_t index) {
  return std::string(name) + " (#" + std::to_string(index) + ")";
}

void check_cccd(const std::vector<std::string_view>& fields, const qr_options& options,
                qr_check_result& r, judge& j) {
  constexpr std::size_t needed = 7;
  if (fields.size() < needed) {
    j.add("QR.FIELD_COUNT", "", "CCCD", std::to_string(fields.size()) + " < 7");
    return;
  }
  auto& c = r.cccd;
  static constexpr std::string_view names[needed] = {
      "so_dinh_danh", "so_cmnd", "ho_ten", "ngay_sinh", "gioi_tinh", "noi_thuong_tru", "ngay_cap"};
  for (std::size_t i = 0; i < needed; ++i) {
    if (i != 1 && fields[i].empty()) j.add("QR.REQUIRED", name_of(names[i], i), "");
  }
  c.so_dinh_danh = std::string(fields[0].substr(0, max_value_bytes));
  c.so_cmnd = std::string(fields[1].substr(0, max_value_bytes));
  c.ho_ten = std::string(fields[2].substr(0, max_value_bytes));
  c.gioi_tinh = std::string(fields[4].substr(0, max_value_bytes));
  c.noi_thuong_tru = std::string(fields[5].substr(0, max_value_bytes));

  if (!fields[1].empty() &&
      !((fields[1].size() == 9 || fields[1].size() == 12) && all_digits(fields[1]))) {
    j.add("QR.OLD_ID", name_of(names[1], 1), fields[1]);
  }
  for (std::size_t i : {std::size_t{3}, std::size_t{6}}) {
    if (fields[i].empty()) continue;
    auto d = parse_ddmmyyyy(fields[i]);
    if (!d) j.add("QR.DATE", name_of(names[i], i), fields[i], "ddmmyyyy");
    (i == 3 ? c.ngay_sinh : c.ngay_cap) = d;
  }
  if (c.ngay_sinh && c.ngay_cap && *c.ngay_cap < *c.ngay_sinh) {
    j.add("QR.DATE_ORDER", name_of(names[6], 6), fields[6], name_of(names[3], 3));
  }
  // The card prints "Nam" / "Nữ" (NFC); a decomposed "Nữ" is not accepted (docs/identity.md).
  if (fields[4] == "Nam") {
    c.sex = 1;
  } else if (fields[4] == "Nữ") {
    c.sex = 2;
  } else if (!fields[4].empty()) {
    j.add("QR.SEX", name_of(names[4], 4), fields[4], "Nam | Nữ");
  }

  if (fields[0].empty()) return;
  if (fields[0].size() != 12 || !all_digits(fields[0])) {
    j.add("QR.ID_NUMBER", name_of(names[0], 0), fields[0]);
    return;
  }
  // The number must agree with the card's own date of birth and sex (IDNUM.*).
  id_check_options o;
  o.date_of_birth = c.ngay_sinh;
  if (c.sex != 0) o.sex = c.sex;
  o.as_of = options.as_of;
  o.field = name_of(names[0], 0);
  auto id = check_id_number(fields[0], o);
  for (auto& f : id.findings) r.findings.push_back(std::move(f));
  r.id = std::move(id.parsed);
}

// #1 họ tên / #4 địa chỉ: hex of UTF-8 bytes.
std::string decode_text_field(std::string_view hex, const std::string& field, judge& j) {
  if (hex.empty()) {
    j.add("QR.REQUIRED", field, "");
    return {};
  }
  if (hex.size() % 2 != 0) {
    j.add("QR.HEX", field, hex, "length " + std::to_string(hex.size()));
    return {};
  }
  const auto bad = std::find_if(hex.begin(), hex.end(), [](char ch) { return hex_value(ch) < 0; });
  if (bad != hex.end()) {
    j.add("QR.HEX", field, hex, "position " + std::to_string(bad - hex.begin() + 1));
    return {};
  }
  std::string text = *decode_hex(hex);
  if (auto off = core::first_invalid_utf8(text)) {
    j.add("QR.HEX_UTF8", field, hex, std::to_string(*off));
    return {};
  }
  if (auto ctl = first_control(text)) {
    j.add("QR.CONTROL_CHAR", field, hex, std::to_string(*ctl));
    return {};
  }
  if (text.size() > max_value_bytes) text.resize(max_value_bytes);
  return text;
}

void check_bhyt(const std::vector<std::string_view>& fields, qr_check_result& r, judge& j) {
  constexpr std::size_t needed = 8;
  if (fields.size() < needed) {
    j.add("QR.FIELD_COUNT", "", "BHYT", std::to_string(fields.size()) + " < 8");
    return;
  }
  auto& b = r.bhyt;
  static constexpr std::string_view names[needed] = {
      "ma_the", "ho_ten", "ngay_sinh", "gioi_tinh", "dia_chi", "noi_dkkcb", "tu_ngay", "den_ngay"};
  // Spec §4: ^[A-Z]{2}[1-5]\d{2}\d{10}$.
  const auto card = fields[0];
  b.ma_the = std::string(card.substr(0, max_value_bytes));
  if (card.empty()) {
    j.add("QR.REQUIRED", name_of(names[0], 0), "");
  } else if (!(card.size() == 15 && is_upper(card[0]) && is_upper(card[1]) && card[2] >= '1' &&
               card[2] <= '5' && all_digits(card.substr(3)))) {
    j.add("QR.CARD_NUMBER", name_of(names[0], 0), card);
  }
  b.ho_ten = decode_text_field(fields[1], name_of(names[1], 1), j);
  b.dia_chi = decode_text_field(fields[4], name_of(names[4], 4), j);

  const auto dob = fields[2];
  if (dob.empty()) {
    j.add("QR.REQUIRED", name_of(names[2], 2), "");
  } else if (dob.size() == 4 && all_digits(dob)) {
    // Birth year only (NGAY_SINH allows an unknown day/month, QĐ 4750); [I] for the card.
    b.ngay_sinh = core::parse_yyyymmdd(std::string(dob) + "0101");
    b.ngay_sinh_year_only = true;
    if (!b.ngay_sinh) j.add("QR.DATE", name_of(names[2], 2), dob, "dd/MM/yyyy | yyyy");
  } else if (!(b.ngay_sinh = parse_slashed(dob))) {
    j.add("QR.DATE", name_of(names[2], 2), dob, "dd/MM/yyyy | yyyy");
  }

  if (fields[3] == "1" || fields[3] == "2") {
    b.gioi_tinh = fields[3][0] - '0';
  } else if (fields[3].empty()) {
    j.add("QR.REQUIRED", name_of(names[3], 3), "");
  } else {
    j.add("QR.SEX", name_of(names[3], 3), fields[3], "1 | 2");
  }

  b.noi_dkkcb = std::string(fields[5].substr(0, max_value_bytes));
  if (fields[5].empty()) j.add("QR.REQUIRED", name_of(names[5], 5), "");

  for (std::size_t i : {std::size_t{6}, std::size_t{7}}) {
    auto& slot = i == 6 ? b.tu_ngay : b.den_ngay;
    if (fields[i].empty()) {
      j.add("QR.REQUIRED", name_of(names[i], i), "");
    } else if (!(slot = parse_slashed(fields[i]))) {
      j.add("QR.DATE", name_of(names[i], i), fields[i], "dd/MM/yyyy");
    }
  }
  if (b.tu_ngay && b.den_ngay && *b.den_ngay < *b.tu_ngay) {
    j.add("QR.DATE_ORDER", name_of(names[7], 7), fields[7], name_of(names[6], 6));
  }
}

}  // namespace

std::string_view to_string(qr_kind k) {
  switch (k) {
    case qr_kind::cccd:
      return "cccd";
    case qr_kind::bhyt_card:
      return "bhyt_card";
    case qr_kind::unknown:
      break;
  }
  return "unknown";
}

std::optional<std::string> decode_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::string encode_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(digits[u >> 4]);
    out.push_back(digits[u & 0x0f]);
  }
  return out;
}

qr_check_result check_card_qr(std::string_view payload, const qr_options& options) {
  qr_check_result r;
  judge j(r.findings);
  while (!payload.empty() && (payload.back() == '\n' || payload.back() == '\r')) {
    payload.remove_suffix(1);
  }
  if (payload.empty()) {
    j.add("QR.EMPTY", "", "");
    return r;
  }
  if (payload.size() > max_qr_payload_bytes) {
    j.add("QR.TOO_LARGE", "", std::to_string(payload.size()), std::to_string(max_qr_payload_bytes));
    return r;
  }
  if (auto bad = core::first_invalid_utf8(payload)) {
    j.add("QR.ENCODING", "", "", std::to_string(*bad));
    return r;
  }
  const auto fields = split_fields(payload);
  r.field_count = fields.size();
  r.kind = options.kind;
  if (r.kind == qr_kind::unknown) {
    const auto first = fields.front();
    r.kind = first.size() >= 2 && is_letter(first[0]) && is_letter(first[1]) ? qr_kind::bhyt_card
                                                                             : qr_kind::cccd;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (auto ctl = first_control(fields[i])) {
      j.add("QR.CONTROL_CHAR", "#" + std::to_string(i), fields[i], std::to_string(*ctl));
      break;  // one is enough: a binary payload would otherwise give thousands
    }
  }
  const std::size_t known = r.kind == qr_kind::cccd ? 7 : 8;
  for (std::size_t i = known; i < fields.size() && r.extra_fields.size() < max_extra_fields; ++i) {
    r.extra_fields.emplace_back(fields[i].substr(0, max_value_bytes));
  }
  if (r.kind == qr_kind::cccd) {
    check_cccd(fields, options, r, j);
  } else {
    check_bhyt(fields, r, j);
  }
  return r;
}

}  // namespace sim::identity
