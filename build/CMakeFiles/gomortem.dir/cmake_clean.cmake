file(REMOVE_RECURSE
  "CMakeFiles/gomortem.dir/src/main.c.o"
  "CMakeFiles/gomortem.dir/src/main.c.o.d"
  "gomortem"
  "gomortem.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/gomortem.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
