/* The histogram of `heap --by-type` (include/walk/gm_heapobj.h): every
 * allocated slot of the in-use spans, by the type the runtime recorded for
 * it (malloc header, mspan.largeType) or, where it records none, by size
 * class and scan/noscan. One pass over the spans, one hash table of rows;
 * nothing per object is kept. Never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_gotype.h"
#include "gm_heapobj.h"
#include "rtcheck.h"

#define MIN_SIZE_FOR_MALLOC_HEADER 512 /* exclusive (runtime/mbitmap.go) */
#define TFLAG_UNROLLED_BITMAP 16       /* abi.TFlagUnrolledBitmap */
#define MAX_ROWS (1u << 20)
#define KEY_GCPROG (1ull << 62)
#define KEY_UNTYPED (2ull << 62)
#define KEY_LARGE (1ull << 61) /* largeType rows: the type's address | KEY_LARGE */
#define BAD_ROW UINT32_MAX

const char *const gm_htype_source_names[] = {"header", "largeType", "gcprog", "untyped"};

#define problem(r, ...) gm_first_problem((r)->problem, sizeof((r)->problem), __VA_ARGS__)

struct slot {
	uint64_t key;
	uint32_t row; /* index + 1; 0 empty; BAD_ROW: not a type */
};

struct ctx {
	struct gm_heaptypes_report *r;
	struct gm_memsrc *m;
	struct gm_gotypes *tc;
	uint64_t md_types, md_etypes;
	bool gcprog_copies; /* 1.22-1.23 */
	struct slot *tab;
	size_t tcap, tn;    /* table capacity (power of 2), used */
	size_t rcap;
	bool nomem;
};

static uint64_t hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

static struct slot *lookup(struct ctx *c, uint64_t key)
{
	if (c->tn * 2 >= c->tcap) {
		size_t nc = c->tcap ? c->tcap * 2 : 1024;
		struct slot *t = calloc(nc, sizeof(*t));
		if (!t) {
			c->nomem = true;
			return NULL;
		}
		for (size_t i = 0; i < c->tcap; i++) {
			if (!c->tab[i].row)
				continue;
			size_t j = hash64(c->tab[i].key) & (nc - 1);
			while (t[j].row)
				j = (j + 1) & (nc - 1);
			t[j] = c->tab[i];
		}
		free(c->tab);
		c->tab = t;
		c->tcap = nc;
	}
	size_t j = hash64(key) & (c->tcap - 1);
	while (c->tab[j].row && c->tab[j].key != key)
		j = (j + 1) & (c->tcap - 1);
	return &c->tab[j];
}

static struct gm_htype_row *new_row(struct ctx *c, struct slot *s, uint64_t key)
{
	struct gm_heaptypes_report *r = c->r;
	if (r->nrows >= MAX_ROWS)
		return NULL;
	if (r->nrows == c->rcap) {
		size_t nc = c->rcap ? c->rcap * 2 : 256;
		struct gm_htype_row *v = realloc(r->rows, nc * sizeof(*v));
		if (!v) {
			c->nomem = true;
			return NULL;
		}
		r->rows = v;
		c->rcap = nc;
	}
	struct gm_htype_row *row = &r->rows[r->nrows];
	memset(row, 0, sizeof(*row));
	s->key = key;
	s->row = (uint32_t)++r->nrows;
	c->tn++;
	return row;
}

static struct gm_htype_row *untyped_row(struct ctx *c, unsigned sc, bool noscan)
{
	uint64_t key = KEY_UNTYPED | (uint64_t)sc << 1 | noscan;
	struct slot *s = lookup(c, key);
	if (!s)
		return NULL;
	if (s->row)
		return &c->r->rows[s->row - 1];
	struct gm_htype_row *row = new_row(c, s, key);
	if (row) {
		row->source = GM_HT_UNTYPED;
		row->sizeclass = sc;
		row->noscan = noscan;
	}
	return row;
}

/* The row of the type the runtime recorded at typ for an object of
 * elemsize bytes (header: the type's data fits in elemsize - 8); NULL when
 * typ is not a plausible type (the object then counts untyped). */
