// Where an event happened, through the whole default pipeline (no tree): the
// writer's "the city of X" with no preposition, an area named after its place
// ("Rakhine State"), and where the source is when the clause names no place;
// seas, in no country; and when: never after publication for a done event.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class EventPlacesTest : public coding_testing::DefaultPipelineTest {
 protected:
  // "text/COUNTRY;" for each event of `body`, "-;" for an event with no place.
  static std::string Places(const std::string& body) {
    std::string out;
    for (const Event& e : Code(body).events)
      out +=
          e.location ? e.location->text + "/" + e.location->place.country + ";" : std::string("-;");
    return out;
  }
};

TEST_F(EventPlacesTest, AKindOfPlaceAfterTheVerbIsWhereItHappened) {
  EXPECT_EQ(Places("Israeli soldiers took control of the Palestinian city of Jenin."),
            "Jenin/PSE;");
  EXPECT_EQ(Places("Somali forces launched an assault on the port city of Kismayo."),
            "Kismayo/SOM;");
}

TEST_F(EventPlacesTest, AKindOfPlaceBeforeTheVerbIsNotWhereItHappened) {
  // The mayor's city is no place of the event: no role word, before the verb.
  EXPECT_EQ(Places("The mayor of the city of Kismayo criticized the Somali government."), "-;");
}

TEST_F(EventPlacesTest, ACapitalisedKindOfPlaceInsideANameIsNoCue) {
  // "State University" is no "the state X": "University" is no place.
  EXPECT_EQ(Places("Police arrested five students at Washington State University."), "-;");
}

TEST_F(EventPlacesTest, AnUnknownTownTakesTheRegionOfItsPinnedCountry) {
  // "Georgia, United States" is the state, so Kennesaw is in the US, not in
  // the country Georgia.
  EXPECT_EQ(Places("A gunman opened fire at a FedEx facility in Kennesaw, Georgia, United States."),
            "Kennesaw/USA;");
}

TEST_F(EventPlacesTest, AnUnknownVillageTakesTheCountryOfThePlaceItIsIn) {
  EXPECT_EQ(Places("Gunmen attacked the village of Dwelah in Diyala province."), "Dwelah/IRQ;");
}

TEST_F(EventPlacesTest, OffTheCoastOfACountryIsThere) {
  EXPECT_EQ(Places("Pirates captured a tanker off the coast of Somalia."), "Somalia/SOM;");
}

TEST_F(EventPlacesTest, AnAttackOnATownHappensThere) {
  EXPECT_EQ(Places("Rebels shelled Aleppo."), "Aleppo/SYR;");
  // Not on a country: "Israel attacked Syria" may be from anywhere.
  EXPECT_EQ(Places("Israel attacked Syria."), "-;");
}

TEST_F(EventPlacesTest, AResultClauseHappensWhereTheClauseBeforeItDid) {
  EXPECT_EQ(Places("Russian jets struck Idlib, killing 12 civilians."), "Idlib/SYR;Idlib/SYR;");
}

TEST_F(EventPlacesTest, ADiplomatsPostIsNotWhereItHappened) {
  EXPECT_EQ(Places("China's ambassador to Britain accused the United States of meddling."), "-;");
  // The journey's end still is.
  EXPECT_EQ(Places("The Chinese ambassador flew to Britain."), "Britain/GBR;");
}

TEST_F(EventPlacesTest, ASeaIsAPlaceInNoCountry) {
  EXPECT_EQ(Places("Pirates attacked a ship in the Gulf of Aden."), "Gulf of Aden/;");
  EXPECT_EQ(Places("Iran seized a tanker in the Strait of Hormuz."), "Strait of Hormuz/;");
  EXPECT_EQ(Places("Chinese warships attacked a Philippine boat in the South China Sea."),
            "South China Sea/;");
  // Not a sea: a name that runs on ("the Gulf Cooperation Council").
  EXPECT_EQ(Places("Police attacked protesters in the Gulf Cooperation Council building."), "-;");
}

TEST_F(EventPlacesTest, ACommonWordIsNoCityByDroppingCity) {
  // The gazetteer's "Bay City" and "University City" are no "Bay" or
  // "University".
  CodedArticle coded = Code("Police arrested five men at the Bay hospital.");
  for (const Entity& e : coded.entities)
    EXPECT_FALSE(e.place && e.place->name == "Bay City") << e.text;
}

TEST_F(EventPlacesTest, AnAreaNamedAfterItsPlaceIsThatPlace) {
  EXPECT_EQ(Places("An attack in Rakhine State kills four Myanmar soldiers."), "Rakhine/MMR;");
}

TEST_F(EventPlacesTest, WithNoPlaceOfItsOwnTheEventIsWhereTheSourceIs) {
  EXPECT_EQ(Places("Rebels in the Philippines kill five policemen."), "Philippines/PHL;");
  EXPECT_EQ(Places("Thousands of people in Tunisia demonstrate against the government."),
            "Tunisia/TUN;");
}

TEST_F(EventPlacesTest, TheEventsOwnPlaceBeatsTheSourcesPlace) {
  EXPECT_EQ(Places("Rebels in the Philippines kill five policemen in Indonesia."),
            "Indonesia/IDN;");
}

// A done event is not dated after its publication (2019-03-05): the date
// belongs to something ahead, so the event keeps the publication date.
TEST_F(EventPlacesTest, ADoneEventIsNotDatedAfterPublication) {
  CodedArticle coded = Code("Turkish police raided two TV stations ahead of a vote on March 10.");
  ASSERT_EQ(coded.events.size(), 1u);
  EXPECT_EQ(coded.events[0].date.value, "2019-03-05");
  coded = Code("Turkish police raided two TV stations on March 1.");
  ASSERT_EQ(coded.events.size(), 1u);
  EXPECT_EQ(coded.events[0].date.value, "2019-03-01");
}

// "Georgia" is the US state beside US towns, and then so are its actors;
// beside "the United States" it is the country, and "Lebanon" stays the
// country beside US towns (no town in Tennessee).
TEST_F(EventPlacesTest, ACountrysNameIsAnotherCountrysRegionOnlyBesideItsTowns) {
  EXPECT_EQ(Sides("Police arrested a man in Atlanta.\n\nGeorgia prosecutors charged him."),
            "USACOP>USACVL;USAJUD>-;");
  EXPECT_EQ(Sides("Russia attacked Georgia.\n\nGeorgia asked the United States for help."),
            "RUS>GEO;GEO>USA;");
  EXPECT_EQ(Places("Officials in Chicago said Hezbollah fighters attacked Israel in Lebanon."),
            "Lebanon/LBN;");
}

// A date after "of" or "since" dates a noun or a span, not the event.
TEST_F(EventPlacesTest, ADateOfANounIsNotTheEventsDate) {
  CodedArticle coded =
      Code("Police arrested a veteran of the Tiananmen Square protests of 1989 in Beijing.");
  ASSERT_EQ(coded.events.size(), 1u);
  EXPECT_EQ(coded.events[0].date.value, "2019-03-05");
  coded = Code("The UN accused the government of killings committed since 2014.");
  ASSERT_FALSE(coded.events.empty());
  EXPECT_EQ(coded.events[0].date.value, "2019-03-05");
}

}  // namespace
}  // namespace dyad
