// Copyright dyad authors. Stage `context`: attribution, modality, dates and
// places of coded events. docs/formats/context.md explains every rule here.
#include "dyad/context.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>

#include "common/compass.h"
#include "context/gazetteer.h"
#include "context/syntax.h"
#include "context/words.h"

namespace dyad {
namespace {

// ---------------------------------------------------------------- word classes

struct WordTable {
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> map;
  void Add(std::uint32_t cls, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) map[std::string(w)] |= cls;
  }
  WordTable() {
    Add(kReportVerb,
        {"said",      "says",      "say",       "saying",     "told",         "tells",
         "reported",  "reporting", "report",    "reports",    "announced",    "announces",
         "stated",    "states",    "added",     "adds",       "claimed",      "claims",
         "claiming",  "warned",    "warns",     "warning",    "cautioned",    "cautions",
         "indicated", "indicate",  "indicates", "confirmed",  "confirms",     "noted",
         "notes",     "alleged",   "alleges",   "insisted",   "insists",      "wrote",
         "writes",    "tweeted",   "posted",    "describing", "described",    "describe",
         "describes", "suggested", "suggest",   "suggests",   "acknowledged", "explained",
         "stressed",  "revealed",  "disclosed", "showed",     "show",         "shows",
         "quoted",    "asserted",  "declared",  "highlighted"});
    Add(kMedia, {"outlets",
                 "outlet",
                 "reports",
                 "report",
                 "media",
                 "newspaper",
                 "newspapers",
                 "news",
                 "agency",
                 "reuters",
                 "ap",
                 "afp",
                 "bloomberg",
                 "bbc",
                 "cnn",
                 "times",
                 "post",
                 "journal",
                 "tv",
                 "television",
                 "broadcaster",
                 "press",
                 "jazeera",
                 "xinhua",
                 "tass",
                 "interfax",
                 "wire",
                 "radio",
                 "website",
                 "channel",
                 "daily",
                 "reporters",
                 "reporter",
                 "correspondent",
                 "correspondents",
                 "footage"});
    Add(kAnonymous, {"sources", "source", "insiders", "insider", "anonymity", "anonymous",
                     "unnamed", "familiar", "undisclosed", "witnesses", "witness", "residents",
                     "resident", "people", "person", "someone"});
    Add(kInstitution, {"official",
                       "officials",
                       "spokesman",
                       "spokeswoman",
                       "spokesperson",
                       "minister",
                       "ministry",
                       "president",
                       "government",
                       "police",
                       "army",
                       "military",
                       "department",
                       "office",
                       "council",
                       "commission",
                       "secretary",
                       "governor",
                       "mayor",
                       "embassy",
                       "authorities",
                       "authority",
                       "group",
                       "groups",
                       "organization",
                       "organisation",
                       "organizations",
                       "organisations",
                       "committee",
                       "administration",
                       "cabinet",
                       "court",
                       "prosecutors",
                       "prosecutor",
                       "leader",
                       "leaders",
                       "chief",
                       "commander",
                       "statement",
                       "diplomats",
                       "diplomat",
                       "agencies",
                       "un",
                       "nato",
                       "parliament",
                       "white",
                       "kremlin"});
    Add(kPlanned,
        {"planning",  "plans",     "plan",    "planned",   "intends", "intend", "intended",
         "intending", "intention", "slated",  "scheduled", "aims",    "aim",    "aiming",
         "preparing", "prepares",  "prepare", "will",      "shall",   "'ll",    "going",
         "set",       "expected",  "expects", "poised",    "would",   "vowed",  "pledged",
         "promised",  "decided",   "agreed",  "wants",     "want",    "wanted", "wanting",
         "hopes",     "hope",      "hoped",   "hoping",    "seeks",   "seek",   "sought",
         "seeking"});
    Add(kPossible, {"could", "may", "might", "possibly", "possible", "possibility", "likely",
                    "perhaps", "potential", "potentially", "considering", "weighing", "mulling",
                    "soon", "can", "reportedly-possible"});
    Add(kRequest, {"urged",     "urge",    "urges",   "urging",    "demanded", "demand",  "demands",
                   "demanding", "called",  "calls",   "calling",   "call",     "asked",   "asks",
                   "appealed",  "appeals", "pressed", "requested", "requests", "pressing"});
    Add(kDeny, {"denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed",
                "dismisses", "refuted", "refutes", "disputed"});
    Add(kNegation, {"not", "never", "no", "n't", "neither", "nor", "without", "cannot"});
    Add(kCondition, {"if", "unless"});
    Add(kAux, {"is",       "are",    "was",        "were",     "be",         "been",
               "being",    "has",    "have",       "had",      "do",         "does",
               "did",      "also",   "previously", "earlier",  "reportedly", "repeatedly",
               "publicly", "again",  "later",      "then",     "now",        "already",
               "recently", "widely", "separately", "privately"});
    Add(kDeterminer, {"the", "a", "an", "these", "those", "this", "some", "several", "many", "two",
                      "three", "its", "their", "his", "her"});
    Add(kClauseStop,
        {"that",   "which", "who",      "whom",    "because", "despite", "while", "as",
         "when",   "since", "although", "though",  "but",     "and",     "or",    "after",
         "before", "if",    "unless",   "whether", "where",   "than",    "amid",  "following",
         "to",     "by",    "on",       "about",   "over",    "against"});
    Add(kRoleLocation, {"in", "at", "near", "outside", "inside", "across", "within", "around",
                        "throughout", "off", "over"});
    Add(kRoleDestination, {"to", "into", "toward", "towards", "for"});
    Add(kRoleOrigin, {"from"});
    Add(kHedgeAdverb, {"reportedly", "allegedly", "purportedly", "supposedly", "apparently"});
    Add(kPronoun, {"he", "she", "they", "it", "we", "i"});
    Add(kNpPreposition, {"of", "at", "from", "for", "with", "in", "close", "on"});
    Add(kModal,
        {"will", "would", "could", "may", "might", "shall", "can", "must", "should", "'ll"});
  }
};

const WordTable& Words() {
  static const WordTable* table = new WordTable();
  return *table;
}

// Class bits of a word (ASCII lower-cased; curly apostrophes read as ').
std::uint32_t ClassOf(std::string_view w) {
  char buf[32];
  std::size_t n = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c == '\xE2' && i + 2 < w.size() && w[i + 1] == '\x80' && w[i + 2] == '\x99') {
      c = '\'';
      i += 2;
    }
    if (n == sizeof(buf)) return 0;
    buf[n++] = LowerAscii(c);
  }
  auto it = Words().map.find(std::string_view(buf, n));
  return it == Words().map.end() ? 0 : it->second;
}

bool EndsWithNt(std::string_view w) {
  return (w.size() > 3 && EqualsLower(w.substr(w.size() - 3), "n't")) ||
         (w.size() > 5 && w.substr(w.size() - 5) == "n\xE2\x80\x99t");
}

bool EndsWithPossessive(std::string_view w) {
  return (w.size() > 2 && w.substr(w.size() - 2) == "'s") ||
         (w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s");
}

// ---------------------------------------------------------------- sentence view

// Tokens of one sentence with their classes, bounded by max_scan_tokens.
struct SentenceView {
  const Document* doc = nullptr;
  std::uint32_t first = 0, count = 0;  // doc token range
  std::span<const PosTag> tags;        // per sentence token, or empty
  std::span<const std::uint32_t> cls;  // class bits per sentence token

  std::string_view Text(std::uint32_t i) const { return doc->TokenText(doc->tokens[first + i]); }
  const Token& Tok(std::uint32_t i) const { return doc->tokens[first + i]; }
  bool IsPunct(std::uint32_t i) const {
    TokenKind k = Tok(i).kind;
    return k == TokenKind::kPunct || k == TokenKind::kQuote;
  }
  bool IsWord(std::uint32_t i) const { return Tok(i).kind == TokenKind::kWord; }
  bool Capitalized(std::uint32_t i) const { return (Tok(i).flags & kCapitalized) != 0; }
  // Tags veto word-list guesses: "will" the noun, "may" the month.
  bool TagIs(std::uint32_t i, std::initializer_list<Xpos> xs) const {
    if (tags.empty()) return true;
    for (Xpos x : xs)
      if (tags[i].xpos == x) return true;
    return false;
  }
  bool IsVerbTag(std::uint32_t i) const {
    return tags.empty() || tags[i].upos == Upos::kVerb || tags[i].upos == Upos::kAux;
  }
  // Tagged as a verb (false without tags).
  bool TaggedVerb(std::uint32_t i) const { return !tags.empty() && IsVerbTag(i); }
};

// Class bits of every token of doc (computed once per article).
void ComputeClasses(const Document& doc, std::vector<std::uint32_t>* out) {
  out->resize(doc.tokens.size());
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    std::uint32_t c = 0;
    if (t.kind == TokenKind::kWord) {
      std::string_view w = doc.TokenText(t);
      c = ClassOf(w);
      if (EndsWithNt(w)) c |= kNegation;
    }
    (*out)[i] = c;
  }
}

void BuildView(const Document& doc, std::uint32_t si, std::span<const PosTag> all_tags,
               std::span<const std::uint32_t> all_cls, std::uint32_t max_tokens, SentenceView* v) {
  const Sentence& s = doc.sentences[si];
  v->doc = &doc;
  v->first = s.first_token;
  v->count = std::min(s.token_count, max_tokens);
  v->tags = {};
  if (all_tags.size() == doc.tokens.size() && v->count)
    v->tags = all_tags.subspan(s.first_token, v->count);
  v->cls = all_cls.subspan(s.first_token, v->count);
}

// Token index (within the view) of the first token at or after byte `b`.
std::int64_t TokenAt(const SentenceView& v, std::uint32_t b) {
  for (std::uint32_t i = 0; i < v.count; ++i)
    if (v.Tok(i).end > b) return i;
  return -1;
}

// ---------------------------------------------------------------- attribution

struct Frame {
  std::uint32_t cue = 0;                     // token of the reporting verb / "according"
  std::uint32_t src_first = 0, src_end = 0;  // source NP tokens (empty: no named source)
  Attribution attribution;
  bool citable = true;  // goes into CodedArticle::sources
};

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

Span TokenSpan(const SentenceView& v, std::uint32_t first, std::uint32_t end) {
  if (first >= end) return {};
  return {v.Tok(first).begin, v.Tok(end - 1).end};
}

