// Passives and event nouns of news prose, through the whole default pipeline:
// participles the tagger misread, and one-sided events written as nouns.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class Passives5Test : public coding_testing::DefaultPipelineTest {};

TEST_F(Passives5Test, AParticipleReadAsANounAfterBeIsThePassiveVerb) {
  // The tagger reads "shot" after "were" as a noun; the police shot them.
  EXPECT_EQ(Sides("Two men were shot and killed by police in Athens."), "GRCCOP>GRCCVL;");
  const std::string belfast = Sides(
      "A British soldier was shot and seriously hurt in Northern Ireland and buses were "
      "hijacked after mourners clashed with police at an Irish Republican Army funeral.");
  EXPECT_NE(belfast.find("->GBRMIL;"), std::string::npos) << belfast;
  // A noun after "was a" stays a noun; "head" is no participle.
  EXPECT_EQ(Events("It was a shot across the bow."), "");
}

TEST_F(Passives5Test, UnrestThatHappensIsAnEventWithoutActors) {
  EXPECT_EQ(Events("Violent protests broke out across the country."), "141:->-;");
  const std::string athens = Events(
      "The teenager was shot and killed by police in Athens, triggering violent protests which "
      "have spread across the country.");
  EXPECT_NE(athens.find("141:->-;"), std::string::npos) << athens;
  // Mentioned, not happening; and a market's rally.
  EXPECT_EQ(Events("Officials say they expect strikes."), "");
  EXPECT_EQ(Events("Hot weather sparked a sharp rally in Chicago futures today."), "");
}

TEST_F(Passives5Test, HeIsTheFirstPersonOfTheSentenceBefore) {
  const std::string sides = Sides(
      "President Emmanuel Macron met German Chancellor Olaf Scholz in Paris. He later criticised "
      "Russia for its attacks on Ukraine.");
  EXPECT_NE(sides.find("FRAGOV>RUS;"), std::string::npos) << sides;
}

TEST_F(Passives5Test, TalksBetweenTwoSidesAreMutual) {
  EXPECT_EQ(Sides("Talks between Iran and Saudi Arabia took place in Baghdad."),
            "IRN>SAU;SAU>IRN;");
}

TEST_F(Passives5Test, AProposedOrProbableMeetingIsNotYetReal) {
  const auto coded = Code(
      "Markets are watching for a probable meeting between U.S. Treasury Secretary James Baker "
      "and Japanese Finance Minister Kiichi Miyazawa.");
  ASSERT_FALSE(coded.events.empty());
  for (const auto& e : coded.events) EXPECT_EQ(e.modality, "possible") << e.cameo;
}

TEST_F(Passives5Test, UnderFireFromAnArmedGroupIsItsAttack) {
  EXPECT_EQ(Events("Iraqi forces came under heavy fire from ISIL fighters near Ramadi."),
            "190:IMGINS>IRQMIL;");
  EXPECT_EQ(Events("Iraqi forces received heavy machine gun fire from ISIL fighters."),
            "190:IMGINS>IRQMIL;");
  EXPECT_EQ(Events("The convoy came under attack by Taliban militants."), "190:AFGINS>-;");
  // Without an armed side it is criticism; an award is no fire.
  EXPECT_EQ(Events("The prime minister is under fire for failing to deliver Brexit."),
            "111:->GOV;");
  EXPECT_EQ(Events("The firm received a fire safety award from the city."), "");
}

TEST_F(Passives5Test, AnIrregularPastAfterANounIsAVerbAndTakingPlaceIsNoSeizure) {
  // "took" after "The ... union" is the verb, not a compound noun.
  EXPECT_EQ(Events("The union went on strike in March 1986 after failing to agree on a contract."),
            "141:LAB>-;");
  EXPECT_EQ(Events("Next year's competition is scheduled to take place in Mexico City."), "");
}

TEST_F(Passives5Test, SupportIsAnEventOnlyAsALightVerbsObject) {
  EXPECT_EQ(Events("The European Union reiterated its support for Iraq's democratic process."),
            "051:IGOEUR>IRQ;");
  EXPECT_EQ(Events("The shipbuilder still has full government support."), "");
}

TEST_F(Passives5Test, MembersOfAnActorActForIt) {
  EXPECT_EQ(
      Events("The Members of the Security Council urge all political parties to remain calm."),
      "0252:IGOUNO>-;");
  EXPECT_EQ(Events("Shares in Japanese carmakers rallied."), "");
}

TEST_F(Passives5Test, TalksWithSeveralSidesAreMutualWithEach) {
  EXPECT_EQ(Sides("Zambia held talks with the World Bank and the International Monetary Fund."),
            "ZMB>IGOWBK;IGOWBK>ZMB;ZMB>IGOIMF;IGOIMF>ZMB;");
}

TEST_F(Passives5Test, ADirectQuestionReportsNoEvent) {
  EXPECT_EQ(Events("Why have some Belgian fans boycotted the event?"), "");
  EXPECT_EQ(Events("\"Will Iran strike back?\""), "");
  EXPECT_EQ(Events("Some Belgian fans boycotted the event."), "143:BEL>-;");
}

TEST_F(Passives5Test, ThatAfterTheAddresseeOfToldOpensWhatWasSaid) {
  EXPECT_EQ(Sides("The spokesman told reporters that the army attacked the rebels."), "MIL>REB;");
}

TEST_F(Passives5Test, SuspectsAndDefendantsAreCriminalsAndGiveNoCountry) {
  EXPECT_EQ(Events("A jury found the suspect guilty of murder."), "116:JUD>CRM;");
  // "Webb" is known as the suspect (CRM); the officers get no "CRM" country.
  const std::string webb = Sides("Webb, the suspect, was convicted. Officers arrested Webb.");
  EXPECT_EQ(webb.find("CRMCOP"), std::string::npos) << webb;
}

TEST_F(Passives5Test, ReleasingAThingIsNoRelease) {
  EXPECT_EQ(Events("Police released CCTV images of the suspect."), "");
  EXPECT_EQ(Events("Police released the suspect on bail."), "0841:COP>CRM;");
}

TEST_F(Passives5Test, VictimsHurtAfterAnExplosionAreItsTargets) {
  EXPECT_EQ(Events("At least 144 people were injured at a campaign event in Yerevan after an "
                   "explosion during a political rally."),
            "183:->ARMCVL;");
  // Killed after a bombing: one event, not one for the verb and one for the noun.
  EXPECT_EQ(Code("At least 35 people are killed after a suicide bombing at an airport in Moscow.")
                .events.size(),
            1u);
}

TEST_F(Passives5Test, TheAddresseeOfToldIsNoSideOfWhatWasSaid) {
  // "that" opens the reported clause: Reuters is neither part of "the
  // government" nor its subject.
  const std::string said =
      Sides("The official told Reuters that the government would expel the diplomats.");
  EXPECT_EQ(said.find("MEDGOV"), std::string::npos) << said;
  EXPECT_EQ(said.find("MED>"), std::string::npos) << said;
}

TEST_F(Passives5Test, ThePersonToldIsNoSubjectAndADiseaseNoKiller) {
  const std::string told = Sides("He told reporters the army had attacked the rebels.");
  EXPECT_EQ(told, "MIL>REB;") << told;
  EXPECT_EQ(Events("Over the centuries, plague has killed millions of people."), "");
}

}  // namespace
}  // namespace dyad
