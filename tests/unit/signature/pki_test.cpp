// The test PKI: deterministic per seed, every certificate kind present and shaped as described.
#include <openssl/x509v3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "simulator/signature/detail/handles.hpp"
#include "tests/unit/signature/test_support.hpp"

namespace sim::signature {
namespace {

using namespace testing;

TEST(pki, same_seed_same_files_other_seed_other_keys) {
  // The CAs come first from the generator, so seed 2026 without facilities re-mints the
  // fixture's CA files exactly (the full fixture is compared below).
  auto again = mint_pki({.seed = 2026, .facility_codes = {}, .facility_names = {}});
  for (const char* name : {"root-ca.cert.pem", "root-ca.key.pem", "issuing-ca.cert.pem",
                           "issuing-ca.key.pem", "untrusted-ca.cert.pem"}) {
    EXPECT_EQ(again.find(name)->content, pem(name)) << name;
  }
  auto other = mint_pki({.seed = 8, .facility_codes = {}, .facility_names = {}});
  EXPECT_NE(other.find("root-ca.key.pem")->content, pem("root-ca.key.pem"));
  EXPECT_NE(other.find("root-ca.cert.pem")->content, pem("root-ca.cert.pem"));
}

TEST(pki, certificates_have_the_promised_shape) {
  auto cert = [](const std::string& name) {
    auto cs = detail::read_pem_certificates(pem(name));
    EXPECT_EQ(cs.size(), 1u) << name;
    return std::move(cs.at(0));
  };
  auto valid = cert("38001-valid.cert.pem");
  EXPECT_EQ(X509_get_key_usage(valid.get()) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION),
            static_cast<std::uint32_t>(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION));
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(valid.get())), 2048);
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(cert("38001-rsa1024.cert.pem").get())), 1024);
  EXPECT_EQ(X509_get_key_usage(cert("38001-wrong-usage.cert.pem").get()) & KU_DIGITAL_SIGNATURE,
            0u);
  auto self = cert("38001-self-signed.cert.pem");
  EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(self.get()), X509_get_issuer_name(self.get())), 0);
  EXPECT_EQ(X509_verify(self.get(), X509_get0_pubkey(self.get())), 1);
  char buf[512];
  X509_NAME_oneline(X509_get_subject_name(valid.get()), buf, sizeof buf);
  EXPECT_NE(std::string(buf).find("MA_CSKCB:38001"), std::string::npos) << buf;
  EXPECT_NE(pem("README.md").find("38001-revoked.cert.pem"), std::string::npos);
}

TEST(pki, committed_default_pki_is_reproducible) {
  // fixtures/pki/default was written by `sskdt-sim pki init` with the seed and facilities in its
  // facilities.txt; minting again must give the same bytes (so it can always be regenerated).
  const std::filesystem::path dir =
      std::filesystem::path(SSKDT_SOURCE_DIR) / "fixtures/pki/default";
  std::ifstream list(dir / "facilities.txt");
  ASSERT_TRUE(list) << "missing " << (dir / "facilities.txt");
  pki_options opt;
  std::string word;
  list >> word >> opt.seed;
  ASSERT_EQ(word, "seed");
  std::string line;
  std::getline(list, line);
  while (std::getline(list, line)) {
    if (line.empty()) continue;
    auto eq = line.find('=');
    opt.facility_codes.push_back(line.substr(0, eq));
    opt.facility_names.push_back(eq == std::string::npos ? "" : line.substr(eq + 1));
  }
  auto pki = mint_pki(opt);
  for (const auto& f : pki.files) {
    std::ifstream is(dir / f.name, std::ios::binary);
    std::stringstream ss;
    ss << is.rdbuf();
    EXPECT_EQ(ss.str(), f.content) << f.name;
  }
}

}  // namespace
}  // namespace sim::signature

#include "simulator/signature/default_pki.hpp"

namespace sim::signature {
namespace {

TEST(default_pki, embedded_files_sign_and_verify_for_every_world_facility) {
  EXPECT_GE(default_pki_file_names().size(), 40u);
  EXPECT_FALSE(default_pki_file("no-such-file.pem").has_value());
  const verifier v(default_pki_trust());
  EXPECT_EQ(v.config().registered_cert_pems_by_ma_cskcb.size(), 4u);
  for (const char* code : {"38001", "38105", "38209", "38301"}) {
    const std::string c(code);
    auto r = sign(testing::claim_xml(c), *default_pki_file(c + "-valid.key.pem"),
                  *default_pki_file(c + "-valid.cert.pem"), {});
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_TRUE(v.verify(r.signed_xml, "", testing::submission_time()).empty()) << code;
    auto other = sign(testing::claim_xml(c), *default_pki_file("38001-valid.key.pem"),
                      *default_pki_file("38001-valid.cert.pem"), {});
    EXPECT_EQ(v.verify(other.signed_xml, "", testing::submission_time()).empty(), c == "38001");
  }
}

TEST(default_pki, signer_signs_per_facility_and_kind) {
  const verifier v(default_pki_trust());
  auto valid = default_pki_signer();
  EXPECT_TRUE(v.verify(valid(testing::claim_xml("38105"), "38105"), "", testing::submission_time())
                  .empty());
  auto expired = default_pki_signer("expired");
  auto fs = v.verify(expired(testing::claim_xml("38105"), "38105"), "", testing::submission_time());
  EXPECT_EQ(testing::codes_of(fs),
            (std::vector<std::string>{"SIG.CERT_EXPIRED", "SIG.CERT_UNREGISTERED"}));
  EXPECT_EQ(valid(testing::claim_xml("99999"), "99999"), testing::claim_xml("99999"));
}

}  // namespace
}  // namespace sim::signature
