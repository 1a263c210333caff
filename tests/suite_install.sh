# suite_install: make install / uninstall honour PREFIX, DESTDIR and
# MANPREFIX, install what the README says, and remove it again.
. "$TESTS/lib.sh"

top="$TESTS/.."
root="$T/root"
if ! make -s -C "$top" install DESTDIR="$root" PREFIX=/usr \
    MANPREFIX=/usr/share/man >"$T/out" 2>&1; then
	notok "make install" "$(tail -n 5 "$T/out")"
fi
for f in usr/bin/orrery usr/share/man/man1/orrery.1 \
    usr/share/man/man5/orrery.ini.5 usr/share/doc/orrery/orrery.ini; do
	if [ -f "$root/$f" ]; then
		ok "install puts $f"
	else
		notok "install puts $f" "missing; tree: $(cd "$root" && find . -type f | head)"
	fi
done
[ -x "$root/usr/bin/orrery" ] && "$root/usr/bin/orrery" --version >/dev/null &&
	ok "installed binary runs" || notok "installed binary runs" "not executable"
if command -v man >/dev/null 2>&1; then
	man -l "$root/usr/share/man/man5/orrery.ini.5" 2>/dev/null | grep -q 'max-feed-size' &&
		ok "installed orrery.ini.5 renders" ||
		notok "installed orrery.ini.5 renders" "man -l shows no key"
fi
make -s -C "$top" uninstall DESTDIR="$root" PREFIX=/usr \
    MANPREFIX=/usr/share/man >"$T/out" 2>&1
left=$(cd "$root" && find . -type f | head)
[ -z "$left" ] && ok "uninstall removes every file" ||
	notok "uninstall removes every file" "left: $left"

# MANPREFIX alone moves the pages.
make -s -C "$top" install DESTDIR="$root" PREFIX=/opt/o \
    MANPREFIX=/opt/man >"$T/out" 2>&1
[ -f "$root/opt/man/man1/orrery.1" ] && [ -f "$root/opt/o/bin/orrery" ] &&
	ok "MANPREFIX and PREFIX are honoured" ||
	notok "MANPREFIX and PREFIX are honoured" "$(cd "$root" && find . -type f)"
