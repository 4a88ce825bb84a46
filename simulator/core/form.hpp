// sim::core — application/x-www-form-urlencoded and query-string decoding, and MD5 as the
// portal wants it (upper-case hex, CV1245 §1).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim::core {

using form_fields = std::vector<std::pair<std::string, std::string>>;

// Decodes "a=1&b=x%20y+z". Malformed percent escapes make the whole form invalid (nullopt).
std::optional<form_fields> parse_form(std::string_view body);
const std::string* form_value(const form_fields& fields, std::string_view name);

std::string md5_hex_upper(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);

}  // namespace sim::core
