// The JSON contract of docs/formats/events.md, and the helpers around it.
#include "dyad/output.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/actor_codes.h"
#include "dyad/inputs.h"

namespace dyad {
namespace {

TEST(ActorCodes, SplitsCountryAndSectors) {
  std::string c;
  std::vector<std::string> s;
  SplitActorCode("USAGOV", &c, &s);
  EXPECT_EQ(c, "USA");
  EXPECT_EQ(s, std::vector<std::string>({"GOV"}));
  SplitActorCode("REF", &c, &s);
  EXPECT_EQ(c, "");
  EXPECT_EQ(s, std::vector<std::string>({"REF"}));
  SplitActorCode("LBYREBMIL", &c, &s);
  EXPECT_EQ(c, "LBY");
  EXPECT_EQ(s, std::vector<std::string>({"REB", "MIL"}));
  SplitActorCode("IGOUNO", &c, &s);
  EXPECT_EQ(c, "IGO");
  EXPECT_EQ(s, std::vector<std::string>({"IGO", "UNO"}));
  SplitActorCode("NGO", &c, &s);
  EXPECT_EQ(c, "NGO");
  EXPECT_EQ(s, std::vector<std::string>({"NGO"}));
  SplitActorCode("INDGOV", &c, &s);  // India, not CAMEO's "indigenous" sector
  EXPECT_EQ(c, "IND");
  EXPECT_EQ(s, std::vector<std::string>({"GOV"}));
  SplitActorCode("USAX", &c, &s);  // odd tail kept, not dropped
  EXPECT_EQ(c, "USA");
  EXPECT_EQ(s, std::vector<std::string>({"X"}));
}

Article SampleArticle() {
  Article a;
  a.id = "a1";
  a.date = "2025-05-07";
  a.body = "Arnor condemned Gondor. Then nothing happened.";
  a.content_hash = "abc";
  return a;
}

TEST(Output, ArticleObjectCarriesEveryContractField) {
  Article a = SampleArticle();
  CodedArticle c;
  c.sentence_count = 2;
  c.sentence_spans = {{0, 23}, {24, 46}};
  Event e;
  e.id = "a1:0:0";
  e.source = Actor{"Arnor", "ARN", "ARN", {}, {0, 5}, ""};
  e.target = Actor{"Gondor", "GON", "GON", {}, {16, 22}, ""};
  e.cameo = "122";
  e.plover_event = "ACCUSE";
  e.quad_class = 3;
  e.goldstein = -4.0;
  e.verb_span = {6, 15};
  e.rule = "t.verbs:3";
  e.date = {"2025-05-07", "day", ""};
  c.events.push_back(e);
  std::string out;
  AppendArticleJson(a, c, &out);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["article"]["id"], "a1");
  EXPECT_EQ(j["article"]["date"], "2025-05-07");
  EXPECT_TRUE(j["article"]["boilerplate_removed"].is_array());
  EXPECT_EQ(j["sentences"], 2);
  ASSERT_EQ(j["events"].size(), 1u);
  const auto& ev = j["events"][0];
  for (const char* k :
       {"id", "sentence", "sentence_text", "source", "target", "cameo", "plover", "quad_class",
        "goldstein", "modality", "reported", "attribution", "date", "location", "spans", "rule"}) {
    EXPECT_TRUE(ev.contains(k)) << k;
  }
  EXPECT_EQ(ev["cameo"], "122");
  EXPECT_EQ(ev["sentence_text"], "Arnor condemned Gondor.");
  EXPECT_EQ(ev["plover"]["event"], "ACCUSE");
  EXPECT_TRUE(ev["plover"]["mode"].is_null());
  EXPECT_EQ(ev["spans"]["verb"], nlohmann::json::array({6, 15}));
  auto span = ev["source"]["span"];
  EXPECT_EQ(a.body.substr(span[0], span[1].get<int>() - span[0].get<int>()), "Arnor");
}

TEST(Output, FlatLinesAddArticleFieldsFirst) {
  Article a = SampleArticle();
  CodedArticle c;
  c.sentence_spans = {{0, 23}};
  Event e;
  e.id = "a1:0:0";
  e.cameo = "011";
  c.events = {e, e};
  std::string out;
  AppendFlatEventsJson(a, c, &out);
  std::size_t lines = 0;
  for (char ch : out) lines += ch == '\n';
  EXPECT_EQ(lines, 2u);
  auto first = nlohmann::ordered_json::parse(out.substr(0, out.find('\n')));
  EXPECT_EQ(first.begin().key(), "article_id");
  EXPECT_EQ(first["cameo"], "011");  // leading zero kept
}

TEST(Inputs, ExpandsFoldersGlobsAndReportsMissingPaths) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("dyad_inputs_" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  for (const char* f : {"b.txt", "a.jsonl", "sub/c.html", "notes.md", ".hidden.txt"})
    std::ofstream(dir / f) << "x";
  auto r = ExpandInputs({dir.string()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);  // .md and hidden files skipped
  EXPECT_EQ(fs::path((*r)[0]).filename(), "a.jsonl");
  auto g = ExpandInputs({(dir / "*.txt").string()});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->size(), 1u);
  auto missing = ExpandInputs({(dir / "nope.txt").string()});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.txt"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST(Output, PloverRecordsCarryActorRecipientAndLists) {
  Article a;
  a.id = "a2";
  a.date = "2025-05-07";
  a.body = "The United States plans to deport migrants.";
  CodedArticle c;
  c.sentence_spans = {{0, 43}};
  Event e;
  e.id = "a2:0:0";
  e.cameo = "174";
  e.plover_event = "COERCE";
  e.plover_mode = "deport";
  e.plover_context = "migration;human_rights";
  e.source = Actor{"The United States", "USAGOV", "USA", {"GOV"}, {0, 17}, ""};
  e.target = Actor{"migrants", "REF", "", {"REF"}, {34, 42}, ""};
  Event none = e;
  none.plover_event.clear();  // e.g. 011: no PLOVER event, no record
  c.events = {e, none};
  std::string out;
  AppendPloverJson(a, c, &out);
  ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["event"], "COERCE");
  EXPECT_EQ(j["mode"], nlohmann::json::array({"deport"}));
  EXPECT_EQ(j["context"], nlohmann::json::array({"migration", "human_rights"}));
  EXPECT_EQ(j["actor"][0]["country"], "USA");
  EXPECT_EQ(j["recipient"][0]["sector"], nlohmann::json::array({"REF"}));
  EXPECT_TRUE(j["recipient"][0]["country"].is_null());
  EXPECT_EQ(j["date"], "2025-05-07");
  EXPECT_EQ(j["text"], "The United States plans to deport migrants.");
}

}  // namespace
}  // namespace dyad