static struct gm_htype_row *typed_row(struct ctx *c, uint64_t typ, uint64_t room,
				      enum gm_htype_source src)
{
	uint64_t key = typ | (src == GM_HT_LARGETYPE ? KEY_LARGE : 0);
	struct slot *s = lookup(c, key);
	if (!s)
		return NULL;
	if (s->row == BAD_ROW)
		return NULL;
	if (s->row) {
		struct gm_htype_row *row = &c->r->rows[s->row - 1];
		if (row->source == GM_HT_GCPROG) /* the key is the copy's address: find its row */
			return &c->r->rows[row->kind];
		return row->type_size <= room ? row : NULL;
	}
	uint8_t b[48];
	if (typ % 8 || typ >= KEY_LARGE || !gm_memsrc_try_read(c->m, typ, b, sizeof(b))) {
		s->key = key, s->row = BAD_ROW, c->tn++;
		return NULL;
	}
	uint64_t size = 0;
	for (int i = 7; i >= 0; i--)
		size = size << 8 | b[i];
	uint32_t str = (uint32_t)b[40] | (uint32_t)b[41] << 8 | (uint32_t)b[42] << 16 |
		       (uint32_t)b[43] << 24;
	bool in_module = c->md_types && typ >= c->md_types && typ < c->md_etypes;
	if (c->gcprog_copies && (b[20] & TFLAG_UNROLLED_BITMAP) && !in_module && !str && !b[23] &&
	    size && size <= room) {
		/* one copy per object: one row per size, which the copy's key
		 * points to (through kind, unused otherwise) */
		uint64_t gkey = KEY_GCPROG | size;
		struct slot *g = lookup(c, gkey);
		if (!g)
			return NULL;
		size_t gi;
		if (g->row) {
			gi = g->row - 1;
		} else {
			struct gm_htype_row *row = new_row(c, g, gkey);
			if (!row)
				return NULL;
			row->source = GM_HT_GCPROG;
			row->type_size = size;
			gi = c->r->nrows - 1;
		}
		s = lookup(c, key); /* the table may have grown */
		if (!s)
			return NULL;
		struct gm_htype_row *alias = new_row(c, s, key);
		if (!alias)
			return NULL;
		/* an alias row: counts nothing; removed before the report is
		 * returned */
		alias->source = GM_HT_GCPROG;
		alias->kind = (unsigned)gi;
		alias->type = ~0ull;
		return &c->r->rows[gi];
	}
	struct gm_gotype t;
	struct gm_error *err = gm_gotype_read(c->tc, typ, &c->r->arena, &t);
	if (err || !t.size || t.size > room) {
		gm_error_destroy(err);
		s = lookup(c, key); /* reading the name may not touch the table, but be safe */
		if (s && !s->row)
			s->key = key, s->row = BAD_ROW, c->tn++;
		return NULL;
	}
	struct gm_htype_row *row = new_row(c, s, key);
	if (!row)
		return NULL;
	row->source = src;
	row->type = typ;
	row->name = t.name;
	row->kind = t.kind;
	row->type_size = t.size;
	return row;
}

static void count(struct gm_htype_row *row, uint64_t elemsize, uint64_t room)
{
	row->objects++;
	row->bytes += elemsize;
	if (row->type_size)
		row->elems += room / row->type_size;
}

