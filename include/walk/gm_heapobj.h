/* gm_heapobj: the heap's objects (issue 16). An index of the in-use spans
 * of mheap_.allspans (sorted by address: address -> span, slot), their
 * allocated slots (i < freeindex || allocBits[i]), and the type the
 * runtime itself recorded for an object where it records one:
 *
 *   Go 1.22+ (malloc headers): word 0 of every object of a scan span whose
 *     element size is > 512 B (minSizeForMallocHeader, exclusive) holds a
 *     *_type; a large object (size class 0) of a scan span has
 *     mspan.largeType. 1.22-1.23: a type with a GC program gets a nameless
 *     dummy _type (TFlagUnrolledBitmap, allocated in a manual span).
 *   Go 1.19, 1.21, 1.22 built with GOEXPERIMENT=noallocheaders: nothing
 *     (only pointer bitmaps).
 *
 * On top of the index, the histogram of `heap --by-type`: objects and bytes
 * per recorded type, the rest (untyped) per size class and scan/noscan;
 * its totals are the in-use spans' allocated slots, which are HeapObjects
 * and HeapAlloc as ReadMemStats computes them (after its mcache flush; the
 * tiny allocator's 16-byte blocks are one object each, as in HeapObjects).
 *
 * The walkers never print. Every read is bounded: a span whose fields
 * disagree is skipped and counted, with a note in `problem`. */
#ifndef GM_HEAPOBJ_H
#define GM_HEAPOBJ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_arena.h"
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_heap.h"
#include "gm_layout.h"
#include "gm_memsrc.h"
#include "gm_target.h"

/* one in-use span (40 bytes) */
struct gm_hspan {
	uint64_t mspan;       /* the runtime.mspan */
	uint64_t base;        /* first object */
	uint64_t elemsize;
	uint32_t npages;
	uint16_t nelems, freeindex;
	uint16_t alloccount;
	uint8_t spanclass;    /* size class << 1 | noscan */
	uint8_t pad;
	/* 40 bytes: its allocation bitmap (mspan.allocBits) is read from
	 * the mspan when needed (gm_hspan_allocbits), a span per 8 KiB of a
	 * small-object heap being most of heap --by-type's memory after the
	 * objects' own */
};

static inline unsigned gm_hspan_class(const struct gm_hspan *s) { return s->spanclass >> 1; }
static inline bool gm_hspan_noscan(const struct gm_hspan *s) { return s->spanclass & 1; }

struct gm_heapobj {
	struct gm_memsrc *m;
	const struct gm_layout *l;
	struct gm_hspan *spans;     /* sorted by base, non-overlapping */
	size_t n;
	uint64_t allspans;          /* entries of mheap_.allspans */
	uint64_t skipped;           /* in-use spans skipped as damaged */
	char problem[240];
	/* gm_heapobj_find's table: per 8 KiB page from pt_lo, its span's
	 * index + 1 (NULL: binary search) */
	uint32_t *pagespan;
	uint64_t pt_lo, pt_pages;
};

/* Reads mheap_.allspans. Error only when nothing can be read; damage leaves
 * a partial index and a note in problem. */
struct gm_error *gm_heapobj_build(struct gm_memsrc *m, const struct gm_layout *l,
				  struct gm_heapobj **ret);
void gm_heapobj_destroy(struct gm_heapobj *h);

/* The executable was built with GOEXPERIMENT=noallocheaders (1.22 only:
 * no malloc headers, no recorded types). */
bool gm_heapobj_noallocheaders(const struct gm_gobin *gb);

/* The span holding addr (NULL when none) and the slot it falls in. */
const struct gm_hspan *gm_heapobj_find(const struct gm_heapobj *h, uint64_t addr, uint32_t *slot);

/* Starts loading gm_heapobj_find's page table entry for addr (a batch of
 * lookups: heaptrav.c). */
