// Fault "display_late" (endpoint "vneid"): BHXH's extraction is late — the visit reaches the
// VNeID app `delay` after it could be shown instead of after the drawn display latency.
// attributes: delay (ISO-8601 duration, more than PT24H so that the 24-hour SLA of QĐ 2733
// PL01 Đ5 step 7 is missed; default P2D). The VNeID pipeline reads the spec; a request is not
// affected (apply does nothing).
#include "simulator/engine/fault.hpp"
#include "simulator/world/world.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_display_late(const fault_spec& s) {
  if (s.scope.endpoint != "vneid") return "display_late applies to endpoint \"vneid\" only";
  auto it = s.attributes.find("delay");
  if (it == s.attributes.end()) return std::nullopt;
  auto d = world::parse_world_duration(it->second);
  if (!d || *d <= std::chrono::hours(24))
    return "display_late.delay must be an ISO-8601 duration over PT24H (e.g. \"P2D\")";
  return std::nullopt;
}

void apply_display_late(const fault_spec&, fault_effect&) {}

}  // namespace sim::engine::faults