const Entity* EntityOver(const CodedArticle& coded, Span s) {
  const Entity* best = nullptr;
  for (const Entity& e : coded.entities)
    if (!e.code.empty() && Overlaps(e.span, s) &&
        (!best || e.span.end - e.span.begin > best->span.end - best->span.begin))
      best = &e;
  return best;
}

std::string KindOf(const SentenceView& v, std::uint32_t first, std::uint32_t end,
                   const Entity* entity) {
  bool anonymous = false, media = false, institution = false, named = false, pronoun = false;
  for (std::uint32_t i = first; i < end; ++i) {
    std::uint32_t c = v.cls[i];
    if (c & kAnonymous) anonymous = true;
    if (c & kMedia) media = true;
    if (c & kInstitution) institution = true;
    if (c & kPronoun) pronoun = true;
    if (v.IsWord(i) && v.Capitalized(i) && !(c & (kDeterminer | kMedia)) &&
        !(i == 0 && (c & kAnonymous)))
      named = true;
  }
  if (entity) {
    for (const std::string& s : entity->sectors)
      if (s == "MED") media = true;
    named = true;
  }
  if (anonymous) return "anonymous";
  if (media) return "reported";
  if (named || pronoun) return "official";
  if (institution) {
    // "officials said", "a spokesman said": unnamed people of a body.
    std::string_view head = v.Text(end - 1);
    if (EqualsLower(head, "officials") || EqualsLower(head, "official") ||
        EqualsLower(head, "diplomats") || EqualsLower(head, "diplomat") ||
        EqualsLower(head, "spokesman") || EqualsLower(head, "spokeswoman") ||
        EqualsLower(head, "spokesperson"))
      return "anonymous";
    return "official";
  }
  return "anonymous";
}

// A month or weekday: "in March, Kenya ..." names no place.
bool IsCalendarWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "january",   "february",  "march",   "april",    "may",      "june",   "july",
      "august",    "september", "october", "november", "december", "monday", "tuesday",
      "wednesday", "thursday",  "friday",  "saturday", "sunday"};
  for (std::string_view k : kWords)
    if (EqualsLower(w, k)) return true;
  return false;
}

bool IsOneOf(std::string_view w, std::span<const std::string_view> words) {
  for (std::string_view k : words)
    if (EqualsLower(w, k)) return true;
  return false;
}

constexpr std::string_view kTimePhraseWords[] = {
    "today",   "yesterday", "tonight",   "week",    "month", "year",
    "weekend", "morning",   "afternoon", "evening", "night", "last",
    "this",    "earlier",   "later",     "on",      "late",  "early"};

// Whether "and" or "or" joins the names between `first` and `end`: a list of names
// ("the White House, State Department, and Defense Department said"), not an opening
// phrase before the speaker ("at a fuel plant on Tuesday, Bolivia's ombudsman said").
bool JoinedByAndBefore(const SentenceView& v, std::uint32_t first, std::uint32_t end) {
  for (std::uint32_t i = first; i < end; ++i)
    if (EqualsLower(v.Text(i), "and") || EqualsLower(v.Text(i), "or")) return true;
  return false;
}

// Words of a time phrase between a speaker and the reporting verb: "a poll
// released earlier this week showed", "the ministry on Tuesday said".
bool IsTimePhraseWord(std::string_view w) {
  return IsCalendarWord(w) || IsOneOf(w, kTimePhraseWords);
}

// `end` moved back over a time phrase and the participle before it ("released
// earlier this week"), when there is one; else `end`.
std::uint32_t BeforeTimePhrase(const SentenceView& v, std::uint32_t end) {
  std::uint32_t i = end;
  while (i > 0 && v.IsWord(i - 1) && IsTimePhraseWord(v.Text(i - 1)) &&
         (!v.Capitalized(i - 1) || IsCalendarWord(v.Text(i - 1))))
    --i;
  if (i == end) return end;
  if (i > 1 && v.TaggedVerb(i - 1) && v.Text(i - 1).ends_with("ed")) --i;  // "released"
  return i;
}

// The NP that ends just before token `end` (exclusive), walking back.
std::pair<std::uint32_t, std::uint32_t> NounPhraseBefore(const SentenceView& v, std::uint32_t end) {
  end = BeforeTimePhrase(v, end);
  std::uint32_t i = end;
  std::uint32_t taken = 0;
  while (i > 0 && taken < 12) {
    std::uint32_t j = i - 1;
    std::string_view t = v.Text(j);
    if (v.Tok(j).kind == TokenKind::kPunct && t == "," && j > 0 && v.Capitalized(j - 1) &&
        j + 1 < end && v.Capitalized(j + 1) && JoinedByAndBefore(v, j + 1, end)) {
      // "the White House, State Department, and Defense Department"
      i = j;
      ++taken;
      continue;
    }
    if (!v.IsWord(j)) break;
    std::uint32_t c = v.cls[j];
    if ((c & kClauseStop) && !(c & kNpPreposition)) {
      // "Officials who spoke on condition of anonymity said": the relative
      // clause belongs to the source.
      if ((EqualsLower(t, "who") || EqualsLower(t, "which")) && i < end && j > 0 &&
          v.IsWord(j - 1) && !(v.cls[j - 1] & (kClauseStop | kAux))) {
        i = j;
        ++taken;
        continue;
      }
      if (EqualsLower(t, "and") && j > 0 && v.Capitalized(j - 1)) {
        i = j;
        ++taken;
        continue;
      }
      break;
    }
    if ((c & (kReportVerb | kModal)) && !(c & (kMedia | kInstitution))) break;
    if ((c & kAux) && !(c & kDeterminer)) break;
    i = j;
    ++taken;
  }
  // Trim leading prepositions and determiners ("of the reports").
  while (i < end && (v.cls[i] & (kNpPreposition | kDeterminer)) && !v.Capitalized(i)) ++i;
  while (i < end && (v.cls[i] & kDeterminer)) ++i;
  return {i, end};
}

// The NP starting at `begin` (inverted "..., said the minister").
std::pair<std::uint32_t, std::uint32_t> NounPhraseAfter(const SentenceView& v,
                                                        std::uint32_t begin) {
  std::uint32_t i = begin;
  while (i < v.count && (v.cls[i] & kDeterminer)) ++i;
  std::uint32_t s = i;
  while (i < v.count && i - begin < 8 && v.IsWord(i) && !(v.cls[i] & (kClauseStop | kAux)) &&
         !(v.cls[i] & kNpPreposition && !v.Capitalized(i)))
    ++i;
  return {s, i};
}

// The speaker before an aside that ends at the comma `comma`: "Montell Figgins, who
// represents Thomas, said", "Noel, 31, said", "Geoffrey Berman, the U.S. attorney for
// the district, said". Empty when no earlier comma opens an aside within the clause.
std::pair<std::uint32_t, std::uint32_t> NounPhraseBeforeAside(const SentenceView& v,
                                                              std::uint32_t comma) {
  for (std::uint32_t p = comma; p-- > 0 && comma - p < 25;) {
    std::string_view t = v.Text(p);
    if (v.IsPunct(p) && t != ",") break;  // a quote, a stop: no aside
    if (t != "," || p + 1 >= comma) continue;
    std::uint32_t a = p + 1;  // the aside's first word
    bool aside = EqualsLower(v.Text(a), "who") || EqualsLower(v.Text(a), "which") ||
                 (v.cls[a] & kDeterminer) || v.Capitalized(a) ||
                 v.Tok(a).kind == TokenKind::kNumber;
    if (!aside) return {0, 0};
    auto np = NounPhraseBefore(v, p);
    if (np.first < np.second && v.Capitalized(np.second - 1)) return np;
    return {0, 0};
  }
  return {0, 0};
}

// Whether the words after an inverted reporting verb are its speaker ("..., said the
// minister.", "..., said Smith on Tuesday") rather than the reported clause's
// subject ("..., said his client chose not to", "..., said he's pleased").
bool SpeakerAfterVerb(const SentenceView& v, std::uint32_t first, std::uint32_t end) {
  for (std::uint32_t i = first; i < end; ++i)
    if (v.TaggedVerb(i)) return false;
  if (end >= v.count) return true;
  return !(v.cls[end] & kAux) && !v.TaggedVerb(end) && !EqualsLower(v.Text(end), "to");
}

// Narrows "Earlier reports from Reuters" to "Reuters".
std::pair<std::uint32_t, std::uint32_t> NamedTail(const SentenceView& v, std::uint32_t f,
                                                  std::uint32_t e) {
  for (std::uint32_t i = f; i + 1 < e; ++i) {
    std::string_view t = v.Text(i);
    if ((EqualsLower(t, "from") || EqualsLower(t, "by")) && v.Capitalized(i + 1)) return {i + 1, e};
  }
  return {f, e};
}

