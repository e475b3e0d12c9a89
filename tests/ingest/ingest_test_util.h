// Copyright dyad authors. Helpers for the ingest tests.
#ifndef DYAD_TESTS_INGEST_INGEST_TEST_UTIL_H_
#define DYAD_TESTS_INGEST_INGEST_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/article.h"

namespace dyad::testing {

inline std::string SharedPath(const std::string& rel) {
  return std::string(DYAD_SHARED_DIR) + "/" + rel;
}

inline std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The id FinalizeArticle derives: "a" + the first 16 hex digits of the hash.
inline std::string DerivedId(const std::string& hash) {
  std::string id(1, 'a');
  id.append(hash, 0, 16);
  return id;
}

struct ReadAll {
  std::vector<Article> articles;
  std::vector<std::string> warnings;
  Status status;
};

// Reads every article of a file through OpenArticleReader.
inline ReadAll ReadPath(const std::string& path, ReadOptions options = {}) {
  ReadAll r;
  auto sink = [&r](const Diagnostic& d) { r.warnings.push_back(d.ToString()); };
  auto reader = OpenArticleReader(path, options, sink);
  if (!reader.ok()) {
    r.status = reader.status();
    return r;
  }
  for (;;) {
    Article a;
    Result<bool> more = (*reader)->Next(&a);
    if (!more.ok()) {
      r.status = more.status();
      break;
    }
    if (!*more) break;
    r.articles.push_back(std::move(a));
  }
  return r;
}

// Reads a buffer with a fixed format.
inline ReadAll ReadBuffer(std::string_view data, Format format, ReadOptions options = {},
                          std::string_view name = "buf") {
  ReadAll r;
  options.format = format;
  auto sink = [&r](const Diagnostic& d) { r.warnings.push_back(d.ToString()); };
  auto res = ReadArticlesFromBuffer(data, name, options, sink);
  if (res.ok()) {
    r.articles = std::move(*res);
  } else {
    r.status = res.status();
  }
  return r;
}

}  // namespace dyad::testing

#endif  // DYAD_TESTS_INGEST_INGEST_TEST_UTIL_H_
