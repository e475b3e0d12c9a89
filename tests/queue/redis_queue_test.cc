// The Redis Streams queue against real servers: the shared one from
// scripts/services.sh (DYAD_TEST_REDIS) and, for restarts, a private one.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "dyad/queue.h"
#include "queue_test_util.h"
#include "support/services.h"

namespace dyad {
namespace {

using testing::OwnRedis;
using testing::RedisClient;
using testing::TempDir;
using testing::UniqueStream;

// ---- Message payloads (no server) ----

TEST(ArticleMessage, RoundTrip) {
  Article a;
  a.id = "r1";
  a.url = "https://example.com/a";
  a.source = "Reuters";
  a.date = "1987-02-26";
  a.title = "Talks";
  a.body = "France signed a trade agreement with Germany. \xC3\xA9t\xC3\xA9";
  a.origin = "x.jsonl:1";
  a.boilerplate_removed = {"Subscribe to our newsletter"};
  FinalizeArticle(&a);
  auto b = ParseArticleMessage(ArticleToMessage(a));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->id, a.id);
  EXPECT_EQ(b->url, a.url);
  EXPECT_EQ(b->source, a.source);
  EXPECT_EQ(b->date, a.date);
  EXPECT_EQ(b->title, a.title);
  EXPECT_EQ(b->body, a.body);
  EXPECT_EQ(b->origin, a.origin);
  EXPECT_EQ(b->boilerplate_removed, a.boilerplate_removed);
  EXPECT_EQ(b->content_hash, a.content_hash);
}

TEST(ArticleMessage, FillsHashAndIdAndIgnoresAGivenHash) {
  auto b = ParseArticleMessage(R"({"body":"Iran condemned Israel.","content_hash":"bogus"})");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->content_hash, Sha256Hex("Iran condemned Israel."));
  EXPECT_FALSE(b->id.empty());
  EXPECT_EQ(b->language, "en");
}

TEST(ArticleMessage, RejectsBadPayloadsWithReasons) {
  struct Case {
    std::string payload;
    ErrorCode code;
    std::string reason;
    std::string mentions;
  };
  const std::vector<Case> cases = {
      {"this is not json", ErrorCode::kParseError, "not_json", "not valid JSON"},
      {"{\"body\": \"unterminated", ErrorCode::kParseError, "not_json", "not valid JSON"},
      {"[1,2,3]", ErrorCode::kParseError, "not_json", "not an object"},
      {"{\"body\": 5}", ErrorCode::kInvalidArgument, "bad_fields", "'body' must be a string"},
      {"{\"title\": \"no body\"}", ErrorCode::kInvalidArgument, "bad_fields", "'body'"},
      {"{\"body\": \"x\", \"date\": [1]}", ErrorCode::kInvalidArgument, "bad_fields", "'date'"},
      {"{\"body\": \"x\", \"date\": \"26/02/1987\"}", ErrorCode::kInvalidArgument, "bad_fields",
       "YYYY-MM-DD"},
      {"{\"body\": \"\xff\xfe\"}", ErrorCode::kParseError, "not_json", "UTF-8"},
      {"{\"body\": \"x\", \"boilerplate_removed\": \"s\"}", ErrorCode::kInvalidArgument,
       "bad_fields", "'boilerplate_removed'"},
      {"{\"body\": \"x\", \"boilerplate_removed\": [1]}", ErrorCode::kInvalidArgument, "bad_fields",
       "strings only"},
  };
  for (const Case& c : cases) {
    auto r = ParseArticleMessage(c.payload);
    ASSERT_FALSE(r.ok()) << c.payload;
    EXPECT_EQ(r.status().code(), c.code) << c.payload << ": " << r.status().ToString();
    EXPECT_EQ(DeadLetterReason(r.status()), c.reason) << c.payload;
    EXPECT_NE(r.status().message().find(c.mentions), std::string::npos)
        << c.payload << ": " << r.status().message();
  }
  std::string huge = "{\"body\": \"" + std::string(2u << 20, 'a') + "\"}";
  auto r = ParseArticleMessage(huge);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(DeadLetterReason(r.status()), "too_large");
  EXPECT_TRUE(ParseArticleMessage(huge, 4u << 20).ok());
}

// ---- Opening ----

TEST(RedisQueue, MalformedUriIsAnInvalidArgument) {
  for (const char* uri :
       {"http://127.0.0.1:6379", "redis://host:notaport", "redis://host:6379/x", "redis://[::1"}) {
    RedisQueueOptions o;
    o.uri = uri;
    auto q = OpenRedisQueue(o);
    ASSERT_FALSE(q.ok()) << uri;
    EXPECT_EQ(q.status().code(), ErrorCode::kInvalidArgument) << q.status().ToString();
  }
}

