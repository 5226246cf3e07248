/* The one mark of the heap from its roots (include/walk/gm_heapmark.h):
 * heap --why (heapwhy.c) and the proof of goroutine leaks (heapleak.c).
 * Never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_goroutines.h"
#include "gm_heapmark.h"
#include "gm_bigmem.h"
#include "rtcheck.h"

#define MIN_SIZE_FOR_MALLOC_HEADER 512 /* exclusive (runtime/mbitmap.go) */
#define ROOT_PARENT 0xffffffffu        /* scan(): the words are roots */
#define CHUNK 65536                    /* bytes read at once while scanning */
#define MAX_ROOTS (1u << 28)
#define MAX_SPECIALS_PER_SPAN (1u << 20)
#define MAX_SPECIALS (1u << 26)
#define MAX_BLOCKS (1u << 22)
#define PAGE_SIZE_GO 8192

#define problem(k, ...) gm_first_problem((k)->problem, (k)->plen, __VA_ARGS__)

bool gm_hmark_has_header(const struct gm_hmark *c, const struct gm_hspan *s)
{
	return c->headers && !gm_hspan_noscan(s) && gm_hspan_class(s) && s->elemsize > MIN_SIZE_FOR_MALLOC_HEADER;
}

static void reach(struct gm_hmark *c, uint64_t id, uint32_t parent)
{
	c->parent[id] = parent;
	c->queue[c->qtail++] = (uint32_t)id;
}

/* w is a hidden word (binary search of the sorted set) */
static bool hidden(const struct gm_hmark *c, uint64_t w)
{
	size_t lo = 0, hi = c->nhidden;
	if (w < c->hidden[0] || w > c->hidden[hi - 1])
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->hidden[mid] == w)
			return true;
		if (c->hidden[mid] < w)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void scan_masked(struct gm_hmark *c, uint64_t a, uint64_t len, uint32_t from, const uint8_t *mask);

/* scans [a, a+len) for pointers; from: ROOT_PARENT (a root region) or the
 * object id + 1 whose words these are */
static void scan(struct gm_hmark *c, uint64_t a, uint64_t len, uint32_t from)
{
	scan_masked(c, a, len, from, NULL);
}

/* the same, only the words whose bit is set in mask (bit i: the word at
 * a + 8i; NULL: every word) */
static void scan_masked(struct gm_hmark *c, uint64_t a, uint64_t len, uint32_t from, const uint8_t *mask)
{
	uint64_t buf[CHUNK / 8];
	a = (a + 7) & ~7ull;
	for (uint64_t done = 0; done + 8 <= len && !c->nomem;) {
		uint64_t n = len - done;
		if (n > CHUNK)
			n = CHUNK;
		n &= ~7ull;
		if (!gm_memsrc_try_read(c->m, a + done, buf, n)) {
			/* read what can be read, a page at a time */
			if (n > 4096) {
				n = 4096 - ((a + done) & 4095);
				if (n < 8)
					n = 8;
				if (!gm_memsrc_try_read(c->m, a + done, buf, n)) {
					c->unreadable_bytes += n;
					done += n;
					continue;
				}
			} else {
				c->unreadable_bytes += n;
				done += n;
				continue;
			}
		}
		for (uint64_t i = 0; i < n / 8; i++) {
			if (mask) {
				uint64_t wi = done / 8 + i;
				if (!(mask[wi / 8] >> (wi % 8) & 1))
					continue;
			}
			uint64_t v = buf[i];
			if (v < c->ids.lo || v >= c->ids.hi)
				continue;
			uint64_t id = gm_hmark_id(c, v);
			if (id == UINT64_MAX || c->parent[id])
				continue;
			uint64_t w = a + done + i * 8;
			if (c->nhidden && hidden(c, w))
				continue;
			if (from != ROOT_PARENT) {
				reach(c, id, from);
				continue;
			}
			if (!c->keep_roots) {
				reach(c, id, GM_HMARK_ROOT_BASE);
				continue;
			}
			if (c->nroots == c->rootcap) {
				size_t nc = c->rootcap ? c->rootcap * 2 : 1024;
				struct gm_hmark_root *nr = nc <= MAX_ROOTS ? realloc(c->roots, nc * sizeof(*nr)) : NULL;
				if (!nr) {
					c->nomem = true;
					return;
				}
				c->roots = nr;
				c->rootcap = nc;
			}
			struct gm_hmark_root *rt = &c->roots[c->nroots];
			*rt = (struct gm_hmark_root){.word = w};
			if (c->cur_goid) {
				rt->stack = true;
				rt->goid = c->cur_goid;
				/* the physical frame the word is in: the last with sp <= w */
				for (size_t k = 0; k < c->nframes && c->frame_sp[k] <= w; k++)
					rt->func_entry = c->frame_entry[k];
			}
			reach(c, id, GM_HMARK_ROOT_BASE + (uint32_t)c->nroots++);
		}
		done += n;
	}
}

