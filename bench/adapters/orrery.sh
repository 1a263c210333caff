#!/bin/sh
# Adapter for ../shared/bench (the side-by-side kit; contract in its
# adapters/README.md).  bench/run-shared.sh copies the kit, puts this file
# into its adapters/ and runs it; ORRERY_BIN names the binary.
set -eu
action="${1:-}"
wd="${2:-}"
# The kit's thread count (8, as newsboat and sfeed get), unless
# ORRERY_CONNECTIONS says otherwise (adapters/orrery-c32.sh: 32).
threads="${ORRERY_CONNECTIONS:-${BENCH_THREADS:-8}}"
BIN="${ORRERY_BIN:-orrery}"

r_env() {
	# keep the reader away from the real $HOME
	printf 'env LC_ALL=C.UTF-8 HOME=%s/home XDG_CONFIG_HOME=%s/home/.config XDG_DATA_HOME=%s/home/.local/share XDG_CACHE_HOME=%s/home/.cache ' "$wd" "$wd" "$wd" "$wd"
}

case "$action" in
version)
	"$BIN" --version 2>/dev/null | head -n 1
	;;
describe)
	echo "max-connections=${threads}, max-connections-per-host=${threads}; one fetch thread over curl multi, parse+store on one worker per core; conditional GET (ETag + If-Modified-Since); Accept-Encoding (gzip/deflate/br); store: SQLite WAL + FTS5"
	;;
setup)
	[ -n "$wd" ] || { echo "setup: WORKDIR missing" >&2; exit 2; }
	rm -rf "$wd"
	mkdir -p "$wd/home/.config" "$wd/home/.local/share" "$wd/home/.cache"
	# The kit's corpus lives on one host, so the per-host cap is the
	# concurrency: give both the kit's thread count.
	cat > "$wd/config.ini" <<CFG
[general]
max-connections = ${threads}
max-connections-per-host = ${threads}
timeout = 60
default-feed = ""
# The kit times the first paint of a reader that does not fetch on
# start (newsboat's default, sfeed_curses never does).
refresh-on-start = no
CFG
	env HOME="$wd/home" "$BIN" -c "$wd/config.ini" -d "$wd/orrery.db" \
	    import "$BENCH_OPML" >/dev/null
	;;
cmd-refresh)
	# --force: the kit's warm runs must ask every feed (not skip by
	# Cache-Control), which is what the other readers do.
	echo "$(r_env)$BIN -c $wd/config.ini -d $wd/orrery.db refresh --force"
	;;
cmd-startup)
	echo "$(r_env)$BIN -c $wd/config.ini -d $wd/orrery.db feeds"
	;;
cmd-tui)
	echo "$(r_env)$BIN -c $wd/config.ini -d $wd/orrery.db"
	;;
tui-ready-regex)
	# A day heading: drawn only once entries are on the screen.
	echo '── [A-Za-z]+ [0-9]+ [A-Za-z]+ [0-9]{4} ─'
	;;
tui-quit-keys)
	echo "Q"
	;;
count)
	python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from entries").fetchone()[0])' "$wd/orrery.db"
	;;
store-paths)
	for f in "$wd/orrery.db" "$wd/orrery.db-wal"; do [ -e "$f" ] && echo "$f"; done; true
	;;
*)
	echo "usage: $0 {version|describe|setup|cmd-refresh|cmd-startup|cmd-tui|tui-ready-regex|tui-quit-keys|count|store-paths} [WORKDIR]" >&2
	exit 2
	;;
esac
