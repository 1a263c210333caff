# suite_limits: the caps a feed can run into, with real parts: generated
# feeds read through file:// URLs, a real store, the real command line.
# A feed keeps its first 10,000 entries, and says so in its status.
. "$TESTS/lib.sh"

CFG=$T/config.ini
printf '[general]\ndefault-feed = ""\n' >"$CFG"
DB=$T/limits.db
orr() { "$ORRERY" -c "$CFG" -d "$DB" "$@"; }

# rss|atom|json N FILE: a feed of N entries
python3 - "$T" <<'PY'
import json, os, sys
T = sys.argv[1]
for n in (10000, 10001):
    items = "".join("<item><title>t%d</title><guid>g%d</guid></item>\n"
                    % (i, i) for i in range(n))
    open(os.path.join(T, "rss-%d.xml" % n), "w").write(
        '<rss version="2.0"><channel><title>R%d</title>%s</channel></rss>'
        % (n, items))
    entries = "".join("<entry><title>t%d</title><id>urn:e%d</id>"
                      "<updated>2026-01-01T00:00:00Z</updated></entry>\n"
                      % (i, i) for i in range(n))
    open(os.path.join(T, "atom-%d.xml" % n), "w").write(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A%d</title>'
        '<id>urn:a</id><updated>2026-01-01T00:00:00Z</updated>%s</feed>'
        % (n, entries))
    json.dump({"version": "https://jsonfeed.org/version/1.1",
               "title": "J%d" % n,
               "items": [{"id": "j%d" % i, "title": "t%d" % i,
                          "content_text": "x"} for i in range(n)]},
              open(os.path.join(T, "json-%d.json" % n), "w"))
PY
for k in rss-10000.xml rss-10001.xml atom-10000.xml atom-10001.xml \
    json-10000.json json-10001.json; do
	orr add "file://$T/$k" >/dev/null 2>"$T/err" ||
		notok "add $k" "$(head -c 300 "$T/err")"
done
run "six feeds of 10,000 and 10,001 entries are fetched" 0 orr refresh &&
	ok "six feeds of 10,000 and 10,001 entries are fetched"
run "feeds --json" 0 orr feeds --json
for k in rss atom json; do
	if python3 - "$T/out" "$k" <<'PY'; then
import json, sys
fs = {f["url"].rsplit("/", 1)[1].split(".")[0]: f
      for f in json.load(open(sys.argv[1]))}
k = sys.argv[2]
full, over = fs[k + "-10000"], fs[k + "-10001"]
sys.exit(0 if full["total"] == 10000 and full["last_error"] is None
         and over["total"] == 10000
         and over["last_error"] == "first 10,000 entries kept"
         and over["last_success"] is not None else 1)
PY
		ok "$k: a feed cut at 10,000 entries says 'first 10,000 entries kept'"
	else
		notok "$k: a feed cut at 10,000 entries says 'first 10,000 entries kept'" \
		    "$(head -c 400 "$T/out")"
	fi
done
expect "feeds shows the note" 0 "error: first 10,000 entries kept" "$T/out" \
    orr feeds

