// Copyright dyad authors. Publication-date normalisation for ingest.
#ifndef DYAD_INGEST_DATE_H_
#define DYAD_INGEST_DATE_H_

#include <string>
#include <string_view>

namespace dyad::ingest {

// Returns the calendar date in `s` as YYYY-MM-DD, or "" when `s` is not a
// date dyad understands. Accepted (leading/trailing text after the date is
// ignored, the date is taken as written, time zones are not converted):
//   2025-05-07, 2025-05-07T14:03:00Z, 2025-05-07 14:03:00, 2025/05/07,
//   20150806, 20170306040348 (WARC 14-digit), 26-FEB-1987 15:01:01.79 (Reuters),
//   Fri, 03 Jan 2014 03:03:21 GMT (RFC 1123), 7 May 2025, May 7, 2025.
std::string NormalizeDate(std::string_view s);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_DATE_H_
