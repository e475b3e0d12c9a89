// The JSON API without sockets: HandleApi() over a store of the bundled
// examples (the events `dyad code` codes from them, one-sided ones included; 5 articles). Every
// endpoint, paging, filters, and bad parameters answering 4xx with a JSON error naming the field.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/serve.h"
#include "dyad/store.h"
#include "serve_test_util.h"

namespace dyad {
namespace {

using Json = nlohmann::json;
using serve_testing::ExamplesEventCount;
using serve_testing::ExamplesStore;
using serve_testing::RunCli;
using serve_testing::TempDir;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions ro;
    ro.read_only = true;
    ro.query_timeout_ms = 5000;
    auto s = Store::Open(ExamplesStore(), ro);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }

  // GET path?params; checks the body is JSON.
  Json Get(const std::string& path, const ApiParams& params = {}, int* status = nullptr) {
    ApiResponse r = HandleApi(*store_, "GET", path, params);
    if (status) *status = r.status;
    Json j = Json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": not JSON: " << r.body;
    return j;
  }
  Json Ok(const std::string& path, const ApiParams& params = {}) {
    int status = 0;
    Json j = Get(path, params, &status);
    EXPECT_EQ(status, 200) << path << " " << j.dump();
    return j;
  }
  // Expects a 4xx JSON error naming `field` (empty = null).
  void ExpectError(const std::string& path, const ApiParams& params, int want_status,
                   const std::string& field) {
    int status = 0;
    Json j = Get(path, params, &status);
    std::string shown = path;
    for (const auto& [k, v] : params) {
      shown.append(" ").append(k).append("=").append(v, 0, 40);
    }
    EXPECT_EQ(status, want_status) << shown << " -> " << j.dump();
    ASSERT_TRUE(j.contains("error")) << shown;
    const Json& e = j["error"];
    EXPECT_TRUE(e["code"].is_string() && !e["code"].get<std::string>().empty()) << shown;
    EXPECT_TRUE(e["message"].is_string() && !e["message"].get<std::string>().empty()) << shown;
    if (field.empty()) {
      EXPECT_TRUE(e["field"].is_null()) << shown << " -> " << e.dump();
    } else {
      EXPECT_EQ(e["field"], field) << shown << " -> " << e.dump();
    }
  }
  // All events matching `params`, following the cursor with pages of `page`.
  std::vector<Json> AllEvents(ApiParams params, int page = 4) {
    std::vector<Json> out;
    std::string after;
    for (int guard = 0; guard < 100; ++guard) {
      ApiParams p = params;
      p.emplace_back("limit", std::to_string(page));
      if (!after.empty()) p.emplace_back("after", after);
      Json j = Ok("/api/events", p);
      for (const Json& e : j["events"]) out.push_back(e);
      EXPECT_EQ(j["count"], j["events"].size());
      if (j["next"].is_null()) break;
      after = j["next"].get<std::string>();
    }
    return out;
  }

  std::unique_ptr<Store> store_;
};

TEST_F(ApiTest, HealthCountsTheStore) {
  Json j = Ok("/api/health");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["schema_version"], kStoreSchemaVersion);
  EXPECT_EQ(j["counts"]["events"], ExamplesEventCount());
  EXPECT_EQ(j["counts"]["articles"], 5);
  EXPECT_GT(j["counts"]["stories"].get<int>(), 0);
}

TEST_F(ApiTest, EventsPageThroughTheCursorInStoreOrder) {
  Json first = Ok("/api/events", {{"limit", "5"}});
  ASSERT_EQ(first["events"].size(), 5u);
  EXPECT_EQ(first["next"], std::to_string(first["events"][4]["store_id"].get<std::int64_t>()));
  std::vector<Json> all = AllEvents({});
  ASSERT_EQ(all.size(), static_cast<std::size_t>(ExamplesEventCount()));
  std::int64_t last = 0;
  for (const Json& e : all) {
    std::int64_t id = e["store_id"];
    EXPECT_GT(id, last) << "store order, no repeats";
    last = id;
  }
  // The last page says there is no next one.
  Json tail = Ok("/api/events", {{"after", std::to_string(last - 1)}, {"limit", "5"}});
  EXPECT_EQ(tail["events"].size(), 1u);
  EXPECT_TRUE(tail["next"].is_null());
  Json none = Ok("/api/events", {{"after", std::to_string(last)}});
  EXPECT_EQ(none["count"], 0);
  EXPECT_TRUE(none["next"].is_null());
  // Default page size when no limit: all of them fit in the default 50.
  ASSERT_LE(ExamplesEventCount(), 50);
  EXPECT_EQ(Ok("/api/events")["events"].size(), static_cast<std::size_t>(ExamplesEventCount()));
}

