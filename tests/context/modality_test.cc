// Copyright dyad authors. Whether a coded event happened.
#include <gtest/gtest.h>

#include "context_test_util.h"

namespace dyad {
namespace {

using testing::Code;
using testing::Ev;

struct ModCase {
  const char* body;
  const char* verb;
  bool coder_negated;
  const char* modality;
  const char* cameo = "010";
};

const ModCase kCases[] = {
    {"The government is planning to deport migrants to Libya.", "deport", false, "planned", "174"},
    {"The United States intends to impose sanctions on Iran.", "impose", false, "planned"},
    {"Egypt is set to host the talks.", "host", false, "planned"},
    {"The ministry will expel the ambassador.", "expel", false, "planned"},
    {"The nationalities of the migrants slated for deportation were not clear.", "deportation",
     false, "planned"},
    {"Turkey plans to send troops to Libya.", "send", false, "planned"},
    // A wish or an aim is not a done deed: "wanted to", "hopes to", "sought to".
    {"The Americans wanted to raid a mujahideen base.", "raid", false, "planned"},
    {"The government hopes to sign a deal with the rebels.", "sign", false, "planned"},
    {"Police sought to disperse the crowd.", "disperse", false, "planned"},
    {"The wanted man attacked the guards.", "attacked", false, "asserted"},
    {"The US wants the UK to extradite Assange.", "extradite", false, "requested"},
    {"The flight could take place as soon as this week.", "take", false, "possible"},
    {"Russia may retaliate against the sanctions.", "retaliate", false, "possible"},
    {"Rebels might attack the capital.", "attack", false, "possible"},
    {"The UN called for an end to the shelling of Gaza.", "shelling", false, "requested"},
    {"France urged Russia to withdraw its troops.", "withdraw", false, "requested"},
    {"Protesters demanded the release of the detainees.", "release", false, "requested"},
    {"Israel denied that it had attacked the convoy.", "attacked", false, "denied"},
    {"The ministry rejected reports that troops fired on protesters.", "fired", false, "denied"},
    {"China did not condemn the invasion.", "condemn", true, "negated"},
    {"The army has not withdrawn from the city.", "withdrawn", true, "negated"},
    {"The government has no plans to deport the refugees.", "deport", false, "negated"},
    {"Pakistan never recognized the regime.", "recognized", false, "negated"},
    {"If talks fail, Iran will attack the base.", "attack", false, "hypothetical"},
    {"Iran would retaliate if Israel struck its facilities.", "retaliate", false, "hypothetical"},
    {"Unless Hamas releases the hostages, Israel will expand the offensive.", "releases", false,
     "hypothetical"},
    {"The army shelled the town.", "shelled", false, "asserted"},
    {"Officials at the White House have not publicly commented on the reports.", "commented", true,
     "asserted", "011"},
    {"The president visited Kyiv and did not only meet officials.", "meet", false, "asserted"},
    {"Israeli forces attacked the camp after Egypt had planned talks.", "attacked", false,
     "asserted"},
};

TEST(Modality, Table) {
  for (bool tags : {false, true}) {
    if (tags && !testing::SharedTagger()) continue;
    for (const ModCase& c : kCases) {
      SCOPED_TRACE(std::string(c.body) + (tags ? " [tagged]" : ""));
      auto r = Code(c.body, "2025-05-07", {Ev(c.verb, c.cameo, c.coder_negated)}, tags);
      EXPECT_EQ(r->coded.events[0].modality, c.modality);
      EXPECT_EQ(r->coded.events[0].cameo, c.cameo);  // the code stays
    }
  }
}

TEST(Modality, ReportedPlanIsPlannedAndReported) {
  auto r = Code(
      "News outlets are reporting the United States government is planning to deport "
      "migrants to Libya for the first time.",
      "2025-05-07", {Ev("deport", "174")});
  const Event& ev = r->coded.events[0];
  EXPECT_EQ(ev.modality, "planned");
  EXPECT_TRUE(ev.reported);
}

}  // namespace
}  // namespace dyad
