# suite_cli: the command line a user meets first: --help, --version,
# dispatch, usage errors (exit 2), config errors before anything runs.
. "$TESTS/lib.sh"

expect "--help prints usage on stdout" 0 "^usage: orrery" "$T/out" \
    "$ORRERY" --help
expect "-h is --help" 0 "^usage: orrery" "$T/out" "$ORRERY" -h
expect "--help lists the parse command" 0 "^  parse " "$T/out" \
    "$ORRERY" --help
expect "--version" 0 "^orrery [0-9]+\.[0-9]+\.[0-9]+$" "$T/out" \
    "$ORRERY" --version
expect "-V is --version" 0 "^orrery [0-9]" "$T/out" "$ORRERY" -V
expect "version command" 0 "^orrery [0-9]" "$T/out" "$ORRERY" version
expect "help COMMAND" 0 "^usage: orrery parse FILE" "$T/out" \
    "$ORRERY" help parse
expect "COMMAND --help" 0 "^usage: orrery config" "$T/out" \
    "$ORRERY" config --help

expect "unknown command exits 2" 2 \
    "^orrery: no such command: frobnicate \(orrery --help lists them\)$" \
    "$T/err" "$ORRERY" frobnicate
[ "$(lines "$T/err")" = 1 ] && ok "unknown command is one line" ||
	notok "unknown command is one line" "$(cat "$T/err")"
[ -s "$T/out" ] && notok "usage errors keep stdout empty" "$(cat "$T/out")" ||
	ok "usage errors keep stdout empty"
expect "unknown option exits 2" 2 \
    "^orrery: unknown option: --frobnicate \(orrery --help lists them\)$" \
    "$T/err" "$ORRERY" --frobnicate
expect "-c without a file exits 2" 2 "needs a file name" "$T/err" \
    "$ORRERY" -c
expect "help for an unknown command exits 2" 2 \
    "^orrery: no such command: nope \(orrery --help lists them\)$" \
    "$T/err" "$ORRERY" help nope
expect "extra argument to config exits 2" 2 "usage: orrery config" \
    "$T/err" "$ORRERY" config extra
expect "a command's unknown option is named" 2 \
    "^orrery list: unknown option: --frobnicate$" "$T/err" \
    "$ORRERY" list --frobnicate
expect "a global option after the command says where it goes" 2 \
    "^orrery list: -d goes before the command \(orrery -d FILE list \.\.\.\)$" \
    "$T/err" "$ORRERY" list -d x.db
expect "the reader without a terminal points to the commands" 1 \
    "^orrery: the reader needs a terminal; for scripts use the commands: orrery --help$" \
    "$T/err" "$ORRERY" -d "$T/reader.db"

