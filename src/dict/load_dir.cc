// Copyright dyad authors. Finding the dictionary files of a directory.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "dict/dict_data.h"
#include "dyad/dict.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;
using FileList = std::vector<std::pair<fs::path, DictFileKind>>;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TrimCopy(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// PETR_config.ini [Dictionaries]: verbfile_name, actorfile_list (comma list),
// agentfile_name, discardfile_name, issuefile_name. Returns false if absent.
bool FromPetrConfig(const fs::path& dir, FileList* out, std::vector<std::string>* missing) {
  fs::path ini = dir / "PETR_config.ini";
  std::error_code ec;
  if (!fs::exists(ini, ec)) return false;
  std::istringstream in(Slurp(ini));
  std::string line, section;
  while (std::getline(in, line)) {
    std::string t = TrimCopy(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t[0] == '[') {
      section = t;
      continue;
    }
    if (section != "[Dictionaries]") continue;
    std::size_t eq = t.find('=');
    if (eq == std::string::npos) continue;
    std::string key = TrimCopy(t.substr(0, eq));
    std::string value = TrimCopy(t.substr(eq + 1));
    DictFileKind kind = key == "verbfile_name"      ? DictFileKind::kVerbs
                        : key == "actorfile_list"   ? DictFileKind::kActors
                        : key == "agentfile_name"   ? DictFileKind::kAgents
                        : key == "discardfile_name" ? DictFileKind::kDiscards
                        : key == "issuefile_name"   ? DictFileKind::kIssues
                                                    : DictFileKind::kAuto;
    if (kind == DictFileKind::kAuto) continue;
    std::stringstream list(value);
    std::string name;
    while (std::getline(list, name, ',')) {
      name = TrimCopy(name);
      if (name.empty()) continue;
      if (!fs::exists(dir / name, ec)) {
        missing->push_back(name);
      } else {
        out->emplace_back(dir / name, kind);
      }
    }
  }
  return true;
}

// TABARI .project files: <actorsfile> X, <verbsfile> X, <agentsfile> X,
// <optionsfile> X, <issuesfile> X.
void FromProjects(const fs::path& dir, FileList* out) {
  std::vector<fs::path> projects;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec) && e.path().extension() == ".project") projects.push_back(e.path());
  }
  std::sort(projects.begin(), projects.end());
  std::set<fs::path> seen;
  for (const fs::path& p : projects) {
    std::istringstream in(Slurp(p));
    std::string line;
    while (std::getline(in, line)) {
      std::string t = TrimCopy(line);
      std::size_t gt = t.find('>');
      if (t.empty() || t[0] != '<' || gt == std::string::npos) continue;
      std::string tag = t.substr(1, gt - 1);
      DictFileKind kind = tag == "actorsfile"    ? DictFileKind::kActors
                          : tag == "verbsfile"   ? DictFileKind::kVerbs
                          : tag == "agentsfile"  ? DictFileKind::kAgents
                          : tag == "optionsfile" ? DictFileKind::kOptions
                          : tag == "issuesfile"  ? DictFileKind::kIssues
                                                 : DictFileKind::kAuto;
      if (kind == DictFileKind::kAuto) continue;
      std::string name = TrimCopy(t.substr(gt + 1));
      fs::path f = dir / name;
      if (name.empty() || !fs::exists(f, ec) || seen.count(f)) continue;
      seen.insert(f);
      out->emplace_back(f, kind);
    }
  }
}

}  // namespace

Result<std::vector<std::pair<fs::path, DictFileKind>>> ListDictionaryDir(
    const fs::path& dir, const DictOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFound(dir.string() + ": not a directory");
  FileList files;
  std::vector<std::string> missing;
  if (FromPetrConfig(dir, &files, &missing)) {
    if (missing.empty() && !files.empty()) return files;
    if (options.sink) {
      std::string names;
      for (const auto& m : missing) names += (names.empty() ? "" : ", ") + m;
      options.sink({(dir / "PETR_config.ini").string(),
                    "names files not in this directory (" + names +
                        "); recognising dictionary files by name instead"});
    }
    files.clear();
  }
  FromProjects(dir, &files);
  if (!files.empty()) return files;
  std::vector<fs::path> all;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) all.push_back(e.path());
  }
  std::sort(all.begin(), all.end());
  // Actors before agents before verbs etc. is not required: each table is separate.
  for (const fs::path& p : all) {
    std::string name = p.filename().string();
    if (name.ends_with(".project") || name.ends_with(".ini") || name.ends_with(".rst") ||
        name.ends_with(".md") || name.ends_with(".xml")) {
      continue;
    }
    DictFileKind kind = GuessKindFromName(name);
    if (kind != DictFileKind::kAuto) files.emplace_back(p, kind);
  }
  if (files.empty()) return NotFound(dir.string() + ": no dictionary files found");
  return files;
}

Result<std::unique_ptr<Dictionaries>> LoadDictionaryDir(const fs::path& dir,
                                                        const DictOptions& options) {
  auto files = ListDictionaryDir(dir, options);
  if (!files.ok()) return files.status();
  return LoadDictionaries(*files, options);
}

Result<DictStats> DictionaryDirStats(const fs::path& dir, const DictOptions& options) {
  auto dicts = LoadDictionaryDir(dir, options);
  if (!dicts.ok()) return dicts.status();
  return (*dicts)->Stats();
}

}  // namespace dyad
