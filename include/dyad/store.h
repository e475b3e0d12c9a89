// Copyright dyad authors. Stage `store`: coded articles kept in a database.
//
// One interface, two backends: Store::Open("dyad.db") or
// Store::Open("sqlite:/path/dyad.db") opens (creating if needed) an embedded
// SQLite store; Store::Open("postgresql://user@host:5432/db") a store in a
// PostgreSQL database (libpq URI; the database must exist, the tables are
// created). Both give the same results for the same input. The schema
// (docs/formats/store.md) is versioned: Open() migrates an older store
// forward and refuses a newer one (kVersionMismatch).
//
// Writes are batched: Write() stores a batch of coded articles in one
// transaction, each article with all its sentences, entities, events and
// sources or not at all (a savepoint per article). An article whose body hash
// is already stored is a duplicate and is not written again; an article whose
// URL is stored with different text is stored as a new version linked to the
// previous one. Malformed input (spans outside the body, unknown modality, bad
// dates...) is rejected per article with a message naming the article and the
// field, and the rest of the batch goes on.
//
// Crash safety: SQLite in WAL mode, PostgreSQL transactions; a process killed
// at any moment leaves every committed batch intact and nothing of the batch
// in flight, so re-running the same ingest completes the store with each
// article exactly once. Several writers (workers) may write to one PostgreSQL
// store at once: an article another writer stored meanwhile is a kDuplicate.
//
// Thread-safety: a Store handle is used by one thread at a time. Several
// handles (threads or processes) may open the same store; readers never block
// the writer.
#ifndef DYAD_STORE_H_
#define DYAD_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad {

// The schema version this build writes (table `schema_version`).
inline constexpr int kStoreSchemaVersion = 3;
// Stores this old still open read-only (serve, query, export) without
// migrating; what later versions added reads as empty (StoryLinks).
inline constexpr int kOldestReadableSchemaVersion = 2;

struct StoreOptions {
  // Open without write access (query, export). The store must exist.
  bool read_only = false;
  // Milliseconds to wait for another writer's lock before kIoError.
  int busy_timeout_ms = 30000;
  // Longest a read (Query, Facet, Stories, GetArticle) may run before it is
  // interrupted with kLimitExceeded; 0 = no limit. For servers.
  int query_timeout_ms = 0;
};

// One article to write: pointers into the caller's batch (not owned).
struct ArticleWrite {
  const Article* article = nullptr;
  const CodedArticle* coded = nullptr;
};

enum class WriteKind {
  kNew,        // stored now
  kDuplicate,  // same content hash already stored; nothing written
  kFailed,     // rejected (malformed) or the database refused it; nothing written
};

struct WriteResult {
  WriteKind kind = WriteKind::kFailed;
  std::int64_t article_id = 0;        // store id of the new or existing article
  std::int64_t previous_version = 0;  // for kNew: the stored article with the same URL, or 0
  Status error;                       // for kFailed: names the article and the field
};

// Filters of Store::Query. Empty fields do not filter.
struct EventFilter {
  std::string actor;            // source actor code prefix: "USA" matches USA and USAGOV
  std::string target;           // target actor code prefix
  std::string cameo;            // "173" exact, "17*" prefix
  std::string plover;           // PLOVER event type, case-insensitive ("COERCE")
  std::string modality;         // "planned", "asserted", ...
  std::string from, to;         // event date range YYYY-MM-DD, inclusive (article date when none)
  std::string place;            // event location: name (case-insensitive) or country code
  std::int64_t story = 0;       // events in this story (0 = any)
  std::string text;             // substring of the sentence, case-insensitive (ASCII)
  std::int64_t event_id = 0;    // this event only (0 = any)
  std::int64_t article_id = 0;  // events of this article (0 = any)
  std::int64_t after_id = 0;    // paging cursor: events with a larger store id (0 = from the start)
  std::size_t limit = 0;        // 0 = no limit
};

