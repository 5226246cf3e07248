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
# Huge sparse mappings (issue 17): a 64 GiB syscall.Mmap with 1,000 pages
# written; maps/summary/dump --pid and maps of the kernel's core sweep only
# what is in it (before: a 60 s read of the core's holes, an OOM kill of
# dump). One version: the sweep does not depend on the runtime's version.
if(PYTHON3)
  add_test(NAME sparsetest_go1.27
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/sparsetest.py --versions 1.27
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(sparsetest_go1.27 PROPERTIES TIMEOUT 300)
endif()
