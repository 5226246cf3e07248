#!/usr/bin/env python3
"""gomortem watch --pid on tests/progs/leak in its steady mode, which leaks
main.leakWorker goroutines at a known rate a second beside a stable pool of
300 main.poolWorker goroutines: the trend's rate per minute of the leaking
group is within 10 % of the injected rate and monotonic, the pool is
unchanged; the JSON lines parse and carry the gomortem.watch schema (one
snapshot line each, then the diff, gomortem.diff, and the trends); text
mode; --fail-on growth.* exits 3; a target that exits mid-watch ends it
with one line, the partial diff and exit 1. --signals: SIGINT, SIGTERM and
SIGHUP sent to gomortem while the target is stopped (caught in the pause,
made long with GOMORTEM_DEBUG_STOP_MS) and between two snapshots, and
SIGKILL in the pause: every time the target ends up not stopped (no thread
in state t or T) and keeps running (its goroutines keep growing), and a
caught signal ends the watch with the diff, exit 0."""
import argparse, json, os, signal, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--gomortem", required=True)
ap.add_argument("--version", required=True, help="Go version, e.g. 1.22")
ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
ap.add_argument("--signals", action="store_true", help="the signal tests too")
a = ap.parse_args()
a.go = a.goroot_pattern.replace("XX", a.version.split(".", 1)[1]) + "/bin/go"
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs", "leak")
RATE = 200  # goroutines a second
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)


def start_leak(td, tag, rate, exit_after=None):
    truth = os.path.join(td, "truth" + tag)
    argv = [os.path.join(td, "leak"), truth, "steady", str(rate)]
    if exit_after is not None:
        argv.append(str(exit_after))
    p = subprocess.Popen(argv)
    for _ in range(300):
        try:
            t = json.load(open(truth))
            if t.get("mode") == "steady":
                return p, t
        except (OSError, ValueError):
            pass
        if p.poll() is not None:
            raise SystemExit("leak exited before it started")
        time.sleep(0.05)
    p.kill()
    raise SystemExit("leak never started")


def watch(*args, env=None):
    return subprocess.run([a.gomortem, "watch", *args], capture_output=True, text=True, timeout=60, env=env)


def states(pid):
    """the state letter of every thread of pid"""
    out = []
    try:
        for t in os.listdir(f"/proc/{pid}/task"):
            try:
                s = open(f"/proc/{pid}/task/{t}/stat").read()
                out.append(s[s.rindex(")") + 2])
            except (OSError, ValueError):
                pass
    except OSError:
        pass
    return out


def jlines(out):
    docs = []
    for l in out.splitlines():
        try:
            docs.append(json.loads(l))
        except ValueError as e:
            check(False, f"not a JSON line: {l[:100]!r}: {e}")
    return docs


def goroutine_rows(diff, func):
    return [r for r in diff["categories"]["goroutines"].get("items", [])
            if r.get("where") and r["where"]["function"] == func]


def check_snapshots(docs, n, pid, what):
    snaps = [d for d in docs if d.get("type") == "snapshot"]
    check(len(snaps) == n, f"{what}: {len(snaps)} snapshot lines, want {n}")
    for i, d in enumerate(snaps):
        check(d.get("schema") == "gomortem.watch" and d.get("version") == 1 and d.get("pid") == pid
              and d.get("seq") == i + 1, f"{what}: snapshot header {dict(list(d.items())[:5])}")
        check(isinstance(d.get("time_usec"), int) and d.get("pause_ms", 0) > 0, f"{what}: time/pause {d.get('pause_ms')}")
        m = d.get("metrics", {})
        check(isinstance(m.get("goroutines"), int) and isinstance(m.get("heap.HeapInuse"), int),
              f"{what}: metrics {list(m)[:5]}")
        check(d["growth"]["goroutines"] == m["goroutines"] - snaps[0]["metrics"]["goroutines"],
              f"{what}: growth since the first")
    return snaps


