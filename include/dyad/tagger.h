// Copyright dyad authors. Stage `tagger`: part-of-speech tags and phrase chunks.
//
// Tagger: a greedy left-to-right averaged perceptron (Collins 2002, in the style
// of Honnibal's "A good POS tagger in about 200 lines") that gives every word a
// Penn Treebank tag (XPOS, as used by UD English EWT) and a Universal POS tag
// (UPOS). The model predicts one joint (XPOS, UPOS) class per word, so the two
// tags are always consistent with each other. Models are trained from CoNLL-U
// treebanks by TrainTagger and stored in dyad's own binary format
// (docs/formats/tagger-model.md); the shipped model is data/models/tagger-en-ewt.dtm.
//
// Chunker: rules over tags and words that group a tagged sentence into noun
// phrases, verb groups (with auxiliaries, modal, negation, tense, aspect,
// voice), prepositional phrases attached to the nearest verb group, and marks
// coordination, apposition, relative clauses and reporting frames
// ("X said", "according to Y", "X reported that").
//
// Tokens: the tagger takes a sentence as a sequence of words (string views).
// Treebank tokenisation splits "don't" into "do" + "n't" and "Bush's" into
// "Bush" + "'s"; dyad's text stage keeps such words whole. The shipped model is
// trained on both forms (a whole contraction gets the tag of its first part:
// "didn't" -> VBD/AUX, "Bush's" -> NNP/PROPN), and the chunker reads negation
// from a trailing "n't" as well as from a separate "not"/"n't" token.
//
// Thread-safety: a loaded Tagger is immutable; Tag() may be called from any
// number of threads at once, each with its own TaggerScratch. ChunkSentence() is
// reentrant; a Chunks value belongs to one thread.
#ifndef DYAD_TAGGER_H_
#define DYAD_TAGGER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/lexicon.h"
#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad {

// The 17 Universal POS tags (universaldependencies.org/u/pos/).
enum class Upos : std::uint8_t {
  kAdj,
  kAdp,
  kAdv,
  kAux,
  kCconj,
  kDet,
  kIntj,
  kNoun,
  kNum,
  kPart,
  kPron,
  kPropn,
  kPunct,
  kSconj,
  kSym,
  kVerb,
  kX,
};
inline constexpr int kUposCount = 17;

// Penn Treebank tags plus the extra tags of UD English EWT (ADD, AFX, GW, HYPH,
// NFP, XX). kNone stands for a missing XPOS ("_").
enum class Xpos : std::uint8_t {
  kNone,
  kCC,
  kCD,
  kDT,
  kEX,
  kFW,
  kIN,
  kJJ,
  kJJR,
  kJJS,
  kLS,
  kMD,
  kNN,
  kNNS,
  kNNP,
  kNNPS,
  kPDT,
  kPOS,
  kPRP,
  kPRPS /* PRP$ */,
  kRB,
  kRBR,
  kRBS,
  kRP,
  kSYM,
  kTO,
  kUH,
  kVB,
  kVBD,
  kVBG,
  kVBN,
  kVBP,
  kVBZ,
  kWDT,
  kWP,
  kWPS /* WP$ */,
  kWRB,
  kPeriod /* . */,
  kComma /* , */,
  kColon /* : */,
  kOpenQuote /* `` */,
  kCloseQuote /* '' */,
  kLrb /* -LRB- */,
  kRrb /* -RRB- */,
  kHash /* # */,
  kDollar /* $ */,
  kHyph,
  kNfp,
  kAdd,
  kAfx,
  kGw,
  kXx,
};
inline constexpr int kXposCount = static_cast<int>(Xpos::kXx) + 1;

// "NOUN", "PROPN", ...; "VBD", "PRP$", "-LRB-", "_" for kNone.
std::string_view UposName(Upos tag);
std::string_view XposName(Xpos tag);
// Inverse of the above; false if `name` is not a tag.
bool ParseUpos(std::string_view name, Upos* tag);
bool ParseXpos(std::string_view name, Xpos* tag);

