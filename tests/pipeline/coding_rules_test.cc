// Coding rules seen through the whole default pipeline (tagger on), on shapes
// of real current-events sentences: generic actors' countries (issue 18 item 4)
// and the agents of passives without a tree.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingRulesTest : public coding_testing::DefaultPipelineTest {};

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
  // A place is no agent; an agent coded as its victim is one when it harms
  // (the gold set's convention, issue 18; coding_law5_test.cc).
  EXPECT_EQ(Sides("Five Afghan policemen were killed in Kabul."), "->AFGCOP;");
  EXPECT_EQ(Sides("Two Turkish soldiers are shot dead by a third soldier."), "TURMIL>TURMIL;");
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
  EXPECT_EQ(Sides("A car bomb explosion in the city of Aleppo was heard across the region."),
            "->-;");
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

TEST_F(CodingRulesTest, AnAppositionsTitleCodesTheNameBeforeIt) {
  // Shapes of Reuters and current-events sentences (issue 18 item 4): the
  // title's words are agents, its "of X" the country or organisation.
  EXPECT_EQ(Sides("Ahmed Salemu, the Nigerian interior minister, accused Cameroon of harbouring "
                  "the plotters."),
            "NGAGOV>CMR;");
  EXPECT_EQ(Sides("Ahmed Salemu, a senior official of the Nigerian Finance Ministry, accused "
                  "Cameroon of harbouring the plotters."),
            "NGAGOV>CMR;");
  // An age first; a title the dictionary lacks takes its organisation's sector.
  EXPECT_EQ(Sides("Maria Okafor, 63, chief executive of Lagos Shipping Company, accused Cameroon "
                  "of harbouring the plotters."),
            "NGABUS>CMR;");
  // "a resident of Kabul" is no title: the person stays a citizen (of the
  // country the article names besides the one accused).
  EXPECT_EQ(Sides("Ahmed Salemu, a resident of Kabul, accused Cameroon of harbouring the "
                  "plotters."),
            "AFGCVL>CMR;");
}

TEST_F(CodingRulesTest, AnOrganisationNoDictionaryKnowsIsCodedByItsHeadWord) {
  EXPECT_EQ(Sides("The Nigerian Anti-Corruption Bureau arrested a former governor."),
            "NGAGOV>NGAELI;");
  // The country as a generic actor's: the place of the event.
  EXPECT_EQ(Sides("The Bureau of Investigation arrested two men in Lagos."), "NGAGOV>NGACVL;");
  // The dictionary words that open the name are its country.
  EXPECT_EQ(Sides("Lagos Shipping Corp accused Cameroon of harbouring the plotters."),
            "NGABUS>CMR;");
  // A head word naming no sector: no actor.
  EXPECT_EQ(Sides("The Heritage Foundation accused Cameroon of harbouring the plotters."),
            "->CMR;");
}

// The actor lines of --explain for `body` (a pipeline of its own, explaining).
std::string ExplainedActors(const std::string& body) {
  PipelineOptions o;
  o.explain = true;
  auto p = Pipeline::Create(o);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  if (!p.ok()) return "";
  Article a;
  a.id = "t";
  a.date = "2019-03-05";
  a.body = body;
  CodedArticle coded;
  EXPECT_TRUE((*p)->Process(a, &coded).ok());
  std::string out;
  std::size_t at = 0;
  while ((at = coded.trace.find("\nactor ", at)) != std::string::npos) {
    const std::size_t end = coded.trace.find('\n', at + 1);
    out += coded.trace.substr(at + 1, end - at - 1) + "\n";
    at = end;
  }
  return out;
}

TEST(CodingRulesExplain, ATitleBeforeACommaCodesTheNameAfterIt) {
  const std::string actors = ExplainedActors(
      "An unarmed man was shot dead by a white police officer, Ahmed Salemu, in Lagos.");
  EXPECT_NE(actors.find("actor Ahmed Salemu = NGACOP"), std::string::npos) << actors;
  // A title ending in a name of its own is no title of the next one.
  const std::string two = ExplainedActors(
      "Following talks with President Okon Bassey, Ahmed Salemu, the leader of the Ogoni "
      "rebels, accused Cameroon of harbouring the plotters.");
  EXPECT_EQ(two.find("GOV group 1 [apposition"), std::string::npos) << two;
  EXPECT_NE(two.find("actor Ahmed Salemu"), std::string::npos) << two;
}

TEST_F(CodingRulesTest, HeadlineVerbsTheTaggerReadsAsNounsAndTheFireOfWeapons) {
  // "kills" is tagged as a noun after the parenthesis.
  EXPECT_NE(Sides("The Islamic State (ISIS) kills 12 Iraqi soldiers near Mosul.").find("IMGINS>"),
            std::string::npos);
  EXPECT_EQ(Sides("Arms sales rose in Europe."), "");
  // Rocket fire is no blaze: the strike is an attack.
  EXPECT_EQ(Sides("Israel strikes Gaza after rocket fire."), "ISR>PSE;");
  EXPECT_EQ(Sides("Five Afghan soldiers are killed in a fire at their barracks."), "");
}

}  // namespace
}  // namespace dyad
