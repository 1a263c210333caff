#!/usr/bin/env python3
"""tests/httpd.py: a loopback HTTP/1.1 server for the fetch tests.

It owns nothing but its own socket, its log file and its port file; it
never binds or connects anywhere but loopback (127.0.0.0/8 or ::1) and it
exits by itself after --max-seconds.  Python 3.9+, standard library only.

    httpd.py --root DIR --routes FILE --log FILE --port-file FILE
             [--bind 127.0.0.1] [--port 0] [--max-seconds 120]

Routes.  FILE is JSON, re-read on every request (a test rewrites it
between runs; write it to a temporary name and rename it).  It maps a
path to what to do.  The path of the request is matched without its query
string, unless the full "path?query" is a key; a key ending in "*"
matches every path that starts with what precedes the "*" (the longest
such key wins).  Unknown paths get 404.  Every key of a route is
optional:

  "file": "feed.xml"        body: a file relative to --root
  "body": "text"            body: this text (UTF-8)
  "body_bytes": N           body: N bytes made on the fly: an RSS
                            prologue, then filler (no closing tag)
  "status": 200             status code (default 200)
  "headers": {"K": "v"}     extra response headers (Cache-Control,
                            Expires, Content-Type with a charset, ...)
  "content_type": "..."     shorthand for headers["Content-Type"]
  "retry_after": "120"      shorthand for headers["Retry-After"]
  "etag": "\"v1\""          sent as ETag; If-None-Match that matches it
                            (weak comparison, lists and * too) gets 304
  "last_modified": "..."    sent as Last-Modified; with no If-None-Match,
                            If-Modified-Since at or after it gets 304
  "gzip": true              gzip the body when Accept-Encoding allows it
  "redirect": "/b.xml"      send Location (relative or absolute; "{origin}"
                            becomes http://HOST-HEADER, "{port}" the port)
  "redirect_status": 302    status of the redirect (default 302)
  "delay_ms": 200           wait before the headers (cut short if the
                            client hangs up)
  "trickle_ms": 100         send the body in pieces, waiting this long
  "trickle_bytes": 64       before each piece of this size (default 64)
  "chunked": true           chunked transfer coding, no Content-Length
                            (always so for a gzipped body_bytes)
  "drop": true              close the connection without any response
  "header_bytes": N         an extra header line X-Filler of N bytes
  "short_by": N             declare a Content-Length N bytes longer than
                            the body sent, then hold the connection open
                            until the client hangs up (or 10 minutes)

Log.  One JSON object per line in --log for every request (except the
/__ control paths), written when the request has been answered (or has
failed): t (start, Unix seconds, float), t_end, path, host (the Host
header), method, if_none_match, if_modified_since, accept_encoding,
user_agent, status, gzip (bool), bytes (body bytes written), error (null,
or why the response broke off), inflight_host and inflight_total (requests
in flight for this Host header, and overall, when this one started,
itself included).

Control.  GET /__stats: {"requests", "inflight_total" (now),
"inflight_by_host" (now), "max_inflight_total", "max_inflight_by_host",
"by_status", "by_path"}.  GET /__reset zeroes the counters and maxima
(not what is in flight now).  Neither is logged or counted.
"""

import argparse
import email.utils
import gzip as gzipmod
import http.server
import ipaddress
import json
import os
import select
import socket
import sys
import threading
import time
import zlib

FILLER = b"<!-- " + b"x" * 1014 + b" -->\n"  # 1024 bytes


