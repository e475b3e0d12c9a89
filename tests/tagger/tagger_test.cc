// Copyright dyad authors. Tagger: tags, training on a slice, determinism.
#include "dyad/tagger.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "dyad/lexicon.h"

namespace dyad {
namespace {

const std::string kEwt = std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/";

TEST(TagNames, RoundTrip) {
  for (int i = 0; i < kUposCount; ++i) {
    Upos u;
    ASSERT_TRUE(ParseUpos(UposName(static_cast<Upos>(i)), &u));
    EXPECT_EQ(static_cast<int>(u), i);
  }
  for (int i = 0; i < kXposCount; ++i) {
    Xpos x;
    ASSERT_TRUE(ParseXpos(XposName(static_cast<Xpos>(i)), &x));
    EXPECT_EQ(static_cast<int>(x), i);
  }
  Xpos x;
  EXPECT_TRUE(ParseXpos("PRP$", &x));
  EXPECT_EQ(x, Xpos::kPRPS);
  EXPECT_FALSE(ParseXpos("NOPE", &x));
}

TEST(TrainTagger, SmallSliceLearnsAndIsDeterministic) {
  TrainTaggerOptions opt;
  opt.epochs = 2;
  opt.max_train_sentences = 1000;
  opt.max_dev_sentences = 300;
  TrainTaggerReport report;
  auto a =
      TrainTagger({kEwt + "en_ewt-ud-train.conllu"}, {kEwt + "en_ewt-ud-dev.conllu"}, opt, &report);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(report.train_sentences, 1000u);
  EXPECT_EQ(report.epochs_run, 2);
  // 1,000 sentences are ~5% of EWT; a working tagger still gets most words right.
  EXPECT_GT(report.best_dev.upos(), 0.85) << report.best_dev.upos();
  EXPECT_GT(report.best_dev.xpos(), 0.82) << report.best_dev.xpos();
  EXPECT_LT(report.best_dev.upos(), 1.0);
  std::printf("slice: dev UPOS %.4f XPOS %.4f, %zu features, %zu weights, %zu bytes\n",
              report.best_dev.upos(), report.best_dev.xpos(), report.features, report.weights,
              a->size());

  auto b =
      TrainTagger({kEwt + "en_ewt-ud-train.conllu"}, {kEwt + "en_ewt-ud-dev.conllu"}, opt, nullptr);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_TRUE(*a == *b) << "two trainings with the same seed differ";

  opt.seed = 2;
  auto c =
      TrainTagger({kEwt + "en_ewt-ud-train.conllu"}, {kEwt + "en_ewt-ud-dev.conllu"}, opt, nullptr);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(*a == *c) << "the seed has no effect";

  auto tagger = Tagger::FromBytes(*a, "slice");
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::vector<std::string_view> words = {"The", "police", "arrested", "two", "men", "."};
  std::vector<PosTag> tags(words.size());
  TaggerScratch scratch;
  (*tagger)->Tag(words, nullptr, &scratch, tags.data());
  EXPECT_EQ(tags[0].upos, Upos::kDet);
  EXPECT_EQ(tags[2].upos, Upos::kVerb);
  EXPECT_EQ(tags[5].xpos, Xpos::kPeriod);

  // The tag dictionary holds the frequent, nearly unambiguous forms of the
  // slice; without it every word is scored (and the model is another one).
  EXPECT_GT(report.tag_dict_words, 20u);
  EXPECT_EQ((*tagger)->TagDictionarySize(), report.tag_dict_words);
  opt.seed = 1;
  opt.tag_dict_min_count = 0;
  TrainTaggerReport no_dict;
  auto d = TrainTagger({kEwt + "en_ewt-ud-train.conllu"}, {kEwt + "en_ewt-ud-dev.conllu"}, opt,
                       &no_dict);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(no_dict.tag_dict_words, 0u);
  EXPECT_FALSE(*a == *d);
  EXPECT_GT(no_dict.best_dev.upos(), 0.85);
}

TEST(TrainTagger, FeatureCountCutoffShrinksTheModel) {
  TrainTaggerOptions opt;
  opt.epochs = 2;
  opt.max_train_sentences = 1000;
  opt.max_dev_sentences = 300;
  opt.min_feature_count = 1;
  TrainTaggerReport all, cut;
  auto a =
      TrainTagger({kEwt + "en_ewt-ud-train.conllu"}, {kEwt + "en_ewt-ud-dev.conllu"}, opt, &all);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  opt.min_feature_count = 5;
  auto b =
      TrainTagger({kEwt + "en_ewt-ud-train.conllu"}, {kEwt + "en_ewt-ud-dev.conllu"}, opt, &cut);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  std::printf("slice: %zu features with every feature, %zu with the cutoff 5\n", all.features,
              cut.features);
  // Rare-word features are most of an unpruned model; dropping them keeps the
  // frequent ones that carry the accuracy.
  EXPECT_LT(cut.features * 2, all.features);
  EXPECT_LT(b->size(), a->size());
  EXPECT_GT(cut.best_dev.upos(), 0.85) << cut.best_dev.upos();
}

// A model that stores the WordNet classes (TrainTaggerOptions::ClassesFrom)
// tags without a lexicon. With kModel its features are those of a model that
// reads the lexicon at run time, for every word it stores: trained for one
// epoch (no choice of epoch), it tags the sentence whose words are its
// vocabulary exactly as the lexicon model does with the lexicon.
TEST(TrainTagger, WordNetClassesStoredInTheModel) {
  auto lex = Lexicon::Load(Lexicon::DefaultDirectory());
  if (!lex.ok()) GTEST_SKIP() << lex.status().ToString();
  const std::vector<std::string> train = {kEwt + "en_ewt-ud-train.conllu"};
  const std::vector<std::string> dev = {kEwt + "en_ewt-ud-dev.conllu"};
  std::vector<std::string_view> words = {"Gunmen",  "abducted", "five",     "villagers", "and",
                                         "torched", "their",    "huts",     "near",      "Gao",
                                         ",",       "elders",   "lamented", "."};
  TrainTaggerOptions opt;
  opt.epochs = 1;
  opt.max_train_sentences = 1000;
  opt.max_dev_sentences = 300;
  opt.lexicon = lex->get();
  TrainTaggerReport lexicon_report, model_report, folded_report, no_vocabulary;
  auto at_run_time = TrainTagger(train, dev, opt, &lexicon_report);
  ASSERT_TRUE(at_run_time.ok()) << at_run_time.status().ToString();

  opt.classes_from = TrainTaggerOptions::ClassesFrom::kModel;
  opt.vocabulary.assign(words.begin(), words.end());
  opt.vocabulary.push_back("qzxvw");  // not in WordNet: stored as no classes, i.e. not at all
  auto in_model = TrainTagger(train, dev, opt, &model_report);
  ASSERT_TRUE(in_model.ok()) << in_model.status().ToString();
  auto again = TrainTagger(train, dev, opt, nullptr);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*in_model == *again) << "two trainings with the same seed differ";
  EXPECT_EQ((*in_model)[8], 4);     // format version 4: the classes are in the model
  EXPECT_EQ((*at_run_time)[8], 3);  // nothing of version 4 used: written as version 3
  EXPECT_EQ(model_report.features, lexicon_report.features);
  EXPECT_EQ(model_report.weights, lexicon_report.weights);

