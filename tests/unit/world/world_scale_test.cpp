// Labelled `slow`: 1,000,000 citizens generated as JSON Lines and loaded through the streaming
// path, with the time and peak resident memory printed and checked (issue 7 §4: "in seconds,
// in under 1 GB"). Run: ctest --test-dir build/<dir> -L slow, or the binary directly.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "simulator/world/world.hpp"
#include "simulator/world/world_io.hpp"
#include "tests/unit/world/test_support.hpp"

namespace sim::world {
namespace {

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

TEST(world_scale, one_million_citizens_generate_and_load) {
  testing::temp_dir dir;
  const std::size_t n = max_generated_population;
  auto t0 = std::chrono::steady_clock::now();
  write_generated_world(*embedded_default_world(), 2026, n, dir.file("big.yaml"));
  const double generate_s = seconds_since(t0);
  const double rss_after_generate = peak_rss_mb();

  t0 = std::chrono::steady_clock::now();
  auto w = load_world_file(dir.file("big.yaml"));
  const double load_s = seconds_since(t0);
  const double rss = peak_rss_mb();
  ASSERT_EQ(w->citizen_count(), n);

  t0 = std::chrono::steady_clock::now();
  std::size_t found = 0;
  for (std::size_t i = 0; i < n; i += 7) {
    found += w->find_citizen(w->citizen_at(i).so_dinh_danh) == &w->citizen_at(i);
  }
  const double lookup_us = seconds_since(t0) * 1e6 / static_cast<double>((n + 6) / 7);
  EXPECT_EQ(found, (n + 6) / 7);

  t0 = std::chrono::steady_clock::now();
  std::size_t generated = 0;
  for (std::size_t i = 0; i < n; ++i) {
    generated += !generate_citizen(2026, i, "38", w->facilities).so_dinh_danh.empty();
  }
  const double in_memory_s = seconds_since(t0);

  std::printf(
      "world_scale: %zu citizens: generate+write JSONL %.2f s (peak RSS %.0f MB); "
      "load %.2f s; peak RSS %.0f MB; find_citizen %.2f us; generate only %.2f s "
      "(%zu); sizeof(citizen) %zu B\n",
      n, generate_s, rss_after_generate, load_s, rss, lookup_us, in_memory_s, generated,
      sizeof(citizen));
  EXPECT_LT(rss, 1024.0);
  // Figures are meant for a release build; a debug build only has to finish.
#ifdef NDEBUG
  constexpr double limit_s = 60.0;  // generous: the 2-core machine is shared
#else
  constexpr double limit_s = 600.0;
#endif
  EXPECT_LT(generate_s, limit_s);
  EXPECT_LT(load_s, limit_s);
}

}  // namespace
}  // namespace sim::world
