// The fixture of the coding-rule tests: one default pipeline (tagger and name
// finder on, no tree) per test suite, and the events of a body as short text.
#ifndef DYAD_TESTS_PIPELINE_CODING_TEST_UTIL_H_
#define DYAD_TESTS_PIPELINE_CODING_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/pipeline.h"

namespace dyad::coding_testing {

class DefaultPipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto p = Pipeline::Create(PipelineOptions{});
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value().release();
  }
  static void TearDownTestSuite() {
    delete pipeline_;
    pipeline_ = nullptr;
  }

  // `body` coded as an article published on 2019-03-05.
  static CodedArticle Code(std::string body) {
    Article a;
    a.id = std::string(1, 't');
    a.date = std::string("2019-03-05");
    a.body = std::move(body);
    CodedArticle coded;
    EXPECT_TRUE(pipeline_->Process(a, &coded).ok());
    return coded;
  }

  // The codes of the sides of every event coded from `body`, "SRC>TGT;".
  static std::string Sides(const std::string& body) {
    std::string out;
    for (const Event& e : Code(body).events)
      out += (e.source ? e.source->code : "-") + ">" + (e.target ? e.target->code : "-") + ";";
    return out;
  }

  // Every event coded from `body`, "CAMEO:SRC>TGT;".
  static std::string Events(const std::string& body) {
    std::string out;
    for (const Event& e : Code(body).events)
      out += e.cameo + ":" + (e.source ? e.source->code : "-") + ">" +
             (e.target ? e.target->code : "-") + ";";
    return out;
  }

  static inline Pipeline* pipeline_ = nullptr;
};

}  // namespace dyad::coding_testing

#endif  // DYAD_TESTS_PIPELINE_CODING_TEST_UTIL_H_