TEST_F(ApiTest, EventJsonIsTheFlatEventOfDyadQueryPlusStoreIds) {
  TempDir dir;
  std::string out, err;
  ASSERT_EQ(RunCli({"query", "--db", ExamplesStore(), "--json"}, dir, &out, &err), 0) << err;
  std::vector<Json> cli;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) cli.push_back(Json::parse(line));
  std::vector<Json> api = AllEvents({}, 50);
  ASSERT_EQ(api.size(), cli.size());
  for (std::size_t i = 0; i < api.size(); ++i) {
    Json e = api[i];
    EXPECT_TRUE(e["store_id"].is_number_integer());
    EXPECT_TRUE(e["article_store_id"].is_number_integer());
    EXPECT_TRUE(e["cluster"].is_object() || e["cluster"].is_null());
    for (const char* extra : {"store_id", "article_store_id", "ingested_at", "cluster"}) {
      e.erase(extra);
    }
    EXPECT_EQ(e, cli[i]) << "event " << i;
  }
}

TEST_F(ApiTest, FiltersMatchTheirField) {
  auto each = [&](const ApiParams& p, auto pred, std::size_t min_count) {
    std::vector<Json> events = AllEvents(p);
    EXPECT_GE(events.size(), min_count) << p[0].first << "=" << p[0].second;
    for (const Json& e : events) EXPECT_TRUE(pred(e)) << p[0].first << ": " << e.dump();
    return events.size();
  };
  each(
      {{"actor", "usa"}},
      [](const Json& e) { return e["source"]["code"].get<std::string>().starts_with("USA"); }, 1);
  // (One: "Azerbaijan denied that its army had attacked" is aimed at no one since the
  // fourteenth session; "Armenia accused Azerbaijan" stays.)
  each(
      {{"target", "AZE"}},
      [](const Json& e) { return e["target"]["code"].get<std::string>().starts_with("AZE"); }, 1);
  each(
      {{"cameo", "17*"}},
      [](const Json& e) { return e["cameo"].get<std::string>().starts_with("17"); }, 2);
  each(
      {{"cameo", "174"}}, [](const Json& e) { return e["cameo"] == "174"; }, 1);
  each(
      {{"plover", "coerce"}}, [](const Json& e) { return e["plover"]["event"] == "COERCE"; }, 3);
  each(
      {{"modality", "planned"}}, [](const Json& e) { return e["modality"] == "planned"; }, 2);
  each(
      {{"place", "LBY"}}, [](const Json& e) { return e["location"]["country"] == "LBY"; }, 1);
  each(
      {{"place", "libya"}}, [](const Json& e) { return e["location"]["name"] == "Libya"; }, 1);
  each(
      {{"text", "DEPORT"}},
      [](const Json& e) {
        return e["sentence_text"].get<std::string>().find("deport") != std::string::npos;
      },
      1);
  auto date = [](const Json& e) {
    return e["date"]["value"].is_string() ? e["date"]["value"].get<std::string>()
                                          : e["article_date"].get<std::string>();
  };
  std::size_t in_may = each(
      {{"from", "2025-05-01"}, {"to", "2025-05-31"}},
      [&](const Json& e) {
        std::string d = date(e);
        return d >= "2025-05-01" && d <= "2025-05-31";
      },
      5);
  EXPECT_LT(in_may, static_cast<std::size_t>(ExamplesEventCount()));
  // Filters combine with AND.
  EXPECT_EQ(AllEvents({{"actor", "AZE"}, {"plover", "ACCUSE"}}).size(), 1u);
  // SQL and LIKE metacharacters in free text are data, not syntax.
  EXPECT_EQ(AllEvents({{"text", "' OR 1=1 --"}}).size(), 0u);
  EXPECT_EQ(AllEvents({{"text", "%"}}).size(), 0u);
  EXPECT_EQ(AllEvents({{"text", "_"}}).size(), 0u);
  EXPECT_EQ(AllEvents({{"place", "%"}}).size(), 0u);
}

