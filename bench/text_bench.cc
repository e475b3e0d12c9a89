// Benchmarks of the text and lexicon stages on the Reuters-21578 texts (read
// in place from the shared data directory).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dyad/lexicon.h"
#include "dyad/text.h"

namespace {

const std::vector<std::string>& ReutersTexts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    std::ifstream in(DYAD_SHARED_DIR "/data/corpus/reuters21578.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("text") && j["text"].is_string()) {
        out.push_back(j["text"].get<std::string>());
      }
    }
    return out;
  }();
  return texts;
}

// Sentence splitting + tokenizing, bytes of body per second.
void BM_SplitText(benchmark::State& state) {
  const auto& texts = ReutersTexts();
  if (texts.empty()) {
    state.SkipWithError("no Reuters texts at " DYAD_SHARED_DIR "/data/corpus/reuters21578.jsonl");
    return;
  }
  dyad::Document doc;
  const dyad::TextOptions options;
  std::int64_t bytes = 0, tokens = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      if (!dyad::SplitText(t, options, &doc).ok()) state.SkipWithError("SplitText failed");
      tokens += static_cast<std::int64_t>(doc.tokens.size());
      bytes += static_cast<std::int64_t>(t.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SplitText)->Unit(benchmark::kMillisecond);

// Lexicon::Lemma per word token (as a verb and as a noun).
void BM_Lemma(benchmark::State& state) {
  auto lex = dyad::Lexicon::Load(dyad::Lexicon::DefaultDirectory());
  if (!lex.ok()) {
    state.SkipWithError(lex.status().ToString().c_str());
    return;
  }
  const auto& texts = ReutersTexts();
  std::vector<std::string_view> words;
  dyad::Document doc;
  for (std::size_t i = 0; i < texts.size() && words.size() < 200000; ++i) {
    if (!dyad::SplitText(texts[i], {}, &doc).ok()) continue;
    for (const dyad::Token& t : doc.tokens) {
      if (t.kind == dyad::TokenKind::kWord) words.push_back(doc.TokenText(t));
    }
  }
  std::string scratch;
  std::int64_t n = 0;
  for (auto _ : state) {
    for (std::string_view w : words) {
      benchmark::DoNotOptimize((*lex)->Lemma(w, dyad::WordClass::kVerb, &scratch));
      benchmark::DoNotOptimize((*lex)->Lemma(w, dyad::WordClass::kNoun, &scratch));
    }
    n += static_cast<std::int64_t>(words.size());
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_Lemma)->Unit(benchmark::kMillisecond);

// WordNet load time.
void BM_LexiconLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto lex = dyad::Lexicon::Load(dyad::Lexicon::DefaultDirectory());
    if (!lex.ok()) state.SkipWithError(lex.status().ToString().c_str());
    benchmark::DoNotOptimize(lex);
  }
}
BENCHMARK(BM_LexiconLoad)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
