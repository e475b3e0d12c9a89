// Copyright dyad authors. Private to the context stage: reading an event's
// place, date and modality from the dependency tree of its sentence
// (docs/formats/context.md, "From the tree").
//
// Every function is linear (or bounded by a small constant times the
// sentence length) and allocates nothing beyond the caller's vectors.
#ifndef DYAD_SRC_CONTEXT_SYNTAX_H_
#define DYAD_SRC_CONTEXT_SYNTAX_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "context/words.h"
#include "dyad/context.h"
#include "dyad/text.h"

namespace dyad {

// The UD relations the context stage tells apart (others: kOther).
enum class Rel : std::uint8_t {
  kOther,
  kRoot,
  kNsubj,
  kNsubjPass,
  kCsubj,
  kObj,
  kIobj,
  kObl,
  kOblTmod,
  kOblNpmod,
  kNmod,
  kNmodPoss,
  kNmodTmod,
  kNmodNpmod,
  kAdvmod,
  kAmod,
  kNummod,
  kCompound,
  kFlat,
  kAppos,
  kCase,
  kMark,
  kAux,
  kCop,
  kDet,
  kCc,
  kConj,
  kXcomp,
  kCcomp,
  kAdvcl,
  kAcl,
  kAclRelcl,
  kParataxis,
};

// Rel of a relation name ("obl:tmod", "acl:relcl", "nmod").
Rel RelOfName(std::string_view name);

// Rel of every relation index of `parser` (DepArc::deprel -> Rel).
std::vector<Rel> RelTable(const Parser& parser);

// One parsed sentence as the context stage reads it.
struct TreeView {
  const Document* doc = nullptr;
  std::uint32_t first = 0, count = 0;  // doc token range of the sentence
  std::span<const DepArc> arcs;        // per sentence token
  std::span<const Rel> rels;           // by DepArc::deprel
  std::span<const std::uint32_t> cls;  // CueClass bits per sentence token
  std::span<const PosTag> tags;        // per sentence token, or empty

  std::string_view Text(std::uint32_t i) const { return doc->TokenText(doc->tokens[first + i]); }
  // Head of token i, or -1 for the root (and for a malformed arc).
  std::int32_t Head(std::uint32_t i) const {
    std::int32_t h = arcs[i].head;
    return h >= 0 && static_cast<std::uint32_t>(h) < count ? h : -1;
  }
  Rel RelOf(std::uint32_t i) const {
    return arcs[i].deprel < rels.size() ? rels[arcs[i].deprel] : Rel::kOther;
  }
};

// The tree of sentence `si` when `trees` holds one for it (every token with a
// head other than kNoHead, heads in range); false otherwise. `cls` and `tags`
// cover the whole document (tags may be empty). Sentences longer than
// `max_tokens` are not read from the tree.
bool MakeTreeView(const Document& doc, std::uint32_t si, const DocumentTrees& trees,
                  std::span<const Rel> rels, std::span<const std::uint32_t> cls,
                  std::span<const PosTag> tags, std::uint32_t max_tokens, TreeView* out);

// The token of [first, end) whose head lies outside the range (the phrase's
// head); the first token when none does (a cycle), -1 for an empty range.
std::int32_t PhraseHead(const TreeView& t, std::uint32_t first, std::uint32_t end);

// The event's clause: the predicate, the light verb of an event noun ("held a
// protest": protest -> held) and the heads of conj/xcomp chains above it, up
// to the clause's own verb. At most 8 tokens.
void PredicateClause(const TreeView& t, std::uint32_t pred, std::vector<std::uint32_t>* clause);

// Adds, for places and dates, the noun a relative-clause predicate describes
// ("Thursday's attacks ... that killed 23") and the conjuncts of clause tokens
// that share their subject ("shoots and kills three people and wounds four
// others in Jonesboro"). Not for modality ("arrested and did not charge").
// At most 16 tokens.
void AddConjuncts(const TreeView& t, std::vector<std::uint32_t>* clause);

// The place role (kRoleLocation, kRoleDestination or kRoleOrigin) of a place
// name on tokens [first, end) when it is the clause's own locative: an
// obl/nmod/advmod phrase of a clause token with case word in/at/near/to/from/…
// ("in the city of Mosul", "north of Baghdad", "off the coast of Somalia"),
// or the object of the clause ("attacked the village of Dwelah"). 0 when the
// name sits inside another phrase ("sanctions over the war in Ukraine").
std::uint32_t OwnPlaceRole(const TreeView& t, std::span<const std::uint32_t> clause,
                           std::uint32_t first, std::uint32_t end);

// Whether a name on tokens [first, end) is a modifier of a noun that is not
// the clause's own token or patient ("the war in Ukraine" when the event is
// "sanctions"): the word-window place rule is then overruled.
bool InsideOtherArgument(const TreeView& t, std::span<const std::uint32_t> clause,
                         std::uint32_t first, std::uint32_t end);

// Whether the date expression on tokens [first, end) modifies the clause
// (obl:tmod "last Tuesday", obl "On 12 March 2019", "in 1948", nmod:poss
// "Thursday's attacks", advmod "yesterday").
bool IsOwnTemporal(const TreeView& t, std::span<const std::uint32_t> clause, std::uint32_t first,
                   std::uint32_t end);

// Modality cues of the predicate's own clause (negation, modal auxiliaries,
// "if") and of the verbs and nouns that govern it through xcomp, ccomp, csubj
// and complement clauses of nouns ("plans to", "denied that", "urged X to",
// "no plans to"), stopping at a reporting verb, a relative or adverbial
// clause and "but"-coordination.
ModalityCues ReadTreeModality(const TreeView& t, std::span<const std::uint32_t> clause);

}  // namespace dyad

#endif  // DYAD_SRC_CONTEXT_SYNTAX_H_
