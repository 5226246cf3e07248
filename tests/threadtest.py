#!/usr/bin/env python3
"""Threads and native frames, end to end (issue 10): tests/progs/cgo, built
with cgo (CGO_ENABLED=1; a non-PIE executable linked by Go's internal
linker, or with --pie a position-independent one linked by the external
linker, gcc; --strip: -ldflags='-s -w'), calls from a goroutine into C, where gm_cgo_outer -> gm_cgo_middle
-> gm_cgo_inner blocks in read(2); and a thread that C code created with
pthread_create blocks in gm_cthread_outer -> gm_cthread_inner -> read(2).
The program records (truth.json) its pid, the goroutine's id, and the thread
ids of both C call chains (gettid in C).

From its core (GOTRACEBACK=crash, SIGQUIT) and from the running process
(--pid):
- `threads --format json`: the C thread is listed, without an M, and its
  native stack holds gm_cthread_inner then gm_cthread_outer, in order,
  adjacent; the thread of the cgo call has an M whose curg is the goroutine,
  marked incgo, and its stack holds gm_cgo_inner, gm_cgo_middle,
  gm_cgo_outer in order, adjacent; the main thread (tid = pid) runs m0;
  core only: every M Go's own crash dump names (1.22+: `m=N` in goroutine
  headers) runs on a thread, with the goroutine the dump shows as its curg.
- `goroutines --native --format json`: the goroutine's frames start with
  native frames holding the three C functions in order, then its Go frames,
  which are (core) exactly the functions Go's dump prints for it.
- `goroutines --native --format go`: the C frames are printed before
  runtime.cgocall as Go's printCgoTraceback does ("NAME\\n\\tpc=0x...").
--goarch arm64: built with aarch64-linux-gnu-gcc and run under qemu-user
(without QEMU_LD_PREFIX: the arm64 libc scripts/setup.sh installs is found
at its multiarch path; pointing the prefix at the cross toolchain's libc
mixes two glibc builds and hangs pthread_create), core only, without the
memory map check.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
from testlib import remove_stale_ready

CGO = ["gm_cgo_inner", "gm_cgo_middle", "gm_cgo_outer"]
CTHREAD = ["gm_cthread_inner", "gm_cthread_outer"]


def build(args, version, strip=False, pie=False):
    """tests/progs/cgo built with cgo: difftest's environment with CGO_ENABLED=1."""
    gobin = difftest.go_bin(args, version)
    bdir = tempfile.mkdtemp(prefix="threadtest-go%s-" % version, dir=os.path.join(args.work))
    src = os.path.join(bdir, "src")
    os.makedirs(src)
    shutil.copy(os.path.join(difftest.PROGS_DIR, "cgo", "main.go"), src)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write("module example.com/cgo\n\ngo %s\n" % version)
    exe = os.path.join(bdir, "cgo")
    env = difftest.go_env(args)
    env["CGO_ENABLED"] = "1"
    if args.goarch == "arm64":
        env["CC"] = "aarch64-linux-gnu-gcc"
    cmd = ([gobin, "build"] + (["-race"] if args.race else []) + (["-buildmode=pie", "-ldflags=-linkmode=external" + (" -s -w" if strip else "")]
                               if pie else (["-ldflags=-s -w"] if strip else [])) + ["-o", exe, "."])
    p = subprocess.run(cmd, cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=600)
    if p.returncode != 0:
        raise RuntimeError("go build failed: %s" % p.stdout.decode(errors="replace")[-2000:])
    with open(exe, "rb") as f:
        f.seek(16)
        etype = f.read(2)
    if etype != (b"\x03\x00" if pie else b"\x02\x00"):
        raise RuntimeError("the cgo build has ELF type %r, not %s" % (etype, "ET_DYN" if pie else "ET_EXEC"))
    if strip and (b".symtab" in subprocess.run(["readelf", "-SW", exe], capture_output=True).stdout):
        raise RuntimeError("the --strip build still has a .symtab")
    return bdir, exe


def func_symbols(exe):
    """(start, end, name) of the FUNC symbols of exe's .symtab, and the
    (address, size) of its .text."""
    out = subprocess.run(["readelf", "-sW", "-SW", exe], capture_output=True, text=True,
                         check=True).stdout
    syms, text = [], None
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 8 and f[3] == "FUNC" and f[6] != "UND":
            start, size = int(f[1], 16), int(f[2], 0)
            if start and size:
                syms.append((start, start + size, f[7].split("@")[0]))
        m = re.match(r"\s*\[\s*\d+\] \.text\s+PROGBITS\s+([0-9a-f]+) [0-9a-f]+ ([0-9a-f]+)", line)
        if m:
            text = (int(m.group(1), 16), int(m.group(2), 16))
    return syms, text


