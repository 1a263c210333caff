#!/bin/sh
# bench/run.sh [-n RUNS] [-m RUNS] [SECTION ...]: orrery's own benchmarks
# (make bench).  Each measurement runs several times; the median and the
# spread (min-max) are printed and written to bench/RESULTS.md.  Without
# SECTIONs all run; with some, only those are run and replaced in
# RESULTS.md, the others kept as they are there.  -n RUNS (default 15)
# is for the quick measurements (render, reader), -m RUNS (default 5) for
# the long ones (parse, store, refresh, planet).  Data is generated here
# (bench/gen_post.py, the shared kit's gen_corpus.py); nothing touches an
# address but loopback.  Progress goes to stderr.
#
#   render   `orrery render` of a 200 KB post at width 80, wall time and
#            peak memory, beside `w3m -dump` of the same file when w3m is
#            installed
#   article  `orrery render --article` (the reader-view extractor) of a
#            whole blog page of 200 KB and of 5 MB (bench/gen_page.py:
#            a WordPress-like theme around a gen_post.py post), wall time
#            and peak memory, beside Mozilla Readability on jsdom
#            (bench/readability.js, -m runs) when node finds it: set
#            NODE_PATH to a node_modules where `npm install
#            @mozilla/readability jsdom` put it
#   reader   the reader on synthetic stores of 10k, 100k and 1M posts,
#            each once (sN.db) and with one in five also from a Planet,
#            merged (pN.db, genstore --dup-share 0.2) (bench/genstore,
#            through store.c; kept in $BENCH_STORES, default
#            /var/tmp/orrery-bench-stores, reused, upgraded first when an
#            older orrery made them): first paint
#            and peak memory in tmux (bench/tui.py), jumping to the end and
#            paging at 1M (time inside the reader, from its -l log), and
#            `orrery search` at 1M (a common word, a rare word, a phrase,
#            a prefix; the process's whole run, start-up included)
#   parse    MB/s and entries/s of parse_feed() over a 500 x 50 corpus
#            held in memory (bench/throughput parse)
#   store    entries/s into a fresh store, search index included, as the
#            fetcher stores them (bench/throughput store)
#   refresh  `orrery refresh`, cold and warm (--force, all 304), of that
#            corpus from the kit's serve.py at 0 and 50 ms latency
#            (bench/refresh.py): wall, CPU, peak memory, the server's
#            counts of requests, 200s, 304s and requests in flight
#   planet   the same for a Planet-Python-shaped list of 567 feeds, 100
#            on one host and 30 on another, with the default per-host
#            cap (bench/refresh.py --planet, bench/multiserve.py)
#   profile  where parse and store spend their time: perf record of
#            bench/throughput, summed by bench/perfshare.py (skipped
#            without perf)
#   sidebyside  the shared kit (bench/run-shared.sh) with newsboat, sfeed
#            and orrery in one run: its tune scenario at 50 ms (cold
#            refresh at 16, 32 and 64 at once, -m repetitions) and its
#            default scenario (cold and warm refreshes at 0 and 50 ms,
#            startup, TUI first paint; one repetition), summed up with
#            the ratios by bench/kitsum.py.  Takes about 15 minutes.
#
# ORRERY_BIN names the binary (default ./orrery); it is copied first, so
# rebuilding ./orrery meanwhile does not change what is measured.
# SHARED_BENCH names the kit (default ../shared/bench).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
all="render article reader parse store refresh planet profile sidebyside"
runs=15
hruns=5
usage() {
	echo "usage: bench/run.sh [-n RUNS] [-m RUNS] [SECTION ...]" >&2
	echo "sections: $all" >&2
	exit 2
}
while getopts n:m: o; do
	case $o in
	n) runs=$OPTARG ;;
	m) hruns=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
sections=${*:-$all}
for s in $sections; do
	case " $all " in
	*" $s "*) ;;
	*) usage ;;
	esac
done
want() {
	case " $sections " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}
if [ -n "${BENCH_TMP:-}" ]; then
	work=$BENCH_TMP
else
	work=$(mktemp -d /tmp/orrery-bench.XXXXXX)
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/frag"
out=$top/bench/RESULTS.md
kit=${SHARED_BENCH:-$top/../shared/bench}
cp "${ORRERY_BIN:-$top/orrery}" "$work/orrery"
BIN=$work/orrery
day=$(date -u +%Y-%m-%d)

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