#define TFLAG_BIT4 16 /* 1.22-1.23 TFlagUnrolledBitmap, 1.24+ TFlagGCMaskOnDemand */

/* The pointer mask of the type the runtime recorded for an object (a
 * malloc header or mspan.largeType, Go 1.22+): its GCData bitmap, PtrBytes
 * / 8 bits (1.24+: GCData one dereference away when the mask is built on
 * demand, nil until then). false when there is none to use. */
bool gm_hmark_type_mask(struct gm_hmark *c, uint64_t typ, uint64_t room, uint64_t *size, uint64_t *ptrbytes)
{
	uint8_t t[48];
	if (!typ || typ % 8 || !gm_memsrc_try_read(c->m, typ, t, sizeof(t)))
		return false;
	uint64_t sz, pb, gcdata;
	memcpy(&sz, t, 8);
	memcpy(&pb, t + 8, 8);
	memcpy(&gcdata, t + 32, 8);
	if (!sz || sz > room || pb > sz || pb % 8 || (pb / 8 + 7) / 8 > GM_HMARK_MAX_MASK)
		return false;
	if ((t[20] & TFLAG_BIT4) && c->l->go_minor >= 24 && !gm_memsrc_u64(c->m, gcdata, &gcdata))
		return false;
	if (!gcdata)
		return false;
	uint64_t nb = (pb / 8 + 7) / 8;
	if (nb && !gm_memsrc_try_read(c->m, gcdata, c->mask, nb))
		return false;
	*size = sz;
	*ptrbytes = pb;
	return true;
}

/* the *_type the runtime recorded for the object at base in span s (its
 * malloc header, or the span's largeType; Go 1.22+ scan objects only):
 * false when there is none or it cannot be read */
bool gm_hmark_object_type(const struct gm_hmark *c, const struct gm_hspan *s, uint64_t base, uint64_t *typ)
{
	*typ = 0;
	return c->headers && gm_heapobj_recorded_type(c->h, s, base, typ);
}

static void scan_object(struct gm_hmark *c, uint64_t id)
{
	uint32_t slot;
	const struct gm_hspan *s = gm_hmark_span(c, id, &slot);
	if (gm_hspan_noscan(s))
		return;
	uint64_t base = s->base + (uint64_t)slot * s->elemsize;
	uint64_t skip = gm_hmark_has_header(c, s) ? 8 : 0;
	/* a recorded type: only the words its pointer mask names, element by
	 * element (an array allocation repeats the type) */
	uint64_t typ, size, pb;
	if (gm_hmark_object_type(c, s, base, &typ)) {
		if (gm_hmark_type_mask(c, typ, s->elemsize - skip, &size, &pb)) {
			c->objects_precise++;
			uint64_t n = (s->elemsize - skip) / size;
			for (uint64_t e = 0; e < n && pb && !c->nomem; e++)
				scan_masked(c, base + skip + e * size, pb, (uint32_t)(id + 1), c->mask);
			return;
		}
	}
	scan(c, base + skip, s->elemsize - skip, (uint32_t)(id + 1));
}

