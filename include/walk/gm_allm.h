/* gm_allm: the runtime's M list (runtime.allm through m.alllink), read once
 * for every walker that needs the Ms: threads (which thread runs which M),
 * maps (each M's g0 stack: with cgo, the pthread stacks). Bounded (at most
 * GM_ALLM_MAX Ms: more is a loop); a cut list keeps the Ms read before the
 * cut and says so. The walker never prints. */
#ifndef GM_ALLM_H
#define GM_ALLM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_layout.h"
#include "gm_target.h"

#define GM_ALLM_MAX 100000

struct gm_m {
	uint64_t addr, procid, curg, lockedg, g0, gsignal; /* 0: nil or unreadable */
	int64_t id;             /* m.id, -1 unreadable */
	bool incgo;             /* m.incgo */
	int32_t ncgo;           /* m.ncgo, -1 unknown */
	int64_t ncgocall;       /* m.ncgocall, -1 unknown */
	uint64_t g0_lo, g0_hi;  /* g0.stack bounds, 0 when unreadable */
};

struct gm_allm {
	struct gm_m *v;
	size_t n;
	bool unknown;           /* runtime.allm unreadable or nil: which threads run Go is unknown */
	bool complete;          /* the list ended with a nil alllink */
	char problem[200];      /* the first problem met, "" when none */
};

/* Reads the list into *out (freed with gm_allm_free). Errors: only out of
 * memory; damage is out->problem. */
struct gm_error *gm_allm_read(struct gm_target *t, const struct gm_layout *l, struct gm_allm *out);
void gm_allm_free(struct gm_allm *a);

#endif
