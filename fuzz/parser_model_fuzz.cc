// Copyright dyad authors. libFuzzer target: the parser model reader
// (Parser::FromBytes) on arbitrary bytes. The first input byte chooses the
// mode: even, the rest is read as a whole model file; odd, the rest is a
// payload wrapped in a header with the right size and checksum, so the fuzzer
// reaches the table parser behind the CRC. Any input gives a model or a Status
// naming the file, never a crash, hang or leak; a model that loads parses a
// sentence into one tree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/parser.h"
#include "parser/model.h"
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
    bytes.assign(dyad::parser::kModelMagic, sizeof dyad::parser::kModelMagic);
    PutLe(&bytes, dyad::parser::kModelVersion, 4);
    PutLe(&bytes, 0, 4);
    PutLe(&bytes, rest.size(), 8);
    PutLe(&bytes, dyad::tagger::Crc32(rest), 4);
    PutLe(&bytes, 0, 4);
    bytes.append(rest);
  } else {
    bytes.assign(rest);
  }
  auto parser = dyad::Parser::FromBytes(bytes, "fuzz.dpm");
  if (!parser.ok()) {
    if (parser.status().message().find("fuzz.dpm") == std::string::npos) __builtin_trap();
    return 0;
  }
  std::vector<std::string_view> words = {"The", "rebels",    "attacked", "the", "town",
                                         ",",   "officials", "said",     "."};
  std::vector<dyad::PosTag> tags(words.size());
  std::vector<dyad::DepArc> arcs(words.size());
  dyad::ParserScratch scratch;
  (*parser)->Parse(words, tags, &scratch, arcs);
  int roots = 0;
  for (const dyad::DepArc& a : arcs) {
    if (a.head == dyad::kRootHead) ++roots;
    if (a.head < dyad::kRootHead || a.head >= static_cast<std::int32_t>(words.size()))
      __builtin_trap();
    if (a.deprel >= (*parser)->DeprelCount()) __builtin_trap();
  }
  if (roots != 1) __builtin_trap();
  return 0;
}
