#include "simulator/engine/world_overlay.hpp"

#include <algorithm>
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

void world_overlay::apply_due_locked() const {
  if (pending_.empty()) return;
  const sys_time now = clock_ ? clock_->now() : sys_time::max();
  auto* self = const_cast<world_overlay*>(this);
  std::size_t n = 0;
  while (n < pending_.size() && pending_[n].effective <= now) ++n;
  if (n == 0) return;
  for (std::size_t i = 0; i < n; ++i) {
    auto& p = self->pending_[i];
    const world::citizen* current = nullptr;
    if (auto it = citizens_.find(p.so_dinh_danh); it != citizens_.end()) current = it->second;
    if (!current) current = base_->find_citizen(p.so_dinh_danh);
    if (!current) continue;
    world::citizen next = *current;
    p.change(next);
    next.so_dinh_danh = current->so_dinh_danh;  // the key never changes
    self->upsert_citizen_locked(std::move(next));
  }
  self->pending_.erase(self->pending_.begin(), self->pending_.begin() + static_cast<long>(n));
}

bool world_overlay::schedule_change(const std::string& so_dinh_danh,
                                    std::function<void(world::citizen&)> change,
                                    sys_time effective, std::string description) {
  const world::citizen* who = find_citizen(so_dinh_danh);
  if (!who) return false;
  std::lock_guard lock(mutex_);
  auto at = std::upper_bound(pending_.begin(), pending_.end(), effective,
                             [](sys_time t, const pending_change& p) { return t < p.effective; });
  pending_.insert(at, pending_change{who->so_dinh_danh, std::move(change), effective,
                                     std::move(description)});
  apply_due_locked();
  return true;
}

std::vector<world_overlay::scheduled_change> world_overlay::scheduled() const {
  std::lock_guard lock(mutex_);
  apply_due_locked();
  std::vector<scheduled_change> out;
  for (const auto& p : pending_) out.push_back({p.so_dinh_danh, p.effective, p.description});
  return out;
}

const world::citizen* world_overlay::find_citizen(std::string_view id) const {
  {
    std::lock_guard lock(mutex_);
    apply_due_locked();
    if (auto it = citizens_.find(id); it != citizens_.end()) return it->second;
    if (auto it = former_ids_.find(id); it != former_ids_.end()) return it->second;
  }
  const world::citizen* c = base_->find_citizen(id);
  // Found by an old CMND or a cancelled number of a base citizen replaced in the overlay: the
  // overlay's version answers.
  if (c) {
    std::lock_guard lock(mutex_);
    if (auto it = citizens_.find(c->so_dinh_danh); it != citizens_.end()) return it->second;
  }
  return c;
}

const world::citizen* world_overlay::find_by_card(std::string_view card) const {
  {
    std::lock_guard lock(mutex_);
    apply_due_locked();
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
    apply_due_locked();
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
  apply_due_locked();
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

std::vector<const world::citizen*> world_overlay::own_citizens() const {
  std::vector<const world::citizen*> out;
  std::lock_guard lock(mutex_);
  apply_due_locked();
  out.reserve(citizens_.size());
  for (const auto& [id, c] : citizens_) out.push_back(c);
  return out;
}

void world_overlay::upsert_citizen(world::citizen c) {
  std::lock_guard lock(mutex_);
  apply_due_locked();
  upsert_citizen_locked(std::move(c));
}

namespace {

// The numbers that designated a person before the current one (spec c06 A6, A7): the old
// 9-digit CMND and the cancelled 12-digit numbers.
std::vector<const std::string*> former_ids(const world::citizen& c) {
  std::vector<const std::string*> out;
  if (!c.old_cmnd.empty()) out.push_back(&c.old_cmnd);
  for (const auto& id : c.cancelled_ids)
    if (!id.empty()) out.push_back(&id);
  return out;
}

}  // namespace

void world_overlay::upsert_citizen_locked(world::citizen c) {
  // The replaced version's own keys stop answering for it (a changed card number or MA_BHXH).
  if (auto it = citizens_.find(c.so_dinh_danh); it != citizens_.end()) {
    const world::citizen* before = it->second;
    if (before->card) {
      if (auto k = cards_.find(before->card->number); k != cards_.end() && k->second == before)
        cards_.erase(k);
    }
    if (auto k = bhxh_.find(before->ma_bhxh); k != bhxh_.end() && k->second == before)
      bhxh_.erase(k);
    for (const std::string* former : former_ids(*before)) {
      if (auto k = former_ids_.find(*former); k != former_ids_.end() && k->second == before)
        former_ids_.erase(k);
    }
  }
  const bool known = citizens_.count(c.so_dinh_danh) || base_->find_citizen(c.so_dinh_danh);
  citizen_store_.push_back(std::move(c));
  const world::citizen* p = &citizen_store_.back();
  if (!known) added_citizen_order_.push_back(p->so_dinh_danh);
  citizens_[p->so_dinh_danh] = p;
  if (p->card) cards_[p->card->number] = p;
  if (!p->ma_bhxh.empty()) bhxh_[p->ma_bhxh] = p;
  for (const std::string* former : former_ids(*p)) former_ids_[*former] = p;
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
