// Copyright dyad authors. Stage `names`: a named-entity recogniser for PERSON,
// ORG and PLACE names, and document-level linking of their mentions.
//
// NameFinder: an averaged structured perceptron with Viterbi decoding over
// BILOU labels (Begin/Inside/Last/Unit of a PERSON, ORG or PLACE name, or
// Outside), with hashed features of the words, their shapes and affixes, the
// tagger's tags, capitalisation in context, word clusters learned from
// unlabelled news with fastText (`dyad train clusters`), gazetteer membership
// (dyad's actor dictionaries, place gazetteer and given names) and what the
// document's other sentences said of each word. The decoder only ever makes
// valid BILOU sequences. Models are trained by TrainNames from UNER, GUM and
// re3d files (`dyad train names`) and stored in dyad's own binary format
// (docs/formats/names-model.md); the shipped model is
// data/models/names-en.dnm.
//
// LinkNames: within one article, mentions of one real name share an entity id
// ("Khalifa Hifter" ... "Hifter" ... "Gen. Hifter"; "Mr. Okafor" after "Chidi
// Okafor"); a later mention takes the first mention's type; titles,
// honorifics and appositions ("Finance Minister", "Gen.") are kept as the
// mention's title.
//
// Thread-safety: a loaded NameFinder is immutable; Find() may be called from
// any number of threads at once, each with its own NameScratch.
#ifndef DYAD_NAMES_H_
#define DYAD_NAMES_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

namespace dyad {

// A name found in a sentence: words [begin, end) and its type (kPerson, kOrg
// or kPlace).
struct NameSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  EntityType type = EntityType::kOther;
  bool operator==(const NameSpan&) const = default;
};

// Per-thread working memory for NameFinder::Find.
struct NameScratch {
  // Internal to NameFinder; do not rely on their content.
  std::vector<std::uint64_t> word_features_;
  std::vector<std::int32_t> scores_;
  std::vector<std::int64_t> emit_, delta_;  // Viterbi: label scores per word
  std::vector<std::uint8_t> back_;          // Viterbi back-pointers
  std::vector<std::uint8_t> labels_;
  std::vector<std::string_view> words_;
  std::vector<PosTag> tags_;
  std::vector<std::uint32_t> ends_, tokens_;  // FindDocumentNames
  // A document memory: what sentences said about their words (a hash table).
  struct Memory {
    std::vector<std::uint64_t> slots;
    std::size_t count = 0;
  };
  // FindInDocument's memory of the document's earlier sentences; FindDocument
  // also keeps one of its later sentences.
  Memory memory_, later_memory_;
  // FindDocument: each word's features, label scores and memory value, the
  // names found.
  std::vector<std::uint64_t> doc_wf_;
  std::vector<std::int64_t> doc_emit_;
  std::vector<std::uint8_t> doc_memory_;
  std::vector<NameSpan> found_, doc_names_;
  std::vector<std::size_t> doc_first_;
};

class NameFinder {
 public:
  ~NameFinder();
  NameFinder(const NameFinder&) = delete;
  NameFinder& operator=(const NameFinder&) = delete;

  // Loads a model file. Errors name the file: kNotFound (missing), kIoError,
  // kTruncated (shorter than its header says), kParseError (bad magic, bad
  // checksum, inconsistent tables), kVersionMismatch (another format version).
  static Result<std::unique_ptr<NameFinder>> Load(const std::string& path);
  // The same from bytes in memory; `name` is used in error messages.
  static Result<std::unique_ptr<NameFinder>> FromBytes(std::string_view bytes,
                                                       std::string_view name);
  // $DYAD_NAMES_MODEL if set, else <DYAD_DATA_DIR>/models/names-en.dnm.
  static std::string DefaultPath();

  // Finds the names of one sentence. `tags` are the tagger's tags of `words`
  // (same size), or empty (the model then sees every word as untagged and is
  // less accurate). Replaces `out`'s content with the names, in word order,
  // non-overlapping. Never fails; empty input is fine.
  void Find(std::span<const std::string_view> words, std::span<const PosTag> tags,
            NameScratch* scratch, std::vector<NameSpan>* out) const;

  // Document mode: call StartDocument, then FindInDocument on each sentence
  // of the document in order. FindInDocument is Find plus the types found for
  // the same words in the document's earlier sentences (kept in `scratch`,
  // which must not be shared between documents being read at once), as Ratinov
  // & Roth (2009) use them; "Hifter" after "Khalifa Hifter" is a person.
  void StartDocument(NameScratch* scratch) const;
  void FindInDocument(std::span<const std::string_view> words, std::span<const PosTag> tags,
                      NameScratch* scratch, std::vector<NameSpan>* out) const;

