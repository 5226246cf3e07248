#!/usr/bin/env python3
"""The Debian package (issue 21): built from a scratch copy of the source
tree (out of it: the tree is never written), checked, unpacked, run.

- `dpkg-buildpackage -us -uc -b` succeeds (DEB_BUILD_OPTIONS=noddebs: no
  -dbgsym package, nothing else changed);
- lintian reports no error (its warnings are printed);
- the .deb's Depends are satisfied here (dpkg --dry-run -i), and it holds
  the program, the manual, the bash completion, the docs, the copyright;
- unpacked into a scratch root (dpkg -x): `gomortem --version` names the
  version of debian/changelog and the Go versions of gorts/go1_*.h;
  `man -l` renders its manual without a warning; the summary of a corpus
  core (text and JSON) is byte for byte tests/golden/'s; the installed
  completion completes with the installed program.

Prints how long each step took.

Usage: debpkgtest.py --source DIR --work DIR
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from testlib import Reporter
import golden

EXCLUDE = ("corpus/", "bench/", "tests/")  # not needed to build the package


def copy_tree(src, dst):
    """The files of src a build would see: git's tracked and untracked but
    not ignored files when src is a git work tree (uncommitted edits
    included), else everything but build*/."""
    r = subprocess.run(["git", "-C", src, "ls-files", "-z", "-co", "--exclude-standard"],
                       capture_output=True)
    if r.returncode == 0:
        files = [f for f in r.stdout.decode().split("\0") if f and not f.startswith(EXCLUDE)]
        for f in files:
            s = os.path.join(src, f)
            if not os.path.isfile(s):
                continue  # deleted in the work tree
            d = os.path.join(dst, f)
            os.makedirs(os.path.dirname(d), exist_ok=True)
            shutil.copy2(s, d)
    else:
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("build*", "corpus", "bench", "tests", ".git"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    src = os.path.abspath(args.source)
    rep = Reporter()
    work = os.path.abspath(os.path.join(args.work, "debpkg"))
    shutil.rmtree(work, ignore_errors=True)
    tree = os.path.join(work, "gomortem")
    os.makedirs(tree)
    t0 = time.monotonic()
    copy_tree(src, tree)
    times = []

    # build
    t = time.monotonic()
    env = dict(os.environ, DEB_BUILD_OPTIONS="noddebs nocheck parallel=2", LC_ALL="C.UTF-8")
    r = subprocess.run(["dpkg-buildpackage", "-us", "-uc", "-b"], cwd=tree, env=env,
                       capture_output=True, text=True)
    times.append("build %.0f s" % (time.monotonic() - t))
    debs = glob.glob(os.path.join(work, "gomortem_*.deb"))
    p = [] if r.returncode == 0 and len(debs) == 1 else \
        ["exit %d, %d .deb; %s" % (r.returncode, len(debs), (r.stdout + r.stderr)[-1500:])]
    rep.report("dpkg-buildpackage -us -uc -b", p)
    if p:
        rep.summary()
        return 1
    deb = debs[0]

    # lintian
    t = time.monotonic()
    r = subprocess.run(["lintian", "--fail-on", "error", deb], capture_output=True, text=True)
    times.append("lintian %.0f s" % (time.monotonic() - t))
    tags = [l for l in r.stdout.splitlines() if re.match(r"^[EWIPX]: ", l)]
    for l in tags:
        print("     lintian: " + l)
    errors = [l for l in tags if l.startswith("E: ")]
    rep.report("lintian: %d errors, %d warnings" % (len(errors), sum(l.startswith("W: ") for l in tags)),
               errors + ([] if r.returncode == 0 else ["lintian exit %d %s" % (r.returncode, r.stderr[-300:])]))

    # its dependencies, its contents
    r = subprocess.run(["dpkg", "--dry-run", "-i", deb], capture_output=True, text=True)
    rep.report("dpkg --dry-run -i (Depends satisfied)", [] if r.returncode == 0 else [r.stderr.strip()[-500:]])
    depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], capture_output=True, text=True).stdout
    # (no libelf1: the program uses its headers only; shlibs knows)
    want_libs = ("libc6", "libdwarf", "liblz4", "liblzma5", "libunwind", "libzstd1", "zlib1g")
    rep.report("Depends: " + depends.strip(), ["no %s" % l for l in want_libs if l not in depends])
    root = os.path.join(work, "root")
    subprocess.run(["dpkg", "-x", deb, root], check=True)
    need = ["usr/bin/gomortem", "usr/share/man/man1/gomortem.1.gz",
            "usr/share/bash-completion/completions/gomortem", "usr/share/doc/gomortem/copyright",
            "usr/share/doc/gomortem/README.md.gz", "usr/share/doc/gomortem/json.md.gz",
            "usr/share/doc/gomortem/changelog.gz"]
    rep.report("contents", ["no /%s" % f for f in need if not os.path.isfile(os.path.join(root, f))])
    gm = os.path.join(root, "usr/bin/gomortem")

    # --version
    with open(os.path.join(src, "debian", "changelog")) as f:
        version = re.match(r"gomortem \(([^)-]+)", f.readline()).group(1)
    # the versions with a table (go1_NN.h; go1_NN_arm64.h are the same versions' arm64 tables)
    gorts = sorted({int(m.group(1)) for m in (re.search(r"go1_(\d+)(?:_arm64)?\.h$", h)
                                             for h in glob.glob(os.path.join(src, "gorts", "go1_*.h"))) if m})
    r = subprocess.run([gm, "--version"], capture_output=True, text=True)
    p = []
    if r.returncode != 0 or not r.stdout.startswith("gomortem %s\n" % version):
        p.append("exit %d %r, changelog says %s" % (r.returncode, r.stdout[:80], version))
    listed = [int(v) for v in re.findall(r"\b1\.(\d+)\b", r.stdout.split("\n", 1)[-1])]
    if listed != gorts or len(gorts) < 8:
        p.append("Go versions %s, gorts/ has %s" % (listed, gorts))
    rep.report("gomortem --version: " + r.stdout.replace("\n", " | ").strip(), p)

    # man -l
    r = subprocess.run(["man", "--warnings", "-l", os.path.join(root, "usr/share/man/man1/gomortem.1.gz")],
                       capture_output=True, text=True,
                       env=dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH="80", LC_ALL="C.UTF-8"))
    p = []
    if r.returncode != 0 or r.stderr.strip():
        p.append("exit %d %s" % (r.returncode, r.stderr.strip()[:300]))
    for sec in ("NAME", "SYNOPSIS", "COMMANDS", "OPTIONS", "COREDUMPCTL", "EXIT STATUS"):
        if not re.search(r"^%s$" % sec, r.stdout, re.M):
            p.append("no %s section" % sec)
    rep.report("man -l gomortem.1.gz (%d lines)" % r.stdout.count("\n"), p)

    # a corpus core, against the golden files
    with tempfile.TemporaryDirectory() as tmp:
        s = "go1.27-scenarios"
        d = os.path.join(src, "corpus", s)
        exe = os.path.join(tmp, s + ".exe")
        core = os.path.join(tmp, s + ".core")
        subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(d, "exe.zst"), "-o", exe], check=True)
        subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(d, "core.zst"), "-o", core], check=True)
        os.utime(core, (1767225600, 1767225600))  # as golden.py does
        for name, argv in (("summary.txt", ["summary"]), ("summary.json", ["summary", "--format", "json"])):
            got = golden.run_one(gm, core, exe, argv, tmp)
            with open(os.path.join(src, "tests", "golden", s, name)) as f:
                want = f.read()
            rep.report("installed gomortem %s on %s = tests/golden" % (" ".join(argv), s),
                       [] if got == want else ["differs: %r" % got[:200]])

    # the installed completion, with the installed program first in PATH
    prog = ('source %s; COMP_WORDS=(gomortem goroutines --format ""); COMP_CWORD=3; '
            '_gomortem gomortem "" --format; echo "${COMPREPLY[*]}"') % \
        os.path.join(root, "usr/share/bash-completion/completions/gomortem")
    r = subprocess.run(["bash", "--norc", "--noprofile", "-c", prog], capture_output=True, text=True,
                       env=dict(os.environ, PATH=os.path.join(root, "usr/bin") + ":/usr/bin:/bin"))
    rep.report("installed completion: goroutines --format -> %s" % r.stdout.strip(),
               [] if r.stdout.split() == ["text", "go", "json", "pprof"] else [r.stderr.strip()[:200]])
    print("time: %s; total %.0f s" % (", ".join(times), time.monotonic() - t0))
    shutil.rmtree(work, ignore_errors=True)
    rep.summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
