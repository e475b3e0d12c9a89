// Copyright dyad authors. Whole-corpus throughput of dyad's stages on the
// Reuters-21578 JSON lines (read in place from the shared data directory).
//
//   corpus_bench [--corpus FILE] [--phoenix DIR] [--threads N] [--limit N]
//                [--modes read,text,code-phoenix,code-default]
//
// Modes (each runs in a forked child so its peak RSS is its own):
//   read          ingest only: JSONL -> Articles (JSON parse, clean-up, SHA-256).
//   text          ingest + SplitText (sentences, tokens): the ">= 50 MB/s" figure.
//   lexicon       ingest + SplitText + Lexicon::Lemma of every word (as verb and noun).
//   code-phoenix  Pipeline::Process (the `dyad code` path) with the full Phoenix
//                 dictionaries, on 1 thread and on --threads threads.
//   code-default  the same with dyad's own dictionaries (data/dict).
// For code-*, articles are read into memory first; the timing covers Process
// only (ingest is the `read` mode). Load time of the pipeline is printed apart.
//
// Defaults: the corpus and Phoenix folder under $DYAD_SHARED_DIR (else the
// folder compiled in); --threads = hardware threads.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/lexicon.h"
#include "dyad/pipeline.h"
#include "dyad/text.h"

#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string corpus;
  std::string phoenix;
  unsigned threads = 0;
  std::size_t limit = 0;  // articles; 0 = all
  bool parser = false;    // --parser: parse every sentence (PipelineOptions::use_parser)
  std::vector<std::string> modes = {"read", "text", "lexicon", "code-phoenix", "code-default"};
};

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Peak resident set of this process in MiB (Linux reports ru_maxrss in KiB).
double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// CPU seconds (user + system) of all threads of this process so far.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

// Reads the corpus, calling fn(article) for each; returns bytes of input read or -1.
template <typename Fn>
long long ForEachArticle(const Args& a, Fn fn) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(a.corpus, ec);
  if (ec) {
    std::fprintf(stderr, "corpus_bench: %s: %s\n", a.corpus.c_str(), ec.message().c_str());
    return -1;
  }
  dyad::ReadOptions ro;
  ro.format = dyad::Format::kJsonl;
  std::size_t warnings = 0;
  auto reader = dyad::OpenArticleReader(a.corpus, ro, [&](const dyad::Diagnostic&) { ++warnings; });
  if (!reader.ok()) {
    std::fprintf(stderr, "corpus_bench: %s\n", reader.status().ToString().c_str());
    return -1;
  }
  dyad::Article art;
  std::size_t n = 0;
  while (a.limit == 0 || n < a.limit) {
    auto more = (*reader)->Next(&art);
    if (!more.ok()) {
      std::fprintf(stderr, "corpus_bench: %s\n", more.status().ToString().c_str());
      return -1;
    }
    if (!*more) break;
    ++n;
    fn(art);
  }
  return static_cast<long long>(size);
}

