#!/usr/bin/env bash
# PostgreSQL outage under a worker fleet (issue 22): two `dyad worker`
# processes code Reuters articles from a Redis stream into a PostgreSQL
# cluster of their own, which is stopped (pg_ctl stop -m fast) for $OUTAGE
# seconds mid-run and started again. With --claim-after shorter than the
# outage and --max-deliveries 1, any batch a worker holds that ages out is
# claimed by the other and dead-lettered. Not a ctest test: figures.
#
#   bash bench/worker_outage.sh                 # 18 s outage, --claim-after 6
#   OUTAGE=30 CLAIM_AFTER=6 ARTICLES=8000 bash bench/worker_outage.sh
#
# Prints: dead letters, messages claimed, articles stored against the
# distinct bodies enqueued, the workers' exit codes and summaries, and a
# `dyad worker --status` taken in the middle of the outage.
# Needs the Redis of scripts/services.sh (started if DYAD_TEST_REDIS is unset)
# and PostgreSQL's binaries; the cluster lives in a temporary directory.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
ARTICLES=${ARTICLES:-8000}
OUTAGE=${OUTAGE:-18}
CLAIM_AFTER=${CLAIM_AFTER:-6}
MAX_DELIVERIES=${MAX_DELIVERIES:-1}
BATCH=${BATCH:-64}

[ -x "$CLI" ] || { echo "worker_outage: no dyad CLI at $CLI (set BUILD or DYAD_CLI)" >&2; exit 1; }
[ -f "$CORPUS" ] || { echo "worker_outage: no corpus at $CORPUS" >&2; exit 1; }
if [ -z "${DYAD_TEST_REDIS:-}" ]; then eval "$(bash "$ROOT/scripts/services.sh")"; fi
REDIS=$DYAD_TEST_REDIS
REDIS_PORT=${REDIS##*:}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
STREAM="dyad-outage:$$"

WORK=$(mktemp -d)
chmod 755 "$WORK"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" del "$STREAM" "$STREAM:dead" "$STREAM:workers" "$STREAM:lost" \
    >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir "$WORK/pg" "$WORK/pglog"
[ "$(id -u)" -eq 0 ] && chown postgres: "$WORK/pg" "$WORK/pglog"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$WORK/initdb.log" 2>&1
pg_start() {
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pglog/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PG_PORT -k $WORK/pg -c fsync=off" start >/dev/null
}
pg_start
DB="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"

head -n "$ARTICLES" "$CORPUS" >"$WORK/input.jsonl"
# The reference: what one `dyad ingest` stores from the same input.
"$CLI" ingest "$WORK/input.jsonl" --db "$WORK/ref.db" --no-stories --progress none -q >/dev/null
DISTINCT=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM articles").fetchone()[0])' "$WORK/ref.db")
"$CLI" enqueue "$WORK/input.jsonl" --redis "$REDIS" --stream "$STREAM" -q >/dev/null

for w in w1 w2; do
  "$CLI" worker --redis "$REDIS" --stream "$STREAM" --db "$DB" --name "$w" -j 1 \
    --batch "$BATCH" --claim-after "$CLAIM_AFTER" --max-deliveries "$MAX_DELIVERIES" \
    --stories-every 0 --exit-when-idle 3 >"$WORK/$w.out" 2>"$WORK/$w.err" &
  PIDS+=($!)
done

# Stop PostgreSQL once the workers are well into the stream.
stored() { redis-cli -p "$REDIS_PORT" hvals "$STREAM:workers" | python3 -c '
import json, sys
print(sum(json.loads(l).get("articles", 0) for l in sys.stdin if l.strip()))'; }
for _ in $(seq 600); do
  [ "$(stored)" -ge $((ARTICLES / 8)) ] && break
  sleep 0.1
done
echo "stopping PostgreSQL after $(stored) articles stored, for $OUTAGE s"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null
sleep $((OUTAGE / 2))
echo "--- dyad worker --status, $((OUTAGE / 2)) s into the outage"
"$CLI" worker --status --redis "$REDIS" --stream "$STREAM"
sleep $((OUTAGE - OUTAGE / 2))
pg_start
echo "PostgreSQL started again"

rcs=""
for p in "${PIDS[@]}"; do
  rc=0
  wait "$p" || rc=$?
  rcs="$rcs $rc"
done
PIDS=()
echo "--- workers"
cat "$WORK/w1.out" "$WORK/w2.out"
echo "exit codes:$rcs"
echo "--- after the run"
"$CLI" worker --status --redis "$REDIS" --stream "$STREAM" --dead 3
STORED=$(as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -At -c 'SELECT count(*) FROM articles' postgres)
DEAD=$(redis-cli -p "$REDIS_PORT" xlen "$STREAM:dead")
CLAIMS=$(cat "$WORK"/w*.err | { grep -o 'claimed [0-9]* messages' || true; } | awk '{s += $2} END {print s + 0}')
echo "outage ${OUTAGE} s, --claim-after $CLAIM_AFTER, --max-deliveries $MAX_DELIVERIES: " \
  "$DEAD dead letters, $CLAIMS messages claimed, $STORED of $DISTINCT distinct articles stored"
