#!/usr/bin/env python3
"""refresh.py: `orrery refresh` over loopback against the shared kit's
server, cold and warm, for make bench (bench/run.sh).

    refresh.py --bin BIN --kit KIT --corpus DIR --work DIR --runs N
               --latency-ms MS [--planet]

The corpus is one made by the kit's gen_corpus.py.  Without --planet one
serve.py (KIT/serve.py) on 127.0.0.1 serves every feed and orrery gets
max-connections-per-host = max-connections (the whole list is one host,
so the per-host cap would otherwise be the concurrency).  With --planet
the list has the shape of Planet Python's: 100 feeds on 127.0.0.1, 30 on
127.0.0.2 and the rest over 250 addresses 127.0.1.1-127.0.1.250 (two or
one each), interleaved by a fixed shuffle, all served by one
bench/multiserve.py; orrery's own defaults are in effect (the per-host
cap among them).

Each run: a fresh store, `orrery import` of the URL list (untimed), then
the cold `orrery refresh` (every feed fetched and stored) and the warm
`orrery refresh --force` (every feed asked again, content unchanged: all
should answer 304).  Wall (perf_counter around fork/exec/wait), CPU
(user+sys of the process, all its threads, from wait4) and peak RSS; from
the server's counters, around each refresh: requests, 200s, 304s and the
most requests in flight at once.  Prints on stdout:

    cold  WALL3 CPU3 RSS3 REQUESTS N200 N304 INFLIGHT3 ENTRIES
    warm  (the same)
    floor SECONDS CONNECTIONS PER_HOST
    (--planet) hosts-cold and hosts-warm: MAX_A MAX_B MAX_REST, the most
    in flight at once on the 100-feed host, the 30-feed host and any other

where X3 is "median min max" over the runs, counts are medians, ENTRIES
the entries in the store after the cold refresh (median), and the floor
latency x feeds / concurrency, the concurrency being max-connections, or
for --planet max(feeds / max-connections, 100 / max-connections-per-host)
requests in a row.  Exits 1 when a refresh fails.  Only loopback
addresses are used; proxies are switched off in orrery's environment.
"""
import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request

BIG, SMALL, NREST = 100, 30, 250


def wait_ready(path, proc, what):
    for _ in range(600):
        if os.path.exists(path):
            with open(path) as fh:
                return json.load(fh)
        if proc.poll() is not None:
            sys.exit("refresh.py: %s exited (%d)" % (what, proc.returncode))
        time.sleep(0.05)
    sys.exit("refresh.py: %s did not start" % what)


def get_json(url):
    # the control endpoints are on loopback; never through a proxy
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=30) as r:
        return json.load(r)


def clean_env(work):
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update({"NO_PROXY": "*", "no_proxy": "*", "HOME": work,
                "XDG_CONFIG_HOME": work, "XDG_DATA_HOME": work,
                "LC_ALL": "C.UTF-8"})
    return env


