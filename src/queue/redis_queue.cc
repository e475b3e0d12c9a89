// RedisStreamQueue: the Queue interface over Redis Streams (hiredis, RESP2).
//
// Every command goes through RedisConnection::Run, which reconnects with
// back-off when the server goes away (a restart, a network blip) and retries
// the command; replies that say the server is still loading its data
// (LOADING) are retried too. A group that vanished (the stream was deleted or
// the server restarted without persistence) is created again (NOGROUP), with
// a warning in the log and an entry in S:lost, since what it held is lost.
#include <hiredis/hiredis.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "dyad/queue.h"

namespace dyad {
namespace {

using Clock = std::chrono::steady_clock;

struct ReplyDeleter {
  void operator()(redisReply* r) const {
    if (r) freeReplyObject(r);
  }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string user, password;
  int db = 0;
};

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

Result<RedisAddress> ParseRedisUri(const std::string& uri) {
  constexpr std::string_view kScheme = "redis://";
  if (uri.rfind(kScheme, 0) != 0) {
    return InvalidArgument("redis URI '" + uri +
                           "': expected redis://[:password@]host[:port][/db]");
  }
  std::string_view rest = std::string_view(uri).substr(kScheme.size());
  RedisAddress a;
  std::string_view path;
  if (std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (std::size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      a.user = std::string(userinfo.substr(0, colon));
      a.password = std::string(userinfo.substr(colon + 1));
    } else {
      a.password = std::string(userinfo);
    }
  }
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {  // [::1]:6379
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgument("redis URI '" + uri + "': unclosed '[' in the host");
    }
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != ':') return InvalidArgument("redis URI '" + uri + "': bad port");
      port = rest.substr(close + 2);
    }
  } else if (std::size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (!host.empty()) a.host = std::string(host);
  if (!port.empty() && (!ParseInt(port, &a.port) || a.port <= 0 || a.port > 65535)) {
    return InvalidArgument("redis URI '" + uri + "': bad port '" + std::string(port) + "'");
  }
  if (!path.empty() && (!ParseInt(path, &a.db) || a.db < 0)) {
    return InvalidArgument("redis URI '" + uri + "': bad database number '" + std::string(path) +
                           "'");
  }
  return a;
}

timeval ToTimeval(int ms) {
  timeval tv;
  tv.tv_sec = ms / 1000;
  tv.tv_usec = (ms % 1000) * 1000;
  return tv;
}

std::string_view Str(const redisReply* r) {
  if (!r || (r->type != REDIS_REPLY_STRING && r->type != REDIS_REPLY_STATUS &&
             r->type != REDIS_REPLY_ERROR)) {
    return {};
  }
  return {r->str, r->len};
}

std::int64_t Int(const redisReply* r) {
  if (!r) return 0;
  if (r->type == REDIS_REPLY_INTEGER) return r->integer;
  if (r->type == REDIS_REPLY_STRING) {
    std::int64_t v = 0;
    std::from_chars(r->str, r->str + r->len, v);
    return v;
  }
  return 0;
}

bool IsArray(const redisReply* r) { return r && r->type == REDIS_REPLY_ARRAY; }

// A connection that reconnects. Not thread-safe (one per Queue).
class RedisConnection {
 public:
  RedisConnection(RedisAddress address, const RedisQueueOptions& options)
      : address_(std::move(address)), options_(options) {}
  ~RedisConnection() { Drop(); }

