// Copyright dyad authors. Loading the real TABARI / PETRARCH / Phoenix dictionaries.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "dyad/dict.h"

namespace dyad {
namespace {

const std::string kShared = DYAD_SHARED_DIR;

struct Collected {
  std::vector<std::string> warnings;
  DictOptions Options() {
    DictOptions o;
    o.sink = [this](const Diagnostic& d) { warnings.push_back(d.ToString()); };
    return o;
  }
};

TEST(DictLoadTest, PhoenixFullSetLoadsWithoutErrors) {
  Collected c;
  DictOptions o = c.Options();
  o.strict = false;
  auto dicts = LoadDictionaryDir(kShared + "/data/phoenix", o);
  ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
  const DictStats& s = (*dicts)->Stats();
  std::printf("%s", RenderDictStats(s).c_str());
  for (std::size_t i = 0; i < c.warnings.size() && i < 40; ++i) {
    std::printf("warning: %s\n", c.warnings[i].c_str());
  }
  EXPECT_GT(s.actors, 10000u);
  EXPECT_GT(s.patterns, 4000u);
  EXPECT_GT(s.agents, 500u);
  EXPECT_GT(s.issues, 1000u);
  EXPECT_GT(s.discards + s.story_discards, 300u);
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

void PrintWarnings(const Collected& c) {
  for (const std::string& w : c.warnings) std::printf("warning: %s\n", w.c_str());
}

TEST(DictLoadTest, PetrarchValidationSet) {
  Collected c;
  std::string dir = kShared + "/data/petrarch2/";
  auto dicts = LoadDictionaries(
      std::vector<std::filesystem::path>{
          dir + "PETR.Validate.actors.txt", dir + "PETR.Validate.agents.txt",
          dir + "PETR.Validate.verbs.txt", dir + "PETR.Validate.discards.txt"},
      c.Options());
  ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
  PrintWarnings(c);
  const Dictionaries& d = **dicts;
  std::printf("%s", RenderDictStats(d.Stats()).c_str());
  EXPECT_EQ(d.FileFlavor(0), DictFlavor::kPetrarch);
  EXPECT_GT(d.Stats().patterns, 200u);
  EXPECT_EQ(d.Stats().transformations, 0u);
  // Synonym with date restrictions on tab lines: GOLLUM / SMEAGOL.
  std::vector<std::string_view> w = {"Smeagol"};
  DictWords words;
  d.Prepare(w, &words);
  ActorMatch m;
  ASSERT_TRUE(d.MatchActor(words, 0, 19970101, &m));
  EXPECT_EQ(d.code(m.code).text, "HOBGOV");
  ASSERT_TRUE(d.MatchActor(words, 0, 20050101, &m));
  EXPECT_EQ(d.code(m.code).text, "HOBREB");
  ASSERT_TRUE(d.MatchActor(words, 0, 19900101, &m));
  EXPECT_EQ(d.code(m.code).text, "HOB");
  // Agents with !PERSON! substitution and automatic plurals.
  std::vector<std::string_view> a = {"congresswomen"};
  d.Prepare(a, &words);
  AgentMatch am;
  ASSERT_TRUE(d.MatchAgent(words, 0, &am));
  EXPECT_EQ(d.code(am.entry->code).text, "LEG");
  std::vector<std::string_view> b = {"congresses"};
  d.Prepare(b, &words);
  ASSERT_TRUE(d.MatchAgent(words, 0, &am));
  EXPECT_TRUE(am.entry->plural);
}

TEST(DictLoadTest, TabariValidationDirectory) {
  Collected c;
  auto files = ListDictionaryDir(kShared + "/data/tabari", c.Options());
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  for (const auto& [p, k] : *files) {
    std::printf("file: %s (%s)\n", p.filename().c_str(), std::string(DictFileKindName(k)).c_str());
  }
  auto dicts = LoadDictionaries(*files, c.Options());
  ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
  PrintWarnings(c);
  const Dictionaries& d = **dicts;
  std::printf("%s", RenderDictStats(d.Stats()).c_str());
  EXPECT_GT(d.Stats().nouns, 0u);
  EXPECT_GT(d.Stats().adjectives, 0u);
  EXPECT_GT(d.Stats().time_shifts, 0u);
  EXPECT_GT(d.Stats().labels, 0u);
  EXPECT_GT(d.Stats().agents, 20u);
  // TABARI stems: ARGENTIN matches "Argentina"; NORW matches "Norwegian".
  std::vector<std::string_view> w = {"Argentina", "and", "Norwegian", "officials"};
  DictWords words;
  d.Prepare(w, &words);
  ActorMatch m;
  ASSERT_TRUE(d.MatchActor(words, 0, 20000101, &m));
  EXPECT_EQ(d.code(m.code).text, "ARG");
  ASSERT_TRUE(d.MatchActor(words, 2, 20000101, &m));
  EXPECT_EQ(d.code(m.code).text, "NOR");
  // LIBYA_ is a whole word with regular endings: "Libya's" yes, "Libyan" no.
  std::vector<std::string_view> l = {"Libya's", "Libyan"};
  d.Prepare(l, &words);
  EXPECT_TRUE(d.MatchActor(words, 0, 20000101, &m));
  EXPECT_FALSE(d.MatchActor(words, 1, 20000101, &m));
}

TEST(DictLoadTest, TabariMasterCameoVerbs) {
  Collected c;
  auto dicts = LoadDictionaries(
      std::vector<std::filesystem::path>{kShared + "/data/tabari/CAMEO.091003.master.verbs"},
      c.Options());
  ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
  for (std::size_t i = 0; i < c.warnings.size() && i < 20; ++i) {
    std::printf("warning: %s\n", c.warnings[i].c_str());
  }
  std::printf("%s", RenderDictStats((*dicts)->Stats()).c_str());
  EXPECT_EQ((*dicts)->FileFlavor(0), DictFlavor::kTabari);
  EXPECT_GT((*dicts)->Stats().patterns, 10000u);
}

}  // namespace
}  // namespace dyad
