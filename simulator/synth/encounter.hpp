// sim::synth (private) — the encounter model: one episode of care as typed values, before it is
// written as tables. Money is integer: quantities and unit prices in thousandths (the standard
// allows 3 decimals), amounts in cents (2 decimals).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/civil_time.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/synth/detail/catalogues.hpp"
#include "simulator/synth/detail/random.hpp"
#include "simulator/synth/generator.hpp"
#include "simulator/world/world.hpp"

namespace sim::synth::detail {

struct cost_line {
  bool drug = false;  // XML2 row; else XML3 row
  const drug_entry* d = nullptr;
  const service_entry* s = nullptr;
  const supply_entry* v = nullptr;  // XML3 supply row (MA_NHOM 10)
  int ma_nhom = 0;
  std::int64_t so_luong_milli = 0;
  std::int64_t don_gia_milli = 0;     // XML2 DON_GIA / XML3 DON_GIA_BV
  std::int64_t don_gia_bh_milli = 0;  // XML3 DON_GIA_BH
  int tyle_tt_dv = 100;
  int tyle_tt_bh = 100;
  int muc_huong = 100;
  int ma_pttt = 1;
  // cents
  std::int64_t thanh_tien_bv = 0, thanh_tien_bh = 0;
  std::int64_t nk_nsnn = 0, nk_vtnn = 0, nk_vttn = 0, nk_cl = 0, t_nguonkhac = 0;
  std::int64_t t_bntt = 0, t_bncct = 0, t_bhtt = 0;
  core::civil_time ngay_yl, ngay_th_yl;
  std::optional<core::civil_time> ngay_kq;
  std::string ma_khoa, ma_bac_si, nguoi_thuc_hien, ma_giuong;
};

struct lab_row {
  const service_entry* s = nullptr;
  const lab_index_entry* idx = nullptr;
  std::string gia_tri;
  core::civil_time ngay_kq;
  std::string ma_bs_doc_kq;
};

struct course_row {
  std::string dien_bien;
  core::civil_time thoi_diem;
  std::string nguoi_thuc_hien;
};

struct totals {
  std::int64_t t_thuoc = 0, t_vtyt = 0, t_tongchi_bv = 0, t_tongchi_bh = 0, t_bntt = 0, t_bncct = 0,
               t_bhtt = 0, t_nguonkhac = 0, t_bhtt_gdv = 0;
};

struct doctor {
  std::string cchn;     // practising-certificate number
  std::string ma_bhxh;  // 10 digits (MA_BS of XML7)
  std::string name;
};

struct encounter {
  std::size_t index = 0;
  encounter_kind kind = encounter_kind::outpatient_exam;
  const world::facility* facility = nullptr;
  const world::citizen* patient = nullptr;
  std::string ma_lk, ma_bn, ma_hsba, ma_ttdv;
  std::string ma_loai_kcb, ma_doituong_kcb;
  core::civil_time ngay_vao, ngay_ra;
  std::optional<core::civil_time> ngay_vao_noi_tru;
  int so_ngay_dtri = 0;
  const diagnosis_entry* dx = nullptr;
  const diagnosis_entry* dx_extra = nullptr;
  std::string ma_khoa;       // treating department
  std::string ma_khoa_kham;  // where the first cost arose
  doctor doc;
  std::string ket_qua_dtri, ma_loai_rv;
  std::string ma_noi_den;  // referral destination (MA_LOAI_RV 2)
  std::optional<core::civil_time> ngay_hen_kl;
  std::string can_nang;
  std::vector<cost_line> lines;
  std::vector<lab_row> labs;
  std::vector<course_row> course;
  totals t;
};

// Recomputes the XML1 totals from the lines (spec §6.1).
totals sum_lines(const std::vector<cost_line>& lines);

// Field values of one row by name; written in the table's STT order by `to_row`.
using values = std::map<std::string, std::string, std::less<>>;

std::string money(std::int64_t cents);        // "12500", "12500.5", "-3.25"
std::string milli(std::int64_t thousandths);  // "10", "0.5"
std::string dt12(const core::civil_time& t);
std::string d8(const core::civil_time& t);
core::civil_time plus_minutes(const core::civil_time& t, std::int64_t minutes);

}  // namespace sim::synth::detail
