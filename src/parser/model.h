// Copyright dyad authors. In-memory parser model and its file format
// (docs/formats/parser-model.md).
#ifndef DYAD_PARSER_MODEL_H_
#define DYAD_PARSER_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

namespace dyad::parser {

inline constexpr char kModelMagic[8] = {'D', 'Y', 'A', 'D', 'P', 'A', 'R', 'S'};
inline constexpr std::uint32_t kModelVersion = 1;
inline constexpr std::size_t kHeaderSize = 32;
// At most this many relations, so that 2 + 2 * labels classes fit in a byte.
inline constexpr std::size_t kMaxDeprels = 120;

// A model as written: relation names, and per feature (keys ascending) its
// non-zero quantised weights.
struct ModelData {
  std::vector<std::string> deprels;
  float scale = 1.0f;  // real weight = quantised weight * scale
  std::string description;
  std::vector<std::uint64_t> keys;
  std::vector<std::uint8_t> counts;       // weights per feature (1..255)
  std::vector<std::uint8_t> entry_class;  // per weight: the transition class
  std::vector<std::int16_t> entry_weight;
};

std::string SerializeModel(const ModelData& m);

}  // namespace dyad::parser

#endif  // DYAD_PARSER_MODEL_H_
