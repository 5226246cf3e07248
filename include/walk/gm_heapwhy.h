/* gm_heapwhy: why an object is alive (heap --why TYPE|ADDR, issue 16).
 *
 * The mark is gm_heapmark's (src/walk/heapmark.c, shared with the proof of
 * goroutine leaks, gm_heapleak), with a root record per root edge.
 * One breadth-first mark of the heap from its roots, storing for every
 * object reached the object (or root) it was first reached from: the
 * shortest path from a root to each live object. Roots: the executable's
 * .data and .bss (named by their ELF symbols when there is a .symtab) and
 * every goroutine's stack from its innermost frame to stack.hi (named by
 * goroutine and the physical frame the word is in). The mark is
 * conservative: every aligned word of a root or of a scan object (its
 * malloc header excepted) that points into an allocated slot of an in-use
 * span is an edge; noscan objects have none. Not roots here: finalizer and
 * cleanup specials, the finalizer queue, the Ms' g0 stacks.
 *
 * Memory: 4 bytes per slot of the in-use spans (the parent), one bit per
 * slot (allocated), and the queue (4 bytes per reached object); the offsets
 * of the pointers are found again only for the paths shown. Never
 * prints; every read is bounded and a damaged part is skipped and said. */
#ifndef GM_HEAPWHY_H
#define GM_HEAPWHY_H
#include <stdbool.h>
#include <stdint.h>
#include "gm_arena.h"
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_layout.h"
#include "gm_target.h"

enum gm_why_root_kind { GM_WHY_GLOBAL, GM_WHY_STACK };

/* one heap object of a path */
struct gm_why_step {
	uint64_t obj;         /* the object's address (its slot's start) */
	uint64_t size;        /* its slot size */
	uint64_t off;         /* offset in it of the word pointing to the next step (last: 0) */
	const char *type;     /* its type: the runtime's record (1.22+ header or largeType), else the
			       * traversal's (gm_heaptrav.h); NULL none */
	bool traversal;       /* type from the traversal, not recorded */
	unsigned sizeclass;   /* 0: large */
	bool noscan;
};

struct gm_why_path {
	enum gm_why_root_kind kind;
	const char *root;     /* global: its symbol ("" unknown: stripped), stack: the frame's function */
	uint64_t root_word;   /* the address of the root word */
	uint64_t root_off;    /* global: root_word minus the symbol's address */
	const char *section;  /* global: ".data" or ".bss" */
	uint64_t goid;        /* stack */
	struct gm_why_step *steps; /* steps[0]: the object the root points to; last: the target */
	size_t nsteps;
};

struct gm_why_report {
	const char *query;
	bool by_type;          /* TYPE (else an address) */
	bool records_types;    /* the runtime records types in this build (1.22+) */
	bool traversed;        /* the traversal typed the objects it reached from the recorded
				* ones and the typed globals (DWARF) */
	uint64_t matched_traversal; /* of the matched, typed by the traversal only */
	uint64_t traversal_misfits; /* its pointers whose type did not fit (ignored) */
	bool traversal_truncated;   /* its step budget ran out */
	uint64_t addr;         /* ADDR: the address asked; obj: its object (0: none) */
	uint64_t obj;
	uint64_t matched, matched_bytes;       /* objects of TYPE (ADDR: 0 or 1) */
	uint64_t reached, reached_bytes;       /* of those, reached from a root */
	struct gm_why_path *paths;             /* the biggest reached ones, at most npaths asked */
	size_t npaths;
	uint64_t *unreached;                   /* up to npaths asked, biggest first */
	size_t nunreached;
	/* the mark as a whole */
	uint64_t objects, bytes;               /* allocated slots of the in-use spans */
	uint64_t marked, marked_bytes;         /* reached from a root */
	uint64_t global_bytes;                 /* .data + .bss scanned */
	uint64_t goroutines, stack_bytes;      /* stacks scanned */
	uint64_t goroutines_unscanned;         /* without a readable stack */
	bool globals_named;                    /* a .symtab named the globals */
	unsigned globals_precise;              /* sections (.data, .bss) scanned by the GC's pointer masks */
	uint64_t objects_precise;              /* scanned by their recorded type's pointer mask */
	uint64_t spans, skipped_spans;
	char problem[300];
	struct gm_arena arena;
};

/* query: a type name as reflect prints it ("main.Session", "*main.T",
 * "[]uint8"), or as heap --by-type labels a row the traversal typed
 * ("map[int]*main.T (map table)", "main.f.func1 (closure)", "(string
 * bytes)"), or an address (0x... or decimal) inside a heap object. An
 * object has TYPE when the runtime recorded it, else when the traversal
 * of heap --by-type (gm_heaptrav.h: from the recorded objects and the
 * typed globals tg, NULL none) carried it there. npaths: how many paths to
 * give (1..1000). GM_ERR_USAGE for a TYPE when nothing types the heap
 * (before 1.22 without DWARF's typed globals): give an address. */
struct gm_typed_globals;
struct gm_error *gm_heapwhy_collect(struct gm_target *t, const struct gm_gobin *gb, const struct gm_layout *l,
				    const struct gm_typed_globals *tg, const char *query, unsigned npaths,
				    struct gm_why_report **ret);
void gm_heapwhy_report_destroy(struct gm_why_report *r);

#endif
