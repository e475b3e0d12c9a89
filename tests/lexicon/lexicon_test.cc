// Tests of the lexicon stage against Debian's WordNet (read in place) and
// small hand-written WordNet directories for error handling.
#include "dyad/lexicon.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace dyad {
namespace {

class LexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = Lexicon::Load(DYAD_WORDNET_DIR);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    std::printf("WordNet load: %lld ms\n", static_cast<long long>(ms));
    lex_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() {
    delete lex_;
    lex_ = nullptr;
  }

  static std::string Lemma(std::string_view w, WordClass c) {
    std::string scratch;
    return std::string(lex_->Lemma(w, c, &scratch));
  }

  static Lexicon* lex_;
};
Lexicon* LexiconTest::lex_ = nullptr;

TEST_F(LexiconTest, VerbLemmas) {
  EXPECT_EQ(Lemma("deported", WordClass::kVerb), "deport");
  EXPECT_EQ(Lemma("held", WordClass::kVerb), "hold");
  EXPECT_EQ(Lemma("detained", WordClass::kVerb), "detain");
  EXPECT_EQ(Lemma("went", WordClass::kVerb), "go");
  EXPECT_EQ(Lemma("says", WordClass::kVerb), "say");
  EXPECT_EQ(Lemma("said", WordClass::kVerb), "say");
  EXPECT_EQ(Lemma("denied", WordClass::kVerb), "deny");
  EXPECT_EQ(Lemma("planning", WordClass::kVerb), "plan");
  EXPECT_EQ(Lemma("shelled", WordClass::kVerb), "shell");
  EXPECT_EQ(Lemma("Deported", WordClass::kVerb), "deport");  // case-insensitive
  EXPECT_EQ(Lemma("accused", WordClass::kVerb), "accuse");
  EXPECT_EQ(Lemma("meeting", WordClass::kVerb), "meet");
  EXPECT_EQ(Lemma("criticizes", WordClass::kVerb), "criticize");
  EXPECT_EQ(Lemma("deport", WordClass::kVerb), "deport");
}

TEST_F(LexiconTest, NounAndAdjectiveLemmas) {
  EXPECT_EQ(Lemma("migrants", WordClass::kNoun), "migrant");
  EXPECT_EQ(Lemma("talks", WordClass::kNoun), "talk");
  EXPECT_EQ(Lemma("children", WordClass::kNoun), "child");
  EXPECT_EQ(Lemma("strikes", WordClass::kNoun), "strike");
  EXPECT_EQ(Lemma("militias", WordClass::kNoun), "militia");
  EXPECT_EQ(Lemma("news", WordClass::kNoun), "news");
  EXPECT_EQ(Lemma("species", WordClass::kNoun), "species");
  EXPECT_EQ(Lemma("churches", WordClass::kNoun), "church");
  EXPECT_EQ(Lemma("countries", WordClass::kNoun), "country");
  EXPECT_EQ(Lemma("better", WordClass::kAdjective), "good");
  EXPECT_EQ(Lemma("largest", WordClass::kAdjective), "large");
}

TEST_F(LexiconTest, UnknownWordsStayLowerCased) {
  EXPECT_EQ(Lemma("U.S.", WordClass::kNoun), "u.s.");
  EXPECT_EQ(Lemma("U.S.", WordClass::kVerb), "u.s.");
  EXPECT_EQ(Lemma("Hifter", WordClass::kNoun), "hifter");
  EXPECT_EQ(Lemma("", WordClass::kNoun), "");
  EXPECT_EQ(Lemma("\xC3\x89LYS\xC3\x89\x45", WordClass::kNoun), "\xC3\xA9lys\xC3\xA9\x65");
  // Invalid UTF-8 is copied, not a crash.
  EXPECT_EQ(Lemma("ab\xFF", WordClass::kNoun), "ab\xFF");
  // Longer than any candidate buffer: no rules, the word itself.
  const std::string longword(500, 'x');
  EXPECT_EQ(Lemma(longword + "ing", WordClass::kVerb), longword + "ing");
}

TEST_F(LexiconTest, MultiWordEntries) {
  // WordNet's underscores are spaces in dyad.
  EXPECT_EQ(Lemma("Prime Minister", WordClass::kNoun), "prime minister");
  EXPECT_EQ(Lemma("prime_ministers", WordClass::kNoun), "prime minister");
}

