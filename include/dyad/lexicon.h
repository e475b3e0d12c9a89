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

  // Loads from a WordNet dict directory (index.{noun,verb,adj,adv} and
  // {noun,verb,adj,adv}.exc) into one string arena with open-addressing hash
  // tables (about 60-200 ms). Errors name the file (kNotFound, kIoError) or the
  // file and line (kParseError: "index.verb:2: expected ...").
  static Result<std::unique_ptr<Lexicon>> Load(const std::string& wordnet_dir);
  // Default directory compiled in (DYAD_WORDNET_DIR), overridable by $DYAD_WORDNET.
  static std::string DefaultDirectory();

  // The base form of `word` as a `cls` word ("deported", kVerb -> "deport"), by
  // WordNet's exception lists and detachment rules; case-insensitive. Returns
  // the lower-cased word itself when WordNet knows no base form. The returned
  // view points into the Lexicon or into `scratch`, which must outlive its use.
  // Order: the class's exception list (first base that is an entry); then the
  // detachment rules (plus verb "ied" -> "y" and an undoubled final consonant:
  // "zapped" -> "zap"); the word itself wins over a rule's base when WordNet
  // gives it at least as many senses ("news", "species", but "talks" -> "talk").
  // Multi-word entries use spaces ("prime minister"; WordNet's '_' is mapped).
  virtual std::string_view Lemma(std::string_view word, WordClass cls,
                                 std::string* scratch) const = 0;

  // Classes in which `word` or one of its base forms is a WordNet entry.
  virtual WordClasses Classes(std::string_view word) const = 0;

  // Inflected forms of a verb lemma ("deport" -> deports, deported, deporting;
  // "hold" -> holds, held, holding) for compiling dictionaries, lower case.
  // Irregular forms come from verb.exc reversed; otherwise regular spelling:
  // -es after sibilants, -y -> -ies/-ied, -e drop before -ing, consonant
  // doubling for CVC monosyllables ("plan" -> planned, planning). A built-in
  // list covers unchanged pasts ("set", "put", "cut") and "run"/"come"
  // participles. Multi-word verbs inflect the first word ("took off").
  struct VerbForms {
    std::string s, past, past_participle, ing;
  };
  virtual VerbForms InflectVerb(std::string_view lemma) const = 0;
  // Plural of a noun lemma ("migrant" -> "migrants", "militia" -> "militias", "child" ->
  // "children"), lower case: noun.exc reversed (minus archaic "brethren", "pence", "kine"), else
  // regular spelling; multi-word nouns pluralise the last word ("peace talks").
  virtual std::string PluralNoun(std::string_view lemma) const = 0;
};

}  // namespace dyad

#endif  // DYAD_LEXICON_H_
