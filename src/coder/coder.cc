// The shallow coder: actors, verbs, patterns, source/target, in the manner of
// TABARI (pattern matching inside clauses, default actor search rules) with
// part-of-speech tags to tell verbs from nouns.
#include "dyad/coder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clauses.h"

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
  std::string scratch;
};

void CoderScratchDeleter::operator()(CoderScratch* s) const { delete s; }
CoderScratchPtr NewCoderScratch() { return CoderScratchPtr(new CoderScratch()); }

namespace {

constexpr std::int32_t kNoUnit = -1;

// Armed non-state sectors: an agent of the same kind adds nothing ("Hamas
// fighters" stays PSEINS, not PSEINSREB).
bool HasArmedSector(std::string_view code) {
  for (std::size_t i = 0; i + 3 <= code.size(); i += 3) {
    std::string_view t = code.substr(i, 3);
    if (t == "INS" || t == "REB" || t == "UAF" || t == "SEP" || t == "CRM") return true;
  }
  return false;
}

std::string ComposeCode(std::string_view actor, std::string_view agent, bool suffix) {
  if ((agent == "REB" || agent == "INS" || agent == "UAF" || agent == "SEP") &&
      HasArmedSector(actor))
    return std::string(actor);
  return Dictionaries::ComposeAgentCode(actor, agent, suffix);
}

// Appends pieces without temporaries (GCC 12 warns on chains of operator+).
void Append(std::string* out, std::initializer_list<std::string_view> parts) {
  for (std::string_view p : parts) out->append(p);
}

bool IsOneOf(std::string_view w, std::initializer_list<std::string_view> set) {
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

bool IsConjunction(std::string_view w) {
  return IsOneOf(w, {"and", "but", "or", "nor", "while", "whereas"});
}
// A bare time word, which a parser makes a temporal noun phrase rather than
// an object ("said today", "met Saturday").
bool IsBareTimeWord(std::string_view w) {
  return IsOneOf(w, {"today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday",
                     "thursday", "friday", "saturday", "sunday", "Monday", "Tuesday", "Wednesday",
                     "Thursday", "Friday", "Saturday", "Sunday"});
}
// Words that open a subordinate (adverbial) clause.
bool IsSubordinator(std::string_view w) {
  return IsOneOf(w, {"after", "before", "since", "until", "when", "because", "while", "as",
                     "although", "though", "once", "following"});
}
bool IsClausePunct(std::string_view w) {
  return w == "," || w == ";" || w == ":" || w == "(" || w == ")" || w == "--" ||
         w == "\xE2\x80\x94" || w == "\xE2\x80\x93";
}
bool IsPreposition(std::string_view w) {
  return IsOneOf(w,
                 {"with",    "of",   "to",     "in",      "on",      "at",      "from",  "into",
                  "against", "for",  "by",     "toward",  "towards", "over",    "about", "between",
                  "among",   "near", "inside", "outside", "across",  "through", "upon",  "onto"});
}
bool IsBeForm(std::string_view w) {
  return IsOneOf(w, {"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "got",
                     "gets", "getting", "gotten"});
}
bool IsNegation(std::string_view w) { return IsOneOf(w, {"not", "n't", "never", "no"}); }
bool IsDeterminer(std::string_view w) {
  return IsOneOf(w, {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these",
                     "those", "both", "all", "some", "several", "many", "two", "three", "other"});
}

struct Assigned {
  std::int32_t source = kNoUnit, target = kNoUnit;
  bool compound = false;  // '%': source and target from one compound group
};

// Matches one verb's pattern around the verb occurrence [vb, ve) inside the
// clause [cb, ce). Greedy, as TABARI: each element binds to its nearest fit.
class PatternMatcher {
 public:
  PatternMatcher(const Dictionaries& d, const CoderScratch& s, std::uint32_t max_gap)
      : d_(d), s_(s), max_gap_(max_gap) {}

  bool Match(const VerbPattern& p, std::uint32_t vb, std::uint32_t ve, std::uint32_t cb,
             std::uint32_t ce, Assigned* out) const {
    Assigned a;
    const auto& el = p.elements;
    // Post-verb elements, forward.
    std::uint32_t pos = ve;
    bool adjacent = p.verb_index < el.size() && el[p.verb_index].adjacent_next;
    for (std::size_t i = p.verb_index + 1; i < el.size(); ++i) {
      const PatternElement& e = el[i];
      if (IsGroup(e)) continue;
      std::uint32_t next;
      if (!MatchForward(e, pos, ce, adjacent, &a, &next)) return false;
      pos = next;
      adjacent = e.adjacent_next;
    }
    // Pre-verb elements, backward.
    std::uint32_t limit = vb;  // words before `limit` are available
    for (std::size_t k = p.verb_index; k-- > 0;) {
      const PatternElement& e = el[k];
      if (IsGroup(e)) continue;
      std::uint32_t start;
      if (!MatchBackward(e, limit, cb, e.adjacent_next, &a, &start)) return false;
      limit = start;
    }
    *out = a;
    return true;
  }

 private:
  static bool IsGroup(const PatternElement& e) {
    return e.kind == PatternElementKind::kNounPhrase || e.kind == PatternElementKind::kPrepPhrase;
  }

  bool WordMatches(const PatternElement& e, std::uint32_t pos) const {
    const DictWord& w = s_.dict_words[pos];
    if (w.id == e.id) return true;
    if (e.match == WordMatch::kWhole) return false;
    std::string_view want = d_.WordText(e.id);
    if (w.text.size() < want.size() || w.text.substr(0, want.size()) != want) return false;
    if (e.match == WordMatch::kStem) return true;
    std::string_view rest = w.text.substr(want.size());
    return rest == "s" || rest == "'s" || rest == "ed" || rest == "es" || rest == "en" ||
           rest == "ing" || rest == "d";
  }

  // Length of the element matched at `pos` (0: no match). Actor tokens match a
  // whole unit starting at pos.
  std::uint32_t LengthAt(const PatternElement& e, std::uint32_t pos, std::uint32_t end,
                         Assigned* a) const {
    if (s_.hidden[pos]) return 0;  // set-aside comma clauses are not read
    switch (e.kind) {
      case PatternElementKind::kWord:
        return WordMatches(e, pos) ? 1 : 0;
      case PatternElementKind::kSynset: {
        std::uint32_t n = d_.MatchSynset(e.id, s_.dict_words, pos);
        return pos + n <= end ? n : 0;
      }
      case PatternElementKind::kSource:
      case PatternElementKind::kTarget:
      case PatternElementKind::kSkip:
      case PatternElementKind::kCompound: {
        std::int32_t u = s_.unit_at[pos];
        if (u == kNoUnit || s_.units[u].begin != pos || s_.units[u].code.empty()) return 0;
        if (e.kind == PatternElementKind::kCompound && !IsCompound(u)) return 0;
        if (e.kind == PatternElementKind::kSource) a->source = u;
        if (e.kind == PatternElementKind::kTarget) a->target = u;
        if (e.kind == PatternElementKind::kCompound) {
          a->source = a->target = u;
          a->compound = true;
        }
        // A skip or compound token passes over the whole compound group.
        std::uint32_t last = s_.units[u].end;
        if (e.kind == PatternElementKind::kSkip || e.kind == PatternElementKind::kCompound) {
          for (std::size_t k = u + 1; k < s_.units.size() && s_.units[k].group == s_.units[u].group;
               ++k)
            last = s_.units[k].end;
        }
        return last - pos;
      }
      default:
        return 0;
    }
  }

  bool IsCompound(std::int32_t u) const {
    std::uint32_t g = s_.units[u].group;
    return (u > 0 && s_.units[u - 1].group == g) ||
           (static_cast<std::size_t>(u + 1) < s_.units.size() && s_.units[u + 1].group == g);
  }

  bool MatchForward(const PatternElement& e, std::uint32_t pos, std::uint32_t ce, bool adjacent,
                    Assigned* a, std::uint32_t* next) const {
    std::uint32_t last = adjacent ? pos : std::min(ce, pos + max_gap_ + 1);
    for (std::uint32_t p = pos; p < ce && p <= last; ++p) {
      Assigned trial = *a;
      std::uint32_t n = LengthAt(e, p, ce, &trial);
      if (n) {
        *a = trial;
        *next = p + n;
        return true;
      }
    }
    return false;
  }

  // Finds the element ending at or before `limit` (ending exactly at `limit`
  // when `adjacent`), starting at or after the clause start `cb`.
  bool MatchBackward(const PatternElement& e, std::uint32_t limit, std::uint32_t cb, bool adjacent,
                     Assigned* a, std::uint32_t* start) const {
    std::uint32_t lowest_end = adjacent ? limit : (limit > max_gap_ ? limit - max_gap_ : 0);
    for (std::uint32_t end = limit; end > cb && end >= lowest_end; --end) {
      // Try starts so that the element ends exactly at `end`.
      for (std::uint32_t p = end; p-- > cb;) {
        Assigned trial = *a;
        std::uint32_t n = LengthAt(e, p, end, &trial);
        if (n && p + n == end) {
          *a = trial;
          *start = p;
          return true;
        }
        if (end - p >= 8) break;                         // no element is longer than a few words
        if (e.kind == PatternElementKind::kWord) break;  // a word is one token: p = end - 1
      }
    }
    return false;
  }

  const Dictionaries& d_;
  const CoderScratch& s_;
  std::uint32_t max_gap_;
};

// A bare place right after in/at/near ("met in Cairo"): where, not whom.
bool IsLocativeUnit(const Unit& x, std::span<const std::string_view> words) {
  if (x.agent_only || x.actor_begin != x.begin || x.actor_end != x.end) return false;
  for (const std::string& c : x.codes)
    if (c.size() != 3) return false;
  std::uint32_t b = x.begin;
  while (b > 0 && IsDeterminer(words[b - 1])) --b;
  return b > 0 &&
         IsOneOf(words[b - 1], {"in", "at", "near", "inside", "outside", "across", "throughout"});
}

// A country and nothing else ("Israeli", "France").
bool IsCountryUnit(const Unit& u) {
  if (u.agent_only || u.codes.empty()) return false;
  for (const std::string& c : u.codes)
    if (c.size() != 3) return false;
  return true;
}

// The coded unit a tree argument headed by word `h` names: the unit holding
// the head word, else one in its name parts ("the leader of Hamas", "Hamas
// leader", "Israel's army"); never a modifier such as "criminal" of "criminal
// court", never a word of a clause inside the phrase.
std::int32_t UnitOfPhrase(const coder::Clauses& cl, const CoderScratch& sc, std::int32_t h) {
  if (h == coder::kNoWord) return kNoUnit;
  auto coded = [&](std::int32_t w) {
    std::int32_t u = sc.unit_at[static_cast<std::size_t>(w)];
    return u != kNoUnit && !sc.units[static_cast<std::size_t>(u)].code.empty() ? u : kNoUnit;
  };
  if (std::int32_t u = coded(h); u != kNoUnit) return u;
  // "Israeli airstrikes": a country adjective names the agent of its noun.
  if (std::int32_t a = cl.Child(static_cast<std::uint32_t>(h), coder::Rel::kAmod);
      a != coder::kNoWord && coded(a) != kNoUnit &&
      IsCountryUnit(sc.units[static_cast<std::size_t>(coded(a))]))
    return coded(a);
  for (coder::Rel r :
       {coder::Rel::kCompound, coder::Rel::kFlat, coder::Rel::kNmodPoss, coder::Rel::kAppos}) {
    std::int32_t c = cl.Child(static_cast<std::uint32_t>(h), r);
    if (c != coder::kNoWord && coded(c) != kNoUnit) return coded(c);
  }
  std::int32_t of = cl.PrepObject(static_cast<std::uint32_t>(h), {"of"});
  return of != coder::kNoWord ? coded(of) : kNoUnit;
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

TreeSides ReadTreeSides(const coder::Clauses& cl, const CoderScratch& sc, std::uint32_t verb,
                        const Assigned& pattern) {
  TreeSides t;
  t.passive = cl.Passive(verb);
  if (t.passive) {
    t.source = UnitOfPhrase(cl, sc, cl.Agent(verb));
    t.target = UnitOfPhrase(cl, sc, cl.PassiveSubject(verb));
  } else {
    std::int32_t subject = cl.Subject(verb);
    t.has_subject = subject != coder::kNoWord;
    if (t.has_subject && cl.IsPronoun(static_cast<std::uint32_t>(subject)))
      subject = cl.Antecedent(static_cast<std::uint32_t>(subject));
    t.source = UnitOfPhrase(cl, sc, subject);
    const std::int32_t object = cl.Object(verb);
    t.has_object = object != coder::kNoWord;
    t.target = UnitOfPhrase(cl, sc, object);
    // "launched an attack on X", "held talks with X", "imposed sanctions on X".
    if (t.target == kNoUnit && object != coder::kNoWord)
      t.target = UnitOfPhrase(cl, sc,
                              cl.PrepObject(static_cast<std::uint32_t>(object),
                                            {"against", "on", "with", "to", "at", "toward"}));
    if (t.target == kNoUnit) {
      std::int32_t p = cl.PrepObject(
          verb, {"against", "on", "at", "with", "to", "toward", "towards", "into", "from", "for"});
      std::int32_t u = UnitOfPhrase(cl, sc, p);
      if (u != kNoUnit && !IsLocativeUnit(sc.units[static_cast<std::size_t>(u)], sc.words))
        t.target = u;
    }
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

// Verbs that carry an event noun: "protesters held a rally", "the army
// launched an offensive".
bool IsLightVerb(std::string_view lower) {
  return IsOneOf(lower,
                 {"hold",      "held",       "holds",    "holding",  "stage",     "staged",
                  "stages",    "staging",    "launch",   "launched", "launches",  "launching",
                  "carry",     "carried",    "carries",  "carrying", "conduct",   "conducted",
                  "conducts",  "conducting", "mount",    "mounted",  "mounts",    "wage",
                  "waged",     "wages",      "waging",   "organize", "organized", "organise",
                  "organised", "lead",       "led",      "leads",    "begin",     "began",
                  "begins",    "start",      "started",  "starts",   "call",      "called",
                  "calls",     "impose",     "imposed",  "imposes",  "pay",       "paid",
                  "pays",      "file",       "filed",    "files",    "bring",     "brought",
                  "brings",    "make",       "made",     "makes",    "continue",  "continued",
                  "resume",    "resumed",    "step",     "stepped",  "intensify", "intensified",
                  "escalate",  "escalated",  "announce", "announced"});
}

// The actor an event noun's own phrase names as its agent: its possessor
// ("Israel's airstrike"), its "by" phrase, an actor word before it ("Israeli
// airstrike", "police raid"), else the subject of the light verb it is the
// object of ("protesters held a rally").
std::int32_t NounAgent(const coder::Clauses& cl, const CoderScratch& sc, std::uint32_t noun) {
  for (coder::Rel r : {coder::Rel::kNmodPoss, coder::Rel::kCompound, coder::Rel::kAmod}) {
    std::int32_t c = cl.Child(noun, r);
    if (c == coder::kNoWord) continue;
    std::int32_t u = sc.unit_at[static_cast<std::size_t>(c)];
    if (u != kNoUnit && !sc.units[static_cast<std::size_t>(u)].code.empty()) return u;
  }
  if (std::int32_t u = UnitOfPhrase(cl, sc, cl.PrepObject(noun, {"by"})); u != kNoUnit) return u;
  std::int32_t h = cl.head(noun);
  if (h != coder::kNoWord && cl.rel(noun) == coder::Rel::kObj &&
      IsLightVerb(sc.dict_words[static_cast<std::size_t>(h)].text))
    return UnitOfPhrase(cl, sc, cl.Subject(static_cast<std::uint32_t>(h)));
  return kNoUnit;
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
bool InCodedPhrase(const coder::Clauses& cl, const SentenceCoding& out, std::uint32_t t0,
                   std::uint32_t noun) {
  for (std::int32_t h = cl.head(noun); h != coder::kNoWord;
       h = cl.head(static_cast<std::uint32_t>(h)))
    if (VerbCoded(out, t0 + static_cast<std::uint32_t>(h))) return true;
  return false;
}

// Which one-sided events are events: a bare "X said" (010) is not, and
// verbal cooperation (roots 01-06: statements, appeals, intents, meetings)
// needs the actor who speaks or meets ("X is being discussed" is no event);
// material cooperation and every kind of conflict may name only its target
// ("five men were detained").
bool OneSidedAllowed(std::string_view cameo, bool has_source) {
  if (cameo == "010") return false;
  return has_source || cameo.substr(0, 2) >= "07";
}

// Harm no actor did: nature or an accident ("killed in a helicopter crash",
// "a house fire kills five children", "struck by an earthquake"). A closed class
// of English nouns, like the determiners above; "explosion" is not in it (a bomb
// explodes as often as a gas main).
bool IsNaturalCause(std::string_view lower) {
  return IsOneOf(
      lower,
      {"fire",        "fires",    "blaze",     "flood",     "floods",    "flooding",   "earthquake",
       "earthquakes", "quake",    "tsunami",   "storm",     "storms",    "typhoon",    "hurricane",
       "cyclone",     "tornado",  "tornadoes", "avalanche", "landslide", "landslides", "mudslide",
       "eruption",    "crash",    "crashes",   "collision", "accident",  "accidents",  "derailment",
       "stampede",    "collapse", "heatwave",  "drought",   "lightning", "epidemic",   "outbreak",
       "disease",     "famine",   "shipwreck", "capsizing", "wildfire",  "wildfires",  "bushfire",
       "bushfires",   "inferno",  "overdose"});
}

bool IsHarm(std::string_view cameo) {
  return cameo.starts_with("18") || cameo.starts_with("19") || cameo.starts_with("20") ||
         cameo.starts_with("171");
}

// Whether the harm verb in words [vb, ve) of the clause [cb, ce) names a natural
// cause: as its subject ("floods kill", "a fire that destroyed", "Typhoon Haiyan
// kills") or in a phrase after it ("killed in/by/after a car accident").
bool HarmedByNaturalCause(const CoderScratch& sc, std::uint32_t cb, std::uint32_t vb,
                          std::uint32_t ve, std::uint32_t ce) {
  auto lower = [&](std::uint32_t p) { return sc.dict_words[p].text; };
  std::uint32_t p = vb;
  if (p > cb && IsOneOf(lower(p - 1), {"that", "which"})) --p;
  if (p > cb && IsNaturalCause(lower(p - 1))) return true;
  if (p > cb + 1 && IsNaturalCause(lower(p - 2)) &&
      std::isupper(static_cast<unsigned char>(sc.words[p - 1].empty() ? 'a' : sc.words[p - 1][0])))
    return true;  // "Typhoon Haiyan kills"
  for (std::uint32_t q = ve; q < ce; ++q) {
    if (!IsOneOf(lower(q), {"in", "by", "after", "during", "from", "amid"})) continue;
    for (std::uint32_t r = q + 1; r < ce && r <= q + 4; ++r) {
      if (IsNaturalCause(lower(r))) return true;
      if (IsPreposition(lower(r))) break;
    }
  }
  return false;
}

// Words that may stand between "by" (or "in") and the actor of a passive:
// determiners, numbers and adjectives ("by two female suicide bombers").
bool IsModifierWord(const CoderScratch& sc, std::span<const PosTag> tags, std::uint32_t p) {
  if (IsDeterminer(sc.dict_words[p].text)) return true;
  return p < tags.size() && (tags[p].upos == Upos::kAdj || tags[p].upos == Upos::kNum);
}

// The coded actor a passive verb (words ending at `ve`, clause ending at `ce`)
// names as its agent, without a tree: "B was attacked by A", "killed by two
// female suicide bombers", or the agent of the harm it happened in ("killed in
// Syrian government airstrikes", an event noun of `nouns`).
std::int32_t PassiveAgent(const CoderScratch& sc, std::span<const PosTag> tags,
                          const EventNouns* nouns, std::uint32_t ve, std::uint32_t ce) {
  auto coded_unit_at = [&](std::uint32_t q) -> std::int32_t {
    while (q < ce && sc.unit_at[q] == kNoUnit && IsModifierWord(sc, tags, q)) ++q;
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

// Meetings, talks, cooperation and agreements: "A and B met" codes A-B and B-A.
bool Reciprocal(std::string_view cameo) {
  return cameo.starts_with("04") || cameo == "057" || cameo.starts_with("06");
}

}  // namespace

// A verb pattern that names a whole word the sentence lacks cannot match. Each
// pattern's whole words are folded into a 128-bit signature once; a sentence's
// words into another; a pattern whose signature has a bit the sentence's lacks
// is passed over with two AND-NOTs (most of a Phoenix verb's patterns), the
// others are checked word by word.
struct Coder::PatternFilter {
  using Signature = std::array<std::uint64_t, 2>;
  static unsigned Bit(WordId id) {
    return static_cast<unsigned>((std::uint64_t{id} * 0x9E3779B97F4A7C15ull) >> 57);
  }
  static void Add(WordId id, Signature* sig) {
    const unsigned b = Bit(id);
    (*sig)[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  std::vector<std::uint32_t> block_first;  // per block, index of its first pattern in sigs
  std::vector<Signature> sigs;             // per pattern, in block order
};

Coder::Coder(const Dictionaries& dicts, CoderOptions options)
    : dicts_(dicts), options_(options), rels_(coder::RelTable(options_.deprels)) {
  auto filter = std::make_shared<PatternFilter>();
  for (const VerbBlock& block : dicts_.verb_blocks()) {
    filter->block_first.push_back(static_cast<std::uint32_t>(filter->sigs.size()));
    for (const VerbPattern& p : block.patterns) {
      PatternFilter::Signature sig{0, 0};
      for (const PatternElement& e : p.elements) {
        if (e.kind == PatternElementKind::kWord && e.match == WordMatch::kWhole)
          PatternFilter::Add(e.id, &sig);
      }
      filter->sigs.push_back(sig);
    }
  }
  filter_ = std::move(filter);
}

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
  const auto& W = sc->words;

  // 1. Discards.
  for (std::uint32_t i = 0; i < n; ++i) {
    DiscardMatch dm;
    if (dicts_.MatchDiscard(sc->dict_words, i, &dm)) {
      out->discarded = true;
      out->story_discarded = dm.entry->story;
      out->discard_rule = dicts_.Where(dm.entry->where);
      return;
    }
  }

  // 2. Actor and agent mentions, then composition into units.
  struct Raw {
    std::uint32_t begin, end;
    bool agent;
    bool null_code;
    std::string_view code;  // actor code text, or agent code text
    bool suffix;            // agent: [~X] (true) or [X~]
    std::string rule;
    bool time_bounded = false;
    bool name = false;  // a name from the name finder (code empty)
  };
  std::vector<Raw> raws;  // few per sentence
  for (std::uint32_t i = 0; i < n;) {
    ActorMatch am;
    AgentMatch gm;
    bool has_actor = dicts_.MatchActor(sc->dict_words, i, date, &am) && am.length > 0;
    bool has_agent = dicts_.MatchAgent(sc->dict_words, i, &gm) && gm.length > 0;
    // A name of one word written in lower case and read as a verb ("drew",
    // a surname in the leaders file) is the verb.
    if (has_actor && am.length == 1 && tags.size() == n && tags[i].upos == Upos::kVerb &&
        std::islower(static_cast<unsigned char>(W[i][0])))
      has_actor = false;
    if (has_actor && (!has_agent || am.length >= gm.length)) {
      Raw r{i, i + am.length, false, am.code == kNone, {}, true, {}};
      if (am.code != kNone) {
        const Code& c = dicts_.code(am.code);
        if (c.kind != CodeKind::kNormal) r.null_code = true;
        r.code = c.text;
      }
      r.rule = dicts_.Where(am.phrase ? am.phrase->where : am.entry->where);
      r.time_bounded = am.entry && !am.entry->restrictions.empty();
      raws.push_back(std::move(r));
      i += am.length;
    } else if (has_agent) {
      Raw r{i, i + gm.length, true, gm.entry->code == kNone, {}, gm.entry->suffix, {}};
      if (gm.entry->code != kNone) r.code = dicts_.code(gm.entry->code).text;
      r.rule = dicts_.Where(gm.entry->where);
      raws.push_back(std::move(r));
      i += gm.length;
    } else {
      ++i;
    }
  }

  // Names the name finder found and no dictionary phrase touches, in order.
  for (const NameActor& nm : names) {
    if (nm.first_token < t0 || nm.end_token > t0 + n || nm.end_token <= nm.first_token) continue;
    const std::uint32_t b = nm.first_token - t0, e = nm.end_token - t0;
    auto at = std::find_if(raws.begin(), raws.end(), [&](const Raw& x) { return x.end > b; });
    if (at != raws.end() && at->begin < e) continue;  // overlaps a dictionary phrase
    Raw r{b, e, false, false, nm.code, true, "names"};
    r.name = nm.code.empty();  // (a code from an earlier mention: an actor like any)
    raws.insert(at, std::move(r));
  }

  auto& units = sc->units;
  units.clear();
  const bool tagged = tags.size() == n;
  // A word that may stand between an actor and its agent: "Dagolath's first
  // deputy prime minister", "Ithilen's awful and evil minister".
  auto is_modifier = [&](std::uint32_t k) {
    if (W[k] == "'s" || W[k] == "'" || IsDeterminer(W[k])) return true;
    if (tagged) {
      Upos t = tags[k].upos;
      if (t == Upos::kAdj || t == Upos::kNum) return true;
      return IsOneOf(W[k], {"and"}) && k + 1 < n && tags[k + 1].upos == Upos::kAdj;
    }
    unsigned char c = W[k].empty() ? 0 : static_cast<unsigned char>(W[k][0]);
    return std::islower(c) && !IsPreposition(W[k]) && !IsConjunction(W[k]) && !IsBeForm(W[k]);
  };
  auto all_modifiers = [&](std::uint32_t a, std::uint32_t b) {
    for (std::uint32_t k = a; k < b; ++k) {
      if (!is_modifier(k)) return false;
      // "Russia's army massed troops": a verb form ends the actor phrase.
      VerbMatch vm;
      if (W[k] != "'s" && dicts_.MatchVerb(sc->dict_words, k, &vm)) return false;
    }
    return true;
  };
  // "soldiers from Gondor", "lawmakers in the Shire": one linking preposition.
  auto linking_gap = [&](std::uint32_t a, std::uint32_t b) {
    if (b <= a || b - a > 3 || !IsOneOf(W[a], {"of", "from", "in", "at", "for"})) return false;
    for (std::uint32_t k = a + 1; k < b; ++k)
      if (!IsDeterminer(W[k])) return false;
    return true;
  };
  // Words of a title between a unit and a name ("presidential candidate",
  // "Minister of State for Primary Care"): nouns and adjectives (capitalised
  // words without tags), of/for/the/and.
  auto title_gap = [&](std::uint32_t a, std::uint32_t b) {
    if (b < a || b - a > 6) return false;
    for (std::uint32_t k = a; k < b; ++k) {
      if (IsOneOf(W[k], {"of", "for", "the", "and"})) continue;
      const bool title_word =
          tagged ? (tags[k].upos == Upos::kNoun || tags[k].upos == Upos::kPropn ||
                    tags[k].upos == Upos::kAdj)
                 : std::isupper(static_cast<unsigned char>(W[k].empty() ? 'a' : W[k][0])) != 0;
      if (!title_word) return false;
    }
    return true;
  };
  auto split_codes = [](std::string_view code, std::vector<std::string>* out) {
    out->clear();
    std::size_t p = 0;
    while (p <= code.size()) {
      std::size_t q = code.find('/', p);
      if (q == std::string_view::npos) q = code.size();
      if (q > p) out->emplace_back(code.substr(p, q - p));
      p = q + 1;
    }
  };
  // Makes agent-only unit `u` the agents of `actor_code` ("Danish media and
  // government" -> DNKGOV, "its army" -> AZEMIL).
  auto give_actor = [&](const std::string& actor_code, Unit* u) {
    std::vector<std::string> actor_codes, composed;
    split_codes(actor_code, &actor_codes);
    for (std::string c : actor_codes) {
      for (const auto& [a, suffix] : u->agents) c = ComposeCode(c, a, suffix);
      composed.push_back(std::move(c));
    }
    u->codes = std::move(composed);
    u->agent_only = false;
  };
  for (std::size_t r = 0; r < raws.size();) {
    Unit u;
    u.begin = raws[r].begin;
    u.end = raws[r].end;
    u.rule = raws[r].rule;
    std::size_t k = r;
    if (raws[k].null_code) {  // null-coded phrase: occupies its words, codes nothing
      units.push_back(std::move(u));
      r = k + 1;
      continue;
    }
    // Leading agents (an adjacent chain): "MSF", "soldiers", "human rights activists".
    // "former officials": a former office-holder is an elite (ELI), not the office.
    auto former_in = [&](std::uint32_t from, std::uint32_t to) {
      for (std::uint32_t p = from; p < to && p < n; ++p)
        if (IsOneOf(W[p], {"former", "ex"})) return true;
      return false;
    };
    const std::uint32_t unit_start = u.begin;
    auto agent_code = [&](const Raw& g) -> std::string_view {
      std::uint32_t from = unit_start >= 2 ? unit_start - 2 : 0;
      return former_in(from, g.begin) && g.suffix ? std::string_view("ELI") : g.code;
    };
    std::vector<std::pair<std::string_view, bool>> lead;
    while (k < raws.size() && raws[k].agent && !raws[k].null_code &&
           (k == r || raws[k].begin == raws[k - 1].end)) {
      lead.emplace_back(agent_code(raws[k]), raws[k].suffix);
      u.end = raws[k].end;
      ++k;
    }
    bool have_actor = false;
    // "lawmakers in Fornost and Gondor": leave the compound to the
    // distribution step below rather than bind the agent to Fornost alone.
    auto starts_compound = [&](std::size_t a) {
      if (a + 1 >= raws.size() || raws[a + 1].agent) return false;
      std::uint32_t x = raws[a].end, y = raws[a + 1].begin;
      while (y > x && IsDeterminer(W[y - 1])) --y;
      return (y == x + 1 && (IsOneOf(W[x], {"and", "or"}) || W[x] == ",")) ||
             (y == x + 2 && W[x] == "," && IsOneOf(W[x + 1], {"and", "or"}));
    };
    // "recalled its ambassador from France": the ambassador is not France's.
    const bool owned = k != r && raws[r].begin > 0 &&
                       IsOneOf(W[raws[r].begin - 1], {"its", "their", "his", "her"});
    if (k < raws.size() && !raws[k].agent && !raws[k].null_code &&
        (k == r || raws[k].begin == u.end ||
         (!owned && linking_gap(u.end, raws[k].begin) && !starts_compound(k)))) {
      split_codes(raws[k].code, &u.codes);
      have_actor = !u.codes.empty();
      u.actor_begin = raws[k].begin;
      u.actor_end = raws[k].end;
      u.actor_code = std::string(raws[k].code);
      u.end = raws[k].end;
      u.rule = raws[k].rule;
      u.time_bounded = raws[k].time_bounded;
      ++k;
    }
    if (have_actor) {
      // Trailing agents: "Libyan police", "Gondor's new government".
      std::vector<std::pair<std::string_view, bool>> trail;
      while (k < raws.size() && raws[k].agent && !raws[k].null_code && raws[k].begin - u.end <= 4 &&
             all_modifiers(u.end, raws[k].begin)) {
        trail.emplace_back(agent_code(raws[k]), raws[k].suffix);
        u.end = raws[k].end;
        ++k;
      }
      // An appositive name right after "minister": "the minister Calimehtar".
      bool person = false;
      if (!trail.empty() && k < raws.size() && !raws[k].agent && !raws[k].null_code &&
          raws[k].begin == u.end) {
        // A person's own dated entry wins over "place + title" ("Istanbul
        // Mayor Ekrem Imamoglu" is Imamoglu's code, not TURGOV).
        if (raws[k].time_bounded) {
          split_codes(raws[k].code, &u.codes);
          u.actor_begin = raws[k].begin;
          u.actor_end = raws[k].end;
          u.actor_code = std::string(raws[k].code);
          u.rule = raws[k].rule;
          u.time_bounded = true;
          person = true;
        }
        u.end = raws[k].end;
        ++k;
      }
      if (person) lead.clear(), trail.clear();
      for (std::string& c : u.codes) {
        for (const auto& [a, suffix] : lead) c = ComposeCode(c, a, suffix);
        for (const auto& [a, suffix] : trail) c = ComposeCode(c, a, suffix);
      }
    } else {
      std::string c;
      for (const auto& [a, suffix] : lead) c = ComposeCode(c, a, suffix);
      // A name no dictionary knows, without a title: an actor of its own.
      const bool bare_name = c.empty() && k > r && raws[k - 1].name;
      u.codes.push_back(bare_name ? std::string(kUncodedName) : std::move(c));
      u.agents = std::move(lead);
      u.agent_only = !bare_name;
    }
    // "Ugandan presidential candidate Kizza Besigye", "Lord's Resistance Army
    // leader Joseph Kony": a name right after a unit, or after more title words
    // ("Minister of State for Primary Care Róisín Shortall"), is who it names.
    if (k < raws.size() && raws[k].name && !u.codes.empty() && !u.codes[0].empty() &&
        title_gap(u.end, raws[k].begin)) {
      u.end = raws[k].end;
      ++k;
    }
    units.push_back(std::move(u));
    r = k;
  }

  // Compound groups: units joined by "and" / "," / ", and" / "as well as",
  // with modifiers allowed before the next member ("and the evil Gondor").
  auto join_between = [&](std::size_t k) {
    std::uint32_t a = units[k - 1].end, b = units[k].begin;
    // Modifiers before the next member, even when the tagger calls them nouns
    // ("and the evil awful Gondor"); at most three.
    auto join_modifier = [&](std::uint32_t k2) {
      if (is_modifier(k2)) return true;
      // An unknown name before the member ("and Tuareg rebels").
      if (tagged && (tags[k2].upos == Upos::kPropn || tags[k2].upos == Upos::kNoun) &&
          !W[k2].empty() && std::isupper(static_cast<unsigned char>(W[k2][0])))
        return true;
      if (!tagged || W[k2].empty() || !std::islower(static_cast<unsigned char>(W[k2][0])))
        return false;
      return tags[k2].upos == Upos::kNoun || tags[k2].upos == Upos::kAdv;
    };
    while (b > a && b + 3 > units[k].begin && W[b - 1] != "," &&
           !IsOneOf(W[b - 1], {"and", "or"}) && join_modifier(b - 1))
      --b;
    if (b == a + 1 && (IsOneOf(W[a], {"and", "or"}) || W[a] == ",")) return 1;
    if (b == a + 2 && W[a] == "," && IsOneOf(W[a + 1], {"and", "or"})) return 2;
    if (b == a + 3 && IsOneOf(W[a], {"as"}) && IsOneOf(W[a + 1], {"well"}) &&
        IsOneOf(W[a + 2], {"as"}))
      return 3;
    return 0;
  };
  sc->is_group_join.assign(n, 0);
  std::vector<std::uint8_t> group_has_and(units.size(), 0);
  for (std::size_t k = 0; k < units.size(); ++k) {
    units[k].group = static_cast<std::uint32_t>(k);
    if (k == 0 || units[k].codes.empty() || units[k - 1].codes.empty()) continue;
    // "Danish media and government": the second agent shares the actor.
    if (units[k].agent_only && !units[k - 1].agent_only && !units[k - 1].actor_code.empty() &&
        units[k - 1].actor_end > units[k - 1].actor_begin &&
        units[k - 1].actor_end < units[k - 1].end && join_between(k)) {
      give_actor(units[k - 1].actor_code, &units[k]);
    }
    // An actor and an agent may form one compound ("Mali's government and
    // Tuareg rebels"), unless the agent heads a "lawmakers in A and B" phrase.
    if (units[k].agent_only != units[k - 1].agent_only && k + 1 < units.size() &&
        units[k].agent_only && linking_gap(units[k].end, units[k + 1].begin))
      continue;
    int join = join_between(k);
    // A comma alone joins only inside a list that ends with "and": "A, B and C".
    if (join == 1 && W[units[k - 1].end] == ",") {
      join = 0;
      for (std::size_t m = k + 1; m < units.size(); ++m) {
        int j = join_between(m);
        if (j == 1 && W[units[m - 1].end] == ",") continue;
        if (j) join = 1;
        break;
      }
    }
    // A list has one "and" ("A, B and C"): "A and B, and C and D" is two pairs.
    bool with_and = false;
    for (std::uint32_t p = units[k - 1].end; p < units[k].begin; ++p)
      with_and |= IsOneOf(W[p], {"and", "or"});
    if (join && with_and && group_has_and[units[k - 1].group]) join = 0;
    if (join) {
      if (with_and) group_has_and[units[k - 1].group] = 1;
      units[k].group = units[k - 1].group;
      for (std::uint32_t p = units[k - 1].end; p < units[k].begin; ++p) sc->is_group_join[p] = 1;
    }
  }
  // Agents of a compound of actors: "lawmakers (and officials) in Fornost and
  // Gondor" -> FORLEG, GONLEG (and FORGOV, GONGOV).
  for (std::size_t k = 1; k < units.size(); ++k) {
    if (units[k].agent_only || units[k].codes.empty() || !units[k - 1].agent_only) continue;
    if (!linking_gap(units[k - 1].end, units[k].begin)) continue;
    std::uint32_t agent_group = units[k - 1].group;
    std::size_t first_agent = k - 1;
    while (first_agent > 0 && units[first_agent - 1].group == agent_group) --first_agent;
    std::size_t last = k;
    while (last + 1 < units.size() && units[last + 1].group == units[k].group) ++last;
    for (std::size_t m = k; m <= last; ++m) {
      std::vector<std::string> composed;
      for (std::size_t g = first_agent; g < k; ++g) {
        for (const std::string& c : units[m].codes) {
          std::string x = c;
          for (const auto& [a, suffix] : units[g].agents) x = ComposeCode(x, a, suffix);
          composed.push_back(std::move(x));
        }
      }
      units[m].codes = std::move(composed);
    }
    units[k].begin = units[first_agent].begin;
    units.erase(units.begin() + static_cast<std::ptrdiff_t>(first_agent),
                units.begin() + static_cast<std::ptrdiff_t>(k));
    for (std::size_t m = 0; m < units.size(); ++m) {
      if (units[m].group >= first_agent)
        units[m].group = units[m].group >= k
                             ? units[m].group - static_cast<std::uint32_t>(k - first_agent)
                             : static_cast<std::uint32_t>(first_agent);
    }
    k = first_agent;
  }
  // "its army", "their police": the agent belongs to the nearest actor before
  // it in the sentence ("Azerbaijan denied that its army ..." -> AZEMIL).
  for (std::size_t k = 1; k < units.size(); ++k) {
    Unit& u = units[k];
    if (!u.agent_only || u.begin == 0 || !IsOneOf(W[u.begin - 1], {"its", "their", "his", "her"}))
      continue;
    for (std::size_t j = k; j-- > 0;) {
      const Unit& owner = units[j];
      if (owner.agent_only || owner.codes.empty() || owner.actor_end <= owner.actor_begin ||
          owner.actor_code.empty())
        continue;
      give_actor(owner.actor_code, &u);
      break;
    }
  }
  // "the government", "opposition activists", "criminal gangs": an agent with
  // no country belongs to the country the sentence is about, when its
  // country-coded actors all share one country.
  {
    std::string country;
    bool one_country = true;
    for (const Unit& x : units) {
      if (x.agent_only) continue;
      for (const std::string& c : x.codes) {
        if (c.size() < 3 || c == kUncodedName || c.compare(0, 3, "IGO") == 0 ||
            c.compare(0, 3, "NGO") == 0)
          continue;
        std::string cc = c.substr(0, 3);
        if (country.empty())
          country = cc;
        else if (cc != country)
          one_country = false;
      }
    }
    if (!country.empty() && one_country) {
      for (Unit& u : units) {
        if (!u.agent_only || u.agents.empty()) continue;
        bool domestic = true;
        // Migrants, refugees and companies are as often from elsewhere.
        for (const auto& [a, suffix] : u.agents) domestic &= suffix && a != "REF" && a != "BUS";
        if (!domestic) continue;
        std::string c = country;
        for (const auto& [a, suffix] : u.agents) c = ComposeCode(c, a, suffix);
        u.codes = {std::move(c)};
        u.agent_only = false;
      }
    }
  }
  for (Unit& u : units) {
    u.code.clear();
    for (const std::string& c : u.codes) {
      if (!u.code.empty()) u.code += '/';
      u.code += c;
    }
  }

  sc->unit_at.assign(n, kNoUnit);
  for (std::size_t k = 0; k < units.size(); ++k) {
    for (std::uint32_t p = units[k].begin; p < units[k].end; ++p)
      sc->unit_at[p] = static_cast<std::int32_t>(k);
    // "with Gondor", "in south Ithilen", "to the affected villages".
    std::uint32_t b = units[k].begin;
    for (int skipped = 0; b > 0 && skipped < 3 && sc->unit_at[b - 1] == kNoUnit &&
                          (IsDeterminer(W[b - 1]) || (tagged && (tags[b - 1].upos == Upos::kAdj ||
                                                                 tags[b - 1].upos == Upos::kNum)));
         ++skipped)
      --b;
    units[k].after_preposition = b > 0 && IsPreposition(W[b - 1]);
  }

  // Clause boundaries and verb candidates.
  sc->boundary.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (sc->is_group_join[i]) continue;
    if (IsClausePunct(W[i]) || IsConjunction(W[i])) sc->boundary[i] = 1;
    // "death and injury toll": "and" inside a noun phrase joins no clauses.
    if (tagged && sc->boundary[i] && IsOneOf(W[i], {"and", "or"}) && i > 0 && i + 1 < n) {
      auto nominal = [&](std::uint32_t k) {
        return tags[k].upos == Upos::kNoun || tags[k].upos == Upos::kAdj;
      };
      if (nominal(i - 1) && nominal(i + 1) && sc->unit_at[i - 1] == kNoUnit &&
          sc->unit_at[i + 1] == kNoUnit)
        sc->boundary[i] = 0;
    }
  }
  // Comma-delimited clause elimination (TABARI's COMMA, PETRARCH's comma_*,
  // CoderOptions::comma): by default an aside of 2-8 words between two commas
  // (", in remarks published on Monday,") and a closing clause of 2-8 words
  // (", a senior official said on Saturday.") are set aside: no actors, verbs
  // or boundaries are read in them. Commas inside adjective lists ("complete,
  // full ties") and compound actors are not clause commas at all.
  for (std::uint32_t i = 0; i < n; ++i) {
    if (W[i] == "," && sc->boundary[i] && tagged && i > 0 && i + 1 < n &&
        tags[i - 1].upos == Upos::kAdj && tags[i + 1].upos == Upos::kAdj)
      sc->boundary[i] = 0;
  }
  std::vector<std::uint32_t> commas;
  for (std::uint32_t i = 0; i < n; ++i)
    if (W[i] == "," && sc->boundary[i]) commas.push_back(i);
  std::vector<std::uint8_t> hidden(n, 0);
  auto hide = [&](std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t k = from; k < to && k < n; ++k) hidden[k] = 1;
  };
  const CommaClauses& cc = options_.comma;
  auto set_aside = [](std::uint32_t len, std::uint32_t lo, std::uint32_t hi) {
    return hi > 0 && len >= lo && len <= hi;
  };
  if (!commas.empty() && set_aside(commas.front(), cc.begin_min, cc.begin_max))
    hide(0, commas.front() + 1);
  for (std::size_t c = 0; c + 1 < commas.size(); ++c) {
    std::uint32_t len = commas[c + 1] - commas[c] - 1;
    if (set_aside(len, cc.min, cc.max)) {
      hide(commas[c], commas[c + 1] + 1);
      ++c;
    }
  }
  // A closing clause follows a main clause: after a bare opening phrase ("On
  // Friday, Russia threatened Ukraine.") the words after the comma are the main
  // clause itself.
  auto verb_before = [&](std::uint32_t end) {
    for (std::uint32_t k = 0; k < end; ++k) {
      if (hidden[k]) continue;
      VerbMatch vm;
      if (tagged ? (tags[k].upos == Upos::kVerb || tags[k].upos == Upos::kAux)
                 : dicts_.MatchVerb(sc->dict_words, k, &vm))
        return true;
    }
    return false;
  };
  if (!commas.empty() && !hidden[commas.back()] && verb_before(commas.back())) {
    std::uint32_t last = n;
    while (last > commas.back() + 1 &&
           (W[last - 1] == "." || W[last - 1] == "!" || W[last - 1] == "?" || W[last - 1] == "\"" ||
            W[last - 1] == "'"))
      --last;
    std::uint32_t len = last - commas.back() - 1;
    if (set_aside(len, cc.end_min, cc.end_max)) hide(commas.back(), n);
  }
  // An article's dateline names where it was filed, not an actor.
  if (t0 == 0) hide(0, DatelineEnd(W));
  // A short parenthesis ("the European Union (EU)") is an aside too.
  for (std::uint32_t i = 0; i < n; ++i) {
    if (W[i] != "(") continue;
    std::uint32_t j = i + 1;
    while (j < n && j <= i + 9 && W[j] != ")") ++j;
    if (j < n && W[j] == ")") hide(i, j + 1);
  }
  for (std::uint32_t k = 0; k < n; ++k) {
    if (!hidden[k]) continue;
    sc->boundary[k] = 0;
    sc->unit_at[k] = kNoUnit;
  }
  sc->hidden = std::move(hidden);
  sc->verbish.assign(n, 1);
  if (tagged) {
    for (std::uint32_t i = 0; i < n; ++i) {
      sc->verbish[i] = tags[i].upos == Upos::kVerb || (tags[i].upos == Upos::kAux && false);
    }
  }

  for (const Unit& u : units) {
    ActorMentionOut m;
    m.first_token = t0 + u.begin;
    m.end_token = t0 + u.end;
    m.code = u.code;
    m.rule = u.rule;
    m.is_agent_only = u.agent_only;
    m.time_bounded = u.time_bounded && u.actor_begin == u.begin && u.actor_end == u.end;
    out->actors.push_back(std::move(m));
    if (u.actor_end > u.actor_begin && (u.actor_begin != u.begin || u.actor_end != u.end)) {
      ActorMentionOut a;
      a.first_token = t0 + u.actor_begin;
      a.end_token = t0 + u.actor_end;
      a.code = u.actor_code;
      a.rule = u.rule;
      a.time_bounded = u.time_bounded;
      out->actors.push_back(std::move(a));
    }
  }

  if (options_.trace) {
    for (const Unit& u : units) {
      std::string& t = out->trace;
      t += "actor";
      for (std::uint32_t p = u.begin; p < u.end; ++p) Append(&t, {" ", W[p]});
      Append(&t, {" = ", u.code.empty() ? std::string_view("(null)") : std::string_view(u.code),
                  " group ", std::to_string(u.group), u.after_preposition ? " after-prep" : "",
                  " [", u.rule, "]\n"});
    }
    if (tags.size() == n) {
      out->trace += "tags:";
      for (std::uint32_t i = 0; i < n; ++i)
        Append(&out->trace, {" ", W[i], "/", UposName(tags[i].upos)});
      out->trace += "\n";
    }
  }

  // 3. Verbs.
  struct VerbHit {
    VerbMatch m;
    bool used = true;
  };
  std::vector<VerbHit> verbs;
  auto collect_verbs = [&](bool loose) {
    for (std::uint32_t i = 0; i < n; ++i) {
      if (sc->unit_at[i] != kNoUnit || sc->hidden[i]) continue;
      if (loose && tagged) {
        Upos t = tags[i].upos;
        if (t != Upos::kNoun && t != Upos::kAdj && t != Upos::kPropn && t != Upos::kVerb) continue;
      }
      VerbMatch vm;
      if (!dicts_.MatchVerb(sc->dict_words, i, &vm) || vm.verb != i) continue;
      // A multi-word verb counts when any of its words reads as a verb
      // ("wire/VERB tap/NOUN").
      bool verb_read = loose;
      for (std::uint32_t p = vm.begin; p < vm.end && !verb_read; ++p) verb_read = sc->verbish[p];
      if (!verb_read) continue;
      bool overlaps_unit = false;
      for (std::uint32_t p = vm.begin; p < vm.end; ++p) overlaps_unit |= sc->unit_at[p] != kNoUnit;
      if (overlaps_unit) continue;
      // "a heart attack", "the air strike": the head of a noun phrase, whatever
      // the tagger said; "the jailed activists", "Detained journalists": a
      // participle modifying the actor after it.
      if (tagged && vm.begin > 0 && IsOneOf(W[vm.begin - 1], {"a", "an", "the"})) continue;
      if (tagged && vm.begin > 1 && IsOneOf(W[vm.begin - 2], {"a", "an", "the"}) &&
          (tags[vm.begin - 1].upos == Upos::kNoun || tags[vm.begin - 1].upos == Upos::kAdj))
        continue;
      if (tagged && tags[vm.verb].xpos == Xpos::kVBN && vm.end < n &&
          sc->unit_at[vm.end] != kNoUnit && (vm.begin == 0 || IsDeterminer(W[vm.begin - 1])))
        continue;
      // "after fighting between ...", "despite attacking": background, not an event.
      if (tagged && tags[vm.verb].xpos == Xpos::kVBG && vm.begin > 0 &&
          IsOneOf(W[vm.begin - 1],
                  {"after", "before", "since", "despite", "following", "amid", "while"}))
        continue;
      verbs.push_back({vm, true});
      i = std::max(i, vm.end - 1);
    }
  };
  // A verb form straight after a subject actor ("Ethiopia departs from") is a
  // verb even when the tagger, unsure of a rare name, called it a noun.
  if (tagged) {
    for (std::uint32_t i = 1; i + 1 < n; ++i) {
      std::int32_t u = sc->unit_at[i - 1];
      if (sc->verbish[i] || sc->unit_at[i] != kNoUnit || u == kNoUnit || units[u].code.empty())
        continue;
      if (tags[i].upos != Upos::kNoun && tags[i].upos != Upos::kAdj) continue;
      if (W[i].empty() || !std::islower(static_cast<unsigned char>(W[i][0]))) continue;
      std::uint32_t b = units[u].begin;
      if (b > 0 && (IsDeterminer(W[b - 1]) || W[b - 1] == "'s")) continue;  // "the Gondor attack"
      Upos next = tags[i + 1].upos;
      if (next == Upos::kAdp || next == Upos::kDet || next == Upos::kPropn || next == Upos::kPron)
        sc->verbish[i] = 1;
    }
  }
  collect_verbs(false);
  // The tagger can miss a verb in odd prose ("left yesterday for"): with no
  // tagged verb in the sentence, fall back to TABARI's reading of any verb form.
  if (verbs.empty() && tagged) collect_verbs(true);

  auto clause_begin = [&](std::uint32_t pos) {
    while (pos > 0 && !sc->boundary[pos - 1]) --pos;
    return pos;
  };
  auto clause_end = [&](std::uint32_t pos) {
    while (pos < n && !sc->boundary[pos]) ++pos;
    return pos;
  };
  auto group_members = [&](std::int32_t u) {
    std::vector<std::int32_t> m;
    if (u == kNoUnit) return m;
    std::uint32_t g = units[u].group;
    for (std::size_t k = 0; k < units.size(); ++k)
      if (units[k].group == g && !units[k].code.empty()) m.push_back(static_cast<std::int32_t>(k));
    return m;
  };
  // Subject of a verb: the nearest coded unit before it that is not the object
  // of a preposition; commas are crossed (appositions, asides), conjunctions
  // that start a new clause with its own subject are not.
  auto find_subject = [&](std::uint32_t vb, std::int32_t not_this) -> std::int32_t {
    std::int32_t fallback = kNoUnit;
    for (std::uint32_t p = vb; p-- > 0;) {
      if (W[p] == ";" || W[p] == ":") break;
      if (IsConjunction(W[p]) && !sc->is_group_join[p]) {
        if (fallback != kNoUnit) break;
        continue;  // "X and later attacked Y": keep looking for X
      }
      std::int32_t u = sc->unit_at[p];
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
  };
  // A bare place right after in/at/near ("met in Cairo") is where, not whom;
  // `skip_places` passes over it.
  auto is_locative = [&](std::int32_t u) { return IsLocativeUnit(units[u], W); };
  auto find_object = [&](std::uint32_t ve, std::uint32_t ce, std::int32_t source,
                         bool skip_places) -> std::int32_t {
    std::string_view src_code =
        source == kNoUnit ? std::string_view() : std::string_view(units[source].code);
    for (std::uint32_t p = ve; p < ce; ++p) {
      std::int32_t u = sc->unit_at[p];
      if (u == kNoUnit) continue;
      p = units[u].end - 1;
      if (units[u].code.empty() || units[u].code == src_code) continue;
      if (skip_places && is_locative(u)) continue;
      return u;
    }
    return kNoUnit;
  };

  // Infinitive chains: "is planning to deport", "agreed to restore": the
  // first verb yields to the second unless one of its own patterns matched.
  PatternMatcher matcher(dicts_, *sc, options_.max_pattern_gap);
  std::optional<coder::Clauses> clauses;
  if (tree.size() == n && !rels_.empty() && tags.size() == n) clauses.emplace(tree, rels_, W, tags);
  // A pattern with a whole word the sentence lacks cannot match: most of a
  // verb's patterns are passed over without scanning the sentence.
  sc->present.clear();
  PatternFilter::Signature sentence_sig{0, 0};
  for (std::size_t i = 0; i < sc->dict_words.size(); ++i) {
    if (sc->dict_words[i].id == kNone) continue;
    sc->present.push_back(sc->dict_words[i].id);
    PatternFilter::Add(sc->dict_words[i].id, &sentence_sig);
  }
  std::sort(sc->present.begin(), sc->present.end());
  auto words_present = [&](const VerbPattern& p) {
    for (const PatternElement& e : p.elements) {
      if (e.kind == PatternElementKind::kWord && e.match == WordMatch::kWhole &&
          !std::binary_search(sc->present.begin(), sc->present.end(), e.id))
        return false;
    }
    return true;
  };
  std::int32_t last_subject = kNoUnit;
  // Clause start of the last verb that coded an event (one-sided events below).
  std::uint32_t coded_clause = std::numeric_limits<std::uint32_t>::max();
  // Whether the verb has a phrase to act on after it in its clause: a noun,
  // pronoun or number, but not a bare time word ("said today").
  auto has_object = [&](std::uint32_t ve, std::uint32_t ce) {
    for (std::uint32_t p = ve; p < ce; ++p) {
      if (sc->hidden[p] || IsClausePunct(W[p])) continue;
      bool nominal = tagged ? (tags[p].upos == Upos::kNoun || tags[p].upos == Upos::kPropn ||
                               tags[p].upos == Upos::kPron || tags[p].upos == Upos::kNum)
                            : std::isalnum(static_cast<unsigned char>(W[p][0])) != 0;
      if (!nominal) continue;
      if (IsBareTimeWord(W[p]) && (p == ve || !IsPreposition(W[p - 1]))) continue;
      return true;
    }
    return false;
  };
  auto has_direct_object = [&](std::uint32_t ve, std::uint32_t ce) {
    std::uint32_t p = ve;
    while (p < ce && sc->hidden[p]) ++p;
    if (p >= ce || IsPreposition(W[p]) || IsClausePunct(W[p])) return false;
    return IsDeterminer(W[p]) || has_object(p, p + 1);
  };
  // A statement's target is whom it is made to: the word after the verb group
  // ("told Reuters", "said to the envoy"), not an actor of what was said
  // ("officials state that Russia will send missiles to Syria").
  auto is_addressee = [&](std::uint32_t ve, std::int32_t u) {
    if (u == kNoUnit) return false;
    std::uint32_t p = ve;
    while (p < units[u].begin && (sc->hidden[p] || IsOneOf(W[p], {"the", "a", "an", "to"}))) ++p;
    return p == units[u].begin;
  };
  for (std::size_t vi = 0; vi < verbs.size(); ++vi) {
    const VerbMatch& vm = verbs[vi].m;
    const VerbForm& form = *vm.form;
    std::uint32_t cb = clause_begin(vm.begin), ce = clause_end(vm.end);
    const VerbBlock& block = dicts_.Block(form.block);

    Assigned a;
    const VerbPattern* fired = nullptr;
    const PatternFilter::Signature* sig = filter_->sigs.data() + filter_->block_first[form.block];
    for (const VerbPattern& p : block.patterns) {
      const PatternFilter::Signature& ps = *sig++;
      if (((ps[0] & ~sentence_sig[0]) | (ps[1] & ~sentence_sig[1])) != 0) continue;
      // [+++] "complex" patterns divert the sentence in TABARI; PETRARCH never
      // implemented them, and neither does dyad: they are passed over.
      if (!words_present(p)) continue;
      if (p.code.code != kNone && dicts_.code(p.code.code).kind == CodeKind::kComplex) continue;
      if (matcher.Match(p, vm.begin, vm.end, cb, ce, &a)) {
        fired = &p;
        break;
      }
    }
    VerbCode vc = fired ? fired->code : form.code;
    if (vc.code == kNone && !fired) vc = block.code;

    // Chained infinitive: defer to the next verb when no pattern of ours fired.
    // "planning to deport", "agreed to restore": only "to" (and adverbs) between
    // the two verbs; "urged Eriador to respond" is not a chain.
    bool chained =
        vi + 1 < verbs.size() && verbs[vi + 1].m.begin > vm.end &&
        verbs[vi + 1].m.begin <= vm.end + 3 && [&] {
          bool to = false;
          for (std::uint32_t p = vm.end; p < verbs[vi + 1].m.begin; ++p) {
            if (IsOneOf(W[p], {"to"}))
              to = true;
            else if (sc->unit_at[p] != kNoUnit || !(tagged && tags[p].upos == Upos::kAdv))
              return false;
          }
          return to;
        }();
    if (options_.trace) {
      Append(&out->trace, {"verb ", W[vm.verb], " block ", block.name, " clause [",
                           std::to_string(cb), ",", std::to_string(ce), ") "});
      if (fired) {
        Append(&out->trace, {"pattern ", fired->text, " [", dicts_.Where(fired->where), "]"});
      } else {
        out->trace += "no pattern";
      }
      out->trace += chained ? " chained\n" : "\n";
    }
    if (chained && !fired) continue;
    if (chained && fired) verbs[vi + 1].used = false;
    if (!verbs[vi].used) continue;
    if (vc.code == kNone) continue;
    const Code& code = dicts_.code(vc.code);
    if (code.kind != CodeKind::kNormal) continue;

    // Negation and voice from the words before the verb.
    bool negated = false, passive = false;
    std::uint32_t lookback = vm.begin > 4 ? vm.begin - 4 : 0;
    for (std::uint32_t p = std::max(lookback, cb); p < vm.begin; ++p) {
      if (IsNegation(W[p])) negated = true;
    }
    if (tagged && tags[vm.verb].xpos == Xpos::kVBN) {
      for (std::uint32_t p = std::max(lookback, cb); p < vm.begin; ++p)
        if (IsBeForm(W[p]) && (tags[p].upos == Upos::kAux || tags[p].upos == Upos::kVerb))
          passive = true;
    }

    std::int32_t src = a.source, tgt = a.target;
    if (clauses && !a.compound) {
      // With a tree: the predicate's own arguments, never another clause's;
      // a word the tree reads as a noun or a modifier ("died of a heart
      // attack", "jailed activists") is no predicate.
      if (clauses->Background(vm.verb) || !clauses->Predicate(vm.verb)) continue;
      TreeSides sides = ReadTreeSides(*clauses, *sc, vm.verb, a);
      src = sides.source;
      tgt = sides.target;
      passive = sides.passive;
      // Where the tree names no side (a parse gone wrong on a rare word), the
      // positional rules of the clause fill it: the subject before the verb,
      // the first actor after it that is not a place.
      if (src == kNoUnit && !passive && !sides.has_subject) src = find_subject(vm.begin, tgt);
      if (tgt == kNoUnit && !passive) {
        // ... or deeper in the predicate's own phrase ("provided aid to Yemen").
        std::int32_t u = find_object(vm.end, ce, src, true);
        if (u != kNoUnit && (!sides.has_object || clauses->Dominates(vm.verb, units[u].begin)))
          tgt = u;
      }
    } else if (src == kNoUnit && last_subject != kNoUnit && !a.compound) {
      // "Azerbaijan denied ... and accused Armenian forces": a verb straight
      // after a clause-joining conjunction shares the previous verb's subject.
      std::uint32_t p = vm.begin;
      while (p > 0 && tagged && tags[p - 1].upos == Upos::kAdv) --p;
      if (p > 0 && IsOneOf(W[p - 1], {"and", "but", "or"}) && !sc->is_group_join[p - 1])
        src = last_subject;
    }
    if (a.compound) {
      // '%': the compound fills its own side (source before the verb, target
      // after it); the other side comes from the default rules, and failing
      // that the members act on each other ("Syria and Jordan will meet").
      std::int32_t u = a.source;
      if (units[u].begin >= vm.end) {
        tgt = u;
        src = find_subject(vm.begin, u);
      } else {
        src = u;
        // TABARI: "Syria and Jordan will meet in Cairo" -> SYR JOR, JOR SYR.
        tgt = find_object(vm.end, ce, u, true);
      }
      if (src == kNoUnit || tgt == kNoUnit) src = tgt = u;
    } else if (!clauses) {
      if (src == kNoUnit) src = find_subject(vm.begin, tgt);
      if (passive && a.source == kNoUnit && a.target == kNoUnit) {
        // "B was attacked by A": the subject is the target, "by A" the source.
        tgt = src;
        src = PassiveAgent(*sc, tags, options_.nouns.get(), vm.end, ce);
        // "Two Turkish soldiers are shot dead by a third soldier": an agent
        // coded as its victim is no pair; the victim stands alone.
        if (src != kNoUnit && tgt != kNoUnit && units[src].code == units[tgt].code) src = kNoUnit;
      } else if (tgt == kNoUnit) {
        // PETRARCH takes a that-clause's subject as the target too ("Arnor
        // believes Dagolath ... can cope" -> ARN DAG); dyad follows it.
        tgt = find_object(vm.end, ce, src, false);
      }
    }

    // Members of compound groups; "A and B met": each with the other.
    // The main clause's subject carries over ("X denied that Y ... and accused Z").
    if (std::int32_t subject = passive ? tgt : src; subject != kNoUnit && last_subject == kNoUnit)
      last_subject = subject;
    std::vector<std::int32_t> sources = group_members(src), targets = group_members(tgt);
    // "Mali's government and Tuareg rebels agreed ... in Algiers": a compound
    // source with only a place after "in" acts on itself, not on the place.
    if (!a.compound && sources.size() > 1 && tgt != kNoUnit && a.target == kNoUnit &&
        is_locative(tgt))
      targets = sources;
    // "A and B met": each with the other (with a tree only for meeting,
    // talks and agreements; "A, B and C have not commented" is no event).
    // Without a tree a direct object is the first word after the verb group
    // when it is nominal ("ten countries have met its criteria" is no meeting).
    if (tgt == kNoUnit && sources.size() > 1 && Reciprocal(code.text) &&
        (clauses ? clauses->Object(vm.verb) == coder::kNoWord : !has_direct_object(vm.end, ce)))
      targets = sources;
    if (clauses && (sources.empty() || targets.empty())) {
      // One-sided events from the tree: the side the clause states.
      if (options_.require_dyad || (sources.empty() && targets.empty())) continue;
      if (!OneSidedAllowed(code.text, !sources.empty())) continue;
      if (sources.empty()) sources.push_back(kNoUnit);
      if (targets.empty()) targets.push_back(kNoUnit);
    } else if (sources.empty() || targets.empty()) {
      // One-sided events (require_dyad off) as PETRARCH codes them: only
      // from a verb that acts on something ("said on Saturday" yes, "said
      // today" no), and not from a later verb of a clause that already coded
      // an event, or of a subordinate clause after it ("restored ties with B
      // (,) after crowds burned its embassy").
      if (options_.require_dyad || coded_clause == cb) continue;
      if (coded_clause < cb && [&] {
            for (std::uint32_t p = cb; p < vm.begin; ++p)
              if (IsSubordinator(W[p])) return true;
            return false;
          }())
        continue;
      if (targets.empty() && !has_object(vm.end, ce)) continue;
      if (sources.empty() && targets.empty()) continue;  // an event names an actor
      if (!OneSidedAllowed(code.text, !sources.empty())) continue;
      // A source found only behind a preposition ("Shares in Japanese
      // carmakers rallied") is no subject of a one-sided event.
      if (targets.empty() && units[src].after_preposition) continue;
      if (sources.empty()) sources.push_back(kNoUnit);
      if (targets.empty()) targets.push_back(kNoUnit);
    }
    if (IsHarm(code.text) && HarmedByNaturalCause(*sc, cb, vm.begin, vm.end, ce)) continue;
    // A bare meeting verb with a thing as its object is another sense ("ten
    // countries have met its criteria", "met the deadline"): no event.
    if (!fired && Reciprocal(code.text) && tgt == kNoUnit &&
        (clauses ? clauses->Object(vm.verb) != coder::kNoWord : has_direct_object(vm.end, ce)))
      continue;
    const std::size_t events_before = out->events.size();

    CodedEvent base;
    base.verb_first_token = t0 + vm.begin;
    base.verb_end_token = t0 + vm.end;
    base.rule = dicts_.Where(fired ? fired->where : form.where);
    base.passive = passive;
    base.negated = negated;
    auto emit = [&](std::int32_t s, std::int32_t t, std::string_view cameo) {
      base.cameo = std::string(cameo);
      EmitUnitEvents(*sc, s, t, t0, base, out);
    };
    for (std::int32_t s : sources) {
      for (std::int32_t t : targets) {
        if (code.text == "010" && !is_addressee(vm.end, t)) continue;
        emit(s, t, code.text);
        if (vc.paired != kNone) {
          const Code& pc = dicts_.code(vc.paired);
          if (pc.kind == CodeKind::kNormal) emit(t, s, pc.text);
        }
      }
    }
    if (out->events.size() > events_before) coded_clause = cb;
  }
  if (clauses && options_.nouns) CodeNounEvents(*clauses, *sc, tags, t0, out);
  if (!clauses && options_.nouns && tags.size() == n) CodeNounEventsByPosition(*sc, tags, t0, out);
}

// Events written as nouns, read from the tree: the noun's agent (NounAgent)
// is the source, the phrase its table row names ("against X", "the arrest of
// X") the target. A noun whose light verb already coded it ("held a protest")
// or that is the subject of a coded verb ("an explosion killed") adds nothing.
void Coder::CodeNounEvents(const coder::Clauses& cl, const CoderScratch& sc,
                           std::span<const PosTag> tags, std::uint32_t t0,
                           SentenceCoding* out) const {
  const std::uint32_t n = cl.size();
  for (std::uint32_t i = 0; i < n; ++i) {
    if (tags[i].upos != Upos::kNoun || sc.unit_at[i] != kNoUnit || sc.hidden[i]) continue;
    if (cl.rel(i) == coder::Rel::kCompound) continue;  // "attack helicopter"
    int words = 1;
    const EventNoun* e = options_.nouns->Find(
        i > 0 ? sc.dict_words[i - 1].text : std::string_view(), sc.dict_words[i].text, &words);
    if (!e) continue;
    if (InCodedPhrase(cl, *out, t0, i)) continue;
    std::int32_t src = NounAgent(cl, sc, i), tgt = kNoUnit;
    for (const std::string& prep : e->target_preps) {
      std::int32_t p = cl.PrepObject(i, {std::string_view(prep)});
      if (p != coder::kNoWord && (tgt = UnitOfPhrase(cl, sc, p)) != kNoUnit) break;
    }
    if (tgt == src) tgt = kNoUnit;
    if (src == kNoUnit && tgt == kNoUnit) continue;
    if (options_.require_dyad && (src == kNoUnit || tgt == kNoUnit)) continue;
    CodedEvent ev;
    ev.cameo = e->cameo;
    ev.verb_first_token = t0 + i + 1 - static_cast<std::uint32_t>(words);
    ev.verb_end_token = t0 + i + 1;
    ev.rule = options_.nouns->name() + ":" + std::to_string(e->line);
    EmitUnitEvents(sc, src, tgt, t0, ev, out);
  }
}

// Events written as nouns, without a tree: the target is the actor right
// after a preposition the table names ("the murder of Bryan Harvey", "an
// attack on the U.S. Consulate"), the source the actor right before the noun
// ("Israeli airstrikes", "the rebels' ambush"). A noun inside the words of a
// coded verb pattern ("held a protest") or modifying another noun ("attack
// helicopter") adds nothing.
void Coder::CodeNounEventsByPosition(const CoderScratch& sc, std::span<const PosTag> tags,
                                     std::uint32_t t0, SentenceCoding* out) const {
  const auto n = static_cast<std::uint32_t>(sc.words.size());
  const std::size_t verb_events = out->events.size();
  auto coded_unit = [&](std::uint32_t p) -> std::int32_t {
    std::int32_t u = p < n ? sc.unit_at[p] : kNoUnit;
    return u != kNoUnit && !sc.units[static_cast<std::size_t>(u)].code.empty() ? u : kNoUnit;
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    if (tags[i].upos != Upos::kNoun || sc.unit_at[i] != kNoUnit || sc.hidden[i]) continue;
    if (i + 1 < n && (tags[i + 1].upos == Upos::kNoun || tags[i + 1].upos == Upos::kPropn))
      continue;
    int words = 1;
    const EventNoun* e = options_.nouns->Find(
        i > 0 ? sc.dict_words[i - 1].text : std::string_view(), sc.dict_words[i].text, &words);
    if (!e) continue;
    const std::uint32_t first = i + 1 - static_cast<std::uint32_t>(words);
    // Inside or after a coded verb of its clause, with no verb between: the
    // verb's object or phrase ("claimed responsibility for the attack on",
    // "eased sanctions on", "killed in Nigerian army airstrikes").
    bool in_verb = false;
    for (std::size_t k = 0; k < verb_events && !in_verb; ++k) {
      const std::uint32_t vb = out->events[k].verb_first_token - t0;
      if (vb > first) continue;
      in_verb = true;
      for (std::uint32_t q = out->events[k].verb_end_token - t0; q < first && in_verb; ++q)
        in_verb = tags[q].upos != Upos::kVerb && !sc.boundary[q];
    }
    if (in_verb) continue;
    std::uint32_t p = first;
    while (p > 0 && sc.unit_at[p - 1] == kNoUnit &&
           (tags[p - 1].upos == Upos::kAdj || tags[p - 1].upos == Upos::kNum))
      --p;
    if (p > 0 && sc.words[p - 1] == "'s") --p;
    std::int32_t src = p > 0 ? coded_unit(p - 1) : kNoUnit;
    if (src != kNoUnit && sc.units[static_cast<std::size_t>(src)].end != p) src = kNoUnit;
    std::int32_t tgt = kNoUnit;
    if (i + 1 < n && std::find(e->target_preps.begin(), e->target_preps.end(),
                               sc.dict_words[i + 1].text) != e->target_preps.end()) {
      std::uint32_t q = i + 2;
      while (q < n && sc.unit_at[q] == kNoUnit && IsModifierWord(sc, tags, q)) ++q;
      tgt = coded_unit(q);
    }
    if (tgt == src) tgt = kNoUnit;
    if (src == kNoUnit && tgt == kNoUnit) continue;
    if (options_.require_dyad && (src == kNoUnit || tgt == kNoUnit)) continue;
    if (!OneSidedAllowed(e->cameo, src != kNoUnit)) continue;
    CodedEvent ev;
    ev.cameo = e->cameo;
    ev.verb_first_token = t0 + first;
    ev.verb_end_token = t0 + i + 1;
    ev.rule = options_.nouns->name() + ":" + std::to_string(e->line);
    EmitUnitEvents(sc, src, tgt, t0, ev, out);
  }
}

// One event per member code of the source and target units (compound codes
// such as [FRO/BIL]), skipping repeats and events of an actor on itself.
void Coder::EmitUnitEvents(const CoderScratch& sc, std::int32_t src, std::int32_t tgt,
                           std::uint32_t t0, const CodedEvent& base, SentenceCoding* out) const {
  static const std::vector<std::string> kNoCode = {std::string()};
  const Unit* s = src == kNoUnit ? nullptr : &sc.units[static_cast<std::size_t>(src)];
  const Unit* t = tgt == kNoUnit ? nullptr : &sc.units[static_cast<std::size_t>(tgt)];
  for (const std::string& scode : s ? s->codes : kNoCode) {
    for (const std::string& tcode : t ? t->codes : kNoCode) {
      if (out->events.size() >= options_.max_events_per_sentence) return;
      if (s && t && scode == tcode && scode != kUncodedName) continue;
      CodedEvent ev = base;
      if (s) {
        ev.has_source = true;
        ev.source = {t0 + s->begin, t0 + s->end, scode, s->rule, s->agent_only};
      }
      if (t) {
        ev.has_target = true;
        ev.target = {t0 + t->begin, t0 + t->end, tcode, t->rule, t->agent_only};
      }
      bool repeat = false;
      // (Two names no dictionary knows share the code but are not the same.)
      auto same = [](const CodedActor& a, const CodedActor& b) {
        return a.code == b.code && (a.code != kUncodedName || a.first_token == b.first_token);
      };
      for (const CodedEvent& e : out->events)
        repeat |= e.cameo == ev.cameo && same(e.source, ev.source) && same(e.target, ev.target) &&
                  e.has_source == ev.has_source && e.has_target == ev.has_target;
      if (!repeat) out->events.push_back(std::move(ev));
    }
  }
}

}  // namespace dyad
