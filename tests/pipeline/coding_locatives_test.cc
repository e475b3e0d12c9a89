// Places that are where, not who, and counts of victims that are objects, not
// subjects: through the whole default pipeline (tagger and name finder on, no
// tree), on shapes of real current-events bullets (issue 18, items 2 and 6).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingLocativesTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingLocativesTest, APlaceAfterACompassWordIsWhereNotWho) {
  // "northeast/NOUN" hid the preposition: Moscow was the killer.
  EXPECT_EQ(Events("A gunman opens fire in northeast Moscow, killing five and injuring two."),
            "190:RUSUAF>-;190:RUSUAF>RUSCVL;");
}

TEST_F(CodingLocativesTest, APlaceChainWithItsRegionAndCountryIsWhereNotWho) {
  // "in Thoothukudi, Tamil Nadu, India": India was the killer.
  EXPECT_EQ(Events("Police in Thoothukudi, Tamil Nadu, India, kill nine people."),
            "190:INDCOP>INDCVL;");
}

TEST_F(CodingLocativesTest, ACountOfVictimsIsNoSubjectOfTheNextVerb) {
  // "killing 14 and seriously wounding 7": the 14 did not wound anyone.
  const std::string events = Events(
      "A roadside bomb detonates near Jandol, Lower Dir District, Pakistan, killing 14 and "
      "seriously wounding 7.");
  EXPECT_EQ(events.find("PAKCVL>"), std::string::npos) << events;
  EXPECT_NE(events.find(">PAKCVL"), std::string::npos) << events;
}

TEST_F(CodingLocativesTest, WeaponFireAfterAClauseIsNoBlaze) {
  // "after a gunman opens fire": "fire" was read as a blaze, the deaths as an
  // accident, and no event was coded.
  EXPECT_EQ(Events("Seven people are killed in Aden, Yemen, after a gunman opens fire on a "
                   "minibus."),
            "190:->YEMCVL;");
}

TEST_F(CodingLocativesTest, AWeaponThatDerailsATrainIsNoAccident) {
  // "derails" was a verb of accident: no event.
  EXPECT_EQ(Events("A bomb derails a train in southwest Pakistan killing eight people."),
            "183:->PAKCVL;");
  // A train that derails is one.
  EXPECT_EQ(Events("A train derails in southwest Pakistan, killing eight people."), "");
}

TEST_F(CodingLocativesTest, GeneralAsAnAdjectiveIsNoOfficer) {
  // "General/ADJ Agreement", "general election", "general practitioner" were
  // a military officer (MIL) as source or target.
  EXPECT_EQ(Events("China applied to join the General Agreement on Tariffs and Trade."),
            "163:CHN>-;");
  EXPECT_EQ(Events("The opposition will boycott next month's general election."), "143:OPP>-;");
  // Nor the first word of a company's name ("General Electric Co").
  const std::string ge = Events("General Electric Co said it would sue the government.");
  EXPECT_EQ(ge.find("MIL"), std::string::npos) << ge;
  // A general is one as a noun.
  EXPECT_EQ(Events("The general ordered the troops to withdraw."), "1056:MIL>MIL;");
}

TEST_F(CodingLocativesTest, ANewsAgencyLendsNoCountry) {
  // "Reuters" (GBRMED) made the opposition British (GBROPP).
  const std::string sue = Events("The minister told Reuters that he would sue the opposition.");
  EXPECT_EQ(sue.find("GBR"), std::string::npos) << sue;
  // Nor does it join the agent after "that" ("AFP that militants", FRAMEDINS).
  EXPECT_EQ(Events("Security officials told AFP that militants attacked the checkpoint."),
            "190:INS>-;");
  // Nor does it keep an article from having one country (the bank was BUS).
  const std::string bishkek = Events(
      "Police arrested five protesters in Bishkek on Monday, a witness told Reuters. The "
      "police said the protesters attacked a bank.");
  EXPECT_NE(bishkek.find("KGZOPP>KGZBUS"), std::string::npos) << bishkek;
}

}  // namespace
}  // namespace dyad
