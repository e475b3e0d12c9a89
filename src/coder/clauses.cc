// Copyright dyad authors. A parsed sentence read as clauses (see clauses.h).
#include "clauses.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace dyad::coder {

Rel RelFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, Rel> kNames[] = {
      {"root", Rel::kRoot},
      {"nsubj", Rel::kNsubj},
      {"nsubj:pass", Rel::kNsubjPass},
      {"obj", Rel::kObj},
      {"iobj", Rel::kIobj},
      {"obl", Rel::kObl},
      {"obl:agent", Rel::kOblAgent},
      {"obl:tmod", Rel::kOblTmod},
      {"obl:npmod", Rel::kObl},
      {"nmod", Rel::kNmod},
      {"nmod:poss", Rel::kNmodPoss},
      {"nmod:tmod", Rel::kOblTmod},
      {"nmod:npmod", Rel::kNmod},
      {"conj", Rel::kConj},
      {"xcomp", Rel::kXcomp},
      {"ccomp", Rel::kCcomp},
      {"advcl", Rel::kAdvcl},
      {"acl", Rel::kAcl},
      {"acl:relcl", Rel::kAclRelcl},
      {"case", Rel::kCase},
      {"aux", Rel::kAux},
      {"aux:pass", Rel::kAuxPass},
      {"cop", Rel::kCop},
      {"mark", Rel::kMark},
      {"appos", Rel::kAppos},
      {"compound", Rel::kCompound},
      {"amod", Rel::kAmod},
      {"flat", Rel::kFlat},
      {"flat:name", Rel::kFlat},
      {"det", Rel::kDet},
      {"det:poss", Rel::kNmodPoss},
      {"nummod", Rel::kNummod},
      {"advmod", Rel::kAdvmod},
      {"cc", Rel::kCc},
      {"csubj", Rel::kNsubj},
      {"expl", Rel::kNsubj},
  };
  for (const auto& [n, r] : kNames)
    if (n == name) return r;
  return Rel::kOther;
}

std::vector<Rel> RelTable(std::span<const std::string> deprel_names) {
  std::vector<Rel> out;
  out.reserve(deprel_names.size());
  for (const std::string& n : deprel_names) out.push_back(RelFromName(n));
  return out;
}

Clauses::Clauses(std::span<const DepArc> arcs, std::span<const Rel> rels,
                 std::span<const std::string_view> words, std::span<const PosTag> tags)
    : arcs_(arcs), rels_(rels), words_(words), tags_(tags) {
  for (const PosTag& t : tags_)
    has_finite_verb_ |=
        t.xpos == Xpos::kVBD || t.xpos == Xpos::kVBZ || t.xpos == Xpos::kVBP || t.xpos == Xpos::kMD;
}

Rel Clauses::rel(std::uint32_t w) const {
  if (w >= arcs_.size()) return Rel::kOther;
  std::uint16_t d = arcs_[w].deprel;
  return d < rels_.size() ? rels_[d] : Rel::kOther;
}

std::int32_t Clauses::head(std::uint32_t w) const {
  if (w >= arcs_.size()) return kNoWord;
  std::int32_t h = arcs_[w].head;
  return h >= 0 && static_cast<std::size_t>(h) < arcs_.size() ? h : kNoWord;
}

std::int32_t Clauses::Child(std::uint32_t w, Rel r) const {
  for (std::uint32_t k = 0; k < size(); ++k)
    if (head(k) == static_cast<std::int32_t>(w) && rel(k) == r) return static_cast<std::int32_t>(k);
  return kNoWord;
}

std::int32_t Clauses::CaseWord(std::uint32_t w) const {
  std::int32_t c = Child(w, Rel::kCase);
  return c != kNoWord ? c : Child(w, Rel::kMark);
}

bool Clauses::LowerIs(std::uint32_t w, std::initializer_list<std::string_view> set) const {
  if (w >= words_.size()) return false;
  std::string_view s = words_[w];
  for (std::string_view x : set) {
    if (x.size() != s.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < s.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(s[i])) == x[i];
    if (same) return true;
  }
  return false;
}

