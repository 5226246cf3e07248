#!/usr/bin/env python3
"""Damaged DWARF must not take gomortem down (issue 20, item 2).

On the go1.27 corpus core (DWARF 5):
  replay   the fuzz_dwarf input in tests/fuzz/libdwarf-bugs/ (one byte of
           the .debug_rnglists section header of the executable with
           decompressed debug sections) made bookworm's libdwarf 20210528
           double-free: gomortem must now say "DWARF unreadable
           (.debug_rnglists: ...)", take the layout from the gorts tables,
           and print the goroutines the undamaged executable gives (--force:
           objcopy changes the first page the core keeps a copy of);
  nocheck  the same section bytes, recompressed into the original
           executable (first page intact, so no --force): exit code 1 with
           the warning, results equal; with GM_DWARF_NO_CHECK=1 the section
           checks are skipped, libdwarf really double-frees, in the child
           process, and gomortem falls back all the same;
  timeout  GM_DWARF_TIMEOUT_MS=1 kills the DWARF reader: the same fallback;
  live     --pid on the program run from the damaged executable: the same
           warning, and the goroutines read with the undamaged one;
  sweep    40 random byte changes in the DWARF sections and their headers
           (fixed seed): no crash or hang, and the undamaged executable's
           goroutines, from DWARF or, with the warning, from the tables.

Needs zstd and objcopy (binutils). Run: dwarftest.py --gomortem BIN
"""
import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testlib import Reporter  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHF_COMPRESSED = 0x800


def sections(d):
    """name -> (index, header offset, sh_offset, sh_size, sh_flags)"""
    shoff, = struct.unpack_from("<Q", d, 40)
    shnum, shstrndx = struct.unpack_from("<HH", d, 60)
    stroff, = struct.unpack_from("<Q", d, shoff + 64 * shstrndx + 24)
    out = {}
    for i in range(shnum):
        h = shoff + 64 * i
        name_off, typ, flags = struct.unpack_from("<IIQ", d, h)
        off, size = struct.unpack_from("<QQ", d, h + 24)
        end = d.index(b"\0", stroff + name_off)
        name = d[stroff + name_off:end].decode()
        if typ != 8:  # NOBITS
            out[name] = (i, h, off, size, flags)
    return out


def apply_fuzz_input(plain, inp):
    """fuzz_elfpatch.h's ep_apply with fuzz_dwarf's regions as they were
    when the input was found (commit d87f416: three samples, go1.27 third;
    regions page 0, section headers, abbrev, info, info[:64K] twice, str,
    loc[:4K], ranges[:4K], shstrtab, the absent ones left out). Returns the
    patched bytes and the file offsets written."""
    d = bytearray(plain)
    n = len(d)
    secs = sections(d)
    shoff, = struct.unpack_from("<Q", d, 40)
    shnum, = struct.unpack_from("<H", d, 60)
    regs = []

    def add(off, size):
        if size and off < n:
            regs.append((off, min(size, n - off)))
    add(0, 4096)
    add(shoff, 64 * shnum)
    for name, cap in [(".debug_abbrev", None), (".debug_info", None), (".debug_info", 65536),
                      (".debug_info", 65536), (".debug_str", None), (".debug_loc", 4096),
                      (".debug_ranges", 4096), (".shstrtab", None)]:
        if name in secs:
            _, _, off, size, _ = secs[name]
            add(off, size if cap is None else min(size, cap))
    p = 1  # byte 0 picked the sample
    written = []
    while p + 6 <= len(inp):
        r, off, ln = struct.unpack_from("<BIB", inp, p)
        p += 6
        ln = min(ln % 64 + 1, len(inp) - p)
        if not ln:
            break
        ro, rs = regs[r % len(regs)]
        at = ro + off % rs
        ln = min(ln, n - at)
        d[at:at + ln] = inp[p:p + ln]
        written += range(at, at + ln)
        p += ln
    return bytes(d), written


def run(gm, args, env=None, timeout=120):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([gm] + args, capture_output=True, timeout=timeout, env=e)
    return r.returncode, r.stdout, r.stderr.decode(errors="replace")


def dwarf_warnings(err):
    return [l for l in err.splitlines() if "DWARF unreadable" in l]


def check_fallback(rep, name, gm, core, exe, base, extra, want_reason, env=None, want_rc=1):
    """Every command exits want_rc (never a signal), warns once with
    want_reason (a string, or a tuple of accepted strings), and prints what
    the undamaged executable gives."""
    for cmd in (["goroutines"], ["goroutines", "--format", "go"], ["summary"], ["info"]):
        problems = []
        rc, out, err = run(gm, cmd + [core, "--exe", exe] + extra, env)
        out = out.replace(exe.encode(), b"EXE")  # summary names the executable
        if rc < 0 or rc >= 128:
            problems.append("killed by signal / crashed (rc %d): %s" % (rc, err[-300:]))
        elif rc != want_rc:
            problems.append("exit code %d, want %d: %s" % (rc, want_rc, err[-300:]))
        w = dwarf_warnings(err)
        reasons = want_reason if isinstance(want_reason, tuple) else (want_reason,)
        if len(w) != 1 or not any(x in w[0] for x in reasons):
            problems.append("want one warning naming %r, stderr: %s" % (reasons, err[-400:]))
        elif not w[0].endswith("; layout from the go1.27 tables"):
            problems.append("warning does not say where the layout came from: " + w[0])
        key = " ".join(cmd)
        if cmd[0] == "info":
            if b"layout from:    gorts" not in out:
                problems.append("info does not say the layout came from gorts")
        elif out != base[key]:
            problems.append("output differs from the undamaged executable's (%d vs %d bytes)" %
                            (len(out), len(base[key])))
        rep.report("%s: %s" % (name, key), problems)


