# gomortem summary / --fail-on / --batch (issue 8): tests/progs/triage (a
# goroutine leak, a blocked finalizer with a queue, AfterFunc and StructOf
# leaks) built with every Go version, crashed with SIGQUIT; the summary must
# agree with the runtime's own dump and the program's figures, raise the red
# flags with their evidence, and honour --fail-on and --batch.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME summarytest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/summarytest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(summarytest_go${v} PROPERTIES TIMEOUT 600)
    add_test(NAME summarytest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/summarytest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(summarytest_stripped_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()
# the manual (docs/gomortem.1), --help of every command and docs/json.md agree
# with the program
if(PYTHON3)
  add_test(NAME doctest
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/doctest.py --gomortem $<TARGET_FILE:gomortem>
                   --source ${CMAKE_SOURCE_DIR} --work ${CMAKE_BINARY_DIR}/doctest)
  set_tests_properties(doctest PROPERTIES TIMEOUT 300)
endif()
