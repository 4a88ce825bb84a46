// QR.*: the CCCD chip-card QR and the paper BHYT card QR; each code from the input that breaks
// its rule, and a corpus of hostile payloads (empty, 10,000 pipes, binary, non-UTF-8, huge).
#include "simulator/identity/card_qr.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "simulator/core/random.hpp"
#include "simulator/core/utf8.hpp"
#include "simulator/identity/id_catalogue.hpp"

namespace {

using sim::core::civil_time;
using sim::identity::check_card_qr;
using sim::identity::encode_hex;
using sim::identity::qr_kind;
using sim::identity::qr_options;

const std::string good_cccd =
    "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 1 phố Huế, Hà Nội|15042021";

std::string good_bhyt() {
  return "HS4010120878811|" + encode_hex("Nguyễn Thị Bình") + "|24/09/2005|2|" +
         encode_hex("Thôn Đông, xã Yên Sở, Hà Nội") + "|01013|01/01/2025|31/12/2025";
}

qr_options at_2025() { return {.as_of = civil_time{2025, 6, 1}}; }

std::vector<std::string> codes(const sim::core::findings& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f.code);
  return out;
}

// Replaces field `i` of a "|"-separated payload.
std::string with_field(const std::string& payload, std::size_t i, const std::string& value) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    auto bar = payload.find('|', start);
    fields.push_back(payload.substr(start, bar == std::string::npos ? bar : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  fields.at(i) = value;
  std::string out;
  for (std::size_t k = 0; k < fields.size(); ++k) out += (k ? "|" : "") + fields[k];
  return out;
}

TEST(card_qr, valid_cccd_is_parsed) {
  const auto r = check_card_qr(good_cccd, at_2025());
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().code;
  EXPECT_EQ(r.kind, qr_kind::cccd);
  EXPECT_EQ(r.field_count, 7u);
  EXPECT_EQ(r.cccd.so_dinh_danh, "001090123456");
  EXPECT_EQ(r.cccd.so_cmnd, "012345678");
  EXPECT_EQ(r.cccd.ho_ten, "Nguyễn Văn An");
  EXPECT_EQ(r.cccd.ngay_sinh, (civil_time{1990, 1, 1}));
  EXPECT_EQ(r.cccd.ngay_cap, (civil_time{2021, 4, 15}));
  EXPECT_EQ(r.cccd.sex, 1);
  ASSERT_TRUE(r.id.has_value());
  EXPECT_EQ(r.id->region_name, "Hà Nội");
}

TEST(card_qr, cccd_variants_that_real_cards_produce_are_accepted) {
  // Extra trailing empty fields (c06 A5 [S]), an empty CMND, a 12-digit cancelled number in #1,
  // a female holder, and the scanner's trailing CR/LF.
  for (const std::string& p :
       {good_cccd + "||||", with_field(good_cccd, 1, ""), with_field(good_cccd, 1, "001090000001"),
        with_field(with_field(good_cccd, 0, "001190123456"), 4, "Nữ"), good_cccd + "\r\n"}) {
    const auto r = check_card_qr(p, at_2025());
    EXPECT_TRUE(r.findings.empty()) << p << " → " << r.findings.front().code;
    EXPECT_EQ(r.kind, qr_kind::cccd);
  }
  EXPECT_EQ(check_card_qr(good_cccd + "||||", at_2025()).extra_fields.size(), 4u);
}

TEST(card_qr, valid_bhyt_card_is_parsed_and_hex_decoded) {
  const auto r = check_card_qr(good_bhyt(), at_2025());
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().code;
  EXPECT_EQ(r.kind, qr_kind::bhyt_card);
  EXPECT_EQ(r.bhyt.ma_the, "HS4010120878811");
  EXPECT_EQ(r.bhyt.ho_ten, "Nguyễn Thị Bình");
  EXPECT_EQ(r.bhyt.dia_chi, "Thôn Đông, xã Yên Sở, Hà Nội");
  EXPECT_EQ(r.bhyt.ngay_sinh, (civil_time{2005, 9, 24}));
  EXPECT_EQ(r.bhyt.gioi_tinh, 2);
  EXPECT_EQ(r.bhyt.tu_ngay, (civil_time{2025, 1, 1}));
  EXPECT_EQ(r.bhyt.den_ngay, (civil_time{2025, 12, 31}));
  // Upper-case hex, a year-only birth date and trailing fields are accepted too.
  std::string upper = encode_hex("Lê Văn C");
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const auto r2 = check_card_qr(with_field(with_field(good_bhyt(), 1, upper), 2, "1950") + "|x|$");
  EXPECT_TRUE(r2.findings.empty()) << r2.findings.front().code;
  EXPECT_EQ(r2.bhyt.ho_ten, "Lê Văn C");
  EXPECT_TRUE(r2.bhyt.ngay_sinh_year_only);
  EXPECT_EQ(r2.extra_fields, (std::vector<std::string>{"x", "$"}));
}

TEST(card_qr, hex_round_trip) {
  EXPECT_EQ(encode_hex("Nguy"), "4e677579");
  EXPECT_EQ(sim::identity::decode_hex("4E677579"), "Nguy");
  EXPECT_FALSE(sim::identity::decode_hex("4e6").has_value());
  EXPECT_FALSE(sim::identity::decode_hex("zz").has_value());
}

struct bad_qr {
  std::vector<std::string> expected;
  std::string payload;
};

std::vector<bad_qr> bad_payloads() {
  const std::string b = good_bhyt();
  return {
      {{"QR.EMPTY"}, ""},
      {{"QR.EMPTY"}, "\r\n"},
      {{"QR.TOO_LARGE"}, std::string(2954, 'A')},
      {{"QR.ENCODING"}, good_cccd + "\xc3"},
      {{"QR.CONTROL_CHAR"}, with_field(good_cccd, 5, std::string("Hà\x01Nội"))},
      // The 6-field layout some apps assume (no CMND) is wrong for real cards (c06 A5 [I]).
      {{"QR.FIELD_COUNT"}, "001090123456|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021"},
      {{"QR.FIELD_COUNT"}, "HS4010120878811|4e|01/01/2000|1"},
      {{"QR.REQUIRED"}, with_field(good_cccd, 2, "")},
      {{"QR.REQUIRED"}, with_field(b, 5, "")},
      {{"QR.ID_NUMBER"}, with_field(good_cccd, 0, "00109012345")},
      {{"QR.OLD_ID"}, with_field(good_cccd, 1, "01234567X")},
      {{"QR.DATE"}, with_field(good_cccd, 6, "31022021")},
      {{"QR.DATE"}, with_field(good_cccd, 3, "1990-01-01")},
      {{"QR.DATE"}, with_field(b, 2, "2005-09-24")},
      {{"QR.DATE"}, with_field(b, 7, "31/13/2025")},
      {{"QR.DATE_ORDER"}, with_field(good_cccd, 6, "31121989")},
      {{"QR.DATE_ORDER"}, with_field(b, 7, "31/12/2024")},
      {{"QR.SEX"}, with_field(good_cccd, 4, "nam")},
      {{"QR.SEX"}, with_field(b, 3, "3")},
      {{"QR.CARD_NUMBER"}, with_field(b, 0, "HS6010120878811")},
      {{"QR.CARD_NUMBER"}, with_field(b, 0, "HS401012087881")},
      {{"QR.HEX"}, with_field(b, 1, "4e6")},
      {{"QR.HEX"}, with_field(b, 4, "4e67zz")},
      {{"QR.HEX_UTF8"}, with_field(b, 1, "4eff")},
      {{"QR.CONTROL_CHAR"}, with_field(b, 4, "4e00")},
      // The CCCD's number against its own date of birth and sex (IDNUM.* inside QR).
      {{"IDNUM.BIRTH_YEAR"}, with_field(good_cccd, 3, "01011991")},
      {{"IDNUM.SEX"}, with_field(good_cccd, 4, "Nữ")},
      {{"IDNUM.PROVINCE"}, with_field(good_cccd, 0, "003090123456")},
      // 2190 is after the checking date and is not the card's 1990 either.
      {{"IDNUM.CENTURY", "IDNUM.BIRTH_YEAR"}, with_field(good_cccd, 0, "001490123456")},
  };
}

TEST(card_qr, each_bad_payload_gives_exactly_its_codes) {
  for (const auto& c : bad_payloads()) {
    const auto r = check_card_qr(c.payload, at_2025());
    auto got = codes(r.findings);
    auto want = c.expected;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want) << c.payload.substr(0, 120);
    EXPECT_FALSE(r.valid());
    for (const auto& f : r.findings) {
      EXPECT_FALSE(f.message_vi.empty());
      EXPECT_EQ(f.message_en.find("{"), std::string::npos) << f.message_en;
    }
  }
}

