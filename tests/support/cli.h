// Runs the dyad CLI (DYAD_CLI) in a child process for end-to-end tests.
#ifndef DYAD_TESTS_SUPPORT_CLI_H_
#define DYAD_TESTS_SUPPORT_CLI_H_

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace dyad::testing {

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteWholeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Runs `dyad args...` with the working directory `cwd` (unchanged when empty);
// stdout and stderr go to files in `dir`. Returns the exit code (128 + signal
// when killed).
inline int RunDyad(const std::vector<std::string>& args, const TempDir& dir,
                   std::string* out = nullptr, std::string* err = nullptr,
                   const std::string& cwd = "") {
  const std::string o = dir / "dyad-stdout.txt", e = dir / "dyad-stderr.txt";
  pid_t pid = fork();
  if (pid == 0) {
    int fo = open(o.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = open(e.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(fo, 1);
    dup2(fe, 2);
    dup2(devnull, 0);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
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
  if (out) *out = ReadWholeFile(o);
  if (err) *err = ReadWholeFile(e);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace dyad::testing

#endif  // DYAD_TESTS_SUPPORT_CLI_H_
