#!/usr/bin/env python3
"""gomortem diff on the corpus cores (#19, first part): a core against itself
grows by nothing, --fail-on growth thresholds (absolute and percent), a core
of another build is refused (exit 2), a malformed expression is a usage error.
The growth of a real leak between two cores of one process: tests/growthtest.py."""
import argparse, json, os, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--gomortem", required=True)
a = ap.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "..", "corpus")
fails = []

def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)

def run(*args):
    p = subprocess.run([a.gomortem, "diff", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

with tempfile.TemporaryDirectory() as td:
    exe = os.path.join(td, "exe")
    subprocess.run(["zstd", "-qdf", os.path.join(corpus, "go1.22-scenarios", "exe.zst"), "-o", exe], check=True)
    c22 = os.path.join(corpus, "go1.22-scenarios", "core.zst")
    c27 = os.path.join(corpus, "go1.27-scenarios", "core.zst")
    rc, out, err = run(c22, c22, "--exe", exe, "--format", "json")
    check(rc == 0, f"self diff exit {rc}: {err}")
    d = json.loads(out)
    check(d["schema"] == "gomortem.diff" and d["version"] == 2 and d["same_build"], "schema")
    for k, m in d["metrics"].items():
        check(m["growth"] in (0, None), f"self growth of {k}: {m}")
    check(d["metrics"]["goroutines"]["old"] > 0, "goroutines known")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "growth.goroutines>0")
    check(rc == 0, f"growth.goroutines>0 on no growth: exit {rc}")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "growth.goroutines>=0")
    check(rc == 3, f"growth.goroutines>=0: exit {rc}")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "growth.heap.HeapInuse>0%")
    check(rc == 0, f"growth.heap.HeapInuse>0%: exit {rc}")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "growth.heap.HeapInuse<=0%")
    check(rc == 3, f"growth.heap.HeapInuse<=0%: exit {rc}")
    rc, _, err = run(c22, c27, "--exe", exe)
    check(rc == 2 and err.count("\n") == 1, f"other build: exit {rc}: {err}")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "goroutines>0")
    check(rc == 64, f"expression without growth.: exit {rc}")
    rc, _, _ = run(c22, "--exe", exe)
    check(rc == 64, f"one core: exit {rc}")
sys.exit(1 if fails else 0)
