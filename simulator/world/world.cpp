#include "simulator/world/world.hpp"

#include <algorithm>

#include "simulator/world/detail/checks.hpp"
#include "simulator/world/detail/keys.hpp"

namespace sim::world {
namespace {

std::string describe(const std::string& file, const std::string& path, const std::string& why) {
  std::string out;
  if (!file.empty()) out += file + ": ";
  if (!path.empty()) out += path + ": ";
  return out + why;
}

const citizen* lookup(const std::vector<citizen>& all, const auto& index, std::uint64_t key) {
  auto it = std::lower_bound(index.begin(), index.end(), key,
                             [](const auto& e, std::uint64_t k) { return e.key < k; });
  if (it == index.end() || it->key != key) return nullptr;
  return &all[it->pos];
}

}  // namespace

world_error::world_error(std::string file, std::string path, std::string reason)
    : std::runtime_error(describe(file, path, reason)),
      file_(std::move(file)),
      path_(std::move(path)),
      reason_(std::move(reason)) {}

std::string_view to_string(sex s) {
  switch (s) {
    case sex::male:
      return "male";
    case sex::female:
      return "female";
    case sex::unknown:
      break;
  }
  return "unknown";
}

std::string_view label_vi(sex s) {
  switch (s) {
    case sex::male:
      return "Nam";
    case sex::female:
      return "Nữ";
    case sex::unknown:
      break;
  }
  return "Chưa xác định";
}

std::string_view to_string(card_status s) {
  switch (s) {
    case card_status::active:
      return "active";
    case card_status::expired:
      return "expired";
    case card_status::revoked:
      return "revoked";
    case card_status::bao_giam:
      break;
  }
  return "bao_giam";
}

std::optional<sex> parse_sex(std::string_view text) {
  if (text == "male") return sex::male;
  if (text == "female") return sex::female;
  if (text == "unknown") return sex::unknown;
  return std::nullopt;
}

std::optional<card_status> parse_card_status(std::string_view text) {
  if (text == "active") return card_status::active;
  if (text == "expired") return card_status::expired;
  if (text == "revoked") return card_status::revoked;
  if (text == "bao_giam") return card_status::bao_giam;
  return std::nullopt;
}

std::string_view to_string(bao_giam_reason r) {
  switch (r) {
    case bao_giam_reason::chuyen_ngoai_tinh:
      return "chuyen_ngoai_tinh";
    case bao_giam_reason::chuyen_trong_tinh:
      return "chuyen_trong_tinh";
    case bao_giam_reason::tham_gia_lai:
      return "tham_gia_lai";
    case bao_giam_reason::ngung_tham_gia:
      return "ngung_tham_gia";
    case bao_giam_reason::unspecified:
      break;
  }
  return "";
}

std::optional<bao_giam_reason> parse_bao_giam_reason(std::string_view text) {
  for (auto r : {bao_giam_reason::chuyen_ngoai_tinh, bao_giam_reason::chuyen_trong_tinh,
                 bao_giam_reason::tham_gia_lai, bao_giam_reason::ngung_tham_gia}) {
    if (text == to_string(r)) return r;
  }
  return std::nullopt;
}

std::string_view to_string(lookup_body b) {
  switch (b) {
    case lookup_body::json:
      return "json";
    case lookup_body::form:
      return "form";
    case lookup_body::both:
      break;
  }
  return "both";
}

std::optional<lookup_body> parse_lookup_body(std::string_view text) {
  if (text == "both") return lookup_body::both;
  if (text == "json") return lookup_body::json;
  if (text == "form") return lookup_body::form;
  return std::nullopt;
}

std::string_view to_string(latency_distribution d) {
  switch (d) {
    case latency_distribution::fixed:
      return "fixed";
    case latency_distribution::uniform:
      return "uniform";
    case latency_distribution::log_normal:
      break;
  }
  return "log_normal";
}

std::optional<latency_distribution> parse_latency_distribution(std::string_view text) {
  if (text == "fixed") return latency_distribution::fixed;
  if (text == "uniform") return latency_distribution::uniform;
  if (text == "log_normal" || text == "lognormal") return latency_distribution::log_normal;
  return std::nullopt;
}

int compare_app_versions(std::string_view a, std::string_view b) {
  return detail::compare_versions(a, b);
}

std::optional<std::chrono::seconds> parse_world_duration(std::string_view text) {
  // P[nD][T[nH][nM][nS]]: whole numbers only; years and months have no fixed length.
  if (text.size() < 3 || text.front() != 'P') return std::nullopt;
  std::int64_t total = 0;
  bool in_time = false, any = false;
  std::string_view units_left = "DHMS";  // each unit at most once, in this order
  std::size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time || i + 1 == text.size()) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    std::int64_t n = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (++digits > 9) return std::nullopt;
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    if (digits == 0 || i == text.size()) return std::nullopt;
    const char unit = text[i++];
    const auto pos = units_left.find(unit);
    if (pos == std::string_view::npos || (unit == 'D') == in_time) return std::nullopt;
    units_left.remove_prefix(pos + 1);
    total += n * (unit == 'D' ? 86400 : unit == 'H' ? 3600 : unit == 'M' ? 60 : 1);
    any = true;
  }
  if (!any || total <= 0 || total > 366LL * 86400) return std::nullopt;
  return std::chrono::seconds(total);
}

