// Copyright dyad authors. Stage `text`: an article body -> sentences of tokens.
//
// Every token and sentence keeps byte offsets [begin, end) into the body it was
// made from: body.substr(t.begin, t.end - t.begin) is the token's surface text.
// Tokens are plain values in one vector per document (no allocation per token);
// a Document can be reused across articles to keep its capacity.
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
  kWord,         // letters, with inner apostrophes/hyphens/periods ("U.S.", "don't", "al-Sarraj")
  kNumber,       // digits with inner separators ("2,000", "3.5", "2011")
  kPunct,        // . , ; : ! ? ( ) [ ] - and dashes
  kQuote,        // " ' “ ” ‘ ’ « »
  kSymbol,       // $ % & @ # and other symbols
  kOther,        // anything else (emoji, stray control-free bytes)
};

// Token flags (bit set).
enum TokenFlag : std::uint8_t {
  kCapitalized = 1 << 0,  // first letter upper case
  kAllCaps = 1 << 1,      // every letter upper case, at least two letters
  kSpaceBefore = 1 << 2,  // whitespace precedes the token
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
  std::uint32_t paragraph = 0;    // 0-based paragraph (blank-line separated)
  bool forced_break = false;      // cut because it reached max_tokens_per_sentence
};

struct TextOptions {
  // Longer sentences are cut into pieces of at most this many tokens, each
  // marked forced_break, so later stages do bounded work per sentence.
  std::uint32_t max_tokens_per_sentence = 512;
};

// The analysed text of one body. `body` is borrowed: it must outlive the Document.
struct Document {
  std::string_view body;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;

  std::string_view TokenText(const Token& t) const { return body.substr(t.begin, t.end - t.begin); }
  std::string_view SentenceText(const Sentence& s) const { return body.substr(s.begin, s.end - s.begin); }
  void Clear() { body = {}; tokens.clear(); sentences.clear(); }
};

// Splits `body` (valid UTF-8) into sentences and tokens, replacing doc's content.
// Errors: kLimitExceeded if the body is 4 GiB or more (offsets are 32-bit).
Status SplitText(std::string_view body, const TextOptions& options, Document* doc);

}  // namespace dyad

#endif  // DYAD_TEXT_H_
