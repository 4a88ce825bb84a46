// sim::rules::detail — exact decimal arithmetic for the SUM.* rules. Amounts are parsed into a
// 128-bit integer with a decimal scale (never a double: 0.1 + 0.2 must equal 0.3), multiplied
// exactly, and rounded to cents (2 decimals, half away from zero) as PL4750 prescribes
// ("làm tròn số đến 2 chữ số thập phân").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim::rules::detail {

__extension__ using int128 = __int128;

struct decimal {
  int128 units = 0;  // value = units / 10^scale
  int scale = 0;
};

// Parses a plain decimal number: digits with an optional '.' and fraction digits ("12", "0.5",
// "1234.567"); nothing else (no sign, exponent, comma, space). At most 30 digits in all.
std::optional<decimal> parse_decimal(std::string_view text);

// Exact product; nullopt on overflow.
std::optional<decimal> multiply(const decimal& a, const decimal& b);
// a / 10^k exactly (used for percentages: x * TYLE / 100).
decimal shift_right(decimal a, int k);

// Rounded to 2 decimals, half away from zero, as a count of cents.
int128 to_cents(const decimal& d);

// "1234.50", "-0.07".
std::string format_cents(int128 cents);

}  // namespace sim::rules::detail
