// The SQLite backend of dyad::Store.
#include <sqlite3.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/store.h"
#include "store/schema.h"
#include "store/sqlite_util.h"

namespace dyad {
namespace store {
namespace {

constexpr std::string_view kNow = "strftime('%Y-%m-%dT%H:%M:%SZ','now')";

std::string SectorsJson(const std::vector<std::string>& sectors) {
  std::string out = "[";
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    if (i) out += ',';
    out += '"';
    out += sectors[i];  // validated: letters and digits only
    out += '"';
  }
  out += ']';
  return out;
}

std::vector<std::string> ParseStringArray(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPerson:
      return "PERSON";
    case EntityType::kOrg:
      return "ORG";
    case EntityType::kPlace:
      return "PLACE";
    case EntityType::kOther:
      return "OTHER";
  }
  return "OTHER";
}

EntityType EntityTypeFrom(std::string_view s) {
  if (s == "PERSON") return EntityType::kPerson;
  if (s == "ORG") return EntityType::kOrg;
  if (s == "PLACE") return EntityType::kPlace;
  return EntityType::kOther;
}

// The event columns, in the order BindEvent writes and ReadEvent reads them.
constexpr std::string_view kEventColumns =
    "event_key, sentence, "
    "source_text, source_code, source_country, source_sectors, source_begin, source_end, "
    "source_entity, "
    "target_text, target_code, target_country, target_sectors, target_begin, target_end, "
    "target_entity, "
    "cameo, cameo_root, plover_event, plover_mode, plover_context, quad_class, goldstein, "
    "modality, reported, "
    "attribution_text, attribution_kind, attribution_code, date_value, date_precision, "
    "date_text, location_name, location_country, location_admin1, location_lat, location_lon, "
    "location_geonames_id, location_role, location_text, verb_begin, verb_end, rule";
constexpr int kEventColumnCount = 42;

std::string Prefixed(std::string_view prefix) {  // "e." + each column
  std::string out;
  std::size_t pos = 0;
  while (pos < kEventColumns.size()) {
    std::size_t comma = kEventColumns.find(',', pos);
    if (comma == std::string_view::npos) comma = kEventColumns.size();
    std::string_view col = kEventColumns.substr(pos, comma - pos);
    while (!col.empty() && col.front() == ' ') col.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += prefix;
    out += col;
    pos = comma + 1;
  }
  return out;
}

// Binds the event columns starting at parameter `first`. Strings built here are
// copied (SQLITE_TRANSIENT); the event's own strings outlive the step.
void BindEvent(Stmt& s, int first, const Event& e) {
  int i = first;
  s.Text(i++, e.id);
  s.Int(i++, e.sentence);
  for (const std::optional<Actor>* a : {&e.source, &e.target}) {
    if (*a) {
      const Actor& x = **a;
      s.Text(i++, x.text);
      s.TextOrNull(i++, x.code);
      s.TextOrNull(i++, x.country);
      s.Text(i++, SectorsJson(x.sectors), true);
      s.Int(i++, x.span.begin);
      s.Int(i++, x.span.end);
      s.TextOrNull(i++, x.entity);
    } else {
      for (int k = 0; k < 7; ++k) s.Null(i++);
    }
  }
  s.Text(i++, e.cameo);
  s.Text(i++, std::string_view(e.cameo).substr(0, 2));
  s.TextOrNull(i++, e.plover_event);
  s.TextOrNull(i++, e.plover_mode);
  s.TextOrNull(i++, e.plover_context);
  s.Int(i++, e.quad_class);
  s.Real(i++, e.goldstein);
  s.Text(i++, e.modality);
  s.Int(i++, e.reported ? 1 : 0);
  if (e.attribution) {
    s.Text(i++, e.attribution->text);
    s.Text(i++, e.attribution->kind);
    s.TextOrNull(i++, e.attribution->code);
  } else {
    for (int k = 0; k < 3; ++k) s.Null(i++);
  }
  s.TextOrNull(i++, e.date.value);
  s.TextOrNull(i++, e.date.precision);
  s.TextOrNull(i++, e.date.text);
  if (e.location) {
    const Place& p = e.location->place;
    s.Text(i++, p.name);
    s.TextOrNull(i++, p.country);
    s.TextOrNull(i++, p.admin1);
    if (p.has_coordinates) {
      s.Real(i++, p.lat);
      s.Real(i++, p.lon);
    } else {
      s.Null(i++);
      s.Null(i++);
    }
    s.IntOrNull(i++, p.geonames_id, p.geonames_id != 0);
    s.Text(i++, e.location->role);
    s.Text(i++, e.location->text);
  } else {
    for (int k = 0; k < 8; ++k) s.Null(i++);
  }
  s.Int(i++, e.verb_span.begin);
  s.Int(i++, e.verb_span.end);
  s.Text(i++, e.rule);
}

// Reads the event columns starting at result column `c`.
void ReadEvent(const Stmt& s, int c, Event* e) {
  *e = Event{};
  e->id = s.ColText(c++);
  e->sentence = static_cast<std::uint32_t>(s.ColInt(c++));
  for (std::optional<Actor>* a : {&e->source, &e->target}) {
    if (!s.IsNull(c)) {
      Actor x;
      x.text = s.ColText(c);
      x.code = s.ColText(c + 1);
      x.country = s.ColText(c + 2);
      x.sectors = ParseStringArray(s.ColText(c + 3));
      x.span.begin = static_cast<std::uint32_t>(s.ColInt(c + 4));
      x.span.end = static_cast<std::uint32_t>(s.ColInt(c + 5));
      x.entity = s.ColText(c + 6);
      *a = std::move(x);
    }
    c += 7;
  }
  e->cameo = s.ColText(c++);
  ++c;  // cameo_root
  e->plover_event = s.ColText(c++);
  e->plover_mode = s.ColText(c++);
  e->plover_context = s.ColText(c++);
  e->quad_class = static_cast<int>(s.ColInt(c++));
  e->goldstein = s.ColReal(c++);
  e->modality = s.ColText(c++);
  e->reported = s.ColInt(c++) != 0;
  if (!s.IsNull(c + 1)) {
    e->attribution = Attribution{s.ColText(c), s.ColText(c + 1), s.ColText(c + 2)};
  }
  c += 3;
  e->date.value = s.ColText(c++);
  e->date.precision = s.ColText(c++);
  e->date.text = s.ColText(c++);
  if (!s.IsNull(c + 6)) {
    EventLocation l;
    l.place.name = s.ColText(c);
    l.place.country = s.ColText(c + 1);
    l.place.admin1 = s.ColText(c + 2);
    l.place.has_coordinates = !s.IsNull(c + 3);
    if (l.place.has_coordinates) {
      l.place.lat = s.ColReal(c + 3);
      l.place.lon = s.ColReal(c + 4);
    }
    l.place.geonames_id = s.ColInt(c + 5);
    l.role = s.ColText(c + 6);
    l.text = s.ColText(c + 7);
    e->location = std::move(l);
  }
  c += 8;
  e->verb_span.begin = static_cast<std::uint32_t>(s.ColInt(c++));
  e->verb_span.end = static_cast<std::uint32_t>(s.ColInt(c++));
  e->rule = s.ColText(c++);
}

std::string Placeholders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

bool IsCodeText(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// LIKE pattern matching `text` anywhere, with % _ and \ escaped (ESCAPE '\').
std::string LikeContains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override {
    stmts_.clear();
    for (Stmt* s : {&find_hash_, &find_url_, &insert_article_, &insert_sentence_, &insert_entity_,
                    &insert_event_, &insert_source_}) {
      *s = Stmt();
    }
    sqlite3_close_v2(db_);
  }

  Status Init(const StoreOptions& options) {
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
    sqlite3_extended_result_codes(db_, 1);
    if (!options.read_only) {
      DYAD_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL"));
      DYAD_RETURN_IF_ERROR(Exec("PRAGMA synchronous=NORMAL"));
    }
    DYAD_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON"));
    DYAD_RETURN_IF_ERROR(Migrate(options.read_only));
    if (!options.read_only) DYAD_RETURN_IF_ERROR(PrepareWrites());
    return Status::Ok();
  }

  int SchemaVersion() const override { return version_; }

  Result<std::vector<WriteResult>> Write(std::span<const ArticleWrite> batch) override {
    std::vector<WriteResult> results(batch.size());
    DYAD_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const ArticleWrite& w = batch[i];
      WriteResult& r = results[i];
      if (!w.article || !w.coded) {
        r.error = InvalidArgument("batch[" + std::to_string(i) + "]: no article");
        continue;
      }
      if (Status v = ValidateCodedArticle(*w.article, *w.coded); !v.ok()) {
        r.error = v;
        continue;
      }
      Status s = Exec("SAVEPOINT article");
      if (s.ok()) s = WriteOne(*w.article, *w.coded, &r);
      if (!s.ok()) {
        (void)Exec("ROLLBACK TO article");
        r = WriteResult{};
        const Article& a = *w.article;
        r.error = Status(s.code(),
                         (a.origin.empty() ? "article " + a.id : a.origin) + ": " + s.message());
      }
      if (Status rel = Exec("RELEASE article"); !rel.ok()) {
        (void)Exec("ROLLBACK");
        return rel;
      }
    }
    if (Status c = Exec("COMMIT"); !c.ok()) {
      (void)Exec("ROLLBACK");
      return c;
    }
    return results;
  }

