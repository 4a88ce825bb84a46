// sim::engine — the virtual clock of a sandbox. Every piece of the simulator reads time through
// a virtual_clock, never the wall clock, so that token expiry, certificate validity, processing
// delays and the 24-hour display SLA can be compressed, frozen or jumped over in tests and in
// classrooms (house style §2).
//
// now() = anchor_virtual + (real_now() − anchor_real) × scale, or anchor_virtual when frozen.
// By default the clock starts at the real current time and runs at 1×.
//
//   sim::engine::virtual_clock clock(sim::engine::system_time_source());
//   clock.set_scale(3600);            // 1 real second = 1 virtual hour
//   clock.advance(std::chrono::hours(48));
//   auto t = clock.now();
//
// Errors: set_scale rejects scale ≤ 0 or > 1e6 (returns false).
// Thread safety: all members are safe to call concurrently (one mutex; reads are short).
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/core/civil_time.hpp"

namespace sim::engine {

using sys_time = std::chrono::system_clock::time_point;
using time_source = std::function<sys_time()>;

// The only place that reads the wall clock.
time_source system_time_source();

struct clock_state {
  sys_time now;
  double scale = 1.0;
  bool frozen = false;
};

class virtual_clock {
 public:
  explicit virtual_clock(time_source real);

  sys_time now() const;
  clock_state state() const;

  void set(sys_time virtual_now);
  void advance(std::chrono::nanoseconds by);
  bool set_scale(double scale);
  void freeze(bool frozen);

 private:
  sys_time now_locked() const;

  time_source real_;
  mutable std::mutex mutex_;
  sys_time anchor_real_;
  sys_time anchor_virtual_;
  double scale_ = 1.0;
  bool frozen_ = false;
};

// Vietnam local civil time (UTC+7, no daylight saving) of an instant: the standard's times
// (NGAY_VAO, NGAYLAP, thoiGianTiepNhan…) are all local.
core::civil_time to_vietnam_civil(sys_time t);
sys_time from_vietnam_civil(const core::civil_time& c);

// ISO-8601 instants and durations as the admin API speaks them.
std::string format_iso8601_utc(sys_time t);                      // 2026-12-03T04:30:00Z
std::optional<sys_time> parse_iso8601(std::string_view text);    // Z or ±hh:mm offsets
std::optional<std::chrono::nanoseconds> parse_iso8601_duration(std::string_view text);  // PT48H

}  // namespace sim::engine
