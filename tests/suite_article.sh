# suite_article: `orrery render --article PAGE` extracts the article from
# a whole web page, as a reader view does.  tests/article/NAME.html is a
# page in the shape of a blog engine Planet Python authors use (WordPress,
# Blogger, Hugo, Substack, Sphinx/Read the Docs) with real boilerplate
# around a post with code; NAME.present holds phrases of the article
# (each must be in the rendering), NAME.code lines of its code (each must
# be a line of it, verbatim), NAME.absent phrases of the boilerplate
# (none may be in it).
. "$TESTS/lib.sh"

dir=$TESTS/article
n=0
for page in "$dir"/*.html; do
	name=$(basename "$page" .html)
	n=$((n + 1))
	if ! "$ORRERY" render --article --width 200 "$page" >"$T/out" 2>"$T/err"; then
		notok "article $name" "exit $?: $(head -c 200 "$T/err")"
		continue
	fi
	miss=
	while IFS= read -r l; do
		grep -Fq -- "$l" "$T/out" || miss="$miss [$l]"
	done <"$dir/$name.present"
	[ -z "$miss" ] && ok "article $name: the article's words are there" ||
		notok "article $name: the article's words are there" "missing:$miss"
	miss=
	while IFS= read -r l; do
		grep -Fxq -- "  $l" "$T/out" || miss="$miss [$l]"
	done <"$dir/$name.code"
	[ -z "$miss" ] && ok "article $name: code verbatim" ||
		notok "article $name: code verbatim" "missing:$miss"
	extra=
	while IFS= read -r l; do
		grep -Fq -- "$l" "$T/out" && extra="$extra [$l]"
	done <"$dir/$name.absent"
	[ -z "$extra" ] && ok "article $name: no boilerplate" ||
		notok "article $name: no boilerplate" "present:$extra"
done
[ "$n" -ge 5 ] && ok "five engine shapes ($n)" || notok "five engine shapes" "$n"

# --base resolves the article's links; --width wraps it.
expect "render --article --base resolves links" 0 \
    '^\[1\] https://blog\.example\.org/posts/docs/settings/$' "$T/out" \
    "$ORRERY" render --article --base https://blog.example.org/posts/typed/ \
    "$dir/hugo.html"
"$ORRERY" render --article --width 40 "$dir/hugo.html" >"$T/out" 2>&1
python3 -c '
import sys
sys.exit(any(len(l.rstrip("\n")) > 40 and not l.startswith("  ")
             and "\u2502" not in l and not l.startswith("[")
             for l in open(sys.argv[1], encoding="utf-8")))' "$T/out" &&
	ok "render --article --width 40 wraps prose" ||
	notok "render --article --width 40 wraps prose" "$(head -c 300 "$T/out")"

# Pages with no article: one line, exit 1.
printf '<html><body><nav><a href="/">Home</a></nav><p>Hi.</p></body></html>' \
    >"$T/empty.html"
expect "a page with no article: one clear line" 1 \
    "^orrery: .*empty\\.html: no article found on the page\$" "$T/err" \
    "$ORRERY" render --article "$T/empty.html"
[ "$(lines "$T/err")" = 1 ] && [ ! -s "$T/out" ] &&
	ok "no article: nothing on standard output" ||
	notok "no article: nothing on standard output" "$(cat "$T/out")"

# Hostile pages end, and keep their article: 5000 nested divs around it,
# and 5 MB of link-heavy boilerplate beside it.
python3 - "$T" <<'EOF2'
import sys
t = sys.argv[1]
art = ("<p>" + "The real article sentence, with commas, keeps going here. " * 4
       + "</p>") * 6
with open(t + "/deep.html", "w") as f:
    f.write("<html><body>" + "<div>" * 5000 + "<article>" + art +
            "</article>" + "</div>" * 5000 + "</body></html>")
with open(t + "/big.html", "w") as f:
    f.write("<html><body><article>" + art + "</article><div class='sidebar'>")
    f.write("<ul>" + "<li><a href='/x'>boilerplate link</a></li>" * 120000 +
            "</ul></div></body></html>")
EOF2
for p in deep big; do
	run "a hostile page ($p) ends" 0 "$ORRERY" render --article "$T/$p.html" &&
		grep -q 'The real article sentence' "$T/out" &&
		! grep -q 'boilerplate link' "$T/out" &&
		ok "a hostile page ($p) keeps its article" ||
		notok "a hostile page ($p) keeps its article" "$(head -c 300 "$T/out" "$T/err")"
done
