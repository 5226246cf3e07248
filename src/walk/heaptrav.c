/* Types carried along pointers from the objects whose type the runtime
 * recorded (include/walk/gm_heaptrav.h). Never prints. */
#include <stdlib.h>
#include <string.h>

#include "gm_arena.h"
#include "gm_gotype.h"
#include "gm_hash.h"
#include "gm_heaptrav.h"
#include "gm_bigmem.h"

#define KIND_ARRAY 17
#define KIND_CHAN 18
#define KIND_FUNC 19
#define KIND_INTERFACE 20
#define KIND_MAP 21
#define KIND_PTR 22
#define KIND_SLICE 23
#define KIND_STRING 24
#define KIND_STRUCT 25
#define MAX_DEPTH 12           /* nested arrays / structs / direct interfaces */
#define MAX_FIELDS 4096
#define MAX_TYPES 65535u        /* (type, view) pairs: tix is 16 bits */
#define RING (1u << 12)          /* the work queue; past it, a bit per object (swept in address
				  * order: a small ring reads the heap in address order) */
#define MAX_TINFO (1u << 20)
#define STEP_FLOOR (1ull << 24)  /* the step budget: this + 2 x the heap's words */
#define MAX_DIR (1u << 16)       /* Swiss map directory entries */
#define BATCH 32                 /* pointers whose lookups are prefetched together */

const char *const gm_trav_view_names[] = {"elem", "string", "map", "dir", "table", "chan", "closure"};
const char *const gm_trav_view_suffix[GM_TV_NVIEWS] = {
	[GM_TV_ELEM] = "", [GM_TV_STRING] = "", [GM_TV_MAP] = "", [GM_TV_DIR] = " (map directory)",
	[GM_TV_TABLE] = " (map table)", [GM_TV_CHAN] = "", [GM_TV_CLOSURE] = " (closure)"};

struct tinfo;
struct tfield {
	uint64_t off, typ;
	const struct tinfo *ti;  /* typ's, once looked up */
};

struct tinfo {
	uint64_t addr;
	uint64_t size, ptrbytes;
	uint64_t elem;       /* ptr, slice, array, chan: the element; map: its group or bucket type */
	uint64_t len;        /* array */
	struct tfield *fields; /* struct: the fields with pointers */
	uint32_t nfields;
	uint8_t kind;
	bool ok, direct, eface;
	bool hbucket;        /* an hmap bucket type with pointers (up to 1.23): its last word (an
			      * unsafe.Pointer) is the next bucket of its chain */
	const struct tinfo *eti; /* elem's, once looked up */
	uint32_t elem_ix;    /* intern(addr, GM_TV_ELEM), once made */
};

struct ctx {
	struct gm_memsrc *m;
	const struct gm_layout *l;
	const struct gm_gobin *gb;
	const struct gm_heapobj *h;
	const struct gm_heapids *ids;
	struct gm_heaptrav *t;
	enum gm_map_impl map;
	bool headers;
	struct tinfo **tab;  /* open addressing by address */
	size_t tabcap, tabn;
	/* (typ, view) -> types index + 1 */
	struct tkey { uint64_t typ; uint32_t view, ix; } *keys;
	size_t keycap;
	/* the objects typed and not scanned yet: a ring, and past it a bit per
	 * object swept in id order (memory bounded at 4 MiB + a bit per slot) */
	uint32_t *ring;
	uint64_t rcap, rhead, rtail;
	uint64_t *pending;  /* a bit per object id */
	uint64_t npending, cursor;
	uint64_t steps, budget;  /* words read (objects' and descriptors'), and the bound */
	struct gm_arena arena;
	bool nomem;
	const struct gm_hspan *span; /* whose specials are read */
	const struct tinfo **tti;    /* per types index: its descriptor, once looked up */
	/* the pointers met and not yet assigned, in order: their lookups are
	 * prefetched as a batch (each is a cache miss: the page's span, the
	 * allocation bit, the object's type index) */
	struct pending_ptr {
		uint64_t v, typ;
		const struct tinfo *eti;
		const struct gm_hspan *s;
		uint64_t id;
		uint32_t slot;
		uint8_t view;
	} batch[BATCH];
	unsigned nbatch;
};

