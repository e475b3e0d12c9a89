// The SQLite store: schema and migrations, idempotent writes, versions,
// malformed rows, round trip, query filters, stories and clusters.
#include "dyad/store.h"

#include <sqlite3.h>

#include <cctype>
#include <fstream>
#include <latch>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "dyad/output.h"
#include "store_test_util.h"
#include "support/services.h"

namespace dyad {
namespace {

using testing::EventSpec;
using testing::MakeSample;
using testing::Sample;
using testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& uri, bool read_only = false) {
  StoreOptions o;
  o.read_only = read_only;
  auto s = Store::Open(uri, o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

std::vector<WriteResult> WriteAll(Store& store, const std::vector<Sample*>& samples) {
  std::vector<ArticleWrite> w;
  for (Sample* s : samples) w.push_back({&s->article, &s->coded});
  auto r = store.Write(w);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<WriteResult>{};
}

std::int64_t Scalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  std::int64_t v = -1;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

void ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

Sample Libya(const std::string& id, const std::string& url = "https://news.example/libya",
             const std::string& extra = "") {
  return MakeSample(id, url, "2025-05-07",
                    {"The United States plans to deport migrants to Libya" + extra + ".",
                     "Libyan officials rejected the plan in Tripoli on Wednesday.",
                     "Police arrested twelve protesters."},
                    {{"The United States", "USAGOV", "Libya", "LBY", "deport", "174", "COERCE",
                      "planned", "", "Libya", "LBY"},
                     {"Libyan officials", "LBYGOV", "", "", "rejected", "128", "REJECT", "asserted",
                      "2025-05-08", "Tripoli", "LBY"},
                     {"Police", "LBYCOP", "protesters", "LBYOPP", "arrested", "173", "COERCE",
                      "asserted", "", "", ""}});
}

TEST(StoreSchema, FreshStoreHasVersionOneAndWal) {
  TempDir dir;
  const std::string db = dir / "s.db";
  auto store = OpenOrDie(db);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->SchemaVersion(), kStoreSchemaVersion);
  EXPECT_EQ(Scalar(db, "SELECT max(version) FROM schema_version"), kStoreSchemaVersion);
  EXPECT_EQ(Scalar(db, "SELECT count(*) FROM schema_version"), kStoreSchemaVersion);
  for (const char* t :
       {"articles", "sentences", "entities", "events", "sources", "stories", "story_articles",
        "clusters", "cluster_events", "cluster_splits", "cluster_split_events", "story_links"}) {
    EXPECT_EQ(Scalar(db, std::string("SELECT count(*) FROM sqlite_master WHERE type='table' AND "
                                     "name='") +
                             t + "'"),
              1)
        << t;
  }
  store.reset();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(raw);
  // Reopening does not migrate again.
  store = OpenOrDie("sqlite:" + db);
  ASSERT_TRUE(store);
  EXPECT_EQ(Scalar(db, "SELECT count(*) FROM schema_version"), kStoreSchemaVersion);
}

TEST(StoreSchema, VersionOneStoreIsMigratedWithItsData) {
  TempDir dir;
  const std::string db = dir / "v1.db";
  {
    auto store = OpenOrDie(db);
    Sample a = Libya("a");
    WriteAll(*store, {&a});
  }
  // Take the store back to version 1, as dyad 0.1 left it.
  ExecSql(db,
          "DROP TABLE story_links; DROP TABLE cluster_split_events; DROP TABLE cluster_splits;"
          " DELETE FROM schema_version WHERE version > 1");
  ASSERT_EQ(Scalar(db, "SELECT max(version) FROM schema_version"), 1);
  StoreOptions ro;
  ro.read_only = true;
  auto refused = Store::Open(db, ro);  // a reader does not migrate
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kVersionMismatch);
  auto store = OpenOrDie(db);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->SchemaVersion(), kStoreSchemaVersion);
  EXPECT_EQ(Scalar(db, "SELECT max(version) FROM schema_version"), kStoreSchemaVersion);
  EXPECT_EQ(store->Counts()->events, 3);
  EXPECT_TRUE(store->Splits()->empty());
}

