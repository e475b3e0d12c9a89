// Coder unit tests over tiny inline dictionaries in PETRARCH format, coding
// without the tagger (every verb form counts as a verb) so each rule is seen
// on its own.
#include "dyad/coder.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "dyad/dict.h"
#include "dyad/text.h"

namespace dyad {
namespace {

using Triple = std::tuple<std::string, std::string, std::string>;

constexpr const char* kActors = R"(
ARNOR [ARN]
GONDOR [GON]
+MINAS_TIRITH
OSGILIATH [OSG]
MORDOR [MOR]
LIBYA [LBY]
+LIBYAN
UNITED_STATES [USA]
+WASHINGTON
RUSSIA
	[RUS]
	[USR <19911225]
)";

constexpr const char* kAgents = R"(
GOVERNMENT [~GOV]
POLICE {} [~COP]
SOLDIER [~MIL]
REBEL [~REB]
MIGRANT [~REF]
MEDECINS_SANS_FRONTIERES [NGO~]
)";

constexpr const char* kVerbs = R"(
--- RESTORE [064] ---
RESTORE
- * TIES [064]

--- CONDEMN [122] ---
CONDEMN

--- ATTACK [190] ---
ATTACK
- * WITH_ROCKETS [195]

--- DEPORT [174] ---
DEPORT

--- MEET [040] ---
MEET {MET MEETS MEETING}
- % * [043]

--- PLAN [---] ---
PLAN

--- VISIT [042:043] ---
VISIT

--- SAY [010] ---
SAY {SAID SAYS}
TELL {TOLD}

--- CONSULT [040] ---
CONSULT {CONSULTED}

--- AGREE [030] ---
AGREE {AGREED}

--- KILL [190] ---
KILL {KILLED KILLS}

--- DESTROY [1712] ---
DESTROY {DESTROYED}
)";

class CoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DictOptions o;
    auto d = ParseDictionaries({{"t.actors", kActors, DictFileKind::kActors, DictFlavor::kPetrarch},
                                {"t.agents", kAgents, DictFileKind::kAgents, DictFlavor::kPetrarch},
                                {"t.verbs", kVerbs, DictFileKind::kVerbs, DictFlavor::kPetrarch}},
                               o);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dicts_ = std::move(d).value();
  }

  std::set<Triple> Code(const std::string& text, std::int32_t date = 20250507,
                        const CoderOptions& options = {}) {
    text_ = text;
    EXPECT_TRUE(SplitText(text_, TextOptions{}, &doc_).ok());
    Coder coder(*dicts_, options);
    auto scratch = NewCoderScratch();
    std::set<Triple> out;
    for (const Sentence& s : doc_.sentences) {
      coder.CodeSentence(doc_, s, {}, date, scratch.get(), &coding_);
      for (const CodedEvent& e : coding_.events)
        out.insert({e.source.code, e.target.code, e.cameo});
    }
    return out;
  }

  std::unique_ptr<Dictionaries> dicts_;
  std::string text_;
  Document doc_;
  SentenceCoding coding_;
};

TEST_F(CoderTest, SimpleSubjectVerbObject) {
  EXPECT_EQ(Code("Arnor condemned Gondor on Monday."), (std::set<Triple>{{"ARN", "GON", "122"}}));
}

TEST_F(CoderTest, PatternBeatsVerbCode) {
  EXPECT_EQ(Code("Arnor restored diplomatic ties with Gondor."),
            (std::set<Triple>{{"ARN", "GON", "064"}}));
  EXPECT_EQ(Code("Mordor attacked Gondor with rockets."),
            (std::set<Triple>{{"MOR", "GON", "195"}}));
  EXPECT_EQ(Code("Mordor attacked Gondor."), (std::set<Triple>{{"MOR", "GON", "190"}}));
}

TEST_F(CoderTest, RuleNamesTheDictionaryLine) {
  Code("Mordor attacked Gondor with rockets.");
  ASSERT_EQ(coding_.events.size(), 1u);
  EXPECT_EQ(coding_.events[0].rule, "t.verbs:11");  // "- * WITH_ROCKETS [195]"
}

TEST_F(CoderTest, AgentComposesWithCountry) {
  EXPECT_EQ(Code("Libyan police condemned Gondor."), (std::set<Triple>{{"LBYCOP", "GON", "122"}}));
  EXPECT_EQ(Code("Soldiers from Gondor attacked Mordor."),
            (std::set<Triple>{{"GONMIL", "MOR", "190"}}));
  EXPECT_EQ(Code("Gondor's government condemned Arnor."),
            (std::set<Triple>{{"GONGOV", "ARN", "122"}}));
  EXPECT_EQ(Code("Medecins Sans Frontieres Arnor condemned Gondor."),
            (std::set<Triple>{{"NGOARN", "GON", "122"}}));
}

