// Helpers for the serve tests: a temporary folder, running the dyad CLI, and a
// store of the bundled examples built once per test binary.
#ifndef DYAD_TESTS_SERVE_TEST_UTIL_H_
#define DYAD_TESTS_SERVE_TEST_UTIL_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support/temp_dir.h"

namespace dyad::serve_testing {

// A fresh folder under $TMPDIR, removed with the object.
using testing::TempDir;

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the CLI with `args`; stdout and stderr go to files in `dir`. Returns
// the exit code.
inline int RunCli(const std::vector<std::string>& args, const TempDir& dir,
                  std::string* out = nullptr, std::string* err = nullptr) {
  const std::string o = dir / "cli-stdout.txt", e = dir / "cli-stderr.txt";
  pid_t pid = fork();
  if (pid == 0) {
    int fo = open(o.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = open(e.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fo, 1);
    dup2(fe, 2);
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
  if (out) *out = Slurp(o);
  if (err) *err = Slurp(e);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// A store of examples/ (DYAD_SOURCE_DIR), ingested once by the CLI and shared
// by the tests of this binary (they only read it).
inline const std::string& ExamplesStore() {
  static TempDir dir;  // removed at exit
  static std::string db = [] {
    std::string path = dir / "examples.db";
    std::string err;
    int rc = RunCli({"ingest", std::string(DYAD_SOURCE_DIR) + "/examples", "--db", path}, dir,
                    nullptr, &err);
    EXPECT_EQ(rc, 0) << err;
    return path;
  }();
  return db;
}

// How many events `dyad code` codes from the bundled examples, an article
// given twice counted once (distinct event ids; the store keeps one copy):
// what the examples store must hold and the API must count. It follows the
// coder, so the serving tests need no edit when the coder changes.
inline int ExamplesEventCount() {
  static TempDir dir;
  static int count = [] {
    std::string out, err;
    int rc = RunCli({"code", std::string(DYAD_SOURCE_DIR) + "/examples", "--flat", "-q"}, dir, &out,
                    &err);
    EXPECT_EQ(rc, 0) << err;
    std::set<std::string> ids;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
      const std::size_t at = line.find("\"id\":\"");
      if (at == std::string::npos) continue;
      const std::size_t b = at + 6, e = line.find('"', b);
      ids.insert(line.substr(b, e - b));
    }
    return static_cast<int>(ids.size());
  }();
  return count;
}

}  // namespace dyad::serve_testing

#endif  // DYAD_TESTS_SERVE_TEST_UTIL_H_