  Result<bool> Contains(const std::string& content_hash) override {
    Stmt& s = Cached("SELECT 1 FROM articles WHERE content_hash = ?");
    s.Text(1, content_hash);
    int rc = s.Step();
    Status err = rc == SQLITE_ROW || rc == SQLITE_DONE ? Status::Ok() : s.Error();
    s.Reset();
    if (!err.ok()) return err;
    return rc == SQLITE_ROW;
  }

  Status Query(const EventFilter& f, const std::function<bool(const StoredEvent&)>& fn) override {
    std::string sql =
        "SELECT e.id, e.article_id, a.input_id, a.url, a.source, a.date, a.title, "
        "a.content_hash, a.ingested_at, "
        "CAST(substr(CAST(a.body AS BLOB), s.begin + 1, s.end - s.begin) AS TEXT), "
        "c.id, c.story_id, c.num_mentions, c.num_sources, c.num_articles, " +
        Prefixed("e.") +
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence"
        " LEFT JOIN cluster_events ce ON ce.event_id = e.id"
        " LEFT JOIN clusters c ON c.id = ce.cluster_id"
        " WHERE 1";
    std::vector<std::string> args;
    std::vector<std::int64_t> int_args;  // bound after the text args, in order
    auto code_prefix = [&](const std::string& value, const char* col, const char* name) -> Status {
      if (value.empty()) return Status::Ok();
      std::string v = Upper(value);
      if (!v.empty() && v.back() == '*') v.pop_back();
      if (!IsCodeText(v)) {
        return InvalidArgument(std::string("--") + name + " '" + value +
                               "': expected a CAMEO actor code (letters and digits)");
      }
      sql += std::string(" AND ") + col + " GLOB ? || '*'";
      args.push_back(v);
      return Status::Ok();
    };
    DYAD_RETURN_IF_ERROR(code_prefix(f.actor, "e.source_code", "actor"));
    DYAD_RETURN_IF_ERROR(code_prefix(f.target, "e.target_code", "target"));
    if (!f.cameo.empty()) {
      std::string v = f.cameo;
      bool prefix = v.back() == '*';
      if (prefix) v.pop_back();
      bool digits = !v.empty() && v.size() <= 4;
      for (char c : v) digits = digits && c >= '0' && c <= '9';
      if (!digits) {
        return InvalidArgument("--cameo '" + f.cameo + "': expected a CAMEO code like 173 or 17*");
      }
      sql += prefix ? " AND e.cameo GLOB ? || '*'" : " AND e.cameo = ?";
      args.push_back(v);
    }
    if (!f.plover.empty()) {
      sql += " AND e.plover_event = ?";
      args.push_back(Upper(f.plover));
    }
    if (!f.modality.empty()) {
      sql += " AND e.modality = ?";
      args.push_back(f.modality);
    }
    if (!f.from.empty()) {
      sql += " AND coalesce(e.date_value, a.date) >= ?";
      args.push_back(f.from);
    }
    if (!f.to.empty()) {
      sql += " AND coalesce(e.date_value, a.date) <= ?";
      args.push_back(f.to);
    }
    if (!f.place.empty()) {
      sql += " AND (e.location_name LIKE ? ESCAPE '\\' OR e.location_country = ?)";
      std::string like;
      for (char c : f.place) {
        if (c == '%' || c == '_' || c == '\\') like += '\\';
        like += c;
      }
      args.push_back(like);
      args.push_back(Upper(f.place));
    }
    if (!f.text.empty()) {
      sql +=
          " AND CAST(substr(CAST(a.body AS BLOB), s.begin + 1, s.end - s.begin) AS TEXT)"
          " LIKE ? ESCAPE '\\'";
      args.push_back(LikeContains(f.text));
    }
    if (f.story) {
      sql +=
          " AND (e.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
          " OR c.story_id = ?)";
      int_args.push_back(f.story);
      int_args.push_back(f.story);
    }
    sql += " ORDER BY e.id";
    if (f.limit) {
      sql += " LIMIT ?";
      int_args.push_back(static_cast<std::int64_t>(f.limit));
    }
    Stmt s;
    DYAD_RETURN_IF_ERROR(s.Prepare(db_, sql));
    int p = 1;
    for (const std::string& a : args) s.Text(p++, a);
    for (std::int64_t v : int_args) s.Int(p++, v);
    StoredEvent row;
    std::int64_t last_event = 0;
    for (;;) {
      int rc = s.Step();
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return s.Error();
      std::int64_t id = s.ColInt(0);
      if (id == last_event) continue;  // an event in two clusters: report it once
      last_event = id;
      row = StoredEvent{};
      row.event_id = id;
      row.article_id = s.ColInt(1);
      row.article.id = s.ColText(2);
      row.article.url = s.ColText(3);
      row.article.source = s.ColText(4);
      row.article.date = s.ColText(5);
      row.article.title = s.ColText(6);
      row.article.content_hash = s.ColText(7);
      row.ingested_at = s.ColText(8);
      row.sentence_text = s.ColText(9);
      ReadCluster(s, 10, &row.cluster);
      ReadEvent(s, 15, &row.event);
      if (!fn(row)) break;
    }
    return Status::Ok();
  }

