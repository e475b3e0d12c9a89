// Copyright dyad authors. Turning command-line paths into the list of inputs.
#ifndef DYAD_INPUTS_H_
#define DYAD_INPUTS_H_

#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// Expands files, folders (recursively, files with an extension dyad reads:
// .txt .text .html .htm .jsonl .ndjson .json .warc .warc.gz .xml, hidden files
// skipped, sorted by path) and glob patterns ("news/*.jsonl"); "-" is stdin and
// is kept as is. Errors: kNotFound naming the path that matches nothing.
Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& paths);

}  // namespace dyad

#endif  // DYAD_INPUTS_H_
