# suite_install: make install / uninstall honour PREFIX, DESTDIR,
# MANPREFIX, BASHCOMPDIR and ZSHCOMPDIR, install what the README says
# (binary, both man pages, the example config, the bash and zsh
# completions), and remove it again.
. "$TESTS/lib.sh"

top="$TESTS/.."
root="$T/root"
if ! make -s -C "$top" install DESTDIR="$root" PREFIX=/usr \
    MANPREFIX=/usr/share/man >"$T/out" 2>&1; then
	notok "make install" "$(tail -n 5 "$T/out")"
fi
for f in usr/bin/orrery usr/share/man/man1/orrery.1 \
    usr/share/man/man5/orrery.ini.5 usr/share/doc/orrery/orrery.ini \
    usr/share/bash-completion/completions/orrery \
    usr/share/zsh/site-functions/_orrery; do
	if [ -f "$root/$f" ]; then
		ok "install puts $f"
	else
		notok "install puts $f" "missing; tree: $(cd "$root" && find . -type f | head)"
	fi
done
[ -x "$root/usr/bin/orrery" ] && "$root/usr/bin/orrery" --version >/dev/null &&
	ok "installed binary runs" || notok "installed binary runs" "not executable"
cmp -s "$top/scripts/completion/orrery.bash" \
    "$root/usr/share/bash-completion/completions/orrery" &&
	cmp -s "$top/scripts/completion/_orrery" \
	    "$root/usr/share/zsh/site-functions/_orrery" &&
	ok "installed completions are scripts/completion's" ||
	notok "installed completions are scripts/completion's" "they differ"

# Both pages render with `man -l` (mandoc, a test dependency, where there
# is no man), each with words only it has: orrery.1 a section heading,
# orrery.ini.5 a configuration key.
if command -v man >/dev/null 2>&1; then
	render="man -l"
else
	render="mandoc"
fi
for page in "man1/orrery.1 PARSE OUTPUT" "man5/orrery.ini.5 max-feed-size"; do
	f=${page%% *} word=${page#* }
	MANWIDTH=80 $render "$root/usr/share/man/$f" >"$T/page" 2>"$T/err"
	if grep -q -- "$word" "$T/page"; then
		ok "installed $f renders"
	else
		notok "installed $f renders" \
		    "$render shows no $word: $(head -c 200 "$T/err" "$T/page")"
	fi
done
make -s -C "$top" uninstall DESTDIR="$root" PREFIX=/usr \
    MANPREFIX=/usr/share/man >"$T/out" 2>&1
left=$(cd "$root" && find . -type f | head)
[ -z "$left" ] && ok "uninstall removes every file" ||
	notok "uninstall removes every file" "left: $left"

# MANPREFIX alone moves the pages.
make -s -C "$top" install DESTDIR="$root" PREFIX=/opt/o \
    MANPREFIX=/opt/man >"$T/out" 2>&1
[ -f "$root/opt/man/man1/orrery.1" ] && [ -f "$root/opt/o/bin/orrery" ] &&
	[ -f "$root/opt/o/share/bash-completion/completions/orrery" ] &&
	[ -f "$root/opt/o/share/zsh/site-functions/_orrery" ] &&
	ok "MANPREFIX and PREFIX are honoured" ||
	notok "MANPREFIX and PREFIX are honoured" "$(cd "$root" && find . -type f)"

# BASHCOMPDIR and ZSHCOMPDIR move the completions, and uninstall finds
# them there.
rm -rf "$root"
make -s -C "$top" install DESTDIR="$root" PREFIX=/usr \
    BASHCOMPDIR=/etc/bash_completion.d ZSHCOMPDIR=/usr/share/zsh/vendor-completions \
    >"$T/out" 2>&1
[ -f "$root/etc/bash_completion.d/orrery" ] &&
	[ -f "$root/usr/share/zsh/vendor-completions/_orrery" ] &&
	ok "BASHCOMPDIR and ZSHCOMPDIR are honoured" ||
	notok "BASHCOMPDIR and ZSHCOMPDIR are honoured" "$(cd "$root" && find . -type f)"
make -s -C "$top" uninstall DESTDIR="$root" PREFIX=/usr \
    BASHCOMPDIR=/etc/bash_completion.d ZSHCOMPDIR=/usr/share/zsh/vendor-completions \
    >"$T/out" 2>&1
left=$(cd "$root" && find . -type f | head)
[ -z "$left" ] && ok "uninstall removes them from there" ||
	notok "uninstall removes them from there" "left: $left"
