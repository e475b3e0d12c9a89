// Deeds and their words, through the whole default pipeline: a verbal act
// about a deed its object names as a noun ("investigating the murder of",
// "condemned the killing of") gives the deed as an event of its own; a
// participle that describes a noun ("accused sex trafficker") is no act.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class DeedsTest : public coding_testing::DefaultPipelineTest {};

TEST_F(DeedsTest, TheDeedAVerbalActIsAboutIsAnEvent) {
  const std::string murder = Events("Police are investigating the murder of Bryan Harvey.");
  EXPECT_NE(murder.find("1823:->"), std::string::npos) << murder;
  const std::string killing = Events("The UN condemned the killing of 12 civilians in Gaza.");
  EXPECT_NE(killing.find("111:IGOUNO>"), std::string::npos) << killing;
  EXPECT_NE(killing.find("1823:->PSECVL;"), std::string::npos) << killing;
}

TEST_F(DeedsTest, AMaterialVerbsOwnNounIsNoSecondEvent) {
  // "killed in ... airstrikes": the airstrikes are the killing, one event.
  EXPECT_EQ(Code("Ten civilians were killed in Nigerian army airstrikes.").events.size(), 1u);
}

TEST_F(DeedsTest, AParticipleAfterAPrepositionIsNoPredicate) {
  // "accused" describes the trafficker; nobody accuses anyone here.
  EXPECT_EQ(Events("Officers checked on accused sex trafficker Jeffrey Epstein."), "");
  EXPECT_EQ(Events("Russia accused Ukraine of shelling the plant."), "1123:RUS>UKR;");
}

TEST_F(DeedsTest, ACountryAfterInAndACompassWordIsWhereNotWhom) {
  EXPECT_EQ(Sides("Gunmen attacked the village of Dwelah in northern Nigeria."), "NGAUAF>-;");
  EXPECT_EQ(Sides("Boko Haram attacked northern Nigeria."), "NGAINS>NGA;");
}

TEST_F(DeedsTest, ABareVerbAfterAPluralOrCollectiveAgentIsAVerb) {
  // Read as "the ... kill", a noun, before.
  EXPECT_EQ(Sides("The Russian military kill 8 militants in Dagestan."), "RUSMIL>RUSINS;");
}

}  // namespace
}  // namespace dyad
