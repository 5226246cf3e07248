#!/usr/bin/env python3
"""Differential test: gomortem's reading of a core against the Go runtime's own
SIGQUIT dump (GOTRACEBACK=crash), goroutine by goroutine, for each Go version.

Modes:
  difftest.py [--gomortem BIN] [--work DIR] [--versions 1.19,1.22,...]
              [--allow-missing] [--keep DIR] [--json-check]
      build tests/progs/scenarios with every toolchain, make a core of it,
      and compare `gomortem goroutines CORE --exe EXE --format go` with the
      runtime's dump.  Last line: "N passed, M failed" (N, M = versions).
  difftest.py --goarch arm64 ...
      the same with GOARCH=arm64 builds run under qemu-user (qemu-aarch64),
      whose guest core (qemu_PROG_DATE_PID.core) is read; exits 77 (skip)
      when qemu-aarch64 is not installed.
  difftest.py --produce OUTDIR --versions 1.22 [--prog manyg --prog-arg 225000]
      only build, run and crash: OUTDIR/{core,exe,stderr.txt,truth.json}
      (one version; with several, OUTDIR/go1.XX/...).
  difftest.py --self-test [DUMP...]
      parse Go dumps (default: embedded samples and corpus/*/stderr.txt),
      render them back and check the round trip is exact.
  difftest.py --compare GO_DUMP GOMORTEM_OUTPUT
      compare two dumps that already exist.
  difftest.py --corpus [DIR] --gomortem BIN
      for each DIR/*/ (default corpus/): gomortem on core.zst + exe.zst (needs
      the zstd command) against the committed stderr.txt.  No Go toolchain needed.

Standard library only.  Toolchains: /usr/lib/go-1.XX/bin/go (override the
pattern with --goroot-pattern).
"""

import argparse
import atexit
import concurrent.futures
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import struct
import sys
import tempfile
import time

ALL_VERSIONS = ["1.19", "1.21", "1.22", "1.23", "1.24", "1.25", "1.26", "1.27"]
SRC_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(SRC_DIR)
PROGS_DIR = os.path.join(SRC_DIR, "progs")

# ---------------------------------------------------------------------------
# Parsing Go's traceback text
# ---------------------------------------------------------------------------

HEADER_RE = re.compile(
    r"^goroutine (\d+)"
    r"(?: gp=(0x[0-9a-f]+) m=(nil|\d+)(?: mp=(0x[0-9a-f]+))?)?"
    r" \[([^\]]*)\](?: (\{.*\}))?:$")   # Go 1.26+: pprof labels {k: v}
FILE_RE = re.compile(
    r"^\t(.*):(\d+)"
    r"(?: (\+0x[0-9a-f]+))?"
    r"(?: fp=(0x[0-9a-f]+) sp=(0x[0-9a-f]+) pc=(0x[0-9a-f]+))?$")
ELIDED_RE = re.compile(r"^\.\.\.(\d+ frames|additional frames) elided\.\.\.$")
CREATED_RE = re.compile(r"^created by (.+?)(?: in goroutine (\d+))?$")
REG_RE = re.compile(r"^[a-z][a-z0-9]{1,6} +0x[0-9a-f]+$")   # register dump line
UNAVAILABLE = "\tgoroutine running on other thread; stack unavailable"


class Frame:
    """One frame: function line + file line, or an elision line (func None)."""
    __slots__ = ("func", "args", "file", "line", "offset", "fp", "sp", "pc",
                 "elided", "raw_func", "raw_file")

    def __init__(self):
        self.func = self.args = self.file = self.line = None
        self.offset = self.fp = self.sp = self.pc = None
        self.elided = None
        self.raw_func = self.raw_file = None

    def key(self):
        """What must match exactly: function, file, line (or the elision)."""
        if self.elided is not None:
            return ("elided", self.elided)
        return (self.func, self.file, self.line)

    def render(self):
        if self.elided is not None:
            return [self.elided]
        return [self.raw_func, self.raw_file]


class Goroutine:
    def __init__(self, header, m):
        self.header = header
        self.goid = int(m.group(1))
        self.gp = m.group(2)
        self.m = m.group(3)
        self.mp = m.group(4)
        self.state = m.group(5)
        self.labels = m.group(6)
        self.frames = []
        self.unavailable = False
        self.created = None        # the "created by ..." line
        self.created_func = None
        self.created_goid = None
        self.created_file = None   # Frame for its file line
        self.extra = []            # lines we did not understand, in order
        self.lines = [header]      # every line, for the round trip

    def frame_keys(self):
        return [f.key() for f in self.frames]

    def created_key(self):
        if self.created is None:
            return None
        cf = self.created_file
        return (self.created, cf.file if cf else None, cf.line if cf else None)

    def render(self):
        out = [self.header]
        if self.unavailable:
            out.append(UNAVAILABLE)
        for f in self.frames:
            out.extend(f.render())
        if self.created is not None:
            out.append(self.created)
            if self.created_file is not None:
                out.append(self.created_file.raw_file)
        out.extend(self.extra)
        return out


def parse_file_line(line, fr):
    m = FILE_RE.match(line)
    if not m:
        return False
    fr.raw_file = line
    fr.file = m.group(1)
    fr.line = int(m.group(2))
    fr.offset = m.group(3)
    fr.fp, fr.sp, fr.pc = m.group(4), m.group(5), m.group(6)
    return True


def split_call(line):
    """'pkg.(*T[...]).f(0x1, {...})' -> ('pkg.(*T[...]).f', '0x1, {...}')."""
    if not line.endswith(")"):
        return None
    p = line.rfind("(")
    if p <= 0:
        return None
    return line[:p], line[p + 1:-1]


class Dump:
    def __init__(self):
        self.goroutines = {}     # goid -> first Goroutine printed
        self.order = []          # goids in order of first appearance
        self.duplicates = []     # goids printed more than once
        self.g0 = []             # goroutine 0 blocks (per-thread g0 stacks)
        self.all_blocks = []     # every block, in order (for the round trip)
        self.sigquit = False
        self.notes = []


