// Copyright dyad authors. EventClusterer: same-happening events into clusters,
// clusters into stories (docs/formats/stories.md).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/civil.h"
#include "dyad/article.h"
#include "dyad/date.h"
#include "dyad/event.h"
#include "dyad/story.h"
#include "story/hash.h"

namespace dyad {
namespace {

using story_internal::Combine;
using story_internal::HashBytes;

constexpr std::int64_t kUndatedDay = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kBucketDays = 30;
constexpr std::string_view kNoActor = "\x01";  // a side with no actor coded

using civil::DaysFromCivil;

std::string FormatDays(std::int64_t z) {
  const civil::Ymd d = civil::CivilFromDays(z);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

struct Ymd {
  int y, m, d;
};

// "YYYY-MM-DD", optionally followed by 'T' or ' ' and a time (dyad/date.h).
std::optional<Ymd> ParseDate(std::string_view s) {
  std::optional<CivilDate> d = ParseIsoDate(s);
  if (!d) return std::nullopt;
  return Ymd{d->year, d->month, d->day};
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

bool SectorsCompatible(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return true;
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  }
  return false;
}

bool SectorsShared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return !a.empty() && !b.empty() && SectorsCompatible(a, b);
}

// CAMEO quad class of a root ("01".."20"), 0 when not a CAMEO root.
int QuadOf(std::string_view root) {
  if (root.size() != 2 || root[0] < '0' || root[0] > '9' || root[1] < '0' || root[1] > '9') {
    return 0;
  }
  int r = (root[0] - '0') * 10 + (root[1] - '0');
  if (r >= 1 && r <= 5) return 1;
  if (r >= 6 && r <= 9) return 2;
  if (r >= 10 && r <= 14) return 3;
  if (r >= 15 && r <= 20) return 4;
  return 0;
}

// Story rule: same root or PLOVER type, same quad class, or an intent and its
// deed (03 "express intent to cooperate" with material cooperation, 13
// "threaten" with material conflict).
bool RootsLinkStories(std::string_view ra, std::string_view pa, std::string_view rb,
                      std::string_view pb) {
  if (ra == rb) return true;
  if (!pa.empty() && pa == pb) return true;
  int qa = QuadOf(ra), qb = QuadOf(rb);
  if (qa == 0 || qb == 0) return false;
  if (qa == qb) return true;
  auto intent = [](std::string_view r, int q_other) {
    return (r == "03" && q_other == 2) || (r == "13" && q_other == 4);
  };
  return intent(ra, qb) || intent(rb, qa);
}

struct MentionInfo {
  std::int64_t lo = kUndatedDay, hi = kUndatedDay;  // the event's period, in days
  int rank = 4;                                     // 0 day, 1 week, 2 month, 3 year, 4 undated
  std::string root, plover, location;
  std::optional<ClusterActor> source, target;
  std::string report_date;  // article date, else event date, else empty
};

// Order of "when reported": by date, undated last, then Assign order.
bool ReportedBefore(const std::string& da, std::uint64_t sa, const std::string& db,
                    std::uint64_t sb) {
  if (da != db) {
    if (da.empty()) return false;
    if (db.empty()) return true;
    return da < db;
  }
  return sa < sb;
}

std::string_view Party(const std::optional<ClusterActor>& a) {
  return a ? std::string_view(a->country) : kNoActor;
}

}  // namespace

ClusterEvent MakeClusterEvent(const Event& event, const Article& article,
                              std::string_view duplicate_of) {
  ClusterEvent c;
  c.event_id = event.id;
  c.article_id = article.id;
  c.outlet = article.source;
  c.article_date = article.date;
  auto actor = [](const std::optional<Actor>& a) -> std::optional<ClusterActor> {
    if (!a) return std::nullopt;
    return ClusterActor{a->code, a->country, a->sectors};
  };
  c.source = actor(event.source);
  c.target = actor(event.target);
  c.cameo = event.cameo;
  c.plover_event = event.plover_event;
  c.modality = event.modality;
  c.date_value = event.date.value;
  c.date_precision = event.date.precision.empty() ? "day" : event.date.precision;
  if (event.location) c.location_country = event.location->place.country;
  c.duplicate_of = std::string(duplicate_of);
  return c;
}

struct EventClusterer::Impl {
  struct ClusterState {
    EventCluster pub;
    std::vector<MentionInfo> info;  // parallel to pub.mentions
    std::int64_t lo = kUndatedDay, hi = kUndatedDay;
    int rank = 4;
    std::optional<ClusterActor> source, target;  // the reference actors
    std::string location;                        // first known place country
    // Sort keys of the earliest and latest mention.
    std::string first_date, last_date;
    std::uint64_t first_seq = 0, last_seq = 0;
  };