TEST(RedisQueue, UnreachableServerFailsAfterRetrying) {
  RedisQueueOptions o;
  o.uri = "redis://127.0.0.1:" + std::to_string(testing::FreePort());
  o.retry_for_ms = 300;
  int logged = 0;
  o.log = [&](const Diagnostic&) { ++logged; };
  const auto start = std::chrono::steady_clock::now();
  auto q = OpenRedisQueue(o);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().code(), ErrorCode::kIoError);
  EXPECT_NE(q.status().message().find("127.0.0.1"), std::string::npos) << q.status().message();
  EXPECT_GE(s, 0.25);
  EXPECT_LT(s, 5.0);
  EXPECT_GE(logged, 1);
}

// ---- Against the shared server ----

class SharedRedis : public ::testing::Test {
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
  std::string uri_, stream_;
};

std::vector<std::string> Ids(const std::vector<QueueMessage>& ms) {
  std::vector<std::string> ids;
  for (const QueueMessage& m : ms) ids.push_back(m.id);
  return ids;
}

TEST_F(SharedRedis, EnqueueReadAck) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "basic");
  ASSERT_TRUE(q);
  std::vector<std::string> payloads = {"a", "b", "c", "d", std::string("bin\0ary", 7)};
  auto ids = q->Enqueue(payloads);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 5u);
  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->length, 5);
  EXPECT_EQ(st->lag, 5);
  EXPECT_EQ(st->pending, 0);

  auto first = q->Read("w1", 3, 0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ((*first)[0].payload, "a");
  EXPECT_EQ((*first)[0].id, (*ids)[0]);
  EXPECT_EQ((*first)[0].deliveries, 1);
  auto second = q->Read("w2", 10, 100);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[1].payload, std::string("bin\0ary", 7));  // binary-safe
  auto none = q->Read("w1", 10, 50);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->lag, 0);
  EXPECT_EQ(st->pending, 5);
  EXPECT_EQ(st->consumers, 2);
  ASSERT_TRUE(q->Ack(Ids(*first)).ok());
  ASSERT_TRUE(q->Ack(Ids(*second)).ok());
  st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pending, 0);
  EXPECT_EQ(st->length, 5);  // acknowledged entries stay unless delete_acked
}

TEST_F(SharedRedis, TwoHandlesShareTheGroupAndDeleteAckedTrims) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "delete");
  ASSERT_TRUE(q);
  RedisQueueOptions o;
  o.uri = uri;
  o.stream = stream_;
  o.delete_acked = true;
  auto q2 = OpenRedisQueue(o);  // the group exists already: BUSYGROUP is fine
  ASSERT_TRUE(q2.ok()) << q2.status().ToString();
  ASSERT_TRUE(q->Enqueue(std::vector<std::string>{"x", "y"}).ok());
  auto got = (*q2)->Read("w", 10, 0);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 2u);
  ASSERT_TRUE((*q2)->Ack(Ids(*got)).ok());
  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->length, 0);
  EXPECT_EQ(st->pending, 0);
}

TEST_F(SharedRedis, IdleMessagesAreClaimedWithTheirDeliveryCount) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "claim");
  ASSERT_TRUE(q);
  ASSERT_TRUE(q->Enqueue(std::vector<std::string>{"p1", "p2", "p3"}).ok());
  auto dead_worker = q->Read("dead", 2, 0);  // read, never acknowledged
  ASSERT_TRUE(dead_worker.ok());
  ASSERT_EQ(dead_worker->size(), 2u);

  auto early = q->Claim("alive", 10000, 10);
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_TRUE(early->empty());  // not idle long enough

  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  auto claimed = q->Claim("alive", 200, 10);
  ASSERT_TRUE(claimed.ok()) << claimed.status().ToString();
  ASSERT_EQ(claimed->size(), 2u);
  EXPECT_EQ((*claimed)[0].payload, "p1");
  EXPECT_EQ((*claimed)[0].deliveries, 2);
  EXPECT_EQ((*claimed)[1].deliveries, 2);

  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  auto again = q->Claim("third", 200, 10);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 2u);
  EXPECT_EQ((*again)[0].deliveries, 3);
  ASSERT_TRUE(q->Ack(Ids(*again)).ok());

  auto rest = q->Read("alive", 10, 0);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].payload, "p3");
  ASSERT_TRUE(q->Ack(Ids(*rest)).ok());
  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pending, 0);
}

