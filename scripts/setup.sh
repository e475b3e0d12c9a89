#!/usr/bin/env bash
# Installs everything dyad needs on Debian 12, by package name. Idempotent: safe
# to re-run; installs only what is missing and prints one line when nothing is.
# Nothing is downloaded from anywhere but Debian's archive and the npm registry.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  clang clang-format libclang-rt-dev  # sanitizer and libFuzzer runtimes (scripts/sanitize.sh)
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

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  log=$(mktemp)
  if ! { $SUDO apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "setup: apt-get failed" >&2
    exit 1
  fi
  rm -f "$log"
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
    (cd "$ROOT_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" >"$stamp"
    echo "setup: npm packages installed"
  fi
fi
