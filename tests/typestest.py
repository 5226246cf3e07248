#!/usr/bin/env python3
"""Types made at run time, end to end: tests/progs/types makes known numbers
of distinct types through each reflect constructor (StructOf, PointerTo,
SliceOf, MapOf, ChanOf, ArrayOf, FuncOf), calls functions through reflect
(layoutCache), writes what must be found (truth.json: per cache, a regular
expression on the type name, the exact number of the program's own types
matching it, a sample of names with kind and size) and dies of SIGQUIT under
GOTRACEBACK=crash. `gomortem types --format json` must give every figure.

reflect makes types of its own too (MapOf's group/slot structs on Swiss maps,
[N]T arrays, ...): those count in the totals but only the program's own
types, recognised by their field names, are compared exactly.

With --test-gomap BIN, the map reader is checked on the same core too
(tests/unit/test_gomap.c --core: the program's maps of 0, 1, 8, 9 and 5,000
entries, string/struct/big keys, big elements, a map caught mid-growth on Go
<= 1.23, and a sync.Map; every entry found exactly once).

With --live the same figures must come from the running program (--pid).

Then the core is damaged a few ways (random words in its memory, in a copy):
gomortem must still exit with 0, 1 or 2 within a timeout, never crash or hang.

Usage:
  typestest.py --gomortem BIN --versions 1.22,1.26 --work DIR [--damage N] [--test-gomap BIN]
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402  (damaged_cores)
results = []


def tag(args, v):
    return ("go" + v + ("-" + args.goexperiment.replace(",", "-") if args.goexperiment else "") +
            ("-stripped" if args.strip else "") + ("-pie" if args.pie else "") +
            ("-" + args.goarch if args.goarch != "amd64" else ""))


def report(name, problems):
    results.append(not problems)
    print(("ok   " if not problems else "FAIL ") + name +
          ("" if not problems else ": " + "; ".join(problems[:12])))
    sys.stdout.flush()


def produce(args, v, out):
    return difftest.produce_prog(args.work, v, "types", out, strip=args.strip, goexperiment=args.goexperiment,
                                 pie=args.pie, goarch=args.goarch)


def run_gm(args, core, exe, fmt="json", extra=(), timeout=120):
    return subprocess.run([args.gomortem, "types", core, "--exe", exe, "--format", fmt] +
                          list(extra), capture_output=True, text=True, errors="replace",
                          timeout=timeout)


def check_doc(args, v, p, truth):
    """Problems of one `gomortem types --format json` run against the truth."""
    probs = []
    if p.returncode != 0:
        probs.append("gomortem exited %d: %s" % (p.returncode, p.stderr.strip()[-400:]))
    try:
        doc = json.loads(p.stdout)
    except ValueError as e:
        return probs + ["not JSON: %s" % e]
    if doc.get("schema") != "gomortem.types" or doc.get("schema_version") != 1:
        probs.append("schema %r" % doc.get("schema"))
    caches = {c["name"]: c for c in doc["caches"]}
    if sorted(caches) != sorted(["ptrMap", "lookupCache", "funcLookupCache",
                                 "structLookupCache", "layoutCache"]):
        probs.append("caches %r" % sorted(caches))
        return probs
    want_rt = 0
    for g in truth["groups"]:
        c = caches[g["cache"]]
        if not c["present"] or c["problem"]:
            probs.append("%s: present %r problem %r" % (g["cache"], c["present"], c["problem"]))
        rx = re.compile(g["pattern"])
        mine = [t for t in c["types"] if t["name"] and rx.search(t["name"])]
        if len(mine) != g["count"]:
            probs.append("%s /%s/: %d types, want %d" % (g["cache"], g["pattern"], len(mine),
                                                         g["count"]))
        names = [t["name"] for t in mine]
        if len(set(names)) != len(names):
            probs.append("%s /%s/: a type listed twice" % (g["cache"], g["pattern"]))
        bad = [t["name"] for t in mine if t["runtime_created"] != g["runtime_created"]]
        if bad:
            probs.append("%s: runtime_created should be %r for %s" % (
                g["cache"], g["runtime_created"], bad[:3]))
        if g["runtime_created"]:
            want_rt += g["count"]
        by_name = {t["name"]: t for t in mine}
        for s in g.get("sample") or []:
            t = by_name.get(s["name"])
            if not t:
                probs.append("%s: %r not found" % (g["cache"], s["name"]))
            elif t["kind"] != s["kind"] or t["size"] != s["size"]:
                probs.append("%s: %r kind/size %s/%d, want %s/%d" % (
                    g["cache"], s["name"], t["kind"], t["size"], s["kind"], s["size"]))
    for c in doc["caches"]:
        if c["entries"] < 1 or c["types_count"] < 1:
            probs.append("%s: %d entries, %d types" % (c["name"], c["entries"], c["types_count"]))
        if sum(t["runtime_created"] for t in c["types"]) != c["runtime_created"]:
            probs.append("%s: runtime_created count" % c["name"])
    if doc["runtime_created_total"] < want_rt:
        probs.append("runtime_created_total %d < %d" % (doc["runtime_created_total"], want_rt))
    if doc["reflect_offs_entries"] is None or doc["reflect_offs_entries"] < want_rt:
        probs.append("reflect_offs_entries %r" % doc["reflect_offs_entries"])
    minor = int(v.split(".")[1])
    exp = (args.goexperiment or "").split(",")
    want_map = "hmap" if minor <= 23 or "noswissmap" in exp else \
        "swiss-split" if minor >= 27 and "mapsplitgroup" in exp else "swiss"
    want_sync = "readdirty" if minor <= 23 or "nosynchashtriemap" in exp else "hashtriemap"
    if doc["map_impl"] != want_map or doc["syncmap_impl"] != want_sync:
        probs.append("impl %s/%s" % (doc["map_impl"], doc["syncmap_impl"]))
    return probs


def check_version(args, v):
    out = os.path.join(args.work, "typestest", tag(args, v))
    err = produce(args, v, out)
    if err:
        report("%s produce" % tag(args, v), ["could not produce the core: " + err])
        return None
    core, exe = os.path.join(out, "core"), os.path.join(out, "exe")
    with open(os.path.join(out, "truth.json")) as f:
        truth = json.load(f)
    p = run_gm(args, core, exe)
    probs = check_doc(args, v, p, truth)
    t = run_gm(args, core, exe, "text")
    ta = run_gm(args, core, exe, "text", ["--all"])
    if t.returncode != 0 or "types made at run time" not in t.stdout or \
            "structLookupCache" not in t.stdout:
        probs.append("text format: exit %d: %s" % (t.returncode, (t.stdout + t.stderr)[-300:]))
    if ta.returncode != 0 or "struct { S39 int }" not in ta.stdout:
        probs.append("text --all: exit %d: %s" % (ta.returncode, (ta.stdout + ta.stderr)[-300:]))
    report("%s figures" % tag(args, v), probs)
    if args.test_gomap:
        check_maps(args, v, out, core, exe, truth)
    if args.live:
        check_live(args, v, out, exe, truth)
    return core, exe


def check_live(args, v, out, exe, truth):
    """The same figures from the running program (--pid)."""
    ready = os.path.join(out, "live.ready")
    for f in (ready, ready + ".truth.json"):
        if os.path.exists(f):
            os.remove(f)
    proc = subprocess.Popen([exe, ready], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            if os.path.exists(ready) or proc.poll() is not None:
                break
            time.sleep(0.1)
        if not os.path.exists(ready):
            report("%s live" % tag(args, v), ["the program did not get ready"])
            return
        p = subprocess.run([args.gomortem, "types", "--pid", str(proc.pid), "--format", "json"],
                           capture_output=True, text=True, errors="replace", timeout=120)
        report("%s live (--pid)" % tag(args, v), check_doc(args, v, p, truth))
    finally:
        proc.kill()
        proc.wait()


def check_maps(args, v, out, core, exe, truth):
    spec = os.path.join(out, "maps.spec")
    with open(spec, "w") as f:
        for m in truth["maps"]:
            f.write("%d %s %d %d\n" % (m["index"], m["kind"], m["count"], int(m["growing"])))
        f.write("syncmap %d\n" % truth["syncmap"])
    minor = int(v.split(".")[1])
    want_growing = minor <= 23 or "noswissmap" in (args.goexperiment or "").split(",")
    probs = []
    if want_growing and not any(m["growing"] for m in truth["maps"]):
        probs.append("the program's map did not stay mid-growth")
    p = subprocess.run([args.test_gomap, "--core", core, exe, spec], capture_output=True,
                       text=True, errors="replace", timeout=120)
    if p.returncode != 0:
        probs.append("test_gomap exited %d: %s" % (p.returncode,
                                                  " | ".join((p.stdout + p.stderr).splitlines()[-6:])))
    report("%s map reader on the core (%d maps + sync.Map)" % (tag(args, v), len(truth["maps"])), probs)


def damage(args, v, core, exe, n):
    """Random words of the core's memory overwritten (copies), n variants."""
    probs = []
    tmp = os.path.join(args.work, "typestest", "damaged-" + tag(args, v))
    try:
        for k, rng in difftest.damaged_cores(core, tmp, n, 7 + n, 3000):
            try:
                p = run_gm(args, tmp, exe, rng.choice(["json", "text"]), timeout=60)
                if p.returncode not in (0, 1, 2):
                    probs.append("variant %d: exit %d: %s" % (k, p.returncode, p.stderr[-300:]))
            except subprocess.TimeoutExpired:
                probs.append("variant %d: gomortem hung" % k)
    except ValueError as e:
        probs.append(str(e))
    report("%s damaged cores (%d variants)" % (tag(args, v), n), probs)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", required=True, help="comma-separated, e.g. 1.19,1.26")
    ap.add_argument("--work", required=True, help="build cache and output directory")
    ap.add_argument("--damage", type=int, default=6, help="damaged-core variants per version")
    ap.add_argument("--goarch", default="amd64", choices=["amd64", "arm64"],
                    help="arm64: built for linux/arm64 and run under qemu-user (exit 77 without it)")
    ap.add_argument("--strip", action="store_true",
                    help="build with -ldflags='-s -w': reflect's caches found from the code that uses them")
    ap.add_argument("--goexperiment", metavar="X",
                    help="build with GOEXPERIMENT=X (noswissmap,nosynchashtriemap on 1.24/1.25; "
                    "mapsplitgroup on 1.27+)")
    ap.add_argument("--pie", action="store_true",
                    help="build with -buildmode=pie (docs/pie.md)")
    ap.add_argument("--live", action="store_true", help="also read the running program (--pid)")
    ap.add_argument("--test-gomap", help="tests/unit/test_gomap binary: check the map reader on the core")
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)
    if difftest.skip_without_qemu(args.goarch):
        return 77
    for v in args.versions.split(","):
        r = check_version(args, v)
        if r and args.damage:
            damage(args, v, r[0], r[1], args.damage)
        shutil.rmtree(os.path.join(args.work, "typestest", tag(args, v)), ignore_errors=True)
    print("%d passed, %d failed" % (sum(results), len(results) - sum(results)))
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
