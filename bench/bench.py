#!/usr/bin/env python3
"""Benchmark: gomortem vs Delve on a core with many parked goroutines.

Builds tests/progs/manyg with a Go toolchain, runs it with N goroutines (default
225,000), takes its core with SIGQUIT + GOTRACEBACK=crash, then measures:

  - gomortem goroutines CORE (grouped listing, full stacks)      [text]
  - gomortem goroutines CORE --format go (every goroutine, full) [go]
  - dlv core EXE CORE: `goroutines` (top frame each) and `goroutines -t`
    (full stacks), when dlv is installed; each with a time limit.

For each: wall time (best of --runs), peak RSS (VmHWM, includes pages of the
mmapped core) and peak anonymous memory. Peak anonymous memory is measured by
sampling /proc/PID/status RssAnon every 2 ms while the process runs (so a
very short spike could be missed), and, for gomortem, also by gomortem itself
(GOMORTEM_STATS=1 prints its RssAnon and VmHWM just before tear-down, when
every record it built is still alive).

This is a benchmark, not a test: it prints figures and exits 0 unless a tool
fails. Usage: bench/bench.py --gomortem build/gomortem [--go 1.22] [-n 225000]

--ratio (issue 22) measures an existing core instead (--core, --exe): the
floor, bench/minwalk.c (allgs, each g's sched, frame pointers up the stack,
no symbols, the core mapped as gomortem maps it), and goroutines (text, go,
json) and summary, each as N x that walk, with CPU time, page faults and
peak anonymous memory; --before OTHER_BUILD adds another build in the same
interleaved rounds; --cold evicts the core from the page cache before every
run (posix_fadvise DONTNEED: no root needed).
"""
import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def go_bin(ver):
    p = f"/usr/lib/go-{ver}/bin/go"
    if not os.path.exists(p):
        sys.exit(f"bench: Go {ver} toolchain not found at {p}")
    return p


def make_core(args, work):
    exe = os.path.join(work, "manyg")
    src = os.path.join(work, "src")
    os.makedirs(src, exist_ok=True)
    shutil.copy(os.path.join(os.path.dirname(HERE), "tests", "progs", "manyg", "main.go"), src)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write(f"module example.com/manyg\n\ngo {args.go}\n")
    env = dict(os.environ, GOTOOLCHAIN="local", CGO_ENABLED="0",
               GOCACHE=os.path.join(work, "gocache"), GOPATH=os.path.join(work, "gopath"))
    subprocess.run([go_bin(args.go), "build", "-o", exe, "."], cwd=src, env=env, check=True)
    with open("/proc/sys/kernel/core_pattern") as f:
        pat = f.read().strip()
    if pat.startswith("|"):
        sys.exit(f"bench: this machine pipes cores to '{pat}'; set /proc/sys/kernel/core_pattern to 'core'")
    ready = os.path.join(work, "ready")

    def lim():
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))

    env = dict(os.environ, GOTRACEBACK="crash")
    t0 = time.time()
    with open(os.path.join(work, "stderr.txt"), "wb") as err:
        p = subprocess.Popen([exe, ready, str(args.n)], cwd=work, env=env, stderr=err, preexec_fn=lim)
        while not os.path.exists(ready):
            if p.poll() is not None:
                sys.exit("bench: manyg exited early")
            if time.time() - t0 > 300:
                p.kill()
                sys.exit("bench: manyg not ready after 300 s")
            time.sleep(0.1)
        p.send_signal(signal.SIGQUIT)
        p.wait(timeout=600)
    cores = [c for c in os.listdir(work) if c == "core" or c.startswith("core.")]
    if not cores:
        sys.exit("bench: no core was written (ulimit -c / core_pattern?)")
    return exe, os.path.join(work, cores[0])


