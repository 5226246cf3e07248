#!/usr/bin/env python3
"""`gomortem dump -o FILE` makes FILE safely, run as root in a directory
anyone can write to (issue 20): a symbolic link planted at FILE or at any
temporary name next to it is never written through, an existing FILE is
refused without --force (and the process is not stopped) and replaced with it
(a symbolic link itself, never what it points to), the core is mode 0600
whatever the umask, and it reads back. Each case runs with O_TMPFILE and with
the random-name path used where the file system lacks it
(GM_OUTFILE_NO_TMPFILE=1).

Usage: dumptest.py --gomortem BIN --work DIR [--version 1.27]
Last line: "N passed, M failed".  Standard library only.
"""
import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import difftest  # noqa: E402
import livetest  # noqa: E402

results = []


def check(name, problems):
    ok = not problems
    results.append(ok)
    print("%s: %s" % (name, "PASS" if ok else "FAIL"))
    for p in problems:
        print("    problem: " + p)
    sys.stdout.flush()


def run(gm, argv, env=None, umask=None, timeout=120):
    e = dict(os.environ)
    e.update(env or {})
    pre = (lambda: os.umask(umask)) if umask is not None else None
    try:
        p = subprocess.run([gm] + argv, capture_output=True, env=e, timeout=timeout, preexec_fn=pre)
    except subprocess.TimeoutExpired:
        return None, "", "TIMEOUT"
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def one_error_line(err, want):
    lines = [l for l in err.splitlines() if l.startswith("gomortem:") and "warning" not in l]
    if len(lines) != 1:
        return ["expected one error line, got %r" % err]
    if want not in lines[0]:
        return ["error line %r does not say %r" % (lines[0], want)]
    return []


def victim(d):
    """A file the attacker wants overwritten: its content and mode must stay."""
    v = os.path.join(d, "victim")
    with open(v, "wb") as f:
        f.write(b"precious\n")
    os.chmod(v, 0o644)
    return v


def victim_problems(v):
    p = []
    with open(v, "rb") as f:
        if f.read() != b"precious\n":
            p.append("the symbolic link's target was written")
    if stat.S_IMODE(os.stat(v).st_mode) != 0o644:
        p.append("the symbolic link's target changed mode")
    return p


def plant_tmp_links(target, v):
    """Symbolic links at every name the old code used (FILE.tmp<pid>) for the
    next pids, and at a few other FILE.tmp* names."""
    try:
        last = int(open("/proc/sys/kernel/ns_last_pid").read())
    except OSError:
        last = 1000
    names = ["%s.tmp%d" % (target, p) for p in range(last, last + 400)]
    names += [target + s for s in (".tmp", ".tmp0", ".tmp.zst", ".part")]
    for n in names:
        os.symlink(v, n)
    return names


def core_problems(gm, exe, core, label):
    """Mode 0600, a regular file, and gomortem reads it back."""
    p = []
    st = os.lstat(core)
    if not stat.S_ISREG(st.st_mode):
        return ["%s is not a regular file" % label]
    if stat.S_IMODE(st.st_mode) != 0o600:
        p.append("%s has mode %o, not 600" % (label, stat.S_IMODE(st.st_mode)))
    rc, out, err = run(gm, ["goroutines", core, "--exe", exe, "--format", "go"])
    if rc != 0 or "\ngoroutine 1 " not in "\n" + out:
        p.append("goroutines on %s exited %s: %s" % (label, rc, err.strip()[-300:]))
    return p


def strays(d, keep):
    return sorted(set(os.listdir(d)) - set(keep))