# Every command has a usage, the same from `CMD --help` and `help CMD`,
# and every option its usage line names is one the command takes.
for cmd in $("$ORRERY" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
	[ "$cmd" = help ] || [ "$cmd" = version ] && continue
	expect "$cmd --help prints its usage" 0 "^usage: orrery $cmd" "$T/out" \
	    "$ORRERY" "$cmd" --help
	cmp -s "$T/out" <("$ORRERY" help "$cmd") &&
		ok "help $cmd is $cmd --help" ||
		notok "help $cmd is $cmd --help" "$(cat "$T/out")"
	bad=""
	for opt in $(head -n 1 "$T/out" | grep -oE -- '--[a-z][a-z-]*'); do
		"$ORRERY" --offline -c /dev/null -d "$T/opts.db" "$cmd" "$opt" \
		    </dev/null >/dev/null 2>"$T/err"
		grep -q "unknown option" "$T/err" && bad="$bad $opt"
	done
	[ -z "$bad" ] && ok "$cmd takes the options its usage names" ||
		notok "$cmd takes the options its usage names" "refused:$bad"
done

# A broken config stops every command that reads it, before it runs.
printf '[general]\ntimeout = soon\n' >"$T/bad.ini"
expect "a bad config stops parse with exit 1" 1 \
    "bad\.ini:2: timeout" "$T/err" \
    "$ORRERY" -c "$T/bad.ini" parse "$TESTS/parse/rss2-basic.in"
[ -s "$T/out" ] && notok "nothing runs after a config error" "$(cat "$T/out")" ||
	ok "nothing runs after a config error"
expect "--config=FILE form" 1 "bad\.ini:2:" "$T/err" \
    "$ORRERY" --config="$T/bad.ini" config

# Standard output that cannot be written (a full disk, a closed stdout)
# fails every command with exit 1 and one line on stderr; /dev/null is
# fine.  The store has entries so that each command has lines to print.
fstore="$T/full.db"
"$ORRERY" -c /dev/null -d "$fstore" add "file://$TESTS/parse/rss2-basic.in" \
    >/dev/null 2>&1 &&
	"$ORRERY" -c /dev/null -d "$fstore" refresh >/dev/null 2>&1
WERR="orrery: standard output: write error"
# full NAME ARGS...: `orrery ARGS` exits 1 with exactly $WERR on stderr
# with stdout on /dev/full, and 0 with an empty stderr on /dev/null.
full() {
	_name="$1 to a full stdout"
	shift
	"$ORRERY" -c /dev/null -d "$fstore" "$@" >/dev/full 2>"$T/err"
	_got=$?
	if [ "$_got" != 1 ] || [ "$(cat "$T/err")" != "$WERR" ]; then
		notok "$_name" "exit $_got, stderr: $(head -c 300 "$T/err")"
		return
	fi
	"$ORRERY" -c /dev/null -d "$fstore" "$@" >/dev/null 2>"$T/err"
	_got=$?
	if [ "$_got" != 0 ] || [ -s "$T/err" ]; then
		notok "$_name" "to /dev/null: exit $_got, stderr: $(head -c 300 "$T/err")"
		return
	fi
	ok "$_name"
}
if [ ! -w /dev/full ]; then
	notok "/dev/full is writable" "the write error tests need it"
else
	full export export
	full feeds feeds
	full "feeds --json" feeds --json
	full list list
	full "list --json" list --json
	full "list --sources" list --sources
	full search search post
	full show show 1
	full parse parse "$TESTS/parse/rss2-basic.in"
	full render render "$TESTS/parse/rss2-basic.in"
	full config config
	full help help
	full "help COMMAND" help parse
	full "COMMAND --help" list --help
	full version version
	full --help --help
	full --version --version
	full "refresh --force" refresh --force
	full vacuum vacuum
	"$ORRERY" -c /dev/null -d "$fstore" list >&- 2>"$T/err"
	_got=$?
	[ "$_got" = 1 ] && [ "$(cat "$T/err")" = "$WERR" ] &&
		ok "list to a closed stdout" ||
		notok "list to a closed stdout" "exit $_got: $(cat "$T/err")"
	# A pipe whose reader has left (orrery parse ... | head) is no
	# error to report: the reader wanted no more.  The reader here is
	# gone before orrery starts: fd 5 writes to a FIFO whose only
	# reader (fd 4, opened read-write so that the open does not block)
	# is closed first.
	mkfifo "$T/fifo"
	exec 4<>"$T/fifo" 5>"$T/fifo"
	exec 4<&-
	"$ORRERY" -c /dev/null -d "$fstore" parse \
	    "$TESTS/parse/rss2-basic.in" >&5 2>"$T/err"
	_got=$?
	exec 5>&-
	[ "$_got" = 1 ] && [ ! -s "$T/err" ] &&
		ok "a pipe whose reader left: exit 1, nothing said" ||
		notok "a pipe whose reader left: exit 1, nothing said" \
		    "exit $_got: $(cat "$T/err")"
	# A command that failed keeps its own status and message.
	"$ORRERY" -c /dev/null -d "$fstore" show 999 >/dev/full 2>"$T/err"
	_got=$?
	[ "$_got" = 1 ] && [ "$(lines "$T/err")" = 1 ] &&
		grep -q "^orrery: no entry with id 999" "$T/err" &&
		ok "a failed command's own error stands on a full stdout" ||
		notok "a failed command's own error stands on a full stdout" \
		    "exit $_got: $(cat "$T/err")"
	"$ORRERY" -c /dev/null -d "$fstore" list --frobnicate \
	    >/dev/full 2>"$T/err"
	_got=$?
	[ "$_got" = 2 ] && ! grep -q "write error" "$T/err" &&
		ok "a usage error keeps exit 2 on a full stdout" ||
		notok "a usage error keeps exit 2 on a full stdout" \
		    "exit $_got: $(cat "$T/err")"
fi
# A read-only command on a store that is not there creates nothing.
for c in list "search word" "show 1" feeds export; do
	rm -rf "$T/ro"
	mkdir "$T/ro"
	# shellcheck disable=SC2086
	expect "$c on a missing store exits 1 and says so" 1 \
	    "^orrery: no store at $T/ro/dir/x\.db: subscribe with orrery add URL\$" \
	    "$T/err" "$ORRERY" -d "$T/ro/dir/x.db" $c
	[ -z "$(ls -A "$T/ro")" ] &&
		ok "$c on a missing store creates no file or directory" ||
		notok "$c on a missing store creates no file or directory" \
		    "$(ls -A "$T/ro")"
done

# One subscription, however the scheme, host and default port are spelt.
rm -f "$T/same.db"
"$ORRERY" -d "$T/same.db" --offline add http://host/feed >/dev/null 2>&1
expect "add: the same URL with another case and port 80" 0 \
    "^already subscribed: 1 http://host/feed$" "$T/out" \
    "$ORRERY" -d "$T/same.db" --offline add HTTP://Host:80/feed
"$ORRERY" -d "$T/same.db" --offline add https://Host/a >/dev/null 2>&1
expect "add: https with port 443" 0 "^already subscribed: 2 https://Host/a$" \
    "$T/out" "$ORRERY" -d "$T/same.db" --offline add https://host:443/a
expect "add: another port is another feed" 0 "^added feed 3: " "$T/out" \
    "$ORRERY" -d "$T/same.db" --offline add http://host:8080/feed
run "feeds lists each subscription once" 0 \
    "$ORRERY" -d "$T/same.db" feeds --urls &&
	if [ "$(lines "$T/out")" = 3 ] && [ "$(grep -c '://host/feed$' "$T/out")" = 1 ]; then
		ok "feeds lists each subscription once"
	else
		notok "feeds lists each subscription once" "$(cat "$T/out")"
	fi

# remove says "1 entry"; refresh's progress on a terminal leaves out
# "· 0 errors" (as the reader does) and counts errors once there are.
cat >"$T/one.xml" <<'XML'
<rss version="2.0"><channel><title>One</title><link>http://one.test/</link>
<item><title>Only</title><link>http://one.test/1</link><guid>one-1</guid></item>
</channel></rss>
XML
C() { "$ORRERY" -d "$T/one.db" "$@"; }
C add "file://$T/one.xml" >/dev/null
C refresh >/dev/null 2>&1
expect "remove says how many entries, 1 entry in the singular" 0 \
    "^removed feed [0-9]+: file://$T/one.xml \(1 entry\)$" "$T/out" \
    C remove "file://$T/one.xml"
C add "file://$T/one.xml" >/dev/null
C add "file://$T/none.xml" >/dev/null
script -qec "'$ORRERY' -d '$T/one.db' refresh 'file://$T/one.xml'" /dev/null \
    >"$T/tty" 2>&1
if grep -q '1/1 feeds' "$T/tty" && ! grep -q 'error' "$T/tty"; then
	ok "refresh on a terminal: progress without '· 0 errors'"
else
	notok "refresh on a terminal: progress without '· 0 errors'" \
	    "$(tr '\r\033' '|~' <"$T/tty" | head -c 300)"
fi
script -qec "'$ORRERY' -d '$T/one.db' refresh" /dev/null >"$T/tty" 2>&1
if grep -q '2/2 feeds · 1 error' "$T/tty"; then
	ok "refresh on a terminal counts an error once there is one"
else
	notok "refresh on a terminal counts an error once there is one" \
	    "$(tr '\r\033' '|~' <"$T/tty" | head -c 300)"
fi
