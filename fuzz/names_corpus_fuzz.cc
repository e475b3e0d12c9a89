// Copyright dyad authors. libFuzzer target: the named-entity corpus readers
// (UNER .iob2, GUM CoNLL-U entities, re3d CoNLL, re3d reduced to names) on arbitrary bytes; the
// first byte picks the format. Any input gives sentences with names inside them, or a Status naming
// the file and line, never a crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/names.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const dyad::NerFormat formats[] = {dyad::NerFormat::kIob2, dyad::NerFormat::kGum,
                                     dyad::NerFormat::kConll, dyad::NerFormat::kRe3dNames};
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<dyad::NerSentence> out;
  dyad::Status s = dyad::ParseNerCorpus(rest, "fuzz.txt", formats[data[0] % 4], &out);
  if (!s.ok()) {
    if (s.message().find("fuzz.txt:") == std::string::npos) __builtin_trap();
    return 0;
  }
  for (const dyad::NerSentence& sent : out) {
    for (const dyad::NameSpan& n : sent.names) {
      if (n.begin >= n.end || n.end > sent.words.size()) __builtin_trap();
    }
  }
  return 0;
}
