#!/usr/bin/env python3
"""Hostile input: gomortem must answer bad cores and executables with a clear
one-line error (exit 2) or partial results (exit 1), never a crash, a hang or
a sanitizer report. Uses a core of the bundled corpus (no Go toolchain).

Usage: badinput.py --gomortem BIN [--corpus DIR] [--mutations N] [--seed S]
Last line: "N passed, M failed".
"""
import argparse
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

results = []


def run(gm, args, timeout=60, env=None):
    try:
        p = subprocess.run([gm] + args, capture_output=True, timeout=timeout,
                           env=dict(os.environ, **env) if env else None)
    except subprocess.TimeoutExpired:
        return None, b"", b"TIMEOUT"
    return p.returncode, p.stdout, p.stderr


def check(name, rc, out, err, allowed, want_in_err=None):
    problems = []
    if rc is None:
        problems.append("hung (timeout)")
    elif rc < 0:
        problems.append(f"killed by signal {-rc}")
    elif rc not in allowed:
        problems.append(f"exit code {rc}, expected one of {sorted(allowed)}")
    text = err.decode(errors="replace")
    if "AddressSanitizer" in text or "runtime error:" in text or "LeakSanitizer" in text:
        problems.append("sanitizer report:\n" + text[:2000])
    lines = [l for l in text.splitlines() if l.startswith("gomortem:") and "warning" not in l]
    if rc == 2:
        if len(lines) != 1:
            problems.append(f"expected exactly one error line on stderr, got: {text!r}")
        elif want_in_err and want_in_err not in lines[0]:
            problems.append(f"error line {lines[0]!r} does not mention {want_in_err!r}")
    ok = not problems
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else ": " + "; ".join(problems)))
    return ok


IN_USE = re.compile(rb'(,"in_use":\{[^}]*\}|,"(unaccounted_)?in_use":\d+|\([^()]* in use\)|'
                    rb'at most [^\n]* of it in use)')


def content_measures_masked(argv, out):
    """maps and summary count the pages of anonymous memory that hold a
    non-zero byte ("in use"): a page zeroed in the core is, by that
    measure, a page not in use (a core cannot tell it from a page never
    touched), so those figures are left out of the comparison with the
    intact core; every other byte of the output is compared."""
    if out is None or argv[0] not in ("maps", "summary"):
        return out
    return IN_USE.sub(b"", out)


def check_partial(name, gm, argv, intact_out, time_limit, zeroed=False):
    """Damaged input: exit 1 with a reason on stderr, or 2 with exactly one
    error line, or 0 only with the intact core's output (intact_out, when
    known; with zeroed, but for the in-use figures); within time_limit
    seconds."""
    t0 = time.monotonic()
    rc, out, err = run(gm, argv)
    dt = time.monotonic() - t0
    ok = check(name, rc, out, err, {0, 1, 2})
    problems = []
    text = err.decode(errors="replace")
    if zeroed and intact_out is not None:
        out, intact_out = content_measures_masked(argv, out), content_measures_masked(argv, intact_out)
    if rc == 0 and (intact_out is None or out != intact_out):
        problems.append("exit 0 but the output differs from the intact core's")
    if rc == 1 and not [l for l in text.splitlines() if l.startswith("gomortem:")]:
        problems.append("exit 1 (partial) without saying what is missing")
    if dt > time_limit:
        problems.append(f"took {dt:.1f} s (limit {time_limit} s)")
    if problems and ok:
        results[-1] = False
        print(f"FAIL {name}: " + "; ".join(problems))
    return ok and not problems


def elf_loads(data):
    """(offset, filesz) of each PT_LOAD of an ELF64 core."""
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    out = []
    for i in range(phnum):
        off = phoff + i * phentsize
        ptype, = struct.unpack_from("<I", data, off)
        if ptype == 1:
            p_offset, = struct.unpack_from("<Q", data, off + 8)
            p_filesz, = struct.unpack_from("<Q", data, off + 32)
            if p_filesz:
                out.append((p_offset, p_filesz))
    return out


REPORT_COMMANDS = ("finalizers", "heap", "timers", "maps", "types", "threads", "info")


def report_commands(gm, samples, cores, exes, work, seed, time_limit, zeroed):
    """The report commands (finalizers, heap, timers, maps, types) on the
    same damage as goroutines: every sample cut at 10%, 50% and 90%, and
    `zeroed` copies per sample with 1 to 64 pages of saved memory zeroed
    (--report-zeroed, 4 by default: ctest runs them; the copies are the same on
    every run for a given --seed). Each run:
    exit 1 with a line saying what is missing, or 2 with exactly one error
    line, or 0 only with the intact core's output; within time_limit. The
    damaged core is written at the path of the intact run, so outputs that
    name the core compare equal."""
    t = os.path.join(work, "report.core")
    for s in samples:
        sdata = open(cores[s], "rb").read()
        shutil.copyfile(cores[s], t)
        intact = {}
        for cmd in REPORT_COMMANDS:
            for fmt in ("text", "json"):
                rc, out, err = run(gm, [cmd, t, "--exe", exes[s], "--format", fmt])
                # the intact core: a full answer (partial only with a reason)
                check(f"{s} intact core, {cmd} --format {fmt}", rc, out, err, {0, 1})
                intact[cmd, fmt] = out if rc == 0 else None
        damaged = []
        for frac in (0.1, 0.5, 0.9):
            damaged.append((f"truncated to {frac:.0%}", sdata[: int(len(sdata) * frac)]))
        pages = [off + i for off, size in elf_loads(sdata)
                 for i in range(0, size - 4095, 4096)
                 if sdata[off + i:off + i + 4096].count(0) != 4096]
        zrng = random.Random(seed + 1000)
        for k in range(zeroed):
            m = bytearray(sdata)
            for pg in zrng.sample(pages, min(len(pages), zrng.choice((1, 4, 16, 64)))):
                m[pg:pg + 4096] = bytes(4096)
            damaged.append((f"zeroed pages #{k}", bytes(m)))
        for what, d in damaged:
            with open(t, "wb") as f:
                f.write(d)
            for cmd in REPORT_COMMANDS:
                for fmt in ("text", "json"):
                    check_partial(f"{s} core {what}, {cmd} --format {fmt}", gm,
                                  [cmd, t, "--exe", exes[s], "--format", fmt],
                                  intact[cmd, fmt], time_limit, zeroed=what.startswith("zeroed"))
    os.unlink(t)

