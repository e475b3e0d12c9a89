// Copyright dyad authors. Internal to the coder stage: a parsed sentence read as
// clauses. Given the dependency tree of one sentence (dyad's own parser, UD
// relations), answers the questions the coder asks of a predicate: who is its
// subject (shared through "and" and "to" chains, never taken from another
// clause), is it passive, who is the "by" agent, what is its object or the
// object of one of its prepositions, and is it background ("after fighting").
//
// Thread-safety: a Clauses object is a read-only view of one sentence; it owns
// nothing and is used by one thread.
#ifndef DYAD_SRC_CODER_CLAUSES_H_
#define DYAD_SRC_CODER_CLAUSES_H_

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/parser.h"
#include "dyad/tagger.h"

namespace dyad::coder {

// The UD relations the coder reads; everything else is kOther.
enum class Rel : std::uint8_t {
  kOther,
  kRoot,
  kNsubj,
  kNsubjPass,
  kObj,
  kIobj,
  kObl,
  kOblAgent,
  kOblTmod,
  kNmod,
  kNmodPoss,
  kConj,
  kXcomp,
  kCcomp,
  kAdvcl,
  kAcl,
  kAclRelcl,
  kCase,
  kAux,
  kAuxPass,
  kCop,
  kMark,
  kAppos,
  kCompound,
  kAmod,
  kFlat,
  kDet,
  kNummod,
  kAdvmod,
  kCc,
};

// "nsubj:pass" -> kNsubjPass; unknown relations -> kOther.
Rel RelFromName(std::string_view name);

// One Rel per relation index of a parser model (Parser::DeprelName order).
std::vector<Rel> RelTable(std::span<const std::string> deprel_names);

inline constexpr std::int32_t kNoWord = -1;

class Clauses {
 public:
  // `arcs`, `words` and `tags` hold one entry per word of the sentence;
  // `rels` maps DepArc::deprel to Rel. All must outlive the view.
  Clauses(std::span<const DepArc> arcs, std::span<const Rel> rels,
          std::span<const std::string_view> words, std::span<const PosTag> tags);

  std::uint32_t size() const { return static_cast<std::uint32_t>(arcs_.size()); }
  Rel rel(std::uint32_t w) const;
  std::int32_t head(std::uint32_t w) const;
  // First child of `w` with relation `r` (kNoWord: none).
  std::int32_t Child(std::uint32_t w, Rel r) const;
  // The preposition or case word of nominal `w` ("in" of "in Mosul"; kNoWord).
  std::int32_t CaseWord(std::uint32_t w) const;

  // The subject of predicate `v`: its own nsubj, else the subject it shares
  // as the second verb of "X attacked and burned", the controlled verb of
  // "X agreed to release" ("urged Y to release": Y), or the noun a relative
  // clause modifies ("troops who entered"). kNoWord when the clause has none.
  std::int32_t Subject(std::uint32_t v) const;
  // "it", "they", "he", "she", "we".
  bool IsPronoun(std::uint32_t w) const;
  // What a pronoun subject stands for, read from the sentence: the subject of
  // the clause that governs the pronoun's clause ("Venezuela says that it will
  // expel" -> Venezuela). kNoWord when the sentence does not say.
  std::int32_t Antecedent(std::uint32_t pronoun) const;
  // Passive: an nsubj:pass or aux:pass child, or a participle modifying a noun
  // ("five men detained on Monday").
  bool Passive(std::uint32_t v) const;
  // The passive's patient: nsubj:pass, or the noun a passive participle modifies.
  std::int32_t PassiveSubject(std::uint32_t v) const;
  // The "by" agent of a passive (obl:agent, or obl/nmod with case "by").
  std::int32_t Agent(std::uint32_t v) const;
  // The direct object, else an indirect object.
  std::int32_t Object(std::uint32_t v) const;
  // The first obl/nmod child of `w` whose case word is one of `preps`.
  std::int32_t PrepObject(std::uint32_t w, std::initializer_list<std::string_view> preps) const;
  // Whether the tree reads `w` as a predicate: not as a nominal argument
  // (subject, object, oblique, noun modifier) nor as a modifier of a noun.
  bool Predicate(std::uint32_t w) const;
  // "after fighting between", "despite attacking": a predicate introduced by a
  // background marker, not an event of its own.
  bool Background(std::uint32_t v) const;
  // Whether `w` lies in the subtree of `top`.
  bool Dominates(std::uint32_t top, std::uint32_t w) const;

 private:
  bool LowerIs(std::uint32_t w, std::initializer_list<std::string_view> set) const;
  bool BePassive(std::uint32_t v) const;

  std::span<const DepArc> arcs_;
  std::span<const Rel> rels_;
  std::span<const std::string_view> words_;
  std::span<const PosTag> tags_;
  bool has_finite_verb_ = false;
};

}  // namespace dyad::coder

#endif  // DYAD_SRC_CODER_CLAUSES_H_