def measure(cmd, timeout, env=None, stdin=None, out_null=False):
    """Runs cmd; returns (wall, vmhwm_kb, peak_anon_kb, rc, stdout_bytes, stderr, faults, cpu)."""
    t0 = time.perf_counter()
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL if out_null else out, stderr=err, env=env,
                         stdin=subprocess.PIPE if stdin else subprocess.DEVNULL)
    if stdin:
        p.stdin.write(stdin.encode())
        p.stdin.close()
    peak_anon = 0
    hwm = 0
    status = f"/proc/{p.pid}/status"
    timed_out = False
    ru = None
    while True:
        pid, st, r = os.wait4(p.pid, os.WNOHANG)
        if pid == p.pid:
            ru = r
            p.returncode = os.waitstatus_to_exitcode(st)
            break
        try:
            with open(status) as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        peak_anon = max(peak_anon, int(line.split()[1]))
                    elif line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        if time.perf_counter() - t0 > timeout and not timed_out:
            p.kill()
            timed_out = True
        time.sleep(0.002)
    wall = time.perf_counter() - t0
    hwm = max(hwm, ru.ru_maxrss)  # this child's own peak RSS
    out.seek(0, 2)
    nbytes = out.tell()
    err.seek(0)
    errtext = err.read().decode(errors="replace")
    return (wall, hwm, peak_anon, (None if timed_out else p.returncode), nbytes, errtext,
            ru.ru_minflt + ru.ru_majflt, ru.ru_utime + ru.ru_stime)