// A store left at version 2 (before story_links) stays readable without
// migrating: readers see everything, story links read as empty; a writer
// migrates it and keeps its data.
TEST(StoreSchema, VersionTwoStoreIsReadableAndMigrates) {
  TempDir dir;
  const std::string db = dir / "v2.db";
  {
    auto store = OpenOrDie(db);
    Sample a = Libya("a");
    WriteAll(*store, {&a});
    ASSERT_TRUE(RebuildStories(*store).ok());
  }
  ExecSql(db, "DROP TABLE story_links; DELETE FROM schema_version WHERE version > 2");
  StoreOptions ro;
  ro.read_only = true;
  {
    auto reader = Store::Open(db, ro);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->SchemaVersion(), 2);
    EXPECT_EQ((*reader)->Counts()->events, 3);
    auto stories = (*reader)->Stories();
    ASSERT_TRUE(stories.ok());
    ASSERT_FALSE(stories->empty());
    auto links = (*reader)->StoryLinks(stories->front().id);
    ASSERT_TRUE(links.ok()) << links.status().ToString();
    EXPECT_TRUE(links->empty());
  }
  auto store = OpenOrDie(db);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->SchemaVersion(), kStoreSchemaVersion);
  EXPECT_EQ(store->Counts()->events, 3);
  ASSERT_TRUE(RebuildStories(*store).ok());
  auto stories = store->Stories();
  ASSERT_TRUE(stories.ok());
  ASSERT_FALSE(stories->empty());
  auto links = store->StoryLinks(stories->front().id);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].link.nearest_article, 0);
  EXPECT_NE((*links)[0].link.evidence.find("started the story"), std::string::npos);
}

TEST(StoreSchema, NewerVersionIsRefused) {
  TempDir dir;
  const std::string db = dir / "s.db";
  OpenOrDie(db).reset();
  ExecSql(db, "INSERT INTO schema_version VALUES (99, 'later')");
  auto s = Store::Open(db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kVersionMismatch);
  EXPECT_NE(s.status().message().find("99"), std::string::npos);
}

TEST(StoreSchema, ForeignDatabasesAndBadUris) {
  TempDir dir;
  const std::string other = dir / "other.db";
  ExecSql(other, "CREATE TABLE t(x)");
  auto s = Store::Open(other);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kVersionMismatch);

  const std::string junk = dir / "junk.db";
  std::ofstream(junk) << std::string(4096, 'x');
  s = Store::Open(junk);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(junk), std::string::npos);

  // Nothing listens on port 1: a clear error naming the server, without the password.
  s = Store::Open("postgresql://dyad:secret@127.0.0.1:1/dyad?connect_timeout=5");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kIoError);
  EXPECT_NE(s.status().message().find("postgresql://dyad@127.0.0.1:1/dyad"), std::string::npos)
      << s.status().message();
  EXPECT_EQ(s.status().message().find("secret"), std::string::npos);

  s = Store::Open("mysql://x");
  EXPECT_EQ(s.status().code(), ErrorCode::kUnsupported);

  StoreOptions ro;
  ro.read_only = true;
  s = Store::Open(dir / "missing.db", ro);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kNotFound);

  s = Store::Open(dir / "no-such-dir/x.db");
  EXPECT_FALSE(s.ok());
}

// Tests that run on every backend: an SQLite file and a database on the real
// PostgreSQL server of scripts/services.sh, with the same expectations.
class StoreBackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      DYAD_SERVICE_OR_SKIP(pg, "DYAD_TEST_PG");
      const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
      std::string name = info->name();
      for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
      uri_ = testing::FreshPgDatabase(pg, name.substr(0, 40));
    } else {
      uri_ = dir_ / "s.db";
    }
    store_ = OpenOrDie(uri_);
    ASSERT_TRUE(store_);
  }
  void TearDown() override {
    store_.reset();
    if (uri_.starts_with("postgresql://")) {
      EXPECT_EQ(
          testing::PgExec(std::getenv("DYAD_TEST_PG"),
                          "DROP DATABASE " + uri_.substr(uri_.rfind('/') + 1) + " WITH (FORCE)"),
          "");
    }
  }
  TempDir dir_;
  std::string uri_;
  std::unique_ptr<Store> store_;
};

std::string BackendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

