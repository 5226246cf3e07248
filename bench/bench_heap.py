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
whether the totals equal the MemStats gomortem computes. viewcore is not
run: golang.org/x/debug is not packaged in Debian (no download here), and
its last release reads neither Go 1.22+ malloc headers nor Swiss maps
(go#57447, go#64442, go#71182).

This is a benchmark, not a test. Usage:
  bench/bench_heap.py --gomortem build/gomortem [--versions 1.27] [--mb 256]
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", default="1.27")
    ap.add_argument("--mb", type=int, default=256)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=None)
    ap.add_argument("--strip", action="store_true")
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
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
        if not a.work:
            shutil.rmtree(rundir, ignore_errors=True)
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
