// Copyright dyad authors. NameFinder's loaded model (shared with training,
// which evaluates each epoch's model through it).
#ifndef DYAD_NAMES_FINDER_H_
#define DYAD_NAMES_FINDER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "dyad/names.h"
#include "names/features.h"
#include "tagger/features.h"

namespace dyad {

struct NameFinder::Impl {
  // A feature's key and its weight row side by side: one cache miss per
  // feature looked up.
  struct Slot {
    std::uint64_t key = 0;  // 0 = empty
    std::int16_t weights[names::kRowStride] = {};
  };
  std::string description;
  std::size_t features = 0;
  std::vector<Slot> slots;
  std::uint64_t mask = 0;
  tagger::WordTable table;
  // Dense word vectors: word -> 1 + row, vec_dim int8 components per row,
  // and their weights, kRowStride per (window position, component).
  tagger::WordTable vec_table;
  int vec_dim = 0;
  std::vector<std::int8_t> vectors;
  std::vector<std::int32_t> dense;
  // Transition scores: row 0 from the sentence start, row p + 1 from label p.
  std::int64_t trans[(names::kLabelCount + 1) * names::kRowStride] = {};

  static Result<std::unique_ptr<Impl>> Build(const names::ModelData& m);

  std::uint64_t Index(std::uint64_t key) const { return (key >> 17) & mask; }
  // The weight row of `key`, or null for a feature the model does not have.
  const std::int16_t* Row(std::uint64_t key) const {
    std::uint64_t j = Index(key);
    while (true) {
      const Slot& s = slots[j];
      if (s.key == key) return s.weights;
      if (s.key == 0) return nullptr;
      j = (j + 1) & mask;
    }
  }
  void Score(const std::uint64_t* keys, int k, std::int32_t* scores) const {
    for (int c = 0; c < names::kRowStride; ++c) scores[c] = 0;
    for (int f = 0; f < k; ++f) __builtin_prefetch(&slots[Index(keys[f])]);
    for (int f = 0; f < k; ++f) {
      const std::int16_t* row = Row(keys[f]);
      if (!row) continue;
      for (int c = 0; c < names::kRowStride; ++c) scores[c] += row[c];
    }
  }
  // Adds the vector features of word i (wf: ComputeWordFeatures) to `scores`.
  void ScoreDense(const std::uint64_t* wf, std::size_t n, std::size_t i,
                  std::int32_t* scores) const;
  // Label scores of word i (wf: ComputeWordFeatures of the n words, caps:
  // AllCapsSentence) into e[0..kRowStride).
  void Emit(const std::uint64_t* wf, std::size_t n, std::size_t i, bool caps,
            std::int64_t* e) const;
  // Labels a sentence again into scratch->labels_ (its first words.size()
  // entries) with new memory values: wf and emit are its word features and
  // label scores from Label, updated here for memory[i] as word i's memory.
  void Relabel(std::span<const std::string_view> words, std::uint64_t* wf, std::int64_t* emit,
               const std::uint8_t* memory, NameScratch* scratch) const;
  // Labels the words into scratch->labels_. The words' document memory
  // features: none (kNone), from scratch->memory_ (kEarlier), or memory[i]
  // (kGiven).
  enum class MemoryMode { kNone, kEarlier, kGiven };
  void Label(std::span<const std::string_view> words, std::span<const PosTag> tags, MemoryMode mode,
             const std::uint8_t* memory, NameScratch* scratch) const;
};

}  // namespace dyad

#endif  // DYAD_NAMES_FINDER_H_
