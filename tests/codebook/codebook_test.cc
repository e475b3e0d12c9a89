// Tests for the CAMEO codebook table (data/cameo.tsv) and its loader.
#include "dyad/codebook.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace dyad {
namespace {

constexpr const char* kHeader =
    "code\tname\tquad_class\tgoldstein\tplover_event\tplover_mode\tplover_context\n";

const Codebook& Shipped() {
  static const Codebook* cb = [] {
    auto r = Codebook::Load(std::string(DYAD_DATA_DIR) + "/cameo.tsv");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value().release() : nullptr;
  }();
  if (cb == nullptr) std::abort();
  return *cb;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  std::size_t e = s.find_last_not_of(ws);
  s.erase(e == std::string::npos ? 0 : e + 1);
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// ---------------------------------------------------------------- shipped table

TEST(CodebookTable, LoadsShippedTable) {
  const Codebook& cb = Shipped();
  EXPECT_GE(cb.size(), 280u);
  EXPECT_LE(cb.size(), 330u);
  std::size_t n = 0;
  for (const CameoCode& c : cb) {
    ++n;
    EXPECT_FALSE(c.name.empty()) << c.code;
    EXPECT_GE(c.goldstein, -10.0) << c.code;
    EXPECT_LE(c.goldstein, 10.0) << c.code;
    EXPECT_EQ(c.quad_class, QuadClassOfRoot(Codebook::Root(c.code))) << c.code;
    EXPECT_EQ(cb.FindExact(c.code), &c);
  }
  EXPECT_EQ(n, cb.size());
  EXPECT_EQ(cb.codes().size(), cb.size());
}

TEST(CodebookTable, AllTwentyRootsAndTheirBaseCodes) {
  const Codebook& cb = Shipped();
  for (int r = 1; r <= 20; ++r) {
    char root[3], base[4];
    std::snprintf(root, sizeof root, "%02d", r);
    std::snprintf(base, sizeof base, "%02d0", r);
    const CameoCode* c = cb.FindExact(root);
    ASSERT_NE(c, nullptr) << root;
    EXPECT_EQ(c->quad_class, r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4) << root;
    EXPECT_NE(cb.FindExact(base), nullptr) << base;
  }
}

TEST(CodebookTable, CountsByLength) {
  std::map<std::size_t, int> by_len;
  for (const CameoCode& c : Shipped()) ++by_len[c.code.size()];
  // 20 roots; 148 three-digit and 148 four-digit codes (docs/formats/codebook.md).
  EXPECT_EQ(by_len[2], 20);
  EXPECT_EQ(by_len[3], 148);
  EXPECT_EQ(by_len[4], 148);
  EXPECT_EQ(by_len.size(), 3u);
}

TEST(CodebookTable, SpotChecks) {
  const Codebook& cb = Shipped();
  struct Want {
    const char* code;
    int quad;
    double goldstein;
    const char* event;
    const char* mode;
    const char* context;
  };
  const Want wants[] = {
      {"010", 1, 0.0, "", "", ""},
      {"011", 1, -0.1, "", "", ""},
      {"0211", 1, 3.4, "", "", ""},
      {"036", 1, 4.0, "AGREE", "", "diplomatic"},
      {"042", 1, 1.9, "CONSULT", "visit", ""},
      {"051", 1, 3.4, "SUPPORT", "", "diplomatic"},
      {"057", 1, 8.0, "SUPPORT", "", "diplomatic"},
      {"073", 2, 7.4, "AID", "", "humanitarian"},
      {"0841", 2, 7.0, "RETREAT", "release", "legal"},
      {"0874", 2, 10.0, "RETREAT", "disarm", "military"},
      {"091", 3, -2.0, "ACCUSE", "investigate", "crime;corruption"},
      {"112", 3, -2.0, "ACCUSE", "disapprove", ""},
      {"130", 3, -4.4, "THREATEN", "", ""},
      {"141", 4, -6.5, "PROTEST", "demo", ""},
      {"145", 4, -7.5, "PROTEST", "riot", ""},
      {"163", 4, -8.0, "COERCE", "restrict", "diplomatic"},
      {"173", 4, -5.0, "COERCE", "arrest", "legal"},
      {"174", 4, -5.0, "COERCE", "deport", "legal"},
      {"1721", 4, -5.0, "COERCE", "restrict", "rights_freedoms"},
      {"1823", 4, -10.0, "ASSAULT", "", ""},
      {"190", 4, -10.0, "ASSAULT", "", "military"},
      {"193", 4, -10.0, "ASSAULT", "firearms", "military"},
      {"2042", 4, -10.0, "ASSAULT", "unconventional", "cbrn"},
  };
  for (const Want& w : wants) {
    SCOPED_TRACE(w.code);
    const CameoCode* c = cb.FindExact(w.code);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->code, w.code);
    EXPECT_EQ(c->quad_class, w.quad);
    EXPECT_DOUBLE_EQ(c->goldstein, w.goldstein);
    EXPECT_EQ(c->plover_event, w.event);
    EXPECT_EQ(c->plover_mode, w.mode);
    EXPECT_EQ(c->plover_context, w.context);
  }
  EXPECT_EQ(cb.FindExact("010")->name, "Make statement");
  EXPECT_EQ(cb.FindExact("011")->name, "Decline comment");
  EXPECT_EQ(cb.FindExact("174")->name, "Expel or deport individuals");
  EXPECT_EQ(cb.FindExact("10")->name, "DEMAND");
}

// Roots 01 (statements) and 02 (appeals) were dropped by PLOVER; every other
// code has a PLOVER event.
TEST(CodebookTable, PloverEventPresenceFollowsRoot) {
  for (const CameoCode& c : Shipped()) {
    std::string_view root = Codebook::Root(c.code);
    if (root == "01" || root == "02") {
      EXPECT_TRUE(c.plover_event.empty()) << c.code;
      EXPECT_TRUE(c.plover_mode.empty()) << c.code;
    } else {
      EXPECT_FALSE(c.plover_event.empty()) << c.code;
    }
  }
}

// Differential test against the official CAMEO->PLOVER table, read in place.
TEST(CodebookTable, AgreesWithOfficialCameoToPloverTable) {
  const std::string path = std::string(DYAD_SHARED_DIR) + "/data/plover/CAMEO2PLOVER-2021.txt";
  const std::string text = ReadFile(path);
  ASSERT_FALSE(text.empty()) << "cannot read " << path;
  const Codebook& cb = Shipped();
  const std::regex row(R"(^\s*(\d{3,4})\s*:(.*)$)");
  std::istringstream in(text);
  std::string line;
  int checked = 0;
  std::set<std::string> codes;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    const std::string code = m[1];
    std::vector<std::string> f;
    std::string rest = m[2];
    for (std::size_t p; (p = rest.find(',')) != std::string::npos; rest.erase(0, p + 1)) {
      f.push_back(Trim(rest.substr(0, p)));
    }
    f.push_back(Trim(rest));
    f.resize(3);
    std::string context;  // "crime; corruption" -> "crime;corruption"
    std::istringstream cs(f[2]);
    for (std::string part; std::getline(cs, part, ';');) {
      part = Trim(part);
      if (part.empty()) continue;
      if (!context.empty()) context += ';';
      context += part;
    }
    SCOPED_TRACE(path + ": code " + code);
    const CameoCode* c = cb.FindExact(code);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->plover_event, Upper(f[0]));
    EXPECT_EQ(c->plover_mode, Lower(f[1]));
    EXPECT_EQ(c->plover_context, Lower(context));
    codes.insert(code);
    ++checked;
  }
  // Guard against a parse that silently matches nothing.
  EXPECT_GE(checked, 250);
  EXPECT_GE(codes.size(), 250u);
}

