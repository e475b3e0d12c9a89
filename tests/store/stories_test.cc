// The story stage over a store: near-duplicate links, event clusters and
// stories rebuilt by RebuildStories and by `dyad ingest`.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "dyad/store.h"
#include "dyad/story.h"
#include "store_test_util.h"

namespace dyad {
namespace {

using testing::EventSpec;
using testing::MakeSample;
using testing::Sample;
using testing::TempDir;

// One wire story; the copies below carry it with their own boilerplate.
const std::vector<std::string> kWire = {
    "Russian troops attacked the city of Kharkiv overnight with drones and missiles, regional "
    "officials said on Monday.",
    "At least three people were killed and twelve were wounded when a residential building and a "
    "power station were hit.",
    "The governor of the region said emergency crews worked through the night to pull survivors "
    "from the rubble.",
    "Ukraine accused Russia of violating the ceasefire.",
    "Kyiv called on its Western partners to send more air defence systems quickly, saying the "
    "city had no protection against the glide bombs used in recent weeks.",
    "Rescue workers said the search for people under the debris would continue for several days "
    "and that the number of victims could still rise.",
    "Moscow did not comment on the attack, which came a day after talks between the two sides "
    "ended without progress.",
    "The city, close to the Russian border, has been a frequent target since the start of the "
    "war.",
};

std::vector<std::string> Copy(int which) {
  std::vector<std::string> s = kWire;
  switch (which) {
    case 0:  // a byline-like closing line and a share prompt
      s.push_back("Posted by the Daily Herald foreign desk.");
      s.push_back("Share this story with your friends and family today.");
      break;
    case 1:  // a reprint notice
      s.push_back("This report is carried under an agreement with the wire service.");
      break;
    default:  // the last paragraph dropped (a cut copy), an editor's line added
      s.pop_back();
      s.push_back("Our correspondent contributed.");
      break;
  }
  return s;
}

const std::vector<std::string> kUnrelated = {
    "The foreign ministers of France and Germany met in Berlin on Tuesday to discuss a new trade "
    "agreement.",
    "Both governments said the talks were constructive and that officials would meet again next "
    "month in Paris.",
    "Farmers groups in both countries have protested against parts of the proposed deal for "
    "several weeks.",
};

EventSpec Attack() {
  EventSpec e;
  e.source_text = "Russian troops";
  e.source_code = "RUSMIL";
  e.target_text = "Kharkiv";
  e.target_code = "UKR";
  e.verb = "attacked";
  e.cameo = "190";
  e.plover = "ASSAULT";
  return e;
}

EventSpec Meeting() {
  EventSpec e;
  e.source_text = "France";
  e.source_code = "FRA";
  e.target_text = "Germany";
  e.target_code = "DEU";
  e.verb = "met";
  e.cameo = "040";
  e.plover = "CONSULT";
  return e;
}

std::vector<Sample> Fixture() {
  std::vector<Sample> out;
  out.push_back(
      MakeSample("wire", "https://wire.example/kharkiv", "2025-03-03", kWire, {Attack()}));
  const char* outlets[] = {"dailyherald.example", "gazette.example", "courier.example"};
  const char* dates[] = {"2025-03-03", "2025-03-04", "2025-03-04"};
  for (int i = 0; i < 3; ++i) {
    Sample s =
        MakeSample("copy" + std::to_string(i), std::string("https://") + outlets[i] + "/kharkiv",
                   dates[i], Copy(i), {Attack()});
    s.article.source = outlets[i];
    out.push_back(std::move(s));
  }
  Sample u =
      MakeSample("other", "https://wire.example/berlin", "2025-03-04", kUnrelated, {Meeting()});
  out.push_back(std::move(u));
  return out;
}

struct Row {
  std::int64_t article_id = 0, duplicate_of = 0;
  std::vector<StoredCluster> clusters;
};

std::map<std::string, Row> ByInputId(Store& store) {
  std::map<std::string, Row> out;
  Status s = store.ForEachArticle([&](const StoredArticle& a) {
    out[a.article.id] = {a.article_id, a.duplicate_of, a.clusters};
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

class StoriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto st = Store::Open(dir_ / "s.db");
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    store_ = std::move(*st);
    samples_ = Fixture();
    std::vector<ArticleWrite> w;
    for (const Sample& s : samples_) w.push_back({&s.article, &s.coded});
    auto r = store_->Write(w);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const WriteResult& x : *r) ASSERT_EQ(x.kind, WriteKind::kNew) << x.error.ToString();
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::vector<Sample> samples_;
};

TEST_F(StoriesTest, SyndicatedCopiesAreDuplicatesAndOneCluster) {
  auto stats = RebuildStories(*store_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->articles, 5u);
  EXPECT_EQ(stats->duplicates, 3u);
  EXPECT_EQ(stats->events, 5u);
  EXPECT_EQ(stats->skipped_events, 0u);
  EXPECT_EQ(stats->clusters, 2u);
  EXPECT_EQ(stats->stories, 2u);

  auto rows = ByInputId(*store_);
  ASSERT_EQ(rows.size(), 5u);
  const Row& wire = rows["wire"];
  EXPECT_EQ(wire.duplicate_of, 0);
  ASSERT_EQ(wire.clusters.size(), 1u);
  const StoredCluster& c = wire.clusters[0];
  EXPECT_NE(c.cluster_id, 0);
  EXPECT_NE(c.story_id, 0);
  EXPECT_EQ(c.num_mentions, 4);
  EXPECT_EQ(c.num_articles, 4);
  EXPECT_EQ(c.num_sources, 4);  // wire.example and three outlets
  for (const char* copy : {"copy0", "copy1", "copy2"}) {
    const Row& r = rows[copy];
    EXPECT_EQ(r.duplicate_of, wire.article_id) << copy;
    ASSERT_EQ(r.clusters.size(), 1u) << copy;
    EXPECT_EQ(r.clusters[0].cluster_id, c.cluster_id) << copy;
    EXPECT_EQ(r.clusters[0].story_id, c.story_id) << copy;
  }
  const Row& other = rows["other"];
  EXPECT_EQ(other.duplicate_of, 0);
  ASSERT_EQ(other.clusters.size(), 1u);
  EXPECT_NE(other.clusters[0].cluster_id, c.cluster_id);
  EXPECT_NE(other.clusters[0].story_id, c.story_id);
  EXPECT_EQ(other.clusters[0].num_mentions, 1);

  auto counts = store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->duplicates, 3);
  EXPECT_EQ(counts->clusters, 2);
  EXPECT_EQ(counts->stories, 2);

  // Query by story: the four reports of the attack.
  EventFilter f;
  f.story = c.story_id;
  std::set<std::int64_t> articles;
  ASSERT_TRUE(store_
                  ->Query(f,
                          [&](const StoredEvent& e) {
                            articles.insert(e.article_id);
                            EXPECT_EQ(e.cluster.cluster_id, c.cluster_id);
                            return true;
                          })
                  .ok());
  EXPECT_EQ(articles.size(), 4u);

  // Export by cluster: one row per happening.
  ExportOptions eo;
  eo.clusters = true;
  std::string out;
  auto ex = ExportEvents(*store_, eo, [&](std::string_view chunk) {
    out += chunk;
    return Status::Ok();
  });
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_EQ(ex->rows, 2u);
  std::istringstream in(out);
  std::set<std::int64_t> cluster_ids;
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    cluster_ids.insert(j["cluster_id"].get<std::int64_t>());
    if (j["cluster_id"].get<std::int64_t>() == c.cluster_id) {
      EXPECT_EQ(j["num_mentions"], 4);
      EXPECT_EQ(j["num_articles"], 4);
    }
  }
  EXPECT_EQ(cluster_ids.size(), 2u);
}

TEST_F(StoriesTest, RebuildingGivesTheSameIds) {
  ASSERT_TRUE(RebuildStories(*store_).ok());
  auto first = ByInputId(*store_);
  auto again = RebuildStories(*store_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto second = ByInputId(*store_);
  ASSERT_EQ(first.size(), second.size());
  for (const auto& [id, row] : first) {
    const Row& r = second[id];
    EXPECT_EQ(r.duplicate_of, row.duplicate_of) << id;
    ASSERT_EQ(r.clusters.size(), row.clusters.size()) << id;
    for (std::size_t i = 0; i < r.clusters.size(); ++i) {
      EXPECT_EQ(r.clusters[i].cluster_id, row.clusters[i].cluster_id) << id;
      EXPECT_EQ(r.clusters[i].story_id, row.clusters[i].story_id) << id;
      EXPECT_EQ(r.clusters[i].num_mentions, row.clusters[i].num_mentions) << id;
    }
  }
  auto counts = store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->clusters, 2);
  EXPECT_EQ(counts->stories, 2);
  EXPECT_EQ(counts->duplicates, 3);
}

TEST_F(StoriesTest, SplitsAreKeptAcrossRebuilds) {
  ASSERT_TRUE(RebuildStories(*store_).ok());
  auto rows = ByInputId(*store_);
  const std::int64_t merged = rows["wire"].clusters[0].cluster_id;
  ASSERT_EQ(rows["copy2"].clusters[0].cluster_id, merged);
  // The user says copy2 reports another attack: its event leaves the cluster.
  std::int64_t event = 0;
  EventFilter f;
  f.article_id = rows["copy2"].article_id;
  ASSERT_TRUE(store_
                  ->Query(f,
                          [&](const StoredEvent& e) {
                            event = e.event_id;
                            return false;
                          })
                  .ok());
  const std::int64_t ids[] = {event};
  auto split = store_->AddSplit(ids, "another attack");
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  for (int round = 0; round < 2; ++round) {  // and again: the split stays
    auto stats = RebuildStories(*store_);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->splits, 1u);
    EXPECT_EQ(stats->stale_splits, 0u);
    EXPECT_EQ(stats->clusters, 3u);
    rows = ByInputId(*store_);
    EXPECT_EQ(rows["wire"].clusters[0].num_mentions, 3);
    const StoredCluster& moved = rows["copy2"].clusters[0];
    EXPECT_NE(moved.cluster_id, rows["wire"].clusters[0].cluster_id);
    EXPECT_EQ(moved.num_mentions, 1);
    EXPECT_EQ(moved.story_id, rows["wire"].clusters[0].story_id);  // still the same story
  }
  auto splits = store_->Splits();
  ASSERT_TRUE(splits.ok());
  ASSERT_EQ(splits->size(), 1u);
  EXPECT_EQ((*splits)[0], std::vector<std::int64_t>{event});
  const std::int64_t missing[] = {987654};
  EXPECT_EQ(store_->AddSplit(missing, "").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->AddSplit({}, "").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->Splits()->size(), 1u);  // the failed ones left nothing behind
  // A split of a whole cluster no longer applies: reported, not an error.
  f.article_id = rows["other"].article_id;
  std::int64_t lone = 0;
  ASSERT_TRUE(store_
                  ->Query(f,
                          [&](const StoredEvent& e) {
                            lone = e.event_id;
                            return false;
                          })
                  .ok());
  const std::int64_t whole[] = {lone};
  ASSERT_TRUE(store_->AddSplit(whole, "").ok());
  auto stats = RebuildStories(*store_);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->splits, 1u);
  EXPECT_EQ(stats->stale_splits, 1u);
  ASSERT_EQ(stats->errors.size(), 1u);
  EXPECT_NE(stats->errors[0].message().find("split 2"), std::string::npos);
}

