#!/usr/bin/env bash
# ASan+UBSan build of the tests with clang (libFuzzer targets in the same build),
# runs the tests, then each fuzz target for a few seconds on its seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-5}
cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DDYAD_SANITIZE=ON -DDYAD_FUZZ=ON -DDYAD_BENCH=OFF >/dev/null
cmake --build build-san -j "$(nproc 2>/dev/null || echo 2)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-san --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" -LE slow
for f in build-san/*_fuzz; do
  [ -x "$f" ] || continue
  name=$(basename "$f" _fuzz)
  corpus=$(mktemp -d)
  [ -d "fuzz/corpus/$name" ] && cp -r "fuzz/corpus/$name/." "$corpus/"
  echo "fuzz: $name for ${secs}s"
  "$f" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 "$corpus" 2>&1 | tail -n 2
  rm -rf "$corpus"
done
