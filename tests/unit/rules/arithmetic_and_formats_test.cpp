// Exact decimal arithmetic of the SUM rules and the identifier shapes of spec §4.
#include <gtest/gtest.h>

#include "simulator/rules/detail/fixed_point.hpp"
#include "simulator/rules/detail/formats.hpp"

namespace {

using namespace sim::rules::detail;

TEST(fixed_point, parses_plain_decimals_only) {
  EXPECT_TRUE(parse_decimal("0"));
  EXPECT_TRUE(parse_decimal("1234.567"));
  for (const char* bad : {"", ".5", "5.", "-1", "+1", "1e3", "1,5", " 1", "1.2.3", "NaN"}) {
    EXPECT_FALSE(parse_decimal(bad)) << bad;
  }
  EXPECT_FALSE(parse_decimal(std::string(31, '9')));
}

TEST(fixed_point, rounds_half_away_from_zero_to_cents) {
  EXPECT_EQ(format_cents(to_cents(*parse_decimal("0.005"))), "0.01");
  EXPECT_EQ(format_cents(to_cents(*parse_decimal("0.00499"))), "0.00");
  EXPECT_EQ(format_cents(to_cents(*parse_decimal("12"))), "12.00");
  EXPECT_EQ(format_cents(-7), "-0.07");
  // 0.1 + 0.2 == 0.3 exactly (a double would not).
  EXPECT_EQ(to_cents(*parse_decimal("0.1")) + to_cents(*parse_decimal("0.2")),
            to_cents(*parse_decimal("0.3")));
}

TEST(fixed_point, products_are_exact) {
  // 3 × 33333.333 = 99999.999 → 100000.00
  auto p = multiply(*parse_decimal("3"), *parse_decimal("33333.333"));
  ASSERT_TRUE(p);
  EXPECT_EQ(format_cents(to_cents(*p)), "100000.00");
  // 0.5 × 245000 × 50/100 = 61250.00
  auto q = multiply(*multiply(*parse_decimal("0.5"), *parse_decimal("245000")),
                    *parse_decimal("50"));
  EXPECT_EQ(format_cents(to_cents(shift_right(*q, 2))), "61250.00");
  // Overflow is reported, never wrapped.
  auto big = *parse_decimal(std::string(30, '9'));
  EXPECT_FALSE(multiply(big, big));
}

TEST(formats, identifiers_of_spec_section_4) {
  EXPECT_TRUE(is_ma_the_bhyt("DN4220123456789"));
  EXPECT_TRUE(is_ma_the_bhyt("TE1220123456789"));
  EXPECT_FALSE(is_ma_the_bhyt("DN6220123456789"));  // benefit digit 1–5
  EXPECT_FALSE(is_ma_the_bhyt("dn4220123456789"));
  EXPECT_FALSE(is_ma_the_bhyt("DN422012345678"));
  EXPECT_TRUE(is_so_cccd("022190001234"));
  EXPECT_TRUE(is_so_cccd("123456789"));
  EXPECT_TRUE(is_so_cccd("B1234567"));
  EXPECT_FALSE(is_so_cccd("0221900012345"));
  EXPECT_FALSE(is_so_cccd("b1234567"));
  EXPECT_FALSE(is_so_cccd("12345678"));
  EXPECT_TRUE(is_ma_cskcb("01013"));
  EXPECT_FALSE(is_ma_cskcb("0101"));
  EXPECT_FALSE(is_ma_cskcb("A1013"));
  EXPECT_TRUE(is_ma_bhxh("0123456789"));
  EXPECT_FALSE(is_ma_bhxh("0000000000"));
  EXPECT_FALSE(is_ma_bhxh("012345678A"));
  EXPECT_TRUE(is_icd10("J06.9"));
  EXPECT_TRUE(is_icd10("J069"));
  EXPECT_TRUE(is_icd10("A15"));
  EXPECT_TRUE(is_icd10("S52.50"));
  EXPECT_FALSE(is_icd10("J6"));
  EXPECT_FALSE(is_icd10("06.9"));
  EXPECT_FALSE(is_icd10("J06."));
  EXPECT_TRUE(is_ma_giuong("H012"));
  EXPECT_FALSE(is_ma_giuong("X012"));
  EXPECT_FALSE(is_ma_giuong("H12"));
  EXPECT_TRUE(is_tt_thau("57/QĐ-TTMS;G1;N1;2022"));
  EXPECT_TRUE(is_tt_thau("57/QĐ-TTMS;G1;N1;2022;G2.01"));
  EXPECT_TRUE(is_tt_thau("12/QĐ-SYT.00;G0;N0;2023"));
  EXPECT_FALSE(is_tt_thau("57/QĐ-TTMS;G1;N1"));
  EXPECT_FALSE(is_tt_thau("57/QĐ-TTMS;1;N1;2022"));
  EXPECT_FALSE(is_tt_thau("57/QĐ-TTMS;G1;N1;22"));
  EXPECT_FALSE(is_tt_thau(";G1;N1;2022"));
  EXPECT_TRUE(is_ma_khoa("K01"));
  EXPECT_TRUE(is_ma_khoa("K19.1"));
  EXPECT_TRUE(is_ma_khoa("K03.D01"));
  EXPECT_FALSE(is_ma_khoa("K1"));
  EXPECT_FALSE(is_ma_khoa("KHOA01"));
  EXPECT_TRUE(is_goi_vtyt("G1"));
  EXPECT_TRUE(is_goi_vtyt("G999"));
  EXPECT_FALSE(is_goi_vtyt("G0"));
  EXPECT_FALSE(is_goi_vtyt("G1000"));
}

TEST(formats, dates_including_impossible_ones) {
  using sim::standard::value_format;
  EXPECT_TRUE(matches_format(value_format::date8, "20240229"));
  EXPECT_FALSE(matches_format(value_format::date8, "20230229"));
  EXPECT_FALSE(matches_format(value_format::date8, "20231301"));
  EXPECT_TRUE(matches_format(value_format::datetime12, "202401011959"));
  EXPECT_FALSE(matches_format(value_format::datetime12, "202401012400"));
  EXPECT_FALSE(matches_format(value_format::datetime12, "20240101"));
  EXPECT_TRUE(is_birth12("199000000000"));   // only the year known
  EXPECT_TRUE(is_birth12("199005000000"));   // day unknown
  EXPECT_TRUE(is_birth12("202402291230"));
  EXPECT_FALSE(is_birth12("199000150000"));  // day without month
  EXPECT_FALSE(is_birth12("202302290000"));
  EXPECT_FALSE(is_birth12("19900101"));
  EXPECT_TRUE(matches_format(value_format::date8_or_12, "20240101"));
  EXPECT_TRUE(matches_format(value_format::date8_or_12, "202401010000"));
}

}  // namespace
