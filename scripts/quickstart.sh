#!/usr/bin/env bash
# Newcomer's first command: install, build, and run dyad's main job on the
# bundled example articles: code them into an embedded event store
# (./dyad-examples.db, made afresh) and print a readable summary of it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo
rm -f dyad-examples.db dyad-examples.db-wal dyad-examples.db-shm
./build/dyad ingest examples/ --db dyad-examples.db --summary
echo
echo "Try: ./build/dyad query --db dyad-examples.db --plover COERCE"
echo "     ./build/dyad export --db dyad-examples.db --format csv -o events.csv"
