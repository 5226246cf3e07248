#!/usr/bin/env python3
"""Benchmark: compressed cores (zstd, lz4, xz) read by gomortem vs the
reference decompressor writing to /dev/null.

Takes a big core (--core/--exe, or --make DIR: scripts/make-bigcore.sh makes a
225,000-goroutine Go 1.27 core, about 1 GB), compresses it the way
systemd-coredump does (src/shared/compress.c):

  zstd  level 3 (ZSTD_CLEVEL_DEFAULT), checksum, streamed (no content size)
  lz4   frame format, 256 KiB linked blocks (blockSizeID 5), default level,
        no content checksum
  xz    preset 6 (LZMA_PRESET_DEFAULT), CRC64, one thread

then for each format measures, best wall time of --runs:

  - the reference: `zstd -d -c F > /dev/null` (`lz4 -d -c`, `xz -d -c -T1`)
  - `gomortem info F --exe EXE`   (decodes on demand: headers, notes, the
    runtime structures info reads)
  - `gomortem goroutines F --exe EXE` and `gomortem summary F --exe EXE`
    (decode on demand what the walkers read: here nearly everything)
  - the same three with GM_DECODE=full (the whole stream decoded at open,
    as before on-demand decoding), with --full
  - the plain core's info / goroutines / summary for comparison, also with
    another build (--baseline BIN: e.g. the build before a memsrc change)

and peak anonymous memory (RssAnon sampled every 2 ms from /proc/PID/status)
and VmHWM. The target is gomortem <= 1.5x the reference, with anonymous
memory flat in the core size (the decompressed core lives in page cache).

This is a benchmark, not a test: it prints a table (markdown with --markdown)
and exits 0 unless a tool fails.

Usage: bench/bench_decompress.py --gomortem build/gomortem (--core CORE --exe EXE | --make DIR)
                                 [--work DIR] [--runs 3] [--formats zstd,lz4,xz]
                                 [--commands info,goroutines,summary] [--full] [--baseline BIN]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# name, suffix, compress command (stdin -> stdout), reference decompressor
FORMATS = {
    "zstd": (".zst", ["zstd", "-q", "-3", "--check", "-c"], ["zstd", "-q", "-d", "-c"]),
    "lz4": (".lz4", ["lz4", "-q", "-B5", "-BD", "--no-frame-crc", "-c"], ["lz4", "-q", "-d", "-c"]),
    "xz": (".xz", ["xz", "-q", "-6", "-C", "crc64", "-T1", "-c"], ["xz", "-q", "-d", "-c", "-T1"]),
}


def measure(cmd, stdout=None, env=None, timeout=1800):
    """Runs cmd; returns (wall s, VmHWM KiB, peak RssAnon KiB, rc, stderr, cpu s)."""
    err = tempfile.TemporaryFile()
    out = open(os.devnull, "wb") if stdout is None else stdout
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
    status = f"/proc/{p.pid}/status"
    anon = hwm = 0
    ru = None
    while True:
        pid, st, r = os.wait4(p.pid, os.WNOHANG)
        if pid == p.pid:
            ru = r
            rc = os.waitstatus_to_exitcode(st)
            break
        try:
            with open(status) as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        anon = max(anon, int(line.split()[1]))
                    elif line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        if time.perf_counter() - t0 > timeout:
            p.kill()
        time.sleep(0.002)
    wall = time.perf_counter() - t0
    if stdout is None:
        out.close()
    err.seek(0)
    return (wall, max(hwm, ru.ru_maxrss), anon, rc, err.read().decode(errors="replace"),
            ru.ru_utime + ru.ru_stime)


def best_of(runs, cmd, ok=(0,), env=None):
    best = None
    for _ in range(runs):
        r = measure(cmd, env=env)
        if r[3] not in ok:
            sys.exit(f"bench: {' '.join(cmd)} failed (rc={r[3]}): {r[4].strip()[:400]}")
        if best is None or r[0] < best[0]:
            best = r
    return best


def compress(core, fmt, work):
    suffix, ccmd, _ = FORMATS[fmt]
    out = os.path.join(work, "core" + suffix)
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(core):
        return out
    t0 = time.perf_counter()
    tmp = out + ".part"
    with open(core, "rb") as fi, open(tmp, "wb") as fo:
        subprocess.run(["nice"] + ccmd, stdin=fi, stdout=fo, check=True)
    os.replace(tmp, out)
    print(f"compressed with {fmt} in {time.perf_counter() - t0:.0f} s", flush=True)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--core")
    ap.add_argument("--exe")
    ap.add_argument("--make", metavar="DIR", help="make the core with scripts/make-bigcore.sh into DIR (reused)")
    ap.add_argument("--go", default="1.27")
    ap.add_argument("-n", type=int, default=225000)
    ap.add_argument("--work", help="where the compressed cores are kept (reused when newer than the core)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--formats", default="zstd,lz4,xz")
    ap.add_argument("--no-goroutines", action="store_true", help="only info (same as --commands info)")
    ap.add_argument("--commands", default="info,goroutines,summary")
    ap.add_argument("--full", action="store_true", help="also with GM_DECODE=full (whole decode at open)")
    ap.add_argument("--baseline", help="another gomortem build: its plain-core times too")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()

    if args.make:
        core, exe = os.path.join(args.make, "core"), os.path.join(args.make, "exe")
        if not (os.path.exists(core) and os.path.exists(exe)):
            subprocess.run(["bash", os.path.join(REPO, "scripts", "make-bigcore.sh"), args.make,
                            str(args.n), args.go], check=True)
    elif args.core and args.exe:
        core, exe = args.core, args.exe
    else:
        ap.error("give --core and --exe, or --make DIR")
    gm = os.path.abspath(args.gomortem)
    work = args.work or tempfile.mkdtemp(prefix="gomortem-bench-dec-")
    os.makedirs(work, exist_ok=True)
    size = os.path.getsize(core)
    print(f"core: {core}, {size / 2**20:.0f} MiB; TMPDIR={os.environ.get('TMPDIR') or tempfile.gettempdir()}; "
          f"best of {args.runs}", flush=True)

    rows = []  # (what, compressed MiB, wall, hwm KiB, anon KiB, ratio)
    cmds = ["info"] if args.no_goroutines else args.commands.split(",")
    full_env = dict(os.environ, GM_DECODE="full")
    for c in cmds:
        r = best_of(args.runs, [gm, c, core, "--exe", exe], ok=(0, 1))
        rows.append((f"gomortem {c} (plain core)", size, r, None))
        if args.baseline:
            r = best_of(args.runs, [os.path.abspath(args.baseline), c, core, "--exe", exe], ok=(0, 1))
            rows.append((f"baseline {c} (plain core)", size, r, None))
    for fmt in args.formats.split(","):
        f = compress(core, fmt, work)
        csize = os.path.getsize(f)
        ref_cmd = FORMATS[fmt][2] + [f]
        ref = best_of(args.runs, ref_cmd)
        rows.append((f"{' '.join(FORMATS[fmt][2][:1] + FORMATS[fmt][2][2:])} > /dev/null", csize, ref, None))
        for c in cmds:
            r = best_of(args.runs, [gm, c, f, "--exe", exe], ok=(0, 1))
            rows.append((f"gomortem {c} CORE{FORMATS[fmt][0]}", csize, r, r[0] / ref[0]))
            if args.full:
                r = best_of(args.runs, [gm, c, f, "--exe", exe], ok=(0, 1), env=full_env)
                rows.append((f"GM_DECODE=full gomortem {c} CORE{FORMATS[fmt][0]}", csize, r, r[0] / ref[0]))

    if args.markdown:
        print("| what | input MiB | wall s | x reference | CPU s | peak RssAnon MiB | VmHWM MiB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for what, sz, r, ratio in rows:
            print(f"| `{what}` | {sz / 2**20:.1f} | {r[0]:.2f} | {'' if ratio is None else f'{ratio:.2f}'} "
                  f"| {r[5]:.2f} | {r[2] / 1024:.1f} | {r[1] / 1024:.1f} |")
    else:
        print(f"{'what':44} {'input MiB':>9} {'wall s':>7} {'x ref':>6} {'CPU s':>6} {'anon MiB':>9} {'VmHWM MiB':>10}")
        for what, sz, r, ratio in rows:
            print(f"{what:44} {sz / 2**20:9.1f} {r[0]:7.2f} {'' if ratio is None else f'{ratio:.2f}':>6} "
                  f"{r[5]:6.2f} {r[2] / 1024:9.1f} {r[1] / 1024:10.1f}")
    print(f"(compressed cores in {work}; load average at the end: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