// What Store::Facet groups events by.
enum class FacetField {
  kNone,       // no split (only as `split`)
  kCameoRoot,  // "17"
  kPlover,     // PLOVER event type ("COERCE"); events without one are left out
  kQuadClass,  // "1".."4"
  kModality,   // "planned", ...
  kCountry,    // location country (ISO alpha-3); events without a place are left out
  kDay,        // event date YYYY-MM-DD (the article date when the event has none)
  kSource,     // source actor code; uncoded sources are left out
  kTarget,     // target actor code; uncoded targets are left out
};

// "cameo_root", "plover", "quad_class", "modality", "country", "day", "source",
// "target" (and "none" for kNone); the error lists them.
Result<FacetField> ParseFacetField(std::string_view name);
std::string_view FacetFieldName(FacetField field);

// One row of Store::Facet: events with field = key (and split field = split).
struct FacetRow {
  std::string key;
  std::string split;  // empty when not split
  std::int64_t count = 0;
};

// A story as Store::Stories lists it.
struct StoryInfo {
  std::int64_t id = 0;
  std::string label;
  std::string first_date, last_date;  // of its articles; empty when unknown
  std::int64_t articles = 0, clusters = 0, events = 0;
};

// Cluster membership of a stored event (from the story stage; zeros when none).
struct StoredCluster {
  std::int64_t cluster_id = 0;
  std::int64_t story_id = 0;
  int num_mentions = 1, num_sources = 1, num_articles = 1;
};

// One event as Query returns it.
struct StoredEvent {
  std::int64_t event_id = 0;  // store row id
  std::int64_t article_id = 0;
  Article article;          // metadata only: id, url, source, date, title, content_hash (no body)
  std::string ingested_at;  // "YYYY-MM-DDTHH:MM:SSZ"
  Event event;
  std::string sentence_text;
  StoredCluster cluster;
};

// One article with everything coded from it, as export reads it back.
struct StoredArticle {
  std::int64_t article_id = 0;
  std::int64_t previous_version = 0;  // 0 = none
  std::int64_t duplicate_of = 0;      // 0 = none (set by the story stage)
  std::string ingested_at;
  Article article;  // with body; origin is empty
  CodedArticle coded;
  std::vector<std::int64_t> event_ids;  // store row id of coded.events[i]
  std::vector<StoredCluster> clusters;  // cluster of coded.events[i]
};

struct StoreCounts {
  std::int64_t articles = 0, versions = 0, duplicates = 0;  // versions: with a previous_version
  std::int64_t sentences = 0, entities = 0, events = 0, sources = 0;
  std::int64_t stories = 0, clusters = 0;
};

// Readable digest of a store (`dyad query --summary`).
struct StoreSummary {
  StoreCounts counts;
  std::vector<std::pair<std::string, std::int64_t>> by_cameo_root;  // "17" -> n, by code
  std::vector<std::pair<std::string, std::int64_t>> by_plover;      // by name
  std::vector<std::pair<std::string, std::int64_t>> top_dyads;      // "USA -> LBY", most first
  std::vector<StoredEvent> examples;
};

// A story (group of articles about one affair) and an event cluster (mentions
// of one real-world event), as the story stage writes them.
// Why one article is in its story (the article-level story stage).
struct StoryLinkRecord {
  std::int64_t article_id = 0;
  std::int64_t nearest_article = 0;  // most similar earlier member; 0 = it started the story
  double score = 0;                  // similarity to the story when it joined
  std::string evidence;              // "names: Tara Reid; places: ...; words: ...; 2 days apart"
};
struct StoryRecord {
  std::string label;
  std::vector<std::int64_t> article_ids;
  std::int64_t id = 0;                   // 0 = the next free id
  std::vector<StoryLinkRecord> links{};  // in joining order; may be empty
};
// A story's article with the reason it is there (Store::StoryLinks).
struct StoryLinkInfo {
  StoryLinkRecord link;
  std::string article_ref;  // the article's input id
  std::string title, date, source;
};
struct ClusterRecord {
  std::int64_t story_id = 0;  // 0 = none
  std::string label;
  std::vector<std::int64_t> event_ids;  // the mentions; counts are derived from them
  std::int64_t id = 0;                  // 0 = the next free id
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens or creates a store. `uri`: a file path, "sqlite:PATH", or
  // "postgresql://..." (kIoError naming the server when it cannot connect).
  static Result<std::unique_ptr<Store>> Open(const std::string& uri,
                                             const StoreOptions& options = {});

