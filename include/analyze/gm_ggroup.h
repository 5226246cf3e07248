/* gm_ggroup: goroutines grouped by identical state, stack and creator —
 * what the text renderer prints and what summary ranks. A leak is 100,000
 * goroutines in one group.
 *
 * Grouping keys on pointers: function and file names point into the
 * executable's pclntab and state strings into the layout, so equal strings
 * are equal pointers and hashing a stack costs a few multiplications. */
#ifndef GM_GGROUP_H
#define GM_GGROUP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_arena.h"
#include "gm_goroutines.h"

struct gm_ggroup_frame {
	const char *func, *file;
	int32_t line;
	bool inlined;
};

struct gm_ggroup {
	uint64_t hash;
	const char *state;
	const char *created_func, *created_file;
	int32_t created_line;
	bool created;
	struct gm_ggroup_frame *frames;
	uint32_t nframes;
	bool unavailable;
	bool proven_leaked;     /* every member is proven leaked (part of the key) */
	const char *unwind_error;
	uint64_t damaged;       /* members with impossible values (gm_goroutine.damage) */
	const char *damage;     /* the first one's, a copy */
	uint64_t count, locked, system;
	int64_t max_minutes;    /* -1 when unknown */
	uint64_t *goids;        /* the first goid_limit goids, in walk order */
	size_t ngoids, goids_cap;
	uint64_t parent_min, parent_max; /* parent_max 0: none recorded */
};

struct gm_ggroup_state {
	const char *state;
	uint64_t n;
};

struct gm_ggroups {
	struct gm_arena arena;
	struct gm_ggroup **tab; /* open addressing */
	size_t cap, len;
	struct gm_ggroup_state states[128];
	size_t nstates;
	uint64_t total;
	size_t goid_limit;
	bool oom;               /* something was left out for lack of memory */
};

/* goid_limit: how many goids each group keeps (SIZE_MAX: all). false on
 * out of memory. */
bool gm_ggroups_init(struct gm_ggroups *gs, size_t goid_limit);
void gm_ggroups_add(struct gm_ggroups *gs, const struct gm_goroutine *g);
/* The groups, biggest first (ties: lowest first goid first); malloc'd
 * array of *n pointers, NULL on out of memory. Sorts states too (most
 * goroutines first). */
struct gm_ggroup **gm_ggroups_sorted(struct gm_ggroups *gs, size_t *n);
void gm_ggroups_deinit(struct gm_ggroups *gs);
/* Runtime frames: "runtime." and "internal/runtime/" functions. */
bool gm_ggroup_is_runtime(const char *func);

#endif
