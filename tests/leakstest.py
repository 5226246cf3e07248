#!/usr/bin/env python3
"""gomortem's proof of goroutine leaks (issue 16) on tests/progs/leaks, live
(--pid) and on a core of it (written by gomortem dump). The program parks
goroutines on channels nothing else holds (functions main.leak*: a
receive, a send, a select, a nil channel, pairs holding each other's
channels) beside goroutines parked on a global mutex, on channels a global
slice holds, on time.After timers, on a channel a sleeping goroutine's
stack holds and on a channel only a goroutine parked on a global channel
holds (main.keep*), and one on a WaitGroup nothing else holds
(main.syncLeakWG: leaked, proven from Go 1.26 where the runtime links a
goroutine to its semaphore, and before from the semaphore table
runtime.semtable, named by its symbol or, stripped, found from the code of
semacquire1 / semrelease1). It writes
its own counts, and where the runtime has its own leak detector (1.27;
1.26 built with GOEXPERIMENT=goroutineleakprofile) the count of the
runtime's goroutineleak profile, which must be the same. Checked: summary's goroutines.leaked equals the program's
count and is proven; goroutines marks exactly the main.leak* goroutines
(and main.syncLeakWG from 1.26) as proven_leaked, by their stacks;
--fail-on goroutines.leaked crosses at the count and not above it; the text
of summary and goroutines says it. --strip: the executable stripped."""
import argparse, json, os, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--gomortem", required=True)
ap.add_argument("--version", required=True)
ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
ap.add_argument("--strip", action="store_true")
a = ap.parse_args()
minor = int(a.version.split(".")[1])
goroot = a.goroot_pattern.replace("XX", str(minor))
go = goroot + "/bin/go"
if not os.path.exists(go):
    print(f"SKIP: no Go toolchain at {goroot}")
    sys.exit(77)
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs", "leaks")
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)


