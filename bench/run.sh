#!/bin/sh
# bench/run.sh [-n RUNS]: orrery's own benchmarks (make bench).  Each
# measurement runs RUNS times (default 15); the median and the spread
# (min-max) are printed and written to bench/RESULTS.md.  Data is
# generated here (bench/gen_post.py); nothing touches the network.
#
#   render  `orrery render` of a 200 KB post at width 80, wall time and
#           peak memory, beside `w3m -dump` of the same file when w3m is
#           installed
#   reader  the reader on synthetic stores of 10k, 100k and 1M entries
#           (bench/genstore, through store.c; kept in $BENCH_STORES,
#           default /var/tmp/orrery-bench-stores, and reused): first paint
#           and peak memory in tmux (bench/tui.py), jumping to the end and
#           paging at 1M (time inside the reader, from its -l log), and
#           `orrery search` at 1M (a common word, a rare word, a phrase,
#           a prefix; the process's whole run, start-up included)
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

# ---- the reader ------------------------------------------------------
stores=${BENCH_STORES:-/var/tmp/orrery-bench-stores}
mkdir -p "$stores"
gen=$top/build/bench/genstore
[ -x "$gen" ] || make -C "$top" --no-print-directory build/bench/genstore >&2
cfg=$work/reader.ini
printf '[general]\nrefresh-on-start = no\ndefault-feed = ""\n' >"$cfg"
paint_rows=
for size in 10000 100000 1000000; do
	db=$stores/s$size.db
	if [ ! -s "$db" ]; then
		echo "bench: building a store of $size entries (once)" >&2
		"$gen" "$db.tmp" "$size" 2>/dev/null
		mv "$db.tmp" "$db"
	fi
	echo "bench: first paint at $size entries" >&2
	r=$(python3 "$top/bench/tui.py" paint "$runs" -- "$BIN" -c "$cfg" -d "$db")
	paint_rows="$paint_rows$size $r
"
done
big=$stores/s1000000.db
keylat() { # keylat "K1 K2": inside-the-reader ms "median p90 max"
	rm -f "$work/keys.log"
	TUI_KEYS="$1" TUI_LOG="$work/keys.log" python3 "$top/bench/tui.py" \
	    keys "$runs" -- "$BIN" -c "$cfg" -d "$big" -l "$work/keys.log" |
	    sed -n 2p
}
echo "bench: keys at 1M entries" >&2
k_jump=$(keylat "G g")
k_page=$(keylat "Space b")
k_line=$(keylat "j k")
s_common=$(measure x "$BIN" -c "$cfg" -d "$big" search python --limit 50)
s_rare=$(measure x "$BIN" -c "$cfg" -d "$big" search qwertyzzy --limit 50)
s_phrase=$(measure x "$BIN" -c "$cfg" -d "$big" search '"garbage collector"' --limit 50)
s_prefix=$(measure x "$BIN" -c "$cfg" -d "$big" search 'subinterp*' --limit 50)

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
	echo
	echo "## The reader on synthetic stores (\`bench/genstore\`: 500 feeds, interleaved, short HTML summaries)"
	echo
	echo "First paint: \`bench/tui.py paint\` starts the reader in a 200x50 tmux pane and polls it every 2 ms until a day heading is drawn (t0 taken just before exec); peak RSS from /usr/bin/time."
	echo
	echo "| entries | first paint (median) | range | peak memory (median) | range |"
	echo "|---|---|---|---|---|"
	printf '%s' "$paint_rows" | while read -r size a b c d e f; do
		[ -n "$size" ] && row "$size" "$a $b $c $d $e $f"
	done
	echo
	echo "Keys at 1M entries, $runs presses each, time inside the reader from reading the key to the screen written (its \`-l\` log), median / p90 / worst in ms:"
	echo
	echo "| keys | median | p90 | worst |"
	echo "|---|---|---|---|"
	for k in "G and g (jump to either end):$k_jump" "Space and b (a page):$k_page" "j and k (a line):$k_line"; do
		set -- ${k#*:}
		echo "| ${k%%:*} | $1 | $2 | $3 |"
	done
	echo
	echo "\`orrery search QUERY --limit 50\` at 1M entries (the whole process, start-up included):"
	echo
	echo "| query | wall (median) | wall (range) | peak memory (median) | range |"
	echo "|---|---|---|---|---|"
	row "python (a common word)" "$s_common"
	row "qwertyzzy (in 10 entries)" "$s_rare"
	row "\"garbage collector\" (a phrase)" "$s_phrase"
	row "subinterp* (a prefix)" "$s_prefix"
} >"$out"
cat "$out"
[ -z "${BENCH_TMP:-}" ] && rm -rf "$work"
exit 0
