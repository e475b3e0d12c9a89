#!/usr/bin/env bash
# Retrains the shipped name finder model (data/models/names-en.dnm) exactly as
# shipped: same data, options and seed give the same bytes.
# Usage: scripts/train_names.sh [path/to/dyad] [out.dnm]
# The word clusters (data/models/clusters-en-news.dwc) come from scripts/train_clusters.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dyad="${1:-$here/build/dyad}"
out="${2:-$here/data/models/names-en.dnm}"
shared="${DYAD_SHARED_DIR:-$here/../shared}/data"
"$dyad" train names \
  --train "iob2:$shared/uner-english-ewt/en_ewt-ud-train.approx.iob2" \
  --train "gum:$shared/gum/en_gum-open-train.conllu" \
  --dev "iob2:$shared/uner-english-ewt/en_ewt-ud-dev.iob2" \
  --dev "gum:$shared/gum/en_gum-open-dev.conllu" \
  --clusters "$here/data/models/clusters-en-news.dwc" \
  --data-dir "$here/data" --leaders "$shared/leaders" \
  --case-text "$shared/corpus/reuters21578.jsonl" \
  --case-text "$shared/current-events/current-events-2002-2021.jsonl.gz" \
  --epochs 25 --seed 1 -o "$out"
