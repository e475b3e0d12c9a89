// Copyright dyad authors. Stage `eval`: measuring the coder on real text.
//
// The development gold set (tests/gold/events.jsonl, documented in
// tests/gold/README.md) stores a pointer to each sentence in ../shared/data and a
// short hash of its text, never the text. This stage resolves the pointers, runs
// the normal Pipeline on each sentence and scores the events against the
// annotations; it also measures the weak labels of the Wikipedia current-events
// portal (share of bullets per section that give a conflict event).
//
// Thread-safety: free functions are reentrant; nothing here holds global state.
#ifndef DYAD_EVAL_H_
#define DYAD_EVAL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/event.h"
#include "dyad/pipeline.h"
#include "dyad/status.h"

namespace dyad {

// One side of a gold event: surface text and CAMEO actor code ("USAGOV",
// "---COP" for police of an unknown country; may be empty when uncodable).
struct GoldActor {
  std::string text;
  std::string code;
};

struct GoldEvent {
  std::string cameo;                        // "190"; leading zeros kept
  std::string plover_event, plover_mode;    // from the codebook unless annotated
  std::optional<GoldActor> source, target;  // nullopt: the side is missing
  std::string place_text, place_country;    // empty when the sentence says nowhere
  std::string date_value, date_precision;   // YYYY-MM-DD + day|week|month|year, or empty
  std::vector<std::string> tags;            // one-sided, passive, nominal, named-actor, ...
};

// A pointer to one sentence of ../shared plus its annotations.
struct GoldSentence {
  std::string id;           // "g0001"
  std::string dataset;      // current-events | gum | ecbplus | reuters
  std::string file;         // path relative to the shared folder
  std::int64_t line = 0;    // 1-based line (JSONL record, CoNLL-U "# text" line)
  int sentence = -1;        // ECB+ sentence number
  std::int64_t begin = -1;  // byte range in the record's `field` (JSONL)
  std::int64_t end = -1;
  std::string field = "text";     // JSONL field holding the text ("articleBody": web articles)
  std::string date;               // the record's date (article date for the pipeline), or empty
  std::string label;              // weak label: portal section, GUM genre, ...
  std::string hash;               // ShortHash of the resolved text
  std::vector<GoldEvent> events;  // empty: the sentence holds no codable event
};

// FNV-1a 64-bit of the text as 16 hex digits (drift detection, not security).
std::string ShortHash(std::string_view text);

// Parses a gold JSONL file. Errors name file:line and the field at fault.
Result<std::vector<GoldSentence>> LoadGold(const std::string& path);

// Reads the text of every sentence from `shared_dir`, in order (each file is read
// once). Whitespace runs become one space. Errors name the sentence id; a hash
// mismatch is an error unless `allow_drift`.
Result<std::vector<std::string>> ResolveGoldTexts(const std::vector<GoldSentence>& gold,
                                                  const std::string& shared_dir,
                                                  bool allow_drift = false);

// The document a gold sentence comes from, from its start up to and including
// the sentence (`dyad eval gold --context`): the pipeline codes it as an article
// so that a pronoun or "the group" can reach an earlier sentence, as in real use.
struct GoldDocument {
  std::string text;                // empty: the record has no document (a current-events bullet)
  std::size_t begin = 0, end = 0;  // the gold sentence's bytes in `text`
};

// For each sentence of `gold` (with its resolved text `texts[i]`, which ends the
// document): re3d, Reuters, web articles and other JSONL records give the record's text before
// the sentence's byte range; GUM and ECB+ the sentences of the same document
// before it, one paragraph each. Current-events bullets have no document.
Result<std::vector<GoldDocument>> ResolveGoldDocuments(const std::vector<GoldSentence>& gold,
                                                       const std::vector<std::string>& texts,
                                                       const std::string& shared_dir);

// The events of `coded` that belong to the bytes [begin, end) of the body: the
// event's predicate starts there (or, without a predicate span, its sentence).
std::vector<Event> EventsInRange(const CodedArticle& coded, std::size_t begin, std::size_t end);

// --- Matching rules (tests/gold/README.md, "Scoring") ---
// Type: same PLOVER event when both have one, else same CAMEO root (2 digits).
bool TypeMatches(const GoldEvent& gold, const Event& predicted);
// Lenient code match: countries equal (gold "---" is a wildcard) and first
// sectors equal; a side with no sector matches on the country alone.
bool CodeMatches(std::string_view gold_code, std::string_view predicted_code);
// Case-insensitive: one text contains the other, or they share a word of >= 3 letters
// that is not a function word.
bool TextOverlaps(std::string_view a, std::string_view b);
// A missing gold side matches only a missing (or empty) predicted side; present
// sides need CodeMatches and TextOverlaps (an empty gold code: TextOverlaps only).
bool ActorMatches(const std::optional<GoldActor>& gold, const std::optional<Actor>& predicted);
// Type, source and target all match.
bool EventMatches(const GoldEvent& gold, const Event& predicted);
// Gold date matches at the gold precision (year: YYYY, month: YYYY-MM, week: within
// 6 days, day: the same day).
bool DateMatches(std::string_view gold_value, std::string_view gold_precision,
                 std::string_view predicted_value);

// Precision/recall counts.
struct Prf {
  std::int64_t tp_pred = 0;  // predicted items that matched
  std::int64_t tp_gold = 0;  // gold items that matched (== tp_pred for 1:1 matching)
  std::int64_t predicted = 0;
  std::int64_t gold = 0;
  double Precision() const { return predicted ? double(tp_pred) / predicted : 0; }
  double Recall() const { return gold ? double(tp_gold) / gold : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Scores of a gold run. `by_category` keys: "all", each tag, "dataset:<name>",
// "label:<weak label>".
struct GoldScores {
  std::map<std::string, Prf> events;  // type + source + target
  std::map<std::string, Prf> types;   // type only
  std::map<std::string, Prf> places;
  std::map<std::string, Prf> dates;
  std::int64_t sentences = 0;
  std::int64_t empty_sentences = 0;            // gold says no event
  std::int64_t events_on_empty_sentences = 0;  // predicted there anyway
};

// Adds one sentence's outcome to *scores (1:1 greedy matching in gold order).
void ScoreSentence(const GoldSentence& gold, const std::vector<Event>& predicted,
                   GoldScores* scores);

// Runs `pipeline` on each sentence (article date = the record date) and scores it.
// `per_sentence`, when given, receives one readable line block per sentence.
// With `documents` (ResolveGoldDocuments), a sentence that has one is coded with
// its document and only the events of the sentence's bytes are scored.
Result<GoldScores> RunGold(const Pipeline& pipeline, const std::vector<GoldSentence>& gold,
                           const std::vector<std::string>& texts,
                           std::string* per_sentence = nullptr,
                           const std::vector<GoldDocument>* documents = nullptr);

// Readable table and JSON summary.
std::string FormatGoldScores(const GoldScores& scores);
std::string GoldScoresJson(const GoldScores& scores);

// --- Weak labels of the current-events portal ---
struct WeakSection {
  std::int64_t bullets = 0;
  std::int64_t any_event = 0;
  std::int64_t conflict = 0;           // ASSAULT, COERCE, THREATEN or MOBILIZE
  std::int64_t material_conflict = 0;  // quad class 4
};
// Codes up to `per_section` bullets of each portal section of the current-events
// file (deterministic: lowest mixed FNV-1a of "<seed>:<line>"; aliases folded, story
// headings skipped: flagged or IsUnflaggedStoryHeading), each with its date as the
// article date.
Result<std::map<std::string, WeakSection>> RunWeakLabels(const Pipeline& pipeline,
                                                         const std::string& path,
                                                         std::size_t per_section,
                                                         std::string_view seed);
std::string FormatWeakLabels(const std::map<std::string, WeakSection>& sections);

// Whether a bullet is a story heading the portal's `likely_story_heading` flag
// misses: a name and a parenthesised time span, no sentence ("War in Afghanistan
// (2001–2021)", "Hurricane Ike (2008)"). Such bullets are skipped like flagged ones.
bool IsUnflaggedStoryHeading(std::string_view bullet);

}  // namespace dyad

#endif  // DYAD_EVAL_H_
