#include "simulator/engine/fault.hpp"

#include <algorithm>
#include <cmath>

#include "simulator/core/random.hpp"

namespace sim::engine {
namespace faults {
#define SIM_FAULT(name)                                          \
  std::optional<std::string> validate_##name(const fault_spec&); \
  void apply_##name(const fault_spec&, fault_effect&);
SIM_FAULT(outage)
SIM_FAULT(slow)
SIM_FAULT(token_expiry)
SIM_FAULT(ma_ket_qua_500)
SIM_FAULT(response_lost)
SIM_FAULT(duplicate_transaction)
SIM_FAULT(display_late)
SIM_FAULT(display_never)
SIM_FAULT(display_partial)
SIM_FAULT(display_duplicate)
#undef SIM_FAULT
}  // namespace faults

namespace {

// A stateless draw from (seed, draw number).
std::uint64_t draw(std::uint64_t x) { return core::splitmix64(x); }

}  // namespace

const std::vector<fault_type>& fault_types() {
  static const std::vector<fault_type> types = {
      {"outage", "Cổng ngừng phục vụ: HTTP 503 hoặc đóng kết nối", &faults::validate_outage,
       &faults::apply_outage},
      {"slow", "Trả lời chậm delay_ms mili giây", &faults::validate_slow, &faults::apply_slow},
      {"token_expiry", "Mọi token hết hạn ngay", &faults::validate_token_expiry,
       &faults::apply_token_expiry},
      {"ma_ket_qua_500", "HTTP 200 với maKetQua 500 (lỗi hệ thống), không ghi nhận",
       &faults::validate_ma_ket_qua_500, &faults::apply_ma_ket_qua_500},
      {"response_lost", "Đã ghi nhận hồ sơ nhưng mất câu trả lời", &faults::validate_response_lost,
       &faults::apply_response_lost},
      {"duplicate_transaction", "Trả lại maGiaoDich của lần gửi trước",
       &faults::validate_duplicate_transaction, &faults::apply_duplicate_transaction},
      // Display faults of the VNeID health book (endpoint "vneid", issue 11; docs/vneid.md).
      {"display_late", "Hiển thị trên VNeID muộn quá 24 giờ", &faults::validate_display_late,
       &faults::apply_display_late},
      {"display_never", "Không bao giờ hiển thị trên VNeID", &faults::validate_display_never,
       &faults::apply_display_never},
      {"display_partial", "Hiển thị thiếu một số nhóm thông tin",
       &faults::validate_display_partial, &faults::apply_display_partial},
      {"display_duplicate", "Lượt khám hiển thị hai lần", &faults::validate_display_duplicate,
       &faults::apply_display_duplicate},
  };
  return types;
}

const fault_type* find_fault_type(std::string_view name) {
  for (const auto& t : fault_types()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

fault_registry::fault_registry(std::uint64_t seed) : seed_(seed) {}

std::variant<std::string, std::string> fault_registry::add(fault_spec spec) {
  const fault_type* type = find_fault_type(spec.type);
  if (!type) return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                           "unknown fault type '" + spec.type + "'");
  if (!(spec.probability >= 0.0 && spec.probability <= 1.0))
    return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                  "probability must be between 0 and 1");
  if (auto err = type->validate(spec))
    return std::variant<std::string, std::string>(std::in_place_index<1>, *err);
  std::lock_guard lock(mutex_);
  if (spec.id.empty()) spec.id = spec.type + "-" + std::to_string(next_id_++);
  for (const auto& f : faults_) {
    if (f.id == spec.id)
      return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                    "a fault with id '" + spec.id + "' exists");
  }
  faults_.push_back(spec);
  return std::variant<std::string, std::string>(std::in_place_index<0>, spec.id);
}

bool fault_registry::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = std::remove_if(faults_.begin(), faults_.end(),
                           [&](const fault_spec& f) { return f.id == id; });
  const bool found = it != faults_.end();
  faults_.erase(it, faults_.end());
  return found;
}

std::vector<fault_spec> fault_registry::list() const {
  std::lock_guard lock(mutex_);
  return faults_;
}

void fault_registry::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
  draws_ = 0;
}

fault_effect fault_registry::evaluate(std::string_view endpoint, std::string_view facility) {
  fault_effect effect;
  std::lock_guard lock(mutex_);
  for (const auto& f : faults_) {
    if (!f.scope.endpoint.empty() && f.scope.endpoint != endpoint) continue;
    if (!f.scope.facility.empty() && f.scope.facility != facility) continue;
    // One draw per matching fault per request, from (seed, draw number): replayable.
    const double u =
        static_cast<double>(draw(seed_ ^ draw(++draws_)) >> 11) * 0x1.0p-53;
    if (u >= f.probability) continue;
    find_fault_type(f.type)->apply(f, effect);
    effect.fired.push_back(f.id);
  }
  return effect;
}

}  // namespace sim::engine
