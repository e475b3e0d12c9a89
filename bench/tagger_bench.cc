// Copyright dyad authors. Tagger and chunker throughput on UD English EWT test
// sentences (read in place from DYAD_SHARED_DIR), in tokens per second. The model
// is $DYAD_TAGGER_MODEL or the shipped one; one trained with WordNet classes gets
// the WordNet lexicon (its load is not timed).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "dyad/lexicon.h"
#include "dyad/tagger.h"
#include "tagger/conllu.h"

#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif
#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "data"
#endif

namespace {

struct Corpus {
  dyad::tagger::ConlluFile file;
  std::vector<std::vector<std::string_view>> sentences;
  std::size_t tokens = 0;
  std::unique_ptr<dyad::Tagger> tagger;
  std::unique_ptr<dyad::Lexicon> lexicon;  // WordNet, for a model that uses it; else null
  bool ok = false;
};

const Corpus& GetCorpus() {
  static Corpus* c = [] {
    auto* c = new Corpus;
    std::string path = std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-test.conllu";
    dyad::Status s = dyad::tagger::ReadConllu(path, 0, &c->file);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return c;
    }
    for (const auto& sent : c->file.sentences) {
      std::vector<std::string_view> words;
      for (const auto& w : sent.words) words.push_back(w.form);
      c->tokens += words.size();
      c->sentences.push_back(std::move(words));
    }
    auto t = dyad::Tagger::Load(dyad::Tagger::DefaultPath());
    if (!t.ok()) {
      std::fprintf(stderr, "%s\n", t.status().ToString().c_str());
      return c;
    }
    c->tagger = std::move(*t);
    if (c->tagger->UsesLexicon()) {
      auto lex = dyad::Lexicon::Load(dyad::Lexicon::DefaultDirectory());
      if (!lex.ok()) {
        std::fprintf(stderr, "%s\n", lex.status().ToString().c_str());
        return c;
      }
      c->lexicon = std::move(*lex);
    }
    c->ok = true;
    return c;
  }();
  return *c;
}

void BM_Tag(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("corpus or model missing");
    return;
  }
  dyad::TaggerScratch scratch;
  std::vector<dyad::PosTag> tags(512);
  for (auto _ : state) {
    for (const auto& s : c.sentences) {
      if (tags.size() < s.size()) tags.resize(s.size());
      c.tagger->Tag(s, c.lexicon.get(), &scratch, tags.data());
      benchmark::DoNotOptimize(tags.data());
    }
  }
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(c.tokens) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tag)->Unit(benchmark::kMillisecond);

void BM_TagAndChunk(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("corpus or model missing");
    return;
  }
  dyad::TaggerScratch scratch;
  std::vector<dyad::PosTag> tags(512);
  dyad::Chunks chunks;
  for (auto _ : state) {
    for (const auto& s : c.sentences) {
      if (tags.size() < s.size()) tags.resize(s.size());
      c.tagger->Tag(s, c.lexicon.get(), &scratch, tags.data());
      dyad::ChunkSentence(s, std::span<const dyad::PosTag>(tags.data(), s.size()), &chunks);
      benchmark::DoNotOptimize(chunks.chunks.data());
    }
  }
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(c.tokens) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagAndChunk)->Unit(benchmark::kMillisecond);

// Accuracy figures alongside the speed (once).
void BM_Accuracy(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("corpus or model missing");
    return;
  }
  dyad::TagAccuracy acc;
  dyad::ChunkEvaluation ev;
  for (auto _ : state) {
    auto a = dyad::EvaluateTagger(*c.tagger, c.file.path, c.lexicon.get());
    auto e = dyad::EvaluateChunker(c.tagger.get(), c.file.path, c.lexicon.get());
    if (!a.ok() || !e.ok()) {
      state.SkipWithError("evaluation failed");
      return;
    }
    acc = *a;
    ev = *e;
  }
  state.counters["upos%"] = 100 * acc.upos();
  state.counters["xpos%"] = 100 * acc.xpos();
  state.counters["np_f1"] = ev.np.f1();
  state.counters["vg_f1"] = ev.vg.f1();
}
BENCHMARK(BM_Accuracy)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
