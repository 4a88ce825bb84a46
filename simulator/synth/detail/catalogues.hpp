// sim::synth — small embedded catalogues for the generator only. They are ILLUSTRATIVE: shaped
// like the real DMDC drug, service and supply catalogues, the ICD-10 list and QĐ 5937 PL5
// department codes, but they are not the official catalogues (docs/generate.md).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sim::synth::detail {

struct drug_entry {
  std::string_view ma_thuoc;   // active-ingredient code, "40.17"-shaped
  std::string_view ten_thuoc;  // registered name
  std::string_view ham_luong;
  std::string_view don_vi_tinh;
  std::string_view duong_dung;  // route code (≤ 4 chars)
  std::string_view dang_bao_che;
  std::string_view so_dang_ky;  // registration number
  std::string_view tt_thau;     // SốQĐ;Gói;Nhóm;Năm
  std::int64_t don_gia_vnd;     // unit price, whole đồng
  int ma_nhom;                  // 4 in-list drug, 6 paid by ratio
  int tyle_tt_bh;               // 100, or the ratio for MA_NHOM 6
  bool injection;               // given in hospital (not prescribed to take home)
  std::string_view lieu_dung;   // dosage wording
  int per_day;                  // units per day
};

enum class service_role { exam, lab, imaging, function_test, procedure, bed, emergency_exam };

struct service_entry {
  std::string_view ma_dich_vu;  // XX.YYYY.ZZZZ
  std::string_view ten_dich_vu;
  std::string_view don_vi_tinh;
  std::int64_t don_gia_bv_vnd;  // facility price
  std::int64_t don_gia_bh_vnd;  // price the BHYT fund pays (≤ don_gia_bv)
  int ma_nhom;                  // QĐ 5937 PL3 cost group
  service_role role;
  int lab_index;  // first entry in lab_indices(), -1 = none
  int lab_count;
};

struct supply_entry {
  std::string_view ma_vat_tu;
  std::string_view ten_vat_tu;
  std::string_view don_vi_tinh;
  std::string_view tt_thau;
  std::int64_t don_gia_vnd;
};

struct lab_index_entry {  // one XML4 row (CHI_SO) of a lab / imaging service
  std::string_view ma_chi_so;
  std::string_view ten_chi_so;
  std::string_view don_vi_do;
  int low_x10;  // normal range ×10 (values are written with one decimal)
  int high_x10;
  std::string_view mo_ta;  // imaging: description; labs: empty
  std::string_view ket_luan;
};

struct diagnosis_entry {
  std::string_view icd;        // ICD-10 code
  std::string_view ten;        // Vietnamese name
  std::string_view ly_do_vv;   // typical reason for the visit
  std::string_view dien_bien;  // clinical course wording (XML5)
  bool inpatient_ok;           // plausible for an admission
  bool chronic;                // plausible for outpatient treatment (02)
  std::span<const int> drugs;  // indices into drugs()
};

struct department_entry {
  std::string_view ma_khoa;
  std::string_view ten_khoa;
};

std::span<const drug_entry> drugs();
std::span<const service_entry> services();
std::span<const supply_entry> supplies();
std::span<const lab_index_entry> lab_indices();
std::span<const diagnosis_entry> diagnoses();
std::span<const department_entry> departments();
std::span<const std::string_view> doctor_names();  // full names with diacritics
std::span<const std::string_view> nghe_nghiep();   // 5-digit occupation codes (shape only)

}  // namespace sim::synth::detail
