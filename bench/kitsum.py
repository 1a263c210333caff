#!/usr/bin/env python3
"""kitsum.py [--parse-s S] RESULTS_DIR...: orrery beside newsboat and sfeed, from runs
of the shared kit (../shared/bench, run through bench/run-shared.sh), as
Markdown with the ratios issue 7 asks for.  Reads each directory's
results.jsonl (one JSON line per measurement, written by the kit).

  tune runs    cold refresh per reader and concurrency (median over the
               repetitions); each reader's best concurrency; orrery's
               best against the faster peer's best, in wall and CPU; and
               against the floor: feeds x latency / concurrency, plus S
               seconds of parsing (the corpus through parse_feed on one
               core, from bench/throughput parse) when given.
  default runs cold, first and second warm refresh per reader and
               latency (wall, CPU, 200s and 304s); warm CPU against
               newsboat's; startup and TUI first paint against sfeed's.

Only figures from the same run are set against each other.
"""
import collections
import json
import os
import statistics
import sys

PEERS = ("newsboat", "sfeed")


def load(d):
    with open(os.path.join(d, "results.jsonl"), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def med(v):
    return statistics.median(v) if v else None


def fmt(x, unit="s", digits=2):
    return "n/a" if x is None else ("%.*f %s" % (digits, x, unit)).strip()


def ratio(a, b):
    return "n/a" if a is None or not b else "%.2f×" % (a / b)


def tune(rs, d, parse_s):
    out = []
    by = collections.defaultdict(list)
    for r in rs:
        if r.get("step") == "refresh" and r.get("label") == "cold" and r.get("ok"):
            by[(r["latency_ms"], r["reader"], r["threads"])].append(r)
    for lat in sorted({k[0] for k in by}):
        readers = sorted({k[1] for k in by if k[0] == lat},
                         key=lambda x: (x == "orrery", x))
        threads = sorted({k[2] for k in by if k[0] == lat})
        reps = max(len(v) for k, v in by.items() if k[0] == lat)
        out.append("Cold refresh of 500 feeds x 50 items at %g ms latency, `%s` "
                   "(median of %d; wall / CPU of the whole process tree; the most "
                   "requests the server saw in flight):" % (lat, os.path.basename(d), reps))
        out.append("")
        out.append("| reader | " + " | ".join("%d at once" % t for t in threads) + " |")
        out.append("|---|" + "---|" * len(threads))
        best = {}
        for rd in readers:
            cells = []
            for t in threads:
                v = by.get((lat, rd, t), [])
                w = med([x["wall_s"] for x in v])
                c = med([x["cpu_s"] for x in v])
                inflight = max((x.get("http", {}).get("max_inflight", 0) for x in v), default=0)
                cells.append("%s / %s, %d" % (fmt(w), fmt(c), inflight) if v else "n/a")
                if w is not None and (rd not in best or w < best[rd][0]):
                    best[rd] = (w, c, t)
            out.append("| %s | %s |" % (rd, " | ".join(cells)))
        out.append("| floor (500 x latency / concurrency%s) | " % (
            " + %.2f s parsing" % parse_s if parse_s else "") + " | ".join(
                fmt(500 * lat / 1000.0 / t + parse_s) for t in threads) + " |")
        out.append("")
        peers = [p for p in PEERS if p in best]
        if "orrery" in best and peers:
            fp = min(peers, key=lambda p: best[p][0])
            ow, oc, ot = best["orrery"]
            pw, pc, pt = best[fp]
            out.append("Best of each: " + ", ".join(
                "%s %s at %d" % (rd, fmt(best[rd][0]), best[rd][2]) for rd in readers) + ".")
            out.append("")
            out.append("- orrery's best against the faster peer's best (%s at %d): "
                       "wall **%s** (target ≤ 0.30×), CPU %s against %s (%s; "
                       "CPU of the other peer at its best: %s)." % (
                           fp, pt, ratio(ow, pw), fmt(oc), fmt(pc), ratio(oc, pc),
                           "; ".join("%s %s" % (p, fmt(best[p][1])) for p in peers if p != fp) or "none"))
            out.append("- orrery against the floor (target ≤ 1.5×): " + ", ".join(
                "%s at %d" % (ratio(med([x["wall_s"] for x in by[(lat, "orrery", t)]]),
                                    500 * lat / 1000.0 / t + parse_s), t)
                for t in threads if by.get((lat, "orrery", t))) + ".")
            out.append("")
    return out


def default(rs, d):
    out = []
    ref = collections.defaultdict(list)
    for r in rs:
        if r.get("ok"):
            ref[(r.get("latency_ms"), r["reader"], r.get("label"))].append(r)
    lats = sorted({k[0] for k in ref if k[2] in ("cold", "warm1", "warm2")})
    readers = sorted({k[1] for k in ref}, key=lambda x: (x == "orrery", x))
    out.append("Refreshes of 500 feeds x 50 items, `%s` (medians; CPU of the whole "
               "process tree; HTTP answers the server gave):" % os.path.basename(d))
    out.append("")
    out.append("| latency | reader | cold | first warm | second warm |")
    out.append("|---|---|---|---|---|")

    def cell(v):
        if not v:
            return "n/a"
        h = v[0].get("http", {})
        return "%s / %s CPU, %d×200 %d×304" % (
            fmt(med([x["wall_s"] for x in v])), fmt(med([x["cpu_s"] for x in v])),
            h.get("n200", 0), h.get("n304", 0))

    for lat in lats:
        for rd in readers:
            out.append("| %g ms | %s | %s | %s | %s |" % (
                lat, rd, cell(ref.get((lat, rd, "cold"))), cell(ref.get((lat, rd, "warm1"))),
                cell(ref.get((lat, rd, "warm2")))))
    out.append("")
    for lat in lats:
        o1 = ref.get((lat, "orrery", "warm1"))
        o2 = ref.get((lat, "orrery", "warm2"))
        n2 = ref.get((lat, "newsboat", "warm2"))
        if o1 and o2 and n2:
            oc = med([x["cpu_s"] for x in o2])
            nc = med([x["cpu_s"] for x in n2])
            all304 = all(x.get("http", {}).get("n304", 0) == x.get("http", {}).get("requests", -1)
                         for x in o1 + o2)
            out.append("- %g ms: orrery's warm refreshes all 304 from the first warm run: **%s**; "
                       "warm CPU %s against newsboat's %s: **%s** (target ≤ 0.10×)." % (
                           lat, "yes" if all304 else "no", fmt(oc, digits=3), fmt(nc), ratio(oc, nc)))
    out.append("")
    rows = []
    for step in ("startup", "tui"):
        for rd in readers:
            v = [r for k, vs in ref.items() if k[1] == rd and k[2] == step for r in vs]
            if not v:
                continue
            key = "first_paint_s" if step == "tui" else "wall_s"
            rows.append((step, rd, med([x[key] for x in v if x.get(key) is not None]),
                         med([x["max_rss_kb"] / 1024.0 for x in v]), v[0].get("items")))
    if rows:
        out.append("| step | reader | time | peak memory | items |")
        out.append("|---|---|---|---|---|")
        for step, rd, t, m, n in rows:
            out.append("| %s | %s | %s | %s | %s |" % (
                "TUI first paint" if step == "tui" else "startup (headless)", rd,
                fmt(t, digits=3), fmt(m, "MB", 1), n))
        out.append("")
        tp = {(s, rd): t for s, rd, t, _, _ in rows}
        if ("tui", "orrery") in tp and ("tui", "sfeed") in tp:
            out.append("- TUI first paint, orrery against sfeed_curses: %s (target: no slower)." % (
                ratio(tp[("tui", "orrery")], tp[("tui", "sfeed")])))
            out.append("")
    return out


def main():
    args = sys.argv[1:]
    parse_s = 0.0
    if args[:1] == ["--parse-s"] and len(args) > 1:
        parse_s = float(args[1])
        args = args[2:]
    if not args:
        sys.exit("usage: kitsum.py [--parse-s S] RESULTS_DIR...")
    out = []
    for d in args:
        rs = load(d)
        scen = {r.get("scenario") for r in rs}
        if "tune" in scen:
            out += tune([r for r in rs if r.get("scenario") == "tune"], d, parse_s)
        if "default" in scen:
            out += default([r for r in rs if r.get("scenario") == "default"], d)
    print("\n".join(out).rstrip("\n"))


if __name__ == "__main__":
    main()
