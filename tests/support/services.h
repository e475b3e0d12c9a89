// Real servers for tests: PostgreSQL and Redis started on loopback by
// scripts/services.sh (scripts/test.sh runs it). A test that needs one takes its
// address from the environment; without it the test is skipped, or fails when
// DYAD_REQUIRE_SERVICES is set (as scripts/test.sh and CI set it), so a
// missing server can never pass unnoticed.
#ifndef DYAD_TESTS_SUPPORT_SERVICES_H_
#define DYAD_TESTS_SUPPORT_SERVICES_H_

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace dyad::testing {

// Sets `var` to the value of environment variable `env` (DYAD_TEST_PG,
// DYAD_TEST_REDIS) or skips / fails the current test.
#define DYAD_SERVICE_OR_SKIP(var, env)                                                           \
  std::string var;                                                                               \
  if (const char* v_ = std::getenv(env); v_ && *v_) {                                            \
    var = v_;                                                                                    \
  } else if (std::getenv("DYAD_REQUIRE_SERVICES")) {                                             \
    FAIL() << env << " is not set: start the servers with eval \"$(bash scripts/services.sh)\""; \
  } else {                                                                                       \
    GTEST_SKIP() << env << " not set (eval \"$(bash scripts/services.sh)\" to run this test)";   \
  }

// Runs one SQL command on the server at `uri`; returns the error text or "".
inline std::string PgExec(const std::string& uri, const std::string& sql) {
  PGconn* c = PQconnectdb(uri.c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      err = PQerrorMessage(c);
    }
    PQclear(r);
  }
  PQfinish(c);
  return err;
}

// A new empty database on the server at `admin_uri` (dropped first if a
// previous run left it), named after `name` and this process; returns its URI.
inline std::string FreshPgDatabase(const std::string& admin_uri, const std::string& name) {
  const std::string db = "dyad_test_" + name + "_" + std::to_string(getpid());
  EXPECT_EQ(PgExec(admin_uri, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"), "");
  EXPECT_EQ(PgExec(admin_uri, "CREATE DATABASE " + db), "");
  const std::size_t slash = admin_uri.rfind('/');
  const std::size_t query = admin_uri.find('?', slash);
  return admin_uri.substr(0, slash + 1) + db +
         (query == std::string::npos ? "" : admin_uri.substr(query));
}

}  // namespace dyad::testing

#endif  // DYAD_TESTS_SUPPORT_SERVICES_H_
