// Name comparison of the C06 service; the NFC composition itself is core::compose_vi.
#include "simulator/services/c06/names.hpp"

#include "simulator/core/text.hpp"
#include "simulator/crosscheck/crosscheck.hpp"

namespace sim::services::c06 {

std::string compose_vi(std::string_view s) { return core::compose_vi(s); }

std::string name_key(std::string_view utf8) {
  return core::collapse_spaces(core::fold_case_vi(compose_vi(utf8)));
}

bool names_match(std::string_view sent, std::string_view registered,
                 bool names_without_diacritics) {
  const std::string a = name_key(sent);
  const std::string b = name_key(registered);
  if (a.empty() || a == b) return !a.empty();
  if (!names_without_diacritics) return false;
  // Only a name sent entirely without diacritics is compared without them: "Nguyen" matches
  // "Nguyễn", but "Nguyên" (a different name) does not.
  return crosscheck::strip_diacritics_vi(a) == a && crosscheck::strip_diacritics_vi(b) == a;
}

}  // namespace sim::services::c06
