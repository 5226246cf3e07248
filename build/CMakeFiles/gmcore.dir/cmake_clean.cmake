file(REMOVE_RECURSE
  "CMakeFiles/gmcore.dir/src/arena.c.o"
  "CMakeFiles/gmcore.dir/src/arena.c.o.d"
  "CMakeFiles/gmcore.dir/src/error.c.o"
  "CMakeFiles/gmcore.dir/src/error.c.o.d"
  "libgmcore.a"
  "libgmcore.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/gmcore.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