static inline void gm_heapobj_prefetch(const struct gm_heapobj *h, uint64_t addr)
{
	if (h->pagespan && addr >= h->pt_lo && (addr - h->pt_lo) / 8192 < h->pt_pages)
		__builtin_prefetch(&h->pagespan[(addr - h->pt_lo) / 8192]);
}
/* The address of span s's allocation bitmap (mspan.allocBits, read from the
 * mspan), 0 when unreadable. */
uint64_t gm_hspan_allocbits(const struct gm_heapobj *h, const struct gm_hspan *s);
/* The allocation bitmap of span s into bits (s->nelems bits, (nelems+7)/8
 * bytes; bits must hold 8192 bytes): bit i set when slot i is allocated
 * (i < freeindex || allocBits[i]). Returns the number of allocated slots,
 * or -1 when allocBits is unreadable. */
int gm_heapobj_alloc_bits(const struct gm_heapobj *h, const struct gm_hspan *s, uint8_t *bits);

/* ---- object ids (heap --why, the traversal of heap --by-type) ----
 * Slot k of span i is object id first[i] + k (31 bits); alloc has a bit
 * per id, set when the slot is allocated. */
#define GM_HEAPIDS_MAX 0x7ffffff0u
struct gm_heapids {
	uint32_t *first;        /* per span: its first id */
	uint8_t *alloc;         /* bit per id */
	uint64_t nslots;
	uint64_t lo, hi;        /* the in-use spans' address range */
	uint64_t objects, bytes; /* allocated slots */
	uint64_t unreadable;    /* spans whose allocation bitmap is unreadable (no slot allocated) */
	uint32_t *block;        /* the span of every 64th id (gm_heapids_span; NULL: binary search) */
};
/* Error when the heap has more than GM_HEAPIDS_MAX slots (what names it)
 * or memory runs out; an unreadable bitmap is a note in problem. */
struct gm_error *gm_heapids_build(const struct gm_heapobj *h, const char *what, struct gm_heapids *ids,
				  char *problem, size_t plen);
void gm_heapids_free(struct gm_heapids *ids);
static inline bool gm_heapids_allocated(const struct gm_heapids *ids, uint64_t id)
{
	return ids->alloc[id / 8] >> (id % 8) & 1;
}
/* The allocated object holding addr, or UINT64_MAX; its span and slot in
 * *sp and *slot (gm_heapids_span's answer, without a second lookup). */
static inline uint64_t gm_heapids_find(const struct gm_heapobj *h, const struct gm_heapids *ids, uint64_t addr,
				       const struct gm_hspan **sp, uint32_t *slot)
{
	if (addr < ids->lo || addr >= ids->hi)
		return UINT64_MAX;
	const struct gm_hspan *s = gm_heapobj_find(h, addr, slot);
	if (!s)
		return UINT64_MAX;
	uint64_t id = (uint64_t)ids->first[s - h->spans] + *slot;
	*sp = s;
	return gm_heapids_allocated(ids, id) ? id : UINT64_MAX;
}
/* The allocated object holding addr, or UINT64_MAX. */
static inline uint64_t gm_heapids_of(const struct gm_heapobj *h, const struct gm_heapids *ids, uint64_t addr)
{
	const struct gm_hspan *s;
	uint32_t slot;
	return gm_heapids_find(h, ids, addr, &s, &slot);
}
/* The span of an id and its slot there. */
const struct gm_hspan *gm_heapids_span(const struct gm_heapobj *h, const struct gm_heapids *ids, uint64_t id,
				       uint32_t *slot);
/* The type the runtime recorded for the object at base of span s (Go
 * 1.22+ with malloc headers: the header word of a scan object > 512 B, or
 * a large scan span's largeType): false when none or unreadable. */
bool gm_heapobj_recorded_type(const struct gm_heapobj *h, const struct gm_hspan *s, uint64_t base,
			      uint64_t *typ);

/* One record of an mspan's specials list at sp: its next, kind and
 * offset in the span (a uint16 up to Go 1.23, where kind follows it 2 bytes
 * later; a uintptr from 1.24). The layout's special_* offsets must be known.
 * False when unreadable. */
