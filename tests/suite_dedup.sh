# suite_dedup: one post, however many feeds carry it (DESIGN §9).  A
# Planet aggregate and the blogs' own feeds (tests/dedup/, served by
# tests/httpd.py on 127.0.0.1) spell the same posts differently: http and
# https, host case, a trailing slash, tracking parameters, a fragment,
# FeedBurner's origLink, other guids, Atom and RSS.  Checked through
# list --json, search, feeds, show, mark, a refresh after marks, a feed
# added later, a feed removed, the upgrade of a store made by the code
# before, and the reader in tmux.
. "$TESTS/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    TMUX TMUX_PANE
export no_proxy='*' NO_PROXY='*'

need python3

FIX=$TESTS/dedup
cat >"$T/routes" <<'EOF'
{"/planet.xml": {"file": "planet.xml"},
 "/alice.xml": {"file": "alice.xml", "content_type": "application/atom+xml"},
 "/bob.xml": {"file": "bob.xml"},
 "/carol.xml": {"file": "carol.xml"},
 "/dave.xml": {"file": "dave.xml", "content_type": "application/atom+xml"}}
EOF
start_httpd "$FIX"
trap 'kill "$SERVER_PID" 2>/dev/null' EXIT
U=http://127.0.0.1:$PORT

CFG=$T/config.ini
printf '[general]\nrefresh-on-start = no\ntimeout = 5\ndefault-feed = %s/planet.xml\n' \
    "$U" >"$CFG"
DB=$T/store.db
O() { "$ORRERY" -c "$CFG" -d "$DB" "$@"; }

# q PYTHON: run PYTHON with `posts` (list --json of the whole store, or of
# the command in Q) and the helpers below; it prints what is wrong, if
# anything, and exits 1 then.
q() {
	O ${Q:-list --limit 1000} --json >"$T/posts.json" 2>"$T/err" || {
		echo "list failed: $(head -c 200 "$T/err")"
		return 1
	}
	O feeds --json >"$T/feeds.json" 2>>"$T/err"
	POSTS="$T/posts.json" FEEDS="$T/feeds.json" python3 -c '
import json, os, sys
posts = json.load(open(os.environ["POSTS"]))
feeds = {f["url"].rsplit("/", 1)[-1]: f for f in json.load(open(os.environ["FEEDS"]))}
def titled(t):
    return [p for p in posts if p["title"] == t]
def one(t):
    got = titled(t)
    if len(got) != 1:
        print("%d posts titled %r: %s" % (len(got), t,
              [(p["id"], p["source"]) for p in got]))
        sys.exit(1)
    return got[0]
def want(ok, why):
    if not ok:
        print(why)
        sys.exit(1)
'"$1"
}

# case NAME PYTHON: ok when q PYTHON is
case_() {
	if q "$2" >"$T/why" 2>&1; then
		ok "$1"
	else
		notok "$1" "$(head -c 400 "$T/why")"
	fi
}

# ---- the Planet first, as the README sets it up, then the blogs ----------

for f in planet alice bob carol; do
	O add "$U/$f.xml" >/dev/null 2>"$T/err" ||
		notok "add $f" "$(cat "$T/err")"
done
run "refresh the Planet and the blogs" 0 O refresh &&
	ok "refresh the Planet and the blogs"

case_ "list --json gives each post once (7 posts from 10 copies)" '
want(len(posts) == 7, "%d posts: %s" % (len(posts), [p["title"] for p in posts]))'

GEN="Generators all the way down"
PKG="Packaging in anger"
case_ "http/https, host case and trailing slash: one post, the blog's full copy" '
p = one("'"$GEN"'")
want(p["feed_id"] == feeds["alice.xml"]["id"], "shown from feed %d" % p["feed_id"])
want(p["link"] == "https://alice.example/2026/05/generators", p["link"])'

case_ "the merged post is headed with the blog's name as the Planet gives it" '
p = one("'"$GEN"'")
want(p["source"] == "Alice Example", "source %r" % p["source"])'

case_ "tracking parameters and a fragment: one post, the Planet's longer copy" '
p = one("'"$PKG"'")
want(p["feed_id"] == feeds["planet.xml"]["id"], "shown from feed %d" % p["feed_id"])
want(p["source"] == "Bob Sample", "source %r" % p["source"])'

case_ "FeedBurner's origLink: one post" '
p = one("Fed through a burner")
want(p["feed_id"] == feeds["carol.xml"]["id"], "shown from feed %d" % p["feed_id"])'

