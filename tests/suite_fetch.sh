# suite_fetch: the fetcher with real parts.  Two tests/httpd.py servers on
# loopback (127.0.0.1 and 127.0.0.2), a real SQLite store per scenario, the
# real command line (add, feeds --json, refresh, list --json, mark); the
# checks look at what the servers saw (their request logs and /__stats) and
# at what the store holds.  Fixture feeds are in tests/fetch/.
#
# Nothing here touches the network beyond loopback: proxies are unset and
# every config names a default-feed on the test server.  Waits poll; the
# only fixed delays are the servers' own (a few hundred milliseconds).
. "$TESTS/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    ftp_proxy FTP_PROXY
export no_proxy='*' NO_PROXY='*'

FIX=$TESTS/fetch
export T

# ---- the servers ---------------------------------------------------------

SERVER_PIDS=
stop_servers() {
	for _p in $SERVER_PIDS; do
		kill "$_p" 2>/dev/null
	done
}
trap stop_servers EXIT

# start_server NAME ADDR: httpd.py on ADDR, files $T/NAME.{routes,log,port}
start_server() {
	printf '{}\n' >"$T/$1.routes"
	: >"$T/$1.log"
	python3 "$TESTS/httpd.py" --bind "$2" --root "$FIX" \
	    --routes "$T/$1.routes" --log "$T/$1.log" \
	    --port-file "$T/$1.port" --max-seconds 900 2>"$T/$1.stderr" &
	SERVER_PIDS="$SERVER_PIDS $!"
}

# wait_file FILE: poll up to 10 s for FILE to be non-empty
wait_file() {
	_i=0
	while [ ! -s "$1" ]; do
		_i=$((_i + 1))
		[ "$_i" -gt 200 ] && return 1
		sleep 0.05
	done
	return 0
}

start_server a 127.0.0.1
start_server b 127.0.0.2
if wait_file "$T/a.port" && wait_file "$T/b.port"; then
	ok "test servers listen on 127.0.0.1 and 127.0.0.2"
else
	notok "test servers listen on 127.0.0.1 and 127.0.0.2" \
	    "$(cat "$T/a.stderr" "$T/b.stderr" 2>/dev/null | head -c 300)"
	exit 1
fi
PA=$(cat "$T/a.port")
PB=$(cat "$T/b.port")
UA=http://127.0.0.1:$PA
UB=http://127.0.0.2:$PB
export UA UB PA PB

# ---- the query helper: Python over the JSON that commands print and the
# ---- servers log ---------------------------------------------------------

cat >"$T/q.py" <<'EOF'
import json, os, re, sys, time, urllib.request

T = os.environ["T"]
UA, UB = os.environ["UA"], os.environ["UB"]
PA, PB = os.environ["PA"], os.environ["PB"]
HA, HB = "127.0.0.1:" + PA, "127.0.0.2:" + PB
MA, MB = int(os.environ.get("MA", 0)), int(os.environ.get("MB", 0))
T0 = int(os.environ.get("T0", 0))
now = time.time()
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def text(name):
    try:
        with open(os.path.join(T, name), encoding="utf-8",
                  errors="replace") as fp:
            return fp.read()
    except OSError:
        return ""


def log(name):
    recs = []
    for line in text(name + ".log").splitlines():
        try:
            recs.append(json.loads(line))
        except ValueError:
            pass
    return recs


def stats(base):
    with opener.open(base + "/__stats", timeout=5) as r:
        return json.load(r)


def feed(key):
    """The feed in out (feeds --json) with this id, or this URL."""
    for f in out or []:
        if f.get("id") == key or f.get("url") == key:
            return f
    return {}


def hits(recs, path):
    """Requests in recs for path (a trailing * matches a prefix)."""
    if path.endswith("*"):
        return sum(1 for r in recs if r["path"].startswith(path[:-1]))
    return sum(1 for r in recs if r["path"] == path)


def errline(url):
    """What stderr says about url ("orrery: URL: REASON"), or ''."""
    p = "orrery: %s: " % url
    for line in err.splitlines():
        if line.startswith(p):
            return line[len(p):]
    return ""


def only(recs, prefix):
    return [r for r in recs if r["path"].startswith(prefix)]


def overlap(recs):
    """Most requests the servers had in flight at once ([t, t_end] is
    inside the client's own interval, so this never overstates)."""
    ev = []
    for r in recs:
        ev.append((r["t"], 1))
        ev.append((r.get("t_end") or r["t"], -1))
    ev.sort()
    n = m = 0
    for _, d in ev:
        n += d
        m = max(m, n)
    return m


outs, err = text("out"), text("err")
try:
    out = json.loads(outs)
except ValueError:
    out = None
A, B = log("a"), log("b")
newA, newB = A[MA:], B[MB:]


def show(v):
    return v if isinstance(v, str) else json.dumps(v)


mode = sys.argv[1]
if mode == "check":
    try:
        v = eval("(%s\n)" % sys.argv[2].strip())
    except Exception as e:
        v = None
        print("%s: %s;" % (type(e).__name__, e), end=" ")
    if v:
        sys.exit(0)
    if len(sys.argv) > 3 and sys.argv[3]:
        try:
            print("got %s;" % show(eval("(%s\n)" % sys.argv[3].strip())),
                  end=" ")
        except Exception as e:
            print("(%s)" % e, end=" ")
    else:
        print("got %s;" % show(v), end=" ")
    print("stdout: %s; stderr: %s" % (outs[:200].strip(), err[:200].strip()))
    sys.exit(1)
elif mode == "get":
    print(show(eval("(%s\n)" % sys.argv[2].strip())))
