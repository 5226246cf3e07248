#!/usr/bin/env python3
"""Benchmark of heap --by-type (issue 16): wall time and peak anonymous
memory on a big service-like heap, per GB of heap.

Builds tests/progs/heapbench with each Go version asked for, runs it with a
heap of --mb megabytes (default 256; the issue's figure is 2 GB+: --mb 2200),
takes its core (SIGQUIT, GOTRACEBACK=crash), then measures
`gomortem heap CORE --by-type --format json` (best of --runs, warm page
cache) and reports: wall and CPU time, s (wall) per GB of heap, peak anonymous memory
(sampled RssAnon, as bench/bench.py) beside the heap/32 budget, objects,
the share of bytes typed by the runtime's record and by the traversal, and
whether the totals equal the MemStats gomortem computes.

--viewcore PATH also runs golang.org/x/debug's viewcore (`viewcore CORE
--exe EXE histogram`) on the same core, once per version, and prints its
wall and CPU time, peak anonymous memory and peak RSS (the core's mapped
pages count in RSS), whether it succeeded (else its first error line),
and, when it did, the objects and bytes its histogram covers (only what it
reaches from the roots: the rest it counts as garbage) beside gomortem's
totals, and its top rows. viewcore is not packaged in Debian; it was built
offline from golang/debug 4da508d (2026-08-19; go.mod: go 1.26.0, so Go
1.26+ only) with a hand-made vendor/ of its pinned dependencies (cobra
v1.7.0, pflag v1.0.5, chzyer/readline 2972be24d48e, x/sys v0.47.0,
mousetrap v1.1.0). On heapbench cores it reads the whole heap only on Go
1.23 (6x gomortem's CPU time); on 1.24-1.27 it exits 0 but follows only
the first table of the Swiss map's directory (its histogram misses 88 % of
the bytes); on 1.22, 1.21 and 1.19 it panics. docs/performance.md has the
figures and errors.

This is a benchmark, not a test. Usage:
  bench/bench_heap.py --gomortem build/gomortem [--versions 1.27] [--mb 256]
                      [--viewcore PATH]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
from bench import measure  # noqa: E402


def run_viewcore(viewcore, core, exe, totals):
    """Runs `viewcore CORE --exe EXE histogram` once; prints its time, memory,
    whether it succeeded, and what its histogram covers beside gomortem's
    TOTALS (viewcore's histogram holds only the objects it reaches)."""
    cmd = [viewcore, core, "--exe", exe, "histogram"]
    m = measure(cmd, 900)
    wall, hwm, anon, rc, err, cpu = m[0], m[1] / 1024, m[2] / 1024, m[3], m[5], m[7]
    head = f"  viewcore: wall {wall:.2f} s, cpu {cpu:.2f} s, anon {anon:.1f} MiB, rss {hwm:.1f} MiB"
    if rc != 0:
        lines = [x for x in err.splitlines() if x.strip()]
        print(f"{head}: FAILED (exit {rc}): {lines[0][:200] if lines else '(no stderr)'}")
        return
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=900).stdout
    rows = []
    for line in out.splitlines():
        f = line.split(None, 3)
        if len(f) == 4 and f[0].isdigit() and f[2].isdigit():
            rows.append((int(f[0]), int(f[2]), f[3]))
    objs = sum(r[0] for r in rows)
    nbytes = sum(r[1] for r in rows)
    print(f"{head}: ok, histogram {objs} objects, {nbytes / 2**20:.1f} MiB "
          f"({100 * objs / max(totals['objects'], 1):.1f} % of gomortem's objects, "
          f"{100 * nbytes / max(totals['bytes'], 1):.1f} % of its bytes; not in it: "
          f"{totals['objects'] - objs} objects, {totals['bytes'] - nbytes} bytes)")
    for n, b, name in sorted(rows, key=lambda r: -r[1])[:5]:
        print(f"    {n:10d} {b:12d}  {name}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", default="1.27")
    ap.add_argument("--mb", type=int, default=256)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=None)
    ap.add_argument("--strip", action="store_true")
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
    ap.add_argument("--viewcore", default=None,
                    help="also run this viewcore binary's histogram on each core")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="bench_heap.")
    os.makedirs(os.path.join(work, "difftest"), exist_ok=True)
    args = types.SimpleNamespace(gomortem=os.path.abspath(a.gomortem), work=os.path.abspath(work),
                                 strip=a.strip, trimpath=False, goroot_pattern=a.goroot_pattern,
                                 goexperiment=None, pie=False)
    print(f"{'go':6} {'heap MiB':>9} {'objects':>10} {'wall s':>7} {'cpu s':>6} {'s/GB':>6} {'anon MiB':>9} "
          f"{'heap/32':>8} {'recorded':>9} {'traversal':>9} {'untyped':>8}  memstats")
    status = 0
    for v in a.versions.split(","):
        exe, err = difftest.build(args, v, "heapbench")
        if err:
            print("go%s: build failed: %s" % (v, err[-300:]))
            status = 1
            continue
        rundir = os.path.join(args.work, "heapbench-go%s" % v)
        try:
            run = difftest.run_and_crash(exe, rundir, 600, prog_args=[str(a.mb)], exit_timeout=600)
        except RuntimeError as e:
            print("go%s: %s" % (v, e))
            status = 1
            continue
        best = None
        for _ in range(a.runs):
            m = measure([args.gomortem, "heap", run["core"], "--exe", exe, "--by-type", "--format",
                         "json"], 600)
            if m[3] not in (0, 1):
                print("go%s: exit %s: %s" % (v, m[3], m[5][-300:]))
                status = 1
                break
            if best is None or m[0] < best[0]:
                best = m
        if best is None or m[3] not in (0, 1):
            continue
        # the document itself (measure keeps only its size)
        doc = json.loads(subprocess.run([args.gomortem, "heap", run["core"], "--exe", exe, "--by-type",
                                         "--format", "json"], capture_output=True, text=True).stdout)
        t = doc["totals"]
        gb = t["bytes"] / 2**30
        wall, anon = best[0], best[2] / 1024
        print(f"{v:6} {t['bytes'] / 2**20:9.0f} {t['objects']:10d} {wall:7.2f} {best[7]:6.2f} {wall / gb:6.2f} "
              f"{anon:9.1f} {t['bytes'] / 32 / 2**20:8.1f} "
              f"{100 * t['typed_bytes'] / t['bytes']:8.1f}% {100 * t['traversal_bytes'] / t['bytes']:8.1f}% "
              f"{100 * (t['bytes'] - t['typed_bytes'] - t['traversal_bytes']) / t['bytes']:7.1f}%  "
              f"{'equal' if doc.get('totals_equal_memstats') else 'differ'}")
        if a.viewcore:
            run_viewcore(os.path.abspath(a.viewcore), run["core"], exe, t)
        if not a.work:
            shutil.rmtree(rundir, ignore_errors=True)
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
