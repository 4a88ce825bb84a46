// IDNUM.* and QR.* entries. docs/identity.md lists the same codes (tests/unit/identity keeps
// them in step). {detail} carries language-neutral text only (numbers, field names, codes).
#include "simulator/identity/id_catalogue.hpp"

#include <array>

namespace sim::identity {
namespace {

using core::severity;
using rules::catalogue_entry;

constexpr std::array entries{
    // ---- IDNUM: one identity number ----------------------------------------------------------
    catalogue_entry{"IDNUM.EMPTY", severity::error,
                    "Chưa có số định danh cá nhân, số CMND hoặc số hộ chiếu ({field}).",
                    "No personal ID number, CMND number or passport number was given ({field}).",
                    "SO_CCCD: spec bhyt-portal-and-xml §4, §6.2 (CTN)"},
    catalogue_entry{"IDNUM.ENCODING", severity::error,
                    "Số {field} không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí {detail}).",
                    "The number {field} is not valid UTF-8 text (bad byte at offset {detail}).",
                    "Simulator input hygiene (every byte a user sends is checked as UTF-8)"},
    catalogue_entry{"IDNUM.LENGTH", severity::error,
                    "Số {field} \"{value}\" có {detail} ký tự; phải là số định danh cá nhân 12 "
                    "chữ số, số CMND 9 chữ số hoặc số hộ chiếu 8 ký tự (1 chữ in hoa và 7 chữ "
                    "số).",
                    "The number {field} \"{value}\" has {detail} characters; it must be a 12-digit "
                    "personal ID number, a 9-digit CMND number or an 8-character passport number "
                    "(1 capital letter and 7 digits).",
                    "CTN SO_CCCD \"9,12 ký tự số hoặc 8 ký tự bắt đầu là chữ in hoa và 7 ký tự "
                    "số\"; spec §4, §6.2; c06 A6, A7"},
    catalogue_entry{"IDNUM.NOT_DIGITS", severity::error,
                    "Số {field} \"{value}\" có ký tự không phải chữ số (vị trí {detail}); số định "
                    "danh cá nhân và số CMND chỉ gồm chữ số.",
                    "The number {field} \"{value}\" has a character that is not a digit "
                    "(position {detail}); personal ID and CMND numbers are digits only.",
                    "Luật Căn cước Đ12 k1 (dãy số tự nhiên gồm 12 chữ số); c06 A6, A7; CTN"},
    catalogue_entry{"IDNUM.PASSPORT", severity::error,
                    "Số {field} \"{value}\" có 8 ký tự nhưng không đúng dạng số hộ chiếu: 1 chữ "
                    "cái in hoa (A–Z) rồi 7 chữ số.",
                    "The number {field} \"{value}\" has 8 characters but is not a passport number: "
                    "1 capital letter (A–Z) followed by 7 digits.",
                    "CTN SO_CCCD (8 ký tự bắt đầu là chữ in hoa và 7 ký tự số); spec §4, §6.2"},
    catalogue_entry{"IDNUM.PROVINCE", severity::error,
                    "Mã nơi đăng ký khai sinh \"{value}\" (3 chữ số đầu của số định danh {field}) "
                    "không có trong danh mục 63 mã tỉnh, thành phố (TT 07/2016/TT-BCA Phụ lục I).",
                    "The birth-registration code \"{value}\" (first 3 digits of the personal ID "
                    "number {field}) is not one of the 63 province/city codes (TT 07/2016/TT-BCA "
                    "Phụ lục I).",
                    "NĐ 137/2015 Đ13; TT 07/2016/TT-BCA Đ7, Phụ lục I; c06 A6 [C]"},
    catalogue_entry{"IDNUM.COUNTRY", severity::warning,
                    "3 chữ số đầu \"{value}\" của số định danh {field} là mã quốc gia nơi đăng ký "
                    "khai sinh ở nước ngoài; danh mục mã quốc gia (TT 07/2016/TT-BCA Phụ lục II) "
                    "chưa có trong trình mô phỏng nên mã này không được kiểm tra.",
                    "The first 3 digits \"{value}\" of the personal ID number {field} are the code "
                    "of a country where the birth was registered abroad; the country list "
                    "(TT 07/2016/TT-BCA Phụ lục II) is not in the simulator, so the code is not "
                    "checked.",
                    "TT 07/2016/TT-BCA Phụ lục II; c06 A6 [S] (first digit other than 0)"},
    catalogue_entry{"IDNUM.CENTURY", severity::error,
                    "Chữ số thứ 4 \"{value}\" của số định danh {field} (thế kỷ và giới tính) cho "
                    "năm sinh {detail}, sau ngày kiểm tra.",
                    "The 4th digit \"{value}\" of the personal ID number {field} (century and sex) "
                    "gives birth year {detail}, after the checking date.",
                    "NĐ 137/2015 Đ13; TT 07/2016/TT-BCA Đ7 (0/1 thế kỷ 20 … 8/9 thế kỷ 24); "
                    "c06 A6 [C]"},
    catalogue_entry{"IDNUM.BIRTH_YEAR", severity::error,
                    "Số định danh {field} cho năm sinh {value} nhưng ngày sinh đã cho thuộc năm "
                    "{detail}.",
                    "The personal ID number {field} gives birth year {value} but the given date of "
                    "birth is in {detail}.",
                    "NĐ 137/2015 Đ13 (chữ số 4–6: thế kỷ và năm sinh); c06 A6 [C]"},
    catalogue_entry{"IDNUM.SEX", severity::error,
                    "Chữ số thứ 4 \"{value}\" của số định danh {field} chỉ giới tính khác với "
                    "giới tính đã cho ({detail}; chữ số chẵn = nam, lẻ = nữ; 1 = nam, 2 = nữ).",
                    "The 4th digit \"{value}\" of the personal ID number {field} gives a sex other "
                    "than the one given ({detail}; even digit = male, odd = female; 1 = male, "
                    "2 = female).",
                    "NĐ 137/2015 Đ13; TT 07/2016/TT-BCA Đ7; c06 A6 [C]; GIOI_TINH (QĐ 4750)"},
    // ---- QR: a scanned card payload ---------------------------------------------------------
    catalogue_entry{"QR.EMPTY", severity::error, "Nội dung mã QR rỗng.", "The QR payload is empty.",
                    "c06 A5 (CCCD QR; paper BHYT card QR)"},
    catalogue_entry{"QR.TOO_LARGE", severity::error,
                    "Nội dung mã QR dài {value} byte, vượt sức chứa của một mã QR ({detail} byte); "
                    "nội dung không được đọc tiếp.",
                    "The QR payload is {value} bytes long, more than one QR code can hold "
                    "({detail} bytes); it is not read further.",
                    "ISO/IEC 18004:2015 Table 7 (version 40-L, byte mode: 2953 bytes)"},
    catalogue_entry{"QR.ENCODING", severity::error,
                    "Nội dung mã QR không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí {detail}).",
                    "The QR payload is not valid UTF-8 text (bad byte at offset {detail}).",
                    "c06 A5 (plain text; Vietnamese with diacritics)"},
    catalogue_entry{"QR.CONTROL_CHAR", severity::error,
                    "Trường {field} của mã QR có ký tự điều khiển (mã {detail}).",
                    "Field {field} of the QR payload contains a control character (code {detail}).",
                    "c06 A5 (plain text fields); simulator input hygiene"},
    catalogue_entry{"QR.FIELD_COUNT", severity::error,
                    "Mã QR {value} không đủ số trường phân cách bởi \"|\" (số trường {detail}).",
                    "The {value} QR payload has too few \"|\"-separated fields (fields {detail}).",
                    "c06 A5: CCCD QR 7 fields [C] (extra trailing fields tolerated [S]); BHYT "
                    "card QR 8 fields [S]"},
    catalogue_entry{"QR.REQUIRED", severity::error, "Trường {field} của mã QR bị trống.",
                    "Field {field} of the QR payload is empty.", "c06 A5 (field table)"},
    catalogue_entry{"QR.ID_NUMBER", severity::error,
                    "Trường {field} của mã QR CCCD là \"{value}\"; phải là số định danh cá nhân "
                    "12 chữ số.",
                    "Field {field} of the CCCD QR is \"{value}\"; it must be a 12-digit personal "
                    "ID number.",
                    "c06 A5 (#0 Số CCCD / định danh: 12 digits) [C]"},
    catalogue_entry{"QR.OLD_ID", severity::error,
                    "Trường {field} của mã QR CCCD là \"{value}\"; phải để trống, là số CMND 9 "
                    "chữ số hoặc số định danh đã hủy 12 chữ số.",
                    "Field {field} of the CCCD QR is \"{value}\"; it must be empty, a 9-digit "
                    "CMND number or a cancelled 12-digit personal ID number.",
                    "c06 A5 (#1 Số CMND cũ: 9 digits, may be empty) [C]; NĐ 70/2024 Đ12 k1 "
                    "(cancelled numbers in the QR) [S]; 12 digits in #1 accepted [I]"},
    catalogue_entry{"QR.DATE", severity::error,
                    "Trường {field} của mã QR có ngày \"{value}\" không hợp lệ (định dạng "
                    "{detail}).",
                    "Field {field} of the QR payload has an invalid date \"{value}\" (format "
                    "{detail}).",
                    "c06 A5: CCCD ddmmyyyy [C]; BHYT card dd/MM/yyyy [I]"},
    catalogue_entry{"QR.DATE_ORDER", severity::error,
                    "Trong mã QR, {field} \"{value}\" trước {detail}.",
                    "In the QR payload, {field} \"{value}\" is before {detail}.",
                    "c06 A5 (date of birth ≤ issue date; card valid-from ≤ valid-to) [I]"},
    catalogue_entry{"QR.SEX", severity::error,
                    "Trường {field} của mã QR là \"{value}\"; phải là {detail}.",
                    "Field {field} of the QR payload is \"{value}\"; it must be {detail}.",
                    "c06 A5: CCCD text Nam / Nữ [C]; BHYT card 1 / 2 [S]"},
    catalogue_entry{"QR.CARD_NUMBER", severity::error,
                    "Trường {field} của mã QR thẻ BHYT là \"{value}\"; mã thẻ phải gồm 15 ký tự: "
                    "2 chữ in hoa, 1 chữ số mức hưởng 1–5, 2 chữ số mã tỉnh và 10 chữ số mã số "
                    "BHXH.",
                    "Field {field} of the BHYT card QR is \"{value}\"; a card number has 15 "
                    "characters: 2 capital letters, a benefit digit 1–5, a 2-digit province code "
                    "and the 10-digit BHXH number.",
                    "spec bhyt-portal-and-xml §4 (MA_THE_BHYT ^[A-Z]{2}[1-5]\\d{2}\\d{10}$)"},
    catalogue_entry{"QR.HEX", severity::error,
                    "Trường {field} của mã QR thẻ BHYT không phải chuỗi hex hợp lệ ({detail}).",
                    "Field {field} of the BHYT card QR is not valid hex ({detail}).",
                    "c06 A5 (họ tên, địa chỉ: UTF-8 bytes as hex) [S]"},
    catalogue_entry{"QR.HEX_UTF8", severity::error,
                    "Trường {field} của mã QR thẻ BHYT sau khi giải mã hex không phải văn bản "
                    "UTF-8 hợp lệ (byte lỗi ở vị trí {detail}).",
                    "Field {field} of the BHYT card QR is not valid UTF-8 after hex decoding (bad "
                    "byte at offset {detail}).",
                    "c06 A5 (họ tên, địa chỉ: UTF-8 bytes as hex) [S]"},
};

}  // namespace

std::span<const rules::catalogue_entry> identity_catalogue() { return entries; }

void render_identity(core::finding& f) {
  for (const auto& e : entries) {
    if (e.code == f.code) {
      f.level = e.level;
      break;
    }
  }
  // An explicit span: a bare array would decay to a pointer and pick render(f, bool).
  const std::span<const rules::catalogue_entry> cats[] = {entries};
  rules::render(f, std::span<const std::span<const rules::catalogue_entry>>(cats));
}

}  // namespace sim::identity
