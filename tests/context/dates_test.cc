// Copyright dyad authors. Date expressions resolved against the publication date.
#include <gtest/gtest.h>

#include "context_test_util.h"
#include "dyad/context.h"

namespace dyad {
namespace {

struct DateCase {
  const char* text;
  const char* pub;
  bool future;
  const char* value;
  const char* precision;
  const char* words;
};

// 2025-05-07 is a Wednesday; 2025-03-02 a Sunday; 2025-01-01 a Wednesday.
const DateCase kCases[] = {
    {"The talks took place on May 6.", "2025-05-07", false, "2025-05-06", "day", "May 6"},
    {"They met on 6 May 2025 in Rome.", "2025-05-07", false, "2025-05-06", "day", "6 May 2025"},
    {"Troops moved in on 2025-05-06, officials said.", "2025-05-07", false, "2025-05-06", "day",
     "2025-05-06"},
    {"The deal was signed May 6, 2024, in Cairo.", "2025-05-07", false, "2024-05-06", "day",
     "May 6, 2024"},
    {"Protests began in March.", "2025-05-07", false, "2025-03-01", "month", "March"},
    // A month without a day, one or two months ahead, is the coming one.
    {"Russia and Japan schedule a meeting for October.", "2012-09-26", false, "2012-10-01", "month",
     "October"},
    {"Talks are set for January.", "2012-12-10", false, "2013-01-01", "month", "January"},
    {"Elections are due in March.", "2025-05-07", true, "2026-03-01", "month", "March"},
    // A day named a few weeks back, in a sentence about a plan, is the recent one.
    {"A statement published Oct. 25 said the UN plans to return the refugees.", "2019-11-20", true,
     "2019-10-25", "day", "Oct. 25"},
    {"The vote will be held on 10 March.", "2025-05-07", true, "2026-03-10", "day", "10 March"},
    {"Police said the attack happened on Saturday.", "2025-05-07", false, "2025-05-03", "day",
     "on Saturday"},
    {"The minister will travel on Saturday.", "2025-05-07", true, "2025-05-10", "day",
     "on Saturday"},
    {"The flight could leave as soon as this week.", "2025-05-07", true, "2025-05-05", "week",
     "this week"},
    {"Rebels seized the town last week.", "2025-05-07", false, "2025-04-28", "week", "last week"},
    {"Talks resume next month.", "2025-05-07", true, "2025-06-01", "month", "next month"},
    {"Fighting intensified last month.", "2025-01-15", false, "2024-12-01", "month", "last month"},
    {"Gaddafi was overthrown in 2011.", "2025-05-07", false, "2011-01-01", "year", "2011"},
    {"The 2011 overthrow divided the country.", "2025-05-07", false, "2011-01-01", "year", "2011"},
    {"The ministry said earlier this year that it would act.", "2025-05-07", false, "2025-01-01",
     "year", "earlier this year"},
    {"The army shelled the city yesterday.", "2025-01-01", false, "2024-12-31", "day", "yesterday"},
    {"Clashes erupted yesterday.", "2024-03-01", false, "2024-02-29", "day", "yesterday"},
    {"Leaders meet today in Geneva.", "2025-05-07", false, "2025-05-07", "day", "today"},
    {"The president speaks tonight.", "2025-05-07", false, "2025-05-07", "day", "tonight"},
    {"Troops crossed the border on Friday.", "2025-03-02", false, "2025-02-28", "day", "on Friday"},
    {"The summit opens on Monday.", "2024-12-31", true, "2025-01-06", "day", "on Monday"},
    {"Protests erupted in December.", "2025-01-10", false, "2024-12-01", "month", "December"},
    {"The bombing happened three days ago.", "2025-03-02", false, "2025-02-27", "day",
     "three days ago"},
    {"He resigned last year.", "2025-05-07", false, "2024-01-01", "year", "last year"},
    {"The ceasefire collapsed last Wednesday.", "2025-05-07", false, "2025-04-30", "day",
     "last Wednesday"},
    {"Voters go to the polls next Wednesday.", "2025-05-07", true, "2025-05-14", "day",
     "next Wednesday"},
    {"The accord of 12 Sept. 2023 still holds.", "2025-05-07", false, "2023-09-12", "day",
     "12 Sept"},
    // A day a few weeks ahead, named without a year, is the coming one; a
    // day further ahead is last year's.
    {"Police raided the paper ahead of the vote on November 1.", "2015-10-28", false, "2015-11-01",
     "day", "November 1"},
    {"The ship sank on December 24.", "2016-01-03", false, "2015-12-24", "day", "December 24"},
    {"The ship sank on March 3.", "2016-01-03", false, "2015-03-03", "day", "March 3"},
};

TEST(FindDates, Table) {
  for (const DateCase& c : kCases) {
    SCOPED_TRACE(c.text);
    auto pub = ParseIsoDate(c.pub);
    ASSERT_TRUE(pub);
    std::vector<DateMention> found = FindDates(c.text, *pub, c.future);
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found[0].date.value, c.value);
    EXPECT_EQ(found[0].date.precision, c.precision);
    EXPECT_NE(found[0].date.text.find(c.words), std::string::npos) << found[0].date.text;
  }
}

TEST(FindDates, NoFalseDates) {
  const CivilDate pub{2025, 5, 7};
  for (const char* text : {"The ministry may deport 2000 migrants.", "They march on the capital.",
                           "May God protect us, he said.", "Officials said 1500 people fled.",
                           "He will decide soon."}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(FindDates(text, pub, false).empty());
  }
}

TEST(FindDates, WithoutPublicationDateOnlyFullDates) {
  EXPECT_TRUE(FindDates("It happened yesterday on Saturday.", CivilDate{}, false).empty());
  auto f = FindDates("It happened on 6 May 2025.", CivilDate{}, false);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].date.value, "2025-05-06");
}

