// ECB+ story benchmark (docs/formats/stories.md, "Measured on ECB+").
//
// ECB+ (../shared/data/ecbplus/ECB+/<topic>/<topic>_<n>ecb[plus].xml) has 982
// articles in 43 topics; each topic holds two different real-world happenings
// of the same kind: the "ecb" articles report one, the "ecbplus" articles the
// other. The gold story of an article is its (topic, ecb|ecbplus) pair.
//
//   ecbplus_bench --jsonl OUT.jsonl         the articles as JSON lines for `dyad ingest`
//   ecbplus_bench --score DB                scores the stories of a store that ingested them
//   ecbplus_bench --score DB --sweep        also rebuilds the stories at several thresholds,
//                                           words only and full profile (the store is rewritten)
//
// Scores: B-cubed precision/recall/F1 and pairwise precision/recall/F1 against
// the happening (topic + ecb/ecbplus) and against the topic; the share of
// topics whose two happenings are kept apart (strictly: no story holds
// articles of both; by majority: the largest story of each happening differs);
// and the baselines "one story per topic" and "every article alone".
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/store.h"
#include "dyad/story.h"

#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif

namespace {

namespace fs = std::filesystem;

std::string Unescape(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
  for (const auto& [from, to] : kEntities) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) {
      s.replace(p, std::string(from).size(), to);
    }
  }
  return s;
}

bool NoSpaceBefore(const std::string& t) {
  static const std::set<std::string> kTight = {",", ".",   ";",   ":",   "!",  "?",
                                               ")", "]",   "'s",  "n't", "'",  "''",
                                               "%", "'re", "'ve", "'ll", "'d", "'m"};
  return kTight.count(t) != 0;
}

// The article text from its tokens: sentences on their own lines.
std::string Detokenise(const std::string& xml) {
  std::string out;
  int sentence = -1;
  bool tight_next = false;
  for (std::size_t p = xml.find("<token "); p != std::string::npos;
       p = xml.find("<token ", p + 1)) {
    const std::size_t s = xml.find("sentence=\"", p);
    const std::size_t gt = xml.find('>', p);
    const std::size_t end = xml.find("</token>", gt);
    if (s == std::string::npos || gt == std::string::npos || end == std::string::npos) break;
    const int sent = std::atoi(xml.c_str() + s + 10);
    std::string tok = Unescape(xml.substr(gt + 1, end - gt - 1));
    if (tok == "``" || tok == "''") tok = "\"";
    if (sent != sentence) {
      if (!out.empty()) out += '\n';
      sentence = sent;
    } else if (!tight_next && !NoSpaceBefore(tok)) {
      out += ' ';
    }
    tight_next = tok == "(" || tok == "[" || tok == "$";
    out += tok;
  }
  return out;
}

struct Doc {
  std::string id;     // "1_10ecb"
  std::string topic;  // "1"
  std::string gold;   // "1/ecb" or "1/ecbplus"
  std::string text;
};

std::vector<Doc> ReadCorpus(const std::string& root) {
  std::vector<Doc> docs;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".xml") continue;
    Doc d;
    d.id = name.substr(0, name.size() - 4);
    d.topic = d.id.substr(0, d.id.find('_'));
    d.gold = d.topic +
             (d.id.size() > 7 && d.id.substr(d.id.size() - 7) == "ecbplus" ? "/ecbplus" : "/ecb");
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    d.text = Detokenise(ss.str());
    docs.push_back(std::move(d));
  }
  std::sort(docs.begin(), docs.end(), [](const Doc& a, const Doc& b) {
    return std::tie(a.topic, a.id) < std::tie(b.topic, b.id);
  });
  return docs;
}

struct Prf {
  double p = 0, r = 0, f = 0;
};
Prf Make(double p, double r) { return {p, r, p + r > 0 ? 2 * p * r / (p + r) : 0}; }

