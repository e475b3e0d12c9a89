// Arguments and actors seen through the whole default pipeline (tagger on, no
// tree), on shapes of real current-events sentences (issue 18 items 2 and 4):
// which phrase is a verb's source and which its target.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingArgsTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingArgsTest, APassiveAgentAfterACommaAndAnAdverbIsTheSource) {
  // The ", allegedly by X in Y," aside is the passive's agent, not an aside.
  EXPECT_EQ(Sides("A priest is shot dead, allegedly by Indonesian army in Intan Jaya Regency, "
                  "Papua."),
            "IDNMIL>IDNREL;");
}

TEST_F(CodingArgsTest, APassiveTheTaggerMissesAfterAFormOfBe) {
  // "shot" read as a noun, "killed" as a past tense: "was" still says passive,
  // and the victim is the subject after "that", not the speaker.
  EXPECT_EQ(Sides("Venezuelan officials announce that a former chief of the Bolivarian "
                  "Intelligence Service was shot and killed on Saturday."),
            "->VENSPY;");
}

TEST_F(CodingArgsTest, CoordinatedPassivesShareTheirAgent) {
  EXPECT_EQ(Sides("At least 16 people are killed and 40 injured by two female suicide bombers near "
                  "Moscow."),
            "RUSUAF>RUSCVL;");
  EXPECT_EQ(Sides("At least 65 people are killed and 250 injured in Syrian government airstrikes "
                  "on Douma."),
            "SYRGOV>SYRCVL;");
}

TEST_F(CodingArgsTest, AParticipleAfterItsNounWithAByAgentIsPassive) {
  EXPECT_EQ(Sides("An unarmed black man, Terence Crutcher, shot dead on September 16, by a white "
                  "police officer, had acute PCP intoxication."),
            "COP>CVL;");
}

TEST_F(CodingArgsTest, APronounAfterThatStandsForTheSpeaker) {
  EXPECT_EQ(Sides("North Korea announces that it has detained an American tourist."),
            "PRK>USACVL;");
}

TEST_F(CodingArgsTest, TheCountryOfAPlaceNamedBeforeItIsWhereNotWho) {
  // "in Rawalpindi, Pakistan": no source of the harm ...
  EXPECT_EQ(Sides("A large blast occurs in Rawalpindi, Pakistan, killing at least 35 people."),
            "->PAKCVL;");
  // ... and no victim of a passive.
  EXPECT_EQ(Sides("In Aberdeen, Scotland, one student has died of injuries, and another has been "
                  "arrested."),
            "");
}

TEST_F(CodingArgsTest, TheHeadOfANounPhraseIsTheActorNotAWordOfItsModifier) {
  // A participle phrase after the noun: the leader is arrested, not the civilians.
  EXPECT_EQ(Sides("The leader of a Congolese rebel group suspected of being involved in the mass "
                  "rape of more than 300 civilians is arrested by the Congolese army."),
            "CODMIL>CODREB;");
  EXPECT_EQ(Sides("Hundreds of Israeli soldiers backed by scores of tanks and other Egyptian "
                  "police vehicles took control of the Palestinian city of Jenin."),
            "ISRMIL>-;");  // (the place taken is no target: coding_args3_test.cc)
}

TEST_F(CodingArgsTest, AVerbAfterAndSharesTheSubjectOfTheVerbBeforeIt) {
  // ("chased" is no dictionary verb: no subject is carried over from it.)
  EXPECT_EQ(
      Sides("Israeli troops chased two Palestinian protesters and arrested three journalists."),
      "ISRMIL>MED;");
}

TEST_F(CodingArgsTest, APresentParticipleRightAfterAnActorIsItsVerb) {
  EXPECT_EQ(Sides("Lord's Resistance Army leader Joseph Kony escapes an attempted assassination by "
                  "Ugandan troops attacking in Sudan."),
            "UGAMIL>UGAREB;");
}

TEST_F(CodingArgsTest, WhoSurvivesAnAttackIsItsTargetAndItsAgentTheSource) {
  EXPECT_EQ(Sides("The Sudanese president escapes an attack by rebels in Darfur."),
            "SDNREB>SDNGOV;");
}

TEST_F(CodingArgsTest, TheByPhraseOfAnEventNounIsItsAgent) {
  // The agent after "by", then the target after the noun's own preposition
  // (and the rockets fired at Israel are aimed at it: "->-" before).
  EXPECT_EQ(Sides("At least 7 people are injured in separate attacks by the Israeli Air Force on "
                  "the Gaza Strip after rockets were fired at Israel from Gaza on Wednesday."),
            "->ISR;ISRMIL>PSE;");
}

TEST_F(CodingArgsTest, TheGovernmentFacingItsOwnPeopleIsTheirs) {
  // Two countries named: the government is the opposition's, not Eritrea's.
  EXPECT_EQ(Sides("Ethiopian opposition groups demonstrate against the government's plan to "
                  "reopen border talks with Eritrea."),
            "ETHOPP>ETHGOV;ETHOPP>ERI;");
}

TEST_F(CodingArgsTest, APlaceAfterAPlaceNounIsWhereNotWho) {
  // "in the Gulf of Aden": no Yemeni target.
  EXPECT_EQ(Sides("Indian navy commandos fire on a merchant vessel in the Gulf of Aden."),
            "INDMIL>-;");
}

TEST_F(CodingArgsTest, TheCommasOfAListOfObjectsEndNoClause) {
  EXPECT_EQ(Sides("The Kurdish-led Syrian Democratic Forces hands over control of Tabqa, and the "
                  "nearby Tabqa Airbase in the Raqqa Governorate to the Syrian Army."),
            "SYRREB>SYRMIL;");
}

TEST_F(CodingArgsTest, TheObjectOfARelativeClauseIsNotTheMainClausesSubject) {
  // The officer is arrested and charged (two events), not the woman he shot.
  EXPECT_EQ(Sides("Aaron Dean, the Fort Worth, Texas police officer who shot a woman to death in "
                  "her bedroom during what was intended to be a welfare check, resigns his "
                  "position, and later that day is arrested and formally charged with murder."),
            "USACOP>USACVL;->USACOP;->USACOP;");
}

}  // namespace
}  // namespace dyad
