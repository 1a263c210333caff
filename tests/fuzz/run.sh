#!/bin/bash
# tests/fuzz/run.sh BUILD TARGET...: run each libFuzzer target of BUILD/fuzz
# for FUZZ_SECONDS (default 60) from a seed corpus made of the test inputs
# (BUILD/fuzz/corpus-TARGET keeps what it finds between runs), and print
# one line per target: executions, executions per second, coverage.  Exits
# 1 when a target crashed or broke a promise (the input is in
# BUILD/fuzz/crash-TARGET-*).
set -u
here=$(cd "$(dirname "$0")" && pwd)
tests=$(dirname "$here")
build=$1
shift
secs=${FUZZ_SECONDS:-60}
maxlen=${FUZZ_MAX_LEN:-4096}
rv=0

seeds() { # seeds TARGET DIR: copy the target's seed inputs into DIR
	case "$1" in
	fuzz_parse) cp "$tests"/parse/*.in "$tests"/fetch/*.xml \
	    "$tests"/tui/*.xml "$2"/ 2>/dev/null ;;
	fuzz_html) for f in "$tests"/html/*.html; do
		# the first byte picks the width
		{ printf 'P'; cat "$f"; } >"$2/$(basename "$f")"
	done ;;
	fuzz_opml) cp "$tests"/opml/* "$tests"/newsboat/* "$2"/ \
	    2>/dev/null ;;
	# one seed per string the unit tests try
	fuzz_date) strings_of "$tests"/unit_date.c "$2" ;;
	fuzz_query) strings_of "$tests"/unit_query.c "$2" ;;
	fuzz_url) strings_of "$tests"/unit_url.c "$2"
		# a base, a NUL, a reference
		printf 'http://a/b/c/d;p?q\0../g?x#y' >"$2/resolve" ;;
	fuzz_config) ini=$here/../../config/orrery.ini
		# the example as shipped, every key set, a view and a filter
		cp "$ini" "$2"/
		sed 's/^#\([a-z]\)/\1/' "$ini" >"$2/all.ini"
		printf '[views]\npy = python -@1-week-ago\n[filters]\nhide = source:"X Y"\n' \
		    >"$2/views.ini" ;;
	esac
}

strings_of() { # strings_of FILE DIR: each "..." of FILE (no escapes) a seed
	local i=0 s
	grep -o '"[^"\\]*"' "$1" | sed 's/^"//; s/"$//' | sort -u |
	    while IFS= read -r s; do
		i=$((i + 1))
		printf '%s' "$s" >"$2/s$i"
	done
}

for t in "$@"; do
	bin=$build/fuzz/$t
	corpus=$build/fuzz/corpus-$t
	seed=$build/fuzz/seed-$t
	rm -rf "$seed" && mkdir -p "$seed" "$corpus"
	seeds "$t" "$seed"
	find "$seed" -type f -size +1M -delete
	# A shorter quarantine than ASan's 256 MB: libxml2's many small
	# allocations otherwise keep faulting in fresh pages.
	ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=32 \
	    UBSAN_OPTIONS=print_stacktrace=1 \
	    "$bin" -max_total_time="$secs" -max_len="$maxlen" \
	    -rss_limit_mb=2048 \
	    -timeout=20 -print_final_stats=1 \
	    -artifact_prefix="$build/fuzz/crash-$t-" \
	    "$corpus" "$seed" >"$build/fuzz/$t.log" 2>&1
	status=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$build/fuzz/$t.log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' \
	    "$build/fuzz/$t.log")
	cov=$(grep -o 'cov: [0-9]*' "$build/fuzz/$t.log" | tail -n 1)
	if [ "$status" -ne 0 ]; then
		echo "not ok - $t: exit $status after ${execs:-?} runs (log: $build/fuzz/$t.log)"
		grep -m 5 -E 'ERROR|runtime error|fuzz:' "$build/fuzz/$t.log"
		rv=1
	else
		echo "ok - $t: ${execs:-?} runs in ${secs}s, ${speed:-?}/s, ${cov:-cov: ?}"
	fi
done
exit $rv