// B-cubed and pairwise scores of `system` (article -> cluster) against `gold`.
std::pair<Prf, Prf> Score(const std::map<std::string, std::string>& system,
                          const std::map<std::string, std::string>& gold) {
  std::map<std::string, std::vector<std::string>> sys_members, gold_members;
  for (const auto& [a, c] : system) sys_members[c].push_back(a);
  for (const auto& [a, c] : gold) gold_members[c].push_back(a);
  double bp = 0, br = 0, pairs_sys = 0, pairs_gold = 0, pairs_both = 0;
  for (const auto& [a, c] : system) {
    const auto& mine = sys_members[c];
    const std::string& g = gold.at(a);
    double same = 0;
    for (const std::string& b : mine) same += gold.at(b) == g;
    bp += same / mine.size();
    br += same / gold_members[g].size();
  }
  for (const auto& [c, m] : sys_members) {
    pairs_sys += m.size() * (m.size() - 1) / 2.0;
    std::map<std::string, double> by_gold;
    for (const std::string& a : m) by_gold[gold.at(a)] += 1;
    for (const auto& [g, n] : by_gold) pairs_both += n * (n - 1) / 2;
  }
  for (const auto& [g, m] : gold_members) pairs_gold += m.size() * (m.size() - 1) / 2.0;
  const double n = system.size();
  return {Make(bp / n, br / n),
          Make(pairs_sys ? pairs_both / pairs_sys : 1, pairs_gold ? pairs_both / pairs_gold : 1)};
}

// Topics whose two happenings are kept apart: strictly (no story holds
// articles of both) and by majority (their largest stories differ).
// `merged` receives the topics not kept apart by majority.
std::pair<int, int> KeptApart(const std::vector<Doc>& docs,
                              const std::map<std::string, std::string>& system, int* topics,
                              std::string* merged) {
  std::map<std::string, std::map<std::string, std::map<std::string, int>>>
      count;  // topic, gold, story
  for (const Doc& d : docs) count[d.topic][d.gold][system.at(d.id)]++;
  int strict = 0, majority = 0;
  *topics = 0;
  for (const auto& [topic, golds] : count) {
    if (golds.size() != 2) continue;
    ++*topics;
    const auto& a = golds.begin()->second;
    const auto& b = std::next(golds.begin())->second;
    bool shared = false;
    for (const auto& [s, n] : a) shared = shared || b.count(s);
    strict += !shared;
    auto top = [](const std::map<std::string, int>& m) {
      return std::max_element(m.begin(), m.end(),
                              [](const auto& x, const auto& y) { return x.second < y.second; })
          ->first;
    };
    majority += top(a) != top(b);
    if (top(a) == top(b)) *merged += " " + topic;
  }
  return {strict, majority};
}

void Report(const char* name, const std::vector<Doc>& docs,
            const std::map<std::string, std::string>& system) {
  std::map<std::string, std::string> happening, topic;
  for (const Doc& d : docs) {
    happening[d.id] = d.gold;
    topic[d.id] = d.topic;
  }
  auto [b3, pw] = Score(system, happening);
  auto [tb3, tpw] = Score(system, topic);
  int topics = 0;
  std::string merged;
  auto [strict, majority] = KeptApart(docs, system, &topics, &merged);
  std::set<std::string> clusters;
  for (const auto& [a, c] : system) clusters.insert(c);
  std::printf(
      "%-28s stories %4zu | happening B3 P %.3f R %.3f F1 %.3f, pairwise P %.3f R %.3f F1 %.3f | "
      "topic B3 F1 %.3f, pairwise F1 %.3f | apart %d/%d strict, %d/%d majority | merged:%s\n",
      name, clusters.size(), b3.p, b3.r, b3.f, pw.p, pw.r, pw.f, tb3.f, tpw.f, strict, topics,
      majority, topics, merged.c_str());
}

int WriteJsonl(const std::vector<Doc>& docs, const std::string& out_path) {
  std::ofstream out(out_path);
  for (const Doc& d : docs) {
    nlohmann::json j = {{"id", d.id}, {"text", d.text}};
    out << j.dump() << '\n';
  }
  std::printf("%zu articles written to %s\n", docs.size(), out_path.c_str());
  return out ? 0 : 1;
}