std::string format_world_duration(std::chrono::seconds d) {
  auto s = d.count();
  std::string out = "P";
  if (s >= 86400) {
    out += std::to_string(s / 86400) + "D";
    s %= 86400;
  }
  if (s > 0) {
    out += "T";
    if (s >= 3600) out += std::to_string(s / 3600) + "H";
    if (s % 3600 >= 60) out += std::to_string(s % 3600 / 60) + "M";
    if (s % 60) out += std::to_string(s % 60) + "S";
  }
  return out == "P" ? "PT0S" : out;
}

const facility* world::find_facility(std::string_view ma_cskcb) const {
  for (const auto& f : facilities) {
    if (f.ma_cskcb == ma_cskcb) return &f;
  }
  return nullptr;
}

const citizen* world::find_citizen(std::string_view so_dinh_danh) const {
  if (auto key = detail::digits_key(so_dinh_danh, 12)) {
    if (const citizen* c = lookup(citizens_, by_id_, *key)) return c;
    // Cancelled numbers are kept and resolve to the same person (NĐ 70 Đ11 k11; spec c06 A6).
    if (const citizen* c = lookup(citizens_, by_cancelled_, *key)) return c;
    // A 12-digit CMND number was kept as the CCCD number (A7), but keep looking in case a
    // world records one that differs.
  }
  if (auto key = detail::cmnd_key(so_dinh_danh)) {
    if (const citizen* c = lookup(citizens_, by_cmnd_, *key)) return c;
  }
  auto it = other_ids_.find(std::string(so_dinh_danh));
  return it == other_ids_.end() ? nullptr : &citizens_[it->second];
}

const citizen* world::find_by_card(std::string_view card_number) const {
  auto key = detail::card_key(card_number);
  return key ? lookup(citizens_, by_card_, *key) : nullptr;
}

const citizen* world::find_by_case(std::string_view case_label) const {
  auto it = by_case_.find(std::string(case_label));
  return it == by_case_.end() ? nullptr : &citizens_[it->second];
}

const citizen* world::find_by_ma_bhxh(std::string_view ma_bhxh) const {
  auto key = detail::digits_key(ma_bhxh, 10);
  return key ? lookup(citizens_, by_bhxh_, *key) : nullptr;
}

std::optional<std::size_t> world::position_of(std::string_view so_dinh_danh) const {
  if (auto key = detail::digits_key(so_dinh_danh, 12)) {
    if (!building_ids_.empty() || by_id_.empty()) {
      auto it = building_ids_.find(*key);
      if (it != building_ids_.end()) return it->second;
      if (by_id_.empty()) return std::nullopt;
    }
    if (const citizen* c = lookup(citizens_, by_id_, *key)) {
      return static_cast<std::size_t>(c - citizens_.data());
    }
    return std::nullopt;
  }
  auto it = other_ids_.find(std::string(so_dinh_danh));
  if (it == other_ids_.end()) return std::nullopt;
  return it->second;
}

void world::reserve_citizens(std::size_t n) {
  citizens_.reserve(n);
  building_ids_.reserve(n);
}

std::size_t world::upsert_citizen(citizen c) {
  if (building_ids_.empty() && !by_id_.empty()) {
    // Re-opened after index(): rebuild the builder map from the sorted index.
    for (const auto& e : by_id_) building_ids_.emplace(e.key, e.pos);
    by_id_.clear();
  }
  if (auto key = detail::digits_key(c.so_dinh_danh, 12)) {
    auto [it, added] = building_ids_.emplace(*key, static_cast<std::uint32_t>(citizens_.size()));
    if (!added) {
      citizens_[it->second] = std::move(c);
      return it->second;
    }
  } else {
    auto [it, added] = other_ids_.emplace(c.so_dinh_danh, citizens_.size());
    if (!added) {
      citizens_[it->second] = std::move(c);
      return it->second;
    }
  }
  citizens_.push_back(std::move(c));
  return citizens_.size() - 1;
}

