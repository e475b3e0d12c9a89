// Exports of a store: JSON lines, CSV, GDELT 2.0, PLOVER JSON, Phoenix TSV.
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/output.h"
#include "dyad/store.h"

namespace dyad {
namespace {

using Json = nlohmann::ordered_json;

std::string Num(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string Fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string_view Slice(const std::string& body, const Span& s) {
  if (s.begin >= s.end || s.end > body.size()) return {};
  return std::string_view(body).substr(s.begin, s.end - s.begin);
}

std::string_view SentenceOf(const StoredArticle& a, const Event& e) {
  if (e.sentence >= a.coded.sentence_spans.size()) return {};
  return Slice(a.article.body, a.coded.sentence_spans[e.sentence]);
}

// The event's date: its own, else the article's, else none (""). Never the
// ingest day: that would date an undated event to when it was read.
std::string EventDay(const StoredArticle& a, const Event& e) {
  if (!e.date.value.empty()) return e.date.value;
  return a.article.date;
}

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

int DayOfYear(int y, int m, int d) {
  static constexpr int kCum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12) return d;
  return kCum[m - 1] + d + (leap && m > 2 ? 1 : 0);
}

// Phoenix's PentaClass: 0 for CAMEO roots 01-02 (neutral statements), then the quad classes.
int PentaClass(std::string_view cameo) {
  int root = cameo.size() >= 2 ? (cameo[0] - '0') * 10 + (cameo[1] - '0') : 0;
  if (root <= 2) return 0;
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

// ---- tabular rows ----

class Row {
 public:
  explicit Row(char sep) : sep_(sep) {}
  void Add(std::string_view v) {
    if (!first_) line_ += sep_;
    first_ = false;
    if (sep_ == '\t') {  // TSV: no tabs or line breaks inside a field
      for (char c : v) line_ += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
      return;
    }
    bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
      line_.append(v);
      return;
    }
    line_ += '"';
    for (char c : v) {
      if (c == '"') line_ += '"';
      line_ += c;
    }
    line_ += '"';
  }
  void Add(std::int64_t v) { Add(std::string_view(std::to_string(v))); }
  void AddReal(double v) { Add(std::string_view(Num(v))); }
  std::string Finish() {
    line_ += sep_ == ',' ? "\r\n" : "\n";
    first_ = true;
    return std::move(line_);
  }

 private:
  char sep_;
  bool first_ = true;
  std::string line_;
};

const std::vector<std::string>& CsvColumns() {
  static const std::vector<std::string> kCols = {"article_id",
                                                 "article_date",
                                                 "article_url",
                                                 "article_source",
                                                 "id",
                                                 "sentence",
                                                 "sentence_text",
                                                 "source_text",
                                                 "source_code",
                                                 "source_country",
                                                 "source_sectors",
                                                 "source_entity",
                                                 "target_text",
                                                 "target_code",
                                                 "target_country",
                                                 "target_sectors",
                                                 "target_entity",
                                                 "cameo",
                                                 "plover_event",
                                                 "plover_mode",
                                                 "quad_class",
                                                 "goldstein",
                                                 "modality",
                                                 "reported",
                                                 "attribution_text",
                                                 "attribution_kind",
                                                 "attribution_code",
                                                 "date_value",
                                                 "date_precision",
                                                 "date_text",
                                                 "location_name",
                                                 "location_country",
                                                 "location_admin1",
                                                 "location_lat",
                                                 "location_lon",
                                                 "location_geonames_id",
                                                 "location_role",
                                                 "location_text",
                                                 "spans_source_begin",
                                                 "spans_source_end",
                                                 "spans_verb_begin",
                                                 "spans_verb_end",
                                                 "spans_target_begin",
                                                 "spans_target_end",
                                                 "rule"};
  return kCols;
}

const std::vector<std::string>& ClusterColumns() {
  static const std::vector<std::string> kCols = {"cluster_id", "story_id", "num_mentions",
                                                 "num_sources", "num_articles"};
  return kCols;
}

const std::vector<std::string>& GdeltColumns() {
  static const std::vector<std::string> kCols = [] {
    std::vector<std::string> c = {"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"};
    for (const char* a : {"Actor1", "Actor2"}) {
      for (const char* f :
           {"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code"}) {
        c.push_back(std::string(a) + f);
      }
    }
    for (const char* f :
         {"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"}) {
      c.push_back(f);
    }
    for (const char* g : {"Actor1Geo_", "Actor2Geo_", "ActionGeo_"}) {
      for (const char* f : {"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat",
                            "Long", "FeatureID"}) {
        c.push_back(std::string(g) + f);
      }
    }
    c.push_back("DATEADDED");
    c.push_back("SOURCEURL");
    return c;
  }();
  return kCols;
}

const std::vector<std::string>& PhoenixColumns() {
  static const std::vector<std::string> kCols = {"EventID",
                                                 "Date",
                                                 "Year",
                                                 "Month",
                                                 "Day",
                                                 "SourceActorFull",
                                                 "SourceActorEntity",
                                                 "SourceActorRole",
                                                 "SourceActorAttribute",
                                                 "TargetActorFull",
                                                 "TargetActorEntity",
                                                 "TargetActorRole",
                                                 "TargetActorAttribute",
                                                 "EventCode",
                                                 "EventRootCode",
                                                 "PentaClass",
                                                 "GoldsteinScore",
                                                 "Issues",
                                                 "Lat",
                                                 "Lon",
                                                 "LocationName",
                                                 "StateName",
                                                 "CountryCode",
                                                 "SentenceID",
                                                 "URLs",
                                                 "NewsSources"};
  return kCols;
}

std::string JoinSectors(const std::vector<std::string>& s, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < s.size(); ++i) {
    if (!out.empty()) out += ';';
    out += s[i];
  }
  return out;
}

void CsvRow(const StoredArticle& a, const Event& e, const StoredCluster* cl, Row* r) {
  r->Add(a.article.id);
  r->Add(a.article.date);
  r->Add(a.article.url);
  r->Add(a.article.source);
  r->Add(e.id);
  r->Add(std::int64_t{e.sentence});
  r->Add(SentenceOf(a, e));
  for (const std::optional<Actor>* x : {&e.source, &e.target}) {
    if (*x) {
      r->Add((*x)->text);
      r->Add((*x)->code);
      r->Add((*x)->country);
      r->Add(JoinSectors((*x)->sectors));
      r->Add((*x)->entity);
    } else {
      for (int k = 0; k < 5; ++k) r->Add("");
    }
  }
  r->Add(e.cameo);
  r->Add(e.plover_event);
  r->Add(e.plover_mode);
  r->Add(std::int64_t{e.quad_class});
  r->AddReal(e.goldstein);
  r->Add(e.modality);
  r->Add(e.reported ? "true" : "false");
  r->Add(e.attribution ? e.attribution->text : "");
  r->Add(e.attribution ? e.attribution->kind : "");
  r->Add(e.attribution ? e.attribution->code : "");
  r->Add(e.date.value);
  r->Add(e.date.precision);
  r->Add(e.date.text);
  if (e.location) {
    const Place& p = e.location->place;
    r->Add(p.name);
    r->Add(p.country);
    r->Add(p.admin1);
    r->Add(p.has_coordinates ? Num(p.lat) : "");
    r->Add(p.has_coordinates ? Num(p.lon) : "");
    r->Add(p.geonames_id ? std::to_string(p.geonames_id) : "");
    r->Add(e.location->role);
    r->Add(e.location->text);
  } else {
    for (int k = 0; k < 8; ++k) r->Add("");
  }
  auto span = [&](const Span* s) {
    r->Add(s && !s->empty() ? std::to_string(s->begin) : "");
    r->Add(s && !s->empty() ? std::to_string(s->end) : "");
  };
  span(e.source ? &e.source->span : nullptr);
  span(&e.verb_span);
  span(e.target ? &e.target->span : nullptr);
  r->Add(e.rule);
  if (cl) {
    r->Add(cl->cluster_id ? std::to_string(cl->cluster_id) : "");
    r->Add(cl->story_id ? std::to_string(cl->story_id) : "");
    r->Add(std::int64_t{cl->num_mentions});
    r->Add(std::int64_t{cl->num_sources});
    r->Add(std::int64_t{cl->num_articles});
  }
}

// GDELT geography type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
// A place without admin1 is country-level (countries carry their GeoNames id
// too; only a few city-states' capitals in the gazetteer lack an admin1), a
// state has admin1 but no GeoNames id, a city both.
int GeoType(const Place& p) {
  const bool us = p.country == "USA";
  if (p.admin1.empty()) return 1;
  if (p.geonames_id == 0) return us ? 2 : 5;
  return us ? 3 : 4;
}

void GdeltRow(const StoredArticle& a, const Event& e, std::int64_t event_id,
              const StoredCluster& cl, Row* r) {
  const std::string day = Digits(EventDay(a, e));  // YYYYMMDD
  int y = day.size() >= 4 ? std::stoi(day.substr(0, 4)) : 0;
  int m = day.size() >= 6 ? std::stoi(day.substr(4, 2)) : 1;
  int d = day.size() >= 8 ? std::stoi(day.substr(6, 2)) : 1;
  r->Add(event_id);
  r->Add(day);
  r->Add(day.substr(0, 6));
  r->Add(day.substr(0, 4));
  r->Add(day.empty() ? std::string() : Fixed(y + DayOfYear(y, m, d) / 365.0, 4));
  for (const std::optional<Actor>* x : {&e.source, &e.target}) {
    if (*x) {
      const Actor& ac = **x;
      r->Add(ac.code);
      r->Add(ac.text);
      r->Add(ac.country);
      r->Add("");  // KnownGroupCode
      r->Add("");  // EthnicCode
      r->Add("");  // Religion1Code
      r->Add("");  // Religion2Code
      for (std::size_t k = 0; k < 3; ++k) r->Add(k < ac.sectors.size() ? ac.sectors[k] : "");
    } else {
      for (int k = 0; k < 10; ++k) r->Add("");
    }
  }
  r->Add(std::int64_t{e.sentence == 0 ? 1 : 0});  // IsRootEvent: lead sentence
  r->Add(e.cameo);
  r->Add(e.cameo.substr(0, 3));
  r->Add(e.cameo.substr(0, 2));
  r->Add(std::int64_t{e.quad_class});
  r->AddReal(e.goldstein);
  r->Add(std::int64_t{cl.num_mentions});
  r->Add(std::int64_t{cl.num_sources});
  r->Add(std::int64_t{cl.num_articles});
  r->Add("");                                // AvgTone: dyad does not score tone
  for (int actor = 0; actor < 2; ++actor) {  // actor geography: not coded
    r->Add(std::int64_t{0});
    for (int k = 0; k < 7; ++k) r->Add("");
  }
  if (e.location) {
    const Place& p = e.location->place;
    r->Add(std::int64_t{GeoType(p)});
    std::string full = p.name;
    if (!p.admin1.empty() && p.admin1 != p.name) full += ", " + p.admin1;
    if (!p.country.empty() && GeoType(p) != 1) full += ", " + p.country;
    r->Add(full);
    r->Add(p.country);
    r->Add(p.admin1);
    r->Add("");
    r->Add(p.has_coordinates ? Fixed(p.lat, 4) : "");
    r->Add(p.has_coordinates ? Fixed(p.lon, 4) : "");
    r->Add(p.geonames_id ? std::to_string(p.geonames_id) : "");
  } else {
    r->Add(std::int64_t{0});
    for (int k = 0; k < 7; ++k) r->Add("");
  }
  r->Add(Digits(a.ingested_at).substr(0, 14));  // DATEADDED YYYYMMDDHHMMSS
  r->Add(a.article.url);
}

void PhoenixRow(const StoredArticle& a, const Event& e, std::int64_t event_id, Row* r) {
  const std::string day = Digits(EventDay(a, e));
  r->Add(event_id);
  r->Add(day);
  r->Add(day.substr(0, 4));
  r->Add(day.size() >= 6 ? day.substr(4, 2) : "");
  r->Add(day.size() >= 8 ? day.substr(6, 2) : "");
  for (const std::optional<Actor>* x : {&e.source, &e.target}) {
    if (*x) {
      const Actor& ac = **x;
      r->Add(ac.code);
      r->Add(!ac.country.empty() ? ac.country
                                 : ac.code.substr(0, std::min<std::size_t>(3, ac.code.size())));
      r->Add(ac.sectors.empty() ? "" : ac.sectors[0]);
      r->Add(JoinSectors(ac.sectors, 1));
    } else {
      for (int k = 0; k < 4; ++k) r->Add("");
    }
  }
  r->Add(e.cameo);
  r->Add(e.cameo.substr(0, 2));
  r->Add(std::int64_t{PentaClass(e.cameo)});
  r->AddReal(e.goldstein);
  r->Add("");  // Issues
  if (e.location) {
    const Place& p = e.location->place;
    r->Add(p.has_coordinates ? Fixed(p.lat, 4) : "");
    r->Add(p.has_coordinates ? Fixed(p.lon, 4) : "");
    r->Add(p.name);
    r->Add(p.admin1);
    r->Add(p.country);
  } else {
    for (int k = 0; k < 5; ++k) r->Add("");
  }
  r->Add(a.article.id + "_" + std::to_string(e.sentence));
  r->Add(a.article.url);
  r->Add(a.article.source);
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "gdelt") return ExportFormat::kGdelt;
  if (name == "plover") return ExportFormat::kPlover;
  if (name == "phoenix") return ExportFormat::kPhoenix;
  return InvalidArgument("unknown export format '" + std::string(name) +
                         "' (use jsonl, csv, gdelt, plover or phoenix)");
}

