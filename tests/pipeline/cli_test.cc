// What a new user meets in the first hour, end to end through the CLI: dates,
// messages that point somewhere real, runs that would do nothing, mistyped
// commands, inputs that keep their path, and the README's own examples.
#include "support/cli.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace dyad {
namespace {

using testing::ReadWholeFile;
using testing::RunDyad;
using testing::TempDir;
using testing::WriteWholeFile;
using Json = nlohmann::json;

const std::string kExamples = std::string(DYAD_SOURCE_DIR) + "/examples";
const std::string kSahel = kExamples + "/sahel-talks.txt";

TEST(FirstHourCli, DateOptionMustBeARealCalendarDate) {
  TempDir dir;
  std::string out, err;
  for (const char* bad : {"2025-02-30", "2025-13-45", "2025-04-31", "2025-5-7"}) {
    EXPECT_EQ(RunDyad({"code", kSahel, "--date", bad}, dir, &out, &err), 2) << bad;
    EXPECT_NE(err.find(bad), std::string::npos) << err;
    EXPECT_TRUE(out.empty()) << bad << ": wrote " << out.substr(0, 200);
  }
  EXPECT_NE(err.find("YYYY-MM-DD"), std::string::npos) << err;
  ASSERT_EQ(RunDyad({"code", "--date", "2025-02-30", kSahel}, dir, &out, &err), 2);
  EXPECT_NE(err.find("not a real date"), std::string::npos) << err;
  ASSERT_EQ(RunDyad({"code", kSahel, "--date", "2024-02-29"}, dir, &out, &err), 0) << err;
  EXPECT_EQ(Json::parse(out)["article"]["date"], "2024-02-29");
}

TEST(FirstHourCli, ImpossibleDateInInputIsACountedWarningNamingTheRecord) {
  TempDir dir;
  const std::string in = dir / "news.jsonl";
  WriteWholeFile(in,
                 "{\"id\": \"good\", \"date\": \"2025-03-01\", \"text\": \"Police arrested "
                 "rebels in Tripoli on Monday.\"}\n"
                 "{\"id\": \"bad\", \"date\": \"2025-02-30\", \"text\": \"Rebels attacked "
                 "police in Benghazi on Monday.\"}\n");
  std::string out, err;
  ASSERT_EQ(RunDyad({"code", in}, dir, &out, &err), 0) << err;
  EXPECT_NE(err.find("news.jsonl:2"), std::string::npos) << err;
  EXPECT_NE(err.find("2025-02-30"), std::string::npos) << err;
  EXPECT_NE(err.find("1 input warning"), std::string::npos) << err;
  std::istringstream lines(out);
  std::string line;
  std::vector<Json> articles;
  while (std::getline(lines, line)) articles.push_back(Json::parse(line));
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0]["article"]["date"], "2025-03-01");
  EXPECT_TRUE(articles[1]["article"]["date"].is_null()) << articles[1]["article"];
}

TEST(FirstHourCli, DictionaryWarningsPointToACommandThatExists) {
  TempDir dir;
  const std::string bad = dir / "bad.actors.txt";
  WriteWholeFile(bad, "NEXT_ACTOR [NXT]\n\t[950601-990815]\nUNCLOSED [ABC\n");
  const std::string data = std::string(DYAD_SOURCE_DIR) + "/data/dict";
  std::string out, err;
  ASSERT_EQ(RunDyad({"code", kSahel, "--dict", data, "--dict", bad}, dir, &out, &err), 0) << err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(err, m, std::regex("list them: (dyad [^)]*)\\)"))) << err;
  EXPECT_EQ(err.find("dict check"), std::string::npos) << err;
  // The command it names runs and lists the warnings with file:line.
  std::vector<std::string> args;
  std::istringstream words(m[1].str());
  std::string w;
  words >> w;  // "dyad"
  while (words >> w) args.push_back(w);
  ASSERT_EQ(RunDyad(args, dir, &out, &err, DYAD_SOURCE_DIR), 0) << err;
  EXPECT_NE(err.find("bad.actors.txt:"), std::string::npos) << err;
}

TEST(FirstHourCli, RunsThatWouldDoNothingSaySo) {
  TempDir dir;
  std::string out, err;
  // A folder with no article dyad can read.
  std::filesystem::create_directory(dir / "empty");
  WriteWholeFile(dir / "empty/notes.pdf", "%PDF-1.4");
  EXPECT_NE(RunDyad({"code", dir / "empty"}, dir, &out, &err), 0);
  EXPECT_NE(err.find("no readable article"), std::string::npos) << err;
  // An empty dictionary file.
  WriteWholeFile(dir / "mine.verbs.txt", "");
  RunDyad({"code", kSahel, "--dict", dir / "mine.verbs.txt"}, dir, &out, &err);
  EXPECT_NE(err.find("mine.verbs.txt holds no dictionary entry"), std::string::npos) << err;
  // --flat means nothing with PLOVER records.
  EXPECT_EQ(RunDyad({"code", kSahel, "--to", "plover", "--flat"}, dir, &out, &err), 2);
  EXPECT_NE(err.find("--flat"), std::string::npos) << err;
  EXPECT_TRUE(out.empty());
}