def cases(gm, exe, pid, base, env, tag):
    # 1. symbolic links planted at FILE.tmp*: untouched, the core made 0600
    # under a umask that would allow everything and one that allows nothing
    for umask in (0o000, 0o777):
        for suffix in ("", ".zst"):
            d = tempfile.mkdtemp(dir=base)
            os.chmod(d, 0o1777)  # like /tmp
            v = victim(d)
            t = os.path.join(d, "x.core" + suffix)
            planted = plant_tmp_links(t, v)
            rc, out, err = run(gm, ["dump", "--pid", str(pid), "-o", t], env=env, umask=umask)
            p = [] if rc == 0 else ["dump exited %s: %s" % (rc, err.strip()[-300:])]
            if rc == 0:
                p += core_problems(gm, exe, t, "the core")
            p += victim_problems(v)
            p += ["%s no longer a symbolic link to the victim" % n for n in planted
                  if not os.path.islink(n) or os.readlink(n) != v]
            s = strays(d, [os.path.basename(n) for n in planted] + ["victim", os.path.basename(t)])
            if s:
                p.append("left behind: %s" % s)
            check("%s: links planted at FILE%s.tmp*, umask %03o" % (tag, suffix, umask), p)

    # 2. a symbolic link at FILE: refused without --force (quickly, before
    # attaching), replaced itself with --force
    for suffix in ("", ".zst"):
        d = tempfile.mkdtemp(dir=base)
        os.chmod(d, 0o1777)
        v = victim(d)
        t = os.path.join(d, "x.core" + suffix)
        os.symlink(v, t)
        rc, out, err = run(gm, ["dump", "--pid", str(pid), "-o", t], env=env)
        p = ["exit %s, expected 2" % rc] if rc != 2 else one_error_line(err, "use --force")
        if "pause" in out:
            p.append("the process was stopped although FILE was refused")
        p += victim_problems(v)
        if not os.path.islink(t):
            p.append("the link at FILE was removed")
        if strays(d, ["victim", os.path.basename(t)]):
            p.append("left behind: %s" % strays(d, ["victim", os.path.basename(t)]))
        check("%s: symbolic link at FILE%s, no --force: refused" % (tag, suffix), p)
        rc, out, err = run(gm, ["dump", "--pid", str(pid), "-o", t, "--force"], env=env)
        p = [] if rc == 0 else ["dump --force exited %s: %s" % (rc, err.strip()[-300:])]
        p += victim_problems(v)
        if os.path.islink(t):
            p.append("FILE is still a symbolic link")
        elif rc == 0:
            p += core_problems(gm, exe, t, "the core")
        if strays(d, ["victim", os.path.basename(t)]):
            p.append("left behind: %s" % strays(d, ["victim", os.path.basename(t)]))
        check("%s: symbolic link at FILE%s, --force: the link replaced, not followed" % (tag, suffix), p)

    # 3. an existing file: refused, then replaced by a new 0600 file
    d = tempfile.mkdtemp(dir=base)
    t = os.path.join(d, "x.core")
    with open(t, "wb") as f:
        f.write(b"old\n")
    os.chmod(t, 0o644)
    rc, out, err = run(gm, ["dump", "--pid", str(pid), "-o", t], env=env)
    p = ["exit %s, expected 2" % rc] if rc != 2 else one_error_line(err, "exists")
    if open(t, "rb").read() != b"old\n" or stat.S_IMODE(os.stat(t).st_mode) != 0o644:
        p.append("the existing file was changed")
    check("%s: existing FILE, no --force: refused, untouched" % tag, p)
    ino = os.stat(t).st_ino
    rc, out, err = run(gm, ["dump", "--pid", str(pid), "-o", t, "--force"], env=env)
    p = [] if rc == 0 else ["dump --force exited %s: %s" % (rc, err.strip()[-300:])]
    if rc == 0:
        p += core_problems(gm, exe, t, "the core")
        if os.stat(t).st_ino == ino:
            p.append("the old file was rewritten in place, not replaced")
    if strays(d, ["x.core"]):
        p.append("left behind: %s" % strays(d, ["x.core"]))
    check("%s: existing FILE, --force: replaced by a 0600 core" % tag, p)

    # 4. a directory at FILE: refused even with --force
    d = tempfile.mkdtemp(dir=base)
    t = os.path.join(d, "x.core")
    os.mkdir(t)
    rc, out, err = run(gm, ["dump", "--pid", str(pid), "-o", t, "--force"], env=env)
    p = ["exit %s, expected 2" % rc] if rc != 2 else one_error_line(err, "directory")
    if not os.path.isdir(t) or os.listdir(t) or strays(d, ["x.core"]):
        p.append("the directory or its parent changed")
    check("%s: directory at FILE, --force: refused" % tag, p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--version", default="1.27")
    args = ap.parse_args()
    gm = os.path.abspath(args.gomortem)
    if os.geteuid() != 0:
        print("dumptest: needs root (the case is root writing into a directory others can write to)")
        print("0 passed, 1 failed")
        return 1
    ba = livetest.build_args(args)
    exe, err = difftest.build(ba, args.version, "scenarios")
    if err:
        check("build scenarios go%s" % args.version, [err])
        print("0 passed, 1 failed")
        return 1
    os.makedirs(os.path.join(args.work, "dumptest"), exist_ok=True)
    base = tempfile.mkdtemp(prefix="dumptest-", dir=os.path.join(args.work, "dumptest"))
    proc = None
    try:
        proc = livetest.start(exe, os.path.join(base, "run"))
        for env, tag in (({}, "O_TMPFILE"), ({"GM_OUTFILE_NO_TMPFILE": "1"}, "random name")):
            cases(gm, exe, proc.pid, base, env, tag)
        check("the process still runs", [] if proc.poll() is None else ["it exited"])
    finally:
        if proc:
            proc.kill()
            proc.wait()
        shutil.rmtree(base, ignore_errors=True)
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
