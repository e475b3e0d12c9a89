// SqlConnection over libpq: the PostgreSQL backend of the store.
#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/sql.h"
#include "store/sql_backends.h"

namespace dyad::store {
namespace {

const Dialect kPostgres = {
    .postgres = true,
    .now = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    .begin_write = "BEGIN",
    .prefix_op = "LIKE",  // with the C collation initdb gives; patterns are [A-Z0-9]+%
    .wildcard = '%',
    .ilike = "ILIKE",
};

class PgConnection;

class PgStatement final : public SqlStatement {
 public:
  PgStatement(PgConnection* conn, std::string sql) : conn_(conn), sql_(std::move(sql)) {}
  ~PgStatement() override;

  void Text(int i, std::string_view v) override { Slot(i) = std::string(v); }
  void Int(int i, std::int64_t v) override { Slot(i) = std::to_string(v); }
  void Real(int i, double v) override {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    Slot(i) = buf;
  }
  void Null(int i) override {
    Slot(i);
    nulls_[static_cast<std::size_t>(i - 1)] = true;
  }

  Result<bool> Step() override;
  void Reset() override {
    PQclear(res_);
    res_ = nullptr;
    row_ = -1;
    values_.clear();
    nulls_.clear();
  }
  std::int64_t Changes() const override { return changes_; }

  bool IsNull(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
  std::int64_t ColInt(int col) const override {
    return std::strtoll(PQgetvalue(res_, row_, col), nullptr, 10);
  }
  double ColReal(int col) const override {
    return std::strtod(PQgetvalue(res_, row_, col), nullptr);
  }
  std::string ColText(int col) const override {
    return std::string(PQgetvalue(res_, row_, col),
                       static_cast<std::size_t>(PQgetlength(res_, row_, col)));
  }

 private:
  std::string& Slot(int i) {
    const auto n = static_cast<std::size_t>(i);
    if (values_.size() < n) {
      values_.resize(n);
      nulls_.resize(n, false);
    }
    nulls_[n - 1] = false;
    return values_[n - 1];
  }

  PgConnection* conn_;
  std::string sql_;
  std::string name_;  // set once prepared on the server
  int runs_ = 0;
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
  PGresult* res_ = nullptr;
  int row_ = -1;
  std::int64_t changes_ = 0;
};

class PgConnection final : public SqlConnection {
 public:
  PgConnection(PGconn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  ~PgConnection() override { PQfinish(conn_); }

  const Dialect& dialect() const override { return kPostgres; }
  const std::string& name() const override { return name_; }

  Status Exec(std::string_view sql) override {
    PGresult* r = PQexec(conn_, std::string(sql).c_str());
    Status s = Check(r);
    PQclear(r);
    return s;
  }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
    return std::unique_ptr<SqlStatement>(
        std::make_unique<PgStatement>(this, ToDollarPlaceholders(sql)));
  }

  Status SetTimeout(int ms) override {
    return Exec("SET statement_timeout = " + std::to_string(ms > 0 ? ms : 0));
  }

  // Ok for a successful result, else an error naming the database; query
  // cancellation by statement_timeout is kLimitExceeded.
  Status Check(const PGresult* r) const {
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::Ok();
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg = PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (state && std::string_view(state) == "57014") {
      return LimitExceeded(name_ + ": query took longer than the configured limit");
    }
    if (PQstatus(conn_) != CONNECTION_OK) {
      return IoError(name_ + ": connection lost: " + msg);
    }
    return IoError(name_ + ": " + msg);
  }

  PGconn* conn() const { return conn_; }
  std::string NextName() { return "dyad_s" + std::to_string(++statements_); }

 private:
  PGconn* conn_;
  std::string name_;
  int statements_ = 0;
};

PgStatement::~PgStatement() {
  PQclear(res_);
  if (!name_.empty() && PQstatus(conn_->conn()) == CONNECTION_OK &&
      PQtransactionStatus(conn_->conn()) == PQTRANS_IDLE) {
    PQclear(PQexec(conn_->conn(), ("DEALLOCATE " + name_).c_str()));
  }
}

Result<bool> PgStatement::Step() {
  if (!res_) {
    std::vector<const char*> params(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) {
      params[i] = nulls_[i] ? nullptr : values_[i].c_str();
    }
    const int n = static_cast<int>(params.size());
    // Run once as a one-off; a statement run again is prepared on the server.
    if (name_.empty() && ++runs_ > 1) {
      std::string name = conn_->NextName();
      PGresult* p = PQprepare(conn_->conn(), name.c_str(), sql_.c_str(), 0, nullptr);
      Status s = conn_->Check(p);
      PQclear(p);
      if (!s.ok()) return s;
      name_ = std::move(name);
    }
    res_ = name_.empty() ? PQexecParams(conn_->conn(), sql_.c_str(), n, nullptr, params.data(),
                                        nullptr, nullptr, 0)
                         : PQexecPrepared(conn_->conn(), name_.c_str(), n, params.data(), nullptr,
                                          nullptr, 0);
    if (Status s = conn_->Check(res_); !s.ok()) {
      PQclear(res_);
      res_ = nullptr;
      return s;
    }
    const char* tuples = PQcmdTuples(res_);
    changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
    row_ = -1;
  }
  ++row_;
  return row_ < PQntuples(res_);
}

}  // namespace

std::string RedactUri(const std::string& uri) {
  const std::size_t scheme = uri.find("://");
  const std::size_t at = uri.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || at == std::string::npos) return uri;
  const std::size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon) + uri.substr(at);
}

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& uri, bool read_only,
                                                    int lock_timeout_ms) {
  const std::string name = RedactUri(uri);
  // connect_timeout first: a value in the URI overrides it.
  const char* keys[] = {"connect_timeout", "dbname", "application_name", nullptr};
  const char* values[] = {"10", uri.c_str(), "dyad", nullptr};
  PGconn* c = PQconnectdbParams(keys, values, 1);
  if (!c) return IoError(name + ": cannot connect: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(c);
    return IoError(name + ": cannot connect: " + msg);
  }
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);  // "already exists, skipping"
  PQsetClientEncoding(c, "UTF8");
  auto conn = std::make_unique<PgConnection>(c, name);
  DYAD_RETURN_IF_ERROR(conn->Exec("SET lock_timeout = " + std::to_string(lock_timeout_ms) +
                                  "; SET client_min_messages = warning"));
  if (read_only) DYAD_RETURN_IF_ERROR(conn->Exec("SET default_transaction_read_only = on"));
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

}  // namespace dyad::store