elif mode == "settle":
    # Until neither server has anything in flight: then every request
    # the last command made is in the logs.
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            if all(stats(u)["inflight_total"] == 0 for u in (UA, UB)):
                sys.exit(0)
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit(1)
elif mode == "route":
    # route SERVER PATH JSON: set one route, atomically
    path = os.path.join(T, sys.argv[2] + ".routes")
    with open(path, encoding="utf-8") as fp:
        routes = json.load(fp)
    routes[sys.argv[3]] = json.loads(sys.argv[4])
    with open(path + ".tmp", "w", encoding="utf-8") as fp:
        json.dump(routes, fp)
    os.replace(path + ".tmp", path)
EOF

# check NAME EXPR [SHOW]: ok when the Python expression EXPR is true (see
# q.py: out is stdout as JSON, newA/newB the requests since mark, ...)
check() {
	if _why=$(python3 "$T/q.py" check "$2" "${3:-}" 2>&1); then
		ok "$1"
	else
		notok "$1" "$_why"
	fi
}
q() { python3 "$T/q.py" get "$1"; }
settle() {
	python3 "$T/q.py" settle ||
		echo "# the test servers still have requests in flight"
}
# mark: remember where the logs end and the time, before a command
mark() {
	MA=$(lines "$T/a.log")
	MB=$(lines "$T/b.log")
	T0=$(date +%s)
	export MA MB T0
}
route() { python3 "$T/q.py" route "$@"; }
# stored: feeds --json into $T/out, each feed with "stored", the entries
# the store holds for it, and stored_entries: the store's entries as
# [{feed_id, guid}].  Feeds that carry the same posts (one file behind
# several URLs) store each its own copies, while the counts and list
# give a post once (DESIGN §9).
stored() {
	orr feeds --json >"$T/feeds.json" 2>"$T/err" && python3 -c '
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
fs = json.load(open(sys.argv[2]))
for f in fs:
    f["stored"] = db.execute("SELECT count(*) FROM entries WHERE feed_id = ?",
        (f["id"],)).fetchone()[0]
json.dump(fs, sys.stdout)' "$DB" "$T/feeds.json" >"$T/out"
}
stored_entries() {
	python3 -c '
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
json.dump([{"feed_id": r[0], "guid": r[1]} for r in
    db.execute("SELECT feed_id, guid FROM entries")], sys.stdout)' \
	    "$DB" >"$T/out"
}

# has NAME FILE STRING: FILE contains STRING (fixed, not a regex)
has() {
	if grep -qF -- "$3" "$2"; then
		ok "$1"
	else
		notok "$1" "'$3' not in $(basename "$2"): $(head -c 300 "$2")"
	fi
}

# config FILE [KEY=VALUE ...]: a config whose default feed is on server a
config() {
	_f=$1
	shift
	{
		echo "[general]"
		echo "default-feed = $UA/default.xml"
		echo "timeout = 5"
		for _kv in "$@"; do
			echo "${_kv%%=*} = ${_kv#*=}"
		done
	} >"$_f"
}

orr() { "$ORRERY" -c "$CFG" -d "$DB" "$@"; }

# add NAME URL [ARGS]: subscribe, expect "added feed ID: URL"; sets $ID
add() {
	_an=$1 _au=$2
	shift 2
	ID=
	run "$_an" 0 orr add "$_au" "$@" || return 1
	ID=$(sed -n 's/^added feed \([0-9][0-9]*\): .*$/\1/p' "$T/out")
	if [ -n "$ID" ] && [ "$(cat "$T/out")" = "added feed $ID: $_au" ]; then
		ok "$_an"
	else
		notok "$_an" "want 'added feed ID: $_au', got: $(head -c 200 "$T/out")"
		return 1
	fi
}
# addq URL...: subscribe quietly; prints the URLs it could not add
addq() {
	for _u in "$@"; do
		orr add "$_u" >"$T/out" 2>"$T/err" ||
			echo "$_u: $(head -c 100 "$T/err")"
	done
}

# refresh NAME STATUS SUMMARY [ARGS]: run `refresh ARGS`, want exit STATUS
# and stdout exactly the one line SUMMARY; waits for the servers to settle
refresh() {
	_rn=$1 _rs=$2 _rl=$3
	shift 3
	mark
	run "$_rn" "$_rs" orr refresh "$@"
	_rc=$?
	settle
	[ "$_rc" -eq 0 ] || return 1
	if [ "$(cat "$T/out")" = "$_rl" ]; then
		ok "$_rn"
	else
		notok "$_rn" "want '$_rl', got: $(head -c 300 "$T/out")"
	fi
}

# ---- routes --------------------------------------------------------------

