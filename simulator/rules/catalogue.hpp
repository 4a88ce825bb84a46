// sim::rules — the finding catalogue: every stable finding code with its default severity, its
// Vietnamese and English message templates and the source it comes from. docs/findings.md is
// the human-readable twin of this table (a test keeps them in step).
//
// Templates use {field}, {value}, {detail}, {table}, {row}, {ma_lk} placeholders.
//
//   sim::core::finding f{.code = "FIELD.TOO_LONG", .table = "XML1", .field = "HO_TEN",
//                        .value = "…", .detail = "255"};
//   sim::rules::render(f);  // f.message_vi = "Trường HO_TEN dài quá 255 ký tự …"
//
// Codes are matched exactly first, then by family prefix (`SUM.T_THUOC` falls back to `SUM`).
// Thread safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

#include "simulator/core/finding.hpp"

namespace sim::rules {

struct catalogue_entry {
  std::string_view code;        // "FIELD.REQUIRED", or a family "SUM"
  core::severity level;
  std::string_view message_vi;  // template
  std::string_view message_en;  // template
  std::string_view source;      // regulation or sheet the rule comes from
};

std::span<const catalogue_entry> catalogue();
const catalogue_entry* find_entry(std::string_view code);

// Fills message_vi and message_en (and the default severity when `use_default_severity`).
void render(core::finding& f);

}  // namespace sim::rules
