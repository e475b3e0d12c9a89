// Copyright dyad authors. ISO calendar dates: the one parser and validator of
// the project (CLI options, input records, the store, the API, the stages).
//
// A date is real when its month is 1-12 and its day exists in that month of the
// proleptic Gregorian calendar (2024-02-29 is, 2025-02-30 and 2025-13-01 are not),
// with a year of 1-9999.
//
// Thread-safety: pure functions.
#ifndef DYAD_DATE_H_
#define DYAD_DATE_H_

#include <optional>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad {

// A calendar date (proleptic Gregorian).
struct CivilDate {
  int year = 0, month = 0, day = 0;  // month 1-12, day 1-31
  bool valid() const { return year > 0; }
};

// True when year-month-day is a real calendar date (see above).
bool IsRealDate(int year, int month, int day);

// Parses "YYYY-MM-DD", also followed by 'T' or ' ' and a time
// ("2025-05-07T14:03:00Z"); nullopt unless it is a real date.
std::optional<CivilDate> ParseIsoDate(std::string_view text);

// True when `text` is exactly "YYYY-MM-DD" and a real date.
bool IsIsoDate(std::string_view text);

// Ok when `text` is exactly "YYYY-MM-DD" and a real date; else kInvalidArgument
// naming `what` (an option or field name) and the value, e.g.
// `--date: "2025-02-30" is not a real date (2025-02 has 28 days)`; an empty
// `what` leaves the name out (CLI11 adds the option's own).
Status CheckIsoDate(std::string_view text, std::string_view what);

// "YYYY-MM-DD" (fields clamped to 4 and 2 digits).
std::string FormatIsoDate(const CivilDate& d);

// A date shown at its precision, in ISO 8601 notation: "day" (or empty)
// "2025-05-07", "week" "2025-W19" (the ISO week holding the date), "month"
// "2025-05", "year" "2025" -- so a month never reads as its first day. A value
// that is not a real date, or an unknown precision, is returned as is.
std::string FormatDateAtPrecision(std::string_view value, std::string_view precision);

}  // namespace dyad

#endif  // DYAD_DATE_H_