TEST_F(ApiTest, EventByIdCarriesTheArticleAndHighlightSpans) {
  std::vector<Json> deport = AllEvents({{"text", "deport migrants"}});
  ASSERT_EQ(deport.size(), 1u);
  std::int64_t id = deport[0]["store_id"];
  Json j = Ok("/api/events/" + std::to_string(id));
  EXPECT_EQ(j["event"], deport[0]);
  const std::string body = j["article"]["body"];
  auto cut = [&](const Json& span) {
    return body.substr(span[0].get<std::size_t>(),
                       span[1].get<std::size_t>() - span[0].get<std::size_t>());
  };
  const Json& h = j["highlights"];
  EXPECT_EQ(j["offsets"], "bytes");
  EXPECT_EQ(cut(h["sentence"]), j["event"]["sentence_text"]);
  EXPECT_EQ(cut(h["source"]), "United States government");
  EXPECT_EQ(cut(h["verb"]), "deport");
  EXPECT_EQ(cut(h["target"]), "migrants");
  EXPECT_EQ(j["article"]["id"], "example-deport-plan");
  EXPECT_EQ(j["article"]["date"], "2025-05-07");
  EXPECT_EQ(j["event"]["attribution"]["text"], "Reuters");
  ASSERT_TRUE(j["sources"].is_array());
  EXPECT_FALSE(j["sources"].empty());
  ASSERT_TRUE(j["story"].is_object());
  EXPECT_EQ(j["story"]["id"], j["event"]["cluster"]["story_id"]);

  ExpectError("/api/events/999999", {}, 404, "id");
  for (std::string bad : {"abc", "0", "-1", "1.5", "1e3", "99999999999999999999", "", "1 OR 1=1",
                          "..%2f..%2fetc%2fpasswd", "../../etc/passwd"}) {
    ExpectError("/api/events/" + bad, {}, 400, "id");
  }
  ExpectError("/api/events/" + std::to_string(id), {{"limit", "1"}}, 400, "limit");
}

TEST_F(ApiTest, StoriesPageAndShowTheirMentionsAndStatus) {
  Json all = Ok("/api/stories", {{"limit", "500"}});
  ASSERT_GT(all["stories"].size(), 1u);
  EXPECT_TRUE(all["next"].is_null());
  // Paging with the cursor visits the same stories.
  std::vector<std::int64_t> paged;
  std::string after = "0";
  for (int guard = 0; guard < 50; ++guard) {
    Json page = Ok("/api/stories", {{"limit", "3"}, {"after", after}});
    for (const Json& s : page["stories"]) paged.push_back(s["id"]);
    if (page["next"].is_null()) break;
    after = page["next"];
  }
  ASSERT_EQ(paged.size(), all["stories"].size());
  for (std::size_t i = 0; i < paged.size(); ++i) EXPECT_EQ(paged[i], all["stories"][i]["id"]);

  // The Armenia/Azerbaijan story: several mentions, a status that moved.
  std::int64_t story = 0;
  for (const Json& s : all["stories"]) {
    if (s["events"].get<int>() > 1) {
      story = s["id"];
      break;
    }
  }
  ASSERT_NE(story, 0);
  Json j = Ok("/api/stories/" + std::to_string(story));
  EXPECT_EQ(j["story"]["id"], story);
  ASSERT_FALSE(j["mentions"].empty());
  std::vector<Json> by_filter = AllEvents({{"story", std::to_string(story)}});
  EXPECT_EQ(j["mentions"].size(), by_filter.size());
  ASSERT_FALSE(j["status_changes"].empty());
  EXPECT_EQ(j["status"], j["status_changes"].back()["status"]);
  EXPECT_EQ(j["status"], j["mentions"].back()["modality"]);
  int in_timeline = 0;
  for (const Json& t : j["timeline"]) in_timeline += t["mentions"].get<int>();
  EXPECT_LE(in_timeline, static_cast<int>(j["mentions"].size()));
  int by_source = 0;
  for (const Json& s : j["sources"]) by_source += s["mentions"].get<int>();
  EXPECT_EQ(by_source, static_cast<int>(j["mentions"].size()));
  EXPECT_FALSE(j["truncated"]);

  ExpectError("/api/stories/99999", {}, 404, "id");
  ExpectError("/api/stories/x", {}, 400, "id");
  ExpectError("/api/stories", {{"limit", "501"}}, 400, "limit");
  ExpectError("/api/stories", {{"actor", "USA"}}, 400, "actor");
}

