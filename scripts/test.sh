#!/usr/bin/env bash
# The whole test suite: README's second command (.ci/run runs exactly this).
#   1. installs what is needed (scripts/setup.sh: build deps, Go 1.19 and
#      1.21-1.27, delve, panicparse),
#   2. builds gomortem twice: normal (build/) and with ASan+UBSan (build-asan/),
#   3. runs ctest in both: cmocka unit tests, golden tests on the bundled
#      corpus, bad-input tests, and the differential test against the Go
#      runtime's own dump for every Go version.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
JOBS=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$JOBS"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGM_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$JOBS"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
echo "== tests (release build)"
(cd build && ctest --output-on-failure -j"$JOBS") || status=1
echo "== tests (ASan+UBSan build)"
(cd build-asan && ctest --output-on-failure -j"$JOBS") || status=1
exit $status
