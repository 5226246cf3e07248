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