  ClusterOptions options;
  // id - 1. A deque: pointers handed out by cluster() survive later Assigns.
  std::deque<ClusterState> clusters;
  std::unordered_map<std::string, ClusterId> cluster_of_event;
  std::unordered_map<std::string, std::vector<ClusterId>> clusters_of_article;
  std::unordered_map<std::uint64_t, std::vector<ClusterId>> happening_index;
  std::unordered_map<std::uint64_t, std::vector<ClusterId>> story_index;
  std::map<StoryId, std::vector<ClusterId>> stories;
  StoryId next_story = 1;
  std::uint64_t sequence = 0;

  // --- keys ---------------------------------------------------------------

  static std::uint64_t HappeningKey(std::string_view src, std::string_view tgt, char kind,
                                    std::string_view code, std::int64_t bucket) {
    std::uint64_t h = HashBytes(src);
    h = Combine(h, HashBytes(tgt));
    h = Combine(h, static_cast<std::uint64_t>(kind));
    h = Combine(h, HashBytes(code));
    return Combine(h, static_cast<std::uint64_t>(bucket));
  }

  static std::pair<std::int64_t, std::int64_t> Buckets(std::int64_t lo, std::int64_t hi,
                                                       std::int64_t pad) {
    if (lo == kUndatedDay) return {kUndatedDay, kUndatedDay};
    return {FloorDiv(lo - pad, kBucketDays), FloorDiv(hi + pad, kBucketDays)};
  }

  // The story dyad: unordered parties; a target without a country is stood in
  // for by the event's place ("deport migrants to Libya": USA / LBY).
  static std::pair<std::string, std::string> StoryDyad(const ClusterState& c) {
    std::string a(Party(c.source));
    std::string b(Party(c.target));
    if ((b.empty() || b == kNoActor) && !c.location.empty()) b = c.location;
    if (b < a) std::swap(a, b);
    return {a, b};
  }

  static bool Known(const std::string& party) { return !party.empty() && party != kNoActor; }

  static std::uint64_t StoryKey(const std::pair<std::string, std::string>& dyad,
                                std::int64_t bucket) {
    return Combine(Combine(HashBytes(dyad.first), HashBytes(dyad.second)),
                   static_cast<std::uint64_t>(bucket));
  }

  void IndexHappening(const ClusterState& c) {
    auto [b0, b1] = Buckets(c.lo, c.hi, 0);
    const MentionInfo& first = c.info.front();
    for (std::int64_t b = b0;; ++b) {
      AddTo(&happening_index[HappeningKey(Party(c.source), Party(c.target), 'r', first.root, b)],
            c.pub.id);
      if (!c.pub.plover_event.empty()) {
        AddTo(&happening_index[HappeningKey(Party(c.source), Party(c.target), 'p',
                                            c.pub.plover_event, b)],
              c.pub.id);
      }
      if (b >= b1) break;
    }
  }

  void IndexStory(const ClusterState& c) {
    auto dyad = StoryDyad(c);
    auto [b0, b1] = Buckets(c.lo, c.hi, 0);
    for (std::int64_t b = b0;; ++b) {
      AddTo(&story_index[StoryKey(dyad, b)], c.pub.id);
      if (b >= b1) break;
    }
  }

  static void AddTo(std::vector<ClusterId>* list, ClusterId id) {
    if (list->empty() || list->back() != id) {
      if (std::find(list->begin(), list->end(), id) == list->end()) list->push_back(id);
    }
  }

  // --- matching -----------------------------------------------------------

  bool DatesMeet(const MentionInfo& m, const ClusterState& c, std::int64_t window) const {
    if (m.lo == kUndatedDay || c.lo == kUndatedDay) return m.lo == c.lo;
    return m.lo - window <= c.hi && c.lo <= m.hi + window;
  }

