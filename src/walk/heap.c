/* The heap statistics walker (include/walk/gm_heap.h): runtime.MemStats as
 * readmemstats_m computes it, plus the mcache flush it does first, and the
 * in-use spans of mheap_.allspans by size class. Never prints. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_goroutines.h"
#include "gm_gshare.h"
#include "gm_heap.h"
#include "gm_progress.h"
#include "rtcheck.h"

#define MAX_SPANS (1u << 27)
#define MAX_PROCS (1u << 16)
#define MAX_HSD 4096
#define PAGE_SIZE_GO 8192

/* runtime.class_to_size (1.19-1.24) / internal/runtime/gc.SizeClassToSize
 * (1.25+): the same 68 values in every supported version; checked against
 * the executable's symbol when it has one. */
static const uint16_t class_to_size[GM_HEAP_NCLASSES] = {
	0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,
	160,   176,   192,   208,   224,   240,   256,   288,   320,   352,   384,   416,
	448,   480,   512,   576,   640,   704,   768,   896,   1024,  1152,  1280,  1408,
	1536,  1792,  2048,  2304,  2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,
	6528,  6784,  6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384,
	18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

struct ctx {
	struct gm_memsrc *m;
	const struct gm_layout *l;
	struct gm_heap_report *r;
	uint64_t inuse_pages; /* pages of the in-use spans */
	bool live;            /* a running process (stopped anywhere, or not at all) */
};

/* the first problem of a partial result */
#define problem(r, ...) gm_first_problem((r)->problem, sizeof((r)->problem), __VA_ARGS__)

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* A u64 at base+off of the target; false when off < 0 or unreadable. */
static bool rdf(struct gm_memsrc *m, uint64_t base, int32_t off, uint64_t *v)
{
	*v = 0;
	return base && off >= 0 && gm_memsrc_u64(m, base + (uint64_t)off, v);
}

static bool rdu16(struct gm_memsrc *m, uint64_t a, uint16_t *v)
{
	uint8_t b[2];
	if (!gm_memsrc_try_read(m, a, b, 2))
		return false;
	*v = (uint16_t)(b[0] | b[1] << 8);
	return true;
}

void gm_heap_report_destroy(struct gm_heap_report *r)
{
	free(r);
}

static void check_class_table(const struct gm_gobin *gb, struct gm_memsrc *m,
			      struct gm_heap_report *r)
{
	static const char *const names[] = {"runtime.class_to_size",
					    "internal/runtime/gc.SizeClassToSize"};
	for (size_t i = 0; i < 2; i++) {
		uint64_t a, sz;
		if (!gm_gobin_sym(gb, names[i], &a, &sz))
			continue;
		for (int k = 0; k < GM_HEAP_NCLASSES; k++) {
			uint16_t v;
			if (!rdu16(m, a + 2u * (unsigned)k, &v))
				return;
			if (v != class_to_size[k]) {
				problem(r, "%s[%d] is %u, expected %u", names[i], k, v,
					class_to_size[k]);
				return;
			}
		}
		return;
	}
}

/* heapStatsDelta summed over memstats.heapStats.stats[0..2] */
struct cons {
	int64_t in_stacks, in_workbufs, in_ptrscalar;
	uint64_t tiny, large_alloc, large_alloc_count, large_free, large_free_count;
	uint64_t small_alloc[GM_HEAP_NCLASSES], small_free[GM_HEAP_NCLASSES];
};

static struct gm_error *read_cons(struct ctx *c, struct cons *s)
{
	const struct gm_layout *l = c->l;
	int32_t need[] = {l->mstats_heapstats, l->hsd_in_stacks, l->hsd_in_workbufs,
			  l->hsd_tiny_alloc_count, l->hsd_large_alloc, l->hsd_large_alloc_count,
			  l->hsd_small_alloc_count, l->hsd_large_free, l->hsd_large_free_count,
			  l->hsd_small_free_count};
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (need[i] < 0)
			return gm_error_create(GM_ERR_UNSUPPORTED,
					       "the layout lacks runtime.heapStatsDelta fields");
	if (l->hsd_size <= 0 || l->hsd_size > MAX_HSD || l->hsd_nclasses != GM_HEAP_NCLASSES)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "unexpected runtime.heapStatsDelta (size %d, %d classes)",
				       l->hsd_size, l->hsd_nclasses);
	int32_t hi = l->hsd_small_free_count + 8 * GM_HEAP_NCLASSES;
	if (l->hsd_small_alloc_count + 8 * GM_HEAP_NCLASSES > l->hsd_size || hi > l->hsd_size)
		return gm_error_create(GM_ERR_FORMAT, "runtime.heapStatsDelta offsets out of range");
	memset(s, 0, sizeof(*s));
	uint8_t buf[MAX_HSD];
	for (int k = 0; k < 3; k++) {
		uint64_t a = l->memstats + (uint64_t)l->mstats_heapstats + (uint64_t)k * (uint64_t)l->hsd_size;
		if (!gm_memsrc_try_read(c->m, a, buf, (size_t)l->hsd_size))
			return gm_error_create(GM_ERR_FORMAT,
					       "memstats.heapStats at 0x%llx is not in the core",
					       (unsigned long long)a);
		s->in_stacks += (int64_t)le64(buf + l->hsd_in_stacks);
		s->in_workbufs += (int64_t)le64(buf + l->hsd_in_workbufs);
		if (l->hsd_in_ptrscalarbits >= 0 && l->hsd_in_ptrscalarbits + 8 <= l->hsd_size)
			s->in_ptrscalar += (int64_t)le64(buf + l->hsd_in_ptrscalarbits);
		s->tiny += le64(buf + l->hsd_tiny_alloc_count);
		s->large_alloc += le64(buf + l->hsd_large_alloc);
		s->large_alloc_count += le64(buf + l->hsd_large_alloc_count);
		s->large_free += le64(buf + l->hsd_large_free);
		s->large_free_count += le64(buf + l->hsd_large_free_count);
		for (int i = 0; i < GM_HEAP_NCLASSES; i++) {
			s->small_alloc[i] += le64(buf + l->hsd_small_alloc_count + 8 * i);
			s->small_free[i] += le64(buf + l->hsd_small_free_count + 8 * i);
		}
	}
	return NULL;
}

