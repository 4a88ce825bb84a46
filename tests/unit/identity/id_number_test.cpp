// IDNUM.*: the 12-digit personal ID number, the 9-digit CMND and the passport form, each code
// produced by exactly the input that breaks its rule and never by a valid number.
#include "simulator/identity/id_number.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "simulator/standard/code_lists.hpp"

namespace {

using sim::core::civil_time;
using sim::identity::check_id_number;
using sim::identity::id_check_options;
using sim::identity::id_kind;

std::vector<std::string> codes(const sim::core::findings& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f.code);
  return out;
}

id_check_options at_2025() { return {.as_of = civil_time{2025, 6, 1}}; }

TEST(id_number, valid_personal_id_is_decoded) {
  auto o = at_2025();
  o.date_of_birth = civil_time{1990, 1, 1};
  o.sex = 1;
  const auto r = check_id_number("001090123456", o);
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().code;
  EXPECT_TRUE(r.valid());
  EXPECT_EQ(r.parsed.kind, id_kind::personal_id);
  EXPECT_EQ(r.parsed.region_code, "001");
  EXPECT_EQ(r.parsed.region_name, "Hà Nội");
  EXPECT_FALSE(r.parsed.region_is_country);
  EXPECT_EQ(r.parsed.century_sex_digit, 0);
  EXPECT_EQ(r.parsed.sex, 1);
  EXPECT_EQ(r.parsed.birth_year, 1990);
  EXPECT_EQ(r.parsed.serial, "123456");
}

TEST(id_number, century_and_sex_digit_table) {
  // c06 A6: 0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s …; even = nam, odd = nữ.
  const struct {
    char digit;
    int year;
    int sex;
  } cases[] = {{'0', 1905, 1}, {'1', 1905, 2}, {'2', 2005, 1}, {'3', 2005, 2},
               {'4', 2105, 1}, {'5', 2105, 2}, {'8', 2305, 1}, {'9', 2305, 2}};
  for (const auto& c : cases) {
    std::string n = "079005000001";
    n[3] = c.digit;
    const auto r = check_id_number(n);  // no as_of: future centuries are not judged
    EXPECT_TRUE(r.findings.empty()) << n;
    EXPECT_EQ(r.parsed.birth_year, c.year) << n;
    EXPECT_EQ(r.parsed.sex, c.sex) << n;
  }
}

TEST(id_number, cmnd_and_passport_forms) {
  auto r = check_id_number("012345678", at_2025());
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.parsed.kind, id_kind::cmnd);
  r = check_id_number("B1234567", at_2025());
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.parsed.kind, id_kind::passport);
  // Birth data is not encoded in either: a given date of birth and sex are not judged.
  auto o = at_2025();
  o.date_of_birth = civil_time{1950, 1, 1};
  o.sex = 2;
  EXPECT_TRUE(check_id_number("012345678", o).findings.empty());
  EXPECT_TRUE(check_id_number("C7654321", o).findings.empty());
}

struct bad_case {
  const char* code;
  std::string number;
  id_check_options options;
};

std::vector<bad_case> bad_cases() {
  auto dob = at_2025();
  dob.date_of_birth = civil_time{1991, 3, 4};
  auto female = at_2025();
  female.sex = 2;
  return {
      {"IDNUM.EMPTY", "", at_2025()},
      {"IDNUM.ENCODING", std::string("00109012345\xff"), at_2025()},
      {"IDNUM.LENGTH", "12345", at_2025()},
      {"IDNUM.LENGTH", "0010901234567", at_2025()},
      {"IDNUM.NOT_DIGITS", "00109012345A", at_2025()},
      {"IDNUM.NOT_DIGITS", "01234 678", at_2025()},
      {"IDNUM.PASSPORT", "b1234567", at_2025()},
      {"IDNUM.PASSPORT", "AB123456", at_2025()},
      {"IDNUM.PROVINCE", "003090123456", at_2025()},
      {"IDNUM.PROVINCE", "099090123456", at_2025()},
      {"IDNUM.COUNTRY", "100090123456", at_2025()},
      {"IDNUM.CENTURY", "001490123456", at_2025()},
      {"IDNUM.CENTURY", "001230123456", at_2025()},  // 2030 > 2025
      {"IDNUM.BIRTH_YEAR", "001090123456", dob},
      {"IDNUM.SEX", "001090123456", female},
  };
}

