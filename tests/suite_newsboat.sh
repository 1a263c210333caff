# suite_newsboat: switching from newsboat with `orrery import
# --from-newsboat`.  The cache.db is made by the real newsboat (the Debian
# package): it fetches tests/newsboat/podcast.xml and tests/tui's planet.xml
# and atom.xml from tests/httpd.py on 127.0.0.1, `newsboat -I` marks the
# guids in tests/newsboat/read.txt read, and newsboat's own keys, sent in
# tmux, flag one entry and delete another.  Then orrery imports the
# directory and the store is checked: subscriptions with their names and
# categories, every entry with its read and starred state, the deleted one
# left out for good, the query feed reported, nothing doubled by a
# re-import or by the first refresh.
. "$TESTS/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    TMUX TMUX_PANE
export no_proxy='*' NO_PROXY='*' LANG=C.UTF-8
export TMUX_TMPDIR="$T"

need newsboat tmux python3

SOCK=nb$$
SERVER_PID=
cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- the feeds, served on 127.0.0.1 ---------------------------------------

printf '%s\n' '{"/planet.xml": {"file": "tui/planet.xml"},
 "/atom.xml": {"file": "tui/atom.xml"},
 "/podcast.xml": {"file": "newsboat/podcast.xml"}}' >"$T/routes"
start_httpd "$TESTS" 300
U=http://127.0.0.1:$PORT

# ---- newsboat makes its cache ---------------------------------------------

NB=$T/nb
mkdir -p "$NB"
sed "s/PORT/$PORT/" "$TESTS/newsboat/urls" >"$NB/urls"
: >"$NB/config"
if newsboat -u "$NB/urls" -c "$NB/cache.db" -C "$NB/config" -x reload \
    >"$T/nb.out" 2>&1 && [ -s "$NB/cache.db" ]; then
	ok "newsboat fetched the feeds into its cache.db"
else
	notok "newsboat fetched the feeds into its cache.db" \
	    "$(tail -n 5 "$T/nb.out")"
	exit 1
fi
newsboat -u "$NB/urls" -c "$NB/cache.db" -C "$NB/config" \
    -I "$TESTS/newsboat/read.txt" >"$T/nb.out" 2>&1 ||
	notok "newsboat -I marks entries read" "$(tail -n 3 "$T/nb.out")"

# screen: what newsboat's pane shows now
screen() { tmux -L "$SOCK" capture-pane -p -t nb 2>/dev/null; }
# wait_for REGEX: poll the pane (10 s at most); 1 when it never showed
wait_for() {
	_i=0
	while [ "$_i" -lt 200 ]; do
		screen | grep -Eq -- "$1" && return 0
		_i=$((_i + 1))
		sleep 0.05
	done
	return 1
}
keys() { tmux -L "$SOCK" send-keys -t nb "$@"; }

# newsboat's keys: Enter opens the first feed (Planet Py) and ^E edits the
# first article's flags; ":3" goes to the third feed (Snake Cast), where
# ":3" and D delete the pilot episode; q twice quits.
tmux -L "$SOCK" -f /dev/null new-session -d -s nb -x 120 -y 30 \
    "newsboat -u '$NB/urls' -c '$NB/cache.db' -C '$NB/config'"
drove=0
if wait_for 'Your feeds' && keys Enter &&
    wait_for "Articles in feed 'Planet Py'" && keys C-e &&
    wait_for 'Flags:' && keys s Enter && wait_for '^ +1 N!' &&
    keys q && wait_for 'Your feeds' && keys 3 Enter && keys Enter &&
    wait_for "Articles in feed 'Snake Cast'" && keys 3 Enter && keys D &&
    wait_for '^ +3 D ' && keys q && wait_for 'Your feeds' && keys q; then
	_i=0
	while tmux -L "$SOCK" has-session -t nb 2>/dev/null &&
	    [ "$_i" -lt 200 ]; do
		_i=$((_i + 1))
		sleep 0.05
	done
	tmux -L "$SOCK" has-session -t nb 2>/dev/null || drove=1
