// sim::identity — the text a reception scanner reads from the QR code on a card:
//   * the CCCD / căn cước chip card: 7 "|"-separated fields (c06 A5 [C]):
//       #0 số định danh (12 digits) | #1 số CMND cũ (9 digits or empty) | #2 họ và tên |
//       #3 ngày sinh ddmmyyyy | #4 giới tính "Nam"/"Nữ" | #5 nơi thường trú | #6 ngày cấp ddmmyyyy
//     more trailing fields are tolerated (a real sample ends "…|04102024||||", c06 A5 [S]);
//   * the paper BHYT card: at least 8 "|"-separated fields (c06 A5 [S]):
//       #0 mã thẻ | #1 họ tên as hex of its UTF-8 bytes | #2 ngày sinh | #3 giới tính 1/2 |
//       #4 địa chỉ as hex | #5 nơi ĐKKCB | #6 từ ngày | #7 đến ngày | …
//     Dates dd/MM/yyyy (ngày sinh also yyyy alone) are an inference [I] (docs/identity.md).
// The kind is chosen from the first field unless the caller forces it: two ASCII letters
// (a card number such as "HS4010120878811") → BHYT card, anything else → CCCD.
// Trailing CR/LF (keyboard-wedge scanners end with Enter) are dropped before parsing.
//
//   auto r = sim::identity::check_card_qr(
//       "001090123456|012345678|Nguyễn Văn A|01011990|Nam|Hà Nội|15042021", {});
//   // r.kind == qr_kind::cccd, r.valid(), r.cccd.ho_ten == "Nguyễn Văn A"
//
// Findings are QR.* and, for the CCCD's number agreeing with its own date of birth and sex,
// IDNUM.* (id_catalogue.hpp), rendered in vi/en. Never throws for any input bytes; payloads
// larger than a QR code can hold (2953 bytes) are refused unread.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/civil_time.hpp"
#include "simulator/core/finding.hpp"
#include "simulator/identity/id_number.hpp"

namespace sim::identity {

enum class qr_kind { unknown, cccd, bhyt_card };

std::string_view to_string(qr_kind k);  // "unknown", "cccd", "bhyt_card"

// Byte capacity of the largest QR code (version 40, level L, byte mode; ISO/IEC 18004 Table 7).
inline constexpr std::size_t max_qr_payload_bytes = 2953;

struct qr_options {
  qr_kind kind = qr_kind::unknown;        // unknown = choose from the first field
  std::optional<core::civil_time> as_of;  // passed to the ID number check (IDNUM.CENTURY)
};

struct cccd_qr_fields {
  std::string so_dinh_danh, so_cmnd, ho_ten, gioi_tinh, noi_thuong_tru;
  std::optional<core::civil_time> ngay_sinh, ngay_cap;
  int sex = 0;  // 1 Nam, 2 Nữ, 0 unreadable
};

struct bhyt_qr_fields {
  std::string ma_the, ho_ten, dia_chi, noi_dkkcb;  // ho_ten / dia_chi hex-decoded when valid
  std::optional<core::civil_time> ngay_sinh, tu_ngay, den_ngay;
  bool ngay_sinh_year_only = false;
  int gioi_tinh = 0;  // 1, 2, 0 unreadable
};

struct qr_check_result {
  qr_kind kind = qr_kind::unknown;
  std::size_t field_count = 0;            // "|"-separated fields in the payload
  std::vector<std::string> extra_fields;  // fields after the known ones (at most 32 kept)
  cccd_qr_fields cccd;                    // when kind == cccd
  bhyt_qr_fields bhyt;                    // when kind == bhyt_card
  std::optional<id_number_info> id;       // the CCCD's #0 when it is 12 digits
  core::findings findings;                // rendered
  bool valid() const { return !core::has_error(findings); }
};

qr_check_result check_card_qr(std::string_view payload, const qr_options& options = {});

// Hex of UTF-8 bytes as on the BHYT card ("4e677579" → "Nguy"); either case. nullopt when the
// text is not even-length hex. Exposed for tests and for the card printer of a later slice.
std::optional<std::string> decode_hex(std::string_view hex);
std::string encode_hex(std::string_view bytes);  // lower case

}  // namespace sim::identity
