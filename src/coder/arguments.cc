// Copyright dyad authors. Step 5b of coding a sentence: a verb's arguments,
// its source and target. With a tree, they are the predicate's own subject /
// "by" agent and object / passive subject / the preposition it names
// (ReadTreeSides), never a word of another clause; without one, TABARI's
// positional rules find them (FindSubject before the verb, FindObject after
// it, "B was attacked by A" reversed).
#include <algorithm>
#include <cctype>
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

// Whether a form of "be" read as a verb or an auxiliary stands in words [from, to).
bool BeIn(const SentenceView& s, std::uint32_t from, std::uint32_t to) {
  for (std::uint32_t p = from; p < to; ++p)
    if (IsBeForm(s.W[p]) && (s.tags[p].upos == Upos::kAux || s.tags[p].upos == Upos::kVerb))
      return true;
  return false;
}

// Whether the word before `vb` (adverbs and negations aside, not before the
// clause start `cb`) is a form of "be" read as an auxiliary.
bool BeRightBefore(const SentenceView& s, std::uint32_t cb, std::uint32_t vb) {
  std::uint32_t p = vb;
  while (p > cb && (s.tags[p - 1].upos == Upos::kAdv || IsNegation(s.W[p - 1]))) --p;
  return p > cb && IsBeForm(s.W[p - 1]) && s.tags[p - 1].upos == Upos::kAux;
}

// A participle after its noun with a "by" agent and no auxiliary: "an
// unarmed man, Terence Crutcher, shot dead on September 16, by a police
// officer", "troops backed by tanks".
bool ReducedPassive(const SentenceView& s, std::uint32_t cb, const VerbMatch& vm) {
  if (vm.begin == 0 || vm.begin <= cb) return false;
  std::uint32_t b = vm.begin - 1;
  // (", most likely killed by Boko Haram": adverbs before the participle.)
  // (Only after a comma: "a base briefly seized by" keeps the noun's reading.)
  std::uint32_t a = b;
  while (a >= cb && a > 0 && s.tags[a].upos == Upos::kAdv && s.tags[vm.verb].xpos == Xpos::kVBN)
    --a;
  if (a != b && s.W[a] == ",") b = a;
  // (Another verb form, which the tagger gives some participles, only after
  // a comma: "troops attacked them by night" is active.)
  const bool after_noun =
      s.W[b] == "," || (s.tags[vm.verb].xpos == Xpos::kVBN &&
                        (s.sc.unit_at[b] != kNoUnit || s.tags[b].upos == Upos::kNoun ||
                         s.tags[b].upos == Upos::kPropn));
  if (!after_noun) return false;
  // A verb with an object is active ("condemned an attack by Osgiliath soldiers").
  if (vm.end < s.n && (IsDeterminer(s.W[vm.end]) || s.tags[vm.end].upos == Upos::kNoun ||
                       s.tags[vm.end].upos == Upos::kPron))
    return false;
  for (std::uint32_t p = vm.end; p < s.n && p < vm.end + 8; ++p) {
    if (s.sc.dict_words[p].text == "by") return true;
    if (s.tags[p].upos == Upos::kVerb || s.tags[p].upos == Upos::kAux ||
        (s.sc.boundary[p] && s.W[p] != ","))
      return false;
  }
  return false;
}

// Whether unit `u` is the person told of a verb of telling ("told police",
// "informed the court", "assured reporters").
bool AddresseeOfTelling(const SentenceView& s, const Unit& u) {
  const std::uint32_t b = StartBeforeModifiers(s, u.begin);
  return b > 0 && IsOneOf(s.sc.dict_words[b - 1].text,
                          {"told", "tell", "tells", "telling", "informed", "informs", "assured",
                           "assures", "reminded", "reminds", "notified", "notifies"});
}

// The nearest coded unit before verb `vb` that is not the object of a
// preposition; commas are crossed (appositions, asides), conjunctions that
// start a new clause with its own subject are not. A verb pattern that
// reaches across "that" ("NOTED + *") keeps TABARI's reading across it:
// `across_that`.
std::int32_t NearestSubject(const SentenceView& s, std::uint32_t vb, std::int32_t not_this,
                            bool across_that) {
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
    // "officials announce that a former chief ... was shot": the clause of a
    // verb after "that" has its own subject (a relative "that" follows a noun).
    // ("North Korea announces that it has detained": a pronoun stands for the
    // speaker.)
    // ("tells Der Spiegel that militant groups were fighting": after the
    // addressee too, when the tagger reads "that" as a conjunction.)
    if (!across_that && W[p] == "that" && p > 0 && p + 1 < vb && s.tagged &&
        (s.tags[p - 1].upos == Upos::kVerb ||
         (s.tags[p].upos == Upos::kSconj && s.sc.unit_at[p - 1] != kNoUnit)) &&
        !IsOneOf(W[p + 1], {"it", "they", "he", "she", "we"}))
      break;
    if (IsConjunction(W[p]) && !s.sc.is_group_join[p]) {
      if (fallback != kNoUnit) break;
      continue;  // "X and later attacked Y": keep looking for X
    }
    std::int32_t u = s.sc.unit_at[p];
    if (u == kNoUnit || units[u].code.empty()) continue;
    p = units[u].begin;  // jump over the unit
    // "killed two people, injured 20 and damaged crops": a count of victims
    // is the object of its harm verb, never the subject of the next one.
    if (units[u].victim_count) continue;
    // "he told police he supported Trump": the one told is no subject of
    // what was said ("told Israel to stop" still is: its infinitive).
    if (AddresseeOfTelling(s, units[u]) && vb > 0 && W[vb - 1] != "to") break;
    if (not_this != kNoUnit && units[u].code == units[not_this].code) continue;
    // First member of its compound group.
    while (u > 0 && units[u - 1].group == units[u].group) --u;
    if (!units[u].after_preposition) return u;
    if (fallback == kNoUnit) fallback = u;
    p = units[u].begin;
  }
  return fallback;
}

// Whether word `p` is a verb of the tagger's that heads a clause of its own
// (a past or present tense).
bool IsFiniteVerb(const SentenceView& s, std::uint32_t p) {
  const Xpos x = s.tags[p].xpos;
  return s.tags[p].upos == Upos::kVerb && (x == Xpos::kVBD || x == Xpos::kVBZ || x == Xpos::kVBP);
}

