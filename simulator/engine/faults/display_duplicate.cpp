// Fault "display_duplicate" (endpoint "vneid"): the visit appears twice in the health book (a
// duplicated entry). No attributes. The VNeID pipeline reads the spec; a request is not
// affected (apply does nothing).
#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_display_duplicate(const fault_spec& s) {
  if (s.scope.endpoint != "vneid") return "display_duplicate applies to endpoint \"vneid\" only";
  if (!s.attributes.empty()) return "display_duplicate takes no attributes";
  return std::nullopt;
}

void apply_display_duplicate(const fault_spec&, fault_effect&) {}

}  // namespace sim::engine::faults
