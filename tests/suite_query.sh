# suite_query: the query language through the real command line: list,
# search and mark --query against a store refreshed from a file:// feed
# whose posts this suite writes itself, so that every expected set is
# worked out here, from the posts, by hand-written rules in Python (never
# by orrery).  The user's own searches (f-strings, asyncio.run, C++ ...)
# are among the queries; malformed queries exit 2 with one line.
. "$TESTS/lib.sh"

need python3
DB="$T/q.db"
O() { "$ORRERY" -c "$T/config.ini" -d "$DB" "$@"; }
: >"$T/config.ini"

# The posts: fixed dates, and some a day, 10, 40 and 400 days old.
python3 - "$T" <<'EOF'
import json, sys, time, email.utils
T = sys.argv[1]
now = int(time.time())
posts = [
    # guid, title, source, author, body, time
    ("g1", "Python 3.12 f-strings explained", "Real Python", "Trey Hunner",
     "f-strings in python3.12 can nest quotes.", 1777629600),  # 05-01 10:00Z
    ("g2", "Running coroutines", "Real Python", "",
     "Use asyncio.run() to start the event loop.", 1778407200),  # 05-10 10:00Z
    ("g3", "Headers considered harmful", "Ned Batchelder", "Ned",
     "Coming from C++ you don't need headers.", 1778839200),  # 05-15 10:00Z
    ("g4", "The decorator that writes __init__", "Lukasz Langa", "Lukasz",
     "A @dataclass saves boilerplate; use type-hints for fields.",
     1779269400),  # 05-20 09:30Z
    ("g5", "Grouping tips", "Planet Python", "",
     "pandas: groupby tricks for the impatient.", 1779319800),  # 05-20 23:30Z
    ("g6", "Snake news", "Ned Batchelder", "Ned",
     "Nothing about the language at all.", 1735732800),  # 2025-01-01 12:00Z
    ("r1", "Yesterday's post", "Recent Blog", "", "fresh words", now - 86400),
    ("r2", "Ten days old", "Recent Blog", "", "older words", now - 10 * 86400),
    ("r3", "Forty days old", "Recent Blog", "", "stale words", now - 40 * 86400),
    ("r4", "A year and more", "Recent Blog", "", "ancient words",
     now - 400 * 86400),
]
from xml.sax.saxutils import escape
items = []
for g, title, source, author, body, t in posts:
    items.append(
        "<item><guid>%s</guid><title>%s</title>"
        "<source url=\"http://127.0.0.1/%s\">%s</source>%s"
        "<description>%s</description><pubDate>%s</pubDate></item>"
        % (g, escape(title), g, escape(source),
           "<author>x@example.com (%s)</author>" % escape(author)
           if author else "", escape(body),
           email.utils.formatdate(t, usegmt=True)))
open(T + "/feed.xml", "w").write(
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Planet'
    "</title><link>http://127.0.0.1/</link>" + "".join(items) +
    "</channel></rss>")
