// sim::services::c06 — the operations of the simulated population register over plain values:
// a request as any of the three wire forms carries it (wire.hpp parses them), the grant check
// (codes 004/005), and the answer computed from the register (world citizens).
//
//   lookup_request q{.op = operation::xac_minh_thong_tin_nhan_than, .so_dinh_danh = "…",
//                    .ho_va_ten = "NGUYEN VAN PHUC", .ngay_thang_nam = "19910412"};
//   lookup_answer a = answer(q, find, {.names_without_diacritics = true, .today = …});
//   // a.collection.size() == 1 on a three-factor match, 0 otherwise (no reason given, A4)
//
// Matching (spec c06 A4 [S]; docs/c06.md): the number is SoDinhDanh, else SoCMND; it resolves
// current, cancelled (A6) and old CMND (A7) numbers to the person. The name matches after NFC,
// case folding and — per world — without diacritics (names.hpp). The date of birth matches by
// NgayThangNam (yyyymmdd) or by year only (Nam). A person born after the sandbox's virtual
// today is not yet in the register [I].
// Errors: none; a request missing a field the operation needs is refused by validate().
// Thread safety: pure functions (the finder must be safe to call concurrently).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/civil_time.hpp"
#include "simulator/world/world.hpp"

namespace sim::services::c06 {

enum class operation {
  xac_thuc_thong_tin_cong_dan,       // XacThucThongTinCongDan: yes/no TonTai
  tra_cuu_thong_tin_cong_dan,        // TraCuuThongTinCongDan: three-factor, CongdanCollection
  xac_minh_thong_tin_nhan_than,      // XacMinhThongTinNhanThan: three-factor, CongdanCollection
  xac_minh_thong_tin_nguoi_giam_ho,  // XacMinhThongTinNguoiGiamHo: shape assumed (docs/c06.md)
};

// The wire name, e.g. "XacMinhThongTinNhanThan".
std::string_view to_string(operation op);
// The wire name, or the name + "Request" (as one mock spells its elements); nullopt otherwise.
std::optional<operation> parse_operation(std::string_view name);

struct lookup_request {
  operation op = operation::xac_minh_thong_tin_nhan_than;
  std::string ma_yeu_cau;      // MaYeuCau
  std::string ma_dvc;          // MaDVC (MaDichVu in XacThucThongTinCongDan)
  std::string ma_tich_hop;     // MaTichHop ("037" in every client seen)
  std::string ma_don_vi;       // MaDonVi
  std::string ma_can_bo;       // MaCanBo
  std::string so_dinh_danh;    // SoDinhDanh
  std::string so_cmnd;         // SoCMND (clients send it for 9-digit numbers)
  std::string ho_va_ten;       // HoVaTen
  std::string ngay_thang_nam;  // NgayThangNamSinh/NgayThangNam, yyyymmdd
  std::string nam;             // NgayThangNamSinh/Nam, yyyy (birth year only)
  // XacMinhThongTinNguoiGiamHo (assumed shape): NguoiGiamHo{SoDinhDanh | SoCMND, HoVaTen}.
  std::string giam_ho_so_dinh_danh;
  std::string giam_ho_so_cmnd;
  std::string giam_ho_ho_va_ten;
};

// A request field that is missing or malformed, named as the wire names it; nullopt when the
// request is complete for its operation.
struct request_problem {
  std::string field;    // e.g. "NgayThangNamSinh"
  std::string message;  // Vietnamese
};
std::optional<request_problem> validate(const lookup_request& q);

// Codes of a refused request (spec c06 A4 [S]).
inline constexpr std::string_view code_procedure_not_granted = "004";
inline constexpr std::string_view message_procedure_not_granted =
    "Thủ tục chưa được cấp phép khai thác CSDL dân cư";
inline constexpr std::string_view code_officer_not_allowed = "005";
inline constexpr std::string_view message_officer_not_allowed =
    "Tài khoản cán bộ không có quyền thao tác";

// "004", "005", or empty when `account` may run `q` (MaDVC granted, then MaCanBo allowed;
// an officer "*" allows any).
std::string_view check_grant(const lookup_request& q, const world::c06_account& account);

struct dia_chi {
  std::string ma_tinh_thanh, ma_quan_huyen, ma_phuong_xa, chi_tiet, quoc_gia;
};
struct nguoi_than {
  std::string ho_va_ten, quoc_tich, so_dinh_danh, so_cmnd;
};
// One CongDan of a CongdanCollection, with the fields of spec c06 A4 (docs/c06.md says which
// are filled from the world and which stay empty).
struct cong_dan {
  std::string so_dinh_danh, so_cmnd;
  std::string ho, chu_dem, ten;
  std::string gioi_tinh;  // 1 = Nam, 2 = Nữ (A4 [I]), empty when unknown
  std::string nam, ngay_thang_nam;
  std::string dan_toc, ton_giao, tinh_trang_hon_nhan, nhom_mau, quoc_tich;
  dia_chi noi_dang_ky_khai_sinh, que_quan, thuong_tru, noi_o_hien_tai;
  nguoi_than cha, me, vo_chong, nguoi_dai_dien;
};

struct lookup_answer {
  operation op = operation::xac_minh_thong_tin_nhan_than;
  bool ton_tai = false;              // XacThucThongTinCongDan
  std::vector<cong_dan> collection;  // CongdanCollection: empty = no match
};

using citizen_finder = std::function<const world::citizen*(std::string_view number)>;

struct match_options {
  bool names_without_diacritics = true;
  core::civil_time today;  // the sandbox's virtual date (Vietnam)
};

// The person `number` designates (current, cancelled or old CMND number), in its latest
// version (a sandbox may have replaced the base world's entry); nullptr when none or not yet
// born on `today`.
const world::citizen* resolve(std::string_view number, const citizen_finder& find,
                              const core::civil_time& today);

// Runs a validated request.
lookup_answer answer(const lookup_request& q, const citizen_finder& find,
                     const match_options& options);

// The CongDan of `c` (its guardian, if any, as NguoiDaiDien).
cong_dan to_cong_dan(const world::citizen& c, const citizen_finder& find);

}  // namespace sim::services::c06
