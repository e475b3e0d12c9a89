// Copyright dyad authors. Readers for TABARI and PETRARCH dictionary files.
//
// Each reader walks the file line by line (LineSource strips comments), turns
// phrases into trie words with the flavour's WordMatch modes and reports every
// malformed line through DictBuilder::Warn as `file:line: what is wrong`,
// skipping only the broken part.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "dict/dict_data.h"
#include "dict/fold.h"

namespace dyad {
namespace {

std::string_view Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  return out;
}

// Folded like the text's words (dict/fold.h): "NICOLÁS" -> "nicolas".
std::string Lower(std::string_view s) { return Folded(s); }

std::vector<std::string_view> SplitWs(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t b = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

std::string Quote(std::string_view s) {
  if (s.size() > 80) return "\"" + std::string(s.substr(0, 77)) + "...\"";
  return "\"" + std::string(s) + "\"";
}

// Yields the non-blank lines of a dictionary with comments removed: `#` and
// `;` outside [...] start a comment, `<!-- ... -->` (also over several lines)
// is removed, TABARI lines starting with `/` are comments, and `~FINISH` /
// `~~FINISH` ends the file.
class LineSource {
 public:
  // Lines past the builder's max_line_bytes / max_line_words are skipped with
  // a warning naming file and line (an error when strict).
  LineSource(std::string_view text, DictFlavor flavor, DictBuilder& b, std::uint32_t file)
      : text_(text), flavor_(flavor), b_(b), file_(file) {}

  bool Next(std::uint32_t* line_no, std::string_view* line) {
    while (pos_ < text_.size() && !finished_) {
      std::size_t nl = text_.find('\n', pos_);
      if (nl == std::string_view::npos) nl = text_.size();
      std::string_view raw = text_.substr(pos_, nl - pos_);
      pos_ = nl + 1;
      ++no_;
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      if (raw.size() > b_.options().max_line_bytes) {
        b_.Warn(file_, no_,
                "line of " + std::to_string(raw.size()) + " bytes is longer than max_line_bytes (" +
                    std::to_string(b_.options().max_line_bytes) + "); skipped");
        continue;
      }
      std::string_view t = Clean(raw);
      if (t.empty()) continue;
      if (std::size_t words = CountWords(t); words > b_.options().max_line_words) {
        b_.Warn(file_, no_,
                "line of " + std::to_string(words) + " words is longer than max_line_words (" +
                    std::to_string(b_.options().max_line_words) + "); skipped");
        continue;
      }
      *line_no = no_;
      *line = t;
      return true;
    }
    return false;
  }

 private:
  static std::size_t CountWords(std::string_view t) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : t) {
      const bool space = c == ' ' || c == '\t';
      if (!space && !in_word) ++n;
      in_word = !space;
    }
    return n;
  }

  std::string_view Clean(std::string_view raw) {
    scratch_.clear();
    std::size_t i = 0;
    if (in_xml_comment_) {
      std::size_t end = raw.find("-->");
      if (end == std::string_view::npos) return {};
      in_xml_comment_ = false;
      i = end + 3;
    }
    int bracket = 0;
    for (; i < raw.size(); ++i) {
      char c = raw[i];
      if (c == '<' && raw.substr(i, 4) == "<!--") {
        std::size_t end = raw.find("-->", i + 4);
        if (end == std::string_view::npos) {
          in_xml_comment_ = true;
          break;
        }
        i = end + 2;
        continue;
      }
      if (c == '[') ++bracket;
      if (c == ']' && bracket > 0) --bracket;
      if ((c == '#' || c == ';') && bracket == 0) break;
      scratch_.push_back(c);
    }
    std::string_view t = Trim(scratch_);
    if (flavor_ == DictFlavor::kTabari && !t.empty() && t[0] == '/') return {};
    if (t.starts_with("<!")) return {};  // PETRARCH: any line starting "<!" is a comment
    if (t.starts_with("~")) {
      std::size_t k = t.find_first_not_of('~');
      std::string_view rest = k == std::string_view::npos ? std::string_view() : t.substr(k);
      if (rest.starts_with("FINISH")) {
        finished_ = true;
        return {};
      }
    }
    // Keep leading whitespace information out: callers see trimmed text.
    return t;
  }

  std::string_view text_;
  DictFlavor flavor_;
  DictBuilder& b_;
  std::uint32_t file_;
  std::size_t pos_ = 0;
  std::uint32_t no_ = 0;
  bool in_xml_comment_ = false;
  bool finished_ = false;
  std::string scratch_;
};

// One word of a dictionary phrase before interning.
struct LexWord {
  std::string text;         // upper/lower as written
  bool underscore = false;  // followed by '_' (TABARI: whole word)
  bool adjacent = false;    // joined to the next word by '_'
  bool no_endings = false;  // ended with '=' (TABARI)
  bool stem = false;        // ended with '~' (TABARI: partial match)
};

// "PEOPLE'S_REPUBLIC": the text's tokens are "People" "'s", so a word ending
// in a possessive becomes the word (whole) and the possessive ("PEOPLE_'S").
void SplitPossessive(LexWord* w, std::vector<LexWord>* out) {
  for (std::string_view pos :
       {std::string_view("'S"), std::string_view("'s"), std::string_view("\xE2\x80\x99S"),
        std::string_view("\xE2\x80\x99s")}) {
    if (w->text.size() <= pos.size() || !w->text.ends_with(pos)) continue;
    LexWord owner;
    owner.text = w->text.substr(0, w->text.size() - pos.size());
    owner.underscore = owner.adjacent = true;
    out->push_back(std::move(owner));
    w->text = std::string(pos);
    return;
  }
}

std::vector<LexWord> LexPhrase(std::string_view s) {
  std::vector<LexWord> out;
  std::string cur;
  auto finish = [&]() {
    if (cur.empty()) return false;
    LexWord w;
    if (cur.back() == '=') {
      w.no_endings = true;
      cur.pop_back();
    } else if (cur.back() == '~') {
      w.stem = true;
      cur.pop_back();
    }
    w.text = cur;
    cur.clear();
    if (w.text.empty()) return false;
    SplitPossessive(&w, &out);
    out.push_back(std::move(w));
    return true;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      bool had = finish() || (!out.empty() && !out.back().underscore);
      if (had && !out.empty()) {
        out.back().underscore = true;
        bool next_space = i + 1 >= s.size() || std::isspace(static_cast<unsigned char>(s[i + 1]));
        out.back().adjacent = !next_space;
      }
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      finish();
    } else {
      cur.push_back(c);
    }
  }
  finish();
  return out;
}

WordId InternWord(Dictionaries::Data& d, std::string_view text, WordMatch m) {
  WordId id = d.Intern(Lower(text));
  if (m == WordMatch::kStem) {
    d.word_flags[id] |= 1;
    d.has_stems = true;
    d.min_stem = std::min(d.min_stem, d.words[id].size());
  } else if (m == WordMatch::kWholeWithEndings) {
    d.has_endings = true;
  }
  return id;
}

// TABARI: `WORD_` whole (final word also takes the regular endings), `WORD=`
// whole without endings, `WORD` / `WORD~` a stem. PETRARCH: whole words.
WordMatch ModeOf(const LexWord& w, bool final_word, DictFlavor flavor) {
  if (flavor != DictFlavor::kTabari) return WordMatch::kWhole;
  if (w.stem) return WordMatch::kStem;
  if (w.no_endings) return WordMatch::kWhole;
  if (w.underscore) return final_word ? WordMatch::kWholeWithEndings : WordMatch::kWhole;
  return WordMatch::kStem;
}

std::vector<TrieWord> ToTrieWords(Dictionaries::Data& d, const std::vector<LexWord>& lex,
                                  DictFlavor flavor) {
  std::vector<TrieWord> out;
  for (std::size_t i = 0; i < lex.size(); ++i) {
    WordMatch m = ModeOf(lex[i], i + 1 == lex.size(), flavor);
    out.push_back({InternWord(d, lex[i].text, m), m});
  }
  return out;
}

std::string JoinLower(const std::vector<LexWord>& lex) {
  std::string out;
  for (const LexWord& w : lex) {
    if (!out.empty()) out.push_back(' ');
    out += Lower(w.text);
  }
  return out;
}