  // Runs one command; `timeout_ms` bounds the wait for its reply. Returns the
  // reply (which may be an error reply) or kIoError after retry_for_ms.
  Result<Reply> Run(const std::vector<std::string>& args, int timeout_ms = 10000) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    for (const std::string& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    return Retry([&]() -> Result<Reply> {
      SetTimeout(timeout_ms);
      void* r = redisCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data());
      if (!r) return IoError(Where() + ": " + std::string(ctx_->errstr));
      return Reply(static_cast<redisReply*>(r));
    });
  }

  // Runs several commands in one round trip; the whole set is sent again
  // after a reconnect.
  Result<std::vector<Reply>> RunPipelined(const std::vector<std::vector<std::string>>& commands) {
    return Retry([&]() -> Result<std::vector<Reply>> {
      SetTimeout(30000);
      for (const auto& args : commands) {
        std::vector<const char*> argv;
        std::vector<std::size_t> lens;
        for (const std::string& a : args) {
          argv.push_back(a.data());
          lens.push_back(a.size());
        }
        if (redisAppendCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data()) !=
            REDIS_OK) {
          return IoError(Where() + ": " + std::string(ctx_->errstr));
        }
      }
      std::vector<Reply> replies;
      for (std::size_t i = 0; i < commands.size(); ++i) {
        void* r = nullptr;
        if (redisGetReply(ctx_, &r) != REDIS_OK || !r) {
          return IoError(Where() + ": " + std::string(ctx_->errstr));
        }
        replies.emplace_back(static_cast<redisReply*>(r));
      }
      return replies;
    });
  }

  std::string Where() const {
    return "redis " + address_.host + ":" + std::to_string(address_.port);
  }

 private:
  template <typename T, typename F>
  Result<T> RetryImpl(F&& attempt) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(options_.retry_for_ms);
    int backoff_ms = 50;
    Status last;
    for (int tries = 0;; ++tries) {
      if (!ctx_) last = Connect();
      if (ctx_) {
        Result<T> r = attempt();
        if (r.ok()) {
          if (!IsLoading(*r)) {
            if (lost_) {
              lost_ = false;
              Log("reconnected to " + Where());
            }
            return r;
          }
          last = IoError(Where() + ": the server is loading its data");
        } else {
          last = r.status();
          Drop();
        }
      }
      if (!lost_) {
        lost_ = true;
        Log(last.message() + "; retrying for up to " +
            std::to_string(options_.retry_for_ms / 1000) + " s");
      }
      if ((options_.stop && options_.stop->load()) || Clock::now() >= deadline) return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(backoff_ms));
      backoff_ms = std::min(backoff_ms * 2, 2000);
    }
  }
  template <typename F>
  auto Retry(F&& attempt) -> decltype(attempt()) {
    using R = decltype(attempt());
    using T = std::decay_t<decltype(std::declval<R&>().value())>;
    return RetryImpl<T>(std::forward<F>(attempt));
  }

  static bool IsLoading(const Reply& r) {
    return r && r->type == REDIS_REPLY_ERROR && Str(r.get()).starts_with("LOADING");
  }
  static bool IsLoading(const std::vector<Reply>& rs) {
    for (const Reply& r : rs) {
      if (IsLoading(r)) return true;
    }
    return false;
  }

  Status Connect() {
    Drop();
    redisContext* c = redisConnectWithTimeout(address_.host.c_str(), address_.port,
                                              ToTimeval(options_.connect_timeout_ms));
    if (!c) return IoError(Where() + ": out of memory connecting");
    if (c->err) {
      Status s = IoError(Where() + ": " + std::string(c->errstr));
      redisFree(c);
      return s;
    }
    redisEnableKeepAlive(c);
    ctx_ = c;
    timeout_ms_ = -1;
    auto simple = [&](std::vector<std::string> args) -> Status {
      std::vector<const char*> argv;
      std::vector<std::size_t> lens;
      for (const std::string& a : args) {
        argv.push_back(a.data());
        lens.push_back(a.size());
      }
      Reply r(static_cast<redisReply*>(
          redisCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data())));
      if (!r) return IoError(Where() + ": " + std::string(ctx_->errstr));
      if (r->type == REDIS_REPLY_ERROR) {
        return InvalidArgument(Where() + ": " + args[0] + ": " + std::string(Str(r.get())));
      }
      return Status::Ok();
    };
    Status s;
    if (!address_.password.empty()) {
      s = address_.user.empty() ? simple({"AUTH", address_.password})
                                : simple({"AUTH", address_.user, address_.password});
    }
    if (s.ok() && address_.db != 0) s = simple({"SELECT", std::to_string(address_.db)});
    if (!s.ok()) Drop();
    return s;
  }

  void SetTimeout(int ms) {
    if (ms != timeout_ms_ && ctx_) {
      redisSetTimeout(ctx_, ToTimeval(ms));
      timeout_ms_ = ms;
    }
  }

  void Drop() {
    if (ctx_) redisFree(ctx_);
    ctx_ = nullptr;
  }

  void Log(const std::string& message) {
    if (options_.log) options_.log(Diagnostic{"", message});
  }

  const RedisAddress address_;
  const RedisQueueOptions options_;
  redisContext* ctx_ = nullptr;
  int timeout_ms_ = -1;
  bool lost_ = false;
};

