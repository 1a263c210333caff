# suite_fulltext: whole articles.  `orrery show ID --full` fetches the
# post's page from a server on 127.0.0.1 (counting requests), extracts
# the article, keeps it in the store and prints it; the second time it
# reads it from the store with no request, and with the server stopped.
# The kept article is searchable like the feed's text, stays so when the
# feed's copy of the post changes, and goes with its entry.  Failures
# (404, not HTML, a timeout, a page with no article) are one line, exit 1.
. "$TESTS/lib.sh"
need python3 sqlite3

DB=$T/f.db
cat >"$T/c.ini" <<'EOF2'
[general]
default-feed = ""
timezone = utc
timeout = 1
user-agent = orrery-test/19
EOF2
orr() { "$ORRERY" -c "$T/c.ini" -d "$DB" "$@"; }
routes() { # JSON: the routes, written whole
	printf '%s\n' "$1" >"$T/routes.tmp" && mv "$T/routes.tmp" "$T/routes"
}
ROUTES='{
 "/feed.xml": {"file": "fulltext/feed.xml"},
 "/posts/typed/": {"file": "article/hugo.html", "etag": "\"v1\"",
                   "content_type": "text/html; charset=utf-8"},
 "/posts/missing/": {"status": 404, "body": "<html><body>gone</body></html>",
                     "content_type": "text/html"},
 "/posts/slides.pdf": {"body": "%PDF-1.4 not a page", "content_type": "application/pdf"},
 "/posts/slow/": {"file": "article/hugo.html", "delay_ms": 4000},
 "/posts/links/": {"file": "fulltext/links.html", "content_type": "text/html"}
}'
routes "$ROUTES"
start_httpd "$TESTS"
trap 'kill $SERVER_PID 2>/dev/null' EXIT
URL=http://127.0.0.1:$PORT
orr add "$URL/feed.xml" >/dev/null 2>&1
run "refresh the teaser feed" 0 orr refresh
id_of() { # guid
	orr list --json | python3 -c '
import json, sys
print([e["id"] for e in json.load(sys.stdin) if e["guid"] == sys.argv[1]][0])' "$1"
}
hits() { # path: requests the server answered for it
	python3 -c '
import json, sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["path"] == sys.argv[2]))' \
	    "$T/http.log" "$1"
}
TYPED=$(id_of post-typed)

run "search: an article's word is not in the teaser" 0 orr search morning &&
	[ ! -s "$T/out" ] && ok "search: an article's word is not in the teaser" ||
	notok "search: an article's word is not in the teaser" "$(cat "$T/out")"

# The first --full fetches and shows the article.
if run "show --full fetches the article" 0 orr show "$TYPED" --full --width 200; then
	miss=
	while IFS= read -r l; do
		grep -Fq -- "$l" "$T/out" || miss="$miss [$l]"
	done <"$TESTS/article/hugo.present"
	[ -z "$miss" ] && ok "show --full fetches the article" ||
		notok "show --full fetches the article" "missing:$miss"
fi
cp "$T/out" "$T/first"
grep -q '^Typed settings$\|^Typed settings ' "$T/first" &&
	grep -Fq "$URL/posts/typed/" "$T/first" &&
	ok "show --full: the entry's header above the article" ||
	notok "show --full: the entry's header above the article" "$(head -5 "$T/first")"
grep -Fq 'Tags' "$T/first" && grep -Fq 'Table of Contents' "$T/first" &&
	notok "show --full: no boilerplate" "$(cat "$T/first")" ||
	ok "show --full: no boilerplate"
[ "$(hits /posts/typed/)" = 1 ] && ok "show --full: one request for the page" ||
	notok "show --full: one request for the page" "$(hits /posts/typed/)"
python3 - "$T/http.log" <<'EOF2' && ok "show --full: the feeds' user agent" || notok "show --full: the feeds' user agent" "$(tail -1 "$T/http.log")"
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
r = [x for x in r if x["path"] == "/posts/typed/"]
assert r and r[0]["user_agent"] == "orrery-test/19", r
EOF2

# The second reads the store: no request; then not even a server.
run "show --full again" 0 orr show "$TYPED" --full --width 200
cmp -s "$T/out" "$T/first" && [ "$(hits /posts/typed/)" = 1 ] &&
	ok "show --full again: from the store, no request" ||
	notok "show --full again: from the store, no request" \
	    "requests $(hits /posts/typed/); $(diff "$T/first" "$T/out" | head -5)"