// Where the phrase that modifies a noun and holds word `from` opens, or
// `from` when none does: a participle right after its noun ("The leader of a
// rebel group suspected of ... the rape of 300 civilians", "soldiers backed
// by ... military vehicles") or a relative pronoun ("the officer who shot a
// woman"). No other actor, finite verb or comma stands between.
std::uint32_t PostModifierStart(const SentenceView& s, std::uint32_t from) {
  constexpr std::uint32_t kMaxWords = 16;
  for (std::uint32_t p = from; p-- > 0 && from - p <= kMaxWords;) {
    if (s.sc.unit_at[p] != kNoUnit || IsClausePunct(s.W[p])) break;
    if (p == 0) break;
    const std::uint32_t b = p - 1;
    const bool after_noun = s.sc.unit_at[b] != kNoUnit || s.tags[b].upos == Upos::kNoun ||
                            s.tags[b].upos == Upos::kPropn;
    // ("told reporters that the army attacked": the tagger's SCONJ "that"
    // opens what was said, no relative clause on "reporters".)
    const bool complementizer = s.W[p] == "that" && s.tags[p].upos == Upos::kSconj;
    if (after_noun && IsOneOf(s.W[p], {"who", "which", "that"}) && !complementizer) return p;
    const Xpos x = s.tags[p].xpos;
    if (after_noun && s.tags[p].upos == Upos::kVerb && (x == Xpos::kVBN || x == Xpos::kVBG))
      return p;
    if (IsFiniteVerb(s, p)) {
      // "the police officer who shot a woman": the relative clause's own verb.
      const bool relative = p >= 2 && IsOneOf(s.W[p - 1], {"who", "which", "that"}) &&
                            s.tags[p - 1].upos != Upos::kSconj &&
                            (s.sc.unit_at[p - 2] != kNoUnit || s.tags[p - 2].upos == Upos::kNoun);
      return relative ? p - 1 : from;
    }
  }
  return from;
}

// "X attacked Y and burned Z": the verb right after a clause-joining "and"
// shares the subject of the verb before it; the word of that verb, or `vb`.
std::uint32_t CoordinatedVerb(const SentenceView& s, std::uint32_t vb) {
  std::uint32_t p = vb;
  while (p > 0 && s.tags[p - 1].upos == Upos::kAdv) --p;
  if (p == 0 || !IsOneOf(s.W[p - 1], {"and", "but"}) || s.sc.is_group_join[p - 1]) return vb;
  for (std::uint32_t q = p - 1; q-- > 0 && p - q <= 12;) {
    if (IsClausePunct(s.W[q]) || IsConjunction(s.W[q])) return vb;
    if (IsFiniteVerb(s, q)) return q;
  }
  return vb;
}

// "A gunman opens fire at a Baptist church in Sutherland Springs, killing
// 26 people": a closing participle (a present participle right after a
// comma) is done by the subject of the clause it closes, not by the nearest
// actor before it; the word of that clause's finite verb or auxiliary (the
// nearest before the comma: "said its forces had repulsed the attack,
// killing" is the forces'), or `vb`.
std::uint32_t ClosedVerb(const SentenceView& s, std::uint32_t vb) {
  if (vb < 2 || s.tags[vb].xpos != Xpos::kVBG || s.W[vb - 1] != ",") return vb;
  for (std::uint32_t q = vb - 1; q-- > 0;) {
    if (s.W[q] == ";" || s.W[q] == ":") return vb;
    if (s.sc.hidden[q]) continue;  // an aside's verb closes nothing
    const Xpos x = s.tags[q].xpos;
    // (A headline verb the tagger read as a noun: "A man ... shoots/NOUN three
    // police officers, killing two".)
    const bool finite =
        ((s.tags[q].upos == Upos::kVerb || s.tags[q].upos == Upos::kAux) &&
         (x == Xpos::kVBD || x == Xpos::kVBZ || x == Xpos::kVBP || x == Xpos::kMD)) ||
        (s.sc.verbish[q] && s.tags[q].upos == Upos::kNoun);
    if (!finite) continue;
    while (q > 0 && (s.tags[q - 1].upos == Upos::kAux || s.tags[q - 1].upos == Upos::kAdv)) --q;
    return q;
  }
  return vb;
}

// "A market in Harem is reportedly struck by Russian aircraft, killing 35
// people": whether the clause whose verb group opens at `v` (before the comma
// at `comma`) is passive (*passive), and then its "by" agent, the doer of what
// closes it (kNoUnit when it names none: "the embassy was bombed, killing").
std::int32_t ClosedPassiveAgent(const SentenceView& s, std::uint32_t v, std::uint32_t comma,
                                bool* passive) {
  bool be = false;
  for (std::uint32_t p = v; p < comma; ++p) {
    if (IsBeForm(s.W[p]) && s.tags[p].upos == Upos::kAux) {
      be = true;
      continue;
    }
    if (s.tags[p].upos == Upos::kAdv || s.tags[p].upos == Upos::kAux) continue;
    *passive = be && s.tags[p].upos == Upos::kVerb && s.tags[p].xpos == Xpos::kVBN;
    if (!*passive) return kNoUnit;
    for (std::uint32_t q = p + 1; q + 1 < comma; ++q)
      if (s.sc.dict_words[q].text == "by") return CodedUnitAfterModifiers(s, q + 1, comma);
    return kNoUnit;
  }
  return kNoUnit;
}

// "a suicide bombing that killed 14 people": the subject of a verb right
// after a relative "that"/"which" (auxiliaries and adverbs between) is the
// noun before the pronoun; whether that noun is no actor.
// `antecedent`: where that noun stands.
bool RelativeOfNonActor(const SentenceView& s, std::uint32_t vb,
                        std::uint32_t* antecedent = nullptr) {
  if (!s.tagged) return false;
  std::uint32_t p = vb;
  while (p > 0 && (s.tags[p - 1].upos == Upos::kAdv || s.tags[p - 1].upos == Upos::kAux)) --p;
  if (p < 2 || !IsOneOf(s.W[p - 1], {"that", "which"})) return false;
  std::uint32_t h = p - 2;
  if (s.W[h] == "," && h > 0) --h;  // ", which"
  if (antecedent) *antecedent = h;
  return s.sc.unit_at[h] == kNoUnit && s.tags[h].upos == Upos::kNoun;
}

