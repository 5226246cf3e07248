/* gm_types: the reflect caches walker (gomortem types, src/walk/types.c):
 * the types made at run time and the caches of package reflect that keep
 * them (ptrMap, lookupCache, funcLookupCache, structLookupCache,
 * layoutCache), read through the Go map reader and named through the type
 * descriptor reader (gm_gotype.h). */
#ifndef GM_TYPES_H
#define GM_TYPES_H
#include "gm_gotype.h"

enum { GM_TC_PTRMAP, GM_TC_LOOKUP, GM_TC_FUNC, GM_TC_STRUCT, GM_TC_LAYOUT, GM_TC_N };

struct gm_types_entry {
	struct gm_gotype t;
	const char *constructor;  /* "PointerTo", "SliceOf", ... "funcLayout" */
};

struct gm_types_cache {
	const char *name;         /* "ptrMap", ... */
	const char *global;       /* "reflect.ptrMap", ... */
	bool present;             /* the global exists (reflect linked in) */
	uint64_t entries;         /* sync.Map entries */
	struct gm_types_entry *types;
	size_t ntypes;
	uint64_t runtime_created;
	char problem[160];
};

struct gm_types_report {
	int go_minor;
	struct gm_goimpl impl;
	struct gm_types_cache caches[GM_TC_N];
	uint64_t runtime_created_total;   /* distinct run-time types over every cache */
	uint64_t types_total;             /* distinct types over every cache */
	uint64_t reflect_offs_entries;    /* names registered in runtime.reflectOffs */
	bool reflect_offs_present;
	char problem[240];                /* first problem (partial results), "" */
	struct gm_arena arena;
};

struct gm_error *gm_types_collect(struct gm_memsrc *m, const struct gm_gobin *gb,
				  const struct gm_layout *l, struct gm_types_report **ret);
void gm_types_report_destroy(struct gm_types_report *r);

#endif