# Searchable like the feed's text, and still after the feed's copy changes.
expect "search finds a word of the kept article" 0 "^ *$TYPED\\b|\\b$TYPED\\b" \
    "$T/out" orr search morning
ROUTES2=$(printf '%s' "$ROUTES" | sed 's#fulltext/feed.xml#fulltext/feed2.xml#')
routes "$ROUTES2"
run "refresh a changed teaser" 0 orr refresh --force
expect "search: the article's words stay when the teaser changes" 0 \
    "\\b$TYPED\\b" "$T/out" orr search morning
expect "search: the changed teaser's words are found too" 0 \
    "\\b$TYPED\\b" "$T/out" orr search edited

# Failures: one line naming the page, exit 1, nothing on stdout.
fails() { # name guid pattern
	_id=$(id_of "$2")
	run "$1" 1 orr show "$_id" --full || return
	if [ "$(lines "$T/err")" = 1 ] && [ ! -s "$T/out" ] &&
	    grep -Eq -- "$3" "$T/err"; then
		ok "$1"
	else
		notok "$1" "$(cat "$T/err") / out: $(head -c 200 "$T/out")"
	fi
}
fails "show --full: a 404 is one line" post-missing \
    "^orrery: $URL/posts/missing/: HTTP 404 Not Found\$"
fails "show --full: not HTML is one line" post-pdf \
    "^orrery: $URL/posts/slides\\.pdf: not an HTML page \\(application/pdf\\)\$"
fails "show --full: a timeout is one line" post-slow \
    "^orrery: $URL/posts/slow/: .*[Tt]imed out"
fails "show --full: a page with no article is one line" post-links \
    "^orrery: $URL/posts/links/: no article found on the page\$"
expect "show --full: an unknown entry" 1 "no entry with id 999" "$T/err" \
    orr show 999 --full
[ "$(sqlite3 "$DB" "SELECT count(*) FROM articles WHERE error IS NOT NULL")" = 4 ] &&
	ok "failures are recorded per article" ||
	notok "failures are recorded per article" \
	    "$(sqlite3 "$DB" "SELECT entry_id, error FROM articles")"

# Offline: the kept article needs nothing; one never fetched says so.
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
run "show --full with the server stopped" 0 orr show "$TYPED" --full --width 200
grep -Fq 'A wrong value now stops the service' "$T/out" &&
	ok "show --full with the server stopped: from the store" ||
	notok "show --full with the server stopped: from the store" "$(head -c 300 "$T/err")"
run "--offline show --full: kept" 0 orr --offline show "$TYPED" --full &&
	ok "--offline show --full: kept"
expect "--offline show --full: never fetched is one line" 1 \
    "^orrery: entry [0-9]+: offline, and its whole article was never fetched\$" \
    "$T/err" orr --offline show "$(id_of post-links)" --full

# The article goes with its entry: retention, then remove.
orr mark read "$TYPED" >/dev/null
sed 's/^timeout = 1$/keep-days = 30/' "$T/c.ini" >"$T/keep.ini"
"$ORRERY" -c "$T/keep.ini" -d "$DB" vacuum >/dev/null 2>&1
[ "$(sqlite3 "$DB" "SELECT count(*) FROM articles WHERE entry_id = $TYPED")" = 0 ] &&
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM articles")" = 4 ] &&
	ok "retention: a pruned entry's article goes with it" ||
	notok "retention: a pruned entry's article goes with it" \
	    "$(sqlite3 "$DB" "SELECT entry_id FROM articles")"
orr remove "$URL/feed.xml" >/dev/null 2>&1
[ "$(sqlite3 "$DB" "SELECT count(*) FROM articles")" = 0 ] &&
	ok "remove: the feed's articles go with its entries" ||
	notok "remove: the feed's articles go with its entries" \
	    "$(sqlite3 "$DB" "SELECT count(*) FROM articles")"

