#!/usr/bin/env python3
"""Memory triage, end to end (issue 6): tests/progs/memtriage allocates known
amounts, starts tickers, timers and AfterFuncs (goroutines blocked on some of
the channels), stops the collector, calls runtime.ReadMemStats, writes the
figures (truth.json) and dies of SIGQUIT under GOTRACEBACK=crash.

- `gomortem heap --format json`: every MemStats figure of the truth file
  within 1% (NumGC, LastGC, GOGC, GOMEMLIMIT exactly); the program's objects
  in their size classes; its large objects.
  The program allocates (almost) nothing between ReadMemStats and the crash;
  ReadMemStats flushes the mcaches first, gomortem adds what the flush would
  (docs/json.md "gomortem.heap").
- `gomortem timers --format json`: every timer the runtime has in a P heap:
  up to Go 1.22 every started timer; from 1.23 channel timers only while a
  goroutine is blocked on their channel (AfterFunc timers always), with the
  period and the function, firing about when the program asked.
- `gomortem maps --format json`: the program's syscall.Mmap region is in an
  anonymous mapping, and the memory the Go runtime does not account for is
  that region (within 64 KiB below, 2 MiB above: the main thread's stack and
  other small non-Go mappings); heap arenas cover HeapSys + StackInuse; the
  executable is mapped as go_binary; the program's library stand-in (a file
  named libmemtriage.so mapped with syscall.Mmap: the harness builds with
  CGO_ENABLED=0, so the program can neither dlopen nor plugin.Open) is a
  shared_library mapping.
- The same checks on the program running (--pid), but the library (a live
  read copies only the private writable mappings), with 256 KiB of slack on
  the heap figures (the process runs on after ReadMemStats).
- Damaged copies of the core: exit 0, 1 or 2 within a timeout.

Usage: memtest.py --gomortem BIN --versions 1.22,1.26 --work DIR
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402  (damaged_cores)
from testlib import remove_stale_ready
results = []
EXACT = ("NumGC", "LastGC")
# figures that are equal to what the runtime has (the comparison is with 1%)
HEAP_FIELDS = ("HeapAlloc", "HeapInuse", "HeapIdle", "HeapReleased", "HeapObjects", "HeapSys",
               "StackInuse", "StackSys", "MSpanInuse", "MCacheInuse", "GCSys", "Sys", "NextGC",
               "NumGC", "LastGC", "TotalAlloc", "Mallocs", "Frees", "Alloc", "OtherSys",
               "MSpanSys", "MCacheSys", "BuckHashSys")


def report(name, problems):
    results.append(not problems)
    print(("ok   " if not problems else "FAIL ") + name +
          ("" if not problems else ": " + "; ".join(problems[:12])))
    sys.stdout.flush()


def produce(args, v, out):
    return difftest.produce_prog(args.work, v, "memtriage", out, strip=args.strip,
                                 pie=args.pie, goarch=args.goarch)


def run_gm(args, cmd, target, fmt="json", timeout=120):
    """target: [CORE, "--exe", EXE] or ["--pid", PID]"""
    return subprocess.run([args.gomortem, cmd] + target + ["--format", fmt],
                          capture_output=True, text=True, errors="replace", timeout=timeout)


def load(p, what, probs):
    if p.returncode != 0:
        probs.append("%s exited %d: %s" % (what, p.returncode, p.stderr.strip()[-400:]))
    try:
        return json.loads(p.stdout)
    except ValueError as e:
        probs.append("%s: not JSON: %s" % (what, e))
        return None


def check_heap(args, v, target, truth, what=""):
    probs = []
    doc = load(run_gm(args, "heap", target), "heap", probs)
    if doc:
        if doc.get("schema") != "gomortem.heap" or doc.get("schema_version") != 1:
            probs.append("schema %r" % doc.get("schema"))
        ms, want = doc["memstats"], truth["memstats"]
        # live: the process ran on after ReadMemStats (it may have started a
        # thread: g0 and signal stacks come from the heap), so byte figures
        # get 256 KiB of slack; a core is taken right after the truth, but
        # the program's last writes may still have started an M: each new M
        # moves up to 64 KiB (two 32 KiB stack spans: g0, gsignal) from
        # HeapIdle/HeapReleased to StackInuse/StackSys
        slack = (256 << 10) if what else 0
        stack_slack = 0
        if not what and "ms_at_readmemstats" in truth:
            th = subprocess.run([args.gomortem, "threads"] + target + ["--format", "json"],
                                capture_output=True, text=True)
            try:
                extra = json.loads(th.stdout)["ms"] - truth["ms_at_readmemstats"]
            except (ValueError, KeyError):
                extra = 0
                probs.append("threads --format json: exit %d" % th.returncode)
            stack_slack = max(0, extra) * (64 << 10)
        for k in HEAP_FIELDS:
            got, w = ms.get(k), want[k]
            s = stack_slack if k in ("StackInuse", "StackSys", "HeapIdle", "HeapReleased") else 0
            if got is None:
                probs.append("%s missing" % k)
            elif k in EXACT:
                if got != w:
                    probs.append("%s %d, want %d" % (k, got, w))
            elif abs(got - w) > max(w / 100, slack, s):
                probs.append("%s %d, want %d (%.2f%%)" % (k, got, w, 100.0 * (got - w) / max(w, 1)))
        if doc["gogc"] != "off" or truth["gogc"] != -1:
            probs.append("gogc %r" % doc["gogc"])
        if doc["gomemlimit"] != truth["gomemlimit"]:
            probs.append("gomemlimit %r, want %r" % (doc["gomemlimit"], truth["gomemlimit"]))
        if not isinstance(doc["last_gc_age_ns"], int) or doc["last_gc_age_ns"] < 0:
            probs.append("last_gc_age_ns %r" % doc["last_gc_age_ns"])
        by_size = {c["size"]: c for c in doc["size_classes"]}
        for size, n in truth["small_objects"].items():
            c = by_size.get(int(size))
            if not c or c["objects"] < n or c["objects"] > n + n // 10 + 64:
                probs.append("size class %s: %r, want about %d objects" % (size, c, n))
        large = truth["large_objects"]
        lo = doc["large_objects"]
        if lo["count"] < len(large) or lo["bytes"] < sum(large):
            probs.append("large objects %r, want >= %d / %d bytes" % (lo, len(large), sum(large)))
        if doc["problem"] is not None:
            probs.append("problem: %s" % doc["problem"])
    t = run_gm(args, "heap", target, "text")
    if t.returncode != 0 or "HeapAlloc" not in t.stdout or "GOGC          off" not in t.stdout:
        probs.append("text: exit %d: %s" % (t.returncode, (t.stdout + t.stderr)[-300:]))
    report("go%s heap%s" % (v, what), probs)


def check_timers(args, v, target, truth, what=""):
    probs = []
    minor = int(v.split(".")[1])
    doc = load(run_gm(args, "timers", target), "timers", probs)
    if doc:
        if doc.get("schema") != "gomortem.timers" or doc.get("schema_version") != 1:
            probs.append("schema %r" % doc.get("schema"))
        if doc["chan_timers_only_when_blocked"] != (minor >= 23):
            probs.append("chan_timers_only_when_blocked %r" % doc["chan_timers_only_when_blocked"])
        if doc["now"] is None:
            probs.append("no clock")
        # what the runtime has in its heaps
        want = [t for t in truth["timers"]
                if minor < 23 or t["kind"] == "afterfunc" or t["blocked"]]
        got = [t for t in doc["timers"]
               if t["kind"] == "channel" or (t["function"] or "").startswith("main.")]
        unmatched = list(got)
        for w in want:
            fn = w["function"]
            kind = "func" if w["kind"] == "afterfunc" else "channel"
            match = None
            for g in unmatched:
                if g["kind"] != kind or g["period_ns"] != w["period_ns"]:
                    continue
                if kind == "func" and g["function"] != fn:
                    continue
                if kind == "channel" and g["callback"] != "time.sendTime":
                    continue
                # `now` is a lower bound (the latest of sched.lastpoll, g.waitsince,
                # the last GC, tickers' last set): a little before the timer was made
                if g["in_ns"] is None or not (w["delay_ns"] - 120e9 < g["in_ns"] <= w["delay_ns"] + 2e9):
                    continue
                match = g
                break
            if not match:
                probs.append("missing %s %s period %d delay %d" % (
                    w["kind"], fn, w["period_ns"], w["delay_ns"]))
            else:
                unmatched.remove(match)
                if kind == "func" and (not match.get("function") or match["pc"] == "0x0"):
                    probs.append("no function for %s" % fn)
        for g in unmatched:
            probs.append("unexpected timer %s %s period %d" % (g["kind"], g["function"],
                                                               g["period_ns"]))
        groups = {g["function"]: g["count"] for g in doc["groups"] if g["kind"] == "func"}
        for fn in set(t["function"] for t in want if t["kind"] == "afterfunc"):
            n = sum(1 for t in want if t["function"] == fn)
            if groups.get(fn) != n:
                probs.append("group %s: %r, want %d" % (fn, groups.get(fn), n))
        if doc["total"] != len(doc["timers"]) or \
                doc["total"] != sum(g["count"] for g in doc["groups"]):
            probs.append("total %d disagrees with the lists" % doc["total"])
        if doc["problem"] is not None:
            probs.append("problem: %s" % doc["problem"])
    t = run_gm(args, "timers", target, "text")
    if t.returncode != 0 or "main.afterGamma" not in t.stdout or \
            (minor >= 23) != ("only while a goroutine is blocked" in t.stdout):
        probs.append("text: exit %d: %s" % (t.returncode, (t.stdout + t.stderr)[-300:]))
    report("go%s timers%s" % (v, what), probs)


def check_maps(args, v, target, truth, exe_name, what=""):
    probs = []
    doc = load(run_gm(args, "maps", target), "maps", probs)
    if doc:
        if doc.get("schema") != "gomortem.maps" or doc.get("schema_version") != 1:
            probs.append("schema %r" % doc.get("schema"))
        a, size = truth["mmap_addr"], truth["mmap_size"]
        hit = [m for m in doc["mappings"] if int(m["start"], 16) <= a < int(m["end"], 16)]
        # the kernel may merge the region with the runtime's own neighbouring
        # anonymous mappings: the mapping holding it is at least as big
        if len(hit) != 1 or hit[0]["class"] != "anonymous" or hit[0]["size"] < size:
            probs.append("mmap region 0x%x: %r" % (a, hit))
        la = truth.get("lib_addr")
        lib = [m for m in doc["mappings"] if la and int(m["start"], 16) <= la < int(m["end"], 16)]
        # a live read copies only the private writable mappings: no library
        if what:
            pass
        elif len(lib) != 1 or lib[0]["class"] != "shared_library" or \
                os.path.basename(lib[0]["path"] or "") != truth["lib_name"]:
            probs.append("library 0x%x: %r" % (la or 0, lib))
        u = doc["unaccounted"]
        # what the runtime does not account for: the region, plus the main
        # thread's stack and other small non-Go mappings
        if not isinstance(u, int) or not (size - (64 << 10) <= u <= size + (2 << 20)):
            probs.append("unaccounted %r, want about %d" % (u, size))
        ms = truth["memstats"]
        cls = doc["classes"]
        if not doc["heap_arenas"] or cls["go_heap"] < ms["HeapSys"] + ms["StackInuse"]:
            probs.append("go_heap %d < HeapSys + StackInuse %d" % (
                cls["go_heap"], ms["HeapSys"] + ms["StackInuse"]))
        if not any(m["class"] == "go_binary" and m["path"] and
                   os.path.basename(m["path"]) == exe_name for m in doc["mappings"]):
            probs.append("no go_binary mapping of the executable")
        if cls["go_heap_index"] != 32 << 20:
            probs.append("go_heap_index %d" % cls["go_heap_index"])
        if doc["mapped"] != sum(b for k, b in cls.items() if k != "reserved"):
            probs.append("mapped %d != sum of the classes" % doc["mapped"])
        if doc["problem"] is not None:
            probs.append("problem: %s" % doc["problem"])
    t = run_gm(args, "maps", target, "text")
    if t.returncode != 0 or "does not account for" not in t.stdout:
        probs.append("text: exit %d: %s" % (t.returncode, (t.stdout + t.stderr)[-300:]))
    report("go%s maps%s" % (v, what), probs)


def damage(args, v, core, exe, n):
    """Random words of the core's memory overwritten (copies), n variants."""
    probs = []
    tmp = os.path.join(args.work, "memtest", "damaged-go" + v + ("-stripped" if args.strip else "") +
                       ("-pie" if args.pie else ""))
    try:
        for k, rng in difftest.damaged_cores(core, tmp, n, 6 + n, 3000):
            for cmd in ("heap", "timers", "maps"):
                try:
                    p = run_gm(args, cmd, [tmp, "--exe", exe], rng.choice(["json", "text"]), timeout=60)
                    if p.returncode not in (0, 1, 2):
                        probs.append("variant %d %s: exit %d: %s" % (k, cmd, p.returncode,
                                                                    p.stderr[-300:]))
                except subprocess.TimeoutExpired:
                    probs.append("variant %d %s: gomortem hung" % (k, cmd))
    except ValueError as e:
        probs.append(str(e))
    report("go%s damaged cores (%d variants)" % (v, n), probs)