/* ---- roots ---- */

/* a byte reader over target memory, through a small cache */
struct progrd {
	struct gm_memsrc *m;
	uint64_t at, base;
	size_t len;
	uint8_t buf[256];
};

static bool rd_byte(struct progrd *r, uint8_t *out)
{
	if (r->at < r->base || r->at >= r->base + r->len) {
		r->len = 0;
		r->base = r->at;
		for (size_t k = sizeof(r->buf); k >= 1 && !r->len; k /= 2)
			if (gm_memsrc_try_read(r->m, r->at, r->buf, k))
				r->len = k;
		if (!r->len)
			return false;
	}
	*out = r->buf[r->at++ - r->base];
	return true;
}

static bool rd_varint(struct progrd *r, uint64_t *v)
{
	*v = 0;
	for (unsigned sh = 0; sh <= 56; sh += 7) {
		uint8_t x;
		if (!rd_byte(r, &x))
			return false;
		*v |= (uint64_t)(x & 0x7f) << sh;
		if (!(x & 0x80))
			return true;
	}
	return false;
}

/* The pointer mask a GC program describes (runtime/mbitmap.go runGCProg:
 * literal bits; repeats of the last n bits c times), at most nbits bits,
 * into mask (zeroed by the caller). false when the program is unreadable
 * or does not end within the bound. */
static bool run_gcprog(struct gm_memsrc *m, uint64_t prog, uint8_t *mask, uint64_t nbits)
{
	struct progrd r = {.m = m, .at = prog};
	uint64_t out = 0;
	for (uint64_t steps = 0; steps < (1u << 24); steps++) {
		uint8_t inst;
		if (!rd_byte(&r, &inst))
			return false;
		uint64_t n = inst & 0x7f;
		if (!(inst & 0x80)) {
			if (!n)
				return true;
			uint8_t b = 0;
			for (uint64_t i = 0; i < n; i++, out++) {
				if (i % 8 == 0 && !rd_byte(&r, &b))
					return false;
				if (out >= nbits)
					return false;
				if (b >> (i % 8) & 1)
					mask[out / 8] |= (uint8_t)(1u << (out % 8));
			}
			continue;
		}
		uint64_t cnt;
		if ((!n && !rd_varint(&r, &n)) || !rd_varint(&r, &cnt))
			return false;
		if (!n || n > out || (cnt && n > (nbits - out) / cnt))
			return false;
		for (uint64_t k = 0; k < n * cnt; k++, out++) {
			uint64_t from = out - n;
			if (mask[from / 8] >> (from % 8) & 1)
				mask[out / 8] |= (uint8_t)(1u << (out % 8));
		}
	}
	return false;
}

/* .data and .bss: precisely, the words the GC's masks (moduledata.gcdata,
 * gcbss: GC programs) say are pointers; conservatively when they cannot
 * be read. Every module's: the executable's, then each Go plugin's (gb's
 * next modules), as the runtime's markroot does for activeModules. */
static void scan_module_globals(struct gm_hmark *c, const struct gm_gobin *gb)
{
	static const char *const secs[] = {".data", ".bss"};
	uint64_t prog[2] = {0, 0};
	if (gb->moduledata_addr && c->l->moduledata_types >= 16) {
		uint64_t f = gb->moduledata_addr + (uint64_t)c->l->moduledata_types - 16;
		if (!gm_memsrc_u64(c->m, f, &prog[0]) || !gm_memsrc_u64(c->m, f + 8, &prog[1]))
			prog[0] = prog[1] = 0;
	}
	for (int i = 0; i < 2; i++) {
		uint64_t a, n;
		if (!gm_gobin_section(gb, secs[i], &a, &n) || !n)
			continue;
		c->global_bytes += n;
		uint64_t nw = n / 8;
		uint8_t *mask = prog[i] && nw < (1ull << 32) ? calloc(nw / 8 + 1, 1) : NULL;
		if (mask && run_gcprog(c->m, prog[i], mask, nw)) {
			c->globals_precise++;
			for (uint64_t w = 0; w < nw && !c->nomem; w++) {
				if (!(mask[w / 8] >> (w % 8) & 1))
					continue;
				uint64_t end = w;
				while (end + 1 < nw && mask[(end + 1) / 8] >> ((end + 1) % 8) & 1)
					end++;
				scan(c, a + w * 8, (end - w + 1) * 8, ROOT_PARENT);
				w = end;
			}
		} else {
			problem(c, "the GC's pointer mask of %s%s%s is unreadable: scanned conservatively",
				gb == c->gb ? "" : gb->path, gb == c->gb ? "" : " ", secs[i]);
			scan(c, a, n, ROOT_PARENT);
		}
		free(mask);
	}
}

