// Copyright dyad authors.
#include "ingest/boilerplate.h"

#include <array>

#include "ingest/util.h"

namespace dyad::ingest {
namespace {

constexpr std::size_t kMaxUnit = 400;

// Whole-unit patterns, matched against the lower-cased unit.
constexpr std::string_view kPrefixes[] = {
    "sign up for",
    "sign up to",
    "subscribe to our",
    "subscribe now",
    "subscribe today",
    "subscribe for free",
    "subscribe here",
    "click here",
    "tap here",
    "follow us on",
    "follow us:",
    "like us on facebook",
    "read more:",
    "read more at",
    "read more here",
    "read also:",
    "also read:",
    "related:",
    "related articles",
    "related stories",
    "related coverage",
    "see also:",
    "recommended:",
    "more from ",
    "sponsored content",
    "sponsored by",
    "this article was produced by",
    "this article was originally published",
    "this article originally appeared",
    "this article first appeared",
    "this article was first published",
    "this story originally appeared",
    "this story first appeared",
    "this story was produced by",
    "this story was originally published",
    "originally published",
    "copyright \xc2\xa9",
    "copyright (c)",
    "copyright 19",
    "copyright 20",
    "\xc2\xa9 ",
    "(c) 19",
    "(c) 20",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via",
    "download our app",
    "get our newsletter",
    "get the latest news",
    "if you buy something",
    "if you purchase",
    "if you click on",
    "we may earn",
    "affiliate disclosure",
    "support our journalism",
    "become a member",
    "newsletter sign",
    "skip advertisement",
    "story continues below",
    "article continues below",
    "scroll to continue",
    "continue reading",
};

constexpr std::string_view kContains[] = {
    "all rights reserved",        "may earn a commission",       "may earn commission",
    "may earn an affiliate",      "may receive a commission",    "may receive compensation",
    "earn a small commission",    "affiliate commission",        "affiliate link",
    "sign up for our newsletter", "subscribe to our newsletter", "sign up for our free",
    "to our newsletter",
};

constexpr std::string_view kExact[] = {
    "advertisement", "advertisement.", "ad",        "subscribe",  "subscribe.",
    "share",         "tweet",          "email",     "print",      "comments",
    "share this",    "read more",      "sponsored", "newsletter",
};

constexpr std::string_view kShareWords[] = {
    "share",    "facebook",  "twitter", "x",         "email",  "e-mail",    "whatsapp",
    "linkedin", "print",     "tweet",   "pinterest", "reddit", "copy",      "link",
    "telegram", "messenger", "comment", "comments",  "save",   "flipboard", "mail",
    "sms",      "threads",   "bluesky", "on",        "via",
};

bool StartsWithAny(std::string_view s) {
  for (std::string_view p : kPrefixes) {
    if (p[0] == s[0] && s.size() >= p.size() && s.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

bool IsCreditLine(std::string_view s) {
  // Wire credit line: "(Reporting by X; Editing by Y)", "Writing by ...".
  bool paren = !s.empty() && s[0] == '(';
  if (paren) s.remove_prefix(1);
  static constexpr std::string_view kCredit[] = {"reporting by", "additional reporting by",
                                                 "writing by", "editing by", "compiled by"};
  bool starts = false;
  for (std::string_view p : kCredit) {
    if (s.substr(0, p.size()) == p) starts = true;
  }
  if (!starts || s.size() > 250) return false;
  return paren || s.find("editing by") != std::string_view::npos ||
         s.find(';') != std::string_view::npos || s.back() != '.';
}

bool IsShareButtons(std::string_view s) {
  int words = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '|' || s[i] == ',' || s[i] == '/' ||
                            s[i] == '\xb7' || s[i] == '\xc2'))
      ++i;
    if (i >= s.size()) break;
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '|' && s[i] != ',' && s[i] != '/') ++i;
    std::string_view w = s.substr(b, i - b);
    bool known = false;
    for (std::string_view k : kShareWords) {
      if (w == k) known = true;
    }
    if (!known) return false;
    ++words;
  }
  return words >= 2;
}

// `lower` is trimmed and lower-cased.
bool MatchLower(std::string_view s) {
  if (s.empty()) return false;
  for (std::string_view e : kExact) {
    if (s == e) return true;
  }
  if (s.size() <= 300 && StartsWithAny(s)) return true;
  // Every kContains pattern has one of these words; most lines have none.
  if (s.find("reserved") != std::string_view::npos ||
      s.find("commission") != std::string_view::npos ||
      s.find("affiliate") != std::string_view::npos ||
      s.find("newsletter") != std::string_view::npos ||
      s.find("compensation") != std::string_view::npos ||
      s.find("sign up") != std::string_view::npos) {
    for (std::string_view c : kContains) {
      if (s.find(c) != std::string_view::npos) return true;
    }
  }
  if (IsCreditLine(s)) return true;
  if (s.size() <= 120 && IsShareButtons(s)) return true;
  return false;
}

// Lower-cases `unit` into buf (with line breaks turned into spaces), strips
// leading bullets; returns the view, or an empty view when too long.
std::string_view LowerInto(std::string_view unit, std::array<char, kMaxUnit + 1>* buf) {
  unit = Trim(unit);
  while (!unit.empty() && (unit[0] == '*' || unit[0] == '-' || unit[0] == '>')) {
    unit.remove_prefix(1);
    unit = Trim(unit);
  }
  if (unit.empty() || unit.size() > kMaxUnit) return {};
  std::size_t n = 0;
  for (char c : unit) (*buf)[n++] = (c == '\n' || c == '\t' || c == '\r') ? ' ' : AsciiLowerChar(c);
  return std::string_view(buf->data(), n);
}

bool EndsSentence(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return true;
  char c = line.back();
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == ')' || c == ':' || c == '\'') {
    return true;
  }
  // Closing curly quotes (U+201D, U+2019).
  return line.size() >= 3 && line.compare(line.size() - 3, 2, "\xe2\x80") == 0 &&
         (line.back() == '\x9d' || line.back() == '\x99');
}

}  // namespace

