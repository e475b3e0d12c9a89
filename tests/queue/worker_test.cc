// RunWorker in process: real Redis (DYAD_TEST_REDIS), the real Pipeline and an
// SQLite store; bad messages, redeliveries, the story lock.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "dyad/pipeline.h"
#include "dyad/queue.h"
#include "dyad/store.h"
#include "queue_test_util.h"
#include "support/services.h"

namespace dyad {
namespace {

using testing::PgDatabase;
using testing::RedisClient;
using testing::TempDir;
using testing::UniqueStream;

const Pipeline& SharedPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    auto r = Pipeline::Create(PipelineOptions{});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : nullptr;
  }();
  return *p;
}

// The first n Reuters articles as messages.
std::vector<std::string> ReutersMessages(int n) {
  TempDir dir;
  const std::string path = testing::ReutersSample(dir, n);
  auto reader = OpenArticleReader(path, ReadOptions{});
  EXPECT_TRUE(reader.ok());
  std::vector<std::string> out;
  Article a;
  while (reader.ok()) {
    a = Article{};
    auto more = (*reader)->Next(&a);
    if (!more.ok() || !*more) break;
    out.push_back(ArticleToMessage(a));
  }
  return out;
}

class WorkerTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (uri_.empty()) return;
    RedisClient c(uri_);
    c.Run({"DEL", stream_, stream_ + ":dead", stream_ + ":workers", stream_ + ":lost"});
  }
  std::unique_ptr<Queue> Open(const std::string& uri, const std::string& name) {
    uri_ = uri;
    stream_ = UniqueStream(name);
    RedisQueueOptions o;
    o.uri = uri;
    o.stream = stream_;
    auto q = OpenRedisQueue(o);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    return q.ok() ? std::move(*q) : nullptr;
  }
  WorkerOptions Options(const std::string& name) {
    WorkerOptions w;
    w.name = name;
    w.threads = 2;
    w.batch = 16;
    w.block_ms = 100;
    w.claim_after_ms = 500;
    w.exit_when_idle_s = 0.3;
    w.stories_every_s = 0;
    w.log = [this](const Diagnostic& d) { log_.push_back(d.ToString()); };
    return w;
  }
  std::string uri_, stream_;
  std::vector<std::string> log_;
};

TEST_F(WorkerTest, BadMessagesGoToTheDeadLetterStreamAndGoodOnesAreStored) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "bad");
  ASSERT_TRUE(q);
  TempDir dir;
  auto store = Store::Open(dir / "w.db");
  ASSERT_TRUE(store.ok()) << store.status().ToString();

  std::vector<std::string> good = ReutersMessages(40);
  ASSERT_EQ(good.size(), 40u);
  RedisClient c(uri);
  // Junk between good messages, XADDed raw as another producer would.
  const std::map<std::string, std::string> junk = {
      {"not json at all", "not_json"},
      {"{\"body\": \"" + std::string(2u << 20, 'x') + "\"}", "too_large"},
      {"{\"body\": 17, \"title\": \"wrong type\"}", "bad_fields"},
      {"{\"title\": \"missing body\", \"date\": \"1987-02-26\"}", "bad_fields"},
      {"{\"body\": \"Iran condemned Israel.\", \"date\": \"yesterday\"}", "bad_fields"},
  };
  ASSERT_TRUE(q->Enqueue(std::span(good).first(20)).ok());
  std::set<std::string> junk_ids;
  for (const auto& [payload, reason] : junk) {
    std::string id = c.Run({"XADD", stream_, "*", "article", payload});
    ASSERT_NE(id.find('-'), std::string::npos) << id;
    junk_ids.insert(id);
  }
  std::string no_field = c.Run({"XADD", stream_, "*", "text", "a field the worker ignores"});
  junk_ids.insert(no_field);
  ASSERT_TRUE(q->Enqueue(std::span(good).subspan(20)).ok());

  std::atomic<bool> stop{false};
  auto stats = RunWorker(*q, **store, SharedPipeline(), Options("w1"), stop);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->report.dead, 6);
  EXPECT_EQ(stats->report.articles + stats->report.duplicates, 40);

  auto dead = q->DeadLetters(100);
  ASSERT_TRUE(dead.ok());
  ASSERT_EQ(dead->size(), 6u);
  std::map<std::string, std::string> reasons;
  for (const DeadLetterRecord& d : *dead) {
    EXPECT_TRUE(junk_ids.count(d.original_id)) << d.original_id;
    EXPECT_FALSE(d.error.empty());
    EXPECT_NE(d.error.find(d.original_id), std::string::npos) << d.error;  // names the message
    EXPECT_EQ(d.consumer, "w1");
    reasons[d.original.substr(0, 40)] = d.reason;
  }
  for (const auto& [payload, reason] : junk) {
    EXPECT_EQ(reasons[payload.substr(0, 40)], reason) << payload.substr(0, 40);
  }
  EXPECT_EQ(reasons["a field the worker ignores"], "");  // no `article`: original is empty
  bool no_article = false;
  for (const DeadLetterRecord& d : *dead) no_article |= d.reason == "no_article";
  EXPECT_TRUE(no_article);

  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pending, 0);
  EXPECT_EQ(st->lag, 0);
  EXPECT_EQ(st->dead_letters, 6);
  ASSERT_EQ(st->workers.size(), 1u);
  EXPECT_FALSE(st->workers[0].running);
  EXPECT_EQ(st->workers[0].dead, 6);

  // The same articles as a direct write would store.
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, stats->report.articles);
  EXPECT_EQ(counts->events, stats->report.events);
}