fi
if [ "$drove" = 1 ]; then
	ok "newsboat flagged one entry and deleted another, and quit"
else
	notok "newsboat flagged one entry and deleted another, and quit" \
	    "screen: $(screen | head -n 8)"
fi

# What newsboat itself recorded, so the checks below test the import and
# not a setup that went wrong.
python3 - "$NB/cache.db" >"$T/nbstate" <<'EOF'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for guid, unread, flags, deleted in db.execute(
        "SELECT guid, unread, coalesce(flags, ''), deleted FROM rss_item"
        " ORDER BY guid"):
    print("%s unread=%d flags=%s deleted=%d" % (guid, unread, flags, deleted))
EOF
if grep -q '^https://realpython.com/decorators-in-depth/ unread=0' "$T/nbstate" &&
    grep -q '^https://nedbatchelder.com/blog/202605/snake_way_for_ducklings.html unread=1 flags=s ' "$T/nbstate" &&
    grep -q '^snakecast-0 .* deleted=1' "$T/nbstate" &&
    [ "$(lines "$T/nbstate")" = 11 ]; then
	ok "newsboat's cache holds 11 entries: 3 read, 1 flagged, 1 deleted"
else
	notok "newsboat's cache holds 11 entries: 3 read, 1 flagged, 1 deleted" \
	    "$(cat "$T/nbstate")"
fi

# ---- the import ---------------------------------------------------------

DB=$T/orrery.db
o() { "$ORRERY" -d "$DB" "$@"; }

expect "import --from-newsboat DIR subscribes to every feed of urls" 0 \
    '^imported 3 feeds \(0 already subscribed\)$' "$T/out" \
    o import --from-newsboat "$NB"
grep -q '^imported 10 entries from .*cache.db: 10 new, 3 read, 1 starred' "$T/out" &&
	ok "it imports newsboat's 10 entries, 3 read, 1 flagged as starred" ||
	notok "it imports newsboat's 10 entries, 3 read, 1 flagged as starred" \
	    "$(cat "$T/out")"
grep -q '^left out 1 entry deleted in newsboat' "$T/out" &&
	ok "it says the deleted entry is left out" ||
	notok "it says the deleted entry is left out" "$(cat "$T/out")"
grep -q 'urls: line 5: query feeds are not supported: query:Unread Articles' "$T/err" &&
	ok "the query feed is reported as skipped, with its line" ||
	notok "the query feed is reported as skipped, with its line" \
	    "$(cat "$T/err")"

grep -q 'urls: line 4: the first tag, audio, is the category; not kept: python' "$T/err" &&
	ok "tags after the first are reported, not dropped silently" ||
	notok "tags after the first are reported, not dropped silently" \
	    "$(cat "$T/err")"

# snapshot: every entry of list --json into $T/list.json, and a line
# "link|source|read|starred|title|feed" each into $T/state
snapshot() {
	o list --json --limit 100 >"$T/list.json" 2>"$T/err"
	python3 - "$T/list.json" >"$T/state" <<'EOF'
import json, sys
for e in json.load(open(sys.argv[1])):
    print("%s|%s|%d|%d|%s|%s" % (e["link"], e["source"], e["read"],
          e["starred"], e["title"], e["feed_id"]))
EOF
}
# state LINK: that entry's line of $T/state
state() { grep -F "$1|" "$T/state"; }
snapshot

[ "$(lines "$T/state")" = 10 ] && ok "the store holds the 10 entries" ||
	notok "the store holds the 10 entries" "$(cat "$T/state")"
state https://realpython.com/decorators-in-depth/ | grep -q '|Real Python|1|0|Decorators in Depth|' &&
	ok "an entry read in newsboat is read, its Planet source taken from the title" ||
	notok "an entry read in newsboat is read" "$(state realpython)"
state https://nedbatchelder.com/blog/202605/snake_way_for_ducklings.html | grep -q '|Ned Batchelder|0|1|Snake way for ducklings|' &&
	ok "the flagged entry is starred and still unread" ||
	notok "the flagged entry is starred and still unread" "$(cat "$T/state")"
