// Fault "display_partial" (endpoint "vneid"): the visit is shown with some of its groups
// missing. attributes: groups — comma-separated among thuoc (XML2), dvkt (XML3), cls (XML4),
// tom_tat (XML8), chuyen_tuyen (XML13), hen_kham_lai (XML14); default "cls,tom_tat". The VNeID
// pipeline reads the spec; a request is not affected (apply does nothing).
#include <string_view>

#include "simulator/engine/fault.hpp"

namespace sim::engine::faults {

std::optional<std::string> validate_display_partial(const fault_spec& s) {
  if (s.scope.endpoint != "vneid") return "display_partial applies to endpoint \"vneid\" only";
  auto it = s.attributes.find("groups");
  if (it == s.attributes.end()) return std::nullopt;
  std::string_view rest = it->second;
  if (rest.empty()) return "display_partial.groups must name at least one group";
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view g = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (g != "thuoc" && g != "dvkt" && g != "cls" && g != "tom_tat" && g != "chuyen_tuyen" &&
        g != "hen_kham_lai")
      return "display_partial.groups: \"" + std::string(g) +
             "\" is not one of thuoc, dvkt, cls, tom_tat, chuyen_tuyen, hen_kham_lai";
  }
  return std::nullopt;
}

void apply_display_partial(const fault_spec&, fault_effect&) {}

}  // namespace sim::engine::faults
