#!/usr/bin/env bash
# The fuzz part of the test suite (registered by tests/fuzz/CMakeLists.txt).
#   run.sh build SRC FUZZBUILD [cmake args]   clang + libFuzzer build of the
#       targets (ASan + UBSan; -DGM_FUZZ_SANITIZERS=undefined for a faster
#       build for long campaigns)
#   run.sh run SRC FUZZBUILD TARGET SECONDS [extra libFuzzer args]
#       runs fuzz_TARGET for SECONDS on a copy of tests/fuzz/seeds/TARGET plus
#       the seeds make_seeds.py cuts out of the corpus; fails on a crash, a
#       sanitizer report, a leak, or an input slower than 5 s (-timeout).
# Missing clang or libFuzzer is a failure, not a skip (scripts/setup.sh
# installs them).
set -euo pipefail
mode=$1 src=$2 fb=$3
case $mode in
build)
  if ! command -v clang >/dev/null; then
    echo "fuzz: clang is not installed (scripts/setup.sh installs clang and libclang-rt-14-dev)" >&2
    exit 1
  fi
  shift 3
  cmake -S "$src" -B "$fb" -DCMAKE_C_COMPILER=clang -DGM_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$fb" --target fuzzers -j"$(nproc 2>/dev/null || echo 2)"
  ;;
run)
  t=$4 secs=$5
  shift 5
  bin=$fb/tests/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: $bin not built (run the fuzz_build test first)" >&2; exit 1; }
  work=${GM_FUZZ_WORK:-$fb/work}/$t
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/tmp"
  if [ -d "$src/tests/fuzz/seeds/$t" ]; then
    cp "$src/tests/fuzz/seeds/$t"/* "$work/corpus/" 2>/dev/null || true
  fi
  python3 "$src/tests/fuzz/make_seeds.py" --runtime --target "$t" --corpus "$src/corpus" \
          --out "$work/corpus"
  export TMPDIR=$work/tmp
  export GM_FUZZ_SOURCE_DIR=$src
  export ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=1:allocator_may_return_null=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  set +e
  "$bin" "$work/corpus" -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 \
         -artifact_prefix="$work/" -print_final_stats=1 "$@" >"$work/log" 2>&1
  rc=$?
  set -e
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^#[0-9]+ *DONE' "$work/log" || true
  if [ $rc -ne 0 ]; then
    tail -n 60 "$work/log"
    ls "$work"/crash-* "$work"/timeout-* "$work"/leak-* "$work"/oom-* 2>/dev/null || true
    echo "fuzz_$t: FAILED (exit $rc); artifacts in $work" >&2
    exit 1
  fi
  echo "fuzz_$t: ok"
  ;;
*)
  echo "usage: run.sh build SRC FUZZBUILD | run SRC FUZZBUILD TARGET SECONDS" >&2
  exit 64
  ;;
esac
