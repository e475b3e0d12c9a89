// Copyright dyad authors. Issue 19 bar: dated heads of state and government.
// For every REIGN spell that overlaps 1990-2021 and every Wikidata 2021-2022 head
// (../shared/data/leaders), the sentence "<Title> <Name> met <other leader> in
// <capital>." is coded with the default pipeline, dated inside the spell and two
// years after it. Inside, the actor at the start of the sentence must be
// <ISO3>GOV; after, it must not be <ISO3>GOV (ELI or nothing), unless the same
// person is in office again then. At least 95% of the checks pass; every failure
// is printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/dict.h"
#include "dyad/event.h"
#include "dyad/pipeline.h"

namespace dyad {
namespace {

const std::string kLeaders = std::string(DYAD_SHARED_DIR) + "/data/leaders";
constexpr double kRequiredPassRate = 0.95;

// Quoted CSV (RFC 4180 subset: "" inside quotes, no newlines in fields).
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

std::vector<std::map<std::string, std::string>> ReadCsv(const std::string& path) {
  std::vector<std::map<std::string, std::string>> rows;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return rows;
  std::vector<std::string> head = CsvFields(line);
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f = CsvFields(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < head.size(); ++i) row[head[i]] = i < f.size() ? f[i] : "";
    rows.push_back(std::move(row));
  }
  return rows;
}

int Num(const std::string& s) { return s.empty() ? 0 : std::atoi(s.c_str()); }
int Ymd(int y, int m, int d) { return y * 10000 + m * 100 + d; }
std::string DateText(int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  return buf;
}
// Days since 0000-03-01 (civil calendar), for midpoints and "+2 years".
long Days(int d) {
  int y = d / 10000, m = d / 100 % 100, dd = d % 100;
  if (m <= 2) --y, m += 12;
  return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + dd - 1;
}
int FromDays(long n) {
  long y = (10000 * n + 14780) / 3652425;
  long doy = n - (365 * y + y / 4 - y / 100 + y / 400);
  if (doy < 0) {
    --y;
    doy = n - (365 * y + y / 4 - y / 100 + y / 400);
  }
  long mi = (100 * doy + 52) / 3060;
  long mm = (mi + 2) % 12 + 1;
  y += (mi + 2) / 12;
  long dd = doy - (mi * 306 + 5) / 10 + 1;
  return static_cast<int>(y * 10000 + mm * 100 + dd);
}

// "Duvalier, Francois" -> "Francois Duvalier"; "(f)" and "(2nd time)" dropped.
std::string CleanName(std::string s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(') ++depth;
    if (depth == 0 && c != '"') out += c;
    if (c == ')' && depth > 0) --depth;
  }
  auto comma = out.find(',');
  if (comma != std::string::npos) {
    std::string last = out.substr(0, comma), first = out.substr(comma + 1);
    first.erase(0, first.find_first_not_of(' '));
    out = (!first.empty() && first.back() == '-') ? last : first + " " + last;
  }
  std::string norm;
  for (char c : out) {
    if (c == ' ' && (norm.empty() || norm.back() == ' ')) continue;
    norm += c;
  }
  while (!norm.empty() && norm.back() == ' ') norm.pop_back();
  return norm;
}

struct Spell {
  std::string iso, name, title, source, person;
  int from = 0, to = 0;  // to: 0 = open
};

struct Check {
  std::string what;
  bool ok = false;
};

class LeadersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto p = Pipeline::Create(PipelineOptions{});
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = p->release();
  }
  static void TearDownTestSuite() {
    delete pipeline_;
    pipeline_ = nullptr;
  }
  void SetUp() override {
    if (!std::ifstream(kLeaders + "/reign-2021/leaderlist_3_21.csv"))
      GTEST_SKIP() << "no leaders data under " << kLeaders;
  }

  // The code of the actor the sentence starts with ("" when none).
  static std::string FirstActor(const std::string& text, int date) {
    Article a;
    a.id = "leaders";
    a.date = DateText(date);
    a.body = text;
    FinalizeArticle(&a);
    CodedArticle coded;
    if (!pipeline_->Process(a, &coded).ok()) return "<error>";
    for (const Entity& e : coded.entities)
      if (e.span.begin == 0) return e.code;
    return "";
  }

  static Pipeline* pipeline_;
};
Pipeline* LeadersTest::pipeline_ = nullptr;

