// Copyright dyad authors. A small CoNLL-U reader for training and evaluation.
#ifndef DYAD_TAGGER_CONLLU_H_
#define DYAD_TAGGER_CONLLU_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "dyad/tagger.h"

namespace dyad::tagger {

// One syntactic word (an integer-ID line).
struct ConlluWord {
  std::string_view form;
  std::string_view lemma;
  std::string_view deprel;  // universal relation with subtype ("nmod:poss")
  std::uint32_t head = 0;   // 0 = root, else 1-based word index
  PosTag tag;
  std::string_view line;  // the whole line (for writers that keep other columns)
};

// A multiword token "3-4\tdon't": words [first, last] (0-based, inclusive).
struct ConlluRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::string_view form;
  std::string_view line;  // the whole line
};

struct ConlluSentence {
  std::vector<ConlluWord> words;
  std::vector<ConlluRange> ranges;
  std::vector<std::string_view> comments;  // "# ..." lines before the words, in order
  std::string_view sent_id;                // value of "# sent_id = ...", if any
  std::size_t first_line = 0;              // 1-based line of the first word line
};

// The whole file; string views point into `text`.
struct ConlluFile {
  std::string path;
  std::string text;
  std::vector<ConlluSentence> sentences;
};

// Reads and parses `path`. Comment lines (#) are skipped, empty nodes ("1.1")
// ignored, multiword ranges recorded. Errors name file and line: kNotFound,
// kIoError, kParseError (wrong column count, bad ID, unknown UPOS/XPOS, bad HEAD).
// max_sentences: stop after that many (0 = all).
Status ReadConllu(const std::string& path, std::size_t max_sentences, ConlluFile* out);

// Reads a whole file into `out`. kNotFound / kIoError name the file.
Status ReadFileBytes(const std::string& path, std::string* out);

}  // namespace dyad::tagger

#endif  // DYAD_TAGGER_CONLLU_H_
