// Copyright dyad authors. Places the gazetteer does not know by name, placed
// by a known place after them, and the words between a role word and a place
// (docs/formats/context.md, "Names the gazetteer lacks" and "Role words"). The
// sentences are bullets of the development gold set (tests/gold/events.jsonl)
// and of the current-events pages in ../shared/data/current-events/.
#include <gtest/gtest.h>

#include "context/context_test_util.h"

namespace dyad {
namespace {

using testing::Code;
using testing::Ev;

std::string PlaceText(const testing::Annotated& a, std::size_t i = 0) {
  if (a.coded.events.size() <= i || !a.coded.events[i].location) return "-";
  return a.coded.events[i].location->text;
}
std::string PlaceCountry(const testing::Annotated& a, std::size_t i = 0) {
  if (a.coded.events.size() <= i || !a.coded.events[i].location) return "-";
  return a.coded.events[i].location->place.country;
}

// g0026: "Aguililla" is no gazetteer city; the state after the comma places it.
TEST(AnchoredPlace, UnknownTownCommaRegion) {
  const std::string body =
      "Fourteen state police officers are killed in an ambush in Aguililla, Michoacán; "
      "crime-scene evidence points to the involvement of the Jalisco New Generation Cartel.";
  for (bool parse : {false, true}) {
    auto a = Code(body, "2019-10-15", {Ev("killed", "193")}, parse, parse);
    EXPECT_EQ(PlaceText(*a), "Aguililla") << parse;
    EXPECT_EQ(PlaceCountry(*a), "MEX") << parse;
    ASSERT_TRUE(a->coded.events[0].location);
    const Place& p = a->coded.events[0].location->place;
    EXPECT_EQ(p.name, "Aguililla");
    EXPECT_FALSE(p.has_coordinates);
    EXPECT_EQ(p.geonames_id, 0);
    // The name is also a PLACE entity of its country.
    bool entity = false;
    for (const Entity& e : a->coded.entities)
      entity |= e.type == EntityType::kPlace && e.text == "Aguililla" && e.country == "MEX";
    EXPECT_TRUE(entity) << parse;
  }
}

// g0012: a chain of "in ... of" up to the country.
TEST(AnchoredPlace, UnknownTownInRegionOfCountry) {
  const std::string body =
      "At least 22 people are killed and around 90 injured after a bomb explodes at a vegetable "
      "market in Parachinar in the Federally Administered Tribal Areas of Pakistan.";
  auto a = Code(body, "2017-01-21", {Ev("explodes", "183")}, true, true);
  EXPECT_EQ(PlaceText(*a), "Parachinar");
  EXPECT_EQ(PlaceCountry(*a), "PAK");
}

// g0023: "in the Russian capital Moscow" places the airport; the airport keeps
// its own name as the place text.
TEST(AnchoredPlace, NameInTheCapitalOfACountry) {
  const std::string body =
      "At least 35 people are killed and 130 injured after a suicide bombing at Domodedovo "
      "International Airport in the Russian capital Moscow.";
  auto a = Code(body, "2011-01-24", {Ev("bombing", "183")}, true, true);
  EXPECT_EQ(PlaceCountry(*a), "RUS");
  EXPECT_EQ(PlaceText(*a), "Domodedovo International Airport");
}

// Current-events bullets: "Karak" is a Jordanian city and "Surrey" a Canadian
// one in the gazetteer; the country after the comma wins and the name stays.
// (With a tree, "in Karak" hangs on "his van" and is no place of "targets".)
TEST(AnchoredPlace, KnownNameInAnotherCountry) {
  {
    const std::string body =
        "3 people die and over 20 are injured after a suicide bomber targets a police station "
        "with his van in Karak, Pakistan.";
    auto a = Code(body, "2011-01-01", {Ev("targets", "183")}, false, false);
    EXPECT_EQ(PlaceText(*a), "Karak");
    EXPECT_EQ(PlaceCountry(*a), "PAK");
  }
  const std::string body =
      "A second case of foot and mouth disease is reported in Surrey, England, resulting in the "
      "culling of more cattle.";
  for (bool parse : {false, true}) {
    auto a = Code(body, "2007-09-13", {Ev("reported", "010")}, parse, parse);
    EXPECT_EQ(PlaceText(*a), "Surrey") << parse;
    EXPECT_EQ(PlaceCountry(*a), "GBR") << parse;
  }
}

// Current-events bullets where nothing is anchored: a month before a country
// ("as in October, Iran will participate"); "at NATO headquarters in Brussels,
// Belgium" (NATO, a coded actor, runs into a lower-case word): Brussels.
TEST(AnchoredPlace, NoPlaceForMonthsOrActors) {
  {
    const std::string body =
        "The talks, aimed toward a cease-fire in Syria's devastating war and a political "
        "transition to a post-war government, will include senior officials from 19 "
        "nations/groups and, as in October, Iran will participate.";
    auto a = Code(body, "2015-11-13", {Ev("participate", "010")}, false, false);
    EXPECT_NE(PlaceText(*a), "October");
  }
  const std::string body =
      "NATO foreign ministers, meeting at NATO headquarters in Brussels, Belgium, agree to "
      "extend the alliance's Resolute Support Mission, that trains, advises and assists "
      "Afghanistan's military beyond 2016.";
  auto a = Code(body, "2015-12-01",
                {Ev("meeting", "040", false, "NATO foreign ministers", "IGONAT")}, false, false);
  EXPECT_EQ(PlaceText(*a), "Brussels");
  EXPECT_EQ(PlaceCountry(*a), "BEL");
}

// g0016: "in eastern Congo" (a compass adjective between the role word and the
// name); "Congo" alone is the Democratic Republic, as in news style.
TEST(RoleWords, CompassAdjective) {
  const std::string body =
      "Rwandan troops are spotted by UN personnel in eastern Congo where Congolese officials say "
      "the troops are attacking and burning villages.";
  auto a = Code(body, "2004-06-01", {Ev("spotted", "010")}, false, false);
  EXPECT_EQ(PlaceText(*a), "Congo");
  EXPECT_EQ(PlaceCountry(*a), "COD");
}

// g0028 and g0030 without a tree: "in the north-east of Baghdad", "in the city
// of Mombasa, Kenya".
TEST(RoleWords, CompassNounAndKindOfPlace) {
  {
    const std::string body =
        "15 Iranians and 3 Iraqis were killed in a pipeline attack in the north-east of Baghdad.";
    auto a = Code(body, "2006-05-01", {Ev("attack", "190")}, false, false);
    EXPECT_EQ(PlaceCountry(*a), "IRQ");
  }
  {
    const std::string body =
        "Twin explosions are reported in the city of Mombasa, Kenya, with at least three people "
        "killed and several injured.";
    auto a = Code(body, "2014-05-03", {Ev("explosions", "183")}, false, false);
    EXPECT_EQ(PlaceText(*a), "Mombasa");
    EXPECT_EQ(PlaceCountry(*a), "KEN");
  }
}

// Another country's region needs a cue, like a city (a current-events
// bullet: "in two different incidents in Assam").
TEST(Regions, NeedACue) {
  const std::string body =
      "Twelve people are killed by suspected United Liberation Front of Asom separatist gunmen "
      "in two different incidents in Assam.";
  auto a = Code(body, "2008-01-01", {Ev("killed", "190")}, false, false);
  EXPECT_EQ(PlaceText(*a), "Assam");
  EXPECT_EQ(PlaceCountry(*a), "IND");
  auto p = testing::Analyzer().Resolve("Khyber Pakhtunkhwa", {});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->country, "PAK");
  // A region never outranks a city of the same name: Acre is the Israeli
  // city, not the Brazilian state, unless the article is about Brazil.
  auto g = testing::Analyzer().Resolve("Acre", {});
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->country, "ISR");
  const std::string bra[] = {"BRA"};
  g = testing::Analyzer().Resolve("Acre", bra);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->country, "BRA");
}

