#include "dyad/inputs.h"

#include <glob.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace dyad {
namespace {

namespace fs = std::filesystem;

bool HasReadableExtension(std::string_view name) {
  static constexpr std::array<std::string_view, 10> kExts = {
      ".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".warc", ".warc.gz", ".xml"};
  for (std::string_view e : kExts) {
    if (name.size() > e.size() && name.substr(name.size() - e.size()) == e) return true;
  }
  return false;
}

Status AddDirectory(const fs::path& dir, std::vector<std::string>* out) {
  std::error_code ec;
  std::vector<std::string> found;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) return IoError(dir.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return IoError(dir.string() + ": " + ec.message());
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && HasReadableExtension(name)) found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  out->insert(out->end(), found.begin(), found.end());
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back(p);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (!ec && fs::is_directory(st)) {
      DYAD_RETURN_IF_ERROR(AddDirectory(p, &out));
      continue;
    }
    if (!ec && fs::exists(st)) {
      out.push_back(p);
      continue;
    }
    if (p.find_first_of("*?[") != std::string::npos) {
      glob_t g{};
      int rc = glob(p.c_str(), 0, nullptr, &g);
      if (rc == 0) {
        for (size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
      }
      globfree(&g);
      if (rc == 0) continue;
    }
    return NotFound(p + ": no such file or directory");
  }
  return out;
}

}  // namespace dyad
