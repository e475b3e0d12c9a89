// Clause structure seen through the whole default pipeline (tagger on), on
// shapes of real current-events bullets (issue 18, items 2 and 7): an
// adverbial clause ("after X kill Y") and a relative clause ("a bombing that
// killed 14 people") are clauses of their own, and an act of harm whose
// subject is a weapon or an attack written as a noun has no actor source
// but that noun's own agent.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingPredicates3Test : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingPredicates3Test, AnAdverbialClauseKeepsItsOwnSubject) {
  // "Indian police arrest 29 people after National Democratic Front of
  // Bodoland separatists kill 29 Muslims and burn down homes": the burning is
  // the separatists', not the police's. (Since "Muslims" is an agent, the
  // killing is the clause's event, with the separatists as its source.)
  EXPECT_EQ(Events("Indian police arrest 29 people after separatists kill 29 Muslims and burn "
                   "down homes."),
            "173:INDCOP>INDCVL;190:INDSEP>INDMOS;");
  // "after" before a noun phrase alone opens no clause: the verb's object
  // stays reachable ("arrest ... after the attack").
  EXPECT_EQ(Events("Kenyan police arrest five Somali men after the attack."), "173:KENCOP>SOMCVL;");
}

TEST_F(CodingPredicates3Test, AWeaponSubjectGivesNoActorSource) {
  // "A bomb explosion among crowds of Shiite Muslims ..., kills at least 12
  // people": the crowds are where the bomb struck, not who set it off.
  EXPECT_EQ(Events("A bomb explosion among crowds of Shiite pilgrims kills at least 12 people."),
            "183:->CVL;");
}

TEST_F(CodingPredicates3Test, ARelativeClauseOnAnAttackTakesNoMainSubject) {
  // "Hundreds of Israeli soldiers ... took control of the Palestinian city of
  // Jenin in response to a suicide bombing that killed 14 people".
  EXPECT_EQ(Events("Israeli soldiers took control of the city of Jenin in response to a suicide "
                   "bombing that killed 14 people."),
            "192:ISRMIL>-;190:->ISRCVL;");
  // A relative clause on nature, past the place it struck, is no attack
  // ("survivors of a powerful earthquake on a Gulf island that killed 10").
  EXPECT_EQ(Events("Rescue workers help survivors of a powerful earthquake on a Greek island that "
                   "killed 10 people."),
            "073:->GRCLAB;");
  // A bare place before "that" names where the noun was, not the antecedent.
  EXPECT_EQ(Events("Israeli soldiers killed a man in an attack on a village in Gaza that killed 10 "
                   "people."),
            "190:ISRMIL>PSECVL;190:->PSECVL;");
  // The noun's own agent stays its source ("Israeli airstrikes that killed").
  std::string ev =
      Events("Israeli airstrikes that killed 10 civilians were condemned by the United Nations.");
  EXPECT_NE(ev.find("190:ISR>"), std::string::npos) << ev;
  // Who claims responsibility for the attack is its source; the claim itself
  // names no target inside the relative clause.
  EXPECT_EQ(Events("Syrian rebels claimed responsibility for the attack on the airport that "
                   "killed 20 soldiers."),
            "015:SYRREB>-;190:SYRREB>SYRMIL;190:SYRREB>-;");
}

TEST_F(CodingPredicates3Test, TalksAndAgreementsWithAnActorGoBothWays) {
  // "U.S. President George W. Bush holds talks with the President of Russia
  // Vladimir Putin", "The Vatican signs a provisional agreement with China":
  // both sides meet and agree (PETRARCH's require_dyad keeps one direction).
  EXPECT_EQ(Events("The Vatican signs an agreement with China on the appointment of bishops."),
            "057:VAT>CHN;057:CHN>VAT;");
  EXPECT_EQ(Events("The Iranian foreign minister meets with Iraqi officials in Baghdad."),
            "040:IRNGOV>IRQGOV;040:IRQGOV>IRNGOV;");
  // A visit goes one way.
  EXPECT_EQ(Events("The Iranian foreign minister visits Iraq."), "042:IRNGOV>IRQ;");
}

TEST_F(CodingPredicates3Test, ThePredicateAfterALongSubjectAsideIsNoAside) {
  // "Simon Mann, a British mercenary who had been serving a 34-year prison
  // sentence ..., is given a presidential pardon", "Cody Wilson, who was
  // arrested in Taiwan ..., is released from Harris County Jail": the words
  // after the last comma are the sentence's own predicate.
  EXPECT_EQ(Events("A Ugandan opposition leader, who had been held in a prison in Kampala for "
                   "three years on charges of treason, is released from prison."),
            "0841:->UGAOPP;");
}

TEST_F(CodingPredicates3Test, ADeploymentOrACoupWrittenAsANounIsAnEvent) {
  // "The U.S. military ... announces the deployment of 1,500 additional
  // troops to Iraq": mobilizing (154); where the troops go is no target.
  EXPECT_EQ(Events("The British government announces the deployment of 500 troops to Mali."),
            "154:GBRGOV>-;");
  // "An attempted coup by disaffected former soldiers of Côte d'Ivoire".
  EXPECT_EQ(Events("A coup by army officers against the president of Niger is foiled."),
            "180:NERMIL>NERGOV;");
}

TEST_F(CodingPredicates3Test, AClosingParticipleOfHarmIsAnEventOfItsOwn) {
  // "A large blast occurs in Rawalpindi, Pakistan, killing at least 35": the
  // closing ", killing ..." is the outcome of the attack, not an aside.
  EXPECT_EQ(Events("A bomb explodes at a market in Peshawar, Pakistan, killing 20 civilians."),
            "190:->PAKCVL;");
  // Its subject is the main clause's: a weapon's target is no source ("An
  // air strike intended to target an al Qaeda convoy ..., killing 15
  // civilians").
  std::string ev = Events(
      "An air strike aimed at a Taliban convoy hits a wedding party in Afghanistan, killing 15 "
      "civilians.");
  EXPECT_NE(ev.find("190:->AFGCVL;"), std::string::npos) << ev;
  EXPECT_EQ(ev.find("AFGINS>"), std::string::npos) << ev;
  // After an accident or nature it is no event ("A landslide pushes a bus
  // into a ravine in Colombia, killing 13 people").
  EXPECT_EQ(Events("A landslide pushes a bus into a ravine in Colombia, killing 13 people."), "");
}

TEST_F(CodingPredicates3Test, AFurtherActOfHarmWithNoActorAddsNoOneSidedEvent) {
  // "A gunman shoots and kills three people and wounds four others in
  // Jonesboro, Arkansas, U.S., and then dies": one attack by the gunman.
  EXPECT_EQ(Events("A gunman shoots and kills three people and wounds four others in Jonesboro, "
                   "Arkansas."),
            "190:USAUAF>USACVL;");
}

}  // namespace
}  // namespace dyad