httpdate() {
	python3 -c 'import email.utils, sys, time
print(email.utils.formatdate(time.time() + int(sys.argv[1]), usegmt=True))' "$1"
}
EXPIRES=$(httpdate 7200)
SOON=$(httpdate 120)
LM="Fri, 29 May 2026 12:00:00 GMT"
cat >"$T/a.routes.tmp" <<EOF
{
 "/default.xml": {"file": "rss-small.xml"},
 "/c/items.xml": {"file": "rss20-items.xml", "etag": "\"v1\"",
   "last_modified": "$LM", "content_type": "application/rss+xml"},
 "/c/atom.xml": {"file": "atom-five.xml", "etag": "W/\"atom-1\"",
   "last_modified": "$LM", "content_type": "application/atom+xml"},
 "/u/feed.xml": {"file": "rss20-items.xml", "etag": "\"u1\""},
 "/g/feed.xml": {"file": "rss20-items.xml", "gzip": true},
 "/cs/latin1.xml": {"file": "rss-latin1-nodecl.xml",
   "content_type": "application/rss+xml; charset=iso-8859-1"},
 "/e/ok.xml": {"file": "rss-small.xml"},
 "/e/404.xml": {"status": 404},
 "/e/410.xml": {"status": 410},
 "/e/429.xml": {"status": 429, "retry_after": "120"},
 "/e/503.xml": {"status": 503, "retry_after": "120"},
 "/e/html.xml": {"file": "not-a-feed.html", "content_type": "text/html"},
 "/cc/maxage.xml": {"file": "rss-small.xml",
   "headers": {"Cache-Control": "max-age=3600"}},
 "/cc/expires.xml": {"file": "rss-small.xml",
   "headers": {"Expires": "$EXPIRES"}},
 "/cc/both.xml": {"file": "rss-small.xml",
   "headers": {"Cache-Control": "max-age=3600", "Expires": "$SOON"}},
 "/cc/ttl.xml": {"file": "rss-ttl.xml"},
 "/cc/plain.xml": {"file": "rss-small.xml"},
 "/r/301.xml": {"redirect": "/r/final301.xml", "redirect_status": 301},
 "/r/308.xml": {"redirect": "{origin}/r/final308.xml", "redirect_status": 308},
 "/r/302.xml": {"redirect": "final302.xml", "redirect_status": 302},
 "/r/307.xml": {"redirect": "{origin}/r/final307.xml", "redirect_status": 307},
 "/r/chain.xml": {"redirect": "/r/chain2.xml", "redirect_status": 301},
 "/r/chain2.xml": {"redirect": "/r/final-chain.xml", "redirect_status": 302},
 "/r/final*": {"file": "rss-small.xml"},
 "/r/loop1.xml": {"redirect": "/r/loop2.xml", "redirect_status": 301},
 "/r/loop2.xml": {"redirect": "{origin}/r/loop1.xml", "redirect_status": 302},
 "/r/cross.xml": {"redirect": "$UB/x/feed.xml", "redirect_status": 307},
 "/r/tofile.xml": {"redirect": "file://$FIX/rss-small.xml"},
 "/r/hostile.xml": {"redirect": "{origin}/r/final\u001b[31m\tred.xml",
   "redirect_status": 301},
 "/t/slow.xml": {"file": "rss-small.xml", "delay_ms": 3000},
 "/t/trickle.xml": {"file": "rss20-items.xml", "trickle_ms": 250,
   "trickle_bytes": 512},
 "/t/ok.xml": {"file": "rss-small.xml"},
 "/big/length.xml": {"body_bytes": 3145728},
 "/big/chunked.xml": {"body_bytes": 3145728, "chunked": true},
 "/big/gzip.xml": {"body_bytes": 8388608, "gzip": true},
 "/big/ok.xml": {"file": "rss20-items.xml"},
 "/p/*": {"file": "rss-small.xml", "delay_ms": 300},
 "/q/*": {"file": "rss-small.xml", "delay_ms": 300}
}
EOF
mv "$T/a.routes.tmp" "$T/a.routes"
cat >"$T/b.routes.tmp" <<'EOF'
{
 "/x/feed.xml": {"file": "rss-small.xml"},
 "/p/*": {"file": "rss-small.xml", "delay_ms": 300},
 "/q/*": {"file": "rss-small.xml", "delay_ms": 300}
}
EOF
mv "$T/b.routes.tmp" "$T/b.routes"

CFG=$T/plain.ini
config "$CFG"

# ---- default feed: an empty store subscribes to default-feed -------------

DB=$T/default.db
refresh "first refresh of an empty store fetches default-feed" 0 \
    "1 feed: 1 fetched, 0 not modified, 0 failed, 2 new entries"
check "default-feed was requested from the test server" \
    "hits(newA, '/default.xml') == 1"
run "feeds --json runs" 0 orr feeds --json &&
	check "the default feed is subscribed" \
	    "len(out) == 1 and out[0]['url'] == UA + '/default.xml'" "out"

# ---- add, feeds --json, a first fetch, conditional requests --------------

DB=$T/cond.db
add "add prints 'added feed ID: URL'" "$UA/c/items.xml"
ITEMS=$ID
add "add --name" "$UA/c/atom.xml" --name "Atom Five Named"
ATOM=$ID
expect "adding a URL again says already subscribed" 0 \
    "^already subscribed: $ITEMS $UA/c/items\.xml\$" "$T/out" \
    orr add "$UA/c/items.xml"
run "feeds --json before any fetch" 0 orr feeds --json
check "feeds --json has every key" \
    "all(set(f) >= {'id', 'url', 'name', 'title', 'site_link', 'category',
    'unread', 'total', 'last_attempt', 'last_success', 'last_status',
    'last_error', 'next_fetch', 'disabled', 'etag', 'last_modified'}
    for f in out) and len(out) == 2" "out"
check "add --name sets the name" \
    "feed($ATOM)['name'] == 'Atom Five Named'" "out"
check "a new feed was never attempted and is enabled" \
    "all(f['last_attempt'] is None and f['last_success'] is None and
    f['disabled'] is False for f in out)" "out"

refresh "refresh fetches both feeds" 0 \
    "2 feeds: 2 fetched, 0 not modified, 0 failed, 25 new entries"
check "no progress line on stderr when it is not a terminal" \
    "err == ''" "err"
check "the first request sends no validators" \
    "all(r['if_none_match'] is None and r['if_modified_since'] is None
    for r in only(newA, '/c/')) and hits(newA, '/c/*') == 2" "newA"
check "User-Agent starts with orrery/" \
    "all((r['user_agent'] or '').startswith('orrery/') for r in newA)" \
    "[r['user_agent'] for r in newA]"
check "Accept-Encoding offers gzip" \
    "all('gzip' in (r['accept_encoding'] or '') for r in newA)" \
    "[r['accept_encoding'] for r in newA]"
