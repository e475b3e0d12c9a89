// RunWorker: queue -> Pipeline -> Store, acknowledging after the commit.
//
// Two stages overlap: while the writer thread stores batch N (one
// transaction), the worker's own thread reads and codes batch N+1. All broker
// calls (read, claim, acknowledge, dead letters, reports) stay on the
// worker's thread, so one Queue connection serves both; the Store is used by
// one thread at a time (the writer, or the worker's thread for the story
// stage once the writer is idle).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "dyad/event.h"
#include "dyad/pipeline.h"
#include "dyad/queue.h"
#include "dyad/store.h"

namespace dyad {
namespace {

using Clock = std::chrono::steady_clock;

// Store::Write calls per batch before its messages are left pending.
constexpr int kWriteAttempts = 4;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::int64_t UnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A batch read and coded, on its way to the store.
struct CodedBatch {
  std::vector<QueueMessage> messages;
  std::vector<Article> articles;
  std::vector<CodedArticle> coded;
  std::vector<std::size_t> source;    // articles[i] came from messages[source[i]]
  std::vector<std::size_t> to_write;  // articles to write, in content-hash order
};

// What the writer made of a batch.
struct WriteOutcome {
  std::vector<std::string> ack;
  std::vector<std::pair<std::size_t, std::string>> rejected;  // message index, error
  std::vector<std::size_t> left;  // articles not stored: the database refused for now
  std::int64_t articles = 0, duplicates = 0, events = 0;
  bool committed = false;

  void Merge(WriteOutcome&& more) {
    ack.insert(ack.end(), more.ack.begin(), more.ack.end());
    rejected.insert(rejected.end(), more.rejected.begin(), more.rejected.end());
    left = std::move(more.left);
    articles += more.articles;
    duplicates += more.duplicates;
    events += more.events;
    committed |= more.committed;
  }
};

class Worker {
 public:
  Worker(Queue& queue, Store& store, const Pipeline& pipeline, const WorkerOptions& options,
         const std::atomic<bool>& stop)
      : queue_(queue), store_(&store), pipeline_(pipeline), o_(options), stop_(stop) {}

  Result<WorkerStats> Run() {
    WorkerReport& rep = stats_.report;
    rep.name = o_.name;
    rep.started_ms = UnixMs();
    start_ = Clock::now();
    last_report_ = start_;
    if (o_.stories_every_s > 0 && !o_.store_uri.empty()) {
      auto lock = StoryLock::Open(o_.store_uri);
      if (!lock.ok()) return lock.status();
      lock_ = std::move(*lock);
    }
    CarryTotals();
    if (auto loss = queue_.LastLoss(); loss.ok()) last_loss_ = *loss;
    Publish(0);
    const auto claim_every = std::chrono::milliseconds(std::max(500, o_.claim_after_ms / 2));
    // Claim first: a restarted fleet picks up what a dead worker left.
    auto last_claim = Clock::now() - claim_every;
    Clock::time_point idle_since{};
    bool idle = false;
    TakeBackOwn();

    while (!stop_) {
      std::vector<QueueMessage> messages;
      const auto now = Clock::now();
      if (now - last_claim >= claim_every) {
        last_claim = now;
        auto claimed = queue_.Claim(o_.name, o_.claim_after_ms, o_.batch);
        if (!claimed.ok()) {
          Log("claim: " + claimed.status().ToString());
          Pause();
          continue;
        }
        messages = std::move(*claimed);
        rep.claimed += static_cast<std::int64_t>(messages.size());
        if (!messages.empty()) {
          Log("claimed " + std::to_string(messages.size()) + " messages idle for over " +
              std::to_string(o_.claim_after_ms) + " ms");
        }
      }
      if (messages.empty()) {
        // With a batch in the writer, do not wait for new messages: its
        // acknowledgement would wait too.
        auto read = queue_.Read(o_.name, o_.batch, InFlight() ? 0 : o_.block_ms);
        if (!read.ok()) {
          Log("read: " + read.status().ToString());
          Pause();
          continue;
        }
        messages = std::move(*read);
      }
      if (!messages.empty()) {
        idle = false;
        state_ = kWorkerWorking;
        const auto coding = Clock::now();
        std::optional<CodedBatch> batch = Prepare(std::move(messages));
        // Held (read and coded) while the previous batch is committed: kept
        // fresh with it, however long the store takes.
        held_ = batch ? &*batch : nullptr;
        if (Clock::now() - coding > std::chrono::milliseconds(o_.claim_after_ms / 3)) {
          KeepFresh(nullptr, true);  // slow coding: both batches have been waiting
        }
        Drain();  // the previous batch: committed, then acknowledged
        held_ = nullptr;
        if (batch) StartWrite(std::move(*batch));
      } else if (InFlight()) {
        Drain();
      } else {
        if (!idle) {
          idle = true;
          idle_since = Clock::now();
          state_ = kWorkerIdle;
        }
        MaybeRebuildStories(false);
        if (o_.exit_when_idle_s > 0 && Seconds(Clock::now() - idle_since) >= o_.exit_when_idle_s &&
            Drained()) {
          break;
        }
      }
      MaybePublish();
    }
    Drain();
    MaybeRebuildStories(true);
    CheckLosses();
    rep.running = false;
    state_ = kWorkerStopped;
    Publish(0);
    return stats_;
  }

