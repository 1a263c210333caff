# suite_reader: the reader's first ten minutes and rough edges (issue 20):
# live to other processes, empty and failed states, the key hint line,
# subscribing from inside, one sources view, telling the truth.  The real
# binary runs in tmux through tests/tmux.sh's harness (shared with
# suite_tui).  Feeds are tests/tui/'s files served by tests/httpd.py on
# 127.0.0.1.
. "$TESTS/lib.sh"
UI_NAME=orrery-reader UI_SIZE=100x30
. "$TESTS/tmux.sh"

FIX=$TESTS/tui

ROUTES_BASE='
 "/planet.xml": {"file": "planet.xml"},
 "/atom.xml": {"file": "atom.xml", "content_type": "application/atom+xml"},
 "/missing.xml": {"status": 404},
 "/opml.xml": {"file": "subs.opml"}'
cp -r "$FIX" "$T/www"
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live1.xml\"}}"
start_httpd "$T/www"
U=http://127.0.0.1:$PORT

CFG=$T/config.ini
cat >"$CFG" <<EOF
[general]
refresh-on-start = no
timeout = 5
default-feed = $U/planet.xml
EOF

o() { "$ORRERY" -d "$DB" -c "$CFG" "$@"; }

DB=$T/base.db
for _f in planet atom live missing; do
	if ! o add "$U/$_f.xml" >"$T/out" 2>"$T/err"; then
		notok "the fixture store" "add $_f: $(head -c 300 "$T/err")"
		exit 1
	fi
done
o refresh >"$T/out" 2>"$T/err"

use_store() {
	DB=$T/$1.db
	for _x in "" -wal -shm; do
		rm -f "$DB$_x"
		[ -e "$T/base.db$_x" ] && cp "$T/base.db$_x" "$DB$_x"
	done
}

# _sel_has TEXT: the selected row (reverse video from its first cell) has TEXT
_sel_has() {
	tm capture-pane -p -e | grep -F -- "$1" | grep -q "$(printf '\033')\[[0-9;]*7m"
}

# ============================================================================
# 1. Live to other processes
# ============================================================================

