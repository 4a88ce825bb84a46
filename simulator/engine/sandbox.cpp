#include "simulator/engine/sandbox.hpp"

namespace sim::engine {

sandbox_registry::sandbox_registry(std::shared_ptr<const world::world> base, time_source real,
                                   std::uint64_t seed)
    : base_(std::move(base)), real_(std::move(real)), seed_(seed) {
  sandboxes_["default"] = make("default");
}

bool sandbox_registry::valid_name(const std::string& name) {
  if (name.empty() || name.size() > 63) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    (i > 0 && (c == '-' || c == '_'));
    if (!ok) return false;
  }
  return true;
}

std::shared_ptr<sandbox> sandbox_registry::make(const std::string& name) {
  // Each sandbox's faults draw from its own stream: seed mixed with the name.
  std::uint64_t h = seed_;
  for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return std::make_shared<sandbox>(name, base_, real_, h);
}

std::shared_ptr<sandbox> sandbox_registry::get(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = sandboxes_.find(name);
  return it == sandboxes_.end() ? nullptr : it->second;
}

std::variant<std::shared_ptr<sandbox>, std::string> sandbox_registry::create(
    const std::string& name) {
  if (!valid_name(name))
    return "invalid sandbox name '" + name +
           "': use 1–63 lower-case letters, digits, '-' or '_' (not first)";
  std::lock_guard lock(mutex_);
  if (sandboxes_.count(name)) return "sandbox '" + name + "' already exists";
  auto sb = make(name);
  sandboxes_[name] = sb;
  return sb;
}

std::variant<bool, std::string> sandbox_registry::remove(const std::string& name) {
  if (name == "default") return std::string("the default sandbox cannot be deleted");
  std::lock_guard lock(mutex_);
  return sandboxes_.erase(name) > 0;
}

std::vector<std::shared_ptr<sandbox>> sandbox_registry::list() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<sandbox>> out;
  for (const auto& [n, sb] : sandboxes_) out.push_back(sb);
  return out;
}

void sandbox_registry::reset() {
  std::lock_guard lock(mutex_);
  sandboxes_.clear();
  sandboxes_["default"] = make("default");
}

}  // namespace sim::engine
