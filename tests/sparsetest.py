#!/usr/bin/env python3
"""Huge sparse mappings (issue 17): tests/progs/sparse maps 64 GiB of
anonymous memory (syscall.Mmap, MAP_NORESERVE) and writes a non-zero byte
into 1,000 of its pages, and 128 MiB more with every page written
(resident), each between two inaccessible pages so that no neighbouring
anonymous mapping is reported with it (maps merges adjacent pieces of one
class; CI once saw the runtime's own 2 MiB placed right beside the 64 GiB);
it records where (truth.json).

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
  the mapping while the file holds under 64 MiB of blocks beyond the
  resident 128 MiB, and `maps` of
  that core gives the same mapping and in_use; the program is not left
  stopped;
- the copy limit (GOMORTEM_COPY_LIMIT_MB=64, standing in for half the
  available memory): `maps --pid` leaves the 128 MiB mapping out of the copy
  (not_copied, in_use its 128 MiB of resident pages, gomortem's own peak
  RSS under 100 MiB where the full copy needs more than 128 MiB) and says
  so on stderr, the sparse one (4 MB present) is still copied and read;
  `summary --pid` exits 0 with no problem; `dump` is not limited (the core
  holds the 128 MiB: maps of it reads them);
- the kernel's core (GOTRACEBACK=crash, SIGQUIT): `maps --format json`
  gives the same mapping and in_use.
One Go version is enough: nothing here reads the Go runtime differently
from one version to the next (the sweep is over the target's memory map).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
from testlib import core_loads, remove_stale_ready, version_driver  # noqa: E402

CMD_TIMEOUT = 20


class Run:
    def __init__(self, returncode, stdout, stderr, maxrss_kb):
        self.returncode, self.stdout, self.stderr, self.maxrss_kb = returncode, stdout, stderr, maxrss_kb


def gm(args, argv, env=None):
    """Runs gomortem; its own peak RSS from wait4 (subprocess.TimeoutExpired
    past CMD_TIMEOUT, the process killed)."""
    e = dict(os.environ)
    e.pop("GOMORTEM_COPY_LIMIT_MB", None)
    e.update(env or {})
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen([args.gomortem] + argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=e)
        deadline = time.monotonic() + CMD_TIMEOUT
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                os.wait4(p.pid, 0)
                raise subprocess.TimeoutExpired(argv, CMD_TIMEOUT)
            time.sleep(0.01)
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(p.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                   ru.ru_maxrss)


def region(d, addr):
    hits = [m for m in d["mappings"] if int(m["start"], 16) == addr]
    return hits[0] if hits else None


def check_maps(args, target, truth, what, env=None, limited=False):
    """[problems] of `maps TARGET --format json` for the two mappings;
    limited: GOMORTEM_COPY_LIMIT_MB is in env (live), the resident one must
    be left out of the copy."""
    try:
        p = gm(args, ["maps"] + target + ["--format", "json"], env)
    except subprocess.TimeoutExpired:
        return ["%s: maps did not finish within %d s" % (what, CMD_TIMEOUT)]
    if p.returncode != 0:
        return ["%s: maps exited %d: %s" % (what, p.returncode, p.stderr.strip()[-300:])]
    d = json.loads(p.stdout)
    probs = []
    for addr, size, in_use, name in ((truth["addr"], truth["size"], truth["touched_pages"] * 4096, "sparse"),
                                     (truth["resident_addr"], truth["resident_size"], truth["resident_size"],
                                      "resident")):
        m = region(d, addr)
        if not m:
            probs.append("%s: no mapping starts at 0x%x (%s)" % (what, addr, name))
            continue
        if m["size"] != size or m["class"] != "anonymous":
            probs.append("%s: the %s mapping is %s bytes of class %s, want %d anonymous" % (
                what, name, m["size"], m["class"], size))
        if m.get("in_use") != in_use:
            probs.append("%s: the %s mapping's in_use is %s, want %d (the pages written)" % (
                what, name, m.get("in_use"), in_use))
        if m.get("not_copied", False) != (limited and name == "resident"):
            probs.append("%s: the %s mapping has not_copied %s" % (what, name, m.get("not_copied", False)))
    if limited:
        if p.maxrss_kb * 1024 >= 100 << 20:
            probs.append("%s: gomortem's peak RSS was %d KiB with the copy limit" % (what, p.maxrss_kb))
        if "not copied" not in p.stderr:
            probs.append("%s: nothing on stderr says a mapping was not copied: %r" % (what, p.stderr[-300:]))
    elif target[0] == "--pid" and p.maxrss_kb * 1024 < truth["resident_size"]:
        probs.append("%s: gomortem's peak RSS %d KiB is under the resident mapping it copied" % (
            what, p.maxrss_kb))
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
        limit = {"GOMORTEM_COPY_LIMIT_MB": "64"}
        probs += check_maps(args, target, truth, "live, copy limit 64 MiB", limit, limited=True)
        try:
            p = gm(args, ["summary"] + target + ["--format", "json"], limit)
            if p.returncode != 0 or json.loads(p.stdout)["problems"]:
                probs.append("live summary with the copy limit: exit %d, %s" % (
                    p.returncode, p.stderr.strip()[-300:]))
        except subprocess.TimeoutExpired:
            probs.append("live summary with the copy limit did not finish within %d s" % CMD_TIMEOUT)
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
            p = gm(args, ["dump"] + target + ["-o", core], limit)  # dump copies everything
            if p.returncode != 0:
                probs.append("dump exited %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
            else:
                loads = core_loads(core)
                if not any(va <= truth["addr"] and truth["addr"] + truth["size"] <= va + memsz
                           for va, _off, _fsz, memsz in loads):
                    probs.append("dump: no PT_LOAD covers the mapping")
                held = os.stat(core).st_blocks * 512
                if held >= truth["resident_size"] + (64 << 20):
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
