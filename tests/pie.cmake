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
