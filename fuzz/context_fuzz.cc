// libFuzzer target: Annotate over SplitText of arbitrary bytes, with a fake
// event on the first word of every sentence (actors on its neighbours).
//
// Annotate must never crash, hang or read out of bounds; every span it writes
// (PLACE entities) must lie inside the body and every date it writes must be
// empty or a real YYYY-MM-DD.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/context.h"
#include "dyad/text.h"

namespace {
const dyad::ContextAnalyzer* Analyzer() {
  static const dyad::ContextAnalyzer* a = [] {
    auto r = dyad::ContextAnalyzer::Create("");
    if (!r.ok()) __builtin_trap();
    return std::move(r).value().release();
  }();
  return a;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dyad::Article article;
  article.body.assign(reinterpret_cast<const char*>(data), size);
  article.date = size % 2 ? "2025-05-07" : "";
  dyad::Document doc;
  if (!dyad::SplitText(article.body, dyad::TextOptions{}, &doc).ok()) return 0;
  dyad::CodedArticle coded;
  for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const dyad::Sentence& s = doc.sentences[si];
    if (s.token_count == 0) continue;
    const dyad::Token& t = doc.tokens[s.first_token + s.token_count / 2];
    dyad::Event ev;
    ev.sentence = si;
    ev.verb_span = {t.begin, t.end};
    ev.modality = si % 3 ? "asserted" : "negated";
    ev.cameo = "174";
    if (s.token_count > 2) {
      const dyad::Token& a = doc.tokens[s.first_token];
      dyad::Actor actor;
      actor.span = {a.begin, a.end};
      actor.code = "USAGOV";
      ev.source = actor;
    }
    coded.events.push_back(ev);
  }
  Analyzer()->Annotate(article, doc, {}, &coded);
  for (const dyad::Entity& e : coded.entities)
    if (e.span.end > article.body.size() || e.span.begin > e.span.end) __builtin_trap();
  for (const dyad::Event& ev : coded.events) {
    if (!ev.date.value.empty() && !dyad::ParseIsoDate(ev.date.value)) __builtin_trap();
    if (ev.modality.empty()) __builtin_trap();
  }
  return 0;
}
