#!/usr/bin/env python3
"""The manual and the help agree with the program (issue 8).

- docs/gomortem.1 renders with groff without a warning;
- every command `gomortem --help` lists has `gomortem help CMD` and
  `gomortem CMD --help` (exit 0, its usage line) and a paragraph in the
  manual's COMMANDS section; every option the command table gives it (what
  the shell completion offers, `gomortem --complete options CMD`) is in its
  --help and in the manual's OPTIONS;
- every --fail-on metric (the `metrics` member of `summary --format json` on
  a corpus core) is named in the manual and in `gomortem help summary`, and
  is accepted by --fail-on;
- every top-level member of that JSON document is described in docs/json.md's
  gomortem.summary section.

Usage: doctest.py --gomortem BIN --source DIR --work DIR
"""
import argparse
import json
import os
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    probs = []
    man = os.path.join(args.source, "docs", "gomortem.1")
    r = subprocess.run(["groff", "-man", "-ww", "-z", "-Tutf8", man], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C"))
    if r.returncode != 0 or r.stderr.strip():
        probs.append("groff: exit %d %s" % (r.returncode, r.stderr.strip()[:300]))
    with open(man) as f:
        mantext = f.read()
    plain = mantext.replace("\\-", "-").replace("\\fB", "").replace("\\fP", "").replace("\\fI", "")
    cmds_sec = plain.split(".SH COMMANDS", 1)[-1].split(".SH OPTIONS", 1)[0]
    opts_sec = plain.split(".SH OPTIONS", 1)[-1].split("\n.SH ", 1)[0]
    h = subprocess.run([args.gomortem, "--help"], capture_output=True, text=True)
    if h.returncode != 0:
        probs.append("--help exit %d" % h.returncode)
    cmds = re.findall(r"^  ([a-z]+) {2,}", h.stdout.split("commands", 1)[-1].split("target options", 1)[0],
                      re.M)
    if len(cmds) < 10:
        probs.append("--help lists %d commands: %r" % (len(cmds), cmds))
    for c in cmds:
        for argv in (["help", c], [c, "--help"]):
            r = subprocess.run([args.gomortem] + argv, capture_output=True, text=True)
            if r.returncode != 0 or not r.stdout.startswith("usage: gomortem %s " % c):
                probs.append("gomortem %s: exit %d, %r" % (" ".join(argv), r.returncode, r.stdout[:60]))
        if not re.search(r"^\.B %s\b" % c, cmds_sec, re.M):
            probs.append("no paragraph for %s in the manual's COMMANDS" % c)
        # the options the command table gives it (what the shell completion
        # offers) are in its --help and in the manual's OPTIONS
        r = subprocess.run([args.gomortem, "--complete", "options", c], capture_output=True, text=True)
        copts = r.stdout.split()
        if r.returncode != 0 or "--help" not in copts:
            probs.append("gomortem --complete options %s: exit %d %r" % (c, r.returncode, copts))
        hc = subprocess.run([args.gomortem, "help", c], capture_output=True, text=True).stdout
        for o in copts:
            if o != "--help" and o not in hc:
                probs.append("%s takes %s, gomortem help %s does not say so" % (c, o, c))
            if o != "--help" and not re.search(r"^\.TP\n.*%s" % re.escape(o), opts_sec, re.M):
                probs.append("%s takes %s, not in the manual's OPTIONS" % (c, o))
    # the metrics, from a real summary
    corpus = os.path.join(args.source, "corpus", "go1.27-scenarios")
    os.makedirs(args.work, exist_ok=True)
    exe = os.path.join(args.work, "doctest-exe")
    subprocess.run(["zstd", "-q", "-d", "-f", os.path.join(corpus, "exe.zst"), "-o", exe], check=True)
    core = os.path.join(corpus, "core.zst")
    r = subprocess.run([args.gomortem, "summary", core, "--exe", exe, "--format", "json"],
                       capture_output=True, text=True)
    try:
        doc = json.loads(r.stdout)
    except ValueError as e:
        print("FAIL summary json: %s (%s)" % (e, r.stderr[-300:]))
        return 1
    hs = subprocess.run([args.gomortem, "help", "summary"], capture_output=True, text=True).stdout
    metrics = list(doc["metrics"])
    if len(metrics) < 40:
        probs.append("only %d metrics" % len(metrics))
    for m in metrics:
        if m not in plain:
            probs.append("metric %s not in the manual" % m)
        leaf = m.split(".")[-1]
        if leaf not in hs:
            probs.append("metric %s not in help summary" % m)
        r = subprocess.run([args.gomortem, "summary", core, "--exe", exe, "--fail-on", m + ">=0"],
                           capture_output=True, text=True)
        if r.returncode == 64:
            probs.append("--fail-on %s>=0 refused: %s" % (m, r.stderr.strip()))
    with open(os.path.join(args.source, "docs", "json.md")) as f:
        jm = f.read()
    sec = jm.split("gomortem.summary", 1)[-1].split("\n## ", 1)[0] if "gomortem.summary" in jm else ""
    if not sec:
        probs.append("docs/json.md has no gomortem.summary section")
    for k in doc:
        if k in ("schema", "schema_version"):   # the rules at the top of docs/json.md
            continue
        if "`%s`" % k not in sec:
            probs.append("docs/json.md gomortem.summary does not describe `%s`" % k)
    os.remove(exe)
    for p in probs:
        print("FAIL " + p)
    print("%d commands, %d metrics checked; %d problems" % (len(cmds), len(metrics), len(probs)))
    return 1 if probs else 0


if __name__ == "__main__":
    sys.exit(main())
