#!/usr/bin/env bash
# Retrains the word clusters the name finder uses (data/models/clusters-en-news.dwc):
# fastText skipgram vectors (one thread, seed 1) on unlabelled news, k-means.
# Usage: scripts/train_clusters.sh [path/to/dyad] [out.dwc]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dyad="${1:-$here/build/dyad}"
out="${2:-$here/data/models/clusters-en-news.dwc}"
shared="${DYAD_SHARED_DIR:-$here/../shared}/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$dyad" train clusters \
  --input "$shared/corpus/reuters21578.jsonl" \
  --input "$shared/current-events/current-events-2002-2021.jsonl.gz" \
  --conllu "$shared/gum/en_gum-open-train.conllu" \
  --dim 64 --epochs 5 --clusters 1024 --max-words 150000 --seed 1 \
  --work-dir "$work" -o "$out"
