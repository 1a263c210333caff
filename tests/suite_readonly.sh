# suite_readonly: a store in a directory that cannot be written (a
# read-only tmpfs when running as root, who may write anywhere else; a
# mode 0555 directory otherwise).  The read-only commands open it
# read-only and work; nothing is made beside it.
. "$TESTS/lib.sh"

CFG=$T/config.ini
printf '[general]\ndefault-feed = ""\n' >"$CFG"
D=$T/ro
mkdir -p "$D"
ROOT=0
if [ "$(id -u)" = 0 ]; then
	if ! mount -t tmpfs -o size=4m tmpfs "$D" 2>/dev/null; then
		ok "read-only store # SKIP root, but cannot mount a tmpfs"
		exit 0
	fi
	ROOT=1
	trap 'umount "$D" 2>/dev/null' EXIT
fi
DB=$D/orrery.db
orr() { "$ORRERY" -c "$CFG" -d "$DB" "$@"; }
orr add "file://$TESTS/fetch/rss20-items.xml" >/dev/null &&
	orr refresh >/dev/null ||
	notok "the fixture store" "add or refresh failed"
if [ "$ROOT" = 1 ]; then
	mount -o remount,ro "$D"
else
	chmod 0555 "$D"
	trap 'chmod 0755 "$D"' EXIT
fi
before=$(ls -a "$D" | tr '\n' ' ')

run "list on a read-only store" 0 orr list &&
	[ "$(lines "$T/out")" = 20 ] && ok "list on a read-only store" ||
	notok "list on a read-only store" "$(head -c 300 "$T/out") $(head -c 300 "$T/err")"
expect "list --json on a read-only store" 0 '"title"' "$T/out" orr list --json
expect "feeds on a read-only store" 0 'Twenty Items' "$T/out" orr feeds
expect "export on a read-only store" 0 'xmlUrl=' "$T/out" orr export
expect "show on a read-only store" 0 '.' "$T/out" orr show 1
expect "search on a read-only store" 0 '.' "$T/out" orr search post
[ "$(ls -a "$D" | tr '\n' ' ')" = "$before" ] &&
	ok "nothing is made beside a read-only store" ||
	notok "nothing is made beside a read-only store" \
	    "before: $before; after: $(ls -a "$D" | tr '\n' ' ')"
orr add "file://$TESTS/fetch/atom-five.xml" >"$T/out" 2>"$T/err" &&
	notok "add to a read-only store fails" "exit 0" ||
	ok "add to a read-only store fails"
