// Copyright dyad authors. What an article is about, as story clustering reads
// it: content words (StoryTerms) weighted by a shipped IDF table, and names
// (CapitalisedPhraseNames until the name finder lands). docs/formats/stories.md.
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dyad/story.h"
#include "story/hash.h"
#include "story/story_text.h"

#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "data"
#endif

namespace dyad {
namespace story_internal {
namespace {

// English function words and reporting verbs: never content words, and never
// the first word of a name.
constexpr std::string_view kStopWords[] = {
    "about",    "above",    "according", "across",    "after",    "again",     "against",
    "ago",      "all",      "almost",    "along",     "already",  "also",      "although",
    "always",   "among",    "and",       "another",   "any",      "are",       "around",
    "because",  "been",     "before",    "being",     "below",    "between",   "both",
    "but",      "can",      "cannot",    "could",     "did",      "does",      "doing",
    "done",     "down",     "during",    "each",      "either",   "else",      "even",
    "ever",     "every",    "few",       "for",       "from",     "further",   "had",
    "has",      "have",     "having",    "her",       "here",     "hers",      "herself",
    "him",      "himself",  "his",       "how",       "however",  "into",      "its",
    "itself",   "just",     "last",      "less",      "like",     "made",      "make",
    "many",     "may",      "might",     "more",      "most",     "much",      "must",
    "near",     "neither",  "never",     "new",       "next",     "nor",       "not",
    "now",      "off",      "once",      "one",       "only",     "onto",      "other",
    "others",   "our",      "ours",      "out",       "over",     "own",       "per",
    "rather",   "really",   "said",      "same",      "say",      "saying",    "says",
    "several",  "she",      "should",    "since",     "some",     "still",     "such",
    "than",     "that",     "the",       "their",     "theirs",   "them",      "themselves",
    "then",     "there",    "these",     "they",      "this",     "those",     "though",
    "through",  "thus",     "till",      "told",      "too",      "toward",    "towards",
    "two",      "under",    "unless",    "until",     "upon",     "very",      "was",
    "were",     "what",     "whatever",  "when",      "where",    "whether",   "which",
    "while",    "who",      "whom",      "whose",     "why",      "will",      "with",
    "within",   "without",  "would",     "yet",       "you",      "your",      "yours",
    "yourself", "monday",   "tuesday",   "wednesday", "thursday", "friday",    "saturday",
    "sunday",   "today",    "yesterday", "tomorrow",  "week",     "year",      "years",
    "month",    "get",      "got",       "took",      "take",     "went",      "come",
    "came",     "well",     "more",      "first",     "three",    "four",      "five",
    "six",      "seven",    "eight",     "nine",      "ten",      "percent",   "reuters",
    "reported", "report",   "reports",   "news",      "here",     "there",     "way",
    "went",     "says",     "who",       "mrs",       "mr",       "january",   "february",
    "march",    "april",    "june",      "july",      "august",   "september", "october",
    "november", "december", "jan",       "feb",       "mar",      "apr",       "jun",
    "jul",      "aug",      "sep",       "sept",      "oct",      "nov",       "dec",
};

// Capitalised words that open a sentence or a phrase without naming anyone.
constexpr std::string_view kShortStop[] = {
    "a",  "an", "as", "at", "be", "by", "do", "he", "if", "in", "is", "it", "me", "my",  "no",
    "of", "on", "or", "so", "to", "up", "us", "we", "i",  "am", "go", "oh", "ok", "yes", "its"};

const std::unordered_set<std::string_view>& StopWords() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string_view>();
    for (std::string_view w : kStopWords) s->insert(w);
    for (std::string_view w : kShortStop) s->insert(w);
    return s;
  }();
  return *set;
}

bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsWordByte(unsigned char c) { return IsAsciiLetter(c) || c >= 0x80; }

// U+2000..U+206F (dashes, curly quotes) and U+00A0 are separators, not letters.
std::size_t SeparatorLength(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (b(i) == 0xE2 && i + 2 < s.size() && (b(i + 1) == 0x80 || b(i + 1) == 0x81)) return 3;
  if (b(i) == 0xC2 && i + 1 < s.size() && b(i + 1) == 0xA0) return 2;
  return 0;
}

}  // namespace

bool IsStopWord(std::string_view lower) { return StopWords().count(lower) != 0; }

bool IsCompanySuffix(std::string_view lower) {
  static constexpr std::string_view kSuffixes[] = {
      "inc",     "corp",    "co",   "ltd",  "plc",       "llc",     "sa",
      "ag",      "nv",      "bv",   "gmbh", "group",     "company", "corporation",
      "limited", "holding", "bank", "unit", "subsidiary"};
  return std::find(std::begin(kSuffixes), std::end(kSuffixes), lower) != std::end(kSuffixes);
}

void NormaliseTerm(std::string_view word, std::string* out) {
  out->assign(word);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  const std::size_t n = out->size();
  if (n > 3 && (*out)[n - 1] == 's') {
    const char p = (*out)[n - 2];
    if (p != 's' && p != 'u' && p != 'i') out->pop_back();
  }
}

