// Copyright dyad authors. Steps 3 and 4 of coding a sentence: clauses and
// predicates. Commas and conjunctions bound clauses; short comma clauses and
// parentheses are set aside (TABARI's COMMA, PETRARCH's comma_*); the
// dictionary verb forms that read as verbs, outside actors and asides, are
// the sentence's predicates.
#include <algorithm>
#include <cctype>
#include <span>
#include <string_view>
#include <vector>

#include "steps.h"

namespace dyad::coder {
namespace {

// Whether the words from `p` open the object of a verb: a determiner,
// number, name or pronoun, or a quantity ("kills at least 12 people", "more
// than 20").
bool OpensObject(const SentenceView& s, std::uint32_t p) {
  if (p >= s.n) return false;
  Upos next = s.tags[p].upos;
  if (next == Upos::kDet || next == Upos::kNum || next == Upos::kPropn || next == Upos::kPron)
    return true;
  std::string_view w = s.sc.dict_words[p].text;
  std::string_view w2 = p + 1 < s.n ? s.sc.dict_words[p + 1].text : std::string_view();
  return (w == "at" && w2 == "least") || (w == "more" && w2 == "than") ||
         (IsOneOf(w, {"nearly", "almost", "about", "around", "some"}) && p + 1 < s.n &&
          s.tags[p + 1].upos == Upos::kNum);
}

// Whether the tagger reads word i as a finite verb or an auxiliary; a
// participle ("crowds gathered to mark Ashura") or an infinitive is no
// clause's main verb yet.
bool FiniteVerb(const SentenceView& s, std::uint32_t i) {
  const PosTag& t = s.tags[i];
  if (t.upos == Upos::kAux) return true;
  return t.upos == Upos::kVerb &&
         (t.xpos == Xpos::kVBZ || t.xpos == Xpos::kVBD || t.xpos == Xpos::kVBP);
}

// Whether the words after the comma at `comma` open with the sentence's own
// finite verb after a subject with a place aside: "A worker at a factory in
// Meridian, Mississippi, shoots 13 co-workers, killing five" (even read as a
// noun, a present -s form before a number or article): no finite verb
// before the comma, and the verb is no reporting one (", says X," is an aside).
bool OpensWithMainVerb(const SentenceView& s, std::uint32_t comma) {
  const std::uint32_t p = comma + 1;
  if (!s.tagged || p + 1 >= s.n) return false;
  // (Headline present tense the tagger reads as a noun: "shoots 13".)
  const std::string_view w = s.W[p];
  VerbMatch vm;
  const bool headline_verb = s.tags[p].upos == Upos::kNoun && w.size() >= 4 && w.back() == 's' &&
                             !w.ends_with("ss") && std::islower(static_cast<unsigned char>(w[0])) &&
                             OpensObject(s, p + 1) && s.tags[p + 1].upos != Upos::kPropn &&
                             s.dicts.MatchVerb(s.sc.dict_words, p, &vm) && vm.verb == p;
  // (A past form may be a participle opening an aside: "X, sentenced to death
  // in Iran, confesses".)
  if (!headline_verb && (s.tags[p].upos != Upos::kVerb ||
                         (s.tags[p].xpos != Xpos::kVBZ && s.tags[p].xpos != Xpos::kVBP)))
    return false;
  if (IsOneOf(s.W[p], {"say", "says", "said", "told", "tells", "added", "adds", "reported",
                       "reports", "claimed", "claims", "according"}))
    return false;
  for (std::uint32_t k = 0; k < comma; ++k)
    if (!s.sc.hidden[k] && FiniteVerb(s, k)) return false;
  return true;
}

// Whether word `i` (word `b` before it) has the form of a present-tense verb
// the tagger misread: a lower-case -s form read as a noun ("Israel strikes
// Gaza"), or a form read as an adjective, adverb, preposition or other closed
// class that no such word has ("rebels loot/ADP the city", "attackers
// injure/ADJ nine people", "militants besiege/ADP"); a bare form only after a
// plural subject. Prepositions and adverbs that are verbs too ("down", "back")
// stay as tagged.
bool MisreadPresentForm(const SentenceView& s, std::uint32_t i, std::uint32_t b) {
  const std::string_view w = s.W[i];
  if (w.size() < 4 || !std::islower(static_cast<unsigned char>(w[0]))) return false;
  const bool s_form = w.back() == 's' && !w.ends_with("ss");
  const Upos tag = s.tags[i].upos;
  if (tag == Upos::kNoun) return s_form;
  if (tag != Upos::kAdp && tag != Upos::kAdv && tag != Upos::kAdj && tag != Upos::kX &&
      tag != Upos::kDet)
    return false;
  if (w.ends_with("ly") || w.ends_with("ed") || IsPreposition(w) || IsDeterminer(w) ||
      IsOneOf(w, {"down",  "back",    "round",   "around",  "after",  "before",  "since",
                  "like",  "past",    "further", "forward", "behind", "below",   "above",
                  "under", "despite", "along",   "beyond",  "within", "without", "less",
                  "more",  "most",    "least",   "much",    "such",   "very",    "well",
                  "even",  "still",   "just",    "only",    "also",   "then",    "thus",
                  "each",  "every",   "same",    "last",    "next",   "first",   "half"}))
    return false;
  if (s_form) return true;
  const PosTag& prev = s.tags[b];
  return prev.xpos == Xpos::kNNS || prev.xpos == Xpos::kNNPS ||
         IsOneOf(s.W[b], {"police", "people", "gunmen", "men", "women", "military", "army",
                          "militia", "youth", "clergy", "leadership"});
}

// Whether word i is the -s form after a weapon or an attack noun that opens
// its object: "a drone attack kills ten militants", "a bomb injures 20".
bool WeaponsPresentTense(const SentenceView& s, std::uint32_t i) {
  const std::string_view w = s.W[i];
  return i > 0 && i + 1 < s.n && w.size() >= 4 && w.back() == 's' && !w.ends_with("ss") &&
         s.tags[i - 1].upos == Upos::kNoun && IsInstrumentNoun(s, i - 1) && OpensObject(s, i + 1) &&
         s.tags[i + 1].upos != Upos::kPropn;
}

// Headline-style present tense the tagger reads as nouns: "A gunman ...
// (ISIS) shoots and seriously wounds a Philadelphia police officer", "Israel
// strikes Gaza", "A bomb explosion among crowds ..., one of their holiest
// commemorations, kills at least 12 people". A lower-case -s form of a
// dictionary verb after a noun or a name (asides passed over), before the
// object it opens, is the first verb of its clause; "the police raids in" (a
// preposition next) and "arms sales" (a noun next) stay nouns.
void RescueHeadlineVerbs(const SentenceView& s) {
  const auto& tags = s.tags;
  bool verb_seen = false;
  for (std::uint32_t i = 1; i + 1 < s.n; ++i) {
    // (A comma closing an aside ends its verbs too: "crowds gathered to mark
    // Ashura, one of their holiest commemorations, kills at least 12".)
    if (s.sc.boundary[i - 1] || s.W[i - 1] == ",") verb_seen = false;
    if (FiniteVerb(s, i)) verb_seen = true;
    if (s.sc.verbish[i] || s.sc.unit_at[i] != kNoUnit || s.sc.hidden[i]) continue;
    // ("Sources say a drone attack kills/NOUN ten militants": a weapon's
    // present tense, in a reported clause too.)
    if (verb_seen && !WeaponsPresentTense(s, i)) continue;
    std::uint32_t b = i - 1;
    while (b > 0 && s.sc.hidden[b]) --b;
    if (!MisreadPresentForm(s, i, b)) continue;
    Upos prev = tags[b].upos;
    bool after_np = prev == Upos::kNoun || prev == Upos::kPropn || s.W[b] == ")" ||
                    // "... in Quetta, Pakistan, kills 31 people": after a place's comma.
                    (s.W[b] == "," && b + 1 == i && b > 0 && tags[b - 1].upos == Upos::kPropn &&
                     OpensWithMainVerb(s, b));
    VerbMatch vm;
    if (after_np && OpensObject(s, i + 1) && s.dicts.MatchVerb(s.sc.dict_words, i, &vm)) {
      s.sc.verbish[i] = 1;
      verb_seen = true;
    }
  }
}

// A passive participle the tagger read as a noun or adjective: "Two men were
// shot/NOUN and killed", "a reporter is hit/NOUN by a bullet". After a form of
// "be" (an -ly adverb may stand between: "were reportedly shot"), a lower-case
// dictionary verb form that looks like a participle (-ed, -en, or one of the
// irregular ones a noun can share) is the clause's verb; "was a shot", "is
// head" (no participle) and "were armed/ADJ" (an adjective not in that list)
// stay as tagged.
bool LooksLikeParticiple(std::string_view w) {
  return w.ends_with("ed") || w.ends_with("en") ||
         IsOneOf(w, {"shot", "hit", "struck", "cut", "hurt", "held", "caught", "slain", "thrown",
                     "stabbed", "shut", "fought", "sought", "sent", "set"});
}

void RescuePassiveParticiples(const SentenceView& s) {
  const auto& tags = s.tags;
  for (std::uint32_t i = 1; i < s.n; ++i) {
    if (s.sc.verbish[i] || s.sc.unit_at[i] != kNoUnit || s.sc.hidden[i]) continue;
    if (tags[i].upos != Upos::kNoun) continue;
    std::string_view w = s.W[i];
    if (w.empty() || !std::islower(static_cast<unsigned char>(w[0])) || !LooksLikeParticiple(w))
      continue;
    std::uint32_t b = i - 1;
    if (b > 0 && s.W[b].ends_with("ly") && tags[b].upos == Upos::kAdv) --b;
    if (!IsBeForm(s.W[b]) || s.W[b] == "'s") continue;
    VerbMatch vm;
    if (s.dicts.MatchVerb(s.sc.dict_words, i, &vm) && vm.verb == i) s.sc.verbish[i] = 1;
  }
}

// Whether word i is "fire" followed by what is fired or at whom: "Police fire
// tear gas at residents", "troops fire on protesters" (the tagger reads
// "fire" as a noun and "tear" as a verb).
bool FiresAWeapon(const SentenceView& s, std::uint32_t i) {
  if (i + 1 >= s.n || !IsOneOf(s.sc.dict_words[i].text, {"fire", "fires"})) return false;
  return IsInstrumentNoun(s, i + 1) ||
         IsOneOf(s.sc.dict_words[i + 1].text, {"tear", "rubber", "live", "warning", "water",
                                               "shots", "bullets", "at", "on", "upon", "into"});
}

// Whether word i, after the agent phrase `unit` that opens with a determiner,
// reads as the present-tense verb of that agent ("a suicide bomber kills two
// policemen", "the army shells Homs") rather than a noun it modifies ("the
// police raids in"): the agent ends in a common noun, the word ends in -s and
// a number, determiner or name opens its object.
bool PresentVerbAfterAgent(const SentenceView& s, const Unit& unit, std::uint32_t i) {
  if (unit.end != i || unit.end == 0) return false;
  if (s.tags[unit.end - 1].upos != Upos::kNoun) return false;
  std::string_view w = s.W[i];
  Upos next = s.tags[i + 1].upos;
  if (FiresAWeapon(s, i)) return true;
  // A bare form after a plural or collective agent: "The Russian military kill
  // 8 militants", "the gunmen kill two guards" (a number or article next).
  if (w.size() >= 3 && w.back() != 's' && (next == Upos::kNum || next == Upos::kDet)) return true;
  if (w.size() < 3 || w.back() != 's' || w.ends_with("ss")) return false;
  return next == Upos::kNum || next == Upos::kDet || next == Upos::kPropn;
}

// Whether "and" or "or" at word `p` joins a verb after it ("Palestinian
// gunmen kidnap and then release American professor ..."): the word before
// shares that verb's subject, so it is a verb too.
bool CoordinatedWithVerb(const SentenceView& s, std::uint32_t p) {
  if (p + 1 >= s.n || !IsOneOf(s.W[p], {"and", "or"})) return false;
  std::uint32_t q = p + 1;
  if (q + 1 < s.n && s.tags[q].upos == Upos::kAdv) ++q;  // "and then"
  return s.tags[q].upos == Upos::kVerb;
}

// Whether actor phrase `unit` is a common noun modifying the noun after it
// inside a longer noun phrase ("on further boosting school funding until"):
// a nominal word before it and no name in it, so it is no subject.
bool ModifierInsideNounPhrase(const SentenceView& s, const Unit& unit) {
  if (unit.begin == 0 || unit.end == 0) return false;
  Upos before = s.tags[unit.begin - 1].upos;
  if (before != Upos::kNoun && before != Upos::kAdj) return false;
  // ("Armed bandits storm a mining site": adjectives opening the sentence
  // describe the plural actor, the head of the subject; "Continuous rebel
  // raids" stays a modifier.)
  std::uint32_t b = unit.begin;
  while (b > 0 && s.tags[b - 1].upos == Upos::kAdj) --b;
  if (b == 0 && before == Upos::kAdj && s.tags[unit.end - 1].xpos == Xpos::kNNS) return false;
  for (std::uint32_t p = unit.begin; p < unit.end; ++p)
    if (s.tags[p].upos == Upos::kPropn) return false;
  return true;
}

// A verb form straight after a subject actor ("Ethiopia departs from") is a
// verb even when the tagger, unsure of a rare name, called it a noun.
void RescueVerbsAfterActors(const SentenceView& s) {
  const auto& W = s.W;
  const auto& units = s.sc.units;
  const auto& tags = s.tags;
  for (std::uint32_t i = 1; i + 1 < s.n; ++i) {
    std::int32_t u = s.sc.unit_at[i - 1];
    if (s.sc.verbish[i] || s.sc.unit_at[i] != kNoUnit || u == kNoUnit || units[u].code.empty())
      continue;
    if (tags[i].upos != Upos::kNoun && tags[i].upos != Upos::kAdj) continue;
    if (W[i].empty() || !std::islower(static_cast<unsigned char>(W[i][0]))) continue;
    std::uint32_t b = units[u].begin;
    Upos next = tags[i + 1].upos;
    // "the Gondor attack" is a noun; "a suicide bomber kills eight" is a verb.
    bool after_det = b > 0 && (IsDeterminer(W[b - 1]) || W[b - 1] == "'s");
    if (after_det && !PresentVerbAfterAgent(s, units[u], i)) continue;
    if (ModifierInsideNounPhrase(s, units[u])) continue;
    // ("the suicide bomber kills eight policemen": a number opens the object)
    if (next == Upos::kAdp || next == Upos::kDet || next == Upos::kPropn || next == Upos::kPron ||
        next == Upos::kNum || FiresAWeapon(s, i))
      s.sc.verbish[i] = 1;
    // "kidnap and then release X": one clause, the object shared.
    if (CoordinatedWithVerb(s, i + 1)) {
      s.sc.verbish[i] = 1;
      s.sc.boundary[i + 1] = 0;
    }
  }
}

// Whether the verb form `vm` after "a/the + noun" is the finite verb of that
// noun phrase as subject ("A bomb explodes in ...", "A missile hit a house"),
// not the head of a compound ("a heart attack on"): the tagger reads it as a
// present or past verb and an argument or a place opens after it.
bool FiniteVerbAfterSubject(const SentenceView& s, const VerbMatch& vm) {
  const PosTag& t = s.tags[vm.verb];
  if (t.upos != Upos::kVerb || (t.xpos != Xpos::kVBZ && t.xpos != Xpos::kVBD)) return false;
  if (vm.end >= s.n) return false;
  Upos next = s.tags[vm.end].upos;
  return next == Upos::kDet || next == Upos::kNum || next == Upos::kPropn || next == Upos::kPron ||
         next == Upos::kAdp || next == Upos::kAdj;
}

// Whether word i, tagged a noun, is the present-tense verb of the one-word
// agent before it: "A gunman kills eight people in ...", "a sniper shoots
// two soldiers" (the agent an actor, a number or name opening the object).
bool VerbOfAgentBefore(const SentenceView& s, std::uint32_t i) {
  // "A bomb kills 17 people", "a car bomb injures 20": a weapon's -s form.
  if (WeaponsPresentTense(s, i)) return true;
  std::int32_t u = s.sc.unit_at[i - 1];
  if (u == kNoUnit || s.sc.units[u].code.empty() || i + 1 >= s.n) return false;
  return PresentVerbAfterAgent(s, s.sc.units[u], i);
}

// Whether word b follows "a/an/the" and one or two modifiers: "the air
// strike", "a second winter storm" (two only before a bare form).
bool AfterNounModifiers(const SentenceView& s, std::uint32_t b) {
  auto modifier = [&](std::uint32_t p) {
    const Upos u = s.tags[p].upos;
    return u == Upos::kNoun || u == Upos::kAdj || u == Upos::kNum;
  };
  if (b > 1 && IsOneOf(s.W[b - 2], {"a", "an", "the"}) && modifier(b - 1)) return true;
  // (Two modifiers only before a bare form: "a roadside bomb kills" is a verb.)
  const std::string_view w = s.W[b];
  const bool inflected = w.ends_with("s") || w.ends_with("ed");
  return !inflected && b > 2 && IsOneOf(s.W[b - 3], {"a", "an", "the"}) && modifier(b - 2) &&
         modifier(b - 1);
}

// Whether word `p` is a past tense no noun shares, as the tagger reads it:
// "The meeting took place", "the army took control" ("took", "came", "held";
// not "-ed" forms, nor "hit", "shot", "cut" that are nouns too).
bool IrregularPast(const SentenceView& s, std::uint32_t p) {
  const std::string_view w = s.W[p];
  return s.tags[p].xpos == Xpos::kVBD && !w.ends_with("ed") &&
         !IsOneOf(w, {"hit", "shot", "cut", "set", "put", "hurt", "cast", "struck", "fell"});
}

// Why the verb form `vm` is no predicate by its neighbours, or null: the
// head of a noun phrase ("a heart attack", "the air strike"), a participle
// modifying the actor after it ("the jailed activists", "Detained
// journalists"), or a background gerund ("after fighting between ...",
// "despite attacking").
const char* NounReading(const SentenceView& s, const VerbMatch& vm) {
  if (!s.tagged) return nullptr;
  const auto& W = s.W;
  const auto& tags = s.tags;
  constexpr const char* kNounHead = "read as a noun after a determiner (\"a heart attack\")";
  if (vm.begin > 0 && IsOneOf(W[vm.begin - 1], {"a", "an", "the"})) return kNounHead;
  // ("Algeria's support for the Polisario Front", "the journalist's arrest by
  // police": an event noun after its owner is read with its own sides.)
  if (tags[vm.verb].upos == Upos::kNoun && vm.begin > 0 && vm.end == vm.verb + 1 &&
      IsOneOf(W[vm.begin - 1], {"'s", "'"}) && s.options.nouns) {
    int words = 1;
    if (s.options.nouns->Find(std::string_view(), s.sc.dict_words[vm.verb].text, &words))
      return "an event noun after its owner (\"Algeria's support for the Polisario Front\")";
  }
  // ("Clashes between police and protesters left three dead": the noun names its sides.)
  if (tags[vm.verb].upos == Upos::kNoun && vm.end < s.n &&
      s.sc.dict_words[vm.end].text == "between")
    return "a noun before \"between\" (\"clashes between police and protesters\")";
  if (UnderAttackNoun(s, vm.verb)) return "the object of \"came under\" (\"came under attack\")";
  // An act of force the tagger reads as a noun after a possessive and a noun
  // heads that noun phrase: "in his comeback fight", "before his suicide
  // attack" (an event noun, read with its own sides), not fighting.
  if (tags[vm.verb].upos == Upos::kNoun && vm.begin > 1 && tags[vm.begin - 1].upos == Upos::kNoun &&
      s.sc.unit_at[vm.begin - 1] == kNoUnit &&
      IsOneOf(s.sc.dict_words[vm.verb].text,
              {"fight", "fights", "attack", "attacks", "assault", "raid", "raids", "battle"}) &&
      IsOneOf(s.sc.dict_words[vm.begin - 2].text, {"his", "her", "their", "its", "our", "my"}))
    return "an act of force as a noun after a possessive and a noun (\"his comeback fight\")";
  // A participle between a possessive and its noun modifies it: "its proposed
  // acquisition", "CME's proposed contract" ("'s" may also be "is"; a noun
  // after a possessive may be TABARI's verb: "postponed their meet after").
  if (vm.begin > 0 && vm.end < s.n && tags[vm.end].upos == Upos::kNoun &&
      (tags[vm.verb].xpos == Xpos::kVBN || tags[vm.verb].upos == Upos::kAdj) &&
      IsOneOf(W[vm.begin - 1], {"its", "their", "his", "her", "our", "my", "your", "whose", "'s"}))
    return "a participle modifying the noun after it (\"its proposed acquisition\")";
  if (AfterNounModifiers(s, vm.begin) && !FiniteVerbAfterSubject(s, vm) &&
      !VerbOfAgentBefore(s, vm.begin) && !IrregularPast(s, vm.verb))
    return kNounHead;
  // "Tropical Storm Irina": a capitalised word inside a name.
  if (vm.begin > 0 && vm.end < s.n && tags[vm.verb].upos == Upos::kPropn &&
      std::isupper(static_cast<unsigned char>(W[vm.begin].empty() ? 'a' : W[vm.begin][0])) &&
      tags[vm.end].upos == Upos::kPropn &&
      (tags[vm.begin - 1].upos == Upos::kPropn || tags[vm.begin - 1].upos == Upos::kAdj))
    return "a capitalised word inside a name (\"Tropical Storm Irina\")";
  if (tags[vm.verb].xpos == Xpos::kVBN && vm.end < s.n && s.sc.unit_at[vm.end] != kNoUnit &&
      (vm.begin == 0 || IsDeterminer(W[vm.begin - 1])))
    return "a participle modifying the actor after it (\"jailed activists\")";
  // "checked on accused sex trafficker Jeffrey Epstein": a participle right
  // after a preposition and before a noun modifies it; no clause starts there.
  if ((tags[vm.verb].xpos == Xpos::kVBN || tags[vm.verb].xpos == Xpos::kVBD) && vm.begin > 0 &&
      vm.end < s.n && IsPreposition(W[vm.begin - 1]) &&
      (tags[vm.end].upos == Upos::kNoun || tags[vm.end].upos == Upos::kAdj))
    return "a participle modifying the noun after a preposition (\"on accused trafficker X\")";
  // (TABARI's loose reading takes adjectives: "a shootout between armed
  // robbers"; after an actor the adjective may be a verb the tagger missed:
  // "Russia's army massed troops".)
  if (tags[vm.verb].upos == Upos::kAdj && vm.end < s.n && s.sc.unit_at[vm.end] != kNoUnit &&
      (vm.begin == 0 || IsPreposition(W[vm.begin - 1]) || IsDeterminer(W[vm.begin - 1])))
    return "an adjective modifying the actor after it (\"armed robbers\")";
  if (tags[vm.verb].xpos == Xpos::kVBG && vm.begin > 0 &&
      IsOneOf(W[vm.begin - 1],
              {"after", "before", "since", "despite", "following", "amid", "while"}))
    return "background (\"after fighting\")";
  return nullptr;
}

// Why the dictionary verb form `vm` found at its own verb word is no
// predicate, or null. `loose`: TABARI's reading, any form is a verb.
const char* WhyNoPredicate(const SentenceView& s, bool loose, const VerbMatch& vm) {
  // A multi-word verb counts when any of its words reads as a verb
  // ("wire/VERB tap/NOUN").
  bool verb_read = loose;
  for (std::uint32_t p = vm.begin; p < vm.end && !verb_read; ++p) verb_read = s.sc.verbish[p];
  if (!verb_read) return "not read as a verb by the tagger";
  bool overlaps_unit = false;
  for (std::uint32_t p = vm.begin; p < vm.end; ++p) overlaps_unit |= s.sc.unit_at[p] != kNoUnit;
  if (overlaps_unit) return "overlaps an actor phrase";
  return NounReading(s, vm);
}

// Whether `loose` filters out word i: not tagged as a noun, adjective, name or verb.
bool LooseSkips(const SentenceView& s, bool loose, std::uint32_t i) {
  if (!loose || !s.tagged) return false;
  Upos t = s.tags[i].upos;
  return t != Upos::kNoun && t != Upos::kAdj && t != Upos::kPropn && t != Upos::kVerb;
}

// The verb forms outside actors and asides; `loose`: any form tagged as a
// noun, adjective, name or verb (TABARI's reading when the tagger found none).
void CollectVerbs(const SentenceView& s, bool loose, std::vector<VerbHit>* verbs) {
  for (std::uint32_t i = 0; i < s.n; ++i) {
    if (s.sc.unit_at[i] != kNoUnit || s.sc.hidden[i]) continue;
    if (LooseSkips(s, loose, i)) continue;
    VerbMatch vm;
    if (!s.dicts.MatchVerb(s.sc.dict_words, i, &vm) || vm.verb != i) continue;
    if (WhyNoPredicate(s, loose, vm)) continue;
    verbs->push_back({vm, true});
    i = std::max(i, vm.end - 1);
  }
}

// Whether the tagger missed the sentence's main verb: every verb in `verbs`
// is an infinitive after "to" (none counts too) and no word outside asides
// reads as a finite verb ("Judge X orders/NOUN protestors to leave the
// building"; but "The Herald becomes the first paper to declare ...").
bool OnlyInfinitives(const SentenceView& s, std::span<const VerbHit> verbs) {
  for (const VerbHit& v : verbs)
    if (v.m.begin == 0 || s.W[v.m.begin - 1] != "to") return false;
  if (verbs.empty()) return true;
  for (std::uint32_t i = 0; i < s.n; ++i)
    if (!s.sc.hidden[i] && FiniteVerb(s, i)) return false;
  return true;
}

// Marks words [from, to) as set aside.
void Hide(const SentenceView& s, std::uint32_t from, std::uint32_t to) {
  for (std::uint32_t k = from; k < to && k < s.n; ++k) s.sc.hidden[k] = 1;
}

bool SetAside(std::uint32_t len, std::uint32_t lo, std::uint32_t hi) {
  return hi > 0 && len >= lo && len <= hi;
}

// Whether a word before `end`, outside asides, may be a verb: a closing clause
// follows a main clause; after a bare opening phrase ("On Friday, Russia
// threatened Ukraine.") the words after the comma are the main clause itself.
bool VerbBefore(const SentenceView& s, std::uint32_t end) {
  for (std::uint32_t k = 0; k < end; ++k) {
    if (s.sc.hidden[k]) continue;
    VerbMatch vm;
    if (s.tagged ? (s.tags[k].upos == Upos::kVerb || s.tags[k].upos == Upos::kAux)
                 : s.dicts.MatchVerb(s.sc.dict_words, k, &vm))
      return true;
  }
  return false;
}

// The words of a dateline opening an article ("WASHINGTON (Reuters) -",
// "BAMAKO, March 3 -", "NEW YORK, June 1 (AP) --"): a capitalised place, then
// commas, a date or an agency in parentheses, up to a dash. Returns the index
// after the dash, or 0 when the sentence opens with no dateline.
std::uint32_t DatelineEnd(std::span<const std::string_view> w) {
  auto all_caps = [](std::string_view x) {
    bool letter = false;
    for (unsigned char c : x) {
      if (std::islower(c)) return false;
      letter |= std::isupper(c) != 0;
    }
    return letter;
  };
  if (w.empty() || w[0].size() < 2 || !all_caps(w[0])) return 0;
  bool in_parens = false;
  for (std::uint32_t j = 1; j < w.size() && j <= 12; ++j) {
    std::string_view x = w[j];
    if (!in_parens && (x == "-" || x == "--" || x == "\u2013" || x == "\u2014")) return j + 1;
    if (x == "(")
      in_parens = true;
    else if (x == ")")
      in_parens = false;
    else if (!in_parens && x != "," && x != "." && !all_caps(x) &&
             !std::isdigit(static_cast<unsigned char>(x[0])) &&
             !std::isupper(static_cast<unsigned char>(x[0])))
      return 0;  // a lower-case word outside parentheses: running text
  }
  return 0;
}

// Comma clauses by CoderOptions::comma: the opening clause, asides between
// two commas, the closing clause.
// Whether the words after the comma at `comma` open with an auxiliary: "X,
// known for leading battles against the rebels, is killed by a landmine, ..."
// -- the sentence's own predicate after a long aside, never an aside itself.
bool OpensWithAuxiliary(const SentenceView& s, std::uint32_t comma) {
  return s.tagged && comma + 1 < s.n && s.tags[comma + 1].upos == Upos::kAux;
}

// Whether the words after the last comma (`last`) are the sentence's own
// predicate after a subject with a long aside: "Simon Mann, a British
// mercenary who had been serving a 34-year prison sentence ..., is given a
// presidential pardon", "X, who was arrested in Taiwan ..., is released from
// jail". They open with an auxiliary, or with a finite verb when nothing
// before the first comma (`first`) is a verb (", said the minister" after a
// clause of its own stays an aside).
bool PredicateAfterSubjectAside(const SentenceView& s, std::uint32_t first, std::uint32_t last) {
  if (!s.tagged || first == last || last + 1 >= s.n) return false;
  if (OpensWithAuxiliary(s, last)) return true;
  if (!FiniteVerb(s, last + 1)) return false;
  for (std::uint32_t p = 0; p < first; ++p)
    if (s.tags[p].upos == Upos::kVerb || s.tags[p].upos == Upos::kAux) return false;
  return true;
}

// Whether the closing clause after the comma at `comma` opens with a
// participle of harm ("A bomb detonates in Bani Jamra, Bahrain, injuring 3
// police officers", "..., killing at least 35"): the outcome of the event
// before it, an event of its own, never an aside (", citing security
// concerns" and ", saying ..." stay asides).
bool OpensWithHarmParticiple(const SentenceView& s, std::uint32_t comma, bool closing) {
  std::uint32_t p = comma + 1;
  if (!s.tagged) return false;
  // (A closing ", most likely killed by Boko Haram": a passive participle with
  // its agent; an aside ", occupied by Egypt in 1948," stays an aside.)
  while (p + 1 < s.n && s.tags[p].upos == Upos::kAdv) ++p;
  if (p >= s.n) return false;
  const bool passive_with_agent =
      closing && s.tags[p].xpos == Xpos::kVBN && p + 1 < s.n && s.sc.dict_words[p + 1].text == "by";
  if (s.tags[p].xpos != Xpos::kVBG && !passive_with_agent) return false;
  // (Between two commas only with its victims: ", killing 26 people,", not
  // ", fighting to recover politically,".)
  if (!closing && !OpensObject(s, p + 1)) return false;
  VerbMatch vm;
  if (!s.dicts.MatchVerb(s.sc.dict_words, p, &vm) || vm.verb != p) return false;
  VerbCode vc = vm.form->code;
  if (vc.code == kNone) vc = s.dicts.Block(vm.form->block).code;
  return vc.code != kNone && s.dicts.code(vc.code).kind == CodeKind::kNormal &&
         IsHarm(s.dicts.code(vc.code).text);
}

// Whether the words between the first two commas (`first`, `second`) are the
// main clause after an opening phrase, not an aside: "In Azerbaijan, president
// Ilham Aliyev announces pardons for 114 people, including ...", "In Iraq,
// gunmen kill five people, police say". The opening starts with a preposition
// or an adverb and holds no verb; the words hold a finite verb ("In Iraq, a
// country at war, gunmen ..." keeps its aside).
bool MainClauseAfterOpening(const SentenceView& s, std::uint32_t first, std::uint32_t second) {
  if (!s.tagged || first == 0) return false;
  if (s.tags[0].upos != Upos::kAdp && s.tags[0].upos != Upos::kAdv) return false;
  if (VerbBefore(s, first)) return false;
  if (IsOneOf(s.W[first + 1], {"who", "which", "whose", "where", "when"})) return false;
  for (std::uint32_t k = first + 1; k < second; ++k)
    if (FiniteVerb(s, k)) return true;
  return false;
}

void HideCommaClauses(const SentenceView& s) {
  const auto& W = s.W;
  std::vector<std::uint32_t> commas;
  for (std::uint32_t i = 0; i < s.n; ++i)
    if (W[i] == "," && s.sc.boundary[i]) commas.push_back(i);
  const CommaClauses& cc = s.options.comma;
  if (!commas.empty() && SetAside(commas.front(), cc.begin_min, cc.begin_max))
    Hide(s, 0, commas.front() + 1);
  for (std::size_t c = 0; c + 1 < commas.size(); ++c) {
    std::uint32_t len = commas[c + 1] - commas[c] - 1;
    // (", killing 26 people, including 16 miners": the outcome, not an aside.)
    if (SetAside(len, cc.min, cc.max) && !OpensWithAuxiliary(s, commas[c]) &&
        !OpensWithMainVerb(s, commas[c]) && !OpensWithHarmParticiple(s, commas[c], false) &&
        !(c == 0 && MainClauseAfterOpening(s, commas[0], commas[1]))) {
      Hide(s, commas[c], commas[c + 1] + 1);
      ++c;
    }
  }
  if (!commas.empty() && !s.sc.hidden[commas.back()] && VerbBefore(s, commas.back()) &&
      !PredicateAfterSubjectAside(s, commas.front(), commas.back()) &&
      !OpensWithHarmParticiple(s, commas.back(), true)) {
    std::uint32_t last = s.n;
    while (last > commas.back() + 1 &&
           (W[last - 1] == "." || W[last - 1] == "!" || W[last - 1] == "?" || W[last - 1] == "\"" ||
            W[last - 1] == "'"))
      --last;
    std::uint32_t len = last - commas.back() - 1;
    if (SetAside(len, cc.end_min, cc.end_max)) Hide(s, commas.back(), s.n);
  }
}

// Whether the subordinator at word i opens an adverbial clause with its own
// subject and finite verb ("Indian police arrest 29 people after separatists
// kill 29 Muslims", "... when their ship sinks"): a clause of its own, whose
// verb neither takes the main clause's subject nor is blocked by its event.
// "after the attack", "after fighting", "since 2010" open no clause.
bool OpensSubordinateClause(const SentenceView& s, std::uint32_t i) {
  if (!s.tagged || i == 0 || i + 2 >= s.n) return false;
  if (!IsOneOf(s.W[i], {"after", "before", "when", "because", "since", "until", "once", "although",
                        "though", "whereas", "unless"}))
    return false;
  if (s.tags[i].upos != Upos::kSconj && s.tags[i].upos != Upos::kAdp) return false;
  const Upos next = s.tags[i + 1].upos;
  if (next == Upos::kVerb || next == Upos::kAux) return false;  // "after killing"
  constexpr std::uint32_t kMaxSubjectWords = 12;
  for (std::uint32_t p = i + 2; p < s.n && p <= i + 1 + kMaxSubjectWords; ++p) {
    if (IsClausePunct(s.W[p]) || IsSubordinator(s.W[p])) return false;
    // (Headline present tense may be tagged VB: "after separatists kill".)
    const Xpos x = s.tags[p].xpos;
    if (FiniteVerb(s, p) ||
        (s.tags[p].upos == Upos::kVerb && x != Xpos::kVBG && x != Xpos::kVBN && s.W[p - 1] != "to"))
      return true;
  }
  return false;
}

// Whether "that", "which" or "who" at word i opens a relative clause whose
// verb follows it ("in response to a suicide bombing that killed 14 people",
// "the officer who shot a woman"): a clause of its own after its noun.
// "says that X ...", "the claim that X must" are no relative clauses.
bool OpensRelativeClause(const SentenceView& s, std::uint32_t i) {
  if (!s.tagged || i == 0 || i + 1 >= s.n || !IsOneOf(s.W[i], {"that", "which", "who"}))
    return false;
  const Upos before = s.tags[i - 1].upos;
  if (before != Upos::kNoun && before != Upos::kPropn && s.sc.unit_at[i - 1] == kNoUnit)
    return false;
  std::uint32_t v = i + 1;
  while (v + 1 < s.n && s.tags[v].upos == Upos::kAdv) ++v;
  return FiniteVerb(s, v);
}

}  // namespace

void MarkBoundaries(const SentenceView& s) {
  const auto& W = s.W;
  auto& boundary = s.sc.boundary;
  boundary.assign(s.n, 0);
  for (std::uint32_t i = 0; i < s.n; ++i) {
    if (s.sc.is_group_join[i]) continue;
    if (IsClausePunct(W[i]) || IsConjunction(W[i]) || OpensSubordinateClause(s, i) ||
        OpensRelativeClause(s, i))
      boundary[i] = 1;
    // "Maricopa County, Arizona sheriff Joe Arpaio": one phrase.
    if (W[i] == "," && CommaInsidePlaceOfTitle(s, i)) boundary[i] = 0;
    // "death and injury toll": "and" inside a noun phrase joins no clauses.
    if (s.tagged && boundary[i] && IsOneOf(W[i], {"and", "or"}) && i > 0 && i + 1 < s.n) {
      auto nominal = [&](std::uint32_t k) {
        return s.tags[k].upos == Upos::kNoun || s.tags[k].upos == Upos::kAdj;
      };
      if (nominal(i - 1) && nominal(i + 1) && s.sc.unit_at[i - 1] == kNoUnit &&
          s.sc.unit_at[i + 1] == kNoUnit)
        boundary[i] = 0;
    }
  }
}

// By default an aside of 2-8 words between two commas (", in remarks
// published on Monday,") and a closing clause of 2-8 words (", a senior
// official said on Saturday.") are set aside: no actors, verbs or boundaries
// are read in them. Commas inside adjective lists ("complete, full ties") and
// compound actors are not clause commas at all.
void SetAsides(const SentenceView& s) {
  const auto& W = s.W;
  for (std::uint32_t i = 0; i < s.n; ++i) {
    if (W[i] == "," && s.sc.boundary[i] && s.tagged && i > 0 && i + 1 < s.n &&
        s.tags[i - 1].upos == Upos::kAdj && s.tags[i + 1].upos == Upos::kAdj)
      s.sc.boundary[i] = 0;
  }
  s.sc.hidden.assign(s.n, 0);
  HideCommaClauses(s);
  // An article's dateline names where it was filed, not an actor.
  if (s.t0 == 0) Hide(s, 0, DatelineEnd(W));
  // A short parenthesis ("the European Union (EU)") is an aside too.
  for (std::uint32_t i = 0; i < s.n; ++i) {
    if (W[i] != "(") continue;
    std::uint32_t j = i + 1;
    while (j < s.n && j <= i + 9 && W[j] != ")") ++j;
    if (j < s.n && W[j] == ")") Hide(s, i, j + 1);
  }
  for (std::uint32_t k = 0; k < s.n; ++k) {
    if (!s.sc.hidden[k]) continue;
    s.sc.boundary[k] = 0;
    s.sc.unit_at[k] = kNoUnit;
  }
}

void MarkVerbish(const SentenceView& s) {
  s.sc.verbish.assign(s.n, 1);
  if (!s.tagged) return;
  for (std::uint32_t i = 0; i < s.n; ++i) s.sc.verbish[i] = s.tags[i].upos == Upos::kVerb;
}

void TraceNonPredicates(const SentenceView& s, std::span<const VerbHit> verbs,
                        SentenceCoding* out) {
  std::vector<VerbHit> strict;
  if (s.tagged) CollectVerbs(s, false, &strict);
  const bool loose = s.tagged && OnlyInfinitives(s, strict);
  for (std::uint32_t i = 0; i < s.n; ++i) {
    VerbMatch vm;
    if (!s.dicts.MatchVerb(s.sc.dict_words, i, &vm) || vm.verb != i) continue;
    bool found = false;
    for (const VerbHit& v : verbs) found |= v.m.verb == i;
    if (found) continue;
    const char* why = nullptr;
    if (s.sc.hidden[i])
      why = "inside a set-aside comma clause or parenthesis";
    else if (s.sc.unit_at[i] != kNoUnit)
      why = "inside an actor phrase";
    else if (LooseSkips(s, loose, i))
      why = "not read as a verb by the tagger";
    else if (!(why = WhyNoPredicate(s, loose, vm)))
      why = "inside a verb phrase read before it";
    Append(&out->trace, {"verb form ", s.W[i], ": no predicate: ", why, "\n"});
  }
}

void FindVerbs(const SentenceView& s, std::vector<VerbHit>* verbs) {
  if (s.tagged) RescueVerbsAfterActors(s);
  if (s.tagged) RescueHeadlineVerbs(s);
  if (s.tagged) RescuePassiveParticiples(s);
  CollectVerbs(s, false, verbs);
  // The tagger can miss a verb in odd prose ("left yesterday for"): with no
  // tagged verb in the sentence, or only infinitives after "to" (the main
  // verb missed: "Judge X orders/NOUN protestors to leave the building"),
  // fall back to TABARI's reading of any verb form.
  if (s.tagged && OnlyInfinitives(s, *verbs)) {
    verbs->clear();
    CollectVerbs(s, true, verbs);
  }
}

}  // namespace dyad::coder
