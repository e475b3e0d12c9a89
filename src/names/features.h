// Copyright dyad authors. Name finder internals shared by training and
// inference: labels, word features, feature templates and the model format.
#ifndef DYAD_NAMES_FEATURES_H_
#define DYAD_NAMES_FEATURES_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/names.h"
#include "tagger/features.h"

namespace dyad::names {

// ---------------------------------------------------------------- labels

// BILOU labels: 0 = O, then for type t (0 PERSON, 1 ORG, 2 PLACE) B = 1 + 4t,
// I = 2 + 4t, L = 3 + 4t, U = 4 + 4t.
inline constexpr int kLabelCount = 13;
inline constexpr int kRowStride = 16;  // weights per feature row (13 used)
enum Part : int { kB = 0, kI = 1, kL = 2, kU = 3 };
inline int LabelOf(int type, Part part) { return 1 + 4 * type + part; }
inline int TypeOf(int label) { return (label - 1) / 4; }
inline Part PartOf(int label) { return static_cast<Part>((label - 1) % 4); }
int TypeIndex(EntityType t);      // kPerson 0, kOrg 1, kPlace 2
EntityType TypeFromIndex(int t);  // the inverse

// Whether `label` may follow `prev` (prev < 0: sentence start), and whether a
// sentence may end after `label`.
bool ValidTransition(int prev, int label);
bool ValidEnd(int label);

// Gold labels for `names` over n words.
void EncodeBilou(std::span<const NameSpan> names, std::size_t n, std::uint8_t* labels);
// Spans from a valid label sequence.
void DecodeBilou(std::span<const std::uint8_t> labels, std::vector<NameSpan>* out);

// ---------------------------------------------------------------- word table

// Values of the model's word table (keyed by tagger::WordHash, the lower-cased
// word): cluster ids + 1 at three granularities (0 = no cluster) and
// gazetteer bits.
inline std::uint64_t PackWordValue(std::uint32_t fine, std::uint32_t mid, std::uint32_t coarse,
                                   std::uint32_t gazetteer) {
  return std::uint64_t{fine} | (std::uint64_t{mid} << 16) | (std::uint64_t{coarse} << 32) |
         (std::uint64_t{gazetteer} << 48);
}
enum GazetteerBit : std::uint32_t {
  kGivenName = 1,     // a given name of a leader or dictionary person
  kSurname = 2,       // the last word of a person's name
  kPlaceWord = 4,     // a one-word place (city, country, region)
  kPlacePart = 8,     // a word of a longer place name
  kOrgWord = 16,      // a word of an institution or group name
  kCountryWord = 32,  // a word of a country name
  // Case profile from the training text (not sentence-initial, not headlines):
  kSeenLower = 64,     // seen lower-case at least twice, at least as often as capitalised
  kSeenCapital = 128,  // seen capitalised at least twice and rarely lower-case
  kOrgHead = 256,      // a head word of organisation names ("ministry", "party", "inc")
  kPlaceHead = 512,    // a head word of place names ("river", "county", "airport")
};

// ---------------------------------------------------------------- features

enum WordSlot : int {
  kLow,    // lower-cased word, digits as 0
  kCased,  // the word as written, digits as 0
  kShape,
  kPre2,
  kPre3,
  kPre4,
  kSuf2,
  kSuf3,
  kSuf4,
  kClFine,
  kClMid,
  kClCoarse,
  kGaz,
  kTag,
  // The capitalised run the word is in (capitalised words, joined by "of",
  // "the", "and", "for", "de", "&" between two of them), 0 outside runs:
  kRunInfo,    // RunInfo(): the word's place in the run and run-level bits
  kRunFirst,   // kLow of the run's first word
  kRunLast,    // kLow of the run's last word
  kRunLastCl,  // kClMid of the run's last word
  kMemory,     // MemoryBit of the word in the document's earlier sentences
  kVec,        // 1 + the word's row in the model's word vectors, 0 = none
  kSlotCount,
};

inline constexpr int kMaxFeatures = 72;

// Fills wf[i * kSlotCount + slot] for every word. `table` (may be empty) is
// the model's word table, `vec_table` (may be empty) its word -> 1 + vector
// row table; `tags` may be empty.
void ComputeWordFeatures(std::span<const std::string_view> words, std::span<const PosTag> tags,
                         const tagger::WordTable& table, const tagger::WordTable& vec_table,
                         std::uint64_t* wf);

// ---------------------------------------------------------------- dense word vectors

// Real-valued features (Turian et al. 2010): the fastText vector of the words
// at -1, 0 and +1, each component q / kVectorUnit with q the stored int8
// (a unit vector x 256, clipped). Their weights are ordinary weight rows,
// keyed by VectorKey(position, component).
inline constexpr int kVectorWindow = 3;  // words -1, 0, +1
inline constexpr int kVectorUnit = 256;
inline constexpr int kMaxVectorDim = 128;
std::uint64_t VectorKey(int position, int component);

// ---------------------------------------------------------------- document memory

// What the earlier sentences of a document said about a word (by its kLow
// hash): the types of the names it was found in, and whether it was written
// capitalised inside a sentence outside any name.
enum MemoryBit : std::uint64_t {
  kMemPerson = 1,
  kMemOrg = 2,
  kMemPlace = 4,
  kMemCapitalOther = 8,
};
void ClearMemory(NameScratch* s);  // both of its memories
std::uint64_t FindMemory(const NameScratch::Memory& m, std::uint64_t low_hash);
inline std::uint64_t FindMemory(const NameScratch& s, std::uint64_t low_hash) {
  return FindMemory(s.memory_, low_hash);
}
// Adds the names found in a sentence to `m`; low[i * stride] is the kLow hash
// of word i.
void RememberSentence(std::span<const std::string_view> words, const std::uint64_t* low,
                      std::size_t stride, std::span<const NameSpan> names, NameScratch::Memory* m);
// The same into s->memory_, with wf from ComputeWordFeatures.
inline void RememberSentence(std::span<const std::string_view> words, const std::uint64_t* wf,
                             std::span<const NameSpan> names, NameScratch* s) {
  RememberSentence(words, wf + kLow, kSlotCount, names, &s->memory_);
}

// Sentence-level context: whether most words are upper case (a headline).
bool AllCapsSentence(std::span<const std::string_view> words);

// Keys of the features of word i that do not depend on the labels.
int StaticFeatures(const std::uint64_t* wf, std::size_t n, std::size_t i, bool caps_sentence,
                   std::uint64_t* keys);
// Key of the transition weights from label `prev` (-1: sentence start); its
// weight row holds the score of each following label.
std::uint64_t TransitionKey(int prev);

// Whether label `label` may follow `prev` + 1 (0: sentence start), as a table.
struct TransitionTable {
  bool allowed[kLabelCount + 1][kLabelCount];
  bool end[kLabelCount];
  // The labels that may precede each label, in label order.
  std::uint8_t preds[kLabelCount][kLabelCount];
  int pred_count[kLabelCount];
};
const TransitionTable& Transitions();

// First-order Viterbi over valid BILOU sequences. `emit` holds kRowStride
// scores per word, `trans` (kLabelCount + 1) rows of kRowStride (row 0: from
// the sentence start, row p + 1: from label p); `delta` and `back` are scratch
// of n * kRowStride. Writes the best valid sequence to labels[0..n).
template <typename T>
void Viterbi(const T* emit, const T* trans, std::size_t n, T* delta, std::uint8_t* back,
             std::uint8_t* labels) {
  if (n == 0) return;
  const TransitionTable& tt = Transitions();
  const T kNever = std::numeric_limits<T>::lowest() / 4;
  for (int c = 0; c < kLabelCount; ++c) delta[c] = tt.allowed[0][c] ? emit[c] + trans[c] : kNever;
  for (std::size_t i = 1; i < n; ++i) {
    const T* prev = delta + (i - 1) * kRowStride;
    T* cur = delta + i * kRowStride;
    const T* e = emit + i * kRowStride;
    std::uint8_t* b = back + i * kRowStride;
    for (int c = 0; c < kLabelCount; ++c) {
      int arg = tt.preds[c][0];
      T best = prev[arg] + trans[(arg + 1) * kRowStride + c];
      for (int j = 1; j < tt.pred_count[c]; ++j) {
        const int p = tt.preds[c][j];
        T v = prev[p] + trans[(p + 1) * kRowStride + c];
        if (v > best) best = v, arg = p;
      }
      cur[c] = best + e[c];
      b[c] = static_cast<std::uint8_t>(arg);
    }
  }
  // Walk back from the best label that may end a sentence.
  const T* last = delta + (n - 1) * kRowStride;
  int arg = -1;
  for (int c = 0; c < kLabelCount; ++c) {
    if (!tt.end[c]) continue;
    if (arg < 0 || last[c] > last[arg]) arg = c;
  }
  for (std::size_t i = n; i-- > 0;) {
    labels[i] = static_cast<std::uint8_t>(arg);
    if (i > 0) arg = back[i * kRowStride + arg];
  }
}

// ---------------------------------------------------------------- model format

inline constexpr char kModelMagic[8] = {'D', 'Y', 'A', 'D', 'N', 'A', 'M', 'E'};
// Version 3: kOrgHead/kPlaceHead bits, the capitalised-run templates and the
// document memory templates; version 4: dense word vectors.
inline constexpr std::uint32_t kModelVersion = 4;
inline constexpr std::size_t kHeaderSize = 32;
inline constexpr char kClusterMagic[8] = {'D', 'Y', 'A', 'D', 'W', 'C', 'L', 'S'};
inline constexpr std::uint32_t kClusterVersion = 1;
inline constexpr char kVectorMagic[8] = {'D', 'Y', 'A', 'D', 'W', 'V', 'E', 'C'};
inline constexpr std::uint32_t kVectorVersion = 1;

struct ModelData {
  float scale = 1.0f;  // real weight = quantised weight * scale
  std::string description;
  std::vector<std::uint64_t> keys;         // ascending
  std::vector<std::int16_t> weights;       // kLabelCount per key
  std::vector<std::uint64_t> words;        // word table keys, ascending
  std::vector<std::uint64_t> word_values;  // PackWordValue
  // Dense word vectors: vec_words ascending (tagger::WordHash), vec_dim int8
  // components per word in `vectors`; vec_dim 0 = none.
  std::uint32_t vec_dim = 0;
  std::vector<std::uint64_t> vec_words;
  std::vector<std::int8_t> vectors;
};

std::string SerializeModel(const ModelData& m);
Status ParseModel(std::string_view bytes, std::string_view name, ModelData* out);

// Word clusters (`dyad train clusters`): lower-cased words and their cluster
// ids at three granularities.
struct ClusterTable {
  std::string description;
  std::vector<std::string> words;
  std::vector<std::uint16_t> fine, mid, coarse;
};
std::string SerializeClusters(const ClusterTable& t);
Status ParseClusters(std::string_view bytes, std::string_view name, ClusterTable* out);

// Word vectors (`dyad train clusters --save-vectors`): lower-cased words and
// their quantised unit vectors (dim int8 components each, a unit vector x 256
// clipped to [-127, 127]).
struct VectorTable {
  std::string description;
  std::uint32_t dim = 0;
  std::vector<std::string> words;
  std::vector<std::int8_t> vectors;  // dim per word
};
std::string SerializeVectors(const VectorTable& t);
Status ParseVectors(std::string_view bytes, std::string_view name, VectorTable* out);

// Header + CRC framing shared by both formats.
std::string Frame(const char magic[8], std::uint32_t version, std::string_view payload);
Status Unframe(std::string_view bytes, std::string_view name, const char magic[8],
               std::uint32_t version, std::string_view* payload);

}  // namespace dyad::names

#endif  // DYAD_NAMES_FEATURES_H_
