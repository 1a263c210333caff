#!/bin/bash
# tests/suite_man.sh: the manual pages man/orrery.1 and man/orrery.ini.5
# against the real binary, so that neither can drift from the program:
#   - every key that `orrery config` prints is documented in orrery.ini.5
#     (".It Ic KEY" under ".Ss The [SECTION] section") and present in
#     config/orrery.ini, and every key the page documents is a real one;
#   - the page's default, range and choices for each key are what the
#     binary uses (defaults from `orrery config`, ranges and choices from
#     the errors it gives for a value no key accepts);
#   - every command, option and parse option in the usage is in orrery.1
#     (".It Cm NAME", ".It Fl ...") and every command there is a real one;
#   - the JSON members in orrery.1's parse contract are the ones `orrery
#     parse` prints;
#   - `mandoc -Tlint` is clean on both pages.  mandoc is a test dependency
#     (scripts/install-deps): a missing mandoc is a failure, not a skip.
. "$TESTS/lib.sh"

P1="$TESTS/../man/orrery.1"
P5="$TESTS/../man/orrery.ini.5"
EX="$TESTS/../config/orrery.ini"

for f in "$P1" "$P5" "$EX"; do
	if [ ! -f "$f" ]; then
		notok "pages exist" "no $f"
		exit 0
	fi
done
ok "pages exist"

# words FILE: FILE's lines sorted and without duplicates, one a line
words() { sort -u "$1"; }

# only_in A B: the lines of sorted A that are not in sorted B, joined by " "
only_in() { comm -23 "$1" "$2" | tr '\n' ' ' | sed 's/ $//'; }

# --- the configuration keys -----------------------------------------------

# What the binary says: "SECTION<TAB>KEY<TAB>VALUE" per key.  lib.sh points
# HOME and XDG_CONFIG_HOME at an empty directory: these are the defaults.
if ! run "orrery config runs" 0 "$ORRERY" config; then
	exit 0
fi
cp "$T/out" "$T/config.out"
awk '/^\[[a-z]+\]$/ { sec = substr($0, 2, length($0) - 2); next }
    / = / && sec != "" {
	i = index($0, " = ")
	printf "%s\t%s\t%s\n", sec, substr($0, 1, i - 1), substr($0, i + 3)
    }' "$T/config.out" >"$T/config.tsv"
cut -f 1,2 "$T/config.tsv" | words /dev/stdin >"$T/config.keys"
if [ -s "$T/config.keys" ]; then
	ok "orrery config lists keys"
else
	notok "orrery config lists keys" "none in: $(head -c 300 "$T/config.out")"
	exit 0
fi
version=$("$ORRERY" --version | sed -n 's/^orrery //p')

# What the page says: "SECTION<TAB>KEY" per ".It Ic KEY" entry, the
# section being the ".Ss The [SECTION] section" above it.
awk '/^\.Sh / { sec = "" }
    /^\.Ss The \[[a-z]+\] section$/ {
	sec = $3; gsub(/[][]/, "", sec)
    }
    /^\.It Ic / { printf "%s\t%s\n", sec == "" ? "(no section)" : sec, $3 }' \
    "$P5" | words /dev/stdin >"$T/page.keys"

missing=$(only_in "$T/config.keys" "$T/page.keys")
if [ -z "$missing" ]; then
	ok "orrery.ini.5 documents every key"
else
	notok "orrery.ini.5 documents every key" \
	    "no '.It Ic KEY' under its section for: $(echo "$missing" | tr '\t' ' ')"
fi
extra=$(only_in "$T/page.keys" "$T/config.keys")
if [ -z "$extra" ]; then
	ok "orrery.ini.5 documents only real keys"
else
	notok "orrery.ini.5 documents only real keys" \
	    "not in orrery config: $(echo "$extra" | tr '\t' ' ')"
fi

# The example file: each key, set or commented out, under its section.
awk '/^\[[a-z]+\]$/ { sec = substr($0, 2, length($0) - 2); next }
    /^#?[a-z][a-z0-9-]* = / {
	k = $1; sub(/^#/, "", k); printf "%s\t%s\n", sec, k
    }' "$EX" | words /dev/stdin >"$T/example.keys"
missing=$(only_in "$T/config.keys" "$T/example.keys")
if [ -z "$missing" ]; then
	ok "config/orrery.ini has every key"
else
	notok "config/orrery.ini has every key" \
	    "missing: $(echo "$missing" | tr '\t' ' ')"
fi

# block SECTION KEY: the page's entry for KEY under ".Ss The [SECTION]
# section" (a [keys] action may share a [general] key's name), from its
# .It line to the next .It, .El or section.
block() {
	awk -v s="$1" -v k="$2" '/^\.Sh / { sec = "" }
	    /^\.Ss The \[[a-z]+\] section$/ { sec = $3; gsub(/[][]/, "", sec) }
	    sec == s && $1 == ".It" && $2 == "Ic" && $3 == k { on = 1; print; next }
	    on && /^\.(It|El|Ss|Sh)( |$)/ { exit }
	    on { print }' "$P5"
}