void FindFrames(const SentenceView& v, const CodedArticle& coded, std::vector<Frame>* out) {
  out->clear();
  for (std::uint32_t i = 0; i < v.count; ++i) {
    if (!v.IsWord(i)) continue;
    std::uint32_t c = v.cls[i];
    std::string_view t = v.Text(i);
    Frame f;
    f.cue = i;
    std::uint32_t sf = 0, se = 0;
    if (EqualsLower(t, "according") && i + 1 < v.count && EqualsLower(v.Text(i + 1), "to")) {
      auto [a, b] = NounPhraseAfter(v, i + 2);
      // "according to the reports" / "according to a statement from the ministry".
      std::uint32_t e = b;
      // ... but not "on November 27": a time phrase ends it.
      while (e < v.count && e - i < 12 && (v.IsWord(e) || v.Text(e) == ",") &&
             ((v.cls[e] & kNpPreposition) || v.Capitalized(e) || (v.cls[e] & kDeterminer)) &&
             !IsCalendarWord(v.Text(e)) &&
             !(e + 1 < v.count && (v.cls[e] & kNpPreposition) && IsCalendarWord(v.Text(e + 1))))
        ++e;
      while (e > b && !v.IsWord(e - 1)) --e;
      std::tie(sf, se) = NamedTail(v, a, e);
    } else if (c & kHedgeAdverb) {
      f.attribution = {std::string(t), "reported", ""};
      f.citable = false;
      out->push_back(std::move(f));
      continue;
    } else if (c & kReportVerb) {
      if (!v.IsVerbTag(i)) continue;
      // "the United States government": a capitalised word inside a sentence is a name.
      if (i > 0 && v.Capitalized(i)) continue;
      // "reports" / "report" after a determiner is the noun ("The reports indicate").
      if (c & kMedia) {
        if (i > 0 && (v.cls[i - 1] & (kDeterminer | kMedia | kAux) || v.Capitalized(i - 1)) &&
            !(v.cls[i - 1] & kAux))
          continue;
        if (i == 0 || v.Capitalized(i)) continue;
      }
      // Passive "is said to be": a frame with no named source.
      if (i > 0 && i + 1 < v.count && (v.cls[i - 1] & kAux) && EqualsLower(v.Text(i + 1), "to") &&
          (EqualsLower(t, "said") || EqualsLower(t, "reported"))) {
        std::uint32_t b = i - 1, e = i + 2 < v.count ? i + 3 : i + 2;
        Span s = TokenSpan(v, b, e);
        f.attribution = {std::string(v.doc->body.substr(s.begin, s.end - s.begin)), "anonymous",
                         ""};
        f.citable = false;
        out->push_back(std::move(f));
        continue;
      }
      std::uint32_t k = i;
      while (k > 0 && (v.cls[k - 1] & (kAux | kModal | kNegation)) && !(v.cls[k - 1] & kDeterminer))
        --k;
      // "the security breakdown revealed by the suicide": a passive participle.
      if (i + 1 < v.count && EqualsLower(v.Text(i + 1), "by")) continue;
      std::tie(sf, se) = NounPhraseBefore(v, k);
      if (sf >= se && k > 0 && v.Text(k - 1) == ",")
        std::tie(sf, se) = NounPhraseBeforeAside(v, k - 1);
      if (sf >= se && i + 1 < v.count && (k == 0 || v.IsPunct(k - 1))) {
        std::tie(sf, se) = NounPhraseAfter(v, i + 1);  // "..., said the minister"
        if (!SpeakerAfterVerb(v, sf, se)) continue;
      }
      if (sf >= se) continue;
      std::tie(sf, se) = NamedTail(v, sf, se);
    } else {
      continue;
    }
    if (sf >= se) continue;
    f.src_first = sf;
    f.src_end = se;
    Span s = TokenSpan(v, sf, se);
    const Entity* ent = EntityOver(coded, s);
    f.attribution.text = std::string(v.doc->body.substr(s.begin, s.end - s.begin));
    f.attribution.kind = KindOf(v, sf, se, ent);
    if (ent) f.attribution.code = ent->code;
    out->push_back(std::move(f));
  }
}

// ---------------------------------------------------------------- modality

constexpr std::string_view kWantWords[] = {"wants", "want", "wanted", "wanting"};

// "set", "going", "expected", "wanted", "hoped", "sought" plan only with "to" or "for"
// after them ("wanted to raid the base", "hoping for talks"; not "a wanted man").
bool PlansOnlyWithTo(std::string_view t) {
  static constexpr std::string_view kOthers[] = {"set",   "going",  "expected", "decided", "agreed",
                                                 "hopes", "hope",   "hoped",    "hoping",  "seeks",
                                                 "seek",  "sought", "seeking"};
  return IsOneOf(t, kWantWords) || IsOneOf(t, kOthers);
}

// An event written as a noun and modified as not yet real: "a probable
// meeting between", "the proposed talks", "an upcoming summit" (the word right
// before it, past a determiner), "prospects for a meeting", "his proposal for
// an economic summit" (the noun's "for" phrase).
void ReadNounModifierModality(const SentenceView& v, std::uint32_t verb, ModalityCues* m) {
  static constexpr std::string_view kPlannedBefore[] = {"proposed", "upcoming", "forthcoming",
                                                        "planned",  "future",   "expected"};
  static constexpr std::string_view kPossibleBefore[] = {"probable", "possible", "potential"};
  static constexpr std::string_view kPlanHeads[] = {"proposal", "proposals", "plan", "plans",
                                                    "preparations"};
  static constexpr std::string_view kChanceHeads[] = {"prospects", "prospect", "chance", "chances",
                                                      "hopes"};
  if (verb == 0 || verb >= v.count) return;
  std::uint32_t i = verb - 1;
  if (i > 0 && (v.cls[i] & kDeterminer)) --i;
  std::string_view t = v.Text(i);
  if (IsOneOf(t, kPlannedBefore)) m->planned = true;
  if (IsOneOf(t, kPossibleBefore)) m->possible = true;
  if (EqualsLower(t, "for") && i > 0) {
    std::string_view head = v.Text(i - 1);
    if (IsOneOf(head, kPlanHeads)) m->planned = true;
    if (IsOneOf(head, kChanceHeads)) m->possible = true;
  }
}

ModalityCues ReadModality(const SentenceView& v, std::uint32_t verb, bool coder_negated,
                          const std::vector<Frame>& frames) {
  ModalityCues m;
  m.negated = coder_negated;
  auto is_cue_frame = [&](std::uint32_t i) {
    for (const Frame& f : frames)
      if (f.cue == i) return true;
    return false;
  };
  if (verb < v.count && (v.cls[verb] & kNegation) && EndsWithNt(v.Text(verb))) m.negated = true;
  // Close window: the verb group and its governing words, back to a clause stop.
  bool saw_comma = false;
  for (std::uint32_t back = 0; back < 10 && verb >= back + 1; ++back) {
    std::uint32_t i = verb - back - 1;
    std::string_view t = v.Text(i);
    if (!v.IsWord(i)) {
      if (t == ";" || t == ":" || v.Tok(i).kind == TokenKind::kQuote) break;
      if (t == ",") {
        saw_comma = true;
        break;
      }
      continue;
    }
    std::uint32_t c = v.cls[i];
    if (is_cue_frame(i)) break;
    if (c & kCondition) {
      m.hypothetical = true;
      break;
    }
    if (EqualsLower(t, "that") || EqualsLower(t, "which") || EqualsLower(t, "who")) {
      // "demanded that Turkey withdraw", "urged that": what is asked for.
      if (EqualsLower(t, "that") && i > 0 && (v.cls[i - 1] & kRequest)) m.requested = true;
      break;
    }
    if (c & kNegation) {
      // "not only" is no negation.
      if (!(i + 1 < v.count && EqualsLower(v.Text(i + 1), "only"))) m.negated = true;
    }
    if ((c & kModal) && !v.TagIs(i, {Xpos::kMD})) c &= ~(kModal | kPlanned | kPossible);
    if (c & kRequest) {
      // "called for", "urged X to", "asked X to": the event is what is asked.
      m.requested = true;
    }
    if (c & kDeny) m.denied = true;
    if (c & kPlanned) {
      bool needs_to = PlansOnlyWithTo(t);
      bool to_after = i + 1 < v.count &&
                      (EqualsLower(v.Text(i + 1), "to") || EqualsLower(v.Text(i + 1), "for"));
      if (!needs_to || to_after) {
        m.planned = true;
      } else if (IsOneOf(t, kWantWords) && verb > 0 && EqualsLower(v.Text(verb - 1), "to")) {
        m.requested = true;  // "The US wants the UK to extradite him": asked of another
      }
      if (EqualsLower(t, "will") || EqualsLower(t, "shall") || EqualsLower(t, "'ll"))
        m.future = true;
    }
    if (c & kPossible) {
      if (!(EqualsLower(t, "soon") && !(i > 0 && EqualsLower(v.Text(i - 1), "as"))))
        m.possible = true;
    }
  }
  (void)saw_comma;
  // Conditions anywhere in the sentence make a would/could event hypothetical.
  bool modal_conditional = false;
  for (std::uint32_t back = 0; back < 6 && verb >= back + 1; ++back) {
    std::string_view t = v.Text(verb - back - 1);
    if (EqualsLower(t, "would") || EqualsLower(t, "could") || EqualsLower(t, "will") ||
        EqualsLower(t, "might"))
      modal_conditional = true;
  }
  if (modal_conditional) {
    for (std::uint32_t i = 0; i < v.count; ++i)
      if (v.cls[i] & kCondition) m.hypothetical = true;
  }
  // Denials reach further: "denied that its forces had attacked", "rejected
  // reports that it planned to".
  for (std::uint32_t back = 0; back < 24 && verb >= back + 1; ++back) {
    std::uint32_t i = verb - back - 1;
    if (v.Text(i) == ";") break;
    // "denied that ... and accused Armenian forces": a new verb phrase after
    // "and"/"but" is outside the denial.
    if ((EqualsLower(v.Text(i), "and") || EqualsLower(v.Text(i), "but")) && i + 1 == verb) break;
    if (v.cls[i] & kDeny) {
      m.denied = true;
      break;
    }
  }
  ReadNounModifierModality(v, verb, &m);
  // "no plans to", "no intention of": the plan is negated.
  return m;
}

std::string DecideModality(const ModalityCues& m, std::string_view cameo) {
  if (m.hypothetical) return "hypothetical";
  if (m.denied) return "denied";
  // CAMEO 011 "decline comment" already means "did not comment".
  if (m.negated && cameo != "011") return "negated";
  if (m.requested) return "requested";
  if (m.planned) return "planned";
  if (m.possible) return "possible";
  return "asserted";
}

// ---------------------------------------------------------------- places

struct PlaceHit {
  std::uint32_t first = 0, end = 0;  // view tokens
  Span span;
  const std::vector<std::uint32_t>* ids = nullptr;  // gazetteer candidates (empty: anchored)
  std::string prefer_country;                       // "Tripoli, Lebanon"
  std::uint32_t role_class = 0;  // kRoleLocation / kRoleDestination / kRoleOrigin, or 0
  bool sentence_initial = false;
  // A name the gazetteer lacks, placed by a known place after it ("Aguililla,
  // Michoacán", "Parachinar in ... Pakistan"): the index of that place's hit
  // in the same hit list, and once resolved (ResolveAnchors) the entry built
  // from it: the name as written, the anchor's country and admin1.
  std::int64_t anchor = -1;
  std::int64_t anchor_entry = -1;  // "X, Kenya": the area named after the comma
  bool anchored_ok = false;
  GazetteerEntry anchored;
  bool in_person_name = false;    // inside a name the name finder read as a person's
  bool inside_longer = false;     // inside an anchored longer name (AnchorUnknownNames)
  bool after_place_noun = false;  // "the city of X", "the capital X" (AfterPlaceNoun)
  bool water = false;             // a sea's or strait's name (AddWaterNames), in no country
  bool in_water = false;          // inside one: "Aden" in "the Gulf of Aden"
};

