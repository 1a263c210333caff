# suite_completion: the shell completions in scripts/completion.
#
# bash: orrery.bash is sourced in `bash --norc` and _orrery is called with
# COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set as readline sets
# them (split at blanks and at ':' and '='); COMPREPLY is what bash would
# offer.  Every case runs twice when the bash-completion package is
# installed: without it (the fallbacks) and with it loaded.
#
# zsh: _orrery is checked with `zsh -n`, then a real interactive zsh runs
# under zsh's zpty module with compinit and scripts/completion in $fpath.
# Each line is typed and completed there (complete-word); a compadd
# wrapper records every match the completion system adds.  zsh is a test
# dependency (scripts/install-deps): a missing zsh is a failure.
#
# Both are checked against a real store made with `orrery add` (names
# with a blank, quotes and ':'), against the usage strings of the binary
# (every command and option it lists, and none it does not), and for
# quietness: no output on stderr, and no store created by completing.
. "$TESTS/lib.sh"

COMPDIR=$(cd "$TESTS/../scripts/completion" && pwd)
case $ORRERY in /*) ;; *) ORRERY=$PWD/$ORRERY ;; esac

# `orrery` on a completed line must be the binary under test.
mkdir -p "$T/bin" "$T/work/nb" "$T/xdg"
ln -s "$ORRERY" "$T/bin/orrery"
export PATH="$T/bin:$PATH" XDG_DATA_HOME="$T/xdg"
cd "$T/work" || exit 1

# The store: feeds.db here and a copy at ~/feeds.db (for -d ~/...).  Its
# posts' sources (list --sources) are the feeds' own titles: Atom Five,
# Feed With TTL, Small Feed.
F="file://$TESTS/fetch"
if ! { "$ORRERY" -d feeds.db add "$F/rss-small.xml" --name "Blog A" &&
    "$ORRERY" -d feeds.db add "$F/atom-five.xml" --name "Blog \"B\": it's" &&
    "$ORRERY" -d feeds.db add "$F/rss-ttl.xml" --name "Python: News" &&
    "$ORRERY" -d feeds.db refresh; } >"$T/out" 2>&1; then
	notok "the store is made" "$(head -c 300 "$T/out")"
	exit 1
fi
cp feeds.db "$HOME/feeds.db"
mkdir "my dir"
cp feeds.db "my dir/feeds.db"
# The default store ($XDG_DATA_HOME/orrery/orrery.db) holds another feed,
# so that a -d not passed on shows.
"$ORRERY" -d "$T/xdg/orrery/orrery.db" add "$F/rss-small.xml" \
    --name "Default Feed" >/dev/null 2>&1
: >empty.ini
: >notes.txt
: >opml.xml
: >urls
names='Blog "B": it'"'"'s
Blog A
Python: News'
urls="$F/atom-five.xml
$F/rss-small.xml
$F/rss-ttl.xml"

# What the binary says: its commands, its global options, and the long
# options in each command's usage line.
commands=$("$ORRERY" --help | sed -n '/^Commands:/,/^$/p' |
    awk 'NF && $1 != "Commands:" { print $1 }')
# "  -c, --config FILE  read ...": the options are left of the two blanks.
globals=$("$ORRERY" --help | sed -n '/^Options:/,/^$/{ s/^  //; s/  .*//; p; }' |
    grep -oE -- '(^|[ ,])--?[a-zA-Z][a-z-]*' | tr -d ' ,')
usage_opts() { "$ORRERY" help "$1" | head -n 1 | grep -oE -- '--[a-z][a-z-]*'; }
if [ "$(printf '%s\n' "$commands" | wc -l)" -lt 10 ] ||
    [ "$(printf '%s\n' "$globals" | wc -l)" -lt 8 ]; then
	notok "orrery --help lists commands and options" \
	    "commands: $commands; options: $globals"
fi

# same NAME WANT: the lines of $T/got must be the lines of WANT, in any
# order and without doubles; $T/gerr must be empty.
same() {
	printf '%s\n' "$2" | sed '/^$/d' | sort -u >"$T/want"
	sed '/^$/d' "$T/got" | sort -u >"$T/have"
	if ! cmp -s "$T/want" "$T/have"; then
		notok "$1" "got [$(tr '\n' '|' <"$T/have")]\
 want [$(tr '\n' '|' <"$T/want")]"
	elif [ -s "$T/gerr" ]; then
		notok "$1" "printed on stderr: $(head -c 200 "$T/gerr")"
	else
		ok "$1"
	fi
}