use_store live
start_ui
wait_for "Live first post" >/dev/null
_id=$(o feeds --json | python3 -c '
import json, sys
print([f["id"] for f in json.load(sys.stdin) if f["url"].endswith("/live.xml")][0])')
o remove "$_id" >"$T/out" 2>"$T/err"
expect_gone "live: another process's remove takes its posts off the screen without a key" \
    "Live first post"
if poll _title_has "[^0-9]8 unread"; then
	ok "live: the title's unread count follows the removal"
else
	fail "live: the title's unread count follows the removal" "row 0: $(head -n 1 "$T/screen")"
fi
o add "$U/live.xml" >/dev/null 2>&1
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live2.xml\"}}"
o refresh >/dev/null 2>&1
expect_screen "live: a refresh by another process shows its new posts without a key" \
    "Live fresh arrival"
keys Tab
wait_for "Sources" >/dev/null
o remove "$U/atom.xml" >/dev/null 2>&1
expect_gone "live: the sources view drops a feed another process removed" \
    "Atom Fixture Blog"
keys Q
stop_ui
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live1.xml\"}}"

# ============================================================================
# 2. Empty and failed states
# ============================================================================

# A first start whose default feed cannot be fetched (a port nothing
# listens on stands in for no network)
python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' >"$T/deadport"
DEAD=http://127.0.0.1:$(cat "$T/deadport")
mkdir -p "$T/first"
cat >"$T/first/config.ini" <<EOF
[general]
refresh-on-start = yes
timeout = 5
default-feed = $DEAD/rss20.xml
EOF
_cfg=$CFG
CFG=$T/first/config.ini
DB=$T/first/orrery.db
for _size in 80x24 100x30; do
	start_ui "$_size"
	_nm="first start without network at $_size"
	if wait_for "These feeds failed" && wait_for "What to do" &&
	    grep -qF "127.0.0.1" "$T/screen" &&
	    grep -qi "refused\|connect" "$T/screen"; then
		ok "$_nm: the empty view names the feed and why it failed"
	else
		fail "$_nm: the empty view names the feed and why it failed" "no feed and reason"
	fi
	_nocut=1
	for _w in "a  subscribe to a feed" "I  import an OPML file" \
	    "https://planetpython.org/opml.xml" "orrery --offline" "Tab  the sources view"; do
		grep -qF -- "$_w" "$T/screen" || _nocut=0
	done
	if [ "$_nocut" = 1 ] && ! sed '$d' "$T/screen" | grep -q "…"; then
		ok "$_nm: what to do is there whole: a, I, --offline, Tab (wrapped, not cut)"
	else
		fail "$_nm: what to do is there whole: a, I, --offline, Tab (wrapped, not cut)" "a hint is missing or cut"
	fi
	keys Q
	stop_ui
done
CFG=$_cfg

# A failing source's view and the sources view's Enter on its error line
use_store failing
start_ui 80x24
wait_for "Live first post" >/dev/null
keys Tab
wait_for "Sources" >/dev/null
keys O O
wait_for "failing first" >/dev/null
keys g Enter
if wait_for "The last fetch failed" && grep -q "404" "$T/screen"; then
	ok "a failing source's view shows its last error at the top"
else
	fail "a failing source's view shows its last error at the top" "no error at the top"
fi
keys Q
stop_ui

# ============================================================================
# 4. Subscribing from inside: a and I
# ============================================================================

cat >"$T/www/subs.opml" <<EOF
<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
<outline text="Live Wire" type="rss" xmlUrl="$U/live.xml"/>
</body></opml>
EOF
DB=$T/sub.db
o add "$U/planet.xml" >/dev/null 2>&1
o refresh >/dev/null 2>&1
start_ui
wait_for "Snake way for ducklings" >/dev/null
keys a
if poll _last_has "Subscribe to"; then
	ok "a asks for a feed's URL or file"
else
	fail "a asks for a feed's URL or file" "no prompt"
fi
keys -l "$U/atom.xml"
keys Enter
expect_screen "a URL Enter subscribes and fetches it in the background: its posts appear" \
    "Zebra crossings in asyncio"
if o feeds --urls | grep -qF "$U/atom.xml"; then
	ok "a: the store has the new subscription"
else
	notok "a: the store has the new subscription" "$(o feeds --urls | tr '\n' ' ')"
fi
mkdir -p "$T/local dir"
cp "$FIX/live3.xml" "$T/local dir/feed.xml"
keys a
poll _last_has "Subscribe to" >/dev/null
keys -l "$T/local dir/feed.xml"
keys Enter
expect_screen "a with a file's path subscribes to it as a file:// feed" "Live third wave"
keys a
poll _last_has "Subscribe to" >/dev/null
keys -l "no such thing"
keys Enter
if poll _last_has "not a feed URL"; then
	ok "a with nonsense says why it is not a feed"
else
	fail "a with nonsense says why it is not a feed" "last row: $(tail -n 1 "$T/screen")"
fi
keys I
if poll _last_has "Import OPML"; then
	ok "I asks for an OPML file or URL"
else
	fail "I asks for an OPML file or URL" "no prompt"
fi
keys -l "$U/opml.xml"
keys Enter
expect_screen "I imports the OPML and fetches its feeds: their posts appear" \
    "Live first post"
keys Q
stop_ui

# ============================================================================
# 3. Keys in sight: the hint line
# ============================================================================

use_store hints
start_ui 80x24
wait_for "Snake way for ducklings" >/dev/null
_hint() { screen >"$T/screen" && sed -n 23p "$T/screen" | grep -q -- "$1"; }
if poll _hint "Enter open.*r refresh.*Tab sources.*a add feed.*? help.*q quit"; then
	ok "hints: the Planet view's hint line at 80 columns names open, refresh, sources, add, help, quit"
else
	fail "hints: the Planet view's hint line at 80 columns names open, refresh, sources, add, help, quit" \
	    "row 23: $(sed -n 23p "$T/screen")"
fi
if [ "$(sed -n 23p "$T/screen" | python3 -c 'import sys; print(len(sys.stdin.read().rstrip("\n")))')" -le 80 ]; then
	ok "hints: the hint line fits the width"
else
	fail "hints: the hint line fits the width" "too wide"
fi
keys Tab
if poll _hint "Enter posts.*a add feed.*I import OPML.*D remove"; then
	ok "hints: the sources view's hint line names posts, add, import, remove"
else
	fail "hints: the sources view's hint line names posts, add, import, remove" \
	    "row 23: $(sed -n 23p "$T/screen")"
fi
keys Tab
wait_for "Snake way for ducklings" >/dev/null
keys Enter
if poll _hint "n next.*p previous.*q back"; then
	ok "hints: the pager's hint line names next, previous, back"
else
	fail "hints: the pager's hint line names next, previous, back" \
	    "row 23: $(sed -n 23p "$T/screen")"
fi
keys Q
stop_ui
mkdir -p "$T/hints"
cat >"$T/hints/config.ini" <<EOF
[general]
refresh-on-start = no
key-hints = no
[keys]
back = x
help = F1
EOF
_cfg=$CFG
CFG=$T/hints/config.ini
start_ui 80x24
wait_for "Snake way for ducklings" >/dev/null
if ! grep -q "r refresh" "$T/screen"; then
	ok "hints: key-hints = no leaves the hint line out"
else
	fail "hints: key-hints = no leaves the hint line out" "a hint line"
fi
keys Q
stop_ui
printf '[general]\nrefresh-on-start = no\n[keys]\nback = x\nhelp = F1\n' >"$T/hints/config.ini"
start_ui 80x24
wait_for "Snake way for ducklings" >/dev/null
if poll _hint "F1 help.*x quit"; then
	ok "hints: the hint line names the configured keys (F1 help, x quit)"
else
	fail "hints: the hint line names the configured keys (F1 help, x quit)" \
	    "row 23: $(sed -n 23p "$T/screen")"
fi
keys Q
stop_ui
CFG=$_cfg

# ============================================================================
# 5. One sources view
# ============================================================================

use_store stack
start_ui
wait_for "Snake way for ducklings" >/dev/null
keys Enter
wait_for "A small pip tip about ducklings" >/dev/null
keys Tab
wait_for "Sources ·" >/dev/null
keys g Enter
wait_for "Sources ·" 1 >/dev/null
wait_gone "Sources ·" >/dev/null
keys Tab
if wait_for "Sources ·"; then
	ok "Tab from a source's posts goes back to the sources view"
else
	fail "Tab from a source's posts goes back to the sources view" "no sources view"
fi
keys q
if wait_for "A small pip tip about ducklings" && wait_gone "Sources ·"; then
	ok "Tab made no second sources view: q from it returns to the pager"
else
	fail "Tab made no second sources view: q from it returns to the pager" "not the pager"
fi
keys Tab
wait_for "Sources ·" >/dev/null
keys g Enter
wait_gone "Sources ·" >/dev/null
keys q
if wait_for "Sources ·"; then
	ok "q from a source's posts returns to the sources view"
else
	fail "q from a source's posts returns to the sources view" "no sources view"
fi
keys Q
stop_ui

# ============================================================================
# 6. Telling the truth
# ============================================================================

use_store truth
# y inside tmux with set-clipboard off: says where it went and how to let
# it through
start_ui
wait_for "Snake way for ducklings" >/dev/null
tm set -g set-clipboard off >/dev/null
keys y
if poll _last_has "OSC 52" && grep -q "set-clipboard on" "$T/screen"; then
	ok "y under tmux with set-clipboard off says OSC 52 and how to let it through"
else
	fail "y under tmux with set-clipboard off says OSC 52 and how to let it through" \
	    "last row: $(tail -n 1 "$T/screen")"
fi
tm set -g set-clipboard on >/dev/null
keys y
if poll _last_has "sent to the terminal's clipboard (OSC 52): https://"; then
	ok "y says it sent the link to the terminal's clipboard (OSC 52), not 'copied'"
else
	fail "y says it sent the link to the terminal's clipboard (OSC 52), not 'copied'" \
	    "last row: $(tail -n 1 "$T/screen")"
fi
keys Q
stop_ui

expect "list --source: an unknown source is an error naming the closest" 1 \
    'no source named Ned Bachelder.*closest: "Ned Batchelder"' "$T/err" \
    o list --source "Ned Bachelder"
expect "list --source: names match whatever their case" 0 \
    "Snake way for ducklings" "$T/out" o list --source "ned batchelder"
expect "refresh NAME: names match whatever their case" 0 \
    "1 feed: 1 fetched" "$T/out" o refresh "atom fixture blog"
expect "refresh NAME: an unknown feed names the closest" 1 \
    'closest: "Atom Fixture Blog"' "$T/err" o refresh "Atom Fixtur Blog"
expect "remove NAME: an unknown feed names the closest" 1 \
    'closest: "Live Wire"' "$T/err" o remove "Live Wir"
expect "import of a feed (not OPML) says to use orrery add" 1 \
    "orrery add file://$FIX/atom.xml" "$T/err" o import "$FIX/atom.xml"
printf '[general]\nrefresh-intervall = 5\n' >"$T/typo.ini"
expect "a config key's typo suggests the nearest key" 1 \
    'typo.ini:2: unknown key "refresh-intervall".*did you mean refresh-interval\?' \
    "$T/err" "$ORRERY" -d "$DB" -c "$T/typo.ini" feeds
printf '[keys]\nback = none\nquit = none\n' >"$T/noway.ini"
expect "a [keys] table with no way back or quit is refused" 1 \
    "noway.ini:3: no key is left to go back or quit" \
    "$T/err" "$ORRERY" -d "$DB" -c "$T/noway.ini" feeds

# ============================================================================
# 7. Polish
# ============================================================================

if command -v mandoc >/dev/null 2>&1; then
	if mandoc -Tutf8 "$TESTS/../man/orrery.1" | sed 's/.\x08//g' | tr -s ' \n' '  ' |
	    grep -q "the one given with --name, else the feed's title, in any case" &&
	    ! mandoc -Tutf8 "$TESTS/../man/orrery.1" | sed 's/.\x08//g' | grep -q -- "-else -the"; then
		ok "man: refresh's text reads --name, else the feed's title (no -else -the)"
	else
		notok "man: refresh's text reads --name, else the feed's title (no -else -the)" \
		    "$(mandoc -Tutf8 "$TESTS/../man/orrery.1" | sed 's/.\x08//g' | grep -A1 'one given with' | head -n 2 | tr '\n' ' ')"
	fi
fi
cat >"$T/lower.xml" <<'EOF'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>alpha blog</title><link>http://127.0.0.1/</link>
<item><title>Lower case first</title><guid>lower-1</guid><pubDate>Fri, 29 May 2026 08:00:00 GMT</pubDate></item>
</channel></rss>
EOF
o add "file://$T/lower.xml" >/dev/null 2>&1
o refresh "file://$T/lower.xml" >/dev/null 2>&1
expect "list --sources sorts by name as the sources view does (alpha blog first)" 0 \
    '^alpha blog$' "$T/out" o list --sources
if [ "$(sed -n 1p "$T/out")" != "alpha blog" ]; then
	notok "list --sources: alpha blog comes first" "$(tr '\n' '|' <"$T/out")"
fi

use_store polish
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live1.xml\"},
 \"/planet.xml\": {\"file\": \"planet.xml\", \"delay_ms\": 2500}}"
start_ui
wait_for "Snake way for ducklings" >/dev/null
keys R
if poll _last_has "⟳ 0/1" && ! tail -n 1 "$T/screen" | grep -q "0 errors"; then
	ok "a refresh without failures shows ⟳ 0/1, not '· 0 errors'"
else
	fail "a refresh without failures shows ⟳ 0/1, not '· 0 errors'" "last row: $(tail -n 1 "$T/screen")"
fi
keys s S
if wait_for "Planet · starred" && poll _title_has "[^0-9]1 unread"; then
	ok "the starred view's title has its unread count"
else
	fail "the starred view's title has its unread count" "row 0: $(head -n 1 "$T/screen")"
fi
keys S /
keys -l zebra
keys Enter
if wait_for "Search: zebra" && poll _title_has "[^0-9]1 unread"; then
	ok "the search view's title has its unread count"
else
	fail "the search view's title has its unread count" "row 0: $(head -n 1 "$T/screen")"
fi
keys q
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live1.xml\"}}"
keys Tab
wait_for "Sources ·" >/dev/null
keys r
if poll _last_has "failed" && ! grep -q "Tab: sources" "$T/screen"; then
	ok "in the sources view a refresh's failure does not say (Tab: sources)"
else
	fail "in the sources view a refresh's failure does not say (Tab: sources)" "last row: $(tail -n 1 "$T/screen")"
fi
keys Tab
wait_for "Snake way for ducklings" >/dev/null
tm resize-window -x 200 -y 30
_narrow() {
	screen >"$T/screen" &&
	    [ "$(grep "Snake way for ducklings" "$T/screen" | sed 's/ *$//' |
		python3 -c 'import sys; print(len(sys.stdin.read().rstrip()))')" -le 121 ]
}
if poll _narrow; then
	ok "at 200 columns an entry's time stays within 120 columns of its title"
else
	fail "at 200 columns an entry's time stays within 120 columns of its title" "too far"
fi
tm resize-window -x 8 -y 5
if wait_for "small" && grep -q "window" "$T/screen"; then
	ok "below 10 columns the too-small message is there whole, word by word"
else
	fail "below 10 columns the too-small message is there whole, word by word" "cut"
fi
keys Q
stop_ui

start_ui feeds
if wait_for "unread/total"; then
	ok "feeds on a terminal has a header row"
else
	fail "feeds on a terminal has a header row" "no header"
fi
stop_ui
if ! o feeds | grep -q "unread/total"; then
	ok "feeds into a pipe has no header row"
else
	notok "feeds into a pipe has no header row" "a header"
fi

DB=$T/fresh-offline.db
start_ui --offline
wait_for "No feeds yet" >/dev/null
keys Q
stop_ui
if [ -z "$(o feeds --urls 2>/dev/null)" ]; then
	ok "--offline on a fresh store subscribes to nothing (as --offline refresh)"
else
	notok "--offline on a fresh store subscribes to nothing (as --offline refresh)" \
	    "$(o feeds --urls 2>&1 | head -c 200)"
fi

use_store help
start_ui
wait_for "Snake way for ducklings" >/dev/null
keys Tab
wait_for "Sources ·" >/dev/null
keys '?'
if wait_for "Keys in the sources view" && grep "browser" "$T/screen" | grep -q "source's site" &&
    ! grep -q "entry's link" "$T/screen"; then
	ok "the sources view's ? says o opens the source's site, not an entry's link"
else
	fail "the sources view's ? says o opens the source's site, not an entry's link" "$(grep browser "$T/screen")"
fi
keys Q
stop_ui

# ============================================================================
# 3. Rough edges: ids, export and import, plain text
# ============================================================================

# export then import on a fresh store gives back each feed's title (not a
# name pinned for good), the names the user chose and the folders
DB=$T/rt1.db
cat >"$T/www/folder.opml" <<EOF2
<?xml version="1.0"?>
<opml version="2.0"><body><outline text="Python/Blogs">
<outline text="Live One" xmlUrl="$U/live.xml"/></outline></body></opml>
EOF2
o import "$T/www/folder.opml" >/dev/null 2>&1
o add "$U/atom.xml" --name "My Pick" >/dev/null 2>&1
o add "$U/planet.xml" >/dev/null 2>&1
o refresh >/dev/null 2>&1
o export >"$T/rt1.opml" 2>"$T/err"
_feeds_of() {
	o feeds --json | python3 -c '
import json, sys
for f in sorted(json.load(sys.stdin), key=lambda f: f["url"]):
    print(f["url"].rsplit("/", 1)[1], f["name"], f["title"], f["category"])'
}
_feeds_of >"$T/rt1.feeds"
DB=$T/rt2.db
o --offline import "$T/rt1.opml" >/dev/null 2>"$T/err"
_feeds_of >"$T/rt2.feeds"
if cmp -s "$T/rt1.feeds" "$T/rt2.feeds"; then
	ok "export then import on a fresh store gives back titles, chosen names and folders"
else
	notok "export then import on a fresh store gives back titles, chosen names and folders" \
	    "$(diff "$T/rt1.feeds" "$T/rt2.feeds" | tr '\n' ' ' | head -c 400)"
fi
o --offline export >"$T/rt2.opml" 2>&1
if cmp -s "$T/rt1.opml" "$T/rt2.opml"; then
	ok "an imported export exports the same again"
else
	notok "an imported export exports the same again" \
	    "$(diff "$T/rt1.opml" "$T/rt2.opml" | tr '\n' ' ' | head -c 400)"
fi

# Feed and entry ids are never given again after a removal
# (the removed feed and its entries hold the highest ids: SQLite gives
# max + 1 to a new row unless told otherwise)
DB=$T/ids.db
o add "$U/atom.xml" >/dev/null 2>&1
o refresh >/dev/null 2>&1
o add "$U/live.xml" >/dev/null 2>&1
o refresh >/dev/null 2>&1
_ids() {
	o feeds --json | python3 -c '
import json, sys
print(" ".join(str(f["id"]) for f in json.load(sys.stdin)))'
}
_entry_ids() { o list --json | python3 -c '
import json, sys
print(" ".join(sorted(str(e["id"]) for e in json.load(sys.stdin))))'; }
_old_entries=$(_entry_ids)
o remove "$U/live.xml" >/dev/null 2>&1
o add "$U/planet.xml" >"$T/out" 2>&1
if grep -q "added feed 3:" "$T/out"; then
	ok "a feed added after a removal gets a new id, not the removed one's"
else
	notok "a feed added after a removal gets a new id, not the removed one's" \
	    "$(head -c 200 "$T/out")"
fi
_kept=$(_entry_ids)
o refresh >/dev/null 2>&1
if python3 - "$_old_entries" "$_kept" "$(_entry_ids)" <<'PY'
import sys
old, kept, now = (set(a.split()) for a in sys.argv[1:4])
removed = old - kept
sys.exit(1 if not removed or removed & (now - kept) else 0)
PY
then
	ok "entries stored after a removal get new ids, not the removed entries'"
else
	notok "entries stored after a removal get new ids, not the removed entries'" \
	    "old: $_old_entries; kept: $_kept; now: $(_entry_ids)"
fi

# A plain-text body (JSON Feed content_text) keeps a leading tab
python3 - "$T/www/text.json" <<'PY'
import json, sys
body = "\tIndented first line\nsecond line\n\tthird indented"
json.dump({"version": "https://jsonfeed.org/version/1.1", "title": "Plain",
           "items": [{"id": "p1", "title": "Tabbed text",
                      "date_published": "2026-05-29T10:00:00Z",
                      "content_text": body}]}, open(sys.argv[1], "w"))
PY
# The pager's place across resizes: a long post of paragraphs of many
# lengths, a quote and a list
python3 - "$T/www/long.xml" <<'PY'
import sys
words = ("orrery planet python feed reader terminal wraps every paragraph "
         "at the width it is given and keeps the place").split()
paras = []
for i in range(40):
    n = 7 + (i * 37) % 61
    text = " ".join(words[(i + k) % len(words)] for k in range(n))
    if i % 9 == 4:
        paras.append("<blockquote><p>P%d %s</p></blockquote>" % (i, text))
    elif i % 11 == 6:
        paras.append("<ul><li>P%d %s</li><li>%s</li></ul>" % (i, text, text))
    else:
        paras.append("<p>P%d %s</p>" % (i, text))
body = "\n".join(paras).replace("&", "&amp;").replace("<", "&lt;")
open(sys.argv[1], "w").write("""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Long Reads</title>
<link>https://long.example.org/</link>
<item><title>A very long post</title><guid>long-1</guid>
<link>https://long.example.org/1</link>
<pubDate>Fri, 29 May 2026 09:00:00 +0000</pubDate>
<description>%s</description></item></channel></rss>
""" % body)
PY
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live1.xml\"},
 \"/text.json\": {\"file\": \"text.json\", \"content_type\": \"application/feed+json\"},
 \"/long.xml\": {\"file\": \"long.xml\"}}"
DB=$T/pager.db
o add "$U/text.json" >/dev/null 2>&1
o add "$U/long.xml" >/dev/null 2>&1
o refresh >/dev/null 2>&1

start_ui 100x30 --offline
wait_for "Tabbed text" >/dev/null
keys g
TIMEOUT=10 poll _sel_has "Tabbed text" >/dev/null
keys Enter
wait_for "second line" >/dev/null
_indent() { grep -F -- "$1" "$T/screen" | head -n 1 | sed 's/[^ ].*//' | wc -c; }
if [ $(($(_indent "Indented first line") - $(_indent "second line"))) -eq 8 ] &&
    [ $(($(_indent "third indented") - $(_indent "second line"))) -eq 8 ]; then
	ok "a plain-text body keeps its leading tab (8 columns) in the pager"
else
	fail "a plain-text body keeps its leading tab (8 columns) in the pager" \
	    "indents: $(_indent "Indented first line") $(_indent "second line")"
fi
keys q
keys G
TIMEOUT=10 poll _sel_has "A very long post" >/dev/null
keys Enter
wait_for "P0 " >/dev/null
# _top: the first text row under the title line
_top() { screen | sed -n 2p; }
_top_is() { [ "$(_top)" = "$1" ]; }
_top_isnt() { [ "$(_top)" != "$1" ]; }
# _laid_out W: the reader has drawn itself at W columns ("offline" ends
# the status row at the right edge; curses leaves the last cell alone)
_laid_out() {
	[ "$(tm display -p '#{window_width}')" = "$1" ] &&
	    [ "$(screen | tail -n 1 | sed 's/ *$//' | wc -L)" = "$(($1 - 1))" ]
}
_pager_ok=1
_why=
for _down in 23 37 58; do
	keys g
	TIMEOUT=10 poll _has "P0 " >/dev/null
	_start=$(_top)
	keys "$_down" j
	TIMEOUT=10 poll _top_isnt "$_start" >/dev/null
	_before=$(_top)
	for _w in 61 47 100; do
		tm resize-window -x "$_w" -y 30
		TIMEOUT=10 poll _laid_out "$_w" >/dev/null
	done
	if ! TIMEOUT=10 poll _top_is "$_before"; then
		_pager_ok=0
		_why="$_why after ${_down}j: '$_before' became '$(_top)';"
	fi
done
if [ "$_pager_ok" = 1 ]; then
	ok "the pager keeps its place across a resize to other widths and back"
else
	fail "the pager keeps its place across a resize to other widths and back" "$_why"
fi
keys q
stop_ui

# The help view at 40 columns: descriptions wrapped under their keys,
# laid out again on a resize
use_store help40
start_ui 40x24
wait_for "Snake way for ducklings" >/dev/null
keys '?'
wait_for "Keys in the" >/dev/null
_help_narrow() { screen >"$T/screen" && grep -q "^     move down one line" "$T/screen"; }
_help_wide() { screen >"$T/screen" && grep -Eq "  down +move down one line" "$T/screen"; }
if poll _help_narrow; then
	ok "at 40 columns the help wraps each description whole under its keys"
else
	fail "at 40 columns the help wraps each description whole under its keys" "cut descriptions"
fi
tm resize-window -x 100 -y 24
if poll _help_wide; then
	ok "the help widened to 100 columns puts descriptions beside their keys"
else
	fail "the help widened to 100 columns puts descriptions beside their keys" "not laid out again"
fi
tm resize-window -x 40 -y 24
if poll _help_narrow; then
	ok "the help narrowed again wraps descriptions under their keys"
else
	fail "the help narrowed again wraps descriptions under their keys" "not laid out again"
fi
keys Q
stop_ui

# mouse = yes: SGR 1006 reports (no column limit), a click at column 230
# of a 240-column window selects the row clicked
cat >"$T/mouse.ini" <<EOF2
[general]
refresh-on-start = no
mouse = yes
default-feed = $U/planet.xml
EOF2
_cfg=$CFG
CFG=$T/mouse.ini
use_store mouse
start_ui 240x30
wait_for "Snake way for ducklings" >/dev/null
_sgr_on() { grep -qF "$(printf '\033[?1006h')" "$RAW"; }
if poll _sgr_on; then
	ok "mouse = yes turns on SGR 1006 mouse reports"
else
	fail "mouse = yes turns on SGR 1006 mouse reports" "no \\e[?1006h in the output"
fi
screen >"$T/screen"
_row=$(grep -n "Snake way for ducklings" "$T/screen" | head -n 1 | cut -d: -f1)
_sel_hasnt_snake() { ! _sel_has "Snake way for ducklings"; }
# another row selected first
_sel_has "Snake way for ducklings" && keys j
TIMEOUT=10 poll _sel_hasnt_snake >/dev/null
keys -l "$(printf '\033[<0;230;%dM\033[<0;230;%dm' "$_row" "$_row")"
if TIMEOUT=10 poll _sel_has "Snake way for ducklings"; then
	ok "a click at column 230 selects the row clicked"
else
	fail "a click at column 230 selects the row clicked" "row $_row not selected"
fi
keys Q
stop_ui
# Ctrl-Z under a shell with job control: reports off before the reader
# stops, on again after fg.
_count() { grep -oF "$(printf '\033[?1006')$1" "$RAW" | wc -l; }
UI_JOBS=1 start_ui 240x30
wait_for "Snake way for ducklings" >/dev/null
TIMEOUT=10 poll _sgr_on
keys C-z
if wait_for STOPPED && [ "$(_count l)" -ge 1 ]; then
	ok "Ctrl-Z turns mouse reports off before the reader stops"
else
	fail "Ctrl-Z turns mouse reports off before the reader stops" \
	    "\\e[?1006l written $(_count l) times"
fi
ui_fg
_on_again() { [ "$(_count h)" -ge 2 ]; }
if TIMEOUT=10 poll _on_again && wait_for "Snake way for ducklings"; then
	ok "after Ctrl-Z and fg the reader turns mouse reports on again"
else
	fail "after Ctrl-Z and fg the reader turns mouse reports on again" \
	    "\\e[?1006h written $(_count h) times"
fi
keys Q
stop_ui
CFG=$_cfg
