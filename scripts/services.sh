#!/usr/bin/env bash
# Starts the real servers dyad's tests use, on loopback, from Debian's packages
# (scripts/setup.sh installs them): a throwaway PostgreSQL cluster and a Redis
# server, each in its own directory under ${DYAD_SERVICES_DIR:-/tmp/dyad-services}.
# Idempotent: a server already answering is left alone. Prints the environment
# the tests read, so callers do `eval "$(bash scripts/services.sh)"`:
#   DYAD_TEST_PG     postgresql://... of a database the tests may create databases on
#   DYAD_TEST_REDIS  redis://127.0.0.1:PORT
#   DYAD_SERVICES_STARTED  what this call started ("pg redis", "redis", ""): a caller
#                    stops only those with `bash scripts/services.sh stop $DYAD_SERVICES_STARTED`
# `bash scripts/services.sh stop` stops both; `stop pg` or `stop redis` one. Messages go
# to stderr.
set -euo pipefail
base=${DYAD_SERVICES_DIR:-/tmp/dyad-services}
pg_port=${DYAD_PG_PORT:-54329}
redis_port=${DYAD_REDIS_PORT:-63799}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_dir="$base/pg"
redis_dir="$base/redis"

# PostgreSQL refuses to run as root: the cluster belongs to `postgres` then.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = "stop" ]; then
  shift
  which="${*:-pg redis}"
  if [[ " $which " == *" pg "* ]]; then
    [ -n "$pg_bin" ] && [ -f "$pg_dir/data/postmaster.pid" ] &&
      as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >&2 || true
  fi
  if [[ " $which " == *" redis "* ]]; then
    command -v redis-cli >/dev/null &&
      redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  fi
  exit 0
fi
started=()

mkdir -p "$base"
chmod 755 "$base"

if [ -z "$pg_bin" ]; then
  echo "services: PostgreSQL is not installed (bash scripts/setup.sh)" >&2
  exit 1
fi
if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
  if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    rm -rf "$pg_dir"
    mkdir -p "$pg_dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
    # trust on loopback only: a test cluster that lives in /tmp and listens on 127.0.0.1.
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$base/pg-initdb.log" 2>&1 || {
      cat "$base/pg-initdb.log" >&2
      exit 1
    }
  fi
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=200" start >&2
  started+=(pg)
fi
echo "services: PostgreSQL on 127.0.0.1:$pg_port" >&2

if ! command -v redis-server >/dev/null; then
  echo "services: redis-server is not installed (bash scripts/setup.sh)" >&2
  exit 1
fi
if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  mkdir -p "$redis_dir"
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --dir "$redis_dir" \
    --logfile "$redis_dir/server.log" --pidfile "$redis_dir/redis.pid" --save '' --appendonly no
  started+=(redis)
  for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi
echo "services: Redis on 127.0.0.1:$redis_port" >&2

echo "export DYAD_TEST_PG=postgresql://postgres@127.0.0.1:$pg_port/postgres"
echo "export DYAD_TEST_REDIS=redis://127.0.0.1:$redis_port"
echo "export DYAD_SERVICES_STARTED='${started[*]}'"