state https://lukasz.langa.pl/whats-new-in-black/ | grep -q '|0|0|What’s new in Black|' &&
	ok "a title newsboat keeps with an entity in it is decoded" ||
	notok "a title newsboat keeps with an entity in it is decoded" \
	    "$(state langa)"
state https://atom.example.org/2026/05/cjk | grep -q '|1|0|日本語のタイトル 🐍 絵文字|' &&
	ok "an Atom entry keeps its CJK and emoji title and read state" ||
	notok "an Atom entry keeps its CJK and emoji title" "$(cat "$T/state")"
grep -q 'cast.example.org/0/' "$T/state" &&
	notok "the deleted entry is not imported" "$(cat "$T/state")" ||
	ok "the deleted entry is not imported"

# Subscriptions: "~Planet Py" names the feed, the first tag is its folder.
o export >"$T/export.opml" 2>"$T/err"
grep -q "text=\"python\"" "$T/export.opml" &&
	grep -q "title=\"Planet Py\" xmlUrl=\"$U/planet.xml\"" "$T/export.opml" &&
	grep -q "text=\"blogs\"" "$T/export.opml" &&
	ok "the ~title names the feed and the first tag is its category" ||
	notok "the ~title names the feed and the first tag is its category" \
	    "$(cat "$T/export.opml")"

