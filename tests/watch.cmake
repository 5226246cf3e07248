# gomortem watch (issue 19): tests/progs/leak in its steady mode (goroutines
# leaked at a known rate beside a stable pool), watched live on every Go
# version: the leak's rate per minute within 10 %, the pool unchanged, the
# JSON lines (gomortem.watch), text, --fail-on growth.*, a target exiting
# mid-watch (exit 1, the partial diff). On 1.19 and 1.27 also SIGINT, SIGTERM,
# SIGHUP (in the pause and between snapshots) and SIGKILL (in the pause):
# the target is never left stopped and keeps running.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    set(_sig "")
    if(v STREQUAL "1.19" OR v STREQUAL "1.27")
      set(_sig "--signals")
    endif()
    add_test(NAME watchtest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/watchtest.py --gomortem $<TARGET_FILE:gomortem>
                     --version ${v} ${_sig})
    set_tests_properties(watchtest_go${v} PROPERTIES TIMEOUT 300)
  endforeach()
endif()
