# suite_sync: orrery as a client of a Google Reader API server.  The real
# FreshRSS of ../shared/sync-server (started here, on loopback, into $T),
# fed by tests/httpd.py; and tests/greader.py, a Miniflux-dialect stand-in
# for what FreshRSS does not show (T= token-only POSTs, decimal and tag
# ids, 500s on demand, slow answers, 10,000 entries).  Every check looks at
# both sides: the store through the command line, the server through its
# API (or the stand-in's /__state).  The server's request counts come from
# its own logs.
. "$TESTS/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    TMUX TMUX_PANE
export no_proxy='*' NO_PROXY='*' TMUX_TMPDIR="$T"

SS=$TESTS/../../shared/sync-server
if [ ! -x "$SS/start-freshrss" ]; then
	echo "# skipped: ../shared/sync-server absent"
	exit 0
fi
need python3 curl tmux

PIDS=
SOCK=
cleanup() {
	for _p in $PIDS; do
		kill "$_p" 2>/dev/null
	done
	[ -f "$T/fr/pid" ] && kill "$(cat "$T/fr/pid")" 2>/dev/null
	[ -n "$SOCK" ] && tmux -L "$SOCK" kill-server >/dev/null 2>&1
}
trap cleanup EXIT

# wait_file FILE: poll up to 20 s for FILE to be non-empty
wait_file() {
	_i=0
	while [ ! -s "$1" ]; do
		_i=$((_i + 1))
		[ "$_i" -gt 400 ] && return 1
		sleep 0.05
	done
}

# ---- the feeds FreshRSS reads, served from here ---------------------------

mkdir -p "$T/feeds"
# write_feed NAME TITLE N [FIRST]: an RSS feed of N posts "TITLE post I"
write_feed() {
	python3 - "$T/feeds/$1.xml" "$2" "$3" "${4:-1}" <<'PY'
import sys
path, title, n, first = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
items = "".join(
    "<item><title>%s post %d</title><link>http://example.org/%s/%d</link>"
    "<guid>%s-%d</guid><description>&lt;p&gt;Body %d&lt;/p&gt;</description>"
    "<pubDate>Mon, %02d Nov 2026 10:00:00 GMT</pubDate></item>"
    % (title, i, title, i, title, i, i, i) for i in range(first, first + n))
open(path + ".tmp", "w").write(
    '<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>'
    "<link>http://example.org/%s</link>%s</channel></rss>" % (title, title, items))
import os; os.rename(path + ".tmp", path)
PY
}
write_feed alpha Alpha 5
write_feed beta Beta 3
cat >"$T/feeds/planet.xml" <<'XML'
<?xml version="1.0"?><rss version="2.0"><channel><title>Planet Demo</title>
<link>http://example.org/planet</link>
<item><title>Ann Author: First light</title><link>http://example.org/ann/1</link>
<guid>ann-1</guid><description>Ann's post</description></item>
</channel></rss>
XML
printf '{"/alpha.xml": {"file": "alpha.xml"}, "/beta.xml": {"file": "beta.xml"}, "/planet.xml": {"file": "planet.xml"}}\n' >"$T/routes"
python3 "$TESTS/httpd.py" --bind 127.0.0.1 --root "$T/feeds" \
    --routes "$T/routes" --log "$T/http.log" --port-file "$T/port" \
    --max-seconds 900 2>"$T/httpd.stderr" &
PIDS="$PIDS $!"
wait_file "$T/port" || { notok "the feed server starts" "no port"; exit 1; }
FP=$(cat "$T/port")

# ---- FreshRSS ------------------------------------------------------------

PW=api-password-123
if ! URL=$("$SS/start-freshrss" "$T/fr" alice "$PW" 2>"$T/fr.err"); then
	notok "FreshRSS starts" "$(head -c 300 "$T/fr.err")"
	exit 1
fi
ok "FreshRSS starts on loopback"

