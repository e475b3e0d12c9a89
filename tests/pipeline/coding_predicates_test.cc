// Predicates seen through the whole default pipeline (tagger on), on shapes of
// real current-events sentences (issue 18, items 1 and 5): events written as
// nouns after a light verb or with their victims after them, and the CAMEO
// sense a predicate takes.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingPredicatesTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingPredicatesTest, AnEventNounTakesTheSubjectOfItsLightVerb) {
  // "United Nations Secretary-General Ban Ki-moon makes a surprise visit to Afghanistan".
  EXPECT_EQ(Events("The French president makes a surprise visit to Afghanistan."),
            "042:FRAGOV>AFG;");
  // "The Parliament of Moldova passes a no-confidence vote against ... cabinet".
  EXPECT_EQ(Events("The Parliament of Moldova passes a no-confidence vote against the cabinet."),
            "111:MDALEG>MDAGOV;");
  // A noun with no light verb before it has no source.
  EXPECT_EQ(Events("A no-confidence vote against the Moldovan cabinet fails."), "111:->MDAGOV;");
}

TEST_F(CodingPredicatesTest, AHarmNounNamesTheVictimsOfItsOutcome) {
  EXPECT_EQ(Events("Twin explosions are reported in the city of Mombasa, Kenya, with at least "
                   "three people killed and several injured."),
            "183:->KENCVL;");
  EXPECT_EQ(Events("An explosion at a market in Kabul results in three people killed."),
            "183:->AFGCVL;");
  // An actor after the noun that is no outcome is no victim.
  std::string ev = Events("An explosion at a market in Kabul is investigated by Afghan police.");
  EXPECT_NE(ev.find("183:->-;"), std::string::npos) << ev;
}

TEST_F(CodingPredicatesTest, AClaimOfResponsibilityNamesTheAttacker) {
  std::string ev = Events(
      "The Islamic State claims responsibility for last month's attack in Niger, which resulted "
      "in the death of six French aid workers.");
  EXPECT_NE(ev.find("190:IMGINS>NGOFRA;"), std::string::npos) << ev;
  // A claim that names the attack's target is the one event.
  EXPECT_EQ(Events("Al-Shabaab claimed responsibility for the attack on Somali soldiers near "
                   "Mogadishu."),
            "015:SOMINS>SOMMIL;");
  // A denial names no attacker.
  ev = Events("The Taliban deny responsibility for the attack on the Afghan parliament.");
  EXPECT_EQ(ev.find("190:AFGINS"), std::string::npos) << ev;
}

TEST_F(CodingPredicatesTest, AHeadlineVerbReadAsANounAfterAnAsideIsTheVerb) {
  // "A bomb explosion among crowds ..., one of their holiest commemorations,
  // kills at least 12 people": the tagger reads "kills" as a noun.
  std::string ev = Events(
      "A car bomb explosion near a mosque in Baghdad, the capital of the country, kills at least "
      "12 people.");
  EXPECT_NE(ev.find("183:"), std::string::npos) << ev;
  EXPECT_NE(ev.find(">IRQCVL;"), std::string::npos) << ev;
}

TEST_F(CodingPredicatesTest, ChargingSomeoneIsAnAccusationOfCrime) {
  // CAMEO 1121, as the event nouns "charges", "indictment" and "prosecution".
  EXPECT_EQ(
      Events("Russian billionaire Alexander Lebedev is charged with hooliganism and battery."),
      "1121:->RUS;");
  EXPECT_EQ(Events("Kenyan prosecutors charge the former finance minister with corruption."),
            "1121:KENJUD>KENELI;");
  // Charging a fee is no event.
  EXPECT_EQ(Events("The Kenyan government charges a fee for every visa."), "");
}

TEST_F(CodingPredicatesTest, ConcedingDefeatIsYieldingNotSurrender) {
  // "Outgoing president Abdulla Yameen concedes defeat to opposition candidate ...".
  EXPECT_EQ(Events("The outgoing president concedes defeat to the Maldivian opposition."),
            "080:MDVGOV>MDVOPP;");
}

TEST_F(CodingPredicatesTest, GainingControlOfAPlaceIsOccupation) {
  // "the Syrian Army has gained control over Manbij and the surrounding area".
  EXPECT_EQ(Events("The Syrian army has gained control over the city of Manbij."), "192:SYRMIL>-;");
  EXPECT_EQ(Events("Somali troops regain control of the town of Baidoa from al-Shabaab."),
            "192:SOMMIL>SOMINS;");
  // Control of a legislature is an election result.
  EXPECT_EQ(Events("Democrats gain control of the House in the midterm elections."), "");
}

