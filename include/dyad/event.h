// Copyright dyad authors. The coded output of one article: entities, events and
// the sources it cites. Field names follow docs/formats/events.md (the JSON
// contract of ../shared/docs/OUTPUT.md). Plain values; safe to move between
// threads.
#ifndef DYAD_EVENT_H_
#define DYAD_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dyad {

// Byte range [begin, end) into the article body.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool empty() const { return begin >= end; }
};

// An actor as coded: "the United States government" -> USAGOV.
struct Actor {
  std::string text;                  // surface text as in the body
  std::string code;                  // full CAMEO actor code ("USAGOV"), may be empty
  std::string country;               // ISO alpha-3 or CAMEO international code, or empty
  std::vector<std::string> sectors;  // three-letter sector codes ("GOV", "REF")
  Span span;
  std::string entity;  // entity id within the article, or empty
};

enum class EntityType { kPerson, kOrg, kPlace, kOther };

// "PERSON", "ORG", "PLACE", "OTHER": the names in the JSON output and the store.
inline const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPerson:
      return "PERSON";
    case EntityType::kOrg:
      return "ORG";
    case EntityType::kPlace:
      return "PLACE";
    case EntityType::kOther:
      return "OTHER";
  }
  return "OTHER";
}

// The inverse of EntityTypeName; kOther for any other text.
inline EntityType EntityTypeFromName(std::string_view name) {
  if (name == "PERSON") return EntityType::kPerson;
  if (name == "ORG") return EntityType::kOrg;
  if (name == "PLACE") return EntityType::kPlace;
  return EntityType::kOther;
}

struct Place {
  std::string name;
  std::string country;  // ISO alpha-3
  std::string admin1;
  double lat = 0, lon = 0;
  bool has_coordinates = false;
  std::int64_t geonames_id = 0;  // 0 = unknown
};

struct Entity {
  std::string id;  // "e<n>", same for every mention of one entity in the article
  std::string text;
  EntityType type = EntityType::kOther;
  Span span;
  std::string code;
  std::string country;
  std::vector<std::string> sectors;
  std::optional<Place> place;  // for kPlace
  // Found by the name finder (stage `names`) rather than a dictionary.
  bool named = false;
  std::string title;  // a person's title, honorific or apposition ("Finance Minister")
};

struct Attribution {
  std::string text;
  std::string kind;  // direct | reported | anonymous | official | none
  std::string code;  // actor code of the source when known
};

struct EventDate {
  std::string value;      // YYYY-MM-DD
  std::string precision;  // day | week | month | year
  std::string text;       // the words it came from, or empty (publication date)
};

struct EventLocation {
  Place place;
  std::string role;  // location | destination | origin
  std::string text;
};

struct Event {
  std::string id;  // "<article id>:<sentence>:<n>"
  std::uint32_t sentence = 0;
  std::optional<Actor> source, target;
  std::string cameo;                      // "011", "174"; leading zeros kept
  std::string plover_event, plover_mode;  // empty = none
  std::string plover_context;             // ';'-separated PLOVER contexts, may be empty
  int quad_class = 0;
  double goldstein = 0;
  std::string modality = "asserted";
  bool reported = false;
  std::optional<Attribution> attribution;
  EventDate date;
  std::optional<EventLocation> location;
  Span verb_span;
  std::string rule;  // "file:line" of the dictionary entry that fired
};

// One article's worth of coded output.
struct CodedArticle {
  std::uint32_t sentence_count = 0;
  std::vector<Span> sentence_spans;  // byte range of each sentence in the body
  std::vector<Entity> entities;
  std::vector<Event> events;
  std::vector<Attribution> sources;  // every source the article cites
  std::string trace;                 // PipelineOptions::explain: how each sentence was read
};

}  // namespace dyad

#endif  // DYAD_EVENT_H_