# The API by hand: fr_login, fr_get PATH, fr_post PATH ARGS (curl -d ...)
fr_login() {
	AUTH=$(curl -s -d "Email=alice&Passwd=$PW" "$URL/accounts/ClientLogin" |
	    sed -n 's/^Auth=//p')
	TOK=$(curl -s -H "Authorization: GoogleLogin auth=$AUTH" \
	    "$URL/reader/api/0/token")
}
fr_get() { curl -s -H "Authorization: GoogleLogin auth=$AUTH" "$URL/reader/api/0/$1"; }
fr_post() {
	_p=$1
	shift
	curl -s -H "Authorization: GoogleLogin auth=$AUTH" "$@" \
	    --data-urlencode "T=$TOK" "$URL/reader/api/0/$_p"
}
# fr_items: the server's items, one line each: TITLE|read|starred|ID
fr_items() {
	fr_get "stream/contents/user/-/state/com.google/reading-list?n=1000&output=json" |
	    python3 -c '
import json, sys
for it in json.load(sys.stdin).get("items", []):
    c = it.get("categories", [])
    print("%s|%d|%d|%s" % (it["title"], "user/-/state/com.google/read" in c,
        "user/-/state/com.google/starred" in c, it["id"]))' | sort
}
fr_id() { fr_items | awk -F'|' -v t="$1" '$1 == t { print $4 }'; }
# fr_requests: how many requests FreshRSS has answered
fr_requests() { grep -cE '\]: (GET|POST) ' "$T/fr/server.log"; }

fr_login
# The new user's one subscription is on the internet: drop it.
fr_post subscription/edit -d ac=unsubscribe -d s=feed/1 >/dev/null
fr_post subscription/edit -d ac=subscribe \
    --data-urlencode "s=feed/http://127.0.0.1:$FP/alpha.xml" >"$T/sub.out"
if grep -q OK "$T/sub.out" && [ "$(fr_items | grep -c '^Alpha post')" = 5 ]; then
	ok "FreshRSS subscribed to a loopback feed through its API"
else
	notok "FreshRSS subscribed to a loopback feed" "$(cat "$T/sub.out"; fr_items)"
fi

# ---- orrery's side ------------------------------------------------------

DB=$T/orrery.db
printf '%s\n' "$PW" >"$T/pw"
chmod 600 "$T/pw"
# config FILE [EXTRA [SERVER]]: a [sync] config for FreshRSS (or SERVER)
config() {
	printf '[general]\ndefault-feed = ""\nrefresh-on-start = no\n[sync]\nserver = %s\nuser = alice\n%s\n' \
	    "${3:-$URL}" "${2:-password-file = $T/pw}" >"$1"
}
config "$T/c.ini"
O() { "$ORRERY" -c "$T/c.ini" -d "$DB" "$@"; }
# local_items: TITLE|read|starred of the store, sorted
local_items() {
	O list --json | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    print("%s|%d|%d" % (e["title"], e["read"], e["starred"]))' | sort
}
# local_id TITLE: the entry's id in the store
local_id() {
	O list --json | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    if e["title"] == sys.argv[1]: print(e["id"])' "$1"
}
# same NAME WANT GOT: ok when equal
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "want [$2] got [$(printf '%s' "$3" | tr '\n' ' ')]"; fi
}
# waiting: marks waiting in the outbox, as sync --status says
waiting() { O sync --status | sed -n 's/^marks waiting: //p'; }

# --- the password ---------------------------------------------------------

chmod 644 "$T/pw"
expect "a password-file others can read is refused" 1 \
    'password-file .*others can read it' "$T/err" O sync
grep -q "$PW" "$T/err" "$T/out" && notok "no password in the refusal" "$(cat "$T/err")"
chmod 600 "$T/pw"
[ -e "$DB" ] && ! grep -q "$PW" "$DB" && ok "the password is not in the store"

config "$T/wrong.ini" "password-file = $T/wrongpw"
printf 'not-the-password\n' >"$T/wrongpw"
chmod 600 "$T/wrongpw"
expect "a wrong password: exit 3, authentication failed" 3 \
    'authentication failed' "$T/err" \
    "$ORRERY" -c "$T/wrong.ini" -d "$T/other.db" sync
grep -q 'not-the-password' "$T/err" &&
    notok "no password in the error" "$(cat "$T/err")"

