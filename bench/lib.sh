# Copyright dyad authors. Shared set-up of the shell benchmarks (sourced):
# ROOT (the source tree), BUILD (absolute; $BUILD or build/), CLI ($DYAD_CLI or
# $BUILD/dyad), SHARED ($DYAD_SHARED_DIR or ../shared) and the Reuters CORPUS.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
CLI=${DYAD_CLI:-$BUILD/dyad}
SHARED=${DYAD_SHARED_DIR:-$ROOT/../shared}
CORPUS=$SHARED/data/corpus/reuters21578.jsonl
