// sim::rules::detail — shape checks of identifiers and dates (spec §4). Pure functions over
// strings; each names the source of the shape it accepts.
#pragma once

#include <string_view>

#include "simulator/standard/standard.hpp"

namespace sim::rules::detail {

bool is_digits(std::string_view s);                 // non-empty, ASCII digits only
bool is_plain_decimal(std::string_view s);          // digits, optional '.' + digits
bool is_ma_the_bhyt(std::string_view s);            // ^[A-Z]{2}[1-5]\d{12}$
bool is_so_cccd(std::string_view s);                // 9 or 12 digits, or [A-Z]\d{7}
bool is_ma_cskcb(std::string_view s);               // 5 chars: 2 province digits + 3 [0-9A-Z]
bool is_ma_bhxh(std::string_view s);                // 10 digits, not all zeros
bool is_icd10(std::string_view s);                  // [A-Z]\d{2}, optional [.]?[0-9A-Z]{1,4}
bool is_ma_giuong(std::string_view s);              // ^[HTCK]\d{3}$
bool is_tt_thau(std::string_view s);                // SốQĐ;Gn;Nn;yyyy[;…]
bool is_ma_khoa(std::string_view s);                // K\d{2} with optional .suffix
bool is_birth12(std::string_view s);                // yyyyMMddHHmm, MMdd/HHmm may be 00
bool is_goi_vtyt(std::string_view s);               // G1 … G999

// Whether one (already split) value matches `format`; `text`/`identifier`/`code` always match
// here (code lists are checked separately).
bool matches_format(standard::value_format format, std::string_view value);

// Language-neutral description of a format for the message {detail}: "yyyyMMddHHmm", …
std::string_view describe(standard::value_format format);

}  // namespace sim::rules::detail