TEST_P(StoreBackendTest, SameArticleTwiceIsStoredOnce) {
  Store* store = store_.get();
  Sample a = Libya("a1");
  Sample again = Libya("a1-copy");  // same body, other id: same content hash
  auto r = WriteAll(*store, {&a, &again});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].kind, WriteKind::kNew);
  EXPECT_EQ(r[1].kind, WriteKind::kDuplicate);
  EXPECT_EQ(r[1].article_id, r[0].article_id);
  r = WriteAll(*store, {&a});
  EXPECT_EQ(r[0].kind, WriteKind::kDuplicate);
  auto c = store->Counts();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->articles, 1);
  EXPECT_EQ(c->events, 3);
  EXPECT_EQ(c->sentences, 3);
  auto has = store->Contains(a.article.content_hash);
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
  has = store->Contains(std::string(64, '0'));
  EXPECT_FALSE(*has);
}

TEST_P(StoreBackendTest, EditedArticleKeepsBothVersionsLinked) {
  Store* store = store_.get();
  Sample v1 = Libya("a1");
  Sample v2 = Libya("a1", "https://news.example/libya", " next month");
  Sample other = Libya("b", "https://news.example/other", " soon");
  auto r1 = WriteAll(*store, {&v1});
  auto r2 = WriteAll(*store, {&v2, &other});
  ASSERT_EQ(r2.size(), 2u);
  EXPECT_EQ(r2[0].kind, WriteKind::kNew);
  EXPECT_EQ(r2[0].previous_version, r1[0].article_id);
  EXPECT_EQ(r2[1].previous_version, 0);
  auto c = store->Counts();
  EXPECT_EQ(c->articles, 3);
  EXPECT_EQ(c->versions, 1);
  std::vector<StoredArticle> all;
  ASSERT_TRUE(store
                  ->ForEachArticle([&](const StoredArticle& a) {
                    all.push_back(a);
                    return true;
                  })
                  .ok());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].article.body, v1.article.body);
  EXPECT_EQ(all[1].article.body, v2.article.body);
  EXPECT_EQ(all[1].previous_version, all[0].article_id);
  EXPECT_EQ(all[0].previous_version, 0);
}

TEST_P(StoreBackendTest, MalformedArticlesAreNeverWritten) {
  Store* store = store_.get();
  Sample good = Libya("good");
  Sample span = Libya("bad-span", "", " by sea");
  span.coded.events[1].verb_span = {5, 100000};
  Sample modality = Libya("bad-modality", "", " by air");
  modality.coded.events[2].modality = "maybe";
  Sample hash = Libya("bad-hash", "", " by land");
  hash.article.content_hash = std::string(64, 'a');
  Sample sentence = Libya("bad-sentence", "", " by rail");
  sentence.coded.events[0].sentence = 7;
  Sample date = Libya("bad-date", "", " by road");
  date.article.date = "07/05/2025";
  Sample cameo = Libya("bad-cameo", "", " by bus");
  cameo.coded.events[0].cameo = "17a";
  Sample good2 = Libya("good2", "", " again");
  auto r = WriteAll(*store, {&good, &span, &modality, &hash, &sentence, &date, &cameo, &good2});
  ASSERT_EQ(r.size(), 8u);
  EXPECT_EQ(r[0].kind, WriteKind::kNew);
  EXPECT_EQ(r[7].kind, WriteKind::kNew);
  const char* fields[] = {
      "",     "events[1].spans.verb", "events[2].modality", "content_hash", "events[0].sentence",
      "date", "events[0].cameo"};
  for (int i = 1; i <= 6; ++i) {
    EXPECT_EQ(r[i].kind, WriteKind::kFailed) << i;
    EXPECT_EQ(r[i].error.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(r[i].error.message().find(fields[i]), std::string::npos) << r[i].error.message();
    EXPECT_NE(r[i].error.message().find("test:"), std::string::npos) << "names the article";
  }
  auto c = store->Counts();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->articles, 2);
  EXPECT_EQ(c->events, 6);
  EXPECT_EQ(c->sentences, 6);
  EXPECT_TRUE(store
                  ->ForEachArticle([](const StoredArticle& a) {
                    EXPECT_TRUE(a.article.id.starts_with("good")) << a.article.id;
                    return true;
                  })
                  .ok());
}

