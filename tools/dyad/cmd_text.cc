// `dyad text FILE...`: sentences and tokens as JSON lines, for inspection.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "dyad/article.h"
#include "dyad/inputs.h"
#include "dyad/lexicon.h"
#include "dyad/names.h"
#include "dyad/parser.h"
#include "dyad/tagger.h"
#include "dyad/text.h"
#include "input_options.h"

namespace dyad::cli {
namespace {

struct TextArgs {
  std::vector<std::string> paths;
  InputArgs input;
  std::uint32_t max_tokens = TextOptions{}.max_tokens_per_sentence;
  bool no_lemmas = false;
  bool tags = false;
  bool body = false;
  bool names = false;
  bool parse = false;  // implies tags
};

// `--body`: the main text the coder reads, title first, paragraphs separated by
// blank lines; articles separated by a form feed line.
int RunBody(const TextArgs& args) {
  auto files = ExpandInputs(args.paths);
  if (!files.ok()) {
    PrintError(files.status().ToString());
    return kExitFailure;
  }
  int failures = 0;
  bool first = true;
  InputTally tally;
  for (const std::string& file : *files) {
    failures += ForEachArticle(
        file, args.input,
        [&](Article& a) {
          std::string out = first ? "" : "\f\n";
          first = false;
          if (!a.title.empty()) out += a.title + "\n\n";
          out += a.body;
          out += '\n';
          std::fwrite(out.data(), 1, out.size(), stdout);
          return true;
        },
        &tally);
  }
  if (!ReportInputTally(tally, args.paths, args.input.quiet)) ++failures;
  return failures ? kExitFailure : kExitOk;
}

nlohmann::ordered_json ChunksJson(const Chunks& chunks) {
  auto list = nlohmann::ordered_json::array();
  for (const Chunk& c : chunks.chunks) {
    nlohmann::ordered_json j;
    j["type"] = ChunkTypeName(c.type);
    j["tokens"] = {c.begin, c.end};
    j["head"] = c.head;
    if (c.relation != ChunkRelation::kNone) {
      j["relation"] = ChunkRelationName(c.relation);
      j["related"] = c.related;
    }
    if (c.type == ChunkType::kPrepPhrase) {
      j["object"] = c.object;
      j["attach"] = c.attach;
    }
    if (c.type == ChunkType::kVerbGroup) {
      j["tense"] = TenseName(c.tense);
      j["aspect"] = AspectName(c.aspect);
      j["negated"] = c.negated;
      j["passive"] = c.passive;
      j["modal"] = c.modal;
      j["infinitive"] = c.infinitive;
      j["intent"] = c.intent;
    }
    list.push_back(std::move(j));
  }
  return list;
}

// The name mentions of sentence `s` (entity ids shared across the article).
nlohmann::ordered_json NamesJson(std::string_view body, const Sentence& s,
                                 const std::vector<NameMention>& mentions) {
  auto list = nlohmann::ordered_json::array();
  for (const NameMention& m : mentions) {
    if (m.first_token < s.first_token || m.first_token >= s.first_token + s.token_count) continue;
    nlohmann::ordered_json j;
    j["text"] = body.substr(m.span.begin, m.span.end - m.span.begin);
    j["type"] = EntityTypeName(m.type);
    j["span"] = {m.span.begin, m.span.end};
    char id[24];
    std::snprintf(id, sizeof id, "e%u", m.entity);
    j["entity"] = id;
    if (m.title.end > m.title.begin)
      j["title"] = body.substr(m.title.begin, m.title.end - m.title.begin);
    list.push_back(std::move(j));
  }
  return list;
}

// A lemma for display: the verb reading for -ed/-ing forms, else the noun one.
std::string_view DisplayLemma(const Lexicon& lex, std::string_view word, std::string* scratch) {
  WordClasses c = lex.Classes(word);
  bool verbish = word.size() > 3 && (word.ends_with("ed") || word.ends_with("ing"));
  if ((c & static_cast<WordClasses>(WordClass::kVerb)) &&
      (verbish || !(c & static_cast<WordClasses>(WordClass::kNoun)))) {
    return lex.Lemma(word, WordClass::kVerb, scratch);
  }
  return lex.Lemma(word, WordClass::kNoun, scratch);
}

// The models `dyad text` needs for the flags given; null when not asked for.
struct TextModels {
  std::unique_ptr<Lexicon> lexicon;
  std::unique_ptr<Tagger> tagger;  // for --tags, --names and --parse
  std::unique_ptr<Parser> parser;
  std::unique_ptr<NameFinder> names;
};

// Loads `path` with T::Load into *out; on error prints it (it names the file).
template <typename T>
bool LoadModel(const std::string& path, std::unique_ptr<T>* out) {
  auto loaded = T::Load(path);
  if (!loaded.ok()) {
    PrintError(loaded.status().ToString());
    return false;
  }
  *out = std::move(loaded).value();
  return true;
}

bool LoadTextModels(const TextArgs& args, TextModels* m) {
  if (!args.no_lemmas && !LoadModel(Lexicon::DefaultDirectory(), &m->lexicon)) return false;
  if ((args.tags || args.names || args.parse) && !LoadModel(Tagger::DefaultPath(), &m->tagger))
    return false;
  if (args.parse && !LoadModel(Parser::DefaultPath(), &m->parser)) return false;
  if (args.names && !LoadModel(NameFinder::DefaultPath(), &m->names)) return false;
  return true;
}

// Per-run working memory, reused across sentences and articles.
struct TextScratch {
  Document doc;
  TaggerScratch tagger;
  std::vector<PosTag> tags;
  NameScratch names;
  std::vector<NameMention> mentions;
  ParserScratch parser;
  std::vector<DepArc> arcs;
  std::vector<std::string_view> words;
  Chunks chunks;
  std::string lemma, line;
};

// One token: text, span, and what the loaded models say of it. `k` indexes the
// document's tokens, `arc` is its parse (when parsed).
nlohmann::ordered_json TokenJson(const TextModels& m, const TextScratch& x, std::uint32_t k,
                                 const DepArc* arc, std::string* lemma) {
  const Token& t = x.doc.tokens[k];
  nlohmann::ordered_json tj;
  tj["text"] = x.doc.TokenText(t);
  tj["span"] = {t.begin, t.end};
  if (m.lexicon && t.kind == TokenKind::kWord) {
    tj["lemma"] = DisplayLemma(*m.lexicon, x.doc.TokenText(t), lemma);
  }
  if (m.tagger) {
    tj["upos"] = UposName(x.tags[k].upos);
    tj["xpos"] = XposName(x.tags[k].xpos);
  }
  if (arc) {
    tj["head"] = arc->head;  // index in the sentence's tokens, -1 for the root
    tj["deprel"] = m.parser->DeprelName(arc->deprel);
  }
  return tj;
}

// The JSON line of sentence `i` of the article in x->doc (tagged and named already).
nlohmann::ordered_json SentenceJson(const TextArgs& args, const TextModels& m, const Article& a,
                                    std::size_t i, TextScratch* x) {
  const Sentence& s = x->doc.sentences[i];
  nlohmann::ordered_json j;
  j["article"] = a.id;
  j["sentence"] = i;
  j["span"] = {s.begin, s.end};
  j["text"] = x->doc.SentenceText(s);
  x->words.clear();
  for (std::uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k)
    x->words.push_back(x->doc.TokenText(x->doc.tokens[k]));
  std::span<const PosTag> tags;
  if (m.tagger) tags = std::span<const PosTag>(x->tags).subspan(s.first_token, s.token_count);
  if (m.parser) {
    x->arcs.resize(x->words.size());
    m.parser->Parse(x->words, tags, &x->parser, x->arcs);
  }
  auto toks = nlohmann::ordered_json::array();
  for (std::uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k) {
    const DepArc* arc = m.parser ? &x->arcs[k - s.first_token] : nullptr;
    toks.push_back(TokenJson(m, *x, k, arc, &x->lemma));
  }
  j["tokens"] = std::move(toks);
  if (m.names) j["names"] = NamesJson(a.body, s, x->mentions);
  if (args.tags || args.parse) {
    ChunkSentence(x->words, tags, &x->chunks);
    j["chunks"] = ChunksJson(x->chunks);
  }
  return j;
}

// Splits, tags and names one article, then writes one JSON line per sentence.
bool PrintArticleText(const TextArgs& args, const TextModels& m, const TextOptions& topts,
                      const Article& a, TextScratch* x) {
  if (Status s = SplitText(a.body, topts, &x->doc); !s.ok()) {
    PrintError(a.origin + ": " + s.ToString());
    return false;
  }
  if (m.tagger) m.tagger->TagDocument(x->doc, m.lexicon.get(), &x->tagger, &x->tags);
  if (m.names) FindDocumentNames(*m.names, x->doc, x->tags, &x->names, &x->mentions);
  for (std::size_t i = 0; i < x->doc.sentences.size(); ++i) {
    x->line = SentenceJson(args, m, a, i, x)
                  .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    x->line.push_back('\n');
    std::fwrite(x->line.data(), 1, x->line.size(), stdout);
  }
  return true;
}

int RunText(const TextArgs& args) {
  TextModels models;
  if (!LoadTextModels(args, &models)) return kExitFailure;
  auto files = ExpandInputs(args.paths);
  if (!files.ok()) {
    PrintError(files.status().ToString());
    return kExitFailure;
  }
  TextOptions topts;
  topts.max_tokens_per_sentence = args.max_tokens;
  TextScratch scratch;
  int failures = 0;
  for (const std::string& file : *files) {
    failures += ForEachArticle(file, args.input, [&](Article& a) {
      return PrintArticleText(args, models, topts, a, &scratch);
    });
  }
  return failures ? kExitFailure : kExitOk;
}

}  // namespace

void RegisterText(CLI::App& app, Runner* run) {
  auto args = std::make_shared<TextArgs>();
  CLI::App* cmd =
      app.add_subcommand("text", "Print sentences and tokens (JSON lines) for inspection");
  cmd->add_option("paths", args->paths, "Files, folders, globs or - for stdin")->required();
  AddInputOptions(cmd, &args->input);
  cmd->add_option("--max-tokens", args->max_tokens, "Cut sentences longer than this many tokens")
      ->capture_default_str();
  cmd->add_flag("--no-lemmas", args->no_lemmas, "Skip WordNet lemmas");
  cmd->add_flag("--tags", args->tags, "Add part-of-speech tags and phrase chunks");
  cmd->add_flag("--parse", args->parse,
                "Add tags, chunks and each token's dependency head and relation");
  cmd->add_flag("--names", args->names, "Add PERSON/ORG/PLACE names with entity ids and titles");
  cmd->add_flag("--body", args->body,
                "Print the main text the coder reads instead (title, then paragraphs separated "
                "by blank lines; a form feed line between articles)")
      ->excludes("--tags")
      ->excludes("--names")
      ->excludes("--parse");
  cmd->callback(
      [run, args] { *run = [args] { return args->body ? RunBody(*args) : RunText(*args); }; });
}

}  // namespace dyad::cli
