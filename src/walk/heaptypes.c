/* The histogram of `heap --by-type` (include/walk/gm_heapobj.h): every
 * allocated slot of the in-use spans, by the type the runtime recorded for
 * it (malloc header, mspan.largeType), else by the type the traversal
 * carried to it from those (gm_heaptrav.h: 4 bytes per slot, Go 1.22+),
 * else by size class and scan/noscan. One pass over the spans, one hash
 * table of rows. Never prints. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_arena.h"
#include "gm_gotype.h"
#include "gm_hash.h"
#include "gm_heapobj.h"
#include "gm_heaptrav.h"
#include "gm_memprof.h"
#include "gm_session.h"
#include "gm_stackroots.h"
#include "rtcheck.h"

#define MIN_SIZE_FOR_MALLOC_HEADER 512 /* exclusive (runtime/mbitmap.go) */
#define TFLAG_UNROLLED_BITMAP 16       /* abi.TFlagUnrolledBitmap */
#define MAX_ROWS (1u << 20)
#define KEY_GCPROG (1ull << 62)
#define KEY_UNTYPED (2ull << 62)
#define KEY_LARGE (1ull << 61) /* largeType rows: the type's address | KEY_LARGE */
#define KEY_TRAV (3ull << 62)  /* traversal rows: | view << 56 | the type (or function) */
#define BAD_ROW UINT32_MAX

const char *const gm_htype_source_names[] = {"header", "largeType", "gcprog", "traversal", "untyped"};

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
	/* type x site: the profile specials of the current span (slot order)
	 * and the (row, bucket) pairs of all spans */
	bool specials;
	const struct gm_layout *l;
	const struct gm_hspan *span; /* the span whose specials are read */
	struct pend { uint32_t slot; uint64_t bucket; } *pend;
	size_t npend, pendcap;
	struct pair { uint32_t row; uint64_t bucket; } *pairs;
	size_t npairs, paircap;
	uint64_t special_budget;
	/* the traversal's types per slot (NULL: not run) */
	const struct gm_gobin *gb;
	const struct gm_heaptrav *trav;
	uint32_t *trow;       /* per traversal type: its row's index + 1, BAD_ROW none, 0 not yet */
	const struct gm_heapids *ids;
};

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
			size_t j = gm_hash64(c->tab[i].key) & (nc - 1);
			while (t[j].row)
				j = (j + 1) & (nc - 1);
			t[j] = c->tab[i];
		}
		free(c->tab);
		c->tab = t;
		c->tcap = nc;
	}
	size_t j = gm_hash64(key) & (c->tcap - 1);
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
	row->id = (uint32_t)r->nrows;
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

/* The row of the traversal's type k (gm_heaptrav.types[k]); NULL when it
 * cannot be named (the object then counts untyped) */
static struct gm_htype_row *trav_row(struct ctx *c, uint32_t k)
{
	const struct gm_travtype tt = c->trav->types[k];
	uint64_t key = KEY_TRAV | (uint64_t)tt.view << 56 | (tt.typ & ((1ull << 56) - 1));
	struct slot *s = lookup(c, key);
	if (!s || s->row == BAD_ROW)
		return NULL;
	if (s->row)
		return &c->r->rows[s->row - 1];
	struct gm_gotype t = {0};
	struct gm_func f;
	const char *name = NULL;
	if (tt.view == GM_TV_CLOSURE) {
		if (!gm_gobin_find_func(c->gb, tt.typ, &f) || !(name = gm_arena_strdup(&c->r->arena, f.name)))
			name = NULL;
		t.kind = 19; /* reflect.Func */
	} else if (tt.view != GM_TV_STRING) {
		struct gm_error *err = tt.typ >> 56 ? &gm_error_nomem : gm_gotype_read(c->tc, tt.typ, &c->r->arena, &t);
		if (err || (tt.view == GM_TV_ELEM && !t.size)) {
			if (err != &gm_error_nomem)
				gm_error_destroy(err);
			s = lookup(c, key);
			if (s && !s->row)
				s->key = key, s->row = BAD_ROW, c->tn++;
			return NULL;
		}
		name = t.name;
	}
	s = lookup(c, key); /* reading a name never touches the table, but be safe */
	if (!s)
		return NULL;
	struct gm_htype_row *row = new_row(c, s, key);
	if (!row)
		return NULL;
	row->source = GM_HT_TRAVERSAL;
	row->view = tt.view;
	row->type = tt.typ;
	row->name = name;
	row->kind = t.kind;
	row->type_size = tt.view == GM_TV_ELEM ? t.size : 0;
	return row;
}

