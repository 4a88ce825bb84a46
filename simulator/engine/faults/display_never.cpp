// Fault "display_never" (endpoint "vneid"): BHXH's extraction fails for the visit, which never
// reaches the VNeID app (its display state becomes "failed"). No attributes. The VNeID pipeline
// reads the spec; a request is not affected (apply does nothing).
#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_display_never(const fault_spec& s) {
  if (s.scope.endpoint != "vneid") return "display_never applies to endpoint \"vneid\" only";
  if (!s.attributes.empty()) return "display_never takes no attributes";
  return std::nullopt;
}

void apply_display_never(const fault_spec&, fault_effect&) {}

}  // namespace sim::engine::faults
