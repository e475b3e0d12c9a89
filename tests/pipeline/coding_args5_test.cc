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

}  // namespace
}  // namespace dyad
