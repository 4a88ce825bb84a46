// sim::core — UTF-8 checks used on every byte a user sends.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sim::core {

// Offset of the first byte that breaks UTF-8 well-formedness (RFC 3629: no overlongs, no
// surrogates, ≤ U+10FFFF), or nullopt when `text` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Number of Unicode code points; `text` must be valid UTF-8. The standard's "Kích thước tối đa"
// counts characters, not bytes (a Vietnamese name has many 2–3 byte letters).
std::size_t utf8_length(std::string_view text);

// Appends the UTF-8 encoding of code point `cp` (no validation: callers pass code points).
void append_utf8(std::string& out, char32_t cp);

}  // namespace sim::core