// [CODE] or [CODE RESTRICTION] blocks on one actor line.
void ParseActorCodes(DictBuilder& b, std::uint32_t file, std::uint32_t line, std::string_view s,
                     ActorEntryRec* rec) {
  Dictionaries::Data& d = b.d();
  std::size_t i = 0;
  while ((i = s.find('[', i)) != std::string_view::npos) {
    std::size_t close = s.find(']', i);
    if (close == std::string_view::npos) {
      b.Warn(file, line, "missing ']' in " + Quote(s.substr(i)) + "; code skipped");
      return;
    }
    std::string_view inner = Trim(s.substr(i + 1, close - i - 1));
    std::string_view block = s.substr(i, close - i + 1);
    i = close + 1;
    std::vector<std::string_view> parts = SplitWs(inner);
    if (parts.empty()) {
      b.Warn(file, line, "empty code []; skipped");
      continue;
    }
    std::string_view code = parts[0];
    bool looks_date = code[0] == '<' || code[0] == '>' ||
                      (std::isdigit(static_cast<unsigned char>(code[0])) &&
                       code.find('-') != std::string_view::npos);
    if (looks_date) {
      b.Warn(file, line,
             "missing code before the date restriction in " + Quote(block) + "; skipped");
      continue;
    }
    std::string restriction;
    for (std::size_t k = 1; k < parts.size(); ++k) restriction += parts[k];
    CodeId id = d.InternCode(code);
    ++d.stats.actor_codes;
    if (restriction.empty()) {
      rec->default_code = id;
      continue;
    }
    DateRestriction r;
    r.code = id;
    r.where = {file, line};
    bool ok = true;
    if (restriction[0] == '<') {
      ok = ParseDictDate(std::string_view(restriction).substr(1), &r.to);
    } else if (restriction[0] == '>') {
      ok = ParseDictDate(std::string_view(restriction).substr(1), &r.from);
    } else {
      std::size_t dash = restriction.find('-');
      ok = dash != std::string::npos &&
           ParseDictDate(std::string_view(restriction).substr(0, dash), &r.from) &&
           ParseDictDate(std::string_view(restriction).substr(dash + 1), &r.to);
    }
    if (!ok) {
      --d.stats.actor_codes;
      b.Warn(file, line,
             "malformed date restriction " + Quote(restriction) + " in " + Quote(block) +
                 " (expected <DATE, >DATE or DATE-DATE, DATE as YYMMDD or YYYYMMDD); "
                 "restriction skipped");
      continue;
    }
    d.restrictions.push_back(r);
    ++rec->count;
  }
}

void AddNounPhrase(DictBuilder& b, std::string_view phrase, std::uint32_t bit, DictFlavor flavor) {
  Dictionaries::Data& d = b.d();
  std::size_t br = phrase.find('[');
  std::vector<LexWord> lex = LexPhrase(Trim(phrase.substr(0, br)));
  if (lex.empty()) return;
  std::uint32_t node = d.noun_trie.Insert(d.noun_root, ToTrieWords(d, lex, flavor));
  std::uint32_t& p = d.noun_trie.payload(node);
  if (p == kNone) p = 0;
  p |= bit;
  if (bit == 1) {
    ++d.stats.nouns;
  } else {
    ++d.stats.adjectives;
  }
}

// Parses "CODE", "X:Y", ":Y", "X?" / "X!" into a VerbCode.
VerbCode ParseVerbCode(Dictionaries::Data& d, std::string_view text) {
  std::string s;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) s.push_back(c);
  }
  VerbCode vc;
  while (!s.empty() && (s.back() == '?' || s.back() == '!')) {
    (s.back() == '?' ? vc.subordinate : vc.dominant) = true;
    s.pop_back();
  }
  std::size_t colon = s.find(':');
  std::string first = s.substr(0, colon);
  if (!first.empty()) vc.code = d.InternCode(first);
  if (colon != std::string::npos && colon + 1 < s.size())
    vc.paired = d.InternCode(s.substr(colon + 1));
  return vc;
}

}  // namespace

// ---------------------------------------------------------------------------
// Shared rules.

bool ParseDictDate(std::string_view s, std::int32_t* out) {
  if (s.size() != 6 && s.size() != 8) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  int year, month, day;
  if (s.size() == 6) {
    int yy = (s[0] - '0') * 10 + (s[1] - '0');
    year = yy <= 30 ? 2000 + yy : 1900 + yy;  // TABARI/PETRARCH pivot
    s.remove_prefix(2);
  } else {
    year = std::stoi(std::string(s.substr(0, 4)));
    s.remove_prefix(4);
  }
  month = (s[0] - '0') * 10 + (s[1] - '0');
  day = (s[2] - '0') * 10 + (s[3] - '0');
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return false;
  *out = year * 10000 + month * 100 + day;
  return true;
}

std::string PetrarchPlural(std::string_view word) {
  std::string w(word);
  if (w.empty()) return w;
  if (w.back() == 'Y') return w.substr(0, w.size() - 1) + "IES";
  if (w.back() == 'S') return w + "ES";
  return w + "S";
}

std::vector<std::string> PetrarchVerbForms(std::string_view root) {
  std::string r(root);
  std::vector<std::string> out;
  if (r.empty()) return out;
  char last = r.back();
  if (last == 'S' || last == 'X' || last == 'Z') {
    out.push_back(r + "ES");
  } else if (last == 'Y') {
    out.push_back(r.substr(0, r.size() - 1) + "IES");
  } else {
    out.push_back(r + "S");
  }
  out.push_back(last == 'E' ? r + "D" : r + "ED");
  bool drop_e = last == 'E' && r.size() >= 2 &&
                std::string_view("AEIOU").find(r[r.size() - 2]) == std::string_view::npos;
  out.push_back(drop_e ? r.substr(0, r.size() - 1) + "ING" : r + "ING");
  return out;
}

DictFileKind GuessKindFromName(std::string_view file_name) {
  std::string n = Lower(file_name);
  if (n.find("actor") != std::string::npos) return DictFileKind::kActors;
  if (n.find("agent") != std::string::npos) return DictFileKind::kAgents;
  if (n.find("discard") != std::string::npos) return DictFileKind::kDiscards;
  if (n.find("issue") != std::string::npos) return DictFileKind::kIssues;
  if (n.ends_with(".options")) return DictFileKind::kOptions;
  if (n.find("verb") != std::string::npos || n.starts_with("cameo")) return DictFileKind::kVerbs;
  return DictFileKind::kAuto;
}

DictFileKind GuessKindFromContent(std::string_view text) {
  if (text.find("\n---") != std::string_view::npos || text.starts_with("---") ||
      text.find("\n- ") != std::string_view::npos) {
    return DictFileKind::kVerbs;
  }
  if (text.find("<ISSUE") != std::string_view::npos) return DictFileKind::kIssues;
  if (text.find("[~") != std::string_view::npos || text.find("~]") != std::string_view::npos) {
    return DictFileKind::kAgents;
  }
  if (text.find("LABEL:") != std::string_view::npos) return DictFileKind::kOptions;
  if (text.find('[') != std::string_view::npos) return DictFileKind::kActors;
  return DictFileKind::kDiscards;
}

DictFlavor GuessFlavor(std::string_view file_name, std::string_view text, DictFileKind kind) {
  auto has = [&](std::string_view s) { return text.find(s) != std::string_view::npos; };
  if (has("<NOUN>") || has("<ADJECTIVE>") || has("<SYNSETS>") || has("~FINISH") || has("<TIME>")) {
    return DictFlavor::kTabari;
  }
  if (has("<!--") || has("\n---") || text.starts_with("---") ||
      (kind == DictFileKind::kAgents && (has("{") || has("!="))) || kind == DictFileKind::kIssues ||
      kind == DictFileKind::kDiscards) {
    return DictFlavor::kPetrarch;
  }
  std::string n = Lower(file_name);
  if (n.ends_with(".actors") || n.ends_with(".verbs") || n.ends_with(".agents") ||
      n.ends_with(".options")) {
    return DictFlavor::kTabari;
  }
  return DictFlavor::kPetrarch;
}

