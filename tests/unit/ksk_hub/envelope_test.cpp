// The KSK hub's envelope (docs/ksk-hub.md): the signed bytes, SHA256RSA, msg_id, the header
// checks field by field, and the rule for the two XMLDSig signatures inside a record, verified
// under ksk_hub_profile() beside the portal's profile.
#include "simulator/services/ksk_hub/envelope.hpp"

#include <gtest/gtest.h>

#include "simulator/signature/default_pki.hpp"
#include "simulator/signature/verifier.hpp"

namespace sim::services::ksk_hub {
namespace {

using json = nlohmann::json;

std::string pki(const std::string& name) { return std::string(*signature::default_pki_file(name)); }

world::ksk_hub_account account() {
  world::ksk_hub_account a;
  a.username = "ksk_38001";
  a.facility = "38001";
  a.sender_id = "8938000100012";
  return a;
}

json good_body() {
  json h = {{"version", "1.0.6"},
            {"sender_id", "8938000100012"},
            {"receiver_id", "TDLBYT"},
            {"txn_type", "sync_checkup"},
            {"msg_id", make_msg_id("8938000100012", {2026, 12, 3, 0, 0}, 1, 2)},
            {"msg_type", 101},
            {"data_type", "xml/base64"},
            {"send_datetime", 1764730800000}};
  return {{"header", h}, {"data", "PEtIQU1TVUNLSE9FLz4="}, {"signature", "c2ln"}};
}

TEST(KskEnvelope, SignedBytesAreSortedCompactJsonThenData) {
  const json h = {{"z", 1}, {"a", "Hà Nội/1"}, {"m", {{"y", true}, {"b", nullptr}}}};
  EXPECT_EQ(signed_bytes(h, "QUJD"), R"({"a":"Hà Nội/1","m":{"b":null,"y":true},"z":1})"
                                     "QUJD");
}

TEST(KskEnvelope, Sha256RsaRoundTripAndRefusals) {
  const std::string bytes = signed_bytes(good_body()["header"], "QUJD");
  const auto sig = sign_sha256_rsa(bytes, pki("38001-valid.key.pem"));
  ASSERT_TRUE(sig);
  EXPECT_TRUE(verify_sha256_rsa(bytes, *sig, pki("38001-valid.cert.pem")));
  EXPECT_FALSE(verify_sha256_rsa(bytes + "x", *sig, pki("38001-valid.cert.pem")));
  EXPECT_FALSE(verify_sha256_rsa(bytes, *sig, pki("38105-valid.cert.pem")));
  EXPECT_FALSE(verify_sha256_rsa(bytes, "not base64!", pki("38001-valid.cert.pem")));
  EXPECT_FALSE(sign_sha256_rsa(bytes, "not a key"));
}

TEST(KskEnvelope, MsgIdIsSenderDateAndUuidV4) {
  const std::string id = make_msg_id("8938000100012", {2026, 12, 3, 9, 30}, ~0ull, ~0ull);
  ASSERT_EQ(id.size(), 51u);
  EXPECT_EQ(id.substr(0, 19), "8938000100012261203");
  EXPECT_EQ(id[19 + 12], '4');
  EXPECT_EQ(id[19 + 16], 'b');  // variant 10xx with all other bits set
  EXPECT_EQ(make_msg_id("1", {2026, 1, 2, 0, 0}, 0, 0),
            "1260102"
            "0000000000004000"
            "8000000000000000");
}

TEST(KskEnvelope, GoodHeaderPasses) {
  EXPECT_FALSE(check_envelope(good_body(), account(), world::ksk_hub_behaviour{}));
}

struct bad_case {
  const char* field;
  json value;  // null = removed
};

TEST(KskEnvelope, EachBadFieldIsNamed) {
  const std::string other = make_msg_id("8938010500017", {2026, 12, 3, 0, 0}, 1, 2);
  std::string not_v4 = make_msg_id("8938000100012", {2026, 12, 3, 0, 0}, 1, 2);
  not_v4[19 + 12] = '1';
  const bad_case cases[] = {
      {"version", nullptr},
      {"version", "v1"},
      {"version", "1.0."},
      {"sender_id", "893800010001"},
      {"sender_id", "8938010500017"},
      {"receiver_id", "BHXH"},
      {"receiver_id", nullptr},
      {"txn_type", "sync_visit"},
      {"msg_id", "8938000100012261203"},
      {"msg_id", other},
      {"msg_id", "8938000100012261302" + std::string(32, 'a')},
      {"msg_id", not_v4},
      {"msg_type", 102},
      {"msg_type", true},
      {"data_type", "xml"},
      {"send_datetime", 1764730800},
      {"send_datetime", "abc"},
  };
  for (const auto& c : cases) {
    json body = good_body();
    if (c.value.is_null()) {
      body["header"].erase(c.field);
    } else {
      body["header"][c.field] = c.value;
    }
    const auto p = check_envelope(body, account(), world::ksk_hub_behaviour{});
    ASSERT_TRUE(p) << c.field << " " << c.value.dump();
    EXPECT_EQ(p->field, c.field) << c.value.dump() << ": " << p->message;
  }
  for (const char* f : {"data", "signature", "header"}) {
    json body = good_body();
    body.erase(f);
    const auto p = check_envelope(body, account(), world::ksk_hub_behaviour{});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->field, f);
  }
  EXPECT_EQ(check_envelope(json::array(), account(), {})->field, "body");
  // String forms of the numeric fields are accepted.
  json body = good_body();
  body["header"]["msg_type"] = "101";
  body["header"]["send_datetime"] = "1764730800000";
  EXPECT_FALSE(check_envelope(body, account(), world::ksk_hub_behaviour{}));
}

TEST(KskEnvelope, ElementContent) {
  EXPECT_EQ(*element_content("<a><B x='1'>hi</B></a>", "B"), "hi");
  EXPECT_EQ(*element_content("<a><B/></a>", "B"), "");
  EXPECT_FALSE(element_content("<a><B>1</B><B>2</B></a>", "B"));
  EXPECT_FALSE(element_content("<a><BC>1</BC></a>", "B"));
  EXPECT_EQ(*without_element_content("<a><B>x<y/></B><C/></a>", "B"), "<a><B></B><C/></a>");
}

class KskRecord : public ::testing::Test {
 protected:
  static std::string sign(const std::string& doctor = "38001-valid",
                          const std::string& seal = "38001-valid") {
    auto r = sign_ksk_record(unsigned_record(), pki(doctor + ".key.pem"), pki(doctor + ".cert.pem"),
                             pki(seal + ".key.pem"), pki(seal + ".cert.pem"));
    EXPECT_EQ(r.error, "");
    return r.xml;
  }
  static std::string unsigned_record() {
    return sample_ksk_record("8938000100012", "KSK-1", "038068900101", "Nguyễn Văn An",
                             "202612030900");
  }
  // The findings of one signature, checked the hub's way (the other element emptied).
  static core::findings verify(const std::string& xml, const char* own, const char* other,
                               signature::signature_profile profile, bool registration) {
    signature::trust_config tc = signature::default_pki_trust();
    tc.profile = std::move(profile);
    tc.check_registration = registration;
    signature::verifier v(tc);
    (void)own;
    return v.verify(*without_element_content(xml, other), "38001", {2026, 12, 3, 10, 0});
  }
  static std::vector<std::string> codes(const core::findings& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.code);
    return out;
  }
};

