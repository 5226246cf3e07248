#!/usr/bin/env python3
"""gomortem on a C program whose Go runtime is a -buildmode=c-shared library
(issue 17 item 2).

tests/progs/cshared (lib.go) is built as libgm.so with the Go version under
test (--strip: -ldflags='-s -w'), host/host.c with gcc links it. The host
starts the library's goroutines, then makes it panic in an exported function
with GOTRACEBACK=crash: the runtime prints its own dump and aborts, and the
kernel writes a core of the host. Before the panic, `goroutines`, `info`
and `summary --pid` on the running host (exit 0, nothing on stderr): the
library found in /proc/PID/maps, its 5 parked goroutines with the functions
the runtime's dump prints for them. On the core, with no --exe (gomortem finds the
Go library among the core's mappings) and with --exe LIB:
  - `goroutines --format go` equals the runtime's dump goroutine by
    goroutine (tests/difftest.py's comparison); the panicking goroutine,
    which Go prints from the panic, is our stack's tail (ours starts where
    the thread was: runtime.raise);
  - summary, threads, finalizers, timers, maps and info exit 0 with nothing
    on stderr; info names the library; finalizers finds the 3 the library
    set, timers its AfterFunc; threads lists the host's main thread as the one
    the panicking goroutine is locked to and (not --strip) names every frame
    in the Go file from its symbol table.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402
import testlib  # noqa: E402

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs", "cshared")


# "c-shared": lib.go is libgm.so, the host links it dynamically and the Go
# module is a shared library of the host. "c-archive" (tests/carchivetest.py):
# lib.go is libgm.a, linked by gcc into the host: the Go runtime lives in the
# C executable itself (a PIE, gcc's default).
MODE = "c-shared"


def build(args, version, bdir):
    """Returns (go, host): the file holding the Go module (the library, or
    the host itself for c-archive) and the host executable."""
    src, env = testlib.cgo_module(args, version, SRC, bdir, "example.com/cshared")
    archive = MODE == "c-archive"
    lib = os.path.join(bdir, "libgm.a" if archive else "libgm.so")
    cmd = [difftest.go_bin(args, version), "build", "-buildmode=" + MODE] + \
        (["-ldflags=-s -w"] if args.strip else []) + ["-o", lib, "."]
    p = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError("go build: %s" % (p.stdout + p.stderr)[-1500:])
    host = os.path.join(bdir, "host")
    link = [lib, "-lpthread"] if archive else ["-L", bdir, "-lgm", "-Wl,-rpath," + bdir]
    subprocess.run(["gcc", "-o", host, os.path.join(src, "host", "host.c"), "-I", bdir] + link,
                   check=True, capture_output=True)
    if archive and args.strip:
        subprocess.run(["strip", host], check=True, capture_output=True)
    return (host if archive else lib), host


def crash(args, host, rundir, before=None):
    os.makedirs(rundir)
    ready, trigger = os.path.join(rundir, "ready"), os.path.join(rundir, "panic")
    env = dict(os.environ, GOTRACEBACK="crash")
    for k in ("GODEBUG", "GOMAXPROCS", "GOGC"):
        env.pop(k, None)
    errp = os.path.join(rundir, "stderr.txt")
    with open(errp, "wb") as errf:
        proc = subprocess.Popen([host, ready, trigger], cwd=rundir, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errf,
                                preexec_fn=difftest.raise_core_limit)
    try:
        deadline = time.monotonic() + args.ready_timeout
        while not os.path.exists(ready):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("host not ready: %s" % difftest.tail(errp))
            time.sleep(0.02)
        time.sleep(0.1)
        live = before(proc.pid) if before else None
        open(trigger, "w").close()
        rc = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if rc != -signal.SIGABRT:
        raise RuntimeError("host exited %s, not SIGABRT: %s" % (rc, difftest.tail(errp)))
    core = difftest.find_core(rundir, proc.pid)
    if not core:
        raise RuntimeError("no core in %s" % rundir)
    return core, difftest.read_text(errp), proc.pid, live


def gm(args, *argv):
    p = subprocess.run([args.gomortem] + list(argv), capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def test(args, version):
    errs = []
    bdir = tempfile.mkdtemp(prefix="%stest-go%s-" % (MODE.replace("-", ""), version), dir=args.work)
    try:
        lib, host = build(args, version, bdir)
        def live(pid):
            """--pid while the host waits: goroutines, info, summary (JSON)."""
            out = {}
            for cmd in ("goroutines", "info", "summary"):
                rc, o, e = gm(args, cmd, "--pid", str(pid), "--format", "json")
                if rc != 0 or e:
                    errs.append("--pid: %s exit %d: %s" % (cmd, rc, e.strip()[:300]))
                else:
                    out[cmd] = json.loads(o)
            return out
        core, godump, pid, lv = crash(args, host, os.path.join(bdir, "run"), live)
        go = difftest.parse_dump(godump)
        if not go.order:
            return ["the runtime's dump has no goroutines: %s" % godump[:300]]
        panicking = go.order[0]
        # live: the library found in the process, its parked goroutines with
        # the functions of the runtime's own dump of them (taken just after)
        if "info" in lv and os.path.realpath(lv["info"]["executable"]) != os.path.realpath(lib):
            errs.append("--pid: info executable %r" % lv["info"]["executable"])
        if "goroutines" in lv:
            got = {g["goid"]: [f["function"] for f in g["frames"]] for g in lv["goroutines"]["goroutines"]}
            parked = [gid for gid in go.order if gid != panicking and
                      any(f.func == "main.blocked" for f in go.goroutines[gid].frames)]
            if len(parked) != 5:
                errs.append("the runtime's dump has %d goroutines in main.blocked, want 5" % len(parked))
            for gid in parked:
                want = [f.func for f in go.goroutines[gid].frames]
                if got.get(gid) != want:
                    errs.append("--pid: goroutine %d: %r, the runtime's dump: %r" % (gid, got.get(gid), want))
        for exe in ([], ["--exe", lib]):
            what = "--exe LIB" if exe else "no --exe"
            rc, out, err = gm(args, "goroutines", core, *exe, "--format", "go")
            if rc != 0 or err:
                errs.append("%s: goroutines exit %d: %s" % (what, rc, err.strip()[:300]))
                continue
            ours = difftest.parse_dump(out)
            want, got = go.goroutines.pop(panicking), ours.goroutines.pop(panicking, None)
            go.order.remove(panicking)
            if panicking in ours.order:
                ours.order.remove(panicking)
            tail = [difftest.frame_text(f) for f in want.frames]
            mine = [difftest.frame_text(f) for f in got.frames] if got else []
            if not got or got.header != want.header or mine[-len(tail):] != tail:
                errs.append("%s: the panicking goroutine %d:\n%s" % (
                    what, panicking, difftest.goroutine_diff(want, got) if got else "missing"))
            res = difftest.Result(version)
            difftest.compare_dumps(go, ours, res)
            errs += ["%s: %s" % (what, p) for p in res.problems] + res.diffs[:2]
            go.goroutines[panicking] = want
            go.order.insert(0, panicking)
        for cmd in ("summary", "threads", "finalizers", "timers", "maps", "info"):
            rc, out, err = gm(args, cmd, core, "--format", "json")
            if rc != 0 or err:
                errs.append("%s: exit %d: %s" % (cmd, rc, err.strip()[:300]))
                continue
            d = json.loads(out)
            if cmd == "info" and os.path.realpath(d["executable"]) != os.path.realpath(lib):
                errs.append("info: executable %r, want %s" % (d["executable"], lib))
            if cmd == "finalizers" and not any(f["function"] == "main.finalize" and f["count"] == 3
                                               for f in d["registered"]["by_function"]):
                errs.append("finalizers: %r, want the library's 3 main.finalize" % d["registered"])
            if cmd == "timers" and not any(g.get("function") == "main.afterHour" for g in d["groups"]):
                errs.append("timers: no main.afterHour among %r" % d["groups"])
            if cmd == "threads" and not args.strip:
                # the Go file has its symbol table: every frame in it is named
                # (cgo's crosscall1, where the runtime's threads start, is an
                # untyped assembly label)
                for t in d["threads"]:
                    for f in t["frames"]:
                        if not f["function"] and f["module"] and \
                                os.path.realpath(f["module"]) == os.path.realpath(lib):
                            errs.append("threads: thread %d: pc %s in %s has no name" % (
                                t["tid"], f["pc"], lib))
            if cmd == "threads":
                main = [t for t in d["threads"] if t["tid"] == pid]
                if not main or (main[0].get("m") or {}).get("lockedg") != panicking:
                    errs.append("threads: the host's main thread %d: %r, want locked to goroutine %d" % (
                        pid, main[:1], panicking))
    finally:
        if not os.environ.get("GM_KEEP"):  # keep the build and the core (debugging)
            shutil.rmtree(bdir, ignore_errors=True)
    return errs


def main():
    return testlib.version_driver(__doc__.split("\n")[0], test, "c-shared library found, dump equal to Go's")


if __name__ == "__main__":
    sys.exit(main())
