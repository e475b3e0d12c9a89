// dyad::Store over SQL: the store's logic and queries, written once for every
// backend behind SqlConnection (store/sql.h): SQLite (the embedded default)
// and PostgreSQL.
#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dyad/store.h"
#include "store/schema.h"
#include "store/sql.h"
#include "store/sql_backends.h"

namespace dyad {
namespace store {
namespace {

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

// Binds the event columns starting at parameter `first`.
void BindEvent(SqlStatement& s, int first, const Event& e) {
  int i = first;
  s.Text(i++, e.id);
  s.Int(i++, e.sentence);
  for (const std::optional<Actor>* a : {&e.source, &e.target}) {
    if (*a) {
      const Actor& x = **a;
      s.Text(i++, x.text);
      s.TextOrNull(i++, x.code);
      s.TextOrNull(i++, x.country);
      s.Text(i++, SectorsJson(x.sectors));
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
void ReadEvent(const SqlStatement& s, int c, Event* e) {
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

// Query parameters in the order their `?` appear.
using SqlArg = std::variant<std::string, std::int64_t>;

void BindAll(SqlStatement& s, const std::vector<SqlArg>& args) {
  int p = 1;
  for (const SqlArg& a : args) {
    if (const auto* t = std::get_if<std::string>(&a)) {
      s.Text(p++, *t);
    } else {
      s.Int(p++, std::get<std::int64_t>(a));
    }
  }
}

// The events of a query: events `e` joined with their article `a`, sentence
// `s` and cluster `c` (an event in two clusters gives two rows).
constexpr std::string_view kEventFrom =
    " FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence"
    " LEFT JOIN cluster_events ce ON ce.event_id = e.id"
    " LEFT JOIN clusters c ON c.id = ce.cluster_id";

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<SqlConnection> conn, const StoreOptions& options)
      : conn_(std::move(conn)), d_(conn_->dialect()), options_(options) {}
  ~SqlStore() override {
    stmts_.clear();  // statements before their connection
    conn_.reset();
  }

  Status Init() {
    DYAD_RETURN_IF_ERROR(Migrate(options_.read_only));
    return Status::Ok();
  }

  int SchemaVersion() const override { return version_; }

  Result<std::vector<WriteResult>> Write(std::span<const ArticleWrite> batch) override {
    std::vector<WriteResult> results(batch.size());
    DYAD_RETURN_IF_ERROR(Exec(d_.begin_write));
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
    auto s = Cached("SELECT 1 FROM articles WHERE content_hash = ?");
    if (!s.ok()) return s.status();
    (*s)->Text(1, content_hash);
    Result<bool> row = (*s)->Step();
    (*s)->Reset();
    return row;
  }

  Status Query(const EventFilter& f, const std::function<bool(const StoredEvent&)>& fn) override {
    std::string where;
    std::vector<SqlArg> args;
    DYAD_RETURN_IF_ERROR(Where(f, &where, &args));
    if (f.event_id) {
      where += " AND e.id = ?";
      args.emplace_back(f.event_id);
    }
    const std::string sql =
        "SELECT e.id, e.article_id, a.input_id, a.url, a.source, a.date, a.title, "
        "a.content_hash, a.ingested_at, " +
        d_.ByteSlice("a.body", "s.\"begin\"", "s.\"end\"") +
        ", c.id, c.story_id, c.num_mentions, c.num_sources, c.num_articles, " + Prefixed("e.") +
        std::string(kEventFrom) + where + " AND e.id > ? ORDER BY e.id, c.id LIMIT ?";
    auto st = Prepare(sql);
    if (!st.ok()) return st.status();
    SqlStatement& s = **st;
    Deadline deadline(this);
    DYAD_RETURN_IF_ERROR(deadline.status);
    // Pages of rows by event id, so no backend holds a whole large result.
    constexpr std::int64_t kPage = 1000;
    std::size_t delivered = 0;
    std::int64_t last_event = f.after_id;
    StoredEvent row;
    for (;;) {
      BindAll(s, args);
      const int n = static_cast<int>(args.size());
      s.Int(n + 1, last_event);
      s.Int(n + 2, kPage);
      std::int64_t rows = 0;
      bool stop = false;
      for (;;) {
        Result<bool> more = s.Step();
        if (!more.ok()) {
          s.Reset();
          return more.status();
        }
        if (!*more) break;
        ++rows;
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
        if (!fn(row) || (f.limit && ++delivered >= f.limit)) {
          stop = true;
          break;
        }
      }
      s.Reset();
      if (stop || rows < kPage) break;
    }
    return Status::Ok();
  }

  Result<std::vector<FacetRow>> Facet(const EventFilter& f, FacetField field, FacetField split,
                                      std::size_t limit) override {
    if (field == FacetField::kNone) return InvalidArgument("facet: a field to group by is needed");
    std::string where;
    std::vector<SqlArg> args;
    DYAD_RETURN_IF_ERROR(Where(f, &where, &args));
    std::string key = FacetExpr(field, &where);
    std::string sub = split == FacetField::kNone ? "''" : FacetExpr(split, &where);
    // Only the joins the filter needs: one row per event, so count(*) counts events.
    std::string from = " FROM events e JOIN articles a ON a.id = e.article_id";
    if (!f.text.empty()) {
      from += " JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence";
    }
    std::string sql = "SELECT " + key + ", " + sub + ", count(*)" + from + where +
                      " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";
    if (limit) {
      sql += " LIMIT ?";
      args.emplace_back(static_cast<std::int64_t>(limit));
    }
    auto st = Prepare(sql);
    if (!st.ok()) return st.status();
    SqlStatement& s = **st;
    Deadline deadline(this);
    DYAD_RETURN_IF_ERROR(deadline.status);
    BindAll(s, args);
    std::vector<FacetRow> out;
    for (;;) {
      Result<bool> more = s.Step();
      if (!more.ok()) return more.status();
      if (!*more) break;
      out.push_back({s.ColText(0), s.ColText(1), s.ColInt(2)});
    }
    return out;
  }

  Result<std::vector<StoryLinkInfo>> StoryLinks(std::int64_t story_id) override {
    std::vector<StoryLinkInfo> out;
    if (version_ < 3) return out;
    auto st = Prepare(
        "SELECT l.article_id, l.nearest_article, l.score, l.evidence, a.input_id, a.title, a.date,"
        " a.source FROM story_links l JOIN articles a ON a.id = l.article_id"
        " WHERE l.story_id = ? ORDER BY l.position");
    if (!st.ok()) return st.status();
    SqlStatement& s = **st;
    s.Int(1, story_id);
    for (;;) {
      Result<bool> more = s.Step();
      if (!more.ok()) return more.status();
      if (!*more) break;
      StoryLinkInfo info;
      info.link.article_id = s.ColInt(0);
      info.link.nearest_article = s.IsNull(1) ? 0 : s.ColInt(1);
      info.link.score = s.ColReal(2);
      info.link.evidence = s.ColText(3);
      info.article_ref = s.ColText(4);
      info.title = s.ColText(5);
      info.date = s.ColText(6);
      info.source = s.ColText(7);
      out.push_back(std::move(info));
    }
    return out;
  }

  Result<std::vector<StoryInfo>> Stories(std::int64_t after_id, std::size_t limit) override {
    auto st = Prepare(
        "SELECT st.id, st.label, st.first_date, st.last_date,"
        " (SELECT count(*) FROM story_articles sa WHERE sa.story_id = st.id),"
        " (SELECT count(*) FROM clusters c WHERE c.story_id = st.id),"
        " (SELECT count(*) FROM events e WHERE e.article_id IN"
        "   (SELECT article_id FROM story_articles WHERE story_id = st.id) OR e.id IN"
        "   (SELECT ce.event_id FROM cluster_events ce JOIN clusters c ON c.id = ce.cluster_id"
        "    WHERE c.story_id = st.id))"
        " FROM stories st WHERE st.id > ? ORDER BY st.id LIMIT ?");
    if (!st.ok()) return st.status();
    SqlStatement& s = **st;
    Deadline deadline(this);
    DYAD_RETURN_IF_ERROR(deadline.status);
    s.Int(1, after_id);
    s.Int(2, limit ? static_cast<std::int64_t>(limit) : INT64_MAX);
    std::vector<StoryInfo> out;
    for (;;) {
      Result<bool> more = s.Step();
      if (!more.ok()) return more.status();
      if (!*more) break;
      out.push_back({s.ColInt(0), s.ColText(1), s.ColText(2), s.ColText(3), s.ColInt(4),
                     s.ColInt(5), s.ColInt(6)});
    }
    return out;
  }

  Result<StoredArticle> GetArticle(std::int64_t article_id) override {
    Deadline deadline(this);
    DYAD_RETURN_IF_ERROR(deadline.status);
    std::optional<StoredArticle> found;
    DYAD_RETURN_IF_ERROR(ReadArticles(article_id - 1, 1, [&](const StoredArticle& a) {
      if (a.article_id == article_id) found = a;
      return false;
    }));
    if (!found) return NotFound("no stored article " + std::to_string(article_id));
    return std::move(*found);
  }

  Status ForEachArticle(const std::function<bool(const StoredArticle&)>& fn) override {
    return ReadArticles(0, 0, fn);
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
    auto grouped = [&](const std::string& sql, bool limited,
                       std::vector<std::pair<std::string, std::int64_t>>* out) -> Status {
      auto st = Prepare(sql);
      if (!st.ok()) return st.status();
      SqlStatement& s = **st;
      if (limited) s.Int(1, static_cast<std::int64_t>(top));
      for (;;) {
        Result<bool> more = s.Step();
        if (!more.ok()) return more.status();
        if (!*more) return Status::Ok();
        out->emplace_back(s.ColText(0), s.ColInt(1));
      }
    };
    DYAD_RETURN_IF_ERROR(grouped("SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 1",
                                 false, &sum.by_cameo_root));
    DYAD_RETURN_IF_ERROR(
        grouped("SELECT plover_event, count(*) FROM events WHERE plover_event IS NOT NULL "
                "GROUP BY 1 ORDER BY 1",
                false, &sum.by_plover));
    DYAD_RETURN_IF_ERROR(
        grouped("SELECT coalesce(source_code, '?') || ' -> ' || coalesce(target_code, '?'), "
                "count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
                true, &sum.top_dyads));
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
    auto st = Cached("UPDATE articles SET duplicate_of = ? WHERE id = ?");
    if (!st.ok()) return st.status();
    SqlStatement& s = **st;
    s.IntOrNull(1, original, original != 0);
    s.Int(2, article);
    Result<bool> r = s.Step();
    const std::int64_t changed = s.Changes();
    s.Reset();
    if (!r.ok()) return r.status();
    if (changed == 0) return NotFound("no stored article " + std::to_string(article));
    return Status::Ok();
  }

  Result<std::int64_t> AddStory(const StoryRecord& story) override {
    DYAD_RETURN_IF_ERROR(Exec(d_.begin_write));
    auto id = InsertStory(story);
    return Finish(std::move(id));
  }

  Result<std::int64_t> AddCluster(const ClusterRecord& cluster) override {
    if (cluster.event_ids.empty()) return InvalidArgument("a cluster needs at least one event");
    DYAD_RETURN_IF_ERROR(Exec(d_.begin_write));
    auto id = InsertCluster(cluster);
    return Finish(std::move(id));
  }

  Status ClearStories() override {
    DYAD_RETURN_IF_ERROR(Exec(d_.begin_write));
    return FinishStatus(DeleteStories());
  }

  Result<std::int64_t> AddSplit(std::span<const std::int64_t> event_ids,
                                const std::string& note) override {
    if (event_ids.empty()) return InvalidArgument("a split needs at least one event");
    DYAD_RETURN_IF_ERROR(Exec(d_.begin_write));
    auto id = InsertSplit(event_ids, note);
    return Finish(std::move(id));
  }

  Result<std::vector<std::vector<std::int64_t>>> Splits() override {
    auto st =
        Prepare("SELECT split_id, event_id FROM cluster_split_events ORDER BY split_id, event_id");
    if (!st.ok()) return st.status();
    std::vector<std::vector<std::int64_t>> out;
    std::int64_t last = 0;
    for (;;) {
      Result<bool> more = (*st)->Step();
      if (!more.ok()) return more.status();
      if (!*more) break;
      const std::int64_t split = (*st)->ColInt(0);
      if (out.empty() || split != last) out.emplace_back();
      last = split;
      out.back().push_back((*st)->ColInt(1));
    }
    return out;
  }

  Status ReplaceStories(std::span<const std::pair<std::int64_t, std::int64_t>> duplicates,
                        std::span<const StoryRecord> stories,
                        std::span<const ClusterRecord> clusters) override {
    for (std::size_t i = 0; i < clusters.size(); ++i) {
      if (clusters[i].event_ids.empty()) {
        return InvalidArgument("clusters[" + std::to_string(i) + "]: a cluster needs an event");
      }
    }
    DYAD_RETURN_IF_ERROR(Exec(d_.begin_write));
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
  // Bounds one read by StoreOptions::query_timeout_ms, for its lifetime.
  struct Deadline {
    explicit Deadline(SqlStore* store) : store(store) {
      if (store->options_.query_timeout_ms > 0) {
        status = store->conn_->SetTimeout(store->options_.query_timeout_ms);
      }
    }
    ~Deadline() {
      if (store->options_.query_timeout_ms > 0) (void)store->conn_->SetTimeout(0);
    }
    SqlStore* store;
    Status status;
  };

  // " WHERE ..." for the filters of `f` shared by Query and Facet (not
  // event_id, after_id or limit), over events `e` and articles `a`, with
  // sentences `s` joined when f.text is set.
  Status Where(const EventFilter& f, std::string* sql, std::vector<SqlArg>* args) const {
    *sql = " WHERE 1 = 1";
    auto code_prefix = [&](const std::string& value, const char* col, const char* name) -> Status {
      if (value.empty()) return Status::Ok();
      std::string v = Upper(value);
      if (!v.empty() && v.back() == '*') v.pop_back();
      if (!IsCodeText(v)) {
        return InvalidArgument(std::string("--") + name + " '" + value +
                               "': expected a CAMEO actor code (letters and digits)");
      }
      *sql += std::string(" AND ") + col + " " + std::string(d_.prefix_op) + " ?";
      args->emplace_back(v + d_.wildcard);
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
      if (prefix) {
        *sql += " AND e.cameo " + std::string(d_.prefix_op) + " ?";
        args->emplace_back(v + d_.wildcard);
      } else {
        *sql += " AND e.cameo = ?";
        args->emplace_back(v);
      }
    }
    if (!f.plover.empty()) {
      *sql += " AND e.plover_event = ?";
      args->emplace_back(Upper(f.plover));
    }
    if (!f.modality.empty()) {
      *sql += " AND e.modality = ?";
      args->emplace_back(f.modality);
    }
    if (!f.from.empty()) {
      *sql += " AND coalesce(e.date_value, a.date) >= ?";
      args->emplace_back(f.from);
    }
    if (!f.to.empty()) {
      *sql += " AND coalesce(e.date_value, a.date) <= ?";
      args->emplace_back(f.to);
    }
    if (!f.place.empty()) {
      *sql += " AND (e.location_name " + std::string(d_.ilike) +
              " ? ESCAPE '\\' OR e.location_country = ?)";
      std::string like;
      for (char c : f.place) {
        if (c == '%' || c == '_' || c == '\\') like += '\\';
        like += c;
      }
      args->emplace_back(like);
      args->emplace_back(Upper(f.place));
    }
    if (!f.text.empty()) {
      *sql += " AND " + d_.ByteSlice("a.body", "s.\"begin\"", "s.\"end\"") + " " +
              std::string(d_.ilike) + " ? ESCAPE '\\'";
      args->emplace_back(LikeContains(f.text));
    }
    if (f.story) {
      *sql +=
          " AND (e.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
          " OR e.id IN (SELECT ce2.event_id FROM cluster_events ce2 JOIN clusters c2"
          " ON c2.id = ce2.cluster_id WHERE c2.story_id = ?))";
      args->emplace_back(f.story);
      args->emplace_back(f.story);
    }
    if (f.article_id) {
      *sql += " AND e.article_id = ?";
      args->emplace_back(f.article_id);
    }
    return Status::Ok();
  }

  // The grouping expression of a facet; adds the condition that leaves out
  // events without a value to `where`.
  static std::string FacetExpr(FacetField field, std::string* where) {
    auto not_null = [&](const char* col) {
      *where += std::string(" AND ") + col + " IS NOT NULL";
      return std::string(col);
    };
    switch (field) {
      case FacetField::kCameoRoot:
        return "e.cameo_root";
      case FacetField::kPlover:
        return not_null("e.plover_event");
      case FacetField::kQuadClass:
        return "CAST(e.quad_class AS TEXT)";
      case FacetField::kModality:
        return "e.modality";
      case FacetField::kCountry:
        return not_null("e.location_country");
      case FacetField::kDay:
        return "substr(coalesce(e.date_value, a.date, ''), 1, 10)";
      case FacetField::kSource:
        return not_null("e.source_code");
      case FacetField::kTarget:
        return not_null("e.target_code");
      case FacetField::kNone:
        break;
    }
    return "''";
  }

  // Articles with id > after_id in id order, at most `limit` (0 = all), each
  // with its sentences, entities, events and sources. Pages by id so no
  // backend holds the whole store in one result.
  Status ReadArticles(std::int64_t after_id, std::size_t limit,
                      const std::function<bool(const StoredArticle&)>& fn) {
    auto arts_r = Prepare(
        "SELECT id, input_id, content_hash, url, source, date, title, body, language, "
        "boilerplate_removed, sentence_count, ingested_at, previous_version, duplicate_of "
        "FROM articles WHERE id > ? ORDER BY id LIMIT ?");
    auto sents_r =
        Cached("SELECT \"begin\", \"end\" FROM sentences WHERE article_id = ? ORDER BY idx");
    auto ents_r = Cached(
        "SELECT entity_key, text, type, \"begin\", \"end\", code, country, sectors, place_name, "
        "place_country, place_admin1, place_lat, place_lon, place_geonames_id "
        "FROM entities WHERE article_id = ? ORDER BY idx");
    auto evs_r = Cached(
        "SELECT e.id, c.id, c.story_id, c.num_mentions, c.num_sources, "
        "c.num_articles, " +
        Prefixed("e.") +
        " FROM events e LEFT JOIN cluster_events ce ON ce.event_id = e.id"
        " LEFT JOIN clusters c ON c.id = ce.cluster_id"
        " WHERE e.article_id = ? ORDER BY e.idx, c.id");
    auto srcs_r = Cached("SELECT text, kind, code FROM sources WHERE article_id = ? ORDER BY idx");
    for (const auto* r : {&sents_r, &ents_r, &evs_r, &srcs_r}) {
      if (!r->ok()) return r->status();
    }
    if (!arts_r.ok()) return arts_r.status();
    SqlStatement& arts = **arts_r;
    SqlStatement& sents = **sents_r;
    SqlStatement& ents = **ents_r;
    SqlStatement& evs = **evs_r;
    SqlStatement& srcs = **srcs_r;
    // Runs `st` (bound to the article id) and calls `row` for each result row.
    auto rows = [](SqlStatement& st, std::int64_t id, const auto& row) -> Status {
      st.Int(1, id);
      for (;;) {
        Result<bool> more = st.Step();
        if (!more.ok()) {
          st.Reset();
          return more.status();
        }
        if (!*more) break;
        row();
      }
      st.Reset();
      return Status::Ok();
    };
    const std::int64_t page = limit ? static_cast<std::int64_t>(limit) : 64;
    std::size_t delivered = 0;
    std::int64_t last = after_id;
    StoredArticle sa;
    std::vector<StoredArticle> batch;
    for (;;) {
      // A page of articles first: the statements below run between its rows.
      arts.Int(1, last);
      arts.Int(2, page);
      batch.clear();
      for (;;) {
        Result<bool> more = arts.Step();
        if (!more.ok()) {
          arts.Reset();
          return more.status();
        }
        if (!*more) break;
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
        batch.push_back(std::move(sa));
      }
      arts.Reset();
      for (StoredArticle& art : batch) {
        CodedArticle& c = art.coded;
        last = art.article_id;
        DYAD_RETURN_IF_ERROR(rows(sents, art.article_id, [&] {
          c.sentence_spans.push_back({static_cast<std::uint32_t>(sents.ColInt(0)),
                                      static_cast<std::uint32_t>(sents.ColInt(1))});
        }));
        DYAD_RETURN_IF_ERROR(rows(ents, art.article_id, [&] {
          Entity e;
          e.id = ents.ColText(0);
          e.text = ents.ColText(1);
          e.type = EntityTypeFromName(ents.ColText(2));
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
        }));
        DYAD_RETURN_IF_ERROR(rows(evs, art.article_id, [&] {
          std::int64_t id = evs.ColInt(0);
          if (!art.event_ids.empty() && art.event_ids.back() == id) return;
          art.event_ids.push_back(id);
          StoredCluster cl;
          ReadCluster(evs, 1, &cl);
          art.clusters.push_back(cl);
          c.events.emplace_back();
          ReadEvent(evs, 6, &c.events.back());
        }));
        DYAD_RETURN_IF_ERROR(rows(srcs, art.article_id, [&] {
          c.sources.push_back({srcs.ColText(0), srcs.ColText(1), srcs.ColText(2)});
        }));
        if (!fn(art) || (limit && ++delivered >= limit)) return Status::Ok();
      }
      if (batch.size() < static_cast<std::size_t>(page)) break;
    }
    return Status::Ok();
  }

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

  // Runs an INSERT ... RETURNING id; the new id, or 0 when no row was
  // inserted (ON CONFLICT DO NOTHING).
  static Result<std::int64_t> InsertReturning(SqlStatement& s) {
    Result<bool> row = s.Step();
    std::int64_t id = 0;
    if (row.ok() && *row) {
      id = s.ColInt(0);
      row = s.Step();
    }
    s.Reset();
    if (!row.ok()) return row.status();
    return id;
  }

  // The story-stage writes, inside the caller's transaction. Ids not given
  // are the next free ones (one story writer at a time: the caller's lock).
  Result<std::int64_t> InsertStory(const StoryRecord& story) {
    auto ins = Cached(
        "INSERT INTO stories(id, label, created_at) VALUES (coalesce(?, (SELECT "
        "coalesce(max(id), 0) + 1 FROM stories)), ?, " +
        std::string(d_.now) + ") RETURNING id");
    if (!ins.ok()) return ins.status();
    (*ins)->IntOrNull(1, story.id, story.id != 0);
    (*ins)->TextOrNull(2, story.label);
    auto id_r = InsertReturning(**ins);
    if (!id_r.ok()) return id_r.status();
    const std::int64_t id = *id_r;
    auto link = Cached(
        "INSERT INTO story_articles(story_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
    if (!link.ok()) return link.status();
    for (std::int64_t article : story.article_ids) {
      (*link)->Int(1, id);
      (*link)->Int(2, article);
      DYAD_RETURN_IF_ERROR((*link)->Run());
    }
    auto dates = Cached(
        "UPDATE stories SET first_date = (SELECT min(a.date) FROM story_articles sa JOIN "
        "articles a ON a.id = sa.article_id WHERE sa.story_id = ?1), last_date = (SELECT "
        "max(a.date) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE "
        "sa.story_id = ?1) WHERE id = ?1");
    if (!dates.ok()) return dates.status();
    (*dates)->Int(1, id);
    DYAD_RETURN_IF_ERROR((*dates)->Run());
    auto why = Cached(
        "INSERT INTO story_links(story_id, article_id, position, nearest_article, score, evidence)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    if (!why.ok()) return why.status();
    for (std::size_t i = 0; i < story.links.size(); ++i) {
      const StoryLinkRecord& l = story.links[i];
      (*why)->Int(1, id);
      (*why)->Int(2, l.article_id);
      (*why)->Int(3, static_cast<std::int64_t>(i));
      (*why)->IntOrNull(4, l.nearest_article, l.nearest_article != 0);
      (*why)->Real(5, l.score);
      (*why)->Text(6, l.evidence);
      DYAD_RETURN_IF_ERROR((*why)->Run());
    }
    return id;
  }

  Result<std::int64_t> InsertCluster(const ClusterRecord& cluster) {
    auto ins = Cached(
        "INSERT INTO clusters(id, story_id, label, num_mentions, num_sources, num_articles, "
        "created_at) VALUES (coalesce(?, (SELECT coalesce(max(id), 0) + 1 FROM clusters)), ?, ?, "
        "0, 0, 0, " +
        std::string(d_.now) + ") RETURNING id");
    if (!ins.ok()) return ins.status();
    (*ins)->IntOrNull(1, cluster.id, cluster.id != 0);
    (*ins)->IntOrNull(2, cluster.story_id, cluster.story_id != 0);
    (*ins)->TextOrNull(3, cluster.label);
    auto id_r = InsertReturning(**ins);
    if (!id_r.ok()) return id_r.status();
    const std::int64_t id = *id_r;
    auto link = Cached(
        "INSERT INTO cluster_events(cluster_id, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
    if (!link.ok()) return link.status();
    for (std::int64_t event : cluster.event_ids) {
      (*link)->Int(1, id);
      (*link)->Int(2, event);
      DYAD_RETURN_IF_ERROR((*link)->Run());
    }
    auto agg = Cached(
        "UPDATE clusters SET (num_mentions, num_articles, num_sources, first_date) = "
        "(SELECT count(*), count(DISTINCT e.article_id), "
        "count(DISTINCT coalesce(a.source, a.url, CAST(a.id AS TEXT))), "
        "min(coalesce(e.date_value, a.date)) FROM cluster_events ce "
        "JOIN events e ON e.id = ce.event_id JOIN articles a ON a.id = e.article_id "
        "WHERE ce.cluster_id = ?1) WHERE id = ?1");
    if (!agg.ok()) return agg.status();
    (*agg)->Int(1, id);
    DYAD_RETURN_IF_ERROR((*agg)->Run());
    return id;
  }

  Result<std::int64_t> InsertSplit(std::span<const std::int64_t> event_ids,
                                   const std::string& note) {
    auto ins = Cached("INSERT INTO cluster_splits(note, created_at) VALUES (?, " +
                      std::string(d_.now) + ") RETURNING id");
    if (!ins.ok()) return ins.status();
    (*ins)->TextOrNull(1, note);
    auto id = InsertReturning(**ins);
    if (!id.ok()) return id.status();
    auto exists = Cached("SELECT 1 FROM events WHERE id = ?");
    auto link = Cached(
        "INSERT INTO cluster_split_events(split_id, event_id) VALUES (?, ?) ON CONFLICT DO "
        "NOTHING");
    if (!exists.ok()) return exists.status();
    if (!link.ok()) return link.status();
    for (std::int64_t event : event_ids) {
      (*exists)->Int(1, event);
      Result<bool> found = (*exists)->Step();
      (*exists)->Reset();
      if (!found.ok()) return found.status();
      if (!*found) return NotFound("no stored event " + std::to_string(event));
      (*link)->Int(1, *id);
      (*link)->Int(2, event);
      DYAD_RETURN_IF_ERROR((*link)->Run());
    }
    return id;
  }

  Status DeleteStories() {
    return Exec(
        "DELETE FROM story_links; DELETE FROM cluster_events; DELETE FROM clusters; DELETE FROM "
        "story_articles;"
        " DELETE FROM stories; UPDATE articles SET duplicate_of = NULL"
        " WHERE duplicate_of IS NOT NULL");
  }

  static void ReadCluster(const SqlStatement& s, int c, StoredCluster* out) {
    *out = StoredCluster{};
    if (s.IsNull(c)) return;
    out->cluster_id = s.ColInt(c);
    out->story_id = s.ColInt(c + 1);
    out->num_mentions = static_cast<int>(s.ColInt(c + 2));
    out->num_sources = static_cast<int>(s.ColInt(c + 3));
    out->num_articles = static_cast<int>(s.ColInt(c + 4));
  }

  Status Exec(std::string_view sql) { return conn_->Exec(sql); }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) {
    return conn_->Prepare(sql);
  }

  Result<std::int64_t> ScalarInt(const std::string& sql) {
    auto st = Prepare(sql);
    if (!st.ok()) return st.status();
    Result<bool> row = (*st)->Step();
    if (!row.ok()) return row.status();
    return *row ? (*st)->ColInt(0) : std::int64_t{0};
  }

  // A statement prepared once per handle.
  Result<SqlStatement*> Cached(const std::string& sql) {
    for (auto& [text, stmt] : stmts_) {
      if (text == sql) return stmt.get();
    }
    auto stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    stmts_.emplace_back(sql, std::move(*stmt));
    return stmts_.back().second.get();
  }

  Status Migrate(bool read_only) {
    const auto& migrations = d_.postgres ? kPgMigrations : kMigrations;
    static_assert(kPgMigrations.size() == kMigrations.size());
    const std::string& name = conn_->name();
    // Tables are counted before schema_version is looked for: another process
    // creating the store commits its tables and schema_version at once, and
    // in this order its commit between the two reads can only make `has`
    // true, never show "tables without schema_version".
    auto tables = ScalarInt(d_.CountTables());
    if (!tables.ok()) return tables.status();
    auto has = ScalarInt(d_.TableExists("schema_version"));
    if (!has.ok()) return has.status();
    int version = 0;
    if (*has) {
      auto v = ScalarInt("SELECT coalesce(max(version), 0) FROM schema_version");
      if (!v.ok()) return v.status();
      version = static_cast<int>(*v);
    } else {
      if (*tables) {
        return VersionMismatch(name +
                               ": a database with tables but not a dyad store (no "
                               "schema_version table)");
      }
    }
    if (version > kStoreSchemaVersion) {
      return VersionMismatch(name + ": store schema version " + std::to_string(version) +
                             " is newer than this dyad (" + std::to_string(kStoreSchemaVersion) +
                             "); upgrade dyad");
    }
    if (version >= kOldestReadableSchemaVersion && version < kStoreSchemaVersion && read_only) {
      version_ = version;  // readable as it is; later tables read as empty
      return Status::Ok();
    }
    if (version < kStoreSchemaVersion && read_only) {
      if (version == 0 && !*has) return NotFound(name + ": not a dyad store yet (no tables)");
      return VersionMismatch(name + ": store schema version " + std::to_string(version) +
                             " needs migrating to " + std::to_string(kStoreSchemaVersion) +
                             "; open it once for writing (dyad ingest)");
    }
    while (version < kStoreSchemaVersion) {
      DYAD_RETURN_IF_ERROR(Exec(d_.begin_write));
      // One migrating process at a time (SQLite: the write lock BEGIN IMMEDIATE took).
      Status s = d_.postgres ? Exec("SELECT pg_advisory_xact_lock(7401907311)") : Status::Ok();
      if (s.ok() && version == 0) {
        s = Exec(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            "applied_at TEXT NOT NULL)");
      }
      // Another process may have migrated meanwhile: re-read under the lock.
      auto now = s.ok() ? ScalarInt("SELECT coalesce(max(version), 0) FROM schema_version")
                        : Result<std::int64_t>(s);
      if (s.ok() && !now.ok()) s = now.status();
      if (s.ok() && *now > version) {
        version = static_cast<int>(*now);
        s = Exec("COMMIT");
        if (!s.ok()) return s;
        continue;
      }
      if (s.ok()) s = Exec(migrations[static_cast<std::size_t>(version)]);
      if (s.ok()) {
        s = Exec("INSERT INTO schema_version(version, applied_at) VALUES (" +
                 std::to_string(version + 1) + ", " + std::string(d_.now) + ")");
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

  // The child tables an article write fills, as multi-row INSERTs.
  enum RowTable { kSentenceRows, kEntityRows, kEventRows, kSourceRows, kRowTables };
  static constexpr int kMaxChunkLog2 = 6;  // up to 64 rows per statement

  struct RowInsert {
    std::string head;  // "INSERT INTO t(a, b) VALUES "
    int columns = 0;
    SqlStatement* stmts[kMaxChunkLog2 + 1] = {};  // by log2 of the rows
  };

  RowInsert& Rows(RowTable t) {
    if (row_inserts_[t].columns == 0) {
      static const struct {
        const char* head;
        int columns;
      } kTables[kRowTables] = {
          {"INSERT INTO sentences(article_id, idx, \"begin\", \"end\") VALUES ", 4},
          {"INSERT INTO entities(article_id, idx, entity_key, text, type, \"begin\", \"end\", "
           "code, country, sectors, place_name, place_country, place_admin1, place_lat, "
           "place_lon, place_geonames_id) VALUES ",
           16},
          {nullptr, 2 + kEventColumnCount},
          {"INSERT INTO sources(article_id, idx, text, kind, code) VALUES ", 5},
      };
      row_inserts_[t].head = kTables[t].head ? kTables[t].head
                                             : "INSERT INTO events(article_id, idx, " +
                                                   std::string(kEventColumns) + ") VALUES ";
      row_inserts_[t].columns = kTables[t].columns;
    }
    return row_inserts_[t];
  }

  // Inserts `n` rows into table `t`, `bind(stmt, first_param, row)` binding
  // each, in chunks of 64, 32, ..., 1 rows (at most seven statements per
  // table, each prepared once).
  template <typename Bind>
  Status InsertRows(RowTable t, std::size_t n, const Bind& bind) {
    RowInsert& ri = Rows(t);
    std::size_t row = 0;
    while (row < n) {
      int lg = kMaxChunkLog2;
      while ((std::size_t{1} << lg) > n - row) --lg;
      const std::size_t chunk = std::size_t{1} << lg;
      if (!ri.stmts[lg]) {
        std::string sql = ri.head;
        const std::string one = "(" + Placeholders(ri.columns) + ")";
        for (std::size_t k = 0; k < chunk; ++k) {
          if (k) sql += ", ";
          sql += one;
        }
        auto st = Cached(sql);
        if (!st.ok()) return st.status();
        ri.stmts[lg] = *st;
      }
      SqlStatement& s = *ri.stmts[lg];
      for (std::size_t k = 0; k < chunk; ++k) {
        bind(s, static_cast<int>(k) * ri.columns + 1, row + k);
      }
      DYAD_RETURN_IF_ERROR(s.Run());
      row += chunk;
    }
    return Status::Ok();
  }

  Status WriteOne(const Article& a, const CodedArticle& c, WriteResult* r) {
    auto find_hash = Cached("SELECT id FROM articles WHERE content_hash = ?");
    if (!find_hash.ok()) return find_hash.status();
    (*find_hash)->Text(1, a.content_hash);
    Result<bool> found = (*find_hash)->Step();
    if (found.ok() && *found) {
      r->kind = WriteKind::kDuplicate;
      r->article_id = (*find_hash)->ColInt(0);
    }
    (*find_hash)->Reset();
    if (!found.ok()) return found.status();
    if (*found) return Status::Ok();
    if (!a.url.empty()) {
      auto find_url = Cached("SELECT id FROM articles WHERE url = ? ORDER BY id DESC LIMIT 1");
      if (!find_url.ok()) return find_url.status();
      (*find_url)->Text(1, a.url);
      Result<bool> prev = (*find_url)->Step();
      if (prev.ok() && *prev) r->previous_version = (*find_url)->ColInt(0);
      (*find_url)->Reset();
      if (!prev.ok()) return prev.status();
    }
    // ON CONFLICT: another writer (a second worker) stored the same text
    // after the lookup above; then it is a duplicate, not an error.
    auto ins = Cached(
        "INSERT INTO articles(input_id, content_hash, url, source, date, title, body, "
        "language, boilerplate_removed, sentence_count, ingested_at, previous_version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " +
        std::string(d_.now) + ", ?) ON CONFLICT (content_hash) DO NOTHING RETURNING id");
    if (!ins.ok()) return ins.status();
    SqlStatement& ia = **ins;
    ia.Text(1, a.id);
    ia.Text(2, a.content_hash);
    ia.TextOrNull(3, a.url);
    ia.TextOrNull(4, a.source);
    ia.TextOrNull(5, a.date);
    ia.TextOrNull(6, a.title);
    ia.Text(7, a.body);
    ia.Text(8, a.language.empty() ? std::string_view("en") : std::string_view(a.language));
    nlohmann::json bp = a.boilerplate_removed;
    ia.Text(9, bp.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    ia.Int(10, c.sentence_count);
    ia.IntOrNull(11, r->previous_version, r->previous_version != 0);
    auto id_r = InsertReturning(ia);
    if (!id_r.ok()) return id_r.status();
    const std::int64_t id = *id_r;
    if (id == 0) {
      (*find_hash)->Text(1, a.content_hash);
      Result<bool> again = (*find_hash)->Step();
      if (again.ok() && *again) r->article_id = (*find_hash)->ColInt(0);
      (*find_hash)->Reset();
      if (!again.ok()) return again.status();
      r->kind = WriteKind::kDuplicate;
      r->previous_version = 0;
      return Status::Ok();
    }
    r->article_id = id;

    // Multi-row INSERTs: a round trip per chunk of rows, not per row (it is
    // the PostgreSQL write path's main cost).
    DYAD_RETURN_IF_ERROR(InsertRows(kSentenceRows, c.sentence_spans.size(),
                                    [&](SqlStatement& s, int p, std::size_t i) {
                                      s.Int(p, id);
                                      s.Int(p + 1, static_cast<std::int64_t>(i));
                                      s.Int(p + 2, c.sentence_spans[i].begin);
                                      s.Int(p + 3, c.sentence_spans[i].end);
                                    }));
    DYAD_RETURN_IF_ERROR(
        InsertRows(kEntityRows, c.entities.size(), [&](SqlStatement& s, int p, std::size_t i) {
          const Entity& e = c.entities[i];
          s.Int(p, id);
          s.Int(p + 1, static_cast<std::int64_t>(i));
          s.Text(p + 2, e.id);
          s.Text(p + 3, e.text);
          s.Text(p + 4, EntityTypeName(e.type));
          s.Int(p + 5, e.span.begin);
          s.Int(p + 6, e.span.end);
          s.TextOrNull(p + 7, e.code);
          s.TextOrNull(p + 8, e.country);
          s.Text(p + 9, SectorsJson(e.sectors));
          for (int k = 10; k <= 15; ++k) s.Null(p + k);
          if (e.place) {
            s.Text(p + 10, e.place->name);
            s.TextOrNull(p + 11, e.place->country);
            s.TextOrNull(p + 12, e.place->admin1);
            if (e.place->has_coordinates) {
              s.Real(p + 13, e.place->lat);
              s.Real(p + 14, e.place->lon);
            }
            s.IntOrNull(p + 15, e.place->geonames_id, e.place->geonames_id != 0);
          }
        }));
    DYAD_RETURN_IF_ERROR(
        InsertRows(kEventRows, c.events.size(), [&](SqlStatement& s, int p, std::size_t i) {
          s.Int(p, id);
          s.Int(p + 1, static_cast<std::int64_t>(i));
          BindEvent(s, p + 2, c.events[i]);
        }));
    DYAD_RETURN_IF_ERROR(
        InsertRows(kSourceRows, c.sources.size(), [&](SqlStatement& s, int p, std::size_t i) {
          s.Int(p, id);
          s.Int(p + 1, static_cast<std::int64_t>(i));
          s.Text(p + 2, c.sources[i].text);
          s.Text(p + 3, c.sources[i].kind);
          s.TextOrNull(p + 4, c.sources[i].code);
        }));
    r->kind = WriteKind::kNew;
    return Status::Ok();
  }

  std::unique_ptr<SqlConnection> conn_;
  const Dialect& d_;
  StoreOptions options_;
  int version_ = 0;
  std::vector<std::pair<std::string, std::unique_ptr<SqlStatement>>> stmts_;
  RowInsert row_inserts_[kRowTables];
};

constexpr std::pair<FacetField, std::string_view> kFacetNames[] = {
    {FacetField::kNone, "none"},         {FacetField::kCameoRoot, "cameo_root"},
    {FacetField::kPlover, "plover"},     {FacetField::kQuadClass, "quad_class"},
    {FacetField::kModality, "modality"}, {FacetField::kCountry, "country"},
    {FacetField::kDay, "day"},           {FacetField::kSource, "source"},
    {FacetField::kTarget, "target"},
};

}  // namespace
}  // namespace store

Result<FacetField> ParseFacetField(std::string_view name) {
  std::string known;
  for (const auto& [field, n] : store::kFacetNames) {
    if (n == name) return field;
    if (!known.empty()) known += ", ";
    known += n;
  }
  return InvalidArgument("unknown facet '" + std::string(name) + "' (one of " + known + ")");
}

std::string_view FacetFieldName(FacetField field) {
  for (const auto& [f, n] : store::kFacetNames) {
    if (f == field) return n;
  }
  return "none";
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& uri, const StoreOptions& options) {
  std::string_view u = uri;
  Result<std::unique_ptr<store::SqlConnection>> conn = Internal("no backend");
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    conn = store::OpenPostgres(uri, options.read_only, options.busy_timeout_ms);
  } else {
    if (u.starts_with("sqlite:")) u.remove_prefix(7);
    if (u.starts_with("//")) u.remove_prefix(2);  // sqlite://PATH
    if (u.empty()) return InvalidArgument("empty store path");
    std::size_t colon = u.find("://");
    if (colon != std::string_view::npos) {
      return Unsupported(uri + ": unknown store scheme '" + std::string(u.substr(0, colon)) +
                         "' (use a file path, sqlite:PATH or postgresql://...)");
    }
    conn = store::OpenSqlite(std::string(u), options.read_only, options.busy_timeout_ms);
    if (!conn.ok() && conn.status().message().find("file is not a database") != std::string::npos) {
      return VersionMismatch(std::string(u) + ": not an SQLite database");
    }
  }
  if (!conn.ok()) return conn.status();
  auto store = std::make_unique<store::SqlStore>(std::move(*conn), options);
  if (Status s = store->Init(); !s.ok()) {
    if (s.message().find("file is not a database") != std::string::npos) {
      return VersionMismatch(std::string(u) + ": not an SQLite database");
    }
    return s;
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace dyad
