// sim::core — value types shared by every domain module.
//
// A finding is one thing the simulator has to say about a user's file: a stable code from the
// catalogue (`FIELD.REQUIRED`, `SUM.T_THUOC`, `SIG.DIGEST`, …), where it is, and messages in
// Vietnamese and English. Findings are data, never exceptions.
//
//   sim::core::finding f{.code = "FIELD.REQUIRED", .table = "XML1", .row = 1, .field = "HO_TEN"};
//   sim::rules::render(f);   // fills message_vi / message_en from the catalogue
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sim::core {

enum class severity { error, warning };

struct finding {
  std::string code;       // stable catalogue code, e.g. "FIELD.TOO_LONG"
  severity level = severity::error;
  std::string table;      // "ENVELOPE", "XML0" … "XML15"; empty when not about a table
  std::string ma_lk;      // MA_LK of the record, when known
  int row = 0;            // 1-based row within `table`; 0 = not row-specific
  std::string field;      // field name as the standard spells it, e.g. "NGAY_RA"
  std::string value;      // offending value (truncated for display), may be empty
  std::string detail;     // extra parameter for the message (expected value, limit, …)
  std::string message_vi; // filled by sim::rules::render
  std::string message_en;
};

using findings = std::vector<finding>;

inline bool has_error(const findings& fs) {
  for (const auto& f : fs) {
    if (f.level == severity::error) return true;
  }
  return false;
}

}  // namespace sim::core
