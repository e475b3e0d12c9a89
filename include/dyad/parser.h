// Copyright dyad authors. Stage `parser`: Universal Dependencies trees.
//
// Parser: a greedy arc-eager transition parser (Nivre 2003) with labelled
// transitions, trained with the dynamic oracle of Goldberg & Nivre (2012) and
// an averaged perceptron over hashed features in the style of Zhang & Nivre
// (2011): words, tags, distance, valency, left/right-most children and their
// labels, grandparents and label sets; plus word-cluster templates (Koo et al.
// 2008; clusters from `dyad train clusters`, stored in the model) and more
// label templates (children of S1, both children of S0 and N0, S1's valency).
// It reads the words of one sentence and
// their predicted tags (the tagger's XPOS) and gives every word a head and a
// UD v2 relation with subtype ("nsubj:pass", "obl:tmod", "acl:relcl").
// Non-projective trees of the training data are lifted to projective ones
// (Nivre & Nilsson 2005, without label encoding), so output trees are projective.
// Models are trained from CoNLL-U treebanks by TrainParser and stored in
// dyad's binary format (docs/formats/parser-model.md); the shipped model is
// data/models/parser-en-ewt.dpm.
//
// Tokens: like the tagger, the shipped model is trained on treebank words
// ("do" + "n't", "Bush" + "'s") and on dyad's whole tokens ("don't",
// "Bush's"): a merged word takes the head and relation of the part that heads
// the span, and dependents of any part attach to it.
//
// Output: every word gets exactly one head; exactly one word (for a non-empty
// sentence) has head kRootHead and relation "root". Parsing is linear in the
// sentence length (at most 2n transitions).
//
// Thread-safety: a loaded Parser is immutable; Parse() may be called from any
// number of threads at once, each with its own ParserScratch.
#ifndef DYAD_PARSER_H_
#define DYAD_PARSER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/lexicon.h"
#include "dyad/status.h"
#include "dyad/tagger.h"

namespace dyad {

namespace parser {
struct Workspace;
}

// Head of the sentence's root word.
inline constexpr std::int32_t kRootHead = -1;

// One word's arc: `head` is the 0-based index of its head word in the sentence
// (kRootHead for the root); `deprel` indexes Parser::DeprelName.
struct DepArc {
  std::int32_t head = kRootHead;
  std::uint16_t deprel = 0;
};

// Per-thread working memory for Parser::Parse. Reusing one keeps parsing free
// of allocation once it has grown to the longest sentence seen.
struct ParserScratch {
  ParserScratch();
  ~ParserScratch();
  ParserScratch(ParserScratch&&) noexcept;
  ParserScratch& operator=(ParserScratch&&) noexcept;
  std::unique_ptr<parser::Workspace> impl_;  // internal
};

class Parser {
 public:
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Loads a model file. Errors name the file: kNotFound (missing), kIoError,
  // kTruncated (shorter than its header says), kParseError (bad magic, bad
  // checksum, inconsistent tables), kVersionMismatch (another format version).
  static Result<std::unique_ptr<Parser>> Load(const std::string& path);
  // The same from bytes in memory; `name` is used in error messages.
  static Result<std::unique_ptr<Parser>> FromBytes(std::string_view bytes, std::string_view name);
  // $DYAD_PARSER_MODEL if set, else <DYAD_DATA_DIR>/models/parser-en-ewt.dpm.
  static std::string DefaultPath();

  // Parses one sentence: out[i] is the arc of words[i]. words, tags and out
  // have the same size. Never fails; empty input is fine.
  void Parse(std::span<const std::string_view> words, std::span<const PosTag> tags,
             ParserScratch* scratch, std::span<DepArc> out) const;

  // Relation names ("nsubj", "obl:tmod", ...), indexed by DepArc::deprel.
  std::string_view DeprelName(std::uint16_t deprel) const;
  std::size_t DeprelCount() const;
  std::size_t FeatureCount() const;
  std::size_t WeightCount() const;
  // Free text written at training time (data, epochs, seed, dev scores).
  const std::string& Description() const;

  struct Impl;