def gm(*args):
    p = subprocess.run([a.gomortem, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


# the goroutine parked on a WaitGroup is decided: g.waiting (1.26+) or
# runtime.semtable (by its symbol, or stripped from the code that uses it)
sync_decided = True


def leaked_by_stack(g):
    """what the program made: leaked or not, from the goroutine's functions"""
    fs = [f.get("function", "") for f in g.get("frames", [])]
    if any(f.startswith("main.leak") for f in fs):
        return True
    if any(f.startswith("main.syncLeak") for f in fs):
        return sync_decided
    return False


def check_target(tgt, what, t):
    want = t["leaked"] + (t["sync_leaked"] if sync_decided else 0)
    rc, out, err = gm("summary", *tgt, "--format", "json")
    d = json.loads(out) if out else {}
    gr = d.get("goroutines") or {}
    lk = gr.get("leaks") or {}
    check(gr.get("leaked") == want and lk.get("proven") is True,
          f"{what}: summary goroutines.leaked {gr.get('leaked')} (want {want}), leaks {lk}, exit {rc} {err}")
    check(lk.get("groups", 0) >= 1 and all(x["where"] and (x["where"]["function"].startswith("main.leak")
                                                          or x["where"]["function"].startswith("main.syncLeak"))
                                          for x in lk.get("top_groups", [])),
          f"{what}: leaked groups {lk.get('top_groups')}")
    rc, out, err = gm("summary", *tgt)
    check(f"{want} goroutines proven leaked" in out, f"{what}: summary text: {out}")
    rc, out, err = gm("goroutines", *tgt, "--format", "json", "--leaks")
    d = json.loads(out) if out else {}
    gs = d.get("goroutines", [])
    bad = [(g["goid"], g.get("wait_reason"), g.get("proven_leaked"), [f.get("function") for f in g.get("frames", [])][:6])
           for g in gs if bool(g.get("proven_leaked")) != leaked_by_stack(g)]
    check(gs and not bad and sum(1 for g in gs if g.get("proven_leaked")) == want,
          f"{what}: goroutines proven_leaked differs from the program's: {bad}")
    check((d.get("leaks") or {}).get("leaked") == want, f"{what}: goroutines leaks {d.get('leaks')}")
    rc, out, err = gm("goroutines", *tgt, "--leaks")
    check(f"{want} goroutines proven leaked" in out and out.count("proven leaked]") >= 5,
          f"{what}: goroutines text: {out[:2000]}")
    rc, out, err = gm("summary", *tgt, "--fail-on", f"goroutines.leaked>={want}")
    check(rc == 3, f"{what}: --fail-on goroutines.leaked>={want}: exit {rc} {err}")
    rc, out, err = gm("summary", *tgt, "--fail-on", f"goroutines.leaked>{want}")
    check(rc in (0, 1) and "crossed" not in out, f"{what}: --fail-on goroutines.leaked>{want}: exit {rc}")


with tempfile.TemporaryDirectory() as td:
    exe, truth, core = os.path.join(td, "leaks"), os.path.join(td, "truth"), os.path.join(td, "core")
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod", CGO_ENABLED="0")
    if minor == 26:  # the runtime's own leak profile (always on from 1.27)
        env["GOEXPERIMENT"] = "goroutineleakprofile"
    subprocess.run([go, "build", *(["-ldflags=-s -w"] if a.strip else []), "-o", exe, "."], cwd=src, check=True,
                   env=env)
    p = subprocess.Popen([exe, truth])
    try:
        for _ in range(300):
            if os.path.exists(truth):
                break
            time.sleep(0.05)
        t = json.load(open(truth))
        check(t["parked"], f"the program's goroutines did not all park: {t}")
        want = t["leaked"] + (t["sync_leaked"] if sync_decided else 0)
        check(minor < 26 or t["runtime_leaked"] == want,
              f"the runtime's own goroutineleak profile counts {t['runtime_leaked']}, the program {want}")
        check_target(["--pid", str(p.pid)], "live", t)
        # read while it runs (--no-stop): nothing is proven
        rc, out, err = gm("summary", "--pid", str(p.pid), "--no-stop", "--format", "json")
        lk = ((json.loads(out) if out else {}).get("goroutines") or {}).get("leaks") or {}
        check(lk.get("checked") is False or (lk.get("proven") is False and lk.get("problem")),
              f"live --no-stop: leaks {lk}, exit {rc} {err}")
        subprocess.run([a.gomortem, "dump", "--pid", str(p.pid), "-o", core], check=True, capture_output=True)
    finally:
        p.kill()
        p.wait()
    check_target([core, "--exe", exe], "core", t)
    # the metric is shared with diff (and watch): old and new are the count
    want = t["leaked"] + (t["sync_leaked"] if sync_decided else 0)
    rc, out, err = gm("diff", core, core, "--exe", exe, "--format", "json", "--fail-on", "growth.goroutines.leaked>0")
    dm = ((json.loads(out) if out else {}).get("metrics") or {}).get("goroutines.leaked") or {}
    check(rc == 0 and dm.get("old") == want and dm.get("new") == want and dm.get("growth") == 0,
          f"diff: goroutines.leaked {dm}, exit {rc} {err}")
    # damage: the core cut short (the heap's pages past the cut unreadable).
    # Whatever is counted, it is not called proven unless it is right.
    cut = os.path.join(td, "cut")
    with open(core, "rb") as f, open(cut, "wb") as g:
        g.write(f.read(int(os.path.getsize(core) * 0.9)))
    want = t["leaked"] + (t["sync_leaked"] if sync_decided else 0)
    rc, out, err = gm("summary", cut, "--exe", exe, "--format", "json")
    gr = (json.loads(out) if out else {}).get("goroutines") or {}
    lk = gr.get("leaks") or {}
    check(lk.get("checked") is False or (lk.get("proven") is False and lk.get("problem"))
          or (lk.get("proven") is True and gr.get("leaked") == want),
          f"cut core: leaked {gr.get('leaked')} (want {want}) with leaks {lk}, exit {rc}")
    rc, out, err = gm("summary", cut, "--exe", exe)
    check(lk.get("proven") is not False or ("possibly leaked" in out and "not proven:" in out),
          f"cut core: the text does not say the leaks are not proven: {out}")

if fails:
    print(f"{len(fails)} failure(s)")
    sys.exit(1)
print(f"ok: go{a.version}{' stripped' if a.strip else ''}: {t['leaked'] + (t['sync_leaked'] if sync_decided else 0)} "
      f"proven leaked, {t['kept']} parked alike not, live and core"
      f"{', equal to the runtime goroutineleak profile' if t['runtime_leaked'] >= 0 else ''}")
