// Copyright dyad authors. The one path from an Article to coded events.
//
// A Pipeline is built once from the loaded dictionaries, codebook, lexicon and
// tagger model, then shared read-only by every thread: `dyad code`, `dyad
// ingest`, the worker and any ingest endpoint all call Pipeline::Process — no
// entry point re-assembles the stages itself.
//
// Thread-safety: Create() once; Process() is const and may run concurrently
// from many threads (per-thread scratch memory is kept internally).
#ifndef DYAD_PIPELINE_H_
#define DYAD_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad {

struct PipelineOptions {
  // Dictionary files or folders (TABARI or PETRARCH format, layered in order).
  // Empty: dyad's own English dictionaries under data_dir/dict.
  std::vector<std::string> dictionaries;
  // dyad's data folder (cameo.tsv, models/, dict/); empty: $DYAD_DATA, else the
  // folder compiled in.
  std::string data_dir;
  // WordNet dict folder; empty: Lexicon::DefaultDirectory().
  std::string wordnet_dir;
  // Use the part-of-speech tagger and chunker (recommended).
  bool use_tagger = true;
  // Find PERSON/ORG/PLACE names with the name finder (needs the tagger) and
  // list them in CodedArticle::entities. Model: $DYAD_NAMES_MODEL, else
  // data_dir/models/names-en.dnm.
  bool use_names = true;
  // Parse with the dependency parser (needs the tagger) every sentence that
  // holds a dictionary verb or an event noun, and code it by clauses from the
  // tree: each predicate's own subject, "by" agent, object or passive subject,
  // events written as nouns (data/coder/event_nouns.tsv), pronoun subjects
  // resolved in the sentence (data_dir/models/parser-en-ewt.dpm, or
  // $DYAD_PARSER_MODEL). Off by default: parsing costs about two thirds of
  // the throughput (docs/performance.md) for the same event F1 on the gold set
  // (docs/formats/events.md, "The clause coder").
  bool use_parser = false;
  // Emit an event only when both its source and its target were found
  // (PETRARCH's require_dyad, `dyad code --require-dyad`). Off by default: a
  // protest, a claim or a passive without agent gives an event with the
  // missing side empty (docs/formats/events.md, "One-sided events").
  bool require_dyad = false;
  // Treat dictionary problems as errors rather than counted warnings.
  bool strict_dictionaries = false;
  TextOptions text;
  // Keep the coder's reading of every sentence (actors, tags, verbs, patterns)
  // in CodedArticle::trace, for `dyad code --explain`.
  bool explain = false;
  // Upper bound on events emitted per sentence.
  std::size_t max_events_per_sentence = 16;
};

class Pipeline {
 public:
  virtual ~Pipeline() = default;

  // Loads everything. Errors name the file at fault; dictionary warnings go to `warn`.
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options,
                                                  DiagnosticSink warn = {});

  // Codes one article into *out (replacing its content). Errors only for
  // inputs beyond limits; an article with nothing to code gives no events.
  virtual Status Process(const Article& article, CodedArticle* out) const = 0;

  // Counts of what was loaded, as readable text (for `dyad dict stats` and logs).
  virtual std::string Describe() const = 0;
};

}  // namespace dyad

#endif  // DYAD_PIPELINE_H_
