// `dyad parse FILE.conllu...`: tag and parse the syntactic words of CoNLL-U
// files and write them back as CoNLL-U with predicted UPOS, XPOS, HEAD, DEPREL.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "dyad/lexicon.h"
#include "dyad/parser.h"
#include "dyad/tagger.h"

namespace dyad::cli {
namespace {

struct ParseArgs {
  std::vector<std::string> paths;
  std::string out;  // empty: stdout
  std::string parser_model, tagger_model;
};

int RunParse(const ParseArgs& args) {
  auto tagger = Tagger::Load(args.tagger_model.empty() ? Tagger::DefaultPath() : args.tagger_model);
  if (!tagger.ok()) {
    PrintError(tagger.status().ToString());
    return kExitFailure;
  }
  auto parser = Parser::Load(args.parser_model.empty() ? Parser::DefaultPath() : args.parser_model);
  if (!parser.ok()) {
    PrintError(parser.status().ToString());
    return kExitFailure;
  }
  std::unique_ptr<Lexicon> lexicon;
  if ((*tagger)->UsesLexicon()) {
    auto lex = Lexicon::Load(Lexicon::DefaultDirectory());
    if (!lex.ok()) {
      PrintError(lex.status().ToString());
      return kExitFailure;
    }
    lexicon = std::move(lex).value();
  }
  std::string text;
  for (const std::string& path : args.paths) {
    if (Status s = ParseConlluFile(**parser, **tagger, lexicon.get(), path, &text); !s.ok()) {
      PrintError(s.ToString());
      return kExitFailure;
    }
  }
  std::FILE* out = args.out.empty() ? stdout : std::fopen(args.out.c_str(), "wb");
  if (out == nullptr) {
    PrintError(args.out + ": cannot create");
    return kExitFailure;
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  if (out != stdout) ok = std::fclose(out) == 0 && ok;
  if (!ok) {
    PrintError((args.out.empty() ? "stdout" : args.out) + ": write failed");
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void RegisterParse(CLI::App& app, Runner* run) {
  auto args = std::make_shared<ParseArgs>();
  CLI::App* cmd = app.add_subcommand(
      "parse", "Tag and parse CoNLL-U files (words as given); write CoNLL-U with the trees");
  cmd->add_option("paths", args->paths, "CoNLL-U files")->required();
  cmd->add_option("-o,--out", args->out, "Output file (default: stdout)");
  cmd->add_option("--model", args->parser_model, "Parser model (default: the shipped one)");
  cmd->add_option("--tagger", args->tagger_model, "Tagger model (default: the shipped one)");
  cmd->callback([run, args] { *run = [args] { return RunParse(*args); }; });
}

}  // namespace dyad::cli