constexpr std::size_t kDeadOriginalBytes = 4096;

class RedisStreamQueue : public Queue {
 public:
  RedisStreamQueue(RedisAddress address, const RedisQueueOptions& options)
      : options_(options), conn_(std::move(address), options) {}

  Status Init() {
    auto r = conn_.Run({"XGROUP", "CREATE", options_.stream, options_.group, "0", "MKSTREAM"});
    if (!r.ok()) return r.status();
    if ((*r)->type == REDIS_REPLY_ERROR && !Str(r->get()).starts_with("BUSYGROUP")) {
      return Fail("XGROUP CREATE", r->get());
    }
    return Status::Ok();
  }

  Result<std::vector<std::string>> Enqueue(std::span<const std::string> payloads) override {
    std::vector<std::vector<std::string>> commands;
    commands.reserve(payloads.size());
    for (const std::string& p : payloads)
      commands.push_back({"XADD", options_.stream, "*", "article", p});
    std::vector<std::string> ids;
    if (commands.empty()) return ids;
    auto replies = conn_.RunPipelined(commands);
    if (!replies.ok()) return replies.status();
    for (const Reply& r : *replies) {
      if (r->type != REDIS_REPLY_STRING) return Fail("XADD", r.get());
      ids.emplace_back(Str(r.get()));
    }
    return ids;
  }

  Result<std::vector<QueueMessage>> Read(const std::string& consumer, std::size_t max,
                                         int block_ms) override {
    std::vector<std::string> args = {"XREADGROUP",   "GROUP",
                                     options_.group, consumer,
                                     "COUNT",        std::to_string(std::max<std::size_t>(1, max))};
    if (block_ms > 0) {
      args.push_back("BLOCK");
      args.push_back(std::to_string(block_ms));
    }
    args.insert(args.end(), {"STREAMS", options_.stream, ">"});
    auto r = RunWithGroup(args, std::max(0, block_ms) + 10000);
    if (!r.ok()) return r.status();
    std::vector<QueueMessage> out;
    DYAD_RETURN_IF_ERROR(ParseReadReply(r->get(), &out));
    return out;
  }

  Result<std::vector<QueueMessage>> ReadPending(const std::string& consumer,
                                                std::size_t max) override {
    auto r = RunWithGroup({"XREADGROUP", "GROUP", options_.group, consumer, "COUNT",
                           std::to_string(std::max<std::size_t>(1, max)), "STREAMS",
                           options_.stream, "0"});
    if (!r.ok()) return r.status();
    std::vector<QueueMessage> out;
    DYAD_RETURN_IF_ERROR(ParseReadReply(r->get(), &out));
    DYAD_RETURN_IF_ERROR(FillDeliveries(consumer, &out));
    return out;
  }

  Status Ack(std::span<const std::string> ids) override {
    if (ids.empty()) return Status::Ok();
    std::vector<std::string> args = {"XACK", options_.stream, options_.group};
    args.insert(args.end(), ids.begin(), ids.end());
    auto r = conn_.Run(args);
    if (!r.ok()) return r.status();
    if ((*r)->type == REDIS_REPLY_ERROR) return Fail("XACK", r->get());
    if (options_.delete_acked) {
      args = {"XDEL", options_.stream};
      args.insert(args.end(), ids.begin(), ids.end());
      auto d = conn_.Run(args);
      if (!d.ok()) return d.status();
      if ((*d)->type == REDIS_REPLY_ERROR) return Fail("XDEL", d->get());
    }
    return Status::Ok();
  }

