#include "simulator/signature/default_pki.hpp"

#include <string>
#include <utility>

#include "simulator/signature/signer.hpp"

namespace sim::signature {
namespace detail::pki_data {
const std::vector<std::pair<std::string_view, std::string_view (*)()>>& index();
}

std::optional<std::string_view> default_pki_file(std::string_view name) {
  for (const auto& [n, fn] : detail::pki_data::index()) {
    if (n == name) return fn();
  }
  return std::nullopt;
}

std::vector<std::string_view> default_pki_file_names() {
  std::vector<std::string_view> out;
  for (const auto& entry : detail::pki_data::index()) out.push_back(entry.first);
  return out;
}

trust_config default_pki_trust() {
  trust_config tc;
  auto add = [](std::vector<std::string>& to, std::string_view name) {
    if (auto f = default_pki_file(name)) to.emplace_back(*f);
  };
  add(tc.trusted_ca_pems, "root-ca.cert.pem");
  add(tc.trusted_ca_pems, "issuing-ca.cert.pem");
  add(tc.crl_pems, "issuing-ca.crl.pem");
  // facilities.txt: "seed N", then one "MA_CSKCB[=name]" per line.
  const std::string_view list = default_pki_file("facilities.txt").value_or("");
  std::size_t pos = list.find('\n');
  while (pos != std::string_view::npos && pos + 1 < list.size()) {
    const std::size_t end = list.find('\n', pos + 1);
    std::string_view line = list.substr(
        pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1);
    const std::string code(line.substr(0, line.find('=')));
    if (!code.empty()) {
      if (auto cert = default_pki_file(code + "-valid.cert.pem")) {
        tc.registered_cert_pems_by_ma_cskcb.emplace(code, std::string(*cert));
      }
    }
    pos = end;
  }
  return tc;
}

std::function<std::string(std::string_view, const std::string&)> default_pki_signer(
    std::string kind) {
  return [kind = std::move(kind)](std::string_view bytes, const std::string& ma_cskcb) {
    auto key = default_pki_file(ma_cskcb + "-" + kind + ".key.pem");
    auto cert = default_pki_file(ma_cskcb + "-" + kind + ".cert.pem");
    if (!key || !cert) return std::string(bytes);
    auto r = sign(bytes, *key, *cert, {});
    return r.ok() ? std::move(r.signed_xml) : std::string(bytes);
  };
}

}  // namespace sim::signature
