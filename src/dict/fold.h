// Word folding shared by the dictionaries and the text they are matched
// against: ASCII upper case to lower, the typographic apostrophes U+2018 and
// U+2019 to "'", and the accented Latin-1 letters U+00C0..U+00FF (UTF-8 C3 xx)
// to their base letter, so "NICOLÁS_MADURO" in a dictionary, "NICOLAS_MADURO"
// and "Nicolás Maduro" in the text are the same words.
#ifndef DYAD_DICT_FOLD_H_
#define DYAD_DICT_FOLD_H_

#include <string>
#include <string_view>

namespace dyad {

// The base letter (lower case) of the Latin-1 letter whose UTF-8 second byte
// is `second` (0x80..0xBF after 0xC3); '*' and '/' for the two signs.
inline char FoldLatin1(unsigned char second) {
  static constexpr char kBase[] =
      "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
  return kBase[second - 0x80];
}

// Appends `in` folded (see above) to *out.
inline void AppendFolded(std::string_view in, std::string* out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == 0xE2 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(in[i + 2]) == 0x98 ||
         static_cast<unsigned char>(in[i + 2]) == 0x99)) {
      out->push_back('\'');
      i += 2;
      continue;
    }
    if (c == 0xC3 && i + 1 < in.size()) {
      const auto d = static_cast<unsigned char>(in[i + 1]);
      if (d >= 0x80 && d <= 0xBF) {
        out->push_back(FoldLatin1(d));
        ++i;
        continue;
      }
    }
    out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
  }
}

inline std::string Folded(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  AppendFolded(in, &out);
  return out;
}

}  // namespace dyad

#endif  // DYAD_DICT_FOLD_H_
