# suite_parse: `orrery parse` against the fixture corpus in tests/parse/.
# Each NAME.in is a feed; NAME.want the expected JSON (compared by
# jsoneq, "<any>" matching any non-empty string); NAME.args extra
# arguments; NAME.err a word the one-line error must contain (exit 1).
. "$TESTS/lib.sh"

JSONEQ="$UNITDIR/jsoneq"
dir="$TESTS/parse"

for input in "$dir"/*.in; do
	name=$(basename "$input" .in)
	args=""
	[ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
	if [ -f "$dir/$name.err" ]; then
		# shellcheck disable=SC2086
		run "parse $name" 1 "$ORRERY" parse "$input" $args || continue
		want=$(cat "$dir/$name.err")
		if [ "$(lines "$T/err")" != 1 ]; then
			notok "parse $name" "error is not one line: $(cat "$T/err")"
		elif ! grep -qiF -- "$want" "$T/err"; then
			notok "parse $name" "error lacks \"$want\": $(cat "$T/err")"
		elif [ -s "$T/out" ]; then
			notok "parse $name" "printed to stdout on error"
		else
			ok "parse $name"
		fi
		continue
	fi
	# shellcheck disable=SC2086
	run "parse $name" 0 "$ORRERY" parse "$input" $args || continue
	if [ -s "$T/err" ]; then
		notok "parse $name" "wrote to stderr: $(head -c 200 "$T/err")"
	elif ! "$JSONEQ" "$T/out" "$dir/$name.want" >"$T/diff"; then
		notok "parse $name" "$(cat "$T/diff")"
	else
		ok "parse $name"
	fi
done

# The same feed from stdin gives the same result.
run "parse from stdin" 0 "$ORRERY" parse - <"$dir/rss2-basic.in" &&
	if "$JSONEQ" "$T/out" "$dir/rss2-basic.want" >"$T/diff"; then
		ok "parse from stdin"
	else
		notok "parse from stdin" "$(cat "$T/diff")"
	fi

# A missing file: exit 1, one line naming the file.
expect "parse missing file" 1 "nope\.xml: No such file" "$T/err" \
    "$ORRERY" parse "$T/nope.xml"
[ "$(lines "$T/err")" = 1 ] && ok "missing file error is one line" ||
	notok "missing file error is one line" "$(cat "$T/err")"

# Usage errors exit 2.
expect "parse without a file" 2 "usage: orrery parse" "$T/err" \
    "$ORRERY" parse
expect "parse unknown option" 2 "usage: orrery parse" "$T/err" \
    "$ORRERY" parse --frobnicate "$dir/rss2-basic.in"

# Input over max-feed-size is refused without being parsed.
printf '[general]\nmax-feed-size = 1\n' >"$T/small.ini"
{
	printf '<rss version="2.0"><channel><title>Big</title>'
	head -c 1200000 /dev/zero | tr '\0' 'x'
	printf '</channel></rss>'
} >"$T/big.xml"
expect "parse refuses input over max-feed-size" 1 "max-feed-size" "$T/err" \
    "$ORRERY" -c "$T/small.ini" parse "$T/big.xml"
expect "parse reads input under the default cap" 0 '"title": "Big"' \
    "$T/out" "$ORRERY" parse "$T/big.xml"

# Hash identities are stable across runs and differ between entries.
cat >"$T/noid.xml" <<'XML'
<rss version="2.0"><channel><title>T</title>
<item><title>One</title><description>a</description></item>
<item><title>Two</title><description>b</description></item>
</channel></rss>
XML
"$ORRERY" parse "$T/noid.xml" | grep '"id"' >"$T/ids1"
"$ORRERY" parse "$T/noid.xml" | grep '"id"' >"$T/ids2"
if cmp -s "$T/ids1" "$T/ids2" && [ "$(sort -u "$T/ids1" | wc -l)" = 2 ]; then
	ok "hash ids are stable and distinct"
else
	notok "hash ids are stable and distinct" "$(cat "$T/ids1" "$T/ids2")"
fi

# libxml2 must never load a DTD or an external entity: the reference
# names a file that exists, and its content must not appear.
printf 'SECRET-CONTENT' >"$T/secret.txt"
cat >"$T/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://$T/secret.txt">]>
<rss version="2.0"><channel><title>X &xxe; Y</title>
<item><title>a &xxe;</title><link>http://example.org/a</link></item>
</channel></rss>
XML
run "external entities are never loaded" 0 "$ORRERY" parse "$T/xxe.xml" &&
	if grep -q SECRET "$T/out"; then
		notok "external entities are never loaded" "$(cat "$T/out")"
	else
		ok "external entities are never loaded"
	fi

# Entity expansion bombs end quickly and do not blow up.
{
	printf '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a0 "xxxxxxxxxx">\n'
	for i in 1 2 3 4 5 6 7 8 9; do
		p=$((i - 1))
		printf '<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">\n' \
		    $i $p $p $p $p $p $p $p $p $p $p
	done
	printf ']>\n<rss version="2.0"><channel><title>&a9;</title></channel></rss>\n'
} >"$T/bomb.xml"
if timeout 20 "$ORRERY" parse "$T/bomb.xml" >"$T/out" 2>"$T/err" &&
    [ "$(wc -c <"$T/out")" -lt 10000000 ]; then
	ok "entity expansion bomb is contained"
elif [ $? -eq 1 ] && [ "$(lines "$T/err")" = 1 ]; then
	ok "entity expansion bomb is contained"
else
	notok "entity expansion bomb is contained" "$(head -c 200 "$T/err")"
fi

# Hostile bytes: every prefix-truncation of a feed parses without crashing.
src="$dir/rss2-basic.in"
size=$(wc -c <"$src")
bad=0
i=1
while [ $i -lt "$size" ]; do
	head -c $i "$src" >"$T/cut.xml"
	"$ORRERY" parse "$T/cut.xml" >/dev/null 2>"$T/err"
	st=$?
	if [ $st -gt 1 ]; then
		bad=$i
		break
	fi
	i=$((i + 7))
done
[ $bad = 0 ] && ok "truncations of a feed never crash" ||
	notok "truncations of a feed never crash" "at $bad bytes: $(cat "$T/err")"
