file(REMOVE_RECURSE
  "libgmcore.a"
)
