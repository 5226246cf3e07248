#!/usr/bin/env python3
"""Huge sparse mappings (issue 17): tests/progs/sparse maps 64 GiB of
anonymous memory (syscall.Mmap, MAP_NORESERVE) and writes a non-zero byte
into 1,000 of its pages; it records where (truth.json).

A sweep over such a mapping must cost what is in it, not its size: before,
`maps`/`summary --pid` read every page of the live copy's zero backing and
`dump --pid` read it too (each read faulted real memory in on this machine:
`dump` was killed by the OOM killer at 24 GB), and `maps` of the kernel's
core read every hole of the file (60 s, 24 GB resident). Checked, each
command within --cmd-timeout (a hang or an OOM kill fails):
- live: `maps --pid --format json` lists the mapping whole (start, size,
  class anonymous) with in_use exactly 1,000 pages; `summary --pid --format
  json` counts it in memory.by_class.anonymous and its 1,000 pages in
  memory.in_use.anonymous; `dump --pid` writes a core whose PT_LOAD covers
  the mapping while the file holds under 64 MiB of blocks, and `maps` of
  that core gives the same mapping and in_use; the program is not left
  stopped;
- the kernel's core (GOTRACEBACK=crash, SIGQUIT): `maps --format json`
  gives the same mapping and in_use.
One Go version is enough: nothing here reads the Go runtime differently
from one version to the next (the sweep is over the target's memory map).
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
from testlib import core_loads, remove_stale_ready, version_driver  # noqa: E402

CMD_TIMEOUT = 20


def gm(args, argv):
    p = subprocess.run([args.gomortem] + argv, capture_output=True, text=True, errors="replace",
                       timeout=CMD_TIMEOUT)
    return p


def check_maps(args, target, truth, what):
    """[problems] of `maps TARGET --format json` for the sparse mapping."""
    try:
        p = gm(args, ["maps"] + target + ["--format", "json"])
    except subprocess.TimeoutExpired:
        return ["%s: maps did not finish within %d s" % (what, CMD_TIMEOUT)]
    if p.returncode != 0:
        return ["%s: maps exited %d: %s" % (what, p.returncode, p.stderr.strip()[-300:])]
    d = json.loads(p.stdout)
    hits = [m for m in d["mappings"] if int(m["start"], 16) == truth["addr"]]
    if not hits:
        return ["%s: no mapping starts at 0x%x" % (what, truth["addr"])]
    m = hits[0]
    probs = []
    if m["size"] != truth["size"] or m["class"] != "anonymous":
        probs.append("%s: the mapping is %s bytes of class %s, want %d anonymous" % (
            what, m["size"], m["class"], truth["size"]))
    if m.get("in_use") != truth["touched_pages"] * 4096:
        probs.append("%s: in_use %s, want %d (the pages written)" % (
            what, m.get("in_use"), truth["touched_pages"] * 4096))
    return probs


def state(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for ln in f:
                if ln.startswith("State:"):
                    return ln.split()[1]
    except OSError:
        pass
    return "?"


def live(args, exe, rundir):
    probs = []
    os.makedirs(rundir, exist_ok=True)
    ready = os.path.join(rundir, "ready")
    remove_stale_ready(ready)
    proc = subprocess.Popen([exe, ready], cwd=rundir, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + args.ready_timeout
        while not os.path.exists(ready):
            if proc.poll() is not None or time.monotonic() > deadline:
                return ["the program did not get ready (exit %s)" % proc.poll()]
            time.sleep(0.02)
        with open(ready + ".truth.json") as f:
            truth = json.load(f)
        target = ["--pid", str(proc.pid)]
        probs += check_maps(args, target, truth, "live")
        try:
            p = gm(args, ["summary"] + target + ["--format", "json"])
            if p.returncode != 0:
                probs.append("live summary exited %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
            else:
                mem = json.loads(p.stdout)["memory"]
                if mem["by_class"]["anonymous"] < truth["size"]:
                    probs.append("live summary: %d anonymous bytes mapped, under the mapping's %d" % (
                        mem["by_class"]["anonymous"], truth["size"]))
                if mem["in_use"]["anonymous"] < truth["touched_pages"] * 4096:
                    probs.append("live summary: %d anonymous bytes in use, under the %d written" % (
                        mem["in_use"]["anonymous"], truth["touched_pages"] * 4096))
        except subprocess.TimeoutExpired:
            probs.append("live summary did not finish within %d s" % CMD_TIMEOUT)
        core = os.path.join(rundir, "dump.core")
        if os.path.exists(core):
            os.remove(core)
        try:
            p = gm(args, ["dump"] + target + ["-o", core])
            if p.returncode != 0:
                probs.append("dump exited %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
            else:
                loads = core_loads(core)
                if not any(va <= truth["addr"] and truth["addr"] + truth["size"] <= va + memsz
                           for va, _off, _fsz, memsz in loads):
                    probs.append("dump: no PT_LOAD covers the mapping")
                held = os.stat(core).st_blocks * 512
                if held >= 64 << 20:
                    probs.append("dump: the core holds %d bytes of blocks: the zero pages were written" % held)
                probs += check_maps(args, [core], truth, "dump core")
        except subprocess.TimeoutExpired:
            probs.append("dump did not finish within %d s" % CMD_TIMEOUT)
        finally:
            if os.path.exists(core):
                os.remove(core)
        st = state(proc.pid)
        if st in ("t", "T"):
            probs.append("the program was left stopped (state %s)" % st)
    finally:
        proc.kill()
        proc.wait()
    return probs


def test(args, v):
    exe, err = difftest.build(args, v, "sparse")
    if err:
        return [err]
    rundir = os.path.join(args.work, "sparsetest", "go" + v + ".%d" % os.getpid())
    probs = live(args, exe, os.path.join(rundir, "live"))
    r = difftest.run_and_crash(exe, os.path.join(rundir, "core"), args.ready_timeout)
    try:
        with open(r["truth"]) as f:
            truth = json.load(f)
        probs += check_maps(args, [r["core"], "--exe", exe], truth, "kernel core")
    finally:
        os.remove(r["core"])
    return probs


if __name__ == "__main__":
    sys.exit(version_driver(__doc__.split("\n")[0], test, "64 GiB sparse mapping: live, dump and kernel core"))
