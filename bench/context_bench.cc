// Copyright dyad authors. Context stage throughput (ContextAnalyzer::Annotate)
// on the first 2,000 current-events bullets (read in place from
// DYAD_SHARED_DIR), with and without dependency trees: one event per sentence
// on the parser's root word, tagged and parsed once before timing. Reports
// events per second.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstdio>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dyad/context.h"
#include "dyad/parser.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif

namespace {

struct Item {
  dyad::Article article;
  dyad::Document doc;
  std::vector<dyad::PosTag> tags;
  std::vector<dyad::DepArc> arcs;
  dyad::CodedArticle coded;  // the events before annotation
};

struct Corpus {
  std::deque<Item> items;
  std::size_t events = 0;
  std::unique_ptr<dyad::ContextAnalyzer> context;
  std::unique_ptr<dyad::Tagger> tagger;
  std::unique_ptr<dyad::Parser> parser;
  bool ok = false;
};

std::vector<std::string> ReadBullets(std::size_t n) {
  std::vector<std::string> out;
  std::string path =
      std::string(DYAD_SHARED_DIR) + "/data/current-events/current-events-2002-2021.jsonl.gz";
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return out;
  std::string line;
  char buf[1 << 16];
  while (out.size() < n && gzgets(f, buf, sizeof buf)) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (j.is_object() && j.contains("text") && j["text"].is_string())
      out.push_back(j["text"].get<std::string>() + "\t" + j.value("date", ""));
  }
  gzclose(f);
  return out;
}

// One event per sentence on the root word (cameo 190).
void AddRootEvents(Item* it, std::size_t* events) {
  for (std::uint32_t si = 0; si < it->doc.sentences.size(); ++si) {
    const dyad::Sentence& s = it->doc.sentences[si];
    for (std::uint32_t k = 0; k < s.token_count; ++k) {
      if (it->arcs[s.first_token + k].head != dyad::kRootHead) continue;
      const dyad::Token& t = it->doc.tokens[s.first_token + k];
      dyad::Event ev;
      ev.sentence = si;
      ev.cameo = "190";
      ev.modality = "asserted";
      ev.verb_span = {t.begin, t.end};
      it->coded.events.push_back(std::move(ev));
      ++*events;
      break;
    }
  }
}

const Corpus& GetCorpus() {
  static Corpus* c = [] {
    auto* c = new Corpus;
    auto ctx = dyad::ContextAnalyzer::Create("");
    auto tagger = dyad::Tagger::Load(dyad::Tagger::DefaultPath());
    auto parser = dyad::Parser::Load(dyad::Parser::DefaultPath());
    if (!ctx.ok() || !tagger.ok() || !parser.ok()) {
      std::fprintf(stderr, "context bench: gazetteer, tagger or parser model missing\n");
      return c;
    }
    c->context = std::move(*ctx);
    c->tagger = std::move(*tagger);
    c->parser = std::move(*parser);
    dyad::TaggerScratch ts;
    dyad::ParserScratch ps;
    std::vector<std::string_view> words;
    for (std::string& line : ReadBullets(2000)) {
      Item& it = c->items.emplace_back();
      std::size_t tab = line.rfind('\t');
      it.article.date = line.substr(tab + 1);
      it.article.body = line.substr(0, tab);
      if (!dyad::SplitText(it.article.body, dyad::TextOptions{}, &it.doc).ok()) continue;
      c->tagger->TagDocument(it.doc, nullptr, &ts, &it.tags);
      it.arcs.assign(it.doc.tokens.size(), dyad::DepArc{dyad::kNoHead, 0});
      for (const dyad::Sentence& s : it.doc.sentences) {
        words.clear();
        for (std::uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k)
          words.push_back(it.doc.TokenText(it.doc.tokens[k]));
        c->parser->Parse(words, std::span(it.tags).subspan(s.first_token, s.token_count), &ps,
                         std::span(it.arcs).subspan(s.first_token, s.token_count));
      }
      AddRootEvents(&it, &c->events);
    }
    c->ok = c->events > 0;
    return c;
  }();
  return *c;
}

void BM_Annotate(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.ok) {
    state.SkipWithError("corpus or models missing");
    return;
  }
  const bool trees = state.range(0) != 0;
  dyad::CodedArticle coded;
  for (auto _ : state) {
    for (const Item& it : c.items) {
      coded = it.coded;
      dyad::DocumentTrees t;
      if (trees) t = {it.arcs, c.parser.get()};
      c.context->Annotate(it.article, it.doc, it.tags, &coded, t);
      benchmark::DoNotOptimize(coded.events.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.events));
  state.counters["events"] = static_cast<double>(c.events);
}
BENCHMARK(BM_Annotate)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
