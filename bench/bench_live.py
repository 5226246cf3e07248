#!/usr/bin/env python3
"""Benchmark of live reads: the pause (how long the process is stopped) and
the total time of `gomortem goroutines --pid P`, for 1,000, 10,000 and
100,000 parked goroutines (tests/progs/manyg), and Delve's attach time beside
it when `dlv` is installed (its releases here need Go >= 1.25 binaries).

Targets (issue 3): pause under 10 ms at 1,000 goroutines and under 200 ms at
100,000. A benchmark, not a test: it prints figures and exits 0 unless a
tool fails.

--commands C,...: then the pause of each of those commands too (every
--pid command reports it on stderr with GOMORTEM_PAUSE_REPORT=1), best
and median of --runs, e.g. --commands summary,heap,timers,maps,threads,info
(issue 17: every live command within the pause budget), the exit codes
seen and whether the budget (the default one unless the command says
--pause-budget) ran out.

--compare OTHER: the same per-command figures for another gomortem binary
(e.g. one built before a change), run alternately on the same process.

Usage: bench/bench_live.py --gomortem build/gomortem [--go 1.25] [-n 1000,10000,100000] [--runs 5]
                           [--commands summary,heap,...] [--compare OTHER_GOMORTEM]
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


def run_target(exe, work, n):
    ready = os.path.join(work, "ready-%d" % n)
    if os.path.exists(ready):
        os.remove(ready)
    env = dict(os.environ, GOTRACEBACK="crash")
    p = subprocess.Popen([exe, ready, str(n)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    t0 = time.monotonic()
    while not os.path.exists(ready):
        if p.poll() is not None or time.monotonic() - t0 > 300:
            sys.exit("bench_live: manyg did not get ready")
        time.sleep(0.05)
    time.sleep(0.5)
    return p


def timed(cmd, stdin=None):
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=stdin)
    return time.monotonic() - t0, p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--go", default="1.25")
    ap.add_argument("-n", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=os.path.abspath("build-gowork"))
    ap.add_argument("--commands", default="")
    ap.add_argument("--compare", help="another gomortem binary: its per-command pauses beside")
    ap.add_argument("--no-dlv", action="store_true", help="leave Delve out (its attach takes minutes at 1M)")
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    ns = argparse.Namespace(goroot_pattern="/usr/lib/go-1.XX", work=os.path.abspath(args.work), trimpath=False)
    exe, err = difftest.build(ns, args.go, "manyg")
    if err:
        sys.exit("bench_live: " + err)
    dlv = None if args.no_dlv else shutil.which("dlv")
    print("go%s, best and median of %d runs" % (args.go, args.runs))
    print("%10s %22s %22s %14s %14s" % ("goroutines", "pause ms (best/med)", "total ms (best/med)",
                                        "copied MB", "dlv attach ms"))
    with tempfile.TemporaryDirectory() as work:
        for n in [int(x) for x in args.n.split(",")]:
            p = run_target(exe, work, n)
            try:
                pauses, totals, copied = [], [], 0.0
                for _ in range(args.runs):
                    t, r = timed([gm, "goroutines", "--pid", str(p.pid), "--format", "go"])
                    if r.returncode not in (0, 1) or (r.returncode == 1 and b"pause budget" not in r.stderr):
                        sys.exit("bench_live: gomortem failed: " + r.stderr.decode()[-300:])
                    if r.returncode == 1:  # the default pause budget ran out: said, partial
                        print("  (goroutines: %s)" % r.stderr.decode(errors="replace").strip()[-200:])
                    totals.append(t * 1000)
                    t, r = timed([gm, "info", "--pid", str(p.pid)])
                    for line in r.stdout.decode().splitlines():
                        if line.startswith("pause:"):
                            f = line.split()
                            pauses.append(float(f[1]))
                            copied = float(f[f.index("MB") - 1].lstrip("("))
                d = "-"
                if dlv:
                    # attach, list the goroutines, detach (answer "n": do not kill it)
                    with tempfile.NamedTemporaryFile("w", suffix=".init", delete=False) as f:
                        f.write("goroutines\nexit\n")
                        init = f.name
                    with tempfile.TemporaryFile() as answer:
                        answer.write(b"n\n")
                        answer.seek(0)
                        t, r = timed([dlv, "attach", str(p.pid), "--init", init,
                                      "--allow-non-terminal-interactive=true"], stdin=answer)
                    os.remove(init)
                    ok = r.returncode == 0 and b"goroutines]" in r.stdout
                    d = "%.0f" % (t * 1000) if ok else "failed"
                pauses.sort()
                totals.sort()
                print("%10d %10.2f / %-9.2f %10.1f / %-9.1f %14.1f %14s" % (
                    n, pauses[0], pauses[len(pauses) // 2], totals[0], totals[len(totals) // 2], copied, d))
                sys.stdout.flush()
                bins = [("", gm)] + ([("(compare)", os.path.abspath(args.compare))] if args.compare else [])
                for c in [x for x in args.commands.split(",") if x]:
                    res = {b: ([], 0.0, set(), 0, "") for b, _ in bins}
                    for _ in range(args.runs):
                        for b, g in bins:
                            cp, mb, rcs, out_of, budget = res[b]
                            r = subprocess.run([g, *c.split(), "--pid", str(p.pid)], stdout=subprocess.DEVNULL,
                                               stderr=subprocess.PIPE,
                                               env=dict(os.environ, GOMORTEM_PAUSE_REPORT="1"))
                            rcs.add(r.returncode)
                            for line in r.stderr.decode(errors="replace").splitlines():
                                if line.startswith("gomortem: pause "):
                                    f = line.split()
                                    cp.append(float(f[2]))
                                    mb = float(f[4])
                                    if "budget" in f:
                                        budget = "budget %s ms" % f[f.index("budget") + 1]
                                    if "ran out" in line:
                                        out_of += 1
                            res[b] = (cp, mb, rcs, out_of, budget)
                    for b, _ in bins:
                        cp, mb, rcs, out_of, budget = res[b]
                        cp.sort()
                        print("%10s   %-22s pause ms %10.2f / %-9.2f %10.1f MB copied  exit %s  %s%s" % (
                            "", (c + " " + b).strip(), cp[0] if cp else float("nan"),
                            cp[len(cp) // 2] if cp else float("nan"), mb, ",".join(map(str, sorted(rcs))),
                            budget or "no budget", ", ran out %d/%d" % (out_of, len(cp)) if out_of else ""))
                    sys.stdout.flush()
                if p.poll() is not None:
                    sys.exit("bench_live: the target died")
            finally:
                p.kill()
                p.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
