// Copyright dyad authors. Article-level stories: terms, IDF table, interim
// names, and ArticleStoryClusterer on real news text (ECB+).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/story.h"

namespace dyad {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const IdfTable& ShippedIdf() {
  static const IdfTable* table = [] {
    auto t = IdfTable::Load(std::string(DYAD_DATA_DIR) + "/story/idf.tsv");
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return new IdfTable(t.ok() ? std::move(*t) : IdfTable());
  }();
  return *table;
}

// --- terms and names -----------------------------------------------------

TEST(StoryTermsTest, ContentWordsLowerCasedWithoutFunctionWordsOrPlurals) {
  std::vector<std::string> terms;
  StoryTerms("The earthquakes struck Northern California on Tuesday, officials said.", &terms);
  EXPECT_EQ(terms, (std::vector<std::string>{"earthquake", "struck", "northern", "california",
                                             "official"}));
  StoryTerms("", &terms);
  EXPECT_TRUE(terms.empty());
  StoryTerms("“Crisis” — 2008 status bus", &terms);  // curly quotes and dashes separate
  EXPECT_EQ(terms, (std::vector<std::string>{"crisis", "status", "bus"}));
}

TEST(CapitalisedPhraseNamesTest, TakesRunsOfCapitalisedWords) {
  CapitalisedPhraseNames finder;
  std::vector<std::string> names;
  finder.FindNames("",
                   "Perennial party girl Tara Reid checked herself into Promises Treatment "
                   "Center, her rep told People. The actress is 33. Reid was seen in Malibu.",
                   &names);
  std::set<std::string> got(names.begin(), names.end());
  EXPECT_TRUE(got.count("Tara Reid"));
  EXPECT_TRUE(got.count("Promises Treatment Center"));
  EXPECT_TRUE(got.count("Malibu"));
  EXPECT_TRUE(got.count("People"));
  EXPECT_FALSE(got.count("Perennial"));  // only a sentence opener
  EXPECT_FALSE(got.count("The"));
  // A sentence opener counts when the word is capitalised mid-sentence too.
  EXPECT_TRUE(got.count("Reid"));
}

// An all-capitals headline says nothing about case: its content words count
// as name words (the IDF weighs the common ones down).
TEST(CapitalisedPhraseNamesTest, AllCapitalsHeadlineGivesNameWords) {
  CapitalisedPhraseNames finder;
  std::vector<std::string> names;
  finder.FindNames("BAHIA COCOA REVIEW", "Showers continued in the Bahia cocoa zone.", &names);
  EXPECT_EQ(names, (std::vector<std::string>{"BAHIA", "COCOA", "REVIEW", "Bahia"}));
}

// --- IDF table -----------------------------------------------------------

TEST(IdfTableTest, ParseAndWeights) {
  auto t = IdfTable::Parse("# dyad idf v1 docs=100\nearthquake\t2\nofficial\t60\n", "t.tsv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->docs(), 100u);
  EXPECT_EQ(t->size(), 2u);
  EXPECT_GT(t->Idf("zzunseen"), t->Idf("earthquake"));
  EXPECT_GT(t->Idf("earthquake"), t->Idf("official"));
  EXPECT_NEAR(t->Idf("official"), std::log(101.0 / 61.0) + 1, 1e-12);
}

TEST(IdfTableTest, ErrorsNameFileAndLine) {
  struct Case {
    const char* text;
    const char* where;
  } cases[] = {
      {"", "t.tsv: empty"},
      {"word\t3\n", "t.tsv:1:"},
      {"# dyad idf v1 docs=x\n", "t.tsv:1:"},
      {"# dyad idf v1 docs=5\nword 3\n", "t.tsv:2:"},
      {"# dyad idf v1 docs=5\nword\t0\n", "t.tsv:2:"},
      {"# dyad idf v1 docs=5\nzeta\t1\nalpha\t1\n", "t.tsv:3:"},
  };
  for (const Case& c : cases) {
    auto t = IdfTable::Parse(c.text, "t.tsv");
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().code(), ErrorCode::kInvalidArgument) << c.text;
    EXPECT_NE(t.status().message().find(c.where), std::string::npos) << t.status().message();
  }
  auto missing = IdfTable::Load("/nonexistent/idf.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

TEST(IdfTableTest, BuilderIsOrderIndependent) {
  IdfBuilder a, b;
  a.AddDocument("Troops crossed the border.");
  a.AddDocument("The border stayed closed.");
  b.AddDocument("The border stayed closed.");
  b.AddDocument("Troops crossed the border.");
  EXPECT_EQ(a.Serialize(1), b.Serialize(1));
  EXPECT_EQ(a.Serialize(2), "# dyad idf v1 docs=2\nborder\t2\n");
}

// The shipped table is exactly what `dyad idf --out data/story/idf.tsv
// <reuters21578.jsonl> <current-events-2002-2021.jsonl.gz>` writes.
TEST(IdfTableTest, ShippedTableIsReproducible) {
  const std::string shared = DYAD_SHARED_DIR;
  IdfBuilder builder;
  for (const char* corpus : {"/data/corpus/reuters21578.jsonl",
                             "/data/current-events/current-events-2002-2021.jsonl.gz"}) {
    if (!std::filesystem::exists(shared + corpus)) GTEST_SKIP() << shared + corpus << " missing";
    Status s = builder.AddJsonLines(shared + corpus);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_EQ(builder.Serialize(3), ReadAll(std::string(DYAD_DATA_DIR) + "/story/idf.tsv"));
}

// --- clustering ----------------------------------------------------------

StoryArticle Art(std::string key, std::string date, std::string body,
                 std::vector<std::string> places = {}) {
  StoryArticle a;
  a.key = std::move(key);
  a.date = std::move(date);
  a.body = std::move(body);
  a.places = std::move(places);
  return a;
}

const char* kQuakeA1 =
    "A magnitude 6.1 earthquake struck off the coast of Northern California near Eureka on "
    "Sunday, shaking homes and knocking out power. The quake was centred 24 kilometres west of "
    "Ferndale, the United States Geological Survey said. Humboldt County officials reported "
    "damaged chimneys and broken windows in Eureka but no deaths.";
const char* kQuakeA2 =
    "Residents of Eureka cleaned up broken glass on Monday after a strong earthquake rattled "
    "Humboldt County. The Geological Survey measured the quake at magnitude 6.1 off Ferndale. "
    "Power was restored to most homes in Eureka.";
const char* kQuakeB =
    "A magnitude 5.4 earthquake shook the island of Sumatra in Indonesia, the meteorology agency "
    "in Jakarta said. Buildings swayed in Padang and residents fled into the streets. There were "
    "no immediate reports of casualties.";
const char* kTrade =
    "The European Union and Japan signed a trade agreement in Brussels cutting tariffs on cars "
    "and cheese. Trade commissioners praised the pact as the largest of its kind.";

TEST(ArticleStoryClustererTest, ReportsOfOneHappeningJoinAnotherStartsAStory) {
  CapitalisedPhraseNames names;
  ArticleStoryClusterer c(ShippedIdf(), names);
  auto a1 = c.Add(Art("1", "2010-01-10", kQuakeA1));
  auto a2 = c.Add(Art("2", "2010-01-11", kQuakeA2));
  auto b = c.Add(Art("3", "2010-01-11", kQuakeB));
  auto t = c.Add(Art("4", "2010-01-11", kTrade));
  ASSERT_TRUE(a1.ok() && a2.ok() && b.ok() && t.ok());
  EXPECT_TRUE(a1->started);
  EXPECT_FALSE(a2->started);
  EXPECT_EQ(a2->story, a1->story);
  EXPECT_EQ(a2->nearest, "1");
  EXPECT_GE(a2->score, StoryOptions{}.join_threshold);
  EXPECT_EQ(a2->days_apart, 1);
  // The explanation names what linked them.
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  // Names as written, content words normalised.
  EXPECT_TRUE(has(a2->shared_names, "Eureka")) << a2->shared_names.size();
  EXPECT_TRUE(has(a2->shared_words, "earthquake") || has(a2->shared_words, "quake"));
  EXPECT_TRUE(b->started);  // another earthquake, elsewhere
  EXPECT_TRUE(t->started);
  EXPECT_EQ(c.story_count(), 3u);
  const ArticleStory* s = c.story(a1->story);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->articles, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(s->first_date, "2010-01-10");
  EXPECT_EQ(s->last_date, "2010-01-11");
  // The label keeps the names' case as written.
  EXPECT_NE(s->label.find("Humboldt County"), std::string::npos) << s->label;
}

TEST(ArticleStoryClustererTest, ExplanationNamesSharedPlacesAndEvents) {
  CapitalisedPhraseNames names;
  ArticleStoryClusterer c(ShippedIdf(), names);
  StoryArticle a1 = Art("1", "2010-01-10", kQuakeA1, {"Eureka", "Humboldt County"});
  a1.event_types = {"19", "ASSAULT"};
  StoryArticle a2 = Art("2", "2010-01-11", kQuakeA2, {"Eureka"});
  a2.event_types = {"19"};
  a2.dyads = {"USA>USA"};
  ASSERT_TRUE(c.Add(a1).ok());
  auto d = c.Add(a2);
  ASSERT_TRUE(d.ok());
  ASSERT_FALSE(d->started);
  EXPECT_EQ(d->shared_places, (std::vector<std::string>{"Eureka"}));
  EXPECT_EQ(d->shared_events, (std::vector<std::string>{"19"}));
  EXPECT_GT(d->places, 0.5);
  EXPECT_GT(d->events, 0.0);
}

TEST(ArticleStoryClustererTest, AllCapitalsHeadlineGivesWayToTheNameAsWritten) {
  CapitalisedPhraseNames names;
  ArticleStoryClusterer c(ShippedIdf(), names);
  StoryArticle a = Art("1", "1987-03-02",
                       "Dominion Resources Inc said its first quarter net "
                       "income rose. Dominion Resources expects growth.");
  a.title = "DOMINION RESOURCES INC 1ST QTR NET";
  ASSERT_TRUE(c.Add(a).ok());
  const ArticleStory* s = c.story(1);
  ASSERT_NE(s, nullptr);
  EXPECT_NE(s->label.find("Dominion Resources"), std::string::npos) << s->label;
  EXPECT_EQ(s->label.find("DOMINION"), std::string::npos) << s->label;
}

// Undated pages that state their date near the top: the same kind of
// happening years apart is another happening, the same year may join.
TEST(ArticleStoryClustererTest, DatelinesYearsApartKeepHappeningsApart) {
  CapitalisedPhraseNames names;
  StoryOptions on;
  on.dateline_dates = true;
  ArticleStoryClusterer c(ShippedIdf(), names, on);
  const std::string body =
      "A fire ripped through the Waitrose supermarket on the High Street, and more than 50 "
      "firefighters tackled the blaze which began on the roof of the store. Waitrose said the "
      "store would stay closed while police treat the fire as suspicious.";
  auto first = c.Add(Art("1", "", "Major fire at Waitrose, July 21, 2013, 2:21 pm. " + body));
  auto same_year = c.Add(Art("2", "", "23 July 2013 - " + body));
  auto years_later = c.Add(Art("3", "", "Dec. 15th, 2008 -- " + body));
  auto undated = c.Add(Art("4", "", body));
  ASSERT_TRUE(first.ok() && same_year.ok() && years_later.ok() && undated.ok());
  EXPECT_EQ(same_year->story, first->story);
  EXPECT_TRUE(years_later->started);
  EXPECT_FALSE(undated->started);  // no stated year: nothing to disagree with
  // Off (the default): the years are not read.
  ArticleStoryClusterer off(ShippedIdf(), names);
  ASSERT_TRUE(off.Add(Art("1", "", "Major fire at Waitrose, July 21, 2013. " + body)).ok());
  auto joined = off.Add(Art("3", "", "Dec. 15th, 2008 -- " + body));
  ASSERT_TRUE(joined.ok());
  EXPECT_FALSE(joined->started);
}

// Two arrests of players of one team: the second report is about Williams,
// whom the first story never names, and names the first's protagonist
// (Jackson) only in passing. A report quoting an officer at length ("Baehr
// said") is still about Jackson: a quoted source is not a main name.
TEST(ArticleStoryClustererTest, AnotherProtagonistKeepsHappeningsApart) {
  const std::string jackson =
      "San Diego Chargers receiver Vincent Jackson was arrested on suspicion of drunken driving "
      "early Tuesday, the California Highway Patrol said. Jackson was pulled over on the "
      "freeway in San Diego. Jackson was on probation for a previous arrest, and the Chargers "
      "said Jackson will play in the playoff game at Pittsburgh.";
  const std::string williams =
      "San Diego Chargers defensive tackle Jamal Williams was arrested on suspicion of drunken "
      "driving early Sunday, the California Highway Patrol said. Williams was pulled over on "
      "the freeway in San Diego. Williams gave a blood sample and the Chargers said Williams "
      "was released on bail. Receiver Vincent Jackson was arrested last month.";
  const std::string officer =
      "The California Highway Patrol arrested San Diego Chargers receiver Vincent Jackson on "
      "suspicion of drunken driving on the freeway in San Diego early Tuesday, officer Brad "
      "Baehr said. He failed sobriety tests, Baehr said. The Chargers will not discipline him, "
      "Baehr said.";
  CapitalisedPhraseNames names;
  ArticleStoryClusterer c(ShippedIdf(), names);
  auto first = c.Add(Art("1", "2009-01-06", jackson));
  auto other = c.Add(Art("2", "2009-01-07", williams));
  auto quoted = c.Add(Art("3", "2009-01-07", officer));
  ASSERT_TRUE(first.ok() && other.ok() && quoted.ok());
  EXPECT_TRUE(other->started);
  // Were the officer's quotes counted, Baehr (3 mentions, never named by the
  // story) would be its main name and it would start a story.
  EXPECT_EQ(quoted->story, first->story);
  // Off: the words and shared names join the second arrest to the first.
  StoryOptions off;
  off.main_name_disagreement = false;
  ArticleStoryClusterer joined(ShippedIdf(), names, off);
  ASSERT_TRUE(joined.Add(Art("1", "2009-01-06", jackson)).ok());
  auto merged = joined.Add(Art("2", "2009-01-07", williams));
  ASSERT_TRUE(merged.ok());
  EXPECT_FALSE(merged->started);
}

TEST(ArticleStoryClustererTest, OutsideTheWindowOnlyStrongNamesJoin) {
  CapitalisedPhraseNames names;
  StoryOptions o;
  ArticleStoryClusterer c(ShippedIdf(), names, o);
  ASSERT_TRUE(c.Add(Art("1", "2010-01-10", kQuakeA1)).ok());
  // The same words weeks later with none of the names: a new story.
  auto later = c.Add(Art("2", "2010-03-01",
                         "A strong earthquake struck off the coast, shaking homes and knocking out "
                         "power. Officials reported damaged chimneys and broken windows."));
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->started);
  // A follow-up naming the same places and people joins despite the gap.
  auto follow = c.Add(Art("3", "2010-02-20", kQuakeA2));
  ASSERT_TRUE(follow.ok());
  EXPECT_FALSE(follow->started);
  EXPECT_EQ(follow->story, 1u);
  EXPECT_GT(follow->days_apart, o.window_days);
}

TEST(ArticleStoryClustererTest, NoChainingThroughOneArticle) {
  CapitalisedPhraseNames names;
  ArticleStoryClusterer c(ShippedIdf(), names);
  ASSERT_TRUE(c.Add(Art("1", "2010-01-10", kQuakeA1)).ok());
  ASSERT_TRUE(c.Add(Art("2", "2010-01-11", kQuakeA2)).ok());
  // A round-up that carries the quake and the trade pact joins the quake story ...
  auto mixed = c.Add(Art("3", "2010-01-11", std::string(kQuakeA2) + "\n" + kTrade));
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed->story, 1u);
  // ... but a report of the trade pact alone is not linked to the quake
  // through it: it is judged against the whole story, which is about the quake.
  auto trade = c.Add(Art("4", "2010-01-11", kTrade));
  ASSERT_TRUE(trade.ok());
  EXPECT_TRUE(trade->started);
}

TEST(ArticleStoryClustererTest, DuplicatesJoinTheirOriginalAndErrorsAreValues) {
  CapitalisedPhraseNames names;
  ArticleStoryClusterer c(ShippedIdf(), names);
  ASSERT_TRUE(c.Add(Art("1", "2010-01-10", kQuakeA1)).ok());
  StoryArticle copy = Art("2", "2010-01-10", kTrade);  // the text does not matter
  copy.duplicate_of = "1";
  auto d = c.Add(copy);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->story, 1u);
  EXPECT_EQ(d->nearest, "1");

  auto empty = c.Add(Art("", "2010-01-10", kQuakeA1));
  EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidArgument);
  auto again = c.Add(Art("1", "2010-01-10", kQuakeA1));
  EXPECT_EQ(again.status().code(), ErrorCode::kInvalidArgument);
  auto bad = c.Add(Art("9", "10/01/2010", kQuakeA1));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("article 9: date"), std::string::npos);
}

