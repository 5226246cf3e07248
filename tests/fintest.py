#!/usr/bin/env python3
"""Finalizers and cleanups, end to end: tests/progs/finalizers registers known
numbers of finalizers (and cleanups on Go 1.24+), blocks the finalizer
goroutine (and the cleanup goroutine on 1.25+) inside one, leaves more queued,
writes the expected figures (truth.json) and dies of SIGQUIT under
GOTRACEBACK=crash. `gomortem finalizers --format json` must give every figure.

Only the program's own functions (main.*) are compared exactly: the runtime
and the standard library register finalizers of their own (os.File's...),
which must be present in the totals but whose number is not the program's to
know.

Then the core is damaged a few ways (random words in its memory, in a copy):
gomortem must still exit with 0, 1 or 2 within a timeout, never crash or hang.

With --strip the program is built with -ldflags='-s -w' (no symbols, no
DWARF): the layout comes from gorts/ and the runtime globals from the code
that uses them (src/layout/layout_stripped.c); every figure must be the same, and
`gomortem info` must report no global it could not find.

Usage:
  fintest.py --gomortem BIN --versions 1.22,1.26 --work DIR [--strip]
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import random
import shutil
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402  (damaged_cores)
results = []


def report(name, problems):
    results.append(not problems)
    print(("ok   " if not problems else "FAIL ") + name +
          ("" if not problems else ": " + "; ".join(problems[:12])))
    sys.stdout.flush()


def produce(args, v, out):
    return difftest.produce_prog(args.work, v, "finalizers", out, strip=args.strip,
                                 pie=args.pie, goarch=args.goarch)


def run_gm(args, core, exe, fmt="json", timeout=120):
    return subprocess.run([args.gomortem, "finalizers", core, "--exe", exe, "--format", fmt],
                          capture_output=True, text=True, errors="replace", timeout=timeout)


def groups(lst, fn):
    return [g for g in lst["by_function"] if g["function"] == fn]


def check_list(name, got, want, with_type, probs):
    """want: [{function, type?, count, size?}]; got: {total, by_function}."""
    total = 0
    for w in want:
        gs = groups(got, w["function"])
        if with_type:
            gs = [g for g in gs if g["object_type"] == w.get("type")]
        cnt = sum(g["count"] for g in gs)
        total += cnt
        if cnt != w["count"]:
            probs.append("%s %s%s: count %d, want %d" % (
                name, w["function"], " on " + w["type"] if with_type else "", cnt, w["count"]))
        if "size" in w and w.get("size"):
            b = sum(g["bytes"] for g in gs)
            if b != w["count"] * w["size"]:
                probs.append("%s %s: bytes %d, want %d" % (name, w["function"], b,
                                                             w["count"] * w["size"]))
        for g in gs:
            if not g["file"] or not g["file"].endswith(".go") or not g["line"]:
                probs.append("%s %s: no file:line" % (name, w["function"]))
    mine = set(w["function"] for w in want)
    for g in got["by_function"]:
        if (g["function"] or "").startswith("main.") and g["function"] not in mine:
            probs.append("%s: unexpected %s x%d" % (name, g["function"], g["count"]))
    if got["total"] < total:
        probs.append("%s total %d < %d" % (name, got["total"], total))
    if got["total"] != sum(g["count"] for g in got["by_function"]):
        probs.append("%s total %d != sum of groups" % (name, got["total"]))


def tag(args, v):
    return "go%s%s%s%s" % (v, "-stripped" if args.strip else "", "-pie" if args.pie else "",
                           "-" + args.goarch if args.goarch != "amd64" else "")


def check_info(args, v, core, exe):
    """Stripped build: the layout is gorts with the globals found from code,
    and info names no global it could not find."""
    p = subprocess.run([args.gomortem, "info", core, "--exe", exe, "--format", "json"],
                       capture_output=True, text=True, errors="replace", timeout=120)
    probs = []
    try:
        doc = json.loads(p.stdout)
        if doc.get("symtab") or doc.get("dwarf"):
            probs.append("the executable is not stripped (symtab %r, dwarf %r)" %
                         (doc.get("symtab"), doc.get("dwarf")))
        if "globals found from code" not in (doc.get("layout_source") or ""):
            probs.append("layout_source %r" % doc.get("layout_source"))
        missing = [w for w in doc.get("layout_warnings", ["(no layout_warnings)"]) if "not found" in w
                   or "no layout_warnings" in w]
        if missing:
            probs.append("layout_warnings: %r" % missing)
    except ValueError as e:
        probs.append("info: not JSON: %s (exit %d, %s)" % (e, p.returncode, p.stderr.strip()[-300:]))
    report("%s info" % tag(args, v), probs)


def check_version(args, v):
    out = os.path.join(args.work, "fintest", tag(args, v))
    err = produce(args, v, out)
    if err:
        report("%s produce" % tag(args, v), ["could not produce the core: " + err])
        return None
    core, exe = os.path.join(out, "core"), os.path.join(out, "exe")
    with open(os.path.join(out, "truth.json")) as f:
        truth = json.load(f)
    minor = int(v.split(".")[1])
    probs = []
    p = run_gm(args, core, exe)
    if p.returncode != 0:
        probs.append("gomortem exited %d: %s" % (p.returncode, p.stderr.strip()[-400:]))
    try:
        doc = json.loads(p.stdout)
    except ValueError as e:
        report("%s json" % tag(args, v), probs + ["not JSON: %s" % e])
        return None
    if doc.get("schema") != "gomortem.finalizers" or doc.get("schema_version") != 1:
        probs.append("schema %r" % doc.get("schema"))
    check_list("registered", doc["registered"], truth["registered"], True, probs)
    check_list("queued", doc["queued"], truth["queued"], False, probs)
    fg = doc["finalizer_goroutine"]
    if fg["state"] != "running" or not fg["running"] or \
            fg["running"]["function"] != truth["finalizer_blocked_in"]:
        probs.append("finalizer goroutine: state %r running %r" % (fg["state"], fg["running"]))
    if not isinstance(fg["goid"], int) or fg["wait_reason"] != "chan receive":
        probs.append("finalizer goroutine: goid %r wait_reason %r" % (fg["goid"], fg["wait_reason"]))
    if fg["wait_minutes"] is None:
        probs.append("finalizer goroutine: wait_minutes null")
    if not doc["blocked"] or "Finalization is blocked" not in doc["blocked"]:
        probs.append("blocked: %r" % doc["blocked"])
    if doc["specials"].get("finalizer", -1) != doc["registered"]["total"]:
        probs.append("specials.finalizer %r != registered.total" % doc["specials"].get("finalizer"))
    cl = doc["cleanups"]
    if minor >= 24:
        if not cl:
            probs.append("cleanups: null")
        else:
            check_list("cleanups.registered", cl["registered"], truth["cleanups_registered"],
                       False, probs)
            check_list("cleanups.queued", cl["queued"], truth["cleanups_queued"], False, probs)
            if cl["queue"] != ("cleanup_queue" if minor >= 25 else "finalizer_queue"):
                probs.append("cleanups.queue %r" % cl["queue"])
            if minor >= 25:
                run = [g for g in cl["goroutines"] if g["state"] == "running" and g["running"]
                       and g["running"]["function"] == truth["cleanup_blocked_in"]]
                if len(run) != 1:
                    probs.append("cleanup goroutines: %r" % [(g["goid"], g["state"], g["running"])
                                                            for g in cl["goroutines"]])
                if "Cleanups are blocked" not in (doc["blocked"] or ""):
                    probs.append("blocked does not mention cleanups: %r" % doc["blocked"])
            if doc["specials"].get("cleanup", -1) != cl["registered"]["total"]:
                probs.append("specials.cleanup != cleanups.registered.total")
    elif cl is not None:
        probs.append("cleanups on go%s: %r" % (v, cl))
    t = run_gm(args, core, exe, "text")
    if t.returncode != 0 or "Finalization is blocked" not in t.stdout or \
            "main.finAlpha" not in t.stdout:
        probs.append("text format: exit %d: %s" % (t.returncode, (t.stdout + t.stderr)[-300:]))
    report("%s figures" % tag(args, v), probs)
    if args.strip:
        check_info(args, v, core, exe)
    return core, exe


def damage(args, v, core, exe, n):
    """Random words of the core's memory overwritten (copies), n variants."""
    probs = []
    tmp = os.path.join(args.work, "fintest", "damaged-" + tag(args, v))
    try:
        for k, rng in difftest.damaged_cores(core, tmp, n, 4 + n, 2000):
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
                    help="build with -ldflags='-s -w': no symbols, no DWARF (layout from gorts/)")
    ap.add_argument("--pie", action="store_true",
                    help="build with -buildmode=pie (docs/pie.md)")
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)
    if difftest.skip_without_qemu(args.goarch):
        return 77
    for v in args.versions.split(","):
        r = check_version(args, v)
        if r and args.damage:
            damage(args, v, r[0], r[1], args.damage)
        shutil.rmtree(os.path.join(args.work, "fintest", tag(args, v)), ignore_errors=True)
    print("%d passed, %d failed" % (sum(results), len(results) - sum(results)))
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