TEST_F(SharedRedis, TouchedMessagesAreNotClaimed) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "touch");
  ASSERT_TRUE(q);
  ASSERT_TRUE(q->Enqueue(std::vector<std::string>{"slow batch"}).ok());
  auto got = q->Read("busy", 10, 0);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE(q->Touch("busy", Ids(*got)).ok());
  auto claimed = q->Claim("other", 200, 10);
  ASSERT_TRUE(claimed.ok());
  EXPECT_TRUE(claimed->empty());  // idle time was reset
  auto mine = q->ReadPending("busy", 10);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].deliveries, 2);  // Touch did not count; this read did
}

TEST_F(SharedRedis, DeadLetterKeepsReasonErrorAndACutCopy) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "dead");
  ASSERT_TRUE(q);
  const std::string big(100000, 'z');
  ASSERT_TRUE(q->Enqueue(std::vector<std::string>{"junk", big}).ok());
  auto got = q->Read("w", 10, 0);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 2u);
  ASSERT_TRUE(q->DeadLetter((*got)[0], "w", "not_json", "message is not valid JSON").ok());
  ASSERT_TRUE(q->DeadLetter((*got)[1], "w", "too_large", "over the limit").ok());
  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pending, 0);  // dead-lettering acknowledges
  EXPECT_EQ(st->dead_letters, 2);
  auto dead = q->DeadLetters(10);
  ASSERT_TRUE(dead.ok()) << dead.status().ToString();
  ASSERT_EQ(dead->size(), 2u);
  // Newest first.
  EXPECT_EQ((*dead)[0].reason, "too_large");
  EXPECT_EQ((*dead)[0].original_id, (*got)[1].id);
  EXPECT_EQ((*dead)[0].bytes, 100000);
  EXPECT_EQ((*dead)[0].original.size(), 4096u);
  EXPECT_EQ((*dead)[0].consumer, "w");
  EXPECT_EQ((*dead)[1].reason, "not_json");
  EXPECT_EQ((*dead)[1].error, "message is not valid JSON");
  EXPECT_EQ((*dead)[1].original, "junk");
  EXPECT_EQ((*dead)[1].deliveries, 1);
}

TEST_F(SharedRedis, WorkerReportsShowInStatus) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "report");
  ASSERT_TRUE(q);
  WorkerReport w;
  w.name = "host-1";
  w.articles = 10;
  w.events = 4;
  w.rate = 2.5;
  w.last_seen_ms = 1700000000000;
  ASSERT_TRUE(q->Report(w).ok());
  w.name = "host-2";
  w.running = false;
  ASSERT_TRUE(q->Report(w).ok());
  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(st->workers.size(), 2u);
  EXPECT_EQ(st->workers[0].name, "host-1");
  EXPECT_EQ(st->workers[0].articles, 10);
  EXPECT_EQ(st->workers[0].events, 4);
  EXPECT_DOUBLE_EQ(st->workers[0].rate, 2.5);
  EXPECT_EQ(st->workers[0].last_seen_ms, 1700000000000);
  EXPECT_TRUE(st->workers[0].running);
  EXPECT_FALSE(st->workers[1].running);
}

TEST_F(SharedRedis, DeletedStreamIsRecreatedOnRead) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "nogroup");
  ASSERT_TRUE(q);
  RedisClient c(uri);
  ASSERT_EQ(c.Run({"DEL", stream_}), "1");
  auto got = q->Read("w", 10, 0);  // NOGROUP: the group is created again
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->empty());
  ASSERT_TRUE(q->Enqueue(std::vector<std::string>{"after"}).ok());
  got = q->Read("w", 10, 0);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].payload, "after");
}