void gm_hmark_globals(struct gm_hmark *c)
{
	size_t n = 0;
	for (const struct gm_gobin *gb = c->gb; gb && n < GM_GOBIN_MAX_MODULES; gb = gb->next_module, n++)
		scan_module_globals(c, gb);
}

/* Without root records no frame is needed: a parked or runnable goroutine's
 * stack starts at g.sched.sp, only the others (running, in a system call)
 * are unwound to find where theirs starts. */
static bool unwind_needed(void *arg, const struct gm_goroutine *g)
{
	const struct gm_layout *l = arg;
	int32_t st = (int32_t)(g->status & ~l->gs_scan);
	return !(st == l->gs_waiting || st == l->gs_runnable || (l->gs_leaked >= 0 && st == l->gs_leaked));
}

/* the stack of g from the sp saved in g.sched (have_sp) or found by the
 * unwind (sp0): [*sp0, *hi), false when unreadable */
static bool saved_stack(struct gm_hmark *c, uint64_t g, bool have_sp, bool from_sched, uint64_t *sp0, uint64_t *hi)
{
	uint64_t lo = 0;
	*hi = 0;
	if (from_sched)
		have_sp = gm_memsrc_u64(c->m, g + (uint64_t)c->l->g_sched_sp, sp0) && *sp0 &&
			  c->l->g_stack_lo >= 0 && gm_memsrc_u64(c->m, g + (uint64_t)c->l->g_stack_lo, &lo) &&
			  *sp0 >= lo;
	return have_sp && c->l->g_stack_hi >= 0 && gm_memsrc_u64(c->m, g + (uint64_t)c->l->g_stack_hi, hi) &&
	       *hi > *sp0 && *hi - *sp0 <= (1ull << 30);
}

void gm_hmark_parked_stack(struct gm_hmark *c, uint64_t g)
{
	uint64_t sp0 = 0, hi;
	if (!c->nomem && c->l->g_sched_sp >= 0 && saved_stack(c, g, false, true, &sp0, &hi))
		gm_hmark_region(c, sp0, hi - sp0, 0);
}

