// Fuzz target: the request-side parsing a simulated service does on every HTTP request, over
// plain values (sim::core::http_request, parse_form, form_value): the portal's login and
// submission forms arrive as application/x-www-form-urlencoded bodies or query strings.
// The input is split at the first two NUL bytes into target, one header value and body.
// Properties: no crash; a parsed form never holds more fields than '&'-separated parts, and its
// keys and values are never longer than their encoded form; form_value finds the first field.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "simulator/core/form.hpp"
#include "simulator/core/http_message.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

std::string_view take_until_nul(std::string_view& rest) {
  const auto nul = rest.find('\0');
  const auto part = rest.substr(0, nul);
  rest = nul == std::string_view::npos ? std::string_view{} : rest.substr(nul + 1);
  return part;
}

void check_form(std::string_view encoded) {
  using sim::fuzz::check;
  const auto form = sim::core::parse_form(encoded);
  if (!form) {
    return;
  }
  const auto parts = static_cast<std::size_t>(std::count(encoded.begin(), encoded.end(), '&')) + 1;
  check(form->size() <= parts, "no more fields than '&'-separated parts");
  std::size_t decoded = 0;
  for (const auto& [k, v] : *form) {
    decoded += k.size() + v.size();
  }
  check(decoded <= encoded.size(), "decoding never grows the text");
  if (!form->empty()) {
    const auto* first = sim::core::form_value(*form, form->front().first);
    check(first == &form->front().second, "form_value returns the first match");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sim::fuzz::check;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  sim::core::http_request req;
  req.method = "POST";
  req.target = std::string(take_until_nul(rest));
  req.headers.emplace_back("Content-Type", std::string(take_until_nul(rest)));
  req.body = std::string(rest);

  const auto path = req.path();
  const auto query = req.query();
  check(path.size() <= req.target.size() && query.size() <= req.target.size(),
        "path and query are parts of the target");
  const auto* ct = req.header("content-type");
  check(ct != nullptr && *ct == req.headers.front().second, "header look-up ignores case");
  check_form(query);
  check_form(req.body);
  check_form(req.target);
  return 0;
}
