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
SOCK=ro$$
export TMUX_TMPDIR=$T
unset TMUX TMUX_PANE
cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	if [ "$ROOT" = 1 ]; then
		umount "$D" 2>/dev/null
	else
		chmod 0755 "$D"
	fi
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ]; then
	if ! mount -t tmpfs -o size=4m tmpfs "$D" 2>/dev/null; then
		ok "read-only store # SKIP root, but cannot mount a tmpfs"
		exit 0
	fi
	ROOT=1
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
expect "mark on a read-only store says the store is read-only" 1 \
    'mark: the store is read-only' "$T/err" orr mark read 1
expect "add to a read-only store says the store is read-only" 1 \
    'the store is read-only' "$T/err" orr add "file://$TESTS/fetch/atom-five.xml"

# The reader with --offline shows the store, and the first mark says it
# is read-only.  tmux on a private socket, polled, killed at the end.
need tmux
tmux -L "$SOCK" new-session -d -x 100 -y 20 \
    "TERM=screen-256color $ORRERY -c $CFG -d $DB --offline; sleep 60"
# poll TEXT: up to 10 s for TEXT on the screen
poll() {
	for _i in $(seq 100); do
		tmux -L "$SOCK" capture-pane -p >"$T/screen" 2>/dev/null
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1
	done
	return 1
}
if poll "Post number 20"; then
	ok "the reader opens a read-only store"
else
	notok "the reader opens a read-only store" "$(tail -n 3 "$T/screen")"
fi
tmux -L "$SOCK" send-keys u
if poll "the store is read-only"; then
	ok "the reader's first mark says the store is read-only"
else
	notok "the reader's first mark says the store is read-only" \
	    "$(tail -n 2 "$T/screen")"
fi
tmux -L "$SOCK" send-keys Q