  Status ForEachArticle(const std::function<bool(const StoredArticle&)>& fn) override {
    Stmt arts;
    DYAD_RETURN_IF_ERROR(arts.Prepare(
        db_,
        "SELECT id, input_id, content_hash, url, source, date, title, body, language, "
        "boilerplate_removed, sentence_count, ingested_at, previous_version, duplicate_of "
        "FROM articles ORDER BY id"));
    Stmt& sents = Cached("SELECT begin, end FROM sentences WHERE article_id = ? ORDER BY idx");
    Stmt& ents = Cached(
        "SELECT entity_key, text, type, begin, end, code, country, sectors, place_name, "
        "place_country, place_admin1, place_lat, place_lon, place_geonames_id "
        "FROM entities WHERE article_id = ? ORDER BY idx");
    Stmt& evs = Cached(
        "SELECT e.id, c.id, c.story_id, c.num_mentions, c.num_sources, "
        "c.num_articles, " +
        Prefixed("e.") +
        " FROM events e LEFT JOIN cluster_events ce ON ce.event_id = e.id"
        " LEFT JOIN clusters c ON c.id = ce.cluster_id"
        " WHERE e.article_id = ? ORDER BY e.idx, c.id");
    Stmt& srcs = Cached("SELECT text, kind, code FROM sources WHERE article_id = ? ORDER BY idx");
    StoredArticle sa;
    for (;;) {
      int rc = arts.Step();
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return arts.Error();
      sa = StoredArticle{};
      sa.article_id = arts.ColInt(0);
      Article& a = sa.article;
      a.id = arts.ColText(1);
      a.content_hash = arts.ColText(2);
      a.url = arts.ColText(3);
      a.source = arts.ColText(4);
      a.date = arts.ColText(5);
      a.title = arts.ColText(6);
      a.body = arts.ColText(7);
      a.language = arts.ColText(8);
      a.boilerplate_removed = ParseStringArray(arts.ColText(9));
      sa.coded.sentence_count = static_cast<std::uint32_t>(arts.ColInt(10));
      sa.ingested_at = arts.ColText(11);
      sa.previous_version = arts.ColInt(12);
      sa.duplicate_of = arts.ColInt(13);
      CodedArticle& c = sa.coded;

      sents.Int(1, sa.article_id);
      while ((rc = sents.Step()) == SQLITE_ROW) {
        c.sentence_spans.push_back({static_cast<std::uint32_t>(sents.ColInt(0)),
                                    static_cast<std::uint32_t>(sents.ColInt(1))});
      }
      sents.Reset();
      if (rc != SQLITE_DONE) return sents.Error();

      ents.Int(1, sa.article_id);
      while ((rc = ents.Step()) == SQLITE_ROW) {
        Entity e;
        e.id = ents.ColText(0);
        e.text = ents.ColText(1);
        e.type = EntityTypeFrom(ents.ColText(2));
        e.span = {static_cast<std::uint32_t>(ents.ColInt(3)),
                  static_cast<std::uint32_t>(ents.ColInt(4))};
        e.code = ents.ColText(5);
        e.country = ents.ColText(6);
        e.sectors = ParseStringArray(ents.ColText(7));
        if (!ents.IsNull(8)) {
          Place p;
          p.name = ents.ColText(8);
          p.country = ents.ColText(9);
          p.admin1 = ents.ColText(10);
          p.has_coordinates = !ents.IsNull(11);
          if (p.has_coordinates) {
            p.lat = ents.ColReal(11);
            p.lon = ents.ColReal(12);
          }
          p.geonames_id = ents.ColInt(13);
          e.place = std::move(p);
        }
        c.entities.push_back(std::move(e));
      }
      ents.Reset();
      if (rc != SQLITE_DONE) return ents.Error();

      evs.Int(1, sa.article_id);
      while ((rc = evs.Step()) == SQLITE_ROW) {
        std::int64_t id = evs.ColInt(0);
        if (!sa.event_ids.empty() && sa.event_ids.back() == id) continue;
        sa.event_ids.push_back(id);
        StoredCluster cl;
        ReadCluster(evs, 1, &cl);
        sa.clusters.push_back(cl);
        c.events.emplace_back();
        ReadEvent(evs, 6, &c.events.back());
      }
      evs.Reset();
      if (rc != SQLITE_DONE) return evs.Error();

      srcs.Int(1, sa.article_id);
      while ((rc = srcs.Step()) == SQLITE_ROW) {
        c.sources.push_back({srcs.ColText(0), srcs.ColText(1), srcs.ColText(2)});
      }
      srcs.Reset();
      if (rc != SQLITE_DONE) return srcs.Error();
      if (!fn(sa)) break;
    }
    return Status::Ok();
  }

