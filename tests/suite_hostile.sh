# suite_hostile: every byte orrery writes is terminal-safe.  Feeds (file://
# URLs) and an OPML list whose titles, links, guids, authors, categories,
# bodies and feed URLs carry C1 controls (U+0085, U+009B CSI), DEL and the
# bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069); a
# real store and the real command line.  No command's standard output or
# standard error may carry one of them raw: JSON carries them only as \u
# escapes, text and XML not at all.
. "$TESTS/lib.sh"

CFG=$T/config.ini
printf '[general]\ndefault-feed = ""\ntimeout = 5\n' >"$CFG"
DB=$T/hostile.db
orr() { "$ORRERY" -c "$CFG" -d "$DB" "$@"; }

python3 - "$T" <<'PY'
import json, os, sys
T = sys.argv[1]
bad = "\u0085\u009b31m\u202e\u2066X\u2069\u202a\x7f\u202d"
def w(name, text):
    open(os.path.join(T, name), "w", encoding="utf-8").write(text)
w("evil.xml", f'''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Chan{bad}title</title>
<link>http://example.invalid/{bad}</link>
<item><title>Item{bad}one</title><link>http://example.invalid/a{bad}b</link>
<guid isPermaLink="false">g{bad}1</guid><author>me{bad}@x</author>
<category>cat{bad}</category>
<description>Body{bad}text &lt;a href="http://e.invalid/{bad}"&gt;l{bad}&lt;/a&gt;</description></item>
<item><title>Item two</title><guid isPermaLink="true">http://example.invalid/p{bad}q</guid>
<enclosure url="http://e.invalid/{bad}.mp3" type="audio/mpeg" length="1"/>
<description>x</description></item>
</channel></rss>''')
json.dump({"version": "https://jsonfeed.org/version/1.1", "title": "J" + bad,
           "home_page_url": "http://h.invalid/" + bad,
           "items": [{"id": "i" + bad, "url": "http://u.invalid/" + bad,
                      "title": "T" + bad, "content_html": "<p>c" + bad + "</p>",
                      "authors": [{"name": "a" + bad}], "tags": ["t" + bad]}]},
          open(os.path.join(T, "evil.json"), "w", encoding="utf-8"),
          ensure_ascii=False)
w("evil.opml", f'''<?xml version="1.0"?><opml version="2.0"><head><title>x{bad}</title></head><body>
<outline text="T{bad}" title="T{bad}" type="rss" xmlUrl="http://127.0.0.1:9/f{bad}.xml" category="c{bad}"/>
<outline text="G{bad}"><outline text="U{bad}" xmlUrl="http://127.0.0.1:9/g.xml"/></outline>
</body></opml>''')
w("notfeed.xml", f"<html><title>{bad}</title></html>")
PY

cat >"$T/safe.py" <<'PY'
"""safe.py FILE [json]: FILE is UTF-8 with no raw C0 control but tab and
newline, DEL, C1 control or bidirectional control; with json it is also
JSON."""
import json, sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("not UTF-8: %s" % e)
bad = sorted({"U+%04X" % ord(c) for c in text
              if (ord(c) < 0x20 and c not in "\n\t")
              or 0x7f <= ord(c) <= 0x9f
              or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069})
if bad:
    sys.exit("raw " + " ".join(bad))
if len(sys.argv) > 2:
    try:
        json.loads(text)
    except ValueError as e:
        sys.exit("not JSON: %s" % e)
PY

# safe NAME KIND CMD...: run CMD; its stdout and stderr are terminal-safe
safe() {
	_sn=$1 _kind=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	if _why=$(python3 "$T/safe.py" "$T/out" $_kind 2>&1) &&
	    _why=$(python3 "$T/safe.py" "$T/err" 2>&1); then
		ok "$_sn"
	else
		notok "$_sn" "$_why"
	fi
}

for _f in evil.xml evil.json notfeed.xml; do
	orr add "file://$T/$_f" >/dev/null 2>&1
done
safe "import of a hostile OPML list" "" orr import "$T/evil.opml"
safe "refresh's messages" "" orr refresh
grep -q '127.0.0.1:9/f%C2%85%C2%9B31m%E2%80%AE' "$T/err" &&
	ok "an imported feed URL keeps its controls only %-escaped" ||
	notok "an imported feed URL keeps its controls only %-escaped" \
	    "$(grep 127.0.0.1:9/f "$T/err" | head -c 300)"
safe "list" "" orr list
safe "list --json" json orr list --json
# A permalink guid taken as the link is cleaned as every URL is.
grep -q 'example.invalid/p%C2%85%C2%9B31m%E2%80%AE' "$T/out" &&
	ok "list --json: a guid link keeps its controls only %-escaped" ||
	notok "list --json: a guid link keeps its controls only %-escaped" \
	    "$(head -c 300 "$T/out")"
safe "search" "" orr search Item
safe "feeds" "" orr feeds
safe "feeds --json" json orr feeds --json
safe "export" "" orr export
for _id in 1 2 3; do
	safe "show $_id" "" orr show "$_id"
done
safe "parse of a hostile RSS feed" json "$ORRERY" parse "$T/evil.xml"
grep -q '\\u0085' "$T/out" && grep -q '\\u202e' "$T/out" &&
	ok "parse's JSON escapes C1 and bidirectional controls as \\u" ||
	notok "parse's JSON escapes C1 and bidirectional controls as \\u" \
	    "$(head -c 300 "$T/out")"
safe "parse of a hostile JSON feed" json "$ORRERY" parse "$T/evil.json"
