// sim::services::c06 — how the simulated population register compares a name a client sends
// with the register's: Unicode NFC composition of the Vietnamese letters, case folding
// (core::fold_case_vi), spaces collapsed, and — when the world allows it — a name sent without
// diacritics (one real client strips them, spec c06 A4) against the register's name with its
// diacritics removed (world::c06_behaviour::names_without_diacritics, docs/c06.md [I]).
//
//   compose_vi("Nguye\u0302\u0303n")  == "Nguyễn"
//   names_match("NGUYEN VAN PHUC", "Nguyễn Văn Phúc", true)   // true
//   names_match("NGUYEN VAN PHUC", "Nguyễn Văn Phúc", false)  // false
//
// Limit: composition covers the Latin vowels with the Vietnamese marks (circumflex, breve,
// horn; grave, acute, tilde, hook above, dot below) in any order, which is every letter a
// Vietnamese name uses; other combining sequences pass through unchanged (docs/c06.md).
// Errors: none; invalid UTF-8 bytes pass through (and then match nothing but themselves).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace sim::services::c06 {

// NFC composition of decomposed Vietnamese letters (base vowel + combining marks).
std::string compose_vi(std::string_view utf8);

// The form names are compared in: composed, case-folded, spaces collapsed.
std::string name_key(std::string_view utf8);

// Whether the name a client sent designates the register's name (see above).
bool names_match(std::string_view sent, std::string_view registered, bool names_without_diacritics);

}  // namespace sim::services::c06
