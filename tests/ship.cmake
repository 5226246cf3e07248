# Shipping (issue 21): coredumpctl's debugger argv, the shell completion, the
# Debian package.
if(PYTHON3)
  # the argv coredumpctl debug --debugger=gomortem [-A ARGS] execs, on a corpus core
  add_test(NAME coredumpctl
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/coredumpctltest.py --gomortem $<TARGET_FILE:gomortem>
                   --source ${CMAKE_SOURCE_DIR} --work ${CMAKE_BINARY_DIR}/shiptest)
  set_tests_properties(coredumpctl PROPERTIES TIMEOUT 300)
  # the bash completion asked as bash asks it, against what the program accepts
  add_test(NAME completion
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/completiontest.py --gomortem $<TARGET_FILE:gomortem>
                   --source ${CMAKE_SOURCE_DIR} --work ${CMAKE_BINARY_DIR}/shiptest)
  set_tests_properties(completion PROPERTIES TIMEOUT 300)
  # on a terminal (a pty): colour (NO_COLOR, --color; never in pipes or
  # JSON) and the progress line on stderr
  add_test(NAME terminal
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/terminaltest.py --gomortem $<TARGET_FILE:gomortem>
                   --source ${CMAKE_SOURCE_DIR} --work ${CMAKE_BINARY_DIR}/shiptest)
  set_tests_properties(terminal PROPERTIES TIMEOUT 300)
endif()
# the Debian package: built in a scratch copy, lintian, unpacked, run (~2 min
# on 2 busy cores). It builds its own copy, so the sanitizer tree does not run
# it again.
if(PYTHON3 AND NOT GM_SANITIZE)
  add_test(NAME debpkg
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/debpkgtest.py --source ${CMAKE_SOURCE_DIR}
                   --work ${CMAKE_BINARY_DIR}/shiptest)
  set_tests_properties(debpkg PROPERTIES TIMEOUT 900)
endif()