# password-command runs without a shell: '>' is a word, not a redirection
config "$T/cmd.ini" "password-command = echo $PW > $T/shell-ran"
run "password-command runs without a shell" 3 \
    "$ORRERY" -c "$T/cmd.ini" -d "$T/other.db" sync &&
    if [ -e "$T/shell-ran" ]; then
	    notok "password-command runs without a shell" "a shell ran it"
    else
	    ok "password-command runs without a shell"
    fi
config "$T/sh.ini" "password-command = sh -c 'echo $PW | cat'"
expect "password-command with sh -c gets a shell" 0 '^synced' "$T/out" \
    "$ORRERY" -c "$T/sh.ini" -d "$T/other.db" sync

# --- first sync, incremental sync -----------------------------------------

expect "first sync into an empty store" 0 \
    '^synced: 1 feed, 5 new entries' "$T/out" O sync
same "the store has the server's entries" \
    "$(fr_items | cut -d'|' -f1-3)" "$(local_items)"
O feeds >"$T/feeds.out"
grep -q "Alpha" "$T/feeds.out" && grep -q "alpha.xml" <(O feeds --json) &&
    ok "the server's subscription is a feed, by its URL" ||
    notok "the server's subscription is a feed" "$(cat "$T/feeds.out")"
sleep 1 # the next pull starts at the server's second
before=$(fr_requests)
expect "an incremental sync with nothing new" 0 \
    '^synced: 1 feed, 0 new entries, 0 marks sent, 0 changed' "$T/out" O sync
n=$(($(fr_requests) - before))
echo "# incremental sync with nothing new: $n requests"
[ "$n" -ge 3 ] && [ "$n" -le 6 ] && ok "nothing new costs a handful of requests ($n)" ||
    notok "nothing new costs a handful of requests" "$n requests"

# --- marks both ways ------------------------------------------------------

O mark read "$(local_id 'Alpha post 1')"
O mark star "$(local_id 'Alpha post 2')"
same "marks wait in the outbox" 2 "$(waiting)"
expect "sync sends them" 0 '2 marks sent' "$T/out" O sync
same "read and starred on the server" \
    "Alpha post 1|1|0 Alpha post 2|0|1" \
    "$(fr_items | grep -E 'post [12]\|' | cut -d'|' -f1-3 | tr '\n' ' ' | sed 's/ $//')"
same "the outbox is empty once the server took them" 0 "$(waiting)"

# many at once: one edit-tag
before=$(grep -c 'edit-tag' "$T/fr/server.log")
O mark read "$(local_id 'Alpha post 3')" "$(local_id 'Alpha post 4')" \
    "$(local_id 'Alpha post 5')"
O mark unread "$(local_id 'Alpha post 1')"
O sync >/dev/null 2>&1
same "many marks: read on the server" "0 1 1 1" \
    "$(fr_items | grep -E 'post [1345]\|' | cut -d'|' -f2 | tr '\n' ' ' | sed 's/ $//')"
same "many marks go in one edit-tag per kind" 2 \
    $(($(grep -c 'edit-tag' "$T/fr/server.log") - before))

# from the server: read post 1, unstar post 2, star post 3
fr_post edit-tag -d "i=$(fr_id 'Alpha post 1')" \
    -d a=user/-/state/com.google/read >/dev/null
fr_post edit-tag -d "i=$(fr_id 'Alpha post 2')" \
    -d r=user/-/state/com.google/starred >/dev/null
fr_post edit-tag -d "i=$(fr_id 'Alpha post 3')" \
    -d a=user/-/state/com.google/starred >/dev/null
expect "marks made on the server come back" 0 '3 changed by the server' \
    "$T/out" O sync
same "the store has the server's state" \
    "$(fr_items | cut -d'|' -f1-3)" "$(local_items)"

# a pending local mark wins over the server's state
fr_post edit-tag -d "i=$(fr_id 'Alpha post 4')" \
    -d r=user/-/state/com.google/read >/dev/null
O mark star "$(local_id 'Alpha post 4')"
O sync >/dev/null 2>&1
same "a mark sent and a mark received in one sync" "Alpha post 4|0|1" \
    "$(local_items | grep 'post 4')"

# --- a new post on the server; mark-all with ts in the reader ---------------

write_feed alpha Alpha 6
"$SS/refresh-freshrss" "$T/fr" alice >/dev/null 2>&1
expect "a new post on the server comes with the next sync" 0 \
    '1 new entry' "$T/out" O sync
