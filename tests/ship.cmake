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
endif()
