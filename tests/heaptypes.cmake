# gomortem heap --by-type (issue 16): tests/progs/heaptypes built with every
# Go version (and stripped), crashed with SIGQUIT after writing its own
# MemStats; the histogram's totals must equal HeapObjects and HeapAlloc, and
# on Go 1.22+ every population the runtime records must be found with its
# exact count (the GC-program copies of 1.22-1.23 reported as such).
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME heaptypes_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/heaptypestest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(heaptypes_go${v} PROPERTIES TIMEOUT 600)
    add_test(NAME heaptypes_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/heaptypestest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(heaptypes_stripped_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()

# type x allocation site (issue 16): tests/progs/typesite (MemProfileRate=1,
# known types from known functions); every (type, site) pair with its live
# count, on every version (1.19/1.21: by size class), DWARF and stripped.
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME typesite_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/typesitetest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(typesite_go${v} PROPERTIES TIMEOUT 600)
    add_test(NAME typesite_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/typesitetest.py --versions ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(typesite_stripped_go${v} PROPERTIES TIMEOUT 600)
  endforeach()
endif()

# heap --why (issue 16): tests/progs/why keeps objects alive along known
# paths (a global, a map of structs, a goroutine's stack) and one that
# nothing holds; the paths and roots by address on every version, by type
# from 1.22; DWARF and stripped (globals unnamed).
if(PYTHON3)
  foreach(v 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27)
    add_test(NAME whytest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/whytest.py --version ${v}
                     --gomortem $<TARGET_FILE:gomortem>)
    set_tests_properties(whytest_go${v} PROPERTIES TIMEOUT 300)
    add_test(NAME whytest_stripped_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/whytest.py --version ${v} --strip
                     --gomortem $<TARGET_FILE:gomortem>)
    set_tests_properties(whytest_stripped_go${v} PROPERTIES TIMEOUT 300)
  endforeach()
endif()
