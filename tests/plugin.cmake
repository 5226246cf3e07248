# A Go program that opened a Go plugin (issue 17 item 1): tests/progs/plugin
# built with every Go version (and stripped); the running process and its
# core after SIGQUIT: goroutine dump equal to the runtime's own, the plugin
# listed by info, summary and maps.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME plugintest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/plugintest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(plugintest_go${v} PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
    add_test(NAME plugintest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/plugintest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(plugintest_stripped_go${v} PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
  endforeach()
endif()
