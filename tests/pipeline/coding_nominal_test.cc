// Events written as nouns with their sides in "between ...", a possessor, an
// "of" phrase and a "by" phrase, through the whole default pipeline (tagger
// and name finder on, no tree), on shapes of real news sentences (Reuters,
// current-events bullets).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingNominalTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingNominalTest, EachCoordinatedMemberOfANounsSideIsASide) {
  // Only the first member was a side (the IMF; the first journalist).
  EXPECT_EQ(Events("The government's talks with the IMF and World Bank ended on Monday."),
            "046:GOV>IGOIMF;046:IGOIMF>GOV;046:GOV>IGOWBK;046:IGOWBK>GOV;");
  EXPECT_EQ(Events("The arrest of two journalists and a lawyer by police drew protests."),
            "173:COP>MED;173:COP>JUD;");
  // A list that runs into the speakers is not the side: police alone.
  EXPECT_EQ(Events("In the central city of Latacunga, three workers were wounded in clashes with "
                   "police, unionists and hospital authorities said."),
            "190:->ECUCOP;");
}

TEST_F(CodingNominalTest, TalksBetweenPairsMeetInEachPair) {
  // The second pair after ", and" was left out.
  EXPECT_EQ(Events("Talks between Iran and Iraq, and Syria and Turkey, ended on Monday."),
            "046:IRN>IRQ;046:IRQ>IRN;046:SYR>TUR;046:TUR>SYR;");
  // The first side meets each of the others, not only the first of them.
  EXPECT_EQ(Events("Meetings between the EU and Iran, Turkey and Qatar took place in Brussels."),
            "040:IGOEUR>IRN;040:IRN>IGOEUR;040:IGOEUR>TUR;040:TUR>IGOEUR;040:IGOEUR>QAT;"
            "040:QAT>IGOEUR;");
  // A name after a comma that closes the phrase is the speaker, not a side.
  EXPECT_EQ(Events("In his speech on free trade talks between the U.S. and Canada, Reuber said a "
                   "deal was near."),
            "046:USA>CAN;046:CAN>USA;");
}

TEST_F(CodingNominalTest, AnAgreementBetweenStatesIsCodedBothWaysButNotABusinessDeal) {
  EXPECT_EQ(Events("He said a free-trade agreement between the United States and Canada was a "
                   "step in the right direction."),
            "057:USA>CAN;057:CAN>USA;");
  EXPECT_EQ(Events("The dividend agreement between the British company and its Dutch partner "
                   "Unilever NV was changed."),
            "");
}

TEST_F(CodingNominalTest, ClashesBetweenNameTheirSidesAsANoun) {
  // Read as a verb with no subject: "->COP;->OPP;".
  EXPECT_EQ(Events("Clashes between police and protesters left three dead."), "190:COP>OPP;");
}

TEST_F(CodingNominalTest, TheAgentAfterThePatientOfAnEventNoun) {
  // "by X" after the of-phrase (no source before).
  EXPECT_EQ(Events("The killing of three soldiers by Taliban militants angered officials."),
            "1823:AFGINS>AFGMIL;");
  // After any target ("to" of a visit).
  EXPECT_EQ(Events("An announcement could come this week during a visit to Washington by "
                   "Japanese Prime Minister Yasuhiro Nakasone."),
            "042:JPNGOV>USA;");
  // After a possessor that suffers the act (read as a verb before: MED>COP).
  EXPECT_EQ(Events("The journalist's arrest by police drew condemnation."), "173:COP>MED;");
}

TEST_F(CodingNominalTest, AnOwnersSupportForAnActorIsAnEndorsement) {
  // "support of" read as a verb took the wrong subject (MAR>IRN).
  EXPECT_EQ(Events("The move angered Morocco due to Qatar's support of Iran."), "051:QAT>IRN;");
  EXPECT_EQ(Events("Relations are strained due to Algeria's support for the Polisario Front in "
                   "Western Sahara."),
            "051:DZA>MARSEP;");
  // Support for a thing is no act (USAGOV>USA before).
  EXPECT_EQ(Events("The administration's support for a second term is waning in Washington."), "");
}

TEST_F(CodingNominalTest, APluralPossessorIsTheSourceOfAnEventNoun) {
  EXPECT_EQ(Events("Warships thwart Somali pirates' attack on a Norwegian oil tanker."),
            "190:SOMCRM>NOR;");
}

TEST_F(CodingNominalTest, AnActOfForceWithNoSideIsAnEventWhereANamedPlaceFollows) {
  // No event before: the place is a name no dictionary knows.
  EXPECT_EQ(Events("Twin suicide bombings in Damboa leave at least 31 people dead."), "1831:->-;");
  EXPECT_EQ(Events("Heavy fighting in Wadi Barada continued on Friday."), "190:->-;");
  // Two acts joined by "and" share the place and are two events.
  EXPECT_EQ(Events("Air strikes and shelling in Wadi Barada continued on Friday."),
            "194:->-;195:->-;");
  // Not a month, nor a seizure (no force).
  EXPECT_EQ(Events("The attacks in March hurt the economy."), "");
  EXPECT_EQ(Events("Federal marshals made the seizure in Oakland on Tuesday."), "");
  // Nor an explosion (an accident or nature), nor a crime charged or remembered.
  EXPECT_EQ(Events("NASA detected a huge meteor explosion in Earth's atmosphere."), "");
  EXPECT_EQ(Events("Jason Dalton is charged with six counts of murder in Kalamazoo County."),
            "1121:->USACVL;");
  EXPECT_EQ(Events("Officials mark the third anniversary of the mass shooting in Parkland."), "");
}

TEST_F(CodingNominalTest, AFightIsAnEventOnlyWithAStateOrAnArmedSide) {
  EXPECT_EQ(Events("The rising cost of the fight against Tamil guerrillas strains the budget."),
            "190:->REB;");
  EXPECT_EQ(Events("The SDF's fight against ISIL continues near Raqqa."), "190:SYRREB>IMGINS;");
  // A takeover fight between firms is none.
  // (Whether "USAir" is a name the finder knows changes with its model.)
  const std::string takeover =
      Events("USAir sought help in its takeover fight with Trans World Airlines Inc.");
  EXPECT_EQ(takeover.find("190:"), std::string::npos) << takeover;
}

TEST_F(CodingNominalTest, AHyphenatedNounReadAsAnAdjectiveIsStillANoun) {
  // "re-arrest/ADJ" gave no event.
  EXPECT_EQ(Events("The police announced the re-arrest of the opposition leader."), "173:COP>OPP;");
}

}  // namespace
}  // namespace dyad