TEST_F(CodingPredicatesTest, TwoVerbsJoinedByAndShareTheirObject) {
  // "Palestinian gunmen kidnap and then release American professor Douglas
  // Johnson": the tagger reads "kidnap" as a noun.
  EXPECT_EQ(Events("In retaliation, Palestinian gunmen kidnap and then release an American "
                   "professor."),
            "181:PSEUAF>USAEDU;084:PSEUAF>USAEDU;");
}

TEST_F(CodingPredicatesTest, GivingUpWeaponsIsDisarmingNotMilitaryAid) {
  // "... first say they intend to give up their weapons, then retract".
  EXPECT_EQ(Events("Ugandan rebels say they intend to give up their weapons."), "0356:UGAREB>-;");
  EXPECT_EQ(Events("The United States will give weapons to Ukraine."), "072:USA>UKR;");
}

TEST_F(CodingPredicatesTest, AFightBetweenTwoSidesCodesTheFirstAgainstTheSecond) {
  // "A shootout between armed robbers and civilian bystanders ...": "armed"
  // modifies the actor after it, no arming (072).
  EXPECT_EQ(Events("A shootout between armed robbers and civilian bystanders at a mall in San "
                   "Antonio, Texas, leaves one dead."),
            "190:USACRM>USACVL;");
  // A ceasefire "between" two sides may be ending.
  EXPECT_EQ(Events("A seven-week ceasefire between the government and the Lord's Resistance "
                   "Army ends."),
            "");
}

TEST_F(CodingPredicatesTest, AVerbFormAfterAPossessiveIsNoPredicate) {
  // "... may not complete its proposed acquisition of Canadian steel company Dofasco".
  EXPECT_EQ(Events("The company may not complete its proposed acquisition of Canadian steel "
                   "company Dofasco."),
            "");
  EXPECT_EQ(
      Events("The Japanese regulator said CME's proposed contract is designed for investors."), "");
}

TEST_F(CodingPredicatesTest, AWarningAboutADangerIsNoThreat) {
  EXPECT_EQ(Events("Vanuatu's opposition leader warns about the sale of citizenship to "
                   "international criminals."),
            "");
  EXPECT_EQ(Events("North Korea warns the United States of retaliation."), "138:PRK>USA;");
}

TEST_F(CodingPredicatesTest, AnEventNounInATopicLabelIsNoEvent) {
  // "2003 occupation of Iraq: 7 newly US-trained Iraqi policemen are killed ...".
  EXPECT_EQ(Events("2003 occupation of Iraq: 7 newly US-trained Iraqi policemen are killed by an "
                   "explosion in Ramadi."),
            "190:->IRQCOP;");
  // (The resignation after it is no event either: tests/gold/README.md.)
  EXPECT_EQ(Events("Egyptian protests: Hosni Mubarak resigns as President of Egypt."), "");
}

TEST_F(CodingPredicatesTest, SigningATradeOrDefencePactIsSigningAnAgreement) {
  EXPECT_EQ(Events("South Korea and the European Union sign a free trade agreement."),
            "057:KOR>IGOEUR;057:IGOEUR>KOR;");
  // An agreement signed "with" an actor binds both (tests/gold/README.md).
  EXPECT_EQ(Events("Sudan signs an economic cooperation agreement with Egypt."),
            "057:SDN>EGY;057:EGY>SDN;");
}

TEST_F(CodingPredicatesTest, FightingAProblemIsNoAttack) {
  // "... to block the law from being used to fight global warming".
  EXPECT_EQ(Events("The Bush administration issued regulations to block the law from being used "
                   "to fight global warming."),
            "");
  EXPECT_EQ(Events("Kenyan troops fight al-Shabaab militants near the border."),
            "190:KENMIL>SOMINS;");
}

TEST_F(CodingPredicatesTest, ASuicideBomberIsNoWarplane) {
  // "A suicide bomber detonates a tricycle taxi filled with explosives ...".
  EXPECT_EQ(Events("A suicide bomber detonates a tricycle taxi filled with explosives at a venue "
                   "in Damaturu, Nigeria."),
            "1831:NGAUAF>-;");
}

TEST_F(CodingPredicatesTest, DowningAnAircraftIsAnAttackDowningATeamIsSport) {
  EXPECT_EQ(Events("Syrian rebels downed a government helicopter near Aleppo."),
            "190:SYRREB>SYRGOV;");
  EXPECT_EQ(Events("The Boston Celtics down the Los Angeles Lakers 110-98."), "");
}

TEST_F(CodingPredicatesTest, InjuringIsHarmWhenABombOrAnAttackDoesIt) {
  EXPECT_EQ(Events("A double bombing injures three police officers in Tehran, Iran."),
            "183:->IRNCOP;");
  EXPECT_EQ(Events("Star striker Harry Kane injures his ankle in the match against Chelsea."), "");
  EXPECT_EQ(Events("Five people are injured in a bus crash in Kenya."), "");
}

}  // namespace
}  // namespace dyad
