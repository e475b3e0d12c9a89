#!/usr/bin/env bash
# Installs everything dyad needs on Debian 12, by package name. Needs root (or
# sudo) when a Debian package is missing. Idempotent: safe to re-run; installs
# only what is missing, one progress line per step, one line when nothing is.
# Nothing is downloaded from anywhere but Debian's archive and the npm registry.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  clang clang-format libclang-rt-dev lld  # sanitizer and libFuzzer runtimes, fast linker (scripts/sanitize.sh)
  libicu-dev zlib1g-dev libgumbo-dev libsimdjson-dev nlohmann-json3-dev libcli11-dev
  libfmt-dev libssl-dev libsqlite3-dev sqlite3 libzstd-dev
  libgtest-dev libgmock-dev libbenchmark-dev wordnet-base
  iso-codes time  # time: /usr/bin/time -v for throughput and peak-RSS figures
  libpq-dev postgresql libhiredis-dev redis-server  # store and queue backends (scripts/services.sh)
  libcpp-httplib-dev  # dyad serve
  chromium wrk  # browser test of the web page, load test of the API
  libfasttext-dev fasttext  # word vectors for the name finder's clusters (dyad train clusters)
)
# Node.js with npm, for the data generators: any node >= 18 on the PATH will do
# (some machines carry a newer one with its own npm, which Debian's npm package
# would conflict with); otherwise Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  APT_PACKAGES+=(nodejs npm)
fi

# Runs as root, or through sudo (apt-get installs system packages).
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

# One line per step, with what it installs; a step's full output is shown only
# when it fails.
step=0
run_step() {  # run_step "what" command...
  local what="$1" log
  shift
  step=$((step + 1))
  echo "setup: [$step] $what ($SECONDS s so far)"
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "setup: [$step] failed: $what" >&2
    exit 1
  fi
  rm -f "$log"
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null 2>&1; then
    echo "setup: ${#missing[@]} Debian packages are missing and installing them needs root:" >&2
    echo "setup: run this as root, or install sudo (missing: ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing ${#missing[@]} Debian packages (a few minutes on a fresh machine)"
  run_step "apt-get update (package lists)" $SUDO apt-get update -q
  # In groups of 6, so each line says what is being installed.
  for ((i = 0; i < ${#missing[@]}; i += 6)); do
    group=("${missing[@]:i:6}")
    run_step "installing ${group[*]} ($((i + ${#group[@]}))/${#missing[@]})" \
      env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
      "${group[@]}"
  done
else
  echo "setup: all Debian packages present"
fi

# Node packages for the data generators (scripts/gen_countries.mjs), from the
# npm registry, pinned by package-lock.json. Skipped when node_modules already
# matches the lock file.
if [ -f "$ROOT_DIR/package-lock.json" ]; then
  stamp="$ROOT_DIR/node_modules/.dyad-setup-lock"
  want=$(sha256sum "$ROOT_DIR/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "setup: npm packages present"
  else
    n=$(grep -c '"resolved"' "$ROOT_DIR/package-lock.json" || true)
    run_step "npm ci: $n npm packages pinned by package-lock.json" \
      bash -c 'cd "$1" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error' _ "$ROOT_DIR"
    mkdir -p "$ROOT_DIR/node_modules"
    echo "$want" >"$stamp"
  fi
fi
if ((step)); then
  echo "setup: done ($step steps, $SECONDS s)"
fi