bool gm_special_read(struct gm_memsrc *m, const struct gm_layout *l, uint64_t sp, uint64_t *next, uint8_t *kind,
		     uint64_t *off);

/* The order of a span's specials list as the runtime's addspecial keeps
 * it: sorted by offset, then kind. The same (offset, kind) comes again only
 * for the kinds added with force: cleanups (Go 1.24+: several cleanups may
 * be attached to one pointer) and check-finalizer records (1.25+). Any other
 * order is damage, and so is a cycle (Brent's detection over the records'
 * addresses: a cycle of length L is caught within about 2L more steps).
 * Zero-initialize, then call gm_special_order_ok for every record in list
 * order. */
/* Brent's cycle detection over a linked list's addresses: zero-initialize,
 * call gm_cycle_step with each node in turn; true once a node comes again
 * (a cycle of length L within about 2L steps after entering it). */
struct gm_cycle {
	uint64_t tort, power, lam;
};
bool gm_cycle_step(struct gm_cycle *y, uint64_t cur);

struct gm_special_order {
	uint64_t prev_off, n;
	int prev_kind;
	struct gm_cycle cyc;
};
bool gm_special_order_ok(struct gm_special_order *o, const struct gm_layout *l, uint64_t sp, uint64_t off,
			 uint8_t kind);

/* Calls fn(arg, sp, kind, off) for each special of the in-use span s, in
 * list order (gm_special_order), while fn returns true. Bounded by *budget
 * (decremented per record). False when the list is unreadable, out of
 * order, a cycle or over the budget: *bad is then the record where it
 * broke. The layout's special_* offsets and mspan_specials must be
 * known. */
bool gm_hspan_specials(struct gm_memsrc *m, const struct gm_layout *l, const struct gm_hspan *s, uint64_t *budget,
		       bool (*fn)(void *arg, uint64_t sp, uint8_t kind, uint64_t off), void *arg, uint64_t *bad);

/* ---- the histogram of heap --by-type ---- */

enum gm_htype_source {
	GM_HT_HEADER,      /* malloc header (1.22+, 513 B - 32 KiB scan objects) */
	GM_HT_LARGETYPE,   /* mspan.largeType (1.22+, large scan objects) */
	GM_HT_GCPROG,      /* 1.22-1.23: the nameless copy made for a GC-program type */
	GM_HT_TRAVERSAL,   /* typed by the traversal from the recorded ones (gm_heaptrav.h) */
	GM_HT_UNTYPED,     /* nothing recorded: by size class and scan/noscan */
};
extern const char *const gm_htype_source_names[];

struct gm_htype_row {
	enum gm_htype_source source;
	uint64_t type;          /* the *_type (0 for GC-program copies and untyped; traversal:
				 * 0 for string bytes, the function's entry for closures) */
	const char *name;       /* reflect name; NULL for untyped and GC-program copies */
	unsigned kind;          /* reflect.Kind, 0 untyped */
	uint64_t type_size;     /* _type.Size_ (0 untyped) */
	unsigned sizeclass;     /* untyped: the size class (0 = large) */
	bool noscan;            /* untyped: the span kind */
	uint64_t objects, bytes;
	uint64_t elems;         /* header objects: (elemsize - 8) / type size; large: elemsize / type size (at most);
				 * traversal (view elem): elemsize / type size */
	uint8_t view;           /* traversal rows: what the object is (enum gm_trav_view) */
	/* type x allocation site (gm_heaptypes_collect_sites): the live
	 * sampled objects of this row by the site of their profile bucket,
	 * by `sampled` descending; NULL/0 otherwise */
	struct gm_htype_site *sites;
	uint32_t nsites;
	uint32_t id;            /* internal: the row's index before sorting */
};

