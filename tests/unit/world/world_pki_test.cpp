// The embedded world ships with the test PKI (fixtures/pki/default): its trust store and the
// facilities' registered certificates verify files signed by default_pki_signer(), and each
// failure certificate yields exactly its own SIG.* code (docs/signature.md, "Registration").
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "simulator/signature/default_pki.hpp"
#include "simulator/signature/world_trust.hpp"
#include "simulator/world/world.hpp"
#include "tests/unit/signature/test_support.hpp"

namespace sim::world {
namespace {

using V = std::vector<std::string>;

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  return std::string(s);
}

const signature::verifier& world_verifier() {
  static const signature::verifier v(
      signature::trust_from_world(*embedded_default_world(), signature::bhxh_portal_profile()));
  return v;
}

V codes(const std::string& xml) {
  return signature::testing::codes_of(
      world_verifier().verify(xml, "", signature::testing::submission_time()));
}

TEST(default_world_pki, carries_the_test_pki_text) {
  auto w = embedded_default_world();
  ASSERT_EQ(w->trusted_cas.size(), 2u);
  EXPECT_EQ(trimmed(w->trusted_cas[0]), trimmed(*signature::default_pki_file("root-ca.cert.pem")));
  EXPECT_EQ(trimmed(w->trusted_cas[1]),
            trimmed(*signature::default_pki_file("issuing-ca.cert.pem")));
  ASSERT_EQ(w->crls.size(), 1u);
  EXPECT_EQ(trimmed(w->crls[0]), trimmed(*signature::default_pki_file("issuing-ca.crl.pem")));
  for (const auto& f : w->facilities) {
    ASSERT_EQ(f.registered_certificates.size(), std::size(signature::facility_cert_kinds))
        << f.ma_cskcb;
    EXPECT_EQ(trimmed(f.registered_certificates[0]),
              trimmed(*signature::default_pki_file(f.ma_cskcb + "-valid.cert.pem")));
  }
}

TEST(default_world_pki, registered_certificates_verify_and_others_do_not) {
  const auto valid = signature::default_pki_signer();
  for (const auto& f : embedded_default_world()->facilities) {
    const auto claim = signature::testing::claim_xml(f.ma_cskcb);
    EXPECT_EQ(codes(valid(claim, f.ma_cskcb)), V{}) << f.ma_cskcb;
    EXPECT_EQ(codes(signature::testing::checkin_xml(f.ma_cskcb)), V{"SIG.MISSING"});
    EXPECT_EQ(codes(valid(signature::testing::checkin_xml(f.ma_cskcb), f.ma_cskcb)), V{});
    // Another facility's valid certificate: trusted, but not registered for this one.
    const std::string other = f.ma_cskcb == "38001" ? "38105" : "38001";
    EXPECT_EQ(codes(valid(claim, other)), V{"SIG.CERT_UNREGISTERED"}) << f.ma_cskcb;
  }
  // The failure certificates are registered: each yields its own code only.
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"expired", "SIG.CERT_EXPIRED"},       {"not-yet-valid", "SIG.CERT_NOT_YET_VALID"},
      {"revoked", "SIG.CERT_REVOKED"},       {"untrusted-ca", "SIG.CERT_UNTRUSTED"},
      {"self-signed", "SIG.CERT_UNTRUSTED"}, {"wrong-usage", "SIG.CERT_USAGE"},
      {"rsa1024", "SIG.ALGORITHM"}};
  for (const auto& [kind, code] : kinds) {
    const auto xml =
        signature::default_pki_signer(kind)(signature::testing::claim_xml("38209"), "38209");
    EXPECT_EQ(codes(xml), V{code}) << kind;
  }
}

}  // namespace
}  // namespace sim::world
