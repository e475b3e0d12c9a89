// `dyad dict stats PATH...`: what a dictionary set holds.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "commands.h"
#include "dyad/dict.h"

namespace dyad::cli {
namespace {

struct DictArgs {
  std::vector<std::string> paths;
  bool strict = false;
  bool warnings = false;
};

int RunStats(const DictArgs& args) {
  namespace fs = std::filesystem;
  DictOptions o;
  o.strict = args.strict;
  if (args.warnings) {
    o.sink = [](const Diagnostic& d) {
      std::fprintf(stderr, "dyad: warning: %s\n", d.ToString().c_str());
    };
  }
  Result<std::unique_ptr<Dictionaries>> d =
      Status(ErrorCode::kInvalidArgument, "no dictionary given");
  if (args.paths.size() == 1 && fs::is_directory(args.paths[0])) {
    d = LoadDictionaryDir(args.paths[0], o);
  } else {
    // Files and folders layered in order, as `dyad code --dict` loads them.
    std::vector<fs::path> files;
    for (const std::string& p : args.paths) {
      if (!fs::is_directory(p)) {
        files.emplace_back(p);
        continue;
      }
      auto listed = ListDictionaryDir(p, o);
      if (!listed.ok()) {
        PrintError(listed.status().ToString());
        return kExitFailure;
      }
      for (auto& [f, kind] : *listed) files.push_back(f);
    }
    d = LoadDictionaries(files, o);
  }
  if (!d.ok()) {
    PrintError(d.status().ToString());
    return kExitFailure;
  }
  std::fputs(RenderDictStats((*d)->Stats()).c_str(), stdout);
  // CAMEO event codes the verbs and patterns can produce (coverage).
  const Dictionaries& dict = **d;
  std::set<std::string> codes, roots;
  auto add = [&](CodeId id) {
    if (id == kNone) return;
    std::string_view t = dict.code(id).text;
    if (t.size() < 2 || t.size() > 4) return;
    for (char c : t)
      if (c < '0' || c > '9') return;
    codes.emplace(t);
    roots.emplace(t.substr(0, 2));
  };
  for (const VerbBlock& b : dict.verb_blocks()) {
    add(b.code.code);
    add(b.code.paired);
    for (const VerbPattern& p : b.patterns) {
      add(p.code.code);
      add(p.code.paired);
    }
  }
  for (const VerbForm& f : dict.verb_forms()) add(f.code.code);
  std::printf("event_codes_covered: %zu\ncameo_roots_covered: %zu\n", codes.size(), roots.size());
  return kExitOk;
}

}  // namespace

void RegisterDict(CLI::App& app, Runner* run) {
  auto args = std::make_shared<DictArgs>();
  CLI::App* cmd = app.add_subcommand("dict", "Inspect dictionaries");
  cmd->require_subcommand(1);
  CLI::App* stats = cmd->add_subcommand("stats", "Load dictionaries and print what they hold");
  stats->add_option("paths", args->paths, "A dictionary folder, or files in load order")
      ->required();
  stats->add_flag("--strict", args->strict, "Fail on the first malformed line");
  stats->add_flag("-w,--warnings", args->warnings, "Print every warning (file:line: what)");
  stats->callback([run, args] { *run = [args] { return RunStats(*args); }; });
}

}  // namespace dyad::cli
