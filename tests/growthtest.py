#!/usr/bin/env python3
"""gomortem diff between two cores of one live process (gomortem dump --pid)
taken after each phase of tests/progs/leak, which leaks at a known rate
goroutines, tickers, queued finalizers and run-time reflect types beside a
stable pool of the same shape, and writes its own counts after each phase:
the diff's goroutine groups, finalizers, types and timers grow by exactly
what was injected and the pool is unchanged; red flags name the leaks;
growth per minute follows the cores' times; --fail-on growth thresholds; a
core of another build (-ldflags -X) is refused, and with --force matches
stacks by function and line with the same result."""
import argparse, json, os, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--gomortem", required=True)
ap.add_argument("--version", required=True, help="Go version, e.g. 1.22")
ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX",
                help="where the toolchains are, as tests/difftest.py")
a = ap.parse_args()
a.go = a.goroot_pattern.replace("XX", a.version.split(".", 1)[1]) + "/bin/go"
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs", "leak")
fails = []

def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)

def wait_truth(path, phase):
    for _ in range(600):
        try:
            t = json.load(open(path))
            if t["phase"] == phase:
                return t
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.1)
    raise SystemExit(f"phase {phase} never reported")

def run_prog(td, exe, tag):
    truth = os.path.join(td, "truth" + tag)
    p = subprocess.Popen([exe, truth])
    cores, truths = [], []
    try:
        for phase in (1, 2):
            truths.append(wait_truth(truth, phase))
            core = os.path.join(td, f"core{tag}{phase}")
            subprocess.run([a.gomortem, "dump", "--pid", str(p.pid), "-o", core], check=True,
                           capture_output=True)
            cores.append(core)
            open(f"{truth}.go{phase}", "w").close()
    finally:
        p.kill()
        p.wait()
    return cores, truths

