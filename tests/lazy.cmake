# Compressed cores decoded on demand (issue 8): tests/lazytest.py. One
# triage core per version, compressed with zstd / lz4 / xz: the same answers
# as the plain core, cuts where the walkers need data give exit 1 naming what
# is missing, cuts past what a command needs give the whole answer. Three
# versions (oldest, middle, newest) keep it to about 40 s each.
if(PYTHON3)
  foreach(v 1.19 1.23 1.27)
    add_test(NAME lazytest_go${v}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/lazytest.py --versions ${v}
                     --gomortem $<TARGET_FILE:gomortem> --work ${GM_GOWORK})
    set_tests_properties(lazytest_go${v} PROPERTIES TIMEOUT 900)
  endforeach()
endif()
