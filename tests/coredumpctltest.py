#!/usr/bin/env python3
"""coredumpctl debug --debugger=gomortem (issue 21).

systemd's coredumpctl (src/coredump/coredumpctl.c, run_debug(); the same in
bookworm's 252 and in current main) execs

    DEBUGGER  [--debugger-arguments words]  EXE  -c  CORE

where the --debugger-arguments (-A) string is split on whitespace with shell
quotes removed (strv_split_full(..., WHITESPACE, EXTRACT_UNQUOTE)), EXE is
COREDUMP_EXE (absolute) and CORE the core decompressed to
/var/tmp/coredump-XXXXXX (plain ELF). This test builds exactly that argv
(shlex.split for the -A string) on a corpus core and checks that it does what
the ordinary form does: the summary without -A, the chosen command with -A;
and that `goroutines --format go` so run prints the runtime's own goroutine
headers (the corpus stderr.txt, what the Go runtime printed at the crash).

Usage: coredumpctltest.py --gomortem BIN --source DIR --work DIR
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

from testlib import Reporter


def coredumpctl_argv(debugger, debugger_arguments, exe, core):
    argv = [debugger]
    if debugger_arguments is not None:
        argv += shlex.split(debugger_arguments)
    return argv + [exe, "-c", core]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    rep = Reporter()
    work = os.path.abspath(os.path.join(args.work, "coredumpctl"))
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(args.source, "corpus", "go1.27-scenarios")
    exe = os.path.join(work, "scenarios")          # COREDUMP_EXE: absolute
    core = os.path.join(work, "coredump-Xa1b2c3")  # as save_core() names it
    subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(corpus, "exe.zst"), "-o", exe], check=True)
    subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(corpus, "core.zst"), "-o", core], check=True)
    os.chmod(exe, 0o755)
    g = args.gomortem

    def run(argv):
        return subprocess.run(argv, capture_output=True, text=True)

    cases = [
        (None, ["summary", core, "--exe", exe]),
        ("goroutines --format go", ["goroutines", core, "--exe", exe, "--format", "go"]),
        ("'goroutines'  --format   text", ["goroutines", core, "--exe", exe]),
        ("--format json", ["summary", core, "--exe", exe, "--format", "json"]),
        ("heap --format json", ["heap", core, "--exe", exe, "--format", "json"]),
        ("info", ["info", "--exe", exe, core]),
    ]
    for dbg_args, plain in cases:
        argv = coredumpctl_argv(g, dbg_args, exe, core)
        got, want = run(argv), run([g] + plain)
        p = []
        if got.returncode != want.returncode:
            p.append("exit %d, %d the usual way (%s)" % (got.returncode, want.returncode, got.stderr.strip()[:200]))
        if got.stdout != want.stdout:
            p.append("output differs from gomortem %s" % " ".join(plain))
        if not got.stdout.strip():
            p.append("no output")
        rep.report("coredumpctl -A %r: %s" % (dbg_args, " ".join(argv[1:]).replace(work + "/", "")), p)

    # against the runtime's own dump: every goroutine header it printed (not
    # the per-thread g0 stacks, goroutine 0: the crash dump prints those from
    # inside the signal handler, gomortem's go format lists goroutines)
    r = run(coredumpctl_argv(g, "goroutines --format go", exe, core))
    with open(os.path.join(corpus, "stderr.txt")) as f:
        truth = re.findall(r"^goroutine [1-9]\d* .*\]:$", f.read(), re.M)
    mine = re.findall(r"^goroutine [1-9]\d* .*\]:$", r.stdout, re.M)
    p = []
    if len(truth) < 3:
        p.append("only %d headers in stderr.txt" % len(truth))
    if sorted(mine) != sorted(truth):
        p.append("%d headers, the runtime printed %d; first missing %r" %
                 (len(mine), len(truth), sorted(set(truth) - set(mine))[:2]))
    rep.report("coredumpctl goroutines --format go = the runtime's dump (%d goroutines)" % len(truth), p)

    # what does not fit the form is a usage error, not a misread
    for argv, why in (([g, "dump", exe, "-c", core], "dump takes no core"),
                      ([g, "info", exe, "--exe", exe, "-c", core], "EXE twice"),
                      ([g, "diff", exe, exe, "-c", core], "two arguments")):
        r = run(argv)
        rep.report("usage error: %s" % why, [] if r.returncode == 64 else ["exit %d" % r.returncode])
    os.remove(core)
    os.remove(exe)
    rep.summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
