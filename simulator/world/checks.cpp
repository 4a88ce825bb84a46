#include "simulator/world/detail/checks.hpp"

#include <array>
#include <cstdio>

#include "simulator/core/utf8.hpp"

namespace sim::world::detail {
namespace {

// Province codes of birth registration, TT 07/2016/TT-BCA Phụ lục I (spec c06 A6).
constexpr std::array<std::string_view, 63> province_codes{
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"};

}  // namespace

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<std::string> check_id_number(std::string_view id, const core::civil_time& dob,
                                           sex gender) {
  if (id.size() != 12 || !all_digits(id)) return "must be 12 digits";
  if (id[0] == '0') {
    bool known = false;
    for (auto code : province_codes) known = known || code == id.substr(0, 3);
    if (!known) {
      return "digits 1–3 (" + std::string(id.substr(0, 3)) +
             ") are not a province code of TT 07/2016 Phụ lục I";
    }
  }
  const int digit = id[3] - '0';
  const int century = 19 + digit / 2;
  if (dob.year / 100 != century) {
    return "digit 4 (" + std::string(1, id[3]) + ") means born in the " + std::to_string(century) +
           "00s, but the date of birth is in " + std::to_string(dob.year);
  }
  if (gender != sex::unknown && (digit % 2 == 1) != (gender == sex::female)) {
    return "digit 4 (" + std::string(1, id[3]) + ") means " + (digit % 2 ? "female" : "male") +
           ", but sex is " + std::string(to_string(gender));
  }
  const int yy = (id[4] - '0') * 10 + (id[5] - '0');
  if (yy != dob.year % 100) {
    return "digits 5–6 (" + std::string(id.substr(4, 2)) +
           ") must be the birth year's last two "
           "digits (" +
           std::to_string(dob.year) + ")";
  }
  return std::nullopt;
}

bool is_card_number(std::string_view s) {
  if (s.size() != 15) return false;
  for (std::size_t i = 0; i < 2; ++i) {
    if (s[i] < 'A' || s[i] > 'Z') return false;
  }
  return s[2] >= '1' && s[2] <= '5' && all_digits(s.substr(3));
}

bool is_app_version(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = 0;
  for (char c : s) {
    if (c == '.' && prev == '.') return false;
    if (c != '.' && (c < '0' || c > '9')) return false;
    prev = c;
  }
  return true;
}

int compare_versions(std::string_view a, std::string_view b) {
  while (!a.empty() || !b.empty()) {
    auto take = [](std::string_view& s) {
      long v = 0;
      std::size_t i = 0;
      for (; i < s.size() && s[i] != '.'; ++i) v = v * 10 + (s[i] - '0');
      s.remove_prefix(i < s.size() ? i + 1 : i);
      return v;
    };
    const long x = take(a), y = take(b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

std::optional<std::string> check_name(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (auto bad = core::first_invalid_utf8(name)) {
    return "is not valid UTF-8 (byte " + std::to_string(*bad) + ")";
  }
  // U+0300–U+036F are the combining marks of decomposed (NFD) Vietnamese; NFC text has none.
  for (std::size_t i = 0; i + 1 < name.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(name[i]);
    const auto b1 = static_cast<unsigned char>(name[i + 1]);
    if ((b0 == 0xCC && b1 >= 0x80) || (b0 == 0xCD && b1 <= 0xAF)) {
      return "contains a combining diacritic (write names in Unicode NFC)";
    }
  }
  return std::nullopt;
}

std::optional<core::civil_time> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  std::string compact;
  compact += s.substr(0, 4);
  compact += s.substr(5, 2);
  compact += s.substr(8, 2);
  return core::parse_yyyymmdd(compact);
}

std::string to_iso_date(const core::civil_time& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year % 10000, t.month % 100, t.day % 100);
  return buf;
}

}  // namespace sim::world::detail