TEST_F(WorkerTest, RedeliveredArticlesAreStoredOnce) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "redeliver");
  ASSERT_TRUE(q);
  TempDir dir;
  auto store = Store::Open(dir / "w.db");
  ASSERT_TRUE(store.ok());
  std::vector<std::string> msgs = ReutersMessages(30);
  ASSERT_TRUE(q->Enqueue(msgs).ok());
  // The same 30 again (a producer that retried), and a consumer that read ten
  // and died.
  ASSERT_TRUE(q->Enqueue(msgs).ok());
  auto lost = q->Read("died", 10, 0);
  ASSERT_TRUE(lost.ok());
  ASSERT_EQ(lost->size(), 10u);

  std::atomic<bool> stop{false};
  WorkerOptions o = Options("w");
  o.exit_when_idle_s = 0.2;
  auto stats = RunWorker(*q, **store, SharedPipeline(), o, stop);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->report.claimed, 10);  // the dead consumer's messages, after claim_after
  EXPECT_EQ(stats->report.articles + stats->report.duplicates + stats->report.dead, 60);
  EXPECT_EQ(stats->report.dead, 0);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, stats->report.articles);
  EXPECT_LE(counts->articles, 30);
  EXPECT_GE(stats->report.duplicates, 30);
  auto by_article = testing::EventsByArticle(dir / "w.db");  // fails on a double
  EXPECT_EQ(static_cast<std::int64_t>(by_article.size()), counts->articles);
}

TEST_F(WorkerTest, ARestartedWorkerTakesItsOwnMessagesBackAtOnce) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "own");
  ASSERT_TRUE(q);
  TempDir dir;
  auto store = Store::Open(dir / "w.db");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(q->Enqueue(ReutersMessages(12)).ok());
  ASSERT_EQ(q->Read("host-1", 5, 0)->size(), 5u);  // then it died
  auto own = q->ReadPending("host-1", 100);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  ASSERT_EQ(own->size(), 5u);
  EXPECT_EQ((*own)[0].deliveries, 2);
  EXPECT_TRUE(q->ReadPending("host-2", 100)->empty());

  std::atomic<bool> stop{false};
  WorkerOptions o = Options("host-1");
  o.claim_after_ms = 600000;  // no claiming: its own pending list comes first
  auto stats = RunWorker(*q, **store, SharedPipeline(), o, stop);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->report.claimed, 0);
  EXPECT_EQ(stats->report.articles + stats->report.duplicates, 12);
  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pending, 0);
}

