#!/usr/bin/env python3
"""multiserve.py: the shared kit's serve.py on many loopback addresses at
once, in one process, for the Planet-shaped refresh (bench/refresh.py).

    multiserve.py --kit DIR --root CORPUS --hosts A,B,... [--latency-ms MS]
                  --max-seconds S --ready-file F

orrery caps connections per host name, and the host of
http://127.0.0.2:PORT/... is 127.0.0.2 whatever the port, so each
simulated host is its own address in 127.0.0.0/8 (Linux routes all of it
to lo; nothing needs configuring).  One listening socket per address,
each answered by serve.py's own request handler with its own counters,
all over one preloaded corpus: every address serves every feed, the URL
list decides which feed lives where.  The sockets are multiplexed by one
selector thread; requests are handled on threads as serve.py does.

Control, on its own socket on 127.0.0.1 (not counted anywhere):
    GET /__hosts[?reset_max=1]  JSON {"all": counters over every address
                                (max_inflight: requests in flight at once,
                                all addresses together), "hosts": {ADDR:
                                counters}}; reset_max restarts every
                                max-in-flight window after the snapshot
    GET /__quit                 exit

The ready file gets {"pid", "control_port", "ports": {ADDR: PORT}}.  Like
serve.py it refuses any address that is not loopback and always exits by
itself after --max-seconds (os._exit), also on SIGTERM/SIGINT.
"""
import argparse
import ipaddress
import json
import os
import random
import selectors
import signal
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kit", required=True, help="the shared kit (holds serve.py)")
    ap.add_argument("--root", required=True, help="corpus directory (contains feeds/)")
    ap.add_argument("--hosts", required=True, help="comma-separated loopback addresses")
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--max-seconds", type=float, required=True)
    ap.add_argument("--ready-file", required=True)
    a = ap.parse_args()

    hosts = [h for h in a.hosts.split(",") if h]
    for h in hosts:
        if not ipaddress.ip_address(h).is_loopback:
            sys.exit("multiserve.py: refusing non-loopback address %s" % h)
    if len(set(hosts)) != len(hosts):
        sys.exit("multiserve.py: an address is given twice")
    if a.max_seconds <= 0 or a.max_seconds > 6 * 3600:
        sys.exit("multiserve.py: --max-seconds must be in (0, 21600]")

    def finish(reason=None):
        os._exit(0)

    timer = threading.Timer(a.max_seconds, finish)
    timer.daemon = True
    timer.start()
    signal.signal(signal.SIGTERM, lambda *_: finish())
    signal.signal(signal.SIGINT, lambda *_: finish())

    sys.path.insert(0, a.kit)
    import serve  # the kit's server: its Store, Stats and handler

    class Server(serve.Server):
        def server_bind(self):
            # HTTPServer.server_bind asks socket.getfqdn() for the name
            # of the address: a reverse DNS query for anything /etc/hosts
            # does not list.  Nothing here may leave loopback.
            socketserver.TCPServer.server_bind(self)
            self.server_name, self.server_port = self.server_address[:2]

    store = serve.Store(a.root, 6)
    everything = serve.Stats()

    class HostStats(serve.Stats):
        """One address's counters; in-flight also counted over all."""

        def begin(self):
            super().begin()
            everything.begin()

        def end(self, path, status, nbytes, gz, inm, ims):
            super().end(path, status, nbytes, gz, inm, ims)
            everything.end(path, status, nbytes, gz, inm, ims)

    jr = random.Random(12345)

    class Cfg:
        latency = a.latency_ms / 1000.0
        jitter = 0.0
        gzip = True
        conditional = True

        @staticmethod
        def rng_jitter():
            return jr.uniform(0, 0)

    logf = open(os.devnull, "w")
    loglock = threading.Lock()
    servers, stats = {}, {}
    for h in hosts:
        stats[h] = HostStats()
        servers[h] = Server((h, 0), serve.make_handler(
            store, stats[h], Cfg, logf, loglock, finish))

    def snapshot(reset):
        out = {"all": everything.snapshot(),
               "hosts": {h: stats[h].snapshot() for h in hosts}}
        if reset:
            for s in list(stats.values()) + [everything]:
                with s.lock:
                    s.c["max_inflight"] = s.c["inflight"]
        return out

    class Control(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            path, _, query = self.path.partition("?")
            if path == "/__hosts":
                body = json.dumps(snapshot("reset_max=1" in query)).encode()
            elif path == "/__quit":
                body = b"ok\n"
                threading.Timer(0.1, finish).start()
            else:
                body = b"not found\n"
            self.send_response(200 if body != b"not found\n" else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    control = Server(("127.0.0.1", 0), Control)
    ctl = threading.Thread(target=control.serve_forever, daemon=True)
    ctl.start()

    sel = selectors.DefaultSelector()
    for h in hosts:
        sel.register(servers[h].socket, selectors.EVENT_READ, servers[h])
    info = {"pid": os.getpid(), "control_port": control.server_address[1],
            "ports": {h: servers[h].server_address[1] for h in hosts},
            "files": len(store.files), "latency_ms": a.latency_ms,
            "deadline_epoch": round(time.time() + a.max_seconds, 3)}
    tmp = a.ready_file + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(info, fh)
    os.rename(tmp, a.ready_file)
    while True:
        for key, _ in sel.select(1.0):
            # accept and hand the connection to a thread, as
            # serve_forever does for one socket
            key.data._handle_request_noblock()


if __name__ == "__main__":
    main()
