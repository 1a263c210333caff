# suite_tui: the interactive reader, driven the way a user drives it.  The
# real binary runs in tmux on a private socket (one server per start, named
# after this shell's pid, killed at the end even on failure), keys go in with
# send-keys, and every check polls capture-pane until what the user should
# see is there (or 10 s pass): there is no fixed sleep standing in for a
# check.  The feeds are the files in tests/tui/ (fixed 2026 dates), served by
# tests/httpd.py on 127.0.0.1 only; the store is filled headless (add,
# refresh) before the reader starts.  TZ=UTC and LANG=C.UTF-8 in the pane,
# TERM=screen-256color.
#
# Each reader runs under $T/pane.sh, which waits until pipe-pane records
# the pane's raw output, runs orrery, then prints "EXIT:STATUS" and the tty
# modes it left behind ("TTY:icanon echo ...") and stays, so the exit
# status, whatever orrery printed to stderr and the restored terminal can be
# checked.  A failed check prints the screen it saw, indented, after its
# "not ok" line.
. "$TESTS/lib.sh"
UI_NAME=orrery-tui UI_SIZE=100x40 UI_CLIPBOARD=on
. "$TESTS/tmux.sh"

FIX=$TESTS/tui

# ---- the HTTP server ------------------------------------------------------

ROUTES_BASE='
 "/planet.xml": {"file": "planet.xml"},
 "/atom.xml": {"file": "atom.xml", "content_type": "application/atom+xml"},
 "/evil.xml": {"file": "evil.xml"},
 "/missing.xml": {"status": 404},
 "/broken.xml": {"status": 500}'
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live1.xml\"}}"
start_httpd "$FIX"
U=http://127.0.0.1:$PORT

# requests PATH: how many requests for PATH the server has logged
requests() {
	grep -c "\"path\": *\"$1\"" "$T/http.log"
}

# ---- the fixture store ------------------------------------------------------

CFG=$T/config.ini
cat >"$CFG" <<EOF
[general]
refresh-on-start = no
timeout = 5
default-feed = $U/planet.xml
EOF

DB=$T/base.db
for _f in planet atom live evil missing broken; do
	if ! "$ORRERY" -d "$DB" -c "$CFG" add "$U/$_f.xml" >"$T/out" 2>"$T/err"; then
		notok "the fixture store" "add $_f: $(head -c 300 "$T/err")"
		exit 1
	fi
done
"$ORRERY" -d "$DB" -c "$CFG" refresh >"$T/out" 2>"$T/err"
_want="6 feeds: 4 fetched, 0 not modified, 2 failed, 10 new entries"
if [ "$(cat "$T/out")" != "$_want" ]; then
	notok "the fixture store" \
	    "refresh said '$(head -c 200 "$T/out")', want '$_want'; stderr: $(head -c 300 "$T/err")"
	exit 1
fi

# use_store NAME: a fresh copy of the fixture store as $DB
use_store() {
	DB=$T/$1.db
	for _x in "" -wal -shm; do
		[ -e "$T/base.db$_x" ] && cp "$T/base.db$_x" "$DB$_x"
	done
}

# ---- screen helpers (Python: SGR state, display widths, the Planet layout) --

