// Copyright dyad authors. One small inline dictionary per syntax element.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "dict/dict_data.h"
#include "dyad/dict.h"

namespace dyad {
namespace {

struct Loaded {
  std::unique_ptr<Dictionaries> dicts;
  std::vector<std::string> warnings;
  DictWords words;
  const Dictionaries& d() const { return *dicts; }
  // Prepares a space-separated sentence.
  const DictWords& W(const std::string& sentence) {
    store_ = sentence;
    views_.clear();
    std::size_t i = 0;
    while (i < store_.size()) {
      std::size_t j = store_.find(' ', i);
      if (j == std::string::npos) j = store_.size();
      if (j > i) views_.emplace_back(store_.data() + i, j - i);
      i = j + 1;
    }
    dicts->Prepare(views_, &words);
    return words;
  }
  bool Warned(const std::string& needle) const {
    for (const auto& w : warnings) {
      if (w.find(needle) != std::string::npos) return true;
    }
    return false;
  }
  std::string AllWarnings() const {
    std::string s;
    for (const auto& w : warnings) s += w + "\n";
    return s;
  }

 private:
  std::string store_;
  std::vector<std::string_view> views_;
};

Loaded Load(std::vector<DictSource> sources, DictOptions o = {}) {
  Loaded l;
  auto* w = &l.warnings;
  o.sink = [w](const Diagnostic& d) { w->push_back(d.ToString()); };
  auto r = ParseDictionaries(sources, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (r.ok()) l.dicts = std::move(*r);
  return l;
}

DictSource Src(std::string name, std::string text, DictFileKind kind,
               DictFlavor flavor = DictFlavor::kPetrarch) {
  return DictSource{std::move(name), std::move(text), kind, flavor};
}

std::string ActorCode(Loaded& l, const std::string& sentence, std::int32_t date,
                      std::size_t pos = 0, std::uint32_t* length = nullptr) {
  ActorMatch m;
  if (!l.d().MatchActor(l.W(sentence), pos, date, &m)) return "<none>";
  if (length) *length = m.length;
  return m.code == kNone ? "<null>" : std::string(l.d().code(m.code).text);
}

// --- Actors --------------------------------------------------------------

TEST(DictActorsTest, PrimarySynonymsDefaultAndComments) {
  Loaded l = Load({Src("a.actors.txt",
                       "# comment line\n"
                       "AFGHANISTAN_  [AFG]  # trailing comment\n"
                       "+AFGHAN_\n"
                       "+ISLAMIC_REPUBLIC_OF_AFGHANISTAN ; tabari-style comment\n"
                       "<!-- xml comment\n spanning lines -->\n"
                       "KABUL [AFGGOV]\n",
                       DictFileKind::kActors)});
  EXPECT_EQ(ActorCode(l, "afghan troops", 20200101), "AFG");
  std::uint32_t len = 0;
  EXPECT_EQ(ActorCode(l, "Islamic Republic of Afghanistan said", 20200101, 0, &len), "AFG");
  EXPECT_EQ(len, 4u);
  EXPECT_EQ(ActorCode(l, "Kabul", 0), "AFGGOV");
  EXPECT_EQ(ActorCode(l, "Afghanistans", 0), "<none>");  // PETRARCH: whole words only
  ActorMatch m;
  ASSERT_TRUE(l.d().MatchActor(l.W("afghan"), 0, 0, &m));
  EXPECT_EQ(l.d().Where(m.phrase->where), "a.actors.txt:3");
  EXPECT_EQ(l.d().Where(m.entry->where), "a.actors.txt:2");
  EXPECT_EQ(m.entry->root, "AFGHANISTAN_");
  EXPECT_TRUE(l.warnings.empty()) << l.AllWarnings();
}

TEST(DictActorsTest, DateRestrictedCodesChosenByDate) {
  Loaded l = Load({Src("d.actors.txt",
                       "GOLLUM\n"
                       "+SMEAGOL\n"
                       "\t[HOB < 950601]\n"
                       "\t[HOBGOV 19950601 - 19990815]\n"
                       "\t[HOBREB >990816]\n"
                       "PUTIN [RUSGOV >20000507] [RUSELI]\n"
                       "BOUTROS_GHALI [EGY <911231] [UNO 19920101-961231]\n"
                       "EAST_GERMANY [GME <901103]\n",
                       DictFileKind::kActors)});
  EXPECT_EQ(ActorCode(l, "Smeagol", 19900101), "HOB");
  EXPECT_EQ(ActorCode(l, "Smeagol", 19950601), "HOB");  // limits are inclusive; first wins
  EXPECT_EQ(ActorCode(l, "Smeagol", 19950602), "HOBGOV");
  EXPECT_EQ(ActorCode(l, "Gollum", 19990815), "HOBGOV");
  EXPECT_EQ(ActorCode(l, "Gollum", 20010101), "HOBREB");
  EXPECT_EQ(ActorCode(l, "Putin", 19990101), "RUSELI");
  EXPECT_EQ(ActorCode(l, "Putin", 20100101), "RUSGOV");
  EXPECT_EQ(ActorCode(l, "Boutros Ghali", 19900101), "EGY");
  EXPECT_EQ(ActorCode(l, "Boutros Ghali", 19950101), "UNO");
  EXPECT_EQ(ActorCode(l, "Boutros Ghali", 20000101), "<null>");  // no default: null
  EXPECT_EQ(ActorCode(l, "East Germany", 19800101), "GME");
  EXPECT_EQ(ActorCode(l, "East Germany", 19950101), "<null>");
  EXPECT_TRUE(l.warnings.empty()) << l.AllWarnings();
}

TEST(DictActorsTest, MalformedDateWarnsAndKeepsTheRest) {
  Loaded l = Load({Src("bad.actors.txt",
                       "BAN_KI-MOON\n"
                       "+SECRETARY-GENERAL_BAN_KI-MOON\n"
                       "\t[IGOUNO >20070101]\n"
                       "\t[KORGOVBUS 2004017-20061201]\n"
                       "\t[KORGOV 20040101-20061231]\n"
                       "NEXT_ACTOR [NXT]\n"
                       "\t[950601-990815]\n"
                       "UNCLOSED [ABC\n",
                       DictFileKind::kActors)});
  EXPECT_TRUE(l.Warned("bad.actors.txt:4: malformed date restriction \"2004017-20061201\""))
      << l.AllWarnings();
  EXPECT_TRUE(l.Warned("bad.actors.txt:7: missing code")) << l.AllWarnings();
  EXPECT_TRUE(l.Warned("bad.actors.txt:8: missing ']'")) << l.AllWarnings();
  EXPECT_EQ(l.d().Stats().warnings, 3u);
  EXPECT_EQ(ActorCode(l, "Ban Ki-moon", 20080101), "IGOUNO");
  EXPECT_EQ(ActorCode(l, "Secretary-General Ban Ki-moon", 20050101), "KORGOV");
  EXPECT_EQ(ActorCode(l, "next actor", 20050101), "NXT");
}

TEST(DictActorsTest, StrictModeTurnsTheFirstWarningIntoAnError) {
  DictOptions o;
  o.strict = true;
  auto r = ParseDictionaries(
      {Src("s.actors.txt", "X [A]\nY [B 1999-2000]\n", DictFileKind::kActors)}, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kParseError);
  EXPECT_NE(r.status().message().find("s.actors.txt:2:"), std::string::npos)
      << r.status().message();
}

TEST(DictLimitsTest, HugeLinesAndPatternsWarnNamingFileAndLine) {
  std::string pattern = "--- ATTACK [190] ---\nATTACK\n- * ";
  for (int i = 0; i < 2000; ++i) pattern += "a ";  // within max_line_bytes
  pattern += "$ [195]\n- * $ CITY [193]\n";
  const std::string huge_line = "HUGE_" + std::string(10u << 20, 'X') + " [ABC]\n";
  Loaded l = Load(
      {Src("big.actors.txt", "FIRST [AAA]\n" + huge_line + "LAST [ZZZ]\n", DictFileKind::kActors),
       Src("big.verbs.txt", pattern, DictFileKind::kVerbs)});
  EXPECT_TRUE(l.Warned("big.actors.txt:2: line of 10485771 bytes is longer than max_line_bytes"))
      << l.AllWarnings();
  EXPECT_TRUE(l.Warned("big.verbs.txt:3: line of 2004 words is longer than max_line_words"))
      << l.AllWarnings();
  ASSERT_NE(l.dicts, nullptr);
  EXPECT_EQ(l.dicts->Stats().actors, 2u);  // the lines around it still load
  // Strict: the first one is an error naming file and line.
  DictOptions o;
  o.strict = true;
  auto r = ParseDictionaries(
      {Src("big.actors.txt", "FIRST [AAA]\n" + huge_line, DictFileKind::kActors)}, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("big.actors.txt:2: line of"), std::string::npos)
      << r.status().message();
}

TEST(DictActorsTest, SpecialAndCompoundCodes) {
  Loaded l = Load(
      {Src("c.actors.txt", "THE_SHIRE [FRO/BIL/SAM]\nBOROMIR [---]\nISILDUR [+++]\nNASGUL [###]\n",
           DictFileKind::kActors)});
  ActorMatch m;
  ASSERT_TRUE(l.d().MatchActor(l.W("the shire"), 0, 0, &m));
  const Code& c = l.d().code(m.code);
  ASSERT_EQ(c.parts.size(), 3u);
  EXPECT_EQ(c.parts[1], "BIL");
  ASSERT_TRUE(l.d().MatchActor(l.W("boromir"), 0, 0, &m));
  EXPECT_EQ(l.d().code(m.code).kind, CodeKind::kNull);
  ASSERT_TRUE(l.d().MatchActor(l.W("isildur"), 0, 0, &m));
  EXPECT_EQ(l.d().code(m.code).kind, CodeKind::kComplex);
  ASSERT_TRUE(l.d().MatchActor(l.W("nasgul"), 0, 0, &m));
  EXPECT_EQ(l.d().code(m.code).kind, CodeKind::kDiscard);
}

TEST(DictActorsTest, LongestMatchAndLayeringLaterFileWins) {
  Loaded l =
      Load({Src("one.actors.txt", "UNITED_STATES [USA]\nUNITED [UNI]\n", DictFileKind::kActors),
            Src("two.actors.txt", "UNITED_STATES [USAGOV]\n", DictFileKind::kActors)});
  std::uint32_t len = 0;
  EXPECT_EQ(ActorCode(l, "United States troops", 0, 0, &len), "USAGOV");
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(ActorCode(l, "United Kingdom", 0), "UNI");
  EXPECT_EQ(l.d().Stats().replaced, 1u);
}

// Text is tokenized "People 's Republic", so a phrase word written with its
// possessive ("PEOPLE'S", "PEOPLE’S") matches the word and "'s" apart.
TEST(DictActorsTest, APossessiveInAPhraseIsItsOwnWord) {
  for (DictFlavor flavor : {DictFlavor::kPetrarch, DictFlavor::kTabari}) {
    Loaded l = Load({Src("c.actors.txt",
                         "REPUBLIC_OF_CHINA_ [TWN]\nPEOPLE'S_REPUBLIC_OF_CHINA_ [CHN]\n"
                         "LORD\xE2\x80\x99S_RESISTANCE_ARMY_ [UGAREB]\n",
                         DictFileKind::kActors, flavor)});
    std::uint32_t len = 0;
    EXPECT_EQ(ActorCode(l, "People 's Republic of China", 0, 0, &len), "CHN");
    EXPECT_EQ(len, 5u);
    EXPECT_EQ(ActorCode(l, "Republic of China", 0), "TWN");
    EXPECT_EQ(ActorCode(l, "Lord 's Resistance Army", 0), "UGAREB");
  }
}

TEST(DictActorsTest, TabariStemsEndingsAndNounSections) {
  Loaded l = Load({Src("t.actors",
                       "<NOUN>\nFORCES_\n</NOUN>\n<ADJECTIVE>\nEVIL\n</ADJECTIVE>\n"
                       "SYRIA [SYR]\nLIBYA_ [LBY]\nMOUSE= [MUS]\nAL_GORE [AGR]\n",
                       DictFileKind::kActors, DictFlavor::kAuto)});
  EXPECT_EQ(l.d().FileFlavor(0), DictFlavor::kTabari);
  EXPECT_EQ(ActorCode(l, "Syrian", 0), "SYR");      // stem
  EXPECT_EQ(ActorCode(l, "Libya's", 0), "LBY");     // whole word + regular ending
  EXPECT_EQ(ActorCode(l, "Libyans", 0), "<none>");  // "libyans" is not libya+ending
  EXPECT_EQ(ActorCode(l, "mouse", 0), "MUS");
  EXPECT_EQ(ActorCode(l, "mouses", 0), "<none>");  // '=' : no endings
  EXPECT_EQ(ActorCode(l, "Al Gore", 0), "AGR");
  EXPECT_EQ(ActorCode(l, "Algore", 0), "<none>");
  EXPECT_EQ(l.d().MatchNoun(l.W("forces"), 0), 1u);
  EXPECT_EQ(l.d().MatchAdjective(l.W("evil"), 0), 1u);
  EXPECT_EQ(l.d().MatchNoun(l.W("evil"), 0), 0u);
}

// --- Agents --------------------------------------------------------------

TEST(DictAgentsTest, CodesPluralsAndSubstitutionSets) {
  Loaded l = Load({Src("x.agents.txt",
                       "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
                       "POLICE {} [~COP]\n"
                       "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n"
                       "MILITIA [~MIL]\n"
                       "AUTHORITY [~GOV]\n"
                       "CONGRESS [~LEG]\n"
                       "CONGRESS!PERSON! [~LEG]\n"
                       "HUMAN_RIGHTS_BODY [NGO~]\n"
                       "SPACE!ALIEN! [~ALN]\n"
                       "NOCODE\n"
                       "BAD [XYZ]\n",
                       DictFileKind::kAgents)});
  AgentMatch m;
  ASSERT_TRUE(l.d().MatchAgent(l.W("police"), 0, &m));
  EXPECT_EQ(l.d().code(m.entry->code).text, "COP");
  EXPECT_TRUE(m.entry->suffix);
  EXPECT_FALSE(l.d().MatchAgent(l.W("polices"), 0, &m));  // {} : no plural
  ASSERT_TRUE(l.d().MatchAgent(l.W("attorneys general"), 0, &m));
  EXPECT_EQ(m.length, 2u);
  EXPECT_TRUE(m.entry->plural);
  EXPECT_FALSE(l.d().MatchAgent(l.W("attorney generals"), 0, &m));
  EXPECT_TRUE(l.d().MatchAgent(l.W("militias"), 0, &m));
  EXPECT_TRUE(l.d().MatchAgent(l.W("authorities"), 0, &m));
  EXPECT_TRUE(l.d().MatchAgent(l.W("congresses"), 0, &m));
  ASSERT_TRUE(l.d().MatchAgent(l.W("congresswomen"), 0, &m));
  EXPECT_FALSE(l.d().MatchAgent(l.W("congresswomens"), 0, &m));  // no plural of substitutions
  ASSERT_TRUE(l.d().MatchAgent(l.W("human rights body"), 0, &m));
  EXPECT_FALSE(m.entry->suffix);
  EXPECT_TRUE(l.Warned("x.agents.txt:9: substitution marker !ALIEN! is not defined"))
      << l.AllWarnings();
  EXPECT_TRUE(l.Warned("x.agents.txt:10: agent \"NOCODE\" has no [code]")) << l.AllWarnings();
  EXPECT_TRUE(l.Warned("x.agents.txt:11: agent code [XYZ] lacks the '~'")) << l.AllWarnings();
}

TEST(DictAgentsTest, ComposeCountryAndAgent) {
  EXPECT_EQ(Dictionaries::ComposeAgentCode("LBY", "COP", true), "LBYCOP");
  EXPECT_EQ(Dictionaries::ComposeAgentCode("LBY", "NGO", false), "NGOLBY");
  EXPECT_EQ(Dictionaries::ComposeAgentCode("LKAREB", "REB", true), "LKAREB");
  EXPECT_EQ(Dictionaries::ComposeAgentCode("AREBKK", "REB", true), "AREBKKREB");  // unaligned
  // Libyan police -> LBYCOP, through the dictionaries.
  Loaded l = Load({Src("a.actors.txt", "LIBYAN [LBY]\n", DictFileKind::kActors),
                   Src("b.agents.txt", "POLICE {} [~COP]\n", DictFileKind::kAgents)});
  ActorMatch am;
  AgentMatch gm;
  const DictWords& w = l.W("Libyan police");
  ASSERT_TRUE(l.d().MatchActor(w, 0, 20110101, &am));
  ASSERT_TRUE(l.d().MatchAgent(w, am.length, &gm));
  EXPECT_EQ(Dictionaries::ComposeAgentCode(l.d().code(am.code).text,
                                           l.d().code(gm.entry->code).text, gm.entry->suffix),
            "LBYCOP");
}

// --- Verbs ---------------------------------------------------------------

constexpr char kPetrVerbs[] =
    "&CURRENCY\n"
    "+DOLLAR\n"
    "+SWISS FRANC\n"
    "&AUXVERB_\n"
    "+WILL\n"
    "&MONEY\n"
    "+&CURRENCY\n"
    "+CASH_\n"
    "--- GRANT [070] ---\n"
    "GRANT\n"
    "GIVE {GAVE GIVEN GIVING GIVES}  # irregular\n"
    "CONTRIBUTE [071]\n"
    "+CORDON_OFF\n"
    "WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}\n"
    "- * &CURRENCY [903]\n"
    "- $ * (TO +) [032:033]\n"
    "- * {FINANCIAL AID} (FOR {HUMANITARIAN RELIEF}) [0233]\n"
    "- % &AUXVERB * [:173]\n"
    "- + WAS_* BY ^ $ [023?]\n"
    "- * &MONEY [111!]\n"
    "--- ACCUSE [112] ---\n"
    "ACCUSE\n"
    "CARRY\n"
    "AGREE\n"
    "FIX\n"
    "~ a (a b GRANT) ACCUSE = a b 015\n";

TEST(DictVerbsTest, FormsGeneratedAndIrregular) {
  Loaded l = Load({Src("v.txt", kPetrVerbs, DictFileKind::kVerbs)});
  EXPECT_TRUE(l.warnings.empty()) << l.AllWarnings();
  VerbMatch m;
  for (const char* w :
       {"grant", "grants", "granted", "granting", "gave", "given", "contributed", "contributing",
        "accuses", "accused", "accusing", "carries", "agreeing", "fixes", "fixed"}) {
    EXPECT_TRUE(l.d().MatchVerb(l.W(w), 0, &m)) << w;
  }
  EXPECT_FALSE(l.d().MatchVerb(l.W("gived"), 0, &m));  // {} lists all forms
  ASSERT_TRUE(l.d().MatchVerb(l.W("contributes"), 0, &m));
  EXPECT_EQ(l.d().code(m.form->code.code).text, "071");
  EXPECT_TRUE(m.form->generated);
  ASSERT_TRUE(l.d().MatchVerb(l.W("gave"), 0, &m));
  EXPECT_EQ(l.d().code(m.form->code.code).text, "070");  // block code
  EXPECT_EQ(l.d().Block(m.form->block).name, "GRANT");
  EXPECT_EQ(l.d().Where(m.form->where), "v.txt:11");
}

TEST(DictVerbsTest, MultiWordVerbs) {
  Loaded l = Load({Src("v.txt", kPetrVerbs, DictFileKind::kVerbs)});
  VerbMatch m;
  ASSERT_TRUE(l.d().MatchVerb(l.W("police cordoned off the area"), 1, &m));
  EXPECT_EQ(m.begin, 1u);
  EXPECT_EQ(m.end, 3u);
  EXPECT_EQ(m.form->text, "cordoned off");
  EXPECT_EQ(m.form->words_after, 1u);
  ASSERT_TRUE(l.d().MatchVerb(l.W("they wire tapped phones"), 2, &m));
  EXPECT_EQ(m.begin, 1u);
  EXPECT_EQ(m.end, 3u);
  EXPECT_EQ(m.form->words_before, 1u);
  EXPECT_FALSE(l.d().MatchVerb(l.W("they tapped phones"), 1, &m));
  EXPECT_FALSE(l.d().MatchVerb(l.W("cordoned"), 0, &m));
}

TEST(DictVerbsTest, PatternsAreTypedElementSequences) {
  Loaded l = Load({Src("v.txt", kPetrVerbs, DictFileKind::kVerbs)});
  const VerbBlock& b = l.d().Block(0);
  ASSERT_EQ(b.patterns.size(), 6u);
  auto find = [&](std::uint32_t line) -> const VerbPattern* {
    for (const VerbPattern& p : b.patterns) {
      if (p.where.line == line) return &p;
    }
    return nullptr;
  };
  using K = PatternElementKind;
  const VerbPattern* p = find(16);  // - $ * (TO +) [032:033]
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->syntax, PatternSyntax::kPetrarch2);
  ASSERT_EQ(p->elements.size(), 5u);
  EXPECT_EQ(p->elements[0].kind, K::kSource);
  EXPECT_EQ(p->elements[1].kind, K::kVerb);
  EXPECT_EQ(p->verb_index, 1u);
  EXPECT_EQ(p->elements[2].kind, K::kPrepPhrase);
  EXPECT_EQ(p->elements[2].group_size, 2u);
  EXPECT_EQ(l.d().WordText(p->elements[3].id), "to");
  EXPECT_EQ(p->elements[4].kind, K::kTarget);
  EXPECT_EQ(l.d().code(p->code.code).text, "032");
  EXPECT_EQ(l.d().code(p->code.paired).text, "033");

  p = find(17);  // - * {FINANCIAL AID} (FOR {HUMANITARIAN RELIEF})
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->elements.size(), 9u);
  EXPECT_EQ(p->elements[1].kind, K::kNounPhrase);
  EXPECT_EQ(p->elements[1].group_size, 2u);
  EXPECT_EQ(p->elements[4].kind, K::kPrepPhrase);
  EXPECT_EQ(p->elements[4].group_size, 4u);
  EXPECT_EQ(p->elements[6].kind, K::kNounPhrase);
  EXPECT_EQ(l.d().WordText(p->elements[8].id), "relief");

