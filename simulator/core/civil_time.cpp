#include "simulator/core/civil_time.hpp"

#include <cstdio>

namespace sim::core {
namespace {

// Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

}  // namespace

bool parse_fixed_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos > s.size() || n > s.size() - pos) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

std::int64_t civil_time::to_minutes() const {
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 1440 +
         hour * 60 + minute;
}

civil_time civil_time::from_minutes(std::int64_t minutes) {
  std::int64_t days = minutes / 1440;
  std::int64_t rem = minutes % 1440;
  if (rem < 0) {
    rem += 1440;
    --days;
  }
  civil_time t;
  civil_from_days(days, t.year, t.month, t.day);
  t.hour = static_cast<int>(rem / 60);
  t.minute = static_cast<int>(rem % 60);
  return t;
}

std::string civil_time::to_yyyymmdd() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::string civil_time::to_yyyymmddhhmm() const {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d", year, month, day, hour, minute);
  return buf;
}

std::optional<civil_time> parse_yyyymmdd(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  civil_time t;
  if (!parse_fixed_digits(text, 0, 4, t.year) || !parse_fixed_digits(text, 4, 2, t.month) ||
      !parse_fixed_digits(text, 6, 2, t.day))
    return std::nullopt;
  if (t.year < 1900 || t.month < 1 || t.month > 12 || t.day < 1 ||
      t.day > days_in_month(t.year, t.month))
    return std::nullopt;
  return t;
}

std::optional<civil_time> parse_yyyymmddhhmm(std::string_view text) {
  if (text.size() != 12) return std::nullopt;
  auto date = parse_yyyymmdd(text.substr(0, 8));
  if (!date) return std::nullopt;
  if (!parse_fixed_digits(text, 8, 2, date->hour) || !parse_fixed_digits(text, 10, 2, date->minute))
    return std::nullopt;
  if (date->hour > 23 || date->minute > 59) return std::nullopt;
  return date;
}

std::optional<civil_time> parse_date_or_datetime(std::string_view text) {
  if (text.size() == 8) return parse_yyyymmdd(text);
  if (text.size() == 12) return parse_yyyymmddhhmm(text);
  return std::nullopt;
}

}  // namespace sim::core
