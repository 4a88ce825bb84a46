#include "simulator/rules/detail/formats.hpp"

#include "simulator/core/civil_time.hpp"

namespace sim::rules::detail {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_alnum(char c) { return is_upper(c) || is_digit(c); }

int two(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

}  // namespace

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

bool is_plain_decimal(std::string_view s) {
  auto dot = s.find('.');
  if (dot == std::string_view::npos) return is_digits(s);
  return is_digits(s.substr(0, dot)) && is_digits(s.substr(dot + 1));
}

// Spec §4 MA_THE_BHYT: 2 group letters, benefit digit 1–5, then 12 digits (province + BHXH no.).
bool is_ma_the_bhyt(std::string_view s) {
  return s.size() == 15 && is_upper(s[0]) && is_upper(s[1]) && s[2] >= '1' && s[2] <= '5' &&
         is_digits(s.substr(3));
}

// CTN 'Bang Check-in' r6 / 'Bang 1_Tong hop' r6: "9,12 ký tự số hoặc 8 ký tự bắt đầu là chữ in
// hoa và 7 ký tự số ở sau".
bool is_so_cccd(std::string_view s) {
  if ((s.size() == 9 || s.size() == 12) && is_digits(s)) return true;
  return s.size() == 8 && is_upper(s[0]) && is_digits(s.substr(1));
}

// Spec §4 MA_CSKCB: 5 characters, the first 2 digits are the province code. The last three are
// digits in every example seen; upper-case letters are tolerated (not documented either way).
bool is_ma_cskcb(std::string_view s) {
  if (s.size() != 5 || !is_digit(s[0]) || !is_digit(s[1])) return false;
  return is_upper_alnum(s[2]) && is_upper_alnum(s[3]) && is_upper_alnum(s[4]);
}

// Spec §4 Mã số BHXH: 10 digits; CTN 'Bang 11' r7: "là Số và ko được để tất cả = 0".
bool is_ma_bhxh(std::string_view s) {
  return s.size() == 10 && is_digits(s) && s.find_first_not_of('0') != std::string_view::npos;
}

// ICD-10 shape (QĐ 4469/QĐ-BYT codes as written by HIS): letter, 2 digits, optionally a
// subdivision of 1–4 characters with or without the dot ("J06.9", "J069", "S52.50").
bool is_icd10(std::string_view s) {
  if (s.size() < 3 || !is_upper(s[0]) || !is_digit(s[1]) || !is_digit(s[2])) return false;
  auto rest = s.substr(3);
  if (rest.empty()) return true;
  if (rest[0] == '.') rest.remove_prefix(1);
  if (rest.empty() || rest.size() > 4) return false;
  for (char c : rest) {
    if (!is_upper_alnum(c)) return false;
  }
  return true;
}

// Spec §4 MA_GIUONG: H### plan bed, T### extra, C### self-chosen, K### other.
bool is_ma_giuong(std::string_view s) {
  return s.size() == 4 && (s[0] == 'H' || s[0] == 'T' || s[0] == 'C' || s[0] == 'K') &&
         is_digits(s.substr(1));
}

// Spec §4 TT_THAU: "SốQĐ;Gói;Nhóm;Năm" (e.g. 57/QĐ-TTMS;G1;N1;2022); a second winning bidder
// appends ";G2.01". Gói G0–G99 and nhóm N0–N99 (XML3 VTYT use G0/N0).
bool is_tt_thau(std::string_view s) {
  std::string_view parts[6];
  std::size_t n = 0;
  while (n < 6) {
    auto semi = s.find(';');
    parts[n++] = s.substr(0, semi);
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
    if (n == 6) return false;
  }
  if (n < 4 || n > 5) return false;
  auto numbered = [](std::string_view p, char letter) {
    return p.size() >= 2 && p.size() <= 3 && p[0] == letter && is_digits(p.substr(1));
  };
  if (parts[0].empty()) return false;
  if (!numbered(parts[1], 'G') || !numbered(parts[2], 'N')) return false;
  if (parts[3].size() != 4 || !is_digits(parts[3])) return false;
  return n == 4 || !parts[4].empty();
}

// Spec §4 MA_KHOA: QĐ 5937 PL5 codes Kxx; QĐ 1804/2026 sub-codes Kxx.y, Kxx.Dyy.
bool is_ma_khoa(std::string_view s) {
  if (s.size() < 3 || s[0] != 'K' || !is_digit(s[1]) || !is_digit(s[2])) return false;
  if (s.size() == 3) return true;
  if (s[3] != '.' || s.size() == 4) return false;
  for (char c : s.substr(4)) {
    if (!is_upper_alnum(c)) return false;
  }
  return true;
}

// Spec §4 NGAY_SINH: 12 characters; unknown hour/minute → 0000, unknown day/month → 0000.
bool is_birth12(std::string_view s) {
  if (s.size() != 12 || !is_digits(s)) return false;
  const int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + two(s, 2);
  const int month = two(s, 4), day = two(s, 6), hour = two(s, 8), minute = two(s, 10);
  if (year < 1800 || month > 12 || hour > 23 || minute > 59) return false;
  if (month == 0) return day == 0;
  if (day == 0) return true;
  return day <= core::days_in_month(year, month);
}

// CTN 'Bang 3_DVKT, VTYT' r8: "Ký tự G + số từ 1-999".
bool is_goi_vtyt(std::string_view s) {
  return s.size() >= 2 && s.size() <= 4 && s[0] == 'G' && s[1] != '0' && is_digits(s.substr(1));
}

bool matches_format(standard::value_format format, std::string_view v) {
  using vf = standard::value_format;
  switch (format) {
    case vf::text:
    case vf::identifier:
    case vf::code:
      return true;
    case vf::integer:
      return is_digits(v);
    case vf::decimal:
      return is_plain_decimal(v);
    case vf::date8:
      return core::parse_yyyymmdd(v).has_value();
    case vf::datetime12:
      return core::parse_yyyymmddhhmm(v).has_value();
    case vf::birth12:
      return is_birth12(v);
    case vf::date8_or_12:
      return core::parse_date_or_datetime(v).has_value();
    case vf::ma_the_bhyt:
      return is_ma_the_bhyt(v);
    case vf::so_cccd:
      return is_so_cccd(v);
    case vf::ma_cskcb:
      return is_ma_cskcb(v);
    case vf::ma_bhxh:
      return is_ma_bhxh(v);
    case vf::icd10:
      return is_icd10(v);
    case vf::ma_giuong:
      return is_ma_giuong(v);
    case vf::tt_thau:
      return is_tt_thau(v);
    case vf::ma_khoa:
      return is_ma_khoa(v);
  }
  return true;
}

std::string_view describe(standard::value_format format) {
  using vf = standard::value_format;
  switch (format) {
    case vf::text:
    case vf::identifier:
    case vf::code:
      return "";
    case vf::integer:
      return "0-9";
    case vf::decimal:
      return "0.00";
    case vf::date8:
      return "yyyyMMdd";
    case vf::datetime12:
      return "yyyyMMddHHmm";
    case vf::birth12:
      return "yyyyMMddHHmm";
    case vf::date8_or_12:
      return "yyyyMMdd | yyyyMMddHHmm";
    case vf::ma_the_bhyt:
      return "[A-Z]{2}[1-5]\\d{12}";
    case vf::so_cccd:
      return "\\d{9} | \\d{12} | [A-Z]\\d{7}";
    case vf::ma_cskcb:
      return "MA_CSKCB: 5";
    case vf::ma_bhxh:
      return "\\d{10} ≠ 0000000000";
    case vf::icd10:
      return "ICD-10";
    case vf::ma_giuong:
      return "[HTCK]\\d{3}";
    case vf::tt_thau:
      return "SoQD;Gx;Nx;yyyy";
    case vf::ma_khoa:
      return "Kxx";
  }
  return "";
}

}  // namespace sim::rules::detail
