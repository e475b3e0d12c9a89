// Law and crime: who the convicted and the accused are, and who did the deed
// a conviction names, through the whole default pipeline (tagger and name
// finder on, no tree), on shapes of real current-events sentences (issue 18,
// items 1, 2 and 4).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingLaw5Test : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingLaw5Test, WhomACourtSentencesIsACriminal) {
  // A plain citizen found guilty or sentenced is a criminal (USACVL before).
  EXPECT_EQ(Events("An Atlanta judge sentenced Brian Nichols to life in prison."),
            "116:USAJUD>USACRM;");
  // A role the sentence gives stays: the billionaire is a businessman.
  EXPECT_EQ(Events("A Moscow court sentences opposition leader Alexei Navalny to three years in "
                   "prison."),
            "116:RUSJUD>RUSOPP;");
  // An arrest or a charge says nothing of guilt: the man stays a citizen.
  EXPECT_EQ(Events("Police arrest a man in Wichita."), "173:USACOP>USACVL;");
}

TEST_F(CodingLaw5Test, TheConvictedDidTheDeedTheConvictionNames) {
  // The killing's agent is whom the court sentences (no source before).
  EXPECT_EQ(Events("Four people are sentenced to death in Tanzania for the killing of an albino "
                   "man."),
            "116:->TZACRM;1823:TZACRM>TZACVL;");
  // ... and whom a prosecutor charges.
  EXPECT_EQ(Events("Prosecutors in Ohio charge two men with the murder of a police officer."),
            "1121:USAJUD>USACVL;1823:USACVL>USACOP;");
  // A noun the accusation does not aim at its target keeps its own sides.
  EXPECT_EQ(Events("The UN condemns the killing of 12 civilians in Mali."),
            "111:IGOUNO>MLICVL;1823:->MLICVL;");
}

TEST_F(CodingLaw5Test, HarmWithinOneGroupIsAnEvent) {
  // The passive's agent has the victims' code; still the shooter (victims
  // alone before).
  EXPECT_EQ(Events("Two Turkish soldiers are shot dead by a third soldier in the province of "
                   "Mugla."),
            "190:TURMIL>TURMIL;");
  // Members of one compound do not harm each other (IRQCVL>IRQCVL before;
  // then no event while "kills/NOUN" after "A bomb" was read as a noun: now
  // the bomb's victims), and a man may kill a person of his own code.
  EXPECT_EQ(Events("A bomb kills seven people and injures 66 others in Mosul."), "183:->IRQCVL;");
  EXPECT_EQ(Events("A man kills his wife in Texas."), "190:USACVL>USACVL;");
  // Other acts by one's own are no pair: the target stands alone.
  EXPECT_EQ(Events("Israeli police are criticised by Israeli police."), "111:->ISRCOP;");
}

TEST_F(CodingLaw5Test, ANameIsCodedByItsTitleBeforeARelativeClause) {
  // The apposition's title ends at "who" and holds a place's comma; the name
  // is the actor (the title "police officer" was, so the name was lost).
  EXPECT_EQ(Events("Aaron Dean, the Fort Worth, Texas police officer who shot a woman in her "
                   "home, is arrested."),
            "190:USACOP>USACVL;173:->USACOP;");
  // The same comma inside an object: "Maricopa County, Arizona sheriff" (no
  // target before).
  EXPECT_EQ(Events("Prosecutors file charges against Maricopa County, Arizona sheriff Joe Arpaio."),
            "1121:USAJUD>USACOP;");
  // "Luhansk region" is no title: the comma still ends the clause.
  EXPECT_EQ(
      Events("A series of blasts at an ammunition depot in Svatove, Luhansk region of eastern "
             "Ukraine leaves four dead and eight injured."),
      "");
  // A place's comma followed by no title stays the apposition's end.
  EXPECT_EQ(Events("Jean Dupont, a lawyer in Paris, France, is arrested."), "173:->FRACVL;");
  const CodedArticle coded = Code(
      "Aaron Dean, the Fort Worth, Texas police officer who shot a "
      "woman in her home, is arrested.");
  ASSERT_EQ(coded.events.size(), 2u);
  ASSERT_TRUE(coded.events[1].target.has_value());
  EXPECT_EQ(coded.events[1].target->text, "Aaron Dean");
}

