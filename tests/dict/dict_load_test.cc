// Copyright dyad authors. Loading the real TABARI / PETRARCH / Phoenix dictionaries.
#include <gtest/gtest.h>

#include <cstdio>
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