  // -1 when the event cannot be a mention of the cluster's happening, else a
  // preference score (higher is better).
  int Score(const MentionInfo& m, const ClusterState& c, bool ignore_date) const {
    if (m.source.has_value() != c.source.has_value()) return -1;
    if (m.target.has_value() != c.target.has_value()) return -1;
    int score = 0;
    if (m.source) {
      if (m.source->country != c.source->country) return -1;
      if (!SectorsCompatible(m.source->sectors, c.source->sectors)) return -1;
      score += SectorsShared(m.source->sectors, c.source->sectors);
    }
    if (m.target) {
      if (m.target->country != c.target->country) return -1;
      if (!SectorsCompatible(m.target->sectors, c.target->sectors)) return -1;
      score += SectorsShared(m.target->sectors, c.target->sectors);
    }
    const MentionInfo& anchor = c.info.front();
    bool same_root = m.root == anchor.root;
    bool same_plover = !m.plover.empty() && m.plover == c.pub.plover_event;
    if (!same_root && !same_plover) return -1;
    score += same_root;
    if (!m.location.empty() && !c.location.empty()) {
      if (m.location != c.location) return -1;
      score += 2;
    }
    if (!ignore_date) {
      if (!DatesMeet(m, c, options.date_window_days)) return -1;
      if (DatesMeet(m, c, 0)) score += 4;
    }
    return score;
  }

  // Best cluster among `ids` (ties: lowest id), or 0.
  ClusterId Best(const MentionInfo& m, std::vector<ClusterId> ids, bool ignore_date) const {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    ClusterId best = 0;
    int best_score = -1;
    for (ClusterId id : ids) {
      int s = Score(m, clusters[id - 1], ignore_date);
      if (s > best_score) {
        best_score = s;
        best = id;
      }
    }
    return best;
  }

  ClusterId FindHappening(const MentionInfo& m, const std::string& duplicate_of) const {
    if (!duplicate_of.empty()) {
      // A carrier's events are the original's: its dates may differ (a copy
      // published a day later resolves "yesterday" to another day).
      auto it = clusters_of_article.find(duplicate_of);
      if (it != clusters_of_article.end()) {
        if (ClusterId id = Best(m, it->second, true)) return id;
      }
    }
    std::vector<ClusterId> ids;
    auto [b0, b1] = Buckets(m.lo, m.hi, options.date_window_days);
    for (std::int64_t b = b0;; ++b) {
      for (char kind : {'r', 'p'}) {
        const std::string& code = kind == 'r' ? m.root : m.plover;
        if (kind == 'p' && code.empty()) continue;
        auto it =
            happening_index.find(HappeningKey(Party(m.source), Party(m.target), kind, code, b));
        if (it != happening_index.end())
          ids.insert(ids.end(), it->second.begin(), it->second.end());
      }
      if (b >= b1) break;
    }
    return Best(m, std::move(ids), false);
  }

  // --- summaries ----------------------------------------------------------

  // Folds mention i (already in pub.mentions/info) into the cluster summary.
  void Absorb(ClusterState* c, std::size_t i) const {
    const ClusterMention& mention = c->pub.mentions[i];
    const MentionInfo& m = c->info[i];
    EventCluster& pub = c->pub;
    if (i == 0) {
      pub.cameo_root = m.root;
      pub.plover_event = m.plover;
      pub.source_country = m.source ? m.source->country : "";
      pub.target_country = m.target ? m.target->country : "";
      c->source = m.source;
      c->target = m.target;
      c->location = m.location;
      c->lo = m.lo;
      c->hi = m.hi;
      c->rank = m.rank;
      c->first_date = c->last_date = m.report_date;
      c->first_seq = c->last_seq = mention.sequence;
      pub.first_seen = m.report_date;
      pub.first_source = mention.outlet;
      pub.first_event = mention.event_id;
      pub.latest_status = mention.modality;
    } else {
      if (pub.plover_event.empty()) pub.plover_event = m.plover;
      if (c->location.empty()) c->location = m.location;
      if (c->source && m.source && c->source->sectors.empty())
        c->source->sectors = m.source->sectors;
      if (c->target && m.target && c->target->sectors.empty())
        c->target->sectors = m.target->sectors;
      // A more precise date inside the anchor's window becomes the anchor
      // ("this week", then "on Tuesday"); the anchor never drifts otherwise.
      if (m.rank < c->rank && DatesMeet(m, *c, options.date_window_days)) {
        c->lo = m.lo;
        c->hi = m.hi;
        c->rank = m.rank;
      }
      if (ReportedBefore(m.report_date, mention.sequence, c->first_date, c->first_seq)) {
        c->first_date = m.report_date;
        c->first_seq = mention.sequence;
        pub.first_seen = m.report_date;
        pub.first_source = mention.outlet;
        pub.first_event = mention.event_id;
      }
      if (ReportedBefore(c->last_date, c->last_seq, m.report_date, mention.sequence)) {
        c->last_date = m.report_date;
        c->last_seq = mention.sequence;
        pub.latest_status = mention.modality;
      }
    }
    if (!mention.outlet.empty()) {
      auto add = [&](std::vector<std::string>* v) {
        if (std::find(v->begin(), v->end(), mention.outlet) == v->end()) {
          v->push_back(mention.outlet);
        }
      };
      add(&pub.sources);
      if (!mention.carrier) add(&pub.independent_sources);
    }
    pub.date_begin = c->lo == kUndatedDay ? "" : FormatDays(c->lo);
    pub.date_end = c->hi == kUndatedDay ? "" : FormatDays(c->hi);
  }

