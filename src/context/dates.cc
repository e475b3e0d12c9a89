// Copyright dyad authors. Date expressions of news text, resolved against the
// publication date (docs/formats/context.md, "date").
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/civil.h"
#include "context/words.h"
#include "dyad/context.h"

namespace dyad {
namespace {

std::int64_t DaysFromCivil(int y, int m, int d) { return civil::DaysFromCivil(y, m, d); }

CivilDate CivilFromDays(std::int64_t z) {
  const civil::Ymd d = civil::CivilFromDays(z);
  return {d.year, d.month, d.day};
}

std::int64_t Days(const CivilDate& d) { return DaysFromCivil(d.year, d.month, d.day); }
int Weekday(std::int64_t days) { return static_cast<int>(((days % 7) + 10) % 7); }  // 0 = Monday

bool ValidDate(int y, int m, int d) { return IsRealDate(y, m, d); }

// Days of month m (1-12) of year y: the day before the 1st of the next month.
int DaysInMonth(int y, int m) {
  return static_cast<int>(DaysFromCivil(y, m + 1, 1) - DaysFromCivil(y, m, 1));
}

CivilDate AddMonths(CivilDate d, int months) {
  int idx = d.year * 12 + (d.month - 1) + months;
  return {idx / 12, idx % 12 + 1, 1};
}

// Month names and their abbreviations -> 1..12; 0 if none.
int MonthNumber(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kFull = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  static constexpr std::array<std::string_view, 12> kShort = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (int i = 0; i < 12; ++i) {
    if (EqualsLower(w, kFull[static_cast<std::size_t>(i)])) return i + 1;
    if (EqualsLower(w, kShort[static_cast<std::size_t>(i)])) return i + 1;
  }
  if (EqualsLower(w, "sept")) return 9;
  return 0;
}

// Weekday names -> 0 (Monday) .. 6; -1 if none.
int WeekdayNumber(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i)
    if (EqualsLower(w, kNames[static_cast<std::size_t>(i)])) return i;
  return -1;
}

int SmallNumber(std::string_view w) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "zero",  "one",   "two",  "three", "four",   "five",  "six",
      "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  for (int i = 0; i < 13; ++i)
    if (EqualsLower(w, kWords[static_cast<std::size_t>(i)])) return i;
  if (EqualsLower(w, "a") || EqualsLower(w, "an")) return 1;
  int v = 0;
  if (w.empty() || w.size() > 3) return -1;
  for (char c : w) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Day of month: "6", "6th", "21st"; 0 if not.
int DayNumber(std::string_view w) {
  std::size_t n = 0;
  int v = 0;
  while (n < w.size() && n < 2 && w[n] >= '0' && w[n] <= '9') v = v * 10 + (w[n++] - '0');
  if (n == 0) return 0;
  std::string_view rest = w.substr(n);
  if (!rest.empty() && !EqualsLower(rest, "st") && !EqualsLower(rest, "nd") &&
      !EqualsLower(rest, "rd") && !EqualsLower(rest, "th"))
    return 0;
  return v >= 1 && v <= 31 ? v : 0;
}

int YearNumber(std::string_view w) {
  if (w.size() != 4) return 0;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 1800 && v <= 2200 ? v : 0;
}

bool IsYearCue(std::string_view w) {
  static constexpr std::array<std::string_view, 16> kCues = {
      "in", "since", "during", "the",    "of",    "until", "till",  "from",
      "by", "early", "late",   "before", "after", "mid",   "since", "between"};
  for (std::string_view c : kCues)
    if (EqualsLower(w, c)) return true;
  return false;
}

bool IsMonthCue(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kCues = {
      "in",    "since", "during", "until",  "till",  "from",  "by",
      "early", "late",  "mid",    "before", "after", "since", "through"};
  for (std::string_view c : kCues)
    if (EqualsLower(w, c)) return true;
  return false;
}

// How many days ahead of publication a day named without a year is still the
// coming one rather than last year's (and, for a planned event, how many days
// back it is still the recent one rather than next year's).
constexpr std::int64_t kComingDays = 31;

class Resolver {
 public:
  Resolver(std::string_view text, const CivilDate& pub, bool future)
      : text_(text), pub_(pub), future_(future), words_(ScanWords(text)) {}

