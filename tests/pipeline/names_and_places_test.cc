// The name finder's persons against the place gazetteer and the agent
// dictionary, through the whole default pipeline: a surname that is also a
// town is a person, not a place; one that is also an agent word ("King") is a
// person, not a king.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class NamesAndPlacesTest : public coding_testing::DefaultPipelineTest {
 protected:
  static const Entity* EntityWithText(const CodedArticle& coded, std::string_view text,
                                      std::size_t nth = 0) {
    for (const Entity& e : coded.entities)
      if (e.text == text && nth-- == 0) return &e;
    return nullptr;
  }
};

// Shape of a real fact-check article (polygraph.info, Nov. 2019): "Robertson"
// is also a town in South Africa, and the regime took that country from it.
constexpr char kRobertson[] =
    "Cmdr. Sean Robertson, a spokesperson for Inherent Resolve, told reporters on Monday that "
    "the claim is false.\n\n"
    "\"Rukban is another example of the regime's practice,\" Robertson said.\n\n"
    "He added that Russia and the Syrian regime are blocking them from access to food.";

TEST_F(NamesAndPlacesTest, ASurnameOfAFullNameIsNoPlace) {
  CodedArticle coded = Code(kRobertson);
  const Entity* later = EntityWithText(coded, "Robertson");
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(later->type, EntityType::kPerson);
  EXPECT_FALSE(later->place.has_value());
  EXPECT_NE(later->country, "ZAF");
  for (const Event& e : coded.events)
    EXPECT_TRUE(!e.location || e.location->place.country != "ZAF") << e.location->place.name;
}

TEST_F(NamesAndPlacesTest, ANameCodedByItsAppositionKeepsThePersonType) {
  CodedArticle coded = Code(kRobertson);
  const Entity* full = EntityWithText(coded, "Sean Robertson");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->type, EntityType::kPerson);
}

TEST_F(NamesAndPlacesTest, MentionsOfOneNameShareAnIdAcrossDictionaryAndNames) {
  CodedArticle coded = Code(kRobertson);
  const Entity* full = EntityWithText(coded, "Sean Robertson");
  const Entity* later = EntityWithText(coded, "Robertson");
  ASSERT_NE(full, nullptr);
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(full->id, later->id);
}

TEST_F(NamesAndPlacesTest, EachEventSideNamesItsEntity) {
  CodedArticle coded = Code(
      "Nicolás Maduro criticized the Colombian government on Monday. Later Maduro accused "
      "Colombia of sabotage.");
  ASSERT_GE(coded.events.size(), 2u);
  std::vector<std::string> ids;
  for (const Event& e : coded.events) {
    ASSERT_TRUE(e.source.has_value());
    ASSERT_FALSE(e.source->entity.empty()) << e.source->text;
    bool listed = false;
    for (const Entity& en : coded.entities) listed |= en.id == e.source->entity;
    EXPECT_TRUE(listed) << e.source->entity;
    ids.push_back(e.source->entity);
  }
  EXPECT_EQ(ids.front(), ids.back());  // one person, one id
}

// Shapes of real current-events bullets (2013, 2014): a facility named after its
// place is in that place, and the place gives "Authorities" their country; a
// newspaper named after its city is no place.
TEST_F(NamesAndPlacesTest, AFacilityNamedAfterItsPlaceIsInThatPlace) {
  CodedArticle coded = Code(
      "Authorities arrest a man for plotting to attack Wichita Mid-Continent Airport with a fake "
      "car bomb.");
  const Entity* wichita = EntityWithText(coded, "Wichita");
  ASSERT_NE(wichita, nullptr);
  EXPECT_EQ(wichita->type, EntityType::kPlace);
  EXPECT_EQ(wichita->country, "USA");
  ASSERT_FALSE(coded.events.empty());
  ASSERT_TRUE(coded.events.front().source.has_value());
  EXPECT_EQ(coded.events.front().source->code, "USAGOV");
}

TEST_F(NamesAndPlacesTest, ANewspaperNamedAfterItsCityIsNoPlace) {
  CodedArticle coded = Code("Police arrested two men, the New York Times reported on Monday.");
  for (const Event& e : coded.events) EXPECT_FALSE(e.location.has_value()) << e.location->text;
}

// Shape of a real article (AP via nypost.com, Nov. 2019, the Taliban hostage swap).
TEST_F(NamesAndPlacesTest, AnAgentWordInsideAPersonsNameIsNoAgent) {
  CodedArticle coded = Code(
      "American Kevin King and Australian Timothy Weeks were kidnapped in Kabul in 2016.\n\n"
      "King and Weeks were abducted by gunmen wearing military uniforms in August 2016.");
  ASSERT_FALSE(coded.events.empty());
  for (const Event& e : coded.events) {
    ASSERT_TRUE(e.target.has_value());
    EXPECT_EQ(e.target->code.find("GOV"), std::string::npos) << e.target->text;
  }
  EXPECT_EQ(coded.events.front().target->code, "USA");
}

// A namesake of a dictionary person: matched by the surname alone, the name's
// other words are not the person's ("HUNTER" is not in "JOE_BIDEN_").
TEST_F(NamesAndPlacesTest, ASurnameAloneInsideAnotherPersonsNameIsNotThatPerson) {
  CodedArticle coded = Code("Hunter Biden criticized the Ukrainian government on Monday.");
  ASSERT_FALSE(coded.events.empty());
  ASSERT_TRUE(coded.events.front().source.has_value());
  EXPECT_EQ(coded.events.front().source->code.find("USA"), std::string::npos)
      << coded.events.front().source->code;
}

TEST_F(NamesAndPlacesTest, TheDictionaryPersonKeepsHisNameWrittenWithAccents) {
  CodedArticle coded = Code("Nicolás Maduro criticized the Colombian government on Monday.");
  ASSERT_FALSE(coded.events.empty());
  ASSERT_TRUE(coded.events.front().source.has_value());
  EXPECT_EQ(coded.events.front().source->code, "VENGOV");
}

}  // namespace
}  // namespace dyad