  auto a = Tagger::FromBytes(*at_run_time, "lexicon");
  auto b = Tagger::FromBytes(*in_model, "in model");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE((*a)->UsesLexicon());
  EXPECT_FALSE((*b)->UsesLexicon());
  EXPECT_NE((*b)->Description().find("in the model"), std::string::npos);
  std::vector<PosTag> want(words.size()), got(words.size()), got_with_lexicon(words.size());
  TaggerScratch scratch;
  (*a)->Tag(words, lex->get(), &scratch, want.data());
  (*b)->Tag(words, nullptr, &scratch, got.data());
  (*b)->Tag(words, lex->get(), &scratch, got_with_lexicon.data());  // not read
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(got[i].xpos, want[i].xpos) << words[i];
    EXPECT_EQ(got[i].upos, want[i].upos) << words[i];
    EXPECT_EQ(got_with_lexicon[i].xpos, got[i].xpos) << words[i];
  }

  // Vocabulary words outside the slice that WordNet knows add an entry each.
  opt.vocabulary.clear();
  auto without = TrainTagger(train, dev, opt, &no_vocabulary);
  ASSERT_TRUE(without.ok());
  EXPECT_GT(model_report.word_table_words, no_vocabulary.word_table_words);
  EXPECT_LT(model_report.word_table_words, no_vocabulary.word_table_words + words.size());