def baseline(rep, name, gm, core, exe, extra, want_rc):
    base = {}
    for cmd in (["goroutines"], ["goroutines", "--format", "go"], ["summary"]):
        rc, out, err = run(gm, cmd + [core, "--exe", exe] + extra)
        out = out.replace(exe.encode(), b"EXE")
        problems = []
        if rc != want_rc:
            problems.append("exit code %d, want %d: %s" % (rc, want_rc, err[-300:]))
        if dwarf_warnings(err):
            problems.append("the undamaged executable gives a DWARF warning: " + err[-300:])
        if cmd[0] == "goroutines" and out.count(b"goroutine ") < 50:
            problems.append("too few goroutines printed")
        base[" ".join(cmd)] = out
        rep.report("%s: %s" % (name, " ".join(cmd)), problems)
    return base


def recompress_section(orig, name, content):
    """orig with section `name` (SHF_COMPRESSED, zlib) holding `content`,
    recompressed in place (zero padding after the stream): neither the
    section headers nor anything else of the first page change (the Go
    linker puts the section headers there, and the core keeps a copy)."""
    d = bytearray(orig)
    _, h, off, size, flags = sections(d)[name]
    assert flags & SHF_COMPRESSED, name + " is not compressed"
    blob = struct.pack("<IIQQ", 1, 0, len(content), 1) + zlib.compress(content, 9)
    if len(blob) > size:
        sys.exit("dwarftest: the damaged %s does not fit in place (%d > %d bytes)" %
                 (name, len(blob), size))
    d[off:off + size] = blob + bytes(size - len(blob))
    return bytes(d)


def sweep(rep, gm, core, plain_b, base_go, tmp, n=40, seed=1):
    """Random byte changes in the decompressed executable's DWARF (mostly in
    the first 4 KiB of each section, where the headers are) and in the
    debug sections' headers: never a crash or a hang, and the goroutines
    are those of the undamaged executable unless a DWARF warning says the
    layout came from the tables (or an error line says what is missing)."""
    import random
    secs = sections(plain_b)
    regs = [(nm, secs[nm][2], secs[nm][3]) for nm in
            (".debug_info", ".debug_abbrev", ".debug_rnglists", ".debug_loclists", ".debug_addr")
            if nm in secs]
    shoff, = struct.unpack_from("<Q", plain_b, 40)
    first = min(secs[nm][0] for nm in secs if nm.startswith(".debug_"))
    regs.append(("debug section headers", shoff + 64 * first, 64 * 8))
    rng = random.Random(seed)
    path = os.path.join(tmp, "sweep.exe")
    problems, fallbacks = [], 0
    for i in range(n):
        name, off, size = rng.choice(regs)
        d = bytearray(plain_b)
        for _ in range(rng.choice([1, 1, 2, 4])):
            at = off + (rng.randrange(min(size, 4096)) if rng.random() < 0.7 else rng.randrange(size))
            d[at] = rng.randrange(256)
        with open(path, "wb") as f:
            f.write(d)
        try:
            rc, out, err = run(gm, ["goroutines", "--format", "go", core, "--exe", path, "--force"],
                               timeout=120)
        except subprocess.TimeoutExpired:
            problems.append("case %d (%s): hang" % (i, name))
            continue
        warned = bool(dwarf_warnings(err))
        fallbacks += warned
        if rc < 0 or rc >= 128:
            problems.append("case %d (%s): crashed (rc %d)" % (i, name, rc))
        elif rc == 2:
            problems.append("case %d (%s): no result: %s" % (i, name, err.strip()[-200:]))
        elif out != base_go:
            problems.append("case %d (%s): goroutines differ%s" %
                            (i, name, " (with the DWARF warning)" if warned else ", no DWARF warning"))
    rep.report("sweep: %d random DWARF corruptions (%d fell back to the tables)" % (n, fallbacks),
               problems)


def go_headers(out):
    """goroutine header lines without the wait minutes (they may tick)"""
    return sorted(re.sub(r", \d+ minutes", "", l) for l in out.decode(errors="replace").splitlines()
                  if l.startswith("goroutine "))


