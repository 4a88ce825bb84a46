// Hostile inputs: each is rejected with a code, quickly, without a crash (issue 8, "Nothing a file
// contains … may crash or hang the process").
#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <chrono>

#include "simulator/core/base64.hpp"
#include "simulator/signature/detail/handles.hpp"
#include "tests/unit/signature/test_support.hpp"

namespace sim::signature {
namespace {

using namespace testing;
using namespace detail;
using V = std::vector<std::string>;

const verifier& portal() {
  static const verifier v(portal_trust());
  return v;
}

// Judges `xml` and checks it took less than `limit`.
core::findings judge_quickly(const std::string& xml,
                             std::chrono::milliseconds limit = std::chrono::milliseconds(2000)) {
  auto t0 = std::chrono::steady_clock::now();
  auto fs = portal().verify(xml, "", submission_time());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, limit);
  return fs;
}

// A certificate for an arbitrary public key, issued by the test PKI's issuing CA: lets us build
// keys nobody could generate quickly (a 16384-bit modulus need not be a product of two primes
// to be parsed and refused).
std::string certificate_for(EVP_PKEY* key) {
  bio_ptr kb = memory_bio(pem("issuing-ca.key.pem"));
  evp_pkey_ptr ca_key(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
  auto ca = read_pem_certificates(pem("issuing-ca.cert.pem"));
  x509_ptr c(X509_new());
  X509_set_version(c.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(c.get()), 4242);
  X509_set_issuer_name(c.get(), X509_get_subject_name(ca.at(0).get()));
  X509_set_subject_name(c.get(), X509_get_subject_name(ca.at(0).get()));
  ASN1_TIME_set_string_X509(X509_getm_notBefore(c.get()), "20250101000000Z");
  ASN1_TIME_set_string_X509(X509_getm_notAfter(c.get()), "20351231000000Z");
  X509_set_pubkey(c.get(), key);
  EXPECT_GT(X509_sign(c.get(), ca_key.get(), EVP_sha256()), 0);
  unsigned char* der = nullptr;
  int len = i2d_X509(c.get(), &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return core::base64_encode(out);
}

std::string with_certificate(const std::string& b64) {
  auto xml = signed_with("valid");
  return replace_once(xml, between(xml, "<X509Certificate>", "</X509Certificate>"), b64);
}

TEST(hostile, rsa_16384_bit_key_is_refused_before_any_crypto) {
  std::vector<unsigned char> n(16384 / 8, 0x5a);
  n.front() = 0xc5;
  n.back() = 0x01;
  bn_ptr nb(BN_bin2bn(n.data(), static_cast<int>(n.size()), nullptr)), e(BN_new());
  BN_set_word(e.get(), 65537);
  param_bld_ptr bld(OSSL_PARAM_BLD_new());
  OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, nb.get());
  OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get());
  param_ptr params(OSSL_PARAM_BLD_to_param(bld.get()));
  evp_pkey_ctx_ptr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  ASSERT_GT(EVP_PKEY_fromdata_init(ctx.get()), 0);
  ASSERT_GT(EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()), 0);
  evp_pkey_ptr key(raw);
  auto fs = judge_quickly(with_certificate(certificate_for(key.get())));
  ASSERT_EQ(codes_of(fs), V({"SIG.ALGORITHM"}));
  EXPECT_NE(fs[0].detail.find("16384"), std::string::npos);
}

TEST(hostile, non_rsa_key_is_refused) {
  evp_pkey_ptr ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  ASSERT_TRUE(ec);
  auto fs = judge_quickly(with_certificate(certificate_for(ec.get())));
  EXPECT_EQ(codes_of(fs), V({"SIG.ALGORITHM"}));
}