// The stories of the store, as input id -> story id.
dyad::Result<std::map<std::string, std::string>> StoriesOf(dyad::Store& store) {
  auto stories = store.Stories();
  if (!stories.ok()) return stories.status();
  std::map<std::string, std::string> system;
  for (const dyad::StoryInfo& st : *stories) {
    auto links = store.StoryLinks(st.id);
    if (!links.ok()) return links.status();
    for (const dyad::StoryLinkInfo& l : *links) system[l.article_ref] = std::to_string(st.id);
  }
  return system;
}

int ScoreStore(const std::vector<Doc>& docs, const std::string& db, bool sweep) {
  auto store = dyad::Store::Open(db);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  std::map<std::string, std::string> per_topic, alone;
  for (const Doc& d : docs) {
    per_topic[d.id] = d.topic;
    alone[d.id] = d.id;
  }
  Report("baseline: one story/topic", docs, per_topic);
  Report("baseline: every article alone", docs, alone);
  auto score_store = [&](const char* name) {
    auto system = StoriesOf(**store);
    if (!system.ok() || system->size() != docs.size()) {
      std::fprintf(stderr, "store %s: %zu of %zu articles in stories\n", db.c_str(),
                   system.ok() ? system->size() : 0, docs.size());
      return false;
    }
    Report(name, docs, *system);
    return true;
  };
  if (!score_store("dyad (as stored)")) return 1;
  if (!sweep) return 0;
  auto idf = dyad::IdfTable::Load(dyad::IdfTable::DefaultPath());
  if (!idf.ok()) return 1;
  // The main-names rule off, and on at several mention counts.
  for (int mentions : {0, 2, 3, 4}) {
    dyad::StoryOptions o;
    o.main_name_disagreement = mentions > 0;
    if (mentions > 0) o.main_name_mentions = mentions;
    if (!dyad::RebuildStories(**store, {}, {}, o, *idf).ok()) return 1;
    char name[64];
    std::snprintf(name, sizeof name, "main names %s (%d)", mentions > 0 ? "on" : "off", mentions);
    if (!score_store(name)) return 1;
  }
  // Each refusal rule on and off.
  for (int rules = 0; rules < 4; ++rules) {
    dyad::StoryOptions o;
    o.place_disagreement = rules & 1;
    o.dateline_dates = rules & 2;
    if (!dyad::RebuildStories(**store, {}, {}, o, *idf).ok()) return 1;
    char name[64];
    std::snprintf(name, sizeof name, "places %s, datelines %s", rules & 1 ? "on" : "off",
                  rules & 2 ? "on" : "off");
    if (!score_store(name)) return 1;
  }
  for (bool words_only : {true, false}) {
    for (double t : {0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45}) {
      dyad::StoryOptions o;
      o.join_threshold = t;
      if (words_only) o.name_weight = o.place_weight = o.event_weight = o.year_penalty = 0;
      auto r = dyad::RebuildStories(**store, {}, {}, o, *idf);
      if (!r.ok()) return 1;
      char name[64];
      std::snprintf(name, sizeof name, "%s threshold %.2f", words_only ? "words only" : "dyad", t);
      if (!score_store(name)) return 1;
    }
  }
  // Leave the store as the defaults build it.
  return dyad::RebuildStories(**store).ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string root = std::string(DYAD_SHARED_DIR) + "/data/ecbplus/ECB+";
  std::string jsonl, db;
  bool sweep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--jsonl" && i + 1 < argc)
      jsonl = argv[++i];
    else if (a == "--score" && i + 1 < argc)
      db = argv[++i];
    else if (a == "--root" && i + 1 < argc)
      root = argv[++i];
    else if (a == "--sweep")
      sweep = true;
    else {
      std::fprintf(stderr,
                   "usage: ecbplus_bench [--root DIR] (--jsonl OUT | --score DB [--sweep])\n");
      return 2;
    }
  }
  const std::vector<Doc> docs = ReadCorpus(root);
  if (docs.empty()) {
    std::fprintf(stderr, "no ECB+ articles under %s\n", root.c_str());
    return 1;
  }
  if (!jsonl.empty()) return WriteJsonl(docs, jsonl);
  if (!db.empty()) return ScoreStore(docs, db, sweep);
  std::fprintf(stderr, "usage: ecbplus_bench [--root DIR] (--jsonl OUT | --score DB [--sweep])\n");
  return 2;
}
