// Copyright dyad authors. Chunker: verb groups, phrases, relations, frames, scale.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "dyad/tagger.h"

namespace dyad {
namespace {

const std::string kEwt = std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/";
const std::string kModel = std::string(DYAD_SOURCE_DIR) + "/data/models/tagger-en-ewt.dtm";

// A sentence with hand-written "word/XPOS/UPOS" tags, so these tests check the
// chunker's rules, not the tagger.
struct Tagged {
  std::vector<std::string> storage;
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
};

Tagged Parse(const std::string& text) {
  Tagged t;
  std::size_t p = 0;
  while (p < text.size()) {
    std::size_t q = text.find(' ', p);
    if (q == std::string::npos) q = text.size();
    std::string item = text.substr(p, q - p);
    std::size_t a = item.rfind('/');
    std::size_t b = item.rfind('/', a - 1);
    PosTag tag;
    EXPECT_TRUE(ParseXpos(item.substr(b + 1, a - b - 1), &tag.xpos)) << item;
    EXPECT_TRUE(ParseUpos(item.substr(a + 1), &tag.upos)) << item;
    t.storage.push_back(item.substr(0, b));
    t.tags.push_back(tag);
    p = q + 1;
  }
  for (const auto& s : t.storage) t.words.push_back(s);
  return t;
}

std::string Text(const Tagged& t, const Chunk& c) {
  std::string s;
  for (std::uint32_t i = c.begin; i < c.end; ++i) {
    if (!s.empty()) s += ' ';
    s += t.words[i];
  }
  return s;
}

const Chunk* Find(const Tagged& t, const Chunks& cs, ChunkType type, const std::string& text) {
  for (const Chunk& c : cs.chunks) {
    if (c.type == type && Text(t, c) == text) return &c;
  }
  return nullptr;
}

TEST(Chunker, ProgressiveAuxAndIntent) {
  Tagged t = Parse(
      "The/DT/DET government/NN/NOUN is/VBZ/AUX planning/VBG/VERB to/TO/PART deport/VB/VERB "
      "200/CD/NUM migrants/NNS/NOUN ./././PUNCT");
  Chunks cs;
  ChunkSentence(t.words, t.tags, &cs);
  const Chunk* vg = Find(t, cs, ChunkType::kVerbGroup, "is planning");
  ASSERT_NE(vg, nullptr);
  EXPECT_EQ(vg->head, 3u);
  EXPECT_EQ(vg->tense, Tense::kPresent);
  EXPECT_EQ(vg->aspect, Aspect::kProgressive);
  EXPECT_FALSE(vg->passive);
  ASSERT_NE(vg->complement, kNoChunk);
  const Chunk& inf = cs.chunks[vg->complement];
  EXPECT_EQ(Text(t, inf), "deport");
  EXPECT_TRUE(inf.infinitive);
  EXPECT_TRUE(inf.intent);
  EXPECT_NE(Find(t, cs, ChunkType::kNounPhrase, "The government"), nullptr);
  EXPECT_NE(Find(t, cs, ChunkType::kNounPhrase, "200 migrants"), nullptr);
}

TEST(Chunker, NegatedPassivePastPerfect) {
  Tagged t = Parse(
      "The/DT/DET men/NNS/NOUN had/VBD/AUX not/RB/PART been/VBN/AUX detained/VBN/VERB "
      "by/IN/ADP police/NN/NOUN ./././PUNCT");
  Chunks cs;
  ChunkSentence(t.words, t.tags, &cs);
  const Chunk* vg = Find(t, cs, ChunkType::kVerbGroup, "had not been detained");
  ASSERT_NE(vg, nullptr);
  EXPECT_EQ(vg->head, 5u);
  EXPECT_TRUE(vg->negated);
  EXPECT_TRUE(vg->passive);
  EXPECT_EQ(vg->tense, Tense::kPast);
  EXPECT_EQ(vg->aspect, Aspect::kPerfect);
  EXPECT_EQ(vg->modal, kNoToken);
  const Chunk* pp = Find(t, cs, ChunkType::kPrepPhrase, "by");
  ASSERT_NE(pp, nullptr);
  ASSERT_NE(pp->object, kNoChunk);
  EXPECT_EQ(Text(t, cs.chunks[pp->object]), "police");
  ASSERT_NE(pp->attach, kNoChunk);
  EXPECT_EQ(&cs.chunks[pp->attach], vg);
}

TEST(Chunker, ModalAndFutureAndContraction) {
  Tagged t = Parse("Talks/NNS/NOUN could/MD/AUX take/VB/VERB place/NN/NOUN ./././PUNCT");
  Chunks cs;
  ChunkSentence(t.words, t.tags, &cs);
  const Chunk* vg = Find(t, cs, ChunkType::kVerbGroup, "could take");
  ASSERT_NE(vg, nullptr);
  EXPECT_EQ(vg->modal, 1);
  EXPECT_EQ(t.words[vg->modal], "could");
  EXPECT_FALSE(vg->negated);

  t = Parse("Troops/NNS/NOUN will/MD/AUX withdraw/VB/VERB");
  ChunkSentence(t.words, t.tags, &cs);
  vg = Find(t, cs, ChunkType::kVerbGroup, "will withdraw");
  ASSERT_NE(vg, nullptr);
  EXPECT_EQ(vg->tense, Tense::kFuture);

  t = Parse("Rebels/NNS/NOUN didn't/VBD/AUX attack/VB/VERB");
  ChunkSentence(t.words, t.tags, &cs);
  vg = Find(t, cs, ChunkType::kVerbGroup, "didn't attack");
  ASSERT_NE(vg, nullptr);
  EXPECT_TRUE(vg->negated);
  EXPECT_EQ(vg->tense, Tense::kPast);
}

TEST(Chunker, ReportingFrames) {
  Tagged t = Parse(
      "Putin/NNP/PROPN ,/,/PUNCT the/DT/DET Russian/JJ/ADJ president/NN/NOUN ,/,/PUNCT "
      "reported/VBD/VERB that/IN/SCONJ troops/NNS/NOUN withdrew/VBD/VERB ./././PUNCT");
  Chunks cs;
  ChunkSentence(t.words, t.tags, &cs);
  const Chunk* app = Find(t, cs, ChunkType::kNounPhrase, "the Russian president");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->relation, ChunkRelation::kApposition);
  EXPECT_EQ(Text(t, cs.chunks[app->related]), "Putin");
  ASSERT_EQ(cs.frames.size(), 1u);
  EXPECT_EQ(cs.frames[0].kind, FrameKind::kReportedThat);
  EXPECT_EQ(Text(t, cs.chunks[cs.frames[0].source]), "Putin");
  EXPECT_EQ(Text(t, cs.chunks[cs.frames[0].cue_chunk]), "reported");