# matches_usage NAME CMD: the long options offered for `CMD --` are those
# of `orrery help CMD`, give or take --help, --offline and --colour (an
# alias of --color that the usage leaves out).
matches_usage() {
	usage_opts "$2" | sort -u >"$T/want"
	grep -vxE -- '|--help|--offline|--colour' "$T/got" | sort -u >"$T/have"
	if cmp -s "$T/want" "$T/have"; then
		ok "$1"
	else
		notok "$1" "completion [$(tr '\n' ' ' <"$T/have")]\
 usage [$(tr '\n' ' ' <"$T/want")]"
	fi
}

# --- bash -----------------------------------------------------------------

# bcomp.bash LINE WORD...: complete LINE (the cursor at its end), split
# into the WORDs as readline splits it; print the candidates, one a line.
# With BASHCOMP set, bash-completion's bash_completion is loaded first.
cat >"$T/bcomp.bash" <<'EOF'
[ -n "${BASHCOMP-}" ] && . "$BASHCOMP"
. "$COMPDIR/orrery.bash"
COMP_LINE=$1
COMP_POINT=${#1}
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
_orrery
((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
exit 0
EOF
export COMPDIR

# bcomp NAME WANT LINE WORD...: bash offers WANT (lines) for LINE.
bcomp() {
	_n=$1 _w=$2
	shift 2
	bash --norc --noprofile "$T/bcomp.bash" "$@" >"$T/got" 2>"$T/gerr"
	same "$mode: $_n" "$_w"
}

bash_cases() {
	bcomp "orrery re<TAB>: the commands" "refresh
remove
render" "orrery re" orrery re
	bcomp "orrery <TAB>: every command of orrery --help" "$commands" \
	    "orrery " orrery ""
	bcomp "orrery -<TAB>: every option of orrery --help" "$globals" \
	    "orrery -" orrery -
	bcomp "orrery list --<TAB>" "--view
--hidden
--unread
--starred
--source
--since
--limit
--json
--sources
--help" "orrery list --" orrery list --
	for c in $commands; do
		[ "$c" = help ] && continue
		bash --norc --noprofile "$T/bcomp.bash" "orrery $c --" \
		    orrery "$c" -- >"$T/got" 2>"$T/gerr"
		matches_usage "$mode: orrery $c --<TAB> is its usage" "$c"
	done
	bcomp "orrery -d DB refresh <TAB>: the feed names" "$names" \
	    "orrery -d feeds.db refresh " orrery -d feeds.db refresh ""
	bcomp "orrery -d DB remove Bl<TAB>: \"Blog A\" is one candidate" \
	    "Blog \"B\": it's
Blog A" "orrery -d feeds.db remove Bl" orrery -d feeds.db remove Bl
	# shellcheck disable=SC2088 # the word as typed, ~ and all
	bcomp "orrery -d ~/DB refresh <TAB>" "$names" \
	    "orrery -d ~/feeds.db refresh " orrery -d "~/feeds.db" refresh ""
	bcomp "orrery -d 'DIR WITH BLANK/DB' remove Py<TAB>" "Python: News" \
	    "orrery -d 'my dir/feeds.db' remove Py" \
	    orrery -d "'my dir/feeds.db'" remove Py
	bcomp "orrery -d DIR\\ WITH\\ BLANK/DB remove Py<TAB>" "Python: News" \
	    'orrery -d my\ dir/feeds.db remove Py' \
	    orrery -d 'my\ dir/feeds.db' remove Py
	bcomp "orrery --db=DB list --source=Fe<TAB>: the posts' sources" \
	    "Feed With TTL" "orrery --db=feeds.db list --source=Fe" \
	    orrery --db = feeds.db list --source = Fe
	bcomp "remove \"Blog \\\"<TAB> (an open quote)" "Blog \"B\": it's" \
	    'orrery -d feeds.db remove "Blog \"' \
	    orrery -d feeds.db remove '"Blog \"'
	bcomp "remove 'Blog \"<TAB> (an open quote)" "Blog \"B\": it's" \
	    "orrery -d feeds.db remove 'Blog \"" \
	    orrery -d feeds.db remove "'Blog \""
	bcomp "remove 'Blog A<TAB> (an open quote)" "Blog A" \
	    "orrery -d feeds.db remove 'Blog A" \
	    orrery -d feeds.db remove "'Blog A"
	bcomp 'remove Python\:\ <TAB> (escaped)' "Python: News" \
	    'orrery -d feeds.db remove Python\:\ ' \
	    orrery -d feeds.db remove 'Python\:\ '
	# bash replaces only the text after the ':' it split at.
	bcomp "remove Python:<TAB> (split at ':')" " News" \
	    "orrery -d feeds.db remove Python:" \
	    orrery -d feeds.db remove Python :
	bcomp "refresh file:<TAB>: the URLs, after the ':'" \
	    "$(printf '%s\n' "$urls" | sed 's/^file://')" \
	    "orrery -d feeds.db refresh file:" \
	    orrery -d feeds.db refresh file :
	bcomp "refresh takes several names" "Python: News" \
	    "orrery -d feeds.db refresh --force 'Blog A' Py" \
	    orrery -d feeds.db refresh --force "'Blog A'" Py
	bcomp "remove takes one name" "" \
	    "orrery -d feeds.db remove 'Blog A' " \
	    orrery -d feeds.db remove "'Blog A'" ""
	bcomp "-c FILE is passed on (a good one)" "$names" \
	    "orrery -c empty.ini -d feeds.db refresh " \
	    orrery -c empty.ini -d feeds.db refresh ""
	bcomp "-c FILE is passed on (a missing one: no names, no error)" "" \
	    "orrery -c missing.ini -d feeds.db refresh " \
	    orrery -c missing.ini -d feeds.db refresh ""
	bcomp "the default store is used without -d" "Default Feed" \
	    "orrery refresh " orrery refresh ""
	bcomp "no store: no names" "" \
	    "orrery -d new.db remove " orrery -d new.db remove ""
	XDG_DATA_HOME="$T/none" bcomp "no default store: no names" "" \
	    "orrery refresh " orrery refresh ""
	bcomp "orrery mark <TAB>" "read
unread
star
unstar" "orrery mark " orrery mark ""
	bcomp "orrery mark read <TAB>: nothing (ids)" "" \
	    "orrery mark read " orrery mark read ""
	bcomp "orrery help <TAB>: the commands" "$commands" \
	    "orrery help " orrery help ""
	bcomp "orrery -d <TAB>: files" "feeds.db
empty.ini
my dir
nb
notes.txt
opml.xml
urls" "orrery -d " orrery -d ""
	bcomp "orrery import o<TAB>: files" "opml.xml" \
	    "orrery import o" orrery import o
	bcomp "orrery import --from-newsboat n<TAB>: directories" "nb" \
	    "orrery import --from-newsboat n" orrery import --from-newsboat n
	bcomp "orrery feeds <TAB>" "--json
--urls
--names
--help" "orrery feeds " orrery feeds ""
}

mode=bash
unset BASHCOMP
bash_cases
BASHCOMP=
for f in /usr/share/bash-completion/bash_completion \
    /usr/local/share/bash-completion/bash_completion \
    /opt/homebrew/share/bash-completion/bash_completion; do
	[ -f "$f" ] && BASHCOMP=$f && break
done
if [ -n "$BASHCOMP" ]; then
	export BASHCOMP
	mode="bash+bash-completion"
	bash_cases
	unset BASHCOMP
else
	ok "bash with bash-completion # SKIP the bash-completion package is not installed"
fi

# --- zsh ------------------------------------------------------------------

# zcomp.zsh OUT LINE...: type each LINE into an interactive zsh, complete
# it and print "> LINE" and then every match, one a line.  The child's
# stderr goes to OUT.err.
cat >"$T/zcomp.zsh" <<'EOF'
zmodload zsh/zpty || exit 2
zmodload zsh/zselect || exit 2
out=$1
shift

# Read and throw away what the child shell draws.
drain() { local junk; while zpty -rt z junk 2>/dev/null; do :; done }

TERM=xterm zpty z zsh -f -i || exit 2
zpty -w z "PS1='' PS2='' RPS1='' OUT=${(q)out}; exec 2>>\$OUT.err"
zpty -w z "fpath=(${(q)COMPDIR} \$fpath); autoload -Uz compinit; compinit -u -D"
# compadd: record the matches each call adds (the builtin's -O puts those
# that fit the word in an array instead of adding them), then add them.
# Calls with -O, -A or -D add nothing and are passed on as they are.
zpty -w z 'compadd() { local -a _m; if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi; builtin compadd -O _m "$@"; (( $#_m )) && print -rl -- $_m >>$OUT; builtin compadd "$@"; }'
# ^T completes the line, marks the end of the matches, empties the line.
zpty -w z 't-complete() { : >|$OUT; zle complete-word; print END >>$OUT; BUFFER=""; }; zle -N t-complete; bindkey "^T" t-complete'
zpty -w z ': >|$OUT.ready'
for ((i = 0; i < 500; i++)); do
	drain
	[[ -e $out.ready ]] && break
	zselect -t 1
done

for line in "$@"; do
	rm -f $out
	zpty -w -n z "$line"$'\C-t'
	# Up to 5 s for the matches.
	for ((i = 0; i < 500; i++)); do
		drain
		[[ -f $out && $(<$out) == (*$'\n'|)END ]] && break
		zselect -t 1
	done
	print -r -- "> $line"
	if [[ -f $out && $(<$out) == (*$'\n'|)END ]]; then
		print -r -- "${$(<$out)%END}"
	else
		print TIMEOUT
	fi
done
zpty -d z
exit 0
EOF

# zcase LINE WANT NAME: one case; zsh_cases runs them all in one zsh.
zlines=()
zwants=()
znames=()
zcase() { zlines+=("$1"); zwants+=("$2"); znames+=("$3"); }

zcase "orrery re" "refresh
remove
render" "orrery re<TAB>: the commands"
zcase "orrery h" "help" "orrery h<TAB>"
zcase "orrery -" "$globals" "orrery -<TAB>: every option of orrery --help"
zcase "orrery list --" "--view
--hidden
--unread
--starred
--source
--since
--limit
--json
--sources
--help" "orrery list --<TAB>"
zcase "orrery -d feeds.db refresh " "$names" "orrery -d DB refresh <TAB>: the feed names"
zcase "orrery -d feeds.db remove Bl" "Blog \"B\": it's
Blog A" "orrery -d DB remove Bl<TAB>: \"Blog A\" is one candidate"
zcase "orrery -d ~/feeds.db remove " "$names" "orrery -d ~/DB remove <TAB>"
zcase "orrery -d 'my dir/feeds.db' remove Py" "Python: News" "orrery -d 'DIR WITH BLANK/DB' remove Py<TAB>"
zcase 'orrery -d my\ dir/feeds.db remove Py' "Python: News" "orrery -d DIR\\ WITH\\ BLANK/DB remove Py<TAB>"
zcase "orrery --db=feeds.db list --source=Fe" "Feed With TTL" "orrery --db=DB list --source=Fe<TAB>: the posts' sources"
zcase 'orrery -d feeds.db remove "Blog \"' "Blog \"B\": it's" "remove \"Blog \\\"<TAB> (an open quote)"
zcase "orrery -d feeds.db remove 'Blog A" "Blog A" "remove 'Blog A<TAB> (an open quote)"
zcase 'orrery -d feeds.db remove Python\:\ ' "Python: News" 'remove Python\:\ <TAB> (escaped)'
zcase "orrery -d feeds.db refresh file:" "$urls" "refresh file:<TAB>: the URLs"
zcase "orrery -c empty.ini -d feeds.db refresh " "$names" "-c FILE is passed on (a good one)"
zcase "orrery -c missing.ini -d feeds.db refresh " "" "-c FILE is passed on (a missing one: no names, no error)"
zcase "orrery refresh " "Default Feed" "the default store is used without -d"
zcase "orrery -d new.db remove " "" "no store: no names"
zcase "orrery mark " "read
unread
star
unstar" "orrery mark <TAB>"
zcase "orrery help " "$commands" "orrery help <TAB>: the commands"
zcase "orrery import o" "opml.xml" "orrery import o<TAB>: files"
zcase "orrery import --from-newsboat n" "nb" "orrery import --from-newsboat n<TAB>: directories"
for c in $commands; do
	[ "$c" = help ] && continue
	zcase "orrery $c --" "" "usage:$c"
done

if ! command -v zsh >/dev/null 2>&1; then
	notok "zsh is installed" \
	    "the zsh checks need zsh (scripts/install-deps installs it)"
elif ! zsh -n "$COMPDIR/_orrery" 2>"$T/err"; then
	notok "zsh -n _orrery" "$(head -c 300 "$T/err")"
else
	ok "zsh -n _orrery"
	: >"$T/z.err"
	zsh -f "$T/zcomp.zsh" "$T/z" "${zlines[@]}" >"$T/zout" 2>"$T/zerr"
	zstatus=$?
	if [ "$zstatus" -ne 0 ]; then
		notok "zsh completes under zpty" \
		    "exit $zstatus: $(head -c 300 "$T/zerr")"
	else
		for i in "${!zlines[@]}"; do
			# The matches printed after "> LINE", up to the next "> ".
			LINE="> ${zlines[i]}" awk '
			    $0 == ENVIRON["LINE"] { f = 1; next }
			    /^> / { f = 0 }
			    f' "$T/zout" >"$T/got"
			: >"$T/gerr"
			if grep -qx TIMEOUT "$T/got"; then
				notok "zsh: ${znames[i]}" "no answer in 5 s"
			elif [ "${znames[i]#usage:}" != "${znames[i]}" ]; then
				c=${znames[i]#usage:}
				matches_usage "zsh: orrery $c --<TAB> is its usage" "$c"
			else
				same "zsh: ${znames[i]}" "${zwants[i]}"
			fi
		done
		[ -s "$T/z.err" ] &&
			notok "zsh: nothing on stderr" "$(head -c 300 "$T/z.err")" ||
			ok "zsh: nothing on stderr"
	fi
fi

# Completing never creates a store.
left=$(find "$T/work/new.db" "$T/none" "$HOME/.local" 2>/dev/null)
[ -z "$left" ] && ok "completing creates no store" ||
	notok "completing creates no store" "made: $left"