/* One allocation site of a row's sampled objects. */
struct gm_htype_site {
	const char *function, *file; /* the first frame pprof shows (runtime frames hidden); "" unknown */
	int32_t line;
	uint64_t sampled;       /* live sampled objects (a profile special on their span) */
	int64_t est_objects, est_bytes; /* scaled as pprof's scaleHeapSample scales inuse */
};

struct gm_heaptypes_report {
	int go_minor;
	const char *recorded;   /* what the runtime records in this build */
	bool records_types;
	struct gm_htype_row *rows;  /* by bytes, descending */
	size_t nrows;
	uint64_t objects, bytes;            /* totals of the rows */
	uint64_t typed_objects, typed_bytes;
	uint64_t heap_objects, heap_alloc;  /* MemStats (gm_heap_collect) */
	bool memstats_known;
	uint64_t spans, skipped_spans;
	uint64_t bad_headers;               /* recorded words that were not a type (counted untyped) */
	/* the traversal (gm_heaptrav.h): types carried along pointers from
	 * the recorded ones to objects the runtime did not type */
	bool traversed;
	char trav_note[160];                /* why not run, or what cut it short; "" */
	uint64_t trav_objects, trav_bytes;  /* the traversal rows' sums */
	uint64_t trav_seeds;                /* objects with a recorded type it started from */
	uint64_t trav_roots;                /* typed globals (DWARF) it started from */
	uint64_t trav_fin_seeds;            /* objects with a finalizer it started from */
	uint64_t trav_stack_roots;          /* typed stack slots (DWARF, live by the stack maps) it walked */
	uint64_t trav_stack_dead;           /* typed stack slots the stack maps say are dead (not walked) */
	char stack_note[200];               /* why there are no typed stack slots, or "" */
	uint64_t trav_misfits;              /* pointers whose static type did not fit their object */
	bool trav_truncated;                /* its step budget ran out */
	uint64_t mid_alloc;                 /* header/largeType still nil (an allocation in progress) */
	struct gm_arena arena;
	char problem[300];
	/* the join with the heap profile (gm_heaptypes_collect_sites) */
	bool sites_joined;          /* the profile was read and joined */
	char sites_note[200];       /* why not, or "" */
	int64_t profile_rate;       /* MemProfileRate */
	uint64_t sampled_live;      /* profile specials on allocated slots */
	uint64_t sampled_no_bucket; /* ... whose bucket is not in the profile */
	uint64_t sampled_stale;     /* profile specials on free slots (not counted) */
};

/* The row's label as the text and diff show it: the type's name, the
 * untyped size class, "(string bytes)", "F (closure)", "M (map table)"... */
const char *gm_htype_row_label(const struct gm_htype_row *w, char *buf, size_t n);

/* tg: the typed globals, roots of the traversal (gm_session_typed_globals;
 * NULL: none) */
struct gm_typed_globals;
struct gm_error *gm_heaptypes_collect(struct gm_target *t, const struct gm_gobin *gb,
				      const struct gm_layout *l, const struct gm_typed_globals *tg,
				      struct gm_heaptypes_report **ret);
void gm_heaptypes_report_destroy(struct gm_heaptypes_report *r);
/* The same, plus type x allocation site: every profile special
 * (_KindSpecialProfile) of the in-use spans names a sampled object and its
 * bucket; the object's row gets the bucket's site (gm_memprof_read). The
 * profile missing or off leaves sites_note set and no sites. */
struct gm_session;
struct gm_memprof;
/* The same over a given profile (gm_memprof_read; NULL: none, why_not
 * then says why), for the fuzz targets and tests. */
struct gm_error *gm_heaptypes_collect_join(struct gm_target *t, const struct gm_gobin *gb,
					   const struct gm_layout *l, const struct gm_typed_globals *tg,
					   const struct gm_memprof *p, const char *why_not,
					   struct gm_heaptypes_report **ret);
struct gm_error *gm_heaptypes_collect_sites(struct gm_session *s,
					    struct gm_heaptypes_report **ret);

#endif
