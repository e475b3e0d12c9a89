// Copyright dyad authors. Feature extraction shared by tagger training and inference.
//
// Every feature is a 64-bit key: a template number mixed with a hash of its
// value. Word-level values (lower-cased word, affixes, shape, WordNet classes)
// are hashed once per token into WordFeatures; per-position features then only
// mix numbers, so extraction does no allocation and reads each word once.
#ifndef DYAD_TAGGER_FEATURES_H_
#define DYAD_TAGGER_FEATURES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/lexicon.h"

namespace dyad::tagger {

// Per-token hashed values.
enum WordSlot : int {
  kLower,
  kCased,
  kSuf1,
  kSuf2,
  kSuf3,
  kSuf4,
  kPre1,
  kPre2,
  kPre3,
  kShape,
  kFlags,
  kClasses,
  kAmbiguity,
  kWordSlotCount,
};

// Feature templates. Changing these changes the model format version.
inline constexpr int kMaxFeatures = 40;

// A feature's key: the template number and the value's 64-bit hash, mixed by
// one multiply and an xor-shift (a bijection of value ^ salt, so distinct
// values of a template never share a key; the hash table's index bits, 17 and
// up, depend on every bit of the value). Format 3; formats 1-2 used the
// three-multiply splitmix64 finaliser, a sixth of the tagger's instructions.
inline std::uint64_t FeatureKey(std::uint64_t templ, std::uint64_t value) {
  std::uint64_t k = (value ^ (templ * 0xD6E8FEB86659FD93ull)) * 0x9E3779B97F4A7C15ull;
  k ^= k >> 29;
  return k == 0 ? 1 : k;  // 0 marks an empty hash-table slot
}

// A pair of values (a, b) and (b, a) get different keys.
inline std::uint64_t FeatureKey2(std::uint64_t templ, std::uint64_t a, std::uint64_t b) {
  return FeatureKey(templ, (a * 0xBF58476D1CE4E5B9ull) ^ b);
}

// A frozen map from word hashes (never 0) to non-zero 64-bit values, with open
// addressing. Holds the ambiguity classes (hash of the lower-cased word -> the
// set of XPOS tags it was seen with in training, bit i = Xpos i) and the tag
// dictionary (hash of the exact form -> 1 + class).
class WordTable {
 public:
  // `words` strictly ascending; masks[i] belongs to words[i].
  void Build(const std::vector<std::uint64_t>& words, const std::vector<std::uint64_t>& masks);
  // 0 when the word is not in the table.
  std::uint64_t Find(std::uint64_t word_hash) const {
    if (slots_.empty()) return 0;
    std::uint64_t i = Index(word_hash);
    while (true) {
      const auto& s = slots_[i];
      if (s.first == word_hash) return s.second;
      if (s.first == 0) return 0;
      i = (i + 1) & mask_;
    }
  }
  // Brings the word's first slot into the cache (before a Find).
  void Prefetch(std::uint64_t word_hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Index(word_hash)]);
  }
  std::size_t size() const { return size_; }

 private:
  // FNV-1a hashes of short words differ little in their middle bits: the
  // index takes the high bits of a multiply (keeps probe chains short).
  std::uint64_t Index(std::uint64_t word_hash) const {
    return ((word_hash * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> slots_;
  std::uint64_t mask_ = 0;
  std::size_t size_ = 0;
};

// Hash of the lower-cased word, as stored in WordTable (never 0).
std::uint64_t WordHash(std::string_view word);

// Hash of the exact word form, as in the kCased word slot and the tag
// dictionary (never 0).
std::uint64_t CasedWordHash(std::string_view word);

// A direct-mapped cache of Lexicon::Classes by lower-cased word hash
// (slots.size() a power of two; a slot with first == 0 is empty). It only saves
// the lexicon's work: kClasses is the same with or without it.
struct ClassesCache {
  std::pair<std::uint64_t, std::uint64_t>* slots = nullptr;
  std::uint64_t mask = 0;
};

// WordNet classes stored in the ambiguity table (model flag
// kFlagClassesInModel): bits kClassesShift and up of a word's value are 1 +
// its classes; 0 there (or no entry) means none. The XPOS set is the rest.
inline constexpr int kClassesShift = 56;
inline constexpr std::uint64_t kXposSetBits = (std::uint64_t{1} << kClassesShift) - 1;

// How ComputeWordFeatures reads the ambiguity table's values.
enum class TableClasses : std::uint8_t {
  kNone,      // XPOS sets only; kClasses from `lexicon` (0 without one)
  kSeparate,  // kAmbiguity = the XPOS set, kClasses = 1 + the stored classes
  kFolded,    // kAmbiguity = the whole value (XPOS set and classes), kClasses 0
};

// Fills wf[i * kWordSlotCount + slot] for every word. `lexicon` may be null
// (kClasses is then 0 for all words, unless `table` gives them);
// `ambiguity` and `cache` may be null.
void ComputeWordFeatures(std::span<const std::string_view> words, const Lexicon* lexicon,
                         const WordTable* ambiguity, std::uint64_t* wf,
                         const ClassesCache* cache = nullptr,
                         TableClasses table = TableClasses::kNone);

// Writes the keys of the features of word i (given the classes predicted for
// words i-1 and i-2, or kStartClass/kStartClass+1 before the sentence start)
// into keys; returns their number (<= kMaxFeatures).
inline constexpr std::uint32_t kStartClass = 0xFFF0;
int TokenFeatures(const std::uint64_t* wf, std::size_t n, std::size_t i, std::uint32_t prev1,
                  std::uint32_t prev2, bool use_classes, std::uint64_t* keys);

// The same features split for inference: those that do not depend on the
// predicted classes (computed for many words ahead), and those that do. Their
// union is exactly TokenFeatures' set.
inline constexpr int kMaxDynamicFeatures = 8;
int StaticFeatures(const std::uint64_t* wf, std::size_t n, std::size_t i, bool use_classes,
                   std::uint64_t* keys);
int DynamicFeatures(const std::uint64_t* wf, std::size_t n, std::size_t i, std::uint32_t prev1,
                    std::uint32_t prev2, std::uint64_t* keys);

}  // namespace dyad::tagger

#endif  // DYAD_TAGGER_FEATURES_H_