static bool rd(struct ctx *c, uint64_t a, uint64_t *v)
{
	c->steps++;
	return gm_memsrc_u64(c->m, a, v);
}

static const struct tinfo *info(struct ctx *c, uint64_t typ);

/* whether the abi.Name at a (flags, varint length, bytes) is s */
static bool name_is(struct ctx *c, uint64_t a, const char *s)
{
	uint8_t b[16];
	size_t n = strlen(s);
	return n < 127 && n + 2 <= sizeof(b) && gm_memsrc_try_read(c->m, a, b, n + 2) && b[1] == n &&
	       !memcmp(b + 2, s, n);
}

/* An hmap bucket (up to Go 1.23, cmd/compile's MapBucketType): the
 * struct {topbits [8]uint8; keys [8]K; elems [8]V; overflow unsafe.Pointer}
 * whose overflow field, an unsafe.Pointer when the bucket has pointers,
 * holds the next bucket of its chain */
static bool hmap_bucket(struct ctx *c, uint64_t fp, uint64_t n, uint64_t size)
{
	uint8_t f0[24], f3[24];
	uint64_t n0, n3, off;
	if (c->map != GM_MAP_HMAP || n != 4 || !gm_memsrc_try_read(c->m, fp, f0, sizeof(f0)) ||
	    !gm_memsrc_try_read(c->m, fp + 3 * 24, f3, sizeof(f3)))
		return false;
	memcpy(&n0, f0, 8);
	memcpy(&n3, f3, 8);
	memcpy(&off, f3 + 16, 8);
	return off == size - 8 && name_is(c, n0, "topbits") && name_is(c, n3, "overflow");
}

static void decode(struct ctx *c, struct tinfo *ti)
{
	uint8_t b[80];
	uint64_t typ = ti->addr;
	if (!typ || typ % 8 || !gm_memsrc_try_read(c->m, typ, b, sizeof(b)))
		return;
	memcpy(&ti->size, b, 8);
	memcpy(&ti->ptrbytes, b + 8, 8);
	uint8_t k = b[23];
	ti->kind = gm_gotype_kind(c->l->go_minor, k);
	ti->direct = gm_gotype_direct_iface(c->l->go_minor, k, b[20]);
	if (!ti->size || ti->ptrbytes > ti->size || ti->ptrbytes % 8 || ti->kind > 26)
		return;
	switch (ti->kind) {
	case KIND_PTR:
	case KIND_SLICE:
	case KIND_CHAN:
		memcpy(&ti->elem, b + 48, 8);
		break;
	case KIND_ARRAY:
		memcpy(&ti->elem, b + 48, 8);
		memcpy(&ti->len, b + 64, 8);
		break;
	case KIND_MAP:
		memcpy(&ti->elem, b + 64, 8); /* Bucket (hmap) / Group (Swiss) */
		break;
	case KIND_INTERFACE: {
		uint64_t nm;
		memcpy(&nm, b + 64, 8);
		ti->eface = nm == 0;
		break;
	}
	case KIND_STRUCT: {
		uint64_t fp, n;
		memcpy(&fp, b + 56, 8);
		memcpy(&n, b + 64, 8);
		if (n > MAX_FIELDS || (n && !fp))
			return;
		ti->hbucket = ti->ptrbytes && ti->size >= 8 && hmap_bucket(c, fp, n, ti->size);
		uint8_t fb[24];
		c->steps += n * 3;
		for (uint64_t i = 0; i < n; i++) {
			if (!gm_memsrc_try_read(c->m, fp + i * 24, fb, sizeof(fb)))
				return;
			struct tfield f = {0};
			memcpy(&f.typ, fb + 8, 8);
			memcpy(&f.off, fb + 16, 8);
			if (f.off >= ti->size)
				return;
			if (f.off >= ti->ptrbytes) /* fields by offset: the rest have no pointers */
				continue;
			if (!ti->fields) {
				ti->fields = gm_arena_alloc(&c->arena, n * sizeof(*ti->fields));
				if (!ti->fields) {
					c->nomem = true;
					return;
				}
			}
			ti->fields[ti->nfields++] = f;
		}
		break;
	}
	default:
		break;
	}
	ti->ok = true;
}

