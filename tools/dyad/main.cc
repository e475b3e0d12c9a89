// dyad: news text in, political event data out.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "commands.h"

namespace dyad::cli {
void PrintError(const std::string& message) { std::fprintf(stderr, "dyad: %s\n", message.c_str()); }

namespace {

// Levenshtein distance, for suggesting a subcommand.
std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// When the first argument is a word that names no subcommand, says so with
// the closest one; returns true then.
bool ReportUnknownCommand(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-' || argv[1][0] == '\0') return false;
  const std::string word = argv[1];
  std::string best, names;
  std::size_t best_distance = ~std::size_t{0};
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string& name = sub->get_name();
    if (name == word) return false;
    names += (names.empty() ? "" : ", ") + name;
    std::size_t d = EditDistance(word, name);
    if (name.rfind(word, 0) == 0) d = 0;  // a prefix: "val" -> "validate"
    if (d < best_distance) best_distance = d, best = name;
  }
  std::string message = "unknown command '" + word + "'";
  if (best_distance <= std::max<std::size_t>(2, word.size() / 2)) {
    message += "; did you mean '" + best + "'?";
  }
  PrintError(message + " (commands: " + names + "; dyad --help)");
  return true;
}

}  // namespace
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
  dyad::cli::RegisterParse(app, &run);
  dyad::cli::RegisterIngest(app, &run);
  dyad::cli::RegisterQuery(app, &run);
  dyad::cli::RegisterExport(app, &run);
  dyad::cli::RegisterSplit(app, &run);
  dyad::cli::RegisterServe(app, &run);
  dyad::cli::RegisterEnqueue(app, &run);
  dyad::cli::RegisterWorker(app, &run);
  dyad::cli::RegisterEval(app, &run);
  dyad::cli::RegisterStories(app, &run);
  if (dyad::cli::ReportUnknownCommand(app, argc, argv)) return dyad::cli::kExitUsage;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : dyad::cli::kExitUsage;
  }
  return run ? run() : dyad::cli::kExitUsage;
}