  t = Parse(
      "Clashes/NNS/NOUN erupted/VBD/VERB ,/,/PUNCT according/VBG/VERB to/IN/ADP the/DT/DET "
      "UN/NNP/PROPN ./././PUNCT");
  ChunkSentence(t.words, t.tags, &cs);
  ASSERT_EQ(cs.frames.size(), 1u);
  EXPECT_EQ(cs.frames[0].kind, FrameKind::kAccordingTo);
  EXPECT_EQ(Text(t, cs.chunks[cs.frames[0].source]), "the UN");

  t = Parse("Officials/NNS/NOUN said/VBD/VERB ./././PUNCT");
  ChunkSentence(t.words, t.tags, &cs);
  ASSERT_EQ(cs.frames.size(), 1u);
  EXPECT_EQ(cs.frames[0].kind, FrameKind::kSaid);
  EXPECT_EQ(Text(t, cs.chunks[cs.frames[0].source]), "Officials");
}

TEST(Chunker, CoordinationAndRelativeClause) {
  Tagged t = Parse(
      "Police/NNS/NOUN arrested/VBD/VERB and/CC/CCONJ detained/VBD/VERB protesters/NNS/NOUN "
      "who/WP/PRON had/VBD/AUX blocked/VBN/VERB roads/NNS/NOUN and/CC/CCONJ bridges/NNS/NOUN");
  Chunks cs;
  ChunkSentence(t.words, t.tags, &cs);
  const Chunk* vg2 = Find(t, cs, ChunkType::kVerbGroup, "detained");
  ASSERT_NE(vg2, nullptr);
  EXPECT_EQ(vg2->relation, ChunkRelation::kCoordinated);
  EXPECT_EQ(Text(t, cs.chunks[vg2->related]), "arrested");
  const Chunk* rel = Find(t, cs, ChunkType::kVerbGroup, "had blocked");
  ASSERT_NE(rel, nullptr);
  EXPECT_EQ(rel->relation, ChunkRelation::kRelativeClause);
  EXPECT_EQ(Text(t, cs.chunks[rel->related]), "protesters");
  EXPECT_EQ(rel->aspect, Aspect::kPerfect);
  const Chunk* np = Find(t, cs, ChunkType::kNounPhrase, "bridges");
  ASSERT_NE(np, nullptr);
  EXPECT_EQ(np->relation, ChunkRelation::kCoordinated);
  EXPECT_EQ(Text(t, cs.chunks[np->related]), "roads");
}

TEST(Chunker, EndToEndWithShippedModel) {
  auto tagger = Tagger::Load(kModel);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::vector<std::string_view> w = {"The", "men",    "had", "not",     "been", "detained",
                                     "by",  "police", "in",  "Tripoli", "."};
  std::vector<PosTag> tags(w.size());
  TaggerScratch scratch;
  (*tagger)->Tag(w, nullptr, &scratch, tags.data());
  Chunks cs;
  ChunkSentence(w, tags, &cs);
  bool found = false;
  for (const Chunk& c : cs.chunks) {
    if (c.type == ChunkType::kVerbGroup && c.begin == 2 && c.end == 6) {
      found = true;
      EXPECT_TRUE(c.negated);
      EXPECT_TRUE(c.passive);
      EXPECT_EQ(c.tense, Tense::kPast);
      EXPECT_EQ(c.aspect, Aspect::kPerfect);
    }
  }
  EXPECT_TRUE(found);
}

TEST(Chunker, LargeInputIsLinearAndSane) {
  // 100,000 tokens as one sentence and as many; output must stay proportional.
  const std::vector<std::pair<std::string_view, PosTag>> pattern = {
      {"The", {Xpos::kDT, Upos::kDet}},        {"police", {Xpos::kNNS, Upos::kNoun}},
      {"had", {Xpos::kVBD, Upos::kAux}},       {"not", {Xpos::kRB, Upos::kPart}},
      {"arrested", {Xpos::kVBN, Upos::kVerb}}, {"protesters", {Xpos::kNNS, Upos::kNoun}},
      {"in", {Xpos::kIN, Upos::kAdp}},         {"Tripoli", {Xpos::kNNP, Upos::kPropn}},
      {",", {Xpos::kComma, Upos::kPunct}},     {"officials", {Xpos::kNNS, Upos::kNoun}},
      {"said", {Xpos::kVBD, Upos::kVerb}},     {"and", {Xpos::kCC, Upos::kCconj}},
      {"very", {Xpos::kRB, Upos::kAdv}},       {"angry", {Xpos::kJJ, Upos::kAdj}},
      {"who", {Xpos::kWP, Upos::kPron}},       {".", {Xpos::kPeriod, Upos::kPunct}}};
  std::vector<std::string_view> w;
  std::vector<PosTag> tags;
  while (w.size() < 100000) {
    for (const auto& [word, tag] : pattern) {
      w.push_back(word);
      tags.push_back(tag);
    }
  }
  Chunks cs;
  ChunkSentence(w, tags, &cs);
  EXPECT_GT(cs.chunks.size(), w.size() / 4);
  EXPECT_LE(cs.chunks.size(), w.size());
  EXPECT_LE(cs.frames.size(), cs.chunks.size());
  for (const Chunk& c : cs.chunks) {
    ASSERT_LT(c.begin, c.end);
    ASSERT_LE(c.end, w.size());
    ASSERT_GE(c.head, c.begin);
    ASSERT_LT(c.head, c.end);
  }
  // Tagging the same 100k words in one call works too.
  auto tagger = Tagger::Load(kModel);
  ASSERT_TRUE(tagger.ok());
  TaggerScratch scratch;
  std::vector<PosTag> predicted(w.size());
  (*tagger)->Tag(w, nullptr, &scratch, predicted.data());
  ChunkSentence(w, predicted, &cs);
  EXPECT_LE(cs.chunks.size(), w.size());
}

TEST(Chunker, EwtTestSplitChunkF1) {
  auto tagger = Tagger::Load(kModel);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto ev = EvaluateChunker(tagger->get(), kEwt + "en_ewt-ud-test.conllu", nullptr);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  auto gold = EvaluateChunker(nullptr, kEwt + "en_ewt-ud-test.conllu", nullptr);
  ASSERT_TRUE(gold.ok());
  std::printf("EWT test chunk F1 (tagger tags): NP %.3f (P %.3f R %.3f), VG %.3f (P %.3f R %.3f)\n",
              ev->np.f1(), ev->np.precision(), ev->np.recall(), ev->vg.f1(), ev->vg.precision(),
              ev->vg.recall());
  std::printf("EWT test chunk F1 (gold tags):   NP %.3f, VG %.3f\n", gold->np.f1(), gold->vg.f1());
  EXPECT_GT(ev->np.gold, 5000u);
  EXPECT_GT(ev->vg.gold, 2000u);
  EXPECT_GT(ev->np.f1(), 0.80);
  EXPECT_GT(ev->vg.f1(), 0.90);
}

}  // namespace
}  // namespace dyad
