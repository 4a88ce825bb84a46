// sim::engine — sandboxes: isolated portals (own clock, faults, world overlay; own rows in the
// shared journal) behind `/s/{name}/…`, so each trainee or CI job has its own. The unprefixed
// paths are the sandbox "default", which always exists. Sandboxes share the one frozen world
// and keep only their own additions (world_overlay), so hundreds fit in memory.
//
//   sim::engine::sandbox_registry sandboxes(world, real_time, /*seed=*/1);
//   auto sb = sandboxes.create("hv-01");          // or an error message
//   std::get<std::shared_ptr<sandbox>>(sb)->clock.advance(std::chrono::hours(48));
//
// Errors: create() refuses names outside [a-z0-9][a-z0-9-_]{0,62} and existing names;
// remove() refuses "default".
// Thread safety: all members are safe to call concurrently; a sandbox's members are too.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "simulator/engine/fault.hpp"
#include "simulator/engine/virtual_clock.hpp"
#include "simulator/engine/world_overlay.hpp"

namespace sim::engine {

struct sandbox {
  sandbox(std::string n, std::shared_ptr<const world::world> base, time_source real,
          std::uint64_t seed)
      : name(std::move(n)), clock(std::move(real)), faults(seed), world(std::move(base), &clock) {}

  const std::string name;
  virtual_clock clock;
  fault_registry faults;
  world_overlay world;
};

class sandbox_registry {
 public:
  sandbox_registry(std::shared_ptr<const world::world> base, time_source real,
                   std::uint64_t seed);

  std::shared_ptr<sandbox> get(const std::string& name) const;  // nullptr when absent
  std::variant<std::shared_ptr<sandbox>, std::string> create(const std::string& name);
  std::variant<bool, std::string> remove(const std::string& name);
  std::vector<std::shared_ptr<sandbox>> list() const;
  // Admin reset: removes every sandbox but "default", which is recreated fresh.
  void reset();

  static bool valid_name(const std::string& name);

 private:
  std::shared_ptr<sandbox> make(const std::string& name);

  std::shared_ptr<const world::world> base_;
  time_source real_;
  std::uint64_t seed_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<sandbox>> sandboxes_;
};

}  // namespace sim::engine
