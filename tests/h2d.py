#!/usr/bin/env python3
"""tests/h2d.py: a loopback HTTP/2 (TLS, h2 by ALPN) server whose streams
can stall, for the fetch tests.  Debian's python3-h2 (the hyper-h2
library), else the standard library only.

It owns nothing but its own socket, its log and its port file; it never
binds or connects anywhere but 127.0.0.1, and it exits by itself after
--max-seconds.

    h2d.py --root DIR --cert PEM --key PEM --log FILE --port-file FILE
           [--max-seconds 120]

A request for /.../head/0.xml gets its response headers and then nothing:
the stream stays open until the client resets it or goes away.  One for
/.../body/0.xml gets headers with a Content-Length 100 bytes longer than
the body it then sends, and stays open likewise.  Any other path is the
file of its last component under --root (404 when there is none), sent
whole on its stream at once: a stalled stream never holds up another.

The first connection accepted after a file named .stall-handshake
appears in --root (which the server then removes) never gets through
its TLS handshake: the server reads what the client sends and answers
nothing until the client goes away.

Log: one line per request when it arrives, "CONN STREAM PATH" (CONN
counts connections from 1), flushed at once.
"""
import argparse
import os
import socket
import ssl
import sys
import threading
import time

import h2.config
import h2.connection
import h2.events
import h2.exceptions

log_lock = threading.Lock()


def log_line(path, text):
    with log_lock:
        with open(path, "a", encoding="utf-8") as f:
            f.write(text + "\n")


def body_of(root, path):
    name = os.path.basename(path.split("?", 1)[0])
    full = os.path.join(root, name)
    if not name or not os.path.isfile(full):
        return None
    with open(full, "rb") as f:
        return f.read()


def send_body(conn, sock, stream, data, end):
    """Send data on stream in frames the peer allows (the files are small
    enough for the initial windows)."""
    size = conn.max_outbound_frame_size
    for i in range(0, len(data), size):
        conn.send_data(stream, data[i:i + size], end_stream=False)
    if end:
        conn.end_stream(stream)
    sock.sendall(conn.data_to_send())


def answer(args, conn, sock, cid, event):
    headers = dict((k.decode() if isinstance(k, bytes) else k,
                    v.decode() if isinstance(v, bytes) else v)
                   for k, v in event.headers)
    path = headers.get(":path", "/")
    stream = event.stream_id
    log_line(args.log, "%d %d %s" % (cid, stream, path))
    data = body_of(args.root, path)
    parts = path.split("?", 1)[0].split("/")
    stall = parts[-1] == "0.xml" and len(parts) >= 2 and \
        parts[-2] in ("head", "body")
    if data is None:
        conn.send_headers(stream, [(":status", "404"),
                                   ("content-length", "0")],
                          end_stream=True)
        sock.sendall(conn.data_to_send())
        return
    if stall and parts[-2] == "head":
        conn.send_headers(stream, [(":status", "200"),
                                   ("content-type", "application/xml")])
        sock.sendall(conn.data_to_send())
        return
    if stall:
        conn.send_headers(stream, [(":status", "200"),
                                   ("content-type", "application/xml"),
                                   ("content-length", str(len(data) + 100))])
        send_body(conn, sock, stream, data, False)
        return
    conn.send_headers(stream, [(":status", "200"),
                               ("content-type", "application/xml"),
                               ("content-length", str(len(data)))])
    send_body(conn, sock, stream, data, True)


def stall(raw):
    """Hold a connection open without a word until the client leaves."""
    raw.settimeout(60)
    try:
        while raw.recv(4096):
            pass
    except OSError:
        pass
    raw.close()


def serve(args, ctx, raw, cid):
    flag = os.path.join(args.root, ".stall-handshake")
    # Taken by removing it: of two connections that arrive together,
    # only one stalls (a check before the removal let both see the flag,
    # and the second died on the removal, resetting its client).
    try:
        os.remove(flag)
    except FileNotFoundError:
        pass
    else:
        log_line(args.log, "%d - handshake stalled" % cid)
        stall(raw)
        return
    try:
        sock = ctx.wrap_socket(raw, server_side=True)
    except (OSError, ssl.SSLError):
        raw.close()
        return
    try:
        if sock.selected_alpn_protocol() != "h2":
            return
        conn = h2.connection.H2Connection(
            config=h2.config.H2Configuration(client_side=False,
                                             header_encoding=None))
        conn.initiate_connection()
        sock.sendall(conn.data_to_send())
        while True:
            data = sock.recv(65536)
            if not data:
                return
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    answer(args, conn, sock, cid, event)
                elif isinstance(event, h2.events.ConnectionTerminated):
                    return
            out = conn.data_to_send()
            if out:
                sock.sendall(out)
    except (OSError, ssl.SSLError, h2.exceptions.H2Error):
        return
    finally:
        sock.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--max-seconds", type=float, default=120)
    args = ap.parse_args()

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(args.cert, args.key)
    ctx.set_alpn_protocols(["h2"])

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    srv.settimeout(0.5)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.getsockname()[1])
    os.rename(tmp, args.port_file)

    end = time.monotonic() + args.max_seconds
    cid = 0
    while time.monotonic() < end:
        try:
            raw, _ = srv.accept()
        except socket.timeout:
            continue
        cid += 1
        threading.Thread(target=serve, args=(args, ctx, raw, cid),
                         daemon=True).start()
    sys.exit(0)


if __name__ == "__main__":
    main()