run "feeds --json after a fetch" 0 orr feeds --json
check "the ETag and Last-Modified are stored" \
    "feed($ITEMS)['etag'] == '\"v1\"' and
    feed($ITEMS)['last_modified'] == '$LM' and
    feed($ATOM)['etag'] == 'W/\"atom-1\"'" "out"
check "status, success time and no error are stored" \
    "all(f['last_status'] == 200 and f['last_error'] is None and
    T0 - 1 <= f['last_success'] <= now + 1 and
    T0 - 1 <= f['last_attempt'] <= now + 1 for f in out)" "out"
check "the feed's title and link are stored" \
    "feed($ITEMS)['title'] == 'Twenty Items' and
    feed($ITEMS)['site_link'] == 'http://example.invalid/twenty-items/' and
    feed($ATOM)['title'] == 'Atom Five'" "out"
check "feeds --json counts entries" \
    "feed($ITEMS)['total'] == 20 and feed($ITEMS)['unread'] == 20 and
    feed($ATOM)['total'] == 5" "out"
check "adding feeds first means no default feed" "len(out) == 2" "out"
run "list --json" 0 orr list --json
check "list --json has every entry, with every key" \
    "len(out) == 25 and all(set(e) >= {'id', 'feed_id', 'guid', 'title',
    'link', 'source', 'author', 'published', 'updated', 'time', 'read',
    'starred'} for e in out)" "len(out or [])"
check "entries belong to their feeds" \
    "sum(e['feed_id'] == $ITEMS for e in out) == 20 and
    sum(e['feed_id'] == $ATOM for e in out) == 5" \
    "[e['feed_id'] for e in out]"

refresh "refresh --force with validators: all not modified" 0 \
    "2 feeds: 0 fetched, 2 not modified, 0 failed, 0 new entries" --force
check "the second request sends If-None-Match" \
    "{r['path']: r['if_none_match'] for r in only(newA, '/c/')} ==
    {'/c/items.xml': '\"v1\"', '/c/atom.xml': 'W/\"atom-1\"'}" "newA"
check "the second request sends If-Modified-Since" \
    "all(r['if_modified_since'] == '$LM' for r in only(newA, '/c/'))" \
    "newA"
check "the server answered 304 to both" \
    "[r['status'] for r in only(newA, '/c/')] == [304, 304]" "newA"
run "list --json after 304" 0 orr list --json
check "a 304 stores nothing new" "len(out) == 25" "len(out or [])"
run "feeds --json after 304" 0 orr feeds --json
check "a 304 keeps the validators and records no error" \
    "feed($ITEMS)['etag'] == '\"v1\"' and feed($ITEMS)['last_error'] is None" \
    "out"

refresh "refresh --force ID fetches only that feed" 0 \
    "1 feed: 0 fetched, 1 not modified, 0 failed, 0 new entries" \
    --force "$ATOM"
check "refresh ID asked for that feed alone" \
    "[r['path'] for r in newA] == ['/c/atom.xml']" "newA"
refresh "refresh --force URL fetches only that feed" 0 \
    "1 feed: 0 fetched, 1 not modified, 0 failed, 0 new entries" \
    --force "$UA/c/items.xml"
check "refresh URL asked for that feed alone" \
    "[r['path'] for r in newA] == ['/c/items.xml']" "newA"
run "refresh with an unknown option exits 2" 2 orr refresh --frobnicate

# ---- a changed feed updates, read state survives -------------------------

DB=$T/update.db
add "add a feed to update" "$UA/u/feed.xml"
UPD=$ID
refresh "first fetch of a 20-item feed" 0 \
    "1 feed: 1 fetched, 0 not modified, 0 failed, 20 new entries"
run "list --json of 20" 0 orr list --json
E3=$(q "[e['id'] for e in out if e['guid'] == 'fixture-post-3'][0]" 2>/dev/null)
E5=$(q "[e['id'] for e in out if e['guid'] == 'fixture-post-5'][0]" 2>/dev/null)
run "mark read prints nothing" 0 orr mark read "$E3" &&
	check "mark read prints nothing" "outs == '' and err == ''"
run "mark read another" 0 orr mark read "$E5"
route a /u/feed.xml '{"file": "rss22-changed.xml", "etag": "\"u2\""}'
refresh "a changed feed: 2 new entries" 0 \
    "1 feed: 1 fetched, 0 not modified, 0 failed, 2 new entries" --force
check "the changed feed was asked with the old ETag and sent in full" \
    "[(r['if_none_match'], r['status']) for r in newA] == [('\"u1\"', 200)]" \
    "newA"
run "list --json after the change" 0 orr list --json
check "a re-fetch updates rather than duplicates" \
    "len(out) == 22 and len({e['guid'] for e in out}) == 22" \
    "sorted(e['guid'] for e in out)"
check "a changed title is updated" \
    "[e['title'] for e in out if e['guid'] == 'fixture-post-3'] ==
    ['Post number 3, revised']" "[e['title'] for e in out]"
check "read state survives a re-fetch (changed entry too)" \
    "sorted(e['id'] for e in out if e['read']) == sorted([$E3, $E5])" \
    "[(e['guid'], e['read']) for e in out]"
run "list --json --unread" 0 orr list --json --unread
check "list --unread leaves out the read entries" \
    "len(out) == 20 and not any(e['read'] for e in out)" "len(out or [])"
run "list --json --limit 5" 0 orr list --json --limit 5
check "list --limit" "len(out) == 5" "len(out or [])"
run "feeds --json after the change" 0 orr feeds --json
check "the new ETag is stored and unread counts the read state" \
    "feed($UPD)['etag'] == '\"u2\"' and feed($UPD)['unread'] == 20 and
    feed($UPD)['total'] == 22" "out"

