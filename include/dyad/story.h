// Copyright dyad authors. Stage `story`: many reports of one happening become
// one cluster, and the clusters of one developing story become one story.
//
// Three layers, each usable on its own, all over plain in-memory records (the
// store feeds them and persists what they decide):
//
//   DuplicateIndex  near-duplicate articles: a wire story carried by fifty sites
//                   is one source article with fifty carriers. MinHash (128
//                   hashes over 5-word shingles of the normalised body) with LSH
//                   banding (32 bands of 4 rows) proposes candidates; a candidate
//                   is a duplicate when the estimated Jaccard similarity is >= 0.8,
//                   or when the new body is >= 85% contained in it (a truncated
//                   copy), or when their 64-bit SimHashes differ in <= 3 bits.
//                   Exact copies (same normalised text) always match.
//   EventClusterer  events that describe the same happening across articles are
//                   merged into one EventCluster with provenance (every mention,
//                   distinct sources, first seen, first source, latest status).
//                   Clusters are linked into Stories (same dyad, compatible CAMEO
//                   roots, within 30 days, or linked through a shared article),
//                   each with a status timeline (planned -> denied -> asserted).
//
// docs/formats/stories.md gives every rule and threshold, and how to split.
//
// Determinism: the same input in the same order gives the same decisions and
// the same ids on every run and platform (hashes are fixed-seed 64-bit
// functions written here; no pointer or unordered-container order leaks out).
//
// Thread-safety: DuplicateIndex and EventClusterer are thread-compatible, not
// thread-safe: const methods may run concurrently with each other, but Add /
// Assign / Split need exclusive access. The store calls them from one thread.
// The free functions are reentrant.
#ifndef DYAD_STORY_H_
#define DYAD_STORY_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct Article;
struct Event;

// ---------------------------------------------------------------------------
// Near-duplicate articles.

// Number of MinHash values kept per article.
inline constexpr int kMinHashSize = 128;

// The fingerprint of one body. ~540 bytes whatever the body's length.
struct ArticleFingerprint {
  std::uint64_t exact = 0;     // hash of the whole normalised word sequence
  std::uint64_t simhash = 0;   // 64-bit SimHash over the shingles
  std::uint32_t words = 0;     // normalised words
  std::uint32_t shingles = 0;  // distinct shingles (0 when fewer words than a shingle)
  std::array<std::uint32_t, kMinHashSize> minhash{};  // per-permutation minima
};

// Normalisation: words are maximal runs of ASCII letters and digits and of
// non-ASCII UTF-8 characters other than spaces and general punctuation
// (U+00A0, U+2000-U+206F: dashes, curly quotes, ellipsis); ASCII letters are
// lower-cased. Everything else (punctuation, markup left-overs, line breaks)
// only separates words. `shingle_words` consecutive words form a shingle.
ArticleFingerprint Fingerprint(std::string_view body, int shingle_words = 5);

// Fraction of equal MinHash values: an unbiased estimate of the Jaccard
// similarity of the two shingle sets (standard error <= 0.045 at 128 hashes).
double EstimateJaccard(const ArticleFingerprint& a, const ArticleFingerprint& b);

// Number of differing bits of the SimHashes.
int SimHashDistance(const ArticleFingerprint& a, const ArticleFingerprint& b);

struct DuplicateOptions {
  int shingle_words = 5;
  // A candidate is a duplicate when EstimateJaccard >= jaccard_threshold ...
  double jaccard_threshold = 0.8;
  // ... or when the new body's shingles are (estimated) this much contained in
  // the candidate's (a copy that cut the story short), judged only when the
  // estimated Jaccard is at least containment_min_jaccard (MinHash cannot
  // estimate the containment of a body much shorter than the other). > 1 disables.
  double containment_threshold = 0.85;
  double containment_min_jaccard = 0.4;
  // ... or when the SimHashes differ in at most this many bits (0..3;
  // negative disables). SimHash candidates come from 4 tables of 16-bit blocks
  // (pigeonhole: distance <= 3 means one block is equal).
  int simhash_max_distance = 3;
  // Bodies with fewer distinct shingles only match exact copies: a handful of
  // shingles gives no reliable estimate.
  std::uint32_t min_shingles = 8;
  // At most this many candidates are verified per lookup (bucket blow-up from
  // degenerate input stays bounded); the most recently added come first.
  std::size_t max_candidates = 256;
};

