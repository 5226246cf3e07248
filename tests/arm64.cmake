# linux/arm64 cores (issue 18): the programs built with GOARCH=arm64, run
# under qemu-user (scripts/setup.sh installs qemu-user), crashed with
# GOTRACEBACK=crash + SIGQUIT; qemu writes the guest's core
# (qemu_PROG_DATE_PID.core: NT_PRSTATUS per thread, no NT_FILE, so the
# executable is passed with --exe). Exit 77 (skipped) only when
# qemu-aarch64 is not installed.
# difftest_arm64_go*: `goroutines --format go` against the runtime's own
#   dump, goroutine by goroutine; a spinning goroutine receives the SIGQUIT,
#   so the crashing goroutine is [running] and read from the arm64 signal
#   frame (rt_sigframe/ucontext) on its M's signal stack.
# difftest_arm64_stripped_go*: the same built with -ldflags='-s -w': the
#   layout from the arm64 gorts tables, runtime globals found from the code
#   that uses them (ADRP+ADD / ADRP+LDR pairs).
# fintest/memtest/typestest_arm64_go*: those tests' figures (truth files) on
#   arm64 cores (memtest without its maps check: qemu cores have no NT_FILE).
# threadtest_arm64[_stripped]_go*: cgo (tests/progs/cgo): C frames of the
#   executable on the cgo call's thread, a C-created thread and the
#   goroutine (--native), Go's dump's Ms on their threads.
# summarytest_arm64_go*: summary's figures and flags (json, text), --fail-on
#   and --batch on the triage program's arm64 core, as on amd64 but live.
# memproftest_arm64[_stripped]_go*: heap --profile equals the program's own
#   WriteHeapProfile sample by sample on arm64 cores (math.Exp of arm64,
#   exp_arm64.s, reproduced for the scaling); stripped: the profile's
#   globals from the ADRP pairs.
# heaptypes_arm64[_stripped]_go*: heap --by-type on arm64 cores, totals
#   equal to MemStats, every known population with its exact count.
# arm64test: mixed inputs (an arm64 core with the amd64 executable and the
#   reverse: one line, exit 2), info / threads / summary on an arm64 core.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME difftest_arm64_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/difftest.py --goarch arm64 --versions ${v}
                     --spin --quit-busiest --json-check
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(difftest_arm64_go${v} PROPERTIES TIMEOUT 900 SKIP_RETURN_CODE 77)
    add_test(NAME difftest_arm64_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/difftest.py --goarch arm64 --versions ${v}
                     --strip --json-check
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(difftest_arm64_stripped_go${v} PROPERTIES TIMEOUT 900 SKIP_RETURN_CODE 77)
  endforeach()
  # the finalizer, memory and type tests' figures against each program's
  # truth file on arm64 cores (no live checks: qemu-user has no ptrace)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME fintest_arm64_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/fintest.py --goarch arm64 --versions ${v}
                     --damage 2 --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    add_test(NAME memtest_arm64_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/memtest.py --goarch arm64 --versions ${v}
                     --damage 2 --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    add_test(NAME typestest_arm64_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/typestest.py --goarch arm64 --versions ${v}
                     --damage 2 --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(fintest_arm64_go${v} memtest_arm64_go${v} typestest_arm64_go${v}
                         PROPERTIES TIMEOUT 900 SKIP_RETURN_CODE 77)
    # cgo on arm64: tests/progs/cgo built with aarch64-linux-gnu-gcc; the C
    # call chains found in order by name by the frame-record unwinder
    # (threads, goroutines --native), core only; stripped: named by the
    # unstripped twin
    add_test(NAME threadtest_arm64_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/threadtest.py --goarch arm64 --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    add_test(NAME threadtest_arm64_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/threadtest.py --goarch arm64 --strip --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(threadtest_arm64_go${v} threadtest_arm64_stripped_go${v}
                         PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
    add_test(NAME summarytest_arm64_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/summarytest.py --goarch arm64 --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(summarytest_arm64_go${v} PROPERTIES TIMEOUT 900 SKIP_RETURN_CODE 77)
    add_test(NAME memproftest_arm64_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/memproftest.py --goarch arm64 --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    add_test(NAME memproftest_arm64_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/memproftest.py --goarch arm64 --strip --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(memproftest_arm64_go${v} memproftest_arm64_stripped_go${v}
                         PROPERTIES TIMEOUT 900 SKIP_RETURN_CODE 77)
    add_test(NAME heaptypes_arm64_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/heaptypestest.py --goarch arm64 --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    add_test(NAME heaptypes_arm64_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/heaptypestest.py --goarch arm64 --strip --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(heaptypes_arm64_go${v} heaptypes_arm64_stripped_go${v}
                         PROPERTIES TIMEOUT 900 SKIP_RETURN_CODE 77)
  endforeach()
  # gomortem as an arm64 program (scripts/cross-arm64.sh: the cross build,
  # its unit tests under qemu-user), printing what the host build prints on
  # the corpus cores and an arm64 core; once, from the release tree
  if(NOT GM_SANITIZE)
    add_test(NAME crosstest
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/crosstest.py
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(crosstest PROPERTIES TIMEOUT 1800 SKIP_RETURN_CODE 77)
  endif()
  add_test(NAME arm64test
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/arm64test.py --versions 1.19,1.21,1.22,1.27
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(arm64test PROPERTIES TIMEOUT 1200 SKIP_RETURN_CODE 77)
endif()
