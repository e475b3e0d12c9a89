// Copyright dyad authors. The context stage's place list: data/places/gazetteer.tsv
// (docs/formats/context.md, "Gazetteer"), loaded once into a hash map from
// normalised names to candidate places.
#ifndef DYAD_SRC_CONTEXT_GAZETTEER_H_
#define DYAD_SRC_CONTEXT_GAZETTEER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad {

enum class PlaceKind : std::uint8_t { kCountry, kAdmin1, kCity, kDemonym };

struct GazetteerEntry {
  PlaceKind kind = PlaceKind::kCity;
  Place place;
  std::int64_t population = 0;
  bool capital = false;  // PPLC
  // A region of a country other than the US (kind admin1 with no admin1
  // code): ranked below cities of the same name and, like a city, taken only
  // with a cue (docs/formats/context.md).
  bool region = false;
};

// Countries named in an article, as evidence for disambiguation. `places`:
// countries of places named without ambiguity; `actors`: countries of coded
// actors and demonyms (weaker: a US actor does not make "Georgia" the state).
// `towns`: countries of unambiguous places below a country (cities, regions),
// the only evidence that lets a region or city outrank a country of the same
// name ("Georgia" beside Atlanta is the US state; beside "the United States"
// it is still the country, and "Lebanon" is never a town in Tennessee by it).
struct CountryEvidence {
  std::vector<std::string> places;
  std::vector<std::string> actors;
  std::vector<std::string> towns;
  bool HasPlace(std::string_view c) const;
  bool HasActor(std::string_view c) const;
  bool HasTown(std::string_view c) const;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class Gazetteer {
 public:
  Status Parse(std::string_view text, std::string_view name, const DiagnosticSink& warn);

  // Normalised lookup key of a surface name: ASCII lower case, runs of white
  // space as one space, curly apostrophes as '. Short all-capital names
  // ("USA", "UAE") keep their case behind a '=' so "usa" the word never matches.
  static void Key(std::string_view surface, std::string* out);

  // Candidates for a surface name (exact-case key first), or null.
  const std::vector<std::uint32_t>* Find(std::string_view surface, std::string* scratch) const;

  // The best candidate of `ids` given the evidence; `prefer_country`: a
  // country named right after the place ("Tripoli, Lebanon"), or empty.
  // Returns an index into entries(), or -1 when only demonyms match.
  std::int64_t Choose(const std::vector<std::uint32_t>& ids, const CountryEvidence& evidence,
                      std::string_view prefer_country) const;

  const std::vector<GazetteerEntry>& entries() const { return entries_; }
  std::uint32_t max_words() const { return max_words_; }
  // Most words of a name that starts with `first_word` (0: none does), so a
  // scan tries long windows only where a long name can start.
  std::uint32_t MaxWordsFrom(std::string_view first_word, std::string* scratch) const;

 private:
  void Add(std::string_view name, std::uint32_t id);

  std::vector<GazetteerEntry> entries_;
  std::unordered_map<std::string, std::vector<std::uint32_t>, StringHash, std::equal_to<>> by_key_;
  std::uint32_t max_words_ = 1;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> first_words_;
};

}  // namespace dyad

#endif  // DYAD_SRC_CONTEXT_GAZETTEER_H_
