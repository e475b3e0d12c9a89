// Copyright dyad authors. Place, date and modality of events read from the
// dependency tree (src/context/syntax.cc), on sentences of the development
// gold set (tests/gold/events.jsonl, current-events bullets) parsed with the
// shipped tagger and parser.
#include "context/syntax.h"

#include <gtest/gtest.h>

#include "context/context_test_util.h"

namespace dyad {
namespace {

using testing::Code;
using testing::Ev;

const Event& Only(const testing::Annotated& a, std::size_t i = 0) {
  EXPECT_GT(a.coded.events.size(), i);
  return a.coded.events[i];
}

std::string PlaceText(const Event& e) { return e.location ? e.location->text : "-"; }
std::string PlaceCountry(const Event& e) { return e.location ? e.location->place.country : "-"; }

TEST(SyntaxRel, NamesAndSubtypes) {
  EXPECT_EQ(RelOfName("obl"), Rel::kObl);
  EXPECT_EQ(RelOfName("obl:tmod"), Rel::kOblTmod);
  EXPECT_EQ(RelOfName("obl:npmod"), Rel::kOblNpmod);
  EXPECT_EQ(RelOfName("nmod:poss"), Rel::kNmodPoss);
  EXPECT_EQ(RelOfName("nmod"), Rel::kNmod);
  EXPECT_EQ(RelOfName("nsubj:pass"), Rel::kNsubjPass);
  EXPECT_EQ(RelOfName("acl:relcl"), Rel::kAclRelcl);
  EXPECT_EQ(RelOfName("acl"), Rel::kAcl);
  EXPECT_EQ(RelOfName("compound:prt"), Rel::kCompound);
  EXPECT_EQ(RelOfName("discourse"), Rel::kOther);
  ASSERT_NE(testing::SharedParser(), nullptr);
  std::vector<Rel> table = RelTable(*testing::SharedParser());
  EXPECT_EQ(table.size(), testing::SharedParser()->DeprelCount());
  EXPECT_NE(std::find(table.begin(), table.end(), Rel::kOblTmod), table.end());
}

// g0003: the downing's own "in Syria", not the sending's "to Syria"; the
// "will" of "will send" is not the downing's.
TEST(SyntaxPlace, OwnLocativeOfAnEventNoun) {
  const std::string body =
      "Russian officials state that the country will send S-300 air-defense missile system to "
      "Syria within two weeks following the downing of Russian aircraft in Syria.";
  auto a = Code(body, "2018-09-24", {Ev("downing", "190"), Ev("send", "0332")}, true, true);
  const Event& down = Only(*a, 0);
  EXPECT_EQ(PlaceCountry(down), "SYR");
  EXPECT_EQ(down.modality, "asserted");
  const Event& send = Only(*a, 1);
  EXPECT_EQ(send.modality, "planned");
}

// g0034: "off the coast of Somalia" is the capture's place.
TEST(SyntaxPlace, OffTheCoastOf) {
  const std::string body =
      "The MV Sirius Star, a Saudi-owned oil tanker, is captured off the coast of Somalia by "
      "pirates.";
  auto a = Code(body, "2008-11-17", {Ev("captured", "181")}, true, true);
  EXPECT_EQ(PlaceCountry(Only(*a)), "SOM");
  EXPECT_EQ(PlaceText(Only(*a)), "Somalia");
}

// g0036: "near the town of Gulu" (a town before "of").
TEST(SyntaxPlace, NearTheTownOf) {
  const std::string body =
      "In Uganda, a seven-week ceasefire between the government and the Lord's Resistance Army "
      "ends with the rebel ambush of government troops near the town of Gulu.";
  auto a = Code(body, "2005-01-03", {Ev("ambush", "190")}, true, true);
  EXPECT_EQ(PlaceText(Only(*a)), "Gulu");
  EXPECT_EQ(PlaceCountry(Only(*a)), "UGA");
}

// g0027: "in Benghazi, Libya" is where the attack's target is. (The parser
// hangs "on September 11" on "was", so the date is not the attack's.)
TEST(SyntaxPlace, LocativeOfThePatient) {
  const std::string body =
      "The spokesperson for the United States Director of National Intelligence claims there was "
      "a pre-organised plot in the attack on the U.S. Consulate in Benghazi, Libya, on September "
      "11.";
  auto a = Code(body, "2012-09-28", {Ev("attack", "180")}, true, true);
  EXPECT_EQ(PlaceCountry(Only(*a)), "LBY");
}

// g0020: "last month's attack in Kouré, Niger".
TEST(SyntaxDate, LastMonthsAttack) {
  const std::string body =
      "The Islamic State's West Africa Province claims responsibility for last month's attack in "
      "Kouré, Niger, which resulted in the death of six French aid workers and two Nigerian "
      "citizens.";
  auto a = Code(body, "2020-09-17", {Ev("attack", "180"), Ev("claims", "015")}, true, true);
  EXPECT_EQ(Only(*a, 0).date.value.substr(0, 7), "2020-08");
  EXPECT_EQ(Only(*a, 0).date.precision, "month");
  EXPECT_EQ(Only(*a, 1).date.value, "2020-09-17");  // the claim: the article date
}

// g0043: "on Wednesday" dates the rocket fire, not the air strikes.
TEST(SyntaxDate, WeekdayOfAnotherClause) {
  const std::string body =
      "At least 7 people are injured in separate attacks by the Israeli Air Force on the Gaza "
      "Strip after rockets were fired at Israel from Gaza on Wednesday.";
  auto a = Code(body, "2010-10-07", {Ev("attacks", "195"), Ev("fired", "194")}, true, true);
  EXPECT_EQ(Only(*a, 0).date.value, "2010-10-07");
  EXPECT_EQ(Only(*a, 1).date.value, "2010-10-06");
}

// g0200: "may cancel his plans to visit": "may" governs both; the date "next
// Tuesday" is the visit's.
TEST(SyntaxModality, GoverningVerbs) {
  const std::string body =
      "Mexican senior officials say President Peña Nieto may cancel his plans to visit the White "
      "House next Tuesday, January 31, because of President Trump's actions.";
  auto a = Code(body, "2017-01-25", {Ev("visit", "042"), Ev("cancel", "160")}, true, true);
  EXPECT_EQ(Only(*a, 0).modality, "possible");
  EXPECT_EQ(Only(*a, 0).date.value, "2017-01-31");
  EXPECT_EQ(Only(*a, 1).modality, "possible");
  EXPECT_EQ(Only(*a, 1).date.value, "2017-01-25");
}

// g0053: "has not complied" is negated; "pulled out" in the other clause is not.
TEST(SyntaxModality, NegationStaysInItsClause) {
  const std::string body =
      "Russia announces that its military has pulled out of Georgia, although reports indicate "
      "that it has not complied with the cease-fire agreement.";
  auto a = Code(body, "2008-08-23", {Ev("pulled", "0874"), Ev("complied", "081")}, true, true);
  EXPECT_EQ(Only(*a, 0).modality, "asserted");
  EXPECT_EQ(Only(*a, 1).modality, "negated");
}

// g0208: "Iran denies allegations it is developing nuclear weapons".
TEST(SyntaxModality, DenialGovernsThroughANoun) {
  const std::string body =
      "Six world powers and Iran meet in Istanbul to talk about Iran's nuclear programme; Iran "
      "denies allegations it is developing nuclear weapons.";
  auto a = Code(body, "2011-01-21", {Ev("developing", "030"), Ev("meet", "036")}, true, true);
  EXPECT_EQ(Only(*a, 0).modality, "denied");
  EXPECT_EQ(Only(*a, 1).modality, "asserted");
  EXPECT_EQ(PlaceText(Only(*a, 1)), "Istanbul");
}

// Without trees the word-window rules stay as they were.
TEST(SyntaxFallback, NoTreeKeepsTheWindow) {
  const std::string body = "Western countries impose sanctions over the war in Ukraine on Monday.";
  auto with_tree = Code(body, "2022-03-02", {Ev("sanctions", "163")}, true, true);
  auto without = Code(body, "2022-03-02", {Ev("sanctions", "163")}, true, false);
  EXPECT_EQ(PlaceText(Only(*with_tree)), "-");
  EXPECT_EQ(PlaceCountry(Only(*without)), "UKR");
}

// A dateline names the place when the sentence gives none.
TEST(SyntaxPlace, DatelinePlace) {
  const std::string body =
      "BAMAKO, March 3 (Reuters) - Gunmen killed four soldiers on Sunday, the army said.";
  auto a = Code(body, "2019-03-03", {Ev("killed", "190")}, true, true);
  EXPECT_EQ(PlaceCountry(Only(*a)), "MLI");
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// g0041: the locative hangs on the second conjunct of the object.
TEST(SyntaxPlace, LocativeOnAConjunctOfTheObject) {
  const std::string body =
      "Rebels kill 23 civilians and four soldiers in the Democratic Republic of the Congo.";
  auto a = testing::Code(body, "2018-09-23", {testing::Ev("kill", "1823")}, true, true);
  EXPECT_EQ(PlaceCountry(Only(*a)), "COD");
}

// g0345: the tagger reads "kills" as a plural noun; its bare nmod is still
// the patient whose locative is the event's.
TEST(SyntaxPlace, MistaggedPredicate) {
  const std::string body =
      "Drone attacks in Pakistan: A U.S. drone attack kills at least seven people in Pakistan.";
  auto a = testing::Code(body, "2013-06-07", {testing::Ev("kills", "1952")}, true, true);
  EXPECT_EQ(PlaceCountry(Only(*a)), "PAK");
}

// g0040: "Thursday's ... attacks ... that killed 23": the relative clause's noun
// carries the date.
TEST(SyntaxDate, NounOfARelativeClause) {
  const std::string body =
      "The Iranian-funded Shi'ite Al-Mukhtar Army claims responsibility for Thursday's deadly "
      "rocket attacks near the Baghdad International Airport that killed 23 members of an exiled "
      "Iranian opposition group, the People's Mujahedin of Iran.";
  auto a = testing::Code(body, "2015-10-30",
                         {testing::Ev("killed", "194"), testing::Ev("claims", "015")}, true, true);
  EXPECT_EQ(Only(*a, 0).date.value, "2015-10-29");
  EXPECT_EQ(Only(*a, 1).date.value, "2015-10-30");
}

// The clause of "visit" in g0200 climbs the xcomp chain to "cancel" and stops
// at the ccomp of "say"; AddConjuncts adds nothing there.
TEST(SyntaxClause, XcompChainStopsAtTheReportingClause) {
  const std::string body =
      "Mexican senior officials say President Peña Nieto may cancel his plans to visit the White "
      "House next Tuesday, January 31, because of President Trump's actions.";
  auto a = testing::Code(body, "2017-01-25", {}, true, true);
  std::vector<Rel> rels = RelTable(*testing::SharedParser());
  std::vector<std::uint32_t> cls(a->doc.tokens.size(), 0);
  TreeView t;
  ASSERT_TRUE(MakeTreeView(a->doc, 0, DocumentTrees{a->arcs, testing::SharedParser()}, rels, cls,
                           a->tags, 400, &t));
  auto token = [&](std::string_view w) {
    for (std::uint32_t i = 0; i < t.count; ++i)
      if (t.Text(i) == w) return i;
    return t.count;
  };
  std::vector<std::uint32_t> clause;
  PredicateClause(t, token("visit"), &clause);
  EXPECT_EQ(clause, (std::vector<std::uint32_t>{token("visit"), token("cancel")}));
  AddConjuncts(t, &clause);
  EXPECT_EQ(clause.size(), 2u);
  // Without a parse (kNoHead) there is no tree view.
  std::vector<DepArc> none(a->doc.tokens.size(), DepArc{kNoHead, 0});
  EXPECT_FALSE(MakeTreeView(a->doc, 0, DocumentTrees{none, testing::SharedParser()}, rels, cls,
                            a->tags, 400, &t));
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// g0196: "a meeting for October in Tokyo": the place hangs on the month.
TEST(SyntaxPlace, PlaceUnderATimeWord) {
  const std::string body =
      "Russia and Japan schedule a sub-cabinet level meeting for October in Tokyo to discuss the "
      "Kuril Islands dispute.";
  auto a = testing::Code(body, "2012-09-26", {testing::Ev("meeting", "046")}, true, true);
  EXPECT_EQ(PlaceText(Only(*a)), "Tokyo");
  EXPECT_EQ(PlaceCountry(Only(*a)), "JPN");
}

}  // namespace
}  // namespace dyad
