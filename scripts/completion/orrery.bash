# orrery.bash: bash completion for orrery(1).
#
# `make install` puts this file in share/bash-completion/completions/orrery,
# where the bash-completion package loads it the first time orrery is
# completed.  Without that package, source it from ~/.bashrc.
#
# It completes the global options, the commands, each command's options
# (as `orrery help COMMAND` prints them), file names where a FILE is
# taken, feed names from the store for refresh and remove, and the source
# names of its posts for list --source.  bash-completion's helpers are used when they are loaded;
# plain bash (compgen, compopt) does the same work when they are not.
#
# Must not: print anything (orrery's errors go to /dev/null), run any
# program but orrery, create a store (feeds are asked for only when the
# store file already exists), or leave variables behind: the state is
# local to _orrery and seen by its helpers through bash's dynamic scoping.

# _orrery_dequote VAR TEXT: set VAR to TEXT without its shell quoting
# ('...', "..." and backslashes), as the command will receive the word.
# An unfinished quote is fine: the user is still typing.
_orrery_dequote()
{
	local text=$2 out="" c q=""
	local -i i

	for ((i = 0; i < ${#text}; i++)); do
		c=${text:i:1}
		if [[ $q == "'" ]]; then
			# Nothing is special inside '...' but the closing quote.
			if [[ $c == "'" ]]; then q=""; else out+=$c; fi
		elif [[ $c == '\' ]]; then
			((i++))
			c=${text:i:1}
			# Inside "..." a backslash escapes only $ ` " \.
			if [[ $q == '"' && $c != [\$\`\"\\] ]]; then
				out+='\'
			fi
			out+=$c
		elif [[ $c == '"' ]]; then
			if [[ $q == '"' ]]; then q=""; else q='"'; fi
		elif [[ $c == "'" && -z $q ]]; then
			q="'"
		else
			out+=$c
		fi
	done
	printf -v "$1" '%s' "$out"
}

# _orrery_path VAR TEXT: _orrery_dequote, then expand a leading ~/ the way
# the shell will when the command runs (for -c, -d and the command name).
_orrery_path()
{
	_orrery_dequote "$1" "$2"
	# shellcheck disable=SC2088 # a literal ~ is what is looked for
	if [[ ${!1} == "~" || ${!1} == "~/"* ]]; then
		printf -v "$1" '%s' "${HOME-}${!1#"~"}"
	fi
}

# _orrery_words: the fallback for _init_completion -n : without
# bash-completion.  Sets words, cword and cur from COMP_WORDS, gluing back
# the pieces bash split at ':' (one of COMP_WORDBREAKS) when no blank
# separates them, so that "Python: News" typed as Python:\ News or an URL
# stays one word.  '=' stays a word of its own, as bash-completion leaves it.
_orrery_words()
{
	local line=$COMP_LINE w
	local -i i n=-1 sep start=0

	words=()
	cword=0
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		# Is there a blank between the previous piece and this one?
		sep=0
		[[ $line == [[:blank:]]* ]] && sep=1
		line=${line#"${line%%[![:blank:]]*}"}
		if ((n >= 0 && !sep)) && [[ $w == :* || ${words[n]} == *: ]]; then
			words[n]+=$w
		else
			words[++n]=$w
			start=$((${#COMP_LINE} - ${#line}))
		fi
		line=${line#"$w"}
		if ((i == COMP_CWORD)); then
			cword=$n
			# Like bash-completion: the word up to the cursor.
			cur=${COMP_LINE:start:COMP_POINT-start}
		fi
	done
}

# _orrery_names COMMAND FLAG: COMPREPLY gets the lines of `orrery COMMAND
# FLAG` (feeds --names, feeds --urls or list --sources) that start with
# the word being completed.  The
# store and config are those given before the command (db, config, set by
# _orrery); with no store file there is nothing to list, and asking would
# create an empty store.
_orrery_names()
{
	local store=$db prog line want keep piece
	local -a args=()

	if [[ -z $store ]]; then
		# store_default_path() in src/store.c
		if [[ ${XDG_DATA_HOME-} == /* ]]; then
			store=$XDG_DATA_HOME/orrery/orrery.db
		elif [[ -n ${HOME-} ]]; then
			store=$HOME/.local/share/orrery/orrery.db
		else
			return
		fi
	fi
	[[ -f $store ]] || return
	[[ -n $config ]] && args+=(-c "$config")
	[[ -n $db ]] && args+=(-d "$db")
	# The orrery being completed: ./orrery in a clone, else the one in PATH.
	_orrery_path prog "${words[0]}"

	_orrery_dequote want "$cur"
	while IFS= read -r line; do
		[[ $line == "$want"* ]] && COMPREPLY+=("$line")
	done < <(command "$prog" "${args[@]}" "$1" "$2" 2>/dev/null)

	# bash replaces only its own last piece of the word, the text after an
	# unquoted ':' (see _orrery_words): drop what comes before it.
	piece=${COMP_WORDS[COMP_CWORD]}
	[[ $piece == : ]] && piece=""
	if [[ $cur != "$piece" && $cur == *"$piece" ]]; then
		_orrery_dequote keep "${cur%"$piece"}"
		COMPREPLY=("${COMPREPLY[@]#"$keep"}")
	fi
	# Let readline quote the names (spaces, quotes, ':') as it does file
	# names.  Its one side effect: a name that is also a directory here
	# gets a '/' appended.
	compopt -o filenames 2>/dev/null
}

# _orrery_feeds: feed names for refresh and remove; the URLs instead once
# the word starts with a scheme (both commands take either).
_orrery_feeds()
{
	case $cur in
	http:* | https:* | file:*) _orrery_names feeds --urls ;;
	*) _orrery_names feeds --names ;;
	esac
}

# _orrery_files [-d]: file names (directories with -d) for the word.
_orrery_files()
{
	local want

	if declare -F _filedir >/dev/null; then
		_filedir "$@"
		return
	fi
	_orrery_dequote want "$cur"
	compopt -o filenames 2>/dev/null
	if [[ ${1-} == -d ]]; then
		mapfile -t COMPREPLY < <(compgen -d -- "$want")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$want")
	fi
}

# _orrery_words_of LIST: COMPREPLY gets the words of LIST that start with
# the word being completed (options, commands, states: nothing to quote).
_orrery_words_of()
{
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

_orrery()
{
	local cur prev w subcmd="" config="" db="" opts valopts
	local -a words
	local -i cword i cmdi=0 nargs=0
	local commands="refresh sync add remove feeds feed list search show enclosures
	    mark undo mute unmute mutes import export vacuum parse render config
	    help version"

	COMPREPLY=()
	if declare -F _init_completion >/dev/null; then
		_init_completion -n : || return
	else
		_orrery_words
	fi

	# Global options come before the command; find the command and the
	# -c/-d values (feed names are read with them).
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		-c | --config | -d | --db | -l | --log)
			# FILE is the next word, or the one after "=" (--db=FILE).
			[[ ${words[i + 1]-} == = ]] && ((i++))
			((i++))
			((i < cword)) || break
			case $w in
			-c | --config) _orrery_path config "${words[i]}" ;;
			-d | --db) _orrery_path db "${words[i]}" ;;
			esac
			;;
		--)
			cmdi=$((i + 1))
			break
			;;
		-*) ;;
		*)
			cmdi=$i
			break
			;;
		esac
	done

	# The option whose value is being completed, if any: the previous
	# word, or the one before an "=" (--source=Blo).
	prev=${words[cword - 1]-}
	if [[ $prev == = ]] && ((cword >= 2)); then
		prev=${words[cword - 2]}
	fi

	if ((cmdi == 0 || cmdi >= cword)); then
		case $prev in
		-c | --config | -d | --db | -l | --log)
			_orrery_files
			return
			;;
		esac
		if [[ $cur == -* ]]; then
			_orrery_words_of "-c --config -d --db -l --log --offline
			    -h --help -V --version"
		else
			_orrery_words_of "$commands"
		fi
		return
	fi
	subcmd=${words[cmdi]}

	# Each command's options, as `orrery help COMMAND` lists them; valopts
	# are those that take a value.  --offline is accepted after any
	# command but matters only where the network is used.
	valopts=""
	case $subcmd in
	refresh) opts="--force --offline" ;;
	sync) opts="--status --offline" ;;
	add) opts="--name" valopts="--name" ;;
	feeds) opts="--json --urls --names" ;;
	list)
		opts="--view --hidden --unread --starred --source --since --limit"
		opts+=" --json --sources"
		valopts="--view --source --since --limit"
		;;
	search) opts="--limit --json" valopts="--limit" ;;
	mark) opts="--query" valopts="--query" ;;
	enclosures)
		opts="--unread --starred --source --since --limit --json"
		valopts="--source --since --limit"
		;;
	show) opts="--width --color --full" valopts="--width -w" ;;
	import) opts="--from-newsboat --offline" ;;
	parse) opts="--url --charset" valopts="--url --charset" ;;
	render)
		opts="--article --width --base --color"
		valopts="--width -w --base"
		;;
	*) opts="" ;;
	esac
	# Every command but help prints its usage with --help.
	[[ $subcmd == help ]] || opts+=" --help"

	# A value for an option: the source names posts have for --source,
	# nothing to guess for the rest (a name, date, number, URL or charset).
	if [[ " $valopts " == *" $prev "* ]]; then
		[[ $prev == --source ]] && _orrery_names list --sources
		return
	fi
	if [[ $cur == -* ]]; then
		_orrery_words_of "$opts"
		return
	fi

	# Count the arguments before this one that are not options or their
	# values.
	for ((i = cmdi + 1; i < cword; i++)); do
		w=${words[i]}
		if [[ $w == = ]]; then
			((i++))
		elif [[ " $valopts " == *" $w "* ]]; then
			[[ ${words[i + 1]-} == = ]] && ((i++))
			((i++))
		elif [[ $w != -* ]]; then
			((nargs++))
		fi
	done

	case $subcmd in
	refresh) _orrery_feeds ;;
	remove) ((nargs == 0)) && _orrery_feeds ;;
	feed)
		# NAME set|get|unset KEY [VALUE]
		case $nargs in
		0) _orrery_feeds ;;
		1) _orrery_words_of "set get unset" ;;
		2) _orrery_words_of "full-text" ;;
		3) [[ ${words[cword - 2]-} == set ]] && _orrery_words_of "yes no" ;;
		esac
		;;
	mark) ((nargs == 0)) && _orrery_words_of "read unread star unstar" ;;
	mute) ((nargs == 0)) && _orrery_names list --sources ;;
	import)
		# --from-newsboat [DIR] (first, if at all), else FILE|URL|-.
		if [[ ${words[cmdi + 1]-} == --from-newsboat ]]; then
			((cword == cmdi + 2)) && _orrery_files -d
		elif ((cword == cmdi + 1)); then
			_orrery_files
		fi
		;;
	parse | render) ((nargs == 0)) && _orrery_files ;;
	help) ((nargs == 0)) && _orrery_words_of "$commands" ;;
	feeds) ((nargs == 0 && cword == cmdi + 1)) && _orrery_words_of "$opts" ;;
	list) _orrery_words_of "$opts" ;;
	esac
	return 0
}

complete -F _orrery orrery
