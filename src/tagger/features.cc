// Copyright dyad authors.
#include "tagger/features.h"

#include <algorithm>

namespace dyad::tagger {
namespace {

constexpr std::uint64_t kFnvOffset = 0xCBF29CE484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001B3ull;

inline unsigned char Lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}

inline std::uint64_t HashLower(const unsigned char* p, std::size_t n, std::uint64_t seed) {
  std::uint64_t h = kFnvOffset ^ seed;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ Lower(p[i])) * kFnvPrime;
  return h;
}

inline unsigned char ShapeChar(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c >= 0x80) return 'u';
  return c;
}

// Values for words outside the sentence.
constexpr std::uint64_t kStartWord = 0x5354415254ull;  // "START"
constexpr std::uint64_t kEndWord = 0x454E44ull;        // "END"

// Template numbers.
enum Template : std::uint64_t {
  kBias = 1,
  kWord,
  kSuffix1,
  kSuffix2,
  kSuffix3,
  kSuffix4,
  kPrefix1,
  kPrefix2,
  kPrefix3,
  kShapeT,
  kFlagsT,
  kFirstShape,
  kPrev1,
  kPrev2,
  kPrev12,
  kPrev1Word,
  kWordM1,
  kSuf3M1,
  kWordM2,
  kWordP1,
  kSuf3P1,
  kWordP2,
  kClassesT,
  kClassesP1,
  kBigramM1,
  kBigramP1,
  kPrev1Suf3,
  kFlagsM1,
  kFlagsP1,
  kCasedT,
  kPrev1P1,
  kAmb,
  kAmbP1,
  kAmbP2,
  kAmbM1,
  kPrev1Amb,
  kAmbAmbP1,
};

}  // namespace

void WordTable::Build(const std::vector<std::uint64_t>& words,
                      const std::vector<std::uint64_t>& masks) {
  std::size_t cap = 16;
  while (cap < words.size() * 2) cap <<= 1;
  slots_.assign(cap, {0, 0});
  mask_ = cap - 1;
  size_ = words.size();
  for (std::size_t w = 0; w < words.size(); ++w) {
    std::uint64_t i = Index(words[w]);
    while (slots_[i].first != 0) i = (i + 1) & mask_;
    slots_[i] = {words[w], masks[w]};
  }
}

std::uint64_t WordHash(std::string_view word) {
  std::uint64_t h = HashLower(reinterpret_cast<const unsigned char*>(word.data()), word.size(), 0);
  return h == 0 ? 1 : h;
}

std::uint64_t CasedWordHash(std::string_view word) {
  std::uint64_t h = kFnvOffset;
  for (char c : word) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return h == 0 ? 1 : h;
}

namespace {

// 1 + the word's WordNet classes, through the cache when there is one.
std::uint64_t WordClassesValue(std::string_view word, std::uint64_t lower_hash,
                               const Lexicon& lexicon, const ClassesCache* cache) {
  if (cache == nullptr) return 1 + static_cast<std::uint64_t>(lexicon.Classes(word));
  auto& slot = cache->slots[((lower_hash * 0x9E3779B97F4A7C15ull) >> 32) & cache->mask];
  if (slot.first != lower_hash) {
    slot = {lower_hash, 1 + static_cast<std::uint64_t>(lexicon.Classes(word))};
  }
  return slot.second;
}

}  // namespace

