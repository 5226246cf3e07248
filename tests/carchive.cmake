# A C program with a -buildmode=c-archive Go package linked in (issue 17
# item 2): tests/progs/cshared built as libgm.a with every Go version (and
# stripped), linked by gcc into the host; the host's core after a panic in
# an exported function: the goroutine dump equals the runtime's own, every
# report command exits 0 (tests/carchivetest.py, csharedtest.py's check).
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME carchivetest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/carchivetest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(carchivetest_go${v} PROPERTIES TIMEOUT 600)
    add_test(NAME carchivetest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/carchivetest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(carchivetest_stripped_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()
