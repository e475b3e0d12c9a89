#include "dyad/output.h"

#include <nlohmann/json.hpp>

namespace dyad {
namespace {

using Json = nlohmann::ordered_json;

Json SpanJson(const Span& s) {
  if (s.empty()) return nullptr;
  return Json::array({s.begin, s.end});
}

Json ActorJson(const std::optional<Actor>& a) {
  if (!a) return nullptr;
  Json j;
  j["text"] = a->text;
  j["code"] = a->code.empty() ? Json(nullptr) : Json(a->code);
  j["country"] = a->country.empty() ? Json(nullptr) : Json(a->country);
  j["sectors"] = a->sectors;
  j["span"] = SpanJson(a->span);
  j["entity"] = a->entity.empty() ? Json(nullptr) : Json(a->entity);
  return j;
}

void AddPlace(const Place& p, Json* j) {
  (*j)["name"] = p.name;
  (*j)["country"] = p.country.empty() ? Json(nullptr) : Json(p.country);
  (*j)["admin1"] = p.admin1.empty() ? Json(nullptr) : Json(p.admin1);
  (*j)["lat"] = p.has_coordinates ? Json(p.lat) : Json(nullptr);
  (*j)["lon"] = p.has_coordinates ? Json(p.lon) : Json(nullptr);
  (*j)["geonames_id"] = p.geonames_id ? Json(p.geonames_id) : Json(nullptr);
}

Json AttributionJson(const Attribution& a) {
  return Json{
      {"text", a.text}, {"kind", a.kind}, {"code", a.code.empty() ? Json(nullptr) : Json(a.code)}};
}

std::string_view SentenceText(const Article& article, const CodedArticle& coded, std::uint32_t i) {
  if (i >= coded.sentence_spans.size()) return {};
  const Span& s = coded.sentence_spans[i];
  return std::string_view(article.body).substr(s.begin, s.end - s.begin);
}

// Adds the event's fields to `j` (which may already hold a prefix).
Json EventJson(const Event& e, std::string_view sentence_text, Json j = Json::object()) {
  j["id"] = e.id;
  j["sentence"] = e.sentence;
  j["sentence_text"] = sentence_text;
  j["source"] = ActorJson(e.source);
  j["target"] = ActorJson(e.target);
  j["cameo"] = e.cameo;
  j["plover"] = e.plover_event.empty()
                    ? Json(nullptr)
                    : Json{{"event", e.plover_event},
                           {"mode", e.plover_mode.empty() ? Json(nullptr) : Json(e.plover_mode)}};
  j["quad_class"] = e.quad_class;
  j["goldstein"] = e.goldstein;
  j["modality"] = e.modality;
  j["reported"] = e.reported;
  j["attribution"] = e.attribution ? AttributionJson(*e.attribution) : Json(nullptr);
  j["date"] = Json{{"value", e.date.value.empty() ? Json(nullptr) : Json(e.date.value)},
                   {"precision", e.date.precision.empty() ? Json(nullptr) : Json(e.date.precision)},
                   {"text", e.date.text.empty() ? Json(nullptr) : Json(e.date.text)}};
  if (e.location) {
    Json l;
    AddPlace(e.location->place, &l);
    l["role"] = e.location->role;
    l["text"] = e.location->text;
    j["location"] = std::move(l);
  } else {
    j["location"] = nullptr;
  }
  Json spans;
  spans["source"] = e.source ? SpanJson(e.source->span) : Json(nullptr);
  spans["verb"] = SpanJson(e.verb_span);
  spans["target"] = e.target ? SpanJson(e.target->span) : Json(nullptr);
  j["spans"] = std::move(spans);
  j["rule"] = e.rule;
  return j;
}

Json ArticleMeta(const Article& a) {
  Json j;
  j["id"] = a.id;
  j["url"] = a.url.empty() ? Json(nullptr) : Json(a.url);
  j["source"] = a.source.empty() ? Json(nullptr) : Json(a.source);
  j["date"] = a.date.empty() ? Json(nullptr) : Json(a.date);
  j["title"] = a.title.empty() ? Json(nullptr) : Json(a.title);
  j["content_hash"] = a.content_hash;
  j["boilerplate_removed"] = a.boilerplate_removed;
  return j;
}

void Dump(const Json& j, std::string* out) {
  // Replace invalid UTF-8 rather than throw: bodies are validated upstream, so
  // this only guards against a reader bug.
  out->append(j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace

void AppendArticleJson(const Article& article, const CodedArticle& coded, std::string* out) {
  Json j;
  j["article"] = ArticleMeta(article);
  j["sentences"] = coded.sentence_count;
  Json ents = Json::array();
  for (const Entity& e : coded.entities) {
    Json x;
    x["id"] = e.id;
    x["text"] = e.text;
    x["type"] = EntityTypeName(e.type);
    x["span"] = SpanJson(e.span);
    x["code"] = e.code.empty() ? Json(nullptr) : Json(e.code);
    x["country"] = e.country.empty() ? Json(nullptr) : Json(e.country);
    x["sectors"] = e.sectors;
    if (e.place) AddPlace(*e.place, &x);
    if (e.named) x["source"] = "names";  // found by the name finder
    if (!e.title.empty()) x["title"] = e.title;
    ents.push_back(std::move(x));
  }
  j["entities"] = std::move(ents);
  Json evs = Json::array();
  for (const Event& e : coded.events) {
    evs.push_back(EventJson(e, SentenceText(article, coded, e.sentence)));
  }
  j["events"] = std::move(evs);
  Json srcs = Json::array();
  for (const Attribution& a : coded.sources) srcs.push_back(AttributionJson(a));
  j["sources"] = std::move(srcs);
  Dump(j, out);
}

void AppendFlatEventsJson(const Article& article, const CodedArticle& coded, std::string* out) {
  for (const Event& e : coded.events) {
    Json x;
    x["article_id"] = article.id;
    x["article_date"] = article.date.empty() ? Json(nullptr) : Json(article.date);
    x["article_url"] = article.url.empty() ? Json(nullptr) : Json(article.url);
    Dump(EventJson(e, SentenceText(article, coded, e.sentence), std::move(x)), out);
    out->push_back('\n');
  }
}

namespace {

Json PloverEntity(const std::optional<Actor>& a) {
  Json list = Json::array();
  if (!a) return list;
  list.push_back(Json{{"name", a->text},
                      {"country", a->country.empty() ? Json(nullptr) : Json(a->country)},
                      {"sector", a->sectors},
                      {"code", a->code}});
  return list;
}

Json SplitList(const std::string& s) {
  Json list = Json::array();
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t q = s.find(';', p);
    if (q == std::string::npos) q = s.size();
    if (q > p) list.push_back(s.substr(p, q - p));
    p = q + 1;
  }
  return list;
}

}  // namespace

void AppendPloverJson(const Article& article, const CodedArticle& coded, std::string* out) {
  for (const Event& e : coded.events) {
    if (e.plover_event.empty()) continue;
    Json x;
    x["id"] = e.id;
    x["date"] = e.date.value.empty()
                    ? Json(article.date.empty() ? Json(nullptr) : Json(article.date))
                    : Json(e.date.value);
    x["event"] = e.plover_event;
    x["mode"] = SplitList(e.plover_mode);
    x["context"] = SplitList(e.plover_context);
    x["actor"] = PloverEntity(e.source);
    x["recipient"] = PloverEntity(e.target);
    x["text"] = SentenceText(article, coded, e.sentence);
    x["cameo"] = e.cameo;
    x["modality"] = e.modality;
    x["reported"] = e.reported;
    x["attribution"] = e.attribution ? AttributionJson(*e.attribution) : Json(nullptr);
    if (e.location) {
      Json l;
      AddPlace(e.location->place, &l);
      l["role"] = e.location->role;
      x["location"] = std::move(l);
    } else {
      x["location"] = nullptr;
    }
    x["article_id"] = article.id;
    x["url"] = article.url.empty() ? Json(nullptr) : Json(article.url);
    Dump(x, out);
    out->push_back('\n');
  }
}

}  // namespace dyad
