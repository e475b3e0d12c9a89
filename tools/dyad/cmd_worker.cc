// `dyad worker --redis URI --db URI`: join the consumer group, code what it
// reads, write it to the store in batches, acknowledge after the commit.
// `dyad worker --status --redis URI`: lag, pending, dead letters, workers.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "dyad/pipeline.h"
#include "dyad/queue.h"
#include "dyad/store.h"

namespace dyad::cli {
namespace {

struct WorkerArgs {
  std::string redis = "redis://127.0.0.1:6379";
  std::string stream = "dyad:articles";
  std::string group = "dyad";
  std::string db;
  std::string name;
  std::vector<std::string> dicts;
  bool no_tagger = false;
  bool strict = false;
  unsigned threads = 1;
  std::size_t batch = 64;
  double claim_after = 60;
  std::int64_t max_deliveries = 5;
  std::size_t max_message_bytes = kDefaultMaxMessageBytes;
  double exit_when_idle = 0;
  double stories_every = 60;
  bool delete_acked = false;
  bool quiet = false;
  bool status = false;
  bool json = false;
  std::size_t dead = 5;
};

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop = true; }

std::string DefaultName() {
  char host[256] = "worker";
  gethostname(host, sizeof host - 1);
  host[sizeof host - 1] = '\0';
  return std::string(host) + "-" + std::to_string(getpid());
}

std::string Ago(std::int64_t unix_ms) {
  if (unix_ms <= 0) return "never";
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const double s = static_cast<double>(now - unix_ms) / 1000.0;
  char buf[32];
  if (s < 120) {
    std::snprintf(buf, sizeof buf, "%.0f s ago", std::max(0.0, s));
  } else if (s < 7200) {
    std::snprintf(buf, sizeof buf, "%.0f min ago", s / 60);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f h ago", s / 3600);
  }
  return buf;
}

// One worker's row of `--status`: its totals, and what it is doing.
void PrintWorkerLine(const WorkerReport& w) {
  std::string state = w.state;
  if (w.running && w.state == kWorkerWaitingForStore && w.waiting_since_ms > 0) {
    state += " since " + Ago(w.waiting_since_ms);
  }
  std::string seen = state + ", " + Ago(w.last_seen_ms);
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (w.running && now - w.last_seen_ms > 15000) seen += " (not reporting: killed?)";
  if (w.runs > 1) seen += ", " + std::to_string(w.runs) + " runs";
  if (w.losses > 0) seen += ", saw the stream vanish";
  char rate[16] = "       -";  // no rate while blocked: it would be the one before
  if (w.state != kWorkerWaitingForStore) std::snprintf(rate, sizeof rate, "%8.1f", w.rate);
  std::printf("  %-28s %9lld %9lld %9lld %6lld %8lld %s %8.1f  %s\n", w.name.c_str(),
              static_cast<long long>(w.articles), static_cast<long long>(w.duplicates),
              static_cast<long long>(w.events), static_cast<long long>(w.dead),
              static_cast<long long>(w.claimed), rate, w.average_rate, seen.c_str());
}

RedisQueueOptions QueueOptions(const WorkerArgs& args) {
  RedisQueueOptions qo;
  qo.uri = args.redis;
  qo.stream = args.stream;
  qo.group = args.group;
  qo.delete_acked = args.delete_acked;
  qo.stop = &g_stop;
  return qo;
}

int RunStatus(const WorkerArgs& args) {
  RedisQueueOptions qo = QueueOptions(args);
  qo.retry_for_ms = 3000;
  auto queue = OpenRedisQueue(qo);
  if (!queue.ok()) {
    PrintError(queue.status().ToString());
    return kExitFailure;
  }
  auto st = (*queue)->GetStatus();
  if (!st.ok()) {
    PrintError(st.status().ToString());
    return kExitFailure;
  }
  auto dead = (*queue)->DeadLetters(args.dead);
  if (!dead.ok()) {
    PrintError(dead.status().ToString());
    return kExitFailure;
  }
  // Entries in the stream that are not pending: an upper bound of the lag
  // (acknowledged entries still count), exact with --delete-acked.
  const std::int64_t lag_at_most = std::max<std::int64_t>(0, st->length - st->pending);
  if (args.json) {
    nlohmann::json j = {{"stream", st->stream},
                        {"group", st->group},
                        {"length", st->length},
                        {"lag", st->lag},
                        {"lag_at_most", lag_at_most},
                        {"pending", st->pending},
                        {"dead_letters", st->dead_letters},
                        {"consumers", st->consumers},
                        {"losses", st->losses}};
    if (st->losses > 0) {
      j["last_loss"] = {{"time_ms", st->last_loss_ms}, {"message", st->last_loss}};
    }
    j["workers"] = nlohmann::json::array();
    for (const WorkerReport& w : st->workers) {
      j["workers"].push_back(nlohmann::json::parse(WorkerReportJson(w, true)));
    }
    j["recent_dead_letters"] = nlohmann::json::array();
    for (const DeadLetterRecord& d : *dead) {
      j["recent_dead_letters"].push_back({{"id", d.original_id},
                                          {"reason", d.reason},
                                          {"error", d.error},
                                          {"consumer", d.consumer},
                                          {"deliveries", d.deliveries},
                                          {"bytes", d.bytes}});
    }
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return kExitOk;
  }
  std::printf("stream %s (group %s) on %s\n", st->stream.c_str(), st->group.c_str(),
              args.redis.c_str());
  const std::string lag = st->lag >= 0 ? std::to_string(st->lag)
                                       : "unknown (at most " + std::to_string(lag_at_most) + ")";
  std::printf("  entries %lld   lag %s   pending %lld   dead letters %lld   consumers %lld\n",
              static_cast<long long>(st->length), lag.c_str(), static_cast<long long>(st->pending),
              static_cast<long long>(st->dead_letters), static_cast<long long>(st->consumers));
  if (st->losses > 0) {
    std::printf(
        "  WARNING: the stream or its group vanished %lld time(s), last %s: %s\n"
        "  (Redis restarted without persistence? Run it with appendonly yes.)\n",
        static_cast<long long>(st->losses), Ago(st->last_loss_ms).c_str(), st->last_loss.c_str());
  }
  if (!st->workers.empty()) {
    std::printf("\n  %-28s %9s %9s %9s %6s %8s %8s %8s  %s\n", "worker", "articles", "duplicate",
                "events", "dead", "claimed", "rate/s", "avg/s", "state, last seen");
    for (const WorkerReport& w : st->workers) PrintWorkerLine(w);
  }
  if (!dead->empty()) {
    std::printf("\n  newest dead letters:\n");
    for (const DeadLetterRecord& d : *dead) {
      std::printf("  %s  %-15s %s\n", d.original_id.c_str(), d.reason.c_str(), d.error.c_str());
    }
  }
  std::fflush(stdout);
  return kExitOk;
}

int RunWorkerCommand(const WorkerArgs& args) {
  if (args.status) return RunStatus(args);
  if (args.db.empty()) {
    PrintError("worker: --db is required (a store: file path, sqlite:PATH or postgresql://...)");
    return kExitUsage;
  }
  struct sigaction sa = {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  const std::string name = args.name.empty() ? DefaultName() : args.name;
  DiagnosticSink log;
  if (!args.quiet) {
    log = [name](const Diagnostic& d) {
      std::time_t now = std::time(nullptr);
      char ts[32];
      std::strftime(ts, sizeof ts, "%H:%M:%S", std::gmtime(&now));
      std::fprintf(stderr, "dyad: worker %s %s: %s\n", name.c_str(), ts, d.message.c_str());
    };
  }
  RedisQueueOptions qo = QueueOptions(args);
  qo.log = log;
  auto queue = OpenRedisQueue(qo);
  if (!queue.ok()) {
    PrintError(queue.status().ToString());
    return kExitFailure;
  }
  auto store = Store::Open(args.db);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return kExitFailure;
  }
  PipelineOptions po;
  po.dictionaries = args.dicts;
  po.use_tagger = !args.no_tagger;
  po.strict_dictionaries = args.strict;
  auto pipeline = Pipeline::Create(po, [](const Diagnostic&) {});
  if (!pipeline.ok()) {
    PrintError(pipeline.status().ToString());
    return kExitFailure;
  }
  WorkerOptions wo;
  wo.name = name;
  wo.threads = std::max(1u, args.threads);
  wo.batch = args.batch;
  wo.claim_after_ms = static_cast<int>(args.claim_after * 1000);
  wo.max_deliveries = args.max_deliveries;
  wo.max_message_bytes = args.max_message_bytes;
  wo.exit_when_idle_s = args.exit_when_idle;
  wo.stories_every_s = args.stories_every;
  wo.store_uri = args.db;
  wo.reopen_store = [db = args.db] { return Store::Open(db); };
  wo.log = log;
  const auto start = std::chrono::steady_clock::now();
  auto stats = RunWorker(**queue, **store, **pipeline, wo, g_stop);
  if (!stats.ok()) {
    PrintError(stats.status().ToString());
    return kExitFailure;
  }
  const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const WorkerReport& r = stats->report;
  const long long done = r.articles + r.duplicates + r.dead;
  std::printf(
      "dyad: worker %s: %lld messages (%lld new articles, %lld duplicate, %lld dead letters), "
      "%lld events, %lld claimed, %lld failed batches, %lld story rebuilds in %.1f s "
      "(%.1f articles/s)\n",
      name.c_str(), done, static_cast<long long>(r.articles), static_cast<long long>(r.duplicates),
      static_cast<long long>(r.dead), static_cast<long long>(r.events),
      static_cast<long long>(r.claimed), static_cast<long long>(stats->failed_batches),
      static_cast<long long>(stats->story_rebuilds), t,
      t > 0 ? static_cast<double>(done) / t : 0.0);
  std::fflush(stdout);
  if (r.losses > 0) {
    PrintError("worker " + name + ": the stream '" + args.stream + "' or its group vanished " +
               std::to_string(r.losses) +
               " time(s) during the run (Redis restarted without persistence?): it was not "
               "drained; messages it held are lost and must be enqueued again");
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void RegisterWorker(CLI::App& app, Runner* run) {
  auto args = std::make_shared<WorkerArgs>();
  CLI::App* cmd = app.add_subcommand(
      "worker", "Code articles from a Redis stream into a shared store (or --status)");
  cmd->add_option("--redis", args->redis, "Redis server: redis://[:password@]host[:port][/db]")
      ->capture_default_str();
  cmd->footer(
      "Run Redis with persistence (appendonly yes): a restart without it loses the stream; the "
      "workers then warn (log, --status) and, with --exit-when-idle, exit 1 instead of "
      "reporting it drained.");
  cmd->add_option("--stream", args->stream, "Stream name")->capture_default_str();
  cmd->add_option("--group", args->group, "Consumer group")->capture_default_str();
  cmd->add_option("--db", args->db, "Store: postgresql://..., a file path or sqlite:PATH");
  cmd->add_option("--name", args->name, "Consumer name, unique per worker (default: host-pid)");
  cmd->add_option("--dict", args->dicts,
                  "Dictionary files or folders (TABARI/PETRARCH), layered in order");
  cmd->add_flag("--no-tagger", args->no_tagger, "Do not use the part-of-speech tagger");
  cmd->add_flag("--strict-dict", args->strict, "Treat dictionary warnings as errors");
  cmd->add_option("-j,--threads", args->threads, "Coding threads")->capture_default_str();
  cmd->add_option("--batch", args->batch, "Messages per read and per store transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--claim-after", args->claim_after,
                  "Seconds after which another worker's unacknowledged messages are taken over")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 86400.0));
  cmd->add_option("--max-deliveries", args->max_deliveries,
                  "Deliveries after which a message goes to the dead-letter stream")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-message-bytes", args->max_message_bytes,
                  "Larger messages go to the dead-letter stream")
      ->capture_default_str();
  cmd->add_option("--exit-when-idle", args->exit_when_idle,
                  "Exit after this many seconds with the stream drained (0: run until stopped)")
      ->capture_default_str();
  cmd->add_option("--stories-every", args->stories_every,
                  "Rebuild stories at most this often (seconds; one worker at a time; 0: never)")
      ->capture_default_str();
  cmd->add_flag("--delete-acked", args->delete_acked,
                "Delete acknowledged entries from the stream (bounded memory for endless feeds)");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not log progress and dead letters on stderr");
  cmd->add_flag("--status", args->status,
                "Print lag, pending, dead letters and per-worker rates, then exit");
  cmd->add_flag("--json", args->json, "With --status: one JSON object");
  cmd->add_option("--dead", args->dead, "With --status: how many recent dead letters to show")
      ->capture_default_str();
  cmd->callback([run, args] { *run = [args] { return RunWorkerCommand(*args); }; });
}

}  // namespace dyad::cli
