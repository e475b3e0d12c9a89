// `dyad train names` / `dyad train clusters`: train and evaluate the name
// finder and its word clusters.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "commands.h"
#include "dyad/lexicon.h"
#include "dyad/names.h"
#include "dyad/tagger.h"

namespace dyad::cli {
namespace {

struct NamesArgs {
  std::vector<std::string> train, dev, test;
  std::string out = "names.dnm";
  std::string evaluate;  // a model to evaluate instead of training
  std::string tagger_model;
  bool no_tagger = false;
  bool errors = false;
  bool one_pass = false;  // score --test with FindInDocument alone
  std::string data_dir;
  TrainNamesOptions options;
};

// "FORMAT:PATH" (iob2:, gum:, conll:).
Status ReadSpec(const std::string& spec, std::vector<NerSentence>* out) {
  std::size_t colon = spec.find(':');
  if (colon == std::string::npos)
    return InvalidArgument(spec + ": want FORMAT:PATH (iob2:, gum: or conll:)");
  auto f = ParseNerFormat(spec.substr(0, colon));
  if (!f.ok()) return f.status();
  return ReadNerCorpus(spec.substr(colon + 1), *f, out);
}

Status ReadSpecs(const std::vector<std::string>& specs, std::vector<NerSentence>* out) {
  for (const std::string& s : specs) DYAD_RETURN_IF_ERROR(ReadSpec(s, out));
  return Status::Ok();
}

void PrintScore(const char* label, const NameEvaluation& e) {
  static const char* kTypes[] = {"PERSON", "ORG", "PLACE"};
  std::printf("%s: F1 %.4f  P %.4f  R %.4f  (gold %zu, found %zu)", label, e.all.f1(),
              e.all.precision(), e.all.recall(), e.all.gold, e.all.predicted);
  for (int t = 0; t < 3; ++t) std::printf("  %s %.4f", kTypes[t], e.by_type[t].f1());
  std::printf("\n");
}

// The genre of a GUM document id ("GUM_news_nasa" -> "news"); "" otherwise.
std::string Genre(const std::string& doc) {
  if (doc.rfind("GUM_", 0) != 0) return "";
  std::size_t e = doc.find('_', 4);
  return doc.substr(4, e == std::string::npos ? std::string::npos : e - 4);
}

// Prints the sentences whose names the finder gets wrong: gold names first
// ("-" missed, " " found), then the wrong guesses ("+").
void PrintErrors(const NameFinder& finder, const std::vector<NerSentence>& sents,
                 const Tagger* tagger, const Lexicon* lexicon) {
  static const char* kTypes[] = {"PER", "ORG", "LOC", "OTHER"};
  NameScratch ns;
  TaggerScratch ts;
  std::vector<NameSpan> found;
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
  for (const NerSentence& s : sents) {
    words.assign(s.words.begin(), s.words.end());
    tags.resize(words.size());
    if (tagger) tagger->Tag(words, lexicon, &ts, tags.data());
    finder.Find(words, tagger ? std::span<const PosTag>(tags) : std::span<const PosTag>(), &ns,
                &found);
    auto has = [](const std::vector<NameSpan>& v, const NameSpan& x) {
      return std::find(v.begin(), v.end(), x) != v.end();
    };
    bool wrong = found.size() != s.names.size();
    for (const NameSpan& g : s.names) wrong |= !has(found, g);
    if (!wrong) continue;
    std::string text;
    for (const std::string& w : s.words) text += (text.empty() ? "" : " ") + w;
    std::printf("\n%s\n", text.c_str());
    auto show = [&](const NameSpan& x, char mark) {
      std::string n;
      for (std::uint32_t i = x.begin; i < x.end; ++i) n += (n.empty() ? "" : " ") + s.words[i];
      std::printf("  %c %s %s\n", mark, kTypes[std::min(3, static_cast<int>(x.type))], n.c_str());
    };
    for (const NameSpan& g : s.names) show(g, has(found, g) ? ' ' : '-');
    for (const NameSpan& f : found) {
      if (!has(s.names, f)) show(f, '+');
    }
  }
}

int Evaluate(const NameFinder& finder, const std::vector<std::string>& tests, const Tagger* tagger,
             const Lexicon* lexicon, bool errors, bool two_pass) {
  for (const std::string& spec : tests) {
    std::vector<NerSentence> sents;
    if (Status s = ReadSpec(spec, &sents); !s.ok()) {
      PrintError(s.ToString());
      return kExitFailure;
    }
    if (errors) PrintErrors(finder, sents, tagger, lexicon);
    PrintScore(("test " + spec).c_str(), EvaluateNames(finder, sents, tagger, lexicon, two_pass));
    std::map<std::string, std::vector<NerSentence>> by_genre;
    for (const NerSentence& s : sents) {
      if (std::string g = Genre(s.doc); !g.empty()) by_genre[g].push_back(s);
    }
    for (const auto& [g, gs] : by_genre) {
      PrintScore(("  genre " + g).c_str(), EvaluateNames(finder, gs, tagger, lexicon, two_pass));
    }
  }
  return kExitOk;
}

int RunNames(const NamesArgs& args) {
  std::unique_ptr<Lexicon> lexicon;
  std::unique_ptr<Tagger> tagger;
  if (!args.no_tagger) {
    auto lex = Lexicon::Load(Lexicon::DefaultDirectory());
    if (!lex.ok()) return PrintError(lex.status().ToString()), kExitFailure;
    lexicon = std::move(lex).value();
    auto t = Tagger::Load(args.tagger_model.empty() ? Tagger::DefaultPath() : args.tagger_model);
    if (!t.ok()) return PrintError(t.status().ToString()), kExitFailure;
    tagger = std::move(t).value();
  }
  if (!args.evaluate.empty()) {
    auto finder = NameFinder::Load(args.evaluate);
    if (!finder.ok()) return PrintError(finder.status().ToString()), kExitFailure;
    return Evaluate(**finder, args.test, tagger.get(), lexicon.get(), args.errors, !args.one_pass);
  }
  std::vector<NerSentence> train, dev;
  if (Status s = ReadSpecs(args.train, &train); !s.ok())
    return PrintError(s.ToString()), kExitFailure;
  if (Status s = ReadSpecs(args.dev, &dev); !s.ok()) return PrintError(s.ToString()), kExitFailure;
  TrainNamesOptions o = args.options;
  o.tagger = tagger.get();
  o.lexicon = lexicon.get();
  o.data_dir = args.data_dir;
  o.progress = [](const Diagnostic& d) { std::fprintf(stderr, "%s\n", d.ToString().c_str()); };
  TrainNamesReport report;
  auto bytes = TrainNames(train, dev, o, &report);
  if (!bytes.ok()) return PrintError(bytes.status().ToString()), kExitFailure;
  if (Status s = WriteNamesFile(*bytes, args.out); !s.ok())
    return PrintError(s.ToString()), kExitFailure;
  std::printf("model: %s (%zu bytes, %zu features, %zu table words, best epoch %d of %d)\n",
              args.out.c_str(), bytes->size(), report.features, report.words, report.best_epoch,
              report.epochs_run);
  PrintScore("dev", report.best_dev);
  if (args.test.empty()) return kExitOk;
  auto finder = NameFinder::FromBytes(*bytes, args.out);
  if (!finder.ok()) return PrintError(finder.status().ToString()), kExitFailure;
  return Evaluate(**finder, args.test, tagger.get(), lexicon.get(), args.errors, !args.one_pass);
}

struct ClusterArgs {
  std::vector<std::string> inputs, conllu;
  std::string out = "clusters.dwc";
  std::string save_vectors;  // word vector file to write too; empty = none
  TrainClustersOptions options;
};

int RunClusters(const ClusterArgs& args) {
  TrainClustersOptions o = args.options;
  o.progress = [](const Diagnostic& d) { std::fprintf(stderr, "%s\n", d.ToString().c_str()); };
  std::string vectors;
  auto bytes =
      TrainClusters(args.inputs, args.conllu, o, args.save_vectors.empty() ? nullptr : &vectors);
  if (!bytes.ok()) return PrintError(bytes.status().ToString()), kExitFailure;
  if (Status s = WriteNamesFile(*bytes, args.out); !s.ok())
    return PrintError(s.ToString()), kExitFailure;
  if (!args.save_vectors.empty()) {
    if (Status s = WriteNamesFile(vectors, args.save_vectors); !s.ok())
      return PrintError(s.ToString()), kExitFailure;
    std::printf("vectors: %s (%zu bytes)\n", args.save_vectors.c_str(), vectors.size());
  }
  std::printf("clusters: %s (%zu bytes)\n", args.out.c_str(), bytes->size());
  return kExitOk;
}

}  // namespace

void RegisterTrainNames(CLI::App& train, Runner* run) {
  auto args = std::make_shared<NamesArgs>();
  CLI::App* names = train.add_subcommand(
      "names", "Train the name finder on UNER .iob2, GUM CoNLL-U and re3d CoNLL files");
  names->add_option("--train", args->train, "Training corpus FORMAT:PATH (iob2:, gum:, conll:)");
  names->add_option("--dev", args->dev, "Development corpus FORMAT:PATH, for early stopping");
  names->add_option("--test", args->test, "Test corpus FORMAT:PATH, evaluated at the end");
  names->add_option("--evaluate", args->evaluate, "Evaluate this model on --test; no training");
  names->add_option("-o,--out", args->out, "Model file to write")->capture_default_str();
  names->add_option("--clusters", args->options.clusters,
                    "Word cluster file (dyad train clusters)");
  names->add_option("--vectors", args->options.vectors,
                    "Word vector file (dyad train clusters --save-vectors) for dense features");
  names->add_option("--data-dir", args->data_dir, "dyad data folder for the gazetteers");
  names->add_option("--leaders", args->options.leaders_dir, "Leader lists folder, for given names");
  names->add_option("--case-text", args->options.case_text,
                    "Unlabelled articles for the words' case profile (repeatable)");
  names->add_option("--tagger-model", args->tagger_model,
                    "Tagger model (default: the shipped one)");
  names->add_flag("--no-tagger", args->no_tagger, "No tag features");
  names
      ->add_option("--memory-folds", args->options.memory_folds,
                   "Folds for the jackknifed document memory (0 = no memory features)")
      ->capture_default_str();
  names
      ->add_option("--memory-epochs", args->options.memory_epochs,
                   "Epochs of each fold model of the document memory")
      ->capture_default_str();
  names->add_flag("--errors", args->errors, "Print the sentences with wrong names (--test)");
  names->add_flag("--one-pass", args->one_pass,
                  "Score --test with the first (in-order) pass only, not FindDocument's two");
  names->add_option("--epochs", args->options.epochs, "Maximum epochs")->capture_default_str();
  names
      ->add_option("--patience", args->options.patience,
                   "Stop after this many epochs without a dev gain")
      ->capture_default_str();
  names->add_option("--seed", args->options.seed, "Random seed")->capture_default_str();
  names
      ->add_option("--runs", args->options.runs,
                   "Training runs (seeds seed, seed + 1, ...) whose weights are averaged")
      ->capture_default_str();
  names->add_option("--max-train-sentences", args->options.max_train_sentences,
                    "Train on the first N sentences only (0: all)");
  names->callback([run, args] { *run = [args] { return RunNames(*args); }; });

  auto cargs = std::make_shared<ClusterArgs>();
  CLI::App* cl = train.add_subcommand(
      "clusters", "Train word vectors with fastText on unlabelled news and cluster them");
  cl->add_option("--input", cargs->inputs, "Articles (JSON lines, text, WARC, ...)");
  cl->add_option("--conllu", cargs->conllu, "CoNLL-U files whose words are added");
  cl->add_option("-o,--out", cargs->out, "Cluster file to write")->capture_default_str();
  cl->add_option("--dim", cargs->options.dim, "Vector size")->capture_default_str();
  cl->add_option("--epochs", cargs->options.epochs, "fastText epochs")->capture_default_str();
  cl->add_option("--clusters", cargs->options.clusters, "Finest number of clusters")
      ->capture_default_str();
  cl->add_option("--max-words", cargs->options.max_words, "Most frequent words kept")
      ->capture_default_str();
  cl->add_option("--seed", cargs->options.seed, "Random seed")->capture_default_str();
  cl->add_option("--work-dir", cargs->options.work_dir,
                 "Folder for the corpus and vectors (vectors.vec is kept there)");
  cl->add_option("--vec-file", cargs->options.vec_file,
                 "Cluster this fastText .vec file instead of training vectors");
  cl->add_option(
      "--save-vectors", cargs->save_vectors,
      "Also write the words' quantised vectors to this file (for train names --vectors)");
  cl->callback([run, cargs] { *run = [cargs] { return RunClusters(*cargs); }; });
}

}  // namespace dyad::cli
