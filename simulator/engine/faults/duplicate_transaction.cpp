// Fault "duplicate_transaction": the answer carries the maGiaoDich of the previous submission,
// so that a client which keys its records by maGiaoDich must notice the duplicate. No attributes.
#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_duplicate_transaction(const fault_spec&) {
  return std::nullopt;
}
void apply_duplicate_transaction(const fault_spec&, fault_effect& e) {
  e.repeat_transaction_id = true;
}

}  // namespace sim::engine::faults