# ran SECTION [OPTIONS]: the line under a section's heading: how and when.
ran() {
	echo "\`bench/run.sh ${2:+$2 }$1\` on $day, load average $(cut -d' ' -f1 /proc/loadavg) when it started ($(nproc) cores, shared)."
}

# corpus N M: the kit's gen_corpus.py corpus of N feeds of M items (made
# once per run of this script); prints its directory.
corpus() {
	if [ ! -d "$work/corpus-$1x$2" ]; then
		echo "bench: generating a corpus of $1 feeds x $2 items" >&2
		python3 "$kit/gen_corpus.py" --out "$work/corpus-$1x$2.tmp" \
		    --feeds "$1" --items "$2" >&2
		mv "$work/corpus-$1x$2.tmp" "$work/corpus-$1x$2"
	fi
	echo "$work/corpus-$1x$2"
}

# throughput: bench/throughput, rebuilt when its sources changed, copied.
throughput() {
	if [ ! -x "$work/throughput" ]; then
		make -C "$top" --no-print-directory build/bench/throughput >&2
		cp "$top/build/bench/throughput" "$work/throughput"
	fi
	echo "$work/throughput"
}

# ---- rendering -------------------------------------------------------
if want render; then
	python3 "$top/bench/gen_post.py" 200 >"$work/post.html"
	size=$(wc -c <"$work/post.html")
	echo "bench: render of a $size-byte post, $runs runs each" >&2
	r_start=$(measure start "$BIN" version)
	r_orrery=$(measure orrery "$BIN" render "$work/post.html" --width 80)
	r_color=$(measure orrery-color "$BIN" render "$work/post.html" --width 80 --color)
	r_w3m=
	if command -v w3m >/dev/null 2>&1; then
		r_w3m=$(measure w3m w3m -dump -cols 80 -T text/html "$work/post.html")
	fi
	{
		echo "## Rendering a 200 KB post (\`bench/gen_post.py 200\`, $size bytes, width 80)"
		echo
		ran render "-n $runs"
		echo
		echo "| command | wall (median) | wall (range) | peak memory (median) | range |"
		echo "|---|---|---|---|---|"
		row "orrery version (start-up alone, for reference)" "$r_start"
		row "orrery render" "$r_orrery"
		row "orrery render --color" "$r_color"
		[ -n "$r_w3m" ] && row "w3m -dump -cols 80 ($(w3m -version | head -n 1 | cut -d, -f1))" "$r_w3m"
		echo
		echo "Peak RSS counts the shared libraries' pages the process touches (libcrypto, libc, gnutls, libxml2, ...): about 13 MB before orrery reads anything, of which about 1.6 MB is its own memory."
	} >"$work/frag/render.md"
fi

