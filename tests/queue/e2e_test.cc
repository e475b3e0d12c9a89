// End to end through the CLI: `dyad enqueue`, three `dyad worker` processes
// on a real Redis and a shared store, compared with one `dyad ingest` of the
// same input; a worker killed with -9 and Redis restarted during the run; junk
// on the stream. Tests named *Slow* are labelled `slow` (scripts/sanitize.sh
// skips them; the release run keeps them).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "dyad/queue.h"
#include "dyad/store.h"
#include "queue_test_util.h"
#include "support/services.h"

namespace dyad {
namespace {

using testing::EventsByArticle;
using testing::OwnRedis;
using testing::PgDatabase;
using testing::RedisClient;
using testing::RunCli;
using testing::Slurp;
using testing::Spawn;
using testing::TempDir;
using testing::UniqueStream;

// Waits for `pid` at most `seconds`; kills it (-9) and returns -1 on timeout.
int WaitFor(pid_t pid, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    if (r < 0) return -1;
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

struct Worker {
  std::string name;
  pid_t pid = -1;
  std::string out, err;
};

class Fleet {
 public:
  Fleet(const TempDir& dir, std::string redis, std::string stream, std::string db)
      : dir_(dir), redis_(std::move(redis)), stream_(std::move(stream)), db_(std::move(db)) {}
  ~Fleet() {
    for (Worker& w : workers_) {
      if (w.pid > 0) {
        kill(w.pid, SIGKILL);
        waitpid(w.pid, nullptr, 0);
      }
    }
  }

  Worker& Start(const std::string& name, const std::vector<std::string>& extra = {}) {
    Worker w;
    w.name = name;
    w.out = dir_ / (name + ".out");
    w.err = dir_ / (name + ".err");
    std::vector<std::string> args = {
        DYAD_CLI, "worker", "--redis",       redis_, "--stream",         stream_, "--db", db_,
        "--name", name,     "--claim-after", "2",    "--exit-when-idle", "1.5"};
    args.insert(args.end(), extra.begin(), extra.end());
    if (std::find(extra.begin(), extra.end(), "--batch") == extra.end()) {
      args.insert(args.end(), {"--batch", "32"});
    }
    w.pid = Spawn(args, w.out, w.err);
    workers_.push_back(w);
    return workers_.back();
  }

  // Waits for every live worker; each must exit 0.
  void Finish(double seconds) {
    for (Worker& w : workers_) {
      if (w.pid <= 0) continue;
      int rc = WaitFor(w.pid, seconds);
      w.pid = -1;
      EXPECT_EQ(rc, 0) << w.name << " exited with " << rc << "\nstdout: " << Slurp(w.out)
                       << "\nstderr (end): " << Tail(Slurp(w.err));
    }
  }

  // A worker's published counters (the JSON in <stream>:workers), or null.
  nlohmann::json Report(const std::string& uri, const std::string& name) const {
    RedisClient c(uri);
    std::string s = c.Run({"HGET", stream_ + ":workers", name});
    auto j = nlohmann::json::parse(s, nullptr, false);
    return j.is_object() ? j : nlohmann::json();
  }

  static std::string Tail(const std::string& s) {
    return s.size() > 3000 ? s.substr(s.size() - 3000) : s;
  }

  std::vector<Worker>& workers() { return workers_; }

 private:
  const TempDir& dir_;
  std::string redis_, stream_, db_;
  std::vector<Worker> workers_;
};

// Runs `dyad ingest` of `input` into its own SQLite store: the reference.
std::map<std::string, std::size_t> SingleProcessIngest(const TempDir& dir,
                                                       const std::string& input) {
  std::string out, err;
  int rc = RunCli(
      {"ingest", input, "--db", dir / "single.db", "--no-stories", "--progress", "none", "-q"}, dir,
      &out, &err);
  EXPECT_EQ(rc, 0) << out << err;
  return EventsByArticle(dir / "single.db");
}

std::size_t TotalEvents(const std::map<std::string, std::size_t>& m) {
  std::size_t n = 0;
  for (const auto& [hash, events] : m) n += events;
  return n;
}

// Three workers against the shared Redis, with junk among the articles.
void RunThreeWorkers(int articles, double timeout_s) {
  DYAD_SERVICE_OR_SKIP(redis, "DYAD_TEST_REDIS");
  DYAD_SERVICE_OR_SKIP(pg, "DYAD_TEST_PG");
  TempDir dir;
  const std::string input = testing::ReutersSample(dir, articles);
  const std::string stream = UniqueStream("e2e");
  PgDatabase database(pg, "queue_e2e" + std::to_string(articles));
  const std::string db = database.uri();
  RedisClient c(redis);
  ASSERT_TRUE(c.ok());

  std::string out, err;
  ASSERT_EQ(RunCli({"enqueue", input, "--redis", redis, "--stream", stream}, dir, &out, &err), 0)
      << out << err;
  EXPECT_NE(out.find("enqueued " + std::to_string(articles) + " of " + std::to_string(articles)),
            std::string::npos)
      << out;
  // Junk another producer put there: not JSON, 2 MB, wrong field types.
  c.Run({"XADD", stream, "*", "article", "<html>not json</html>"});
  c.Run({"XADD", stream, "*", "article", "{\"body\":\"" + std::string(2u << 20, 'b') + "\"}"});
  c.Run({"XADD", stream, "*", "article", "{\"body\":[\"list\"],\"date\":\"1987-03-01\"}"});

  Fleet fleet(dir, redis, stream, db);
  const auto start = std::chrono::steady_clock::now();
  for (const char* name : {"w1", "w2", "w3"}) fleet.Start(name);
  fleet.Finish(timeout_s);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  auto expected = SingleProcessIngest(dir, input);
  auto got = EventsByArticle(db);
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_EQ(TotalEvents(got), TotalEvents(expected));
  EXPECT_TRUE(got == expected) << "per-article event counts differ";

  RedisQueueOptions qo;
  qo.uri = redis;
  qo.stream = stream;
  auto q = OpenRedisQueue(qo);
  ASSERT_TRUE(q.ok());
  auto st = (*q)->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pending, 0);
  EXPECT_EQ(st->lag, 0);
  EXPECT_EQ(st->dead_letters, 3);
  ASSERT_EQ(st->workers.size(), 3u);
  std::int64_t stored = 0, duplicates = 0;
  for (const WorkerReport& w : st->workers) {
    stored += w.articles;
    duplicates += w.duplicates;
    EXPECT_FALSE(w.running) << w.name;
  }
  EXPECT_EQ(stored, static_cast<std::int64_t>(expected.size()));
  // At least once: a batch slower than --claim-after can be claimed and coded
  // twice (then found stored: a duplicate), never lost.
  EXPECT_GE(stored + duplicates, articles);
  auto dead = (*q)->DeadLetters(10);
  ASSERT_TRUE(dead.ok());
  std::map<std::string, int> reasons;
  for (const DeadLetterRecord& d : *dead) ++reasons[d.reason];
  EXPECT_EQ(reasons["not_json"], 1);
  EXPECT_EQ(reasons["too_large"], 1);
  EXPECT_EQ(reasons["bad_fields"], 1);

  // --status prints the same picture.
  ASSERT_EQ(RunCli({"worker", "--status", "--redis", redis, "--stream", stream}, dir, &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("pending 0"), std::string::npos) << out;
  EXPECT_NE(out.find("dead letters 3"), std::string::npos) << out;
  EXPECT_NE(out.find("w3"), std::string::npos) << out;
  EXPECT_NE(out.find("too_large"), std::string::npos) << out;
  std::printf("[ e2e ] %d articles, 3 workers: %.1f s wall, %zu stored, %zu events\n", articles,
              wall, got.size(), TotalEvents(got));
  c.Run({"DEL", stream, stream + ":dead", stream + ":workers"});
}

TEST(EndToEnd, ThreeWorkersStoreEveryArticleOnceLikeIngest) { RunThreeWorkers(400, 120); }

TEST(EndToEnd, Slow_ThreeWorkers5000Articles) { RunThreeWorkers(5000, 600); }

// kill -9 one worker after it has stored some articles, restart Redis once,
// start a replacement: nothing lost, nothing twice, same events as ingest.
void RunFault(int articles, double timeout_s) {
  DYAD_SERVICE_OR_SKIP(pg, "DYAD_TEST_PG");
  TempDir dir;
  OwnRedis redis(dir.path());
  ASSERT_TRUE(redis.running());
  const std::string input = testing::ReutersSample(dir, articles);
  const std::string stream = "fault";
  PgDatabase database(pg, "queue_fault" + std::to_string(articles));
  const std::string db = database.uri();
  std::string out, err;
  ASSERT_EQ(RunCli({"enqueue", input, "--redis", redis.uri(), "--stream", stream}, dir, &out, &err),
            0)
      << out << err;

  Fleet fleet(dir, redis.uri(), stream, db);
  // Small batches and one thread each: w1 is mid-batch most of the time.
  const std::vector<std::string> slow = {"--batch", "8", "-j", "1"};
  Worker victim = fleet.Start("w1", slow);
  fleet.Start("w2", slow);
  fleet.Start("w3", slow);

  // Wait until w1 has committed and acknowledged something.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::int64_t w1_articles = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    nlohmann::json r = fleet.Report(redis.uri(), "w1");
    if (r.is_object() && r.value("batches", 0) > 0) {
      w1_articles = r.value("articles", 0) + r.value("duplicates", 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GT(w1_articles, 0) << "w1 never committed a batch: " << Slurp(victim.err);
  ASSERT_EQ(kill(victim.pid, SIGKILL), 0);
  ASSERT_EQ(WaitFor(victim.pid, 10), 128 + SIGKILL);
  for (Worker& w : fleet.workers()) {
    if (w.name == "w1") w.pid = -1;
  }
  // w1's unacknowledged messages: the others must claim them.
  RedisClient before(redis.uri());
  const int w1_pending =
      std::stoi(before.Run({"XPENDING", stream, "dyad", "-", "+", "1000", "w1"}));

  // Redis goes away and comes back (its append-only file keeps the stream,
  // the group and the pending lists); the workers reconnect.
  redis.Restart();
  ASSERT_TRUE(redis.running());
  fleet.Start("w4", slow);  // the replacement
  fleet.Finish(timeout_s);

  auto expected = SingleProcessIngest(dir, input);
  auto got = EventsByArticle(db);
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_EQ(TotalEvents(got), TotalEvents(expected));
  EXPECT_TRUE(got == expected) << "per-article event counts differ";

  RedisQueueOptions qo;
  qo.uri = redis.uri();
  qo.stream = stream;
  auto q = OpenRedisQueue(qo);
  ASSERT_TRUE(q.ok());
  auto st = (*q)->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->length, articles);
  EXPECT_EQ(st->pending, 0);
  EXPECT_EQ(st->lag, 0);
  EXPECT_EQ(st->dead_letters, 0);
  std::int64_t stored = 0, claimed = 0;
  for (const WorkerReport& w : st->workers) {
    stored += w.articles;
    if (w.name != "w1") claimed += w.claimed;
  }
  // w1's last report may be behind what it committed before dying.
  EXPECT_GE(stored, static_cast<std::int64_t>(expected.size()) - 64);
  EXPECT_GE(claimed, w1_pending);
  bool reconnected = false;
  for (const Worker& w : fleet.workers()) {
    reconnected |= Slurp(w.err).find("reconnected") != std::string::npos;
  }
  EXPECT_TRUE(reconnected) << "no worker saw the restart";
  std::printf("[ fault ] %d articles: w1 killed after %lld, %d in flight, %lld claimed\n", articles,
              static_cast<long long>(w1_articles), w1_pending, static_cast<long long>(claimed));
}

TEST(Fault, KillAWorkerAndRestartRedis) { RunFault(1500, 180); }

// Issue 22, 2: Redis restarted without persistence while a worker runs: the
// stream comes back empty. The worker must not call that drained and exit 0
// (before: it recreated the group, found nothing and exited 0 with all zeros
// in --status); it warns, --status shows the loss, and it exits 1.
TEST(Fault, RedisRestartedWithoutPersistenceIsALossNotADrain) {
  DYAD_SERVICE_OR_SKIP(pg, "DYAD_TEST_PG");
  TempDir dir;
  OwnRedis redis(dir.path(), /*persistent=*/false);
  ASSERT_TRUE(redis.running());
  const std::string input = testing::ReutersSample(dir, 1500);
  const std::string stream = "vanish";
  PgDatabase database(pg, "queue_vanish");
  std::string out, err;
  ASSERT_EQ(RunCli({"enqueue", input, "--redis", redis.uri(), "--stream", stream}, dir, &out, &err),
            0)
      << out << err;
  Fleet fleet(dir, redis.uri(), stream, database.uri());
  Worker w = fleet.Start("w1", {"--batch", "8", "-j", "1"});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::int64_t batches = 0;
  while (std::chrono::steady_clock::now() < deadline && batches == 0) {
    nlohmann::json r = fleet.Report(redis.uri(), "w1");
    if (r.is_object()) batches = r.value("batches", 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GT(batches, 0) << "w1 never committed a batch: " << Slurp(w.err);
  redis.Restart();  // an empty server: stream, group, pending lists and counters gone

  const int rc = WaitFor(w.pid, 60);
  fleet.workers().back().pid = -1;
  const std::string log = Slurp(w.err);
  EXPECT_EQ(rc, 1) << Fleet::Tail(log);
  EXPECT_NE(log.find("WARNING: stream 'vanish' vanished"), std::string::npos) << Fleet::Tail(log);
  EXPECT_EQ(log.find("drained: nothing to read"), std::string::npos) << Fleet::Tail(log);
  EXPECT_NE(log.find("it was not drained"), std::string::npos) << Fleet::Tail(log);
  ASSERT_EQ(
      RunCli({"worker", "--status", "--redis", redis.uri(), "--stream", stream}, dir, &out, &err),
      0)
      << err;
  EXPECT_NE(out.find("WARNING: the stream or its group vanished 1 time(s)"), std::string::npos)
      << out;
  ASSERT_EQ(RunCli({"worker", "--status", "--json", "--redis", redis.uri(), "--stream", stream},
                   dir, &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << out;
  EXPECT_EQ(j["losses"], 1);
  ASSERT_EQ(j["workers"].size(), 1u);
  EXPECT_EQ(j["workers"][0]["losses"], 1);
  std::printf("[ fault ] Redis restarted without persistence after %lld batches: exit %d\n",
              static_cast<long long>(batches), rc);
}

}  // namespace
}  // namespace dyad
