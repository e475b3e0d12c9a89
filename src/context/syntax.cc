// Copyright dyad authors. Stage `context`: place, date and modality of an
// event from the dependency tree of its sentence. docs/formats/context.md
// ("From the tree") states the rules.
#include "context/syntax.h"

#include <algorithm>

namespace dyad {
namespace {

constexpr std::uint32_t kRoles = kRoleLocation | kRoleDestination | kRoleOrigin;

bool InClause(std::span<const std::uint32_t> clause, std::int32_t node) {
  return node >= 0 &&
         std::find(clause.begin(), clause.end(), static_cast<std::uint32_t>(node)) != clause.end();
}

// First child of `node` with relation `rel`, or -1.
std::int32_t ChildWith(const TreeView& t, std::uint32_t node, Rel rel) {
  for (std::uint32_t j = 0; j < t.count; ++j)
    if (t.Head(j) == static_cast<std::int32_t>(node) && t.RelOf(j) == rel)
      return static_cast<std::int32_t>(j);
  return -1;
}

bool IsNominal(const TreeView& t, std::uint32_t i) {
  if (t.tags.empty()) return true;
  Upos u = t.tags[i].upos;
  return u == Upos::kNoun || u == Upos::kPropn || u == Upos::kPron || u == Upos::kNum;
}

// The role bits of `node`'s case word; *of is set for "of".
std::uint32_t CaseRole(const TreeView& t, std::uint32_t node, bool* of) {
  *of = false;
  std::int32_t c = ChildWith(t, node, Rel::kCase);
  if (c < 0) return 0;
  const auto ci = static_cast<std::uint32_t>(c);
  std::string_view w = t.Text(ci);
  if (EqualsLower(w, "of")) {
    *of = true;
    return 0;
  }
  // "over" is rarely a place ("sanctions over the war"); "for" a purpose.
  if (EqualsLower(w, "over") || EqualsLower(w, "for")) return 0;
  return t.cls[ci] & kRoles;
}

// A relation inside one noun phrase, walked up from a name to the phrase head.
bool PhraseInternal(Rel r) {
  return r == Rel::kCompound || r == Rel::kFlat || r == Rel::kAppos || r == Rel::kAmod ||
         r == Rel::kConj || r == Rel::kNummod;
}

bool IsRole(std::uint32_t role) { return (role & kRoles) != 0; }

// A month, weekday or time word ("for October in Tokyo").
bool IsTimeNoun(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "january",   "february",  "march",   "april",    "may",      "june",    "july",
      "august",    "september", "october", "november", "december", "monday",  "tuesday",
      "wednesday", "thursday",  "friday",  "saturday", "sunday",   "morning", "afternoon",
      "evening",   "night",     "week",    "weekend",  "month",    "year",    "day"};
  for (std::string_view k : kWords)
    if (EqualsLower(w, k)) return true;
  return false;
}

// A locative inside a locative or a time phrase: "at a tourist site in Yemen"
// (Yemen -> site), "a meeting for October in Tokyo" (Tokyo -> October).
bool LocativeLink(const TreeView& t, std::uint32_t cur) {
  const Rel r = t.RelOf(cur);
  const std::int32_t h = t.Head(cur);
  if (h < 0 || (r != Rel::kNmod && r != Rel::kObl)) return false;
  bool of = false;
  if (!(CaseRole(t, cur, &of) & kRoleLocation)) return false;
  const auto hu = static_cast<std::uint32_t>(h);
  return (CaseRole(t, hu, &of) & kRoleLocation) != 0 || IsTimeNoun(t.Text(hu));
}

// The clause's patient: its object, or a phrase of it with on/against/at/upon
// ("the attack on the consulate"). Not "sanctions over the war".
bool IsPatient(const TreeView& t, std::span<const std::uint32_t> clause, std::uint32_t node) {
  // "kill 23 civilians and four soldiers in ...": a conjunct of the patient.
  for (int k = 0; k < 4 && t.RelOf(node) == Rel::kConj && t.Head(node) >= 0; ++k)
    node = static_cast<std::uint32_t>(t.Head(node));
  if (!InClause(clause, t.Head(node))) return false;
  const Rel r = t.RelOf(node);
  if (r == Rel::kObj) return true;
  if (r != Rel::kNmod && r != Rel::kObl) return false;
  std::int32_t c = ChildWith(t, node, Rel::kCase);
  // A bare nmod is the object of a predicate mis-tagged as a noun ("kills/NNS
  // at least seven people").
  if (c < 0) return r == Rel::kNmod;
  std::string_view w = t.Text(static_cast<std::uint32_t>(c));
  // "the downing of Russian aircraft": the patient of an event noun.
  if (EqualsLower(w, "of")) return IsNominal(t, static_cast<std::uint32_t>(t.Head(node)));
  return EqualsLower(w, "on") || EqualsLower(w, "against") || EqualsLower(w, "at") ||
         EqualsLower(w, "upon");
}

// A conjunct that starts a clause of its own: its own subject, or "but".
bool OwnClauseConjunct(const TreeView& t, std::uint32_t node) {
  if (ChildWith(t, node, Rel::kNsubj) >= 0 || ChildWith(t, node, Rel::kNsubjPass) >= 0) return true;
  std::int32_t cc = ChildWith(t, node, Rel::kCc);
  if (cc < 0) return false;
  std::string_view w = t.Text(static_cast<std::uint32_t>(cc));
  return EqualsLower(w, "but") || EqualsLower(w, "yet") || EqualsLower(w, "while");
}

}  // namespace

