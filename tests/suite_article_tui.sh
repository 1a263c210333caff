# suite_article_tui: the pager's F (whole articles) and 1o on an
# enclosure, in the real reader under tmux (tests/tmux.sh's harness: a
# private socket per start, keys by send-keys, every check polling
# capture-pane; no sleep stands in for a check).  F asks the fetcher for the post's page (a server on
# 127.0.0.1 that counts requests and answers the page late): the reader
# keeps answering keys meanwhile, the status line says the article is
# being fetched, then the article shows with its links numbered for o;
# F again gives the feed's text back; a failure is one line on the status
# line; after a restart, offline and with the server gone, F shows the
# kept article at once.  1o on a podcast episode runs the configured
# player (a script that records its arguments).
. "$TESTS/lib.sh"
UI_NAME=orrery-article UI_SIZE=100x30
. "$TESTS/tmux.sh"

printf '%s\n' '{
 "/feed.xml": {"file": "fulltext/feed.xml"},
 "/posts/typed/": {"file": "article/hugo.html", "content_type": "text/html",
                   "delay_ms": 2500},
 "/posts/missing/": {"status": 404}
}' >"$T/routes"
start_httpd "$TESTS"
U=http://127.0.0.1:$PORT

# Programs the reader starts: they write their arguments, one a line.
for _p in browser player; do
	cat >"$T/$_p.sh" <<EOF
#!/bin/sh
for a in "\$@"; do printf '%s\n' "\$a"; done >"$T/$_p.args.tmp"
mv "$T/$_p.args.tmp" "$T/$_p.args"
EOF
	chmod +x "$T/$_p.sh"
done
CFG=$T/config.ini
cat >"$CFG" <<EOF
[general]
refresh-on-start = no
timeout = 10
default-feed = ""
browser = $T/browser.sh
player = $T/player.sh
EOF
DB=$T/a.db
o() { "$ORRERY" -d "$DB" -c "$CFG" "$@"; }
o add "$U/feed.xml" >/dev/null 2>&1
o refresh >/dev/null 2>&1

hits() { # path: requests the server answered for it
	python3 -c '
import json, sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["path"] == sys.argv[2]))' \
	    "$T/http.log" "$1"
}

# ---- F fetches on the fetcher's side, then shows the article ----------
start_ui
wait_for "Typed settings" >/dev/null
keys g Enter
expect_screen "the pager shows the feed's teaser" "A teaser about settings"
expect_screen "the pager's key hints name F" "F article"
keys F
expect_status "F: the status line says the article is being fetched" \
    "fetching the whole article"
# The reader answers keys while the page is on its way.
keys u
expect_status "F: the reader answers keys while the article downloads" \
    "marked unread"
expect_screen "F: the article shows once fetched" \
    "Pydantic settings classes turn the environment into typed"
expect_screen "F: headings of the article" "## Why typed settings"
expect_screen "F: code verbatim" "  from pydantic_settings import BaseSettings"
if _has "Tags" || _has "Table of Contents"; then
	fail "F: no boilerplate" "boilerplate on the screen"
else
	ok "F: no boilerplate"
fi
[ "$(hits /posts/typed/)" = 1 ] && ok "F: one request for the page" ||
	notok "F: one request for the page" "$(hits /posts/typed/)"
# The article's links are numbered for o.
keys L
expect_screen "F: the article's links listed" "/docs/settings/"
screen >"$T/links"
link_n=$(sed -n 's#^ *\[\([0-9]*\)\] .*/docs/settings/ *$#\1#p' "$T/links" | head -n 1)
rm -f "$T/browser.args"
keys "$link_n" o
if TIMEOUT=10 poll test -s "$T/browser.args" &&
    grep -q "^$U/.*docs/settings/\$" "$T/browser.args"; then
	ok "F: ${link_n}o opens the article's link"
else
	notok "F: ${link_n}o opens the article's link" \
	    "n=$link_n args: $(cat "$T/browser.args" 2>/dev/null) $(cat "$T/links")"
fi
keys F
expect_screen "F again: the feed's text" "A teaser about settings"
expect_gone "F again: the article is gone" "Pydantic settings classes turn"
keys F
expect_screen "F a third time: the kept article at once" \
    "Pydantic settings classes turn the environment into typed"
[ "$(hits /posts/typed/)" = 1 ] && ok "F a third time: no request" ||
	notok "F a third time: no request" "$(hits /posts/typed/)"
# A page that cannot be had: one line on the status line.
keys n
expect_screen "n: the next post" "A teaser for a page that is gone"
keys F
expect_status "F on a missing page: one line on the status line" \
    "no whole article: HTTP 404 Not Found"
keys Q
stop_ui

# ---- after a restart, offline, the server gone: at once ----------------
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=
start_ui --offline
wait_for "Typed settings" >/dev/null
keys g Enter
wait_for "A teaser about settings" >/dev/null
keys F
expect_screen "F offline after a restart: the kept article" \
    "Pydantic settings classes turn the environment into typed"
keys n F
expect_status "F offline on a post never fetched: one line" \
    "offline: the whole article was never fetched"
keys Q
stop_ui

# ---- 1o on an enclosure runs the player --------------------------------
DB=$T/pod.db
o add "file://$TESTS/enclosures/podcast.xml" >/dev/null 2>&1
o refresh >/dev/null 2>&1
start_ui
wait_for "Episode 451" >/dev/null
keys g Enter
expect_screen "the pager numbers the enclosure" "audio/mpeg, 30 MB, 1:02:03 [1]"
rm -f "$T/player.args" "$T/browser.args"
keys 1 o
if TIMEOUT=10 poll test -s "$T/player.args" &&
    [ "$(cat "$T/player.args")" = "https://cdn.example.org/talk/451.mp3" ]; then
	ok "1o on an enclosure runs the player with its URL, one argument"
else
	notok "1o on an enclosure runs the player with its URL, one argument" \
	    "player: $(cat "$T/player.args" 2>/dev/null)"
fi
[ ! -e "$T/browser.args" ] && ok "1o on an enclosure: not the browser" ||
	notok "1o on an enclosure: not the browser" "$(cat "$T/browser.args")"
keys Q
stop_ui

# ---- a refresh's whole articles: counted in ⟳, not as F's message --------
# A full-text feed's first refresh fetches its posts' pages after the feed
# (one page answers late): the status line counts them beside the feeds,
# never says "fetching the whole article" (no F was pressed), and the
# summary names how many came.
routes '{
 "/feed.xml": {"file": "fulltext/feed.xml"},
 "/posts/typed/": {"file": "article/hugo.html", "content_type": "text/html",
                   "delay_ms": 3000},
 "/posts/*": {"file": "article/wordpress.html", "content_type": "text/html"}
}'
rm -f "$T/port"
start_httpd "$TESTS"
U=http://127.0.0.1:$PORT
DB=$T/ft.db
o add "$U/feed.xml" >/dev/null 2>&1
o feed 1 set full-text yes >/dev/null 2>&1
start_ui
keys r
expect_status "refresh: ⟳ counts the whole articles as they come" "articles "
expect_status "refresh: the summary counts the whole articles" \
    "refreshed 1 feed: 5 new, 5 of 5 whole articles"
# all the reader wrote to the terminal, from its first byte
grep -qF "fetching the whole article" "$RAW" &&
	fail "refresh: never 'fetching the whole article' (F's message)" \
	    "F's message was on the screen" ||
	ok "refresh: never 'fetching the whole article' (F's message)"
keys Q
stop_ui
