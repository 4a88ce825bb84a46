// sim::standard — the QĐ 130 / QĐ 4750 / QĐ 3176 output-data standard as data.
//
// Every table (XML0 check-in, XML1–XML15) with every field: name, STT order, data type, maximum
// size, requirement, format, code list, separator for multi-valued fields, the appendix wording
// and the source row it came from. QĐ 130 and QĐ 4750 are generated from the official appendix
// XLSX (`scripts/gen_standard.py` → `standard/generated/tables_generated.cpp`); required flags
// come from the portal check sheet (CTN); QĐ 3176 is QĐ 4750 plus the hand-written deltas in
// `standard/qd3176_deltas.cpp`, each citing its source.
//
//   const auto& std4750 = sim::standard::get_standard(sim::standard::standard_id::qd4750);
//   const auto* xml1 = std4750.table(sim::standard::table_id::xml1);
//   const auto* f = xml1->field("T_BHTT");   // f->type == data_type::number, f->max_length == 15
//
// Errors: none; lookups return nullptr when a name is unknown.
// Thread safety: the returned objects are immutable and built once (thread-safe statics).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim::standard {

enum class standard_id { qd130, qd4750, qd3176 };

// "130" | "4750" | "3176" (also accepts "qd130", "QĐ 4750", … case-insensitively).
std::optional<standard_id> parse_standard(std::string_view text);
std::string_view to_string(standard_id id);  // "130", "4750", "3176"

enum class table_id {
  xml0, xml1, xml2, xml3, xml4, xml5, xml6, xml7, xml8, xml9, xml10, xml11, xml12, xml13, xml14,
  xml15
};
inline constexpr int table_count = 16;
std::string_view to_string(table_id id);                        // "XML0" … "XML15"
std::optional<table_id> parse_table(std::string_view loaihoso);  // "XML1" → xml1

enum class data_type { string, number };  // "Chuỗi" / "Số" of the appendix

// How a value is checked beyond type and size. Assigned per field by the generator from the
// field's name and the appendix wording (see gen_standard.py, FORMATS), citing spec §4.
enum class value_format {
  text,              // free text
  integer,           // digits only
  decimal,           // number with optional '.' fraction (money, quantity)
  date8,             // yyyyMMdd
  datetime12,        // yyyyMMddHHmm
  birth12,           // NGAY_SINH: yyyyMMddHHmm, month/day/hour/minute may be 00 when unknown
  date8_or_12,       // yyyyMMdd or yyyyMMddHHmm (NGAY_MIEN_CCT)
  code,              // one value of `code_list`
  ma_the_bhyt,       // 15-char card number ^[A-Z]{2}[1-5]\d{12}$
  so_cccd,           // 9 or 12 digits, or passport [A-Z]\d{7}
  ma_cskcb,          // 5-char facility code
  ma_bhxh,           // 10 digits, not all zeros
  icd10,             // ICD-10 code shape (letter, 2 digits, optional .digits)
  ma_giuong,         // ^[HTCK]\d{3}$
  tt_thau,           // SốQĐ;Gói;Nhóm;Năm
  ma_khoa,           // Kxx (QĐ 5937 PL5) shape
  identifier,        // a code or number chosen by the facility or taken from a catalogue the
                     // sources do not contain (MA_LK, MA_BN, MA_THUOC, …): size check only;
                     // written without CDATA (unlike `text`)
};

enum class requirement { optional, required, conditional };

struct field_def {
  std::string_view name;            // tag name exactly as the standard spells it
  int order = 0;                    // 1-based position (STT order) within the row
  data_type type = data_type::string;
  int max_length = 0;               // characters; 0 = "n" (no limit in the appendix)
  requirement required = requirement::optional;
  std::string_view condition_vi;    // CTN wording of a conditional requirement / VALID rule
  value_format format = value_format::text;
  std::string_view code_list;       // code-list name (see code_lists.hpp) when format == code
  char separator = '\0';            // ';' when the field may carry several values
  std::string_view description_vi;  // appendix wording (first sentence)
  std::string_view source;          // e.g. "PL4750 'Bang 1_Tong hop' r12; CTN r11"
  int ctn_max_length = 0;           // size in the CTN sheet when it differs from max_length
                                    // (0 = same or not given); informational, spec §2.1
};

struct table_def {
  table_id id = table_id::xml0;
  std::string_view loaihoso;      // "XML1"; "XML0" for the check-in table
  std::string_view title_vi;      // "Bảng 1. Chỉ tiêu tổng hợp khám bệnh, chữa bệnh"
  std::string_view root;          // root element of the inner document (or of XML0's file)
  std::string_view list_wrapper;  // e.g. "DSACH_CHI_TIET_THUOC"; empty for single-record tables
  std::string_view row_element;   // e.g. "CHI_TIET_THUOC"; empty for single-record tables
  std::vector<field_def> fields;  // in STT order

  bool multi_row() const { return !row_element.empty(); }
  const field_def* field(std::string_view name) const;
};

struct standard_def {
  standard_id id = standard_id::qd4750;
  std::vector<table_def> tables;            // the tables this standard defines
  std::vector<table_id> envelope_tables;    // LOAIHOSO values allowed inside GIAMDINHHS

  const table_def* table(table_id id) const;
  const table_def* table(std::string_view loaihoso) const;
  bool allowed_in_envelope(table_id id) const;
};

const standard_def& get_standard(standard_id id);

}  // namespace sim::standard
