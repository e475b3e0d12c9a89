// Acts of force in armed-conflict reports that were lost to the reading of a
// single word: whose fire it is, a riot's verb after its sides, believers and
// saboteurs as actors. Through the whole default pipeline (tagger and name
// finder on, no tree), on shapes of real current-events bullets (issue 18).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingArmedTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingArmedTest, AnActorsFireIsWeaponFireNotABlaze) {
  // "killed during ... fire" read as harm by nature: no event.
  EXPECT_EQ(Events("Five more Azerbaijani civilians are killed during Armenian fire in the "
                   "country."),
            "190:->AZECVL;");
  // A building's fire is a blaze.
  EXPECT_EQ(Events("Three children are killed in a school fire in Lagos."), "");
}

TEST_F(CodingArmedTest, RiotsThatRageAfterTheirSidesAreAnEvent) {
  // "riots between X and Y rage": the verb after the sides was not seen.
  EXPECT_EQ(Events("Violent riots between villagers and settlers rage in the town of "
                   "Welipitiya, Sri Lanka."),
            "145:->-;");
}

TEST_F(CodingArmedTest, BelieversAndSaboteursAreActors) {
  EXPECT_EQ(Events("300 Muslims are arrested in Moscow."), "173:->RUSMOS;");
  EXPECT_EQ(Events("Clashes between Muslims and Christians erupt in Jos, Nigeria."),
            "190:NGAMOS>NGACHR;");
  EXPECT_EQ(Events("An oil pipeline near the city of Homs is blown up by saboteurs."),
            "183:SYRUAF>-;");
}

TEST_F(CodingArmedTest, HeadlinePresentTenseAfterItsSubject) {
  // "storm/NOUN" after "Armed bandits" (an adjective before the actor made it
  // a modifier): only the killing, with no source.
  const std::string storm =
      Events("Armed bandits storm a mining site in Zamfara, killing 26 people.");
  EXPECT_NE(storm.find("190:NGACRM>NGACVL;"), std::string::npos) << storm;
  // "kills/NOUN at least" after a place's comma: no event.
  EXPECT_EQ(Events("A bombing in Khyber Agency, Pakistan, kills at least 29 people."),
            "190:->PAKCVL;");
  // "erupts/NOUN" after an event noun: no event.
  EXPECT_EQ(Events("Heavy gunfire erupts in Bangui."), "190:->-;");
  // "kills/NOUN" after "a drone attack" in a reported clause: no event.
  EXPECT_EQ(Events("Sources say a drone attack kills ten militants in central Yemen."),
            "1952:->YEMINS;");
  // "Continuous rebel raids against": the actor modifies the noun.
  EXPECT_EQ(Events("Continuous rebel raids against oil pipelines endanger the oil bonanza."),
            "190:REB>-;");
}

}  // namespace
}  // namespace dyad