# The entry's body, enclosure and relative link came across.
id=$(python3 -c 'import json,sys
for e in json.load(open(sys.argv[1])):
    if e["link"] == "https://cast.example.org/2/": print(e["id"])' "$T/list.json")
o show "$id" --width 80 >"$T/show" 2>"$T/err"
# (The enclosure's header line takes link [1]; the body's links follow.)
grep -q 'Show notes are here\[2\]' "$T/show" &&
	grep -Fxq '▶ audio/mpeg [1]' "$T/show" &&
	grep -Fxq '[1] https://cast.example.org/2.mp3' "$T/show" &&
	grep -q 'https://cast.example.org/2/notes.html' "$T/show" &&
	ok "a body's relative link is resolved against the entry" ||
	notok "a body's relative link is resolved against the entry" \
	    "$(cat "$T/show" "$T/err")"
expect "search finds an imported body" 0 'No guid at all' "$T/out" \
    o search zebrafish

# ---- again, and then a refresh: nothing doubles ------------------------------

expect "a second import adds nothing" 0 \
    '^imported 10 entries from .*: 0 new, 3 read, 1 starred' "$T/out" \
    o import --from-newsboat "$NB"
expect "the first refresh finds no new entries (ids agree with newsboat's)" \
    0 '^3 feeds: 3 fetched, 0 not modified, 0 failed, 0 new entries$' \
    "$T/out" o refresh
snapshot
[ "$(lines "$T/state")" = 10 ] &&
	state https://realpython.com/decorators-in-depth/ | grep -q '|1|0|' &&
	state https://nedbatchelder.com/blog/202605/snake_way_for_ducklings.html | grep -q '|0|1|' &&
	ok "after the refresh: still 10 entries, read and starred kept, the deleted one not back" ||
	notok "after the refresh: still 10 entries, state kept" "$(cat "$T/state")"

# Importing after a refresh changes nothing orrery has: the same list,
# the same bodies.
o list --json --limit 100 >"$T/before.json" 2>/dev/null
o show "$id" --width 80 >"$T/before.show" 2>/dev/null
o import --from-newsboat "$NB" >/dev/null 2>&1
o list --json --limit 100 >"$T/after.json" 2>/dev/null
o show "$id" --width 80 >"$T/after.show" 2>/dev/null
cmp -s "$T/before.json" "$T/after.json" && cmp -s "$T/before.show" "$T/after.show" &&
	ok "importing again after a refresh leaves every entry as it was" ||
	notok "importing again after a refresh leaves every entry as it was" \
	    "$(diff "$T/before.json" "$T/after.json" | head -n 5)"

# Read in orrery, unread in newsboat: importing again keeps it read.
nid=$(python3 -c 'import json,sys
for e in json.load(open(sys.argv[1])):
    if e["link"] == "https://cast.example.org/1/": print(e["id"])' "$T/list.json")
o mark read "$nid" >/dev/null 2>&1
o import --from-newsboat "$NB" >/dev/null 2>&1
o list --json --limit 100 >"$T/list.json" 2>/dev/null
python3 -c 'import json,sys
sys.exit(0 if any(e["id"] == int(sys.argv[2]) and e["read"] for e in json.load(open(sys.argv[1]))) else 1)' "$T/list.json" "$nid"
[ $? -eq 0 ] && ok "an entry read in orrery stays read when newsboat still has it unread" ||
	notok "an entry read in orrery stays read" "$(cat "$T/list.json" | head -c 300)"

# ---- where newsboat's files are looked for ---------------------------------

rm -f "$DB"
mkdir -p "$HOME/.newsboat"
cp "$NB/urls" "$NB/cache.db" "$HOME/.newsboat/"
expect "without DIR it reads ~/.newsboat" 0 \
    '^imported 10 entries from .*/\.newsboat/cache\.db' "$T/out" \
    o import --from-newsboat
rm -rf "$HOME/.newsboat" "$DB"
mkdir -p "$T/xc/newsboat" "$T/xd/newsboat"
cp "$NB/urls" "$T/xc/newsboat/"
cp "$NB/cache.db" "$T/xd/newsboat/"
expect "else XDG_CONFIG_HOME/newsboat/urls and XDG_DATA_HOME/newsboat/cache.db" \
    0 "^imported 10 entries from $T/xd/newsboat/cache.db" "$T/out" \
    env XDG_CONFIG_HOME="$T/xc" XDG_DATA_HOME="$T/xd" \
    "$ORRERY" -d "$DB" import --from-newsboat

# ---- what goes wrong --------------------------------------------------------

rm -f "$DB"
expect "a directory without urls is an error that says what to do" 1 \
    "$T/none/urls: No such file or directory: is newsboat's directory elsewhere\\? \\(orrery import --from-newsboat DIR\\)" \
    "$T/err" o import --from-newsboat "$T/none"
mkdir -p "$T/only"
cp "$NB/urls" "$T/only/"
expect "no cache.db: the subscriptions only, and it says so" 0 \
    '^imported 3 feeds' "$T/out" o import --from-newsboat "$T/only"
grep -q "$T/only/cache.db: No such file or directory: only the subscriptions were imported" "$T/err" &&
	ok "the missing cache is named on stderr" ||
	notok "the missing cache is named on stderr" "$(cat "$T/err")"

mkdir -p "$T/bad"
cp "$NB/urls" "$T/bad/"
python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("CREATE TABLE t(x)")' "$T/bad/cache.db"
expect "a cache.db that is not newsboat's is an error naming it" 1 \
    "$T/bad/cache.db: not a newsboat cache \\(no rss_item.feedurl\\)" \
    "$T/err" o import --from-newsboat "$T/bad"
head -c 4096 /dev/urandom >"$T/bad/cache.db"
expect "a cache.db that is not a database is an error naming it" 1 \
    "$T/bad/cache.db: " "$T/err" o import --from-newsboat "$T/bad"
expect "the store is intact after those errors" 0 '^ +[0-9]+ +0/0 ' \
    "$T/out" o feeds
expect "without HOME or XDG directories it asks for newsboat's directory" 1 \
    "where is newsboat\\? set HOME, or give its directory" "$T/err" \
    env -u HOME -u XDG_CONFIG_HOME -u XDG_DATA_HOME \
    "$ORRERY" -d "$DB" import --from-newsboat
expect "--from-newsboat takes one directory" 2 \
    'orrery import: --from-newsboat takes one directory, or none' "$T/err" \
    o import --from-newsboat a b