TEST_F(LexiconTest, ScratchOnlyWhenNeeded) {
  std::string scratch;
  const std::string_view a = lex_->Lemma("deported", WordClass::kVerb, &scratch);
  scratch.assign("overwritten");
  EXPECT_EQ(a, "deport");  // points into the lexicon
}

TEST_F(LexiconTest, Classes) {
  const auto n = static_cast<WordClasses>(WordClass::kNoun);
  const auto v = static_cast<WordClasses>(WordClass::kVerb);
  const auto a = static_cast<WordClasses>(WordClass::kAdjective);
  const auto r = static_cast<WordClasses>(WordClass::kAdverb);
  EXPECT_EQ(lex_->Classes("deported"), v);
  EXPECT_EQ(lex_->Classes("held"), v | a);  // "held" is also a WordNet adjective
  EXPECT_TRUE(lex_->Classes("talks") & n);
  EXPECT_TRUE(lex_->Classes("talks") & v);
  EXPECT_EQ(lex_->Classes("quickly"), r);
  EXPECT_TRUE(lex_->Classes("better") & a);
  EXPECT_TRUE(lex_->Classes("better") & r);
  EXPECT_EQ(lex_->Classes("Hifter"), 0);
  EXPECT_EQ(lex_->Classes(""), 0);
  EXPECT_EQ(lex_->Classes("the"), 0);
}

TEST_F(LexiconTest, InflectVerb) {
  using VF = Lexicon::VerbForms;
  auto eq = [](const VF& f, const VF& g) {
    return f.s == g.s && f.past == g.past && f.past_participle == g.past_participle &&
           f.ing == g.ing;
  };
  auto str = [](const VF& f) { return f.s + "/" + f.past + "/" + f.past_participle + "/" + f.ing; };
  const struct {
    const char* lemma;
    VF want;
  } cases[] = {
      {"deport", {"deports", "deported", "deported", "deporting"}},
      {"hold", {"holds", "held", "held", "holding"}},
      {"plan", {"plans", "planned", "planned", "planning"}},
      {"stop", {"stops", "stopped", "stopped", "stopping"}},
      {"deplete", {"depletes", "depleted", "depleted", "depleting"}},
      {"deny", {"denies", "denied", "denied", "denying"}},
      {"accuse", {"accuses", "accused", "accused", "accusing"}},
      {"push", {"pushes", "pushed", "pushed", "pushing"}},
      {"go", {"goes", "went", "gone", "going"}},
      {"take", {"takes", "took", "taken", "taking"}},
      {"be", {"is", "was", "been", "being"}},
      {"have", {"has", "had", "had", "having"}},
      {"say", {"says", "said", "said", "saying"}},
      {"strike", {"strikes", "struck", "struck", "striking"}},
      {"visit", {"visits", "visited", "visited", "visiting"}},
      {"die", {"dies", "died", "died", "dying"}},
      {"see", {"sees", "saw", "seen", "seeing"}},
      {"set", {"sets", "set", "set", "setting"}},
      {"run", {"runs", "ran", "run", "running"}},
      {"begin", {"begins", "began", "begun", "beginning"}},
      {"shell", {"shells", "shelled", "shelled", "shelling"}},
      {"take off", {"takes off", "took off", "taken off", "taking off"}},
  };
  for (const auto& c : cases) {
    const VF got = lex_->InflectVerb(c.lemma);
    EXPECT_TRUE(eq(got, c.want)) << c.lemma << ": got " << str(got) << ", want " << str(c.want);
  }
}

TEST_F(LexiconTest, PluralNoun) {
  EXPECT_EQ(lex_->PluralNoun("migrant"), "migrants");
  EXPECT_EQ(lex_->PluralNoun("militia"), "militias");
  EXPECT_EQ(lex_->PluralNoun("child"), "children");
  EXPECT_EQ(lex_->PluralNoun("man"), "men");
  EXPECT_EQ(lex_->PluralNoun("country"), "countries");
  EXPECT_EQ(lex_->PluralNoun("church"), "churches");
  EXPECT_EQ(lex_->PluralNoun("tax"), "taxes");
  EXPECT_EQ(lex_->PluralNoun("day"), "days");
  EXPECT_EQ(lex_->PluralNoun("brother"), "brothers");  // not "brethren"
  EXPECT_EQ(lex_->PluralNoun("photo"), "photos");
  EXPECT_EQ(lex_->PluralNoun("peace talk"), "peace talks");
  // Round trip through Lemma.
  for (const char* w : {"migrant", "child", "refugee", "country", "leaf", "crisis"}) {
    EXPECT_EQ(Lemma(lex_->PluralNoun(w), WordClass::kNoun), w) << w;
  }
}

