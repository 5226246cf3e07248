# gomortem types (issue 5): tests/progs/types built with every Go version,
# crashed with SIGQUIT; the program's own run-time types compared with its
# truth file in every reflect cache, and damaged copies of the core must not
# crash or hang gomortem; the same figures from the running program (--pid);
# the map reader (tests/unit/test_gomap.c --core)
# must find every entry of the program's maps and sync.Map exactly once.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME typestest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/typestest.py --versions ${v} --damage 4 --live
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK}
                     --test-gomap $<TARGET_FILE:test_gomap>)
    set_tests_properties(typestest_go${v} PROPERTIES TIMEOUT 900)
    # -s -w builds: reflect's caches found from the code that uses them
    add_test(NAME typestest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/typestest.py --versions ${v} --damage 2 --live --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(typestest_stripped_go${v} PROPERTIES TIMEOUT 900)
  endforeach()
  # the other map and sync.Map implementations of 1.24/1.25 (GOEXPERIMENT),
  # and 1.27's split map groups
  foreach(ve "1.24:noswissmap,nosynchashtriemap" "1.25:noswissmap" "1.25:nosynchashtriemap"
             "1.27:mapsplitgroup")
    string(REPLACE ":" ";" parts "${ve}")
    list(GET parts 0 v)
    list(GET parts 1 exp)
    string(REPLACE "," "_" tag "${exp}")
    add_test(NAME typestest_go${v}_${tag}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/typestest.py --versions ${v} --damage 2
                     --goexperiment ${exp}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK}
                     --test-gomap $<TARGET_FILE:test_gomap>)
    set_tests_properties(typestest_go${v}_${tag} PROPERTIES TIMEOUT 900)
  endforeach()
endif()
