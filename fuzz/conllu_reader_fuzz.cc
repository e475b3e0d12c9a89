// Copyright dyad authors. libFuzzer target: the CoNLL-U reader
// (tagger::ReadConllu, used by tagger and parser training, evaluation and
// `dyad parse`) on arbitrary file contents. Any input gives sentences or a
// Status naming the file, never a crash; a sentence read has heads within it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "tagger/conllu.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/dyad_conllu_fuzz_" + std::to_string(getpid()) + ".conllu";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  dyad::tagger::ConlluFile file;
  dyad::Status s = dyad::tagger::ReadConllu(path, 0, &file);
  if (!s.ok()) {
    if (s.message().find(path) == std::string::npos) __builtin_trap();
    return 0;
  }
  for (const auto& sent : file.sentences) {
    for (const auto& w : sent.words) {
      if (w.head > sent.words.size()) __builtin_trap();
    }
    for (const auto& r : sent.ranges) {
      if (r.first > r.last || r.last >= sent.words.size()) __builtin_trap();
    }
  }
  return 0;
}