// ---------------------------------------------------------------------------
// Actors.

void ParseActors(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor) {
  Dictionaries::Data& d = b.d();
  LineSource src(text, flavor, b, file);
  std::uint32_t no;
  std::string_view t;
  std::uint32_t cur = kNone;
  int section = 0;  // 1 <NOUN>, 2 <ADJECTIVE>
  auto add_phrase = [&](std::string_view phrase, std::uint32_t line) {
    std::vector<LexWord> lex = LexPhrase(phrase);
    if (lex.empty()) {
      b.Warn(file, line, "actor line has no phrase; skipped");
      return;
    }
    ActorPhrase ph;
    ph.text = d.Keep(phrase);
    ph.entry = cur;
    ph.where = {file, line};
    auto index = static_cast<std::uint32_t>(d.actor_phrases.size());
    d.actor_phrases.push_back(ph);
    std::uint32_t node = d.actor_trie.Insert(d.actor_root, ToTrieWords(d, lex, flavor));
    const std::uint32_t before = d.actor_trie.payload(node);
    // A synonym that folds to a phrase of its own entry ("+NICOLÁS_MADURO_"
    // under NICOLAS_MADURO_, dict/fold.h) adds nothing and replaces nothing.
    if (before != kNone && d.actor_phrases[before].entry == cur) return;
    if (before != kNone) ++d.stats.replaced;
    d.actor_trie.payload(node) = index;
  };
  while (src.Next(&no, &t)) {
    if (t[0] == '<') {
      std::string tag = Upper(t);
      if (tag.starts_with("<NOUN")) {
        section = 1;
      } else if (tag.starts_with("<ADJ")) {
        section = 2;
      } else if (tag.starts_with("</NOUN") || tag.starts_with("</ADJ")) {
        section = 0;
      } else {
        b.Warn(file, no, "unknown tag " + Quote(t) + " in actors file; ignored");
      }
      continue;
    }
    if (section != 0) {
      AddNounPhrase(b, t, static_cast<std::uint32_t>(section), flavor);
      continue;
    }
    if (t[0] == '[') {
      if (cur == kNone) {
        b.Warn(file, no, "code line " + Quote(t) + " before any actor phrase; skipped");
        continue;
      }
      ParseActorCodes(b, file, no, t, &d.actor_recs[cur]);
      continue;
    }
    std::size_t br = t.find('[');
    std::string_view phrase = Trim(t.substr(0, br));
    std::string_view codes = br == std::string_view::npos ? std::string_view() : t.substr(br);
    if (t[0] == '+') {
      if (cur == kNone) {
        b.Warn(file, no, "synonym " + Quote(t) + " before any actor phrase; skipped");
        continue;
      }
      add_phrase(Trim(phrase.substr(1)), no);
      if (!codes.empty()) ParseActorCodes(b, file, no, codes, &d.actor_recs[cur]);
      continue;
    }
    ActorEntryRec rec;
    rec.root = d.Keep(phrase);
    rec.where = {file, no};
    rec.first = static_cast<std::uint32_t>(d.restrictions.size());
    cur = static_cast<std::uint32_t>(d.actor_recs.size());
    d.actor_recs.push_back(rec);
    add_phrase(phrase, no);
    if (!codes.empty()) ParseActorCodes(b, file, no, codes, &d.actor_recs[cur]);
  }
}

// ---------------------------------------------------------------------------
// Agents.