def twin_namer(args, version, exe):
    """--strip: C functions of a stripped executable have no names. The
    unstripped twin (same build without -s -w; its .text must be the same
    bytes at the same address) names the PCs gomortem unwound to, so the
    checks still test that the native unwinder found the right frames."""
    bdir, twin = build(args, version, strip=False, pie=args.pie)
    try:
        syms, text = func_symbols(twin)
        _, stext = func_symbols(exe)
        if text is None or stext != text:
            raise RuntimeError("the stripped build's .text %s differs from the unstripped one's %s" % (stext, text))
        if not syms:
            raise RuntimeError("the unstripped twin has no FUNC symbols")
    finally:
        shutil.rmtree(bdir, ignore_errors=True)

    def name(pc):
        for lo, hi, n in syms:
            if lo <= pc < hi:
                return n
        return None
    return name


def name_frames(doc, namer):
    """Fills in the names of nameless native frames (JSON docs of threads and
    goroutines --native), in place."""
    for key in ("threads", "goroutines"):
        for t in doc.get(key, []):
            for f in t.get("frames", []):
                if f.get("function") is None and f.get("pc"):
                    f["function"] = namer(int(str(f["pc"]), 0))
    return doc


def name_go_text(text, namer):
    def sub(m):
        n = namer(int(m.group(1), 16))
        return "%s\n\tpc=0x%s" % (n or "non-Go function", m.group(1))
    return re.sub(r"non-Go function\n\tpc=0x([0-9a-f]+)", sub, text)


UNVERIFIED = re.compile(r"^gomortem: warning: the core has no copy of the executable's headers: "
                        r"cannot verify that \S+ matches$")


