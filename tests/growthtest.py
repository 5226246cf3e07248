#!/usr/bin/env python3
"""gomortem diff between two cores of one live process (gomortem dump --pid)
taken after each phase of tests/progs/leak: the goroutine growth equals what
the program says it leaked; --fail-on growth thresholds; a core of another
build (-ldflags -X) is refused."""
import argparse, json, os, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--gomortem", required=True)
ap.add_argument("--version", required=True, help="Go version, e.g. 1.22")
ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX",
                help="where the toolchains are, as tests/difftest.py")
a = ap.parse_args()
a.go = a.goroot_pattern.replace("XX", a.version.split(".", 1)[1]) + "/bin/go"
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs", "leak")
fails = []

def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)

def wait_truth(path, phase):
    for _ in range(600):
        try:
            f = open(path).read().split()
            if len(f) == 3 and int(f[0]) == phase:
                return int(f[1])
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    raise SystemExit(f"phase {phase} never reported")

def run_prog(td, exe, tag):
    truth = os.path.join(td, "truth" + tag)
    p = subprocess.Popen([exe, truth])
    cores, leaked = [], []
    try:
        for phase in (1, 2):
            leaked.append(wait_truth(truth, phase))
            core = os.path.join(td, f"core{tag}{phase}")
            subprocess.run([a.gomortem, "dump", "--pid", str(p.pid), "-o", core], check=True,
                           capture_output=True)
            cores.append(core)
            open(f"{truth}.go{phase}", "w").close()
    finally:
        p.kill()
        p.wait()
    return cores, leaked

def diff(*args):
    p = subprocess.run([a.gomortem, "diff", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

with tempfile.TemporaryDirectory() as td:
    exe, exe_b = os.path.join(td, "leak"), os.path.join(td, "leak_b")
    subprocess.run([a.go, "build", "-o", exe, "."], cwd=src, check=True)
    subprocess.run([a.go, "build", "-ldflags=-X main.build=b", "-o", exe_b, "."], cwd=src, check=True)
    (c1, c2), (l1, l2) = run_prog(td, exe, "")
    rc, out, err = diff(c1, c2, "--exe", exe, "--format", "json")
    # exit 1 (partial) is accepted: a dump of a running process can miss a
    # heap span the finalizer/heap walkers want (seen with go1.22); the
    # goroutine figures are what this test checks
    check(rc in (0, 1), f"diff exit {rc}: {err}")
    d = json.loads(out)
    g = d["metrics"]["goroutines"]
    check(g["growth"] == l2 - l1, f"goroutine growth {g} != leaked {l2 - l1}")
    check(d["metrics"]["goroutines.waiting"]["growth"] == l2 - l1, "waiting growth")
    check(d["metrics"]["goroutines.largest_group"]["growth"] == l2 - l1, "largest group growth")
    m = d["metrics"]["heap.Mallocs"]["growth"]
    check(m is None or m > 0, "Mallocs grew")
    n = l2 - l1
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", f"growth.goroutines>={n}")
    check(rc == 3, f"growth.goroutines>={n}: exit {rc}")
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", f"growth.goroutines>{n}")
    check(rc in (0, 1), f"growth.goroutines>{n}: exit {rc}")
    pct = 100 * n // g["old"]
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", f"growth.goroutines>={pct}%")
    check(rc == 3, f"growth.goroutines>={pct}%: exit {rc}")
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", f"growth.goroutines>{pct + 1}%")
    check(rc in (0, 1), f"growth.goroutines>{pct + 1}%: exit {rc}")
    (b1, _), _ = run_prog(td, exe_b, "b")
    rc, _, err = diff(c1, b1, "--exe", exe)
    check(rc == 2 and err.count("\n") == 1, f"other build: exit {rc}: {err}")
sys.exit(1 if fails else 0)