// Issue 22, 2: the stream vanishing (what a Redis restart without persistence
// does) is a warning in the log and a record in S:lost that every consumer
// and --status see, not a silent fresh start.
TEST_F(SharedRedis, AVanishedStreamIsRecordedForEveryConsumer) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  stream_ = UniqueStream("vanish");
  uri_ = uri;
  std::vector<std::string> logged;
  RedisQueueOptions o;
  o.uri = uri;
  o.stream = stream_;
  o.log = [&](const Diagnostic& d) { logged.push_back(d.message); };
  auto q = OpenRedisQueue(o);
  ASSERT_TRUE(q.ok());
  o.log = nullptr;
  auto other = OpenRedisQueue(o);
  ASSERT_TRUE(other.ok());
  auto none = (*other)->LastLoss();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(*none, "");
  ASSERT_TRUE((*q)->Enqueue(std::vector<std::string>{"a", "b"}).ok());
  ASSERT_EQ((*q)->Read("w1", 1, 0)->size(), 1u);

  RedisClient c(uri);
  ASSERT_EQ(c.Run({"DEL", stream_}), "1");
  auto got = (*q)->Read("w1", 10, 0);  // NOGROUP: recorded, then created again
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->empty());
  ASSERT_FALSE(logged.empty());
  EXPECT_NE(logged.back().find("WARNING: stream '" + stream_ + "' vanished"), std::string::npos)
      << logged.back();
  // The other consumer finds a group (the new one) and no error, but sees the record.
  ASSERT_TRUE((*other)->Read("w2", 10, 0).ok());
  auto loss = (*other)->LastLoss();
  ASSERT_TRUE(loss.ok());
  EXPECT_NE(*loss, "");
  auto st = (*other)->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->losses, 1);
  EXPECT_GT(st->last_loss_ms, 1700000000000);
  EXPECT_NE(st->last_loss.find("vanished"), std::string::npos) << st->last_loss;

  // A group destroyed under a stream that still exists is recorded too.
  ASSERT_EQ(c.Run({"XGROUP", "DESTROY", stream_, "dyad"}), "1");
  ASSERT_TRUE((*other)->Touch("w2", std::vector<std::string>{"1-0"}).ok());
  st = (*other)->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->losses, 2);
  EXPECT_NE(st->last_loss.find("consumer group 'dyad'"), std::string::npos) << st->last_loss;
}

// Issue 22, 3: when Redis cannot tell the lag (entries deleted from the
// stream), --status says so and gives an upper bound instead of nothing.
TEST_F(SharedRedis, UnknownLagComesWithAnUpperBound) {
  DYAD_SERVICE_OR_SKIP(uri, "DYAD_TEST_REDIS");
  auto q = Open(uri, "lag");
  ASSERT_TRUE(q);
  auto ids = q->Enqueue(std::vector<std::string>{"a", "b", "c", "d", "e"});
  ASSERT_TRUE(ids.ok());
  ASSERT_EQ(q->Read("w", 1, 0)->size(), 1u);
  RedisClient c(uri);
  ASSERT_EQ(c.Run({"XDEL", stream_, (*ids)[2]}), "1");  // a tombstone past the group's position
  auto st = q->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->lag, -1);
  TempDir dir;
  std::string out, err;
  ASSERT_EQ(
      testing::RunCli({"worker", "--status", "--redis", uri, "--stream", stream_}, dir, &out, &err),
      0)
      << err;
  EXPECT_NE(out.find("lag unknown (at most 3)"), std::string::npos) << out;
  ASSERT_EQ(testing::RunCli({"worker", "--status", "--json", "--redis", uri, "--stream", stream_},
                            dir, &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << out;
  EXPECT_EQ(j["lag"], -1);
  EXPECT_EQ(j["lag_at_most"], 3);  // 4 entries, 1 pending
  EXPECT_EQ(j["losses"], 0);
}

// ---- A server that goes away ----

TEST(RedisQueueRestart, CallsReconnectAndTheStreamSurvives) {
  TempDir dir;
  OwnRedis redis(dir.path());
  ASSERT_TRUE(redis.running());
  RedisQueueOptions o;
  o.uri = redis.uri();
  o.stream = "restart";
  o.retry_for_ms = 20000;
  int logged = 0;
  o.log = [&](const Diagnostic&) { ++logged; };
  auto q = OpenRedisQueue(o);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  std::vector<std::string> payloads;
  for (int i = 0; i < 10; ++i) {
    std::string p = "m";  // (not "m" + to_string: GCC 12 warns -Wrestrict in a unity build)
    p += std::to_string(i);
    payloads.push_back(std::move(p));
  }
  ASSERT_TRUE((*q)->Enqueue(payloads).ok());
  auto before = (*q)->Read("w1", 4, 0);  // in flight across the restart
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->size(), 4u);

  redis.Restart();
  auto after = (*q)->Read("w1", 100, 0);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  ASSERT_EQ(after->size(), 6u);  // the group's position survived
  EXPECT_EQ((*after)[0].payload, "m4");
  EXPECT_GE(logged, 1);  // the loss was reported

  // Down for a while: a call waits for the server to come back.
  redis.Stop();
  std::thread restart([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    redis.Start();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto claimed = (*q)->Claim("w2", 0, 100);
  restart.join();
  ASSERT_TRUE(claimed.ok()) << claimed.status().ToString();
  EXPECT_EQ(claimed->size(), 10u);  // nothing acknowledged yet: all pending
  ASSERT_TRUE((*q)->Ack(Ids(*claimed)).ok());
  auto st = (*q)->GetStatus();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pending, 0);
  EXPECT_EQ(st->length, 10);
}

}  // namespace
}  // namespace dyad
