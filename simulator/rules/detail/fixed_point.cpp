#include "simulator/rules/detail/fixed_point.hpp"

#include <algorithm>

namespace sim::rules::detail {
namespace {

int128 pow10(int n) {
  int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

std::optional<decimal> parse_decimal(std::string_view text) {
  if (text.empty()) return std::nullopt;
  decimal d;
  bool seen_dot = false;
  int digits = 0;
  std::size_t int_digits = 0;
  for (char c : text) {
    if (c == '.') {
      if (seen_dot || int_digits == 0) return std::nullopt;
      seen_dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (++digits > 30) return std::nullopt;
    d.units = d.units * 10 + (c - '0');
    if (seen_dot) {
      ++d.scale;
    } else {
      ++int_digits;
    }
  }
  if (seen_dot && d.scale == 0) return std::nullopt;  // "12." is not a plain number
  return d;
}

std::optional<decimal> multiply(const decimal& a, const decimal& b) {
  decimal r;
  if (__builtin_mul_overflow(a.units, b.units, &r.units)) return std::nullopt;
  r.scale = a.scale + b.scale;
  if (r.scale > 36) return std::nullopt;
  return r;
}

decimal shift_right(decimal a, int k) {
  a.scale += k;
  return a;
}

int128 to_cents(const decimal& d) {
  if (d.scale <= 2) return d.units * pow10(2 - d.scale);
  const int128 p = pow10(d.scale - 2);
  int128 q = d.units / p;
  int128 r = d.units % p;
  if (r < 0) r = -r;
  if (2 * r >= p) q += d.units < 0 ? -1 : 1;
  return q;
}

std::string format_cents(int128 cents) {
  const bool negative = cents < 0;
  if (negative) cents = -cents;
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(cents % 10)));
    cents /= 10;
  } while (cents > 0);
  while (digits.size() < 3) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  digits.insert(digits.size() - 2, ".");
  return negative ? "-" + digits : digits;
}

}  // namespace sim::rules::detail
