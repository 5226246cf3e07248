#!/usr/bin/env bash
# Makes the committed corpus: for each Go version below, a core of
# tests/progs/scenarios (built with -trimpath, CGO_ENABLED=0, crashed by
# SIGQUIT with GOTRACEBACK=crash) with its executable, both zstd -19, the
# runtime's own stderr dump and the program's truth.json, in
# corpus/go1.XX-scenarios/, and corpus/MANIFEST describing them.
#
# Usage: scripts/make-corpus.sh [WORK_DIR]   (default: build-diff; Go caches go there)
# Env:   CORPUS_VERSIONS="1.19 1.22 1.27"  CORPUS_MAX_BYTES=31457280
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$repo/build-diff}
versions=${CORPUS_VERSIONS:-"1.19 1.22 1.27"}
max_bytes=${CORPUS_MAX_BYTES:-31457280}   # 30 MiB for the whole corpus
corpus=$repo/corpus

command -v zstd >/dev/null || { echo "make-corpus: zstd not installed" >&2; exit 2; }
mkdir -p "$work" "$corpus"
stage=$(mktemp -d "$work/corpus-stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT

csv=$(echo $versions | tr ' ' ',')
python3 "$repo/tests/difftest.py" --work "$work" --trimpath --versions "$csv" --produce "$stage/raw"

for v in $versions; do
  raw=$stage/raw
  [ "$(echo $versions | wc -w)" -gt 1 ] && raw=$stage/raw/go$v
  out=$stage/go$v-scenarios
  mkdir -p "$out"
  zstd -q -19 -T0 "$raw/core" -o "$out/core.zst"
  zstd -q -19 -T0 "$raw/exe" -o "$out/exe.zst"
  cp "$raw/stderr.txt" "$out/stderr.txt"
  [ -f "$raw/truth.json" ] && cp "$raw/truth.json" "$out/truth.json"
  # the round trip must be exact before anything is committed
  cmp -s <(zstd -q -d -c "$out/core.zst") "$raw/core" || { echo "make-corpus: core.zst round trip failed" >&2; exit 1; }
  echo "$v $(stat -c %s "$raw/core") $(stat -c %s "$raw/exe")" >>"$stage/rawsizes"
done

total=$(du -cb "$stage"/go*-scenarios/* | tail -1 | cut -f1)
if [ "$total" -gt "$max_bytes" ]; then
  echo "make-corpus: corpus would be $total bytes, over the limit of $max_bytes" >&2
  du -b "$stage"/go*-scenarios/* >&2
  exit 1
fi

for v in $versions; do
  rm -rf "$corpus/go$v-scenarios"
  mv "$stage/go$v-scenarios" "$corpus/"
done

{
  echo "# gomortem test corpus. Made by scripts/make-corpus.sh; do not edit by hand."
  echo "# Each go1.XX-scenarios/ holds: core.zst (ELF core, zstd -19), exe.zst (the executable,"
  echo "# zstd -19), stderr.txt (the runtime's own dump for the same crash), truth.json"
  echo "# (what the program knew about itself: runtime.Version, NumGoroutine, runtime.Stack headers)."
  echo "program: tests/progs/scenarios (module example.com/scenarios, go.mod 'go 1.XX'), SCENARIOS_SPIN unset"
  echo "source_sha256: $(sha256sum "$repo/tests/progs/scenarios/main.go" | cut -d' ' -f1) tests/progs/scenarios/main.go"
  echo "build: GOTOOLCHAIN=local CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS=-mod=mod go build -trimpath"
  echo "run: GOTRACEBACK=crash, RLIMIT_CORE unlimited, kernel.core_pattern=core; SIGQUIT once the ready file exists"
  echo "how: python3 tests/difftest.py --trimpath --versions 1.XX --produce DIR, then zstd -19"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "kernel: $(uname -sr)"
  echo "total_bytes: $total"
  for v in $versions; do
    d=$corpus/go$v-scenarios
    read -r _ rawcore rawexe < <(grep "^$v " "$stage/rawsizes")
    gover=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["go_version"])' "$d/truth.json" 2>/dev/null || echo "?")
    ngo=$(grep -c '^goroutine [1-9]' "$d/stderr.txt" || true)
    echo "go$v-scenarios: go_version=$gover goroutine_blocks=$ngo core=$rawcore core.zst=$(stat -c %s "$d/core.zst") exe=$rawexe exe.zst=$(stat -c %s "$d/exe.zst") stderr.txt=$(stat -c %s "$d/stderr.txt")"
  done
} >"$corpus/MANIFEST"

cat "$corpus/MANIFEST"
echo "make-corpus: wrote $total bytes under corpus/"