  // The schema version of the opened store (kStoreSchemaVersion after Open).
  virtual int SchemaVersion() const = 0;

  // Writes a batch in one transaction; results[i] belongs to batch[i]. An error
  // Status only when the transaction itself failed (nothing of it is stored).
  virtual Result<std::vector<WriteResult>> Write(std::span<const ArticleWrite> batch) = 0;

  // True when an article with this content hash is stored.
  virtual Result<bool> Contains(const std::string& content_hash) = 0;

  // Calls fn for each matching event, oldest first, until fn returns false.
  virtual Status Query(const EventFilter& filter,
                       const std::function<bool(const StoredEvent&)>& fn) = 0;

  // Calls fn for each stored article in store order until fn returns false.
  virtual Status ForEachArticle(const std::function<bool(const StoredArticle&)>& fn) = 0;

  // One stored article with its body and everything coded from it.
  // kNotFound when there is none.
  virtual Result<StoredArticle> GetArticle(std::int64_t article_id) = 0;

  // Counts of the events matching `filter` (its limit, after_id and event_id
  // are ignored) grouped by `field`, and by `split` too unless kNone. Rows are
  // ordered by count (most first), then key; at most `limit` rows (0 = all).
  virtual Result<std::vector<FacetRow>> Facet(const EventFilter& filter, FacetField field,
                                              FacetField split = FacetField::kNone,
                                              std::size_t limit = 0) = 0;

  // Stories by id (ascending) after `after_id`, at most `limit` (0 = all).
  virtual Result<std::vector<StoryInfo>> Stories(std::int64_t after_id = 0,
                                                 std::size_t limit = 0) = 0;

  // The articles of one story in joining order, each with why it joined
  // (empty for a story without recorded links, or a store older than
  // schema version 3).
  virtual Result<std::vector<StoryLinkInfo>> StoryLinks(std::int64_t story_id) = 0;

  virtual Result<StoreCounts> Counts() = 0;
  virtual Result<StoreSummary> Summarize(std::size_t top = 10, std::size_t examples = 8) = 0;

  // Story stage: mark `article` as a near-duplicate of `original` (0 clears the
  // mark), and add stories and clusters (ids returned). ClearStories() empties
  // both and clears every duplicate mark. Each call is its own transaction.
  virtual Status SetDuplicateOf(std::int64_t article, std::int64_t original) = 0;
  virtual Result<std::int64_t> AddStory(const StoryRecord& story) = 0;
  virtual Result<std::int64_t> AddCluster(const ClusterRecord& cluster) = 0;
  virtual Status ClearStories() = 0;

  // A user's decision that `event_ids` (store ids, all mentions of one event
  // cluster) report another happening than the rest of their cluster, with an
  // optional note. Kept in the store: every RebuildStories moves them out
  // into a cluster of their own. Returns the split's id. Errors: no events,
  // an unknown event (kNotFound).
  virtual Result<std::int64_t> AddSplit(std::span<const std::int64_t> event_ids,
                                        const std::string& note) = 0;
  // The stored splits, oldest first: each a list of event ids (ascending).
  virtual Result<std::vector<std::vector<std::int64_t>>> Splits() = 0;

  // All of the story stage's results at once, in one transaction: clears the
  // stories, clusters and duplicate links, then sets `duplicates` (article,
  // original) and adds `stories` and `clusters` (with their ids when given;
  // a cluster's story_id names a story of this call or an existing one).
  // Nothing changes when any part fails.
  virtual Status ReplaceStories(std::span<const std::pair<std::int64_t, std::int64_t>> duplicates,
                                std::span<const StoryRecord> stories,
                                std::span<const ClusterRecord> clusters) = 0;
};