TEST_P(StoreBackendTest, RoundTripGivesTheSameJson) {
  Store* store = store_.get();
  Sample s = Libya("rt");
  s.article.boilerplate_removed = {"Sign up for our newsletter"};
  Entity person;
  person.id = "e1";
  person.text = "The United States";
  person.type = EntityType::kOrg;
  person.span = s.coded.events[0].source->span;
  person.code = "USAGOV";
  person.country = "USA";
  person.sectors = {"GOV"};
  Entity place;
  place.id = "e2";
  place.text = "Tripoli";
  place.type = EntityType::kPlace;
  place.span = testing::Find(s.article.body, "Tripoli");
  place.place = Place{"Tripoli", "LBY", "Tarabulus", 32.9, 13.18, true, 2210247};
  s.coded.entities = {person, place};
  s.coded.events[1].attribution = Attribution{"officials said", "official", "LBYGOV"};
  s.coded.events[1].reported = true;
  s.coded.sources = {{"Reuters", "reported", "MED"}, {"a witness", "anonymous", ""}};
  s.coded.events[0].plover_context = "migration;legal";
  auto r = WriteAll(*store, {&s});
  ASSERT_EQ(r[0].kind, WriteKind::kNew);
  std::string want, got;
  AppendArticleJson(s.article, s.coded, &want);
  std::string want_flat, got_flat;
  AppendFlatEventsJson(s.article, s.coded, &want_flat);
  int n = 0;
  ASSERT_TRUE(store
                  ->ForEachArticle([&](const StoredArticle& a) {
                    ++n;
                    AppendArticleJson(a.article, a.coded, &got);
                    AppendFlatEventsJson(a.article, a.coded, &got_flat);
                    EXPECT_EQ(a.event_ids.size(), 3u);
                    EXPECT_EQ(a.coded.events[0].plover_context, "migration;legal");
                    EXPECT_FALSE(a.ingested_at.empty());
                    return true;
                  })
                  .ok());
  EXPECT_EQ(n, 1);
  EXPECT_EQ(got, want);
  EXPECT_EQ(got_flat, want_flat);
}

class StoreQueryTest : public StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (!store_) return;
    a_ = Libya("a");
    b_ = MakeSample(
        "b", "https://news.example/b", "2025-06-01",
        {"Russia accused Ukraine of shelling Kharkiv.",
         "France and Germany signed a trade deal, officials said."},
        {{"Russia", "RUS", "Ukraine", "UKR", "accused", "112", "ACCUSE", "asserted", "", "Kharkiv",
          "UKR"},
         {"France", "FRA", "Germany", "DEU", "signed", "057", "AGREE", "asserted", "", "", ""}});
    WriteAll(*store_, {&a_, &b_});
  }
  std::vector<std::string> Keys(const EventFilter& f) {
    std::vector<std::string> out;
    Status s = store_->Query(f, [&](const StoredEvent& e) {
      out.push_back(e.event.cameo);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }
  Sample a_, b_;
};

using V = std::vector<std::string>;

TEST_P(StoreQueryTest, Filters) {
  EXPECT_EQ(Keys({}), (V{"174", "128", "173", "112", "057"}));
  EventFilter f;
  f.actor = "USA";  // prefix: matches USAGOV
  EXPECT_EQ(Keys(f), V{"174"});
  f = {};
  f.actor = "LBY";
  EXPECT_EQ(Keys(f), (V{"128", "173"}));
  f = {};
  f.target = "lby";  // case-insensitive
  EXPECT_EQ(Keys(f), (V{"174", "173"}));
  f = {};
  f.cameo = "17*";
  EXPECT_EQ(Keys(f), (V{"174", "173"}));
  f.cameo = "17";
  EXPECT_EQ(Keys(f), V{});
  f.cameo = "173";
  EXPECT_EQ(Keys(f), V{"173"});
  f = {};
  f.plover = "coerce";
  EXPECT_EQ(Keys(f), (V{"174", "173"}));
  f = {};
  f.modality = "planned";
  EXPECT_EQ(Keys(f), V{"174"});
  f = {};
  f.from = "2025-05-08";
  f.to = "2025-05-31";
  EXPECT_EQ(Keys(f), V{"128"});  // its own date; the others carry the article's
  f = {};
  f.place = "tripoli";
  EXPECT_EQ(Keys(f), V{"128"});
  f.place = "LBY";  // a country code matches every place in it
  EXPECT_EQ(Keys(f), (V{"174", "128"}));
  f = {};
  f.text = "DEPORT";
  EXPECT_EQ(Keys(f), V{"174"});
  f.text = "100%_";  // wildcards are literal
  EXPECT_EQ(Keys(f), V{});
  f = {};
  f.limit = 2;
  EXPECT_EQ(Keys(f).size(), 2u);
  f = {};
  f.actor = "RUS";
  f.target = "UKR";
  f.cameo = "11*";
  EXPECT_EQ(Keys(f), V{"112"});
}

TEST_P(StoreQueryTest, RowsCarryArticleAndSentence) {
  EventFilter f;
  f.text = "Kharkiv";
  std::vector<StoredEvent> rows;
  ASSERT_TRUE(store_
                  ->Query(f,
                          [&](const StoredEvent& e) {
                            rows.push_back(e);
                            return true;
                          })
                  .ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sentence_text, "Russia accused Ukraine of shelling Kharkiv.");
  EXPECT_EQ(rows[0].article.id, "b");
  EXPECT_EQ(rows[0].article.url, "https://news.example/b");
  EXPECT_EQ(rows[0].event.location->place.name, "Kharkiv");
  EXPECT_EQ(rows[0].cluster.num_mentions, 1);
}

TEST_P(StoreQueryTest, BadFilterValuesAreErrors) {
  EventFilter f;
  f.actor = "US'; DROP TABLE events; --";
  Status s = store_->Query(f, [](const StoredEvent&) { return true; });
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  f = {};
  f.cameo = "abc";
  s = store_->Query(f, [](const StoredEvent&) { return true; });
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Keys({}).size(), 5u);
}

