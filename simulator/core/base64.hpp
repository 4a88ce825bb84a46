// sim::core — strict base64 (RFC 4648 alphabet). Whitespace (CR, LF, space, tab) between
// characters is skipped, as vendors wrap long NOIDUNGFILE lines; anything else outside the
// alphabet, bad padding or a truncated quantum is an error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sim::core {

std::string base64_encode(std::string_view bytes);

struct base64_error {
  std::size_t offset = 0;  // offset in the input of the first offending character
  std::string reason;
};

// Decodes into `out`; returns an error (and leaves `out` unspecified) on malformed input.
// `max_output` bounds the decoded size; exceeding it is reported as reason "too large".
std::optional<base64_error> base64_decode(std::string_view text, std::string& out,
                                          std::size_t max_output);

}  // namespace sim::core
