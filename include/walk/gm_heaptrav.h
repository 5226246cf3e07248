/* gm_heaptrav: types carried along pointers (issue 16, heap --by-type).
 *
 * The runtime records a type only for scan objects > 512 B and large scan
 * objects (Go 1.22+). Starting from those objects, from the objects with a
 * finalizer (SetFinalizer keeps the object's pointer type in the special:
 * any Go version, stripped too), from the global variables DWARF gives a
 * type for and from the goroutines' stack slots DWARF types and the stack
 * maps say are live (any Go version, gm_stackroots.h), every pointer word
 * whose static type their type descriptors give types the object it
 * points to, and so on to a fixpoint, as the garbage collector would see
 * them: *T (the object is an array of T), []T (its backing array), string
 * (its bytes), interfaces (the dynamic type from the eface type word or the
 * itab), map[K]V (the runtime's map header, and from it the buckets /
 * Swiss tables and groups), chan T (the hchan and a separate buffer),
 * func values (a closure: its function). A type is kept only where it
 * fits the object: its size divides the pointer's offset into the object,
 * it is not larger than the object, and it has pointers exactly when the
 * span is a scan span (mallocgc's rule). The first type to reach an
 * object wins. Never prints; every loop is bounded (a step budget, a
 * nesting bound). */
#ifndef GM_HEAPTRAV_H
#define GM_HEAPTRAV_H
#include <stdbool.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_heapobj.h"
#include "gm_layout.h"

enum gm_trav_view {
	GM_TV_ELEM,     /* an array of typ (one element or more) */
	GM_TV_STRING,   /* a string's bytes (typ 0) */
	GM_TV_MAP,      /* the map header (hmap / maps.Map) of map type typ */
	GM_TV_DIR,      /* a Swiss map's directory (of map type typ) */
	GM_TV_TABLE,    /* a Swiss map's table (of map type typ) */
	GM_TV_CHAN,     /* the hchan of chan type typ */
	GM_TV_CLOSURE,  /* a closure: typ is its function's entry */
	GM_TV_NVIEWS
};
extern const char *const gm_trav_view_names[];
/* what a label adds to the type's name for the view ("" none): heap
 * --by-type's rows and heap --why's steps, e.g. "map[int]*T (map table)" */
extern const char *const gm_trav_view_suffix[];

struct gm_travtype {
	uint64_t typ;
	uint8_t view;
};

struct gm_heaptrav {
	uint16_t *tix;               /* per object id: 0 untyped; k: types[k - 1] */
	struct gm_travtype *types;
	size_t ntypes, tcap;
	uint64_t seeds;              /* objects with a recorded type */
	uint64_t roots;              /* typed globals walked (DWARF) */
	uint64_t stack_roots;        /* typed stack slots walked (DWARF, live by the stack maps) */
	uint64_t fin_seeds;          /* objects typed by their finalizer special (SetFinalizer's type) */
	uint64_t fin_damaged;        /* spans whose specials list was unreadable or corrupt */
	uint64_t typed;              /* objects typed by the traversal */
	uint64_t misfits;            /* pointers whose type did not fit the object (ignored) */
	bool truncated;              /* the step budget ran out */
};

struct gm_travopts {
	bool headers;                     /* the build records types (Go 1.22+ malloc headers):
					   * seed from them, and skip scan objects' header word */
	const struct gm_dwglobal *roots;  /* typed globals (gm_layout_dwarf_globals), walked first */
	size_t nroots;
	const struct gm_dwglobal *sroots; /* typed stack slots (gm_stackroots_collect), walked last */
	size_t nsroots;
};

/* Runs the traversal over the heap index h / ids (gm_heapids_build).
 * Error only when memory runs out. */
struct gm_error *gm_heaptrav_run(struct gm_memsrc *m, const struct gm_layout *l, const struct gm_gobin *gb,
				 const struct gm_heapobj *h, const struct gm_heapids *ids,
				 const struct gm_travopts *o, struct gm_heaptrav *out);
void gm_heaptrav_free(struct gm_heaptrav *t);

#endif
