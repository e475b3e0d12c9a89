// Coding rules seen through the whole default pipeline (tagger on), on shapes
// of real current-events sentences: generic actors' countries (issue 18 item 4)
// and the agents of passives without a tree.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/pipeline.h"

namespace dyad {
namespace {

class CodingRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto p = Pipeline::Create(PipelineOptions{});
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value().release();
  }
  static void TearDownTestSuite() {
    delete pipeline_;
    pipeline_ = nullptr;
  }

  // The codes of the sides of every event coded from `body`, "SRC>TGT;".
  static std::string Sides(const std::string& body) {
    Article a;
    a.id = "t";
    a.date = "2019-03-05";
    a.body = body;
    CodedArticle coded;
    EXPECT_TRUE(pipeline_->Process(a, &coded).ok());
    std::string out;
    for (const Event& e : coded.events)
      out += (e.source ? e.source->code : "-") + ">" + (e.target ? e.target->code : "-") + ";";
    return out;
  }

  static Pipeline* pipeline_;
};

Pipeline* CodingRulesTest::pipeline_ = nullptr;

TEST_F(CodingRulesTest, AGenericActorTakesTheOnlyCountryTheArticleNames) {
  // A real shape from the current-events portal (Law and crime, 2019).
  std::string sides = Sides(
      "The Swedish Financial Supervisory Authority announces it will launch an investigation "
      "into the bank for suspected market abuses.");
  EXPECT_NE(sides.find("SWEBUS"), std::string::npos) << sides;
}

TEST_F(CodingRulesTest, AnArticleNamingTwoCountriesGivesNone) {
  std::string sides = Sides(
      "Swedish and Norwegian regulators met on Tuesday. The supervisory authority announces it "
      "will launch an investigation into the bank for suspected market abuses.");
  EXPECT_NE(sides.find(">BUS;"), std::string::npos) << sides;  // coded, with no country
}

TEST_F(CodingRulesTest, APassiveHarmTakesItsAgentFromTheAttackItHappenedIn) {
  // "Twelve villagers are killed and 14 are wounded in an attack by ..."
  EXPECT_EQ(Sides("Twelve villagers are killed in Nigerian army airstrikes."), "NGAMIL>NGACVL;");
  // Modifiers between "by" and the agent.
  EXPECT_EQ(Sides("Twelve villagers are killed by two Nigerian soldiers."), "NGAMIL>NGACVL;");
  // A place is no agent, and an agent coded as its victim is no pair.
  EXPECT_EQ(Sides("Five Afghan policemen were killed in Kabul."), "->AFGCOP;");
  EXPECT_EQ(Sides("Two Turkish soldiers are shot dead by a third soldier."), "->TURMIL;");
}

TEST_F(CodingRulesTest, ALaterMentionOfANameIsTheActorItsFirstMentionWas) {
  // A person no dictionary knows, first named with a title, then by surname.
  EXPECT_EQ(Sides("Nigerian Interior Minister Ahmed Salemu visited Chad on Monday. Salemu later "
                  "accused Cameroon of harbouring the plotters."),
            "NGAGOV>TCD;NGAGOV>CMR;");
  // A person no dictionary knows is a citizen of the country where the event happened.
  EXPECT_EQ(Sides("Police in Toronto arrested Dellen Millard on Monday."), "CANCOP>CANCVL;");
  // Without the first mention the surname is a person of its own, a citizen
  // (CVL) whose country the state it accuses does not tell.
  EXPECT_EQ(Sides("Salemu later accused Cameroon of harbouring the plotters."), "CVL>CMR;");
  // "He" opening the next sentence is that person; three sentences on, no one.
  EXPECT_EQ(Sides("Nigerian Interior Minister Ahmed Salemu visited Chad on Monday. He later "
                  "accused Cameroon of harbouring the plotters."),
            "NGAGOV>TCD;NGAGOV>CMR;");
  EXPECT_EQ(Sides("Nigerian Interior Minister Ahmed Salemu visited Chad on Monday. The weather "
                  "was mild. Markets were calm. He later accused Cameroon of harbouring the "
                  "plotters."),
            "NGAGOV>TCD;->CMR;");
}

TEST_F(CodingRulesTest, EventsWrittenAsNounsWithoutATree) {
  EXPECT_EQ(Sides("Residents reported an Israeli airstrike on Gaza overnight."), "ISR>PSE;");
  EXPECT_EQ(Sides("Hundreds gathered after the arrest of Ugandan opposition leader Kizza Besigye."),
            "->UGAOPP;");
  // The object of a coded verb is no event of its own.
  EXPECT_EQ(Sides("Police detained two men over the airstrike on Gaza."), "PSECOP>PSECVL;");
  EXPECT_EQ(Sides("Hezbollah claimed responsibility for the rocket attack on northern Israel."),
            "LBNINS>ISR;");
}

TEST_F(CodingRulesTest, AVerbTaggedAsANounAfterItsSubjectBeforeANumberIsAVerb) {
  // The tagger reads "kidnap" as a noun in this headline-style sentence.
  EXPECT_EQ(Sides("Insurgents kidnap 30 students."), "INS>EDU;");
}

