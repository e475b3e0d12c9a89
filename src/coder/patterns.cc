// Copyright dyad authors. Step 5a of coding a sentence: a verb's patterns.
// Each pattern of the verb's block is tried, in dictionary order, inside the
// verb's clause; the first that matches fires and places the actors its $ +
// % tokens name. A signature filter passes over patterns that name a word
// the sentence lacks.
#include <algorithm>
#include <cstdint>

#include "steps.h"

namespace dyad::coder {
namespace {

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
      case PatternElementKind::kCompound:
        return ActorLength(e, pos, a);
      default:
        return 0;
    }
  }

  std::uint32_t ActorLength(const PatternElement& e, std::uint32_t pos, Assigned* a) const {
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

// A pattern with a whole word the sentence lacks cannot match.
bool WordsPresent(const SentenceView& s, const VerbPattern& p) {
  for (const PatternElement& e : p.elements) {
    if (e.kind == PatternElementKind::kWord && e.match == WordMatch::kWhole &&
        !std::binary_search(s.sc.present.begin(), s.sc.present.end(), e.id))
      return false;
  }
  return true;
}

}  // namespace

PatternFilter::PatternFilter(const Dictionaries& dicts) {
  for (const VerbBlock& block : dicts.verb_blocks()) {
    block_first.push_back(static_cast<std::uint32_t>(sigs.size()));
    for (const VerbPattern& p : block.patterns) {
      Signature sig{0, 0};
      for (const PatternElement& e : p.elements) {
        if (e.kind == PatternElementKind::kWord && e.match == WordMatch::kWhole) Add(e.id, &sig);
      }
      sigs.push_back(sig);
    }
  }
}

void IndexPresentWords(const SentenceView& s, PatternFilter::Signature* sig) {
  s.sc.present.clear();
  *sig = {0, 0};
  for (std::size_t i = 0; i < s.sc.dict_words.size(); ++i) {
    if (s.sc.dict_words[i].id == kNone) continue;
    s.sc.present.push_back(s.sc.dict_words[i].id);
    PatternFilter::Add(s.sc.dict_words[i].id, sig);
  }
  std::sort(s.sc.present.begin(), s.sc.present.end());
}

// [+++] "complex" patterns divert the sentence in TABARI; PETRARCH never
// implemented them, and neither does dyad: they are passed over.
const VerbPattern* MatchVerbPatterns(const SentenceView& s, const PatternFilter& filter,
                                     const VerbLoop& loop, VerbReading* r) {
  const VerbMatch& vm = *r->vm;
  const VerbForm& form = *vm.form;
  const VerbBlock& block = s.dicts.Block(form.block);
  PatternMatcher matcher(s.dicts, s.sc, s.options.max_pattern_gap);
  const PatternFilter::Signature& sentence_sig = loop.sentence_sig;
  const PatternFilter::Signature* sig = filter.sigs.data() + filter.block_first[form.block];
  for (const VerbPattern& p : block.patterns) {
    const PatternFilter::Signature& ps = *sig++;
    if (((ps[0] & ~sentence_sig[0]) | (ps[1] & ~sentence_sig[1])) != 0) continue;
    if (!WordsPresent(s, p)) continue;
    if (p.code.code != kNone && s.dicts.code(p.code.code).kind == CodeKind::kComplex) continue;
    if (matcher.Match(p, vm.begin, vm.end, r->cb, r->ce, &r->a)) return &p;
  }
  return nullptr;
}

}  // namespace dyad::coder