  std::vector<DateMention> Run() {
    std::vector<DateMention> out;
    const std::size_t n = words_.size();
    for (std::size_t i = 0; i < n;) {
      std::size_t used = TryAt(i, &out);
      i += used ? used : 1;
    }
    return out;
  }

 private:
  std::string_view W(std::size_t i) const {
    return i < words_.size() ? words_[i].text : std::string_view();
  }
  bool Cap(std::size_t i) const { return i < words_.size() && IsUpperAscii(words_[i].text[0]); }

  void Emit(std::size_t first, std::size_t last, CivilDate value, std::string_view precision,
            CivilDate last_day, std::vector<DateMention>* out) const {
    if (!value.valid()) return;
    DateMention m;
    m.begin = words_[first].begin;
    m.end = words_[last].end;
    m.date.value = FormatIsoDate(value);
    m.date.precision = std::string(precision);
    m.date.text = std::string(text_.substr(m.begin, m.end - m.begin));
    m.last_day = last_day;
    out->push_back(std::move(m));
  }
  void EmitDay(std::size_t f, std::size_t l, std::int64_t days,
               std::vector<DateMention>* out) const {
    CivilDate d = CivilFromDays(days);
    Emit(f, l, d, "day", d, out);
  }
  void EmitWeek(std::size_t f, std::size_t l, std::int64_t days,
                std::vector<DateMention>* out) const {
    std::int64_t monday = days - Weekday(days);
    Emit(f, l, CivilFromDays(monday), "week", CivilFromDays(monday + 6), out);
  }
  void EmitMonth(std::size_t f, std::size_t l, CivilDate first,
                 std::vector<DateMention>* out) const {
    CivilDate last{first.year, first.month, DaysInMonth(first.year, first.month)};
    Emit(f, l, first, "month", last, out);
  }
  void EmitYear(std::size_t f, std::size_t l, int year, std::vector<DateMention>* out) const {
    Emit(f, l, CivilDate{year, 1, 1}, "year", CivilDate{year, 12, 31}, out);
  }

  // Year for a month (and day) named without one.
  int YearFor(int month, int day) const {
    if (!pub_.valid()) return 0;
    int d = day ? day : 1;
    if (future_) {
      bool ahead = month > pub_.month || (month == pub_.month && (day == 0 || d >= pub_.day));
      if (ahead) return pub_.year;
      // A day a few weeks back is a recent one even in a sentence about a plan
      // ("a statement published Oct. 25 said the UN plans to", written 20
      // November), not the same day eleven months ahead.
      const CivilDate behind{pub_.year, month, std::min(d, DaysInMonth(pub_.year, month))};
      return day && Days(pub_) - Days(behind) <= kComingDays ? pub_.year : pub_.year + 1;
    }
    bool behind = month < pub_.month || (month == pub_.month && (day == 0 || d <= pub_.day));
    // A month named without a day one or two months ahead is the coming one
    // ("a meeting for October", written 26 September), even across a new year.
    const int months_ahead = (month - pub_.month + 12) % 12;
    if (!day && months_ahead >= 1 && months_ahead <= 2)
      return month > pub_.month ? pub_.year : pub_.year + 1;
    if (behind) return pub_.year;
    // A day a few weeks ahead is the coming one ("ahead of the 7 November
    // run-off", written on 2 November), not last year's.
    const CivilDate ahead{pub_.year, month, std::min(d, DaysInMonth(pub_.year, month))};
    return day && Days(ahead) - Days(pub_) <= kComingDays ? pub_.year : pub_.year - 1;
  }