/* the decoded descriptor at typ (cached); never NULL, .ok false when unreadable */
static const struct tinfo *info(struct ctx *c, uint64_t typ)
{
	static const struct tinfo bad;
	if (c->tabn * 2 >= c->tabcap) {
		size_t nc = c->tabcap ? c->tabcap * 2 : 4096;
		if (nc > 2 * MAX_TINFO) { /* that many distinct descriptors: damage */
			c->t->truncated = true;
			return &bad;
		}
		struct tinfo **nt = calloc(nc, sizeof(*nt));
		if (!nt) {
			c->nomem = true;
			return &bad;
		}
		for (size_t i = 0; i < c->tabcap; i++) {
			if (!c->tab[i])
				continue;
			size_t j = gm_hash64(c->tab[i]->addr) & (nc - 1);
			while (nt[j])
				j = (j + 1) & (nc - 1);
			nt[j] = c->tab[i];
		}
		free(c->tab);
		c->tab = nt;
		c->tabcap = nc;
	}
	size_t j = gm_hash64(typ) & (c->tabcap - 1);
	while (c->tab[j]) {
		if (c->tab[j]->addr == typ)
			return c->tab[j];
		j = (j + 1) & (c->tabcap - 1);
	}
	struct tinfo *ti = gm_arena_alloc(&c->arena, sizeof(*ti));
	if (!ti) {
		c->nomem = true;
		return &bad;
	}
	memset(ti, 0, sizeof(*ti));
	ti->addr = typ;
	decode(c, ti);
	c->tab[j] = ti;
	c->tabn++;
	return ti;
}

/* the index + 1 of (typ, view) in the types table, 0 when full */
static uint32_t intern(struct ctx *c, uint64_t typ, unsigned view)
{
	struct gm_heaptrav *t = c->t;
	if (t->ntypes * 2 >= c->keycap) {
		size_t nc = c->keycap ? c->keycap * 2 : 1024;
		struct tkey *nk = nc <= 2 * MAX_TYPES ? calloc(nc, sizeof(*nk)) : NULL;
		if (!nk) {
			c->nomem = nc <= 2 * MAX_TYPES;
			return 0;
		}
		for (size_t i = 0; i < c->keycap; i++) {
			if (!c->keys[i].ix)
				continue;
			size_t j = gm_hash64(c->keys[i].typ * 8 + c->keys[i].view) & (nc - 1);
			while (nk[j].ix)
				j = (j + 1) & (nc - 1);
			nk[j] = c->keys[i];
		}
		free(c->keys);
		c->keys = nk;
		c->keycap = nc;
	}
	size_t j = gm_hash64(typ * 8 + view) & (c->keycap - 1);
	while (c->keys[j].ix) {
		if (c->keys[j].typ == typ && c->keys[j].view == view)
			return c->keys[j].ix;
		j = (j + 1) & (c->keycap - 1);
	}
	if (t->ntypes == t->tcap) {
		size_t nc = t->tcap ? t->tcap * 2 : 256;
		struct gm_travtype *nt = realloc(t->types, nc * sizeof(*nt));
		const struct tinfo **nti = nt ? realloc(c->tti, nc * sizeof(*nti)) : NULL;
		if (nt)
			t->types = nt;
		if (nti)
			c->tti = nti;
		if (!nt || !nti) {
			c->nomem = true;
			return 0;
		}
		t->tcap = nc;
	}
	c->tti[t->ntypes] = NULL;
	t->types[t->ntypes++] = (struct gm_travtype){typ, (uint8_t)view};
	c->keys[j] = (struct tkey){typ, view, (uint32_t)t->ntypes};
	return (uint32_t)t->ntypes;
}

static bool has_header(const struct ctx *c, const struct gm_hspan *s)
{
	return c->headers && !gm_hspan_noscan(s) && gm_hspan_class(s) && s->elemsize > 512;
}

static void push(struct ctx *c, uint64_t id)
{
	if (c->rtail - c->rhead < c->rcap) {
		c->ring[c->rtail++ % c->rcap] = (uint32_t)id;
		return;
	}
	c->pending[id / 64] |= 1ull << (id % 64);
	c->npending++;
}

static void flush(struct ctx *c);