TEST_P(StoreQueryTest, StoriesAndClusters) {
  std::map<std::string, std::int64_t> ids;  // cameo -> event id
  ASSERT_TRUE(store_
                  ->Query({},
                          [&](const StoredEvent& e) {
                            ids[e.event.cameo] = e.event_id;
                            return true;
                          })
                  .ok());
  std::vector<std::int64_t> articles;
  ASSERT_TRUE(store_
                  ->ForEachArticle([&](const StoredArticle& a) {
                    articles.push_back(a.article_id);
                    return true;
                  })
                  .ok());
  auto story = store_->AddStory({"Libya deportations", {articles[0]}});
  ASSERT_TRUE(story.ok()) << story.status().ToString();
  auto cluster = store_->AddCluster({*story, "coercion", {ids["174"], ids["173"], ids["112"]}});
  ASSERT_TRUE(cluster.ok()) << cluster.status().ToString();
  EventFilter f;
  f.story = *story;
  // Events of the story's article plus the cluster's mentions in other articles.
  EXPECT_EQ(Keys(f), (V{"174", "128", "173", "112"}));
  std::vector<StoredEvent> rows;
  f = {};
  f.cameo = "112";
  ASSERT_TRUE(store_
                  ->Query(f,
                          [&](const StoredEvent& e) {
                            rows.push_back(e);
                            return true;
                          })
                  .ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cluster.cluster_id, *cluster);
  EXPECT_EQ(rows[0].cluster.story_id, *story);
  EXPECT_EQ(rows[0].cluster.num_mentions, 3);
  EXPECT_EQ(rows[0].cluster.num_articles, 2);
  EXPECT_EQ(rows[0].cluster.num_sources, 1);  // both from wire.example
  EXPECT_TRUE(store_->SetDuplicateOf(articles[1], articles[0]).ok());
  EXPECT_EQ(store_->SetDuplicateOf(999, articles[0]).code(), ErrorCode::kNotFound);
  auto c = store_->Counts();
  EXPECT_EQ(c->stories, 1);
  EXPECT_EQ(c->clusters, 1);
  EXPECT_EQ(c->duplicates, 1);
  EXPECT_EQ(store_->AddCluster({0, "", {}}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(store_->AddCluster({0, "", {123456}}).ok());  // no such event
  EXPECT_TRUE(store_->ClearStories().ok());
  c = store_->Counts();
  EXPECT_EQ(c->stories + c->clusters + c->duplicates, 0);
}

TEST_P(StoreQueryTest, Summary) {
  auto s = store_->Summarize(3, 5);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->counts.events, 5);
  EXPECT_EQ(s->by_cameo_root.size(), 4u);  // 05 11 12 17
  std::map<std::string, std::int64_t> roots(s->by_cameo_root.begin(), s->by_cameo_root.end());
  EXPECT_EQ(roots["17"], 2);
  std::map<std::string, std::int64_t> plover(s->by_plover.begin(), s->by_plover.end());
  EXPECT_EQ(plover["COERCE"], 2);
  EXPECT_EQ(s->top_dyads.size(), 3u);
  ASSERT_FALSE(s->examples.empty());
  EXPECT_FALSE(s->examples[0].sentence_text.empty());
}

TEST_P(StoreQueryTest, GetArticleFacetsStoriesAndPaging) {
  std::vector<std::int64_t> ids;
  ASSERT_TRUE(store_
                  ->Query({},
                          [&](const StoredEvent& e) {
                            ids.push_back(e.event_id);
                            return true;
                          })
                  .ok());
  ASSERT_EQ(ids.size(), 5u);
  // Paging by cursor: two pages of two and one of one give every event once.
  std::vector<std::int64_t> paged;
  EventFilter f;
  f.limit = 2;
  for (int page = 0; page < 4; ++page) {
    std::size_t before = paged.size();
    ASSERT_TRUE(store_
                    ->Query(f,
                            [&](const StoredEvent& e) {
                              paged.push_back(e.event_id);
                              return true;
                            })
                    .ok());
    if (paged.size() == before) break;
    f.after_id = paged.back();
  }
  EXPECT_EQ(paged, ids);
  f = {};
  f.event_id = ids[3];
  EXPECT_EQ(Keys(f), V{"112"});
  f = {};
  f.article_id = 424242;
  EXPECT_EQ(Keys(f), V{});

  std::int64_t article_b = 0;
  f = {};
  f.event_id = ids[3];
  ASSERT_TRUE(store_
                  ->Query(f,
                          [&](const StoredEvent& e) {
                            article_b = e.article_id;
                            return true;
                          })
                  .ok());
  auto art = store_->GetArticle(article_b);
  ASSERT_TRUE(art.ok()) << art.status().ToString();
  EXPECT_EQ(art->article.body, b_.article.body);
  EXPECT_EQ(art->coded.events.size(), 2u);
  EXPECT_EQ(art->event_ids.size(), 2u);
  EXPECT_EQ(store_->GetArticle(999999).status().code(), ErrorCode::kNotFound);

  auto roots = store_->Facet({}, FacetField::kCameoRoot);
  ASSERT_TRUE(roots.ok()) << roots.status().ToString();
  ASSERT_EQ(roots->size(), 4u);
  EXPECT_EQ((*roots)[0].key, "17");  // most first
  EXPECT_EQ((*roots)[0].count, 2);
  auto edges = store_->Facet({}, FacetField::kSource, FacetField::kTarget, 2);
  ASSERT_TRUE(edges.ok());
  ASSERT_EQ(edges->size(), 2u);
  EXPECT_FALSE((*edges)[0].split.empty());
  EventFilter coerce;
  coerce.plover = "COERCE";
  auto days = store_->Facet(coerce, FacetField::kDay, FacetField::kPlover);
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ((*days)[0].key, "2025-05-07");
  EXPECT_EQ((*days)[0].split, "COERCE");
  EXPECT_EQ((*days)[0].count, 2);
  auto countries = store_->Facet({}, FacetField::kCountry);
  ASSERT_TRUE(countries.ok());
  std::map<std::string, std::int64_t> by_country;
  for (const FacetRow& r : *countries) by_country[r.key] = r.count;
  EXPECT_EQ(by_country["LBY"], 2);
  EXPECT_EQ(by_country["UKR"], 1);
  EXPECT_EQ(store_->Facet({}, FacetField::kNone).status().code(), ErrorCode::kInvalidArgument);
  EventFilter bad;
  bad.actor = "' OR 1=1 --";
  EXPECT_EQ(store_->Facet(bad, FacetField::kDay).status().code(), ErrorCode::kInvalidArgument);

  auto none = store_->Stories();
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  std::vector<std::int64_t> articles;
  ASSERT_TRUE(store_
                  ->ForEachArticle([&](const StoredArticle& a) {
                    articles.push_back(a.article_id);
                    return true;
                  })
                  .ok());
  auto s1 = store_->AddStory({"Libya deportations", {articles[0]}});
  auto s2 = store_->AddStory({"Kharkiv", {articles[1]}});
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_EQ(*s2, *s1 + 1);  // the next free id on every backend
  auto stories = store_->Stories();
  ASSERT_TRUE(stories.ok());
  ASSERT_EQ(stories->size(), 2u);
  EXPECT_EQ((*stories)[0].label, "Libya deportations");
  EXPECT_EQ((*stories)[0].articles, 1);
  EXPECT_EQ((*stories)[0].events, 3);
  EXPECT_EQ((*stories)[0].first_date, "2025-05-07");
  auto after = store_->Stories(*s1, 10);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].id, *s2);
}