  void Recompute(ClusterState* c) const {
    EventCluster fresh;
    fresh.id = c->pub.id;
    fresh.story = c->pub.story;
    fresh.mentions = std::move(c->pub.mentions);
    c->pub = std::move(fresh);
    for (std::size_t i = 0; i < c->pub.mentions.size(); ++i) Absorb(c, i);
  }

  // --- stories ------------------------------------------------------------

  void MergeStories(StoryId a, StoryId b) {
    if (a == b) return;
    StoryId keep = std::min(a, b), drop = std::max(a, b);
    auto it = stories.find(drop);
    std::vector<ClusterId>& kept = stories[keep];
    for (ClusterId id : it->second) {
      clusters[id - 1].pub.story = keep;
      kept.push_back(id);
    }
    std::sort(kept.begin(), kept.end());
    stories.erase(it);
  }

  bool StoryLinkByDate(const ClusterState& a, const ClusterState& b) const {
    if (a.lo == kUndatedDay || b.lo == kUndatedDay) return false;
    const std::int64_t w = options.story_window_days;
    if (!(a.lo - w <= b.hi && b.lo <= a.hi + w)) return false;
    if (StoryDyad(a) != StoryDyad(b)) return false;
    return RootsLinkStories(a.pub.cameo_root, a.pub.plover_event, b.pub.cameo_root,
                            b.pub.plover_event);
  }

