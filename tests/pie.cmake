# Position-independent executables (-buildmode=pie, docs/pie.md): the
# scenarios built as PIE for every Go version (and stripped, for the oldest
# and newest), crashed with SIGQUIT; the goroutine dump from the core must
# equal Go's own, as for the default builds.
foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
  add_test(NAME difftest_pie_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/difftest.py --versions ${v} --pie
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(difftest_pie_go${v} PROPERTIES TIMEOUT 1200)
endforeach()
foreach(v 1.19 1.27)
  add_test(NAME difftest_pie_stripped_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/difftest.py --versions ${v} --pie --strip
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(difftest_pie_stripped_go${v} PROPERTIES TIMEOUT 1200)
endforeach()
# The other walkers on PIE builds (same checks as their default builds), for
# the oldest PIE layout with the pclntab in .data.rel.ro (1.22) and the
# newest (1.27): finalizers, heap/timers/maps, types, summary, live reads
# (and a stripped PIE read live), threads and native C frames (cgo PIE,
# linked by gcc).
foreach(v 1.22 1.27)
  add_test(NAME fintest_pie_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/fintest.py --versions ${v} --pie --damage 2
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  add_test(NAME memtest_pie_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/memtest.py --versions ${v} --pie --damage 2
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  add_test(NAME typestest_pie_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/typestest.py --versions ${v} --pie --damage 2
                   --live --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  add_test(NAME summarytest_pie_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/summarytest.py --versions ${v} --pie
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  add_test(NAME livetest_pie_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/livetest.py --versions ${v} --pie
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  add_test(NAME threadtest_pie_go${v}
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/threadtest.py --versions ${v} --pie
                   --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
  set_tests_properties(fintest_pie_go${v} memtest_pie_go${v} typestest_pie_go${v}
                       summarytest_pie_go${v} livetest_pie_go${v} threadtest_pie_go${v}
                       PROPERTIES TIMEOUT 900)
endforeach()
add_test(NAME livetest_pie_stripped_go1.27
         COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/livetest.py --versions 1.27 --pie --strip
                 --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
set_tests_properties(livetest_pie_stripped_go1.27 PROPERTIES TIMEOUT 900)