Rel RelOfName(std::string_view name) {
  std::string_view base = name.substr(0, name.find(':'));
  std::string_view sub = name.size() > base.size() ? name.substr(base.size() + 1) : "";
  struct Pair {
    std::string_view name;
    Rel rel;
  };
  static constexpr Pair kPlain[] = {
      {"root", Rel::kRoot},     {"csubj", Rel::kCsubj},       {"obj", Rel::kObj},
      {"iobj", Rel::kIobj},     {"advmod", Rel::kAdvmod},     {"amod", Rel::kAmod},
      {"nummod", Rel::kNummod}, {"compound", Rel::kCompound}, {"flat", Rel::kFlat},
      {"appos", Rel::kAppos},   {"case", Rel::kCase},         {"mark", Rel::kMark},
      {"aux", Rel::kAux},       {"cop", Rel::kCop},           {"det", Rel::kDet},
      {"cc", Rel::kCc},         {"conj", Rel::kConj},         {"xcomp", Rel::kXcomp},
      {"ccomp", Rel::kCcomp},   {"advcl", Rel::kAdvcl},       {"parataxis", Rel::kParataxis},
  };
  // UD 2.13+: "obl:unmarked"/"nmod:unmarked" replace the temporal subtypes
  // ("last Tuesday"); "nmod:desc" is a title inside a name ("President Peña").
  if (name == "obl:unmarked") return Rel::kOblTmod;
  if (name == "nmod:unmarked") return Rel::kNmodTmod;
  if (name == "nmod:desc") return Rel::kFlat;
  if (base == "nsubj") return sub == "pass" ? Rel::kNsubjPass : Rel::kNsubj;
  if (base == "obl")
    return sub == "tmod" ? Rel::kOblTmod : sub == "npmod" ? Rel::kOblNpmod : Rel::kObl;
  if (base == "nmod") {
    if (sub == "poss") return Rel::kNmodPoss;
    if (sub == "tmod") return Rel::kNmodTmod;
    return sub == "npmod" ? Rel::kNmodNpmod : Rel::kNmod;
  }
  if (base == "acl") return sub == "relcl" ? Rel::kAclRelcl : Rel::kAcl;
  for (const Pair& p : kPlain)
    if (p.name == base) return p.rel;
  return Rel::kOther;
}

std::vector<Rel> RelTable(const Parser& parser) {
  std::vector<Rel> out(parser.DeprelCount());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = RelOfName(parser.DeprelName(static_cast<std::uint16_t>(i)));
  return out;
}

bool MakeTreeView(const Document& doc, std::uint32_t si, const DocumentTrees& trees,
                  std::span<const Rel> rels, std::span<const std::uint32_t> cls,
                  std::span<const PosTag> tags, std::uint32_t max_tokens, TreeView* out) {
  if (!trees.parser || trees.arcs.size() != doc.tokens.size() || si >= doc.sentences.size())
    return false;
  const Sentence& s = doc.sentences[si];
  if (s.token_count == 0 || s.token_count > max_tokens) return false;
  std::span<const DepArc> arcs = trees.arcs.subspan(s.first_token, s.token_count);
  for (const DepArc& a : arcs)
    if (a.head == kNoHead || a.head < kRootHead ||
        a.head >= static_cast<std::int32_t>(s.token_count))
      return false;
  out->doc = &doc;
  out->first = s.first_token;
  out->count = s.token_count;
  out->arcs = arcs;
  out->rels = rels;
  out->cls = cls.subspan(s.first_token, s.token_count);
  out->tags = tags.size() == doc.tokens.size() ? tags.subspan(s.first_token, s.token_count)
                                               : std::span<const PosTag>();
  return true;
}