TEST_F(ApiTest, FacetsCountTheFilteredEvents) {
  Json j = Ok("/api/facets");
  for (const char* f : {"cameo_root", "plover", "quad_class", "country", "modality", "day"}) {
    ASSERT_TRUE(j["facets"].contains(f)) << f;
  }
  auto total = [](const Json& rows) {
    int n = 0;
    for (const Json& r : rows) n += r["count"].get<int>();
    return n;
  };
  EXPECT_EQ(total(j["facets"]["cameo_root"]), ExamplesEventCount());
  EXPECT_EQ(total(j["facets"]["modality"]), ExamplesEventCount());
  EXPECT_EQ(total(j["facets"]["quad_class"]), ExamplesEventCount());
  std::set<std::string> countries;
  for (const Json& r : j["facets"]["country"]) countries.insert(r["key"]);
  // (DZA: the Mali ceasefire agreed "after three days of talks in Algiers".)
  EXPECT_EQ(countries, (std::set<std::string>{"ARM", "DZA", "LBY", "MLI", "SDN", "UKR"}));

  Json split = Ok("/api/facets", {{"field", "day"}, {"split", "plover"}});
  EXPECT_EQ(split["split"], "plover");
  ASSERT_EQ(split["facets"].size(), 1u);
  for (const Json& r : split["facets"]["day"]) EXPECT_TRUE(r["split"].is_string());

  Json filtered = Ok("/api/facets", {{"field", "plover"}, {"actor", "AZE"}});
  EXPECT_EQ(total(filtered["facets"]["plover"]),
            3);  // AZE events with a PLOVER type; the 016 has none

  ExpectError("/api/facets", {{"field", "bogus"}}, 400, "field");
  ExpectError("/api/facets", {{"field", "none"}}, 400, "field");
  ExpectError("/api/facets", {{"split", "plover"}}, 400, "split");
  ExpectError("/api/facets", {{"field", "day"}, {"split", "day"}}, 400, "split");
  ExpectError("/api/facets", {{"field", "day"}, {"split", "x; DROP TABLE events"}}, 400, "split");
  ExpectError("/api/facets", {{"limit", "100000"}}, 400, "limit");
}

TEST_F(ApiTest, ActorsGiveTopActorsAndNetworkEdges) {
  Json j = Ok("/api/actors");
  ASSERT_FALSE(j["edges"].empty());
  std::map<std::pair<std::string, std::string>, int> dyads;
  for (const Json& e : AllEvents({})) {
    if (e["source"].is_null() || e["target"].is_null()) continue;
    std::string s = e["source"]["code"], t = e["target"]["code"];
    if (!s.empty() && !t.empty()) ++dyads[{s, t}];
  }
  int edges = 0;
  for (const Json& e : j["edges"]) {
    std::pair<std::string, std::string> key(e["source"], e["target"]);
    EXPECT_EQ(e["count"], dyads[key]) << e.dump();
    ++edges;
  }
  EXPECT_EQ(edges, static_cast<int>(dyads.size()));
  for (const Json& a : j["actors"]) {
    EXPECT_EQ(a["total"].get<int>(), a["as_source"].get<int>() + a["as_target"].get<int>());
  }
  Json filtered = Ok("/api/actors", {{"actor", "USA"}});
  ASSERT_EQ(filtered["edges"].size(), 1u);
  EXPECT_EQ(filtered["edges"][0]["source"], "USAGOV");
  Json top = Ok("/api/actors", {{"limit", "2"}});
  EXPECT_LE(top["actors"].size(), 2u);
  EXPECT_LE(top["edges"].size(), 2u);
}