// Where the noun at `noun` begins with the actor its own (an actor right
// before it, modifiers between: "Israeli airstrikes that killed", "the
// army's shelling which"), else `noun`.
std::uint32_t OwnAgentBefore(const SentenceView& s, std::uint32_t noun) {
  std::uint32_t q = noun;
  while (
      q > 0 && s.sc.unit_at[q - 1] == kNoUnit &&
      (s.tags[q - 1].upos == Upos::kAdj || s.tags[q - 1].upos == Upos::kNoun || s.W[q - 1] == "'s"))
    --q;
  if (q == 0 || s.sc.unit_at[q - 1] == kNoUnit) return noun;
  return s.sc.units[static_cast<std::size_t>(s.sc.unit_at[q - 1])].begin;
}

// "A bomb explosion among crowds of Shiite Muslims ... kills 12 people": a
// unit in a prepositional phrase hanging on a noun that is no actor is no
// subject; that noun is. (Not of/from/by, which name whose or who; not
// between/with, which name the sides of an event noun: "Clashes between
// Turkish forces and the Syrian Army take place".)
bool InPhraseOfNonActor(const SentenceView& s, const Unit& u) {
  if (!u.after_preposition) return false;
  std::uint32_t b = u.begin;
  while (b > 0 && s.sc.unit_at[b - 1] == kNoUnit && IsModifierWord(s, b - 1)) --b;
  if (b < 2 || !IsPreposition(s.W[b - 1]) ||
      IsOneOf(s.W[b - 1], {"of", "from", "by", "between", "with"}))
    return false;
  return s.sc.unit_at[b - 2] == kNoUnit && s.tags[b - 2].upos == Upos::kNoun;
}

// Subject of the verb starting at word `vb`: a unit right before a present
// participle ("Ugandan troops attacking in Sudan"); the subject of the verb
// it is coordinated with; else the nearest unit before it (NearestSubject),
// or, when that unit stands in a phrase modifying a noun, the unit of that
// noun ("The leader of a Congolese rebel group suspected of ... the rape of
// 300 civilians is arrested": the leader, not the civilians).
std::int32_t FindSubject(const SentenceView& s, std::uint32_t vb, std::int32_t not_this,
                         bool across_that = false) {
  if (!s.tagged) return NearestSubject(s, vb, not_this, across_that);
  const auto& units = s.sc.units;
  if (vb > 0 && s.tags[vb].xpos == Xpos::kVBG && s.sc.unit_at[vb - 1] != kNoUnit) {
    std::int32_t u = s.sc.unit_at[vb - 1];
    if (!units[u].code.empty() && (not_this == kNoUnit || units[u].code != units[not_this].code))
      return u;
  }
  if (std::uint32_t v = CoordinatedVerb(s, vb); v != vb) return FindSubject(s, v, not_this);
  // (TABARI's reading, kept with require_dyad: the nearest actor.)
  if (std::uint32_t v = s.options.require_dyad ? vb : ClosedVerb(s, vb); v != vb) {
    bool passive = false;
    const std::int32_t agent = ClosedPassiveAgent(s, v, vb - 1, &passive);
    return passive ? agent : FindSubject(s, v, not_this);
  }
  if (RelativeOfNonActor(s, vb)) return kNoUnit;
  std::int32_t u = NearestSubject(s, vb, not_this, across_that);
  if (u == kNoUnit) return u;
  const std::uint32_t m = PostModifierStart(s, units[u].begin);
  if (m != units[u].begin) {
    const std::int32_t head = NearestSubject(s, m, not_this, across_that);
    if (head != kNoUnit) u = head;
  }
  return InPhraseOfNonActor(s, units[u]) ? kNoUnit : u;
}

// "later that day", "last week": a time, not a subject.
bool IsTimeNoun(std::string_view w) {
  return IsBareTimeWord(w) || IsOneOf(w, {"day", "week", "month", "year", "night", "morning",
                                          "afternoon", "evening", "weekend", "time"});
}

// Whether unit `u` is the subject of the verb group opening at word `b`:
// no "that" and no other subject right before an auxiliary stands between
// ("says an officer was injured": the officer's clause, not the speaker's;
// "resigns his position, and later that day is arrested" is his).
bool OwnSubject(const SentenceView& s, const Unit& u, std::uint32_t b) {
  // (Asides between commas are passed over: "Aaron Dean, the police officer
  // who shot a woman during what was intended to be a welfare check, ...".)
  for (std::uint32_t p = b; p-- > u.end;) {
    if (s.W[p] == ",") break;
    const Upos t = s.tags[p].upos;
    if (IsOneOf(s.W[p], {";", ":"}) || (s.W[p] == "that" && t != Upos::kDet) ||
        ((t == Upos::kNoun || t == Upos::kPron || t == Upos::kPropn) &&
         s.tags[p + 1].upos == Upos::kAux && !IsTimeNoun(s.W[p])))
      return false;
  }
  return true;
}

// The word "after", "despite" ... that opens a passive participle phrase
// "after being seized" around the participle at `vb` (adverbs between), or
// kNoWord. ("without being dismissed" did not happen; "fear of being
// extradited", "from being used" name no deed.)
std::int32_t BeingPhraseOpener(const SentenceView& s, std::uint32_t vb) {
  if (!s.tagged || s.tags[vb].xpos != Xpos::kVBN) return kNoWord;
  std::uint32_t p = vb;
  while (p > 0 && s.tags[p - 1].upos == Upos::kAdv) --p;
  if (p < 2 || !IsOneOf(s.W[p - 1], {"being"})) return kNoWord;
  const bool opener = IsOneOf(s.sc.dict_words[p - 2].text, {"after", "before", "despite", "since",
                                                            "while", "upon", "on", "following"});
  return opener ? static_cast<std::int32_t>(p - 2) : kNoWord;
}