  p = find(18);  // - % &AUXVERB * [:173]
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->elements[0].kind, K::kCompound);
  EXPECT_EQ(p->elements[1].kind, K::kSynset);
  EXPECT_EQ(l.d().SynsetName(p->elements[1].id), "&AUXVERB");
  EXPECT_EQ(p->code.code, kNone);
  EXPECT_EQ(l.d().code(p->code.paired).text, "173");

  p = find(19);  // - + WAS_* BY ^ $ [023?]
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->code.subordinate);
  EXPECT_EQ(p->syntax, PatternSyntax::kLinear);
  EXPECT_TRUE(p->elements[1].adjacent_next);   // WAS_*
  EXPECT_FALSE(p->elements[2].adjacent_next);  // * BY
  EXPECT_EQ(p->elements[4].kind, K::kSkip);
  EXPECT_TRUE(find(20)->code.dominant);
  // Longest first (TABARI length): the (FOR {HUMANITARIAN RELIEF}) pattern leads.
  EXPECT_EQ(b.patterns[0].where.line, 17u);
}

TEST(DictVerbsTest, SynsetsPluralsNestingAndNoPluralLabel) {
  Loaded l = Load({Src("v.txt", kPetrVerbs, DictFileKind::kVerbs)});
  SynsetId cur = l.d().FindSynset("&currency");
  ASSERT_NE(cur, kNone);
  EXPECT_EQ(l.d().MatchSynset(cur, l.W("dollars"), 0), 1u);
  EXPECT_EQ(l.d().MatchSynset(cur, l.W("swiss francs"), 0), 2u);
  SynsetId aux = l.d().FindSynset("&AUXVERB");
  EXPECT_EQ(l.d().MatchSynset(aux, l.W("will"), 0), 1u);
  EXPECT_EQ(l.d().MatchSynset(aux, l.W("wills"), 0), 0u);  // label ends with '_'
  SynsetId money = l.d().FindSynset("&MONEY");
  EXPECT_EQ(l.d().MatchSynset(money, l.W("swiss franc"), 0), 2u);  // nested synset
  EXPECT_EQ(l.d().MatchSynset(money, l.W("cash"), 0), 1u);
  EXPECT_EQ(l.d().MatchSynset(money, l.W("cashes"), 0), 0u);  // phrase ends with '_'
}