def live(args, v, exe, rundir):
    """The same checks on the running program (--pid): attach, copy, resume."""
    os.makedirs(rundir, exist_ok=True)
    ready = os.path.join(rundir, "ready")
    remove_stale_ready(ready)
    env = dict(os.environ)
    for k in ("GODEBUG", "GOMAXPROCS", "GOMEMLIMIT", "GOGC"):
        env.pop(k, None)
    try:
        proc = subprocess.Popen([exe, ready], cwd=rundir, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as e:
        report("go%s live" % v, ["cannot start the program: %s" % e])
        return
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(ready):
            if proc.poll() is not None or time.monotonic() > deadline:
                report("go%s live" % v, ["the program did not get ready"])
                return
            time.sleep(0.02)
        with open(ready + ".truth.json") as f:
            truth = json.load(f)
        target = ["--pid", str(proc.pid)]
        check_heap(args, v, target, truth, " (live)")
        check_timers(args, v, target, truth, " (live)")
        check_maps(args, v, target, truth, os.path.basename(exe), " (live)")
    finally:
        proc.kill()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", required=True, help="comma-separated, e.g. 1.19,1.26")
    ap.add_argument("--work", required=True, help="build cache and output directory")
    ap.add_argument("--damage", type=int, default=4, help="damaged-core variants per version")
    ap.add_argument("--strip", action="store_true",
                    help="build with -ldflags='-s -w': no symbols, no DWARF (layout from gorts/, "
                    "runtime globals found from code); every figure must be the same")
    ap.add_argument("--pie", action="store_true",
                    help="build with -buildmode=pie (docs/pie.md)")
    ap.add_argument("--goarch", default="amd64", choices=["amd64", "arm64"],
                    help="arm64: built for linux/arm64 and run under qemu-user (no live "
                    "checks: qemu-user has no ptrace; exit 77 without qemu)")
    ap.add_argument("--no-live", dest="live", action="store_false",
                    help="skip the checks on the running program (--pid)")
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)
    if difftest.skip_without_qemu(args.goarch):
        return 77
    if args.goarch != "amd64":
        args.live = False  # qemu-user has no ptrace: nothing to attach to
    for v in args.versions.split(","):
        out = os.path.join(args.work, "memtest", "go" + v + ("-stripped" if args.strip else "") +
                           ("-pie" if args.pie else "") +
                           ("-" + args.goarch if args.goarch != "amd64" else ""))
        err = produce(args, v, out)
        if err:
            report("go%s produce" % v, ["could not produce the core: " + err])
            continue
        core, exe = os.path.join(out, "core"), os.path.join(out, "exe")
        with open(os.path.join(out, "truth.json")) as f:
            truth = json.load(f)
        target = [core, "--exe", exe]
        check_heap(args, v, target, truth)
        check_timers(args, v, target, truth)
        if args.goarch == "amd64":
            check_maps(args, v, target, truth, "memtriage")
        else:
            # qemu-user's cores have no NT_FILE: which mapping is the
            # executable or a library is not in them (docs/arm64.md)
            print("skip go%s maps: qemu-user cores name no file mappings" % v)
        if args.live:
            live(args, v, exe, os.path.join(out, "live"))
        if args.damage:
            damage(args, v, core, exe, args.damage)
        shutil.rmtree(out, ignore_errors=True)
    print("%d passed, %d failed" % (sum(results), len(results) - sum(results)))
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
