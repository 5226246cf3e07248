# Proven goroutine leaks (issue 16): tests/progs/leaks parks goroutines on
# channels nothing else holds beside goroutines parked on a global mutex,
# on channels a global slice holds, on time.After timers, on channels only
# a sleeping or a fixpoint-runnable goroutine holds; summary's
# goroutines.leaked must equal the program's own count and goroutines must
# mark exactly those, live and on a core, on every Go version, DWARF and
# stripped.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME leakstest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/leakstest.py --version ${v}
                     --gomortem $<TARGET_FILE:gomortem>)
    set_tests_properties(leakstest_go${v} PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
    add_test(NAME leakstest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/leakstest.py --version ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem>)
    set_tests_properties(leakstest_stripped_go${v} PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
  endforeach()
endif()
