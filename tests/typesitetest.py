#!/usr/bin/env python3
"""Type x allocation site (issue 16): gomortem heap --by-type joins the heap
profile's sampled objects (their specialprofile specials) with their types.

tests/progs/typesite, with MemProfileRate=1, allocates main.rec (> 512 B: a
malloc header on Go 1.22+) from main.allocRecA and main.allocRecB, main.huge
(large: mspan.largeType) from main.allocHuge, noscan byte buffers from
main.allocBuf, drops some main.rec of main.allocRecA, runs runtime.GC()
and writes which type came from which function and how many are live.

Checked on the core (DWARF or --strip), per (type, site) pair of the
truth: exactly one row of the histogram has the site, with `sampled` equal
to the live count; on Go 1.22+ that row is the type (header / largeType),
on 1.19 and 1.21 (no record) the type the traversal from DWARF's typed
globals carried to it, or stripped the untyped row of the object's size
class (scan for the structs, class 0 for main.huge); the buffers are
untyped noscan or, when the traversal reaches them, `uint8` elements;
with MemProfileRate 1 the estimate equals the count (scaleHeapSample does
not scale); the text shows the sites.

Usage: typesitetest.py --gomortem BIN --versions 1.22 --work DIR [--strip]
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
import testlib  # noqa: E402
from testlib import Reporter  # noqa: E402

R = Reporter()


def minor(v):
    return int(v.split(".")[1])


def check(v, doc, truth, probs, strip):
    prof = doc.get("profile") or {}
    if prof.get("joined") is not True or prof.get("rate") != truth["rate"]:
        probs.append("profile %r" % prof)
    m = minor(v)
    for pr in truth["pairs"]:
        rows = [(r, s) for r in doc["rows"] for s in r["sites"] if s["function"] == pr["site"]]
        if len(rows) != 1:
            probs.append("%s: in %d rows: %r" % (pr["site"], len(rows),
                                                 [(r["name"], r["size_class"], s["sampled"])
                                                  for r, s in rows]))
            continue
        r, s = rows[0]
        if s["sampled"] != pr["live"]:
            probs.append("%s: %d sampled, %d live" % (pr["site"], s["sampled"], pr["live"]))
        if s["inuse_objects"] != s["sampled"]:
            probs.append("%s: estimate %d objects for %d samples at rate 1" % (
                pr["site"], s["inuse_objects"], s["sampled"]))
        if not s["file"].endswith("main.go") or s["line"] <= 0:
            probs.append("%s: at %s:%d" % (pr["site"], s["file"], s["line"]))
        if pr.get("noscan"):
            # untyped (noscan, small), or typed by the traversal as the
            # []byte's elements when a typed object or global reaches it
            got = (r["source"], r["view"], r["name"], r["scan"])
            if not ((got == ("untyped", None, None, False) and r["size_class"] not in (None, 0)) or
                    got == ("traversal", "elem", "uint8", None)):
                probs.append("%s: row %r" % (pr["site"], (got, r["size_class"])))
        elif m < 22 and not strip:
            # no record: the traversal from DWARF's typed globals
            if (r["source"], r["view"], r["name"]) != ("traversal", "elem", pr["type"]):
                probs.append("%s: row %s/%s/%s, want traversal/elem/%s" % (
                    pr["site"], r["source"], r["view"], r["name"], pr["type"]))
        elif m >= 22:
            src = "largeType" if pr.get("large") else "header"
            if (r["source"], r["name"]) != (src, pr["type"]):
                probs.append("%s: row %s/%s, want %s/%s" % (pr["site"], r["source"], r["name"],
                                                          src, pr["type"]))
        else:
            if r["source"] != "untyped" or not r["scan"] or \
                    (r["size_class"] == 0) != bool(pr.get("large")):
                probs.append("%s: row %s class %r scan %r" % (pr["site"], r["source"],
                                                             r["size_class"], r["scan"]))
        if r["objects"] < pr["live"]:
            probs.append("%s: row has %d objects < %d live" % (pr["site"], r["objects"], pr["live"]))
    if m >= 22:
        # both main.rec sites in the one main.rec row, A first (more samples)
        rec = [r for r in doc["rows"] if r["name"] == "main.rec"]
        if len(rec) == 1:
            fs = [s["function"] for s in rec[0]["sites"]]
            if fs[:2] != ["main.allocRecA", "main.allocRecB"]:
                probs.append("main.rec sites %r" % fs)


def generic_dots(name):
    """NAME with its type arguments written [...], as go tool pprof shows
    function names"""
    out, depth = [], 0
    for ch in name:
        if ch == "[":
            if depth == 0:
                out.append("[...]")
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def pprof_raw(args, path):
    """go tool pprof -raw PATH (any installed Go): {function: [objects, bytes]}
    and the sums of the samples"""
    for v in ("1.27", "1.26", "1.25", "1.24", "1.23", "1.22", "1.21"):
        go = args.goroot_pattern.replace("1.XX", v) + "/bin/go"
        if os.path.exists(go):
            break
    raw = testlib.pprof_raw(go, path)
    samples = [(v[0], v[1], ids[0]) for v, ids in raw.samples if len(v) == 2 and len(ids) == 1]
    # a pseudo-frame: "NAME :0:0 s=0", or "SHORT :0:0 s=0(NAME)" when pprof
    # simplifies the name (drops parameter lists, "(closure)")
    locs = {}
    for i, f in raw.locations.items():
        m = f and re.match(r"^(.*?)\s+:\d+(?::\d+)?(?: s=\d+)?(?:\((.*)\))?\s*$", f[0])
        if m:
            locs[i] = m.group(2) if m.group(2) else m.group(1)
    if "objects/count space/bytes" not in raw.sample_types:
        raise ValueError("sample types: " + raw.text[:300])
    by = {}
    for o, b, loc in samples:
        e = by.setdefault(generic_dots(locs.get(loc, "?")), [0, 0])
        e[0] += o
        e[1] += b
    return by, sum(s[0] for s in samples), sum(s[1] for s in samples), len(samples)


def check_pprof(args, core, exe, rundir, doc):
    probs = []
    out = os.path.join(rundir, "bytype.pb.gz")
    p = subprocess.run([args.gomortem, "heap", core, "--exe", exe, "--by-type", "-o", out],
                       capture_output=True, text=True, errors="replace", timeout=120)
    if p.returncode != 0:
        return ["exit %d: %s" % (p.returncode, p.stderr[-300:])]
    try:
        by, objs, byts, n = pprof_raw(args, out)
    except (OSError, ValueError) as e:
        return [str(e)]
    tot = doc["totals"]
    if (objs, byts) != (tot["objects"], tot["bytes"]) or n != len(doc["rows"]):
        probs.append("pprof: %d samples, %d objects %d bytes; JSON %d rows, %d %d" % (
            n, objs, byts, len(doc["rows"]), tot["objects"], tot["bytes"]))
    want = {}
    for r in doc["rows"]:
        name = r["name"]
        if r["source"] == "untyped":  # as the text names them
            kind = "scan" if r["scan"] else "noscan"
            name = "(untyped, size class %d, %s)" % (r["size_class"], kind) if r["size_class"] \
                else "(untyped, large, %s)" % kind
        elif r["source"] == "traversal" and r["view"] == "string":
            name = "(string bytes)"
        elif r["source"] == "traversal" and name:
            name += {"closure": " (closure)", "dir": " (map directory)",
                     "table": " (map table)"}.get(r["view"], "")
        if name:
            e = want.setdefault(generic_dots(name), [0, 0])
            e[0] += r["objects"]
            e[1] += r["bytes"]
    for name, v in want.items():
        if by.get(name) != v:
            probs.append("pprof %s: %r, JSON %r" % (name, by.get(name), v))
    if not any(k.startswith("(untyped, size class") for k in want):
        probs.append("no untyped rows: %r" % list(want)[:10])
    return probs


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
        exe, err = difftest.build(args, v, "typesite")
        if err:
            R.report(name + " build", [err[-400:]])
            continue
        rundir = os.path.join(args.work, "typesite-go%s%s.%d" % (v, "-s" if a.strip else "",
                                                                os.getpid()))
        try:
            run = difftest.run_and_crash(exe, rundir, 60)
            with open(run["truth"]) as f:
                truth = json.load(f)
        except (RuntimeError, OSError, TypeError, ValueError) as e:
            R.report(name + " run", [str(e)])
            continue
        core = run["core"]
        probs = []
        p = subprocess.run([args.gomortem, "heap", core, "--exe", exe, "--by-type", "--format",
                            "json"], capture_output=True, text=True, errors="replace", timeout=120)
        if p.returncode != 0:
            probs.append("exit %d: %s" % (p.returncode, p.stderr.strip()[-400:]))
        else:
            try:
                doc = json.loads(p.stdout)
                check(v, doc, truth, probs, a.strip)
            except (ValueError, KeyError, TypeError) as e:
                probs.append("json: %r" % e)
        R.report("%s heap --by-type: every (type, site) pair of the truth with its live count"
                 % name, probs)
        probs = []
        t = subprocess.run([args.gomortem, "heap", core, "--exe", exe, "--by-type", "--all"],
                           capture_output=True, text=True, errors="replace", timeout=120)
        if t.returncode != 0 or "from main.allocHuge (" not in t.stdout or \
                "from main.allocRecB (" not in t.stdout:
            probs.append("exit %d: %s" % (t.returncode, (t.stdout + t.stderr)[-600:]))
        R.report(name + " heap --by-type text names the sites", probs)
        if not p.returncode:
            R.report(name + " heap --by-type --format pprof: go tool pprof's totals and rows equal "
                     "the JSON's", check_pprof(args, core, exe, rundir, json.loads(p.stdout)))
        shutil.rmtree(rundir, ignore_errors=True)
    R.summary()
    return R.exit_code()


if __name__ == "__main__":
    sys.exit(main())
