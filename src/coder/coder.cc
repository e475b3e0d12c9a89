// Copyright dyad authors. The shallow coder: actors, verbs, patterns,
// source/target, in the manner of TABARI (pattern matching inside clauses,
// default actor search rules) with part-of-speech tags to tell verbs from
// nouns, and with a dependency tree, when there is one, to read each
// predicate's own arguments.
//
// This file is the list of steps (src/coder/steps.h): CodeSentence reads
// how a sentence becomes events top to bottom, CodeVerb how one verb does.
#include "dyad/coder.h"

#include <optional>
#include <string>
#include <vector>

#include "clauses.h"
#include "steps.h"

namespace dyad {

void CoderScratchDeleter::operator()(CoderScratch* s) const { delete s; }
CoderScratchPtr NewCoderScratch() { return CoderScratchPtr(new CoderScratch()); }

namespace {

using coder::kNoUnit;
using coder::SentenceView;
using coder::VerbHit;
using coder::VerbLoop;
using coder::VerbReading;

// Step 1: a sentence-level (or story-level) discard phrase ends coding.
bool FindDiscard(const SentenceView& s, SentenceCoding* out) {
  for (std::uint32_t i = 0; i < s.n; ++i) {
    DiscardMatch dm;
    if (s.dicts.MatchDiscard(s.sc.dict_words, i, &dm)) {
      out->discarded = true;
      out->story_discarded = dm.entry->story;
      out->discard_rule = s.dicts.Where(dm.entry->where);
      if (s.options.trace)
        coder::Append(&out->trace,
                      {dm.entry->story ? "story" : "sentence", " discarded: a discard phrase at \"",
                       s.W[i], "\" [", out->discard_rule, "]\n"});
      return true;
    }
  }
  return false;
}

// A direct question asks whether or why something happens; it reports no
// event ("Why have some Belgian fans boycotted the event?", "What action has
// the State Department taken to investigate these reports?", "Will Iran
// strike back?"): a sentence ending in "?" that opens with a question word or
// an auxiliary (quotes and brackets passed over).
bool IsDirectQuestion(const SentenceView& s) {
  auto quote_or_bracket = [&](std::uint32_t p) {
    return coder::IsOneOf(s.W[p], {"\"", "'", "“", "”", "‘", "’", "(", ")", "``", "''", "[", "]"});
  };
  std::uint32_t last = s.n;
  while (last > 0 && quote_or_bracket(last - 1)) --last;
  if (last == 0 || s.W[last - 1] != "?") return false;
  std::uint32_t first = 0;
  while (first < last && quote_or_bracket(first)) ++first;
  return first < last &&
         coder::IsOneOf(s.W[first], {"why",   "what",  "who",  "whom",  "whose", "how",   "when",
                                     "where", "which", "will", "would", "can",   "could", "should",
                                     "is",    "are",   "was",  "were",  "do",    "does",  "did",
                                     "has",   "have",  "had",  "shall", "may",   "might"});
}

// Chained infinitive: "planning to deport", "agreed to restore": only "to"
// (and adverbs) between verb `vi` and the next; "urged Eriador to respond"
// is not a chain.
bool IsChained(const SentenceView& s, const std::vector<VerbHit>& verbs, std::size_t vi) {
  const VerbMatch& vm = verbs[vi].m;
  if (vi + 1 >= verbs.size() || verbs[vi + 1].m.begin <= vm.end ||
      verbs[vi + 1].m.begin > vm.end + 3)
    return false;
  bool to = false;
  for (std::uint32_t p = vm.end; p < verbs[vi + 1].m.begin; ++p) {
    if (coder::IsOneOf(s.W[p], {"to"}))
      to = true;
    else if (s.sc.unit_at[p] != kNoUnit || !(s.tagged && s.tags[p].upos == Upos::kAdv))
      return false;
  }
  return to;
}

void TraceVerb(const SentenceView& s, const VerbReading& r, const VerbBlock& block, bool chained,
               SentenceCoding* out) {
  coder::Append(&out->trace, {"verb ", s.W[r.vm->verb], " block ", block.name, " clause [",
                              std::to_string(r.cb), ",", std::to_string(r.ce), ") "});
  if (r.fired) {
    coder::Append(&out->trace,
                  {"pattern ", r.fired->text, " [", s.dicts.Where(r.fired->where), "]"});
  } else {
    out->trace += "no pattern";
  }
  out->trace += chained ? " chained\n" : "\n";
}

// Step 5, one verb: its pattern and code, its voice, its arguments, the
// one-sided gate, its events. Returns why it gave no event, or null.
const char* ReadVerb(const SentenceView& s, const coder::PatternFilter& filter,
                     std::vector<VerbHit>* verbs, std::size_t vi, VerbLoop* loop, VerbReading* rp,
                     SentenceCoding* out) {
  const VerbMatch& vm = (*verbs)[vi].m;
  const VerbForm& form = *vm.form;
  const VerbBlock& block = s.dicts.Block(form.block);
  VerbReading& r = *rp;
  r.vm = &vm;
  r.cb = coder::ClauseBegin(s, vm.begin);
  r.ce = coder::ClauseEnd(s, vm.end);
  r.fired = coder::MatchVerbPatterns(s, filter, *loop, &r);
  r.vc = r.fired ? r.fired->code : form.code;
  if (r.vc.code == kNone && !r.fired) r.vc = block.code;
  // Infinitive chains: "is planning to deport", "agreed to restore": the
  // first verb yields to the second unless one of its own patterns matched.
  const bool chained = IsChained(s, *verbs, vi);
  if (s.options.trace) TraceVerb(s, r, block, chained, out);
  if (chained && !r.fired) return "yields to the verb it governs (\"agreed to restore\")";
  if (chained && r.fired) (*verbs)[vi + 1].used = false;
  if (!(*verbs)[vi].used) return "the chained verb before it fired a pattern";
  if (r.vc.code == kNone) return "no event code on its form, pattern or block";
  r.code = &s.dicts.code(r.vc.code);
  const VerbCode* inherited =
      r.code->kind != CodeKind::kNormal && !r.fired ? coder::InheritedHarm(s, *loop, r) : nullptr;
  if (inherited) {
    r.vc = *inherited;
    r.code = &s.dicts.code(r.vc.code);
    if (s.options.trace)
      coder::Append(&out->trace, {"  the harm it closes on: ", r.code->text, "\n"});
  }
  if (r.code->kind != CodeKind::kNormal) {
    if (r.fired) s.sc.no_event_object_verbs.push_back(vm.verb);
    return "a null or complex code ([---], [+++])";
  }
  coder::ReadVoice(s, &r);
  if (const char* why = coder::FindArguments(s, *loop, &r)) return why;
  if (!loop->clauses)
    if (const char* note = coder::InstrumentSubject(s, &r); note && s.options.trace)
      coder::Append(&out->trace, {"  source dropped: ", note, "\n"});
  if (inherited) {
    r.src = loop->harm_source;  // (the doer of that harm)
    if (r.src == kNoUnit && r.tgt == kNoUnit) return "part of the harm before it, on no one named";
  }
  if (coder::IsHarm(r.code->text)) {
    loop->harm = r.vc;
    loop->harm_end = vm.end;
    loop->harm_source = r.src;
  }
  r.sides_read = true;
  coder::ExpandGroups(s, loop, &r);
  if (const char* why = coder::OneSidedGate(s, *loop, &r)) return why;
  if (const char* why = coder::OtherSense(s, *loop, r)) {
    if (coder::IsHarm(r.code->text)) loop->harm = VerbCode{};  // (no harm was done)
    // A thing sold holds its clause as an event would: "is offering 200 mln
    // dlrs of notes yielding 8.86 pct" (no 080 from "yielding").
    if (coder::OffersAThing(s, r)) loop->coded_clause = r.cb;
    return why;
  }
  const std::size_t before = out->events.size();
  coder::EmitVerbEvents(s, r, loop, out);
  if (out->events.size() == before) return "its events repeat ones already coded, or the cap";
  return nullptr;
}

// ReadVerb, and with --explain why the verb gave no event.
void CodeVerb(const SentenceView& s, const coder::PatternFilter& filter,
              std::vector<VerbHit>* verbs, std::size_t vi, VerbLoop* loop, SentenceCoding* out) {
  VerbReading r;
  const char* why = ReadVerb(s, filter, verbs, vi, loop, &r, out);
  if (why && s.options.trace) coder::TraceOutcome(s, r.sides_read, r.src, r.tgt, why, out);
}

}  // namespace

Coder::Coder(const Dictionaries& dicts, CoderOptions options)
    : dicts_(dicts),
      options_(options),
      rels_(coder::RelTable(options_.deprels)),
      filter_(std::make_shared<coder::PatternFilter>(dicts)) {}

bool Coder::HasPredicate(const Document& doc, const Sentence& sent, std::span<const PosTag> tags,
                         CoderScratch* sc) const {
  const std::uint32_t n = sent.token_count;
  sc->words.clear();
  for (std::uint32_t i = 0; i < n; ++i)
    sc->words.push_back(doc.TokenText(doc.tokens[sent.first_token + i]));
  dicts_.Prepare(sc->words, &sc->dict_words);
  bool predicate = false, actor = false;
  for (std::uint32_t i = 0; i < n && !(predicate && actor); ++i) {
    int words = 0;
    VerbMatch vm;
    if (!predicate)
      predicate = (options_.nouns && (tags.size() != n || tags[i].upos == Upos::kNoun) &&
                   options_.nouns->Find({}, sc->dict_words[i].text, &words)) ||
                  ((tags.size() != n || tags[i].upos == Upos::kVerb) &&
                   dicts_.MatchVerb(sc->dict_words, i, &vm));
    ActorMatch am;
    AgentMatch gm;
    if (!actor)
      actor =
          dicts_.MatchActor(sc->dict_words, i, 0, &am) || dicts_.MatchAgent(sc->dict_words, i, &gm);
  }
  return predicate && actor;
}

void Coder::CodeSentence(const Document& doc, const Sentence& sent, std::span<const PosTag> tags,
                         std::int32_t date, CoderScratch* sc, SentenceCoding* out,
                         std::span<const DepArc> tree, std::span<const NameActor> names) const {
  out->Clear();
  const std::uint32_t n = sent.token_count;
  const std::uint32_t t0 = sent.first_token;
  sc->words.clear();
  for (std::uint32_t i = 0; i < n; ++i) sc->words.push_back(doc.TokenText(doc.tokens[t0 + i]));
  dicts_.Prepare(sc->words, &sc->dict_words);
  const SentenceView s{dicts_, options_, *sc, sc->words, tags, n, t0, tags.size() == n};

  // 1. Discards.
  if (FindDiscard(s, out)) return;

  // 2. Actors: mentions (with the name finder's names), composed into units,
  // joined into compounds.
  std::vector<coder::RawMention> raws;  // few per sentence
  coder::FindMentions(s, date, &raws);
  coder::AddNameMentions(s, names, &raws);
  coder::ComposeUnits(s, raws);
  coder::JoinCompounds(s);
  coder::DistributeCompoundAgents(s);
  coder::GiveOwnedAgents(s);
  coder::GiveDomesticAgents(s);
  coder::IndexUnits(s);

  // 3. Clauses: boundaries and the asides set apart.
  coder::MarkBoundaries(s);
  coder::SetAsides(s);
  coder::MarkVerbish(s);
  coder::ReportActors(s, out);
  if (options_.trace) coder::TraceActors(s, out);
  // (The classic TABARI/PETRARCH reading, require_dyad, codes questions too.)
  if (!options_.require_dyad && IsDirectQuestion(s)) {
    if (options_.trace) out->trace += "a direct question: no event\n";
    return;
  }

  // 4. Predicates: the dictionary verbs that read as verbs.
  std::vector<VerbHit> verbs;
  coder::FindVerbs(s, &verbs);
  if (options_.trace) coder::TraceNonPredicates(s, verbs, out);

  // 5. Each verb in turn (CodeVerb), with the tree when there is one.
  std::optional<coder::Clauses> clauses;
  if (tree.size() == n && !rels_.empty() && s.tagged) clauses.emplace(tree, rels_, s.W, tags);
  VerbLoop loop;
  sc->no_event_object_verbs.clear();
  loop.clauses = clauses ? &*clauses : nullptr;
  coder::IndexPresentWords(s, &loop.sentence_sig);
  for (std::size_t vi = 0; vi < verbs.size(); ++vi) CodeVerb(s, *filter_, &verbs, vi, &loop, out);

  // 6. Events written as nouns, from the tree or by position.
  if (clauses && options_.nouns) coder::CodeNounEvents(s, *clauses, out);
  if (!clauses && options_.nouns && s.tagged) coder::CodeNounEventsByPosition(s, out);
  if (options_.nouns && s.tagged) coder::CodeUnderFire(s, out);
}

}  // namespace dyad
