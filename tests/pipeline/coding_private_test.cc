// One-sided events of business and private life are no political events:
// cooperation acting on no one by a company or common people, conflict by a
// company; through the whole default pipeline (tagger and name finder on, no
// tree), on shapes of real Reuters, article and current-events sentences
// (issue 18, item 5).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingPrivateTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingPrivateTest, ACompanyActingOnNoOneIsNoEvent) {
  // 030:BUS>- and 190:BUS>- before.
  EXPECT_EQ(Events("The company agreed to sell its stake in the venture."), "");
  EXPECT_EQ(Events("Two small shipping companies have attacked the new rules."), "");
}

TEST_F(CodingPrivateTest, CommonPeopleCooperatingWithNoOneIsNoEvent) {
  // 056:CVL>- before.
  EXPECT_EQ(Events("His wife accepts the apology."), "");
}

TEST_F(CodingPrivateTest, DoctorsEditorsAndResearchersAskingNoOneIsNoEvent) {
  // 020:HLH>-, 020:MED>- and 090:EDU>- before.
  EXPECT_EQ(Events("His doctor sought out advice from one of the study authors."), "");
  EXPECT_EQ(Events("His editors would ask him to explain himself more."), "");
  EXPECT_EQ(Events("The researchers examined how hibernation would affect the design."), "");
  // Asking someone stays an appeal.
  EXPECT_EQ(
      Events("The doctors pleaded with the government to vaccinate the migrants.").substr(0, 4),
      "020:");
}

TEST_F(CodingPrivateTest, MembersWhoTourTogetherVisitNoOneOfThem) {
  // Each member "visited" each other one, and itself, before (9 events).
  EXPECT_EQ(Events("Singer-guitarists Tom Johnston and Patrick Simmons, singer-keyboardist "
                   "McDonald, and multi-instrumentalist John McFee will tour together."),
            "");
  // Members who meet meet each other, never themselves (9 events before).
  const std::string met = Events(
      "Singer-guitarists Tom Johnston and Patrick Simmons, singer-keyboardist "
      "McDonald, and multi-instrumentalist John McFee will meet in Houston.");
  EXPECT_EQ(std::count(met.begin(), met.end(), ';'), 6) << met;
}

TEST_F(CodingPrivateTest, NamedPersonsAndProtestsStay) {
  // A person the dictionaries do not know may be a politician.
  EXPECT_EQ(Events("Mahinda Rajapaksa concedes defeat to Maithripala Sirisena."), "080:CVL>-;");
  // Common people protesting is a political event.
  EXPECT_EQ(Events("Residents protest in Nairobi.").substr(0, 4), "141:");
}

}  // namespace
}  // namespace dyad