namespace {

// The `!NAME! = A, B` substitution markers an agents file has defined so far.
using SubstitutionMarkers = std::vector<std::pair<std::string, std::vector<std::string>>>;

const std::vector<std::string>* FindMarker(const SubstitutionMarkers& markers,
                                           std::string_view name) {
  for (const auto& m : markers) {
    if (m.first == name) return &m.second;
  }
  return nullptr;
}

// `!NAME! = A, B, C`: adds the marker (a malformed one is warned and skipped).
void ParseMarkerLine(DictBuilder& b, std::uint32_t file, std::uint32_t no, std::string_view t,
                     SubstitutionMarkers* markers) {
  std::size_t close = t.find('!', 1);
  std::size_t eq = t.find('=');
  if (close == std::string_view::npos || close > eq || close == 1) {
    b.Warn(file, no, "substitution marker incorrectly defined: " + Quote(t) + "; skipped");
    return;
  }
  std::vector<std::string> items;
  std::string_view list = t.substr(eq + 1);
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    std::string_view item = Trim(list.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  markers->emplace_back(std::string(t.substr(1, close - 1)), std::move(items));
}

// One agent line, `PHRASE {PLURAL PLURAL} [~CODE]` (or `[CODE~]`).
struct AgentLine {
  CodeId code = kNone;
  bool suffix = true;            // [~CODE]
  std::string base;              // the phrase, maybe with !MARKER!s
  bool explicit_plural = false;  // a {...} list was given
  std::vector<std::string> plurals;
};

// The `[~CODE]` part (interned); false, warned, if missing or malformed.
bool ParseAgentCode(DictBuilder& b, std::uint32_t file, std::uint32_t no, std::string_view t,
                    AgentLine* out) {
  std::size_t open = t.find('[');
  if (open == std::string_view::npos) {
    b.Warn(file, no, "agent " + Quote(t) + " has no [code]; skipped");
    return false;
  }
  std::size_t close = t.find(']', open);
  if (close == std::string_view::npos) {
    b.Warn(file, no, "missing ']' in agent code " + Quote(t.substr(open)) + "; skipped");
    return false;
  }
  std::string code_text;
  for (char c : t.substr(open + 1, close - open - 1)) {
    if (!std::isspace(static_cast<unsigned char>(c))) code_text.push_back(c);
  }
  if (code_text.size() > 1 && code_text.front() == '~') {
    out->suffix = true;
    code_text.erase(0, 1);
  } else if (code_text.size() > 1 && code_text.back() == '~') {
    out->suffix = false;
    code_text.pop_back();
  } else {
    b.Warn(file, no, "agent code [" + code_text + "] lacks the '~' connector; skipped");
    return false;
  }
  out->code = b.d().InternCode(code_text);
  return true;
}

// The phrase and `{...}` plurals before the code; false, warned, if malformed.
bool ParseAgentHead(DictBuilder& b, std::uint32_t file, std::uint32_t no, std::string_view t,
                    AgentLine* out) {
  std::string_view head = Trim(t.substr(0, t.find('[')));
  out->base = std::string(head);
  std::size_t brace = head.find('{');
  if (brace != std::string_view::npos) {
    std::size_t end = head.find('}', brace);
    if (end == std::string_view::npos) {
      b.Warn(file, no, "missing '}' in agent " + Quote(t) + "; skipped");
      return false;
    }
    out->explicit_plural = true;
    out->base = std::string(Trim(head.substr(0, brace)));
    for (std::string_view p : SplitWs(head.substr(brace + 1, end - brace - 1))) {
      out->plurals.emplace_back(p);
    }
  }
  if (out->base.empty()) {
    b.Warn(file, no, "agent line has no phrase; skipped");
    return false;
  }
  return true;
}

// Replaces each !MARKER! in `base` by each of its items (up to four rounds of
// nesting) into *phrases; false, warned, on an unclosed or undefined marker.
bool SubstituteMarkers(DictBuilder& b, std::uint32_t file, std::uint32_t no,
                       const SubstitutionMarkers& markers, const std::string& base,
                       std::vector<std::string>* phrases, bool* substituted) {
  *phrases = {base};
  *substituted = false;
  for (int round = 0; round < 4; ++round) {
    std::vector<std::string> next;
    bool changed = false;
    for (const std::string& p : *phrases) {
      std::size_t a = p.find('!');
      if (a == std::string::npos) {
        next.push_back(p);
        continue;
      }
      std::size_t z = p.find('!', a + 1);
      if (z == std::string::npos) {
        b.Warn(file, no, "substitution marker in " + Quote(p) + " has no closing '!'; skipped");
        return false;
      }
      const std::vector<std::string>* items = FindMarker(markers, p.substr(a + 1, z - a - 1));
      if (!items) {
        b.Warn(file, no,
               "substitution marker " + p.substr(a, z - a + 1) +
                   " is not defined (define it as !NAME! = A, B before use); skipped");
        return false;
      }
      for (const std::string& it : *items) next.push_back(p.substr(0, a) + it + p.substr(z + 1));
      changed = *substituted = true;
    }
    *phrases = std::move(next);
    if (!changed) break;
  }
  return true;
}

void StoreAgent(DictBuilder& b, std::uint32_t file, std::uint32_t line, DictFlavor flavor,
                std::string_view phrase, const AgentLine& agent, bool plural) {
  Dictionaries::Data& d = b.d();
  std::vector<LexWord> lex = LexPhrase(phrase);
  if (lex.empty()) return;
  AgentEntry e;
  e.text = d.Keep(phrase);
  e.code = agent.code;
  e.suffix = agent.suffix;
  e.plural = plural;
  e.where = {file, line};
  auto index = static_cast<std::uint32_t>(d.agents.size());
  d.agents.push_back(e);
  std::uint32_t node = d.agent_trie.Insert(d.agent_root, ToTrieWords(d, lex, flavor));
  if (d.agent_trie.payload(node) != kNone) ++d.stats.replaced;
  d.agent_trie.payload(node) = index;
}

// Stores each phrase and its plurals: the {...} list, else (PETRARCH) the
// regular plural of the last word; substituted phrases get no plural.
void StoreAgentPhrases(DictBuilder& b, std::uint32_t file, std::uint32_t no, DictFlavor flavor,
                       const AgentLine& agent, const std::vector<std::string>& phrases,
                       bool substituted) {
  for (const std::string& p : phrases) {
    ++b.d().stats.agents;
    StoreAgent(b, file, no, flavor, p, agent, false);
    if (substituted) continue;
    if (agent.explicit_plural) {
      for (const std::string& pl : agent.plurals) StoreAgent(b, file, no, flavor, pl, agent, true);
    } else if (flavor == DictFlavor::kPetrarch) {
      std::vector<LexWord> lex = LexPhrase(p);
      if (lex.empty()) continue;
      std::string plural;
      for (std::size_t i = 0; i + 1 < lex.size(); ++i) plural += lex[i].text + " ";
      plural += PetrarchPlural(Upper(lex.back().text));
      StoreAgent(b, file, no, flavor, plural, agent, true);
    }
  }
}

}  // namespace

void ParseAgents(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor) {
  LineSource src(text, flavor, b, file);
  std::uint32_t no;
  std::string_view t;
  SubstitutionMarkers markers;
  while (src.Next(&no, &t)) {
    if (t[0] == '!' && t.find('=') != std::string_view::npos) {
      ParseMarkerLine(b, file, no, t, &markers);
      continue;
    }
    AgentLine agent;
    if (!ParseAgentCode(b, file, no, t, &agent) || !ParseAgentHead(b, file, no, t, &agent)) {
      continue;
    }
    std::vector<std::string> phrases;
    bool substituted;
    if (!SubstituteMarkers(b, file, no, markers, agent.base, &phrases, &substituted)) continue;
    StoreAgentPhrases(b, file, no, flavor, agent, phrases, substituted);
  }
}

// ---------------------------------------------------------------------------
// Discards and issues.

void ParseDiscards(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor) {
  Dictionaries::Data& d = b.d();
  LineSource src(text, flavor, b, file);
  std::uint32_t no;
  std::string_view t;
  while (src.Next(&no, &t)) {
    bool story = t[0] == '+';
    std::string_view phrase = Trim(story ? t.substr(1) : t);
    std::vector<LexWord> lex = LexPhrase(phrase);
    if (lex.empty()) {
      b.Warn(file, no, "discard line has no phrase; skipped");
      continue;
    }
    std::vector<TrieWord> words;
    for (std::size_t i = 0; i < lex.size(); ++i) {
      bool last = i + 1 == lex.size();
      WordMatch m = last && !lex[i].underscore ? WordMatch::kStem : WordMatch::kWhole;
      words.push_back({InternWord(d, lex[i].text, m), m});
    }
    DiscardEntry e;
    e.text = d.Keep(phrase);
    e.story = story;
    e.where = {file, no};
    auto index = static_cast<std::uint32_t>(d.discards.size());
    d.discards.push_back(e);
    std::uint32_t node = d.discard_trie.Insert(d.discard_root, words);
    if (d.discard_trie.payload(node) != kNone) ++d.stats.replaced;
    d.discard_trie.payload(node) = index;
    ++(story ? d.stats.story_discards : d.stats.discards);
  }
}

namespace {

// The CATEGORY="..." of an `<ISSUE ...>` line (`up`: the line upper-cased),
// or "" if it names none.
std::string_view IssueCategory(Dictionaries::Data& d, std::string_view t, const std::string& up) {
  std::size_t k = up.find("CATEGORY");
  if (k == std::string::npos) return {};
  std::size_t q1 = t.find('"', k);
  std::size_t q2 = q1 == std::string_view::npos ? q1 : t.find('"', q1 + 1);
  if (q2 == std::string_view::npos) return {};
  return d.Keep(t.substr(q1 + 1, q2 - q1 - 1));
}

// One issue line: `PHRASE [CODE]`, `~PHRASE` (ignore the sentence) or
// `~~PHRASE` (ignore the story).
struct IssueLine {
  IssueKind kind = IssueKind::kCode;
  CodeId code = kNone;
  std::string target;  // the phrase upper-cased, before expansion
};

// Reads an issue line (interning its code); false, warned, if malformed.
bool ParseIssueLine(DictBuilder& b, std::uint32_t file, std::uint32_t no, std::string_view t,
                    IssueLine* out) {
  if (t[0] == '~') {
    out->kind = t.size() > 1 && t[1] == '~' ? IssueKind::kIgnoreStory : IssueKind::kIgnoreSentence;
    out->target = Upper(Trim(t.substr(out->kind == IssueKind::kIgnoreStory ? 2 : 1)));
  } else {
    std::size_t open = t.find('[');
    std::size_t close = open == std::string_view::npos ? open : t.find(']', open);
    if (close == std::string_view::npos) {
      b.Warn(file, no, "issue " + Quote(t) + " has no [code]; skipped");
      return false;
    }
    out->code = b.d().InternCode(Trim(t.substr(open + 1, close - open - 1)));
    out->target = Upper(Trim(t.substr(0, open)));
  }
  if (out->target.empty()) {
    b.Warn(file, no, "issue line has no phrase; skipped");
    return false;
  }
  return true;
}

// pre + word + tail and its regular forms: a noun's plural (N:), a verb's S,
// ED (D) and ING forms (V:).
void AppendIssueWordForms(const std::string& pre, const std::string& word, const std::string& tail,
                          bool noun, std::vector<std::string>* next) {
  next->push_back(pre + word + tail);
  if (word.empty()) return;
  if (noun) {
    next->push_back(
        pre + (word.back() == 'Y' ? word.substr(0, word.size() - 1) + "IES" : word + "S") + tail);
    return;
  }
  next->push_back(pre + word + "S" + tail);
  if (word.back() == 'E') {
    next->push_back(pre + word + "D" + tail);
    next->push_back(pre + word.substr(0, word.size() - 1) + "ING" + tail);
  } else {
    next->push_back(pre + word + "ED" + tail);
    next->push_back(pre + word + "ING" + tail);
  }
}

// One PETRARCH expansion step of form `f` into *next: its first '+' becomes
// ' ' and '-', else its first N:word / V:word gives the word's forms. False
// (f itself appended) when there is nothing left to expand.
bool ExpandIssueFormOnce(const std::string& f, std::vector<std::string>* next) {
  std::size_t plus = f.find('+');
  std::size_t n = f.find("N:");
  std::size_t v = f.find("V:");
  if (plus != std::string::npos) {
    std::string a = f, c = f;
    a[plus] = ' ';
    c[plus] = '-';
    next->push_back(a);
    next->push_back(c);
    return true;
  }
  if (n == std::string::npos && v == std::string::npos) {
    next->push_back(f);
    return false;
  }
  std::size_t at = n != std::string::npos ? n : v;
  std::string pre = f.substr(0, at);
  std::string rest = f.substr(at + 2);
  std::size_t sp = rest.find(' ');
  std::string word = rest.substr(0, sp);
  std::string tail = sp == std::string::npos ? "" : rest.substr(sp);
  AppendIssueWordForms(pre, word, tail, n != std::string::npos, next);
  return true;
}

// Expands `target` until no step applies; false when the forms outgrow
// `max_forms`.
bool ExpandIssueForms(const std::string& target, std::size_t max_forms,
                      std::vector<std::string>* forms) {
  *forms = {target};
  bool changed = true, capped = false;
  while (changed && !capped) {
    changed = false;
    std::vector<std::string> next;
    for (const std::string& f : *forms) {
      if (ExpandIssueFormOnce(f, &next)) changed = true;
      if (next.size() > max_forms) capped = true;
    }
    *forms = std::move(next);
  }
  return !capped;
}

// Adds one expanded form (words matched whole) to the issue trie.
void StoreIssueForm(Dictionaries::Data& d, const std::string& f, const IssueLine& issue,
                    std::string_view category, SourceRef where) {
  std::vector<TrieWord> words;
  std::string joined;
  for (std::string_view w : SplitWs(f)) {
    words.push_back({InternWord(d, Lower(w), WordMatch::kWhole), WordMatch::kWhole});
    if (!joined.empty()) joined.push_back(' ');
    joined += Lower(w);
  }
  if (words.empty()) return;
  IssueEntry e;
  e.text = d.Keep(joined);
  e.kind = issue.kind;
  e.code = issue.code;
  e.category = category;
  e.where = where;
  auto index = static_cast<std::uint32_t>(d.issues.size());
  d.issues.push_back(e);
  std::uint32_t node = d.issue_trie.Insert(d.issue_root, words);
  d.issue_next.push_back(d.issue_trie.payload(node));
  d.issue_trie.payload(node) = index;
}

}  // namespace

void ParseIssues(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor) {
  Dictionaries::Data& d = b.d();
  LineSource src(text, flavor, b, file);
  std::uint32_t no;
  std::string_view t;
  std::string_view category;
  while (src.Next(&no, &t)) {
    std::string up = Upper(t);
    if (up.starts_with("<ISSUE")) {
      category = IssueCategory(d, t, up);
      continue;
    }
    if (up.starts_with("</ISSUE")) {
      category = {};
      continue;
    }
    IssueLine issue;
    if (!ParseIssueLine(b, file, no, t, &issue)) continue;
    ++d.stats.issues;
    std::vector<std::string> forms;
    if (!ExpandIssueForms(issue.target, b.options().max_expansions, &forms)) {
      b.Warn(file, no, "issue " + Quote(t) + " expands to more than max_expansions forms; skipped");
      continue;
    }
    for (const std::string& f : forms) StoreIssueForm(d, f, issue, category, {file, no});
  }
}

void ParseOptions(DictBuilder& b, std::uint32_t file, std::string_view text) {
  Dictionaries::Data& d = b.d();
  std::uint32_t no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++no;
    if (!line.starts_with("LABEL:")) continue;
    std::string_view rest = line.substr(6);
    std::size_t eq = rest.find('=');
    if (eq == std::string_view::npos) {
      b.Warn(file, no, "LABEL without '=': " + Quote(line) + "; skipped");
      continue;
    }
    std::string_view code = Trim(rest.substr(0, eq));
    std::string_view label = Trim(rest.substr(eq + 1));
    if (code.empty()) {
      b.Warn(file, no, "LABEL without a code: " + Quote(line) + "; skipped");
      continue;
    }
    d.labels[d.Keep(code)] = d.Keep(label);
  }
}