TEST(DictVerbsTest, Transformations) {
  Loaded l = Load({Src("v.txt", kPetrVerbs, DictFileKind::kVerbs)});
  ASSERT_EQ(l.d().transformations().size(), 1u);
  const Transformation& t = l.d().transformations()[0];
  EXPECT_EQ(t.outer_source, "a");
  EXPECT_EQ(t.inner_target, "b");
  ASSERT_EQ(t.inner_verbs.size(), 1u);
  EXPECT_EQ(t.inner_verbs[0], "grant");
  EXPECT_EQ(t.outer_verb, "accuse");
  EXPECT_EQ(t.result_code, "015");
}

TEST(DictVerbsTest, MalformedVerbLinesWarnWithFileAndLine) {
  Loaded l = Load({Src("m.txt",
                       "- * ORPHAN [010]\n"
                       "--- EMPTY [020] ---\n"
                       "- * NOTHING [021]\n"
                       "--- GOOD [030] ---\n"
                       "GOOD\n"
                       "- * {UNCLOSED AID [031]\n"
                       "- * CLOSED) [032]\n"
                       "- * NOCODE\n"
                       "- NOVERB [033]\n"
                       "- * * TWICE [034]\n"
                       "- * &UNDEFINED [035]\n"
                       "BROKEN {FORMS [036]\n"
                       "- * FINE [037]\n"
                       "&LOOP\n"
                       "+&LOOP_THING\n"
                       "+REAL\n"
                       "~ a (a b GOOD) = x\n",
                       DictFileKind::kVerbs)});
  for (const char* w :
       {"m.txt:1: pattern \"- * ORPHAN [010]\" before any verb",
        "m.txt:2: verb block \"EMPTY\" has no verb forms", "m.txt:6: unbalanced '{'",
        "m.txt:7: unbalanced ')'", "m.txt:8: pattern \"- * NOCODE\" has no [code]",
        "m.txt:9: pattern \"NOVERB\" has no '*'", "m.txt:10: pattern \"* * TWICE\" has 2 '*'",
        "m.txt:11: undefined synset &UNDEFINED; pattern skipped",
        "m.txt:12: unbalanced '{' in verb", "m.txt:15: synset &LOOP refers to itself",
        "m.txt:17: malformed transformation"}) {
    EXPECT_TRUE(l.Warned(w)) << w << "\n" << l.AllWarnings();
  }
  ASSERT_EQ(l.d().verb_blocks().size(), 2u);
  EXPECT_EQ(l.d().Block(1).patterns.size(), 1u);  // only "* FINE" survives
  EXPECT_EQ(l.d().MatchSynset(l.d().FindSynset("&LOOP"), l.W("real"), 0), 1u);
}