TEST(id_number, each_bad_input_gives_exactly_its_code) {
  for (const auto& c : bad_cases()) {
    const auto r = check_id_number(c.number, c.options);
    ASSERT_EQ(codes(r.findings), std::vector<std::string>{c.code}) << c.number;
    const auto& f = r.findings.front();
    EXPECT_EQ(f.field, "SO_CCCD");
    EXPECT_FALSE(f.message_vi.empty());
    EXPECT_FALSE(f.message_en.empty());
    EXPECT_EQ(f.message_vi.find("{"), std::string::npos) << f.message_vi;
    // Only IDNUM.COUNTRY is a warning; everything else rejects the number.
    EXPECT_EQ(r.valid(), std::string(c.code) == "IDNUM.COUNTRY") << c.code;
  }
}

TEST(id_number, consistency_checks_pass_on_agreeing_facts) {
  auto o = at_2025();
  o.date_of_birth = civil_time{2001, 12, 31};
  o.sex = 2;
  EXPECT_TRUE(check_id_number("079301000001", o).findings.empty());
  o.sex = 3;  // GIOI_TINH 3 (chưa xác định) is not compared
  EXPECT_TRUE(check_id_number("079201000001", o).findings.empty());
  o.as_of = civil_time{2001, 1, 1};  // born in the checking year: not in the future
  EXPECT_TRUE(check_id_number("079301000001", o).findings.empty());
}

TEST(id_number, messages_name_value_and_detail) {
  auto o = at_2025();
  o.date_of_birth = civil_time{1991, 3, 4};
  const auto f = check_id_number("001090123456", o).findings.at(0);
  EXPECT_EQ(f.value, "1990");
  EXPECT_EQ(f.detail, "1991");
  EXPECT_NE(f.message_vi.find("1990"), std::string::npos) << f.message_vi;
  EXPECT_NE(f.message_vi.find("1991"), std::string::npos) << f.message_vi;
  EXPECT_NE(f.message_en.find("birth year 1990"), std::string::npos) << f.message_en;
  const auto p = check_id_number("003090123456").findings.at(0);
  EXPECT_NE(p.message_vi.find("\"003\""), std::string::npos) << p.message_vi;
}

TEST(id_number, province_table_is_the_63_ma_tinh_codes_with_a_leading_zero) {
  // Spec c06 A6 (TT 07/2016 Phụ lục I) against sim::standard's MA_TINH list.
  const auto* ma_tinh = sim::standard::find_code_list("MA_TINH");
  ASSERT_NE(ma_tinh, nullptr);
  std::set<std::string> expected;
  for (const auto& e : ma_tinh->entries) expected.insert("0" + e.code);
  std::set<std::string> ours;
  for (auto c : sim::identity::province_codes()) ours.insert(std::string(c));
  EXPECT_EQ(ours.size(), 63u);
  EXPECT_EQ(ours, expected);
  for (const auto& e : ma_tinh->entries) {
    EXPECT_NE(sim::identity::province_name("0" + e.code), nullptr) << e.code;
  }
  EXPECT_STREQ(sim::identity::province_name("079"), "TP HCM");
  EXPECT_EQ(sim::identity::province_name("003"), nullptr);
  EXPECT_EQ(sim::identity::province_name("79"), nullptr);
}

TEST(id_number, hostile_values_are_truncated_in_findings) {
  const std::string huge(1 << 20, '7');
  const auto r = check_id_number(huge, at_2025());
  ASSERT_EQ(codes(r.findings), std::vector<std::string>{"IDNUM.LENGTH"});
  EXPECT_LE(r.findings[0].value.size(), 256u);
  EXPECT_EQ(r.findings[0].detail, std::to_string(1 << 20));
  EXPECT_LE(r.parsed.number.size(), 256u);
}

}  // namespace
