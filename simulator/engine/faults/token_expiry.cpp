// Fault "token_expiry": every token of the sandbox expires now, so the next call meets the
// gateway's trap (HTTP 200, maKetQua 401 "Token het han"). No attributes.
#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_token_expiry(const fault_spec&) { return std::nullopt; }
void apply_token_expiry(const fault_spec&, fault_effect& e) { e.expire_tokens = true; }

}  // namespace sim::engine::faults
