// Harm done by nature or an accident is no event, through the whole default
// pipeline: the cause in a phrase after the verb (also in a conjoined clause,
// after "due to" or "at"), in a when-clause, or an accident verb well before;
// nor are nouns that are no verbs or past happenings named with their year.
#include <gtest/gtest.h>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

using NaturalCausesTest = coding_testing::DefaultPipelineTest;

TEST_F(NaturalCausesTest, DeathsFromNatureOrAnAccidentAreNoEvents) {
  EXPECT_EQ(Events("At least 40 people are killed due to flooding in eastern India."), "");
  EXPECT_EQ(Events("774 people have been killed so far during monsoon rains."), "");
  EXPECT_EQ(Events("13 people are killed and four others are injured in a road accident."), "");
  EXPECT_EQ(Events("A teenage boy is killed by a shark near Grafton."), "");
  EXPECT_EQ(Events("At least 14 people are killed at a fire at a drug rehabilitation centre."), "");
  EXPECT_EQ(Events("At least 281 people are killed when a tsunami hits the coast."), "");
  EXPECT_EQ(Events("A residential building under construction collapsed on Saturday morning in "
                   "the Chang'an District of the city, killing eight workers."),
            "");
}

// With no verb the tagger reads, any dictionary form may be one (TABARI's
// reading); not a noun after two modifiers, nor a word inside a name.
TEST_F(NaturalCausesTest, AStormIsNoVerb) {
  EXPECT_EQ(Events("A second winter storm occurs in the East Coast of the United States."), "");
  EXPECT_EQ(Events("The death toll from Tropical Storm Irina in Madagascar is estimated at 65."),
            "");
  EXPECT_NE(Events("A roadside bomb kills 4 United States troops in eastern Afghanistan."), "");
}

// A past happening named with its year is referred to, not reported.
TEST_F(NaturalCausesTest, APastHappeningNamedWithItsYearIsNoEvent) {
  EXPECT_EQ(Events("A helicopter crashed during the 2003 invasion of Iraq."), "");
  EXPECT_EQ(Events("Changes were made due to the 2011 Egyptian protests."), "");
  EXPECT_NE(Events("Israeli troops began an invasion of Lebanon."), "");
}

// Fighting a thing or for a cause is a campaign, not force.
TEST_F(NaturalCausesTest, FightingAThingIsNoAssault) {
  EXPECT_EQ(Events("British gay Muslims fight for equality."), "");
  EXPECT_EQ(Events("Aid workers are fighting ebola in West Africa."), "");
  EXPECT_NE(Events("Rebels fight government troops in Aleppo."), "");
  EXPECT_NE(Events("Rebels fought in Aleppo on Monday."), "");
}

TEST_F(NaturalCausesTest, AttacksStayEvents) {
  // Arson and gunfire are no blaze; a semicolon ends the search.
  EXPECT_NE(Events("Five people are killed when gunmen set fire to a bus."), "");
  EXPECT_NE(Events("Militants killed five soldiers; floods hit the south."), "");
  EXPECT_NE(Events("Gunmen killed five people at a market."), "");
}

}  // namespace
}  // namespace dyad
