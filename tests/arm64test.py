#!/usr/bin/env python3
"""gomortem on linux/arm64 cores (issue 18), beyond the goroutine
differential test (difftest.py --goarch arm64).

tests/progs/scenarios built with GOARCH=arm64 runs under qemu-user and is
crashed with GOTRACEBACK=crash + SIGQUIT; qemu writes the guest's core. Per
Go version:

- the target layer against the core file itself: `info --format json` says
  goarch arm64, the executable matches, and lists the threads of the core's
  NT_PRSTATUS notes (read here, independently) with their pc and sp
  (user_pt_regs: x0..x30, sp, pc, pstate);
- native unwinding of arm64 threads (`threads --format json`): every thread
  of an M the runtime's dump shows ("goroutine 0 gp=... m=N [idle]:", the
  M's g0 stack when the SIGQUIT interrupted it; Go 1.22+) unwinds through
  the signal frame into the same functions, in the same order;
- `summary --format json`: the goroutine total of the runtime's dump;
- the stripped path against the DWARF one on the same core: the executable
  with its symbol table and DWARF removed (aarch64-linux-gnu-objcopy
  --strip-all keeps every address) gives the same goroutines (Go's format),
  summary, finalizers, heap, timers, maps and types as the original (the
  layout from the arm64 gorts tables, the globals from ADRP pairs);
- mixed-up inputs: the arm64 core with the amd64 build of the same program,
  and an amd64 core (corpus/) with the arm64 executable: one line on
  stderr naming both architectures, exit 2.

Usage: arm64test.py --gomortem BIN --versions 1.22,1.27 --work DIR
Exit 77 (skipped) when qemu-aarch64 is not installed.
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
import testlib  # noqa: E402

R = testlib.Reporter()
report = R.report


def gm(args, argv, timeout=300):
    return subprocess.run([args.gomortem] + argv, capture_output=True, text=True,
                          errors="replace", timeout=timeout)


def prstatus_threads(core):
    """(tid, pc, sp) of each NT_PRSTATUS note of an AArch64 core, in order."""
    with open(core, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or struct.unpack_from("<H", data, 18)[0] != 183:
        raise ValueError("not an AArch64 ELF core")
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    out = []
    for i in range(phnum):
        o = phoff + i * phentsize
        typ, = struct.unpack_from("<I", data, o)
        if typ != 4:
            continue
        off, = struct.unpack_from("<Q", data, o + 8)
        size, = struct.unpack_from("<Q", data, o + 32)
        p, end = off, off + size
        while p + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", data, p)
            desc = p + 12 + ((namesz + 3) & ~3)
            if ntype == 1 and data[p + 12:p + 12 + 4] == b"CORE" and descsz >= 112 + 34 * 8:
                tid, = struct.unpack_from("<i", data, desc + 32)
                regs = struct.unpack_from("<34Q", data, desc + 112)
                out.append((tid, regs[32], regs[31]))
            p = desc + ((descsz + 3) & ~3)
    return out


def g0_stacks(stderr_text):
    """{m id: [function names]} of the runtime's "goroutine 0 gp=... m=N"
    blocks (physical frames only: inlined ones print "(...)")."""
    out = {}
    for block in stderr_text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        m = re.match(r"^goroutine 0 gp=0x[0-9a-f]+ m=(\d+) ", lines[0])
        if not m:
            continue
        funcs = []
        for ln in lines[1:]:
            if ln.startswith("\t") or not ln.endswith(")"):
                continue
            name, _, rest = ln.partition("(")
            if rest == "...)":
                continue
            funcs.append(name)
        out.setdefault(int(m.group(1)), funcs)
    return out


STRIP_CMDS = [
    ["goroutines", "--format", "go"],
    ["summary", "--format", "json"],
    ["finalizers", "--format", "json"],
    ["heap", "--format", "json"],
    ["timers", "--format", "json"],
    ["maps", "--format", "json"],
    ["types", "--format", "json"],
]
# what legitimately differs between the two executables of one core; and
# heap_profile: scenarios never reads its heap profile, so the linker drops
# runtime.MemProfile, the one function that locates mbuckets/mProfCycle in
# a stripped binary (amd64 alike): only the DWARF build names them; the
# summary's diff snapshot says the same in its heap.sites category
VOLATILE = ("executable", "layout_source", "layout_warnings", "dwarf", "symtab", "binary",
            "heap_profile", "heap.sites")


def normalize(text, exe):
    try:
        obj = json.loads(text)
    except ValueError:
        return text.replace(exe, "EXE")

    def clean(o):
        if isinstance(o, dict):
            return {k: clean(v) for k, v in o.items() if k not in VOLATILE}
        if isinstance(o, list):
            return [clean(v) for v in o]
        if isinstance(o, str):
            return o.replace(exe, "EXE")
        return o
    return json.dumps(clean(obj), indent=1, sort_keys=True)


def first_diff(a, b):
    al, bl = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(al, bl)):
        if x != y:
            return "line %d: %r vs %r" % (i + 1, x[:120], y[:120])
    return "lengths %d vs %d lines" % (len(al), len(bl))


def test_version(args, v):
    out = os.path.join(args.work, "arm64test", "go" + v)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    err = difftest.produce_prog(args.work, v, "scenarios", out, goarch="arm64")
    if err:
        report("go%s produce" % v, ["could not make the arm64 core: " + err])
        return
    core, exe = os.path.join(out, "core"), os.path.join(out, "exe")
    with open(os.path.join(out, "stderr.txt"), errors="replace") as f:
        stderr_text = f.read()
    go = difftest.parse_dump(stderr_text)

    # the target layer against the file
    probs = []
    p = gm(args, ["info", core, "--exe", exe, "--format", "json"])
    if p.returncode != 0:
        probs.append("info exited %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
    else:
        info = json.loads(p.stdout)
        if info.get("goarch") != "arm64":
            probs.append("goarch %r" % info.get("goarch"))
        if info.get("executable_check") != "match":
            probs.append("executable_check %r" % info.get("executable_check"))
        want = prstatus_threads(core)
        got = [(t["tid"], int(t.get("pc", "0"), 16), int(t.get("sp", "0"), 16))
               for t in info.get("threads", [])]
        if not want:
            probs.append("no NT_PRSTATUS in the core")
        if got != want:
            probs.append("threads %s, NT_PRSTATUS says %s" % (got[:3], want[:3]))
    report("go%s info: arm64, threads and registers of NT_PRSTATUS" % v, probs)

    # native unwinding against the runtime's g0 stacks
    probs = []
    g0 = g0_stacks(stderr_text)
    p = gm(args, ["threads", core, "--exe", exe, "--format", "json"])
    if p.returncode != 0:
        probs.append("threads exited %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
    else:
        ths = json.loads(p.stdout)["threads"]
        compared = 0
        for t in ths:
            mid = (t.get("m") or {}).get("id")
            if mid is None or mid not in g0:
                continue
            frames = t.get("frames") or []
            sig = [i for i, f in enumerate(frames) if f.get("unwound_by") == "signal"]
            if not sig:
                probs.append("thread %d (m%d): no signal frame in %s" % (
                    t["tid"], mid, [f.get("function") for f in frames][:6]))
                continue
            # the innermost signal frame: the crashing thread is in the
            # SIGABRT's handler too, the others only in the SIGQUIT's
            names = [f.get("function") for f in frames[sig[-1]:]]
            if names != g0[mid]:
                probs.append("thread %d (m%d): %s, the runtime printed %s" % (
                    t["tid"], mid, names[:8], g0[mid][:8]))
            compared += 1
        if int(v.split(".")[1]) >= 22 and compared == 0:
            probs.append("no thread compared (Go's dump has g0 stacks of m %s)" % sorted(g0))
    report("go%s threads: native arm64 frames = the runtime's g0 stacks" % v, probs)

    # summary
    probs = []
    p = gm(args, ["summary", core, "--exe", exe, "--format", "json"])
    if p.returncode != 0:
        probs.append("summary exited %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
    else:
        s = json.loads(p.stdout)
        total = (s.get("goroutines") or {}).get("total")
        if total != len(go.order):
            probs.append("summary goroutines %r, the runtime's dump %d" % (total, len(go.order)))
    report("go%s summary: goroutine total of the runtime's dump" % v, probs)

    # stripped vs DWARF on the same core
    probs = []
    objcopy = shutil.which("aarch64-linux-gnu-objcopy")
    if not objcopy:
        probs.append("aarch64-linux-gnu-objcopy is not installed (scripts/setup.sh installs it)")
    else:
        sexe = exe + ".stripped"
        subprocess.run([objcopy, "--strip-all", exe, sexe], check=True)
        for cmd in STRIP_CMDS:
            a = gm(args, [cmd[0], core, "--exe", exe] + cmd[1:])
            b = gm(args, [cmd[0], core, "--exe", sexe] + cmd[1:])
            if a.returncode != 0 or b.returncode != 0:
                probs.append("%s exited %d (DWARF) / %d (stripped): %s" % (
                    cmd[0], a.returncode, b.returncode, (b.stderr or a.stderr).strip()[-300:]))
                continue
            na, nb = normalize(a.stdout, exe), normalize(b.stdout, sexe)
            if na != nb:
                probs.append("%s differs: %s" % (cmd[0], first_diff(na, nb)))
        ip = gm(args, ["info", core, "--exe", sexe, "--format", "json"])
        if ip.returncode == 0:
            info = json.loads(ip.stdout)
            if info.get("dwarf") or info.get("symtab") or info.get("layout_warnings"):
                probs.append("the stripped copy: dwarf %s symtab %s, warnings %s" % (
                    info.get("dwarf"), info.get("symtab"), info.get("layout_warnings")))
    report("go%s stripped = DWARF on the same core (%s)" % (v, ", ".join(c[0] for c in STRIP_CMDS)),
           probs)

    # mixed-up inputs
    probs = []
    ba = argparse.Namespace(**vars(args))
    ba.goarch = "amd64"
    ba.strip = ba.pie = False
    ba.trimpath = False
    ba.goexperiment = None
    amd64_exe, berr = difftest.build(ba, v, "scenarios")
    cases = []
    if berr:
        probs.append("amd64 build failed: " + berr[-200:])
    else:
        cases.append(("arm64 core, amd64 executable", core, amd64_exe))
    corpus = os.path.join(difftest.REPO_DIR, "corpus", "go1.22-scenarios", "core.zst")
    if os.path.exists(corpus):
        cases.append(("amd64 core, arm64 executable", corpus, exe))
    for what, c, e in cases:
        for cmd in (["goroutines"], ["summary"], ["info"]):
            p = gm(args, cmd + [c, "--exe", e])
            lines = [ln for ln in p.stderr.split("\n") if ln.strip()]
            if p.returncode != 2 or len(lines) != 1 or "linux/arm64" not in lines[0] or \
                    "linux/amd64" not in lines[0] or p.stdout.strip():
                probs.append("%s, %s: exit %d, stdout %d bytes, stderr %r" % (
                    what, cmd[0], p.returncode, len(p.stdout), lines[:3]))
    report("go%s mixed-up inputs: one line, exit 2" % v, probs)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--versions", default="1.22")
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
    args = ap.parse_args()
    args.gomortem = os.path.abspath(args.gomortem)
    args.work = os.path.abspath(args.work)
    try:
        difftest.qemu_for("arm64")
    except RuntimeError as e:
        print("arm64test: SKIP: %s" % e)
        return 77
    os.makedirs(os.path.join(args.work, "difftest"), exist_ok=True)
    for v in args.versions.split(","):
        test_version(args, v.strip())
    R.summary()
    return R.exit_code()


if __name__ == "__main__":
    sys.exit(main())
