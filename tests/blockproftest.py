#!/usr/bin/env python3
"""The runtime's block and mutex profiles from a core (issue 15), end to end.

tests/progs/blockprof records every blocking event and every mutex
contention (SetBlockProfileRate(1), SetMutexProfileFraction(1)), blocks on
channels and contends on a mutex at known call sites (plain and inlined),
waits until all its goroutines are done, writes its own profiles with
pprof.Lookup("block"|"mutex").WriteTo(w, 0) (READY.block, READY.mutex), and
dies of SIGQUIT under GOTRACEBACK=crash.

`gomortem profile block|mutex CORE -o P` must equal the program's own
profile sample by sample: both values (contentions, delay in nanoseconds),
and the stack (every location's address and its lines: function, file,
line, start line), the period and sample types (decoded here, as
memproftest.py does; `go tool pprof -raw` must read ours too, and its
-raw text of ours and of the program's must list the same samples). No
extra sample is allowed: the program is quiescent when it writes; only the
runtime's own lock waits (the one frame runtime._LostContendedRuntimeLock)
are left out of the mutex comparison, since the crash itself can add some
after the program wrote its profile. Also:
the text output names the known sites; `profile heap` is `heap --profile`;
a core whose block bucket list is damaged (a loop, a huge nstk, PCs outside
the text) gives a note and exit 1, never a crash; the same comparison on
the running program (--pid), after it wrote its profiles.

Usage: blockproftest.py --gomortem BIN --versions 1.22 --work DIR [--strip]
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
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
import memproftest  # noqa: E402
import testlib  # noqa: E402

results = []

SITES = {"block": ("main.chanRecv", "main.recvOne", "main.selectWait", "main.contend"),
         "mutex": ("main.holdLock", "main.bump")}


def report(name, problems):
    results.append(not problems)
    print(("ok   " if not problems else "FAIL ") + name +
          ("" if not problems else ": " + "; ".join(problems[:12])))
    sys.stdout.flush()


def run_gm(args, argv, timeout=120):
    return subprocess.run([args.gomortem] + argv, capture_output=True, text=True,
                          errors="replace", timeout=timeout)


def raw_samples(go, path):
    """go tool pprof -raw: each sample's two values and its stack of
    location ids mapped to their frames ("FUNC FILE:LINE" for the first,
    the inlined callers' lines after it), sorted."""
    try:
        raw = testlib.pprof_raw(go, path)
    except ValueError as e:
        return None, str(e)[-200:]
    locs = {i: [" ".join(f[0].split()[:2])] + f[1:] for i, f in raw.locations.items()}
    return sorted((v[0], v[1], tuple(tuple(locs.get(i, [str(i)])) for i in ids))
                  for v, ids in raw.samples if len(v) == 2), None


RUNTIME_LOCK = "runtime._LostContendedRuntimeLock"


def is_runtime_lock(stack_funcs):
    return bool(stack_funcs) and all(f == RUNTIME_LOCK for f in stack_funcs)


def drop_runtime_lock(doc):
    """The decoded profile without its runtime-lock samples (a copy)."""
    d = dict(doc)
    d["samples"] = [x for x in doc["samples"]
                    if not is_runtime_lock([ln[0] for _, lines in x[2] for ln in lines])]
    d["runtime_lock"] = sum(x[0][0] for x in doc["samples"]) - sum(x[0][0] for x in d["samples"])
    return d


def check(args, v, name, what, core, exe, prof, tmp):
    out = os.path.join(tmp, "ours.%s.pb.gz" % what)
    argv = ["profile", what, core, "-o", out] if core else None
    p = run_gm(args, argv + ["--exe", exe])
    if p.returncode != 0:
        return report("%s profile %s" % (name, what),
                      ["exit %d: %s" % (p.returncode, p.stderr.strip()[-400:])])
    try:
        ours, theirs = memproftest.decode(out), memproftest.decode(prof)
    except (ValueError, KeyError, IndexError, OSError) as e:
        return report("%s profile %s" % (name, what), ["cannot decode: %s" % e])
    if what == "mutex":
        # The runtime's own lock waits are recorded with the one frame
        # runtime._LostContendedRuntimeLock (Go 1.22+), whenever they
        # happen: the crash itself (SIGQUIT, every thread stopping) can add
        # some after the program wrote its profile (seen in CI on 1.23:
        # one contention more in ours). They are left out on both sides;
        # every other sample must be equal.
        ours, theirs = drop_runtime_lock(ours), drop_runtime_lock(theirs)
    probs, n, extra = memproftest.compare(ours, theirs)
    if extra:
        probs.append("%d samples of ours the program's profile lacks" % extra)
    funcs = {ln[0] for s in theirs["samples"] for _, lines in s[2] for ln in lines}
    for site in SITES[what]:
        if site not in funcs:
            probs.append("the program's own profile lacks %s (the scenario is broken; it has %s)"
                         % (site, sorted(f for f in funcs if f.startswith("main."))))
    go = difftest.go_bin(args, v)
    r1, e1 = raw_samples(go, out)
    r2, e2 = raw_samples(go, prof)
    if what == "mutex" and r1 is not None and r2 is not None:
        r1 = [x for x in r1 if not is_runtime_lock([fr[0].split()[0] for fr in x[2]])]
        r2 = [x for x in r2 if not is_runtime_lock([fr[0].split()[0] for fr in x[2]])]
    if r1 is None:
        probs.append("go tool pprof -raw cannot read ours: " + e1)
    elif r2 is None:
        probs.append("go tool pprof -raw cannot read the program's: " + e2)
    elif len(r2) != len(theirs["samples"]):
        probs.append("go tool pprof -raw: %d samples parsed of the program's %d"
                     % (len(r2), len(theirs["samples"])))
    elif r1 != r2:
        probs.append("go tool pprof -raw differs: %d samples of ours, %d of the program's; first "
                     "differing: %r / %r" % (len(r1), len(r2),
                                             next((a for a in r1 if a not in r2), None),
                                             next((b for b in r2 if b not in r1), None)))
    report("%s profile %s equals pprof.Lookup(%r).WriteTo: %d samples" % (name, what, what, n),
           probs)

    probs = []
    t = run_gm(args, ["profile", what, core, "--exe", exe])
    if t.returncode != 0 or "top sites by delay" not in t.stdout:
        probs.append("text: exit %d %s" % (t.returncode, (t.stdout + t.stderr)[-300:]))
    else:
        for site in SITES[what]:
            if site not in t.stdout:
                probs.append("text: %s not among the top sites" % site)
        # the program's total, the runtime's lock waits counted as ours has them
        tot = sum(s[0][0] for s in theirs["samples"]) + ours.get("runtime_lock", 0)
        if ("%s: %d," % ("contentions" if what == "mutex" else "blocking events", tot)) not in t.stdout:
            probs.append("text: total %d not given: %s" % (tot, t.stdout[:300]))
    report("%s profile %s text" % (name, what), probs)


def heap_same(args, name, core, exe, tmp):
    """profile heap is heap --profile: same output, same exit code."""
    a = run_gm(args, ["heap", core, "--exe", exe, "--profile"])
    b = run_gm(args, ["profile", "heap", core, "--exe", exe])
    probs = []
    if (a.returncode, a.stdout, a.stderr) != (b.returncode, b.stdout, b.stderr):
        probs.append("differs: heap --profile exit %d %r, profile heap exit %d %r" % (
            a.returncode, (a.stdout + a.stderr)[-200:], b.returncode, (b.stdout + b.stderr)[-200:]))
    if a.returncode != 1 or "no heap profile" not in a.stderr:
        # the scenario never reads its heap profile: the linker may have
        # disabled it, or it has samples; either is fine if both agree
        pass
    report("%s profile heap is heap --profile (exit %d)" % (name, a.returncode), probs)


def file_offset(data, addr):
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        o = phoff + i * phentsize
        typ, = struct.unpack_from("<I", data, o)
        off, vaddr, _pa, filesz = struct.unpack_from("<QQQQ", data, o + 8)
        if typ == 1 and vaddr <= addr < vaddr + filesz:
            return off + addr - vaddr
    return None


def damaged(args, v, core, exe, tmp):
    """Damage the block bucket list: the head bucket's allnext points to
    itself (a loop), an absurd nstk, PCs outside the text."""
    probs = []
    # the head: runtime.bbuckets, from the symbol table
    nm = subprocess.run(["nm", exe], capture_output=True, text=True).stdout
    m = re.search(r"^([0-9a-f]+) \w runtime\.bbuckets$", nm, re.M)
    if not m:
        return report("go%s damaged block buckets" % v, ["runtime.bbuckets not in nm"])
    data = bytearray(open(core, "rb").read())
    hoff = file_offset(data, int(m.group(1), 16))
    first, = struct.unpack_from("<Q", data, hoff)
    fileoff = file_offset(data, first) if first else None
    if fileoff is None:
        return report("go%s damaged block buckets" % v, ["bucket 0x%x not in the core" % first])
    nstk, = struct.unpack_from("<Q", data, fileoff + 40)
    cases = (("loop", lambda d: struct.pack_into("<Q", d, fileoff + 8, first)),
             ("nstk", lambda d: struct.pack_into("<Q", d, fileoff + 40, 1 << 40)),
             ("PCs outside the text", lambda d: [struct.pack_into("<Q", d, fileoff + 48 + 8 * k,
                                                                  0xdead0000 + k)
                                                 for k in range(nstk)]))
    for what, patch in cases:
        d = bytearray(data)
        patch(d)
        bad = os.path.join(tmp, "bad.core")
        with open(bad, "wb") as f:
            f.write(d)
        for fmt in ("text", "pprof"):
            try:
                argv = ["profile", "block", bad, "--exe", exe, "--format", fmt]
                if fmt == "pprof":
                    argv += ["-o", os.path.join(tmp, "bad.pb.gz")]
                p = run_gm(args, argv, timeout=60)
            except subprocess.TimeoutExpired:
                probs.append("%s: hangs" % what)
                continue
            if what == "PCs outside the text":
                # the runtime's own pprof writes such PCs as unsymbolized
                # locations: a profile, exit 0 (nothing unreadable)
                if p.returncode not in (0, 1) or "Sanitizer" in p.stderr:
                    probs.append("%s %s: exit %d %r" % (what, fmt, p.returncode, p.stderr[-200:]))
            elif p.returncode != 1 or "partial results" not in p.stderr:
                probs.append("%s %s: exit %d, stderr %r" % (what, fmt, p.returncode,
                                                            p.stderr.strip()[-200:]))
        os.remove(bad)
    report("go%s damaged block bucket list: a note, exit 1" % v, probs)


def live(args, v, exe, tmp):
    """The same on the running program (--pid), after it wrote its profiles."""
    os.makedirs(tmp, exist_ok=True)
    ready = os.path.join(tmp, "ready")
    for n in os.listdir(tmp):
        if n.startswith("ready"):
            os.remove(os.path.join(tmp, n))
    env = dict(os.environ)
    for k in ("GODEBUG", "GOMAXPROCS", "GOMEMLIMIT", "GOGC", "GOTRACEBACK"):
        env.pop(k, None)
    proc = subprocess.Popen([exe, ready], cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probs = []
    try:
        deadline = time.monotonic() + 120
        while not os.path.exists(ready) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)
        for what in ("block", "mutex"):
            out = os.path.join(tmp, "live.%s.pb.gz" % what)
            p = run_gm(args, ["profile", what, "--pid", str(proc.pid), "-o", out])
            if p.returncode != 0:
                probs.append("%s: exit %d: %s" % (what, p.returncode, p.stderr.strip()[-300:]))
            else:
                pr, n, extra = memproftest.compare(memproftest.decode(out),
                                                   memproftest.decode(ready + "." + what))
                probs += ["%s: %s" % (what, x) for x in pr]
                if extra:
                    probs.append("%s: %d extra samples" % (what, extra))
    finally:
        proc.kill()
        proc.wait()
    report("go%s profile block|mutex --pid equal the program's" % v, probs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--strip", action="store_true")
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
    a = ap.parse_args()
    args = types.SimpleNamespace(gomortem=os.path.abspath(a.gomortem), work=os.path.abspath(a.work),
                                 strip=a.strip, trimpath=False, goroot_pattern=a.goroot_pattern,
                                 goexperiment=None, pie=False)
    os.makedirs(os.path.join(args.work, "difftest"), exist_ok=True)
    for v in a.versions.split(","):
        name = "go%s%s" % (v, " stripped" if a.strip else "")
        exe, err = difftest.build(args, v, "blockprof")
        if err:
            report("go%s build" % v, [err[-400:]])
            continue
        rundir = os.path.join(args.work, "blockprof-go%s%s.%d" % (v, "-s" if a.strip else "",
                                                                 os.getpid()))
        try:
            run = difftest.run_and_crash(exe, rundir, 120)
        except RuntimeError as e:
            report("go%s run" % v, [str(e)])
            continue
        ready = os.path.join(rundir, "ready")
        for what in ("block", "mutex"):
            if not os.path.exists(ready + "." + what):
                report("%s run" % name, ["the program wrote no %s profile" % what])
                continue
            check(args, v, name, what, run["core"], exe, ready + "." + what, rundir)
        heap_same(args, name, run["core"], exe, rundir)
        if not a.strip:
            damaged(args, v, run["core"], exe, rundir)
            live(args, v, exe, rundir + "-live")
            shutil.rmtree(rundir + "-live", ignore_errors=True)
        if not os.environ.get("BLOCKPROF_KEEP"):
            shutil.rmtree(rundir, ignore_errors=True)
    print("%d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) and results else 1


if __name__ == "__main__":
    sys.exit(main())
