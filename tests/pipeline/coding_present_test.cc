// Headline-style present tense the tagger misreads (as a preposition, an
// adjective or another closed class) after a plural subject, through the whole
// default pipeline (tagger and name finder on, no tree), on shapes of real
// current-events bullets (issue 18, items 1 and 5).
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingPresentTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingPresentTest, AVerbReadAsAClosedClassAfterItsSubjectIsTheVerb) {
  // "abduct/ADP", "besiege/ADP", "loot/ADP", "arrest/ADP": no event before.
  EXPECT_EQ(Events("Maoist rebels abduct seven villagers in the Purulia district."),
            "181:REB>CVL;");
  EXPECT_EQ(Events("Houthi rebels besiege the government's temporary capital of Aden."),
            "191:YEMREB>YEMGOV;");
  EXPECT_EQ(Events("Police arrest Anthony K. Boisvert after a foot chase."), "173:COP>CVL;");
  EXPECT_EQ(Events("Opposition parties boycott the swearing-in of the new parliament in Ankara."),
            "143:TUROPP>TURLEG;");
}

}  // namespace
}  // namespace dyad
