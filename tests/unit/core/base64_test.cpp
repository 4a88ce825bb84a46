#include "simulator/core/base64.hpp"

#include <gtest/gtest.h>

namespace sim::core {
namespace {

TEST(Base64, RoundTripsAllLengths) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    std::string out;
    ASSERT_FALSE(base64_decode(base64_encode(bytes), out, 1000));
    EXPECT_EQ(out, bytes);
    bytes += static_cast<char>(i * 37);
  }
}

TEST(Base64, SkipsLineBreaks) {
  std::string out;
  ASSERT_FALSE(base64_decode("aGVs\r\nbG8=", out, 100));
  EXPECT_EQ(out, "hello");
}

TEST(Base64, RejectsGarbage) {
  std::string out;
  auto err = base64_decode("aGVs*G8=", out, 100);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->offset, 4u);
  EXPECT_TRUE(base64_decode("aGVsbG8=a", out, 100));
  EXPECT_TRUE(base64_decode("a", out, 100));
  EXPECT_TRUE(base64_decode("a===", out, 100));
}

TEST(Base64, EnforcesOutputLimit) {
  std::string out;
  auto err = base64_decode(base64_encode(std::string(100, 'x')), out, 50);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->reason, "too large");
}

}  // namespace
}  // namespace sim::core
