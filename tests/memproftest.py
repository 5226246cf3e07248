#!/usr/bin/env python3
"""The runtime's heap profile from a core (issue 15), end to end.

tests/progs/memprof samples allocations densely, allocates from known call
sites (plain, inlined, generic, closure), frees part of them, publishes a
profile cycle with runtime.GC(), allocates more afterwards (unpublished),
writes its own heap profile with pprof.WriteHeapProfile (READY.prof), and
dies of SIGQUIT under GOTRACEBACK=crash.

`gomortem heap CORE --profile -o P` must equal the program's own profile
sample by sample: the four values, the `bytes` label, and the stack (every
location's address and its lines: function, file, line, start line), the
period and sample types. Both profiles are decoded here (gzip + a minimal
profile.proto reader), so nothing depends on go tool pprof's formatting;
`go tool pprof -raw` must also read ours.

The only difference allowed: samples of ours the program's file lacks must
be all zero: buckets the program's own allocations created after
WriteHeapProfile read the buckets (the writer's, the ready file's), which
hold no published counts. Also checked: the text and JSON outputs name the
known sites; a core whose bucket list is damaged (a loop, a huge nstk)
gives a note and exit 1, never a crash; the same comparison on the running
program (--pid), after it wrote its profile. A run whose own profile has no
sample at one of the known sites (sampling is random) is done again, at
most three times.

--goarch arm64: the program built for arm64 and run under qemu-user; the
core's checks (the same profile, sample by sample: arm64's math.Exp is
another algorithm, exp_arm64.s, whose rounding the scaling must follow).

Usage: memproftest.py --gomortem BIN --versions 1.22 --work DIR [--strip] [--goarch arm64]
Last line: "N passed, M failed".
"""
import argparse
import gzip
import json
import os
import shutil
import struct
import subprocess
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
import testlib  # noqa: E402

results = []


def report(name, problems):
    results.append(not problems)
    print(("ok   " if not problems else "FAIL ") + name +
          ("" if not problems else ": " + "; ".join(problems[:12])))
    sys.stdout.flush()


# ---- a minimal profile.proto reader ----------------------------------------

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7f) << s
        s += 7
        if c < 0x80:
            return v, i


def fields(b):
    i = 0
    while i < len(b):
        k, i = varint(b, i)
        f, t = k >> 3, k & 7
        if t == 0:
            v, i = varint(b, i)
        elif t == 2:
            n, i = varint(b, i)
            v = b[i:i + n]
            i += n
        elif t == 1:
            v = b[i:i + 8]
            i += 8
        elif t == 5:
            v = b[i:i + 4]
            i += 4
        else:
            raise ValueError("wire type %d" % t)
        yield f, t, v


def ints(t, v):
    """repeated int64/uint64: packed or not"""
    if t == 0:
        return [v]
    out, i = [], 0
    while i < len(v):
        x, i = varint(v, i)
        out.append(x)
    return out


def s64(x):
    return x - (1 << 64) if x >= 1 << 63 else x


