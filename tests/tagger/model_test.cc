// Copyright dyad authors. The shipped tagger model: accuracy and bad files.
#include "tagger/model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/tagger.h"
#include "tagger/conllu.h"

namespace dyad {
namespace {

const std::string kEwt = std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/";
const std::string kModel = std::string(DYAD_SOURCE_DIR) + "/data/models/tagger-en-ewt.dtm";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/dyad_tagger_" + name;
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

TEST(ShippedModel, TestSplitAccuracy) {
  auto tagger = Tagger::Load(kModel);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto acc = EvaluateTagger(**tagger, kEwt + "en_ewt-ud-test.conllu", nullptr);
  ASSERT_TRUE(acc.ok()) << acc.status().ToString();
  std::printf("EWT test: UPOS %.2f%% XPOS %.2f%% over %zu words (%zu features, %zu weights)\n",
              100 * acc->upos(), 100 * acc->xpos(), acc->tokens, (*tagger)->FeatureCount(),
              (*tagger)->WeightCount());
  EXPECT_GT(acc->tokens, 25000u);
  EXPECT_GE(acc->upos(), 0.95);
  EXPECT_GE(acc->xpos(), 0.94);
}

// The shipped model's dense weights are summed in int16 (they are small
// enough); the same model with every weight doubled is summed in int32. Doubling
// every score keeps every argmax (ties included), so both must tag alike.
TEST(ShippedModel, Int16AndInt32SumsTagAlike) {
  const std::string bytes = ReadAll(kModel);
  ASSERT_GT(bytes.size(), tagger::kHeaderSize + 16);
  std::string payload = bytes.substr(tagger::kHeaderSize);
  auto u32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v |= std::uint32_t{static_cast<unsigned char>(payload[at + i])} << (8 * i);
    return v;
  };
  // Layout (docs/formats/tagger-model.md): classes, scale, description, sizes,
  // keys, counts, weight classes, weights.
  std::size_t at = 4 + 2 * std::size_t{u32(0)};
  at += 4;            // scale
  at += 4 + u32(at);  // description
  const std::uint32_t features = u32(at), weights = u32(at + 4);
  at += 8 + std::size_t{features} * 9 + weights;
  int max_weight = 0;
  for (std::uint32_t w = 0; w < weights; ++w, at += 2) {
    auto v = static_cast<std::int16_t>(static_cast<unsigned char>(payload[at]) |
                                       (static_cast<unsigned char>(payload[at + 1]) << 8));
    max_weight = std::max(max_weight, std::abs(int{v}));
    auto d = static_cast<std::uint16_t>(2 * v);
    payload[at] = static_cast<char>(d & 0xFF);
    payload[at + 1] = static_cast<char>(d >> 8);
  }
  ASSERT_LE(max_weight, tagger::kMaxQuantizedWeight);
  ASSERT_GT(2 * max_weight * 40, 32767) << "doubled weights must take the int32 path";
  std::string doubled = bytes.substr(0, tagger::kHeaderSize) + payload;
  const std::uint32_t crc = tagger::Crc32(payload);
  for (int i = 0; i < 4; ++i) doubled[24 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
  auto a = Tagger::FromBytes(bytes, "shipped.dtm");
  auto b = Tagger::FromBytes(doubled, "doubled.dtm");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  tagger::ConlluFile dev;
  ASSERT_TRUE(tagger::ReadConllu(kEwt + "en_ewt-ud-dev.conllu", 0, &dev).ok());
  TaggerScratch scratch;
  std::vector<std::string_view> words;
  std::vector<PosTag> ta, tb;
  std::size_t compared = 0, differ = 0;
  for (const auto& sentence : dev.sentences) {
    words.clear();
    for (const auto& w : sentence.words) words.push_back(w.form);
    ta.assign(words.size(), PosTag{});
    tb.assign(words.size(), PosTag{});
    (*a)->Tag(words, nullptr, &scratch, ta.data());
    (*b)->Tag(words, nullptr, &scratch, tb.data());
    for (std::size_t i = 0; i < words.size(); ++i, ++compared) {
      differ += ta[i].xpos != tb[i].xpos || ta[i].upos != tb[i].upos;
    }
  }
  EXPECT_GT(compared, 25000u);
  EXPECT_EQ(differ, 0u);
}

TEST(ShippedModel, TagsNewsSentenceAndContractions) {
  auto tagger = Tagger::Load(kModel);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::vector<std::string_view> words = {"The",       "government", "is",       "planning",
                                         "to",        "deport",     "migrants", ",",
                                         "officials", "said",       "."};
  std::vector<PosTag> tags(words.size());
  TaggerScratch scratch;
  (*tagger)->Tag(words, nullptr, &scratch, tags.data());
  EXPECT_EQ(tags[0].xpos, Xpos::kDT);
  EXPECT_EQ(tags[1].xpos, Xpos::kNN);
  EXPECT_EQ(tags[2].upos, Upos::kAux);
  EXPECT_EQ(tags[3].xpos, Xpos::kVBG);
  EXPECT_EQ(tags[4].xpos, Xpos::kTO);
  EXPECT_EQ(tags[5].xpos, Xpos::kVB);
  EXPECT_EQ(tags[6].xpos, Xpos::kNNS);
  EXPECT_EQ(tags[9].xpos, Xpos::kVBD);
  EXPECT_EQ(tags[10].upos, Upos::kPunct);

  // Whole contractions, as dyad's tokenizer keeps them.
  std::vector<std::string_view> c = {"Police", "didn't", "say", "."};
  tags.resize(c.size());
  (*tagger)->Tag(c, nullptr, &scratch, tags.data());
  EXPECT_EQ(tags[1].upos, Upos::kAux);
  EXPECT_EQ(tags[2].upos, Upos::kVerb);

  // Empty input is fine.
  (*tagger)->Tag({}, nullptr, &scratch, tags.data());
}

TEST(ShippedModel, TagDocument) {
  auto tagger = Tagger::Load(kModel);
  ASSERT_TRUE(tagger.ok());
  std::string body = "Rebels attacked the town. Troops fled";
  Document doc;
  doc.body = body;
  doc.tokens = {{0, 6}, {7, 15}, {16, 19}, {20, 24}, {24, 25}, {26, 32}, {33, 37}};
  doc.sentences = {{0, 25, 0, 5, 0, false}, {26, 37, 5, 2, 0, false}};
  std::vector<PosTag> tags;
  TaggerScratch scratch;
  (*tagger)->TagDocument(doc, nullptr, &scratch, &tags);
  ASSERT_EQ(tags.size(), 7u);
  EXPECT_EQ(tags[0].xpos, Xpos::kNNS);
  EXPECT_EQ(tags[1].upos, Upos::kVerb);
  EXPECT_EQ(tags[3].xpos, Xpos::kNN);
  EXPECT_EQ(tags[4].xpos, Xpos::kPeriod);
  EXPECT_EQ(tags[6].upos, Upos::kVerb);
}

// Frequent, nearly unambiguous forms are tagged from the tag dictionary; the
// ambiguous ones ("that", "plans", "protests") are still scored in context.
TEST(ShippedModel, TagDictionaryAndAmbiguousWords) {
  auto tagger = Tagger::Load(kModel);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  EXPECT_GT((*tagger)->TagDictionarySize(), 300u);
  EXPECT_LT((*tagger)->TagDictionarySize(), 2000u);
  TaggerScratch scratch;
  std::vector<std::string_view> a = {"He", "said", "that", "the", "plans", "were", "ready", "."};
  std::vector<PosTag> tags(a.size());
  (*tagger)->Tag(a, nullptr, &scratch, tags.data());
  EXPECT_EQ(tags[2].xpos, Xpos::kIN);
  EXPECT_EQ(tags[3].xpos, Xpos::kDT);
  EXPECT_EQ(tags[4].xpos, Xpos::kNNS);
  std::vector<std::string_view> b = {"That", "government", "plans", "to", "deport", "them", "."};
  tags.resize(b.size());
  (*tagger)->Tag(b, nullptr, &scratch, tags.data());
  EXPECT_EQ(tags[0].xpos, Xpos::kDT);
  EXPECT_EQ(tags[2].xpos, Xpos::kVBZ);
  EXPECT_EQ(tags[4].xpos, Xpos::kVB);
}

TEST(BadModel, Missing) {
  auto t = Tagger::Load(TempPath("does_not_exist.dtm"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(t.status().message().find("does_not_exist.dtm"), std::string::npos);
}

TEST(BadModel, TruncatedAnywhere) {
  std::string bytes = ReadAll(kModel);
  ASSERT_GT(bytes.size(), 1000u);
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, std::size_t{20}, std::size_t{40},
                          bytes.size() / 2, bytes.size() - 1}) {
    std::string path = TempPath("truncated.dtm");
    WriteAll(path, bytes.substr(0, cut));
    auto t = Tagger::Load(path);
    ASSERT_FALSE(t.ok()) << cut;
    EXPECT_EQ(t.status().code(), ErrorCode::kTruncated) << cut << " " << t.status().ToString();
    EXPECT_NE(t.status().message().find(path), std::string::npos);
  }
}

void SetHeaderU32(std::string* bytes, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) (*bytes)[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// Format 4 only added flags (WordNet classes stored in the model) to format 3's
// layout. A model without them is written as version 3, as before; read as
// version 4 it tags alike. Version 3 with a format-4 flag is refused, and so are
// flags no training writes together.
TEST(BadModel, Version3IsReadWithItsOwnFlags) {
  TrainTaggerOptions opt;
  opt.epochs = 1;
  opt.max_train_sentences = 300;
  opt.max_dev_sentences = 50;
  auto v3 =
      TrainTagger({kEwt + "en_ewt-ud-train.conllu"}, {kEwt + "en_ewt-ud-dev.conllu"}, opt, nullptr);
  ASSERT_TRUE(v3.ok()) << v3.status().ToString();
  ASSERT_EQ((*v3)[8], 3);  // no classes in the model: written as version 3
  std::string v4 = *v3;
  SetHeaderU32(&v4, 8, 4);
  auto a = Tagger::FromBytes(*v3, "v3.dtm");
  auto b = Tagger::FromBytes(v4, "v4.dtm");
  ASSERT_TRUE(a.ok() && b.ok()) << b.status().ToString();
  std::vector<std::string_view> words = {"Rebels", "attacked", "the", "town", "on", "Monday", "."};
  std::vector<PosTag> ta(words.size()), tb(words.size());
  TaggerScratch scratch;
  (*a)->Tag(words, nullptr, &scratch, ta.data());
  (*b)->Tag(words, nullptr, &scratch, tb.data());
  for (std::size_t i = 0; i < words.size(); ++i) EXPECT_EQ(ta[i].xpos, tb[i].xpos) << words[i];

  for (std::uint32_t flags :
       {tagger::kFlagClassesInModel, tagger::kFlagClassesInModel | tagger::kFlagClassesFolded}) {
    std::string old_with_new_flag = *v3;
    SetHeaderU32(&old_with_new_flag, 12, flags);
    auto t = Tagger::FromBytes(old_with_new_flag, "v3flags.dtm");
    ASSERT_FALSE(t.ok()) << flags;
    EXPECT_EQ(t.status().code(), ErrorCode::kParseError);
    EXPECT_NE(t.status().message().find("v3flags.dtm"), std::string::npos);
    std::string v4_flags = v4;
    SetHeaderU32(&v4_flags, 12, flags);
    auto ok = Tagger::FromBytes(v4_flags, "v4flags.dtm");
    ASSERT_TRUE(ok.ok()) << flags << " " << ok.status().ToString();
    EXPECT_TRUE((*ok)->ClassesInModel());
    EXPECT_FALSE((*ok)->UsesLexicon());
  }
  for (std::uint32_t flags :
       {tagger::kFlagClassesFolded, tagger::kFlagUsesLexicon | tagger::kFlagClassesInModel, 8u}) {
    std::string bad = v4;
    SetHeaderU32(&bad, 12, flags);
    auto t = Tagger::FromBytes(bad, "flags.dtm");
    ASSERT_FALSE(t.ok()) << flags;
    EXPECT_EQ(t.status().code(), ErrorCode::kParseError) << t.status().ToString();
  }
}

TEST(BadModel, FlippedByteIsCaughtByChecksum) {
  std::string bytes = ReadAll(kModel);
  for (std::size_t at : {std::size_t{40}, bytes.size() / 3, bytes.size() - 2}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    auto t = Tagger::FromBytes(bad, "flipped.dtm");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), ErrorCode::kParseError) << t.status().ToString();
    EXPECT_NE(t.status().message().find("flipped.dtm"), std::string::npos);
    EXPECT_NE(t.status().message().find("checksum"), std::string::npos);
  }
}

TEST(BadModel, WrongVersionAndMagic) {
  std::string bytes = ReadAll(kModel);
  for (char version : {1, 2, 5}) {  // 1: before the tag dictionary; 2: other feature keys
    std::string other_version = bytes;
    other_version[8] = version;  // format version, little-endian u32 after the magic
    auto t = Tagger::FromBytes(other_version, "old.dtm");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), ErrorCode::kVersionMismatch);
    EXPECT_NE(t.status().message().find("old.dtm"), std::string::npos);
    EXPECT_NE(t.status().message().find("version " + std::to_string(version)), std::string::npos)
        << t.status().ToString();
  }
  auto t = Tagger::FromBytes(bytes, "shipped.dtm");
  ASSERT_TRUE(t.ok()) << t.status().ToString();

  std::string other = bytes;
  other[0] = 'X';
  t = Tagger::FromBytes(other, "other.bin");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kParseError);

  t = Tagger::FromBytes(bytes + "extra", "long.dtm");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kParseError);
}

