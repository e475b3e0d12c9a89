// Copyright dyad authors. libFuzzer target: the agents dictionary reader (both
// flavours) and the lookups over what it compiles (see fuzz/dict_fuzz.h).
#include <cstddef>
#include <cstdint>

#include "dict_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return dyad_fuzz::FuzzDictionary(data, size, dyad::DictFileKind::kAgents);
}
