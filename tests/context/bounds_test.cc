// Copyright dyad authors. Bounded work on hostile input, and cost per sentence.
#include <gtest/gtest.h>

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
  // Bounded work: completes and still reads the cue (speed is measured in bench/).
  testing::Analyzer().Annotate(article, doc, {}, &coded);
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

}  // namespace
}  // namespace dyad
