#!/usr/bin/env python3
"""gomortem summary, --fail-on and --batch, end to end (issue 8).

tests/progs/triage leaks 1,500 goroutines in chan receive at main.leakWorker
(half of them one frame deeper: two groups, one place),
parks 3 on a sync.Mutex it holds, blocks the finalizer goroutine in
main.finBlock with 1,200 finalizers queued behind it, starts 1,100 AfterFunc
timers running main.onTimeout and makes 1,050 types with reflect.StructOf;
it writes these figures and runtime.ReadMemStats to truth.json and dies of
SIGQUIT under GOTRACEBACK=crash. Checks, per Go version:

- `summary --format json`: the goroutine total and the count of each state
  equal those of the runtime's own dump (stderr); the biggest group is the
  leak (count, state, function); finalizers queued / blocked, the AfterFunc
  group, the StructOf cache, heap figures (HeapObjects, HeapAlloc, HeapInuse
  within 1%, NumGC exactly) against the truth file; the red flags
  goroutine_leak, finalizers_blocked, timer_leak and runtime_types are
  raised with their evidence (counts and function names in the message).
- the text summary shows the same flags and the leak group.
- --fail-on: a threshold just under a figure exits 3 and says so; just at it
  exits 0; every metric of the JSON is accepted by --fail-on; a malformed
  expression or an unknown metric exits 64.
- summary --pid on the same program running: the same figures and flags as
  the core's (but the signal), --fail-on works there too.
- --batch: a directory holding the core under a systemd-coredump name (zstd-
  compressed), a cut copy and a file that is not a core gives one JSON line
  per core, the name decoded, the cut one partial, exit 3 with a crossed
  threshold; `gomortem CORE` (no command) is the summary.

--goarch arm64: the program built for arm64 and run under qemu-user, its
core checked as above (json, text, --fail-on, --batch); no live part.

Usage: summarytest.py --gomortem BIN --versions 1.22,1.26 --work DIR [--strip] [--goarch arm64]
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
import testlib  # noqa: E402
from testlib import remove_stale_ready

R = testlib.Reporter()
report = R.report


def gm(args, argv, timeout=300):
    return subprocess.run([args.gomortem] + argv, capture_output=True, text=True,
                          errors="replace", timeout=timeout)


def dump_states(stderr_text):
    """goroutine count by state in the runtime's own dump."""
    d = difftest.parse_dump(stderr_text)
    states = {}
    for goid in d.order:
        st = d.goroutines[goid].state.split(",")[0].strip()
        states[st] = states.get(st, 0) + 1
    return len(d.order), states


def near(got, want, slack, rel=0.01):
    """within 1%, or within slack: the program allocates a little after
    ReadMemStats (the truth file's JSON and the file itself)"""
    return abs(got - want) <= max(rel * want, slack)