TEST_F(WorkerTest, ABatchTheStoreRefusesIsKeptAndWrittenAfterReopening) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "storedown");
  ASSERT_TRUE(q);
  TempDir dir;
  const std::string db = dir / "w.db";
  ASSERT_TRUE(Store::Open(db).ok());  // create it
  StoreOptions ro;
  ro.read_only = true;
  auto broken = Store::Open(db, ro);  // every Write fails: a database that went away
  ASSERT_TRUE(broken.ok()) << broken.status().ToString();
  ASSERT_TRUE(q->Enqueue(ReutersMessages(10)).ok());

  std::atomic<bool> stop{false};
  WorkerOptions o = Options("w");
  o.batch = 64;
  o.claim_after_ms = 500;  // shorter than the outage: touching keeps the batch
  int reopens = 0;
  o.reopen_store = [&]() -> Result<std::unique_ptr<Store>> {
    if (++reopens < 2) return IoError("still down");
    return Store::Open(db);
  };
  auto stats = RunWorker(*q, **broken, SharedPipeline(), o, stop);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(reopens, 2);
  EXPECT_GE(stats->failed_batches, 2);
  EXPECT_EQ(stats->report.dead, 0);
  EXPECT_EQ(stats->report.claimed, 0);
  EXPECT_EQ(stats->report.articles + stats->report.duplicates, 10);
  auto stored = testing::EventsByArticle(db);
  EXPECT_EQ(static_cast<std::int64_t>(stored.size()), stats->report.articles);
}