  Result<StoreCounts> Counts() override {
    StoreCounts c;
    struct Q {
      const char* sql;
      std::int64_t* out;
    };
    const Q queries[] = {
        {"SELECT count(*) FROM articles", &c.articles},
        {"SELECT count(*) FROM articles WHERE previous_version IS NOT NULL", &c.versions},
        {"SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL", &c.duplicates},
        {"SELECT count(*) FROM sentences", &c.sentences},
        {"SELECT count(*) FROM entities", &c.entities},
        {"SELECT count(*) FROM events", &c.events},
        {"SELECT count(*) FROM sources", &c.sources},
        {"SELECT count(*) FROM stories", &c.stories},
        {"SELECT count(*) FROM clusters", &c.clusters},
    };
    for (const Q& q : queries) {
      auto v = ScalarInt(q.sql);
      if (!v.ok()) return v.status();
      *q.out = *v;
    }
    return c;
  }

  Result<StoreSummary> Summarize(std::size_t top, std::size_t examples) override {
    StoreSummary sum;
    auto counts = Counts();
    if (!counts.ok()) return counts.status();
    sum.counts = *counts;
    auto grouped = [&](const std::string& sql,
                       std::vector<std::pair<std::string, std::int64_t>>* out) -> Status {
      Stmt s;
      DYAD_RETURN_IF_ERROR(s.Prepare(db_, sql));
      if (sqlite3_bind_parameter_count(s.get()) > 0) s.Int(1, static_cast<std::int64_t>(top));
      int rc;
      while ((rc = s.Step()) == SQLITE_ROW) out->emplace_back(s.ColText(0), s.ColInt(1));
      return rc == SQLITE_DONE ? Status::Ok() : s.Error();
    };
    DYAD_RETURN_IF_ERROR(grouped("SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 1",
                                 &sum.by_cameo_root));
    DYAD_RETURN_IF_ERROR(
        grouped("SELECT plover_event, count(*) FROM events WHERE plover_event IS NOT NULL "
                "GROUP BY 1 ORDER BY 1",
                &sum.by_plover));
    DYAD_RETURN_IF_ERROR(
        grouped("SELECT coalesce(source_code, '?') || ' -> ' || coalesce(target_code, '?'), "
                "count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
                &sum.top_dyads));
    // Examples: events with both actors coded, spread over articles.
    std::int64_t last_article = -1;
    EventFilter all;
    DYAD_RETURN_IF_ERROR(Query(all, [&](const StoredEvent& e) {
      if (!e.event.source || !e.event.target || e.event.source->code.empty() ||
          e.event.target->code.empty() || e.article_id == last_article) {
        return true;
      }
      last_article = e.article_id;
      sum.examples.push_back(e);
      return sum.examples.size() < examples;
    }));
    return sum;
  }