 private:
  std::int64_t Done() const {
    const WorkerReport& r = stats_.report;
    return r.articles + r.duplicates + r.dead;
  }

  // Takes over the totals published under this name by earlier runs (a
  // restarted worker, a replaced pod), so per-name totals add up to what the
  // fleet stored.
  void CarryTotals() {
    auto status = queue_.GetStatus();
    if (!status.ok()) {
      Log("status: " + status.status().ToString() + " (counters start from zero)");
      return;
    }
    for (const WorkerReport& w : status->workers) {
      if (w.name != o_.name) continue;
      carried_ = w;
      if (w.running && UnixMs() - w.last_seen_ms < 3000 + 2000 * o_.report_every_s) {
        Log("a worker named " + o_.name + " reported " +
            std::to_string((UnixMs() - w.last_seen_ms) / 1000) +
            " s ago without saying it stopped: if it is still running, give this one another "
            "name (two live workers under one name share counters and pending lists)");
      }
      Log("continuing the totals of " + std::to_string(w.runs) + " earlier run(s) under this " +
          "name: " + std::to_string(w.articles) + " articles");
      return;
    }
  }

  // Publishes the counters every report_every_s (from the main loop and
  // while waiting for the store).
  void MaybePublish() {
    const double dt = Seconds(Clock::now() - last_report_);
    if (dt < o_.report_every_s) return;
    const std::int64_t done = Done();
    CheckLosses();
    rate_ = dt > 0 ? static_cast<double>(done - done_at_report_) / dt : 0;
    Publish(rate_);
    done_at_report_ = done;
    last_report_ = Clock::now();
  }

  // The totals of earlier runs under this name plus this run's counters.
  void Publish(double rate) {
    const WorkerReport& rep = stats_.report;
    WorkerReport pub = rep;
    pub.articles += carried_.articles;
    pub.duplicates += carried_.duplicates;
    pub.events += carried_.events;
    pub.dead += carried_.dead;
    pub.claimed += carried_.claimed;
    pub.batches += carried_.batches;
    pub.losses += carried_.losses;
    pub.runs = carried_.name.empty() ? 1 : carried_.runs + 1;
    pub.rate = rate;
    const double t = Seconds(Clock::now() - start_);
    pub.average_rate = t > 0 ? static_cast<double>(Done()) / t : 0;
    pub.last_seen_ms = UnixMs();
    pub.state = std::string(state_);
    pub.waiting_since_ms = waiting_since_ms_;
    Status s = queue_.Report(pub);
    if (!s.ok()) Log("report: " + s.ToString());
  }