// Every event code the Phoenix/PETRARCH verb dictionary emits ("[174]",
// "[042:043]", "[:1952]", "[080!]") resolves exactly in dyad's table.
TEST(CodebookTable, CoversPhoenixVerbDictionaryCodes) {
  const std::string path = std::string(DYAD_SHARED_DIR) + "/data/phoenix/CAMEO.2.0.txt";
  const std::string text = ReadFile(path);
  ASSERT_FALSE(text.empty()) << "cannot read " << path;
  const std::regex bracket(R"(\[([0-9:!]+)\])");
  std::set<std::string> codes;
  for (std::sregex_iterator it(text.begin(), text.end(), bracket), end; it != end; ++it) {
    std::istringstream parts((*it)[1].str());
    for (std::string p; std::getline(parts, p, ':');) {
      if (!p.empty() && p.back() == '!') p.pop_back();
      if (p.size() >= 2 && p.size() <= 4) codes.insert(p);
    }
  }
  EXPECT_GE(codes.size(), 150u);
  EXPECT_TRUE(codes.count("176") && codes.count("1952"));
  for (const std::string& code : codes) {
    EXPECT_NE(Shipped().FindExact(code), nullptr) << "Phoenix code " << code;
  }
}

// ---------------------------------------------------------------- lookups