  // Returns how many words the expression at i used (0: none).
  std::size_t TryAt(std::size_t i, std::vector<DateMention>* out) const {
    std::string_view w = W(i);
    const bool have_pub = pub_.valid();
    const std::int64_t pub_days = have_pub ? Days(pub_) : 0;

    // ISO date 2025-05-06.
    if (w.size() == 10 && w[4] == '-' && w[7] == '-') {
      if (auto d = ParseIsoDate(w)) {
        Emit(i, i, *d, "day", *d, out);
        return 1;
      }
    }
    // Month name: "May 6", "May 6, 2025", "March 2024", "in March".
    if (int month = MonthNumber(w); month && Cap(i)) {
      // "May" the modal: only with a day or year after it, or a cue before it.
      const std::size_t j = W(i + 1) == "." && w.size() <= 4 ? i + 2 : i + 1;  // "Sept. 12"
      int day = DayNumber(W(j));
      if (day) {
        std::size_t last = j;
        int year = 0;
        if (W(j + 1) == "," && YearNumber(W(j + 2))) {
          year = YearNumber(W(j + 2));
          last = j + 2;
        } else if (YearNumber(W(j + 1))) {
          year = YearNumber(W(j + 1));
          last = j + 1;
        }
        if (!year) year = YearFor(month, day);
        if (year && ValidDate(year, month, day)) {
          CivilDate d{year, month, day};
          Emit(i, last, d, "day", d, out);
        }
        return last - i + 1;
      }
      if (int year = YearNumber(W(i + 1))) {
        EmitMonth(i, i + 1, CivilDate{year, month, 1}, out);
        return 2;
      }
      std::string_view prev = i > 0 ? W(i - 1) : std::string_view();
      if (IsMonthCue(prev) || (month != 5 && i > 0)) {
        if (int year = YearFor(month, 0)) EmitMonth(i, i, CivilDate{year, month, 1}, out);
        return 1;
      }
    }
    // Day Month [Year]: "6 May 2025".
    if (int day = DayNumber(w); day && !W(i + 1).empty()) {
      if (int month = MonthNumber(W(i + 1)); month && Cap(i + 1)) {
        const std::size_t j = W(i + 2) == "." && W(i + 1).size() <= 4 ? i + 3 : i + 2;
        int year = YearNumber(W(j));
        std::size_t last = year ? j : i + 1;
        if (!year) year = YearFor(month, day);
        if (year && ValidDate(year, month, day)) {
          CivilDate d{year, month, day};
          Emit(i, last, d, "day", d, out);
        }
        return last - i + 1;
      }
    }
    // A year: "in 2011", "the 2011 overthrow".
    if (int year = YearNumber(w)) {
      std::string_view prev = i > 0 ? W(i - 1) : std::string_view();
      if (IsYearCue(prev) || (i + 1 < words_.size() && EqualsLower(W(i + 1), "'s"))) {
        EmitYear(i, i, year, out);
        return 1;
      }
      return 1;
    }
    if (!have_pub) return 0;
    // Weekdays: "on Saturday", "last Friday", "next Monday".
    if (int wd = WeekdayNumber(w); wd >= 0 && Cap(i)) {
      std::string_view prev = i > 0 ? W(i - 1) : std::string_view();
      const int pub_wd = Weekday(pub_days);
      std::size_t first = i;
      bool forward = future_;
      bool strict = false;
      if (EqualsLower(prev, "last") || EqualsLower(prev, "past")) {
        forward = false;
        strict = true;
        first = i - 1;
      } else if (EqualsLower(prev, "next") || EqualsLower(prev, "coming")) {
        forward = true;
        strict = true;
        first = i - 1;
      } else if (EqualsLower(prev, "this") || EqualsLower(prev, "on")) {
        first = i - 1;
      }
      std::int64_t delta;
      if (forward) {
        delta = (wd - pub_wd + 7) % 7;
        if (strict && delta == 0) delta = 7;
      } else {
        delta = -((pub_wd - wd + 7) % 7);
        if (strict && delta == 0) delta = -7;
      }
      EmitDay(first, i, pub_days + delta, out);
      return 1;
    }
    if (EqualsLower(w, "yesterday")) {
      EmitDay(i, i, pub_days - 1, out);
      return 1;
    }
    if (EqualsLower(w, "today") || EqualsLower(w, "tonight")) {
      EmitDay(i, i, pub_days, out);
      return 1;
    }
    if (EqualsLower(w, "tomorrow")) {
      EmitDay(i, i, pub_days + 1, out);
      return 1;
    }
    // this/last/next + week/month/year/morning/night; "earlier this year".
    const bool is_this = EqualsLower(w, "this");
    const bool is_last = EqualsLower(w, "last") || EqualsLower(w, "past");
    const bool is_next = EqualsLower(w, "next") || EqualsLower(w, "coming");
    if (is_this || is_last || is_next) {
      std::string_view unit = W(i + 1);
      std::size_t first = i;
      if (i > 0 && (EqualsLower(W(i - 1), "earlier") || EqualsLower(W(i - 1), "later")) && is_this)
        first = i - 1;
      const int step = is_this ? 0 : (is_last ? -1 : 1);
      if (EqualsLower(unit, "week") || EqualsLower(unit, "weekend")) {
        std::int64_t d = pub_days + 7 * step;
        if (EqualsLower(unit, "weekend")) {
          // The Saturday of that week.
          EmitDay(first, i + 1, d - Weekday(d) + 5, out);
        } else {
          EmitWeek(first, i + 1, d, out);
        }
        return 2;
      }
      if (EqualsLower(unit, "month")) {
        EmitMonth(first, i + 1, AddMonths(pub_, step), out);
        return 2;
      }
      if (EqualsLower(unit, "year")) {
        EmitYear(first, i + 1, pub_.year + step, out);
        return 2;
      }
      if (is_this && (EqualsLower(unit, "morning") || EqualsLower(unit, "afternoon") ||
                      EqualsLower(unit, "evening"))) {
        EmitDay(i, i + 1, pub_days, out);
        return 2;
      }
      if (is_last && (EqualsLower(unit, "night") || EqualsLower(unit, "evening"))) {
        EmitDay(i, i + 1, pub_days - 1, out);
        return 2;
      }
    }
    // "three days ago", "a week ago".
    if (int n = SmallNumber(w); n > 0 && EqualsLower(W(i + 2), "ago")) {
      std::string_view unit = W(i + 1);
      if (unit.size() > 1 && (unit.back() == 's' || unit.back() == 'S')) unit.remove_suffix(1);
      if (EqualsLower(unit, "day")) {
        EmitDay(i, i + 2, pub_days - n, out);
      } else if (EqualsLower(unit, "week")) {
        EmitWeek(i, i + 2, pub_days - 7 * n, out);
      } else if (EqualsLower(unit, "month")) {
        EmitMonth(i, i + 2, AddMonths(pub_, -n), out);
      } else if (EqualsLower(unit, "year")) {
        EmitYear(i, i + 2, pub_.year - n, out);
      }
      return 3;
    }
    return 0;
  }

