#include "simulator/core/form.hpp"

#include <openssl/evp.h>

#include <memory>

namespace sim::core {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string digest_hex(const EVP_MD* md, std::string_view bytes, bool upper) {
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), md, nullptr);
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  EVP_DigestFinal_ex(ctx.get(), buf, &len);
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += digits[buf[i] >> 4];
    out += digits[buf[i] & 15];
  }
  return out;
}

}  // namespace

std::optional<form_fields> parse_form(std::string_view body) {
  form_fields out;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    const auto amp = body.find('&', pos);
    const auto part = body.substr(pos, amp == std::string_view::npos ? std::string_view::npos
                                                                     : amp - pos);
    if (!part.empty()) {
      const auto eq = part.find('=');
      auto key = url_decode(part.substr(0, eq));
      auto value = url_decode(eq == std::string_view::npos ? std::string_view{}
                                                           : part.substr(eq + 1));
      if (!key || !value) return std::nullopt;
      out.emplace_back(std::move(*key), std::move(*value));
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return out;
}

const std::string* form_value(const form_fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string md5_hex_upper(std::string_view bytes) { return digest_hex(EVP_md5(), bytes, true); }
std::string sha256_hex(std::string_view bytes) { return digest_hex(EVP_sha256(), bytes, false); }

}  // namespace sim::core
