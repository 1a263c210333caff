#!/usr/bin/env python3
"""perfshare.py: where the time goes, from `perf script -F ip,sym,dso` of
a `perf record --call-graph dwarf` profile (bench/run.sh profile).

    perf script -i FILE -F ip,sym,dso | perfshare.py --roots A,B
        [--phases X,Y,...] [--top N] [--label DSO=NAME]

Only samples with one of the root functions on their stack count (so the
untimed setup of bench/throughput is left out); shares are of those.
Prints Markdown: the phases' inclusive shares (samples with the function
anywhere on the stack, in the order given; "(inlined)" frames count as
their function; the phase "[malloc]" is any of libc's allocator
functions), then the top N functions by self time (the leaf frame;
unnamed frames are grouped by library), then self time by library.
"""
import argparse
import collections
import os
import re
import sys

LINE = re.compile(r"^\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")
ALLOC = "[malloc]"
ALLOC_RE = re.compile(r"^(malloc|free|cfree|realloc|calloc|__GI___libc_(malloc|free|realloc|calloc)"
                      r"|_int_\w+|tcache_\w+|unlink_chunk|malloc_consolidate)")
LINE_NODSO = re.compile(r"^\s*[0-9a-f]+\s+(.*?)\s*$")


def frames(stream):
    """Yield each sample's stack: a list of (symbol, dso), leaf first."""
    stack = []
    for line in stream:
        if not line.strip():
            if stack:
                yield fill(stack)
            stack = []
            continue
        m = LINE.match(line)
        if m:
            sym, dso = m.group(1), os.path.basename(m.group(2))
        else:
            m = LINE_NODSO.match(line)
            if not m:
                continue
            sym, dso = m.group(1), ""
        if dso == "inlined":
            dso = None  # inlined into the next frame out: its library
        sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
        stack.append([sym, dso])
    if stack:
        yield fill(stack)


def fill(stack):
    """Give inlined frames the library of the frame they are inlined in."""
    dso = ""
    for f in reversed(stack):
        if f[1] is None:
            f[1] = dso
        else:
            dso = f[1]
    return [tuple(f) for f in stack]


def short(dso):
    d = re.sub(r"\.so(\.[0-9.]+)?$", "", dso)
    return d or "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--roots", required=True)
    ap.add_argument("--phases", default="")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--label", action="append", default=[],
                    help="DSO=NAME: call library DSO NAME in the tables")
    a = ap.parse_args()
    roots = set(a.roots.split(","))
    phases = [p for p in a.phases.split(",") if p]
    labels = dict(x.split("=", 1) for x in a.label)

    total = 0
    incl = collections.Counter()
    leaf = collections.Counter()
    bydso = collections.Counter()
    for st in frames(sys.stdin):
        syms = {s for s, _ in st}
        if not syms & roots:
            continue
        total += 1
        for p in phases:
            if p in syms or (p == ALLOC and any(
                    short(d) == "libc" and ALLOC_RE.match(s) for s, d in st)):
                incl[p] += 1
        sym, dso = st[0]
        lib = labels.get(dso, short(dso))
        if sym == "[unknown]" or not sym:
            sym = "[unnamed]"
        key = "%s (%s)" % (sym, lib)
        leaf[key] += 1
        bydso[lib] += 1
    if total == 0:
        sys.exit("perfshare.py: no sample under %s" % a.roots)
    pct = lambda n: "%.1f%%" % (100.0 * n / total)
    print("%d samples with %s on the stack." % (total, " or ".join(
        "`%s`" % r for r in sorted(roots))))
    print()
    if phases:
        print("| function (inclusive) | share |")
        print("|---|---|")
        for p in phases:
            print("| `%s` | %s |" % (p, pct(incl[p])))
        print()
    print("| function (self), top %d | share |" % a.top)
    print("|---|---|")
    for k, n in leaf.most_common(a.top):
        print("| `%s` | %s |" % (k, pct(n)))
    print()
    print("| library (self) | share |")
    print("|---|---|")
    for k, n in bydso.most_common(8):
        print("| %s | %s |" % (k, pct(n)))


if __name__ == "__main__":
    main()