def parse_dump(text):
    """Parse a Go traceback dump (SIGQUIT crash output or gomortem --format go)."""
    d = Dump()
    lines = text.split("\n")
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.startswith("SIGQUIT: quit"):
            d.sigquit = True
        m = HEADER_RE.match(line)
        if not m:
            i += 1
            continue
        g = Goroutine(line, m)
        i += 1
        pending = None   # a function line waiting for its file line
        while i < n and lines[i] != "" and not REG_RE.match(lines[i]):
            ln = lines[i]
            g.lines.append(ln)
            i += 1
            if pending is not None:
                if parse_file_line(ln, pending):
                    if pending is not g.created_file:
                        g.frames.append(pending)
                    pending = None
                    continue
                # a function line (or "created by") without its file line
                if pending is g.created_file:
                    g.created_file = None
                else:
                    g.extra.append(pending.raw_func)
                pending = None
            if ln == UNAVAILABLE:
                g.unavailable = True
                continue
            em = ELIDED_RE.match(ln)
            if em:
                fr = Frame()
                fr.elided = ln
                g.frames.append(fr)
                continue
            cm = CREATED_RE.match(ln)
            if cm and g.created is None:
                g.created = ln
                g.created_func = cm.group(1)
                g.created_goid = int(cm.group(2)) if cm.group(2) else None
                g.created_file = Frame()
                pending = g.created_file
                continue
            if HEADER_RE.match(ln):
                # A header without a blank line before it: start over there.
                g.lines.pop()
                i -= 1
                break
            sc = split_call(ln)
            if sc is not None and not ln.startswith("\t") and g.created is None:
                fr = Frame()
                fr.raw_func = ln
                fr.func, fr.args = sc
                pending = fr
                continue
            g.extra.append(ln)
        if pending is not None:
            if pending is g.created_file:
                g.created_file = None
            else:
                g.extra.append(pending.raw_func)
        d.all_blocks.append(g)
        if g.goid == 0:
            d.g0.append(g)
        elif g.goid in d.goroutines:
            d.duplicates.append(g.goid)
            # A running goroutine is printed by tracebackothers as "stack
            # unavailable" and again, with its stack, by its own thread's
            # signal handler: keep the copy that has the stack.
            if d.goroutines[g.goid].unavailable and not g.unavailable and g.frames:
                d.goroutines[g.goid] = g
        else:
            d.goroutines[g.goid] = g
            d.order.append(g.goid)
    return d


def roundtrip_errors(text):
    """Parse then render every goroutine block; return a list of differences."""
    d = parse_dump(text)
    errs = []
    for g in d.all_blocks:
        if g.extra:
            errs.append("goroutine %d: unparsed lines: %r" % (g.goid, g.extra[:3]))
        r = g.render()
        if r != g.lines:
            for a, b in zip(r, g.lines):
                if a != b:
                    errs.append("goroutine %d: rendered %r, original %r" % (g.goid, a, b))
                    break
            else:
                errs.append("goroutine %d: %d lines rendered, %d original" %
                            (g.goid, len(r), len(g.lines)))
    return d, errs


# ---------------------------------------------------------------------------
# Comparing two dumps
# ---------------------------------------------------------------------------

class Result:
    def __init__(self, version):
        self.version = version
        self.ok = False
        self.error = None
        self.counts = {}
        self.problems = []     # strings: the failure reasons
        self.notes = []
        self.diffs = []        # text blocks for the first mismatches
        self.seconds = 0.0

    def summary(self):
        c = self.counts
        name = ("go" + self.version) if self.version[:1].isdigit() else self.version
        if self.error:
            return "%s: FAIL: %s" % (name, self.error)
        s = ("%s: %s: %d goroutines in Go's dump, %d found, header %d, frames %d, "
             "created-by %d, args %d, offset %d, fp/sp/pc %d, invented %d (%.1fs)" % (
                 name, "PASS" if self.ok else "FAIL",
                 c.get("go", 0), c.get("found", 0), c.get("header", 0),
                 c.get("frames", 0), c.get("created", 0), c.get("args", 0),
                 c.get("offset", 0), c.get("fpsppc", 0), c.get("invented", 0),
                 self.seconds))
        return s


def frame_text(f):
    if f.elided is not None:
        return f.elided
    return "%s(%s) %s:%s %s fp=%s sp=%s pc=%s" % (f.func, f.args, f.file, f.line,
                                                 f.offset, f.fp, f.sp, f.pc)


def goroutine_diff(want, got, limit=12):
    out = ["--- goroutine %d (Go) / +++ (gomortem)" % want.goid]
    if want.header != got.header:
        out.append("- " + want.header)
        out.append("+ " + got.header)
    n = max(len(want.frames), len(got.frames))
    shown = 0
    for k in range(n):
        a = want.frames[k] if k < len(want.frames) else None
        b = got.frames[k] if k < len(got.frames) else None
        ta = frame_text(a) if a else "(none)"
        tb = frame_text(b) if b else "(none)"
        if ta != tb:
            out.append("  frame %d:" % k)
            out.append("-   " + ta)
            out.append("+   " + tb)
            shown += 1
            if shown >= limit:
                out.append("  ...")
                break
    if (want.created, want.created_file and want.created_file.raw_file) != \
            (got.created, got.created_file and got.created_file.raw_file):
        out.append("- %s %s" % (want.created, want.created_file and want.created_file.raw_file))
        out.append("+ %s %s" % (got.created, got.created_file and got.created_file.raw_file))
    return "\n".join(out)


MINUTES_RE = re.compile(r", \d+ minutes(?=[,\]])")