json.dump(posts, open(T + "/posts.json", "w"))
EOF
O add "file://$T/feed.xml" >/dev/null
run "refresh the fixture" 0 O refresh >/dev/null && ok "refresh the fixture"
# g6 read, g3 read and starred, g1 starred.
ids() { O list --json --limit 1000 | python3 -c '
import json, sys
m = {e["guid"]: e["id"] for e in json.load(sys.stdin)}
print(" ".join(str(m[g]) for g in sys.argv[1:]))' "$@"; }
O mark read $(ids g6 g3) >/dev/null
O mark star $(ids g3 g1) >/dev/null

# The queries and the posts each must give, checked in one Python run
# that calls orrery for each (list --json, and search --json).
cat >"$T/check.py" <<'EOF'
import calendar, datetime, json, os, subprocess, sys, time
T, orrery = sys.argv[1], sys.argv[2]
posts = json.load(open(T + "/posts.json"))
P = {p[0]: dict(guid=p[0], title=p[1], source=p[2], author=p[3], body=p[4],
                t=p[5]) for p in posts}
for g in P:
    P[g]["read"] = g in ("g6", "g3")
    P[g]["starred"] = g in ("g3", "g1")
fid = None

def day(s, tz_hours=0):
    y, m, d = map(int, s.split("-"))
    return calendar.timegm((y, m, d, 0, 0, 0)) - tz_hours * 3600

def ago(days=0, months=0, years=0):
    # The start of the day so far back, in UTC (the suite's TZ).
    today = datetime.datetime.utcfromtimestamp(time.time()).date()
    y, m = today.year - years, today.month - months
    while m < 1:
        m += 12
        y -= 1
    last = calendar.monthrange(y, m)[1]
    d = datetime.date(y, m, min(today.day, last)) - datetime.timedelta(days)
    return calendar.timegm(d.timetuple())

def words(p):
    return (p["title"] + " " + p["source"] + " " + p["author"] + " " +
            p["body"]).lower()

def orr(*args, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    r = subprocess.run([orrery, "-c", T + "/config.ini", "-d", T + "/q.db"] +
                       list(args), capture_output=True, text=True, env=e)
    return r

cases = [
    ("", lambda p: True),
    ("f-strings", lambda p: "f-strings" in p["body"]),
    ("asyncio.run", lambda p: "asyncio.run" in p["body"]),
    ("python3.12", lambda p: "python3.12" in p["body"]),
    ("C++", lambda p: "C++" in p["body"]),
    ("don't", lambda p: "don't" in p["body"]),
    ("@dataclass", lambda p: "@dataclass" in p["body"]),
    ("type-hints", lambda p: "type-hints" in p["body"]),
    ("pandas:", lambda p: "pandas:" in p["body"]),
    ("words", lambda p: p["body"].endswith(" words")),
    ("wor*", lambda p: p["body"].endswith(" words")),
    ("\"event loop\"", lambda p: "event loop" in p["body"]),
    ("\"loop event\"", lambda p: False),
    ("headers", lambda p: "headers" in words(p)),
    ("-headers", lambda p: "headers" not in words(p)),
    ("asyncio OR pandas", lambda p: p["guid"] in ("g2", "g5")),
    ("asyncio OR pandas OR snake", lambda p: p["guid"] in ("g2", "g5", "g6")),
    ("words -stale -ancient", lambda p: p["guid"] in ("r1", "r2")),
    ("+unread", lambda p: not p["read"]),
    ("-unread", lambda p: p["read"]),
    ("+starred", lambda p: p["starred"]),
    ("-starred", lambda p: not p["starred"]),
    ("+unread +starred", lambda p: not p["read"] and p["starred"]),
    ("+starred OR pandas", lambda p: p["starred"] or p["guid"] == "g5"),
    ("-starred -unread", lambda p: not p["starred"] and p["read"]),
    ("source:\"Real Python\"", lambda p: p["source"] == "Real Python"),
    ("source:\"Ned Batchelder\" +unread",
     lambda p: p["source"] == "Ned Batchelder" and not p["read"]),
    ("-source:\"Recent Blog\"", lambda p: p["source"] != "Recent Blog"),
    ("source:\"Real Python\" OR source:\"Lukasz Langa\"",
     lambda p: p["source"] in ("Real Python", "Lukasz Langa")),
    ("source:Nobody", lambda p: False),
    ("title:snake", lambda p: "snake" in p["title"].lower()),
    ("title:headers", lambda p: "headers" in p["title"].lower()),
    ("author:trey", lambda p: "trey" in p["author"].lower()),
    ("author:ned -title:snake", lambda p: p["guid"] == "g3"),
    ("@2026-05-15", lambda p: p["t"] >= day("2026-05-15")),
    ("@2026-05-10--2026-05-20",
     lambda p: day("2026-05-10") <= p["t"] < day("2026-05-21")),
    ("@2026-05-21", lambda p: p["t"] >= day("2026-05-21")),
    ("-@2026-05-01", lambda p: p["t"] < day("2026-05-01")),
    ("@3-days-ago", lambda p: p["t"] >= ago(days=3)),
    ("@1-week-ago", lambda p: p["t"] >= ago(days=7)),
    ("@2-weeks-ago", lambda p: p["t"] >= ago(days=14)),
    ("@1-month-ago", lambda p: p["t"] >= ago(months=1)),
    ("@1-year-ago", lambda p: p["t"] >= ago(years=1)),
    ("@today", lambda p: p["t"] >= ago()),
    ("words @1-month-ago +unread",
     lambda p: p["body"].endswith(" words") and p["t"] >= ago(months=1)),
    # Punctuation and would-be FTS5 syntax are only ever words.
    ("NEAR(", lambda p: False),
    ("a AND", lambda p: p["title"] == "A year and more"),
    ("^", lambda p: True),
    ("- * +", lambda p: True),
    ("title:\"f-strings explained\"", lambda p: p["guid"] == "g1"),
]

def guids(r):
    return sorted(e["guid"] for e in json.loads(r.stdout))

def report(ok, name, why):
    print(("ok - %s" % name) if ok else ("not ok - %s: %s" % (name, why)))

for q, rule in cases:
    want = sorted(g for g, p in P.items() if rule(p))
    r = orr("list", "--json", "--limit", "1000", q)
    if r.returncode != 0:
        report(False, "list %s" % q, "exit %d: %s" % (r.returncode, r.stderr))
        continue
    got = guids(r)
    report(got == want, "list %s" % q, "want %s, got %s" % (want, got))
    if q and q not in ("-headers",):
        r = orr("search", "--json", "--limit", "1000", q)
        got = guids(r) if r.returncode == 0 else r.stderr
        report(got == want, "search %s" % q, "want %s, got %s" % (want, got))

# Several arguments are one query, joined with spaces; options anywhere.
r = orr("list", "--json", "words", "-stale", "--limit", "1000", "-ancient")
report(r.returncode == 0 and guids(r) == ["r1", "r2"],
       "list: several arguments and options between them", r.stdout + r.stderr)
r = orr("list", "--json", "--", "-unread")
report(r.returncode == 0 and guids(r) == ["g3", "g6"],
       "list -- -unread", r.stdout + r.stderr)
# The shorthands narrow a query.
r = orr("list", "--json", "--unread", "source:\"Ned Batchelder\"")
report(r.returncode == 0 and guids(r) == [], "list --unread QUERY",
       r.stdout + r.stderr)
r = orr("list", "--json", "--source", "Real Python", "f-strings")
report(r.returncode == 0 and guids(r) == ["g1"], "list --source NAME QUERY",
       r.stdout + r.stderr)
# Newest first, each post once, and --limit.
r = orr("list", "--json", "--limit", "1000", "words OR headers OR snake")
ts = [e["time"] for e in json.loads(r.stdout)]
ids = [e["id"] for e in json.loads(r.stdout)]
report(ts == sorted(ts, reverse=True) and len(set(ids)) == len(ids) == 6,
       "a query lists newest first, each post once", r.stdout)
r = orr("list", "--json", "--limit", "2", "words")
report(guids(r) == ["r1", "r2"], "a query with --limit", r.stdout)
# Days are those of the time zone: g5 (23:30 UTC on the 20th) is on
# the 21st in Tokyo.
r = orr("list", "--json", "@2026-05-21", "-source:\"Recent Blog\"",
        env={"TZ": "Asia/Tokyo"})
report(guids(r) == ["g5"], "@DATE is a day in the local time zone",
       r.stdout + r.stderr)
open(T + "/utc.ini", "w").write("[general]\ntimezone = utc\n")
r = subprocess.run([orrery, "-c", T + "/utc.ini", "-d", T + "/q.db", "list",
                    "--json", "@2026-05-21", "-source:\"Recent Blog\""],
                   capture_output=True, text=True,
                   env=dict(os.environ, TZ="Asia/Tokyo"))
report(guids(r) == [], "timezone = utc makes @DATE a UTC day",
       r.stdout + r.stderr)

# Malformed queries: exit 2, one line naming the term, nothing listed.
bad = [
    ("\"type hints", "orrery list: unterminated quote: \"type hints"),
    ("@soon", "orrery list: not a date: @soon (dates: "),
    ("source:\"Real Python", "orrery list: unterminated quote: source:"),
    ("@2026-02-30", "orrery list: not a date: @2026-02-30 "),
    ("feed:abc", "orrery list: not a feed id: feed:abc "),
    ("title:", "orrery list: empty: title: "),
]
for q, want in bad:
    r = orr("list", q)
    lines = r.stderr.splitlines()
    report(r.returncode == 2 and len(lines) == 1 and
           lines[0].startswith(want) and r.stdout == "",
           "malformed %s: exit 2, one line" % q,
           "exit %d: %r" % (r.returncode, r.stderr))
r = orr("search", "\"type hints")
report(r.returncode == 2 and
       r.stderr == "orrery search: unterminated quote: \"type hints\n",
       "search: a malformed query exits 2 with one line", r.stderr)
r = orr("list", "\"\x1b]0;x\x07")
report(r.returncode == 2 and "\x1b" not in r.stderr and "\x07" not in r.stderr,
       "a malformed query's message carries no control bytes", repr(r.stderr))
r = orr("list", "x" * 5000)
report(r.returncode == 2 and "longer than" in r.stderr,
       "a huge query is refused in one line", r.stderr[:200])

# mark --query: every post matching, how many said.
r = orr("mark", "star", "--query", "asyncio OR pandas")
report(r.returncode == 0 and r.stdout == "marked 2 entries starred\n",
       "mark star --query says how many", r.stdout + r.stderr)
r = orr("list", "--json", "--limit", "1000", "+starred")
report(guids(r) == ["g1", "g2", "g3", "g5"], "mark star --query stars them",
       r.stdout)
r = orr("mark", "read", "--query", "words", "-ancient")
report(r.returncode == 0 and r.stdout == "marked 3 entries read\n",
       "mark read --query QUERY WORDS joins the words", r.stdout + r.stderr)
r = orr("list", "--json", "--limit", "1000", "-unread")
report(guids(r) == ["g3", "g6", "r1", "r2", "r3"], "mark read --query reads them",
       r.stdout)
r = orr("mark", "unread", "--query", "-unread source:\"Recent Blog\"")
report(r.returncode == 0 and r.stdout == "marked 3 entries unread\n",
       "mark unread --query -unread ...", r.stdout + r.stderr)
r = orr("mark", "unstar", "--query", "nothing-matches-this")
report(r.returncode == 0 and r.stdout == "marked 0 entries unstarred\n",
       "mark --query matching nothing says 0", r.stdout + r.stderr)
r = orr("mark", "read", "--query", "@soon")
report(r.returncode == 2 and r.stderr.startswith("orrery mark: not a date") and
       len(r.stderr.splitlines()) == 1,
       "mark --query with a malformed query exits 2", r.stderr)
EOF
python3 "$T/check.py" "$T" "$ORRERY"

# Saved views: list --view NAME, with more words; bad ones are errors.
cat >"$T/views.ini" <<'EOF'
[views]
RP = source:"Real Python" +unread
recent = words @1-month-ago
EOF
V() { "$ORRERY" -c "$T/views.ini" -d "$DB" "$@"; }
guids() { python3 -c 'import json,sys; print(" ".join(sorted(e["guid"] for e in json.load(sys.stdin))))'; }
got=$(V list --json --view rp | guids)
[ "$got" = "g1 g2" ] && ok "list --view NAME (names ignore case)" ||
	notok "list --view NAME (names ignore case)" "got '$got'"
got=$(V list --json --view recent -fresh | guids)
[ "$got" = "r2" ] && ok "list --view NAME WORDS: both" ||
	notok "list --view NAME WORDS: both" "got '$got'"
expect "list --view with an unknown name names the views" 2 \
    '^orrery list: no view nope \(the views: rp, recent\)$' "$T/err" \
    V list --view nope
expect "list --view with no views says where they go" 2 \
    '^orrery list: no view rp: there are none' "$T/err" O list --view rp
printf '[views]\nok = +unread\nbad = @soon\n' >"$T/badview.ini"
expect "a view with a malformed query is a config error at its line" 1 \
    'badview\.ini:3: \[views\] bad: not a date: @soon' "$T/err" \
    "$ORRERY" -c "$T/badview.ini" -d "$DB" list

# A query holding ';' or '#' is quoted whole (iniparser cuts an unquoted
# value there); unquoted, a ';' or '#' glued to a word is an error.
cat >"$T/quoted.ini" <<'EOF'
[views]
semi = '"boilerplate; use"'
hash = "title:snake OR C#" ; a comment after the quotes
EOF
got=$("$ORRERY" -c "$T/quoted.ini" -d "$DB" list --json --view semi | guids)
[ "$got" = "g4" ] && ok "a quoted view keeps its ';'" ||
	notok "a quoted view keeps its ';'" "got '$got'"
got=$("$ORRERY" -c "$T/quoted.ini" -d "$DB" list --json --view hash | guids)
[ "$got" = "g3 g6" ] && ok "a quoted view keeps its '#'" ||
	notok "a quoted view keeps its '#'" "got '$got'"
printf '[filters]\nhide = C# jobs\n' >"$T/cut.ini"
expect "an unquoted '#' inside a hide rule is an error saying to quote it" 1 \
    "cut\\.ini:2: \\[filters\\] hide: the value would end at '#'.*quotes" \
    "$T/err" "$ORRERY" -c "$T/cut.ini" -d "$DB" list
printf '[views]\nweek = +unread ; the unread ones\n' >"$T/comment.ini"
expect "a comment after a space still ends a view" 0 '' "$T/out" \
    "$ORRERY" -c "$T/comment.ini" -d "$DB" list --view week

# ---- mute, hide rules, undo -------------------------------------------
DB="$T/mute.db"
O add "file://$T/feed.xml" >/dev/null
O refresh >/dev/null
listed() { O list --json --limit 1000 "$@" | guids; }
all="g1 g2 g3 g4 g5 g6 r1 r2 r3 r4"
expect "mute SOURCE (any case)" 0 '^muted Recent Blog$' "$T/out" \
    O mute "recent blog"
got=$(listed)
[ "$got" = "g1 g2 g3 g4 g5 g6" ] && ok "a muted source's posts leave list" ||
	notok "a muted source's posts leave list" "got '$got'"
got=$(O search --json words | guids)
[ -z "$got" ] && ok "a muted source's posts leave search" ||
	notok "a muted source's posts leave search" "got '$got'"
got=$(listed --hidden)
[ "$got" = "r1 r2 r3 r4" ] && ok "list --hidden shows the hidden posts" ||
	notok "list --hidden shows the hidden posts" "got '$got'"
got=$(O list --json --unread --limit 1000 | guids)
[ "$got" = "g1 g2 g3 g4 g5 g6" ] && ok "a muted source's posts leave --unread" ||
	notok "a muted source's posts leave --unread" "got '$got'"
fcounts() { "$@" feeds --json | python3 -c '
import json, sys
f = json.load(sys.stdin)[0]
print(f["unread"], f["total"])'; }
got=$(fcounts O)
[ "$got" = "6 6" ] && ok "feeds counts leave a muted source's posts out" ||
	notok "feeds counts leave a muted source's posts out" "got '$got'"
expect "mutes lists them" 0 '^Recent Blog$' "$T/out" O mutes
expect "mute again says so" 0 '^Recent Blog was muted already$' "$T/out" \
    O mute "Recent Blog"
expect "mute an unknown source" 1 \
    '^orrery: no posts from Nobody \(orrery list --sources\)$' "$T/err" \
    O mute Nobody
expect "undo takes a mute back" 0 '^undid mute Recent Blog$' "$T/out" O undo
got=$(listed)
[ "$got" = "$all" ] && ok "after undo the source's posts are back" ||
	notok "after undo the source's posts are back" "got '$got'"
O mute "Ned Batchelder" >/dev/null
expect "unmute" 0 '^unmuted Ned Batchelder$' "$T/out" O unmute "ned batchelder"
expect "unmute what is not muted" 1 \
    '^orrery: Ned Batchelder is not muted \(orrery mutes lists them\)$' \
    "$T/err" O unmute "Ned Batchelder"
run "mutes with none" 0 O mutes && [ ! -s "$T/out" ] && ok "mutes with none"
O undo >/dev/null # the mute of Ned Batchelder, already unmuted

# Hide rules from [filters]: out of list and search, in list --hidden.
printf '[filters]\nhide = title:snake\nhide-pandas = pandas\n' >"$T/hide.ini"
H() { "$ORRERY" -c "$T/hide.ini" -d "$DB" "$@"; }
got=$(H list --json --limit 1000 | guids)
[ "$got" = "g1 g2 g3 g4 r1 r2 r3 r4" ] && ok "hide rules leave posts out of list" ||
	notok "hide rules leave posts out of list" "got '$got'"
got=$(H search --json --limit 1000 'snake OR pandas OR headers' | guids)
[ "$got" = "g3" ] && ok "hide rules leave posts out of search" ||
	notok "hide rules leave posts out of search" "got '$got'"
got=$(fcounts H)
[ "$got" = "8 8" ] && ok "feeds counts leave what hide rules hide out" ||
	notok "feeds counts leave what hide rules hide out" "got '$got'"
got=$(H list --json --limit 1000 --hidden | guids)
[ "$got" = "g5 g6" ] && ok "list --hidden shows what hide rules hide" ||
	notok "list --hidden shows what hide rules hide" "got '$got'"
expect "mark --query leaves hidden posts alone" 0 '^marked 8 entries read$' \
    "$T/out" H mark read --query ''
expect "undo mark --query" 0 '^undid mark all read: 8 entries back$' \
    "$T/out" H undo
printf '[filters]\nhide = @soon\n' >"$T/badhide.ini"
expect "a malformed hide rule is a config error at its line" 1 \
    'badhide\.ini:2: \[filters\] hide: not a date: @soon' "$T/err" \
    "$ORRERY" -c "$T/badhide.ini" -d "$DB" list

# Undo across processes, in batches, newest first; a post changed since
# by something else keeps that change.
id_of() { O list --json --limit 1000 | python3 -c '
import json, sys
print(" ".join(str(e["id"]) for e in json.load(sys.stdin) if e["guid"] in sys.argv[1:]))' "$@"; }
O mark read $(id_of g1 g2 g3) >/dev/null
O mark star $(id_of g4) >/dev/null
expect "undo: the newest batch first" 0 '^undid star: 1 entry back$' \
    "$T/out" O undo
got=$(listed +starred)
[ -z "$got" ] && ok "undo unstars what star starred" ||
	notok "undo unstars what star starred" "got '$got'"
# Something else (another reader's sync, say) marks g2 unread again.
python3 -c '
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
d.execute("UPDATE entries SET read = 0 WHERE guid = ?", ("g2",))
d.commit()' "$DB"
O mark unread $(id_of g5) >/dev/null # no change: an empty batch
expect "undo: one batch of several ids, the changed post left out" 0 \
    '^undid mark read: 2 entries back$' "$T/out" O undo
got=$(listed -unread)
[ -z "$got" ] && ok "undo marks the batch's posts unread again" ||
	notok "undo marks the batch's posts unread again" "got '$got'"
expect "nothing left to undo" 0 '^nothing to undo$' "$T/out" O undo
# 23 batches: the last 20 can be undone, no more.
O mark star $(id_of g2) >/dev/null
for i in 1 2 3 4 5 6 7 8 9 10 11; do
	O mark star $(id_of g1) >/dev/null
	O mark unstar $(id_of g1) >/dev/null
done
n=0
while O undo >"$T/out" 2>&1 && grep -q '^undid' "$T/out"; do
	n=$((n + 1))
	[ "$n" -gt 30 ] && break
done
[ "$n" = 20 ] && ok "undo steps back through the last 20 batches" ||
	notok "undo steps back through the last 20 batches" "$n undone"
got=$(listed +starred)
[ "$got" = "g2" ] && ok "the 23rd batch from the top stays done" ||
	notok "the 23rd batch from the top stays done" "got '$got'"
