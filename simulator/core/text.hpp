// sim::core — text helpers for Vietnamese names: case folding of the precomposed (NFC) letters
// Vietnamese uses, and comparison the way the card look-up compares names.
// compose_vi brings decomposed Vietnamese letters (base vowel + combining marks, any order) to
// their precomposed NFC form, so a name typed on a system that sends NFD compares equal.
#pragma once

#include <string>
#include <string_view>

namespace sim::core {

// Lower-cases ASCII and the Latin-1, Latin Extended-A/B and Latin Extended Additional letters
// (Đ, Ơ, Ư, Ạ…Ỹ); other code points pass through. Invalid UTF-8 bytes pass through unchanged.
std::string fold_case_vi(std::string_view utf8);

// NFC composition of the Vietnamese letters: "Nguye\u0302\u0303n" → "Nguyễn". Other combining
// sequences and invalid UTF-8 bytes pass through unchanged.
std::string compose_vi(std::string_view utf8);

// Text for HTML content and attribute values: & < > " ' as entities; other bytes unchanged.
std::string html_escape(std::string_view text);

// Collapses runs of spaces and trims: "  Nguyễn   Văn  A " → "Nguyễn Văn A".
std::string collapse_spaces(std::string_view text);

}  // namespace sim::core
