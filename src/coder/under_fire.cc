// Copyright dyad authors. Attacks reported from the victim's side: "Iraqi
// forces came under heavy fire from ISIL fighters", "the convoy came under
// attack by Taliban militants", "troops received machine gun fire from
// militants". The subject is the target, the "from"/"by" phrase the source;
// without an armed side it is criticism ("Johnson is under fire for ...");
// a verb reading of the noun ("attack" as a verb) is no predicate here
// (predicates.cc, NounReading).
#include <cstdint>
#include <string_view>

#include "steps.h"

namespace dyad::coder {
namespace {

bool IsComeOrBe(std::string_view w) {
  return IsOneOf(w, {"came", "come", "comes", "coming", "was", "were", "is", "are", "been",
                     "remained", "remain", "remains"});
}

bool IsReceive(std::string_view w) {
  return IsOneOf(w, {"received", "receive", "receives", "receiving", "took", "take", "takes",
                     "taking", "drew", "draws"});
}

// The CAMEO code of the attack noun at word `p`, or "" for no such noun.
std::string_view AttackNounCode(std::string_view w, bool after_under) {
  if (IsOneOf(w, {"shelling", "bombardment", "bombardments"})) return "194";
  if (IsOneOf(w, {"fire", "gunfire"})) return "190";
  if (after_under && IsOneOf(w, {"attack", "attacks", "assault", "assaults"})) return "190";
  return {};
}

// The coded unit that ends right before word `v` (the verb), adverbs and
// auxiliaries passed over, or kNoUnit.
std::int32_t UnitBeforeVerb(const SentenceView& s, std::uint32_t v) {
  std::uint32_t b = v;
  while (b > 0 && s.sc.unit_at[b - 1] == kNoUnit &&
         (s.tags[b - 1].upos == Upos::kAdv || s.tags[b - 1].upos == Upos::kAux))
    --b;
  if (b == 0) return kNoUnit;
  const std::int32_t u = s.sc.unit_at[b - 1];
  return u != kNoUnit && !s.sc.units[static_cast<std::size_t>(u)].code.empty() ? u : kNoUnit;
}

// The coded unit after "from"/"by" at word `p` (modifiers passed over), or
// kNoUnit.
std::int32_t AgentAfter(const SentenceView& s, std::uint32_t p) {
  if (p >= s.n || !IsOneOf(s.sc.dict_words[p].text, {"from", "by"})) return kNoUnit;
  return CodedUnitAfterModifiers(s, p + 1, s.n);
}

// Whether unit `u` is armed: a code with a military, police, rebel,
// insurgent, separatist or unidentified armed sector ("IMGINS", "AFGMIL").
bool Armed(const SentenceView& s, std::int32_t u) {
  if (u == kNoUnit) return false;
  // (One code per member of a compound; IsOneOf compares lower case.)
  for (std::string_view code : s.sc.units[static_cast<std::size_t>(u)].codes)
    for (std::size_t at = 0; at + 3 <= code.size(); at += 3)
      if (IsOneOf(code.substr(at, 3), {"mil", "cop", "reb", "ins", "sep", "uaf", "crm", "spy"}))
        return true;
  return false;
}

// The code of "under fire/attack" at noun `p` between `src` and `tgt`: force
// when an armed side is named or the weapon is ("shelling", "gunfire"),
// else criticism ("Johnson is under fire for failing to deliver", "the Bank
// had come under fire from the poorest countries").
std::string_view UnderFireCode(const SentenceView& s, std::uint32_t p, std::string_view force,
                               std::int32_t src, std::int32_t tgt) {
  if (p + 1 < s.n && s.sc.dict_words[p + 1].text == "for") return "111";
  if (Armed(s, src) || (src == kNoUnit && Armed(s, tgt))) return force;
  if (IsOneOf(s.sc.dict_words[p].text, {"shelling", "bombardment", "bombardments", "gunfire"}))
    return force;
  return "111";
}

}  // namespace

bool UnderAttackNoun(const SentenceView& s, std::uint32_t p) {
  std::uint32_t b = p;
  while (b > 0 && (s.tags[b - 1].upos == Upos::kAdj || s.tags[b - 1].upos == Upos::kNoun) &&
         s.sc.unit_at[b - 1] == kNoUnit && p - b < 4)
    --b;
  return b > 1 && s.sc.dict_words[b - 1].text == "under" &&
         IsComeOrBe(s.sc.dict_words[b - 2].text) &&
         !AttackNounCode(s.sc.dict_words[p].text, true).empty();
}

void CodeUnderFire(const SentenceView& s, SentenceCoding* out) {
  for (std::uint32_t v = 1; v + 2 < s.n; ++v) {
    const std::string_view w = s.sc.dict_words[v].text;
    const bool under = w == "under" && IsComeOrBe(s.sc.dict_words[v - 1].text);
    if (!under && !IsReceive(w)) continue;
    // The attack noun after up to three modifiers ("heavy machine gun fire").
    std::uint32_t p = v + 1;
    while (p < s.n && p < v + 5 && s.sc.unit_at[p] == kNoUnit &&
           AttackNounCode(s.sc.dict_words[p].text, under).empty() &&
           (s.tags[p].upos == Upos::kAdj || s.tags[p].upos == Upos::kNoun || IsDeterminer(s.W[p])))
      ++p;
    if (p >= s.n) continue;
    const std::string_view cameo = AttackNounCode(s.sc.dict_words[p].text, under);
    if (cameo.empty()) continue;
    const std::int32_t src = AgentAfter(s, p + 1);
    const std::int32_t tgt = UnitBeforeVerb(s, under ? v - 1 : v);
    // ("received fire" needs its "from": "received a fire service award".)
    if (src == kNoUnit && (!under || tgt == kNoUnit)) continue;
    if (s.options.require_dyad && (src == kNoUnit || tgt == kNoUnit)) continue;
    CodedEvent ev;
    ev.cameo = std::string(UnderFireCode(s, p, cameo, src, tgt));
    ev.verb_first_token = s.t0 + v;
    ev.verb_end_token = s.t0 + p + 1;
    ev.rule = "coder:under-fire";
    if (s.options.trace)
      Append(&out->trace, {"frame ", s.W[v], " ... ", s.W[p], " [coder:under-fire]\n"});
    EmitUnitEvents(s, src, tgt, ev, out);
  }
}

}  // namespace dyad::coder
