// The project's one ISO-date parser and validator (include/dyad/date.h).
#include "dyad/date.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(IsoDate, AcceptsOnlyRealCalendarDates) {
  EXPECT_TRUE(IsIsoDate("2025-05-07"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));   // leap year
  EXPECT_TRUE(IsIsoDate("2000-02-29"));   // divisible by 400
  EXPECT_FALSE(IsIsoDate("1900-02-29"));  // divisible by 100
  EXPECT_FALSE(IsIsoDate("2025-02-29"));
  EXPECT_FALSE(IsIsoDate("2025-02-30"));
  EXPECT_FALSE(IsIsoDate("2025-04-31"));
  EXPECT_FALSE(IsIsoDate("2025-13-45"));
  EXPECT_FALSE(IsIsoDate("2025-00-10"));
  EXPECT_FALSE(IsIsoDate("2025-01-00"));
  EXPECT_FALSE(IsIsoDate("0000-01-01"));
  EXPECT_FALSE(IsIsoDate("2025-5-7"));
  EXPECT_FALSE(IsIsoDate("2025-05-07T10:00"));  // exactly a date
  EXPECT_FALSE(IsIsoDate(""));
}

TEST(IsoDate, ParsesTimestampsButNotImpossibleDays) {
  auto d = ParseIsoDate("2025-05-07T14:03:00Z");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 2025);
  EXPECT_EQ(d->month, 5);
  EXPECT_EQ(d->day, 7);
  EXPECT_TRUE(ParseIsoDate("2025-05-07 14:03"));
  EXPECT_FALSE(ParseIsoDate("2025-05-07X"));
  EXPECT_FALSE(ParseIsoDate("2025-02-30T00:00:00Z"));
  EXPECT_EQ(FormatIsoDate(*d), "2025-05-07");
}

TEST(IsoDate, CheckNamesTheFieldAndWhyItIsWrong) {
  EXPECT_TRUE(CheckIsoDate("2025-05-07", "--date").ok());
  Status s = CheckIsoDate("2025-02-30", "--date");
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("--date"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("2025-02-30"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("28 days"), std::string::npos) << s.message();
  s = CheckIsoDate("2025-13-45", "--from");
  EXPECT_NE(s.message().find("month 13"), std::string::npos) << s.message();
  s = CheckIsoDate("May 7", "--to");
  EXPECT_NE(s.message().find("YYYY-MM-DD"), std::string::npos) << s.message();
}

TEST(IsoDate, ShowsADateAtItsPrecision) {
  EXPECT_EQ(FormatDateAtPrecision("2025-05-07", "day"), "2025-05-07");
  EXPECT_EQ(FormatDateAtPrecision("2025-05-07", ""), "2025-05-07");
  EXPECT_EQ(FormatDateAtPrecision("2025-05-01", "month"), "2025-05");
  EXPECT_EQ(FormatDateAtPrecision("2025-01-01", "year"), "2025");
  EXPECT_EQ(FormatDateAtPrecision("2025-05-05", "week"), "2025-W19");
  EXPECT_EQ(FormatDateAtPrecision("2024-12-30", "week"), "2025-W01");  // ISO year differs
  EXPECT_EQ(FormatDateAtPrecision("2021-01-03", "week"), "2020-W53");
  EXPECT_EQ(FormatDateAtPrecision("garbage", "month"), "garbage");
}

}  // namespace
}  // namespace dyad
