# suite_html: `orrery render` and `orrery show` against golden files.
# Each tests/html/NAME.html is an entry body of a real-world shape
# (tests/html/README.md says which); NAME.base, when present, is the
# entry's link that relative URLs resolve against; NAME.80 and NAME.40 are
# the expected renderings at those widths.  To re-make the expected files
# after a deliberate change, run with UPDATE=1 and review the diff.
. "$TESTS/lib.sh"

dir=$TESTS/html
WORDS=$UNITDIR/wordloss

render() { # render FILE WIDTH [--color]
	_base=${1%.html}.base
	if [ -f "$_base" ]; then
		"$ORRERY" render "$1" --width "$2" --base "$(cat "$_base")" $3
	else
		"$ORRERY" render "$1" --width "$2" $3
	fi
}

n=0
for input in "$dir"/*.html; do
	name=$(basename "$input" .html)
	n=$((n + 1))
	for w in 80 40; do
		want=$dir/$name.$w
		if ! render "$input" "$w" >"$T/out" 2>"$T/err"; then
			notok "render $name at $w" "exit $?: $(head -c 200 "$T/err")"
			continue
		fi
		if [ -n "${UPDATE:-}" ]; then
			cp "$T/out" "$want"
		fi
		if [ -s "$T/err" ]; then
			notok "render $name at $w" "stderr: $(head -c 200 "$T/err")"
		elif [ ! -f "$want" ]; then
			notok "render $name at $w" "no $name.$w (UPDATE=1 makes it)"
		elif ! cmp -s "$T/out" "$want"; then
			notok "render $name at $w" \
			    "$(diff "$want" "$T/out" | head -n 12 | tr '\n' '|')"
		else
			ok "render $name at $w"
		fi
	done
	# Nothing but text, newlines and (with --color) SGR sequences comes
	# out, and the colour is the only difference.
	render "$input" 40 --color >"$T/color" 2>/dev/null
	render "$input" 40 >"$T/plain" 2>/dev/null
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T/plain"; then
		notok "render $name: no control characters" \
		    "$(LC_ALL=C grep -n "$(printf '[\001-\010\013-\037\177]')" "$T/plain" | head -c 200 | od -c | head -3)"
	else
		ok "render $name: no control characters"
	fi
	sed 's/\x1b\[[0-9;]*m//g' "$T/color" >"$T/stripped"
	if ! cmp -s "$T/stripped" "$T/plain"; then
		notok "render $name --color: only SGR added" \
		    "$(diff "$T/plain" "$T/stripped" | head -n 6 | tr '\n' '|')"
	elif LC_ALL=C grep -q "$(printf '\033')" "$T/stripped"; then
		notok "render $name --color: only SGR added" "stray ESC"
	else
		ok "render $name --color: only SGR added"
	fi
	# No word of the visible text is lost (checked against the text
	# libxml2 extracts), at either width.
	for w in 80 40; do
		if "$WORDS" "$input" "$w" >"$T/wl" 2>&1; then
			ok "render $name at $w: no word lost"
		else
			notok "render $name at $w: no word lost" \
			    "$(head -c 300 "$T/wl" | tr '\n' '|')"
		fi
	done
done
[ "$n" -ge 50 ] && ok "at least 50 HTML fixtures ($n)" ||
	notok "at least 50 HTML fixtures" "only $n"

# ---- the command line ----------------------------------------------------
printf '<p>Hello <b>world</b></p>' >"$T/hello.html"
expect "render from stdin" 0 '^Hello world$' "$T/out" \
    sh -c '"$ORRERY" render - <"$1"' sh "$T/hello.html"
expect "render without a file" 2 "usage: orrery render" "$T/err" \
    "$ORRERY" render
expect "render --width out of range" 2 "20 to 400" "$T/err" \
    "$ORRERY" render --width 5 "$T/hello.html"
expect "render a missing file" 1 "nope.html: No such file" "$T/err" \
    "$ORRERY" render "$T/nope.html"
expect "render --color: bold is SGR 1" 0 "$(printf '\033')\\[[0-9;]*1[;m]" \
    "$T/out" "$ORRERY" render --color "$T/hello.html"

# Wrapping follows --width: no line of prose is wider (fixtures without
# code or tables, whose lines are never wrapped; the link list's URLs are
# not prose either).
for f in text-long-words-urls list-nested-three-deep inline-semantics \
    blogger-br-soup mastodon-status block-headings-h1-h6; do
	for w in 20 33 57; do
		render "$dir/$f.html" "$w" >"$T/out" 2>/dev/null
		wide=$(python3 -c '
import sys, unicodedata
w = int(sys.argv[2])
def cols(s):
    return sum(0 if unicodedata.combining(c) or c in "\u200b\u200d" else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
n = 0
for l in open(sys.argv[1], encoding="utf-8"):
    l = l.rstrip("\n")
    if l.startswith("[") and "] " in l and l[1:l.index("]")].isdigit():
        break
    n += cols(l) > w
print(n)
' "$T/out" "$w")
		[ "$wide" = 0 ] && ok "render $f --width $w: no line wider" ||
			notok "render $f --width $w: no line wider" \
			    "$wide lines"
	done
done

# ---- show: a stored entry with its header --------------------------------
cat >"$T/feed.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Show Feed</title><link>https://blog.example.org/</link>
<item><title>Decorators, explained</title>
<link>https://blog.example.org/2026/11/decorators.html</link>
<guid>https://blog.example.org/2026/11/decorators.html</guid>
<dc:creator>Ada Example</dc:creator>
<pubDate>Sat, 21 Nov 2026 09:30:00 +0000</pubDate>
<content:encoded><![CDATA[<p>Read <a href="https://blog.example.org/notes.html">the notes</a>
and <a href="https://blog.example.org/notes.html">again</a>.</p>
<pre><code class="language-python">@cache
def f(x):
    return x * 2
</code></pre>]]></content:encoded>
</item></channel></rss>
EOF
cat >"$T/show.ini" <<'EOF'
[general]
default-feed = ""
timezone = utc
EOF
DB=$T/show.db
"$ORRERY" -c "$T/show.ini" -d "$DB" add "file://$T/feed.xml" >/dev/null 2>&1
"$ORRERY" -c "$T/show.ini" -d "$DB" refresh >/dev/null 2>&1
id=$("$ORRERY" -c "$T/show.ini" -d "$DB" list --json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
run "show an entry" 0 "$ORRERY" -c "$T/show.ini" -d "$DB" show "$id" \
    --width 60 && {
	head -n 1 "$T/out" | grep -q '^Decorators, explained$' &&
	    grep -q 'Show Feed' "$T/out" && grep -q 'Ada Example' "$T/out" &&
	    grep -q 'Sat 2026-11-21 09:30 UTC' "$T/out" &&
	    grep -q 'https://blog.example.org/2026/11/decorators.html' \
		"$T/out" &&
	    grep -q '^ *@cache$' "$T/out" &&
	    grep -q '^ *return x \* 2$' "$T/out" &&
	    grep -q 'Read the notes\[1\] and again\[1\]' "$T/out" &&
	    grep -Fxq '[1] https://blog.example.org/notes.html' "$T/out" &&
	    ok "show an entry" ||
	    notok "show an entry" "$(head -c 600 "$T/out" | tr '\n' '|')"
}
expect "show an unknown id" 1 "orrery: .*99999" "$T/err" \
    "$ORRERY" -c "$T/show.ini" -d "$DB" show 99999
expect "show without an id" 2 "usage: orrery show" "$T/err" \
    "$ORRERY" -c "$T/show.ini" -d "$DB" show