std::int32_t PhraseHead(const TreeView& t, std::uint32_t first, std::uint32_t end) {
  if (first >= end || end > t.count) return -1;
  for (std::uint32_t i = first; i < end; ++i) {
    std::int32_t h = t.Head(i);
    if (h < static_cast<std::int32_t>(first) || h >= static_cast<std::int32_t>(end))
      return static_cast<std::int32_t>(i);
  }
  return static_cast<std::int32_t>(first);
}

// Whether `w` is an infinitive: it has the mark "to".
bool HasToMark(const TreeView& t, std::uint32_t w) {
  for (std::uint32_t j = 0; j < t.count; ++j)
    if (t.Head(j) == static_cast<std::int32_t>(w) && t.RelOf(j) == Rel::kMark && t.Text(j) == "to")
      return true;
  return false;
}

void PredicateClause(const TreeView& t, std::uint32_t pred, std::vector<std::uint32_t>* clause) {
  clause->clear();
  if (pred >= t.count) return;
  clause->push_back(pred);
  std::uint32_t cur = pred;
  // An event noun's light verb: "held a protest", "an explosion killed".
  Rel r = t.RelOf(cur);
  std::int32_t h = t.Head(cur);
  if (h >= 0 && IsNominal(t, cur) && (r == Rel::kObj || r == Rel::kNsubj || r == Rel::kNsubjPass)) {
    cur = static_cast<std::uint32_t>(h);
    clause->push_back(cur);
  }
  while (clause->size() < 8) {
    r = t.RelOf(cur);
    h = t.Head(cur);
    if (h < 0 || InClause(*clause, h)) break;
    if (r == Rel::kXcomp || (r == Rel::kConj && !OwnClauseConjunct(t, cur))) {
      cur = static_cast<std::uint32_t>(h);
      clause->push_back(cur);
      continue;
    }
    // "may cancel his plans to visit": an infinitive on the object of a verb
    // belongs to that verb's clause (the parser reads it as acl or xcomp).
    const std::int32_t governor = t.Head(static_cast<std::uint32_t>(h));
    if (r == Rel::kAcl && t.RelOf(static_cast<std::uint32_t>(h)) == Rel::kObj && governor >= 0 &&
        !InClause(*clause, governor)) {
      cur = static_cast<std::uint32_t>(governor);
      clause->push_back(cur);
      continue;
    }
    // ... and so does a purpose infinitive read as advcl ("cancel his plans to visit").
    if (r == Rel::kAdvcl && HasToMark(t, cur)) {
      cur = static_cast<std::uint32_t>(h);
      clause->push_back(cur);
      continue;
    }
    break;
  }
}

void AddConjuncts(const TreeView& t, std::vector<std::uint32_t>* clause) {
  // "Thursday's rocket attacks ... that killed 23": the noun a relative
  // clause describes is the event's.
  if (!clause->empty() && t.RelOf(clause->front()) == Rel::kAclRelcl &&
      t.Head(clause->front()) >= 0 && !InClause(*clause, t.Head(clause->front())))
    clause->push_back(static_cast<std::uint32_t>(t.Head(clause->front())));
  const std::size_t n = clause->size();
  for (std::uint32_t j = 0; j < t.count && clause->size() < 16; ++j) {
    if (t.RelOf(j) != Rel::kConj || OwnClauseConjunct(t, j)) continue;
    const std::int32_t h = t.Head(j);
    if (InClause(std::span<const std::uint32_t>(*clause).first(n), h) && !InClause(*clause, j))
      clause->push_back(j);
  }
}

