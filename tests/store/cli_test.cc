// The ingest / query / export commands end to end, and kill -9 recovery.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "dyad/store.h"
#include "store_test_util.h"
#include "support/services.h"

namespace dyad {
namespace {

using testing::TempDir;

// Runs the CLI with `args`, stdout to `out_path` (or /dev/null), stderr to
// `err_path`; returns the child's pid without waiting.
pid_t Spawn(const std::vector<std::string>& args, const std::string& out_path,
            const std::string& err_path) {
  pid_t pid = fork();
  if (pid == 0) {
    int out =
        open(out_path.empty() ? "/dev/null" : out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string cli = DYAD_CLI;
    argv.push_back(cli.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(cli.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int RunCli(const std::vector<std::string>& args, const TempDir& dir, std::string* out = nullptr,
           std::string* err = nullptr) {
  const std::string o = dir / "stdout.txt", e = dir / "stderr.txt";
  int rc = Wait(Spawn(args, o, e));
  if (out) *out = Slurp(o);
  if (err) *err = Slurp(e);
  return rc;
}

// content hash -> number of events, over the whole store; also checks that
// every article has all its sentences.
std::map<std::string, std::size_t> EventsByArticle(const std::string& db) {
  std::map<std::string, std::size_t> out;
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(db, ro);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return out;
  Status s = (*store)->ForEachArticle([&](const StoredArticle& a) {
    EXPECT_EQ(out.count(a.article.content_hash), 0u) << "stored twice: " << a.article.id;
    EXPECT_EQ(a.coded.sentence_spans.size(), a.coded.sentence_count) << a.article.id;
    out[a.article.content_hash] = a.coded.events.size();
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

// A few thousand small articles with codable sentences, each one distinct.
std::string WriteCorpus(const TempDir& dir, int n) {
  const char* countries[] = {"France", "Germany", "Russia", "China", "Japan",  "Egypt",
                             "Turkey", "Brazil",  "India",  "Iran",  "Israel", "Mexico"};
  const char* templates[] = {
      "%s accused %s of violating the ceasefire.",
      "%s signed a trade agreement with %s.",
      "%s condemned %s over the border clashes.",
      "The president of %s met the foreign minister of %s in Geneva.",
      "%s imposed sanctions on %s on Tuesday.",
      "%s threatened to expel diplomats from %s.",
  };
  const std::string path = dir / "corpus.jsonl";
  std::ofstream f(path);
  std::mt19937 rng(42);
  char buf[256];
  for (int i = 0; i < n; ++i) {
    std::string body = "Report " + std::to_string(i) + " from the wire.";
    int sentences = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < sentences; ++k) {
      std::size_t ia = rng() % 12, ib = rng() % 12;
      if (ia == ib) ib = (ia + 1) % 12;
      const char *a = countries[ia], *b = countries[ib];
      std::snprintf(buf, sizeof buf, templates[rng() % 6], a, b);
      body += ' ';
      body += buf;
    }
    nlohmann::json j = {
        {"id", "gen-" + std::to_string(i)},
        {"date", "2025-03-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1)},
        {"text", body}};
    f << j.dump() << '\n';
  }
  return path;
}

// Ingests `articles` generated articles into `clean_db`, then into `db` killed
// twice at random moments and rerun: `db` must end with the same articles and
// events, each article once.
void KillNineThenRerun(const TempDir& dir, const int kArticles, const std::string& clean_db,
                       const std::string& db) {
  const std::string corpus = WriteCorpus(dir, kArticles);

  // Clean run: the reference.
  auto t0 = std::chrono::steady_clock::now();
  std::string out, err;
  ASSERT_EQ(RunCli({"ingest", corpus, "--db", clean_db, "--threads", "2", "--progress", "none",
                    "--batch", "64"},
                   dir, &out, &err),
            0)
      << err;
  const double clean_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto want = EventsByArticle(clean_db);
  ASSERT_EQ(want.size(), static_cast<std::size_t>(kArticles));
  std::size_t events = 0;
  for (const auto& [h, n] : want) events += n;
  ASSERT_GT(events, static_cast<std::size_t>(kArticles)) << "the corpus should code into events";

  // Killed twice at random moments, then run to the end.
  std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> when(0.2, 0.9);
  const std::vector<std::string> args = {"ingest", corpus,       "--db", db,        "--threads",
                                         "2",      "--progress", "none", "--batch", "64"};
  int killed = 0;
  for (int round = 0; round < 2; ++round) {
    pid_t pid = Spawn(args, "", dir / "crash-stderr.txt");
    // The second run has less left to do (stored articles are skipped).
    double delay = when(rng) * clean_seconds * (round == 0 ? 1.0 : 0.5);
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    kill(pid, SIGKILL);
    int rc = Wait(pid);
    killed += rc == 128 + SIGKILL;
    std::cerr << "round " << round << ": killed after " << delay << " s (exit " << rc << ")\n";
  }
  ASSERT_GT(killed, 0) << "no run was killed mid-way";
  ASSERT_EQ(RunCli(args, dir, &out, &err), 0) << err;
  EXPECT_NE(out.find("ingested " + std::to_string(kArticles) + " articles"), std::string::npos)
      << out;
  auto got = EventsByArticle(db);
  EXPECT_EQ(got.size(), want.size());
  std::size_t differ = 0;
  for (const auto& [h, n] : want) {
    auto it = got.find(h);
    if (it == got.end() || it->second != n) ++differ;
  }
  EXPECT_EQ(differ, 0u);

  // A further re-run adds nothing.
  ASSERT_EQ(RunCli(args, dir, &out, &err), 0) << err;
  EXPECT_NE(out.find("0 new, " + std::to_string(kArticles) + " duplicate"), std::string::npos)
      << out;
}

TEST(IngestCli, KillNineAtAnyMomentThenRerunStoresEachArticleOnce) {
  TempDir dir;
  KillNineThenRerun(dir, 3000, dir / "clean.db", dir / "crash.db");
}

TEST(IngestCli, KillNineOnPostgresqlThenRerunStoresEachArticleOnce) {
  DYAD_SERVICE_OR_SKIP(pg, "DYAD_TEST_PG");
  TempDir dir;
  const std::string db = testing::FreshPgDatabase(pg, "kill9");
  KillNineThenRerun(dir, 1500, dir / "clean.db", db);
  EXPECT_EQ(testing::PgExec(pg, "DROP DATABASE " + db.substr(db.rfind('/') + 1) + " WITH (FORCE)"),
            "");
}

// The same input gives the same store on both backends: same events, same
// exports (row for row), same clusters and stories, same split.
TEST(IngestCli, SqliteAndPostgresqlGiveTheSameResults) {
  DYAD_SERVICE_OR_SKIP(pg, "DYAD_TEST_PG");
  TempDir dir;
  const std::string corpus = WriteCorpus(dir, 300);
  const std::string examples = std::string(DYAD_SOURCE_DIR) + "/examples";
  const std::string lite = dir / "same.db";
  const std::string post = testing::FreshPgDatabase(pg, "same");
  std::string out, err;
  for (const std::string& db : {lite, post}) {
    ASSERT_EQ(
        RunCli({"ingest", examples, corpus, "--db", db, "--progress", "none"}, dir, &out, &err), 0)
        << db << ": " << err;
  }
  EXPECT_EQ(EventsByArticle(lite), EventsByArticle(post));
  auto run = [&](std::vector<std::string> args, const std::string& db) {
    args.push_back("--db");
    args.push_back(db);
    std::string o, e;
    EXPECT_EQ(RunCli(args, dir, &o, &e), 0) << e;
    return o;
  };
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"export", "--format", "jsonl"},
           {"export", "--format", "csv", "--clusters"},
           {"export", "--format", "phoenix"},
           {"query", "--json", "--actor", "FRA", "--cameo", "1*"},
           {"query", "--json", "--text", "sanctions", "--from", "2025-03-10"},
           {"query", "--summary"}}) {
    const std::string a = run(args, lite), b = run(args, post);
    EXPECT_FALSE(a.empty()) << args[0] << " " << args[1];
    EXPECT_EQ(a, b) << args[0] << " " << args[1];
  }
  // A split gives the same clusters on both.
  std::int64_t split_event = 0;
  {
    auto store = Store::Open(lite);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)
                    ->Query({},
                            [&](const StoredEvent& e) {
                              if (e.cluster.num_mentions > 2) split_event = e.event_id;
                              return split_event == 0;
                            })
                    .ok());
  }
  ASSERT_NE(split_event, 0) << "the generated corpus should give a cluster of 3+ mentions";
  for (const std::string& db : {lite, post}) {
    ASSERT_EQ(RunCli({"split", "--db", db, std::to_string(split_event), "--note", "test"}, dir,
                     &out, &err),
              0)
        << err;
    EXPECT_NE(out.find("moved out of cluster"), std::string::npos) << out;
  }
  EXPECT_EQ(run({"export", "--format", "csv", "--clusters"}, lite),
            run({"export", "--format", "csv", "--clusters"}, post));
  EXPECT_EQ(
      testing::PgExec(pg, "DROP DATABASE " + post.substr(post.rfind('/') + 1) + " WITH (FORCE)"),
      "");
}

TEST(IngestCli, ExportJsonlEqualsCodeFlatAndQueryFilters) {
  TempDir dir;
  const std::string examples = std::string(DYAD_SOURCE_DIR) + "/examples";
  const std::string db = dir / "ex.db";
  std::string out, err;
  ASSERT_EQ(RunCli({"code", examples, "--flat"}, dir, &out, &err), 0) << err;
  // The examples carry one article twice (same text, another URL); the store
  // keeps it once, so drop the second copy's events from the reference.
  std::string flat;
  {
    std::istringstream in(out);
    std::set<std::string> seen;
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line);
      if (seen.insert(j["id"].get<std::string>()).second) flat += line + "\n";
    }
  }
  ASSERT_FALSE(flat.empty());
  ASSERT_EQ(RunCli({"ingest", examples, "--db", db, "--progress", "none"}, dir, &out, &err), 0)
      << err;
  EXPECT_NE(out.find("0 failed"), std::string::npos) << out;
  ASSERT_EQ(RunCli({"export", "--db", db, "--format", "jsonl"}, dir, &out, &err), 0) << err;
  EXPECT_EQ(out, flat);

  // Export to a file, then query: every row matches the filter.
  ASSERT_EQ(
      RunCli({"export", "--db", db, "--format", "gdelt", "-o", dir / "x.tsv"}, dir, &out, &err), 0)
      << err;
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(testing::ParseDelimited(Slurp(dir / "x.tsv"), '\t', &rows, false));
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) EXPECT_EQ(r.size(), 61u);

  ASSERT_EQ(RunCli({"query", "--db", db, "--json"}, dir, &out, &err), 0) << err;
  EXPECT_EQ(out, flat);  // query --json prints the same event objects
  std::string first_code;
  {
    auto j = nlohmann::json::parse(flat.substr(0, flat.find('\n')));
    ASSERT_TRUE(j["source"].is_object());
    first_code = j["source"]["code"].get<std::string>().substr(0, 3);
  }
  ASSERT_EQ(RunCli({"query", "--db", db, "--json", "--actor", first_code}, dir, &out, &err), 0)
      << err;
  std::istringstream lines(out);
  int n = 0;
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["source"]["code"].get<std::string>().rfind(first_code, 0), 0u) << line;
    ++n;
  }
  EXPECT_GT(n, 0);
  ASSERT_EQ(RunCli({"query", "--db", db, "--summary"}, dir, &out, &err), 0) << err;
  EXPECT_NE(out.find("events by CAMEO root"), std::string::npos) << out;
  ASSERT_EQ(RunCli({"query", "--db", db, "--cameo", "x'; --"}, dir, &out, &err), 1);
  EXPECT_NE(err.find("--cameo"), std::string::npos) << err;
}

TEST(IngestCli, BadInputsAreReportedAndSkipped) {
  TempDir dir;
  const std::string path = dir / "mixed.jsonl";
  {
    std::ofstream f(path);
    f << R"({"id": "ok1", "date": "2025-01-02", "text": "France condemned Russia over the attack."})"
      << "\n";
    f << "{not json\n";
    f << R"({"id": "ok2", "date": "2025-01-02", "text": "Germany signed a trade deal with Japan."})"
      << "\n";
  }
  std::string out, err;
  // The broken line is reported with its line number and skipped.
  EXPECT_EQ(RunCli({"ingest", path, "--db", dir / "m.db", "--progress", "lines"}, dir, &out, &err),
            0);
  EXPECT_NE(err.find("mixed.jsonl:2"), std::string::npos) << err;
  auto got = EventsByArticle(dir / "m.db");
  EXPECT_EQ(got.size(), 2u);
  EXPECT_EQ(RunCli({"ingest", path, "--db", "postgresql://127.0.0.1:1/x"}, dir, &out, &err), 1);
  EXPECT_NE(err.find("postgresql://127.0.0.1:1/x: cannot connect"), std::string::npos) << err;
}

}  // namespace
}  // namespace dyad
