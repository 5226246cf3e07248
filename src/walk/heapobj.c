/* The object index of the heap (include/walk/gm_heapobj.h): the in-use
 * spans of mheap_.allspans, sorted, with their allocation bitmaps read on
 * demand. Never prints. */
#include <stdlib.h>
#include <string.h>

#include "gm_heapobj.h"
#include "gm_bigmem.h"
#include "rtcheck.h"

#define MAX_SPANS (1u << 27)
#define PAGE_SIZE_GO 8192u
#define MAX_SPAN_PAGES (1u << 22) /* 32 GiB: one large object at most this */
#define SPAN_READ 256             /* bytes of an mspan read at once */
#define BATCH 512                 /* allspans entries read at once */

#define problem(h, ...) gm_first_problem((h)->problem, sizeof((h)->problem), __VA_ARGS__)

static uint64_t le(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

void gm_heapobj_destroy(struct gm_heapobj *h)
{
	if (!h)
		return;
	gm_big_free(h->spans);
	gm_big_free(h->pagespan);
	free(h);
}

/* address -> span in one step: an entry per 8 KiB page of the spans'
 * address range (the span's index + 1, 0 none), unless that range is both
 * large and sparse (the binary search is kept then). Out of memory keeps
 * it too. */
static void build_pagetab(struct gm_heapobj *h)
{
	if (!h->n)
		return;
	uint64_t lo = h->spans[0].base, used = 0;
	const struct gm_hspan *last = &h->spans[h->n - 1];
	uint64_t hi = last->base + (uint64_t)last->npages * PAGE_SIZE_GO;
	for (size_t i = 0; i < h->n; i++)
		used += h->spans[i].npages;
	if (lo % PAGE_SIZE_GO || hi <= lo)
		return;
	uint64_t np = (hi - lo) / PAGE_SIZE_GO;
	/* 4 bytes a page: up to 2M pages (16 GiB of address range, an 8 MiB
	 * table) whatever the density (a heap whose arenas hold mostly stack
	 * spans, which are not in the index), beyond only when the spans fill
	 * a quarter of the range */
	if ((np > 4 * used + 4096 && np > (1u << 21)) || np > (1u << 26))
		return;
	uint32_t *t = gm_big_calloc(np, sizeof(*t));
	if (!t)
		return;
	for (size_t i = 0; i < h->n; i++) {
		const struct gm_hspan *sp = &h->spans[i];
		if (sp->base % PAGE_SIZE_GO) { /* decode_span checks this; be safe */
			gm_big_free(t);
			return;
		}
		uint64_t first = (sp->base - lo) / PAGE_SIZE_GO;
		for (uint64_t k = 0; k < sp->npages && first + k < np; k++)
			t[first + k] = (uint32_t)i + 1;
	}
	h->pagespan = t;
	h->pt_lo = lo;
	h->pt_pages = np;
}

static int cmp_base(const void *a, const void *b)
{
	const struct gm_hspan *x = a, *y = b;
	return x->base < y->base ? -1 : x->base > y->base;
}

/* The mspan at sp from its bytes; false (and a note) when its fields
 * contradict each other. */
static bool decode_span(struct gm_heapobj *h, uint64_t sp, const uint8_t *b, struct gm_hspan *o)
{
	const struct gm_layout *l = h->l;
	int wide = l->go_minor >= 22 ? 2 : 8; /* nelems, freeindex: uint16 from 1.22 */
	uint64_t npages = le(b + l->mspan_npages, 8);
	uint64_t nelems = le(b + l->mspan_nelems, wide);
	uint64_t freeindex = le(b + l->mspan_freeindex, wide);
	o->mspan = sp;
	o->base = le(b + l->mspan_startaddr, 8);
	o->elemsize = le(b + l->mspan_elemsize, 8);
	uint64_t allocbits = le(b + l->mspan_allocbits, 8);
	o->alloccount = (uint16_t)le(b + l->mspan_alloccount, 2);
	o->spanclass = b[l->mspan_spanclass];
	unsigned sc = o->spanclass >> 1;
	const char *why = NULL;
	if (!o->base || o->base % PAGE_SIZE_GO || o->base + npages * PAGE_SIZE_GO < o->base)
		why = "start address";
	else if (!npages || npages > MAX_SPAN_PAGES)
		why = "page count";
	else if (sc >= GM_HEAP_NCLASSES)
		why = "size class";
	else if (!o->elemsize || o->elemsize > npages * PAGE_SIZE_GO ||
		 (sc == 0 && o->elemsize != npages * PAGE_SIZE_GO))
		why = "element size";
	else if (!nelems || nelems > 0xffff || nelems * o->elemsize > npages * PAGE_SIZE_GO ||
		 (sc == 0 && nelems != 1))
		why = "object count";
	else if (freeindex > nelems || o->alloccount > nelems)
		why = "free index or allocation count";
	else if (!allocbits)
		why = "allocation bitmap";
	if (why) {
		problem(h, "span 0x%llx: its %s is impossible; span skipped (and its objects)",
			(unsigned long long)sp, why);
		h->skipped++;
		return false;
	}
	o->npages = (uint32_t)npages;
	o->nelems = (uint16_t)nelems;
	o->freeindex = (uint16_t)freeindex;
	return true;
}

struct gm_error *gm_heapobj_build(struct gm_memsrc *m, const struct gm_layout *l,
				  struct gm_heapobj **ret)
{
	*ret = NULL;
	int32_t offs[] = {l->mspan_startaddr, l->mspan_npages, l->mspan_elemsize, l->mspan_state,
			  l->mspan_spanclass, l->mspan_alloccount, l->mspan_nelems,
			  l->mspan_freeindex, l->mspan_allocbits};
	size_t need = 0; /* bytes of an mspan to read: its last field we use */
	for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		if (offs[i] < 0 || offs[i] + 8 > SPAN_READ)
			return gm_error_create(GM_ERR_UNSUPPORTED,
					       "the layout lacks runtime.mspan fields for the object walk");
		if ((size_t)offs[i] + 8 > need)
			need = (size_t)offs[i] + 8;
	}
	if (!l->mheap || l->mheap_allspans < 0 || l->mspan_inuse < 0)
		return gm_error_create(GM_ERR_UNSUPPORTED, "runtime.mheap_ not found");
	uint64_t arr, n;
	if (!gm_memsrc_u64(m, l->mheap + (uint64_t)l->mheap_allspans, &arr) ||
	    !gm_memsrc_u64(m, l->mheap + (uint64_t)l->mheap_allspans + 8, &n))
		return gm_error_create(GM_ERR_FORMAT, "mheap_.allspans is not readable");
	if (n > MAX_SPANS || !n)
		return gm_error_create(GM_ERR_FORMAT, "mheap_.allspans has %llu entries",
				       (unsigned long long)n);
	struct gm_heapobj *h = calloc(1, sizeof(*h));
	if (!h)
		return &gm_error_nomem;
	h->m = m;
	h->l = l;
	h->allspans = n;
	size_t cap = 0;
	uint64_t batch[BATCH];
	for (uint64_t i = 0; i < n; i += BATCH) {
		size_t k = n - i < BATCH ? (size_t)(n - i) : BATCH;
		if (!gm_memsrc_try_read(m, arr + 8 * i, batch, 8 * k)) {
			/* one by one: keep what is readable */
			for (size_t j = 0; j < k; j++)
				if (!gm_memsrc_u64(m, arr + 8 * (i + j), &batch[j])) {
					problem(h, "mheap_.allspans[%llu] is not in the core",
						(unsigned long long)(i + j));
					batch[j] = 0;
				}
		}
		for (size_t j = 0; j < k; j++) {
			uint8_t b[SPAN_READ] = {0};
			uint64_t sp = batch[j];
			if (!sp || !gm_memsrc_try_read(m, sp, b, need))
				continue;
			if (b[l->mspan_state] != (uint8_t)l->mspan_inuse)
				continue;
			if (h->n == cap && !gm_big_grow((void **)&h->spans, &cap, h->n + 1, sizeof(*h->spans))) {
				gm_heapobj_destroy(h);
				return &gm_error_nomem;
			}
			if (decode_span(h, sp, b, &h->spans[h->n]))
				h->n++;
		}
	}
	if (h->n) /* qsort(NULL, 0) is undefined */
		qsort(h->spans, h->n, sizeof(*h->spans), cmp_base);
	/* overlapping spans: one of them is damaged; keep the first */
	size_t w = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (w && h->spans[i].base <
				 h->spans[w - 1].base + (uint64_t)h->spans[w - 1].npages * PAGE_SIZE_GO) {
			problem(h, "spans 0x%llx and 0x%llx overlap; the second skipped",
				(unsigned long long)h->spans[w - 1].mspan,
				(unsigned long long)h->spans[i].mspan);
			h->skipped++;
			continue;
		}
		h->spans[w++] = h->spans[i];
	}
	h->n = w;
	build_pagetab(h);
	*ret = h;
	return NULL;
}

