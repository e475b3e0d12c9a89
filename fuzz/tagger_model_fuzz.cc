// Copyright dyad authors. libFuzzer target: the tagger model reader
// (Tagger::FromBytes) on arbitrary bytes. The first input byte chooses the
// mode: even, the rest is read as a whole model file; odd, the rest is a
// payload wrapped in a header with the right size and checksum (and flags from
// bits 1-3 of the first byte), so the fuzzer reaches the table parser behind
// the CRC. Any input gives a model or a Status
// naming the file, never a crash, hang or leak; a model that loads tags a
// sentence with valid tags.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/tagger.h"
#include "tagger/model.h"

namespace {

void PutLe(std::string* out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string bytes;
  if (data[0] & 1) {
    bytes.assign(dyad::tagger::kModelMagic, sizeof dyad::tagger::kModelMagic);
    PutLe(&bytes, dyad::tagger::kModelVersion, 4);
    // Bits 1-3 of the first byte: the header flags (some combinations are refused).
    PutLe(&bytes, (data[0] >> 1) & 7, 4);
    PutLe(&bytes, rest.size(), 8);
    PutLe(&bytes, dyad::tagger::Crc32(rest), 4);
    PutLe(&bytes, 0, 4);
    bytes.append(rest);
  } else {
    bytes.assign(rest);
  }
  auto tagger = dyad::Tagger::FromBytes(bytes, "fuzz.dtm");
  if (!tagger.ok()) {
    if (tagger.status().message().find("fuzz.dtm") == std::string::npos) __builtin_trap();
    return 0;
  }
  std::vector<std::string_view> words = {"The", "rebels",    "attacked", "the", "town",
                                         ",",   "officials", "said",     "."};
  std::vector<dyad::PosTag> tags(words.size());
  dyad::TaggerScratch scratch;
  (*tagger)->Tag(words, nullptr, &scratch, tags.data());
  for (const dyad::PosTag& t : tags) {
    if (static_cast<int>(t.xpos) >= dyad::kXposCount ||
        static_cast<int>(t.upos) >= dyad::kUposCount)
      __builtin_trap();
  }
  return 0;
}