# page_default SECTION KEY: the value of the ".Ql VALUE [.,]" line that
# follows "The default is" in KEY's entry, as the text it renders to; the
# word "version" in "orrery/ Ns Ar version" stands for the program's version.
page_default() {
	block "$1" "$2" | awk 'want && /^\.Ql / {
		    v = substr($0, 5); sub(/ [.,;:]$/, "", v); print v; exit
		}
		{ want = /(^|[ ])The default is$/ }' |
	    sed -e "s/ Ns Ar version\$/$version/" -e 's/\\(dq/"/g' \
		-e 's/\\&//g' -e 's/\\e/\\/g'
}

bad=""
while IFS=$'\t' read -r sec key val; do
	grep -Fxq -- "$sec	$key" "$T/page.keys" || continue
	got=$(page_default "$sec" "$key")
	if [ -z "$got" ]; then
		bad="$bad $key (no 'The default is' / '.Ql VALUE')"
	elif [ "$got" != "$val" ]; then
		bad="$bad $key (page '$got', orrery config '$val')"
	fi
done <"$T/config.tsv"
if [ -z "$bad" ]; then
	ok "orrery.ini.5 defaults are orrery's"
else
	notok "orrery.ini.5 defaults are orrery's" "${bad# }"
fi

# The kind of each key, from the binary: give it a value that no key
# takes and read the error.  A number key says its range, a yes/no key
# and a choice key say what they take, a key list and a colour say the
# value is no key name or no colour, and a text key takes anything.
bad=""
while IFS=$'\t' read -r sec key val; do
	grep -Fxq -- "$sec	$key" "$T/page.keys" || continue
	printf '[%s]\n%s = 9223372036854775807\n' "$sec" "$key" >"$T/probe.ini"
	"$ORRERY" -c "$T/probe.ini" config >/dev/null 2>"$T/err"
	status=$?
	err=$(cat "$T/err")
	item=$(block "$sec" "$key" | head -n 1)
	text=$(block "$sec" "$key" | grep -v '^\.' | tr '\n' ' ')
	case "$status:$err" in
	1:*": unknown key name \""*)
		[ "$item" = ".It Ic $key Ns = Ns Ar keys" ] ||
			bad="$bad $key (key list: '$item')"
		;;
	1:*": colour \""*"\" is out of range (0 to 255)")
		[ "$item" = ".It Ic $key Ns = Ns Ar colour" ] ||
			bad="$bad $key (colour: '$item')"
		;;
	1:*" is out of range ("*" to "*")")
		range=${err##*out of range (}
		range=${range%)}
		want="A number from ${range% to *} to ${range#* to }"
		case "$text" in
		*"$want"*) ;;
		*) bad="$bad $key (no '$want')" ;;
		esac
		;;
	1:*" is not yes or no")
		[ "$item" = ".It Ic $key Ns = Ns Cm yes | no" ] ||
			bad="$bad $key (yes/no key: '$item')"
		;;
	1:*" is not one of "*)
		choices=${err##* is not one of }
		want=".It Ic $key Ns = Ns Cm ${choices//, / | }"
		[ "$item" = "$want" ] || bad="$bad $key ('$item', want '$want')"
		;;
	0:)
		case "$item" in
		".It Ic $key Ns = Ns Ar "[a-zA-Z]*) ;;
		*) bad="$bad $key (text key: '$item')" ;;
		esac
		;;
	*)
		bad="$bad $key (unexpected: exit $status, '$err')"
		;;
	esac
done <"$T/config.tsv"
if [ -z "$bad" ]; then
	ok "orrery.ini.5 kinds, ranges and choices are orrery's"
else
	notok "orrery.ini.5 kinds, ranges and choices are orrery's" "${bad# }"
fi

# Sections without keys are still described.
bad=""
while read -r sec; do
	grep -Fxq ".Ss The [$sec] section" "$P5" || bad="$bad [$sec]"
done < <(awk '/^\[[a-z]+\]$/ { print substr($0, 2, length($0) - 2) }' \
    "$T/config.out")
if [ -z "$bad" ]; then
	ok "orrery.ini.5 describes every section"
else
	notok "orrery.ini.5 describes every section" "missing:$bad"
fi

# --- the commands and options -----------------------------------------

if ! run "orrery --help runs" 0 "$ORRERY" --help; then
	exit 0
fi
cp "$T/out" "$T/help"
awk '/^Commands:$/ { on = 1; next } on && /^$/ { exit } on { print $1 }' \
    "$T/help" | words /dev/stdin >"$T/help.cmds"