TEST(DictVerbsTest, TabariRootsFormsAlternativesAndTime) {
  Loaded l = Load({Src("t.verbs",
                       "<SYNSETS>\n&TIETYPES\n+MILITARY\n+ECONOMIC\n</SYNSETS>\n"
                       "<TIME>\nLAST_WEEK [-7]\n- * AND A WEEK [+8]\n</TIME>\n"
                       "ACCEPT [080]\n"
                       "- * {PROPOSAL | OFFER | &TIETYPES AID }_NOW [081]\n"
                       "BREAK_ [1717]\n"
                       "{BROKE_ BROKEN_}\n"
                       "- * TREATY [161]\n"
                       "ATTEND [031!]\n"
                       "BAN= [191]\n"
                       "~~FINISH\n"
                       "IGNORED [999]\n",
                       DictFileKind::kVerbs, DictFlavor::kAuto)});
  EXPECT_TRUE(l.warnings.empty()) << l.AllWarnings();
  EXPECT_EQ(l.d().FileFlavor(0), DictFlavor::kTabari);
  VerbMatch m;
  EXPECT_TRUE(l.d().MatchVerb(l.W("accepted"), 0, &m));  // stem
  EXPECT_TRUE(l.d().MatchVerb(l.W("breaks"), 0, &m));    // BREAK_ + regular ending
  EXPECT_FALSE(l.d().MatchVerb(l.W("breakthrough"), 0, &m));
  ASSERT_TRUE(l.d().MatchVerb(l.W("broken"), 0, &m));
  EXPECT_EQ(l.d().code(m.form->code.code).text, "1717");
  EXPECT_TRUE(l.d().MatchVerb(l.W("ban"), 0, &m));
  EXPECT_FALSE(l.d().MatchVerb(l.W("bans"), 0, &m));
  EXPECT_FALSE(l.d().MatchVerb(l.W("ignored"), 0, &m));  // after ~~FINISH
  ASSERT_EQ(l.d().verb_blocks().size(), 4u);
  const VerbBlock& accept = l.d().Block(0);
  ASSERT_EQ(accept.patterns.size(), 3u);  // {a | b | c} expanded
  for (const VerbPattern& p : accept.patterns) EXPECT_EQ(p.where.line, 11u);
  // The last word of each alternative is joined to NOW by the `}_`.
  const VerbPattern& first = accept.patterns.back();
  EXPECT_TRUE(first.elements[first.elements.size() - 2].adjacent_next);
  ASSERT_EQ(l.d().time_shifts().size(), 1u);
  EXPECT_EQ(l.d().time_shifts()[0].code, "-7");
  EXPECT_TRUE(l.d().verb_blocks()[2].code.dominant);
}

