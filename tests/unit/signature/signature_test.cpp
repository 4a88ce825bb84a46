// Verification: every SIG.* code from a crafted file, never from the valid one; sign → verify.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "simulator/signature/sig_catalogue.hpp"
#include "tests/unit/signature/test_support.hpp"

namespace sim::signature {
namespace {

using namespace testing;
using V = std::vector<std::string>;

const verifier& portal() {
  static const verifier v(portal_trust());
  return v;
}

core::findings judge(const std::string& xml, std::string_view ma = "") {
  return portal().verify(xml, ma, submission_time());
}

TEST(verify, valid_claim_is_accepted) { EXPECT_TRUE(judge(signed_with("valid")).empty()); }

TEST(verify, valid_claim_with_c14n_transform_is_accepted) {
  auto xml = signed_with("valid", claim_xml(), {.add_c14n_transform = true});
  ASSERT_NE(xml.find("REC-xml-c14n-20010315\"/>\n</Transforms>"), std::string::npos);
  EXPECT_TRUE(judge(xml).empty());
}

TEST(verify, valid_checkin_is_accepted_and_its_rows_name_the_facility) {
  auto xml = signed_with("valid", checkin_xml("38001"));
  EXPECT_TRUE(judge(xml).empty());
  auto other = signed_with("valid", checkin_xml("01002"));
  EXPECT_EQ(codes_of(judge(other)), V({"SIG.CERT_UNREGISTERED"}));
}

TEST(verify, issuing_ca_in_key_info_is_accepted) {
  auto r = sign(claim_xml(), pem("38001-valid.key.pem"), pem("38001-valid.cert.pem"),
                {pem("issuing-ca.cert.pem")});
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(std::count(r.signed_xml.begin(), r.signed_xml.end(), 'X') > 0, true);
  auto first = r.signed_xml.find("<X509Certificate>");
  ASSERT_NE(r.signed_xml.find("<X509Certificate>", first + 1), std::string::npos);
  EXPECT_TRUE(judge(r.signed_xml).empty());
  // Only the root trusted: the issuing CA from KeyInfo completes the chain.
  trust_config tc = portal_trust();
  tc.trusted_ca_pems = {pem("root-ca.cert.pem")};
  verifier v(tc);
  EXPECT_TRUE(v.verify(r.signed_xml, "", submission_time()).empty());
  EXPECT_EQ(codes_of(v.verify(signed_with("valid"), "", submission_time())),
            V({"SIG.CERT_UNTRUSTED"}));
}

TEST(verify, missing) { EXPECT_EQ(codes_of(judge(claim_xml())), V({"SIG.MISSING"})); }

TEST(verify, malformed_xml_and_doctype) {
  EXPECT_EQ(codes_of(judge("<GIAMDINHHS><CHUKYDONVI>")), V({"SIG.MALFORMED"}));
  auto doctype = replace_once(signed_with("valid"), "<GIAMDINHHS",
                              "<!DOCTYPE GIAMDINHHS [<!ENTITY x \"y\">]>\n<GIAMDINHHS");
  auto fs = judge(doctype);
  ASSERT_EQ(codes_of(fs), V({"SIG.MALFORMED"}));
  EXPECT_NE(fs[0].detail.find("DOCTYPE"), std::string::npos);
}

TEST(verify, malformed_certificate_base64) {
  auto xml = signed_with("valid");
  auto cert = between(xml, "<X509Certificate>", "</X509Certificate>");
  auto fs = judge(replace_once(xml, cert, "!!!not base64***"));
  EXPECT_EQ(codes_of(fs), V({"SIG.MALFORMED"}));
  auto fs2 = judge(replace_once(xml, cert, "AAAAAAAA"));  // base64, but not a certificate
  EXPECT_EQ(codes_of(fs2), V({"SIG.MALFORMED"}));
  auto fs3 = judge(replace_once(xml, "<KeyInfo>", "<KeyInfo><KeyName>x</KeyName>"));
  EXPECT_TRUE(fs3.empty());  // other KeyInfo children are ignored; the certificate is still there
}

TEST(verify, digest_when_content_changed) {
  auto fs = judge(replace_once(signed_with("valid"), "20261203", "20261204"));
  ASSERT_EQ(codes_of(fs), V({"SIG.DIGEST"}));
  EXPECT_EQ(fs[0].detail.find("xml-crypto"), std::string::npos);
}

TEST(verify, digest_names_xml_crypto_when_a_processing_instruction_precedes_the_root) {
  // xml-crypto digests only the root: emulate by signing without the PI, then adding it.
  auto xml = replace_once(signed_with("valid"), "<GIAMDINHHS",
                          "<?xml-stylesheet type=\"text/xsl\" href=\"a.xsl\"?>\n<GIAMDINHHS");
  auto fs = judge(xml);
  ASSERT_EQ(codes_of(fs), V({"SIG.DIGEST"}));
  EXPECT_NE(fs[0].detail.find("xml-crypto"), std::string::npos);
}

TEST(verify, value_when_signature_value_swapped) {
  auto a = signed_with("valid");
  auto b = signed_with("valid", replace_once(claim_xml(), "20261203", "20261205"));
  auto va = between(a, "<SignatureValue>", "</SignatureValue>");
  auto vb = between(b, "<SignatureValue>", "</SignatureValue>");
  ASSERT_NE(va, vb);
  EXPECT_EQ(codes_of(judge(replace_once(a, va, vb))), V({"SIG.VALUE"}));
  // A certificate other than the signer's in KeyInfo is a SIG.VALUE as well.
  auto c = signed_with("expired");
  auto cert_a = between(a, "<X509Certificate>", "</X509Certificate>");
  auto cert_c = between(c, "<X509Certificate>", "</X509Certificate>");
  EXPECT_EQ(codes_of(judge(replace_once(a, cert_a, cert_c))), V({"SIG.VALUE", "SIG.CERT_EXPIRED"}));
}

TEST(verify, algorithm_sha1_refused_or_warned) {
  auto xml =
      replace_once(signed_with("valid"), "xmldsig-more#rsa-sha256", "../2000/09/xmldsig#rsa-sha1");
  xml = replace_once(xml, "http://www.w3.org/2001/04/../2000/09/xmldsig#rsa-sha1",
                     "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
  auto fs = judge(xml);
  ASSERT_EQ(codes_of(fs), V({"SIG.ALGORITHM"}));
  EXPECT_EQ(fs[0].level, core::severity::error);
  trust_config tc = portal_trust();
  tc.profile.sha1_is_warning = true;
  verifier lenient(tc);
  auto fs2 = lenient.verify(xml, "", submission_time());
  // SignedInfo was edited, so the value no longer matches; the algorithm is only a warning.
  ASSERT_EQ(codes_of(fs2), V({"SIG.ALGORITHM", "SIG.VALUE"}));
  EXPECT_EQ(fs2[0].level, core::severity::warning);
}

TEST(verify, algorithm_rsa1024_refused) {
  auto fs = judge(signed_with("rsa1024"));
  ASSERT_EQ(codes_of(fs), V({"SIG.ALGORITHM"}));
  EXPECT_NE(fs[0].detail.find("1024"), std::string::npos);
}

TEST(verify, algorithm_other_digest_refused) {
  auto xml = replace_once(signed_with("valid"), "xmlenc#sha256", "xmlenc#sha512");
  EXPECT_EQ(codes_of(judge(xml)), V({"SIG.ALGORITHM"}));
}

TEST(verify, certificate_kinds_each_give_their_code) {
  EXPECT_EQ(codes_of(judge(signed_with("expired"))), V({"SIG.CERT_EXPIRED"}));
  EXPECT_EQ(codes_of(judge(signed_with("not-yet-valid"))), V({"SIG.CERT_NOT_YET_VALID"}));
  EXPECT_EQ(codes_of(judge(signed_with("revoked"))), V({"SIG.CERT_REVOKED"}));
  EXPECT_EQ(codes_of(judge(signed_with("untrusted-ca"))), V({"SIG.CERT_UNTRUSTED"}));
  EXPECT_EQ(codes_of(judge(signed_with("self-signed"))), V({"SIG.CERT_UNTRUSTED"}));
  EXPECT_EQ(codes_of(judge(signed_with("wrong-usage"))), V({"SIG.CERT_USAGE"}));
}

TEST(verify, validity_is_judged_at_the_submission_time) {
  auto xml = signed_with("expired");
  EXPECT_TRUE(portal().verify(xml, "", *core::parse_yyyymmddhhmm("202106011200")).empty());
  // 2022-12-31 23:59 UTC is 2023-01-01 06:59 in Vietnam.
  EXPECT_TRUE(portal().verify(xml, "", *core::parse_yyyymmddhhmm("202301010658")).empty());
  EXPECT_EQ(codes_of(portal().verify(xml, "", *core::parse_yyyymmddhhmm("202301010700"))),
            V({"SIG.CERT_EXPIRED"}));
  // Revoked on 2025-06-01 — the CRL lists it whatever the time (no reason/date semantics).
  EXPECT_EQ(codes_of(judge(signed_with("revoked"))), V({"SIG.CERT_REVOKED"}));
}

TEST(verify, revocation_needs_the_crl) {
  trust_config tc = portal_trust();
  tc.crl_pems.clear();
  verifier v(tc);
  EXPECT_TRUE(v.verify(signed_with("revoked"), "", submission_time()).empty());
}

TEST(verify, unregistered_certificate) {
  trust_config tc = portal_trust(false);
  tc.registered_cert_pems_by_ma_cskcb.emplace("01002", pem("38001-valid.cert.pem"));
  verifier v(tc);
  auto xml = signed_with("valid");
  EXPECT_EQ(codes_of(v.verify(xml, "", submission_time())), V({"SIG.CERT_UNREGISTERED"}));
  EXPECT_TRUE(v.verify(xml, "01002", submission_time()).empty());  // explicit MA_CSKCB wins
  tc.check_registration = false;
  verifier no_registry(tc);
  EXPECT_TRUE(no_registry.verify(xml, "", submission_time()).empty());
}

// --- SIG.REFERENCE and the wrapping variants -------------------------------------------------

TEST(reference, uri_other_than_empty) {
  auto xml = signed_with("valid");
  EXPECT_EQ(codes_of(judge(replace_once(xml, "URI=\"\"", "URI=\"#x\""))), V({"SIG.REFERENCE"}));
  EXPECT_EQ(codes_of(judge(replace_once(xml, "URI=\"\"", "URI=\"http://example.com/a.xml\""))),
            V({"SIG.REFERENCE"}));
  EXPECT_EQ(codes_of(judge(replace_once(xml, "URI=\"\"", "URI=\"file:///etc/passwd\""))),
            V({"SIG.REFERENCE"}));
  EXPECT_EQ(codes_of(judge(replace_once(xml, "<Reference URI=\"\">", "<Reference>"))),
            V({"SIG.REFERENCE"}));
}

TEST(reference, transform_lists) {
  auto xml = signed_with("valid");
  const std::string env =
      "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>";
  EXPECT_EQ(codes_of(judge(replace_once(xml, env, ""))), V({"SIG.REFERENCE"}));
  auto xpath =
      replace_once(xml, env,
                   env +
                       "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                       "<XPath>not(ancestor-or-self::THONGTINHOSO)</XPath></Transform>");
  EXPECT_EQ(codes_of(judge(xpath)), V({"SIG.REFERENCE"}));
  auto exc = replace_once(
      xml, env, env + "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>");
  EXPECT_EQ(codes_of(judge(exc)), V({"SIG.REFERENCE"}));
}

TEST(wrapping, second_signature) {
  auto once = signed_with("valid");
  auto r = sign(once, pem("38001-valid.key.pem"), pem("38001-valid.cert.pem"), {});
  ASSERT_TRUE(r.ok()) << r.error;
  auto fs = judge(r.signed_xml);
  EXPECT_EQ(codes_of(fs), V({"SIG.REFERENCE"}));
  // A forged second signature before the genuine one, elsewhere in the document.
  auto sig = once.substr(once.find("<Signature"),
                         once.find("</Signature>") + 12 - once.find("<Signature"));
  auto forged = replace_once(once, "<THONGTINDONVI>", "<THONGTINDONVI>" + sig);
  EXPECT_EQ(codes_of(judge(forged)), V({"SIG.REFERENCE"}));
}

TEST(wrapping, reference_to_an_id_in_an_object_copy) {
  // Sign the original content as a copy inside ds:Object Id="obj" and point the reference at it;
  // the visible content is then changed. Both the reference and the object are refused.
  auto xml = signed_with("valid");
  auto wrapped = replace_once(xml, "</Signature>",
                              "<Object Id=\"obj\"><THONGTINHOSO><NGAYLAP>20261203</NGAYLAP>"
                              "</THONGTINHOSO></Object></Signature>");
  wrapped = replace_once(wrapped, "URI=\"\"", "URI=\"#obj\"");
  wrapped = replace_once(wrapped, "<NGAYLAP>20261203</NGAYLAP>\n", "<NGAYLAP>20991231</NGAYLAP>\n");
  auto fs = judge(wrapped);
  ASSERT_FALSE(fs.empty());
  for (const auto& f : fs) EXPECT_EQ(f.code, "SIG.REFERENCE") << f.detail;
  // An unsigned ds:Object alone (reference untouched) is refused too.
  auto object_only = replace_once(xml, "</Signature>", "<Object>x</Object></Signature>");
  EXPECT_EQ(codes_of(judge(object_only)), V({"SIG.REFERENCE"}));
}

TEST(wrapping, signature_outside_chukydonvi) {
  auto xml = signed_with("valid");
  auto sig =
      xml.substr(xml.find("<Signature"), xml.find("</Signature>") + 12 - xml.find("<Signature"));
  auto moved = replace_once(xml, sig, "");
  moved = replace_once(moved, "</GIAMDINHHS>", sig + "</GIAMDINHHS>");
  EXPECT_EQ(codes_of(judge(moved)), V({"SIG.REFERENCE"}));
  // The whole signed document wrapped inside a new root: CHUKYDONVI is no longer the root's.
  auto body = xml.substr(xml.find("<GIAMDINHHS"));
  auto rewrapped =
      "<?xml version=\"1.0\"?>\n<GIAMDINHHS><THONGTINDONVI><MACSKCB>38001</MACSKCB>"
      "</THONGTINDONVI><THONGTINHOSO><DU_PHONG>" +
      body + "</DU_PHONG></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>";
  EXPECT_EQ(codes_of(judge(rewrapped)), V({"SIG.REFERENCE"}));
}

// --- concurrency, catalogue and docs ---------------------------------------------------------

TEST(verify, concurrent_calls_share_one_verifier) {
  const auto good = signed_with("valid");
  const auto bad = replace_once(good, "20261203", "20261204");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (!judge(good).empty()) ++failures;
        if (codes_of(judge(bad)) != std::vector<std::string>{"SIG.DIGEST"}) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(catalogue, every_code_has_messages_and_a_docs_entry) {
  std::ifstream is(std::string(SSKDT_SOURCE_DIR) + "/docs/signature.md");
  std::stringstream ss;
  ss << is.rdbuf();
  const std::string docs = ss.str();
  std::set<std::string> codes;
  for (const auto& e : sig_catalogue()) {
    codes.insert(std::string(e.code));
    EXPECT_FALSE(e.message_vi.empty());
    EXPECT_FALSE(e.message_en.empty());
    EXPECT_NE(docs.find("`" + std::string(e.code) + "`"), std::string::npos) << e.code;
  }
  for (const char* c :
       {"SIG.MISSING", "SIG.MALFORMED", "SIG.DIGEST", "SIG.VALUE", "SIG.ALGORITHM", "SIG.REFERENCE",
        "SIG.CERT_EXPIRED", "SIG.CERT_NOT_YET_VALID", "SIG.CERT_UNTRUSTED", "SIG.CERT_REVOKED",
        "SIG.CERT_UNREGISTERED", "SIG.CERT_USAGE"}) {
    EXPECT_EQ(codes.count(c), 1u) << c;
  }
}

}  // namespace
}  // namespace sim::signature

#include "simulator/signature/world_trust.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/world/world.hpp"

namespace sim::signature {
namespace {

using namespace testing;
using V = std::vector<std::string>;

TEST(world_trust, a_worlds_cas_crls_and_registrations_drive_the_verifier) {
  world::world w;
  w.trusted_cas = {pem("root-ca.cert.pem"), pem("issuing-ca.cert.pem")};
  w.crls = {pem("issuing-ca.crl.pem")};
  world::facility f;
  f.ma_cskcb = "38001";
  f.registered_certificates = {pem("38001-valid.cert.pem"), pem("38001-revoked.cert.pem")};
  w.facilities.push_back(f);
  auto v = std::make_shared<const verifier>(trust_from_world(w, bhxh_portal_profile()));
  EXPECT_TRUE(v->verify(signed_with("valid"), "", submission_time()).empty());
  EXPECT_EQ(codes_of(v->verify(signed_with("revoked"), "", submission_time())),
            V({"SIG.CERT_REVOKED"}));
  EXPECT_EQ(codes_of(v->verify(signed_with("expired"), "", submission_time())),
            V({"SIG.CERT_EXPIRED", "SIG.CERT_UNREGISTERED"}));

  // The validate hook appends the same findings.
  auto hook = make_extra_check(v, submission_time());
  core::findings out;
  standard::decoded_file decoded;
  hook(signed_with("valid"), decoded, out);
  EXPECT_TRUE(out.empty());
  hook(claim_xml(), decoded, out);
  EXPECT_EQ(codes_of(out), V({"SIG.MISSING"}));
}

}  // namespace
}  // namespace sim::signature
