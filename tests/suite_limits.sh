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