def vaddr_to_off(data, va):
    """File offset of virtual address va in an ELF64 core, None if not saved."""
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        off = phoff + i * phentsize
        ptype, = struct.unpack_from("<I", data, off)
        p_offset, p_vaddr, _, p_filesz = struct.unpack_from("<QQQQ", data, off + 8)
        if ptype == 1 and p_vaddr <= va < p_vaddr + p_filesz:
            return p_offset + va - p_vaddr
    return None


def gorts_value(minor, field):
    """A per-version constant of gorts/go1_MINOR.h (an offset or a list index)."""
    import re
    text = open(os.path.join(REPO, "gorts", f"go1_{minor}.h")).read()
    m = re.search(r"\.%s = (-?\d+)," % field, text)
    return int(m.group(1)) if m else None


def impossible_values(gm, core, exe, work):
    """Issue 20 item 4: values the runtime never produces are said to be
    damage (exit 1, a line naming them), and the impossible figure is not
    printed as an answer. The core must be go1.27 (offsets from gorts/)."""
    import json as _json
    import re
    data = open(core, "rb").read()
    t = os.path.join(work, "impossible.core")
    rc, out, err = run(gm, ["goroutines", core, "--exe", exe, "--format", "json"])
    gs = {g["goid"]: g for g in _json.loads(out)["goroutines"]} if rc == 0 else {}
    ws, wr, goid = (gorts_value(27, f) for f in ("g_waitsince", "g_waitreason", "g_goid"))
    text = open(os.path.join(REPO, "gorts", "go1_27.h")).read()
    m = re.search(r'"chan receive \(durable\)", /\* (\d+) \*/', text)
    ok = 1 in gs and ws is not None and wr is not None and goid is not None and m
    check("go1.27 core: goroutine 1 and the g offsets are known", 0 if ok else 3, out, err, {0})
    if not ok:
        return
    g1 = vaddr_to_off(data, int(gs[1]["gp"], 16))

    def expect_damage(name, d, cmds, must_say, never):
        open(t, "wb").write(d)
        for cmd in cmds:
            rc, out, err = run(gm, cmd + [t, "--exe", exe])
            problems = []
            if rc != 1:
                problems.append(f"exit {rc}, expected 1 (partial: damage)")
            if must_say.encode() not in err:
                problems.append(f"stderr does not say {must_say!r}: {err[-400:]!r}")
            for bad in never:
                if re.search(bad.encode(), out):
                    problems.append(f"output shows the impossible {bad!r}")
            ok = check(f"{name}, {' '.join(cmd)}", rc if not problems else 1, out, err, {0, 1, 2})
            if problems and ok:
                results[-1] = False
                print(f"FAIL {name}, {' '.join(cmd)}: " + "; ".join(problems))

    # the probe's case: a waitsince 141 years after the process's clock,
    # and a synctest wait reason for a goroutine in no bubble
    d = bytearray(data)
    struct.pack_into("<q", d, g1 + ws, 4450047052 * 10**9 + 123)
    d[g1 + wr] = int(m.group(1))
    # (the damage note may quote the values; they must not be answers:
    # wait minutes, LastGC, a goroutine state)
    never = [r"74167450", r"4450047052 s", r"\d{5,}\+? min", r"\[chan receive \(durable\)",
             r"\d chan receive \(durable\)", r"\d{5,} minutes"]
    expect_damage("g with an impossible waitsince and wait reason", bytes(d),
                  [["summary"], ["goroutines", "--format", "go"], ["goroutines"]],
                  "damaged", never)
    # finalizers does not read goroutine 1: the intact answer (the finalizer
    # goroutine's wait is not moved by the damaged g's time)
    rc, out, err = run(gm, ["finalizers", t, "--exe", exe])
    want = run(gm, ["finalizers", core, "--exe", exe])[1].replace(core.encode(), t.encode())
    check("g with an impossible waitsince: finalizers gives the intact answer",
          rc if out == want else 3, out, err, {0})
    # only the waitsince: not used for "now", no wait printed for it
    d = bytearray(data)
    struct.pack_into("<q", d, g1 + ws, 4450047052 * 10**9 + 123)
    expect_damage("g with a waitsince after work.tstart", bytes(d),
                  [["summary"], ["goroutines", "--format", "json"]], "work.tstart", never)
    rc, out, err = run(gm, ["heap", t, "--exe", exe])
    lastgc = re.search(rb"LastGC +([\d.]+) s before", out)
    check("heap's LastGC is not moved by an impossible waitsince",
          0 if lastgc and float(lastgc.group(1)) < 3600 else 3, out, err, {0})
    # a goid above sched.goidgen
    d = bytearray(data)
    struct.pack_into("<Q", d, g1 + goid, 987654321)
    expect_damage("g with a goid above sched.goidgen", bytes(d),
                  [["goroutines", "--format", "go"], ["summary"]], "goidgen", [])
    rc, out, err = run(gm, ["goroutines", t, "--exe", exe, "--format", "json"])
    j = _json.loads(out) if out else {}
    dmg = [g.get("damage") for g in j.get("goroutines", []) if g["goid"] == 987654321]
    check("goroutines --format json: the damaged g carries its damage note",
          rc if dmg and dmg[0] and "goidgen" in dmg[0] and j["stats"]["damaged"] == 1 else 3,
          out, err, {1})
    # threads and info: the page holding runtime.allm zeroed
    nm = subprocess.run(["nm", exe], capture_output=True, text=True).stdout
    allm = [int(l.split()[0], 16) for l in nm.splitlines() if l.endswith(" runtime.allm")]
    off = vaddr_to_off(data, allm[0]) if allm else None
    check("go1.27 executable: runtime.allm found", 0 if off else 3, b"", b"", {0})
    if off:
        d = bytearray(data)
        pg = off & ~4095
        d[pg:pg + 4096] = bytes(4096)
        expect_damage("page of runtime.allm zeroed", bytes(d), [["threads"], ["info"]],
                      "allm", [r" 0 Go,", r"0 Ms in runtime.allm"])
    # a PT_LOAD with memsz 2^62, and one that overlaps the next
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    heap_ph = None
    for i in range(phnum):
        o = phoff + i * phentsize
        ptype, = struct.unpack_from("<I", data, o)
        vaddr, = struct.unpack_from("<Q", data, o + 16)
        filesz, = struct.unpack_from("<Q", data, o + 32)
        if ptype == 1 and filesz and vaddr < (1 << 47) and heap_ph is None and i > 0:
            heap_ph = o
    for memsz, what, say in ((1 << 62, "memsz 2^62", "address space"), (1 << 50, "memsz 2^50", "overlap")):
        d = bytearray(data)
        struct.pack_into("<Q", d, heap_ph + 40, memsz)
        expect_damage(f"PT_LOAD with {what}", bytes(d), [["summary"], ["maps"], ["info"]], say,
                      [r"TiB", r"PiB", r"accounting: -", r"account for: -"])
    os.unlink(t)