# ---- per-feed settings: full-text at refresh ----------------------------
DB=$T/s.db
cat >"$T/s.ini" <<'EOF2'
[general]
default-feed = ""
timezone = utc
timeout = 5
max-connections-per-host = 1
EOF2
so() { "$ORRERY" -c "$T/s.ini" -d "$DB" "$@"; }
routes '{
 "/a/feed.xml": {"file": "fulltext/a.xml", "etag": "\"a1\""},
 "/b/feed.xml": {"file": "fulltext/b.xml", "etag": "\"b1\""},
 "/a/posts/1/": {"file": "article/hugo.html", "content_type": "text/html"},
 "/a/posts/2/": {"file": "article/wordpress.html", "content_type": "text/html"},
 "/a/posts/3/": {"status": 404},
 "/b/posts/*": {"file": "article/sphinx.html", "content_type": "text/html"}
}'
rm -f "$T/port"
start_httpd "$TESTS"
URL=http://127.0.0.1:$PORT
so add --name "Full Text Blog" "$URL/a/feed.xml" >/dev/null 2>&1
so add --name "Plain Blog" "$URL/b/feed.xml" >/dev/null 2>&1
expect "feed NAME set full-text yes (a name in another case)" 0 \
    '^feed 1 \(Full Text Blog\): full-text = yes$' "$T/out" \
    so feed "full text blog" set full-text yes
expect "feed ID get" 0 '^full-text = yes$' "$T/out" so feed 1 get
expect "feed get KEY: the value alone" 0 '^no$' "$T/out" \
    so feed "Plain Blog" get full-text
expect "feed get: a default says so" 0 '^full-text = no \(default\)$' \
    "$T/out" so feed 2 get
expect "feed: an unknown setting names the closest" 1 \
    '^orrery: no feed setting ful-text \(did you mean full-text\?\)$' \
    "$T/err" so feed 1 set ful-text yes
expect "feed: a bad value is one line" 1 \
    '^orrery: full-text takes yes or no, not maybe$' "$T/err" \
    so feed 1 set full-text maybe
expect "feed: an unknown feed names the closest" 1 \
    'no feed .*Plain Blog' "$T/err" so feed "plain blg" get
expect "feed: a verb that is not one" 2 'not set, get or unset: frob' \
    "$T/err" so feed 1 frob
expect "feeds shows the settings" 0 '^ +settings: full-text = yes$' \
    "$T/out" so feeds
run "feeds --json gives the settings" 0 so feeds --json &&
	python3 - "$T/out" <<'EOF2' && ok "feeds --json gives the settings" || notok "feeds --json gives the settings" "$(head -c 300 "$T/out")"
import json, sys
f = {x["name"]: x for x in json.load(open(sys.argv[1]))}
assert f["Full Text Blog"]["settings"] == {"full-text": "yes"}, f
assert f["Plain Blog"]["settings"] == {"full-text": "no"}, f
EOF2

# A refresh fetches the new posts' articles of the full-text feed only,
# after the feeds, one connection to the host at a time; an article that
# fails is the article's failure, not the feed's.
expect "refresh: whole articles of the full-text feed's new posts" 0 \
    '^2 whole articles fetched, 1 failed$' "$T/out" so refresh
python3 - "$T/http.log" <<'EOF2' && ok "refresh: the full-text feed's posts only, after the feeds, one at a time per host" || notok "refresh: the full-text feed's posts only, after the feeds, one at a time per host" "$(cat "$T/http.log" | head -c 1500)"
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
paths = [x["path"] for x in r]
arts = [x for x in r if "/posts/" in x["path"]]
assert sorted(x["path"] for x in arts) == ["/a/posts/1/", "/a/posts/2/", "/a/posts/3/"], paths
feeds = [x for x in r if x["path"].endswith("feed.xml")]
assert max(x["t"] for x in feeds) <= min(x["t"] for x in arts), paths
assert max(x["inflight_host"] for x in r) == 1, r
EOF2
run "feeds after refresh" 0 so feeds --json &&
	python3 - "$T/out" <<'EOF2' && ok "refresh: a failed article is no feed error" || notok "refresh: a failed article is no feed error" "$(head -c 300 "$T/out")"
import json, sys
for f in json.load(open(sys.argv[1])):
    assert f["last_error"] is None and f["last_status"] == 200, f
