// Passives and participle clauses of news prose, through the whole default
// pipeline: the patient of "after being seized", the second conjunct of a
// passive, closing participles after the first one.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingPassivesTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingPassivesTest, AfterBeingSeizedTheMainSubjectIsThePatient) {
  EXPECT_EQ(Events("Tanzanian billionaire Mohammed Dewji is freed by his captors nine days after "
                   "being seized by unknown gunmen."),
            "084:->TZA;171:TZAUAF>TZA;");
  EXPECT_EQ(Events("A student dies after being attacked by security forces amid anti-government "
                   "demonstrations in the country."),
            "190:MIL>EDU;");
  // The phrase opens the sentence: the actor after its comma.
  const std::string qanbar =
      Sides("Despite being captured by American forces, the Iraqi general remained defiant.");
  EXPECT_EQ(qanbar, "USAMIL>IRQMIL;");
  // Struck by a vehicle: an accident, whoever is struck.
  EXPECT_EQ(Events("American graphic designer Richard Swanson dies after being struck by a "
                   "pickup truck in Oregon."),
            "");
  // "says an officer was injured": the clause's own subject, not the speaker.
  const std::string officer = Sides(
      "The Milwaukee Police Department says an officer was injured after being struck in the "
      "head by a brick.");
  EXPECT_EQ(officer.find(">USAGOV"), std::string::npos) << officer;
  EXPECT_EQ(officer.find(">GOV"), std::string::npos) << officer;
}

TEST_F(CodingPassivesTest, APatientAfterAPrepositionIsNoSubjectOfTheBeingPhrase) {
  // The proposals were vetoed, not the women of "work by women".
  const std::string sides = Sides(
      "The proposals allowing night-shift work by women are to be put to parliament after being "
      "vetoed by Mitterrand.");
  EXPECT_TRUE(sides.ends_with(">-;")) << sides;
}

TEST_F(CodingPassivesTest, ASecondPassiveSharesThePatientAndTheByAgent) {
  // The agent of the first participle, the patient before it.
  EXPECT_EQ(Events("Karimian had previously been tried in absentia by a Tehran court and "
                   "sentenced to six years in prison for spreading propaganda against Iran."),
            "116:IRNJUD>IRNCRM;");
  EXPECT_EQ(Events("Roger Stone, a former adviser to U.S. President Donald Trump, is indicted by a "
                   "federal grand jury and arrested on charges of obstruction."),
            "1121:USAJUD>USACVL;173:USAJUD>USACVL;");
  // A person named by a pronoun is acted on, though no actor.
  EXPECT_EQ(Events("He was hauled out of the building by British police and promptly taken into "
                   "custody."),
            "173:GBRCOP>-;");
  // The patient of a relative "who was ...": the noun it stands for.
  EXPECT_EQ(Events("Police found a girl who was ripped from her mother's arms and kidnapped in "
                   "broad daylight."),
            "181:->CVL;");
  EXPECT_EQ(Events("Aseem Trivedi is granted bail and freed on 13 September 2012."),
            "0841:->CVL;084:->CVL;");
}

TEST_F(CodingPassivesTest, AVerbWithAnObjectAfterAPassiveIsActive) {
  EXPECT_EQ(Events("The plan was launched in October 1985 by Secretary Baker and called on "
                   "commercial and multilateral banks to lend 29 billion dlrs."),
            "020:CVL>BUS;");
}

TEST_F(CodingPassivesTest, AClosingParticipleOfHarmIsDoneByThatHarm) {
  // "injuring" codes harm only when an attack or a bomb does it: the attack
  // its sentence closes on.
  EXPECT_EQ(Events("A car bomb exploded near a police station in Kirkuk, killing five policemen "
                   "and injuring 12 civilians."),
            "190:->IRQCOP;190:->IRQCVL;");
  const std::string vilks = Events(
      "Danish Police seek a gunman who fired an automatic weapon at a free speech seminar in "
      "Copenhagen, killing a documentary maker and injuring Swedish artist Lars Vilks.");
  EXPECT_NE(vilks.find("190:DNKUAF>SWE;"), std::string::npos) << vilks;
  // No harm before it: an injury is none; a storm's harm is none.
  EXPECT_EQ(Events("He injured his knee, and the match was cancelled."), "");
  EXPECT_EQ(Events("A storm hit the coast, killing five people and injuring 12."), "");
}

TEST_F(CodingPassivesTest, AClosingParticipleIsDoneByTheSubjectOfTheClauseItCloses) {
  // The militants, not the building they attacked.
  EXPECT_EQ(Events("Four militants attack a state television building in Jalalabad, killing at "
                   "least six people."),
            "190:AFGINS>AFGGOVMED;190:AFGINS>AFGCVL;");
  // The clause's own auxiliary, not the verb that reports it; a passive's agent.
  EXPECT_EQ(Events("Baghdad said its forces had repulsed the attack, killing thousands of "
                   "Iranians."),
            "190:IRQMIL>-;190:IRQMIL>IRN;");
  EXPECT_EQ(Events("A market in the town of Harem, Idlib province, is reportedly struck by "
                   "Russian aircraft, killing 35 people including 12 children."),
            "190:RUS>-;190:RUS>CVL;");
}

TEST_F(CodingPassivesTest, AHeadlineParticipleAfterANameIsAPassive) {
  // ECB+ headlines: no auxiliary, no other verb; the name is acted on.
  EXPECT_EQ(Events("Chargers' Jamal Williams arrested on DUI suspicion"), "173:->CVL;");
  EXPECT_EQ(Events("John Jenkin accused of Millom mother and sister murder"), "112:->CVL;");
  // A clause before the name, or a verb that takes "to"/"at", stays active.
  const std::string smith =
      Events("David Tennant then starred for three seasons before Smith took over in 2010.");
  EXPECT_EQ(smith.find(":->"), std::string::npos) << smith;
  EXPECT_EQ(Events("Iraq refused to sign the pact."), "127:IRQ>-;");
}

}  // namespace
}  // namespace dyad
