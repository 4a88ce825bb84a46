// Rules across the tables of one record (HOSO): MA_LK linkage and conditional tables (LINK.*),
// totals and row formulas (SUM.*, exact fixed-point arithmetic), SO_NGAY_DTRI and the date
// orders that need XML1 (DATE.*).
#include <array>
#include <string>

#include "simulator/rules/detail/emit.hpp"
#include "simulator/rules/detail/fixed_point.hpp"

namespace sim::rules::detail {
namespace {

using standard::table_id;

std::string_view name_of(table_id id) { return standard::to_string(id); }

bool one_of(std::string_view v, std::initializer_list<std::string_view> set) {
  for (auto s : set) {
    if (v == s) return true;
  }
  return false;
}

// ---- LINK ----------------------------------------------------------------------------------

void check_links(const standard::hoso& h, const standard::row& x1, std::string_view ma_lk,
                 emitter& out) {
  // PL4750 MA_LK: "mã đợt điều trị duy nhất (dùng để liên kết giữa Bảng … XML 1 và các bảng còn
  // lại …)"; spec §6.1 "Every row of XML2–XML15 carries the MA_LK of XML1".
  for (const auto& t : h.tables) {
    if (t.id == table_id::xml1) continue;
    int row_no = 0;
    for (const auto& r : t.rows) {
      ++row_no;
      const std::string* v = r.get("MA_LK");
      if (v == nullptr || is_blank(*v) || *v == ma_lk) continue;  // blank: FIELD.REQUIRED
      out.add("LINK.MA_LK", {name_of(t.id), ma_lk, row_no}, "MA_LK", *v, std::string(ma_lk));
    }
  }
  const std::string_view loai_kcb = value_of(x1, "MA_LOAI_KCB");
  const std::string_view loai_rv = value_of(x1, "MA_LOAI_RV");
  const std::string_view ket_qua = value_of(x1, "KET_QUA_DTRI");
  auto has = [&](table_id id) { return h.table(id) != nullptr; };
  auto missing = [&](table_id id, std::string detail) {
    if (!has(id) && out.standard().allowed_in_envelope(id)) {
      out.add("LINK.MISSING_TABLE", {name_of(id), ma_lk, 0}, "", "", std::move(detail));
    }
  };
  auto unexpected = [&](table_id id, std::string detail) {
    if (has(id)) out.add("LINK.UNEXPECTED_TABLE", {name_of(id), ma_lk, 0}, "", "",
                         std::move(detail));
  };
  const std::string kcb = "MA_LOAI_KCB = " + std::string(loai_kcb);
  // Spec §6.1 conditional tables: XML5 "for MA_LOAI_KCB 02/05/08 or inpatient" (03, 04).
  if (one_of(loai_kcb, {"02", "03", "04", "05", "08"})) missing(table_id::xml5, kcb);
  // Spec §6.1: XML8 for inpatient and day inpatient (03, 04); 06 may send it (CTN 'Bang 8' r2).
  if (one_of(loai_kcb, {"03", "04"})) missing(table_id::xml8, kcb);
  // Spec §6.3: missing XML7 (giấy ra viện) for inpatient types. [I] No discharge paper is issued
  // to a patient who escaped (MA_LOAI_RV 3) or died (KET_QUA_DTRI 5, 8).
  if (one_of(loai_kcb, {"03", "04"}) && loai_rv != "3" && !one_of(ket_qua, {"5", "8"})) {
    missing(table_id::xml7, kcb);
  }
  // CTN 'Bang 8 _Tom tat HSBA' r2: "Bảng 8 chỉ có khi MA_LOAI_KCB ở XML1 in ('03','04','06')".
  if (!loai_kcb.empty() && !one_of(loai_kcb, {"03", "04", "06"})) unexpected(table_id::xml8, kcb);
  // PL4750 Bảng 13 note: only when transferred, "có MA_LOAI_RV là 2 hoặc 5".
  if (!loai_rv.empty() && !one_of(loai_rv, {"2", "5"})) {
    unexpected(table_id::xml13, "MA_LOAI_RV = " + std::string(loai_rv));
  }
}

// CTN 'Bang 6_HIV.AIDS', 'Bang 13', 'Bang 14', 'Bang 15': "Nếu có dữ liệu thì phải giống thông
// tin này ở bảng 1".
// Pairs are (field in the table, field in XML1).
struct copy_rule {
  table_id table;
  std::string_view field;
  std::string_view xml1_field;
};
constexpr std::array copies{
    copy_rule{table_id::xml6, "NGAY_SINH", "NGAY_SINH"},            // r5
    copy_rule{table_id::xml6, "GIOI_TINH", "GIOI_TINH"},            // r6
    copy_rule{table_id::xml6, "DIA_CHI", "DIA_CHI"},                // r7
    copy_rule{table_id::xml6, "MATINH_CU_TRU", "MATINH_CU_TRU"},    // r8
    copy_rule{table_id::xml6, "MAHUYEN_CU_TRU", "MAHUYEN_CU_TRU"},  // r9
    copy_rule{table_id::xml6, "MAXA_CU_TRU", "MAXA_CU_TRU"},        // r10
    copy_rule{table_id::xml6, "MA_CSKCB", "MA_CSKCB"},              // r47
    copy_rule{table_id::xml13, "MA_CSKCB", "MA_CSKCB"},        // r6
    copy_rule{table_id::xml13, "MA_NOI_DI", "MA_NOI_DI"},      // r7
    copy_rule{table_id::xml13, "MA_NOI_DEN", "MA_NOI_DEN"},    // r8
    copy_rule{table_id::xml13, "HO_TEN", "HO_TEN"},            // r9
    copy_rule{table_id::xml13, "NGAY_SINH", "NGAY_SINH"},      // r10
    copy_rule{table_id::xml13, "GIOI_TINH", "GIOI_TINH"},      // r11
    copy_rule{table_id::xml13, "MA_QUOCTICH", "MA_QUOCTICH"},  // r12
    copy_rule{table_id::xml13, "MA_DANTOC", "MA_DANTOC"},      // r13
    copy_rule{table_id::xml13, "MA_NGHE_NGHIEP", "MA_NGHE_NGHIEP"},  // r14
    copy_rule{table_id::xml13, "DIA_CHI", "DIA_CHI"},                // r15
    copy_rule{table_id::xml13, "MA_THE_BHYT", "MA_THE_BHYT"},        // r16
    copy_rule{table_id::xml13, "GT_THE_DEN", "GT_THE_DEN"},          // r17
    copy_rule{table_id::xml13, "NGAY_VAO", "NGAY_VAO"},              // r18
    copy_rule{table_id::xml13, "NGAY_VAO_NOI_TRU", "NGAY_VAO_NOI_TRU"},  // r19
    copy_rule{table_id::xml13, "NGAY_RA", "NGAY_RA"},                    // r20
    copy_rule{table_id::xml13, "CHAN_DOAN_RV", "CHAN_DOAN_RV"},          // r22
    copy_rule{table_id::xml13, "PP_DIEUTRI", "PP_DIEU_TRI"},             // r25
    copy_rule{table_id::xml13, "MA_BENH_CHINH", "MA_BENH_CHINH"},        // r26
    copy_rule{table_id::xml13, "MA_BENH_KT", "MA_BENH_KT"},              // r27
    copy_rule{table_id::xml13, "MA_BENH_YHCT", "MA_BENH_YHCT"},          // r28
    copy_rule{table_id::xml13, "PP_DIEU_TRI", "PP_DIEU_TRI"},            // r31
    copy_rule{table_id::xml13, "MA_LOAI_RV", "MA_LOAI_RV"},              // r32
    copy_rule{table_id::xml14, "NGAY_SINH", "NGAY_SINH"},                // r6
    copy_rule{table_id::xml14, "GIOI_TINH", "GIOI_TINH"},                // r7
    copy_rule{table_id::xml14, "DIA_CHI", "DIA_CHI"},                    // r8
    copy_rule{table_id::xml14, "MA_THE_BHYT", "MA_THE_BHYT"},            // r9
    copy_rule{table_id::xml14, "GT_THE_DEN", "GT_THE_DEN"},              // r10
    copy_rule{table_id::xml14, "NGAY_VAO", "NGAY_VAO"},                  // r11
    copy_rule{table_id::xml14, "NGAY_VAO_NOI_TRU", "NGAY_VAO_NOI_TRU"},  // r12
    copy_rule{table_id::xml14, "NGAY_RA", "NGAY_RA"},                    // r13
    copy_rule{table_id::xml14, "CHAN_DOAN_RV", "CHAN_DOAN_RV"},          // r15
    copy_rule{table_id::xml14, "MA_BENH_CHINH", "MA_BENH_CHINH"},        // r16
    copy_rule{table_id::xml14, "MA_BENH_KT", "MA_BENH_KT"},              // r17
    copy_rule{table_id::xml14, "MA_BENH_YHCT", "MA_BENH_YHCT"},          // r18
    copy_rule{table_id::xml14, "MA_DOITUONG_KCB", "MA_DOITUONG_KCB"},    // r19
    copy_rule{table_id::xml15, "HO_TEN", "HO_TEN"},                      // r5
    copy_rule{table_id::xml15, "SO_CCCD", "SO_CCCD"},                    // r6
    copy_rule{table_id::xml15, "MA_CSKCB", "MA_CSKCB"},                  // r17
};

void check_copies(const standard::hoso& h, const standard::row& x1, std::string_view ma_lk,
                  emitter& out) {
  for (const auto& c : copies) {
    const standard::table_data* t = h.table(c.table);
    if (t == nullptr) continue;
    std::string_view expected = value_of(x1, c.xml1_field);
    if (is_blank(expected)) continue;
    int row_no = 0;
    for (const auto& r : t->rows) {
      ++row_no;
      std::string_view v = value_of(r, c.field);
      if (!is_blank(v) && v != expected) {
        out.add("LINK.MISMATCH", {name_of(c.table), ma_lk, row_no}, c.field, v,
                std::string(expected));
      }
    }
  }
}

// ---- SUM -------------------------------------------------------------------------------------

// A column total over rows; `known` turns false as soon as one addend is absent or not a plain
// number (that row has its FIELD.* finding already; a SUM finding on top would only add noise).
struct total {
  int128 cents = 0;
  bool known = true;
  void add(std::string_view v) {
    auto d = parse_decimal(v);
    if (!d) {
      known = false;
      return;
    }
    cents += to_cents(*d);
  }
};

std::optional<int128> cents_of(const standard::row& r, std::string_view field) {
  auto d = parse_decimal(value_of(r, field));
  if (!d) return std::nullopt;
  return to_cents(*d);
}

void compare_total(const standard::row& x1, std::string_view ma_lk, std::string_view code,
                   std::string_view field, const total& computed, emitter& out) {
  if (!computed.known) return;
  auto stated = cents_of(x1, field);
  if (!stated || *stated == computed.cents) return;
  out.add(code, {"XML1", ma_lk, 1}, field, value_of(x1, field), format_cents(computed.cents));
}

// Exact product of the named fields, then / 10^(2·percent_count) for the percentages; nullopt
// when a factor is missing or malformed (reported by the field rules).
std::optional<decimal> product(const standard::row& r,
                               std::initializer_list<std::string_view> factors,
                               int percent_count) {
  decimal acc{1, 0};
  for (auto f : factors) {
    auto d = parse_decimal(value_of(r, f));
    if (!d) return std::nullopt;
    auto p = multiply(acc, *d);
    if (!p) return std::nullopt;
    acc = *p;
  }
  return shift_right(acc, 2 * percent_count);
}

void row_formula(const standard::row& r, const location& at, std::string_view code,
                 std::string_view field, std::initializer_list<std::string_view> factors,
                 int percent_count, std::string_view formula, emitter& out) {
  auto computed = product(r, factors, percent_count);
  auto stated = cents_of(r, field);
  if (!computed || !stated) return;
  const int128 c = to_cents(*computed);
  if (c != *stated) {
    out.add(code, at, field, value_of(r, field),
            std::string(formula) + " = " + format_cents(c));
  }
}

void check_sums(const standard::hoso& h, const standard::row& x1, std::string_view ma_lk,
                emitter& out) {
  total thuoc, vtyt, tong_bv, tong_bh, bntt, bncct, nguonkhac, bhtt_gdv;
  const bool qd130 = out.standard().id == standard::standard_id::qd130;
  for (table_id id : {table_id::xml2, table_id::xml3}) {
    const standard::table_data* t = h.table(id);
    if (t == nullptr) continue;
    const std::string_view tname = name_of(id);
    int row_no = 0;
    for (const auto& r : t->rows) {
      const location at{tname, ma_lk, ++row_no};
      std::string_view bv = value_of(r, "THANH_TIEN_BV");
      tong_bv.add(bv);
      tong_bh.add(value_of(r, "THANH_TIEN_BH"));
      bntt.add(value_of(r, "T_BNTT"));
      bncct.add(value_of(r, "T_BNCCT"));
      nguonkhac.add(value_of(r, "T_NGUONKHAC"));
      // PL4750 Bảng 1 T_BHTT_GDV: T_BHTT of the rows paid per service (MA_PTTT = 1).
      std::string_view pttt = value_of(r, "MA_PTTT");
      if (pttt.empty()) {
        bhtt_gdv.known = false;
      } else if (pttt == "1") {
        bhtt_gdv.add(value_of(r, "T_BHTT"));
      }
      if (id == table_id::xml2) {
        thuoc.add(bv);  // PL4750 Bảng 1 T_THUOC = Σ THANH_TIEN_BV of XML2
        // PL4750 Bảng 2: THANH_TIEN_BV = SO_LUONG * DON_GIA; THANH_TIEN_BH = SO_LUONG * DON_GIA
        // * TYLE_TT_BH/100; both rounded to 2 decimals.
        row_formula(r, at, "SUM.THANH_TIEN_BV", "THANH_TIEN_BV", {"SO_LUONG", "DON_GIA"}, 0,
                    "SO_LUONG × DON_GIA", out);
        row_formula(r, at, "SUM.THANH_TIEN_BH", "THANH_TIEN_BH",
                    {"SO_LUONG", "DON_GIA", "TYLE_TT_BH"}, 1, "SO_LUONG × DON_GIA × TYLE_TT_BH/100",
                    out);
      } else {
        // PL4750 Bảng 1 T_VTYT; spec §6.3: VTYT rows are MA_NHOM 10 and 11.
        auto nhom = small_int(value_of(r, "MA_NHOM"));
        if (!nhom) {
          vtyt.known = false;
        } else if (*nhom == 10 || *nhom == 11) {
          vtyt.add(bv);
        }
        // PL4750 Bảng 3 THANH_TIEN_BV, 4750 correction: "SO_LUONG * DON_GIA_BV * TYLE_TT_DV";
        // TYLE_TT_DV is a percentage (100 = full price, 50/30/10 for shared beds and repeat
        // visits), so the product is divided by 100 (docs/findings.md). QĐ 130 wording has no
        // TYLE_TT_DV factor.
        if (qd130) {
          row_formula(r, at, "SUM.THANH_TIEN_BV", "THANH_TIEN_BV", {"SO_LUONG", "DON_GIA_BV"}, 0,
                      "SO_LUONG × DON_GIA_BV", out);
        } else {
          row_formula(r, at, "SUM.THANH_TIEN_BV", "THANH_TIEN_BV",
                      {"SO_LUONG", "DON_GIA_BV", "TYLE_TT_DV"}, 1,
                      "SO_LUONG × DON_GIA_BV × TYLE_TT_DV/100", out);
        }
        // PL4750 Bảng 3 THANH_TIEN_BH: SO_LUONG * DON_GIA_BH * TYLE_TT_BH/100, or with special
        // ratios * TYLE_TT_DV/100 * TYLE_TT_BH/100 — one formula, since TYLE_TT_DV = 100 when
        // no special ratio applies.
        row_formula(r, at, "SUM.THANH_TIEN_BH", "THANH_TIEN_BH",
                    {"SO_LUONG", "DON_GIA_BH", "TYLE_TT_DV", "TYLE_TT_BH"}, 2,
                    "SO_LUONG × DON_GIA_BH × TYLE_TT_DV/100 × TYLE_TT_BH/100", out);
      }
      // PL4750 Bảng 2, Bảng 3: T_NGUONKHAC = T_NGUONKHAC_NSNN + _VTNN + _VTTN + _CL.
      total parts;
      for (auto f : {"T_NGUONKHAC_NSNN", "T_NGUONKHAC_VTNN", "T_NGUONKHAC_VTTN",
                     "T_NGUONKHAC_CL"}) {
        parts.add(value_of(r, f));
      }
      auto stated = cents_of(r, "T_NGUONKHAC");
      if (parts.known && stated && *stated != parts.cents) {
        out.add("SUM.T_NGUONKHAC_ROW", at, "T_NGUONKHAC", value_of(r, "T_NGUONKHAC"),
                format_cents(parts.cents));
      }
    }
  }
  // PL4750 Bảng 1 (spec §6.1): totals of XML1 against XML2 and XML3.
  compare_total(x1, ma_lk, "SUM.T_THUOC", "T_THUOC", thuoc, out);
  compare_total(x1, ma_lk, "SUM.T_VTYT", "T_VTYT", vtyt, out);
  compare_total(x1, ma_lk, "SUM.T_TONGCHI_BV", "T_TONGCHI_BV", tong_bv, out);
  compare_total(x1, ma_lk, "SUM.T_TONGCHI_BH", "T_TONGCHI_BH", tong_bh, out);
  compare_total(x1, ma_lk, "SUM.T_BNTT", "T_BNTT", bntt, out);
  compare_total(x1, ma_lk, "SUM.T_BNCCT", "T_BNCCT", bncct, out);
  compare_total(x1, ma_lk, "SUM.T_NGUONKHAC", "T_NGUONKHAC", nguonkhac, out);
  compare_total(x1, ma_lk, "SUM.T_BHTT_GDV", "T_BHTT_GDV", bhtt_gdv, out);
  // PL4750 Bảng 1 T_BHTT: "T_BHTT = T_TONGCHI_BH - T_BNCCT".
  auto tong_bh_1 = cents_of(x1, "T_TONGCHI_BH"), bncct_1 = cents_of(x1, "T_BNCCT"),
       bhtt_1 = cents_of(x1, "T_BHTT");
  if (tong_bh_1 && bncct_1 && bhtt_1 && *bhtt_1 != *tong_bh_1 - *bncct_1) {
    out.add("SUM.T_BHTT", {"XML1", ma_lk, 1}, "T_BHTT", value_of(x1, "T_BHTT"),
            format_cents(*tong_bh_1 - *bncct_1));
  }
}

// ---- DATE ------------------------------------------------------------------------------------

std::int64_t day_of(const core::civil_time& t) { return t.to_minutes() / 1440; }

void check_record_dates(const standard::hoso& h, const standard::row& x1,
                        std::string_view ma_lk, emitter& out) {
  // CTN 'Bang 1_Tong hop' r40 (spec §5): SO_NGAY_DTRI = 0 for MA_LOAI_KCB 01, 07, 09; NGAY_RA −
  // NGAY_VAO + 1 (calendar days) for 02, 03, 04, 06; 05 and 08 count days of medication / of
  // services, which the file does not state: not checked.
  std::string_view loai = value_of(x1, "MA_LOAI_KCB");
  std::string_view so_ngay = value_of(x1, "SO_NGAY_DTRI");
  auto days = small_int(so_ngay);
  if (days) {
    std::optional<std::int64_t> expected;
    std::string rule;
    if (one_of(loai, {"01", "07", "09"})) {
      expected = 0;
      rule = "MA_LOAI_KCB = " + std::string(loai) + " → 0";
    } else if (one_of(loai, {"02", "03", "04", "06"})) {
      auto vao = time_of(x1, "NGAY_VAO"), ra = time_of(x1, "NGAY_RA");
      if (vao && ra && *ra >= *vao) {
        expected = day_of(*ra) - day_of(*vao) + 1;
        rule = "MA_LOAI_KCB = " + std::string(loai) + " → NGAY_RA − NGAY_VAO + 1 = " +
               std::to_string(*expected);
      }
    }
    if (expected && *expected != *days) {
      out.add("DATE.SO_NGAY_DTRI", {"XML1", ma_lk, 1}, "SO_NGAY_DTRI", so_ngay, rule);
    }
  }
  // Spec §6.3 (date order): NGAY_YL ≤ NGAY_RA of XML1 for every drug and service order.
  auto ra = time_of(x1, "NGAY_RA");
  if (ra) {
    for (table_id id : {table_id::xml2, table_id::xml3}) {
      const standard::table_data* t = h.table(id);
      if (t == nullptr) continue;
      int row_no = 0;
      for (const auto& r : t->rows) {
        ++row_no;
        auto yl = time_of(r, "NGAY_YL");
        if (yl && *yl > *ra) {
          out.add("DATE.ORDER", {name_of(id), ma_lk, row_no}, "NGAY_YL", value_of(r, "NGAY_YL"),
                  "<= NGAY_RA XML1 (" + std::string(value_of(x1, "NGAY_RA")) + ")");
        }
      }
    }
  }
  // CTN 'Bang 14_Giay hen kham lai' r14, r22 against XML1 when XML14 omits its own copy.
  if (const standard::table_data* t = h.table(table_id::xml14)) {
    int row_no = 0;
    for (const auto& r : t->rows) {
      ++row_no;
      auto hen = time_of(r, "NGAY_HEN_KL");
      if (ra && hen && !present(r, "NGAY_RA") && *hen < *ra) {
        out.add("DATE.ORDER", {"XML14", ma_lk, row_no}, "NGAY_HEN_KL",
                value_of(r, "NGAY_HEN_KL"),
                ">= NGAY_RA XML1 (" + std::string(value_of(x1, "NGAY_RA")) + ")");
      }
      auto ct = time_of(r, "NGAY_CT");
      auto vao = time_of(x1, "NGAY_VAO");
      if (vao && ct && !present(r, "NGAY_VAO") && day_of(*ct) < day_of(*vao)) {
        out.add("DATE.ORDER", {"XML14", ma_lk, row_no}, "NGAY_CT", value_of(r, "NGAY_CT"),
                ">= NGAY_VAO XML1 (" + std::string(value_of(x1, "NGAY_VAO")) + ")");
      }
    }
  }
}

}  // namespace

void check_record(const standard::hoso& h, emitter& out) {
  const standard::table_data* xml1 = h.table(table_id::xml1);
  if (xml1 == nullptr || xml1->rows.empty()) {
    // Spec §6.3 "Missing XML1 for a MA_LK": name the record by the first MA_LK seen.
    std::string_view ma_lk;
    for (const auto& t : h.tables) {
      for (const auto& r : t.rows) {
        if (ma_lk.empty()) ma_lk = value_of(r, "MA_LK");
      }
    }
    out.add("LINK.MISSING_TABLE", {"XML1", ma_lk, 0}, "", "", "XML1");
    return;
  }
  const standard::row& x1 = xml1->rows.front();
  const std::string_view ma_lk = value_of(x1, "MA_LK");
  check_links(h, x1, ma_lk, out);
  check_copies(h, x1, ma_lk, out);
  check_sums(h, x1, ma_lk, out);
  check_record_dates(h, x1, ma_lk, out);
}

}  // namespace sim::rules::detail
