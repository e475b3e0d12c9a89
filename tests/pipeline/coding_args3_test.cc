// Who is a verb's source and target, through the whole default pipeline
// (tagger on, no tree), on shapes of real current-events sentences (issue 18
// item 4, third pass: wrong or missing actors when the event type is right).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingArgs3Test : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingArgs3Test, TerritoryIsTakenFromTheActorAfterFrom) {
  // The port is Somali; the militants lose it (KENMIL>SOM before).
  EXPECT_EQ(Sides("Kenyan troops capture the Somali port city of Kismayo from al-Shabaab "
                  "militants."),
            "KENMIL>SOMINS;");
  // A town taken from no one named: its country is no target (SYRREB>SYR before).
  EXPECT_EQ(Sides("Syrian rebels seize control of the Syrian town of Qusayr."), "SYRREB>-;");
  // Whom a seizure takes is still its target.
  EXPECT_EQ(Sides("Rebels seize a Syrian army officer."), "SYRREB>SYRMILCOP;");
}

TEST_F(CodingArgs3Test, AnActorAfterAQuantityIsTheSubject) {
  // "Hundreds of" does not make the soldiers the object of a preposition: the
  // one-sided seizure stands (no event before, once the town was no target).
  EXPECT_EQ(Sides("Hundreds of Turkish soldiers take control of the Syrian town of Afrin."),
            "TURMIL>-;");
}

TEST_F(CodingArgs3Test, ARelativeClauseOfANounThatIsNoActorHasNoActorSource) {
  // The bombing killed the worshippers, not the police of the main clause (no
  // event before: the clause had coded the raid).
  EXPECT_EQ(Sides("Police raid a mosque after a bombing that killed 30 worshippers in Quetta."),
            "PAKCOP>PAKREL;->PAKCVL;");
}

TEST_F(CodingArgs3Test, AnActorInAPhraseOfANounThatIsNoActorIsNoSubject) {
  // The explosion kills, not the crowd it went off near (no event before:
  // the pilgrims were read as killing people of their own code).
  EXPECT_EQ(Sides("A car bomb explosion near a crowd of Iraqi pilgrims kills 20 people."),
            "->IRQCVL;");
}

TEST_F(CodingArgs3Test, AParticipleAfterItsNounIsAClauseOfItsOwn) {
  // "backed by" codes its support and the main verb still codes the seizure
  // (only the support before: the clause had coded an event).
  EXPECT_EQ(Events("Syrian troops backed by Russian jets retake an airbase near Aleppo."),
            "051:RUS>SYRMIL;192:SYRMIL>-;");
}

TEST_F(CodingArgs3Test, AnAgentWordInsideAnOrganisationsNameIsPartOfTheName) {
  // The commission fines, not "Public" (CVL before).
  EXPECT_EQ(Sides("The Oregon Public Utility Commission fined the company 2 million dollars."),
            "GOV>BUS;");
}

TEST_F(CodingArgs3Test, AnArmedGroupWithNoCountryIsTheOneOfTheStateItFights) {
  // Two countries in the sentence: the rebels are Mali's (REB before).
  EXPECT_EQ(Sides("Rebels kill three Malian soldiers near the border with Algeria."),
            "MLIREB>MLIMIL;");
  EXPECT_EQ(Sides("Insurgents attack Nigerian soldiers near the border with Niger."),
            "NGAINS>NGAMIL;");
}

TEST_F(CodingArgs3Test, AnObjectPronounStandsForTheNearestActorBeforeTheVerb) {
  // "them" are the smugglers (no target before).
  EXPECT_EQ(Sides("Troops caught three smugglers near the border and detained them."), "MIL>CRM;");
}

TEST_F(CodingArgs3Test, ContemptOfCourtNamesNoCourt) {
  // The charge is not against a court (USAGOV>USAJUD before) but against the
  // sheriff ("County, Arizona sheriff" is one phrase; coding_law5_test.cc).
  EXPECT_EQ(Sides("The Justice Department will file criminal contempt of court charges against "
                  "Maricopa County, Arizona sheriff Joe Arpaio."),
            "USAGOV>USACOP;");
}

TEST_F(CodingArgs3Test, ANameBeforeALedAdjectiveIsNoHead) {
  // Ties are cut with Egypt's government, not with a person "Abdel Fattah
  // el-Sisi" (QAT>CVL before).
  EXPECT_EQ(Sides("Qatar severs ties with the Abdel Fattah el-Sisi-led Government of Egypt."),
            "QAT>EGYGOV;");
}

TEST_F(CodingArgs3Test, ACountAfterAVerbOfHarmIsPeople) {
  // "killing 12" counts people (no target before).
  EXPECT_EQ(Sides("Gunmen storm a hotel in Mogadishu, killing 12 and injuring 20 others."),
            "SOMUAF>SOMCVL;");
}

TEST_F(CodingArgs3Test, KinArePrivatePersons) {
  // The ex-girlfriend is a person (no target before).
  EXPECT_EQ(Sides("Authorities say a 35-year-old man stabbed his ex-girlfriend to death in "
                  "Boston."),
            "USACVL>USACVL;");
}

}  // namespace
}  // namespace dyad