awk '/^\.It Cm [a-z]/ { print $3 }' "$P1" | words /dev/stdin >"$T/page.cmds"
if [ ! -s "$T/help.cmds" ]; then
	notok "orrery.1 documents every command" "no commands in --help"
else
	missing=$(only_in "$T/help.cmds" "$T/page.cmds")
	if [ -z "$missing" ]; then
		ok "orrery.1 documents every command"
	else
		notok "orrery.1 documents every command" \
		    "no '.It Cm NAME' for: $missing"
	fi
fi
extra=$(only_in "$T/page.cmds" "$T/help.cmds")
if [ -z "$extra" ]; then
	ok "orrery.1 documents only real commands"
else
	notok "orrery.1 documents only real commands" \
	    "not in orrery --help: $extra"
fi

# Options: "  -c, --config FILE  ..." in --help needs an ".It Fl c" line
# that names "Fl -config" too.
bad=""
while read -r short long _; do
	short=${short%,}
	# A long option alone ("  --offline  never ..."): its own .It line.
	case "$short" in
	--*) long=$short ;;
	esac
	line=$(grep -E "^\.It Fl ${short#-}( |$)" "$P1" | head -n 1)
	case "$line" in
	*"Fl ${long#-}"*) ;;
	*) bad="$bad $short/$long" ;;
	esac
done < <(awk '/^Options:$/ { on = 1; next } on && /^$/ { exit } on' \
    "$T/help")
if [ -z "$bad" ]; then
	ok "orrery.1 documents every option"
else
	notok "orrery.1 documents every option" \
	    "no '.It Fl X ... Fl -LONG' for:$bad"
fi

# The parse options, from `orrery help parse`.
bad=""
for opt in $("$ORRERY" help parse | head -n 1 | grep -oE -- '--[a-z-]+'); do
	grep -Eq "^\.It Fl ${opt#-}( |$)" "$P1" || bad="$bad $opt"
done
if [ -z "$bad" ]; then
	ok "orrery.1 documents every parse option"
else
	notok "orrery.1 documents every parse option" "no '.It Fl' for:$bad"
fi

# --- the parse output -------------------------------------------------

# The member names `orrery parse` prints for a feed with an enclosure
# against those in the contract block of orrery.1 (between ".Bd -literal"
# and ".Ed" right after ".Sh PARSE OUTPUT").
FIX="$TESTS/parse/rss2-enclosure.in"
if run "parse output members" 0 "$ORRERY" parse "$FIX"; then
	grep -oE '"[a-z_]+": ' "$T/out" | tr -d '": ' |
	    words /dev/stdin >"$T/json.members"
	awk '/^\.Sh PARSE OUTPUT/ { sec = 1; next } /^\.Sh / { sec = 0 }
	    sec && /^\.Bd -literal/ { on = 1; next } on && /^\.Ed/ { exit }
	    on' "$P1" | grep -oE '"[a-z_]+":' | tr -d '":' |
	    words /dev/stdin >"$T/page.members"
	if ! grep -qx enclosures "$T/json.members" ||
	    ! grep -qx length "$T/json.members"; then
		notok "parse output members" "$FIX gave no enclosure"
	elif cmp -s "$T/json.members" "$T/page.members"; then
		ok "parse output members"
	else
		notok "parse output members" "only in orrery parse: $(only_in \
		    "$T/json.members" "$T/page.members"); only in orrery.1: \
$(only_in "$T/page.members" "$T/json.members")"
	fi
fi

# --- mandoc -----------------------------------------------------------

# "referenced manual not found" (and the stale-database note that comes
# with it) depends on which manuals this machine has installed, orrery's
# own included: it says nothing about the page.
for page in "$P1" "$P5"; do
	name="mandoc -Tlint $(basename "$page")"
	if ! command -v mandoc >/dev/null 2>&1; then
		notok "$name" "mandoc is not installed (scripts/install-deps installs it)"
		continue
	fi
	mandoc -Tlint -W style "$page" 2>&1 |
	    grep -v -e 'STYLE: referenced manual not found' \
		-e 'mandoc\.db' >"$T/lint"
	if [ -s "$T/lint" ]; then
		notok "$name" "$(head -n 5 "$T/lint" | tr '\n' '|')"
	else
		ok "$name"
	fi
	name="mandoc renders $(basename "$page")"
	# Without the overstriking that -Tutf8 uses for bold and underline.
	if mandoc -Tutf8 "$page" 2>/dev/null |
	    sed 's/.\x08//g' >"$T/rendered" &&
	    grep -q '^NAME' "$T/rendered" && grep -q '^DESCRIPTION' "$T/rendered"; then
		ok "$name"
	else
		notok "$name" "$(head -c 200 "$T/rendered")"
	fi
done

exit 0