def diff(*args):
    p = subprocess.run([a.gomortem, "diff", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

def items(d, cat):
    c = d["categories"][cat]
    check(c["known"], f"{cat} compared")
    return c.get("items", [])

def gitems(d, func):
    return [r for r in items(d, "goroutines") if r["where"] and r["where"]["function"] == func]

def check_goroutines(d, t1, t2, what):
    for func, n1 in t1["goroutines"].items():
        n2 = t2["goroutines"][func]
        rows = gitems(d, func)
        check(len(rows) == 1, f"{what}: one group at {func}: {rows}")
        if not rows:
            continue
        r = rows[0]
        want = "unchanged" if n1 == n2 else "grown"
        check((r["old"], r["new"], r["growth"], r["change"]) == (n1, n2, n2 - n1, want),
              f"{what}: {func}: {r} != {n1} -> {n2}")
        check(r["state"] == "chan receive" and r["created_by"]["function"] == "main.main",
              f"{what}: {func}: state/creator {r}")

with tempfile.TemporaryDirectory() as td:
    if os.environ.get("GM_KEEP"):  # keep the programs, cores and snapshots there (debugging)
        td = os.environ["GM_KEEP"]
    exe, exe_b = os.path.join(td, "leak"), os.path.join(td, "leak_b")
    subprocess.run([a.go, "build", "-o", exe, "."], cwd=src, check=True)
    subprocess.run([a.go, "build", "-ldflags=-X main.build=b", "-o", exe_b, "."], cwd=src, check=True)
    (c1, c2), (t1, t2) = run_prog(td, exe, "")
    rc, out, err = diff(c1, c2, "--exe", exe, "--format", "json")
    # dump's cores hold every page of the heap (zero pages as holes): the
    # diff is whole, nothing partial to say
    check(rc == 0 and not err, f"diff exit {rc}: {err}")
    d = json.loads(out)
    check(d["version"] == 2 and d["same_build"] and d["stacks_matched_by"] == "function and pc", "header")
    check_goroutines(d, t1, t2, "same build")
    # the program's own goroutines: nothing else of main.* changed
    for r in items(d, "goroutines"):
        f = (r["where"] or {}).get("function", "")
        if f.startswith("main.") and f not in t1["goroutines"]:
            check(r["change"] == "unchanged" or f == "main.main", f"unexpected change {r}")
    # finalizers queued behind the blocked one, registered on the pool
    q = {r["key"]: r for r in items(d, "finalizers.queued")}
    for f, n1 in t1["finalizers_queued"].items():
        n2 = t2["finalizers_queued"][f]
        r = q.get(f)
        check(r and (r["old"], r["new"], r["change"]) == (n1, n2, "grown"), f"queued {f}: {r}")
    reg = {r["key"]: r for r in items(d, "finalizers.registered")}
    for f, n in t1["finalizers_registered"].items():
        r = reg.get(f + " for main.Obj")
        check(r and (r["old"], r["new"], r["change"]) == (n, n, "unchanged"), f"registered {f}: {r} {reg.keys()}")
    # run-time types: one row each (StructOf and its name)
    ty = items(d, "types.runtime_created")
    for pfx in ("Pool", "Leak"):
        rows = [r for r in ty if r["key"].startswith("StructOf struct { " + pfx)]
        n1, n2 = t1["types"][pfx], t2["types"][pfx]
        got = (sum(r["old"] for r in rows), sum(r["new"] for r in rows),
               sum(r["change"] == "new" for r in rows), sum(r["change"] == "unchanged" for r in rows))
        check(got == (n1, n2, n2 - n1, n1), f"types {pfx}: {got} != {(n1, n2, n2 - n1, n1)}")
        check(all(r["change"] in ("new", "unchanged") for r in rows), f"types {pfx}: changes")
    # tickers by period
    tm = items(d, "timers")
    for period, n1 in t1["tickers"].items():
        n2 = t2["tickers"][period]
        ns = {"1h0m0s": 3600 * 10**9, "2h0m0s": 7200 * 10**9}[period]
        rows = [r for r in tm if r["key"].endswith(f" every {ns}ns")]
        check(len(rows) == 1 and (rows[0]["old"], rows[0]["new"]) == (n1, n2),
              f"tickers every {period}: {rows} != {n1} -> {n2}")
    # the heap: bytes by allocation site (the heap profile; every allocation
    # is sampled, so exact) on every version, by type from 1.22 (before, the
    # runtime records no type: rows by size class, which others share)
    minor = int(a.version.split(".")[1])
    heap_flags = {c: " ".join(f["message"] for f in d["flags"] if f["code"] == c)
                  for c in ("heap_type_growth", "heap_site_growth")}
    for name, site in (("main.LeakBuf", "main.leakHeap"), ("main.PoolBuf", "main.poolHeap")):
        n1, n2 = t1["heap"][name], t2["heap"][name]
        want = "unchanged" if n1 == n2 else "grown"
        cats = [("heap.sites", lambda k: k.startswith(site + " "), site)]
        if minor >= 22:
            cats.append(("heap.types", lambda k: k == name, name))
        for cat, pred, what in cats:
            rows = [r for r in items(d, cat) if pred(r["key"])]
            check(len(rows) == 1, f"{cat}: one row for {what}: {rows}")
            if not rows:
                continue
            r = rows[0]
            # n objects of one size s: the growth is (n2 - n1) * s; what
            # the row holds beyond n1 * s is less than one object (the
            # profile may hold another small allocation at that line)
            ok = r["old"] > 0 and r["change"] == want and r["growth"] == r["new"] - r["old"]
            if n2 > n1:
                s = r["growth"] // (n2 - n1)
                ok = ok and r["growth"] % (n2 - n1) == 0 and s > 0 and 0 <= r["old"] - n1 * s < s
            else:
                ok = ok and r["new"] == r["old"]
            check(ok, f"{cat} {what}: {r} != {n1} -> {n2} objects")
            flagged = what in heap_flags["heap_type_growth" if cat == "heap.types" else "heap_site_growth"]
            check(flagged == (want == "grown"), f"{cat} {what}: flag {flagged}: {heap_flags}")
    if minor >= 22:
        # the same bytes as heap --by-type of the NEW core, whose objects are the truth's
        p = subprocess.run([a.gomortem, "heap", c2, "--exe", exe, "--by-type", "--format", "json"],
                           capture_output=True, text=True)
        ht = json.loads(p.stdout)["rows"] if p.stdout else []
        for name in ("main.LeakBuf", "main.PoolBuf"):
            rows = [w for w in ht if w["name"] == name]
            dr = [r for r in items(d, "heap.types") if r["key"] == name]
            check(len(rows) == 1 and rows[0]["objects"] == t2["heap"][name] and dr and dr[0]["new"] == rows[0]["bytes"],
                  f"heap --by-type {name}: {rows} vs the diff's {dr}, {t2['heap'][name]} objects")
    # growth per minute from the cores' times
    iv = d["interval_seconds"]
    check(iv is not None and iv > 0, f"interval {iv}")
    lw = gitems(d, "main.leakWorker")
    if iv and lw:
        want = lw[0]["growth"] * 60 / iv
        check(abs(lw[0]["per_minute"] - want) <= 1e-3 * want, f"per minute {lw[0]['per_minute']} != {want}")
    # red flags on growth
    fl = {f["code"]: [] for f in d["flags"]}
    for f in d["flags"]:
        fl[f["code"]].append(f["message"])
    gl = t2["goroutines"]["main.leakWorker"] - t1["goroutines"]["main.leakWorker"]
    check(any(m.startswith(f"+{gl} goroutines in chan receive at main.leakWorker (main.go:")
              for m in fl.get("goroutine_growth", [])), f"goroutine flag: {d['flags']}")
    check(not any("poolWorker" in m for m in fl.get("goroutine_growth", [])), "no flag on the pool")
    fq = t2["finalizers_queued"]["main.leakFin"] - t1["finalizers_queued"]["main.leakFin"]
    check(any(m.startswith(f"+{fq} finalizers queued and not run for main.leakFin")
              for m in fl.get("finalizer_queue_growth", [])), f"finalizer flag: {d['flags']}")
    nt = t2["types"]["Leak"] - t1["types"]["Leak"]
    check(any(m.startswith(f"+{nt} types made at run time") and "StructOf" in m
              for m in fl.get("runtime_types_growth", [])), f"types flag: {d['flags']}")
    tk = t2["tickers"]["1h0m0s"] - t1["tickers"]["1h0m0s"]
    check(any(m.startswith(f"+{tk} pending timers") for m in fl.get("timer_growth", [])),
          f"timer flag: {d['flags']}")
    # the summary metrics
    g = d["metrics"]["goroutines"]
    n = sum(t2["goroutines"].values()) - sum(t1["goroutines"].values())
    check(g["growth"] == n, f"goroutine growth {g} != {n}")
    check(d["metrics"]["finalizers.queued"]["growth"] == fq, "finalizers.queued growth")
    check(d["metrics"]["types.runtime_created"]["growth"] == nt, "types growth")
    # text: the flag and the group
    rc, txt, _ = diff(c1, c2, "--exe", exe)
    check(f"+{gl} goroutines in chan receive at main.leakWorker" in txt, "text flag")
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", f"growth.goroutines>={n}")
    check(rc == 3, f"growth.goroutines>={n}: exit {rc}")
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", f"growth.goroutines>{n}")
    check(rc == 0, f"growth.goroutines>{n}: exit {rc}")
    pct = 100 * n // g["old"]
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", f"growth.goroutines>={pct}%")
    check(rc == 3, f"growth.goroutines>={pct}%: exit {rc}")
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", f"growth.goroutines>{pct + 1}%")
    check(rc == 0, f"growth.goroutines>{pct + 1}%: exit {rc}")
    rc, _, _ = diff(c1, c2, "--exe", exe, "--fail-on", "growth.finalizers.queued>0")
    check(rc == 3, f"growth.finalizers.queued>0: exit {rc}")
    # a JSON snapshot (summary --format json) of the same moment as a core
    # gives the same diff, as OLD or NEW
    snaps = []
    for core in (c1, c2):
        snap = core + ".json"
        with open(snap, "w") as f:
            p = subprocess.run([a.gomortem, "summary", core, "--exe", exe, "--format", "json", "--heap-types"], stdout=f,
                               stderr=subprocess.PIPE, text=True)
        check(p.returncode == 0 and not p.stderr, f"summary of {core}: exit {p.returncode}: {p.stderr}")
        snaps.append(snap)
    def same_diff(old, new, *extra):
        rc1, o1, e1 = diff(c1, c2, *extra, "--format", "json")
        rc2, o2, e2 = diff(old, new, *extra, "--format", "json")
        check(rc1 == rc2, f"snapshot diff {old} {new}: exit {rc2} != {rc1}: {e2}")
        if not (o1 and o2):
            return
        x, y = json.loads(o1), json.loads(o2)
        for k in ("categories", "flags", "metrics", "interval_seconds", "same_build", "stacks_matched_by"):
            check(x[k] == y[k], f"snapshot diff {old} {new}: {k} differs")
    same_diff(c1, snaps[1], "--exe", exe)
    same_diff(snaps[0], c2, "--exe", exe)
    same_diff(snaps[0], snaps[1])
    bad = os.path.join(td, "bad.json")
    open(bad, "w").write(open(snaps[1]).read()[:-200])
    rc, _, err = diff(c1, bad, "--exe", exe)
    check(rc == 2 and err.count("\n") == 1 and "JSON" in err, f"cut snapshot: exit {rc}: {err}")
    # another build: refused; with --force, stacks match by function and line
    (b1, b2), (tb1, tb2) = run_prog(td, exe_b, "b")
    rc, _, err = diff(c1, b1, "--exe", exe)
    check(rc == 2 and err.count("\n") == 1, f"other build: exit {rc}: {err}")
    rc, out, err = diff(c1, b2, "--force", "--format", "json")
    check(rc == 0 or (rc == 1 and err), f"--force: exit {rc}: {err}")
    if out:
        d = json.loads(out)
        check(not d["same_build"] and d["stacks_matched_by"] == "function and line", "--force header")
        check_goroutines(d, t1, tb2, "--force")
    # the same with OLD a snapshot: its alt keys name lines
    rc, out, err = diff(snaps[0], b2, "--force", "--format", "json")
    check(rc == 0 or (rc == 1 and err), f"--force snapshot: exit {rc}: {err}")
    if out:
        check_goroutines(json.loads(out), t1, tb2, "--force snapshot")
    rc, _, err = diff(snaps[0], b2)
    check(rc == 2 and err.count("\n") == 1, f"snapshot of another build: exit {rc}: {err}")
sys.exit(1 if fails else 0)
