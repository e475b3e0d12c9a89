// Copyright dyad authors. Stage `coder`: one sentence + compiled dictionaries ->
// CAMEO events, with TABARI/PETRARCH semantics and no external parser.
//
// Per sentence the coder
//   1. checks the discard list (sentence and whole-story discards);
//   2. finds actor mentions (longest dictionary match, the code valid on the
//      article date) and agents, and composes them: "Libyan police" -> LBYCOP,
//      "rebels in Libya" -> LBYREB, "Gondor's government" -> GONGOV, "MSF
//      Arnor" -> NGOARN; joins "A, B and C" into compound actors;
//   3. finds verbs (dictionary verb forms; with part-of-speech tags, only words
//      tagged as verbs, so "the attack" is not the verb "attack");
//   4. matches each verb's patterns, longest first, inside its clause (commas
//      and conjunctions bound a clause), honouring `_` adjacency, synsets and
//      the actor tokens $ (source) + (target) % (compound) ^ (skip);
//   5. fills source and target by TABARI's default rules where a pattern did
//      not place them, reverses them in the passive voice ("B was attacked by
//      A"), and emits one event per source x target member.
// Every event names the dictionary line that fired (`file:line`).
//
// Thread-safety: a Coder is immutable after Create; CodeSentence is const and
// may run concurrently, each thread with its own CoderScratch.
#ifndef DYAD_CODER_H_
#define DYAD_CODER_H_

#include <compare>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dict.h"
#include "dyad/parser.h"
#include "dyad/status.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

namespace dyad {

namespace coder {
enum class Rel : std::uint8_t;  // a UD relation the coder reads (src/coder/clauses.h)
class Clauses;                  // a parsed sentence read as clauses (src/coder/clauses.h)
struct PatternFilter;           // per verb pattern, the whole words it needs (src/coder/steps.h)
}  // namespace coder

// Which comma-delimited clauses the coder sets aside before reading a
// sentence (TABARI's COMMA command, PETRARCH's comma_* options): a clause is
// set aside when its length in words lies in [min, max]; max == 0 turns that
// kind off. The defaults are PETRARCH's: internal asides of 2-8 words and a
// closing clause of 2-8 words (", a senior official said on Saturday.") are
// set aside, the opening clause never is.
struct CommaClauses {
  std::uint32_t min = 2, max = 8;              // between two commas
  std::uint32_t begin_min = 0, begin_max = 0;  // sentence start to the first comma
  std::uint32_t end_min = 2, end_max = 8;      // last comma to the sentence end
  auto operator<=>(const CommaClauses&) const = default;
};

// Events written as nouns: "held a protest", "clashes broke out", "the arrest
// of X", "charges against X", "an Israeli airstrike on Y". Read from dyad's
// table data/coder/event_nouns.tsv (format: docs/formats/event-nouns.md).
struct EventNoun {
  std::string cameo;                      // "141"
  std::vector<std::string> target_preps;  // "against", "on"; "of": the patient
  std::uint32_t line = 0;                 // line in the table (for the rule field)
  bool light_only = false;  // "light": an event only as a light verb's object ("voiced support")
  // "armed": an event only with a state or an armed actor as a side ("the fight against
  // Tamil guerrillas"; a "takeover fight with TWA" or a "pillow fight" is none).
  bool armed_only = false;
};

class EventNouns {
 public:
  // Reads a table; errors name `name`:line and the field at fault.
  static Result<std::shared_ptr<const EventNouns>> Parse(std::string_view text,
                                                         std::string_view name);
  static Result<std::shared_ptr<const EventNouns>> Load(const std::string& path);

  // The entry for the noun `word` (lower case), or for the two words
  // `previous word` when one is listed ("suicide bombing"; *words = 2).
  const EventNoun* Find(std::string_view previous, std::string_view word, int* words) const;
  const std::string& name() const { return name_; }
  std::size_t size() const { return entries_.size(); }