def main_checks(td):
    p, t = start_leak(td, "main", RATE)
    try:
        r = watch("--pid", str(p.pid), "--interval", "500ms", "--count", "4", "--format", "json")
        check(r.returncode == 0, f"json watch: exit {r.returncode}: {r.stderr[-300:]}")
        docs = jlines(r.stdout)
        snaps = check_snapshots(docs, 4, p.pid, "json")
        end = docs[-1] if docs else {}
        check(end.get("type") == "end" and end.get("schema") == "gomortem.watch" and end.get("reason") == "count"
              and end.get("snapshots") == 4, f"end line {str(end)[:200]}")
        d = end.get("diff") or {}
        check(d.get("schema") == "gomortem.diff", "the end line carries a gomortem.diff")
        # the leak: rate within 10 % of the injected one, monotonic
        tr = [x for x in end.get("trends", []) if x["category"] == "goroutines" and "main.leakWorker" in x["label"]]
        check(len(tr) == 1, f"one trend for main.leakWorker: {tr}")
        want = RATE * 60.0
        for x in tr:
            check(abs(x["per_minute"] - want) <= 0.1 * want,
                  f"leakWorker rate {x['per_minute']}/min, injected {want}/min")
            check(x["monotonic"] and all(b > c for c, b in zip(x["samples"], x["samples"][1:])),
                  f"leakWorker monotonic {x}")
            print(f"go{a.version}: leakWorker {x['samples']} -> {x['per_minute']:.1f}/min (injected {want:.0f}/min)")
        # the last snapshot line's goroutine growth is the diff's (the same
        # two snapshots); it is the leak's unless other goroutines came or
        # went between the two (the runtime's own, under load: said, not failed)
        gd = (d.get("categories") or {}).get("goroutines") or {}
        if len(snaps) == 4:
            check(gd.get("known") and snaps[-1]["growth"]["goroutines"] == gd["new"] - gd["old"],
                  f"the last snapshot line's goroutine growth {snaps[-1]['growth']} is the diff's {gd.get('new')} - {gd.get('old')}")
        if tr and len(snaps) == 4:
            first = tr[0]["samples"][0]
            if [s["growth"]["goroutines"] for s in snaps] != [v - first for v in tr[0]["samples"]]:
                other = [(r["change"], r["old"], r["new"], r["key"][:120]) for r in gd.get("items", [])
                         if r["change"] != "unchanged" and "main.leakWorker" not in r["key"]]
                print(f"note: goroutines other than the leak changed between the snapshots: {other}")
        # the pool: one group, unchanged, no trend
        pool = goroutine_rows(d, "main.poolWorker") if d else []
        check(len(pool) == 1 and pool[0]["change"] == "unchanged" and pool[0]["old"] == pool[0]["new"] ==
              t["pool"]["main.poolWorker"], f"pool unchanged: {pool}")
        check(not any("poolWorker" in x["label"] for x in end.get("trends", [])), "no trend on the pool")
        mt = {x["metric"]: x for x in end.get("metric_trends", [])}
        check("goroutines" in mt and abs(mt["goroutines"]["per_minute"] - want) <= 0.1 * want,
              f"goroutines metric trend {mt.get('goroutines')}")
        # the heap is compared too: by type (the watch's copy holds the heap)
        # and by allocation site (the program keeps a heap profile)
        cats = d.get("categories", {})
        for cat in ("heap.types", "heap.sites"):
            c = cats.get(cat, {})
            check(c.get("known") and c.get("unit") == "bytes" and c.get("new", 0) > 0, f"watch diff {cat}: {str(c)[:300]}")
        pb = [x for x in cats.get("heap.sites", {}).get("items", []) if x["key"].startswith("main.poolHeap ")]
        check(len(pb) == 1 and pb[0]["change"] == "unchanged", f"watch diff: the pool's heap site unchanged: {pb}")
        # --for D: snapshots at 0, I, 2I, ... while they fall within D
        r = watch("--pid", str(p.pid), "--interval", "300ms", "--for", "1s", "--format", "json")
        docs = jlines(r.stdout)
        end = docs[-1] if docs else {}
        sn = [x for x in docs if x.get("type") == "snapshot"]
        check(r.returncode == 0 and end.get("reason") == "for" and end.get("snapshots") == 4 and len(sn) == 4,
              f"--for 1s --interval 300ms: exit {r.returncode}, {len(sn)} snapshots, end {str(end)[:200]}")
        # text
        r = watch("--pid", str(p.pid), "--interval", "300ms", "--count", "2")
        lines = r.stdout.splitlines()
        check(r.returncode == 0 and lines[0].startswith("#1 ") and lines[1].startswith("#2 ")
              and "pause " in lines[0] and "goroutines " in lines[0], f"text: exit {r.returncode} {lines[:2]}")
        check("trends over 2 snapshots" in r.stdout and "main.leakWorker" in r.stdout.split("trends over")[-1]
              and "chan receive at main.leakWorker (main.go:" in r.stdout and "\ndiff pid " in r.stdout,
              f"text: diff and trends {r.stdout[-600:]}")
        # --fail-on on the final diff
        r = watch("--pid", str(p.pid), "--interval", "300ms", "--count", "2", "--fail-on", "growth.goroutines>10")
        check(r.returncode == 3 and "--fail-on growth.goroutines>10: crossed" in r.stderr,
              f"--fail-on crossed: exit {r.returncode} {r.stderr[-200:]}")
        # (not timers: the program's own sleep timer is pending or not
        # depending on where the stop catches it; it makes no types)
        r = watch("--pid", str(p.pid), "--interval", "300ms", "--count", "2", "--fail-on",
                  "growth.types.runtime_created>0")
        check(r.returncode == 0, f"--fail-on not crossed: exit {r.returncode} {r.stderr[-200:]}")
        check(not any(s in ("t", "T") for s in states(p.pid)), "target not left stopped")
    finally:
        p.kill()
        p.wait()


