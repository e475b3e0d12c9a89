// RebuildStories: the story stage (dyad/story.h) replayed over a whole store.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/store.h"
#include "dyad/story.h"

namespace dyad {
namespace {

// The story stage's keys are the store's row ids in decimal.
std::int64_t ParseId(std::string_view key) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), v);
  return ec == std::errc() && ptr == key.data() + key.size() ? v : 0;
}

std::string Party(const std::string& country) { return country.empty() ? "?" : country; }

// "USA -> LBY 17 COERCE": the cluster's dyad (countries) and action.
std::string ClusterLabel(const dyad::EventCluster& c) {
  std::string label = Party(c.source_country) + " -> " + Party(c.target_country);
  if (!c.cameo_root.empty()) label += " " + c.cameo_root;
  if (!c.plover_event.empty()) label += " " + c.plover_event;
  return label;
}

}  // namespace

Result<StoryRebuildStats> RebuildStories(Store& store) {
  return RebuildStories(store, DuplicateOptions{}, ClusterOptions{});
}

Result<StoryRebuildStats> RebuildStories(Store& store, const DuplicateOptions& duplicate_options,
                                         const ClusterOptions& cluster_options) {
  DuplicateIndex index(duplicate_options);
  EventClusterer clusterer(cluster_options);
  StoryRebuildStats stats;
  std::vector<std::pair<std::int64_t, std::int64_t>> duplicates;  // (copy, original)

  // One thread, store order: the same store always gives the same decisions.
  std::string key, event_key;
  Status read = store.ForEachArticle([&](const StoredArticle& a) {
    ++stats.articles;
    key = std::to_string(a.article_id);
    std::optional<std::string> original = index.Add(key, a.article.body);
    if (original) {
      if (std::int64_t id = ParseId(*original); id != 0 && id != a.article_id) {
        duplicates.emplace_back(a.article_id, id);
      }
    }
    const std::string_view duplicate_of = original ? std::string_view(*original) : "";
    for (std::size_t i = 0; i < a.coded.events.size() && i < a.event_ids.size(); ++i) {
      ClusterEvent ce = MakeClusterEvent(a.coded.events[i], a.article, duplicate_of);
      // Input ids need not be unique across a store (versions, re-used ids); row ids are.
      ce.event_id = std::to_string(a.event_ids[i]);
      ce.article_id = key;
      Result<ClusterId> r = clusterer.Assign(ce);
      if (!r.ok()) {
        ++stats.skipped_events;
        stats.errors.push_back(
            Status(r.status().code(), "article " + a.article.id + " (store id " + key + ") event " +
                                          a.coded.events[i].id + ": " + r.status().message()));
        continue;
      }
      ++stats.events;
    }
    return true;
  });
  if (!read.ok()) return read;
  stats.duplicates = duplicates.size();

  // The user's splits, in the order they were made.
  auto splits = store.Splits();
  if (!splits.ok()) return splits.status();
  for (std::size_t n = 0; n < splits->size(); ++n) {
    const std::vector<std::int64_t>& ids = (*splits)[n];
    std::vector<std::string> keys;
    std::optional<ClusterId> cluster;
    bool same = true;
    for (std::int64_t id : ids) {
      keys.push_back(std::to_string(id));
      std::optional<ClusterId> c = clusterer.ClusterOf(keys.back());
      if (!c || (cluster && *c != *cluster)) same = false;
      if (c && !cluster) cluster = c;
    }
    Result<ClusterId> moved =
        same && cluster
            ? clusterer.Split(*cluster, keys)
            : Result<ClusterId>(InvalidArgument("its events are no longer in one cluster"));
    if (moved.ok()) {
      ++stats.splits;
    } else {
      ++stats.stale_splits;
      stats.errors.push_back(
          Status(moved.status().code(),
                 "split " + std::to_string(n + 1) + " not applied: " + moved.status().message()));
    }
  }

  std::vector<StoryRecord> stories;
  std::map<ClusterId, StoryId> story_of;
  for (StoryId sid : clusterer.StoryIds()) {
    std::optional<Story> story = clusterer.GetStory(sid);
    if (!story) continue;
    StoryRecord rec;
    rec.id = static_cast<std::int64_t>(sid);
    std::vector<std::string> roots;
    for (ClusterId cid : story->clusters) {
      story_of[cid] = sid;
      const dyad::EventCluster* c = clusterer.cluster(cid);
      if (!c) continue;
      if (rec.label.empty()) {
        rec.label = Party(c->source_country) + " -> " + Party(c->target_country) + ":";
      }
      if (std::find(roots.begin(), roots.end(), c->cameo_root) == roots.end()) {
        roots.push_back(c->cameo_root);
      }
      for (const ClusterMention& m : c->mentions) rec.article_ids.push_back(ParseId(m.article_id));
    }
    std::sort(roots.begin(), roots.end());
    for (const std::string& r : roots) rec.label += " " + (r.empty() ? "?" : r);
    if (!story->status.empty()) rec.label += " (" + story->status + ")";
    std::sort(rec.article_ids.begin(), rec.article_ids.end());
    rec.article_ids.erase(std::unique(rec.article_ids.begin(), rec.article_ids.end()),
                          rec.article_ids.end());
    stories.push_back(std::move(rec));
  }

  std::vector<ClusterRecord> clusters;
  clusters.reserve(clusterer.cluster_count());
  for (ClusterId cid = 1; cid <= clusterer.cluster_count(); ++cid) {
    const dyad::EventCluster* c = clusterer.cluster(cid);
    if (!c || c->mentions.empty()) continue;
    ClusterRecord rec;
    rec.id = static_cast<std::int64_t>(cid);
    auto it = story_of.find(cid);
    rec.story_id = it == story_of.end() ? 0 : static_cast<std::int64_t>(it->second);
    rec.label = ClusterLabel(*c);
    for (const ClusterMention& m : c->mentions) rec.event_ids.push_back(ParseId(m.event_id));
    clusters.push_back(std::move(rec));
  }
  stats.stories = stories.size();
  stats.clusters = clusters.size();
  DYAD_RETURN_IF_ERROR(store.ReplaceStories(duplicates, stories, clusters));
  return stats;
}

}  // namespace dyad
