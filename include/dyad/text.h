// Copyright dyad authors. Stage `text`: an article body -> sentences of tokens.
//
// Every token and sentence keeps byte offsets [begin, end) into the body it was
// made from: body.substr(t.begin, t.end - t.begin) is the token's surface text.
// Tokens are plain values in one vector per document (no allocation per token);
// a Document can be reused across articles to keep its capacity.
//
// Tokens (PTB-like, so the tagger sees the usual pieces):
//  - words keep inner hyphens and apostrophes ("al-Sarraj", "O'Brien",
//    "U.S.-backed"); letters are Unicode letters and combining marks (ICU).
//  - periods: acronyms and initials keep theirs ("U.S.", "J.R.R.", "e.g.",
//    "a.m.", "W."), as do known abbreviations ("Mr.", "Gen.", "Inc.", "Jan.",
//    "Calif.", "etc.", "vs."; "No." only before a number); any other "." is kPunct.
//  - clitics split off as kWord tokens: "country's" -> "country" "'s",
//    "I'm" -> "I" "'m" (also 'd 'll 're 've), "don't" -> "do" "n't",
//    "can't" -> "ca" "n't"; the plural possessive "immigrants'" -> "immigrants"
//    "'" (a kWord "'", unless a single quote is open: then it closes it, kQuote).
//    The curly apostrophe U+2019 works the same way.
//  - numbers keep inner , . : / - between digits ("2,000", "3.5", "15:01",
//    "1986-87") and ordinal/decade suffixes ("10th", "1980s"); digits with
//    other letters are words ("3D"). Currency symbols are separate kSymbol.
//  - "..." "--" "?!" are one kPunct token each; UTF-8 quotes are kQuote, UTF-8
//    dashes and other punctuation kPunct, emoji kOther; an invalid UTF-8 byte
//    is a one-byte kOther token.
// Sentences end at . ? ! and ellipses (with any closing quotes/brackets that
// follow without a space) unless the next word starts lower case; an
// abbreviation ending in "." ends a sentence only before a common sentence
// starter ("in the U.S. The ..." splits, "U.S. Politics" does not); titles
// ("Mr.", "Gen."), initials before names and "e.g." never do. Datelines
// ("WASHINGTON (Reuters) - ") stay in the first sentence. A blank line, or a
// line break followed by an indent of 2+ blanks (Reuters style), starts a new
// paragraph and always ends the sentence; a single line break ends one before
// a bullet ("- ", "* ", "• ", "1. ") and after a short title-case headline line.
//
// Thread-safety: SplitText is reentrant; a Document belongs to one thread.
#ifndef DYAD_TEXT_H_
#define DYAD_TEXT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

enum class TokenKind : std::uint8_t {
  kWord,    // letters, with inner apostrophes/hyphens/periods ("U.S.", "don't", "al-Sarraj")
  kNumber,  // digits with inner separators ("2,000", "3.5", "2011")
  kPunct,   // . , ; : ! ? ( ) [ ] - and dashes
  kQuote,   // " ' “ ” ‘ ’ « »
  kSymbol,  // $ % & @ # and other symbols
  kOther,   // anything else (emoji, stray control-free bytes)
};

// Token flags (bit set).
enum TokenFlag : std::uint8_t {
  kCapitalized = 1 << 0,  // first letter upper case
  kAllCaps = 1 << 1,      // every letter upper case, at least two letters
  kSpaceBefore = 1 << 2,  // whitespace precedes the token (not set at offset 0)
};

struct Token {
  std::uint32_t begin = 0;  // byte offset into the body
  std::uint32_t end = 0;    // one past the last byte
  TokenKind kind = TokenKind::kOther;
  std::uint8_t flags = 0;
  std::uint32_t size() const { return end - begin; }
};

struct Sentence {
  std::uint32_t begin = 0;        // byte offset of the first token
  std::uint32_t end = 0;          // one past the last token
  std::uint32_t first_token = 0;  // index into Document::tokens
  std::uint32_t token_count = 0;
  std::uint32_t paragraph = 0;  // 0-based paragraph (blank line or indented line)
  bool forced_break = false;    // this piece was cut at max_tokens_per_sentence; the
                                // rest of the sentence follows (the last piece is unmarked)
  // A row of a table laid out with runs of spaces ("Wheat   2.55   2.40   IV"): two
  // gaps of three blanks or more inside one line. Not prose; nothing is coded from it.
  bool table_row = false;
};

struct TextOptions {
  // Longer sentences are cut into pieces of at most this many tokens (every
  // piece but the last marked forced_break), so later stages do bounded work
  // per sentence. Must be at least 1.
  std::uint32_t max_tokens_per_sentence = 512;
};

// The analysed text of one body. `body` is borrowed: it must outlive the Document.
struct Document {
  std::string_view body;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;

  std::string_view TokenText(const Token& t) const { return body.substr(t.begin, t.end - t.begin); }
  std::string_view SentenceText(const Sentence& s) const {
    return body.substr(s.begin, s.end - s.begin);
  }
  void Clear() {
    body = {};
    tokens.clear();
    sentences.clear();
  }
};

// Splits `body` (UTF-8; invalid bytes become kOther tokens) into sentences and
// tokens, replacing doc's content. Linear time; no allocation per token once
// the Document's vectors have grown.
// Errors: kLimitExceeded if the body is 4 GiB or more (offsets are 32-bit);
// kInvalidArgument if max_tokens_per_sentence is 0 or doc is null.
Status SplitText(std::string_view body, const TextOptions& options, Document* doc);

}  // namespace dyad

#endif  // DYAD_TEXT_H_