// --- Discards and issues -------------------------------------------------

TEST(DictDiscardsTest, SentenceAndStoryDiscards) {
  Loaded l =
      Load({Src("x.discards.txt", "+ACADEMY AWARD   # LRP 08 Mar 2004\nBASEBALL\nWORLD_CUP_\n",
                DictFileKind::kDiscards)});
  DiscardMatch m;
  ASSERT_TRUE(l.d().MatchDiscard(l.W("the academy awards"), 1, &m));
  EXPECT_TRUE(m.entry->story);
  EXPECT_EQ(m.length, 2u);
  ASSERT_TRUE(l.d().MatchDiscard(l.W("baseballs"), 0, &m));  // final word is a stem
  EXPECT_FALSE(m.entry->story);
  EXPECT_TRUE(l.d().MatchDiscard(l.W("world cup"), 0, &m));
  EXPECT_FALSE(l.d().MatchDiscard(l.W("world cups"), 0, &m));  // '_' : whole word
  EXPECT_EQ(l.d().Stats().story_discards, 1u);
  EXPECT_EQ(l.d().Stats().discards, 2u);
}

TEST(DictIssuesTest, ExpansionsIgnoresAndCategories) {
  Loaded l = Load({Src("x.issues.txt",
                       "<ISSUE CATEGORY=\"ID_ATROCITY\">\n"
                       "n:atrocity [ID_ATROCITY]\n"
                       "ethnic v:purge [ID_ATROCITY]\n"
                       "al+zarqawi network [NAMED_TERROR_GROUP]\n"
                       "~Saturday Night massacre\n"
                       "~~Armenian genocide\n"
                       "</ISSUE>\n",
                       DictFileKind::kIssues)});
  std::vector<IssueMatch> out;
  ASSERT_EQ(l.d().MatchIssues(l.W("atrocities"), 0, &out), 1u);
  EXPECT_EQ(l.d().code(out[0].entry->code).text, "ID_ATROCITY");
  EXPECT_EQ(out[0].entry->category, "ID_ATROCITY");
  for (const char* s : {"ethnic purge", "ethnic purges", "ethnic purged", "ethnic purging",
                        "al zarqawi network", "al-zarqawi network"}) {
    EXPECT_EQ(l.d().MatchIssues(l.W(s), 0, &out), 1u) << s;
  }
  ASSERT_EQ(l.d().MatchIssues(l.W("saturday night massacre"), 0, &out), 1u);
  EXPECT_EQ(out[0].entry->kind, IssueKind::kIgnoreSentence);
  ASSERT_EQ(l.d().MatchIssues(l.W("armenian genocide"), 0, &out), 1u);
  EXPECT_EQ(out[0].entry->kind, IssueKind::kIgnoreStory);
  EXPECT_EQ(l.d().Stats().issues, 5u);
}

