// Fuzz target: ISO-8601 instants and durations as the admin API reads them
// (sim::engine::parse_iso8601, parse_iso8601_duration).
// Properties: no crash and no undefined behaviour (signed overflow is caught by UBSan in the
// `fuzz` build); a parsed instant printed by format_iso8601_utc parses back to the same second;
// a parsed duration is never negative.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "simulator/engine/virtual_clock.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sim::fuzz::check;
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  if (const auto t = sim::engine::parse_iso8601(in)) {
    const std::string printed = sim::engine::format_iso8601_utc(*t);
    // Offsets may carry an instant out of years 0000–9999, which the format cannot print.
    if (printed.size() == 20) {
      const auto again = sim::engine::parse_iso8601(printed);
      check(again.has_value(), "format_iso8601_utc output parses");
      check(*again == std::chrono::floor<std::chrono::seconds>(*t),
            "parse(format(t)) == t to the second");
    }
  }
  if (const auto d = sim::engine::parse_iso8601_duration(in)) {
    check(d->count() >= 0, "durations are never negative");
  }
  return 0;
}