# ---- whole articles -------------------------------------------------
if want article; then
	rd_rows=
	rows=
	for kb in 200 5000; do
		page=$work/page-$kb.html
		python3 "$top/bench/gen_page.py" $kb >"$page"
		size=$(wc -c <"$page")
		echo "bench: render --article of a $size-byte page, $runs runs" >&2
		r=$(measure article "$BIN" render --article "$page" --width 80 \
		    --base https://blog.example.org/post/)
		rows="$rows$size|$r
"
		if command -v node >/dev/null 2>&1 &&
		    node -e 'require("@mozilla/readability"); require("jsdom")' \
		    2>/dev/null; then
			echo "bench: Readability on that page, $hruns runs" >&2
			t=$(node "$top/bench/readability.js" "$hruns" "$page" |
			    sort -n | awk '{ v[NR] = $1 } END {
			    printf "%s %s %s", v[int((NR + 1) / 2)], v[1], v[NR] }')
			rd_rows="$rd_rows$size|$t
"
		fi
	done
	{
		echo "## Whole articles: \`render --article\` of a whole blog page (\`bench/gen_page.py\`, width 80)"
		echo
		ran article "-n $runs -m $hruns"
		echo
		echo "| page | wall (median) | wall (range) | peak memory (median) | range |"
		echo "|---|---|---|---|---|"
		printf '%s' "$rows" | while IFS='|' read -r size r; do
			row "orrery, $size bytes" "$r"
		done
		if [ -n "$rd_rows" ]; then
			echo
			echo "Mozilla Readability $(node -p 'require("@mozilla/readability/package.json").version') on jsdom $(node -p 'require("jsdom/package.json").version') (node $(node --version)), the same pages, $hruns runs, time inside node (the page parsed into a DOM, then extracted):"
			echo
			echo "| page | wall (median) | wall (range) |"
			echo "|---|---|---|"
			printf '%s' "$rd_rows" | while IFS='|' read -r size t; do
				set -- $t
				echo "| Readability, $size bytes | $1 s | $2-$3 s |"
			done
		else
			echo
			echo "Readability was not found (NODE_PATH with @mozilla/readability and jsdom): no comparison row."
		fi
	} >"$work/frag/article.md"
fi

# ---- the reader ------------------------------------------------------
if want reader; then
	stores=${BENCH_STORES:-/var/tmp/orrery-bench-stores}
	mkdir -p "$stores"
	gen=$top/build/bench/genstore
	make -C "$top" --no-print-directory build/bench/genstore >&2
	cfg=$work/reader.ini
	printf '[general]\nrefresh-on-start = no\ndefault-feed = ""\n' >"$cfg"
	paint_rows=
	# sN.db: N posts, each once; pN.db: N posts, one in five also from
	# a Planet (genstore --dup-share 0.2: N x 1.2 entries, merged).
	for n in 10000 100000 1000000; do
		for kind in s p; do
			db=$stores/$kind$n.db
			share=0
			[ $kind = p ] && share=0.2
			if [ ! -s "$db" ]; then
				echo "bench: building a store of $n posts, $share of them twice (once)" >&2
				"$gen" --dup-share $share "$db.tmp" "$n" 2>/dev/null
				mv "$db.tmp" "$db"
			fi
			# A store made by an older orrery is upgraded here,
			# not in the first measured run.
			"$BIN" -c "$cfg" -d "$db" feeds >/dev/null
			echo "bench: first paint at $n posts, $share of them twice" >&2
			r=$(python3 "$top/bench/tui.py" paint "$runs" -- "$BIN" -c "$cfg" -d "$db")
			label=$n
			[ $kind = p ] && label="$n, one in five also from a Planet ($((n + n / 5)) entries, merged)"
			paint_rows="$paint_rows$label|$r
"
		done
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
	# Every form of the query language (issue 16), inside orrery (no
	# process start-up): bench/querytime, median and p95 of $runs runs.
	# Opening migrates, so a copy of the store is used.
	qt=$top/build/bench/querytime
	[ -x "$qt" ] || make -C "$top" --no-print-directory build/bench/querytime >&2
	qdb=$work/q1m.db
	cp "$big" "$qdb"
	echo "bench: queries at 1M entries" >&2
	q_rows=$("$qt" "$qdb" "$runs" python qwertyzzy '"garbage collector"' \
	    'subinterp*' f-strings asyncio.run 'C++' +unread -unread +starred \
	    -starred @2-weeks-ago @2026-05-01 @2026-05-01--2026-05-20 \
	    'source:"Blog 7"' feed:8 title:compiler 'author:"Author 3"' \
	    'python OR django' 'python -django' 'title:compiler +starred' \
	    'python +starred' 'python -unread' 'source:"Blog 7" python' \
	    'python @2026-05-01--2026-05-20')
	q_hide=$("$qt" "$qdb" "$runs" -h python -h 'title:compiler' -starred +unread)
	# A saved view's first page from the command line (whole process).
	vcfg=$work/views.ini
	printf '[general]\nrefresh-on-start = no\ndefault-feed = ""\n[views]\nweek = +unread @1-week-ago\nrp = source:"Blog 7" python\n' >"$vcfg"
	v_week=$(measure x "$BIN" -c "$vcfg" -d "$qdb" list --view week --limit 50)
	v_rp=$(measure x "$BIN" -c "$vcfg" -d "$qdb" list --view rp --limit 50)
	rm -f "$qdb" "$qdb-wal" "$qdb-shm"
	{
		echo "## The reader on synthetic stores (\`bench/genstore\`: 500 feeds, interleaved, short HTML summaries; with merged posts, \`--dup-share 0.2\`: one post in five also from a Planet feed, held twice and shown once)"
		echo
		ran reader "-n $runs"
		echo
		echo "First paint: \`bench/tui.py paint\` starts the reader in a 200x50 tmux pane and polls it every 2 ms until a day heading is drawn (t0 taken just before exec); peak RSS from /usr/bin/time."
		echo
		echo "| posts | first paint (median) | range | peak memory (median) | range |"
		echo "|---|---|---|---|---|"
		printf '%s' "$paint_rows" | while IFS='|' read -r n r; do
			[ -n "$n" ] && row "$n" "$r"
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
		echo
		echo "The query language at 1M entries, inside orrery (\`bench/querytime\`: store_entries_first for a page of 50, the store open, $runs runs; wall and CPU ms, median / p95):"
		echo
		echo "| query | wall median | wall p95 | rows | CPU median | CPU p95 |"
		echo "|---|---|---|---|---|---|"
		printf '%s\n' "$q_rows" | while IFS='	' read -r q a b c d e; do
			[ -n "$q" ] && echo "| \`$q\` | $a | $b | $c | $d | $e |"
		done
		echo
		echo "With two hide rules with words (\`python\`, \`title:compiler\`), matched once into temp tables:"
		echo
		echo "| query | wall median | wall p95 | rows | CPU median | CPU p95 |"
		echo "|---|---|---|---|---|---|"
		printf '%s\n' "$q_hide" | while IFS='	' read -r q a b c d e; do
			[ -n "$q" ] && echo "| \`$q\` | $a | $b | $c | $d | $e |"
		done
		echo
		echo "A saved view's first page, \`orrery list --view NAME --limit 50\` (whole process, start-up included):"
		echo
		echo "| view | wall (median) | wall (range) | peak memory (median) | range |"
		echo "|---|---|---|---|---|"
		row "week = +unread @1-week-ago" "$v_week"
		row "rp = source:\"Blog 7\" python" "$v_rp"
	} >"$work/frag/reader.md"
fi

# ---- parse and store throughput --------------------------------------
if want parse; then
	c=$(corpus 500 50)
	tp=$(throughput)
	echo "bench: parse throughput, $hruns runs" >&2
	note=$(ran parse "-m $hruns")
	r=$("$tp" parse -r "$hruns" "$c"/feeds/*.xml)
	set -- $r
	{
		echo "## Parse throughput (\`bench/throughput parse\`)"
		echo
		echo "$note"
		echo
		echo "\`parse_feed()\` over the shared kit's corpus (\`gen_corpus.py --feeds 500 --items 50\`: $(awk "BEGIN { printf \"%.1f\", $1 / 1e6 }") MB of RSS 2.0 and Atom in 500 files, $2 entries), all read into memory first; only the \`parse_feed()\` calls are timed (CLOCK_MONOTONIC), one thread, $hruns passes over the whole corpus. MB = 10^6 bytes of feed XML."
		echo
		echo "| corpus | MB/s (median) | MB/s (range) | entries/s (median) | entries/s (range) |"
		echo "|---|---|---|---|---|"
		echo "| 500 feeds x 50 items | $3 | $4-$5 | $6 | $7-$8 |"
		echo
		if [ "${3%.*}" -ge 50 ]; then
			echo "The target of at least 50 MB/s is met."
		else
			echo "**The target of at least 50 MB/s is not met.**"
		fi
	} >"$work/frag/parse.md"
fi

if want store; then
	c=$(corpus 500 50)
	tp=$(throughput)
	echo "bench: store throughput, $hruns runs" >&2
	note=$(ran store "-m $hruns")
	r1=$("$tp" store -r "$hruns" "$work/throughput.db" "$c"/feeds/*.xml)
	r64=$("$tp" store -r "$hruns" -b 64 "$work/throughput.db" "$c"/feeds/*.xml)
	rm -f "$work/throughput.db" "$work/throughput.db-wal" "$work/throughput.db-shm"
	# store_row LABEL RESULT: one table row of bench/throughput's figures.
	store_row() {
		set -- "$1" $2
		echo "| $1 | $2 | $3 | $4-$5 | $6 MB | $7-$8 MB | $9 s | ${10} s | ${11} s |"
	}
	{
		echo "## Store throughput (\`bench/throughput store\`)"
		echo
		echo "$note"
		echo
		echo "The same corpus, parsed first (untimed), stored into a fresh store file per run on $(df -P "$work" | awk 'NR == 2 { print $1 }') as the fetcher stores a fetch: \`store_fetch_texts\` (the search text, markup stripped), then \`store_feed_update\` (the feed row, 50 entries, their FTS5 rows), one feed per transaction, or 64 feeds per \`store_begin\` .. \`store_commit\` transaction (\`-b 64\`, the fetcher's group commit at its largest). One thread (a refresh runs \`store_fetch_texts\` on a worker per core, outside the store lock). Store size after closing: the database file and its WAL. Median seconds of the median run in \`store_fetch_texts\` and in storing, then in \`store_close\` (not counted in entries/s)."
		echo
		echo "| feeds per transaction | entries | entries/s (median) | entries/s (range) | store (median) | store (range) | texts | storing | close |"
		echo "|---|---|---|---|---|---|---|---|---|"
		store_row 1 "$r1"
		store_row 64 "$r64"
	} >"$work/frag/store.md"
fi

# ---- refresh over loopback -------------------------------------------
# refresh_rows LABEL OUTPUT: table rows from bench/refresh.py's lines.
refresh_rows() {
	printf '%s\n' "$2" | while read -r k w1 w2 w3 c1 c2 c3 m1 m2 m3 req n200 n304 f1 f2 f3 ent; do
		case $k in
		cold | warm) ;;
		*) continue ;;
		esac
		[ "$k" = warm ] && k="warm (--force)"
		echo "| $1, $k | $w1 s | $w2-$w3 s | $c1 s | $c2-$c3 s | $m1 MB | $m2-$m3 MB | $req | $n200 | $n304 | $f1 ($f2-$f3) | $ent |"
	done
}
refresh_head() {
	echo "| latency, refresh | wall (median) | wall (range) | CPU user+sys (median) | CPU (range) | peak memory (median) | range | requests | 200 | 304 | most in flight (median, range) | entries stored |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
}
floor() { # floor OUTPUT: the floor line's fields
	printf '%s\n' "$1" | sed -n 's/^floor //p'
}

if want refresh; then
	c=$(corpus 500 50)
	note=$(ran refresh "-m $hruns")
	rows=
	floors=
	for lat in 0 50; do
		echo "bench: refresh of 500 feeds at $lat ms, $hruns runs" >&2
		o=$(python3 "$top/bench/refresh.py" --bin "$BIN" --kit "$kit" \
		    --corpus "$c" --work "$work/refresh" --runs "$hruns" \
		    --latency-ms "$lat")
		rows="$rows$(refresh_rows "$lat ms" "$o")
"
		set -- $(floor "$o")
		floors="$floors $lat ms: $1 s ($2 connections);"
	done
	{
		echo "## Refresh over loopback (\`bench/refresh.py\`): 500 feeds x 50 items"
		echo
		echo "$note"
		echo
		echo "The corpus of the sections above, served by the shared kit's \`serve.py\` on 127.0.0.1 (gzip, ETag and Last-Modified, latency added before every answer, 304s included). Each run: a fresh store, \`orrery import\` of the URL list, then \`orrery refresh\` (cold: all fetched and stored) and \`orrery refresh --force\` (warm: all asked again, content unchanged). orrery's defaults except \`max-connections-per-host\` = \`max-connections\` (one host holds the whole list). Wall around fork/exec/wait; CPU and peak RSS of the orrery process (all its threads) from \`wait4\`; requests, 200s, 304s and the most requests in flight at once from the server's \`/__stats\` around each refresh. The server (Python) runs on the same 2 cores."
		echo
		refresh_head
		printf '%s' "$rows"
		echo
		echo "Floor (latency x feeds / max-connections, the time the requests alone need at full concurrency):$floors"
		echo "The server counts a request in flight from reading it to after writing the answer, so a new request on a connection can be counted before the old one is, one over the real concurrency."
	} >"$work/frag/refresh.md"
fi

if want planet; then
	c=$(corpus 567 50)
	note=$(ran planet "-m $hruns")
	rows=
	hosts=
	floors=
	for lat in 0 50; do
		echo "bench: Planet-shaped refresh of 567 feeds at $lat ms, $hruns runs" >&2
		o=$(python3 "$top/bench/refresh.py" --bin "$BIN" --kit "$kit" \
		    --corpus "$c" --work "$work/planet" --runs "$hruns" \
		    --latency-ms "$lat" --planet)
		rows="$rows$(refresh_rows "$lat ms" "$o")
"
		set -- $(floor "$o")
		floors="$floors $lat ms: $1 s;"
		cap=$3
		conns=$2
		hosts="$hosts$(printf '%s\n' "$o" | sed -n 's/^hosts-\([a-z]*\) \([0-9]*\) \([0-9]*\) \([0-9]*\)$/| '"$lat"' ms, \1 | \2 | \3 | \4 |/p')
"
	done
	{
		echo "## Refresh of a Planet-Python-shaped list (\`bench/refresh.py --planet\`): 567 feeds x 50 items"
		echo
		echo "$note"
		echo
		echo "567 feeds: 100 on one host (127.0.0.1), 30 on another (127.0.0.2), the other 437 over 250 hosts (127.0.1.1-127.0.1.250, one or two each), in a fixed shuffled order. orrery caps connections by host name, and the host of a URL with an IP address is that address, so each host is an address in 127.0.0.0/8, all served by one process (\`bench/multiserve.py\`: the kit's \`serve.py\` handler on one socket per address, counters per address). orrery's defaults: max-connections = $conns, max-connections-per-host = $cap. Otherwise as the section above."
		echo
		refresh_head
		printf '%s' "$rows"
		echo
		echo "Floor (the larger of latency x 567 / $conns and latency x 100 / $cap, the 100-feed host's requests in a row at its cap):$floors"
		echo
		echo "Most requests in flight at once on one host, the largest over all runs (the cap is $cap):"
		echo
		echo "| latency, refresh | the 100-feed host | the 30-feed host | any other host |"
		echo "|---|---|---|---|"
		printf '%s' "$hosts"
	} >"$work/frag/planet.md"
fi

# ---- profile -----------------------------------------------------------
if want profile; then
	if command -v perf >/dev/null 2>&1; then
		c=$(corpus 500 50)
		tp=$(throughput)
		note=$(ran profile)
		echo "bench: profiles of parse and store" >&2
		# profile NAME ROOTS PHASES CMD...: perf record CMD, then the
		# shares under ROOTS (bench/perfshare.py) as Markdown.
		profile() {
			name=$1 roots=$2 phases=$3
			shift 3
			perf record -q -N --call-graph dwarf,16384 -F 999 \
			    -o "$work/$name.perf" -- "$@" >/dev/null 2>&1
			perf script -i "$work/$name.perf" -F ip,sym,dso 2>/dev/null |
			    python3 "$top/bench/perfshare.py" --roots "$roots" \
			    --phases "$phases" --label throughput=orrery
			rm -f "$work/$name.perf"
		}
		p_parse=$(profile parse parse_feed \
		    'util_to_utf8,parse_repair_xml,xmlParseDocument,parse_rss,parse_atom,parse_html_resolve_at,parse_html_has_relative,util_clean_text,xmlFreeDoc,[malloc]' \
		    "$tp" parse -r 3 "$c"/feeds/*.xml)
		p_store=$(profile store store_feed_update,store_fetch_texts \
		    'store_fetch_texts,html_to_text,store_feed_update,store_put_entry,store_fts_put,store_exec,sqlite3VtabSync,sqlite3WalFrames,sqlite3WalDefaultHook,__libc_pwrite64,[malloc]' \
		    "$tp" store -r 1 "$work/profile.db" "$c"/feeds/*.xml)
		rm -f "$work/profile.db" "$work/profile.db-wal" "$work/profile.db-shm"
		{
			echo "## Where parse and store spend their time (\`perf\`)"
			echo
			echo "$note"
			echo
			echo "\`perf record --call-graph dwarf,16384 -F 999 -- build/bench/throughput parse -r 3 FEEDS\` (and \`... store -r 1 DB FEEDS\`) over the 500 x 50 corpus, then \`perf script -F ip,sym,dso | bench/perfshare.py --roots ... --phases ...\`. Shares are of the samples under the timed functions only (reading files and, for store, the untimed parse are left out). Inclusive: the function or anything it calls; self: the function's own code. \`[unnamed] (libsqlite3)\` is SQLite's static functions (no debug symbols installed); orrery's own code is linked into bench/throughput, shown as orrery."
			echo
			echo "### parse_feed"
			echo
			printf '%s\n' "$p_parse"
			echo
			echo "### store_fetch_texts + store_feed_update"
			echo
			printf '%s\n' "$p_store"
		} >"$work/frag/profile.md"
	else
		echo "bench: no perf (Debian: linux-perf); profile skipped" >&2
	fi
fi

# ---- side by side (the shared kit) ------------------------------------
if want sidebyside; then
	echo "bench: the shared kit with newsboat, sfeed and orrery (tune, then default)" >&2
	note=$(ran sidebyside "-m $hruns")
	data=$work/kit-data
	for scen in tune default large; do
		rm -rf "$work/kit-$scen"
		case $scen in
		tune)
			set -- --readers newsboat,sfeed,orrery --scenario tune \
			    --tune-threads "16 32 64" --latencies 50 \
			    --repeats "$hruns" --no-tui
			;;
		default)
			set -- --readers newsboat,sfeed,orrery \
			    --scenario default --repeats 1
			;;
		large) # only the stores at 100k, for the first paints below
			set -- --readers sfeed,orrery --scenario large \
			    --large-sizes 100k --large-repeats 1
			;;
		esac
		BENCH_WORK="$work/kit-$scen" BENCH_DATA="$data" \
		    ORRERY_BIN="$BIN" sh "$top/bench/run-shared.sh" "$@" >&2
	done
	# The floor's parse time: parse_feed over the same corpus.
	set -- $("$(throughput)" parse -r 3 "$data"/corpus/n500-m50-s1/feeds/*)
	parse_s=$(python3 -c "print('%.3f' % ($1 / 1e6 / $3))")
	# First paints with one probe for both (bench/tui.py, 2 ms polls)
	# on the stores the kit built: 25k (default) and 100k (large).
	paints=""
	for size in 25k 100k; do
		if [ $size = 25k ]; then
			sw=$data/work/default/lat0/sfeed/rep1
			ow=$data/work/default/lat0/orrery/rep1
		else
			sw=$data/work/large-100k/sfeed
			ow=$data/work/large-100k/orrery
		fi
		sp=$(TUI_READY='^\d{3,} +\(\d+/\d+\)' TUI_QUIT=q \
		    python3 "$top/bench/tui.py" paint "$runs" -- \
		    env HOME="$sw/home" SFEED_URL_FILE="$sw/urls_read" \
		    sh -c 'exec sfeed_curses "$0"/feeds/*' "$sw")
		op=$(python3 "$top/bench/tui.py" paint "$runs" -- \
		    env HOME="$ow/home" "$BIN" -c "$ow/config.ini" \
		    -d "$ow/orrery.db")
		paints="$paints$size $sp $op
"
	done
	{
		echo "## Side by side: newsboat, sfeed and orrery in one run of the shared kit"
		echo
		echo "$note"
		echo
		echo "\`bench/run-shared.sh\` copies \`../shared/bench\` and adds \`bench/adapters/orrery.sh\`, which gives orrery the kit's concurrency as \`max-connections\` and \`max-connections-per-host\` (the corpus is on one host). Then \`--scenario tune --tune-threads \"16 32 64\" --latencies 50 --repeats $hruns --no-tui\` and \`--scenario default --repeats 1\`; summed up by \`bench/kitsum.py\`. newsboat: \`reload-threads\`; sfeed: \`maxjobs\`; the same machine and server for all three."
		echo
		python3 "$top/bench/kitsum.py" --parse-s "$parse_s" \
		    "$work"/kit-tune/results/* "$work"/kit-default/results/*
		echo
		echo "TUI first paint on the stores the kit built (its \`default\` run for 25k, \`large --large-sizes 100k\` for 100k), both readers under one probe: \`bench/tui.py paint $runs\` (200x50 tmux, polled every 2 ms; sfeed_curses with \`TUI_READY\` set to its feed list's first row, quit with q). Median (range), peak RSS:"
		echo
		echo "| items | sfeed_curses | orrery | orrery / sfeed_curses |"
		echo "|---|---|---|---|"
		printf '%s' "$paints" | while read -r size s1 s2 s3 s4 _ _ o1 o2 o3 o4 _ _; do
			echo "| $size | $s1 s ($s2-$s3), $s4 MB | $o1 s ($o2-$o3), $o4 MB | $(python3 -c "print('%.2f×' % ($o1 / $s1))") |"
		done
	} >"$work/frag/sidebyside.md"
fi

{
	echo "# orrery benchmarks"
	echo
	echo "Made by \`make bench\` (\`bench/run.sh\`; \`bench/run.sh SECTION...\` runs only some sections and keeps the others as they are here) on $(uname -sm), $(nproc) cores. Each section says how and when it was run. Median of the runs, then the range; memory is the process's peak RSS (\`wait4\`). The machine is shared: others build and test on the same 2 cores, so look at the ranges, and at the load average a section started with."
} >"$work/frag/header.md"
python3 "$top/bench/results.py" "$out" "$work/frag" $all
cat "$out"
exit 0