// What RebuildStories decided.
struct StoryRebuildStats {
  std::size_t articles = 0, duplicates = 0;    // near-duplicate articles linked to an original
  std::size_t events = 0, skipped_events = 0;  // skipped: the clusterer refused them (bad date)
  std::size_t skipped_articles = 0;            // the story clusterer refused them (bad date)
  std::size_t clusters = 0, stories = 0;
  // Stored splits re-applied, and those that no longer apply (their events
  // are now the whole cluster, or in different clusters); each of the latter
  // is reported in `errors` too.
  std::size_t splits = 0, stale_splits = 0;
  std::vector<Status> errors;  // one per skipped event (names the article and the event)
};

// Runs the story stage (dyad/story.h) over the whole store: replays every
// stored article in store (ingest) order through a fresh DuplicateIndex and
// EventClusterer, re-applies the stored splits (AddSplit) in order, and
// replaces the stored duplicate links, clusters and stories with the result (ReplaceStories: one
// transaction). Store ids are the story stage's ids, so the same store always gives the same
// clusters and stories with the same ids; running it twice changes nothing. An event the clusterer
// refuses is skipped and reported in the stats, not an error. Options default to the documented
// thresholds (docs/formats/stories.md).
// Stories are article-level (ArticleStoryClusterer, with the IDF table at
// IdfTable::DefaultPath(); kNotFound when it is missing); each event cluster
// belongs to the story of its first mention's article.
struct DuplicateOptions;
struct ClusterOptions;
struct StoryOptions;
class IdfTable;
Result<StoryRebuildStats> RebuildStories(Store& store);
Result<StoryRebuildStats> RebuildStories(Store& store, const DuplicateOptions& duplicates,
                                         const ClusterOptions& clusters);
Result<StoryRebuildStats> RebuildStories(Store& store, const DuplicateOptions& duplicates,
                                         const ClusterOptions& clusters,
                                         const StoryOptions& stories, const IdfTable& idf);

// ---- Exports (docs/formats/exports.md) ----

enum class ExportFormat {
  kJsonl,    // one event per line, exactly as `dyad code --flat`
  kCsv,      // RFC 4180, header row, nested fields flattened with '_'
  kGdelt,    // GDELT 2.0 event table: 61 tab-separated columns, no header
  kPlover,   // PLOVER JSON lines, as AppendPloverJson (dyad/output.h) writes them
  kPhoenix,  // Phoenix / PETRARCH event table: 26 tab-separated columns, no header
};

// "jsonl", "csv", "gdelt", "plover", "phoenix"; the error lists them.
Result<ExportFormat> ParseExportFormat(std::string_view name);

struct ExportOptions {
  ExportFormat format = ExportFormat::kJsonl;
  // One row per event cluster (its first mention, with mention/source/article
  // counts) instead of one per event; the unclustered events of articles
  // marked as near-duplicates are left out. jsonl and csv gain cluster_id, story_id, num_mentions,
  // num_sources, num_articles.
  bool clusters = false;
};

struct ExportStats {
  std::size_t rows = 0;
  std::size_t skipped = 0;  // events without a PLOVER type (plover format)
};

// Column names of the tabular formats in order (csv, gdelt, phoenix); empty
// for the JSON formats.
std::vector<std::string> ExportColumns(ExportFormat format, bool clusters);

// Writes every stored event, in store order, through `write` (called with
// chunks of whole rows; an error from it stops the export and is returned).
Result<ExportStats> ExportEvents(Store& store, const ExportOptions& options,
                                 const std::function<Status(std::string_view)>& write);

// Appends one stored event exactly as `dyad code --flat` writes it (one JSON
// line), its sentence text from the store.
void AppendStoredEventFlatJson(const StoredEvent& event, std::string* out);

// Checks an article and its coding before it is written: the content hash is
// the SHA-256 of the body, spans lie inside the body, sentence indexes exist,
// codes and enumerations have their documented form. The error names the
// article (origin or id) and the field.
Status ValidateCodedArticle(const Article& article, const CodedArticle& coded);

}  // namespace dyad

#endif  // DYAD_STORE_H_
