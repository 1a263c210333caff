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

expect "unknown command exits 2" 2 "unknown command: frobnicate" "$T/err" \
    "$ORRERY" frobnicate
grep -q "^usage: orrery" "$T/err" && ok "unknown command prints usage to stderr" ||
	notok "unknown command prints usage to stderr" "$(cat "$T/err")"
[ -s "$T/out" ] && notok "usage errors keep stdout empty" "$(cat "$T/out")" ||
	ok "usage errors keep stdout empty"
expect "unknown option exits 2" 2 "unknown option: --frobnicate" "$T/err" \
    "$ORRERY" --frobnicate
expect "-c without a file exits 2" 2 "needs a file name" "$T/err" \
    "$ORRERY" -c
expect "help for an unknown command exits 2" 2 "unknown command" "$T/err" \
    "$ORRERY" help nope
expect "extra argument to config exits 2" 2 "usage: orrery config" \
    "$T/err" "$ORRERY" config extra

# A broken config stops every command that reads it, before it runs.
printf '[general]\ntimeout = soon\n' >"$T/bad.ini"
expect "a bad config stops parse with exit 1" 1 \
    "bad\.ini:2: timeout" "$T/err" \
    "$ORRERY" -c "$T/bad.ini" parse "$TESTS/parse/rss2-basic.in"
[ -s "$T/out" ] && notok "nothing runs after a config error" "$(cat "$T/out")" ||
	ok "nothing runs after a config error"
expect "--config=FILE form" 1 "bad\.ini:2:" "$T/err" \
    "$ORRERY" --config="$T/bad.ini" config
