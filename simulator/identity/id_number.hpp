// sim::identity — the identity numbers a patient shows at reception, judged on their own:
//   * the 12-digit personal ID number (số định danh cá nhân, on the CCCD / căn cước card):
//     digits 1–3 the province (or country) where the birth was registered, digit 4 century and
//     sex, digits 5–6 the last two digits of the birth year, digits 7–12 random
//     (NĐ 137/2015 Đ13, TT 07/2016/TT-BCA Đ7; spec c06 A6);
//   * the 9-digit old CMND number (c06 A7; its 2-digit issuing-province prefix is not checked:
//     the spec has no table for it);
//   * the passport form SO_CCCD accepts: one capital letter and 7 digits (CTN; spec §4, §6.2).
// When the caller gives a date of birth and/or sex (GIOI_TINH 1 nam, 2 nữ, 3 chưa xác định),
// a 12-digit number must agree with them. No check digit exists (c06 A6), so none is checked.
//
//   sim::identity::id_check_options o{.date_of_birth = sim::core::civil_time{1990, 1, 1},
//                                     .sex = 1, .as_of = sim::core::civil_time{2025, 6, 1}};
//   auto r = sim::identity::check_id_number("001090123456", o);
//   // r.parsed.kind == id_kind::personal_id, r.parsed.birth_year == 1990, r.findings empty
//
// Findings are IDNUM.* (id_catalogue.hpp), rendered in vi/en. Never throws for any input bytes.
// Thread safety: pure functions over immutable data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/civil_time.hpp"
#include "simulator/core/finding.hpp"

namespace sim::identity {

enum class id_kind { unknown, personal_id, cmnd, passport };

std::string_view to_string(id_kind k);  // "unknown", "personal_id", "cmnd", "passport"

struct id_check_options {
  std::optional<core::civil_time> date_of_birth;  // only the year is compared
  std::optional<int> sex;  // 1 nam, 2 nữ, 3 chưa xác định (not compared)
  // The checking date: a century/sex digit giving a birth year after it is IDNUM.CENTURY.
  // nullopt = no such check.
  std::optional<core::civil_time> as_of;
  // Name of the checked field in findings ("SO_CCCD", "so_cccd (#0)", …).
  std::string field = "SO_CCCD";
};

struct id_number_info {
  id_kind kind = id_kind::unknown;
  std::string number;
  // 12-digit numbers only (empty / 0 otherwise):
  std::string region_code;         // digits 1–3
  bool region_is_country = false;  // first digit not 0: birth registered abroad (c06 A6 [S])
  std::string region_name;         // province name (TT 07/2016 Phụ lục I) or empty
  int century_sex_digit = -1;
  int sex = 0;         // 1 nam (even digit), 2 nữ (odd digit)
  int birth_year = 0;  // century from digit 4 + digits 5–6
  std::string serial;  // digits 7–12
};

struct id_check_result {
  core::findings findings;  // rendered (message_vi / message_en filled)
  id_number_info parsed;
  bool valid() const { return !core::has_error(findings); }
};

id_check_result check_id_number(std::string_view number, const id_check_options& options = {});

// Province/city name of a 3-digit birth-registration code ("001" → "Hà Nội"), nullptr when the
// code is not one of the 63 codes of TT 07/2016/TT-BCA Phụ lục I (spec c06 A6 [C]).
const char* province_name(std::string_view code3);
// The 63 codes in ascending order.
const std::vector<std::string_view>& province_codes();

}  // namespace sim::identity