/* What flushallmcaches would add: the objects allocated from the spans
 * cached in every P's mcache, and its tiny allocations. */
static void flush_mcaches(struct ctx *c, struct cons *s)
{
	const struct gm_layout *l = c->l;
	struct gm_heap_report *r = c->r;
	uint64_t allp, n;
	if (!l->allp || l->p_mcache < 0 || l->mcache_alloc < 0 || l->mcache_nalloc <= 0 ||
	    l->mspan_alloccount < 0 || l->mspan_alloccount_bc < 0 || l->mspan_spanclass < 0) {
		problem(r, "cannot read the mcaches: the layout lacks p/mcache/mspan fields");
		return;
	}
	if (!gm_memsrc_u64(c->m, l->allp, &allp) || !gm_memsrc_u64(c->m, l->allp + 8, &n)) {
		problem(r, "runtime.allp is not readable");
		return;
	}
	if (n > MAX_PROCS) {
		problem(r, "runtime.allp has %llu entries", (unsigned long long)n);
		return;
	}
	if (!n) { /* a started runtime has at least one P */
		problem(r, "runtime.allp is empty: the core's copy of the P list is lost");
		return;
	}
	r->nprocs = (uint32_t)n;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t p, mc;
		char why[160];
		if (!gm_memsrc_u64(c->m, allp + 8 * i, &p)) {
			problem(r, "allp[%llu] is not in the core", (unsigned long long)i);
			continue;
		}
		if (!gm_rtcheck_p(c->m, l, i, p, why, sizeof(why))) {
			problem(r, "%s", why);
			continue;
		}
		if (!rdf(c->m, p, l->p_mcache, &mc) || !mc)
			continue;
		uint64_t tiny;
		if (rdf(c->m, mc, l->mcache_tinyallocs, &tiny)) {
			s->tiny += tiny;
			r->cached_tiny += tiny;
		}
		for (int32_t k = 0; k < l->mcache_nalloc; k++) {
			uint64_t sp;
			if (!gm_memsrc_u64(c->m, mc + (uint64_t)l->mcache_alloc + 8u * (uint64_t)k, &sp))
				break;
			if (!sp || sp == l->emptymspan)
				continue;
			uint16_t ac, bc;
			uint8_t scl;
			if (!rdu16(c->m, sp + (uint64_t)l->mspan_alloccount, &ac) ||
			    !rdu16(c->m, sp + (uint64_t)l->mspan_alloccount_bc, &bc) ||
			    !gm_memsrc_u8(c->m, sp + (uint64_t)l->mspan_spanclass, &scl)) {
				problem(r, "mcache span 0x%llx unreadable", (unsigned long long)sp);
				continue;
			}
			unsigned sc = scl >> 1;
			if (sc == 0 || sc >= GM_HEAP_NCLASSES || ac < bc)
				continue;
			uint64_t used = (uint64_t)(ac - bc);
			s->small_alloc[sc] += used;
			r->cached_spans++;
			r->cached_objects += used;
			r->cached_bytes += used * class_to_size[sc];
		}
	}
}

