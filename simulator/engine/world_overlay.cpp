#include "simulator/engine/world_overlay.hpp"

#include <atomic>

namespace sim::engine {

std::uint64_t world_overlay::next_generation() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t world_overlay::certificate_generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

std::multimap<std::string, std::string> world_overlay::all_extra_certificates() const {
  std::lock_guard lock(mutex_);
  std::multimap<std::string, std::string> out = certificates_;
  for (const auto& [code, f] : facilities_) {
    for (const auto& pem : f->registered_certificates) out.emplace(code, pem);
  }
  return out;
}

const world::facility* world_overlay::find_facility(std::string_view ma_cskcb) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = facilities_.find(ma_cskcb); it != facilities_.end()) return it->second;
  }
  return base_->find_facility(ma_cskcb);
}

const world::citizen* world_overlay::find_citizen(std::string_view id) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = citizens_.find(id); it != citizens_.end()) return it->second;
  }
  return base_->find_citizen(id);
}

const world::citizen* world_overlay::find_by_card(std::string_view card) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cards_.find(card); it != cards_.end()) return it->second;
  }
  const world::citizen* c = base_->find_by_card(card);
  // A base citizen replaced in the overlay is answered from the overlay, if that version still
  // holds the card.
  if (c) {
    std::lock_guard lock(mutex_);
    if (auto it = citizens_.find(c->so_dinh_danh); it != citizens_.end()) {
      const world::citizen* now = it->second;
      return now->card && now->card->number == card ? now : nullptr;
    }
  }
  return c;
}

const world::citizen* world_overlay::find_by_ma_bhxh(std::string_view ma_bhxh) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = bhxh_.find(ma_bhxh); it != bhxh_.end()) return it->second;
  }
  const world::citizen* c = base_->find_by_ma_bhxh(ma_bhxh);
  if (c) {
    std::lock_guard lock(mutex_);
    if (auto it = citizens_.find(c->so_dinh_danh); it != citizens_.end())
      return it->second->ma_bhxh == ma_bhxh ? it->second : nullptr;
  }
  return c;
}

const world::facility* world_overlay::find_account(std::string_view username,
                                                   const world::portal_account** account) const {
  for (const world::facility* f : facilities()) {
    for (const auto& a : f->accounts) {
      if (a.username == username) {
        if (account) *account = &a;
        return f;
      }
    }
  }
  return nullptr;
}

std::vector<const world::facility*> world_overlay::facilities() const {
  std::vector<const world::facility*> out;
  std::lock_guard lock(mutex_);
  for (const auto& f : base_->facilities) {
    auto it = facilities_.find(f.ma_cskcb);
    out.push_back(it != facilities_.end() ? it->second : &f);
  }
  for (const auto& [code, f] : facilities_) {
    if (!base_->find_facility(code)) out.push_back(f);
  }
  return out;
}

std::size_t world_overlay::citizen_count() const {
  std::lock_guard lock(mutex_);
  return base_->citizen_count() + added_citizen_order_.size();
}

std::vector<const world::citizen*> world_overlay::citizens(std::size_t offset,
                                                           std::size_t limit) const {
  std::vector<const world::citizen*> out;
  std::lock_guard lock(mutex_);
  const std::size_t base_n = base_->citizen_count();
  for (std::size_t i = offset; i < base_n + added_citizen_order_.size() && out.size() < limit;
       ++i) {
    if (i < base_n) {
      const auto& c = base_->citizen_at(i);
      auto it = citizens_.find(c.so_dinh_danh);
      out.push_back(it != citizens_.end() ? it->second : &c);
    } else {
      out.push_back(citizens_.find(added_citizen_order_[i - base_n])->second);
    }
  }
  return out;
}

void world_overlay::upsert_citizen(world::citizen c) {
  std::lock_guard lock(mutex_);
  // The replaced version's own keys stop answering for it (a changed card number or MA_BHXH).
  if (auto it = citizens_.find(c.so_dinh_danh); it != citizens_.end()) {
    const world::citizen* before = it->second;
    if (before->card) {
      if (auto k = cards_.find(before->card->number); k != cards_.end() && k->second == before)
        cards_.erase(k);
    }
    if (auto k = bhxh_.find(before->ma_bhxh); k != bhxh_.end() && k->second == before)
      bhxh_.erase(k);
  }
  const bool known = citizens_.count(c.so_dinh_danh) || base_->find_citizen(c.so_dinh_danh);
  citizen_store_.push_back(std::move(c));
  const world::citizen* p = &citizen_store_.back();
  if (!known) added_citizen_order_.push_back(p->so_dinh_danh);
  citizens_[p->so_dinh_danh] = p;
  if (p->card) cards_[p->card->number] = p;
  if (!p->ma_bhxh.empty()) bhxh_[p->ma_bhxh] = p;
}

void world_overlay::upsert_facility(world::facility f) {
  std::lock_guard lock(mutex_);
  facility_store_.push_back(std::move(f));
  facilities_[facility_store_.back().ma_cskcb] = &facility_store_.back();
  generation_ = next_generation();
}

bool world_overlay::register_certificate(const std::string& ma_cskcb, const std::string& pem) {
  if (!find_facility(ma_cskcb)) return false;
  std::lock_guard lock(mutex_);
  certificates_.emplace(ma_cskcb, pem);
  generation_ = next_generation();
  return true;
}

std::vector<std::string> world_overlay::extra_certificates(const std::string& ma_cskcb) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  auto [a, b] = certificates_.equal_range(ma_cskcb);
  for (auto it = a; it != b; ++it) out.push_back(it->second);
  return out;
}

}  // namespace sim::engine
