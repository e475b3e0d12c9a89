// Copyright dyad authors. Stage `lexicon`: WordNet index/exception tables and
// morphy-style lemmatisation.
//
// All strings live in one arena (std::string); tables are open-addressing hash
// tables of (offset, length, value) slots over that arena, so lookups compare
// string_views and allocate nothing.
#include "dyad/lexicon.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dyad {
namespace {

constexpr int kClassCount = 4;  // noun, verb, adj, adv
constexpr std::array<const char*, kClassCount> kClassNames = {"noun", "verb", "adj", "adv"};

int ClassIndex(WordClass cls) {
  switch (cls) {
    case WordClass::kNoun:
      return 0;
    case WordClass::kVerb:
      return 1;
    case WordClass::kAdjective:
      return 2;
    case WordClass::kAdverb:
      return 3;
  }
  return 0;
}

std::uint64_t Hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h ^ (h >> 29);
}

// Open-addressing map from arena strings to a 32-bit value.
class StringTable {
 public:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

  void Reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    size_ = 0;
  }

  // The value of `key` or kEmpty.
  std::uint32_t Find(const std::string& arena, std::string_view key) const {
    if (slots_.empty()) return kEmpty;
    for (std::size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kEmpty) return kEmpty;
      if (s.len == key.size() && std::memcmp(arena.data() + s.off, key.data(), key.size()) == 0) {
        return s.value;
      }
    }
  }

  // The arena view of the stored key equal to `key` (empty if absent).
  std::string_view FindKey(const std::string& arena, std::string_view key) const {
    if (slots_.empty()) return {};
    for (std::size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kEmpty) return {};
      if (s.len == key.size() && std::memcmp(arena.data() + s.off, key.data(), key.size()) == 0) {
        return std::string_view(arena.data() + s.off, s.len);
      }
    }
  }

  // Inserts arena[off, off+len) with `value` unless present; returns the
  // stored value (the existing one when present).
  std::uint32_t Insert(const std::string& arena, std::uint32_t off, std::uint32_t len,
                       std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow(arena);
    const std::string_view key(arena.data() + off, len);
    for (std::size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kEmpty) {
        s = Slot{off, len, value};
        ++size_;
        return value;
      }
      if (s.len == len && std::memcmp(arena.data() + s.off, key.data(), len) == 0) return s.value;
    }
  }

 private:
  struct Slot {
    std::uint32_t off = 0;
    std::uint32_t len = 0;
    std::uint32_t value = kEmpty;
  };

  void Grow(const std::string& arena) {
    std::vector<Slot> old = std::move(slots_);
    Reserve(old.empty() ? 8 : old.size());
    for (const Slot& s : old) {
      if (s.value != kEmpty) Insert(arena, s.off, s.len, s.value);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

struct Span {
  std::uint32_t off = 0;
  std::uint32_t len = 0;
};

// Per-word facts: classes and WordNet sense counts per class.
struct WordInfo {
  WordClasses classes = 0;
  std::array<std::uint8_t, kClassCount> senses = {0, 0, 0, 0};
};

// A suffix rule: strip `suffix`, append `ending`.
struct Rule {
  std::string_view suffix;
  std::string_view ending;
};
constexpr Rule kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                               {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
// WordNet's verb rules plus "ied" -> "y" ("denied"), which WordNet covers by exceptions.
constexpr Rule kVerbRules[] = {{"s", ""},  {"ies", "y"}, {"es", "e"},  {"es", ""}, {"ed", "e"},
                               {"ed", ""}, {"ied", "y"}, {"ing", "e"}, {"ing", ""}};
constexpr Rule kAdjRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

// Verbs whose past and participle equal the lemma, and a few whose
// participle is the lemma: WordNet's verb.exc cannot say so.
constexpr std::string_view kUnchangedPast[] = {
    "bet",  "bid",  "broadcast", "burst",  "cast",   "cost",  "cut", "fit", "forecast",
    "hit",  "hurt", "let",       "put",    "quit",   "read",  "rid", "set", "shed",
    "shut", "slit", "split",     "spread", "thrust", "upset", "wed", "beat"};
constexpr std::string_view kParticipleIsLemma[] = {"come", "become", "overcome", "run", "outrun"};
// noun.exc plurals that news English does not use for the lemma.
constexpr std::string_view kArchaicPlurals[] = {"brethren", "kine", "pence", "kine"};

template <std::size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  for (std::string_view x : list) {
    if (x == w) return true;
  }
  return false;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

// Consonant-vowel-consonant monosyllable whose final consonant doubles
// before -ed/-ing ("plan" -> "planned", "stop", "quit"); not w, x, y.
bool DoublesFinal(std::string_view w) {
  const std::size_t n = w.size();
  if (n < 3) return false;
  const char last = w[n - 1], mid = w[n - 2], before = w[n - 3];
  if (!(last >= 'a' && last <= 'z') || IsVowel(last) || last == 'w' || last == 'x' || last == 'y') {
    return false;
  }
  if (!IsVowel(mid)) return false;
  const bool before_is_consonant =
      !IsVowel(before) || (before == 'u' && n >= 4 && w[n - 4] == 'q');  // "quit"
  if (!before_is_consonant) return false;
  // One vowel group only (treating "qu" as a consonant).
  int groups = 0;
  bool in_vowel = false;
  for (std::size_t i = 0; i < n; ++i) {
    bool v = IsVowel(w[i]) && !(w[i] == 'u' && i > 0 && w[i - 1] == 'q');
    if (v && !in_vowel) ++groups;
    in_vowel = v;
  }
  return groups == 1;
}

bool ConsonantY(std::string_view w) {
  return w.size() >= 2 && w.back() == 'y' && !IsVowel(w[w.size() - 2]);
}

std::string RegularS(std::string_view w) {
  std::string s(w);
  if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") ||
      EndsWith(w, "sh")) {
    s += "es";
  } else if (ConsonantY(w)) {
    s.back() = 'i';
    s += "es";
  } else if (w.size() >= 2 && w.back() == 'o' && !IsVowel(w[w.size() - 2])) {
    s += "es";  // "vetoes", "echoes"
  } else {
    s += "s";
  }
  return s;
}

std::string RegularPast(std::string_view w) {
  std::string s(w);
  if (EndsWith(w, "e")) {
    s += "d";
  } else if (ConsonantY(w)) {
    s.back() = 'i';
    s += "ed";
  } else if (DoublesFinal(w)) {
    s += w.back();
    s += "ed";
  } else {
    s += "ed";
  }
  return s;
}

std::string RegularIng(std::string_view w) {
  std::string s(w);
  if (EndsWith(w, "ie")) {
    s.resize(s.size() - 2);
    s += "ying";
  } else if (EndsWith(w, "e") && w.size() > 2 && !EndsWith(w, "ee") && !EndsWith(w, "oe") &&
             !EndsWith(w, "ye")) {
    s.pop_back();
    s += "ing";
  } else if (DoublesFinal(w)) {
    s += w.back();
    s += "ing";
  } else {
    s += "ing";
  }
  return s;
}

// Lower-cases UTF-8 (ASCII fast path; ICU for other letters) and maps '_' to ' '.
void Lower(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      char c = static_cast<char>(b);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c == '_') c = ' ';
      out->push_back(c);
      ++i;
      continue;
    }
    const auto* p = reinterpret_cast<const std::uint8_t*>(in.data());
    const std::int32_t n = static_cast<std::int32_t>(std::min<std::size_t>(in.size(), INT32_MAX));
    auto k = static_cast<std::int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(p, k, n, c);
    if (c < 0) {
      out->push_back(in[i]);
      ++i;
      continue;
    }
    const UChar32 l = u_tolower(c);
    char buf[4];
    std::int32_t m = 0;
    UBool err = false;
    U8_APPEND(buf, m, 4, l, err);
    if (err) {
      out->append(in.substr(i, k - i));
    } else {
      out->append(buf, m);
    }
    i = static_cast<std::size_t>(k);
  }
}