// Current-events bullets: a sea named after a country lies outside it; an
// accent-free form of a small town is no alias ("Būsh" is no "Bush"); an
// ocean is no "Atlantic City".
TEST(AnchoredPlace, SeasPeopleAndOceansAreNoPlaces) {
  {
    const std::string body = "North Korea test fires a ballistic missile over the Sea of Japan.";
    auto a = Code(body, "2017-07-04", {Ev("fires", "190")}, true, true);
    EXPECT_NE(PlaceText(*a), "Sea");
  }
  {
    const std::string body = "U.S. President Bush had been strongly opposed to this provision.";
    auto a = Code(body, "2005-01-01", {Ev("opposed", "110")}, true, true);
    EXPECT_EQ(PlaceText(*a), "-");
  }
  {
    const std::string body =
        "Brazilian and U.S. meteorologists disagree over whether Cyclone Catarina is a "
        "hurricane, the first ever recorded in the South Atlantic.";
    auto a = Code(body, "2004-03-28", {Ev("recorded", "010")}, true, true);
    EXPECT_EQ(PlaceText(*a), "-");
  }
  EXPECT_FALSE(testing::Analyzer().Resolve("Bush", {}).has_value());
  EXPECT_EQ(testing::Analyzer().Resolve("Zurich", {})->country, "CHE");
}

}  // namespace
}  // namespace dyad
