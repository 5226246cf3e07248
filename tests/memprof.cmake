# gomortem heap --profile (issue 15): tests/progs/memprof built with every Go
# version (and stripped), crashed with SIGQUIT after writing its own heap
# profile with pprof.WriteHeapProfile; ours must equal it sample by sample
# (values, bytes label, stacks); damaged bucket lists give a note, exit 1.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME memproftest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/memproftest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(memproftest_go${v} PROPERTIES TIMEOUT 600)
    add_test(NAME memproftest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/memproftest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(memproftest_stripped_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()
