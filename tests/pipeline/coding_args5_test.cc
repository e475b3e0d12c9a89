// How actors that no dictionary codes well are coded, through the whole
// default pipeline (tagger on, no tree), on shapes of real current-events
// sentences (issue 18 item 4, fifth pass): titles inside party names,
// organisations named by their head word.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingArgs5Test : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingArgs5Test, ATitleInsideAPartysNameIsThePartys) {
  // "president" after a party's name is the party's office, not the state's
  // (DEUGOV and ZAFGOV before).
  EXPECT_EQ(Sides("Social Democratic Party of Germany president Sigmar Gabriel criticizes "
                  "Chancellor Angela Merkel."),
            "DEUOPP>DEUGOV;");
  EXPECT_EQ(Sides("Expelled ANC Youth League president Julius Malema is charged with money "
                  "laundering in South Africa."),
            "->ZAFOPP;");
  EXPECT_EQ(Sides("A Liberal Party spokesman criticized the French government."), "FRAOPP>FRAGOV;");
}

TEST_F(CodingArgs5Test, APartyInPowerOrItsOwnerKeepsTheTitleOfState) {
  // The dictionary's own code for a ruling party stands.
  EXPECT_EQ(Sides("A Chinese Communist Party official criticizes Japan."), "CHNGOV>JPN;");
  // "the Party of President X": the president is the state's.
  EXPECT_EQ(Sides("The ruling National Democratic Party of President Hosni Mubarak criticizes "
                  "Israel."),
            "EGYELIGOV>ISR;");
  // A country's president is still the government.
  EXPECT_EQ(Sides("Germany president Horst Koehler criticizes Israel."), "DEUGOV>ISR;");
}

TEST_F(CodingArgs5Test, AnOfficeNoDictionaryKnowsIsAGovernmentBody) {
  // A name the name finder finds, headed by "Office", is a state body (no
  // actor before: the statistics and supervisory offices of real news).
  EXPECT_EQ(Sides("The Federal Banking Supervisory Office in Berlin criticized Deutsche Bank for "
                  "breaching the rules."),
            "DEUGOV>DEUBUS;");
  EXPECT_EQ(Sides("The Office of Management and Budget asked the Pentagon to cut spending."),
            "USAGOV>USAMIL;");
  // An office named by a title keeps the title's sector.
  EXPECT_EQ(Sides("The Sheriff's Office arrested two men in Ohio."), "USACOP>USACVL;");
}

TEST_F(CodingArgs5Test, AOneWordNameNeverNamedInFullInAnArticleIsNoPerson) {
  // A company the name finder took for a person (JPNCVL before): an article
  // names each person in full at least once.
  EXPECT_EQ(Sides("Rakuten offers a discount on phones this week. The sale ends on Friday. "
                  "Rakuten accused the Japanese government of unfair taxes."),
            "->JPNGOV;");
  // A person named in full (after a title) keeps being one.
  EXPECT_EQ(Sides("Federal Reserve Chairman Paul Volcker spoke on Monday. The dollar fell. "
                  "Volcker accused the Japanese government of unfair trade."),
            "USAGOV>JPNGOV;");
  // One sentence says too little: the name stands.
  EXPECT_EQ(Sides("Rakuten accused the Japanese government of unfair taxes."), "JPNCVL>JPNGOV;");
}

}  // namespace
}  // namespace dyad
