# suite_https: https and HTTP/2 with real parts.  A private certificate
# authority made here with openssl, nghttpd (nghttp2's HTTP/2-only
# server) on 127.0.0.1 with a certificate it signed, a real store and the
# real command line.  The server's verbose log shows what it received.
. "$TESTS/lib.sh"
PATH=$PATH:/usr/sbin:/usr/local/sbin

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*' NO_PROXY='*'

for c in openssl nghttpd python3; do
	if ! command -v "$c" >/dev/null 2>&1; then
		notok "https: $c is installed" \
		    "scripts/install-deps installs it (make deps)"
		exit 1
	fi
done

# ---- a certificate authority and a server certificate for 127.0.0.1 ----
cd "$T" || exit 1
cat >"$T/san.cnf" <<'EOF'
subjectAltName = IP:127.0.0.1
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
EOF
if openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=orrery test CA" \
    -keyout ca.key -out ca.pem >/dev/null 2>&1 &&
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
	-keyout server.key -out server.csr >/dev/null 2>&1 &&
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
	-CAcreateserial -days 2 -extfile san.cnf -out server.pem \
	>/dev/null 2>&1; then
	ok "https: test certificate authority and server certificate"
else
	notok "https: test certificate authority and server certificate" \
	    "openssl failed"
	exit 1
fi

mkdir -p "$T/htdocs"
cp "$TESTS/fetch/rss-small.xml" "$T/htdocs/feed.xml"

# A free port: bind port 0, read it, let it go.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nghttpd -v -a 127.0.0.1 -d "$T/htdocs" "$port" "$T/server.key" \
    "$T/server.pem" >"$T/h2.log" 2>&1 &
h2pid=$!
trap 'kill $h2pid 2>/dev/null' EXIT

up=0
for _ in $(seq 100); do
	if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2>/dev/null; then
		up=1
		break
	fi
	sleep 0.05
done
if [ "$up" = 1 ]; then
	ok "https: nghttpd listens on 127.0.0.1"
else
	notok "https: nghttpd listens on 127.0.0.1" "$(head -c 300 "$T/h2.log")"
	exit 1
fi

URL=https://127.0.0.1:$port/feed.xml
DB=$T/h2.db
cat >"$T/trusting.ini" <<EOF
[general]
default-feed = ""
ca-file = $T/ca.pem
EOF
cat >"$T/default.ini" <<EOF
[general]
default-feed = ""
EOF

# ---- without the authority: the certificate is refused, and said so ----
"$ORRERY" -c "$T/default.ini" -d "$DB" add "$URL" >/dev/null 2>&1
run "https: untrusted certificate fails the refresh" 3 \
    "$ORRERY" -c "$T/default.ini" -d "$DB" refresh &&
	if grep -qi 'certificate' "$T/err"; then
		ok "https: untrusted certificate fails the refresh"
	else
		notok "https: untrusted certificate fails the refresh" \
		    "stderr does not say why: $(head -c 300 "$T/err")"
	fi
"$ORRERY" -c "$T/default.ini" -d "$DB" feeds --json >"$T/feeds.json"
if python3 - "$T/feeds.json" <<'EOF'; then
import json, sys
f = json.load(open(sys.argv[1]))[0]
sys.exit(0 if "certificate" in (f.get("last_error") or "").lower() else 1)
EOF
	ok "https: the feed records the certificate error"
else
	notok "https: the feed records the certificate error" \
	    "$(head -c 300 "$T/feeds.json")"
fi

# ---- with ca-file: fetched over HTTP/2 ----------------------------------
before=$(wc -l <"$T/h2.log")
run "https: refresh with ca-file" 0 \
    "$ORRERY" -c "$T/trusting.ini" -d "$DB" refresh --force &&
	ok "https: refresh with ca-file"
"$ORRERY" -c "$T/trusting.ini" -d "$DB" list --json >"$T/list.json"
n=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' \
    "$T/list.json" 2>/dev/null)
[ "$n" = 2 ] && ok "https: both entries stored" ||
	notok "https: both entries stored" "got ${n:-nothing}"

tail -n +"$((before + 1))" "$T/h2.log" >"$T/h2.new"
# nghttpd speaks only HTTP/2: a request in its log is an HTTP/2 request.
if grep -q 'recv HEADERS frame' "$T/h2.new" &&
    grep -q ':path: /feed.xml' "$T/h2.new"; then
	ok "https: the request went over HTTP/2"