TEST_P(StoreBackendTest, ReadOnlyHandleCannotWrite) {
  Sample a = Libya("a");
  WriteAll(*store_, {&a});
  StoreOptions ro;
  ro.read_only = true;
  ro.query_timeout_ms = 5000;
  auto reader = Store::Open(uri_, ro);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto c = (*reader)->Counts();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->articles, 1);
  EXPECT_EQ((*reader)->Facet({}, FacetField::kModality)->size(), 2u);  // planned, asserted
  Sample b = Libya("b", "https://news.example/b", " later");
  ArticleWrite w{&b.article, &b.coded};
  auto r = (*reader)->Write(std::span<const ArticleWrite>(&w, 1));
  EXPECT_TRUE(!r.ok() || (*r)[0].kind == WriteKind::kFailed);
  EXPECT_EQ(store_->Counts()->articles, 1);
}

// Workers start together and each opens the same new store: the one that
// creates the schema must not make the others see "tables but no
// schema_version" halfway (each open must succeed, on a fresh store each round).
TEST_P(StoreBackendTest, ProcessesOpeningANewStoreTogetherAllSucceed) {
  constexpr int kOpeners = 6;
  for (int round = 0; round < 8; ++round) {
    std::string uri;
    if (GetParam() == "postgresql") {
      uri =
          testing::FreshPgDatabase(std::getenv("DYAD_TEST_PG"), "together" + std::to_string(round));
    } else {
      uri = dir_ / ("together" + std::to_string(round) + ".db");
    }
    std::latch start(kOpeners);
    std::vector<Status> results(kOpeners);
    std::vector<std::thread> threads;
    for (int t = 0; t < kOpeners; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        auto store = Store::Open(uri);
        results[t] = store.ok() ? Status::Ok() : store.status();
      });
    }
    for (auto& th : threads) th.join();
    for (int t = 0; t < kOpeners; ++t) {
      EXPECT_TRUE(results[t].ok())
          << "round " << round << ", opener " << t << ": " << results[t].ToString();
    }
    if (uri.starts_with("postgresql://")) {
      EXPECT_EQ(
          testing::PgExec(std::getenv("DYAD_TEST_PG"),
                          "DROP DATABASE " + uri.substr(uri.rfind('/') + 1) + " WITH (FORCE)"),
          "");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreBackendTest, ::testing::Values("sqlite", "postgresql"),
                         BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, StoreQueryTest, ::testing::Values("sqlite", "postgresql"),
                         BackendName);

TEST(StoreConcurrency, ReaderSeesCommittedBatchesOnly) {
  TempDir dir;
  const std::string db = dir / "c.db";
  auto writer = OpenOrDie(db);
  auto reader = OpenOrDie(db, true);
  ASSERT_TRUE(writer && reader);
  Sample a = Libya("a");
  WriteAll(*writer, {&a});
  auto has = reader->Contains(a.article.content_hash);
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
}

}  // namespace
}  // namespace dyad
