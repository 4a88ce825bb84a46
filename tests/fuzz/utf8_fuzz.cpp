// Fuzz target: sim::core UTF-8 checks and the Vietnamese text helpers, differentially against a
// plain reference decoder written from RFC 3629 §4 (the byte-sequence table).
// Properties: first_invalid_utf8 agrees with the reference on every input; utf8_length of valid
// text equals the reference's code-point count; fold_case_vi and collapse_spaces keep valid
// UTF-8 valid, fold_case_vi keeps the number of code points, and folding is idempotent.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/core/text.hpp"
#include "simulator/core/utf8.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

struct reference_result {
  std::optional<std::size_t> invalid_at;
  std::size_t code_points = 0;
};

// RFC 3629 §4 syntax: UTF8-2 = %xC2-DF tail; UTF8-3 = %xE0 %xA0-BF tail / %xE1-EC 2tail /
// %xED %x80-9F tail / %xEE-EF 2tail; UTF8-4 = %xF0 %x90-BF 2tail / %xF1-F3 3tail /
// %xF4 %x80-8F 2tail.
reference_result reference_utf8(std::string_view s) {
  reference_result r;
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto tail = [&](std::size_t k, unsigned lo, unsigned hi) {
    return k < s.size() && byte(k) >= lo && byte(k) <= hi;
  };
  while (i < s.size()) {
    const unsigned b = byte(i);
    std::size_t n = 0;
    bool ok = false;
    if (b <= 0x7F) {
      n = 1;
      ok = true;
    } else if (b >= 0xC2 && b <= 0xDF) {
      n = 2;
      ok = tail(i + 1, 0x80, 0xBF);
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 3;
      const unsigned lo = b == 0xE0 ? 0xA0 : 0x80;
      const unsigned hi = b == 0xED ? 0x9F : 0xBF;
      ok = tail(i + 1, lo, hi) && tail(i + 2, 0x80, 0xBF);
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 4;
      const unsigned lo = b == 0xF0 ? 0x90 : 0x80;
      const unsigned hi = b == 0xF4 ? 0x8F : 0xBF;
      ok = tail(i + 1, lo, hi) && tail(i + 2, 0x80, 0xBF) && tail(i + 3, 0x80, 0xBF);
    }
    if (!ok) {
      r.invalid_at = i;
      return r;
    }
    i += n;
    ++r.code_points;
  }
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sim::fuzz::check;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto ref = reference_utf8(in);
  const auto got = sim::core::first_invalid_utf8(in);
  check(got.has_value() == ref.invalid_at.has_value(), "first_invalid_utf8 validity agrees");
  if (got) {
    // The reference reports the start of the bad sequence; allow the implementation to point at
    // the same sequence start only (that is what the contract says: the first offending byte's
    // sequence). Both must be inside the input.
    check(*got < size, "invalid offset inside the input");
    check(*got == *ref.invalid_at, "first_invalid_utf8 offset agrees with RFC 3629 reference");
    // Everything before the reported offset is valid.
    check(!sim::core::first_invalid_utf8(in.substr(0, *got)), "prefix before offset is valid");
  } else {
    check(sim::core::utf8_length(in) == ref.code_points, "utf8_length counts code points");
    const std::string folded = sim::core::fold_case_vi(in);
    check(!sim::core::first_invalid_utf8(folded), "fold_case_vi keeps UTF-8 valid");
    check(sim::core::utf8_length(folded) == ref.code_points, "fold_case_vi keeps length");
    check(sim::core::fold_case_vi(folded) == folded, "fold_case_vi is idempotent");
    const std::string collapsed = sim::core::collapse_spaces(in);
    check(!sim::core::first_invalid_utf8(collapsed), "collapse_spaces keeps UTF-8 valid");
    check(collapsed.size() <= size, "collapse_spaces never grows");
    check(sim::core::collapse_spaces(collapsed) == collapsed, "collapse_spaces is idempotent");
  }
  // Invalid input goes through the text helpers too (documented to pass bad bytes through).
  (void)sim::core::fold_case_vi(in);
  (void)sim::core::collapse_spaces(in);
  return 0;
}
