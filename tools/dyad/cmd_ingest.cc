// `dyad ingest PATH...`: code articles and keep them, with their events, in a store.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "batch_coder.h"
#include "commands.h"
#include "dyad/inputs.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "input_options.h"

namespace dyad::cli {
namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  std::vector<std::string> dicts;
  InputArgs input;
  std::string db = "dyad.db";
  bool no_tagger = false;
  bool strict = false;
  bool summary = false;
  bool no_stories = false;
  std::string progress = "auto";
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::size_t batch = 256;
};

// How many articles an input holds, when that is cheap to know: the lines of
// a plain JSON-lines file, one for a single-document file; -1 when unknown.
long long EstimateArticles(const std::string& path, const InputArgs& input) {
  if (path == "-") return -1;
  Format f = Format::kAuto;
  if (auto p = ParseFormat(input.format); p.ok()) f = *p;
  if (f == Format::kAuto) f = FormatFromPath(path);
  if (f == Format::kText || f == Format::kHtml) return 1;
  if (f != Format::kJsonl) return -1;
  std::ifstream in(path, std::ios::binary);
  if (!in) return -1;
  char magic[2] = {0, 0};
  in.read(magic, 2);
  if (static_cast<unsigned char>(magic[0]) == 0x1f &&
      static_cast<unsigned char>(magic[1]) == 0x8b) {
    return -1;  // gzip
  }
  in.seekg(0);
  long long lines = 0;
  bool content = false;
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) {
      char c = buf[static_cast<std::size_t>(i)];
      if (c == '\n') {
        lines += content;
        content = false;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        content = true;
      }
    }
  }
  return lines + content;
}

std::string Duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

struct Counters {
  std::atomic<long long> read{0}, added{0}, duplicate{0}, failed{0}, events{0}, sentences{0};
  long long done() const { return added + duplicate + failed; }
};

// Progress on stderr: a one-line bar on a terminal, else a line every few seconds.
class Progress {
 public:
  Progress(const Counters& c, long long total, bool bar, bool enabled)
      : c_(c), total_(total), bar_(bar), start_(Clock::now()) {
    if (enabled) thread_ = std::thread([this] { Run(); });
  }
  ~Progress() { Stop(); }
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (bar_ && drawn_) std::fputs("\r\033[K", stderr);
  }
  double Seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  void Run() {
    const auto every = bar_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000);
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, every, [&] { return stop_; })) Print();
  }
  void Print() {
    const double t = Seconds();
    const long long done = c_.done();
    const double rate = t > 0 ? done / t : 0;
    char eta[48] = "";
    if (total_ > 0 && rate > 0 && done < total_) {
      std::snprintf(eta, sizeof eta, "  ETA %s", Duration((total_ - done) / rate).c_str());
    }
    if (!bar_) {
      std::fprintf(stderr, "dyad: ingest: %lld%s%s articles, %lld events, %.0f articles/s%s\n",
                   done, total_ > 0 ? " of " : "", total_ > 0 ? std::to_string(total_).c_str() : "",
                   c_.events.load(), rate, eta);
      return;
    }
    char line[256];
    if (total_ > 0) {
      const int width = 24;
      double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
      int fill = static_cast<int>(frac * width);
      std::string bar(static_cast<std::size_t>(fill), '#');
      bar.append(static_cast<std::size_t>(width - fill), '.');
      std::snprintf(line, sizeof line, "[%s] %3.0f%%  %lld/%lld articles  %lld events  %.0f/s%s",
                    bar.c_str(), frac * 100, done, total_, c_.events.load(), rate, eta);
    } else {
      std::snprintf(line, sizeof line, "%lld articles  %lld events  %.0f/s  %s elapsed", done,
                    c_.events.load(), rate, Duration(t).c_str());
    }
    std::fprintf(stderr, "\r\033[K%s", line);
    std::fflush(stderr);
    drawn_ = true;
  }

  const Counters& c_;
  const long long total_;
  const bool bar_;
  const Clock::time_point start_;
  bool drawn_ = false;
  bool stop_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