# ---- gzip and charset ----------------------------------------------------

DB=$T/enc.db
addq "$UA/g/feed.xml" "$UA/cs/latin1.xml"
refresh "gzip and ISO-8859-1 feeds" 0 \
    "2 feeds: 2 fetched, 0 not modified, 0 failed, 21 new entries"
check "the server sent the gzip route compressed" \
    "[r['gzip'] for r in newA if r['path'] == '/g/feed.xml'] == [True]" \
    "newA"
run "list --json of the gzip feed" 0 orr list --json
check "a gzipped feed's entries are stored" \
    "sum(e['guid'].startswith('fixture-post-') for e in out) == 20" \
    "len(out or [])"
check "the charset from Content-Type decodes entry titles" \
    "[e['title'] for e in out if e['guid'] == 'latin1-1'] ==
    ['Cr\u00e8me br\u00fbl\u00e9e']" \
    "[e['title'] for e in out if e['guid'] == 'latin1-1']"
run "feeds --json of the charset feed" 0 orr feeds --json
check "the charset from Content-Type decodes the feed title" \
    "feed(UA + '/cs/latin1.xml')['title'] == 'Caf\u00e9 \u00fcber Stra\u00dfe'" \
    "feed(UA + '/cs/latin1.xml').get('title')"

# ---- HTTP errors, 410, Retry-After ---------------------------------------

DB=$T/errors.db
for _s in ok 404 410 429 503 html; do
	orr --offline add "$UA/e/$_s.xml" >"$T/out" 2>"$T/err"
	printf -v "ID_$_s" '%s' "$(sed -n 's/^added feed \([0-9]*\):.*/\1/p' "$T/out")"
done
refresh "failures exit 3; the good feed still succeeds" 3 \
    "6 feeds: 1 fetched, 0 not modified, 5 failed, 2 new entries"
cp "$T/err" "$T/errors.err"
for _s in 404 410 429 503 html; do
	has "stderr names the failed feed ($_s)" "$T/errors.err" \
	    "orrery: $UA/e/$_s.xml: "
done
check "each HTTP failure names its status" \
    "all(s in errline(UA + '/e/%s.xml' % s) for s in
    ('404', '410', '429', '503'))" "err"
run "feeds --json after failures" 0 orr feeds --json
check "410 disables the feed" \
    "feed($ID_410)['disabled'] is True and feed($ID_410)['last_status'] == 410" \
    "feed($ID_410)"
check "404 is stored with its error, the feed stays enabled" \
    "feed($ID_404)['last_status'] == 404 and feed($ID_404)['last_error'] and
    feed($ID_404)['disabled'] is False" "feed($ID_404)"
check "429 Retry-After pushes next_fetch out" \
    "feed($ID_429)['last_status'] == 429 and
    feed($ID_429)['next_fetch'] >= T0 + 110" "feed($ID_429)"
check "503 Retry-After pushes next_fetch out" \
    "feed($ID_503)['last_status'] == 503 and
    feed($ID_503)['next_fetch'] >= T0 + 110" "feed($ID_503)"
check "a page that is not a feed is an error" \
    "feed($ID_html)['last_error'] and feed($ID_html)['last_success'] is None" \
    "feed($ID_html)"
check "the good feed has no error" \
    "feed($ID_ok)['last_error'] is None and feed($ID_ok)['total'] == 2" \
    "feed($ID_ok)"
refresh "a second refresh fetches only what is due" 3 \
    "3 feeds: 1 fetched, 0 not modified, 2 failed, 0 new entries"
check "no request for the 410, 429 and 503 feeds" \
    "hits(newA, '/e/410.xml') + hits(newA, '/e/429.xml') +
    hits(newA, '/e/503.xml') == 0" "[r['path'] for r in newA]"
check "the due feeds were asked again" \
    "hits(newA, '/e/ok.xml') == hits(newA, '/e/404.xml') ==
    hits(newA, '/e/html.xml') == 1" "[r['path'] for r in newA]"
mark
orr refresh "$ID_410" >"$T/out" 2>"$T/err"
settle
check "refresh ID without --force skips a disabled feed" \
    "hits(newA, '/e/410.xml') == 0" "[r['path'] for r in newA]"
refresh "refresh --force asks every feed that is not disabled" 3 \
    "5 feeds: 1 fetched, 0 not modified, 4 failed, 0 new entries" --force
check "--force asks the deferred feeds" \
    "all(hits(newA, '/e/%s.xml' % s) == 1 for s in
    ('ok', '404', '429', '503', 'html'))" "[r['path'] for r in newA]"
check "--force alone leaves the disabled (410) feed alone" \
    "hits(newA, '/e/410.xml') == 0" "[r['path'] for r in newA]"
mark
orr refresh --force "$ID_410" >"$T/out" 2>"$T/err"
settle
check "--force with its id asks the disabled feed" \
    "hits(newA, '/e/410.xml') == 1" "[r['path'] for r in newA]"

# ---- caching headers -----------------------------------------------------

DB=$T/cache.db
for _s in maxage expires both ttl plain; do
	orr add "$UA/cc/$_s.xml" >"$T/out" 2>"$T/err"
	printf -v "ID_$_s" '%s' "$(sed -n 's/^added feed \([0-9]*\):.*/\1/p' "$T/out")"
done
refresh "feeds with caching headers" 0 \
    "5 feeds: 5 fetched, 0 not modified, 0 failed, 9 new entries"
run "feeds --json after caching headers" 0 orr feeds --json
check "Cache-Control max-age pushes next_fetch out" \
    "feed($ID_maxage)['next_fetch'] >= T0 + 3500" "feed($ID_maxage)"
