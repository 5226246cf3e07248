/* Fuzz target: the finalizer and cleanup walker (gm_fin_collect) over the
 * mutated core images of fuzz_walker.c (same input format and seeds). */
#define GMF_FINALIZERS 1
#include "fuzz_walker.c"