TEST(CodebookFind, RootOfCodes) {
  EXPECT_EQ(Codebook::Root("174"), "17");
  EXPECT_EQ(Codebook::Root("0211"), "02");
  EXPECT_EQ(Codebook::Root("17"), "17");
  EXPECT_EQ(Codebook::Root("1"), "");
  EXPECT_EQ(Codebook::Root(""), "");
  EXPECT_EQ(Codebook::Root("a17"), "");
  EXPECT_EQ(QuadClassOfRoot("05"), 1);
  EXPECT_EQ(QuadClassOfRoot("06"), 2);
  EXPECT_EQ(QuadClassOfRoot("09"), 3);
  EXPECT_EQ(QuadClassOfRoot("14"), 4);
  EXPECT_EQ(QuadClassOfRoot("20"), 4);
  EXPECT_EQ(QuadClassOfRoot("00"), 0);
  EXPECT_EQ(QuadClassOfRoot("21"), 0);
  EXPECT_EQ(QuadClassOfRoot("174"), 0);
}

TEST(CodebookFind, FallsBackToNearestParent) {
  const Codebook& cb = Shipped();
  EXPECT_EQ(cb.Find("174")->code, "174");
  EXPECT_EQ(cb.Find("1749")->code, "174");  // 4 -> 3 digits
  EXPECT_EQ(cb.Find("0215")->code, "021");
  EXPECT_EQ(cb.Find("059")->code, "050");   // 3 digits -> root + 0
  EXPECT_EQ(cb.Find("0599")->code, "050");  // 4 -> (no 059) -> root + 0
  EXPECT_EQ(cb.FindExact("1749"), nullptr);
  EXPECT_EQ(cb.Find("21"), nullptr);
  EXPECT_EQ(cb.Find("219"), nullptr);
  EXPECT_EQ(cb.Find("080!"), nullptr);
  EXPECT_EQ(cb.Find("042:043"), nullptr);
  EXPECT_EQ(cb.Find(""), nullptr);
  EXPECT_EQ(cb.Find("1"), nullptr);
  EXPECT_EQ(cb.Find("12345"), nullptr);
  EXPECT_EQ(cb.Find(" 174"), nullptr);
}

