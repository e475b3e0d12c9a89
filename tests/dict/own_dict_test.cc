// Copyright dyad authors. dyad's own default dictionaries (data/dict): they load
// cleanly, code the people, places, agents and verbs news needs, cover the
// CAMEO codebook and use only codes it defines.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/codebook.h"
#include "dyad/dict.h"
#include "support/generator_check.h"

namespace dyad {
namespace {

const std::string kDictDir = std::string(DYAD_DATA_DIR) + "/dict";

// Loads data/dict once, collecting every warning.
struct Loaded {
  std::vector<std::string> warnings;
  std::unique_ptr<Dictionaries> dicts;
  std::string error;
};

const Loaded& Dicts() {
  static const Loaded* loaded = [] {
    auto* l = new Loaded();
    DictOptions o;
    o.sink = [l](const Diagnostic& d) { l->warnings.push_back(d.ToString()); };
    auto r = LoadDictionaryDir(kDictDir, o);
    if (r.ok()) {
      l->dicts = std::move(*r);
    } else {
      l->error = r.status().ToString();
    }
    return l;
  }();
  return *loaded;
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > b) out.push_back(text.substr(b, i - b));
  }
  return out;
}

// The actor code of `phrase` (matched from its first word) on `date`; "" when
// nothing matches, "-" when the match is the null code.
std::string ActorCode(std::string_view phrase, std::int32_t date, std::uint32_t* length = nullptr) {
  const Dictionaries& d = *Dicts().dicts;
  std::vector<std::string_view> w = Words(phrase);
  DictWords dw;
  d.Prepare(w, &dw);
  ActorMatch m;
  if (!d.MatchActor(dw, 0, date, &m)) return "";
  if (length) *length = m.length;
  if (m.code == kNone) return "-";
  return std::string(d.code(m.code).text);
}

std::string AgentCode(std::string_view phrase, std::uint32_t* length = nullptr) {
  const Dictionaries& d = *Dicts().dicts;
  std::vector<std::string_view> w = Words(phrase);
  DictWords dw;
  d.Prepare(w, &dw);
  AgentMatch m;
  if (!d.MatchAgent(dw, 0, &m) || !m.entry) return "";
  if (length) *length = m.length;
  if (m.entry->code == kNone) return "-";
  return std::string(d.code(m.entry->code).text);
}

// The code of the verb at words[pos] of `sentence` (block code when the form
// has none); "" when it is no verb form.
std::string VerbCodeAt(std::string_view sentence, std::size_t pos) {
  const Dictionaries& d = *Dicts().dicts;
  std::vector<std::string_view> w = Words(sentence);
  DictWords dw;
  d.Prepare(w, &dw);
  VerbMatch m;
  if (!d.MatchVerb(dw, pos, &m) || !m.form) return "";
  VerbCode vc = m.form->code;
  if (vc.code == kNone) vc = d.Block(m.form->block).code;
  if (vc.code == kNone || d.code(vc.code).kind != CodeKind::kNormal) return "-";
  return std::string(d.code(vc.code).text);
}

std::string Joined(const std::vector<std::string>& v, std::size_t max = 30) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < max; ++i) out += v[i] + "\n";
  return out;
}

TEST(OwnDictTest, FolderLoadsWithZeroWarnings) {
  const Loaded& l = Dicts();
  ASSERT_TRUE(l.dicts) << l.error;
  EXPECT_TRUE(l.warnings.empty()) << l.warnings.size() << " warnings:\n" << Joined(l.warnings);
  const DictStats& s = l.dicts->Stats();
  std::printf("%s", RenderDictStats(s).c_str());
  // All five kinds are present and named so that LoadDictionaryDir finds them.
  auto files = ListDictionaryDir(kDictDir, DictOptions{});
  ASSERT_TRUE(files.ok());
  std::set<DictFileKind> kinds;
  for (const auto& [path, kind] : *files) kinds.insert(kind);
  EXPECT_TRUE(kinds.count(DictFileKind::kActors));
  EXPECT_TRUE(kinds.count(DictFileKind::kAgents));
  EXPECT_TRUE(kinds.count(DictFileKind::kVerbs));
  EXPECT_TRUE(kinds.count(DictFileKind::kDiscards));
  for (std::uint32_t f = 0; f < s.files; ++f) {
    EXPECT_EQ(l.dicts->FileFlavor(f), DictFlavor::kPetrarch) << l.dicts->FileName(f);
  }
  // No phrase is defined twice (a silent override would hide a mistake).
  EXPECT_EQ(s.replaced, 0u);
  EXPECT_GE(s.actors, 250u + 150u);
  EXPECT_GE(s.agents, 150u);
  EXPECT_GE(s.verb_blocks, 150u);
  EXPECT_GE(s.patterns, 1000u);
  EXPECT_GE(s.discards + s.story_discards, 100u);
}