void gm_hmark_goroutine(struct gm_hmark *c, const struct gm_goroutine *g, gm_hmark_hold_fn hold, void *arg)
{
	if (c->nomem)
		return;
	uint64_t hi = 0, sp0 = g->nframes ? g->frames[0].sp : 0;
	/* parked or runnable, or not unwound: where the runtime saved it (a
	 * walk shared with a caller unwinds every goroutine; the stack starts
	 * there all the same) */
	bool from_sched =
		g->stack_skipped || (!c->keep_roots && c->l->g_sched_sp >= 0 && !unwind_needed((void *)c->l, g));
	bool readable = saved_stack(c, g->addr, g->nframes > 0, from_sched, &sp0, &hi);
	/* held: the caller's (hi 0: no readable stack) */
	if (hold && hold(arg, g, readable ? sp0 : 0, readable ? hi : 0))
		return;
	if (!readable) {
		c->goroutines_unscanned++;
		return;
	}
	/* the physical frames, innermost first */
	if (g->nphys > c->fcap) {
		size_t nc = g->nphys;
		uint64_t *a = realloc(c->fsp, nc * sizeof(*a)), *b = a ? realloc(c->fentry, nc * sizeof(*b)) : NULL;
		if (a)
			c->fsp = a;
		if (b)
			c->fentry = b;
		if (!a || !b) {
			c->nomem = true;
			return;
		}
		c->fcap = nc;
	}
	size_t np = 0;
	for (size_t i = 0; i < g->nframes && np < c->fcap; i++) {
		if (g->frames[i].native)
			continue;
		if (np && g->frames[i].phys == g->frames[i - 1].phys) {
			c->fentry[np - 1] = g->frames[i].entry; /* the outermost logical frame's */
			continue;
		}
		c->fsp[np] = g->frames[i].sp;
		c->fentry[np++] = g->frames[i].entry;
	}
	c->cur_goid = g->goid ? g->goid : UINT64_MAX;
	c->frame_sp = c->fsp;
	c->frame_entry = c->fentry;
	c->nframes = np;
	c->goroutines++;
	c->stack_bytes += hi - sp0;
	scan(c, sp0, hi - sp0, ROOT_PARENT);
	c->cur_goid = 0;
	c->nframes = 0;
}

void gm_hmark_walk_end(struct gm_hmark *c, const struct gm_gwalk_stats *st, const char *stopped)
{
	if (!st) {
		problem(c, "goroutine stacks not scanned: %s", stopped ? stopped : "no goroutine walk");
		c->walk_stopped = true;
		return;
	}
	if (stopped) {
		problem(c, "goroutine walk stopped: %s", stopped);
		c->walk_stopped = true;
	}
	c->goroutines_unreadable = st->unreadable;
}

void gm_hmark_stacks(struct gm_hmark *c, struct gm_target *t, gm_hmark_hold_fn hold, void *arg)
{
	struct gm_gwalk_opts o = {0};
	if (!c->keep_roots && c->l->g_sched_sp >= 0) {
		o.want_stack = unwind_needed;
		o.want_stack_arg = (void *)c->l;
	}
	struct gm_gwalk *w;
	struct gm_error *err = gm_gwalk_create(t, c->gb, c->l, &o, &w);
	if (err) {
		gm_hmark_walk_end(c, NULL, err->msg);
		gm_error_destroy(err);
		return;
	}
	for (;;) {
		const struct gm_goroutine *g;
		if ((err = gm_gwalk_next(w, &g))) {
			struct gm_gwalk_stats stats;
			gm_gwalk_stats(w, &stats);
			gm_hmark_walk_end(c, &stats, err->msg);
			gm_error_destroy(err);
			gm_gwalk_destroy(w);
			return;
		}
		if (!g || c->nomem)
			break;
		gm_hmark_goroutine(c, g, hold, arg);
	}
	struct gm_gwalk_stats stats;
	gm_gwalk_stats(w, &stats);
	gm_hmark_walk_end(c, &stats, NULL);
	gm_gwalk_destroy(w);
}


void gm_hmark_region(struct gm_hmark *c, uint64_t a, uint64_t len, uint64_t goid)
{
	c->cur_goid = goid;
	c->nframes = 0;
	scan(c, a, len, ROOT_PARENT);
	c->cur_goid = 0;
}

void gm_hmark_drain(struct gm_hmark *c)
{
	while (c->qhead < c->qtail && !c->nomem)
		scan_object(c, c->queue[c->qhead++]);
}

bool gm_hmark_drain_some(struct gm_hmark *c, size_t max)
{
	for (size_t n = 0; n < max && c->qhead < c->qtail && !c->nomem; n++)
		scan_object(c, c->queue[c->qhead++]);
	return c->qhead >= c->qtail || c->nomem;
}

/* ---- the runtime's roots outside the heap (runtime/mgcmark.go markroot) ---- */

static bool rd64(struct gm_hmark *c, uint64_t a, uint64_t *v)
{
	return gm_memsrc_u64(c->m, a, v);
}

