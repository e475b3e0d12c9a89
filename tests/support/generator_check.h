// Copyright dyad authors. Checks that a data file committed to the repository
// is what its generator script (scripts/*.mjs, run with --check) makes from the
// installed packages.
#ifndef DYAD_TESTS_SUPPORT_GENERATOR_CHECK_H_
#define DYAD_TESTS_SUPPORT_GENERATOR_CHECK_H_

#include <sys/wait.h>

#include <cstdlib>
#include <string>

namespace dyad::testing {

inline constexpr int kNodeMissing = -1;
inline constexpr int kCannotRun = -2;

// Exit status of `node scripts/<script> --check` in the source tree;
// kNodeMissing without node, kCannotRun when no shell could be started. The
// scripts exit 77 when an input package is not installed.
inline int RunGeneratorCheck(const std::string& script) {
  if (std::system("node --version > /dev/null 2>&1") != 0) return kNodeMissing;
  const std::string cmd =
      std::string("node ") + DYAD_SOURCE_DIR + "/scripts/" + script + " --check > /dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  return rc == -1 ? kCannotRun : WEXITSTATUS(rc);
}

}  // namespace dyad::testing

// Skips the test when node or the generator's input packages (`packages`,
// for the message) are missing; otherwise expects the committed file to be
// up to date.
#define DYAD_EXPECT_GENERATED_FILE_UP_TO_DATE(script, packages)                                 \
  do {                                                                                          \
    const int dyad_status_ = ::dyad::testing::RunGeneratorCheck(script);                        \
    if (dyad_status_ == ::dyad::testing::kNodeMissing) GTEST_SKIP() << "node is not installed"; \
    if (dyad_status_ == 77) GTEST_SKIP() << packages << " is not installed";                    \
    EXPECT_EQ(dyad_status_, 0) << "run: node scripts/" << script;                               \
  } while (0)

#endif  // DYAD_TESTS_SUPPORT_GENERATOR_CHECK_H_