def compare_dumps(go, gm, res, max_diffs=4, ignore_minutes=False, lenient=False):
    """Fill res.counts/problems from Go's dump `go` and gomortem's `gm`."""
    c = res.counts
    for k in ("go", "found", "header", "frames", "created", "args", "offset",
              "fpsppc", "elided", "invented", "unavailable"):
        c[k] = 0
    if go.duplicates:
        res.notes.append("Go printed goroutine(s) %s twice (kept the first, or the one with a stack)" %
                         sorted(set(go.duplicates)))
    if gm.duplicates:
        res.problems.append("gomortem printed goroutine(s) %s twice" % sorted(set(gm.duplicates)))
    missing, bad_header, bad_frames, bad_created = [], [], [], []
    minutes_only = []
    args_bad, off_bad, regs_bad = [], [], []
    diffs = 0
    for goid in go.order:
        want = go.goroutines[goid]
        c["go"] += 1
        got = gm.goroutines.get(goid)
        if got is None:
            missing.append(goid)
            continue
        c["found"] += 1
        mismatch = False
        if want.header == got.header:
            c["header"] += 1
        elif MINUTES_RE.sub("", want.header) == MINUTES_RE.sub("", got.header):
            # ", N minutes" is computed by Go at print time: a slow dump (225k
            # goroutines take minutes to print) ages the later goroutines.
            minutes_only.append(goid)
            if ignore_minutes:
                c["header"] += 1
            else:
                bad_header.append(goid)
                mismatch = True
        else:
            bad_header.append(goid)
            mismatch = True
        if want.unavailable:
            # Running on another thread: only the header can be compared.
            c["unavailable"] += 1
            c["frames"] += 1
            c["created"] += 1
            c["args"] += 1
            c["offset"] += 1
            c["fpsppc"] += 1
            if mismatch and diffs < max_diffs:
                res.diffs.append(goroutine_diff(want, got))
                diffs += 1
            continue
        if want.frame_keys() == got.frame_keys():
            c["frames"] += 1
        else:
            bad_frames.append(goid)
            mismatch = True
        if want.created_key() == got.created_key():
            c["created"] += 1
        else:
            bad_created.append(goid)
            mismatch = True
        real_w = [f for f in want.frames if f.elided is None]
        real_g = [f for f in got.frames if f.elided is None]
        same_len = len(real_w) == len(real_g)
        if same_len and all(a.args == b.args for a, b in zip(real_w, real_g)):
            c["args"] += 1
        else:
            args_bad.append(goid)
        cw = want.created_file.offset if want.created_file else None
        cg = got.created_file.offset if got.created_file else None
        if same_len and cw == cg and all(a.offset == b.offset for a, b in zip(real_w, real_g)):
            c["offset"] += 1
        else:
            off_bad.append(goid)
        if same_len and all((a.fp, a.sp, a.pc) == (b.fp, b.sp, b.pc)
                            for a, b in zip(real_w, real_g)):
            c["fpsppc"] += 1
        else:
            regs_bad.append(goid)
        if any(f.elided for f in want.frames):
            c["elided"] += 1
        if mismatch and diffs < max_diffs:
            res.diffs.append(goroutine_diff(want, got))
            diffs += 1
    invented = [g for g in gm.order if g not in go.goroutines]
    c["invented"] = len(invented)

    def few(lst):
        s = ", ".join(str(x) for x in lst[:12])
        return s + (", ..." if len(lst) > 12 else "")
    if missing:
        res.problems.append("%d goroutine(s) missing from gomortem: %s" % (len(missing), few(missing)))
    if bad_header:
        res.problems.append("%d header mismatch(es): %s" % (len(bad_header), few(bad_header)))
    if bad_frames:
        res.problems.append("%d frame-list mismatch(es): %s" % (len(bad_frames), few(bad_frames)))
    if bad_created:
        res.problems.append("%d created-by mismatch(es): %s" % (len(bad_created), few(bad_created)))
    if invented:
        res.problems.append("%d goroutine(s) invented by gomortem (not in Go's dump): %s" %
                            (len(invented), few(invented)))
    if minutes_only:
        res.notes.append("%d header(s) differ only in ', N minutes'%s: %s" % (
            len(minutes_only), " (ignored)" if ignore_minutes else
            " (--ignore-wait-minutes to ignore)", few(minutes_only)))
    # Arguments, +0x offsets and fp/sp/pc are part of the runtime's text too:
    # they must agree as well (--lenient makes them notes, for exploring).
    extra = res.notes if lenient else res.problems
    if args_bad:
        extra.append("args differ in %d goroutine(s): %s" % (len(args_bad), few(args_bad)))
    if off_bad:
        extra.append("+0x offsets differ in %d goroutine(s): %s" % (len(off_bad), few(off_bad)))
    if regs_bad:
        extra.append("fp/sp/pc differ in %d goroutine(s): %s" % (len(regs_bad), few(regs_bad)))
    if c["go"] == 0:
        res.problems.append("Go's dump has no goroutines (parser or run problem)")
    res.ok = not res.problems


def json_goids(obj):
    """Goroutine ids from gomortem's JSON, whatever the exact schema."""
    items = None
    if isinstance(obj, list):
        items = obj
    elif isinstance(obj, dict):
        for k in ("goroutines", "Goroutines", "gs"):
            if isinstance(obj.get(k), list):
                items = obj[k]
                break
    if items is None:
        raise ValueError("no goroutine list (top-level array or 'goroutines' key)")
    ids = []
    for it in items:
        if not isinstance(it, dict):
            raise ValueError("goroutine entry is not an object")
        for k in ("id", "goid", "ID", "Goid"):
            if k in it:
                ids.append(int(it[k]))
                break
        else:
            raise ValueError("goroutine entry without id/goid: keys %s" % sorted(it)[:8])
    return ids


# ---------------------------------------------------------------------------
# Building and running the scenario programs
# ---------------------------------------------------------------------------

def go_bin(args, version):
    return args.goroot_pattern.replace("XX", version.split(".", 1)[1]) + "/bin/go"


def go_env(args):
    env = dict(os.environ)
    cache = os.path.join(args.work, "difftest-cache")
    env.update({
        "GOTOOLCHAIN": "local",
        "GOFLAGS": "-mod=mod",
        "GOCACHE": os.path.join(cache, "gocache"),
        "GOPATH": os.path.join(cache, "gopath"),
        "GOMODCACHE": os.path.join(cache, "gopath", "pkg", "mod"),
        "CGO_ENABLED": "0",
        "GOOS": "linux",
        "GOARCH": getattr(args, "goarch", None) or "amd64",
        "GOPROXY": "off",
        "GO111MODULE": "on",
    })
    for k in ("GOROOT", "GOEXPERIMENT", "GODEBUG", "GOTRACEBACK", "GOMAXPROCS"):
        env.pop(k, None)
    if getattr(args, "goexperiment", None):
        env["GOEXPERIMENT"] = args.goexperiment
    return env


def build_flags(args):
    flags = ["build"]
    if getattr(args, "trimpath", False):
        flags.append("-trimpath")
    if getattr(args, "pie", False):
        flags.append("-buildmode=pie")  # loaded at a random base (docs/pie.md)
    if getattr(args, "strip", False):
        flags.append("-ldflags=-s -w")  # no symbol table, no DWARF
    return flags