same "the new post is unread in the store" "Alpha post 6|0|0" \
    "$(local_items | grep 'post 6')"

# Post 7 reaches the server after orrery's last sync: the reader's A marks
# what it has, and the server's mark-all-as-read (ts) leaves 7 unread.
write_feed alpha Alpha 7
"$SS/refresh-freshrss" "$T/fr" alice >/dev/null 2>&1
SOCK=orrery-sync-$$
SHELL=/bin/sh tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
    "'$ORRERY' -c '$T/c.ini' -d '$DB'"
# ui_wait TEXT: poll the reader's screen for TEXT (20 s at most)
ui_wait() {
	_i=0
	while ! tmux -L "$SOCK" capture-pane -p | grep -qF -- "$1"; do
		_i=$((_i + 1))
		[ "$_i" -gt 200 ] && return 1
		sleep 0.1
	done
}
if ui_wait "Alpha post" && tmux -L "$SOCK" send-keys A && ui_wait "read? (y/n)" &&
    tmux -L "$SOCK" send-keys y && ui_wait "marked"; then
	ok "the reader marks all read (A)"
else
	notok "the reader marks all read (A)" "$(tmux -L "$SOCK" capture-pane -p | tail -3)"
fi
tmux -L "$SOCK" send-keys Q
sleep 0.3
tmux -L "$SOCK" kill-server >/dev/null 2>&1
same "mark-all waits in the outbox as one mark" 1 "$(waiting)"
before=$(grep -c 'mark-all-as-read' "$T/fr/server.log")
expect "sync sends mark-all-as-read" 0 '1 mark sent' "$T/out" O sync
same "one mark-all-as-read request" 1 \
    $(($(grep -c 'mark-all-as-read' "$T/fr/server.log") - before))
same "with ts: what orrery had is read on the server, post 7 is not" \
    "1 1 1 1 1 1 0" \
    "$(fr_items | cut -d'|' -f2 | tr '\n' ' ' | sed 's/ $//')"
same "post 7 came in unread" "Alpha post 7|0|0" \
    "$(local_items | grep 'post 7')"

# --- the reader's r syncs, on the fetcher's side ---------------------------

fr_post edit-tag -d "i=$(fr_id 'Alpha post 7')" \
    -d a=user/-/state/com.google/starred >/dev/null
SHELL=/bin/sh tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
    "'$ORRERY' -c '$T/c.ini' -d '$DB'"
if ui_wait "Alpha post 7" && tmux -L "$SOCK" send-keys r &&
    ui_wait "refreshed 1 feed"; then
	ok "r in the reader syncs"
else
	notok "r in the reader syncs" "$(tmux -L "$SOCK" capture-pane -p | tail -3)"
fi
tmux -L "$SOCK" send-keys Q
sleep 0.3
tmux -L "$SOCK" kill-server >/dev/null 2>&1
same "the reader's sync took the server's star" "Alpha post 7|0|1" \
    "$(local_items | grep 'post 7')"

# --- the server away: a mark waits across a restart of both ---------------

kill "$(cat "$T/fr/pid")"
while curl -s -o /dev/null "$URL/accounts/ClientLogin" 2>/dev/null; do sleep 0.1; done
O mark unread "$(local_id 'Alpha post 2')"
expect "sync with the server down: exit 3, says why" 3 \
    'cannot reach the server' "$T/err" O sync
same "the mark waits, store closed and reopened" 1 "$(waiting)"
O refresh >/dev/null 2>&1
same "refresh with the server down: exit 3" 3 "$?"
if "$SS/start-freshrss" --restart "$T/fr" >/dev/null 2>"$T/fr.err"; then
	fr_login
	expect "the restarted server takes the waiting mark" 0 '1 mark sent' \
	    "$T/out" O sync
	same "unread on the server" "Alpha post 2|0|0" \
	    "$(fr_items | grep 'post 2|' | cut -d'|' -f1-3)"
	same "nothing waits any more" 0 "$(waiting)"
else
	notok "FreshRSS restarts" "$(cat "$T/fr.err")"
fi

# --- subscriptions through the server --------------------------------------

