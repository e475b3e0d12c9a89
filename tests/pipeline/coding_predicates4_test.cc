// Predicates and their precision through the whole default pipeline (tagger
// and name finder on), on shapes of real news sentences (issue 18, items 1
// and 5): which event a predicate codes, and when a word that names an event
// reports none.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingPredicates4Test : public coding_testing::DefaultPipelineTest {
 protected:
  // The CAMEO codes of the events coded from `body`, "CODE;" each.
  static std::string Codes(const std::string& body) {
    std::string out;
    for (const Event& e : Code(body).events) out += e.cameo + ";";
    return out;
  }
};

TEST_F(CodingPredicates4Test, PlanningAMeetingIsTheIntentToMeet) {
  // "Russia and Japan schedule a sub-cabinet level meeting for October": the
  // meeting has not happened (036, not 046).
  EXPECT_EQ(Codes("Indonesia and Malaysia schedule a meeting in Jakarta to discuss the border "
                  "dispute."),
            "036;036;");
  // "plans to sell arms to" is the intent to give military aid (0332).
  EXPECT_EQ(Codes("The United States plans to sell weapons to Taiwan."), "0332;");
}

TEST_F(CodingPredicates4Test, PlanningAnAttackIsNoAttack) {
  // Neither the verb nor the event noun it governs codes an assault.
  EXPECT_EQ(Codes("French police say the militants were planning attacks on the capital."), "");
  EXPECT_EQ(Codes("The Egyptian army prepares an offensive against militants in Sinai."), "");
  // Launching one is one.
  EXPECT_EQ(Codes("Rebels launched an offensive against the army in Idlib."), "190;");
}

TEST_F(CodingPredicates4Test, AGameWonByItsScoreIsNoAssault) {
  // "Manchester United beat Southampton 3–2 at Wembley Stadium": a score
  // after the verb makes "beat" a game's result, in either spelling.
  EXPECT_EQ(Codes("Brazil beat Germany 2 - 1 in Berlin."), "");
  EXPECT_EQ(Codes("Atletico Madrid beat Real Betis 3\u20132 at home."), "");
  // A range before a noun is a count of victims, not a score.
  EXPECT_EQ(Codes("Gunmen kill 10-15 people in a village in Nigeria."), "190;");
  EXPECT_EQ(Codes("Police beat protesters in Cairo."), "182;");
}

TEST_F(CodingPredicates4Test, AnActorFiringUponATargetIsNoBlaze) {
  // "At least 7 people are killed ... after gunmen fire upon a pilgrimage
  // bus": the fire is the gunmen's shooting, so the killing is an attack.
  EXPECT_EQ(Events("At least two people are killed after Iraqi security forces fire upon "
                   "protesters in Baghdad."),
            "190:->IRQCVL;190:IRQMIL>IRQOPP;");
  // A blaze stays an accident.
  EXPECT_EQ(Events("Three workers are killed in a fire at a factory in Dhaka."), "");
}

TEST_F(CodingPredicates4Test, ExtendingACeasefireOrSanctionsRenewsThem) {
  // "Colombian President Juan Manuel Santos extends his ceasefire with the
  // FARC rebels": the subject is the side that holds the ceasefire.
  EXPECT_EQ(Codes("The Colombian government extends its ceasefire with the FARC rebels until "
                  "January."),
            "0871;");
  EXPECT_EQ(Events("The European Union extends sanctions on Russia for six months."),
            "163:IGOEUR>RUS;");
  EXPECT_EQ(Codes("The United States extends sanctions relief for Iran."), "0354;");
  // Extending a loan is still economic aid.
  EXPECT_EQ(Codes("The bank extends a loan to Greece."), "071;");
}

TEST_F(CodingPredicates4Test, AResignationIsNoEventUnlessItYieldsToPressure) {
  // "Minister of State Roisin Shortall resigns due to a dispute with ...":
  // resignations are no events (tests/gold/README.md).
  EXPECT_EQ(Codes("Italian Prime Minister Matteo Renzi resigns after losing a referendum."), "");
  // Leaving office amid protests accedes to them (0831).
  EXPECT_EQ(Codes("Egyptian Prime Minister Ahmed Nazif resigns amid mass protests."), "0831;");
}

