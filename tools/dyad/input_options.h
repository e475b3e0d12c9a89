// Input options shared by the subcommands that read articles.
#ifndef DYAD_TOOLS_INPUT_OPTIONS_H_
#define DYAD_TOOLS_INPUT_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/pipeline.h"

namespace dyad::cli {

struct InputArgs {
  std::string format = "auto";
  std::string date;  // default publication date
  std::size_t max_article_bytes = ReadOptions{}.max_article_bytes;
  bool keep_boilerplate = false;
  bool quiet = false;  // no warnings on stderr
};

void AddInputOptions(CLI::App* cmd, InputArgs* args);

// What the readers met over a run: articles read and warnings given.
struct InputTally {
  std::size_t articles = 0;
  std::size_t warnings = 0;
};

// Reads every article of `path`, calling `fn` for each (fn returns false when it
// failed on that article). Warnings and errors go to stderr naming the file and
// record, and are counted in `tally` when given. Returns the number of failures
// (unreadable input counts as one).
int ForEachArticle(const std::string& path, const InputArgs& args,
                   const std::function<bool(Article&)>& fn, InputTally* tally = nullptr);

// After reading every input: an error when no article was read (a run that
// would otherwise do nothing without a word), else the count of input warnings
// unless quiet. Returns true when at least one article was read.
bool ReportInputTally(const InputTally& tally, const std::vector<std::string>& paths, bool quiet);

// ReadOptions from the command-line arguments (format already validated).
ReadOptions ToReadOptions(const InputArgs& args);

// Loads the pipeline; prints the error, or the number of dictionary warnings
// unless `quiet`, to stderr. Null when it cannot be loaded.
std::unique_ptr<Pipeline> LoadPipeline(const PipelineOptions& options, bool quiet);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_INPUT_OPTIONS_H_