std::map<std::string, std::string> CowTable() {
  std::map<std::string, std::string> m;
  std::ifstream in(std::string(DYAD_SOURCE_DIR) + "/scripts/actors/cow_iso3.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    std::string abb, num, iso;
    f >> abb >> num >> iso;
    m[abb + " " + num] = iso;
  }
  return m;
}

// Title by regime type (REIGN regime_list): parliamentary -> Prime Minister,
// monarchy -> King/Queen, anything else -> President.
std::string ReignTitle(const std::vector<std::map<std::string, std::string>>& regimes,
                       const std::string& cow, int date, bool female) {
  for (const auto& r : regimes) {
    if (r.at("cowcode") != cow) continue;
    auto d = [](const std::string& s) {
      int m = 0, dd = 0, y = 0;
      if (std::sscanf(s.c_str(), "%d/%d/%d", &m, &dd, &y) != 3) return 0;
      return Ymd(y, m, dd);
    };
    if (d(r.at("gwf_startdate")) <= date && date <= d(r.at("gwf_enddate"))) {
      const std::string& t = r.at("gwf_regimetype");
      if (t.rfind("parliamentary", 0) == 0) return "Prime Minister";
      if (t.rfind("monarchy", 0) == 0) return female ? "Queen" : "King";
      return "President";
    }
  }
  return "President";
}

std::vector<Spell> ReignSpells() {
  std::vector<Spell> out;
  auto cow = CowTable();
  auto regimes = ReadCsv(kLeaders + "/reign-2021/regime_list.csv");
  for (const auto& r : ReadCsv(kLeaders + "/reign-2021/leaderlist_3_21.csv")) {
    auto it = cow.find(r.at("stateabb") + " " + r.at("ccode"));
    if (it == cow.end()) continue;
    Spell s;
    s.iso = it->second;
    s.name = CleanName(r.at("leader"));
    s.from = Ymd(Num(r.at("syear")), Num(r.at("smonth")), std::max(1, Num(r.at("sdate"))));
    int ey = Num(r.at("eyear")), em = Num(r.at("emonth"));
    s.to = ey ? Ymd(ey, em, 28) : 0;
    if (s.to >= 20210201) s.to = 0;  // still in office when the file ends
    s.title = ReignTitle(regimes, r.at("ccode"), s.from, r.at("gender") == "0");
    s.source = "REIGN";
    s.person = s.iso + "|" + s.name;
    if (!s.name.empty()) out.push_back(s);
  }
  return out;
}

// The ISO3 of a country name of the Wikidata file, through dyad's own
// country dictionary ("" when it has no such name).
std::string CountryCode(const Dictionaries& d, const std::string& name) {
  std::vector<std::string> words;
  std::istringstream in(name);
  for (std::string w; in >> w;) words.push_back(w);
  if (!words.empty() && (words[0] == "the" || words[0] == "The")) words.erase(words.begin());
  std::vector<std::string_view> views(words.begin(), words.end());
  DictWords dw;
  d.Prepare(views, &dw);
  ActorMatch m;
  if (!d.MatchActor(dw, 0, 20220101, &m) || m.length != words.size() || m.code == kNone) return "";
  std::string code(d.code(m.code).text);
  return code.size() == 3 ? code : "";
}

std::string WikidataTitle(const std::string& label, const std::string& name) {
  std::string t = label.substr(0, label.find(" of "));
  static const std::set<std::string> kTitles = {
      "President", "Prime Minister", "Premier",  "Chancellor", "King",
      "Queen",     "Emir",           "Sultan",   "Prince",     "Emperor",
      "Pope",      "Supreme Leader", "Chairman", "Grand Duke", "Taoiseach"};
  if (t == "monarch" || t == "Monarch")
    return name.rfind("Elizabeth", 0) == 0 || name.rfind("Margrethe", 0) == 0 ? "Queen" : "King";
  if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  return kTitles.count(t) ? t : "President";
}

