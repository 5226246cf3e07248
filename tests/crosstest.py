#!/usr/bin/env python3
"""gomortem on an arm64 host (issue 18): scripts/cross-arm64.sh builds
gomortem with aarch64-linux-gnu-gcc and runs its unit tests under qemu-user;
then the arm64 build, run under qemu-user, must print exactly what the host
(amd64) build prints, with the same exit code, for every command on
- each corpus core (amd64 cores: corpus/go1.XX-scenarios),
- an arm64 core of the same scenarios program (Go 1.27, written by qemu),
so every reader (ELF, DWARF in its child, pclntab, layouts, the walkers, the
renderers) is shown to work the same when gomortem itself is an arm64
program. Exit 77 (skip) when the cross compiler or qemu-aarch64 is missing.
"""
import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import difftest  # noqa: E402
import testlib  # noqa: E402

R = testlib.Reporter()

COMMANDS = [
    ["goroutines"], ["goroutines", "--format", "go"], ["goroutines", "--format", "json", "--native"],
    ["summary", "--format", "json"], ["summary"], ["heap"], ["heap", "--by-type", "--format", "json"],
    ["finalizers"], ["timers"], ["types"], ["maps", "--format", "json"], ["info"], ["threads", "--native"],
]


def run(cmd, timeout):
    p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def compare(args, arm, name, core, exe):
    probs = []
    for c in COMMANDS:
        argv = c + [core, "--exe", exe]
        try:
            ra, oa, ea = run([args.gomortem] + argv, 120)
            rb, ob, eb = run(["qemu-aarch64", arm] + argv, 600)
        except subprocess.TimeoutExpired:
            probs.append("%s: timed out" % " ".join(c))
            continue
        if ra != rb or oa != ob:
            diff = next((i for i in range(min(len(oa), len(ob))) if oa[i] != ob[i]), min(len(oa), len(ob)))
            probs.append("%s: exit %d / %d (host / arm64), output %d / %d bytes, first difference at %d: "
                         "%r / %r" % (" ".join(c), ra, rb, len(oa), len(ob), diff,
                                      oa[max(0, diff - 40):diff + 40], ob[max(0, diff - 40):diff + 40]))
        elif ea != eb:
            probs.append("%s: stderr %r / %r" % (" ".join(c), ea[-200:], eb[-200:]))
    R.report("%s: %d commands, the arm64 build prints what the host build prints" % (name, len(COMMANDS)), probs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gomortem", required=True, help="the host build")
    ap.add_argument("--work", required=True)
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
    args = ap.parse_args()
    for tool in ("aarch64-linux-gnu-gcc", "qemu-aarch64", "zstd"):
        if not shutil.which(tool):
            print("SKIP: %s is not installed (scripts/setup.sh installs it)" % tool)
            return 77
    work = os.path.join(os.path.abspath(args.work), "crosstest.%d" % os.getpid())
    os.makedirs(work)
    try:
        build = os.path.join(work, "build-arm64")
        p = subprocess.run(["bash", os.path.join(SRC, "scripts", "cross-arm64.sh"), build],
                           capture_output=True, text=True, timeout=1800)
        R.report("scripts/cross-arm64.sh: the arm64 build and its unit tests under qemu-user",
                 [] if p.returncode == 0 else ["exit %d: %s" % (p.returncode, (p.stdout + p.stderr)[-1500:])])
        arm = os.path.join(build, "gomortem")
        if p.returncode != 0 or not os.path.exists(arm):
            R.summary()
            return 1
        for v in ("1.19", "1.22", "1.27"):
            d = os.path.join(SRC, "corpus", "go%s-scenarios" % v)
            exe = os.path.join(work, "exe" + v)
            subprocess.run(["zstd", "-qdf", os.path.join(d, "exe.zst"), "-o", exe], check=True)
            compare(args, arm, "corpus go%s (amd64 core, zstd)" % v, os.path.join(d, "core.zst"), exe)
        out = os.path.join(work, "arm64-core")
        err = difftest.produce_prog(work, "1.27", "scenarios", out, goarch="arm64")
        if err:
            R.report("an arm64 core of go1.27 scenarios", ["could not produce it: " + err])
        else:
            compare(args, arm, "go1.27 scenarios (arm64 core)", os.path.join(out, "core"), os.path.join(out, "exe"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    R.summary()
    return R.exit_code()


if __name__ == "__main__":
    sys.exit(main())
