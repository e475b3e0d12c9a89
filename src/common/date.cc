#include "dyad/date.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>

namespace dyad {
namespace {

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[static_cast<std::size_t>(m - 1)];
}

// The three numbers of "YYYY-MM-DD" at the start of `t`, if well formed.
bool SplitIso(std::string_view t, int v[3]) {
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') return false;
  const std::size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    v[k] = 0;
    for (std::size_t j = 0; j < lens[k]; ++j) {
      const char c = t[starts[k] + j];
      if (c < '0' || c > '9') return false;
      v[k] = v[k] * 10 + (c - '0');
    }
  }
  return true;
}

std::string Shown(std::string_view v) {
  std::string out = "\"";
  for (char c : v.substr(0, 40)) {
    out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  }
  return out + (v.size() > 40 ? "...\"" : "\"");
}

}  // namespace

bool IsRealDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

std::optional<CivilDate> ParseIsoDate(std::string_view t) {
  int v[3];
  if (!SplitIso(t, v)) return std::nullopt;
  if (t.size() > 10 && t[10] != 'T' && t[10] != ' ') return std::nullopt;
  if (!IsRealDate(v[0], v[1], v[2])) return std::nullopt;
  return CivilDate{v[0], v[1], v[2]};
}

bool IsIsoDate(std::string_view text) { return text.size() == 10 && ParseIsoDate(text); }

Status CheckIsoDate(std::string_view text, std::string_view what) {
  const std::string prefix = what.empty() ? std::string() : std::string(what) + ": ";
  int v[3];
  if (text.size() != 10 || !SplitIso(text, v)) {
    return InvalidArgument(prefix + "expected a date YYYY-MM-DD, got " + Shown(text));
  }
  if (v[1] < 1 || v[1] > 12) {
    return InvalidArgument(prefix + Shown(text) + " is not a real date (month " +
                           std::to_string(v[1]) + " is not 1-12)");
  }
  if (!IsRealDate(v[0], v[1], v[2])) {
    return InvalidArgument(prefix + Shown(text) + " is not a real date (" + std::to_string(v[0]) +
                           "-" + std::string(text.substr(5, 2)) + " has " +
                           std::to_string(v[0] >= 1 ? DaysInMonth(v[0], v[1]) : 0) + " days)");
  }
  return Status::Ok();
}

std::string FormatIsoDate(const CivilDate& d) {
  const int y = std::clamp(d.year, 0, 9999), m = std::clamp(d.month, 0, 99),
            day = std::clamp(d.day, 0, 99);
  std::string out = "0000-00-00";
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

std::string FormatDateAtPrecision(std::string_view value, std::string_view precision) {
  std::optional<CivilDate> d = ParseIsoDate(value);
  if (!d) return std::string(value);
  if (precision.empty() || precision == "day") return FormatIsoDate(*d);
  if (precision == "month") return FormatIsoDate(*d).substr(0, 7);
  if (precision == "year") return FormatIsoDate(*d).substr(0, 4);
  if (precision != "week") return std::string(value);
  // ISO 8601 week: the week (Monday first) holding the year's first Thursday is week 1.
  using namespace std::chrono;
  const sys_days day{year{d->year} / month{static_cast<unsigned>(d->month)} /
                     std::chrono::day{static_cast<unsigned>(d->day)}};
  const int iso_weekday = static_cast<int>(weekday{day}.iso_encoding());  // 1 = Monday
  const sys_days thursday = day + days{4 - iso_weekday};
  const year iso_year = year_month_day{thursday}.year();
  const int week = static_cast<int>((thursday - sys_days{iso_year / January / 1}).count() / 7 + 1);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(iso_year), week);
  return buf;
}

}  // namespace dyad
