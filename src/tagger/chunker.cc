// Copyright dyad authors. Rule-based chunker over tagged words.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "dyad/tagger.h"

namespace dyad {
namespace {

// ASCII lower-case comparison of a word with a lower-case literal.
bool Is(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(w[i])) != lower[i]) return false;
  }
  return true;
}

template <std::size_t N>
bool IsAny(std::string_view w, const std::array<std::string_view, N>& list) {
  for (std::string_view s : list) {
    if (Is(w, s)) return true;
  }
  return false;
}

bool EndsWithNt(std::string_view w) {
  if (w.size() < 3) return false;
  std::string_view e = w.substr(w.size() - 3);
  return Is(e, "n't") || Is(e, "n’t");
}

constexpr std::array<std::string_view, 12> kBeForms = {
    "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "isn't"};
constexpr std::array<std::string_view, 8> kBeNeg = {"aren't", "wasn't", "weren't", "ain't",
                                                    "isnt",   "arent",  "wasnt",   "werent"};
constexpr std::array<std::string_view, 12> kHaveForms = {"have",   "has",    "had",     "having",
                                                         "'ve",    "'d",     "haven't", "hasn't",
                                                         "hadn't", "havent", "hasnt",   "hadnt"};
constexpr std::array<std::string_view, 8> kGetForms = {"get",     "gets", "got", "gotten",
                                                       "getting", "gets", "get", "got"};
constexpr std::array<std::string_view, 6> kFutureModals = {"will", "shall", "'ll",
                                                           "wo",   "won't", "shan't"};
constexpr std::array<std::string_view, 4> kNegWords = {"not", "n't", "never", "cannot"};

bool IsBe(std::string_view w) {
  if (IsAny(w, kBeForms) || IsAny(w, kBeNeg)) return true;
  // "it's" / "he's" merged contractions are tagged by their first part; "'s" alone is handled.
  return false;
}
bool IsHave(std::string_view w) { return IsAny(w, kHaveForms); }
bool IsGet(std::string_view w) { return IsAny(w, kGetForms); }
bool IsNegWord(std::string_view w) { return IsAny(w, kNegWords) || EndsWithNt(w); }

bool IsNounTag(const PosTag& t) {
  return t.upos == Upos::kNoun || t.upos == Upos::kPropn || t.upos == Upos::kPron;
}
bool IsVerbal(const PosTag& t) { return t.upos == Upos::kVerb || t.upos == Upos::kAux; }
bool IsAdverb(const PosTag& t) {
  return t.xpos == Xpos::kRB || t.xpos == Xpos::kRBR || t.xpos == Xpos::kRBS;
}
bool IsFinite(Xpos x) {
  return x == Xpos::kVBD || x == Xpos::kVBZ || x == Xpos::kVBP || x == Xpos::kMD;
}

// Verbs whose "to"-infinitive complement is planned or intended.
constexpr std::array<std::string_view, 13> kIntentStems = {
    "plan", "intend", "want",    "seek",   "sought", "threaten", "aim",
    "vow",  "pledge", "promise", "decide", "prepar", "going"};
bool IsIntentVerb(std::string_view w) {
  std::string lower;
  for (char c : w) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (std::string_view s : kIntentStems) {
    if (lower.compare(0, s.size(), s) == 0 && lower.size() <= s.size() + 4) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 40> kReportVerbs = {
    "say",       "says",    "said",     "saying",   "tell",      "tells",    "told",
    "telling",   "report",  "reports",  "reported", "reporting", "announce", "announced",
    "announces", "claim",   "claims",   "claimed",  "state",     "states",   "stated",
    "add",       "added",   "adds",     "confirm",  "confirmed", "confirms", "deny",
    "denied",    "denies",  "allege",   "alleged",  "warn",      "warned",   "insist",
    "insisted",  "declare", "declared", "note",     "noted"};

bool IsDeterminerStart(const PosTag& t) {
  return t.xpos == Xpos::kDT || t.xpos == Xpos::kPDT || t.xpos == Xpos::kPRPS ||
         t.xpos == Xpos::kWPS;
}

// Tags that may sit inside a base NP before its head.
bool IsNpModifier(const PosTag& t) {
  switch (t.xpos) {
    case Xpos::kDT:
    case Xpos::kPDT:
    case Xpos::kPRPS:
    case Xpos::kWPS:
    case Xpos::kJJ:
    case Xpos::kJJR:
    case Xpos::kJJS:
    case Xpos::kCD:
    case Xpos::kNN:
    case Xpos::kNNS:
    case Xpos::kNNP:
    case Xpos::kNNPS:
    case Xpos::kPOS:
    case Xpos::kHyph:
    case Xpos::kDollar:
      return t.upos != Upos::kPron || t.xpos == Xpos::kPRPS || t.xpos == Xpos::kWPS;
    default:
      return false;
  }
}

struct Builder {
  std::span<const std::string_view> w;
  std::span<const PosTag> t;
  Chunks* out;
  std::size_t n;

  std::int32_t Add(const Chunk& c) {
    out->chunks.push_back(c);
    return static_cast<std::int32_t>(out->chunks.size() - 1);
  }

  // Verb group starting at i, or i unchanged if none. Returns one past its end.
  std::size_t VerbGroup(std::size_t i) {
    Chunk c;
    const std::size_t end = VerbGroupSpan(i, &c);
    if (end == i) return i;
    VerbGroupAttributes(&c);
    Add(c);
    return end;
  }

  // The span and head of the verb group starting at i ("to" stays outside an
  // infinitive's span); returns one past its end, or i if there is none.
  std::size_t VerbGroupSpan(std::size_t i, Chunk* c) {
    std::size_t j = i;
    bool infinitive = false;
    if (t[j].xpos == Xpos::kTO && j + 1 < n && IsVerbal(t[j + 1]) && t[j + 1].xpos == Xpos::kVB) {
      infinitive = true;
      ++j;  // "to" stays outside the span
    } else if (t[j].xpos == Xpos::kTO) {
      return i;
    }
    std::size_t begin = j;
    if (IsNegWord(w[j]) && IsAdverb(t[j])) {
      // "never said": negation opens a group only if a verbal follows.
      if (j + 1 >= n || !IsVerbal(t[j + 1])) return i;
    } else if (!IsVerbal(t[j])) {
      return i;
    }
    c->type = ChunkType::kVerbGroup;
    c->begin = static_cast<std::uint32_t>(begin);
    c->infinitive = infinitive;
    std::int32_t head = -1;
    std::size_t k = j;
    for (; k < n; ++k) {
      const PosTag& tk = t[k];
      if (tk.upos == Upos::kVerb) {
        // "get" before a past participle acts as a passive auxiliary.
        if (IsGet(w[k]) && k + 1 < n && t[k + 1].xpos == Xpos::kVBN) continue;
        head = static_cast<std::int32_t>(k);
        ++k;
        break;
      }
      if (tk.upos == Upos::kAux || tk.xpos == Xpos::kMD) continue;
      if (IsAdverb(tk) || (tk.upos == Upos::kPart && IsNegWord(w[k]))) {
        // Adverbs only inside the group: some verbal must follow.
        std::size_t m = k;
        while (m < n && (IsAdverb(t[m]) || (t[m].upos == Upos::kPart && IsNegWord(w[m])))) ++m;
        if (m < n && IsVerbal(t[m])) {
          k = m - 1;
          continue;
        }
      }
      break;
    }
    if (head < 0) {
      // No main verb: the last auxiliary (a copula, "is") heads the group.
      std::size_t last = k;
      while (last > begin && !IsVerbal(t[last - 1])) --last;
      if (last == begin) return i;
      head = static_cast<std::int32_t>(last - 1);
      k = last;
    }
    c->end = static_cast<std::uint32_t>(k);
    c->head = static_cast<std::uint32_t>(head);
    return k;
  }

  // Negation, modal, tense, aspect and voice of verb group *c.
  void VerbGroupAttributes(Chunk* c) {
    const auto head = static_cast<std::int32_t>(c->head);
    const bool infinitive = c->infinitive;
    bool have = false, be = false, be_get_before_head = false;
    Xpos finite = Xpos::kNone;
    for (std::size_t m = c->begin; m < c->end; ++m) {
      if (IsNegWord(w[m]) || (IsVerbal(t[m]) && EndsWithNt(w[m]))) c->negated = true;
      if (t[m].xpos == Xpos::kMD || (Is(w[m], "cannot"))) {
        if (c->modal == kNoToken) c->modal = static_cast<std::int32_t>(m);
      }
      if (finite == Xpos::kNone && IsFinite(t[m].xpos)) {
        finite = t[m].xpos;
        if (t[m].xpos == Xpos::kMD && IsAny(w[m], kFutureModals)) c->tense = Tense::kFuture;
      }
      if (static_cast<std::int32_t>(m) < head && IsVerbal(t[m])) {
        if (IsHave(w[m]) && m + 1 < c->end) {
          // a later participle makes it perfect
          for (std::size_t q = m + 1; q < c->end; ++q) {
            if (t[q].xpos == Xpos::kVBN) have = true;
          }
        }
        if (IsBe(w[m]) || IsGet(w[m])) {
          be_get_before_head = true;
          if (IsBe(w[m]) && t[head].xpos == Xpos::kVBG) be = true;
          if (IsBe(w[m]) && m + 1 < c->end && Is(w[m + 1], "being")) be = true;
        }
      }
    }
    if (be_get_before_head && t[head].xpos == Xpos::kVBN) c->passive = true;
    if (c->passive) {
      // "is being held": progressive passive
      for (std::size_t m = c->begin; m < c->end; ++m) {
        if (Is(w[m], "being")) be = true;
      }
    }
    c->aspect = have ? (be ? Aspect::kPerfectProgressive : Aspect::kPerfect)
                     : (be ? Aspect::kProgressive : Aspect::kSimple);
    if (c->tense == Tense::kNone) {
      if (finite == Xpos::kVBD)
        c->tense = Tense::kPast;
      else if (finite == Xpos::kVBZ || finite == Xpos::kVBP)
        c->tense = Tense::kPresent;
      else if (finite == Xpos::kNone && !infinitive && c->modal == kNoToken &&
               t[head].xpos == Xpos::kVBN && c->begin == c->head) {
        c->tense = Tense::kPast;  // "Rebels attacked": participle tag, finite use
      }
    }
  }

  std::size_t NounPhrase(std::size_t i) {
    // Pronouns (and "who") are one-word NPs.
    if (t[i].upos == Upos::kPron && t[i].xpos != Xpos::kPRPS && t[i].xpos != Xpos::kWPS) {
      Chunk c;
      c.type = ChunkType::kNounPhrase;
      c.begin = static_cast<std::uint32_t>(i);
      c.end = static_cast<std::uint32_t>(i + 1);
      c.head = c.begin;
      Add(c);
      return i + 1;
    }
    if (!IsNpModifier(t[i]) && !(t[i].xpos == Xpos::kVBN || t[i].xpos == Xpos::kVBG)) return i;
    if (t[i].xpos == Xpos::kVBN || t[i].xpos == Xpos::kVBG || t[i].xpos == Xpos::kPOS ||
        t[i].xpos == Xpos::kHyph) {
      return i;  // an NP does not start with these
    }
    std::size_t k = i;
    std::int32_t head = -1;
    bool seen_noun = false;
    while (k < n) {
      const PosTag& tk = t[k];
      if (seen_noun && IsDeterminerStart(tk) && tk.xpos != Xpos::kPOS) break;
      if (IsNpModifier(tk)) {
        if (tk.xpos == Xpos::kHyph && (k + 1 >= n || !IsNpModifier(t[k + 1]))) break;
        if (IsNounTag(tk) || tk.upos == Upos::kNum) {
          seen_noun = seen_noun || IsNounTag(tk);
          head = static_cast<std::int32_t>(k);
        }
        ++k;
        continue;
      }
      // Participles as modifiers: "the detained men", "a growing crisis".
      if ((tk.xpos == Xpos::kVBN || tk.xpos == Xpos::kVBG) && k > i && k + 1 < n &&
          (t[k + 1].xpos == Xpos::kNN || t[k + 1].xpos == Xpos::kNNS ||
           t[k + 1].xpos == Xpos::kNNP || t[k + 1].xpos == Xpos::kJJ)) {
        ++k;
        continue;
      }
      break;
    }
    // Trim trailing words after the last noun-like word (predicative adjectives, POS).
    if (head < 0) {
      // Adjectives only: an adjective phrase (with preceding adverbs).
      std::size_t a = i;
      while (a < k &&
             (t[a].xpos == Xpos::kJJ || t[a].xpos == Xpos::kJJR || t[a].xpos == Xpos::kJJS))
        ++a;
      if (a == k && a > i) {
        std::size_t b = i;
        while (b > 0 && IsAdverb(t[b - 1]) && !IsNegWord(w[b - 1]) &&
               (out->chunks.empty() || out->chunks.back().end <= b - 1)) {
          --b;
        }
        Chunk c;
        c.type = ChunkType::kAdjPhrase;
        c.begin = static_cast<std::uint32_t>(b);
        c.end = static_cast<std::uint32_t>(k);
        c.head = static_cast<std::uint32_t>(k - 1);
        Add(c);
        return k;
      }
      return i;
    }
    Chunk c;
    c.type = ChunkType::kNounPhrase;
    c.begin = static_cast<std::uint32_t>(i);
    c.end = static_cast<std::uint32_t>(head + 1);
    c.head = static_cast<std::uint32_t>(head);
    Add(c);
    return c.end;
  }

  void Run() {
    std::size_t i = 0;
    while (i < n) {
      // "according to"
      if (i + 1 < n && Is(w[i], "according") && Is(w[i + 1], "to")) {
        Chunk c;
        c.type = ChunkType::kPrepPhrase;
        c.begin = static_cast<std::uint32_t>(i);
        c.end = static_cast<std::uint32_t>(i + 2);
        c.head = static_cast<std::uint32_t>(i + 1);
        Add(c);
        i += 2;
        continue;
      }
      if (t[i].upos == Upos::kAdp && t[i].xpos != Xpos::kRP) {
        Chunk c;
        c.type = ChunkType::kPrepPhrase;
        c.begin = static_cast<std::uint32_t>(i);
        c.end = static_cast<std::uint32_t>(i + 1);
        c.head = c.begin;
        Add(c);
        ++i;
        continue;
      }
      std::size_t next = VerbGroup(i);
      if (next == i) next = NounPhrase(i);
      i = next == i ? i + 1 : next;
    }
  }

  bool IsPunct(std::size_t k, std::string_view p) const { return k < n && w[k] == p; }

  void Relations() {
    auto& cs = out->chunks;
    for (std::size_t ci = 0; ci < cs.size(); ++ci) {
      if (cs[ci].type == ChunkType::kPrepPhrase) AttachPrepPhrase(ci);
      if (ci > 0) RelateToPrevious(ci);
    }
    RelativeClauses();
    IntentChains();
  }

  // PP ci: its object (the NP right after it) and the verb group it attaches
  // to (nearest to the left, else to the right).
  void AttachPrepPhrase(std::size_t ci) {
    auto& cs = out->chunks;
    Chunk& c = cs[ci];
    if (ci + 1 < cs.size() && cs[ci + 1].type == ChunkType::kNounPhrase &&
        cs[ci + 1].begin == c.end) {
      c.object = static_cast<std::int32_t>(ci + 1);
    }
    for (std::size_t back = ci; back-- > 0;) {
      if (cs[back].type == ChunkType::kVerbGroup) {
        c.attach = static_cast<std::int32_t>(back);
        break;
      }
    }
    if (c.attach == kNoChunk) {
      for (std::size_t fwd = ci + 1; fwd < cs.size(); ++fwd) {
        if (cs[fwd].type == ChunkType::kVerbGroup) {
          c.attach = static_cast<std::int32_t>(fwd);
          break;
        }
      }
    }
  }

  // Chunk ci (> 0) coordinated with or in apposition to chunk ci - 1.
  void RelateToPrevious(std::size_t ci) {
    auto& cs = out->chunks;
    Chunk& c = cs[ci];
    // Coordination: X and/or/but Y (also "X, Y and Z" lists of NPs).
    Chunk& prev = cs[ci - 1];
    if (prev.type == c.type &&
        (c.type == ChunkType::kNounPhrase || c.type == ChunkType::kVerbGroup) &&
        prev.end + 1 == c.begin && t[prev.end].upos == Upos::kCconj) {
      c.relation = ChunkRelation::kCoordinated;
      c.related = prev.relation == ChunkRelation::kCoordinated ? prev.related
                                                               : static_cast<std::int32_t>(ci - 1);
      // "A, B and C": B joins A too.
      return;
    }
    if (c.type == ChunkType::kNounPhrase && prev.type == ChunkType::kNounPhrase &&
        prev.end + 1 == c.begin && IsPunct(prev.end, ",")) {
      bool list = c.end < n &&
                  (t[c.end].upos == Upos::kCconj ||
                   (IsPunct(c.end, ",") && c.end + 1 < n && t[c.end + 1].upos != Upos::kVerb &&
                    t[c.end + 1].upos != Upos::kAux && ci + 1 < cs.size() &&
                    cs[ci + 1].type == ChunkType::kNounPhrase && cs[ci + 1].begin == c.end + 1 &&
                    cs[ci + 1].end < n && t[cs[ci + 1].end].upos == Upos::kCconj));
      bool closes = c.end >= n || IsPunct(c.end, ",") || t[c.end].upos == Upos::kPunct;
      bool name = t[prev.head].upos == Upos::kPropn || t[c.head].upos == Upos::kPropn;
      if (list) {
        // A list "A, B and C": the NP after the comma is coordinated with A.
        c.relation = ChunkRelation::kCoordinated;
        c.related = static_cast<std::int32_t>(ci - 1);
      } else if (closes && name && t[c.head].upos != Upos::kPron) {
        c.relation = ChunkRelation::kApposition;
        c.related = static_cast<std::int32_t>(ci - 1);
      }
    }
  }

  // Relative clauses: NP (,) who/which/that ... VG.
  void RelativeClauses() {
    auto& cs = out->chunks;
    for (std::size_t ci = 0; ci < cs.size(); ++ci) {
      if (cs[ci].type != ChunkType::kNounPhrase) continue;
      std::size_t k = cs[ci].end;
      if (IsPunct(k, ",")) ++k;
      if (k >= n) continue;
      bool rel = t[k].xpos == Xpos::kWDT || t[k].xpos == Xpos::kWP || t[k].xpos == Xpos::kWPS ||
                 (Is(w[k], "that") && t[k].upos == Upos::kPron);
      if (!rel) continue;
      for (std::size_t cj = ci + 1; cj < cs.size() && cs[cj].begin <= k + 6; ++cj) {
        if (cs[cj].type == ChunkType::kVerbGroup && cs[cj].begin > k) {
          cs[cj].relation = ChunkRelation::kRelativeClause;
          cs[cj].related = static_cast<std::int32_t>(ci);
          break;
        }
      }
    }
  }

  // Intent chains: "is planning to deport".
  void IntentChains() {
    auto& cs = out->chunks;
    for (std::size_t ci = 0; ci + 1 < cs.size(); ++ci) {
      Chunk& a = cs[ci];
      Chunk& b = cs[ci + 1];
      if (a.type == ChunkType::kVerbGroup && b.type == ChunkType::kVerbGroup && b.infinitive &&
          b.begin == a.end + 1 && t[a.end].xpos == Xpos::kTO) {
        a.complement = static_cast<std::int32_t>(ci + 1);
        if (IsIntentVerb(w[a.head])) {
          b.intent = true;
          if (Is(w[a.head], "going") && a.aspect == Aspect::kProgressive) b.tense = Tense::kFuture;
        }
      }
    }
  }

  // The NP that ends right before chunk ci (skipping a comma or quote), or kNoChunk.
  std::int32_t NpBefore(std::size_t ci) const {
    const auto& cs = out->chunks;
    if (ci == 0) return kNoChunk;
    const Chunk& p = cs[ci - 1];
    if (p.type != ChunkType::kNounPhrase) return kNoChunk;
    std::size_t gap = cs[ci].begin - p.end;
    if (gap == 0) return static_cast<std::int32_t>(ci - 1);
    // "Putin, the president, said": the apposition closes with a comma.
    if (gap == 1 && w[p.end] == "," && p.relation == ChunkRelation::kApposition) {
      return static_cast<std::int32_t>(ci - 1);
    }
    return kNoChunk;
  }

  void Frames() {
    const auto& cs = out->chunks;
    for (std::size_t ci = 0; ci < cs.size(); ++ci) {
      const Chunk& c = cs[ci];
      if (c.type == ChunkType::kPrepPhrase && c.end == c.begin + 2 && Is(w[c.begin], "according")) {
        ReportingFrame f;
        f.kind = FrameKind::kAccordingTo;
        f.cue_chunk = static_cast<std::int32_t>(ci);
        if (ci + 1 < cs.size() && cs[ci + 1].type == ChunkType::kNounPhrase &&
            cs[ci + 1].begin == c.end) {
          f.source = static_cast<std::int32_t>(ci + 1);
        }
        out->frames.push_back(f);
        continue;
      }
      if (c.type != ChunkType::kVerbGroup || !IsAny(w[c.head], kReportVerbs)) continue;
      if (c.passive) continue;  // "was reported" has no reporter in the frame
      ReportingFrame f;
      f.cue_chunk = static_cast<std::int32_t>(ci);
      f.source = NpBefore(ci);
      if (f.source != kNoChunk && cs[f.source].relation == ChunkRelation::kApposition) {
        f.source = cs[f.source].related;
      }
      if (f.source == kNoChunk && ci + 1 < cs.size() && cs[ci + 1].type == ChunkType::kNounPhrase &&
          cs[ci + 1].begin == c.end && c.begin > 0 && (t[c.begin - 1].upos == Upos::kPunct)) {
        f.source = static_cast<std::int32_t>(ci + 1);  // ", said the minister."
      }
      // "reported that", "told reporters that".
      std::size_t k = c.end;
      if (ci + 1 < cs.size() && cs[ci + 1].type == ChunkType::kNounPhrase &&
          cs[ci + 1].begin == k && !Is(w[k], "that")) {
        k = cs[ci + 1].end;
      }
      f.kind = (k < n && Is(w[k], "that")) ? FrameKind::kReportedThat : FrameKind::kSaid;
      if (f.source == kNoChunk && f.kind == FrameKind::kSaid) continue;
      out->frames.push_back(f);
    }
  }
};

}  // namespace

void ChunkSentence(std::span<const std::string_view> words, std::span<const PosTag> tags,
                   Chunks* out) {
  out->Clear();
  std::size_t n = std::min(words.size(), tags.size());
  if (n == 0) return;
  Builder b{words.first(n), tags.first(n), out, n};
  b.Run();
  b.Relations();
  b.Frames();
}

}  // namespace dyad
