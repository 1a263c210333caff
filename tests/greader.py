#!/usr/bin/env python3
"""tests/greader.py: a small Google Reader API server in Miniflux's dialect,
for the sync tests: the quirks FreshRSS does not show, a server that fails
on demand, and a reading list of any size made on the fly.  Loopback only,
standard library only; it exits by itself after --max-seconds.

    greader.py --port-file FILE --log FILE [--user U --password P]
               [--feeds N] [--items N] [--max-seconds 600]

Dialect, after Miniflux's "Google Reader API" page: ClientLogin answers
Auth=; GET requests are authenticated by the Authorization header only,
POST requests by the T= token only (a POST without a good T is 401,
whatever its header); stream/contents writes item ids as
tag:google.com,2005:reader/item/<16 hex digits>, stream/items/ids as
decimal; edit-tag takes either.  Feeds are feed/<n>; mark-all-as-read
takes ts in microseconds.

Control (not logged): GET /__fail?n=K answers the next K requests 500;
GET /__slow?ms=N[&path=P] delays every answer (to a path containing P)
N ms (0: no more);
GET /__add?n=K adds K new items to feed 1; GET /__state is the server's
state as JSON (unread and starred decimal ids, feeds, how many items,
the paths of the requests in flight).
Log: one line per request, "METHOD PATH STATUS".
"""

import argparse
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

