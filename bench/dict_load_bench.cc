// Copyright dyad authors. Loading dyad's full default dictionaries (data/dict):
// wall and CPU seconds and the resident memory the loaded Dictionaries add.
//
//   dict_load_bench [DICT_DIR ...] [--benchmark_* flags]
//
// For each folder (default: dyad's data/dict) one forked child loads it once
// and reports wall seconds, CPU seconds (user + system) and the growth of the
// peak RSS over the load (VmHWM before and after), so that one folder's
// numbers are not mixed with another's. Then Google Benchmark times repeated
// loads of the first folder in this process (wall and CPU per load).
// Issue 19 asks: under 0.5 s and under 100 MB added.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "dyad/dict.h"

namespace {

std::vector<std::string> g_dirs;

long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + 1e-6 * (u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// One load in a fresh child: "dir: wall W s, cpu C s, +M MB peak RSS, N phrases".
void LoadOnceInChild(const std::string& dir) {
  pid_t pid = fork();
  if (pid == 0) {
    long rss0 = PeakRssKb();
    double cpu0 = CpuSeconds();
    auto t0 = std::chrono::steady_clock::now();
    auto d = dyad::LoadDictionaryDir(dir, dyad::DictOptions{});
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double cpu = CpuSeconds() - cpu0;
    long rss1 = PeakRssKb();
    if (!d.ok()) {
      std::fprintf(stderr, "%s: %s\n", dir.c_str(), d.status().ToString().c_str());
      _exit(1);
    }
    std::printf("%s: wall %.3f s, cpu %.3f s, +%.1f MB peak RSS, %u actor phrases, %u warnings\n",
                dir.c_str(), wall, cpu, (rss1 - rss0) / 1024.0, (*d)->Stats().actor_phrases,
                (*d)->Stats().warnings);
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
}

void BM_LoadDictionaryDir(benchmark::State& state) {
  for (auto _ : state) {
    auto d = dyad::LoadDictionaryDir(g_dirs[0], dyad::DictOptions{});
    if (!d.ok()) {
      state.SkipWithError(d.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_LoadDictionaryDir)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  for (int i = 1; i < argc; ++i) g_dirs.emplace_back(argv[i]);
  if (g_dirs.empty()) g_dirs.emplace_back(std::string(DYAD_SOURCE_DIR) + "/data/dict");
  for (const std::string& d : g_dirs) LoadOnceInChild(d);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