int RunIngest(const IngestArgs& args) {
  // Every input and the dictionaries are checked before the store is created.
  auto files = ExpandInputs(args.paths);
  if (!files.ok()) {
    PrintError(files.status().ToString());
    return kExitFailure;
  }
  PipelineOptions po;
  po.dictionaries = args.dicts;
  po.use_tagger = !args.no_tagger;
  po.strict_dictionaries = args.strict;
  std::unique_ptr<Pipeline> pipeline = LoadPipeline(po, args.input.quiet);
  if (!pipeline) return kExitFailure;
  auto store = Store::Open(args.db);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return kExitFailure;
  }
  // A second, read-only handle for the reading thread: articles already stored
  // are not coded again (re-runs after an interruption are fast).
  StoreOptions ro;
  ro.read_only = true;
  auto seen = Store::Open(args.db, ro);
  if (!seen.ok()) {
    PrintError(seen.status().ToString());
    return kExitFailure;
  }

  long long total = 0;
  for (const std::string& f : *files) {
    long long n = EstimateArticles(f, args.input);
    if (n < 0) {
      total = -1;
      break;
    }
    total += n;
  }
  const bool tty = isatty(STDERR_FILENO);
  bool show = !args.input.quiet && args.progress != "none";
  bool bar = args.progress == "bar" || (args.progress == "auto" && tty);

  Counters c;
  InputTally tally;
  std::atomic<bool> fatal{false};
  int read_failures = 0;
  {
    Progress progress(c, total, bar, show);
    std::vector<ArticleWrite> writes;
    BatchCoder coder(*pipeline, args.threads, args.batch, [&](CodedBatch& b) {
      if (fatal) return;
      writes.clear();
      std::vector<std::size_t> index;
      for (std::size_t i = 0; i < b.articles.size(); ++i) {
        if (!b.errors[i].empty()) {
          PrintError(b.errors[i]);
          ++c.failed;
          continue;
        }
        writes.push_back({&b.articles[i], &b.coded[i]});
        index.push_back(i);
      }
      auto results = (*store)->Write(writes);
      if (!results.ok()) {
        PrintError(results.status().ToString());
        fatal = true;
        return;
      }
      for (std::size_t k = 0; k < results->size(); ++k) {
        const WriteResult& r = (*results)[k];
        const CodedArticle& coded = b.coded[index[k]];
        switch (r.kind) {
          case WriteKind::kNew:
            ++c.added;
            c.events += static_cast<long long>(coded.events.size());
            c.sentences += coded.sentence_count;
            break;
          case WriteKind::kDuplicate:
            ++c.duplicate;
            break;
          case WriteKind::kFailed:
            PrintError(r.error.ToString());
            ++c.failed;
            break;
        }
      }
    });
    for (const std::string& f : *files) {
      if (fatal) break;
      read_failures += ForEachArticle(
          f, args.input,
          [&](Article& a) {
            if (fatal) return true;
            ++c.read;
            auto known = (*seen)->Contains(a.content_hash);
            if (known.ok() && *known) {
              ++c.duplicate;
              return true;
            }
            coder.Add(std::move(a));
            return true;
          },
          &tally);
    }
    coder.Finish();
    if (!fatal && !ReportInputTally(tally, args.paths, args.input.quiet)) ++read_failures;
    progress.Stop();
    const double t = progress.Seconds();
    std::printf(
        "dyad: ingested %lld articles into %s: %lld new, %lld duplicate, %lld failed; %lld "
        "events, %lld sentences in %.1f s (%.0f sentences/s)\n",
        c.read.load(), args.db.c_str(), c.added.load(), c.duplicate.load(),
        c.failed.load() + read_failures, c.events.load(), c.sentences.load(), t,
        t > 0 ? c.sentences / t : 0.0);
  }
  if (fatal) {
    // Each batch is one transaction: what was committed stays, whole.
    PrintError("ingest stopped: " + std::to_string(c.added.load()) +
               " new articles (with their events) were committed to " + args.db +
               " before the error; the story rebuild was not done. Rerunning the same command "
               "once the cause is fixed skips the stored articles, codes the rest and rebuilds "
               "the stories.");
    return kExitFailure;
  }
  if (!args.no_stories) {
    // Near-duplicates, event clusters and stories over the whole store, rebuilt
    // in store order on this thread: the same store always gets the same ids.
    auto stories = RebuildStories(**store);
    if (!stories.ok()) {
      PrintError(stories.status().ToString());
      PrintError(
          "the articles are stored; the story rebuild failed. Rerunning the same "
          "command once the cause is fixed rebuilds the stories.");
      return kExitFailure;
    }
    if (!args.input.quiet) {
      for (const Status& e : stories->errors) PrintError("stories: " + e.ToString());
    }
    std::printf("dyad: stories: %zu near-duplicate articles, %zu clusters, %zu stories (%zu events",
                stories->duplicates, stories->clusters, stories->stories, stories->events);
    if (stories->skipped_events) std::printf(", %zu skipped", stories->skipped_events);
    std::printf(")\n");
  }
  if (args.summary) {
    std::printf("\n");
    if (PrintStoreSummary(**store) != kExitOk) return kExitFailure;
  }
  std::fflush(stdout);
  return (c.failed || read_failures) ? kExitFailure : kExitOk;
}

}  // namespace

void RegisterIngest(CLI::App& app, Runner* run) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand("ingest", "Code articles and keep them in a store");
  cmd->add_option("paths", args->paths, "Files, folders, globs or - for stdin")->required();
  cmd->add_option("--db", args->db, "Store: a file path, sqlite:PATH or postgresql://...")
      ->capture_default_str();
  AddInputOptions(cmd, &args->input);
  cmd->add_option(
      "--dict", args->dicts,
      "Dictionary files or folders (TABARI/PETRARCH), layered in order; default: dyad's own");
  cmd->add_flag("--no-tagger", args->no_tagger, "Do not use the part-of-speech tagger");
  cmd->add_flag("--strict-dict", args->strict, "Treat dictionary warnings as errors");
  cmd->add_option("-j,--threads", args->threads, "Coding threads")->capture_default_str();
  cmd->add_option("--batch", args->batch, "Articles per transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--progress", args->progress, "Progress on stderr: auto, bar, lines, none")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
  cmd->add_flag("--no-stories", args->no_stories,
                "Do not rebuild near-duplicate links, event clusters and stories afterwards");
  cmd->add_flag("--summary", args->summary, "Print a readable summary of the store afterwards");
  cmd->callback([run, args] { *run = [args] { return RunIngest(*args); }; });
}

}  // namespace dyad::cli