TEST(CodebookFind, FallsBackToRootWhenBaseCodeMissing) {
  auto r = Codebook::Parse(std::string(kHeader) +
                               "17\tCOERCE\t4\t-7.0\tCOERCE\t\t\n"
                               "174\tExpel or deport individuals\t4\t-5.0\tCOERCE\tdeport\tlegal\n",
                           "mini.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Codebook& cb = **r;
  EXPECT_EQ(cb.size(), 2u);
  EXPECT_EQ(cb.Find("1741")->code, "174");
  EXPECT_EQ(cb.Find("1719")->code, "17");
  EXPECT_EQ(cb.Find("171")->code, "17");
  EXPECT_EQ(cb.Find("18"), nullptr);
  EXPECT_EQ(cb.Find("181"), nullptr);
}

// ---------------------------------------------------------------- malformed tables

struct Bad {
  std::string body;  // rows after the header (line 1 is the header)
  ErrorCode code;
  std::string message;
};

TEST(CodebookParse, RejectsMalformedRows) {
  const std::string ok_row = "174\tExpel or deport individuals\t4\t-5.0\tCOERCE\tdeport\tlegal\n";
  const std::vector<Bad> cases = {
      {ok_row + "173\tArrest\t4\tx\tCOERCE\tarrest\tlegal\n", ErrorCode::kParseError,
       "t.tsv:3: goldstein 'x' is not a number"},
      {"173\tArrest\t4\t\tCOERCE\tarrest\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: goldstein '' is not a number"},
      {"173\tArrest\t4\t-5.0x\tCOERCE\tarrest\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: goldstein '-5.0x' is not a number"},
      {"173\tArrest\t4\tnan\tCOERCE\tarrest\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: goldstein 'nan' is not a number"},
      {"173\tArrest\t4\t-12.5\tCOERCE\tarrest\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: goldstein '-12.5' is outside -10..10"},
      {ok_row + ok_row, ErrorCode::kParseError, "t.tsv:3: duplicate code '174' (first on line 2)"},
      {"174\tExpel\t4\t-5.0\tCOERCE\tdeport\n", ErrorCode::kParseError,
       "t.tsv:2: expected 7 tab-separated columns, found 6"},
      {"174\tExpel\t4\t-5.0\tCOERCE\tdeport\tlegal\textra\n", ErrorCode::kParseError,
       "t.tsv:2: expected 7 tab-separated columns, found 8"},
      {"174\tExpel\t5\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: quad_class '5' is not 1, 2, 3 or 4"},
      {"174\tExpel\tfour\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: quad_class 'four' is not 1, 2, 3 or 4"},
      {"174\tExpel\t3\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: quad_class 3 does not match root 17 (expected 4)"},
      {"214\tExpel\t4\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: code '214' is not a CAMEO code (2-4 digits under a root 01-20)"},
      {"1a4\tExpel\t4\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: code '1a4' is not a CAMEO code (2-4 digits under a root 01-20)"},
      {"17411\tExpel\t4\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: code '17411' is not a CAMEO code (2-4 digits under a root 01-20)"},
      {"1\tExpel\t4\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: code '1' is not a CAMEO code (2-4 digits under a root 01-20)"},
      {"174\t\t4\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: empty name for code '174'"},
      {"174\tExpel \xff\t4\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kEncodingError,
       "t.tsv:2: name of code '174' is not valid UTF-8"},
      {"174\tExpel\x01\t4\t-5.0\tCOERCE\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: name 'Expel\\x01' contains a control character"},
      {"174\tExpel\t4\t-5.0\tcoerce\tdeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: plover_event 'coerce' is not an upper-case name"},
      {"174\tExpel\t4\t-5.0\tCOERCE\tDeport\tlegal\n", ErrorCode::kParseError,
       "t.tsv:2: plover_mode 'Deport' is not a lower-case word"},
      {"174\tExpel\t4\t-5.0\tCOERCE\tdeport\tlegal;\n", ErrorCode::kParseError,
       "t.tsv:2: plover_context 'legal;' is not lower-case words joined by ';'"},
      {"174\tExpel\t4\t-5.0\t\tdeport\t\n", ErrorCode::kParseError,
       "t.tsv:2: plover_mode/plover_context given without a plover_event"},
      {"", ErrorCode::kParseError, "t.tsv: the table lists no codes"},
  };
  for (const Bad& b : cases) {
    SCOPED_TRACE(b.message);
    auto r = Codebook::Parse(std::string(kHeader) + b.body, "t.tsv");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), b.code) << r.status().ToString();
    EXPECT_EQ(r.status().message(), b.message);
  }
}

