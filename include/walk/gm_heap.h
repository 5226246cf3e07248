/* gm_heap: memory triage of a Go process (issue 6): the figures of
 * runtime.MemStats computed from the runtime's own statistics, in-use spans
 * by size class.
 *
 * Heap (src/walk/heap.c): what runtime.ReadMemStats (readmemstats_m) computes,
 * from memstats.heapStats (the 3 shards of the consistent heap statistics,
 * summed), memstats, gcController and mheap_.{spanalloc,cachealloc}.inuse.
 * ReadMemStats first flushes every P's mcache (flushallmcaches): the objects
 * allocated from a span while it is cached in an mcache are counted in the
 * consistent statistics only when the span is returned. We add them the way
 * the flush would: for every P's mcache, every cached span (not
 * &runtime.emptymspan) adds allocCount - allocCountBeforeCache objects of its
 * size class, and mcache.tinyAllocs is added to the tiny count. Large objects
 * are counted at allocation. NextGC is gcController.heapGoal() (the GOGC goal,
 * the memory-limit goal, the sweep-distance and trigger minimums).
 *
 * The walker never prints. Every read is bounded; problems leave partial
 * results and set `problem`. */
#ifndef GM_HEAP_H
#define GM_HEAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_target.h"

#define GM_HEAP_NCLASSES 68

struct gm_heap_class {
	uint32_t size;            /* object size of the class */
	uint64_t spans;           /* in-use spans */
	uint64_t objects;         /* allocated slots of those spans (allocCount) */
	uint64_t bytes;           /* objects * size */
};

struct gm_heap_report {
	int go_minor;
	/* runtime.MemStats */
	uint64_t alloc, total_alloc, sys, mallocs, frees;
	uint64_t heap_alloc, heap_sys, heap_idle, heap_inuse, heap_released, heap_objects;
	uint64_t stack_inuse, stack_sys, mspan_inuse, mspan_sys, mcache_inuse, mcache_sys;
	uint64_t buckhash_sys, gc_sys, other_sys, next_gc, last_gc, pause_total_ns;
	uint32_t num_gc;
	/* more */
	uint64_t last_gc_nanotime;  /* 0: no GC yet */
	int32_t gogc;               /* gcController.gcPercent, < 0 = off */
	int64_t memory_limit;       /* gcController.memoryLimit (math.MaxInt64 = none) */
	int64_t now;                /* target's nanotime lower bound, 0 unknown */
	const char *now_source;
	/* the mcache flush ReadMemStats would do */
	uint64_t cached_spans, cached_objects, cached_bytes, cached_tiny;
	uint32_t nprocs;
	uint64_t workbufs;           /* inWorkBufs (+ inPtrScalarBits up to 1.24): in heap arenas, counted in GCSys */
	/* in-use spans */
	struct gm_heap_class classes[GM_HEAP_NCLASSES]; /* [0] unused */
	uint64_t large_count, large_bytes;
	uint64_t spans, spans_in_use;
	char problem[240];
};

struct gm_error *gm_heap_collect(struct gm_target *t, const struct gm_gobin *gb,
				 const struct gm_layout *l, struct gm_heap_report **ret);
/* The same, with "now" taken from a share filled by a goroutine walk
 * already made (gm_gshare.h) when it is usable. */
struct gm_gshare;
struct gm_error *gm_heap_collect_shared(struct gm_target *t, const struct gm_gobin *gb,
					const struct gm_layout *l, const struct gm_gshare *sh,
					struct gm_heap_report **ret);
void gm_heap_report_destroy(struct gm_heap_report *r);

#endif
