// Fault "slow": the answer comes late. attributes: delay_ms (required, 1–600000). The transport
// waits on a timer, never a blocking sleep.
#include <charconv>

#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

namespace {
std::optional<long> delay_ms(const fault_spec& s) {
  auto it = s.attributes.find("delay_ms");
  if (it == s.attributes.end()) return std::nullopt;
  long v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc{} || p != it->second.data() + it->second.size()) return std::nullopt;
  return v;
}
}  // namespace

std::optional<std::string> validate_slow(const fault_spec& s) {
  auto v = delay_ms(s);
  if (!v || *v < 1 || *v > 600000) return "slow.delay_ms must be a number from 1 to 600000";
  return std::nullopt;
}

void apply_slow(const fault_spec& s, fault_effect& e) {
  e.delay += std::chrono::milliseconds(delay_ms(s).value_or(0));
}

}  // namespace sim::engine::faults
