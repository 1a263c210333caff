#!/usr/bin/env python3
"""results.py OUT DIR SECTION...: put bench/RESULTS.md together
(bench/run.sh).  DIR holds header.md and one NAME.md per section that was
just run; sections are written in the order given, each between
"<!-- bench: NAME -->" and "<!-- /bench: NAME -->", taken from DIR when it
was run now and otherwise kept as OUT already has it, so that
`bench/run.sh parse` updates the parse figures and leaves the others."""
import os
import re
import sys

out, frags, sections = sys.argv[1], sys.argv[2], sys.argv[3:]
old = ""
if os.path.exists(out):
    with open(out, encoding="utf-8") as fh:
        old = fh.read()


def block(name, body):
    return "<!-- bench: %s -->\n%s\n<!-- /bench: %s -->\n" % (name, body.strip("\n"), name)


parts = []
with open(os.path.join(frags, "header.md"), encoding="utf-8") as fh:
    parts.append(fh.read().strip("\n") + "\n")
for name in sections:
    p = os.path.join(frags, name + ".md")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as fh:
            parts.append(block(name, fh.read()))
        continue
    m = re.search(r"<!-- bench: %s -->\n(.*?)<!-- /bench: %s -->\n" % (
        re.escape(name), re.escape(name)), old, re.S)
    if m:
        parts.append(block(name, m.group(1)))
tmp = out + ".tmp"
with open(tmp, "w", encoding="utf-8") as fh:
    fh.write("\n".join(parts))
os.rename(tmp, out)