void ForEachWord(std::string_view text,
                 const std::function<void(std::string_view word, bool sentence_start)>& fn) {
  bool sentence_start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::size_t sep = SeparatorLength(text, i); sep) {
      i += sep;
      continue;
    }
    if (!IsWordByte(c)) {
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n') {
        // "U.S." and "St. Louis" end no sentence: a period right after a single
        // capital or before a lower-case word is not a boundary.
        const bool initial = c == '.' && i >= 1 && (i < 2 || !IsWordByte(text[i - 2])) &&
                             text[i - 1] >= 'A' && text[i - 1] <= 'Z';
        if (!initial) sentence_start = true;
      } else if (c >= '0' && c <= '9') {
        sentence_start = false;
      }
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && IsWordByte(static_cast<unsigned char>(text[j])) &&
           SeparatorLength(text, j) == 0) {
      ++j;
    }
    fn(text.substr(i, j - i), sentence_start);
    sentence_start = false;
    i = j;
  }
}

void ExplicitYears(std::string_view text, std::vector<int>* out) {
  out->clear();
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    const bool left_ok = i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])));
    const bool right_ok =
        i + 4 == text.size() || !(std::isalnum(static_cast<unsigned char>(text[i + 4])));
    if (!left_ok || !right_ok) continue;
    int y = 0;
    auto [p, ec] = std::from_chars(text.data() + i, text.data() + i + 4, y);
    if (ec == std::errc() && p == text.data() + i + 4 && y >= 1950 && y <= 2099) {
      out->push_back(y);
      i += 3;
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

}  // namespace story_internal

using story_internal::ForEachWord;
using story_internal::IsStopWord;
using story_internal::NormaliseTerm;

void StoryTerms(std::string_view text, std::vector<std::string>* out) {
  out->clear();
  std::string term;
  ForEachWord(text, [&](std::string_view word, bool) {
    if (word.size() < 3) return;
    NormaliseTerm(word, &term);
    if (term.size() < 3 || IsStopWord(term)) return;
    out->push_back(term);
  });
}

// --- IDF table ---------------------------------------------------------------

Result<IdfTable> IdfTable::Parse(std::string_view text, std::string_view name) {
  IdfTable table;
  std::size_t line_no = 0, pos = 0;
  auto error = [&](const std::string& what) {
    return InvalidArgument(std::string(name) + ":" + std::to_string(line_no) + ": " + what);
  };
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line_no == 1) {
      constexpr std::string_view kHeader = "# dyad idf v1 docs=";
      std::uint64_t docs = 0;
      if (line.substr(0, kHeader.size()) != kHeader) {
        return error("expected the header \"# dyad idf v1 docs=N\"");
      }
      auto [p, ec] = std::from_chars(line.data() + kHeader.size(), line.data() + line.size(), docs);
      if (ec != std::errc() || p != line.data() + line.size() || docs == 0) {
        return error("bad document count in the header");
      }
      table.docs_ = docs;
      continue;
    }
    if (line.empty()) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) return error("expected \"term<TAB>df\"");
    std::uint64_t df = 0;
    auto [p, ec] = std::from_chars(line.data() + tab + 1, line.data() + line.size(), df);
    if (ec != std::errc() || p != line.data() + line.size() || df == 0) {
      return error("df is not a positive integer");
    }
    std::string_view term = line.substr(0, tab);
    if (!table.terms_.empty() && !(table.terms_.back().first < term)) {
      return error("term \"" + std::string(term) + "\" out of byte order");
    }
    table.terms_.emplace_back(std::string(term), df);
  }
  if (line_no == 0) return InvalidArgument(std::string(name) + ": empty IDF file");
  table.BuildIndex();
  return table;
}

// An open-addressing table over the terms' hashes with each term's IDF
// precomputed: a lookup is one hash and usually one string comparison.
void IdfTable::BuildIndex() {
  std::size_t size = 16;
  while (size < 2 * terms_.size()) size *= 2;
  slots_.assign(size, kNoTerm);
  idf_.resize(terms_.size());
  for (std::size_t t = 0; t < terms_.size(); ++t) {
    idf_[t] = IdfOfDf(terms_[t].second);
    std::size_t i = story_internal::HashBytes(terms_[t].first) & (size - 1);
    while (slots_[i] != kNoTerm) i = (i + 1) & (size - 1);
    slots_[i] = static_cast<std::uint32_t>(t);
  }
}

double IdfTable::IdfOfDf(std::uint64_t df) const {
  return std::log((1.0 + static_cast<double>(docs_)) / (1.0 + static_cast<double>(df))) + 1.0;
}

Result<IdfTable> IdfTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the IDF table");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  return Parse(text.str(), path);
}

std::string IdfTable::DefaultPath() {
  if (const char* env = std::getenv("DYAD_DATA"); env != nullptr && *env != '\0') {
    return std::string(env) + "/story/idf.tsv";
  }
  return std::string(DYAD_DATA_DIR) + "/story/idf.tsv";
}

