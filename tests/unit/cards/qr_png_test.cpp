// QR → PNG: the file signature, the IHDR size that follows from the QR version, level M's
// byte capacity, and clear errors instead of crashes.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "simulator/cards/cards.hpp"

namespace {

using sim::cards::qr_png;

std::uint32_t be32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

// PNG signature, then the IHDR chunk: length 13, "IHDR", width, height, depth, colour type.
void expect_png(const sim::cards::qr_png_result& r, int side) {
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_GT(r.bytes.size(), 33u);
  EXPECT_EQ(r.bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(be32(r.bytes, 8), 13u);
  EXPECT_EQ(r.bytes.substr(12, 4), "IHDR");
  EXPECT_EQ(be32(r.bytes, 16), static_cast<std::uint32_t>(side));
  EXPECT_EQ(be32(r.bytes, 20), static_cast<std::uint32_t>(side));
  EXPECT_EQ(static_cast<int>(r.bytes[24]), 8);  // bit depth
  EXPECT_EQ(static_cast<int>(r.bytes[25]), 0);  // greyscale
  EXPECT_EQ(r.bytes.substr(r.bytes.size() - 8, 4), "IEND");
}

TEST(CardsQrPng, CccdPayloadSignatureAndDimensions) {
  const std::string payload =
      "038068900101||Lê Văn Hạn|15031968|Nam|"
      "Thôn 5, xã Tân Phú, huyện Ninh Sơn, tỉnh Thượng Ninh|12012021";
  const auto r = qr_png(payload);
  ASSERT_TRUE(r.ok()) << r.error;
  // 115 bytes of UTF-8: version 6-M holds 106 bytes, 7-M holds 122 (ISO/IEC 18004 Table 7).
  EXPECT_EQ(payload.size(), 115u);
  EXPECT_EQ(r.version, 7);
  EXPECT_EQ(r.modules, 17 + 4 * 7);
  EXPECT_EQ(r.pixels, (45 + 2 * 4) * 8);
  expect_png(r, r.pixels);
}

TEST(CardsQrPng, OptionsChangeTheImageNotTheSymbol) {
  const auto r = qr_png("038068900101", {.module_pixels = 3, .quiet_zone_modules = 2});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.modules, 21);
  expect_png(r, (21 + 4) * 3);
  EXPECT_FALSE(qr_png("x", {.module_pixels = 0}).ok());
  EXPECT_FALSE(qr_png("x", {.module_pixels = 33}).ok());
  EXPECT_FALSE(qr_png("x", {.quiet_zone_modules = -1}).ok());
}

TEST(CardsQrPng, LevelMCapacityIsTheLimit) {
  // 2331 bytes is exactly version 40-M in byte mode.
  const auto full = qr_png(std::string(2331, 'a'), {.module_pixels = 1});
  ASSERT_TRUE(full.ok()) << full.error;
  EXPECT_EQ(full.version, 40);
  EXPECT_EQ(full.modules, 177);
  expect_png(full, 177 + 8);

  const auto over = qr_png(std::string(2332, 'a'));
  EXPECT_FALSE(over.ok());
  EXPECT_TRUE(over.bytes.empty());
  EXPECT_NE(over.error.find("2332 bytes does not fit"), std::string::npos) << over.error;
  EXPECT_NE(over.error.find("level M"), std::string::npos) << over.error;

  const auto huge = qr_png(std::string(1 << 20, 'x'));
  EXPECT_FALSE(huge.ok());
  EXPECT_FALSE(qr_png("").ok());
}

// A payload with bytes that are not text (a NUL, invalid UTF-8) is still encoded as bytes:
// byte mode carries any octets.
TEST(CardsQrPng, BinaryBytesEncode) {
  const auto r = qr_png(std::string("a\0\xff\xfe", 4));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.version, 1);
}

}  // namespace

// A citizen whose payload reads back fine but is longer than a QR code holds: the image is
// refused with the reason.
TEST(CardsQrPng, OverlongCardPayloadIsAnErrorNotACrash) {
  sim::world::citizen c;
  c.so_dinh_danh = "038090123456";
  c.ho_ten = "Đặng Văn Dài";
  c.date_of_birth = {1990, 5, 1};
  c.gender = sim::world::sex::male;
  c.address = std::string(2400, 'x');
  const auto payload = sim::cards::cccd_payload(c);
  ASSERT_TRUE(payload.ok()) << payload.error;  // the reader accepts it …
  const auto png = qr_png(payload.payload);    // … the encoder cannot
  EXPECT_FALSE(png.ok());
  EXPECT_NE(png.error.find("does not fit in a QR code"), std::string::npos) << png.error;
  const auto card = sim::cards::make_card(c, nullptr);  // so the card is not printable
  EXPECT_FALSE(card.ok());
  EXPECT_TRUE(card.cccd_payload.empty());
  EXPECT_NE(card.error.find("CCCD: payload of 2454 bytes does not fit"), std::string::npos)
      << card.error;
}