TEST(LexiconDefaultDirectoryTest, EnvironmentOverrides) {
  ::unsetenv("DYAD_WORDNET");
  EXPECT_EQ(Lexicon::DefaultDirectory(), DYAD_WORDNET_DIR);
  ::setenv("DYAD_WORDNET", "/tmp/wn", 1);
  EXPECT_EQ(Lexicon::DefaultDirectory(), "/tmp/wn");
  ::unsetenv("DYAD_WORDNET");
}

// ---------------------------------------------------------------------------
// Errors and a hand-made dictionary.

class TinyWordNet : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dyad_wn_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    Write("index.noun", "  1 license text\nmigrant n 1 1 @ 1 0 10319313\nzap n 1 1 @ 1 0 1\n");
    Write("index.verb", "zap v 1 1 @ 1 0 1\ndeport v 2 2 @ ~ 2 1 1 2\nhold v 1 1 @ 1 0 1\n");
    Write("index.adj", "good a 1 1 & 1 0 1\n");
    Write("index.adv", "");
    Write("noun.exc", "oxen ox\n");
    Write("verb.exc", "held hold\nholding hold\n");
    Write("adj.exc", "better good\n");
    Write("adv.exc", "");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  std::filesystem::path dir_;
};

TEST_F(TinyWordNet, LoadsAndInflects) {
  auto r = Lexicon::Load(dir_.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Lexicon& lex = **r;
  std::string scratch;
  // Not in verb.exc: the doubled consonant is undone.
  EXPECT_EQ(lex.Lemma("zapped", WordClass::kVerb, &scratch), "zap");
  EXPECT_EQ(lex.Lemma("zapping", WordClass::kVerb, &scratch), "zap");
  EXPECT_EQ(lex.Lemma("zapped", WordClass::kNoun, &scratch), "zapped");
  EXPECT_EQ(lex.Lemma("deporting", WordClass::kVerb, &scratch), "deport");
  EXPECT_EQ(lex.Lemma("held", WordClass::kVerb, &scratch), "hold");
  // Regular spelling rules alone (zap is not in this verb.exc): CVC doubling.
  const auto f = lex.InflectVerb("zap");
  EXPECT_EQ(f.past, "zapped");
  EXPECT_EQ(f.ing, "zapping");
  EXPECT_EQ(lex.InflectVerb("hold").past, "held");
  EXPECT_EQ(lex.InflectVerb("hold").ing, "holding");
  EXPECT_EQ(lex.PluralNoun("ox"), "oxen");
  EXPECT_EQ(lex.PluralNoun("zap"), "zaps");
}

TEST_F(TinyWordNet, MissingFileIsNamed) {
  std::filesystem::remove(dir_ / "verb.exc");
  auto r = Lexicon::Load(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("verb.exc"), std::string::npos) << r.status().message();
}

TEST_F(TinyWordNet, MalformedIndexLineIsNamed) {
  Write("index.verb", "zap v 1 1 @ 1 0 1\ndeport\n");
  auto r = Lexicon::Load(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kParseError);
  EXPECT_NE(r.status().message().find("index.verb:2:"), std::string::npos) << r.status().message();
  Write("index.verb", "zap q 1 1 @ 1 0 1\n");
  r = Lexicon::Load(dir_.string());
  EXPECT_NE(r.status().message().find("index.verb:1:"), std::string::npos) << r.status().message();
}

TEST_F(TinyWordNet, MalformedExceptionLineIsNamed) {
  Write("noun.exc", "oxen ox\n\ngeese\n");
  auto r = Lexicon::Load(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kParseError);
  EXPECT_NE(r.status().message().find("noun.exc:3:"), std::string::npos) << r.status().message();
}

TEST(LexiconLoadTest, MissingDirectory) {
  auto r = Lexicon::Load("/nonexistent/wordnet");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/wordnet/index.noun"), std::string::npos);
}

}  // namespace
}  // namespace dyad
