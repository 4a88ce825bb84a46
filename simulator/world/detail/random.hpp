// Deterministic random numbers for the world generator: splitmix64 and xoshiro256**, plus
// bounded draws and a keyed permutation. Written here (not <random> distributions) because the
// generated population must be identical on every platform and standard library.
#pragma once

#include <cstdint>

#include "simulator/core/random.hpp"

namespace sim::world::detail {

using core::splitmix64;

// A stateless mix of two words (used to key per-citizen streams and permutation rounds).
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t s = a ^ (b * 0xd1b54a32d192ed03ULL);
  splitmix64(s);
  return splitmix64(s);
}

class xoshiro256 : public core::xoshiro256 {
 public:
  using core::xoshiro256::xoshiro256;
  // Uniform in [0, n); the modulo bias (< n / 2^64) is irrelevant here and keeps it portable.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  int between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // True with probability per_mille / 1000.
  bool chance(int per_mille) { return below(1000) < static_cast<std::uint64_t>(per_mille); }
};

// A keyed bijection of [0, n) for n <= 2^40: a 4-round balanced Feistel network over the
// smallest even number of bits covering n, with cycle walking back into range. Used so that
// the "random" digits of generated ID numbers are unique by construction.
inline std::uint64_t permute(std::uint64_t key, std::uint64_t n, std::uint64_t x) {
  int bits = 2;
  while ((std::uint64_t{1} << bits) < n) bits += 2;
  const int half = bits / 2;
  const std::uint64_t mask = (std::uint64_t{1} << half) - 1;
  do {
    std::uint64_t l = x >> half, r = x & mask;
    for (std::uint64_t round = 0; round < 4; ++round) {
      const std::uint64_t f = mix(key + round, r) & mask;
      const std::uint64_t nl = r;
      r = l ^ f;
      l = nl;
    }
    x = (l << half) | r;
  } while (x >= n);
  return x;
}

}  // namespace sim::world::detail