const std::vector<std::uint32_t>& NoCandidates() {
  static const std::vector<std::uint32_t>* none = new std::vector<std::uint32_t>();
  return *none;
}

// Nouns for a kind of place ("the city of X", "the Russian capital Moscow").
constexpr std::string_view kPlaceNouns[] = {
    "city",    "town",        "village", "district",      "province",     "region",  "state",
    "capital", "port",        "county",  "area",          "suburb",       "suburbs", "outskirts",
    "hamlet",  "governorate", "island",  "neighbourhood", "neighborhood", "commune", "municipality",
    "enclave", "camp",        "coast",   "shores"};
// Facilities named after the place they are in: "Baghdad International
// Airport", "Wichita Mid-Continent Airport", "Ürümqi Railway Station".
constexpr std::string_view kFacilityNouns[] = {"airport", "airbase", "stadium",  "station",
                                               "prison",  "jail",    "hospital", "square",
                                               "bridge",  "harbour", "harbor"};

// Whether the capitalised words from view token i (at most four) end in a
// facility noun: the place before them is where the facility is.
bool NamesAFacilityThere(const SentenceView& v, std::uint32_t i) {
  for (std::uint32_t j = i; j < v.count && j < i + 4 && v.IsWord(j) && v.Capitalized(j); ++j)
    if (IsOneOf(v.Text(j), kFacilityNouns) &&
        !(j + 1 < v.count && v.IsWord(j + 1) && v.Capitalized(j + 1)))
      return true;
  return false;
}

// Nouns that end an area's name after the place it is named after: "Rakhine
// State", "Raqqa Governorate", "Helmand Province".
constexpr std::string_view kAreaNouns[] = {"state",    "province", "governorate", "region",
                                           "district", "county",   "oblast",      "prefecture"};

// Whether view token i is an area noun ending the capitalised name before it.
bool NamesAnAreaThere(const SentenceView& v, std::uint32_t i) {
  return i < v.count && IsOneOf(v.Text(i), kAreaNouns) &&
         !(i + 1 < v.count && v.IsWord(i + 1) && v.Capitalized(i + 1));
}

// Seas, gulfs and straits: "the Gulf of Aden", "the Strait of Hormuz", "the
// Bay of Bengal" (before "of"); "the South China Sea", "the Persian Gulf",
// "the Indian Ocean", "the Kerch Strait" (ending a name of two words or more).
constexpr std::string_view kWatersBeforeOf[] = {"sea", "gulf", "strait", "straits", "bay"};
constexpr std::string_view kWatersEnding[] = {"sea", "gulf", "ocean", "strait", "straits"};

bool CapitalizedWord(const SentenceView& v, std::uint32_t i) {
  return i < v.count && v.IsWord(i) && v.Capitalized(i) && !(v.cls[i] & kDeterminer);
}

// The end of a sea's name starting at view token i, or 0 (none).
std::uint32_t WaterNameEnd(const SentenceView& v, std::uint32_t i) {
  if (!CapitalizedWord(v, i) || (i > 0 && CapitalizedWord(v, i - 1))) return 0;
  if (IsOneOf(v.Text(i), kWatersBeforeOf) && i + 2 < v.count && EqualsLower(v.Text(i + 1), "of") &&
      CapitalizedWord(v, i + 2)) {
    std::uint32_t e = i + 3;
    while (e < i + 5 && CapitalizedWord(v, e)) ++e;
    return e;
  }
  std::uint32_t e = i;
  while (e < i + 4 && CapitalizedWord(v, e)) ++e;
  if (e - i < 2 || CapitalizedWord(v, e) || !IsOneOf(v.Text(e - 1), kWatersEnding)) return 0;
  return e;
}

// The place role of a name at view token i from the words before it: a role
// word, optionally followed by "the", a compass adjective ("in eastern
// Congo"), a kind of place ("in the city of X", "in the Russian capital X")
// or a compass noun with "of" ("in the north-east of X"). A compass noun with
// "of" is a location by itself ("north of Baghdad"). 0: none.
bool IsCompass(std::string_view w) { return IsOneOf(w, kCompassWords); }

// A diplomat's post names the country they are sent to, not where the event
// happens: "China's ambassador to Britain accused", "the UN envoy for Syria said".
constexpr std::string_view kPostedToNouns[] = {
    "ambassador", "ambassadors", "envoy",     "envoys",     "emissary",
    "consul",     "delegate",    "delegates", "delegation", "representative"};

// Whether the name at view token i follows a kind of place: "the city of X",
// "the Somali capital X", "the town of X". The writer says it is a place.
bool AfterPlaceNoun(const SentenceView& v, std::uint32_t i) {
  if (i >= 2 && EqualsLower(v.Text(i - 1), "of")) return IsOneOf(v.Text(i - 2), kPlaceNouns);
  return i >= 1 && IsOneOf(v.Text(i - 1), kPlaceNouns) && i >= 2 &&
         !v.Capitalized(i - 1);  // "capital Kabul", not "Rakhine State X"
}

std::uint32_t RoleBefore(const SentenceView& v, std::uint32_t i) {
  constexpr std::uint32_t kRoles = kRoleLocation | kRoleDestination | kRoleOrigin;
  std::uint32_t p = i;
  bool compass_of = false;
  bool noun = false;
  if (p >= 2 && EqualsLower(v.Text(p - 1), "of")) {
    std::string_view n = v.Text(p - 2);
    compass_of = IsCompass(n);
    noun = IsOneOf(n, kPlaceNouns);
    if (compass_of || noun) p -= 2;
  } else if (p >= 1 && IsOneOf(v.Text(p - 1), kPlaceNouns) && !v.Capitalized(p - 1)) {
    noun = true;  // not "Washington State University"
    --p;          // "the capital Kabul"
  } else if (p >= 1 && IsCompass(v.Text(p - 1))) {
    --p;  // "in eastern Congo"
  }
  // Before a kind of place, up to two modifiers: "the Russian capital Moscow",
  // "the U.S. state of Mississippi", "the Somali port city of Kismayo", "the
  // eastern city of".
  for (int k = 0; noun && k < 2 && p > 0; ++k) {
    const std::string_view w = v.Text(p - 1);
    const bool name = v.IsWord(p - 1) && v.Capitalized(p - 1) && !(v.cls[p - 1] & kDeterminer);
    if (!name && !IsOneOf(w, kPlaceNouns) && !IsCompass(w)) break;
    --p;
  }
  if (p > 0 && (v.cls[p - 1] & kDeterminer)) --p;
  std::uint32_t role = p > 0 ? v.cls[p - 1] & kRoles : 0;
  if (p > 1 && EqualsLower(v.Text(p - 1), "of") && EqualsLower(v.Text(p - 2), "out"))
    role = kRoleOrigin;
  if (p > 1 && EqualsLower(v.Text(p - 1), "for") && EqualsLower(v.Text(p - 2), "bound"))
    role = kRoleDestination;
  if (!role && compass_of) role = kRoleLocation;
  if (role && p > 1 && IsOneOf(v.Text(p - 2), kPostedToNouns)) return 0;
  return role;
}

// A hit for the name of view tokens [i, e) that the gazetteer lacks (a sea, a
// village placed by a known place), with the role word before it.
PlaceHit UnknownNameHit(const SentenceView& v, std::uint32_t i, std::uint32_t e) {
  PlaceHit h;
  h.first = i;
  h.end = e;
  h.span = {v.Tok(i).begin, v.Tok(e - 1).end};
  h.ids = &NoCandidates();
  h.role_class = RoleBefore(v, i);
  return h;
}

// ---------------------------------------------------------------- per event

// Marks a place role found as the clause's own locative in the tree.
constexpr std::uint32_t kOwnPlace = 1u << 31;

// What every event of one article is annotated with.
struct EventScope {
  const Document& doc;
  std::span<const PosTag> tags;
  std::span<const std::uint32_t> cls;
  const DocumentTrees& trees;
  std::span<const Rel> rels;
  std::optional<CivilDate> pub;
  const CountryEvidence& evidence;
};

// The event's reporting frame: the nearest frame whose cue precedes the verb,
// else the first after it (a frame whose cue is the event's own verb does not
// count); else a citable frame of the previous sentence of the paragraph.
struct ChosenFrame {
  const Frame* frame = nullptr;
  bool inherited = false;
};

ChosenFrame PickFrame(const SentenceView& v, std::uint32_t vt, const Event& ev,
                      const std::vector<std::vector<Frame>>& frames) {
  ChosenFrame c;
  for (const Frame& f : frames[ev.sentence]) {
    Span cue = TokenSpan(v, f.cue, f.cue + 1);
    if (Overlaps(cue, ev.verb_span)) continue;
    if (f.src_end > f.src_first && Overlaps(TokenSpan(v, f.src_first, f.src_end), ev.verb_span))
      continue;
    if (f.cue < vt) {
      c.frame = &f;
    } else if (!c.frame) {
      c.frame = &f;
      break;
    }
  }
  if (c.frame || ev.sentence == 0) return c;
  const Document& doc = *v.doc;
  const std::vector<Frame>& pf = frames[ev.sentence - 1];
  if (doc.sentences[ev.sentence - 1].paragraph == doc.sentences[ev.sentence].paragraph) {
    for (const Frame& f : pf)
      if (f.citable) c.frame = &f;
    c.inherited = c.frame != nullptr;
  }
  return c;
}

void SetAttribution(const SentenceView& v, const ChosenFrame& c, Event* ev) {
  ev->attribution.reset();
  if (c.frame) {
    Attribution a = c.frame->attribution;
    // The actor itself speaking: "direct" when quoted.
    if (!c.inherited && ev->source && c.frame->src_end > c.frame->src_first &&
        Overlaps(ev->source->span, TokenSpan(v, c.frame->src_first, c.frame->src_end))) {
      bool quoted = false;
      for (std::uint32_t i = 0; i < v.count; ++i)
        if (v.Tok(i).kind == TokenKind::kQuote) quoted = true;
      if (quoted) a.kind = "direct";
      if (a.code.empty()) a.code = ev->source->code;
    }
    ev->attribution = std::move(a);
  }
  ev->reported = ev->attribution.has_value();
}

