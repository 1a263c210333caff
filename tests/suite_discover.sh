# suite_discover: `orrery add` given a blog's page finds the feed the
# page names (<link rel="alternate"> of an RSS, Atom or JSON Feed type),
# resolves it against the page (after redirects, and its <base>), and
# subscribes to it; a local file becomes an absolute file:// URL.  The
# pages are tests/discover/*, served by tests/httpd.py on 127.0.0.1.
. "$TESTS/lib.sh"

need python3
W=$T/www
mkdir -p "$W"
cp "$TESTS"/discover/* "$W/"
cat >"$T/routes" <<'EOF2'
{
 "/one/": {"file": "one.html", "content_type": "text/html; charset=utf-8"},
 "/feeds/atom.xml": {"file": "feed.xml", "content_type": "application/atom+xml"},
 "/several/": {"file": "several.html", "content_type": "text/html"},
 "/notes/2026/": {"file": "relative.html"},
 "/notes/2026/feed.xml": {"file": "feed.xml"},
 "/based/page.html": {"file": "based.html", "content_type": "text/html"},
 "/none/": {"file": "none.html", "content_type": "text/html"},
 "/plain.txt": {"file": "plain.txt", "content_type": "text/plain"},
 "/feed.xml": {"file": "feed.xml", "content_type": "text/html"},
 "/blog": {"redirect": "/blog/", "redirect_status": 301},
 "/blog/": {"file": "relative.html", "content_type": "text/html"},
 "/blog/feed.xml": {"file": "feed.xml"}
}
EOF2
start_httpd "$W" 300
trap 'kill "$SERVER_PID" 2>/dev/null' EXIT
U=http://127.0.0.1:$PORT
# one.html names its feed by an absolute URL on this server
sed -i "s|http://{host}|$U|" "$W/one.html"
DB=$T/d.db
orr() { "$ORRERY" -d "$DB" "$@"; }

expect "a page naming one feed: add subscribes to the feed" 0 \
    "^added feed 1: $U/feeds/atom\\.xml \\(found on $U/one/\\)\$" "$T/out" \
    orr add "$U/one/"
[ "$(lines "$T/out")" = 1 ] && ok "one feed: one line" ||
	notok "one feed: one line" "$(cat "$T/out")"
run "feeds --urls after add" 0 orr feeds --urls &&
	[ "$(cat "$T/out")" = "$U/feeds/atom.xml" ] &&
	ok "the subscription is the feed, not the page" ||
	notok "the subscription is the feed, not the page" "$(cat "$T/out")"
expect "the found feed refreshes" 0 "1 fetched, 0 not modified, 0 failed" \
    "$T/out" orr refresh
expect "adding the page again: already subscribed to its feed" 0 \
    "^already subscribed: 1 $U/feeds/atom\\.xml \\(found on $U/one/\\)\$" \
    "$T/out" orr add "$U/one/"

expect "several feeds: the first one" 0 \
    "^added feed 2: $U/wp/feed/ \\(found on $U/several/\\)\$" "$T/out" \
    orr add "$U/several/"
grep -Fxq "  the page also names: $U/wp/comments/feed/ (A WordPress blog » Comments Feed)" \
    "$T/out" && ok "several feeds: the others are listed with their titles" ||
	notok "several feeds: the others are listed with their titles" \
	    "$(cat "$T/out")"
grep -Fq "$U/wp/feed.json" "$T/out" &&
	ok "several feeds: JSON Feed counts" ||
	notok "several feeds: JSON Feed counts" "$(cat "$T/out")"
grep -q 'wp-json' "$T/out" &&
	notok "several feeds: application/json and oEmbed links are not feeds" \
	    "$(cat "$T/out")" ||
	ok "several feeds: application/json and oEmbed links are not feeds"
LC_ALL=C grep -q "$(printf '\033')" "$T/out" &&
	notok "a title's escape sequence does not reach the terminal" \
	    "$(od -c "$T/out" | head -5)" ||
	ok "a title's escape sequence does not reach the terminal"
[ "$(lines "$T/out")" = 3 ] && ok "several feeds: three lines" ||
	notok "several feeds: three lines" "$(cat "$T/out")"

expect "a relative feed link resolves against the page" 0 \
    "^added feed 3: $U/notes/2026/feed\\.xml \\(found on $U/notes/2026/\\)\$" \
    "$T/out" orr add "$U/notes/2026/"
expect "a page's <base href> is the base" 0 \
    "^added feed 4: $U/base/dir/atom\\.xml \\(found on $U/based/page\\.html\\)\$" \
    "$T/out" orr add "$U/based/page.html"
expect "a redirect: the link resolves against where it led" 0 \
    "^added feed 5: $U/blog/feed\\.xml \\(found on $U/blog/\\)\$" "$T/out" \
    orr add "$U/blog"
expect "a feed served as text/html is the feed itself" 0 \
    "^added feed 6: $U/feed\\.xml\$" "$T/out" orr add "$U/feed.xml"

expect "a page naming no feed: one clear line" 1 \
    "^orrery: $U/none/: an HTML page that names no feed" "$T/err" \
    orr add "$U/none/"
[ "$(lines "$T/err")" = 1 ] && [ ! -s "$T/out" ] &&
	ok "no feed: one line, nothing subscribed said" ||
	notok "no feed: one line, nothing subscribed said" "$(cat "$T/out" "$T/err")"
expect "a page that is not HTML nor a feed: one clear line" 1 \
    "^orrery: $U/plain\\.txt: neither a feed nor an HTML page" "$T/err" \
    orr add "$U/plain.txt"
run "nothing was subscribed for them" 0 orr feeds --urls &&
	! grep -q 'none\|plain' "$T/out" && [ "$(lines "$T/out")" = 6 ] &&
	ok "nothing was subscribed for them" ||
	notok "nothing was subscribed for them" "$(cat "$T/out")"

: >"$T/http.log"
expect "--offline: add takes the URL as it is, with no request" 0 \
    "^added feed 7: $U/none/\$" "$T/out" orr --offline add "$U/none/"
[ ! -s "$T/http.log" ] && ok "--offline: no request" ||
	notok "--offline: no request" "$(cat "$T/http.log")"

# ---- a local file --------------------------------------------------------
mkdir -p "$T/my feeds"
cp "$W/feed.xml" "$T/my feeds/feed #1.xml"
cp "$W/relative.html" "$T/my feeds/index.html"
cp "$W/feed.xml" "$T/my feeds/feed.xml"
DB=$T/f.db
expect "add PATH: a local feed becomes an absolute file:// URL" 0 \
    "^added feed 1: file://$T/my%20feeds/feed%20%231\\.xml\$" "$T/out" \
    sh -c 'cd "$1" && "$ORRERY" -d "$2" add "my feeds/feed #1.xml"' sh "$T" "$DB"
expect "add PATH: it refreshes" 0 "1 fetched, 0 not modified, 0 failed, 1 new" \
    "$T/out" orr refresh
expect "add PATH of a page finds its feed next to it" 0 \
    "^added feed 2: file://$T/my%20feeds/feed\\.xml \\(found on file://$T/my%20feeds/index\\.html\\)\$" \
    "$T/out" orr add "$T/my feeds/index.html"
expect "add PATH that does not exist: one clear line" 1 \
    "^orrery: nope\\.xml: not a feed URL \\(http, https or file\\) nor a file\$" \
    "$T/err" orr add nope.xml
expect "add a directory: one clear line" 1 "nor a file" "$T/err" \
    orr add "$T/my feeds"

# ---- import, and a subscription that starts answering with a page ---------
DB=$T/i.db
cat >"$T/list.opml" <<EOF2
<?xml version="1.0"?>
<opml version="2.0"><head><title>Blogs</title></head><body>
<outline text="Ada" type="rss" xmlUrl="$U/one/" htmlUrl="$U/one/"/>
<outline text="Notes" type="rss" xmlUrl="$U/notes/2026/feed.xml"/>
</body></opml>
EOF2
expect "import a list whose xmlUrl is a page" 0 "^imported 2 feeds" "$T/out" \
    orr import "$T/list.opml"
run "the first refresh finds the feed the page names" 3 orr refresh
grep -Fq ": not a feed: the document is <html>" "$T/err" &&
	grep -Fq "the page names the feed $U/feeds/atom.xml" "$T/err" &&
	ok "the refresh names the feed the page names" ||
	notok "the refresh names the feed the page names" "$(cat "$T/err")"
run "feeds --urls" 0 orr feeds --urls &&
	grep -Fxq "$U/feeds/atom.xml" "$T/out" && ! grep -Fxq "$U/one/" "$T/out" &&
	ok "an imported page's subscription moves to its feed" ||
	notok "an imported page's subscription moves to its feed" "$(cat "$T/out")"
expect "the next refresh fetches the feed" 0 \
    "2 feeds: 2 fetched, 0 not modified, 0 failed, 1 new entry" "$T/out" \
    orr refresh --force
# A feed fetched before whose URL now answers with a page: reported, kept.
sed -i 's|"/notes/2026/feed.xml": {"file": "feed.xml"}|"/notes/2026/feed.xml": {"file": "one.html", "content_type": "text/html"}|' \
    "$T/routes"
run "a fetched feed that turns into a page fails" 3 orr refresh --force
grep -Fq "$U/notes/2026/feed.xml: not a feed" "$T/err" &&
	grep -Fq "the page names the feed $U/feeds/atom.xml" "$T/err" &&
	ok "a fetched feed that turns into a page: the error names the feed" ||
	notok "a fetched feed that turns into a page: the error names the feed" "$(cat "$T/err")"
run "feeds --urls" 0 orr feeds --urls &&
	grep -Fxq "$U/notes/2026/feed.xml" "$T/out" &&
	ok "a fetched feed that turns into a page keeps its URL" ||
	notok "a fetched feed that turns into a page keeps its URL" "$(cat "$T/out")"