TEST_F(CodingLaw5Test, TheMainClauseAfterAnOpeningPhraseIsNoAside) {
  // The words between the first two commas were set aside as a comma clause
  // (no event at all before).
  EXPECT_EQ(Events("In Azerbaijan, president Ilham Aliyev announces pardons for 114 people, "
                   "including 7 opposition leaders."),
            "0841:AZEGOV>AZECVL;");
  EXPECT_EQ(Events("In Iraq, gunmen kill five people, including two children."),
            "190:IRQUAF>IRQCVL;");
  // A real aside after the opening phrase stays one.
  EXPECT_EQ(Events("In Iraq, a country at war, gunmen kill five people."), "190:IRQUAF>IRQCVL;");
}

TEST_F(CodingLaw5Test, LawEnforcementRaidsAreCoercion) {
  // As police raids are (190, an attack, before).
  EXPECT_EQ(Events("Law enforcement agencies in Spain conduct raids on homes."), "170:ESPCOP>-;");
  EXPECT_EQ(Events("Law enforcement officers raid a mosque in Hamburg."), "170:DEUCOP>DEUREL;");
}

TEST_F(CodingLaw5Test, AVerbAfterAPlaceAsideIsTheMainVerb) {
  // ", Mississippi, shoots 13 co-workers," was set aside as a comma clause;
  // co-workers are workers (LAB). (", killing five," is the shooting's
  // outcome, no aside: an event of its own.)
  EXPECT_EQ(Events("A worker at a Lockheed Martin aircraft parts factory in Meridian, Mississippi, "
                   "shoots 13 co-workers, killing five, before committing suicide."),
            "190:USALAB>USALAB;190:USALAB>USACVL;");
  // The present tense read as a noun after the place's comma is the verb too
  // (the people killed were its source before).
  EXPECT_EQ(Events("A blast outside a polling station in Quetta, Pakistan, kills 31 people and "
                   "wounds several more on election day."),
            "190:->PAKCVL;");
  // A past form after the comma may open an aside: the confession is hers.
  EXPECT_EQ(
      Events("Sakineh Mohammadi Ashtiani, sentenced to death in Iran, confesses to adultery."),
      "015:IRNCVL>-;");
}

TEST_F(CodingLaw5Test, APersonsMurderWasDoneToThatPerson) {
  // The possessor of a killing is its victim (its agent before).
  EXPECT_EQ(Events("Turkey demands an investigation into Jamal Khashoggi's killing."),
            "100:TUR>CVL;1823:->TURCVL;");
  EXPECT_EQ(Events("Protesters demand justice for the journalist's murder in Malta."),
            "100:MLTOPP>MLTMED;1823:->MLTMED;");
  // A state's executions are its own, and an "of" phrase names the victim.
  EXPECT_EQ(Events("Iran's execution of two men draws criticism."), "1823:IRN>IRNCVL;");
}

TEST_F(CodingLaw5Test, TheVictimOfAnInvestigatedDeedIsNotInvestigated) {
  // The journalist was the investigation's target before; the killing keeps her.
  EXPECT_EQ(Events("Police are investigating the murder of a journalist in Malta."),
            "091:MLTCOP>-;1823:->MLTMED;");
  // Whom the police investigate is still the target.
  EXPECT_EQ(Events("Police investigate two British tourists in Thailand."), "090:THACOP>GBRCVL;");
}

TEST_F(CodingLaw5Test, SendingSomeoneToPrisonHoldsThem) {
  // 173 on whom is sent (no event before; the gang jailed Moscow before).
  EXPECT_EQ(Events("A court sends the former president to prison for ten years."), "173:JUD>ELI;");
  EXPECT_EQ(Events("The former mayor is sent to prison for corruption."), "173:->ELI;");
  // Ordered to go to jail, ordered jailed: held (100, a demand, before).
  EXPECT_EQ(Events("The Mayor of Detroit Kwame Kilpatrick is ordered to go to jail for violating "
                   "the terms of his bond."),
            "173:->GOV;");
  EXPECT_EQ(Events("A judge orders the former minister jailed for five years."), "173:JUD>ELI;");
  // Other orders keep their codes.
  EXPECT_EQ(Events("The court ordered the government to release the prisoners."), "1053:JUD>GOV;");
}

}  // namespace
}  // namespace dyad