EOF2
A1=$(so list --json | python3 -c '
import json, sys
print([e["id"] for e in json.load(sys.stdin) if e["guid"] == "a-1"][0])')
n0=$(wc -l <"$T/http.log")
run "show --full of a post refresh fetched" 0 so show "$A1" --full --width 200 &&
	grep -Fq 'Pydantic settings classes turn the environment' "$T/out" &&
	[ "$(wc -l <"$T/http.log")" = "$n0" ] &&
	ok "show --full of a post refresh fetched: kept, no request" ||
	notok "show --full of a post refresh fetched: kept, no request" \
	    "$(head -c 300 "$T/out")"
expect "search finds a word of an article refresh fetched" 0 "\\b$A1\\b" \
    "$T/out" so search morning
expect "refresh again: no new posts, no article fetched" 0 \
    '^2 feeds: 0 fetched, 2 not modified' "$T/out" so refresh --force
[ "$(grep -c '/posts/' "$T/http.log")" = 3 ] &&
	ok "refresh again: no article requested" ||
	notok "refresh again: no article requested" "$(grep -c /posts/ "$T/http.log")"
expect "feed unset" 0 '^feed 1 \(Full Text Blog\): full-text unset$' \
    "$T/out" so feed 1 unset full-text
expect "feed unset: the default again" 0 '^full-text = no \(default\)$' \
    "$T/out" so feed 1 get
so feed 1 set full-text yes >/dev/null
so remove 1 >/dev/null
[ "$(sqlite3 "$DB" "SELECT count(*) FROM feed_settings")" = 0 ] &&
	ok "remove: the feed's settings go with it" ||
	notok "remove: the feed's settings go with it" \
	    "$(sqlite3 "$DB" "SELECT * FROM feed_settings")"

# ---- the page's charset as HTTP names it --------------------------------
# Pages without <meta charset>, the charset only in the Content-Type:
# KOI8-R, which no guess would find; and windows-1252, whose curly quotes,
# apostrophe and euro sign libxml2 alone reads as Latin-1 controls.
DB=$T/cs.db
routes '{
 "/cs/feed.xml": {"file": "fulltext/cp1252.xml"},
 "/posts/cp1252/": {"file": "fulltext/cp1252.html",
                    "content_type": "text/html; charset=windows-1252"},
 "/posts/koi8/": {"file": "fulltext/koi8.html",
                  "content_type": "text/html; charset=KOI8-R"}
}'
so add "$URL/cs/feed.xml" >/dev/null 2>&1
so refresh >/dev/null 2>&1
CS=$(id_of post-cp1252)
KO=$(id_of post-koi8)
run "show --full of a page whose charset only HTTP names" 0 \
    so show "$KO" --full --width 300 &&
	grep -Fq 'Словари в Python сохраняют порядок вставки' "$T/out" &&
	ok "show --full: the HTTP charset decodes the page (KOI8-R)" ||
	notok "show --full: the HTTP charset decodes the page (KOI8-R)" \
	    "$(head -c 400 "$T/out")"
run "show --full of a windows-1252 page" 0 \
    so show "$CS" --full --width 300 &&
	grep -Fq 'It’s the week the café on the corner started serving “python” coffee' "$T/out" &&
	grep -Fq 'costs about €0 in memory' "$T/out" &&
	ok "show --full: the HTTP charset decodes the page (windows-1252)" ||
	notok "show --full: the HTTP charset decodes the page (windows-1252)" \
	    "$(grep -F 'week the' "$T/out")"
# With no charset anywhere, bytes that are not UTF-8 are windows-1252,
# as browsers read them.
run "render --article: a page that names no charset" 0 \
    "$ORRERY" render --article "$TESTS/fulltext/cp1252.html" --width 300 &&
	grep -Fq 'It’s the week the café' "$T/out" &&
	ok "render --article: no charset named, not UTF-8: windows-1252" ||
	notok "render --article: no charset named, not UTF-8: windows-1252" \
	    "$(grep -F 'week the' "$T/out")"

# A page that says UTF-8 and is not, through and through: the article
# kept is valid UTF-8 all the same (found by fuzz_extract).
routes '{
 "/cs/feed.xml": {"file": "fulltext/cp1252.xml"},
 "/posts/cp1252/": {"file": "fulltext/invalid-utf8.html",
                    "content_type": "text/html"}
}'
DB=$T/bad.db
so add "$URL/cs/feed.xml" >/dev/null 2>&1
so refresh >/dev/null 2>&1
run "show --full of a page with bytes that are not UTF-8" 0 \
    so show "$(id_of post-cp1252)" --full --width 200
sqlite3 "$DB" "SELECT hex(html) FROM articles" >"$T/hex"
if python3 -c 'import sys; bytes.fromhex(open(sys.argv[1]).read().strip()).decode("utf-8")' "$T/hex" 2>/dev/null &&
    [ -s "$T/hex" ]; then
	ok "show --full: the article kept is valid UTF-8"
else
	notok "show --full: the article kept is valid UTF-8" "$(head -c 200 "$T/hex")"
fi