struct DuplicateMatch {
  std::string original;    // key of the source article (the root, never a carrier)
  std::string nearest;     // key of the article that matched (may be a carrier)
  double jaccard = 0;      // estimated Jaccard with `nearest`
  double containment = 0;  // estimated share of the new body's shingles in `nearest`
  int simhash_distance = 64;
  bool exact = false;  // same normalised text
};

// Incremental near-duplicate index. Each Add looks the body up and then
// indexes it, so later copies match earlier ones (and copies of copies resolve
// to the first article: `original` is always a root). Memory per article is
// bounded: the fingerprint (~540 bytes), the key, and 37 bucket entries (32 LSH
// bands + 4 SimHash blocks + 1 exact hash). Lookups touch only the buckets of
// the new body: O(1) expected, at most max_candidates verifications.
//
// Thread-compatible (see the file comment).
class DuplicateIndex {
 public:
  explicit DuplicateIndex(DuplicateOptions options = {});
  ~DuplicateIndex();
  DuplicateIndex(DuplicateIndex&&) noexcept;
  DuplicateIndex& operator=(DuplicateIndex&&) noexcept;

  // Adds an article and returns the key of the article it duplicates (a root),
  // or nullopt when it is an original. Adding a key already present adds
  // nothing and returns the answer given the first time (idempotent replays).
  // Among several matching candidates the most similar wins; ties go to the
  // earliest added.
  std::optional<std::string> Add(std::string_view article_key, std::string_view body);

  // As Add, with the evidence. nullopt = original.
  std::optional<DuplicateMatch> AddWithMatch(std::string_view article_key, std::string_view body);

  // Looks a body up without adding it.
  std::optional<DuplicateMatch> Find(std::string_view body) const;

  // The root an added key was linked to, itself if an original, nullopt if unknown.
  std::optional<std::string> OriginalOf(std::string_view article_key) const;

  std::size_t size() const;
  const DuplicateOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------
// Event clusters and stories.

using ClusterId = std::uint64_t;  // 1, 2, ... in order of creation
using StoryId = std::uint64_t;  // 1, 2, ... in order of creation; a merged story keeps the lower id

// One side of an event, as clustering sees it.
struct ClusterActor {
  std::string code;                  // "USAGOV"; may be empty
  std::string country;               // "USA", "IGO", "NGO"; empty = unknown
  std::vector<std::string> sectors;  // "GOV", "REF"; empty = unspecified
};

// What clustering needs of one coded event and its article.
struct ClusterEvent {
  std::string event_id;                        // Event::id, unique across the store (required)
  std::string article_id;                      // Article::id (required)
  std::string outlet;                          // Article::source ("Reuters"); empty = unknown
  std::string article_date;                    // YYYY-MM-DD publication date; empty = unknown
  std::optional<ClusterActor> source, target;  // nullopt = no actor coded
  std::string cameo;                           // "174" (the root is the first two digits)
  std::string plover_event;                    // "COERCE"; empty = none
  std::string modality = "asserted";           // asserted | planned | possible | denied | ...
  std::string date_value;  // YYYY-MM-DD start of the event's period; empty = article date
  std::string date_precision = "day";  // day | week | month | year
  std::string location_country;        // ISO alpha-3 of the event's place; empty = unknown
  std::string duplicate_of;            // the article this one duplicates (DuplicateIndex), or empty
};

// Fills a ClusterEvent from the pipeline's records.
ClusterEvent MakeClusterEvent(const Event& event, const Article& article,
                              std::string_view duplicate_of = {});

// One report of a happening: the event as one article coded it.
struct ClusterMention {
  std::string event_id;
  std::string article_id;
  std::string outlet;
  std::string article_date;  // may be empty
  std::string modality;
  bool carrier = false;        // the article is a near-duplicate of another
  std::uint64_t sequence = 0;  // order of Assign calls (ties in dates)
};

// One happening, with provenance.
struct EventCluster {
  ClusterId id = 0;
  StoryId story = 0;
  std::string cameo_root;                        // root of the first mention ("17")
  std::string plover_event;                      // of the first mention that has one
  std::string source_country, target_country;    // as clustered (may be empty)
  std::string date_begin, date_end;              // the anchor period, YYYY-MM-DD; empty = undated
  std::vector<ClusterMention> mentions;          // in Assign order
  std::vector<std::string> sources;              // distinct outlets, in order of first appearance
  std::vector<std::string> independent_sources;  // distinct outlets of non-carrier mentions
  std::string first_seen;     // earliest article date among mentions (may be empty)
  std::string first_source;   // outlet of the earliest mention
  std::string first_event;    // event id of the earliest mention
  std::string latest_status;  // modality of the latest mention (by article date, then order)
};

// A status change within a story.
struct StoryStatusChange {
  std::string date;    // article date of the mention that changed it (may be empty)
  std::string status;  // the new modality
  ClusterId cluster = 0;
  std::string event_id;
};

// A developing story: linked clusters and how their status moved.
struct Story {
  StoryId id = 0;
  std::vector<ClusterId> clusters;    // ascending
  std::string first_seen, last_seen;  // article dates over all mentions
  std::size_t mentions = 0;
  std::vector<std::string> sources;         // distinct outlets, in order of first appearance
  std::string status;                       // the latest status
  std::vector<StoryStatusChange> timeline;  // one entry per change, in date order
};

struct ClusterOptions {
  // Two event periods (day: the date; week: 7 days; month: the month; year:
  // the year) belong to one happening when they lie within this many days.
  int date_window_days = 3;
  // Clusters of one dyad with compatible roots are one story when their
  // periods lie within this many days.
  int story_window_days = 30;
  // Events coded from the same article link their clusters into one story when
  // the dyads are compatible, whatever the roots and dates.
  bool link_through_articles = true;
};

// Incremental clusterer. Assign is O(clusters indexed under the event's dyad,
// root and month buckets) — a handful in practice.
//
// Ids are deterministic: replaying the same Assign and Split calls in the same
// order rebuilds the same clusters and stories with the same ids (that is how
// the store restores one after a restart). Thread-compatible (file comment).
class EventClusterer {
 public:
  explicit EventClusterer(ClusterOptions options = {});
  ~EventClusterer();
  EventClusterer(EventClusterer&&) noexcept;
  EventClusterer& operator=(EventClusterer&&) noexcept;

