// Copyright dyad authors. Internal to the coder stage: the steps by which
// Coder::CodeSentence turns one sentence into events. src/coder/coder.cc
// runs them in this order and reads as the list:
//   1. words and discard phrases                              (coder.cc)
//   2. actors: mentions -> units -> compounds -> codes        (actors.cc)
//   3. clauses: boundaries, comma and parenthesis asides      (predicates.cc)
//   4. predicates: dictionary verb forms read as verbs        (predicates.cc)
//   5. per verb: its pattern (patterns.cc), its arguments     (arguments.cc),
//      the one-sided gate and its events                      (events.cc)
//   6. events written as nouns, from the tree or by position  (events.cc)
// Every step reads the sentence through a SentenceView and keeps its working
// memory in the caller's CoderScratch (no allocation per word).
//
// Thread-safety: the steps are free functions; they write only the scratch,
// the VerbLoop / VerbReading and the SentenceCoding they are given.
#ifndef DYAD_SRC_CODER_STEPS_H_
#define DYAD_SRC_CODER_STEPS_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clauses.h"
#include "common/compass.h"
#include "dyad/coder.h"
#include "dyad/dict.h"

namespace dyad {

// A coded actor unit: an actor, an agent, or an actor composed with agents.
struct Unit {
  std::uint32_t begin = 0, end = 0;  // words [begin, end) of the sentence
  std::string code;                  // display form: codes joined by '/'; empty: null-coded
  std::vector<std::string> codes;    // one per member of a compound code ([FRO/BIL/SAM])
  std::vector<std::pair<std::string_view, bool>> agents;  // agent-only: (code, suffix)
  std::string rule;
  // The dictionary actor inside a composed unit ("United States" in "the
  // United States government"), reported as an entity of its own.
  std::uint32_t actor_begin = 0, actor_end = 0;
  std::string actor_code;
  bool time_bounded = false;
  std::uint32_t group = 0;  // units of one compound ("A, B and C") share a group
  bool agent_only = false;
  bool after_preposition = false;  // object of with/of/to/in/... ("ties with Gondor")
  bool place_word = false;         // a country word of a place ("a Palestinian prison")
  bool victim_count = false;       // "killing at least 35": a harm verb's object
};

struct CoderScratch {
  std::vector<std::string_view> words;
  DictWords dict_words;
  std::vector<Unit> units;
  std::vector<std::int32_t> unit_at;        // word -> unit index or -1
  std::vector<std::uint8_t> boundary;       // word is a clause boundary (comma, and, but ...)
  std::vector<std::uint8_t> verbish;        // word may be a verb (tag VERB, or no tags)
  std::vector<std::uint8_t> is_group_join;  // "and"/"," that joins a compound actor
  std::vector<std::uint8_t> hidden;         // inside a comma-delimited aside
  std::vector<WordId> present;              // vocabulary ids of the sentence, sorted
  // Verb words whose object names no event: a pattern coded [---] ("planning
  // attacks") or the topic of a meeting ("discuss new sanctions against").
  std::vector<std::uint32_t> no_event_object_verbs;
  std::string scratch;
};

namespace coder {

inline constexpr std::int32_t kNoUnit = -1;

// ---- Words ----------------------------------------------------------------

// Appends pieces without temporaries (GCC 12 warns on chains of operator+).
inline void Append(std::string* out, std::initializer_list<std::string_view> parts) {
  for (std::string_view p : parts) out->append(p);
}

// Whether `w`, lower-cased in ASCII, is one of `set` (written in lower case).
inline bool IsOneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set) {
    if (w.size() == s.size()) {
      bool eq = true;
      for (std::size_t i = 0; i < w.size() && eq; ++i) {
        char c = w[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        eq = c == s[i];
      }
      if (eq) return true;
    }
  }
  return false;
}

inline bool IsConjunction(std::string_view w) {
  return IsOneOf(w, {"and", "but", "or", "nor", "while", "whereas"});
}
// A bare time word, which a parser makes a temporal noun phrase rather than
// an object ("said today", "met Saturday").
inline bool IsBareTimeWord(std::string_view w) {
  return IsOneOf(w, {"today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday",
                     "thursday", "friday", "saturday", "sunday", "Monday", "Tuesday", "Wednesday",
                     "Thursday", "Friday", "Saturday", "Sunday"});
}
// Words that open a subordinate (adverbial) clause.
inline bool IsSubordinator(std::string_view w) {
  return IsOneOf(w, {"after", "before", "since", "until", "when", "because", "while", "as",
                     "although", "though", "once", "following", "if", "unless", "whereas"});
}
inline bool IsClausePunct(std::string_view w) {
  return w == "," || w == ";" || w == ":" || w == "(" || w == ")" || w == "--" ||
         w == "\xE2\x80\x94" || w == "\xE2\x80\x93";
}
// A compass word, lower case ("northern", "northeast", "south-west").
inline bool IsCompassWord(std::string_view w) {
  for (std::string_view c : kCompassWords)
    if (w == c) return true;
  return false;
}

inline bool IsPreposition(std::string_view w) {
  return IsOneOf(w,
                 {"with",    "of",   "to",     "in",      "on",      "at",      "from",  "into",
                  "against", "for",  "by",     "toward",  "towards", "over",    "about", "between",
                  "among",   "near", "inside", "outside", "across",  "through", "upon",  "onto"});
}
inline bool IsBeForm(std::string_view w) {
  return IsOneOf(w, {"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "got",
                     "gets", "getting", "gotten"});
}
// Verbs that carry an event noun: "protesters held a rally", "the army
// launched an offensive", "makes a surprise visit to", "the parliament passes
// a no-confidence vote against", "orders the arrest of".
inline bool IsLightVerb(std::string_view lower) {
  return IsOneOf(
      lower,
      {"hold", "held", "holds", "holding", "stage", "staged", "stages", "staging", "launch",
       "launched", "launches", "launching", "carry", "carried", "carries", "carrying", "conduct",
       "conducted", "conducts", "conducting", "mount", "mounted", "mounts", "wage", "waged",
       "wages", "waging", "organize", "organized", "organise", "organised", "lead", "led", "leads",
       "begin", "began", "begins", "start", "started", "starts", "call", "called", "calls",
       "impose", "imposed", "imposes", "pay", "paid", "pays", "file", "filed", "files", "bring",
       "brought", "brings", "make", "made", "makes", "continue", "continued", "resume", "resumed",
       "step", "stepped", "intensify", "intensified", "escalate", "escalated", "announce",
       "announced", "announces", "pass", "passed", "passes", "order", "ordered", "orders",
       // (statements: "reiterated their support for", "expressed solidarity with")
       "express", "expressed", "expresses", "reiterate", "reiterated", "reiterates", "reaffirm",
       "reaffirmed", "reaffirms", "voice", "voiced", "voices", "pledge", "pledged", "pledges"});
}
inline bool IsNegation(std::string_view w) { return IsOneOf(w, {"not", "n't", "never", "no"}); }
inline bool IsDeterminer(std::string_view w) {
  return IsOneOf(w, {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these",
                     "those", "both", "all", "some", "several", "many", "two", "three", "other"});
}

// Harm done to someone: assault, fight, mass violence, arrest (roots 18-20, 171).
inline bool IsHarm(std::string_view cameo) {
  return cameo.starts_with("18") || cameo.starts_with("19") || cameo.starts_with("20") ||
         cameo.starts_with("171");
}

// ---- The sentence every step reads ----------------------------------------

struct SentenceView {
  const Dictionaries& dicts;
  const CoderOptions& options;
  CoderScratch& sc;                        // words, units and marks of this sentence
  const std::vector<std::string_view>& W;  // sc.words
  std::span<const PosTag> tags;            // one per word, or empty
  std::uint32_t n = 0;                     // words
  std::uint32_t t0 = 0;                    // document token of word 0
  bool tagged = false;                     // tags.size() == n
};

// Words that may stand between "by" (or "in") and the actor of a passive:
// determiners, numbers and adjectives ("by two female suicide bombers").
inline bool IsModifierWord(const SentenceView& s, std::uint32_t p) {
  if (IsDeterminer(s.sc.dict_words[p].text)) return true;
  return p < s.tags.size() && (s.tags[p].upos == Upos::kAdj || s.tags[p].upos == Upos::kNum);
}

// Where the phrase of a unit opening at word `b` starts when the modifier
// words before it are counted in ("with the", "members of the").
inline std::uint32_t StartBeforeModifiers(const SentenceView& s, std::uint32_t b) {
  while (b > 0 && s.sc.unit_at[b - 1] == kNoUnit && IsModifierWord(s, b - 1)) --b;
  return b;
}

// ---- 2. Actors (actors.cc) --------------------------------------------------

// A dictionary actor or agent phrase as found, before composition.
struct RawMention {
  std::uint32_t begin, end;
  bool agent;
  bool null_code;
  std::string_view code;  // actor code text, or agent code text
  bool suffix;            // agent: [~X] (true) or [X~]
  std::string rule;
  bool time_bounded = false;
  bool name = false;           // a name from the name finder (code empty)
  std::string_view root = {};  // actor: its dictionary entry's primary phrase
};

// Longest actor or agent phrase at each word, left to right.
void FindMentions(const SentenceView& s, std::int32_t date, std::vector<RawMention>* raws);
// The names of `names` inside the sentence that no dictionary phrase touches,
// inserted in order (coded by their earlier mention's code, or not at all).
void AddNameMentions(const SentenceView& s, std::span<const NameActor> names,
                     std::vector<RawMention>* raws);
// "the Fort Worth, Texas police officer", "Maricopa County, Arizona sheriff":
// whether the comma at word `q` stands between two capitalised names of a
// place, the second followed by a title (a dictionary agent, not "Luhansk
// region"): inside one phrase.
bool CommaInsidePlaceOfTitle(const SentenceView& s, std::uint32_t q);
// After a name no dictionary knows (unit `u`, mentions from `r`): an
// apposition's title codes it ("X, the Secretary General of NATO,");
// returns the first mention after the apposition (`r` when none).
std::size_t CodeByApposition(const SentenceView& s, std::span<const RawMention> raws, std::size_t r,
                             Unit* u);
// sc.units: each actor with its leading and trailing agents ("Libyan police"
// -> LBYCOP), lone agents, null-coded phrases.
void ComposeUnits(const SentenceView& s, std::span<const RawMention> raws);
// Unit::group and sc.is_group_join: "A, B and C", "A as well as B".
void JoinCompounds(const SentenceView& s);
// "lawmakers in Fornost and Gondor" -> FORLEG, GONLEG (one unit per actor).
void DistributeCompoundAgents(const SentenceView& s);
// "its army": the agent takes the nearest actor before it.
void GiveOwnedAgents(const SentenceView& s);
// "the government": a domestic agent takes the sentence's one country.
void GiveDomesticAgents(const SentenceView& s);
// Unit::code, sc.unit_at and Unit::after_preposition.
void IndexUnits(const SentenceView& s);
// SentenceCoding::actors: every unit, and the actor inside a composed one.
void ReportActors(const SentenceView& s, SentenceCoding* out);
void TraceActors(const SentenceView& s, SentenceCoding* out);

// ---- 3, 4. Clauses and predicates (predicates.cc) ---------------------------

// sc.boundary: commas, semicolons and clause-joining conjunctions.
void MarkBoundaries(const SentenceView& s);
// sc.hidden: comma clauses (CoderOptions::comma) and short parentheses are
// set aside: their words are neither boundaries nor actors.
void SetAsides(const SentenceView& s);
// sc.verbish: words the tagger reads as verbs (all words when untagged).
void MarkVerbish(const SentenceView& s);

struct VerbHit {
  VerbMatch m;
  bool used = true;
};
// The dictionary verbs of the sentence that read as verbs, left to right.
void FindVerbs(const SentenceView& s, std::vector<VerbHit>* verbs);
// --explain: each dictionary verb form that is not among `verbs`, and why.
void TraceNonPredicates(const SentenceView& s, std::span<const VerbHit> verbs, SentenceCoding* out);

inline std::uint32_t ClauseBegin(const SentenceView& s, std::uint32_t pos) {
  while (pos > 0 && !s.sc.boundary[pos - 1]) --pos;
  return pos;
}
inline std::uint32_t ClauseEnd(const SentenceView& s, std::uint32_t pos) {
  while (pos < s.n && !s.sc.boundary[pos]) ++pos;
  return pos;
}

// ---- 5. Per verb -------------------------------------------------------------

// What a pattern placed.
struct Assigned {
  std::int32_t source = kNoUnit, target = kNoUnit;
  bool compound = false;  // '%': source and target from one compound group
};

// A verb pattern that names a whole word the sentence lacks cannot match. Each
// pattern's whole words are folded into a 128-bit signature once; a sentence's
// words into another; a pattern whose signature has a bit the sentence's lacks
// is passed over with two AND-NOTs (most of a Phoenix verb's patterns), the
// others are checked word by word.
struct PatternFilter {
  using Signature = std::array<std::uint64_t, 2>;
  static unsigned Bit(WordId id) {
    return static_cast<unsigned>((std::uint64_t{id} * 0x9E3779B97F4A7C15ull) >> 57);
  }
  static void Add(WordId id, Signature* sig) {
    const unsigned b = Bit(id);
    (*sig)[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  explicit PatternFilter(const Dictionaries& dicts);
  std::vector<std::uint32_t> block_first;  // per block, index of its first pattern in sigs
  std::vector<Signature> sigs;             // per pattern, in block order
};

// What the verbs of one sentence share, in order.
struct VerbLoop {
  const Clauses* clauses = nullptr;  // the tree read as clauses; null: not parsed
  PatternFilter::Signature sentence_sig{0, 0};
  std::int32_t last_subject = kNoUnit;  // the main clause's subject carries over
  // Clause start of the last verb that coded an event (one-sided events).
  std::uint32_t coded_clause = std::numeric_limits<std::uint32_t>::max();
  // The last verb read as harm (its code, where it ends, its source), which
  // the closing participles after it may inherit (InheritedHarm).
  VerbCode harm;
  std::uint32_t harm_end = 0;
  std::int32_t harm_source = kNoUnit;
};

// One verb occurrence as it is coded.
struct VerbReading {
  const VerbMatch* vm = nullptr;
  std::uint32_t cb = 0, ce = 0;  // its clause [cb, ce)
  Assigned a;                    // what its pattern placed
  const VerbPattern* fired = nullptr;
  VerbCode vc;
  const Code* code = nullptr;  // the event code (kind kNormal)
  bool negated = false, passive = false;
  // The second participle of a coordinated passive ("was hauled out by
  // British police and promptly taken into custody"): the first one's word,
  // whose patient (and "by" agent) it shares; -1 otherwise.
  std::int32_t first_conjunct = -1;
  std::int32_t src = kNoUnit, tgt = kNoUnit;
  bool sides_read = false;                     // FindArguments ran to the end
  std::vector<std::int32_t> sources, targets;  // members of the src / tgt groups
};

// actors.cc: "kill", "kills", "killed", "killing", and the same of wound and
// injure (lower case).
bool IsHarmVerbForm(std::string_view w);

// events.cc: whether word `p` is a weapon or an act of harm written as a
// noun ("a bomb", "a car bomb explosion", "rocket attacks").
bool IsInstrumentNoun(const SentenceView& s, std::uint32_t p);

// patterns.cc: sc.present and the sentence's signature.
void IndexPresentWords(const SentenceView& s, PatternFilter::Signature* sig);
// The first of the verb's patterns that matches in its clause (r->a holds
// what it placed), or null.
const VerbPattern* MatchVerbPatterns(const SentenceView& s, const PatternFilter& filter,
                                     const VerbLoop& loop, VerbReading* r);

// arguments.cc
// A bare place right after in/at/near ("met in Cairo"): where, not whom.
bool IsLocativeUnit(const Unit& x, std::span<const std::string_view> words);

// The coded unit that is the subject of the verb starting at word `vb`
// (the nearest before it in its clause), or kNoUnit.
std::int32_t SubjectBefore(const SentenceView& s, std::uint32_t vb);
// The coded unit a tree argument headed by word `h` names (kNoUnit: none).
std::int32_t UnitOfPhrase(const Clauses& cl, const CoderScratch& sc, std::int32_t h);
// The actor an event noun's own phrase names as its agent.
std::int32_t NounAgent(const Clauses& cl, const CoderScratch& sc, std::uint32_t noun);
// "Negated" and "passive" from the words before the verb.
void ReadVoice(const SentenceView& s, VerbReading* r);
// r->src, r->tgt (and r->passive with a tree). Returns why the verb is no
// predicate, or null.
const char* FindArguments(const SentenceView& s, const VerbLoop& loop, VerbReading* r);

// events.cc
// Without a tree: an act of harm whose subject is a weapon or an attack
// written as a noun ("a bomb explosion among crowds ... kills", "a suicide
// bombing that killed 14 people") has no source but that noun's own agent
// ("Israeli airstrikes that killed"); drops r->src and returns why, or null.
const char* InstrumentSubject(const SentenceView& s, VerbReading* r);
// Whether a meeting, talks or an agreement (040, 046, 057) between units
// `src` and `tgt` is held "with" the target ("holds talks with the President
// of Russia", "signs an agreement with China"): both sides act, so it is
// coded both ways (not with require_dyad, PETRARCH's one direction).
bool MutualWith(const SentenceView& s, std::string_view cameo, std::int32_t src, std::int32_t tgt);
// r->sources, r->targets from the compound groups; loop->last_subject.
void ExpandGroups(const SentenceView& s, VerbLoop* loop, VerbReading* r);
// Whether an event with a side missing may stand; fills the empty side with
// kNoUnit. Returns why not, or null.
const char* OneSidedGate(const SentenceView& s, const VerbLoop& loop, VerbReading* r);
// Why the verb, though it has its sides, names no event, or null: harm done
// by nature or an accident ("killed in a crash"), a meeting verb with a thing
// as its object ("met its criteria"), a statement (010) to none of its targets.
const char* OtherSense(const SentenceView& s, const VerbLoop& loop, const VerbReading& r);
// Whether a bare "offer" to no actor has a thing as its object ("Audi will
// offer the car"): a sale, which OtherSense codes as no event.
bool OffersAThing(const SentenceView& s, const VerbReading& r);
// "A car bomb exploded ..., killing five policemen and injuring 12
// civilians": a closing participle (after a comma or "and") whose own reading
// is null and whose block codes harm only when an attack or a weapon does it
// ("- &ATTACK * [190]": injure, hit, fire, blow) is done by the harm its
// sentence closes on: the last verb read as harm before it, no finite verb
// between. That verb's code, or null.
const VerbCode* InheritedHarm(const SentenceView& s, const VerbLoop& loop, const VerbReading& r);
// The events of a coded verb; loop->coded_clause.
void EmitVerbEvents(const SentenceView& s, const VerbReading& r, VerbLoop* loop,
                    SentenceCoding* out);
// One event per member code of the source and target units (compound codes
// such as [FRO/BIL]), skipping repeats and events of an actor on itself.
void EmitUnitEvents(const SentenceView& s, std::int32_t src, std::int32_t tgt,
                    const CodedEvent& base, SentenceCoding* out);

// --explain: "  -> no event: <why> (source X, target -)"; the sides when
// `with_sides` (they were read).
void TraceOutcome(const SentenceView& s, bool with_sides, std::int32_t src, std::int32_t tgt,
                  const char* why, SentenceCoding* out);

// ---- 6. Event nouns (events.cc) --------------------------------------------
// The event nouns of the sentence not inside a coded phrase, with the
// source and target their own phrase names.
void CodeNounEvents(const SentenceView& s, const Clauses& cl, SentenceCoding* out);
// The same without a tree (tagged words): the actors next to the noun.
void CodeNounEventsByPosition(const SentenceView& s, SentenceCoding* out);
// The coded unit at word `q` or after the modifier words there, before `ce`
// (arguments.cc), or kNoUnit.
std::int32_t CodedUnitAfterModifiers(const SentenceView& s, std::uint32_t q, std::uint32_t ce);

// ---- under_fire.cc ----------------------------------------------------------

// Whether the noun at word `p` is the attack of "came under (heavy) attack"
// or "were under fire": no verb and no event noun of its own.
bool UnderAttackNoun(const SentenceView& s, std::uint32_t p);
// Attacks reported from the victim's side ("X came under fire from Y", "X
// received machine gun fire from Y"): Y attacks X.
void CodeUnderFire(const SentenceView& s, SentenceCoding* out);

}  // namespace coder
}  // namespace dyad

#endif  // DYAD_SRC_CODER_STEPS_H_
