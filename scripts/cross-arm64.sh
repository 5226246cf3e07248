#!/usr/bin/env bash
# gomortem cross-built for linux/arm64, and its unit tests (tests/unit,
# ctest test_*) run under qemu-user. docs/arm64.md.
#   scripts/cross-arm64.sh [--all] [BUILD_DIR]     (default build-arm64)
# test_decompress compresses 3 MiB with xz, zstd and lz4 dozens of times:
# emulated, that is more than a quarter of an hour, so it runs only with --all.
# Needs what scripts/setup.sh installs: gcc-aarch64-linux-gnu, qemu-user and
# the arm64 builds of the libraries (dpkg multiarch).
set -euo pipefail
exclude='^test_decompress$'
if [ "${1:-}" = --all ]; then exclude='^$'; shift; fi
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-arm64}
for t in aarch64-linux-gnu-gcc qemu-aarch64; do
  command -v "$t" >/dev/null || { echo "cross-arm64: $t is not installed (scripts/setup.sh)" >&2; exit 77; }
done
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_TOOLCHAIN_FILE="$src/cmake/aarch64-linux-gnu.cmake" >/dev/null
cmake --build "$build" -j2 >/dev/null
file "$build/gomortem" | grep -q "ARM aarch64" || { echo "cross-arm64: $build/gomortem is not an arm64 program" >&2; exit 1; }
# libdwarf runs in a child with a 30 s limit (docs/architecture.md): emulated,
# on a busy machine, reading a Go executable's DWARF can take longer
export GM_DWARF_TIMEOUT_MS=${GM_DWARF_TIMEOUT_MS:-600000}
(cd "$build" && ctest -R '^test_' -E "$exclude" --output-on-failure)
