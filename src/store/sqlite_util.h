// Small RAII helpers over the SQLite C API for the store backend.
#ifndef DYAD_STORE_SQLITE_UTIL_H_
#define DYAD_STORE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad::store {

// A prepared statement. Bind* take 1-based indexes; text is copied by SQLite
// only when `copy` is true (else it must live until the next Step/Reset).
class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept {
    if (this != &o) {
      sqlite3_finalize(stmt_);
      db_ = o.db_;
      stmt_ = o.stmt_;
      o.stmt_ = nullptr;
    }
    return *this;
  }
  ~Stmt() { sqlite3_finalize(stmt_); }

  Status Prepare(sqlite3* db, std::string_view sql) {
    db_ = db;
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt_, nullptr) != SQLITE_OK) {
      return Internal(std::string("SQL prepare failed: ") + sqlite3_errmsg(db) +
                      " in: " + std::string(sql.substr(0, 120)));
    }
    return Status::Ok();
  }

  void Text(int i, std::string_view v, bool copy = false) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()),
                      copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
  }
  // Binds NULL for an empty string.
  void TextOrNull(int i, std::string_view v, bool copy = false) {
    if (v.empty()) {
      sqlite3_bind_null(stmt_, i);
    } else {
      Text(i, v, copy);
    }
  }
  void Int(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void IntOrNull(int i, std::int64_t v, bool present) {
    if (present) {
      sqlite3_bind_int64(stmt_, i, v);
    } else {
      sqlite3_bind_null(stmt_, i);
    }
  }
  void Real(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void Null(int i) { sqlite3_bind_null(stmt_, i); }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  // Steps a statement that returns no row; resets it.
  Status Run() {
    int rc = sqlite3_step(stmt_);
    Status s = rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::Ok() : Error();
    Reset();
    return s;
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Status Error() const { return IoError(std::string("SQLite: ") + sqlite3_errmsg(db_)); }

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t ColInt(int col) const { return sqlite3_column_int64(stmt_, col); }
  double ColReal(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string ColText(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace dyad::store

#endif  // DYAD_STORE_SQLITE_UTIL_H_
