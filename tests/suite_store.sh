# suite_store: the store through the real command line.  OPML import and
# export round trips, list/search/mark/remove, --offline, a reader that
# queries while a large refresh writes, and `kill -9` of refresh at random
# moments.  Feeds come from a loopback tests/httpd.py or from file:// URLs;
# the store is checked with python3's sqlite3 module.
. "$TESTS/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*' NO_PROXY='*'

DB="$T/store.db"
O() { "$ORRERY" -c "$T/config.ini" -d "$DB" "$@"; }
printf '[general]\ndefault-feed = file://%s/parse/rss2-basic.in\n' \
    "$TESTS" >"$T/config.ini"

# py EXPR...: run python3 with the store path in DB.
py() { DB="$DB" T="$T" python3 -c "$1"; }

# ---- import / export -----------------------------------------------------

run "import OPML" 0 O import "$TESTS/opml/nested.opml" &&
	if grep -Eq '^imported [1-9][0-9]* feeds? \(0 already subscribed\)$' "$T/out"; then
		ok "import OPML"
	else
		notok "import OPML" "$(cat "$T/out")"
	fi
n1=$(O feeds --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
run "re-import adds nothing" 0 O import "$TESTS/opml/nested.opml" &&
	if grep -Eq '^imported 0 feeds \([1-9][0-9]* already subscribed\)$' "$T/out"; then
		ok "re-import adds nothing"
	else
		notok "re-import adds nothing" "$(cat "$T/out")"
	fi
O export >"$T/export.opml"
O feeds --json >"$T/feeds1.json"
DB2="$T/store2.db"
"$ORRERY" -c "$T/config.ini" -d "$DB2" import "$T/export.opml" >/dev/null 2>&1
"$ORRERY" -c "$T/config.ini" -d "$DB2" feeds --json >"$T/feeds2.json"
if python3 - "$T/feeds1.json" "$T/feeds2.json" <<'EOF'; then
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
key = lambda f: (f["url"], f["name"] or f["title"], f["category"])
sa = sorted(map(key, a)); sb = sorted(map(key, b))
if sa != sb or not any(f["category"] for f in a):
    print(sa, sb); sys.exit(1)
EOF
	ok "export then import gives the same feeds, names and folders"
else
	notok "export then import gives the same feeds, names and folders" \
	    "$(head -c 300 "$T/feeds2.json")"
fi
[ "$n1" -gt 0 ] && ok "imported feeds are listed" ||
	notok "imported feeds are listed" "none"

run "import a newsboat urls file" 0 O import "$TESTS/opml/newsboat-urls"
if grep -q 'query' "$T/err" && grep -q '^imported' "$T/out"; then
	ok "newsboat query: lines are reported, not dropped silently"
else
	notok "newsboat query: lines are reported, not dropped silently" \
	    "$(cat "$T/err" "$T/out")"
fi
expect "import of a missing file fails" 1 "nope.opml" "$T/err" \
    O import "$T/nope.opml"
expect "import refuses an RSS feed" 1 "not OPML" "$T/err" \
    O import "$TESTS/parse/rss2-basic.in"

# ---- entries through the CLI --------------------------------------------

DB="$T/entries.db"
O add "file://$TESTS/parse/planet-rss20.in" >/dev/null
O add "file://$TESTS/parse/atom10-basic.in" >/dev/null
run "refresh file:// feeds" 0 O refresh &&
	if grep -Eq '^2 feeds: 2 fetched, 0 not modified, 0 failed, [1-9][0-9]* new entries$' "$T/out"; then
		ok "refresh file:// feeds"
	else
		notok "refresh file:// feeds" "$(cat "$T/out")"
	fi
grep -q planetpython "$T/out" && notok "no default feed after add" "subscribed" ||
	ok "no default feed after add"
total=$(O list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
first=$(O list --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
run "mark read and star" 0 O mark read "$first" && run "star" 0 O mark star "$first" &&
	O list --json --starred >"$T/starred.json" &&
	if python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); sys.exit(not (len(l)==1 and l[0]["read"] and l[0]["starred"]))' "$T/starred.json"; then
		ok "mark read and star"
	else
		notok "mark read and star" "$(cat "$T/starred.json")"
	fi
unread=$(O list --json --unread | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$unread" -eq $((total - 1)) ] && ok "list --unread" ||
	notok "list --unread" "$unread of $total"
expect "mark an unknown id fails" 1 \
    "^orrery: no entry with id 99999 \(ids: orrery list\)$" "$T/err" \
    O mark read 99999
expect "show an unknown id says where the ids are" 1 \
    "^orrery: no entry with id 99999 \(ids: orrery list\)$" "$T/err" \
    O show 99999
expect "mark with a bad verb is a usage error" 2 "usage" "$T/err" \
    O mark frob 1
expect "mark with a bad verb names the verbs" 2 \
    "^orrery mark: not read, unread, star or unstar: frob$" "$T/err" \
    O mark frob 1
expect "mark without ids says where the ids are" 2 \
    "^orrery mark: which entries\? \(ids: orrery list\)$" "$T/err" \
    O mark read
expect "search a word" 0 "Black" "$T/out" O search black
expect "search a prefix" 0 "Snake way" "$T/out" O search 'duck*'
expect "search a phrase" 0 "Snake way" "$T/out" O search '"snake way"'
expect "a bad search is one clear error" 2 \
    '^orrery search: unterminated quote: "unbalanced$' "$T/err" \
    O search '"unbalanced'
run "what FTS5 would take as syntax is words" 0 O search 'a OR' &&
	ok "what FTS5 would take as syntax is words"
grep -q fts5 "$T/err" && notok "a search does not say fts5" "$(cat "$T/err")" ||
	ok "a search does not say fts5"
expect "list --source" 0 "Ned Batchelder: Snake" "$T/out" \
    O list --source "Ned Batchelder"
[ "$(lines "$T/out")" = 1 ] && ok "list --source shows only that source" ||
	notok "list --source shows only that source" "$(cat "$T/out")"
expect "list --sources names each source once" 0 '^Ned Batchelder$' "$T/out" \
    O list --sources
[ "$(sort -u "$T/out" | lines /dev/stdin)" = "$(lines "$T/out")" ] &&
	sort -c "$T/out" 2>/dev/null && grep -qx 'Real Python' "$T/out" &&
	ok "list --sources is sorted, without repeats" ||
	notok "list --sources is sorted, without repeats" "$(cat "$T/out")"
expect "list --since" 0 "" "$T/out" O list --since 2026-05-29
[ "$(lines "$T/out")" -ge 1 ] && [ "$(lines "$T/out")" -lt "$total" ] &&
	ok "list --since filters" || notok "list --since filters" "$(cat "$T/out")"
expect "list --limit must be positive" 2 "positive" "$T/err" \
    O list --limit 0
expect "list --since with no date says the forms" 2 \
    "^orrery list: --since: not a date: yesterday \(2026-05-29, " "$T/err" \
    O list --since yesterday

# Feed text cannot reach the terminal raw: list prints cleaned text.
printf '<rss version="2.0"><channel><title>Evil</title><item><guid>x</guid><title>a&#x9b;2Jb</title></item></channel></rss>' >"$T/evil.xml"
O add "file://$T/evil.xml" >/dev/null
O refresh >/dev/null 2>&1
O list >"$T/list.txt"
if LC_ALL=C grep -q "$(printf '\302\233')" "$T/list.txt" ||
    LC_ALL=C grep -q "$(printf '\033')" "$T/list.txt"; then
	notok "no escape sequence reaches the terminal" "raw control in list"
else
	ok "no escape sequence reaches the terminal"
fi

# Feeds by name: --names and --urls print one per line (the shell
# completions use them); refresh and remove take the name too.
O feeds --names >"$T/names"
O feeds --urls >"$T/urls"
grep -qx 'Evil' "$T/names" && [ "$(lines "$T/names")" = "$(lines "$T/urls")" ] &&
	grep -qx "file://$T/evil.xml" "$T/urls" &&
	ok "feeds --names and --urls list every feed, one per line" ||
	notok "feeds --names and --urls list every feed, one per line" \
	    "$(cat "$T/names" "$T/urls")"
expect "refresh takes a feed's name" 0 '^1 feed: 1 fetched' "$T/out" \
    O refresh --force Evil
O add "file://$T/evil2.xml" --name Evil >/dev/null
expect "a name two feeds have is an error asking for the id or URL" 1 \
    'Evil names more than one feed: give its id or URL' "$T/err" \
    O remove Evil
O remove "file://$T/evil2.xml" >/dev/null
expect "an unknown name says where the names are" 1 \
    'no feed with URL or name Nobody \(orrery feeds lists them\)' "$T/err" \
    O refresh Nobody
run "remove a feed by name" 0 O remove Evil &&
	if grep -q "^removed feed [0-9]*: file://$T/evil.xml" "$T/out"; then ok "remove a feed by name"; else notok "remove a feed by name" "$(cat "$T/out")"; fi
O add "file://$T/evil.xml" >/dev/null
O refresh >/dev/null 2>&1

run "remove a feed" 0 O remove "file://$T/evil.xml" &&
	if grep -q '^removed feed' "$T/out"; then ok "remove a feed"; else notok "remove a feed" "$(cat "$T/out")"; fi
expect "remove an unknown feed fails" 1 "no feed" "$T/err" O remove 4242
expect "an unknown feed id says where the ids are" 1 \
    "^orrery: no feed with id 4242 \(orrery feeds lists them\)$" "$T/err" \
    O refresh 4242

# A store that cannot be opened: the path, why, and what to check.
expect "a store that is no database names it and -d" 1 \
    "^orrery: $T/config.ini: file is not a database \(check the path given to -d\)$" \
    "$T/err" "$ORRERY" -c "$T/config.ini" -d "$T/config.ini" list
expect "a store under a file names it and -d" 1 \
    "^orrery: $T/config.ini/x.db: cannot open the store: .*\(check the path given to -d\)$" \
    "$T/err" "$ORRERY" -c "$T/config.ini" -d "$T/config.ini/x.db" list

# --offline never fetches.
O feeds --json >"$T/before.json"
run "--offline refresh" 0 O --offline refresh &&
	if grep -q offline "$T/err"; then ok "--offline refresh says so"; else notok "--offline refresh says so" "$(cat "$T/err")"; fi
O feeds --json >"$T/after.json"
cmp -s "$T/before.json" "$T/after.json" && ok "--offline touches nothing" ||
	notok "--offline touches nothing" "feeds changed"
expect "--offline import of a URL is refused" 1 "offline" "$T/err" \
    O import --offline http://127.0.0.1:9/opml.xml

# ---- first start ----------------------------------------------------------

DB="$T/first.db"
O refresh >/dev/null 2>&1
O feeds --json >"$T/first.json"
if grep -q 'rss2-basic.in' "$T/first.json"; then
	ok "first refresh of an empty store subscribes to default-feed"
else
	notok "first refresh of an empty store subscribes to default-feed" "$(cat "$T/first.json")"
fi
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$T/first.json")
O remove "$id" >/dev/null
O refresh >/dev/null 2>&1
O feeds --json >"$T/first2.json"
[ "$(cat "$T/first2.json")" = "[]" ] &&
	ok "a removed default feed is not subscribed again" ||
	notok "a removed default feed is not subscribed again" "$(cat "$T/first2.json")"

# ---- a big refresh: readers never see half a feed; kill -9 is safe -------

mkdir -p "$T/www"
python3 - "$T/www" <<'EOF'
import sys
d = sys.argv[1]
for f in range(60):
    items = "".join(
        "<item><guid>f%d-i%d</guid><title>Feed %d post %d</title>"
        "<link>http://example.org/%d/%d</link><pubDate>Fri, 29 May 2026 %02d:%02d:00 +0000</pubDate>"
        "<description>&lt;p&gt;%s&lt;/p&gt;</description></item>"
        % (f, i, f, i, f, i, i % 24, f % 60, "words " * 200) for i in range(50))
    open("%s/f%d.xml" % (d, f), "w").write(
        '<rss version="2.0"><channel><title>Feed %d</title>%s</channel></rss>' % (f, items))
routes = {"/f%d.xml" % f: {"file": "f%d.xml" % f, "delay_ms": 30} for f in range(60)}
import json
open(d + "/routes.json", "w").write(json.dumps(routes))
EOF
python3 "$TESTS/httpd.py" --root "$T/www" --routes "$T/www/routes.json" \
    --log "$T/www.log" --port-file "$T/www.port" --max-seconds 900 \
    2>"$T/www.err" &
SPID=$!
trap 'kill $SPID 2>/dev/null' EXIT
i=0
while [ ! -s "$T/www.port" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(cat "$T/www.port")
# import from a URL: downloaded over HTTP, then read like a file.
cp "$TESTS/opml/planetpython-sample.opml" "$T/www/subs.opml"
python3 - "$T/www/routes.json" <<'EOF2'
import json, sys
r = json.load(open(sys.argv[1]))
r["/subs.opml"] = {"file": "subs.opml"}
json.dump(r, open(sys.argv[1], "w"))
EOF2
DB="$T/url.db"
run "import from a URL" 0 O import "http://127.0.0.1:$PORT/subs.opml" &&
	if grep -Eq '^imported 20 feeds \(0 already subscribed\)$' "$T/out"; then
		ok "import from a URL"
	else
		notok "import from a URL" "$(cat "$T/out")"
	fi
expect "import of a URL that fails names the status" 1 "HTTP 404" "$T/err" \
    O import "http://127.0.0.1:$PORT/missing.opml"

DB="$T/big.db"
printf '[general]\ndefault-feed = http://127.0.0.1:%s/f0.xml\nmax-connections = 8\nmax-connections-per-host = 8\n' \
    "$PORT" >"$T/config.ini"
for f in $(seq 0 59); do O add "http://127.0.0.1:$PORT/f$f.xml" >/dev/null; done

O refresh >"$T/big.out" 2>"$T/big.err" &
RPID=$!
bad=0
reads=0
while kill -0 $RPID 2>/dev/null && [ $reads -lt 400 ]; do
	if ! O feeds --json >"$T/r.json" 2>"$T/r.err"; then
		bad="feeds failed: $(cat "$T/r.err")"
		break
	fi
	if ! python3 -c '
import json, sys
for f in json.load(open(sys.argv[1])):
    if f["total"] not in (0, 50): sys.exit("%s has %d entries" % (f["url"], f["total"]))
' "$T/r.json" 2>"$T/r.err"; then
		bad="half a feed: $(cat "$T/r.err")"
		break
	fi
	if ! O list --json --limit 500 >/dev/null 2>"$T/r.err"; then
		bad="list failed: $(cat "$T/r.err")"
		break
	fi
	reads=$((reads + 1))
done
wait $RPID
[ "$bad" = 0 ] && [ $reads -gt 0 ] &&
	ok "readers during a big refresh see whole feeds and no errors" ||
	notok "readers during a big refresh see whole feeds and no errors" "$bad (reads $reads)"
grep -q '^60 feeds: 60 fetched, 0 not modified, 0 failed, 3000 new entries$' "$T/big.out" &&
	ok "the big refresh stored every entry" ||
	notok "the big refresh stored every entry" "$(cat "$T/big.out" "$T/big.err")"

# Read and star some entries, then kill -9 refresh at random moments
# while it rewrites every feed (changed content, forced).
O list --json --limit 3000 | python3 -c '
import json, sys
ids = [e["id"] for e in json.load(sys.stdin)]
print(" ".join(map(str, ids[::97])))' >"$T/marked"
O mark read $(cat "$T/marked")
O mark star $(cat "$T/marked")
for round in 1 2 3 4 5 6; do
	sed -i "s/words/w$round/g" "$T"/www/f*.xml
	# orrery itself in the background, not the function O: kill -9 of
	# $! would kill only the subshell running O and leave orrery going.
	"$ORRERY" -c "$T/config.ini" -d "$DB" refresh --force \
	    >/dev/null 2>&1 &
	KPID=$!
	sleep "0.$((RANDOM % 9 + 1))"
	kill -9 $KPID 2>/dev/null
	wait $KPID 2>/dev/null
done
if py '
import os, sqlite3, sys
db = sqlite3.connect(os.environ["DB"])
r = db.execute("PRAGMA integrity_check").fetchone()[0]
if r != "ok": sys.exit(r)
bad = db.execute("SELECT count(*) FROM feeds f WHERE total != (SELECT count(*) FROM entries e WHERE e.feed_id = f.id AND e.dup = 0) OR unread != (SELECT count(*) FROM entries e WHERE e.feed_id = f.id AND e.dup = 0 AND read = 0)").fetchone()[0]
if bad: sys.exit("%d feeds with wrong counts" % bad)
' 2>"$T/k.err"; then
	ok "kill -9 during refresh: integrity_check ok, counts consistent"
else
	notok "kill -9 during refresh: integrity_check ok, counts consistent" "$(cat "$T/k.err")"
fi
O list --json --starred --limit 3000 | python3 -c '
import json, sys
want = set(map(int, open(sys.argv[1]).read().split()))
got = {e["id"] for e in json.load(sys.stdin) if e["read"] and e["starred"]}
sys.exit(0 if got == want else "lost %s" % sorted(want - got))' "$T/marked" 2>"$T/k.err" &&
	ok "kill -9 during refresh loses no read or starred state" ||
	notok "kill -9 during refresh loses no read or starred state" "$(cat "$T/k.err")"
run "a refresh after the kills succeeds" 0 O refresh --force &&
	ok "a refresh after the kills succeeds"