def run(cmd, env):
    """Run cmd; (wall s, user+sys s, peak RSS MB)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read()
    p.stderr.close()
    rc = os.waitstatus_to_exitcode(status)
    if rc != 0:
        sys.exit("refresh.py: %s failed (%d): %s"
                 % (" ".join(cmd), rc, err[:300].decode(errors="replace")))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0


def config_value(bin_, cfg, env, key):
    out = subprocess.run([bin_, "-c", cfg, "config"], env=env, check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        k, _, v = line.partition("=")
        if k.strip() == key:
            return int(v.strip())
    sys.exit("refresh.py: `orrery config` shows no %s" % key)


def three(v, fmt):
    v = sorted(v)
    return " ".join(fmt % x for x in (statistics.median(v), v[0], v[-1]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--kit", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--planet", action="store_true")
    a = ap.parse_args()

    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    env = clean_env(work)
    names = sorted(os.listdir(os.path.join(a.corpus, "feeds")))
    nfeeds = len(names)
    cfg = os.path.join(work, "config.ini")
    with open(cfg, "w") as fh:
        fh.write('[general]\nrefresh-on-start = no\ndefault-feed = ""\ntimeout = 60\n')
    conns = config_value(a.bin, cfg, env, "max-connections")
    if not a.planet:
        with open(cfg, "a") as fh:
            fh.write("max-connections-per-host = %d\n" % conns)
    perhost = config_value(a.bin, cfg, env, "max-connections-per-host")

    ready = os.path.join(work, "ready.json")
    if os.path.exists(ready):
        os.unlink(ready)
    # a generous bound on the server's life: it exits by itself
    life = str(120 + a.runs * (60 + 4 * nfeeds * a.latency_ms / 1000.0))
    if a.planet:
        if nfeeds <= BIG + SMALL:
            sys.exit("refresh.py: --planet wants more than %d feeds" % (BIG + SMALL))
        rest = ["127.0.1.%d" % (i + 1) for i in range(NREST)]
        hosts = ["127.0.0.1", "127.0.0.2"] + rest
        server = subprocess.Popen(
            [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                          "multiserve.py"),
             "--kit", a.kit, "--root", a.corpus, "--hosts", ",".join(hosts),
             "--latency-ms", str(a.latency_ms), "--max-seconds", life,
             "--ready-file", ready], stderr=subprocess.DEVNULL)
        info = wait_ready(ready, server, "multiserve.py")
        ports = info["ports"]
        where = ["127.0.0.1"] * BIG + ["127.0.0.2"] * SMALL + \
            [rest[i % NREST] for i in range(nfeeds - BIG - SMALL)]
        random.Random(567).shuffle(where)
        urls = ["http://%s:%d/feeds/%s" % (h, ports[h], n) for h, n in zip(where, names)]
        stats_url = "http://127.0.0.1:%d/__hosts" % info["control_port"]
        floor_n = max(nfeeds / conns, BIG / perhost)
    else:
        server = subprocess.Popen(
            [sys.executable, os.path.join(a.kit, "serve.py"), "--root", a.corpus,
             "--port", "0", "--latency-ms", str(a.latency_ms), "--max-seconds", life,
             "--ready-file", ready], stderr=subprocess.DEVNULL)
        info = wait_ready(ready, server, "serve.py")
        urls = ["http://127.0.0.1:%d/feeds/%s" % (info["port"], n) for n in names]
        stats_url = "http://127.0.0.1:%d/__stats" % info["port"]
        floor_n = nfeeds / conns
    listf = os.path.join(work, "urls")
    with open(listf, "w") as fh:
        fh.write("".join(u + "\n" for u in urls))

    def counters():
        s = get_json(stats_url)
        return s["all"] if a.planet else s

    def around(cmd):
        get_json(stats_url + "?reset_max=1")
        before = counters()
        wall, cpu, rss = run(cmd, env)
        after = get_json(stats_url)
        tot = after["all"] if a.planet else after
        st = lambda c, k: c["status"].get(k, 0)
        row = {"wall": wall, "cpu": cpu, "rss": rss,
               "req": tot["requests"] - before["requests"],
               "200": st(tot, "200") - st(before, "200"),
               "304": st(tot, "304") - st(before, "304"),
               "inflight": tot["max_inflight"]}
        if a.planet:
            h = after["hosts"]
            row["hosts"] = (h["127.0.0.1"]["max_inflight"], h["127.0.0.2"]["max_inflight"],
                            max(h[x]["max_inflight"] for x in rest))
        return row

    db = os.path.join(work, "orrery.db")
    base = [a.bin, "-c", cfg, "-d", db]
    rows = {"cold": [], "warm": []}
    entries = []
    try:
        for _ in range(a.runs):
            for sfx in ("", "-wal", "-shm"):
                if os.path.exists(db + sfx):
                    os.unlink(db + sfx)
            run(base + ["import", listf], env)
            rows["cold"].append(around(base + ["refresh"]))
            con = sqlite3.connect(db)
            entries.append(con.execute("select count(*) from entries").fetchone()[0])
            con.close()
            rows["warm"].append(around(base + ["refresh", "--force"]))
    finally:
        try:
            server.terminate()
            server.wait(10)
        except Exception:
            server.kill()
    for k in ("cold", "warm"):
        r = rows[k]
        med = lambda f: int(statistics.median(x[f] for x in r))
        print(k, three([x["wall"] for x in r], "%.3f"), three([x["cpu"] for x in r], "%.3f"),
              three([x["rss"] for x in r], "%.1f"), med("req"), med("200"), med("304"),
              three([x["inflight"] for x in r], "%d"), int(statistics.median(entries)))
    print("floor %.3f %d %d" % (a.latency_ms / 1000.0 * floor_n, conns, perhost))
    if a.planet:
        for k in ("cold", "warm"):
            print("hosts-" + k, *(max(x["hosts"][i] for x in rows[k]) for i in range(3)))


if __name__ == "__main__":
    main()
