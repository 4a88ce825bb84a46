// sim::rules — a finding as JSON, in the one shape every output uses (`validate --json`, the
// portal's verdicts, /_sim/results): {"code","severity","table","ma_lk","row","field",
// "message_vi","message_en"} in that order (issue 7 §3).
#pragma once

#include <nlohmann/json.hpp>

#include "simulator/core/finding.hpp"

namespace sim::rules {

inline nlohmann::ordered_json finding_json(const core::finding& f) {
  return {{"code", f.code},
          {"severity", f.level == core::severity::error ? "error" : "warning"},
          {"table", f.table},
          {"ma_lk", f.ma_lk},
          {"row", f.row},
          {"field", f.field},
          {"message_vi", f.message_vi},
          {"message_en", f.message_en}};
}

inline nlohmann::ordered_json findings_json(const core::findings& fs) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& f : fs) out.push_back(finding_json(f));
  return out;
}

}  // namespace sim::rules