def evict(path):
    """Drops a file's clean pages from the page cache (no root needed)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def ratio_mode(args):
    """Every command as N x the minimal walk (bench/minwalk.c) of the same core.

    Rounds are interleaved (each round runs every command once) so that a
    machine whose load changes moves all of them alike; best of --runs."""
    gm = os.path.abspath(args.gomortem)
    mw = args.minwalk or os.path.join(os.path.dirname(gm), "minwalk")
    core, exe = args.core, args.exe
    size = os.path.getsize(core)
    env = dict(os.environ, GOMORTEM_STATS="1")
    cmds = [("minwalk (allgs, g.sched, frame pointers)", [mw, core, exe])]
    builds = [("", gm)]
    if args.before:
        builds = [("before: ", os.path.abspath(args.before)), ("after: ", gm)]
    wanted = args.only.split(",") if args.only else None
    for label, extra in (("goroutines", ["goroutines"]),
                         ("goroutines --format go", ["goroutines", "--format", "go"]),
                         ("goroutines --format json", ["goroutines", "--format", "json"]),
                         ("summary", ["summary"])):
        if wanted and label not in wanted:
            continue
        for prefix, binary in builds:
            cmds.append((prefix + label, [binary] + extra[:1] + [core, "--exe", exe] + extra[1:]))
    print(f"core: {size / 2**20:.0f} MiB ({core}); {'cold' if args.cold else 'warm'} page cache, "
          f"best of {args.runs} interleaved rounds; output to "
          f"{'a file' if args.stdout_file else '/dev/null'}")
    best = {}
    for _ in range(args.runs):
        for label, cmd in cmds:
            if args.cold:
                evict(core)
                evict(exe)
            r = measure(cmd, 600, env=env, out_null=not args.stdout_file)
            if r[3] not in (0, 1):
                print(f"{label}: FAILED rc={r[3]}: {r[5].strip()[:300]}")
                return 1
            if label not in best or r[0] < best[label][0]:
                best[label] = r  # best wall; its CPU time is that run's
    base = best[cmds[0][0]][0]
    cbase = max(best[cmds[0][0]][7], 1e-3)
    print(f"{'what':44} {'wall s':>7} {'x min':>6} {'CPU s':>6} {'x min':>6} {'faults':>7} {'anon MiB':>8}")
    for label, _ in cmds:
        r = best[label]
        note = self_stats(r[5]) or r[5].strip()[:100]
        print(f"{label:44} {r[0]:7.3f} {r[0] / base:6.2f} {r[7]:6.2f} {r[7] / cbase:6.2f} {r[6]:7d} "
              f"{r[2] / 1024:8.1f}  {note}")
    return 0


def self_stats(errtext):
    for line in errtext.splitlines():
        if line.startswith("gomortem-stats:"):
            return line[len("gomortem-stats:"):].strip()
    return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--go", default="1.27", help="Go version of the target (Delve 1.27 reads Go >= 1.25)")
    ap.add_argument("-n", type=int, default=225000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", help="keep the core here (reused when present)")
    ap.add_argument("--dlv-timeout", type=float, default=600)
    ap.add_argument("--no-dlv", action="store_true")
    ap.add_argument("--ratio", action="store_true",
                    help="every command as N x bench/minwalk.c's walk of --core/--exe")
    ap.add_argument("--core", help="an existing core (with --exe): no core is made")
    ap.add_argument("--exe")
    ap.add_argument("--minwalk", help="the minwalk binary (default: beside --gomortem)")
    ap.add_argument("--cold", action="store_true",
                    help="evict the core and the executable from the page cache before each run "
                         "(posix_fadvise DONTNEED)")
    ap.add_argument("--before", help="--ratio: another gomortem build (say, before a change) "
                    "measured in the same rounds")
    ap.add_argument("--stdout-file", action="store_true",
                    help="--ratio: write the output to a file (default /dev/null: --format go and "
                         "json write 700+ MB for 225,000 goroutines, which is the page cache's time)")
    ap.add_argument("--only", help="comma-separated commands (labels) to measure besides minwalk")
    args = ap.parse_args()
    if args.ratio:
        if not args.core or not args.exe:
            sys.exit("bench: --ratio needs --core and --exe")
        return ratio_mode(args)

    work = args.work or tempfile.mkdtemp(prefix="gomortem-bench-")
    os.makedirs(work, exist_ok=True)
    exe = os.path.join(work, "manyg")
    cores = [c for c in os.listdir(work) if c == "core" or c.startswith("core.")]
    if args.work and cores and os.path.exists(exe):
        core = os.path.join(work, cores[0])
    else:
        exe, core = make_core(args, work)
    size = os.path.getsize(core)
    print(f"core: {size / 2**20:.0f} MiB, {args.n} parked goroutines, Go {args.go}")
    gm = os.path.abspath(args.gomortem)
    env = dict(os.environ, GOMORTEM_STATS="1")
    rows = []
    for label, extra in (("gomortem goroutines (grouped, full stacks)", []),
                         ("gomortem goroutines --format go (every goroutine)", ["--format", "go"]),
                         ("gomortem goroutines --format json", ["--format", "json"])):
        best = None
        for _ in range(args.runs):
            r = measure([gm, "goroutines", core, "--exe", exe] + extra, 600, env=env)
            if r[3] not in (0, 1):
                print(f"{label}: FAILED rc={r[3]}: {r[5].strip()[:300]}")
                return 1
            if best is None or r[0] < best[0]:
                best = r
        rows.append((label, best[0], best[1], best[2], self_stats(best[5]), best[4]))
    if not args.no_dlv and shutil.which("dlv"):
        for label, cmds in (("dlv core: goroutines (top frame each)", "goroutines\nexit\n"),
                            ("dlv core: goroutines -t (full stacks)", "goroutines -t\nexit\n")):
            r = measure(["dlv", "core", exe, core, "--allow-non-terminal-interactive=true"],
                        args.dlv_timeout, stdin=cmds)
            if r[3] not in (0, None):
                print(f"{label}: dlv failed rc={r[3]}: {r[5].strip()[:300]}")
                continue
            if r[3] is None:
                rows.append((label + f" [killed after {args.dlv_timeout:.0f} s]", r[0], r[1], r[2], "", r[4]))
            else:
                rows.append((label, r[0], r[1], r[2], "", r[4]))
    elif not args.no_dlv:
        print("dlv not installed: Delve figures skipped")
    print(f"{'what':58} {'wall s':>8} {'VmHWM MiB':>10} {'anon MiB':>9}  self-reported")
    for label, wall, hwm, anon, st, nbytes in rows:
        print(f"{label:58} {wall:8.3f} {hwm / 1024:10.1f} {anon / 1024:9.1f}  {st}")
    print(f"(work dir: {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