TEST_F(ApiTest, BadParametersAnswer4xxNamingTheField) {
  const std::string huge(600, 'a');
  struct Case {
    std::string path;
    ApiParams params;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"/api/events", {{"limit", "1000000000"}}, "limit"},
      {"/api/events", {{"limit", "0"}}, "limit"},
      {"/api/events", {{"limit", "-1"}}, "limit"},
      {"/api/events", {{"limit", "ten"}}, "limit"},
      {"/api/events", {{"limit", "1e3"}}, "limit"},
      {"/api/events", {{"limit", ""}}, "limit"},
      {"/api/events", {{"limit", "99999999999999999999999"}}, "limit"},
      {"/api/events", {{"after", "abc"}}, "after"},
      {"/api/events", {{"after", "1; DROP TABLE events"}}, "after"},
      {"/api/events", {{"story", "0"}}, "story"},
      {"/api/events", {{"actor", "' OR 1=1 --"}}, "actor"},
      {"/api/events", {{"actor", ""}}, "actor"},
      {"/api/events", {{"target", "USA' --"}}, "target"},
      {"/api/events", {{"cameo", "17'; DROP TABLE events; --"}}, "cameo"},
      {"/api/events", {{"cameo", "1"}}, "cameo"},
      {"/api/events", {{"cameo", "*"}}, "cameo"},
      {"/api/events", {{"cameo", "17**"}}, "cameo"},
      {"/api/events", {{"plover", "<script>"}}, "plover"},
      {"/api/events", {{"modality", "maybe"}}, "modality"},
      {"/api/events", {{"from", "yesterday"}}, "from"},
      {"/api/events", {{"from", "2025-13-01"}}, "from"},
      {"/api/events", {{"to", "2025-01-32"}}, "to"},
      {"/api/events", {{"from", "2025-06-01"}, {"to", "2025-05-01"}}, "to"},
      {"/api/events", {{"text", "a\x01"}}, "text"},
      {"/api/events", {{"place", "x\ny"}}, "place"},
      {"/api/events", {{"text", huge}}, "text"},
      {"/api/events", {{"text", "\xff\xfe"}}, "text"},
      {"/api/events", {{"actor", "USA"}, {"actor", "LBY"}}, "actor"},
      {"/api/events", {{"bogus", "1"}}, "bogus"},
      {"/api/events", {{"../../etc/passwd", "1"}}, "../../etc/passwd"},
      {"/api/health", {{"x", "1"}}, "x"},
      {"/api/actors", {{"limit", "501"}}, "limit"},
      {"/api/actors", {{"modality", "1 OR 1=1"}}, "modality"},
  };
  for (const Case& c : cases) ExpectError(c.path, c.params, 400, c.field);

  ApiParams many;
  for (int i = 0; i < 40; ++i) {
    std::string name = "p";
    name += std::to_string(i);
    many.emplace_back(name, "1");
  }
  ExpectError("/api/events", many, 400, "");

  for (std::string path : {"/api/nope", "/api/", "/api/events/1/extra", "/api/../etc/passwd",
                           "/api/%2e%2e/etc/passwd", "/api/stories/1/../../x"}) {
    int status = 0;
    Json j = Get(path, {}, &status);
    EXPECT_GE(status, 400) << path;
    EXPECT_LT(status, 500) << path;
    EXPECT_TRUE(j.contains("error")) << path;
  }
  ApiResponse post = HandleApi(*store_, "POST", "/api/events", {});
  EXPECT_EQ(post.status, 405);
  EXPECT_TRUE(Json::parse(post.body).contains("error"));

  // Nothing above changed the store.
  EXPECT_EQ(Ok("/api/health")["counts"]["events"], ExamplesEventCount());
}

TEST(ApiErrors, StoreErrorsMapToHttpStatuses) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kLimitExceeded), 503);  // query time
  EXPECT_EQ(HttpStatusFor(ErrorCode::kIoError), 503);        // store busy
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
  Json e = Json::parse(ApiErrorJson("invalid_argument", "limit", "bad \xff value"));
  EXPECT_EQ(e["error"]["field"], "limit");
  EXPECT_TRUE(Json::parse(ApiErrorJson("not_found", "", "x"))["error"]["field"].is_null());
}

}  // namespace
}  // namespace dyad
