#!/usr/bin/env python3
"""A real Go program that is not ours: Debian's webhook (a small HTTP server),
stripped (no DWARF, no symbol table), as Debian builds it: bookworm's build
(Go 1.19) and sid's (Go 1.26), both installed by scripts/setup.sh.

Each is started on loopback and serves one request. It is then read live
(`goroutines --pid`, `info --pid`, `finalizers --pid`), crashed with SIGQUIT
under GOTRACEBACK=crash, and both the live read and `gomortem goroutines
--format go` on its core must agree with the runtime's own dump goroutine by
goroutine (as tests/difftest.py compares), with the layout from gorts/ and
globals found from code (info's layout_warnings names none missing);
`finalizers` must work on the core and live (its numbers are the program's,
only their consistency is checked).

Usage: realworld.py --gomortem BIN      Last line: "N passed, M failed".
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402

PROGRAMS = [
    ("webhook (Debian bookworm, Go 1.19)", "/usr/bin/webhook"),
    ("webhook (Debian sid, Go 1.26)", "/opt/gomortem-test/webhook-sid/usr/bin/webhook"),
]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run_one(gm, name, exe, work):
    problems = []
    if not os.access(exe, os.X_OK):
        return [f"{exe} is not installed (scripts/setup.sh installs it)"]
    if difftest.core_pattern_problem():
        return [difftest.core_pattern_problem()]
    d = tempfile.mkdtemp(dir=work)
    with open(os.path.join(d, "hooks.json"), "w") as f:
        json.dump([{"id": "ping", "execute-command": "/bin/true"}], f)
    port = free_port()
    env = dict(os.environ, GOTRACEBACK="crash")
    with open(os.path.join(d, "stderr.txt"), "wb") as err:
        p = subprocess.Popen([exe, "-hooks", "hooks.json", "-ip", "127.0.0.1", "-port", str(port)],
                             cwd=d, env=env, stderr=err, stdout=subprocess.DEVNULL,
                             preexec_fn=difftest.raise_core_limit)
        ok = False
        for _ in range(100):  # up to 10 s for the server to answer
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/hooks/ping", timeout=2) as r:
                    ok = r.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        if not ok:
            p.kill()
            p.wait()
            return [f"{exe} did not serve on 127.0.0.1:{port}"]
        time.sleep(0.3)
        # live, before the crash: the same process the dump will show
        lv = subprocess.run([gm, "goroutines", "--pid", str(p.pid), "--format", "go"],
                            capture_output=True, text=True, errors="replace", timeout=120)
        if lv.returncode != 0:
            problems.append(f"goroutines --pid exited {lv.returncode}: {lv.stderr.strip()[:300]}")
        li = subprocess.run([gm, "info", "--pid", str(p.pid), "--format", "json"],
                            capture_output=True, text=True, errors="replace", timeout=120)
        try:
            lmeta = json.loads(li.stdout)
            if not lmeta.get("live") or lmeta.get("consistent") is not True:
                problems.append("info --pid: live %r consistent %r" % (lmeta.get("live"),
                                                                       lmeta.get("consistent")))
            problems.extend(missing_globals("info --pid", lmeta))
        except ValueError as e:
            problems.append(f"info --pid: not JSON: {e}: {li.stderr.strip()[:200]}")
        problems.extend(check_finalizers("finalizers --pid", gm, ["--pid", str(p.pid)]))
        p.send_signal(signal.SIGQUIT)
        try:
            p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            return ["did not die of SIGQUIT"]
    core = difftest.find_core(d, p.pid)
    if not core:
        return ["no core was written"]
    info = subprocess.run([gm, "info", core, "--format", "json"], capture_output=True, text=True)
    if info.returncode != 0:
        return [f"gomortem info exited {info.returncode}: {info.stderr.strip()}"]
    meta = json.loads(info.stdout)
    if meta["dwarf"] or meta["symtab"]:
        problems.append(f"{exe} is not stripped (dwarf={meta['dwarf']} symtab={meta['symtab']})")
    if not meta["layout_source"].startswith("gorts"):
        problems.append(f"layout from {meta['layout_source']!r}, expected gorts")
    problems.extend(missing_globals("info", meta))
    problems.extend(check_finalizers("finalizers on the core", gm, [core]))
    out = subprocess.run([gm, "goroutines", core, "--format", "go"], capture_output=True, text=True)
    if out.returncode != 0:
        problems.append(f"gomortem goroutines exited {out.returncode}: {out.stderr.strip()[:300]}")
    go = difftest.parse_dump(open(os.path.join(d, "stderr.txt"), errors="replace").read())
    res = difftest.Result(name + " (core)")
    difftest.compare_dumps(go, difftest.parse_dump(out.stdout), res)
    print(f"{name}: {meta['go_version']}, layout {meta['layout_source']}")
    difftest.print_result(res, 4)
    if not res.ok:
        problems.append("the core read differs from the runtime's own dump")
    if lv.returncode == 0:
        res = difftest.Result(name + " (live)")
        difftest.compare_dumps(go, difftest.parse_dump(lv.stdout), res)
        difftest.print_result(res, 4)
        if not res.ok:
            problems.append("the live read differs from the runtime's own dump")
    return problems


def missing_globals(what, meta):
    """Stripped: every runtime global found (info's layout_warnings)."""
    if "layout_warnings" not in meta:
        return [f"{what}: no layout_warnings"]
    return [f"{what}: {w}" for w in meta["layout_warnings"] if "not found" in w]


def check_finalizers(what, gm, target):
    p = subprocess.run([gm, "finalizers"] + target + ["--format", "json"], capture_output=True,
                       text=True, errors="replace", timeout=120)
    if p.returncode != 0:
        return [f"{what} exited {p.returncode}: {p.stderr.strip()[:300]}"]
    try:
        doc = json.loads(p.stdout)
    except ValueError as e:
        return [f"{what}: not JSON: {e}"]
    probs = []
    reg = doc["registered"]
    if reg["total"] != sum(g["count"] for g in reg["by_function"]):
        probs.append(f"{what}: registered total {reg['total']} != sum of its groups")
    if doc["specials"].get("finalizer", -1) != reg["total"]:
        probs.append(f"{what}: specials.finalizer {doc['specials'].get('finalizer')} != "
                     f"registered.total {reg['total']}")
    if reg["total"] and not any(g["function"] for g in reg["by_function"]):
        probs.append(f"{what}: no finalizer function named")
    return probs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="gomortem-real-") as work:
        for name, exe in PROGRAMS:
            problems = run_one(gm, name, exe, work)
            if problems:
                failed += 1
                print(f"FAIL {name}: " + "; ".join(problems))
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
