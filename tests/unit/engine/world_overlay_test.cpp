// The sandbox's view of the world: scheduled register changes (police corrections, issue 10)
// take effect at their virtual time, in order, on top of one another; old CMND numbers of
// replaced citizens answer with the replacement.
#include "simulator/engine/world_overlay.hpp"

#include <gtest/gtest.h>

namespace sim::engine {
namespace {

using namespace std::chrono_literals;

struct fake_real_time {
  sys_time t = *parse_iso8601("2026-12-03T03:00:00Z");
  time_source source() {
    return [this] { return t; };
  }
};

const world::citizen& named(const world::world& w, std::string_view label) {
  const auto* c = w.find_by_case(label);
  EXPECT_NE(c, nullptr) << label;
  return *c;
}

TEST(WorldOverlay, ScheduledChangesTakeEffectAtTheirVirtualTimeInOrder) {
  auto base = world::embedded_default_world();
  fake_real_time real;
  virtual_clock clock(real.source());
  clock.freeze(true);
  world_overlay overlay(base, &clock);
  const auto& c = named(*base, "sai-ho-ten");
  const auto t0 = clock.now();

  ASSERT_TRUE(overlay.schedule_change(
      c.so_dinh_danh, [](world::citizen& x) { x.ho_ten = "Nguyễn Thị Thu Hương"; }, t0 + 24h,
      "HO_TEN"));
  ASSERT_TRUE(overlay.schedule_change(
      c.so_dinh_danh, [](world::citizen& x) { x.gender = world::sex::male; }, t0 + 48h,
      "GIOI_TINH"));
  EXPECT_FALSE(overlay.schedule_change("999999999999", [](world::citizen&) {}, t0, "nobody"));
  EXPECT_EQ(overlay.scheduled().size(), 2u);

  EXPECT_EQ(overlay.find_citizen(c.so_dinh_danh)->ho_ten, "Nguyễn Thị Thu Hường");
  clock.advance(24h);
  EXPECT_EQ(overlay.find_citizen(c.so_dinh_danh)->ho_ten, "Nguyễn Thị Thu Hương");
  EXPECT_EQ(overlay.find_citizen(c.so_dinh_danh)->gender, c.gender);
  EXPECT_EQ(overlay.scheduled().size(), 1u);
  clock.advance(24h);
  const auto* after = overlay.find_citizen(c.so_dinh_danh);
  EXPECT_EQ(after->gender, world::sex::male);
  EXPECT_EQ(after->ho_ten, "Nguyễn Thị Thu Hương") << "the second change keeps the first";
  EXPECT_TRUE(overlay.scheduled().empty());
  // The card look-up and the base world see the same person / the base is untouched.
  if (c.card) {
    EXPECT_EQ(overlay.find_by_card(c.card->number), after);
  }
  EXPECT_EQ(base->find_citizen(c.so_dinh_danh)->ho_ten, "Nguyễn Thị Thu Hường");
}

TEST(WorldOverlay, OldCmndOfAReplacedCitizenAnswersTheReplacement) {
  auto base = world::embedded_default_world();
  const world::citizen* with_cmnd = nullptr;
  for (const auto& c : base->citizens())
    if (!c.old_cmnd.empty()) with_cmnd = &c;
  ASSERT_NE(with_cmnd, nullptr);
  world_overlay overlay(base);
  world::citizen changed = *with_cmnd;
  changed.ho_ten = "Tên Đã Sửa";
  overlay.upsert_citizen(changed);
  EXPECT_EQ(overlay.find_citizen(with_cmnd->old_cmnd)->ho_ten, "Tên Đã Sửa");
}

TEST(WorldOverlay, WithoutAClockAChangeTakesEffectAtOnce) {
  auto base = world::embedded_default_world();
  world_overlay overlay(base);
  const auto& c = named(*base, "sai-gioi-tinh");
  ASSERT_TRUE(overlay.schedule_change(
      c.so_dinh_danh, [](world::citizen& x) { x.gender = world::sex::male; },
      sys_time{} + 10000h, "GIOI_TINH"));
  EXPECT_EQ(overlay.find_citizen(c.so_dinh_danh)->gender, world::sex::male);
}

// A citizen the sandbox adds keeps its identifier history like the base world's (spec c06 A6,
// A7): found by its old CMND and by each cancelled number; a replacement that drops a number
// stops answering for it.
TEST(WorldOverlay, FormerNumbersOfACitizenAddedInTheSandboxAnswerToo) {
  auto base = world::embedded_default_world();
  world_overlay overlay(base);
  world::citizen added;
  added.so_dinh_danh = "038195900777";
  added.ho_ten = "Đặng Thị Mỹ Duyên";
  added.old_cmnd = "171900777";
  added.cancelled_ids = {"038194900777", "038195900770"};
  overlay.upsert_citizen(added);
  ASSERT_EQ(base->find_citizen("038194900777"), nullptr);
  for (const char* id : {"038195900777", "171900777", "038194900777", "038195900770"}) {
    const auto* c = overlay.find_citizen(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->so_dinh_danh, "038195900777") << id;
  }
  world::citizen replaced = added;
  replaced.cancelled_ids = {"038194900777"};
  replaced.old_cmnd.clear();
  overlay.upsert_citizen(replaced);
  EXPECT_NE(overlay.find_citizen("038194900777"), nullptr);
  EXPECT_EQ(overlay.find_citizen("038195900770"), nullptr);
  EXPECT_EQ(overlay.find_citizen("171900777"), nullptr);
}

}  // namespace
}  // namespace sim::engine