TEST(OwnDictTest, StrictLoadAgrees) {
  DictOptions o;
  o.strict = true;
  auto r = LoadDictionaryDir(kDictDir, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

TEST(OwnDictTest, PeopleByDate) {
  ASSERT_TRUE(Dicts().dicts);
  EXPECT_EQ(ActorCode("Donald Trump", 20180301), "USAGOV");
  EXPECT_NE(ActorCode("Donald Trump", 20220301), "USAGOV");
  EXPECT_EQ(ActorCode("Donald Trump", 20220301).substr(0, 3), "USA");
  EXPECT_EQ(ActorCode("Donald Trump", 20250507), "USAGOV");
  EXPECT_EQ(ActorCode("Trump", 20250507), "USAGOV");
  EXPECT_EQ(ActorCode("Marco Rubio", 20150601), "USALEG");
  EXPECT_EQ(ActorCode("Marco Rubio", 20250507), "USAGOV");
  EXPECT_EQ(ActorCode("Khalifa Hifter", 20250507), "LBYMIL");
  EXPECT_EQ(ActorCode("Khalifa Haftar", 20190404), "LBYMIL");
  EXPECT_EQ(ActorCode("Muammar Gaddafi", 20100101), "LBYGOV");
  EXPECT_EQ(ActorCode("Muammar Qaddafi", 20110301), "LBYGOV");
  EXPECT_EQ(ActorCode("Muammar Gaddafi", 20250507).substr(0, 3), "LBY");
  EXPECT_NE(ActorCode("Muammar Gaddafi", 20250507), "LBYGOV");
  EXPECT_EQ(ActorCode("Joe Biden", 20220301), "USAGOV");
  EXPECT_EQ(ActorCode("Joe Biden", 20120301), "USAGOV");  // vice president
  EXPECT_EQ(ActorCode("Joe Biden", 20250507).substr(0, 3), "USA");
  EXPECT_NE(ActorCode("Joe Biden", 20250507), "USAGOV");
  EXPECT_EQ(ActorCode("Barack Obama", 20100101), "USAGOV");
  EXPECT_EQ(ActorCode("Vladimir Putin", 20220224), "RUSGOV");
  EXPECT_EQ(ActorCode("Xi Jinping", 20200101), "CHNGOV");
  EXPECT_EQ(ActorCode("Volodymyr Zelenskiy", 20220224), "UKRGOV");
  EXPECT_EQ(ActorCode("Volodymyr Zelensky", 20230101), "UKRGOV");
  EXPECT_EQ(ActorCode("Benjamin Netanyahu", 20240101), "ISRGOV");
  EXPECT_EQ(ActorCode("Keir Starmer", 20250101), "GBRGOV");
  EXPECT_EQ(ActorCode("Keir Starmer", 20220101), "GBROPP");
  EXPECT_EQ(ActorCode("Friedrich Merz", 20250601), "DEUGOV");
}

TEST(OwnDictTest, PlacesAndInstitutions) {
  ASSERT_TRUE(Dicts().dicts);
  for (const char* p : {"Libya", "Libyan", "Libyans", "Tripoli", "State of Libya"}) {
    EXPECT_EQ(ActorCode(p, 20250507), "LBY") << p;
  }
  EXPECT_EQ(ActorCode("Washington", 20250507), "USA");
  EXPECT_EQ(ActorCode("United States", 20250507), "USA");
  EXPECT_EQ(ActorCode("U.S.", 20250507), "USA");
  EXPECT_EQ(ActorCode("us", 20250507), "");  // the pronoun is no country
  std::uint32_t len = 0;
  EXPECT_EQ(ActorCode("the Kremlin", 20250507, &len), "RUSGOV");
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(ActorCode("Kremlin", 20250507), "RUSGOV");
  EXPECT_EQ(ActorCode("White House", 20250507), "USAGOV");
  EXPECT_EQ(ActorCode("Downing Street", 20250507), "GBRGOV");
  EXPECT_EQ(ActorCode("Homeland Security Department", 20250507), "USAGOV");
  EXPECT_EQ(ActorCode("Department of Homeland Security", 20250507), "USAGOV");
  EXPECT_EQ(ActorCode("State Department", 20250507), "USAGOV");
  std::string dod = ActorCode("U.S. Department of Defense", 20250507, &len);
  EXPECT_TRUE(dod == "USAMIL" || dod == "USAGOV") << dod;
  EXPECT_EQ(len, 4u);
  EXPECT_EQ(ActorCode("Defense Department", 20250507), "USAMIL");
  EXPECT_EQ(ActorCode("Pentagon", 20250507), "USAMIL");
  EXPECT_EQ(ActorCode("Libyan National Army", 20250507), "LBYMIL");
  EXPECT_EQ(ActorCode("Reuters", 20250507).substr(3), "MED");
  EXPECT_EQ(ActorCode("United Nations", 20250507), "IGOUNO");
  EXPECT_EQ(ActorCode("Amnesty International", 20250507).substr(0, 3), "NGO");
  EXPECT_EQ(ActorCode("Georgia", 20250507), "GEO");
  EXPECT_EQ(ActorCode("Congo", 20250507), "COD");
  EXPECT_EQ(ActorCode("Republic of the Congo", 20250507), "COG");
}

TEST(OwnDictTest, Agents) {
  ASSERT_TRUE(Dicts().dicts);
  EXPECT_EQ(AgentCode("migrants"), "REF");
  EXPECT_EQ(AgentCode("migrant"), "REF");
  EXPECT_EQ(AgentCode("asylum seekers"), "REF");
  EXPECT_EQ(AgentCode("deportees"), "REF");
  EXPECT_EQ(AgentCode("refugees"), "REF");
  EXPECT_EQ(AgentCode("police"), "COP");
  EXPECT_EQ(AgentCode("government"), "GOV");
  EXPECT_EQ(AgentCode("soldiers"), "MIL");
  EXPECT_EQ(AgentCode("rebels"), "REB");
  EXPECT_EQ(AgentCode("journalists"), "MED");
  EXPECT_EQ(AgentCode("news outlets"), "MED");
  EXPECT_EQ(AgentCode("civilians"), "CVL");
  // Attackers and communities that conflict news names without a country.
  EXPECT_EQ(AgentCode("snipers"), "UAF");
  EXPECT_EQ(AgentCode("hostage takers"), "UAF");
  EXPECT_EQ(AgentCode("bandits"), "CRM");
  EXPECT_EQ(AgentCode("tribesmen"), "CVL");
  EXPECT_EQ(AgentCode("herdsmen"), "AGR");
  EXPECT_EQ(AgentCode("Maoists"), "REB");
  std::uint32_t len = 0;
  EXPECT_EQ(AgentCode("human rights groups", &len), "NGO");
  EXPECT_EQ(len, 3u);
  const Dictionaries& d = *Dicts().dicts;
  // Prefix agents ([NGO~]) compose before the country, the rest after it.
  for (const AgentEntry& a : d.agents()) {
    std::string_view code = d.code(a.code).text;
    if (code == "NGO" || code == "IGO") {
      EXPECT_FALSE(a.suffix) << d.Where(a.where);
    }
  }
}

TEST(OwnDictTest, Verbs) {
  ASSERT_TRUE(Dicts().dicts);
  for (const char* s : {"deport", "deported", "deporting", "deports", "expelled", "repatriated"}) {
    EXPECT_EQ(VerbCodeAt(s, 0), "174") << s;
  }
  EXPECT_EQ(VerbCodeAt("arrested", 0), "173");
  EXPECT_EQ(VerbCodeAt("detained", 0), "173");
  EXPECT_EQ(VerbCodeAt("condemned", 0), "111");
  EXPECT_EQ(VerbCodeAt("criticized", 0), "111");
  EXPECT_EQ(VerbCodeAt("accused", 0), "112");
  EXPECT_EQ(VerbCodeAt("sued", 0), "115");
  EXPECT_EQ(VerbCodeAt("shelled", 0), "194");
  EXPECT_EQ(VerbCodeAt("protested", 0), "141");
  EXPECT_EQ(VerbCodeAt("met", 0), "040");
  EXPECT_EQ(VerbCodeAt("urged", 0), "020");
  EXPECT_EQ(VerbCodeAt("praised", 0), "051");
  EXPECT_EQ(VerbCodeAt("welcomed", 0), "051");
  EXPECT_EQ(VerbCodeAt("pledged", 0), "030");
  EXPECT_EQ(VerbCodeAt("threatened", 0), "130");
  EXPECT_EQ(VerbCodeAt("killed", 0), "190");
  EXPECT_EQ(VerbCodeAt("invaded", 0), "192");
  EXPECT_EQ(VerbCodeAt("retaliated", 0), "190");
  EXPECT_EQ(VerbCodeAt("kidnapped", 0), "181");
  EXPECT_EQ(VerbCodeAt("vetoed", 0), "129");
  EXPECT_EQ(VerbCodeAt("denied", 0), "016");
  EXPECT_EQ(VerbCodeAt("hanged", 0), "1823");  // executions
  EXPECT_EQ(VerbCodeAt("hangs", 0), "1823");
  EXPECT_EQ(VerbCodeAt("wounded", 0), "190");
  // Irregular forms are listed, wrong regular ones are not generated.
  EXPECT_EQ(VerbCodeAt("fought", 0), "190");
  EXPECT_EQ(VerbCodeAt("shot", 0), "190");
  EXPECT_EQ(VerbCodeAt("struck", 0), "190");
  EXPECT_EQ(VerbCodeAt("met", 0), "040");
  EXPECT_EQ(VerbCodeAt("banned", 0), "172");
  EXPECT_EQ(VerbCodeAt("bened", 0), "");
  EXPECT_EQ(VerbCodeAt("denyed", 0), "");
  EXPECT_EQ(VerbCodeAt("destroys", 0), "1712");
  EXPECT_EQ(VerbCodeAt("destroies", 0), "");
  // Multi-word verbs.
  EXPECT_EQ(VerbCodeAt("called on", 0), "020");
  EXPECT_EQ(VerbCodeAt("cracked down", 0), "175");
  // A resignation is no event by itself (the gold guidelines); under pressure it is 0831.
  EXPECT_EQ(VerbCodeAt("stepped down", 0), "-");
  // Light verbs carry no event of their own.
  EXPECT_EQ(VerbCodeAt("carried out", 0), "-");
  EXPECT_EQ(VerbCodeAt("said", 0), "-");
}

// The code of the first pattern of the block of `verb` whose text is `pattern`.
std::string PatternCode(std::string_view verb, std::string_view pattern) {
  const Dictionaries& d = *Dicts().dicts;
  std::vector<std::string_view> w = Words(verb);
  DictWords dw;
  d.Prepare(w, &dw);
  VerbMatch m;
  if (!d.MatchVerb(dw, 0, &m) || !m.form) return "no verb";
  for (const VerbPattern& p : d.Block(m.form->block).patterns) {
    if (p.text != pattern) continue;
    if (p.code.code == kNone || d.code(p.code.code).kind != CodeKind::kNormal) return "-";
    return std::string(d.code(p.code.code).text);
  }
  return "no pattern";
}

TEST(OwnDictTest, Patterns) {
  ASSERT_TRUE(Dicts().dicts);
  EXPECT_EQ(PatternCode("carried out", "* &AIRSTRIKE"), "195");
  EXPECT_EQ(PatternCode("chartered", "* &DEPORTATION"), "174");
  // Planning a deportation is the intent to it, no event ("planning to deport" is the
  // verb "deport", coded 174 with modality planned).
  EXPECT_EQ(PatternCode("planned", "* &DEPORTATION"), "-");
  EXPECT_EQ(PatternCode("declined", "* TO_COMMENT"), "011");
  EXPECT_EQ(PatternCode("commented", "NOT *"), "011");
  EXPECT_EQ(PatternCode("had", "* NO_COMMENT"), "011");
  EXPECT_EQ(PatternCode("responded", "NOT * &COMMENT"), "011");
  EXPECT_EQ(PatternCode("describing", "* AS &DIRE"), "111");
  EXPECT_EQ(PatternCode("faced", "* &LAWSUIT"), "115");
  EXPECT_EQ(PatternCode("imposed", "* &SANCTIONS"), "163");
  EXPECT_EQ(PatternCode("signed", "* &AGREEMENT"), "057");
  EXPECT_EQ(PatternCode("released", "* &PRISONERS"), "0841");
  EXPECT_EQ(PatternCode("agreed", "* TO &CEASEFIRE"), "0871");
  EXPECT_EQ(PatternCode("sent", "* &HUMANITARIANAID"), "073");
  EXPECT_EQ(PatternCode("held", "* &TALKS"), "046");
  EXPECT_EQ(PatternCode("struck", "* A_BALANCE"), "-");
  EXPECT_EQ(PatternCode("called", "* &STRIKE"), "143");  // call a general strike
  EXPECT_EQ(PatternCode("killing", "OPENED_FIRE *"), "193");
  EXPECT_EQ(PatternCode("launched", "* &SPACELAUNCH"), "-");  // a rocket carrying a satellite
  EXPECT_EQ(PatternCode("beat", "* TO_WIN"), "-");            // sports results
  EXPECT_EQ(PatternCode("defeated", "* IN_THE_FINAL"), "-");
  EXPECT_EQ(PatternCode("hanging", "* HIMSELF"), "-");
  EXPECT_EQ(PatternCode("massed", "* GRAVES"), "-");
  // A synset matches its phrases and their generated plurals.
  const Dictionaries& d = *Dicts().dicts;
  SynsetId air = d.FindSynset("&AIRSTRIKE");
  ASSERT_NE(air, kNone);
  for (const char* s : {"air strike", "air strikes", "airstrikes"}) {
    std::vector<std::string_view> w = Words(s);
    DictWords dw;
    d.Prepare(w, &dw);
    EXPECT_EQ(d.MatchSynset(air, dw, 0), w.size()) << s;
  }
}

TEST(OwnDictTest, Discards) {
  ASSERT_TRUE(Dicts().dicts);
  const Dictionaries& d = *Dicts().dicts;
  for (const char* s : {"world cup", "premier league", "box office", "stock market", "wall street",
                        "grand slam", "touchdown", "in tennis", "in rugby union",
                        "women 's singles"}) {  // the tokenizer splits the possessive
    std::vector<std::string_view> w = Words(s);
    DictWords dw;
    d.Prepare(w, &dw);
    DiscardMatch m;
    EXPECT_TRUE(d.MatchDiscard(dw, 0, &m)) << s;
  }
}

// Every verb and pattern code is a CAMEO code of data/cameo.tsv; together they
// cover every root and at least 250 three- and four-digit codes.
TEST(OwnDictTest, VerbCodesCoverTheCodebook) {
  ASSERT_TRUE(Dicts().dicts);
  const Dictionaries& d = *Dicts().dicts;
  auto cb = Codebook::Load(std::string(DYAD_DATA_DIR) + "/cameo.tsv");
  ASSERT_TRUE(cb.ok()) << cb.status().ToString();
  std::set<std::string> used;
  std::vector<std::string> unknown;
  auto note = [&](const VerbCode& vc, const std::string& where) {
    for (CodeId id : {vc.code, vc.paired}) {
      if (id == kNone) continue;
      const Code& c = d.code(id);
      if (c.kind != CodeKind::kNormal) continue;
      std::string text(c.text);
      if (!(*cb)->FindExact(text)) unknown.push_back(where + ": " + text);
      used.insert(text);
    }
  };
  for (const VerbBlock& b : d.verb_blocks()) {
    note(b.code, d.Where(b.where));
    for (const VerbPattern& p : b.patterns) note(p.code, d.Where(p.where));
  }
  for (const VerbForm& f : d.verb_forms()) note(f.code, d.Where(f.where));
  EXPECT_TRUE(unknown.empty()) << Joined(unknown);
  std::size_t long_codes = 0;
  std::set<std::string> roots;
  for (const std::string& c : used) {
    if (c.size() >= 3) ++long_codes;
    roots.insert(c.substr(0, 2));
  }
  std::printf("distinct CAMEO codes in verbs: %zu (3-4 digit: %zu)\n", used.size(), long_codes);
  EXPECT_GE(long_codes, 250u);
  for (int r = 1; r <= 20; ++r) {
    char root[3];
    std::snprintf(root, sizeof root, "%02d", r);
    EXPECT_TRUE(roots.count(root)) << "no code under root " << root;
  }
}

// Actor and agent codes are well formed: a country (ISO alpha-3 as in
// countries.actors.txt) or IGO/NGO prefix, then three-letter sector codes from
// the set this project uses.
TEST(OwnDictTest, ActorAndAgentCodesAreWellFormed) {
  ASSERT_TRUE(Dicts().dicts);
  const Dictionaries& d = *Dicts().dicts;
  static const std::set<std::string> kSectors = {
      "GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "MED", "NGO", "IGO", "REF", "CVL",
      "BUS", "EDU", "HLH", "REL", "LAB", "CRM", "INS", "SEP", "ELI", "HRI", "SPY", "UAF",
      "AGR", "ENV", "MOD", "RAD", "IMG", "NGM", "DEV", "UNO", "EUR", "AFR", "ASN", "WBK",
      "IMF", "NAT", "OPC", "ICC", "WHO", "UNH", "WFP", "ICR", "MSF", "AMN", "HRW", "CPJ",
      "RSF", "ARL", "GCC", "OSC", "INT", "UNI", "CHR", "MOS", "JEW", "BUD", "HIN", "SUN",
      "SHI", "PTY", "TOP", "DPL", "WTO", "OAS", "ILO", "UNC", "IAE", "BRI", "SCO", "EEC",
      "ICJ", "IOM", "UNF", "UNP", "UNW", "SAD", "CWN", "FRC", "ATH", "ASE", "PAL", "IRC"};
  std::set<std::string> countries;
  for (const ActorEntry& a : d.actors()) {
    if (d.FileName(a.where.file).find("countries") == std::string_view::npos) continue;
    if (a.default_code != kNone) countries.insert(std::string(d.code(a.default_code).text));
  }
  EXPECT_GE(countries.size(), 249u);
  std::vector<std::string> bad;
  auto check = [&](std::string_view code, const std::string& where, bool agent) {
    if (code == "---" && !agent) return;  // null-coded phrase ("military aid"): not an actor
    if (code.empty() || code.size() % 3 != 0) {
      bad.push_back(where + ": " + std::string(code));
      return;
    }
    for (std::size_t i = 0; i < code.size(); i += 3) {
      std::string part(code.substr(i, 3));
      bool ok = (i == 0 && !agent &&
                 (countries.count(part) || part == "IGO" || part == "NGO" || part == "IMG")) ||
                kSectors.count(part);
      if (!ok) {
        bad.push_back(where + ": " + std::string(code) + " (" + part + ")");
        return;
      }
    }
  };
  for (const ActorEntry& a : d.actors()) {
    if (a.default_code != kNone) check(d.code(a.default_code).text, d.Where(a.where), false);
    for (const DateRestriction& r : a.restrictions) {
      check(d.code(r.code).text, d.Where(r.where), false);
      EXPECT_LE(r.from, r.to) << d.Where(r.where);
    }
  }
  for (const AgentEntry& a : d.agents()) check(d.code(a.code).text, d.Where(a.where), true);
  EXPECT_TRUE(bad.empty()) << Joined(bad);
}

// The committed country file is what scripts/gen_countries.mjs makes from the
// installed packages (skipped when node or the packages are missing).
TEST(OwnDictTest, CountryGeneratorReproducesTheCommittedFile) {
  DYAD_EXPECT_GENERATED_FILE_UP_TO_DATE("gen_countries.mjs", "iso-codes or world-countries");
}

// The generated leaders and institutions files are what scripts/gen_actors.mjs
// makes from ../shared/data/leaders, world-countries, WordNet and
// scripts/actors/*.txt (skipped when node or an input is missing).
TEST(OwnDictTest, ActorGeneratorReproducesTheCommittedFiles) {
  DYAD_EXPECT_GENERATED_FILE_UP_TO_DATE("gen_actors.mjs",
                                        "an input of gen_actors.mjs (leaders data, WordNet, npm)");
}

// Issue 19 bar: at least 190 countries have 15 or more institution phrases
// (government, ministries, police, armed forces, parliament, courts, ...) in
// states.actors.txt, and every one of them codes with that country.
TEST(OwnDictTest, InstitutionsOfEveryCountry) {
  ASSERT_TRUE(Dicts().dicts);
  const Dictionaries& d = *Dicts().dicts;
  std::map<std::string, int> per_country;
  std::set<std::string> sectors;
  for (const ActorPhrase& p : d.actor_phrases()) {
    if (d.FileName(p.where.file).find("states.actors") == std::string_view::npos) continue;
    const ActorEntry& a = d.actors()[p.entry];
    if (a.default_code == kNone) continue;
    std::string code(d.code(a.default_code).text);
    if (code.size() < 6 || code.substr(0, 3) == "IGO" || code.substr(0, 3) == "NGO") continue;
    ++per_country[code.substr(0, 3)];
    sectors.insert(code.substr(3));
  }
  int covered = 0;
  for (const auto& [iso, n] : per_country) covered += n >= 15;
  std::printf("countries with >= 15 institution phrases: %d of %zu\n", covered, per_country.size());
  EXPECT_GE(covered, 190);
  for (const char* s : {"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "GOVMED", "OPP"})
    EXPECT_TRUE(sectors.count(s)) << s;
  EXPECT_EQ(ActorCode("Peruvian navy", 20250101), "PERMIL");
  EXPECT_EQ(ActorCode("Chile 's interior ministry", 20250101), "CHLGOV");
  EXPECT_EQ(ActorCode("Kenyan police officers", 20250101), "KENCOP");
  EXPECT_EQ(ActorCode("Sudanese army", 20250101), "SDNMIL");
  EXPECT_EQ(ActorCode("Sudan 's army", 20250101), "SDNMIL");
  EXPECT_EQ(ActorCode("Nigerian Supreme Court", 20250101), "NGAJUD");
  EXPECT_EQ(ActorCode("Iranian intelligence", 20250101), "IRNSPY");
  EXPECT_EQ(ActorCode("Egyptian state media", 20250101), "EGYGOVMED");
}

// Dated leaders: GOV within the spell (exact days where the sources have
// them), ELI outside, surnames that are common words only with a title.
TEST(OwnDictTest, GeneratedLeadersByDate) {
  ASSERT_TRUE(Dicts().dicts);
  EXPECT_EQ(ActorCode("President Ramaphosa", 20240101), "ZAFGOV");
  EXPECT_EQ(ActorCode("Mbeki", 20050101), "ZAFGOV");
  EXPECT_EQ(ActorCode("Mbeki", 20120101), "ZAFELI");
  EXPECT_EQ(ActorCode("Theresa May", 20180101), "GBRGOV");
  EXPECT_NE(ActorCode("Theresa May", 20230101), "GBRGOV");  // an MP then (people.actors.txt)
  EXPECT_EQ(ActorCode("Prime Minister May", 20180101), "GBRGOV");
  EXPECT_EQ(ActorCode("May", 20180101), "");  // the month, the verb
  EXPECT_EQ(ActorCode("Brown", 20080101), "");
  EXPECT_EQ(ActorCode("Boris Johnson", 20220901), "GBRGOV");
  EXPECT_EQ(ActorCode("Boris Johnson", 20220910), "GBRELI");  // left office 2022-09-06
  EXPECT_EQ(ActorCode("Liz Truss", 20221001), "GBRGOV");
  EXPECT_EQ(ActorCode("Hun Sen", 20100101), "KHMGOV");
  EXPECT_EQ(ActorCode("Hun Manet", 20100101), "KHMELI");
  EXPECT_EQ(ActorCode("Hun Manet", 20240101), "KHMGOV");
  EXPECT_EQ(ActorCode("Li Qiang", 20240101), "CHNGOV");
  EXPECT_EQ(ActorCode("Li Qiang", 20150101), "CHNELI");
}

// Acronyms and words shared with countries code nothing on their own.
TEST(OwnDictTest, LookalikesAreNoActors) {
  ASSERT_TRUE(Dicts().dicts);
  for (const char* s : {"CCTV", "US", "us", "May", "may", "Price", "officers", "who", "WHO", "Diet",
                        "MIT", "Democrats", "Supreme Court"}) {
    std::string code = ActorCode(s, 20250101);
    EXPECT_TRUE(code.empty() || code == "-") << s << " -> " << code;
  }
}

}  // namespace
}  // namespace dyad
