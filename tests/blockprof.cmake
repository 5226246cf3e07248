# gomortem profile block|mutex (issue 15): tests/progs/blockprof built with
# every Go version (and stripped), crashed with SIGQUIT after writing its own
# block and mutex profiles with pprof.Lookup(NAME).WriteTo(w, 0); ours must
# equal them sample by sample (values, stacks; go tool pprof -raw too);
# damaged block bucket lists give a note, exit 1; the same live (--pid).
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME blockproftest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/blockproftest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(blockproftest_go${v} PROPERTIES TIMEOUT 600)
    add_test(NAME blockproftest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/blockproftest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(blockproftest_stripped_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()
