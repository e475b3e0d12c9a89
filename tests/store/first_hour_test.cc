// The store commands as a new user meets them: ingest checks its inputs before
// creating anything, exports never date an event by its ingest day, the query
// table shows a date at its precision.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli.h"
#include "support/temp_dir.h"

namespace dyad {
namespace {

using testing::ReadWholeFile;
using testing::RunDyad;
using testing::TempDir;
using testing::WriteWholeFile;

std::vector<std::vector<std::string>> TabRows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::size_t p = 0;
    for (;;) {
      std::size_t q = line.find('\t', p);
      cells.push_back(line.substr(p, q == std::string::npos ? std::string::npos : q - p));
      if (q == std::string::npos) break;
      p = q + 1;
    }
    rows.push_back(cells);
  }
  return rows;
}

TEST(FirstHourStore, IngestChecksEveryInputBeforeCreatingTheStore) {
  TempDir dir;
  const std::string db = dir / "new.db";
  std::string out, err;
  EXPECT_NE(RunDyad({"ingest", std::string(DYAD_SOURCE_DIR) + "/examples", dir / "missing.txt",
                     "--db", db},
                    dir, &out, &err),
            0);
  EXPECT_NE(err.find("missing.txt"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(db)) << "the store was created: " << err;
  // A folder without one readable article says so.
  std::filesystem::create_directory(dir / "empty");
  EXPECT_NE(RunDyad({"ingest", dir / "empty", "--db", db}, dir, &out, &err), 0);
  EXPECT_NE(err.find("no readable article"), std::string::npos) << err;
}

// `dyad ingest` with files limited to `max_file_bytes` (a full disk as the
// process sees it: writes past it fail with EFBIG).
int IngestWithFileLimit(const std::vector<std::string>& args, rlim_t max_file_bytes,
                        const TempDir& dir, std::string* err) {
  const std::string e = dir / "limited-stderr.txt";
  pid_t pid = fork();
  if (pid == 0) {
    int fe = open(e.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fo = open("/dev/null", O_WRONLY);
    dup2(fo, 1);
    dup2(fe, 2);
    signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails instead of killing
    rlimit lim{max_file_bytes, max_file_bytes};
    setrlimit(RLIMIT_FSIZE, &lim);
    std::string cli = DYAD_CLI;
    std::vector<std::string> copy = args;
    std::vector<char*> argv{cli.data()};
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(cli.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  *err = ReadWholeFile(e);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

TEST(FirstHourStore, DiskFullSaysWhatWasCommittedAndWhatARerunDoes) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 400; ++i) {
    jsonl += "{\"id\": \"n" + std::to_string(i) +
             "\", \"date\": \"2025-03-10\", \"text\": \"Police arrested " + std::to_string(i) +
             " rebels in Tripoli. Rebels attacked police in Benghazi on " +
             "Monday, officials said, and the government condemned the attack in town " +
             std::to_string(i) + ".\"}\n";
  }
  WriteWholeFile(dir / "many.jsonl", jsonl);
  const std::string db = dir / "full.db";
  std::string err;
  const int rc =
      IngestWithFileLimit({"ingest", dir / "many.jsonl", "--db", db, "--batch", "50", "-j", "1"},
                          400 * 1024, dir, &err);
  ASSERT_NE(rc, 0) << err;
  EXPECT_NE(err.find("were committed to " + db), std::string::npos) << err;
  EXPECT_NE(err.find("story rebuild was not done"), std::string::npos) << err;
  EXPECT_NE(err.find("Rerunning the same command"), std::string::npos) << err;
  // The rerun does what the message says.
  std::string out;
  ASSERT_EQ(RunDyad({"ingest", dir / "many.jsonl", "--db", db}, dir, &out, &err), 0) << err;
  EXPECT_NE(out.find("ingested 400 articles"), std::string::npos) << out;
  EXPECT_NE(out.find("dyad: stories:"), std::string::npos) << out;
}

class UndatedStore : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteWholeFile(dir_ / "undated.txt", "Police arrested rebels in Tripoli.\n");
    WriteWholeFile(dir_ / "dated.jsonl",
                   "{\"id\": \"d1\", \"date\": \"2025-03-10\", \"text\": \"Rebels attacked "
                   "police in Benghazi.\"}\n"
                   "{\"id\": \"d2\", \"date\": \"2025-05-20\", \"text\": \"Rebels attacked "
                   "police in Benghazi in March 2024.\"}\n");
    std::string out, err;
    ASSERT_EQ(RunDyad({"ingest", dir_ / "undated.txt", dir_ / "dated.jsonl", "--db", db_}, dir_,
                      &out, &err),
              0)
        << err;
  }
  TempDir dir_;
  const std::string db_ = dir_ / "s.db";
};

TEST_F(UndatedStore, ExportsNeverUseTheIngestDayForAnEvent) {
  std::string out, err;
  ASSERT_EQ(RunDyad({"export", "--db", db_, "--format", "gdelt"}, dir_, &out, &err), 0) << err;
  auto rows = TabRows(out);
  ASSERT_GE(rows.size(), 2u) << out;
  bool undated = false, dated = false;
  for (const auto& r : rows) {
    ASSERT_GT(r.size(), 59u);
    const std::string& url = r.back();
    if (url.find("undated.txt") != std::string::npos) {
      undated = true;
      EXPECT_EQ(r[1], "") << "Day of an undated event";
      EXPECT_EQ(r[2], "");
      EXPECT_EQ(r[3], "");
      EXPECT_EQ(r[4], "");
      EXPECT_EQ(r[r.size() - 2].size(), 14u) << "DATEADDED stays the ingest time";
    } else if (r[1].rfind("202503", 0) == 0) {
      dated = true;
      EXPECT_EQ(r[1], "20250310");
    }
  }
  EXPECT_TRUE(undated);
  EXPECT_TRUE(dated);
  ASSERT_EQ(RunDyad({"export", "--db", db_, "--format", "phoenix"}, dir_, &out, &err), 0) << err;
  undated = false;
  for (const auto& r : TabRows(out)) {
    ASSERT_EQ(r.size(), 26u);
    if (r[24].find("undated.txt") == std::string::npos) continue;
    undated = true;
    for (int k = 1; k <= 4; ++k) EXPECT_EQ(r[k], "") << "column " << k;
  }
  EXPECT_TRUE(undated);
}

TEST_F(UndatedStore, QueryTableShowsADateAtItsPrecision) {
  std::string out, err;
  ASSERT_EQ(RunDyad({"query", "--db", db_, "--json"}, dir_, &out, &err), 0) << err;
  ASSERT_NE(out.find("\"precision\":\"month\""), std::string::npos) << out;
  ASSERT_EQ(RunDyad({"query", "--db", db_}, dir_, &out, &err), 0) << err;
  EXPECT_NE(out.find("  2024-03     "), std::string::npos) << out;
  EXPECT_EQ(out.find("2024-03-01"), std::string::npos) << out;
  EXPECT_NE(out.find("  2025-03-10  "), std::string::npos) << out;
}

}  // namespace
}  // namespace dyad
