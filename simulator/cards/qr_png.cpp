#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "simulator/cards/cards.hpp"

namespace sim::cards {
namespace {

struct qrcode_deleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

// png_image must be released with png_image_free on every path after a failed call.
struct png_image_guard {
  png_image* image;
  ~png_image_guard() { png_image_free(image); }
};

}  // namespace

qr_png_result qr_png(std::string_view payload, const qr_png_options& options) {
  qr_png_result out;
  if (options.module_pixels < 1 || options.module_pixels > 32 || options.quiet_zone_modules < 0 ||
      options.quiet_zone_modules > 16) {
    out.error = "module_pixels must be 1..32 and quiet_zone_modules 0..16";
    return out;
  }
  if (payload.empty()) {
    out.error = "empty payload";
    return out;
  }
  if (payload.size() > max_payload_bytes) {
    out.error = "payload of " + std::to_string(payload.size()) +
                " bytes does not fit in a QR code (byte mode, level M: at most " +
                std::to_string(max_payload_bytes) + " bytes, version 40)";
    return out;
  }
  // QRcode_encodeData: the whole payload as one 8-bit (byte mode) segment; version 0 = the
  // smallest that fits.
  errno = 0;
  std::unique_ptr<QRcode, qrcode_deleter> code(
      QRcode_encodeData(static_cast<int>(payload.size()),
                        reinterpret_cast<const unsigned char*>(payload.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    const int e = errno;
    out.error = e == ERANGE ? "payload of " + std::to_string(payload.size()) +
                                  " bytes does not fit in a QR code at level M"
                            : "libqrencode failed: " + std::string(std::strerror(e));
    return out;
  }
  out.version = code->version;
  out.modules = code->width;
  const int side_modules = code->width + 2 * options.quiet_zone_modules;
  out.pixels = side_modules * options.module_pixels;

  // 8-bit greyscale, white background; bit 0 of each libqrencode byte = dark module.
  const auto px = static_cast<std::size_t>(out.pixels);
  std::vector<unsigned char> pixels(px * px, 0xff);
  const int m = options.module_pixels;
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if ((code->data[y * code->width + x] & 1) == 0) continue;
      const int x0 = (x + options.quiet_zone_modules) * m;
      const int y0 = (y + options.quiet_zone_modules) * m;
      for (int dy = 0; dy < m; ++dy) {
        std::memset(&pixels[static_cast<std::size_t>(y0 + dy) * px + static_cast<std::size_t>(x0)],
                    0, static_cast<std::size_t>(m));
      }
    }
  }

  // libpng's simplified API: no setjmp/longjmp across our frames.
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(out.pixels);
  image.height = static_cast<png_uint_32>(out.pixels);
  image.format = PNG_FORMAT_GRAY;
  png_image_guard guard{&image};
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr)) {
    out.error = std::string("libpng: ") + image.message;
    return out;
  }
  out.bytes.resize(size);
  if (!png_image_write_to_memory(&image, out.bytes.data(), &size, 0, pixels.data(), 0, nullptr)) {
    out.bytes.clear();
    out.error = std::string("libpng: ") + image.message;
    return out;
  }
  out.bytes.resize(size);
  return out;
}

}  // namespace sim::cards
