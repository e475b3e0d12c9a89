#!/usr/bin/env bash
# Newcomer's first command: install, build, and run dyad's main job on the
# bundled example articles: code them into an embedded event store
# (./dyad-examples.db, made afresh) and print a readable summary of it.
# Only the CLI is built here (a few minutes on 2 cores); the tests, benchmarks
# and the web page are built by scripts/build.sh or scripts/test.sh when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
echo "quickstart: configuring (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
echo "quickstart: building the dyad CLI"
cmake --build build --target dyad_cli -j "$jobs"
echo
rm -f dyad-examples.db dyad-examples.db-wal dyad-examples.db-shm
./build/dyad ingest examples/ --db dyad-examples.db --summary
echo
echo "Try: ./build/dyad query --db dyad-examples.db --plover COERCE"
echo "     ./build/dyad export --db dyad-examples.db --format csv -o events.csv"
echo "     bash scripts/build.sh   # the rest: tests, benchmarks, the web page of dyad serve"
