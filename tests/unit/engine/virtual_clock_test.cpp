#include "simulator/engine/virtual_clock.hpp"

#include <gtest/gtest.h>

namespace sim::engine {
namespace {

using namespace std::chrono_literals;

struct fake_real_time {
  sys_time t = *parse_iso8601("2026-12-03T03:00:00Z");
  time_source source() {
    return [this] { return t; };
  }
};

TEST(VirtualClock, StartsAtRealTimeAndFollowsIt) {
  fake_real_time real;
  virtual_clock clock(real.source());
  EXPECT_EQ(clock.now(), real.t);
  real.t += 90s;
  EXPECT_EQ(format_iso8601_utc(clock.now()), "2026-12-03T03:01:30Z");
}

TEST(VirtualClock, ScaleCompressesTime) {
  fake_real_time real;
  virtual_clock clock(real.source());
  ASSERT_TRUE(clock.set_scale(3600));
  real.t += 24s;  // 24 virtual hours
  EXPECT_EQ(format_iso8601_utc(clock.now()), "2026-12-04T03:00:00Z");
  EXPECT_FALSE(clock.set_scale(0));
  EXPECT_FALSE(clock.set_scale(-1));
  EXPECT_EQ(clock.state().scale, 3600);
}

TEST(VirtualClock, FreezeSetAndAdvance) {
  fake_real_time real;
  virtual_clock clock(real.source());
  clock.freeze(true);
  real.t += 1h;
  EXPECT_EQ(format_iso8601_utc(clock.now()), "2026-12-03T03:00:00Z");
  clock.advance(*parse_iso8601_duration("PT48H"));
  EXPECT_EQ(format_iso8601_utc(clock.now()), "2026-12-05T03:00:00Z");
  clock.set(*parse_iso8601("2027-01-01T00:00:00+07:00"));
  EXPECT_EQ(format_iso8601_utc(clock.now()), "2026-12-31T17:00:00Z");
  clock.freeze(false);
  real.t += 1min;
  EXPECT_EQ(format_iso8601_utc(clock.now()), "2026-12-31T17:01:00Z");
}

TEST(VirtualClock, VietnamCivilTimeIsUtcPlus7) {
  auto t = *parse_iso8601("2026-12-03T20:30:00Z");
  EXPECT_EQ(to_vietnam_civil(t).to_yyyymmddhhmm(), "202612040330");
  EXPECT_EQ(from_vietnam_civil(to_vietnam_civil(t)), t);
}

TEST(Iso8601, RejectsMalformed) {
  EXPECT_FALSE(parse_iso8601("2026-12-03"));
  EXPECT_FALSE(parse_iso8601("2026-13-03T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-12-03T00:00:00"));
  EXPECT_FALSE(parse_iso8601_duration("48H"));
  EXPECT_FALSE(parse_iso8601_duration("P"));
  EXPECT_FALSE(parse_iso8601_duration("PT"));
  EXPECT_FALSE(parse_iso8601_duration("P1H"));
  EXPECT_EQ(*parse_iso8601_duration("P1DT30M"), 24h + 30min);
  // Found by fuzzing: overflow of the nanosecond count, and sloppy input accepted.
  EXPECT_FALSE(parse_iso8601("3433-02-03T00:50Z"));
  EXPECT_FALSE(parse_iso8601("1600-02-03T00:50:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-12-03T00:50:00+99:99"));
  EXPECT_FALSE(parse_iso8601("2026-12-03T00:50:00.Z"));
  EXPECT_FALSE(parse_iso8601_duration("P1653WP1653W"));
  std::string many = "P";
  for (int i = 0; i < 10; ++i) many += "1653W";
  EXPECT_FALSE(parse_iso8601_duration(many));
  EXPECT_FALSE(parse_iso8601_duration("PT1.2.3S"));
  EXPECT_FALSE(parse_iso8601_duration("PT.5S"));
  EXPECT_EQ(*parse_iso8601_duration("PT1.5S"), 1500ms);
}

}  // namespace
}  // namespace sim::engine