// --- ECB+: two topics, each with two different real happenings -------------

struct EcbDoc {
  std::string id, gold, text;
};

std::vector<EcbDoc> ReadTopic(const std::string& topic) {
  std::vector<EcbDoc> docs;
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/ecbplus/ECB+/" + topic;
  if (!std::filesystem::exists(dir)) return docs;
  const std::regex token(R"(<token [^>]*>([^<]*)</token>)");
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    const std::string xml = ReadAll(e.path().string());
    EcbDoc d;
    d.id = name.substr(0, name.size() - 4);
    d.gold = topic + (name.find("ecbplus") != std::string::npos ? "+" : "");
    for (std::sregex_iterator it(xml.begin(), xml.end(), token), end; it != end; ++it) {
      d.text += (*it)[1].str() + " ";
    }
    docs.push_back(std::move(d));
  }
  std::sort(docs.begin(), docs.end(), [](const EcbDoc& a, const EcbDoc& b) { return a.id < b.id; });
  return docs;
}

double BCubedF1(const std::vector<EcbDoc>& docs, const std::map<std::string, StoryId>& story) {
  double p = 0, r = 0;
  for (const EcbDoc& a : docs) {
    double same = 0, mine = 0, gold = 0;
    for (const EcbDoc& b : docs) {
      const bool s = story.at(a.id) == story.at(b.id), g = a.gold == b.gold;
      same += s && g;
      mine += s;
      gold += g;
    }
    p += same / mine;
    r += same / gold;
  }
  p /= docs.size();
  r /= docs.size();
  return 2 * p * r / (p + r);
}

TEST(ArticleStoryClustererTest, EcbPlusTopicsSeparateTheirTwoHappenings) {
  std::vector<EcbDoc> docs;
  for (const char* topic : {"1", "3", "4", "8"}) {
    std::vector<EcbDoc> t = ReadTopic(topic);
    docs.insert(docs.end(), t.begin(), t.end());
  }
  if (docs.empty()) GTEST_SKIP() << "ECB+ not found under " << DYAD_SHARED_DIR;
  CapitalisedPhraseNames names;
  ArticleStoryClusterer c(ShippedIdf(), names);
  std::map<std::string, StoryId> story;
  for (const EcbDoc& d : docs) {
    StoryArticle a;
    a.key = d.id;
    a.body = d.text;
    auto r = c.Add(a);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    story[d.id] = r->story;
  }
  // One story per topic would score about 0.67 here.
  EXPECT_GE(BCubedF1(docs, story), 0.80);
}

}  // namespace
}  // namespace dyad
