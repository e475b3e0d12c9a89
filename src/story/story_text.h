// Copyright dyad authors. Word-level helpers shared by the story stage's term,
// name and profile code (private to src/story).
#ifndef DYAD_STORY_STORY_TEXT_H_
#define DYAD_STORY_STORY_TEXT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::story_internal {

// True for the built-in English function words (lower case).
bool IsStopWord(std::string_view lower);

// True for company-form words ("inc", "corp", "ltd"): never a name word.
bool IsCompanySuffix(std::string_view lower);

// Lower-cases ASCII letters and removes a final plural "s" (not after s, u, i)
// from words longer than 3 bytes.
void NormaliseTerm(std::string_view word, std::string* out);

// Calls fn for each word (run of ASCII letters or non-ASCII UTF-8 bytes other
// than U+00A0 and U+2000-U+206F), saying whether it opens a sentence (first
// word, or first after . ! ? : or a line break; "U.S." does not end one).
void ForEachWord(std::string_view text,
                 const std::function<void(std::string_view word, bool sentence_start)>& fn);

// Distinct four-digit years 1950-2099 standing alone in the text, ascending.
void ExplicitYears(std::string_view text, std::vector<int>* out);

}  // namespace dyad::story_internal

#endif  // DYAD_STORY_STORY_TEXT_H_