  Status SetDuplicateOf(std::int64_t article, std::int64_t original) override {
    if (article == original) {
      return InvalidArgument("article " + std::to_string(article) + " cannot duplicate itself");
    }
    Stmt& s = Cached("UPDATE articles SET duplicate_of = ? WHERE id = ?");
    s.IntOrNull(1, original, original != 0);
    s.Int(2, article);
    DYAD_RETURN_IF_ERROR(s.Run());
    if (sqlite3_changes(db_) == 0) return NotFound("no stored article " + std::to_string(article));
    return Status::Ok();
  }

  Result<std::int64_t> AddStory(const StoryRecord& story) override {
    DYAD_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    auto id = InsertStory(story);
    return Finish(std::move(id));
  }

  Result<std::int64_t> AddCluster(const ClusterRecord& cluster) override {
    if (cluster.event_ids.empty()) return InvalidArgument("a cluster needs at least one event");
    DYAD_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    auto id = InsertCluster(cluster);
    return Finish(std::move(id));
  }

  Status ClearStories() override {
    DYAD_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    return FinishStatus(DeleteStories());
  }

  Status ReplaceStories(std::span<const std::pair<std::int64_t, std::int64_t>> duplicates,
                        std::span<const StoryRecord> stories,
                        std::span<const ClusterRecord> clusters) override {
    for (std::size_t i = 0; i < clusters.size(); ++i) {
      if (clusters[i].event_ids.empty()) {
        return InvalidArgument("clusters[" + std::to_string(i) + "]: a cluster needs an event");
      }
    }
    DYAD_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status s = DeleteStories();
    for (std::size_t i = 0; s.ok() && i < duplicates.size(); ++i) {
      s = SetDuplicateOf(duplicates[i].first, duplicates[i].second);
    }
    for (std::size_t i = 0; s.ok() && i < stories.size(); ++i) s = InsertStory(stories[i]).status();
    for (std::size_t i = 0; s.ok() && i < clusters.size(); ++i) {
      s = InsertCluster(clusters[i]).status();
    }
    return FinishStatus(std::move(s));
  }