TEST(FirstHourCli, MistypedCommandIsNamedWithTheClosestOne) {
  TempDir dir;
  std::string out, err;
  EXPECT_EQ(RunDyad({"cod", kSahel}, dir, &out, &err), 2);
  EXPECT_NE(err.find("unknown command 'cod'"), std::string::npos) << err;
  EXPECT_NE(err.find("did you mean 'code'"), std::string::npos) << err;
  EXPECT_EQ(RunDyad({"injest", "x"}, dir, &out, &err), 2);
  EXPECT_NE(err.find("did you mean 'ingest'"), std::string::npos) << err;
  EXPECT_EQ(RunDyad({"frobnicate"}, dir, &out, &err), 2);
  EXPECT_NE(err.find("unknown command 'frobnicate'"), std::string::npos) << err;
  EXPECT_EQ(err.find("did you mean"), std::string::npos) << err;
  EXPECT_EQ(RunDyad({"--version"}, dir, &out, &err), 0) << err;
}

TEST(FirstHourCli, PlainTextAndHtmlFilesKeepTheirPath) {
  TempDir dir;
  std::string out, err;
  ASSERT_EQ(
      RunDyad({"code", "examples/sahel-talks.txt", "--flat"}, dir, &out, &err, DYAD_SOURCE_DIR), 0)
      << err;
  std::istringstream lines(out);
  std::string line;
  int events = 0;
  while (std::getline(lines, line)) {
    ++events;
    EXPECT_EQ(Json::parse(line)["article_url"], "examples/sahel-talks.txt") << line;
  }
  EXPECT_GT(events, 0);
  // An HTML page naming its own URL keeps that URL.
  ASSERT_EQ(RunDyad({"code", kExamples + "/border-clash.html"}, dir, &out, &err), 0) << err;
  EXPECT_EQ(Json::parse(out)["article"]["url"],
            "https://news.example.org/world/2025/04/12/border-shelling");
}

// examples/README.md describes the files that are there: each file once, the
// JSON lines file with as many records as it says, and its run line works.
TEST(FirstHourCli, ExamplesReadmeDescribesTheFilesThatAreThere) {
  namespace fs = std::filesystem;
  const std::string readme = ReadWholeFile(kExamples + "/README.md");
  int files = 0;
  for (const auto& e : fs::directory_iterator(kExamples)) {
    const std::string name = e.path().filename().string();
    if (name == "README.md") continue;
    ++files;
    EXPECT_NE(readme.find("| `" + name + "` |"), std::string::npos) << name << " is not described";
  }
  std::smatch m;
  std::string rest = readme;
  int rows = 0;
  while (std::regex_search(rest, m, std::regex("\\| `([^`]+)` \\|"))) {
    EXPECT_TRUE(fs::exists(kExamples + "/" + m[1].str())) << m[1] << " is described but absent";
    ++rows;
    rest = m.suffix();
  }
  EXPECT_EQ(rows, files);
  // "four records" of wire.jsonl.
  const std::string wire = ReadWholeFile(kExamples + "/wire.jsonl");
  EXPECT_NE(readme.find("four records"), std::string::npos);
  EXPECT_EQ(std::count(wire.begin(), wire.end(), '\n'), 4);
  TempDir dir;
  std::string out, err;
  EXPECT_EQ(RunDyad({"code", "examples/", "--summary"}, dir, &out, &err, DYAD_SOURCE_DIR), 0)
      << err;
  EXPECT_NE(out.find("dyad: 6 articles"), std::string::npos) << out;
}

// The README's usage lines, run as written from a copy of the repository root
// (./build/dyad, examples/ and ../shared linked in; what they write stays in
// the copy). `dyad serve` is left out: it runs until stopped.
TEST(FirstHourCli, ReadmeUsageLinesRunAsWritten) {
  TempDir dir;
  namespace fs = std::filesystem;
  fs::create_directories(dir / "repo/build");
  fs::create_symlink(DYAD_CLI, dir / "repo/build/dyad");
  fs::create_directory_symlink(kExamples, dir / "repo/examples");
  fs::create_directory_symlink(std::string(DYAD_SOURCE_DIR) + "/data", dir / "repo/data");
  fs::create_directory_symlink(std::string(DYAD_SOURCE_DIR) + "/tests", dir / "repo/tests");
  fs::create_directory_symlink(fs::absolute(DYAD_SHARED_DIR), dir / "shared");
  const std::string readme = ReadWholeFile(std::string(DYAD_SOURCE_DIR) + "/README.md");
  const std::size_t from = readme.find("## Using it");
  ASSERT_NE(from, std::string::npos);
  std::istringstream lines(readme.substr(from, readme.find("\n```\n", from) - from));
  std::string line;
  int ran = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("./build/dyad ", 0) != 0 || line.rfind("./build/dyad serve", 0) == 0) continue;
    const std::string cmd =
        "cd '" + dir.path() + "/repo' && " + line + " >/dev/null 2>" + dir.path() + "/err.txt";
    const int rc = std::system(cmd.c_str());
    EXPECT_EQ(rc, 0) << line << "\n" << ReadWholeFile(dir / "err.txt");
    ++ran;
  }
  EXPECT_GE(ran, 11);
}

}  // namespace
}  // namespace dyad
