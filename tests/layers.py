#!/usr/bin/env python3
"""The layers of docs/architecture.md, checked on the tree and on the build.

  layers.py --source DIR [--build DIR]

1. Every source file lives in a layer folder: src/LAYER/ (code and private
   headers) or include/LAYER/ (public headers); nothing flat in src/ or
   include/.
2. Includes go down only: a file of layer L includes public headers of
   layers <= L and private headers of L itself (gorts/ tables: layout only).
3. With --build: symbols go down only: every symbol a layer library
   (libgm_LAYER.a) needs from another layer library is defined in a lower one.
The build enforces 2 through each library's include path; this test says
which file broke it, and also catches what the compiler cannot (a header of
a higher layer reached by a relative path, a call through an extern
declaration written by hand)."""
import argparse
import os
import re
import subprocess
import sys

from testlib import Reporter

LAYERS = ["base", "target", "gobin", "layout", "session", "walk", "analyze", "render", "cmd"]
RANK = {l: i for i, l in enumerate(LAYERS)}
INC = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--build")
    args = ap.parse_args()
    src = os.path.abspath(args.source)
    rep = Reporter()

    files = {}  # relative path -> (layer, kind)
    flat = []
    for top, kind in (("src", "private"), ("include", "public")):
        for dirpath, _, names in os.walk(os.path.join(src, top)):
            rel = os.path.relpath(dirpath, os.path.join(src, top))
            for n in names:
                if not n.endswith((".c", ".h")):
                    continue
                layer = rel.split(os.sep)[0]
                if rel == "." or layer not in RANK:
                    flat.append(os.path.join(top, rel, n))
                    continue
                files[os.path.join(top, rel, n)] = (layer, kind)
    rep.report("every source file is in a layer folder (%d files)" % len(files),
               ["not in a layer folder: " + f for f in flat])

    headers = {}  # header name -> list of (layer, kind, path)
    for path, (layer, kind) in files.items():
        if path.endswith(".h"):
            headers.setdefault(os.path.basename(path), []).append((layer, kind, path))
    dup = [n for n, v in headers.items() if len(v) > 1]
    rep.report("header names are unique", ["%s in %s" % (n, ", ".join(p for _, _, p in headers[n])) for n in dup])

    problems = []
    edges = 0
    for path, (layer, _) in sorted(files.items()):
        text = open(os.path.join(src, path), errors="replace").read()
        for inc in INC.findall(text):
            name = os.path.basename(inc)
            if inc != name:
                problems.append("%s includes %s by a relative path" % (path, inc))
                continue
            if name == "gorts_all.h":
                if layer != "layout":
                    problems.append("%s (%s) includes the gorts tables (layout only)" % (path, layer))
                continue
            if name not in headers:
                problems.append("%s includes %s, which is no header of the tree" % (path, inc))
                continue
            hl, hk, hp = headers[name][0]
            edges += 1
            if RANK[hl] > RANK[layer]:
                problems.append("%s (%s) includes %s of the higher layer %s" % (path, layer, hp, hl))
            elif hk == "private" and hl != layer:
                problems.append("%s (%s) includes %s, private to %s" % (path, layer, hp, hl))
    rep.report("includes go down only (%d includes checked)" % edges, problems)

    if args.build:
        defined, needed = {}, {}
        for layer in LAYERS:
            lib = os.path.join(args.build, "libgm_%s.a" % layer)
            if not os.path.exists(lib):
                rep.report("symbols of %s" % layer, ["no %s (build first)" % lib])
                continue
            out = subprocess.run(["nm", "-g", lib], capture_output=True, text=True, check=True).stdout
            d, u = set(), set()
            for line in out.splitlines():
                p = line.split()
                if len(p) == 3 and p[1] in "TDBRCW":
                    d.add(p[2])
                elif len(p) == 2 and p[0] == "U":
                    u.add(p[1])
            defined[layer], needed[layer] = d, u
        owner = {}
        for layer, d in defined.items():
            for sym in d:
                owner[sym] = layer
        problems = []
        count = 0
        for layer, u in needed.items():
            for sym in sorted(u):
                o = owner.get(sym)
                if o is None or o == layer:
                    continue
                count += 1
                if RANK[o] > RANK[layer]:
                    problems.append("%s uses %s of the higher layer %s" % (layer, sym, o))
        rep.report("symbols go down only (%d uses across layers)" % count, problems)

    rep.summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
