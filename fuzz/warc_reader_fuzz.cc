// Copyright dyad authors. libFuzzer target: the warc reader on arbitrary bytes.
// Any input must give articles or a Status, never a crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dyad/article.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::ReadOptions options;
  options.format = dyad::Format::kWarc;
  options.max_record_bytes = 1 << 20;
  options.max_html_depth = 64;
  auto result =
      dyad::ReadArticlesFromBuffer(std::string_view(reinterpret_cast<const char*>(data), size),
                                   "fuzz", options, [](const dyad::Diagnostic&) {});
  if (result.ok()) {
    for (const dyad::Article& a : *result) {
      if (a.body.empty() || a.content_hash.size() != 64) __builtin_trap();
    }
  }
  return 0;
}
