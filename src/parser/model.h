// Copyright dyad authors. In-memory parser model and its file format
// (docs/formats/parser-model.md).
#ifndef DYAD_PARSER_MODEL_H_
#define DYAD_PARSER_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

namespace dyad::parser {

inline constexpr char kModelMagic[8] = {'D', 'Y', 'A', 'D', 'P', 'A', 'R', 'S'};
// Version 2 added the word-cluster table and the cluster and label templates.
inline constexpr std::uint32_t kModelVersion = 2;
inline constexpr std::size_t kHeaderSize = 32;
// At most this many relations, so that 2 + 2 * labels classes fit in a byte.
inline constexpr std::size_t kMaxDeprels = 120;

// A model as written: relation names, and per feature (keys ascending) its
// non-zero quantised weights.
struct ModelData {
  std::vector<std::string> deprels;
  float scale = 1.0f;  // real weight = quantised weight * scale
  std::string description;
  // Word clusters (`dyad train clusters`, read at training time): lower-cased
  // word hashes (tagger::WordHash, strictly ascending) and their packed
  // cluster ids (PackClusters).
  std::vector<std::uint64_t> words;
  std::vector<std::uint64_t> word_clusters;
  std::vector<std::uint64_t> keys;
  std::vector<std::uint8_t> counts;       // weights per feature (1..255)
  std::vector<std::uint8_t> entry_class;  // per weight: the transition class
  std::vector<std::int16_t> entry_weight;
};

// Cluster ids + 1 (0 = none) at the fine, mid and coarse levels in one value;
// never 0 for a word with a cluster.
inline constexpr std::uint64_t PackClusters(std::uint32_t fine, std::uint32_t mid,
                                            std::uint32_t coarse) {
  return std::uint64_t{fine + 1u} | (std::uint64_t{mid + 1u} << 16) |
         (std::uint64_t{coarse + 1u} << 32);
}

std::string SerializeModel(const ModelData& m);

}  // namespace dyad::parser

#endif  // DYAD_PARSER_MODEL_H_
