// Copyright dyad authors. Small private helpers of the context stage: an ASCII
// word scanner for date windows and case-insensitive comparisons.
#ifndef DYAD_SRC_CONTEXT_WORDS_H_
#define DYAD_SRC_CONTEXT_WORDS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/context.h"

namespace dyad {

struct Word {
  std::string_view text;
  std::uint32_t begin = 0, end = 0;  // offsets in the scanned text
};

inline bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
inline char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// ASCII case-insensitive equality; `lower` must be lower case.
inline bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (LowerAscii(a[i]) != lower[i]) return false;
  return true;
}

// Words (letters, digits, bytes >= 0x80, with inner . ' - joined) and single
// punctuation characters, with offsets. Linear in the text.
std::vector<Word> ScanWords(std::string_view text);

// b - a in days.
std::int64_t DaysBetween(const CivilDate& a, const CivilDate& b);

}  // namespace dyad

#endif  // DYAD_SRC_CONTEXT_WORDS_H_
