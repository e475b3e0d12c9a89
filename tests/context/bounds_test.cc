// Copyright dyad authors. Bounded work on hostile input, and cost per sentence.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "context_test_util.h"

namespace dyad {
namespace {

TEST(Bounds, HundredThousandTokenSentence) {
  std::string body;
  for (int i = 0; i < 25000; ++i) body += "Reuters said Libya could deport ";
  body += "migrants to Tripoli on Saturday.";
  Article article;
  article.body = body;
  article.date = "2025-05-07";
  Document doc;
  TextOptions opts;
  opts.max_tokens_per_sentence = 200000;
  ASSERT_TRUE(SplitText(article.body, opts, &doc).ok());
  ASSERT_EQ(doc.sentences.size(), 1u);
  ASSERT_GE(doc.tokens.size(), 100000u);
  CodedArticle coded;
  for (int k = 0; k < 50; ++k) {
    Event ev;
    ev.verb_span = testing::Find(article.body, "deport", k * 400);
    coded.events.push_back(ev);
  }
  auto t0 = std::chrono::steady_clock::now();
  testing::Analyzer().Annotate(article, doc, {}, &coded);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 2000.0);
  EXPECT_EQ(coded.events[0].modality, "possible");
}

TEST(Bounds, GarbageAndEmptyInput) {
  for (std::string body : {std::string(), std::string("\xFF\xFE\x00 ,,, ''' \"\"", 12),
                           std::string(5000, '('), std::string("May May May 2025 Monday, , on")}) {
    Article article;
    article.body = body;
    Document doc;
    ASSERT_TRUE(SplitText(article.body, TextOptions{}, &doc).ok());
    CodedArticle coded;
    Event ev;
    ev.sentence = 7;  // out of range: left alone
    coded.events.push_back(ev);
    testing::Analyzer().Annotate(article, doc, {}, &coded);
    EXPECT_EQ(coded.events[0].modality, "asserted");
  }
}

TEST(Bounds, SentencesPerSecond) {
  std::ifstream in(std::string(DYAD_SHARED_DIR) + "/samples/libya-deportation.txt");
  std::ostringstream s;
  s << in.rdbuf();
  if (s.str().empty()) GTEST_SKIP();
  Article article;
  article.body = s.str();
  article.date = "2025-05-07";
  Document doc;
  ASSERT_TRUE(SplitText(article.body, TextOptions{}, &doc).ok());
  const int rounds = 300;
  (void)testing::Analyzer();  // load the gazetteer outside the timing
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    CodedArticle coded;
    for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
      Event ev;
      ev.sentence = si;
      const Token& t =
          doc.tokens[doc.sentences[si].first_token + doc.sentences[si].token_count / 2];
      ev.verb_span = {t.begin, t.end};
      coded.events.push_back(ev);
    }
    testing::Analyzer().Annotate(article, doc, {}, &coded);
  }
  double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double rate = rounds * doc.sentences.size() / sec;
  std::printf("context: %.0f sentences/s (one event per sentence)\n", rate);
  EXPECT_GT(rate, 20000.0);
}

}  // namespace
}  // namespace dyad
