# suite_fulldisk: a store on a full disk.  A small tmpfs (mounting one
# needs root: elsewhere the suite says it skips), a real store on it,
# tests/httpd.py on 127.0.0.1, the real command line.  The disk is filled
# with a file until less is free than the feeds need: each feed the store
# cannot take fails, and records that error on itself, where `feeds` (and
# the sources view) show it.
. "$TESTS/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*' NO_PROXY='*'

MNT=$T/mnt
mkdir -p "$MNT" "$T/www"
if [ "$(id -u)" != 0 ] ||
    ! mount -t tmpfs -o size=1m tmpfs "$MNT" 2>/dev/null; then
	ok "full disk # SKIP cannot mount a tmpfs here (needs root)"
	exit 0
fi
cleanup() {
	[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null
	umount "$MNT" 2>/dev/null
}
trap cleanup EXIT

# A feed far larger than the room left: 3,000 items, about 1.6 MB.
python3 - "$T/www/big.xml" <<'PY'
import sys
items = "".join(
    "<item><title>Item %d</title><guid>g%d</guid><description>%s"
    "</description></item>\n" % (i, i, "y" * 450) for i in range(3000))
open(sys.argv[1], "w").write(
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
    + items + "</channel></rss>")
PY
cp "$TESTS/fetch/rss-small.xml" "$T/www/small.xml"
printf '{"/f/*": {"file": "small.xml"}}\n' >"$T/routes"
start_httpd "$T/www"
U=http://127.0.0.1:$PORT

CFG=$T/config.ini
printf '[general]\ndefault-feed = ""\ntimeout = 10\n' >"$CFG"
DB=$MNT/orrery.db
orr() { "$ORRERY" -c "$CFG" -d "$DB" "$@"; }
for i in 1 2 3; do
	orr add "$U/f/$i.xml" >/dev/null 2>"$T/err" ||
		notok "full disk: add feed $i" "$(head -c 300 "$T/err")"
done
expect "full disk: the store works while there is room" 0 \
    '^3 feeds: 3 fetched, 0 not modified, 0 failed, 6 new entries$' \
    "$T/out" orr refresh

# Leave 256 KiB free: room for a small write, not for a feed of 1.6 MB.
free_kb=$(df -k "$MNT" | awk 'NR == 2 { print $4 }')
dd if=/dev/zero of="$MNT/filler" bs=1024 count=$((free_kb - 256)) \
    >/dev/null 2>&1
printf '{"/f/*": {"file": "big.xml"}}\n' >"$T/routes.tmp" &&
	mv "$T/routes.tmp" "$T/routes"

expect "full disk: each feed that cannot be stored fails" 3 \
    '^3 feeds: 0 fetched, 0 not modified, 3 failed, 0 new entries$' \
    "$T/out" orr refresh --force
n=$(grep -c 'full' "$T/err")
[ "$n" = 3 ] && ok "full disk: stderr says the disk is full, once a feed" ||
	notok "full disk: stderr says the disk is full, once a feed" \
	    "$(head -c 300 "$T/err")"
rm -f "$MNT/filler"
run "full disk: feeds --json" 0 orr feeds --json &&
	if python3 - "$T/out" <<'PY'; then
import json, sys
fs = json.load(open(sys.argv[1]))
# The three feeds carry the same two posts: each post is kept once
# (one post, many feeds), under one of them.
sys.exit(0 if len(fs) == 3 and all(
    "full" in (f.get("last_error") or "") for f in fs) and
    sum(f["total"] for f in fs) == 2 else 1)
PY
		ok "full disk: each feed records the error and keeps its entries"
	else
		notok "full disk: each feed records the error and keeps its entries" \
		    "$(head -c 400 "$T/out")"
	fi