class State:
    """Counters shared by the handler threads; one lock guards it all."""

    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.log = open(args.log, "a", encoding="utf-8")
        self.routes = {}
        self.routes_mtime = None
        self.inflight_total = 0
        self.inflight_by_host = {}
        self.reset()

    def reset(self):
        self.requests = 0
        self.max_inflight_total = 0
        self.max_inflight_by_host = {}
        self.by_status = {}
        self.by_path = {}

    def begin(self, host, path):
        with self.lock:
            self.requests += 1
            self.by_path[path] = self.by_path.get(path, 0) + 1
            self.inflight_total += 1
            n = self.inflight_by_host.get(host, 0) + 1
            self.inflight_by_host[host] = n
            self.max_inflight_total = max(self.max_inflight_total,
                                          self.inflight_total)
            self.max_inflight_by_host[host] = max(
                self.max_inflight_by_host.get(host, 0), n)
            return n, self.inflight_total

    def end(self, host, record):
        """Log the request, then take it out of the in-flight counts, so
        that "nothing in flight" means "every line is in the log"."""
        with self.lock:
            key = str(record.get("status")) if record.get("status") is not None else "null"
            self.by_status[key] = self.by_status.get(key, 0) + 1
            try:
                self.log.write(json.dumps(record) + "\n")
                self.log.flush()
            except (OSError, ValueError):
                pass
            self.inflight_total -= 1
            n = self.inflight_by_host.get(host, 1) - 1
            if n > 0:
                self.inflight_by_host[host] = n
            else:
                self.inflight_by_host.pop(host, None)

    def stats(self):
        with self.lock:
            return {
                "requests": self.requests,
                "inflight_total": self.inflight_total,
                "inflight_by_host": dict(self.inflight_by_host),
                "max_inflight_total": self.max_inflight_total,
                "max_inflight_by_host": dict(self.max_inflight_by_host),
                "by_status": dict(self.by_status),
                "by_path": dict(self.by_path),
            }

    def load_routes(self):
        """The routes file as it is now; the last good one if it is
        missing or half written."""
        try:
            with open(self.args.routes, "rb") as fp:
                routes = json.loads(fp.read().decode("utf-8"))
            if isinstance(routes, dict):
                with self.lock:
                    self.routes = routes
        except (OSError, ValueError):
            pass
        with self.lock:
            return self.routes


def find_route(routes, target):
    if target in routes:
        return routes[target]
    path = target.split("?", 1)[0]
    if path in routes:
        return routes[path]
    best = None
    for key in routes:
        if key.endswith("*") and path.startswith(key[:-1]):
            if best is None or len(key) > len(best):
                best = key
    return routes[best] if best is not None else None


def accepts_gzip(header):
    """Whether an Accept-Encoding value allows gzip (RFC 9110 12.5.3)."""
    if not header:
        return False
    star = None
    for part in header.split(","):
        bits = [b.strip() for b in part.split(";")]
        coding = bits[0].lower()
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if coding in ("gzip", "x-gzip"):
            return q > 0
        if coding == "*":
            star = q > 0
    return bool(star)


def etag_matches(header, etag):
    """If-None-Match against our ETag, weak comparison."""
    if not etag:
        return False
    if header.strip() == "*":
        return True

    def opaque(t):
        t = t.strip()
        return t[2:] if t.startswith("W/") else t

    return any(opaque(t) == opaque(etag) for t in header.split(","))


def not_modified_since(header, last_modified):
    try:
        ims = email.utils.parsedate_to_datetime(header)
        lm = email.utils.parsedate_to_datetime(last_modified)
    except (TypeError, ValueError, IndexError):
        return False
    if ims is None or lm is None:
        return False
    try:
        return lm <= ims
    except TypeError:  # naive against aware
        return False