def planted_buckets(gm, core, exe, work):
    """Issue 15: heap --profile and profile heap|block|mutex. On the corpus
    core (no profile there: one line, exit 1), then on bucket lists planted
    in a zero page of the core, the runtime's shape (48-byte header {next,
    allnext, typ, hash, size, nstk}, the PCs, the record: blockRecord or
    go1.27's four memRecordCycle): a sound one-bucket list (an answer: exit
    0, or 1 with a reason), a list that loops, an nstk past the limit, a
    next bucket not in the core (each: exit 1, a line saying so), PCs
    outside the text (an answer: exit 0 or 1); never a crash or a hang. The
    core must be go1.27 (the executable with symbols)."""
    import re
    nm = subprocess.run(["nm", exe], capture_output=True, text=True).stdout
    sym = {m.group(2): int(m.group(1), 16)
           for m in re.finditer(r"^([0-9a-f]+) \w (\S+)$", nm, re.M)}
    need = ("runtime.mbuckets", "runtime.bbuckets", "runtime.xbuckets", "runtime.blockprofilerate",
            "runtime.mutexprofilerate", "runtime.MemProfileRate",
            "runtime.disableMemoryProfiling", "runtime.ticks", "main.main")
    miss = [n for n in need if n not in sym]
    check("go1.27 executable: the profiles' globals found", 3 if miss else 0,
          b"", str(miss).encode(), {0})
    if miss:
        return
    for argv, name in ((["heap", "--profile"], "heap"), (["profile", "heap"], "heap"),
                       (["profile", "block"], "block"), (["profile", "mutex"], "mutex")):
        rc, out, err = run(gm, argv + [core, "--exe", exe])
        check(f"corpus core (no {name} profile): {' '.join(argv)} says so, exit 1",
              rc if b"no %s profile" % name.encode() in err and not out else 3, out, err, {1})
    data = open(core, "rb").read()
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    page = None
    for i in range(phnum):
        o = phoff + i * phentsize
        ptype, flags = struct.unpack_from("<II", data, o)
        off, vaddr, _pa, filesz = struct.unpack_from("<QQQQ", data, o + 8)
        if ptype != 1 or not flags & 2 or vaddr >= 1 << 47:
            continue
        for k in range((4096 - vaddr % 4096) % 4096, filesz - 4095, 4096):
            if data[off + k:off + k + 4096].count(0) == 4096:
                page = vaddr + k
                break
        if page:
            break
    check("go1.27 core: a zero page to plant buckets in", 0 if page else 3, b"", b"", {0})
    if not page:
        return
    t = os.path.join(work, "planted.core")
    pc = sym["main.main"] + 0x10

    def plant(kind, allnext=0, nstk=None, pcs=None):
        d = bytearray(data)
        head = {"heap": "runtime.mbuckets", "block": "runtime.bbuckets",
                "mutex": "runtime.xbuckets"}[kind]
        typ = {"heap": 1, "block": 2, "mutex": 3}[kind]
        b = page + 256
        bo = vaddr_to_off(d, b)
        struct.pack_into("<Q", d, vaddr_to_off(d, sym[head]), b)
        if kind == "heap":
            d[vaddr_to_off(d, sym["runtime.disableMemoryProfiling"])] = 0
            struct.pack_into("<Q", d, vaddr_to_off(d, sym["runtime.MemProfileRate"]), 512)
        else:
            rate = "runtime.blockprofilerate" if kind == "block" else "runtime.mutexprofilerate"
            struct.pack_into("<Q", d, vaddr_to_off(d, sym[rate]), 1)
        pcs = pcs or [pc, pc + 1]
        struct.pack_into("<QQQQQQ", d, bo, 0, allnext, typ, 0x1234, 64,
                         len(pcs) if nstk is None else nstk)
        # runtime.ticks.val (go1.27: after lock, startTicks, startTime): 1 GHz
        struct.pack_into("<q", d, vaddr_to_off(d, sym["runtime.ticks"] + 24), 10**9)
        for k, v in enumerate(pcs[:64]):
            struct.pack_into("<Q", d, bo + 48 + 8 * k, v)
        rec = bo + 48 + 8 * len(pcs[:64])
        if kind == "heap":  # active {allocs, frees}, three future cycles
            struct.pack_into("<QQ", d, rec, 10, 4)
        else:
            struct.pack_into("<dq", d, rec, 3.0, 3000)
        open(t, "wb").write(d)

    for kind in ("heap", "block", "mutex"):
        cmd = ["profile", kind, t, "--exe", exe]
        cases = (("a sound one-bucket list", {}, {0}, None),
                 ("a list that loops", {"allnext": page + 256}, {1}, b"loop"),
                 ("an nstk past the limit", {"nstk": 1 << 40}, {1}, b"PCs"),
                 ("a next bucket not in the core", {"allnext": 0x7ff000000000}, {1},
                  b"not in the core"),
                 ("PCs outside the text", {"pcs": [0xdead0000, 0xdead0008]}, {0}, None))
        for what, kw, allowed, say in cases:
            plant(kind, **kw)
            for fmt in ("text", "pprof"):
                argv = cmd + ["--format", fmt] + (["-o", t + ".pb.gz"] if fmt == "pprof" else [])
                rc, out, err = run(gm, argv, timeout=60)
                ok = rc in allowed and (say is None or say in err) and \
                    (rc != 1 or b"gomortem:" in err)
                if what == "a sound one-bucket list" and fmt == "text" and b"main.main" not in out:
                    ok = False
                check(f"{kind} bucket list planted in the core, {what}, {fmt}",
                      rc if ok else 3, out, err, allowed)
        if kind == "heap":
            plant(kind, allnext=page + 256)
            r1 = run(gm, ["heap", "--profile", t, "--exe", exe])
            r2 = run(gm, ["profile", "heap", t, "--exe", exe])
            check("heap --profile and profile heap agree on a looping list",
                  r1[0] if r1 == r2 else 3, r1[1], r1[2], {1})
    os.unlink(t)
    for f in (t + ".pb.gz",):
        if os.path.exists(f):
            os.unlink(f)


