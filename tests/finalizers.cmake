# gomortem finalizers (issue 4): tests/progs/finalizers built with every Go
# version, crashed with SIGQUIT; every figure of its truth file compared, and
# damaged copies of the core must not crash or hang gomortem.
# fintest_stripped_*: the same program built with -ldflags='-s -w' (issue 7):
# the same figures from the gorts tables and globals found from code.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME fintest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/fintest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(fintest_go${v} PROPERTIES TIMEOUT 900)
    add_test(NAME fintest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/fintest.py --versions ${v} --strip
                     --damage 2 --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(fintest_stripped_go${v} PROPERTIES TIMEOUT 900)
  endforeach()
endif()