  // Folded into the ambiguity classes: no templates of their own, another model.
  opt.classes_from = TrainTaggerOptions::ClassesFrom::kModelFolded;
  auto folded = TrainTagger(train, dev, opt, &folded_report);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_FALSE(*folded == *without);
  EXPECT_GT(folded_report.best_dev.upos(), 0.85) << folded_report.best_dev.upos();
  auto c = Tagger::FromBytes(*folded, "folded");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_FALSE((*c)->UsesLexicon());
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// Reproduces data/models/tagger-en-ewt.dtm (slow: minutes). Run with
// --gtest_also_run_disabled_tests --gtest_filter='*RetrainShippedModel*'.
TEST(TrainTagger, DISABLED_RetrainShippedModel) {
  TrainTaggerOptions opt;
  opt.progress = [](const Diagnostic& d) { std::printf("%s\n", d.message.c_str()); };
  TrainTaggerReport report;
  auto bytes =
      TrainTagger({kEwt + "en_ewt-ud-train.conllu"}, {kEwt + "en_ewt-ud-dev.conllu"}, opt, &report);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_TRUE(WriteTaggerModel(*bytes, "tagger-en-ewt.dtm").ok());
  std::FILE* f =
      std::fopen((std::string(DYAD_SOURCE_DIR) + "/data/models/tagger-en-ewt.dtm").c_str(), "rb");
  ASSERT_NE(f, nullptr);
  std::string shipped;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) shipped.append(buf, n);
  std::fclose(f);
  EXPECT_TRUE(shipped == *bytes) << "retrained model differs from the shipped one";
}

}  // namespace
}  // namespace dyad

#include <algorithm>
#include <utility>

#include "dyad/lexicon.h"
#include "tagger/features.h"

namespace dyad {
namespace {

// Inference splits the features into class-independent and class-dependent
// parts; together they must be exactly the set training used.
TEST(Features, StaticPlusDynamicEqualsTrainingSet) {
  std::vector<std::string_view> words = {"U.S.", "troops", "didn't",    "leave", "Kabul", "in",
                                         "2021", "--",     "al-Sarraj", "said",  "."};
  std::vector<std::uint64_t> wf(words.size() * tagger::kWordSlotCount);
  tagger::ComputeWordFeatures(words, nullptr, nullptr, wf.data());
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::uint64_t all[tagger::kMaxFeatures], split[tagger::kMaxFeatures + 8];
    int na = tagger::TokenFeatures(wf.data(), words.size(), i, 7, 3, false, all);
    int ns = tagger::StaticFeatures(wf.data(), words.size(), i, false, split);
    int nd = tagger::DynamicFeatures(wf.data(), words.size(), i, 7, 3, split + ns);
    ASSERT_EQ(na, ns + nd);
    std::sort(all, all + na);
    std::sort(split, split + na);
    EXPECT_TRUE(std::equal(all, all + na, split)) << i;
  }
}

// The cache of WordNet classes only saves work: with two slots (evictions on
// almost every word), with repeats and case variants, the word features equal
// those computed with the lexicon alone.
TEST(Features, ClassesCacheGivesTheLexiconsClasses) {
  auto lex = Lexicon::Load(Lexicon::DefaultDirectory());
  if (!lex.ok()) GTEST_SKIP() << lex.status().ToString();
  std::vector<std::string_view> words = {"Five", "men",     "were", "abducted", "by",
                                         "men",  "FIVE",    "five", "days",     "ago",
                                         "and",  "dorfles", "were", "Abducted", "."};
  const std::size_t n = words.size() * tagger::kWordSlotCount;
  std::vector<std::uint64_t> plain(n), cached(n);
  tagger::ComputeWordFeatures(words, lex->get(), nullptr, plain.data());
  for (std::uint64_t slots : {2u, 4096u}) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> table(slots, {0, 0});
    const tagger::ClassesCache cache{table.data(), slots - 1};
    for (int pass = 0; pass < 2; ++pass) {  // the second pass reads a filled cache
      tagger::ComputeWordFeatures(words, lex->get(), nullptr, cached.data(), &cache);
      EXPECT_EQ(plain, cached) << slots << " slots, pass " << pass;
    }
  }
  // Words WordNet knows get classes, the others none (1 + 0).
  EXPECT_GT(plain[3 * tagger::kWordSlotCount + tagger::kClasses], 1u);   // abducted
  EXPECT_EQ(plain[11 * tagger::kWordSlotCount + tagger::kClasses], 1u);  // dorfles
}

}  // namespace
}  // namespace dyad