  // The stream or its group vanished since we last looked (S:lost has a new
  // newest record): what it held is gone, so an empty stream is no longer a
  // sign that everything was stored.
  void CheckLosses() {
    auto loss = queue_.LastLoss();
    if (!loss.ok()) {
      Log("lost: " + loss.status().ToString());
      return;
    }
    if (*loss == last_loss_ || loss->empty()) return;
    last_loss_ = *loss;
    ++stats_.report.losses;
    Log("WARNING: the stream or its consumer group vanished (S:lost " + *loss +
        "; Redis restarted without persistence?): messages enqueued before and not yet stored "
        "are lost and must be enqueued again; this run will not end as drained");
  }

  // Nothing to read, nothing pending in the group: the stream is drained,
  // unless it vanished during the run.
  bool Drained() {
    auto status = queue_.GetStatus();
    if (!status.ok()) {
      Log("status: " + status.status().ToString());
      return false;
    }
    if (status->pending != 0 || status->lag > 0) return false;
    CheckLosses();
    if (stats_.report.losses > 0) {
      Log("WARNING: the stream is empty because it vanished during this run, not because it was "
          "drained; exiting with an error");
    } else {
      Log("drained: nothing to read, nothing pending; exiting");
    }
    return true;
  }

  // A worker restarted under the same name takes its own unacknowledged
  // messages back first, without waiting for claim_after.
  void TakeBackOwn() {
    while (!stop_) {
      auto own = queue_.ReadPending(o_.name, o_.batch);
      if (!own.ok()) {
        Log("pending: " + own.status().ToString());
        return;  // claimed later like anyone's
      }
      if (own->empty()) return;
      Log("taking back " + std::to_string(own->size()) + " messages of an earlier run");
      const std::size_t n = own->size();
      if (auto batch = Prepare(std::move(*own))) {
        Finish(*batch, Retry(*batch, Write(*batch, batch->to_write)));
      }
      if (n < o_.batch) return;
    }
  }

  // From the worker's thread and the writer's.
  void Log(const std::string& message) {
    if (!o_.log) return;
    std::lock_guard lock(log_mu_);
    o_.log(Diagnostic{o_.name, message});
  }