  Result<std::vector<QueueMessage>> Claim(const std::string& consumer, int min_idle_ms,
                                          std::size_t max) override {
    std::vector<QueueMessage> out;
    // One pass over the pending list at most: XAUTOCLAIM returns a cursor;
    // "0-0" means the scan reached the end.
    for (int rounds = 0; rounds < 16 && out.size() < max; ++rounds) {
      auto r = RunWithGroup({"XAUTOCLAIM", options_.stream, options_.group, consumer,
                             std::to_string(std::max(0, min_idle_ms)), claim_cursor_, "COUNT",
                             std::to_string(max - out.size())});
      if (!r.ok()) return r.status();
      const redisReply* rep = r->get();
      if (!IsArray(rep) || rep->elements < 2) return Fail("XAUTOCLAIM", rep);
      claim_cursor_ = std::string(Str(rep->element[0]));
      if (claim_cursor_.empty()) claim_cursor_ = "0-0";
      ParseEntries(rep->element[1], &out);
      if (claim_cursor_ == "0-0") break;
    }
    // XAUTOCLAIM counted this delivery.
    DYAD_RETURN_IF_ERROR(FillDeliveries(consumer, &out));
    return out;
  }

  Status Touch(const std::string& consumer, std::span<const std::string> ids) override {
    if (ids.empty()) return Status::Ok();
    // XCLAIM to the same consumer with JUSTID: idle time reset, count unchanged.
    std::vector<std::string> args = {"XCLAIM", options_.stream, options_.group, consumer, "0"};
    args.insert(args.end(), ids.begin(), ids.end());
    args.push_back("JUSTID");
    auto r = RunWithGroup(args);
    if (!r.ok()) return r.status();
    return Status::Ok();
  }

  Status DeadLetter(const QueueMessage& message, const std::string& consumer,
                    std::string_view reason, std::string_view error) override {
    std::string original = message.payload.substr(0, kDeadOriginalBytes);
    // Keep the cut copy valid UTF-8 for readers: drop a partial sequence at the end.
    if (original.size() < message.payload.size()) {
      std::size_t n = original.size();
      std::size_t k = n;
      while (k > 0 && n - k < 4 && (static_cast<unsigned char>(original[k - 1]) & 0xC0) == 0x80)
        --k;
      if (k > 0 && static_cast<unsigned char>(original[k - 1]) >= 0xC0) original.resize(k - 1);
    }
    auto r = conn_.Run({"XADD", DeadStream(), "*", "id", message.id, "reason", std::string(reason),
                        "error", std::string(error), "deliveries",
                        std::to_string(message.deliveries), "consumer", consumer, "bytes",
                        std::to_string(message.payload.size()), "original", original});
    if (!r.ok()) return r.status();
    if ((*r)->type == REDIS_REPLY_ERROR) return Fail("XADD " + DeadStream(), r->get());
    std::string id = message.id;
    return Ack(std::span<const std::string>(&id, 1));
  }