def gm(args, *cmd, ok=(0,)):
    p = subprocess.run([args.gomortem] + list(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=args.gomortem_timeout)
    if args.goarch == "arm64" and p.returncode == 1:
        # qemu saves no byte of a file's read-only mappings and no NT_FILE:
        # gcc's single text segment of a cgo build holds the ELF header and
        # .gopclntab both, so nothing in the core can verify the executable
        # (docs/arm64.md); that warning, and only it, is the exit 1
        lines = p.stderr.decode(errors="replace").strip().splitlines()
        if len(lines) == 1 and UNVERIFIED.match(lines[0]):
            return p.stdout.decode(errors="replace")
    if p.returncode not in ok:
        raise AssertionError("gomortem %s: exit %d: %s" % (" ".join(cmd), p.returncode,
                                                           p.stderr.decode(errors="replace")[-600:]))
    return p.stdout.decode(errors="replace")


def chain_in_order(names, want):
    """want appears in names as an adjacent run, in order."""
    for i in range(len(names) - len(want) + 1):
        if names[i:i + len(want)] == want:
            return True
    return False


def check_threads(doc, truth, errs, dump=None, arm64=False):
    threads = {t["tid"]: t for t in doc["threads"]}
    ct = threads.get(truth["cthread_tid"])
    if ct is None:
        errs.append("the C thread %d is not listed (threads: %s)" % (truth["cthread_tid"], sorted(threads)))
    else:
        # The SIGQUIT of the core is process-directed: when the kernel gives it
        # to the C thread, the runtime's handler borrows an extra M for it
        # (needm: m.procid = the thread's id, m.curg its locked g in
        # _Gsyscall), so at dump time an M does run there. Anything else
        # makes it a non-Go thread.
        handling = any(f["unwound_by"] == "signal" for f in ct["frames"])
        if (ct["go"] or ct["m"] is not None) and not (handling and ct["m"] and not ct["m"]["incgo"]):
            errs.append("the C thread %d is listed as a Go thread: %s" % (ct["tid"], ct["m"]))
        names = [f["function"] for f in ct["frames"]]
        if not chain_in_order(names, CTHREAD):
            errs.append("C thread: %s not found in order in %s (stop: %s)" % (CTHREAD, names, ct["unwind_stop"]))
        elif arm64:
            # qemu's core names no file: libc comes from the dynamic
            # linker's list (r_debug / link_map); the C thread is in read(2),
            # the frame just inside gm_cthread_inner (when the SIGQUIT went
            # to this thread, the runtime's handler frames come before it)
            inner = ct["frames"][:names.index(CTHREAD[0])]
            if not inner or not (inner[-1].get("module") or "").endswith("/libc.so.6") or \
                    "read" not in (inner[-1]["function"] or ""):
                errs.append("C thread: the frame inside %s is not libc's read: %s" % (
                    CTHREAD[0], [(f["function"], f.get("module")) for f in inner]))
    gt = threads.get(truth["cgo_tid"])
    if gt is None:
        errs.append("the cgo call's thread %d is not listed" % truth["cgo_tid"])
    else:
        if not gt["go"] or gt["m"] is None:
            errs.append("the cgo call's thread %d has no M" % gt["tid"])
        else:
            if gt["m"]["curg"] != truth["cgo_goid"]:
                errs.append("cgo thread: m.curg %s, want goroutine %d" % (gt["m"]["curg"], truth["cgo_goid"]))
            if not gt["m"]["incgo"]:
                errs.append("cgo thread: m.incgo is false")
        names = [f["function"] for f in gt["frames"]]
        if not chain_in_order(names, CGO):
            errs.append("cgo thread: %s not found in order in %s (stop: %s)" % (CGO, names, gt["unwind_stop"]))
    main = threads.get(truth["pid"])
    if main is None or not main["go"] or main["m"]["id"] != 0:
        errs.append("the main thread (tid %d) does not run m0: %s" % (truth["pid"], main and main["m"]))
    if dump is not None:
        # Go's crash dump (1.22+): "goroutine N gp=0x... m=M mp=0x..." per M's goroutine
        by_m = {t["m"]["id"]: t for t in doc["threads"] if t["go"]}
        seen = 0
        for goid, mid in re.findall(r"^goroutine (\d+) gp=0x[0-9a-f]+ m=(\d+) mp=", dump, re.M):
            seen += 1
            goid, mid = int(goid), int(mid)
            t = by_m.get(mid)
            if t is None:
                errs.append("Go's dump names M %d, which runs on no thread gomortem lists" % mid)
            elif goid and t["m"]["curg"] != goid:
                errs.append("M %d: curg %s, Go's dump says goroutine %d" % (mid, t["m"]["curg"], goid))
        return seen
    return 0


def check_goroutine(gdoc, godump, truth, errs, dump_frames=None):
    g = [x for x in gdoc["goroutines"] if x["goid"] == truth["cgo_goid"]]
    if len(g) != 1:
        errs.append("goroutine %d not found in goroutines --native" % truth["cgo_goid"])
        return
    frames = g[0]["frames"]
    nat = 0
    while nat < len(frames) and frames[nat].get("native"):
        nat += 1
    names = [f["function"] for f in frames[:nat]]
    if not chain_in_order(names, CGO):
        errs.append("goroutine %d: native frames %s do not hold %s in order" % (truth["cgo_goid"], names, CGO))
    gofr = [f["function"] for f in frames[nat:]]
    if any(f.get("native") for f in frames[nat:]):
        errs.append("goroutine %d: native frames after Go frames" % truth["cgo_goid"])
    if not gofr or gofr[0] != "runtime.cgocall":
        errs.append("goroutine %d: the Go frames after the C frames start with %s, not runtime.cgocall"
                    % (truth["cgo_goid"], gofr[:1]))
    if dump_frames is not None and gofr != dump_frames:
        errs.append("goroutine %d: Go frames %s, Go's dump %s" % (truth["cgo_goid"], gofr, dump_frames))
    # --format go: "NAME\n\tpc=0x..." lines before runtime.cgocall
    m = re.search(r"^goroutine %d [^\n]*\n(.*?)(?:\n\n|\Z)" % truth["cgo_goid"], godump, re.S | re.M)
    if not m:
        errs.append("goroutine %d missing from --format go" % truth["cgo_goid"])
        return
    body = m.group(1)
    pos = [body.find("%s\n\tpc=0x" % n) for n in CGO] + [body.find("runtime.cgocall(")]
    if -1 in pos or pos != sorted(pos):
        errs.append("--format go: C frames not printed in order before runtime.cgocall:\n%s" % body[:800])


def dump_goroutine_frames(dump_text, goid):
    g = difftest.parse_dump(dump_text).goroutines.get(goid)
    return None if g is None else [f.func for f in g.frames]


def thread_stack_truth(pid):
    """The kernel's view, just before the SIGQUIT: for each thread blocked in
    a system call (/proc/PID/task/TID/syscall: "... sp pc"), the anonymous
    mapping of /proc/PID/maps holding its stack pointer (an idle M sleeps in
    futex on its g0 stack: with cgo its pthread stack); and the mappings
    shaped like glibc malloc's per-thread heaps (read-write, 64 MiB aligned,
    the rest of the 64 MiB a PROT_NONE mapping)."""
    maps = []
    for line in difftest.read_text("/proc/%d/maps" % pid).splitlines():
        f = line.split()
        a, b = (int(x, 16) for x in f[0].split("-"))
        maps.append((a, b, f[1], f[5] if len(f) > 5 else ""))
    stacks = set()
    for tid in os.listdir("/proc/%d/task" % pid):
        f = difftest.read_text("/proc/%d/task/%s/syscall" % (pid, tid)).split()
        if len(f) < 3 or f[0] == "running":
            continue
        sp = int(f[-2], 16)
        for a, b, perms, path in maps:
            if a <= sp < b and not path:
                stacks.add((sp, int(tid)))
    arenas = []
    for i, (a, b, perms, path) in enumerate(maps):
        if (not path and perms.startswith("rw") and a % (64 << 20) == 0 and i + 1 < len(maps) and
                maps[i + 1][0] == b and maps[i + 1][2].startswith("---") and
                maps[i + 1][1] == a + (64 << 20)):
            arenas.append((a, b))
    # ThreadSanitizer's shadow for Go on linux/amd64 (compiler-rt
    # tsan_platform.h, MappingGo48): 0x200000000000-0x21c000000000
    shadow = [(a, b) for a, b, perms, path in maps
              if not path and 0x200000000000 <= a and b <= 0x21c000000000]
    return {"stacks": sorted(stacks), "arenas": arenas, "shadow": shadow}


def check_maps(args, core, exe, before, errs):
    """gomortem maps on the core: every pthread stack an idle M sleeps on is
    thread_stack (or Go heap: without cgo g0 stacks are spans), every
    malloc-heap-shaped mapping is c_malloc; what is in use never exceeds
    what is mapped, and unaccounted_in_use <= unaccounted."""
    doc = json.loads(gm(args, "maps", core, "--exe", exe, "--format", "json"))
    def classes(a, b):
        return sorted(set(m["class"] for m in doc["mappings"]
                          if int(m["start"], 16) < b and int(m["end"], 16) > a))
    # the Ms' threads in the core: the C thread the program starts is no M
    # (its stack is thread_stack only when its mapping holds no g0 stack),
    # and a thread may have ended between the record and the SIGQUIT
    tdoc = json.loads(gm(args, "threads", core, "--exe", exe, "--format", "json"))
    ms = set(t["tid"] for t in tdoc["threads"] if t.get("go"))
    # the kernel merges neighbouring anonymous mappings: the class where the
    # stack pointer is, not the whole mapping's
    for sp, tid in before["stacks"]:
        c = classes(sp, sp + 1)
        if tid in ms and c not in (["thread_stack"], ["go_heap"]):
            errs.append("maps: the stack at 0x%x of M thread %d, blocked in a system call, is %s" % (sp, tid, c))
    for a, b in before["arenas"]:
        c = classes(a, b)
        if c == ["go_heap"]:
            continue  # a Go heap arena's first part has the same shape
        if c != ["c_malloc"]:
            errs.append("maps: the malloc heap 0x%x-0x%x is %s" % (a, b, c))
    for m in doc["mappings"]:
        if "in_use" in m and not 0 <= m["in_use"] <= m["size"]:
            errs.append("maps: %r in use beyond its size" % m)
    u, ui = doc["unaccounted"], doc["unaccounted_in_use"]
    if u is None or ui is None or not 0 <= ui <= min(u, doc["in_use"]["anonymous"]):
        errs.append("maps: unaccounted %r, in use %r" % (u, ui))
    if not any(tid in ms for sp, tid in before["stacks"]):
        errs.append("maps: no M's thread was blocked in a system call before the SIGQUIT")
    # -race: the kernel shows the shadow where tsan's Go mapping puts it,
    # gomortem calls it the race detector's, info says -race, and summary
    # raises no memory_outside_go for it
    info = json.loads(gm(args, "info", core, "--exe", exe, "--format", "json"))
    if info.get("race") is not args.race:
        errs.append("info: race %r" % info.get("race"))
    if args.race and not before["shadow"]:
        errs.append("-race: no mapping in tsan's shadow range before the SIGQUIT")
    # (only a -race build has one: without it, Go 1.26+'s randomized heap
    # base may put the heap's own arenas in that range)
    for a, b in before["shadow"] if args.race else []:
        c = classes(a, b)
        if c != ["race_detector"]:
            errs.append("maps: the race shadow 0x%x-0x%x is %s" % (a, b, c))
    if not args.race and doc["classes"].get("race_detector") != 0:
        errs.append("maps: race_detector %r without -race" % doc["classes"].get("race_detector"))
    sm = json.loads(gm(args, "summary", core, "--exe", exe, "--format", "json"))
    if any(f["code"] == "memory_outside_go" for f in sm["flags"]):
        errs.append("summary: memory_outside_go raised: %r" % sm["memory"])
    return len(before["stacks"]), len(before["arenas"])


def run_core(args, version, exe, work, errs):
    run = difftest.run_and_crash(exe, os.path.join(work, "run"), args.ready_timeout,
                                 before_quit=None if args.goarch == "arm64" else thread_stack_truth,
                                 goarch=args.goarch)
    with open(run["truth"]) as f:
        truth = json.load(f)
    dump = difftest.read_text(run["stderr"])
    core = run["core"]
    namer = twin_namer(args, version, exe) if args.strip else None
    doc = json.loads(gm(args, "threads", core, "--exe", exe, "--format", "json"))
    if namer:
        name_frames(doc, namer)
    seen = check_threads(doc, truth, errs, dump, arm64=args.goarch == "arm64")
    if int(version.split(".")[1]) >= 22 and seen == 0:
        errs.append("Go's dump names no M (m=N): the dump parser is out of date")
    gm(args, "threads", core, "--exe", exe, "--native")  # text renders without error
    gdoc = json.loads(gm(args, "goroutines", core, "--exe", exe, "--native", "--format", "json"))
    godump = gm(args, "goroutines", core, "--exe", exe, "--native", "--format", "go")
    gm(args, "goroutines", core, "--exe", exe, "--native")
    if namer:
        name_frames(gdoc, namer)
        godump = name_go_text(godump, namer)
    check_goroutine(gdoc, godump, truth, errs, dump_goroutine_frames(dump, truth["cgo_goid"]))
    if args.goarch != "arm64":  # qemu's guest core has no NT_FILE; /proc shows qemu, not the guest
        check_maps(args, core, exe, run["before"], errs)
    return namer


def check_default_budget(args, pid, errs):
    """Every live command has a default pause budget (docs/live.md): for
    this small program (a -race build's 16 MB of race runtime globals and
    its shadow mappings included) the copy fits in it: exit 0, nothing
    said about the budget, the answer consistent, the pause reported
    (GOMORTEM_PAUSE_REPORT) no longer than the budget, and every byte copied
    during the stop went to memory made ready before it (0 MB unprepared:
    the estimate counts the executable's writable segments; faulting in 16
    MB during the stop took over 200 ms on a loaded machine)."""
    env = dict(os.environ, GOMORTEM_PAUSE_REPORT="1")
    for cmd in (["threads"], ["summary"], ["goroutines"], ["info", "--format", "json"]):
        p = subprocess.run([args.gomortem] + cmd + ["--pid", pid], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=args.gomortem_timeout, env=env)
        err = p.stderr.decode(errors="replace")
        m = re.search(r"^gomortem: pause ([0-9.]+) ms, [0-9.]+ MB copied, budget ([0-9]+) ms( \(default\))?(, ran out)?, ([0-9.]+) MB unprepared$",
                      err, re.M)
        what = "live %s (default pause budget)" % cmd[0]
        if p.returncode != 0 or "pause budget" in err:
            errs.append("%s: exit %d: %s" % (what, p.returncode, err[-400:]))
        elif not m or not m.group(3) or m.group(4):
            errs.append("%s: no pause report with the default budget: %r" % (what, err[-400:]))
        elif float(m.group(1)) > int(m.group(2)) + 500:  # the stop itself is not cut short
            errs.append("%s: paused %s ms, budget %s ms" % (what, m.group(1), m.group(2)))
        elif float(m.group(5)) != 0:
            errs.append("%s: %s MB copied into memory faulted in during the stop" % (what, m.group(5)))
        if cmd[0] == "info" and p.returncode == 0:
            doc = json.loads(p.stdout)
            if doc.get("consistent") is not True or doc.get("live") is not True:
                errs.append("%s: consistent %r, live %r" % (what, doc.get("consistent"), doc.get("live")))


def run_live(args, exe, work, errs, namer=None):
    rundir = os.path.join(work, "live")
    os.makedirs(rundir, exist_ok=True)
    ready = os.path.join(rundir, "ready")
    remove_stale_ready(ready)
    proc = subprocess.Popen([exe, ready], cwd=rundir, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + args.ready_timeout
        while not os.path.exists(ready):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("live program not ready: %s" % proc.stderr.read()[-400:])
            time.sleep(0.02)
        with open(ready + ".truth.json") as f:
            truth = json.load(f)
        pid = str(proc.pid)
        doc = json.loads(gm(args, "threads", "--pid", pid, "--format", "json"))
        if namer:
            name_frames(doc, namer)
        check_threads(doc, truth, errs)
        if not doc["live"]:
            errs.append("live: threads JSON says live=false")
        gdoc = json.loads(gm(args, "goroutines", "--pid", pid, "--native", "--format", "json"))
        godump = gm(args, "goroutines", "--pid", pid, "--native", "--format", "go")
        if namer:
            name_frames(gdoc, namer)
            godump = name_go_text(godump, namer)
        check_goroutine(gdoc, godump, truth, errs)
        check_default_budget(args, pid, errs)
        if proc.poll() is not None:
            errs.append("live: the program died while gomortem read it")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()


def tag(args):
    return ("-arm64" if args.goarch == "arm64" else "") + ("-stripped" if args.strip else "") + ("-pie" if args.pie else "") + ("-race" if args.race else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--versions", required=True, help="e.g. 1.22")
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
    ap.add_argument("--ready-timeout", type=int, default=60)
    ap.add_argument("--gomortem-timeout", type=int, default=120)
    ap.add_argument("--no-live", action="store_true", help="core only")
    ap.add_argument("--race", action="store_true",
                    help="build with -race (issue 17 item 6): the same checks, plus the race "
                         "detector's shadow classified and no memory_outside_go false alarm")
    ap.add_argument("--strip", action="store_true",
                    help="build with -ldflags='-s -w' (no Go symbols, no DWARF: layout from gorts/)")
    ap.add_argument("--pie", action="store_true",
                    help="build with -buildmode=pie (external linker; docs/pie.md)")
    ap.add_argument("--goarch", default="amd64", choices=("amd64", "arm64"),
                    help="arm64: built with aarch64-linux-gnu-gcc, run under qemu-user, core only "
                         "(no ptrace), without the memory map check (no NT_FILE in qemu's core); "
                         "exit 77 when qemu-aarch64 is missing")
    args = ap.parse_args()
    if args.goarch == "arm64":
        if difftest.skip_without_qemu("arm64"):
            return 77
        args.no_live = True
    if args.strip and args.pie:
        ap.error("--strip names C frames by link-time address: not with --pie")
    args.trimpath = False
    os.makedirs(args.work, exist_ok=True)
    rc = 0
    for v in args.versions.split(","):
        if not os.path.exists(difftest.go_bin(args, v)):
            print("go%s: FAIL: no toolchain at %s" % (v, difftest.go_bin(args, v)))
            rc = 1
            continue
        errs = []
        t0 = time.monotonic()
        bdir = None
        try:
            bdir, exe = build(args, v, strip=args.strip, pie=args.pie)
            namer = run_core(args, v, exe, bdir, errs)
            if not args.no_live:
                run_live(args, exe, bdir, errs, namer)
        except (RuntimeError, AssertionError, ValueError, KeyError, TypeError) as e:
            errs.append("%s: %s" % (type(e).__name__, e))
        finally:
            if bdir:
                shutil.rmtree(bdir, ignore_errors=True)
        if errs:
            rc = 1
            print("go%s%s: FAIL (%d problems)" % (v, tag(args), len(errs)))
            for e in errs[:12]:
                print("  " + e)
        else:
            print("go%s%s: ok: C frames in order from the core%s (%.1fs)"
                  % (v, tag(args), "" if args.no_live else " and the live process", time.monotonic() - t0))
    return rc


if __name__ == "__main__":
    sys.exit(main())
