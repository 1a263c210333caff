#!/usr/bin/env python3
"""bench/tui.py: the reader measured in tmux, as a user sees it.

  tui.py paint RUNS -- CMD...
      Start CMD in a private tmux server (200x50) RUNS times.  t0 is taken
      by the pane's shell just before exec; capture-pane is polled every
      2 ms until a day heading ("── <day> <year> ─", or the regular
      expression in TUI_READY) is drawn.  Then Q (or TUI_QUIT) is sent
      and the process waited for.  Prints one line:
      "paint_median paint_min paint_max rss_median rss_min rss_max"
      (seconds; peak RSS in MB from /usr/bin/time).

  tui.py keys N -- CMD...
      Start CMD once, wait for the first paint, then send N keys (j and k
      by turns, or the two keys in TUI_KEYS, e.g. "G g"; 40 ms apart)
      and time each from send-keys until the view's rows (attributes
      included: the selected row is reverse video) have changed.  Prints
      "median p90 max" in milliseconds.  With TUI_LOG=FILE naming the
      reader's -l log, a second line gives the same for the time inside
      the reader, from reading the key to the screen written ("key" and
      "drawn" lines of the log), which tmux's own delays do not blur.  CMD is started as given, so a
      refresh on start (with a server running) happens while keys arrive.

Only tmux on a private socket and the given command; nothing else runs.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

# What a first paint is, and the key that quits: orrery's by default;
# TUI_READY and TUI_QUIT measure another reader with the same probe
# (sfeed_curses: TUI_READY='^\d{3,} +\(\d+/\d+\)' TUI_QUIT=q).
READY = re.compile(os.environ.get("TUI_READY", r"── \w+ \d\d \w+ \d{4} ─"),
                   re.M)
QUIT = os.environ.get("TUI_QUIT", "Q")


def tmux(sock, *args, capture=False):
    cmd = ["tmux", "-L", sock, "-f", "/dev/null"] + list(args)
    if capture:
        return subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode(
                                  "utf-8", "replace")
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return ""


def start(sock, work, cmd):
    t0f = os.path.join(work, "t0")
    rssf = os.path.join(work, "rss")
    donef = os.path.join(work, "done")
    for f in (t0f, rssf, donef):
        if os.path.exists(f):
            os.unlink(f)
    q = " ".join("'" + c.replace("'", "'\\''") + "'" for c in cmd)
    shell = ("date +%%s.%%N > %s; /usr/bin/time -f %%M -o %s %s; "
             "touch %s; sleep 30" % (t0f, rssf, q, donef))
    tmux(sock, "kill-server")
    tmux(sock, "new-session", "-d", "-x", "200", "-y", "50",
         "env", "TERM=screen-256color", "LANG=C.UTF-8", "sh", "-c", shell)
    return t0f, rssf, donef


def wait_paint(sock, t0f, limit=120.0):
    end = time.time() + limit
    while time.time() < end:
        screen = tmux(sock, "capture-pane", "-p", capture=True)
        if READY.search(screen):
            t1 = time.time()
            while not os.path.exists(t0f):
                time.sleep(0.001)
            with open(t0f) as f:
                t0 = float(f.read().strip() or 0)
            return t1 - t0
        time.sleep(0.002)
    raise SystemExit("tui.py: no first paint within %.0f s" % limit)


def quit_and_rss(sock, rssf, donef):
    tmux(sock, "send-keys", QUIT)
    end = time.time() + 30
    while not os.path.exists(donef) and time.time() < end:
        time.sleep(0.01)
    rss = 0.0
    if os.path.exists(rssf):
        with open(rssf) as f:
            lines = [l for l in f.read().split() if l.isdigit()]
            rss = int(lines[-1]) / 1024.0 if lines else 0.0
    tmux(sock, "kill-server")
    return rss


def body(sock):
    """The view's rows (not the title or status line), with attributes:
    what a key changes."""
    screen = tmux(sock, "capture-pane", "-p", "-e", capture=True)
    return "\n".join(screen.split("\n")[1:49])


def inside(path):
    """Milliseconds from each "key" line to the next "drawn" line."""
    def secs(stamp):
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)
    out, pending = [], None
    with open(path, errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            if parts[1] == "key":
                pending = secs(parts[0])
            elif parts[1] == "drawn" and pending is not None:
                out.append((secs(parts[0]) - pending) * 1000)
                pending = None
    return sorted(out)


def main():
    if len(sys.argv) < 4 or sys.argv[3] != "--":
        sys.stderr.write(__doc__)
        return 2
    mode, n, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[4:]
    sock = "orrery-bench-%d" % os.getpid()
    work = tempfile.mkdtemp(prefix="orrery-tui.")
    try:
        if mode == "paint":
            paints, rss = [], []
            for _ in range(n):
                t0f, rssf, donef = start(sock, work, cmd)
                paints.append(wait_paint(sock, t0f))
                rss.append(quit_and_rss(sock, rssf, donef))
            paints.sort()
            rss.sort()
            print("%.4f %.4f %.4f %.1f %.1f %.1f" % (
                statistics.median(paints), paints[0], paints[-1],
                statistics.median(rss), rss[0], rss[-1]))
        elif mode == "keys":
            t0f, rssf, donef = start(sock, work, cmd)
            wait_paint(sock, t0f)
            lat = []
            prev = body(sock)
            pair = os.environ.get("TUI_KEYS", "j k").split()
            for i in range(n):
                key = pair[i % 2]
                t0 = time.time()
                tmux(sock, "send-keys", key)
                while True:
                    cur = body(sock)
                    if cur != prev:
                        break
                    if time.time() - t0 > 10:
                        raise SystemExit("tui.py: key %d not drawn" % i)
                lat.append((time.time() - t0) * 1000)
                prev = cur
                time.sleep(0.04)
            quit_and_rss(sock, rssf, donef)
            lat.sort()
            print("%.1f %.1f %.1f" % (statistics.median(lat),
                                      lat[int(len(lat) * 0.9)], lat[-1]))
            log = os.environ.get("TUI_LOG")
            if log:
                inner = inside(log)
                if inner:
                    print("%.2f %.2f %.2f" % (
                        statistics.median(inner),
                        inner[int(len(inner) * 0.9)], inner[-1]))
        else:
            sys.stderr.write(__doc__)
            return 2
    finally:
        tmux(sock, "kill-server")
        subprocess.run(["rm", "-rf", work])
    return 0


if __name__ == "__main__":
    sys.exit(main())
