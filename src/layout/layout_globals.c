/* Globals of packages other than the runtime, for the walkers that need
 * them (gm_layout_reflect_globals in gm_layout.h). */
#include <string.h>

#include "layout_internal.h"

void gm_layout_reflect_globals(const struct gm_gobin *gb, struct gm_reflect_globals *g)
{
	memset(g, 0, sizeof(*g));
	if (!gb->has_symtab)
		layout_stripped_reflect_globals(gb, g);
	/* a symbol wins over what the code says */
	gm_gobin_sym(gb, "reflect.ptrMap", &g->ptrmap, NULL);
	gm_gobin_sym(gb, "reflect.lookupCache", &g->lookupcache, NULL);
	gm_gobin_sym(gb, "reflect.funcLookupCache", &g->funclookupcache, NULL);
	gm_gobin_sym(gb, "reflect.structLookupCache", &g->structlookupcache, NULL);
	gm_gobin_sym(gb, "reflect.layoutCache", &g->layoutcache, NULL);
	gm_gobin_sym(gb, "runtime.reflectOffs", &g->reflectoffs, NULL);
	gm_gobin_sym(gb, "sync.expunged", &g->expunged, NULL);
}
