// Copyright dyad authors. Who the article cites for an event.
#include <gtest/gtest.h>

#include "context_test_util.h"

namespace dyad {
namespace {

using testing::Code;
using testing::Ev;

struct AttrCase {
  const char* body;
  const char* verb;
  const char* text;  // expected attribution text (substring); nullptr: no attribution
  const char* kind;
};

const AttrCase kCases[] = {
    {"News outlets are reporting the government is planning to deport migrants to Libya.", "deport",
     "News outlets", "reported"},
    {"According to Reuters, the army shelled the border town.", "shelled", "Reuters", "reported"},
    {"According to the reports, the plan is to expel the diplomats.", "expel", "reports",
     "reported"},
    {"The reports indicate the flight could take place this week.", "take", "reports", "reported"},
    {"Reuters reported that officials said the army attacked the camp.", "attacked", "officials",
     "anonymous"},
    {"Officials who spoke on condition of anonymity said the militia seized the port.", "seized",
     "Officials who spoke on condition of anonymity", "anonymous"},
    {"Sources have cautioned the plan could face legal hurdles.", "face", "Sources", "anonymous"},
    {"The interior ministry said on Saturday that police arrested 40 protesters.", "arrested",
     "interior ministry", "official"},
    {"Police arrested 40 protesters, the interior ministry said.", "arrested", "interior ministry",
     "official"},
    {"Foreign Minister Sergei Lavrov said Moscow would expel the envoys.", "expel",
     "Foreign Minister Sergei Lavrov", "official"},
    {"Human rights groups said guards beat the detainees.", "beat", "Human rights groups",
     "official"},
    {"Earlier reports from Reuters also indicated the possibility of a deportation flight.",
     "deportation", "Reuters", "reported"},
    {"The planning is said to be closely held.", "held", "is said to", "anonymous"},
    {"Rebels reportedly captured the airport.", "captured", "reportedly", "reported"},
    {"Witnesses said soldiers fired on the crowd.", "fired", "Witnesses", "anonymous"},
    {"The army shelled the town on Sunday.", "shelled", nullptr, ""},
    {"A person familiar with the matter said the talks collapsed.", "collapsed",
     "person familiar with the matter", "anonymous"},
    {"Iran will retaliate, state television reported.", "retaliate", "state television",
     "reported"},
    // The speaker before an aside, not the reported clause's subject after the verb.
    {"Montell Figgins, who represents Thomas, said his client chose not to accept a plea "
     "agreement offered by prosecutors.",
     "offered", "Montell Figgins", "official"},
    {"Noel, 31, said the guards arrested the inmates.", "arrested", "Noel", "official"},
    // An opening phrase before the speaker is not a list of names.
    {"In addition to the three fatalities at a fuel plant on Tuesday, Bolivia's public "
     "defender's office said another 30 people had been injured.",
     "injured", "Bolivia's public defender's office", "official"},
    // A time phrase between the speaker and the verb is not the speaker.
    {"A Los Angeles Times poll released earlier this week showed voters criticized Reagan.",
     "criticized", "Los Angeles Times poll", "reported"},
    // A passive participle is not a reporting frame.
    {"Lawmakers expressed outrage over the security breakdown revealed by his suicide.",
     "expressed", nullptr, ""},
};

TEST(Attribution, Table) {
  for (bool tags : {false, true}) {
    if (tags && !testing::SharedTagger()) continue;
    for (const AttrCase& c : kCases) {
      SCOPED_TRACE(std::string(c.body) + (tags ? " [tagged]" : ""));
      auto r = Code(c.body, "2025-05-07", {Ev(c.verb)}, tags);
      const Event& ev = r->coded.events[0];
      if (!c.text) {
        EXPECT_FALSE(ev.attribution.has_value()) << ev.attribution->text;
        EXPECT_FALSE(ev.reported);
        continue;
      }
      ASSERT_TRUE(ev.attribution.has_value());
      EXPECT_NE(ev.attribution->text.find(c.text), std::string::npos) << ev.attribution->text;
      EXPECT_EQ(ev.attribution->kind, c.kind) << ev.attribution->text;
      EXPECT_TRUE(ev.reported);
    }
  }
}

TEST(Attribution, ATimePhraseBeforeTheVerbIsNotPartOfTheSpeaker) {
  for (const char* body : {"The ministry on Tuesday said police arrested 40 protesters.",
                           "The ministry last week said police arrested 40 protesters."}) {
    SCOPED_TRACE(body);
    auto r = Code(body, "2025-05-07", {Ev("arrested")});
    const Event& ev = r->coded.events[0];
    ASSERT_TRUE(ev.attribution.has_value());
    EXPECT_EQ(ev.attribution->text, "ministry");
  }
}

TEST(Attribution, ATimePhraseEndsTheSourceAfterAccordingTo) {
  auto r = Code("Hackers hit the site, according to security company Finjan's blog on November 27.",
                "2025-12-07", {Ev("hit")});
  const Event& ev = r->coded.events[0];
  ASSERT_TRUE(ev.attribution.has_value());
  EXPECT_EQ(ev.attribution->text, "security company Finjan's blog");
}

TEST(Attribution, ReportingVerbItselfIsNoAttribution) {
  // The coder coded "accused" as the event: the outlet asserts the accusation.
  auto r = Code("Libya accused Egypt of arming the rebels.", "2025-05-07",
                {Ev("accused", "112", false, "Libya", "LBY", "Egypt", "EGY")});
  EXPECT_FALSE(r->coded.events[0].attribution.has_value());
}

TEST(Attribution, DirectQuoteByTheActor) {
  auto r = Code("\"We will strike the convoy,\" the Israeli army said.", "2025-05-07",
                {Ev("strike", "190", false, "the Israeli army", "ISRMIL")});
  const Event& ev = r->coded.events[0];
  ASSERT_TRUE(ev.attribution.has_value());
  EXPECT_EQ(ev.attribution->kind, "direct");
  EXPECT_EQ(ev.attribution->code, "ISRMIL");
  EXPECT_EQ(ev.modality, "planned");
}

TEST(Attribution, CodeOfACodedReportingSubject) {
  auto r = Code("The Pentagon said Iranian forces seized the tanker.", "2025-05-07",
                {Ev("seized", "180", false, "Iranian forces", "IRNMIL", "the tanker", "")});
  // The Pentagon is a coded entity of the article.
  r = nullptr;
  testing::Annotated a;
  a.article.body = "The Pentagon said Iranian forces seized the tanker.";
  a.article.date = "2025-05-07";
  ASSERT_TRUE(SplitText(a.article.body, TextOptions{}, &a.doc).ok());
  Entity pentagon{"e0",
                  "The Pentagon",
                  EntityType::kOrg,
                  testing::Find(a.article.body, "The Pentagon"),
                  "USAMIL",
                  "USA",
                  {"MIL"},
                  std::nullopt,
                  false,
                  {}};
  a.coded.entities.push_back(pentagon);
  Event ev;
  ev.verb_span = testing::Find(a.article.body, "seized");
  a.coded.events.push_back(ev);
  testing::Analyzer().Annotate(a.article, a.doc, {}, &a.coded);
  ASSERT_TRUE(a.coded.events[0].attribution.has_value());
  EXPECT_EQ(a.coded.events[0].attribution->text, "Pentagon");
  EXPECT_EQ(a.coded.events[0].attribution->kind, "official");
  EXPECT_EQ(a.coded.events[0].attribution->code, "USAMIL");
}

TEST(Attribution, FrameCarriesOverWithinAParagraph) {
  auto r = Code(
      "According to the reports, the plan is part of a broader strategy. The flights would carry "
      "migrants to Libya.\n\nThe army attacked the base.",
      "2025-05-07", {Ev("carry"), Ev("attacked")});
  ASSERT_TRUE(r->coded.events[0].attribution.has_value());
  EXPECT_EQ(r->coded.events[0].attribution->kind, "reported");
  EXPECT_TRUE(r->coded.events[0].reported);
  EXPECT_FALSE(r->coded.events[1].attribution.has_value());
}

TEST(Sources, EveryCitedSourceOnce) {
  auto r = Code(
      "News outlets are reporting the government is planning to deport migrants. Reuters reported "
      "the flight could leave this week. Sources have cautioned the plan could face hurdles. "
      "According to Reuters, officials were divided. Human rights groups said conditions were "
      "dire.",
      "2025-05-07", {Ev("deport")});
  std::vector<std::string> texts;
  for (const Attribution& a : r->coded.sources) texts.push_back(a.text);
  auto has = [&](const std::string& t) {
    return std::find(texts.begin(), texts.end(), t) != texts.end();
  };
  EXPECT_TRUE(has("News outlets"));
  EXPECT_TRUE(has("Reuters"));
  EXPECT_TRUE(has("Sources"));
  EXPECT_TRUE(has("Human rights groups"));
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "Reuters"), 1);
}

}  // namespace
}  // namespace dyad
