#include "simulator/standard/code_lists.hpp"

#include <nlohmann/json.hpp>

namespace sim::standard {
namespace detail {
std::string_view code_lists_json();  // embedded standard/data/code_lists.json (sim_embed)
}  // namespace detail

namespace {

std::vector<code_list> load() {
  // The embedded file is part of the build and tested; a parse failure is a build defect, so it
  // yields no lists rather than an exception escaping the module (house style §6).
  std::vector<code_list> lists;
  const auto doc = nlohmann::json::parse(detail::code_lists_json(), nullptr, false);
  if (doc.is_discarded() || !doc.contains("lists") || !doc["lists"].is_array()) return lists;
  for (const auto& l : doc["lists"]) {
    code_list cl;
    cl.name = l.value("name", "");
    cl.source = l.value("source", "");
    if (l.contains("entries") && l["entries"].is_array()) {
      for (const auto& e : l["entries"]) {
        cl.entries.push_back({e.value("code", ""), e.value("label_vi", "")});
      }
    }
    lists.push_back(std::move(cl));
  }
  return lists;
}

}  // namespace

const code_entry* code_list::find(std::string_view code) const {
  for (const auto& e : entries) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

bool code_list::contains(std::string_view code) const { return find(code) != nullptr; }

const std::vector<code_list>& all_code_lists() {
  static const std::vector<code_list> lists = load();
  return lists;
}

const code_list* find_code_list(std::string_view name) {
  for (const auto& l : all_code_lists()) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

}  // namespace sim::standard
