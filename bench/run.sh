#!/bin/sh
# bench/run.sh [-n RUNS]: orrery's own benchmarks (make bench).  Each
# measurement runs RUNS times (default 15); the median and the spread
# (min-max) are printed and written to bench/RESULTS.md.  Data is
# generated here (bench/gen_post.py); nothing touches the network.
#
#   render  `orrery render` of a 200 KB post at width 80, wall time and
#           peak memory, beside `w3m -dump` of the same file when w3m is
#           installed
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
runs=15
[ "${1:-}" = "-n" ] && runs=$2
BIN=${ORRERY_BIN:-$top/orrery}
work=${BENCH_TMP:-$(mktemp -d /tmp/orrery-bench.XXXXXX)}
out=$top/bench/RESULTS.md

python3 "$top/bench/gen_post.py" 200 >"$work/post.html"
size=$(wc -c <"$work/post.html")

# measure NAME CMD...: RUNS runs of CMD; prints "median min max" of the
# wall seconds, then of the peak RSS in MB (bench/measure.py).
measure() {
	shift
	python3 "$top/bench/measure.py" "$runs" "$@"
}

row() { # row NAME "median min max mmedian mmin mmax"
	set -- "$1" $2
	printf '| %s | %s s | %s-%s s | %s MB | %s-%s MB |\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7"
}

echo "bench: render of a $size-byte post, $runs runs each" >&2
r_start=$(measure start "$BIN" version)
r_orrery=$(measure orrery "$BIN" render "$work/post.html" --width 80)
r_color=$(measure orrery-color "$BIN" render "$work/post.html" --width 80 --color)
r_w3m=
if command -v w3m >/dev/null 2>&1; then
	r_w3m=$(measure w3m w3m -dump -cols 80 -T text/html "$work/post.html")
fi

{
	echo "# orrery benchmarks"
	echo
	echo "Made by \`make bench\` (\`bench/run.sh -n $runs\`) on $(uname -sm), $(nproc) cores, $(date -u +%Y-%m-%d)."
	echo "Median of $runs runs, then the range; memory is the process's peak RSS (\`wait4\`)."
	echo
	echo "## Rendering a 200 KB post (\`bench/gen_post.py 200\`, $size bytes, width 80)"
	echo
	echo "| command | wall (median) | wall (range) | peak memory (median) | range |"
	echo "|---|---|---|---|---|"
	row "orrery version (start-up alone, for reference)" "$r_start"
	row "orrery render" "$r_orrery"
	row "orrery render --color" "$r_color"
	[ -n "$r_w3m" ] && row "w3m -dump -cols 80 ($(w3m -version | head -n 1 | cut -d, -f1))" "$r_w3m"
	echo
	echo "Peak RSS counts the shared libraries' pages the process touches (libcrypto, libc, gnutls, libxml2, ...): about 13 MB before orrery reads anything, of which about 1.6 MB is its own memory."
} >"$out"
cat "$out"
[ -z "${BENCH_TMP:-}" ] && rm -rf "$work"
exit 0