Status ReadWholeFile(const std::string& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": cannot open: " + std::strerror(errno));
  }
  out->clear();
  char buf[1 << 16];
  std::size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, got);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return IoError(path + ": read error");
  return Status::Ok();
}

class WordNetLexicon final : public Lexicon {
 public:
  Status LoadFrom(const std::string& dir) {
    std::string text;
    arena_.reserve(2 << 20);
    words_.Reserve(160000);
    for (int c = 0; c < kClassCount; ++c) {
      const std::string path = dir + "/index." + kClassNames[c];
      DYAD_RETURN_IF_ERROR(ReadWholeFile(path, &text));
      DYAD_RETURN_IF_ERROR(ParseIndex(path, text, c));
    }
    for (int c = 0; c < kClassCount; ++c) {
      const std::string path = dir + "/" + kClassNames[c] + ".exc";
      DYAD_RETURN_IF_ERROR(ReadWholeFile(path, &text));
      DYAD_RETURN_IF_ERROR(ParseExceptions(path, text, c));
    }
    return Status::Ok();
  }

  std::string_view Lemma(std::string_view word, WordClass cls,
                         std::string* scratch) const override {
    Lower(word, scratch);
    const std::string_view base = FindBase(*scratch, ClassIndex(cls));
    return base.empty() ? std::string_view(*scratch) : base;
  }