check "Expires pushes next_fetch out" \
    "feed($ID_expires)['next_fetch'] >= T0 + 7000" "feed($ID_expires)"
check "max-age wins over Expires (RFC 9111 5.3)" \
    "feed($ID_both)['next_fetch'] >= T0 + 3500" "feed($ID_both)"
check "RSS <ttl> pushes next_fetch out" \
    "feed($ID_ttl)['next_fetch'] >= T0 + 5300" "feed($ID_ttl)"
check "no caching headers: due again at once" \
    "feed($ID_plain)['next_fetch'] <= now + 1" "feed($ID_plain)"
refresh "a second refresh skips the cached feeds" 0 \
    "1 feed: 1 fetched, 0 not modified, 0 failed, 0 new entries"
check "only the feed without caching headers was asked" \
    "[r['path'] for r in newA] == ['/cc/plain.xml']" \
    "[r['path'] for r in newA]"
refresh "refresh --force ignores next_fetch" 0 \
    "5 feeds: 5 fetched, 0 not modified, 0 failed, 0 new entries" --force
check "--force asked all five" "hits(newA, '/cc/*') == 5" \
    "[r['path'] for r in newA]"

# ---- redirects -----------------------------------------------------------

DB=$T/redirect.db
for _s in 301 308 302 307 chain loop1 cross tofile; do
	orr add "$UA/r/$_s.xml" >"$T/out" 2>"$T/err"
	printf -v "ID_$_s" '%s' "$(sed -n 's/^added feed \([0-9]*\):.*/\1/p' "$T/out")"
done
refresh "redirects: all but the loop and file:// succeed" 3 \
    "8 feeds: 6 fetched, 0 not modified, 2 failed, 12 new entries"
check "a redirect loop fails with a message about redirects" \
    "'redirect' in errline(UA + '/r/loop1.xml').lower()" "err"
check "an http redirect to file:// is refused" \
    "errline(UA + '/r/tofile.xml') != ''" "err"
check "a redirect loop is given up after a few hops" \
    "0 < hits(newA, '/r/loop*') <= 25" "hits(newA, '/r/loop*')"
check "relative and absolute Locations were followed" \
    "all(hits(newA, '/r/final%s.xml' % s) == 1 for s in
    ('301', '308', '302', '307', '-chain'))" "[r['path'] for r in newA]"
check "a redirect to another host was followed" \
    "hits(newB, '/x/feed.xml') == 1" "[r['path'] for r in newB]"
run "feeds --json after redirects" 0 orr feeds --json
check "301 changes the stored URL" \
    "feed($ID_301)['url'] == UA + '/r/final301.xml'" "feed($ID_301)"
check "308 changes the stored URL" \
    "feed($ID_308)['url'] == UA + '/r/final308.xml'" "feed($ID_308)"
check "302 keeps the stored URL" \
    "feed($ID_302)['url'] == UA + '/r/302.xml'" "feed($ID_302)"
check "307 keeps the stored URL" \
    "feed($ID_307)['url'] == UA + '/r/307.xml' and
    feed($ID_cross)['url'] == UA + '/r/cross.xml'" "out"
check "301 then 302 keeps the stored URL" \
    "feed($ID_chain)['url'] == UA + '/r/chain.xml'" "feed($ID_chain)"
stored
check "redirected feeds store their entries" \
    "feed($ID_301)['stored'] == 2 and feed($ID_302)['stored'] == 2 and
    feed($ID_loop1)['last_error']" "out"
refresh "redirected feeds again" 3 \
    "8 feeds: 6 fetched, 0 not modified, 2 failed, 0 new entries" --force
check "a moved feed is asked at its new URL" \
    "hits(newA, '/r/301.xml') == 0 and hits(newA, '/r/final301.xml') == 1 and
    hits(newA, '/r/308.xml') == 0" "[r['path'] for r in newA]"
check "a temporarily redirected feed is asked at its old URL" \
    "hits(newA, '/r/302.xml') == 1 and hits(newA, '/r/307.xml') == 1" \
    "[r['path'] for r in newA]"

DB=$T/redirect-hostile.db
addq "$UA/r/hostile.xml"
refresh "a permanent redirect to a Location with an escape and a tab" 0 \
    "1 feed: 1 fetched, 0 not modified, 0 failed, 2 new entries"
run "feeds --json after the hostile redirect" 0 orr feeds --json
check "the moved URL is stored as every URL is cleaned: ESC encoded, tab out" \
    "out[0]['url'] == UA + '/r/final%1B[31mred.xml'" "out"

# ---- timeouts ------------------------------------------------------------

CFG=$T/timeout.ini
config "$CFG" timeout=1
DB=$T/timeout.db
addq "$UA/t/slow.xml" "$UA/t/trickle.xml" "$UA/t/ok.xml"
refresh "timeouts fail only the slow feeds" 3 \
    "3 feeds: 1 fetched, 0 not modified, 2 failed, 2 new entries"
for _s in slow trickle; do
	check "a timeout is reported ($_s)" \
	    "'time' in errline(UA + '/t/$_s.xml').lower()" "err"
done
check "the server saw the client give up" \
    "all(r['error'] for r in newA if r['path'] in ('/t/slow.xml',
    '/t/trickle.xml'))" "newA"
CFG=$T/plain.ini

# ---- a stalled feed costs only itself ------------------------------------
# One feed on a host stalls while three others on the same host answer at
# once: no response headers at all, or a Content-Length longer than the
# body sent.  The stalled feed sorts first, so it is the first transfer to
# the host.  The three are stored; the stalled one fails with a timeout
# naming it.  (Transfers that waited to learn whether the first connection
# could multiplex used to spend their own timeout waiting, and failed
# "Failed to resolve host ... after 0 ms" without being requested.)