  // A short wait after a broker or store error, cut short by `stop`.
  void Pause() {
    for (int i = 0; i < 10 && !stop_; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  void Dead(const QueueMessage& m, std::string_view reason, const std::string& error) {
    Status s = queue_.DeadLetter(m, o_.name, reason, error);
    if (!s.ok()) {
      // Left pending: it comes back after claim_after and is judged again.
      Log("dead letter " + m.id + ": " + s.ToString());
      return;
    }
    ++stats_.report.dead;
    Log("dead letter " + m.id + " (" + std::string(reason) + "): " + error);
  }

  // Checks and codes a batch (worker's thread); bad messages are
  // dead-lettered here. Nothing left to write: nullopt.
  std::optional<CodedBatch> Prepare(std::vector<QueueMessage> messages) {
    CodedBatch b;
    b.messages = std::move(messages);
    for (std::size_t k = 0; k < b.messages.size(); ++k) {
      const QueueMessage& m = b.messages[k];
      if (o_.max_deliveries > 0 && m.deliveries > o_.max_deliveries) {
        Dead(m, "max_deliveries",
             "message " + m.id + " was delivered " + std::to_string(m.deliveries) +
                 " times (limit " + std::to_string(o_.max_deliveries) +
                 ") without being acknowledged: its workers died or its batch failed to commit");
        continue;
      }
      if (!m.has_payload) {
        Dead(m, "no_article", "message " + m.id + ": the stream entry has no 'article' field");
        continue;
      }
      auto a = ParseArticleMessage(m.payload, o_.max_message_bytes);
      if (!a.ok()) {
        Dead(m, DeadLetterReason(a.status()), "message " + m.id + ": " + a.status().message());
        continue;
      }
      a->origin = "message " + m.id + (a->origin.empty() ? "" : " (" + a->origin + ")");
      b.articles.push_back(std::move(*a));
      b.source.push_back(k);
    }
    if (b.articles.empty()) return std::nullopt;

    // Code on `threads` threads; Pipeline::Process is const and thread-safe.
    const std::size_t n = b.articles.size();
    b.coded.resize(n);
    std::vector<Status> errors(n);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) {
        errors[i] = pipeline_.Process(b.articles[i], &b.coded[i]);
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < o_.threads && t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();

    for (std::size_t i = 0; i < n; ++i) {
      if (!errors[i].ok()) {
        Dead(b.messages[b.source[i]], "coding_failed",
             b.articles[i].origin + ": " + errors[i].ToString());
        continue;
      }
      b.to_write.push_back(i);
    }
    if (b.to_write.empty()) return std::nullopt;
    // One order for every worker (by content hash), so concurrent batches
    // that share articles take the store's row locks in the same order.
    std::sort(b.to_write.begin(), b.to_write.end(), [&](std::size_t x, std::size_t y) {
      return b.articles[x].content_hash < b.articles[y].content_hash;
    });
    return b;
  }

  // Stores a batch (writer's thread; no broker calls here).
  WriteOutcome Write(const CodedBatch& b, std::vector<std::size_t> to_write) {
    WriteOutcome out;
    for (int attempt = 1; !to_write.empty(); ++attempt) {
      std::vector<ArticleWrite> writes;
      for (std::size_t i : to_write) writes.push_back({&b.articles[i], &b.coded[i]});
      auto results = store_->Write(writes);
      if (!results.ok()) {
        if (attempt < kWriteAttempts && !stop_) {
          Log("store: batch not committed, trying again: " + results.status().ToString());
          Backoff(attempt);
          continue;
        }
        // Nothing of it is stored; its messages stay pending and are claimed
        // again after claim_after (by this worker or another).
        out.left = to_write;
        Log("store: batch of " + std::to_string(writes.size()) +
            " articles not committed: " + results.status().ToString());
        break;
      }
      out.committed = true;
      std::vector<std::size_t> again;
      for (std::size_t k = 0; k < results->size() && k < to_write.size(); ++k) {
        const WriteResult& r = (*results)[k];
        const std::size_t i = to_write[k];
        const QueueMessage& m = b.messages[b.source[i]];
        switch (r.kind) {
          case WriteKind::kNew:
            ++out.articles;
            out.events += static_cast<std::int64_t>(b.coded[i].events.size());
            out.ack.push_back(m.id);
            break;
          case WriteKind::kDuplicate:
            ++out.duplicates;
            out.ack.push_back(m.id);
            break;
          case WriteKind::kFailed:
            if (r.error.code() != ErrorCode::kIoError) {
              out.rejected.emplace_back(b.source[i], r.error.ToString());  // the article's fault
            } else if (attempt < kWriteAttempts && !stop_) {
              again.push_back(i);  // the database refused for now (deadlock, lost connection)
            } else {
              out.left.push_back(i);
              Log("store: not stored for now: " + r.error.ToString());
            }
            break;
        }
      }
      to_write = std::move(again);
      if (!to_write.empty()) Backoff(attempt);
    }
    return out;
  }

  // Articles the store refused for now (worker's thread, writer idle): the
  // whole batch when its transaction failed (a database that went away), or
  // some after several tries. Keep them, keep every message we hold from
  // being claimed (KeepFresh), reopen the store if we can, and write them
  // again every store_retry_ms until they are stored or we stop (then they
  // stay pending).
  WriteOutcome Retry(const CodedBatch& b, WriteOutcome out) {
    if (out.left.empty()) return out;
    if (waiting_since_ms_ == 0) waiting_since_ms_ = UnixMs();
    state_ = kWorkerWaitingForStore;
    while (!out.left.empty() && !stop_) {
      ++stats_.failed_batches;
      WaitForStore(b);
      if (stop_) break;
      if (o_.reopen_store) {
        auto reopened = o_.reopen_store();
        if (!reopened.ok()) {
          Log("store: reopen: " + reopened.status().ToString());
          continue;
        }
        owned_store_ = std::move(*reopened);
        store_ = owned_store_.get();
        Log("store: reopened");
      }
      KeepFresh(&b, true);
      std::vector<std::size_t> to_write = out.left;
      out.Merge(Write(b, std::move(to_write)));
    }
    waiting_since_ms_ = 0;
    state_ = kWorkerWorking;
    return out;
  }

  // store_retry_ms of waiting, cut short by `stop`, touching what we hold
  // and publishing "waiting for the store".
  void WaitForStore(const CodedBatch& b) {
    KeepFresh(&b, true);
    MaybePublish();
    const auto until = Clock::now() + std::chrono::milliseconds(o_.store_retry_ms);
    while (!stop_ && Clock::now() < until) {
      std::this_thread::sleep_for(
          std::min<Clock::duration>(std::chrono::milliseconds(100), until - Clock::now()));
      KeepFresh(&b, false);
      MaybePublish();
    }
  }

  // Counts, dead letters and acknowledgements of a written batch (worker's thread).
  void Finish(const CodedBatch& b, const WriteOutcome& out) {
    WorkerReport& rep = stats_.report;
    rep.articles += out.articles;
    rep.duplicates += out.duplicates;
    rep.events += out.events;
    if (out.articles > 0) stored_since_stories_ = true;
    if (out.committed) ++rep.batches;
    for (const auto& [k, error] : out.rejected) Dead(b.messages[k], "store_rejected", error);
    Status s = queue_.Ack(out.ack);
    if (!s.ok()) {
      // Committed but not acknowledged: redelivered later, then found stored.
      Log("ack: " + s.ToString());
    }
    // Counters published with every acknowledgement, not only every
    // report_every_s: a worker killed with -9 then leaves uncounted only a
    // batch it committed and had not acknowledged yet (milliseconds).
    Publish(rate_);
  }

  bool InFlight() const { return writing_.valid(); }

  // Resets the idle time of every message this worker holds and has not
  // acknowledged: the batch in the writer, the next one (read and coded,
  // waiting for it) and `also` (a batch being retried), at most every
  // claim_after / 3 unless `now`. Nobody claims them however long the store
  // takes; their delivery counts do not change.
  void KeepFresh(const CodedBatch* also, bool now) {
    const auto t = Clock::now();
    if (!now && t - last_touch_ < TouchEvery()) return;
    last_touch_ = t;
    std::vector<std::string> ids;
    const CodedBatch* batches[] = {in_flight_.get(), held_, also};
    for (int k = 0; k < 3; ++k) {
      const CodedBatch* b = batches[k];
      if (!b || (k == 2 && (b == batches[0] || b == batches[1]))) continue;
      for (const QueueMessage& m : b->messages) ids.push_back(m.id);
    }
    if (Status s = queue_.Touch(o_.name, ids); !s.ok()) Log("touch: " + s.ToString());
  }

  std::chrono::milliseconds TouchEvery() const {
    return std::chrono::milliseconds(std::max(100, o_.claim_after_ms / 3));
  }

  void StartWrite(CodedBatch batch) {
    in_flight_ = std::make_unique<CodedBatch>(std::move(batch));
    const CodedBatch* b = in_flight_.get();
    writing_ = std::async(std::launch::async, [this, b] { return Write(*b, b->to_write); });
  }

  // Waits for the batch in the writer, then acknowledges it. While waiting,
  // keeps what we hold fresh (a slow write is not claimed and coded again
  // elsewhere) and keeps publishing; after a while the state says so.
  void Drain() {
    if (!writing_.valid()) return;
    const auto since = Clock::now();
    const auto slice = std::min(TouchEvery(), std::chrono::milliseconds(200));
    while (writing_.wait_for(slice) != std::future_status::ready) {
      KeepFresh(nullptr, false);
      if (Clock::now() - since > std::chrono::seconds(2) && waiting_since_ms_ == 0) {
        waiting_since_ms_ = UnixMs() - 2000;
        state_ = kWorkerWaitingForStore;
      }
      MaybePublish();
    }
    WriteOutcome out = Retry(*in_flight_, writing_.get());
    waiting_since_ms_ = 0;
    if (state_ == kWorkerWaitingForStore) state_ = kWorkerWorking;
    Finish(*in_flight_, out);
    in_flight_.reset();
  }

  // 50-150 ms times the attempt, jittered so colliding workers drift apart.
  void Backoff(int attempt) {
    int ms;
    {
      std::lock_guard lock(log_mu_);
      ms = std::uniform_int_distribution<int>(50, 150)(rng_);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms * attempt));
  }

  // The story stage over the whole store, by one worker at a time. `final`:
  // on exit, wait for the lock (the last worker to finish sees everything).
  void MaybeRebuildStories(bool final) {
    if (!lock_ || !stored_since_stories_) return;
    if (!final && last_stories_ && Seconds(Clock::now() - *last_stories_) < o_.stories_every_s) {
      return;
    }
    if (!final && !last_stories_ && Seconds(Clock::now() - start_) < o_.stories_every_s) return;
    for (;;) {
      auto got = lock_->TryLock();
      if (!got.ok()) {
        Log(got.status().ToString());
        return;
      }
      if (*got) break;
      if (!final || stop_) return;  // another worker is on it
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    last_stories_ = Clock::now();
    stored_since_stories_ = false;
    auto stories = RebuildStories(*store_);
    Status unlocked = lock_->Unlock();
    if (!unlocked.ok()) Log(unlocked.ToString());
    if (!stories.ok()) {
      stored_since_stories_ = true;
      Log("stories: " + stories.status().ToString());
      return;
    }
    ++stats_.story_rebuilds;
    Log("stories rebuilt: " + std::to_string(stories->clusters) + " clusters, " +
        std::to_string(stories->stories) + " stories, " + std::to_string(stories->duplicates) +
        " near-duplicates (" + std::to_string(Seconds(Clock::now() - *last_stories_)) + " s)");
  }

  Queue& queue_;
  Store* store_;                        // the given one, or owned_store_
  std::unique_ptr<Store> owned_store_;  // reopened after a failure
  const Pipeline& pipeline_;
  const WorkerOptions& o_;
  const std::atomic<bool>& stop_;
  WorkerStats stats_;
  Clock::time_point start_;
  std::unique_ptr<StoryLock> lock_;
  std::optional<Clock::time_point> last_stories_;
  bool stored_since_stories_ = false;
  std::mutex log_mu_;
  std::minstd_rand rng_{std::random_device{}()};
  std::unique_ptr<CodedBatch> in_flight_;  // the batch the writer has
  const CodedBatch* held_ = nullptr;       // the next one, coded, waiting for the writer
  std::future<WriteOutcome> writing_;
  Clock::time_point last_touch_{};
  Clock::time_point last_report_{};
  std::int64_t done_at_report_ = 0;
  double rate_ = 0;  // messages per second over the last report interval
  std::string_view state_ = kWorkerWorking;
  std::int64_t waiting_since_ms_ = 0;  // Unix ms; 0 when not waiting for the store
  WorkerReport carried_;               // totals of earlier runs under this name
  std::string last_loss_;              // newest S:lost id seen
};

}  // namespace

Result<WorkerStats> RunWorker(Queue& queue, Store& store, const Pipeline& pipeline,
                              const WorkerOptions& options, const std::atomic<bool>& stop) {
  if (options.name.empty()) return InvalidArgument("worker: empty consumer name");
  if (options.batch == 0) return InvalidArgument("worker: batch must be at least 1");
  return Worker(queue, store, pipeline, options, stop).Run();
}

}  // namespace dyad
