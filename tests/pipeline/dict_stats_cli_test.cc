// Copyright dyad authors. `dyad dict stats` on dyad's own dictionaries reports
// the actor records by kind and the latest date a restriction names (issue 19).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <memory>
#include <sstream>
#include <string>

namespace dyad {
namespace {

std::map<std::string, std::string> StatsOf(const std::string& dir) {
  std::map<std::string, std::string> out;
  std::string cmd = std::string(DYAD_CLI) + " dict stats " + dir + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  if (!p) return out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p.get())) {
    std::string line(buf);
    auto colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 2);
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
    out[line.substr(0, colon)] = value;
  }
  return out;
}

TEST(DictStatsCliTest, CountsByKindAndLatestDate) {
  auto s = StatsOf(std::string(DYAD_DATA_DIR) + "/dict");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s["warnings"], "0");
  for (const char* kind : {"actors_GOV", "actors_MIL", "actors_COP", "actors_LEG", "actors_JUD",
                           "actors_SPY", "actors_ELI", "actors_IGO", "actors_country"}) {
    ASSERT_TRUE(s.count(kind)) << kind;
    EXPECT_GT(std::stoi(s[kind]), 0) << kind;
  }
  EXPECT_GT(std::stoi(s["actors_dated"]), 3000);
  // The 2026 snapshot reaches at least into 2026.
  ASSERT_EQ(s["latest_date"].size(), 10u);
  EXPECT_GE(s["latest_date"], "2026-01-01");
}

}  // namespace
}  // namespace dyad
