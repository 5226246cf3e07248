"""Small pieces the python end-to-end tests share."""
import sys


class Reporter:
    """One line per check: "ok   NAME" or "FAIL NAME: problems"; the last
    line of a run is "N passed, M failed" (summary()), the exit code says
    whether everything passed (exit_code())."""

    def __init__(self):
        self.results = []

    def report(self, name, problems):
        self.results.append(not problems)
        print(("ok   " if not problems else "FAIL ") + name +
              ("" if not problems else ": " + "; ".join(problems[:12])))
        sys.stdout.flush()

    def summary(self):
        print("%d passed, %d failed" % (sum(self.results), len(self.results) - sum(self.results)))

    def exit_code(self):
        return 0 if self.results and all(self.results) else 1


def remove_stale_ready(ready):
    """Removes a ready file (and its truth file) left by an earlier run: the
    release and sanitizer trees share the work directory, and a stale ready
    file would let a test read the program before it is ready."""
    import os
    for p in (ready, ready + ".truth.json"):
        if os.path.exists(p):
            os.remove(p)


class PprofRaw:
    """What `go tool pprof -raw PATH` prints, parsed: `sample_types` (the
    line after "Samples:", e.g. "objects/count space/bytes"), `samples`
    ([(values, location ids)]) and `locations` ({id: [frame, ...]}, each
    frame the text after the address and mapping: "FUNC FILE:LINE s=START",
    inlined callers after it)."""

    def __init__(self, text):
        import re
        self.text = text
        self.sample_types = ""
        self.samples, self.locations = [], {}
        state, cur = None, None
        for ln in text.splitlines():
            if ln.startswith("Samples:"):
                state = "types"
                continue
            if ln.startswith("Locations"):
                state = "locs"
                continue
            if ln.startswith("Mappings"):
                state = None
                continue
            if state == "types":
                self.sample_types = ln.strip()
                state = "samples"
            elif state == "samples":
                m = re.match(r"^\s*((?:-?\d+\s+)*-?\d+):\s*([\d ]*)$", ln)
                if m:
                    self.samples.append((tuple(int(x) for x in m.group(1).split()),
                                         [int(x) for x in m.group(2).split()]))
            elif state == "locs":
                m = re.match(r"^\s*(\d+): 0x[0-9a-f]+ (?:M=\d+ )?(.*)$", ln)
                if m:
                    cur = int(m.group(1))
                    self.locations[cur] = [m.group(2).strip()]
                elif cur is not None and ln.strip() and not ln.strip().startswith("M="):
                    self.locations[cur].append(ln.strip())


def pprof_raw(go, path, timeout=600):
    """`go tool pprof -raw PATH` with the toolchain at go, parsed
    (PprofRaw); ValueError (with pprof's complaint) when it cannot read it."""
    import subprocess
    p = subprocess.run([go, "tool", "pprof", "-raw", path], capture_output=True, text=True,
                       errors="replace", timeout=timeout)
    if p.returncode != 0 or "Samples:" not in p.stdout:
        raise ValueError(p.stderr.strip()[-300:] or "no samples section")
    return PprofRaw(p.stdout)


def core_loads(core):
    """The PT_LOADs of an ELF64 core: [(vaddr, offset, filesz, memsz)]."""
    import struct
    with open(core, "rb") as f:
        eh = f.read(64)
        phoff, = struct.unpack_from("<Q", eh, 32)
        phentsize, phnum = struct.unpack_from("<HH", eh, 54)
        f.seek(phoff)
        tab = f.read(phentsize * phnum)
    loads = []
    for i in range(phnum):
        typ, _flags, off, va, _pa, filesz, memsz = struct.unpack_from("<IIQQQQQ", tab, i * phentsize)
        if typ == 1:
            loads.append((va, off, filesz, memsz))
    return loads


def core_file_offset(loads, addr):
    """File offset of addr in the core whose PT_LOADs are loads (core_loads),
    or None when no PT_LOAD holds file bytes for it."""
    for va, off, filesz, _ in loads:
        if va <= addr < va + filesz:
            return off + (addr - va)
    return None


def version_driver(description, test, ok_text, prepare=None):
    """main() of a test that builds a program for each Go version of
    --versions and checks it with test(args, version) -> [problems]. Options:
    --gomortem, --work, --versions, --goroot-pattern, --ready-timeout,
    --strip; the kernel must write cores (difftest.core_pattern_problem).
    prepare(args), when given, runs after the options are read and returns
    None to go on or the exit code (77 for a skip, after saying why). One
    line a version: "ok   go1.22: OK_TEXT (1.2s)" or "FAIL go1.22 (1.2s)"
    and the problems. Returns the exit code."""
    import argparse
    import os
    import subprocess
    import time
    import difftest
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--gomortem", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--versions", required=True)
    ap.add_argument("--goroot-pattern", default="/usr/lib/go-1.XX")
    ap.add_argument("--ready-timeout", type=int, default=60)
    ap.add_argument("--strip", action="store_true")
    args = ap.parse_args()
    args.gomortem = os.path.abspath(args.gomortem)
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    prob = difftest.core_pattern_problem()
    if prob:
        print("FAIL: " + prob)
        return 1
    if prepare:
        rc = prepare(args)
        if rc is not None:
            return rc
    bad = 0
    for v in args.versions.split(","):
        t0 = time.monotonic()
        try:
            errs = test(args, v)
        except (RuntimeError, subprocess.SubprocessError, OSError, ValueError, KeyError) as e:
            errs = ["%s: %s" % (type(e).__name__, e)]
        tag = "go%s%s" % (v, "-stripped" if args.strip else "")
        if errs:
            bad += 1
            print("FAIL %s (%.1fs)\n  %s" % (tag, time.monotonic() - t0, "\n  ".join(errs)))
        else:
            print("ok   %s: %s (%.1fs)" % (tag, ok_text, time.monotonic() - t0))
        sys.stdout.flush()
    return 1 if bad else 0


def cgo_module(args, version, prog_dir, bdir, module):
    """Copies the program at prog_dir to BDIR/src as Go module `module` for
    Go `version` and returns (src, env): the directory and difftest's build
    environment with cgo on (plugins, c-shared: gcc links them)."""
    import os
    import shutil
    import difftest
    src = os.path.join(bdir, "src")
    shutil.copytree(prog_dir, src)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write("module %s\n\ngo %s\n" % (module, version))
    env = difftest.go_env(args)
    env["CGO_ENABLED"] = "1"
    return src, env
