// False acts of force in everyday, non-political news: a game or a prize won
// over a rival, a film being shot, a meteorite's strike, an attack that is
// only the topic of a work or of a remembrance, a fire, a storm or a sinking
// boat read as an attacker, a crowd celebrating read as protesting. Through
// the whole default pipeline (tagger and name finder on, no tree), on shapes
// of real current-events bullets of the Arts, Sports, Science and Disasters
// sections (issue 18).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingCultureTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingCultureTest, AScoreNamedAsAResultIsAGameWon) {
  // "a 98-92 win": the noun after the score names the result, not a count.
  EXPECT_EQ(Events("In the WNBA Finals, the Seattle Storm win the WNBA championship with a 98-92 "
                   "win over the Washington Mystics."),
            "");
}

TEST_F(CodingCultureTest, AContestVerbWithAScoreLaterInTheSentenceIsAGameWon) {
  EXPECT_EQ(Events("The Highlanders from the New Zealand region of Otago defeat the Hurricanes "
                   "from the New Zealand capital Wellington in the Super Rugby final, 21–14."),
            "");
  // An army's defeat of forces with no score stays an attack (the closing
  // participle is the troops' since the merge with the passives branch).
  EXPECT_EQ(Events("Russian troops defeat Ukrainian forces near Bakhmut, killing 20 soldiers."),
            "190:RUSMIL>UKRMIL;190:RUSMIL>UKRMIL;");
}

TEST_F(CodingCultureTest, BeatingARivalToAPrizeIsNoAssault) {
  EXPECT_EQ(Events("Eimear McBride wins the Baileys Women's Prize for Fiction with A Girl Is a "
                   "Half-formed Thing, beating the American Donna Tartt's novel."),
            "");
}

TEST_F(CodingCultureTest, AFilmBeingShotIsNoShooting) {
  EXPECT_EQ(Events("The new James Bond film will be shot in Jamaica."), "");
  EXPECT_EQ(Events("A documentary film, called The Last Ice, is shot in Greenland."), "");
  // People shot in a video, or the director of a film, are shot.
  EXPECT_EQ(Events("A video shows soldiers being shot by police in Lagos."), "190:NGACOP>NGAMIL;");
  EXPECT_EQ(Events("The man who directed the film was shot dead by gunmen in Kabul."),
            "190:AFGUAF>AFGCVL;");
}

TEST_F(CodingCultureTest, AMeteoriteIsANaturalCause) {
  EXPECT_EQ(Events("A meteorite strikes near the Russian town of Chebarkul."), "");
  EXPECT_EQ(Events("A man is killed after a suspected meteorite strike near a school in Tamil "
                   "Nadu, India."),
            "");
}

TEST_F(CodingCultureTest, AnAttackThatIsTheTopicOfAWorkOrARemembranceIsNoEvent) {
  EXPECT_EQ(Events("A novel inspired by the assassination of Indira Gandhi wins the Booker Prize."),
            "");
  // The commemoration is coded; the massacre it remembers is not.
  EXPECT_EQ(Events("Mexico commemorates the 50th anniversary of the massacre of students by "
                   "Mexican soldiers."),
            "017:MEX>MEXEDU;");
  // A reported invasion stays.
  EXPECT_EQ(Events("Russian troops launch an invasion of Ukraine."), "192:RUSMIL>UKR;");
}

TEST_F(CodingCultureTest, ANaturalCauseOpeningTheSentenceIsNoAttacker) {
  // The fire is the subject of "kills", however long its modifiers.
  EXPECT_EQ(Events("A fire at a textile factory in Karachi, Pakistan, kills 25 workers."), "");
  // A bomb is no natural cause.
  EXPECT_EQ(Events("A bomb at a market in Goma, Congo, kills 12 people."), "190:->CODCVL;");
}

TEST_F(CodingCultureTest, AStormsNameIsNoStorming) {
  EXPECT_EQ(Events("Tropical Storm Erika causes heavy rain on the coast of Mexico."), "");
  // A storm after a determiner or an adjective is a noun.
  EXPECT_EQ(Events("A California storm in Yosemite National Park fells a 1,000-year-old American "
                   "tree."),
            "");
  EXPECT_EQ(Events("Police storm the parliament building in Kiev."), "190:UKRCOP>UKRLEG;");
}

TEST_F(CodingCultureTest, ABoatThatSinksIsAnAccident) {
  EXPECT_EQ(Events("A Philippine ferry sinks near the island of Cebu, with 40 people missing."),
            "");
}

TEST_F(CodingCultureTest, CatchingFireIsNoFiring) {
  EXPECT_EQ(
      Events("A passenger plane catches fire after landing at Moscow's Sheremetyevo Airport."), "");
  EXPECT_EQ(Events("Israeli troops open fire at protesters near the border."),
            "190:ISRMIL>ISROPP;");
}

TEST_F(CodingCultureTest, TakingToTheStreetsToCelebrateIsNoProtest) {
  EXPECT_EQ(Events("Thousands of people take to the streets in Toronto to celebrate Canada's 150th "
                   "birthday."),
            "051:CANCVL>CAN;");
  EXPECT_EQ(Events("Thousands of people take to the streets in Caracas to protest against the "
                   "government."),
            "141:VENCVL>VENGOV;");
}

TEST_F(CodingCultureTest, AShotPutterIsAnAthlete) {
  EXPECT_EQ(Events("Two bronze medalists, Russian shot putter Irina Korzhanenko and discus thrower "
                   "Natalya Sadova, are stripped of their medals."),
            "");
}

TEST_F(CodingCultureTest, AnEmergencyForAStormCoercesNoOne) {
  EXPECT_EQ(Events("Florida Governor Ron DeSantis declares a state of emergency as Hurricane Ian "
                   "approaches the state."),
            "");
  EXPECT_EQ(Events("Thai Prime Minister Yingluck Shinawatra declares a state of emergency in "
                   "Bangkok after protesters occupy government buildings."),
            "1724:THAELI>THA;");
}

TEST_F(CodingCultureTest, AHeatWaveStrikesNoOne) {
  EXPECT_EQ(Events("A heat wave strikes the southern Indian states of Telangana and Andhra "
                   "Pradesh."),
            "");
}

TEST_F(CodingCultureTest, AFightAfterAPossessiveAndANounIsANoun) {
  EXPECT_EQ(Events("English professional boxer Amir Khan loses to American Danny Garcia in his "
                   "comeback fight at the Mandalay Bay arena."),
            "");
}

TEST_F(CodingCultureTest, ASuicideByHangingHarmsNoOtherSide) {
  EXPECT_EQ(Events("American singer Chester Bennington commits suicide by hanging at his home in "
                   "Palos Verdes Estates, California."),
            "");
  EXPECT_EQ(Events("The corpse of 28-year-old former Welsh rugby player Gareth Jones is located "
                   "hanging dead at a house in Cardiff."),
            "");
  EXPECT_EQ(Events("Iran hangs two men convicted of drug trafficking in Tehran."),
            "1823:IRN>IRNCVL;116:IRNCVL>IRN;");
}

}  // namespace
}  // namespace dyad
