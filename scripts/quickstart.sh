#!/usr/bin/env bash
# Newcomer's first command: install, build, and run dyad's main job on the
# bundled example articles, printing a readable summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo
./build/dyad code examples/ --summary