// ---------------------------------------------------------------------------
// Verbs.

namespace {

struct PatTok {
  enum Type { kWord, kLBrace, kRBrace, kLParen, kRParen, kBar } type = kWord;
  std::string text;
  bool underscore = false;
  bool adjacent = false;
  bool stem = false;
  bool no_endings = false;
};

std::vector<PatTok> LexPattern(std::string_view s) {
  std::vector<PatTok> out;
  std::string cur;
  auto finish = [&]() {
    if (cur.empty()) return;
    PatTok t;
    if (cur.size() > 1 && cur.back() == '~') {
      t.stem = true;
      cur.pop_back();
    } else if (cur.size() > 1 && cur.back() == '=') {
      t.no_endings = true;
      cur.pop_back();
    }
    t.text = cur;
    cur.clear();
    out.push_back(std::move(t));
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      finish();
      if (!out.empty()) {
        out.back().underscore = true;
        bool next_space = i + 1 >= s.size() || std::isspace(static_cast<unsigned char>(s[i + 1]));
        out.back().adjacent = !next_space;
      }
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      finish();
    } else if (c == '{' || c == '}' || c == '(' || c == ')' || c == '|') {
      finish();
      PatTok t;
      t.type = c == '{'   ? PatTok::kLBrace
               : c == '}' ? PatTok::kRBrace
               : c == '(' ? PatTok::kLParen
               : c == ')' ? PatTok::kRParen
                          : PatTok::kBar;
      t.text = std::string(1, c);
      out.push_back(std::move(t));
    } else {
      cur.push_back(c);
    }
  }
  finish();
  return out;
}

// Expands the first TABARI alternative set `{ a | b }` (a brace group with a
// top-level '|'); returns false if there is none.
bool ExpandOnce(const std::vector<PatTok>& toks, std::vector<std::vector<PatTok>>* out) {
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].type == PatTok::kLBrace) stack.push_back(i);
    if (toks[i].type != PatTok::kRBrace || stack.empty()) continue;
    std::size_t open = stack.back();
    stack.pop_back();
    std::vector<std::size_t> bars;
    int depth = 0;
    for (std::size_t k = open + 1; k < i; ++k) {
      if (toks[k].type == PatTok::kLBrace || toks[k].type == PatTok::kLParen) ++depth;
      if (toks[k].type == PatTok::kRBrace || toks[k].type == PatTok::kRParen) --depth;
      if (depth == 0 && toks[k].type == PatTok::kBar) bars.push_back(k);
    }
    if (bars.empty()) continue;
    bars.push_back(i);
    std::size_t from = open + 1;
    for (std::size_t bar : bars) {
      std::vector<PatTok> alt(toks.begin(), toks.begin() + static_cast<std::ptrdiff_t>(open));
      for (std::size_t k = from; k < bar; ++k) alt.push_back(toks[k]);
      if (bar > from && toks[i].underscore) {
        alt.back().adjacent = toks[i].adjacent;
        alt.back().underscore = true;
      }
      for (std::size_t k = i + 1; k < toks.size(); ++k) alt.push_back(toks[k]);
      out->push_back(std::move(alt));
      from = bar + 1;
    }
    return true;
  }
  return false;
}

class VerbReader {
 public:
  VerbReader(DictBuilder& b, std::uint32_t file, DictFlavor flavor)
      : b_(b), d_(b.d()), file_(file), flavor_(flavor) {}

  void Run(std::string_view text) {
    LineSource src(text, flavor_, b_, file_);
    std::uint32_t no;
    std::string_view t;
    while (src.Next(&no, &t)) {
      line_ = no;
      Line(t);
    }
    CheckBlockHasVerbs();
  }

 private:
  void Warn(std::string m) { b_.Warn(file_, line_, std::move(m)); }

