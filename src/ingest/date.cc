// Copyright dyad authors.
#include "ingest/date.h"

#include "dyad/date.h"
#include "ingest/util.h"

namespace dyad::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::string Format(int y, int m, int d) {
  // Years outside 1000-2999 are taken for misreadings, not news dates.
  if (y < 1000 || y > 2999 || !IsRealDate(y, m, d)) return "";
  return FormatIsoDate(CivilDate{y, m, d});
}

// "jan".."dec" (any case, full names accepted) -> 1..12, else 0.
int MonthFromName(std::string_view w) {
  static const char* kNames[] = {"january",   "february", "march",    "april",
                                 "may",       "june",     "july",     "august",
                                 "september", "october",  "november", "december"};
  if (w.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    std::string_view full(kNames[i]);
    if (IEquals(w, full) || (w.size() == 3 && IStartsWith(full, w)) ||
        (i == 8 && IEquals(w, "sept"))) {
      return i + 1;
    }
  }
  return 0;
}

}  // namespace

std::string NormalizeDate(std::string_view s) {
  s = Trim(s);
  if (s.size() < 6) return "";
  // ISO-like: YYYY-MM-DD / YYYY/MM/DD, optionally followed by time.
  int y = Digits(s, 0, 4);
  if (y >= 0 && s.size() >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
    int m = Digits(s, 5, 2), d = Digits(s, 8, 2);
    if (m > 0 && d > 0 && (s.size() == 10 || !IsDigit(s[10]))) return Format(y, m, d);
    return "";
  }
  // YYYYMMDD, possibly a 14-digit timestamp or followed by 'T'.
  if (y >= 0 && s.size() >= 8) {
    int m = Digits(s, 4, 2), d = Digits(s, 6, 2);
    if (m > 0 && d > 0) {
      std::size_t run = 8;
      while (run < s.size() && IsDigit(s[run])) ++run;
      if (run == 8 || run == 14) return Format(y, m, d);
    }
    return "";
  }
  // Word-based forms: split into tokens of letters / digits.
  std::string_view tok[6];
  int n = 0;
  std::size_t i = 0;
  // Skip a leading weekday ("Fri,").
  while (i < s.size() && n < 6) {
    while (i < s.size() && !IsDigit(s[i]) && !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')) ++i;
    if (i >= s.size()) break;
    std::size_t b = i;
    bool digit = IsDigit(s[i]);
    while (i < s.size() && (digit ? IsDigit(s[i]) : ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')))
      ++i;
    tok[n++] = s.substr(b, i - b);
  }
  auto num = [](std::string_view t) { return Digits(t, 0, t.size()); };
  for (int k = 0; k + 2 < n; ++k) {
    // D Mon YYYY  (also Reuters "26-FEB-1987" and RFC 1123)
    if (IsDigit(tok[k][0]) && tok[k].size() <= 2 && MonthFromName(tok[k + 1]) &&
        tok[k + 2].size() == 4 && IsDigit(tok[k + 2][0])) {
      return Format(num(tok[k + 2]), MonthFromName(tok[k + 1]), num(tok[k]));
    }
    // Mon D, YYYY
    if (MonthFromName(tok[k]) && IsDigit(tok[k + 1][0]) && tok[k + 1].size() <= 2 &&
        tok[k + 2].size() == 4 && IsDigit(tok[k + 2][0])) {
      return Format(num(tok[k + 2]), MonthFromName(tok[k]), num(tok[k + 1]));
    }
  }
  return "";
}

}  // namespace dyad::ingest
