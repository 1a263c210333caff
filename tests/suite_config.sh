#!/bin/bash
# tests/suite_config.sh: config.ini handling, driven through the real
# binary like a user would: `orrery [-c FILE] config` prints the effective
# configuration (exit 0); a bad file prints one line "orrery: CAUSE" on
# stderr (exit 1).  Covers the default path lookup, every error kind with
# its line number, value spellings, the print/load round trip and the
# annotated example config/orrery.ini.
. "$TESTS/lib.sh"

C="$T/c.ini"

# body FILE: FILE without its header comment (the first line)
body() { tail -n +2 "$1"; }

# put CONTENT: write CONTENT (use $'...' for newlines) to $C
put() { printf '%s' "$1" >"$C"; }

# fails NAME CONTENT CAUSE: with CONTENT in $C, `orrery -c $C config` must
# exit 1, print nothing on stdout and exactly one line "orrery: $C:CAUSE"
# on stderr.
fails() {
	put "$2"
	run "$1" 1 "$ORRERY" -c "$C" config || return 1
	_w="orrery: $C:$3"
	if [ -s "$T/out" ]; then
		notok "$1" "stdout not empty: $(head -c 200 "$T/out")"
	elif [ "$(lines "$T/err")" != 1 ]; then
		notok "$1" "want one line on stderr, got: $(head -c 300 "$T/err")"
	elif [ "$(cat "$T/err")" != "$_w" ]; then
		notok "$1" "got '$(cat "$T/err")', want '$_w'"
	else
		ok "$1"
	fi
}

# gives NAME CONTENT LINE...: with CONTENT in $C, `orrery -c $C config`
# must succeed and print every LINE exactly.
gives() {
	_n=$1
	put "$2"
	shift 2
	run "$_n" 0 "$ORRERY" -c "$C" config || return 1
	for _l in "$@"; do
		if ! grep -Fxq -- "$_l" "$T/out"; then
			notok "$_n" "no line '$_l' in: $(grep ' = ' "$T/out" |
			    tr '\n' '|' | head -c 400)"
			return 1
		fi
	done
	ok "$_n"
}

# --- the default file -------------------------------------------------

# lib.sh points HOME at an empty directory: the default file is missing,
# which is fine.
run "defaults without a file" 0 "$ORRERY" config &&
if [ -s "$T/err" ]; then
	notok "defaults without a file" "stderr: $(head -c 200 "$T/err")"
elif ! head -n 1 "$T/out" | grep -q '^#.*defaults; no config file'; then
	notok "defaults without a file" "header: $(head -n 1 "$T/out")"
else
	ok "defaults without a file"
fi
cp "$T/out" "$T/defaults"

# The documented defaults, as `orrery config` must print them.
want_defaults='[general]
refresh-interval = 60
refresh-on-start = yes
max-connections = 16
max-connections-per-host = 2
timeout = 30
user-agent = orrery/VERSION
ca-file = ""
browser = ""
player = ""
browser-schemes = http https mailto
timezone = local
text-width = 80
default-feed = https://planetpython.org/rss20.xml
max-feed-size = 16
keep-days = 0
mouse = no
mark-read-on-open = yes
key-hints = yes

[sync]
server = ""
user = ""
password-file = ""
password-command = ""

[colors]
title = default default reverse bold
status = default default reverse
error = red default bold
day = yellow default bold
source = cyan default bold
unread = default default bold
read = default default
selected = default default reverse
mark = green default bold
time = default default dim
empty = default default dim
header = cyan default
heading = yellow default bold
link = blue default underline
code = green default
quote = default default dim
dim = default default dim
syntax-keyword = magenta default bold
syntax-string = yellow default
syntax-comment = blue default dim
syntax-number = cyan default
syntax-name = green default bold
syntax-builtin = cyan default
syntax-decorator = magenta default
syntax-prompt = default default bold

