// Copyright dyad authors. Boilerplate lines and paragraphs: affiliate and
// commission disclosures, newsletter / subscribe / follow-us prompts, "click
// here", "read more:", copyright and "all rights reserved" notices,
// "Advertisement", "this article originally appeared ...", wire credit lines
// ("Reporting by ...; Editing by ..."), and share-button text.
//
// Only whole lines or paragraphs are removed, never part of a sentence.
#ifndef DYAD_INGEST_BOILERPLATE_H_
#define DYAD_INGEST_BOILERPLATE_H_

#include <string>
#include <string_view>
#include <vector>

namespace dyad::ingest {

// True when the whole of `unit` (one line or paragraph, surrounding space
// ignored) is boilerplate. Units longer than 400 bytes never are.
bool IsBoilerplate(std::string_view unit);

// Removes boilerplate from a plain-text body with LF line ends, in place, and
// appends each removed unit (trimmed) to *removed. A paragraph (lines between
// blank lines) is removed when it matches as a whole; a single line inside a
// paragraph only when it stands alone: it starts the paragraph or follows a
// line ending a sentence, and it ends the paragraph or ends a sentence itself.
// Returns true when something was removed.
bool RemoveBoilerplateLines(std::string* body, std::vector<std::string>* removed);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_BOILERPLATE_H_