// "Dewji is freed nine days after being seized by unknown gunmen",
// "Despite being captured by American forces, Qanbar ...": a passive
// participle phrase after "being" has no subject of its own; its patient is
// the subject of the clause it hangs on: that of the nearest verb before the
// phrase (not after a preposition, nor before another clause), or, when the
// phrase opens the sentence, the actor right after the comma that closes it.
// Where the tagger read no verb before the phrase, the nearest subject.
std::int32_t PatientOfBeingPhrase(const SentenceView& s, std::uint32_t vb) {
  const std::uint32_t opener = static_cast<std::uint32_t>(BeingPhraseOpener(s, vb));
  std::uint32_t v = opener;
  bool words_before = false;
  // ("was injured/ADJ after being struck": an auxiliary stands for its verb.)
  while (v > 0 && s.tags[v - 1].upos != Upos::kVerb && s.tags[v - 1].upos != Upos::kAux) {
    if (IsClausePunct(s.W[v - 1]) || s.W[v - 1] == "that") return kNoUnit;
    words_before |= s.sc.unit_at[v - 1] != kNoUnit || s.tags[v - 1].upos == Upos::kNoun ||
                    s.tags[v - 1].upos == Upos::kPropn;
    --v;
  }
  if (v > 0) {
    std::uint32_t b = v - 1;  // the verb, with its auxiliaries
    while (b > 0 && (s.tags[b - 1].upos == Upos::kAux || s.tags[b - 1].upos == Upos::kAdv ||
                     s.tags[b - 1].upos == Upos::kPart))
      --b;
    const std::int32_t u = FindSubject(s, b, kNoUnit);
    if (u == kNoUnit || s.sc.units[static_cast<std::size_t>(u)].after_preposition) return kNoUnit;
    return OwnSubject(s, s.sc.units[static_cast<std::size_t>(u)], b) ? u : kNoUnit;
  }
  if (words_before) return FindSubject(s, vb, kNoUnit);
  std::uint32_t q = vb + 1;
  while (q < s.n && s.W[q] != "," && s.tags[q].upos != Upos::kAux && s.tags[q].upos != Upos::kVerb)
    ++q;
  if (q >= s.n || s.W[q] != ",") return kNoUnit;
  // (The words after the comma may be set aside as a comma clause.)
  for (std::size_t k = 0; k < s.sc.units.size(); ++k) {
    const Unit& u = s.sc.units[k];
    if (u.begin <= q || u.code.empty()) continue;
    for (std::uint32_t p = q + 1; p < u.begin; ++p)
      if (!IsModifierWord(s, p)) return kNoUnit;
    return static_cast<std::int32_t>(k);
  }
  return kNoUnit;
}

// "the Nicolás Maduro-led Government of Venezuela", "a Hamas-run ministry":
// a unit right before a compound adjective that ends in -led, -backed, -run
// ... modifies the noun after it; it is not the phrase's head.
bool ModifiesWordAfter(const SentenceView& s, const Unit& u) {
  if (u.end >= s.n) return false;
  const std::string_view w = s.W[u.end];
  for (std::string_view end : {"-led", "-backed", "-run", "-funded", "-owned", "-allied",
                               "-controlled", "-held", "-based", "-sponsored", "-supported"})
    if (w.size() > end.size() && w.ends_with(end)) return true;
  return false;
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
    if (units[u].code.empty() || ModifiesWordAfter(s, units[u])) continue;
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

}  // namespace

// The coded unit that begins at word `q` after modifiers, or kNoUnit; a unit
// of a set-aside comma clause counts ("shot dead, allegedly by Indonesian
// army in Intan Jaya,": the aside is the passive's agent).
std::int32_t CodedUnitAfterModifiers(const SentenceView& s, std::uint32_t q, std::uint32_t ce) {
  const CoderScratch& sc = s.sc;
  while (q < ce && sc.unit_at[q] == kNoUnit && IsModifierWord(s, q)) ++q;
  if (q >= ce) return kNoUnit;
  std::int32_t u = sc.unit_at[q];
  if (u == kNoUnit && sc.hidden[q]) {
    for (std::size_t k = 0; k < sc.units.size() && u == kNoUnit; ++k)
      if (sc.units[k].begin == q) u = static_cast<std::int32_t>(k);
  }
  return u != kNoUnit && !sc.units[static_cast<std::size_t>(u)].code.empty() ? u : kNoUnit;
}

