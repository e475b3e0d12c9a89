// The dyad CLI: each subcommand registers itself on the CLI11 app. Entry
// points parse options, call the library and map results to exit codes; no
// domain logic lives here.
#ifndef DYAD_TOOLS_COMMANDS_H_
#define DYAD_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>

#include "dyad/store.h"

namespace dyad::cli {

// Exit codes shared by all subcommands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran but something failed
inline constexpr int kExitUsage = 2;    // bad options

// A subcommand sets `run` to the function executed after parsing.
using Runner = std::function<int()>;

void RegisterText(CLI::App& app, Runner* run);
void RegisterCode(CLI::App& app, Runner* run);
void RegisterDict(CLI::App& app, Runner* run);
void RegisterValidate(CLI::App& app, Runner* run);
void RegisterTrain(CLI::App& app, Runner* run);
// `dyad train names` and `dyad train clusters` (cmd_train_names.cc), added to `train`.
void RegisterTrainNames(CLI::App& train, Runner* run);
void RegisterParse(CLI::App& app, Runner* run);
void RegisterIngest(CLI::App& app, Runner* run);
void RegisterQuery(CLI::App& app, Runner* run);
void RegisterExport(CLI::App& app, Runner* run);
void RegisterSplit(CLI::App& app, Runner* run);
void RegisterServe(CLI::App& app, Runner* run);
void RegisterEnqueue(CLI::App& app, Runner* run);
void RegisterWorker(CLI::App& app, Runner* run);
void RegisterEval(CLI::App& app, Runner* run);
void RegisterStories(CLI::App& app, Runner* run);

// Prints a readable digest of a store to stdout (`dyad query --summary`,
// `dyad ingest --summary`); returns an exit code.
int PrintStoreSummary(Store& store);

// Prints one story of a store and, per article, why it is in the story: the
// names, places, words and events it shares with the story, its score and
// its nearest earlier member (`dyad stories --story ID`,
// `dyad query --story ID --why`); returns an exit code.
int PrintStoryWhy(Store& store, std::int64_t story_id);

// Prints "dyad: <message>" to stderr.
void PrintError(const std::string& message);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_COMMANDS_H_
