#include <algorithm>
#include <charconv>
#include <set>

#include "simulator/cards/cards.hpp"

namespace sim::cards {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool registered_at(const world::citizen& c, std::string_view facility) {
  return c.card && c.card->ma_dkbd == facility;
}

}  // namespace

citizen_source source_of(const world::world& w) {
  citizen_source s;
  s.find_citizen = [&w](std::string_view id) { return w.find_citizen(id); };
  s.find_facility = [&w](std::string_view ma) { return w.find_facility(ma); };
  s.for_each = [&w](const std::function<bool(const world::citizen&)>& visit) {
    for (const auto& c : w.citizens()) {
      if (!visit(c)) return;
    }
  };
  return s;
}

citizen_source source_of(const engine::world_overlay& overlay) {
  citizen_source s;
  s.find_citizen = [&overlay](std::string_view id) { return overlay.find_citizen(id); };
  s.find_facility = [&overlay](std::string_view ma) { return overlay.find_facility(ma); };
  s.for_each = [&overlay](const std::function<bool(const world::citizen&)>& visit) {
    constexpr std::size_t page = 4096;
    for (std::size_t offset = 0;; offset += page) {
      const auto batch = overlay.citizens(offset, page);
      for (const auto* c : batch) {
        if (!visit(*c)) return;
      }
      if (batch.size() < page) return;
    }
  };
  return s;
}

bool parse_selection(std::string_view citizens_csv, std::string_view facility,
                     std::string_view limit, selection& out, std::string& error) {
  out = selection{};
  citizens_csv = trim(citizens_csv);
  if (!citizens_csv.empty()) {
    for (std::size_t start = 0;;) {
      const auto comma = citizens_csv.find(',', start);
      const auto id = trim(citizens_csv.substr(start, comma - start));
      if (id.empty()) {
        error = "empty entry in the citizen list \"" + std::string(citizens_csv) + "\"";
        return false;
      }
      out.citizens.emplace_back(id);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  out.facility = std::string(trim(facility));
  limit = trim(limit);
  if (!limit.empty()) {
    std::size_t n = 0;
    const auto [p, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), n);
    if (ec != std::errc() || p != limit.data() + limit.size() || n < 1 || n > max_limit) {
      error = "the limit must be an integer from 1 to " + std::to_string(max_limit) + ", got \"" +
              std::string(limit) + "\"";
      return false;
    }
    out.limit = n;
  }
  return true;
}

selected select_citizens(const citizen_source& source, const selection& s) {
  selected out;
  if (!s.facility.empty() && !source.find_facility(s.facility)) out.unknown_facility = true;
  if (!s.citizens.empty()) {
    std::set<std::string, std::less<>> seen;
    for (const auto& id : s.citizens) {
      const world::citizen* c = source.find_citizen(id);
      // An old CMND number resolves through the base world; ask again by the ID number so a
      // sandbox's replacement of that citizen is the one printed.
      if (c && c->so_dinh_danh != id) c = source.find_citizen(c->so_dinh_danh);
      if (!c) {
        out.unknown_ids.push_back(id);
        continue;
      }
      if (!seen.insert(c->so_dinh_danh).second) continue;
      if (!s.facility.empty() && !registered_at(*c, s.facility)) continue;
      if (out.citizens.size() < s.limit) out.citizens.push_back(c);
    }
    return out;
  }
  source.for_each([&](const world::citizen& c) {
    const bool wanted = s.facility.empty() ? !c.case_label.empty() : registered_at(c, s.facility);
    if (wanted) out.citizens.push_back(&c);
    return out.citizens.size() < s.limit;
  });
  return out;
}

}  // namespace sim::cards