static void span_objects(struct ctx *c, const struct gm_heapobj *h, const struct gm_hspan *s,
			 uint8_t *bits)
{
	struct gm_heaptypes_report *r = c->r;
	const struct gm_layout *l = h->l;
	unsigned sc = gm_hspan_class(s);
	bool noscan = gm_hspan_noscan(s);
	int n = gm_heapobj_alloc_bits(h, s, bits);
	if (n < 0) {
		problem(r, "span 0x%llx: its allocation bitmap 0x%llx is not readable; span skipped",
			(unsigned long long)s->mspan, (unsigned long long)s->allocbits);
		r->skipped_spans++;
		return;
	}
	if (n != s->alloccount)
		problem(r, "span 0x%llx: %d allocated slots, allocCount %u: the span is damaged "
			   "(its slots are counted)",
			(unsigned long long)s->mspan, n, s->alloccount);
	if (!n)
		return;
	struct gm_htype_row *untyped;
	if (!r->records_types || noscan || (sc && s->elemsize <= MIN_SIZE_FOR_MALLOC_HEADER)) {
		if (!(untyped = untyped_row(c, sc, noscan)))
			return;
		untyped->objects += (uint64_t)n;
		untyped->bytes += (uint64_t)n * s->elemsize;
		return;
	}
	if (sc == 0) { /* large: mspan.largeType */
		uint64_t typ = 0;
		if (l->mspan_largetype >= 0)
			gm_memsrc_u64(c->m, s->mspan + (uint64_t)l->mspan_largetype, &typ);
		struct gm_htype_row *row = NULL;
		if (!typ)
			r->mid_alloc++;
		else if (!(row = typed_row(c, typ, s->elemsize, GM_HT_LARGETYPE)))
			r->bad_headers++;
		if (row || (row = untyped_row(c, sc, noscan)))
			count(row, s->elemsize, s->elemsize);
		return;
	}
	for (unsigned i = 0; i < s->nelems; i++) {
		if (!(bits[i / 8] >> (i % 8) & 1))
			continue;
		uint64_t typ = 0;
		struct gm_htype_row *row = NULL;
		if (!gm_memsrc_u64(c->m, s->base + (uint64_t)i * s->elemsize, &typ) || !typ)
			r->mid_alloc++;
		else if (!(row = typed_row(c, typ, s->elemsize - 8, GM_HT_HEADER)))
			r->bad_headers++;
		if (row || (row = untyped_row(c, sc, noscan)))
			count(row, s->elemsize, s->elemsize - 8);
		if (c->nomem)
			return;
	}
}

static int cmp_rows(const void *a, const void *b)
{
	const struct gm_htype_row *x = a, *y = b;
	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	if (x->objects != y->objects)
		return x->objects < y->objects ? 1 : -1;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->type_size != y->type_size)
		return x->type_size < y->type_size ? -1 : 1;
	if (x->sizeclass != y->sizeclass)
		return x->sizeclass < y->sizeclass ? -1 : 1;
	return (int)x->noscan - (int)y->noscan;
}

void gm_heaptypes_report_destroy(struct gm_heaptypes_report *r)
{
	if (!r)
		return;
	free(r->rows);
	gm_arena_deinit(&r->arena);
	free(r);
}

static bool noallocheaders(const struct gm_gobin *gb)
{
	const char *mi = gb ? gb->modinfo : NULL;
	const char *e = mi ? strstr(mi, "GOEXPERIMENT=") : NULL;
	if (!e)
		return false;
	size_t n = strcspn(e, "\n\t");
	const char *x = strstr(e, "noallocheaders");
	return x && x < e + n;
}

