#!/bin/bash
# tests/fuzz/run.sh BUILD TARGET...: run each libFuzzer target of BUILD/fuzz
# for FUZZ_SECONDS (default 60), FUZZ_JOBS at a time (default 1), on
# inputs up to FUZZ_MAX_LEN bytes (default 4096) from a seed corpus made
# of the test inputs (BUILD/fuzz/corpus-TARGET keeps what it finds between
# runs), and print one line per target: executions, executions per
# second, coverage (cov: edges, ft: features).  Exits 1 when a target
# crashed or broke a promise, naming the input (BUILD/fuzz/crash-TARGET-*)
# and the command that runs it again; an input of up to 8 KiB is printed
# in base64, so that a failure on a machine since gone can be replayed.
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
	fuzz_extract) for f in "$tests"/article/*.html "$tests"/fulltext/*.html; do
		# the first byte picks the charset and the width
		{ printf '\000'; cat "$f"; } >"$2/$(basename "$f")"
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

# run_one TARGET: run it and write its line (and what it found) to
# BUILD/fuzz/TARGET.result; exits 1 when it crashed or broke a promise.
run_one() {
	local t=$1 bin=$build/fuzz/$1 corpus=$build/fuzz/corpus-$1
	local seed=$build/fuzz/seed-$1 log=$build/fuzz/$1.log
	local status execs speed cov ft crash
	rm -rf "$seed" "$build/fuzz/crash-$t-"* && mkdir -p "$seed" "$corpus"
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
	    "$corpus" "$seed" >"$log" 2>&1
	status=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1)
	{
		if [ "$status" -ne 0 ]; then
			crash=$(ls "$build/fuzz/crash-$t-"* 2>/dev/null | head -n 1)
			echo "not ok - $t: exit $status after ${execs:-?} runs"
			grep -m 5 -E 'ERROR|runtime error|fuzz:' "$log"
			echo "   log: $log"
			echo "   input: ${crash:-(none written)}"
			# The machine that ran it may be gone: the input itself.
			if [ -n "$crash" ] && [ "$(wc -c <"$crash")" -le 8192 ]; then
				echo "   base64: $(base64 -w 0 "$crash")"
			fi
			echo "   again: $bin ${crash:-INPUT}"
		else
			echo "ok - $t: ${execs:-?} runs in ${secs}s, ${speed:-?}/s, ${cov:-cov: ?}, ${ft:-ft: ?} (corpus: $corpus)"
		fi
	} >"$build/fuzz/$t.result"
	[ "$status" -eq 0 ]
}

# FUZZ_JOBS targets at a time (default 1).
jobs=${FUZZ_JOBS:-1}
running=0
for t in "$@"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	run_one "$t" &
	running=$((running + 1))
done
wait
for t in "$@"; do
	cat "$build/fuzz/$t.result"
	grep -q '^ok' "$build/fuzz/$t.result" || rv=1
done
exit $rv
