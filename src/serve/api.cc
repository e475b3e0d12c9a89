// The JSON API as a function: (store, method, path, params) -> (status, body).
// docs/api.md documents every endpoint; keep the two in step.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/date.h"
#include "dyad/output.h"
#include "dyad/serve.h"
#include "dyad/store.h"

namespace dyad {
namespace {

using Json = nlohmann::json;

std::string Dump(const Json& j) {
  // Replace (never throw on) invalid UTF-8: a parameter echoed in a message may carry any bytes.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// A request that cannot be answered: HTTP status and the JSON error fields.
struct ApiError {
  int status = 400;
  std::string code = "invalid_argument";
  std::string field;  // empty = none
  std::string message;
};

ApiResponse ErrorResponse(const ApiError& e) {
  return {e.status, ApiErrorJson(e.code, e.field, e.message)};
}

ApiError Bad(std::string field, std::string message) {
  return {400, "invalid_argument", std::move(field), std::move(message)};
}

ApiError FromStatus(const Status& s, std::string field = {}) {
  ApiError e;
  e.status = HttpStatusFor(s.code());
  e.code = std::string(ErrorCodeName(s.code()));
  e.field = std::move(field);
  // A client learns what it can change; server-side details (file paths) stay
  // out of 5xx answers.
  if (s.code() == ErrorCode::kLimitExceeded) {
    e.message = "the query took longer than the server allows and was stopped; narrow the filter";
  } else if (e.status >= 500) {
    e.message = "the store could not answer (" + e.code + "); try again later";
  } else {
    e.message = s.message();
  }
  return e;
}

// Shows a value in a message: at most 60 bytes, control bytes escaped.
std::string Shown(std::string_view v) {
  std::string out;
  for (char c : v.substr(0, 60)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  if (v.size() > 60) out += "...";
  return "'" + out + "'";
}

bool ValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    if (n == 2 && c < 0xC2) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

bool AllOf(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }
bool IsAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsPloverChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool IsDate(std::string_view v) { return IsIsoDate(v); }

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// The request's parameters, each used at most once; anything left unread is
// an unknown parameter (400).
class Params {
 public:
  Params(const ApiParams& raw, const ApiLimits& limits) : raw_(raw), limits_(limits) {}

  // Duplicates, count and length limits, UTF-8; call first.
  std::optional<ApiError> Check() const {
    if (raw_.size() > limits_.max_params) {
      return Bad("", "too many parameters (" + std::to_string(raw_.size()) + ", at most " +
                         std::to_string(limits_.max_params) + ")");
    }
    std::set<std::string_view> seen;
    for (const auto& [name, value] : raw_) {
      if (!seen.insert(name).second) {
        return Bad(name, "parameter '" + name + "' given more than once");
      }
      if (value.size() > limits_.max_param_bytes) {
        return Bad(name, "parameter '" + name + "' is too long (" + std::to_string(value.size()) +
                             " bytes, at most " + std::to_string(limits_.max_param_bytes) + ")");
      }
      if (!ValidUtf8(name) || !ValidUtf8(value)) {
        return Bad(name, "parameter " + Shown(name) + " is not valid UTF-8");
      }
    }
    return std::nullopt;
  }

  // The value of `name`, or nullopt when absent. Marks it used.
  std::optional<std::string> Get(const std::string& name) {
    used_.insert(name);
    for (const auto& [n, v] : raw_) {
      if (n == name) return v;
    }
    return std::nullopt;
  }

  // After all Get()s: the first parameter nobody asked for.
  std::optional<ApiError> Unknown(std::string_view endpoint) const {
    for (const auto& [name, value] : raw_) {
      if (!used_.count(name)) {
        std::string known;
        for (const std::string& u : used_) known += (known.empty() ? "" : ", ") + u;
        return Bad(name, "unknown parameter " + Shown(name) + " for " + std::string(endpoint) +
                             (known.empty() ? " (it takes none)" : " (it takes " + known + ")"));
      }
    }
    return std::nullopt;
  }

  // A non-negative integer parameter in [min, max]; `fallback` when absent.
  std::optional<ApiError> Int(const std::string& name, std::int64_t min, std::int64_t max,
                              std::int64_t fallback, std::int64_t* out) {
    auto v = Get(name);
    *out = fallback;
    if (!v) return std::nullopt;
    return ParseInt(name, *v, min, max, out);
  }

  static std::optional<ApiError> ParseInt(const std::string& name, std::string_view v,
                                          std::int64_t min, std::int64_t max, std::int64_t* out) {
    std::int64_t n = 0;
    if (v.empty() || v.size() > 18 || !AllOf(v, IsDigit)) {
      return Bad(name, name + " must be a whole number, got " + Shown(v));
    }
    std::from_chars(v.data(), v.data() + v.size(), n);
    if (n < min || n > max) {
      return Bad(name, name + " must be between " + std::to_string(min) + " and " +
                           std::to_string(max) + ", got " + std::string(v));
    }
    *out = n;
    return std::nullopt;
  }

 private:
  const ApiParams& raw_;
  const ApiLimits& limits_;
  std::set<std::string> used_;
};

const std::vector<std::string_view> kModalities = {"asserted",     "planned",   "possible",
                                                   "requested",    "denied",    "negated",
                                                   "hypothetical", "historical"};

// The filters of `dyad query` (docs/formats/store.md), validated.
std::optional<ApiError> ReadFilter(Params& p, EventFilter* f) {
  for (const char* role : {"actor", "target"}) {
    if (auto v = p.Get(role)) {
      if (v->empty() || v->size() > 40 || !AllOf(*v, IsAlnum)) {
        return Bad(role, std::string(role) +
                             " must be a CAMEO actor code prefix of 1-40 letters and digits "
                             "(USA, USAGOV), got " +
                             Shown(*v));
      }
      (std::string(role) == "actor" ? f->actor : f->target) = Upper(*v);
    }
  }
  if (auto v = p.Get("cameo")) {
    std::string_view s = *v;
    bool star = !s.empty() && s.back() == '*';
    std::string_view digits = star ? s.substr(0, s.size() - 1) : s;
    bool ok = AllOf(digits, IsDigit) && (star ? digits.size() >= 1 && digits.size() <= 3
                                              : digits.size() >= 2 && digits.size() <= 4);
    if (!ok) {
      return Bad("cameo",
                 "cameo must be a CAMEO code of 2-4 digits (173) or a prefix with * (17*), "
                 "got " +
                     Shown(s));
    }
    f->cameo = *v;
  }
  if (auto v = p.Get("plover")) {
    if (v->empty() || v->size() > 32 || !AllOf(*v, IsPloverChar)) {
      return Bad("plover", "plover must be a PLOVER event type (COERCE), got " + Shown(*v));
    }
    f->plover = Upper(*v);
  }
  if (auto v = p.Get("modality")) {
    if (std::find(kModalities.begin(), kModalities.end(), *v) == kModalities.end()) {
      return Bad("modality",
                 "modality must be one of asserted, planned, possible, requested, denied, "
                 "negated, hypothetical, historical; got " +
                     Shown(*v));
    }
    f->modality = *v;
  }
  for (const char* name : {"from", "to"}) {
    if (auto v = p.Get(name)) {
      if (!IsDate(*v)) {
        return Bad(name, std::string(name) + " must be a date YYYY-MM-DD, got " + Shown(*v));
      }
      (std::string(name) == "from" ? f->from : f->to) = *v;
    }
  }
  if (!f->from.empty() && !f->to.empty() && f->to < f->from) {
    return Bad("to", "to (" + f->to + ") is before from (" + f->from + ")");
  }
  for (const char* name : {"place", "text"}) {
    if (auto v = p.Get(name)) {
      bool ok = !v->empty() && v->size() <= 200;
      for (char c : *v) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ok = false;
      }
      if (!ok) {
        return Bad(name, std::string(name) +
                             " must be 1-200 bytes of text without control characters, got " +
                             Shown(*v));
      }
      (std::string(name) == "place" ? f->place : f->text) = *v;
    }
  }
  std::int64_t story = 0;
  if (auto e = p.Int("story", 1, INT64_MAX / 2, 0, &story)) return e;
  f->story = story;
  return std::nullopt;
}

// The event as `dyad code --flat` writes it, with the store's ids first:
// {"store_id", "article_store_id", "ingested_at", "cluster": {...} | null, <flat event fields>}.
void AppendStoredEventJson(const StoredEvent& e, std::string* out) {
  std::string flat;
  AppendStoredEventFlatJson(e, &flat);
  while (!flat.empty() && (flat.back() == '\n' || flat.back() == '\r')) flat.pop_back();
  Json head;
  head["store_id"] = e.event_id;
  head["article_store_id"] = e.article_id;
  head["ingested_at"] = e.ingested_at;
  if (e.cluster.cluster_id != 0) {
    head["cluster"] =
        Json{{"id", e.cluster.cluster_id},
             {"story_id", e.cluster.story_id == 0 ? Json(nullptr) : Json(e.cluster.story_id)},
             {"num_mentions", e.cluster.num_mentions},
             {"num_sources", e.cluster.num_sources},
             {"num_articles", e.cluster.num_articles}};
  } else {
    head["cluster"] = nullptr;
  }
  std::string h = Dump(head);  // {"...":...}
  h.pop_back();                // drop '}'
  out->append(h);
  if (flat.size() > 2) {  // {} never: the flat writer always writes fields
    out->push_back(',');
    out->append(flat, 1, std::string::npos);
  } else {
    out->push_back('}');
  }
}

// {"key": JSON..., "events": [...raw...], ...}: appends `"name":[raw events]`.
Json StoryJson(const StoryInfo& s) {
  return Json{{"id", s.id},
              {"label", s.label},
              {"first_date", s.first_date.empty() ? Json(nullptr) : Json(s.first_date)},
              {"last_date", s.last_date.empty() ? Json(nullptr) : Json(s.last_date)},
              {"articles", s.articles},
              {"clusters", s.clusters},
              {"events", s.events}};
}

// Inserts raw JSON members before the closing brace of a dumped object.
std::string WithRaw(const Json& obj, const std::vector<std::pair<std::string, std::string>>& raw) {
  std::string out = Dump(obj);
  out.pop_back();
  bool first = obj.empty();
  for (const auto& [name, value] : raw) {
    if (!first) out.push_back(',');
    first = false;
    out += Dump(Json(name));
    out.push_back(':');
    out += value;
  }
  out.push_back('}');
  return out;
}

Json SpanJson(Span s) {
  if (s.empty()) return nullptr;
  return Json::array({s.begin, s.end});
}

Result<std::optional<StoryInfo>> FindStory(Store& store, std::int64_t id) {
  auto list = store.Stories(id - 1, 1);
  if (!list.ok()) return list.status();
  if (list->empty() || list->front().id != id) return std::optional<StoryInfo>();
  return std::optional<StoryInfo>(list->front());
}

// ---- endpoints ----

ApiResponse Health(Store& store, Params& p) {
  if (auto e = p.Unknown("/api/health")) return ErrorResponse(*e);
  auto counts = store.Counts();
  if (!counts.ok()) return ErrorResponse(FromStatus(counts.status()));
  const StoreCounts& c = *counts;
  Json j{{"status", "ok"},
         {"schema_version", store.SchemaVersion()},
         {"counts",
          {{"articles", c.articles},
           {"events", c.events},
           {"sentences", c.sentences},
           {"entities", c.entities},
           {"sources", c.sources},
           {"stories", c.stories},
           {"clusters", c.clusters},
           {"duplicates", c.duplicates},
           {"versions", c.versions}}}};
  return {200, Dump(j)};
}

ApiResponse Events(Store& store, Params& p, const ApiLimits& limits) {
  EventFilter f;
  if (auto e = ReadFilter(p, &f)) return ErrorResponse(*e);
  std::int64_t after = 0, limit = 0;
  if (auto e = p.Int("after", 0, INT64_MAX / 2, 0, &after)) return ErrorResponse(*e);
  if (auto e = p.Int("limit", 1, static_cast<std::int64_t>(limits.max_page),
                     static_cast<std::int64_t>(limits.default_page), &limit)) {
    return ErrorResponse(*e);
  }
  if (auto e = p.Unknown("/api/events")) return ErrorResponse(*e);
  f.after_id = after;
  f.limit = static_cast<std::size_t>(limit) + 1;  // one more tells whether a next page exists
  std::string list;
  std::int64_t n = 0, last = 0;
  bool more = false;
  Status s = store.Query(f, [&](const StoredEvent& ev) {
    if (n == limit) {
      more = true;
      return false;
    }
    if (n > 0) list.push_back(',');
    AppendStoredEventJson(ev, &list);
    last = ev.event_id;
    ++n;
    return true;
  });
  if (!s.ok()) return ErrorResponse(FromStatus(s));
  Json head{{"count", n}, {"next", more ? Json(std::to_string(last)) : Json(nullptr)}};
  return {200, WithRaw(head, {{"events", "[" + list + "]"}})};
}

ApiResponse EventById(Store& store, Params& p, std::string_view id_text) {
  std::int64_t id = 0;
  if (auto e = Params::ParseInt("id", id_text, 1, INT64_MAX / 2, &id)) return ErrorResponse(*e);
  if (auto e = p.Unknown("/api/events/{id}")) return ErrorResponse(*e);
  EventFilter f;
  f.event_id = id;
  f.limit = 1;
  std::optional<StoredEvent> found;
  Status s = store.Query(f, [&](const StoredEvent& ev) {
    found = ev;
    return false;
  });
  if (!s.ok()) return ErrorResponse(FromStatus(s));
  if (!found || found->event_id != id) {
    return ErrorResponse({404, "not_found", "id", "no event " + std::to_string(id)});
  }
  auto art = store.GetArticle(found->article_id);
  if (!art.ok()) return ErrorResponse(FromStatus(art.status()));
  const StoredArticle& a = *art;
  const Event& ev = found->event;
  Span sentence;
  if (ev.sentence < a.coded.sentence_spans.size()) sentence = a.coded.sentence_spans[ev.sentence];
  Json sources = Json::array();
  for (const Attribution& src : a.coded.sources) {
    sources.push_back(Json{{"text", src.text},
                           {"kind", src.kind},
                           {"code", src.code.empty() ? Json(nullptr) : Json(src.code)}});
  }
  auto opt = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  Json article{
      {"store_id", a.article_id},
      {"id", a.article.id},
      {"url", opt(a.article.url)},
      {"source", opt(a.article.source)},
      {"date", opt(a.article.date)},
      {"title", opt(a.article.title)},
      {"ingested_at", a.ingested_at},
      {"previous_version", a.previous_version == 0 ? Json(nullptr) : Json(a.previous_version)},
      {"duplicate_of", a.duplicate_of == 0 ? Json(nullptr) : Json(a.duplicate_of)},
      {"sentences", a.coded.sentence_count},
      {"body", a.article.body}};
  Json highlights{{"sentence", SpanJson(sentence)},
                  {"source", ev.source ? SpanJson(ev.source->span) : Json(nullptr)},
                  {"verb", SpanJson(ev.verb_span)},
                  {"target", ev.target ? SpanJson(ev.target->span) : Json(nullptr)}};
  Json story = nullptr;
  if (found->cluster.story_id != 0) {
    auto info = FindStory(store, found->cluster.story_id);
    if (!info.ok()) return ErrorResponse(FromStatus(info.status()));
    if (*info) story = StoryJson(**info);
  }
  std::string event;
  AppendStoredEventJson(*found, &event);
  Json rest{{"article", std::move(article)},
            {"highlights", std::move(highlights)},
            {"offsets", "bytes"},
            {"sources", std::move(sources)},
            {"story", std::move(story)}};
  std::string body = "{\"event\":" + event + "," + Dump(rest).substr(1);
  return {200, body};
}

ApiResponse StoriesList(Store& store, Params& p, const ApiLimits& limits) {
  std::int64_t after = 0, limit = 0;
  if (auto e = p.Int("after", 0, INT64_MAX / 2, 0, &after)) return ErrorResponse(*e);
  if (auto e = p.Int("limit", 1, static_cast<std::int64_t>(limits.max_page),
                     static_cast<std::int64_t>(limits.default_page), &limit)) {
    return ErrorResponse(*e);
  }
  if (auto e = p.Unknown("/api/stories")) return ErrorResponse(*e);
  auto list = store.Stories(after, static_cast<std::size_t>(limit) + 1);
  if (!list.ok()) return ErrorResponse(FromStatus(list.status()));
  bool more = list->size() > static_cast<std::size_t>(limit);
  if (more) list->resize(static_cast<std::size_t>(limit));
  Json stories = Json::array();
  for (const StoryInfo& s : *list) stories.push_back(StoryJson(s));
  Json j{{"count", stories.size()},
         {"next", more && !list->empty() ? Json(std::to_string(list->back().id)) : Json(nullptr)},
         {"stories", std::move(stories)}};
  return {200, Dump(j)};
}

ApiResponse StoryById(Store& store, Params& p, std::string_view id_text, const ApiLimits& limits) {
  std::int64_t id = 0;
  if (auto e = Params::ParseInt("id", id_text, 1, INT64_MAX / 2, &id)) return ErrorResponse(*e);
  if (auto e = p.Unknown("/api/stories/{id}")) return ErrorResponse(*e);
  auto info = FindStory(store, id);
  if (!info.ok()) return ErrorResponse(FromStatus(info.status()));
  if (!*info) return ErrorResponse({404, "not_found", "id", "no story " + std::to_string(id)});
  EventFilter f;
  f.story = id;
  f.limit = limits.max_story_mentions + 1;
  std::vector<StoredEvent> mentions;
  Status s = store.Query(f, [&](const StoredEvent& ev) {
    mentions.push_back(ev);
    return true;
  });
  if (!s.ok()) return ErrorResponse(FromStatus(s));
  bool truncated = mentions.size() > limits.max_story_mentions;
  if (truncated) mentions.resize(limits.max_story_mentions);
  // Reported order (docs/formats/stories.md): article date, else the event
  // date; undated last; then store order.
  auto reported = [](const StoredEvent& e) {
    return !e.article.date.empty() ? e.article.date : e.event.date.value;
  };
  std::stable_sort(mentions.begin(), mentions.end(),
                   [&](const StoredEvent& a, const StoredEvent& b) {
                     std::string da = reported(a), db = reported(b);
                     if (da.empty() != db.empty()) return db.empty();
                     return da < db;
                   });
  std::string list;
  Json timeline = Json::array(), status_changes = Json::array(), sources = Json::array();
  std::map<std::string, std::size_t> source_index;
  std::string status;
  for (const StoredEvent& e : mentions) {
    if (!list.empty()) list.push_back(',');
    AppendStoredEventJson(e, &list);
    std::string date = reported(e);
    if (!date.empty()) {
      if (timeline.empty() || timeline.back()["date"] != date) {
        timeline.push_back(Json{{"date", date}, {"mentions", 0}});
      }
      timeline.back()["mentions"] = timeline.back()["mentions"].get<int>() + 1;
    }
    if (e.event.modality != status) {
      status = e.event.modality;
      status_changes.push_back(Json{{"date", date.empty() ? Json(nullptr) : Json(date)},
                                    {"status", status},
                                    {"cluster_id", e.cluster.cluster_id},
                                    {"event_id", e.event_id}});
    }
    std::string outlet = !e.article.source.empty() ? e.article.source : e.article.url;
    if (outlet.empty()) outlet = e.article.id;
    auto [it, fresh] = source_index.emplace(outlet, sources.size());
    if (fresh) sources.push_back(Json{{"source", outlet}, {"mentions", 0}});
    sources[it->second]["mentions"] = sources[it->second]["mentions"].get<int>() + 1;
  }
  // Why each article is in the story (article-level story stage).
  auto links = store.StoryLinks(id);
  if (!links.ok()) return ErrorResponse(FromStatus(links.status()));
  Json articles = Json::array();
  for (const StoryLinkInfo& l : *links) {
    if (articles.size() >= limits.max_story_mentions) break;
    articles.push_back(Json{
        {"store_id", l.link.article_id},
        {"id", l.article_ref},
        {"title", l.title},
        {"date", l.date.empty() ? Json(nullptr) : Json(l.date)},
        {"source", l.source.empty() ? Json(nullptr) : Json(l.source)},
        {"nearest_store_id", l.link.nearest_article ? Json(l.link.nearest_article) : Json(nullptr)},
        {"score", l.link.score},
        {"why", l.link.evidence}});
  }
  Json head{{"story", StoryJson(**info)},
            {"articles", std::move(articles)},
            {"status", status.empty() ? Json(nullptr) : Json(status)},
            {"status_changes", std::move(status_changes)},
            {"timeline", std::move(timeline)},
            {"sources", std::move(sources)},
            {"truncated", truncated}};
  return {200, WithRaw(head, {{"mentions", "[" + list + "]"}})};
}

Json FacetRows(const std::vector<FacetRow>& rows, bool split) {
  Json out = Json::array();
  for (const FacetRow& r : rows) {
    Json row{{"key", r.key.empty() ? Json(nullptr) : Json(r.key)}, {"count", r.count}};
    if (split) row["split"] = r.split;
    out.push_back(std::move(row));
  }
  return out;
}

ApiResponse Facets(Store& store, Params& p, const ApiLimits& limits) {
  EventFilter f;
  if (auto e = ReadFilter(p, &f)) return ErrorResponse(*e);
  std::vector<FacetField> fields;
  FacetField split = FacetField::kNone;
  if (auto v = p.Get("field")) {
    auto field = ParseFacetField(*v);
    if (!field.ok()) return ErrorResponse(Bad("field", field.status().message()));
    if (*field == FacetField::kNone) {
      return ErrorResponse(Bad("field", "field 'none' only makes sense as split"));
    }
    fields.push_back(*field);
  } else {
    fields = {FacetField::kCameoRoot, FacetField::kPlover,   FacetField::kQuadClass,
              FacetField::kCountry,   FacetField::kModality, FacetField::kDay};
  }
  if (auto v = p.Get("split")) {
    auto s = ParseFacetField(*v);
    if (!s.ok()) return ErrorResponse(Bad("split", s.status().message()));
    if (fields.size() != 1) return ErrorResponse(Bad("split", "split needs a field"));
    if (*s == fields[0]) return ErrorResponse(Bad("split", "split is the same as field"));
    split = *s;
  }
  std::int64_t limit = 0;
  if (auto e = p.Int("limit", 1, static_cast<std::int64_t>(limits.max_facet_rows),
                     static_cast<std::int64_t>(limits.max_facet_rows), &limit)) {
    return ErrorResponse(*e);
  }
  if (auto e = p.Unknown("/api/facets")) return ErrorResponse(*e);
  Json facets = Json::object();
  for (FacetField field : fields) {
    auto rows = store.Facet(f, field, split, static_cast<std::size_t>(limit));
    if (!rows.ok()) return ErrorResponse(FromStatus(rows.status()));
    facets[std::string(FacetFieldName(field))] = FacetRows(*rows, split != FacetField::kNone);
  }
  Json j{{"split", split == FacetField::kNone ? Json(nullptr) : Json(FacetFieldName(split))},
         {"facets", std::move(facets)}};
  return {200, Dump(j)};
}

ApiResponse Actors(Store& store, Params& p, const ApiLimits& limits) {
  EventFilter f;
  if (auto e = ReadFilter(p, &f)) return ErrorResponse(*e);
  std::int64_t limit = 0;
  if (auto e = p.Int("limit", 1, static_cast<std::int64_t>(limits.max_page), 50, &limit)) {
    return ErrorResponse(*e);
  }
  if (auto e = p.Unknown("/api/actors")) return ErrorResponse(*e);
  const std::size_t n = static_cast<std::size_t>(limit);
  // Every code in either role (one row per distinct code), so the top actors
  // by all their events are exact; the per-role lists are cut to `limit`.
  auto sources = store.Facet(f, FacetField::kSource, FacetField::kNone, 0);
  if (!sources.ok()) return ErrorResponse(FromStatus(sources.status()));
  auto targets = store.Facet(f, FacetField::kTarget, FacetField::kNone, 0);
  if (!targets.ok()) return ErrorResponse(FromStatus(targets.status()));
  auto edges = store.Facet(f, FacetField::kSource, FacetField::kTarget, n);
  if (!edges.ok()) return ErrorResponse(FromStatus(edges.status()));
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> both;
  for (const FacetRow& r : *sources) both[r.key].first = r.count;
  for (const FacetRow& r : *targets) both[r.key].second = r.count;
  std::vector<std::pair<std::string, std::pair<std::int64_t, std::int64_t>>> top(both.begin(),
                                                                                 both.end());
  std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
    return a.second.first + a.second.second > b.second.first + b.second.second;
  });
  if (top.size() > n) top.resize(n);
  if (sources->size() > n) sources->resize(n);
  if (targets->size() > n) targets->resize(n);
  Json actors = Json::array(), edge_list = Json::array();
  for (const auto& [code, c] : top) {
    actors.push_back(Json{{"code", code},
                          {"as_source", c.first},
                          {"as_target", c.second},
                          {"total", c.first + c.second}});
  }
  for (const FacetRow& r : *edges) {
    edge_list.push_back(Json{{"source", r.key}, {"target", r.split}, {"count", r.count}});
  }
  Json j{{"actors", std::move(actors)},
         {"sources", FacetRows(*sources, false)},
         {"targets", FacetRows(*targets, false)},
         {"edges", std::move(edge_list)}};
  return {200, Dump(j)};
}

ApiResponse Route(Store& store, std::string_view method, std::string_view path,
                  const ApiParams& params, const ApiLimits& limits) {
  if (method != "GET" && method != "HEAD") {
    return ErrorResponse({405, "method_not_allowed", "", "the API only reads: use GET"});
  }
  Params p(params, limits);
  if (auto e = p.Check()) return ErrorResponse(*e);
  if (path == "/api/health") return Health(store, p);
  if (path == "/api/events") return Events(store, p, limits);
  if (path == "/api/stories") return StoriesList(store, p, limits);
  if (path == "/api/facets") return Facets(store, p, limits);
  if (path == "/api/actors") return Actors(store, p, limits);
  constexpr std::string_view kEvents = "/api/events/", kStories = "/api/stories/";
  if (path.starts_with(kEvents)) return EventById(store, p, path.substr(kEvents.size()));
  if (path.starts_with(kStories)) {
    return StoryById(store, p, path.substr(kStories.size()), limits);
  }
  return ErrorResponse({404, "not_found", "",
                        "no endpoint " + Shown(path) +
                            "; see docs/api.md (/api/events, "
                            "/api/events/{id}, /api/stories, "
                            "/api/stories/{id}, /api/actors, /api/facets, "
                            "/api/health)"});
}

}  // namespace

std::string ApiErrorJson(std::string_view code, std::string_view field, std::string_view message) {
  Json e{
      {"code", code}, {"field", field.empty() ? Json(nullptr) : Json(field)}, {"message", message}};
  return Dump(Json{{"error", std::move(e)}});
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kParseError:
    case ErrorCode::kEncodingError:
      return 400;
    case ErrorCode::kLimitExceeded:
    case ErrorCode::kIoError:
      return 503;
    default:
      return 500;
  }
}

ApiResponse HandleApi(Store& store, std::string_view method, std::string_view path,
                      const ApiParams& params, const ApiLimits& limits) {
  try {
    return Route(store, method, path, params, limits);
  } catch (const std::exception& e) {
    // Only resource exhaustion gets here (nlohmann never throws on our input).
    return ErrorResponse({500, "internal", "", std::string("internal error: ") + e.what()});
  }
}

}  // namespace dyad
