#!/usr/bin/env bash
# Runs every test: unit, golden and the ecosystem validation suites.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
# Real PostgreSQL and Redis servers on loopback for the store, queue and worker
# tests; with DYAD_REQUIRE_SERVICES those tests fail (not skip) without them.
eval "$(bash scripts/services.sh)"
export DYAD_REQUIRE_SERVICES=1
ctest --test-dir build --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