  void Line(std::string_view t) {
    if (t[0] == '<') {
      std::string tag = Upper(t);
      if (tag.starts_with("<SYNSET") || tag.starts_with("</SYNSET")) {
        synset_ = kNone;
      } else if (tag.starts_with("<TIME")) {
        in_time_ = true;
      } else if (tag.starts_with("</TIME")) {
        in_time_ = false;
      } else if (tag.starts_with("</")) {
        skip_section_ = false;
      } else {
        Warn("section " + Quote(t) + " is not supported in verbs files; its lines are skipped");
        skip_section_ = true;
      }
      return;
    }
    if (skip_section_) return;
    if (in_time_) {
      if (t[0] == '-') return;  // time-shift patterns are read and ignored
      std::size_t open = t.find('[');
      std::size_t close = open == std::string_view::npos ? open : t.find(']', open);
      if (close == std::string_view::npos) {
        Warn("time phrase " + Quote(t) + " has no [code]; skipped");
        return;
      }
      std::string code;
      for (char c : t.substr(open + 1, close - open - 1)) {
        if (!std::isspace(static_cast<unsigned char>(c))) code.push_back(c);
      }
      d_.time_shifts.push_back(
          {d_.Keep(JoinLower(LexPhrase(t.substr(0, open)))), d_.Keep(code), {file_, line_}});
      return;
    }
    if (t.starts_with("---")) {
      synset_ = kNone;
      BlockHeader(t);
    } else if (t[0] == '&') {
      SynsetHeader(t);
    } else if (t[0] == '+' && synset_ != kNone) {
      std::string_view phrase = Trim(t.substr(1));
      if (phrase.empty()) {
        Warn("empty synset phrase; skipped");
        return;
      }
      d_.synsets[synset_].raw.emplace_back(std::string(phrase), SourceRef{file_, line_});
    } else if (t[0] == '~') {
      synset_ = kNone;
      Transform(t);
    } else if (t[0] == '-') {
      synset_ = kNone;
      Pattern(t);
    } else if (t[0] == '{') {
      synset_ = kNone;
      FormsLine(t);
    } else {
      synset_ = kNone;
      VerbLine(t);
    }
  }

  std::uint32_t NewBlock(std::string_view name, VerbCode code) {
    BlockRec br;
    br.b.name = d_.Keep(name);
    br.b.code = code;
    br.b.where = {file_, line_};
    d_.block_recs.push_back(std::move(br));
    return static_cast<std::uint32_t>(d_.block_recs.size() - 1);
  }

  // A PETRARCH block whose header is followed by no verb line.
  void CheckBlockHasVerbs() {
    if (flavor_ == DictFlavor::kTabari || block_ == kNone || block_has_verb_) return;
    const VerbBlock& b = d_.block_recs[block_].b;
    b_.Warn(b.where.file, b.where.line,
            "verb block " + Quote(b.name) + " has no verb forms; its patterns can never match");
  }

  void BlockHeader(std::string_view t) {
    CheckBlockHasVerbs();
    std::string_view inner = Trim(t.substr(3));
    std::size_t open = inner.find('[');
    VerbCode code;
    std::string_view name;
    if (open == std::string_view::npos) {
      if (inner.ends_with("---")) inner = Trim(inner.substr(0, inner.size() - 3));
      name = inner;
    } else {
      name = Trim(inner.substr(0, open));
      std::size_t close = inner.find(']', open);
      if (close == std::string_view::npos) {
        Warn("missing ']' in verb block header " + Quote(t) + "; block code ignored");
      } else {
        code = ParseVerbCode(d_, inner.substr(open + 1, close - open - 1));
        std::string_view rest = Trim(inner.substr(close + 1));
        if (rest.find('[') != std::string_view::npos) {
          Warn("verb block header " + Quote(t) + " has several codes; the first is used");
        }
      }
    }
    if (name.empty()) {
      Warn("verb block header " + Quote(t) + " has no name");
      name = "?";
    }
    block_ = NewBlock(name, code);
    block_has_verb_ = false;
    ++d_.stats.verb_blocks;
  }

  void SynsetHeader(std::string_view t) {
    std::vector<std::string_view> parts = SplitWs(t);
    std::string name = Upper(parts[0]);
    bool no_plural = false;
    while (name.size() > 1 && name.back() == '_') {
      name.pop_back();
      no_plural = true;
    }
    if (name.size() < 2) {
      Warn("synset " + Quote(t) + " has no name; skipped");
      synset_ = kNone;
      return;
    }
    SynsetId id = SynsetIdOf(name);
    SynsetRec& rec = d_.synsets[id];
    if (!rec.raw.empty()) {
      Warn("synset " + name + " is defined again (first at " + d_.files[rec.where.file] + ":" +
           std::to_string(rec.where.line) + "); the phrases are added to it");
    } else {
      rec.where = {file_, line_};
    }
    rec.no_plural = rec.no_plural || no_plural;
    synset_ = id;
  }

  SynsetId SynsetIdOf(const std::string& upper_name) {
    auto it = d_.synset_ids.find(upper_name);
    if (it != d_.synset_ids.end()) return it->second;
    auto id = static_cast<SynsetId>(d_.synsets.size());
    d_.synsets.emplace_back();
    d_.synsets.back().name = upper_name;
    d_.synset_ids.emplace(d_.Keep(upper_name), id);
    return id;
  }

  void Transform(std::string_view t) {
    std::string s;
    for (char c : t.substr(1)) {
      if (c != '(' && c != ')') s.push_back(c);
    }
    std::size_t eq = s.find('=');
    std::vector<std::string_view> lhs, rhs;
    if (eq != std::string::npos) {
      lhs = SplitWs(std::string_view(s).substr(0, eq));
      rhs = SplitWs(std::string_view(s).substr(eq + 1));
    }
    if (lhs.size() != 5 || rhs.size() != 3) {
      Warn("malformed transformation " + Quote(t) +
           " (expected `~ a (b c VERB) VERB = x y CODE`); skipped");
      return;
    }
    Transformation tr;
    tr.outer_source = d_.Keep(Lower(lhs[0]));
    tr.inner_source = d_.Keep(Lower(lhs[1]));
    tr.inner_target = d_.Keep(Lower(lhs[2]));
    for (const LexWord& w : LexPhrase(lhs[3])) tr.inner_verbs.push_back(d_.Keep(Lower(w.text)));
    tr.outer_verb = d_.Keep(Lower(lhs[4]));
    tr.result_source = d_.Keep(Lower(rhs[0]));
    tr.result_target = d_.Keep(Lower(rhs[1]));
    tr.result_code = d_.Keep(Lower(rhs[2]));
    tr.where = {file_, line_};
    d_.transformations.push_back(std::move(tr));
  }

