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

TEST_F(CodingArmedTest, AClosingParticipleIsTheOutcomeOfItsMainClause) {
  // ", killing 26 people, including" was set aside as an aside: no killing.
  const std::string zamfara =
      Events("Gunmen attack a village in Zamfara, killing 26 people, including 16 miners.");
  EXPECT_NE(zamfara.find("190:NGAUAF>NGACVL;"), std::string::npos) << zamfara;
  // Its source is the main clause's subject, not the nearest name (Aquino,
  // inside the airport's name, was the killer and the target).
  const std::string manila = Events(
      "A gunman opens fire outside a terminal at Ninoy Aquino International Airport "
      "in Manila, killing four people.");
  EXPECT_NE(manila.find("190:PHLUAF>PHLCVL;"), std::string::npos) << manila;
  EXPECT_EQ(manila.find("ELI"), std::string::npos) << manila;
  // A closing passive participle with its agent: set aside before.
  EXPECT_EQ(Events("Hundreds of people have been found dead in the town of Damasak, most "
                   "likely killed by Boko Haram."),
            "190:NGAINS>NGACVL;");
  // An aside that is no harm done stays an aside.
  EXPECT_EQ(Events("President Reagan, fighting to recover politically from the scandal, "
                   "plans a speech."),
            "");
}

TEST_F(CodingArmedTest, ACountryLedCoalitionIsThatCountrysForce) {
  // "Saudi-led/VERB coalition" named no actor: no source, and the
  // airstrikes, the verb's subject, a second event.
  EXPECT_EQ(Events("Saudi-led coalition airstrikes kill 20 civilians in Yemen."),
            "190:SAUMIL>YEMCVL;");
  EXPECT_EQ(Events("The U.S.-led coalition says it has killed up to 150 militants in air strikes.")
                .substr(0, 11),
            "195:USAMIL>");
  // Other things led by a country name no actor.
  const std::string comecon = Events("Soviet-led Comecon ended talks here.");
  EXPECT_EQ(comecon.find("SUN"), std::string::npos) << comecon;
}

TEST_F(CodingArmedTest, ACounterattackIsAnAttack) {
  // "counterattack" was no event noun: no event.
  const std::string tripoli = Events(
      "Militias loyal to the Government of National Accord launch a counterattack on "
      "Libyan National Army troops in the southern outskirts of Tripoli.");
  EXPECT_NE(tripoli.find("190:"), std::string::npos) << tripoli;
  EXPECT_NE(tripoli.find(">LBYMIL;"), std::string::npos) << tripoli;
}

}  // namespace
}  // namespace dyad
