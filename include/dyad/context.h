// Copyright dyad authors. Stage `context`: what the coder's events mean in
// their article — who says so, whether it happened, when and where.
//
// The coder (dyad/coder.h) finds "who did what to whom" in one sentence. This
// stage reads the event's sentence and its neighbours and fills, in place, the
// fields of dyad::Event the coder leaves at their defaults:
//
//   attribution  who the article cites for the event: "News outlets are
//                reporting ...", "according to Reuters", "officials who spoke
//                on condition of anonymity said", "X said on Saturday". Null
//                when the outlet asserts the event itself (dyad never writes
//                kind "none"). A reporting frame of the previous sentence of the
//                same paragraph carries over to a sentence that has none.
//   reported     true when the event is known only through attribution.
//   modality     asserted | planned | possible | requested | denied | negated |
//                hypothetical | historical, from cue words around the verb, or
//                with a parse, in the event's clause and its governing verbs
//                (and the coder's negation flag). The CAMEO code is kept: a planned
//                deportation stays 174 with modality "planned".
//   date         resolved against the publication date: explicit dates, weekdays,
//                "last week", "next month", "in 2011", "yesterday"...; with
//                precision day | week | month | year; the publication date
//                (empty text) when the sentence has nothing better.
//   location     a place from the gazetteer with role location ("in Tripoli"),
//                destination ("deport ... to Libya") or origin ("from Syria"); with
//                a parse, the predicate's own locative first, never a place that
//                modifies another argument, else the dateline's place.
//
// It also fills CodedArticle::sources (every source the article cites,
// de-duplicated) and adds PLACE entities with their Place fields.
// docs/formats/context.md describes each field and how it is decided, and the
// gazetteer file format.
//
// Work is linear in the tokens of each event's sentence and its neighbours;
// place names are looked up in a hash map built once by Create. Hostile input
// (very long sentences) is bounded by ContextOptions::max_scan_tokens.
//
// Thread-safety: a ContextAnalyzer is immutable after Create; Annotate and the
// other const methods may run concurrently from any number of threads.
#ifndef DYAD_CONTEXT_H_
#define DYAD_CONTEXT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/date.h"
#include "dyad/event.h"
#include "dyad/parser.h"
#include "dyad/status.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

namespace dyad {

// CivilDate, ParseIsoDate and FormatIsoDate: dyad/date.h.

// One date expression found in a text window.
struct DateMention {
  EventDate date;           // value, precision, text (the words it came from)
  std::uint32_t begin = 0;  // byte offsets of the words in the window
  std::uint32_t end = 0;
  // The last day the expression covers, e.g. 2011-12-31 for "in 2011"
  // (used to decide whether an event is historical).
  CivilDate last_day;
};

// Finds every date expression of `text` that can be resolved against
// `publication` (invalid = unknown: then only dates that name their year
// resolve). `future`: the event lies ahead (planned/possible modality or a
// future tense), so a bare weekday or month means the next one rather than the
// most recent. Never fails; bounded by the text length.
std::vector<DateMention> FindDates(std::string_view text, const CivilDate& publication,
                                   bool future);

// The date expression of a "BAMAKO, March 3 -" / "WASHINGTON, May 6 (Reuters) -"
// dateline at the start of `body`, resolved with `year_hint` (the year to use
// when the dateline names none; 0: no hint, then only dated datelines count).
std::optional<CivilDate> DatelineDate(std::string_view body, int year_hint);

// One gazetteer place as resolved in a text.
struct PlaceMatch {
  Place place;
  std::uint32_t begin = 0, end = 0;  // byte span of the name in the body
  bool is_country = false;
};

// Head of every token of a sentence that was not parsed (see DocumentTrees).
inline constexpr std::int32_t kNoHead = -2;

// The dependency trees of a document, for Annotate. When a tree is given,
// place, date and modality come from the event predicate's own phrases
// (docs/formats/context.md, "From the tree"); sentences without one keep the
// word-window rules.
struct DocumentTrees {
  // One arc per token of the Document (doc-wide index, like Document::tokens);
  // DepArc::head is sentence-relative (kRootHead for the root). Every token of
  // a sentence that was not parsed has head kNoHead. Empty: no trees at all.
  std::span<const DepArc> arcs;
  // Names of DepArc::deprel (not owned; must outlive the call). Null: no trees.
  const Parser* parser = nullptr;
};

struct ContextOptions {
  // Tokens of one sentence examined at most (bounded work on hostile input).
  std::uint32_t max_scan_tokens = 400;
};

class ContextAnalyzer {
 public:
  ~ContextAnalyzer();
  ContextAnalyzer(const ContextAnalyzer&) = delete;
  ContextAnalyzer& operator=(const ContextAnalyzer&) = delete;

  // Loads <data_dir>/places/gazetteer.tsv (empty data_dir: the folder compiled
  // in, DYAD_DATA_DIR). Errors: kNotFound (missing file), kIoError, kParseError
  // naming file:line and field. Rows that are well-formed but unusable (an
  // unknown kind) go to `warn` and are skipped.
  static Result<std::unique_ptr<ContextAnalyzer>> Create(const std::string& data_dir,
                                                         DiagnosticSink warn = {},
                                                         ContextOptions options = {});
  // The same from gazetteer text in memory; `name` is used in messages.
  static Result<std::unique_ptr<ContextAnalyzer>> FromGazetteerText(std::string_view text,
                                                                    std::string_view name,
                                                                    DiagnosticSink warn = {},
                                                                    ContextOptions options = {});

  // Enriches every event of `coded` in place: attribution, reported, modality,
  // date, location. `coded` was produced from `article` split into `doc`;
  // `tags` holds one PosTag per token of doc (or is empty: word lists then
  // stand in for the tagger). Also fills coded->sources and appends PLACE
  // entities (existing PLACE entities with the same span get their Place
  // fields filled instead). Events whose sentence index is out of range are
  // left as they are. `trees` (optional) holds the parse of the document's
  // sentences; a size other than doc.tokens.size() counts as no trees.
  // `person_names` (optional) holds byte spans of the body the name finder read
  // as persons' names: a place name inside one is no place ("Robertson said",
  // after "Sean Robertson", is not Robertson in South Africa). Never fails.
  void Annotate(const Article& article, const Document& doc, std::span<const PosTag> tags,
                CodedArticle* coded, DocumentTrees trees = {},
                std::span<const Span> person_names = {}) const;

  // Every place named in sentence `sentence` of `doc`, disambiguated with the
  // countries of `evidence` (ISO alpha-3 codes named elsewhere in the article).
  std::vector<PlaceMatch> FindPlaces(const Document& doc, std::uint32_t sentence,
                                     std::span<const std::string> evidence) const;

  // Looks a single name up ("Libya", "Tripoli"), disambiguated like FindPlaces.
  std::optional<Place> Resolve(std::string_view name, std::span<const std::string> evidence) const;

  std::size_t PlaceCount() const;

  struct Impl;

 private:
  explicit ContextAnalyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad

#endif  // DYAD_CONTEXT_H_
