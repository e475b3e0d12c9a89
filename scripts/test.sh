#!/usr/bin/env bash
# Runs every test: unit, golden and the ecosystem validation suites.
# The conformance tests read ../shared (the shared test data, beside the
# checkout; another place with DYAD_SHARED_DIR=...): without it this stops with
# an error instead of skipping them. PostgreSQL and Redis servers it starts are
# stopped at the end, unless DYAD_KEEP_SERVICES=1.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DYAD_SHARED_DIR:-$(pwd)/../shared}"
if [ ! -d "$shared/data" ]; then
  echo "test: no shared test data at $shared/data: the conformance tests need ../shared" >&2
  echo "test: beside this checkout (or DYAD_SHARED_DIR=/path/to/shared)" >&2
  exit 1
fi
bash scripts/setup.sh
bash scripts/build.sh -DDYAD_SHARED_DIR="$shared"
# Real PostgreSQL and Redis servers on loopback for the store, queue and worker
# tests; with DYAD_REQUIRE_SERVICES those tests fail (not skip) without them.
eval "$(bash scripts/services.sh)"
if [ "${DYAD_KEEP_SERVICES:-0}" != 1 ] && [ -n "${DYAD_SERVICES_STARTED:-}" ]; then
  # shellcheck disable=SC2064  # expand now: stop what this run started
  trap "bash scripts/services.sh stop $DYAD_SERVICES_STARTED" EXIT
fi
export DYAD_REQUIRE_SERVICES=1
ctest --test-dir build --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
