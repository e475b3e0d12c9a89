// Copyright dyad authors. Helpers shared by the eval stage's files.
#ifndef DYAD_SRC_EVAL_EVAL_INTERNAL_H_
#define DYAD_SRC_EVAL_EVAL_INTERNAL_H_

#include <string>
#include <string_view>

namespace dyad {

// Whitespace runs become one space; leading/trailing whitespace dropped.
std::string NormalizeSpace(std::string_view text);

}  // namespace dyad

#endif  // DYAD_SRC_EVAL_EVAL_INTERNAL_H_
