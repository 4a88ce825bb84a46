#include "simulator/rules/validator.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "simulator/rules/catalogue.hpp"
#include "simulator/rules/detail/emit.hpp"

namespace sim::rules {
namespace {

using standard::table_id;

// "ENVELOPE" first, then XML0 … XML15 in numeric order (XML10 after XML9), anything else last.
int table_rank(std::string_view table) {
  if (table.empty()) return -1;
  if (table == "ENVELOPE") return 0;
  if (table.starts_with("XML")) {
    int n = 0;
    auto digits = table.substr(3);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec == std::errc() && p == digits.data() + digits.size()) return 1 + n;
  }
  return 100;
}

void check_table(const standard::standard_def& def, const standard::table_data& t,
                 std::string_view record_ma_lk, detail::emitter& out) {
  const standard::table_def* td = def.table(t.id);
  if (td == nullptr) return;  // a table this standard lacks: decode reported ENV.LOAIHOSO
  detail::check_table_fields(*td, t, record_ma_lk, out);
  detail::check_table_conditions(*td, t, record_ma_lk, out);
}

}  // namespace

void check_content(const standard::decoded_file& file, const validate_options& options,
                   core::findings& out) {
  const standard::standard_def& def = standard::get_standard(options.standard);
  detail::emitter emit(options, out);
  emit.set_standard(def);
  if (file.kind == standard::file_kind::checkin) {
    check_table(def, file.checkin.xml0, "", emit);
    return;
  }
  if (file.kind != standard::file_kind::claim) return;
  for (const auto& h : file.claim.hosos) {
    std::string_view ma_lk;
    if (const auto* x1 = h.table(table_id::xml1); x1 != nullptr && !x1->rows.empty()) {
      ma_lk = detail::value_of(x1->rows.front(), "MA_LK");
    }
    for (const auto& t : h.tables) check_table(def, t, ma_lk, emit);
    detail::check_record(h, emit);
  }
}

file_report validate_file(std::string_view bytes, const validate_options& options) {
  file_report report;
  const standard::standard_def& def = standard::get_standard(options.standard);
  report.decoded = standard::decode(bytes, def, options.limits);
  report.findings = report.decoded.findings;
  check_content(report.decoded, options, report.findings);
  for (const auto& check : options.extra_checks) check(bytes, report.decoded, report.findings);
  // Stable order (table, row, field, code); equal keys keep the order the rules produced, which
  // is the order of the records in the file.
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const core::finding& a, const core::finding& b) {
                     return std::make_tuple(table_rank(a.table), a.row, std::string_view(a.field),
                                            std::string_view(a.code)) <
                            std::make_tuple(table_rank(b.table), b.row, std::string_view(b.field),
                                            std::string_view(b.code));
                   });
  for (auto& f : report.findings) render(f, options.extra_catalogues);
  report.accepted = !core::has_error(report.findings);
  return report;
}

}  // namespace sim::rules