static void walk_spans(struct ctx *c)
{
	const struct gm_layout *l = c->l;
	struct gm_heap_report *r = c->r;
	for (int i = 0; i < GM_HEAP_NCLASSES; i++)
		r->classes[i].size = class_to_size[i];
	uint64_t arr, n;
	if (!l->mheap || l->mheap_allspans < 0 || l->mspan_state < 0 || l->mspan_inuse < 0 ||
	    l->mspan_spanclass < 0 || l->mspan_alloccount < 0 || l->mspan_npages < 0) {
		problem(r, "cannot walk the spans: the layout lacks mheap/mspan fields");
		return;
	}
	if (!rdf(c->m, l->mheap, l->mheap_allspans, &arr) ||
	    !rdf(c->m, l->mheap, l->mheap_allspans + 8, &n)) {
		problem(r, "mheap_.allspans is not readable");
		return;
	}
	if (n > MAX_SPANS) {
		problem(r, "mheap_.allspans has %llu entries", (unsigned long long)n);
		return;
	}
	if (!n) { /* a started runtime has spans (the g's, their stacks...) */
		problem(r, "mheap_.allspans is empty: the core's copy of mheap_ is lost");
		return;
	}
	char why[200];
	if (!gm_rtcheck_spans(c->m, l, why, sizeof(why)))
		problem(r, "%s", why);
	r->spans = n;
	for (uint64_t i = 0; i < n; i++) {
		if (i % 16384 == 0)
			gm_progress("heap: reading spans", i, n, false);
		uint64_t sp;
		if (!gm_memsrc_u64(c->m, arr + 8 * i, &sp)) {
			problem(r, "mheap_.allspans[%llu] is not in the core", (unsigned long long)i);
			return;
		}
		uint8_t st, scl;
		if (!sp || !gm_memsrc_u8(c->m, sp + (uint64_t)l->mspan_state, &st))
			continue;
		if (st != (uint8_t)l->mspan_inuse)
			continue;
		r->spans_in_use++;
		uint16_t ac;
		uint64_t npages;
		if (!gm_memsrc_u8(c->m, sp + (uint64_t)l->mspan_spanclass, &scl) ||
		    !rdu16(c->m, sp + (uint64_t)l->mspan_alloccount, &ac) ||
		    !rdf(c->m, sp, l->mspan_npages, &npages))
			continue;
		c->inuse_pages += npages;
		unsigned sc = scl >> 1;
		if (sc == 0) {
			if (ac) {
				r->large_count++;
				r->large_bytes += npages * PAGE_SIZE_GO;
			}
		} else if (sc < GM_HEAP_NCLASSES) {
			struct gm_heap_class *k = &r->classes[sc];
			k->spans++;
			k->objects += ac;
			k->bytes += (uint64_t)ac * k->size;
		}
	}
	gm_progress_end();
}

/* The in-use spans count what the statistics count (after the mcache
 * flush): allocCount of every in-use span is live + not yet swept objects,
 * which is HeapObjects, and their bytes HeapAlloc. Both sides change
 * together in a sweep or a refill, so they agree in every core of a program
 * not stopped in the middle of one; when they do not, one side is damaged.
 * Not for a live process: its threads are stopped wherever they were
 * (ReadMemStats itself stops the world for consistent figures), a refill or
 * a sweep half done is the common case there, not damage (watchtest caught
 * 16 objects in flight in a program allocating all the time), and memory
 * read from a running process is not damaged. */
