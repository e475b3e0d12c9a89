// The gold set's matching rules (tests/gold/README.md, "Scoring").
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "dyad/eval.h"

namespace dyad {
namespace {

Event Pred(std::string cameo, std::string plover, std::optional<Actor> src,
           std::optional<Actor> tgt) {
  Event e;
  e.cameo = std::move(cameo);
  e.plover_event = std::move(plover);
  e.source = std::move(src);
  e.target = std::move(tgt);
  return e;
}

Actor A(std::string text, std::string code) {
  Actor a;
  a.text = std::move(text);
  a.code = std::move(code);
  return a;
}

TEST(CodeMatches, CountryAndFirstSector) {
  EXPECT_TRUE(CodeMatches("USAGOV", "USAGOV"));
  EXPECT_TRUE(CodeMatches("USAGOV", "USAGOVLEG"));  // only the first sector counts
  EXPECT_FALSE(CodeMatches("USAGOV", "USAMIL"));
  EXPECT_FALSE(CodeMatches("USAGOV", "RUSGOV"));
  EXPECT_TRUE(CodeMatches("---COP", "MEXCOP"));  // unknown country: wildcard
  EXPECT_FALSE(CodeMatches("---COP", "MEXMIL"));
  EXPECT_TRUE(CodeMatches("ISR", "ISRMIL"));  // a side without sector: country alone
  EXPECT_TRUE(CodeMatches("COP", "NGACOP"));  // a code starting with a sector
  EXPECT_FALSE(CodeMatches("USAGOV", ""));
  EXPECT_FALSE(CodeMatches("", "USAGOV"));
}

TEST(TextOverlaps, ContainmentOrSharedContentWord) {
  EXPECT_TRUE(TextOverlaps("Israeli police", "police"));
  EXPECT_TRUE(TextOverlaps("the Congolese army", "Congolese army and UN troops"));
  EXPECT_TRUE(TextOverlaps("President Bush", "George W. Bush"));
  EXPECT_FALSE(TextOverlaps("the police", "the army"));  // "the" is a function word
  EXPECT_FALSE(TextOverlaps("", "army"));
}

TEST(ActorMatches, MissingSides) {
  EXPECT_TRUE(ActorMatches(std::nullopt, std::nullopt));
  EXPECT_TRUE(ActorMatches(std::nullopt, Actor{}));  // an empty side counts as missing
  EXPECT_FALSE(ActorMatches(std::nullopt, A("police", "COP")));
  EXPECT_FALSE(ActorMatches(GoldActor{"police", "---COP"}, std::nullopt));
}

TEST(ActorMatches, NeedsCodeAndText) {
  GoldActor g{"Israeli police", "ISRCOP"};
  EXPECT_TRUE(ActorMatches(g, A("Israeli police", "ISRCOP")));
  EXPECT_FALSE(ActorMatches(g, A("Israeli troops", "ISRMIL")));  // wrong code
  EXPECT_FALSE(ActorMatches(g, A("Palestinians", "ISR")));       // right country, wrong mention
  // An uncodable gold actor matches on its text alone.
  EXPECT_TRUE(ActorMatches(GoldActor{"Comissaria Smith", ""}, A("Comissaria Smith", "BUS")));
}

TEST(TypeMatches, PloverElseCameoRoot) {
  GoldEvent g;
  g.cameo = "190";
  g.plover_event = "ASSAULT";
  EXPECT_TRUE(TypeMatches(g, Pred("1823", "ASSAULT", std::nullopt, std::nullopt)));
  EXPECT_FALSE(TypeMatches(g, Pred("173", "COERCE", std::nullopt, std::nullopt)));
  EXPECT_TRUE(TypeMatches(g, Pred("193", "", std::nullopt, std::nullopt)));  // same root
  EXPECT_FALSE(TypeMatches(g, Pred("", "", std::nullopt, std::nullopt)));
}

TEST(EventMatches, OneSidedEvent) {
  GoldEvent g;
  g.cameo = "141";
  g.plover_event = "PROTEST";
  g.source = GoldActor{"protesters", "---CVL"};
  EXPECT_TRUE(EventMatches(g, Pred("141", "PROTEST", A("protesters", "CVL"), std::nullopt)));
  EXPECT_FALSE(EventMatches(g, Pred("141", "PROTEST", A("protesters", "CVL"), A("police", "COP"))));
}

TEST(DateMatches, ByGoldPrecision) {
  EXPECT_TRUE(DateMatches("2019-03-12", "day", "2019-03-12"));
  EXPECT_FALSE(DateMatches("2019-03-12", "day", "2019-03-13"));
  EXPECT_TRUE(DateMatches("2019-03-01", "month", "2019-03-30"));
  EXPECT_TRUE(DateMatches("1948-01-01", "year", "1948-07-04"));
  EXPECT_TRUE(DateMatches("2019-03-12", "week", "2019-03-17"));
  EXPECT_FALSE(DateMatches("2019-03-12", "week", "2019-03-20"));
  EXPECT_FALSE(DateMatches("2019-03-12", "day", ""));
}

TEST(ScoreSentence, CountsFalsePositivesOnEmptySentences) {
  GoldSentence s;
  s.id = "g1";
  s.dataset = "reuters";
  GoldScores scores;
  ScoreSentence(s, {Pred("010", "", A("a", "USA"), A("b", "RUS"))}, &scores);
  EXPECT_EQ(scores.events.at("all").predicted, 1);
  EXPECT_EQ(scores.events.at("all").gold, 0);
  EXPECT_EQ(scores.events_on_empty_sentences, 1);
}

TEST(ScoreSentence, OneToOneMatchingAndCategories) {
  GoldSentence s;
  s.id = "g2";
  s.dataset = "current-events";
  GoldEvent g;
  g.cameo = "190";
  g.plover_event = "ASSAULT";
  g.source = GoldActor{"rebels", "---REB"};
  g.tags = {"one-sided", "generic-actor"};
  s.events = {g, g};
  GoldScores scores;
  // One prediction can match only one of two identical gold events.
  ScoreSentence(s, {Pred("190", "ASSAULT", A("rebels", "COGREB"), std::nullopt)}, &scores);
  EXPECT_EQ(scores.events.at("all").tp_gold, 1);
  EXPECT_EQ(scores.events.at("all").gold, 2);
  EXPECT_DOUBLE_EQ(scores.events.at("all").Precision(), 1.0);
  EXPECT_DOUBLE_EQ(scores.events.at("one-sided").Recall(), 0.5);
  EXPECT_EQ(scores.events.at("generic-actor").predicted, 1);
}

TEST(ShortHash, StableFnv1a) {
  EXPECT_EQ(ShortHash(""), "cbf29ce484222325");
  EXPECT_EQ(ShortHash("a"), "af63dc4c8601ec8c");
}

TEST(LoadGold, ErrorsNameTheLine) {
  EXPECT_FALSE(LoadGold("/nonexistent/gold.jsonl").ok());
  std::string path = ::testing::TempDir() + "gold_bad.jsonl";
  std::FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(R"({"id":"g1","dataset":"gum","file":"x","line":3,"events":[]})"
             "\n",
             f);
  std::fputs(R"({"id":"g2","dataset":"gum","file":"x","line":4,"events":[{"cameo":"19O"}]})"
             "\n",
             f);
  std::fclose(f);
  auto r = LoadGold(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("gold_bad.jsonl:2"), std::string::npos);
}

TEST(LoadGold, ReadsTheCommittedSet) {
  auto r = LoadGold(DYAD_SOURCE_DIR "/tests/gold/events.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(r->size(), 500u);
  std::size_t with_events = 0;
  for (const auto& s : *r) with_events += !s.events.empty();
  EXPECT_GE(with_events, 200u);
}

// The news-prose set (tests/gold/README.md, "News prose set"): every pointer -- re3d
// documents.json records among them -- resolves in ../shared to the text it was hashed on.
TEST(LoadGold, ResolvesTheNewsProseSet) {
  auto r = LoadGold(DYAD_SOURCE_DIR "/tests/gold/news.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 150u);
  std::size_t re3d = 0, with_events = 0;
  for (const auto& s : *r) {
    re3d += s.dataset == "re3d";
    with_events += !s.events.empty();
    EXPECT_FALSE(s.hash.empty()) << s.id;
  }
  EXPECT_EQ(re3d, 60u);
  EXPECT_GE(with_events, 40u);
  if (!std::filesystem::exists(DYAD_SHARED_DIR "/data/re3d"))
    GTEST_SKIP() << "re3d not found under " << DYAD_SHARED_DIR;
  auto texts = ResolveGoldTexts(*r, DYAD_SHARED_DIR);
  ASSERT_TRUE(texts.ok()) << texts.status().ToString();
  EXPECT_EQ((*texts)[0].substr(0, 30), "It will include a detailed dis");
  // A changed byte range no longer matches its hash: the error names the sentence.
  auto bad = *r;
  bad[0].end -= 1;
  auto drift = ResolveGoldTexts(bad, DYAD_SHARED_DIR);
  ASSERT_FALSE(drift.ok());
  EXPECT_NE(drift.status().ToString().find("n0001"), std::string::npos);
}

// The web-articles set (tests/gold/README.md, "Articles set"): its records name the field
// that holds the text ("articleBody"); every pointer resolves to the text it was hashed on.
TEST(LoadGold, ResolvesTheArticlesSet) {
  auto r = LoadGold(DYAD_SOURCE_DIR "/tests/gold/articles.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 200u);
  for (const auto& s : *r) EXPECT_EQ(s.field, "articleBody") << s.id;
  if (!std::filesystem::exists(DYAD_SHARED_DIR "/data/html-articles/truth.jsonl"))
    GTEST_SKIP() << "html-articles not found under " << DYAD_SHARED_DIR;
  auto texts = ResolveGoldTexts(*r, DYAD_SHARED_DIR);
  ASSERT_TRUE(texts.ok()) << texts.status().ToString();
  EXPECT_EQ((*texts)[0].substr(0, 30), "Shares of construction goods g");
  // Read from "text" (the default field), the record has no text: the error names it.
  auto other = *r;
  other[0].field = "text";
  auto missing = ResolveGoldTexts(other, DYAD_SHARED_DIR);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("a0001"), std::string::npos);
}

TEST(WeakLabels, UnflaggedStoryHeadings) {
  EXPECT_TRUE(
      IsUnflaggedStoryHeading("War in Afghanistan (2001\xE2\x80\x93"
                              "2021)"));
  EXPECT_TRUE(IsUnflaggedStoryHeading("Yemeni Civil War (2015\xE2\x80\x93present)"));
  EXPECT_TRUE(
      IsUnflaggedStoryHeading("Aleppo offensive (November\xE2\x80\x93"
                              "December 2016)"));
  EXPECT_TRUE(IsUnflaggedStoryHeading("Hurricane Ike (2008) "));
  // Sentences are bullets, whatever they end with.
  EXPECT_FALSE(IsUnflaggedStoryHeading("Rebels kill five soldiers in Mali. (BBC)"));
  EXPECT_FALSE(IsUnflaggedStoryHeading("Rebels kill five soldiers in Mali (2019)."));
  EXPECT_FALSE(IsUnflaggedStoryHeading("Rebels kill five soldiers in Mali (BBC)"));
  EXPECT_FALSE(IsUnflaggedStoryHeading(
      "Rebels in the north of the country kill five soldiers and two civilians in an attack on "
      "a convoy (2019)"));
}

}  // namespace
}  // namespace dyad