void ComputeWordFeatures(std::span<const std::string_view> words, const Lexicon* lexicon,
                         const WordTable* ambiguity, std::uint64_t* wf, const ClassesCache* cache,
                         TableClasses table) {
  // The words' hashes first, their table slots prefetched: a model that stores
  // its words' WordNet classes has a table of ~30,000 words, past the L1/L2 caches.
  for (std::size_t i = 0; i < words.size(); ++i) {
    wf[i * kWordSlotCount + kLower] = WordHash(words[i]);
    if (ambiguity != nullptr) ambiguity->Prefetch(wf[i * kWordSlotCount + kLower]);
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto* p = reinterpret_cast<const unsigned char*>(words[i].data());
    std::size_t n = words[i].size();
    std::uint64_t* out = wf + i * kWordSlotCount;
    const std::uint64_t amb = ambiguity != nullptr ? ambiguity->Find(out[kLower]) : 0;
    out[kAmbiguity] = table == TableClasses::kSeparate ? amb & kXposSetBits : amb;
    out[kCased] = CasedWordHash(words[i]);
    // Affixes of up to four bytes are their lower-cased bytes packed into an
    // integer (exact, no hashing): the last k bytes of the suffix value are
    // suffix k; a word shorter than k has itself as its suffix k, as before.
    std::uint64_t suffix = 0, prefix = 0;
    for (std::size_t j = n > 4 ? n - 4 : 0; j < n; ++j) suffix = (suffix << 8) | Lower(p[j]);
    for (std::size_t j = 0; j < 3 && j < n; ++j) prefix |= std::uint64_t{Lower(p[j])} << (8 * j);
    out[kSuf1] = suffix & 0xFF;
    out[kSuf2] = suffix & 0xFFFF;
    out[kSuf3] = suffix & 0xFFFFFF;
    out[kSuf4] = suffix;
    out[kPre1] = prefix & 0xFF;
    out[kPre2] = prefix & 0xFFFF;
    out[kPre3] = prefix;
    // Shape: X/x/d/u per byte, runs of the same class cut to two.
    std::uint64_t shape = kFnvOffset;
    unsigned char last = 0;
    int run = 0;
    bool hyphen = false, digit = false, upper = false, lower = false, period = false;
    for (std::size_t j = 0; j < n; ++j) {
      unsigned char s = ShapeChar(p[j]);
      hyphen |= p[j] == '-';
      period |= p[j] == '.';
      digit |= s == 'd';
      upper |= s == 'X';
      lower |= s == 'x';
      run = (s == last) ? run + 1 : 1;
      last = s;
      if (run <= 2) shape = (shape ^ s) * kFnvPrime;
    }
    out[kShape] = shape;
    std::uint64_t len = n < 3 ? n : (n < 6 ? 3 : (n < 10 ? 4 : 5));
    bool init_cap = n > 0 && p[0] >= 'A' && p[0] <= 'Z';
    out[kFlags] = (hyphen ? 1u : 0u) | (digit ? 2u : 0u) | (upper && !lower ? 4u : 0u) |
                  (init_cap ? 8u : 0u) | (period ? 16u : 0u) | (len << 5);
    if (table == TableClasses::kSeparate) {
      out[kClasses] = std::max<std::uint64_t>(amb >> kClassesShift, 1);
    } else {
      out[kClasses] =
          lexicon != nullptr ? WordClassesValue(words[i], out[kLower], *lexicon, cache) : 0;
    }
  }
}