TEST_F(CodingPredicates4Test, AMeetingNeedsTheSideMet) {
  // "Austrian Chancellor Werner Faymann ... talks about 'technical security'
  // measures": talking about a thing, or a cabinet meeting, meets no one.
  EXPECT_EQ(Codes("The Austrian Chancellor talks about new security measures at the Slovenian "
                  "border."),
            "");
  EXPECT_EQ(Codes("The Sri Lankan cabinet meets in Kilinochchi for the first time."), "");
  EXPECT_EQ(Events("Singapore's foreign minister meets his Myanmar counterpart in Yangon."),
            "040:SGPGOV>MMRGOV;");
}

TEST_F(CodingPredicates4Test, AMeetingsTopicOrPlaceIsNotTheSideMet) {
  // "The UN Security Council holds a closed-door session to discuss new
  // sanctions against North Korea": North Korea is discussed, not met, and
  // the sanctions are only discussed.
  EXPECT_EQ(Codes("The UN Security Council holds a closed-door session to discuss new sanctions "
                  "against North Korea."),
            "");
  // "Six world powers and Iran meet in Istanbul": where, not whom.
  EXPECT_EQ(Codes("Ministers of the European Union meet in Brussels."), "");
  // Two sides meeting in a third country meet each other.
  EXPECT_EQ(Events("The prime ministers of China and Japan meet in Vietnam."),
            "040:CHNGOV>JPNGOV;040:JPNGOV>CHNGOV;");
  // The place of a visit is its host.
  EXPECT_EQ(Events("The Iraqi interior minister arrives in Tehran for security talks."),
            "042:IRQGOV>IRN;");
}

TEST_F(CodingPredicates4Test, PlottingAnAttackIsNoAttack) {
  // "Authorities arrest a man for plotting to attack Wichita Mid-Continent
  // Airport": the arrest is the event, the plot is not an attack.
  EXPECT_EQ(Codes("Police arrest a man for plotting to attack the US embassy."), "173;");
  EXPECT_EQ(Codes("Police arrest two men who plotted to kill the president."), "173;");
}

TEST_F(CodingPredicates4Test, AConditionIsNoReport) {
  // "The South Korean military states that it is prepared to respond if North
  // Korea launches an attack": the attack is a condition, not an event.
  EXPECT_EQ(Codes("The South Korean military says it will respond if North Korea launches an "
                  "attack."),
            "");
  // The threat stays; the attack it is conditioned on is none.
  EXPECT_EQ(Events("Syria warns that if Israel attacks Lebanon, it will retaliate."),
            "1384:SYR>ISR;");
  EXPECT_EQ(Codes("North Korean troops launched an attack on the South Korean border post."),
            "190;");
}

TEST_F(CodingPredicates4Test, AWarningOfADangerIsNoThreat) {
  // "The World Health Organization warns that the Zika virus will continue to
  // spread across Asia with cases already reported in Singapore and Thailand".
  EXPECT_EQ(Codes("The World Health Organization warns that the Zika virus will continue to "
                  "spread across Asia."),
            "");
  EXPECT_EQ(Codes("The United Nations warns that the cholera epidemic in Haiti could get worse."),
            "");
  // Warning of what the speaker will do threatens.
  EXPECT_EQ(Events("North Korea warns the United States that it will strike back."),
            "1384:PRK>USA;");
}

TEST_F(CodingPredicates4Test, DissolvingAParliamentIsNoCoercion) {
  // "Kenyan President Daniel arap Moi dissolved the country's Parliament,
  // officially starting the campaign for ... elections": routine.
  EXPECT_EQ(Codes("The Kenyan president dissolved the country's parliament on Monday."), "");
  // Dissolving a party bans it.
  EXPECT_EQ(Codes("The Thai court dissolves the ruling party."), "1722;");
}

}  // namespace
}  // namespace dyad