// Modality cues from the word window around the verb (no tree).
ModalityCues WindowModality(const SentenceView& v, std::uint32_t vt, bool coder_negated,
                            const std::vector<Frame>& frames) {
  ModalityCues cues = ReadModality(v, vt, coder_negated, frames);
  // "has no plans to", "no intention of": negation of the plan.
  for (std::uint32_t back = 1; back <= 5 && vt >= back; ++back) {
    std::uint32_t i = vt - back;
    if (EqualsLower(v.Text(i), "no") && i + 1 < v.count && (v.cls[i + 1] & kPlanned))
      cues.negated = true;
  }
  return cues;
}

// View tokens [first, end) covering bytes [b, e) of the body.
std::pair<std::uint32_t, std::uint32_t> TokensOver(const SentenceView& v, std::uint32_t b,
                                                   std::uint32_t e) {
  std::int64_t first = TokenAt(v, b);
  if (first < 0) return {v.count, v.count};
  auto end = static_cast<std::uint32_t>(first);
  while (end < v.count && v.Tok(end).begin < e) ++end;
  return {static_cast<std::uint32_t>(first), end};
}

// The event date: with a tree, the nearest date expression that modifies the
// event's clause; without, the expression nearest the verb. Null when none.
// Whether a date names the time of a noun or a span rather than an event: "the
// Tiananmen Square protests of 1989", "crimes committed since 2014". `before`
// is the sentence text before the date.
bool DatesANounOrASpan(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  const std::size_t sp = before.find_last_of(' ');
  const std::string_view w = sp == std::string_view::npos ? before : before.substr(sp + 1);
  return EqualsLower(w, "of") || EqualsLower(w, "since");
}

