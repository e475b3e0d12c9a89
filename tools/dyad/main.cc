// dyad: news text in, political event data out.
#include <cstdio>
#include <exception>

#include "commands.h"

namespace dyad::cli {
void PrintError(const std::string& message) { std::fprintf(stderr, "dyad: %s\n", message.c_str()); }
}  // namespace dyad::cli

int main(int argc, char** argv) {
  CLI::App app{"dyad: who did what to whom, where, when, according to whom, and how sure"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dyad 0.1.0");
  dyad::cli::Runner run;
  // Each Register* adds its subcommand; the one parsed sets `run`.
  dyad::cli::RegisterText(app, &run);
  dyad::cli::RegisterCode(app, &run);
  dyad::cli::RegisterDict(app, &run);
  dyad::cli::RegisterValidate(app, &run);
  dyad::cli::RegisterTrain(app, &run);
  dyad::cli::RegisterIngest(app, &run);
  dyad::cli::RegisterQuery(app, &run);
  dyad::cli::RegisterExport(app, &run);
  dyad::cli::RegisterSplit(app, &run);
  dyad::cli::RegisterServe(app, &run);
  dyad::cli::RegisterEnqueue(app, &run);
  dyad::cli::RegisterWorker(app, &run);
  dyad::cli::RegisterStories(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : dyad::cli::kExitUsage;
  }
  return run ? run() : dyad::cli::kExitUsage;
}