/* the next object to scan; false when none is left */
static bool pop(struct ctx *c, uint64_t *id)
{
	if (c->nbatch)
		flush(c);
	if (c->rhead == c->rtail && c->npending) {
		/* refill the ring from the bits, in id (address) order from
		 * where the last sweep stopped (each pending object is taken
		 * once): the objects are then read in address order, which is
		 * what makes a small ring fast */
		uint64_t nw = c->ids->nslots / 64 + 1, start = c->cursor / 64;
		for (uint64_t k = 0; k <= nw && c->npending && c->rtail - c->rhead < c->rcap; k++) {
			uint64_t w = (start + k) % nw;
			while (c->pending[w] && c->rtail - c->rhead < c->rcap) {
				unsigned bit = (unsigned)__builtin_ctzll(c->pending[w]);
				c->pending[w] &= c->pending[w] - 1;
				c->npending--;
				c->ring[c->rtail++ % c->rcap] = (uint32_t)(w * 64 + bit);
				c->cursor = w * 64 + bit;
			}
		}
	}
	if (c->rhead == c->rtail)
		return false;
	*id = c->ring[c->rhead++ % c->rcap];
	return true;
}

/* the descriptor of ti's element (pointer, slice, array, chan), cached */
static const struct tinfo *elem_of(struct ctx *c, const struct tinfo *ti)
{
	if (!ti->eti)
		((struct tinfo *)ti)->eti = info(c, ti->elem);
	return ti->eti;
}

/* the descriptor of a struct field's type, cached */
static const struct tinfo *field_of(struct ctx *c, const struct tfield *f)
{
	if (!f->ti)
		((struct tfield *)f)->ti = info(c, f->typ);
	return f->ti;
}

/* p->v, a pointer of static type (typ, view), its object looked up: types
 * that object when the type fits it; eti: typ's descriptor for GM_TV_ELEM */
static void assign_one(struct ctx *c, const struct pending_ptr *p)
{
	uint64_t v = p->v, typ = p->typ, id = p->id;
	const struct tinfo *eti = p->eti;
	const struct gm_hspan *s = p->s;
	uint32_t slot = p->slot;
	unsigned view = p->view;
	if (id == UINT64_MAX || !gm_heapids_allocated(c->ids, id) || c->t->tix[id])
		return;
	uint64_t skip = has_header(c, s) ? 8 : 0;
	uint64_t data = s->base + (uint64_t)slot * s->elemsize + skip, room = s->elemsize - skip;
	bool noscan = gm_hspan_noscan(s);
	switch (view) {
	case GM_TV_ELEM: {
		const struct tinfo *ti = eti;
		if (!ti->ok || v < data || (v - data) % ti->size || ti->size > room || !ti->ptrbytes != noscan) {
			c->t->misfits++;
			return;
		}
		break;
	}
	case GM_TV_STRING:
		if (!noscan) {
			c->t->misfits++;
			return;
		}
		break;
	case GM_TV_MAP:
	case GM_TV_DIR:
	case GM_TV_TABLE:
		if (noscan || v != data) {
			c->t->misfits++;
			return;
		}
		break;
	default: /* chan (a buffer without pointers is inside a noscan hchan), closure */
		if (v != data) {
			c->t->misfits++;
			return;
		}
		break;
	}
	uint32_t ix;
	if (view == GM_TV_ELEM) { /* eti is ok here, never the shared bad one */
		if (!eti->elem_ix)
			((struct tinfo *)eti)->elem_ix = intern(c, typ, view);
		ix = eti->elem_ix;
	} else {
		ix = intern(c, typ, view);
	}
	if (!ix)
		return;
	c->t->tix[id] = (uint16_t)ix;
	c->t->typed++;
	push(c, id);
}

/* the batch, in order: the page table entries were prefetched when each
 * pointer came; now the allocation bits and type indexes, then the work */
static void flush(struct ctx *c)
{
	const struct gm_heapobj *h = c->h;
	unsigned n = c->nbatch;
	c->nbatch = 0;
	for (unsigned i = 0; i < n; i++) {
		struct pending_ptr *p = &c->batch[i];
		p->id = UINT64_MAX;
		const struct gm_hspan *s = gm_heapobj_find(h, p->v, &p->slot);
		if (!s)
			continue;
		p->s = s;
		p->id = (uint64_t)c->ids->first[s - h->spans] + p->slot;
		__builtin_prefetch(&c->ids->alloc[p->id / 8]);
		__builtin_prefetch(&c->t->tix[p->id]);
	}
	for (unsigned i = 0; i < n; i++)
		assign_one(c, &c->batch[i]);
}

