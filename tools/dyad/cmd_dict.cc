// `dyad dict stats PATH...`: what a dictionary set holds.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
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

// The kind of an actor code: its last three-letter sector ("USAGOV" -> GOV,
// "IGOUNOMIL" -> MIL), "IGO"/"NGO" for a bare organisation, "country" for a
// bare state code, "null" for [---].
std::string ActorKind(std::string_view code) {
  if (code.empty() || code == "---") return "null";
  if (code.size() == 3) return (code == "IGO" || code == "NGO") ? std::string(code) : "country";
  if (code.size() % 3 != 0) return "other";
  std::string_view last = code.substr(code.size() - 3);
  if (code.size() == 6 && (code.substr(0, 3) == "IGO" || code.substr(0, 3) == "NGO"))
    return std::string(code.substr(0, 3));
  return std::string(last);
}

// Actor records by the kind of their default code, dated records (with date
// restrictions) and the latest date any restriction names: how far in time the
// dictionaries reach.
void PrintActorKinds(const Dictionaries& dict) {
  std::map<std::string, std::size_t> kinds;
  std::size_t dated = 0;
  std::int32_t latest = 0;
  for (const ActorEntry& a : dict.actors()) {
    std::string_view code = a.default_code == kNone ? "---" : dict.code(a.default_code).text;
    if (code == "---" && !a.restrictions.empty()) code = dict.code(a.restrictions[0].code).text;
    ++kinds[ActorKind(code)];
    if (!a.restrictions.empty()) ++dated;
    for (const DateRestriction& r : a.restrictions) {
      latest = std::max(latest, r.from);
      if (r.to < 99990000) latest = std::max(latest, r.to);
    }
  }
  for (const auto& [kind, n] : kinds) std::printf("actors_%s: %zu\n", kind.c_str(), n);
  std::printf("actors_dated: %zu\n", dated);
  if (latest > 0)
    std::printf("latest_date: %04d-%02d-%02d\n", latest / 10000, latest / 100 % 100, latest % 100);
}

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
  PrintActorKinds(dict);
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
