#!/usr/bin/env python3
"""gomortem diff on the corpus cores (#19, first part): a core against itself
grows by nothing, --fail-on growth thresholds (absolute and percent), a core
of another build is refused (exit 2), a malformed expression is a usage error;
a summary's JSON snapshot gives the diff of its core, a damaged one is refused.
The growth of a real leak between two cores of one process: tests/growthtest.py."""
import argparse, json, os, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--gomortem", required=True)
a = ap.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "..", "corpus")
fails = []

def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)

def run(*args):
    p = subprocess.run([a.gomortem, "diff", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

with tempfile.TemporaryDirectory() as td:
    exe = os.path.join(td, "exe")
    subprocess.run(["zstd", "-qdf", os.path.join(corpus, "go1.22-scenarios", "exe.zst"), "-o", exe], check=True)
    c22 = os.path.join(corpus, "go1.22-scenarios", "core.zst")
    c27 = os.path.join(corpus, "go1.27-scenarios", "core.zst")
    rc, out, err = run(c22, c22, "--exe", exe, "--format", "json")
    check(rc == 0, f"self diff exit {rc}: {err}")
    d = json.loads(out)
    check(d["schema"] == "gomortem.diff" and d["version"] == 2 and d["same_build"], "schema")
    for k, m in d["metrics"].items():
        check(m["growth"] in (0, None), f"self growth of {k}: {m}")
    check(d["metrics"]["goroutines"]["old"] > 0, "goroutines known")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "growth.goroutines>0")
    check(rc == 0, f"growth.goroutines>0 on no growth: exit {rc}")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "growth.goroutines>=0")
    check(rc == 3, f"growth.goroutines>=0: exit {rc}")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "growth.heap.HeapInuse>0%")
    check(rc == 0, f"growth.heap.HeapInuse>0%: exit {rc}")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "growth.heap.HeapInuse<=0%")
    check(rc == 3, f"growth.heap.HeapInuse<=0%: exit {rc}")
    rc, _, err = run(c22, c27, "--exe", exe)
    check(rc == 2 and err.count("\n") == 1, f"other build: exit {rc}: {err}")
    rc, _, _ = run(c22, c22, "--exe", exe, "--fail-on", "goroutines>0")
    check(rc == 64, f"expression without growth.: exit {rc}")
    rc, _, _ = run(c22, "--exe", exe)
    check(rc == 64, f"one core: exit {rc}")
    # snapshots (summary --format json): the same diff as the core; damaged
    # ones refused with one line and exit 2, never a crash
    snap = os.path.join(td, "snap.json")
    with open(snap, "w") as f:
        subprocess.run([a.gomortem, "summary", c22, "--exe", exe, "--format", "json", "--heap-types"], stdout=f,
                       check=False)
    rc1, o1, _ = run(c22, c22, "--exe", exe, "--format", "json")
    rc2, o2, e2 = run(snap, c22, "--exe", exe, "--format", "json")
    check(rc2 == rc1 and json.loads(o1)["categories"] == json.loads(o2)["categories"], f"snapshot: {rc2} {e2}")
    cats = json.loads(o1)["categories"]
    check(cats["heap.types"]["known"] and cats["heap.types"]["unit"] == "bytes" and cats["heap.types"]["new"] > 0,
          f"heap.types compared: {cats['heap.types']}")
    # without --heap-types the snapshot has no heap by type: that category
    # alone is not compared, and says why
    snap0 = os.path.join(td, "snap0.json")
    with open(snap0, "w") as f:
        subprocess.run([a.gomortem, "summary", c22, "--exe", exe, "--format", "json"], stdout=f, check=False)
    rc3, o3, e3 = run(snap0, c22, "--exe", exe, "--format", "json")
    c3 = json.loads(o3)["categories"] if o3 else {}
    ht = c3.get("heap.types", {})
    check(rc3 == rc1 and not ht.get("known") and ht.get("why_not_old") == "not collected (--heap-types)"
          and ht.get("why_not_new") is None, f"snapshot without --heap-types: {rc3} {e3} {ht}")
    check({k: v for k, v in c3.items() if k != "heap.types"} == {k: v for k, v in cats.items() if k != "heap.types"},
          "snapshot without --heap-types: the other categories")
    rc4, t4, _ = run(snap0, c22, "--exe", exe)
    check("heap.types: not compared (OLD: not collected (--heap-types))" in t4, "text: why not compared")
    # the corpus cores have no heap profile (the linker turned it off): heap
    # sites are not compared, with the profile's reason
    hs = cats["heap.sites"]
    check(not hs["known"] and "disabled" in (hs.get("why_not_old") or ""), f"heap.sites without a profile: {hs}")
    doc = json.load(open(snap))
    # an older snapshot is still read: what it lacks is not compared, the
    # rest is. Version 1: before heap.sites and heap.types; 2: before plugins
    for version, lacks, cat in ((1, ("heap.sites", "heap.types", "plugins"), "heap.types"), (2, ("plugins",), "plugins")):
        old = json.loads(json.dumps(doc))
        old["diff_snapshot"]["version"] = version
        for k in lacks:
            old["diff_snapshot"]["categories"].pop(k)
        snapv = os.path.join(td, "snap%d.json" % version)
        json.dump(old, open(snapv, "w"))
        rcv, ov, ev = run(snapv, c22, "--exe", exe, "--format", "json")
        cv = json.loads(ov)["categories"] if ov else {}
        check(rcv == rc1 and cv.get(cat, {}).get("why_not_old") == "not in a version %d snapshot" % version
              and cv.get("goroutines") == cats["goroutines"], f"version {version} snapshot: {rcv} {ev}")
    check(cats["plugins"]["known"] and cats["plugins"]["items"] == [], f"plugins of a core without: {cats['plugins']}")
    # plugins between two snapshots (issue 17): the new ones named in load
    # order with a warning; one gone (no process unloads a plugin) flagged
    # critical
    def with_plugins(names):
        d = json.loads(json.dumps(doc))
        d["diff_snapshot"]["categories"]["plugins"]["items"] = [
            {"key": "example.com/%s /opt/%s.so" % (n, n), "count": 1, "label": "/opt/%s.so (example.com/%s)" % (n, n),
             "path": "/opt/%s.so" % n, "pluginpath": "example.com/%s" % n} for n in names]
        f = os.path.join(td, "plug-%s.json" % "-".join(names))
        json.dump(d, open(f, "w"))
        return f
    one, three = with_plugins(["zeta"]), with_plugins(["zeta", "beta", "alpha"])
    rc, o, e = run(one, three, "--format", "json")
    d = json.loads(o) if o else {}
    pl = d.get("categories", {}).get("plugins", {})
    got = [(i["change"], i["path"], i["pluginpath"], i["load_order"]) for i in pl.get("items", [])]
    check(rc == rc1 and got == [("new", "/opt/beta.so", "example.com/beta", 2),
                                 ("new", "/opt/alpha.so", "example.com/alpha", 3),
                                 ("unchanged", "/opt/zeta.so", "example.com/zeta", 1)]
          and [(f["severity"], f["code"]) for f in d.get("flags", [])] == [("warning", "plugin_growth")]
          and "/opt/beta.so (example.com/beta), /opt/alpha.so (example.com/alpha)" in d["flags"][0]["message"],
          f"plugins loaded: {rc} {e} {got} {d.get('flags')}")
    rc, o, e = run(one, three)
    check("+2 Go plugins loaded" in o and "never to be unloaded: /opt/beta.so (example.com/beta), /opt/alpha.so" in o
          and "plugins: 1 -> 3; 0 grown, 2 new, 0 gone" in o
          and o.index("new        /opt/beta.so (example.com/beta)") < o.index("new        /opt/alpha.so"),
          f"plugins loaded, text: {rc} {e} {o}")
    rc, o, e = run(three, one, "--format", "json")
    d = json.loads(o) if o else {}
    fl = [f for f in d.get("flags", []) if f["code"] == "plugins_gone"]
    check(len(fl) == 1 and fl[0]["severity"] == "critical" and "2 Go plugins of OLD are not in NEW" in fl[0]["message"]
          and "not snapshots of one process" in fl[0]["message"], f"plugins gone: {rc} {e} {d.get('flags')}")
    def damaged(what, mutate):
        d = json.loads(json.dumps(doc))
        mutate(d)
        bad = os.path.join(td, "bad.json")
        with open(bad, "w") as f:
            f.write(d if isinstance(d, str) else json.dumps(d))
        rc, _, err = run(bad, c22, "--exe", exe)
        check(rc == 2 and err.count("\n") == 1, f"{what}: exit {rc}: {err}")
    gs = lambda d: d["diff_snapshot"]["categories"]["goroutines"]
    damaged("version 4", lambda d: d["diff_snapshot"].update(version=4))
    damaged("version 3 without plugins", lambda d: d["diff_snapshot"]["categories"].pop("plugins"))
    damaged("a plugin without path", lambda d: d["diff_snapshot"]["categories"]["plugins"].update(
        items=[{"key": "k", "count": 1, "pluginpath": "p"}]))
    damaged("no snapshot", lambda d: d.pop("diff_snapshot"))
    damaged("other schema", lambda d: d.update(schema="gomortem.goroutines"))
    damaged("items not an array", lambda d: gs(d).update(items={}))
    damaged("negative count", lambda d: gs(d)["items"][0].update(count=-1))
    damaged("float count", lambda d: gs(d)["items"][0].update(count=1.5))
    damaged("no key", lambda d: gs(d)["items"][0].pop("key"))
    damaged("no alt", lambda d: gs(d)["items"][0].pop("alt"))
    damaged("where not an object", lambda d: gs(d)["items"][0].update(where=3))
    damaged("line too big", lambda d: gs(d)["items"][0]["where"].update(line=2**40))
    damaged("no memory category", lambda d: d["diff_snapshot"]["categories"].pop("memory"))
    damaged("version 2 without heap.sites", lambda d: d["diff_snapshot"]["categories"].pop("heap.sites"))
    damaged("heap.types items not an array", lambda d: d["diff_snapshot"]["categories"]["heap.types"].update(items=5))
    # counts summing past 2^64 on one key
    def dup(d):
        it = gs(d)["items"][0]
        it["count"] = 2**63 - 1
        gs(d)["items"].extend([dict(it), dict(it), dict(it)])
    damaged("count overflow", dup)
    bad = os.path.join(td, "bad.json")
    open(bad, "w").write("{\"a\":" + "[" * 100000)
    rc, _, err = run(bad, c22, "--exe", exe)
    check(rc == 2 and "nested too deep" in err, f"deep nesting: exit {rc}: {err}")
sys.exit(1 if fails else 0)