def decode(path):
    with open(path, "rb") as f:
        data = gzip.decompress(f.read())
    strs, samples, locs, funcs, stypes, maps = [], [], {}, {}, [], {}
    period = period_type = None
    for f, t, v in fields(data):
        if f == 6:
            strs.append(v.decode())
    for f, t, v in fields(data):
        if f == 1:
            d = {ff: vv for ff, _, vv in fields(v)}
            stypes.append((strs[d.get(1, 0)], strs[d.get(2, 0)]))
        elif f == 11:
            d = {ff: vv for ff, _, vv in fields(v)}
            period_type = (strs[d.get(1, 0)], strs[d.get(2, 0)])
        elif f == 12:
            period = s64(v)
        elif f == 2:
            s = {"locs": [], "values": [], "labels": []}
            for ff, tt, vv in fields(v):
                if ff == 1:
                    s["locs"] += ints(tt, vv)
                elif ff == 2:
                    s["values"] += [s64(x) for x in ints(tt, vv)]
                elif ff == 3:
                    d = {f3: v3 for f3, _, v3 in fields(vv)}
                    s["labels"].append((strs[d.get(1, 0)], strs[d.get(2, 0)], s64(d.get(3, 0))))
            samples.append(s)
        elif f == 4:
            loc = {"lines": []}
            for ff, tt, vv in fields(v):
                if ff == 1:
                    loc["id"] = vv
                elif ff == 3:
                    loc["addr"] = vv
                elif ff == 4:
                    d = {f3: v3 for f3, _, v3 in fields(vv)}
                    loc["lines"].append((d.get(1, 0), s64(d.get(2, 0))))
            locs[loc["id"]] = loc
        elif f == 5:
            d = {ff: vv for ff, _, vv in fields(v)}
            funcs[d[1]] = (strs[d.get(2, 0)], strs[d.get(4, 0)], s64(d.get(5, 0)))
        elif f == 3:
            d = {ff: vv for ff, _, vv in fields(v)}
            maps[d.get(1)] = (d.get(2, 0), d.get(3, 0), strs[d.get(5, 0)])
    out = []
    for s in samples:
        stack = []
        for lid in s["locs"]:
            loc = locs[lid]
            stack.append((loc["addr"], tuple(funcs[fid] + (line,) for fid, line in loc["lines"])))
        out.append((tuple(s["values"]), tuple(sorted(s["labels"])), tuple(stack)))
    return {"samples": out, "period": period, "period_type": period_type,
            "sample_types": stypes}


def fmt_sample(s):
    v, lab, st = s
    top = ["%s:%d" % (ln[0], ln[3]) for _, lines in st[:3] for ln in lines]
    return "%s %s [%s]" % (list(v), list(lab), " < ".join(top))


# ---- the checks ----------------------------------------------------------------

def compare(ours, theirs):
    probs = []
    for k in ("period", "period_type", "sample_types"):
        if ours[k] != theirs[k]:
            probs.append("%s %r, want %r" % (k, ours[k], theirs[k]))
    rest = list(ours["samples"])
    pos = {}
    for i, s in enumerate(rest):
        pos.setdefault(s, []).append(i)
    used = set()
    missing = []
    for s in theirs["samples"]:
        lst = pos.get(s)
        while lst and lst[0] in used:
            lst.pop(0)
        if lst:
            used.add(lst.pop(0))
        else:
            missing.append(s)
    extra = [s for i, s in enumerate(rest) if i not in used]
    for s in missing[:4]:
        probs.append("program's sample missing from ours: " + fmt_sample(s))
    bad_extra = [s for s in extra if any(s[0])]
    for s in bad_extra[:4]:
        probs.append("sample of ours with counts the program's profile lacks: " + fmt_sample(s))
    if len(missing) > 4 or len(bad_extra) > 4:
        probs.append("%d missing, %d extra with counts" % (len(missing), len(bad_extra)))
    return probs, len(theirs["samples"]), len(extra)


def run_gm(args, argv, timeout=120):
    return subprocess.run([args.gomortem] + argv, capture_output=True, text=True,
                          errors="replace", timeout=timeout)


SITES = ("main.allocNodes", "main.newBuf", "main.allocGeneric[", "main.main.func2")