  // Puts the event into the cluster of the same happening, or a new one, and
  // returns its id. An event id already assigned returns its current cluster
  // and changes nothing. Errors (kInvalidArgument, naming the event and field):
  // empty event_id or article_id, a date that is not YYYY-MM-DD, an unknown
  // precision.
  Result<ClusterId> Assign(const ClusterEvent& event);

  // A user disagrees: moves `event_ids` (all members of `cluster`) out into a
  // new cluster, returned. The new cluster stays in the same story. Errors:
  // unknown cluster (kNotFound), an id not in that cluster or an empty list
  // (kInvalidArgument), or moving every mention (kInvalidArgument: nothing to
  // split from).
  Result<ClusterId> Split(ClusterId cluster, std::span<const std::string> event_ids);

  // nullptr when unknown. The pointer stays valid as long as the clusterer;
  // the cluster it shows changes with later Assign and Split calls.
  const EventCluster* cluster(ClusterId id) const;
  std::optional<ClusterId> ClusterOf(std::string_view event_id) const;
  std::size_t cluster_count() const;

  // Story ids that exist, ascending (merged stories disappear).
  std::vector<StoryId> StoryIds() const;
  // The story, computed from its clusters; nullopt when unknown.
  std::optional<Story> GetStory(StoryId id) const;

  const ClusterOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------
// Article-level stories: the reports of one real-world happening, grouped by
// what they are about (names, places, content words, dates, coded events),
// whether or not any event was coded from them.

// Document frequencies of words in a news corpus, for TF-IDF weights. Built
// once (Learn* or Parse), then frozen: const methods are thread-safe.
//
// File format (docs/formats/stories.md): a first line
// "# dyad idf v1 docs=<N>", then one "<term>\t<df>" line per term, terms in
// byte order. Terms are the story stage's normalised content words
// (StoryTerms below).
class IdfTable {
 public:
  IdfTable() = default;

  // Parses the text of an IDF file; `name` is used in errors
  // (kInvalidArgument "name:line: ..."): a missing or malformed header, a line
  // without a tab, a df that is not a positive integer, terms out of order.
  static Result<IdfTable> Parse(std::string_view text, std::string_view name);
  // Reads and parses a file (kNotFound / kIoError naming it).
  static Result<IdfTable> Load(const std::string& path);
  // The table shipped with dyad: <data dir>/story/idf.tsv.
  static std::string DefaultPath();

  // log((1 + docs) / (1 + df)) + 1: unknown words weigh most, words in every
  // document about 1. One hash and (usually) one string comparison: the
  // weights are computed once, when the table is parsed.
  double Idf(std::string_view term) const;
  std::uint64_t docs() const { return docs_; }
  std::size_t size() const { return terms_.size(); }

