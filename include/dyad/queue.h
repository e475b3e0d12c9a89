// Copyright dyad authors. Stage `queue`: many workers on many machines.
//
// `dyad enqueue` puts articles on a queue; any number of `dyad worker`
// processes on any number of machines read them, code them with the Pipeline,
// write them to a shared Store in batches and acknowledge a message only after
// the batch that holds it is committed. Delivery is at least once; the store's
// content-hash idempotency makes a redelivered article count once.
//
// The broker sits behind the Queue interface; RedisStreamQueue (Redis Streams
// with one consumer group) is the implementation here, and another broker
// (Kafka...) would implement the same calls without touching the worker.
//
// Redis layout for a stream S (default "dyad:articles"):
//   S            the stream; each entry has one field `article` (the payload)
//   group        consumer group "dyad" (created at id 0 with MKSTREAM)
//   S:dead       dead letters: fields id, reason, error, deliveries, consumer,
//                bytes, original (the payload, cut to 4 KiB)
//   S:workers    hash: worker name -> JSON counters (WorkerReport)
//   S:lost       one entry each time the stream or its group was found gone
//                after it had existed (a Redis restart without persistence,
//                a deleted key): fields what ("stream"/"group"), command
//
// Thread-safety: a Queue is used by one thread at a time; open one per thread.
// Library code never throws, exits or aborts: a broker that goes away makes
// calls retry with back-off for RedisQueueOptions::retry_for_ms, then fail
// with kIoError (the worker logs it and keeps trying).
#ifndef DYAD_QUEUE_H_
#define DYAD_QUEUE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/status.h"

namespace dyad {

class Pipeline;
class Store;

// One message as a consumer receives it.
struct QueueMessage {
  std::string id;               // broker id (Redis: stream entry id "1700000000000-0")
  std::string payload;          // the article JSON (ArticleToMessage)
  bool has_payload = true;      // false: the entry had no `article` field
  std::int64_t deliveries = 1;  // times handed to a consumer, this one included
};

// One entry of the dead-letter stream.
struct DeadLetterRecord {
  std::string dead_id;      // id in the dead-letter stream
  std::string original_id;  // id of the message in the main stream
  std::string reason;       // short machine-readable reason ("not_json", "too_large", ...)
  std::string error;        // readable message naming the field at fault
  std::string consumer;     // the worker that gave up on it
  std::int64_t deliveries = 0;
  std::int64_t bytes = 0;  // size of the original payload
  std::string original;    // the payload, cut to 4 KiB
};

// What a worker is doing when it publishes its counters.
inline constexpr std::string_view kWorkerWorking = "working";
inline constexpr std::string_view kWorkerIdle = "idle";  // nothing to read
// Holding batches the store has not taken yet (a database that is down or slow).
inline constexpr std::string_view kWorkerWaitingForStore = "waiting for the store";
inline constexpr std::string_view kWorkerStopped = "stopped";

// Counters a worker publishes (S:workers) and `dyad worker --status` prints.
// Published counters are totals per name: a worker started under a name that
// has counters already adds to them (a restarted worker continues the count
// of the one before). They are published after every acknowledgement, so a
// worker killed with -9 leaves uncounted at most a batch it had committed and
// not yet acknowledged (found stored again by the next worker: a duplicate).
// WorkerStats::report holds the counts of one run only.
struct WorkerReport {
  std::string name;
  std::int64_t articles = 0;    // new articles stored
  std::int64_t duplicates = 0;  // already stored (redeliveries, repeated bodies)
  std::int64_t events = 0;      // events of the new articles
  std::int64_t dead = 0;        // messages this worker sent to the dead-letter stream
  std::int64_t claimed = 0;     // messages taken over from idle consumers
  std::int64_t batches = 0;     // committed batches
  double rate = 0;              // messages per second over the last report interval
  double average_rate = 0;      // messages per second since the worker started
  std::int64_t started_ms = 0;  // Unix milliseconds, of the current run
  std::int64_t last_seen_ms = 0;
  bool running = true;                              // false once the worker has stopped cleanly
  std::string state = std::string(kWorkerWorking);  // kWorker* above
  std::int64_t waiting_since_ms = 0;  // Unix ms the store wait began; 0 when not waiting
  std::int64_t runs = 1;              // processes that have run under this name
  std::int64_t losses = 0;            // times the stream vanished while it ran (S:lost)
};

// The counters as one JSON object, as the workers hash stores them (without
// the name, which is the hash field) and `dyad worker --status --json` prints
// them (with it).
std::string WorkerReportJson(const WorkerReport& report, bool with_name);

struct QueueStatus {
  std::string stream, group;
  std::int64_t length = 0;  // entries in the stream
  // Entries not yet delivered to the group; -1 when Redis cannot tell (entries
  // deleted from the stream, e.g. by --delete-acked, or a recreated group).
  // Then length - pending is an upper bound (exact with delete_acked).
  std::int64_t lag = -1;
  std::int64_t pending = 0;       // delivered, not yet acknowledged
  std::int64_t dead_letters = 0;  // entries of the dead-letter stream
  std::int64_t consumers = 0;     // consumers the group knows
  std::int64_t losses = 0;        // entries of S:lost: times the stream or group vanished
  std::int64_t last_loss_ms = 0;  // Unix ms of the newest one
  std::string last_loss;          // what vanished and which call found it
  std::vector<WorkerReport> workers;
};

class Queue {
 public:
  virtual ~Queue() = default;

