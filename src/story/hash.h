// Copyright dyad authors. Fixed, platform-independent 64-bit hashing for the
// story stage: FNV-1a over bytes, finished with the MurmurHash3 fmix64 mixer
// (FNV alone mixes its low bits poorly). Results never depend on the run, the
// platform or the standard library, so ids built on them are reproducible.
#ifndef DYAD_STORY_HASH_H_
#define DYAD_STORY_HASH_H_

#include <cstdint>
#include <string_view>

namespace dyad::story_internal {

inline constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
inline constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

// MurmurHash3's 64-bit finaliser: a bijection with full avalanche.
inline std::uint64_t Mix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Order-dependent combination of a running hash with a new value.
inline std::uint64_t Combine(std::uint64_t h, std::uint64_t v) {
  return Mix64(h * 0x9e3779b97f4a7c15ULL ^ v);
}

inline std::uint64_t HashBytes(std::string_view s, std::uint64_t seed = kFnvOffset) {
  std::uint64_t h = seed;
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return Mix64(h);
}

// SplitMix64: the fixed sequence that seeds the MinHash permutations.
inline std::uint64_t SplitMix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace dyad::story_internal

#endif  // DYAD_STORY_HASH_H_