def exit_checks(td):
    # the target exits 1.3 s after the leak starts: the watch sees 2-3 snapshots
    p, t = start_leak(td, "exit", RATE, 1.3)
    try:
        r = watch("--pid", str(p.pid), "--interval", "500ms", "--count", "20", "--format", "json")
        docs = jlines(r.stdout)
        end = docs[-1] if docs else {}
        n = end.get("snapshots", 0)
        check(r.returncode == 1, f"exited target: exit {r.returncode}, want 1")
        check(f"watch: pid {p.pid} exited after {n} snapshots" in r.stderr and
              r.stderr.count("exited after") == 1, f"exited: one line {r.stderr[-300:]}")
        check(end.get("reason") == "target_exited" and n >= 2 and (end.get("diff") or {}).get("schema") ==
              "gomortem.diff", f"exited: partial diff {str(end)[:200]}")
        check_snapshots(docs, n, p.pid, "exited")
    finally:
        p.kill()
        p.wait()


def signal_checks(td):
    p, t = start_leak(td, "sig", 50)
    env = dict(os.environ, GOMORTEM_DEBUG_STOP_MS="300")
    caught_mid = 0
    try:
        cases = [(s, w) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP) for w in ("pause", "between")]
        cases.append((signal.SIGKILL, "pause"))
        for sig, when in cases:
            w = subprocess.Popen([a.gomortem, "watch", "--pid", str(p.pid), "--interval", "600ms", "--format", "json"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            what = f"{signal.Signals(sig).name} {when}"
            mid = False
            if when == "between":
                w.stdout.readline()
                w.stdout.readline()  # the second snapshot is printed: the target runs again
                time.sleep(0.1)
                mid = any(s in ("t", "T") for s in states(p.pid))
            else:
                # the second snapshot's pause (after one full line)
                w.stdout.readline()
                for _ in range(3000):
                    if "t" in states(p.pid) or w.poll() is not None:
                        break
                    time.sleep(0.001)
                mid = "t" in states(p.pid)
                check(mid, f"{what}: caught the target stopped")
            os.kill(w.pid, sig)
            try:
                out, err = w.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                w.kill()
                out, err = w.communicate()
                check(False, f"{what}: watch did not end")
            time.sleep(0.05)
            st = states(p.pid)
            check(st and not any(s in ("t", "T") for s in st), f"{what}: target thread states {st}")
            check(p.poll() is None, f"{what}: target still alive")
            if sig != signal.SIGKILL:
                caught_mid += mid
                docs = jlines(out)
                end = docs[-1] if docs else {}
                check(w.returncode == 0 and end.get("reason") == "signal" and end.get("diff"),
                      f"{what}: exit {w.returncode}, end {str(end)[:150]}, {err[-200:]}")
                check(f"watch: SIG{signal.Signals(sig).name[3:]} after" in err, f"{what}: stderr {err[-200:]}")
            else:
                check(w.returncode == -signal.SIGKILL, f"{what}: exit {w.returncode}")
            print(f"go{a.version}: {what}: target stopped when sent: {mid}; after: {sorted(set(st))}")
        # and it keeps running: the leak goes on
        g = []
        for _ in range(2):
            r = subprocess.run([a.gomortem, "summary", "--pid", str(p.pid), "--format", "json"],
                               capture_output=True, text=True)
            g.append(json.loads(r.stdout)["metrics"]["goroutines"])
            time.sleep(0.5)
        check(g[1] > g[0], f"target keeps running: goroutines {g}")
        check(caught_mid >= 3, f"signals sent mid-pause: {caught_mid}")
    finally:
        p.kill()
        p.wait()


with tempfile.TemporaryDirectory() as td:
    subprocess.run([a.go, "build", "-o", os.path.join(td, "leak"), "."], cwd=src, check=True,
                   env=dict(os.environ, GOFLAGS="-mod=mod", GOTOOLCHAIN="local"))
    main_checks(td)
    exit_checks(td)
    if a.signals:
        signal_checks(td)

if fails:
    print(f"watchtest go{a.version}: {len(fails)} failed")
    sys.exit(1)
print(f"watchtest go{a.version}: ok")
