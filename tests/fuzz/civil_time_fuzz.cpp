// Fuzz target: the standard's date formats (yyyyMMdd, yyyyMMddHHmm) — NGAY_VAO, NGAY_RA,
// NGAYLAP and every other date of a claim go through these parsers.
// Properties: whatever parses prints back to exactly the input (so no sign, space or impossible
// date is accepted) and survives a round trip through minutes since the epoch.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "simulator/core/civil_time.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sim::core::civil_time;
  using sim::fuzz::check;
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  if (const auto d = sim::core::parse_yyyymmdd(in)) {
    check(d->to_yyyymmdd() == in, "parse_yyyymmdd prints back to its input");
    check(d->day <= sim::core::days_in_month(d->year, d->month), "day exists");
    check(civil_time::from_minutes(d->to_minutes()) == *d, "minutes round trip (date)");
  }
  if (const auto t = sim::core::parse_yyyymmddhhmm(in)) {
    check(t->to_yyyymmddhhmm() == in, "parse_yyyymmddhhmm prints back to its input");
    check(t->hour < 24 && t->minute < 60, "time of day exists");
    check(civil_time::from_minutes(t->to_minutes()) == *t, "minutes round trip (datetime)");
  }
  if (const auto e = sim::core::parse_date_or_datetime(in)) {
    check(in.size() == 8 || in.size() == 12, "either form, chosen by length");
    check((in.size() == 8 ? e->to_yyyymmdd() : e->to_yyyymmddhhmm()) == in,
          "parse_date_or_datetime prints back to its input");
  }
  return 0;
}