else
	notok "https: the request went over HTTP/2" "$(head -c 400 "$T/h2.new")"
fi
if grep -Eq 'user-agent: orrery/[0-9]' "$T/h2.new"; then
	ok "https: HTTP/2 request carries orrery's User-Agent"
else
	notok "https: HTTP/2 request carries orrery's User-Agent" \
	    "$(grep -i user-agent "$T/h2.new" | head -3)"
fi
if grep -Eq 'accept-encoding: .*gzip' "$T/h2.new"; then
	ok "https: HTTP/2 request accepts gzip"
else
	notok "https: HTTP/2 request accepts gzip" \
	    "$(grep -i accept-encoding "$T/h2.new" | head -3)"
fi

# ---- several feeds on one HTTP/2 host: each is fetched ---------------------
# Transfers do not wait inside curl for a connection to multiplex on
# (no CURLOPT_PIPEWAIT): each starts its own request at once, over HTTP/2.
for n in 2 3 4; do
	cp "$TESTS/fetch/rss20-items.xml" "$T/htdocs/feed$n.xml"
	"$ORRERY" -c "$T/trusting.ini" -d "$DB" add \
	    "https://127.0.0.1:$port/feed$n.xml" >/dev/null 2>&1
done
before=$(wc -l <"$T/h2.log")
run "https: four feeds on one HTTP/2 host" 0 \
    "$ORRERY" -c "$T/trusting.ini" -d "$DB" refresh --force &&
	if grep -qx '4 feeds: 3 fetched, 1 not modified, 0 failed, 60 new entries' \
	    "$T/out"; then
		ok "https: four feeds on one HTTP/2 host"
	else
		notok "https: four feeds on one HTTP/2 host" "$(head -c 300 "$T/out")"
	fi
tail -n +"$((before + 1))" "$T/h2.log" >"$T/h2.new"
n=$(grep -c ':path: /feed[0-9]*\.xml' "$T/h2.new")
[ "$n" = 4 ] && ok "https: each of the four was requested once over HTTP/2" ||
	notok "https: each of the four was requested once over HTTP/2" \
	    "$n requests"

# ---- a stalled HTTP/2 stream costs only its feed ---------------------------
# tests/h2d.py speaks HTTP/2 only (python3-h2).  One feed's stream stalls
# -- response headers and then nothing, or a body shorter than its
# Content-Length -- while three other feeds on the same host answer at
# once.  The three are stored; the stalled one fails with a timeout naming
# itself.  The stalled feed sorts first, so it is the first transfer to
# the host.
h2py=
for _py in /usr/bin/python3 python3; do
	if "$_py" -c 'import h2' 2>/dev/null; then
		h2py=$_py
		break
	fi
done
if [ -z "$h2py" ]; then
	notok "https: python3-h2 is installed" \
	    "scripts/install-deps installs it (make deps)"
	exit 1
fi
mkdir -p "$T/h2root"
cp "$TESTS/fetch/rss20-items.xml" "$T/h2root/0.xml"
cp "$TESTS/fetch/rss-small.xml" "$T/h2root/a.xml"
cp "$TESTS/fetch/rss20-items.xml" "$T/h2root/b.xml"
cp "$TESTS/fetch/atom-five.xml" "$T/h2root/c.xml"
: >"$T/h2d.log"
"$h2py" "$TESTS/h2d.py" --root "$T/h2root" --cert "$T/server.pem" \
    --key "$T/server.key" --log "$T/h2d.log" --port-file "$T/h2d.port" \
    --max-seconds 300 2>"$T/h2d.err" &
h2dpid=$!
trap 'kill $h2pid $h2dpid 2>/dev/null' EXIT
for _ in $(seq 200); do
	[ -s "$T/h2d.port" ] && break
	sleep 0.05
done
if [ ! -s "$T/h2d.port" ]; then
	notok "https: h2d.py listens on 127.0.0.1" "$(head -c 300 "$T/h2d.err")"
	exit 1
