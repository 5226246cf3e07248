#!/usr/bin/env python3
"""gomortem on a C program with a -buildmode=c-archive Go package linked in
(issue 17 item 2): the Go runtime lives in the C executable itself.

tests/progs/cshared (lib.go) is built as libgm.a with the Go version under
test (--strip: -ldflags='-s -w', and the linked host stripped too) and
host/host.c is linked with it by gcc (a PIE). Everything else is
tests/csharedtest.py's check, with the host as the Go executable: before
the panic, `goroutines`, `info` and `summary --pid` on the running host
(exit 0, nothing on stderr, the 5 parked goroutines with the functions the
runtime's own dump prints for them); on the host's core after
GOTRACEBACK=crash and a panic in an exported function, with no --exe and
with --exe HOST: `goroutines --format go` equals the runtime's dump
goroutine by goroutine, summary, threads, finalizers, timers, maps and info
exit 0 with nothing on stderr, info names the host, finalizers finds the 3
the package set, timers its AfterFunc, threads the host's main thread
locked to the panicking goroutine and (not --strip) every frame in the host
named (cgo's crosscall1, an untyped label, too).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csharedtest  # noqa: E402
import testlib  # noqa: E402


def main():
    csharedtest.MODE = "c-archive"
    return testlib.version_driver(__doc__.split("\n")[0], csharedtest.test,
                                  "c-archive host, dump equal to Go's")


if __name__ == "__main__":
    sys.exit(main())
