// Copyright dyad authors. Name finder throughput, in tokens per second on one
// thread, over the first 2,000 Reuters-21578 articles (read in place from
// DYAD_SHARED_DIR), split and tagged once beforehand: BM_FindNames is the
// sentence labeller alone (in document mode, with its memory of the article's
// earlier sentences, as the pipeline runs it), BM_DocumentNames adds linking.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/lexicon.h"
#include "dyad/names.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif

namespace {

struct Doc {
  std::string body;
  dyad::Document doc;
  std::vector<dyad::PosTag> tags;
};

struct Corpus {
  std::vector<Doc> docs;
  std::size_t tokens = 0;
  std::unique_ptr<dyad::NameFinder> finder;
  bool ok = false;
};

const Corpus& GetCorpus() {
  static Corpus* c = [] {
    auto* c = new Corpus;
    auto reader = dyad::OpenArticleReader(
        std::string(DYAD_SHARED_DIR) + "/data/corpus/reuters21578.jsonl", dyad::ReadOptions{});
    auto tagger = dyad::Tagger::Load(dyad::Tagger::DefaultPath());
    auto finder = dyad::NameFinder::Load(dyad::NameFinder::DefaultPath());
    auto lex = dyad::Lexicon::Load(dyad::Lexicon::DefaultDirectory());
    if (!reader.ok() || !tagger.ok() || !finder.ok() || !lex.ok()) {
      std::fprintf(stderr, "corpus, tagger, lexicon or names model missing\n");
      return c;
    }
    c->docs.reserve(2000);
    dyad::Article a;
    dyad::TaggerScratch ts;
    while (c->docs.size() < 2000) {
      auto more = (*reader)->Next(&a);
      if (!more.ok() || !*more) break;
      c->docs.emplace_back();
      Doc& d = c->docs.back();
      d.body = a.body;
      if (!dyad::SplitText(d.body, dyad::TextOptions{}, &d.doc).ok()) {
        c->docs.pop_back();
        continue;
      }
      (*tagger)->TagDocument(d.doc, lex->get(), &ts, &d.tags);
      c->tokens += d.doc.tokens.size();
    }
    for (Doc& d : c->docs) d.doc.body = d.body;  // the strings moved while the vector grew
    c->finder = std::move(*finder);
    c->ok = true;
    return c;
  }();
  return *c;
}

void BM_FindNames(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("corpus or model missing");
    return;
  }
  dyad::NameScratch scratch;
  std::vector<std::string_view> words;
  std::vector<dyad::NameSpan> found;
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      c.finder->StartDocument(&scratch);
      for (const dyad::Sentence& s : d.doc.sentences) {
        words.clear();
        for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t)
          words.push_back(d.doc.TokenText(d.doc.tokens[t]));
        c.finder->FindInDocument(
            words, std::span<const dyad::PosTag>(d.tags).subspan(s.first_token, s.token_count),
            &scratch, &found);
        benchmark::DoNotOptimize(found.data());
      }
    }
  }
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(c.tokens) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FindNames)->Unit(benchmark::kMillisecond);

// The labeller in whole-document mode (two passes, as FindDocumentNames and
// so the pipeline run it), without linking.
void BM_FindDocument(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("corpus or model missing");
    return;
  }
  dyad::NameScratch scratch;
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> ends;
  std::vector<dyad::PosTag> tags;
  std::vector<dyad::NameSpan> found;
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      words.clear();
      ends.clear();
      tags.clear();
      for (const dyad::Sentence& s : d.doc.sentences) {
        for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t) {
          words.push_back(d.doc.TokenText(d.doc.tokens[t]));
          tags.push_back(d.tags[t]);
        }
        ends.push_back(static_cast<std::uint32_t>(words.size()));
      }
      c.finder->FindDocument(words, ends, tags, &scratch, &found);
      benchmark::DoNotOptimize(found.data());
    }
  }
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(c.tokens) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FindDocument)->Unit(benchmark::kMillisecond);

void BM_DocumentNames(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("corpus or model missing");
    return;
  }
  dyad::NameScratch scratch;
  std::vector<dyad::NameMention> mentions;
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      dyad::FindDocumentNames(*c.finder, d.doc, d.tags, &scratch, &mentions);
      benchmark::DoNotOptimize(mentions.data());
    }
  }
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(c.tokens) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DocumentNames)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
