# suite_upgrade: opening a store made by an older orrery (schema 2, from
# tests/dedup/old-store.sql).  A long upgrade says so in one line on
# stderr, from the commands and from the reader before its screen; a
# short one says nothing.  A FeedBurner post stored before knew no
# origLink: its feed is fetched whole at the next refresh (not answered
# 304 from the old validators), and the post merges then.
. "$TESTS/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    TMUX TMUX_PANE
export no_proxy='*' NO_PROXY='*'

need python3

FIX=$TESTS/dedup
CFG=$T/config.ini
printf '[general]\nrefresh-on-start = no\ntimeout = 5\n' >"$CFG"

# oldstore DB EXTRA: the old store, with EXTRA more entries of Alice's
# feed (short ones: the upgrade's work is per entry).
oldstore() {
	rm -f "$1" "$1-wal" "$1-shm"
	python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(open(sys.argv[2]).read())
db.execute("""WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
    FROM n WHERE i < ?) INSERT INTO entries(feed_id, guid, link, title,
    source, published, first_seen, time, summary)
    SELECT 2, "extra-" || i, "https://alice.example/extra/" || i,
    "Extra " || i, "Alice" || char(39) || "s notebook", 1700000000 + i,
    1796651516, 1700000000 + i, "<p>x</p>" FROM n""", (int(sys.argv[3]),))
db.commit()
db.close()' "$1" "$FIX/old-store.sql" "$2"
}

# ---- the notice -------------------------------------------------------

DB=$T/big.db
oldstore "$DB" 150000
if run "list on a large old store" 0 "$ORRERY" -c "$CFG" -d "$DB" list --limit 1; then
	if grep -q '^orrery: upgrading the store (150,010 entries)' "$T/err" &&
		[ "$(lines "$T/err")" = 1 ]; then
		ok "a long upgrade says so in one line"
	else
		notok "a long upgrade says so in one line" "stderr: $(head -c 300 "$T/err")"
	fi
fi
if run "list again" 0 "$ORRERY" -c "$CFG" -d "$DB" list --limit 1 && [ ! -s "$T/err" ]; then
	ok "an upgraded store opens silently"
else
	notok "an upgraded store opens silently" "stderr: $(head -c 300 "$T/err")"
fi

DB=$T/small.db
oldstore "$DB" 0
if run "list on a small old store" 0 "$ORRERY" -c "$CFG" -d "$DB" list && [ ! -s "$T/err" ]; then
	ok "a short upgrade says nothing"
else
	notok "a short upgrade says nothing" "stderr: $(head -c 300 "$T/err")"
fi

# The reader says it on stderr before its screen.
if command -v tmux >/dev/null 2>&1; then
	DB=$T/reader.db
	oldstore "$DB" 150000
	export TMUX_TMPDIR="$T"
	S=orrery-upgrade-$$
	trap 'tmux -L "$S" kill-server >/dev/null 2>&1' EXIT
	SHELL=/bin/sh tmux -L "$S" -f /dev/null new-session -d -x 100 -y 30 \
	    "env TERM=screen-256color LANG=C.UTF-8 '$ORRERY' -d '$DB' -c '$CFG' 2>'$T/reader.err'; sleep 600"
	_n=300
	while [ "$_n" -gt 0 ]; do
		tmux -L "$S" capture-pane -p >"$T/screen" 2>/dev/null
		grep -q "Generators all the way down" "$T/screen" && break
		_n=$((_n - 1))
		sleep 0.1
	done
	tmux -L "$S" send-keys Q
	if grep -q '^orrery: upgrading the store (150,010 entries)' "$T/reader.err"; then
		ok "the reader says so before its screen"
	else
		notok "the reader says so before its screen" "stderr: $(head -c 300 "$T/reader.err"); screen: $(head -c 300 "$T/screen")"
	fi
	tmux -L "$S" kill-server >/dev/null 2>&1
else
	notok "tmux is installed" "the reader check needs tmux"
fi

# ---- FeedBurner posts stored before the upgrade ------------------------

# Carol's feed as the old store knew it, served with the Last-Modified
# the store holds: the old validators would get 304.
cat >"$T/routes" <<'EOF2'
{"/carol.xml": {"file": "carol.xml",
  "last_modified": "Mon, 07 Dec 2026 13:51:55 GMT"}}
EOF2
start_httpd "$FIX"
trap 'kill "$SERVER_PID" 2>/dev/null; tmux -L "$S" kill-server >/dev/null 2>&1' EXIT
U=http://127.0.0.1:$PORT
DB=$T/burner.db
oldstore "$DB" 0
python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE feeds SET url = ? WHERE id = 4", (sys.argv[2],))
db.commit()' "$DB" "$U/carol.xml"
burned() {
	"$ORRERY" -c "$CFG" -d "$DB" list --json --limit 100 | python3 -c '
import json, sys
print(len([p for p in json.load(sys.stdin) if p["title"] == "Fed through a burner"]))'
}
n=$(burned)
[ "$n" = 2 ] || notok "the old store holds Carol's post twice" "$n"
if run "refresh Carol's feed" 0 "$ORRERY" -c "$CFG" -d "$DB" refresh "$U/carol.xml"; then
	n=$(burned)
	if [ "$n" = 1 ]; then
		ok "a FeedBurner post stored before the upgrade merges at the next refresh"
	else
		notok "a FeedBurner post stored before the upgrade merges at the next refresh" \
		    "$n copies shown; server log: $(tail -c 300 "$T/http.log" 2>/dev/null)"
	fi
fi
