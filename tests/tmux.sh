# tests/tmux.sh: the tmux harness the reader's suites share (suite_tui,
# suite_reader, suite_article_tui), sourced after tests/lib.sh.  The real
# binary runs in tmux on a private socket (one server per start, named
# after the suite and this shell's pid, killed at the end even on
# failure), keys go in with send-keys, and every check polls capture-pane
# until what the user should see is there (or 10 s pass): no fixed sleep
# stands in for a check.
# TZ=UTC and LANG=C.UTF-8 in the pane, TERM=screen-256color.
#
# Each reader runs under $T/pane.sh, which waits until pipe-pane records
# the pane's raw output, runs orrery, then prints "EXIT:STATUS" and the tty
# modes it left behind ("TTY:icanon echo ...") and stays, so the exit
# status, whatever orrery printed to stderr and the restored terminal can be
# checked.
#
# Set before sourcing: UI_NAME (the socket prefix), UI_SIZE (the default
# WxH of start_ui), UI_CLIPBOARD (tmux's set-clipboard for each start;
# empty leaves tmux's default).  UI_JOBS=1 before a start_ui: job control
# in the pane (see pane.sh).  The suite sets DB and CFG before start_ui.

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    ftp_proxy FTP_PROXY TMUX TMUX_PANE DISPLAY WAYLAND_DISPLAY
export no_proxy='*' NO_PROXY='*'
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
# tmux puts its sockets under $TMUX_TMPDIR/tmux-UID: keep them in $T.
export TMUX_TMPDIR="$T"

: "${UI_NAME:=orrery-ui}" "${UI_SIZE:=100x40}"

need tmux python3

# ---- clean-up: every tmux server this run started, and the HTTP server ----

SOCKS=
SERVER_PID=
cleanup() {
	for _s in $SOCKS; do
		tmux -L "$_s" kill-server >/dev/null 2>&1
	done
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# routes JSON: replace the HTTP server's routes (it re-reads them per
# request)
routes() {
	printf '%s\n' "$1" >"$T/routes.tmp" && mv "$T/routes.tmp" "$T/routes"
}

cat >"$T/pane.sh" <<'PANE'
# pane.sh GO CMD...: wait until the suite has pipe-pane recording (GO
# exists), run CMD in the test locale, report how it ended, and stay.
go=$1
shift
while [ ! -e "$go" ]; do
	sleep 0.05
done
# UI_JOBS=1: job control, as under an interactive shell: orrery runs in
# a process group of its own, so Ctrl-Z stops it (the kernel does not
# stop an orphaned group, which the pane's own is); the pane then says
# STOPPED, and GO.fg (ui_fg) brings it back with fg.
[ "${UI_JOBS:-}" = 1 ] && set -m
env TERM=screen-256color TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@"
st=$?
while [ "${UI_JOBS:-}" = 1 ] && [ "$st" -eq 148 ]; do
	echo "STOPPED"
	while [ ! -e "$go.fg" ]; do
		sleep 0.05
	done
	rm -f "$go.fg"
	fg >/dev/null
	st=$?
done
echo "EXIT:$st"
echo "TTY:$(stty -a | tr ' ;' '\n\n' | grep -Ex -- '-?(icanon|echo|isig|icrnl|opost)' | tr '\n' ' ')"
exec sleep 600
PANE

NS=0
S=
RAW=
tm() { tmux -L "$S" "$@"; }

# start_ui [WxH] [ORRERY ARGS...]: orrery -d $DB -c $CFG ARGS in a new tmux
# server of its own (W x H, $UI_SIZE unless given); its raw output is
# recorded in $RAW from the first byte
start_ui() {
	_w=${UI_SIZE%x*} _h=${UI_SIZE#*x}
	case ${1:-} in
	[0-9]*x[0-9]*)
		_w=${1%x*} _h=${1#*x}
		shift
		;;
	esac
	NS=$((NS + 1))
	S=$UI_NAME-$$-$NS
	SOCKS="$SOCKS $S"
	RAW=$T/raw.$NS
	: >"$RAW"
	_go=$T/go.$NS
	_cmd="UI_JOBS='${UI_JOBS:-}' sh '$T/pane.sh' '$_go' '$ORRERY' -d '$DB' -c '$CFG'"
	for _a in "$@"; do
		_cmd="$_cmd '$_a'"
	done
	SHELL=/bin/sh tmux -L "$S" -f /dev/null \
	    new-session -d -x "$_w" -y "$_h" "$_cmd" || return 1
	tm set -g window-size manual >/dev/null
	if [ -n "${UI_CLIPBOARD:-}" ]; then
		tm set -g set-clipboard "$UI_CLIPBOARD" >/dev/null
	fi
	tm set -g remain-on-exit on >/dev/null
	tm pipe-pane -o "cat >>'$RAW'"
	: >"$_go"
}
# ui_fg: after Ctrl-Z under UI_JOBS=1, fg the reader
ui_fg() { : >"$T/go.$NS.fg"; }
# stop_ui: kill this reader's tmux server
stop_ui() {
	tm kill-server >/dev/null 2>&1
}

keys() { tm send-keys "$@"; }
# screen: the pane as text; screen_e: with attributes
screen() { tm capture-pane -p; }
screen_e() { tm capture-pane -p -e; }
last_row() { screen | tail -n 1; }

# poll CMD...: run CMD every 0.1 s until it succeeds (10 s at most; TIMEOUT
# in the environment changes that); the screen last seen is in $T/screen
poll() {
	_n=$((${TIMEOUT:-10} * 10))
	while :; do
		"$@" && return 0
		_n=$((_n - 1))
		[ "$_n" -le 0 ] && break
		sleep 0.1
	done
	screen >"$T/screen" 2>&1
	return 1
}
_has() { screen >"$T/screen" && grep -qF -- "$1" "$T/screen"; }
_hasnt() { screen >"$T/screen" && ! grep -qF -- "$1" "$T/screen"; }
_last_has() { screen >"$T/screen" && tail -n 1 "$T/screen" | grep -qF -- "$1"; }
# _title_has REGEX: the title line (row 0) matches REGEX
_title_has() { screen >"$T/screen" && head -n 1 "$T/screen" | grep -q -- "$1"; }
# wait_for TEXT [SECONDS], wait_gone TEXT [SECONDS]
wait_for() { TIMEOUT=${2:-10} poll _has "$1"; }
wait_gone() { TIMEOUT=${2:-10} poll _hasnt "$1"; }

# fail NAME WHY: not ok, with the last screen seen
fail() {
	notok "$1" "$2"
	screen >"$T/screen" 2>&1
	sed 's/^/    | /' "$T/screen"
}

# expect_screen NAME TEXT, expect_gone NAME TEXT: ok when TEXT shows (is
# gone) within 10 s; expect_status NAME TEXT: when the status line has it
expect_screen() {
	if wait_for "$2"; then ok "$1"; else fail "$1" "no '$2' on the screen"; fi
}
expect_gone() {
	if wait_gone "$2"; then ok "$1"; else fail "$1" "'$2' still on the screen"; fi
}
expect_status() {
	if poll _last_has "$2"; then ok "$1"; else
		fail "$1" "status line: $(tail -n 1 "$T/screen")"; fi
}
