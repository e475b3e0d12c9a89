// Copyright dyad authors. The arc-eager transition system, its dynamic oracle
// and the feature templates, shared by parser training and inference.
//
// Words are numbered 1..n; 0 is the artificial ROOT, which stays at the bottom
// of the stack. Transition classes: 0 = SHIFT, 1 = REDUCE, 2 + 2l = LEFT-ARC
// with relation l, 3 + 2l = RIGHT-ARC with relation l. RIGHT-ARC from ROOT
// takes the relation "root" and is allowed once per sentence; no other
// transition takes "root".
#ifndef DYAD_PARSER_STATE_H_
#define DYAD_PARSER_STATE_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "dyad/tagger.h"
#include "tagger/features.h"

namespace dyad::parser {

enum Move : std::uint8_t { kShift = 0, kReduce = 1, kLeft = 2, kRight = 3 };

inline constexpr int MoveOf(std::uint32_t cls) {
  return cls < 2 ? static_cast<int>(cls) : 2 + static_cast<int>(cls & 1);
}
inline constexpr std::uint16_t LabelOf(std::uint32_t cls) {
  return static_cast<std::uint16_t>((cls - 2) >> 1);
}
inline constexpr std::uint32_t LeftClass(std::uint32_t label) { return 2 + 2 * label; }
inline constexpr std::uint32_t RightClass(std::uint32_t label) { return 3 + 2 * label; }
inline constexpr std::uint32_t ClassCount(std::size_t labels) {
  return static_cast<std::uint32_t>(2 + 2 * labels);
}

// Feature templates. Changing them changes the model format version.
inline constexpr int kMaxFeatures = 100;

// The parser state (stack, buffer, partial tree) and the per-word values the
// features read. Arrays are indexed by word number (0 = ROOT) and keep their
// capacity between sentences.
struct Workspace {
  int n = 0;
  int sp = 0;  // stack size
  int b = 1;   // first buffer word; n + 1 when the buffer is empty
  bool root_assigned = false;
  std::vector<std::int32_t> stack, head, lc1, lc2, rc1, rc2;
  std::vector<std::uint16_t> label;
  std::vector<std::uint8_t> nl, nr, tag;
  std::vector<Upos> upos;
  std::vector<std::uint64_t> lset, rset, word;
  // Per word: cluster ids + 1 at three levels (PackClusters; 0 = none).
  std::vector<std::uint64_t> clus;
  std::vector<std::int32_t> scores;
  std::uint64_t keys[kMaxFeatures];

  // Starts a sentence: word hashes, their clusters (`clusters` may be empty)
  // and tags of words 1..n.
  void Reset(std::span<const std::string_view> words, std::span<const PosTag> tags,
             const tagger::WordTable& clusters);
  void ResetWithHashes(std::span<const std::uint64_t> hashes, std::span<const PosTag> tags,
                       const tagger::WordTable& clusters);

  bool Terminal() const { return b > n; }
  int S0() const { return stack[sp - 1]; }
  bool Legal(std::uint32_t cls, std::uint16_t root_label) const {
    switch (MoveOf(cls)) {
      case kShift:
        return b <= n;
      case kReduce:
        return sp > 1 && head[S0()] >= 0;
      case kLeft:
        return sp > 1 && b <= n && head[S0()] < 0 && LabelOf(cls) != root_label;
      default: {
        if (b > n) return false;
        const bool from_root = S0() == 0;
        const bool root = LabelOf(cls) == root_label;
        return from_root ? (root && !root_assigned) : !root;
      }
    }
  }
  void Apply(std::uint32_t cls);
  // After the last transition: words left without a head attach to the root
  // word (which is the first headless word if no RIGHT-ARC from ROOT was made)
  // with `punct` for punctuation and `fallback` otherwise.
  void Finish(std::uint16_t root_label, std::uint16_t punct, std::uint16_t fallback);

  // Writes the feature keys of the current state; returns their number.
  int Features();

 private:
  void Grow(int n);
  // Templates of format 2, appended to the keys after the first 79.
  void ClusterFeatures(int s0, int s1, int n0, int n1, std::uint64_t d, std::uint64_t* t, int* k);
  void LabelFeatures(int s0, int s1, int n0, std::uint64_t* t, int* k);
  void AddArc(int h, int d, std::uint16_t l);
};

// Dynamic oracle (Goldberg & Nivre 2012) for the arc-eager system: the number
// of arcs of the gold tree (projective; gold_head[i] for words 1..n, 0 = ROOT)
// that transition `cls` makes unreachable. Call only for legal transitions.
int TransitionCost(const Workspace& ws, std::uint32_t cls, const std::int32_t* gold_head,
                   const std::uint16_t* gold_label);

// Lifts non-projective arcs (shortest first) to the head's head until the
// tree is projective. heads[i] for words 1..n (0 = ROOT); returns the number of
// lifts. The tree must be acyclic.
int Projectivize(std::vector<std::int32_t>* heads);

// True if heads[1..n] form a tree rooted in 0 (every word reaches 0).
bool IsTree(const std::vector<std::int32_t>& heads);

}  // namespace dyad::parser

#endif  // DYAD_PARSER_STATE_H_