  Result<std::vector<DeadLetterRecord>> DeadLetters(std::size_t max) override {
    auto r = conn_.Run({"XREVRANGE", DeadStream(), "+", "-", "COUNT", std::to_string(max)});
    if (!r.ok()) return r.status();
    const redisReply* rep = r->get();
    if (!IsArray(rep)) return Fail("XREVRANGE", rep);
    std::vector<DeadLetterRecord> out;
    for (std::size_t i = 0; i < rep->elements; ++i) {
      const redisReply* e = rep->element[i];
      if (!IsArray(e) || e->elements < 2 || !IsArray(e->element[1])) continue;
      DeadLetterRecord d;
      d.dead_id = std::string(Str(e->element[0]));
      const redisReply* f = e->element[1];
      for (std::size_t k = 0; k + 1 < f->elements; k += 2) {
        std::string_view key = Str(f->element[k]);
        std::string value(Str(f->element[k + 1]));
        if (key == "id") d.original_id = value;
        if (key == "reason") d.reason = value;
        if (key == "error") d.error = value;
        if (key == "consumer") d.consumer = value;
        if (key == "deliveries") d.deliveries = Int(f->element[k + 1]);
        if (key == "bytes") d.bytes = Int(f->element[k + 1]);
        if (key == "original") d.original = value;
      }
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<QueueStatus> GetStatus() override {
    QueueStatus st;
    st.stream = options_.stream;
    st.group = options_.group;
    auto replies = conn_.RunPipelined({{"XLEN", options_.stream},
                                       {"XLEN", DeadStream()},
                                       {"XINFO", "GROUPS", options_.stream},
                                       {"HGETALL", WorkersHash()},
                                       {"XLEN", LostStream()},
                                       {"XREVRANGE", LostStream(), "+", "-", "COUNT", "1"}});
    if (!replies.ok()) return replies.status();
    st.length = Int((*replies)[0].get());
    st.dead_letters = Int((*replies)[1].get());
    st.losses = Int((*replies)[4].get());
    ParseLastLoss((*replies)[5].get(), &st);
    const redisReply* groups = (*replies)[2].get();
    if (IsArray(groups)) {
      for (std::size_t g = 0; g < groups->elements; ++g) {
        const redisReply* info = groups->element[g];
        if (!IsArray(info)) continue;
        std::string name;
        QueueStatus one;
        for (std::size_t k = 0; k + 1 < info->elements; k += 2) {
          std::string_view key = Str(info->element[k]);
          const redisReply* v = info->element[k + 1];
          if (key == "name") name = std::string(Str(v));
          if (key == "consumers") one.consumers = Int(v);
          if (key == "pending") one.pending = Int(v);
          if (key == "lag") one.lag = v->type == REDIS_REPLY_NIL ? -1 : Int(v);
        }
        if (name == options_.group) {
          st.consumers = one.consumers;
          st.pending = one.pending;
          st.lag = one.lag;
        }
      }
    }
    const redisReply* workers = (*replies)[3].get();
    if (IsArray(workers)) {
      for (std::size_t k = 0; k + 1 < workers->elements; k += 2) {
        WorkerReport w;
        if (!ParseWorkerReport(Str(workers->element[k + 1]), &w)) continue;
        w.name = std::string(Str(workers->element[k]));
        st.workers.push_back(std::move(w));
      }
      std::sort(st.workers.begin(), st.workers.end(),
                [](const WorkerReport& a, const WorkerReport& b) { return a.name < b.name; });
    }
    return st;
  }

  Result<std::string> LastLoss() override {
    auto r = conn_.Run({"XREVRANGE", LostStream(), "+", "-", "COUNT", "1"});
    if (!r.ok()) return r.status();
    const redisReply* rep = r->get();
    if (!IsArray(rep)) return Fail("XREVRANGE " + LostStream(), rep);
    if (rep->elements == 0 || !IsArray(rep->element[0]) || rep->element[0]->elements < 1) {
      return std::string();
    }
    return std::string(Str(rep->element[0]->element[0]));
  }

  Status Report(const WorkerReport& w) override {
    auto r = conn_.Run({"HSET", WorkersHash(), w.name, WorkerReportJson(w, false)});
    if (!r.ok()) return r.status();
    if ((*r)->type == REDIS_REPLY_ERROR) return Fail("HSET", r->get());
    return Status::Ok();
  }

 private:
  std::string DeadStream() const { return options_.stream + ":dead"; }
  std::string WorkersHash() const { return options_.stream + ":workers"; }
  std::string LostStream() const { return options_.stream + ":lost"; }

  // The counters of one worker from their JSON (S:workers); false if not JSON.
  static bool ParseWorkerReport(std::string_view text, WorkerReport* w) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return false;
    auto num = [&](const char* key, std::int64_t fallback) -> std::int64_t {
      auto it = j.find(key);
      return it != j.end() && it->is_number() ? it->get<std::int64_t>() : fallback;
    };
    auto real = [&](const char* key) -> double {
      auto it = j.find(key);
      return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
    };
    w->articles = num("articles", 0);
    w->duplicates = num("duplicates", 0);
    w->events = num("events", 0);
    w->dead = num("dead", 0);
    w->claimed = num("claimed", 0);
    w->batches = num("batches", 0);
    w->rate = real("rate");
    w->average_rate = real("average_rate");
    w->started_ms = num("started_ms", 0);
    w->last_seen_ms = num("last_seen_ms", 0);
    w->waiting_since_ms = num("waiting_since_ms", 0);
    w->runs = num("runs", 1);
    w->losses = num("losses", 0);
    if (auto it = j.find("running"); it != j.end() && it->is_boolean()) {
      w->running = it->get<bool>();
    }
    if (auto it = j.find("state"); it != j.end() && it->is_string()) {
      w->state = it->get<std::string>();
    } else {
      w->state = std::string(w->running ? kWorkerWorking : kWorkerStopped);
    }
    return true;
  }

  // The newest entry of S:lost (XREVRANGE ... COUNT 1) into `st`.
  static void ParseLastLoss(const redisReply* rep, QueueStatus* st) {
    if (!IsArray(rep) || rep->elements == 0 || !IsArray(rep->element[0])) return;
    const redisReply* e = rep->element[0];
    if (e->elements < 2 || !IsArray(e->element[1])) return;
    std::string_view id = Str(e->element[0]);
    std::from_chars(id.data(), id.data() + id.size(), st->last_loss_ms);
    const redisReply* f = e->element[1];
    for (std::size_t k = 0; k + 1 < f->elements; k += 2) {
      if (Str(f->element[k]) == "message") st->last_loss = std::string(Str(f->element[k + 1]));
    }
  }

  // The entries of an XREADGROUP reply (nil: none).
  Status ParseReadReply(const redisReply* rep, std::vector<QueueMessage>* out) const {
    if (rep->type == REDIS_REPLY_NIL) return Status::Ok();
    if (!IsArray(rep)) return Fail("XREADGROUP", rep);
    for (std::size_t s = 0; s < rep->elements; ++s) {
      const redisReply* stream = rep->element[s];
      if (!IsArray(stream) || stream->elements < 2) continue;
      ParseEntries(stream->element[1], out);
    }
    return Status::Ok();
  }

  // Runs a group command; when the group is gone (NOGROUP: the stream was
  // deleted, or the server came back without it) creates it and runs it again.
  Result<Reply> RunWithGroup(const std::vector<std::string>& args, int timeout_ms = 10000) {
    auto r = conn_.Run(args, timeout_ms);
    if (!r.ok()) return r;
    if ((*r)->type == REDIS_REPLY_ERROR && Str(r->get()).starts_with("NOGROUP")) {
      DYAD_RETURN_IF_ERROR(Recreate(args[0]));
      r = conn_.Run(args, timeout_ms);
      if (!r.ok()) return r;
    }
    if ((*r)->type == REDIS_REPLY_ERROR) return Fail(args[0], r->get());
    return r;
  }

  // The group (or the whole stream) vanished after this handle had seen it:
  // says so loudly, creates the group again and, if this call created it
  // (others may race here), records the loss in S:lost for every worker and
  // `dyad worker --status` to see.
  Status Recreate(const std::string& command) {
    auto exists = conn_.Run({"EXISTS", options_.stream});
    if (!exists.ok()) return exists.status();
    const bool stream_gone = Int(exists->get()) == 0;
    auto r = conn_.Run({"XGROUP", "CREATE", options_.stream, options_.group, "0", "MKSTREAM"});
    if (!r.ok()) return r.status();
    const bool created = (*r)->type != REDIS_REPLY_ERROR;
    if (!created && !Str(r->get()).starts_with("BUSYGROUP")) return Fail("XGROUP CREATE", r->get());
    const std::string message =
        stream_gone
            ? "stream '" + options_.stream +
                  "' vanished (Redis restarted without persistence, or the key was deleted): "
                  "its entries and pending lists are lost; re-enqueue what was not stored"
            : "consumer group '" + options_.group + "' of stream '" + options_.stream +
                  "' vanished: created again at id 0, so the stream's entries are delivered "
                  "again (the store keeps one copy)";
    if (options_.log) {
      options_.log(Diagnostic{
          "", "WARNING: " + message + " (found by " + command + " on " + conn_.Where() + ")"});
    }
    if (!created) return Status::Ok();  // another consumer recreated it and records it
    auto rec =
        conn_.Run({"XADD", LostStream(), "MAXLEN", "~", "1000", "*", "what",
                   stream_gone ? "stream" : "group", "command", command, "message", message});
    if (!rec.ok()) return rec.status();
    if ((*rec)->type == REDIS_REPLY_ERROR) return Fail("XADD " + LostStream(), rec->get());
    return Status::Ok();
  }

  // Delivery counts of messages pending for `consumer`, from the pending list.
  Status FillDeliveries(const std::string& consumer, std::vector<QueueMessage>* out) {
    if (out->empty()) return Status::Ok();
    std::string lo = out->front().id, hi = out->front().id;
    for (const QueueMessage& m : *out) {
      if (CompareIds(m.id, lo) < 0) lo = m.id;
      if (CompareIds(m.id, hi) > 0) hi = m.id;
    }
    auto p = conn_.Run({"XPENDING", options_.stream, options_.group, lo, hi,
                        std::to_string(out->size() + 64), consumer});
    if (!p.ok()) return p.status();
    if (!IsArray(p->get())) return Status::Ok();
    const redisReply* rep = p->get();
    for (std::size_t i = 0; i < rep->elements; ++i) {
      const redisReply* e = rep->element[i];
      if (!IsArray(e) || e->elements < 4) continue;
      std::string_view id = Str(e->element[0]);
      for (QueueMessage& m : *out) {
        if (m.id == id) m.deliveries = Int(e->element[3]);
      }
    }
    return Status::Ok();
  }

  Status Fail(const std::string& what, const redisReply* r) const {
    std::string detail =
        r && r->type == REDIS_REPLY_ERROR ? std::string(Str(r)) : "unexpected reply";
    return IoError(conn_.Where() + ": " + what + " on '" + options_.stream + "': " + detail);
  }

  static void ParseEntries(const redisReply* entries, std::vector<QueueMessage>* out) {
    if (!IsArray(entries)) return;
    for (std::size_t i = 0; i < entries->elements; ++i) {
      const redisReply* e = entries->element[i];
      if (!IsArray(e) || e->elements < 1) continue;
      QueueMessage m;
      m.id = std::string(Str(e->element[0]));
      if (m.id.empty()) continue;
      m.has_payload = false;
      if (e->elements >= 2 && IsArray(e->element[1])) {
        const redisReply* f = e->element[1];
        for (std::size_t k = 0; k + 1 < f->elements; k += 2) {
          if (Str(f->element[k]) == "article") {
            m.payload = std::string(Str(f->element[k + 1]));
            m.has_payload = true;
            break;
          }
        }
      }
      out->push_back(std::move(m));
    }
  }

  // Orders stream ids "ms-seq" numerically.
  static int CompareIds(std::string_view a, std::string_view b) {
    auto split = [](std::string_view s) {
      std::uint64_t ms = 0, seq = 0;
      std::size_t dash = s.find('-');
      std::from_chars(s.data(), s.data() + std::min(dash, s.size()), ms);
      if (dash != std::string_view::npos)
        std::from_chars(s.data() + dash + 1, s.data() + s.size(), seq);
      return std::pair(ms, seq);
    };
    auto x = split(a), y = split(b);
    return x < y ? -1 : (y < x ? 1 : 0);
  }

  const RedisQueueOptions options_;
  RedisConnection conn_;
  std::string claim_cursor_ = "0-0";
};

}  // namespace

