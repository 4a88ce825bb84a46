// Field rules (FIELD.*) driven by the standard's field_def data, the conditional requirements
// the CTN sheet writes as prose (hand-written, each citing its sheet and row), and the date rules
// that stay within one row (DATE.ORDER, DATE.FUTURE).
#include <array>
#include <string>

#include "simulator/core/utf8.hpp"
#include "simulator/rules/catalogue.hpp"
#include "simulator/rules/detail/emit.hpp"
#include "simulator/rules/detail/formats.hpp"
#include "simulator/standard/code_lists.hpp"

namespace sim::rules::detail {

using standard::table_id;
using standard::value_format;

void emitter::add(std::string_view code, const location& at, std::string_view field,
                  std::string_view value, std::string detail) {
  core::finding f = make_finding(code);
  f.table = std::string(at.table);
  f.ma_lk = std::string(at.ma_lk);
  f.row = at.row;
  f.field = std::string(field);
  f.value = std::string(value);
  f.detail = std::move(detail);
  out_.push_back(std::move(f));
}

std::string_view value_of(const standard::row& r, std::string_view name) {
  const std::string* v = r.get(name);
  return v != nullptr ? std::string_view(*v) : std::string_view();
}

bool is_blank(std::string_view v) {
  return v.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool present(const standard::row& r, std::string_view name) { return !is_blank(value_of(r, name)); }

std::optional<int> small_int(std::string_view v) {
  if (v.empty() || v.size() > 4 || !is_digits(v)) return std::nullopt;
  int n = 0;
  for (char c : v) n = n * 10 + (c - '0');
  return n;
}

std::optional<core::civil_time> time_of(const standard::row& r, std::string_view name) {
  return core::parse_date_or_datetime(value_of(r, name));
}

namespace {

// Splits a multi-valued field on its separator (PL4750: several codes joined by ';'). Empty
// pieces (a trailing ';') are skipped: HIS software writes them and no source forbids them.
template <typename Fn>
void for_each_piece(std::string_view v, char sep, Fn&& fn) {
  if (sep == '\0') {
    fn(v);
    return;
  }
  while (true) {
    auto cut = v.find(sep);
    auto piece = v.substr(0, cut);
    if (!piece.empty()) fn(piece);
    if (cut == std::string_view::npos) return;
    v.remove_prefix(cut + 1);
  }
}

void check_value(const standard::field_def& f, std::string_view v, const location& at,
                 emitter& out) {
  if (core::first_invalid_utf8(v).has_value()) return;  // decode reports XML.ENCODING
  if (f.max_length > 0 && core::utf8_length(v) > static_cast<std::size_t>(f.max_length)) {
    out.add("FIELD.TOO_LONG", at, f.name, v, std::to_string(f.max_length));
  }
  // TT_THAU's own ';' separates its parts, it is not a list (spec §4 TT_THAU).
  const char sep = f.format == value_format::tt_thau ? '\0' : f.separator;
  bool reported = false;
  for_each_piece(v, sep, [&](std::string_view piece) {
    if (reported) return;
    // PL4750 "Kiểu dữ liệu" = Số: a plain decimal number, '.' as decimal point (spec §4).
    if (f.type == standard::data_type::number && !is_plain_decimal(piece)) {
      out.add("FIELD.TYPE", at, f.name, v);
      reported = true;
      return;
    }
    if (!matches_format(f.format, piece)) {
      out.add("FIELD.FORMAT", at, f.name, v, std::string(describe(f.format)));
      reported = true;
      return;
    }
    if (f.format == value_format::code && !f.code_list.empty()) {
      const standard::code_list* list = standard::find_code_list(f.code_list);
      if (list != nullptr && !list->contains(piece)) {
        out.add("FIELD.CODE", at, f.name, v, std::string(f.code_list));
        reported = true;
      }
    }
  });
}

std::string_view row_ma_lk(const standard::row& r, std::string_view record_ma_lk) {
  std::string_view own = value_of(r, "MA_LK");
  return is_blank(own) ? record_ma_lk : own;
}

// --- conditional requirements (CTN prose) -----------------------------------------------------

void require(const standard::table_def& def, const standard::row& r, const location& at,
             std::string_view field, std::string condition, emitter& out) {
  if (def.field(field) == nullptr) return;  // not in this standard's version of the table
  if (!present(r, field)) out.add("FIELD.REQUIRED", at, field, "", std::move(condition));
}

bool in(std::optional<int> v, std::initializer_list<int> set) {
  if (!v) return false;
  for (int x : set) {
    if (*v == x) return true;
  }
  return false;
}

void checkin_conditions(const standard::table_def& def, const standard::row& r,
                        const location& at, emitter& out) {
  // CTN 'Bang Check-in' r20/r22/r24: MA_DICH_VU "chỉ bắt buộc khi MA_THUOC và MA_VAT_TU = null",
  // MA_THUOC "… khi MA_DICH_VU và MA_VAT_TU = null", MA_VAT_TU "… khi MA_DICH_VU và MA_THUOC =
  // null": at least one of the three. (The sheet does not forbid sending two; neither do we.)
  const bool dv = present(r, "MA_DICH_VU"), thuoc = present(r, "MA_THUOC"),
             vt = present(r, "MA_VAT_TU");
  if (!dv && !thuoc && !vt) {
    out.add("FIELD.REQUIRED", at, "MA_DICH_VU", "", "MA_THUOC = null, MA_VAT_TU = null");
  }
  // r21/r23/r25: TEN_* "chỉ bắt buộc khi MA_* not null".
  if (dv) require(def, r, at, "TEN_DICH_VU", "MA_DICH_VU != null", out);
  if (thuoc) require(def, r, at, "TEN_THUOC", "MA_THUOC != null", out);
  if (vt) require(def, r, at, "TEN_VAT_TU", "MA_VAT_TU != null", out);
  // r16: LY_DO_VNT "Chỉ bắt buộc khi NGAY_VAO_NOI_TRU not null".
  if (present(r, "NGAY_VAO_NOI_TRU")) {
    require(def, r, at, "LY_DO_VNT", "NGAY_VAO_NOI_TRU != null", out);
  }
}

void xml2_conditions(const standard::table_def& def, const standard::row& r, const location& at,
                     emitter& out) {
  // CTN 'Bang 2_Thuoc' r16: TT_THAU "Bắt buộc trừ mã nhóm 7,17".
  auto nhom = small_int(value_of(r, "MA_NHOM"));
  if (nhom && !in(nhom, {7, 17})) require(def, r, at, "TT_THAU", "MA_NHOM ∉ {7, 17}", out);
}

void xml3_conditions(const standard::table_def& def, const standard::row& r, const location& at,
                     emitter& out) {
  auto nhom = small_int(value_of(r, "MA_NHOM"));
  // CTN 'Bang 3_DVKT, VTYT' r11: MA_XANG_DAU "Bắt buộc khi MA_NHOM = 12" (the field exists in
  // QĐ 130 and 4750 alike; require() skips it for a variant without it).
  if (in(nhom, {12})) require(def, r, at, "MA_XANG_DAU", "MA_NHOM = 12", out);
  // r17: TT_THAU "Bắt buộc khi MA_NHOM = 10".
  if (in(nhom, {10})) require(def, r, at, "TT_THAU", "MA_NHOM = 10", out);
  // r35, r39: NGUOI_THUC_HIEN and NGAY_TH_YL "bắt buộc MA_NHOM =1,2,3,8,18".
  if (in(nhom, {1, 2, 3, 8, 18})) {
    require(def, r, at, "NGUOI_THUC_HIEN", "MA_NHOM ∈ {1, 2, 3, 8, 18}", out);
    require(def, r, at, "NGAY_TH_YL", "MA_NHOM ∈ {1, 2, 3, 8, 18}", out);
  }
  // r8: GOI_VTYT "Ký tự G + số từ 1-999".
  std::string_view goi = value_of(r, "GOI_VTYT");
  if (!is_blank(goi) && !is_goi_vtyt(goi)) out.add("FIELD.FORMAT", at, "GOI_VTYT", goi, "G1-G999");
}

void xml4_conditions(const standard::table_def& def, const standard::row& r, const location& at,
                     emitter& out) {
  // CTN 'Bang 4_Dich vu CLS' r11: NGAY_KQ "Bắt buộc khi trường GIA_TRI có dữ liệu".
  if (present(r, "GIA_TRI")) require(def, r, at, "NGAY_KQ", "GIA_TRI != null", out);
}

// True when the ';'-separated code list `v` holds `code` (MA_TINH_TRANG_DK "1;2;3", MA_XU_TRI
// "1;4": PL4750 Bảng 6 "các Mã cách nhau bởi dấu chấm phẩy").
bool list_has(std::string_view v, std::string_view code) {
  bool found = false;
  for_each_piece(v, ';', [&](std::string_view piece) {
    auto b = piece.find_first_not_of(' '), e = piece.find_last_not_of(' ');
    if (b != std::string_view::npos && piece.substr(b, e - b + 1) == code) found = true;
  });
  return found;
}

void xml6_conditions(const standard::table_def& def, const standard::row& r, const location& at,
                     emitter& out) {
  // CTN 'Bang 6_HIV.AIDS' r21–r23: PHACDO_DTRI_LAO, NGAYBD_DTRI_LAO, NGAYKT_DTRI_LAO "không bắt
  // buộc khi LOAI_DTRI_LAO = 0 còn lại là bắt buộc". A blank or malformed LOAI_DTRI_LAO has its
  // own FIELD.* finding (r19 "x"); the group is then not judged.
  auto lao = small_int(value_of(r, "LOAI_DTRI_LAO"));
  if (lao && *lao != 0) {
    for (auto f : {"PHACDO_DTRI_LAO", "NGAYBD_DTRI_LAO", "NGAYKT_DTRI_LAO"}) {
      require(def, r, at, f, "LOAI_DTRI_LAO != 0", out);
    }
  }
  // r33–r36: LAN_XN_PCR, NGAY_XN_PCR, NGAY_KQ_XN_PCR, MA_KQ_XN_PCR "bắt buộc nếu
  // MA_TINH_TRANG_DK =1". MA_TINH_TRANG_DK may list several codes ("1;2;3", PL4750 Bảng 6): the
  // condition holds when code 1 is among them [I].
  if (list_has(value_of(r, "MA_TINH_TRANG_DK"), "1")) {
    for (auto f : {"LAN_XN_PCR", "NGAY_XN_PCR", "NGAY_KQ_XN_PCR", "MA_KQ_XN_PCR"}) {
      require(def, r, at, f, "MA_TINH_TRANG_DK = 1", out);
    }
  }
  // r40, r41, r44: NGAY_BAT_DAU_XU_TRI, NGAY_KET_THUC_XU_TRI, SO_NGAY_CAP_THUOC_ARV "bắt buộc khi
  // MA_XU_TRI = 1" (code 1 = Điều trị ARV; a list of codes since 4750, as above [I]).
  if (list_has(value_of(r, "MA_XU_TRI"), "1")) {
    for (auto f : {"NGAY_BAT_DAU_XU_TRI", "NGAY_KET_THUC_XU_TRI", "SO_NGAY_CAP_THUOC_ARV"}) {
      require(def, r, at, f, "MA_XU_TRI = 1", out);
    }
  }
  // r43: MA_BAC_PHAC_DO "bắt buộc trong trường hợp MA_PHAC_DO_DIEU_TRI = KHAC" — the literal code
  // KHAC (the regimen catalogue, QĐ 5937 PL10, is not among the sources).
  if (value_of(r, "MA_PHAC_DO_DIEU_TRI") == "KHAC") {
    require(def, r, at, "MA_BAC_PHAC_DO", "MA_PHAC_DO_DIEU_TRI = KHAC", out);
  }
  // r44 VALID: SO_NGAY_CAP_THUOC_ARV "nhỏ hơn hoặc bằng với ngày trong trường thông tin
  // NGAY_KET_THUC_XU_TRI trừ đi (-) ngày trong trường thông tin NGAY_BAT_DAU_XU_TRI" (calendar
  // days; silent when an operand is blank or malformed).
  auto so_ngay = small_int(value_of(r, "SO_NGAY_CAP_THUOC_ARV"));
  auto bd = core::parse_yyyymmdd(value_of(r, "NGAY_BAT_DAU_XU_TRI"));
  auto kt = core::parse_yyyymmdd(value_of(r, "NGAY_KET_THUC_XU_TRI"));
  if (so_ngay && bd && kt) {
    const std::int64_t limit = kt->to_minutes() / 1440 - bd->to_minutes() / 1440;
    if (*so_ngay > limit) {
      out.add("DATE.SO_NGAY_CAP_THUOC_ARV", at, "SO_NGAY_CAP_THUOC_ARV",
              value_of(r, "SO_NGAY_CAP_THUOC_ARV"),
              "NGAY_KET_THUC_XU_TRI − NGAY_BAT_DAU_XU_TRI = " + std::to_string(limit));
    }
  }
}

void dinh_chi_thai(const standard::table_def& def, const standard::row& r, const location& at,
                   std::initializer_list<std::string_view> fields, emitter& out) {
  if (value_of(r, "MA_DINH_CHI_THAI") != "1") return;
  for (auto f : fields) require(def, r, at, f, "MA_DINH_CHI_THAI = 1", out);
}

void xml7_conditions(const standard::table_def& def, const standard::row& r, const location& at,
                     emitter& out) {
  // CTN ' Bang 7_Giay ra vien' r9–r11: "bắt buộc khi MA_DINH_CHI_THAI =1".
  dinh_chi_thai(def, r, at, {"NGUYENNHAN_DINHCHI", "THOIGIAN_DINHCHI", "TUOI_THAI"}, out);
  // r24: SO_NGAY_NGHI "Nếu 1 trường có dữ liệu thì bắt buộc nhập cả 3 trường" (with
  // NGOAITRU_TUNGAY, NGOAITRU_DENNGAY).
  constexpr std::array<std::string_view, 3> group{"SO_NGAY_NGHI", "NGOAITRU_TUNGAY",
                                                  "NGOAITRU_DENNGAY"};
  std::string given;
  for (auto f : group) {
    if (present(r, f)) given = given.empty() ? std::string(f) : given;
  }
  if (given.empty()) return;
  for (auto f : group) require(def, r, at, f, given + " != null", out);
}

void xml11_conditions(const standard::table_def& def, const standard::row& r, const location& at,
                      emitter& out) {
  // CTN 'Bang 11_Giay nghi huong BHXH' r12, r13: "Bắt buộc … khi MA_DINH_CHI_THAI là mã 1".
  dinh_chi_thai(def, r, at, {"NGUYENNHAN_DINHCHI", "TUOI_THAI"}, out);
  // r23: MAU_SO "Bắt buộc là CT07 hoặc null" — enforced here unless the field_def already
  // carries a code list (then check_value did it).
  const standard::field_def* f = def.field("MAU_SO");
  std::string_view mau = value_of(r, "MAU_SO");
  if (f != nullptr && f->format != value_format::code && !is_blank(mau) && mau != "CT07") {
    out.add("FIELD.CODE", at, "MAU_SO", mau, "CT07");
  }
}

}  // namespace

void check_table_fields(const standard::table_def& def, const standard::table_data& table,
                        std::string_view record_ma_lk, emitter& out) {
  const std::string_view name = standard::to_string(def.id);
  int row_no = 0;
  for (const auto& r : table.rows) {
    const location at{name, row_ma_lk(r, record_ma_lk), ++row_no};
    for (const auto& f : def.fields) {
      std::string_view v = value_of(r, f.name);
      if (is_blank(v)) {
        // CTN column "Bắt buộc" = x. Conditional requirements are the hand-written rules below.
        if (f.required == standard::requirement::required) {
          out.add("FIELD.REQUIRED", at, f.name, "");
        }
        continue;
      }
      check_value(f, v, at, out);
    }
  }
}

void check_table_conditions(const standard::table_def& def, const standard::table_data& table,
                            std::string_view record_ma_lk, emitter& out) {
  const std::string_view name = standard::to_string(def.id);
  int row_no = 0;
  for (const auto& r : table.rows) {
    const location at{name, row_ma_lk(r, record_ma_lk), ++row_no};
    switch (def.id) {
      case table_id::xml0: checkin_conditions(def, r, at, out); break;
      case table_id::xml2: xml2_conditions(def, r, at, out); break;
      case table_id::xml3: xml3_conditions(def, r, at, out); break;
      case table_id::xml4: xml4_conditions(def, r, at, out); break;
      case table_id::xml6: xml6_conditions(def, r, at, out); break;
      case table_id::xml7: xml7_conditions(def, r, at, out); break;
      case table_id::xml11: xml11_conditions(def, r, at, out); break;
      default: break;
    }
    check_row_dates(def, r, at, out);
  }
}

namespace {

// Fields that record something that has already happened; a value after the submission time is
// DATE.FUTURE. Appointment and validity dates (NGAY_HEN_KL, NGAY_TAI_KHAM, GT_THE_DEN,
// NGOAITRU_DENNGAY, DEN_NGAY, …) are legitimately in the future and are not listed.
constexpr std::array<std::string_view, 10> past_events{
    "NGAY_SINH", "NGAY_VAO", "NGAY_VAO_NOI_TRU", "NGAY_RA", "NGAY_YL",
    "NGAY_TH_YL", "NGAY_KQ", "NGAY_TTOAN", "THOI_DIEM_DBLS", "NGAY_CT"};

std::int64_t day_of(const core::civil_time& t) { return t.to_minutes() / 1440; }

// later >= earlier, else DATE.ORDER on `later_field`. Both must parse; a date-only value is
// compared by day (NGAY_CT ≥ NGAY_VAO compares a yyyyMMdd with a yyyyMMddHHmm).
void order(const standard::row& r, const location& at, std::string_view earlier_field,
           std::string_view later_field, emitter& out) {
  std::string_view ev = value_of(r, earlier_field), lv = value_of(r, later_field);
  auto e = core::parse_date_or_datetime(ev), l = core::parse_date_or_datetime(lv);
  if (!e || !l) return;
  const bool by_day = ev.size() == 8 || lv.size() == 8;
  const bool ok = by_day ? day_of(*l) >= day_of(*e) : *l >= *e;
  if (!ok) {
    out.add("DATE.ORDER", at, later_field, lv,
            ">= " + std::string(earlier_field) + " (" + std::string(ev) + ")");
  }
}

}  // namespace

void check_row_dates(const standard::table_def& def, const standard::row& r, const location& at,
                     emitter& out) {
  // DATE.FUTURE: an event recorded after the submission time (options.at). Date-only values and
  // the outpatient convention "NGAY_RA = last day, 2359" (PL4750 NGAY_RA) compare by day.
  const core::civil_time& now = out.options().at;
  if (now.year != 0) {
    for (auto name : past_events) {
      if (def.field(name) == nullptr) continue;
      std::string_view v = value_of(r, name);
      auto t = core::parse_date_or_datetime(v);
      if (!t) continue;  // malformed or NGAY_SINH with 00 parts: format rules speak
      const bool by_day = v.size() == 8 || v.substr(8) == "2359";
      const bool future = by_day ? day_of(*t) > day_of(now) : *t > now;
      if (future) out.add("DATE.FUTURE", at, name, v, "> " + now.to_yyyymmddhhmm());
    }
  }
  switch (def.id) {
    case table_id::xml0:
      // CTN 'Bang Check-in' r15: NGAY_VAO_NOI_TRU ">= NGAY_VAO".
      order(r, at, "NGAY_VAO", "NGAY_VAO_NOI_TRU", out);
      break;
    case table_id::xml1:
      // CTN 'Bang 1_Tong hop' r37: NGAY_VAO_NOI_TRU ">= NGAY_VAO".
      order(r, at, "NGAY_VAO", "NGAY_VAO_NOI_TRU", out);
      // Spec §6.3 (date order): discharge after admission and after inpatient admission.
      order(r, at, present(r, "NGAY_VAO_NOI_TRU") ? "NGAY_VAO_NOI_TRU" : "NGAY_VAO", "NGAY_RA",
            out);
      break;
    case table_id::xml2:
      // CTN 'Bang 2_Thuoc' r37: NGAY_TH_YL ">= NGAY_YL".
      order(r, at, "NGAY_YL", "NGAY_TH_YL", out);
      break;
    case table_id::xml3:
      // CTN 'Bang 3_DVKT, VTYT' r39: NGAY_TH_YL ">= NGAY_YL"; r40: NGAY_KQ ">= NGAY_YL".
      order(r, at, "NGAY_YL", "NGAY_TH_YL", out);
      order(r, at, "NGAY_YL", "NGAY_KQ", out);
      break;
    case table_id::xml7:
      // [I] a discharge paper: discharge after admission, sick leave ends after it starts.
      order(r, at, "NGAY_VAO", "NGAY_RA", out);
      order(r, at, "NGOAITRU_TUNGAY", "NGOAITRU_DENNGAY", out);
      break;
    case table_id::xml11:
      // [I] the leave ends after it starts.
      order(r, at, "TU_NGAY", "DEN_NGAY", out);
      break;
    case table_id::xml14:
      // CTN 'Bang 14_Giay hen kham lai' r14: NGAY_HEN_KL ">= NGAY_RA"; r22: NGAY_CT
      // ">= NGAY_VAO" (against XML14's own copies; check_record compares with XML1's).
      order(r, at, "NGAY_RA", "NGAY_HEN_KL", out);
      order(r, at, "NGAY_VAO", "NGAY_CT", out);
      break;
    default:
      break;
  }
  // [I] card validity: GT_THE_TU <= GT_THE_DEN, pairwise when several cards are joined by ';'.
  if (def.id == table_id::xml0 || def.id == table_id::xml1) {
    std::string_view tu = value_of(r, "GT_THE_TU"), den = value_of(r, "GT_THE_DEN");
    while (!tu.empty() && !den.empty()) {
      auto ct = tu.find(';'), cd = den.find(';');
      auto a = core::parse_yyyymmdd(tu.substr(0, ct)), b = core::parse_yyyymmdd(den.substr(0, cd));
      if (a && b && *b < *a) {
        out.add("DATE.ORDER", at, "GT_THE_DEN", value_of(r, "GT_THE_DEN"),
                ">= GT_THE_TU (" + std::string(value_of(r, "GT_THE_TU")) + ")");
        break;
      }
      if (ct == std::string_view::npos || cd == std::string_view::npos) break;
      tu.remove_prefix(ct + 1);
      den.remove_prefix(cd + 1);
    }
  }
}

}  // namespace sim::rules::detail
