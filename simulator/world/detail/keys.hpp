// Numeric keys for the world's compact indexes: ID numbers, old CMND numbers and card numbers
// all fit in 64 bits, so an index entry is 16 bytes instead of a hash node holding a string.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sim::world::detail {

// Value of a string of exactly `n` ASCII digits (n <= 18).
inline std::optional<std::uint64_t> digits_key(std::string_view s, std::size_t n) {
  if (s.size() != n) return std::nullopt;
  std::uint64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return v;
}

// Old CMND numbers: 9 digits (12-digit CMND numbers became the CCCD number, spec A7).
inline std::optional<std::uint64_t> cmnd_key(std::string_view s) {
  if (auto k = digits_key(s, 9)) return *k;
  if (auto k = digits_key(s, 12)) return *k + 1'000'000'000ULL;  // keep apart from 9-digit
  return std::nullopt;
}

// Card numbers ^[A-Z]{2}\d{13}$ (the benefit digit and the province are among the 13):
// group letters * 10^13 + digits < 6.8e15.
inline std::optional<std::uint64_t> card_key(std::string_view s) {
  if (s.size() != 15 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z') return std::nullopt;
  auto digits = digits_key(s.substr(2), 13);
  if (!digits) return std::nullopt;
  const auto group = static_cast<std::uint64_t>((s[0] - 'A') * 26 + (s[1] - 'A'));
  return group * 10'000'000'000'000ULL + *digits;
}

}  // namespace sim::world::detail