Result<std::unique_ptr<Queue>> OpenRedisQueue(const RedisQueueOptions& options) {
  auto address = ParseRedisUri(options.uri);
  if (!address.ok()) return address.status();
  if (options.stream.empty()) return InvalidArgument("redis queue: empty stream name");
  if (options.group.empty()) return InvalidArgument("redis queue: empty group name");
  auto q = std::make_unique<RedisStreamQueue>(std::move(*address), options);
  DYAD_RETURN_IF_ERROR(q->Init());
  return std::unique_ptr<Queue>(std::move(q));
}

std::string WorkerReportJson(const WorkerReport& w, bool with_name) {
  nlohmann::json j = nlohmann::json::object();
  if (with_name) j["name"] = w.name;
  j["articles"] = w.articles;
  j["duplicates"] = w.duplicates;
  j["events"] = w.events;
  j["dead"] = w.dead;
  j["claimed"] = w.claimed;
  j["batches"] = w.batches;
  j["rate"] = w.rate;
  j["average_rate"] = w.average_rate;
  j["started_ms"] = w.started_ms;
  j["last_seen_ms"] = w.last_seen_ms;
  j["running"] = w.running;
  j["state"] = w.state;
  j["waiting_since_ms"] = w.waiting_since_ms;
  j["runs"] = w.runs;
  j["losses"] = w.losses;
  return j.dump();
}

}  // namespace dyad
