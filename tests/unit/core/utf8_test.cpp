#include "simulator/core/utf8.hpp"

#include <gtest/gtest.h>

namespace sim::core {
namespace {

TEST(Utf8, AcceptsVietnamese) {
  EXPECT_FALSE(first_invalid_utf8("Nguyễn Thị Hồng Nhung"));
  EXPECT_EQ(utf8_length("Nguyễn"), 6u);
}

TEST(Utf8, RejectsLatin1AndOverlongs) {
  EXPECT_EQ(first_invalid_utf8("Nguy\xea" "n"), 4u);       // Windows-1258/Latin-1 byte
  EXPECT_EQ(first_invalid_utf8("a\xc0\xaf"), 1u);          // overlong '/'
  EXPECT_EQ(first_invalid_utf8("\xed\xa0\x80"), 0u);       // surrogate
  EXPECT_EQ(first_invalid_utf8("ab\xe1\xba"), 2u);         // truncated sequence
}

}  // namespace
}  // namespace sim::core

#include "simulator/core/text.hpp"

namespace sim::core {
namespace {

TEST(TextVi, FoldsVietnameseCase) {
  EXPECT_EQ(fold_case_vi("NGUYỄN THỊ ĐỨC ƯỚC"), "nguyễn thị đức ước");
  EXPECT_EQ(fold_case_vi("Ơn Ấy"), "ơn ấy");
  EXPECT_EQ(fold_case_vi("abc\xff"), "abc\xff");
  EXPECT_EQ(collapse_spaces("  Trần   Văn  An "), "Trần Văn An");
}

}  // namespace
}  // namespace sim::core
