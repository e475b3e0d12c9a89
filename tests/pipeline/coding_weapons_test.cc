// Weapons fired in the passive, with no actor as subject: whom they are aimed
// at is the target, through the whole default pipeline (tagger and name finder
// on, no tree), on shapes of real current-events bullets (issue 18, items 2
// and 3).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingWeaponsTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingWeaponsTest, AWeaponFiredAtAnActorHasItAsTarget) {
  // Both sides were empty (no event, or one with neither side).
  EXPECT_EQ(Events("Rockets are fired from Gaza into Israel."), "194:->ISR;");
  EXPECT_EQ(Events("Two rockets were fired at Israel from the Gaza Strip on Sunday."),
            "194:->ISR;");
  EXPECT_EQ(Events("Tear gas is fired on anti-government protesters blocking a highway."),
            "175:->OPP;");
}

TEST_F(CodingWeaponsTest, APlaceThatIsNoActorStaysWhere) {
  EXPECT_EQ(Events("Mortar shells were fired at the Green Zone in Baghdad."), "194:->-;");
}

TEST_F(CodingWeaponsTest, AWeaponsTestShowsForce) {
  // "tests/NOUN" was no verb of the dictionary: no event.
  EXPECT_EQ(Events("Iran tests 14 surface-to-surface missiles on the second day of war games."),
            "150:IRN>-;");
  // Other tests are no event.
  EXPECT_EQ(Events("The president tested positive for the virus."), "");
}

TEST_F(CodingWeaponsTest, AnActOfForceThatOccursIsAnEventWithNoSide) {
  // "occurs/NOUN" read "bombing" as its modifier, and "occur" was no verb of
  // happening: no event.
  EXPECT_EQ(Events("A suicide bombing occurs in Kabul near the German embassy with at least 90 "
                   "killed and 461 injured."),
            "1831:->-;");
  EXPECT_EQ(Events("A shooting occurs at Great Mills High School in Great Mills, Maryland."),
            "190:->-;");
}

TEST_F(CodingWeaponsTest, AWeaponsPresentTenseIsItsVerb) {
  // "kills/NOUN" after "A bomb" was read as a noun: no event.
  EXPECT_EQ(Events("A bomb kills 17 people in Mogadishu, Somalia."), "183:->SOMCVL;");
}

TEST_F(CodingWeaponsTest, AWeaponThatExplodesIsAnAttackWithNoSideNamed) {
  // "no source or target found": no event.
  EXPECT_EQ(Events("A car bomb explodes outside a courthouse in Londonderry, Northern Ireland."),
            "1832:->-;");
  // The closing participle is the event; the blast is not a second one.
  EXPECT_EQ(Events("A bomb hits a convoy, killing four soldiers in Kirkuk."), "190:->IRQMIL;");
  EXPECT_EQ(Events("A bomb was defused outside a courthouse in Londonderry."), "");
}

TEST_F(CodingWeaponsTest, FiringTearGasIsRepression) {
  // "fire/NOUN tear/VERB": no event.
  EXPECT_EQ(Events("Israel police fire tear gas and rubber bullets at residents."),
            "175:ISRCOP>ISRCVL;");
}

TEST_F(CodingWeaponsTest, AFireFightIsNoBlaze) {
  // "killed in a fire" read as harm by nature: no event.
  EXPECT_EQ(Events("At least 19 people are killed in a fire fight between guards and protesters "
                   "in Tsentoroi."),
            "190:->CVL;");
}

}  // namespace
}  // namespace dyad
