#!/usr/bin/env python3
"""Benchmark of live reads: the pause (how long the process is stopped), the
total time and the MB copied of every `--pid` report command (goroutines
--format go, summary, heap, timers, maps, finalizers, types, threads, info,
profile block), for 1,000, 10,000 and 100,000 parked goroutines
(tests/progs/manyg; 1,000,000 with -n 1000000: about a minute per
command set with --runs 1),
best and median of --runs, and Delve's attach + goroutines time beside
goroutines when `dlv` is installed (its releases here need Go >= 1.25
binaries).

The pause is the one every --pid command prints on stderr with
GOMORTEM_PAUSE_REPORT=1 (the stop of every thread included). Targets
(issues 3 and 17): every command within the default pause budget, 200 ms
up to 100,000 goroutines and 2 s at 1,000,000; under 10 ms at 1,000. A
benchmark, not a test: it prints figures (the exit codes seen and whether
the budget ran out) and exits 0 unless a tool fails.

--commands C,...: only those (a command with arguments as "profile block").
--compare OTHER: the same figures for another gomortem binary (e.g. one
built before a change), run alternately on the same process.
--markdown: the table as docs/live.md has it.
--labels: every goroutine parked inside pprof.Do with two pprof labels (the
goroutine walker's plan then reads and copies them while stopped).

Usage: bench/bench_live.py --gomortem build/gomortem [--go 1.25] [-n 1000,10000,100000] [--runs 5]
                           [--commands goroutines,summary,...] [--compare OTHER_GOMORTEM] [--no-dlv]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
import difftest  # noqa: E402


def run_target(exe, work, n, labels=False):
    ready = os.path.join(work, "ready-%d" % n)
    if os.path.exists(ready):
        os.remove(ready)
    env = dict(os.environ, GOTRACEBACK="crash")
    if labels:
        env["MANYG_LABELS"] = "1"
    p = subprocess.Popen([exe, ready, str(n)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    t0 = time.monotonic()
    while not os.path.exists(ready):
        if p.poll() is not None or time.monotonic() - t0 > 300:
            sys.exit("bench_live: manyg did not get ready")
        time.sleep(0.05)
    time.sleep(0.5)
    return p


DEFAULT_COMMANDS = "goroutines,summary,heap,timers,maps,finalizers,types,threads,info,profile block"


def argv_of(c):
    """The arguments of command c (goroutines as --format go: its total is
    the time the runtime's own dump format takes)."""
    a = c.split()
    return a + ["--format", "go"] if a == ["goroutines"] else a


def run_command(gm, c, pid):
    """One run: (wall ms, pause ms or None, MB copied, exit code, budget
    text, ran out)."""
    t0 = time.monotonic()
    r = subprocess.run([gm, *argv_of(c), "--pid", str(pid)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       env=dict(os.environ, GOMORTEM_PAUSE_REPORT="1"))
    wall = (time.monotonic() - t0) * 1000
    pause, mb, budget, out = None, 0.0, "", False
    err = r.stderr.decode(errors="replace")
    for line in err.splitlines():
        if line.startswith("gomortem: pause "):
            f = line.split()
            pause = float(f[2])
            mb = float(f[4])
            if "budget" in f:
                budget = "budget %s ms" % f[f.index("budget") + 1]
            out = "ran out" in line
    if r.returncode not in (0, 1) or pause is None:
        sys.exit("bench_live: %s %s failed (exit %d): %s" % (gm, c, r.returncode, err[-300:]))
    return wall, pause, mb, r.returncode, budget, out


def dlv_time(dlv, pid):
    # attach, list the goroutines, detach (answer "n": do not kill it)
    with tempfile.NamedTemporaryFile("w", suffix=".init", delete=False) as f:
        f.write("goroutines\nexit\n")
        init = f.name
    with tempfile.TemporaryFile() as answer:
        answer.write(b"n\n")
        answer.seek(0)
        t0 = time.monotonic()
        r = subprocess.run([dlv, "attach", str(pid), "--init", init, "--allow-non-terminal-interactive=true"],
                           stdin=answer, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        t = time.monotonic() - t0
    os.remove(init)
    ok = r.returncode == 0 and b"goroutines]" in r.stdout
    return "%.0f" % (t * 1000) if ok else "failed"


def best_med(v, fmt):
    v = sorted(v)
    return (fmt + " / " + fmt) % (v[0], v[len(v) // 2])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--go", default="1.25")
    ap.add_argument("-n", default="1000,10000,100000", help="goroutine counts (1000000 too: minutes)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=os.path.abspath("build-gowork"))
    ap.add_argument("--commands", default=DEFAULT_COMMANDS)
    ap.add_argument("--compare", help="another gomortem binary: its figures beside, run alternately")
    ap.add_argument("--no-dlv", action="store_true", help="leave Delve out (its attach takes minutes at 1M)")
    ap.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    ap.add_argument("--labels", action="store_true",
                    help="every goroutine with two pprof labels (pprof.Do; MANYG_LABELS=1)")
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    ns = argparse.Namespace(goroot_pattern="/usr/lib/go-1.XX", work=os.path.abspath(args.work), trimpath=False)
    exe, err = difftest.build(ns, args.go, "manyg")
    if err:
        sys.exit("bench_live: " + err)
    dlv = None if args.no_dlv else shutil.which("dlv")
    bins = [("", gm)] + ([("(compare)", os.path.abspath(args.compare))] if args.compare else [])
    commands = [x.strip() for x in args.commands.split(",") if x.strip()]
    print("go%s manyg%s, best / median of %d runs; load average %s" % (
        args.go, " (2 pprof labels each)" if args.labels else "", args.runs, " ".join(open("/proc/loadavg").read().split()[:3])))
    if args.markdown:
        print("| command | goroutines | pause ms | total ms | copied | exit |")
        print("|---|---|---|---|---|---|")
    else:
        print("%-24s %10s %20s %22s %10s  %s" % ("command", "goroutines", "pause ms", "total ms", "copied MB",
                                                 "exit, budget"))
    with tempfile.TemporaryDirectory() as work:
        for n in [int(x) for x in args.n.split(",")]:
            p = run_target(exe, work, n, args.labels)
            try:
                for c in commands:
                    res = {b: [] for b, _ in bins}
                    for _ in range(args.runs):
                        for b, g in bins:
                            res[b].append(run_command(g, c, p.pid))
                    for b, _ in bins:
                        v = res[b]
                        name = (c + " " + b).strip()
                        rcs = ",".join(str(x) for x in sorted({x[3] for x in v}))
                        out = sum(1 for x in v if x[5])
                        note = (v[0][4] or "no budget") + (", ran out %d/%d" % (out, len(v)) if out else "")
                        pause = best_med([x[1] for x in v], "%.1f")
                        total = best_med([x[0] for x in v], "%.0f")
                        mb = max(x[2] for x in v)
                        if args.markdown:
                            print("| %s | %s | %s | %s | %.1f MB | %s%s |" % (
                                name, "{:,}".format(n), pause, total, mb, rcs,
                                " (ran out %d/%d)" % (out, len(v)) if out else ""))
                        else:
                            print("%-24s %10d %20s %22s %10.1f  %s; %s" % (name, n, pause, total, mb, rcs, note))
                    if c == "goroutines" and dlv:
                        d = dlv_time(dlv, p.pid)
                        if args.markdown:
                            print("| dlv attach + goroutines | %s | - | %s | - | - |" % ("{:,}".format(n), d))
                        else:
                            print("%-24s %10d %20s %22s" % ("dlv attach+goroutines", n, "-", d))
                    sys.stdout.flush()
                    if p.poll() is not None:
                        sys.exit("bench_live: the target died")
            finally:
                p.kill()
                p.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
