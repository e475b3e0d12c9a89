// libFuzzer target: arbitrary bytes parsed as a CAMEO codebook table.
//
// Parse must return a table or an error, never crash, hang or read out of
// bounds; a parsed table must answer lookups consistently.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dyad/codebook.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = dyad::Codebook::Parse(text, "fuzz.tsv");
  if (!result.ok()) {
    if (result.status().message().empty()) __builtin_trap();
    return 0;
  }
  const dyad::Codebook& cb = **result;
  for (const dyad::CameoCode& c : cb) {
    if (cb.FindExact(c.code) != &c) __builtin_trap();
    if (cb.Find(c.code) != &c) __builtin_trap();
    if (c.quad_class != dyad::QuadClassOfRoot(dyad::Codebook::Root(c.code))) __builtin_trap();
    if (!(c.goldstein >= -10.0 && c.goldstein <= 10.0)) __builtin_trap();
  }
  // Lookups of arbitrary short keys taken from the input.
  for (std::size_t i = 0; i + 4 <= size && i < 64; ++i) {
    const dyad::CameoCode* c = cb.Find(text.substr(i, 4));
    if (c != nullptr && c->code.compare(0, 2, text.substr(i, 2)) != 0) __builtin_trap();
  }
  return 0;
}