static void check_totals(struct ctx *c)
{
	struct gm_heap_report *r = c->r;
	if (r->problem[0] || !r->spans || c->live)
		return; /* a walk cut short: nothing to compare */
	uint64_t objects = r->large_count, bytes = r->large_bytes;
	for (int i = 0; i < GM_HEAP_NCLASSES; i++) {
		objects += r->classes[i].objects;
		bytes += r->classes[i].bytes;
	}
	/* gcController.heapInUse: the bytes of the mSpanInUse spans */
	if (c->inuse_pages * PAGE_SIZE_GO != r->heap_inuse)
		problem(r, "the in-use spans have %llu bytes of pages, gcController.heapInUse says "
			   "%llu: the spans or gcController are damaged",
			(unsigned long long)(c->inuse_pages * PAGE_SIZE_GO),
			(unsigned long long)r->heap_inuse);
	if (objects != r->heap_objects || bytes != r->heap_alloc)
		problem(r, "the in-use spans hold %llu objects (%llu bytes), the statistics say %llu "
			   "(%llu bytes): the spans or memstats are damaged (or the program stopped "
			   "in the middle of an allocation or a sweep)",
			(unsigned long long)objects, (unsigned long long)bytes,
			(unsigned long long)r->heap_objects, (unsigned long long)r->heap_alloc);
}

/* gcControllerState.heapGoal() (heapGoalInternal, memoryLimitHeapGoal) */
static uint64_t heap_goal(struct ctx *c, uint64_t heap_alloc, uint64_t heap_free)
{
	const struct gm_layout *l = c->l;
	uint64_t gcc = l->gc_controller, goal, lim, mapped, marked, sweepmin, trig;
	if (!rdf(c->m, gcc, l->gcc_heap_goal, &goal))
		return 0;
	rdf(c->m, gcc, l->gcc_memory_limit, &lim);
	rdf(c->m, gcc, l->gcc_mapped_ready, &mapped);
	rdf(c->m, gcc, l->gcc_heap_marked, &marked);
	rdf(c->m, gcc, l->gcc_sweep_dist_min_trigger, &sweepmin);
	if (!rdf(c->m, gcc, l->gcc_triggered, &trig))
		trig = ~0ull;
	/* memoryLimitHeapGoal */
	uint64_t mgoal = marked;
	if (heap_free + heap_alloc <= mapped) {
		uint64_t nonheap = mapped - heap_free - heap_alloc;
		uint64_t over = mapped > lim ? mapped - lim : 0;
		if (nonheap + over < lim) {
			uint64_t g = lim - (nonheap + over);
			uint64_t head = 1u << 20;
			if (c->r->go_minor >= 21 && g / 100 * 3 > head)
				head = g / 100 * 3;
			g = (g < head || g - head < head) ? head : g - head;
			mgoal = g < marked ? marked : g;
		}
	} else {
		mgoal = ~0ull; /* inconsistent snapshot: ignore the limit */
	}
	if (mgoal < goal)
		return mgoal;
	if (sweepmin > goal)
		goal = sweepmin;
	if (trig != ~0ull && goal < trig + (64u << 10))
		goal = trig + (64u << 10);
	return goal;
}

struct gm_error *gm_heap_collect(struct gm_target *t, const struct gm_gobin *gb,
				 const struct gm_layout *l, struct gm_heap_report **ret)
{
	return gm_heap_collect_shared(t, gb, l, NULL, ret);
}

