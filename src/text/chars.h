// Copyright dyad authors. Private: UTF-8 decoding and character classes for
// the tokenizer. ASCII takes a table lookup; other code points go through ICU.
#ifndef DYAD_SRC_TEXT_CHARS_H_
#define DYAD_SRC_TEXT_CHARS_H_

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dyad::text_internal {

// One decoded code point. `c` < 0 marks an invalid byte (length 1).
struct CodePoint {
  UChar32 c;
  std::uint32_t len;
};

inline CodePoint Decode(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {static_cast<UChar32>(b), 1};
  // Decode from a window of at most 4 bytes so indices stay 32-bit for any body size.
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data() + i);
  const std::size_t left = s.size() - i;
  const std::int32_t n = static_cast<std::int32_t>(left < 4 ? left : 4);
  std::int32_t k = 0;
  UChar32 c = 0;
  U8_NEXT(p, k, n, c);
  if (c < 0) return {-1, 1};  // invalid: one kOther byte
  return {c, static_cast<std::uint32_t>(k)};
}

// ASCII character classes.
enum AsciiClass : std::uint8_t {
  kAsciiSpace,
  kAsciiLower,
  kAsciiUpper,
  kAsciiDigit,
  kAsciiPunct,
  kAsciiQuote,
  kAsciiSymbol,
  kAsciiControl,
};

struct AsciiTable {
  std::uint8_t cls[128];
  constexpr AsciiTable() : cls() {
    for (int c = 0; c < 128; ++c) {
      std::uint8_t v = kAsciiControl;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        v = kAsciiSpace;
      } else if (c >= 'a' && c <= 'z') {
        v = kAsciiLower;
      } else if (c >= 'A' && c <= 'Z') {
        v = kAsciiUpper;
      } else if (c >= '0' && c <= '9') {
        v = kAsciiDigit;
      } else if (c == '"' || c == '\'' || c == '`') {
        v = kAsciiQuote;
      } else if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' ||
                 c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '-') {
        v = kAsciiPunct;
      } else if (c > 32 && c < 127) {
        v = kAsciiSymbol;  // $ % & @ # + = * / \ | ~ ^ < > _
      }
      cls[c] = v;
    }
  }
};
inline constexpr AsciiTable kAscii;

inline bool IsAsciiAlpha(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b < 128 && (kAscii.cls[b] == kAsciiLower || kAscii.cls[b] == kAsciiUpper);
}
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

inline bool IsSpace(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return kAscii.cls[c] == kAsciiSpace;
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF || c == 0x2060;
}

inline bool IsLetter(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return kAscii.cls[c] == kAsciiLower || kAscii.cls[c] == kAsciiUpper;
  return u_isalpha(c);
}

// Letters, digits and combining marks: what a word is made of.
inline bool IsWordChar(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) {
    const auto k = kAscii.cls[c];
    return k == kAsciiLower || k == kAsciiUpper || k == kAsciiDigit;
  }
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

inline bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }
// Hyphens that may join word parts ("al-Sarraj").
inline bool IsInnerHyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

inline bool IsQuote(UChar32 c) {
  if (c < 0x80) return c == '"' || c == '\'' || c == '`';
  return (c >= 0x2018 && c <= 0x201F) || c == 0x00AB || c == 0x00BB || c == 0x2039 || c == 0x203A ||
         c == 0x300C || c == 0x300D || c == 0xFF02;
}

inline bool IsUpper(UChar32 c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(c) || u_istitle(c);
}
inline bool IsLower(UChar32 c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return u_islower(c);
}

}  // namespace dyad::text_internal

#endif  // DYAD_SRC_TEXT_CHARS_H_