// Issue 22, 1 and 3: PostgreSQL unavailable for longer than claim_after while
// the worker holds two batches (one in the writer, the next read and coded).
// Every message it holds stays fresh, so another worker claims none of them
// (before: the next batch aged out, and with max_deliveries 1 its stored
// articles became dead letters); meanwhile it reports "waiting for the store"
// and no rate.
TEST_F(WorkerTest, AStoreOutageLongerThanClaimAfterLetsNobodyClaimWhatTheWorkerHolds) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  DYAD_SERVICE_OR_SKIP(pg, "DYAD_TEST_PG");
  auto q = Open(uri, "outage");
  ASSERT_TRUE(q);
  PgDatabase database(pg, "worker_outage");
  ASSERT_TRUE(Store::Open(database.uri()).ok());  // the schema
  auto store = Store::Open(database.uri());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE(q->Enqueue(ReutersMessages(64)).ok());
  database.Refuse();  // the worker's connection is cut, new ones refused

  WorkerOptions o = Options("w");
  o.batch = 16;
  o.claim_after_ms = 2000;
  o.max_deliveries = 1;
  o.store_retry_ms = 500;
  o.report_every_s = 0.2;
  o.reopen_store = [&] { return Store::Open(database.uri()); };
  std::atomic<bool> stop{false};
  Result<WorkerStats> stats = Internal("not run");
  std::thread worker([&] { stats = RunWorker(*q, **store, SharedPipeline(), o, stop); });

  // Another worker's view: every 200 ms it claims what has been idle for
  // claim_after. The outage lasts 3.5 times claim_after.
  RedisQueueOptions other;
  other.uri = uri;
  other.stream = stream_;
  auto thief = OpenRedisQueue(other);
  ASSERT_TRUE(thief.ok());
  std::vector<std::string> stolen;
  bool waiting_reported = false;
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(7000);
  while (std::chrono::steady_clock::now() < end) {
    auto claimed = (*thief)->Claim("other", o.claim_after_ms, 100);
    ASSERT_TRUE(claimed.ok()) << claimed.status().ToString();
    for (const QueueMessage& m : *claimed) stolen.push_back(m.id);
    auto st = (*thief)->GetStatus();
    ASSERT_TRUE(st.ok());
    for (const WorkerReport& w : st->workers) {
      if (w.state == kWorkerWaitingForStore && w.waiting_since_ms > 0 && w.rate == 0) {
        waiting_reported = true;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  TempDir dir;
  std::string out, err;
  EXPECT_EQ(
      testing::RunCli({"worker", "--status", "--redis", uri, "--stream", stream_}, dir, &out, &err),
      0)
      << err;
  database.Allow();
  worker.join();

  EXPECT_TRUE(stolen.empty()) << stolen.size() << " held messages were claimable, first "
                              << stolen.front();
  EXPECT_TRUE(waiting_reported) << "the worker never published 'waiting for the store'";
  EXPECT_NE(out.find("waiting for the store since"), std::string::npos) << out;
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->report.dead, 0);
  EXPECT_GE(stats->failed_batches, 1);
  EXPECT_EQ(stats->report.articles + stats->report.duplicates, 64);
  auto dead = q->DeadLetters(10);
  ASSERT_TRUE(dead.ok());
  EXPECT_TRUE(dead->empty()) << (*dead)[0].error;
  auto stored = testing::EventsByArticle(database.uri());
  EXPECT_EQ(static_cast<std::int64_t>(stored.size()), stats->report.articles);
}

// Issue 22, 3: a worker restarted under the same name (systemd, a pod) adds
// to the totals published under that name instead of overwriting them, so
// per-worker totals add up to what was stored.
TEST_F(WorkerTest, ARestartedWorkerAddsToTheTotalsOfItsName) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "totals");
  ASSERT_TRUE(q);
  TempDir dir;
  auto store = Store::Open(dir / "w.db");
  ASSERT_TRUE(store.ok());
  std::vector<std::string> msgs = ReutersMessages(30);
  ASSERT_TRUE(q->Enqueue(std::span(msgs).first(20)).ok());
  std::atomic<bool> stop{false};
  auto first = RunWorker(*q, **store, SharedPipeline(), Options("host-1"), stop);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(q->Enqueue(std::span(msgs).subspan(20)).ok());
  auto second = RunWorker(*q, **store, SharedPipeline(), Options("host-1"), stop);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->report.articles + second->report.duplicates, 10);  // this run's own

  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(st->workers.size(), 1u);
  const WorkerReport& w = st->workers[0];
  EXPECT_EQ(w.runs, 2);
  EXPECT_EQ(w.articles + w.duplicates, 30);
  EXPECT_EQ(w.batches, first->report.batches + second->report.batches);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(w.articles, counts->articles);
  EXPECT_EQ(w.events, counts->events);
  EXPECT_EQ(w.state, kWorkerStopped);
}

TEST_F(WorkerTest, MessagesDeliveredTooOftenAreDeadLettered) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "poison");
  ASSERT_TRUE(q);
  TempDir dir;
  auto store = Store::Open(dir / "w.db");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(q->Enqueue(ReutersMessages(2)).ok());
  // Two consumers in turn take the messages and die: three deliveries.
  ASSERT_EQ(q->Read("crash1", 10, 0)->size(), 2u);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  ASSERT_EQ(q->Claim("crash2", 10, 10)->size(), 2u);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));

  std::atomic<bool> stop{false};
  WorkerOptions o = Options("w");
  o.max_deliveries = 2;
  o.claim_after_ms = 10;
  auto stats = RunWorker(*q, **store, SharedPipeline(), o, stop);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->report.dead, 2);
  EXPECT_EQ(stats->report.articles, 0);
  auto dead = q->DeadLetters(10);
  ASSERT_TRUE(dead.ok());
  ASSERT_EQ(dead->size(), 2u);
  EXPECT_EQ((*dead)[0].reason, "max_deliveries");
  EXPECT_EQ((*dead)[0].deliveries, 3);
  EXPECT_NE((*dead)[0].error.find("3 times (limit 2)"), std::string::npos) << (*dead)[0].error;
}

