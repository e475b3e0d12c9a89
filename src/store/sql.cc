// Dialect helpers and placeholder rewriting shared by the SQL backends.
#include "store/sql.h"

#include <string>

namespace dyad::store {

std::string Dialect::ByteSlice(std::string_view body, std::string_view begin,
                               std::string_view end) const {
  const std::string b(body), from(begin), to(end);
  if (postgres) {
    return "convert_from(substring(convert_to(" + b + ", 'UTF8') FROM " + from + " + 1 FOR " + to +
           " - " + from + "), 'UTF8')";
  }
  return "CAST(substr(CAST(" + b + " AS BLOB), " + from + " + 1, " + to + " - " + from +
         ") AS TEXT)";
}

std::string Dialect::TableExists(std::string_view name) const {
  if (postgres) {
    return "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
           "current_schema() AND table_name = '" +
           std::string(name) + "'";
  }
  return "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" +
         std::string(name) + "'";
}

std::string Dialect::CountTables() const {
  if (postgres) {
    return "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
           "current_schema()";
  }
  return "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
}

std::string ToDollarPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote re-enters at once: same result
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    std::size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
    out += '$';
    if (j > i + 1) {
      out.append(sql.substr(i + 1, j - i - 1));
      i = j - 1;
    } else {
      out += std::to_string(next++);
    }
  }
  return out;
}

}  // namespace dyad::store