const DateMention* PickDate(const SentenceView& v, const TreeView* tree,
                            std::span<const std::uint32_t> clause, const Sentence& sent,
                            std::span<const DateMention> dates, Span verb) {
  const DateMention* best = nullptr;
  std::int64_t best_dist = 0;
  const std::string_view stext = v.doc->SentenceText(sent);
  for (const DateMention& d : dates) {
    std::int64_t b = static_cast<std::int64_t>(sent.begin) + d.begin;
    std::int64_t e = static_cast<std::int64_t>(sent.begin) + d.end;
    if (tree) {
      auto [tf, te] = TokensOver(v, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
      if (!IsOwnTemporal(*tree, clause, tf, te)) continue;
    } else if (d.begin <= stext.size() && DatesANounOrASpan(stext.substr(0, d.begin))) {
      continue;
    }
    std::int64_t dist = e <= verb.begin ? verb.begin - e : b >= verb.end ? b - verb.end : 0;
    if (!best || dist < best_dist) {
      best = &d;
      best_dist = dist;
    }
  }
  return best;
}

// A done event is not dated after its publication: such a date belongs to
// something ahead ("ahead of a general election on November 1", "the
// election to be held in 2013").
void DropDatesAfter(const CivilDate& pub, std::vector<DateMention>* dates) {
  const std::string pub_iso = FormatIsoDate(pub);
  std::erase_if(*dates, [&](const DateMention& d) { return d.date.value > pub_iso; });
}

// "BAMAKO, March 3 -": an upper-case place name opening the article.
bool IsDatelineHit(const SentenceView& v, const PlaceHit& h) {
  if (h.first != 0 || h.end >= v.count) return false;
  std::string_view next = v.Text(h.end);
  if (next != "," && next != "(" && next != "-" && next != "\xE2\x80\x94") return false;
  std::uint32_t letters = 0;
  for (char c : v.doc->body.substr(h.span.begin, h.span.end - h.span.begin)) {
    if (c >= 'a' && c <= 'z') return false;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}

// The number after the highest "e<N>" entity id, so new ids do not collide.
int NextEntityNumber(const CodedArticle& coded) {
  int next_entity = 0;
  for (const Entity& e : coded.entities) {
    if (e.id.size() > 1 && e.id[0] == 'e') {
      int k = 0;
      bool digits = true;
      for (std::size_t i = 1; i < e.id.size() && i < 9; ++i) {
        if (e.id[i] < '0' || e.id[i] > '9')
          digits = false;
        else
          k = k * 10 + (e.id[i] - '0');
      }
      if (digits) next_entity = std::max(next_entity, k + 1);
    }
  }
  return next_entity;
}

// CodedArticle::sources: every citable frame, de-duplicated case-insensitively.
void AddSources(std::span<const std::vector<Frame>> frames, CodedArticle* coded) {
  coded->sources.clear();
  std::vector<std::string> source_keys;
  for (const std::vector<Frame>& fs : frames) {
    for (const Frame& f : fs) {
      if (!f.citable || f.attribution.text.empty()) continue;
      std::string key;
      for (char c : f.attribution.text) key.push_back(LowerAscii(c));
      if (std::find(source_keys.begin(), source_keys.end(), key) != source_keys.end()) continue;
      source_keys.push_back(key);
      coded->sources.push_back(f.attribution);
    }
  }
}

}  // namespace

// ---------------------------------------------------------------- the analyzer

struct ContextAnalyzer::Impl {
  Gazetteer gazetteer;
  ContextOptions options;

  // Place names in one sentence view (longest match at each capitalised word).
  // Appends to *out.
  void ScanPlaces(const SentenceView& v, std::vector<PlaceHit>* out) const {
    const std::size_t start = out->size();
    std::string key;
    const std::uint32_t max_words = gazetteer.max_words();
    for (std::uint32_t i = 0; i < v.count;) {
      if (!v.IsWord(i) || !v.Capitalized(i)) {
        ++i;
        continue;
      }
      bool found = false;
      const std::uint32_t from_here = gazetteer.MaxWordsFrom(v.Text(i), &key);
      if (from_here == 0 && !EndsWithPossessive(v.Text(i))) {
        ++i;
        continue;
      }
      std::uint32_t limit =
          std::min<std::uint32_t>(v.count, i + std::min(max_words, std::max(from_here, 1u)));
      for (std::uint32_t e = limit; e > i; --e) {
        if (!v.IsWord(e - 1)) continue;
        std::string_view surface =
            v.doc->body.substr(v.Tok(i).begin, v.Tok(e - 1).end - v.Tok(i).begin);
        const std::vector<std::uint32_t>* ids = gazetteer.Find(surface, &key);
        std::uint32_t strip = 0;
        if (!ids && e == i + 1) {
          // Possessive "Libya's" / "Libya’s".
          if (surface.size() > 2 && surface.substr(surface.size() - 2) == "'s") strip = 2;
          if (surface.size() > 4 && surface.substr(surface.size() - 4) == "\xE2\x80\x99s")
            strip = 4;
          if (strip) ids = gazetteer.Find(surface.substr(0, surface.size() - strip), &key);
        }
        if (!ids) continue;
        PlaceHit h;
        h.first = i;
        h.end = e;
        h.span = {v.Tok(i).begin, v.Tok(e - 1).end - strip};
        h.ids = ids;
        h.sentence_initial = i == 0 || (i == 1 && v.Tok(0).kind == TokenKind::kQuote);
        h.role_class = RoleBefore(v, i);
        h.after_place_noun = AfterPlaceNoun(v, i);
        // "Tripoli, Lebanon": a country right after pins the place.
        if (e + 1 < v.count && v.Text(e) == "," && v.Capitalized(e + 1)) {
          for (std::uint32_t e2 = std::min<std::uint32_t>(v.count, e + 4); e2 > e + 1; --e2) {
            std::string_view s2 =
                v.doc->body.substr(v.Tok(e + 1).begin, v.Tok(e2 - 1).end - v.Tok(e + 1).begin);
            if (const auto* c2 = gazetteer.Find(s2, &key)) {
              for (std::uint32_t id : *c2) {
                const GazetteerEntry& ge = gazetteer.entries()[id];
                if (ge.kind == PlaceKind::kCountry || ge.kind == PlaceKind::kAdmin1) {
                  h.prefer_country = ge.place.country;
                  break;
                }
              }
              if (!h.prefer_country.empty()) break;
            }
          }
        }
        out->push_back(std::move(h));
        i = e;
        found = true;
        break;
      }
      if (!found) ++i;
    }
    AnchorUnknownNames(v, start, out);
    AddWaterNames(v, start, out);
  }

  // Hits for the names of seas and straits (WaterNameEnd): places in no
  // country. A known name inside one ("Aden", "China") is no place.
  static void AddWaterNames(const SentenceView& v, std::size_t start, std::vector<PlaceHit>* out) {
    const std::size_t known_end = out->size();
    for (std::uint32_t i = 0; i < v.count; ++i) {
      const std::uint32_t e = WaterNameEnd(v, i);
      if (!e) continue;
      PlaceHit h = UnknownNameHit(v, i, e);
      h.water = true;
      h.anchored_ok = true;
      h.anchored.place.name =
          std::string(v.doc->body.substr(h.span.begin, h.span.end - h.span.begin));
      for (std::size_t q = start; q < known_end; ++q)
        if ((*out)[q].first < e && i < (*out)[q].end) (*out)[q].in_water = true;
      out->push_back(std::move(h));
      i = e - 1;
    }
  }

  // Whether a hit has a candidate that is a place (not only demonyms).
  bool IsPlaceHit(const PlaceHit& h) const {
    for (std::uint32_t id : *h.ids)
      if (gazetteer.entries()[id].kind != PlaceKind::kDemonym) return true;
    return false;
  }

  // A country or region among a hit's candidates (the first), or -1.
  // The country or region a hit names, the one in its own pinned country
  // first ("Kennesaw, Georgia, United States" is in the US state).
  std::int64_t AreaCandidate(const PlaceHit& h) const {
    std::int64_t first = -1;
    for (std::uint32_t id : *h.ids) {
      const GazetteerEntry& ge = gazetteer.entries()[id];
      if (ge.kind != PlaceKind::kCountry && ge.kind != PlaceKind::kAdmin1) continue;
      if (h.prefer_country.empty() || ge.place.country == h.prefer_country) return id;
      if (first < 0) first = id;
    }
    return first;
  }

  // The known place that places a name ending at view token e: after "," or
  // "in" (then over capitalised words, "the", "of", "in" and commas: "in
  // Parachinar in the Federally Administered Tribal Areas of Pakistan"), or
  // a country or region right after "of" ("Tribal Areas of Pakistan"). Sets
  // *area to the entry of a country or region right after the comma. Returns
  // the index of the place's hit in `hits`, or -1.
  std::int64_t FindAnchor(const SentenceView& v, std::uint32_t e, std::span<const PlaceHit> hits,
                          std::int64_t* area) const {
    *area = -1;
    if (e >= v.count) return -1;
    const std::string_view c = v.Text(e);
    const bool comma = c == ",", of = EqualsLower(c, "of");
    // "the Sea of Japan", "the Gulf of Oman": a sea named after a country
    // lies outside it.
    static constexpr std::string_view kWaters[] = {"sea",     "gulf", "ocean",   "strait",
                                                   "straits", "bay",  "channel", "sound"};
    if (of && e > 0 && IsOneOf(v.Text(e - 1), kWaters)) return -1;
    if (!comma && !of && !EqualsLower(c, "in")) return -1;
    std::size_t k = 0;
    for (std::uint32_t j = e + 1; j < v.count && j < e + 12; ++j) {
      while (k < hits.size() && hits[k].first < j) ++k;
      if (k < hits.size() && hits[k].first == j && hits[k].anchor < 0 && IsPlaceHit(hits[k])) {
        const PlaceHit& h = hits[k];
        const bool next_to = j == e + 1 || (j == e + 2 && EqualsLower(v.Text(e + 1), "the"));
        // Part of a longer name ("in the Washington Post") places nothing.
        if (h.end < v.count && v.IsWord(h.end) && v.Capitalized(h.end)) return -1;
        if ((comma || of) && next_to) {
          *area = AreaCandidate(h);
          return *area >= 0 ? static_cast<std::int64_t>(k) : -1;
        }
        return of ? -1 : static_cast<std::int64_t>(k);
      }
      if (of) return -1;
      // "in the Russian capital Moscow", "in the north of ...".
      const std::string_view w = v.Text(j);
      if (w == "," || EqualsLower(w, "in") || EqualsLower(w, "of") || EqualsLower(w, "the") ||
          (v.IsWord(j) && v.Capitalized(j)) || IsOneOf(w, kPlaceNouns) || IsCompass(w))
        continue;
      return -1;
    }
    return -1;
  }

  // Names the gazetteer lacks, in a locative ("in", "at", "near", ... with
  // the words RoleBefore skips) and placed by a known place after them
  // (FindAnchor). Appends hits with `anchor` set; also re-places a known city
  // followed by a country it does not lie in ("Eastleigh, Kenya").
  void AnchorUnknownNames(const SentenceView& v, std::size_t start,
                          std::vector<PlaceHit>* out) const {
    const std::size_t known_end = out->size();
    for (std::size_t k = start; k + 1 < known_end; ++k) {
      PlaceHit& h = (*out)[k];
      if (h.prefer_country.empty() || (*out)[k + 1].first != h.end + 1) continue;
      bool inside = false, city = false;
      for (std::uint32_t id : *h.ids) {
        const GazetteerEntry& ge = gazetteer.entries()[id];
        inside |= ge.place.country == h.prefer_country;
        city |= ge.kind == PlaceKind::kCity;
      }
      const std::int64_t area = AreaCandidate((*out)[k + 1]);
      if (inside || !city || area < 0 || !(h.role_class & kRoleLocation)) continue;
      h.ids = &NoCandidates();
      h.anchor = static_cast<std::int64_t>(k + 1);
      h.anchor_entry = area;
    }
    // New hits go to `added` first: appending to *out would move `known`.
    std::span<const PlaceHit> known(out->data() + start, known_end - start);
    thread_local std::vector<PlaceHit> added;
    added.clear();
    // A known name that runs into a longer one ("Domodedovo International
    // Airport") is no place by itself: it may start or continue a new one.
    auto standalone = [&](std::size_t h) {
      const PlaceHit& x = known[h];
      return !(x.end < v.count && v.IsWord(x.end) && v.Capitalized(x.end) &&
               !(v.cls[x.end] & kDeterminer));
    };
    std::size_t k = 0;
    for (std::uint32_t i = 1; i < v.count; ++i) {
      while (k < known.size() && known[k].end <= i) ++k;
      if (k < known.size() && known[k].first <= i && standalone(k)) continue;
      if (!v.IsWord(i) || !v.Capitalized(i) || (v.IsWord(i - 1) && v.Capitalized(i - 1))) continue;
      if ((v.cls[i] & kDeterminer) || IsCalendarWord(v.Text(i))) continue;
      // Only "in"/"at"/"near"... or a kind of place ("the village of X in
      // Diyala"): "spoke to Biden in Washington" names a person.
      if (!(RoleBefore(v, i) & kRoleLocation) && !AfterPlaceNoun(v, i)) continue;
      std::uint32_t e = i;
      for (std::size_t q = k; e < v.count && e < i + 6 && v.IsWord(e) && v.Capitalized(e); ++e) {
        while (q < known.size() && known[q].end <= e) ++q;
        if (e > i && q < known.size() && known[q].first == e && standalone(q)) break;
      }
      if (e == i + 6 || EndsWithPossessive(v.Text(e - 1))) continue;
      if (e < v.count && v.IsWord(e) && v.Capitalized(e)) continue;  // runs into a known name
      std::int64_t area = -1;
      const std::int64_t a = FindAnchor(v, e, known, &area);
      if (a < 0) continue;
      PlaceHit h = UnknownNameHit(v, i, e);
      h.after_place_noun = AfterPlaceNoun(v, i);
      h.anchor = static_cast<std::int64_t>(start) + a;
      h.anchor_entry = area;
      added.push_back(std::move(h));
      i = e - 1;
    }
    // A known name that starts an anchored longer one is part of it:
    // "Domodedovo International Airport in ... Moscow" is the airport.
    for (const PlaceHit& h : added)
      for (std::size_t q = start; q < known_end; ++q)
        if ((*out)[q].first >= h.first && (*out)[q].end <= h.end) (*out)[q].inside_longer = true;
    for (PlaceHit& h : added) out->push_back(std::move(h));
  }

  // Builds the entry of every anchored hit from its anchor, disambiguated
  // with the article's evidence: the name as written, the anchor's country
  // and admin1, no coordinates. A name that is a coded actor ("at NATO in
  // Brussels") or whose anchor is no place is left unresolved.
  void ResolveAnchors(std::span<PlaceHit> hits, const CodedArticle* coded,
                      const CountryEvidence& evidence, const Document& doc) const {
    for (PlaceHit& h : hits) {
      if (h.anchor < 0 || static_cast<std::size_t>(h.anchor) >= hits.size()) continue;
      h.anchored_ok = false;
      const PlaceHit& a = hits[static_cast<std::size_t>(h.anchor)];
      std::int64_t best = h.anchor_entry;
      if (best < 0) best = gazetteer.Choose(*a.ids, evidence, a.prefer_country);
      if (best < 0) continue;
      const GazetteerEntry& ge = gazetteer.entries()[static_cast<std::size_t>(best)];
      if (ge.kind == PlaceKind::kDemonym) continue;
      bool actor = false;
      if (coded)
        for (const Entity& en : coded->entities)
          actor |= en.type != EntityType::kPlace && Overlaps(en.span, h.span);
      if (actor) continue;
      h.anchored = GazetteerEntry{};
      h.anchored.kind = PlaceKind::kCity;
      h.anchored.place.name = std::string(doc.body.substr(h.span.begin, h.span.end - h.span.begin));
      h.anchored.place.country = ge.place.country;
      if (ge.kind != PlaceKind::kCountry) h.anchored.place.admin1 = ge.place.admin1;
      h.anchored_ok = true;
    }
  }

  // Whether a hit is taken as a place (see docs: cities need a cue).
  bool Accept(const SentenceView& v, const PlaceHit& h, const GazetteerEntry& e,
              const CountryEvidence& ev) const {
    if (e.kind == PlaceKind::kDemonym) return false;
    // Part of a longer name: "New York Times", "Libya Observer"; not a
    // facility named after its place ("Baghdad International Airport").
    if (h.end < v.count && v.IsWord(h.end) && v.Capitalized(h.end) &&
        !(v.cls[h.end] & kDeterminer) &&
        (h.inside_longer || !(NamesAFacilityThere(v, h.end) || NamesAnAreaThere(v, h.end))))
      return false;
    if (e.kind == PlaceKind::kCountry || (e.kind == PlaceKind::kAdmin1 && !e.region)) return true;
    if (h.role_class || h.after_place_noun || !h.prefer_country.empty()) return true;
    // Another country's region needs a cue like a city, or an address ("Aguililla, Michoacán").
    if (e.region)
      return (h.first >= 2 && v.Text(h.first - 1) == "," && v.Capitalized(h.first - 2)) ||
             ((ev.HasPlace(e.place.country) || ev.HasActor(e.place.country)) &&
              !h.sentence_initial);
    if (ev.HasPlace(e.place.country) || ev.HasActor(e.place.country)) return !h.sentence_initial;
    return (e.capital || e.population >= 1000000) && !h.sentence_initial;
  }

  // The gazetteer entry a hit resolves to when it is taken as a place, else null.
  const GazetteerEntry* Resolved(const SentenceView& v, const PlaceHit& h,
                                 const CountryEvidence& evidence) const {
    if (h.in_person_name || h.in_water) return nullptr;
    if (h.anchor >= 0 || h.water) return h.anchored_ok ? &h.anchored : nullptr;
    std::int64_t best = gazetteer.Choose(*h.ids, evidence, h.prefer_country);
    if (best < 0) return nullptr;
    const GazetteerEntry& ge = gazetteer.entries()[static_cast<std::size_t>(best)];
    return Accept(v, h, ge, evidence) ? &ge : nullptr;
  }

  // Without a tree: a kind of place after the verb is where it happened, with
  // no preposition ("took control of the city of Jenin", "shelled the town
  // of X").
  static std::uint32_t PlaceNounAfterVerb(const PlaceHit& h, std::uint32_t vt) {
    return h.after_place_noun && h.first > vt ? std::uint32_t{kRoleLocation} : 0u;
  }

  // The role of a hit for the event (0: not its place). With a tree: the
  // clause's own locative; without: the preposition before the name.
  static std::uint32_t HitRole(const SentenceView& v, const TreeView* tree,
                               std::span<const std::uint32_t> clause, const PlaceHit& h,
                               std::uint32_t vt, const Event& ev, const ChosenFrame& chosen) {
    if (ev.source && Overlaps(ev.source->span, h.span)) return 0;
    const Frame* f = chosen.frame;
    if (f && !chosen.inherited && f->src_end > f->src_first &&
        Overlaps(TokenSpan(v, f->src_first, f->src_end), h.span))
      return 0;
    const bool on_target = ev.target && Overlaps(ev.target->span, h.span);
    const bool visit = ev.cameo == "042" || ev.cameo == "043";
    if (visit && on_target) return kRoleLocation;
    if (!tree) return h.role_class ? h.role_class : PlaceNounAfterVerb(h, vt);
    // An object target is no place ("Israel attacked Syria"); a "target" after a
    // role word is the coder mistaking a locative for an actor ("attacking in Sudan").
    if (on_target && !h.role_class) return 0;
    if (std::uint32_t own = OwnPlaceRole(*tree, clause, h.first, h.end)) return own | kOwnPlace;
    // Parses go wrong: a role word before the name still counts unless the
    // tree hangs the name on another argument ("sanctions over the war in Ukraine").
    if (h.role_class && !InsideOtherArgument(*tree, clause, h.first, h.end)) return h.role_class;
    return 0;
  }

  // An attack on a town or region (not a country: "Israel attacked Syria" may
  // be from anywhere) happens there: "air strikes on the Gaza Strip",
  // "rebels shelled Aleppo".
  static bool AttackOnATown(const Event& ev, const PlaceHit& h, const GazetteerEntry& ge) {
    const std::string_view c = ev.cameo;
    const bool attack = c.starts_with("18") || c.starts_with("19") || c.starts_with("20");
    return attack && ev.target && Overlaps(ev.target->span, h.span) &&
           ge.kind != PlaceKind::kCountry && ge.kind != PlaceKind::kDemonym;
  }

  // The event location: after the verb before before it, destinations and
  // locations before origins ("fled from Syria into Turkey"), then the
  // nearest. With a tree and no own place, the dateline's place.
  std::optional<EventLocation> PickLocation(const SentenceView& v, const TreeView* tree,
                                            std::span<const std::uint32_t> clause, std::uint32_t vt,
                                            std::span<const PlaceHit> hits,
                                            std::span<const PlaceHit> first_hits, const Event& ev,
                                            const ChosenFrame& chosen,
                                            const CountryEvidence& evidence) const {
    const PlaceHit* loc = nullptr;
    const GazetteerEntry* loc_entry = nullptr;
    std::uint32_t loc_role = 0, loc_dist = 0;
    bool loc_after = false;
    for (const PlaceHit& h : hits) {
      const GazetteerEntry* ge = Resolved(v, h, evidence);
      if (!ge) continue;
      std::uint32_t role = HitRole(v, tree, clause, h, vt, ev, chosen);
      if (!role && AttackOnATown(ev, h, *ge)) role = kRoleLocation;
      if (!role) continue;
      bool after = h.first > vt;
      std::uint32_t dist = after ? h.first - vt : vt - h.first;
      const bool origin = (role & kRoleOrigin) != 0;
      const bool loc_origin = loc && (loc_role & kRoleOrigin) != 0;
      const bool own = (role & kOwnPlace) != 0, loc_own = loc && (loc_role & kOwnPlace) != 0;
      if (loc && own != loc_own) {
        if (own)
          loc = nullptr;  // the tree's own locative beats a role word
        else
          continue;
      }
      if (!loc || (after && !loc_after) || (after == loc_after && (loc_origin && !origin)) ||
          (after == loc_after && origin == loc_origin && dist < loc_dist)) {
        loc = &h;
        loc_entry = ge;
        loc_role = role;
        loc_after = after;
        loc_dist = dist;
      }
    }
    if (!loc) loc = SourceLocative(v, hits, ev, evidence, &loc_entry, &loc_role);
    if (!loc && tree) return DatelinePlace(v, first_hits, evidence);
    if (!loc) return std::nullopt;
    EventLocation l;
    l.place = loc_entry->place;
    l.role = loc_role & kRoleDestination ? "destination"
             : loc_role & kRoleOrigin    ? "origin"
                                         : "location";
    l.text = std::string(v.doc->body.substr(loc->span.begin, loc->span.end - loc->span.begin));
    return l;
  }

  // With no place of its own, where the source is: "Rebels in the Philippines
  // kill ...", "Thousands of people in Tunisia take part in ...". Only an
  // "in"/"at" locative inside the source's phrase, never its country word.
  const PlaceHit* SourceLocative(const SentenceView& v, std::span<const PlaceHit> hits,
                                 const Event& ev, const CountryEvidence& evidence,
                                 const GazetteerEntry** entry, std::uint32_t* role) const {
    if (!ev.source) return nullptr;
    for (const PlaceHit& h : hits) {
      if (!(h.role_class & kRoleLocation) || !Overlaps(ev.source->span, h.span)) continue;
      if (const GazetteerEntry* ge = Resolved(v, h, evidence)) {
        *entry = ge;
        *role = kRoleLocation;
        return &h;
      }
    }
    return nullptr;
  }

  // The place of a "BAMAKO, March 3 -" dateline (hits of the first sentence).
  std::optional<EventLocation> DatelinePlace(const SentenceView& v,
                                             std::span<const PlaceHit> first_hits,
                                             const CountryEvidence& evidence) const {
    if (first_hits.empty() || v.doc->sentences.empty()) return std::nullopt;
    SentenceView v0 = v;
    v0.first = v.doc->sentences[0].first_token;
    v0.count = std::min(v.doc->sentences[0].token_count, options.max_scan_tokens);
    const PlaceHit& h = first_hits.front();
    if (!IsDatelineHit(v0, h)) return std::nullopt;
    std::int64_t best = gazetteer.Choose(*h.ids, evidence, h.prefer_country);
    if (best < 0) return std::nullopt;
    const GazetteerEntry& ge = gazetteer.entries()[static_cast<std::size_t>(best)];
    if (ge.kind == PlaceKind::kDemonym) return std::nullopt;
    EventLocation l;
    l.place = ge.place;
    l.role = "location";
    l.text = std::string(v.doc->body.substr(h.span.begin, h.span.end - h.span.begin));
    return l;
  }

  // Attribution, modality, date and location of one event.
  void AnnotateEvent(const EventScope& s, const std::vector<std::vector<Frame>>& frames,
                     std::span<const PlaceHit> hits, std::span<const PlaceHit> first_hits,
                     std::vector<std::uint32_t>* clause, Event* ev) const {
    SentenceView v;
    BuildView(s.doc, ev->sentence, s.tags, s.cls, options.max_scan_tokens, &v);
    if (v.count == 0) return;
    std::int64_t verb = TokenAt(v, ev->verb_span.begin);
    if (verb < 0) verb = v.count - 1;
    const auto vt = static_cast<std::uint32_t>(verb);
    TreeView tv;
    const TreeView* tree = nullptr;
    clause->clear();
    if (MakeTreeView(s.doc, ev->sentence, s.trees, s.rels, s.cls, s.tags, options.max_scan_tokens,
                     &tv)) {
      auto [pf, pe] = TokensOver(v, ev->verb_span.begin, ev->verb_span.end);
      std::int32_t pred = PhraseHead(tv, pf, std::max(pe, pf + 1));
      if (pred >= 0) {
        PredicateClause(tv, static_cast<std::uint32_t>(pred), clause);
        tree = &tv;
      }
    }
    const ChosenFrame chosen = PickFrame(v, vt, *ev, frames);
    SetAttribution(v, chosen, ev);

    const bool coder_negated = ev->modality == "negated";
    ModalityCues cues;
    if (tree) {
      cues = ReadTreeModality(*tree, *clause);
      cues.negated |= coder_negated || EndsWithNt(v.Text(vt));
    } else {
      cues = WindowModality(v, vt, coder_negated, frames[ev->sentence]);
    }
    std::string modality = DecideModality(cues, ev->cameo);
    if (tree) AddConjuncts(*tree, clause);
    SetDate(s, v, tree, *clause, cues, &modality, ev);
    ev->modality = std::move(modality);
    ev->location = PickLocation(v, tree, *clause, vt, hits, first_hits, *ev, chosen, s.evidence);
  }

  // The event date, else the publication date; an asserted event dated more
  // than a year before publication becomes historical.
  static void SetDate(const EventScope& s, const SentenceView& v, const TreeView* tree,
                      std::span<const std::uint32_t> clause, const ModalityCues& cues,
                      std::string* modality, Event* ev) {
    const bool future = cues.future || *modality == "planned" || *modality == "possible" ||
                        *modality == "requested" || *modality == "hypothetical";
    const Sentence& sent = s.doc.sentences[ev->sentence];
    std::string_view stext = s.doc.SentenceText(sent);
    if (v.count < sent.token_count) stext = stext.substr(0, v.Tok(v.count - 1).end - sent.begin);
    const CivilDate pub_date = s.pub.value_or(CivilDate{});
    std::vector<DateMention> dates = FindDates(stext, pub_date, future);
    if (!future && s.pub) DropDatesAfter(*s.pub, &dates);
    const DateMention* best = PickDate(v, tree, clause, sent, dates, ev->verb_span);
    if (best) {
      ev->date = best->date;
      if (*modality == "asserted" && s.pub && DaysBetween(best->last_day, *s.pub) > 365)
        *modality = "historical";
    } else {
      ev->date = EventDate{s.pub ? FormatIsoDate(*s.pub) : std::string(), s.pub ? "day" : "", ""};
    }
  }

  // PLACE entities for the accepted hits of one sentence (an entity over the
  // same bytes gets the Place fields instead; a name inside another entity,
  // "Rubio" in "Marco Rubio", is no place).
  void AddPlaceEntities(const SentenceView& v, std::span<const PlaceHit> hits,
                        const CountryEvidence& evidence,
                        std::unordered_map<std::string, std::string>* place_ids, int* next_entity,
                        CodedArticle* coded) const {
    for (const PlaceHit& h : hits) {
      const GazetteerEntry* ge = Resolved(v, h, evidence);
      if (!ge) continue;
      bool filled = false, inside_other = false;
      for (Entity& e : coded->entities) {
        if (e.span.begin == h.span.begin && e.span.end == h.span.end) {
          e.type = EntityType::kPlace;
          e.place = ge->place;
          if (e.country.empty()) e.country = ge->place.country;
          filled = true;
        }
        inside_other |= e.span.begin < h.span.end && h.span.begin < e.span.end;
      }
      if (filled || inside_other) continue;
      std::string pkey =
          ge->place.country + "|" + ge->place.name + "|" + std::to_string(ge->place.geonames_id);
      auto it = place_ids->find(pkey);
      if (it == place_ids->end())
        it = place_ids->emplace(pkey, "e" + std::to_string((*next_entity)++)).first;
      Entity e;
      e.id = it->second;
      e.type = EntityType::kPlace;
      e.span = h.span;
      e.text = std::string(v.doc->body.substr(h.span.begin, h.span.end - h.span.begin));
      e.code = ge->place.country;
      e.country = ge->place.country;
      e.place = ge->place;
      coded->entities.push_back(std::move(e));
    }
  }

  // Evidence from a whole document: unambiguous places, demonyms, coded actors.
  void CollectEvidence(std::span<const PlaceHit> hits, const CodedArticle& coded,
                       CountryEvidence* ev) const {
    auto add = [](std::vector<std::string>* list, const std::string& c) {
      if (c.size() == 3 && std::find(list->begin(), list->end(), c) == list->end())
        list->push_back(c);
    };
    for (const Entity& e : coded.entities) add(&ev->actors, e.country);
    for (const Event& e : coded.events) {
      if (e.source) add(&ev->actors, e.source->country);
      if (e.target) add(&ev->actors, e.target->country);
    }
    {
      for (const PlaceHit& h : hits) {
        if (h.in_person_name || h.in_water) continue;
        std::string country;
        bool unique = true, any_place = false, town = true;
        for (std::uint32_t id : *h.ids) {
          const GazetteerEntry& e = gazetteer.entries()[id];
          if (e.kind == PlaceKind::kDemonym) {
            add(&ev->actors, e.place.country);
            continue;
          }
          any_place = true;
          town &= e.kind != PlaceKind::kCountry;
          if (country.empty()) {
            country = e.place.country;
          } else if (country != e.place.country) {
            unique = false;
          }
        }
        if (any_place && unique) add(&ev->places, country);
        if (any_place && unique && town) add(&ev->towns, country);
      }
    }
  }
};

ContextAnalyzer::ContextAnalyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ContextAnalyzer::~ContextAnalyzer() = default;

Result<std::unique_ptr<ContextAnalyzer>> ContextAnalyzer::Create(const std::string& data_dir,
                                                                 DiagnosticSink warn,
                                                                 ContextOptions options) {
  std::string dir = data_dir.empty() ? std::string(DYAD_DATA_DIR) : data_dir;
  std::string path = dir + "/places/gazetteer.tsv";
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open gazetteer (run node scripts/gen_gazetteer.mjs)");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  return FromGazetteerText(ss.str(), path, std::move(warn), options);
}

Result<std::unique_ptr<ContextAnalyzer>> ContextAnalyzer::FromGazetteerText(
    std::string_view text, std::string_view name, DiagnosticSink warn, ContextOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.max_scan_tokens == 0) impl->options.max_scan_tokens = 1;
  DYAD_RETURN_IF_ERROR(impl->gazetteer.Parse(text, name, warn));
  return std::unique_ptr<ContextAnalyzer>(new ContextAnalyzer(std::move(impl)));
}