def check(args, v, core, exe, prof, tmp):
    name = "go%s%s" % (v, " stripped" if args.strip else "")
    out = os.path.join(tmp, "ours.pb.gz")
    p = run_gm(args, ["heap", core, "--exe", exe, "--profile", "-o", out])
    if p.returncode != 0:
        return report(name + " heap --profile", ["exit %d: %s" % (p.returncode, p.stderr.strip()[-400:])])
    probs = []
    try:
        ours, theirs = decode(out), decode(prof)
    except (ValueError, KeyError, IndexError, OSError) as e:
        return report(name + " heap --profile", ["cannot decode: %s" % e])
    probs, n, extra = compare(ours, theirs)
    funcs = {ln[0] for s in theirs["samples"] for _, lines in s[2] for ln in lines}
    for site in SITES:
        if not any(f == site or site.endswith("[") and f.startswith(site) for f in funcs):
            probs.append("the program's own profile lacks %s (the scenario is broken; it has %s)"
                         % (site, sorted(f for f in funcs if f.startswith("main."))))
    go = difftest.go_bin(args, v)
    try:
        testlib.pprof_raw(go, out)
    except ValueError as e:
        probs.append("go tool pprof -raw cannot read ours: " + str(e)[-200:])
    report("%s heap --profile equals WriteHeapProfile: %d samples (+%d all-zero buckets made after it)"
           % (name, n, extra), probs)

    # text and JSON
    probs = []
    t = run_gm(args, ["heap", core, "--exe", exe, "--profile"])
    if t.returncode != 0 or "top allocation sites by in-use bytes" not in t.stdout:
        probs.append("text: exit %d %s" % (t.returncode, (t.stdout + t.stderr)[-300:]))
    elif "main.allocNodes" not in t.stdout:
        probs.append("text: main.allocNodes not among the top sites")
    j = run_gm(args, ["heap", core, "--exe", exe, "--profile", "--format", "json"])
    try:
        doc = json.loads(j.stdout)
        if doc["schema"] != "gomortem.heap_profile" or j.returncode != 0:
            probs.append("json: schema %r exit %d" % (doc.get("schema"), j.returncode))
        tot = [sum(s[0][k] for s in theirs["samples"]) for k in range(4)]
        got = [doc["total"][k] for k in ("alloc_objects", "alloc_space", "inuse_objects", "inuse_space")]
        if tot != got:
            probs.append("json totals %r, the program's profile %r" % (got, tot))
    except (ValueError, KeyError) as e:
        probs.append("json: %s" % e)
    sm = run_gm(args, ["summary", core, "--exe", exe, "--format", "json"])
    try:
        doc = json.loads(sm.stdout)
        hp = doc["heap_profile"]
        top = max(s[0][3] for s in theirs["samples"])
        if not hp["available"] or doc["metrics"]["heap.profile.inuse_bytes.top"] != top:
            probs.append("summary: heap_profile %r, top metric %r, want %d" % (
                hp.get("why"), doc["metrics"].get("heap.profile.inuse_bytes.top"), top))
        if hp.get("inuse_space") != sum(s[0][3] for s in theirs["samples"]):
            probs.append("summary: inuse_space %r" % hp.get("inuse_space"))
    except (ValueError, KeyError) as e:
        probs.append("summary json: %s" % e)
    report(name + " heap --profile text and json, summary", probs)


def damaged(args, v, core, exe, tmp):
    """Damage the bucket list: make the first bucket's allnext point to
    itself (a loop), then give it an absurd nstk."""
    j = run_gm(args, ["heap", core, "--exe", exe, "--profile", "--format", "json"])
    probs = []
    try:
        doc = json.loads(j.stdout)
        first = min(int(s["bucket"], 16) for s in doc["samples"])
    except (ValueError, KeyError):
        return report("go%s damaged buckets" % v, ["no JSON to start from"])
    data = bytearray(open(core, "rb").read())
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    fileoff = None
    for i in range(phnum):
        o = phoff + i * phentsize
        typ, = struct.unpack_from("<I", data, o)
        off, vaddr, _pa, filesz = struct.unpack_from("<QQQQ", data, o + 8)
        if typ == 1 and vaddr <= first < vaddr + filesz:
            fileoff = off + first - vaddr
    if fileoff is None:
        return report("go%s damaged buckets" % v, ["bucket 0x%x not in the core" % first])
    for what, patch in (("loop", lambda d: struct.pack_into("<Q", d, fileoff + 8, first)),
                        ("nstk", lambda d: struct.pack_into("<Q", d, fileoff + 40, 1 << 40))):
        d = bytearray(data)
        patch(d)
        bad = os.path.join(tmp, "bad.core")
        with open(bad, "wb") as f:
            f.write(d)
        try:
            p = run_gm(args, ["heap", bad, "--exe", exe, "--profile", "--format", "json"], timeout=60)
        except subprocess.TimeoutExpired:
            probs.append("%s: hangs" % what)
            continue
        if p.returncode != 1 or "partial results" not in p.stderr:
            probs.append("%s: exit %d, stderr %r" % (what, p.returncode, p.stderr.strip()[-200:]))
        os.remove(bad)
    report("go%s damaged bucket list: a note, exit 1" % v, probs)


