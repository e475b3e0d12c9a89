#!/usr/bin/env bash
# scripts/setup.sh on a "fresh machine": apt-get, dpkg-query, sudo and npm are
# stand-ins on the PATH (nothing is installed). Every step must print a line
# naming what it installs, and a failing step must show its output and stop.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/scripts" "$tmp/bin"
cp "$src/scripts/setup.sh" "$tmp/root/scripts/"
echo '{"packages": {"node_modules/esbuild": {"resolved": "x"}}}' >"$tmp/root/package-lock.json"
cat >"$tmp/bin/dpkg-query" <<'X'
#!/bin/sh
exit 1
X
cat >"$tmp/bin/apt-get" <<'X'
#!/bin/sh
echo "apt-get $*" >>"$FAKE_LOG"
case "$*" in *libgumbo-dev*) [ -n "${FAKE_FAIL:-}" ] && { echo "E: Unable to locate package"; exit 100; } ;; esac
echo "Setting up something"
X
cat >"$tmp/bin/sudo" <<'X'
#!/bin/sh
exec "$@"
X
cat >"$tmp/bin/npm" <<'X'
#!/bin/sh
echo "npm $*" >>"$FAKE_LOG"
X
cat >"$tmp/bin/node" <<'X'
#!/bin/sh
echo v20
X
chmod +x "$tmp/bin/"*
export FAKE_LOG="$tmp/log"
out=$(PATH="$tmp/bin:$PATH" bash "$tmp/root/scripts/setup.sh" 2>&1)
echo "$out"
fail() { echo "FAIL: $*" >&2; exit 1; }
grep -q '^setup: \[1\] apt-get update' <<<"$out" || fail "no apt-get update step line"
grep -q '^setup: \[2\] installing build-essential cmake' <<<"$out" || fail "no line naming packages"
grep -q 'installing .*libgumbo-dev' <<<"$out" || fail "libgumbo-dev not named"
grep -q '^setup: \[[0-9]*\] npm ci' <<<"$out" || fail "no npm step line"
grep -q 'Setting up something' <<<"$out" && fail "apt-get output shown though it succeeded"
n=$(grep -c 'apt-get install' "$FAKE_LOG")
[ "$n" -ge 5 ] || fail "packages installed in $n steps, expected one line per group"
# A failing step shows its output and exits non-zero.
if out=$(FAKE_FAIL=1 PATH="$tmp/bin:$PATH" bash "$tmp/root/scripts/setup.sh" 2>&1); then
  fail "a failing apt-get did not fail setup"
fi
grep -q 'Unable to locate package' <<<"$out" || fail "the failing step's output is hidden"
grep -q 'failed: installing' <<<"$out" || fail "no line naming the failed step"
echo "PASS"
