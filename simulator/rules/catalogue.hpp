// sim::rules — the finding catalogue: every stable finding code with its default severity, its
// Vietnamese and English message templates and the source it comes from. docs/findings.md is
// the human-readable twin of this table (a test keeps them in step).
//
// Templates use {field}, {value}, {detail}, {table}, {row}, {ma_lk} placeholders.
//
//   sim::core::finding f{.code = "FIELD.TOO_LONG", .table = "XML1", .field = "HO_TEN",
//                        .value = "…", .detail = "255"};
//   sim::rules::render(f);  // f.message_vi = "Trường HO_TEN có giá trị \"…\" dài quá 255 ký tự …"
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

// Fills message_vi and message_en from the entry of `f.code` (exact, then family prefix; an
// unknown code still renders with a generic message naming code, table, row, field and value).
// Values are shown truncated (100 characters) and with invalid UTF-8 replaced by U+FFFD.
void render(core::finding& f);
// As above, and also sets `f.level` to the entry's default severity when `use_default_severity`.
void render(core::finding& f, bool use_default_severity);
// As render(f), looking `f.code` up in `extra` first: catalogues other modules own (SIG.* from
// sim::signature, ID.*/CARD.* later) without a dependency of sim::rules on them.
void render(core::finding& f, std::span<const std::span<const catalogue_entry>> extra);

// A finding with `code` and the catalogue's default severity for it (error when unknown).
core::finding make_finding(std::string_view code);

}  // namespace sim::rules
