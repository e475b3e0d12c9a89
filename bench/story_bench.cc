// Copyright dyad authors. Story stage throughput: DuplicateIndex::Add over the
// Reuters-21578 bodies (read in place from DYAD_SHARED_DIR), in articles per
// second; fingerprinting alone; EventClusterer::Assign over generated events.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dyad/story.h"

#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif

namespace {

// prefix + number by append (GCC 12 warns falsely on literal + std::string).
std::string Name(const char* prefix, long n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

// "26-FEB-1987 15:01:01.79" -> "1987-02-26".
std::string IsoDate(const std::string& d) {
  static const char* kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  const std::size_t a = d.find('-'), b = d.find('-', a + 1);
  if (a == std::string::npos || b == std::string::npos || b + 5 > d.size()) return "";
  for (int m = 0; m < 12; ++m) {
    if (d.compare(a + 1, b - a - 1, kMonths[m]) != 0) continue;
    char out[16];
    std::snprintf(out, sizeof out, "%s-%02d-%02d", d.substr(b + 1, 4).c_str(), m + 1,
                  std::atoi(d.c_str()));
    return out;
  }
  return "";
}

struct Corpus {
  std::vector<std::string> bodies;
  std::vector<std::string> titles, dates;  // dates as YYYY-MM-DD (empty when unreadable)
  std::size_t bytes = 0;
  bool ok = false;
};

const Corpus& GetCorpus() {
  static Corpus* c = [] {
    auto* c = new Corpus;
    std::string path = std::string(DYAD_SHARED_DIR) + "/data/corpus/reuters21578.jsonl";
    std::ifstream in(path);
    if (!in) {
      std::fprintf(stderr, "%s: cannot open\n", path.c_str());
      return c;
    }
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.is_object()) {
        std::fprintf(stderr, "%s:%zu: not a JSON object, skipped\n", path.c_str(), n);
        continue;
      }
      auto it = j.find("text");
      if (it == j.end() || !it->is_string()) continue;
      c->bodies.push_back(it->get<std::string>());
      auto title = j.find("title");
      c->titles.push_back(title != j.end() && title->is_string() ? title->get<std::string>() : "");
      auto date = j.find("date");
      c->dates.push_back(date != j.end() && date->is_string() ? IsoDate(date->get<std::string>())
                                                              : "");
      c->bytes += c->bodies.back().size();
    }
    c->ok = !c->bodies.empty();
    return c;
  }();
  return *c;
}

// One iteration adds the whole corpus to a fresh index.
void BM_DuplicateIndexAdd(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("reuters21578.jsonl missing");
    return;
  }
  std::size_t duplicates = 0;
  for (auto _ : state) {
    dyad::DuplicateIndex index;
    duplicates = 0;
    for (std::size_t i = 0; i < c.bodies.size(); ++i) {
      duplicates += index.Add(std::to_string(i), c.bodies[i]).has_value();
    }
    benchmark::DoNotOptimize(index.size());
  }
  state.counters["articles/s"] = benchmark::Counter(
      static_cast<double>(c.bodies.size() * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["MB/s"] = benchmark::Counter(
      static_cast<double>(c.bytes * state.iterations()) / 1e6, benchmark::Counter::kIsRate);
  state.counters["articles"] = static_cast<double>(c.bodies.size());
  state.counters["duplicates"] = static_cast<double>(duplicates);
}
BENCHMARK(BM_DuplicateIndexAdd)->Unit(benchmark::kMillisecond);

void BM_Fingerprint(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("reuters21578.jsonl missing");
    return;
  }
  for (auto _ : state) {
    for (const std::string& body : c.bodies) benchmark::DoNotOptimize(dyad::Fingerprint(body));
  }
  state.counters["articles/s"] = benchmark::Counter(
      static_cast<double>(c.bodies.size() * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Fingerprint)->Unit(benchmark::kMillisecond);

// Generated events: happenings of 90 directed dyads and 6 roots over a year,
// each reported by 20 mentions spread over 3 days; interleaved as a feed would.
void BM_ClustererAssign(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  static const char* kCountries[] = {"USA", "LBY", "FRA", "CHN", "RUS",
                                     "IRN", "ISR", "UKR", "GBR", "DEU"};
  std::vector<dyad::ClusterEvent> events;
  events.reserve(n);
  for (int i = 0; i < n; ++i) {
    dyad::ClusterEvent e;
    e.event_id = Name("e", i);
    const int h = (i % 200) + 200 * (i / 4000);  // 200 happenings in flight at once
    e.article_id = Name("a", i / 4);
    e.outlet = Name("outlet", i % 37);
    int day = 1 + (h / 200 * 3 + i % 3) % 28, month = 1 + (h / 2000) % 12;
    char date[16];
    std::snprintf(date, sizeof date, "2025-%02d-%02d", month, day);
    e.article_date = date;
    e.source = dyad::ClusterActor{"", kCountries[h % 10], {"GOV"}};
    e.target = dyad::ClusterActor{"", kCountries[(h / 10 % 9 + 1 + h % 10) % 10], {}};
    static const char* kCodes[] = {"010", "036", "042", "111", "174", "190"};
    e.cameo = kCodes[(h / 90) % 6];
    e.modality = (i % 3 == 0) ? "planned" : "asserted";
    events.push_back(std::move(e));
  }
  std::size_t clusters = 0;
  for (auto _ : state) {
    dyad::EventClusterer c;
    for (const auto& e : events) benchmark::DoNotOptimize(c.Assign(e).ok());
    clusters = c.cluster_count();
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(n * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["clusters"] = static_cast<double>(clusters);
}
BENCHMARK(BM_ClustererAssign)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// Article-level stories over the Reuters-21578 articles in file order (titles,
// bodies, publication dates; no places or events: the story stage alone).
// Arg: 1 = the defaults, 0 = without the main-names rule (its cost).
void BM_ArticleStories(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  auto idf = dyad::IdfTable::Load(dyad::IdfTable::DefaultPath());
  if (!c.ok || !idf.ok()) {
    state.SkipWithError("reuters21578.jsonl or data/story/idf.tsv missing");
    return;
  }
  dyad::CapitalisedPhraseNames names;
  dyad::StoryOptions options;
  options.main_name_disagreement = state.range(0) != 0;
  std::vector<std::size_t> sizes;
  for (auto _ : state) {
    dyad::ArticleStoryClusterer clusterer(*idf, names, options);
    for (std::size_t i = 0; i < c.bodies.size(); ++i) {
      dyad::StoryArticle a;
      a.key = std::to_string(i);
      a.title = c.titles[i];
      a.body = c.bodies[i];
      a.date = c.dates[i];
      benchmark::DoNotOptimize(clusterer.Add(a).ok());
    }
    sizes.clear();
    for (dyad::StoryId id = 1; id <= clusterer.story_count(); ++id) {
      sizes.push_back(clusterer.story(id)->articles.size());
    }
  }
  std::sort(sizes.rbegin(), sizes.rend());
  std::size_t singletons = 0, over10 = 0;
  for (std::size_t n : sizes) {
    singletons += n == 1;
    over10 += n > 10;
  }
  state.counters["articles/s"] = benchmark::Counter(
      static_cast<double>(c.bodies.size() * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["stories"] = static_cast<double>(sizes.size());
  state.counters["largest"] = sizes.empty() ? 0.0 : static_cast<double>(sizes[0]);
  state.counters["singletons"] = static_cast<double>(singletons);
  state.counters["over10"] = static_cast<double>(over10);
}
BENCHMARK(BM_ArticleStories)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