struct PosTag {
  Xpos xpos = Xpos::kNone;
  Upos upos = Upos::kX;
};

// Per-thread working memory for Tagger::Tag. Reusing one keeps tagging free of
// allocation once it has grown to the longest sentence seen.
struct TaggerScratch {
  // Internal to Tagger::Tag; do not rely on their content.
  std::vector<std::uint64_t> word_features_;
  std::vector<std::int32_t> scores_;
  std::vector<std::string_view> words_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> spans_;
  std::vector<std::int32_t> static_scores_;
  // WordNet classes of recently seen words (models that use the lexicon):
  // lower-cased word hash -> 1 + classes, direct-mapped; valid for one lexicon.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> classes_cache_;
  const Lexicon* classes_cache_lexicon_ = nullptr;
};

class Tagger {
 public:
  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // Loads a model file. Errors name the file: kNotFound (missing), kIoError,
  // kTruncated (shorter than its header says), kParseError (bad magic, bad
  // checksum, inconsistent tables), kVersionMismatch (another format version).
  static Result<std::unique_ptr<Tagger>> Load(const std::string& path);
  // The same from bytes in memory; `name` is used in error messages.
  static Result<std::unique_ptr<Tagger>> FromBytes(std::string_view bytes, std::string_view name);
  // $DYAD_TAGGER_MODEL if set, else <DYAD_DATA_DIR>/models/tagger-en-ewt.dtm.
  static std::string DefaultPath();

  // Tags one sentence: out[i] is the tag of words[i]; `out` has words.size()
  // elements. `lexicon` (may be null) supplies WordNet classes as features when
  // the model was trained with them (UsesLexicon()); without it such a model
  // still tags, a little less accurately. Never fails; empty input is fine.
  void Tag(std::span<const std::string_view> words, const Lexicon* lexicon, TaggerScratch* scratch,
           PosTag* out) const;
  // Convenience: tags every sentence of `doc`; tags->size() becomes doc.tokens.size().
  void TagDocument(const Document& doc, const Lexicon* lexicon, TaggerScratch* scratch,
                   std::vector<PosTag>* tags) const;

  bool UsesLexicon() const;
  // The model stores WordNet classes of its words (TrainTaggerOptions::
  // ClassesFrom kModel or kModelFolded): it needs no lexicon.
  bool ClassesInModel() const;
  // With them folded into the ambiguity classes (kModelFolded).
  bool ClassesFolded() const;
  std::size_t FeatureCount() const;
  std::size_t WeightCount() const;
  // Word forms in the tag dictionary (tagged without scoring).
  std::size_t TagDictionarySize() const;
  // Free text written at training time (data, epochs, seed, dev accuracy).
  const std::string& Description() const;

  struct Impl;