# systemd-coredump's settings (src/shared/compress.c): zstd level 3 with a
# checksum, lz4 frames of 256 KiB linked blocks, xz preset 6 with CRC64;
# all streamed (no content size in the header).
COMPRESSORS = (
    ("zstd", ".zst", ["zstd", "-q", "-3", "--check", "-c"]),
    ("lz4", ".lz4", ["lz4", "-q", "-B5", "-BD", "--no-frame-crc", "-c"]),
    ("xz", ".xz", ["xz", "-q", "-6", "-C", "crc64", "-T1", "-c"]),
)


def lazy_cut_check(name, gm, args, want_out):
    """A damaged compressed core decoded on demand: the intact core's exact
    output with exit 0, or exit 1 with a line saying what is missing."""
    rc, out, err = run(gm, args)
    if rc == 0 and out != want_out:
        rc = 3  # exit 0 with output that differs from the intact core's
    ok = check(name, rc, out, err, {0, 1})
    if ok and rc == 1 and b"missing" not in err and b"truncated" not in err:
        results[-1] = False
        print(f"FAIL {name}: exit 1 but no line says what is missing: {err!r}")


def grown_last_load(data, extra, what):
    """A copy of the core whose last PT_LOAD (the one that ends the file) is
    moved to a free address and claims `extra` more bytes; None (a failed
    check) when no PT_LOAD ends the file."""
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    last = None
    for i in range(phnum):
        off = phoff + i * phentsize
        ptype, = struct.unpack_from("<I", data, off)
        p_offset, p_filesz = struct.unpack_from("<Q", data, off + 8)[0], struct.unpack_from("<Q", data, off + 32)[0]
        if ptype == 1 and p_filesz and (last is None or p_offset > last[1]):
            last = (off, p_offset, p_filesz)
    if last is None or last[1] + last[2] != len(data):
        check(f"{what}: the last PT_LOAD ends the file", 3, b"", b"", {0})
        return None
    m = bytearray(data)
    size = last[2] + extra
    struct.pack_into("<Q", m, last[0] + 16, 0x6f0000000000)  # p_vaddr: a free address
    struct.pack_into("<Q", m, last[0] + 32, size)            # p_filesz
    struct.pack_into("<Q", m, last[0] + 40, size)            # p_memsz
    return m