cat >"$T/scr.py" <<'EOF'
"""scr.py MODE [ARGS]: read `tmux capture-pane -p -e` output on stdin.

selected      text of each row (not the first, not the last) whose first
              cell is drawn in reverse video
rows          the rows as plain text
outline       the Planet view's entries: DAY|SOURCE|MARK|STAR|TITLE|TIME
style TEXT    the attributes at the first cell of TEXT
sane W H      what is wrong with the screen as a W x H Planet view
samewidth A B exit 0 when the rows holding A and B are as wide
"""
import re
import sys
import unicodedata

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER = re.compile(r"\x1b(\[[0-9;:?]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def apply(state, params):
    ps = [p for p in params.split(";")] if params else ["0"]
    i = 0
    while i < len(ps):
        p = ps[i].split(":")[0]
        n = int(p) if p.isdigit() else 0
        if n == 0:
            state.clear()
        elif n in (38, 48):
            kind = ps[i + 1] if i + 1 < len(ps) else ""
            skip = 2 if kind == "5" else 4 if kind == "2" else 0
            val = ";".join(ps[i + 1:i + 2 + skip])
            state["fg" if n == 38 else "bg"] = val
            i += skip + 1
        elif n in (39, 49):
            state.pop("fg" if n == 39 else "bg", None)
        elif 30 <= n <= 37 or 90 <= n <= 97:
            state["fg"] = str(n)
        elif 40 <= n <= 47 or 100 <= n <= 107:
            state["bg"] = str(n)
        elif n in (1, 2, 3, 4, 5, 7, 8, 9):
            state[n] = True
        elif n == 22:
            state.pop(1, None)
            state.pop(2, None)
        elif 23 <= n <= 29:
            state.pop(n - 20, None)
        i += 1


def parse(data):
    """Rows of (char, attrs) cells; SGR state runs on across rows as
    capture-pane -e writes it."""
    state = {}
    rows = []
    for line in data.split("\n"):
        cells = []
        i = 0
        while i < len(line):
            if line[i] == "\x1b":
                m = SGR.match(line, i)
                if m:
                    apply(state, m.group(1))
                    i = m.end()
                    continue
                m = OTHER.match(line, i)
                i = m.end() if m else i + 1
                continue
            cells.append((line[i], dict(state)))
            i += 1
        rows.append(cells)
    if rows and not rows[-1]:
        rows.pop()
    return rows


def text(cells):
    return "".join(c for c, _ in cells)


DAY = re.compile(r"^── (.+?) ─+$")
ENTRY = re.compile(r"^(.)(.)(.)(.)(.*?)\s+(\d\d:\d\d)$")
SOURCE = re.compile(r"^  (\S.*?)\s*$")


def outline(lines):
    day = source = "?"
    out = []
    for line in lines:
        m = DAY.match(line)
        if m:
            day, source = m.group(1), "?"
            continue
        m = ENTRY.match(line)
        if m:
            out.append("|".join((day, source, m.group(1), m.group(3),
                                 m.group(5).strip(), m.group(6))))
            continue
        m = SOURCE.match(line)
        if m:
            source = m.group(1)
    return out


def sane(lines, w, h):
    bad = []
    if len(lines) != h:
        bad.append("%d rows, want %d" % (len(lines), h))
        return bad
    if "Planet" not in lines[0]:
        bad.append("row 0 has no 'Planet': %r" % lines[0])
    elif width(lines[0]) not in (w - 1, w) or "unread" not in lines[0]:
        bad.append("row 0 does not end with the unread count at the right "
                   "edge (%d wide): %r" % (w, lines[0]))
    for n, line in enumerate(lines):
        if width(line) > w:
            bad.append("row %d is %d columns wide: %r" % (n, width(line),
                                                          line))
    if "offline" not in lines[-1]:
        bad.append("no 'offline' on the last row: %r" % lines[-1])
    days = [l for l in lines[1:-1] if DAY.match(l)]
    if not days:
        bad.append("no day heading")
    for l in days:
        if width(l) != w:
            bad.append("day heading %d columns wide, want %d: %r" % (
                width(l), w, l))
    entries = [l for l in lines[1:-1] if ENTRY.match(l)]
    if not entries:
        bad.append("no entry rows")
    for l in entries:
        if width(l) not in (w - 1, w) or width(l) != width(entries[0]):
            bad.append("entry row %d columns wide (time not at the right "
                       "edge): %r" % (width(l), l))
    heads = [l for l in lines[1:-1]
             if SOURCE.match(l) and not ENTRY.match(l) and not DAY.match(l)]
    if not heads:
        bad.append("no source heading")
    return bad


def main():
    data = sys.stdin.read()
    rows = parse(data)
    lines = [text(r).rstrip() for r in rows]
    mode = sys.argv[1]
    if mode == "selected":
        for r in rows[1:-1]:
            if r and r[0][1].get(7):
                print(text(r).rstrip())
    elif mode == "rows":
        for l in lines:
            print(l)
    elif mode == "outline":
        for l in outline(lines):
            print(l)
    elif mode == "style":
        for r in rows:
            t = text(r)
            i = t.find(sys.argv[2])
            if i >= 0:
                a = r[i][1]
                print(" ".join("%s=%s" % (k, a[k])
                               for k in sorted(a, key=str)) or "plain")
                return
        print("absent")
    elif mode == "sane":
        for b in sane(lines, int(sys.argv[2]), int(sys.argv[3])):
            print(b)
    elif mode == "samewidth":
        a = [width(l) for l in lines if sys.argv[2] in l]
        b = [width(l) for l in lines if sys.argv[3] in l]
        print(a, b)
        sys.exit(0 if a and b and a[0] == b[0] else 1)


main()
EOF

selected_row() { screen_e | python3 "$T/scr.py" selected; }
outline() { screen_e | python3 "$T/scr.py" outline; }
_sel() { [ "$(selected_row)" = "$1" ]; }
_sel_has() { selected_row | grep -qF -- "$1"; }

# check NAME CMD...: ok when CMD succeeds (once), else fail with the screen
check() {
	_cn=$1
	shift
	if "$@"; then
		ok "$_cn"
	else
		fail "$_cn" "$CHECK_WHY"
	fi
}
# exited: wait for orrery to end; sets EXIT (status) and TTYMODES
exited() {
	EXIT='' TTYMODES=''
	wait_for "TTY:" || return 1
	EXIT=$(sed -n 's/^EXIT:\([0-9]*\).*/\1/p' "$T/screen" | tail -n 1)
	TTYMODES=$(sed -n 's/^TTY:\(.*\)$/\1/p' "$T/screen" | tail -n 1)
	return 0
}
# tty_sane: the tty modes orrery left are a cooked terminal's
tty_sane() {
	case " $TTYMODES " in
	*" -"*) return 1 ;;
	*" icanon "*) ;;
	*) return 1 ;;
	esac
	case " $TTYMODES " in *" echo "*) return 0 ;; esac
	return 1
}
# raw_has STRING: the raw output holds STRING (printf escapes allowed)
raw_has() {
	python3 - "$RAW" "$1" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
needle = sys.argv[2].encode("utf-8").decode("unicode_escape").encode("latin-1")
sys.exit(0 if needle in data else 1)
EOF
}

# The Planet view of the fixture store, entry by entry (DAY|SOURCE|MARK|
# STAR|TITLE|TIME; shell patterns).  The evil feed's texts are matched
# loosely here: how they must look is the escape test's business.
# shellcheck disable=SC1112
PLANET0='Friday 29 May 2026|Ned Batchelder|●| |Snake way for ducklings|12:00
Friday 29 May 2026|Real Python|●| |Decorators in Depth|11:29
Thursday 28 May 2026|Atom Fixture Blog|●| |Zebra crossings in asyncio|18:00
Thursday 28 May 2026|Łukasz Langa|●| |What’s new in Black|15:04
Thursday 28 May 2026|Python Software Foundation|●| |The PSF’s grants update|09:00
Wednesday 27 May 2026|Ned Batchelder|●| |Coverage turns eight|20:10
Wednesday 27 May 2026|Atom Fixture Blog|●| |日本語のタイトル 🐍 絵文字|08:00
Tuesday 26 May 2026|Live Wire|●| |Live first post|10:00
Tuesday 26 May 2026|Atom Fixture Blog|●| |Tuesday notes|07:00
Monday 25 May 2026|Evil*Feed*Title|●| |Harmless*entry*title|10:00'

