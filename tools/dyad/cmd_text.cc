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

int RunText(const TextArgs& args) {
  std::unique_ptr<Lexicon> lexicon;
  if (!args.no_lemmas) {
    auto lex = Lexicon::Load(Lexicon::DefaultDirectory());
    if (!lex.ok()) {
      PrintError(lex.status().ToString());
      return kExitFailure;
    }
    lexicon = std::move(lex).value();
  }
  std::unique_ptr<Tagger> tagger;
  std::unique_ptr<NameFinder> finder;
  if (args.names) {
    auto f = NameFinder::Load(NameFinder::DefaultPath());
    if (!f.ok()) {
      PrintError(f.status().ToString());
      return kExitFailure;
    }
    finder = std::move(f).value();
  }
  NameScratch name_scratch;
  std::vector<NameMention> mentions;
  if (args.tags || args.names || args.parse) {
    auto t = Tagger::Load(Tagger::DefaultPath());
    if (!t.ok()) {
      PrintError(t.status().ToString());
      return kExitFailure;
    }
    tagger = std::move(t).value();
  }
  std::unique_ptr<Parser> parser;
  if (args.parse) {
    auto p = Parser::Load(Parser::DefaultPath());
    if (!p.ok()) {
      PrintError(p.status().ToString());
      return kExitFailure;
    }
    parser = std::move(p).value();
  }
  ParserScratch parser_scratch;
  std::vector<DepArc> arcs;
  TaggerScratch tagger_scratch;
  std::vector<PosTag> tags;
  std::vector<std::string_view> words;
  Chunks chunks;
  auto files = ExpandInputs(args.paths);
  if (!files.ok()) {
    PrintError(files.status().ToString());
    return kExitFailure;
  }
  TextOptions topts;
  topts.max_tokens_per_sentence = args.max_tokens;
  Document doc;
  std::string scratch, line;
  int failures = 0;
  for (const std::string& file : *files) {
    failures += ForEachArticle(file, args.input, [&](Article& a) {
      if (Status s = SplitText(a.body, topts, &doc); !s.ok()) {
        PrintError(a.origin + ": " + s.ToString());
        return false;
      }
      if (tagger) tagger->TagDocument(doc, lexicon.get(), &tagger_scratch, &tags);
      if (finder) FindDocumentNames(*finder, doc, tags, &name_scratch, &mentions);
      for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
        const Sentence& s = doc.sentences[i];
        nlohmann::ordered_json j;
        j["article"] = a.id;
        j["sentence"] = i;
        j["span"] = {s.begin, s.end};
        j["text"] = doc.SentenceText(s);
        words.clear();
        for (std::uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k)
          words.push_back(doc.TokenText(doc.tokens[k]));
        if (parser) {
          arcs.resize(words.size());
          parser->Parse(words, std::span<const PosTag>(tags).subspan(s.first_token, s.token_count),
                        &parser_scratch, arcs);
        }
        auto toks = nlohmann::ordered_json::array();
        for (std::uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k) {
          const Token& t = doc.tokens[k];
          nlohmann::ordered_json tj;
          tj["text"] = doc.TokenText(t);
          tj["span"] = {t.begin, t.end};
          if (lexicon && t.kind == TokenKind::kWord) {
            tj["lemma"] = DisplayLemma(*lexicon, doc.TokenText(t), &scratch);
          }
          if (tagger) {
            tj["upos"] = UposName(tags[k].upos);
            tj["xpos"] = XposName(tags[k].xpos);
          }
          if (parser) {
            const DepArc& arc = arcs[k - s.first_token];
            tj["head"] = arc.head;  // index in the sentence's tokens, -1 for the root
            tj["deprel"] = parser->DeprelName(arc.deprel);
          }
          toks.push_back(std::move(tj));
        }
        j["tokens"] = std::move(toks);
        if (finder) j["names"] = NamesJson(a.body, s, mentions);
        if (args.tags || args.parse) {
          ChunkSentence(words, std::span<const PosTag>(tags).subspan(s.first_token, s.token_count),
                        &chunks);
          j["chunks"] = ChunksJson(chunks);
        }
        line = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        line.push_back('\n');
        std::fwrite(line.data(), 1, line.size(), stdout);
      }
      return true;
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
