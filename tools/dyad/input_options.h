// Input options shared by the subcommands that read articles.
#ifndef DYAD_TOOLS_INPUT_OPTIONS_H_
#define DYAD_TOOLS_INPUT_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

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

// Reads every article of `path`, calling `fn` for each (fn returns false when it
// failed on that article). Warnings and errors go to stderr naming the file and
// record. Returns the number of failures (unreadable input counts as one).
int ForEachArticle(const std::string& path, const InputArgs& args,
                   const std::function<bool(Article&)>& fn);

// ReadOptions from the command-line arguments (format already validated).
ReadOptions ToReadOptions(const InputArgs& args);

// Loads the pipeline; prints the error, or the number of dictionary warnings
// unless `quiet`, to stderr. Null when it cannot be loaded.
std::unique_ptr<Pipeline> LoadPipeline(const PipelineOptions& options, bool quiet);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_INPUT_OPTIONS_H_
