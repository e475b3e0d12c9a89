// Precision on news articles: verbs in another sense and the one told in
// reported speech are no events, through the whole default pipeline (tagger
// on, no tree), on shapes of sentences of real articles (issue 18, items 1
// and 5).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingProse5Test : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingProse5Test, ADiseaseKillsNoOne) {
  // A disease is no actor: no 190 with its victims as target.
  EXPECT_EQ(Events("Over the centuries, plague has killed millions of people around the world."),
            "");
  EXPECT_EQ(Events("Both diseases are associated with the Black Death pandemic that killed an "
                   "estimated 25 million people in Europe."),
            "");
  // An actor still kills, with or without an auxiliary.
  EXPECT_EQ(Events("Rebels have killed 12 soldiers in northern Mali."), "190:MLIREB>MLIMIL;");
}

TEST_F(CodingProse5Test, AStateBeatingAStateIsAGameWon) {
  EXPECT_EQ(Events("Russia beat Croatia on Monday."), "");
  EXPECT_EQ(Events("Austria punched its ticket by beating North Macedonia."), "");
  // Police and soldiers beat people.
  EXPECT_EQ(Events("Police beat protesters in Tehran."), "182:IRNCOP>IRNOPP;");
}

TEST_F(CodingProse5Test, ChargingADeviceIsNoCharge) {
  // A car's or a phone's battery (1121 with the maker as accuser before).
  EXPECT_EQ(Events("Ford's Mustang Mach E SUV will go 230 miles to more 300 miles per charge "
                   "depending on how it's equipped."),
            "");
  EXPECT_EQ(Events("Apple added fast charging support to the phone."), "");
  EXPECT_EQ(Events("Prosecutors charged the mayor of Chicago with fraud."), "1121:USAJUD>USAGOV;");
}

TEST_F(CodingProse5Test, AThingOfferedToNoOneIsSold) {
  EXPECT_EQ(Events("The company will offer the car in thirteen different finishes."), "");
  EXPECT_EQ(Events("American Airlines offers the latest Apple AirPods for $150."), "");
  EXPECT_EQ(Events("The company said the new bus offers processing power up to three times the "
                   "existing IBM PC AT."),
            "");
  // Offers of aid or mediation, and offers to someone, are intents.
  EXPECT_EQ(Events("Turkey offered to mediate between Russia and Ukraine."),
            "039:TUR>RUS;039:TUR>UKR;");
  EXPECT_EQ(Events("Japan offered humanitarian aid to the Philippines."), "0333:JPN>PHL;");
}

TEST_F(CodingProse5Test, TheOneToldIsNoSubjectOfWhatWasSaid) {
  // No "that": the addressee was the supporter (051 USALEG before).
  EXPECT_EQ(Events("Hawk Sawyer told lawmakers no evidence supports anything other than suicide."),
            "");
  EXPECT_EQ(Events("The senator told police he supported Trump."), "");
  EXPECT_EQ(Events("Sources told Reuters the plan supports Iran."), "");
  // An actor after the addressee is the subject as before.
  EXPECT_EQ(Events("The spokesman told reporters the army attacked the rebels."), "190:MIL>REB;");
}

}  // namespace
}  // namespace dyad
