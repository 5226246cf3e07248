#!/usr/bin/env bash
# Makes a big core for benchmarks: tests/progs/manyg with N goroutines parked in
# four groups of identical stacks, crashed by SIGQUIT with GOTRACEBACK=crash.
# Writes OUTDIR/{core,exe,stderr.txt,truth.json}.  The core is a few GB.
#
# Usage: scripts/make-bigcore.sh OUTDIR [N=225000] [GO_VERSION=1.22] [WORK_DIR=build-diff] [GOARCH=amd64]
# GOARCH arm64: built for linux/arm64 and run under qemu-user (the guest's core).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: make-bigcore.sh OUTDIR [N] [GO_VERSION] [WORK_DIR]}
n=${2:-225000}
ver=${3:-1.22}
work=${4:-$repo/build-diff}
goarch=${5:-amd64}
exec python3 "$repo/tests/difftest.py" --work "$work" --versions "$ver" --goarch "$goarch" \
  --prog manyg --prog-arg "$n" --ready-timeout 600 --produce "$out"