  // Adds one verb form: words joined by '_' or ' ', the verb word marked with a
  // leading '+' (else the first word is the verb).
  void AddForm(std::string_view text, VerbCode code, bool generated) {
    std::vector<LexWord> lex = LexPhrase(text);
    if (lex.empty()) return;
    std::size_t verb = lex.size();
    for (std::size_t i = 0; i < lex.size(); ++i) {
      if (lex[i].text.size() > 1 && lex[i].text[0] == '+') {
        if (verb == lex.size()) verb = i;
        lex[i].text.erase(0, 1);
      }
    }
    if (verb == lex.size()) {
      verb = 0;
      if (lex.size() > 1 && flavor_ == DictFlavor::kPetrarch && !generated &&
          text.find('_') != std::string_view::npos) {
        Warn("multi-word verb " + Quote(text) +
             " has no '+' marking the verb; the first word is used");
      }
    }
    if (lex.size() > 200) {
      Warn("verb form " + Quote(text) + " is too long; skipped");
      return;
    }
    std::vector<TrieWord> all = ToTrieWords(d_, lex, flavor_);
    VerbFormRec rec;
    rec.before.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(verb));
    std::vector<TrieWord> path(all.begin() + static_cast<std::ptrdiff_t>(verb), all.end());
    rec.form.text = d_.Keep(JoinLower(lex));
    rec.form.block = block_;
    rec.form.code = code;
    rec.form.where = {file_, line_};
    rec.form.words_before = static_cast<std::uint8_t>(verb);
    rec.form.words_after = static_cast<std::uint8_t>(lex.size() - verb - 1);
    rec.form.generated = generated;
    std::uint32_t node = d_.verb_trie.Insert(d_.verb_root, path);
    rec.next = d_.verb_trie.payload(node);
    d_.verb_trie.payload(node) = static_cast<std::uint32_t>(d_.form_recs.size());
    d_.form_recs.push_back(std::move(rec));
  }

  void VerbLine(std::string_view t) {
    std::string_view main = t;
    VerbCode code;
    bool has_code = false;
    std::size_t open = t.find('[');
    if (open != std::string_view::npos) {
      std::size_t close = t.find(']', open);
      if (close == std::string_view::npos) {
        Warn("missing ']' in verb " + Quote(t) + "; skipped");
        return;
      }
      code = ParseVerbCode(d_, t.substr(open + 1, close - open - 1));
      has_code = true;
      main = t.substr(0, open);
    }
    std::string_view forms;
    bool has_forms = false;
    std::size_t brace = main.find('{');
    if (brace != std::string_view::npos) {
      std::size_t end = main.find('}', brace);
      if (end == std::string_view::npos) {
        Warn("unbalanced '{' in verb " + Quote(t) + "; skipped");
        return;
      }
      forms = main.substr(brace + 1, end - brace - 1);
      has_forms = true;
      main = main.substr(0, brace);
    } else if (main.find('}') != std::string_view::npos) {
      Warn("unbalanced '}' in verb " + Quote(t) + "; skipped");
      return;
    }
    std::string_view root = Trim(main);
    if (root.empty()) {
      Warn("verb line " + Quote(t) + " has no verb; skipped");
      return;
    }
    if (flavor_ == DictFlavor::kTabari || block_ == kNone) {
      if (flavor_ != DictFlavor::kTabari) {
        Warn("verb " + Quote(root) +
             " before any `--- NAME [CODE] ---` block; a block is opened for it");
      }
      block_ = NewBlock(root, code);
      ++d_.stats.verb_blocks;
    }
    if (!has_code) code = d_.block_recs[block_].b.code;
    ++d_.stats.verbs;
    last_code_ = code;
    has_root_ = true;
    block_has_verb_ = true;
    AddForm(root, code, false);
    if (has_forms) {
      for (std::string_view f : SplitWs(forms)) AddForm(f, code, false);
      return;
    }
    if (flavor_ != DictFlavor::kPetrarch) return;  // TABARI: stems and endings do the work
    // PETRARCH regular forms of the verb word, keeping multi-word context.
    std::vector<LexWord> lex = LexPhrase(root);
    if (lex.empty()) return;
    std::size_t verb = 0;
    for (std::size_t i = 0; i < lex.size(); ++i) {
      if (lex[i].text.size() > 1 && lex[i].text[0] == '+') {
        verb = i;
        break;
      }
    }
    std::string word = Upper(lex[verb].text[0] == '+' ? lex[verb].text.substr(1) : lex[verb].text);
    for (const std::string& f : PetrarchVerbForms(word)) {
      std::string form;
      for (std::size_t i = 0; i < lex.size(); ++i) {
        if (!form.empty()) form.push_back('_');
        form += i == verb ? "+" + f : lex[i].text;
      }
      AddForm(form, code, true);
    }
  }

  void FormsLine(std::string_view t) {
    std::size_t end = t.find('}');
    if (end == std::string_view::npos) {
      Warn("unbalanced '{' in verb forms " + Quote(t) + "; skipped");
      return;
    }
    if (!has_root_ || block_ == kNone) {
      Warn("verb forms " + Quote(t) + " before any verb; skipped");
      return;
    }
    std::vector<std::string_view> forms = SplitWs(t.substr(1, end - 1));
    if (forms.empty()) Warn("verb forms line {} lists no forms");
    for (std::string_view f : forms) AddForm(f, last_code_, false);
  }

  void Pattern(std::string_view t) {
    if (block_ == kNone) {
      Warn("pattern " + Quote(t) + " before any verb; skipped");
      return;
    }
    std::string_view body = t.substr(1);
    std::size_t open = body.rfind('[');
    std::size_t close = open == std::string_view::npos ? open : body.find(']', open);
    if (close == std::string_view::npos) {
      Warn("pattern " + Quote(t) + " has no [code]; skipped");
      return;
    }
    VerbCode code = ParseVerbCode(d_, body.substr(open + 1, close - open - 1));
    body = Trim(body.substr(0, open));
    std::vector<PatTok> toks = LexPattern(body);
    // Balance check.
    std::vector<PatTok::Type> stack;
    for (const PatTok& k : toks) {
      if (k.type == PatTok::kLBrace || k.type == PatTok::kLParen) stack.push_back(k.type);
      if (k.type == PatTok::kRBrace || k.type == PatTok::kRParen) {
        PatTok::Type want = k.type == PatTok::kRBrace ? PatTok::kLBrace : PatTok::kLParen;
        if (stack.empty() || stack.back() != want) {
          Warn("unbalanced '" + k.text + "' in pattern " + Quote(body) + "; skipped");
          return;
        }
        stack.pop_back();
      }
    }
    if (!stack.empty()) {
      Warn(std::string("unbalanced '") + (stack.back() == PatTok::kLBrace ? "{" : "(") +
           "' in pattern " + Quote(body) + "; skipped");
      return;
    }
    // TABARI alternatives.
    std::vector<std::vector<PatTok>> done, todo{toks};
    while (!todo.empty()) {
      std::vector<PatTok> cur = std::move(todo.back());
      todo.pop_back();
      std::vector<std::vector<PatTok>> alts;
      if (ExpandOnce(cur, &alts)) {
        for (auto& a : alts) todo.push_back(std::move(a));
      } else {
        done.push_back(std::move(cur));
      }
      if (done.size() + todo.size() > b_.options().max_expansions) {
        Warn("pattern " + Quote(body) +
             " expands to more than max_expansions alternatives; skipped");
        return;
      }
    }
    std::reverse(done.begin(), done.end());
    std::string_view text = d_.Keep(body);
    for (const auto& alt : done) {
      if (!AddPattern(alt, code, text)) break;  // one warning per line
    }
  }

  // The element of a pattern word or token (`*`, `$`, `+`, `%`, `^`,
  // `&SYNSET`); adds its TABARI length (letters and digits) to *length.
  PatternElement WordElement(const PatTok& k, std::size_t* length) {
    PatternElement e;
    const std::string& w = k.text;
    if (w == "*") {
      e.kind = PatternElementKind::kVerb;
    } else if (w == "$") {
      e.kind = PatternElementKind::kSource;
    } else if (w == "+") {
      e.kind = PatternElementKind::kTarget;
    } else if (w == "%") {
      e.kind = PatternElementKind::kCompound;
    } else if (w == "^") {
      e.kind = PatternElementKind::kSkip;
    } else if (w[0] == '&' && w.size() > 1) {
      e.kind = PatternElementKind::kSynset;
      std::string name = Upper(w);
      while (name.size() > 2 && name.back() == '_') name.pop_back();
      e.id = SynsetIdOf(name);
      *length += name.size() - 1;
    } else {
      LexWord lw;
      lw.text = w;
      lw.underscore = k.underscore;
      lw.stem = k.stem;
      lw.no_endings = k.no_endings;
      e.kind = PatternElementKind::kWord;
      e.match = ModeOf(lw, true, flavor_);
      e.id = InternWord(d_, Lower(w), e.match);
      for (char c : w) *length += std::isalnum(static_cast<unsigned char>(c)) ? 1 : 0;
    }
    e.adjacent_next = k.adjacent;
    return e;
  }

  bool AddPattern(const std::vector<PatTok>& toks, VerbCode code, std::string_view text) {
    PatternRec pr;
    pr.first = static_cast<std::uint32_t>(d_.pattern_elements.size());
    std::vector<std::size_t> groups;
    int verbs = 0;
    std::size_t length = 0;
    bool grouped = false;
    for (const PatTok& k : toks) {
      PatternElement e;
      if (k.type == PatTok::kBar) {
        Warn("'|' outside an alternative set in pattern " + Quote(text) + "; skipped");
        d_.pattern_elements.resize(pr.first);
        return false;
      }
      if (k.type == PatTok::kLBrace || k.type == PatTok::kLParen) {
        e.kind = k.type == PatTok::kLBrace ? PatternElementKind::kNounPhrase
                                           : PatternElementKind::kPrepPhrase;
        groups.push_back(d_.pattern_elements.size());
        d_.pattern_elements.push_back(e);
        grouped = true;
        continue;
      }
      if (k.type == PatTok::kRBrace || k.type == PatTok::kRParen) {
        PatternElement& g = d_.pattern_elements[groups.back()];
        g.group_size = static_cast<std::uint16_t>(d_.pattern_elements.size() - groups.back() - 1);
        g.adjacent_next = k.adjacent;
        groups.pop_back();
        continue;
      }
      e = WordElement(k, &length);
      if (e.kind == PatternElementKind::kVerb) {
        ++verbs;
        pr.p.verb_index = static_cast<std::uint16_t>(d_.pattern_elements.size() - pr.first);
      }
      d_.pattern_elements.push_back(e);
    }
    pr.count = static_cast<std::uint32_t>(d_.pattern_elements.size() - pr.first);
    if (verbs != 1 || pr.count > 60000) {
      Warn(verbs == 0  ? "pattern " + Quote(text) + " has no '*' (verb marker); skipped"
           : verbs > 1 ? "pattern " + Quote(text) + " has " + std::to_string(verbs) +
                             " '*' verb markers; skipped"
                       : "pattern " + Quote(text) + " is too long; skipped");
      d_.pattern_elements.resize(pr.first);
      return false;
    }
    pr.p.block = block_;
    pr.p.code = code;
    pr.p.where = {file_, line_};
    pr.p.text = text;
    pr.p.syntax = grouped ? PatternSyntax::kPetrarch2 : PatternSyntax::kLinear;
    pr.p.text_length = static_cast<std::uint16_t>(std::min<std::size_t>(length, 65535));
    d_.block_recs[block_].patterns.push_back(static_cast<std::uint32_t>(d_.pattern_recs.size()));
    d_.pattern_recs.push_back(pr);
    return true;
  }

  DictBuilder& b_;
  Dictionaries::Data& d_;
  std::uint32_t file_;
  DictFlavor flavor_;
  std::uint32_t line_ = 0;
  std::uint32_t block_ = kNone;
  SynsetId synset_ = kNone;
  VerbCode last_code_;
  bool has_root_ = false;
  bool block_has_verb_ = false;
  bool in_time_ = false;
  bool skip_section_ = false;
};

}  // namespace

