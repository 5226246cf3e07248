#!/usr/bin/env python3
"""Interop: other Go tools read what gomortem writes.

- `--format pprof`: `go tool pprof -raw` (any installed toolchain) reads the
  profile; its samples must count every goroutine, one sample per distinct
  (stack of PCs, labels), with the counts gomortem's JSON gives.
  The profile is written through -o FILE as dump writes its core: a
  symbolic link planted at FILE is replaced, never followed; FILE is 0600;
  a run that fails leaves no file and no temporary name behind.
- `--format go`: panicparse (Debian's package) parses it, and its buckets
  count as many goroutines as it counts in the runtime's own dump.

Runs on the bundled corpus (core.zst + exe.zst). Last line: "N passed, M failed".
Usage: interop.py --gomortem BIN
"""
import argparse
import glob
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import testlib  # noqa: E402
results = []


def report(name, problems):
    results.append(not problems)
    print(("ok   " if not problems else "FAIL ") + name + ("" if not problems else ": " + "; ".join(problems)))


def newest_go():
    for v in ("1.27", "1.26", "1.25", "1.24", "1.23", "1.22", "1.21", "1.19"):
        p = f"/usr/lib/go-{v}/bin/go"
        if os.path.exists(p):
            return p
    return shutil.which("go")


def expected_samples(js):
    """(physical PCs, labels) -> goroutine count, from gomortem's JSON. Each
    physical frame has exactly one logical frame that is not inlined (its
    outermost), so those give the physical PCs, recursion included."""
    c = Counter()
    for g in js["goroutines"]:
        pcs = tuple(f["pc"] for f in g["frames"] if not f["inlined"])
        c[(pcs, tuple(sorted(g["labels"].items())))] += 1
    return c


def check_pprof(gm, go, name, core, exe, tmp):
    prof = os.path.join(tmp, name + ".pb.gz")
    victim = os.path.join(tmp, name + ".victim")
    with open(victim, "w") as f:
        f.write("precious\n")
    os.chmod(victim, 0o644)
    os.symlink(victim, prof)
    p = subprocess.run([gm, "goroutines", core, "--exe", exe, "--format", "pprof", "-o", prof],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return report(f"{name}: pprof", [f"gomortem exited {p.returncode}: {p.stderr.strip()[:300]}"])
    problems = []
    st = os.lstat(prof)
    if not stat.S_ISREG(st.st_mode) or stat.S_IMODE(st.st_mode) != 0o600:
        problems.append("-o FILE over a symbolic link: FILE is not a regular 0600 file (mode %o)" % st.st_mode)
    if open(victim).read() != "precious\n" or stat.S_IMODE(os.stat(victim).st_mode) != 0o644:
        problems.append("the symbolic link planted at FILE was followed")
    js = json.loads(subprocess.run([gm, "goroutines", core, "--exe", exe, "--format", "json"],
                                   capture_output=True, text=True).stdout)
    try:
        raw = testlib.pprof_raw(go, prof)
    except ValueError as e:
        return report(f"{name}: pprof", [f"go tool pprof failed: {str(e)[:300]}"])
    # the samples: one value (goroutine/count) and a stack each
    counts = [v[0] for v, ids in raw.samples if len(v) == 1 and ids]
    want = expected_samples(js)
    total = len(js["goroutines"])
    if sum(counts) != total:
        problems.append(f"pprof counts {sum(counts)} goroutines, gomortem found {total}")
    if sorted(counts) != sorted(want.values()):
        problems.append(f"{len(counts)} samples {sorted(counts)[-5:]} vs {len(want)} expected {sorted(want.values())[-5:]}")
    top = subprocess.run([go, "tool", "pprof", "-top", prof], capture_output=True, text=True)
    if f"of {total} total" not in top.stdout:
        problems.append("go tool pprof -top does not show the total")
    report(f"{name}: go tool pprof reads {len(counts)} samples, {sum(counts)} goroutines", problems)


def check_failed_output(gm, name, exe, tmp):
    """A run that fails (here: the core is not a core) leaves nothing at -o
    FILE and no temporary name beside it; an old FILE stays as it was."""
    d = tempfile.mkdtemp(dir=tmp)
    bad = os.path.join(tmp, name + ".notacore")
    with open(bad, "wb") as f:
        f.write(b"\x7fELF" + b"\0" * 4092)
    out = os.path.join(d, "g.pb.gz")
    p = subprocess.run([gm, "goroutines", bad, "--exe", exe, "--format", "pprof", "-o", out],
                       capture_output=True, text=True)
    problems = [] if p.returncode == 2 else [f"exit {p.returncode}, expected 2"]
    if os.listdir(d):
        problems.append(f"left behind: {os.listdir(d)}")
    with open(out, "w") as f:
        f.write("old\n")
    subprocess.run([gm, "goroutines", bad, "--exe", exe, "--format", "pprof", "-o", out], capture_output=True)
    if open(out).read() != "old\n" or os.listdir(d) != ["g.pb.gz"]:
        problems.append("a failed run changed the old FILE or left a temporary name")
    report(f"{name}: a failed run leaves -o FILE as it was", problems)


def panicparse_total(text):
    p = subprocess.run(["panicparse", "-no-color"], input=text, capture_output=True, text=True)
    return sum(int(m.group(1)) for m in re.finditer(r"^(\d+): ", p.stdout, re.M)), p


def check_panicparse(gm, name, core, exe, stderr_path):
    if not shutil.which("panicparse"):
        return report(f"{name}: panicparse", ["panicparse is not installed (scripts/setup.sh installs it)"])
    out = subprocess.run([gm, "goroutines", core, "--exe", exe, "--format", "go"], capture_output=True, text=True)
    ours, p = panicparse_total(out.stdout)
    text = open(stderr_path, errors="replace").read()
    theirs, _ = panicparse_total(text)
    # the runtime's dump also holds the threads' "goroutine 0" stacks and
    # prints some goroutines twice; gomortem prints each goroutine once
    sys.path.insert(0, HERE)
    import difftest
    d = difftest.parse_dump(text)
    theirs_unique = theirs - len(d.g0) - len(d.duplicates)
    problems = []
    if ours == 0:
        problems.append(f"panicparse found no goroutine in gomortem's output: {p.stderr.strip()[:300]}")
    if ours != theirs_unique:
        problems.append(f"panicparse counts {ours} goroutines in gomortem's output, {theirs_unique} "
                        f"in the runtime's dump ({theirs} less {len(d.g0)} goroutine-0 blocks and "
                        f"{len(d.duplicates)} printed twice)")
    report(f"{name}: panicparse parses --format go ({ours} goroutines, as in the runtime's dump)", problems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    go = newest_go()
    with tempfile.TemporaryDirectory() as tmp:
        for d in sorted(glob.glob(os.path.join(REPO, "corpus", "go1.*"))):
            name = os.path.basename(d)
            exe = os.path.join(tmp, name + ".exe")
            subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(d, "exe.zst"), "-o", exe], check=True)
            core = os.path.join(d, "core.zst")
            if go:
                check_pprof(gm, go, name, core, exe, tmp)
            else:
                report(f"{name}: pprof", ["no Go toolchain for go tool pprof"])
            check_failed_output(gm, name, exe, tmp)
            check_panicparse(gm, name, core, exe, os.path.join(d, "stderr.txt"))
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