/* the specials of every in-use span: a finalizer's object is scanned (not
 * marked: the runtime's markrootSpans scans what it points to) and its
 * function is a root; a cleanup's function is a root */
static void specials_roots(struct gm_hmark *c)
{
	const struct gm_layout *l = c->l;
	if (l->mspan_specials < 0 || l->special_next < 0 || l->special_offset < 0 || l->special_kind < 0) {
		problem(c, "the spans' specials are not scanned: their layout is unknown");
		return;
	}
	uint64_t budget = MAX_SPECIALS;
	for (size_t i = 0; i < c->h->n && !c->nomem; i++) {
		const struct gm_hspan *s = &c->h->spans[i];
		uint64_t sp;
		if (!rd64(c, s->mspan + (uint64_t)l->mspan_specials, &sp)) {
			problem(c, "span 0x%llx: specials unreadable", (unsigned long long)s->mspan);
			c->unreadable_bytes += s->elemsize;
			continue;
		}
		uint64_t limit = (uint64_t)s->npages * PAGE_SIZE_GO;
		struct gm_special_order order = {0};
		for (unsigned n = 0; sp; n++) {
			if (n >= MAX_SPECIALS_PER_SPAN || !budget--) {
				problem(c, "span 0x%llx: too many specials (corrupt list?)", (unsigned long long)s->mspan);
				c->unreadable_bytes += s->elemsize;
				break;
			}
			uint64_t next, off;
			uint8_t kind;
			bool ok = gm_special_read(c->m, l, sp, &next, &kind, &off);
			/* in the runtime's order, no cycle: anything else is damage */
			if (!ok || off >= limit || !gm_special_order_ok(&order, l, sp, off, kind)) {
				problem(c, "span 0x%llx: special list damaged at 0x%llx", (unsigned long long)s->mspan,
					(unsigned long long)sp);
				c->unreadable_bytes += s->elemsize;
				break;
			}
			if (l->kind_finalizer >= 0 && kind == l->kind_finalizer) {
				uint64_t base = s->base + off / s->elemsize * s->elemsize;
				uint64_t skip = gm_hmark_has_header(c, s) ? 8 : 0;
				c->runtime_roots++;
				if (!gm_hspan_noscan(s))
					gm_hmark_region(c, base + skip, s->elemsize - skip, 0);
				if (l->spfin_fn >= 0)
					gm_hmark_region(c, sp + (uint64_t)l->spfin_fn, 8, 0);
			} else if (l->kind_cleanup >= 0 && kind == l->kind_cleanup && l->spcleanup_fn >= 0) {
				c->runtime_roots++;
				/* the cleanup's function and what follows it (1.26+ cleanupFn holds more) */
				gm_hmark_region(c, sp + (uint64_t)l->spcleanup_fn, 16, 0);
			}
			sp = next;
		}
	}
}

/* the finalizer queue (every block of allfin: function and argument of
 * entries [0:cnt)) and the cleanup queue (1.25+: gcCleanups.all blocks) */
