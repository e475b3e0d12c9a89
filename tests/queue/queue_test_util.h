// Helpers for the queue tests: temporary folders, a private redis-server that
// a test may stop and restart, raw Redis commands, running the CLI, Reuters
// articles from the shared corpus, and reading a store back.
#ifndef DYAD_TESTS_QUEUE_TEST_UTIL_H_
#define DYAD_TESTS_QUEUE_TEST_UTIL_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "dyad/store.h"
#include "support/services.h"
#include "support/temp_dir.h"

namespace dyad::testing {

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A stream name no other test (or run) uses.
inline std::string UniqueStream(std::string_view test) {
  return "dyad-test:" + std::string(test) + ":" + std::to_string(getpid()) + ":" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

// Starts `argv` with stdout/stderr to files; returns the pid.
inline pid_t Spawn(const std::vector<std::string>& args, const std::string& out_path,
                   const std::string& err_path) {
  pid_t pid = fork();
  if (pid == 0) {
    int out =
        open(out_path.empty() ? "/dev/null" : out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err =
        open(err_path.empty() ? "/dev/null" : err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

inline int Wait(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

// Runs the dyad CLI to completion; stdout and stderr returned through out/err.
inline int RunCli(std::vector<std::string> args, const TempDir& dir, std::string* out = nullptr,
                  std::string* err = nullptr) {
  args.insert(args.begin(), DYAD_CLI);
  static int n = 0;
  const std::string o = dir / ("cli" + std::to_string(++n) + ".out");
  const std::string e = dir / ("cli" + std::to_string(n) + ".err");
  int rc = Wait(Spawn(args, o, e));
  if (out) *out = Slurp(o);
  if (err) *err = Slurp(e);
  return rc;
}

inline int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = {};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// Raw commands on a Redis server (test set-up and checks).
class RedisClient {
 public:
  RedisClient(const std::string& host, int port) {
    timeval tv = {2, 0};
    ctx_ = redisConnectWithTimeout(host.c_str(), port, tv);
  }
  explicit RedisClient(const std::string& uri) {
    // redis://host:port
    std::string rest = uri.substr(uri.find("//") + 2);
    std::size_t colon = rest.rfind(':');
    std::string host = rest.substr(0, colon);
    int port = std::stoi(rest.substr(colon + 1));
    timeval tv = {2, 0};
    ctx_ = redisConnectWithTimeout(host.c_str(), port, tv);
  }
  ~RedisClient() {
    if (ctx_) redisFree(ctx_);
  }
  bool ok() const { return ctx_ && !ctx_->err; }

  // Runs a command; returns the reply as text ("(nil)", integers as digits,
  // arrays as their element count), or "ERR..." / "IOERR".
  std::string Run(const std::vector<std::string>& args) {
    if (!ok()) return "IOERR";
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    for (const std::string& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    auto* r = static_cast<redisReply*>(
        redisCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data()));
    if (!r) return "IOERR";
    std::string out;
    switch (r->type) {
      case REDIS_REPLY_INTEGER:
        out = std::to_string(r->integer);
        break;
      case REDIS_REPLY_NIL:
        out = "(nil)";
        break;
      case REDIS_REPLY_ARRAY:
        out = std::to_string(r->elements);
        break;
      default:
        out.assign(r->str, r->len);
    }
    freeReplyObject(r);
    return out;
  }

 private:
  redisContext* ctx_ = nullptr;
};

// A redis-server of the test's own (from PATH), on a free loopback port with
// an append-only file in `dir`, so Restart() keeps the streams and groups;
// without `persistent`, Restart() brings back an empty server.
class OwnRedis {
 public:
  explicit OwnRedis(std::string dir, bool persistent = true)
      : dir_(std::move(dir)), port_(FreePort()), persistent_(persistent) {
    Start();
  }
  ~OwnRedis() { Stop(); }

  std::string uri() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  bool running() const { return pid_ > 0; }

  void Start() {
    pid_ = Spawn(
        {"redis-server", "--bind", "127.0.0.1", "--port", std::to_string(port_), "--dir", dir_,
         "--save", "", "--appendonly", persistent_ ? "yes" : "no", "--appendfsync", "always"},
        dir_ + "/redis.out", dir_ + "/redis.err");
    for (int i = 0; i < 100; ++i) {
      RedisClient c("127.0.0.1", port_);
      if (c.ok() && c.Run({"PING"}) == "PONG") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "redis-server did not start on port " << port_ << ": "
                  << Slurp(dir_ + "/redis.out");
  }
  // SIGTERM: the server flushes its append-only file and exits.
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    Wait(pid_);
    pid_ = -1;
  }
  void Restart() {
    Stop();
    Start();
  }

 private:
  std::string dir_;
  int port_;
  bool persistent_;
  pid_t pid_ = -1;
};

// A fresh database on the PostgreSQL server of scripts/services.sh, dropped
// at the end. Refuse() makes it unavailable as a stopped server would be
// (open connections cut, new ones refused) without stopping the server the
// other tests share; Allow() brings it back.
class PgDatabase {
 public:
  PgDatabase(std::string admin, const std::string& name)
      : admin_(std::move(admin)), uri_(FreshPgDatabase(admin_, name)) {
    name_ = uri_.substr(uri_.rfind('/') + 1);
    name_ = name_.substr(0, name_.find('?'));
  }
  ~PgDatabase() {
    Allow();
    PgExec(admin_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  const std::string& uri() const { return uri_; }

  void Refuse() {
    EXPECT_EQ(PgExec(admin_, "ALTER DATABASE " + name_ + " ALLOW_CONNECTIONS false"), "");
    EXPECT_EQ(
        PgExec(admin_, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                           name_ + "'"),
        "");
  }
  void Allow() { PgExec(admin_, "ALTER DATABASE " + name_ + " ALLOW_CONNECTIONS true"); }

 private:
  std::string admin_, uri_, name_;
};

// The first `n` articles of the Reuters-21578 corpus (read in place) as a
// JSON-lines file in `dir`; returns its path.
inline std::string ReutersSample(const TempDir& dir, int n) {
  std::ifstream in(std::string(DYAD_SHARED_DIR) + "/data/corpus/reuters21578.jsonl");
  EXPECT_TRUE(in) << "missing " << DYAD_SHARED_DIR << "/data/corpus/reuters21578.jsonl";
  const std::string path = dir / ("reuters" + std::to_string(n) + ".jsonl");
  std::ofstream out(path);
  std::string line;
  for (int i = 0; i < n && std::getline(in, line); ++i) out << line << '\n';
  return path;
}

// content hash -> number of events of every stored article; fails the test
// when an article is stored twice.
inline std::map<std::string, std::size_t> EventsByArticle(const std::string& db) {
  std::map<std::string, std::size_t> out;
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(db, ro);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return out;
  Status s = (*store)->ForEachArticle([&](const StoredArticle& a) {
    EXPECT_EQ(out.count(a.article.content_hash), 0u) << "stored twice: " << a.article.id;
    out[a.article.content_hash] = a.coded.events.size();
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

}  // namespace dyad::testing

#endif  // DYAD_TESTS_QUEUE_TEST_UTIL_H_
