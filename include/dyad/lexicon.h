// Copyright dyad authors. Stage `lexicon`: lemmas and word classes from WordNet.
//
// Loads WordNet's index and exception files (Debian `wordnet-base`,
// /usr/share/wordnet) once into an immutable Lexicon: `deported` -> `deport`,
// `held` -> `hold`, `migrants` -> `migrant`, with the word's possible classes.
//
// Thread-safety: immutable after Load; all const methods may be called from any
// number of threads.
#ifndef DYAD_LEXICON_H_
#define DYAD_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad {

enum class WordClass : std::uint8_t { kNoun = 1, kVerb = 2, kAdjective = 4, kAdverb = 8 };

// Bit set of WordClass values.
using WordClasses = std::uint8_t;

class Lexicon {
 public:
  virtual ~Lexicon() = default;

  // Loads from a WordNet dict directory (index.*, *.exc). Errors name the file.
  static Result<std::unique_ptr<Lexicon>> Load(const std::string& wordnet_dir);
  // Default directory compiled in (DYAD_WORDNET_DIR), overridable by $DYAD_WORDNET.
  static std::string DefaultDirectory();

  // The base form of `word` as a `cls` word ("deported", kVerb -> "deport"), by
  // WordNet's exception lists and detachment rules; case-insensitive. Returns
  // the lower-cased word itself when WordNet knows no base form. The returned
  // view points into the Lexicon or into `scratch`, which must outlive its use.
  virtual std::string_view Lemma(std::string_view word, WordClass cls, std::string* scratch) const = 0;

  // Classes in which `word` or one of its base forms is a WordNet entry.
  virtual WordClasses Classes(std::string_view word) const = 0;

  // Inflected forms of a verb lemma ("deport" -> deports, deported, deporting;
  // "hold" -> holds, held, holding) for compiling dictionaries.
  struct VerbForms { std::string s, past, past_participle, ing; };
  virtual VerbForms InflectVerb(std::string_view lemma) const = 0;
  // Plural of a noun lemma ("migrant" -> "migrants", "militia" -> "militias", "child" -> "children").
  virtual std::string PluralNoun(std::string_view lemma) const = 0;
};

}  // namespace dyad

#endif  // DYAD_LEXICON_H_
