// Copyright dyad authors.
#include "context/words.h"

namespace dyad {
namespace {
bool WordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
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