/* v, a pointer of static type (typ, view): queued for assign_one */
static void assign_as(struct ctx *c, uint64_t v, const struct tinfo *eti, uint64_t typ, unsigned view)
{
	if (!v || v < c->ids->lo || v >= c->ids->hi)
		return;
	gm_heapobj_prefetch(c->h, v);
	c->batch[c->nbatch++] = (struct pending_ptr){.v = v, .typ = typ, .eti = eti, .view = (uint8_t)view};
	if (c->nbatch == BATCH)
		flush(c);
}

static void assign(struct ctx *c, uint64_t v, uint64_t typ, unsigned view)
{
	assign_as(c, v, view == GM_TV_ELEM ? info(c, typ) : NULL, typ, view);
}

/* the words at addr, a value of type ti inside an object that ends at end
 * (a value that would not fit is not read: a damaged descriptor) */
static void walk(struct ctx *c, const struct tinfo *ti, uint64_t addr, uint64_t end, int depth)
{
	if (!ti->ok || !ti->ptrbytes || depth > MAX_DEPTH || c->nomem || c->steps > c->budget ||
	    addr >= end || ti->size > end - addr)
		return;
	uint64_t v, w;
	switch (ti->kind) {
	case KIND_PTR:
	case KIND_SLICE:
		if (rd(c, addr, &v))
			assign_as(c, v, elem_of(c, ti), ti->elem, GM_TV_ELEM);
		break;
	case KIND_STRING:
		if (rd(c, addr, &v))
			assign(c, v, 0, GM_TV_STRING);
		break;
	case KIND_MAP:
		if (rd(c, addr, &v))
			assign(c, v, ti->addr, GM_TV_MAP);
		break;
	case KIND_CHAN:
		if (rd(c, addr, &v))
			assign(c, v, ti->addr, GM_TV_CHAN);
		break;
	case KIND_FUNC: {
		struct gm_func f;
		if (rd(c, addr, &v) && v >= c->ids->lo && v < c->ids->hi && rd(c, v, &w) &&
		    gm_gobin_find_func(c->gb, w, &f) && f.entry == w)
			assign(c, v, f.entry, GM_TV_CLOSURE);
		break;
	}
	case KIND_INTERFACE: {
		uint64_t dyn;
		if (!rd(c, addr, &w) || !w || !rd(c, addr + 8, &v))
			break;
		if (ti->eface)
			dyn = w;
		else if (!rd(c, w + 8, &dyn)) /* itab.Type */
			break;
		const struct tinfo *d = info(c, dyn);
		if (!d->ok)
			break;
		if (d->direct)
			walk(c, d, addr + 8, end, depth + 1);
		else
			assign(c, v, dyn, GM_TV_ELEM);
		break;
	}
	case KIND_ARRAY: {
		const struct tinfo *e = elem_of(c, ti);
		if (!e->ok || !e->ptrbytes || ti->len > ti->size / e->size)
			break;
		for (uint64_t i = 0; i < ti->len && !c->nomem; i++)
			walk(c, e, addr + i * e->size, end, depth + 1);
		break;
	}
	case KIND_STRUCT:
		for (uint32_t i = 0; i < ti->nfields && !c->nomem; i++) {
			const struct tfield *f = &ti->fields[i];
			walk(c, field_of(c, f), addr + f->off, end, depth + 1);
		}
		break;
	default:
		break;
	}
}

