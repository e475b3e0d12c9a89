// Copyright dyad authors. Document level: names of every sentence, linked into
// entities, with titles and honorifics as attributes.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/names.h"

namespace dyad {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// Length of a trailing possessive ("'s", "’s", "s'") to leave out of a name.
std::size_t PossessiveLength(std::string_view w) {
  if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) return 2;
  if (w.size() > 4 && w.ends_with("\xE2\x80\x99s")) return 4;  // ’s
  if (w.size() > 2 && w.ends_with("s'")) return 1;
  return 0;
}

// Honorifics: a name preceded by one is a person.
bool IsHonorific(std::string_view lower) {
  if (!lower.empty() && lower.back() == '.') lower.remove_suffix(1);
  static constexpr std::array<std::string_view, 30> kWords = {
      "mr",   "mrs",      "ms",     "miss",   "dr",   "gen",  "col",    "lt",
      "capt", "sgt",      "maj",    "adm",    "sen",  "rep",  "gov",    "prof",
      "rev",  "sir",      "dame",   "lord",   "lady", "pres", "sheikh", "ayatollah",
      "imam", "cardinal", "bishop", "father", "brig", "cmdr"};
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Head words of titles ("Finance Minister", "the army's chief").
bool IsTitleWord(std::string_view lower) {
  if (IsHonorific(lower)) return true;
  static constexpr std::array<std::string_view, 44> kWords = {
      "president",    "minister",  "secretary",   "general",      "chief",          "director",
      "governor",     "senator",   "ambassador",  "commander",    "leader",         "chairman",
      "chairwoman",   "spokesman", "spokeswoman", "spokesperson", "king",           "queen",
      "prince",       "princess",  "judge",       "prosecutor",   "mayor",          "premier",
      "chancellor",   "colonel",   "captain",     "lieutenant",   "sergeant",       "major",
      "admiral",      "envoy",     "head",        "ceo",          "executive",      "pope",
      "emir",         "sultan",    "justice",     "attorney",     "representative", "officer",
      "commissioner", "deputy"};
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// The words that end a company's name ("Inc", "Corp.", "plc").
bool IsCompanySuffix(std::string_view lower) {
  for (std::string_view x : {"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc",
                             "llc", "corporation", "gmbh", "ag", "sa", "nv", "bv"})
    if (lower == x) return true;
  return false;
}

bool StartsUpper(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

struct Linker {
  const Document& doc;
  std::vector<std::string> lower;  // per document token

  std::string_view Word(std::uint32_t t) const { return doc.TokenText(doc.tokens[t]); }
  std::uint32_t SentenceEnd(std::uint32_t t) const {
    for (const Sentence& s : doc.sentences) {
      if (t >= s.first_token && t < s.first_token + s.token_count)
        return s.first_token + s.token_count;
    }
    return static_cast<std::uint32_t>(doc.tokens.size());
  }
  std::uint32_t SentenceBegin(std::uint32_t t) const {
    for (const Sentence& s : doc.sentences) {
      if (t >= s.first_token && t < s.first_token + s.token_count) return s.first_token;
    }
    return 0;
  }

  // Moves leading honorifics into the title; returns whether there were any.
  bool StripHonorifics(NameMention* m) const {
    std::uint32_t b = m->first_token;
    while (b + 1 < m->end_token &&
           (IsTitleWord(lower[b]) ||
            (b > m->first_token && lower[b] == "." && IsHonorific(lower[b - 1]))))
      ++b;
    if (b == m->first_token) return false;
    m->title = {doc.tokens[m->first_token].begin, doc.tokens[b - 1].end};
    m->first_token = b;
    return true;
  }

  // Title words right before a person's name ("Finance Minister Chidi Okafor").
  void LeftTitle(NameMention* m, std::uint32_t floor) const {
    std::uint32_t b = m->first_token;
    const std::uint32_t lo = std::max(floor, SentenceBegin(m->first_token));
    while (b > lo && m->first_token - b < 5) {
      const std::string& w = lower[b - 1];
      bool title = IsTitleWord(w);
      bool modifier =
          b < m->first_token && StartsUpper(Word(b - 1)) && !title && IsTitleWord(lower[b]);
      if (!title && !modifier) break;
      --b;
    }
    // A leading modifier without a title word after it is not part of the title.
    while (b < m->first_token && !IsTitleWord(lower[b]) && !IsTitleWord(lower[m->first_token - 1]))
      ++b;
    if (b < m->first_token && m->title.begin == m->title.end)
      m->title = {doc.tokens[b].begin, doc.tokens[m->first_token - 1].end};
  }

  // ", the finance minister," after a person's name.
  void Apposition(NameMention* m, std::uint32_t ceiling) const {
    std::uint32_t t = m->end_token;
    const std::uint32_t end = std::min(ceiling, SentenceEnd(m->end_token - 1));
    if (t + 2 >= end || Word(t) != ",") return;
    ++t;
    if (lower[t] == "the" || lower[t] == "a" || lower[t] == "an") ++t;
    std::uint32_t b = t;
    bool has_title = false;
    while (t < end && t - b < 6 && Word(t) != "," && Word(t) != "." && Word(t) != ";") {
      has_title |= IsTitleWord(lower[t]);
      ++t;
    }
    if (!has_title || t == b || (t < end && Word(t) != "," && Word(t) != "." && Word(t) != ";"))
      return;
    m->title = {doc.tokens[b].begin, doc.tokens[t - 1].end};
  }
};

struct EntityInfo {
  EntityType type;
  std::vector<std::vector<std::string>> names;  // lower-cased words of each mention
};

bool EndsWith(const std::vector<std::string>& full, const std::vector<std::string>& part) {
  return part.size() < full.size() && std::equal(part.rbegin(), part.rend(), full.rbegin());
}

// The entity an ORG/PLACE/PERSON mention with `words` belongs to, or -1.
int FindEntity(const std::vector<EntityInfo>& ents, const std::vector<std::string>& words,
               bool person_hint) {
  for (std::size_t e = ents.size(); e-- > 0;) {
    for (const auto& n : ents[e].names) {
      if (n == words) return static_cast<int>(e);
    }
  }
  // A surname (or the last words) of an earlier person.
  for (std::size_t e = ents.size(); e-- > 0;) {
    if (ents[e].type != EntityType::kPerson) continue;
    for (const auto& n : ents[e].names) {
      if (EndsWith(n, words) && (words.size() <= 2 || person_hint)) return static_cast<int>(e);
    }
  }
  return -1;
}

}  // namespace

void LinkNames(const Document& doc, std::span<const PosTag> /*tags*/,
               std::vector<NameMention>* mentions) {
  Linker L{doc, {}};
  L.lower.reserve(doc.tokens.size());
  for (const Token& t : doc.tokens) L.lower.push_back(Lower(doc.TokenText(t)));
  std::vector<EntityInfo> ents;
  for (std::size_t i = 0; i < mentions->size(); ++i) {
    NameMention& m = (*mentions)[i];
    if (m.first_token >= m.end_token || m.end_token > doc.tokens.size()) continue;
    const std::uint32_t floor = i > 0 ? (*mentions)[i - 1].end_token : 0;
    const std::uint32_t ceiling = i + 1 < mentions->size()
                                      ? (*mentions)[i + 1].first_token
                                      : static_cast<std::uint32_t>(doc.tokens.size());
    const bool honorific = L.StripHonorifics(&m);
    if (honorific) m.type = EntityType::kPerson;
    // "Varian Associates Inc", "Union Pacific Corp": a company by its suffix.
    if (!honorific && IsCompanySuffix(L.lower[m.end_token - 1])) m.type = EntityType::kOrg;
    std::vector<std::string> words;
    for (std::uint32_t t = m.first_token; t < m.end_token; ++t) {
      std::string w = L.lower[t];
      if (t + 1 == m.end_token) w.resize(w.size() - PossessiveLength(w));
      words.push_back(std::move(w));
    }
    const Token& last = doc.tokens[m.end_token - 1];
    m.span = {doc.tokens[m.first_token].begin,
              static_cast<std::uint32_t>(last.end - PossessiveLength(doc.TokenText(last)))};
    int e = FindEntity(ents, words, honorific || m.type == EntityType::kPerson);
    if (e < 0) {
      ents.push_back({m.type, {}});
      e = static_cast<int>(ents.size() - 1);
    }
    ents[static_cast<std::size_t>(e)].names.push_back(std::move(words));
    m.entity = static_cast<std::uint32_t>(e);
    m.type = ents[static_cast<std::size_t>(e)].type;
    if (m.type == EntityType::kPerson) {
      L.LeftTitle(&m, floor);
      if (m.title.begin == m.title.end) L.Apposition(&m, ceiling);
    }
  }
}

void FindDocumentNames(const NameFinder& finder, const Document& doc, std::span<const PosTag> tags,
                       NameScratch* scratch, std::vector<NameMention>* out) {
  out->clear();
  std::vector<std::string_view>& words = scratch->words_;
  std::vector<PosTag>& doc_tags = scratch->tags_;
  std::vector<std::uint32_t>& ends = scratch->ends_;
  std::vector<std::uint32_t>& token = scratch->tokens_;  // token index of each word
  words.clear();
  doc_tags.clear();
  ends.clear();
  token.clear();
  const bool tagged = tags.size() == doc.tokens.size();
  for (const Sentence& s : doc.sentences) {
    for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t) {
      std::string_view w = doc.TokenText(doc.tokens[t]);
      const std::size_t pos = PossessiveLength(w);
      if (pos == 2 || pos == 4) w.remove_suffix(pos);  // "Bush's" is seen as "Bush"
      words.push_back(w);
      token.push_back(t);
      if (tagged) doc_tags.push_back(tags[t]);
    }
    ends.push_back(static_cast<std::uint32_t>(words.size()));
  }
  std::vector<NameSpan> found;
  finder.FindDocument(words, ends, doc_tags, scratch, &found);
  for (const NameSpan& n : found) {
    NameMention m;
    m.first_token = token[n.begin];
    m.end_token = token[n.end - 1] + 1;
    m.type = n.type;
    out->push_back(m);
  }
  LinkNames(doc, tags, out);
}

}  // namespace dyad
