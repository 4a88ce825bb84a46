// sim::engine — a sandbox's view of the world: the shared frozen world plus the sandbox's own
// additions and replacements (citizens, facilities, registered certificates) made through the
// admin API. Look-ups check the overlay first. The base world is never copied.
//
// Thread safety: all members are safe to call concurrently. Pointers returned by find_* stay
// valid for the sandbox's lifetime (overlay entries are never erased, only superseded).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/engine/virtual_clock.hpp"
#include "simulator/world/world.hpp"

namespace sim::engine {

class world_overlay {
 public:
  // `clock` (the sandbox's; may be null) decides when scheduled changes take effect.
  explicit world_overlay(std::shared_ptr<const world::world> base,
                         const virtual_clock* clock = nullptr)
      : base_(std::move(base)), clock_(clock) {}

  const world::world& base() const { return *base_; }
  std::shared_ptr<const world::world> base_ptr() const { return base_; }

  const world::facility* find_facility(std::string_view ma_cskcb) const;
  const world::citizen* find_citizen(std::string_view so_dinh_danh) const;
  const world::citizen* find_by_card(std::string_view card_number) const;
  const world::citizen* find_by_ma_bhxh(std::string_view ma_bhxh) const;
  // The facility owning a portal account, and the account; nullptr when none.
  const world::facility* find_account(std::string_view username,
                                      const world::portal_account** account) const;

  std::vector<const world::facility*> facilities() const;
  std::size_t citizen_count() const;
  // Citizens in a stable order: overlay-only additions after the base population.
  std::vector<const world::citizen*> citizens(std::size_t offset, std::size_t limit) const;

  // The citizens the overlay itself holds (added, replaced or corrected in this sandbox), in
  // their latest version; the base world's own entries are not included.
  std::vector<const world::citizen*> own_citizens() const;

  void upsert_citizen(world::citizen c);
  // A change of the register that takes effect at `effective` on the sandbox clock (the commune
  // police's correction of an identity mismatch, issue 10): at the first look-up at or after
  // that virtual time, `change` is applied to a copy of the citizen `so_dinh_danh` as it is then
  // (overlay or base), which replaces it. Changes apply in `effective` order, so two corrections
  // of one person both hold. Without a clock a change takes effect at once. Returns false when
  // nobody has that number (nothing is scheduled).
  bool schedule_change(const std::string& so_dinh_danh,
                       std::function<void(world::citizen&)> change, sys_time effective,
                       std::string description);
  struct scheduled_change {
    std::string so_dinh_danh;
    sys_time effective;
    std::string description;
  };
  std::vector<scheduled_change> scheduled() const;  // not yet in effect
  void upsert_facility(world::facility f);
  bool register_certificate(const std::string& ma_cskcb, const std::string& pem);
  // Certificates registered through the overlay (added to those of the base facility).
  std::vector<std::string> extra_certificates(const std::string& ma_cskcb) const;
  // Every certificate the overlay adds to the base world's registrations, by MA_CSKCB: those
  // registered through register_certificate and those of upserted facilities.
  std::multimap<std::string, std::string> all_extra_certificates() const;
  // Changes whenever all_extra_certificates() may have changed; unique across all overlays of
  // the process, so a cache keyed by it (the portal's verifier) never mixes sandboxes.
  std::uint64_t certificate_generation() const;

 private:
  // Applies the scheduled changes that are due; caller holds mutex_. Look-ups are const, but
  // what they answer is a function of the sandbox's time: the stores below change under them.
  void apply_due_locked() const;
  void upsert_citizen_locked(world::citizen c);

  std::shared_ptr<const world::world> base_;
  const virtual_clock* clock_ = nullptr;
  mutable std::mutex mutex_;
  struct pending_change {
    std::string so_dinh_danh;
    std::function<void(world::citizen&)> change;
    sys_time effective;
    std::string description;
  };
  std::vector<pending_change> pending_;  // sorted by effective
  // Old CMND and cancelled numbers of overlay entries (the base world indexes its own).
  std::map<std::string, const world::citizen*, std::less<>> former_ids_;
  std::deque<world::citizen> citizen_store_;    // stable addresses
  std::deque<world::facility> facility_store_;
  std::map<std::string, const world::citizen*, std::less<>> citizens_;      // by so_dinh_danh
  std::map<std::string, const world::citizen*, std::less<>> cards_;         // by card number
  std::map<std::string, const world::citizen*, std::less<>> bhxh_;          // by MA_BHXH
  std::map<std::string, const world::facility*, std::less<>> facilities_;   // by ma_cskcb
  std::vector<std::string> added_citizen_order_;                            // ids not in base
  std::multimap<std::string, std::string> certificates_;
  static std::uint64_t next_generation();
  std::uint64_t generation_ = next_generation();
};

}  // namespace sim::engine