# outline_is WANT: the Planet view's outline matches WANT line by line
outline_is() {
	outline >"$T/outline"
	printf '%s\n' "$1" >"$T/outline.want"
	[ "$(lines "$T/outline")" -eq "$(lines "$T/outline.want")" ] ||
		return 1
	_ln=0
	while IFS= read -r _want; do
		_ln=$((_ln + 1))
		_got=$(sed -n "${_ln}p" "$T/outline")
		# shellcheck disable=SC2254
		case $_got in
		$_want) ;;
		*) return 1 ;;
		esac
	done <"$T/outline.want"
	return 0
}
# outline_diff: what outline_is last compared, for a failure message
outline_diff() {
	diff "$T/outline.want" "$T/outline" | grep '^[<>]' | head -n 6 |
	    tr '\n' ';'
}

# ============================================================================
# A. Start, move, open, go back, mark read, quit, start again
# ============================================================================

use_store a
start_ui

# 1. the day and source headings, in order
n=1
if poll outline_is "$PLANET0"; then
	ok "$n. start: day headings newest first, sources under their day"
else
	fail "$n. start: day headings newest first, sources under their day" \
	    "outline differs (< want, > got): $(outline_diff)"
fi
if poll _title_has "Planet.*[^0-9]10 unread"; then
	ok "$n. start: the title line says Planet and 10 unread"
else
	fail "$n. start: the title line says Planet and 10 unread" \
	    "row 0: $(head -n 1 "$T/screen")"
fi
if _w=$(screen_e | python3 "$T/scr.py" samewidth "日本語のタイトル 🐍 絵文字 " \
    "Coverage turns eight"); then
	ok "$n. start: a CJK and emoji title's time lines up with the others"
else
	fail "$n. start: a CJK and emoji title's time lines up with the others" \
	    "display widths of the CJK row and the row above: $_w"
fi
if poll _sel_has "Snake way for ducklings"; then
	ok "$n. start: the cursor is on the newest entry"
else
	fail "$n. start: the cursor is on the newest entry" \
	    "selected rows: $(selected_row | tr '\n' ';')"
fi

# 2. j and Enter: the pager shows the header and the rendered <pre> block
n=2
keys j
if poll _sel_has "Decorators in Depth"; then
	ok "$n. j moves the cursor to the next entry"
else
	fail "$n. j moves the cursor to the next entry" \
	    "selected rows: $(selected_row | tr '\n' ';')"
fi
keys Enter
if wait_for "orrery-code-marker"; then
	ok "$n. Enter opens the pager with the body's <pre> code"
else
	fail "$n. Enter opens the pager with the body's <pre> code" \
	    "no 'orrery-code-marker' on the screen"
