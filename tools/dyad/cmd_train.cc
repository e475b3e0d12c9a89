// `dyad train tagger --conllu ...`: train and evaluate the part-of-speech tagger.
#include <cstdio>
#include <memory>

#include "commands.h"
#include "dyad/lexicon.h"
#include "dyad/tagger.h"

namespace dyad::cli {
namespace {

struct TrainArgs {
  std::vector<std::string> train, dev, test;
  std::string out = "tagger.dtm";
  bool no_lexicon = false;
  TrainTaggerOptions options;  // the numeric options, bound to the flags directly
};

int RunTrain(const TrainArgs& args) {
  std::unique_ptr<Lexicon> lexicon;
  if (!args.no_lexicon) {
    auto lex = Lexicon::Load(Lexicon::DefaultDirectory());
    if (!lex.ok()) {
      PrintError(lex.status().ToString());
      return kExitFailure;
    }
    lexicon = std::move(lex).value();
  }
  TrainTaggerOptions o = args.options;
  o.lexicon = lexicon.get();
  o.progress = [](const Diagnostic& d) { std::fprintf(stderr, "%s\n", d.ToString().c_str()); };
  TrainTaggerReport report;
  auto bytes = TrainTagger(args.train, args.dev, o, &report);
  if (!bytes.ok()) {
    PrintError(bytes.status().ToString());
    return kExitFailure;
  }
  if (Status s = WriteTaggerModel(*bytes, args.out); !s.ok()) {
    PrintError(s.ToString());
    return kExitFailure;
  }
  std::printf(
      "model: %s (%zu bytes, %zu features, %zu tag dictionary words, best epoch %d of %d)\n",
      args.out.c_str(), bytes->size(), report.features, report.tag_dict_words, report.best_epoch,
      report.epochs_run);
  std::printf("dev: UPOS %.2f%%  XPOS %.2f%%\n", 100 * report.best_dev.upos(),
              100 * report.best_dev.xpos());
  if (!args.test.empty()) {
    auto tagger = Tagger::FromBytes(*bytes, args.out);
    if (!tagger.ok()) {
      PrintError(tagger.status().ToString());
      return kExitFailure;
    }
    for (const std::string& t : args.test) {
      auto acc = EvaluateTagger(**tagger, t, lexicon.get());
      if (!acc.ok()) {
        PrintError(acc.status().ToString());
        return kExitFailure;
      }
      std::printf("test %s: UPOS %.2f%%  XPOS %.2f%%  (%zu tokens)\n", t.c_str(), 100 * acc->upos(),
                  100 * acc->xpos(), acc->tokens);
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterTrain(CLI::App& app, Runner* run) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand("train", "Train models");
  cmd->require_subcommand(1);
  CLI::App* tagger =
      cmd->add_subcommand("tagger", "Train the part-of-speech tagger on CoNLL-U treebanks");
  tagger->add_option("--conllu", args->train, "Training CoNLL-U file(s)")->required();
  tagger->add_option("--dev", args->dev, "Development CoNLL-U file(s), for early stopping")
      ->required();
  tagger->add_option("--test", args->test, "Test CoNLL-U file(s), evaluated once at the end");
  tagger->add_option("-o,--out", args->out, "Model file to write")->capture_default_str();
  tagger->add_option("--epochs", args->options.epochs, "Maximum epochs")->capture_default_str();
  tagger->add_option("--seed", args->options.seed, "Random seed")->capture_default_str();
  tagger
      ->add_option("--prune", args->options.prune_below,
                   "Drop averaged weights below this magnitude (larger: smaller, faster model)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  tagger
      ->add_option("--tag-dict-min-count", args->options.tag_dict_min_count,
                   "Tag without scoring the forms seen this often with one class (0: none)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  tagger
      ->add_option("--min-feature-count", args->options.min_feature_count,
                   "Learn only features firing on at least this many training words")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  tagger->add_flag("--no-lexicon", args->no_lexicon, "Do not use WordNet classes as features");
  tagger->callback([run, args] { *run = [args] { return RunTrain(*args); }; });
  RegisterTrainNames(*cmd, run);
}

}  // namespace dyad::cli