def big_unverified(gm, data, exe, work):
    """Where the on-demand check stops (docs/performance.md): the corpus core
    with 80 MiB added to its last PT_LOAD (moved to a free address; zeros,
    then 256 KiB of text), compressed as systemd-coredump does (no content
    size). info decodes only the head and, more than 64 MiB being left, says
    the stream's length is not verified (exit 0); GM_DECODE=full settles it.
    Cut by 1 KiB before it was compressed, so the stream's last (compressed)
    block could still hold it all: the same unverified exit 0 on demand,
    exit 1 with GM_DECODE=full: the limit docs/performance.md states. Its
    zstd, lz4 and xz streams cut at 60%: truncated at open (info, exit 1)."""
    m = grown_last_load(data, 80 << 20, "big core")
    if m is None:
        return
    m += bytes(80 << 20)
    # the last 256 KiB compressible but not zeros: zstd makes compressed
    # blocks of them, whose size only decoding tells (stored and RLE
    # blocks say theirs, and the cut would be seen at open)
    import base64
    tail = base64.b64encode(random.Random(7).randbytes(192 << 10))
    m[-len(tail):] = tail
    # the stream of that core cut at 60%: seen from the headers at open,
    # though info decodes only the head (xz: no footer, so how much is
    # missing is not said)
    for name, suffix, cmd in COMPRESSORS:
        z = subprocess.run(cmd, input=bytes(m), capture_output=True, check=True).stdout
        zc = os.path.join(work, "bigcut" + suffix)
        open(zc, "wb").write(z[: len(z) * 6 // 10])
        rc, out, err = run(gm, ["info", zc, "--exe", exe])
        check(f"big core, {name} stream cut at 60%: info on demand says truncated",
              rc if b"TRUNCATED" in out and b"the core is truncated (" in err else 3, out, err, {1})
        os.unlink(zc)
    for label, body, full_rc in (("intact", m, 0), ("cut by 1 KiB before compression", m[:-1024], 1)):
        plain = os.path.join(work, "big.core")
        open(plain, "wb").write(body)
        rc, out, err = run(gm, ["info", plain, "--exe", exe])
        check(f"big core, {label}, plain: info", rc, out, err, {full_rc})
        zc = os.path.join(work, "big.zst")
        open(zc, "wb").write(subprocess.run(COMPRESSORS[0][2], input=bytes(body), capture_output=True,
                                            check=True).stdout)
        rc, out, err = run(gm, ["info", zc, "--exe", exe])
        check(f"big core, {label}, zstd: info on demand says the length is not verified",
              rc if b"not verified" in out else 3, out, err, {0})
        rc, out, err = run(gm, ["info", zc, "--exe", exe], env={"GM_DECODE": "full"})
        check(f"big core, {label}, zstd: info with GM_DECODE=full", rc, out, err, {full_rc})
    os.unlink(plain)
    os.unlink(zc)


def zstd_bomb(gm, data, exe, work):
    """A decompression bomb: the corpus core whose last PT_LOAD claims 64 GiB
    more (at a free address), followed by a zstd frame of RLE blocks that
    decode to 64 GiB of 0x41 (2 MiB of stream). With GM_DECODE=full and a
    reserve that leaves 64 MiB of room in $TMPDIR's file system, decoding
    stops there: one line naming the reserve and what was written (64 MB),
    exit 2 (as for ENOSPC: in full mode the core is decoded whole or not at
    all), well inside the time limit. On demand the bomb's segment is never
    read (no runtime structure points there)."""
    extra = 64 << 30
    m = grown_last_load(data, extra, "bomb")
    if m is None:
        return
    head = subprocess.run(["zstd", "-q", "-3", "-c"], input=bytes(m), capture_output=True, check=True).stdout
    blk = 128 << 10
    rle = struct.pack("<I", (blk << 3) | (1 << 1))[:3] + b"A"  # Block_Type 1 (RLE), not last
    last_rle = struct.pack("<I", (blk << 3) | (1 << 1) | 1)[:3] + b"A"
    n = extra // blk
    # frame: magic, descriptor 0 (no content size, no checksum), window 128 KiB
    bomb = head + struct.pack("<I", 0xFD2FB528) + bytes([0x00, 0x38]) + rle * (n - 1) + last_rle
    zc = os.path.join(work, "bomb.zst")
    open(zc, "wb").write(bomb)
    tmp = os.path.join(work, "bombtmp")
    os.makedirs(tmp, exist_ok=True)
    st = os.statvfs(tmp)
    avail_mb = st.f_bavail * st.f_frsize >> 20
    if avail_mb < 512:
        check("bomb: 512 MiB free in the work directory's file system", 3, b"", b"", {0})
        return
    env = {"GM_DECODE": "full", "TMPDIR": tmp, "GM_TMP_KEEP_FREE_MB": str(avail_mb - 64)}
    t0 = time.monotonic()
    rc, out, err = run(gm, ["info", zc, "--exe", exe], env=env)
    took = time.monotonic() - t0
    ok = check(f"zstd bomb of 64 GiB ({len(bomb) >> 10} KiB), GM_DECODE=full, 64 MiB of room: "
               f"stops at the reserve ({took:.1f} s)", rc, out, err, {2}, "would be left free in " + tmp)
    written = re.search(rb"\((\d+) MB written", err)
    if ok and not (written and 32 <= int(written.group(1)) <= 64):
        results[-1] = False
        print(f"FAIL zstd bomb: not stopped within the 64 MiB of room: {err!r}")
    os.unlink(zc)
    shutil.rmtree(tmp, ignore_errors=True)


def compressed_cores(gm, core, exe, work):
    """A core compressed with zstd, lz4 and xz reads exactly as the plain core;
    cut or corrupt, it gives exit 1 with a line saying the core is truncated
    (or, cut before the ELF header, exit 2 with one line naming the format);
    formats gomortem does not read give one clear line.

    Compressed cores are decoded on demand: truncation is seen only when a
    command needs bytes past the cut. The checks that every cut is detected
    run with GM_DECODE=full (decode the whole stream at open); on demand, a
    cut core gives either the plain core's exact output (exit 0: the command
    did not need the missing part) or exit 1 with a line saying what is
    missing (tests/lazytest.py checks which one, against Go's own output)."""
    full = {"GM_DECODE": "full"}
    data = open(core, "rb").read()
    want = run(gm, ["goroutines", core, "--exe", exe, "--format", "go"])
    check("plain core reads cleanly (reference for compressed cores)", want[0], *want[1:], {0})
    for name, suffix, cmd in COMPRESSORS:
        z = subprocess.run(cmd, input=data, capture_output=True, check=True).stdout
        zc = os.path.join(work, "c" + suffix)
        open(zc, "wb").write(z)
        rc, out, err = run(gm, ["goroutines", zc, "--exe", exe, "--format", "go"])
        check(f"{name} core: same goroutines as the plain core",
              rc if out == want[1] else 3, out, err, {0})
        rc, out, err = run(gm, ["info", zc, "--exe", exe, "--format", "json"])
        check(f"{name} core: info says core ({name})",
              rc if f'"core ({name})"'.encode() in out else 3, out, err, {0})
        for frac in (0.5, 0.9, 0.999):
            cut = os.path.join(work, "cut" + suffix)
            open(cut, "wb").write(z[: int(len(z) * frac)])
            for args in (["goroutines", cut, "--exe", exe, "--format", "go"],
                         ["info", cut, "--exe", exe]):
                rc, out, err = run(gm, args, env=full)
                ok = check(f"{name} core cut at {frac:.1%}, {args[0]}", rc, out, err, {1})
                if ok and b"truncated" not in err:
                    results[-1] = False
                    print(f"FAIL {name} core cut at {frac:.1%}, {args[0]}: no line says the core is truncated: {err!r}")
            # on demand too: the stream's block headers (xz: its missing
            # footer) show the cut at open, whatever the command reads
            for args in (["goroutines", cut, "--exe", exe, "--format", "go"],
                         ["info", cut, "--exe", exe], ["summary", cut, "--exe", exe]):
                rc, out, err = run(gm, args)
                ok = check(f"{name} core cut at {frac:.1%}, on demand, {args[0]}", rc, out, err, {1})
                if ok and b"truncated" not in err:
                    results[-1] = False
                    print(f"FAIL {name} core cut at {frac:.1%}, on demand, {args[0]}: "
                          f"no line says the core is truncated: {err!r}")
        # a cut plain core compressed whole (systemd-coredump compresses what
        # the kernel wrote, cut at its size limit): the stream is intact but
        # shorter than the program headers; exit 1 and the warning, on
        # demand, as for the same bytes uncompressed
        for frac in (0.5, 0.9, 0.999):
            cutdata = data[: int(len(data) * frac)]
            zc = os.path.join(work, "short" + suffix)
            open(zc, "wb").write(subprocess.run(cmd, input=cutdata, capture_output=True, check=True).stdout)
            plain = os.path.join(work, "short.core")
            open(plain, "wb").write(cutdata)
            for args in (["info"], ["goroutines", "--format", "go"], ["summary"], ["threads"]):
                rcp, outp, errp = run(gm, [args[0], plain, "--exe", exe] + args[1:])
                rc, out, err = run(gm, [args[0], zc, "--exe", exe] + args[1:])
                ok = check(f"{name} stream of a core cut at {frac:.1%}, {args[0]}: exit as the plain cut core",
                           rc if rc == rcp else 3, out, err, {1})
                if ok and b"truncated" not in err:
                    results[-1] = False
                    print(f"FAIL {name} stream of a core cut at {frac:.1%}, {args[0]}: "
                          f"no line says the core is truncated: {err!r}")
        # cut inside the first block: nothing decodes
        cut = os.path.join(work, "cut" + suffix)
        open(cut, "wb").write(z[:40])
        check(f"{name} core cut to 40 bytes", *run(gm, ["info", cut, "--exe", exe]), {2}, name)
        # corrupt bytes in the middle of the stream
        m = bytearray(z)
        for i in range(len(m) // 2, len(m) // 2 + 32):
            m[i] ^= 0x5a
        bad = os.path.join(work, "bad" + suffix)
        open(bad, "wb").write(m)
        lazy_cut_check(f"{name} core corrupt in the middle, on demand", gm,
                       ["goroutines", bad, "--exe", exe, "--format", "go"], want[1])
        rc, out, err = run(gm, ["goroutines", bad, "--exe", exe, "--format", "go"], env=full)
        ok = check(f"{name} core corrupt in the middle", rc, out, err, {1})
        if ok and b"truncated" not in err:
            results[-1] = False
            print(f"FAIL {name} core corrupt in the middle: no line says the core is truncated: {err!r}")
        # the reserve: a decoded core never takes the last GM_TMP_KEEP_FREE_MB
        # of $TMPDIR (a bomb of non-zero blocks would fill it); one larger
        # than any file system stops the first data written: one line, exit 2,
        # on demand and in full; 0 keeps nothing back (the plain core's output)
        zc = os.path.join(work, "c" + suffix)  # the whole stream again
        for mode in ({}, full):
            rc, out, err = run(gm, ["summary", zc, "--exe", exe],
                               env=dict(mode, GM_TMP_KEEP_FREE_MB="1000000000000"))
            check(f"{name} core, reserve larger than $TMPDIR's file system{', GM_DECODE=full' if mode else ''}",
                  rc, out, err, {2}, "decoding stopped: less than 1000000000000 MiB would be left free in ")
        rc, out, err = run(gm, ["goroutines", zc, "--exe", exe, "--format", "go"], env={"GM_TMP_KEEP_FREE_MB": "0"})
        check(f"{name} core, no reserve: same goroutines as the plain core",
              rc if out == want[1] else 3, out, err, {0})
    big_unverified(gm, data, exe, work)
    zstd_bomb(gm, data, exe, work)
    # formats that are recognized only to be refused
    legacy = os.path.join(work, "legacy.lz4")
    open(legacy, "wb").write(subprocess.run(["lz4", "-q", "-l", "-c"], input=data[:65536],
                                            capture_output=True, check=True).stdout)
    check("lz4 legacy format", *run(gm, ["info", legacy, "--exe", exe]), {2}, "legacy")
    gz = os.path.join(work, "c.gz")
    open(gz, "wb").write(b"\x1f\x8b\x08\x00" + bytes(60))
    check("gzip core", *run(gm, ["info", gz, "--exe", exe]), {2}, "gzip")


def special_files(gm, core, exe, work):
    """A FIFO, a character device or a directory named as the core, as --exe
    or lying in a --batch directory: answered at once (the open does not
    block: O_NONBLOCK, then fstat), with one line naming the file's type."""
    fifo = os.path.join(work, "fifo")
    os.mkfifo(fifo)
    d = os.path.join(work, "adir")
    os.makedirs(d, exist_ok=True)
    for what, path, kind in (("FIFO", fifo, "fifo"), ("/dev/null", "/dev/null", "character device"),
                             ("directory", d, "directory")):
        for cmd in ("summary", "info", "goroutines"):
            check(f"{what} as the core, {cmd}", *run(gm, [cmd, path, "--exe", exe], timeout=10), {2},
                  f"not a regular file ({kind})")
        check(f"{what} as --exe", *run(gm, ["summary", core, "--exe", path], timeout=10), {2},
              f"not a regular file ({kind})")
    bd = os.path.join(work, "batchdir")
    os.makedirs(bd, exist_ok=True)
    os.mkfifo(os.path.join(bd, "core.fifo"))
    shutil.copy(core, os.path.join(bd, "core.1"))
    rc, out, err = run(gm, ["summary", "--batch", bd, "--exe", exe], timeout=60)
    check("FIFO in a --batch directory: skipped, the core read", rc if b"1 are not regular files" in err
          and out.count(b'"schema":"gomortem.summary"') == 1 else 3, out, err, {0})
    os.unlink(fifo)
    shutil.rmtree(bd)
    # a compressed executable: one line saying which compression and how to
    # undo it (the executable is read as it is; only cores are decompressed)
    head = open(exe, "rb").read(1 << 20)
    for name, suffix, cmd in COMPRESSORS:
        zx = os.path.join(work, "exe" + suffix)
        open(zx, "wb").write(subprocess.run(cmd, input=head, capture_output=True, check=True).stdout)
        check(f"{name}-compressed --exe", *run(gm, ["summary", core, "--exe", zx]), {2},
              f"not an ELF file but {name}-compressed")
        os.unlink(zx)


def zero_frame_goroutines(gm, core, exe, work):
    """Issue 20: file page 101 of the go1.27 corpus core zeroed leaves
    goroutines with no frames (their g's saved PC unreadable); the pprof
    renderer memcpy'd their empty location list from NULL (UBSan). Every
    format must render them: exit 1 (partial), no sanitizer report."""
    data = bytearray(open(core, "rb").read())
    data[101 * 4096:102 * 4096] = bytes(4096)
    t = os.path.join(work, "page101.core")
    open(t, "wb").write(data)
    rc, out, err = run(gm, ["goroutines", t, "--exe", exe, "--format", "json"])
    import json as _json
    try:
        empty = sum(1 for g in _json.loads(out)["goroutines"] if not g.get("frames"))
    except (ValueError, KeyError):
        empty = 0
    check("page 101 zeroed: goroutines with no frames (the case to render)",
          rc if empty else 3, out, err, {1})
    for fmt in ("text", "go", "json", "pprof"):
        argv = ["goroutines", t, "--exe", exe, "--format", fmt]
        if fmt == "pprof":
            argv += ["-o", os.path.join(work, "page101.pb.gz")]
        check(f"page 101 zeroed: goroutines --format {fmt}", *run(gm, argv), {1})
    for cmd in ("summary", "threads", "info"):
        check(f"page 101 zeroed: {cmd}", *run(gm, [cmd, t, "--exe", exe]), {0, 1})


def unknown_pcs(gm, core, exe, work):
    """Issue 17: an unknown pc names the pc and the mapping it falls in. A
    parked goroutine's g.sched.pc set to a page of the executable's file
    mapping that is no Go function (its ELF header), to anonymous memory (a
    heap address: the g itself) and to no mapping: the problem line and the
    JSON unwind_error say which, exit 1."""
    import json as _json
    rc, out, err = run(gm, ["goroutines", core, "--exe", exe, "--format", "json"])
    gs = [g for g in _json.loads(out)["goroutines"] if g["status"] == "waiting" and g["frames"]]
    rc, out, err = run(gm, ["maps", core, "--exe", exe, "--format", "json"])
    exe_map = next(m for m in _json.loads(out)["mappings"] if m["class"] == "go_binary" and m["path"])
    pc_off = gorts_value(27, "g_sched_pc")
    data = open(core, "rb").read()
    g = gs[-1]
    gp = int(g["gp"], 16)
    off = vaddr_to_off(data, gp + pc_off)
    if off is None:
        check("unknown pcs: the g is in the core", 3, b"", b"", {0})
        return
    t = os.path.join(work, "badpc.core")
    for pc, want in ((int(exe_map["start"], 16), "in " + exe_map["path"]),
                     (gp, "in anonymous memory"), (0x10, "in no mapping of the target")):
        d = bytearray(data)
        struct.pack_into("<Q", d, off, pc)
        open(t, "wb").write(d)
        rc, out, err = run(gm, ["goroutines", t, "--exe", exe, "--format", "json"])
        ue = [x["unwind_error"] for x in _json.loads(out)["goroutines"] if x["goid"] == g["goid"]] \
            if rc == 1 else []
        text = "unknown pc 0x%x %s" % (pc, want)
        check(f"unknown pc 0x{pc:x}: {want}", 1 if ue == [text] and text.encode() in err else 3,
              out, err, {1})
    os.unlink(t)


def exe_mismatch(gm, core, exe, other_core, work):
    """Issue 20: the mismatch message was cut at 240 characters and showed
    the same build ID twice when other header bytes differed. It now says
    which bytes differ, in which field, and both build IDs only when they
    differ; the whole line ends with its advice (not cut)."""
    d = open(exe, "rb").read()
    phoff, = struct.unpack_from("<Q", d, 0x20)
    go_note = d.find(b"\x04\x00\x00\x00Go\x00\x00", 0, 4096)  # n_type 4, then the name
    cases = [("e_entry", 0x18, "0x18 (ELF header: e_entry)", True),
             ("a program header", phoff + 0x30, f"{phoff + 0x30:#x} (program header 0", True)]
    if go_note > 0:
        desc = go_note + 8  # after n_type and the 4-byte name: the build ID text
        cases.append(("the Go build ID", desc, f"{desc:#x} (the Go build ID note)", False))
    else:
        check("the executable's Go build ID note is in its first page", 3, b"", b"", {0})
    for label, off, want, same_id in cases:
        m = bytearray(d)
        m[off] ^= 0x01
        pth = os.path.join(work, "patched.exe")
        open(pth, "wb").write(m)
        rc, out, err = run(gm, ["info", core, "--exe", pth])
        line = err.decode(errors="replace").strip()
        probs = []
        if rc != 2:
            probs.append(f"exit {rc}")
        if "1 byte of its first 4096 differs: " + want not in line:
            probs.append(f"does not say {want!r}")
        if same_id != ("the same Go build ID" in line):
            probs.append("build IDs said the same" if not same_id else "build IDs not said the same")
        if not line.endswith("(use --force to read it anyway)"):
            probs.append("the line is cut")
        ok = not probs
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} executable patched in {label}: the message names the byte"
              + ("" if ok else ": " + "; ".join(probs) + f": {line!r}"))
    rc, out, err = run(gm, ["info", other_core, "--exe", exe])
    line = err.decode(errors="replace").strip()
    ok = (rc == 2 and "does not match" in line and "Go build ID in the core: " in line and
          "; in the executable: " in line and line.endswith("(use --force to read it anyway)"))
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} another version's core: both build IDs, the line whole"
          + ("" if ok else f": exit {rc}: {line!r}"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--corpus", default=os.path.join(REPO, "corpus"))
    ap.add_argument("--mutations", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--zeroed", type=int, default=12, help="zeroed-pages cores per sample")
    ap.add_argument("--time-limit", type=float, default=5.0, help="seconds per damaged core")
    ap.add_argument("--report-zeroed", type=int, default=4,
                    help="zeroed-pages cores per sample for finalizers/heap/timers/maps/types")
    ap.add_argument("--only", help="run only these comma-separated groups: special, pprof, compressed, mismatch, impossible, profiles, unknownpc")
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    samples = sorted(d for d in os.listdir(args.corpus) if d.startswith("go1."))
    if len(samples) < 2:
        print("badinput: need at least two corpus samples")
        print("0 passed, 1 failed")
        return 1
    work = tempfile.mkdtemp(prefix="gomortem-bad-")
    try:
        cores, exes = {}, {}
        for s in samples:
            d = os.path.join(args.corpus, s)
            cores[s] = os.path.join(work, s + ".core")
            exes[s] = os.path.join(work, s + ".exe")
            subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(d, "core.zst"), "-o", cores[s]], check=True)
            subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(d, "exe.zst"), "-o", exes[s]], check=True)
        a, b = samples[0], samples[-1]
        core, exe = cores[b], exes[b]
        data = open(core, "rb").read()
        groups = {"special": lambda: special_files(gm, core, exe, work),
                  "pprof": lambda: zero_frame_goroutines(gm, core, exe, work),
                  "unknownpc": lambda: unknown_pcs(gm, core, exe, work)
                  if b == "go1.27-scenarios" else None,
                  "compressed": lambda: compressed_cores(gm, core, exe, work),
                  "mismatch": lambda: exe_mismatch(gm, core, exe, cores[a], work),
                  "impossible": lambda: impossible_values(gm, core, exe, work)
                  if b == "go1.27-scenarios" else None,
                  "profiles": lambda: planted_buckets(gm, core, exe, work)
                  if b == "go1.27-scenarios" else None}
        if args.only:
            for g in args.only.split(","):
                groups[g]()
            return finish()
        for g in groups.values():
            g()

        # sound input works (the baseline the other cases are measured against)
        for fmt in ("text", "go", "json"):
            rc, out, err = run(gm, ["goroutines", core, "--exe", exe, "--format", fmt])
            check(f"intact core, --format {fmt}", rc, out, err, {0})

        # not a core at all
        empty = os.path.join(work, "empty")
        open(empty, "wb").close()
        check("empty file", *run(gm, ["goroutines", empty, "--exe", exe]), {2})
        rnd = os.path.join(work, "random")
        with open(rnd, "wb") as f:
            f.write(random.Random(args.seed).randbytes(1 << 16))
        check("random bytes", *run(gm, ["goroutines", rnd, "--exe", exe]), {2}, "ELF")
        check("executable given as core", *run(gm, ["goroutines", exe, "--exe", exe]), {2}, "not a core")
        check("missing core file", *run(gm, ["info", os.path.join(work, "nope")]), {2}, "nope")
        check("missing executable", *run(gm, ["info", core, "--exe", os.path.join(work, "nope")]), {2}, "nope")
        # The core names its executable (NT_FILE); make that name point nowhere
        # by changing one byte of it in a copy of the core.
        rc, out, err = run(gm, ["info", core, "--exe", exe, "--format", "json"])
        import json as _json
        named = None
        if rc == 0:
            named = _json.loads(out).get("nt_file_executable")
        check("info --format json names the core's executable", 0 if named else 3, out, err, {0})
        if named:
            nb = named.encode()
            gone = nb[:-1] + (b"Q" if nb[-1:] != b"Q" else b"R")
            moved = os.path.join(work, "moved.core")
            open(moved, "wb").write(data.replace(nb + b"\0", gone + b"\0"))
            check("core's own executable not on this machine", *run(gm, ["info", moved]), {2}, "--exe")

        # truncated cores (every sample, cut at 10/50/90% and at a few tiny
        # sizes) and cores with zeroed pages: partial results (exit 1) or a
        # clear one-line error (exit 2), never 0 unless the answer is the
        # intact core's, always fast.
        for s in samples:
            sdata = open(cores[s], "rb").read()
            t = os.path.join(work, "cut.core")
            intact = run(gm, ["goroutines", cores[s], "--exe", exes[s], "--format", "go"])
            for frac in (0.0005, 0.05, 0.1, 0.5, 0.9):
                with open(t, "wb") as f:
                    f.write(sdata[: max(64, int(len(sdata) * frac))])
                for fmt in ("text", "go", "json"):
                    check_partial(f"{s} core truncated to {frac:.2%}, {fmt}",
                                  gm, ["goroutines", t, "--exe", exes[s], "--format", fmt],
                                  None, args.time_limit)
            # zeroed pages: pages of saved memory that hold something
            pages = [off + i for off, size in elf_loads(sdata)
                     for i in range(0, size - 4095, 4096)
                     if sdata[off + i:off + i + 4096].count(0) != 4096]
            zrng = random.Random(args.seed)
            for k in range(args.zeroed):
                m = bytearray(sdata)
                for pg in zrng.sample(pages, min(len(pages), zrng.choice((1, 4, 16, 64)))):
                    m[pg:pg + 4096] = bytes(4096)
                with open(t, "wb") as f:
                    f.write(m)
                check_partial(f"{s} zeroed pages #{k}",
                              gm, ["goroutines", t, "--exe", exes[s], "--format", "go"],
                              intact[1] if intact[0] == 0 else None, args.time_limit)
        report_commands(gm, samples, cores, exes, work, args.seed, args.time_limit,
                        args.report_zeroed)

        # truncated zstd stream
        zc = os.path.join(args.corpus, b, "core.zst")
        zdata = open(zc, "rb").read()
        tz = os.path.join(work, "trunc.zst")
        with open(tz, "wb") as f:
            f.write(zdata[: len(zdata) // 2])
        check("zstd core cut in half", *run(gm, ["goroutines", tz, "--exe", exe],
                                            env={"GM_DECODE": "full"}), {1, 2})

        # mismatched executable
        check("mismatched executable", *run(gm, ["goroutines", cores[a], "--exe", exes[b]]), {2}, "does not match")
        for fmt in ("text", "go", "json"):
            check(f"mismatched executable with --force, {fmt}",
                  *run(gm, ["goroutines", cores[a], "--exe", exes[b], "--force", "--format", fmt]), {0, 1, 2})

        # non-Go executable
        check("non-Go executable", *run(gm, ["goroutines", core, "--exe", "/bin/sh", "--force"]), {2}, "Go")

        # unknown Go version: patch the buildinfo version string
        exe_data = bytearray(open(exe, "rb").read())
        i = exe_data.find(b"\xff Go buildinf:")
        if i >= 0:
            j = exe_data.find(b"go1.", i)
            patched = os.path.join(work, "go199.exe")
            exe_data[j:j + 5] = b"go1.9"  # "go1.27.4" -> "go1.97.4"
            exe_data[j + 5:j + 6] = b"9"
            open(patched, "wb").write(exe_data)
            check("unknown Go version (with DWARF)", *run(gm, ["goroutines", core, "--exe", patched]), {0, 1, 2})

        # A stripped executable of a Go version without a gorts table: the
        # nearest table is used only when it reads the target back correctly.
        # The newest corpus core is go1.27: strip its executable, then claim 1.28
        # (nearest table 1.27: must give the same goroutines as with DWARF)
        # and 1.40 (no table near enough: a clear error).
        stripped = os.path.join(work, "stripped.exe")
        subprocess.run(["objcopy", "--strip-all", exe, stripped], check=True)
        sdata = bytearray(open(stripped, "rb").read())
        i = sdata.find(b"\xff Go buildinf:")
        j = sdata.find(b"go1.27.", i) if i >= 0 else -1
        check("corpus sample for the nearest-table case is go1.27", 0 if j > 0 else 3, b"", b"", {0})
        if j > 0:
            rc0, want, err0 = run(gm, ["goroutines", core, "--exe", exe, "--format", "go"])
            for claimed, expect_ok in ((b"go1.28.", True), (b"go1.40.", False)):
                sdata[j:j + 7] = claimed
                pth = os.path.join(work, "claimed-" + claimed.decode().strip("."))
                open(pth, "wb").write(sdata)
                rc, out, err = run(gm, ["goroutines", core, "--exe", pth, "--force", "--format", "go"])
                if expect_ok:
                    same = rc in (0, 1) and out == want
                    check(f"stripped, claims {claimed.decode()}x: nearest table gives the same goroutines",
                          0 if same else 3, out, err, {0})
                    rc, out, err = run(gm, ["info", core, "--exe", pth, "--force"])
                    check("info names the nearest table", 0 if b"nearest table go1.27" in out else 3,
                          out, err, {0})
                else:
                    check(f"stripped, claims {claimed.decode()}x: no table near enough", rc, out, err, {2},
                          "not supported without DWARF")

        # garbage memory: random bytes written into the core's saved segments
        rng = random.Random(args.seed)
        loads = elf_loads(data)
        for k in range(args.mutations):
            m = bytearray(data)
            for _ in range(rng.choice((1, 8, 64, 512))):
                off, size = rng.choice(loads)
                pos = off + rng.randrange(size)
                n = rng.choice((1, 8, 64))
                m[pos:pos + n] = rng.randbytes(min(n, len(m) - pos))
            mc = os.path.join(work, "mut")
            open(mc, "wb").write(m)
            fmt = ("text", "go", "json")[k % 3]
            check(f"garbage memory #{k} ({fmt})",
                  *run(gm, ["goroutines", mc, "--exe", exe, "--format", fmt], timeout=60), {0, 1, 2})
        # garbage headers: random bytes in the first 4 KiB (ELF header, phdrs, notes)
        for k in range(args.mutations // 2):
            m = bytearray(data)
            for _ in range(rng.choice((1, 4, 16))):
                pos = rng.randrange(min(len(m), 8192))
                m[pos] = rng.randrange(256)
            mc = os.path.join(work, "mut")
            open(mc, "wb").write(m)
            check(f"garbage headers #{k}", *run(gm, ["info", mc, "--exe", exe], timeout=60), {0, 1, 2})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


def finish():
    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
