// sim::services::portal — electronic certificates (chứng từ điện tử) sent to the egw gateway
// under BHXH's "Phụ lục 02" (PL02): `POST /api/chungtugw/GuiHoSoChungTu2025` (loaiHs 39, package
// root HSCHUNGTU: the TT 25/2025 certificates) and `POST /api/hososuckhoe/guiGiayToDienTu`
// (loaiHs 60 HSDLGBT death notice, 61 HSDLGCS birth certificate). Result codes 200, 205
// "fileBase64Str không hợp lệ", 401, 500, 1001 "file size quá dài" (spec §3.3, from QLBV
// config/ctdt.php).
//
// Wire (PL02 as transcribed by two HIS vendors; docs/portal.md): a form-urlencoded body with
// maCskcb, token, id_token, username, password (MD5), loaiHs, fileBase64Str — no custom
// headers — answered {"MaKetQua","MaGD","ThoiGianTiepNhan"} (+ "ThongDiep", a simulator
// addition). portal_service routes both paths here (endpoint name "certificate"); accepted
// packages are journalled (submission kind "certificate") before MaKetQua 200.
//
//   if (auto why = check_certificate_file(xml, "39")) { /* 205, *why says what is wrong */ }
//
// What is checked (assumption, docs/portal.md): UTF-8, no DTD/ENTITY declarations, nesting at
// most 32 deep, well-formed XML, and a root element matching loaiHs. Not checked: the
// documents inside (NOIDUNGFILE), the CHUKYDONVI signature, MACSKCB inside the package.
// Thread safety: free functions; safe to call concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sim::services::portal {

inline constexpr std::string_view k_certificate_2025_path = "/api/chungtugw/GuiHoSoChungTu2025";
inline constexpr std::string_view k_health_paper_path = "/api/hososuckhoe/guiGiayToDienTu";

// The package root of a PL02 loaiHs ("39" HSCHUNGTU, "60" HSDLGBT, "61" HSDLGCS); "" otherwise.
std::string_view certificate_root(std::string_view loai_hs);

// Why a decoded fileBase64Str is refused with 205 (in Vietnamese, for ThongDiep), or nullopt
// when it passes the checks above. Never throws; safe on hostile input (entity bombs, deep
// nesting, invalid UTF-8).
std::optional<std::string> check_certificate_file(std::string_view xml, std::string_view loai_hs);

}  // namespace sim::services::portal
