#!/bin/sh
# bench/run-shared.sh [run_bench.sh options]: run ../shared/bench (the
# side-by-side kit with newsboat and sfeed) with orrery's adapter added.
# The kit is read-only, so it is copied to a scratch directory first.
#   bench/run-shared.sh --readers newsboat,sfeed,orrery --no-tui --repeats 1
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
kit=${SHARED_BENCH:-$top/../shared/bench}
[ -d "$kit" ] || { echo "run-shared: no kit at $kit" >&2; exit 1; }
work=${BENCH_WORK:-/var/tmp/orrery-bench-kit}
rm -rf "$work"
cp -r "$kit" "$work"
chmod -R u+w "$work"
cp "$top"/bench/adapters/orrery*.sh "$work/adapters/"
export ORRERY_BIN="${ORRERY_BIN:-$top/orrery}"
cd "$work"
exec ./run_bench.sh "$@"
