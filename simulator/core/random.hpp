// sim::core — the project's deterministic random numbers: splitmix64 and xoshiro256**
// (Blackman & Vigna). Written here rather than taken from <random>: the standard distributions
// give different sequences on different standard libraries, and generated worlds, claims, PKIs
// and fault draws must be identical for the same seed everywhere (house style §7). Modules add
// their own bounded draws on top (e.g. sim::world's and sim::synth's detail/random.hpp).
#pragma once

#include <cstdint>

namespace sim::core {

// Advances `state` and returns the next splitmix64 output.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256**, its four words seeded from splitmix64(seed).
class xoshiro256 {
 public:
  explicit xoshiro256(std::uint64_t seed) {
    for (auto& w : s_) w = splitmix64(seed);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace sim::core
