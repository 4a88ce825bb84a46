// sim::standard (private) — the field lists generated from the official XLSX
// (scripts/gen_standard.py → standard/generated/tables_generated.cpp) and the hand-written
// QĐ 3176 deltas (standard/qd3176_deltas.cpp). standard.cpp assembles them into standard_def.
#pragma once

#include <string_view>
#include <vector>

#include "simulator/standard/standard.hpp"

namespace sim::standard::detail {

struct generated_table {
  table_id id = table_id::xml0;
  std::string_view title_vi;      // first line of the appendix sheet's title cell
  std::vector<field_def> fields;  // STT order, `order` already numbered 1..n
};

// QĐ 130: types and sizes before the 4750 corrections, no 4750-only fields, XML0–XML12.
std::vector<generated_table> generated_qd130();
// QĐ 4750: after the corrections, XML0–XML15.
std::vector<generated_table> generated_qd4750();

// Applies the QĐ 3176 differences (spec §2.3) to a copy of the QĐ 4750 tables.
void apply_qd3176_deltas(std::vector<table_def>& tables);

}  // namespace sim::standard::detail
