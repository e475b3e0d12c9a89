// RebuildStories: the story stage (dyad/story.h) replayed over a whole store.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/event.h"
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

// What the article-level story stage reads of a stored article: resolved
// places (entities and event locations), event dates, types and dyads.
StoryArticle MakeStoryArticle(const StoredArticle& a, std::string_view duplicate_of) {
  StoryArticle out;
  out.key = std::to_string(a.article_id);
  out.date = a.article.date.size() >= 10 ? a.article.date.substr(0, 10) : "";
  out.outlet = a.article.source;
  out.title = a.article.title;
  out.body = a.article.body;
  out.duplicate_of = std::string(duplicate_of);
  for (const Entity& e : a.coded.entities) {
    if (e.type != EntityType::kPlace) continue;
    out.places.push_back(e.place && !e.place->name.empty() ? e.place->name : e.text);
  }
  for (const Event& e : a.coded.events) {
    if (e.location && !e.location->place.name.empty()) out.places.push_back(e.location->place.name);
    if (!e.date.value.empty()) out.event_dates.push_back(e.date.value);
    if (e.cameo.size() >= 2) out.event_types.push_back(e.cameo.substr(0, 2));
    if (!e.plover_event.empty()) out.event_types.push_back(e.plover_event);
    const std::string src = e.source ? e.source->country : "";
    const std::string tgt = e.target ? e.target->country : "";
    if (!src.empty() || !tgt.empty()) out.dyads.push_back(Party(src) + ">" + Party(tgt));
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// One readable line: what linked the article to its story.
std::string Evidence(const StoryDecision& d, bool duplicate) {
  if (duplicate && !d.nearest.empty()) return "near-duplicate of article " + d.nearest;
  if (d.started) return "started the story (no story close enough)";
  char buf[160];
  std::snprintf(buf, sizeof buf, "score %.2f (words %.2f, names %.2f, places %.2f, events %.2f)",
                d.score, d.words, d.names, d.places, d.events);
  std::string out = buf;
  if (!d.shared_names.empty()) out += "; names: " + Join(d.shared_names);
  if (!d.shared_places.empty()) out += "; places: " + Join(d.shared_places);
  if (!d.shared_words.empty()) out += "; words: " + Join(d.shared_words);
  if (!d.shared_events.empty()) out += "; events: " + Join(d.shared_events);
  if (d.days_apart >= 0) out += "; " + std::to_string(d.days_apart) + " days from the story";
  if (!d.nearest.empty()) out += "; nearest article " + d.nearest;
  return out;
}

// The user's splits, in the order they were made.
Status ApplySplits(Store& store, EventClusterer* clusterer, StoryRebuildStats* stats) {
  auto splits = store.Splits();
  if (!splits.ok()) return splits.status();
  for (std::size_t n = 0; n < splits->size(); ++n) {
    const std::vector<std::int64_t>& ids = (*splits)[n];
    std::vector<std::string> keys;
    std::optional<ClusterId> cluster;
    bool same = true;
    for (std::int64_t id : ids) {
      keys.push_back(std::to_string(id));
      std::optional<ClusterId> c = clusterer->ClusterOf(keys.back());
      if (!c || (cluster && *c != *cluster)) same = false;
      if (c && !cluster) cluster = c;
    }
    Result<ClusterId> moved =
        same && cluster
            ? clusterer->Split(*cluster, keys)
            : Result<ClusterId>(InvalidArgument("its events are no longer in one cluster"));
    if (moved.ok()) {
      ++stats->splits;
    } else {
      ++stats->stale_splits;
      stats->errors.push_back(
          Status(moved.status().code(),
                 "split " + std::to_string(n + 1) + " not applied: " + moved.status().message()));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<StoryRebuildStats> RebuildStories(Store& store) {
  return RebuildStories(store, DuplicateOptions{}, ClusterOptions{});
}

Result<StoryRebuildStats> RebuildStories(Store& store, const DuplicateOptions& duplicate_options,
                                         const ClusterOptions& cluster_options) {
  Result<IdfTable> idf = IdfTable::Load(IdfTable::DefaultPath());
  if (!idf.ok()) return idf.status();
  return RebuildStories(store, duplicate_options, cluster_options, StoryOptions{}, *idf);
}

Result<StoryRebuildStats> RebuildStories(Store& store, const DuplicateOptions& duplicate_options,
                                         const ClusterOptions& cluster_options,
                                         const StoryOptions& story_options, const IdfTable& idf) {
  DuplicateIndex index(duplicate_options);
  EventClusterer clusterer(cluster_options);
  CapitalisedPhraseNames names;
  ArticleStoryClusterer stories_of_articles(idf, names, story_options);
  StoryRebuildStats stats;
  std::vector<std::pair<std::int64_t, std::int64_t>> duplicates;  // (copy, original)
  std::map<StoryId, std::vector<StoryLinkRecord>> links;

  // One thread, store order: the same store always gives the same decisions.
  std::string key, event_key;
  Status failed = Status::Ok();
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
    Result<StoryDecision> decision = stories_of_articles.Add(MakeStoryArticle(a, duplicate_of));
    if (!decision.ok()) {
      ++stats.skipped_articles;
      stats.errors.push_back(Status(
          decision.status().code(),
          "article " + a.article.id + " (store id " + key + "): " + decision.status().message()));
    } else {
      links[decision->story].push_back(
          {a.article_id, decision->started ? 0 : ParseId(decision->nearest), decision->score,
           Evidence(*decision, !duplicate_of.empty())});
    }
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
  DYAD_RETURN_IF_ERROR(ApplySplits(store, &clusterer, &stats));

  // Stories are the article-level stories; an event cluster belongs to the
  // story of its first mention's article.
  std::vector<StoryRecord> stories;
  for (StoryId sid = 1; sid <= stories_of_articles.story_count(); ++sid) {
    const ArticleStory* story = stories_of_articles.story(sid);
    if (!story) continue;
    StoryRecord rec;
    rec.id = static_cast<std::int64_t>(sid);
    rec.label = story->label;
    for (const std::string& k : story->articles) rec.article_ids.push_back(ParseId(k));
    std::sort(rec.article_ids.begin(), rec.article_ids.end());
    rec.links = std::move(links[sid]);
    stories.push_back(std::move(rec));
  }

  std::vector<ClusterRecord> clusters;
  clusters.reserve(clusterer.cluster_count());
  for (ClusterId cid = 1; cid <= clusterer.cluster_count(); ++cid) {
    const dyad::EventCluster* c = clusterer.cluster(cid);
    if (!c || c->mentions.empty()) continue;
    ClusterRecord rec;
    rec.id = static_cast<std::int64_t>(cid);
    std::optional<StoryId> sid = stories_of_articles.StoryOf(c->mentions.front().article_id);
    rec.story_id = sid ? static_cast<std::int64_t>(*sid) : 0;
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
