#include "simulator/engine/fault.hpp"

#include <gtest/gtest.h>

namespace sim::engine {
namespace {

std::string add_ok(fault_registry& r, fault_spec s) {
  auto res = r.add(std::move(s));
  EXPECT_EQ(res.index(), 0u) << (res.index() == 1 ? std::get<1>(res) : "");
  return res.index() == 0 ? std::get<0>(res) : "";
}

TEST(Faults, ScopeSelectsEndpointAndFacility) {
  fault_registry r(1);
  add_ok(r, {.type = "slow", .scope = {.endpoint = "claim", .facility = "22001"},
             .attributes = {{"delay_ms", "1500"}}});
  EXPECT_EQ(r.evaluate("claim", "22001").delay, std::chrono::milliseconds(1500));
  EXPECT_EQ(r.evaluate("claim", "22002").delay, std::chrono::milliseconds(0));
  EXPECT_EQ(r.evaluate("token", "22001").delay, std::chrono::milliseconds(0));
}

TEST(Faults, EveryTypeHasItsEffect) {
  fault_registry r(1);
  add_ok(r, {.type = "outage", .scope = {.endpoint = "a"}});
  add_ok(r, {.type = "outage", .scope = {.endpoint = "b"}, .attributes = {{"mode", "reset"}}});
  add_ok(r, {.type = "token_expiry", .scope = {.endpoint = "c"}});
  add_ok(r, {.type = "ma_ket_qua_500", .scope = {.endpoint = "d"}});
  add_ok(r, {.type = "response_lost", .scope = {.endpoint = "e"}});
  add_ok(r, {.type = "duplicate_transaction", .scope = {.endpoint = "f"}});
  EXPECT_EQ(r.evaluate("a", "").http_status, 503);
  EXPECT_TRUE(r.evaluate("b", "").reset_connection);
  EXPECT_TRUE(r.evaluate("c", "").expire_tokens);
  EXPECT_EQ(r.evaluate("d", "").ma_ket_qua, "500");
  EXPECT_TRUE(r.evaluate("e", "").lose_response);
  EXPECT_TRUE(r.evaluate("f", "").repeat_transaction_id);
  EXPECT_TRUE(r.evaluate("z", "").fired.empty());
}

TEST(Faults, BadSpecsAreRefusedWithAReason) {
  fault_registry r(1);
  auto unknown = r.add({.type = "meteor"});
  ASSERT_EQ(unknown.index(), 1u);
  EXPECT_NE(std::get<1>(unknown).find("meteor"), std::string::npos);
  EXPECT_EQ(r.add({.type = "slow"}).index(), 1u);
  EXPECT_EQ(r.add({.type = "slow", .attributes = {{"delay_ms", "x"}}}).index(), 1u);
  EXPECT_EQ(r.add({.type = "outage", .probability = 1.5}).index(), 1u);
  EXPECT_EQ(r.add({.type = "outage", .attributes = {{"mode", "boom"}}}).index(), 1u);
  EXPECT_TRUE(r.list().empty());
}

TEST(Faults, ProbabilityIsSeededAndReplayable) {
  auto run = [](std::uint64_t seed) {
    fault_registry r(seed);
    add_ok(r, {.type = "outage", .probability = 0.3});
    std::string pattern;
    for (int i = 0; i < 200; ++i) pattern += r.evaluate("claim", "").http_status ? '1' : '0';
    return pattern;
  };
  const auto a = run(7);
  EXPECT_EQ(a, run(7));
  EXPECT_NE(a, run(8));
  const auto fired = std::count(a.begin(), a.end(), '1');
  EXPECT_GT(fired, 30);
  EXPECT_LT(fired, 90);
}

TEST(Faults, RemoveAndClear) {
  fault_registry r(1);
  auto id = add_ok(r, {.type = "outage"});
  EXPECT_TRUE(r.remove(id));
  EXPECT_FALSE(r.remove(id));
  add_ok(r, {.type = "outage"});
  r.clear();
  EXPECT_EQ(r.evaluate("claim", "").http_status, 0);
}

}  // namespace
}  // namespace sim::engine
