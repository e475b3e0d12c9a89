// Main text from HTML pages against hand-checked truth: Zyte's article
// extraction benchmark (181 pages, read in place from the shared data; see its
// README for the metric). Prints F1, precision, recall and accuracy by the
// benchmark's own metric, the pages dyad leaves empty, then times HTML reading
// (MB/s on one thread) with Google Benchmark.
//
//   ./build/html_extract_bench                # figures, then the timing
//   ./build/html_extract_bench --list         # also one line per page (worst first)
//   ./build/html_extract_bench --show ID      # the text of the pages whose id starts so
#include <benchmark/benchmark.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dyad/article.h"

namespace {

const std::string kDir = DYAD_SHARED_DIR "/data/html-articles";

struct Page {
  std::string id, url, truth, html;
};

std::string Gunzip(const std::string& path) {
  std::string out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

const std::vector<Page>& Pages() {
  static const std::vector<Page> pages = [] {
    std::vector<Page> out;
    std::ifstream in(kDir + "/truth.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      Page p{j.value("id", ""), j.value("url", ""), j.value("articleBody", ""), ""};
      p.html = Gunzip(kDir + "/html/" + p.id + ".html.gz");
      out.push_back(std::move(p));
    }
    return out;
  }();
  return pages;
}

// The benchmark's tokens: runs of \w (Unicode letters, digits, marks, '_').
std::vector<std::string> Tokens(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  std::int32_t i = 0, n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    const bool word = c >= 0 && (u_isalnum(c) || c == '_' || u_charType(c) == U_NON_SPACING_MARK ||
                                 u_charType(c) == U_COMBINING_SPACING_MARK);
    if (word) {
      cur.append(s, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::map<std::string, int> Shingles(const std::vector<std::string>& t) {
  std::map<std::string, int> out;
  const std::size_t k = std::min<std::size_t>(4, t.size());
  for (std::size_t i = 0; k > 0 && i + k <= t.size(); ++i) {
    std::string key;
    for (std::size_t j = i; j < i + k; ++j) key += t[j] + '\x1f';
    ++out[key];
  }
  return out;
}

// The text dyad extracts from a page: the body of the one article it reads.
std::string Extract(const Page& p) {
  dyad::ReadOptions o;
  o.format = dyad::Format::kHtml;
  auto r = dyad::ReadArticlesFromBuffer(p.html, p.id + ".html", o);
  if (!r.ok() || r->empty()) return "";
  return (*r)[0].body;
}

struct Score {
  double precision = 0, recall = 0;
  bool empty = false, exact = false;
};

Score ScorePage(const std::string& got, const std::string& truth) {
  Score s;
  std::vector<std::string> gt = Tokens(got), tt = Tokens(truth);
  s.exact = gt == tt;
  std::map<std::string, int> g = Shingles(gt), t = Shingles(tt);
  long matched = 0, extra = 0, missed = 0;
  for (const auto& [k, n] : g) {
    auto it = t.find(k);
    const int m = it == t.end() ? 0 : std::min(n, it->second);
    matched += m;
    extra += n - m;
  }
  for (const auto& [k, n] : t) {
    auto it = g.find(k);
    missed += n - (it == g.end() ? 0 : std::min(n, it->second));
  }
  s.empty = gt.empty();
  s.precision = matched + extra ? static_cast<double>(matched) / (matched + extra) : 0;
  s.recall = matched + missed ? static_cast<double>(matched) / (matched + missed) : 1;
  return s;
}

void PrintFigures(bool list) {
  const auto& pages = Pages();
  double p_sum = 0, r_sum = 0;
  int nonempty = 0, exact = 0, empty_with_truth = 0;
  std::vector<std::pair<double, std::string>> per_page;
  for (const Page& p : pages) {
    Score s = ScorePage(Extract(p), p.truth);
    if (!s.empty) {
      p_sum += s.precision;
      ++nonempty;
    } else if (!Tokens(p.truth).empty()) {
      ++empty_with_truth;
    }
    r_sum += s.recall;
    exact += s.exact;
    const double f =
        s.precision + s.recall ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
    per_page.emplace_back(f, p.id.substr(0, 12) + "  P " +
                                 std::to_string(s.precision).substr(0, 5) + "  R " +
                                 std::to_string(s.recall).substr(0, 5) + "  " + p.url);
  }
  const double precision = nonempty ? p_sum / nonempty : 0;
  const double recall = pages.empty() ? 0 : r_sum / static_cast<double>(pages.size());
  const double f1 = precision + recall ? 2 * precision * recall / (precision + recall) : 0;
  std::printf(
      "html-articles: %zu pages  F1 %.3f  precision %.3f  recall %.3f  accuracy %.3f  "
      "empty where the truth is not: %d\n",
      pages.size(), f1, precision, recall,
      pages.empty() ? 0.0 : static_cast<double>(exact) / pages.size(), empty_with_truth);
  if (list) {
    std::sort(per_page.begin(), per_page.end());
    for (const auto& [f, line] : per_page) std::printf("  F1 %.3f  %s\n", f, line.c_str());
  }
  std::fflush(stdout);
}

void BM_ReadHtmlPages(benchmark::State& state) {
  const auto& pages = Pages();
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const Page& p : pages) {
      std::string body = Extract(p);
      benchmark::DoNotOptimize(body.data());
      bytes += p.html.size();
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ReadHtmlPages)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  bool list = false;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--show") == 0 && i + 1 < argc) {
      for (const Page& p : Pages()) {
        if (p.id.rfind(argv[i + 1], 0) == 0) std::printf("%s\n", Extract(p).c_str());
      }
      return 0;
    }
    if (std::strcmp(argv[i], "--list") == 0) {
      list = true;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (Pages().empty()) {
    std::fprintf(stderr, "html_extract_bench: no pages under %s\n", kDir.c_str());
    return 1;
  }
  PrintFigures(list);
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
