/* gm_stripped: finding Go globals in executables without a symbol table
 * (-ldflags=-s), from the code that uses them (src/layout/layout_stripped.c). The
 * runtime's own globals are filled into struct gm_layout by the layout
 * module; this header is for the walkers that need globals of other packages. */
#ifndef GM_STRIPPED_H
#define GM_STRIPPED_H
#include <stdint.h>
#include "gm_gobin.h"

/* reflect's type caches and what reading them needs; 0 = not found. */
struct gm_reflect_globals {
	uint64_t ptrmap, lookupcache, funclookupcache, structlookupcache, layoutcache;
	uint64_t reflectoffs; /* runtime.reflectOffs */
	uint64_t expunged;    /* sync.expunged (sync.Map before 1.24) */
};
void gm_stripped_reflect_globals(const struct gm_gobin *gb, struct gm_reflect_globals *g);

#endif