TEST_F(CoderTest, LoneAgentKeepsItsSector) {
  EXPECT_EQ(Code("The United States government plans to deport migrants to Libya."),
            (std::set<Triple>{{"USAGOV", "REF", "174"}}));
}

TEST_F(CoderTest, CompoundActorsGiveOneEventPerMember) {
  EXPECT_EQ(
      Code("Arnor, Mordor and Osgiliath condemned Gondor."),
      (std::set<Triple>{{"ARN", "GON", "122"}, {"MOR", "GON", "122"}, {"OSG", "GON", "122"}}));
  EXPECT_EQ(Code("Arnor condemned Gondor and Mordor."),
            (std::set<Triple>{{"ARN", "GON", "122"}, {"ARN", "MOR", "122"}}));
}

TEST_F(CoderTest, CompoundPatternCodesBothDirections) {
  EXPECT_EQ(Code("Arnor and Gondor met in Osgiliath."),
            (std::set<Triple>{{"ARN", "GON", "043"}, {"GON", "ARN", "043"}}));
}

TEST_F(CoderTest, PairedCodeAddsReverseEvent) {
  EXPECT_EQ(Code("Arnor visited Gondor."),
            (std::set<Triple>{{"ARN", "GON", "042"}, {"GON", "ARN", "043"}}));
}

TEST_F(CoderTest, DateRestrictedActorCode) {
  EXPECT_EQ(Code("Russia condemned Gondor.", 19900101), (std::set<Triple>{{"USR", "GON", "122"}}));
  EXPECT_EQ(Code("Russia condemned Gondor.", 20200101), (std::set<Triple>{{"RUS", "GON", "122"}}));
}

TEST_F(CoderTest, NoSourceNoEvent) {
  EXPECT_TRUE(Code("Officials condemned Gondor.").empty());
  EXPECT_TRUE(Code("It was a quiet day in Gondor.").empty());
}

TEST_F(CoderTest, ActorsAreReportedAsMentions) {
  Code("Libyan police condemned Gondor.");
  // The composed actor, the dictionary actor inside it, and the target.
  ASSERT_EQ(coding_.actors.size(), 3u);
  EXPECT_EQ(coding_.actors[0].code, "LBYCOP");
  EXPECT_EQ(coding_.actors[0].end_token - coding_.actors[0].first_token, 2u);
  EXPECT_EQ(coding_.actors[1].code, "LBY");
  EXPECT_EQ(doc_.TokenText(doc_.tokens[coding_.actors[1].first_token]), "Libyan");
  EXPECT_EQ(coding_.actors[2].code, "GON");
}

