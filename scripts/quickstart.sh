#!/usr/bin/env bash
# README's first command: install what building needs, build gomortem, and run
# it on a core bundled in corpus/ (no Go toolchain needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)"
sample=${1:-$(ls -d corpus/go1.*-scenarios 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$sample" ] || [ ! -f "$sample/core.zst" ]; then
  echo "quickstart: no bundled core found in corpus/" >&2
  exit 2
fi
mkdir -p build/corpus
name=$(basename "$sample")
# The executable is stored compressed; gomortem reads the compressed core as is.
zstd -q -d -f "$sample/exe.zst" -o "build/corpus/$name.exe"
echo "\$ build/gomortem $sample/core.zst --exe build/corpus/$name.exe     # summary, the default command"
rc=0
build/gomortem "$sample/core.zst" --exe "build/corpus/$name.exe" || rc=$?
# 0 ok, 1 partial; anything else is a failure of the quick start
if [ "$rc" -gt 1 ]; then
  echo "quickstart: gomortem exited $rc" >&2
  exit "$rc"
fi
echo
echo "\$ build/gomortem goroutines $sample/core.zst --exe build/corpus/$name.exe"
build/gomortem goroutines "$sample/core.zst" --exe "build/corpus/$name.exe"