TEST(card_qr, findings_name_the_field_by_index) {
  const auto r = check_card_qr(with_field(good_cccd, 6, "31022021"), at_2025());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].field, "ngay_cap (#6)");
  EXPECT_EQ(r.findings[0].value, "31022021");
  EXPECT_NE(r.findings[0].message_vi.find("ngay_cap (#6)"), std::string::npos);
  EXPECT_NE(r.findings[0].message_en.find("ddmmyyyy"), std::string::npos);
  const auto idr = check_card_qr(with_field(good_cccd, 4, "Nữ"), at_2025());
  EXPECT_EQ(idr.findings.at(0).field, "so_dinh_danh (#0)");
}

TEST(card_qr, kind_can_be_forced) {
  qr_options o = at_2025();
  o.kind = qr_kind::bhyt_card;
  const auto r = check_card_qr(good_cccd, o);
  EXPECT_EQ(r.kind, qr_kind::bhyt_card);
  EXPECT_EQ(codes(r.findings), std::vector<std::string>{"QR.FIELD_COUNT"});
}

// Every finding of a hostile payload is a catalogue code with both messages, valid UTF-8.
void expect_sane(const std::string& payload, const char* what) {
  const auto start = std::chrono::steady_clock::now();
  const auto r = check_card_qr(payload, at_2025());
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  EXPECT_LT(ms, 200) << what;
  EXPECT_FALSE(r.valid()) << what;
  EXPECT_LE(r.findings.size(), 16u) << what;
  EXPECT_LE(r.extra_fields.size(), 32u) << what;
  for (const auto& f : r.findings) {
    bool known = false;
    for (const auto& e : sim::identity::identity_catalogue()) known = known || e.code == f.code;
    EXPECT_TRUE(known) << what << ": " << f.code;
    EXPECT_FALSE(sim::core::first_invalid_utf8(f.message_vi).has_value()) << what;
    EXPECT_FALSE(sim::core::first_invalid_utf8(f.message_en).has_value()) << what;
    EXPECT_LE(f.value.size(), 256u) << what;
  }
}

