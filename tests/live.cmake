# Live-process tests (issue 3): tests/livetest.py. Needs ptrace rights over
# child processes (root, or kernel.yama.ptrace_scope <= 1 for children).
# livetest_stripped_*: the scenarios built with -ldflags='-s -w' (issue 7),
# read live and compared with the same process's own SIGQUIT dump.
foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
  add_test(NAME livetest_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/livetest.py --versions ${v}
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(livetest_go${v} PROPERTIES TIMEOUT 900)
  add_test(NAME livetest_stripped_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/livetest.py --versions ${v} --strip
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(livetest_stripped_go${v} PROPERTIES TIMEOUT 900)
endforeach()
# the executable deleted after the start, or in another mount namespace
# (issue 17 item 3): exit 0 and verified, its mappings classed as the binary
foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
  add_test(NAME livetest_exe_elsewhere_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/livetest.py --exe-elsewhere ${v}
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(livetest_exe_elsewhere_go${v} PROPERTIES TIMEOUT 600)
endforeach()
add_test(NAME livetest_exe_elsewhere_pie_go1.27
         COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/livetest.py --exe-elsewhere 1.27 --pie
                 --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
set_tests_properties(livetest_exe_elsewhere_pie_go1.27 PROPERTIES TIMEOUT 600)
add_test(NAME livetest_busy
         COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/livetest.py --busy 1.27
                 --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
# a busy target must make progress: alone, not beside other tests on 2 CPUs
set_tests_properties(livetest_busy PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
# dump -o FILE made safely as root (issue 20): planted symbolic links, an
# existing FILE with and without --force, mode 0600 whatever the umask
add_test(NAME dumptest
         COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/dumptest.py
                 --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
set_tests_properties(dumptest PROPERTIES TIMEOUT 600)
# the pause budget bounds the goroutine plan's own reads (issue 17 item 5):
# 40,000 goroutines with pprof labels (the map of Go <= 1.23, the slice of
# 1.24 on), a budget shorter than the plan; timed: alone
foreach(v 1.19 1.23 1.24 1.27)
  add_test(NAME livetest_plan_budget_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/livetest.py --plan-budget ${v}
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(livetest_plan_budget_go${v} PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)
endforeach()
