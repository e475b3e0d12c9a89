// The SQL backends of the store: each opens a connection behind SqlConnection.
#ifndef DYAD_STORE_SQL_BACKENDS_H_
#define DYAD_STORE_SQL_BACKENDS_H_

#include <memory>
#include <string>

#include "dyad/status.h"
#include "store/sql.h"

namespace dyad::store {

// An SQLite file (created unless read-only), WAL mode, foreign keys on.
Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, bool read_only,
                                                  int busy_timeout_ms);

// A PostgreSQL server by libpq connection URI ("postgresql://user@host:port/db").
// Read-only connections refuse writes (default_transaction_read_only).
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& uri, bool read_only,
                                                    int lock_timeout_ms);

// "postgresql://user:secret@host/db" -> "postgresql://user@host/db", for messages.
std::string RedactUri(const std::string& uri);

}  // namespace dyad::store

#endif  // DYAD_STORE_SQL_BACKENDS_H_