fr_subs() {
	fr_get "subscription/list?output=json" | python3 -c '
import json, sys
for s in json.load(sys.stdin)["subscriptions"]:
    print(s["url"])' | sort
}
expect "add subscribes on the server" 0 'on the server' "$T/out" \
    O add "http://127.0.0.1:$FP/beta.xml"
grep -qx "http://127.0.0.1:$FP/beta.xml" <(fr_subs) &&
    ok "the server lists the new subscription" ||
    notok "the server lists the new subscription" "$(fr_subs)"
expect "the next sync brings its entries" 0 '3 new entries' "$T/out" O sync
same "the store has them" 3 "$(local_items | grep -c '^Beta post')"
expect "remove unsubscribes on the server" 0 'removed feed' "$T/out" \
    O remove Beta
if grep -q beta.xml <(fr_subs) || O feeds | grep -q Beta; then
	notok "the feed is gone on both sides" "server: $(fr_subs); local: $(O feeds)"
else
	ok "the feed is gone on both sides"
fi
cat >"$T/list.opml" <<OPML
<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="Beta" xmlUrl="http://127.0.0.1:$FP/beta.xml"/>
<outline text="Alpha" xmlUrl="http://127.0.0.1:$FP/alpha.xml"/>
</body></opml>
OPML
expect "import subscribes on the server" 0 \
    'imported 1 feed on the server \(1 already' "$T/out" O import "$T/list.opml"
grep -qx "http://127.0.0.1:$FP/beta.xml" <(fr_subs) &&
    ok "the server lists the imported feed" ||
    notok "the server lists the imported feed" "$(fr_subs)"
# a Planet through the server is split by source, as when fetched
O add "http://127.0.0.1:$FP/planet.xml" >/dev/null 2>&1
O sync >/dev/null 2>&1
same "a Planet's entries through the server: source and title split" \
    "Ann Author|First light" \
    "$(O list --json | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    if e["title"] == "First light" or "Ann" in e["title"]:
        print("%s|%s" % (e["source"], e["title"]))')"

# unsubscribed elsewhere (on the server): gone here after a sync
fr_post subscription/edit -d ac=unsubscribe \
    -d "s=$(fr_get 'subscription/list?output=json' | python3 -c '
import json, sys
print([s["id"] for s in json.load(sys.stdin)["subscriptions"] if "beta" in s["url"]][0])')" >/dev/null
O sync >/dev/null 2>&1
O feeds | grep -q Beta && notok "a feed unsubscribed on the server goes" "$(O feeds)" ||
    ok "a feed unsubscribed on the server goes"

# ---- the Miniflux-dialect stand-in ----------------------------------------

# standin NAME ITEMS: tests/greader.py with ITEMS items in 20 feeds; sets
# SP (its port) and SL (its request log)
standin() {
	SL=$T/$1.log
	python3 "$TESTS/greader.py" --port-file "$T/$1.port" --log "$SL" \
	    --feeds 20 --items "$2" --password standin-pw \
	    --max-seconds 900 2>"$T/$1.stderr" &
	PIDS="$PIDS $!"
	wait_file "$T/$1.port" || { notok "the stand-in starts" "$(cat "$T/$1.stderr")"; exit 1; }
	SP=$(cat "$T/$1.port")
}
sget() { curl -s "http://127.0.0.1:$SP/$1"; }
# ms: milliseconds since the epoch, for the timings the suite prints
ms() { python3 -c 'import time; print(int(time.time() * 1000))'; }
printf 'standin-pw\n' >"$T/spw"
chmod 600 "$T/spw"

standin mf 200
config "$T/mf.ini" "password-file = $T/spw" "http://127.0.0.1:$SP"
M() { "$ORRERY" -c "$T/mf.ini" -d "$T/mf.db" "$@"; }
Mwaiting() { M sync --status | sed -n 's/^marks waiting: //p'; }
expect "the stand-in: first sync" 0 '20 feeds, 200 new entries' "$T/out" M sync

M list >"$T/list.out"
if grep -q "Stand-in post 1067" "$T/list.out" && ! grep -q $'\e' "$T/list.out"; then
	ok "no escape from the server reaches the terminal"
