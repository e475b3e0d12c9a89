// `dyad export`: every event of a store as jsonl, csv, gdelt, plover or phoenix.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "commands.h"
#include "dyad/store.h"

namespace dyad::cli {
namespace {

struct ExportArgs {
  std::string db = "dyad.db";
  std::string format = "jsonl";
  std::string output;  // empty or "-": stdout
  bool clusters = false;
};

int RunExport(const ExportArgs& args) {
  auto format = ParseExportFormat(args.format);
  if (!format.ok()) {
    PrintError(format.status().ToString());
    return kExitUsage;
  }
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(args.db, ro);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return kExitFailure;
  }
  const bool to_stdout = args.output.empty() || args.output == "-";
  // A file is written under a temporary name and renamed when complete, so a
  // failed export never leaves a truncated file behind under the real name.
  const std::string tmp = to_stdout ? std::string() : args.output + ".partial";
  std::FILE* out = to_stdout ? stdout : std::fopen(tmp.c_str(), "wb");
  if (!out) {
    PrintError(tmp + ": " + std::strerror(errno));
    return kExitFailure;
  }
  const std::string name = to_stdout ? "stdout" : args.output;
  ExportOptions options;
  options.format = *format;
  options.clusters = args.clusters;
  auto stats = ExportEvents(**store, options, [&](std::string_view chunk) {
    if (std::fwrite(chunk.data(), 1, chunk.size(), out) != chunk.size()) {
      return IoError(name + ": " + std::strerror(errno));
    }
    return Status::Ok();
  });
  bool ok = stats.ok();
  if (!ok) PrintError(stats.status().ToString());
  if (to_stdout) {
    if (std::fflush(stdout) != 0) ok = false;
  } else {
    if (std::fclose(out) != 0) {
      PrintError(name + ": " + std::strerror(errno));
      ok = false;
    }
    if (ok && std::rename(tmp.c_str(), args.output.c_str()) != 0) {
      PrintError(args.output + ": " + std::strerror(errno));
      ok = false;
    }
    if (!ok) std::remove(tmp.c_str());
  }
  if (!ok) return kExitFailure;
  std::fprintf(stderr, "dyad: exported %zu %s to %s (%s)", stats->rows,
               args.clusters ? "events/clusters" : "events", name.c_str(), args.format.c_str());
  if (stats->skipped)
    std::fprintf(stderr, "; %zu events without a PLOVER type left out", stats->skipped);
  std::fprintf(stderr, "\n");
  return kExitOk;
}

}  // namespace

void RegisterExport(CLI::App& app, Runner* run) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write a store's events as jsonl, csv, gdelt, plover or phoenix");
  cmd->add_option("--db", args->db, "Store: a file path, sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cmd->add_option("--format", args->format, "jsonl, csv, gdelt, plover or phoenix")
      ->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "csv", "gdelt", "plover", "phoenix"}));
  cmd->add_flag("--clusters", args->clusters,
                "One row per event cluster (with mention counts) instead of one per event");
  cmd->add_option("-o,--output", args->output, "Output file (default: stdout)");
  cmd->callback([run, args] { *run = [args] { return RunExport(*args); }; });
}

}  // namespace dyad::cli