def live(args, v, exe, tmp):
    """The same on the running program (--pid): read while it is stopped,
    after it wrote its own profile; it is killed afterwards."""
    import time
    os.makedirs(tmp, exist_ok=True)
    ready = os.path.join(tmp, "ready")
    for n in ("ready", "ready.prof"):
        if os.path.exists(os.path.join(tmp, n)):
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
        out = os.path.join(tmp, "live.pb.gz")
        p = run_gm(args, ["heap", "--pid", str(proc.pid), "--profile", "-o", out])
        if p.returncode != 0:
            probs.append("exit %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
        else:
            probs, n, extra = compare(decode(out), decode(ready + ".prof"))
    finally:
        proc.kill()
        proc.wait()
    report("go%s heap --pid --profile equals WriteHeapProfile" % v, probs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--strip", action="store_true")
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
    ap.add_argument("--goarch", default="amd64", choices=["amd64", "arm64"],
                    help="arm64: built for arm64, run under qemu-user (its math.Exp is "
                         "exp_arm64.s: the scaling must round as it does); core only")
    a = ap.parse_args()
    if difftest.skip_without_qemu(a.goarch):
        return 77
    args = types.SimpleNamespace(gomortem=os.path.abspath(a.gomortem), work=os.path.abspath(a.work),
                                 strip=a.strip, trimpath=False, goroot_pattern=a.goroot_pattern,
                                 goexperiment=None, pie=False, goarch=a.goarch)
    os.makedirs(os.path.join(args.work, "difftest"), exist_ok=True)
    for v in a.versions.split(","):
        exe, err = difftest.build(args, v, "memprof")
        if err:
            report("go%s build" % v, [err[-400:]])
            continue
        rundir = os.path.join(args.work, "memprof-go%s%s%s.%d" % (v, "-s" if a.strip else "",
                                                                  "-" + a.goarch, os.getpid()))
        # The scenario must have sampled every known site: sampling is
        # random, and a rare run has none at a site (seen on 1.19 and 1.22,
        # in the program's own profile as in ours): run it again, at most
        # three times in all.
        run = prof = None
        for attempt in range(3):
            try:
                run = difftest.run_and_crash(exe, rundir, 120, goarch=a.goarch)
            except RuntimeError as e:
                report("go%s run" % v, [str(e)])
                run = None
                break
            prof = os.path.join(rundir, "ready.prof")
            if not os.path.exists(prof):
                report("go%s run" % v, ["the program wrote no profile"])
                run = None
                break
            funcs = {ln[0] for s in decode(prof)["samples"] for _, lines in s[2] for ln in lines}
            if all(any(f == site or site.endswith("[") and f.startswith(site) for f in funcs)
                   for site in SITES):
                break
            print("note go%s: run %d of the scenario sampled no allocation at some known site; again"
                  % (v, attempt + 1))
        if run is None:
            continue
        if os.environ.get("MEMPROF_KEEP"):
            shutil.copy(exe, os.path.join(rundir, "exe"))
        check(args, v, run["core"], exe, prof, rundir)
        if not a.strip:
            damaged(args, v, run["core"], exe, rundir)
        if not a.strip and a.goarch == "amd64":
            live(args, v, exe, rundir + "-live")
            shutil.rmtree(rundir + "-live", ignore_errors=True)
        if not os.environ.get("MEMPROF_KEEP"):
            shutil.rmtree(rundir, ignore_errors=True)
    print("%d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) and results else 1


if __name__ == "__main__":
    sys.exit(main())