fi
CHECK_WHY="want the title, 'Real Python', the date and the link above a rule"
pager_header() {
	grep -q "^ *Decorators in Depth *\$" "$T/screen" &&
	    grep -q "Real Python" "$T/screen" &&
	    grep -q "2026-05-29.*11:29\|29 May 2026.*11:29" "$T/screen" &&
	    grep -qF "https://realpython.com/decorators-in-depth/" "$T/screen" &&
	    grep -q "────" "$T/screen"
}
check "$n. the pager's header: title, source, date, link, rule" pager_header
CHECK_WHY="'def shout(fn):' and '    return lambda: fn().upper()' indented 4 more"
pre_verbatim() {
	_d=$(grep "def shout(fn):" "$T/screen" | head -n 1)
	_r=$(grep "return lambda: fn().upper()" "$T/screen" | head -n 1)
	[ -n "$_d" ] && [ -n "$_r" ] || return 1
	_dc=${_d%%def shout*}
	_rc=${_r%%return lambda*}
	[ "${#_rc}" -eq $((${#_dc} + 4)) ]
}
check "$n. the <pre> block keeps its lines and indentation" pre_verbatim
_code=$(screen_e | python3 "$T/scr.py" style "orrery-code-marker")
_prose=$(screen_e | python3 "$T/scr.py" style "Wrap a function the clean way")
if [ "$_code" != absent ] && [ "$_prose" != absent ] &&
    [ "$_code" != "$_prose" ]; then
	ok "$n. code is drawn unlike the prose around it"
else
	fail "$n. code is drawn unlike the prose around it" \
	    "code: $_code; prose: $_prose"
fi

# 3. q goes back to the Planet view with the same entry selected
n=3
keys q
if wait_for "── Friday 29 May 2026" && poll _sel_has "Decorators in Depth"; then
	ok "$n. q returns to the Planet view on the entry it opened"
else
	fail "$n. q returns to the Planet view on the entry it opened" \
	    "selected rows: $(selected_row | tr '\n' ';')"
fi

# 4. read state: opening marked it read; u marks another; both persist
n=4
_mark_of() { outline | grep -F "|$1|" | cut -d'|' -f3; }
_read() { [ "$(_mark_of "$1")" = " " ]; }
if poll _read "Decorators in Depth"; then
	ok "$n. opening an entry marks it read (its ● is gone)"
else
	fail "$n. opening an entry marks it read (its ● is gone)" \
	    "mark: '$(_mark_of "Decorators in Depth")'"
fi
keys k
poll _sel_has "Snake way for ducklings" >/dev/null
keys u
if poll _read "Snake way for ducklings"; then
	ok "$n. u marks the selected entry read"
else
	fail "$n. u marks the selected entry read" \
	    "mark: '$(_mark_of "Snake way for ducklings")'"
fi
if poll _title_has "[^0-9]8 unread"; then
	ok "$n. the title's unread count follows (8 unread)"
else
	fail "$n. the title's unread count follows (8 unread)" \
	    "row 0: $(head -n 1 "$T/screen")"
fi

# 11. Q quits: status 0, the terminal restored, nothing on stderr
n=11
keys Q
if exited && [ "$EXIT" = 0 ]; then
	ok "$n. Q quits with exit status 0"
else
	fail "$n. Q quits with exit status 0" "EXIT:${EXIT:-none}"
fi
_alt=$(tm display -p '#{alternate_on} #{cursor_flag} #{keypad_flag}')
if [ "$_alt" = "0 1 0" ] && tty_sane; then
	ok "$n. Q restores the terminal (main screen, cursor, cooked tty)"
else
	fail "$n. Q restores the terminal (main screen, cursor, cooked tty)" \
	    "alternate_on cursor_flag keypad_flag: $_alt; tty: $TTYMODES"
fi
if [ "$(grep -v '^$' "$T/screen" | grep -cv '^EXIT:\|^TTY:')" -eq 0 ]; then
	ok "$n. a clean session leaves nothing on the terminal after quitting"
else
	fail "$n. a clean session leaves nothing on the terminal after quitting" \
	    "stray lines after exit"
fi
stop_ui

# 4, continued: start again on the same store
n=4
start_ui
PLANET_READ=$(printf '%s\n' "$PLANET0" | sed \
    -e 's/|●| |Snake way/| | |Snake way/' \
    -e 's/|●| |Decorators/| | |Decorators/')
if poll outline_is "$PLANET_READ"; then
	ok "$n. read marks persist across a restart"
else
	fail "$n. read marks persist across a restart" \
	    "outline differs (< want, > got): $(outline_diff)"
fi
if "$ORRERY" -d "$DB" -c "$CFG" list --json >"$T/out" 2>"$T/err" &&
    python3 - "$T/out" <<'EOF'; then
import json, sys
es = json.load(open(sys.argv[1]))
read = sorted(e["title"] for e in es if e["read"])
sys.exit(0 if read == ["Decorators in Depth", "Snake way for ducklings"]
         and len(es) == 10 else 1)
EOF
	ok "$n. list --json agrees: exactly those two entries are read"
else
	notok "$n. list --json agrees: exactly those two entries are read" \
	    "$(head -c 300 "$T/out") $(head -c 200 "$T/err")"
fi

# 11. t: unread only, and back
n=11
keys t
if wait_gone "Decorators in Depth" && grep -q "What’s new in Black" "$T/screen" &&
    ! grep -q "Snake way for ducklings" "$T/screen"; then
	ok "$n. t shows only unread entries"
else
	fail "$n. t shows only unread entries" \
	    "want no 'Decorators'/'Snake way' and 'What’s new in Black'"
fi
keys t
if wait_for "Decorators in Depth" && grep -q "Snake way for ducklings" "$T/screen"; then
	ok "$n. t again shows every entry"
else
	fail "$n. t again shows every entry" "read entries still hidden"
fi

# 11. s stars the selected entry: ★ in column 2; S shows starred only
keys g
poll _sel_has "Snake way for ducklings" >/dev/null
keys s
_star_col2() { selected_row | grep -q '^..★ .*Snake way for ducklings'; }
if poll _star_col2; then
	ok "$n. s puts ★ in column 2 of the selected entry"
else
	fail "$n. s puts ★ in column 2 of the selected entry" \
	    "selected: $(selected_row | tr '\n' ';')"
fi
keys S
if wait_gone "Decorators in Depth" && grep -q "Snake way for ducklings" "$T/screen" &&
    [ "$(outline | wc -l)" -eq 1 ]; then
	ok "$n. S shows only starred entries"
else
	fail "$n. S shows only starred entries" "outline: $(outline | tr '\n' ';')"
fi
keys S
wait_for "Decorators in Depth" >/dev/null

# 11. ? lists the keys
keys '?'
if wait_for "toggle-read" && grep -q "mark-all-read" "$T/screen"; then
	ok "$n. ? lists the keys (toggle-read, mark-all-read)"
else
	fail "$n. ? lists the keys (toggle-read, mark-all-read)" "no key list"
fi
keys q
if wait_gone "toggle-read" && wait_for "── Friday 29 May 2026"; then
	ok "$n. q leaves the key list"
else
	fail "$n. q leaves the key list" "still in the help"
fi

# 11. A asks, y marks everything read
keys A
if poll _last_has "y/n" && head -n 1 "$T/screen" | grep -q "[^0-9]8 unread"; then
	ok "$n. A asks a y/n question first and marks nothing yet"
else
	fail "$n. A asks a y/n question first and marks nothing yet" \
	    "last row: $(tail -n 1 "$T/screen")"
fi
keys y
if poll _title_has "[^0-9]0 unread" &&
    ! grep -q "^●" "$T/screen"; then
	ok "$n. y marks everything read: 0 unread, no ● left"
else
	fail "$n. y marks everything read: 0 unread, no ● left" \
	    "row 0: $(head -n 1 "$T/screen")"
fi
keys Q
exited >/dev/null
stop_ui
if "$ORRERY" -d "$DB" -c "$CFG" list --json >"$T/out" 2>"$T/err" &&
    python3 - "$T/out" <<'EOF'; then
import json, sys
es = json.load(open(sys.argv[1]))
starred = [e["title"] for e in es if e["starred"]]
sys.exit(0 if all(e["read"] for e in es) and len(es) == 10
         and starred == ["Snake way for ducklings"] else 1)
EOF
	ok "$n. the store agrees: all read, one starred"
else
	notok "$n. the store agrees: all read, one starred" \
	    "$(head -c 300 "$T/out") $(head -c 200 "$T/err")"
fi

# ============================================================================
# B. Live refresh: r and R
# ============================================================================

n=5
use_store b
start_ui
wait_for "Harmless" >/dev/null
keys j j j
if poll _sel_has "What’s new in Black"; then
	ok "$n. three j put the cursor on the fourth entry"
else
	fail "$n. three j put the cursor on the fourth entry" \
	    "selected: $(selected_row | tr '\n' ';')"
fi
SEL_BEFORE=$(selected_row)
# the server now has a new item on /live.xml; /missing.xml answers slowly
# so the refresh is still running while the status line is looked at
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live2.xml\"},
 \"/missing.xml\": {\"status\": 404, \"delay_ms\": 1500}}"
keys r
if poll _last_has "⟳"; then
	ok "$n. r shows refresh progress (⟳) on the status line"
else
	fail "$n. r shows refresh progress (⟳) on the status line" \
	    "last row: $(tail -n 1 "$T/screen")"
fi
if wait_for "Live fresh arrival" && wait_for "── Saturday 30 May 2026"; then
	ok "$n. r adds the new entry live, under a new day"
else
	fail "$n. r adds the new entry live, under a new day" \
	    "no 'Live fresh arrival'"
fi
if poll _sel "$SEL_BEFORE"; then
	ok "$n. the cursor stays on its entry while entries arrive"
else
	fail "$n. the cursor stays on its entry while entries arrive" \
	    "was: $SEL_BEFORE; now: $(selected_row | tr '\n' ';')"
fi
if poll _title_has "[^0-9]11 unread"; then
	ok "$n. the unread count goes up to 11"
else
	fail "$n. the unread count goes up to 11" "row 0: $(head -n 1 "$T/screen")"
fi
_done() { last_row | grep -q "failed" && ! last_row | grep -q "⟳"; }
if poll _done; then
	ok "$n. the status line says the refresh ended with failures"
else
	fail "$n. the status line says the refresh ended with failures" \
	    "last row: $(last_row)"
fi

# R: only the selected entry's feed
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live3.xml\"}}"
keys g
poll _sel_has "Live fresh arrival" >/dev/null
_live0=$(requests /live.xml)
_planet0=$(requests /planet.xml)
keys R
if wait_for "Live third wave"; then
	ok "$n. R refreshes the selected entry's feed"
else
	fail "$n. R refreshes the selected entry's feed" "no 'Live third wave'"
fi
_count_is() { [ "$(requests "$1")" -eq "$2" ]; }
if poll _count_is /live.xml $((_live0 + 1)) &&
    [ "$(requests /planet.xml)" -eq "$_planet0" ]; then
	ok "$n. R fetches that feed alone"
else
	notok "$n. R fetches that feed alone" \
	    "/live.xml $_live0 -> $(requests /live.xml), /planet.xml $_planet0 -> $(requests /planet.xml)"
fi

# r while a refresh runs adds only feeds the refresh does not have: the
# progress stays at 6 feeds, the summary counts 6, the server sees each
# feed once.  /missing.xml outlasts the pane's 5 s timeout, so the refresh
# is still running when the other five are done.
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live3.xml\"},
 \"/missing.xml\": {\"status\": 404, \"delay_ms\": 60000}}"
_counts() {
	for _p in planet atom live evil missing broken; do
		printf '%s ' "$(requests "/$_p.xml")"
	done
}
_before=$(_counts)
keys r
if poll _last_has "⟳ 5/6"; then
	ok "$n. r: five of six feeds done while one is slow"
else
	fail "$n. r: five of six feeds done while one is slow" \
	    "last row: $(last_row)"
fi
keys r
keys r
_summary() { last_row | grep -q "refreshed" && ! last_row | grep -q "⟳"; }
TIMEOUT=30 poll _summary >/dev/null
if last_row | grep -q "refreshed 6 feeds: .* 2 failed"; then
	ok "$n. r during a refresh: the summary counts each feed once"
else
	fail "$n. r during a refresh: the summary counts each feed once" \
	    "last row: $(last_row)"
fi
_want=$(python3 -c 'import sys; print(" ".join(str(int(x) + 1) for x in sys.argv[1:]) + " ")' $_before)
_counts_are() { [ "$(_counts)" = "$1" ]; }
if poll _counts_are "$_want"; then
	ok "$n. r during a refresh: each feed is requested once"
else
	notok "$n. r during a refresh: each feed is requested once" \
	    "requests before $_before, after $(_counts), want $_want"
fi
keys Q
exited >/dev/null
stop_ui
routes "{$ROUTES_BASE, \"/live.xml\": {\"file\": \"live1.xml\"}}"

# ============================================================================
# C. Search, the pager's n/p, the sources view
# ============================================================================

use_store c
start_ui
wait_for "Harmless" >/dev/null

# 6. search
n=6
keys /
if poll _last_has "Search:"; then
	ok "$n. / prompts 'Search:' on the status line"
else
	fail "$n. / prompts 'Search:' on the status line" "last row: $(last_row)"
fi
keys -l zebra
keys Enter
if wait_for "Search: zebra" && grep -q "Zebra crossings in asyncio" "$T/screen" &&
    ! grep -q "Snake way\|Decorators in Depth\|Harmless" "$T/screen"; then
	ok "$n. / zebra Enter shows only the matching entry"
else
	fail "$n. / zebra Enter shows only the matching entry" \
	    "want 'Search: zebra' and only 'Zebra crossings in asyncio'"
fi
keys q
if wait_for "Snake way for ducklings" && wait_gone "Search: zebra"; then
	ok "$n. q leaves the search results"
else
	fail "$n. q leaves the search results" "still searching"
fi

# 11. the pager's n and p
n=11
keys g
poll _sel_has "Snake way for ducklings" >/dev/null
keys Enter
wait_for "A small pip tip about ducklings" >/dev/null
keys n
if wait_for "orrery-code-marker" && wait_gone "ducklings"; then
	ok "$n. n in the pager reads the next entry"
else
	fail "$n. n in the pager reads the next entry" "want Decorators in Depth"
fi
keys p
if wait_for "A small pip tip about ducklings" && wait_gone "orrery-code-marker"; then
	ok "$n. p in the pager reads the previous entry"
else
	fail "$n. p in the pager reads the previous entry" "want Snake way"
fi
keys q
wait_for "── Friday 29 May 2026" >/dev/null

# 7. the sources view shows the failing feeds' errors
n=7
keys Tab
_row_has() { screen >"$T/screen" && grep -F -- "$1" "$T/screen" | grep -q -- "$2"; }
if poll _row_has "/missing.xml" "404"; then
	ok "$n. Tab: the sources view shows the 404 on its feed's row"
else
	fail "$n. Tab: the sources view shows the 404 on its feed's row" \
	    "no row with /missing.xml and 404"
fi
if _row_has "/broken.xml" "500"; then
	ok "$n. the sources view shows the 500 on its feed's row"
else
	fail "$n. the sources view shows the 500 on its feed's row" \
	    "no row with /broken.xml and 500"
fi
if grep -q "Planet Python" "$T/screen" && grep -q "Atom Fixture Blog" "$T/screen" &&
    ! grep "Planet Python" "$T/screen" | grep -q "404\|500"; then
	ok "$n. the sources view lists the good feeds without an error"
else
	fail "$n. the sources view lists the good feeds without an error" \
	    "want 'Planet Python' and 'Atom Fixture Blog' rows"
fi
keys Tab
if wait_for "── Friday 29 May 2026"; then
	ok "$n. Tab again returns to the Planet view"
else
	fail "$n. Tab again returns to the Planet view" "no day heading"
fi
keys Q
exited >/dev/null
stop_ui

# ============================================================================
# D. --offline, and resizing
# ============================================================================

use_store d
_all0=$(lines "$T/http.log")
start_ui 80x24 --offline
n=11
if wait_for "Snake way" && poll _last_has "offline"; then
	ok "$n. --offline shows 'offline' on the status line"
else
	fail "$n. --offline shows 'offline' on the status line" \
	    "last row: $(last_row)"
fi
_before=$(last_row)
keys r
_says_offline() {
	_l=$(last_row)
	[ "$_l" != "$_before" ] && printf '%s\n' "$_l" | grep -q offline
}
if poll _says_offline; then
	ok "$n. r when offline says so"
else
	fail "$n. r when offline says so" "last row: $(last_row)"
fi

n=8
# sane_at W H: the pane is W x H and the screen is laid out for it
_sane() {
	[ "$(tm display -p '#{pane_width}x#{pane_height}')" = "$1x$2" ] &&
	    [ -z "$(screen_e | python3 "$T/scr.py" sane "$1" "$2")" ]
}
sane_at() {
	_sn="$n. ${3:-}at $1x$2: Planet title on row 0, status on the last row, headings, nothing too wide"
	if poll _sane "$1" "$2"; then
		ok "$_sn"
	else
		fail "$_sn" "$(screen_e | python3 "$T/scr.py" sane "$1" "$2" | head -n 4 | tr '\n' ';')"
	fi
}
sane_at 80 24
tm resize-window -x 120 -y 40
sane_at 120 40
tm resize-window -x 40 -y 10
sane_at 40 10
tm resize-window -x 80 -y 24
sane_at 80 24 "back "
if [ "$(lines "$T/http.log")" -eq "$_all0" ]; then
	ok "$n. an --offline session made no request"
else
	notok "$n. an --offline session made no request" \
	    "$(tail -n 1 "$T/http.log" | head -c 200)"
fi
keys Q
if exited && [ "$EXIT" = 0 ]; then
	ok "$n. Q after resizing still exits 0"
else
	fail "$n. Q after resizing still exits 0" "EXIT:${EXIT:-none}"
fi
stop_ui

# ============================================================================
# E. Configuration errors stop the reader before it draws
# ============================================================================

n=9
mkdir -p "$T/bad1" "$T/bad2"
printf '[general]\nrefresh-interval = banana\n' >"$T/bad1/config.ini"
printf '[general]\nno-such-key = 1\n' >"$T/bad2/config.ini"
use_store e
_cfg=$CFG
for _b in bad1 bad2; do
	CFG=$T/$_b/config.ini
	_b=$(sed -n 2p "$CFG")
	start_ui
	if exited && [ "$EXIT" = 1 ]; then
		ok "$n. $_b: a config error exits 1"
	else
		fail "$n. $_b: a config error exits 1" "EXIT:${EXIT:-none}"
	fi
	if grep -q "config\.ini:2:" "$T/screen"; then
		ok "$n. $_b: the message names config.ini:2:"
	else
		fail "$n. $_b: the message names config.ini:2:" "no 'config.ini:2:'"
	fi
	if ! raw_has '\x1b[?1049h' && ! raw_has '\x1b[H' && ! grep -q "Planet" "$T/screen"; then
		ok "$n. $_b: nothing was drawn before the error"
	else
		fail "$n. $_b: nothing was drawn before the error" \
		    "the raw output has screen set-up: $(head -c 100 "$RAW" | od -c | head -n 3 | tr '\n' ' ')"
	fi
	stop_ui
done
CFG=$_cfg

# ============================================================================
# F. Escape sequences in feed texts stay text
# ============================================================================

n=10
use_store f
start_ui
if wait_for "Harmless" && grep "Evil" "$T/screen" | grep -q "Feed.*Title"; then
	ok "$n. the feed title with escapes shows as text"
else
	fail "$n. the feed title with escapes shows as text" "no 'Evil…Feed…Title' row"
fi
if grep "Harmless" "$T/screen" | grep -q "entry.*title.*10:00"; then
	ok "$n. the entry title with escapes shows as text, with its time"
else
	fail "$n. the entry title with escapes shows as text, with its time" \
	    "no 'Harmless…entry…title … 10:00' row"
fi
if head -n 1 "$T/screen" | grep -q "Planet" &&
    grep -q "── Friday 29 May 2026" "$T/screen" &&
    grep -q "Snake way for ducklings" "$T/screen"; then
	ok "$n. the screen was not cleared: everything above is still there"
else
	fail "$n. the screen was not cleared: everything above is still there" \
	    "the Planet view is not whole"
fi
# open the evil entry: its body has the same sequences
keys G
poll _sel_has "Harmless" >/dev/null
keys Enter
if wait_for "here." && grep -q "Body.*text" "$T/screen"; then
	ok "$n. the body with escapes shows as text in the pager"
else
	fail "$n. the body with escapes shows as text in the pager" \
	    "no 'Body … text … here.'"
fi
keys q
wait_for "── Friday 29 May 2026" >/dev/null
# the sources view draws the feed title too
keys Tab
if wait_for "Sources" && grep "Evil" "$T/screen" | grep -q "Feed.*Title"; then
	ok "$n. the sources view shows the feed title as text"
else
	fail "$n. the sources view shows the feed title as text" \
	    "no 'Evil…Feed…Title' row"
fi
keys Tab
wait_for "── Friday 29 May 2026" >/dev/null
if [ -z "$(tm list-buffers)" ]; then
	ok "$n. no OSC 52 reached tmux's clipboard"
else
	fail "$n. no OSC 52 reached tmux's clipboard" \
	    "buffers: $(tm list-buffers | head -c 200)"
fi
keys Q
exited >/dev/null
# the raw bytes orrery wrote, from its first: none of the feed's sequences
if raw_has "Harmless"; then
	ok "$n. pipe-pane recorded orrery's output"
else
	notok "$n. pipe-pane recorded orrery's output" "$(lines "$RAW") lines in $RAW"
fi
_leaks=
raw_has 'RVZJTC1' && _leaks="$_leaks OSC-52-payload"
raw_has 'EVIL-' && _leaks="$_leaks decoded-payload"
raw_has '\x1b]52' && _leaks="$_leaks ESC]52"
raw_has '\x1b[2J' && _leaks="$_leaks ESC[2J"
raw_has '\xc2\x9b' && _leaks="$_leaks C1-CSI"
if [ -z "$_leaks" ]; then
	ok "$n. the raw output has none of the feed's escape sequences"
else
	notok "$n. the raw output has none of the feed's escape sequences" \
	    "found:$_leaks"
fi
stop_ui

# ============================================================================
# G. The query language in the reader: /, views, mute, undo
# ============================================================================

use_store g
cp "$CFG" "$T/views.ini"
CFG=$T/views.ini
cat >>"$CFG" <<'EOF'
[views]
ned = source:"Ned Batchelder" +unread
zebra = zebra OR ducklings
EOF
start_ui
wait_for "Harmless" >/dev/null

# 12. / takes the query language; a malformed query keeps the prompt
n=12
keys /
keys -l '"type hints'
keys Enter
if poll _last_has 'unterminated quote: "type hints · Search: "type hints'; then
	ok "$n. a malformed query keeps the prompt, says why, keeps the text"
else
	fail "$n. a malformed query keeps the prompt, says why, keeps the text" \
	    "last row: $(last_row)"
fi
keys C-u
keys -l 'source:"Ned Batchelder" +unread'
keys Enter
if poll outline_is 'Friday 29 May 2026|Ned Batchelder|●| |Snake way for ducklings|12:00
Wednesday 27 May 2026|Ned Batchelder|●| |Coverage turns eight|20:10'; then
	ok "$n. / source:NAME +unread: that source's posts under day headings"
else
	fail "$n. / source:NAME +unread: that source's posts under day headings" \
	    "$(outline_diff)"
fi
if poll _title_has 'Search: source:"Ned Batchelder" +unread.* 2 unread'; then
	ok "$n. the title line names the query and its unread count"
else
	fail "$n. the title line names the query and its unread count" \
	    "row 0: $(head -n 1 "$T/screen")"
fi
keys q
wait_for "Harmless" >/dev/null
keys /
keys -l "don't"
keys Enter
if wait_for "Nothing matches don't"; then
	ok "$n. / don't: a word, not a syntax error"
else
	fail "$n. / don't: a word, not a syntax error" "no 'Nothing matches'"
fi
keys q
wait_for "Harmless" >/dev/null
# 13. saved views: v lists them with unread counts, Enter or 2v opens
# one, the title names it, V goes back to every post
n=13
keys v
if wait_for "zebra OR ducklings" && grep -q "ned .* 2 unread .*source:\"Ned Batchelder\"" "$T/screen" &&
    grep -q "2  zebra .* 2 unread" "$T/screen"; then
	ok "$n. v lists the views with their unread counts"
else
	fail "$n. v lists the views with their unread counts" "no list"
fi
keys Enter
if poll outline_is 'Friday 29 May 2026|Ned Batchelder|●| |Snake way for ducklings|12:00
Wednesday 27 May 2026|Ned Batchelder|●| |Coverage turns eight|20:10' &&
    poll _title_has '^ *ned .* 2 unread'; then
	ok "$n. Enter opens the view; the title names it and its unread count"
else
	fail "$n. Enter opens the view; the title names it and its unread count" \
	    "$(outline_diff); row 0: $(head -n 1 "$T/screen")"
fi
keys V
if poll _title_has "Planet.*[^0-9]10 unread" && wait_for "Harmless"; then
	ok "$n. V goes back to every post"
else
	fail "$n. V goes back to every post" "row 0: $(head -n 1 "$T/screen")"
fi
keys 2 v
if poll outline_is 'Friday 29 May 2026|Ned Batchelder|●| |Snake way for ducklings|12:00
Thursday 28 May 2026|Atom Fixture Blog|●| |Zebra crossings in asyncio|18:00' &&
    poll _title_has '^ *zebra .* 2 unread'; then
	ok "$n. 2v opens the second view at once"
else
	fail "$n. 2v opens the second view at once" "$(outline_diff)"
fi
keys 5 v
if poll _last_has "no view 5: [views] has 2"; then
	ok "$n. 5v with two views says so"
else
	fail "$n. 5v with two views says so" "last row: $(last_row)"
fi
keys V
wait_for "Harmless" >/dev/null
stop_ui
CFG=$T/config.ini

# 14. M mutes the selected post's source after a question, U undoes it,
# and undoes marks, this process's or another's; hide rules hide
n=14
use_store m
start_ui
wait_for "Harmless" >/dev/null
keys g
poll _sel_has "Snake way for ducklings" >/dev/null
keys M
if poll _last_has "Mute Ned Batchelder? Its posts leave every view (y/n)"; then
	ok "$n. M asks before muting the selected post's source"
else
	fail "$n. M asks before muting the selected post's source" "last row: $(last_row)"
fi
keys y
if wait_for "muted Ned Batchelder (U undoes)" && wait_gone "Coverage turns eight" &&
    ! grep -q "Snake way" "$T/screen" && poll _title_has "Planet.*[^0-9]8 unread"; then
	ok "$n. y mutes: the source's posts leave the view and the unread count"
else
	fail "$n. y mutes: the source's posts leave the view and the unread count" \
	    "row 0: $(head -n 1 "$T/screen")"
fi
keys U
if wait_for "undid mute Ned Batchelder" && wait_for "Coverage turns eight" &&
    poll _title_has "Planet.*[^0-9]10 unread"; then
	ok "$n. U undoes the mute"
else
	fail "$n. U undoes the mute" "row 0: $(head -n 1 "$T/screen")"
fi
keys g
poll _sel_has "Snake way for ducklings" >/dev/null
keys u
poll _title_has "Planet.*[^0-9]9 unread" >/dev/null
keys U
if wait_for "undid mark read: 1 entry back" && poll _title_has "Planet.*[^0-9]10 unread"; then
	ok "$n. U undoes u"
else
	fail "$n. U undoes u" "row 0: $(head -n 1 "$T/screen")"
fi
# A mark made by another process, undone here.
_id=$("$ORRERY" -d "$DB" -c "$CFG" list --json | python3 -c '
import json, sys
print([e["id"] for e in json.load(sys.stdin) if e["title"] == "Tuesday notes"][0])')
"$ORRERY" -d "$DB" -c "$CFG" mark read "$_id" >/dev/null
poll _title_has "Planet.*[^0-9]9 unread" >/dev/null
keys U
if wait_for "undid mark read: 1 entry back" && poll _title_has "Planet.*[^0-9]10 unread"; then
	ok "$n. U undoes a mark another process made"
else
	fail "$n. U undoes a mark another process made" "row 0: $(head -n 1 "$T/screen")"
fi
keys U
if wait_for "nothing to undo"; then
	ok "$n. U with nothing left says so"
else
	fail "$n. U with nothing left says so" "last row: $(last_row)"
fi
keys Q
exited >/dev/null
stop_ui
cp "$CFG" "$T/hide.ini"
printf '[filters]\nhide = title:zebra\n' >>"$T/hide.ini"
CFG=$T/hide.ini
start_ui
wait_for "Harmless" >/dev/null
if _hasnt "Zebra crossings" && poll _title_has "Planet.*[^0-9]9 unread"; then
	ok "$n. a hide rule keeps its posts out of the view and the count"
else
	fail "$n. a hide rule keeps its posts out of the view and the count" \
	    "row 0: $(head -n 1 "$T/screen")"
fi
stop_ui
CFG=$T/config.ini
