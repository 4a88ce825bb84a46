#include "simulator/core/base64.hpp"

#include <algorithm>
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
  // Upper bound of the output; checked against the limit before any work.
  out.resize(std::min(text.size() / 4 * 3 + 3, max_output + 3));
  char* w = out.data();
  const char* const w_end = out.data() + out.size();
  std::size_t written = 0;
  unsigned acc = 0;
  int n = 0;
  int pad = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  auto fail = [&](std::size_t at, const char* reason) {
    out.clear();
    return base64_error{at, reason};
  };
  while (i < size) {
    // Fast path: whole quanta of alphabet characters.
    if (n == 0 && pad == 0) {
      while (i + 4 <= size) {
        const int a = table[in[i]], b = table[in[i + 1]], c = table[in[i + 2]],
                  d = table[in[i + 3]];
        if ((a | b | c | d) < 0) break;
        if (written + 3 > max_output) return fail(i, "too large");
        const unsigned v = (static_cast<unsigned>(a) << 18) | (static_cast<unsigned>(b) << 12) |
                           (static_cast<unsigned>(c) << 6) | static_cast<unsigned>(d);
        if (w + 3 > w_end) return fail(i, "too large");
        w[0] = static_cast<char>((v >> 16) & 0xFF);
        w[1] = static_cast<char>((v >> 8) & 0xFF);
        w[2] = static_cast<char>(v & 0xFF);
        w += 3;
        written += 3;
        i += 4;
      }
      if (i >= size) break;
    }
    const char ch = static_cast<char>(in[i]);
    if (is_space(ch)) {
      ++i;
      continue;
    }
    if (ch == '=') {
      if (n < 2) return fail(i, "padding '=' in the wrong place");
      ++pad;
      if (pad > 2 || (n + pad) > 4) return fail(i, "too much padding");
      ++i;
      continue;
    }
    if (pad > 0) return fail(i, "data after padding");
    const int v = table[in[i]];
    if (v < 0) return fail(i, "character outside the base64 alphabet");
    acc = (acc << 6) | static_cast<unsigned>(v);
    ++i;
    if (++n == 4) {
      if (written + 3 > max_output || w + 3 > w_end) return fail(i - 1, "too large");
      w[0] = static_cast<char>((acc >> 16) & 0xFF);
      w[1] = static_cast<char>((acc >> 8) & 0xFF);
      w[2] = static_cast<char>(acc & 0xFF);
      w += 3;
      written += 3;
      acc = 0;
      n = 0;
    }
  }
  if (pad > 0 && n + pad != 4) return fail(size, "truncated padding");
  if (pad == 0 && n == 1) return fail(size, "truncated: a lone final character");
  if (n > 1) {
    // Padded tail, or an unpadded one (tolerated: some encoders omit '=').
    const auto extra = static_cast<std::size_t>(n - 1);
    if (written + extra > max_output || w + extra > w_end) return fail(size, "too large");
    acc <<= 6 * (4 - n);
    *w++ = static_cast<char>((acc >> 16) & 0xFF);
    if (n == 3) *w++ = static_cast<char>((acc >> 8) & 0xFF);
    written += extra;
  }
  out.resize(written);
  return std::nullopt;
}

}  // namespace sim::core
