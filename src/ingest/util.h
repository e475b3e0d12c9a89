// Copyright dyad authors. Small string helpers shared by the ingest readers.
#ifndef DYAD_INGEST_UTIL_H_
#define DYAD_INGEST_UTIL_H_

#include <string>
#include <string_view>

namespace dyad::ingest {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

inline char AsciiLowerChar(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

inline std::string AsciiLower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = AsciiLowerChar(c);
  return r;
}

inline bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLowerChar(a[i]) != AsciiLowerChar(b[i])) return false;
  }
  return true;
}

inline bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

// Appends `s` to *out with every run of whitespace (ASCII and U+00A0) turned
// into one space; no leading space on an empty *out or after a space.
void AppendCollapsed(std::string_view s, std::string* out);

// Normalises line ends to LF (CRLF and lone CR), in place.
void NormalizeNewlines(std::string* s);

// Removes trailing whitespace of each line, blank lines at both ends and
// collapses 3+ consecutive newlines into a blank line. In place.
void TidyParagraphs(std::string* s);

// Decodes XML/HTML character references (&amp; &lt; &gt; &quot; &apos; &#NN;
// &#xHH;) in `s`, appending to *out. Unknown or malformed references are kept
// literally.
void AppendXmlUnescaped(std::string_view s, std::string* out);

// Appends the UTF-8 encoding of code point `cp` (U+FFFD if invalid).
void AppendUtf8(unsigned cp, std::string* out);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_UTIL_H_
