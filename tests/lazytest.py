#!/usr/bin/env python3
"""Compressed cores decoded on demand (issue 8), end to end.

tests/progs/triage (goroutine leak, blocked finalizer with a queue, timers,
types) is built with one Go version and crashed with SIGQUIT (one core per
version, reused by every check). Then:

- the plain core's `goroutines --format go` agrees with Go's own crash dump
  (the truth the other checks are anchored to);
- the core compressed as systemd-coredump does (zstd, lz4, xz) gives
  output identical to the plain core for goroutines (go format),
  finalizers, heap and summary (JSON; only the core's name and "source"
  differ), with the same exit code 0;
- the core cut where the goroutine walker needs data (in the middle of the
  runtime.allgs array, found from the executable's symbols and the core's
  program headers) gives exit 1 and a line saying what is missing, decoded
  on demand and with GM_DECODE=full;
- the core cut after everything a command needs gives the full answer
  (identical goroutine dump) and says the core is truncated (exit 1, the
  warning, info's "truncated"), on demand as with GM_DECODE=full: a stream
  cut inside the core's last segment ([vsyscall] or the main thread's
  stack, which no walker reads) is seen from its headers at open.

Usage: lazytest.py --gomortem BIN --versions 1.22,1.27 --work DIR
Last line: "N passed, M failed".
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
import testlib  # noqa: E402

results = []

COMPRESSORS = (  # systemd-coredump's settings (src/shared/compress.c)
    ("zstd", ".zst", ["zstd", "-q", "-3", "--check", "-c"]),
    ("lz4", ".lz4", ["lz4", "-q", "-B5", "-BD", "--no-frame-crc", "-c"]),
    ("xz", ".xz", ["xz", "-q", "-6", "-C", "crc64", "-T1", "-c"]),
)
COMMANDS = (
    ("goroutines", ["goroutines", "--format", "go"]),
    ("finalizers", ["finalizers", "--format", "json"]),
    ("heap", ["heap", "--format", "json"]),
    ("summary", ["summary", "--format", "json"]),
)


def report(name, problems):
    results.append(not problems)
    print(("ok   " if not problems else "FAIL ") + name +
          ("" if not problems else ": " + "; ".join(problems[:8])))
    sys.stdout.flush()


def gm(args, argv, core, exe, env=None):
    p = subprocess.run([args.gomortem, argv[0], core, "--exe", exe] + argv[1:],
                       capture_output=True, timeout=300,
                       env=dict(os.environ, **env) if env else None)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def sanitizer(err):
    return any(s in err for s in ("AddressSanitizer", "runtime error:", "LeakSanitizer"))


def normalize(name, out):
    """The output with the core's own name and kind taken out."""
    if name in ("goroutines",):
        return out
    try:
        obj = json.loads(out)
    except ValueError:
        return out

    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k not in ("core", "source")}
        if isinstance(o, list):
            return [strip(v) for v in o]
        return o
    return json.dumps(strip(obj), sort_keys=True).encode()


def compress(cmd, data):
    return subprocess.run(cmd, input=data, capture_output=True, check=True).stdout