std::size_t ContextAnalyzer::PlaceCount() const { return impl_->gazetteer.entries().size(); }

std::optional<Place> ContextAnalyzer::Resolve(std::string_view name,
                                              std::span<const std::string> evidence) const {
  std::string key;
  const auto* ids = impl_->gazetteer.Find(name, &key);
  if (!ids) return std::nullopt;
  CountryEvidence ev;
  ev.places.assign(evidence.begin(), evidence.end());
  ev.actors = ev.places;
  ev.towns = ev.places;
  std::int64_t best = impl_->gazetteer.Choose(*ids, ev, "");
  if (best < 0) return std::nullopt;
  return impl_->gazetteer.entries()[static_cast<std::size_t>(best)].place;
}

std::vector<PlaceMatch> ContextAnalyzer::FindPlaces(const Document& doc, std::uint32_t sentence,
                                                    std::span<const std::string> evidence) const {
  std::vector<PlaceMatch> out;
  if (sentence >= doc.sentences.size()) return out;
  CountryEvidence ev;
  ev.places.assign(evidence.begin(), evidence.end());
  ev.actors = ev.places;
  ev.towns = ev.places;
  std::vector<std::uint32_t> cls;
  ComputeClasses(doc, &cls);
  SentenceView v;
  BuildView(doc, sentence, {}, cls, impl_->options.max_scan_tokens, &v);
  std::vector<PlaceHit> hits;
  impl_->ScanPlaces(v, &hits);
  impl_->ResolveAnchors(hits, nullptr, ev, doc);
  for (const PlaceHit& h : hits) {
    const GazetteerEntry* e = impl_->Resolved(v, h, ev);
    if (!e) continue;
    out.push_back({e->place, h.span.begin, h.span.end, e->kind == PlaceKind::kCountry});
  }
  return out;
}

