#!/usr/bin/env python3
"""The bash completion (completions/gomortem.bash, issue 21), asked the way
bash asks it: the script is sourced in a bash without rc files, COMP_WORDS
and COMP_CWORD are set and the function `complete -p gomortem` names is
called; COMPREPLY is checked against what the program does:

- the first word: every command `gomortem --help` lists (and help);
- `CMD --`: exactly the options CMD accepts (every option of the manual's
  OPTIONS section is tried with CMD: the offered ones must not be refused
  with "does not take", the others must be);
- `CMD --format `: the values of CMD's usage lines, each one run on a corpus
  core without a usage error;
- `--fail-on ` (and diff's growth.*): the `metrics` members of a real
  summary --format json;
- `--pid `: running Go programs (gofmt of two toolchains, the Debian-built
  stripped webhook when installed) are offered, sleep and this python are
  not; how long the /proc scan takes.

Usage: completiontest.py --gomortem BIN --source DIR --work DIR
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

from testlib import Reporter


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    rep = Reporter()
    args.source = os.path.abspath(args.source)
    g = os.path.abspath(args.gomortem)
    script = os.path.join(os.path.abspath(args.source), "completions", "gomortem.bash")
    work = os.path.abspath(os.path.join(args.work, "completion"))
    os.makedirs(work, exist_ok=True)
    empty = os.path.join(work, "empty")  # bash's cwd: no file names among the words
    os.makedirs(empty, exist_ok=True)

    def complete(*words):
        """COMPREPLY for the command line `gomortem WORDS`, the cursor on the last word."""
        words = ["gomortem"] + list(words)
        q = " ".join("'%s'" % w.replace("'", "'\\''") for w in words)
        prog = ('source %s || exit 9\n'
                'spec=$(complete -p gomortem) || exit 8\n'
                'fn=$(sed -n "s/.*-F \\([^ ]*\\) .*/\\1/p" <<<"$spec")\n'
                'COMP_WORDS=(%s); COMP_CWORD=$((${#COMP_WORDS[@]}-1))\n'
                'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}\n'
                '"$fn" gomortem "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"\n'
                'printf "%%s\\n" "${COMPREPLY[@]}"\n') % (script, q)
        # bash passes the command name as typed: gomortem, found in PATH
        env = dict(os.environ, PATH=os.path.dirname(g) + ":" + os.environ.get("PATH", ""))
        r = subprocess.run(["bash", "--norc", "--noprofile", "-c", prog], capture_output=True, text=True,
                           cwd=empty, env=env)
        if r.returncode != 0:
            raise RuntimeError("bash exit %d: %s" % (r.returncode, r.stderr.strip()))
        return [w for w in r.stdout.split("\n") if w]

    def run(argv):
        return subprocess.run([g] + argv, capture_output=True, text=True, cwd=work)

    # commands
    h = run(["--help"]).stdout
    cmds = re.findall(r"^  ([a-z]+) {2,}", h.split("commands", 1)[-1].split("target options", 1)[0], re.M)
    got = complete("")
    p = []
    if len(cmds) < 10:
        p.append("--help lists %d commands" % len(cmds))
    if sorted(set(cmds) | {"help"}) != sorted(set(got)):
        p.append("offered %s, --help lists %s" % (sorted(got), sorted(cmds)))
    rep.report("first word: the %d commands and help" % len(cmds), p)
    got = complete("help", "")
    rep.report("help COMMAND", [] if sorted(got) == sorted(cmds) else ["offered %s" % got])

    # options: the manual's OPTIONS section names every option
    with open(os.path.join(args.source, "docs", "gomortem.1")) as f:
        man = f.read().replace("\\-", "-")
    optsec = man.split(".SH OPTIONS", 1)[1].split("\n.SH ", 1)[0]
    heads = re.findall(r"^\.TP\n(.*)$", optsec, re.M)
    allopts = sorted(set(re.findall(r"(--[a-z][a-z-]+)", "\n".join(heads))) - {"--help", "--version"})
    if len(allopts) < 12:
        rep.report("the manual's OPTIONS", ["only %s" % allopts])
    values = {"--color": "never", "--pid": "1", "--exe": "/nonexistent-exe", "--format": "text", "--output": "/nonexistent-out",
              "--fail-on": "goroutines>0", "--batch": "/nonexistent-dir", "--core": "/nonexistent-core",
              "--top": "5", "--interval": "1s", "--count": "2", "--for": "1s", "--paths": "3",
              "--why": "main.T", "--pause-budget": "1s"}
    for c in cmds:
        got = complete(c, "--")
        p = []
        for o in allopts:
            argv = [c, o] + ([values[o]] if o in values else []) + ["/nonexistent-core"]
            r = run(argv)
            refused = r.returncode == 64 and "does not take" in r.stderr
            if (o in got) == refused:
                p.append("%s %s but %s" % (o, "offered" if o in got else "not offered",
                                           "refused" if refused else "accepted"))
        for o in got:
            if o not in allopts and o not in ("--help",):
                p.append("%s offered, not in the manual's OPTIONS" % o)
        rep.report("%s --: %s" % (c, " ".join(got)), p)

    # formats, run on a corpus core
    corpus = os.path.join(args.source, "corpus", "go1.27-scenarios")
    exe = os.path.join(work, "exe")
    core = os.path.join(corpus, "core.zst")
    subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(corpus, "exe.zst"), "-o", exe], check=True)
    for c in cmds:
        if c == "dump":
            continue
        got = complete(c, "--format", "")
        usage = run(["help", c]).stdout.split("\n\n", 1)[0]
        want = []
        for m in re.findall(r"--format ([a-z|]+)", usage):
            want += [v for v in m.split("|") if v not in want]
        p = [] if got == want else ["offered %s, usage says %s" % (got, want)]
        for fmt in got:
            kinds = run(["--complete", "kinds", c]).stdout.split()
            argv = [c] + kinds[:1] + [core, "--exe", exe, "--format", fmt]
            if c == "diff":
                argv = [c, core, core, "--exe", exe, "--format", fmt]
            if c == "watch":  # a live process only: no such process, exit 2
                argv = [c, "--pid", "2147483647", "--count", "1", "--format", fmt]
            if fmt == "pprof":
                argv += ["-o", os.path.join(work, "out.pb.gz")] + (["--profile"] if c == "heap" else [])
            r = run(argv)
            if r.returncode in (64, 70):
                p.append("--format %s: exit %d %s" % (fmt, r.returncode, r.stderr.strip()[:100]))
        rep.report("%s --format: %s" % (c, " ".join(got)), p)
    # profile's first word: the kinds its synopsis names, each accepted
    got = complete("profile", "")
    p = [] if got == ["heap", "block", "mutex"] else ["offered %s" % got]
    for k in got + ["goroutine"]:
        r = run(["profile", k, core, "--exe", exe, "--format", "text"])
        if (r.returncode == 64) != (k == "goroutine"):
            p.append("profile %s: exit %d" % (k, r.returncode))
    rep.report("profile: %s" % " ".join(got), p)
    got = complete("profile", "heap", "")
    rep.report("profile heap: a file next", [] if "heap" not in got else ["offered %s" % got])
    got2 = complete("goroutines", "--format", "=", "j")
    rep.report("goroutines --format=j", [] if got2 == ["json"] else ["offered %s" % got2])

    # --color: what is offered is accepted, and nothing else is
    got = complete("info", "--color", "")
    p = [] if sorted(got) == ["always", "auto", "never"] else ["offered %s" % got]
    for v in got + ["sometimes"]:
        r = run(["info", core, "--exe", exe, "--color", v])
        if (r.returncode == 64) != (v == "sometimes"):
            p.append("--color %s: exit %d" % (v, r.returncode))
    rep.report("--color: " + " ".join(got), p)

    # metrics, from a real summary
    doc = json.loads(run(["summary", core, "--exe", exe, "--format", "json"]).stdout)
    metrics = list(doc["metrics"])
    got = complete("summary", core, "--fail-on", "")
    p = [] if sorted(got) == sorted(metrics) and len(metrics) > 40 else \
        ["offered %d, summary has %d: %s" % (len(got), len(metrics), sorted(set(got) ^ set(metrics))[:5])]
    rep.report("--fail-on: the %d metrics of summary --format json" % len(metrics), p)
    got = complete("diff", core, core, "--fail-on", "growth.heap.Heap")
    want = sorted("growth." + m for m in metrics if m.startswith("heap.Heap"))
    rep.report("diff --fail-on growth.heap.Heap", [] if sorted(got) == want else ["offered %s" % got])
    got = complete("--fail-on", "finalizers.q")
    rep.report("--fail-on finalizers.q", [] if got == ["finalizers.queued"] else ["offered %s" % got])

    # PIDs of Go processes
    procs = []
    gos = []
    for v in ("1.19", "1.27"):
        gofmt = "/usr/lib/go-%s/bin/gofmt" % v
        if os.path.exists(gofmt):
            procs.append(subprocess.Popen([gofmt], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL))
            gos.append(procs[-1].pid)
    if os.path.exists("/usr/bin/webhook"):
        hooks = os.path.join(work, "hooks.json")
        with open(hooks, "w") as f:
            f.write("[]\n")
        procs.append(subprocess.Popen(["/usr/bin/webhook", "-nopanic", "-hooks", hooks, "-ip", "127.0.0.1",
                                       "-port", "0"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        gos.append(procs[-1].pid)
    sleeper = subprocess.Popen(["sleep", "60"])
    procs.append(sleeper)
    time.sleep(0.3)
    try:
        t0 = time.monotonic()
        r = run(["--complete", "pids"])
        dt = time.monotonic() - t0
        got = complete("goroutines", "--pid", "")
        nproc = sum(1 for d in os.listdir("/proc") if d.isdigit())
        p = []
        if len(gos) < 2:
            p.append("only %d Go programs to run" % len(gos))
        for pr in procs:
            if pr.poll() is not None:
                p.append("%s exited (%s)" % (pr.args[0], pr.returncode))
        for pid in gos:
            if str(pid) not in got:
                p.append("Go pid %d not offered" % pid)
        for pid in (sleeper.pid, os.getpid()):
            if str(pid) in got:
                p.append("non-Go pid %d offered" % pid)
        for pid in gos:  # (other processes come and go meanwhile)
            if str(pid) not in r.stdout.split():
                p.append("Go pid %d not in --complete pids" % pid)
        rep.report("--pid: %d Go processes offered of %d, scan %.1f ms" % (len(got), nproc, dt * 1000), p)
    finally:
        for pr in procs:
            pr.kill()
            pr.wait()
    os.remove(exe)
    rep.summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