 private:
  std::string name_;
  std::vector<EventNoun> entries_;
  std::vector<std::pair<std::string, std::uint32_t>> forms_;  // sorted: form -> entry
};

struct CoderOptions {
  // Emit an event only when both a source and a target were found (PETRARCH's
  // require_dyad). When false, a missing side is left empty.
  bool require_dyad = true;
  CommaClauses comma;
  // Upper bound on events from one sentence (bounded work on hostile input).
  std::uint32_t max_events_per_sentence = 16;
  // Words a pattern may skip between two non-adjacent elements.
  std::uint32_t max_pattern_gap = 12;
  // The relation names of the parser model whose trees CodeSentence gets
  // (Parser::DeprelName order). Empty: trees are not read. With them, a
  // parsed sentence is read by clauses: each predicate's source and target
  // are its own subject / "by" agent and object / passive subject / the
  // preposition its pattern names, never a word of another clause, and with
  // require_dyad off an event with one side stated is emitted (a protest, a
  // passive without agent).
  std::vector<std::string> deprels;
  // Events written as nouns, read from the tree (null: none).
  std::shared_ptr<const EventNouns> nouns;
  // Record in SentenceCoding::trace how the sentence was read (actors, verbs,
  // patterns) for `--explain`; off in production runs.
  bool trace = false;
};

// An actor as the coder found it: token range in the sentence and its code.
struct CodedActor {
  std::uint32_t first_token = 0;  // index into Document::tokens
  std::uint32_t end_token = 0;    // one past the last token
  std::string code;               // "USAGOV"; never empty
  std::string rule;               // file:line of the actor (or agent) entry
  bool agent_only = false;        // an agent with no country ("REF" for "migrants")
};

struct CodedEvent {
  CodedActor source, target;
  bool has_source = false, has_target = false;
  std::string cameo;  // "064"; leading zeros kept
  std::uint32_t verb_first_token = 0, verb_end_token = 0;
  std::string rule;      // file:line of the verb form or pattern that fired
  bool passive = false;  // source/target reversed by passive voice
  bool negated = false;  // the verb group is negated ("did not attack")
};

// A person or organisation name the name finder found (document token
// indexes [first_token, end_token)). CodeSentence makes it an actor when no
// dictionary phrase covers it: coded by `code` when set (the code an earlier
// mention of the same entity got: "Interior Minister Ahmed Salem ... Salem
// said"), else by a title unit right before it ("Ugandan presidential
// candidate Kizza Besigye"), else by kUncodedName, so an unknown name stays an
// actor of its own rather than letting a nearby dictionary word stand in.
struct NameActor {
  std::uint32_t first_token = 0, end_token = 0;
  std::uint32_t entity = 0;  // mentions of one real name share it
  std::string code;          // empty: not known from an earlier mention
  // An organisation no dictionary knows, by its head word ("the
  // Anti-Corruption Bureau" -> GOV): a sector code; it then acts as a generic
  // agent ("Nigerian Anti-Corruption Bureau" -> NGAGOV). Empty for persons.
  std::string sector = {};
  // A person the article names somewhere with two words or more: a lone
  // "King" after "Kevin King" is that person, not a king.
  bool full_name = false;
};
// The code of a named actor no dictionary codes (TABARI's "unknown actor").
inline constexpr std::string_view kUncodedName = "---";

// An actor mention (for entity output), coded or not.
struct ActorMentionOut {
  std::uint32_t first_token = 0, end_token = 0;
  std::string code;            // empty for a null-coded dictionary phrase
  std::string rule;            // file:line of the actor (or agent) entry
  bool is_agent_only = false;  // an agent with no country actor ("the police")
  bool time_bounded = false;   // the actor entry has date-restricted codes (roles over time)
};

// Per-thread working memory.
struct CoderScratch;
struct CoderScratchDeleter {
  void operator()(CoderScratch* s) const;
};
using CoderScratchPtr = std::unique_ptr<CoderScratch, CoderScratchDeleter>;
CoderScratchPtr NewCoderScratch();

// What the coder saw in one sentence.
struct SentenceCoding {
  bool discarded = false;        // a sentence-level discard phrase matched
  bool story_discarded = false;  // a story-level discard phrase matched
  std::string discard_rule;      // file:line of the discard entry
  std::vector<ActorMentionOut> actors;
  std::vector<CodedEvent> events;
  std::string trace;  // CoderOptions::trace: one line per decision
  void Clear() {
    trace.clear();
    discarded = story_discarded = false;
    discard_rule.clear();
    actors.clear();
    events.clear();
  }
};

class Coder {
 public:
  // `dicts` must outlive the Coder.
  Coder(const Dictionaries& dicts, CoderOptions options);

  // Codes sentence `s` of `doc`. `tags` holds one tag per token of the
  // sentence (or is empty: then every verb form counts as a verb). `date` is
  // the article date as YYYYMMDD (0: unknown; date-restricted codes then use
  // their defaults). `tree` holds the dependency arc of every token of the
  // sentence (DepArc::head indexes the sentence's tokens), or is empty when the
  // sentence was not parsed; it is read when CoderOptions::deprels names its
  // relations.
  // `names` are the name finder's mentions of the sentence (any order; others
  // are ignored), or empty.
  void CodeSentence(const Document& doc, const Sentence& s, std::span<const PosTag> tags,
                    std::int32_t date, CoderScratch* scratch, SentenceCoding* out,
                    std::span<const DepArc> tree = {}, std::span<const NameActor> names = {}) const;

  // Whether sentence `s` may hold an event: a word that may be a predicate (a
  // dictionary verb form tagged as a verb, any verb form when `tags` is empty,
  // or an event noun) and an actor or agent phrase. The pipeline parses only
  // such sentences.
  bool HasPredicate(const Document& doc, const Sentence& s, std::span<const PosTag> tags,
                    CoderScratch* scratch) const;

  const Dictionaries& dictionaries() const { return dicts_; }

 private:
  const Dictionaries& dicts_;
  CoderOptions options_;
  std::vector<coder::Rel> rels_;  // per relation index of options_.deprels
  std::shared_ptr<const coder::PatternFilter> filter_;
};

}  // namespace dyad

#endif  // DYAD_CODER_H_