const struct gm_hspan *gm_heapobj_find(const struct gm_heapobj *h, uint64_t addr, uint32_t *slot)
{
	if (h->pagespan) {
		uint64_t pg = (addr - h->pt_lo) / PAGE_SIZE_GO;
		if (addr < h->pt_lo || pg >= h->pt_pages || !h->pagespan[pg])
			return NULL;
		const struct gm_hspan *s = &h->spans[h->pagespan[pg] - 1];
		uint64_t off = addr - s->base;
		if (off >= (uint64_t)s->nelems * s->elemsize)
			return NULL;
		/* a large span has one slot; a small one is under 4 GiB (a
		 * 32-bit division: most of the lookups' own time) */
		if (slot)
			*slot = s->nelems == 1		  ? 0
				: off <= UINT32_MAX && s->elemsize <= UINT32_MAX ? (uint32_t)off / (uint32_t)s->elemsize
						    : (uint32_t)(off / s->elemsize);
		return s;
	}
	size_t lo = 0, hi = h->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->spans[mid].base <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	const struct gm_hspan *s = &h->spans[lo - 1];
	uint64_t off = addr - s->base;
	if (off >= (uint64_t)s->nelems * s->elemsize)
		return NULL;
	if (slot)
		*slot = (uint32_t)(off / s->elemsize);
	return s;
}

