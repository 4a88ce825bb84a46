// sim::core — civil date/time of the standard's formats (yyyyMMdd, yyyyMMddHHmm) without time
// zones: every time in QĐ 4750 is Vietnam local time (UTC+7), and so is the simulator's clock.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim::core {

struct civil_time {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  auto operator<=>(const civil_time&) const = default;

  // Minutes since 1970-01-01 00:00 (proleptic Gregorian); for ordering and differences.
  std::int64_t to_minutes() const;
  static civil_time from_minutes(std::int64_t minutes);
  std::string to_yyyymmdd() const;
  std::string to_yyyymmddhhmm() const;
};

bool is_leap_year(int year);

// Reads `count` ASCII digits of `text` at `pos` into `out`; false when the text is too short or
// a character is not a digit (shared by every fixed-width date/time format).
bool parse_fixed_digits(std::string_view text, std::size_t pos, std::size_t count, int& out);
int days_in_month(int year, int month);

// Parses "yyyyMMdd" (hour/minute 0). nullopt on any malformation or impossible date.
std::optional<civil_time> parse_yyyymmdd(std::string_view text);
// Parses "yyyyMMddHHmm". nullopt on any malformation or impossible date/time.
std::optional<civil_time> parse_yyyymmddhhmm(std::string_view text);
// Parses either form, chosen by length (8 or 12).
std::optional<civil_time> parse_date_or_datetime(std::string_view text);

}  // namespace sim::core
