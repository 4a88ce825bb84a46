// sim::engine — a sandbox's view of the world: the shared frozen world plus the sandbox's own
// additions and replacements (citizens, facilities, registered certificates) made through the
// admin API. Look-ups check the overlay first. The base world is never copied.
//
// Thread safety: all members are safe to call concurrently. Pointers returned by find_* stay
// valid for the sandbox's lifetime (overlay entries are never erased, only superseded).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/world/world.hpp"

namespace sim::engine {

class world_overlay {
 public:
  explicit world_overlay(std::shared_ptr<const world::world> base) : base_(std::move(base)) {}

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

  void upsert_citizen(world::citizen c);
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
  std::shared_ptr<const world::world> base_;
  mutable std::mutex mutex_;
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