std::vector<std::string> ExportColumns(ExportFormat format, bool clusters) {
  switch (format) {
    case ExportFormat::kCsv: {
      std::vector<std::string> c = CsvColumns();
      if (clusters) c.insert(c.end(), ClusterColumns().begin(), ClusterColumns().end());
      return c;
    }
    case ExportFormat::kGdelt:
      return GdeltColumns();
    case ExportFormat::kPhoenix:
      return PhoenixColumns();
    case ExportFormat::kJsonl:
    case ExportFormat::kPlover:
      return {};
  }
  return {};
}

Result<ExportStats> ExportEvents(Store& store, const ExportOptions& options,
                                 const std::function<Status(std::string_view)>& write) {
  ExportStats stats;
  Status write_status;
  std::string buf;
  if (options.format == ExportFormat::kCsv) {
    Row header(',');
    for (const std::string& c : ExportColumns(ExportFormat::kCsv, options.clusters)) header.Add(c);
    buf = header.Finish();
  }
  std::set<std::int64_t> clusters_seen;
  CodedArticle kept;
  std::vector<std::size_t> kept_index;
  Status s = store.ForEachArticle([&](const StoredArticle& a) {
    kept_index.clear();
    for (std::size_t i = 0; i < a.coded.events.size(); ++i) {
      const StoredCluster& cl = a.clusters[i];
      if (options.clusters && cl.cluster_id && !clusters_seen.insert(cl.cluster_id).second) {
        continue;  // a later mention of a cluster already written
      }
      // A near-duplicate's unclustered events repeat its original's. (A clustered
      // event reported only by a copy is still its cluster's first mention.)
      if (options.clusters && !cl.cluster_id && a.duplicate_of) continue;
      if (options.format == ExportFormat::kPlover && a.coded.events[i].plover_event.empty()) {
        ++stats.skipped;
        continue;
      }
      kept_index.push_back(i);
    }
    switch (options.format) {
      case ExportFormat::kJsonl: {
        kept.sentence_count = a.coded.sentence_count;
        kept.sentence_spans = a.coded.sentence_spans;
        kept.events.clear();
        for (std::size_t i : kept_index) kept.events.push_back(a.coded.events[i]);
        std::string lines;
        AppendFlatEventsJson(a.article, kept, &lines);
        if (!options.clusters) {
          buf += lines;
          break;
        }
        std::size_t pos = 0, n = 0;
        while (pos < lines.size()) {  // add the cluster fields to each line
          std::size_t nl = lines.find('\n', pos);
          Json j = Json::parse(std::string_view(lines).substr(pos, nl - pos), nullptr, false);
          const StoredCluster& cl = a.clusters[kept_index[n++]];
          j["cluster_id"] = cl.cluster_id ? Json(cl.cluster_id) : Json(nullptr);
          j["story_id"] = cl.story_id ? Json(cl.story_id) : Json(nullptr);
          j["num_mentions"] = cl.num_mentions;
          j["num_sources"] = cl.num_sources;
          j["num_articles"] = cl.num_articles;
          buf += j.dump(-1, ' ', false, Json::error_handler_t::replace);
          buf += '\n';
          pos = nl + 1;
        }
        break;
      }
      case ExportFormat::kCsv:
        for (std::size_t i : kept_index) {
          Row r(',');
          CsvRow(a, a.coded.events[i], options.clusters ? &a.clusters[i] : nullptr, &r);
          buf += r.Finish();
        }
        break;
      case ExportFormat::kGdelt:
        for (std::size_t i : kept_index) {
          Row r('\t');
          GdeltRow(a, a.coded.events[i], a.event_ids[i], a.clusters[i], &r);
          buf += r.Finish();
        }
        break;
      case ExportFormat::kPhoenix:
        for (std::size_t i : kept_index) {
          Row r('\t');
          PhoenixRow(a, a.coded.events[i], a.event_ids[i], &r);
          buf += r.Finish();
        }
        break;
      case ExportFormat::kPlover:
        kept.sentence_count = a.coded.sentence_count;
        kept.sentence_spans = a.coded.sentence_spans;
        kept.events.clear();
        for (std::size_t i : kept_index) kept.events.push_back(a.coded.events[i]);
        AppendPloverJson(a.article, kept, &buf);
        break;
    }
    stats.rows += kept_index.size();
    if (buf.size() >= (1u << 20)) {
      write_status = write(buf);
      buf.clear();
      if (!write_status.ok()) return false;
    }
    return true;
  });
  DYAD_RETURN_IF_ERROR(s);
  DYAD_RETURN_IF_ERROR(write_status);
  if (!buf.empty()) DYAD_RETURN_IF_ERROR(write(buf));
  return stats;
}

void AppendStoredEventFlatJson(const StoredEvent& e, std::string* out) {
  // The flat writer reads the sentence through the sentence spans: give it a
  // body holding just the sentence (the event's own spans are written as stored).
  Article a = e.article;
  a.body = e.sentence_text;
  CodedArticle c;
  c.sentence_spans.resize(e.event.sentence + 1);
  c.sentence_spans.back() = Span{0, static_cast<std::uint32_t>(e.sentence_text.size())};
  c.sentence_count = e.event.sentence + 1;
  c.events.push_back(e.event);
  AppendFlatEventsJson(a, c, out);
}

}  // namespace dyad