static void queue_roots(struct gm_hmark *c)
{
	const struct gm_layout *l = c->l;
	if (l->allfin && l->finblock_alllink >= 0 && l->finblock_cnt >= 0 && l->finblock_fin >= 0 &&
	    l->finalizer_size > 0 && l->finblock_size > l->finblock_fin) {
		uint64_t cap = (uint64_t)(l->finblock_size - l->finblock_fin) / (uint64_t)l->finalizer_size, b;
		if (!rd64(c, l->allfin, &b))
			problem(c, "runtime.allfin unreadable: the finalizer queue is not scanned");
		for (unsigned n = 0; b && !c->nomem; n++) {
			uint32_t cnt;
			if (n >= MAX_BLOCKS || !gm_memsrc_u32(c->m, b + (uint64_t)l->finblock_cnt, &cnt) || cnt > cap) {
				problem(c, "the finalizer queue's blocks are damaged (at 0x%llx)", (unsigned long long)b);
				c->unreadable_bytes += 8;
				break;
			}
			c->runtime_roots += cnt;
			gm_hmark_region(c, b + (uint64_t)l->finblock_fin, (uint64_t)cnt * (uint64_t)l->finalizer_size, 0);
			if (!rd64(c, b + (uint64_t)l->finblock_alllink, &b)) {
				problem(c, "the finalizer queue's blocks are damaged");
				c->unreadable_bytes += 8;
				break;
			}
		}
	} else if (l->allfin) {
		problem(c, "the finalizer queue is not scanned: its layout is unknown");
	}
	if (!l->gc_cleanups)
		return;
	if (l->cleanupq_all < 0 || l->cleanupblock_alllink < 0 || l->cleanupblock_n < 0 ||
	    l->cleanupblock_cleanups < 0 || l->cleanupblock_entsize <= 0 ||
	    l->cleanupblock_size <= l->cleanupblock_cleanups) {
		problem(c, "the cleanup queue is not scanned: its layout is unknown");
		return;
	}
	uint64_t cap = (uint64_t)(l->cleanupblock_size - l->cleanupblock_cleanups) / (uint64_t)l->cleanupblock_entsize, b;
	if (!rd64(c, l->gc_cleanups + (uint64_t)l->cleanupq_all, &b)) {
		problem(c, "runtime.gcCleanups unreadable: the cleanup queue is not scanned");
		return;
	}
	for (unsigned n = 0; b && !c->nomem; n++) {
		uint32_t cnt;
		if (n >= MAX_BLOCKS || !gm_memsrc_u32(c->m, b + (uint64_t)l->cleanupblock_n, &cnt) || cnt > cap) {
			problem(c, "the cleanup queue's blocks are damaged (at 0x%llx)", (unsigned long long)b);
			c->unreadable_bytes += 8;
			break;
		}
		c->runtime_roots += cnt;
		gm_hmark_region(c, b + (uint64_t)l->cleanupblock_cleanups, (uint64_t)cnt * (uint64_t)l->cleanupblock_entsize, 0);
		if (!rd64(c, b + (uint64_t)l->cleanupblock_alllink, &b)) {
			problem(c, "the cleanup queue's blocks are damaged");
			c->unreadable_bytes += 8;
			break;
		}
	}
}

void gm_hmark_runtime_roots(struct gm_hmark *c)
{
	specials_roots(c);
	queue_roots(c);
}

/* ---- set-up ---- */

struct gm_error *gm_hmark_init(struct gm_hmark *c, struct gm_target *t, const struct gm_gobin *gb,
			       const struct gm_layout *l, const char *what, bool keep_roots, char *problem,
			       size_t plen)
{
	memset(c, 0, sizeof(*c));
	c->m = t->mem, c->gb = gb, c->l = l;
	c->keep_roots = keep_roots;
	c->problem = problem, c->plen = plen;
	c->headers = l->go_minor >= 23 || (l->go_minor == 22 && !gm_heapobj_noallocheaders(gb));
	struct gm_error *err = gm_heapobj_build(t->mem, l, &c->h);
	if (err)
		return err;
	if (c->h->problem[0])
		problem(c, "%s", c->h->problem);
	if ((err = gm_heapids_build(c->h, what, &c->ids, problem, plen)))
		return err;
	c->parent = gm_big_calloc(c->ids.nslots + 1, sizeof(*c->parent));
	c->queue = gm_big_calloc(c->ids.nslots + 1, sizeof(*c->queue));
	if (!c->parent || !c->queue)
		return &gm_error_nomem;
	return NULL;
}

void gm_hmark_deinit(struct gm_hmark *c)
{
	gm_heapobj_destroy(c->h);
	gm_heapids_free(&c->ids);
	gm_big_free(c->parent);
	gm_big_free(c->queue);
	free(c->roots);
	free(c->fsp);
	free(c->fentry);
	c->fsp = c->fentry = NULL;
	c->h = NULL;
	c->parent = NULL;
	c->queue = NULL;
	c->roots = NULL;
}