else
	notok "no escape from the server reaches the terminal" "$(grep 1067 "$T/list.out" | od -c | head -3)"
fi

# POSTs carry T= (the stand-in takes no other POST authentication);
# contents ids are tags, id sets decimal
M mark read 1 2 3
M mark star 4
expect "marks reach a server that takes only T= on POSTs" 0 '4 marks sent' \
    "$T/out" M sync
sget __state >"$T/state.json"
python3 - "$T/state.json" "$T/mf.db" <<'PY' && ok "the server has them, by either form of id" || notok "the server has them" "$(cat "$T/state.json" | head -c 300)"
import json, sqlite3, sys
st = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
ids = dict(db.execute("select id, sync_id from entries where id <= 4"))
unread, starred = set(st["unread"]), set(st["starred"])
assert all(ids[i] not in unread for i in (1, 2, 3)), ids
assert ids[4] in starred and ids[4] in unread
PY
# a star given on the server by decimal id comes back
TOKEN=$(sget "reader/api/0/token")
sid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["unread"][0])' "$T/state.json")
curl -s -d "i=$sid&a=user/-/state/com.google/starred&T=standin-token-1" \
    "http://127.0.0.1:$SP/reader/api/0/edit-tag" >/dev/null
M sync >/dev/null 2>&1
same "a star set by decimal id reaches the entry stored by tag id" 1 \
    "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select starred from entries where sync_id = ?", (int(sys.argv[2]),)).fetchone()[0])' "$T/mf.db" "$sid")"

# 500, then recovering
M mark unread 1
sget "__fail?n=1" >/dev/null
expect "a server answering 500: exit 3, says so" 3 'HTTP 500, server error' \
    "$T/err" M sync
same "the mark waits" 1 "$(Mwaiting)"
expect "the server back: the mark goes" 0 '1 mark sent' "$T/out" M sync

# kill -9 while the server holds the marks' edit-tag
M mark read 10 11 12
sget "__slow?ms=20000&path=edit-tag" >/dev/null
# orrery itself in the background (not the function M, whose $! is a
# subshell that kill -9 would end while orrery went on).
"$ORRERY" -c "$T/mf.ini" -d "$T/mf.db" sync >/dev/null 2>&1 &
spid=$!
_i=0
until sget __state | grep -q 'edit-tag'; do
	_i=$((_i + 1))
	[ "$_i" -gt 600 ] && break
	sleep 0.1
done
kill -9 "$spid"
wait "$spid" 2>/dev/null
sget "__slow?ms=0" >/dev/null
same "kill -9 during a sync: integrity_check" ok \
    "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma integrity_check").fetchone()[0])' "$T/mf.db")"
same "kill -9 during a sync: the outbox is intact" 3 "$(Mwaiting)"
expect "the next sync sends them" 0 '3 marks sent' "$T/out" M sync

# ---- 10,000 entries, and what syncs cost ----------------------------------

standin big 10000
config "$T/big.ini" "password-file = $T/spw" "http://127.0.0.1:$SP"
B() { "$ORRERY" -c "$T/big.ini" -d "$T/big.db" "$@"; }
t0=$(ms)
expect "a first sync of 10,000 entries" 0 '10000 new entries' "$T/out" B sync
t1=$(ms)
echo "# first sync of 10,000 entries (stand-in): $((t1 - t0)) ms, $(lines "$SL") requests"
same "the store has 10,000 entries" 10000 "$(B feeds --json | python3 -c 'import json,sys; print(sum(f["total"] for f in json.load(sys.stdin)))')"
sleep 1
: >"$SL"
t0=$(ms)
expect "incremental, nothing new" 0 ' 0 new entries, 0 marks' "$T/out" B sync
t1=$(ms)
echo "# incremental sync, nothing new: $((t1 - t0)) ms, $(lines "$SL") requests"
sget "__add?n=50" >/dev/null
B mark read $(seq 1 100)
: >"$SL"
t0=$(ms)
expect "50 new and 100 marks" 0 '50 new entries, 100 marks sent' "$T/out" B sync
t1=$(ms)
echo "# sync with 50 new and 100 marks: $((t1 - t0)) ms, $(lines "$SL") requests ($(grep -c edit-tag "$SL") edit-tag)"
