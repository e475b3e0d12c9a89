// The canonical example, checked in place: ../shared/samples/libya-deportation.txt
// coded with dyad's default dictionaries must meet every `must` item of
// libya-deportation.expected.json; the `should` items are reported.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dyad/article.h"
#include "dyad/output.h"
#include "dyad/pipeline.h"

namespace dyad {
namespace {

using Json = nlohmann::json;

const std::string kSamples = std::string(DYAD_SHARED_DIR) + "/samples/";

class SampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in(kSamples + "libya-deportation.expected.json");
    ASSERT_TRUE(in) << "missing " << kSamples;
    expected_ = new Json(Json::parse(in));
    ReadOptions ro;
    ro.default_date = (*expected_)["document"]["publication_date"];
    auto reader = OpenArticleReader(kSamples + "libya-deportation.txt", ro);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    Article a;
    auto more = (*reader)->Next(&a);
    ASSERT_TRUE(more.ok() && *more);
    auto pipeline = Pipeline::Create(PipelineOptions{});
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
    CodedArticle coded;
    ASSERT_TRUE((*pipeline)->Process(a, &coded).ok());
    std::string line;
    AppendArticleJson(a, coded, &line);
    output_ = new Json(Json::parse(line));
  }
  static void TearDownTestSuite() {
    delete expected_;
    delete output_;
  }

  static bool StartsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
  static bool Contains(const std::string& s, const std::string& p) {
    return s.find(p) != std::string::npos;
  }
  static std::string Str(const Json& j) {
    return j.is_string() ? j.get<std::string>() : std::string();
  }

  // Does coded actor `a` satisfy the expectation `want` ({country, sector, text_contains})?
  static bool ActorMatches(const Json& a, const Json& want) {
    if (a.is_null()) return false;
    if (want.contains("country") && Str(a["country"]) != want["country"]) return false;
    if (want.contains("sector")) {
      bool found = false;
      for (const auto& s : a["sectors"]) found |= s == want["sector"];
      if (!found) return false;
    }
    if (want.contains("text_contains") && !Contains(Str(a["text"]), want["text_contains"]))
      return false;
    return true;
  }

  // Names of the fields of expected event `want` that coded event `e` misses.
  static std::vector<std::string> EventMisses(const Json& e, const Json& want) {
    std::vector<std::string> miss;
    if (want.contains("source") && !ActorMatches(e["source"], want["source"]))
      miss.push_back("source");
    if (want.contains("target") && !ActorMatches(e["target"], want["target"]))
      miss.push_back("target");
    if (want.contains("cameo") && e["cameo"] != want["cameo"]) miss.push_back("cameo");
    if (want.contains("cameo_root") && Str(e["cameo"]).substr(0, 2) != want["cameo_root"])
      miss.push_back("cameo_root");
    if (want.contains("plover")) {
      if (e["plover"].is_null() || e["plover"]["event"] != want["plover"]["event"])
        miss.push_back("plover.event");
      else if (want["plover"].contains("mode") && e["plover"]["mode"] != want["plover"]["mode"])
        miss.push_back("plover.mode");
    }
    if (want.contains("modality") && e["modality"] != want["modality"]) miss.push_back("modality");
    if (want.contains("location")) {
      const Json& l = e["location"];
      const Json& w = want["location"];
      if (l.is_null() || Str(l["country"]) != w["country"] || Str(l["name"]) != w["name"] ||
          l["role"] != w["role"])
        miss.push_back("location");
    }
    if (want.contains("attribution")) {
      const Json& a = e["attribution"];
      if (a.is_null() || !Contains(Str(a["text"]), want["attribution"]["text_contains"]) ||
          a["kind"] != want["attribution"]["kind"])
        miss.push_back("attribution");
    }
    return miss;
  }

  // The best-matching coded event for `want`: fewest misses among events of
  // the sentence it names. Returns the misses ("no event in sentence" if none).
  static std::vector<std::string> FindEvent(const Json& want) {
    std::vector<std::string> best = {"no event in the sentence"};
    for (const auto& e : (*output_)["events"]) {
      if (!StartsWith(Str(e["sentence_text"]), want["sentence_starts_with"])) continue;
      auto miss = EventMisses(e, want);
      if (best.size() == 1 && best[0] == "no event in the sentence")
        best = miss;
      else if (miss.size() < best.size())
        best = miss;
    }
    return best;
  }

  static bool EntityMatches(const Json& e, const Json& want) {
    std::string text = Str(e["text"]);
    if (StartsWith(text, "the ")) text = text.substr(4);
    if (text != want["text"] || e["type"] != want["type"]) return false;
    const Json& code = want["code"];
    if (code.contains("country") && Str(e["country"]) != code["country"]) return false;
    auto has_sector = [&](const std::string& s) {
      for (const auto& x : e["sectors"]) {
        if (x == s) return true;
      }
      return false;
    };
    if (code.contains("sector") && !has_sector(code["sector"])) return false;
    if (code.contains("sector_any_of")) {
      bool any = false;
      for (const auto& s : code["sector_any_of"]) any |= has_sector(s);
      if (!any) return false;
    }
    return true;
  }

  static Json* expected_;
  static Json* output_;
};

Json* SampleTest::expected_ = nullptr;
Json* SampleTest::output_ = nullptr;

TEST_F(SampleTest, BoilerplateLineIsRemovedAndReported) {
  const auto& want = (*expected_)["document"]["boilerplate_removed"];
  EXPECT_EQ((*output_)["article"]["boilerplate_removed"], want);
  for (const auto& e : (*output_)["events"]) {
    EXPECT_FALSE(Contains(Str(e["sentence_text"]), "earn commission")) << e.dump();
  }
}

TEST_F(SampleTest, MustEvents) {
  for (const auto& want : (*expected_)["must"]["events"]) {
    auto miss = FindEvent(want);
    std::string all;
    for (const auto& m : miss) all += m + " ";
    EXPECT_TRUE(miss.empty()) << want["id"] << " misses: " << all;
  }
}

TEST_F(SampleTest, DeportPlanIsAReportedPlanNotAFact) {
  for (const auto& e : (*output_)["events"]) {
    if (e["cameo"] != "174") continue;
    EXPECT_NE(e["modality"], "asserted");
    EXPECT_TRUE(e["reported"].get<bool>());
  }
}

TEST_F(SampleTest, MustEntities) {
  for (const auto& want : (*expected_)["must"]["entities"]) {
    bool found = false;
    for (const auto& e : (*output_)["entities"]) found |= EntityMatches(e, want);
    EXPECT_TRUE(found) << "entity not found: " << want.dump();
  }
}

TEST_F(SampleTest, BeingDiscussedIsNotAMeeting) {
  for (const auto& e : (*output_)["events"]) {
    if (!StartsWith(Str(e["sentence_text"]), "Specific individuals such as Donald Trump")) continue;
    ADD_FAILURE() << "event from the 'subjects often discussed' sentence: " << e.dump();
  }
}

TEST_F(SampleTest, ShouldItemsAreReported) {
  int passed = 0, total = 0;
  for (const auto& want : (*expected_)["should"]["events"]) {
    if (!want.contains("source") && !want.contains("cameo") && !want.contains("cameo_root"))
      continue;
    ++total;
    auto miss = FindEvent(want);
    std::string all;
    for (const auto& m : miss) all += m + " ";
    std::printf("should %-24s %s\n", Str(want["id"]).c_str(),
                miss.empty() ? "pass" : ("miss: " + all).c_str());
    passed += miss.empty();
  }
  std::printf("should events: %d of %d\n", passed, total);
  SUCCEED();
}

}  // namespace
}  // namespace dyad
