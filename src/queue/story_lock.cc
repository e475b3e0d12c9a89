// StoryLock: one story-stage run at a time across workers.
//
// PostgreSQL: a session-level advisory lock on a connection of its own (so it
// is released when the worker dies: the server ends the session). SQLite: an
// flock on a file next to the database (released by the kernel on exit).
#include <fcntl.h>
#include <libpq-fe.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include "dyad/queue.h"

namespace dyad {
namespace {

// Advisory lock key: the two halves of "dyad" "stor".
constexpr const char* kLockSql = "SELECT pg_try_advisory_lock(1685676388, 1937010546)";
constexpr const char* kUnlockSql = "SELECT pg_advisory_unlock(1685676388, 1937010546)";

class PgStoryLock : public StoryLock {
 public:
  explicit PgStoryLock(std::string uri) : uri_(std::move(uri)) {}
  ~PgStoryLock() override {
    if (conn_) PQfinish(conn_);
  }

  Result<bool> TryLock() override {
    if (held_) return true;
    // A lost connection lost the lock too: connect again.
    if (conn_ && PQstatus(conn_) != CONNECTION_OK) {
      PQfinish(conn_);
      conn_ = nullptr;
    }
    if (!conn_) {
      conn_ = PQconnectdb(uri_.c_str());
      if (PQstatus(conn_) != CONNECTION_OK) {
        Status s = IoError("story lock: cannot connect to PostgreSQL: " + Error());
        PQfinish(conn_);
        conn_ = nullptr;
        return s;
      }
    }
    PGresult* r = PQexec(conn_, kLockSql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
      Status s = IoError("story lock: pg_try_advisory_lock failed: " + Error());
      PQclear(r);
      return s;
    }
    held_ = std::string_view(PQgetvalue(r, 0, 0)) == "t";
    PQclear(r);
    return held_;
  }

  Status Unlock() override {
    if (!held_) return Status::Ok();
    held_ = false;
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return Status::Ok();  // gone with the session
    PGresult* r = PQexec(conn_, kUnlockSql);
    Status s = PQresultStatus(r) == PGRES_TUPLES_OK
                   ? Status::Ok()
                   : IoError("story lock: pg_advisory_unlock failed: " + Error());
    PQclear(r);
    return s;
  }

 private:
  std::string Error() const {
    std::string e = conn_ ? PQerrorMessage(conn_) : "no connection";
    while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
    return e;
  }

  const std::string uri_;
  PGconn* conn_ = nullptr;
  bool held_ = false;
};

class FileStoryLock : public StoryLock {
 public:
  explicit FileStoryLock(std::string path) : path_(std::move(path)) {}
  ~FileStoryLock() override {
    if (fd_ >= 0) close(fd_);
  }

  Result<bool> TryLock() override {
    if (held_) return true;
    if (fd_ < 0) {
      fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd_ < 0) return IoError("story lock: cannot open " + path_ + ": " + std::strerror(errno));
    }
    if (flock(fd_, LOCK_EX | LOCK_NB) == 0) {
      held_ = true;
      return true;
    }
    if (errno == EWOULDBLOCK) return false;
    return IoError("story lock: flock " + path_ + ": " + std::strerror(errno));
  }

  Status Unlock() override {
    if (!held_) return Status::Ok();
    held_ = false;
    if (flock(fd_, LOCK_UN) != 0) {
      return IoError("story lock: unlock " + path_ + ": " + std::strerror(errno));
    }
    return Status::Ok();
  }

 private:
  const std::string path_;
  int fd_ = -1;
  bool held_ = false;
};

}  // namespace

Result<std::unique_ptr<StoryLock>> StoryLock::Open(const std::string& store_uri) {
  if (store_uri.rfind("postgresql://", 0) == 0 || store_uri.rfind("postgres://", 0) == 0) {
    return std::unique_ptr<StoryLock>(std::make_unique<PgStoryLock>(store_uri));
  }
  std::string path = store_uri;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  if (path.empty()) return InvalidArgument("story lock: empty store path");
  return std::unique_ptr<StoryLock>(std::make_unique<FileStoryLock>(path + ".stories.lock"));
}

}  // namespace dyad
