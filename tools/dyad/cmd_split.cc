// `dyad split`: a user disagrees with a merge and moves mentions out of their
// event cluster. The decision is kept in the store and survives every story
// rebuild.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "dyad/store.h"

namespace dyad::cli {
namespace {

struct SplitArgs {
  std::string db = "dyad.db";
  std::vector<std::int64_t> events;
  std::string note;
};

int RunSplit(const SplitArgs& args) {
  auto opened = Store::Open(args.db);
  if (!opened.ok()) {
    PrintError(opened.status().ToString());
    return kExitFailure;
  }
  Store& store = **opened;
  // Every event must exist and sit in one cluster with other mentions left over.
  std::map<std::int64_t, StoredCluster> cluster_of;
  for (std::int64_t id : args.events) {
    EventFilter f;
    f.event_id = id;
    Status s = store.Query(f, [&](const StoredEvent& e) {
      cluster_of[id] = e.cluster;
      return false;
    });
    if (!s.ok()) {
      PrintError(s.ToString());
      return kExitFailure;
    }
    if (!cluster_of.count(id)) {
      PrintError("event " + std::to_string(id) + ": no such event in " + args.db);
      return kExitFailure;
    }
    if (cluster_of[id].cluster_id == 0) {
      PrintError("event " + std::to_string(id) +
                 ": not in any cluster (run `dyad ingest` to build the stories first)");
      return kExitFailure;
    }
  }
  const StoredCluster& first = cluster_of[args.events.front()];
  for (const auto& [id, c] : cluster_of) {
    if (c.cluster_id != first.cluster_id) {
      PrintError("events " + std::to_string(args.events.front()) + " and " + std::to_string(id) +
                 " are in different clusters (" + std::to_string(first.cluster_id) + " and " +
                 std::to_string(c.cluster_id) + "); split one cluster at a time");
      return kExitFailure;
    }
  }
  if (static_cast<std::size_t>(first.num_mentions) <= cluster_of.size()) {
    PrintError("cluster " + std::to_string(first.cluster_id) + " has " +
               std::to_string(first.num_mentions) +
               " mentions: splitting all of them out leaves nothing to split from");
    return kExitFailure;
  }
  auto split = store.AddSplit(args.events, args.note);
  if (!split.ok()) {
    PrintError(split.status().ToString());
    return kExitFailure;
  }
  auto stats = RebuildStories(store);
  if (!stats.ok()) {
    PrintError(stats.status().ToString());
    return kExitFailure;
  }
  for (const Status& e : stats->errors)
    std::fprintf(stderr, "dyad: warning: %s\n", e.message().c_str());
  EventFilter f;
  f.event_id = args.events.front();
  StoredCluster now;
  (void)store.Query(f, [&](const StoredEvent& e) {
    now = e.cluster;
    return false;
  });
  std::printf(
      "split %lld: %zu event(s) moved out of cluster %lld into cluster %lld (%d mention(s))"
      "; %zu stories, %zu clusters, %zu splits applied\n",
      static_cast<long long>(*split), cluster_of.size(), static_cast<long long>(first.cluster_id),
      static_cast<long long>(now.cluster_id), now.num_mentions, stats->stories, stats->clusters,
      stats->splits);
  return kExitOk;
}

}  // namespace

void RegisterSplit(CLI::App& app, Runner* run) {
  auto args = std::make_shared<SplitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "split", "Move events out of their event cluster (kept in the store across rebuilds)");
  cmd->add_option("--db", args->db, "Store: a file path, sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cmd->add_option("events", args->events, "Store ids of the events to move (dyad query --json)")
      ->required();
  cmd->add_option("--note", args->note, "Why (kept with the split)");
  cmd->callback([run, args] { *run = [args] { return RunSplit(*args); }; });
}

}  // namespace dyad::cli
