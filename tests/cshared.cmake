# A C program whose Go runtime is a -buildmode=c-shared library (issue 17
# item 2): tests/progs/cshared built with every Go version (and stripped),
# the host's core after a panic in an exported function; gomortem finds the
# library among the core's mappings, its goroutine dump equals the runtime's
# own, every report command exits 0.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME csharedtest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/csharedtest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(csharedtest_go${v} PROPERTIES TIMEOUT 600)
    add_test(NAME csharedtest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/csharedtest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(csharedtest_stripped_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()