CFG=$T/stall.ini
config "$CFG" timeout=2
route a /st/head/0.xml '{"file": "rss20-items.xml", "delay_ms": 600000}'
route a /st/body/0.xml '{"file": "rss20-items.xml", "short_by": 100}'
route a '/st/*' '{"file": "rss-small.xml"}'
route a /st/head/b.xml '{"file": "rss20-items.xml"}'
route a /st/body/b.xml '{"file": "rss20-items.xml"}'
route a /st/head/c.xml '{"file": "atom-five.xml"}'
route a /st/body/c.xml '{"file": "atom-five.xml"}'
for _k in head body; do
	DB=$T/stall-$_k.db
	addq "$UA/st/$_k/0.xml" "$UA/st/$_k/a.xml" "$UA/st/$_k/b.xml" \
	    "$UA/st/$_k/c.xml"
	refresh "a feed stalled ($_k) fails alone" 3 \
	    "4 feeds: 3 fetched, 0 not modified, 1 failed, 27 new entries"
	check "the stalled feed ($_k) reports a timeout naming itself" \
	    "'timed out' in errline(UA + '/st/$_k/0.xml').lower()" "err"
	check "the others on its host were each requested once ($_k)" \
	    "[hits(newA, '/st/$_k/' + x + '.xml') for x in 'abc'] == [1, 1, 1]" \
	    "[r['path'] for r in newA]"
	run "feeds --json after a stall ($_k)" 0 orr feeds --json &&
		check "the three others are stored without error ($_k)" \
		    "sorted((f['url'].rsplit('/', 1)[1], f['last_error'] is None)
		    for f in out) == [('0.xml', False), ('a.xml', True),
		    ('b.xml', True), ('c.xml', True)]" "out"
done

# ---- the body cap --------------------------------------------------------

CFG=$T/cap.ini
config "$CFG" max-feed-size=1
DB=$T/cap.db
addq "$UA/big/length.xml" "$UA/big/chunked.xml" "$UA/big/gzip.xml" \
    "$UA/big/ok.xml"
refresh "bodies over max-feed-size fail, the rest succeed" 3 \
    "4 feeds: 1 fetched, 0 not modified, 3 failed, 20 new entries"
for _s in length chunked gzip; do
	check "an oversized body mentions max-feed-size ($_s)" \
	    "'max-feed-size' in errline(UA + '/big/$_s.xml')" "err"
done
check "the gzip bomb was sent compressed (the cap is on the decoded size)" \
    "[r['gzip'] for r in newA if r['path'] == '/big/gzip.xml'] == [True]" \
    "newA"
CFG=$T/plain.ini

# ---- a response header too large ---------------------------------------
# curl refuses a header line over its limit as "Out of memory": the feed
# says what happened instead.
DB=$T/header.db
route a /hdr/big.xml '{"file": "rss-small.xml", "header_bytes": 10485760}'
route a /hdr/ok.xml '{"file": "rss-small.xml"}'
addq "$UA/hdr/big.xml" "$UA/hdr/ok.xml"
refresh "a 10 MB response header fails that feed alone" 3 \
    "2 feeds: 1 fetched, 0 not modified, 1 failed, 2 new entries"
check "a 10 MB response header is reported as such" \
    "errline(UA + '/hdr/big.xml') == 'response header too large'" "err"

# ---- schemes -------------------------------------------------------------

DB=$T/scheme.db
add "add a file:// feed" "file://$FIX/rss20-items.xml"
orr add ftp://127.0.0.1/feed.xml >"$T/out" 2>"$T/err"
_rc=$?
if [ "$_rc" -ne 0 ]; then
	if grep -Eqi 'ftp|scheme|protocol|unsupported' "$T/err"; then
		ok "an ftp:// feed is refused with a message"
	else
		notok "an ftp:// feed is refused with a message" \
		    "exit $_rc, stderr: $(head -c 300 "$T/err")"
	fi
	refresh "a file:// feed is fetched" 0 \
	    "1 feed: 1 fetched, 0 not modified, 0 failed, 20 new entries"
else
	refresh "a file:// feed is fetched, an ftp:// one fails" 3 \
	    "2 feeds: 1 fetched, 0 not modified, 1 failed, 20 new entries"
	check "an ftp:// feed fails with a message" \
	    "re.search('scheme|protocol|unsupported|ftp',
	    errline('ftp://127.0.0.1/feed.xml'), re.I)" "err"
fi
run "list --json of the file:// feed" 0 orr list --json
check "a file:// feed's entries are stored" "len(out) == 20" \
    "len(out or [])"

# ---- connection caps -----------------------------------------------------

CFG=$T/perhost.ini
config "$CFG" max-connections=16 max-connections-per-host=2
DB=$T/perhost.db
_bad=$(addq $(for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "$UA/p/$i.xml"; done) \
    $(for i in 1 2 3 4 5 6; do echo "$UB/p/$i.xml"; done))
[ -z "$_bad" ] && ok "18 feeds on two hosts added" ||
	notok "18 feeds on two hosts added" "$_bad"
python3 -c 'import sys, urllib.request as u
o = u.build_opener(u.ProxyHandler({}))
for b in sys.argv[1:]:
    o.open(b + "/__reset", timeout=5).read()' "$UA" "$UB"
refresh "18 slow feeds on two hosts" 0 \
    "18 feeds: 18 fetched, 0 not modified, 0 failed, 36 new entries"
check "per-host cap: at most 2 at once on 127.0.0.1" \
    "stats(UA)['max_inflight_by_host'][HA] <= 2" \
    "stats(UA)['max_inflight_by_host']"
