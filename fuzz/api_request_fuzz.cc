// Copyright dyad authors. libFuzzer target: the HTTP API (HandleApi) and the
// static-file resolver on arbitrary requests over a small store. Input lines:
// the first is the path, each further line a parameter "name=value". Every
// answer must be JSON with a status below 500 (503 for a busy store is the
// only 5xx allowed); a resolved static path must lie inside the web root.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/serve.h"
#include "dyad/store.h"

namespace {

struct Fixture {
  std::string dir;
  std::unique_ptr<dyad::Store> store;
  Fixture() {
    dir = (std::filesystem::temp_directory_path() / ("dyad-api-fuzz-" + std::to_string(getpid())))
              .string();
    std::filesystem::create_directories(dir + "/web/sub");
    std::ofstream(dir + "/web/index.html") << "<html></html>";
    std::ofstream(dir + "/web/sub/app.js") << "1";
    std::ofstream(dir + "/secret.txt") << "secret";
    auto s = dyad::Store::Open(dir + "/api.db");
    if (!s.ok()) __builtin_trap();
    store = std::move(*s);
  }
  ~Fixture() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fx;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::size_t nl = in.find('\n');
  std::string path(in.substr(0, nl));
  dyad::ApiParams params;
  while (nl != std::string_view::npos) {
    in.remove_prefix(nl + 1);
    nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    std::size_t eq = line.find('=');
    params.emplace_back(std::string(line.substr(0, eq)),
                        eq == std::string_view::npos ? "" : std::string(line.substr(eq + 1)));
  }
  dyad::ApiResponse r = dyad::HandleApi(*fx.store, "GET", "/api/" + path, params);
  if (r.status >= 500 && r.status != 503) __builtin_trap();
  if (r.body.empty() || r.body.front() != '{') __builtin_trap();
  auto file = dyad::ResolveStaticPath(fx.dir + "/web", "/" + path);
  if (file.ok()) {
    const std::string root = std::filesystem::canonical(fx.dir + "/web").string() + "/";
    if (file->compare(0, root.size(), root) != 0) __builtin_trap();
  }
  return 0;
}