int RunIngestMode(const Args& a, const std::string& mode) {
  std::unique_ptr<dyad::Lexicon> lex;
  if (mode == "lexicon") {
    auto l = dyad::Lexicon::Load(dyad::Lexicon::DefaultDirectory());
    if (!l.ok()) {
      std::fprintf(stderr, "corpus_bench: %s\n", l.status().ToString().c_str());
      return 1;
    }
    lex = std::move(l).value();
  }
  const bool split = mode != "read";
  dyad::Document doc;
  const dyad::TextOptions topts;
  std::string scratch;
  std::size_t articles = 0, body_bytes = 0, sentences = 0, tokens = 0, words = 0, lemma_bytes = 0;
  bool failed = false;
  const double c0 = CpuSeconds();
  const auto t0 = Clock::now();
  const long long bytes = ForEachArticle(a, [&](const dyad::Article& art) {
    ++articles;
    body_bytes += art.body.size();
    if (!split) return;
    if (!dyad::SplitText(art.body, topts, &doc).ok()) {
      failed = true;
      return;
    }
    sentences += doc.sentences.size();
    tokens += doc.tokens.size();
    if (!lex) return;
    for (const dyad::Token& t : doc.tokens) {
      if (t.kind != dyad::TokenKind::kWord) continue;
      ++words;
      lemma_bytes += lex->Lemma(doc.TokenText(t), dyad::WordClass::kVerb, &scratch).size();
      lemma_bytes += lex->Lemma(doc.TokenText(t), dyad::WordClass::kNoun, &scratch).size();
    }
  });
  const double s = Seconds(t0, Clock::now());
  const double cpu = CpuSeconds() - c0;
  if (bytes < 0 || failed) return 1;
  const double file_mb = a.limit ? body_bytes / 1e6 : bytes / 1e6;
  std::printf("%-13s %6zu articles %7zu sentences %8zu tokens  %5.2f s (cpu %5.2f s)  %6.1f MB/s",
              mode.c_str(), articles, sentences, tokens, s, cpu, file_mb / s);
  if (split) std::printf("  %7.0f sent/s  %5.2f M tok/s", sentences / s, tokens / s / 1e6);
  if (lex) std::printf("  %5.2f M lemma-words/s", words / s / 1e6);
  std::printf("  [per cpu-s: %.1f MB", file_mb / cpu);
  if (split) std::printf(", %.0f sent", sentences / cpu);
  std::printf("]");
  std::printf("  peak RSS %.0f MiB\n", PeakRssMiB());
  benchmark::DoNotOptimize(lemma_bytes);
  return 0;
}

struct CodeCounts {
  std::size_t sentences = 0, events = 0;
  // Order-independent digest of the events (sentence, codes, rule) to check
  // that a faster build codes the same: compare it between runs.
  std::uint64_t digest = 0;
};

std::uint64_t Fnv(std::string_view s, std::uint64_t h) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  return h;
}

std::uint64_t EventDigest(const dyad::Article& art, const dyad::Event& e) {
  std::uint64_t h = Fnv(art.id, 0xCBF29CE484222325ull);
  h = Fnv(std::to_string(e.sentence), h);
  h = Fnv(e.cameo, h);
  h = Fnv(e.source ? e.source->code : "-", h);
  h = Fnv(e.target ? e.target->code : "-", h);
  h = Fnv(e.rule, h);
  h = Fnv(std::to_string(e.verb_span.begin), h);
  return h;
}

// Codes every article on `threads` threads; returns the counts.
CodeCounts CodeAll(const dyad::Pipeline& p, const std::vector<dyad::Article>& arts,
                   unsigned threads, std::size_t* errors) {
  std::atomic<std::size_t> next{0};
  std::vector<CodeCounts> per(threads);
  std::vector<std::size_t> errs(threads, 0);
  auto work = [&](unsigned k) {
    dyad::CodedArticle out;
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < arts.size();) {
      if (!p.Process(arts[i], &out).ok()) {
        ++errs[k];
        continue;
      }
      per[k].sentences += out.sentence_count;
      per[k].events += out.events.size();
      for (const dyad::Event& e : out.events) per[k].digest += EventDigest(arts[i], e);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
  CodeCounts total;
  for (unsigned k = 0; k < threads; ++k) {
    total.sentences += per[k].sentences;
    total.events += per[k].events;
    total.digest += per[k].digest;
    *errors += errs[k];
  }
  return total;
}

int RunCodeMode(const Args& a, const std::string& mode) {
  dyad::PipelineOptions po;
  if (mode == "code-phoenix") po.dictionaries = {a.phoenix};
  po.use_parser = a.parser;
  std::size_t warnings = 0;
  const auto l0 = Clock::now();
  auto p = dyad::Pipeline::Create(po, [&](const dyad::Diagnostic&) { ++warnings; });
  if (!p.ok()) {
    std::fprintf(stderr, "corpus_bench: %s\n", p.status().ToString().c_str());
    return 1;
  }
  const double load_s = Seconds(l0, Clock::now());
  const double rss_loaded = PeakRssMiB();
  std::vector<dyad::Article> arts;
  std::size_t body_bytes = 0;
  if (ForEachArticle(a, [&](const dyad::Article& art) {
        arts.push_back(art);
        body_bytes += art.body.size();
      }) < 0) {
    return 1;
  }
  std::printf(
      "%-13s load %.2f s (%zu dictionary warnings), RSS after load %.0f MiB, %zu articles "
      "(%.1f MB of body) in memory\n",
      mode.c_str(), load_s, warnings, rss_loaded, arts.size(), body_bytes / 1e6);
  std::vector<unsigned> runs = {1};
  if (a.threads > 1) runs.push_back(a.threads);
  for (unsigned th : runs) {
    std::size_t errors = 0;
    const double c0 = CpuSeconds();
    const auto t0 = Clock::now();
    const CodeCounts c = CodeAll(**p, arts, th, &errors);
    const double s = Seconds(t0, Clock::now());
    const double cpu = CpuSeconds() - c0;
    std::printf(
        "%-13s %u thread%s %7zu sentences %6zu events  %6.2f s (cpu %6.2f s)  %6.0f sent/s  "
        "%5.0f events/s  %5.2f MB/s  [per cpu-s: %.0f sent]  %zu errors  peak RSS %.0f MiB  "
        "digest %016llx\n",
        mode.c_str(), th, th == 1 ? " " : "s", c.sentences, c.events, s, cpu, c.sentences / s,
        c.events / s, body_bytes / 1e6 / s, c.sentences / cpu, errors, PeakRssMiB(),
        static_cast<unsigned long long>(c.digest));
    std::fflush(stdout);
  }
  return 0;
}

int RunMode(const Args& a, const std::string& mode) {
  if (mode == "read" || mode == "text" || mode == "lexicon") return RunIngestMode(a, mode);
  if (mode == "code-phoenix" || mode == "code-default") return RunCodeMode(a, mode);
  std::fprintf(stderr, "corpus_bench: unknown mode '%s'\n", mode.c_str());
  return 2;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto c = s.find(',');
    out.emplace_back(s.substr(0, c));
    if (c == std::string_view::npos) break;
    s.remove_prefix(c + 1);
  }
  return out;
}