  // Whole-document mode, in two passes (Ratinov & Roth 2009): FindInDocument
  // over the sentences in order, then, last sentence first, a sentence with a
  // word that later sentences found in a name of a type the earlier ones had
  // not is labelled again with what all the other sentences said of its words.
  // `words`: the document's words; `sentence_ends`: where each sentence ends
  // in `words` (ascending, the last = words.size(); a bad end stops the
  // document there); `tags`: the tags of all of `words`, or empty. Replaces
  // `out` with the names in word order, as indices into `words`. After the
  // call scratch->doc_memory_ holds each word's memory value as last used.
  void FindDocument(std::span<const std::string_view> words,
                    std::span<const std::uint32_t> sentence_ends, std::span<const PosTag> tags,
                    NameScratch* scratch, std::vector<NameSpan>* out) const;

  std::size_t FeatureCount() const;
  // Words in the model's word table (clusters and gazetteer bits).
  std::size_t WordCount() const;
  // Free text written at training time (data, epochs, seed, dev F1).
  const std::string& Description() const;

  struct Impl;

 private:
  explicit NameFinder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------- document level

// One mention of a name in a document. Tokens index Document::tokens.
struct NameMention {
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
  Span span;  // byte offsets into the body (a trailing possessive 's is left out)
  EntityType type = EntityType::kOther;
  std::uint32_t entity = 0;  // 0-based; mentions of one real name share it
  // A title, honorific or apposition of a person ("Finance Minister", "Gen.",
  // "the party's leader"), as byte offsets into the body; empty if none.
  Span title;
};

// Finds the names of every sentence of `doc` (tags: the tagger's tags of all
// of doc.tokens, or empty) and links them (LinkNames). Replaces `out`.
void FindDocumentNames(const NameFinder& finder, const Document& doc, std::span<const PosTag> tags,
                       NameScratch* scratch, std::vector<NameMention>* out);

// Links mentions (in document order, first_token/end_token/type set) of one
// document: sets entity ids, inherited types, spans and titles. A person's
// later mention by surname, by first name + surname, or with an honorific
// ("Mr.", "Gen.") joins the earlier entity; an ORG or PLACE joins an earlier
// one with the same words. Honorifics inside a mention are moved to its title.
void LinkNames(const Document& doc, std::span<const PosTag> tags,
               std::vector<NameMention>* mentions);

// ---------------------------------------------------------------- corpora

// A sentence with gold names (word indices) from a training or test corpus.
struct NerSentence {
  std::vector<std::string> words;
  std::vector<NameSpan> names;
  std::string doc;  // document id where the corpus has one ("GUM_news_nasa"), else ""
};

enum class NerFormat {
  kIob2,   // UNER: id, form, IOB2 tag (B-PER/I-ORG/B-LOC/O), ...; "# " comments
  kGum,    // GUM CoNLL-U with Entity= annotations in MISC (named mentions only)
  kConll,  // re3d CoNLL: form, TAB, IOB2 tag with re3d's types
  // re3d CoNLL reduced to names, for training beside UNER and GUM: re3d marks
  // mentions ("the Kurdish YPG", "U.S. service members", "families"); each
  // is cut to its capitalised words ("Kurdish YPG"), a mention without one
  // is dropped, and a sentence whose mention has lower-case words after or
  // inside its name (other than of/the/and/for/de/&) is left out.
  kRe3dNames,
};
// "iob2", "gum", "conll", "re3d"; ParseNerFormat's inverse.
std::string_view NerFormatName(NerFormat f);
Result<NerFormat> ParseNerFormat(std::string_view name);

// Reads a corpus file (or, for kConll, a folder of .conll files read in name
// order, each file a document). Types are mapped to PERSON/ORG/PLACE as
// docs/formats/names-model.md describes; other types are dropped. Errors name
// file:line (kNotFound, kIoError, kParseError).
Status ReadNerCorpus(const std::string& path, NerFormat format, std::vector<NerSentence>* out);
// The same from bytes in memory (`name` in messages); kConll reads one file.
Status ParseNerCorpus(std::string_view bytes, std::string_view name, NerFormat format,
                      std::vector<NerSentence>* out);

// ---------------------------------------------------------------- training

struct TrainNamesOptions {
  int epochs = 12;   // maximum passes over the training data
  int patience = 3;  // stop after this many epochs without a dev gain
  // Training runs with seeds seed, seed + 1, ...; more than one: the model's
  // weights are the mean of each run's best epoch's weights.
  int runs = 1;
  std::uint64_t seed = 1;               // shuffling
  std::size_t max_train_sentences = 0;  // 0 = all; else the first N (for tests)
  float prune_below = 0.01f;            // drop averaged weights below this magnitude
  // Document memory features (FindInDocument): their training values come
  // from models trained on the other `memory_folds` - 1 folds of training
  // documents (`memory_epochs` epochs each), so that they are as noisy as at
  // run time. 0 folds = no document memory features.
  int memory_folds = 4;
  int memory_epochs = 6;
  // Tagger for the words' tags (as at run time); null = no tag features.
  const Tagger* tagger = nullptr;
  const Lexicon* lexicon = nullptr;  // for the tagger
  // Word cluster file from `dyad train clusters` (empty = no cluster features)
  // and gazetteer word lists (empty = none); both are copied into the model.
  std::string clusters;
  // Word vector file from `dyad train clusters --save-vectors` (empty = no
  // dense vector features); copied into the model.
  std::string vectors;
  std::string data_dir;     // dyad's data folder for the gazetteers; empty = none
  std::string leaders_dir;  // ../shared/data/leaders for given names; empty = none
  // Unlabelled articles (paths OpenArticleReader reads) whose words' case
  // profile (mostly lower-case / mostly capitalised) goes into the word table
  // together with the training text's; empty = the training text only.
  std::vector<std::string> case_text;
  DiagnosticSink progress;
};

// Name-level scores: exact span and type.
struct NameScore {
  std::size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? static_cast<double>(correct) / predicted : 0.0; }
  double recall() const { return gold ? static_cast<double>(correct) / gold : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  void Add(const NameScore& o) {
    gold += o.gold;
    predicted += o.predicted;
    correct += o.correct;
  }
};
struct NameEvaluation {
  NameScore all;
  NameScore by_type[3];  // kPerson, kOrg, kPlace
};

struct TrainNamesReport {
  int best_epoch = 0;
  int epochs_run = 0;
  NameEvaluation best_dev;
  std::size_t train_sentences = 0;
  std::size_t train_tokens = 0;
  std::size_t features = 0;
  std::size_t words = 0;
};

// Trains on `train` and keeps the epoch with the best dev F1. Deterministic:
// the same sentences, options and seed give the same bytes.
Result<std::string> TrainNames(const std::vector<NerSentence>& train,
                               const std::vector<NerSentence>& dev,
                               const TrainNamesOptions& options, TrainNamesReport* report);

// Runs `finder` over `sentences` (tagging them with `tagger` when not null)
// in document mode and scores exact spans and types: FindDocument's two
// passes, or with `two_pass` false FindInDocument's one.
NameEvaluation EvaluateNames(const NameFinder& finder, const std::vector<NerSentence>& sentences,
                             const Tagger* tagger, const Lexicon* lexicon, bool two_pass = true);

// Writes `bytes` to `path` atomically (temp file + rename).
Status WriteNamesFile(std::string_view bytes, const std::string& path);

// ---------------------------------------------------------------- word clusters

struct TrainClustersOptions {
  int dim = 64;
  int epochs = 5;
  int min_count = 3;
  std::size_t max_words = 150000;  // the most frequent words get a cluster
  int clusters = 1024;             // finest level; coarser levels 256 and 64
  int kmeans_iterations = 12;
  std::uint64_t seed = 1;
  std::string work_dir;  // for the tokenised corpus and vectors; empty = a temp folder
  // A fastText text vector file (.vec) to cluster instead of training new
  // vectors (inputs are then not read); empty = train.
  std::string vec_file;
  DiagnosticSink progress;
};

// Tokenises the articles of `inputs` (any format dyad reads) and the words of
// `conllu` files, trains skipgram vectors with fastText (one thread, fixed
// seed), clusters them with k-means and returns the cluster file
// (docs/formats/names-model.md, "Word clusters"). Deterministic.
// With `vector_file` not null, it receives the word vector file (the same
// words' quantised vectors, docs/formats/names-model.md, "Word vectors").
Result<std::string> TrainClusters(const std::vector<std::string>& inputs,
                                  const std::vector<std::string>& conllu,
                                  const TrainClustersOptions& options,
                                  std::string* vector_file = nullptr);

// The words of a cluster file (lower-cased, in file order): the news
// vocabulary whose WordNet classes a tagger model can store
// (TrainTaggerOptions::vocabulary). Errors name the file.
Result<std::vector<std::string>> ReadClusterWords(const std::string& path);

}  // namespace dyad

#endif  // DYAD_NAMES_H_
