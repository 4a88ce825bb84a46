#include "simulator/core/base64.hpp"

#include <array>

namespace sim::core {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<signed char, 256> make_table() {
  std::array<signed char, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
  return t;
}
constexpr auto table = make_table();

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += rest == 2 ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<base64_error> base64_decode(std::string_view text, std::string& out,
                                          std::size_t max_output) {
  out.clear();
  out.reserve(std::min(text.size() / 4 * 3, max_output));
  unsigned acc = 0;
  int n = 0;
  int pad = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_space(c)) continue;
    if (c == '=') {
      if (n < 2) return base64_error{i, "padding '=' in the wrong place"};
      ++pad;
      if (pad > 2 || (n + pad) > 4) return base64_error{i, "too much padding"};
      continue;
    }
    if (pad > 0) return base64_error{i, "data after padding"};
    const int v = table[static_cast<unsigned char>(c)];
    if (v < 0) return base64_error{i, "character outside the base64 alphabet"};
    acc = (acc << 6) | static_cast<unsigned>(v);
    if (++n == 4) {
      if (out.size() + 3 > max_output) return base64_error{i, "too large"};
      out += static_cast<char>((acc >> 16) & 0xFF);
      out += static_cast<char>((acc >> 8) & 0xFF);
      out += static_cast<char>(acc & 0xFF);
      acc = 0;
      n = 0;
    }
  }
  if (pad > 0) {
    if (n + pad != 4) return base64_error{text.size(), "truncated padding"};
    if (out.size() + static_cast<std::size_t>(n - 1) > max_output)
      return base64_error{text.size(), "too large"};
    acc <<= 6 * pad;
    out += static_cast<char>((acc >> 16) & 0xFF);
    if (n == 3) out += static_cast<char>((acc >> 8) & 0xFF);
    return std::nullopt;
  }
  if (n == 1) return base64_error{text.size(), "truncated: a lone final character"};
  if (n > 1) {
    // Unpadded tail: tolerated (some encoders omit '='), decoded as if padded.
    if (out.size() + static_cast<std::size_t>(n - 1) > max_output)
      return base64_error{text.size(), "too large"};
    acc <<= 6 * (4 - n);
    out += static_cast<char>((acc >> 16) & 0xFF);
    if (n == 3) out += static_cast<char>((acc >> 8) & 0xFF);
  }
  return std::nullopt;
}

}  // namespace sim::core