case_ "posts without a link are never merged" '
got = titled("A post with no link at all")
want(len(got) == 2, "%d linkless posts" % len(got))'

Q="search generators" case_ "search returns each post once" '
want([p["title"] for p in posts] == ["'"$GEN"'"], [p["id"] for p in posts])'

Q="search carol source:\"Carol Burner\"" case_ "search finds the merged post under the Planet's name for it" '
want([(p["title"], p["feed_id"]) for p in posts] ==
     [("Fed through a burner", feeds["carol.xml"]["id"])], [p["id"] for p in posts])'

case_ "feeds count each post once, under the feed of the copy shown" '
n = {k: (f["unread"], f["total"]) for k, f in feeds.items()}
want(n == {"planet.xml": (3, 3), "alice.xml": (2, 2), "bob.xml": (1, 1),
           "carol.xml": (1, 1)}, n)'

O list --limit 1000 >"$T/list.txt"
if [ "$(grep -c "$GEN" "$T/list.txt")" = 1 ]; then
	ok "list prints each post once"
else
	notok "list prints each post once" "$(cat "$T/list.txt")"
fi

# ---- show, and marks on any copy -----------------------------------------

# copy_ids TITLE: the shown id, then the hidden ids, of the post TITLE
copy_ids() {
	_id=$(O list --limit 1000 --json | python3 -c '
import json, sys
print([p["id"] for p in json.load(sys.stdin) if p["title"] == sys.argv[1]][0])' "$1")
	O show "$_id" --width 80 | sed -n 's/^  .*(entry \([0-9]*\)\(, shown\)\{0,1\})$/\1/p'
}
gen_ids=$(copy_ids "$GEN")
pkg_ids=$(copy_ids "$PKG")
gen_hidden=$(echo "$gen_ids" | sed -n 2p)
pkg_hidden=$(echo "$pkg_ids" | sed -n 2p)
gen_shown=$(echo "$gen_ids" | sed -n 1p)
O show "$gen_shown" --width 80 >"$T/show.txt"
if grep -q "^Carried by 2 feeds:" "$T/show.txt" &&
	grep -q "^  Alice's notebook <$U/alice.xml> (entry $gen_shown, shown)$" "$T/show.txt" &&
	grep -q "^  Planet Python <$U/planet.xml> (entry $gen_hidden)$" "$T/show.txt"; then
	ok "show lists the feeds that carry the post"
else
	notok "show lists the feeds that carry the post" "$(tail -n 4 "$T/show.txt")"
fi

if [ -n "$gen_hidden" ] && O mark read "$gen_hidden" 2>"$T/err"; then
	case_ "marking the Planet's hidden copy read marks the post" '
p = one("'"$GEN"'")
want(p["read"], "still unread")
want(feeds["alice.xml"]["unread"] == 1, feeds["alice.xml"])'
else
	notok "marking the Planet's hidden copy read marks the post" \
	    "no hidden copy ($gen_ids) $(cat "$T/err")"
fi
# undo takes the post's mark back, from every copy, counting the post once
if O undo >"$T/undo" 2>"$T/err" && grep -q "^undid mark read: 1 entry back$" "$T/undo"; then
	case_ "undo of a mark on a copy takes it back from the post" '
want(not one("'"$GEN"'")["read"], "still read")
want(feeds["alice.xml"]["unread"] == 2, feeds["alice.xml"])'
else
	notok "undo of a mark on a copy takes it back from the post" \
	    "$(cat "$T/undo" "$T/err")"
fi
O mark read "$gen_hidden" 2>/dev/null
if [ -n "$pkg_hidden" ] && O mark star "$pkg_hidden" 2>"$T/err"; then
	Q="list --starred" case_ "starring Bob's hidden copy stars the post" '
want([p["title"] for p in posts] == ["'"$PKG"'"], [p["title"] for p in posts])'
else
	notok "starring Bob's hidden copy stars the post" "no hidden copy ($pkg_ids)"
fi
O mark read "$(echo "$pkg_ids" | sed -n 1p)" 2>/dev/null
O mark unread "$pkg_hidden" 2>/dev/null
case_ "marking the hidden copy unread again marks the post unread" '
p = one("'"$PKG"'")
want(not p["read"] and p["starred"], p)'

# Dave's post was only on the Planet; read it there, then add his feed.
dave=$(O list --json | python3 -c '
import json, sys
print([p["id"] for p in json.load(sys.stdin) if p["title"] == "Only on the planet"][0])')
O mark read "$dave"
run "refresh after marks" 0 O refresh && ok "refresh after marks"
case_ "a refresh after marks keeps each post once, with its state" '
want(len(posts) == 7, "%d posts" % len(posts))
want(one("'"$GEN"'")["read"], "read lost")
want(one("'"$PKG"'")["starred"], "star lost")'

O add "$U/dave.xml" >/dev/null && O refresh >/dev/null 2>&1
case_ "a copy that arrives later arrives read, and the fuller one is shown" '
p = one("Only on the planet")
want(p["read"], "Dave'"'"'s own copy arrived unread")
want(p["feed_id"] == feeds["dave.xml"]["id"], "shown from %d" % p["feed_id"])
want(p["source"] == "Dave Only", p["source"])
want(feeds["dave.xml"]["unread"] == 0 and feeds["dave.xml"]["total"] == 1, feeds["dave.xml"])'

for _x in "" -wal -shm; do
	[ -e "$T/store.db$_x" ] && cp "$T/store.db$_x" "$T/reader.db$_x"
done

# ---- removing a feed keeps the posts another feed carries ---------------

O remove "$U/planet.xml" >/dev/null 2>"$T/err" ||
	notok "remove the Planet" "$(cat "$T/err")"
case_ "removing the Planet keeps the posts the blogs carry, with their state" '
p = one("'"$PKG"'")
want(p["feed_id"] == feeds["bob.xml"]["id"], "shown from %d" % p["feed_id"])
want(p["starred"] and not p["read"], p)
want(one("'"$GEN"'")["read"], "Alice'"'"'s post lost its read state")
want(len(posts) == 6, "%d posts" % len(posts))
want(feeds["bob.xml"]["unread"] == 2 and feeds["bob.xml"]["total"] == 2, feeds["bob.xml"])'

# ---- a store made by the code before ----------------------------------

DB=$T/old.db
python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(open(sys.argv[2]).read())
db.close()' "$DB" "$FIX/old-store.sql"
case_ "upgrading an old store merges the copies it holds, read and starred kept" '
want(len(posts) == 8, "%d posts: %s" % (len(posts), [p["title"] for p in posts]))
p = one("'"$GEN"'")
want(p["read"] and p["feed_id"] == 2 and p["source"] == "Alice Example", p)
p = one("'"$PKG"'")
want(p["starred"] and p["feed_id"] == 1, p)
n = {k: (f["unread"], f["total"]) for k, f in feeds.items()}
want(n == {"planet.xml": (4, 4), "alice.xml": (1, 2), "bob.xml": (1, 1),
           "carol.xml": (1, 1)}, n)'
if python3 -c '
import sqlite3, sys
v = sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0]
sys.exit(0 if v > 2 else 1)' "$DB"; then
	ok "the upgrade is a numbered migration"
else
	notok "the upgrade is a numbered migration" "user_version not raised"
fi

# ---- posts stay where they were written -----------------------------------

# route PATH FILE: serve FILE at PATH from now on
route() {
	python3 -c '
import json, os, sys
p = sys.argv[1]
r = json.load(open(p))
r[sys.argv[2]] = {"file": sys.argv[3]}
json.dump(r, open(p + ".tmp", "w"))
os.rename(p + ".tmp", p)' "$T/routes" "$1" "$2"
}
DB=$T/edits.db
route /edits.xml edit1.xml
O add "$U/edits.xml" >/dev/null && O refresh >/dev/null 2>&1
older=$(O list --json | python3 -c '
import json, sys
print([p["id"] for p in json.load(sys.stdin) if p["title"] == "Older post"][0])')
O mark read "$older"
route /edits.xml edit2.xml
run "refresh after the edits" 0 O refresh && ok "refresh after the edits"
Q="list" case_ "an updated bump moves no post and marks none unread" '
want([p["title"] for p in posts] == ["Newer post", "Post with no published date",
     "Older post"], [p["title"] for p in posts])
want(one("Older post")["read"], "the edited post is unread again")'
O show "$older" --width 80 >"$T/show.txt"
if grep -q "Wed 2026-05-20 10:00 UTC, updated Thu 2026-05-28 09:30 UTC" "$T/show.txt" &&
	grep -q "typo fixed" "$T/show.txt"; then
	ok "show gives the updated date when it differs"
else
	notok "show gives the updated date when it differs" "$(head -n 6 "$T/show.txt")"
fi

# ---- the reader -----------------------------------------------------------

if ! command -v tmux >/dev/null 2>&1; then
	notok "tmux is installed" "the reader check needs tmux"
	exit 1
fi
export TMUX_TMPDIR="$T"
S=orrery-dedup-$$
SOCKS=$S
trap 'for _s in $SOCKS; do tmux -L "$_s" kill-server >/dev/null 2>&1; done
kill "$SERVER_PID" 2>/dev/null' EXIT
DB=$T/reader.db
SHELL=/bin/sh tmux -L "$S" -f /dev/null new-session -d -x 100 -y 30 \
    "env TERM=screen-256color TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 '$ORRERY' -d '$DB' -c '$CFG'; sleep 600"
# screen_has TEXT: poll the pane (10 s at most) until TEXT is on it
screen_has() {
	_n=100
	while [ "$_n" -gt 0 ]; do
		tmux -L "$S" capture-pane -p >"$T/screen" 2>/dev/null
		grep -qF -- "$1" "$T/screen" && return 0
		_n=$((_n - 1))
		sleep 0.1
	done
	return 1
}
if screen_has "Only on my own blog"; then
	if [ "$(grep -c "$GEN" "$T/screen")" = 1 ] &&
		[ "$(grep -c "Only on the planet" "$T/screen")" = 1 ] &&
		grep -q "^  Alice Example" "$T/screen"; then
		ok "the Planet view shows each post once, under the Planet's names"
	else
		notok "the Planet view shows each post once, under the Planet's names" \
		    "$(sed 's/^/    /' "$T/screen")"
	fi
else
	notok "the Planet view shows each post once, under the Planet's names" \
	    "the reader did not show the posts: $(sed 's/^/    /' "$T/screen")"
fi

# ---- what is new since the reader last quit -----------------------------

# reader_quit: q, then wait (10 s at most) for the reader to have kept
# when it quit
reader_quit() {
	tmux -L "$S" send-keys q
	_n=100
	while [ "$_n" -gt 0 ]; do
		python3 -c '
import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute(
    "SELECT value FROM meta WHERE key = ?", ("reader-seen",)).fetchone()
sys.exit(0 if r else 1)' "$DB" 2>/dev/null && return 0
		_n=$((_n - 1))
		sleep 0.1
	done
	return 1
}
# reader: a new reader, in a tmux server of its own
reader() {
	tmux -L "$S" kill-server >/dev/null 2>&1
	S=$S-2
	SOCKS="$SOCKS $S"
	SHELL=/bin/sh tmux -L "$S" -f /dev/null new-session -d -x 100 -y 30 \
	    "env TERM=screen-256color TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 '$ORRERY' -d '$DB' -c '$CFG'; sleep 600"
}
# line_of TEXT: the first screen line holding TEXT (0 when none)
line_of() { grep -nF -- "$1" "$T/screen" | head -n 1 | cut -d: -f1; }

if ! reader_quit; then
	notok "the reader keeps when it quit" "no reader-seen in the store"
fi
route /bob.xml bob2.xml
O refresh >/dev/null 2>&1
reader
if screen_has "Wheels on Saturday" && screen_has "new since"; then
	r=$(line_of "new since")
	w=$(line_of "Wheels on Saturday")
	g=$(line_of "$GEN")
	if [ "$w" -lt "$r" ] && [ "$r" -lt "$g" ] &&
		grep -q "^── new since [A-Z][a-z][a-z] [0-9][0-9]:[0-9][0-9] ──" "$T/screen"; then
		ok "a rule marks where the posts new since the last quit begin"
	else
		notok "a rule marks where the posts new since the last quit begin" \
		    "$(sed 's/^/    /' "$T/screen")"
	fi
else
	notok "a rule marks where the posts new since the last quit begin" \
	    "$(sed 's/^/    /' "$T/screen")"
fi
tmux -L "$S" send-keys G
screen_has "Only on my own blog" >/dev/null
tmux -L "$S" send-keys '`' Enter
if screen_has "Wheels, at last."; then
	ok "\` goes to the oldest post new since the last quit"
else
	notok "\` goes to the oldest post new since the last quit" \
	    "$(sed 's/^/    /' "$T/screen")"
fi
tmux -L "$S" send-keys q g
screen_has "Wheels on Saturday" >/dev/null
route /bob.xml bob3.xml
tmux -L "$S" send-keys r
if screen_has "Sunday sdists" && screen_has "── Sunday 31 May 2026"; then
	ok "posts arriving while the view is at the top show there with their headings"
else
	notok "posts arriving while the view is at the top show there with their headings" \
	    "$(sed 's/^/    /' "$T/screen")"
fi
tmux -L "$S" kill-server >/dev/null 2>&1
