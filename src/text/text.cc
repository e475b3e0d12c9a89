// Copyright dyad authors. Stage `text`: tokenizer and rule-based sentence splitter.
//
// Two linear passes over one body: the tokenizer appends Tokens (offsets only)
// to doc->tokens, then the splitter walks the tokens, looking at the whitespace
// between them for line and paragraph breaks. Nothing is allocated per token.
#include "dyad/text.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/chars.h"

namespace dyad {
namespace {

using text_internal::CodePoint;
using text_internal::Decode;
using text_internal::IsApostrophe;
using text_internal::IsAsciiAlpha;
using text_internal::IsAsciiDigit;
using text_internal::IsInnerHyphen;
using text_internal::IsLetter;
using text_internal::IsLower;
using text_internal::IsQuote;
using text_internal::IsSpace;
using text_internal::IsUpper;
using text_internal::IsWordChar;
using text_internal::kAscii;

// ---------------------------------------------------------------------------
// Word lists. Matched against the exact surface form or its all-caps form.

// How an abbreviation that ends a token with "." behaves at a possible
// sentence end.
enum class AbbrevKind : std::uint8_t {
  kNone,
  kNeverEnds,     // titles, "vs.", "e.g.": a name or phrase always follows
  kMayEnd,        // "Inc.", "U.S.", "Jan.": ends a sentence before a starter word
  kBeforeNumber,  // "No." attaches only before a digit and never ends a sentence
};

constexpr std::string_view kTitleAbbrevs[] = {
    "Mr",   "Mrs", "Ms",  "Messrs", "Dr",  "Prof", "Gen", "Lt",   "Col",  "Maj",  "Capt",
    "Cmdr", "Adm", "Sgt", "Cpl",    "Pvt", "Brig", "Sen", "Sens", "Rep",  "Reps", "Gov",
    "Pres", "Rev", "Hon", "Supt",   "Det", "Insp", "Amb", "Gens", "Sgts", "Fr",   "Atty"};

constexpr std::string_view kOtherAbbrevs[] = {
    // Companies, places, people.
    "Inc", "Corp", "Co", "Ltd", "Bros", "Jr", "Sr", "St", "Mt", "Ft", "Ave", "Blvd", "Rd", "Dept",
    "Univ", "Assn", "Govt",
    // Months.
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    // US states (AP style).
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
    // Lower case.
    "etc", "al", "approx"};

constexpr std::string_view kLowerNeverEnds[] = {"vs", "cf"};

bool EqualsUpper(std::string_view upper_candidate, std::string_view word) {
  if (upper_candidate.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper_candidate[i]) return false;
  }
  return true;
}

// `w` or its all-caps variant is in `list`.
template <std::size_t N>
bool InList(const std::string_view (&list)[N], std::string_view w) {
  for (std::string_view a : list) {
    if (a == w) return true;
    if (a.size() == w.size() && w.size() > 1 && IsAsciiAlpha(w[1]) && w[1] >= 'A' && w[1] <= 'Z' &&
        EqualsUpper(w, a)) {
      return true;  // "CORP" for "Corp"
    }
  }
  return false;
}

// Classifies the word `w` (without its period) as an abbreviation.
AbbrevKind AbbreviationOf(std::string_view w) {
  if (w.empty() || w.size() > 6) return AbbrevKind::kNone;
  if (w == "No" || w == "NO" || w == "Nos" || w == "no") return AbbrevKind::kBeforeNumber;
  if (InList(kTitleAbbrevs, w)) return AbbrevKind::kNeverEnds;
  for (std::string_view a : kLowerNeverEnds) {
    if (a == w) return AbbrevKind::kNeverEnds;
  }
  if (InList(kOtherAbbrevs, w)) return AbbrevKind::kMayEnd;
  return AbbrevKind::kNone;
}

// Capitalised words that begin sentences often and noun phrases rarely:
// "... in the U.S. The ..." splits, "U.S. Politics" does not.
constexpr std::string_view kStarters[] = {
    "The",      "A",        "An",      "He",         "She",       "It",           "They",
    "We",       "I",        "You",     "This",       "That",      "These",        "Those",
    "There",    "Their",    "His",     "Her",        "Its",       "Our",          "My",
    "Your",     "But",      "And",     "Or",         "So",        "Yet",          "In",
    "On",       "At",       "As",      "By",         "For",       "From",         "With",
    "Without",  "After",    "Before",  "During",     "Since",     "Until",        "When",
    "While",    "Where",    "What",    "Why",        "How",       "Who",          "Which",
    "If",       "Although", "Though",  "However",    "Meanwhile", "Moreover",     "Also",
    "Still",    "Now",      "Then",    "Today",      "Yesterday", "Some",         "Many",
    "Most",     "All",      "Both",    "Each",       "Every",     "Several",      "Few",
    "Other",    "Others",   "Such",    "Not",        "Officials", "According",    "Despite",
    "Earlier",  "Later",    "Last",    "Next",       "Asked",     "Instead",      "Under",
    "Analysts", "Sources",  "Critics", "Separately", "Further",   "Nevertheless", "Thus",
    "Because",  "Once",     "Nor",     "Neither",    "Either",    "Here",         "Let"};

bool IsStarter(std::string_view w) {
  for (std::string_view s : kStarters) {
    if (s == w) return true;
    if (s.size() == w.size() && s.size() > 1 && EqualsUpper(w, s)) return true;
  }
  return false;
}

// Function words allowed in lower case inside a title-case headline line.
bool IsHeadlineSmallWord(std::string_view w) {
  static constexpr std::string_view kSmall[] = {"a",    "an",   "the", "of",  "in", "on",
                                                "at",   "to",   "for", "and", "or", "by",
                                                "with", "from", "vs",  "as"};
  for (std::string_view s : kSmall) {
    if (s == w) return true;
  }
  return false;
}

// Lower-case ASCII compare of body[b, e) with `lower`.
bool EqualsLower(std::string_view body, std::size_t b, std::size_t e, std::string_view lower) {
  if (e - b != lower.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    char c = body[b + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Tokenizer.

bool IsAsciiWordByte(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }

// Longer than any line of text hard-wrapped at a fixed width (bytes).
constexpr std::size_t kWrapWidth = 100;

class Tokenizer {
 public:
  Tokenizer(std::string_view body, std::vector<Token>* out)
      : s_(body), n_(body.size()), out_(out) {}

  void Run() {
    std::size_t i = 0;
    bool space = false;
    while (i < n_) {
      const auto b = static_cast<unsigned char>(s_[i]);
      if (b < 0x80) {
        switch (kAscii.cls[b]) {
          case text_internal::kAsciiSpace:
            ++i;
            space = true;
            continue;
          case text_internal::kAsciiLower:
          case text_internal::kAsciiUpper:
            i = Word(i, space);
            break;
          case text_internal::kAsciiDigit:
            i = Number(i, space);
            break;
          case text_internal::kAsciiQuote:
            i = Quote(i, 1, space);
            break;
          case text_internal::kAsciiPunct:
            i = Punct(i, space);
            break;
          case text_internal::kAsciiSymbol:
            // An underscore inside a word joins words ("Dol_Amroth", as
            // Treebank-style and TABARI inputs write multi-word names): it
            // separates them like a space and is no token of its own.
            if (s_[i] == '_' && i > 0 && i + 1 < n_ && IsAsciiWordByte(s_[i - 1]) &&
                IsAsciiWordByte(s_[i + 1])) {
              ++i;
              space = true;
              continue;
            }
            Emit(i, i + 1, TokenKind::kSymbol, space);
            ++i;
            break;
          default:
            Emit(i, i + 1, TokenKind::kOther, space);
            ++i;
            break;
        }
        space = false;
        continue;
      }
      const CodePoint cp = Decode(s_, i);
      if (cp.c < 0) {
        Emit(i, i + 1, TokenKind::kOther, space);
        ++i;
      } else if (IsSpace(cp.c)) {
        i += cp.len;
        space = true;
        continue;
      } else if (IsLetter(cp.c)) {
        i = Word(i, space);
      } else if (u_isdigit(cp.c)) {
        i = Number(i, space);
      } else if (IsQuote(cp.c)) {
        i = Quote(i, cp.len, space);
      } else if (cp.c == 0x2026) {  // … ellipsis
        Emit(i, i + cp.len, TokenKind::kPunct, space);
        i += cp.len;
      } else {
        const std::uint32_t mask = U_GET_GC_MASK(cp.c);
        TokenKind kind = TokenKind::kOther;
        if (mask & U_GC_P_MASK) {
          kind = TokenKind::kPunct;
        } else if (mask & (U_GC_SC_MASK | U_GC_SM_MASK | U_GC_SK_MASK)) {
          kind = TokenKind::kSymbol;
        } else if ((mask & U_GC_SO_MASK) && cp.c < 0x2600) {
          kind = TokenKind::kSymbol;  // ° © ™ ...; emoji stay kOther
        } else if (mask & U_GC_M_MASK) {
          // A stray combining mark: glue it to the previous word if adjacent.
          if (!out_->empty() && out_->back().end == i && out_->back().kind == TokenKind::kWord) {
            out_->back().end = static_cast<std::uint32_t>(i + cp.len);
            i += cp.len;
            space = false;
            continue;
          }
        }
        Emit(i, i + cp.len, kind, space);
        i += cp.len;
      }
      space = false;
    }
  }

 private:
  CodePoint At(std::size_t i) const { return i < n_ ? Decode(s_, i) : CodePoint{-1, 0}; }

  void Emit(std::size_t b, std::size_t e, TokenKind kind, bool space) {
    Token t;
    t.begin = static_cast<std::uint32_t>(b);
    t.end = static_cast<std::uint32_t>(e);
    t.kind = kind;
    t.flags = space ? kSpaceBefore : 0;
    if (kind == TokenKind::kWord) t.flags |= CaseFlags(b, e);
    out_->push_back(t);
  }

  std::uint8_t CaseFlags(std::size_t b, std::size_t e) const {
    int letters = 0, upper = 0;
    bool first_upper = false;
    for (std::size_t i = b; i < e;) {
      const auto c = static_cast<unsigned char>(s_[i]);
      UChar32 cp;
      std::size_t len = 1;
      if (c < 0x80) {
        cp = c;
      } else {
        const CodePoint d = Decode(s_, i);
        cp = d.c;
        len = d.len;
      }
      if (IsLetter(cp)) {
        const bool up = IsUpper(cp);
        if (letters == 0) first_upper = up;
        ++letters;
        upper += up;
      }
      i += len;
    }
    std::uint8_t f = 0;
    if (first_upper) f |= kCapitalized;
    if (letters >= 2 && upper == letters) f |= kAllCaps;
    return f;
  }

  // Letters after position `p` (ASCII) forming a clitic: 's 'm 'd 'll 're 've,
  // not followed by a word character. Returns the end or 0.
  std::size_t CliticEnd(std::size_t p) const {
    std::size_t q = p;
    while (q < n_ && q - p < 3 && IsAsciiAlpha(s_[q])) ++q;
    if (q == p) return 0;
    if (q < n_ && IsWordChar(At(q).c)) return 0;
    if (EqualsLower(s_, p, q, "s") || EqualsLower(s_, p, q, "m") || EqualsLower(s_, p, q, "d") ||
        EqualsLower(s_, p, q, "ll") || EqualsLower(s_, p, q, "re") || EqualsLower(s_, p, q, "ve")) {
      return q;
    }
    return 0;
  }

  // Scans a word starting at a letter; emits one or two tokens ("do" + "n't").
  std::size_t Word(std::size_t b, bool space) {
    std::size_t p = b;
    std::size_t seg = b;  // start of the part after the last inner hyphen
    for (;;) {
      while (p < n_) {
        const auto c = static_cast<unsigned char>(s_[p]);
        if (c < 0x80) {
          const auto k = kAscii.cls[c];
          if (k == text_internal::kAsciiLower || k == text_internal::kAsciiUpper ||
              k == text_internal::kAsciiDigit) {
            ++p;
            continue;
          }
          break;
        }
        const CodePoint cp = Decode(s_, p);
        if (!IsWordChar(cp.c)) break;
        p += cp.len;
      }
      if (p >= n_) break;
      const CodePoint cp = Decode(s_, p);
      if (IsInnerHyphen(cp.c)) {
        if (IsWordChar(At(p + cp.len).c)) {
          p += cp.len;
          seg = p;
          continue;
        }
        break;
      }
      if (IsApostrophe(cp.c)) {
        const std::size_t next = p + cp.len;
        if (!IsLetter(At(next).c)) break;
        if (CliticEnd(next) != 0) break;  // "country" + "'s"
        p = next;                         // "O'Brien", "don't" (split below)
        continue;
      }
      if (cp.c == '.') {
        const std::size_t q = Period(b, seg, p);
        // "U.S.-backed": an abbreviation may continue with a hyphen.
        if (q > p && q + 1 < n_ && s_[q] == '-' && IsWordChar(At(q + 1).c)) {
          p = q + 1;
          continue;
        }
        p = q;
      }
      break;
    }
    // PTB-style negation clitic: "don't" -> "do" + "n't", "can't" -> "ca" + "n't".
    std::size_t split = 0;
    if (p - b > 3 && (s_[p - 1] == 't' || s_[p - 1] == 'T')) {
      if (s_[p - 2] == '\'' && (s_[p - 3] == 'n' || s_[p - 3] == 'N')) {
        split = p - 3;
      } else if (p - b > 5 && s_.substr(p - 4, 3) == "\xE2\x80\x99" &&
                 (s_[p - 5] == 'n' || s_[p - 5] == 'N')) {
        split = p - 5;
      }
      if (split != 0 && !(split > b && IsAsciiAlpha(s_[split - 1]))) split = 0;
    }
    if (split != 0) {
      Emit(b, split, TokenKind::kWord, space);
      Emit(split, p, TokenKind::kWord, false);
    } else {
      Emit(b, p, TokenKind::kWord, space);
    }
    return p;
  }

  // A word [b, p) whose last hyphen-separated part starts at `seg` is followed
  // by '.' at p ("R-N.C." continues the part "N"). Returns the word's new end: past the
  // period for acronyms ("U.S.", "J.R.R.", "e.g."), initials ("W.") and known
  // abbreviations ("Gen.", "Inc."), else p.
  std::size_t Period(std::size_t b, std::size_t seg, std::size_t p) const {
    if (p - seg == 1 && IsAsciiAlpha(s_[seg])) {
      std::size_t q = p;
      // ". X" pairs where X is a single letter.
      while (q + 1 < n_ && s_[q] == '.' && IsAsciiAlpha(s_[q + 1]) &&
             (q + 2 >= n_ || !IsWordChar(At(q + 2).c))) {
        q += 2;
      }
      if (q > p) {
        if (q < n_ && s_[q] == '.') ++q;
        return q;
      }
      // Single upper-case letter: an initial ("George W. Bush").
      if (seg == b && s_[b] >= 'A' && s_[b] <= 'Z') return p + 1;
      return p;
    }
    switch (AbbreviationOf(s_.substr(b, p - b))) {
      case AbbrevKind::kNone:
        return p;
      case AbbrevKind::kBeforeNumber: {
        std::size_t q = p + 1;
        while (q < n_ && s_[q] == ' ') ++q;
        return q < n_ && IsAsciiDigit(s_[q]) ? p + 1 : p;
      }
      default:
        return p + 1;
    }
  }

  // Digits with inner , . : / - between digits ("2,000", "3.5", "15:01", "1986-87");
  // an ordinal or decade suffix stays ("10th", "1980s"); other letters make a word ("3D").
  std::size_t Number(std::size_t b, bool space) {
    std::size_t p = b;
    for (;;) {
      while (p < n_) {
        const auto c = static_cast<unsigned char>(s_[p]);
        if (c >= '0' && c <= '9') {
          ++p;
          continue;
        }
        if (c >= 0x80) {
          const CodePoint cp = Decode(s_, p);
          if (cp.c >= 0 && u_isdigit(cp.c)) {
            p += cp.len;
            continue;
          }
        }
        break;
      }
      if (p + 1 < n_ &&
          (s_[p] == ',' || s_[p] == '.' || s_[p] == ':' || s_[p] == '/' || s_[p] == '-') &&
          IsAsciiDigit(s_[p + 1])) {
        ++p;
        continue;
      }
      break;
    }
    TokenKind kind = TokenKind::kNumber;
    if (p < n_ && IsWordChar(At(p).c)) {
      std::size_t q = p;
      while (q < n_ && IsAsciiAlpha(s_[q])) ++q;
      const bool at_end = q >= n_ || !IsWordChar(At(q).c);
      if (at_end && (EqualsLower(s_, p, q, "st") || EqualsLower(s_, p, q, "nd") ||
                     EqualsLower(s_, p, q, "rd") || EqualsLower(s_, p, q, "th") ||
                     EqualsLower(s_, p, q, "s"))) {
        p = q;
      } else {
        // Alphanumeric ("3D", "4x4", "9mm"): a word of letters and digits.
        kind = TokenKind::kWord;
        while (p < n_) {
          const CodePoint cp = Decode(s_, p);
          if (IsWordChar(cp.c)) {
            p += cp.len;
          } else if (IsInnerHyphen(cp.c) && IsWordChar(At(p + cp.len).c)) {
            p += cp.len;
          } else {
            break;
          }
        }
      }
    }
    Emit(b, p, kind, space);
    return p;
  }

  // A quote character of `len` bytes at i; apostrophes may be clitics ("'s")
  // or the possessive of a plural ("immigrants'").
  std::size_t Quote(std::size_t i, std::size_t len, bool space) {
    const CodePoint cp = Decode(s_, i);
    const bool adjacent =
        !space && !out_->empty() && out_->back().end == i &&
        (out_->back().kind == TokenKind::kWord || out_->back().kind == TokenKind::kNumber);
    if (IsApostrophe(cp.c) && adjacent) {
      const std::size_t ce = CliticEnd(i + len);
      if (ce != 0) {
        Emit(i, ce, TokenKind::kWord, false);
        return ce;
      }
      const char last = s_[out_->back().end - 1];
      if (out_->back().kind == TokenKind::kWord && (last == 's' || last == 'S') && !open_single_ &&
          !IsWordChar(At(i + len).c)) {
        Emit(i, i + len, TokenKind::kWord, false);  // possessive "'"
        return i + len;
      }
    }
    if (cp.c == '\'' || cp.c == 0x2018 || cp.c == 0x2019) {
      if (!adjacent && IsLetter(At(i + len).c)) {
        open_single_ = true;
      } else if (adjacent) {
        open_single_ = false;
      }
    }
    Emit(i, i + len, TokenKind::kQuote, space);
    return i + len;
  }

  std::size_t Punct(std::size_t i, bool space) {
    const char c = s_[i];
    std::size_t e = i + 1;
    if (c == '.' || c == '-') {
      while (e < n_ && s_[e] == c) ++e;  // "..." and "--"
    } else if (c == '?' || c == '!') {
      while (e < n_ && (s_[e] == '?' || s_[e] == '!')) ++e;  // "?!"
    }
    // A sentence end closes any single quote left open (a stale open quote
    // would turn later plural possessives into closing quotes).
    if (c == '.' || c == '?' || c == '!') open_single_ = false;
    Emit(i, e, TokenKind::kPunct, space);
    return e;
  }

  std::string_view s_;
  std::size_t n_;
  std::vector<Token>* out_;
  bool open_single_ = false;  // an opening single quote is waiting for its close
};

// ---------------------------------------------------------------------------
// Sentence splitter.

class Splitter {
 public:
  Splitter(std::string_view body, const TextOptions& options, Document* doc)
      : s_(body), max_tokens_(options.max_tokens_per_sentence), doc_(doc), tokens_(doc->tokens) {}

  void Run() {
    const std::size_t n = tokens_.size();
    if (n == 0) return;
    std::size_t start = 0;       // first token of the current sentence
    std::size_t line_start = 0;  // first token of the current line
    // A terminal punctuation run asks for a break before this token (0: none).
    std::size_t break_at = TerminalBreak(0, 0);
    std::uint32_t paragraph = 0;
    for (std::size_t k = 1; k < n; ++k) {
      const Gap gap = GapBefore(k);
      bool brk = false;
      bool new_paragraph = false;
      if (gap.newlines >= 2 || (gap.newlines == 1 && gap.indent)) {
        brk = true;
        new_paragraph = true;
      } else if (gap.newlines == 1) {
        brk = LineBreakEndsSentence(start, line_start, k);
      }
      if (!brk && k == break_at) brk = true;
      if (brk) {
        Close(start, k, false);
        start = k;
      } else if (k - start >= max_tokens_) {
        Close(start, k, true);
        start = k;
      }
      if (new_paragraph) ++paragraph;
      if (gap.newlines > 0) line_start = k;
      paragraph_ = paragraph;
      if (break_at <= k) break_at = TerminalBreak(start, k);
    }
    Close(start, n, false);
  }

 private:
  struct Gap {
    int newlines = 0;
    bool indent = false;  // the last line break is followed by 2+ blanks or a tab
  };

  Gap GapBefore(std::size_t k) const {
    Gap g;
    int blanks = 0;
    for (std::size_t i = tokens_[k - 1].end; i < tokens_[k].begin; ++i) {
      const char c = s_[i];
      if (c == '\n') {
        ++g.newlines;
        blanks = 0;
      } else if (c == '\t') {
        blanks += 2;
      } else if (c == ' ') {
        ++blanks;
      } else if (c == '\r') {
        // CRLF counts as one break.
      }
    }
    g.indent = g.newlines > 0 && blanks >= 2;
    return g;
  }

  void Close(std::size_t first, std::size_t end, bool forced) {
    if (end <= first) return;
    Sentence st;
    st.first_token = static_cast<std::uint32_t>(first);
    st.token_count = static_cast<std::uint32_t>(end - first);
    st.begin = tokens_[first].begin;
    st.end = tokens_[end - 1].end;
    st.paragraph = paragraph_;
    st.forced_break = forced;
    st.table_row = LaidOutAsATable(first, end);
    doc_->sentences.push_back(st);
  }

  // Two gaps of three blanks or more between tokens of one line.
  bool LaidOutAsATable(std::size_t first, std::size_t end) const {
    int wide_gaps = 0;
    for (std::size_t k = first + 1; k < end && wide_gaps < 2; ++k) {
      int blanks = 0;
      bool newline = false;
      for (std::size_t i = tokens_[k - 1].end; i < tokens_[k].begin; ++i) {
        newline |= s_[i] == '\n';
        blanks += s_[i] == ' ' ? 1 : s_[i] == '\t' ? 3 : 0;
      }
      if (!newline && blanks >= 3) ++wide_gaps;
    }
    return wide_gaps >= 2;
  }

  std::string_view Text(std::size_t k) const {
    return s_.substr(tokens_[k].begin, tokens_[k].size());
  }

  bool IsPunct(std::size_t k, std::string_view p) const {
    return tokens_[k].kind == TokenKind::kPunct && Text(k) == p;
  }

  bool StartsLower(std::size_t k) const {
    const Token& t = tokens_[k];
    if (t.kind != TokenKind::kWord) return false;
    return IsLower(Decode(s_, t.begin).c);
  }

  bool IsClosingQuote(std::size_t k) const {
    const Token& t = tokens_[k];
    if (t.kind != TokenKind::kQuote) return false;
    const UChar32 c = Decode(s_, t.begin).c;
    if (c == 0x201D || c == 0x2019 || c == 0x00BB || c == 0x203A) return true;
    return (c == '"' || c == '\'' || c == '`') && !(t.flags & kSpaceBefore);
  }

  bool IsBullet(std::size_t k) const {
    const Token& t = tokens_[k];
    if (k + 1 >= tokens_.size()) return false;
    const std::string_view x = Text(k);
    const bool space_after = tokens_[k + 1].flags & kSpaceBefore;
    if (space_after && x.size() <= 3 &&
        (x == "-" || x == "*" || x == "\xE2\x80\xA2" /* • */ || x == "\xC2\xB7" /* · */ ||
         x == "\xE2\x80\x93" /* – */ || x == "\xE2\x80\x94" /* — */ ||
         x == "\xE2\x96\xAA" /* ▪ */ || x == "\xE2\x80\xA3" /* ‣ */)) {
      return true;
    }
    // "1." / "1)" / "a)" numbering.
    if ((t.kind == TokenKind::kNumber || (t.kind == TokenKind::kWord && t.size() == 1)) &&
        k + 2 < tokens_.size() && (IsPunct(k + 1, ".") || IsPunct(k + 1, ")")) &&
        !(tokens_[k + 1].flags & kSpaceBefore) && (tokens_[k + 2].flags & kSpaceBefore)) {
      return true;
    }
    return false;
  }

  // A single newline before token k: does the previous line end a sentence?
  // Bullets start their own sentence; a short title-case line that is a whole
  // sentence so far (a headline) ends before a capitalised line.
  bool LineBreakEndsSentence(std::size_t start, std::size_t line_start, std::size_t k) const {
    if (IsBullet(k)) return true;
    if (line_start != start || k - line_start > 20) return false;
    if (IsBullet(line_start)) {
      const Token& t = tokens_[k];
      return (t.flags & kCapitalized) || t.kind == TokenKind::kQuote;
    }
    const Token& last = tokens_[k - 1];
    if (last.kind == TokenKind::kPunct || last.kind == TokenKind::kSymbol) return false;
    const Token& next = tokens_[k];
    if (!(next.flags & kCapitalized) && next.kind != TokenKind::kNumber &&
        next.kind != TokenKind::kQuote) {
      return false;
    }
    if (line_start == 0 && IsLeadHeadline(k)) return true;
    int words = 0;
    for (std::size_t i = line_start; i < k; ++i) {
      const Token& t = tokens_[i];
      if (t.kind != TokenKind::kWord) continue;
      ++words;
      if (t.flags & kCapitalized) continue;
      if (i != line_start && IsHeadlineSmallWord(Text(i))) continue;
      return false;
    }
    return words > 0 && (tokens_[line_start].flags & kCapitalized);
  }

  // Whether the period at token k joins two sentences with no space: a word
  // of three letters or more ending in lower case before it, a capitalised
  // word (not all capitals) after it ("Lagos.Rebels", "end.Start").
  bool GluedSentences(std::size_t k) const {
    if (k == 0 || k + 1 >= tokens_.size() || (tokens_[k].flags & kSpaceBefore)) return false;
    const Token& before = tokens_[k - 1];
    const Token& after = tokens_[k + 1];
    if (before.kind != TokenKind::kWord || after.kind != TokenKind::kWord) return false;
    if (before.size() < 3 || after.size() < 2 || !(after.flags & kCapitalized) ||
        (after.flags & kAllCaps))
      return false;
    static constexpr std::string_view kDomains[] = {"com", "net", "org", "gov", "edu", "info",
                                                    "co",  "io",  "uk",  "us",  "biz"};
    const std::string_view w = s_.substr(after.begin, after.size());
    for (std::string_view d : kDomains)
      if (EqualsLower(w, 0, w.size(), d)) return false;  // "Reuters.Com"
    // "www.DearAbby.com": another period right after the word.
    if (k + 2 < tokens_.size() && IsPunct(k + 2, ".") && !(tokens_[k + 2].flags & kSpaceBefore))
      return false;
    const char last = s_[before.end - 1];
    return IsAsciiAlpha(last) && !(last >= 'A' && last <= 'Z');
  }

  // The text's first line, before token k, as a headline in sentence case run
  // into the body by one newline ("Rebels kill five soldiers in Mali\nRebels
  // attacked ..."): at most 15 words, and the next line at least twice as
  // long and longer than text wrapped at a fixed width ever is (100 bytes;
  // Reuters wraps at 65: "McLean Industries Inc's United\nStates Lines").
  bool IsLeadHeadline(std::size_t k) const {
    int words = 0;
    for (std::size_t i = 0; i < k; ++i) words += tokens_[i].kind == TokenKind::kWord;
    if (words == 0 || words > 15 || !(tokens_[0].flags & kCapitalized)) return false;
    const std::size_t line_len = tokens_[k - 1].end - tokens_[0].begin;
    std::size_t next_end = s_.find('\n', tokens_[k].begin);
    if (next_end == std::string_view::npos) next_end = s_.size();
    const std::size_t next_len = next_end - tokens_[k].begin;
    return next_len >= 2 * line_len && next_len > kWrapWidth;
  }

  // If token k ends a sentence candidate (". ? ! ..." or an abbreviation
  // ending with a period), returns the index of the token where the next
  // sentence begins; else 0.
  std::size_t TerminalBreak(std::size_t start, std::size_t k) const {
    const std::size_t n = tokens_.size();
    const Token& t = tokens_[k];
    const std::string_view x = Text(k);
    enum { kPeriod, kEllipsis, kAbbrev } what;
    if (t.kind == TokenKind::kPunct) {
      if (x == "." || x[0] == '?' || x[0] == '!') {
        what = kPeriod;
        // "1." numbering at the start of a line is not an end.
        if (x == "." && k == start + 1 && tokens_[start].kind == TokenKind::kNumber) return 0;
      } else if ((x.size() >= 2 && x[0] == '.') || x == "\xE2\x80\xA6") {
        what = kEllipsis;
      } else {
        return 0;
      }
    } else if (t.kind == TokenKind::kWord && x.size() > 1 && x.back() == '.') {
      what = kAbbrev;
    } else {
      return 0;
    }
    std::size_t j = k + 1;
    while (j < n && !(tokens_[j].flags & kSpaceBefore) &&
           (IsClosingQuote(j) || IsPunct(j, ")") || IsPunct(j, "]"))) {
      ++j;
    }
    if (j >= n) return 0;
    const Token& next = tokens_[j];
    switch (what) {
      case kPeriod: {
        if (StartsLower(j)) return 0;
        // "<RHON.PA>", "reuters.com": no space after the period, no end;
        // but "in Lagos.Rebels attacked" is two sentences glued together.
        if (j == k + 1 && !(next.flags & kSpaceBefore) && !GluedSentences(k)) return 0;
        if (next.kind == TokenKind::kPunct) {
          const std::string_view y = Text(j);
          if (y == "," || y == ";" || y == ":" || y == ")" || y == "]" || y == "-" || y == "--" ||
              y == "." || y[0] == '?' || y[0] == '!') {
            return 0;
          }
        }
        return j;
      }
      case kEllipsis: {
        if (next.flags & kCapitalized) return j;
        if (next.kind == TokenKind::kQuote && j + 1 < n && (tokens_[j + 1].flags & kCapitalized)) {
          return j;
        }
        return 0;
      }
      case kAbbrev: {
        const std::string_view w = x.substr(0, x.size() - 1);
        const bool acronym = w.find('.') != std::string_view::npos || w.size() == 1;
        if (!acronym && AbbreviationOf(w) != AbbrevKind::kMayEnd) return 0;
        if (acronym && (EqualsLower(w, 0, w.size(), "e.g") || EqualsLower(w, 0, w.size(), "i.e"))) {
          return 0;
        }
        if (next.kind == TokenKind::kWord && IsStarter(Text(j))) return j;
        return 0;
      }
    }
    return 0;
  }

  std::string_view s_;
  std::uint32_t max_tokens_;
  Document* doc_;
  const std::vector<Token>& tokens_;
  std::uint32_t paragraph_ = 0;
};

}  // namespace

Status SplitText(std::string_view body, const TextOptions& options, Document* doc) {
  if (doc == nullptr) return InvalidArgument("SplitText: doc is null");
  doc->Clear();
  if (body.size() >= (std::uint64_t{1} << 32)) {
    return LimitExceeded("SplitText: body of " + std::to_string(body.size()) +
                         " bytes exceeds the 4 GiB offset limit");
  }
  if (options.max_tokens_per_sentence == 0) {
    return InvalidArgument("SplitText: max_tokens_per_sentence must be at least 1");
  }
  doc->body = body;
  if (doc->tokens.capacity() < body.size() / 5) doc->tokens.reserve(body.size() / 5 + 16);
  Tokenizer(body, &doc->tokens).Run();
  Splitter(body, options, doc).Run();
  return Status::Ok();
}

}  // namespace dyad