void world::index() {
  by_id_.clear();
  by_cmnd_.clear();
  by_cancelled_.clear();
  by_card_.clear();
  by_bhxh_.clear();
  by_case_.clear();
  by_id_.reserve(building_ids_.size());
  for (const auto& [key, pos] : building_ids_) by_id_.push_back({key, pos});
  std::unordered_map<std::uint64_t, std::uint32_t>().swap(building_ids_);
  std::size_t cmnds = 0, cards = 0, bhxhs = 0, cancelled = 0;
  for (const citizen& c : citizens_) {
    cmnds += !c.old_cmnd.empty();
    cancelled += c.cancelled_ids.size();
    cards += c.card.has_value();
    bhxhs += !c.ma_bhxh.empty();
  }
  by_cmnd_.reserve(cmnds);  // exact sizes: growth by doubling would waste up to half
  by_card_.reserve(cards);
  by_bhxh_.reserve(bhxhs);
  by_cancelled_.reserve(cancelled);
  for (std::size_t i = 0; i < citizens_.size(); ++i) {
    const citizen& c = citizens_[i];
    const auto pos = static_cast<std::uint32_t>(i);
    if (!c.old_cmnd.empty()) {
      if (auto key = detail::cmnd_key(c.old_cmnd)) by_cmnd_.push_back({*key, pos});
    }
    for (const auto& old_id : c.cancelled_ids) {
      if (auto key = detail::digits_key(old_id, 12)) by_cancelled_.push_back({*key, pos});
    }
    if (c.card) {
      if (auto key = detail::card_key(c.card->number)) by_card_.push_back({*key, pos});
    }
    if (auto key = detail::digits_key(c.ma_bhxh, 10)) by_bhxh_.push_back({*key, pos});
    if (!c.case_label.empty()) {
      auto [it, added] = by_case_.emplace(c.case_label, i);
      if (!added) {
        throw index_conflict("case_label \"" + c.case_label + "\" is used twice", it->second, i);
      }
    }
  }
  auto by_key = [](const key_pos& a, const key_pos& b) {
    return a.key != b.key ? a.key < b.key : a.pos < b.pos;
  };
  auto check = [this](const std::vector<key_pos>& index, const char* what, auto text) {
    for (std::size_t i = 1; i < index.size(); ++i) {
      if (index[i].key == index[i - 1].key) {
        const citizen& a = citizens_[index[i - 1].pos];
        const citizen& b = citizens_[index[i].pos];
        throw index_conflict(std::string(what) + " " + text(b) + " is held by both " +
                                 a.so_dinh_danh + " and " + b.so_dinh_danh,
                             index[i - 1].pos, index[i].pos);
      }
    }
  };
  std::sort(by_id_.begin(), by_id_.end(), by_key);
  std::sort(by_cmnd_.begin(), by_cmnd_.end(), by_key);
  std::sort(by_card_.begin(), by_card_.end(), by_key);
  std::sort(by_bhxh_.begin(), by_bhxh_.end(), by_key);
  std::sort(by_cancelled_.begin(), by_cancelled_.end(), by_key);
  // A cancelled number is never reassigned (NĐ 70 Đ11 k11): no other citizen holds it, as a
  // current number or as a cancelled one.
  for (std::size_t i = 1; i < by_cancelled_.size(); ++i) {
    const auto& a = by_cancelled_[i - 1];
    const auto& b = by_cancelled_[i];
    if (a.key != b.key) continue;
    std::string number = std::to_string(b.key);
    number.insert(0, 12 - number.size(), '0');
    throw index_conflict("cancelled ID number " + number + " is held by both " +
                             citizens_[a.pos].so_dinh_danh + " and " +
                             citizens_[b.pos].so_dinh_danh,
                         a.pos, b.pos);
  }
  for (const auto& e : by_cancelled_) {
    if (const citizen* holder = lookup(citizens_, by_id_, e.key)) {
      const auto hpos = static_cast<std::size_t>(holder - citizens_.data());
      throw index_conflict("cancelled ID number " + holder->so_dinh_danh + " of " +
                               citizens_[e.pos].so_dinh_danh +
                               " is the current number of another citizen",
                           std::min<std::size_t>(hpos, e.pos), std::max<std::size_t>(hpos, e.pos));
    }
  }
  check(by_cmnd_, "old CMND number", [](const citizen& c) { return c.old_cmnd; });
  check(by_card_, "card number", [](const citizen& c) { return c.card->number; });
  check(by_bhxh_, "ma_bhxh", [](const citizen& c) { return c.ma_bhxh; });
}

}  // namespace sim::world