namespace {

// Marks the hits that lie inside a person's name. Both lists are in document
// order (names do not overlap), so one sweep.
void MarkPersonNames(std::span<const Span> person_names, std::span<PlaceHit> hits) {
  std::size_t p = 0;
  for (PlaceHit& h : hits) {
    while (p < person_names.size() && person_names[p].end <= h.span.begin) ++p;
    if (p < person_names.size() && person_names[p].begin <= h.span.begin &&
        h.span.end <= person_names[p].end)
      h.in_person_name = true;
  }
}

// Whether the event's verb is a participle after a comma: ", killing 12
// civilians", ", wounding four" -- what the clause before it did.
bool ResultClauseVerb(std::string_view body, const Event& ev) {
  const std::string_view verb =
      body.substr(ev.verb_span.begin, ev.verb_span.end - ev.verb_span.begin);
  if (verb.size() < 5 || verb.substr(verb.size() - 3) != "ing") return false;
  std::size_t i = ev.verb_span.begin;
  while (i > 0 && body[i - 1] == ' ') --i;
  return i > 0 && body[i - 1] == ',';
}

// A result clause with no place of its own happened where the event before it
// in the sentence did: "Russian jets struck Idlib, killing 12 civilians".
void ShareTheMainClausesPlace(std::string_view body, std::vector<Event>* out) {
  std::vector<Event>& events = *out;
  for (std::size_t k = 1; k < events.size(); ++k) {
    Event& ev = events[k];
    if (ev.location || !ResultClauseVerb(body, ev)) continue;
    for (std::size_t j = k; j-- > 0 && events[j].sentence == ev.sentence;) {
      const Event& main = events[j];
      if (main.verb_span.begin >= ev.verb_span.begin) continue;
      if (main.location) ev.location = main.location;
      break;
    }
  }
}

}  // namespace

void ContextAnalyzer::Annotate(const Article& article, const Document& doc,
                               std::span<const PosTag> tags, CodedArticle* coded,
                               DocumentTrees trees, std::span<const Span> person_names) const {
  if (!coded) return;
  const Impl& im = *impl_;
  // Publication date, else the dateline's.
  std::optional<CivilDate> pub = ParseIsoDate(article.date);
  if (!pub) pub = DatelineDate(doc.body, 0);

  // Per-thread scratch: token classes, place hits and frames of every
  // sentence, computed once and reused by every event.
  struct Scratch {
    std::vector<std::uint32_t> cls;
    std::vector<PlaceHit> hits;
    std::vector<std::uint32_t> hit_begin;  // first hit of each sentence; n+1 entries
    std::vector<std::vector<Frame>> frames;
    std::vector<Rel> rels;  // relation classes of rel_parser
    const Parser* rel_parser = nullptr;
    std::vector<std::uint32_t> clause;  // the event's clause tokens
  };
  thread_local Scratch scratch;
  const auto n = static_cast<std::uint32_t>(doc.sentences.size());
  ComputeClasses(doc, &scratch.cls);
  if (tags.size() != doc.tokens.size()) tags = {};
  scratch.hits.clear();
  scratch.hit_begin.assign(1, 0);
  if (scratch.frames.size() < n) scratch.frames.resize(n);
  std::vector<std::vector<Frame>>& frames = scratch.frames;
  SentenceView v;
  for (std::uint32_t si = 0; si < n; ++si) {
    BuildView(doc, si, tags, scratch.cls, im.options.max_scan_tokens, &v);
    FindFrames(v, *coded, &frames[si]);
    im.ScanPlaces(v, &scratch.hits);
    scratch.hit_begin.push_back(static_cast<std::uint32_t>(scratch.hits.size()));
  }
  MarkPersonNames(person_names, scratch.hits);
  auto hits_of = [&](std::uint32_t si) {
    return std::span<const PlaceHit>(scratch.hits)
        .subspan(scratch.hit_begin[si], scratch.hit_begin[si + 1] - scratch.hit_begin[si]);
  };
  CountryEvidence evidence;
  im.CollectEvidence(scratch.hits, *coded, &evidence);
  im.ResolveAnchors(scratch.hits, coded, evidence, doc);

  // Pass 1: sources and PLACE entities.
  AddSources(std::span<const std::vector<Frame>>(frames).first(n), coded);
  int next_entity = NextEntityNumber(*coded);
  std::unordered_map<std::string, std::string> place_ids;  // place key -> entity id
  for (std::uint32_t si = 0; si < n; ++si) {
    BuildView(doc, si, tags, scratch.cls, im.options.max_scan_tokens, &v);
    im.AddPlaceEntities(v, hits_of(si), evidence, &place_ids, &next_entity, coded);
  }

  // Pass 2: each event.
  if (trees.parser &&
      (trees.parser != scratch.rel_parser || trees.parser->DeprelCount() != scratch.rels.size())) {
    scratch.rels = RelTable(*trees.parser);
    scratch.rel_parser = trees.parser;
  }
  EventScope scope{doc, tags, scratch.cls, trees, scratch.rels, pub, evidence};
  for (Event& ev : coded->events) {
    if (ev.sentence >= n) continue;
    im.AnnotateEvent(scope, frames, hits_of(ev.sentence), hits_of(0), &scratch.clause, &ev);
  }
  ShareTheMainClausesPlace(doc.body, &coded->events);
}

}  // namespace dyad
