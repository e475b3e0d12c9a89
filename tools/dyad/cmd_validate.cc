// `dyad validate SUITE`: the PETRARCH unit-test records or a TABARI project.
#include <cstdio>
#include <memory>

#include "commands.h"
#include "dyad/validate.h"

namespace dyad::cli {
namespace {

struct ValidateArgs {
  std::string path;
  int max_failures = 10;
  int min_passed = -1;
  bool no_tagger = false;
  std::string explain;
};

int RunValidate(const ValidateArgs& args) {
  auto suite = LoadValidationSuite(args.path);
  if (!suite.ok()) {
    PrintError(suite.status().ToString());
    return kExitFailure;
  }
  ValidateOptions o;
  o.use_tagger = !args.no_tagger;
  o.trace = !args.explain.empty();
  o.only_id = args.explain == "all" ? std::string() : args.explain;
  auto report = RunValidation(*suite, o);
  if (!report.ok()) {
    PrintError(report.status().ToString());
    return kExitFailure;
  }
  if (o.trace) {
    std::fputs(RenderValidationTrace(*report).c_str(), stdout);
    return kExitOk;
  }
  std::fputs(RenderValidationReport(*report, args.max_failures).c_str(), stdout);
  if (args.min_passed >= 0 && report->passed < args.min_passed) {
    PrintError("passed " + std::to_string(report->passed) + " records, below the baseline " +
               std::to_string(args.min_passed));
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void RegisterValidate(CLI::App& app, Runner* run) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd =
      app.add_subcommand("validate", "Run a PETRARCH (.xml) or TABARI (.project) validation suite");
  cmd->add_option("suite", args->path, "PETR.UnitTest.records.xml or Validate.project")->required();
  cmd->add_option("--max-failures", args->max_failures, "Failures to list")->capture_default_str();
  cmd->add_option("--min-passed", args->min_passed, "Exit 1 when fewer records pass (CI baseline)");
  cmd->add_flag("--no-tagger", args->no_tagger, "Code without the part-of-speech tagger");
  cmd->add_option("--explain", args->explain, "Show how the coder read record ID (or 'all')");
  cmd->callback([run, args] { *run = [args] { return RunValidate(*args); }; });
}

}  // namespace dyad::cli
