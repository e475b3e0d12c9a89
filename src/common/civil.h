// Calendar days for the stages that do date arithmetic (context, story):
// days since 1970-01-01 in the proleptic Gregorian calendar, by std::chrono.
#ifndef DYAD_COMMON_CIVIL_H_
#define DYAD_COMMON_CIVIL_H_

#include <chrono>
#include <cstdint>

namespace dyad::civil {

struct Ymd {
  int year, month, day;
};

// Days since 1970-01-01 of year-month-day. Out-of-range values roll over:
// month 0 is December of the year before, day 0 the last day of the month
// before, day 32 of January is February 1.
inline std::int64_t DaysFromCivil(std::int64_t y, int m, int d) {
  using namespace std::chrono;
  const std::int64_t m0 = m - 1;
  const std::int64_t carry = m0 >= 0 ? m0 / 12 : (m0 - 11) / 12;
  const auto mon = static_cast<unsigned>(m0 - carry * 12 + 1);
  const sys_days first{year{static_cast<int>(y + carry)} / month{mon} / day{1}};
  return (first + days{d - 1}).time_since_epoch().count();
}

inline Ymd CivilFromDays(std::int64_t days) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace dyad::civil

#endif  // DYAD_COMMON_CIVIL_H_
