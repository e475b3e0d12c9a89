// Copyright dyad authors. In-memory tagger model and its file format
// (docs/formats/tagger-model.md).
#ifndef DYAD_TAGGER_MODEL_H_
#define DYAD_TAGGER_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/tagger.h"

namespace dyad::tagger {

inline constexpr char kModelMagic[8] = {'D', 'Y', 'A', 'D', 'T', 'A', 'G', 'R'};
// Version 4 added the flags kFlagClassesInModel and kFlagClassesFolded (and
// the WordNet classes in the ambiguity table's top byte they announce); its
// payload is laid out as version 3's, so a version-3 model (whose flags can
// only be kFlagUsesLexicon) is read as it always was.
inline constexpr std::uint32_t kModelVersion = 4;
inline constexpr std::uint32_t kOldestModelVersion = 3;
inline constexpr std::size_t kHeaderSize = 32;
// WordNet classes from a Lexicon at run time (two feature templates).
inline constexpr std::uint32_t kFlagUsesLexicon = 1;
// WordNet classes stored in the model: bits 56-63 of a word's ambiguity-table
// value are 1 + its classes (0: the word is not known to have any), for the
// training words and a news vocabulary; no lexicon at run time. With
// kFlagClassesFolded the classes are part of the ambiguity value that the
// ambiguity templates read (no templates of their own); without it they feed
// the two WordNet templates, as a lexicon would.
inline constexpr std::uint32_t kFlagClassesInModel = 2;
inline constexpr std::uint32_t kFlagClassesFolded = 4;
inline constexpr std::uint32_t kKnownFlags =
    kFlagUsesLexicon | kFlagClassesInModel | kFlagClassesFolded;

// A model as written: classes, and per feature (keys ascending) its non-zero
// quantised weights. Produced by training, read back by Tagger::FromBytes.
struct ModelData {
  std::vector<PosTag> classes;
  bool uses_lexicon = false;
  // WordNet classes stored in amb_masks' top byte (kFlagClassesInModel), and
  // read through the ambiguity templates (kFlagClassesFolded).
  bool classes_in_model = false;
  bool classes_folded = false;
  float scale = 1.0f;  // real weight = quantised weight * scale
  std::string description;
  std::vector<std::uint64_t> keys;
  std::vector<std::uint8_t> counts;       // weights per feature
  std::vector<std::uint8_t> entry_class;  // per weight
  std::vector<std::int16_t> entry_weight;
  // Ambiguity classes: lower-cased word hashes (ascending) and XPOS bit sets
  // (bits 0-55; bits 56-63 as kFlagClassesInModel says).
  std::vector<std::uint64_t> amb_words;
  std::vector<std::uint64_t> amb_masks;
  // Tag dictionary: hashes of exact word forms (CasedWordHash, ascending) that
  // were frequent and nearly always had one class in training, and that class.
  // The tagger gives these words their class without scoring them.
  std::vector<std::uint64_t> dict_words;
  std::vector<std::uint8_t> dict_classes;
};

// Training quantises weights to at most this magnitude, so that any
// kMaxFeatures (40) of them add up within int16 and the tagger can sum its
// dense weight rows 16 classes per instruction. (The format allows any int16
// weight; larger ones are summed in int32.)
inline constexpr int kMaxQuantizedWeight = 32767 / 40;

// CRC-32 (IEEE 802.3, the zlib/PNG polynomial).
std::uint32_t Crc32(std::string_view bytes);

std::string SerializeModel(const ModelData& m);

}  // namespace dyad::tagger

#endif  // DYAD_TAGGER_MODEL_H_
