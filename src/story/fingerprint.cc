// Copyright dyad authors. Article fingerprints: normalised words, 5-word
// shingles, MinHash and SimHash (docs/formats/stories.md).
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/story.h"
#include "story/hash.h"

namespace dyad {
namespace {

using story_internal::Combine;
using story_internal::kFnvOffset;
using story_internal::kFnvPrime;
using story_internal::Mix64;
using story_internal::SplitMix64;

// Multiply-shift permutations h_k(x) = (a_k * x + b_k) >> 32 with odd a_k:
// one multiply-add per hash (a family close to 2-universal, which MinHash
// needs), instead of a full mixer per hash.
struct Permutations {
  std::array<std::uint64_t, kMinHashSize> a, b;
  Permutations() {
    std::uint64_t state = 0x5d1e57a7e2b0c0deULL;  // fixed: fingerprints are stable
    for (int k = 0; k < kMinHashSize; ++k) {
      a[k] = SplitMix64(&state) | 1;
      b[k] = SplitMix64(&state);
    }
  }
};

const Permutations& Perms() {
  static const Permutations perms;
  return perms;
}

// Appends the hash of each normalised word of `body` to *words.
void HashWords(std::string_view body, std::vector<std::uint64_t>* words) {
  const auto* p = reinterpret_cast<const unsigned char*>(body.data());
  const std::size_t n = body.size();
  std::uint64_t h = kFnvOffset;
  bool in_word = false;
  auto end_word = [&] {
    if (in_word) words->push_back(Mix64(h));
    h = kFnvOffset;
    in_word = false;
  };
  for (std::size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        h = (h ^ c) * kFnvPrime;
        in_word = true;
      } else if (c >= 'A' && c <= 'Z') {
        h = (h ^ (c | 0x20)) * kFnvPrime;
        in_word = true;
      } else {
        end_word();
      }
      ++i;
      continue;
    }
    // U+00A0 no-break space and U+2000-U+206F (spaces, dashes, curly quotes,
    // ellipsis) separate words, so typographic variants of one text agree.
    if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
      end_word();
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < n && (p[i + 1] == 0x80 || p[i + 1] == 0x81)) {
      end_word();
      i += 3;
      continue;
    }
    h = (h ^ c) * kFnvPrime;  // other non-ASCII bytes belong to words, as is
    in_word = true;
    ++i;
  }
  end_word();
}

}  // namespace

ArticleFingerprint Fingerprint(std::string_view body, int shingle_words) {
  if (shingle_words < 1) shingle_words = 1;
  ArticleFingerprint fp;
  std::vector<std::uint64_t> words;
  words.reserve(body.size() / 6 + 1);
  HashWords(body, &words);

  fp.words = static_cast<std::uint32_t>(std::min<std::size_t>(words.size(), UINT32_MAX));
  std::uint64_t exact = Mix64(words.size());
  for (std::uint64_t w : words) exact = Combine(exact, w);
  fp.exact = exact;

  const std::size_t k = static_cast<std::size_t>(shingle_words);
  if (words.size() < k) {
    fp.minhash.fill(0xffffffffu);
    return fp;
  }
  std::vector<std::uint64_t> shingles;
  shingles.reserve(words.size() - k + 1);
  for (std::size_t i = 0; i + k <= words.size(); ++i) {
    std::uint64_t h = Mix64(k);
    for (std::size_t j = 0; j < k; ++j) h = Combine(h, words[i + j]);
    shingles.push_back(h);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  fp.shingles = static_cast<std::uint32_t>(std::min<std::size_t>(shingles.size(), UINT32_MAX));

  // MinHash: per permutation, the least image of any shingle.
  const Permutations& perms = Perms();
  std::array<std::uint32_t, kMinHashSize> mins;
  mins.fill(0xffffffffu);
  // SimHash: per bit, how many shingles set it; the bit is set in the result
  // when a majority of shingles do.
  std::array<std::uint32_t, 64> ones{};
  for (std::uint64_t s : shingles) {
    for (int j = 0; j < kMinHashSize; ++j) {
      auto v = static_cast<std::uint32_t>((perms.a[j] * s + perms.b[j]) >> 32);
      mins[j] = std::min(mins[j], v);
    }
    for (int bit = 0; bit < 64; ++bit) ones[bit] += static_cast<std::uint32_t>((s >> bit) & 1);
  }
  fp.minhash = mins;
  std::uint64_t sim = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (2ull * ones[bit] > shingles.size()) sim |= 1ull << bit;
  }
  fp.simhash = sim;
  return fp;
}

double EstimateJaccard(const ArticleFingerprint& a, const ArticleFingerprint& b) {
  if (a.shingles == 0 || b.shingles == 0) return a.exact == b.exact ? 1.0 : 0.0;
  int equal = 0;
  for (int j = 0; j < kMinHashSize; ++j) equal += a.minhash[j] == b.minhash[j];
  return static_cast<double>(equal) / kMinHashSize;
}

int SimHashDistance(const ArticleFingerprint& a, const ArticleFingerprint& b) {
  return std::popcount(a.simhash ^ b.simhash);
}

}  // namespace dyad