TEST(card_qr, malformed_corpus) {
  std::string binary;
  for (int i = 0; i < 256; ++i) binary.push_back(static_cast<char>(i));
  std::string nul_fields = good_cccd;
  nul_fields[3] = '\0';
  expect_sane("", "empty");
  expect_sane(std::string(10000, '|'), "10,000 pipes");
  EXPECT_EQ(codes(check_card_qr(std::string(10000, '|')).findings),
            std::vector<std::string>{"QR.TOO_LARGE"});
  expect_sane(std::string(2000, '|'), "2,000 pipes");
  expect_sane(binary, "binary 0..255");
  expect_sane(std::string(100, '\0'), "NULs");
  expect_sane(nul_fields, "NUL inside the number");
  expect_sane("\xff\xfe" + good_cccd, "non-UTF-8 (BOM of UTF-16)");
  expect_sane("\xc0\xaf|a|b|c|d|e|f", "overlong UTF-8");
  expect_sane(std::string(1 << 24, 'x'), "16 MiB");
  expect_sane(std::string(2953, '|'), "exactly the capacity, all pipes");
  expect_sane("|||||||", "eight empty fields");
  expect_sane("HS|||||||||", "BHYT kind, empty fields");
  expect_sane(std::string(2953, 'A'), "one long field");
  expect_sane("\xed\xa0\x80|1|2|3|4|5|6", "UTF-16 surrogate in UTF-8");
  // Seeded random payloads: bytes from a small alphabet that reaches every parser branch.
  sim::core::xoshiro256 rng(10);
  const std::string alphabet = "0123456789|/ANamNữHSabcdef\xff\xc3\r\n";
  for (int i = 0; i < 2000; ++i) {
    std::string p;
    const auto len = rng.next() % 120;
    for (std::uint64_t k = 0; k < len; ++k) p.push_back(alphabet[rng.next() % alphabet.size()]);
    const auto r = check_card_qr(p, at_2025());
    for (const auto& f : r.findings) EXPECT_FALSE(f.message_vi.empty()) << p;
  }
}

}  // namespace
