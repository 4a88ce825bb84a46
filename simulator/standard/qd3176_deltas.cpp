// QĐ 3176/QĐ-BYT (29/10/2024) = QĐ 4750 + the differences below (spec §2.3).
//
// The official 3176 appendix was NOT available: every entry names its source and its marker
// ([V] vendor code, [S] secondary write-up, as in the spec). To correct one, edit its entry; to
// drop one, delete it. Entries are applied in order to a copy of the QĐ 4750 tables, then each
// table's `order` is renumbered.
#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "simulator/standard/detail/generated.hpp"

namespace sim::standard::detail {
namespace {

enum class delta_kind { rename, remove, change };

struct delta {
  delta_kind kind = delta_kind::change;
  table_id table = table_id::xml13;
  std::string_view field;
  std::string_view new_name;             // rename: the 3176 name
  std::optional<int> max_length;         // rename/change: new size (0 = 'n')
  std::optional<value_format> format;    // rename/change: new format
  std::optional<char> separator;         // rename/change: new separator
  std::optional<requirement> required;   // rename/change: new requirement
  std::string_view description_vi;       // rename/change: new wording (empty = keep)
  std::string_view source;               // marker + citation, copied into field_def::source
};

constexpr std::string_view k_qlbv_xml13 =
    "QĐ 3176 [V] QLBV app/Services/XmlStructures.php $expectedStructures3176['XML13'], "
    "Xml3176Service::generateContent; [S] gap-analysis doc (spec §2.3)";
constexpr std::string_view k_gphn =
    "QĐ 3176 [S] vendor write-ups labelled '4750' that contradict PL4750 (spec §2.3): "
    "MA_BAC_SI/MA_TTDV in XML13/XML14 = GPHN number, size 255";

const std::array<delta, 10> k_deltas{{
    // XML13: MA_NOI_DI → MA_CSKCB_DI (size 100; several 5-char codes separated by ';').
    {delta_kind::rename, table_id::xml13, "MA_NOI_DI", "MA_CSKCB_DI", 100, value_format::ma_cskcb,
     ';', requirement::optional,
     "Ghi mã cơ sở KBCB nơi chuyển người bệnh đi (nhiều mã cách nhau bằng dấu ';').",
     k_qlbv_xml13},
    // XML13: MA_NOI_DEN → MA_CSKCB_DEN (5).
    {delta_kind::rename, table_id::xml13, "MA_NOI_DEN", "MA_CSKCB_DEN", 5, value_format::ma_cskcb,
     '\0', requirement::optional, "Ghi mã cơ sở KBCB nơi chuyển người bệnh đến.", k_qlbv_xml13},
    // XML13: PP_DIEU_TRI → TINH_TRANG_CT (patient condition at transfer; free text).
    {delta_kind::rename, table_id::xml13, "PP_DIEU_TRI", "TINH_TRANG_CT", 0, value_format::text,
     '\0', requirement::optional, "Ghi tình trạng người bệnh lúc chuyển tuyến.", k_qlbv_xml13},
    // XML13: TEN_DICH_VU and TEN_THUOC removed.
    {delta_kind::remove, table_id::xml13, "TEN_DICH_VU", {}, {}, {}, {}, {}, {}, k_qlbv_xml13},
    {delta_kind::remove, table_id::xml13, "TEN_THUOC", {}, {}, {}, {}, {}, {}, k_qlbv_xml13},
    // XML13/XML14: MA_BAC_SI and MA_TTDV become the practising-licence number (GPHN), size 255.
    {delta_kind::change, table_id::xml13, "MA_BAC_SI", {}, 255, value_format::identifier, {}, {},
     {}, k_gphn},
    {delta_kind::change, table_id::xml13, "MA_TTDV", {}, 255, value_format::identifier, {}, {}, {},
     k_gphn},
    {delta_kind::change, table_id::xml14, "MA_BAC_SI", {}, 255, value_format::identifier, {}, {},
     {}, k_gphn},
    {delta_kind::change, table_id::xml14, "MA_TTDV", {}, 255, value_format::identifier, {}, {}, {},
     k_gphn},
    // XML14: NGAY_HEN_KL becomes 8 characters (yyyymmdd).
    {delta_kind::change, table_id::xml14, "NGAY_HEN_KL", {}, 8, value_format::date8, {}, {},
     "Ghi ngày người bệnh được hẹn khám lại, theo định dạng yyyymmdd.",
     "QĐ 3176 [S] vendor write-ups (spec §2.3): XML14 NGAY_HEN_KL 8 characters (yyyymmdd)"},
}};

void apply_one(std::vector<table_def>& tables, const delta& d) {
  auto t = std::find_if(tables.begin(), tables.end(),
                        [&](const table_def& x) { return x.id == d.table; });
  if (t == tables.end()) return;
  auto f = std::find_if(t->fields.begin(), t->fields.end(),
                        [&](const field_def& x) { return x.name == d.field; });
  if (f == t->fields.end()) return;  // a delta that no longer applies is ignored (tested)
  if (d.kind == delta_kind::remove) {
    t->fields.erase(f);
    return;
  }
  if (d.kind == delta_kind::rename) {
    f->name = d.new_name;
    f->condition_vi = {};  // the CTN wording was about the 4750 field
    f->code_list = {};
  }
  if (d.max_length) f->max_length = *d.max_length;
  if (d.format) {
    f->format = *d.format;
    if (*d.format != value_format::code) f->code_list = {};
  }
  if (d.separator) f->separator = *d.separator;
  if (d.required) f->required = *d.required;
  if (!d.description_vi.empty()) f->description_vi = d.description_vi;
  f->source = d.source;
}

}  // namespace

void apply_qd3176_deltas(std::vector<table_def>& tables) {
  for (const auto& d : k_deltas) apply_one(tables, d);
  for (auto& t : tables) {
    int order = 0;
    for (auto& f : t.fields) f.order = ++order;
  }
}

}  // namespace sim::standard::detail