TEST(ParseIsoDate, RejectsNonDates) {
  EXPECT_TRUE(ParseIsoDate("2024-02-29"));
  EXPECT_FALSE(ParseIsoDate("2025-02-29"));
  EXPECT_FALSE(ParseIsoDate("2025-13-01"));
  EXPECT_FALSE(ParseIsoDate("20250501"));
  EXPECT_FALSE(ParseIsoDate(""));
  EXPECT_TRUE(ParseIsoDate("2025-05-07T10:00:00Z"));
}

TEST(DatelineDate, ReadsDatelines) {
  auto d = DatelineDate("BAMAKO, March 3 (Reuters) - Mali's junta said ...", 2025);
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatIsoDate(*d), "2025-03-03");
  d = DatelineDate("WASHINGTON, May 6, 2024 - The Senate voted ...", 0);
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatIsoDate(*d), "2024-05-06");
  EXPECT_FALSE(DatelineDate("Officials in Bamako, Mali said on March 3 - no.", 2025));
  EXPECT_FALSE(DatelineDate("BAMAKO, March 3 (Reuters) - x", 0));  // no year known
}

// Event dates through Annotate: nearest expression to the verb; publication
// date otherwise; future modality turns a weekday forward.
TEST(AnnotateDates, EventDates) {
  auto r = testing::Code(
      "Russian forces shelled Kharkiv on Saturday. Ukraine will retaliate on Saturday, the "
      "minister said. The army attacked the base.",
      "2025-05-07", {testing::Ev("shelled"), testing::Ev("retaliate"), testing::Ev("attacked")});
  ASSERT_EQ(r->coded.events.size(), 3u);
  EXPECT_EQ(r->coded.events[0].date.value, "2025-05-03");
  EXPECT_EQ(r->coded.events[1].date.value, "2025-05-10");
  EXPECT_EQ(r->coded.events[1].modality, "planned");
  EXPECT_EQ(r->coded.events[2].date.value, "2025-05-07");
  EXPECT_EQ(r->coded.events[2].date.precision, "day");
  EXPECT_EQ(r->coded.events[2].date.text, "");
}

TEST(AnnotateDates, DatelineGivesTheArticleDate) {
  auto r =
      testing::Code("BAMAKO, March 3, 2025 (Reuters) - Mali's junta expelled the envoy yesterday.",
                    "", {testing::Ev("expelled")});
  EXPECT_EQ(r->coded.events[0].date.value, "2025-03-02");
  auto r2 = testing::Code("BAMAKO, March 3, 2025 (Reuters) - Mali's junta expelled the envoy.", "",
                          {testing::Ev("expelled")});
  EXPECT_EQ(r2->coded.events[0].date.value, "2025-03-03");
}

TEST(AnnotateDates, OldEventsAreHistorical) {
  auto r = testing::Code("Rebels overthrew Gaddafi in 2011. Rebels attacked Sirte in 2025.",
                         "2025-05-07", {testing::Ev("overthrew"), testing::Ev("attacked")});
  EXPECT_EQ(r->coded.events[0].modality, "historical");
  EXPECT_EQ(r->coded.events[0].date.value, "2011-01-01");
  EXPECT_EQ(r->coded.events[1].modality, "asserted");
}

}  // namespace
}  // namespace dyad