TEST_F(WorkerTest, StopFlagEndsTheWorker) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "stop");
  ASSERT_TRUE(q);
  TempDir dir;
  auto store = Store::Open(dir / "w.db");
  ASSERT_TRUE(store.ok());
  std::atomic<bool> stop{false};
  WorkerOptions o = Options("w");
  o.exit_when_idle_s = 0;  // would run forever
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    stop = true;
  });
  auto stats = RunWorker(*q, **store, SharedPipeline(), o, stop);
  stopper.join();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->report.articles, 0);
}

TEST_F(WorkerTest, StoriesAreRebuiltUnderTheLock) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "stories");
  ASSERT_TRUE(q);
  TempDir dir;
  const std::string db = dir / "w.db";
  auto store = Store::Open(db);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(q->Enqueue(ReutersMessages(200)).ok());
  std::atomic<bool> stop{false};
  WorkerOptions o = Options("w");
  o.stories_every_s = 1000;  // only the final rebuild
  o.store_uri = db;
  auto stats = RunWorker(*q, **store, SharedPipeline(), o, stop);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->story_rebuilds, 1);
  auto before = (*store)->Counts();
  ASSERT_TRUE(before.ok());
  EXPECT_GT(before->clusters, 0);
  // The rebuild covered everything: running it again changes nothing.
  ASSERT_TRUE(RebuildStories(**store).ok());
  auto after = (*store)->Counts();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->clusters, before->clusters);
  EXPECT_EQ(after->stories, before->stories);
  EXPECT_EQ(after->duplicates, before->duplicates);

  // While another process holds the lock, a worker skips the periodic rebuild
  // and the final one waits: held here, released from another thread.
  auto lock = StoryLock::Open(db);
  ASSERT_TRUE(lock.ok());
  ASSERT_TRUE(*(*lock)->TryLock());
  ASSERT_TRUE(q->Enqueue(ReutersMessages(210)).ok());
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_TRUE((*lock)->Unlock().ok());
  });
  auto second = RunWorker(*q, **store, SharedPipeline(), o, stop);
  release.join();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->story_rebuilds, 1);
  EXPECT_GE(second->report.articles, 1);
}

TEST(StoryLock, FileLockIsExclusiveAcrossHandles) {
  TempDir dir;
  auto a = StoryLock::Open("sqlite:" + (dir / "s.db"));
  auto b = StoryLock::Open(dir / "s.db");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(*(*a)->TryLock());
  EXPECT_TRUE(*(*a)->TryLock());  // held: still true
  EXPECT_FALSE(*(*b)->TryLock());
  ASSERT_TRUE((*a)->Unlock().ok());
  EXPECT_TRUE(*(*b)->TryLock());
  EXPECT_FALSE(*(*a)->TryLock());
}

TEST(StoryLock, PostgresAdvisoryLockIsExclusiveAcrossSessions) {
  DYAD_SERVICE_OR_SKIP(pg, "DYAD_TEST_PG");
  auto a = StoryLock::Open(pg);
  auto b = StoryLock::Open(pg);
  ASSERT_TRUE(a.ok() && b.ok());
  auto got = (*a)->TryLock();
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(*got);
  EXPECT_FALSE(*(*b)->TryLock());
  ASSERT_TRUE((*a)->Unlock().ok());
  EXPECT_TRUE(*(*b)->TryLock());
  EXPECT_FALSE(*(*a)->TryLock());
  a->reset();  // a session that ends...
  b->reset();  // ...releases its lock
  auto c = StoryLock::Open(pg);
  EXPECT_TRUE(*(*c)->TryLock());
  ASSERT_TRUE((*c)->Unlock().ok());
}

TEST(StoryLock, UnreachablePostgresIsAnIoError) {
  auto a = StoryLock::Open("postgresql://nobody@127.0.0.1:" + std::to_string(testing::FreePort()) +
                           "/none?connect_timeout=2");
  ASSERT_TRUE(a.ok());
  auto got = (*a)->TryLock();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kIoError);
}

}  // namespace
}  // namespace dyad
