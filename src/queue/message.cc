// Article payloads on the queue: one JSON object per message.
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

#include "dyad/date.h"
#include "dyad/queue.h"

namespace dyad {
namespace {

bool IsDate(std::string_view v) { return IsIsoDate(v); }

}  // namespace

std::string ArticleToMessage(const Article& a) {
  nlohmann::json j = {
      {"id", a.id},       {"url", a.url},   {"source", a.source},     {"date", a.date},
      {"title", a.title}, {"body", a.body}, {"language", a.language}, {"origin", a.origin}};
  if (!a.boilerplate_removed.empty()) j["boilerplate_removed"] = a.boilerplate_removed;
  // Invalid UTF-8 cannot reach here (readers produce clean UTF-8); replace it
  // rather than throw if it ever does.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Article> ParseArticleMessage(std::string_view payload, std::size_t max_bytes) {
  if (payload.size() > max_bytes) {
    return LimitExceeded("message of " + std::to_string(payload.size()) +
                         " bytes is over the limit of " + std::to_string(max_bytes) + " bytes");
  }
  nlohmann::json j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return ParseError("message is not valid JSON (or not UTF-8)");
  if (!j.is_object()) return ParseError("message is JSON but not an object");
  Article a;
  struct Field {
    const char* name;
    std::string* out;
  };
  const Field fields[] = {
      {"id", &a.id},       {"url", &a.url},   {"source", &a.source},     {"date", &a.date},
      {"title", &a.title}, {"body", &a.body}, {"language", &a.language}, {"origin", &a.origin}};
  for (const Field& f : fields) {
    auto it = j.find(f.name);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) {
      return InvalidArgument(std::string("field '") + f.name + "' must be a string, not " +
                             it->type_name());
    }
    *f.out = it->get<std::string>();
  }
  if (auto it = j.find("boilerplate_removed"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) {
      return InvalidArgument(std::string("field 'boilerplate_removed' must be an array, not ") +
                             it->type_name());
    }
    for (const auto& line : *it) {
      if (!line.is_string()) {
        return InvalidArgument("field 'boilerplate_removed' must hold strings only");
      }
      a.boilerplate_removed.push_back(line.get<std::string>());
    }
  }
  if (a.body.empty()) return InvalidArgument("field 'body' is missing or empty");
  if (!a.date.empty() && !IsDate(a.date)) {
    return InvalidArgument("field 'date' is '" + a.date.substr(0, 40) + "', not YYYY-MM-DD");
  }
  if (a.language.empty()) a.language = "en";
  FinalizeArticle(&a);
  return a;
}

std::string_view DeadLetterReason(const Status& error) {
  switch (error.code()) {
    case ErrorCode::kLimitExceeded:
      return "too_large";
    case ErrorCode::kParseError:
      return "not_json";
    case ErrorCode::kInvalidArgument:
      return "bad_fields";
    default:
      return "rejected";
  }
}

}  // namespace dyad
