#!/usr/bin/env python3
"""Grouping, end to end: the groups of `gomortem goroutines` (text) must be
exactly the partition of goroutines that the Go runtime's own dump gives when
goroutines are grouped by wait state, frames (function, file, line) and
creator function; and on a core of tests/progs/manyg, the group sizes must be
the ones the program itself recorded (truth.json).

Usage:
  grouptest.py --gomortem BIN --corpus            (bundled cores, no Go toolchain)
  grouptest.py --gomortem BIN --manyg 1.22 [-n 4000] --work DIR
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402  (the Go dump parser)

GROUP_RE = re.compile(r"^(\d+) goroutines? \[(.*)\]$")
results = []


def report(name, problems):
    results.append(not problems)
    print(("ok   " if not problems else "FAIL ") + name + ("" if not problems else ": " + "; ".join(problems)))


def gomortem_groups(gm, core, exe):
    """[(count, set(goids))] from the text format with --full-goids."""
    p = subprocess.run([gm, "goroutines", core, "--exe", exe, "--full-goids"], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"gomortem exited {p.returncode}: {p.stderr.strip()[:500]}")
    groups, cur = [], None
    for line in p.stdout.splitlines():
        m = GROUP_RE.match(line)
        if m:
            cur = [int(m.group(1)), None]
            groups.append(cur)
        elif cur is not None and line.startswith("  goroutines: "):
            cur[1] = frozenset(int(x) for x in line[len("  goroutines: "):].split())
    return [(c, g) for c, g in groups]


def go_partition(stderr_text):
    """Groups of goids from Go's dump, keyed like gomortem's grouping, and the
    goids left out: those whose stack Go elided (their full stack is not in
    the dump, so two of them can look the same to it and differ to gomortem)
    and those that were not parked when Go printed them."""
    d = difftest.parse_dump(stderr_text)
    keys = {}
    elided = set()
    for goid, g in d.goroutines.items():
        if any(f.elided is not None for f in g.frames):
            elided.add(goid)
            continue
        m = difftest.HEADER_RE.match(g.header)
        # gomortem groups by wait state without the transient _Gscan bit
        # (a GC scanning that stack when it was printed)
        state = (m.group(5).split(",")[0] if m else g.header).replace(" (scan)", "")
        if state in ("running", "runnable"):
            # not parked when the runtime printed it: the crash does not stop
            # the world, so it may have parked by the time the core was
            # written (seen under load with manyg's last goroutines)
            elided.add(goid)
            continue
        created = None
        if g.created is not None:
            created = re.sub(r" in goroutine \d+$", "", g.created)
            cf = g.created_file
            created = (created, cf.file if cf else None, cf.line if cf else None)
        key = (state, g.unavailable, tuple(g.frame_keys()), created)
        keys.setdefault(key, set()).add(goid)
    return {frozenset(v) for v in keys.values()}, elided


def check_partition(name, gm, core, exe, stderr_text, truth=None):
    problems = []
    try:
        groups = gomortem_groups(gm, core, exe)
    except RuntimeError as e:
        report(name, [str(e)])
        return
    for count, goids in groups:
        if goids is None or len(goids) != count:
            problems.append(f"a group of {count} lists {len(goids or ())} goids")
    want, elided = go_partition(stderr_text)
    ours = {frozenset(g - elided) for _, g in groups if g is not None and g - elided}
    if ours != want:
        only_ours = sorted((sorted(g)[:5] for g in ours - want))[:3]
        only_go = sorted((sorted(g)[:5] for g in want - ours))[:3]
        problems.append(f"{len(ours)} groups vs {len(want)} from Go's dump; only ours: {only_ours}; only Go's: {only_go}")
    sizes = [c for c, _ in groups]
    if sizes != sorted(sizes, reverse=True):
        problems.append("groups are not sorted by size")
    if truth is not None:
        expect = sorted(truth["groups"].values(), reverse=True)
        if sizes[:len(expect)] != expect:
            problems.append(f"largest groups {sizes[:len(expect)]}, the program recorded {expect}")
    report(f"{name}: {len(groups)} groups ({len(elided)} goroutines with elided stacks or not parked left out)", problems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--corpus", action="store_true")
    ap.add_argument("--manyg", metavar="GO_VERSION")
    ap.add_argument("-n", type=int, default=4000)
    ap.add_argument("--strip", action="store_true", help="manyg built with -ldflags='-s -w'")
    ap.add_argument("--work", default=os.path.abspath("build-gowork"))
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    if args.corpus:
        corpus = os.path.join(os.path.dirname(HERE), "corpus")
        with tempfile.TemporaryDirectory() as tmp:
            for s in sorted(d for d in os.listdir(corpus) if d.startswith("go1.")):
                d = os.path.join(corpus, s)
                exe = os.path.join(tmp, s + ".exe")
                subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(d, "exe.zst"), "-o", exe], check=True)
                check_partition(s, gm, os.path.join(d, "core.zst"), exe,
                                open(os.path.join(d, "stderr.txt"), errors="replace").read())
    if args.manyg:
        out = os.path.join(args.work, "grouptest", "manyg-go" + args.manyg + ("-stripped" if args.strip else ""))
        p = subprocess.run([sys.executable, os.path.join(HERE, "difftest.py"), "--work", args.work,
                            "--versions", args.manyg, "--prog", "manyg", "--prog-arg", str(args.n),
                            "--produce", out] + (["--strip"] if args.strip else []),
                           capture_output=True, text=True)
        if p.returncode != 0:
            report(f"manyg go{args.manyg}", ["could not produce the core: " + (p.stdout + p.stderr)[-800:]])
        else:
            truth = json.load(open(os.path.join(out, "truth.json")))
            check_partition(f"manyg go{args.manyg} n={args.n}{' stripped' if args.strip else ''}", gm, os.path.join(out, "core"),
                            os.path.join(out, "exe"), open(os.path.join(out, "stderr.txt"), errors="replace").read(),
                            truth)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