TEST_F(CoderTest, HugeSentenceIsBoundedWork) {
  std::string s;
  for (int i = 0; i < 100000; ++i) s += (i % 7 == 0) ? "Gondor attacked Arnor and " : "word ";
  s += ".";
  text_ = s;
  TextOptions to;
  ASSERT_TRUE(SplitText(text_, to, &doc_).ok());
  Coder coder(*dicts_, CoderOptions{});
  auto scratch = NewCoderScratch();
  std::size_t events = 0;
  for (const Sentence& sent : doc_.sentences) {
    coder.CodeSentence(doc_, sent, {}, 20250101, scratch.get(), &coding_);
    EXPECT_LE(coding_.events.size(), CoderOptions{}.max_events_per_sentence);
    events += coding_.events.size();
  }
  EXPECT_GT(events, 0u);
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST_F(CoderTest, CommaClausesAreSetAsideAsTheOptionsSay) {
  const std::string text = "Mordor attacked Gondor, Arnor condemned Osgiliath on Monday.";
  // By default the closing clause (5 words) is an aside, the opening one is read.
  EXPECT_EQ(Code(text), (std::set<Triple>{{"MOR", "GON", "190"}}));
  CoderOptions o;
  o.comma.end_max = 0;  // closing clauses kept
  EXPECT_EQ(Code(text, 20250507, o),
            (std::set<Triple>{{"MOR", "GON", "190"}, {"ARN", "OSG", "122"}}));
  o.comma.end_min = 6;  // only closing clauses of 6 words and more are asides
  o.comma.end_max = 8;
  EXPECT_EQ(Code(text, 20250507, o),
            (std::set<Triple>{{"MOR", "GON", "190"}, {"ARN", "OSG", "122"}}));
  o.comma = {};
  o.comma.end_max = 0;
  o.comma.begin_min = 2;  // an opening clause of 2-3 words is an aside
  o.comma.begin_max = 3;
  EXPECT_EQ(Code(text, 20250507, o), (std::set<Triple>{{"ARN", "OSG", "122"}}));
  // Internal asides: on by default, off with max = 0.
  const std::string aside = "Mordor, whose soldiers attacked Osgiliath, condemned Gondor.";
  EXPECT_EQ(Code(aside), (std::set<Triple>{{"MOR", "GON", "122"}}));
  o.comma = {};
  o.comma.max = 0;
  EXPECT_NE(Code(aside, 20250507, o), (std::set<Triple>{{"MOR", "GON", "122"}}));
  // A closing clause is an aside only after a main clause: after a bare
  // opening phrase the words after the comma are the main clause.
  EXPECT_EQ(Code("On Monday, Mordor condemned Gondor."), (std::set<Triple>{{"MOR", "GON", "122"}}));
  EXPECT_EQ(Code("Mordor attacked Gondor, Arnor condemned Osgiliath on Monday."),
            (std::set<Triple>{{"MOR", "GON", "190"}}));
}

TEST_F(CoderTest, OneSidedEventsNeedSomethingActedOn) {
  CoderOptions o;
  o.require_dyad = false;
  EXPECT_EQ(Code("Arnor condemned the decision.", 20250507, o),
            (std::set<Triple>{{"ARN", "", "122"}}));
  // A bare time word is no object; after a preposition it makes a phrase.
  EXPECT_EQ(Code("Arnor condemned today.", 20250507, o), (std::set<Triple>{}));
  EXPECT_EQ(Code("Arnor condemned on Saturday.", 20250507, o),
            (std::set<Triple>{{"ARN", "", "122"}}));
  EXPECT_EQ(Code("Arnor condemned.", 20250507, o), (std::set<Triple>{}));
  // With require_dyad (the default) none of these is an event.
  EXPECT_EQ(Code("Arnor condemned the decision."), (std::set<Triple>{}));
}

TEST_F(CoderTest, OneSidedEventsDoNotRepeatACodedClause) {
  CoderOptions o;
  o.require_dyad = false;
  o.comma.end_max = 0;
  EXPECT_EQ(Code("Mordor attacked the embassy.", 20250507, o),
            (std::set<Triple>{{"MOR", "", "190"}}));
  // A later verb of a clause that coded an event, or of a subordinate clause
  // after it, adds no one-sided event...
  EXPECT_EQ(Code("Arnor restored ties with Gondor after Mordor attacked the embassy.", 20250507, o),
            (std::set<Triple>{{"ARN", "GON", "064"}}));
  EXPECT_EQ(Code("Arnor restored ties with Gondor, years after Mordor attacked the embassy.",
                 20250507, o),
            (std::set<Triple>{{"ARN", "GON", "064"}}));
  // ...but a complete event still counts, and so does a clause of its own.
  EXPECT_EQ(Code("Arnor restored ties with Gondor after Mordor attacked Osgiliath.", 20250507, o),
            (std::set<Triple>{{"ARN", "GON", "064"}, {"MOR", "OSG", "190"}}));
  EXPECT_EQ(Code("Arnor restored ties with Gondor; Mordor attacked the embassy.", 20250507, o),
            (std::set<Triple>{{"ARN", "GON", "064"}, {"MOR", "", "190"}}));
}

TEST_F(CoderTest, HarmByNatureOrAccidentIsNoEvent) {
  CoderOptions o;
  o.require_dyad = false;
  // Real shapes from the current-events portal, with the suite's actors.
  EXPECT_EQ(Code("Five Gondor soldiers are killed in a helicopter crash.", 20250507, o),
            (std::set<Triple>{}));
  EXPECT_EQ(Code("A house fire kills five Gondor soldiers.", 20250507, o), (std::set<Triple>{}));
  EXPECT_EQ(Code("Gondor soldiers died in a fire that destroyed Osgiliath.", 20250507, o),
            (std::set<Triple>{}));
  // An actor's attack stays an event, and so does an explosion.
  EXPECT_EQ(Code("Mordor killed five Gondor soldiers.", 20250507, o),
            (std::set<Triple>{{"MOR", "GONMIL", "190"}}));
  EXPECT_EQ(Code("An explosion killed five Gondor soldiers.", 20250507, o),
            (std::set<Triple>{{"", "GONMIL", "190"}}));
}

TEST_F(CoderTest, AStatementIsMadeToItsAddressee) {
  // "Russian officials state that the country will send missiles to Syria":
  // Syria is not whom the statement is made to.
  EXPECT_EQ(Code("Arnor said that Gondor will send troops to Mordor."), (std::set<Triple>{}));
  EXPECT_EQ(Code("Arnor told Gondor."), (std::set<Triple>{{"ARN", "GON", "010"}}));
  EXPECT_EQ(Code("Arnor said to Gondor that the war was over."),
            (std::set<Triple>{{"ARN", "GON", "010"}}));
  EXPECT_EQ(Code("Arnor told Gondor that the talks were over."),
            (std::set<Triple>{{"ARN", "GON", "010"}}));
}

TEST_F(CoderTest, CompoundSubjectsMeetEachOtherOnlyWithoutAnObject) {
  EXPECT_EQ(Code("Arnor and Gondor consulted in Osgiliath."),
            (std::set<Triple>{{"ARN", "GON", "040"}, {"GON", "ARN", "040"}}));
  // "Ten countries ... have met its criteria for entry": no meeting, not
  // even a one-sided one.
  CoderOptions o;
  o.require_dyad = false;
  EXPECT_EQ(Code("Arnor and Gondor consulted its experts.", 20250507, o), (std::set<Triple>{}));
  // Agreeing to something is not agreeing with each other.
  EXPECT_EQ(Code("Arnor and Gondor agreed to the creation of a fund."), (std::set<Triple>{}));
}

// Codes `text` (one sentence) with the name finder's persons given as the
// words [b, e) of each pair; returns source/target code and text per event.
std::set<std::string> CodeWithNames(const Dictionaries& dicts, const std::string& text,
                                    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans) {
  Document doc;
  EXPECT_TRUE(SplitText(text, TextOptions{}, &doc).ok());
  std::vector<NameActor> names;
  for (auto [b, e] : spans) names.push_back({b, e, 0, {}});
  CoderOptions o;
  o.require_dyad = false;
  Coder coder(dicts, o);
  auto scratch = NewCoderScratch();
  SentenceCoding coding;
  coder.CodeSentence(doc, doc.sentences[0], {}, 20250507, scratch.get(), &coding, {}, names);
  std::set<std::string> out;
  auto side = [&](bool has, const CodedActor& a) {
    if (!has) return std::string("-");
    std::string t;
    for (std::uint32_t k = a.first_token; k < a.end_token; ++k) {
      if (!t.empty()) t.push_back(' ');
      t.append(doc.TokenText(doc.tokens[k]));
    }
    std::string out = a.code;
    out.append("(").append(t).append(")");
    return out;
  };
  for (const CodedEvent& e : coding.events)
    out.insert(side(e.has_source, e.source) + " " + e.cameo + " " + side(e.has_target, e.target));
  return out;
}

TEST_F(CoderTest, ANameNoDictionaryKnowsIsAnActorOfItsOwn) {
  // "Salim Hamdan ... is sentenced", "Dellen Millard is convicted": without the
  // name, a nearby dictionary word would stand in (or nothing is coded).
  EXPECT_EQ(CodeWithNames(*dicts_, "Mordor condemned Faramir Hurin.", {{2, 4}}),
            (std::set<std::string>{"MOR(Mordor) 122 ---(Faramir Hurin)"}));
  EXPECT_EQ(CodeWithNames(*dicts_, "Faramir Hurin condemned Gondor.", {{0, 2}}),
            (std::set<std::string>{"---(Faramir Hurin) 122 GON(Gondor)"}));
  // A title unit right before the name takes it in ("Gondor soldier Faramir").
  EXPECT_EQ(CodeWithNames(*dicts_, "Mordor attacked Gondor soldier Faramir Hurin.", {{4, 6}}),
            (std::set<std::string>{"MOR(Mordor) 190 GONMIL(Gondor soldier Faramir Hurin)"}));
  // A name over a dictionary phrase changes nothing.
  EXPECT_EQ(CodeWithNames(*dicts_, "Mordor condemned Gondor.", {{2, 3}}),
            (std::set<std::string>{"MOR(Mordor) 122 GON(Gondor)"}));
}

TEST_F(CoderTest, AnArticlesDatelineIsNoActor) {
  CoderOptions o;
  o.require_dyad = false;
  // "WASHINGTON (Reuters) - Scientists on Monday unveiled ..." was coded as
  // an event of the United States.
  EXPECT_EQ(Code("GONDOR (Reuters) - Scientists condemned the decision.", 20250507, o),
            (std::set<Triple>{}));
  EXPECT_EQ(Code("OSGILIATH, March 3 - Mordor attacked Gondor.", 20250507, o),
            (std::set<Triple>{{"MOR", "GON", "190"}}));
  // Running text that opens with a capitalised actor is no dateline.
  EXPECT_EQ(Code("MORDOR attacked Gondor - a border town.", 20250507, o),
            (std::set<Triple>{{"MOR", "GON", "190"}}));
}

}  // namespace
}  // namespace dyad