// The tag dictionary section (after the checksum has been fixed up, so the
// table checks themselves are reached): bad sizes, order and classes.
TEST(BadModel, BrokenTagDictionary) {
  const std::string bytes = ReadAll(kModel);
  ASSERT_GT(bytes.size(), 1000u);
  auto with_payload = [&](std::string payload) {
    std::string out = bytes.substr(0, 16);
    for (int i = 0; i < 8; ++i)
      out.push_back(static_cast<char>((payload.size() >> (8 * i)) & 0xFF));
    const std::uint32_t crc = tagger::Crc32(payload);
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((crc >> (8 * i)) & 0xFF));
    out.append(4, '\0');
    return out + payload;
  };
  const std::string payload = bytes.substr(32);
  ASSERT_TRUE(Tagger::FromBytes(with_payload(payload), "same.dtm").ok());
  auto expect_bad = [&](const std::string& p, const std::string& what) {
    auto t = Tagger::FromBytes(with_payload(p), "dict.dtm");
    ASSERT_FALSE(t.ok()) << what;
    EXPECT_EQ(t.status().code(), ErrorCode::kParseError);
    EXPECT_NE(t.status().message().find("dict.dtm"), std::string::npos);
    EXPECT_NE(t.status().message().find(what), std::string::npos) << t.status().ToString();
  };
  // The last byte is the class of the last dictionary word.
  std::string p = payload;
  p.back() = static_cast<char>(0xFF);
  expect_bad(p, "class of tag dictionary word");
  // One byte fewer: the dictionary no longer fits its count.
  expect_bad(payload.substr(0, payload.size() - 1), "tag dictionary size");
  // The last word hash set to 0: the section ends with D 8-byte hashes, then D classes.
  auto shipped = Tagger::FromBytes(bytes, "shipped.dtm");
  ASSERT_TRUE(shipped.ok());
  const std::size_t d = (*shipped)->TagDictionarySize();
  ASSERT_GT(d, 1u);
  p = payload;
  const std::size_t last_word = payload.size() - d - 8;
  for (int i = 0; i < 8; ++i) p[last_word + i] = 0;
  expect_bad(p, "tag dictionary words not strictly ascending at " + std::to_string(d - 1));
}