// --- Rules and misc ------------------------------------------------------

TEST(DictRulesTest, DatesPluralsVerbForms) {
  std::int32_t d = 0;
  EXPECT_TRUE(ParseDictDate("080508", &d));
  EXPECT_EQ(d, 20080508);
  EXPECT_TRUE(ParseDictDate("450703", &d));
  EXPECT_EQ(d, 19450703);
  EXPECT_TRUE(ParseDictDate("19991231", &d));
  EXPECT_TRUE(ParseDictDate("20000229", &d));
  EXPECT_FALSE(ParseDictDate("19000229", &d));
  EXPECT_FALSE(ParseDictDate("2004017", &d));
  EXPECT_FALSE(ParseDictDate("20041301", &d));
  EXPECT_FALSE(ParseDictDate("2004x101", &d));
  EXPECT_EQ(PetrarchPlural("AUTHORITY"), "AUTHORITIES");
  EXPECT_EQ(PetrarchPlural("CONGRESS"), "CONGRESSES");
  EXPECT_EQ(PetrarchPlural("SOLDIER"), "SOLDIERS");
  EXPECT_EQ(PetrarchVerbForms("ACCUSE"),
            (std::vector<std::string>{"ACCUSES", "ACCUSED", "ACCUSING"}));
  EXPECT_EQ(PetrarchVerbForms("AGREE"), (std::vector<std::string>{"AGREES", "AGREED", "AGREEING"}));
  EXPECT_EQ(PetrarchVerbForms("FIX"), (std::vector<std::string>{"FIXES", "FIXED", "FIXING"}));
  EXPECT_EQ(PetrarchVerbForms("CARRY"),
            (std::vector<std::string>{"CARRIES", "CARRYED", "CARRYING"}));
}