bool IsBoilerplate(std::string_view unit) {
  std::array<char, kMaxUnit + 1> buf;
  return MatchLower(LowerInto(unit, &buf));
}

bool RemoveBoilerplateLines(std::string* body, std::vector<std::string>* removed) {
  struct Line {
    std::size_t begin, end;  // [begin, end) without the newline
    bool blank;
  };
  std::string_view text(*body);
  std::vector<Line> lines;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back({pos, nl, Trim(text.substr(pos, nl - pos)).empty()});
    pos = nl + 1;
  }
  std::vector<char> drop(lines.size(), 0);
  bool any = false;
  std::array<char, kMaxUnit + 1> buf;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].blank) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < lines.size() && !lines[j].blank) ++j;
    // Paragraph [i, j).
    std::string_view para = text.substr(lines[i].begin, lines[j - 1].end - lines[i].begin);
    if (para.size() <= kMaxUnit && MatchLower(LowerInto(para, &buf))) {
      for (std::size_t k = i; k < j; ++k) drop[k] = 1;
      removed->emplace_back(Trim(para));
      any = true;
    } else if (j - i > 1) {
      for (std::size_t k = i; k < j; ++k) {
        std::string_view line = text.substr(lines[k].begin, lines[k].end - lines[k].begin);
        bool starts_alone =
            k == i || drop[k - 1] ||
            EndsSentence(text.substr(lines[k - 1].begin, lines[k - 1].end - lines[k - 1].begin));
        if (!starts_alone) continue;
        bool ends_alone = k + 1 == j || EndsSentence(line);
        if (!ends_alone) continue;
        if (MatchLower(LowerInto(line, &buf))) {
          drop[k] = 1;
          removed->emplace_back(Trim(line));
          any = true;
        }
      }
    }
    i = j;
  }
  if (!any) return false;
  std::string out;
  out.reserve(body->size());
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (drop[k]) continue;
    out.append(text.substr(lines[k].begin, lines[k].end - lines[k].begin));
    out.push_back('\n');
  }
  body->swap(out);
  TidyParagraphs(body);
  return true;
}

}  // namespace dyad::ingest
