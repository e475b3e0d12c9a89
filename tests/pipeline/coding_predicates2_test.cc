// Predicates seen through the whole default pipeline (tagger on), on shapes of
// real current-events bullets and articles (issue 18, items 1 and 5): persons
// freed by a pardon, a commuted sentence or a release from prison; leaving an
// international body; and verbs whose own object is no actor, which must not
// reach for an actor further on in the sentence.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingPredicates2Test : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingPredicates2Test, APardonOrACommutedSentenceFreesAPerson) {
  // "Sultan Qaboos pardons 31 people previously convicted of a coup attempt":
  // CAMEO 0841 (as Phoenix's PARDON * &HOSTAGE), not forgiveness (056).
  EXPECT_EQ(Events("The Kenyan president pardons 31 political prisoners."), "0841:KENGOV>-;");
  // "Simon Mann, a British mercenary ..., is given a presidential pardon."
  EXPECT_EQ(Events("A British mercenary serving a prison sentence in Equatorial Guinea is given a "
                   "presidential pardon."),
            "0841:->GBRUAF;");
  // "U.S. President George W. Bush commutes Scooter Libby's prison sentence".
  EXPECT_EQ(Events("The Iranian president commutes the prison sentence of a French journalist."),
            "0841:IRNGOV>FRAMED;");
}

TEST_F(CodingPredicates2Test, AReleaseFromANamedPrisonFreesAPerson) {
  // "Cody Wilson ... is released from Harris County Jail": the prison's name
  // stands between "from" and "prison"; releasing persons is 0841, not 084.
  EXPECT_EQ(Events("A Ugandan opposition leader is released from Luzira prison."),
            "0841:->UGAOPP;");
}

TEST_F(CodingPredicates2Test, LeavingAnInternationalBodyBreaksRelations) {
  // "The Maldives leaves the Commonwealth of Nations after 34 years".
  EXPECT_EQ(Events("The Maldives leaves the Commonwealth of Nations."), "161:MDV>IGOCWN;");
  // "leave" with no body after it stays no predicate: the harm noun before it
  // still codes, and an order to leave keeps its main verb even when the
  // tagger reads "orders" as a noun.
  std::string ev = Events(
      "Clashes between rebels and government forces in Somalia leave several civilians dead.");
  EXPECT_NE(ev.find("190:"), std::string::npos) << ev;
  EXPECT_EQ(Events("A Kenyan judge orders protestors to leave the parliament building."),
            "1041:KENJUD>KENOPP;");
  // Withdrawing from the body is the same event.
  EXPECT_EQ(Events("Burundi withdraws from the International Criminal Court."), "161:BDI>IGOICC;");
  // Refusing to leave office is refusing to yield power, not an idle "leave".
  EXPECT_EQ(Events("The Ivorian president refuses to leave office."), "1231:CIVGOV>-;");
}

TEST_F(CodingPredicates2Test, AVerbWithANonActorObjectPicksNoActorFurtherOn) {
  // Real article text (html-articles): "raising hopes of a thaw ... coalition
  // forces" raises no troops (154).
  EXPECT_EQ(Events("The Taliban swapped two Western hostages for three of its commanders, raising "
                   "hopes of a thaw in relations between the armed group and coalition forces."),
            "0841:AFGINS>AFGINSMIL;");
  // Districts closed because of a rally restrict no rally (1721).
  EXPECT_EQ(Events("Nearly 300 school districts closed because of the rally, according to teachers "
                   "unions."),
            "");
  // Residents who refuse to leave reject no soldiers (120).
  EXPECT_EQ(Events("Some residents refusing to leave said Ukrainian soldiers were nearby."), "");
  // "school funding": "school" modifies "funding", no subject that funds (071).
  EXPECT_EQ(Events("They said they do not expect to take action on further boosting school "
                   "funding until at least 2021."),
            "");
}

TEST_F(CodingPredicates2Test, APoliceRaidIsCoercionAMilitaryRaidAnAttack) {
  // "Japanese police raid the headquarters of the Central Nippon Expressway
  // Company": a search (170); "Israeli troops raid a refugee camp": 190.
  EXPECT_EQ(Events("Kenyan police raid the offices of an opposition newspaper."),
            "170:KENCOP>KENOPPMED;");
  EXPECT_EQ(Events("Indian police carry out raids on the homes of opposition leaders."),
            "170:INDCOP>INDOPP;");
  std::string ev = Events("Israeli troops raid a refugee camp in Jenin.");
  EXPECT_NE(ev.find("190:ISRMIL>"), std::string::npos) << ev;
}

TEST_F(CodingPredicates2Test, AHeadlineVerbAfterAOneWordAgentIsNoNounHead) {
  // "A gunman kills eight people in a house-to-house rampage in Kawit, the
  // Philippines": the tagger reads "kills" as a noun after "a gunman".
  EXPECT_EQ(Events("A gunman kills eight people in a house-to-house rampage in Kawit, the "
                   "Philippines."),
            "190:PHLUAF>PHLCVL;");
}

TEST_F(CodingPredicates2Test, AnAmbushOfTroopsNamesItsTarget) {
  // "a seven-week ceasefire ... ends with the rebel ambush of government
  // troops near the town of Gulu": the of-phrase is the patient, as "attack on".
  EXPECT_EQ(
      Events("A ceasefire ends with the rebel ambush of Ugandan government troops near Gulu."),
      "190:UGAREB>UGAMIL;");
}

TEST_F(CodingPredicates2Test, TheReleaseOfPersonsNotOfDocumentsOrFilms) {
  EXPECT_EQ(Events("Iran delays the release of United States detainee Sarah Shourd."),
            "0841:->USA;");
  // "Wikileaks announces the release of 1.7 million United States diplomatic
  // documents": the country only modifies the documents.
  EXPECT_EQ(Events("Wikileaks announces the release of 1.7 million United States diplomatic and "
                   "intelligence documents."),
            "");
}

}  // namespace
}  // namespace dyad
