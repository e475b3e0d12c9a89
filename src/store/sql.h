// A small SQL connection interface under dyad::Store, so the store's logic and
// queries are written once for every backend (SQLite, PostgreSQL). Statements
// are written with `?` placeholders (or `?N` for the N-th parameter); a backend
// rewrites them to its own syntax. What the SQL dialects do differently
// (current time, prefix match, byte substrings, case-insensitive LIKE) comes
// from Dialect, so the queries stay one text.
#ifndef DYAD_STORE_SQL_H_
#define DYAD_STORE_SQL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad::store {

struct Dialect {
  bool postgres = false;
  // An expression for the current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
  std::string_view now;
  // Starts a write transaction that holds the write lock from the start.
  std::string_view begin_write;
  // `col <prefix_op> ?` with the bound pattern ending in `wildcard`: a
  // case-sensitive prefix match that can use an index. Patterns bound with it
  // contain only letters and digits before the wildcard.
  std::string_view prefix_op;
  char wildcard = '*';
  // Case-insensitive LIKE (ESCAPE '\').
  std::string_view ilike;

  // The text of bytes [begin, end) of `body` (UTF-8 byte offsets).
  std::string ByteSlice(std::string_view body, std::string_view begin, std::string_view end) const;
  // SQL that yields one integer: 1 when table `name` exists.
  std::string TableExists(std::string_view name) const;
  // SQL that yields the number of tables in the database.
  std::string CountTables() const;
};

// A prepared statement. Bind* take 1-based parameter indexes and copy their
// values. Columns are 0-based.
class SqlStatement {
 public:
  virtual ~SqlStatement() = default;

  virtual void Text(int i, std::string_view v) = 0;
  virtual void Int(int i, std::int64_t v) = 0;
  virtual void Real(int i, double v) = 0;
  virtual void Null(int i) = 0;

  // Runs the statement on first call, then moves to the next row: true when a
  // row is available, false when done. Errors name the database.
  virtual Result<bool> Step() = 0;
  // Forgets the result and the bindings; the statement can run again.
  virtual void Reset() = 0;
  // Rows inserted, updated or deleted by the last run.
  virtual std::int64_t Changes() const = 0;

  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t ColInt(int col) const = 0;
  virtual double ColReal(int col) const = 0;
  virtual std::string ColText(int col) const = 0;

  // Binds NULL for an empty string / when not present.
  void TextOrNull(int i, std::string_view v) {
    if (v.empty()) {
      Null(i);
    } else {
      Text(i, v);
    }
  }
  void IntOrNull(int i, std::int64_t v, bool present) {
    if (present) {
      Int(i, v);
    } else {
      Null(i);
    }
  }
  // Runs a statement to completion, ignoring rows; resets it.
  Status Run() {
    Result<bool> r = Step();
    while (r.ok() && *r) r = Step();
    Status s = r.ok() ? Status::Ok() : r.status();
    Reset();
    return s;
  }
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual const Dialect& dialect() const = 0;
  // The database for messages: a path, or a URI without its password.
  virtual const std::string& name() const = 0;

  // Runs one or more statements without parameters.
  virtual Status Exec(std::string_view sql) = 0;
  // Prepares a statement; errors are bugs in dyad's SQL (kInternal) or a lost
  // connection (kIoError).
  virtual Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) = 0;

  // Bounds the reads that follow: SQLite interrupts work once `ms`
  // milliseconds have passed since this call, PostgreSQL any statement that
  // runs longer than `ms` (statement_timeout); either fails with
  // kLimitExceeded. 0 removes the bound.
  virtual Status SetTimeout(int ms) = 0;
};

// Rewrites `?` and `?N` placeholders to PostgreSQL's `$N`, leaving quoted
// literals and identifiers alone.
std::string ToDollarPlaceholders(std::string_view sql);

}  // namespace dyad::store

#endif  // DYAD_STORE_SQL_H_
