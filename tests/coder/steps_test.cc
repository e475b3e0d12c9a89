// Unit tests of the coder's steps (src/coder/steps.h), each run on its own
// over tiny inline dictionaries, without the tagger (every verb form counts
// as a verb): actors, compounds, asides, verbs, arguments, the one-sided gate.
#include "coder/steps.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dyad/dict.h"
#include "dyad/text.h"

namespace dyad::coder {
namespace {

constexpr const char* kActors = R"(
ARNOR [ARN]
GONDOR [GON]
MORDOR [MOR]
LIBYA [LBY]
+LIBYAN
)";

constexpr const char* kAgents = R"(
GOVERNMENT [~GOV]
POLICE {} [~COP]
SOLDIER [~MIL]
)";

constexpr const char* kVerbs = R"(
--- CONDEMN [122] ---
CONDEMN

--- ATTACK [190] ---
ATTACK

--- DEPORT [174] ---
DEPORT

--- MEET [040] ---
MEET {MET MEETS MEETING}
)";

class StepsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = ParseDictionaries({{"t.actors", kActors, DictFileKind::kActors, DictFlavor::kPetrarch},
                                {"t.agents", kAgents, DictFileKind::kAgents, DictFlavor::kPetrarch},
                                {"t.verbs", kVerbs, DictFileKind::kVerbs, DictFlavor::kPetrarch}},
                               DictOptions{});
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dicts_ = std::move(d).value();
    sc_ = NewCoderScratch();
  }

  // Steps 2 and 3 of CodeSentence on the one sentence of `text`.
  const SentenceView& Read(const std::string& text) {
    text_ = text;
    EXPECT_TRUE(SplitText(text_, TextOptions{}, &doc_).ok());
    EXPECT_EQ(doc_.sentences.size(), 1u);
    const Sentence& sent = doc_.sentences[0];
    sc_->words.clear();
    for (std::uint32_t i = 0; i < sent.token_count; ++i)
      sc_->words.push_back(doc_.TokenText(doc_.tokens[sent.first_token + i]));
    dicts_->Prepare(sc_->words, &sc_->dict_words);
    view_.emplace(SentenceView{
        *dicts_, options_, *sc_, sc_->words, {}, sent.token_count, sent.first_token, false});
    const SentenceView& s = *view_;
    std::vector<RawMention> raws;
    FindMentions(s, 20250507, &raws);
    ComposeUnits(s, raws);
    JoinCompounds(s);
    DistributeCompoundAgents(s);
    GiveOwnedAgents(s);
    GiveDomesticAgents(s);
    IndexUnits(s);
    MarkBoundaries(s);
    SetAsides(s);
    MarkVerbish(s);
    return s;
  }

  std::vector<std::string> UnitCodes() const {
    std::vector<std::string> codes;
    for (const Unit& u : sc_->units) codes.push_back(u.code);
    return codes;
  }

  // Step 5 up to the one-sided gate for verb `vi`: why it gives no event.
  const char* WhyNot(const SentenceView& s, std::size_t vi, VerbReading* r) {
    std::vector<VerbHit> verbs;
    FindVerbs(s, &verbs);
    EXPECT_LT(vi, verbs.size());
    PatternFilter filter(*dicts_);
    VerbLoop loop;
    IndexPresentWords(s, &loop.sentence_sig);
    r->vm = &verbs[vi].m;
    r->cb = ClauseBegin(s, r->vm->begin);
    r->ce = ClauseEnd(s, r->vm->end);
    r->fired = MatchVerbPatterns(s, filter, loop, r);
    r->vc = r->fired ? r->fired->code : r->vm->form->code;
    if (r->vc.code == kNone) r->vc = dicts_->Block(r->vm->form->block).code;
    r->code = &dicts_->code(r->vc.code);
    ReadVoice(s, r);
    if (const char* why = FindArguments(s, loop, r)) return why;
    ExpandGroups(s, &loop, r);
    const char* why = OneSidedGate(s, loop, r);
    verbs_ = std::move(verbs);  // r->vm points into it
    return why;
  }

  std::unique_ptr<Dictionaries> dicts_;
  CoderOptions options_;
  CoderScratchPtr sc_;
  std::string text_;
  Document doc_;
  std::optional<SentenceView> view_;
  std::vector<VerbHit> verbs_;
};

TEST_F(StepsTest, UnitsComposeAgentsWithTheirActor) {
  Read("Libyan police and Gondor's government condemned Mordor.");
  EXPECT_EQ(UnitCodes(), (std::vector<std::string>{"LBYCOP", "GONGOV", "MOR"}));
  // The first two act together; Mordor stands apart.
  EXPECT_EQ(sc_->units[0].group, sc_->units[1].group);
  EXPECT_NE(sc_->units[1].group, sc_->units[2].group);
  EXPECT_EQ(sc_->unit_at[0], 0);
  EXPECT_EQ(sc_->unit_at[2], kNoUnit);  // "and"
  EXPECT_TRUE(sc_->is_group_join[2]);
}

TEST_F(StepsTest, AgentsOfACompoundGoToEachMember) {
  Read("Soldiers from Arnor and Gondor attacked Mordor.");
  EXPECT_EQ(UnitCodes(), (std::vector<std::string>{"ARNMIL", "GONMIL", "MOR"}));
}

TEST_F(StepsTest, ADomesticAgentTakesTheSentencesOneCountry) {
  Read("In Gondor, the government condemned the decision.");
  EXPECT_EQ(UnitCodes(), (std::vector<std::string>{"GON", "GONGOV"}));
}

TEST_F(StepsTest, AClosingCommaClauseIsSetAside) {
  const SentenceView& s = Read("Mordor attacked Gondor, a senior official in Arnor said.");
  // Words 3.. (", a senior official in Arnor said.") are hidden.
  for (std::uint32_t k = 3; k + 1 < s.n; ++k) EXPECT_TRUE(sc_->hidden[k]) << k;
  EXPECT_FALSE(sc_->hidden[2]);
  EXPECT_EQ(sc_->unit_at[8], kNoUnit);  // Arnor, inside the aside, is no actor
  std::vector<VerbHit> verbs;
  FindVerbs(s, &verbs);
  ASSERT_EQ(verbs.size(), 1u);  // "attacked"; "said" is no dictionary verb here anyway
  EXPECT_EQ(verbs[0].m.verb, 1u);
}

TEST_F(StepsTest, ArgumentsByPosition) {
  const SentenceView& s = Read("Mordor attacked Gondor.");
  VerbReading r;
  EXPECT_EQ(WhyNot(s, 0, &r), nullptr);
  EXPECT_EQ(sc_->units[r.src].code, "MOR");
  EXPECT_EQ(sc_->units[r.tgt].code, "GON");
}

TEST_F(StepsTest, TheOneSidedGateSaysWhy) {
  VerbReading r;
  EXPECT_STREQ(WhyNot(Read("Arnor condemned the decision."), 0, &r),
               "one-sided and require_dyad is on");
  options_.require_dyad = false;
  VerbReading r2;
  EXPECT_EQ(WhyNot(Read("Arnor condemned the decision."), 0, &r2), nullptr);
  ASSERT_EQ(r2.targets.size(), 1u);
  EXPECT_EQ(r2.targets[0], kNoUnit);  // the missing side, empty
  VerbReading r3;
  EXPECT_STREQ(WhyNot(Read("Arnor condemned today."), 0, &r3), "nothing acted on after it");
  VerbReading r4;
  EXPECT_STREQ(WhyNot(Read("The decision was condemned by the press."), 0, &r4),
               "no source or target found");
}

}  // namespace
}  // namespace dyad::coder