  void LinkByDate(const ClusterState& c) {
    auto dyad = StoryDyad(c);
    if (!Known(dyad.first) || !Known(dyad.second) || c.lo == kUndatedDay) return;
    auto [b0, b1] = Buckets(c.lo, c.hi, options.story_window_days);
    std::vector<ClusterId> ids;
    for (std::int64_t b = b0;; ++b) {
      auto it = story_index.find(StoryKey(dyad, b));
      if (it != story_index.end()) ids.insert(ids.end(), it->second.begin(), it->second.end());
      if (b >= b1) break;
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (ClusterId id : ids) {
      const ClusterState& other = clusters[id - 1];
      if (id == c.pub.id || other.pub.story == c.pub.story) continue;
      if (StoryLinkByDate(c, other)) MergeStories(c.pub.story, other.pub.story);
    }
  }

  void LinkThroughArticle(const ClusterState& c, const std::string& article_id) {
    if (!options.link_through_articles) return;
    auto it = clusters_of_article.find(article_id);
    if (it == clusters_of_article.end()) return;
    auto dyad = StoryDyad(c);
    if (!Known(dyad.first) && !Known(dyad.second)) return;
    for (ClusterId id : it->second) {
      const ClusterState& other = clusters[id - 1];
      if (id == c.pub.id || other.pub.story == c.pub.story) continue;
      if (StoryDyad(other) == dyad) MergeStories(c.pub.story, other.pub.story);
    }
  }

  Result<MentionInfo> Describe(const ClusterEvent& e) const {
    MentionInfo m;
    const std::string& value = e.date_value.empty() ? e.article_date : e.date_value;
    const char* field = e.date_value.empty() ? "article_date" : "date.value";
    std::string_view precision =
        e.date_value.empty() ? std::string_view("day") : std::string_view(e.date_precision);
    if (precision.empty()) precision = "day";
    if (!e.article_date.empty() && !ParseDate(e.article_date)) {
      return InvalidArgument("event " + e.event_id + ": article_date \"" + e.article_date +
                             "\" is not YYYY-MM-DD");
    }
    if (!value.empty()) {
      std::optional<Ymd> d = ParseDate(value);
      if (!d) {
        return InvalidArgument("event " + e.event_id + ": " + field + " \"" + value +
                               "\" is not YYYY-MM-DD");
      }
      m.lo = DaysFromCivil(d->y, d->m, d->d);
      if (precision == "day") {
        m.rank = 0;
        m.hi = m.lo;
      } else if (precision == "week") {
        m.rank = 1;
        m.hi = m.lo + 6;
      } else if (precision == "month") {
        m.rank = 2;
        m.hi =
            d->m == 12 ? DaysFromCivil(d->y + 1, 1, 1) - 1 : DaysFromCivil(d->y, d->m + 1, 1) - 1;
      } else if (precision == "year") {
        m.rank = 3;
        m.hi = DaysFromCivil(d->y + 1, 1, 1) - 1;
      } else {
        return InvalidArgument("event " + e.event_id + ": date.precision \"" +
                               std::string(precision) + "\" is not day, week, month or year");
      }
    }
    m.root = e.cameo.substr(0, std::min<std::size_t>(2, e.cameo.size()));
    m.plover = e.plover_event;
    m.location = e.location_country;
    m.source = e.source;
    m.target = e.target;
    m.report_date = !e.article_date.empty() ? e.article_date.substr(0, 10)
                    : e.date_value.empty()  ? std::string()
                                            : e.date_value.substr(0, 10);
    return m;
  }
};

EventClusterer::EventClusterer(ClusterOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->options.date_window_days = std::max(0, options.date_window_days);
  impl_->options.story_window_days = std::max(0, options.story_window_days);
}
EventClusterer::~EventClusterer() = default;
EventClusterer::EventClusterer(EventClusterer&&) noexcept = default;
EventClusterer& EventClusterer::operator=(EventClusterer&&) noexcept = default;

Result<ClusterId> EventClusterer::Assign(const ClusterEvent& event) {
  Impl& d = *impl_;
  if (event.event_id.empty()) return InvalidArgument("cluster event: empty event_id");
  if (event.article_id.empty()) {
    return InvalidArgument("event " + event.event_id + ": empty article_id");
  }
  if (auto it = d.cluster_of_event.find(event.event_id); it != d.cluster_of_event.end()) {
    return it->second;
  }
  Result<MentionInfo> described = d.Describe(event);
  if (!described.ok()) return described.status();
  MentionInfo m = std::move(described.value());

  ClusterMention mention;
  mention.event_id = event.event_id;
  mention.article_id = event.article_id;
  mention.outlet = event.outlet;
  mention.article_date = event.article_date;
  mention.modality = event.modality;
  mention.carrier = !event.duplicate_of.empty();
  mention.sequence = d.sequence++;

  ClusterId id = d.FindHappening(m, event.duplicate_of);
  bool created = id == 0;
  if (created) {
    Impl::ClusterState c;
    c.pub.id = id = d.clusters.size() + 1;
    c.pub.story = d.next_story++;
    d.stories[c.pub.story].push_back(id);
    d.clusters.push_back(std::move(c));
  }
  Impl::ClusterState& c = d.clusters[id - 1];
  const std::int64_t old_lo = c.lo, old_hi = c.hi;
  c.pub.mentions.push_back(std::move(mention));
  c.info.push_back(std::move(m));
  d.Absorb(&c, c.pub.mentions.size() - 1);
  d.cluster_of_event.emplace(event.event_id, id);

  bool moved = created || c.lo != old_lo || c.hi != old_hi;
  if (moved) {
    d.IndexHappening(c);
    d.LinkByDate(d.clusters[id - 1]);
    d.IndexStory(d.clusters[id - 1]);
  }
  d.LinkThroughArticle(d.clusters[id - 1], event.article_id);
  Impl::AddTo(&d.clusters_of_article[event.article_id], id);
  return id;
}

Result<ClusterId> EventClusterer::Split(ClusterId cluster, std::span<const std::string> event_ids) {
  Impl& d = *impl_;
  if (cluster == 0 || cluster > d.clusters.size()) {
    return NotFound("split: no cluster " + std::to_string(cluster));
  }
  if (event_ids.empty()) return InvalidArgument("split: no event ids given");
  Impl::ClusterState& from = d.clusters[cluster - 1];
  std::unordered_set<std::string_view> wanted(event_ids.begin(), event_ids.end());
  std::size_t found = 0;
  for (const ClusterMention& mention : from.pub.mentions) found += wanted.count(mention.event_id);
  if (found != wanted.size()) {
    for (const std::string& e : event_ids) {
      auto it = d.cluster_of_event.find(e);
      if (it == d.cluster_of_event.end() || it->second != cluster) {
        return InvalidArgument("split: event " + e + " is not in cluster " +
                               std::to_string(cluster));
      }
    }
  }
  if (found == from.pub.mentions.size()) {
    return InvalidArgument("split: cluster " + std::to_string(cluster) +
                           " would be left empty (nothing to split from)");
  }

  Impl::ClusterState to;
  to.pub.id = d.clusters.size() + 1;
  to.pub.story = from.pub.story;
  Impl::ClusterState kept;
  kept.pub.id = from.pub.id;
  kept.pub.story = from.pub.story;
  for (std::size_t i = 0; i < from.pub.mentions.size(); ++i) {
    Impl::ClusterState& dest = wanted.count(from.pub.mentions[i].event_id) ? to : kept;
    dest.pub.mentions.push_back(std::move(from.pub.mentions[i]));
    dest.info.push_back(std::move(from.info[i]));
  }
  d.Recompute(&kept);
  d.Recompute(&to);
  from = std::move(kept);

  const ClusterId new_id = to.pub.id;
  for (const ClusterMention& mention : to.pub.mentions) {
    d.cluster_of_event[mention.event_id] = new_id;
    Impl::AddTo(&d.clusters_of_article[mention.article_id], new_id);
  }
  // Articles left with no mention in the old cluster stop pointing at it.
  for (const ClusterMention& mention : to.pub.mentions) {
    const auto& left = d.clusters[cluster - 1].pub.mentions;
    bool still = std::any_of(left.begin(), left.end(), [&](const ClusterMention& x) {
      return x.article_id == mention.article_id;
    });
    if (!still) {
      auto& list = d.clusters_of_article[mention.article_id];
      list.erase(std::remove(list.begin(), list.end(), cluster), list.end());
    }
  }
  d.stories[to.pub.story].push_back(new_id);
  d.clusters.push_back(std::move(to));
  d.IndexHappening(d.clusters[cluster - 1]);
  d.IndexStory(d.clusters[cluster - 1]);
  d.IndexHappening(d.clusters.back());
  d.IndexStory(d.clusters.back());
  return new_id;
}

const EventCluster* EventClusterer::cluster(ClusterId id) const {
  if (id == 0 || id > impl_->clusters.size()) return nullptr;
  return &impl_->clusters[id - 1].pub;
}

std::optional<ClusterId> EventClusterer::ClusterOf(std::string_view event_id) const {
  auto it = impl_->cluster_of_event.find(std::string(event_id));
  if (it == impl_->cluster_of_event.end()) return std::nullopt;
  return it->second;
}

std::size_t EventClusterer::cluster_count() const { return impl_->clusters.size(); }

std::vector<StoryId> EventClusterer::StoryIds() const {
  std::vector<StoryId> ids;
  ids.reserve(impl_->stories.size());
  for (const auto& [id, members] : impl_->stories) ids.push_back(id);
  return ids;
}

std::optional<Story> EventClusterer::GetStory(StoryId id) const {
  auto it = impl_->stories.find(id);
  if (it == impl_->stories.end()) return std::nullopt;
  Story story;
  story.id = id;
  story.clusters = it->second;
  struct Row {
    const std::string* date;
    std::uint64_t seq;
    const ClusterMention* mention;
    ClusterId cluster;
  };
  std::vector<Row> rows;
  for (ClusterId cid : story.clusters) {
    const auto& c = impl_->clusters[cid - 1];
    for (std::size_t i = 0; i < c.pub.mentions.size(); ++i) {
      rows.push_back({&c.info[i].report_date, c.pub.mentions[i].sequence, &c.pub.mentions[i], cid});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return ReportedBefore(*a.date, a.seq, *b.date, b.seq);
  });
  story.mentions = rows.size();
  for (const Row& r : rows) {
    if (!r.date->empty()) {
      if (story.first_seen.empty() || *r.date < story.first_seen) story.first_seen = *r.date;
      if (*r.date > story.last_seen) story.last_seen = *r.date;
    }
    const std::string& outlet = r.mention->outlet;
    if (!outlet.empty() &&
        std::find(story.sources.begin(), story.sources.end(), outlet) == story.sources.end()) {
      story.sources.push_back(outlet);
    }
    if (story.timeline.empty() || story.timeline.back().status != r.mention->modality) {
      story.timeline.push_back({*r.date, r.mention->modality, r.cluster, r.mention->event_id});
    }
  }
  if (!story.timeline.empty()) story.status = story.timeline.back().status;
  return story;
}

const ClusterOptions& EventClusterer::options() const { return impl_->options; }

}  // namespace dyad
