// sim::synth — the generator's one source of randomness: xoshiro256** seeded through
// splitmix64 (Blackman & Vigna). Written here rather than taken from <random> because the
// standard distributions give different sequences on different standard libraries, and the
// generator promises identical bytes for the same seed everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "simulator/core/random.hpp"

namespace sim::synth::detail {

using core::splitmix64;

// Mixes several words into one seed (used for "encounter `index` of run `seed`").
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t s = a ^ (b * 0xD6E8FEB86659FD93ull);
  splitmix64(s);
  return splitmix64(s);
}

class rng : public core::xoshiro256 {
 public:
  using core::xoshiro256::xoshiro256;

  // Uniform in [0, n) by rejection (no modulo bias); n > 0.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t x = next();
    while (x >= limit) x = next();
    return x % n;
  }

  // Uniform in [lo, hi].
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }

  // True with probability percent/100.
  bool chance(int percent) { return static_cast<int>(below(100)) < percent; }

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(below(items.size()))];
  }
};

}  // namespace sim::synth::detail