 private:
  explicit Tagger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------- training

struct TrainTaggerOptions {
  int epochs = 20;                      // maximum passes over the training data
  int patience = 4;                     // stop after this many epochs without a dev gain
  std::uint64_t seed = 1;               // shuffling and contraction merging
  std::size_t max_train_sentences = 0;  // 0 = all; else the first N (for tests)
  std::size_t max_dev_sentences = 0;    // 0 = all
  // Keep (XPOS, UPOS) pairs seen at least this often as classes; rarer pairs
  // are trained as the most frequent pair with the same XPOS.
  int min_pair_count = 5;
  // Each epoch, a sentence with multiword tokens ("don't", "Bush's") is
  // presented with them merged into one word with this probability.
  double merge_contractions = 0.5;
  // Weights whose absolute value is below this (after averaging) are dropped.
  float prune_below = 0.05f;
  // Features that fire on fewer training words than this (counted once over
  // the data with the gold previous classes) are not learned; 1 = all. On EWT,
  // 5 keeps 53,501 of 167,368 features at -0.3 UPOS points, and the smaller
  // table makes tagging ~40% faster (docs/performance.md).
  int min_feature_count = 5;
  // Tag dictionary: a word form seen at least `tag_dict_min_count` times whose
  // most frequent class has at least `tag_dict_min_share` of them is tagged with
  // that class without scoring (training still learns from every word). 0 = no
  // tag dictionary.
  int tag_dict_min_count = 10;
  double tag_dict_min_share = 0.97;
  // WordNet classes as features. With `classes_from` kLexicon the model then
  // records UsesLexicon() and wants the lexicon when tagging; otherwise the
  // classes of the training words and of `vocabulary` are stored in the model
  // and it tags without a lexicon (a word in neither has no classes).
  const Lexicon* lexicon = nullptr;
  enum class ClassesFrom : std::uint8_t {
    kLexicon,      // two templates, the classes from the lexicon at run time
    kModel,        // the same two templates, the classes from the model's table
    kModelFolded,  // no templates of their own: part of the word's ambiguity class
  };
  ClassesFrom classes_from = ClassesFrom::kLexicon;
  // Words besides the training words whose classes a kModel/kModelFolded
  // model stores (e.g. the words of data/models/clusters-en-news.dwc).
  std::vector<std::string> vocabulary;
  // Progress lines ("epoch 3: dev UPOS 95.1% XPOS 94.6%"); may be empty.
  DiagnosticSink progress;
};

struct TagAccuracy {
  std::size_t tokens = 0;
  std::size_t upos_correct = 0;
  std::size_t xpos_correct = 0;
  double upos() const { return tokens ? static_cast<double>(upos_correct) / tokens : 0.0; }
  double xpos() const { return tokens ? static_cast<double>(xpos_correct) / tokens : 0.0; }
};

struct TrainTaggerReport {
  int best_epoch = 0;  // 1-based epoch whose model was kept
  int epochs_run = 0;
  TagAccuracy best_dev;
  std::vector<TagAccuracy> dev_by_epoch;
  std::size_t train_sentences = 0;
  std::size_t train_tokens = 0;
  std::size_t classes = 0;
  std::size_t features = 0;  // in the saved model, after pruning
  std::size_t weights = 0;
  std::size_t tag_dict_words = 0;    // word forms tagged from the tag dictionary
  std::size_t word_table_words = 0;  // words with an XPOS set or stored WordNet classes
};

// Trains on CoNLL-U files (comment lines, multiword token ranges "1-2" and
// empty nodes "1.1" are handled) and returns the serialised model of the epoch
// with the best dev UPOS accuracy. Deterministic: the same files, options and
// seed give the same bytes. Errors name the file and line.
Result<std::string> TrainTagger(const std::vector<std::string>& train_conllu,
                                const std::vector<std::string>& dev_conllu,
                                const TrainTaggerOptions& options, TrainTaggerReport* report);

// Writes `bytes` to `path` atomically (temp file + rename).
Status WriteTaggerModel(std::string_view bytes, const std::string& path);

// Tags the words of a CoNLL-U file (syntactic words, as the treebank splits
// them) and compares with its UPOS/XPOS columns.
Result<TagAccuracy> EvaluateTagger(const Tagger& tagger, const std::string& conllu_path,
                                   const Lexicon* lexicon);

// ---------------------------------------------------------------- chunker

enum class ChunkType : std::uint8_t {
  kNounPhrase,  // base NP: determiners, modifiers, compounds up to the noun head
  kVerbGroup,   // auxiliaries, modal, negation, adverbs between them, main verb
                // (or a lone copula/auxiliary as head: "is" in "he is angry")
  kPrepPhrase,  // the preposition; `object` is the NP it governs
  kAdjPhrase,   // predicative adjectives ("was very angry")
};
std::string_view ChunkTypeName(ChunkType type);  // "NP", "VG", "PP", "ADJP"

enum class Tense : std::uint8_t { kNone, kPresent, kPast, kFuture };
enum class Aspect : std::uint8_t { kSimple, kProgressive, kPerfect, kPerfectProgressive };
std::string_view TenseName(Tense t);    // "none", "present", "past", "future"
std::string_view AspectName(Aspect a);  // "simple", "progressive", "perfect", "perfect_progressive"

// How a chunk relates to another chunk (`related`).
enum class ChunkRelation : std::uint8_t {
  kNone,
  kCoordinated,     // NP/VG joined by and/or/but to the earlier chunk `related`
  kApposition,      // NP set off by commas after NP `related` ("Putin, the president,")
  kRelativeClause,  // VG of a relative clause ("who/which/that ...") modifying NP `related`
};
std::string_view ChunkRelationName(ChunkRelation r);

inline constexpr std::int32_t kNoChunk = -1;
inline constexpr std::int32_t kNoToken = -1;

struct Chunk {
  ChunkType type = ChunkType::kNounPhrase;
  std::uint32_t begin = 0;  // first token (index into the sentence's words)
  std::uint32_t end = 0;    // one past the last token
  std::uint32_t head = 0;   // NP: the noun; VG: the main verb; PP: the preposition
  ChunkRelation relation = ChunkRelation::kNone;
  std::int32_t related = kNoChunk;  // chunk index for `relation`
  // PP: the NP it governs and the verb group it attaches to (nearest one to
  // the left, else to the right); kNoChunk if none.
  std::int32_t object = kNoChunk;
  std::int32_t attach = kNoChunk;
  // VG only.
  bool negated = false;           // not / n't / never
  bool passive = false;           // form of "be"/"get" + past participle
  std::int32_t modal = kNoToken;  // token of will/would/can/could/may/might/must/shall/should
  Tense tense = Tense::kNone;     // of the finite verb; kFuture for will/shall/"going to"
  Aspect aspect = Aspect::kSimple;
  bool infinitive = false;  // "to deport": the group is "deport", "to" stays outside the span
  // "is planning to deport", "intends to", "wants to", "threatened to": the
  // intent verb's group is chained to the infinitive group via `complement`
  // and the infinitive group has `intent` set.
  bool intent = false;
  std::int32_t complement = kNoChunk;  // VG: the "to"-infinitive VG it governs
};

enum class FrameKind : std::uint8_t {
  kSaid,          // X said / said X / X told ... (reporting verb with a subject)
  kAccordingTo,   // according to Y
  kReportedThat,  // X reported/announced/claimed that ...
};
std::string_view FrameKindName(FrameKind k);  // "said", "according_to", "reported_that"

struct ReportingFrame {
  FrameKind kind = FrameKind::kSaid;
  std::int32_t cue_chunk = kNoChunk;  // the reporting VG, or the PP of "according to"
  std::int32_t source = kNoChunk;     // NP of who reports (X, Y); kNoChunk if none found
};

struct Chunks {
  std::vector<Chunk> chunks;  // in token order
  std::vector<ReportingFrame> frames;
  void Clear() {
    chunks.clear();
    frames.clear();
  }
};

// Chunks one tagged sentence; words.size() == tags.size(). Replaces out's
// content (keeps its capacity). Linear in the sentence length.
void ChunkSentence(std::span<const std::string_view> words, std::span<const PosTag> tags,
                   Chunks* out);

// Chunk accuracy against phrases derived from a treebank's dependency trees
// (see docs/formats/tagger-model.md, "Chunk evaluation"). Precision and recall
// count exact spans.
struct ChunkScore {
  std::size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? static_cast<double>(correct) / predicted : 0.0; }
  double recall() const { return gold ? static_cast<double>(correct) / gold : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};
struct ChunkEvaluation {
  ChunkScore np, vg;
};
// Tags with `tagger` (or, when null, uses the gold tags of the file) and chunks
// every sentence of a CoNLL-U file.
Result<ChunkEvaluation> EvaluateChunker(const Tagger* tagger, const std::string& conllu_path,
                                        const Lexicon* lexicon);

}  // namespace dyad

#endif  // DYAD_TAGGER_H_
