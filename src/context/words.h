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

// Class bits of a word (context.cc's word table; several may be set).
enum CueClass : std::uint32_t {
  kReportVerb = 1u << 0,   // said, reported, told, indicated ...
  kMedia = 1u << 1,        // outlets, reports, Reuters ...
  kAnonymous = 1u << 2,    // sources, insiders, anonymity ...
  kInstitution = 1u << 3,  // ministry, government, spokesman, groups ...
  kPlanned = 1u << 4,      // planning, plans, intends, slated, will ...
  kPossible = 1u << 5,     // could, may, might, possibly ...
  kRequest = 1u << 6,      // urged, demanded, called (for) ...
  kDeny = 1u << 7,         // denied, rejected, dismissed ...
  kNegation = 1u << 8,     // not, never, no ...
  kCondition = 1u << 9,    // if, unless
  kAux = 1u << 10,         // is, are, have, had, been ...
  kDeterminer = 1u << 11,  // the, a, an, these ...
  kClauseStop = 1u << 12,  // that, which, who, because, despite, while ...
  kRoleLocation = 1u << 13,
  kRoleDestination = 1u << 14,
  kRoleOrigin = 1u << 15,
  kHedgeAdverb = 1u << 16,  // reportedly, allegedly
  kPronoun = 1u << 17,
  kNpPreposition = 1u << 18,  // of, at, from, for, with, in: may sit inside a source NP
  kModal = 1u << 19,          // will, would, could, may, might, shall, can, must, should
};

// Modality cues found for one event (context.cc: word window; syntax.cc: tree).
struct ModalityCues {
  bool negated = false, planned = false, possible = false, requested = false, denied = false,
       hypothetical = false, future = false;
};

// b - a in days.
std::int64_t DaysBetween(const CivilDate& a, const CivilDate& b);

}  // namespace dyad

#endif  // DYAD_SRC_CONTEXT_WORDS_H_