/* a map header (hmap or maps.Map) of map type mt at a */
static void scan_map(struct ctx *c, const struct tinfo *mt, uint64_t a, unsigned view, uint64_t room)
{
	uint64_t v, n;
	if (c->map == GM_MAP_HMAP) {
		if (view != GM_TV_MAP)
			return;
		/* hmap: buckets at 16, oldbuckets at 24 */
		if (rd(c, a + 16, &v))
			assign(c, v, mt->elem, GM_TV_ELEM);
		if (rd(c, a + 24, &v))
			assign(c, v, mt->elem, GM_TV_ELEM);
		return;
	}
	switch (view) {
	case GM_TV_MAP: /* maps.Map: dirPtr at 16, dirLen at 24 */
		if (!rd(c, a + 16, &v) || !rd(c, a + 24, &n))
			return;
		if (!n)
			assign(c, v, mt->elem, GM_TV_ELEM);  /* a small map: one group */
		else
			assign(c, v, mt->addr, GM_TV_DIR);
		return;
	case GM_TV_DIR: /* *table entries */
		for (uint64_t i = 0; i < room / 8 && i < MAX_DIR; i++)
			if (rd(c, a + i * 8, &v))
				assign(c, v, mt->addr, GM_TV_TABLE);
		return;
	case GM_TV_TABLE: /* groups.data at 16 */
		if (rd(c, a + 16, &v))
			assign(c, v, mt->elem, GM_TV_ELEM);
		return;
	default:
		return;
	}
}

static void scan_object(struct ctx *c, uint64_t id)
{
	uint32_t slot;
	const struct gm_hspan *s = gm_heapids_span(c->h, c->ids, id, &slot);
	uint64_t skip = has_header(c, s) ? 8 : 0;
	uint64_t data = s->base + (uint64_t)slot * s->elemsize + skip, room = s->elemsize - skip;
	uint32_t k = c->t->tix[id] - 1u;
	struct gm_travtype tt = c->t->types[k];
	const struct tinfo *ti = NULL;
	if (tt.view != GM_TV_STRING && tt.view != GM_TV_CLOSURE && !(ti = c->tti[k]))
		ti = c->tti[k] = info(c, tt.typ);
	uint64_t v;
	switch (tt.view) {
	case GM_TV_ELEM:
		if (!ti->ok || !ti->ptrbytes)
			return;
		for (uint64_t e = 0; e < room / ti->size && !c->nomem && c->steps <= c->budget; e++) {
			walk(c, ti, data + e * ti->size, data + room, 0);
			if (ti->hbucket && rd(c, data + e * ti->size + ti->size - 8, &v))
				assign(c, v, ti->addr, GM_TV_ELEM);
		}
		return;
	case GM_TV_MAP:
	case GM_TV_DIR:
	case GM_TV_TABLE:
		if (ti->ok && ti->kind == KIND_MAP)
			scan_map(c, ti, data, tt.view, room);
		return;
	case GM_TV_CHAN: { /* hchan.buf at 16: a separate buffer has the element type */
		const struct tinfo *e = ti->ok && ti->kind == KIND_CHAN ? info(c, ti->elem) : NULL;
		if (e && e->ok && e->ptrbytes && rd(c, data + 16, &v) && gm_heapids_of(c->h, c->ids, v) != id)
			assign(c, v, ti->elem, GM_TV_ELEM);
		return;
	}
	default:
		return;
	}
}

/* a special of c->span: a finalizer's records the object's pointer type */
static bool fin_special(void *arg, uint64_t sp, uint8_t kind, uint64_t off)
{
	struct ctx *c = arg;
	const struct gm_layout *l = c->l;
	uint64_t ot, elem;
	if (kind == (uint8_t)l->kind_finalizer && rd(c, sp + (uint64_t)l->spfin_ot, &ot) && ot &&
	    rd(c, ot + (uint64_t)l->ptrtype_elem, &elem)) {
		uint64_t before = c->t->typed;
		assign(c, c->span->base + off, elem, GM_TV_ELEM);
		flush(c);
		c->t->fin_seeds += c->t->typed - before;
	}
	return !c->nomem && c->steps <= c->budget;
}

/* The objects with a finalizer: SetFinalizer keeps their pointer type
 * (specialfinalizer.ot), a seed wherever the runtime recorded none */
static void finalizer_seeds(struct ctx *c)
{
	const struct gm_layout *l = c->l;
	if (l->kind_finalizer < 0 || l->spfin_ot < 0 || l->ptrtype_elem < 0 || l->mspan_specials < 0 ||
	    l->special_next < 0 || l->special_kind < 0 || l->special_offset < 0)
		return;
	uint64_t budget = 1ull << 26, bad;
	for (size_t i = 0; i < c->h->n && !c->nomem; i++) {
		c->span = &c->h->spans[i];
		if (!gm_hspan_specials(c->m, l, c->span, &budget, fin_special, c, &bad))
			c->t->fin_damaged++;
	}
}

