// Copyright dyad authors. Parser throughput on UD English EWT test sentences
// (read in place from DYAD_SHARED_DIR): parsing only, with the tags the shipped
// tagger predicts computed beforehand; and the time to load the model.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "dyad/parser.h"
#include "dyad/tagger.h"
#include "tagger/conllu.h"

#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif

namespace {

struct Corpus {
  dyad::tagger::ConlluFile file;
  std::vector<std::vector<std::string_view>> sentences;
  std::vector<std::vector<dyad::PosTag>> tags;
  std::size_t tokens = 0;
  std::unique_ptr<dyad::Parser> parser;
  bool ok = false;
};

const Corpus& GetCorpus() {
  static Corpus* c = [] {
    auto* c = new Corpus;
    std::string path = std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-test.conllu";
    dyad::Status s = dyad::tagger::ReadConllu(path, 0, &c->file);
    auto t = dyad::Tagger::Load(dyad::Tagger::DefaultPath());
    auto p = dyad::Parser::Load(dyad::Parser::DefaultPath());
    if (!s.ok() || !t.ok() || !p.ok()) {
      std::fprintf(stderr, "%s %s %s\n", s.ToString().c_str(), t.status().ToString().c_str(),
                   p.status().ToString().c_str());
      return c;
    }
    dyad::TaggerScratch scratch;
    for (const auto& sent : c->file.sentences) {
      std::vector<std::string_view> words;
      for (const auto& w : sent.words) words.push_back(w.form);
      std::vector<dyad::PosTag> tags(words.size());
      (*t)->Tag(words, nullptr, &scratch, tags.data());
      c->tokens += words.size();
      c->sentences.push_back(std::move(words));
      c->tags.push_back(std::move(tags));
    }
    c->parser = std::move(*p);
    c->ok = true;
    return c;
  }();
  return *c;
}

void BM_Parse(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("corpus or model missing");
    return;
  }
  dyad::ParserScratch scratch;
  std::vector<dyad::DepArc> arcs(512);
  for (auto _ : state) {
    for (std::size_t i = 0; i < c.sentences.size(); ++i) {
      const auto& s = c.sentences[i];
      if (arcs.size() < s.size()) arcs.resize(s.size());
      c.parser->Parse(s, c.tags[i], &scratch, std::span(arcs.data(), s.size()));
      benchmark::DoNotOptimize(arcs.data());
    }
  }
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(c.sentences.size()) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(c.tokens) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

void BM_Load(benchmark::State& state) {
  for (auto _ : state) {
    auto p = dyad::Parser::Load(dyad::Parser::DefaultPath());
    if (!p.ok()) {
      state.SkipWithError(p.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(p->get());
  }
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