def check_json(args, v, core, exe, truth, stderr_text):
    probs = []
    p = gm(args, ["summary", core, "--exe", exe, "--format", "json"])
    if p.returncode != 0:
        probs.append("exit %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
    try:
        s = json.loads(p.stdout)
    except ValueError as e:
        report("go%s summary json" % v, ["not JSON: %s" % e])
        return None
    if s.get("schema") != "gomortem.summary" or s.get("schema_version") != 1:
        probs.append("schema %r %r" % (s.get("schema"), s.get("schema_version")))
    g = s["goroutines"] or {}
    total, states = dump_states(stderr_text)
    if g.get("total") != total:
        probs.append("goroutines %r, the runtime printed %d" % (g.get("total"), total))
    # states that can change while the runtime prints (the goroutine that
    # handles the signal, GC workers) are left out of the exact comparison
    for st, n in states.items():
        if st in ("running", "runnable", "syscall") or "GC" in st or "idle" in st:
            continue
        if g.get("by_state", {}).get(st) != n:
            probs.append("state %r: %r, the runtime printed %d" % (st, g.get("by_state", {}).get(st), n))
    # the leak is two groups (leakWorker reached at two depths), one place
    tops = (g.get("top_groups") or [{}, {}])[:2]
    for top in tops:
        if top.get("count") != truth["leak"] // 2 or top.get("state") != "chan receive" or \
                (top.get("where") or {}).get("function") != "main.leakWorker":
            probs.append("biggest groups %r" % tops)
            break
    if len(tops) == 2 and tops[0].get("frames") == tops[1].get("frames"):
        probs.append("the two leak groups have the same depth: %r" % tops)
    place = (g.get("top_places") or [{}])[0]
    if place.get("count") != truth["leak"] or (place.get("where") or {}).get("function") != "main.leakWorker":
        probs.append("biggest place %r" % place)
    lock_state = "semacquire" if v == "1.19" else "sync.Mutex.Lock"
    lock_groups = [x for x in g.get("top_groups") or [] if x.get("state") == lock_state]
    if not lock_groups or (lock_groups[0].get("where") or {}).get("function") != "main.lockWaiter":
        probs.append("the lock group is not shown where the program waits (main.lockWaiter): %r" % lock_groups)
    if g.get("by_state", {}).get(lock_state) != truth["lock"]:
        probs.append("%s: %r, want %d" % (lock_state, g.get("by_state", {}).get(lock_state), truth["lock"]))
    m = s["metrics"]
    if m.get("goroutines.largest_group") != truth["leak"] // 2:
        probs.append("goroutines.largest_group %r" % m.get("goroutines.largest_group"))
    if m.get("finalizers.queued") != truth["queued"]:
        probs.append("finalizers.queued %r, want %d" % (m.get("finalizers.queued"), truth["queued"]))
    if m.get("finalizers.blocked") != 1:
        probs.append("finalizers.blocked %r" % m.get("finalizers.blocked"))
    if m.get("timers.largest_group") != truth["afterfuncs"]:
        probs.append("timers.largest_group %r, want %d" % (m.get("timers.largest_group"), truth["afterfuncs"]))
    if (m.get("timers") or 0) < truth["afterfuncs"]:
        probs.append("timers %r" % m.get("timers"))
    caches = (s.get("types") or {}).get("caches") or {}
    slc = caches.get("structLookupCache") or {}
    if slc.get("entries") != truth["struct_types"]:
        probs.append("structLookupCache %r, want %d entries" % (slc, truth["struct_types"]))
    if (m.get("types.runtime_created") or 0) < truth["struct_types"]:
        probs.append("types.runtime_created %r" % m.get("types.runtime_created"))
    for k, slack in (("HeapObjects", 200), ("HeapAlloc", 128 << 10), ("HeapInuse", 128 << 10)):
        got, want = m.get("heap." + k), truth["memstats"][k]
        if got is None or not near(got, want, slack):
            probs.append("heap.%s %r, ReadMemStats %d" % (k, got, want))
    if m.get("heap.NumGC") != truth["memstats"]["NumGC"]:
        probs.append("heap.NumGC %r, want %d" % (m.get("heap.NumGC"), truth["memstats"]["NumGC"]))
    flags = {f["code"]: f for f in s.get("flags", [])}
    want_msgs = {
        "goroutine_leak": ["1,500 goroutines in chan receive at main.leakWorker (main.go:"],
        "finalizers_blocked": ["finalizer goroutine", "main.finBlock", "1200 finalizers"],
        "timer_leak": ["1,100 pending func timers running main.onTimeout (main.go:"],
        "runtime_types": ["reflect.structLookupCache: 1,050"],
    }
    for code, parts in want_msgs.items():
        f = flags.get(code)
        if not f:
            probs.append("no %s flag (flags: %s)" % (code, sorted(flags)))
            continue
        for part in parts:
            if part not in f["message"]:
                probs.append("%s flag %r lacks %r" % (code, f["message"], part))
    if "lock_wait" in flags:
        probs.append("lock_wait flag raised though nobody waited a minute")
    info = json.loads(gm(args, ["info", core, "--exe", exe, "--format", "json"]).stdout)
    th = s.get("threads") or {}
    want_go = sum(1 for t in info["threads"] if t["m"] is not None)
    if th.get("total") != len(info["threads"]) or th.get("go") != want_go or \
            th.get("not_go") != len(info["threads"]) - want_go:
        probs.append("threads %r, info lists %d (%d with an M)" % (th, len(info["threads"]), want_go))
    if (th.get("signal_thread") or {}).get("tid") != info["threads"][0]["tid"]:
        probs.append("signal thread %r, the core's first thread is %r" % (th.get("signal_thread"),
                                                                       info["threads"][0]["tid"]))
    if s.get("problems"):
        probs.append("problems: %r" % s["problems"])
    report("go%s summary json vs the runtime's dump and figures" % v, probs)
    return s


def check_text(args, v, core, exe):
    probs = []
    p = gm(args, [core, "--exe", exe])      # no command: summary
    if p.returncode != 0:
        probs.append("exit %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
    for part in ("red flags", "1,500 goroutines in chan receive at main.leakWorker",
                 "Finalization is blocked", "main.onTimeout", "go" + v):
        if part not in p.stdout:
            probs.append("text lacks %r" % part)
    report("go%s summary text (default command)" % v, probs)


def check_fail_on(args, v, core, exe, s):
    probs = []
    m = s["metrics"]
    cases = []
    for name in ("goroutines", "finalizers.queued", "heap.HeapInuse", "timers", "types.runtime_created"):
        val = m[name]
        cases.append(("%s>%d" % (name, val - 1), 3))
        cases.append(("%s>%d" % (name, val), 0))
        cases.append(("%s>=%d" % (name, val), 3))
        cases.append(("%s<%d" % (name, val), 0))
        cases.append(("%s!=%d" % (name, val), 0))
    cases.append(("heap.HeapInuse>1TiB", 0))
    cases.append(("heap.HeapInuse>1KiB", 3))
    cases.append(("goroutines>1_000", 3))
    for expr, want in cases:
        p = gm(args, ["summary", core, "--exe", exe, "--fail-on", expr])
        if p.returncode != want:
            probs.append("--fail-on %s: exit %d, want %d" % (expr, p.returncode, want))
        elif want == 3 and ("fail-on: %s crossed" % expr) not in p.stdout:
            probs.append("--fail-on %s: crossing not said" % expr)
    # json: the fail_on array
    p = gm(args, ["summary", core, "--exe", exe, "--format", "json", "--fail-on", "goroutines>10",
                  "--fail-on", "finalizers.queued==0"])
    try:
        fo = json.loads(p.stdout)["fail_on"]
        if p.returncode != 3 or [f["crossed"] for f in fo] != [True, False] or \
                fo[0]["value"] != m["goroutines"]:
            probs.append("json fail_on %r exit %d" % (fo, p.returncode))
    except (ValueError, KeyError) as e:
        probs.append("json fail_on: %s" % e)
    # every metric name the JSON lists is accepted
    for name in m:
        p = gm(args, ["summary", core, "--exe", exe, "--format", "json", "--fail-on", name + ">-1"])
        if p.returncode not in (0, 3):
            probs.append("--fail-on %s>-1: exit %d %s" % (name, p.returncode, p.stderr.strip()[-200:]))
    for bad in ("goroutine>1", "goroutines", "goroutines>", "goroutines>1XB", ">5", "heap.HeapInuse>>1"):
        p = gm(args, ["summary", core, "--exe", exe, "--fail-on", bad])
        if p.returncode != 64 or p.stdout:
            probs.append("--fail-on %r: exit %d (want 64, no output)" % (bad, p.returncode))
    report("go%s --fail-on (%d conditions)" % (v, len(cases)), probs)


def check_batch(args, v, core, exe, truth, work):
    probs = []
    d = os.path.join(work, "batch")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    boot = "0123456789abcdef0123456789abcdef"
    name = "core.tri\\x2eage.1000.%s.4242.1795300000000000.zst" % boot
    subprocess.run(["zstd", "-q", "-3", core, "-o", os.path.join(d, name)], check=True)
    with open(core, "rb") as f:
        data = f.read()
    with open(os.path.join(d, "core.cut"), "wb") as f:
        f.write(data[:len(data) // 2])
    with open(os.path.join(d, "notes.txt"), "w") as f:
        f.write("not a core\n")
    p = gm(args, ["summary", "--batch", d, "--exe", exe, "--fail-on", "goroutines>1000"])
    lines = [ln for ln in p.stdout.split("\n") if ln]
    if p.returncode != 3:
        probs.append("batch exit %d, want 3: %s" % (p.returncode, p.stderr.strip()[-300:]))
    if len(lines) != 2:
        probs.append("%d lines, want 2 (two cores; notes.txt is not one)" % len(lines))
    docs = []
    for ln in lines:
        try:
            docs.append(json.loads(ln))
        except ValueError as e:
            probs.append("line not JSON: %s" % e)
    by_file = {os.path.basename(x["target"]["core"]): x for x in docs}
    z = by_file.get(name)
    if not z:
        probs.append("no line for %s (%s)" % (name, sorted(by_file)))
    else:
        cd = (z.get("file") or {}).get("coredump") or {}
        if cd.get("command") != "tri.age" or cd.get("pid") != 4242 or cd.get("uid") != 1000 or \
                cd.get("boot_id") != boot or cd.get("timestamp_usec") != 1795300000000000:
            probs.append("coredump name decoded as %r" % cd)
        if (z.get("file") or {}).get("compression") != "zstd":
            probs.append("compression %r" % (z.get("file") or {}).get("compression"))
        if (z.get("goroutines") or {}).get("total") != s_total(truth, z):
            probs.append("zstd core: goroutines %r" % (z.get("goroutines") or {}).get("total"))
        if z.get("exit_code") != 3 or not z["fail_on"][0]["crossed"]:
            probs.append("zstd core: exit_code %r fail_on %r" % (z.get("exit_code"), z.get("fail_on")))
        if (z["target"].get("time") or {}).get("source", "").find("systemd-coredump") < 0:
            probs.append("core time source %r" % z["target"].get("time"))
    c = by_file.get("core.cut")
    if not c:
        probs.append("no line for core.cut")
    elif not c["target"].get("truncated") and "error" not in c:
        probs.append("cut core not reported as truncated: %r" % {k: c[k] for k in c if k != "metrics"})
    shutil.rmtree(d, ignore_errors=True)
    report("go%s --batch (systemd-coredump name, cut core, non-core file)" % v, probs)


def check_live(args, v, exe, s_core, work):
    """The same program running: summary --pid agrees with the core's."""
    probs = []
    rundir = os.path.join(work, "live")
    os.makedirs(rundir, exist_ok=True)
    ready = os.path.join(rundir, "ready")
    remove_stale_ready(ready)
    proc = subprocess.Popen([exe, ready], cwd=rundir, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(ready) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        if not os.path.exists(ready):
            report("go%s summary --pid" % v, ["the program did not get ready"])
            return
        p = gm(args, ["summary", "--pid", str(proc.pid), "--format", "json",
                      "--fail-on", "goroutines.largest_group>=750"])
        if p.returncode != 3:
            probs.append("exit %d, want 3: %s" % (p.returncode, p.stderr.strip()[-300:]))
        try:
            s = json.loads(p.stdout)
        except ValueError as e:
            report("go%s summary --pid" % v, ["not JSON: %s" % e])
            return
        if not s["target"].get("live"):
            probs.append("target.live is %r" % s["target"].get("live"))
        pm = s["target"].get("pause_ms")
        if not isinstance(pm, (int, float)) or pm <= 0:
            probs.append("target.pause_ms %r" % pm)
        for name in ("goroutines", "goroutines.largest_group", "finalizers.queued", "finalizers.blocked",
                     "timers.largest_group", "heap.NumGC"):
            if s["metrics"].get(name) != s_core["metrics"].get(name):
                probs.append("%s: live %r, core %r" % (name, s["metrics"].get(name),
                                                      s_core["metrics"].get(name)))
        codes = sorted(f["code"] for f in s["flags"] if f["code"] != "fatal_signal")
        want = sorted(f["code"] for f in s_core["flags"] if f["code"] != "fatal_signal")
        if codes != want:
            probs.append("flags live %r, core %r" % (codes, want))
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(rundir, ignore_errors=True)
    report("go%s summary --pid agrees with the core" % v, probs)


def s_total(truth, doc):
    # the batch line must agree with the single-core summary of the same core
    return truth.get("_summary_total")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--strip", action="store_true")
    ap.add_argument("--pie", action="store_true",
                    help="build with -buildmode=pie (docs/pie.md)")
    ap.add_argument("--goarch", default="amd64", choices=["amd64", "arm64"],
                    help="arm64: built with GOARCH=arm64, run under qemu-user; the core's checks "
                         "(json, text, --fail-on, --batch), not the live one (no ptrace under qemu)")
    args = ap.parse_args()
    if difftest.skip_without_qemu(args.goarch):
        return 77
    args.work = os.path.abspath(args.work)
    for v in args.versions.split(","):
        out = os.path.join(args.work, "summarytest", "go" + v + ("-stripped" if args.strip else "") +
                           ("-pie" if args.pie else "") + ("-" + args.goarch if args.goarch != "amd64" else ""))
        err = difftest.produce_prog(args.work, v, "triage", out, strip=args.strip, pie=args.pie,
                                    goarch=args.goarch)
        if err:
            report("go%s produce" % v, ["could not produce the core: " + err])
            continue
        core, exe = os.path.join(out, "core"), os.path.join(out, "exe")
        with open(os.path.join(out, "truth.json")) as f:
            truth = json.load(f)
        stderr_text = difftest.read_text(os.path.join(out, "stderr.txt"))
        s = check_json(args, v, core, exe, truth, stderr_text)
        check_text(args, v, core, exe)
        if s:
            truth["_summary_total"] = s["goroutines"]["total"]
            check_fail_on(args, v, core, exe, s)
            check_batch(args, v, core, exe, truth, out)
            if args.goarch == "amd64":
                check_live(args, v, exe, s, out)
        shutil.rmtree(out, ignore_errors=True)
    R.summary()
    return R.exit_code()


if __name__ == "__main__":
    sys.exit(main())