/* typed values (DWARF): each walked as its type; how many were */
static uint64_t typed_roots(struct ctx *c, const struct gm_dwglobal *v, size_t n)
{
	uint64_t walked = 0;
	for (size_t i = 0; i < n && !c->nomem && c->steps <= c->budget; i++) {
		const struct gm_dwglobal *g = &v[i];
		const struct tinfo *ti = info(c, g->rtype);
		uint64_t p;
		if (!ti->ok)
			continue;
		if (g->kind == GM_DWG_POINTS_TO) {
			walked++;
			if (rd(c, g->addr, &p))
				assign(c, p, g->rtype, GM_TV_ELEM);
		} else if (ti->ptrbytes && ti->size <= (1ull << 32)) {
			walked++;
			walk(c, ti, g->addr, g->addr + ti->size, 0);
		}
	}
	return walked;
}

void gm_heaptrav_free(struct gm_heaptrav *t)
{
	gm_big_free(t->tix);
	free(t->types);
	memset(t, 0, sizeof(*t));
}

struct gm_error *gm_heaptrav_run(struct gm_memsrc *m, const struct gm_layout *l, const struct gm_gobin *gb,
				 const struct gm_heapobj *h, const struct gm_heapids *ids,
				 const struct gm_travopts *o, struct gm_heaptrav *out)
{
	memset(out, 0, sizeof(*out));
	struct ctx c = {.m = m, .l = l, .gb = gb, .h = h, .ids = ids, .t = out, .headers = o->headers};
	struct gm_goimpl impl;
	gm_goimpl_of(gb, l->go_minor, &impl);
	c.map = impl.map;
	gm_arena_init(&c.arena);
	out->tix = gm_big_calloc(ids->nslots + 1, sizeof(*out->tix));
	c.rcap = ids->nslots + 1 < RING ? ids->nslots + 1 : RING;
	c.ring = malloc(c.rcap * sizeof(*c.ring));
	c.pending = c.rcap < ids->nslots + 1 ? gm_big_calloc(ids->nslots / 64 + 1, 8) : NULL;
	/* an intact heap needs at most about one read per word of every
	 * object (each is scanned once, within its bounds) plus the
	 * descriptors' */
	c.budget = STEP_FLOOR + ids->bytes / 4;
	if (!out->tix || !c.ring || (c.rcap < ids->nslots + 1 && !c.pending))
		c.nomem = true;
	/* the seeds: every object with a recorded type */
	for (size_t i = 0; i < h->n && !c.nomem && c.headers; i++) {
		const struct gm_hspan *s = &h->spans[i];
		if (gm_hspan_noscan(s) || (gm_hspan_class(s) && s->elemsize <= 512))
			continue;
		for (unsigned k = 0; k < s->nelems && !c.nomem; k++) {
			uint64_t id = (uint64_t)ids->first[i] + k, typ;
			if (!gm_heapids_allocated(ids, id) ||
			    !gm_heapobj_recorded_type(h, s, s->base + (uint64_t)k * s->elemsize, &typ))
				continue;
			const struct tinfo *ti = info(&c, typ);
			if (!ti->ok || ti->size > s->elemsize)
				continue;
			uint32_t ix = intern(&c, typ, GM_TV_ELEM);
			if (!ix)
				continue;
			out->tix[id] = (uint16_t)ix;
			out->seeds++;
			push(&c, id);
		}
	}
	finalizer_seeds(&c);
	/* the typed globals and stack slots: their values, as the program
	 * declared them */
	out->roots = typed_roots(&c, o->roots, o->nroots);
	out->stack_roots = typed_roots(&c, o->sroots, o->nsroots);
	flush(&c);
	uint64_t id;
	while (!c.nomem && pop(&c, &id)) {
		if (c.steps > c.budget) {
			out->truncated = true;
			break;
		}
		scan_object(&c, id);
	}
	free(c.ring);
	gm_big_free(c.pending);
	free(c.tti);
	free(c.tab);
	free(c.keys);
	gm_arena_deinit(&c.arena);
	if (c.nomem) {
		gm_heaptrav_free(out);
		return &gm_error_nomem;
	}
	return NULL;
}
