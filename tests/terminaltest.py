#!/usr/bin/env python3
"""What gomortem does on a terminal (issue 21).

Colour in text output: on a terminal only, NO_COLOR and
--color=auto|always|never honoured, never in JSON; the coloured text is the
plain text plus escapes, and the escapes are where they belong (CRITICAL red,
WARNING yellow, group counts bold).

The progress line of long work on stderr (decompressing a core, fully or on
demand; reading the heap's spans for heap and finalizers): only when stderr
is a terminal, not with --batch, not for work shorter than
GM_PROGRESS_AFTER_MS (1 s; 0 here to see it on a small core), every line
cleared when its work ends (nothing of it is left on the screen), stdout the
same as without it; the span counts it shows are the heap report's.

The terminal is a pseudo-terminal (pty); pipes are pipes.

Usage: terminaltest.py --gomortem BIN --source DIR --work DIR
"""
import argparse
import os
import pty
import re
import subprocess
import sys

from testlib import Reporter

ESC = re.compile(r"\x1b\[[0-9;]*m")


def on_tty(argv, env, stream="stdout", work=None):
    """stdout of argv run with a pty as its stdout (stderr discarded); with
    stream="stderr": (stdout, what the pty got) with a pty as stderr and
    stdout to a file."""
    master, slave = pty.openpty()
    # no newline translation: the bytes as written
    import termios
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    if stream == "stderr":
        outf = open(os.path.join(work, "stdout"), "w+")
        p = subprocess.Popen(argv, stdout=outf, stderr=slave, env=env)
    else:
        p = subprocess.Popen(argv, stdout=slave, stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            b = os.read(master, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not b:
            break
        out += b
    p.wait()
    os.close(master)
    if stream == "stderr":
        outf.seek(0)
        stdout = outf.read()
        outf.close()
        return stdout, out.decode("utf-8", "replace")
    return out.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    rep = Reporter()
    work = os.path.abspath(os.path.join(args.work, "color"))
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(os.path.abspath(args.source), "corpus", "go1.27-scenarios")
    exe = os.path.join(work, "exe")
    subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(corpus, "exe.zst"), "-o", exe], check=True)
    core = os.path.join(corpus, "core.zst")
    g = os.path.abspath(args.gomortem)
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
    base["TERM"] = "xterm"

    def pipe(argv, env=base):
        return subprocess.run(argv, capture_output=True, text=True, env=env).stdout

    summ = [g, "summary", core, "--exe", exe]
    plain = pipe(summ)
    crit = len(re.findall(r"^  CRITICAL ", plain, re.M))
    warn = len(re.findall(r"^  WARNING ", plain, re.M))
    groups = len(re.findall(r"^  +[\d,]+  \S", plain, re.M))
    rep.report("plain summary: %d CRITICAL, %d WARNING, %d group lines, no escape" % (crit, warn, groups),
               [] if crit and warn and groups and not ESC.search(plain) else ["%r" % plain[:200]])

    tty = on_tty(summ, base)
    p = []
    if ESC.sub("", tty) != plain:
        p.append("without its escapes it is not the piped output")
    if len(re.findall(r"^  \x1b\[1;31mCRITICAL\x1b\[0m ", tty, re.M)) != crit:
        p.append("CRITICAL not red")
    if len(re.findall(r"^  \x1b\[33mWARNING\x1b\[0m  ", tty, re.M)) != warn:
        p.append("WARNING not yellow")
    if len(re.findall(r"^  \x1b\[1m +[\d,]+\x1b\[0m  \S", tty, re.M)) != groups:
        p.append("group counts not bold")
    rep.report("summary on a terminal: coloured", p)

    for name, argv, env, want in (
            ("NO_COLOR=1 on a terminal", summ, dict(base, NO_COLOR="1"), False),
            ("NO_COLOR= (empty) on a terminal", summ, dict(base, NO_COLOR=""), True),
            ("TERM=dumb on a terminal", summ, dict(base, TERM="dumb"), False),
            ("--color=never on a terminal", summ + ["--color=never"], base, False),
            ("--color=always with NO_COLOR=1", summ + ["--color=always"], dict(base, NO_COLOR="1"), True),
            ("--format json --color=always on a terminal", summ + ["--format", "json", "--color=always"], base, False),
            ("goroutines --format go on a terminal", [g, "goroutines", core, "--exe", exe, "--format", "go"], base,
             False)):
        out = on_tty(argv, env)
        rep.report(name + (": coloured" if want else ": no colour"),
                   [] if bool(ESC.search(out)) == want and out.strip() else ["escapes: %s" % bool(ESC.search(out))])
    for name, argv, want in (("piped", summ, False), ("piped --color=always", summ + ["--color=always"], True),
                             ("piped --batch --color=always", [g, "summary", "--batch", corpus, "--color=always"],
                              False)):
        out = pipe(argv)
        rep.report(name + (": coloured" if want else ": no colour"),
                   [] if bool(ESC.search(out)) == want and out.strip() else ["escapes: %s" % bool(ESC.search(out))])

    gor = on_tty([g, "goroutines", core, "--exe", exe], base)
    gplain = pipe([g, "goroutines", core, "--exe", exe])
    heads = re.findall(r"^\d+ goroutines? \[", gplain, re.M)
    p = []
    if ESC.sub("", gor) != gplain:
        p.append("without its escapes it is not the piped output")
    if len(re.findall(r"^\x1b\[1m\d+ goroutines?\x1b\[0m \[", gor, re.M)) != len(heads) or not heads:
        p.append("group counts not bold")
    rep.report("goroutines on a terminal: %d group counts bold" % len(heads), p)
    # the progress line
    PROG = re.compile(r"\rgomortem: ([^\r\x1b]+): ([^:\r\x1b]*)\x1b\[K")
    CLEAR = "\r\x1b[K"

    def progress(argv, env):
        out, err = on_tty(argv, env, "stderr", work)
        lines = [(m.group(1), m.group(2)) for m in PROG.finditer(err)]
        rest = PROG.sub("", err)
        cleared = rest.count(CLEAR)
        rest = rest.replace(CLEAR, "")
        return out, lines, cleared, rest

    import json
    hj = json.loads(pipe([g, "heap", core, "--exe", exe, "--format", "json"]))
    spans = hj["spans"]["total"] if isinstance(hj.get("spans"), dict) else hj.get("spans")
    if not isinstance(spans, int) or spans < 10:
        rep.report("heap --format json spans", ["%r" % spans])
    fast = dict(base, GM_PROGRESS_AFTER_MS="0")
    for name, argv, env, want in (
            ("heap, GM_DECODE=full", [g, "heap", core, "--exe", exe], dict(fast, GM_DECODE="full"),
             ["decompressing core.zst", "heap: reading spans"]),
            ("heap, decoded on demand", [g, "heap", core, "--exe", exe], fast,
             ["decompressing core.zst", "heap: reading spans"]),
            ("finalizers", [g, "finalizers", core, "--exe", exe], fast,
             ["decompressing core.zst", "finalizers: reading spans"])):
        out, lines, cleared, rest = progress(argv, env)
        p = []
        whats = sorted(set(w for w, _ in lines))
        if whats != sorted(want):
            p.append("progress of %s, want %s" % (whats, want))
        for w, txt in lines:
            if w.endswith("spans") and not re.match(r"[\d,]+ of %s \(\d+%%\)$" % format(spans, ","), txt):
                p.append("%r: not 'N of %d spans'" % (txt, spans))
            if w.startswith("decompressing") and not re.match(r"[\d.]+ \w+ of [\d.]+ \w+ \(\d+%\)$", txt):
                p.append("%r: not 'X of Y (P%%)'" % txt)
        if cleared < len(whats):
            p.append("%d lines cleared, %d shown" % (cleared, len(whats)))
        if rest.strip():
            p.append("other stderr: %r" % rest[:200])
        if out != pipe(argv, dict(base, GM_DECODE=env.get("GM_DECODE", "ondemand"))):
            p.append("stdout differs from a run without a terminal")
        rep.report("progress on a terminal, %s: %s" % (name, "; ".join("%s: %s" % l for l in lines[:3])), p)
    for name, argv, env in (("stderr a pipe", [g, "heap", core, "--exe", exe], fast),
                            ("--batch", [g, "summary", "--batch", corpus], fast),
                            ("work under GM_PROGRESS_AFTER_MS (default 1 s)", [g, "heap", core, "--exe", exe],
                             dict(base, GM_DECODE="full"))):
        if name == "stderr a pipe":
            err = subprocess.run(argv, capture_output=True, text=True, env=env).stderr
        else:
            _, err = on_tty(argv, env, "stderr", work)
        rep.report("no progress: " + name, [] if "gomortem: " not in err or "\r" not in err else
                   ["stderr %r" % err[:200]])
    os.remove(exe)
    rep.summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