fi
H2=https://127.0.0.1:$(cat "$T/h2d.port")
cat >"$T/stall.ini" <<EOF
[general]
default-feed = ""
ca-file = $T/ca.pem
timeout = 2
EOF
for k in head body; do
	DB=$T/h2stall-$k.db
	for f in 0 a b c; do
		"$ORRERY" -c "$T/stall.ini" -d "$DB" add "$H2/st/$k/$f.xml" \
		    >/dev/null 2>&1
	done
	before=$(wc -l <"$T/h2d.log")
	name="https: an HTTP/2 stream stalled ($k) fails alone"
	run "$name" 3 "$ORRERY" -c "$T/stall.ini" -d "$DB" refresh &&
		if grep -qx '4 feeds: 3 fetched, 0 not modified, 1 failed, 27 new entries' \
		    "$T/out"; then
			ok "$name"
		else
			notok "$name" "$(head -c 300 "$T/out") $(head -c 300 "$T/err")"
		fi
	name="https: the stalled stream ($k) reports a timeout naming itself"
	if grep -q "$H2/st/$k/0.xml.*[Tt]imed out" "$T/err"; then
		ok "$name"
	else
		notok "$name" "$(head -c 400 "$T/err")"
	fi
	tail -n +"$((before + 1))" "$T/h2d.log" >"$T/h2d.new"
	n=$(grep -c " /st/$k/[abc]\.xml\$" "$T/h2d.new")
	[ "$n" = 3 ] && ok "https: the others on its host were requested once ($k)" ||
		notok "https: the others on its host were requested once ($k)" \
		    "$n requests: $(tr '\n' '|' <"$T/h2d.new")"
	"$ORRERY" -c "$T/stall.ini" -d "$DB" feeds --json >"$T/feeds.json"
	name="https: the three others are stored without error ($k)"
	if python3 - "$T/feeds.json" <<'EOF'; then
import json, sys
got = sorted((f["url"].rsplit("/", 1)[1], f["last_error"] is None)
             for f in json.load(open(sys.argv[1])))
sys.exit(0 if got == [("0.xml", False), ("a.xml", True), ("b.xml", True),
                      ("c.xml", True)] else 1)
EOF
		ok "$name"
	else
		notok "$name" "$(head -c 400 "$T/feeds.json")"
	fi
done

# The same with the stall before any stream: the first connection's TLS
# handshake hangs, so that whether the host multiplexes is not known yet.
# A transfer that waited for that connection (CURLOPT_PIPEWAIT) spent its
# own timeout there and failed unasked; now each starts its own.  Which
# of the first two transfers gets the stalled connection is the kernel's
# choice: one feed fails, with a timeout naming it, and three are stored.
DB=$T/h2stall-handshake.db
for f in 0 a b c; do
	"$ORRERY" -c "$T/stall.ini" -d "$DB" add "$H2/st/hs/$f.xml" \
	    >/dev/null 2>&1
done
: >"$T/h2root/.stall-handshake"
before=$(wc -l <"$T/h2d.log")
name="https: a stalled TLS handshake fails one feed alone"
run "$name" 3 "$ORRERY" -c "$T/stall.ini" -d "$DB" refresh &&
	if grep -qx '4 feeds: 3 fetched, 0 not modified, 1 failed, [0-9]* new entries' \
	    "$T/out"; then
		ok "$name"
	else
		notok "$name" "$(head -c 300 "$T/out") $(head -c 300 "$T/err")"
	fi
"$ORRERY" -c "$T/stall.ini" -d "$DB" feeds --json >"$T/feeds.json"
name="https: the feed of the stalled handshake reports a timeout naming itself"
failed=$(python3 -c '
import json, sys
print(" ".join(f["url"] for f in json.load(open(sys.argv[1]))
               if f["last_error"] is not None))' "$T/feeds.json")
case $failed in
*" "* | "") notok "$name" "failed: ${failed:-none}" ;;
*)
	if grep -q "$failed.*[Tt]imed\? \?out" "$T/err"; then
		ok "$name"
	else
		notok "$name" "$failed; $(head -c 400 "$T/err")"
	fi ;;
esac
tail -n +"$((before + 1))" "$T/h2d.log" >"$T/h2d.new"
n=$(grep -c " /st/hs/[0abc]\.xml\$" "$T/h2d.new")
[ "$n" = 3 ] && ok "https: the three others were requested once each" ||
	notok "https: the three others were requested once each" \
	    "$n requests: $(tr '\n' '|' <"$T/h2d.new")"