TAG = "tag:google.com,2005:reader/item/"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.user, self.password = args.user, args.password
        self.auth, self.token = "standin-auth-1", "standin-token-1"
        self.fail = 0
        self.slow = 0.0
        self.slow_path = ""
        self.inflight = []
        self.feeds = {}  # n -> {"url", "title"}
        self.items = []  # dicts, oldest first
        self.next_id = 1000
        for f in range(1, args.feeds + 1):
            self.feeds[f] = {"url": "http://127.0.0.1/standin/%d.xml" % f,
                             "title": "Stand-in feed %d" % f}
        # What the server has from the start it crawled an hour ago.
        self.add(args.items, 3600)

    def add(self, n, ago=0):
        now = int(time.time())
        nfeeds = max(len(self.feeds), 1)
        for k in range(n):
            i = self.next_id
            self.next_id += 1
            self.items.append({
                "id": i, "feed": 1 + i % nfeeds,
                "crawl": (time.time() - ago) * 1e6 + k,
                "published": now - (i % 100000), "read": False,
                "starred": False})

    def find(self, s):
        s = s.strip()
        if s.startswith(TAG):
            return int(s[len(TAG):], 16)
        return int(s)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, body, ctype="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        path = self.path.split("?")[0]
        if not path.startswith("/__"):
            with open(self.server.args.log, "a") as f:
                f.write("%s %s %d\n" % (self.command, path, status))

    def do_GET(self):
        self.handle_any(None)

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode()
        self.handle_any(urllib.parse.parse_qs(body, keep_blank_values=True))

    def handle_any(self, form):
        st = self.server.state
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query)
        if not u.path.startswith("/__"):
            with st.lock:
                st.inflight.append(u.path)
                slow = st.slow if st.slow_path in u.path else 0
            if slow > 0:
                time.sleep(slow)
            try:
                with st.lock:
                    return self.answer(st, u, q, form)
            finally:
                with st.lock:
                    st.inflight.remove(u.path)
        with st.lock:
            return self.answer(st, u, q, form)

    def answer(self, st, u, q, form):
        if True:  # (the lock is held)
            if u.path == "/__fail":
                st.fail = int(q.get("n", ["1"])[0])
                return self.reply(200, "{}")
            if u.path == "/__slow":
                st.slow = int(q.get("ms", ["0"])[0]) / 1000.0
                st.slow_path = q.get("path", [""])[0]
                return self.reply(200, "{}")
            if u.path == "/__add":
                st.add(int(q.get("n", ["1"])[0]))
                return self.reply(200, "{}")
            if u.path == "/__state":
                return self.reply(200, json.dumps({
                    "unread": [i["id"] for i in st.items if not i["read"]],
                    "starred": [i["id"] for i in st.items if i["starred"]],
                    "items": len(st.items),
                    "inflight": list(st.inflight),
                    "feeds": [f["url"] for f in st.feeds.values()]}))
            if st.fail > 0:
                st.fail -= 1
                return self.reply(500, "Internal Server Error", "text/plain")
            return self.route(st, u.path, q, form)

    def route(self, st, path, q, form):
        if path == "/accounts/ClientLogin":
            f = form or q
            if (f.get("Email", [""])[0] == st.user and
                    f.get("Passwd", [""])[0] == st.password):
                return self.reply(200, "SID=x\nLSID=x\nAuth=%s\n" % st.auth,
                                  "text/plain")
            return self.reply(401, "Unauthorized", "text/plain")
        if form is not None:
            # Miniflux: a POST is authenticated by its T= token only.
            if form.get("T", [""])[0] != st.token:
                return self.reply(401, "Unauthorized", "text/plain")
        elif self.headers.get("Authorization") != \
                "GoogleLogin auth=" + st.auth:
            return self.reply(401, "Unauthorized", "text/plain")
        api = "/reader/api/0/"
        if not path.startswith(api):
            return self.reply(404, "Not Found", "text/plain")
        what = path[len(api):]
        if what == "token":
            return self.reply(200, st.token, "text/plain")
        if what == "subscription/list":
            return self.reply(200, json.dumps({"subscriptions": [
                {"id": "feed/%d" % n, "title": f["title"], "url": f["url"],
                 "categories": [{"id": "user/-/label/All", "label": "All"}]}
                for n, f in sorted(st.feeds.items())]}))
        if what == "subscription/edit" or what == "subscription/quickadd":
            return self.subscription(st, what, form or {})
        if what.startswith("stream/contents/"):
            return self.contents(st, q)
        if what == "stream/items/ids":
            return self.ids(st, q)
        if what == "edit-tag":
            ids = {st.find(i) for i in form.get("i", [])}
            for it in st.items:
                if it["id"] in ids:
                    for tag, on in ((form.get("a", [""])[0], True),
                                    (form.get("r", [""])[0], False)):
                        if tag == READ:
                            it["read"] = on
                        elif tag == STARRED:
                            it["starred"] = on
            return self.reply(200, "OK", "text/plain")
        if what == "mark-all-as-read":
            s = form.get("s", [""])[0]
            ts = int(form.get("ts", ["0"])[0] or 0)
            for it in st.items:
                if (ts == 0 or it["crawl"] <= ts) and (
                        s.endswith("reading-list") or
                        s == "feed/%d" % it["feed"]):
                    it["read"] = True
            return self.reply(200, "OK", "text/plain")
        return self.reply(404, "Not Found", "text/plain")

    def subscription(self, st, what, form):
        s = form.get("s", form.get("quickadd", [""]))[0]
        ac = form.get("ac", ["subscribe"])[0]
        if ac == "subscribe":
            url = s[5:] if s.startswith("feed/") else s
            n = max(st.feeds, default=0) + 1
            st.feeds[n] = {"url": url, "title": url}
        elif ac == "unsubscribe":
            st.feeds.pop(int(s.split("/")[-1]), None)
        return self.reply(200, "OK", "text/plain")

    def contents(self, st, q):
        n = int(q.get("n", ["20"])[0])
        ot = int(q.get("ot", ["0"])[0])
        start = int(q.get("c", ["0"])[0] or 0)
        items = [i for i in reversed(st.items) if i["crawl"] >= ot * 1e6]
        page = items[start:start + n]
        out = {"id": "user/-/state/com.google/reading-list",
               "updated": int(time.time()), "items": []}
        for it in page:
            cats = ["user/-/state/com.google/reading-list"]
            if it["read"]:
                cats.append(READ)
            if it["starred"]:
                cats.append(STARRED)
            out["items"].append({
                "id": TAG + "%016x" % it["id"],
                # hostile text now and then: an escape in a title
                "title": "Stand-in post %d%s" % (
                    it["id"], "\x1b[31m red" if it["id"] % 97 == 0 else ""),
                "published": it["published"],
                "timestampUsec": str(int(it["crawl"])),
                "canonical": [{"href": "http://127.0.0.1/p/%d" % it["id"]}],
                "categories": cats,
                "origin": {"streamId": "feed/%d" % it["feed"],
                           "title": st.feeds[it["feed"]]["title"]},
                "summary": {"content": "<p>Body %d</p>" % it["id"]},
                "author": "Author %d" % (it["id"] % 7)})
        if start + n < len(items):
            out["continuation"] = str(start + n)
        return self.reply(200, json.dumps(out))

    def ids(self, st, q):
        s = q.get("s", [""])[0]
        xt = q.get("xt", [""])[0]
        n = int(q.get("n", ["20"])[0])
        start = int(q.get("c", ["0"])[0] or 0)
        sel = [i for i in reversed(st.items)
               if (not s.endswith("starred") or i["starred"]) and
               not (xt == READ and i["read"])]
        page = sel[start:start + n]
        out = {"itemRefs": [{"id": str(i["id"])} for i in page]}
        if start + n < len(sel):
            out["continuation"] = str(start + n)
        return self.reply(200, json.dumps(out))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--user", default="alice")
    p.add_argument("--password", default="secret-pw")
    p.add_argument("--feeds", type=int, default=3)
    p.add_argument("--items", type=int, default=10)
    p.add_argument("--max-seconds", type=float, default=600)
    args = p.parse_args()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.args = args
    srv.state = State(args)
    open(args.log, "a").close()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, args.port_file)
    threading.Timer(args.max_seconds, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
