# gomortem heap / timers / maps (issue 6): tests/progs/memtriage built with every Go
# version, crashed with SIGQUIT; MemStats figures within 1% of the program's
# ReadMemStats, every timer the runtime holds with its period and function, its
# syscall.Mmap region found outside what the runtime accounts for,
# damaged copies of the core must not crash or hang gomortem.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME memtest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/memtest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(memtest_go${v} PROPERTIES TIMEOUT 600)
    add_test(NAME memtest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/memtest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(memtest_stripped_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()