TEST_F(CodingRulesTest, APlaceIsNeverTheSubject) {
  // "A series of bombings in Baghdad and Karbala kill at least 33 people".
  EXPECT_EQ(Sides("A series of bombings in Baghdad kill at least 33 people."), "->IRQCVL;");
}

TEST_F(CodingRulesTest, CompoundSubjectsPairWhenAPatternNamesTheObject) {
  // The pattern "SIGN * &ECONOMICCOOPERATION" fired: the agreement is the event.
  EXPECT_EQ(Sides("South Korea and the European Union sign a free trade agreement."),
            "KOR>IGOEUR;IGOEUR>KOR;");
}

TEST_F(CodingRulesTest, AHeadlineVerbAfterItsNounSubjectIsAVerb) {
  // "A suicide bomber kills two Pakistani policemen ..." (the tagger: kills/NOUN).
  EXPECT_EQ(Sides("A suicide bomber kills two Pakistani policemen."), "PAKUAF>PAKCOP;");
  // "A missile hits ...": a finite verb after "a + noun" is no compound noun.
  EXPECT_EQ(Sides("A missile hits Israeli soldiers near the border."), "->ISRMIL;");
  // ... while "a heart attack" still is one.
  EXPECT_EQ(Sides("The Nigerian president suffered a heart attack on Monday."), "");
}

TEST_F(CodingRulesTest, ASubordinateClauseHasItsOwnSubject) {
  // "... are killed after a bomb explodes": the victims do not set off the bomb.
  EXPECT_EQ(Sides("At least 22 people are killed after two bombs explode at a market in Pakistan."),
            "->PAKCVL;");
}

TEST_F(CodingRulesTest, HarmIsDoneToSomeoneNotToThePlaceItHappenedIn) {
  EXPECT_EQ(Sides("Taliban militants attack a convoy in Afghanistan."), "AFGINS>-;");
  // "at" names a target of fire.
  EXPECT_EQ(Sides("North Korea fires artillery shells at Seoul."), "PRK>KOR;");
}

TEST_F(CodingRulesTest, AnAttackWithNoActorNamedIsAnEventWhereItHappened) {
  EXPECT_EQ(Sides("A missile hits a house in Baghdad."), "->-;");
  EXPECT_EQ(Sides("A car bomb explosion in Mogadishu was heard across the city."), "->-;");
  // Those who died in it are its victims.
  EXPECT_EQ(Sides("Eight people die in a car bomb explosion at a tourist site in Yemen."),
            "->YEMCVL;");
  // No place, no event; and one harm is one event.
  EXPECT_EQ(Sides("A missile hits a house."), "");
  EXPECT_EQ(Sides("At least 35 people are killed after a suicide bombing at the airport in "
                  "Moscow."),
            "->RUSCVL;");
}

TEST_F(CodingRulesTest, HarmInAnAccidentIsNoAttack) {
  // Shapes of the portal's "Disasters and accidents" section.
  EXPECT_EQ(Sides("A light aircraft crashed on the outskirts of Kathmandu, killing all 16 "
                  "passengers."),
            "");
  EXPECT_EQ(Sides("104 Ecuadorians are killed when their ship sinks off the coast of Colombia."),
            "");
  EXPECT_EQ(Sides("104 Ecuadorians are killed when gunmen attack their boat."), "->ECU;");
  EXPECT_EQ(Sides("One man is killed and five others are injured after a sailboat breaks up and "
                  "sinks off San Clemente, California."),
            "");
}

TEST_F(CodingRulesTest, ASecondParticipleSharesThePassiveAndPeopleActOnPeople) {
  // "was shot and killed by police": "killed" is passive too; its agent is no target.
  EXPECT_EQ(Sides("Two Greek soldiers were shot and killed by police in Athens."),
            "GRCCOP>GRCMIL;");
  // Two generic people of the same code are two people ("A Michigan man shot to death one
  // person"), where two mentions of one state are one actor.
  EXPECT_EQ(Sides("A Michigan man shot one person on Monday."), "USACVL>USACVL;");
}

TEST_F(CodingRulesTest, APassiveSubjectIsNotInARelationalPhrase) {
  // "The results of a Royal Commission on ... the relationship between Canada and ... is
  // released": Canada is released by no one.
  EXPECT_EQ(Sides("The results of a commission on the relationship between Canada and "
                  "Newfoundland are released."),
            "");
  EXPECT_EQ(Sides("Five Canadian hostages are released."), "->CAN;");
}

TEST_F(CodingRulesTest, AClauseOpeningWithAnAuxiliaryAfterAnAsideIsTheMainClause) {
  EXPECT_EQ(Sides("Syrian general Issam Zahreddine, known for leading battles against the "
                  "rebels in Homs, is killed by a landmine in Deir ez-Zor, according to media."),
            "->SYRMIL;");
}

}  // namespace
}  // namespace dyad