std::int32_t Clauses::Subject(std::uint32_t v) const {
  std::uint32_t w = v;
  for (int depth = 0; depth < 5; ++depth) {
    if (std::int32_t s = Child(w, Rel::kNsubj); s != kNoWord) {
      // "who", "that" of a relative clause stand for the noun it modifies.
      if (rel(w) == Rel::kAclRelcl &&
          LowerIs(static_cast<std::uint32_t>(s), {"who", "that", "which"}))
        return head(w);
      return s;
    }
    std::int32_t h = head(w);
    if (h == kNoWord) return kNoWord;
    switch (rel(w)) {
      case Rel::kConj: {  // "X attacked and burned": the first verb's subject
        // No "and"/"but": a mis-parsed reported clause ("outlets are reporting
        // the government is planning"): the object before it is its subject.
        std::int32_t o = Child(static_cast<std::uint32_t>(h), Rel::kObj);
        if (Child(w, Rel::kCc) == kNoWord && o != kNoWord && o < static_cast<std::int32_t>(w))
          return o;
        break;
      }
      case Rel::kXcomp:  // "urged Y to release" -> Y; "agreed to release" -> subject
        if (std::int32_t o = Child(static_cast<std::uint32_t>(h), Rel::kObj); o != kNoWord)
          return o;
        break;
      case Rel::kAclRelcl:  // "troops who entered": the troops
        return h;
      case Rel::kAcl: {  // "announced plans to expel": the subject of "announced"
        // A participle on a root noun is the sentence's main verb mis-tagged
        // ("Turkish police detained/VBN the mayor"): the noun is its subject.
        if (rel(static_cast<std::uint32_t>(h)) == Rel::kRoot) return h;
        if (tags_.size() <= w || tags_[w].xpos != Xpos::kVB) return kNoWord;
        std::int32_t verb = head(static_cast<std::uint32_t>(h));
        if (verb == kNoWord || rel(static_cast<std::uint32_t>(h)) != Rel::kObj) return kNoWord;
        w = static_cast<std::uint32_t>(verb);
        continue;
      }
      case Rel::kAdvcl:  // "..., killing five": the main clause's subject
        if (tags_.size() > w && tags_[w].xpos == Xpos::kVBG && Child(w, Rel::kMark) == kNoWord)
          break;
        return kNoWord;
      default:
        return kNoWord;
    }
    w = static_cast<std::uint32_t>(h);
  }
  return kNoWord;
}

bool Clauses::IsPronoun(std::uint32_t w) const {
  return LowerIs(w, {"it", "they", "he", "she", "we"});
}

std::int32_t Clauses::Antecedent(std::uint32_t pronoun) const {
  // Up from the pronoun's clause through "that"-clauses, "and" and "to"
  // chains to the first clause whose subject is no pronoun.
  std::int32_t clause = head(pronoun);
  for (int depth = 0; depth < 4 && clause != kNoWord; ++depth) {
    Rel r = rel(static_cast<std::uint32_t>(clause));
    if (r != Rel::kCcomp && r != Rel::kConj && r != Rel::kAdvcl && r != Rel::kXcomp) break;
    clause = head(static_cast<std::uint32_t>(clause));
    if (clause == kNoWord) break;
    std::int32_t s = Subject(static_cast<std::uint32_t>(clause));
    if (s != kNoWord && !IsPronoun(static_cast<std::uint32_t>(s))) return s;
  }
  return kNoWord;
}

bool Clauses::BePassive(std::uint32_t v) const {
  // "is shot dead" parsed with a plain aux: a form of "be" before a participle.
  if (tags_.size() <= v || tags_[v].xpos != Xpos::kVBN) return false;
  for (std::uint32_t k = 0; k < v; ++k)
    if (head(k) == static_cast<std::int32_t>(v) && rel(k) == Rel::kAux &&
        LowerIs(k, {"is", "are", "was", "were", "be", "been", "being"}))
      return true;
  return false;
}