std::uint32_t OwnPlaceRole(const TreeView& t, std::span<const std::uint32_t> clause,
                           std::uint32_t first, std::uint32_t end) {
  std::int32_t ph = PhraseHead(t, first, end);
  if (ph < 0) return 0;
  auto cur = static_cast<std::uint32_t>(ph);
  bool of = false, walked_of = false;
  std::uint32_t role = CaseRole(t, cur, &of);
  for (int step = 0; step < 6; ++step) {
    const Rel r = t.RelOf(cur);
    const std::int32_t h = t.Head(cur);
    if (h < 0) return 0;
    if (InClause(clause, h)) {
      if (r == Rel::kObl || r == Rel::kNmod || r == Rel::kOblNpmod || r == Rel::kNmodNpmod ||
          r == Rel::kAdvmod) {
        if (IsRole(role)) return role;
        // "the capture of Mosul", "took control of the city of Jenin": the
        // "of" patient of the clause's event noun.
        if (r == Rel::kNmod && of && IsNominal(t, static_cast<std::uint32_t>(h)))
          return kRoleLocation;
        // "north of Baghdad", "20 km from the border of": a direction word.
        return walked_of && (r == Rel::kAdvmod || r == Rel::kOblNpmod)
                   ? std::uint32_t{kRoleLocation}
                   : 0u;
      }
      // "attacked the village of Dwelah", "Mosul was recaptured".
      if ((r == Rel::kObj || r == Rel::kNsubjPass) && !IsRole(role)) return kRoleLocation;
      return 0;
    }
    // "killed five people in Mosul", "the attack on the consulate in Benghazi":
    // a locative on the clause's patient is the event's place.
    if (r == Rel::kNmod && (role & kRoleLocation) &&
        IsPatient(t, clause, static_cast<std::uint32_t>(h)))
      return kRoleLocation;
    const bool of_link = (r == Rel::kNmod || r == Rel::kObl) && of;
    if (!PhraseInternal(r) && !of_link && !LocativeLink(t, cur)) return 0;
    walked_of |= of_link;
    cur = static_cast<std::uint32_t>(h);
    if (!IsRole(role))
      role = CaseRole(t, cur, &of);
    else
      CaseRole(t, cur, &of);
  }
  return 0;
}

bool InsideOtherArgument(const TreeView& t, std::span<const std::uint32_t> clause,
                         std::uint32_t first, std::uint32_t end) {
  std::int32_t ph = PhraseHead(t, first, end);
  if (ph < 0) return false;
  auto cur = static_cast<std::uint32_t>(ph);
  for (int step = 0; step < 6; ++step) {
    const Rel r = t.RelOf(cur);
    const std::int32_t h = t.Head(cur);
    if (h < 0 || InClause(clause, h)) return false;
    bool of = false;
    CaseRole(t, cur, &of);
    if (PhraseInternal(r) || ((r == Rel::kNmod || r == Rel::kObl) && of) || LocativeLink(t, cur)) {
      cur = static_cast<std::uint32_t>(h);
      continue;
    }
    if (r != Rel::kNmod && r != Rel::kObl) return false;
    const auto hu = static_cast<std::uint32_t>(h);
    return IsNominal(t, hu) && !t.tags.empty() && !IsPatient(t, clause, hu);
  }
  return false;
}

bool IsOwnTemporal(const TreeView& t, std::span<const std::uint32_t> clause, std::uint32_t first,
                   std::uint32_t end) {
  std::int32_t ph = PhraseHead(t, first, end);
  if (ph < 0) return false;
  auto cur = static_cast<std::uint32_t>(ph);
  for (int step = 0; step < 6; ++step) {
    const Rel r = t.RelOf(cur);
    const std::int32_t h = t.Head(cur);
    if (h < 0) return false;
    if (InClause(clause, h)) {
      switch (r) {
        case Rel::kObl:
        case Rel::kOblTmod:
        case Rel::kOblNpmod:
        case Rel::kNmod:
        case Rel::kNmodPoss:
        case Rel::kNmodTmod:
        case Rel::kNmodNpmod:
        case Rel::kAdvmod:
        case Rel::kCompound:
        case Rel::kAmod:
        case Rel::kNummod:
          return true;
        default:
          return false;
      }
    }
    bool of = false;
    CaseRole(t, cur, &of);
    // "on the morning of 12 March", "in the first week of May".
    if (!PhraseInternal(r) && !(r == Rel::kNmod && of)) return false;
    cur = static_cast<std::uint32_t>(h);
  }
  return false;
}

