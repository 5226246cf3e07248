# gomortem threads and goroutines --native (issue 10): tests/progs/cgo built
# with cgo for every Go version; the C call chains (a cgo call from a
# goroutine, a pthread_create'd C thread) found in order by name, the M of
# each thread, from the core and from the running process.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME threadtest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/threadtest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(threadtest_go${v} PROPERTIES TIMEOUT 600)
    # stripped (-ldflags='-s -w'): the Ms from gorts/ layouts; the C frames,
    # nameless, named by the unstripped twin build's symbols
    add_test(NAME threadtest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/threadtest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(threadtest_stripped_go${v} PROPERTIES TIMEOUT 600)
    # -race (issue 17 item 6): the same, and the race detector's shadow is
    # its own class, info says -race, no memory_outside_go false alarm
    add_test(NAME threadtest_race_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/threadtest.py --versions ${v} --race
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(threadtest_race_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()