 private:
  // Commits the transaction a writer began when `r` is ok, else rolls it back.
  Result<std::int64_t> Finish(Result<std::int64_t> r) {
    Status s = r.ok() ? Exec("COMMIT") : r.status();
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return s;
    }
    return r;
  }

  Status FinishStatus(Status s) {
    if (s.ok()) s = Exec("COMMIT");
    if (!s.ok()) (void)Exec("ROLLBACK");
    return s;
  }

  // The story-stage writes, inside the caller's transaction.
  Result<std::int64_t> InsertStory(const StoryRecord& story) {
    Stmt& ins = Cached(std::string("INSERT INTO stories(id, label, created_at) VALUES (?, ?, ") +
                       std::string(kNow) + ")");
    ins.IntOrNull(1, story.id, story.id != 0);
    ins.TextOrNull(2, story.label);
    DYAD_RETURN_IF_ERROR(ins.Run());
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    Stmt& link = Cached("INSERT OR IGNORE INTO story_articles(story_id, article_id) VALUES (?, ?)");
    for (std::int64_t article : story.article_ids) {
      link.Int(1, id);
      link.Int(2, article);
      DYAD_RETURN_IF_ERROR(link.Run());
    }
    Stmt& dates = Cached(
        "UPDATE stories SET first_date = (SELECT min(a.date) FROM story_articles sa JOIN "
        "articles a ON a.id = sa.article_id WHERE sa.story_id = ?1), last_date = (SELECT "
        "max(a.date) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE "
        "sa.story_id = ?1) WHERE id = ?1");
    dates.Int(1, id);
    DYAD_RETURN_IF_ERROR(dates.Run());
    return id;
  }

  Result<std::int64_t> InsertCluster(const ClusterRecord& cluster) {
    Stmt& ins =
        Cached(std::string("INSERT INTO clusters(id, story_id, label, num_mentions, num_sources, "
                           "num_articles, created_at) VALUES (?, ?, ?, 0, 0, 0, ") +
               std::string(kNow) + ")");
    ins.IntOrNull(1, cluster.id, cluster.id != 0);
    ins.IntOrNull(2, cluster.story_id, cluster.story_id != 0);
    ins.TextOrNull(3, cluster.label);
    DYAD_RETURN_IF_ERROR(ins.Run());
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    Stmt& link = Cached("INSERT OR IGNORE INTO cluster_events(cluster_id, event_id) VALUES (?, ?)");
    for (std::int64_t event : cluster.event_ids) {
      link.Int(1, id);
      link.Int(2, event);
      DYAD_RETURN_IF_ERROR(link.Run());
    }
    Stmt& agg = Cached(
        "UPDATE clusters SET (num_mentions, num_articles, num_sources, first_date) = "
        "(SELECT count(*), count(DISTINCT e.article_id), "
        "count(DISTINCT coalesce(a.source, a.url, a.id)), "
        "min(coalesce(e.date_value, a.date)) FROM cluster_events ce "
        "JOIN events e ON e.id = ce.event_id JOIN articles a ON a.id = e.article_id "
        "WHERE ce.cluster_id = ?1) WHERE id = ?1");
    agg.Int(1, id);
    DYAD_RETURN_IF_ERROR(agg.Run());
    return id;
  }

  Status DeleteStories() {
    return Exec(
        "DELETE FROM cluster_events; DELETE FROM clusters; DELETE FROM story_articles;"
        " DELETE FROM stories; UPDATE articles SET duplicate_of = NULL"
        " WHERE duplicate_of IS NOT NULL");
  }

  static void ReadCluster(const Stmt& s, int c, StoredCluster* out) {
    *out = StoredCluster{};
    if (s.IsNull(c)) return;
    out->cluster_id = s.ColInt(c);
    out->story_id = s.ColInt(c + 1);
    out->num_mentions = static_cast<int>(s.ColInt(c + 2));
    out->num_sources = static_cast<int>(s.ColInt(c + 3));
    out->num_articles = static_cast<int>(s.ColInt(c + 4));
  }

  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      return IoError(path_ + ": " + msg);
    }
    return Status::Ok();
  }

  Result<std::int64_t> ScalarInt(const std::string& sql) {
    Stmt s;
    DYAD_RETURN_IF_ERROR(s.Prepare(db_, sql));
    int rc = s.Step();
    if (rc == SQLITE_ROW) return s.ColInt(0);
    if (rc == SQLITE_DONE) return std::int64_t{0};
    return s.Error();
  }

  // A statement prepared once per handle. Prepare errors are bugs in dyad's
  // SQL; they surface as kInternal when the statement is stepped.
  Stmt& Cached(const std::string& sql) {
    for (auto& [text, stmt] : stmts_) {
      if (text == sql) return *stmt;
    }
    auto stmt = std::make_unique<Stmt>();
    (void)stmt->Prepare(db_, sql);
    stmts_.emplace_back(sql, std::move(stmt));
    return *stmts_.back().second;
  }

  Status Migrate(bool read_only) {
    auto has = ScalarInt(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
    if (!has.ok()) return has.status();
    int version = 0;
    if (*has) {
      auto v = ScalarInt("SELECT max(version) FROM schema_version");
      if (!v.ok()) return v.status();
      version = static_cast<int>(*v);
    } else {
      auto tables = ScalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
      if (!tables.ok()) return tables.status();
      if (*tables) {
        return VersionMismatch(path_ +
                               ": an SQLite database but not a dyad store (no "
                               "schema_version table)");
      }
    }
    if (version > kStoreSchemaVersion) {
      return VersionMismatch(path_ + ": store schema version " + std::to_string(version) +
                             " is newer than this dyad (" + std::to_string(kStoreSchemaVersion) +
                             "); upgrade dyad");
    }
    if (version < kStoreSchemaVersion && read_only) {
      return VersionMismatch(path_ + ": store schema version " + std::to_string(version) +
                             " needs migrating to " + std::to_string(kStoreSchemaVersion) +
                             "; open it once for writing (dyad ingest)");
    }
    while (version < kStoreSchemaVersion) {
      DYAD_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
      Status s = Exec(version == 0 ? "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER "
                                     "PRIMARY KEY, applied_at TEXT NOT NULL)"
                                   : "SELECT 1");
      // Another process may have migrated meanwhile: re-read under the lock.
      auto now = ScalarInt("SELECT coalesce(max(version), 0) FROM schema_version");
      if (s.ok() && !now.ok()) s = now.status();
      if (s.ok() && *now > version) {
        version = static_cast<int>(*now);
        s = Exec("COMMIT");
        if (!s.ok()) return s;
        continue;
      }
      if (s.ok()) s = Exec(std::string(kMigrations[static_cast<std::size_t>(version)]));
      if (s.ok()) {
        s = Exec("INSERT INTO schema_version(version, applied_at) VALUES (" +
                 std::to_string(version + 1) + ", " + std::string(kNow) + ")");
      }
      if (s.ok()) s = Exec("COMMIT");
      if (!s.ok()) {
        (void)Exec("ROLLBACK");
        return Status(s.code(), "migrating to schema version " + std::to_string(version + 1) +
                                    ": " + s.message());
      }
      ++version;
    }
    version_ = version;
    return Status::Ok();
  }

  Status PrepareWrites() {
    DYAD_RETURN_IF_ERROR(find_hash_.Prepare(db_, "SELECT id FROM articles WHERE content_hash = ?"));
    DYAD_RETURN_IF_ERROR(
        find_url_.Prepare(db_, "SELECT id FROM articles WHERE url = ? ORDER BY id DESC LIMIT 1"));
    DYAD_RETURN_IF_ERROR(insert_article_.Prepare(
        db_,
        "INSERT INTO articles(input_id, content_hash, url, source, date, title, body, "
        "language, boilerplate_removed, sentence_count, ingested_at, previous_version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " +
            std::string(kNow) + ", ?)"));
    DYAD_RETURN_IF_ERROR(insert_sentence_.Prepare(
        db_, "INSERT INTO sentences(article_id, idx, begin, end) VALUES (?, ?, ?, ?)"));
    DYAD_RETURN_IF_ERROR(insert_entity_.Prepare(
        db_,
        "INSERT INTO entities(article_id, idx, entity_key, text, type, begin, end, code, "
        "country, sectors, place_name, place_country, place_admin1, place_lat, place_lon, "
        "place_geonames_id) VALUES (" +
            Placeholders(16) + ")"));
    DYAD_RETURN_IF_ERROR(insert_event_.Prepare(db_, "INSERT INTO events(article_id, idx, " +
                                                        std::string(kEventColumns) + ") VALUES (" +
                                                        Placeholders(2 + kEventColumnCount) + ")"));
    DYAD_RETURN_IF_ERROR(insert_source_.Prepare(
        db_, "INSERT INTO sources(article_id, idx, text, kind, code) VALUES (?, ?, ?, ?, ?)"));
    return Status::Ok();
  }

  Status WriteOne(const Article& a, const CodedArticle& c, WriteResult* r) {
    find_hash_.Text(1, a.content_hash);
    int rc = find_hash_.Step();
    if (rc == SQLITE_ROW) {
      r->kind = WriteKind::kDuplicate;
      r->article_id = find_hash_.ColInt(0);
      find_hash_.Reset();
      return Status::Ok();
    }
    find_hash_.Reset();
    if (rc != SQLITE_DONE) return find_hash_.Error();
    if (!a.url.empty()) {
      find_url_.Text(1, a.url);
      rc = find_url_.Step();
      if (rc == SQLITE_ROW) r->previous_version = find_url_.ColInt(0);
      find_url_.Reset();
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) return find_url_.Error();
    }
    Stmt& ia = insert_article_;
    ia.Text(1, a.id);
    ia.Text(2, a.content_hash);
    ia.TextOrNull(3, a.url);
    ia.TextOrNull(4, a.source);
    ia.TextOrNull(5, a.date);
    ia.TextOrNull(6, a.title);
    ia.Text(7, a.body);
    ia.Text(8, a.language.empty() ? std::string_view("en") : std::string_view(a.language));
    nlohmann::json bp = a.boilerplate_removed;
    ia.Text(9, bp.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), true);
    ia.Int(10, c.sentence_count);
    ia.IntOrNull(11, r->previous_version, r->previous_version != 0);
    DYAD_RETURN_IF_ERROR(ia.Run());
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    r->article_id = id;

    for (std::size_t i = 0; i < c.sentence_spans.size(); ++i) {
      Stmt& s = insert_sentence_;
      s.Int(1, id);
      s.Int(2, static_cast<std::int64_t>(i));
      s.Int(3, c.sentence_spans[i].begin);
      s.Int(4, c.sentence_spans[i].end);
      DYAD_RETURN_IF_ERROR(s.Run());
    }
    for (std::size_t i = 0; i < c.entities.size(); ++i) {
      const Entity& e = c.entities[i];
      Stmt& s = insert_entity_;
      s.Int(1, id);
      s.Int(2, static_cast<std::int64_t>(i));
      s.Text(3, e.id);
      s.Text(4, e.text);
      s.Text(5, EntityTypeName(e.type));
      s.Int(6, e.span.begin);
      s.Int(7, e.span.end);
      s.TextOrNull(8, e.code);
      s.TextOrNull(9, e.country);
      s.Text(10, SectorsJson(e.sectors), true);
      if (e.place) {
        s.Text(11, e.place->name);
        s.TextOrNull(12, e.place->country);
        s.TextOrNull(13, e.place->admin1);
        if (e.place->has_coordinates) {
          s.Real(14, e.place->lat);
          s.Real(15, e.place->lon);
        }
        s.IntOrNull(16, e.place->geonames_id, e.place->geonames_id != 0);
      }
      DYAD_RETURN_IF_ERROR(s.Run());
    }
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      Stmt& s = insert_event_;
      s.Int(1, id);
      s.Int(2, static_cast<std::int64_t>(i));
      BindEvent(s, 3, c.events[i]);
      DYAD_RETURN_IF_ERROR(s.Run());
    }
    for (std::size_t i = 0; i < c.sources.size(); ++i) {
      Stmt& s = insert_source_;
      s.Int(1, id);
      s.Int(2, static_cast<std::int64_t>(i));
      s.Text(3, c.sources[i].text);
      s.Text(4, c.sources[i].kind);
      s.TextOrNull(5, c.sources[i].code);
      DYAD_RETURN_IF_ERROR(s.Run());
    }
    r->kind = WriteKind::kNew;
    return Status::Ok();
  }

  sqlite3* db_;
  std::string path_;
  int version_ = 0;
  Stmt find_hash_, find_url_, insert_article_, insert_sentence_, insert_entity_, insert_event_,
      insert_source_;
  std::vector<std::pair<std::string, std::unique_ptr<Stmt>>> stmts_;
};

}  // namespace
}  // namespace store