TEST_F(StoriesTest, ReplaceStoriesIsAllOrNothing) {
  ASSERT_TRUE(RebuildStories(*store_).ok());
  auto before = store_->Counts();
  ASSERT_TRUE(before.ok());
  // A cluster naming an event that does not exist violates a foreign key:
  // nothing of the call may remain, and the previous tables stay.
  std::vector<std::pair<std::int64_t, std::int64_t>> dups;
  std::vector<StoryRecord> stories(1);
  stories[0].id = 7;
  std::vector<ClusterRecord> clusters(1);
  clusters[0].id = 9;
  clusters[0].story_id = 7;
  clusters[0].event_ids = {999999};
  Status s = store_->ReplaceStories(dups, stories, clusters);
  EXPECT_FALSE(s.ok());
  auto after = store_->Counts();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->clusters, before->clusters);
  EXPECT_EQ(after->stories, before->stories);
  EXPECT_EQ(after->duplicates, before->duplicates);
}

// ---- `dyad ingest` end to end ----

int RunCli(const std::vector<std::string>& args, const TempDir& dir, std::string* out,
           std::string* err) {
  const std::string o = dir / "stdout.txt", e = dir / "stderr.txt";
  pid_t pid = fork();
  if (pid == 0) {
    int fo = open(o.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = open(e.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fo, 1);
    dup2(fe, 2);
    std::vector<std::string> copy = args;
    std::string cli = DYAD_CLI;
    std::vector<char*> argv{cli.data()};
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(cli.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  auto slurp = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  *out = slurp(o);
  *err = slurp(e);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string Join(const std::vector<std::string>& sentences) {
  std::string out;
  for (const std::string& s : sentences) out += (out.empty() ? "" : " ") + s;
  return out;
}

// event key -> (cluster, story) over the store, and each article's duplicate_of
// by input id.
struct Snapshot {
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> clusters;
  std::map<std::string, std::int64_t> article_ids, duplicate_of;
  std::map<std::string, std::vector<std::int64_t>> clusters_of;  // by input id
};

Snapshot Take(const std::string& db) {
  Snapshot s;
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(db, ro);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return s;
  Status st = (*store)->ForEachArticle([&](const StoredArticle& a) {
    s.article_ids[a.article.id] = a.article_id;
    s.duplicate_of[a.article.id] = a.duplicate_of;
    for (std::size_t i = 0; i < a.coded.events.size(); ++i) {
      s.clusters[a.coded.events[i].id] = {a.clusters[i].cluster_id, a.clusters[i].story_id};
      s.clusters_of[a.article.id].push_back(a.clusters[i].cluster_id);
    }
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return s;
}

TEST(IngestStories, SyndicatedCopiesFromJsonl) {
  TempDir dir;
  const std::string input = dir / "wire.jsonl";
  {
    std::ofstream f(input);
    f << nlohmann::json{{"id", "wire"},
                        {"date", "2025-03-03"},
                        {"source", "wire.example"},
                        {"text", Join(kWire)}}
             .dump()
      << '\n';
    const char* outlets[] = {"dailyherald.example", "gazette.example", "courier.example"};
    for (int i = 0; i < 3; ++i) {
      f << nlohmann::json{{"id", "copy" + std::to_string(i)},
                          {"date", "2025-03-04"},
                          {"source", outlets[i]},
                          {"text", Join(Copy(i))}}
               .dump()
        << '\n';
    }
    f << nlohmann::json{{"id", "other"},
                        {"date", "2025-03-04"},
                        {"source", "wire.example"},
                        {"text", Join(kUnrelated)}}
             .dump()
      << '\n';
  }
  const std::string db = dir / "d.db";
  const std::vector<std::string> args = {"ingest", input,        "--db", db,         "--threads",
                                         "1",      "--progress", "none", "--summary"};
  std::string out, err;
  ASSERT_EQ(RunCli(args, dir, &out, &err), 0) << err;
  EXPECT_NE(out.find("ingested 5 articles"), std::string::npos) << out;
  EXPECT_NE(out.find("3 near-duplicate articles"), std::string::npos) << out;

  Snapshot a = Take(db);
  ASSERT_EQ(a.article_ids.size(), 5u);
  const std::int64_t wire = a.article_ids["wire"];
  EXPECT_EQ(a.duplicate_of["wire"], 0);
  EXPECT_EQ(a.duplicate_of["other"], 0);
  for (const char* c : {"copy0", "copy1", "copy2"}) EXPECT_EQ(a.duplicate_of[c], wire) << c;

  // Whatever the coder finds in the wire text, each copy's events fall into
  // the wire's clusters, and the unrelated article's into others.
  const std::vector<std::int64_t>& wire_clusters = a.clusters_of["wire"];
  ASSERT_FALSE(wire_clusters.empty()) << "the wire text should code into events";
  std::set<std::int64_t> wire_set(wire_clusters.begin(), wire_clusters.end());
  for (std::int64_t id : wire_clusters) EXPECT_NE(id, 0);
  for (const char* c : {"copy0", "copy1", "copy2"}) {
    for (std::int64_t id : a.clusters_of[c]) EXPECT_EQ(wire_set.count(id), 1u) << c;
  }
  for (std::int64_t id : a.clusters_of["other"]) EXPECT_EQ(wire_set.count(id), 0u);

  // The first cluster of the wire is reported by all four articles.
  StoreOptions ro;
  ro.read_only = true;
  {
    auto store = Store::Open(db, ro);
    ASSERT_TRUE(store.ok());
    bool found = false;
    ASSERT_TRUE((*store)
                    ->ForEachArticle([&](const StoredArticle& art) {
                      if (art.article.id != "wire") return true;
                      found = true;
                      EXPECT_EQ(art.clusters[0].num_articles, 4);
                      EXPECT_GE(art.clusters[0].num_mentions, 4);
                      EXPECT_EQ(art.clusters[0].num_sources, 4);
                      return false;
                    })
                    .ok());
    EXPECT_TRUE(found);
  }

  // The summary counts them; query --story and export --clusters use them.
  auto counts = [&] {
    auto store = Store::Open(db, ro);
    EXPECT_TRUE(store.ok());
    return *(*store)->Counts();
  }();
  EXPECT_GT(counts.clusters, 0);
  EXPECT_GT(counts.stories, 0);
  EXPECT_EQ(counts.duplicates, 3);
  EXPECT_NE(out.find(std::to_string(counts.stories) + " stories"), std::string::npos) << out;

  std::int64_t wire_story = 0;
  for (const auto& [key, cs] : a.clusters) {
    if (cs.first == wire_clusters[0]) wire_story = cs.second;
  }
  ASSERT_NE(wire_story, 0);
  ASSERT_EQ(RunCli({"query", "--db", db, "--story", std::to_string(wire_story), "--json"}, dir,
                   &out, &err),
            0)
      << err;
  std::set<std::string> story_articles;
  {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line);
      story_articles.insert(j["article_id"].get<std::string>());
    }
  }
  EXPECT_EQ(story_articles, (std::set<std::string>{"wire", "copy0", "copy1", "copy2"}));

  ASSERT_EQ(RunCli({"export", "--db", db, "--clusters", "--format", "jsonl"}, dir, &out, &err), 0)
      << err;
  std::set<std::int64_t> exported;
  std::size_t rows = 0;
  {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line);
      ++rows;
      exported.insert(j["cluster_id"].get<std::int64_t>());
    }
  }
  EXPECT_EQ(rows, exported.size()) << "one row per cluster";
  EXPECT_EQ(static_cast<std::int64_t>(rows), counts.clusters);

  // A rerun stores nothing new and keeps every id.
  ASSERT_EQ(RunCli(args, dir, &out, &err), 0) << err;
  EXPECT_NE(out.find("0 new, 5 duplicate"), std::string::npos) << out;
  Snapshot b = Take(db);
  EXPECT_EQ(b.clusters, a.clusters);
  EXPECT_EQ(b.duplicate_of, a.duplicate_of);
}

// `dyad query --story ID --why`: each article of the story with what ties it
// to the story (names as written, places, words, score, nearest article).
TEST(IngestStories, QueryWhyNamesWhatTiesEachArticle) {
  TempDir dir;
  const std::string input = dir / "quake.jsonl";
  {
    std::ofstream f(input);
    f << nlohmann::json{{"id", "q1"},
                        {"date", "2010-01-10"},
                        {"source", "wire.example"},
                        {"text",
                         "A magnitude 6.1 earthquake struck off the coast of Northern California "
                         "near Eureka on Sunday, shaking homes and knocking out power. Humboldt "
                         "County officials reported damaged chimneys and broken windows in "
                         "Eureka but no deaths."}}
             .dump()
      << '\n';
    f << nlohmann::json{{"id", "q2"},
                        {"date", "2010-01-11"},
                        {"text",
                         "Residents of Eureka cleaned up broken glass on Monday after a strong "
                         "earthquake rattled Humboldt County. Power was restored to most homes "
                         "in Eureka, Humboldt County officials said."}}
             .dump()
      << '\n';
  }
  const std::string db = dir / "q.db";
  std::string out, err;
  ASSERT_EQ(RunCli({"ingest", input, "--db", db, "--threads", "1", "--progress", "none"}, dir, &out,
                   &err),
            0)
      << err;
  ASSERT_EQ(RunCli({"query", "--db", db, "--story", "1", "--why"}, dir, &out, &err), 0) << err;
  EXPECT_NE(out.find("story 1:"), std::string::npos) << out;
  EXPECT_NE(out.find("started the story"), std::string::npos) << out;
  EXPECT_NE(out.find("names: "), std::string::npos) << out;
  EXPECT_NE(out.find("Eureka"), std::string::npos) << out;
  EXPECT_NE(out.find("words: "), std::string::npos) << out;
  EXPECT_NE(out.find("nearest article"), std::string::npos) << out;
  // --why needs --story.
  EXPECT_NE(RunCli({"query", "--db", db, "--why"}, dir, &out, &err), 0);
  // The second article names no outlet: one source, not two.
  ASSERT_EQ(RunCli({"stories", "--db", db}, dir, &out, &err), 0) << err;
  EXPECT_NE(out.find("1 stories"), std::string::npos) << out;
}

}  // namespace
}  // namespace dyad