 private:
  friend class IdfBuilder;
  static constexpr std::uint32_t kNoTerm = 0xffffffffu;
  void BuildIndex();
  double IdfOfDf(std::uint64_t df) const;
  std::uint64_t docs_ = 0;
  std::vector<std::pair<std::string, std::uint64_t>> terms_;  // sorted by term
  std::vector<std::uint32_t> slots_;  // open addressing over the terms' hashes
  std::vector<double> idf_;           // per term
};

// Counts document frequencies over a corpus. Deterministic: the output
// depends only on the set of documents added, not on their order.
class IdfBuilder {
 public:
  void AddDocument(std::string_view text);
  // Adds a JSON-lines corpus, plain or gzip-compressed: each object's
  // "title", "text" and "body" strings make one document. Errors: kNotFound
  // (cannot open), kInvalidArgument "path:line: not a JSON object".
  Status AddJsonLines(const std::string& path);
  // Keeps terms seen in at least `min_df` documents; writes the file format
  // above.
  std::string Serialize(std::uint64_t min_df) const;
  std::uint64_t docs() const { return docs_; }

 private:
  std::uint64_t docs_ = 0;
  std::unordered_map<std::string, std::uint64_t> counts_;
  std::vector<std::string> scratch_;
};

// Appends the normalised content words of `text` to `out` (cleared first):
// words of ASCII letters (and non-ASCII UTF-8 letters) at least 3 bytes long,
// lower-cased, not in the built-in list of English function words, with a
// final plural "s" removed (not after "s", "u" or "i"); digits and
// punctuation only separate words.
void StoryTerms(std::string_view text, std::vector<std::string>* out);

// Where the names of an article come from. The interim finder below takes
// capitalised phrases; the name finder stage plugs in here when it lands.
// Implementations must be deterministic and thread-safe.
class StoryNameFinder {
 public:
  virtual ~StoryNameFinder() = default;
  // Appends the names found in the title and body (surface text, one entry
  // per mention) to `out`.
  virtual void FindNames(std::string_view title, std::string_view body,
                         std::vector<std::string>* out) const = 0;
};

// Interim names: maximal runs of capitalised words ("Tara Reid", "Promises
// Treatment Center"), joined by single spaces, with leading function words
// ("The", "In", ...) dropped. A lone capitalised word at the start of a
// sentence is not a name unless it is capitalised elsewhere too.
class CapitalisedPhraseNames : public StoryNameFinder {
 public:
  void FindNames(std::string_view title, std::string_view body,
                 std::vector<std::string>* out) const override;
};

// What story clustering needs of one article. Every field but `key` and
// `body` may be empty.
struct StoryArticle {
  std::string key;     // unique id (the store's row id)
  std::string date;    // publication date YYYY-MM-DD; empty = undated
  std::string outlet;  // "Reuters"
  std::string title;
  std::string body;
  std::vector<std::string> places;       // resolved place names ("Zagreb", "HRV")
  std::vector<std::string> event_dates;  // YYYY-MM-DD of coded events
  std::vector<std::string> event_types;  // CAMEO roots ("19") and PLOVER types
  std::vector<std::string> dyads;        // "USA>RUS" country pairs of coded events
  std::string duplicate_of;              // key of the original when a near-duplicate
};

struct StoryOptions {
  // Articles whose dates lie within this many days of a story's dates are
  // candidates for it ...
  int window_days = 7;
  // ... and up to this many days away only when they share names and places
  // strongly (a follow-up: charges, trial, anniversary).
  int follow_up_days = 120;
  double follow_up_min_names = 0.5;  // names part of the score needed then
  // An article without a publication date takes the year of the first full
  // date written in its title or the first 400 bytes of its body ("July 21,
  // 2013", "21 July 2013": a dateline) as its stated year. An article whose
  // stated year is more than a year from every stated year of a story's
  // members cannot join it: another happening of the same kind.
  // Off by default: on ECB+ it keeps no more happenings apart and costs
  // 0.008 B-cubed F1 (docs/performance.md).
  bool dateline_dates = false;
  // An article joins the best candidate story when the score reaches this,
  // else it starts a story.
  double join_threshold = 0.30;
  // Weights of the parts of the profile (each part L2-normalised first).
  double word_weight = 1.0;
  double name_weight = 1.0;
  double place_weight = 0.5;
  double event_weight = 0.15;
  // Name words this rare (IDF >= 6.0: in fewer than ~0.7% of the IDF
  // corpus's documents) are distinctive. When both the article and the story
  // have distinctive name words and share none, the article does not join:
  // another happening of the same kind (another company's results, another
  // earthquake), however alike the words.
  double distinctive_name_idf = 6.0;
  // When the article and the story both have places, share none, and the
  // article names its main place at least twice, the article does not join:
  // the same kind of happening elsewhere. Off by default: the places the
  // context stage resolves are too noisy yet (on ECB+ it costs 0.009 B-cubed
  // F1 and keeps no more happenings apart; docs/performance.md).
  bool place_disagreement = false;
  // An article's main names are the name words it mentions most often, at
  // least main_name_mentions times, not counting mentions as a quoted source
  // ("Dorsey said", "said Lt. Gerald Pickell", "according to Arthur"); only
  // name words with IDF >= main_name_idf count (5.0: in fewer than ~2% of
  // the IDF corpus's documents, so not "Police" or "President"). A story's
  // main names are its members'. When the article has main names that the
  // story never names, and names each of the story's main names fewer than
  // main_name_mentions times, the article does not join: the same kind of
  // happening with another protagonist (the arrest of another player of the
  // same team, the death of another Watergate figure).
  bool main_name_disagreement = true;
  int main_name_mentions = 3;
  double main_name_idf = 5.0;
  // Explicit years in the text ("2008"): disagreeing years subtract this.
  double year_penalty = 0.15;
  // Content words kept per article (the heaviest), and per story centroid.
  std::size_t article_terms = 48;
  std::size_t story_terms = 256;
  // At most this many candidate stories are scored per article (those
  // sharing the most index keys first).
  std::size_t max_candidates = 16;
};

// Why an article was placed where it was.
struct StoryDecision {
  StoryId story = 0;
  bool started = false;  // the article started the story
  std::string nearest;   // key of the member most similar to it (joined only)
  double score = 0;      // similarity to the story (0 when started)
  double names = 0, places = 0, words = 0, events = 0;  // parts of the score
  // The shared features, heaviest contribution first (at most 5 each): names
  // and places as written ("Humboldt County"), content words normalised
  // ("quake"), events as CAMEO roots, PLOVER types and dyads ("19", "USA>RUS").
  std::vector<std::string> shared_names, shared_places, shared_words, shared_events;
  int days_apart = -1;  // from the story's nearest date; -1 = undated
};

// An article-level story as ArticleStoryClusterer keeps it.
struct ArticleStory {
  StoryId id = 0;
  std::vector<std::string> articles;  // keys, in order of joining
  std::string first_date, last_date;  // empty when no member is dated
  std::vector<std::string> sources;   // distinct outlets, in order of appearance
  std::string label;                  // the most telling names, place and event type
};

// Incremental article-level clustering. Each Add builds the article's profile,
// looks up candidate stories in an inverted index over names, places and
// heavy content words restricted to the time window, scores the article
// against each candidate's centroid and joins the best one at or above
// join_threshold whose distinctive names, main names (protagonists), main
// places and stated years do not disagree with the article's (StoryOptions), else starts a story. A
// link always rests on the similarity of the article to the story's own content, never on a third
// article. Deterministic: the same articles in the same order give the same stories and ids (ties
// go to the lower story id).
//
// Memory: per story a centroid of at most story_terms words plus its names and
// places; stories whose last date is more than follow_up_days older than the
// newest date seen leave the index (they can no longer be joined).
// Thread-compatible. `idf` and `names` must outlive the clusterer.
class ArticleStoryClusterer {
 public:
  ArticleStoryClusterer(const IdfTable& idf, const StoryNameFinder& names,
                        StoryOptions options = {});
  ~ArticleStoryClusterer();
  ArticleStoryClusterer(ArticleStoryClusterer&&) noexcept;
  ArticleStoryClusterer& operator=(ArticleStoryClusterer&&) noexcept;

  // Places one article. A near-duplicate (duplicate_of names an added key)
  // joins its original's story. Errors (kInvalidArgument naming the article
  // and field): empty key, a key added before, a date that is not YYYY-MM-DD.
  Result<StoryDecision> Add(const StoryArticle& article);

  std::size_t story_count() const;
  // nullptr when unknown; valid until the next Add.
  const ArticleStory* story(StoryId id) const;
  std::optional<StoryId> StoryOf(std::string_view key) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad

#endif  // DYAD_STORY_H_