Result<std::unique_ptr<Store>> Store::Open(const std::string& uri, const StoreOptions& options) {
  std::string_view u = uri;
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    return Unsupported(uri +
                       ": the PostgreSQL backend is not built yet; use a file path or "
                       "sqlite:PATH");
  }
  if (u.starts_with("sqlite:")) u.remove_prefix(7);
  if (u.starts_with("//")) u.remove_prefix(2);  // sqlite://PATH
  if (u.empty()) return InvalidArgument("empty store path");
  std::size_t colon = u.find("://");
  if (colon != std::string_view::npos) {
    return Unsupported(uri + ": unknown store scheme '" + std::string(u.substr(0, colon)) +
                       "' (use a file path, sqlite:PATH or postgresql://...)");
  }
  const std::string path(u);
  sqlite3* db = nullptr;
  int flags =
      SQLITE_OPEN_NOMUTEX |
      (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    if (options.read_only && rc == SQLITE_CANTOPEN) return NotFound(path + ": no such store");
    return IoError(path + ": cannot open store: " + msg);
  }
  auto store = std::make_unique<store::SqliteStore>(db, path);
  if (Status s = store->Init(options); !s.ok()) {
    if (s.message().find("file is not a database") != std::string::npos) {
      return VersionMismatch(path + ": not an SQLite database");
    }
    return s;
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace dyad
