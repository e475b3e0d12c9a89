// Copyright dyad authors. Helpers for the context tests: articles whose events
// are built by hand (the coder is another stage), then annotated.
#ifndef DYAD_TESTS_CONTEXT_CONTEXT_TEST_UTIL_H_
#define DYAD_TESTS_CONTEXT_CONTEXT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/context.h"
#include "dyad/parser.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

namespace dyad::testing {

inline const ContextAnalyzer& Analyzer() {
  static const ContextAnalyzer* a = [] {
    auto r = ContextAnalyzer::Create(DYAD_DATA_DIR);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value().release() : nullptr;
  }();
  return *a;
}

// The shipped tagger model when it exists (tests then run both ways).
inline const Tagger* SharedTagger() {
  static const Tagger* t = [] {
    auto r = Tagger::Load(Tagger::DefaultPath());
    return r.ok() ? std::move(r).value().release() : nullptr;
  }();
  return t;
}

// Span of the n-th occurrence (0-based) of `word` in body as a whole word.
inline Span Find(std::string_view body, std::string_view word, int nth = 0) {
  std::size_t from = 0;
  while (true) {
    std::size_t p = body.find(word, from);
    if (p == std::string_view::npos) return {};
    bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(body[p - 1]));
    std::size_t e = p + word.size();
    bool right = e >= body.size() || !std::isalnum(static_cast<unsigned char>(body[e]));
    if (left && right && nth-- == 0)
      return {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(e)};
    from = p + 1;
  }
}

// The shipped parser model when it exists.
inline const Parser* SharedParser() {
  static const Parser* p = [] {
    auto r = Parser::Load(Parser::DefaultPath());
    return r.ok() ? std::move(r).value().release() : nullptr;
  }();
  return p;
}

// One arc per token of doc: every sentence parsed with the shipped parser
// (the pipeline's ParseSentence: the sentence's tokens and tags).
inline std::vector<DepArc> ParseDocument(const Document& doc, std::span<const PosTag> tags) {
  std::vector<DepArc> arcs(doc.tokens.size(), DepArc{kNoHead, 0});
  ParserScratch scratch;
  std::vector<std::string_view> words;
  for (const Sentence& s : doc.sentences) {
    words.clear();
    for (std::uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k)
      words.push_back(doc.TokenText(doc.tokens[k]));
    SharedParser()->Parse(words, tags.subspan(s.first_token, s.token_count), &scratch,
                          std::span<DepArc>(arcs).subspan(s.first_token, s.token_count));
  }
  return arcs;
}

struct EventSpec {
  std::string verb;            // a word of the body (first occurrence)
  std::string source, target;  // body substrings or empty
  std::string source_code, target_code;
  std::string cameo = "010";
  bool negated = false;
};

// An event on `verb` (negated as the coder would mark "did not <verb>").
inline EventSpec Ev(std::string verb, std::string cameo = "010", bool negated = false,
                    std::string source = "", std::string source_code = "", std::string target = "",
                    std::string target_code = "") {
  EventSpec s;
  s.verb = std::move(verb);
  s.cameo = std::move(cameo);
  s.negated = negated;
  s.source = std::move(source);
  s.source_code = std::move(source_code);
  s.target = std::move(target);
  s.target_code = std::move(target_code);
  return s;
}

struct Annotated {
  Article article;
  Document doc;
  std::vector<PosTag> tags;
  std::vector<DepArc> arcs;  // parse = true
  CodedArticle coded;
};

inline Actor MakeActor(std::string_view body, const std::string& text, const std::string& code) {
  Actor a;
  a.text = text;
  a.span = Find(body, text);
  a.code = code;
  a.country = code.size() >= 3 ? code.substr(0, 3) : "";
  for (std::size_t i = 3; i + 3 <= code.size(); i += 3) a.sectors.push_back(code.substr(i, 3));
  return a;
}

// Splits `body`, adds one event per spec (sentence found from the verb span)
// and one coded entity per actor, then runs Annotate (with tags if asked and a
// model exists; with `parse`, tags and trees, which must exist).
inline std::unique_ptr<Annotated> Code(const std::string& body, const std::string& date,
                                       const std::vector<EventSpec>& specs, bool use_tags = false,
                                       bool parse = false) {
  auto out = std::make_unique<Annotated>();
  out->article.body = body;
  out->article.date = date;
  out->article.id = "t";
  EXPECT_TRUE(SplitText(out->article.body, TextOptions{}, &out->doc).ok());
  if ((use_tags || parse) && SharedTagger()) {
    TaggerScratch scratch;
    SharedTagger()->TagDocument(out->doc, nullptr, &scratch, &out->tags);
  }
  if (parse) {
    EXPECT_TRUE(SharedTagger() && SharedParser()) << "shipped tagger/parser models missing";
    if (SharedTagger() && SharedParser()) out->arcs = ParseDocument(out->doc, out->tags);
  }
  const std::string_view b = out->article.body;
  int eid = 0;
  for (const EventSpec& s : specs) {
    Event ev;
    ev.verb_span = Find(b, s.verb);
    EXPECT_FALSE(ev.verb_span.empty()) << "verb not in body: " << s.verb;
    for (std::uint32_t i = 0; i < out->doc.sentences.size(); ++i) {
      const Sentence& st = out->doc.sentences[i];
      if (ev.verb_span.begin >= st.begin && ev.verb_span.begin < st.end) ev.sentence = i;
    }
    ev.cameo = s.cameo;
    ev.modality = s.negated ? "negated" : "asserted";
    if (!s.source.empty()) {
      ev.source = MakeActor(b, s.source, s.source_code);
      Entity e{"e" + std::to_string(eid++),
               s.source,
               EntityType::kOrg,
               ev.source->span,
               s.source_code,
               ev.source->country,
               ev.source->sectors,
               std::nullopt,
               false,
               {}};
      out->coded.entities.push_back(e);
    }
    if (!s.target.empty()) {
      ev.target = MakeActor(b, s.target, s.target_code);
      Entity e{"e" + std::to_string(eid++),
               s.target,
               EntityType::kOrg,
               ev.target->span,
               s.target_code,
               ev.target->country,
               ev.target->sectors,
               std::nullopt,
               false,
               {}};
      out->coded.entities.push_back(e);
    }
    out->coded.events.push_back(std::move(ev));
  }
  out->coded.sentence_count = static_cast<std::uint32_t>(out->doc.sentences.size());
  Analyzer().Annotate(out->article, out->doc, out->tags, &out->coded,
                      DocumentTrees{out->arcs, out->arcs.empty() ? nullptr : SharedParser()});
  return out;
}

}  // namespace dyad::testing

#endif  // DYAD_TESTS_CONTEXT_CONTEXT_TEST_UTIL_H_