uint64_t gm_hspan_allocbits(const struct gm_heapobj *h, const struct gm_hspan *s)
{
	uint64_t a = 0;
	return gm_memsrc_u64(h->m, s->mspan + (uint64_t)h->l->mspan_allocbits, &a) ? a : 0;
}

int gm_heapobj_alloc_bits(const struct gm_heapobj *h, const struct gm_hspan *s, uint8_t *bits)
{
	size_t nb = ((size_t)s->nelems + 7) / 8;
	uint64_t a = gm_hspan_allocbits(h, s);
	if (!a || !gm_memsrc_try_read(h->m, a, bits, nb))
		return -1;
	unsigned fi = s->freeindex;
	for (unsigned i = 0; i < fi / 8; i++)
		bits[i] = 0xff;
	if (fi % 8)
		bits[fi / 8] |= (uint8_t)((1u << (fi % 8)) - 1);
	if (s->nelems % 8)
		bits[nb - 1] &= (uint8_t)((1u << (s->nelems % 8)) - 1);
	int n = 0;
	for (size_t i = 0; i < nb; i++)
		n += __builtin_popcount(bits[i]);
	return n;
}

bool gm_heapobj_noallocheaders(const struct gm_gobin *gb)
{
	const char *mi = gb ? gb->modinfo : NULL;
	const char *e = mi ? strstr(mi, "GOEXPERIMENT=") : NULL;
	if (!e)
		return false;
	size_t n = strcspn(e, "\n\t");
	const char *x = strstr(e, "noallocheaders");
	return x && x < e + n;
}

struct gm_error *gm_heapids_build(const struct gm_heapobj *h, const char *what, struct gm_heapids *ids,
				  char *problem, size_t plen)
{
	memset(ids, 0, sizeof(*ids));
	ids->first = gm_big_calloc(h->n + 1, sizeof(*ids->first));
	if (!ids->first)
		return &gm_error_nomem;
	for (size_t i = 0; i < h->n; i++) {
		ids->first[i] = (uint32_t)ids->nslots;
		ids->nslots += h->spans[i].nelems;
		if (ids->nslots > GM_HEAPIDS_MAX) {
			gm_heapids_free(ids);
			return gm_error_create(GM_ERR_FORMAT, "more than %u heap slots: too many for %s",
					       GM_HEAPIDS_MAX, what);
		}
	}
	ids->first[h->n] = (uint32_t)ids->nslots;
	/* id -> span: the span of every 64th id (NULL: binary search) */
	ids->block = malloc((ids->nslots / 64 + 1) * sizeof(*ids->block));
	if (ids->block) {
		size_t i = 0;
		for (uint64_t b = 0; b <= ids->nslots / 64; b++) {
			while (i + 1 < h->n && ids->first[i + 1] <= b * 64)
				i++;
			ids->block[b] = (uint32_t)i;
		}
	}
	if (h->n) {
		ids->lo = h->spans[0].base;
		const struct gm_hspan *last = &h->spans[h->n - 1];
		ids->hi = last->base + (uint64_t)last->nelems * last->elemsize;
	}
	ids->alloc = gm_big_calloc(ids->nslots / 8 + 1, 1);
	if (!ids->alloc) {
		gm_heapids_free(ids);
		return &gm_error_nomem;
	}
	uint8_t bits[8192];
	for (size_t i = 0; i < h->n; i++) {
		const struct gm_hspan *s = &h->spans[i];
		int n = gm_heapobj_alloc_bits(h, s, bits);
		if (n < 0) {
			gm_first_problem(problem, plen, "span 0x%llx: its allocation bitmap is unreadable; its "
							"objects are left out",
					 (unsigned long long)s->mspan);
			ids->unreadable++;
			continue;
		}
		for (unsigned k = 0; k < s->nelems; k++)
			if (bits[k / 8] >> (k % 8) & 1)
				ids->alloc[(ids->first[i] + k) / 8] |= (uint8_t)(1u << ((ids->first[i] + k) % 8));
		ids->objects += (uint64_t)n;
		ids->bytes += (uint64_t)n * s->elemsize;
	}
	return NULL;
}