 private:
  explicit Parser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------- training

struct TrainParserOptions {
  int epochs = 12;                      // maximum passes over the training data
  int patience = 3;                     // stop after this many epochs without a dev gain
  std::uint64_t seed = 1;               // shuffling, exploration, contraction merging
  std::size_t max_train_sentences = 0;  // 0 = all; else the first N of each file (for tests)
  std::size_t max_dev_sentences = 0;    // 0 = all
  // From this epoch on (1-based) the oracle follows the model's own wrong
  // transitions with probability `explore` (Goldberg & Nivre's k and p).
  int explore_from_epoch = 2;
  double explore = 0.9;
  // Each epoch, a sentence with multiword tokens is presented with them merged
  // into one word with this probability.
  double merge_contractions = 0.5;
  // Averaged weights below this magnitude are dropped from the model of
  // every epoch (the one scored on dev).
  float prune_below = 0.01f;
  // The kept model is then pruned again with PruneParserModel at this
  // magnitude: on EWT+GUM with clusters, 2.0 keeps 371,791 of 1,862,514 features
  // (38.9 MB -> 6.6 MB) and costs 0.6 dev UAS, 0.7 LAS; 1.5 scores 0.2 better
  // but parses ~20% slower, below 15,000 sentences/s (docs/performance.md).
  float final_prune = 2.0f;
  // Word clusters from `dyad train clusters` (data/models/clusters-en-news.dwc),
  // read with the name finder's loader and stored in the model for the
  // cluster templates; empty: no clusters (those features are then constant).
  std::string clusters;
  // Tags words of training and dev data (predicted tags, as at run time);
  // null: the gold tags of the files are used.
  const Tagger* tagger = nullptr;
  // Jackknifed training tags: when K >= 2, every training file is cut into K
  // contiguous blocks; for each k a tagger is trained (TrainTagger with
  // `jackknife_tagger`, dev = the parser's dev files) on all blocks but the
  // k-th of every file and tags the k-th blocks, so the training tags carry
  // the errors run-time tags have. `tagger` still tags the dev data and must
  // be set. The folds go through temporary CoNLL-U files (removed again).
  // Deterministic like the rest. 0 = training data tagged by `tagger`.
  int jackknife_folds = 0;
  TrainTaggerOptions jackknife_tagger;  // defaults: those of the shipped tagger
  const Lexicon* lexicon = nullptr;     // for the tagger; may be null
  // Progress lines ("epoch 3: dev UAS 88.1% LAS 85.0%"); may be empty.
  DiagnosticSink progress;
};

// Attachment scores over all syntactic words, punctuation included. `las`
// compares the full relation with subtype; `las_universal` only its universal
// part ("nsubj" for "nsubj:pass"), as the CoNLL 2018 shared task scored LAS.
struct ParseScore {
  std::size_t words = 0;
  std::size_t head_correct = 0;
  std::size_t label_correct = 0;   // head and full relation
  std::size_t ulabel_correct = 0;  // head and universal relation
  std::size_t sentences = 0;
  double uas() const { return words ? static_cast<double>(head_correct) / words : 0.0; }
  double las() const { return words ? static_cast<double>(label_correct) / words : 0.0; }
  double las_universal() const { return words ? static_cast<double>(ulabel_correct) / words : 0.0; }
  void Add(const ParseScore& o) {
    words += o.words;
    head_correct += o.head_correct;
    label_correct += o.label_correct;
    ulabel_correct += o.ulabel_correct;
    sentences += o.sentences;
  }
};

struct TrainParserReport {
  int best_epoch = 0;
  int epochs_run = 0;
  ParseScore best_dev;
  std::vector<ParseScore> dev_by_epoch;
  std::size_t train_sentences = 0;
  std::size_t train_words = 0;
  // Jackknifing: words of the training data whose predicted XPOS (held-out
  // fold tagger) equals the gold one, out of train_words.
  std::size_t jackknife_xpos_correct = 0;
  std::size_t nonprojective_lifted = 0;  // arcs lifted to make training trees projective
  std::size_t skipped_sentences = 0;     // training trees that are not trees (cycles)
  std::size_t deprels = 0;
  std::size_t features = 0;  // in the saved model
  std::size_t weights = 0;
};

// Trains on CoNLL-U files and returns the serialised model of the epoch with
// the best dev LAS. Deterministic: the same files, options, tagger and seed
// give the same bytes. Errors name the file and line.
Result<std::string> TrainParser(const std::vector<std::string>& train_conllu,
                                const std::vector<std::string>& dev_conllu,
                                const TrainParserOptions& options, TrainParserReport* report);

// Drops the weights of a serialised model whose magnitude is below
// `min_weight` (and features left without weights): a smaller, faster model.
// Deterministic. Errors as Parser::FromBytes, naming `name`.
Result<std::string> PruneParserModel(std::string_view bytes, float min_weight,
                                     std::string_view name);

// Writes `bytes` to `path` atomically (temp file + rename).
Status WriteParserModel(std::string_view bytes, const std::string& path);

// Parses the syntactic words of a CoNLL-U file, tagged by `tagger` (null: the
// file's own tags), and scores them against its HEAD/DEPREL columns. When
// `by_group` is given, scores are also added up per sentence group: for
// sent_ids "GUM_<genre>_..." the genre, else the sent_id up to its first '-'
// or '_' ("answers", "email", "newsgroup", "reviews", "weblog" in EWT).
Result<ParseScore> EvaluateParser(const Parser& parser, const std::string& conllu_path,
                                  const Tagger* tagger, const Lexicon* lexicon,
                                  std::map<std::string, ParseScore>* by_group = nullptr);

// Reads a CoNLL-U file, tags its syntactic words with `tagger` (XPOS and UPOS
// columns replaced), parses them (HEAD and DEPREL replaced; DEPS cleared to
// "_") and appends the result as CoNLL-U to `out`; comments, multiword token
// lines and other columns are kept. Errors name file:line.
Status ParseConlluFile(const Parser& parser, const Tagger& tagger, const Lexicon* lexicon,
                       const std::string& conllu_path, std::string* out);

}  // namespace dyad

#endif  // DYAD_PARSER_H_
