#!/usr/bin/env python3
"""measure.py RUNS CMD...: run CMD (stdout discarded) RUNS times and print
one line "wall_median wall_min wall_max rss_median rss_min rss_max": wall
seconds (perf_counter around fork/exec/wait) and peak RSS in MB of that
one process (wait4's ru_maxrss).  Exits 1 when a run fails."""
import os
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
cmd = sys.argv[2:]
walls, rss = [], []
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    walls.append(time.perf_counter() - t0)
    err = p.stderr.read()
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.stderr.write("measure: %s failed (%d): %s\n"
                         % (" ".join(cmd), p.returncode, err[:200].decode(errors="replace")))
        sys.exit(1)
    rss.append(ru.ru_maxrss / 1024.0)
walls.sort()
rss.sort()
print("%.4f %.4f %.4f %.1f %.1f %.1f" % (statistics.median(walls), walls[0], walls[-1],
                                         statistics.median(rss), rss[0], rss[-1]))