def build(args, version, prog):
    """Build tests/progs/PROG with Go VERSION; returns (exe, error)."""
    gobin = go_bin(args, version)
    # One build directory per process: ctest runs several tests at once that
    # build the same program with the same version (difftest, livetest, ...),
    # and one must not delete the sources the other is compiling. Go's build
    # cache (shared, in --work) keeps rebuilding cheap.
    bdir = os.path.join(args.work, "difftest", "go" + version,
                        prog + ("-stripped" if getattr(args, "strip", False) else "") +
                        ("-pie" if getattr(args, "pie", False) else "") +
                        ("-" + args.goarch if getattr(args, "goarch", None) not in (None, "amd64") else "") +
                        ("-" + args.goexperiment.replace(",", "-")
                         if getattr(args, "goexperiment", None) else "") +
                        ".%d" % os.getpid())
    atexit.register(shutil.rmtree, bdir, True)
    src = os.path.join(bdir, "src")
    if os.path.isdir(src):
        shutil.rmtree(src)
    os.makedirs(src)
    for name in sorted(os.listdir(os.path.join(PROGS_DIR, prog))):
        if name.endswith(".go"):
            shutil.copy(os.path.join(PROGS_DIR, prog, name), src)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write("module example.com/%s\n\ngo %s\n" % (prog, version))
    exe = os.path.join(bdir, prog)
    cmd = [gobin] + build_flags(args) + ["-o", exe, "."]
    try:
        p = subprocess.run(cmd, cwd=src, env=go_env(args), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "go build failed: %s" % e
    if p.returncode != 0:
        return None, "go build failed (%d): %s" % (p.returncode,
                                                    p.stdout.decode(errors="replace")[-2000:])
    return exe, None


def produce_prog(work, version, prog, out, strip=False, goexperiment=None, pie=False, goarch=None):
    """Runs this script's --produce mode for tests/progs/PROG in a child (its
    own build directory): OUTDIR/{core,exe,stderr.txt,truth.json}. Returns
    None, or the end of the output when it failed."""
    p = subprocess.run([sys.executable, os.path.abspath(__file__), "--produce", out,
                        "--versions", version, "--prog", prog, "--work", work] +
                       (["--strip"] if strip else []) +
                       (["--pie"] if pie else []) +
                       (["--goarch", goarch] if goarch else []) +
                       (["--goexperiment", goexperiment] if goexperiment else []),
                       capture_output=True, text=True, timeout=900)
    if p.returncode != 0 or not os.path.exists(os.path.join(out, "truth.json")):
        return (p.stdout + p.stderr)[-800:]
    return None

def damaged_cores(core, tmp, n, seed, words):
    """Yields (k, rng) n times, each time with tmp holding a copy of core
    whose saved memory (PT_LOADs of a page or more) has `words` random 8-byte
    words overwritten: all ones, zeros, random bytes, or a plausible heap
    pointer. Removes tmp at the end. Raises ValueError if core is not ELF."""
    with open(core, "rb") as f:
        data = bytearray(f.read())
    if data[:4] != b"\x7fELF":
        raise ValueError("not an ELF core")
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads = []
    for i in range(phnum):
        o = phoff + i * phentsize
        typ, = struct.unpack_from("<I", data, o)
        off, _vaddr, _paddr, filesz = struct.unpack_from("<QQQQ", data, o + 8)
        if typ == 1 and filesz >= 4096 and off + filesz <= len(data):
            loads.append((off, filesz))
    rng = random.Random(seed)
    try:
        for k in range(n):
            d = bytearray(data)
            for _ in range(words):
                off, size = rng.choice(loads)
                pos = off + rng.randrange(0, size - 8) & ~7
                d[pos:pos + 8] = rng.choice([b"\xff" * 8, b"\0" * 8, os.urandom(8),
                                             struct.pack("<Q", rng.randrange(0xc000000000, 0xc000400000))])
            with open(tmp, "wb") as f:
                f.write(d)
            yield k, rng
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def core_pattern_problem():
    try:
        with open("/proc/sys/kernel/core_pattern") as f:
            pat = f.read().strip()
    except OSError:
        return None
    if pat.startswith("|"):
        return ("this machine pipes core dumps to a helper (kernel.core_pattern = %r); "
                "set `sysctl -w kernel.core_pattern=core` (as root) so cores are "
                "written to the working directory" % pat)
    return None


def raise_core_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


def find_core(cwd, pid):
    for name in ("core.%d" % pid, "core"):
        p = os.path.join(cwd, name)
        if os.path.isfile(p):
            return p
    cands = [n for n in os.listdir(cwd) if n.startswith("core") and str(pid) in n]
    if cands:
        return os.path.join(cwd, sorted(cands)[0])
    return None


QEMU = {"arm64": "qemu-aarch64"}


def skip_without_qemu(goarch):
    """True, after a "SKIP: ..." line, when goarch needs qemu-user and it is
    not installed (the drivers then exit 77: ctest's skip)."""
    if goarch == "amd64":
        return False
    try:
        qemu_for(goarch)
    except RuntimeError as e:
        print("SKIP: %s" % e)
        return True
    return False


def qemu_for(goarch):
    """The qemu-user binary that runs GOARCH (None: runs natively); raises
    RuntimeError when it is needed and not installed."""
    if not goarch or goarch == "amd64":
        return None
    q = shutil.which(QEMU.get(goarch, "qemu-" + goarch))
    if not q:
        raise RuntimeError("%s is not installed (qemu-user; scripts/setup.sh installs it)" %
                           QEMU.get(goarch, goarch))
    return q


def find_qemu_core(cwd, pid):
    """qemu-user's core of its guest: qemu_PROG_DATE-TIME_PID.core (PID: the
    qemu process, which is the guest's). qemu then dies of the signal itself
    and the kernel may leave a core of qemu (core, core.PID): removed."""
    guest = None
    for n in sorted(os.listdir(cwd)):
        if n.startswith("qemu_") and n.endswith("_%d.core" % pid):
            guest = os.path.join(cwd, n)
        elif n == "core" or n.startswith("core."):
            os.remove(os.path.join(cwd, n))
    return guest


def thread_times(pid):
    out = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(tid)] = int(fields[11]) + int(fields[12])  # utime + stime
    return out


def busiest_thread(pid, interval=0.5):
    """The thread of PID that used the most CPU over the last interval (a
    goroutine spinning on it)."""
    t0 = thread_times(pid)
    time.sleep(interval)
    t1 = thread_times(pid)
    best = max(t1, key=lambda t: t1[t] - t0.get(t, 0), default=None)
    return best


def tgkill(pid, tid, sig):
    import ctypes
    nr = {"x86_64": 234, "aarch64": 131}.get(os.uname().machine)
    if nr is None or ctypes.CDLL(None, use_errno=True).syscall(nr, pid, tid, sig) != 0:
        os.kill(pid, sig)