  WordClasses Classes(std::string_view word) const override {
    std::string lower;
    Lower(word, &lower);
    WordClasses out = 0;
    for (int c = 0; c < kClassCount; ++c) {
      if (!FindBase(lower, c).empty()) out |= static_cast<WordClasses>(1u << c);
    }
    return out;
  }

  VerbForms InflectVerb(std::string_view lemma) const override {
    // Multi-word verbs inflect their first word: "take off" -> "took off".
    const std::size_t sp = lemma.find_first_of(" _");
    const std::string_view head = lemma.substr(0, sp);
    std::string tail;
    if (sp != std::string_view::npos) {
      tail.push_back(' ');
      tail.append(lemma.substr(sp + 1));
    }
    std::string w;
    Lower(head, &w);
    VerbForms f;
    if (w == "be") {
      f = {"is", "was", "been", "being"};
    } else {
      f.s = RegularS(w);
      f.past = RegularPast(w);
      f.past_participle = f.past;
      f.ing = RegularIng(w);
      std::vector<std::string_view> pasts;
      const std::uint32_t v = verb_forms_.Find(arena_, w);
      if (v != StringTable::kEmpty) {
        for (const Span& sp2 : reverse_[v]) {
          const std::string_view form(arena_.data() + sp2.off, sp2.len);
          if (form.find(' ') != std::string_view::npos) continue;
          if (EndsWith(form, "ing") && !EndsWith(w, "ing")) {
            f.ing = std::string(form);
          } else if (EndsWith(form, "s") && !EndsWith(form, "ss") && form != "was") {
            f.s = std::string(form);  // "has", "does", "goes"
          } else {
            pasts.push_back(form);
          }
        }
      }
      if (In(kUnchangedPast, w)) {
        f.past = f.past_participle = w;
      } else if (pasts.size() == 1) {
        const std::string_view p = pasts[0];
        if (In(kParticipleIsLemma, w)) {
          f.past = p;  // "ran", participle "run"
          f.past_participle = w;
        } else if (p != RegularPast(w) && (EndsWith(p, "en") || EndsWith(p, "wn"))) {
          f.past_participle = p;  // "proven": past stays regular "proved"
        } else {
          f.past = f.past_participle = std::string(p);
        }
      } else if (pasts.size() >= 2) {
        // The participle ends in -en/-wn/-ne/-ain ("taken", "known", "gone",
        // "lain") or has u for a ("begun", "sung").
        std::size_t pp = pasts.size();
        for (std::size_t i = 0; i < pasts.size() && pp == pasts.size(); ++i) {
          const std::string_view p = pasts[i];
          if (EndsWith(p, "en") || EndsWith(p, "wn") || EndsWith(p, "ne") || EndsWith(p, "ain")) {
            pp = i;
          }
        }
        for (std::size_t i = 0; i < pasts.size() && pp == pasts.size(); ++i) {
          if (pasts[i].find('u') != std::string_view::npos) pp = i;
        }
        if (pp == pasts.size()) pp = 1;
        f.past_participle = std::string(pasts[pp]);
        f.past = std::string(pasts[pp == 0 ? 1 : 0]);
      }
    }
    if (!tail.empty()) {
      f.s += tail;
      f.past += tail;
      f.past_participle += tail;
      f.ing += tail;
    }
    return f;
  }