TEST_F(KskRecord, BothSignaturesVerifyUnderTheHubProfile) {
  const std::string xml = sign();
  EXPECT_NE(element_content(xml, "CKS_NGUOI_KET_LUAN")->find("SignatureValue"), std::string::npos);
  EXPECT_NE(element_content(xml, "CKS_BENH_VIEN")->find("SignatureValue"), std::string::npos);
  const auto hub = signature::ksk_hub_profile();
  EXPECT_TRUE(verify(xml, "CKS_NGUOI_KET_LUAN", "CKS_BENH_VIEN", hub, false).empty());
  EXPECT_TRUE(verify(xml, "CKS_BENH_VIEN", "CKS_NGUOI_KET_LUAN", hub, true).empty());
  // The portal's profile wants the signature directly in CHUKYDONVI: refused there.
  EXPECT_EQ(codes(verify(xml, "CKS_BENH_VIEN", "CKS_NGUOI_KET_LUAN",
                         signature::bhxh_portal_profile(), true)),
            std::vector<std::string>{"SIG.REFERENCE"});
}

TEST_F(KskRecord, TamperingBreaksBothDigests) {
  std::string xml = sign();
  const auto at = xml.find("<SOLUONGHOSO>1<");
  ASSERT_NE(at, std::string::npos);
  xml[at + 13] = '2';
  const auto hub = signature::ksk_hub_profile();
  EXPECT_EQ(codes(verify(xml, "CKS_NGUOI_KET_LUAN", "CKS_BENH_VIEN", hub, false)),
            std::vector<std::string>{"SIG.DIGEST"});
  EXPECT_EQ(codes(verify(xml, "CKS_BENH_VIEN", "CKS_NGUOI_KET_LUAN", hub, true)),
            std::vector<std::string>{"SIG.DIGEST"});
}

TEST_F(KskRecord, SealOfAnotherFacilityIsUnregistered) {
  const std::string xml = sign("38001-valid", "38105-valid");
  const auto hub = signature::ksk_hub_profile();
  EXPECT_TRUE(verify(xml, "CKS_NGUOI_KET_LUAN", "CKS_BENH_VIEN", hub, false).empty());
  EXPECT_EQ(codes(verify(xml, "CKS_BENH_VIEN", "CKS_NGUOI_KET_LUAN", hub, true)),
            std::vector<std::string>{"SIG.CERT_UNREGISTERED"});
}

TEST_F(KskRecord, RecordWithoutTheElementsIsRefused) {
  auto r = sign_ksk_record("<KHAMSUCKHOE><CHUKYDONVI/></KHAMSUCKHOE>", pki("38001-valid.key.pem"),
                           pki("38001-valid.cert.pem"), pki("38001-valid.key.pem"),
                           pki("38001-valid.cert.pem"));
  EXPECT_NE(r.error.find("CKS_NGUOI_KET_LUAN"), std::string::npos);
}

}  // namespace
}  // namespace sim::services::ksk_hub
