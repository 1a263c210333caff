# suite_enclosures: podcast audio and other enclosures -- from RSS
# <enclosure> with itunes:duration, Atom link rel="enclosure" and JSON Feed
# attachments -- are stored with their entries and shown by `show` (a
# header line each, numbered with the links), `list --json` and
# `orrery enclosures` (for people and --json).  Feeds are the files in
# tests/enclosures, read as file:// URLs.
. "$TESTS/lib.sh"

F=$TESTS/enclosures
DB=$T/e.db
cat >"$T/c.ini" <<'EOF2'
[general]
default-feed = ""
timezone = utc
EOF2
orr() { "$ORRERY" -c "$T/c.ini" -d "$DB" "$@"; }
for f in podcast.xml screencasts.atom episodes.json; do
	orr add "file://$F/$f" >/dev/null 2>&1
done
run "refresh the three feeds" 0 orr refresh
id_of() { # guid
	orr list --json | python3 -c '
import json, sys
print([e["id"] for e in json.load(sys.stdin) if e["guid"] == sys.argv[1]][0])' "$1"
}
E451=$(id_of ep-451)
E450=$(id_of ep-450)
SC1=$(id_of urn:example:sc1)
J1=$(id_of j1)
POST=$(id_of post-1)

expect "show: an RSS enclosure with size and itunes:duration" 0 \
    '^▶ audio/mpeg, 30 MB, 1:02:03 \[1\]$' "$T/out" orr show "$E451"
grep -Fxq '[1] https://cdn.example.org/talk/451.mp3' "$T/out" &&
	ok "show: the enclosure is numbered with the links" ||
	notok "show: the enclosure is numbered with the links" "$(cat "$T/out")"
expect "show: an Atom rel=enclosure" 0 '^▶ video/mp4, 2.1 GB \[1\]$' \
    "$T/out" orr show "$SC1"
expect "show: a JSON Feed attachment with duration_in_seconds" 0 \
    '^▶ audio/x-m4a, 5 MB, 0:45 \[1\]$' "$T/out" orr show "$J1"
expect "show: a type cleaned of its escape; bytes; a duration in seconds" \
    0 '^▶ audio/mpeg, 1.5 KB, 12:34 \[1\]$' "$T/out" orr show "$E450"
LC_ALL=C grep -q "$(printf '\033')" "$T/out" &&
	notok "show: an enclosure type's escape does not reach the terminal" \
	    "$(od -c "$T/out" | head)" ||
	ok "show: an enclosure type's escape does not reach the terminal"
run "show: no enclosure, no line" 0 orr show "$POST" &&
	! grep -q '▶' "$T/out" && ok "show: no enclosure, no line" ||
	notok "show: no enclosure, no line" "$(cat "$T/out")"

run "list --json" 0 orr list --json
python3 - "$T/out" "$E451" "$POST" <<'EOF2' && ok "list --json gives each entry's enclosures" || notok "list --json gives each entry's enclosures" "$(head -c 400 "$T/out")"
import json, sys
out = {e["id"]: e for e in json.load(open(sys.argv[1]))}
e = out[int(sys.argv[2])]["enclosures"]
assert e == [{"entry_id": int(sys.argv[2]),
              "url": "https://cdn.example.org/talk/451.mp3",
              "type": "audio/mpeg", "length": 31457280,
              "duration": 3723}], e
assert out[int(sys.argv[3])]["enclosures"] == []
EOF2

run "enclosures lists them, newest entry first" 0 orr enclosures &&
	[ "$(cat "$T/out")" = "$(printf '%6s %s\n' \
	    "$E451" "https://cdn.example.org/talk/451.mp3 (audio/mpeg, 30 MB, 1:02:03)" \
	    "$SC1" "https://video.example.net/sc1.mp4 (video/mp4, 2.1 GB)" \
	    "$J1" "https://json.example.com/1.m4a (audio/x-m4a, 5 MB, 0:45)" \
	    "$E450" "file:///talk/450.mp3 (audio/mpeg, 1.5 KB, 12:34)")" ] &&
	ok "enclosures lists them, newest entry first" ||
	notok "enclosures lists them, newest entry first" "$(cat "$T/out")"
run "enclosures --json" 0 orr enclosures --json &&
	python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert [x["entry_id"] for x in a] == [int(v) for v in sys.argv[2:]], a
assert a[1] == {"entry_id": int(sys.argv[3]), "url": "https://video.example.net/sc1.mp4",
    "type": "video/mp4", "length": 2254857830, "duration": None}, a[1]
' "$T/out" "$E451" "$SC1" "$J1" "$E450" && ok "enclosures --json" ||
	notok "enclosures --json" "$(head -c 400 "$T/out")"
expect "enclosures --source filters like list" 0 "^ *$SC1 https://video" \
    "$T/out" orr enclosures --source Screencasts
[ "$(lines "$T/out")" = 1 ] && ok "enclosures --source: that source only" ||
	notok "enclosures --source: that source only" "$(cat "$T/out")"
expect "enclosures WORDS searches like search" 0 "^ *$E450 " "$T/out" \
    orr enclosures 'GIL'
[ "$(lines "$T/out")" = 1 ] && ok "enclosures WORDS: the matches only" ||
	notok "enclosures WORDS: the matches only" "$(cat "$T/out")"
orr mark read "$E451" "$SC1" >/dev/null
run "enclosures --unread" 0 orr enclosures --unread --limit 1 &&
	[ "$(lines "$T/out")" = 1 ] && grep -q "^ *$J1 " "$T/out" &&
	ok "enclosures --unread --limit 1" ||
	notok "enclosures --unread --limit 1" "$(cat "$T/out")"
expect "enclosures --limit 0 is a usage error" 2 "positive number" "$T/err" \
    orr enclosures --limit 0

# A feed that changes an episode's enclosure: the store follows.
sed 's|451.mp3" length="31457280"|451-fixed.mp3" length="1048576"|' \
    "$F/podcast.xml" >"$T/podcast.xml"
DB=$T/u.db
orr add "file://$T/podcast.xml" >/dev/null 2>&1
orr refresh >/dev/null 2>&1
sed -i 's|451-fixed.mp3" length="1048576"|451-v2.mp3" length="2097152"|; s|Packaging in 2026|Packaging in 2026 (fixed)|' \
    "$T/podcast.xml"
orr refresh --force >/dev/null 2>&1
run "an updated entry's enclosure replaces the old one" 0 orr enclosures &&
	grep -q '451-v2.mp3 (audio/mpeg, 2 MB, 1:02:03)' "$T/out" &&
	! grep -q '451-fixed' "$T/out" &&
	ok "an updated entry's enclosure replaces the old one" ||
	notok "an updated entry's enclosure replaces the old one" "$(cat "$T/out")"
