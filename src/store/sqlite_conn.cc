// SqlConnection over the SQLite C API: the embedded store's backend.
#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "store/sql.h"
#include "store/sql_backends.h"

namespace dyad::store {
namespace {

using Clock = std::chrono::steady_clock;

const Dialect kSqlite = {
    .postgres = false,
    .now = "strftime('%Y-%m-%dT%H:%M:%SZ','now')",
    .begin_write = "BEGIN IMMEDIATE",
    .prefix_op = "GLOB",
    .wildcard = '*',
    .ilike = "LIKE",  // SQLite's LIKE ignores ASCII case
};

class SqliteConnection;

class SqliteStatement final : public SqlStatement {
 public:
  SqliteStatement(SqliteConnection* conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void Text(int i, std::string_view v) override {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Int(int i, std::int64_t v) override { sqlite3_bind_int64(stmt_, i, v); }
  void Real(int i, double v) override { sqlite3_bind_double(stmt_, i, v); }
  void Null(int i) override { sqlite3_bind_null(stmt_, i); }

  Result<bool> Step() override;
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t Changes() const override { return changes_; }

  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t ColInt(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double ColReal(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string ColText(int col) const override {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }

 private:
  SqliteConnection* conn_;
  sqlite3_stmt* stmt_;
  std::int64_t changes_ = 0;
};

class SqliteConnection final : public SqlConnection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {
    sqlite3_extended_result_codes(db_, 1);
  }
  ~SqliteConnection() override { sqlite3_close_v2(db_); }

  const Dialect& dialect() const override { return kSqlite; }
  const std::string& name() const override { return path_; }

  Status Exec(std::string_view sql) override {
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      return Error(sqlite3_extended_errcode(db_), msg);
    }
    return Status::Ok();
  }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return Internal(path_ + ": SQL prepare failed: " + sqlite3_errmsg(db_) +
                      " in: " + std::string(sql.substr(0, 160)));
    }
    return std::unique_ptr<SqlStatement>(std::make_unique<SqliteStatement>(this, stmt));
  }

  Status SetTimeout(int ms) override {
    if (ms <= 0) {
      sqlite3_progress_handler(db_, 0, nullptr, nullptr);
      return Status::Ok();
    }
    deadline_ = Clock::now() + std::chrono::milliseconds(ms);
    sqlite3_progress_handler(
        db_, 4096,
        [](void* self) -> int {
          return Clock::now() > static_cast<SqliteConnection*>(self)->deadline_ ? 1 : 0;
        },
        this);
    return Status::Ok();
  }

  // An error status for SQLite result code `rc`.
  Status Error(int rc, const std::string& msg) const {
    if ((rc & 0xff) == SQLITE_INTERRUPT) {
      return LimitExceeded(path_ + ": query took longer than the configured limit");
    }
    return IoError(path_ + ": " + msg);
  }
  Status LastError(int rc) const { return Error(rc, sqlite3_errmsg(db_)); }
  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_;
  std::string path_;
  Clock::time_point deadline_{};
};

Result<bool> SqliteStatement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    changes_ = sqlite3_changes64(conn_->db());
    return false;
  }
  return conn_->LastError(rc);
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, bool read_only,
                                                  int busy_timeout_ms) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    if (read_only && rc == SQLITE_CANTOPEN) return NotFound(path + ": no such store");
    return IoError(path + ": cannot open store: " + msg);
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  auto conn = std::make_unique<SqliteConnection>(db, path);
  if (!read_only) {
    // Switching a new file to WAL needs an exclusive lock, and SQLite answers
    // SQLITE_BUSY at once, without its busy handler, when another connection
    // opening the same new store holds a lock (workers started together): retry
    // for as long as the busy timeout allows.
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    while (true) {
      rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
          std::chrono::steady_clock::now() >= deadline)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (rc != SQLITE_OK) {
      return IoError(path + ": cannot switch the store to WAL mode: " + sqlite3_errmsg(db));
    }
    DYAD_RETURN_IF_ERROR(conn->Exec("PRAGMA synchronous=NORMAL"));
  }
  DYAD_RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys=ON"));
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

}  // namespace dyad::store