void ParseVerbs(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor) {
  VerbReader(b, file, flavor).Run(text);
}

namespace {

using TriePhrases = std::vector<std::vector<TrieWord>>;

bool IsPatternMarker(const std::string& w) {
  return w == "$" || w == "+" || w == "%" || w == "^" || w == "*";
}

// The synset `w` (`&NAME`) of a phrase of synset `self`, resolved; kNone,
// warned, if it is undefined or still being resolved (a cycle).
SynsetId ResolveNestedSynset(DictBuilder& b, const std::string& self, std::string_view w,
                             SourceRef where) {
  Dictionaries::Data& d = b.d();
  std::string name = Upper(w);
  while (name.size() > 2 && name.back() == '_') name.pop_back();
  auto it = d.synset_ids.find(name);
  if (it == d.synset_ids.end() || d.synsets[it->second].raw.empty()) {
    b.Warn(where.file, where.line,
           "undefined synset " + name + " in synset " + self + "; phrase skipped");
    return kNone;
  }
  if (d.synsets[it->second].state == 1) {
    b.Warn(where.file, where.line,
           "synset " + self + " refers to itself through " + name + " (cycle); phrase skipped");
    return kNone;
  }
  ResolveSynset(b, it->second);
  return it->second;
}

// Each of `alts` followed by each of `sub`, stopping once past `cap`.
TriePhrases CrossPhrases(const TriePhrases& alts, const TriePhrases& sub, std::uint32_t cap) {
  TriePhrases next;
  for (const auto& a : alts) {
    for (const auto& s : sub) {
      std::vector<TrieWord> x = a;
      x.insert(x.end(), s.begin(), s.end());
      next.push_back(std::move(x));
      if (next.size() > cap) break;
    }
    if (next.size() > cap) break;
  }
  return next;
}

// Flattens one '+' phrase `lex` of synset `self` into *alts, nested synsets
// expanded; false, warned, if the phrase is skipped. *last_is_word: the phrase
// ends with a word (not a synset).
bool FlattenSynsetPhrase(DictBuilder& b, const std::string& self, const std::string& text,
                         SourceRef where, const std::vector<LexWord>& lex, TriePhrases* alts,
                         bool* last_is_word) {
  Dictionaries::Data& d = b.d();
  const std::uint32_t cap = b.options().max_synset_phrases;
  const DictFlavor flavor = d.file_flavors[where.file];
  alts->assign(1, {});
  *last_is_word = false;
  for (std::size_t i = 0; i < lex.size(); ++i) {
    const std::string& w = lex[i].text;
    if (IsPatternMarker(w)) {
      b.Warn(where.file, where.line,
             "synset " + self + " phrase " + Quote(text) + " contains '" + w +
                 "'; synset phrases may contain only words; skipped");
      return false;
    }
    if (w[0] == '&') {
      const SynsetId sub = ResolveNestedSynset(b, self, w, where);
      if (sub == kNone) return false;
      *alts = CrossPhrases(*alts, d.synsets[sub].flat, cap);
      *last_is_word = false;
    } else {
      WordMatch m = ModeOf(lex[i], i + 1 == lex.size(), flavor);
      WordId wid = InternWord(d, Lower(w), m);
      for (auto& a : *alts) a.push_back({wid, m});
      *last_is_word = true;
    }
    if (alts->size() > cap) {
      b.Warn(where.file, where.line,
             "synset " + self + " expands to more than max_synset_phrases phrases; phrase skipped");
      return false;
    }
  }
  return true;
}

// Moves each of `alts` to *result, followed, when `plural`, by a copy whose
// last word is its PETRARCH plural.
void AppendSynsetPhrases(Dictionaries::Data& d, TriePhrases& alts, bool plural,
                         TriePhrases* result) {
  for (auto& a : alts) {
    if (plural) {
      std::vector<TrieWord> p = a;
      std::string pl = Lower(PetrarchPlural(Upper(d.words[p.back().id])));
      p.back().id = InternWord(d, pl, p.back().match);
      result->push_back(std::move(a));
      result->push_back(std::move(p));
    } else {
      result->push_back(std::move(a));
    }
  }
}

// Stores the flattened phrases of synset `id` and indexes them in a trie of
// their own.
void IndexSynset(DictBuilder& b, SynsetId id, TriePhrases flat) {
  Dictionaries::Data& d = b.d();
  SynsetRec& rec = d.synsets[id];
  rec.flat = std::move(flat);
  if (rec.flat.empty()) {
    b.Warn(rec.where.file, rec.where.line, "synset " + rec.name + " has no usable phrases");
  }
  rec.root = d.synset_trie.NewRoot();
  for (const auto& p : rec.flat) {
    if (p.empty()) continue;
    std::uint32_t node = d.synset_trie.Insert(rec.root, p);
    d.synset_trie.payload(node) = id;
  }
  rec.phrases = static_cast<std::uint32_t>(rec.flat.size());
  rec.state = 2;
}

}  // namespace

void ResolveSynset(DictBuilder& b, SynsetId id) {
  Dictionaries::Data& d = b.d();
  if (d.synsets[id].state == 2) return;
  if (d.synsets[id].raw.empty()) {
    d.synsets[id].state = 2;  // undefined: root stays kNone
    return;
  }
  d.synsets[id].state = 1;
  TriePhrases result;
  const std::uint32_t cap = b.options().max_synset_phrases;
  // Copy: resolving nested synsets may grow d.synsets.
  std::vector<std::pair<std::string, SourceRef>> raw = d.synsets[id].raw;
  std::string self = d.synsets[id].name;
  for (const auto& [text, where] : raw) {
    std::vector<LexWord> lex = LexPhrase(text);
    TriePhrases alts;
    bool last_is_word = false;
    if (!FlattenSynsetPhrase(b, self, text, where, lex, &alts, &last_is_word) || lex.empty()) {
      continue;
    }
    bool plural = d.file_flavors[where.file] == DictFlavor::kPetrarch && !d.synsets[id].no_plural &&
                  last_is_word && !lex.back().underscore;
    AppendSynsetPhrases(d, alts, plural, &result);
    if (result.size() > cap) {
      b.Warn(where.file, where.line,
             "synset " + self + " expands to more than max_synset_phrases phrases; truncated");
      result.resize(cap);
      break;
    }
  }
  IndexSynset(b, id, std::move(result));
}

}  // namespace dyad
