// sim::core — text helpers for Vietnamese names: case folding of the precomposed (NFC) letters
// Vietnamese uses, and comparison the way the card look-up compares names.
// NFC normalisation of decomposed input comes with the identity issue (C06); until then a
// decomposed name compares unequal to its precomposed form.
#pragma once

#include <string>
#include <string_view>

namespace sim::core {

// Lower-cases ASCII and the Latin-1, Latin Extended-A/B and Latin Extended Additional letters
// (Đ, Ơ, Ư, Ạ…Ỹ); other code points pass through. Invalid UTF-8 bytes pass through unchanged.
std::string fold_case_vi(std::string_view utf8);

// Collapses runs of spaces and trims: "  Nguyễn   Văn  A " → "Nguyễn Văn A".
std::string collapse_spaces(std::string_view text);

}  // namespace sim::core