int Usage() {
  std::fprintf(stderr,
               "usage: corpus_bench [--corpus FILE] [--phoenix DIR] [--threads N] [--limit N]\n"
               "                    [--modes read,text,lexicon,code-phoenix,code-default]\n"
               "                    [--in-process] [--parser]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  const char* env = std::getenv("DYAD_SHARED_DIR");
  const std::string shared = env && *env ? env : DYAD_SHARED_DIR;
  a.corpus = shared + "/data/corpus/reuters21578.jsonl";
  a.phoenix = shared + "/data/phoenix";
  a.threads = std::max(1u, std::thread::hardware_concurrency());
  bool fork_modes = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (arg == "--in-process") {
      fork_modes = false;
    } else if (arg == "--parser") {
      a.parser = true;
    } else if (arg == "--corpus" && (v = value())) {
      a.corpus = v;
    } else if (arg == "--phoenix" && (v = value())) {
      a.phoenix = v;
    } else if (arg == "--threads" && (v = value())) {
      a.threads = static_cast<unsigned>(std::max(1, std::atoi(v)));
    } else if (arg == "--limit" && (v = value())) {
      a.limit = static_cast<std::size_t>(std::strtoull(v, nullptr, 10));
    } else if (arg == "--modes" && (v = value())) {
      a.modes = SplitList(v);
    } else if (arg == "-h" || arg == "--help") {
      return Usage();
    } else {
      return Usage();
    }
  }
  std::printf("corpus %s, %u threads for the N-thread runs%s\n", a.corpus.c_str(), a.threads,
              a.limit ? (", first " + std::to_string(a.limit) + " articles").c_str() : "");
  std::fflush(stdout);
  int rc = 0;
  for (const std::string& mode : a.modes) {
    if (!fork_modes) {
      rc |= RunMode(a, mode);
      continue;
    }
    // One child per mode so each peak RSS is the mode's own.
    const pid_t pid = fork();
    if (pid < 0) {
      std::perror("corpus_bench: fork");
      return 1;
    }
    if (pid == 0) {
      const int r = RunMode(a, mode);
      std::fflush(stdout);
      _exit(r);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "corpus_bench: mode %s failed\n", mode.c_str());
      rc = 1;
    }
  }
  return rc;
}