  // Appends messages; returns their ids in order. A failure part-way may have
  // appended some of them (at-least-once: the caller may append them again).
  virtual Result<std::vector<std::string>> Enqueue(std::span<const std::string> payloads) = 0;

  // Up to `max` messages never delivered to the group before, waiting up to
  // `block_ms` (0 = do not wait) when there are none. They are pending for
  // `consumer` until acknowledged.
  virtual Result<std::vector<QueueMessage>> Read(const std::string& consumer, std::size_t max,
                                                 int block_ms) = 0;

  // Up to `max` messages delivered to `consumer` before and not yet
  // acknowledged, with their delivery counts (this delivery included): a
  // restarted worker with the same name takes its own messages back at once.
  virtual Result<std::vector<QueueMessage>> ReadPending(const std::string& consumer,
                                                        std::size_t max) = 0;

  // Acknowledges messages (after their batch is committed).
  virtual Status Ack(std::span<const std::string> ids) = 0;

  // Takes over up to `max` messages that have been pending for another (or
  // this) consumer for at least `min_idle_ms` (a dead or stuck worker), with
  // their delivery counts (this delivery included). Scans the pending list
  // from where the previous call stopped.
  virtual Result<std::vector<QueueMessage>> Claim(const std::string& consumer, int min_idle_ms,
                                                  std::size_t max) = 0;

  // Resets the idle time of messages pending for `consumer` (a batch that
  // takes long, a store that is down) so that nobody claims them; their
  // delivery counts do not change.
  virtual Status Touch(const std::string& consumer, std::span<const std::string> ids) = 0;

  // Moves a message to the dead-letter stream with a reason and an error, and
  // acknowledges it.
  virtual Status DeadLetter(const QueueMessage& message, const std::string& consumer,
                            std::string_view reason, std::string_view error) = 0;

  // The newest `max` dead letters, newest first.
  virtual Result<std::vector<DeadLetterRecord>> DeadLetters(std::size_t max) = 0;

  // Length, lag, pending, dead letters and the workers' published counters.
  virtual Result<QueueStatus> GetStatus() = 0;

  // Publishes a worker's counters (S:workers).
  virtual Status Report(const WorkerReport& report) = 0;

