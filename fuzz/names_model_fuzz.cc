// Copyright dyad authors. libFuzzer target: the name finder model reader
// (NameFinder::FromBytes) on arbitrary bytes. The first input byte chooses the
// mode: even, the rest is read as a whole model file; odd, the rest is a
// payload framed with the right header, size and checksum, so the fuzzer
// reaches the table parser behind the CRC. Any input gives a model or a Status
// naming the file, never a crash, hang or leak; a model that loads finds
// valid, ordered, non-overlapping names. First byte & 6 == 6: the rest is a
// word vector file payload (names::ParseVectors).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/names.h"
#include "names/features.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 6) == 6) {  // the word vector file reader, behind a valid frame
    dyad::names::VectorTable t;
    dyad::Status s = dyad::names::ParseVectors(
        dyad::names::Frame(dyad::names::kVectorMagic, dyad::names::kVectorVersion, rest),
        "fuzz.dwv", &t);
    if (!s.ok() && s.message().find("fuzz.dwv") == std::string::npos) __builtin_trap();
    if (s.ok() && t.vectors.size() != t.words.size() * t.dim) __builtin_trap();
    return 0;
  }
  const std::string bytes =
      (data[0] & 1) ? dyad::names::Frame(dyad::names::kModelMagic, dyad::names::kModelVersion, rest)
                    : std::string(rest);
  auto finder = dyad::NameFinder::FromBytes(bytes, "fuzz.dnm");
  if (!finder.ok()) {
    if (finder.status().message().find("fuzz.dnm") == std::string::npos) __builtin_trap();
    return 0;
  }
  std::vector<std::string_view> words = {"Finance", "Minister", "Chidi", "Okafor", "met",
                                         "the",     "IMF",      "in",    "Lagos",  "."};
  std::vector<dyad::NameSpan> found;
  dyad::NameScratch scratch;
  auto check = [&] {
    std::uint32_t last = 0;
    for (const dyad::NameSpan& n : found) {
      if (n.begin < last || n.begin >= n.end || n.end > words.size()) __builtin_trap();
      last = n.end;
    }
  };
  (*finder)->Find(words, {}, &scratch, &found);
  check();
  // Document mode: the second sentence sees the first one's memory.
  (*finder)->StartDocument(&scratch);
  for (int i = 0; i < 2; ++i) {
    (*finder)->FindInDocument(words, {}, &scratch, &found);
    check();
  }
  return 0;
}
