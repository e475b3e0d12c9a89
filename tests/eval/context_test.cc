// `dyad eval gold --context`: each sentence coded with its document, only the
// sentence's own events scored (tests/gold/README.md, "Scoring").
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "dyad/eval.h"

namespace dyad {
namespace {

// Codes an ATTACK (190) for each sentence (". "-separated) that holds "attack",
// its predicate span on the word; keeps the bodies it was given.
class AttackPipeline final : public Pipeline {
 public:
  Status Process(const Article& article, CodedArticle* out) const override {
    bodies.push_back(article.body);
    *out = CodedArticle{};
    std::size_t begin = 0;
    while (begin < article.body.size()) {
      std::size_t end = article.body.find(". ", begin);
      end = end == std::string::npos ? article.body.size() : end + 2;
      const auto sentence = static_cast<std::uint32_t>(out->sentence_spans.size());
      out->sentence_spans.push_back(
          {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
      const std::size_t at = article.body.find("attack", begin);
      if (at < end) {
        Event ev;
        ev.sentence = sentence;
        ev.cameo = "190";
        ev.verb_span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 6)};
        out->events.push_back(ev);
      }
      begin = end;
    }
    out->sentence_count = static_cast<std::uint32_t>(out->sentence_spans.size());
    return Status::Ok();
  }
  std::string Describe() const override { return "attack pipeline"; }
  mutable std::vector<std::string> bodies;
};

GoldSentence Sentence(std::string id, std::vector<GoldEvent> events) {
  GoldSentence g;
  g.id = std::move(id);
  g.dataset = "reuters";
  g.file = "x.jsonl";
  g.events = std::move(events);
  return g;
}

GoldEvent Attack() {
  GoldEvent e;
  e.cameo = "190";
  return e;
}

TEST(EventsInRange, KeepsOnlyTheEventsWhosePredicateIsInTheRange) {
  CodedArticle coded;
  coded.sentence_spans = {{0, 20}, {20, 40}};
  Event early, late, nominal;
  early.sentence = 0;
  early.verb_span = {5, 11};
  late.sentence = 1;
  late.verb_span = {25, 31};
  nominal.sentence = 1;  // no predicate span: its sentence decides
  coded.events = {early, late, nominal};
  auto in = EventsInRange(coded, 20, 40);
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(in[0].verb_span.begin, 25u);
  EXPECT_EQ(in[1].sentence, 1u);
  EXPECT_EQ(EventsInRange(coded, 0, 20).size(), 1u);
  EXPECT_TRUE(EventsInRange(coded, 40, 60).empty());
}

// The earlier sentence's attack is coded (the document is read) but is not the
// gold sentence's: no event is predicted on a sentence without one.
TEST(RunGoldContext, EventsOfEarlierSentencesDoNotCount) {
  AttackPipeline pipeline;
  std::vector<GoldSentence> gold = {Sentence("c1", {}), Sentence("c2", {Attack()})};
  std::vector<std::string> texts = {"The weather was fine.", "Rebels attack the town."};
  std::vector<GoldDocument> docs(2);
  docs[0].text = "Rebels attack a base. The weather was fine.";
  docs[0].begin = 22;
  docs[0].end = docs[0].text.size();
  docs[1].text = "Talks ended. Rebels attack the town.";
  docs[1].begin = 13;
  docs[1].end = docs[1].text.size();
  auto s = RunGold(pipeline, gold, texts, nullptr, &docs);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(pipeline.bodies[0], docs[0].text);  // the document was coded
  EXPECT_EQ(s->events_on_empty_sentences, 0);
  EXPECT_EQ(s->events.at("all").predicted, 1);
  EXPECT_EQ(s->events.at("all").tp_gold, 1);
  // A record without a document is coded alone, as without --context.
  docs[0].text.clear();
  pipeline.bodies.clear();
  ASSERT_TRUE(RunGold(pipeline, gold, texts, nullptr, &docs).ok());
  EXPECT_EQ(pipeline.bodies[0], texts[0]);
}

// Each news-set sentence with a document ends it, at the bytes it names; the
// current-events bullets of the first set have none.
TEST(ResolveGoldDocuments, DocumentsEndWithTheirSentence) {
  if (!std::filesystem::exists(DYAD_SHARED_DIR "/data/re3d"))
    GTEST_SKIP() << "re3d not found under " << DYAD_SHARED_DIR;
  for (const char* set :
       {"/tests/gold/news.jsonl", "/tests/gold/events.jsonl", "/tests/gold/articles.jsonl"}) {
    auto gold = LoadGold(std::string(DYAD_SOURCE_DIR) + set);
    ASSERT_TRUE(gold.ok()) << gold.status().ToString();
    auto texts = ResolveGoldTexts(*gold, DYAD_SHARED_DIR);
    ASSERT_TRUE(texts.ok()) << texts.status().ToString();
    auto docs = ResolveGoldDocuments(*gold, *texts, DYAD_SHARED_DIR);
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    std::size_t with_earlier_text = 0;
    for (std::size_t i = 0; i < gold->size(); ++i) {
      const GoldDocument& d = (*docs)[i];
      if ((*gold)[i].dataset == "current-events") {
        EXPECT_TRUE(d.text.empty()) << (*gold)[i].id;
        continue;
      }
      ASSERT_EQ(d.end, d.text.size()) << (*gold)[i].id;
      EXPECT_EQ(d.text.substr(d.begin), (*texts)[i]) << (*gold)[i].id;
      with_earlier_text += d.begin > 0;
    }
    EXPECT_GT(with_earlier_text, 50u) << set;
  }
}

}  // namespace
}  // namespace dyad
