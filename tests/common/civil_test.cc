// Calendar days (src/common/civil.h): known dates, round trips, roll-over.
#include "common/civil.h"

#include <gtest/gtest.h>

namespace dyad::civil {
namespace {

TEST(CivilTest, KnownDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 2, 29), 11016);
  EXPECT_EQ(DaysFromCivil(2025, 5, 7), 20215);
  EXPECT_EQ(DaysFromCivil(1600, 3, 1), -135080);
}

TEST(CivilTest, RoundTripsEveryDayOverFourCenturies) {
  for (std::int64_t z = -146097 * 2; z <= 146097 * 2; ++z) {
    const Ymd d = CivilFromDays(z);
    ASSERT_EQ(DaysFromCivil(d.year, d.month, d.day), z) << d.year << "-" << d.month << "-" << d.day;
    ASSERT_GE(d.month, 1);
    ASSERT_LE(d.month, 12);
  }
}

TEST(CivilTest, OutOfRangeValuesRollOver) {
  EXPECT_EQ(DaysFromCivil(2025, 0, 1), DaysFromCivil(2024, 12, 1));
  EXPECT_EQ(DaysFromCivil(2025, 13, 1), DaysFromCivil(2026, 1, 1));
  EXPECT_EQ(DaysFromCivil(2025, 3, 0), DaysFromCivil(2025, 2, 28));
  EXPECT_EQ(DaysFromCivil(2024, 1, 32), DaysFromCivil(2024, 2, 1));
  EXPECT_EQ(DaysFromCivil(2025, -11, 1), DaysFromCivil(2024, 1, 1));
}

}  // namespace
}  // namespace dyad::civil