class Broken(Exception):
    """The client went away; nothing more can be sent."""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "orrery-test-httpd"
    # An idle keep-alive connection is dropped after this long.
    timeout = 30

    def log_message(self, fmt, *args):
        if self.server.state.args.verbose:
            sys.stderr.write("httpd: " + (fmt % args) + "\n")

    def handle(self):
        try:
            super().handle()
        except (OSError, ValueError):
            self.close_connection = True

    def do_GET(self):
        self.serve()

    def do_HEAD(self):
        self.serve()

    # Anything else: 405, through the same path so that it is logged.
    def do_POST(self):
        self.serve(allowed=False)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    # -- helpers ---------------------------------------------------------

    def client_gone(self):
        """True when the client has closed its end (EOF pending)."""
        try:
            r, _, _ = select.select([self.connection], [], [], 0)
            if not r:
                return False
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def pause(self, ms):
        """Sleep ms, but stop early (raising Broken) if the client hangs
        up, so that an abandoned slow request ends at once."""
        deadline = time.monotonic() + ms / 1000.0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            try:
                r, _, _ = select.select([self.connection], [], [],
                                        min(left, 0.05))
            except (OSError, ValueError):
                raise Broken("client gone")
            if r and self.client_gone():
                raise Broken("client closed during delay")
            if r:
                # A pipelined request is waiting: just sleep it out.
                time.sleep(max(0.0, min(left, 0.05)))

    def send(self, data):
        try:
            self.wfile.write(data)
        except (OSError, ValueError) as e:
            raise Broken(type(e).__name__)

    def write_body(self, pieces, route, chunked, head):
        """Write an iterable of byte strings as the body; returns the
        number of body bytes written."""
        sent = 0
        trickle = int(route.get("trickle_ms", 0) or 0)
        tsize = max(1, int(route.get("trickle_bytes", 64) or 64))
        if head:
            return 0
        for piece in pieces:
            if not piece:
                continue
            if trickle > 0:
                parts = [piece[i:i + tsize]
                         for i in range(0, len(piece), tsize)]
            else:
                parts = [piece]
            for p in parts:
                if trickle > 0:
                    self.pause(trickle)
                if chunked:
                    self.send(b"%x\r\n" % len(p) + p + b"\r\n")
                else:
                    self.send(p)
                sent += len(p)
                if trickle > 0:
                    try:
                        self.wfile.flush()
                    except (OSError, ValueError) as e:
                        raise Broken(type(e).__name__)
        if chunked:
            self.send(b"0\r\n\r\n")
        return sent

    # -- the request -----------------------------------------------------

    def serve(self, allowed=True):
        state = self.server.state
        target = self.path
        if target.startswith("/__"):
            self.control(state, target.split("?", 1)[0])
            return
        host = self.headers.get("Host", "")
        t0 = time.time()
        ih, it = state.begin(host, target.split("?", 1)[0])
        rec = {
            "t": t0,
            "path": target,
            "host": host,
            "method": self.command,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
            "user_agent": self.headers.get("User-Agent"),
            "status": None,
            "gzip": False,
            "bytes": 0,
            "error": None,
            "inflight_host": ih,
            "inflight_total": it,
        }
        try:
            self.respond(state, target, rec, allowed)
        except Broken as e:
            rec["error"] = str(e)
            self.close_connection = True
        except Exception as e:  # a bug here must not kill the server
            rec["error"] = "%s: %s" % (type(e).__name__, e)
            self.close_connection = True
        finally:
            rec["t_end"] = time.time()
            state.end(host, rec)

    def respond(self, state, target, rec, allowed):
        route = find_route(state.load_routes(), target)
        head = self.command == "HEAD"
        if not allowed:
            route = {"status": 405, "body": "method not allowed\n",
                     "headers": {"Allow": "GET, HEAD"}}
        elif route is None:
            route = {"status": 404, "body": "no route for %s\n" % target}
        elif not isinstance(route, dict):
            route = {"status": 500, "body": "bad route\n"}

        if route.get("delay_ms"):
            self.pause(int(route["delay_ms"]))
        if route.get("drop"):
            rec["status"] = 0
            rec["error"] = "dropped"
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return

        status = int(route.get("status", 200))
        headers = {}
        if route.get("content_type"):
            headers["Content-Type"] = route["content_type"]
        if route.get("etag"):
            headers["ETag"] = route["etag"]
        if route.get("last_modified"):
            headers["Last-Modified"] = route["last_modified"]
        if route.get("retry_after") is not None:
            headers["Retry-After"] = str(route["retry_after"])
        if route.get("redirect"):
            loc = str(route["redirect"])
            loc = loc.replace("{origin}", "http://" + rec["host"])
            loc = loc.replace("{port}", str(self.server.server_port))
            headers["Location"] = loc
            if "status" not in route:
                status = int(route.get("redirect_status", 302))
        for k, v in (route.get("headers") or {}).items():
            headers[str(k)] = str(v)

        # Conditional GET (RFC 9110 13.2.2): If-None-Match first.
        if status == 200 and self.command in ("GET", "HEAD"):
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if inm is not None:
                fresh = etag_matches(inm, route.get("etag"))
            elif ims is not None and route.get("last_modified"):
                fresh = not_modified_since(ims, route["last_modified"])
            else:
                fresh = False
            if fresh:
                status = 304

        # The body, as an iterable of byte strings, and its length if known.
        length = None
        if status == 304:
            pieces = []
            length = 0
        elif "file" in route:
            path = os.path.join(self.server.state.args.root, route["file"])
            with open(path, "rb") as fp:
                data = fp.read()
            pieces, length = [data], len(data)
        elif "body" in route:
            data = str(route["body"]).encode("utf-8")
            pieces, length = [data], len(data)
        elif "body_bytes" in route:
            length = int(route["body_bytes"])
            pieces = generated(length)
        elif status >= 300 and status != 304:
            data = ("%d\n" % status).encode()
            pieces, length = [data], len(data)
        else:
            pieces, length = [b""], 0

        use_gzip = (bool(route.get("gzip")) and status != 304 and
                    accepts_gzip(self.headers.get("Accept-Encoding")))
        chunked = bool(route.get("chunked"))
        if use_gzip:
            headers["Content-Encoding"] = "gzip"
            if isinstance(pieces, list):
                data = gzipmod.compress(b"".join(pieces))
                pieces, length = [data], len(data)
            else:
                pieces = gzipped(pieces)
                chunked = True
        if route.get("gzip"):
            headers["Vary"] = "Accept-Encoding"
        rec["gzip"] = use_gzip
        if "Content-Type" not in headers and status != 304:
            headers["Content-Type"] = "application/xml"

        if route.get("header_bytes"):
            headers["X-Filler"] = "a" * int(route["header_bytes"])
        rec["status"] = status
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        for k, v in headers.items():
            self.send_header(k, v)
        if status == 304:
            pass
        elif chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length",
                             str(length + int(route.get("short_by", 0))))
        if self.close_connection:
            self.send_header("Connection", "close")
        try:
            self.end_headers()
        except (OSError, ValueError) as e:
            raise Broken(type(e).__name__)
        if status == 304:
            return
        rec["bytes"] = self.write_body(pieces, route, chunked, head)
        try:
            self.wfile.flush()
        except (OSError, ValueError) as e:
            raise Broken(type(e).__name__)
        if route.get("short_by") and not chunked and not head:
            self.pause(600000)
            self.close_connection = True

    def control(self, state, path):
        code = 200
        if path == "/__stats":
            body = json.dumps(state.stats()).encode()
        elif path == "/__reset":
            with state.lock:
                state.reset()
            body = b'{"reset": true}'
        else:
            code, body = 404, b'{"error": "unknown control path"}'
        try:
            self.send_response_only(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            self.wfile.flush()
        except (OSError, ValueError):
            self.close_connection = True


def generated(n):
    """n bytes: an RSS prologue, then filler, made 64 KiB at a time."""
    head = (b'<?xml version="1.0" encoding="utf-8"?>\n'
            b'<rss version="2.0"><channel><title>big</title>\n')
    head = head[:n]
    yield head
    left = n - len(head)
    block = FILLER * 64
    while left > 0:
        piece = block[:left]
        left -= len(piece)
        yield piece


def gzipped(pieces):
    z = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: gzip wrapper
    for p in pieces:
        out = z.compress(p)
        if out:
            yield out
    yield z.flush()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A client that breaks the protocol must not print tracebacks or
        # stop anything; note it when asked to be verbose.
        if self.state.args.verbose:
            super().handle_error(request, client_address)


class Server6(Server):
    address_family = socket.AF_INET6


def loopback(addr):
    try:
        return ipaddress.ip_address(addr).is_loopback
    except ValueError:
        return False


def main():
    ap = argparse.ArgumentParser(description="loopback test HTTP server")
    ap.add_argument("--bind", default="127.0.0.1",
                    help="a loopback address (127.0.0.0/8 or ::1)")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--routes", required=True)
    ap.add_argument("--root", default=".")
    ap.add_argument("--log", required=True)
    ap.add_argument("--max-seconds", type=float, default=120.0)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    if not loopback(args.bind):
        sys.exit("httpd.py: refusing to bind %s: loopback only" % args.bind)
    if not 0 <= args.port <= 65535 or args.max_seconds <= 0:
        sys.exit("httpd.py: bad --port or --max-seconds")

    cls = Server6 if ":" in args.bind else Server
    try:
        httpd = cls((args.bind, args.port), Handler)
    except OSError as e:
        sys.exit("httpd.py: cannot bind %s: %s" % (args.bind, e))
    httpd.state = State(args)

    # Write the port file atomically: a waiting test never reads half.
    tmp = "%s.%d.tmp" % (args.port_file, os.getpid())
    with open(tmp, "w") as fp:
        fp.write("%d\n" % httpd.server_port)
    os.replace(tmp, args.port_file)

    def stop_later():
        time.sleep(args.max_seconds)
        threading.Thread(target=httpd.shutdown, daemon=True).start()
        time.sleep(5)
        os._exit(0)  # shutdown did not return: leave anyway

    threading.Thread(target=stop_later, daemon=True).start()
    try:
        httpd.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    httpd.server_close()
    os._exit(0)  # do not wait for handler threads that are still sleeping


if __name__ == "__main__":
    main()
