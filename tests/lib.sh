# tests/lib.sh: helpers for the shell test suites, sourced by each
# tests/suite_*.sh.  A suite prints one line per case, "ok - NAME" or
# "not ok - NAME: why"; tests/run.sh counts them.  Suites use only
# loopback and files under $T (a private temporary directory).
#
# Environment from tests/run.sh: ORRERY (the binary under test), TESTS
# (the tests directory), T (a fresh temporary directory for this suite).

: "${ORRERY:?ORRERY must name the binary under test}"
: "${TESTS:?TESTS must name the tests directory}"
: "${T:?T must name a temporary directory}"

# Keep every suite away from the user's real files and locale quirks.
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
    XDG_DATA_HOME="$T/home/.local/share" LC_ALL=C.UTF-8 TZ=UTC
unset BROWSER NO_COLOR
mkdir -p "$HOME"

ok() { printf 'ok - %s\n' "$1"; }
notok() { printf 'not ok - %s: %s\n' "$1" "$2"; }

# run NAME EXPECTED_STATUS CMD...: run CMD with stdout in $T/out and
# stderr in $T/err; report a failure (and return 1) when the exit
# status differs from EXPECTED_STATUS.
run() {
	_name=$1 _want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	_got=$?
	if [ "$_got" -ne "$_want" ]; then
		notok "$_name" "exit $_got, want $_want; stderr: $(head -c 300 "$T/err")"
		return 1
	fi
	return 0
}

# expect NAME EXPECTED_STATUS PATTERN FILE CMD...: run CMD, then require
# that FILE ($T/out or $T/err) matches the extended regex PATTERN.
expect() {
	_n=$1 _s=$2 _p=$3 _f=$4
	shift 4
	run "$_n" "$_s" "$@" || return 1
	if grep -Eq -- "$_p" "$_f"; then
		ok "$_n"
	else
		notok "$_n" "/$_p/ not in $(basename "$_f"): $(head -c 300 "$_f")"
	fi
}

# lines FILE: number of lines in FILE
lines() { wc -l <"$1" | tr -d ' '; }

# need TOOL...: fail the suite (one "not ok" line, exit 1) unless every
# TOOL is installed; scripts/install-deps installs them all.
need() {
	for _tool in "$@"; do
		if ! command -v "$_tool" >/dev/null 2>&1; then
			notok "$_tool is installed" \
			    "this suite needs $_tool (scripts/install-deps installs it)"
			exit 1
		fi
	done
}

# start_httpd ROOT [SECONDS]: tests/httpd.py on 127.0.0.1 serving ROOT by
# the routes in $T/routes, logging to $T/http.log; sets SERVER_PID and
# PORT once it listens (the suite kills SERVER_PID when it ends), else
# fails the suite.
start_httpd() {
	: >"$T/http.log"
	python3 "$TESTS/httpd.py" --bind 127.0.0.1 --root "$1" \
	    --routes "$T/routes" --log "$T/http.log" --port-file "$T/port" \
	    --max-seconds "${2:-600}" 2>"$T/httpd.stderr" &
	SERVER_PID=$!
	_i=0
	while [ ! -s "$T/port" ] && [ "$_i" -lt 200 ]; do
		_i=$((_i + 1))
		sleep 0.05
	done
	if [ ! -s "$T/port" ]; then
		notok "the test server listens on 127.0.0.1" \
		    "$(head -c 300 "$T/httpd.stderr")"
		exit 1
	fi
	PORT=$(cat "$T/port")
}