int StaticFeatures(const std::uint64_t* wf, std::size_t n, std::size_t i, bool use_classes,
                   std::uint64_t* keys) {
  const std::uint64_t* w = wf + i * kWordSlotCount;
  const std::uint64_t* m1 = i >= 1 ? w - kWordSlotCount : nullptr;
  const std::uint64_t* m2 = i >= 2 ? w - 2 * kWordSlotCount : nullptr;
  const std::uint64_t* p1 = i + 1 < n ? w + kWordSlotCount : nullptr;
  const std::uint64_t* p2 = i + 2 < n ? w + 2 * kWordSlotCount : nullptr;
  int k = 0;
  keys[k++] = FeatureKey(kBias, 0);
  keys[k++] = FeatureKey(kWord, w[kLower]);
  keys[k++] = FeatureKey(kSuffix1, w[kSuf1]);
  keys[k++] = FeatureKey(kSuffix2, w[kSuf2]);
  keys[k++] = FeatureKey(kSuffix3, w[kSuf3]);
  keys[k++] = FeatureKey(kSuffix4, w[kSuf4]);
  keys[k++] = FeatureKey(kPrefix1, w[kPre1]);
  keys[k++] = FeatureKey(kPrefix2, w[kPre2]);
  keys[k++] = FeatureKey(kPrefix3, w[kPre3]);
  keys[k++] = FeatureKey(kShapeT, w[kShape]);
  keys[k++] = FeatureKey(kFlagsT, w[kFlags]);
  keys[k++] = FeatureKey2(kFirstShape, w[kShape], i == 0 ? 1 : 0);
  keys[k++] = FeatureKey(kWordM1, m1 ? m1[kLower] : kStartWord);
  keys[k++] = FeatureKey(kSuf3M1, m1 ? m1[kSuf3] : kStartWord);
  keys[k++] = FeatureKey(kWordM2, m2 ? m2[kLower] : kStartWord);
  keys[k++] = FeatureKey(kWordP1, p1 ? p1[kLower] : kEndWord);
  keys[k++] = FeatureKey(kSuf3P1, p1 ? p1[kSuf3] : kEndWord);
  keys[k++] = FeatureKey(kWordP2, p2 ? p2[kLower] : kEndWord);
  keys[k++] = FeatureKey2(kBigramM1, m1 ? m1[kLower] : kStartWord, w[kLower]);
  keys[k++] = FeatureKey2(kBigramP1, w[kLower], p1 ? p1[kLower] : kEndWord);
  keys[k++] = FeatureKey(kFlagsM1, m1 ? m1[kFlags] : kStartWord);
  keys[k++] = FeatureKey(kFlagsP1, p1 ? p1[kFlags] : kEndWord);
  keys[k++] = FeatureKey(kCasedT, w[kCased]);
  keys[k++] = FeatureKey(kAmb, w[kAmbiguity]);
  keys[k++] = FeatureKey(kAmbP1, p1 ? p1[kAmbiguity] : kEndWord);
  keys[k++] = FeatureKey(kAmbP2, p2 ? p2[kAmbiguity] : kEndWord);
  keys[k++] = FeatureKey(kAmbM1, m1 ? m1[kAmbiguity] : kStartWord);
  keys[k++] = FeatureKey2(kAmbAmbP1, w[kAmbiguity], p1 ? p1[kAmbiguity] : kEndWord);
  if (use_classes) {
    keys[k++] = FeatureKey(kClassesT, w[kClasses]);
    keys[k++] = FeatureKey(kClassesP1, p1 ? p1[kClasses] : kEndWord);
  }
  return k;
}

int DynamicFeatures(const std::uint64_t* wf, std::size_t n, std::size_t i, std::uint32_t prev1,
                    std::uint32_t prev2, std::uint64_t* keys) {
  const std::uint64_t* w = wf + i * kWordSlotCount;
  const std::uint64_t* p1 = i + 1 < n ? w + kWordSlotCount : nullptr;
  int k = 0;
  keys[k++] = FeatureKey(kPrev1, prev1);
  keys[k++] = FeatureKey(kPrev2, prev2);
  keys[k++] = FeatureKey2(kPrev12, prev1, prev2);
  keys[k++] = FeatureKey2(kPrev1Word, prev1, w[kLower]);
  keys[k++] = FeatureKey2(kPrev1Suf3, prev1, w[kSuf3]);
  keys[k++] = FeatureKey2(kPrev1P1, prev1, p1 ? p1[kLower] : kEndWord);
  keys[k++] = FeatureKey2(kPrev1Amb, prev1, w[kAmbiguity]);
  return k;
}

int TokenFeatures(const std::uint64_t* wf, std::size_t n, std::size_t i, std::uint32_t prev1,
                  std::uint32_t prev2, bool use_classes, std::uint64_t* keys) {
  // Training sees exactly what tagging sums: the static and the tag-history features.
  const int k = StaticFeatures(wf, n, i, use_classes, keys);
  return k + DynamicFeatures(wf, n, i, prev1, prev2, keys + k);
}

}  // namespace dyad::tagger
