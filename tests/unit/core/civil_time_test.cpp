#include "simulator/core/civil_time.hpp"

#include <gtest/gtest.h>

namespace sim::core {
namespace {

TEST(CivilTime, ParsesValidDateTime) {
  auto t = parse_yyyymmddhhmm("202402291830");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->year, 2024);
  EXPECT_EQ(t->day, 29);
  EXPECT_EQ(t->to_yyyymmddhhmm(), "202402291830");
}

TEST(CivilTime, RejectsImpossibleDates) {
  EXPECT_FALSE(parse_yyyymmdd("20230229"));
  EXPECT_FALSE(parse_yyyymmdd("20241301"));
  EXPECT_FALSE(parse_yyyymmddhhmm("202401012400"));
  EXPECT_FALSE(parse_yyyymmddhhmm("20240101123"));
  EXPECT_FALSE(parse_yyyymmdd("2024010a"));
}

TEST(CivilTime, MinutesRoundTrip) {
  auto t = *parse_yyyymmddhhmm("199912312359");
  EXPECT_EQ(civil_time::from_minutes(t.to_minutes()), t);
  EXPECT_EQ(civil_time::from_minutes(t.to_minutes() + 1).to_yyyymmddhhmm(), "200001010000");
}

}  // namespace
}  // namespace sim::core
