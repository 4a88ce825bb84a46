// Name comparison of the C06 service: NFC composition, case folding, the per-world
// no-diacritics switch (docs/c06.md "Matching").
#include "simulator/services/c06/names.hpp"

#include <gtest/gtest.h>

namespace sim::services::c06 {
namespace {

TEST(c06_names, composes_decomposed_vietnamese) {
  // "Nguyễn" decomposed: e + circumflex + tilde, and in the other canonical order.
  EXPECT_EQ(compose_vi("Nguye\xCC\x82\xCC\x83n"), "Nguyễn");
  EXPECT_EQ(compose_vi("Nguye\xCC\x83\xCC\x82n"), "Nguyễn");
  // ậ in NFD order: a + dot below (ccc 220) + circumflex (230).
  EXPECT_EQ(compose_vi("a\xCC\xA3\xCC\x82"), "ậ");
  // A precomposed â followed by a combining acute.
  EXPECT_EQ(compose_vi("\xC3\xA2\xCC\x81"), "ấ");
  // ư + hook above; Ơ upper-case + grave.
  EXPECT_EQ(compose_vi("u\xCC\x9B\xCC\x89"), "ử");
  EXPECT_EQ(compose_vi("O\xCC\x9B\xCC\x80"), "Ờ");
  // Already NFC, ASCII, and sequences that are not Vietnamese letters pass through.
  EXPECT_EQ(compose_vi("Phúc"), "Phúc");
  EXPECT_EQ(compose_vi("x\xCC\x81"), "x\xCC\x81");
  EXPECT_EQ(compose_vi("a\xCC\x80\xCC\x81"), "a\xCC\x80\xCC\x81");  // two tones
  EXPECT_EQ(compose_vi("\xFF\xCC\x81"), "\xFF\xCC\x81");            // invalid byte kept
}

TEST(c06_names, match_rules) {
  const std::string reg = "Nguyễn Văn Phúc";
  EXPECT_TRUE(names_match("Nguyễn Văn Phúc", reg, true));
  EXPECT_TRUE(names_match("NGUYỄN VĂN PHÚC", reg, false));       // upper case
  EXPECT_TRUE(names_match("  nguyễn   văn phúc ", reg, false));  // spaces
  EXPECT_TRUE(
      names_match("Nguye\xCC\x82\xCC\x83n Va\xCC\x86n Phu\xCC\x81"
                  "c",
                  reg, false));
  // Without diacritics: only with the switch on.
  EXPECT_TRUE(names_match("NGUYEN VAN PHUC", reg, true));
  EXPECT_FALSE(names_match("NGUYEN VAN PHUC", reg, false));
  // Different diacritics are a different name, switch or not.
  EXPECT_FALSE(names_match("Nguyên Văn Phúc", reg, true));
  EXPECT_FALSE(names_match("Nguyễn Văn Phú", reg, true));
  EXPECT_FALSE(names_match("", reg, true));
  // Đ strips to D.
  EXPECT_TRUE(names_match("DINH VAN KHOA", "Đinh Văn Khoa", true));
}

}  // namespace
}  // namespace sim::services::c06