double IdfTable::Idf(std::string_view term) const {
  if (!slots_.empty()) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = story_internal::HashBytes(term) & mask; slots_[i] != kNoTerm;
         i = (i + 1) & mask) {
      if (terms_[slots_[i]].first == term) return idf_[slots_[i]];
    }
  }
  return IdfOfDf(0);
}

void IdfBuilder::AddDocument(std::string_view text) {
  ++docs_;
  StoryTerms(text, &scratch_);
  std::sort(scratch_.begin(), scratch_.end());
  scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
  for (std::string& t : scratch_) ++counts_[std::move(t)];
}

// JSON lines, plain or gzip: each object's "title" and "text" (or "body")
// make one document.
Status IdfBuilder::AddJsonLines(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return NotFound(path + ": cannot open");
  std::string line;
  std::vector<char> buf(1 << 16);
  std::size_t line_no = 0;
  Status status = Status::Ok();
  for (;;) {
    line.clear();
    bool got = false;
    while (gzgets(f, buf.data(), static_cast<int>(buf.size())) != nullptr) {
      got = true;
      line += buf.data();
      if (!line.empty() && line.back() == '\n') break;
    }
    if (!got) break;
    ++line_no;
    if (line.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      status = InvalidArgument(path + ":" + std::to_string(line_no) + ": not a JSON object");
      break;
    }
    std::string doc;
    for (const char* field : {"title", "text", "body"}) {
      if (auto it = j.find(field); it != j.end() && it->is_string()) {
        doc += it->get<std::string>();
        doc += '\n';
      }
    }
    AddDocument(doc);
  }
  gzclose(f);
  return status;
}

std::string IdfBuilder::Serialize(std::uint64_t min_df) const {
  std::vector<std::pair<std::string_view, std::uint64_t>> rows;
  for (const auto& [term, df] : counts_) {
    if (df >= std::max<std::uint64_t>(min_df, 1)) rows.emplace_back(term, df);
  }
  std::sort(rows.begin(), rows.end());
  std::string out = "# dyad idf v1 docs=" + std::to_string(docs_) + "\n";
  for (const auto& [term, df] : rows) {
    out.append(term);
    out += '\t';
    out += std::to_string(df);
    out += '\n';
  }
  return out;
}

// --- names -------------------------------------------------------------------

namespace {

bool Capitalised(std::string_view w) {
  return !w.empty() && w[0] >= 'A' && w[0] <= 'Z' &&
         (w.size() == 1 || std::any_of(w.begin() + 1, w.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
          }));
}

struct Phrase {
  std::string text;
  bool at_start = false;  // a single word opening a sentence
};

void CollectPhrases(std::string_view text, std::vector<Phrase>* phrases,
                    std::unordered_set<std::string>* inner) {
  std::string lower;
  Phrase current;
  int words = 0;
  bool opened_sentence = false;
  const char* last_end = nullptr;
  auto flush = [&] {
    if (words > 0) {
      current.at_start = words == 1 && opened_sentence;
      phrases->push_back(std::move(current));
    }
    current = Phrase{};
    words = 0;
  };
  ForEachWord(text, [&](std::string_view w, bool sentence_start) {
    // Words of one name are separated by exactly one space (or a hyphen).
    const bool adjacent =
        last_end != nullptr && w.data() - last_end == 1 && (*last_end == ' ' || *last_end == '-');
    last_end = w.data() + w.size();
    NormaliseTerm(w, &lower);
    const bool cap = Capitalised(w) && !(w.size() <= 3 && IsStopWord(lower));
    if (!cap || IsStopWord(lower) || sentence_start || !adjacent) flush();
    if (!cap || IsStopWord(lower)) return;
    if (!sentence_start) inner->insert(std::string(w));
    if (words == 0) opened_sentence = sentence_start;
    if (words > 0) current.text += ' ';
    current.text.append(w);
    ++words;
  });
  flush();
}

bool HasLowerCase(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

void CapitalisedPhraseNames::FindNames(std::string_view title, std::string_view body,
                                       std::vector<std::string>* out) const {
  std::vector<Phrase> phrases;
  std::unordered_set<std::string> inner;
  // An all-capitals headline ("DOMINION RESOURCES INC 1ST QTR NET") says
  // nothing about case: each of its content words counts as a name word (the
  // IDF weighs "qtr" and "net" down, the company up).
  if (HasLowerCase(title)) {
    CollectPhrases(title, &phrases, &inner);
  } else {
    std::string lower;
    ForEachWord(title, [&](std::string_view w, bool) {
      NormaliseTerm(w, &lower);
      if (lower.size() >= 3 && !IsStopWord(lower)) out->push_back(std::string(w));
    });
  }
  CollectPhrases(body, &phrases, &inner);
  for (Phrase& p : phrases) {
    if (p.at_start && inner.count(p.text) == 0) continue;
    out->push_back(std::move(p.text));
  }
}

}  // namespace dyad