struct gm_error *gm_heap_collect_shared(struct gm_target *t, const struct gm_gobin *gb,
					const struct gm_layout *l, const struct gm_gshare *sh,
					struct gm_heap_report **ret)
{
	*ret = NULL;
	if (!l->memstats || !l->gc_controller || !l->mheap)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "runtime.memstats, gcController or mheap_ not found (stripped executable without its symbols?)");
	struct gm_heap_report *r = calloc(1, sizeof(*r));
	if (!r)
		return &gm_error_nomem;
	r->go_minor = l->go_minor;
	struct ctx c = {t->mem, l, r, 0, t->is_live};
	struct cons s;
	struct gm_error *err = read_cons(&c, &s);
	if (err) {
		free(r);
		return err;
	}
	check_class_table(gb, t->mem, r);
	flush_mcaches(&c, &s);

	uint64_t total_alloc = s.large_alloc, total_free = s.large_free;
	uint64_t nmalloc = s.large_alloc_count, nfree = s.large_free_count;
	for (int i = 0; i < GM_HEAP_NCLASSES; i++) {
		total_alloc += s.small_alloc[i] * class_to_size[i];
		nmalloc += s.small_alloc[i];
		total_free += s.small_free[i] * class_to_size[i];
		nfree += s.small_free[i];
	}
	nmalloc += s.tiny;
	nfree += s.tiny;

	uint64_t gcc = l->gc_controller, ms = l->memstats, v;
	uint64_t inuse, freeb, rel;
	if (!rdf(t->mem, gcc, l->gcc_heap_inuse, &inuse) ||
	    !rdf(t->mem, gcc, l->gcc_heap_free, &freeb) ||
	    !rdf(t->mem, gcc, l->gcc_heap_released, &rel)) {
		free(r);
		return gm_error_create(GM_ERR_FORMAT, "runtime.gcController is not readable");
	}
	uint64_t stacks_sys, mspan_sys, mcache_sys, buckhash_sys, gcmisc_sys, other_sys;
	rdf(t->mem, ms, l->mstats_stacks_sys, &stacks_sys);
	rdf(t->mem, ms, l->mstats_mspan_sys, &mspan_sys);
	rdf(t->mem, ms, l->mstats_mcache_sys, &mcache_sys);
	rdf(t->mem, ms, l->mstats_buckhash_sys, &buckhash_sys);
	rdf(t->mem, ms, l->mstats_gcmisc_sys, &gcmisc_sys);
	rdf(t->mem, ms, l->mstats_other_sys, &other_sys);
	uint64_t stack_inuse = (uint64_t)s.in_stacks, workbufs = (uint64_t)s.in_workbufs;
	uint64_t ptrscalar = (uint64_t)s.in_ptrscalar;

	r->total_alloc = total_alloc;
	r->alloc = r->heap_alloc = total_alloc - total_free;
	r->mallocs = nmalloc;
	r->frees = nfree;
	r->heap_objects = nmalloc - nfree;
	r->heap_inuse = inuse;
	r->heap_released = rel;
	r->heap_idle = freeb + rel;
	r->heap_sys = inuse + freeb + rel;
	r->stack_inuse = stack_inuse;
	r->stack_sys = stack_inuse + stacks_sys;
	rdf(t->mem, l->mheap, l->mheap_spanalloc_inuse, &r->mspan_inuse);
	rdf(t->mem, l->mheap, l->mheap_cachealloc_inuse, &r->mcache_inuse);
	r->mspan_sys = mspan_sys;
	r->mcache_sys = mcache_sys;
	r->buckhash_sys = buckhash_sys;
	r->gc_sys = gcmisc_sys + workbufs + ptrscalar;
	r->workbufs = workbufs + ptrscalar;
	r->other_sys = other_sys;
	r->sys = inuse + freeb + rel + stacks_sys + mspan_sys + mcache_sys + buckhash_sys +
		 gcmisc_sys + other_sys + stack_inuse + workbufs + ptrscalar;
	rdf(t->mem, ms, l->mstats_last_gc_unix, &r->last_gc);
	rdf(t->mem, ms, l->mstats_pause_total_ns, &r->pause_total_ns);
	rdf(t->mem, ms, l->mstats_last_gc_nanotime, &r->last_gc_nanotime);
	if (l->mstats_numgc < 0 || !gm_memsrc_u32(t->mem, ms + (uint64_t)l->mstats_numgc, &r->num_gc))
		r->num_gc = 0;
	uint32_t pct = 0;
	if (l->gcc_gc_percent >= 0 && gm_memsrc_u32(t->mem, gcc + (uint64_t)l->gcc_gc_percent, &pct))
		r->gogc = (int32_t)pct;
	if (rdf(t->mem, gcc, l->gcc_memory_limit, &v))
		r->memory_limit = (int64_t)v;
	r->next_gc = heap_goal(&c, r->heap_alloc, freeb);

	walk_spans(&c);
	check_totals(&c);
	/* fixalloc's inuse: the span structures in use include every in-use
	 * span, the mcaches one per P */
	if ((r->spans_in_use && !r->mspan_inuse) || (r->nprocs && !r->mcache_inuse))
		problem(r, "mheap_'s span/mcache allocators say %llu/%llu bytes in use, with %llu "
			   "spans in use and %u Ps: mheap_ is damaged",
			(unsigned long long)r->mspan_inuse, (unsigned long long)r->mcache_inuse,
			(unsigned long long)r->spans_in_use, r->nprocs);
	char why[300];
	bool gc_ok = gm_rtcheck_gcstats(t->mem, l, why, sizeof(why));
	if (!gc_ok)
		problem(r, "%s", why);

	if (gm_gshare_usable(sh)) {
		r->now = sh->now;
		r->now_source = sh->now_source;
	} else {
		r->now = gm_gwalk_estimate_now(t, gb, l, &r->now_source);
	}
	if (!t->now_ns && gc_ok && (int64_t)r->last_gc_nanotime > r->now) { /* a better lower bound */
		r->now = (int64_t)r->last_gc_nanotime;
		r->now_source = "memstats.last_gc_nanotime";
	}
	*ret = r;
	return NULL;
}
