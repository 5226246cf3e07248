/* gm_heapmark: the one mark of the heap from its roots (issue 16), shared
 * by heap --why (src/walk/heapwhy.c: shortest paths) and the proof of
 * goroutine leaks (src/walk/heapleak.c: a fixpoint over blocked
 * goroutines).
 *
 * Breadth first, conservative: every aligned word of a root or of a scan
 * object (its malloc header excepted; the words its recorded type's pointer
 * mask names when the runtime recorded one, 1.22+) that points into an
 * allocated slot of an in-use span is an edge; noscan objects have none.
 * Each object reached keeps one parent: the object it was first reached
 * from, or the root (a root record when roots are kept).
 *
 * Roots, each a separate call so that a caller picks them: every module's
 * .data and .bss by the GC's pointer masks (the executable's, then each Go
 * plugin's); goroutine stacks from the innermost frame to stack.hi (a
 * caller may hold some back and scan them later as plain regions); the
 * runtime's own roots outside the heap (finalizer and cleanup specials:
 * the object's referents and the function; the finalizer and cleanup
 * queues' blocks); any region.
 *
 * Hidden words: a sorted set of word addresses the mark never follows (the
 * leak proof hides the sudogs' elem / c of blocked goroutines, as the
 * runtime's own detector makes them untraceable).
 *
 * Memory: 4 bytes per slot of the in-use spans (parent) and 4 per reached
 * object (queue), a bit per slot (allocated). Never prints; every read is
 * bounded, a region that cannot be read is counted (unreadable_bytes). */
#ifndef GM_HEAPMARK_H
#define GM_HEAPMARK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_goroutines.h"
#include "gm_heapobj.h"
#include "gm_layout.h"
#include "gm_target.h"

#define GM_HMARK_ROOT_BASE 0x80000000u /* parent[]: ROOT_BASE + k is root k */
#define GM_HMARK_MAX_MASK (1u << 16)   /* bytes of a type's pointer mask used */

struct gm_hmark_root {
	uint64_t word;          /* address of the root word */
	uint64_t goid;          /* stack: the goroutine (UINT64_MAX: goid 0); else 0 */
	uint64_t func_entry;    /* stack: the physical frame's function entry (0 unknown) */
	bool stack;
};

struct gm_hmark {
	struct gm_memsrc *m;
	const struct gm_gobin *gb;
	const struct gm_layout *l;
	struct gm_heapobj *h;
	struct gm_heapids ids;
	/* 0: not reached; < ROOT_BASE: the parent's id + 1; else ROOT_BASE +
	 * root index (keep_roots) or ROOT_BASE (not kept) */
	uint32_t *parent;
	uint32_t *queue;        /* reached ids, in order; [qhead, qtail) still to scan */
	uint64_t qhead, qtail;
	bool keep_roots;        /* record a gm_hmark_root per root edge (heap --why) */
	struct gm_hmark_root *roots;
	size_t nroots, rootcap;
	bool headers;           /* 1.22+ malloc headers */
	bool nomem;
	/* hidden words (sorted, owned by the caller) */
	const uint64_t *hidden;
	size_t nhidden;
	/* figures */
	uint64_t global_bytes;          /* .data + .bss scanned */
	unsigned globals_precise;       /* sections scanned by the GC's masks */
	uint64_t goroutines, stack_bytes;
	uint64_t goroutines_unscanned;  /* without a readable stack */
	uint64_t goroutines_unreadable; /* g structs the walker could not read (gm_gwalk_stats) */
	bool walk_stopped;              /* the goroutine walk could not start or stopped early */
	uint64_t objects_precise;       /* scanned by their recorded type's mask */
	uint64_t unreadable_bytes;      /* of roots and objects: not scanned */
	uint64_t runtime_roots;         /* finalizer / cleanup specials and queue entries scanned */
	char *problem;                  /* the first problem (the caller's buffer) */
	size_t plen;
	/* the stack being scanned (root records) */
	uint64_t cur_goid;
	const uint64_t *frame_sp, *frame_entry;
	size_t nframes;
	uint64_t *fsp, *fentry; /* gm_hmark_goroutine's frame lists */
	size_t fcap;
	uint8_t mask[GM_HMARK_MAX_MASK];
};

