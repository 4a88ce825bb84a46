// Fuzz target: the signature path (sim::signature::verifier::verify): profile checks on the
// tree, libxmlsec1 canonicalization/digest/RSA, certificate judgement from KeyInfo (issue 8:
// "a forged certificate, a 100,000-reference signature, a huge key, garbage in KeyInfo — may
// not crash or hang the process").
// Every input is verified twice: by a verifier with an empty trust configuration, and by one
// trusting the committed test PKI (fixtures/pki/default: root + issuing CA, CRL, 38001's valid
// certificate registered) when that directory exists — so that seeds signed with the valid
// certificate reach the digest and value checks that an untrusted chain would cut short.
// Properties: no crash, hang or exception; every finding is a SIG.* code.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "simulator/signature/verifier.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct verifiers {
  std::unique_ptr<sim::signature::verifier> empty;
  std::unique_ptr<sim::signature::verifier> test_pki;

  verifiers() {
    empty = std::make_unique<sim::signature::verifier>(sim::signature::trust_config{});
    const std::string dir = std::string(SSKDT_SOURCE_DIR) + "/fixtures/pki/default/";
    const std::string cas = read_text(dir + "trusted-cas.pem");
    const std::string crl = read_text(dir + "issuing-ca.crl.pem");
    const std::string cert = read_text(dir + "38001-valid.cert.pem");
    if (!cas.empty() && !crl.empty() && !cert.empty()) {
      sim::signature::trust_config tc;
      tc.trusted_ca_pems = {cas};
      tc.crl_pems = {crl};
      tc.registered_cert_pems_by_ma_cskcb.emplace("38001", cert);
      test_pki = std::make_unique<sim::signature::verifier>(tc);
    }
  }
};

const verifiers& get_verifiers() {
  static const verifiers v;
  return v;
}

void check_findings(const sim::core::findings& fs) {
  for (const auto& f : fs) {
    sim::fuzz::check(f.code.starts_with("SIG."), "verifier reports SIG.* codes only");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  const sim::core::civil_time at{2026, 12, 3, 10, 0};
  const auto& v = get_verifiers();
  const auto untrusted = v.empty->verify(xml, "", at);
  check_findings(untrusted);
  sim::fuzz::check(!untrusted.empty(), "nothing verifies without a trusted CA");
  if (v.test_pki) {
    check_findings(v.test_pki->verify(xml, "", at));
  }
  return 0;
}