namespace {

// The agent in words [ve, ce): "by A", or the agent of the harm it happened
// in ("in Syrian government airstrikes", an event noun of CoderOptions::nouns).
std::int32_t AgentInClause(const SentenceView& s, std::uint32_t ve, std::uint32_t ce) {
  const CoderScratch& sc = s.sc;
  const EventNouns* nouns = s.options.nouns.get();
  for (std::uint32_t p = ve; p + 1 < ce; ++p) {
    std::string_view w = sc.dict_words[p].text;
    if (w == "by") return CodedUnitAfterModifiers(s, p + 1, ce);
    if (!nouns || (w != "in" && w != "during")) continue;
    std::int32_t u = CodedUnitAfterModifiers(s, p + 1, ce);
    if (u == kNoUnit) continue;
    std::uint32_t e = sc.units[u].end;
    int words = 0;
    const EventNoun* noun =
        e < ce ? nouns->Find(sc.dict_words[e - 1].text, sc.dict_words[e].text, &words) : nullptr;
    if (noun && IsHarm(noun->cameo)) return u;
  }
  return kNoUnit;
}

// Where a passive clause ending at `ce` goes on as a second passive sharing
// its agent: "16 people are killed and 40 (are) injured by ...": the word
// after that participle, else 0.
std::uint32_t SharedPassiveTail(const SentenceView& s, std::uint32_t ce) {
  std::uint32_t p = ce;
  if (p < s.n && s.W[p] == ",") ++p;
  if (p >= s.n || !IsOneOf(s.W[p], {"and", "or"})) return 0;
  for (std::uint32_t q = p + 1; q < s.n && q <= p + 4; ++q) {
    if (IsOneOf(s.sc.dict_words[q].text, {"wounded", "injured", "hurt", "killed", "abducted",
                                          "kidnapped", "arrested", "detained", "displaced"}) ||
        (s.tagged && s.tags[q].xpos == Xpos::kVBN))
      return q + 1;
    const bool filler =
        IsBeForm(s.W[q]) || IsOneOf(s.W[q], {"more", "others", "another"}) ||
        (s.tagged && (s.tags[q].upos == Upos::kNum || s.tags[q].upos == Upos::kAdv));
    if (!filler) return 0;
  }
  return 0;
}

// The coded actor a passive verb (words ending at `ve`, clause ending at `ce`)
// names as its agent, without a tree: "B was attacked by A", "killed by two
// female suicide bombers", the agent of the harm it happened in ("killed in
// Syrian government airstrikes"), or that of a second passive joined to it
// ("killed and 40 injured by ...").
std::int32_t PassiveAgent(const SentenceView& s, std::uint32_t ve, std::uint32_t ce) {
  std::int32_t u = AgentInClause(s, ve, ce);
  if (u == kNoUnit)
    if (std::uint32_t tail = SharedPassiveTail(s, ce); tail != 0)
      u = AgentInClause(s, tail, ClauseEnd(s, tail));
  return u;
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

// "have provided medicine, relief supplies and desperately needed fuel to
// Libya": the commas of a list of objects end no clause; the unit after the
// list's "to"/"against"/"on"/"with", when no verb of its own (a participle
// before a noun aside) stands in the list. `ce`: where the verb's clause ends.
std::int32_t TargetAfterObjectList(const SentenceView& s, std::uint32_t ce) {
  if (!s.tagged || ce >= s.n || s.W[ce] != ",") return kNoUnit;
  for (std::uint32_t p = ce + 1; p + 1 < s.n && p <= ce + 12; ++p) {
    if (IsClausePunct(s.W[p]) || s.W[p] == ".") return kNoUnit;
    const Upos t = s.tags[p].upos;
    if (t == Upos::kAux || (t == Upos::kVerb && s.tags[p + 1].upos != Upos::kNoun)) return kNoUnit;
    if (IsOneOf(s.W[p], {"to", "against", "on", "with"}))
      return CodedUnitAfterModifiers(s, p + 1, s.n);
  }
  return kNoUnit;
}

// Whether unit `u` after the verb ending at `ve` lies deep in a chain of
// prepositional phrases that hang on the verb's own object, which is no
// actor: "raising hopes of a thaw in relations between the armed group and
// ..." (the hopes are raised, not the group). Three prepositions or more
// between, the first of them "of", "in", "near" ...; one or two ("launched
// an attack on X", "imposed sanctions on firms in X") still name whom the
// act is aimed at.
bool DeepInObjectPhrase(const SentenceView& s, std::uint32_t ve, const Unit& u) {
  if (!s.tagged || ve >= u.begin) return false;
  std::uint32_t p = ve;
  while (p < u.begin &&
         (IsDeterminer(s.W[p]) || s.tags[p].upos == Upos::kAdj || s.tags[p].upos == Upos::kNum))
    ++p;
  if (p >= u.begin || s.tags[p].upos != Upos::kNoun) return false;  // no object noun
  int preps = 0;
  for (; p < u.begin; ++p) {
    const Upos t = s.tags[p].upos;
    if (t == Upos::kVerb || t == Upos::kAux || t == Upos::kPron || IsClausePunct(s.W[p]))
      return false;
    if (!IsPreposition(s.W[p])) continue;
    // "restore ties with the Prince of Dol Amroth in Gondor": a first "with",
    // "against", "on" ... names whom the act is aimed at; "of", "in", "near" say
    // what or where.
    if (preps++ == 0 && !IsOneOf(s.W[p], {"of", "in", "near", "inside", "outside", "across",
                                          "around", "during", "amid"}))
      return false;
  }
  // "regain control of the town of Baidoa from al-Shabaab": "from" and
  // "against" reach back to the verb.
  std::uint32_t b = u.begin;
  while (b > ve && (IsDeterminer(s.W[b - 1]) || s.tags[b - 1].upos == Upos::kAdj ||
                    s.tags[b - 1].upos == Upos::kNum))
    --b;
  if (b > ve && IsOneOf(s.W[b - 1], {"from", "against"})) return false;
  return preps >= 3;
}

// "caught pirates ... and took 23 of them into custody", "found the suspect
// and arrested him": an object pronoun right after the verb (or "N of them")
// stands for the nearest coded actor before the verb that is not its source
// and not a place; kNoUnit when there is none.
std::int32_t ObjectPronounReferent(const SentenceView& s, std::uint32_t ve, std::int32_t source) {
  std::uint32_t p = ve;
  if (p + 2 < s.n && s.tagged && s.tags[p].upos == Upos::kNum && s.W[p + 1] == "of") p += 2;
  if (p >= s.n || !IsOneOf(s.W[p], {"them", "him"})) return kNoUnit;
  const auto& units = s.sc.units;
  for (std::size_t k = units.size(); k-- > 0;) {
    const Unit& u = units[k];
    if (u.end > ve || u.code.empty() || IsLocativeUnit(u, s.W) || u.place_word) continue;
    if (source != kNoUnit && (static_cast<std::int32_t>(k) == source ||
                              u.group == units[static_cast<std::size_t>(source)].group))
      continue;
    return static_cast<std::int32_t>(k);
  }
  return kNoUnit;
}

// Whether unit `u` is the "of" patient of an act of harm written as a noun
// ("the murder of | a journalist"): whom the deed was done to.
bool VictimOfADeed(const SentenceView& s, const Unit& u) {
  const EventNouns* nouns = s.options.nouns.get();
  std::uint32_t q = u.begin;
  while (q > 0 && s.sc.unit_at[q - 1] == kNoUnit && IsModifierWord(s, q - 1)) --q;
  if (!nouns || q < 2 || s.sc.dict_words[q - 1].text != "of") return false;
  int words = 0;
  const EventNoun* e = nouns->Find(q >= 3 ? s.sc.dict_words[q - 3].text : std::string_view(),
                                   s.sc.dict_words[q - 2].text, &words);
  return e && IsHarm(e->cameo);
}

// Whom a weapon fired, thrown or launched in the passive is aimed at when its
// subject is no actor: "Two rockets were fired at Israel from the Gaza Strip",
// "Tear gas is fired on anti-government protesters" (the actor after "at",
// "on", "into", "towards" or "against" in the clause), else kNoUnit.
std::int32_t AimedAt(const SentenceView& s, const VerbReading& r) {
  if (!IsOneOf(s.sc.dict_words[r.vm->verb].text,
               {"fired", "launched", "lobbed", "hurled", "thrown"}))
    return kNoUnit;
  for (std::string_view prep : {"at", "on", "into", "towards", "toward", "against"})
    if (std::int32_t u = UnitAfter(s, prep, r.vm->end, r.ce); u != kNoUnit) return u;
  return kNoUnit;
}

// Whether the verb form at `vb`, ending at `ve`, reads as the active verb
// of a clause rather than a passive participle: an object after it ("and
// condemned recent Taliban attacks"), what is asked for ("called on the
// government", "asked for"); for a form the tagger reads as a past tense,
// an infinitive or a question after it ("agreed to stay", "questioned how").
bool ReadsActive(const SentenceView& s, std::uint32_t vb, std::uint32_t ve) {
  if (ve >= s.n) return false;
  const Upos t = s.tags[ve].upos;
  if (t == Upos::kDet || t == Upos::kPron || t == Upos::kNoun || t == Upos::kPropn ||
      t == Upos::kAdj || t == Upos::kNum)
    return true;
  if (IsOneOf(s.W[ve], {"on", "upon", "for"}) &&
      IsOneOf(s.W[vb], {"called", "asked", "appealed", "pressed", "pushed"}))
    return true;
  if (s.tags[vb].xpos != Xpos::kVBD) return false;
  return IsOneOf(s.W[ve], {"how", "what", "whether", "why", "if", "that", "when"}) ||
         (s.W[ve] == "to" && ve + 1 < s.n && s.tags[ve + 1].upos == Upos::kVerb);
}

// "was hauled out of the embassy by British police and promptly taken into
// custody", "has been arrested by police in Hawthorne, Calif., and charged":
// the participle at `vb` right after "and"/"or" (adverbs and a comma before
// it aside) is the second conjunct of the passive participle before it, a
// form of "be" right before that one, no other verb between. The first
// participle's word, or -1.
std::int32_t FirstPassiveConjunct(const SentenceView& s, std::uint32_t vb, std::uint32_t ve) {
  if (!s.tagged || (s.tags[vb].xpos != Xpos::kVBN && s.tags[vb].xpos != Xpos::kVBD) ||
      ReadsActive(s, vb, ve))
    return -1;
  std::uint32_t p = vb;
  while (p > 0 && s.tags[p - 1].upos == Upos::kAdv) --p;
  if (p < 3 || !IsOneOf(s.W[p - 1], {"and", "or"}) || s.sc.is_group_join[p - 1]) return -1;
  std::uint32_t q = p - 1;
  if (s.W[q - 1] == ",") --q;
  constexpr std::uint32_t kMaxWords = 16;
  for (std::uint32_t k = q; k-- > 0 && q - k <= kMaxWords;) {
    const std::string_view w = s.W[k];
    if (w == ";" || w == ":" || w == "that" || IsConjunction(w) || IsSubordinator(w)) return -1;
    if (s.tags[k].upos == Upos::kAux) return -1;  // (a be of its own clause)
    if (s.tags[k].upos != Upos::kVerb) continue;
    if (s.tags[k].xpos != Xpos::kVBN && s.tags[k].xpos != Xpos::kVBD) return -1;
    return BeRightBefore(s, 0, k) ? static_cast<std::int32_t>(k) : -1;
  }
  return -1;
}

// The patient of the passive participle at `first` whose auxiliaries open
// at `b`: that of a phrase "after being seized"; the noun a relative "who",
// "which", "that" stands for ("Choi Soon-sil, who was arrested"), an actor
// or none; else the subject before it when no other clause's subject stands
// between ("Amnesty International reports detainees in Turkey are being
// subjected": not Amnesty).
std::int32_t PatientBefore(const SentenceView& s, std::uint32_t first, std::uint32_t b) {
  if (BeingPhraseOpener(s, first) != kNoWord) return PatientOfBeingPhrase(s, first);
  if (b > 0 && IsOneOf(s.W[b - 1], {"who", "which", "that"})) {
    std::uint32_t h = b - 1;
    if (h > 0 && s.W[h - 1] == ",") --h;
    return h > 0 ? s.sc.unit_at[h - 1] : kNoUnit;
  }
  const std::int32_t u = FindSubject(s, b, kNoUnit);
  return u != kNoUnit && OwnSubject(s, s.sc.units[static_cast<std::size_t>(u)], b) ? u : kNoUnit;
}

// The patient and agent a coordinated passive shares with its first
// conjunct: the subject before the first participle; the first one's "by"
// agent when the second names none ("questioned by police and suspended by
// his party" keeps its own).
void SharedPassiveSides(const SentenceView& s, VerbReading* r) {
  const std::uint32_t first = static_cast<std::uint32_t>(r->first_conjunct);
  std::uint32_t b = first;
  while (b > 0 && (s.tags[b - 1].upos == Upos::kAux || s.tags[b - 1].upos == Upos::kAdv)) --b;
  r->tgt = PatientBefore(s, first, b);
  if (r->tgt != kNoUnit &&
      (InRelationalPhrase(s, s.sc.units[r->tgt]) || IsLocativeUnit(s.sc.units[r->tgt], s.W)))
    r->tgt = kNoUnit;
  bool own_by = false;
  for (std::uint32_t p = r->vm->end; p < r->ce && !own_by; ++p)
    own_by = s.sc.dict_words[p].text == "by";
  r->src = own_by ? PassiveAgent(s, r->vm->end, r->ce) : AgentInClause(s, first + 1, r->cb);
  if (r->src == kNoUnit && !own_by) r->src = PassiveAgent(s, r->vm->end, r->ce);
  if (r->src != kNoUnit && r->tgt != kNoUnit && s.sc.units[r->src].code == s.sc.units[r->tgt].code)
    r->src = kNoUnit;
}

// Without a tree: the subject before the verb, the object after it; in the
// passive "B was attacked by A" the subject is the target, "by A" the source.
void PositionalArguments(const SentenceView& s, VerbReading* r) {
  const VerbMatch& vm = *r->vm;
  const auto& units = s.sc.units;
  // "Kony survives an assassination attempt by Ugandan troops": a pattern
  // that makes the subject the target ("+ *") takes the agent of the event
  // it names as the source.
  // (Who survives is a subject, never the object of a preposition: "a
  // photograph from the Hubble Space Telescope reveals a star that survived
  // the explosion".)
  const bool target_before = r->a.target != kNoUnit && units[r->a.target].end <= vm.begin;
  if (target_before && !r->passive && units[r->a.target].after_preposition) r->tgt = kNoUnit;
  if (r->src == kNoUnit && target_before && r->tgt != kNoUnit)
    r->src = AgentInClause(s, vm.end, r->ce);
  if (r->src == kNoUnit) {
    r->src = FindSubject(s, vm.begin, r->tgt, r->fired != nullptr);
    // "shell a Palestinian prison in Jericho, seizing X": the country word of
    // a place is acted on (the passive's subject), never acts; look further back.
    while (!r->passive && r->src != kNoUnit && units[r->src].place_word)
      r->src = FindSubject(s, units[r->src].begin, r->tgt, r->fired != nullptr);
  }
  if (r->passive && r->first_conjunct >= 0 && r->a.source == kNoUnit && r->a.target == kNoUnit) {
    SharedPassiveSides(s, r);
    return;
  }
  if (r->passive && r->a.source == kNoUnit && r->a.target == kNoUnit &&
      BeingPhraseOpener(s, vm.verb) != kNoWord)
    r->src = PatientOfBeingPhrase(s, vm.verb);
  if (r->passive && r->a.source == kNoUnit && r->a.target == kNoUnit) {
    // (A place after "in" is where, not whom: "In Aberdeen, Scotland, ...
    // another has been arrested".)
    r->tgt = r->src == kNoUnit || InRelationalPhrase(s, units[r->src]) ||
                     IsLocativeUnit(units[r->src], s.W)
                 ? kNoUnit
                 : r->src;
    r->src = PassiveAgent(s, vm.end, r->ce);
    if (r->tgt == kNoUnit) r->tgt = AimedAt(s, *r);
    // An agent coded as its victim is no pair ("Gondor is supported by
    // Gondor"); the victim stands alone. Harm within one group is an event
    // ("Two Turkish soldiers are shot dead by a third soldier").
    if (r->src != kNoUnit && r->tgt != kNoUnit && units[r->src].code == units[r->tgt].code &&
        (r->src == r->tgt || !IsHarm(r->code->text)))
      r->src = kNoUnit;
  } else if (r->tgt == kNoUnit) {
    // PETRARCH takes a that-clause's subject as the target too ("Arnor
    // believes Dagolath ... can cope" -> ARN DAG); dyad follows it.
    // Harm is done to someone, not to the place it happened in ("a bomb
    // explodes at a market in Pakistan").
    r->tgt = FindObject(s, vm.end, r->ce, r->src, false);
    if (r->tgt != kNoUnit && r->a.target == kNoUnit && DeepInObjectPhrase(s, vm.end, units[r->tgt]))
      r->tgt = kNoUnit;
    if (r->tgt == kNoUnit) r->tgt = TargetAfterObjectList(s, r->ce);
    if (r->tgt == kNoUnit) r->tgt = ObjectPronounReferent(s, vm.end, r->src);
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
  // With no actor acting, a bare place after in/at/near is where, not whom
  // ("Shares in Japanese carmakers rallied in Tokyo").
  if (!r->passive && r->src == kNoUnit && r->tgt != kNoUnit && r->a.target == kNoUnit &&
      IsLocativeUnit(units[r->tgt], s.W))
    r->tgt = kNoUnit;
  // "Police are investigating the murder of a journalist": an investigation
  // (09x) is of the deed; its victim is not the one investigated.
  if (!r->passive && r->tgt != kNoUnit && r->code->text.starts_with("09") &&
      units[r->tgt].begin >= vm.end && VictimOfADeed(s, units[r->tgt]))
    r->tgt = kNoUnit;
}

// "captured 40% of the Somali capital Mogadishu from Islamist militants",
// "took control of the Palestinian city of Jenin": in a seizure of territory
// (CAMEO 192) the country word of a place noun describes the place taken and
// is no target; the actor after "from" in the verb's clause is. (A country
// named on its own is whose land is taken: "occupied a buffer zone in
// southern Syria" -> SYR.)
void TerritoryTakenFrom(const SentenceView& s, VerbReading* r) {
  if (r->passive || (r->tgt != kNoUnit && s.sc.units[r->tgt].end <= r->vm->begin)) return;
  if (std::int32_t from = UnitAfter(s, "from", r->vm->end, r->ce); from != kNoUnit) {
    if (from != r->src) r->tgt = from;
    return;
  }
  if (r->tgt == kNoUnit) return;
  const Unit& u = s.sc.units[r->tgt];
  if (u.place_word) r->tgt = kNoUnit;
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
  // "in northern Nigeria", "in northeast Moscow": compass words before the name.
  while (b > 0 && IsCompassWord(words[b - 1])) --b;
  while (b > 0 && IsDeterminer(words[b - 1])) --b;
  // "in Rawalpindi, Pakistan", "In Aberdeen, Scotland", "in Grand Forks, North
  // Dakota, United States": the region and country of a place named before it.
  for (int commas = 0; commas < 2 && b > 1 && words[b - 1] == ","; ++commas) {
    std::uint32_t q = b - 1;
    while (q > 0 && b - q <= 4 && !words[q - 1].empty() &&
           std::isupper(static_cast<unsigned char>(words[q - 1][0])) &&
           !IsPreposition(words[q - 1]))
      --q;
    if (q == b - 1) break;
    b = q;
  }
  // "in the city of Mosul", "in the Gulf of Aden", "on the outskirts of Kabul".
  if (b > 2 && IsOneOf(words[b - 1], {"of"}) &&
      IsOneOf(words[b - 2],
              {"city", "town", "village", "province", "region", "district", "outskirts", "suburbs",
               "capital", "gulf", "governorate", "county", "port", "island", "area"})) {
    b -= 2;
    while (b > 0 && IsDeterminer(words[b - 1])) --b;
  }
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

// Whether a verb form tagged `x` with event code `c` names a deed done to
// someone: a participle of disapproval, accusations and verdicts (11x),
// coercion (17x), force (18x-20x) or a release (084), not of rejection
// ("Romendacil clashed over", 121 in PETRARCH's suite); what the tagger reads
// as a past tense only when its deed always has an object ("convicted",
// "arrested"; not "clashed over", "fought in", "complained of").
bool HeadlineDeed(Xpos x, std::string_view c) {
  if (x == Xpos::kVBN)
    return c.starts_with("11") || c.starts_with("17") || IsHarm(c) || c.starts_with("084");
  if (x == Xpos::kVBD)
    return c.starts_with("111") || c.starts_with("112") || c.starts_with("115") ||
           c.starts_with("116") || c.starts_with("17") || c.starts_with("084");
  return false;
}

// "Warren Jeffs convicted of sexual assault.", "Opposition leader Alexei
// Navalny arrested in Moscow": a headline's passive without its auxiliary. A
// name right before a participle or past tense that a preposition follows (no
// object; "to" and "at" follow active verbs too: "refused to", "lashed out
// at"), no other finite verb in the sentence, and a deed done to someone
// (HeadlineDeed). ("Britain called for ..." and "Opec agreed in December"
// are active.)
bool HeadlinePassive(const SentenceView& s, const VerbReading& r) {
  const VerbMatch& vm = *r.vm;
  if (!s.tagged || r.code == nullptr || vm.begin == 0 || vm.end >= s.n) return false;
  if (!HeadlineDeed(s.tags[vm.verb].xpos, r.code->text)) return false;
  if (s.sc.unit_at[vm.begin - 1] == kNoUnit || s.tags[vm.begin - 1].upos != Upos::kPropn ||
      !IsOneOf(s.W[vm.end], {"of", "for", "in", "by", "after", "over", "on"}))
    return false;
  const std::uint32_t name = s.sc.units[static_cast<std::size_t>(s.sc.unit_at[vm.begin - 1])].begin;
  for (std::uint32_t p = 0; p < s.n; ++p) {
    const Xpos y = s.tags[p].xpos;
    const Upos t = s.tags[p].upos;
    if ((p < vm.begin || p >= vm.end) &&
        (y == Xpos::kVBD || y == Xpos::kVBZ || y == Xpos::kVBP || y == Xpos::kMD))
      return false;
    // (The name opens the headline: "before Smith took over in 2010" is a clause.)
    if (p < name && (t == Upos::kVerb || t == Upos::kAux || t == Upos::kSconj)) return false;
  }
  return true;
}

void ReadVoice(const SentenceView& s, VerbReading* r) {
  const VerbMatch& vm = *r->vm;
  std::uint32_t lookback = vm.begin > 4 ? vm.begin - 4 : 0;
  for (std::uint32_t p = std::max(lookback, r->cb); p < vm.begin; ++p) {
    if (IsNegation(s.W[p])) r->negated = true;
  }
  if (!s.tagged) return;
  const Xpos x = s.tags[vm.verb].xpos;
  if (x == Xpos::kVBN) {
    r->passive = BeIn(s, std::max(lookback, r->cb), vm.begin);
    // "was shot and killed": the second participle shares the first's "was".
    if (!r->passive && vm.begin >= 3 && IsOneOf(s.W[vm.begin - 1], {"and", "or"}))
      r->passive = BeIn(s, vm.begin >= 5 ? vm.begin - 5 : 0, vm.begin - 2);
  }
  // The tagger reads some participles as nouns or past tenses ("is shot
  // dead", "was shot and killed"); a form of "be" right before says passive.
  if (!r->passive && x != Xpos::kVBG && !s.W[vm.verb].ends_with("ing"))
    r->passive = BeRightBefore(s, r->cb, vm.begin);
  // ("is arrested and formally charged": adverbs after the "and".)
  std::uint32_t v = vm.begin;
  while (v > 0 && s.tags[v - 1].upos == Upos::kAdv) --v;
  if (!r->passive && x != Xpos::kVBG && v >= 3 && IsOneOf(s.W[v - 1], {"and", "or"}))
    r->passive = BeRightBefore(s, 0, v - 2);
  if (r->first_conjunct = FirstPassiveConjunct(s, vm.verb, vm.end); r->first_conjunct >= 0)
    r->passive = true;
  if (!r->passive && HeadlinePassive(s, *r)) r->passive = true;
  // (A participle after its noun opens a clause of its own: "The Syrian
  // Army backed by Hezbollah fighters retakes an airbase" codes both verbs.)
  if (!r->passive && x != Xpos::kVBG && x != Xpos::kVBZ && ReducedPassive(s, r->cb, vm)) {
    r->passive = true;
    r->cb = vm.begin;
  }
}

// "A gunman shoots and kills three people and wounds four others": the unit
// before "and <verb>" is the previous verb's object, so the verb shares that
// verb's subject.
bool ObjectBeforeJoinedVerb(const SentenceView& s, const VerbReading& r) {
  if (!s.tagged || r.src == kNoUnit) return false;
  std::uint32_t p = r.vm->begin;
  while (p > 0 && s.tags[p - 1].upos == Upos::kAdv) --p;
  // (The verb itself follows "and", so "and" joins verbs, whatever the
  // actor groups say.)
  if (p < 2 || !IsOneOf(s.W[p - 1], {"and", "but", "or"})) return false;
  const Unit& u = s.sc.units[static_cast<std::size_t>(r.src)];
  if (u.end != p - 1) return false;
  std::uint32_t b = u.begin;
  while (b > 0 && (IsDeterminer(s.W[b - 1]) || s.tags[b - 1].upos == Upos::kNum)) --b;
  if (b == 0) return false;
  VerbMatch vm;  // (a dictionary verb the tagger read as a noun: "kills three people and")
  return s.tags[b - 1].upos == Upos::kVerb || s.sc.verbish[b - 1] ||
         (s.dicts.MatchVerb(s.sc.dict_words, b - 1, &vm) && vm.end == b);
}

const char* FindArguments(const SentenceView& s, const VerbLoop& loop, VerbReading* r) {
  const Assigned& a = r->a;
  r->src = a.source;
  r->tgt = a.target;
  // "took control of Jenin in response to a suicide bombing that killed 14
  // people": the relative clause (with the noun it hangs on) is a clause of
  // its own.
  // (Not when an actor owns that noun: "Israeli airstrikes that killed" are
  // Israel's, InstrumentSubject keeps that source.)
  if (std::uint32_t noun = 0;
      RelativeOfNonActor(s, r->vm->begin, &noun) && noun > r->cb && OwnAgentBefore(s, noun) == noun)
    r->cb = noun;
  if (loop.clauses && !a.compound) {
    if (const char* why = TreeArguments(s, *loop.clauses, r)) return why;
  } else if (r->src == kNoUnit && loop.last_subject != kNoUnit && !a.compound && !r->passive) {
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
  if (!loop.clauses && !a.compound && !r->passive && loop.last_subject != kNoUnit &&
      r->src != loop.last_subject && ObjectBeforeJoinedVerb(s, *r))
    r->src = loop.last_subject;
  if (r->code && r->code->text.starts_with("192")) TerritoryTakenFrom(s, r);
  return nullptr;
}

}  // namespace dyad::coder