TEST(Conllu, ErrorsNameFileAndLine) {
  std::string path = TempPath("bad.conllu");
  WriteAll(path, "# sent_id = 1\n1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tbad\tline\n\n");
  auto t = Tagger::Load(kModel);
  ASSERT_TRUE(t.ok());
  auto acc = EvaluateTagger(**t, path, nullptr);
  ASSERT_FALSE(acc.ok());
  EXPECT_EQ(acc.status().code(), ErrorCode::kParseError);
  EXPECT_NE(acc.status().message().find(path + ":3:"), std::string::npos)
      << acc.status().ToString();

  WriteAll(path, "1\tHello\thello\tNOPE\tUH\t_\t0\troot\t_\t_\n\n");
  acc = EvaluateTagger(**t, path, nullptr);
  ASSERT_FALSE(acc.ok());
  EXPECT_NE(acc.status().message().find("UPOS"), std::string::npos);

  // Multiword ranges and empty nodes are read, not counted as words.
  WriteAll(path,
           "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
           "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
           "3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:conj\t_\n\n");
  acc = EvaluateTagger(**t, path, nullptr);
  ASSERT_TRUE(acc.ok()) << acc.status().ToString();
  EXPECT_EQ(acc->tokens, 3u);
}

}  // namespace
}  // namespace dyad
