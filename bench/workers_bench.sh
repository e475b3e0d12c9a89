#!/usr/bin/env bash
# Scale-out benchmark (issue 8): the same articles coded by 1, 2 and 4
# `dyad worker` processes from a Redis stream into a fresh PostgreSQL database
# each, against one `dyad ingest` process. Not a ctest test: figures.
#
#   bash bench/workers_bench.sh                       # build/dyad, 5,000 articles
#   BUILD=build-queue ARTICLES=19043 bash bench/workers_bench.sh
#   WORKERS="1 2 3 4" THREADS=1 BATCH=64 bash bench/workers_bench.sh
#   STORE=sqlite bash bench/workers_bench.sh          # a shared SQLite file instead
#
# The first $ARTICLES Reuters-21578 articles ($DYAD_SHARED_DIR/data/corpus,
# read in place) are enqueued once per run; the clock starts when the workers
# are started (pipeline loading included) and stops when the group has
# nothing left to deliver and nothing pending. Workers run with -j $THREADS
# and --stories-every 0 (the story stage is timed apart, once, at the end).
# Prints seconds, articles/s, speedup over one worker, and the CPU seconds of
# the workers and of the PostgreSQL server during the run.
# Needs the servers of scripts/services.sh (started if DYAD_TEST_* are unset).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
ARTICLES=${ARTICLES:-5000}
WORKERS=${WORKERS:-1 2 4}
THREADS=${THREADS:-1}
BATCH=${BATCH:-64}
STORE=${STORE:-postgresql}

[ -x "$CLI" ] || { echo "workers_bench: no dyad CLI at $CLI (set BUILD or DYAD_CLI)" >&2; exit 1; }
[ -f "$CORPUS" ] || { echo "workers_bench: no corpus at $CORPUS" >&2; exit 1; }
if [ -z "${DYAD_TEST_REDIS:-}" ] || [ -z "${DYAD_TEST_PG:-}" ]; then
  eval "$(bash "$ROOT/scripts/services.sh")"
fi
REDIS=$DYAD_TEST_REDIS
PG_ADMIN=$DYAD_TEST_PG
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PSQL=$PG_BIN/psql
command -v psql >/dev/null && PSQL=psql
REDIS_PORT=${REDIS##*:}

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [ -f "$WORK/databases" ]; then
    while read -r d; do
      "$PSQL" -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
    done <"$WORK/databases"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

head -n "$ARTICLES" "$CORPUS" >"$WORK/input.jsonl"
ARTICLES=$(wc -l <"$WORK/input.jsonl")

# A fresh store URI named $1.
fresh_store() {
  if [ "$STORE" = sqlite ]; then
    echo "$WORK/$1.db"
    return
  fi
  local db="dyad_bench_$1_$$"
  "$PSQL" -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  "$PSQL" -q "$PG_ADMIN" -c "CREATE DATABASE $db" >/dev/null
  echo "$db" >>"$WORK/databases"  # dropped on exit
  echo "${PG_ADMIN%/*}/$db"
}

# CPU seconds (user + system) used so far by the PostgreSQL server processes.
pg_cpu() {
  local ticks=0 pid
  for pid in $(pgrep -x postgres || true); do
    [ -r "/proc/$pid/stat" ] || continue
    ticks=$((ticks + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$ticks"
}
clk=$(getconf CLK_TCK)

group_state() {  # "<lag> <pending>" of group dyad on stream $1
  redis-cli -p "$REDIS_PORT" --raw XINFO GROUPS "$1" 2>/dev/null |
    awk 'prev == "pending" {p = $0} prev == "lag" {l = $0} {prev = $0} END {print l, p}'
}

echo "workers_bench: $ARTICLES articles, $(nproc) cores, store $STORE, -j $THREADS, batch $BATCH"
echo "workers_bench: load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Reference: one `dyad ingest` process with -j $THREADS.
db=$(fresh_store ingest)
start=$(date +%s.%N)
"$CLI" ingest "$WORK/input.jsonl" --db "$db" -j "$THREADS" --batch "$BATCH" --no-stories \
  --progress none -q >"$WORK/ingest.out"
ingest_s=$(echo "$(date +%s.%N) - $start" | bc)
printf 'workers_bench: dyad ingest -j %s: %.1f s, %.0f articles/s\n' "$THREADS" "$ingest_s" \
  "$(echo "$ARTICLES / $ingest_s" | bc -l)"

printf '\n| workers | seconds | articles/s | speedup | worker CPU s | PostgreSQL CPU s | articles stored |\n'
printf '|--------:|--------:|-----------:|--------:|-------------:|-----------------:|----------------:|\n'
base=
last_db=
for n in $WORKERS; do
  stream="dyad-bench:$$:$n"
  db=$(fresh_store "w$n")
  last_db=$db
  "$CLI" enqueue "$WORK/input.jsonl" --redis "$REDIS" --stream "$stream" -q >/dev/null
  pg0=$(pg_cpu)
  start=$(date +%s.%N)
  PIDS=()
  for i in $(seq 1 "$n"); do
    /usr/bin/env time -f '%U %S' -o "$WORK/w$n.$i.time" \
      "$CLI" worker --redis "$REDIS" --stream "$stream" --db "$db" --name "bench-$n-$i" \
      -j "$THREADS" --batch "$BATCH" --claim-after 30 --stories-every 0 --exit-when-idle 1 -q \
      >"$WORK/w$n.$i.out" 2>"$WORK/w$n.$i.err" &
    PIDS+=($!)
  done
  # Drained: nothing left to deliver, nothing pending.
  while :; do
    read -r lag pending <<<"$(group_state "$stream")"
    [ "$lag" = 0 ] && [ "$pending" = 0 ] && break
    alive=0
    for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    if [ "$alive" = 0 ]; then
      echo "workers_bench: the workers stopped before the stream was drained:" >&2
      cat "$WORK"/w$n.*.err >&2
      exit 1
    fi
    sleep 0.05
  done
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  pg1=$(pg_cpu)
  for p in "${PIDS[@]}"; do wait "$p"; done
  PIDS=()
  cpu=$(cat "$WORK"/w$n.*.time | awk '{s += $1 + $2} END {printf "%.1f", s}')
  stored=$(grep -ho '([0-9]* new articles' "$WORK"/w$n.*.out | awk '{s += substr($1, 2)} END {print s}')
  rate=$(echo "$ARTICLES / $secs" | bc -l)
  [ -z "$base" ] && base=$rate
  printf '| %7s | %7.1f | %10.0f | %7.2f | %12s | %16.1f | %15s |\n' "$n" "$secs" "$rate" \
    "$(echo "$rate / $base" | bc -l)" "$cpu" "$(echo "($pg1 - $pg0) / $clk" | bc -l)" "$stored"
  redis-cli -p "$REDIS_PORT" DEL "$stream" "$stream:dead" "$stream:workers" >/dev/null
done

# The story stage, once, over the last store: what the worker holding the
# lock runs (an ingest of one stored article rebuilds the whole store's).
start=$(date +%s.%N)
head -n 1 "$WORK/input.jsonl" >"$WORK/one.jsonl"
"$CLI" ingest "$WORK/one.jsonl" --db "$last_db" --progress none -q >"$WORK/stories.out"
printf '\nworkers_bench: story stage over the %s stored articles: %.1f s (%s)\n' \
  "$stored" "$(echo "$(date +%s.%N) - $start" | bc)" "$(grep -o 'stories: .*' "$WORK/stories.out")"
echo "workers_bench: load average after $(cut -d' ' -f1-3 /proc/loadavg)"