check "per-host cap: 2 at once on 127.0.0.1 (the cap is used)" \
    "stats(UA)['max_inflight_by_host'][HA] >= 2" \
    "stats(UA)['max_inflight_by_host']"
check "per-host cap: exactly 2 at once on 127.0.0.2" \
    "stats(UB)['max_inflight_by_host'][HB] == 2" \
    "stats(UB)['max_inflight_by_host']"
check "the log agrees: never more than 2 per host" \
    "max(r['inflight_host'] for r in only(newA, '/p/')) == 2 and
    max(r['inflight_host'] for r in only(newB, '/p/')) == 2" \
    "[r['inflight_host'] for r in newA + newB]"
check "both hosts are fetched at the same time" \
    "overlap(only(newA, '/p/') + only(newB, '/p/')) >= 3" \
    "overlap(only(newA, '/p/') + only(newB, '/p/'))"

CFG=$T/global.ini
config "$CFG" max-connections=3 max-connections-per-host=2
DB=$T/global.db
_bad=$(addq $(for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "$UA/q/$i.xml"; done) \
    $(for i in 1 2 3 4 5 6; do echo "$UB/q/$i.xml"; done))
[ -z "$_bad" ] && ok "18 more feeds on two hosts added" ||
	notok "18 more feeds on two hosts added" "$_bad"
refresh "18 slow feeds under a global cap of 3" 0 \
    "18 feeds: 18 fetched, 0 not modified, 0 failed, 36 new entries"
check "global cap: at most 3 at once over both hosts" \
    "overlap(only(newA, '/q/') + only(newB, '/q/')) <= 3" \
    "overlap(only(newA, '/q/') + only(newB, '/q/'))"
check "global cap: 3 at once (the cap is used)" \
    "overlap(only(newA, '/q/') + only(newB, '/q/')) >= 3" \
    "overlap(only(newA, '/q/') + only(newB, '/q/'))"
check "per-host cap still holds under the global cap" \
    "max(r['inflight_host'] for r in only(newA, '/q/') + only(newB, '/q/'))
    <= 2" "[r['inflight_host'] for r in newA + newB]"

# ---- many feeds at once: group commit ------------------------------------
# Feeds parsed while another batch is being stored go into the store in
# one transaction.  One feed here is refused by the store (a trigger on
# its row, as a full disk or a corrupt page would refuse it): the batch it
# is in must be rolled back and stored feed by feed, so that it fails
# alone, with the error it would have had alone, and no other feed of its
# batch loses its entries or its report.  24 feeds on each server, 4 at a
# time on each (the servers' listen backlog is 5).

CFG=$T/many.ini
config "$CFG" max-connections=8 max-connections-per-host=4
DB=$T/many.db
POISON=$UA/m/20.xml
route a '/m/*' '{"file": "rss20-items.xml"}'
route b '/m/*' '{"file": "rss20-items.xml"}'
_bad=$(addq $(for i in $(seq 1 24); do echo "$UA/m/$i.xml" "$UB/m/$i.xml"; done))
[ -z "$_bad" ] && ok "48 feeds on two hosts added" ||
	notok "48 feeds on two hosts added" "$_bad"
# sql STATEMENT: run it on $DB, as another program would
sql() {
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute(sys.argv[2])
db.commit()' "$DB" "$1"
}
sql "CREATE TRIGGER test_poison BEFORE UPDATE OF last_status ON feeds
    WHEN OLD.url = '$POISON'
    BEGIN SELECT RAISE(ABORT, 'poisoned by the test'); END"
# Storing a feed is made slow (a few milliseconds of counting), so that
# the other feeds' bodies are parsed and wait while one is stored: they
# are then stored in batches, the refused one in one of them.
sql "CREATE TRIGGER test_slow AFTER UPDATE OF last_status ON feeds
    BEGIN SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1
    UNION ALL SELECT x + 1 FROM c WHERE x < 30000) SELECT x FROM c); END"
refresh "48 feeds at once, one refused by the store: it alone fails" 3 \
    "48 feeds: 47 fetched, 0 not modified, 1 failed, 940 new entries"
check "the feed the store refused is reported with the store's error" \
    "'poisoned by the test' in errline('$POISON') and
    sum(l.startswith('orrery: ') for l in err.splitlines()) == 1" "err"
check "each of the 48 feeds was asked once" \
    "all(hits(newA, '/m/%d.xml' % i) == hits(newB, '/m/%d.xml' % i) == 1
    for i in range(1, 25))" "[r['path'] for r in newA + newB]"
stored
check "every other feed has its 20 entries, the refused one none" \
    "len(out) == 48 and all((f['stored'], f['last_success'] is None) ==
    ((0, True) if f['url'] == '$POISON' else (20, False)) for f in out)" \
    "[(f['url'][-16:], f['stored'], f['last_success']) for f in out]"
stored_entries
check "the stored entries are the 47 feeds' 20 each" \
    "len(out) == 940 and len({(e['feed_id'], e['guid']) for e in out}) == 940" \
    "len(out or [])"
sql "DROP TRIGGER test_poison"
sql "DROP TRIGGER test_slow"
refresh "48 feeds again, none refused: only the one that failed is new" 0 \
    "48 feeds: 48 fetched, 0 not modified, 0 failed, 20 new entries" --force
stored_entries
check "every feed's entries are stored once" \
    "len(out) == 960 and len({(e['feed_id'], e['guid']) for e in out}) == 960" \
    "len(out or [])"
CFG=$T/plain.ini

# ---- and the servers lived through it all --------------------------------

check "the test servers are still up" \
    "stats(UA)['requests'] > 0 and 'requests' in stats(UB)"