TEST(DictRulesTest, KindAndFlavorDetection) {
  EXPECT_EQ(GuessKindFromName("Phoenix.Countries.actors.txt"), DictFileKind::kActors);
  EXPECT_EQ(GuessKindFromName("CAMEO.2.0.txt"), DictFileKind::kVerbs);
  EXPECT_EQ(GuessKindFromName("Validate.options"), DictFileKind::kOptions);
  EXPECT_EQ(GuessKindFromName("Phoenix.IssueCoding.txt"), DictFileKind::kIssues);
  EXPECT_EQ(GuessKindFromContent("--- X [010] ---\nX\n"), DictFileKind::kVerbs);
  EXPECT_EQ(GuessFlavor("a.txt", "--- X ---\n", DictFileKind::kVerbs), DictFlavor::kPetrarch);
  EXPECT_EQ(GuessFlavor("TABARI.Demo.verbs", "ABANDON [345]\n", DictFileKind::kVerbs),
            DictFlavor::kTabari);
}

TEST(DictRulesTest, StatsRenderAndMissingFiles) {
  auto r = LoadDictionaries(std::vector<std::filesystem::path>{"/nonexistent/x.actors"}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  DictStats s;
  s.actors = 3;
  std::string text = RenderDictStats(s);
  EXPECT_NE(text.find("actors: 3\n"), std::string::npos);
  EXPECT_NE(text.find("warnings: 0\n"), std::string::npos);
  DictOptions o;
  o.max_file_bytes = 4;
  auto big = ParseDictionaries({Src("big.actors.txt", "ABCDEFG [X]\n", DictFileKind::kActors)}, o);
  EXPECT_EQ(big.status().code(), ErrorCode::kLimitExceeded);
}

TEST(DictRulesTest, ConcurrentLookupsAgreeWithSerialOnes) {
  Loaded l = Load({Src("a.actors.txt", "GOLLUM\n\t[HOB <950601]\n\t[HOBREB >950602]\nSYRIA [SYR]\n",
                       DictFileKind::kActors)});
  const Dictionaries& d = l.d();
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      DictWords w;
      std::vector<std::string_view> s = {"Syria", "and", "Gollum"};
      for (int i = 0; i < 2000; ++i) {
        d.Prepare(s, &w);
        ActorMatch m;
        if (d.MatchActor(w, 2, 19900101 + i % 2 * 100000, &m) && d.MatchActor(w, 0, 0, &m)) ++ok[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 2000);
}

}  // namespace
}  // namespace dyad
