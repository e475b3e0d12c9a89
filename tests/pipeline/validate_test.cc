// Copyright dyad authors. Reading PETRARCH unit-test files: the <Config>
// switches that apply to the records after them, and malformed files.
#include "dyad/validate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace dyad {
namespace {

using testing::TempDir;

std::string Write(const TempDir& dir, const std::string& text) {
  const std::string path = dir / "suite.xml";
  std::ofstream(path) << text;
  return path;
}

constexpr char kEnvironment[] =
    "<Environment>\n<Verbfile>v.txt</Verbfile>\n<Config option=\"stop_on_error\" "
    "value=\"True\"></Config>\n</Environment>\n";

std::string Record(const std::string& id) {
  return "<Sentence date=\"19950101\" id=\"" + id +
         "\" category=\"DEMO\">\n<EventCoding sourcecode=\"ARN\" targetcode=\"---\" "
         "eventcode=\"023\"></EventCoding>\n<Text>Arnor said so.</Text>\n</Sentence>\n";
}

TEST(PetrarchSuite, ConfigSwitchesApplyToTheRecordsAfterThem) {
  TempDir dir;
  const std::string path =
      Write(dir, std::string(kEnvironment) + Record("A-1") +
                     "<Config option=\"require_dyad\" value=\"FALSE\"></Config>\n" + Record("A-2") +
                     "<!-- <Config option=\"require_dyad\" value=\"true\"> -->\n" + Record("A-3") +
                     "<Config option=\"require_dyad\" value=\"True\"></Config>\n" + Record("A-4"));
  auto suite = LoadPetrarchSuite(path);
  ASSERT_TRUE(suite.ok()) << suite.status().ToString();
  ASSERT_EQ(suite->records.size(), 4u);
  EXPECT_TRUE(suite->records[0].require_dyad);   // PETRARCH's default
  EXPECT_FALSE(suite->records[1].require_dyad);  // any case of "false"
  EXPECT_FALSE(suite->records[2].require_dyad);  // a commented-out switch does nothing
  EXPECT_TRUE(suite->records[3].require_dyad);
  ASSERT_EQ(suite->records[1].expected.size(), 1u);
  EXPECT_EQ(suite->records[1].expected[0].target, "---");
}

TEST(PetrarchSuite, CommaOptionsApplyToTheRecordsAfterThem) {
  TempDir dir;
  const std::string path =
      Write(dir, std::string(kEnvironment) + Record("A-1") +
                     "<Config option=\"comma_min\" value=\"4\"></Config>\n"
                     "<Config option=\"comma_bmax\" value=\" 6 \"></Config>\n"
                     "<Config option=\"comma_emin\" value=\"3\"></Config>\n" +
                     Record("A-2") + "<Config option=\"comma_max\" value=\"0\"></Config>\n" +
                     Record("A-3"));
  auto suite = LoadPetrarchSuite(path);
  ASSERT_TRUE(suite.ok()) << suite.status().ToString();
  ASSERT_EQ(suite->records.size(), 3u);
  EXPECT_EQ(suite->records[0].comma, CommaClauses{});  // PETRARCH's defaults
  const CommaClauses& b = suite->records[1].comma;
  EXPECT_EQ(b.min, 4u);
  EXPECT_EQ(b.max, 8u);
  EXPECT_EQ(b.begin_max, 6u);
  EXPECT_EQ(b.end_min, 3u);
  EXPECT_EQ(suite->records[2].comma.max, 0u);  // internal clauses off, the rest kept
  EXPECT_EQ(suite->records[2].comma.begin_max, 6u);
}

TEST(PetrarchSuite, BadCommaOptionNamesFileAndLine) {
  TempDir dir;
  for (const char* bad : {"four", "-1", "4x", "", "99999999999"}) {
    const std::string path =
        Write(dir, std::string(kEnvironment) + "<Config option=\"comma_emax\" value=\"" + bad +
                       "\"></Config>\n" + Record("A-1"));
    auto suite = LoadPetrarchSuite(path);
    ASSERT_FALSE(suite.ok()) << bad;
    EXPECT_EQ(suite.status().code(), ErrorCode::kParseError);
    EXPECT_NE(suite.status().message().find(path + ":5: comma_emax wants a word count"),
              std::string::npos)
        << suite.status().ToString();
  }
}

TEST(PetrarchSuite, UnterminatedConfigNamesFileAndLine) {
  TempDir dir;
  // Line 5: the tag runs into the next record instead of ending.
  std::string path =
      Write(dir, std::string(kEnvironment) + "<Config option=\"require_dyad\"\n" + Record("A-1"));
  auto suite = LoadPetrarchSuite(path);
  ASSERT_FALSE(suite.ok());
  EXPECT_EQ(suite.status().code(), ErrorCode::kParseError);
  EXPECT_NE(suite.status().message().find(path + ":5: unterminated <Config>"), std::string::npos)
      << suite.status().ToString();
  // After the last record too.
  path = Write(dir, std::string(kEnvironment) + Record("A-1") + "<Config option=\"require_dyad\"");
  suite = LoadPetrarchSuite(path);
  ASSERT_FALSE(suite.ok());
  EXPECT_NE(suite.status().message().find("unterminated <Config>"), std::string::npos);
}

}  // namespace
}  // namespace dyad