bool Clauses::Passive(std::uint32_t v) const {
  if (Child(v, Rel::kNsubjPass) != kNoWord || Child(v, Rel::kAuxPass) != kNoWord) return true;
  if (BePassive(v)) return true;
  if (rel(v) != Rel::kAcl || tags_.size() <= v || tags_[v].xpos != Xpos::kVBN) return false;
  std::int32_t h = head(v);
  return h != kNoWord && rel(static_cast<std::uint32_t>(h)) != Rel::kRoot;
}

std::int32_t Clauses::PassiveSubject(std::uint32_t v) const {
  if (std::int32_t s = Child(v, Rel::kNsubjPass); s != kNoWord) return s;
  if (BePassive(v)) return Child(v, Rel::kNsubj);
  if (rel(v) == Rel::kAcl) return head(v);
  if (rel(v) == Rel::kConj && Child(v, Rel::kNsubj) == kNoWord) {
    std::int32_t h = head(v);
    if (h != kNoWord && Passive(static_cast<std::uint32_t>(h)))
      return PassiveSubject(static_cast<std::uint32_t>(h));
  }
  return kNoWord;
}

std::int32_t Clauses::Agent(std::uint32_t v) const {
  if (std::int32_t a = Child(v, Rel::kOblAgent); a != kNoWord) return a;
  return PrepObject(v, {"by"});
}

std::int32_t Clauses::Object(std::uint32_t v) const {
  if (std::int32_t o = Child(v, Rel::kObj); o != kNoWord) return o;
  return Child(v, Rel::kIobj);
}

std::int32_t Clauses::PrepObject(std::uint32_t w,
                                 std::initializer_list<std::string_view> preps) const {
  for (std::uint32_t k = 0; k < size(); ++k) {
    if (head(k) != static_cast<std::int32_t>(w)) continue;
    Rel r = rel(k);
    if (r != Rel::kObl && r != Rel::kNmod && r != Rel::kOblAgent) continue;
    std::int32_t c = Child(k, Rel::kCase);
    if (c != kNoWord && LowerIs(static_cast<std::uint32_t>(c), preps))
      return static_cast<std::int32_t>(k);
  }
  return kNoWord;
}

bool Clauses::Predicate(std::uint32_t w) const {
  // A finite verb form is a predicate whatever the parse says of it, and so
  // is a participle in a sentence with no finite verb: the tagger read a past
  // tense as a participle ("Ethiopian troops massacred/VBN civilians").
  if (tags_.size() <= w) return true;
  const Xpos x = tags_[w].xpos;
  if (x == Xpos::kVBD || x == Xpos::kVBZ || x == Xpos::kVBP) return true;
  if (x == Xpos::kVBN && !has_finite_verb_) return true;
  switch (rel(w)) {
    case Rel::kNsubj:
    case Rel::kNsubjPass:
    case Rel::kObj:
    case Rel::kIobj:
    case Rel::kObl:
    case Rel::kOblAgent:
    case Rel::kNmod:
    case Rel::kNmodPoss:
    case Rel::kAppos:
    case Rel::kCompound:
    case Rel::kAmod:
      // A gerund heading its own clause keeps its object ("by attacking X").
      return tags_.size() > w && tags_[w].xpos == Xpos::kVBG && Child(w, Rel::kObj) != kNoWord;
    default:
      return true;
  }
}

bool Clauses::Background(std::uint32_t v) const {
  if (tags_.size() <= v || tags_[v].xpos != Xpos::kVBG) return false;
  std::int32_t m = CaseWord(v);
  return m != kNoWord &&
         LowerIs(static_cast<std::uint32_t>(m), {"after", "before", "since", "despite", "following",
                                                 "amid", "while", "without", "over"});
}

bool Clauses::Dominates(std::uint32_t top, std::uint32_t w) const {
  for (int steps = 0; steps < 64; ++steps) {
    if (w == top) return true;
    std::int32_t h = head(w);
    if (h == kNoWord) return false;
    w = static_cast<std::uint32_t>(h);
  }
  return false;
}

}  // namespace dyad::coder