/* Builds the object index (what: the command, for its errors) and the
 * mark's arrays; k is zeroed first (it is big: allocate it). problem: a
 * buffer for the first problem. */
struct gm_error *gm_hmark_init(struct gm_hmark *k, struct gm_target *t, const struct gm_gobin *gb,
			       const struct gm_layout *l, const char *what, bool keep_roots, char *problem,
			       size_t plen);
void gm_hmark_deinit(struct gm_hmark *k);
/* Roots. Each only queues what the roots point to: gm_hmark_drain marks. */
void gm_hmark_globals(struct gm_hmark *k);
/* Every goroutine's stack, unless hold says true (it is then the caller's
 * to scan later with gm_hmark_region: [sp, hi) is its stack). hold may be
 * NULL. A goroutine without a readable stack is counted, not held. */
typedef bool (*gm_hmark_hold_fn)(void *arg, const struct gm_goroutine *g, uint64_t sp, uint64_t hi);
void gm_hmark_stacks(struct gm_hmark *k, struct gm_target *t, gm_hmark_hold_fn hold, void *arg);
/* The same for one goroutine of the caller's own walk (any gm_gwalk_opts:
 * a goroutine that is parked or runnable is scanned from g.sched.sp unless
 * root records are kept), then, when its walk ends, gm_hmark_walk_end with
 * its stats (NULL: it could not start) and, when it stopped on an error,
 * that error's message. */
void gm_hmark_goroutine(struct gm_hmark *k, const struct gm_goroutine *g, gm_hmark_hold_fn hold, void *arg);
void gm_hmark_walk_end(struct gm_hmark *k, const struct gm_gwalk_stats *st, const char *stopped);
/* The stack of a parked goroutine held by gm_hmark_goroutine's hold, from
 * its g alone: [g.sched.sp, g.stack.hi) as gm_hmark_goroutine found it,
 * scanned as a root region (nothing when unreadable) */
void gm_hmark_parked_stack(struct gm_hmark *k, uint64_t g);
/* The runtime's roots outside the heap and the globals: finalizer specials
 * (the object's words and the function), cleanup specials (the function),
 * the finalizer queue (function and argument), the cleanup queue (1.25+). */
void gm_hmark_runtime_roots(struct gm_hmark *k);
/* [a, a+len) as a root region (goid: a stack's, 0 none) */
void gm_hmark_region(struct gm_hmark *k, uint64_t a, uint64_t len, uint64_t goid);
/* Marks everything reachable from what was queued. */
void gm_hmark_drain(struct gm_hmark *k);
/* The same, at most max objects scanned; true when the queue is empty
 * (or out of memory). */
bool gm_hmark_drain_some(struct gm_hmark *k, size_t max);

/* the allocated object holding addr, UINT64_MAX none */
static inline uint64_t gm_hmark_id(const struct gm_hmark *k, uint64_t addr)
{
	return gm_heapids_of(k->h, &k->ids, addr);
}
/* addr is in a marked object, or in no allocated heap object (a global, a
 * stack: the runtime's isMarkedOrNotInHeap) */
static inline bool gm_hmark_marked_or_not_heap(const struct gm_hmark *k, uint64_t addr)
{
	uint64_t id = gm_hmark_id(k, addr);
	return id == UINT64_MAX || k->parent[id] != 0;
}
/* the span of id and its slot */
static inline const struct gm_hspan *gm_hmark_span(const struct gm_hmark *k, uint64_t id, uint32_t *slot)
{
	return gm_heapids_span(k->h, &k->ids, id, slot);
}
/* the span's objects start with a malloc header (1.22+, scan, > 512 B) */
bool gm_hmark_has_header(const struct gm_hmark *k, const struct gm_hspan *s);
/* the *_type recorded for the object at base (1.22+ scan objects) */
bool gm_hmark_object_type(const struct gm_hmark *k, const struct gm_hspan *s, uint64_t base, uint64_t *typ);
/* the pointer mask (into k->mask), size and ptrdata of type typ, which must
 * fit in room bytes; false when unusable */
bool gm_hmark_type_mask(struct gm_hmark *k, uint64_t typ, uint64_t room, uint64_t *size, uint64_t *ptrbytes);

#endif
