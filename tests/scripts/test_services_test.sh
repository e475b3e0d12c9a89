#!/usr/bin/env bash
# scripts/test.sh with stand-ins for setup, build, services and ctest: it stops
# the servers it started (not those already running, not with
# DYAD_KEEP_SERVICES=1), and stops loudly without the shared test data.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir -p "$tmp/shared/data" "$tmp/repo/scripts" "$tmp/bin"
cp "$src/scripts/test.sh" "$tmp/repo/scripts/"
echo 'exit 0' >"$tmp/repo/scripts/setup.sh"
echo 'exit 0' >"$tmp/repo/scripts/build.sh"
cat >"$tmp/repo/scripts/services.sh" <<'X'
if [ "${1:-}" = stop ]; then echo "stop ${*:2}" >>"$FAKE_LOG"; exit 0; fi
echo "export DYAD_TEST_PG=postgresql://x"
echo "export DYAD_SERVICES_STARTED='$FAKE_STARTED'"
X
printf '#!/bin/sh\necho ctest >>"$FAKE_LOG"\nexit "${FAKE_CTEST_RC:-0}"\n' >"$tmp/bin/ctest"
chmod +x "$tmp/bin/ctest"
export FAKE_LOG="$tmp/log" PATH="$tmp/bin:$PATH"
run() { : >"$FAKE_LOG"; bash "$tmp/repo/scripts/test.sh" >"$tmp/out" 2>&1; }

FAKE_STARTED="pg redis" run || fail "test.sh failed: $(cat "$tmp/out")"
grep -qx 'stop pg redis' "$FAKE_LOG" || fail "did not stop the servers it started: $(cat "$FAKE_LOG")"
FAKE_STARTED="pg redis" FAKE_CTEST_RC=8 run && fail "a failing ctest did not fail test.sh"
grep -qx 'stop pg redis' "$FAKE_LOG" || fail "did not stop the servers after failing tests"
FAKE_STARTED="redis" run
grep -qx 'stop redis' "$FAKE_LOG" || fail "stopped more or less than it started: $(cat "$FAKE_LOG")"
FAKE_STARTED="" run
grep -q stop "$FAKE_LOG" && fail "stopped servers that were already running"
FAKE_STARTED="pg redis" DYAD_KEEP_SERVICES=1 run
grep -q stop "$FAKE_LOG" && fail "stopped the servers despite DYAD_KEEP_SERVICES=1"

rm -rf "$tmp/shared"
FAKE_STARTED="" run && fail "test.sh passed without ../shared"
grep -q '../shared' "$tmp/out" || fail "no message naming ../shared: $(cat "$tmp/out")"
grep -q ctest "$FAKE_LOG" && fail "ran the tests without ../shared"
echo PASS
