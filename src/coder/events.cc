// Copyright dyad authors. Steps 5c and 6 of coding a sentence: events. A
// verb's source and target widen to their compound groups ("A and B met":
// each with the other); an event with a side missing passes a one-sided gate
// or is dropped; each source x target member gives an event. Events written
// as nouns are read from the tree after the verbs.
#include <cctype>
#include <string>
#include <vector>

#include "steps.h"

namespace dyad::coder {
namespace {

// The coded members of the compound group of unit `u` (none for kNoUnit).
std::vector<std::int32_t> GroupMembers(const SentenceView& s, std::int32_t u) {
  const auto& units = s.sc.units;
  std::vector<std::int32_t> m;
  if (u == kNoUnit) return m;
  std::uint32_t g = units[u].group;
  for (std::size_t k = 0; k < units.size(); ++k)
    if (units[k].group == g && !units[k].code.empty()) m.push_back(static_cast<std::int32_t>(k));
  return m;
}

// Whether the verb has a phrase to act on after it in its clause: a noun,
// pronoun or number, but not a bare time word ("said today").
bool HasObject(const SentenceView& s, std::uint32_t ve, std::uint32_t ce) {
  const auto& W = s.W;
  for (std::uint32_t p = ve; p < ce; ++p) {
    if (s.sc.hidden[p] || IsClausePunct(W[p])) continue;
    bool nominal = s.tagged ? (s.tags[p].upos == Upos::kNoun || s.tags[p].upos == Upos::kPropn ||
                               s.tags[p].upos == Upos::kPron || s.tags[p].upos == Upos::kNum)
                            : std::isalnum(static_cast<unsigned char>(W[p][0])) != 0;
    if (!nominal) continue;
    if (IsBareTimeWord(W[p]) && (p == ve || !IsPreposition(W[p - 1]))) continue;
    return true;
  }
  return false;
}

// Which one-sided events are events: a bare "X said" (010) is not, and
// verbal cooperation (roots 01-06: statements, appeals, intents, meetings)
// needs the actor who speaks or meets ("X is being discussed" is no event);
// material cooperation and every kind of conflict may name only its target
// ("five men were detained").
// Returns why not, or null.
const char* OneSidedWhyNot(std::string_view cameo, bool has_source) {
  if (cameo == "010") return "a bare statement (010) with one side is no event";
  if (has_source || cameo.substr(0, 2) >= "07") return nullptr;
  return "one-sided verbal cooperation (roots 01-06) needs a source";
}

// Meetings, talks, cooperation and agreements: "A and B met" codes A-B and B-A.
bool Reciprocal(std::string_view cameo) {
  return cameo.starts_with("04") || cameo == "057" || cameo.starts_with("06");
}

// Whether an event already coded has its predicate at document token `token`.
bool VerbCoded(const SentenceCoding& out, std::uint32_t token) {
  for (const CodedEvent& e : out.events)
    if (e.verb_first_token <= token && token < e.verb_end_token) return true;
  return false;
}

// Whether event noun `noun` belongs to a predicate that already coded an
// event: the object of "held a protest", the subject of "an explosion
// killed", or anything a coded verb governs ("claimed responsibility for the
// attack", "optimistic about talks with").
bool InCodedPhrase(const Clauses& cl, const SentenceCoding& out, std::uint32_t t0,
                   std::uint32_t noun) {
  for (std::int32_t h = cl.head(noun); h != kNoWord; h = cl.head(static_cast<std::uint32_t>(h)))
    if (VerbCoded(out, t0 + static_cast<std::uint32_t>(h))) return true;
  return false;
}

// One-sided events from the tree: the side the clause states.
const char* TreeOneSidedGate(const SentenceView& s, const VerbReading& r) {
  if (s.options.require_dyad) return "one-sided and require_dyad is on";
  if (r.sources.empty() && r.targets.empty()) return "no source or target found";
  return OneSidedWhyNot(r.code->text, !r.sources.empty());
}

// One-sided events (require_dyad off) as PETRARCH codes them: only from a
// verb that acts on something ("said on Saturday" yes, "said today" no), and
// not from a later verb of a clause that already coded an event, or of a
// subordinate clause after it ("restored ties with B (,) after crowds burned
// its embassy").
const char* PositionalOneSidedGate(const SentenceView& s, const VerbLoop& loop,
                                   const VerbReading& r) {
  if (s.options.require_dyad) return "one-sided and require_dyad is on";
  if (loop.coded_clause == r.cb) return "its clause already coded an event";
  if (loop.coded_clause < r.cb && [&] {
        for (std::uint32_t p = r.cb; p < r.vm->begin; ++p)
          if (IsSubordinator(s.W[p])) return true;
        return false;
      }())
    return "a subordinate clause after a coded one";
  if (r.targets.empty() && !HasObject(s, r.vm->end, r.ce)) return "nothing acted on after it";
  if (r.sources.empty() && r.targets.empty()) return "no source or target found";
  if (const char* why = OneSidedWhyNot(r.code->text, !r.sources.empty())) return why;
  // A source found only behind a preposition ("Shares in Japanese
  // carmakers rallied") is no subject of a one-sided event.
  if (r.targets.empty() && s.sc.units[r.src].after_preposition)
    return "the only source follows a preposition";
  return nullptr;
}

// The source and target of event noun `noun` (entry `e`). Returns why it
// gives no event, or null.
const char* NounArguments(const SentenceView& s, const Clauses& cl, const SentenceCoding& out,
                          std::uint32_t noun, const EventNoun& e, std::int32_t* src,
                          std::int32_t* tgt) {
  if (InCodedPhrase(cl, out, s.t0, noun)) return "inside a phrase a coded verb governs";
  *src = NounAgent(cl, s.sc, noun);
  for (const std::string& prep : e.target_preps) {
    std::int32_t p = cl.PrepObject(noun, {std::string_view(prep)});
    if (p != kNoWord && (*tgt = UnitOfPhrase(cl, s.sc, p)) != kNoUnit) break;
  }
  if (*tgt == *src) *tgt = kNoUnit;
  if (*src == kNoUnit && *tgt == kNoUnit) return "no source or target found";
  if (s.options.require_dyad && (*src == kNoUnit || *tgt == kNoUnit))
    return "one-sided and require_dyad is on";
  return nullptr;
}

}  // namespace

void TraceOutcome(const SentenceView& s, bool with_sides, std::int32_t src, std::int32_t tgt,
                  const char* why, SentenceCoding* out) {
  auto code = [&](std::int32_t u) {
    return u == kNoUnit ? std::string_view("-") : std::string_view(s.sc.units[u].code);
  };
  Append(&out->trace, {"  -> no event: ", why});
  if (with_sides) Append(&out->trace, {" (source ", code(src), ", target ", code(tgt), ")"});
  out->trace += "\n";
}

void ExpandGroups(const SentenceView& s, VerbLoop* loop, VerbReading* r) {
  // The main clause's subject carries over ("X denied that Y ... and accused Z").
  if (std::int32_t subject = r->passive ? r->tgt : r->src;
      subject != kNoUnit && loop->last_subject == kNoUnit)
    loop->last_subject = subject;
  r->sources = GroupMembers(s, r->src);
  r->targets = GroupMembers(s, r->tgt);
  // "Mali's government and Tuareg rebels agreed ... in Algiers": a compound
  // source with only a place after "in" acts on itself, not on the place.
  if (!r->a.compound && r->sources.size() > 1 && r->tgt != kNoUnit && r->a.target == kNoUnit &&
      IsLocativeUnit(s.sc.units[r->tgt], s.W))
    r->targets = r->sources;
  // "A and B met": each with the other (with a tree only for meeting,
  // talks and agreements; "A, B and C have not commented" is no event).
  if (r->tgt == kNoUnit && r->sources.size() > 1 &&
      (!loop->clauses ||
       (Reciprocal(r->code->text) && loop->clauses->Object(r->vm->verb) == kNoWord)))
    r->targets = r->sources;
}

const char* OneSidedGate(const SentenceView& s, const VerbLoop& loop, VerbReading* r) {
  if (!r->sources.empty() && !r->targets.empty()) return nullptr;
  const char* why = loop.clauses ? TreeOneSidedGate(s, *r) : PositionalOneSidedGate(s, loop, *r);
  if (why) return why;
  if (r->sources.empty()) r->sources.push_back(kNoUnit);
  if (r->targets.empty()) r->targets.push_back(kNoUnit);
  return nullptr;
}

void EmitVerbEvents(const SentenceView& s, const VerbReading& r, VerbLoop* loop,
                    SentenceCoding* out) {
  const std::size_t events_before = out->events.size();
  CodedEvent base;
  base.verb_first_token = s.t0 + r.vm->begin;
  base.verb_end_token = s.t0 + r.vm->end;
  base.rule = s.dicts.Where(r.fired ? r.fired->where : r.vm->form->where);
  base.passive = r.passive;
  base.negated = r.negated;
  auto emit = [&](std::int32_t src, std::int32_t tgt, std::string_view cameo) {
    base.cameo = std::string(cameo);
    EmitUnitEvents(s, src, tgt, base, out);
  };
  for (std::int32_t src : r.sources) {
    for (std::int32_t tgt : r.targets) {
      emit(src, tgt, r.code->text);
      if (r.vc.paired != kNone) {
        const Code& pc = s.dicts.code(r.vc.paired);
        if (pc.kind == CodeKind::kNormal) emit(tgt, src, pc.text);
      }
    }
  }
  if (out->events.size() > events_before) loop->coded_clause = r.cb;
}

void EmitUnitEvents(const SentenceView& s, std::int32_t src, std::int32_t tgt,
                    const CodedEvent& base, SentenceCoding* out) {
  static const std::vector<std::string> kNoCode = {std::string()};
  const CoderScratch& sc = s.sc;
  const Unit* su = src == kNoUnit ? nullptr : &sc.units[static_cast<std::size_t>(src)];
  const Unit* tu = tgt == kNoUnit ? nullptr : &sc.units[static_cast<std::size_t>(tgt)];
  for (const std::string& scode : su ? su->codes : kNoCode) {
    for (const std::string& tcode : tu ? tu->codes : kNoCode) {
      if (out->events.size() >= s.options.max_events_per_sentence) return;
      if (su && tu && scode == tcode) continue;
      CodedEvent ev = base;
      if (su) {
        ev.has_source = true;
        ev.source = {s.t0 + su->begin, s.t0 + su->end, scode, su->rule, su->agent_only};
      }
      if (tu) {
        ev.has_target = true;
        ev.target = {s.t0 + tu->begin, s.t0 + tu->end, tcode, tu->rule, tu->agent_only};
      }
      bool repeat = false;
      for (const CodedEvent& e : out->events)
        repeat |= e.cameo == ev.cameo && e.source.code == ev.source.code &&
                  e.target.code == ev.target.code && e.has_source == ev.has_source &&
                  e.has_target == ev.has_target;
      if (!repeat) out->events.push_back(std::move(ev));
    }
  }
}

// Events written as nouns, read from the tree: the noun's agent (NounAgent)
// is the source, the phrase its table row names ("against X", "the arrest of
// X") the target. A noun whose light verb already coded it ("held a protest")
// or that is the subject of a coded verb ("an explosion killed") adds nothing.
void CodeNounEvents(const SentenceView& s, const Clauses& cl, SentenceCoding* out) {
  const CoderScratch& sc = s.sc;
  const EventNouns& nouns = *s.options.nouns;
  const std::uint32_t n = cl.size();
  for (std::uint32_t i = 0; i < n; ++i) {
    if (s.tags[i].upos != Upos::kNoun || sc.unit_at[i] != kNoUnit || sc.hidden[i]) continue;
    if (cl.rel(i) == Rel::kCompound) continue;  // "attack helicopter"
    int words = 1;
    const EventNoun* e = nouns.Find(i > 0 ? sc.dict_words[i - 1].text : std::string_view(),
                                    sc.dict_words[i].text, &words);
    if (!e) continue;
    std::int32_t src = kNoUnit, tgt = kNoUnit;
    const char* why = NounArguments(s, cl, *out, i, *e, &src, &tgt);
    if (s.options.trace) {
      Append(&out->trace,
             {"noun ", s.W[i], " [", nouns.name(), ":", std::to_string(e->line), "]\n"});
      if (why) TraceOutcome(s, src != kNoUnit || tgt != kNoUnit, src, tgt, why, out);
    }
    if (why) continue;
    CodedEvent ev;
    ev.cameo = e->cameo;
    ev.verb_first_token = s.t0 + i + 1 - static_cast<std::uint32_t>(words);
    ev.verb_end_token = s.t0 + i + 1;
    ev.rule = nouns.name() + ":" + std::to_string(e->line);
    EmitUnitEvents(s, src, tgt, ev, out);
  }
}

}  // namespace dyad::coder
