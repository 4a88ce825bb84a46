// Fault "ma_ket_qua_500": the gateway answers HTTP 200 with maKetQua 500 (system error, spec
// §3.2/§3.3) and records nothing. attributes: code (default "500").
#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_ma_ket_qua_500(const fault_spec& s) {
  auto it = s.attributes.find("code");
  if (it != s.attributes.end() && (it->second.empty() || it->second.size() > 4))
    return "ma_ket_qua_500.code must be 1–4 characters";
  return std::nullopt;
}

void apply_ma_ket_qua_500(const fault_spec& s, fault_effect& e) {
  auto it = s.attributes.find("code");
  e.ma_ket_qua = it == s.attributes.end() ? "500" : it->second;
}

}  // namespace sim::engine::faults
