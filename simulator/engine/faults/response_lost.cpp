// Fault "response_lost": the submission IS recorded (it gets a maGiaoDich and a verdict), but
// the answer never reaches the client (the connection is reset). The client must find out by
// looking the record up rather than blindly resending. No attributes.
#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_response_lost(const fault_spec&) { return std::nullopt; }
void apply_response_lost(const fault_spec&, fault_effect& e) { e.lose_response = true; }

}  // namespace sim::engine::faults