namespace {

// Cues among the function words of one clause token: negation, modal
// auxiliaries, "if"/"unless". Returns whether a modal was seen.
bool ReadFunctionWords(const TreeView& t, std::uint32_t node, ModalityCues* m) {
  bool modal = false;
  for (std::uint32_t j = 0; j < t.count; ++j) {
    if (t.Head(j) != static_cast<std::int32_t>(node)) continue;
    const Rel r = t.RelOf(j);
    if (r != Rel::kAux && r != Rel::kAdvmod && r != Rel::kMark && r != Rel::kDet &&
        r != Rel::kCop && r != Rel::kCase)
      continue;
    const std::uint32_t c = t.cls[j];
    std::string_view w = t.Text(j);
    if ((c & kNegation) && !(j + 1 < t.count && EqualsLower(t.Text(j + 1), "only")))
      m->negated = true;
    if (c & kCondition) m->hypothetical = true;
    if (r != Rel::kAux && r != Rel::kAdvmod) continue;
    const bool md = t.tags.empty() || t.tags[j].xpos == Xpos::kMD;
    if ((c & kModal) && !md) continue;
    if (c & kModal) modal = true;
    if ((c & kPlanned) && (c & kModal)) {
      m->planned = true;
      if (EqualsLower(w, "will") || EqualsLower(w, "shall") || EqualsLower(w, "'ll"))
        m->future = true;
    }
    if ((c & kPossible) && !EqualsLower(w, "soon")) m->possible = true;
  }
  return modal;
}

// "would attack ... if": a conditional clause under a modal clause token.
bool HasConditionalClause(const TreeView& t, std::uint32_t node) {
  for (std::uint32_t j = 0; j < t.count; ++j) {
    if (t.Head(j) != static_cast<std::int32_t>(node) || t.RelOf(j) != Rel::kAdvcl) continue;
    std::int32_t mk = ChildWith(t, j, Rel::kMark);
    if (mk >= 0 && (t.cls[static_cast<std::uint32_t>(mk)] & kCondition)) return true;
  }
  return false;
}

// The cue a governing verb or noun carries by its own word. `of_noun`: it
// governs an event noun as its argument ("agreed a ceasefire" is no plan,
// "denied the attack" is a denial).
void ReadGovernorWord(const TreeView& t, std::uint32_t node, bool of_noun, ModalityCues* m) {
  const std::uint32_t c = t.cls[node];
  if (of_noun) {
    if (c & kRequest) m->requested = true;
    if (c & kDeny) m->denied = true;
    return;
  }
  if ((c & kPlanned) && !(c & kModal)) m->planned = true;
  if (c & kRequest) m->requested = true;
  if (c & kDeny) m->denied = true;
  if ((c & kPossible) && !(c & kModal) && !EqualsLower(t.Text(node), "soon")) m->possible = true;
}

// A noun that is an argument of its head verb.
bool IsNounArgument(const TreeView& t, std::uint32_t cur) {
  const Rel r = t.RelOf(cur);
  return t.Head(cur) >= 0 && IsNominal(t, cur) &&
         (r == Rel::kObj || r == Rel::kObl || r == Rel::kNsubj || r == Rel::kNsubjPass);
}

// The next governor above `cur`, or -1: through complement clauses, and from
// a noun to the verb it is an argument of.
std::int32_t NextGovernor(const TreeView& t, std::uint32_t cur) {
  const Rel r = t.RelOf(cur);
  const std::int32_t h = t.Head(cur);
  if (h < 0) return -1;
  if (r == Rel::kXcomp || r == Rel::kCcomp || r == Rel::kCsubj || r == Rel::kAcl) return h;
  return IsNounArgument(t, cur) ? h : -1;
}

}  // namespace

ModalityCues ReadTreeModality(const TreeView& t, std::span<const std::uint32_t> clause) {
  ModalityCues m;
  if (clause.empty()) return m;
  bool modal = false, conditional = false;
  for (std::size_t k = 0; k < clause.size(); ++k) {
    modal |= ReadFunctionWords(t, clause[k], &m);
    conditional |= HasConditionalClause(t, clause[k]);
    // "plans to", "urged X to"; a light verb only as "denied the attack".
    if (k > 0) ReadGovernorWord(t, clause[k], IsNounArgument(t, clause[k - 1]), &m);
  }
  if (modal && conditional) m.hypothetical = true;
  std::uint32_t cur = clause.back();
  for (int step = 0; step < 8; ++step) {
    std::int32_t g = NextGovernor(t, cur);
    if (g < 0) break;
    const auto gi = static_cast<std::uint32_t>(g);
    // Reported speech: "said they will attack" is read in its own clause.
    if ((t.cls[gi] & kReportVerb) && !(t.cls[gi] & kDeny)) break;
    ReadGovernorWord(t, gi, IsNounArgument(t, cur), &m);
    ModalityCues gov;
    ReadFunctionWords(t, gi, &gov);
    m.negated |= gov.negated;
    m.hypothetical |= gov.hypothetical;
    cur = gi;
  }
  return m;
}

}  // namespace dyad
