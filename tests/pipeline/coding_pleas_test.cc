// Admissions, denials and pleas: an act about one's own deed is aimed at no
// one, and a plea names a charge, not a new event; through the whole default
// pipeline (tagger and name finder on, no tree), on shapes of real
// current-events and Reuters sentences (issue 18, items 1 and 3).
#include <gtest/gtest.h>

#include <string>

#include "dyad/article.h"
#include "dyad/pipeline.h"
#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingPleasTest : public coding_testing::DefaultPipelineTest {};

TEST_F(CodingPleasTest, AGuiltyPleaAdmitsTheDeedAndNamesNoNewEvent) {
  // A plea was a null pattern: no event at all.
  EXPECT_EQ(Events("Kahairi Saadallah pleads guilty to three murders."), "015:CVL>-;");
  // The murder it names is a charge, as in "charged with murder".
  EXPECT_EQ(Events("John Smith pleaded guilty to murder."), "015:CVL>-;");
  // Not guilty is a denial.
  EXPECT_EQ(Events("Sayfullo Saipov pleads not guilty to all charges of murder."), "016:CVL>-;");
}

TEST_F(CodingPleasTest, AnAdmissionOrDenialIsAimedAtNoOne) {
  // The court where one pleads is no target (015 GBRCVL>GBRJUD before).
  EXPECT_EQ(Events("Ian Watkins pleads guilty at Cardiff Crown Court to a range of offences."),
            "015:CVL>-;");
  // Whom the denial concerns is no target (016 AFG>PAK before).
  EXPECT_EQ(Events("Afghanistan has denied previous charges by Pakistan."), "016:AFG>-;");
  // The target of the harm a claim or denial is about stays.
  EXPECT_EQ(Events("Russia denied responsibility for the missile strike on a market in eastern "
                   "Ukraine."),
            "016:RUS>UKR;");
  // The classic dyadic coding keeps the old reading.
  PipelineOptions options;
  options.require_dyad = true;
  auto dyadic = Pipeline::Create(options);
  ASSERT_TRUE(dyadic.ok()) << dyadic.status().ToString();
  Article a;
  a.id = "t";
  a.body = "Afghanistan has denied previous charges by Pakistan.";
  CodedArticle coded;
  ASSERT_TRUE(dyadic.value()->Process(a, &coded).ok());
  ASSERT_EQ(coded.events.size(), 1u);
  EXPECT_EQ(coded.events[0].cameo, "016");
  ASSERT_TRUE(coded.events[0].target.has_value());
  EXPECT_EQ(coded.events[0].target->code, "PAK");
}

TEST_F(CodingPleasTest, AVerdictOnAPronounIsTheCourtsAct) {
  // "found him guilty": no actor after the verb, so "* + GUILTY" did not fire.
  EXPECT_EQ(Events("The jury took just 15 minutes to find him guilty."), "116:JUD>-;");
}

TEST_F(CodingPleasTest, CommittedBombingsAreBombingsNotSuicide) {
  // "* SUICIDE" (committed suicide) took "committed ... suicide bombings".
  EXPECT_EQ(Events("ISIL has committed multiple suicide bombings in the Syrian city of Raqqa."),
            "1831:IMGINS>-;");
  EXPECT_EQ(Events("The attacker committed suicide in his cell."), "");
}

}  // namespace
}  // namespace dyad