def symbol(exe, name):
    """The value of symbol `name` in the ELF64 executable's .symtab."""
    d = open(exe, "rb").read()
    shoff, = struct.unpack_from("<Q", d, 40)
    shentsize, shnum = struct.unpack_from("<HH", d, 58)
    secs = [struct.unpack_from("<IIQQQQIIQQ", d, shoff + i * shentsize) for i in range(shnum)]
    want = name.encode()
    for sh in secs:
        if sh[1] != 2:  # SHT_SYMTAB
            continue
        strtab = secs[sh[6]]
        soff, ssize = strtab[4], strtab[5]
        for k in range(sh[5] // 24):
            st_name, _info, _other, _shndx, value, _size = struct.unpack_from("<IBBHQQ", d, sh[4] + k * 24)
            o = soff + st_name
            if o < soff + ssize and d[o:o + len(want) + 1] == want + b"\0":
                return value
    return None


def test_version(args, v):
    out = os.path.join(args.work, "lazytest", "triage-go" + v)
    err = difftest.produce_prog(args.work, v, "triage", out)
    if err:
        report(f"go{v}: produce the triage core", [err])
        return
    core, exe = os.path.join(out, "core"), os.path.join(out, "exe")
    data = open(core, "rb").read()
    tmp = tempfile.mkdtemp(prefix="lazy-", dir=out)

    # the plain core, anchored to Go's own dump
    want = {}
    probs = []
    for name, argv in COMMANDS:
        rc, o, e = gm(args, argv, core, exe)
        if rc != 0 or sanitizer(e):
            probs.append(f"plain {name}: exit {rc}: {e[-300:]}")
        want[name] = (rc, normalize(name, o))
    go_dump = difftest.parse_dump(difftest.read_text(os.path.join(out, "stderr.txt")))
    res = difftest.Result(v)
    difftest.compare_dumps(go_dump, difftest.parse_dump(want["goroutines"][1].decode(errors="replace")), res)
    if not res.ok:
        probs.append("plain core vs Go's dump: " + "; ".join(res.problems[:3]))
    report(f"go{v}: plain core: goroutines agree with Go's dump ({len(go_dump.order)} goroutines), "
           "finalizers/heap/summary exit 0", probs)

    # compressed: identical to the plain core
    comp = {}
    for fmt, suffix, cmd in COMPRESSORS:
        z = compress(cmd, data)
        zc = os.path.join(tmp, "core" + suffix)
        open(zc, "wb").write(z)
        st = os.stat(core)  # summary's "time" is the core file's mtime
        os.utime(zc, ns=(st.st_atime_ns, st.st_mtime_ns))
        comp[fmt] = zc
        probs = []
        for name, argv in COMMANDS:
            rc, o, e = gm(args, argv, zc, exe)
            if sanitizer(e):
                probs.append(f"{name}: sanitizer report: {e[:500]}")
            if rc != want[name][0]:
                probs.append(f"{name}: exit {rc}, plain core {want[name][0]}: {e[-300:]}")
            elif normalize(name, o) != want[name][1]:
                probs.append(f"{name}: output differs from the plain core's")
        rc, o, e = gm(args, ["info", "--format", "json"], zc, exe)
        if rc != 0 or json.loads(o or b"{}").get("source") != f"core ({fmt})":
            probs.append(f"info: exit {rc}, source not 'core ({fmt})': {o[:200]!r}")
        report(f"go{v}: {fmt} core ({len(z) >> 10} KiB): goroutines, finalizers, heap, summary "
               "identical to the plain core", probs)

    # cut where the walker needs data: in the middle of the allgs array
    loads = testlib.core_loads(core)
    allgs = symbol(exe, "runtime.allgs")
    probs = []
    if allgs is None:
        report(f"go{v}: runtime.allgs in the executable's symbols", ["not found"])
        return
    hdr_off = testlib.core_file_offset(loads, allgs)
    ptr, n = struct.unpack_from("<QQ", data, hdr_off) if hdr_off is not None else (0, 0)
    arr_off = testlib.core_file_offset(loads, ptr)
    if arr_off is None or n < 2:
        report(f"go{v}: allgs array in the core", [f"allgs=({ptr:#x}, {n})"])
        return
    cut_at = arr_off + 8 * (n // 2)
    for fmt, suffix, cmd in COMPRESSORS:
        # the stream of the core's first cut_at bytes, its end cut off
        z = compress(cmd, data[:cut_at])[:-8]
        zc = os.path.join(tmp, "cut" + suffix)
        open(zc, "wb").write(z)
        probs = []
        for env, say in ((None, "missing"), ({"GM_DECODE": "full"}, "truncated")):
            rc, o, e = gm(args, COMMANDS[0][1], zc, exe, env)
            mode = "full" if env else "on demand"
            if rc != 1 or sanitizer(e):
                probs.append(f"{mode}: exit {rc}, want 1: {e[-300:]}")
            elif not any(say in l and l.startswith("gomortem:") for l in e.splitlines()):
                probs.append(f"{mode}: no line says what is {say}: {e[-300:]}")
        report(f"go{v}: {fmt} core cut inside allgs (offset {cut_at} of {len(data)}): "
               "goroutines exit 1, says what is missing", probs)

    # cut after everything a command needs: inside the last segment of the
    # file ([vsyscall] or the main thread's stack, which no walker reads).
    # The answer is still whole (identical goroutines), and the cut is
    # reported all the same (exit 1, a line saying the core is truncated, info
    # says truncated), as for the same core cut uncompressed: the stream's
    # headers show it at open, without decoding what no command needs.
    last = max((l for l in loads if l[2]), key=lambda l: l[1])
    end = last[1] + last[2] // 2
    rc, o, e = gm(args, ["info", "--format", "json"], core, exe)
    want["info"] = (rc, normalize("info", o))
    for fmt, suffix, cmd in COMPRESSORS:
        z = compress(cmd, data[:end])[:-8]
        zc = os.path.join(tmp, "tail" + suffix)
        open(zc, "wb").write(z)
        probs = []
        for env in (None, {"GM_DECODE": "full"}):
            mode = "full" if env else "on demand"
            rc, o, e = gm(args, COMMANDS[0][1], zc, exe, env)
            if rc != 1 or sanitizer(e) or "truncated" not in e:
                probs.append(f"{mode}: goroutines exit {rc}, want 1 and a line saying the core is truncated: {e[-300:]}")
            if normalize(COMMANDS[0][0], o) != want[COMMANDS[0][0]][1]:
                probs.append(f"{mode}: goroutines output differs from the plain core's")
            rc, o, e = gm(args, ["info", "--format", "json"], zc, exe, env)
            try:
                trunc = json.loads(o)["truncated"]
            except (ValueError, KeyError):
                trunc = None
            if rc != 1 or trunc is not True or sanitizer(e):
                probs.append(f"{mode}: info exit {rc}, truncated {trunc}, want 1 and true: {e[-300:]}")
        report(f"go{v}: {fmt} core cut inside its last segment (at {last[0]:#x}, offset {end}): "
               "goroutines whole, exit 1 and truncated, on demand and full", probs)
    subprocess.run(["rm", "-rf", tmp])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--versions", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    args.gomortem = os.path.abspath(args.gomortem)
    os.makedirs(os.path.join(args.work, "lazytest"), exist_ok=True)
    for v in args.versions.split(","):
        test_version(args, v)
    print("%d passed, %d failed" % (sum(results), len(results) - sum(results)))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