struct gm_error *gm_heaptypes_collect(struct gm_target *t, const struct gm_gobin *gb,
				      const struct gm_layout *l, struct gm_heaptypes_report **ret)
{
	*ret = NULL;
	struct gm_heaptypes_report *r = calloc(1, sizeof(*r));
	if (!r)
		return &gm_error_nomem;
	gm_arena_init(&r->arena);
	r->go_minor = l->go_minor;
	struct gm_memsrc *m = t->mem;
	if (l->go_minor < 22) {
		r->recorded = "nothing: before Go 1.22 the runtime keeps only pointer bitmaps";
	} else if (l->go_minor == 22 && noallocheaders(gb)) {
		r->recorded = "nothing: built with GOEXPERIMENT=noallocheaders (pointer bitmaps only)";
	} else {
		r->records_types = true;
		r->recorded = "the malloc header of scan objects > 512 B and mspan.largeType of large "
			      "scan objects";
	}

	/* MemStats, as the runtime computes them */
	struct gm_heap_report *hr = NULL;
	struct gm_error *err = gm_heap_collect(t, gb, l, &hr);
	if (err) {
		problem(r, "MemStats not computed: %s", err->msg);
		gm_error_destroy(err);
	} else {
		r->heap_objects = hr->heap_objects;
		r->heap_alloc = hr->heap_alloc;
		r->memstats_known = true;
		if (hr->problem[0])
			problem(r, "%s", hr->problem);
		gm_heap_report_destroy(hr);
	}

	struct gm_heapobj *h;
	err = gm_heapobj_build(m, l, &h);
	if (err) {
		gm_heaptypes_report_destroy(r);
		return err;
	}
	if (h->problem[0])
		problem(r, "%s", h->problem);
	r->spans = h->n;
	r->skipped_spans = h->skipped;

	struct ctx c = {.r = r, .m = m, .gcprog_copies = l->go_minor == 22 || l->go_minor == 23};
	if (r->records_types) {
		if (gb->moduledata_addr && l->moduledata_types >= 0 && l->moduledata_etypes >= 0 &&
		    (!gm_memsrc_u64(m, gb->moduledata_addr + (uint64_t)l->moduledata_types, &c.md_types) ||
		     !gm_memsrc_u64(m, gb->moduledata_addr + (uint64_t)l->moduledata_etypes,
				    &c.md_etypes) ||
		     c.md_etypes <= c.md_types))
			c.md_types = c.md_etypes = 0;
		struct gm_goimpl impl;
		gm_goimpl_of(gb, l->go_minor, &impl);
		struct gm_reflect_globals sg;
		gm_layout_reflect_globals(gb, &sg);
		err = gm_gotypes_create(m, l->go_minor, &impl, c.md_types, c.md_etypes, sg.reflectoffs,
					&c.tc);
		if (err) {
			gm_error_destroy(err);
			err = gm_gotypes_create(m, l->go_minor, &impl, c.md_types, c.md_etypes, 0, &c.tc);
		}
		if (err) {
			problem(r, "type names unavailable: %s", err->msg);
			gm_error_destroy(err);
			r->records_types = false;
		}
	}
	uint8_t bits[8192]; /* a span's allocation bitmap: at most 65535 slots */
	for (size_t i = 0; i < h->n && !c.nomem; i++)
		span_objects(&c, h, &h->spans[i], bits);
	gm_heapobj_destroy(h);
	if (c.tc)
		gm_gotypes_destroy(c.tc);
	free(c.tab);
	if (c.nomem) {
		gm_heaptypes_report_destroy(r);
		return &gm_error_nomem;
	}
	/* drop the alias rows of GC-program copies */
	size_t w = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		struct gm_htype_row *row = &r->rows[i];
		if (row->source == GM_HT_GCPROG && row->type == ~0ull)
			continue;
		if (row->source == GM_HT_GCPROG)
			row->kind = 0;
		r->rows[w++] = *row;
	}
	r->nrows = w;
	qsort(r->rows, r->nrows, sizeof(*r->rows), cmp_rows);
	for (size_t i = 0; i < r->nrows; i++) {
		r->objects += r->rows[i].objects;
		r->bytes += r->rows[i].bytes;
		if (r->rows[i].source != GM_HT_UNTYPED) {
			r->typed_objects += r->rows[i].objects;
			r->typed_bytes += r->rows[i].bytes;
		}
	}
	if (r->bad_headers)
		problem(r, "%llu objects' recorded type is not a type descriptor (counted untyped)",
			(unsigned long long)r->bad_headers);
	if (r->memstats_known && !r->skipped_spans &&
	    (r->objects != r->heap_objects || r->bytes != r->heap_alloc))
		problem(r, "the histogram holds %llu objects (%llu bytes), MemStats says %llu (%llu "
			   "bytes): the spans or the statistics are damaged (or the program stopped "
			   "in the middle of an allocation or a sweep)",
			(unsigned long long)r->objects, (unsigned long long)r->bytes,
			(unsigned long long)r->heap_objects, (unsigned long long)r->heap_alloc);
	*ret = r;
	return NULL;
}