def run_and_crash(exe, rundir, ready_timeout, prog_args=(), exit_timeout=120, extra_env=None,
                  before_quit=None, goarch=None, quit_busiest=False):
    """Run EXE in RUNDIR with GOTRACEBACK=crash, wait for its ready file, send
    SIGQUIT; returns dict(core, stderr, truth, pid, before) or raises
    RuntimeError. before_quit(pid), if given, runs just before the SIGQUIT;
    its result is "before". goarch other than amd64: EXE runs under
    qemu-user and the core is qemu's core of its guest. quit_busiest: the
    SIGQUIT goes to the thread that used the most CPU (a spinning goroutine
    is then the crashing one, [running], its stack from the signal frame)."""
    qemu = qemu_for(goarch)
    prob = None if qemu else core_pattern_problem()  # qemu writes its guest's core itself
    if prob:
        raise RuntimeError(prob)
    os.makedirs(rundir, exist_ok=True)
    ready = os.path.join(rundir, "ready")
    for n in os.listdir(rundir):
        if n == "ready" or n.startswith("core") or n.startswith("ready."):
            os.remove(os.path.join(rundir, n))
    env = dict(os.environ)
    for k in ("GODEBUG", "GOMAXPROCS", "GOMEMLIMIT", "GOGC"):
        env.pop(k, None)
    env["GOTRACEBACK"] = "crash"
    env.update(extra_env or {})
    stderr_path = os.path.join(rundir, "stderr.txt")
    with open(stderr_path, "wb") as errf:
        proc = subprocess.Popen(([qemu] if qemu else []) + [exe, ready] + list(prog_args), cwd=rundir, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=errf, preexec_fn=raise_core_limit)
    before = None
    try:
        deadline = time.monotonic() + ready_timeout
        while not os.path.exists(ready):
            if proc.poll() is not None:
                raise RuntimeError("program exited (%s) before it was ready; stderr: %s" % (
                    proc.returncode, tail(stderr_path)))
            if time.monotonic() > deadline:
                raise RuntimeError("program not ready after %ds; stderr: %s" % (
                    ready_timeout, tail(stderr_path)))
            time.sleep(0.02)
        # The programs write the ready file last and then park (main in a
        # channel receive): give that park a moment, or the runtime may print
        # a goroutine still on its way there while the core shows it parked.
        time.sleep(0.1)
        before = before_quit(proc.pid) if before_quit else None
        if quit_busiest:
            tgkill(proc.pid, busiest_thread(proc.pid) or proc.pid, signal.SIGQUIT)
        else:
            proc.send_signal(signal.SIGQUIT)
        rc = proc.wait(timeout=exit_timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError("program did not exit within %ds of SIGQUIT" % exit_timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if rc != -signal.SIGQUIT and rc != -signal.SIGABRT:
        raise RuntimeError("program exited with status %s, not killed by SIGQUIT/SIGABRT" % rc)
    with open(stderr_path, "rb") as f:
        first = f.readline().decode(errors="replace").strip()
    if first != "SIGQUIT: quit":
        raise RuntimeError("the program did not die of our SIGQUIT: its stderr begins %r" % first)
    core = find_qemu_core(rundir, proc.pid) if qemu else find_core(rundir, proc.pid)
    if core is None:
        raise RuntimeError("no core file in %s (core_pattern=%r, RLIMIT_CORE hard=%r)" % (
            rundir, read_text("/proc/sys/kernel/core_pattern").strip(),
            resource.getrlimit(resource.RLIMIT_CORE)[1]))
    truth = ready + ".truth.json"
    return {"core": core, "stderr": stderr_path, "pid": proc.pid,
            "truth": truth if os.path.exists(truth) else None, "before": before}


def read_text(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def tail(path, n=600):
    t = read_text(path)
    return t[-n:].strip().replace("\n", " | ") or "(empty)"


def run_gomortem(args, core, exe, fmt):
    cmd = [args.gomortem, "goroutines", core, "--exe", exe, "--format", fmt]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=args.gomortem_timeout)
    except OSError as e:
        return None, "cannot run gomortem: %s" % e
    except subprocess.TimeoutExpired:
        return None, "gomortem timed out after %ds" % args.gomortem_timeout
    out = p.stdout.decode(errors="replace")
    if p.returncode == 0 and not out.strip():
        err = p.stderr.decode(errors="replace").strip()
        return None, "gomortem %s exited 0 but printed nothing (stderr: %s)" % (
            fmt, err[-300:] or "none")
    if p.returncode != 0:
        err = p.stderr.decode(errors="replace").strip()
        msg = "gomortem %s exited %d: %s" % (fmt, p.returncode, err[-500:] or "(no stderr)")
        if not out.strip():
            return None, msg
        # partial output: still compare, but remember the failure
        return out, msg
    return out, None


def spin_env(args):
    """--spin: the spinning goroutine; with --quit-busiest on one P
    (GOMAXPROCS=1: preempted, it is rescheduled on the same thread, so the
    thread busiest lately is the one running it when the SIGQUIT comes)."""
    if not args.spin:
        return None
    env = {"SCENARIOS_SPIN": "1"}
    if args.quit_busiest:
        env["GOMAXPROCS"] = "1"
    return env


def test_version(args, version, exe):
    res = Result(version)
    t0 = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="difftest-go%s-" % version,
                           dir=os.path.join(args.work, "difftest"))
    try:
        try:
            run = run_and_crash(exe, tmp, args.ready_timeout,
                                extra_env=spin_env(args),
                                goarch=args.goarch, quit_busiest=args.quit_busiest)
        except RuntimeError as e:
            res.error = str(e)
            return res
        go = parse_dump(read_text(run["stderr"]))
        if not go.sigquit:
            res.notes.append("no 'SIGQUIT: quit' line in the program's stderr")
        if args.quit_busiest:
            running = [g for g in go.order
                       if go.goroutines[g].state == "running" and go.goroutines[g].frames]
            res.notes.append("[running] with a stack in Go's dump (from a signal frame): %s" %
                             (running or "none (the spinner was not on the busiest thread)"))
        if run["truth"]:
            try:
                with open(run["truth"]) as f:
                    truth = json.load(f)
                users = [g["id"] for g in truth.get("user_goroutines", [])]
                lost = [g for g in users if g not in go.goroutines]
                if lost:
                    res.problems.append("Go's crash dump lacks user goroutine(s) %s that "
                                        "runtime.Stack listed" % lost[:10])
                res.notes.append("runtime: %s, NumGoroutine %s, expected user %s" % (
                    truth.get("go_version"), truth.get("num_goroutine"),
                    truth.get("expected_user")))
            except (OSError, ValueError) as e:
                res.notes.append("truth file unreadable: %s" % e)
        out, err = run_gomortem(args, run["core"], exe, "go")
        if out is None:
            res.error = err
            res.counts["go"] = len(go.order)
        else:
            if err:
                res.problems.append(err)
            gm = parse_dump(out)
            compare_dumps(go, gm, res, ignore_minutes=args.ignore_wait_minutes, lenient=args.lenient)
            if err:
                res.ok = False
        if args.json_check and res.error is None:
            jout, jerr = run_gomortem(args, run["core"], exe, "json")
            if jout is None or jerr:
                res.problems.append("json: " + (jerr or "no output"))
                res.ok = False
            else:
                try:
                    ids = json_goids(json.loads(jout))
                    want = set(go.goroutines)
                    if set(ids) != want:
                        res.problems.append("json: goroutine ids differ: missing %s, extra %s" % (
                            sorted(want - set(ids))[:10], sorted(set(ids) - want)[:10]))
                        res.ok = False
                    elif len(ids) != len(set(ids)):
                        res.problems.append("json: duplicate goroutine ids")
                        res.ok = False
                except ValueError as e:
                    res.problems.append("json: %s" % e)
                    res.ok = False
        if args.keep:
            dest = os.path.join(args.keep, "go" + version)
            os.makedirs(dest, exist_ok=True)
            shutil.copy(exe, os.path.join(dest, "exe"))
            shutil.move(run["core"], os.path.join(dest, "core"))
            shutil.copy(run["stderr"], os.path.join(dest, "stderr.txt"))
            if run["truth"]:
                shutil.copy(run["truth"], os.path.join(dest, "truth.json"))
            if out is not None:
                with open(os.path.join(dest, "gomortem.txt"), "w") as f:
                    f.write(out)
        return res
    finally:
        res.seconds = time.monotonic() - t0
        shutil.rmtree(tmp, ignore_errors=True)


def available_versions(args):
    wanted = args.versions.split(",") if args.versions else ALL_VERSIONS
    have, missing = [], []
    for v in wanted:
        v = v.strip()
        if not re.match(r"^1\.\d+$", v):
            sys.exit("difftest: bad version %r (want 1.XX)" % v)
        (have if os.access(go_bin(args, v), os.X_OK) else missing).append(v)
    return have, missing


def build_all(args, versions, prog):
    exes, errors = {}, {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = {ex.submit(build, args, v, prog): v for v in versions}
        for fut in concurrent.futures.as_completed(futs):
            v = futs[fut]
            exe, err = fut.result()
            if err:
                errors[v] = err
            else:
                exes[v] = exe
    return exes, errors


def print_result(r, max_diffs):
    """Prints a version's summary, problems, notes and first diffs; True if it passed."""
    print(r.summary())
    for p in r.problems:
        print("    problem: " + p)
    for nline in r.notes:
        print("    note: " + nline)
    for dtext in r.diffs[:max_diffs]:
        print("\n".join("    " + x for x in dtext.split("\n")))
    return r.ok and not r.error


def cmd_difftest(args):
    if not args.gomortem:
        cand = os.path.join(args.work, "gomortem")
        args.gomortem = cand
    have, missing = available_versions(args)
    results = []
    for v in missing:
        r = Result(v)
        if args.allow_missing:
            print("go%s: SKIP: no toolchain at %s" % (v, go_bin(args, v)))
        else:
            r.error = "no toolchain at %s (use --allow-missing to skip)" % go_bin(args, v)
            results.append(r)
    os.makedirs(os.path.join(args.work, "difftest"), exist_ok=True)
    if not os.access(args.gomortem, os.X_OK):
        print("difftest: warning: gomortem not found at %s; every version will fail" %
              args.gomortem, file=sys.stderr)
    t0 = time.monotonic()
    exes, errors = build_all(args, have, "scenarios")
    print("difftest: built %d version(s) in %.1fs" % (len(exes), time.monotonic() - t0))
    for v in have:
        if v in errors:
            r = Result(v)
            r.error = errors[v]
            results.append(r)
            continue
        results.append(test_version(args, v, exes[v]))
    results.sort(key=lambda r: [int(x) for x in r.version.split(".")])
    passed = failed = 0
    for r in results:
        if print_result(r, args.max_diffs):
            passed += 1
        else:
            failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


def cmd_produce(args):
    have, missing = available_versions(args)
    if missing:
        sys.exit("difftest: no toolchain for %s" % ", ".join(missing))
    if not args.versions:
        sys.exit("difftest: --produce needs --versions")
    os.makedirs(os.path.join(args.work, "difftest"), exist_ok=True)
    exes, errors = build_all(args, have, args.prog)
    if errors:
        for v, e in sorted(errors.items()):
            print("go%s: %s" % (v, e), file=sys.stderr)
        return 1
    rc = 0
    for v in have:
        dest = args.produce if len(have) == 1 else os.path.join(args.produce, "go" + v)
        os.makedirs(dest, exist_ok=True)
        rundir = os.path.join(dest, "run.tmp")
        t0 = time.monotonic()
        try:
            run = run_and_crash(exes[v], rundir, args.ready_timeout, args.prog_arg,
                                exit_timeout=max(120, args.ready_timeout),
                                extra_env={"SCENARIOS_SPIN": "1"} if args.spin else None,
                                goarch=args.goarch)
        except RuntimeError as e:
            print("go%s: FAIL: %s" % (v, e), file=sys.stderr)
            rc = 1
            continue
        for name in ("core", "exe", "stderr.txt", "truth.json"):
            p = os.path.join(dest, name)
            if os.path.exists(p):
                os.remove(p)
        os.replace(run["core"], os.path.join(dest, "core"))
        shutil.copy(exes[v], os.path.join(dest, "exe"))
        os.replace(run["stderr"], os.path.join(dest, "stderr.txt"))
        if run["truth"]:
            os.replace(run["truth"], os.path.join(dest, "truth.json"))
        shutil.rmtree(rundir, ignore_errors=True)
        d = parse_dump(read_text(os.path.join(dest, "stderr.txt")))
        print("go%s: %s: core %d bytes, %d goroutines in Go's dump (%.1fs)" % (
            v, dest, os.path.getsize(os.path.join(dest, "core")), len(d.order),
            time.monotonic() - t0))
    return rc


# ---------------------------------------------------------------------------
# Self test
# ---------------------------------------------------------------------------

SAMPLE_119 = """SIGQUIT: quit
PC=0x463ea1 m=0 sigcode=0

goroutine 0 [idle]:
runtime.futex()
\t/usr/lib/go-1.19/src/runtime/sys_linux_amd64.s:560 +0x21 fp=0x7ffc80d3f0a8 sp=0x7ffc80d3f0a0 pc=0x463ea1

goroutine 1 [chan receive]:
runtime.gopark(0x4f8c48?, 0xc0000a2f28?, 0x0?, 0x0?, 0x0?)
\t/usr/lib/go-1.19/src/runtime/proc.go:363 +0xd6 fp=0xc0000a2ed8 sp=0xc0000a2eb8 pc=0x436876
runtime.chanrecv1(0xc00002e060?, 0x0?)
\t/usr/lib/go-1.19/src/runtime/chan.go:442 +0x18 fp=0xc0000a2f28 sp=0xc0000a2f00 pc=0x406818
main.recurse(0x1, 0xc00002e060)
\t/home/dev/x/main.go:150 +0x25 fp=0xc0000a2f50 sp=0xc0000a2f28 pc=0x4d95a5
...additional frames elided...
created by main.main
\t/home/dev/x/main.go:200 +0x1a5

goroutine 18 [running]:
\tgoroutine running on other thread; stack unavailable
created by main.main
\t/home/dev/x/main.go:201 +0x1b5

goroutine 19 [chan receive, 3 minutes, locked to thread]:
runtime.goparkunlock(...)
\t/usr/lib/go-1.19/src/runtime/proc.go:369
main.(*Box[...]).Wait(0xc0000140a8)
\t/home/dev/x/main.go:140 +0x25 fp=0xc0000a2f50 sp=0xc0000a2f28 pc=0x4d95a5
runtime.goexit()
\t/usr/lib/go-1.19/src/runtime/asm_amd64.s:1594 +0x1 fp=0xc0000a37e8 sp=0xc0000a37e0 pc=0x462e81

rax    0xca
rbx    0x0
"""

SAMPLE_122 = """SIGQUIT: quit
PC=0x46c981 m=0 sigcode=0

goroutine 7 gp=0xc00009da40 m=2 mp=0xc000046808 [syscall]:
syscall.Syscall(0x0, 0x3, 0xc00004cf58, 0x10)
\t/usr/lib/go-1.22/src/syscall/syscall_linux.go:69 +0x25 fp=0xc00004cf08 sp=0xc00004cea8 pc=0x47a945
main.GenericWait[...](0xc000012345)
\tmain.go:130 +0x25 fp=0xc0000a2f50 sp=0xc0000a2f28 pc=0x4d95a5
main.recurse(0x1, 0xc00002e060)
\tmain.go:150 +0x25 fp=0xc0000a2f50 sp=0xc0000a2f28 pc=0x4d95a5
...70 frames elided...
main.main.func20.1.1(...)
\tmain.go:268
runtime.goexit({})
\t/usr/lib/go-1.22/src/runtime/asm_amd64.s:1695 +0x1 fp=0xc00004cfe8 sp=0xc00004cfe0 pc=0x46aba1
created by main.spawner in goroutine 93
\tmain.go:170 +0x66

goroutine 8 gp=0xc00009da40 m=nil [chan receive, locked to thread, synctest bubble 3] {a: b, "c d": "]"}:
main.mainWait(...)
\tmain.go:1

-----

SIGQUIT: quit
PC=0x46c981 m=2 sigcode=0

goroutine 7 gp=0xc00009da40 m=2 mp=0xc000046808 [syscall]:
runtime.goexit({})
\t/usr/lib/go-1.22/src/runtime/asm_amd64.s:1695 +0x1 fp=0xc00004cfe8 sp=0xc00004cfe0 pc=0x46aba1
"""


def cmd_self_test(args):
    failures = 0
    checks = 0

    def check(cond, what):
        nonlocal failures, checks
        checks += 1
        if not cond:
            failures += 1
            print("self-test: FAIL: " + what)

    d, errs = roundtrip_errors(SAMPLE_119)
    check(not errs, "1.19 sample round trip: %s" % errs)
    check(d.sigquit, "1.19 sample: SIGQUIT seen")
    check(d.order == [1, 18, 19], "1.19 sample goids %s" % d.order)
    check(len(d.g0) == 1, "1.19 sample: one goroutine 0")
    g1 = d.goroutines.get(1)
    check(g1 and len(g1.frames) == 4 and g1.frames[3].elided == "...additional frames elided...",
          "1.19 sample: elision line kept as frame 4")
    check(g1 and g1.created_func == "main.main" and g1.created_goid is None
          and g1.created_file.line == 200 and g1.created_file.offset == "+0x1a5",
          "1.19 sample: created by")
    check(g1 and g1.frames[0].func == "runtime.gopark" and
          g1.frames[0].args == "0x4f8c48?, 0xc0000a2f28?, 0x0?, 0x0?, 0x0?" and
          g1.frames[0].fp == "0xc0000a2ed8" and g1.frames[0].pc == "0x436876",
          "1.19 sample: frame fields")
    check(d.goroutines.get(18) and d.goroutines[18].unavailable, "1.19 sample: unavailable")
    g19 = d.goroutines.get(19)
    check(g19 and g19.frames[0].args == "..." and g19.frames[0].offset is None and
          g19.frames[1].func == "main.(*Box[...]).Wait" and g19.state ==
          "chan receive, 3 minutes, locked to thread", "1.19 sample: inlined/generic method")
    d, errs = roundtrip_errors(SAMPLE_122)
    check(not errs, "1.22 sample round trip: %s" % errs)
    check(d.order == [7, 8] and d.duplicates == [7], "1.22 sample goids %s dup %s" % (
        d.order, d.duplicates))
    g7 = d.goroutines.get(7)
    check(g7 and g7.gp == "0xc00009da40" and g7.m == "2" and g7.mp == "0xc000046808",
          "1.22 sample: gp/m/mp")
    check(g7 and len(g7.frames) == 6 and g7.frames[3].elided == "...70 frames elided..." and
          g7.frames[1].func == "main.GenericWait[...]" and g7.frames[4].func ==
          "main.main.func20.1.1", "1.22 sample: frames")
    check(g7 and g7.created_func == "main.spawner" and g7.created_goid == 93,
          "1.22 sample: created by in goroutine")
    g8 = d.goroutines.get(8)
    check(g8 and g8.labels == '{a: b, "c d": "]"}' and
          g8.state == "chan receive, locked to thread, synctest bubble 3", "labels in header")
    check(len(d.goroutines[7].frames) == 6, "1.22 sample: first copy kept")
    # comparing a dump with itself passes; with a changed copy fails
    r = Result("self")
    gm_122 = SAMPLE_122.split("-----")[0]
    compare_dumps(d, parse_dump(gm_122), r)
    check(r.ok and r.counts["frames"] == 2, "compare identical: %s %s" % (r.problems, r.counts))
    r = Result("self")
    compare_dumps(d, parse_dump(gm_122.replace("main.go:150", "main.go:151")), r)
    check(not r.ok and r.counts["frames"] == 1, "compare changed line: %s" % r.counts)
    r = Result("self")
    compare_dumps(d, parse_dump(gm_122.replace("fp=0xc0000a2f50", "fp=0xc0000a2f58")), r)
    check(not r.ok and r.counts["fpsppc"] == 1, "compare changed fp fails: %s" % r.counts)
    r = Result("self")
    compare_dumps(d, parse_dump(gm_122.replace("fp=0xc0000a2f50", "fp=0xc0000a2f58")), r, lenient=True)
    check(r.ok and r.counts["fpsppc"] == 1, "compare changed fp, lenient: only noted: %s" % r.counts)
    r = Result("self")
    compare_dumps(parse_dump(SAMPLE_119), parse_dump(SAMPLE_122), r)
    check(not r.ok and r.counts["invented"] == 2, "compare different dumps: %s" % r.counts)
    aged = gm_122.replace("[syscall]", "[syscall, 3 minutes]")
    r = Result("self")
    compare_dumps(d, parse_dump(aged), r)
    check(not r.ok and r.counts["header"] == 1, "minutes differ: %s" % r.counts)
    r = Result("self")
    compare_dumps(d, parse_dump(aged), r, ignore_minutes=True)
    check(r.ok and r.counts["header"] == 2, "minutes ignored: %s" % r.counts)

    files = list(args.dumps)
    if not files:
        cdir = os.path.join(REPO_DIR, "corpus")
        if os.path.isdir(cdir):
            for sub in sorted(os.listdir(cdir)):
                p = os.path.join(cdir, sub, "stderr.txt")
                if os.path.isfile(p):
                    files.append(p)
    for path in files:
        text = read_text(path)
        d, errs = roundtrip_errors(text)
        check(not errs, "%s: round trip: %s" % (path, errs[:5]))
        check(len(d.order) > 0, "%s: no goroutines" % path)
        if os.path.basename(path) == "stderr.txt":
            tpath = os.path.join(os.path.dirname(path), "truth.json")
            if os.path.isfile(tpath):
                with open(tpath) as f:
                    truth = json.load(f)
                users = [g["id"] for g in truth.get("user_goroutines", [])]
                check(all(u in d.goroutines for u in users),
                      "%s: every user goroutine of truth.json parsed" % path)
        print("self-test: %s: %d goroutines, %d goroutine-0 blocks, %d duplicate(s)" % (
            path, len(d.order), len(d.g0), len(d.duplicates)))
    print("self-test: %d checks, %d failed" % (checks, failures))
    print("%d passed, %d failed" % (checks - failures, failures))
    return 0 if failures == 0 else 1


def cmd_compare(args):
    go = parse_dump(read_text(args.compare[0]))
    gm = parse_dump(read_text(args.compare[1]))
    r = Result("compare")
    compare_dumps(go, gm, r, ignore_minutes=args.ignore_wait_minutes, lenient=args.lenient)
    print(r.summary())
    for p in r.problems:
        print("    problem: " + p)
    for nline in r.notes:
        print("    note: " + nline)
    for dtext in r.diffs[:args.max_diffs]:
        print("\n".join("    " + x for x in dtext.split("\n")))
    print("%d passed, %d failed" % ((1, 0) if r.ok else (0, 1)))
    return 0 if r.ok else 1


def cmd_corpus(args):
    """Compare gomortem on each committed corpus/*/core.zst with its stderr.txt."""
    cdir = args.corpus
    dirs = sorted(d for d in os.listdir(cdir)
                  if os.path.isfile(os.path.join(cdir, d, "core.zst")))
    if not dirs:
        print("difftest: no corpus entries under %s" % cdir)
        print("0 passed, 1 failed")
        return 1
    if not args.gomortem:
        args.gomortem = os.path.join(args.work, "gomortem")
    passed = failed = 0
    tmp = tempfile.mkdtemp(prefix="difftest-corpus-")
    try:
        for name in dirs:
            d = os.path.join(cdir, name)
            r = Result(name)
            exe = os.path.join(tmp, name + ".exe")
            try:
                with open(exe, "wb") as f:
                    subprocess.run(["zstd", "-q", "-d", "-c", os.path.join(d, "exe.zst")],
                                   stdout=f, check=True, timeout=120)
            except (OSError, subprocess.SubprocessError) as e:
                r.error = "cannot decompress exe.zst with zstd: %s" % e
            if r.error is None:
                go = parse_dump(read_text(os.path.join(d, "stderr.txt")))
                out, err = run_gomortem(args, os.path.join(d, "core.zst"), exe, "go")
                if out is None:
                    r.error = err
                else:
                    compare_dumps(go, parse_dump(out), r, ignore_minutes=args.ignore_wait_minutes,
                                  lenient=args.lenient)
                    if err:
                        r.problems.append(err)
                        r.ok = False
            if print_result(r, args.max_diffs):
                passed += 1
            else:
                failed += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gomortem", help="gomortem binary (default: WORK/gomortem)")
    ap.add_argument("--work", default=os.path.abspath("build-diff"),
                    help="build dir: difftest/ and difftest-cache/ go here (default ./build-diff)")
    ap.add_argument("--versions", help="comma-separated, e.g. 1.19,1.22 (default: all)")
    ap.add_argument("--allow-missing", action="store_true",
                    help="skip versions whose toolchain is not installed")
    ap.add_argument("--keep", metavar="DIR", help="keep exe/core/stderr per version in DIR")
    ap.add_argument("--json-check", action="store_true",
                    help="also run --format json and check it has the same goroutine ids")
    ap.add_argument("--jobs", type=int, default=2, help="parallel builds (default 2)")
    ap.add_argument("--trimpath", action="store_true", help="build with -trimpath")
    ap.add_argument("--spin", action="store_true",
                    help="scenarios: add a goroutine that never parks (SCENARIOS_SPIN=1)")
    ap.add_argument("--quit-busiest", action="store_true",
                    help="send the SIGQUIT to the busiest thread (with --spin: the spinning "
                    "goroutine is the one that crashes, read from its signal frame)")
    ap.add_argument("--ready-timeout", type=int, default=60)
    ap.add_argument("--gomortem-timeout", type=int, default=120)
    ap.add_argument("--max-diffs", type=int, default=4)
    ap.add_argument("--strip", action="store_true",
                    help="build with -ldflags='-s -w' (no symbols, no DWARF): the layout comes from gorts/")
    ap.add_argument("--pie", action="store_true",
                    help="build with -buildmode=pie (position-independent, loaded at a "
                    "random base; composes with --strip)")
    ap.add_argument("--goarch", default="amd64", choices=["amd64", "arm64"],
                    help="GOARCH of the builds; arm64 runs them under qemu-user (default amd64)")
    ap.add_argument("--goexperiment", metavar="X",
                    help="build with GOEXPERIMENT=X (e.g. noswissmap,nosynchashtriemap on 1.24/1.25)")
    ap.add_argument("--lenient", action="store_true",
                    help="report args, +0x offset and fp/sp/pc differences without failing")
    ap.add_argument("--ignore-wait-minutes", action="store_true",
                    help="headers that differ only in ', N minutes' count as equal")
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX",
                    help="toolchain root, XX = minor version (default /usr/lib/go-1.XX)")
    ap.add_argument("--produce", metavar="OUTDIR", help="only make core+exe+stderr")
    ap.add_argument("--prog", default="scenarios", help="program under tests/progs (produce mode)")
    ap.add_argument("--prog-arg", action="append", default=[],
                    help="extra argument for the program (produce mode)")
    ap.add_argument("--self-test", action="store_true", help="parser round-trip self test")
    ap.add_argument("--compare", nargs=2, metavar=("GO_DUMP", "GOMORTEM_OUT"))
    ap.add_argument("--corpus", metavar="DIR", nargs="?", const=os.path.join(REPO_DIR, "corpus"),
                    help="compare gomortem on committed corpus cores (default DIR: corpus/)")
    ap.add_argument("dumps", nargs="*", help="dumps for --self-test")
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)
    if args.gomortem:
        args.gomortem = os.path.abspath(args.gomortem)
    if args.self_test:
        return cmd_self_test(args)
    if args.compare:
        return cmd_compare(args)
    if args.corpus:
        return cmd_corpus(args)
    if args.produce:
        args.produce = os.path.abspath(args.produce)
        if args.goarch != "amd64":
            try:
                qemu_for(args.goarch)
            except RuntimeError as e:
                print("difftest: SKIP: %s" % e)
                return 77
        return cmd_produce(args)
    if args.keep:
        args.keep = os.path.abspath(args.keep)
    if args.goarch != "amd64":
        try:
            qemu_for(args.goarch)
        except RuntimeError as e:
            print("difftest: SKIP: %s" % e)
            return 77
    return cmd_difftest(args)


if __name__ == "__main__":
    sys.exit(main())
