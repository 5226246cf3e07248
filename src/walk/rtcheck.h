/* Plausibility checks on runtime structures read from a (possibly damaged)
 * target, shared by the report walkers (heap, finalizers, timers). Each
 * returns false and writes a one-line reason to msg when the runtime's own
 * invariants do not hold. Internal to src/. */
#ifndef GM_RTCHECK_H
#define GM_RTCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_memsrc.h"

/* allp[i] == p: a P of allp[:gomaxprocs] has p.id == i, a status of
 * _Pidle.._Pgcstop (procresize trims dead Ps off allp) and, not being dead,
 * an mcache (p.init gives every P one; only p.destroy takes it). */
bool gm_rtcheck_p(struct gm_memsrc *m, const struct gm_layout *l, uint64_t i, uint64_t p,
		  char *msg, size_t n);

/* Every span of mheap_.allspans: non-nil, startAddr page-aligned and
 * non-zero, npages non-zero, state dead/in-use/manual; every in-use span is
 * in the spans lookup of its own arena (mheap_.arenas[..].spans[page] ==
 * span) with its pageInUse bit set, and the pageInUse bits of all arenas
 * (mheap_.allArenas) count exactly the in-use spans. */
bool gm_rtcheck_spans(struct gm_memsrc *m, const struct gm_layout *l, char *msg, size_t n);

/* memstats: numgc, last_gc_unix, last_gc_nanotime and pause_total_ns are
 * all set by the first GC's mark termination, and never reset: either all
 * zero (no GC yet) or none. They sit on different pages (pause_ns and
 * pause_end, 4 KiB, lie between). */
bool gm_rtcheck_gcstats(struct gm_memsrc *m, const struct gm_layout *l, char *msg, size_t n);

/* The global `what` at addr: when the 4 KiB page holding it is all zeros
 * in the core, and that page also holds a global a started program never
 * has zero (runtime.allp, allm, allgs, allglen, modulesSlice, argv, ...),
 * the page was lost, and the zero value read for `what` is not the
 * program's. */
bool gm_rtcheck_global_page(struct gm_memsrc *m, const struct gm_gobin *gb,
			    const struct gm_layout *l, uint64_t addr, const char *what, char *msg,
			    size_t n);

#endif