[keys]
down = j Down C-n C-e
up = k Up C-p C-y
page-down = Space PgDn C-f f
page-up = b PgUp C-b
half-down = d C-d
half-up = C-u
top = g Home
bottom = G End
open = Enter l Right
back = q h
quit = Q
refresh-all = r
refresh-feed = R
toggle-read = u
toggle-star = s
mark-all-read = A
unread-only = t
starred-only = S
views = v
all-posts = V
mute = M
undo = U
search = /
new-since = `
next-match = n
prev-match = N
sources = Tab
sort = O
remove-feed = D
add-feed = a
import = I
next-entry = n
prev-entry = p
next-unread = N
prev-unread = P
links = L
full-article = F
scroll-left = Left
scroll-right = Right
browser = o
copy-link = y
redraw = C-l
help = ?

[views]

[filters]'
got=$(body "$T/defaults" | sed '1{/^$/d}' |
    sed 's|^user-agent = orrery/[0-9][0-9A-Za-z.+~-]*$|user-agent = orrery/VERSION|')
if [ "$got" = "$want_defaults" ]; then
	ok "default values"
else
	notok "default values" "got: $(printf '%s' "$got" | tr '\n' '|')"
fi

mkdir -p "$T/xdg/orrery" "$HOME/.config/orrery"
printf '[general]\ntimeout = 45\n' >"$T/xdg/orrery/config.ini"
XDG_CONFIG_HOME="$T/xdg" expect "XDG_CONFIG_HOME file is read" 0 \
    '^timeout = 45$' "$T/out" "$ORRERY" config
if head -n 1 "$T/out" | grep -Fq "$T/xdg/orrery/config.ini"; then
	ok "header names the file read"
else
	notok "header names the file read" "header: $(head -n 1 "$T/out")"
fi

printf '[general]\ntimeout = 46\n' >"$HOME/.config/orrery/config.ini"
expect "~/.config file when XDG_CONFIG_HOME is unset" 0 '^timeout = 46$' \
    "$T/out" env -u XDG_CONFIG_HOME "$ORRERY" config
expect "relative XDG_CONFIG_HOME is ignored" 0 '^timeout = 46$' \
    "$T/out" env XDG_CONFIG_HOME=xdg "$ORRERY" config
rm -f "$T/xdg/orrery/config.ini"
XDG_CONFIG_HOME="$T/xdg" expect "XDG_CONFIG_HOME set, its file missing" 0 \
    '^timeout = 30$' "$T/out" "$ORRERY" config

printf '[general]\n\ntimeout = 0\n' >"$HOME/.config/orrery/config.ini"
run "error in the default file" 1 "$ORRERY" config &&
if [ "$(cat "$T/err")" = "orrery: $HOME/.config/orrery/config.ini:3: timeout: 0 is out of range (1 to 600)" ]; then
	ok "error in the default file"
else
	notok "error in the default file" "stderr: $(cat "$T/err")"
fi
rm -f "$HOME/.config/orrery/config.ini"

# --- files that cannot be read ----------------------------------------

run "-c missing file" 1 "$ORRERY" -c "$T/nope.ini" config &&
if [ "$(cat "$T/err")" = "orrery: $T/nope.ini: cannot read: No such file or directory" ] &&
    [ "$(lines "$T/err")" = 1 ] && [ ! -s "$T/out" ]; then
	ok "-c missing file"
else
	notok "-c missing file" "stderr: $(cat "$T/err")"
fi
expect "-c directory" 1 "^orrery: $T/xdg: cannot read: " "$T/err" \
    "$ORRERY" -c "$T/xdg" config
if [ "$(id -u)" = 0 ]; then
	ok "-c unreadable file # SKIP running as root"
else
	printf '[general]\n' >"$T/secret.ini"
	chmod 000 "$T/secret.ini"
	expect "-c unreadable file" 1 \
	    "^orrery: $T/secret.ini: cannot read: Permission denied\$" \
	    "$T/err" "$ORRERY" -c "$T/secret.ini" config
	chmod 600 "$T/secret.ini"
fi
expect "-c /dev/null gives the defaults" 0 '^timeout = 30$' "$T/out" \
    "$ORRERY" -c /dev/null config
# iniparser opens the file by name after the line scan read it: a pipe
# would be read twice, so it is refused.
rm -f "$T/fifo"
mkfifo "$T/fifo"
expect "-c FIFO is refused" 1 "^orrery: $T/fifo: not a regular file\$" \
    "$T/err" "$ORRERY" -c "$T/fifo" config

# --- errors, each with its line ---------------------------------------

# The hints at the end of the messages: what to do, what a value may be.
LISTS="(orrery.ini(5) lists them)"
SECTIONS="[general], [sync], [colors], [keys], [views] or [filters]"
SYNTAX="(want [section] or key = value)"
NAMES="(a character, C-x, F1 to F12, U+XXXX or a name such as PageDown)"
ONE="(remove it from one)"
COLOURS="(a name such as red or bright-red, default, or 0 to 255)"
ATTRS="(bold, dim, underline, reverse, italic, blink, standout or normal)"

fails "unknown key" $'# comment\n[general]\n\nfoo = 1\n' \
    '4: unknown key "foo" in [general] '"$LISTS"
fails "unknown key in [colors]" $'[colors]\nfg = red\n' \
    '2: unknown key "fg" in [colors] '"$LISTS"
fails "unknown action in [keys]" \
    $'[general]\ntimeout = 5\n[keys]\nfrobnicate = q\n' \
    '4: unknown key "frobnicate" in [keys] '"$LISTS"
fails "unknown section" $'[general]\ntimeout = 5\n\n[bar]\nx = 1\n' \
    '4: unknown section [bar] ('"$SECTIONS)"
fails "key outside a section" $'; settings\n\ntimeout = 5\n[general]\n' \
    '3: key outside a section (put it under '"$SECTIONS)"
fails "not a number" $'[general]\n\nrefresh-interval = abc\n' \
    '3: refresh-interval: "abc" is not a number (0 to 10080)'
fails "not a whole number" $'[general]\ntimeout = 1.5\n' \
    '2: timeout: "1.5" is not a number (1 to 600)'
fails "hex is not base 10" $'[general]\ntimeout = 0x10\n' \
    '2: timeout: "0x10" is not a number (1 to 600)'
fails "empty number" $'[general]\ntimeout =\n' \
    '2: timeout: "" is not a number (1 to 600)'
fails "below range" $'[general]\nrefresh-on-start = no\ntimeout = 0\n' \
    '3: timeout: 0 is out of range (1 to 600)'
fails "above range" $'[general]\nrefresh-interval = 10081\n' \
    '2: refresh-interval: 10081 is out of range (0 to 10080)'
fails "text-width range" $'[general]\ntext-width = 19\n' \
    '2: text-width: 19 is out of range (20 to 400)'
fails "max-feed-size range" $'[general]\nmax-feed-size = 1025\n' \
    '2: max-feed-size: 1025 is out of range (1 to 1024)'
fails "not a bool" $'[general]\nrefresh-on-start = maybe\n' \
    '2: refresh-on-start: "maybe" is not yes or no'
fails "not an enum choice" $'[general]\n\n\ntimezone = mars\n' \
    '4: timezone: "mars" is not one of local, utc'
fails "syntax error" $'[general]\ntimeout = 5\n\nthis is not ini\n' \
    '4: syntax error: this is not ini '"$SYNTAX"
fails "syntax error, indented" $'[general]\n   oops\n' \
    '2: syntax error: oops '"$SYNTAX"
fails "line too long" "[general]"$'\n'"browser = $(printf '%01100d' 0)"$'\n' \
    '2: line too long'
# The file is read into a buffer of its size, up to the 1 MiB cap.
fails "a file over 1 MiB is refused" \
    "$(yes '# a comment line of thirty-two.' | head -c 1048577)" \
    ' too large (over 1024 KiB)'
{ yes '# a comment line of thirty-two.' | head -c 1048000; printf '\n[general]\ntimeout = 44\n'; } >"$T/big.ini"
expect "a file just under 1 MiB is read whole" 0 '^timeout = 44$' "$T/out" \
    "$ORRERY" -c "$T/big.ini" config
fails "the first error in the file wins" \
    $'[general]\ntimeout = 0\nfoo = 1\n[bar]\n' \
    '2: timeout: 0 is out of range (1 to 600)'
fails "a value error after a structural one" \
    $'[general]\nfoo = 1\ntimeout = 0\n' \
    '2: unknown key "foo" in [general] '"$LISTS"
fails "repeated key: the last one counts" \
    $'[general]\ntimeout = 5\ntimeout = 601\n' \
    '3: timeout: 601 is out of range (1 to 600)'
fails "reopened section" \
    $'[general]\ntimeout = 5\n[colors]\n[General]\nnope = 1\n' \
    '5: unknown key "nope" in [general] '"$LISTS"
fails "line numbers count continuation lines" \
    $'[general]\nbrowser = a \\\n  b\nfoo = 1\n' \
    '4: unknown key "foo" in [general] '"$LISTS"
fails "control characters are not echoed" \
    $'[general]\nbrowser = x\n\e[31mbad\n' \
    '3: syntax error: ?[31mbad '"$SYNTAX"
fails "mouse is yes or no" $'[general]\nmouse = sometimes\n' \
    '2: mouse: "sometimes" is not yes or no'

# --- [keys] and [colors] errors ---------------------------------------

fails "unknown key name" $'[keys]\n\nopen = Enter Pgdown\n' \
    '3: open: unknown key name "Pgdown" '"$NAMES"
fails "C- takes a letter" $'[keys]\nhelp = C-1\n' \
    '2: help: unknown key name "C-1" '"$NAMES"
fails "F13 is no key" $'[keys]\nhelp = F13\n' \
    '2: help: unknown key name "F13" '"$NAMES"
fails "a key name is not echoed raw" $'[keys]\nhelp = x\e[31m\n' \
    '2: help: unknown key name "x?[31m" '"$NAMES"
fails "too many keys" $'[keys]\ndown = j Down C-n C-e 1 2 3 4 5\n' \
    '2: down: more than 8 keys'
fails "none with other keys" $'[keys]\nhelp = none ?\n' \
    '2: help: "none" cannot go with other keys'
fails "colliding bindings: the later line" \
    $'[general]\n[keys]\nopen = x\n\nnext-match = y x\n' \
    '5: key "x" is bound to both open and next-match in the Planet view '"$ONE"
fails "colliding bindings, the other order" \
    $'[keys]\nnext-match = y x\nup = k\nopen = x\n' \
    '4: key "x" is bound to both open and next-match in the Planet view '"$ONE"
fails "colliding bindings in the pager" \
    $'[keys]\nlinks = x\ntoggle-star = s x\n' \
    '3: key "x" is bound to both toggle-star and links in the pager '"$ONE"
fails "colliding bindings spelled differently" \
    $'[keys]\nhalf-down = C-D\nredraw = ^d\n' \
    '3: key "C-d" is bound to both half-down and redraw in the Planet view '"$ONE"
fails "an earlier error wins over a collision" \
    $'[keys]\nopen = x\nnope = 1\nnext-match = x\n' \
    '3: unknown key "nope" in [keys] '"$LISTS"
fails "a collision wins over a later error" \
    $'[keys]\nopen = x\nnext-match = x\n[general]\ntimeout = 0\n' \
    '3: key "x" is bound to both open and next-match in the Planet view '"$ONE"
fails "unknown colour" $'[colors]\ntitle = purpel\n' \
    '2: title: unknown colour "purpel" '"$COLOURS"
fails "unknown attribute" $'[colors]\n\nlink = blue default underlined\n' \
    '3: link: unknown attribute "underlined" '"$ATTRS"
fails "colour number out of range" $'[colors]\ncode = 256\n' \
    '2: code: colour "256" is out of range (0 to 255)'
fails "colorN out of range" $'[colors]\ncode = red color300\n' \
    '2: code: colour "color300" is out of range (0 to 255)'
fails "three colours" $'[colors]\ndim = red green blue\n' \
    '2: dim: a third colour "blue" (a foreground and a background at most)'
fails "colour after an attribute" $'[colors]\ndim = red bold blue\n' \
    '2: dim: colour "blue" after an attribute (colours come first)'
fails "attribute without a colour" $'[colors]\ndim = bold\n' \
    '2: dim: "bold" comes before the foreground colour'
fails "empty colour" $'[colors]\ndim =\n' \
    '2: dim: no foreground colour (leave the key out for the default)'

# A bad [keys] or [colors] value stops every command, not only `config`.
printf '[keys]\nopen = x\nnext-match = x\n' >"$C"
for cmd in feeds list; do
	expect "colliding bindings stop $cmd" 1 \
	    "^orrery: $C:3: key \"x\" is bound to both open and next-match" \
	    "$T/err" "$ORRERY" -c "$C" -d "$T/never.db" "$cmd"
done
printf '[colors]\ntitle = purpel\n' >"$C"
expect "a bad colour stops list" 1 "^orrery: $C:2: title: unknown colour" \
    "$T/err" "$ORRERY" -c "$C" -d "$T/never.db" list
if [ -e "$T/never.db" ]; then
	notok "a bad config opens no store" "$T/never.db was created"
else
	ok "a bad config opens no store"
fi

# --- values -----------------------------------------------------------

gives "042 is 42" $'[general]\nrefresh-interval = 042\n' \
    'refresh-interval = 42'
gives "range ends are allowed" $'[general]\nrefresh-interval = 0\nmax-connections = 256\n' \
    'refresh-interval = 0' 'max-connections = 256'
for b in yes true on 1 YES True ON; do
	gives "bool $b" $'[general]\nrefresh-on-start = '"$b"$'\n' \
	    'refresh-on-start = yes'
done
for b in no false off 0 NO False oFF; do
	gives "bool $b" $'[general]\nrefresh-on-start = '"$b"$'\n' \
	    'refresh-on-start = no'
done
gives "enum is case-insensitive" $'[general]\ntimezone = UTC\n' \
    'timezone = utc'
gives "enum local" $'[general]\ntimezone = Local\n' 'timezone = local'
gives "section and key names are case-insensitive" \
    $'[GENERAL]\nTimeOut = 7\n' 'timeout = 7'
gives "quoted string keeps ; and spaces" \
    $'[general]\nuser-agent = " my agent ; 1.0 " ; comment\n' \
    'user-agent = " my agent ; 1.0 "'
gives "single-quoted string" $'[general]\nbrowser = \'say "hi"\'\n' \
    'browser = say "hi"'
gives "inline comments" \
    $'[general]\nbrowser = firefox # the browser\ntext-width = 100 ; c\n' \
    'browser = firefox' 'text-width = 100'
gives "blanks around = and values" $'[general]\n\t timeout\t=   9  \n' \
    'timeout = 9'
gives "empty string" $'[general]\nbrowser =\n' 'browser = ""'
gives "empty [colors] and [keys] are fine" $'[general]\n[colors]\n[keys]\n' \
    'timeout = 30'
gives "mouse and mark-read-on-open" \
    $'[general]\nmouse = on\nmark-read-on-open = NO\n' \
    'mouse = yes' 'mark-read-on-open = no'

# --- [keys] -----------------------------------------------------------

gives "a [keys] override" $'[keys]\nhelp = F1 ?\n' 'help = F1 ?' \
    'down = j Down C-n C-e'
gives "key names print canonically" \
    $'[keys]\ndown = j  DOWN\tc-n ^E j\nopen = return PageDown U+00E9\n' \
    'down = j Down C-n C-e' 'open = Enter PgDn é'
gives "an override takes the key from defaults in its views" \
    $'[keys]\nopen = n\n' \
    'open = n' 'next-match = none' 'next-entry = n' 'page-down = Space PgDn C-f f'
gives "an all-views override takes from every view" \
    $'[keys]\ntop = n g\n' \
    'top = n g' 'next-match = none' 'next-entry = none'
gives "one key in views that do not meet" \
    $'[keys]\nsort = x u\nlinks = x\n' \
    'sort = x u' 'links = x' 'toggle-read = u'
gives "swapping two keys" $'[keys]\ndown = k\nup = j\n' \
    'down = k' 'up = j'
gives "none and empty unbind" $'[keys]\nhelp = none\nredraw =\n' \
    'help = none' 'redraw = none'
gives "a quoted list keeps # and ;" \
    $'[keys]\nsearch = "/ # ;"\nhelp = ? # a comment\n' \
    'search = "/ # ;"' 'help = ?'

# --- [colors] ---------------------------------------------------------

gives "colours by name and number" \
    $'[colors]\ntitle = bright-white blue bold\nlink = 33 default underline\ncode = color208\nerror = Bright-Red\nsyntax-comment = 244 default italic\ndim = color0 bright-black normal\n' \
    'title = bright-white blue bold' 'link = 33 default underline' \
    'code = color208' 'error = Bright-Red' \
    'syntax-comment = 244 default italic' 'dim = color0 bright-black normal'
gives "every attribute" \
    $'[colors]\nmark = red default bold dim underline reverse italic blink standout\n' \
    'mark = red default bold dim underline reverse italic blink standout'

# --- print, load, print -----------------------------------------------

put $'[general]
refresh-interval = 0
refresh-on-start = off
max-connections = 3
max-connections-per-host = 1
timeout = 600
user-agent = "  padded ; with # marks  "
browser = \'sh -c "x" #\'
timezone = UTC
text-width = 400
default-feed = https://example.org/feed?a=1&b=2
max-feed-size = 1
mouse = yes
mark-read-on-open = no
[colors]
title = white  blue   BOLD
code = 208
[keys]
open = n
search = "# /"
help = \'" ;\'
back = \\ q
quit = "\'"
'
cp "$C" "$T/rt0.ini"
if run "round trip" 0 "$ORRERY" -c "$T/rt0.ini" config; then
	cp "$T/out" "$T/rt1.ini"
	if run "round trip" 0 "$ORRERY" -c "$T/rt1.ini" config; then
		cp "$T/out" "$T/rt2.ini"
		if ! diff <(body "$T/rt1.ini") <(body "$T/rt2.ini") >/dev/null; then
			notok "round trip" "reprint differs: $(diff <(body "$T/rt1.ini") <(body "$T/rt2.ini") | tr '\n' '|')"
		elif ! grep -Fxq 'browser = '\''sh -c "x" #'\' "$T/rt1.ini" ||
		    ! grep -Fxq 'user-agent = "  padded ; with # marks  "' "$T/rt1.ini" ||
		    ! grep -Fxq 'timezone = utc' "$T/rt1.ini" ||
		    ! grep -Fxq 'title = white  blue   BOLD' "$T/rt1.ini" ||
		    ! grep -Fxq 'next-match = none' "$T/rt1.ini" ||
		    ! grep -Fxq 'search = "# /"' "$T/rt1.ini" ||
		    ! grep -Fxq "help = '\" ;'" "$T/rt1.ini" ||
		    ! grep -Fxq 'back = \ q' "$T/rt1.ini" ||
		    ! grep -Fxq "quit = \"'\"" "$T/rt1.ini"; then
			notok "round trip" "values changed: $(tr '\n' '|' <"$T/rt1.ini")"
		else
			ok "round trip"
		fi
	fi
fi
# A view that holds both quotes and starts with two (iniparser reads it
# bare): printed bare, it reads back the same (found by fuzz_config).
printf '[views]\nq = "" python "it'"'"'s"\n' >"$T/both.ini"
if run "round trip: a value with both quotes" 0 "$ORRERY" -c "$T/both.ini" config; then
	cp "$T/out" "$T/both1.ini"
	if run "round trip: a value with both quotes" 0 "$ORRERY" -c "$T/both1.ini" config; then
		if grep -Fxq "q = \"\" python \"it's\"" "$T/out" &&
		    diff <(body "$T/both1.ini") <(body "$T/out") >/dev/null; then
			ok "round trip: a value with both quotes"
		else
			notok "round trip: a value with both quotes" "$(grep '^q' "$T/out")"
		fi
	fi
fi
if run "defaults round trip" 0 "$ORRERY" -c "$T/defaults" config; then
	if diff <(body "$T/defaults") <(body "$T/out") >/dev/null; then
		ok "defaults round trip"
	else
		notok "defaults round trip" "differs"
	fi
fi

# --- the annotated example --------------------------------------------

EX="$TESTS/../config/orrery.ini"
if run "config/orrery.ini loads" 0 "$ORRERY" -c "$EX" config; then
	if diff <(body "$T/defaults") <(body "$T/out") >/dev/null; then
		ok "config/orrery.ini loads"
	else
		notok "config/orrery.ini loads" "not the defaults: $(diff <(body "$T/defaults") <(body "$T/out") | tr '\n' '|')"
	fi
fi
# Every key is there, commented out with its default ...
missing=""
while IFS= read -r l; do
	case "$l" in *' = '*) grep -Fxq -- "#$l" "$EX" || missing="$missing|$l" ;; esac
done < <(body "$T/defaults")
if [ -z "$missing" ]; then
	ok "config/orrery.ini documents every key with its default"
else
	notok "config/orrery.ini documents every key with its default" \
	    "missing: $missing"
fi
# ... with a comment just above it ...
nohelp=$(awk '/^#[a-z-]+ = / && prev !~ /^# [A-Z]/ { print $1 } { prev = $0 }' "$EX")
if [ -z "$nohelp" ]; then
	ok "config/orrery.ini explains every key"
else
	notok "config/orrery.ini explains every key" "no comment above: $nohelp"
fi
# ... and uncommenting every key still gives the defaults.
sed 's/^#\([a-z][a-z-]* = \)/\1/' "$EX" >"$T/uncommented.ini"
if run "config/orrery.ini uncommented" 0 "$ORRERY" -c "$T/uncommented.ini" config; then
	if diff <(body "$T/defaults") <(body "$T/out") >/dev/null; then
		ok "config/orrery.ini uncommented"
	else
		notok "config/orrery.ini uncommented" "not the defaults"
	fi
fi

exit 0
