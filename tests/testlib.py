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
