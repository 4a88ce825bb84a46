// Format checks shared by the loader and the tests (docs/world.md lists each rule's source).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "simulator/core/civil_time.hpp"
#include "simulator/world/world.hpp"

namespace sim::world::detail {

bool all_digits(std::string_view s);
// Why a 12-digit personal ID number is malformed or inconsistent with the date of birth and sex
// (spec c06 A6), or nullopt when it is fine. `gender == unknown` skips the sex check.
std::optional<std::string> check_id_number(std::string_view id, const core::civil_time& dob,
                                           sex gender);
// Card number ^[A-Z]{2}[1-5]\d{12}$ (spec §4).
bool is_card_number(std::string_view s);
// "2.1.10": dot-separated numbers.
bool is_app_version(std::string_view s);
// Compares app versions numerically (-1, 0, 1).
int compare_versions(std::string_view a, std::string_view b);
// Why a name is not a proper NFC name (empty, invalid UTF-8, decomposed diacritics), or nullopt.
std::optional<std::string> check_name(std::string_view name);
// "YYYY-MM-DD", the date format of world files.
std::optional<core::civil_time> parse_iso_date(std::string_view s);
std::string to_iso_date(const core::civil_time& t);

}  // namespace sim::world::detail
