// `dyad train tagger --conllu ...`: train and evaluate the part-of-speech tagger.
#include <cstdio>
#include <map>
#include <memory>

#include "commands.h"
#include "dyad/lexicon.h"
#include "dyad/names.h"
#include "dyad/parser.h"
#include "dyad/tagger.h"

namespace dyad::cli {
namespace {

struct TrainArgs {
  std::vector<std::string> train, dev, test;
  std::string out = "tagger.dtm";
  bool no_lexicon = false;
  std::string classes = "lexicon";  // where the WordNet classes are read when tagging
  std::string vocabulary;           // cluster file whose words get stored classes
  TrainTaggerOptions options;       // the numeric options, bound to the flags directly
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
  if (args.classes != "lexicon") {
    o.classes_from = args.classes == "model" ? TrainTaggerOptions::ClassesFrom::kModel
                                             : TrainTaggerOptions::ClassesFrom::kModelFolded;
  }
  if (!args.vocabulary.empty()) {
    auto words = ReadClusterWords(args.vocabulary);
    if (!words.ok()) {
      PrintError(words.status().ToString());
      return kExitFailure;
    }
    o.vocabulary = std::move(words).value();
  }
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

struct TrainParserArgs {
  std::vector<std::string> train, dev, test;
  std::string out = "parser.dpm";
  std::string tagger_model;  // empty: Tagger::DefaultPath()
  bool gold_tags = false;
  bool no_lexicon = false;
  TrainParserOptions options;
};

void PrintParseScore(const std::string& what, const ParseScore& s) {
  std::printf(
      "%s: UAS %.2f%%  LAS %.2f%%  (universal relations %.2f%%)  %zu words, %zu sentences\n",
      what.c_str(), 100 * s.uas(), 100 * s.las(), 100 * s.las_universal(), s.words, s.sentences);
}

int RunTrainParser(const TrainParserArgs& args) {
  std::unique_ptr<Lexicon> lexicon;
  std::unique_ptr<Tagger> tagger;
  if (!args.gold_tags) {
    auto t = Tagger::Load(args.tagger_model.empty() ? Tagger::DefaultPath() : args.tagger_model);
    if (!t.ok()) {
      PrintError(t.status().ToString());
      return kExitFailure;
    }
    tagger = std::move(t).value();
    // A tagger storing its WordNet classes needs the lexicon only to train
    // the jackknife fold taggers like itself.
    const bool folds_need_lexicon = tagger->ClassesInModel() && args.options.jackknife_folds > 0;
    if (!args.no_lexicon && (tagger->UsesLexicon() || folds_need_lexicon)) {
      auto lex = Lexicon::Load(Lexicon::DefaultDirectory());
      if (!lex.ok()) {
        PrintError(lex.status().ToString());
        return kExitFailure;
      }
      lexicon = std::move(lex).value();
    }
  }
  TrainParserOptions o = args.options;
  o.tagger = tagger.get();
  o.lexicon = lexicon.get();
  if (tagger != nullptr && (tagger->UsesLexicon() || tagger->ClassesInModel())) {
    o.jackknife_tagger.lexicon = lexicon.get();
  }
  if (tagger != nullptr && tagger->ClassesInModel() && o.jackknife_folds > 0) {
    // The fold taggers store the classes of the same vocabulary: the clusters' words.
    o.jackknife_tagger.classes_from = tagger->ClassesFolded()
                                          ? TrainTaggerOptions::ClassesFrom::kModelFolded
                                          : TrainTaggerOptions::ClassesFrom::kModel;
    if (!o.clusters.empty()) {
      auto words = ReadClusterWords(o.clusters);
      if (!words.ok()) {
        PrintError(words.status().ToString());
        return kExitFailure;
      }
      o.jackknife_tagger.vocabulary = std::move(words).value();
    }
  }
  o.progress = [](const Diagnostic& d) { std::fprintf(stderr, "%s\n", d.ToString().c_str()); };
  TrainParserReport report;
  auto bytes = TrainParser(args.train, args.dev, o, &report);
  if (!bytes.ok()) {
    PrintError(bytes.status().ToString());
    return kExitFailure;
  }
  if (Status s = WriteParserModel(*bytes, args.out); !s.ok()) {
    PrintError(s.ToString());
    return kExitFailure;
  }
  std::printf(
      "model: %s (%zu bytes, %zu features, %zu weights, %zu relations, best epoch %d of %d)\n"
      "training: %zu sentences, %zu words, %zu non-projective arcs lifted, %zu skipped\n",
      args.out.c_str(), bytes->size(), report.features, report.weights, report.deprels,
      report.best_epoch, report.epochs_run, report.train_sentences, report.train_words,
      report.nonprojective_lifted, report.skipped_sentences);
  if (o.jackknife_folds > 0 && report.train_words > 0) {
    std::printf("jackknifed training tags: XPOS %.2f%% of %zu words\n",
                100.0 * static_cast<double>(report.jackknife_xpos_correct) / report.train_words,
                report.train_words);
  }
  PrintParseScore("dev", report.best_dev);
  if (args.test.empty()) return kExitOk;
  auto parser = Parser::FromBytes(*bytes, args.out);
  if (!parser.ok()) {
    PrintError(parser.status().ToString());
    return kExitFailure;
  }
  for (const std::string& t : args.test) {
    std::map<std::string, ParseScore> groups;
    auto score = EvaluateParser(**parser, t, tagger.get(), lexicon.get(), &groups);
    if (!score.ok()) {
      PrintError(score.status().ToString());
      return kExitFailure;
    }
    PrintParseScore("test " + t, *score);
    for (const auto& [group, s] : groups) PrintParseScore("  " + group, s);
  }
  return kExitOk;
}

void RegisterTrainParser(CLI::App* cmd, Runner* run) {
  auto args = std::make_shared<TrainParserArgs>();
  CLI::App* p = cmd->add_subcommand("parser", "Train the dependency parser on CoNLL-U treebanks");
  p->add_option("--train", args->train, "Training CoNLL-U file(s)")->required();
  p->add_option("--dev", args->dev, "Development CoNLL-U file(s), for early stopping")->required();
  p->add_option("--test", args->test, "Test CoNLL-U file(s), scored once at the end");
  p->add_option("-o,--out", args->out, "Model file to write")->capture_default_str();
  p->add_option("--tagger", args->tagger_model, "Tagger model giving the predicted tags");
  p->add_option("--clusters", args->options.clusters,
                "Word cluster file (dyad train clusters), stored in the model");
  p->add_flag("--gold-tags", args->gold_tags, "Train and score with the files' own tags");
  p->add_flag("--no-lexicon", args->no_lexicon, "Tag without WordNet classes");
  p->add_option("--epochs", args->options.epochs, "Maximum epochs")->capture_default_str();
  p->add_option("--patience", args->options.patience, "Epochs without a dev gain before stopping")
      ->capture_default_str();
  p->add_option("--seed", args->options.seed, "Random seed")->capture_default_str();
  p->add_option("--max-train-sentences", args->options.max_train_sentences,
                "Use only the first N sentences of each training file (0: all)")
      ->capture_default_str();
  p->add_option("--jackknife", args->options.jackknife_folds,
                "Tag the training data with K taggers, each trained (default tagger options) on "
                "the other K-1 folds (0: tag it with --tagger)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  p->add_option("--prune", args->options.prune_below, "Drop averaged weights below this magnitude")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  p->add_option("--final-prune", args->options.final_prune,
                "Prune the kept model's weights below this magnitude (0: keep all)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  p->callback([run, args] { *run = [args] { return RunTrainParser(*args); }; });
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
  tagger
      ->add_option("--classes", args->classes,
                   "Where the model reads WordNet classes when tagging: lexicon (WordNet at run "
                   "time), model (stored in the model), folded (stored, in the ambiguity class)")
      ->capture_default_str()
      ->check(CLI::IsMember({"lexicon", "model", "folded"}));
  tagger->add_option("--vocabulary", args->vocabulary,
                     "Word cluster file (dyad train clusters) whose words' WordNet classes are "
                     "stored in the model besides the training words' (--classes model/folded)");
  tagger->callback([run, args] { *run = [args] { return RunTrain(*args); }; });
  RegisterTrainNames(*cmd, run);
  RegisterTrainParser(cmd, run);
}

}  // namespace dyad::cli
