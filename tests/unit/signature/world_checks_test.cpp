// Per-world signature switches (issue 8): SHA-1 as a warning, and the QĐ 3176 DU_PHONG signature
// of XML13/XML14, applied through add_signature_checks.
#include "simulator/signature/world_checks.hpp"

#include <gtest/gtest.h>

#include "simulator/core/base64.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/signature/world_trust.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/world/world.hpp"

namespace sim::signature {
namespace {

using standard::table_id;

// A decoded QĐ 3176 claim holding XML13 and XML14 rows with the given DU_PHONG values.
standard::decoded_file claim_with_du_phong(const std::string& xml13, const std::string& xml14) {
  standard::decoded_file d;
  d.kind = standard::file_kind::claim;
  standard::hoso h;
  for (auto [id, value] : {std::pair{table_id::xml13, xml13}, std::pair{table_id::xml14, xml14}}) {
    standard::table_data t;
    t.id = id;
    t.loaihoso = std::string(standard::to_string(id));
    standard::row r;
    r.fields.push_back({"MA_LK", "LK-1"});
    r.fields.push_back({"DU_PHONG", value});
    t.rows.push_back(r);
    h.tables.push_back(t);
  }
  d.claim.hosos.push_back(h);
  return d;
}

TEST(world_checks, du_phong_must_carry_a_signature) {
  const std::string sig = core::base64_encode(std::string(256, '\x5a'));
  core::findings out;
  check_du_phong_signatures(claim_with_du_phong(sig, sig), out);
  EXPECT_TRUE(out.empty());
  check_du_phong_signatures(claim_with_du_phong("", "chữ ký"), out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].code, "SIG.DU_PHONG");
  EXPECT_EQ(out[0].table, "XML13");
  EXPECT_EQ(out[0].field, "DU_PHONG");
  EXPECT_EQ(out[0].detail, "empty");
  EXPECT_EQ(out[1].table, "XML14");
  EXPECT_NE(out[1].detail.find("not base64"), std::string::npos);
  out.clear();
  check_du_phong_signatures(claim_with_du_phong(core::base64_encode("short"), sig), out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].detail, "only 5 bytes");
}

TEST(world_checks, switches_follow_the_world_and_the_standard) {
  auto w = std::make_shared<world::world>();
  rules::validate_options opt;
  opt.standard = standard::standard_id::qd3176;
  add_signature_checks(opt, nullptr, *w);
  EXPECT_TRUE(opt.extra_checks.empty());  // off by default
  EXPECT_EQ(opt.extra_catalogues.size(), 1u);
  w->signature.du_phong_signature = true;
  rules::validate_options on;
  on.standard = standard::standard_id::qd3176;
  add_signature_checks(on, nullptr, *w);
  ASSERT_EQ(on.extra_checks.size(), 1u);
  core::findings out;
  on.extra_checks[0]("", claim_with_du_phong("", ""), out);
  EXPECT_EQ(out.size(), 2u);
  rules::validate_options other;
  other.standard = standard::standard_id::qd4750;  // DU_PHONG signatures are a 3176 matter
  add_signature_checks(other, nullptr, *w);
  EXPECT_TRUE(other.extra_checks.empty());
}

TEST(world_checks, sha1_warning_switch_reaches_the_profile) {
  world::world w;
  EXPECT_FALSE(trust_from_world(w, bhxh_portal_profile()).profile.sha1_is_warning);
  w.signature.sha1_warning = true;
  EXPECT_TRUE(trust_from_world(w, bhxh_portal_profile()).profile.sha1_is_warning);
}

// A sandbox's registrations join the world's; one that is not a certificate is left out, not
// allowed to make the whole trust configuration fail.
TEST(world_checks, sandbox_registrations_join_the_world_and_bad_ones_are_left_out) {
  world::world w;
  const std::string good(*default_pki_file("38001-valid.cert.pem"));
  const std::multimap<std::string, std::string> extra = {
      {"38001", good}, {"38002", "-----BEGIN CERTIFICATE-----\nnot base64\n"}};
  const auto tc = trust_from_world(w, bhxh_portal_profile(), extra);
  ASSERT_EQ(tc.registered_cert_pems_by_ma_cskcb.size(), 1u);
  EXPECT_EQ(tc.registered_cert_pems_by_ma_cskcb.begin()->first, "38001");
  EXPECT_EQ(tc.registered_cert_pems_by_ma_cskcb.begin()->second, good);
}

}  // namespace
}  // namespace sim::signature