# Memory follows the largest entry, not the file: XML is read as a stream.
# A 13 MB feed of 400,000 tiny items, a 12 MB Atom feed of 400,000
# entries and a feed whose one title is 12 MB each cost well under 64 MB
# (about 35-50 MB here); reading the whole tree took 110-300 MB.  So do
# feeds whose one post is a body of 16 MB (the size cap): in CDATA
# (88 MB before), plain words (119 MB), full of relative links (553 MB),
# as raw markup in an RSS description (372 MB) or Atom xhtml (329 MB).
# Peak RSS is measured, not time; sanitizer builds (whose allocator keeps
# freed memory aside) are not measured.
# peak NAME CMD...: run CMD (stdout in $T/out, stderr in $T/err); its peak
# RSS in KB goes to $T/peak; fails the case unless it exits 0.
peak() {
	_pn=$1
	shift
	if ! python3 - "$T" "$@" <<'PY'; then
import resource, subprocess, sys
T = sys.argv[1]
with open(T + "/out", "wb") as o, open(T + "/err", "wb") as e:
    rc = subprocess.call(sys.argv[2:], stdout=o, stderr=e)
open(T + "/peak", "w").write(
    "%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(rc)
PY
		notok "$_pn" "failed: $(head -c 300 "$T/err")"
		return 1
	fi
}
python3 - "$T" <<'PY'
import os, sys
T = sys.argv[1]
with open(os.path.join(T, "many.xml"), "w") as f:
    f.write('<rss version="2.0"><channel><title>Many</title>\n')
    for i in range(400000):
        f.write("<item><guid>%d</guid></item>\n" % i)
    f.write("</channel></rss>\n")
with open(os.path.join(T, "many-atom.xml"), "w") as f:
    f.write('<feed xmlns="http://www.w3.org/2005/Atom"><title>Many</title>\n')
    for i in range(400000):
        f.write("<entry><id>%d</id></entry>\n" % i)
    f.write("</feed>\n")
cap = 16 * 1024 * 1024 - 4096
def body_feed(name, body):
    with open(os.path.join(T, name), "w") as f:
        f.write('<rss version="2.0"><channel><title>Body</title>'
                '<link>http://x.example/</link><item><guid>b</guid>'
                '<title>t</title><link>http://x.example/post/</link>'
                '<description><![CDATA[' + body[:cap] +
                ']]></description></item></channel></rss>\n')
body_feed("cdata.xml", "<p>firstword</p>" + "<p>Some <b>words</b> of a post, "
          "with <a href='http://x.example/a'>a link</a>.</p>\n" * 300000)
body_feed("words.xml", "firstword " + "word " * (cap // 5))
body_feed("relative.xml", "<p>firstword</p>" + "<p>A <a href='/a/b'>link</a>"
          " and <img src='i.png'> an image.</p>\n" * 300000)
# Markup as elements of the feed: raw in an RSS description, and Atom xhtml.
para = "<p>Some <b>words</b> of a post, with <a href='/a'>a link</a>.</p>\n"
raw = "<p>firstword</p>" + para * ((cap - 4096) // len(para))
with open(os.path.join(T, "raw.xml"), "w") as f:
    f.write('<rss version="2.0"><channel><title>Body</title><item>'
            '<guid>b</guid><title>t</title><description>' + raw +
            '</description></item></channel></rss>\n')
with open(os.path.join(T, "xhtml.xml"), "w") as f:
    f.write('<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            '<id>urn:a</id><entry><id>urn:e</id><title>t</title>'
            '<updated>2026-01-01T00:00:00Z</updated><content type="xhtml">'
            '<div xmlns="http://www.w3.org/1999/xhtml">' + raw +
            '</div></content></entry></feed>\n')
with open(os.path.join(T, "title.xml"), "w") as f:
    f.write('<rss version="2.0"><channel><title>Long</title>'
            "<item><guid>long</guid><title>")
    f.write("word " * (12 * 1024 * 1024 // 5))
    f.write("</title></item></channel></rss>\n")
PY
# refresh_peak NAME FILE: a store of its own subscribed to FILE, refreshed
# under 64 MB; the feed's row in `feeds --json` goes to $T/out.
refresh_peak() {
	DB=$T/peak-$2.db
	orr add "file://$T/$2" >/dev/null 2>&1
	peak "$1" "$ORRERY" -c "$CFG" -d "$DB" refresh || return 1
	if [ "$(cat "$T/peak")" -ge 65536 ]; then
		notok "$1" "peak $(cat "$T/peak") KB"
		return 1
	fi
	run "$1: feeds --json" 0 orr feeds --json || return 1
}
if grep -Eq '__(a|t)san_init' "$ORRERY"; then
	ok "peak memory of big feeds # skip sanitizer build"
else
	name="a 13 MB feed of 400,000 items is refreshed in under 64 MB"
	if refresh_peak "$name" many.xml; then
		if python3 - "$T/out" <<'PY'; then
import json, sys
f = json.load(open(sys.argv[1]))[0]
sys.exit(0 if f["total"] == 10000
         and f["last_error"] == "first 10,000 entries kept" else 1)
PY
			ok "$name"
		else
			notok "$name" "$(head -c 400 "$T/out")"
		fi
	fi
	name="a feed with a 12 MB title is refreshed in under 64 MB"
	if refresh_peak "$name" title.xml; then
		if python3 - "$T/out" <<'PY'; then
import json, sys
f = json.load(open(sys.argv[1]))[0]
sys.exit(0 if f["total"] == 1 and f["last_error"] is None else 1)
PY
			ok "$name"
		else
			notok "$name" "$(head -c 400 "$T/out")"
		fi
	fi
	name="orrery parse of a 12 MB Atom feed of 400,000 entries in under 64 MB"
	if peak "$name" "$ORRERY" -c "$CFG" parse "$T/many-atom.xml"; then
		if [ "$(cat "$T/peak")" -lt 65536 ] &&
		    [ "$(grep -c '"id":' "$T/out")" -eq 10000 ]; then
			ok "$name"
		else
			notok "$name" "peak $(cat "$T/peak") KB, $(grep -c '"id":' "$T/out") entries"
		fi
	fi
	# A 16 MB body is stored whole, and search finds its first word.
	for k in cdata words relative raw xhtml; do
		name="a feed whose one post is a 16 MB body ($k) is refreshed in under 64 MB"
		refresh_peak "$name" "$k.xml" || continue
		DB=$T/peak-$k.xml.db
		if ! orr search firstword >"$T/found" 2>&1 ||
		    [ "$(grep -c . "$T/found")" -ne 1 ]; then
			notok "$name" "search firstword: $(head -c 300 "$T/found")"
			continue
		fi
		len=$(sqlite3 "$DB" \
		    "SELECT length(coalesce(content, summary)) FROM entries" 2>&1)
		if [ "${len:-0}" -lt 15000000 ]; then
			notok "$name" "the body stored is $len bytes"
			continue
		fi
		ok "$name"
	done
	# Past 256 KiB a body keeps its links as written (the reader resolves
	# them against the post's link): its tree would cost 30 times its size.
	if [ "$(sqlite3 "$T/peak-relative.xml.db" \
	    "SELECT instr(summary, 'href=''/a/b''') > 0 FROM entries")" = 1 ]; then
		ok "a 16 MB body keeps its relative links as written"
	else
		notok "a 16 MB body keeps its relative links as written" \
		    "$(sqlite3 "$T/peak-relative.xml.db" "SELECT substr(summary, 1, 200) FROM entries")"
	fi

fi
