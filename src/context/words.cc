// Copyright dyad authors.
#include "context/words.h"

namespace dyad {
namespace {
bool WordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
// Length of a possessive "'s" / "’s" at text[i] that ends a word, else 0.
std::size_t PossessiveAt(std::string_view text, std::size_t i) {
  std::size_t q = 0;
  if (text[i] == '\'') q = 1;
  if (text.substr(i, 3) == "\xE2\x80\x99") q = 3;
  if (q == 0 || i + q >= text.size() || (text[i + q] != 's' && text[i + q] != 'S')) return 0;
  std::size_t e = i + q + 1;
  if (e < text.size() && WordByte(static_cast<unsigned char>(text[e]))) return 0;
  return q + 1;
}
}  // namespace

std::vector<Word> ScanWords(std::string_view text) {
  std::vector<Word> out;
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    std::size_t b = i;
    if (WordByte(c)) {
      ++i;
      while (i < n) {
        unsigned char d = static_cast<unsigned char>(text[i]);
        // A possessive ends the word: "last month's", "Thursday’s".
        if (PossessiveAt(text, i)) break;
        if (WordByte(d)) {
          ++i;
        } else if ((d == '.' || d == '\'' || d == '-') && i + 1 < n &&
                   WordByte(static_cast<unsigned char>(text[i + 1]))) {
          i += 2;
        } else {
          break;
        }
      }
    } else {
      ++i;
    }
    out.push_back(
        {text.substr(b, i - b), static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i)});
  }
  return out;
}

}  // namespace dyad
