// The embedded default world: every named case exists with the property docs/world.md claims.
#include <gtest/gtest.h>

#include <set>

#include "simulator/world/detail/checks.hpp"
#include "simulator/world/world.hpp"

namespace sim::world {
namespace {

const core::civil_time dec_2026{2026, 12, 1, 0, 0};

const citizen& named(const std::string& label) {
  const citizen* c = embedded_default_world()->find_by_case(label);
  if (!c) throw std::runtime_error("no case " + label);
  return *c;
}

bool all_good(const citizen& c) {
  return c.card && c.card->status == card_status::active && c.card->valid_from <= dec_2026 &&
         dec_2026 <= c.card->valid_to && c.vneid.level == 2 && c.vneid.bhyt_integrated &&
         detail::compare_versions(c.vneid.app_version, "2.1.10") >= 0 && !c.recorded->ho_ten &&
         !c.recorded->date_of_birth && !c.recorded->gender && !c.recorded->so_dinh_danh;
}

TEST(default_world, shape) {
  auto w = embedded_default_world();
  EXPECT_EQ(w, embedded_default_world());  // built once
  EXPECT_EQ(w->name, "Tỉnh Thượng Ninh (mô phỏng)");
  EXPECT_EQ(w->province, "38");
  ASSERT_EQ(w->facilities.size(), 4u);
  std::set<std::string> levels;
  for (const auto& f : w->facilities) {
    EXPECT_EQ(f.ma_cskcb.substr(0, 2), "38");
    ASSERT_GE(f.accounts.size(), 1u);
    EXPECT_EQ(f.accounts[0].username, f.ma_cskcb + "_BV");
    EXPECT_FALSE(f.accounts[0].password.empty());
    EXPECT_FALSE(f.accounts[0].locked) << f.ma_cskcb;
    EXPECT_FALSE(f.officers.empty()) << f.ma_cskcb;
    levels.insert(f.level);
  }
  EXPECT_EQ(levels, (std::set<std::string>{"tinh", "huyen", "xa", "tu-nhan"}));
  ASSERT_TRUE(w->population.has_value());
  // Named citizens add to the generated ones: none of them collides with a generated id.
  std::size_t labelled = 0;
  for (const auto& c : w->citizens()) labelled += !c.case_label.empty();
  EXPECT_EQ(w->citizen_count(), w->population->count + labelled);
  EXPECT_GE(w->citizen_count(), 300u);
}

TEST(default_world, one_locked_account_at_38209) {
  std::vector<std::string> locked;
  for (const auto& f : embedded_default_world()->facilities) {
    for (const auto& a : f.accounts) {
      if (a.locked) locked.push_back(f.ma_cskcb + "/" + a.username);
    }
  }
  EXPECT_EQ(locked, std::vector<std::string>{"38209/38209_KT"});
}

TEST(default_world, reissued_and_bao_giam_reason_cases) {
  const citizen& expired_old = named("the-cap-lai-cu-het-han");
  ASSERT_EQ(expired_old.card->replaced.size(), 1u);
  EXPECT_EQ(expired_old.card->replaced[0].number, "GD4383890000124");
  EXPECT_LT(expired_old.card->replaced[0].valid_to, dec_2026);
  EXPECT_TRUE(all_good(expired_old));
  const citizen& valid_old = named("the-cap-lai-cu-con-han");
  ASSERT_EQ(valid_old.card->replaced.size(), 1u);
  EXPECT_LE(dec_2026, valid_old.card->replaced[0].valid_to);
  EXPECT_TRUE(all_good(valid_old));
  const std::pair<const char*, bao_giam_reason> reasons[] = {
      {"the-bao-giam-ngoai-tinh", bao_giam_reason::chuyen_ngoai_tinh},
      {"the-bao-giam-trong-tinh", bao_giam_reason::chuyen_trong_tinh},
      {"the-bao-giam-tham-gia-lai", bao_giam_reason::tham_gia_lai},
      {"the-bao-giam-ngung-tham-gia", bao_giam_reason::ngung_tham_gia}};
  for (const auto& [label, reason] : reasons) {
    const citizen& c = named(label);
    ASSERT_TRUE(c.card) << label;
    EXPECT_EQ(c.card->status, card_status::bao_giam) << label;
    EXPECT_EQ(c.card->reason, reason) << label;
  }
  EXPECT_EQ(named("the-bao-giam").card->reason, bao_giam_reason::unspecified);
  const citizen& child = named("tre-em-khong-the");
  EXPECT_FALSE(child.card.has_value());
  EXPECT_GT(child.date_of_birth, (core::civil_time{2020, 12, 1, 0, 0}));  // under 6 in Dec 2026
}

TEST(default_world, card_cases) {
  const citizen& expired = named("the-het-han");
  ASSERT_TRUE(expired.card);
  EXPECT_EQ(expired.card->status, card_status::expired);
  EXPECT_LT(expired.card->valid_to, dec_2026);
  const citizen& revoked = named("the-bi-thu-hoi");
  EXPECT_EQ(revoked.card->status, card_status::revoked);
  EXPECT_TRUE(revoked.card->valid_from <= dec_2026 && dec_2026 <= revoked.card->valid_to);
  EXPECT_EQ(named("the-bao-giam").card->status, card_status::bao_giam);
  EXPECT_FALSE(named("khong-co-the").card.has_value());
}

TEST(default_world, identity_mismatch_cases) {
  const citizen& name = named("sai-ho-ten");
  ASSERT_TRUE(name.recorded->ho_ten);
  EXPECT_NE(*name.recorded->ho_ten, name.ho_ten);
  const citizen& dob = named("sai-ngay-sinh");
  ASSERT_TRUE(dob.recorded->date_of_birth);
  EXPECT_NE(*dob.recorded->date_of_birth, dob.date_of_birth);
  const citizen& sx = named("sai-gioi-tinh");
  ASSERT_TRUE(sx.recorded->gender);
  EXPECT_NE(*sx.recorded->gender, sx.gender);
  const citizen& id = named("sai-so-dinh-danh");
  ASSERT_TRUE(id.recorded->so_dinh_danh);
  EXPECT_NE(*id.recorded->so_dinh_danh, id.so_dinh_danh);
  EXPECT_EQ(embedded_default_world()->find_citizen(*id.recorded->so_dinh_danh), nullptr);
  // Each differs in exactly its one field.
  for (const auto* c : {&name, &dob, &sx, &id}) {
    const int n = c->recorded->ho_ten.has_value() + c->recorded->date_of_birth.has_value() +
                  c->recorded->gender.has_value() + c->recorded->so_dinh_danh.has_value();
    EXPECT_EQ(n, 1) << c->case_label;
  }
}

TEST(default_world, child_and_guardian) {
  const citizen& child = named("tre-em-giam-ho");
  const citizen& guardian = named("nguoi-giam-ho");
  EXPECT_EQ(child.guardian_id, guardian.so_dinh_danh);
  EXPECT_GT(child.date_of_birth, (core::civil_time{2020, 12, 1, 0, 0}));  // under 6
  ASSERT_TRUE(child.card);
  EXPECT_EQ(child.card->number.substr(0, 3), "TE1");
  EXPECT_LE(child.vneid.level, 1);
  EXPECT_TRUE(all_good(guardian));
}

TEST(default_world, vneid_cases) {
  const citizen& l1 = named("vneid-muc-1");
  EXPECT_EQ(l1.vneid.level, 1);
  EXPECT_FALSE(l1.vneid.bhyt_integrated);
  EXPECT_EQ(named("khong-co-vneid").vneid.level, 0);
  EXPECT_TRUE(named("khong-co-vneid").vneid.app_version.empty());
  const citizen& ni = named("chua-tich-hop-bhyt");
  EXPECT_EQ(ni.vneid.level, 2);
  EXPECT_FALSE(ni.vneid.bhyt_integrated);
  EXPECT_GE(detail::compare_versions(ni.vneid.app_version, "2.1.10"), 0);
  // Too old for the health book (2.1.10, spec c06 A2) though integrated.
  const citizen& old = named("app-qua-cu");
  EXPECT_EQ(old.vneid.level, 2);
  EXPECT_TRUE(old.vneid.bhyt_integrated);
  EXPECT_LT(detail::compare_versions(old.vneid.app_version, "2.1.10"), 0);
  EXPECT_GE(detail::compare_versions(old.vneid.app_version, "2.0.4"), 0);
  // Too old even to integrate the card (2.0.4, Kiên Hải CV 329 Phụ lục 2).
  const citizen& older = named("app-qua-cu-chua-tich-hop");
  EXPECT_LT(detail::compare_versions(older.vneid.app_version, "2.0.4"), 0);
  EXPECT_FALSE(older.vneid.bhyt_integrated);
}

TEST(default_world, all_good_patients_per_facility) {
  for (const auto& f : embedded_default_world()->facilities) {
    for (const std::string suffix : {"-a", "-b"}) {
      const citizen& c = named("hop-le-" + f.ma_cskcb + suffix);
      EXPECT_EQ(c.card->ma_dkbd, f.ma_cskcb) << c.case_label;
      EXPECT_TRUE(all_good(c)) << c.case_label;
    }
  }
  const citizen& with_cmnd = named("hop-le-38001-a");
  EXPECT_EQ(embedded_default_world()->find_citizen(with_cmnd.old_cmnd), &with_cmnd);
}

TEST(default_world, case_citizens_differ_only_where_they_claim) {
  // Every case except the ones about the card or VNeID has an active card valid on 2026-12-01.
  for (const std::string label :
       {"sai-ho-ten", "sai-ngay-sinh", "sai-gioi-tinh", "sai-so-dinh-danh", "vneid-muc-1",
        "khong-co-vneid", "chua-tich-hop-bhyt", "app-qua-cu", "app-qua-cu-chua-tich-hop"}) {
    const citizen& c = named(label);
    ASSERT_TRUE(c.card) << label;
    EXPECT_EQ(c.card->status, card_status::active) << label;
    EXPECT_TRUE(c.card->valid_from <= dec_2026 && dec_2026 <= c.card->valid_to) << label;
  }
}

}  // namespace
}  // namespace sim::world