TEST(hostile, garbage_and_huge_key_info) {
  EXPECT_EQ(codes_of(judge_quickly(with_certificate("\x01\x02 \xff garbage"))),
            V({"SIG.MALFORMED"}));
  EXPECT_EQ(codes_of(judge_quickly(with_certificate(std::string(2'000'000, 'A')))),
            V({"SIG.MALFORMED"}));  // over the certificate size limit
  auto xml = signed_with("valid");
  std::string many;
  for (int i = 0; i < 50; ++i) many += "<X509Certificate>AAAA</X509Certificate>";
  auto fs = judge_quickly(replace_once(xml, "<X509Data>", "<X509Data>" + many));
  ASSERT_FALSE(fs.empty());
  EXPECT_EQ(fs[0].code, "SIG.MALFORMED");
}

TEST(hostile, hundred_thousand_references) {
  auto xml = signed_with("valid");
  auto ref =
      xml.substr(xml.find("<Reference"), xml.find("</Reference>") + 12 - xml.find("<Reference"));
  std::string refs;
  refs.reserve(ref.size() * 100000);
  for (int i = 0; i < 100000; ++i) refs += ref;
  auto fs = judge_quickly(replace_once(xml, ref, refs));
  ASSERT_EQ(codes_of(fs), V({"SIG.REFERENCE"}));
  EXPECT_NE(fs[0].detail.find("100000"), std::string::npos);
}

TEST(hostile, xpath_transform_is_not_executed) {
  // An XPath that would make libxmlsec1 work hard (and exclude the content) is refused unread.
  auto xml = signed_with("valid");
  const std::string env =
      "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>";
  auto hostile = replace_once(
      xml, env,
      env +
          "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><XPath>"
          "count(//. | //@* | //namespace::*) &gt; 0 and not(ancestor-or-self::THONGTINHOSO)"
          "</XPath></Transform>");
  EXPECT_EQ(codes_of(judge_quickly(hostile)), V({"SIG.REFERENCE"}));
  auto xslt = replace_once(
      xml, env, "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>");
  EXPECT_EQ(codes_of(judge_quickly(xslt)), V({"SIG.REFERENCE"}));
}

TEST(hostile, entity_expansion_and_deep_nesting) {
  std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE GIAMDINHHS [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
      "]><GIAMDINHHS>&c;<CHUKYDONVI/></GIAMDINHHS>";
  EXPECT_EQ(codes_of(judge_quickly(laughs)), V({"SIG.MALFORMED"}));
  std::string external =
      "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"http://127.0.0.1:1/x.dtd\">"
      "<x/>";
  EXPECT_EQ(codes_of(judge_quickly(external)), V({"SIG.MALFORMED"}));
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  EXPECT_EQ(codes_of(judge_quickly(deep)), V({"SIG.MALFORMED"}));
}

TEST(hostile, signature_value_garbage) {
  auto xml = signed_with("valid");
  auto v = between(xml, "<SignatureValue>", "</SignatureValue>");
  auto fs = judge_quickly(replace_once(xml, v, "%%%%"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(fs[0].code == "SIG.MALFORMED" || fs[0].code == "SIG.VALUE") << fs[0].code;
  auto fs2 = judge_quickly(replace_once(xml, v, std::string(100000, 'A')));
  ASSERT_EQ(fs2.size(), 1u);
  EXPECT_TRUE(fs2[0].code == "SIG.MALFORMED" || fs2[0].code == "SIG.VALUE") << fs2[0].code;
}

}  // namespace
}  // namespace sim::signature

namespace sim::signature {
namespace {

using namespace testing;

TEST(hostile, a_repeated_mistake_is_reported_once) {
  auto xml = signed_with("valid");
  std::string junk;
  for (int i = 0; i < 200000; ++i) junk += "<Junk/>";
  auto t0 = std::chrono::steady_clock::now();
  auto fs = portal().verify(replace_once(xml, "</Signature>", junk + "</Signature>"), "",
                            submission_time());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].code, "SIG.MALFORMED");

  std::string data;
  for (int i = 0; i < 100000; ++i)
    data += "<X509Data><X509Certificate>AAAA</X509Certificate></X509Data>";
  auto fs2 =
      portal().verify(replace_once(xml, "<KeyInfo>", "<KeyInfo>" + data), "", submission_time());
  EXPECT_GE(fs2.size(), 1u);
  EXPECT_LE(fs2.size(), 16u);
}

}  // namespace
}  // namespace sim::signature