  // The id of the newest record of the stream or its group found gone after
  // it existed, by any consumer (S:lost); "" when there is none. A call that
  // finds them gone logs a warning, records it there, creates the group
  // again and carries on: what the stream held is lost (Redis restarted
  // without persistence) and nothing here can bring it back. A worker
  // compares this id over its run to know (a count would not do: a restart
  // without persistence empties S:lost too).
  virtual Result<std::string> LastLoss() = 0;
};

struct RedisQueueOptions {
  // redis://[[user]:password@]host[:port][/db]
  std::string uri = "redis://127.0.0.1:6379";
  std::string stream = "dyad:articles";
  std::string group = "dyad";
  int connect_timeout_ms = 2000;
  // How long one call keeps reconnecting (with back-off from 50 ms to 2 s)
  // when the server is unreachable, before it fails with kIoError.
  int retry_for_ms = 30000;
  // Delete acknowledged entries from the stream (XDEL), so an endless feed
  // does not grow Redis memory. Only for a stream read by this one group.
  bool delete_acked = false;
  // Set to stop retrying early (a worker being stopped).
  const std::atomic<bool>* stop = nullptr;
  // Connection losses and reconnects are reported here.
  DiagnosticSink log;
};

// Connects (retrying as above) and creates the group if it does not exist.
// Errors: kInvalidArgument for a malformed URI, kIoError when unreachable.
Result<std::unique_ptr<Queue>> OpenRedisQueue(const RedisQueueOptions& options);

// ---- Message payloads ----

// Largest payload a worker accepts by default; larger ones are dead-lettered.
inline constexpr std::size_t kDefaultMaxMessageBytes = 1u << 20;

// The article as one JSON object: id, url, source, date, title, body,
// language, origin and boilerplate_removed (when not empty): what a worker
// needs to code and store it as `dyad ingest` would.
std::string ArticleToMessage(const Article& article);

// Parses and checks a payload: size <= max_bytes (kLimitExceeded), a JSON
// object (kParseError), `body` a non-empty string, the other fields strings
// when present, `date` YYYY-MM-DD or empty (kInvalidArgument naming the
// field; boilerplate_removed an array of strings). Fills content_hash (SHA-256 of the body) and id
// when missing.
Result<Article> ParseArticleMessage(std::string_view payload,
                                    std::size_t max_bytes = kDefaultMaxMessageBytes);

// Short reason for the dead-letter stream from a ParseArticleMessage error:
// "too_large", "not_json", "bad_fields".
std::string_view DeadLetterReason(const Status& parse_error);

// ---- The story stage lock ----

// One holder at a time across processes and machines: a PostgreSQL advisory
// lock (pg_try_advisory_lock on its own connection) for "postgresql://"
// stores, an flock on "<path>.stories.lock" for SQLite ones.
class StoryLock {
 public:
  virtual ~StoryLock() = default;
  static Result<std::unique_ptr<StoryLock>> Open(const std::string& store_uri);
  // True when acquired now, false when another process holds it.
  virtual Result<bool> TryLock() = 0;
  virtual Status Unlock() = 0;
};

// ---- The worker ----

struct WorkerOptions {
  std::string name;                 // consumer name; unique per worker (default: host-pid)
  unsigned threads = 1;             // coding threads
  std::size_t batch = 64;           // messages per read and per store transaction
  int block_ms = 1000;              // longest wait in one read
  int claim_after_ms = 60000;       // take over messages idle this long
  std::int64_t max_deliveries = 5;  // more deliveries than this: dead letter
  std::size_t max_message_bytes = kDefaultMaxMessageBytes;
  // Stop after this many seconds with nothing to read and nothing pending in
  // the group (the stream is drained); 0 = run until `stop`.
  double exit_when_idle_s = 0;
  // Rebuild stories (RebuildStories under the StoryLock) at most this often
  // after new articles, and once more on exit; <= 0: never.
  double stories_every_s = 60;
  std::string store_uri;  // for the StoryLock (empty: no story stage)
  // Opens the store again after a batch could not be committed (a database
  // restart); empty: keep using the one given. While the store is down the
  // worker holds its batches (touching their messages so nobody claims them),
  // reads nothing new and retries every store_retry_ms.
  std::function<Result<std::unique_ptr<Store>>()> reopen_store;
  // The store is retried this often while it refuses a batch.
  int store_retry_ms = 2000;
  double report_every_s = 1;  // publish counters this often
  DiagnosticSink log;         // progress, errors, reconnects
};

struct WorkerStats {
  WorkerReport report;  // this run's counts (the published ones are totals per name)
  std::int64_t story_rebuilds = 0;
  std::int64_t failed_batches = 0;  // batches the store could not commit (then retried)
  // report.losses > 0: the stream or group vanished during the run
  // (Queue::LastLoss changed), so a run that ended on an empty stream ended
  // on a lost one, not a drained one.
};

// Runs one worker until `stop` is set or (with exit_when_idle_s) the stream
// is drained (or vanished: see WorkerStats). Each round: claim idle messages (every claim_after_ms
// / 2) or read new ones; dead-letter bad ones (with the parse error) and ones delivered more than
// max_deliveries times; code the rest with `pipeline` on `threads` threads; write them to `store`
// in one transaction; acknowledge after the commit. A batch that cannot be committed is retried
// (see reopen_store) until it is, or until `stop` (then it stays pending and is claimed later);
// meanwhile every message the worker holds (that batch and the next one, read and coded) is touched
// every claim_after / 3, so a store outage longer than claim_after makes no one claim them. Broker
// errors are logged and retried.
Result<WorkerStats> RunWorker(Queue& queue, Store& store, const Pipeline& pipeline,
                              const WorkerOptions& options, const std::atomic<bool>& stop);

}  // namespace dyad

#endif  // DYAD_QUEUE_H_
