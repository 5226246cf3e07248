#!/usr/bin/env python3
"""Every command's output on the bundled corpus cores, byte for byte.

  golden.py --gomortem BIN            compare with tests/golden/
  golden.py --gomortem BIN --update   write tests/golden/ anew (then read
                                      the diff: every change must be meant)

This is a regression net, not a proof of correctness: the other tests prove
the answers against Go itself; this one proves that a change meant to keep
behaviour (a refactor, a speed-up) kept every byte of it, for every command
and format, stdout, stderr and exit code. The only things normalised are the
temporary paths of the extracted executable and the core's file time (the
corpus is unpacked anew on every run)."""
import argparse
import gzip
import hashlib
import os
import re
import subprocess
import sys
import tempfile

from testlib import Reporter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(os.path.dirname(HERE), "corpus")
GOLDEN = os.path.join(HERE, "golden")

# (name, argv after the command's target); pprof is binary: compared by hash.
RUNS = [
    ("summary.txt", ["summary"]),
    ("summary.json", ["summary", "--format", "json"]),
    ("goroutines.txt", ["goroutines"]),
    ("goroutines-full.txt", ["goroutines", "--full-goids", "--no-fold"]),
    ("goroutines.go", ["goroutines", "--format", "go"]),
    ("goroutines.json", ["goroutines", "--format", "json"]),
    ("goroutines.pprof", ["goroutines", "--format", "pprof", "-o", "{out}"]),
    ("threads.txt", ["threads"]),
    ("threads-native.json", ["threads", "--format", "json", "--native"]),
    ("finalizers.txt", ["finalizers"]),
    ("finalizers.json", ["finalizers", "--format", "json"]),
    ("heap.txt", ["heap"]),
    ("heap.json", ["heap", "--format", "json"]),
    ("heap-types.txt", ["heap", "--by-type", "--all"]),
    ("heap-types.json", ["heap", "--by-type", "--format", "json"]),
    ("timers.txt", ["timers"]),
    ("timers.json", ["timers", "--format", "json"]),
    ("maps.txt", ["maps"]),
    ("maps.json", ["maps", "--format", "json"]),
    ("types.txt", ["types", "--all"]),
    ("types.json", ["types", "--format", "json"]),
    ("info.txt", ["info"]),
    ("info.json", ["info", "--format", "json"]),
]


# the executable's path the kernel recorded in the bundled cores (NT_FILE):
# the build directory of the machine that made them, not this checkout's
RECORDED = re.compile(r"/[^\s\"]*?/difftest/(go1\.\d+/scenarios/scenarios)")


def normalise(text, tmp):
    text = text.replace(tmp, "TMP")
    text = RECORDED.sub(r"RECORDED/\1", text)
    # the core's time: the file's mtime, which the unpacking sets to now
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "TIME", text)
    text = re.sub(r"(core made|made)[^\n\"]*(file time|mtime)[^\n\"]*", r"\1 TIME", text)
    return text


def pprof_digest(data, tmp):
    """sha256 of a gzipped profile.proto without its time_nanos (field 9),
    the temporary directory of the executable's path (in the string table)
    written as TMP."""
    raw = gzip.decompress(data)
    keep, i = [], 0

    def varint(i):
        v = shift = 0
        while True:
            b = raw[i]
            i += 1
            v |= (b & 0x7f) << shift
            shift += 7
            if b < 0x80:
                return v, i

    while i < len(raw):
        start = i
        key, i = varint(i)
        wt = key & 7
        if wt == 0:
            _, i = varint(i)
        elif wt == 2:
            n, i = varint(i)
            i += n
        elif wt == 1:
            i += 8
        elif wt == 5:
            i += 4
        else:
            raise ValueError("bad wire type %d" % wt)
        if key >> 3 != 9:
            keep.append(re.sub(RECORDED.pattern.encode(), rb"RECORDED/\1",
                               raw[start:i].replace(tmp.encode(), b"TMP")))
    return hashlib.sha256(b"".join(keep)).hexdigest()


def run_one(gm, core, exe, argv, tmp):
    out = os.path.join(tmp, "out.bin")
    argv = [a.replace("{out}", out) for a in argv]
    cmd = [gm, argv[0], core, "--exe", exe] + argv[1:]
    p = subprocess.run(cmd, capture_output=True, timeout=120)
    body = p.stdout
    if os.path.exists(out):
        body += b"\n-- file sha256 (but time_nanos) " + pprof_digest(open(out, "rb").read(), tmp).encode() + b"\n"
        os.unlink(out)
    text = ("exit %d\n-- stdout\n%s-- stderr\n%s" % (
        p.returncode, body.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")))
    return normalise(text, tmp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    rep = Reporter()
    with tempfile.TemporaryDirectory() as tmp:
        for s in sorted(d for d in os.listdir(CORPUS) if d.startswith("go1.")):
            d = os.path.join(CORPUS, s)
            exe = os.path.join(tmp, s + ".exe")
            core = os.path.join(tmp, s + ".core")
            subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(d, "exe.zst"), "-o", exe], check=True)
            subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(d, "core.zst"), "-o", core], check=True)
            # a fixed file time, so "when the core was made" is the same on every run
            os.utime(core, (1767225600, 1767225600))
            gdir = os.path.join(GOLDEN, s)
            os.makedirs(gdir, exist_ok=True)
            for name, argv in RUNS:
                got = run_one(gm, core, exe, argv, tmp)
                path = os.path.join(gdir, name)
                if args.update:
                    with open(path, "w") as f:
                        f.write(got)
                    continue
                problems = []
                if not os.path.exists(path):
                    problems.append("no golden file (run with --update and review it)")
                else:
                    want = open(path).read()
                    if want != got:
                        wl, gl = want.splitlines(), got.splitlines()
                        for i in range(max(len(wl), len(gl))):
                            a = wl[i] if i < len(wl) else "<end>"
                            b = gl[i] if i < len(gl) else "<end>"
                            if a != b:
                                problems.append("line %d: want %r, got %r" % (i + 1, a[:160], b[:160]))
                                break
                rep.report("%s %s" % (s, name), problems)
    if args.update:
        print("golden files written to", GOLDEN)
        return 0
    rep.summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
