#!/usr/bin/env bash
# Load test of `dyad serve` on loopback (issue 7). Not a ctest test: figures,
# not pass/fail, though it fails if any request errs or gets a non-2xx answer.
#
#   bash bench/serve_load.sh                 # build/dyad, whole Reuters corpus
#   BUILD=build-serve DURATION=10s bash bench/serve_load.sh
#   DB=/tmp/reuters.db bash bench/serve_load.sh   # reuse (or keep) the store
#
# Ingests the Reuters-21578 JSON lines ($DYAD_SHARED_DIR/data/corpus, read in
# place) into a store unless $DB exists, starts `dyad serve` on a free
# loopback port (API only), runs `wrk --latency` (Debian) for $DURATION per
# endpoint with $CONNECTIONS connections on $WRK_THREADS threads, and prints
# requests/s, p50/p99 latency, server CPU per request and errors (non-2xx
# answers, socket errors, answers slower than wrk's --timeout 10s) per
# endpoint, then stops the server.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
WRK_THREADS=${WRK_THREADS:-2}
SERVE_THREADS=${SERVE_THREADS:-8}

command -v wrk >/dev/null || { echo "serve_load: wrk is missing (Debian package wrk)" >&2; exit 1; }
[ -x "$CLI" ] || { echo "serve_load: no dyad CLI at $CLI (set BUILD or DYAD_CLI)" >&2; exit 1; }
[ -f "$CORPUS" ] || { echo "serve_load: no corpus at $CORPUS" >&2; exit 1; }

WORK=$(mktemp -d)
DB=${DB:-$WORK/reuters.db}
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -f "$DB" ]; then
  echo "serve_load: ingesting $CORPUS into $DB"
  start=$SECONDS
  "$CLI" ingest "$CORPUS" --db "$DB" --progress none -q
  echo "serve_load: ingest took $((SECONDS - start)) s"
fi
"$CLI" query --db "$DB" --summary | head -1

"$CLI" serve --db "$DB" --listen 127.0.0.1:0 --no-web --threads "$SERVE_THREADS" \
  >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.out" || true)
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "serve_load: dyad serve did not start" >&2; exit 1; }
echo "serve_load: $URL, $SERVE_THREADS server threads; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION"

# Counts answers outside 2xx (wrk's own line counts only >= 400 and 3xx
# separately) and prints the percentiles in a form easy to read back.
cat >"$WORK/report.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format("REPORT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, e.connect + e.read + e.write + e.timeout))
end
LUA

# A cursor in the middle of the store, to show later pages cost the same.
MID=$(curl -fsS "$URL/api/health" | sed -n 's/.*"events":\([0-9]*\).*/\1/p')
MID=$((MID / 2))
failures=0
# Server CPU time per request (utime + stime of the server process), which the
# other work on a shared machine does not inflate the way it does wall time.
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
printf '\n| request | requests/s | p50 ms | p99 ms | max ms | server CPU ms/request | errors |\n|---|---:|---:|---:|---:|---:|---:|\n' >"$WORK/table.md"
for target in \
  "/api/events?limit=50" \
  "/api/events?limit=50&after=$MID" \
  "/api/events?limit=50&plover=COERCE" \
  "/api/events?limit=50&actor=USA&from=1987-03-01&to=1987-03-31" \
  "/api/facets?field=day&split=plover" \
  "/api/health"; do
  curl -fsS -o /dev/null "$URL$target" || { echo "serve_load: $target fails" >&2; failures=1; continue; }
  cpu0=$(cpu_ticks)
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$WORK/report.lua" "$URL$target" \
    >"$WORK/wrk.out" 2>&1 || true
  cpu1=$(cpu_ticks)
  line=$(grep '^REPORT' "$WORK/wrk.out" || true)
  if [ -z "$line" ]; then
    cat "$WORK/wrk.out" >&2
    failures=1
    continue
  fi
  get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  errors=$(($(get non2xx) + $(get socket_errors)))
  [ "$errors" -eq 0 ] || failures=1
  cpu_ms=$(awk -v t=$((cpu1 - cpu0)) -v hz="$TICK" -v n="$(get requests)" \
    'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }')
  printf '| `%s` | %s | %s | %s | %s | %s | %s |\n' "$target" "$(get rps)" "$(get p50_ms)" \
    "$(get p99_ms)" "$(get max_ms)" "$cpu_ms" "$errors" >>"$WORK/table.md"
done
cat "$WORK/table.md"
echo
if [ "$failures" -ne 0 ]; then
  echo "serve_load: errors (see above)" >&2
  exit 1
fi
echo "serve_load: no errors"
