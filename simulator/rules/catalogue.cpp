// The finding catalogue. docs/findings.md lists the same codes (tests/unit/rules/catalogue_test
// keeps the two in step). To add a code: add an entry here (keep families together) and a
// section in docs/findings.md.
#include "simulator/rules/catalogue.hpp"

#include <array>
#include <string>

#include "simulator/core/utf8.hpp"

namespace sim::rules {
namespace {

using core::severity;

// Templates name the field and the value in plain words. {detail} carries language-neutral text
// only (field names, numbers, formulas, codes), because the same detail fills both languages.
constexpr std::array entries{
    // ---- XML: the bytes themselves --------------------------------------------------------
    catalogue_entry{"XML.MALFORMED", severity::error,
                    "Tệp XML không đúng cú pháp hoặc bị cắt cụt ({detail}).",
                    "The XML is not well-formed or is truncated ({detail}).",
                    "XML 1.0 well-formedness; TT 48/2017/TT-BYT (data sent as XML); spec §1.1"},
    catalogue_entry{"XML.DTD_FORBIDDEN", severity::error,
                    "Tệp có khai báo DOCTYPE hoặc ENTITY ({detail}); khai báo này không được "
                    "chấp nhận và không được xử lý.",
                    "The file contains a DOCTYPE or ENTITY declaration ({detail}); it is refused, "
                    "never expanded or fetched.",
                    "Simulator security policy (issue 7 §3); the portal's own behaviour is not "
                    "documented"},
    catalogue_entry{"XML.TOO_LARGE", severity::error,
                    "Tệp hoặc bảng {table} vượt giới hạn kích thước cho phép ({detail}).",
                    "The file or table {table} exceeds the size limit ({detail}).",
                    "Simulator limits (decode_limits, documented defaults in docs/findings.md)"},
    catalogue_entry{"XML.ENCODING", severity::error,
                    "Tệp {table} không được mã hóa UTF-8 hợp lệ ({detail}).",
                    "File {table} is not valid UTF-8 ({detail}).",
                    "TT 48/2017/TT-BYT (UTF-8); CV1245 §3.4 envelope encoding=\"utf-8\""},
    // ---- ENV: the GIAMDINHHS envelope / XML0 check-in wrapper -----------------------------
    catalogue_entry{"ENV.STRUCTURE", severity::error,
                    "Cấu trúc hồ sơ không đúng mẫu: {detail}.",
                    "The envelope structure does not follow the template: {detail}.",
                    "CV1245 §2.4, §3.4 (GIAMDINHHS, CHI_TIEU_TRANG_THAI_KCB); spec §1.1–1.3"},
    catalogue_entry{"ENV.BASE64", severity::error,
                    "Nội dung NOIDUNGFILE của bảng {table} không phải base64 hợp lệ ({detail}).",
                    "NOIDUNGFILE of table {table} is not valid base64 ({detail}).",
                    "CV1245 §3.4 (NOIDUNGFILE = base64 of the inner XML)"},
    catalogue_entry{"ENV.LOAIHOSO", severity::error,
                    "LOAIHOSO \"{value}\" không hợp lệ theo chuẩn đã chọn ({detail}).",
                    "LOAIHOSO \"{value}\" is not valid for the selected standard ({detail}).",
                    "CV1245 §3.4 (LOAIHOSO XML1…XML15); PL4750 table list"},
    catalogue_entry{"ENV.COUNT", severity::error,
                    "SOLUONGHOSO = \"{value}\" không khớp số hồ sơ thực tế ({detail}).",
                    "SOLUONGHOSO = \"{value}\" does not match the records sent ({detail}).",
                    "CV1245 §3.4 (THONGTINHOSO/SOLUONGHOSO)"},
    // ---- FIELD: one field of one row --------------------------------------------------------
    catalogue_entry{"FIELD.REQUIRED", severity::error,
                    "Thiếu trường bắt buộc {field} ở bảng {table}, dòng {row}{detail}.",
                    "Required field {field} is missing in table {table}, row {row}{detail}.",
                    "CTN column \"Bắt buộc\" and conditional rules (cited per rule)"},
    catalogue_entry{"FIELD.TOO_LONG", severity::error,
                    "Trường {field} có giá trị \"{value}\" dài quá {detail} ký tự cho phép.",
                    "Field {field} has the value \"{value}\", longer than the {detail} characters "
                    "allowed.",
                    "PL4750 column \"Kích thước tối đa\" (counted in characters)"},
    catalogue_entry{"FIELD.TYPE", severity::error,
                    "Trường {field} phải là số (dấu thập phân là dấu chấm \".\"), nhưng giá trị "
                    "là \"{value}\".",
                    "Field {field} must be a number (decimal point \".\"), but the value is "
                    "\"{value}\".",
                    "PL4750 column \"Kiểu dữ liệu\" = Số; spec §4 (money and quantity)"},
    catalogue_entry{"FIELD.FORMAT", severity::error,
                    "Trường {field} có giá trị \"{value}\" không đúng định dạng {detail}.",
                    "Field {field} has the value \"{value}\", which does not match the format "
                    "{detail}.",
                    "PL4750 field descriptions; CTN VALID column; spec §4"},
    catalogue_entry{"FIELD.CODE", severity::error,
                    "Trường {field} có giá trị \"{value}\" không thuộc danh mục {detail}.",
                    "Field {field} has the value \"{value}\", which is not in the code list "
                    "{detail}.",
                    "PL4750 code lists; spec §5; standard/data/code_lists.json"},
    catalogue_entry{"FIELD.UNKNOWN", severity::error,
                    "Thẻ {field} không có trong bảng {table} của chuẩn dữ liệu.",
                    "Tag {field} is not part of table {table} of the standard.",
                    "PL4750 table definitions (fields and order)"},
    // ---- LINK: between tables of one record -------------------------------------------------
    catalogue_entry{"LINK.MA_LK", severity::error,
                    "MA_LK \"{value}\" ở bảng {table}, dòng {row} không trùng MA_LK của bảng XML1 "
                    "({detail}).",
                    "MA_LK \"{value}\" in table {table}, row {row} differs from the MA_LK of "
                    "XML1 ({detail}).",
                    "PL4750 MA_LK (PRIMARY KEY linking XML1 with the other tables); spec §6.1"},
    catalogue_entry{"LINK.MISSING_TABLE", severity::error,
                    "Hồ sơ MA_LK \"{ma_lk}\" thiếu bảng {table} ({detail}).",
                    "Record MA_LK \"{ma_lk}\" lacks table {table} ({detail}).",
                    "PL4750 table notes; spec §6.1 conditional tables; spec §6.3"},
    catalogue_entry{"LINK.UNEXPECTED_TABLE", severity::error,
                    "Hồ sơ MA_LK \"{ma_lk}\" có bảng {table} nhưng không được phép ({detail}).",
                    "Record MA_LK \"{ma_lk}\" contains table {table}, which is not allowed "
                    "({detail}).",
                    "CTN 'Bang 8' r2; PL4750 Bảng 13 note; spec §6.1–6.2"},
    catalogue_entry{"LINK.MISMATCH", severity::error,
                    "Trường {field} ở bảng {table} có giá trị \"{value}\" khác bảng XML1 "
                    "(\"{detail}\").",
                    "Field {field} in table {table} is \"{value}\" but XML1 has \"{detail}\".",
                    "CTN 'Bang 6', 'Bang 13', 'Bang 14', 'Bang 15': \"Nếu có dữ liệu thì phải "
                    "giống thông tin này ở bảng 1\""},
    // ---- SUM: totals and row formulas (exact decimal arithmetic, rounded to 2 decimals) -----
    catalogue_entry{"SUM.T_THUOC", severity::error,
                    "T_THUOC = {value} không bằng tổng THANH_TIEN_BV của bảng XML2 = {detail}.",
                    "T_THUOC = {value} differs from the sum of THANH_TIEN_BV in XML2 = {detail}.",
                    "PL4750 Bảng 1 T_THUOC; spec §6.1"},
    catalogue_entry{"SUM.T_VTYT", severity::error,
                    "T_VTYT = {value} không bằng tổng THANH_TIEN_BV của VTYT (MA_NHOM 10, 11) ở "
                    "bảng XML3 = {detail}.",
                    "T_VTYT = {value} differs from the sum of THANH_TIEN_BV of medical supplies "
                    "(MA_NHOM 10, 11) in XML3 = {detail}.",
                    "PL4750 Bảng 1 T_VTYT; spec §6.1, §6.3"},
    catalogue_entry{"SUM.T_TONGCHI_BV", severity::error,
                    "T_TONGCHI_BV = {value} không bằng tổng THANH_TIEN_BV của XML2 và XML3 = "
                    "{detail}.",
                    "T_TONGCHI_BV = {value} differs from the sum of THANH_TIEN_BV in XML2 and "
                    "XML3 = {detail}.",
                    "PL4750 Bảng 1 T_TONGCHI_BV; spec §6.1"},
    catalogue_entry{"SUM.T_TONGCHI_BH", severity::error,
                    "T_TONGCHI_BH = {value} không bằng tổng THANH_TIEN_BH của XML2 và XML3 = "
                    "{detail}.",
                    "T_TONGCHI_BH = {value} differs from the sum of THANH_TIEN_BH in XML2 and "
                    "XML3 = {detail}.",
                    "PL4750 Bảng 1 T_TONGCHI_BH; spec §6.1"},
    catalogue_entry{"SUM.T_BNTT", severity::error,
                    "T_BNTT = {value} không bằng tổng T_BNTT của XML2 và XML3 = {detail}.",
                    "T_BNTT = {value} differs from the sum of T_BNTT in XML2 and XML3 = {detail}.",
                    "PL4750 Bảng 1 T_BNTT; spec §6.1"},
    catalogue_entry{"SUM.T_BNCCT", severity::error,
                    "T_BNCCT = {value} không bằng tổng T_BNCCT của XML2 và XML3 = {detail}.",
                    "T_BNCCT = {value} differs from the sum of T_BNCCT in XML2 and XML3 = "
                    "{detail}.",
                    "PL4750 Bảng 1 T_BNCCT; spec §6.1"},
    catalogue_entry{"SUM.T_NGUONKHAC", severity::error,
                    "T_NGUONKHAC = {value} không bằng tổng T_NGUONKHAC của XML2 và XML3 = "
                    "{detail}.",
                    "T_NGUONKHAC = {value} differs from the sum of T_NGUONKHAC in XML2 and XML3 = "
                    "{detail}.",
                    "PL4750 Bảng 1 T_NGUONKHAC; spec §6.1"},
    catalogue_entry{"SUM.T_BHTT", severity::error,
                    "T_BHTT = {value} không bằng T_TONGCHI_BH − T_BNCCT = {detail}.",
                    "T_BHTT = {value} differs from T_TONGCHI_BH − T_BNCCT = {detail}.",
                    "PL4750 Bảng 1 T_BHTT: \"T_BHTT = T_TONGCHI_BH - T_BNCCT\"; spec §6.1"},
    catalogue_entry{"SUM.T_BHTT_GDV", severity::error,
                    "T_BHTT_GDV = {value} không bằng tổng T_BHTT của các dòng XML2, XML3 có "
                    "MA_PTTT = 1 = {detail}.",
                    "T_BHTT_GDV = {value} differs from the sum of T_BHTT of XML2 and XML3 rows "
                    "with MA_PTTT = 1 = {detail}.",
                    "PL4750 Bảng 1 T_BHTT_GDV; spec §6.1"},
    catalogue_entry{"SUM.THANH_TIEN_BV", severity::error,
                    "THANH_TIEN_BV = {value} ở bảng {table}, dòng {row} không đúng công thức "
                    "({detail}).",
                    "THANH_TIEN_BV = {value} in table {table}, row {row} does not follow the "
                    "formula ({detail}).",
                    "PL4750 Bảng 2 THANH_TIEN_BV, Bảng 3 THANH_TIEN_BV (4750 wording); spec §6.1"},
    catalogue_entry{"SUM.THANH_TIEN_BH", severity::error,
                    "THANH_TIEN_BH = {value} ở bảng {table}, dòng {row} không đúng công thức "
                    "({detail}).",
                    "THANH_TIEN_BH = {value} in table {table}, row {row} does not follow the "
                    "formula ({detail}).",
                    "PL4750 Bảng 2 THANH_TIEN_BH, Bảng 3 THANH_TIEN_BH; spec §6.1"},
    catalogue_entry{"SUM.T_NGUONKHAC_ROW", severity::error,
                    "T_NGUONKHAC = {value} ở bảng {table}, dòng {row} không bằng "
                    "T_NGUONKHAC_NSNN + T_NGUONKHAC_VTNN + T_NGUONKHAC_VTTN + T_NGUONKHAC_CL = "
                    "{detail}.",
                    "T_NGUONKHAC = {value} in table {table}, row {row} differs from "
                    "T_NGUONKHAC_NSNN + T_NGUONKHAC_VTNN + T_NGUONKHAC_VTTN + T_NGUONKHAC_CL = "
                    "{detail}.",
                    "PL4750 Bảng 2 and Bảng 3 T_NGUONKHAC; spec §6.1"},
    catalogue_entry{"SUM", severity::error,
                    "Trường {field} = {value} ở bảng {table} không khớp giá trị tính được "
                    "({detail}).",
                    "Field {field} = {value} in table {table} does not match the computed value "
                    "({detail}).",
                    "PL4750 formulas; spec §6.1"},
    // ---- DATE --------------------------------------------------------------------------------
    catalogue_entry{"DATE.ORDER", severity::error,
                    "Thời điểm {field} = {value} ở bảng {table}, dòng {row} sai thứ tự: phải "
                    "{detail}.",
                    "Time {field} = {value} in table {table}, row {row} is out of order: it must "
                    "be {detail}.",
                    "CTN VALID column (\">= NGAY_VAO\", \">= NGAY_YL\", \">= NGAY_RA\"); spec "
                    "§6.2, §6.3"},
    catalogue_entry{"DATE.FUTURE", severity::error,
                    "Thời điểm {field} = {value} ở bảng {table}, dòng {row} nằm sau thời điểm "
                    "gửi dữ liệu ({detail}).",
                    "Time {field} = {value} in table {table}, row {row} is later than the time "
                    "of submission ({detail}).",
                    "Events cannot be recorded before they happen (simulator rule, "
                    "docs/findings.md)"},
    catalogue_entry{"DATE.SO_NGAY_DTRI", severity::error,
                    "SO_NGAY_DTRI = {value} không đúng quy định theo MA_LOAI_KCB ({detail}).",
                    "SO_NGAY_DTRI = {value} does not follow the rule for MA_LOAI_KCB ({detail}).",
                    "PL4750 Bảng 1 SO_NGAY_DTRI; CTN 'Bang 1_Tong hop' r40; spec §5"},
    catalogue_entry{"DATE.SO_NGAY_CAP_THUOC_ARV", severity::error,
                    "SO_NGAY_CAP_THUOC_ARV = {value} ở bảng {table}, dòng {row} lớn hơn số ngày "
                    "từ NGAY_BAT_DAU_XU_TRI đến NGAY_KET_THUC_XU_TRI ({detail}).",
                    "SO_NGAY_CAP_THUOC_ARV = {value} in table {table}, row {row} exceeds the days "
                    "from NGAY_BAT_DAU_XU_TRI to NGAY_KET_THUC_XU_TRI ({detail}).",
                    "PL4750 Bảng 6 SO_NGAY_CAP_THUOC_ARV; CTN 'Bang 6_HIV.AIDS' r44"},
};

constexpr std::string_view generic_vi =
    "Lỗi {code} ở bảng {table}, dòng {row}, trường {field}, giá trị \"{value}\" ({detail}).";
constexpr std::string_view generic_en =
    "Finding {code} in table {table}, row {row}, field {field}, value \"{value}\" ({detail}).";

// Valid UTF-8 of at most `max_chars` code points; invalid bytes become U+FFFD so that a message
// built from a hostile value is still printable and JSON-encodable.
std::string display_value(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (chars == max_chars) {
      out += "…";
      break;
    }
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E
                                                                                    ? 4
                                                                                    : 0;
    if (len == 0 || i + len > text.size() ||
        core::first_invalid_utf8(text.substr(i, len)).has_value()) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
    ++chars;
  }
  return out;
}

std::string fill(std::string_view tmpl, const core::finding& f, std::string_view detail,
                 bool vietnamese) {
  const std::string empty = vietnamese ? "(trống)" : "(empty)";
  std::string out;
  out.reserve(tmpl.size() + 64);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      auto close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        auto key = tmpl.substr(i + 1, close - i - 1);
        bool known = true;
        if (key == "field") {
          out += f.field.empty() ? "-" : display_value(f.field, 64);
        } else if (key == "value") {
          out += f.value.empty() ? empty : display_value(f.value, 100);
        } else if (key == "detail") {
          out += detail;
        } else if (key == "table") {
          out += f.table.empty() ? "-" : display_value(f.table, 16);
        } else if (key == "row") {
          out += f.row > 0 ? std::to_string(f.row) : "-";
        } else if (key == "ma_lk") {
          out += f.ma_lk.empty() ? empty : display_value(f.ma_lk, 100);
        } else if (key == "code") {
          out += display_value(f.code, 64);
        } else {
          known = false;
        }
        if (known) {
          i = close + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

void render_with(core::finding& f, const catalogue_entry* e);

}  // namespace

std::span<const catalogue_entry> catalogue() { return entries; }

const catalogue_entry* find_entry(std::string_view code) {
  // Exact code first, then its families from the most specific: "SUM.T_X.Y" → "SUM.T_X" → "SUM".
  for (std::string_view c = code;;) {
    for (const auto& e : entries) {
      if (e.code == c) return &e;
    }
    auto dot = c.rfind('.');
    if (dot == std::string_view::npos) return nullptr;
    c = c.substr(0, dot);
  }
}

void render(core::finding& f) { render(f, false); }

core::finding make_finding(std::string_view code) {
  core::finding f;
  f.code = std::string(code);
  const catalogue_entry* e = find_entry(code);
  f.level = e != nullptr ? e->level : core::severity::error;
  return f;
}

void render(core::finding& f, bool use_default_severity) {
  const catalogue_entry* e = find_entry(f.code);
  if (e != nullptr && use_default_severity) f.level = e->level;
  render_with(f, e);
}

void render(core::finding& f, std::span<const std::span<const catalogue_entry>> extra) {
  for (const auto& cat : extra) {
    for (const auto& e : cat) {
      if (e.code == f.code) {
        render_with(f, &e);
        return;
      }
    }
  }
  render_with(f, find_entry(f.code));
}

namespace {

void render_with(core::finding& f, const catalogue_entry* e) {
  std::string detail_vi = f.detail.empty() ? "-" : display_value(f.detail, 200);
  std::string detail_en = detail_vi;
  // FIELD.REQUIRED's {detail} is the condition of a conditional requirement; it reads as a
  // trailing clause (empty when the field is always required).
  if (e != nullptr && e->code == "FIELD.REQUIRED") {
    detail_vi = f.detail.empty() ? "" : " (bắt buộc khi " + display_value(f.detail, 200) + ")";
    detail_en = f.detail.empty() ? "" : " (required when " + display_value(f.detail, 200) + ")";
  }
  f.message_vi = fill(e != nullptr ? e->message_vi : generic_vi, f, detail_vi, true);
  f.message_en = fill(e != nullptr ? e->message_en : generic_en, f, detail_en, false);
}

}  // namespace

}  // namespace sim::rules
