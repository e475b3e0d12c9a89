// How names no dictionary knows become actors, through the whole default
// pipeline (tagger and name finder on, no tree), on shapes of real
// current-events sentences (issue 18 item 4, fourth pass).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingArgs4Test : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingArgs4Test, AnArmedMovementNamedInArabicIsAnArmedGroup) {
  // "Ansar al-Sunna" acted as a citizen (MOZCVL before).
  EXPECT_EQ(Sides("Twelve villagers are killed and 14 are wounded in an attack by Ansar al-Sunna "
                  "on a village in northern Mozambique."),
            "MOZINS>MOZCVL;");
  // A person whose given name is such a word is no armed group (whether the name
  // finder reads "Ansar Burney" as a person, PAKCVL, or as an organisation it
  // cannot code depends on the names model).
  const std::string burney = Sides("Ansar Burney criticises the government of Pakistan.");
  EXPECT_EQ(burney.find("INS"), std::string::npos) << burney;
  EXPECT_NE(burney.find(">PAKGOV;"), std::string::npos) << burney;
}

TEST_F(CodingArgs4Test, AnOrganisationOfACountryIsThatCountrys) {
  // "People" was an actor of its own (IRQCVL before: "People" in Iraq).
  EXPECT_EQ(Sides("Iran hangs two members of the People's Mujahedin of Iran convicted of "
                  "involvement in the post-election riots."),
            "IRN>IRNINS;");
  // A commission no dictionary knows, "of Kenya": KENGOV (Kenya alone before).
  EXPECT_EQ(Sides("The Independent Electoral Commission of Kenya rejects the complaint of the "
                  "opposition."),
            "KENGOV>KENOPP;");
}

TEST_F(CodingArgs4Test, AMovementInACountryIsItsBranchThere) {
  // "Al-Qaeda" alone acted (IMGINS before).
  EXPECT_EQ(Sides("Al-Qaeda in Iraq militants attack the Shiite village of Dwelah in Diyala, "
                  "killing at least 13 people."),
            "IRQINS>-;IRQINS>IRQCVL;");
  EXPECT_EQ(Sides("Al-Qaeda in Yemen claims responsibility for the attack on the hotel."),
            "YEMINS>-;YEMINS>-;");
  // After a verb or a preposition "in Somalia" may say where the act was.
  EXPECT_EQ(Sides("US forces carry out air strikes against Islamic State in Somalia."),
            "USAMIL>IMGINS;");
  // The movement's own name is no branch.
  EXPECT_EQ(Sides("The Islamic State in Iraq and the Levant attacks the Syrian town of Kobani."),
            "IMGINS>SYR;");
}

TEST_F(CodingArgs4Test, TitlesNewsUsesForLawmakersJuriesAndRulingParties) {
  // Each side was missing or a bare country before the agents were added.
  EXPECT_EQ(Sides("A Los Angeles jury convicts the former police officer of murder."),
            "USAJUD>USAELI;");
  EXPECT_EQ(Sides("Protesters attack the headquarters of the ruling party in Harare."),
            "ZWEOPP>ZWEGOV;");
  EXPECT_EQ(Sides("The Italian prime minister insults the German MEP Martin Schulz."),
            "ITAGOV>DEULEG;");
}

TEST_F(CodingArgs4Test, USInCapitalsIsTheUnitedStates) {
  // "a US tourist" was North Korea's own citizen (PRKCVL before).
  EXPECT_EQ(Sides("North Korea announces that it has detained a 24-year-old US tourist, Miller "
                  "Matthew Todd, for rash behavior during the immigration process."),
            "PRK>USACVL;");
  // "us" is a pronoun.
  EXPECT_EQ(Sides("The militants told us they would attack the town."), "INS>-;");
}

TEST_F(CodingArgs4Test, ASurnameLeadersSharedLeavesThePersonANameOfTheirOwn) {
  // "Perez" is shared by five past leaders, none in office in 2019: the
  // null-coded surname hid "Juan Perez", and no one was arrested.
  EXPECT_EQ(Sides("Police in Peru arrest Juan Perez."), "PERCOP>PERCVL;");
  // A later "Perez" is the same person.
  EXPECT_EQ(Sides("Police in Peru arrest Juan Perez. Perez is accused of killing two judges."),
            "PERCOP>PERCVL;->PERCVL;PERCVL>PERJUD;");
}

TEST_F(CodingArgs4Test, TheGroupIsTheArmedGroupOfTheSentenceBefore) {
  // "The group" had no code: the kidnapping had no source.
  EXPECT_EQ(Sides("Armed men of the Ansar Dine group attack a town in Mali. The group also "
                  "kidnaps two soldiers."),
            "MLIINS>-;MLIINS>MLIMIL;");
  // The first armed group of that sentence (its subject), not its object.
  EXPECT_EQ(
      Sides("The Oromo Liberation Army attacks a Somali militia in Ethiopia. The group "
            "kidnaps two soldiers."),
      Sides("The Oromo Liberation Army attacks a Somali militia in Ethiopia.") + "ETHREB>ETHMIL;");
  // Two sentences back is too far.
  EXPECT_EQ(Sides("Armed men of the Ansar Dine group attack a town in Mali. Residents flee. The "
                  "group also kidnaps two soldiers."),
            "MLIINS>-;->MLIMIL;");
}

}  // namespace
}  // namespace dyad