static void count(struct gm_htype_row *row, uint64_t elemsize, uint64_t room)
{
	row->objects++;
	row->bytes += elemsize;
	if (row->type_size)
		row->elems += room / row->type_size;
}

/* The profile specials of span s into c->pend (sorted by slot, as the
 * runtime keeps the list sorted by offset and kind). Bounded: the list
 * must be sorted, at most 4 specials per slot, a global budget. */
static bool profile_special(void *arg, uint64_t sp, uint8_t kind, uint64_t off)
{
	struct ctx *c = arg;
	const struct gm_hspan *s = c->span;
	if (kind != (uint8_t)c->l->kind_profile)
		return true;
	uint64_t boff = ((uint64_t)c->l->special_size + 7) & ~7ull; /* specialprofile.b */
	uint64_t b = 0, slot = s->elemsize ? off / s->elemsize : 0;
	if (!gm_memsrc_u64(c->m, sp + boff, &b) || !b || slot >= s->nelems) {
		problem(c->r, "span 0x%llx: profile special 0x%llx is damaged", (unsigned long long)s->mspan,
			(unsigned long long)sp);
		return true;
	}
	if (!gm_grow((void **)&c->pend, &c->pendcap, c->npend + 1, sizeof(*c->pend))) {
		c->nomem = true;
		return false;
	}
	c->pend[c->npend++] = (struct pend){(uint32_t)slot, b};
	return true;
}

static void read_profile_specials(struct ctx *c, const struct gm_hspan *s)
{
	uint64_t bad;
	c->npend = 0;
	c->span = s;
	if (!gm_hspan_specials(c->m, c->l, s, &c->special_budget, profile_special, c, &bad))
		problem(c->r, "span 0x%llx: special list unreadable or corrupt at 0x%llx",
			(unsigned long long)s->mspan, (unsigned long long)bad);
}

static void attach(struct ctx *c, const struct gm_htype_row *row, uint64_t bucket)
{
	if (!gm_grow((void **)&c->pairs, &c->paircap, c->npairs + 1, sizeof(*c->pairs))) {
		c->nomem = true;
		return;
	}
	c->pairs[c->npairs++] = (struct pair){(uint32_t)(row - c->r->rows), bucket};
	c->r->sampled_live++;
}

/* the pending specials of slots other than the per-object loop's: all to row */
static void attach_all(struct ctx *c, const struct gm_htype_row *row, const uint8_t *bits)
{
	for (size_t k = 0; k < c->npend && !c->nomem; k++) {
		uint32_t i = c->pend[k].slot;
		if (!(bits[i / 8] >> (i % 8) & 1))
			c->r->sampled_stale++;
		else
			attach(c, row, c->pend[k].bucket);
	}
}

/* a span the runtime types nothing of: each slot by the traversal's type,
 * else untyped */