void gm_heapids_free(struct gm_heapids *ids)
{
	gm_big_free(ids->first);
	gm_big_free(ids->alloc);
	free(ids->block);
	memset(ids, 0, sizeof(*ids));
}

const struct gm_hspan *gm_heapids_span(const struct gm_heapobj *h, const struct gm_heapids *ids, uint64_t id,
				       uint32_t *slot)
{
	if (ids->block && id < ids->nslots) {
		size_t i = ids->block[id / 64];
		while (i + 1 < h->n && ids->first[i + 1] <= id) /* at most 64 empty spans apart */
			i++;
		*slot = (uint32_t)(id - ids->first[i]);
		return &h->spans[i];
	}
	size_t lo = 0, hi = h->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids->first[mid] <= id)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct gm_hspan *s = &h->spans[lo - 1];
	*slot = (uint32_t)(id - ids->first[lo - 1]);
	return s;
}

bool gm_heapobj_recorded_type(const struct gm_heapobj *h, const struct gm_hspan *s, uint64_t base,
			      uint64_t *typ)
{
	*typ = 0;
	if (gm_hspan_noscan(s))
		return false;
	if (!gm_hspan_class(s))
		return h->l->mspan_largetype >= 0 &&
		       gm_memsrc_u64(h->m, s->mspan + (uint64_t)h->l->mspan_largetype, typ) && *typ;
	return s->elemsize > 512 && gm_memsrc_u64(h->m, base, typ) && *typ;
}

bool gm_special_read(struct gm_memsrc *m, const struct gm_layout *l, uint64_t sp, uint64_t *next, uint8_t *kind,
		     uint64_t *off)
{
	*off = 0;
	if (!gm_memsrc_u64(m, sp + (uint64_t)l->special_next, next) ||
	    !gm_memsrc_u8(m, sp + (uint64_t)l->special_kind, kind))
		return false;
	if (l->special_kind - l->special_offset == 2) {
		uint8_t b[2];
		if (!gm_memsrc_try_read(m, sp + (uint64_t)l->special_offset, b, 2))
			return false;
		*off = (uint64_t)b[0] | (uint64_t)b[1] << 8;
		return true;
	}
	return gm_memsrc_u64(m, sp + (uint64_t)l->special_offset, off);
}

bool gm_cycle_step(struct gm_cycle *y, uint64_t cur)
{
	if (cur == y->tort)
		return true;
	if (!y->power)
		y->power = 1;
	if (++y->lam == y->power) {
		y->tort = cur;
		y->power *= 2;
		y->lam = 0;
	}
	return false;
}

bool gm_special_order_ok(struct gm_special_order *o, const struct gm_layout *l, uint64_t sp, uint64_t off,
			 uint8_t kind)
{
	if (o->n++) {
		if (off < o->prev_off || (off == o->prev_off && kind < o->prev_kind))
			return false;
		if (off == o->prev_off && kind == o->prev_kind &&
		    !((l->kind_cleanup >= 0 && kind == l->kind_cleanup) ||
		      (l->kind_checkfinalizer >= 0 && kind == l->kind_checkfinalizer)))
			return false;
	}
	if (gm_cycle_step(&o->cyc, sp))
		return false;
	o->prev_off = off;
	o->prev_kind = kind;
	return true;
}

bool gm_hspan_specials(struct gm_memsrc *m, const struct gm_layout *l, const struct gm_hspan *s, uint64_t *budget,
		       bool (*fn)(void *arg, uint64_t sp, uint8_t kind, uint64_t off), void *arg, uint64_t *bad)
{
	uint64_t sp = 0;
	*bad = 0;
	if (!gm_memsrc_u64(m, s->mspan + (uint64_t)l->mspan_specials, &sp)) {
		*bad = s->mspan;
		return false;
	}
	uint64_t limit = (uint64_t)s->npages * 8192;
	struct gm_special_order order = {0};
	while (sp) {
		uint64_t next = 0, off = 0;
		uint8_t kind = 0;
		*bad = sp;
		if (!*budget || !gm_special_read(m, l, sp, &next, &kind, &off) || off >= limit ||
		    !gm_special_order_ok(&order, l, sp, off, kind))
			return false;
		(*budget)--;
		if (!fn(arg, sp, kind, off))
			break;
		sp = next;
	}
	*bad = 0;
	return true;
}
