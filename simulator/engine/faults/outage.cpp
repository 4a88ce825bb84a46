// Fault "outage": the portal is down. attributes: mode = "503" (default: HTTP 503) | "reset"
// (the connection is closed without an answer).
#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_outage(const fault_spec& s) {
  auto it = s.attributes.find("mode");
  if (it != s.attributes.end() && it->second != "503" && it->second != "reset")
    return "outage.mode must be \"503\" or \"reset\"";
  return std::nullopt;
}

void apply_outage(const fault_spec& s, fault_effect& e) {
  auto it = s.attributes.find("mode");
  if (it != s.attributes.end() && it->second == "reset") e.reset_connection = true;
  else e.http_status = 503;
}

}  // namespace sim::engine::faults