static void span_traversed(struct ctx *c, const struct gm_heapobj *h, const struct gm_hspan *s,
			   const uint8_t *bits)
{
	struct gm_heaptypes_report *r = c->r;
	unsigned sc = gm_hspan_class(s);
	bool noscan = gm_hspan_noscan(s);
	uint64_t first = c->ids->first[s - h->spans];
	size_t k = 0;
	size_t untyped = 0; /* this span's untyped row (index + 1), found once */
	for (unsigned i = 0; i < s->nelems && !c->nomem; i++) {
		while (k < c->npend && c->pend[k].slot < i)
			k++;
		if (!(bits[i / 8] >> (i % 8) & 1)) {
			for (; k < c->npend && c->pend[k].slot == i; k++)
				r->sampled_stale++;
			continue;
		}
		/* the ids' bitmap was read from the same allocBits: a slot
		 * allocated here and not there (memory that changed under a
		 * live read) counts untyped */
		uint64_t id = first + i;
		uint32_t t = id < c->ids->nslots && gm_heapids_allocated(c->ids, id) ? c->trav->tix[id] : 0;
		struct gm_htype_row *row = NULL;
		if (t && c->trow) { /* the row of each traversal type, found once */
			uint32_t ri = c->trow[t - 1];
			if (!ri) {
				row = trav_row(c, t - 1);
				c->trow[t - 1] = row ? (uint32_t)(row - r->rows) + 1 : BAD_ROW;
			} else if (ri != BAD_ROW) {
				row = &r->rows[ri - 1];
			}
		} else if (t) {
			row = trav_row(c, t - 1);
		}
		if (!row) { /* rows move as the table grows: kept by index */
			if (!untyped) {
				struct gm_htype_row *u = untyped_row(c, sc, noscan);
				if (!u)
					return;
				untyped = (size_t)(u - r->rows) + 1;
			}
			row = &r->rows[untyped - 1];
		}
		count(row, s->elemsize, s->elemsize);
		for (; k < c->npend && c->pend[k].slot == i && !c->nomem; k++)
			attach(c, row, c->pend[k].bucket);
	}
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
			(unsigned long long)s->mspan, (unsigned long long)gm_hspan_allocbits(h, s));
		r->skipped_spans++;
		return;
	}
	if (n != s->alloccount)
		problem(r, "span 0x%llx: %d allocated slots, allocCount %u: the span is damaged "
			   "(its slots are counted)",
			(unsigned long long)s->mspan, n, s->alloccount);
	if (!n)
		return;
	c->npend = 0;
	if (c->specials)
		read_profile_specials(c, s);
	if (c->nomem)
		return;
	struct gm_htype_row *untyped;
	if (!r->records_types || noscan || (sc && s->elemsize <= MIN_SIZE_FOR_MALLOC_HEADER)) {
		if (c->trav) {
			span_traversed(c, h, s, bits);
			return;
		}
		if (!(untyped = untyped_row(c, sc, noscan)))
			return;
		untyped->objects += (uint64_t)n;
		untyped->bytes += (uint64_t)n * s->elemsize;
		attach_all(c, untyped, bits);
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
		if (row || (row = untyped_row(c, sc, noscan))) {
			count(row, s->elemsize, s->elemsize);
			attach_all(c, row, bits);
		}
		return;
	}
	size_t k = 0;
	for (unsigned i = 0; i < s->nelems; i++) {
		while (k < c->npend && c->pend[k].slot < i)
			k++;
		if (!(bits[i / 8] >> (i % 8) & 1)) {
			for (; k < c->npend && c->pend[k].slot == i; k++)
				r->sampled_stale++;
			continue;
		}
		uint64_t typ = 0;
		struct gm_htype_row *row = NULL;
		if (!gm_memsrc_u64(c->m, s->base + (uint64_t)i * s->elemsize, &typ) || !typ)
			r->mid_alloc++;
		else if (!(row = typed_row(c, typ, s->elemsize - 8, GM_HT_HEADER)))
			r->bad_headers++;
		if (row || (row = untyped_row(c, sc, noscan))) {
			count(row, s->elemsize, s->elemsize - 8);
			for (; k < c->npend && c->pend[k].slot == i && !c->nomem; k++)
				attach(c, row, c->pend[k].bucket);
		}
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
	if (x->view != y->view)
		return x->view < y->view ? -1 : 1;
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

static struct gm_error *collect(struct gm_target *t, const struct gm_gobin *gb,
			       const struct gm_layout *l, const struct gm_typed_globals *tg, struct ctx *c0,
			       struct gm_heaptypes_report **ret)
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
	} else if (l->go_minor == 22 && gm_heapobj_noallocheaders(gb)) {
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

	struct ctx c = *c0;
	c.r = r, c.m = m, c.l = l, c.gcprog_copies = l->go_minor == 22 || l->go_minor == 23;
	c.special_budget = 1ull << 26;
	if (c.specials && (l->mspan_specials < 0 || l->special_next < 0 || l->special_offset < 0 ||
			   l->special_kind < 0 || l->special_size < 0 || l->kind_profile < 0)) {
		c.specials = false;
		snprintf(r->sites_note, sizeof(r->sites_note),
			 "the layout of mspan.specials / special is unknown");
	}
	/* type names: for the recorded types, and for the traversal's */
	{
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
			c.tc = NULL;
		} else {
			gm_gotypes_add_plugins(c.tc, gb, l);
		}
	}
	struct gm_heapids ids = {0};
	struct gm_heaptrav trav = {0};
	/* the typed globals (DWARF), of every module */
	const struct gm_dwglobal *roots = tg && c.tc ? tg->v : NULL;
	size_t nroots = roots ? tg->n : 0;
	const char *rnote = !tg ? "no typed globals: not asked for" : !c.tc ? "no type names" : tg->note;
	struct gm_stackroots sr = {0};
	if (!c.nomem && c.tc && tg) {
		err = gm_stackroots_collect(t, gb, l, tg->frames, &sr);
		if (err) {
			gm_error_destroy(err);
			c.nomem = true;
		}
	}
	if (!c.nomem && c.tc) {
		char note[160] = "";
		struct gm_travopts o = {.headers = r->records_types, .roots = roots, .nroots = nroots,
					.sroots = sr.v, .nsroots = sr.n};
		err = gm_heapids_build(h, "the traversal", &ids, note, sizeof(note));
		if (!err)
			err = gm_heaptrav_run(m, l, gb, h, &ids, &o, &trav);
		if (err) {
			snprintf(r->trav_note, sizeof(r->trav_note), "not run: %s", err->msg);
			gm_error_destroy(err);
		} else if (!trav.seeds && !trav.roots && !trav.fin_seeds && !trav.stack_roots) {
			snprintf(r->trav_note, sizeof(r->trav_note),
				 "not run: nothing recorded to start from, no object with a finalizer, and %s",
				 rnote[0] ? rnote : "no typed globals");
		} else {
			c.trav = &trav, c.ids = &ids, c.gb = gb;
			c.trow = calloc(trav.ntypes + 1, sizeof(*c.trow)); /* NULL: looked up per object */
			r->traversed = true;
			r->trav_seeds = trav.seeds;
			r->trav_roots = trav.roots;
			r->trav_fin_seeds = trav.fin_seeds;
			r->trav_stack_roots = trav.stack_roots;
			r->trav_stack_dead = sr.dead;
			snprintf(r->stack_note, sizeof(r->stack_note), "%s", sr.note);
			if (trav.fin_damaged)
				problem(r, "%llu spans' specials lists are unreadable or corrupt: their finalizers' "
					   "types were not used", (unsigned long long)trav.fin_damaged);
			r->trav_misfits = trav.misfits;
			r->trav_truncated = trav.truncated;
			if (trav.truncated)
				snprintf(r->trav_note, sizeof(r->trav_note),
					 "its step budget ran out: some objects it would reach count untyped");
			else if (note[0])
				snprintf(r->trav_note, sizeof(r->trav_note), "%s", note);
			else if (rnote[0])
				snprintf(r->trav_note, sizeof(r->trav_note), "%s", rnote);
		}
	} else if (!c.nomem) {
		snprintf(r->trav_note, sizeof(r->trav_note), "not run: no type names");
	}
	gm_stackroots_free(&sr);
	uint8_t bits[8192]; /* a span's allocation bitmap: at most 65535 slots */
	for (size_t i = 0; i < h->n && !c.nomem; i++)
		span_objects(&c, h, &h->spans[i], bits);
	gm_heaptrav_free(&trav);
	free(c.trow);
	gm_heapids_free(&ids);
	gm_heapobj_destroy(h);
	if (c.tc)
		gm_gotypes_destroy(c.tc);
	free(c.tab);
	free(c.pend);
	if (c.nomem) {
		free(c.pairs);
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
	size_t nbefore = r->nrows;
	r->nrows = w;
	if (r->nrows) /* qsort(NULL, 0) is undefined */
		qsort(r->rows, r->nrows, sizeof(*r->rows), cmp_rows);
	/* the pairs' rows: index before sorting -> after */
	if (c.npairs) {
		uint32_t *inv = malloc(nbefore * sizeof(*inv));
		if (!inv) {
			free(c.pairs);
			gm_heaptypes_report_destroy(r);
			return &gm_error_nomem;
		}
		for (size_t i = 0; i < nbefore; i++)
			inv[i] = UINT32_MAX;
		for (size_t i = 0; i < r->nrows; i++)
			if (r->rows[i].id < nbefore)
				inv[r->rows[i].id] = (uint32_t)i;
		for (size_t i = 0; i < c.npairs; i++)
			c.pairs[i].row = c.pairs[i].row < nbefore ? inv[c.pairs[i].row] : UINT32_MAX;
		free(inv);
	}
	c0->pairs = c.pairs;
	c0->npairs = c.npairs;
	for (size_t i = 0; i < r->nrows; i++) {
		r->objects += r->rows[i].objects;
		r->bytes += r->rows[i].bytes;
		if (r->rows[i].source == GM_HT_TRAVERSAL) {
			r->trav_objects += r->rows[i].objects;
			r->trav_bytes += r->rows[i].bytes;
		} else if (r->rows[i].source != GM_HT_UNTYPED) {
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

struct gm_error *gm_heaptypes_collect(struct gm_target *t, const struct gm_gobin *gb,
				      const struct gm_layout *l, const struct gm_typed_globals *tg,
				      struct gm_heaptypes_report **ret)
{
	struct ctx c = {0};
	struct gm_error *err = collect(t, gb, l, tg, &c, ret);
	free(c.pairs);
	return err;
}

static int cmp_pairs(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->bucket < y->bucket ? -1 : x->bucket > y->bucket;
}

struct bix {
	uint64_t bucket;
	uint32_t i;
};

static int cmp_bix(const void *a, const void *b)
{
	const struct bix *x = a, *y = b;
	return x->bucket < y->bucket ? -1 : x->bucket > y->bucket;
}

static int cmp_sites(const void *a, const void *b)
{
	const struct gm_htype_site *x = a, *y = b;
	if (x->sampled != y->sampled)
		return x->sampled < y->sampled ? 1 : -1;
	if (x->est_bytes != y->est_bytes)
		return x->est_bytes < y->est_bytes ? 1 : -1;
	int k = strcmp(x->function, y->function);
	if (k)
		return k;
	k = strcmp(x->file, y->file);
	return k ? k : (x->line > y->line) - (x->line < y->line);
}

/* the site of sample s: the first frame of its first location (runtime
 * frames already hidden as pprof hides them) */
static void site_of(const struct gm_memprof *p, const struct gm_memprof_sample *s,
		    const char **fn, const char **file, int32_t *line)
{
	*fn = *file = "";
	*line = 0;
	const struct gm_memprof_frame *f = gm_memprof_sample_site(p, s);
	if (!f)
		return;
	*fn = f->name ? f->name : "";
	*file = f->file ? f->file : "";
	*line = f->line;
}

static void join(struct gm_heaptypes_report *r, const struct gm_memprof *p, struct pair *pairs,
		 size_t npairs, bool *nomem)
{
	struct bix *bx = malloc((p->nsamples ? p->nsamples : 1) * sizeof(*bx));
	struct gm_htype_site *tmp = malloc((npairs ? npairs : 1) * sizeof(*tmp));
	if (!bx || !tmp) {
		free(bx);
		free(tmp);
		*nomem = true;
		return;
	}
	for (size_t i = 0; i < p->nsamples; i++)
		bx[i] = (struct bix){p->samples[i].bucket, (uint32_t)i};
	qsort(bx, p->nsamples, sizeof(*bx), cmp_bix);
	if (npairs)
		qsort(pairs, npairs, sizeof(*pairs), cmp_pairs);
	size_t i = 0;
	while (i < npairs) {
		uint32_t row = pairs[i].row;
		size_t nt = 0;
		for (; i < npairs && pairs[i].row == row;) {
			uint64_t b = pairs[i].bucket;
			uint64_t n = 0;
			for (; i < npairs && pairs[i].row == row && pairs[i].bucket == b; i++)
				n++;
			if (row == UINT32_MAX)
				continue;
			struct bix key = {b, 0}, *f = bsearch(&key, bx, p->nsamples, sizeof(*bx), cmp_bix);
			if (!f) {
				r->sampled_no_bucket += n;
				continue;
			}
			const struct gm_memprof_sample *s = &p->samples[f->i];
			struct gm_htype_site st = {.sampled = n};
			site_of(p, s, &st.function, &st.file, &st.line);
			gm_memprof_scale(p->go_minor, p->exp, (int64_t)n,
					 p->go_minor >= 27 ? (int64_t)s->size : (int64_t)(n * s->size),
					 p->rate, &st.est_objects, &st.est_bytes);
			/* merge with an earlier bucket of the same site */
			size_t k = 0;
			for (; k < nt; k++)
				if (tmp[k].line == st.line && !strcmp(tmp[k].function, st.function) &&
				    !strcmp(tmp[k].file, st.file))
					break;
			if (k < nt) {
				tmp[k].sampled += st.sampled;
				tmp[k].est_objects += st.est_objects;
				tmp[k].est_bytes += st.est_bytes;
			} else {
				tmp[nt++] = st;
			}
		}
		if (row == UINT32_MAX || row >= r->nrows || !nt)
			continue;
		qsort(tmp, nt, sizeof(*tmp), cmp_sites);
		struct gm_htype_site *v = gm_arena_alloc(&r->arena, nt * sizeof(*v));
		if (!v) {
			*nomem = true;
			break;
		}
		for (size_t k = 0; k < nt; k++) {
			v[k] = tmp[k];
			v[k].function = gm_arena_strdup(&r->arena, tmp[k].function);
			v[k].file = gm_arena_strdup(&r->arena, tmp[k].file);
			if (!v[k].function || !v[k].file)
				*nomem = true;
		}
		r->rows[row].sites = v;
		r->rows[row].nsites = (uint32_t)nt;
	}
	free(bx);
	free(tmp);
}

struct gm_error *gm_heaptypes_collect_join(struct gm_target *t, const struct gm_gobin *gb,
					   const struct gm_layout *l, const struct gm_typed_globals *tg,
					   const struct gm_memprof *p, const char *why_not,
					   struct gm_heaptypes_report **ret)
{
	struct ctx c = {.specials = true};
	struct gm_error *err = collect(t, gb, l, tg, &c, ret);
	if (err) {
		free(c.pairs);
		return err;
	}
	struct gm_heaptypes_report *r = *ret;
	if (r->sites_note[0]) {
		free(c.pairs);
		return NULL;
	}
	if (!p) {
		snprintf(r->sites_note, sizeof(r->sites_note), "%s",
			 why_not ? why_not : "no heap profile");
	} else if (p->disabled[0]) {
		snprintf(r->sites_note, sizeof(r->sites_note), "%s", p->disabled);
	} else {
		bool nomem = false;
		r->profile_rate = p->rate;
		join(r, p, c.pairs, c.npairs, &nomem);
		if (nomem) {
			free(c.pairs);
			gm_heaptypes_report_destroy(r);
			*ret = NULL;
			return &gm_error_nomem;
		}
		r->sites_joined = true;
		if (p->problem[0])
			problem(r, "heap profile: %s", p->problem);
	}
	free(c.pairs);
	return NULL;
}

struct gm_error *gm_heaptypes_collect_sites(struct gm_session *s,
					    struct gm_heaptypes_report **ret)
{
	struct gm_memprof *p = NULL;
	char why[200] = "";
	struct gm_error *err = gm_memprof_read(s, &p);
	if (err) {
		snprintf(why, sizeof(why), "the heap profile is not readable: %s", err->msg);
		gm_error_destroy(err);
		p = NULL;
	}
	err = gm_heaptypes_collect_join(s->target, s->gobin, &s->layout, gm_session_typed_globals(s), p, why,
					ret);
	gm_memprof_destroy(p);
	return err;
}

const char *gm_htype_row_label(const struct gm_htype_row *w, char *b, size_t n)
{
	if (w->source == GM_HT_UNTYPED) {
		if (w->sizeclass)
			snprintf(b, n, "(untyped, size class %u, %s)", w->sizeclass,
				 w->noscan ? "noscan" : "scan");
		else
			snprintf(b, n, "(untyped, large, %s)", w->noscan ? "noscan" : "scan");
		return b;
	}
	if (w->source == GM_HT_GCPROG) {
		snprintf(b, n, "(a type with a GC program, %" PRIu64 " B: the runtime kept a nameless "
			       "copy)", w->type_size);
		return b;
	}
	bool trav = w->source == GM_HT_TRAVERSAL;
	if (trav && w->view == GM_TV_STRING)
		return "(string bytes)";
	const char *sfx = trav && w->view < GM_TV_NVIEWS ? gm_trav_view_suffix[w->view] : "";
	if (!w->name)
		snprintf(b, n, "(a %s without a name, %" PRIu64 " B)%s",
			 trav && w->view == GM_TV_CLOSURE ? "function" : "type", w->type_size, sfx);
	else if (sfx[0])
		snprintf(b, n, "%s%s", w->name, sfx);
	else
		return w->name;
	return b;
}
