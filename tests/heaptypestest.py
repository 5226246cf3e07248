#!/usr/bin/env python3
"""The heap by type (issue 16), end to end: gomortem heap --by-type.

tests/progs/heaptypes allocates known populations (small pointerful
structs, noscan buffers, structs > 512 B, large slices, a large array type
with a GC program, a map, channel buffers, closures), keeps them alive from
globals, runs runtime.GC(), turns the collector off, and without allocating
afterwards writes runtime.ReadMemStats's HeapObjects and HeapAlloc and the
population sizes to READY.truth.json, then dies of SIGQUIT
(GOTRACEBACK=crash).

Checked, on the core (DWARF or --strip):
- the histogram's totals equal the program's HeapObjects and HeapAlloc
  exactly, and the report says so;
- Go 1.22+: every population the runtime records is found with its exact
  object count: main.medium (malloc header), []main.elem (largeType),
  the channel buffers (*main.chanelem, header), the map's buckets or
  groups (a type naming main.mapval); main.bigarr (largeType) from 1.24,
  and on 1.22-1.23, where its type has a GC program, the nameless copy
  reported as such with the array's size; elements of the header rows;
- Go 1.22+, the traversal from the recorded objects (and, with DWARF, the
  typed globals): the 3,000 main.small
  (reached from the header-typed []*main.small array), the 2,000 buffers
  (main.octet, from the largeType [][]main.octet array), the 300 hchans and
  the 500 closures are each found with their exact count, and the recorded
  and traversal rows together name at least 90 % of the heap's bytes;
- with DWARF, any version: the typed globals (DWARF's
  DW_AT_go_runtime_type) are roots of the traversal too, so on Go 1.19 and
  1.21, which record nothing, the same populations are found by traversal
  alone; stripped 1.19 and 1.21: the traversal starts from the objects with
  a finalizer only;
- any version, stripped or not: the 400 main.finobj with a finalizer, held
  only through unsafe.Pointer, typed from their finalizer specials, and
  the main.finheld each holds from them;
- with DWARF, any version: the 600 main.stkobj of a list held only by a
  parked goroutine's local variable, typed from its frame's slot (live by the stack
  maps); stripped, none typed;
  same totals everywhere;
- the text output; and (not --strip) the same totals on the running
  program (--pid).

--goarch arm64: the program built for arm64 and run under qemu-user, the
core's checks only.

Usage: heaptypestest.py --gomortem BIN --versions 1.22 --work DIR [--strip] [--goarch arm64]
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
from testlib import Reporter, remove_stale_ready  # noqa: E402

R = Reporter()


def run_gm(args, argv, timeout=120):
    t0 = time.monotonic()
    p = subprocess.run([args.gomortem] + argv, capture_output=True, text=True,
                       errors="replace", timeout=timeout)
    p.elapsed = time.monotonic() - t0
    return p


def minor(v):
    return int(v.split(".")[1])


def rows_named(doc, pred):
    return [r for r in doc["rows"] if r["name"] is not None and pred(r["name"])]


def check_totals(doc, truth, probs, what):
    tot = doc["totals"]
    if (tot["objects"], tot["bytes"]) != (truth["HeapObjects"], truth["HeapAlloc"]):
        probs.append("%s: totals %d objects %d bytes, the program's MemStats %d %d" % (
            what, tot["objects"], tot["bytes"], truth["HeapObjects"], truth["HeapAlloc"]))
    ms = doc.get("memstats") or {}
    if (ms.get("HeapObjects"), ms.get("HeapAlloc")) != (truth["HeapObjects"], truth["HeapAlloc"]):
        probs.append("%s: MemStats computed %r, the program's %d %d" % (
            what, ms, truth["HeapObjects"], truth["HeapAlloc"]))
    if doc.get("totals_equal_memstats") is not True:
        probs.append("%s: totals_equal_memstats %r" % (what, doc.get("totals_equal_memstats")))
    if sum(r["objects"] for r in doc["rows"]) != tot["objects"] or \
            sum(r["bytes"] for r in doc["rows"]) != tot["bytes"]:
        probs.append("%s: the rows do not add up to the totals" % what)


def one(doc, name, source, probs):
    """the one row of NAME from SOURCE (header / largeType)"""
    rs = [r for r in doc["rows"] if r["name"] == name and r["source"] == source]
    if len(rs) != 1:
        probs.append("%d %s rows named %s (rows: %s)" % (
            len(rs), source, name,
            sorted("%s/%s" % (r["name"], r["source"]) for r in doc["rows"] if r["name"])[:20]))
        return None
    return rs[0]


def check_types(v, doc, truth, probs, strip):
    m = minor(v)
    if m < 22:
        if doc["runtime_records_types"] or doc["totals"]["typed_objects"]:
            probs.append("Go %s records no type, yet %d objects typed" % (
                v, doc["totals"]["typed_objects"]))
        if any(r["source"] not in ("untyped", "traversal") for r in doc["rows"]):
            probs.append("a recorded type on Go %s" % v)
        if strip:
            # nothing recorded, no DWARF: the objects with a finalizer are
            # all it starts from
            t = doc["traversal"]
            if not t["run"] or t["seeds"] or t["roots"] or t["finalizers"] < truth["fin"]:
                probs.append("traversal on stripped Go %s: %r" % (v, t))
            check_fin(doc, truth, probs)
            check_stack(doc, truth, probs, strip)
        else:
            check_traversal(doc, truth, probs, strip)
        return
    if not doc["runtime_records_types"]:
        probs.append("runtime_records_types false on Go %s" % v)
    r = one(doc, "main.medium", "header", probs)
    if r and (r["objects"], r["elements"]) != (truth["medium"], truth["medium"]):
        probs.append("main.medium: %d objects %d elements, want %d" % (
            r["objects"], r["elements"], truth["medium"]))
    r = one(doc, "main.elem", "largeType", probs)
    if r and (r["objects"] != truth["large"] or r["elements"] < truth["large"] * truth["large_len"]):
        probs.append("main.elem (large slices): %d objects %d elements, want %d and >= %d" % (
            r["objects"], r["elements"], truth["large"], truth["large"] * truth["large_len"]))
    r = one(doc, "*main.chanelem", "header", probs)
    if r and (r["objects"] != truth["chan"] or r["elements"] < truth["chan"] * truth["chan_cap"]):
        probs.append("channel buffers: %d objects %d elements, want %d and >= %d" % (
            r["objects"], r["elements"], truth["chan"], truth["chan"] * truth["chan_cap"]))
    maps = rows_named(doc, lambda n: "main.mapval" in n and n.startswith("map."))
    if not maps or sum(r["elements"] for r in maps) * 8 < truth["map"]:
        probs.append("the map's buckets/groups: %r" % [(r["name"], r["objects"], r["elements"])
                                                      for r in maps])
    gp = [r for r in doc["rows"] if r["source"] == "gcprog"]
    big = [r for r in doc["rows"] if r["name"] == "main.bigarr"]
    if m <= 23:
        if big:
            probs.append("main.bigarr named on Go %s (its type has a GC program)" % v)
        g = [r for r in gp if r["type_size"] == truth["big_size"]]
        if len(g) != 1 or g[0]["objects"] != truth["big"]:
            probs.append("GC-program copies of main.bigarr: %r, want %d objects of %d B" % (
                gp, truth["big"], truth["big_size"]))
    else:
        if gp:
            probs.append("GC-program copies on Go %s: %r" % (v, gp))
        r = one(doc, "main.bigarr", "largeType", probs)
        if r and r["objects"] != truth["big"]:
            probs.append("main.bigarr: %d objects, want %d" % (r["objects"], truth["big"]))
    for r in doc["rows"]:
        if r["source"] == "untyped" and r["name"] is not None:
            probs.append("untyped row with a name %r" % r)
    check_traversal(doc, truth, probs, strip)


def trav_rows(doc, view, pred):
    return [r for r in doc["rows"] if r["source"] == "traversal" and r["view"] == view and
            r["name"] is not None and pred(r["name"])]


def check_fin(doc, truth, probs):
    """the objects with a finalizer held through unsafe.Pointer only, and
    what each holds"""
    for name in ("main.finobj", "main.finheld"):
        got = sum(r["objects"] for r in trav_rows(doc, "elem", lambda n: n == name))
        if got != truth["fin"]:
            probs.append("traversal: %s: %d objects, want %d" % (name, got, truth["fin"]))


def check_stack(doc, truth, probs, strip):
    """the list held only by a parked goroutine's local variable: typed
    from its frame's slot with DWARF (live by the stack maps); stripped,
    nothing types them"""
    got = sum(r["objects"] for r in trav_rows(doc, "elem", lambda n: n == "main.stkobj"))
    t = doc["traversal"]
    if strip:
        if got or t["stack_slots"] or not t["stack_note"]:
            probs.append("stripped: main.stkobj %d objects, traversal %r" % (got, t))
    elif got != truth["stack"] or not t["stack_slots"]:
        probs.append("traversal: main.stkobj (a goroutine's stack only): %d objects, want %d (%r)" % (
            got, truth["stack"], t))
    # held only by an address-taken local (a stack object), reached from a
    # live pointer parameter of the callee: typed by that pointer's element
    got = sum(r["objects"] for r in trav_rows(doc, "elem", lambda n: n == "main.sobj"))
    if strip:
        if got:
            probs.append("stripped: main.sobj %d objects typed" % got)
    elif got != truth["stack_object"]:
        probs.append("traversal: main.sobj (a stack object only): %d objects, want %d" % (
            got, truth["stack_object"]))


def check_traversal(doc, truth, probs, strip):
    """the populations the runtime does not type (Go 1.22+: from the
    recorded objects; with DWARF, any version: from the typed globals)"""
    t = doc["traversal"]
    if not t["run"] or t["truncated"] or t["seeds"] < doc["totals"]["typed_objects"] - \
            doc["records_not_yet_written"] - doc["bad_records"] - 64 or \
            (not strip and t["roots"] < 8) or (strip and t["roots"]) or t["finalizers"] < truth["fin"]:
        probs.append("traversal: %r (typed_objects %d)" % (t, doc["totals"]["typed_objects"]))
    want = [("elem", lambda n: n == "main.small", truth["small"], "main.small"),
            ("elem", lambda n: n == "main.octet", truth["buf"], "the buffers (main.octet)"),
            ("chan", lambda n: n == "chan *main.chanelem", truth["chan"], "the hchans"),
            # mkClosure may be inlined into main: main.main.funcN
            ("closure", lambda n: n.startswith("main."), truth["closure"], "the closures")]
    for view, pred, n, what in want:
        rs = trav_rows(doc, view, pred)
        got = sum(r["objects"] for r in rs)
        if got != n:
            probs.append("traversal: %s: %d objects in %d rows, want %d" % (what, got, len(rs), n))
    check_fin(doc, truth, probs)
    check_stack(doc, truth, probs, strip)
    for r in trav_rows(doc, "elem", lambda n: n == "main.octet"):
        if r["elements"] < truth["buf"] * 100:
            probs.append("traversal: the buffers hold %d elements, want >= %d" % (
                r["elements"], truth["buf"] * 100))
    tot = doc["totals"]
    named = tot["typed_bytes"] + tot["traversal_bytes"]
    if named * 10 < tot["bytes"] * 9:
        probs.append("recorded and traversal rows name %d of %d bytes (< 90 %%)" % (named, tot["bytes"]))
    if sum(r["objects"] for r in doc["rows"] if r["source"] == "traversal") != tot["traversal_objects"]:
        probs.append("the traversal rows do not add up to totals.traversal_objects")


def live(args, v, exe, tmp):
    os.makedirs(tmp, exist_ok=True)
    ready = os.path.join(tmp, "ready")
    remove_stale_ready(ready)
    env = dict(os.environ)
    for k in ("GODEBUG", "GOMAXPROCS", "GOMEMLIMIT", "GOGC", "GOTRACEBACK"):
        env.pop(k, None)
    proc = subprocess.Popen([exe, ready], cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probs = []
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(ready) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)
        with open(ready + ".truth.json") as f:
            truth = json.load(f)
        p = run_gm(args, ["heap", "--pid", str(proc.pid), "--by-type", "--format", "json"])
        if p.returncode != 0:
            probs.append("exit %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
        else:
            doc = json.loads(p.stdout)
            check_totals(doc, truth, probs, "live")
            check_types(v, doc, truth, probs, False)
    except (OSError, ValueError) as e:
        probs.append(str(e))
    finally:
        proc.kill()
        proc.wait()
    R.report("go%s heap --pid --by-type: totals equal MemStats, populations found" % v, probs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--strip", action="store_true")
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
    ap.add_argument("--goarch", default="amd64", choices=["amd64", "arm64"],
                    help="arm64: built for arm64, run under qemu-user; core only")
    a = ap.parse_args()
    if difftest.skip_without_qemu(a.goarch):
        return 77
    args = types.SimpleNamespace(gomortem=os.path.abspath(a.gomortem), work=os.path.abspath(a.work),
                                 strip=a.strip, trimpath=False, goroot_pattern=a.goroot_pattern,
                                 goexperiment=None, pie=False, goarch=a.goarch)
    os.makedirs(os.path.join(args.work, "difftest"), exist_ok=True)
    for v in a.versions.split(","):
        name = "go%s%s%s" % (v, " stripped" if a.strip else "", " arm64" if a.goarch == "arm64" else "")
        exe, err = difftest.build(args, v, "heaptypes")
        if err:
            R.report(name + " build", [err[-400:]])
            continue
        rundir = os.path.join(args.work, "heaptypes-go%s%s-%s.%d" % (v, "-s" if a.strip else "", a.goarch,
                                                                    os.getpid()))
        try:
            run = difftest.run_and_crash(exe, rundir, 60, goarch=a.goarch)
        except RuntimeError as e:
            R.report(name + " run", [str(e)])
            continue
        probs = []
        try:
            with open(run["truth"]) as f:
                truth = json.load(f)
        except (OSError, TypeError, ValueError) as e:
            R.report(name + " run", ["no truth file: %s" % e])
            continue
        core = run["core"]
        p = run_gm(args, ["heap", core, "--exe", exe, "--by-type", "--format", "json"])
        if p.returncode != 0:
            probs.append("exit %d: %s" % (p.returncode, p.stderr.strip()[-400:]))
        else:
            try:
                doc = json.loads(p.stdout)
                if doc.get("schema") != "gomortem.heap_types":
                    probs.append("schema %r" % doc.get("schema"))
                check_totals(doc, truth, probs, "core")
                check_types(v, doc, truth, probs, a.strip)
            except (ValueError, KeyError, TypeError) as e:
                probs.append("json: %r" % e)
        R.report("%s heap --by-type: totals equal MemStats (%d objects, %d bytes), every recorded "
                 "population found (%.2f s)" % (name, truth["HeapObjects"], truth["HeapAlloc"],
                                                p.elapsed), probs)
        probs = []
        t = run_gm(args, ["heap", core, "--exe", exe, "--by-type", "--top", "5"])
        if t.returncode != 0 or "totals equal MemStats" not in t.stdout or "more rows" not in t.stdout:
            probs.append("exit %d: %s" % (t.returncode, (t.stdout + t.stderr)[-400:]))
        elif minor(v) >= 22 and "main.elem" not in t.stdout:
            probs.append("main.elem (the biggest population) not in the top 5: " + t.stdout[-600:])
        R.report(name + " heap --by-type text", probs)
        if not a.strip and a.goarch == "amd64":
            live(args, v, exe, rundir + "-live")
            shutil.rmtree(rundir + "-live", ignore_errors=True)
        if not os.environ.get("HEAPTYPES_KEEP"):
            shutil.rmtree(rundir, ignore_errors=True)
        else:
            shutil.copy(exe, os.path.join(rundir, "exe"))
    R.summary()
    return R.exit_code()


if __name__ == "__main__":
    sys.exit(main())