  std::string_view text_;
  CivilDate pub_;
  bool future_;
  std::vector<Word> words_;
};

}  // namespace

std::int64_t DaysBetween(const CivilDate& a, const CivilDate& b) { return Days(b) - Days(a); }

std::vector<DateMention> FindDates(std::string_view text, const CivilDate& publication,
                                   bool future) {
  return Resolver(text, publication, future).Run();
}

std::optional<CivilDate> DatelineDate(std::string_view body, int year_hint) {
  // A dateline is the first line's opening: upper-case place words, a comma,
  // a month and day, and a dash or "(Agency) -" within the first ~80 bytes.
  std::string_view head = body.substr(0, std::min<std::size_t>(body.size(), 120));
  std::size_t dash = head.find(" - ");
  if (dash == std::string_view::npos) dash = head.find(" \xE2\x80\x94 ");  // em dash
  if (dash == std::string_view::npos) dash = head.find(" \xE2\x80\x93 ");  // en dash
  if (dash == std::string_view::npos || dash > 100) return std::nullopt;
  std::size_t comma = head.find(',');
  if (comma == std::string_view::npos || comma > dash) return std::nullopt;
  // The place part must be written in capitals ("BAMAKO", "NEW YORK").
  bool upper = false;
  for (std::size_t i = 0; i < comma; ++i) {
    unsigned char c = static_cast<unsigned char>(head[i]);
    if (c >= 'a' && c <= 'z') return std::nullopt;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  if (!upper) return std::nullopt;
  std::vector<Word> words = ScanWords(head.substr(comma + 1, dash - comma - 1));
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    int month = MonthNumber(words[i].text);
    int day = DayNumber(words[i + 1].text);
    if (!month || !day) continue;
    int year = 0;
    if (i + 2 < words.size()) year = YearNumber(words[i + 2].text);
    if (!year && i + 3 < words.size() && words[i + 2].text == ",")
      year = YearNumber(words[i + 3].text);
    if (!year) year = year_hint;
    if (year && ValidDate(year, month, day)) return CivilDate{year, month, day};
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace dyad
