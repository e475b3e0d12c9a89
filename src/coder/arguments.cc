// Copyright dyad authors. Step 5b of coding a sentence: a verb's arguments,
// its source and target. With a tree, they are the predicate's own subject /
// "by" agent and object / passive subject / the preposition it names
// (ReadTreeSides), never a word of another clause; without one, TABARI's
// positional rules find them (FindSubject before the verb, FindObject after
// it, "B was attacked by A" reversed).
#include <algorithm>
#include <string_view>

#include "steps.h"

namespace dyad::coder {
namespace {

// A country and nothing else ("Israeli", "France").
bool IsCountryUnit(const Unit& u) {
  if (u.agent_only || u.codes.empty()) return false;
  for (const std::string& c : u.codes)
    if (c.size() != 3) return false;
  return true;
}

// Source and target of a verb predicate read from the tree; sides a pattern
// placed (`$`, `+`) are kept.
struct TreeSides {
  std::int32_t source = kNoUnit, target = kNoUnit;
  bool passive = false;
  // The clause has a subject / object word, actor or not ("Shares ... rallied":
  // a subject that is no actor leaves the source empty).
  bool has_subject = false, has_object = false;
};

// The target of an active verb from its object: the object itself, a
// preposition of the object ("launched an attack on X", "held talks with X",
// "imposed sanctions on X"), else a preposition of the verb that is not a place.
std::int32_t TreeTarget(const Clauses& cl, const CoderScratch& sc, std::uint32_t verb,
                        std::int32_t object) {
  std::int32_t target = UnitOfPhrase(cl, sc, object);
  if (target == kNoUnit && object != kNoWord)
    target = UnitOfPhrase(cl, sc,
                          cl.PrepObject(static_cast<std::uint32_t>(object),
                                        {"against", "on", "with", "to", "at", "toward"}));
  if (target == kNoUnit) {
    std::int32_t p = cl.PrepObject(
        verb, {"against", "on", "at", "with", "to", "toward", "towards", "into", "from", "for"});
    std::int32_t u = UnitOfPhrase(cl, sc, p);
    if (u != kNoUnit && !IsLocativeUnit(sc.units[static_cast<std::size_t>(u)], sc.words))
      target = u;
  }
  return target;
}

TreeSides ReadTreeSides(const Clauses& cl, const CoderScratch& sc, std::uint32_t verb,
                        const Assigned& pattern) {
  TreeSides t;
  t.passive = cl.Passive(verb);
  if (t.passive) {
    t.source = UnitOfPhrase(cl, sc, cl.Agent(verb));
    t.target = UnitOfPhrase(cl, sc, cl.PassiveSubject(verb));
  } else {
    std::int32_t subject = cl.Subject(verb);
    t.has_subject = subject != kNoWord;
    if (t.has_subject && cl.IsPronoun(static_cast<std::uint32_t>(subject)))
      subject = cl.Antecedent(static_cast<std::uint32_t>(subject));
    t.source = UnitOfPhrase(cl, sc, subject);
    const std::int32_t object = cl.Object(verb);
    t.has_object = object != kNoWord;
    t.target = TreeTarget(cl, sc, verb, object);
  }
  // A side the pattern placed counts when it lies in the predicate's own
  // phrase; the tree's subject and object come first.
  auto own = [&](std::int32_t u) {
    return u != kNoUnit && cl.Dominates(verb, sc.units[static_cast<std::size_t>(u)].begin);
  };
  if (t.source == kNoUnit && own(pattern.source) && pattern.source != t.target)
    t.source = pattern.source;
  if (own(pattern.target) && pattern.target != t.source) t.target = pattern.target;
  if (t.source == t.target) t.target = kNoUnit;
  return t;
}

// Subject of a verb: the nearest coded unit before it that is not the object
// of a preposition; commas are crossed (appositions, asides), conjunctions
// that start a new clause with its own subject are not.
std::int32_t FindSubject(const SentenceView& s, std::uint32_t vb, std::int32_t not_this) {
  const auto& W = s.W;
  const auto& units = s.sc.units;
  std::int32_t fallback = kNoUnit;
  bool comma = false;
  for (std::uint32_t p = vb; p-- > 0;) {
    if (W[p] == ";" || W[p] == ":") break;
    comma |= W[p] == ",";
    // "22 people are killed after a bomb explodes": the verb's clause opens
    // at the conjunction; an aside ("Police, after a chase, arrested") does not.
    if (!comma && fallback == kNoUnit && IsSubordinator(s.sc.dict_words[p].text)) break;
    if (IsConjunction(W[p]) && !s.sc.is_group_join[p]) {
      if (fallback != kNoUnit) break;
      continue;  // "X and later attacked Y": keep looking for X
    }
    std::int32_t u = s.sc.unit_at[p];
    if (u == kNoUnit || units[u].code.empty()) continue;
    p = units[u].begin;  // jump over the unit
    if (not_this != kNoUnit && units[u].code == units[not_this].code) continue;
    // First member of its compound group.
    while (u > 0 && units[u - 1].group == units[u].group) --u;
    if (!units[u].after_preposition) return u;
    if (fallback == kNoUnit) fallback = u;
    p = units[u].begin;
  }
  return fallback;
}

// The first coded unit in [ve, ce) other than the source's code; a bare place
// right after in/at/near ("met in Cairo") is where, not whom: `skip_places`
// passes over it.
std::int32_t FindObject(const SentenceView& s, std::uint32_t ve, std::uint32_t ce,
                        std::int32_t source, bool skip_places) {
  const auto& units = s.sc.units;
  std::string_view src_code =
      source == kNoUnit ? std::string_view() : std::string_view(units[source].code);
  for (std::uint32_t p = ve; p < ce; ++p) {
    std::int32_t u = s.sc.unit_at[p];
    if (u == kNoUnit) continue;
    p = units[u].end - 1;
    if (units[u].code.empty()) continue;
    // "Syria ... Syria" is no pair; "a man shot one person" is.
    if (units[u].code == src_code && !(units[u].agent_only && units[source].agent_only)) continue;
    if (skip_places && IsLocativeUnit(units[u], s.W)) continue;
    return u;
  }
  return kNoUnit;
}

// With a tree: the predicate's own arguments, never another clause's; a word
// the tree reads as a noun or a modifier ("died of a heart attack", "jailed
// activists") is no predicate.
const char* TreeArguments(const SentenceView& s, const Clauses& cl, VerbReading* r) {
  const VerbMatch& vm = *r->vm;
  if (cl.Background(vm.verb)) return "background: a predicate after after/despite/amid";
  if (!cl.Predicate(vm.verb)) return "the tree reads the verb as a noun or a modifier";
  TreeSides sides = ReadTreeSides(cl, s.sc, vm.verb, r->a);
  r->src = sides.source;
  r->tgt = sides.target;
  r->passive = sides.passive;
  // Where the tree names no side (a parse gone wrong on a rare word), the
  // positional rules of the clause fill it: the subject before the verb,
  // the first actor after it that is not a place.
  if (r->src == kNoUnit && !r->passive && !sides.has_subject)
    r->src = FindSubject(s, vm.begin, r->tgt);
  if (r->tgt == kNoUnit && !r->passive) {
    // ... or deeper in the predicate's own phrase ("provided aid to Yemen").
    std::int32_t u = FindObject(s, vm.end, r->ce, r->src, true);
    if (u != kNoUnit && (!sides.has_object || cl.Dominates(vm.verb, s.sc.units[u].begin)))
      r->tgt = u;
  }
  return nullptr;
}

// '%': the compound fills its own side (source before the verb, target after
// it); the other side comes from the default rules, and failing that the
// members act on each other ("Syria and Jordan will meet").
void CompoundArguments(const SentenceView& s, VerbReading* r) {
  std::int32_t u = r->a.source;
  if (s.sc.units[u].begin >= r->vm->end) {
    r->tgt = u;
    r->src = FindSubject(s, r->vm->begin, u);
  } else {
    r->src = u;
    // TABARI: "Syria and Jordan will meet in Cairo" -> SYR JOR, JOR SYR.
    r->tgt = FindObject(s, r->vm->end, r->ce, u, true);
  }
  if (r->src == kNoUnit || r->tgt == kNoUnit) r->src = r->tgt = u;
}

// The coded actor a passive verb (words ending at `ve`, clause ending at `ce`)
// names as its agent, without a tree: "B was attacked by A", "killed by two
// female suicide bombers", or the agent of the harm it happened in ("killed in
// Syrian government airstrikes", an event noun of CoderOptions::nouns).
std::int32_t PassiveAgent(const SentenceView& s, std::uint32_t ve, std::uint32_t ce) {
  const CoderScratch& sc = s.sc;
  const EventNouns* nouns = s.options.nouns.get();
  auto coded_unit_at = [&](std::uint32_t q) -> std::int32_t {
    while (q < ce && sc.unit_at[q] == kNoUnit && IsModifierWord(s, q)) ++q;
    if (q >= ce || sc.unit_at[q] == kNoUnit) return kNoUnit;
    return sc.units[sc.unit_at[q]].code.empty() ? kNoUnit : sc.unit_at[q];
  };
  for (std::uint32_t p = ve; p + 1 < ce; ++p) {
    std::string_view w = sc.dict_words[p].text;
    if (w == "by") return coded_unit_at(p + 1);
    if (!nouns || (w != "in" && w != "during")) continue;
    std::int32_t u = coded_unit_at(p + 1);
    if (u == kNoUnit) continue;
    std::uint32_t e = sc.units[u].end;
    int words = 0;
    const EventNoun* noun =
        e < ce ? nouns->Find(sc.dict_words[e - 1].text, sc.dict_words[e].text, &words) : nullptr;
    if (noun && IsHarm(noun->cameo)) return u;
  }
  return kNoUnit;
}

// Whether the place `u` is where harm was done rather than whom it was done
// to: "a bomb explodes at a market in Pakistan"; "fired shells at Seoul"
// names a target.
bool IsHarmLocative(const SentenceView& s, const Unit& u) {
  if (!IsLocativeUnit(u, s.W)) return false;
  std::uint32_t b = u.begin;
  while (b > 0 && IsDeterminer(s.W[b - 1])) --b;
  return s.W[b - 1] != "at";
}

// The coded unit right after the word `prep` (determiners and modifiers
// between) in words [from, to), or kNoUnit.
std::int32_t UnitAfter(const SentenceView& s, std::string_view prep, std::uint32_t from,
                       std::uint32_t to) {
  for (std::uint32_t p = from; p + 1 < to; ++p) {
    if (s.sc.dict_words[p].text != prep) continue;
    std::uint32_t q = p + 1;
    while (q < to && s.sc.unit_at[q] == kNoUnit && IsModifierWord(s, q)) ++q;
    std::int32_t u = q < to ? s.sc.unit_at[q] : kNoUnit;
    if (u != kNoUnit && !s.sc.units[static_cast<std::size_t>(u)].code.empty()) return u;
  }
  return kNoUnit;
}

// Whether unit `u` stands in a phrase that relates its noun to it ("the
// relationship between Canada and ...", "talks with Iran"): no subject of a
// passive ("The results of a commission on relations with Canada are released").
bool InRelationalPhrase(const SentenceView& s, const Unit& u) {
  std::uint32_t b = u.begin;
  while (b > 0 && IsDeterminer(s.W[b - 1])) --b;
  return b > 0 &&
         IsOneOf(s.sc.dict_words[b - 1].text, {"between", "with", "against", "to", "from", "for",
                                               "about", "on", "over", "into", "toward", "towards"});
}

// Without a tree: the subject before the verb, the object after it; in the
// passive "B was attacked by A" the subject is the target, "by A" the source.
void PositionalArguments(const SentenceView& s, VerbReading* r) {
  const VerbMatch& vm = *r->vm;
  const auto& units = s.sc.units;
  if (r->src == kNoUnit) r->src = FindSubject(s, vm.begin, r->tgt);
  if (r->passive && r->a.source == kNoUnit && r->a.target == kNoUnit) {
    r->tgt = r->src == kNoUnit || InRelationalPhrase(s, units[r->src]) ? kNoUnit : r->src;
    r->src = PassiveAgent(s, vm.end, r->ce);
    // "Two Turkish soldiers are shot dead by a third soldier": an agent
    // coded as its victim is no pair; the victim stands alone.
    if (r->src != kNoUnit && r->tgt != kNoUnit && units[r->src].code == units[r->tgt].code)
      r->src = kNoUnit;
  } else if (r->tgt == kNoUnit) {
    // PETRARCH takes a that-clause's subject as the target too ("Arnor
    // believes Dagolath ... can cope" -> ARN DAG); dyad follows it.
    // Harm is done to someone, not to the place it happened in ("a bomb
    // explodes at a market in Pakistan").
    r->tgt = FindObject(s, vm.end, r->ce, r->src, false);
    if (r->tgt != kNoUnit && IsHarm(r->code->text) && IsHarmLocative(s, units[r->tgt]))
      r->tgt = FindObject(s, units[r->tgt].end, r->ce, r->src, false);
    // "rallied outside parliament ... against the government": whom a protest
    // is against, not where it is held.
    if (r->code->text.starts_with("14"))
      if (std::int32_t u = UnitAfter(s, "against", vm.end, r->ce); u != kNoUnit) r->tgt = u;
  }
  // Harm is done by someone, never by the place it happened in ("a series of
  // bombings in Baghdad kill 33 people").
  if (!r->passive && r->src != kNoUnit && IsHarm(r->code->text) &&
      units[r->src].after_preposition && IsLocativeUnit(units[r->src], s.W))
    r->src = kNoUnit;
}

}  // namespace

std::int32_t SubjectBefore(const SentenceView& s, std::uint32_t vb) {
  return FindSubject(s, vb, kNoUnit);
}

bool IsLocativeUnit(const Unit& x, std::span<const std::string_view> words) {
  if (x.agent_only || x.actor_begin != x.begin || x.actor_end != x.end) return false;
  for (const std::string& c : x.codes)
    if (c.size() != 3) return false;
  std::uint32_t b = x.begin;
  while (b > 0 && IsDeterminer(words[b - 1])) --b;
  return b > 0 &&
         IsOneOf(words[b - 1], {"in", "at", "near", "inside", "outside", "across", "throughout"});
}

// The unit holding the head word, else one in its name parts ("the leader of
// Hamas", "Hamas leader", "Israel's army"); never a modifier such as
// "criminal" of "criminal court", never a word of a clause inside the phrase.
std::int32_t UnitOfPhrase(const Clauses& cl, const CoderScratch& sc, std::int32_t h) {
  if (h == kNoWord) return kNoUnit;
  auto coded = [&](std::int32_t w) {
    std::int32_t u = sc.unit_at[static_cast<std::size_t>(w)];
    return u != kNoUnit && !sc.units[static_cast<std::size_t>(u)].code.empty() ? u : kNoUnit;
  };
  if (std::int32_t u = coded(h); u != kNoUnit) return u;
  // "Israeli airstrikes": a country adjective names the agent of its noun.
  if (std::int32_t a = cl.Child(static_cast<std::uint32_t>(h), Rel::kAmod);
      a != kNoWord && coded(a) != kNoUnit &&
      IsCountryUnit(sc.units[static_cast<std::size_t>(coded(a))]))
    return coded(a);
  for (Rel r : {Rel::kCompound, Rel::kFlat, Rel::kNmodPoss, Rel::kAppos}) {
    std::int32_t c = cl.Child(static_cast<std::uint32_t>(h), r);
    if (c != kNoWord && coded(c) != kNoUnit) return coded(c);
  }
  std::int32_t of = cl.PrepObject(static_cast<std::uint32_t>(h), {"of"});
  return of != kNoWord ? coded(of) : kNoUnit;
}

// Its possessor ("Israel's airstrike"), its "by" phrase, an actor word before
// it ("Israeli airstrike", "police raid"), else the subject of the light verb
// it is the object of ("protesters held a rally").
std::int32_t NounAgent(const Clauses& cl, const CoderScratch& sc, std::uint32_t noun) {
  for (Rel r : {Rel::kNmodPoss, Rel::kCompound, Rel::kAmod}) {
    std::int32_t c = cl.Child(noun, r);
    if (c == kNoWord) continue;
    std::int32_t u = sc.unit_at[static_cast<std::size_t>(c)];
    if (u != kNoUnit && !sc.units[static_cast<std::size_t>(u)].code.empty()) return u;
  }
  if (std::int32_t u = UnitOfPhrase(cl, sc, cl.PrepObject(noun, {"by"})); u != kNoUnit) return u;
  std::int32_t h = cl.head(noun);
  if (h != kNoWord && cl.rel(noun) == Rel::kObj &&
      IsLightVerb(sc.dict_words[static_cast<std::size_t>(h)].text))
    return UnitOfPhrase(cl, sc, cl.Subject(static_cast<std::uint32_t>(h)));
  return kNoUnit;
}

void ReadVoice(const SentenceView& s, VerbReading* r) {
  const VerbMatch& vm = *r->vm;
  std::uint32_t lookback = vm.begin > 4 ? vm.begin - 4 : 0;
  for (std::uint32_t p = std::max(lookback, r->cb); p < vm.begin; ++p) {
    if (IsNegation(s.W[p])) r->negated = true;
  }
  if (s.tagged && s.tags[vm.verb].xpos == Xpos::kVBN) {
    auto be_in = [&](std::uint32_t from, std::uint32_t to) {
      for (std::uint32_t p = from; p < to; ++p)
        if (IsBeForm(s.W[p]) && (s.tags[p].upos == Upos::kAux || s.tags[p].upos == Upos::kVerb))
          return true;
      return false;
    };
    r->passive = be_in(std::max(lookback, r->cb), vm.begin);
    // "was shot and killed": the second participle shares the first's "was".
    if (!r->passive && vm.begin >= 3 && IsOneOf(s.W[vm.begin - 1], {"and", "or"}))
      r->passive = be_in(vm.begin >= 5 ? vm.begin - 5 : 0, vm.begin - 2);
  }
}

const char* FindArguments(const SentenceView& s, const VerbLoop& loop, VerbReading* r) {
  const Assigned& a = r->a;
  r->src = a.source;
  r->tgt = a.target;
  if (loop.clauses && !a.compound) {
    if (const char* why = TreeArguments(s, *loop.clauses, r)) return why;
  } else if (r->src == kNoUnit && loop.last_subject != kNoUnit && !a.compound) {
    // "Azerbaijan denied ... and accused Armenian forces": a verb straight
    // after a clause-joining conjunction shares the previous verb's subject.
    std::uint32_t p = r->vm->begin;
    while (p > 0 && s.tagged && s.tags[p - 1].upos == Upos::kAdv) --p;
    if (p > 0 && IsOneOf(s.W[p - 1], {"and", "but", "or"}) && !s.sc.is_group_join[p - 1])
      r->src = loop.last_subject;
  }
  if (a.compound)
    CompoundArguments(s, r);
  else if (!loop.clauses)
    PositionalArguments(s, r);
  return nullptr;
}

}  // namespace dyad::coder