  std::string PluralNoun(std::string_view lemma) const override {
    // Multi-word nouns pluralise their last word: "peace talk" -> "peace talks".
    std::string w;
    Lower(lemma, &w);
    const std::size_t sp = w.find_last_of(' ');
    const std::string_view head =
        sp == std::string::npos ? std::string_view() : std::string_view(w).substr(0, sp + 1);
    std::string out;
    const std::uint32_t v = noun_forms_.Find(arena_, w);
    if (v != StringTable::kEmpty) {
      for (const Span& s : reverse_[v]) {
        const std::string_view form(arena_.data() + s.off, s.len);
        if (In(kArchaicPlurals, form)) continue;
        out = std::string(form);  // a multi-word exception covers the whole lemma
        return out;
      }
    }
    const std::string_view last =
        std::string_view(w).substr(sp == std::string_view::npos ? 0 : sp + 1);
    out = std::string(head);
    out += RegularS(last);
    // "radio" -> "radios": only consonant+o takes -es, and not for clipped words.
    if (EndsWith(last, "o") &&
        (EndsWith(last, "photo") || EndsWith(last, "video") || EndsWith(last, "memo") ||
         EndsWith(last, "logo") || EndsWith(last, "piano") || EndsWith(last, "kilo") ||
         EndsWith(last, "euro") || EndsWith(last, "casino"))) {
      out.resize(out.size() - 2);
      out += "s";
    }
    return out;
  }

 private:
  // Appends `s` to the arena ('_' -> ' ') and returns its span.
  Span Intern(std::string_view s) {
    Span sp{static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(s.size())};
    for (char c : s) arena_.push_back(c == '_' ? ' ' : c);
    return sp;
  }

