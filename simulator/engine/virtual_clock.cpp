#include "simulator/engine/virtual_clock.hpp"

#include <cmath>
#include <cstdio>

namespace sim::engine {
namespace {

constexpr std::int64_t vietnam_offset_minutes = 7 * 60;

using core::parse_fixed_digits;

}  // namespace

time_source system_time_source() {
  return [] { return std::chrono::system_clock::now(); };
}

virtual_clock::virtual_clock(time_source real) : real_(std::move(real)) {
  anchor_real_ = real_();
  anchor_virtual_ = anchor_real_;
}

sys_time virtual_clock::now_locked() const {
  if (frozen_) return anchor_virtual_;
  const auto elapsed = real_() - anchor_real_;
  if (scale_ == 1.0) return anchor_virtual_ + elapsed;
  const auto scaled = std::chrono::duration<double, std::nano>(elapsed) * scale_;
  return anchor_virtual_ + std::chrono::duration_cast<sys_time::duration>(scaled);
}

sys_time virtual_clock::now() const {
  std::lock_guard lock(mutex_);
  return now_locked();
}

clock_state virtual_clock::state() const {
  std::lock_guard lock(mutex_);
  return {now_locked(), scale_, frozen_};
}

void virtual_clock::set(sys_time virtual_now) {
  std::lock_guard lock(mutex_);
  anchor_real_ = real_();
  anchor_virtual_ = virtual_now;
}

void virtual_clock::advance(std::chrono::nanoseconds by) {
  std::lock_guard lock(mutex_);
  const auto current = now_locked();
  anchor_real_ = real_();
  anchor_virtual_ = current + std::chrono::duration_cast<sys_time::duration>(by);
}

bool virtual_clock::set_scale(double scale) {
  if (!(scale > 0.0) || scale > 1e6 || std::isnan(scale)) return false;
  std::lock_guard lock(mutex_);
  anchor_virtual_ = now_locked();
  anchor_real_ = real_();
  scale_ = scale;
  return true;
}

void virtual_clock::freeze(bool frozen) {
  std::lock_guard lock(mutex_);
  anchor_virtual_ = now_locked();
  anchor_real_ = real_();
  frozen_ = frozen;
}

core::civil_time to_vietnam_civil(sys_time t) {
  const auto minutes = std::chrono::floor<std::chrono::minutes>(t.time_since_epoch()).count() +
                       vietnam_offset_minutes;
  return core::civil_time::from_minutes(minutes);
}

sys_time from_vietnam_civil(const core::civil_time& c) {
  return sys_time{std::chrono::minutes(c.to_minutes() - vietnam_offset_minutes)};
}

std::string format_iso8601_utc(sys_time t) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(t);
  const auto c = core::civil_time::from_minutes(
      std::chrono::floor<std::chrono::minutes>(secs.time_since_epoch()).count());
  const auto s = static_cast<int>(secs.time_since_epoch().count() % 60 + 60) % 60;
  if (c.year < 0 || c.year > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day,
                  c.hour, c.minute, s);
    return buf;
  }
  // Every journalled exchange formats two of these: digits by hand rather than snprintf.
  std::string out = "0000-00-00T00:00:00Z";
  const auto put = [&out](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10)
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  put(11, c.hour, 2);
  put(14, c.minute, 2);
  put(17, s, 2);
  return out;
}

std::optional<sys_time> parse_iso8601(std::string_view s) {
  // yyyy-mm-ddThh:mm[:ss[.fff…]](Z|±hh:mm)
  core::civil_time c;
  int sec = 0;
  if (s.size() < 17) return std::nullopt;
  if (!parse_fixed_digits(s, 0, 4, c.year) || s[4] != '-' ||
      !parse_fixed_digits(s, 5, 2, c.month) || s[7] != '-' || !parse_fixed_digits(s, 8, 2, c.day) ||
      (s[10] != 'T' && s[10] != ' ') || !parse_fixed_digits(s, 11, 2, c.hour) || s[13] != ':' ||
      !parse_fixed_digits(s, 14, 2, c.minute))
    return std::nullopt;
  std::size_t i = 16;
  std::chrono::nanoseconds frac{0};
  if (i < s.size() && s[i] == ':') {
    if (!parse_fixed_digits(s, i + 1, 2, sec) || sec > 59) return std::nullopt;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;  // empty fraction
      std::int64_t scale = 100000000;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        frac += std::chrono::nanoseconds((s[i] - '0') * scale);
        scale /= 10;
        ++i;
      }
    }
  }
  // Years outside 1900–2200 are refused: the simulator has no use for them, and instants past
  // 2262 would overflow the clock's 64-bit nanosecond count (found by fuzzing, docs/fuzzing.md).
  if (c.year < 1900 || c.year > 2200) return std::nullopt;
  auto date = core::parse_yyyymmddhhmm(c.to_yyyymmddhhmm());
  if (!date) return std::nullopt;
  std::int64_t offset_min = 0;
  if (i == s.size()) return std::nullopt;  // a zone is required
  if (s[i] == 'Z' && i + 1 == s.size()) {
    offset_min = 0;
  } else if ((s[i] == '+' || s[i] == '-') && i + 6 == s.size() && s[i + 3] == ':') {
    int oh = 0, om = 0;
    if (!parse_fixed_digits(s, i + 1, 2, oh) || !parse_fixed_digits(s, i + 4, 2, om) || oh > 14 ||
        om > 59)
      return std::nullopt;
    offset_min = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  return sys_time{std::chrono::minutes(date->to_minutes() - offset_min)} +
         std::chrono::seconds(sec) + std::chrono::duration_cast<sys_time::duration>(frac);
}

std::optional<std::chrono::nanoseconds> parse_iso8601_duration(std::string_view s) {
  // P[nD][T[nH][nM][n(.n)S]] (weeks as nW); negative durations are not accepted.
  if (s.size() < 3 || s[0] != 'P') return std::nullopt;
  std::chrono::nanoseconds total{0};
  bool in_time = false, any = false;
  std::size_t i = 1;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    std::size_t start = i;
    int dots = 0;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) dots += s[i++] == '.';
    if (i == start || i == s.size() || dots > 1 || s[start] == '.' || s[i - 1] == '.')
      return std::nullopt;
    double value = 0;
    try {
      value = std::stod(std::string(s.substr(start, i - start)));
    } catch (...) {
      return std::nullopt;
    }
    double unit_seconds = 0;
    const char u = s[i++];
    if (!in_time && u == 'W')
      unit_seconds = 7 * 86400.0;
    else if (!in_time && u == 'D')
      unit_seconds = 86400.0;
    else if (in_time && u == 'H')
      unit_seconds = 3600.0;
    else if (in_time && u == 'M')
      unit_seconds = 60.0;
    else if (in_time && u == 'S')
      unit_seconds = 1.0;
    else
      return std::nullopt;
    // Each part and the running total stay under ~31 years, far from int64 overflow (a sum of
    // bounded parts overflowed before: found by fuzzing, docs/fuzzing.md).
    const double ns = value * unit_seconds * 1e9;
    if (ns > 1e18) return std::nullopt;
    total += std::chrono::nanoseconds(static_cast<std::int64_t>(ns));
    if (total.count() > 1'000'000'000'000'000'000) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

}  // namespace sim::engine
