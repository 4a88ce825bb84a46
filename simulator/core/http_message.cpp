#include "simulator/core/http_message.hpp"

#include <algorithm>

namespace sim::core {

const std::string* http_request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          // Header names are ASCII tokens (RFC 9110 §5.1): fold A–Z only, without the locale.
          const auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
          return fold(a) == fold(b);
        }))
      return &v;
  }
  return nullptr;
}

std::string_view http_request::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view http_request::query() const {
  std::string_view t = target;
  const auto q = t.find('?');
  return q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

}  // namespace sim::core
