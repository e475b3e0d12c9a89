// `dyad code --explain` (PipelineOptions::explain) says, for every predicate
// that gave no event, why. Real sentences of the gold set (tests/gold/
// events.jsonl, ids in the comments), coded with dyad's own dictionaries.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/pipeline.h"

namespace dyad {
namespace {

struct GoldSentence {
  const char* id;
  const char* date;
  const char* text;
};

const GoldSentence kGoldSentences[] = {
    {"g0016", "2004-12-01",
     "Rwandan troops are spotted by UN personnel in eastern Congo where Congolese officials say "
     "the troops are attacking and burning villages."},
    {"g0008", "2012-09-28",
     "Twelve people die and dozens of inmates escape in a prison break in Tikrit, Iraq."},
    {"g0017", "2005-01-03",
     "In Peru, 200 men from the Movimiento Etnocacerista who took over the town of Andahuaylas "
     "and its police station first say they intend to give up their weapons, then retract, "
     "saying the government had reneged on a surrender deal."},
    {"g0005", "2010-10-07",
     "The leader of a Congolese rebel group suspected of being involved in the mass rape of more "
     "than 300 civilians is arrested by the Congolese army and United Nations peacekeeping "
     "troops."},
    {"g0003", "2018-09-24",
     "Russian officials state that the country will send S-300 air-defense missile system to "
     "Syria within two weeks following the downing of Russian aircraft in Syria."},
};

struct Explained {
  std::vector<std::string> lines;
  CodedArticle coded;
  std::string body;
};

Explained Explain(const Pipeline& pipeline, const GoldSentence& s) {
  Explained x;
  Article a;
  a.id = s.id;
  a.date = s.date;
  a.body = s.text;
  FinalizeArticle(&a);
  x.body = a.body;
  EXPECT_TRUE(pipeline.Process(a, &x.coded).ok()) << s.id;
  std::istringstream in(x.coded.trace);
  for (std::string line; std::getline(in, line);) x.lines.push_back(line);
  return x;
}

// Every verb the coder read ("verb W block ...") either coded an event (one
// whose verb span holds W) or is followed by "  -> no event: <why>".
void ExpectEveryVerbAccountedFor(const Explained& x, const char* id) {
  int verbs = 0;
  for (std::size_t i = 0; i < x.lines.size(); ++i) {
    const std::string& l = x.lines[i];
    if (l.rfind("verb ", 0) != 0 || l.find(" block ") == std::string::npos) continue;
    ++verbs;
    const std::string word = l.substr(5, l.find(' ', 5) - 5);
    bool coded = false;
    for (const Event& e : x.coded.events)
      coded |= x.body.substr(e.verb_span.begin, e.verb_span.end - e.verb_span.begin).find(word) !=
               std::string::npos;  // "took over"
    bool why = i + 1 < x.lines.size() && x.lines[i + 1].rfind("  -> no event: ", 0) == 0 &&
               x.lines[i + 1].size() > 16;
    EXPECT_TRUE(coded || why) << id << ": verb \"" << word << "\" gave no event and no reason\n"
                              << x.coded.trace;
  }
  EXPECT_GT(verbs, 0) << id;
}

TEST(ExplainTest, EveryPredicateWithoutAnEventSaysWhy) {
  for (bool require_dyad : {false, true}) {
    PipelineOptions o;
    o.explain = true;
    o.require_dyad = require_dyad;
    auto pipeline = Pipeline::Create(o);
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
    for (const GoldSentence& s : kGoldSentences)
      ExpectEveryVerbAccountedFor(Explain(**pipeline, s), s.id);
  }
}

TEST(ExplainTest, OneSidedEventUnderRequireDyadAndANullCodeAreNamed) {
  PipelineOptions o;
  o.explain = true;
  o.require_dyad = true;
  auto pipeline = Pipeline::Create(o);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  Explained x = Explain(**pipeline, kGoldSentences[0]);  // g0016
  auto after = [&](const std::string& verb) -> std::string {
    for (std::size_t i = 0; i + 1 < x.lines.size(); ++i)
      if (x.lines[i].rfind("verb " + verb + " block ", 0) == 0) return x.lines[i + 1];
    return "(verb " + verb + " not read)";
  };
  // "the troops are attacking": a source and no target.
  EXPECT_EQ(after("attacking").rfind("  -> no event: one-sided and require_dyad is on (source ", 0),
            0u)
      << x.coded.trace;
  EXPECT_NE(after("attacking").find(", target -)"), std::string::npos) << x.coded.trace;
  // "say" is in a block whose code is null ([---]): said, but no event.
  EXPECT_EQ(after("say"), "  -> no event: a null or complex code ([---], [+++])") << x.coded.trace;
  // A dictionary verb form the tagger reads as a noun is named too ("a prison break").
  Explained y = Explain(**pipeline, kGoldSentences[1]);  // g0008
  bool named = false;
  for (const std::string& l : y.lines) named |= l.rfind("verb form break: no predicate: ", 0) == 0;
  EXPECT_TRUE(named) << y.coded.trace;
}

TEST(ExplainTest, ADiscardedSentenceNamesItsDiscardPhrase) {
  PipelineOptions o;
  o.explain = true;
  auto pipeline = Pipeline::Create(o);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  // A real bullet (current events, 2020-06-29): the market name discards it.
  const GoldSentence s = {"ce", "2020-06-29",
                          "An attack on the Pakistan Stock Exchange building in Karachi leaves at "
                          "least seven people dead."};
  Explained x = Explain(**pipeline, s);
  bool named = false;
  for (const std::string& l : x.lines)
    named |=
        l.rfind("sentence discarded: a discard phrase at \"Stock\" [dyad.discards.txt:", 0) == 0;
  EXPECT_TRUE(named) << x.coded.trace;
}

}  // namespace
}  // namespace dyad
