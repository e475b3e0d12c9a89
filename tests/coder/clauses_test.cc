// Unit tests of the clause reader and the event-noun table. The trees are the
// UD analyses of real sentences of the gold set (tests/gold/events.jsonl),
// written out so the test does not depend on the parser model's accuracy.
#include "coder/clauses.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/coder.h"

namespace dyad::coder {
namespace {

struct Tree {
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
  std::vector<DepArc> arcs;
  std::vector<std::string> names;
  std::vector<Rel> rels;
  // (word, xpos, head, relation) per word.
  void Add(std::string_view w, Xpos x, std::int32_t head, const std::string& rel) {
    words.push_back(w);
    tags.push_back({x, x == Xpos::kVBD || x == Xpos::kVBN || x == Xpos::kVB || x == Xpos::kVBG
                           ? Upos::kVerb
                           : Upos::kNoun});
    std::uint16_t id = 0;
    while (id < names.size() && names[id] != rel) ++id;
    if (id == names.size()) names.push_back(rel);
    arcs.push_back({head, id});
    rels = RelTable(names);
  }
  Clauses View() const { return Clauses(arcs, rels, words, tags); }
};

// g0199: "North Korea announces that it has detained a 24-year-old US tourist"
TEST(ClausesTest, PronounSubjectStandsForTheGoverningSubject) {
  Tree t;
  t.Add("North", Xpos::kNNP, 1, "compound");
  t.Add("Korea", Xpos::kNNP, 2, "nsubj");
  t.Add("announces", Xpos::kVBZ, -1, "root");
  t.Add("that", Xpos::kIN, 6, "mark");
  t.Add("it", Xpos::kPRP, 6, "nsubj");
  t.Add("has", Xpos::kVBZ, 6, "aux");
  t.Add("detained", Xpos::kVBN, 2, "ccomp");
  t.Add("tourist", Xpos::kNN, 6, "obj");
  Clauses c = t.View();
  ASSERT_EQ(c.Subject(6), 4);
  EXPECT_TRUE(c.IsPronoun(4));
  EXPECT_EQ(c.Antecedent(4), 1);
  EXPECT_EQ(c.Object(6), 7);
  EXPECT_FALSE(c.Passive(6));
}

// g0019: "7 ... Iraqi policemen are killed ... by an explosion"
TEST(ClausesTest, PassiveSubjectAndAgent) {
  Tree t;
  t.Add("policemen", Xpos::kNNS, 2, "nsubj:pass");
  t.Add("are", Xpos::kVBP, 2, "aux:pass");
  t.Add("killed", Xpos::kVBN, -1, "root");
  t.Add("by", Xpos::kIN, 5, "case");
  t.Add("an", Xpos::kDT, 5, "det");
  t.Add("explosion", Xpos::kNN, 2, "obl:agent");
  Clauses c = t.View();
  EXPECT_TRUE(c.Passive(2));
  EXPECT_EQ(c.PassiveSubject(2), 0);
  EXPECT_EQ(c.Agent(2), 5);
  EXPECT_EQ(c.Subject(2), kNoWord);  // the patient is no subject
}

// "Venezuela announces its intention to expel a member": the infinitive on
// the object noun takes the subject of the verb governing that noun; a second
// verb joined by "and" shares the first one's subject.
TEST(ClausesTest, SubjectSharedThroughInfinitiveAndConjunction) {
  Tree t;
  t.Add("Venezuela", Xpos::kNNP, 1, "nsubj");
  t.Add("announces", Xpos::kVBZ, -1, "root");
  t.Add("intention", Xpos::kNN, 1, "obj");
  t.Add("to", Xpos::kTO, 4, "mark");
  t.Add("expel", Xpos::kVB, 2, "acl");
  t.Add("member", Xpos::kNN, 4, "obj");
  t.Add("and", Xpos::kCC, 7, "cc");
  t.Add("threatens", Xpos::kVBZ, 1, "conj");
  Clauses c = t.View();
  EXPECT_EQ(c.Subject(4), 0);
  EXPECT_EQ(c.Subject(7), 0);
  EXPECT_EQ(c.Object(4), 5);
}

// "after fighting between": background, not an event; "attack on X".
TEST(ClausesTest, BackgroundGerundAndPrepositionObject) {
  Tree t;
  t.Add("after", Xpos::kIN, 1, "mark");
  t.Add("fighting", Xpos::kVBG, -1, "root");
  t.Add("attack", Xpos::kNN, 1, "obj");
  t.Add("on", Xpos::kIN, 4, "case");
  t.Add("Gaza", Xpos::kNNP, 2, "nmod");
  Clauses c = t.View();
  EXPECT_TRUE(c.Background(1));
  EXPECT_EQ(c.PrepObject(2, {"against", "on"}), 4);
  EXPECT_EQ(c.PrepObject(2, {"with"}), kNoWord);
  EXPECT_TRUE(c.Dominates(1, 4));
  EXPECT_FALSE(c.Dominates(4, 1));
}

TEST(ClausesTest, RelationNames) {
  EXPECT_EQ(RelFromName("nsubj:pass"), Rel::kNsubjPass);
  EXPECT_EQ(RelFromName("obl:agent"), Rel::kOblAgent);
  EXPECT_EQ(RelFromName("nmod:poss"), Rel::kNmodPoss);
  EXPECT_EQ(RelFromName("reparandum"), Rel::kOther);
}

TEST(EventNounsTest, FormsPluralsAndTwoWordNouns) {
  auto t = EventNouns::Parse(
      "# comment\nattack\t190\ton,against\nsuicide bombing\t1831\tof,on\nclash\t190\twith\n"
      "talks\t046\twith\n",
      "dir/event_nouns.tsv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  int words = 0;
  const EventNoun* e = (*t)->Find("", "attacks", &words);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cameo, "190");
  EXPECT_EQ(e->line, 2u);
  EXPECT_EQ(e->target_preps, (std::vector<std::string>{"on", "against"}));
  ASSERT_NE((*t)->Find("", "clashes", &words), nullptr);
  e = (*t)->Find("suicide", "bombings", &words);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cameo, "1831");
  EXPECT_EQ(words, 2);
  EXPECT_EQ((*t)->Find("", "talkses", &words), nullptr);
  EXPECT_EQ((*t)->Find("", "bombing", &words), nullptr);
  EXPECT_EQ((*t)->name(), "event_nouns.tsv");
}

TEST(EventNounsTest, BrokenLinesNameFileLineAndField) {
  auto bad_code = EventNouns::Parse("attack\t19x\ton\n", "n.tsv");
  ASSERT_FALSE(bad_code.ok());
  EXPECT_NE(bad_code.status().message().find("n.tsv:1: field cameo"), std::string::npos);
  auto fields = EventNouns::Parse("# x\nattack\t190\n", "n.tsv");
  ASSERT_FALSE(fields.ok());
  EXPECT_NE(fields.status().message().find("n.tsv:2:"), std::string::npos);
  auto twice = EventNouns::Parse("attack\t190\ton\nattacks\t190\ton\n", "n.tsv");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("listed twice"), std::string::npos);
  auto upper = EventNouns::Parse("Attack\t190\ton\n", "n.tsv");
  EXPECT_FALSE(upper.ok());
  // A stray space would make a form no lookup can find (found by the fuzz target).
  EXPECT_FALSE(EventNouns::Parse(" attack\t190\ton\n", "n.tsv").ok());
  EXPECT_FALSE(EventNouns::Parse("attack \t190\ton\n", "n.tsv").ok());
  EXPECT_FALSE(EventNouns::Load("/nonexistent/event_nouns.tsv").ok());
  // The optional fourth field: "light" or an error naming it.
  auto light = EventNouns::Parse("support\t051\tfor\tlight\n", "n.tsv");
  ASSERT_TRUE(light.ok()) << light.status().ToString();
  int light_words = 0;
  EXPECT_TRUE((*light)->Find("", "support", &light_words)->light_only);
  // "armed": only with a state or an armed actor as a side.
  auto armed = EventNouns::Parse("fight\t190\tagainst\tarmed\n", "n.tsv");
  ASSERT_TRUE(armed.ok()) << armed.status().ToString();
  const EventNoun* fight = (*armed)->Find("", "fight", &light_words);
  EXPECT_TRUE(fight->armed_only);
  EXPECT_FALSE(fight->light_only);
  auto flag = EventNouns::Parse("support\t051\tfor\theavy\n", "n.tsv");
  ASSERT_FALSE(flag.ok());
  EXPECT_NE(flag.status().message().find("n.tsv:1: field flags"), std::string::npos);
}

}  // namespace
}  // namespace dyad::coder