def live(rep, gm, exe, bad, tmp):
    """--pid on the running program whose executable has the damaged
    .debug_rnglists: the same fallback; the goroutines equal those read with
    the undamaged executable (--exe) from the same process."""
    rundir = os.path.join(tmp, "run")
    os.makedirs(rundir)
    ready = os.path.join(rundir, "ready")
    env = {k: v for k, v in os.environ.items()
           if k not in ("GODEBUG", "GOMAXPROCS", "GOMEMLIMIT", "GOGC")}
    proc = subprocess.Popen([bad, ready], cwd=rundir, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(ready):
            if proc.poll() is not None or time.monotonic() > deadline:
                rep.report("live: the damaged executable runs", ["it did not get ready"])
                return
            time.sleep(0.02)
        pid = str(proc.pid)
        rc0, good, err0 = run(gm, ["goroutines", "--format", "go", "--pid", pid, "--exe", exe])
        problems = []
        # (--exe: the process copy holds no executable headers to check: rc 1)
        if rc0 not in (0, 1) or dwarf_warnings(err0) or len(go_headers(good)) < 50:
            problems.append("undamaged --exe: rc %d, %d goroutines: %s" %
                            (rc0, len(go_headers(good)), err0[-300:]))
        for cmd in (["goroutines", "--format", "go"], ["info"]):
            rc, out, err = run(gm, cmd + ["--pid", pid])
            w = dwarf_warnings(err)
            if rc != 1:
                problems.append("%s: exit code %d, want 1: %s" % (cmd[0], rc, err[-300:]))
            if len(w) != 1 or ".debug_rnglists: unit at 0x0:" not in w[0]:
                problems.append("%s: want one warning naming .debug_rnglists: %s" %
                                (cmd[0], err[-300:]))
            if cmd[0] == "goroutines" and go_headers(out) != go_headers(good):
                problems.append("goroutines differ from those read with the undamaged executable")
        if proc.poll() is not None:
            problems.append("the program died")
        rep.report("live: --pid on the program with the damaged executable", problems)
    finally:
        proc.kill()
        proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    rep = Reporter()
    with tempfile.TemporaryDirectory(prefix="gm-dwarftest-") as tmp:
        src = os.path.join(ROOT, "corpus", "go1.27-scenarios")
        core, exe = os.path.join(tmp, "core"), os.path.join(tmp, "exe")
        for f, out in (("core.zst", core), ("exe.zst", exe)):
            subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(src, f), "-o", out], check=True)
        plain = os.path.join(tmp, "exe.plain")
        subprocess.run(["objcopy", "--decompress-debug-sections", exe, plain], check=True)
        plain_b = open(plain, "rb").read()

        # replay: the fuzz input on the decompressed executable
        inp = open(os.path.join(ROOT, "tests", "fuzz", "libdwarf-bugs",
                                "rnglists-double-free-go1.27"), "rb").read()
        if inp[0] % 3 != 2:
            sys.exit("dwarftest: the input does not pick the go1.27 sample")
        bad_b, written = apply_fuzz_input(plain_b, inp)
        secs = sections(plain_b)
        _, h, roff, rsize, _ = secs[".debug_rnglists"]
        problems = []
        if not written or not all(h <= w < h + 64 for w in written):
            problems.append("the input does not write into the .debug_rnglists section header")
        new_off, = struct.unpack_from("<Q", bad_b, h + 24)
        if new_off == roff:
            problems.append("the input leaves .debug_rnglists where it was")
        rep.report("replay: the input moves .debug_rnglists (0x%x -> 0x%x)" % (roff, new_off),
                   problems)
        bad = os.path.join(tmp, "exe.plain.bad")
        with open(bad, "wb") as f:
            f.write(bad_b)
        base_forced = baseline(rep, "replay, undamaged", gm, core, plain, ["--force"], 1)
        check_fallback(rep, "replay", gm, core, bad, base_forced, ["--force"],
                       ".debug_rnglists: unit at 0x0:")

        sweep(rep, gm, core, plain_b, base_forced["goroutines --format go"], tmp)

        # nocheck: what libdwarf read there, recompressed into the original
        seen = bad_b[new_off:new_off + rsize]
        orig_b = open(exe, "rb").read()
        bad2 = os.path.join(tmp, "exe.bad")
        with open(bad2, "wb") as f:
            f.write(recompress_section(orig_b, ".debug_rnglists", seen))
        os.chmod(bad2, 0o755)
        base = baseline(rep, "undamaged", gm, core, exe, [], 0)
        check_fallback(rep, "damaged rnglists", gm, core, bad2, base, [],
                       ".debug_rnglists: unit at 0x0:")
        # without the checks libdwarf double-frees: in the child, which dies
        # (SIGABRT from glibc; an ASan build's child reports and exits 1)
        check_fallback(rep, "damaged rnglists, GM_DWARF_NO_CHECK=1", gm, core, bad2, base, [],
                       ("libdwarf crashed (SIGABRT)", "the DWARF reader exited with status 1"),
                       env={"GM_DWARF_NO_CHECK": "1"})
        # a reader that does not finish in time is killed
        check_fallback(rep, "GM_DWARF_TIMEOUT_MS=1", gm, core, exe, base, [],
                       "libdwarf did not finish in 1 ms (killed)",
                       env={"GM_DWARF_TIMEOUT_MS": "1"})
        live(rep, gm, exe, bad2, tmp)
    rep.summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