TEST_F(LeadersTest, HeadsAreGovernmentInsideTheirSpellAndNotTwoYearsAfter) {
  std::vector<Spell> spells = ReignSpells();
  ASSERT_GT(spells.size(), 2000u);
  auto dicts = LoadDictionaryDir(std::string(DYAD_DATA_DIR) + "/dict", DictOptions{});
  ASSERT_TRUE(dicts.ok());
  std::size_t wikidata = 0, unmapped = 0;
  for (const auto& r : ReadCsv(kLeaders + "/wikidata-2022/wikidata.csv")) {
    Spell s;
    s.iso = CountryCode(**dicts, r.at("country"));
    s.name = CleanName(r.at("officeholderLabel"));
    if (s.iso.empty() || s.name.empty() || s.name[0] == 'Q') {
      ++unmapped;
      continue;
    }
    int sy = Num(r.at("start_year")), ey = Num(r.at("end_year"));
    s.from = Ymd(sy ? sy : 2021, 1, 1);
    s.to = ey ? Ymd(ey, 12, 31) : 0;
    s.title = WikidataTitle(r.at("positionLabel"), s.name);
    s.source = "Wikidata";
    s.person = r.at("officeholder");
    spells.push_back(s);
    ++wikidata;
  }
  // A person heading several countries (the British monarch): any of them is right.
  std::map<std::string, std::set<std::string>> countries_of;
  for (const Spell& s : spells) countries_of[s.person].insert(s.iso);

  static const char* kCapitals[] = {"Geneva", "Addis Ababa", "New Delhi", "Brasilia", "Vienna"};
  std::vector<Check> checks;
  std::size_t n = 0;
  for (const Spell& s : spells) {
    bool reign = s.source == "REIGN";
    int end = s.to ? s.to : (reign ? 20210201 : 20221001);
    if (reign && (end < 19900101 || s.from > 20211231)) continue;
    int inside;
    if (reign) {
      long a = Days(std::max(s.from, 19900101)), b = Days(end);
      inside = FromDays((a + b) / 2);
    } else {
      inside = s.to ? Ymd(std::max(s.from / 10000, s.to / 10000 - 1), 7, 1) : 20221001;
    }
    // The other leader: a head of another country in office that day.
    std::string other = "the Pope";
    for (std::size_t k = 0; k < spells.size(); ++k) {
      const Spell& o = spells[(n * 7919 + k) % spells.size()];
      if (o.iso != s.iso && o.from <= inside && (o.to == 0 || inside <= o.to)) {
        other = o.title + " " + o.name;
        break;
      }
    }
    std::string text = s.title + " " + s.name + " met " + other + " in " + kCapitals[n % 5] + ".";
    ++n;
    auto judge = [&](int date, bool want_gov) {
      std::string code = FirstActor(text, date);
      bool gov = false;
      for (const std::string& iso : countries_of[s.person]) gov |= code == iso + "GOV";
      if (!want_gov) gov = code == s.iso + "GOV";
      Check c;
      c.ok = want_gov == gov;
      c.what = s.source + " " + s.iso + " " + DateText(date) +
               (want_gov ? " in office" : " after") + ": \"" + text + "\" -> " +
               (code.empty() ? "(none)" : code);
      checks.push_back(std::move(c));
    };
    judge(inside, true);
    if (!s.to) continue;
    int after = FromDays(Days(s.to) + 731);
    if (!s.to || after > 20260801) continue;
    // Skip when the same person holds office again then (in any source).
    bool again = false;
    for (const Spell& o : spells) {
      bool same = o.person == s.person ||
                  (o.iso == s.iso &&
                   (o.name == s.name ||
                    (o.name.size() > s.name.size() &&
                     o.name.compare(o.name.size() - s.name.size(), s.name.size(), s.name) == 0)));
      if (same && o.from <= after && (o.to == 0 || after <= o.to)) again = true;
    }
    if (!again) judge(after, false);
  }
  std::size_t passed = 0;
  std::vector<std::string> failures;
  for (const Check& c : checks) {
    if (c.ok)
      ++passed;
    else
      failures.push_back(c.what);
  }
  std::printf(
      "leaders: %zu checks (%zu Wikidata rows, %zu rows with no country or name), %zu pass "
      "(%.1f%%)\n",
      checks.size(), wikidata, unmapped, passed, 100.0 * passed / checks.size());
  for (const std::string& f : failures) std::printf("FAIL %s\n", f.c_str());
  std::fflush(stdout);
  EXPECT_GE(static_cast<double>(passed) / checks.size(), kRequiredPassRate)
      << failures.size() << " checks fail (listed above)";
}

}  // namespace
}  // namespace dyad
