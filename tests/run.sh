#!/bin/bash
# tests/run.sh: run every test and print one summary line, last:
# "N passed, N failed".  Exits 1 when anything failed or nothing ran.
#
# Environment: ORRERY (the binary under test), UNITDIR (where the unit
# test programs built from tests/*.c live).  Suites are tests/suite_*.sh;
# unit programs are $UNITDIR/unit_*.  Each prints "ok - NAME" or
# "not ok - NAME: why" per case; anything else it prints is passed through.
# A suite or program that exits non-zero without reporting a failure
# (a crash, a sanitizer report) counts as one failure.
#
#   tests/run.sh [PATTERN...]   only suites/programs whose name contains
#                               one of the PATTERNs (all without one)
set -u

here=$(cd "$(dirname "$0")" && pwd)
: "${ORRERY:=$here/../orrery}"
: "${UNITDIR:=$here/../build/tests}"
export ORRERY UNITDIR TESTS="$here"
filters=("$@")

passed=0
failed=0
tmproot=$(mktemp -d "${TMPDIR:-/tmp}/orrery-tests.XXXXXX")
trap 'rm -rf "$tmproot"' EXIT

# wanted NAME: does NAME contain one of the patterns (or are there none)?
wanted() {
	[ ${#filters[@]} -eq 0 ] && return 0
	for pat in "${filters[@]}"; do
		case "$1" in *"$pat"*) return 0 ;; esac
	done
	return 1
}

run_one() {
	name=$1
	shift
	wanted "$name" || return
	T="$tmproot/$name"
	mkdir -p "$T"
	export T
	"$@" >"$T.log" 2>"$T.stderr"
	status=$?
	p=$(grep -c '^ok - ' "$T.log")
	f=$(grep -c '^not ok - ' "$T.log")
	grep -v '^ok - ' "$T.log"
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name: exited $status"
		sed 's/^/    /' "$T.stderr" | head -n 40
		f=1
	elif [ "$f" -ne 0 ] && [ -s "$T.stderr" ]; then
		sed 's/^/    /' "$T.stderr" | head -n 20
	fi
	echo "# $name: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
}

if [ ! -x "$ORRERY" ]; then
	echo "not ok - binary: $ORRERY is not built"
	failed=$((failed + 1))
fi
for prog in "$UNITDIR"/unit_*; do
	[ -x "$prog" ] || continue
	case "$prog" in *.d) continue ;; esac
	run_one "$(basename "$prog")" "$prog"
done
for suite in "$here"/suite_*.sh; do
	[ -f "$suite" ] || continue
	run_one "$(basename "$suite" .sh)" bash "$suite"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