TEST(CodebookParse, RejectsMissingOrWrongHeader) {
  auto empty = Codebook::Parse("", "t.tsv");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kParseError);
  EXPECT_EQ(empty.status().message(), "t.tsv: no header line (empty table)");

  auto no_header =
      Codebook::Parse("# comment\n174\tExpel\t4\t-5.0\tCOERCE\tdeport\tlegal\n", "t.tsv");
  ASSERT_FALSE(no_header.ok());
  EXPECT_EQ(no_header.status().code(), ErrorCode::kParseError);
  EXPECT_EQ(no_header.status().message().rfind("t.tsv:2: expected the header line", 0), 0u)
      << no_header.status().message();
  EXPECT_NE(no_header.status().message().find("found '174\\x09Expel"), std::string::npos)
      << no_header.status().message();
}

TEST(CodebookParse, AcceptsCommentsBlankLinesAndCrlf) {
  auto r = Codebook::Parse(
      "# a comment\r\n\r\n"
      "code\tname\tquad_class\tgoldstein\tplover_event\tplover_mode\tplover_context\r\n"
      "   \n"
      "# another\n"
      "011\tDecline comment\t1\t-0.1\t\t\t\r\n"
      "174\tExpel or deport individuals\t4\t-5\tCOERCE\tdeport\tlegal",  // no final newline
      "crlf.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ((*r)->size(), 2u);
  const CameoCode* c = (*r)->FindExact("174");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->plover_context, "legal");
  EXPECT_DOUBLE_EQ(c->goldstein, -5.0);
  EXPECT_TRUE((*r)->FindExact("011")->plover_event.empty());
  // Line numbers count comment and blank lines.
  auto bad = Codebook::Parse("# c\n\n" + std::string(kHeader) + "# c\n174\tE\t4\tq\tCOERCE\t\t\n",
                             "n.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "n.tsv:5: goldstein 'q' is not a number");
}

TEST(CodebookParse, LongValuesAreCutInMessages) {
  const std::string big(5000, 'A');
  auto r = Codebook::Parse(std::string(kHeader) + "174\tE\t4\t" + big + "\tCOERCE\t\t\n", "t.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.status().message().size(), 200u);
}

// ---------------------------------------------------------------- files

class CodebookFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dyad_codebook_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& data) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << data;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(CodebookFiles, MissingFileIsNotFoundAndNamed) {
  const std::string p = (dir_ / "nope.tsv").string();
  auto r = Codebook::Load(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find(p), std::string::npos) << r.status().message();
}

TEST_F(CodebookFiles, DirectoryIsIoError) {
  auto r = Codebook::Load(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kIoError);
}

TEST_F(CodebookFiles, ParseErrorsNameFileAndLine) {
  const std::string p = Write("cameo.tsv", std::string(kHeader) + "174\tE\t4\tx\tCOERCE\t\t\n");
  auto r = Codebook::Load(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kParseError);
  EXPECT_EQ(r.status().message(), p + ":2: goldstein 'x' is not a number");
}

TEST_F(CodebookFiles, LoadsAWrittenTable) {
  const std::string p = Write("small.tsv", std::string(kHeader) +
                                               "190\tUse conventional military force\t4\t-10.0"
                                               "\tASSAULT\t\tmilitary\n");
  auto r = Codebook::Load(p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_DOUBLE_EQ((*r)->FindExact("190")->goldstein, -10.0);
}

TEST(CodebookDefaultPath, HonoursDyadDataEnvironment) {
  ::unsetenv("DYAD_DATA");
  EXPECT_EQ(Codebook::DefaultPath(), std::string(DYAD_DATA_DIR) + "/cameo.tsv");
  ::setenv("DYAD_DATA", "/elsewhere", 1);
  EXPECT_EQ(Codebook::DefaultPath(), "/elsewhere/cameo.tsv");
  ::setenv("DYAD_DATA", "", 1);
  EXPECT_EQ(Codebook::DefaultPath(), std::string(DYAD_DATA_DIR) + "/cameo.tsv");
  ::unsetenv("DYAD_DATA");
  auto r = Codebook::Load(Codebook::DefaultPath());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

}  // namespace
}  // namespace dyad