  Status ParseIndex(const std::string& path, std::string_view text, int cls) {
    std::size_t line_no = 0;
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) eol = text.size();
      const std::string_view line = text.substr(pos, eol - pos);
      pos = eol + 1;
      ++line_no;
      if (line.empty() || line[0] == ' ') continue;  // license header
      // lemma pos synset_cnt p_cnt ...
      std::string_view fields[3];
      std::size_t f = 0, i = 0;
      while (f < 3 && i < line.size()) {
        const std::size_t sp = line.find(' ', i);
        const std::size_t e = sp == std::string_view::npos ? line.size() : sp;
        fields[f++] = line.substr(i, e - i);
        i = e + 1;
      }
      if (f < 3 || fields[0].empty() || fields[1].size() != 1 ||
          std::string_view("nvasr").find(fields[1][0]) == std::string_view::npos ||
          fields[2].empty() ||
          fields[2].find_first_not_of("0123456789") != std::string_view::npos) {
        return ParseError(path + ":" + std::to_string(line_no) +
                          ": expected `lemma pos synset_cnt ...`, got \"" +
                          std::string(line.substr(0, 80)) + "\"");
      }
      unsigned senses = 0;
      for (char d : fields[2]) senses = senses > 255 ? senses : senses * 10 + (d - '0');
      const std::uint32_t idx = AddWord(fields[0]);
      infos_[idx].classes |= static_cast<WordClasses>(1u << cls);
      infos_[idx].senses[cls] = static_cast<std::uint8_t>(senses > 255 ? 255 : senses);
    }
    return Status::Ok();
  }

  // Interns `lemma` unless present (one hash probe: a duplicate rolls the arena back).
  std::uint32_t AddWord(std::string_view lemma) {
    const std::size_t mark = arena_.size();
    const Span sp = Intern(lemma);
    const auto idx = static_cast<std::uint32_t>(infos_.size());
    const std::uint32_t got = words_.Insert(arena_, sp.off, sp.len, idx);
    if (got != idx) {
      arena_.resize(mark);
      return got;
    }
    infos_.push_back(WordInfo{});
    return idx;
  }

  Status ParseExceptions(const std::string& path, std::string_view text, int cls) {
    std::size_t line_no = 0;
    std::vector<std::string_view> fields;
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) eol = text.size();
      std::string_view line = text.substr(pos, eol - pos);
      pos = eol + 1;
      ++line_no;
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
      if (line.empty()) continue;
      fields.clear();
      for (std::size_t i = 0; i < line.size();) {
        const std::size_t sp = line.find(' ', i);
        const std::size_t e = sp == std::string_view::npos ? line.size() : sp;
        if (e > i) fields.push_back(line.substr(i, e - i));
        i = e + 1;
      }
      if (fields.size() < 2) {
        return ParseError(path + ":" + std::to_string(line_no) +
                          ": expected `inflected base...`, got \"" +
                          std::string(line.substr(0, 80)) + "\"");
      }
      const Span inflected = Intern(fields[0]);
      const auto first = static_cast<std::uint32_t>(exc_bases_.size());
      for (std::size_t k = 1; k < fields.size(); ++k) {
        const Span base = Intern(fields[k]);
        exc_bases_.push_back(base);
        // Reverse maps for inflection: base -> inflected forms.
        StringTable* rev = cls == 1 ? &verb_forms_ : cls == 0 ? &noun_forms_ : nullptr;
        if (rev != nullptr) {
          const auto next = static_cast<std::uint32_t>(reverse_.size());
          const std::uint32_t r = rev->Insert(arena_, base.off, base.len, next);
          if (r == next) reverse_.emplace_back();
          reverse_[r].push_back(inflected);
        }
      }
      const auto entry = static_cast<std::uint32_t>(exc_entries_.size());
      exc_entries_.push_back({first, static_cast<std::uint32_t>(fields.size() - 1)});
      exc_[cls].Insert(arena_, inflected.off, inflected.len, entry);
    }
    return Status::Ok();
  }

  std::string_view View(Span s) const { return std::string_view(arena_.data() + s.off, s.len); }

  // Sense count of `w` as a `cls` word, -1 when it is no such entry.
  int Senses(std::string_view w, int cls) const {
    const std::uint32_t i = words_.Find(arena_, w);
    if (i == StringTable::kEmpty || !(infos_[i].classes & (1u << cls))) return -1;
    return infos_[i].senses[cls];
  }

  // The base form of lower-cased `w` in class `cls` as an arena view, or empty
  // when `w` is not a `cls` word in any form.
  std::string_view FindBase(std::string_view w, int cls) const {
    if (w.empty()) return {};
    // 1. Exceptions: the first listed base that is an entry (else the first).
    const std::uint32_t e = exc_[cls].Find(arena_, w);
    if (e != StringTable::kEmpty) {
      const ExcEntry& x = exc_entries_[e];
      for (std::uint32_t k = 0; k < x.count; ++k) {
        const std::string_view b = View(exc_bases_[x.first + k]);
        if (Senses(b, cls) >= 0) return b;
      }
      return View(exc_bases_[x.first]);
    }
    // 2. Detachment rules, in WordNet's order; the first candidate that is an entry.
    std::string_view best;
    int best_senses = -1;
    const Rule* rules = nullptr;
    std::size_t nrules = 0;
    if (cls == 0) {
      rules = kNounRules;
      nrules = std::size(kNounRules);
    } else if (cls == 1) {
      rules = kVerbRules;
      nrules = std::size(kVerbRules);
    } else if (cls == 2) {
      rules = kAdjRules;
      nrules = std::size(kAdjRules);
    }
    char buf[128];
    for (std::size_t r = 0; r < nrules && best.empty(); ++r) {
      const Rule& rule = rules[r];
      if (w.size() <= rule.suffix.size() || !EndsWith(w, rule.suffix)) continue;
      const std::size_t stem = w.size() - rule.suffix.size();
      if (stem + rule.ending.size() > sizeof buf) continue;
      std::memcpy(buf, w.data(), stem);
      std::memcpy(buf + stem, rule.ending.data(), rule.ending.size());
      const std::string_view cand(buf, stem + rule.ending.size());
      const std::uint32_t i = words_.Find(arena_, cand);
      if (i != StringTable::kEmpty && (infos_[i].classes & (1u << cls))) {
        best = words_.FindKey(arena_, cand);
        best_senses = infos_[i].senses[cls];
      }
    }
    // 2b. Doubled final consonant that verb.exc does not list: "zapped" -> "zap".
    if (best.empty() && cls == 1) {
      for (std::string_view suf : {std::string_view("ed"), std::string_view("ing")}) {
        if (!EndsWith(w, suf) || w.size() < suf.size() + 3) continue;
        const std::string_view stem = w.substr(0, w.size() - suf.size());
        if (stem[stem.size() - 1] != stem[stem.size() - 2] || IsVowel(stem.back())) continue;
        const std::string_view cand = stem.substr(0, stem.size() - 1);
        const std::uint32_t i = words_.Find(arena_, cand);
        if (i != StringTable::kEmpty && (infos_[i].classes & (1u << cls))) {
          best = words_.FindKey(arena_, cand);
          best_senses = infos_[i].senses[cls];
        }
      }
    }
    // 3. The word itself, preferred over a rule's base that has no more
    // senses ("news" not "new", "species" not "specie"; but "talks" -> "talk").
    const int own = Senses(w, cls);
    if (own >= 0 && (best.empty() || own >= best_senses)) return words_.FindKey(arena_, w);
    return best;
  }

  struct ExcEntry {
    std::uint32_t first;
    std::uint32_t count;
  };

  std::string arena_;
  StringTable words_;  // lemma -> index into infos_
  std::vector<WordInfo> infos_;
  std::array<StringTable, kClassCount> exc_;  // inflected -> index into exc_entries_
  std::vector<ExcEntry> exc_entries_;
  std::vector<Span> exc_bases_;
  StringTable verb_forms_;  // verb base -> index into reverse_
  StringTable noun_forms_;  // noun base -> index into reverse_
  std::vector<std::vector<Span>> reverse_;
};

}  // namespace

Result<std::unique_ptr<Lexicon>> Lexicon::Load(const std::string& wordnet_dir) {
  auto lex = std::make_unique<WordNetLexicon>();
  Status st = lex->LoadFrom(wordnet_dir);
  if (!st.ok()) return st;
  return std::unique_ptr<Lexicon>(std::move(lex));
}

std::string Lexicon::DefaultDirectory() {
  const char* env = std::getenv("DYAD_WORDNET");
  if (env != nullptr && *env != '\0') return env;
#ifdef DYAD_WORDNET_DIR
  return DYAD_WORDNET_DIR;
#else
  return "/usr/share/wordnet";
#endif
}

}  // namespace dyad
