/* Proven goroutine leaks (include/walk/gm_heapleak.h): the heap mark of
 * heapmark.c from the true roots, then the stacks of the parked goroutines
 * whose awaited object got marked, to a fixpoint. Never prints. */
#include <stdlib.h>
#include <string.h>

#include "gm_allm.h"
#include "gm_arena.h"
#include "gm_bigmem.h"
#include "gm_goroutines.h"
#include "gm_heapleak.h"
#include "gm_heapmark.h"
#include "gm_sort.h"

#define MAX_SUDOGS 65537          /* a select has at most 65536 cases */
#define MAX_AWAITED (1u << 26)    /* awaited objects over all candidates */
#define MAX_SEMA_SUDOGS (1u << 22) /* sudogs read from the semaphore table */

#define problem(r, ...) gm_first_problem((r)->problem, sizeof((r)->problem), __VA_ARGS__)

struct cand {
	uint64_t g, sp;
	uint32_t len;                /* its stack's [sp, sp + len); 0: no readable stack */
	uint32_t first, n;           /* its awaited objects: aw[first, first + n) */
	bool runnable;
	bool unscanned;              /* runnable, its stack not scanned yet */
	bool unreported;             /* goroutine 1 in select {}: not a root, not reported */
};

/* a goroutine parked on a semaphore, from the semaphore table */
struct semw {
	uint64_t g, sudog, elem;
};

struct ctx {
	struct gm_leak_report *r;
	struct gm_hmark *k;
	const struct gm_layout *l;
	struct cand *c;
	size_t nc, capc;
	uint64_t *e;                 /* the gs of the candidates runnable when the walk met
				      * them: one of their awaited objects was marked already
				      * (by the globals or a stack scanned before) */
	size_t ne, cape;
	uint64_t *aw;                /* awaited addresses */
	size_t naw, capaw;
	uint64_t *hid;               /* hidden words */
	size_t nhid, caphid;
	struct semw *sw;             /* by g */
	size_t nsw;
	bool nomem;
	uint64_t early_stackless;    /* of e: no readable stack */
	uint64_t damaged;            /* candidates whose sudog chain is damaged */
};

static bool push(uint64_t **v, size_t *n, size_t *cap, uint64_t x)
{
	if (*n == *cap && (*n >= MAX_AWAITED || !gm_big_grow((void **)v, cap, *n + 1, sizeof(**v))))
		return false;
	(*v)[(*n)++] = x;
	return true;
}

enum wkind { W_NONE, W_NIL, W_CHAN, W_SYNC, W_SYNC_UNKNOWN };

static enum wkind wait_kind(const struct gm_layout *l, const char *why)
{
	if (!why)
		return W_NONE;
	if (!strcmp(why, "select (no cases)") || !strcmp(why, "chan receive (nil chan)") ||
	    !strcmp(why, "chan send (nil chan)"))
		return W_NIL;
	if (!strcmp(why, "chan receive") || !strcmp(why, "chan send") || !strcmp(why, "select"))
		return W_CHAN;
	if (!strcmp(why, "sync.Mutex.Lock") || !strcmp(why, "sync.RWMutex.Lock") ||
	    !strcmp(why, "sync.RWMutex.RLock") || !strcmp(why, "sync.WaitGroup.Wait") ||
	    !strcmp(why, "sync.Cond.Wait") || !strcmp(why, "semacquire"))
		/* the runtime links a goroutine to its semaphore (g.waiting) from 1.26 */
		return l->go_minor >= 26 && strcmp(why, "semacquire") ? W_SYNC : W_SYNC_UNKNOWN;
	return W_NONE;
}

static int cmp_semw(const void *a, const void *b)
{
	const struct semw *x = a, *y = b;
	return x->g < y->g ? -1 : x->g > y->g;
}

/* Every sudog of the semaphore table (runtime.semtable: a tree of sudogs
 * per root by prev/next, each with the list of the others waiting on the
 * same address by waitlink): which goroutine waits on which semaphore
 * (sudog.elem). Before Go 1.26 this is the only link from a goroutine
 * parked on a sync.Mutex, RWMutex or WaitGroup to it. false: damaged
 * (what was read so far is kept: a goroutine not found stays undecided). */
static bool read_semtable(struct ctx *c, struct gm_leak_report *r)
{
	const struct gm_layout *l = c->l;
	struct gm_memsrc *m = c->k->m;
	if (!l->semtable || l->semtable_n <= 0 || l->semtable_entsize <= 0 || l->semaroot_treap < 0 ||
	    l->sudog_g < 0 || l->sudog_prev < 0 || l->sudog_next < 0 || l->sudog_waitlink < 0 ||
	    l->sudog_elem_addr < 0)
		return true;
	size_t cap = 0, depth = 0, scap = 0;
	uint64_t *stack = NULL, budget = MAX_SEMA_SUDOGS;
	bool ok = true;
	for (int32_t i = 0; i < l->semtable_n && ok; i++) {
		uint64_t t;
		if (!gm_memsrc_u64(m, l->semtable + (uint64_t)i * (uint64_t)l->semtable_entsize + (uint64_t)l->semaroot_treap,
				   &t)) {
			ok = false;
			break;
		}
		depth = 0;
		while (ok && (t || depth)) {
			if (!t) {
				t = stack[--depth];
				continue;
			}
			uint64_t prev, next;
			if (!budget-- || t % 8 || !gm_memsrc_u64(m, t + (uint64_t)l->sudog_prev, &prev) ||
			    !gm_memsrc_u64(m, t + (uint64_t)l->sudog_next, &next)) {
				ok = false;
				break;
			}
			/* the node and the others waiting on its address */
			for (uint64_t s = t; s && ok; ) {
				struct semw w = {.sudog = s};
				if (!budget-- || s % 8 || !gm_memsrc_u64(m, s + (uint64_t)l->sudog_g, &w.g) ||
				    !gm_memsrc_u64(m, s + (uint64_t)l->sudog_elem_addr, &w.elem) ||
				    !gm_memsrc_u64(m, s + (uint64_t)l->sudog_waitlink, &s)) {
					ok = false;
					break;
				}
				if (c->nsw == cap) {
					size_t nc = cap ? cap * 2 : 64;
					struct semw *v = realloc(c->sw, nc * sizeof(*v));
					if (!v) {
						c->nomem = true;
						free(stack);
						return true;
					}
					c->sw = v;
					cap = nc;
				}
				c->sw[c->nsw++] = w;
			}
			if (next) {
				if (depth == scap) {
					size_t nc = scap ? scap * 2 : 64;
					uint64_t *v = realloc(stack, nc * sizeof(*v));
					if (!v) {
						c->nomem = true;
						free(stack);
						return true;
					}
					stack = v;
					scap = nc;
				}
				stack[depth++] = next;
			}
			t = prev;
		}
	}
	free(stack);
	if (c->nsw)
		qsort(c->sw, c->nsw, sizeof(*c->sw), cmp_semw);
	/* a goroutine waits on one semaphore: twice is damage (a loop) */
	for (size_t i = 1; ok && i < c->nsw; i++)
		if (c->sw[i].g == c->sw[i - 1].g)
			ok = false;
	if (!ok) {
		problem(r, "runtime.semtable is damaged: goroutines parked on a semaphore are undecided");
		c->nsw = 0;
	}
	return ok;
}

static const struct semw *sema_of(const struct ctx *c, uint64_t g)
{
	struct semw key = {.g = g};
	return c->nsw ? bsearch(&key, c->sw, c->nsw, sizeof(*c->sw), cmp_semw) : NULL;
}

/* the hidden words of a pointer field of a sudog: the field's words from
 * its start to its address word (1.26+: vp and vu), whose value is a.
 * Nothing to hide when a is marked already or no heap object: the mark
 * only grows, and both words hold a or nil. */
static bool hide(struct ctx *c, uint64_t sg, int32_t start, int32_t addr, uint64_t a)
{
	if (gm_hmark_marked_or_not_heap(c->k, a))
		return true;
	for (int32_t o = start; o <= addr; o += 8)
		if (!push(&c->hid, &c->nhid, &c->caphid, sg + (uint64_t)o))
			return false;
	return true;
}

/* A g's stack.lo and stack.hi are not pointers, but stack.hi (the end of
 * its stack) is the start of the next span: a conservative scan of the g
 * would take it for a pointer to that span's first object. Only a bound
 * that names a heap object is hidden (the scan looks at hidden words only
 * then): most stacks end inside their stack span, and a list of two words
 * per goroutine cost its sort and its searches. */
static bool hide_stack_bounds(struct ctx *c, uint64_t g)
{
	const struct gm_layout *l = c->l;
	if (!g || l->g_stack_lo < 0 || l->g_stack_hi < 0)
		return true;
	int32_t off[2] = {l->g_stack_lo, l->g_stack_hi};
	for (int i = 0; i < 2; i++) {
		uint64_t w = g + (uint64_t)off[i], v;
		if (gm_memsrc_u64(c->k->m, w, &v) && gm_hmark_id(c->k, v) == UINT64_MAX)
			continue;
		if (!push(&c->hid, &c->nhid, &c->caphid, w)) {
			c->nomem = true;
			return false;
		}
	}
	return true;
}

/* Every P without a recorded type (before Go 1.22, whose malloc headers
 * make the mark read a P by its type): all its words but p.timers are
 * hidden. A P is full of uintptrs a conservative scan would take for
 * pointers: pcache.base (the page cache's next free page, now some span's
 * first object), the write barrier's buffer of recorded pointers (stale
 * past wbBuf.next), runq's gs; none keeps anything alive for the
 * collector. Its timers (1.19-1.22: p.timers, []*timer) do. */
static bool hide_ps(struct ctx *c)
{
	const struct gm_layout *l = c->l;
	uint64_t arr, n;
	if (c->k->headers)
		return true;
	if (!l->allp || !gm_memsrc_u64(c->k->m, l->allp, &arr) || !gm_memsrc_u64(c->k->m, l->allp + 8, &n) ||
	    n > 1u << 12)
		return true; /* not hidden: only more is marked */
	for (uint64_t i = 0; i < n; i++) {
		uint64_t pp, id;
		if (!gm_memsrc_u64(c->k->m, arr + 8 * i, &pp) || (id = gm_hmark_id(c->k, pp)) == UINT64_MAX)
			continue;
		uint32_t slot;
		const struct gm_hspan *s = gm_hmark_span(c->k, id, &slot);
		uint64_t base = s->base + (uint64_t)slot * s->elemsize;
		if (base != pp)
			continue;
		for (uint64_t o = 0; o + 8 <= s->elemsize; o += 8) {
			if (l->p_timers >= 0 && o == (uint64_t)l->p_timers)
				continue;
			if (!push(&c->hid, &c->nhid, &c->caphid, pp + o)) {
				c->nomem = true;
				return false;
			}
		}
	}
	return true;
}

/* one of cd's awaited objects is marked: cd is runnable */
static bool awaited_marked(const struct gm_hmark *k, const struct ctx *c, const struct cand *cd)
{
	for (size_t j = 0; j < cd->n; j++)
		if (gm_hmark_marked_or_not_heap(k, c->aw[cd->first + j]))
			return true;
	return false;
}

/* gm_hmark_stacks' hold: a candidate is held (its stack is scanned only
 * once what it waits on is marked), anything else is a root */
static bool hold(void *arg, const struct gm_goroutine *g, uint64_t sp, uint64_t hi)
{
	struct ctx *c = arg;
	const struct gm_layout *l = c->l;
	if (!hide_stack_bounds(c, g->addr))
		return false;
	uint32_t st = g->status & ~l->gs_scan;
	bool parked = (int32_t)st == l->gs_waiting || (l->gs_leaked >= 0 && (int32_t)st == l->gs_leaked);
	enum wkind wk = parked ? wait_kind(l, g->wait_reason) : W_NONE;
	if (wk == W_NONE || c->nomem)
		return false;
	/* gm_hmark_goroutine: hi - sp <= 1 GiB; aw holds at most MAX_AWAITED */
	struct cand cd = {.g = g->addr, .sp = sp, .len = (uint32_t)(hi - sp), .first = (uint32_t)c->naw};
	if (wk == W_SYNC_UNKNOWN) {
		/* the semaphore table says which semaphore, if it is one */
		const struct semw *w = sema_of(c, g->addr);
		if (!w || !w->elem) {
			c->r->undecided++;
			return false;
		}
		if (!push(&c->aw, &c->naw, &c->capaw, w->elem) ||
		    !hide(c, w->sudog, l->sudog_elem, l->sudog_elem_addr, w->elem)) {
			c->nomem = true;
			return false;
		}
		wk = W_NIL; /* known: no g.waiting chain to read */
	}
	if (wk != W_NIL) {
		/* the sudogs of g.waiting: each one's channel (a sync wait: the
		 * first one's elem, as the runtime's isMaybeRunnable reads it) */
		uint64_t sg = 0;
		bool ok = l->g_waiting >= 0 && l->sudog_waitlink >= 0 && l->sudog_c_addr >= 0 &&
			  l->sudog_elem_addr >= 0 && gm_memsrc_u64(c->k->m, g->addr + (uint64_t)l->g_waiting, &sg) && sg;
		size_t nhid0 = c->nhid;
		for (unsigned n = 0; ok && sg; n++) {
			uint64_t a;
			int32_t start = wk == W_CHAN ? l->sudog_c : l->sudog_elem;
			int32_t at = wk == W_CHAN ? l->sudog_c_addr : l->sudog_elem_addr;
			if (n >= MAX_SUDOGS || sg % 8 || !gm_memsrc_u64(c->k->m, sg + (uint64_t)at, &a)) {
				ok = false;
				break;
			}
			if (!push(&c->aw, &c->naw, &c->capaw, a) || !hide(c, sg, start, at, a)) {
				c->nomem = true;
				return false;
			}
			if (wk == W_SYNC)
				break;
			if (!gm_memsrc_u64(c->k->m, sg + (uint64_t)l->sudog_waitlink, &sg))
				ok = false;
		}
		if (!ok || c->naw == cd.first) {
			/* awaited object unknown: not a candidate, a root */
			c->naw = cd.first;
			c->nhid = nhid0;
			c->r->undecided++;
			c->damaged++;
			return false;
		}
	}
	cd.n = (uint32_t)(c->naw - cd.first);
	/* as the runtime (1.27's findGoroutineLeaks): main blocked in select {}
	 * is analysed as leaked (its stack is no root) but not reported */
	cd.unreported = g->goid == 1 && !strcmp(g->wait_reason, "select (no cases)");
	if (!cd.unreported && l->g_sched_sp >= 0 && awaited_marked(c->k, c, &cd)) {
		/* runnable already: only its g is kept, for its stack (found
		 * again as gm_hmark_goroutine found it, if ever scanned) */
		c->naw = cd.first;
		if (!cd.len)
			c->early_stackless++;
		if (!gm_big_grow((void **)&c->e, &c->cape, c->ne + 1, sizeof(*c->e))) {
			c->nomem = true;
			return false;
		}
		c->e[c->ne++] = g->addr;
		return true;
	}
	if (!gm_big_grow((void **)&c->c, &c->capc, c->nc + 1, sizeof(*c->c))) {
		c->nomem = true;
		return false;
	}
	c->c[c->nc++] = cd;
	return true;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

struct gm_leak_proof {
	struct ctx c;
	struct gm_target *t;
};

static void proof_free(struct gm_leak_proof *p)
{
	if (!p)
		return;
	if (p->c.k)
		gm_hmark_deinit(p->c.k);
	free(p->c.k);
	gm_big_free(p->c.c);
	gm_big_free(p->c.e);
	gm_big_free(p->c.aw);
	gm_big_free(p->c.hid);
	free(p->c.sw);
	free(p);
}

struct gm_error *gm_heapleak_begin(struct gm_target *t, const struct gm_gobin *gb, const struct gm_layout *l,
				   uint64_t max_bytes, struct gm_leak_proof **ret)
{
	*ret = NULL;
	struct gm_leak_proof *p = calloc(1, sizeof(*p));
	struct gm_leak_report *r = calloc(1, sizeof(*r));
	struct gm_hmark *k = malloc(sizeof(*k));
	if (!p || !r || !k) {
		free(p);
		free(r);
		free(k);
		return &gm_error_nomem;
	}
	p->t = t;
	p->c = (struct ctx){.r = r, .k = k, .l = l};
	struct gm_error *err = gm_hmark_init(k, t, gb, l, "the leak proof", false, r->problem, sizeof(r->problem));
	if (err) {
		gm_heapleak_destroy(r);
		proof_free(p);
		return err;
	}
	r->objects = k->ids.objects;
	r->heap_bytes = k->ids.bytes;
	if (max_bytes && r->heap_bytes > max_bytes) {
		*ret = p; /* not checked: the walk feeds it nothing */
		return NULL;
	}
	r->checked = true;
	/* the roots: globals, then every stack but the candidates', then the
	 * runtime's; the candidates' awaited words hidden before any object
	 * is scanned */
	gm_hmark_globals(k);
	read_semtable(&p->c, r);
	if (p->c.nomem) {
		gm_heapleak_destroy(r);
		proof_free(p);
		return &gm_error_nomem;
	}
	*ret = p;
	return NULL;
}

bool gm_heapleak_wants_goroutines(const struct gm_leak_proof *p)
{
	return p && p->c.r->checked;
}

void gm_heapleak_goroutine(struct gm_leak_proof *p, const struct gm_goroutine *g)
{
	if (gm_heapleak_wants_goroutines(p) && !p->c.nomem)
		gm_hmark_goroutine(p->c.k, g, hold, &p->c);
}

/* The hidden words, sorted, for the scans from here on. They all lie in
 * heap objects (sudogs, gs, Ps), which only the drain scans: the roots
 * scanned before (globals, stacks, the runtime's) never hold one. */
static void set_hidden(struct ctx *c, struct gm_hmark *k)
{
	if (!c->nhid || k->hidden)
		return;
	gm_sort_u64(c->hid, c->nhid);
	k->hidden = c->hid;
	k->nhidden = c->nhid;
}

/* The mark from the true roots, cut short once every reported candidate's
 * awaited object is marked: the mark only grows, so none of them can be
 * leaked any more, and the rest of the heap decides nothing. When every
 * parked goroutine waits on what a global holds, the rest is most of the
 * proof's work (every g object and its sudogs, through allgs). pos: the
 * first candidate not known to be runnable, checked again every chunk. */
#define DRAIN_CHUNK 4096
static void first_drain(struct ctx *c, struct gm_hmark *k)
{
	size_t pos = 0;
	for (;;) {
		while (pos < c->nc && (c->c[pos].unreported || awaited_marked(k, c, &c->c[pos])))
			pos++;
		if (pos == c->nc)
			return;
		set_hidden(c, k);
		if (gm_hmark_drain_some(k, DRAIN_CHUNK))
			return;
	}
}

/* after the walk: the runtime's roots, the fixpoint, the report */
static struct gm_error *conclude(struct gm_leak_proof *p, struct gm_leak_report **ret)
{
	struct ctx c = p->c; /* the arrays are freed with p */
	struct gm_leak_report *r = c.r;
	struct gm_hmark *k = c.k;
	struct gm_target *t = p->t;
	const struct gm_layout *l = c.l;
	struct gm_error *err = NULL;
	if (!r->checked)
		goto out;
	/* the Ms' g0 and gsignal: not in allgs */
	struct gm_allm am;
	if (!c.nomem && !(err = gm_allm_read(t, l, &am))) {
		for (size_t i = 0; i < am.n; i++)
			if (!hide_stack_bounds(&c, am.v[i].g0) || !hide_stack_bounds(&c, am.v[i].gsignal))
				break;
		if (am.problem[0])
			problem(r, "%s", am.problem);
		gm_allm_free(&am);
	}
	if (err)
		goto out;
	if (c.nomem || k->nomem || !hide_ps(&c))
		goto nomem;
	gm_hmark_runtime_roots(k);
	first_drain(&c, k);
	r->candidates = c.nc + c.ne;
	uint64_t stackless = 0;
	stackless += c.early_stackless;
	bool early_unscanned = c.ne > 0;
	/* the fixpoint: at most one round per candidate. A candidate whose
	 * awaited object got marked is runnable; its stack is scanned only
	 * while some reported candidate is still undecided, since what it
	 * holds can decide nothing else (a whole stack's words are most of
	 * the proof's reads when every parked goroutine waits on something
	 * a global holds) */
	size_t open = 0;
	for (size_t i = 0; i < c.nc; i++)
		open += !c.c[i].unreported;
	for (size_t round = 0; round <= c.nc + c.ne && !k->nomem; round++) {
		r->rounds++;
		bool more = early_unscanned; /* runnable from round 0 */
		for (size_t i = 0; i < c.nc; i++) {
			struct cand *cd = &c.c[i];
			if (cd->runnable)
				continue;
			for (size_t j = 0; j < cd->n; j++) {
				if (!gm_hmark_marked_or_not_heap(k, c.aw[cd->first + j]))
					continue;
				cd->runnable = cd->unscanned = more = true;
				open -= !cd->unreported;
				if (!cd->len)
					stackless++;
				break;
			}
		}
		if (!more || !open)
			break;
		set_hidden(&c, k);
		for (size_t i = 0; early_unscanned && i < c.ne; i++)
			gm_hmark_parked_stack(k, c.e[i]);
		early_unscanned = false;
		for (size_t i = 0; i < c.nc; i++) {
			struct cand *cd = &c.c[i];
			if (!cd->unscanned)
				continue;
			cd->unscanned = false;
			if (cd->len) /* no root records: no goid needed */
				gm_hmark_region(k, cd->sp, cd->len, 0);
		}
		gm_hmark_drain(k);
	}
	if (k->nomem)
		goto nomem;
	r->marked = k->qtail;
	for (size_t i = 0; i < c.nc; i++)
		r->leaked += !c.c[i].runnable && !c.c[i].unreported;
	r->leaked_g = malloc((r->leaked ? r->leaked : 1) * sizeof(*r->leaked_g));
	if (!r->leaked_g)
		goto nomem;
	size_t n = 0;
	for (size_t i = 0; i < c.nc; i++)
		if (!c.c[i].runnable && !c.c[i].unreported)
			r->leaked_g[n++] = c.c[i].g;
	gm_sort_u64(r->leaked_g, n);
	/* a g listed twice in allgs (damage) is one goroutine */
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || r->leaked_g[i] != r->leaked_g[u - 1])
			r->leaked_g[u++] = r->leaked_g[i];
	bool dup = u != n;
	if (dup)
		problem(r, "runtime.allgs lists a goroutine more than once: damaged");
	r->leaked = u;
	/* what would make a claim unproven: a root not scanned, memory not read */
	uint64_t skipped = k->h->skipped + k->ids.unreadable;
	bool index_ok = !k->h->problem[0];
	if (t->is_live && !t->consistent)
		problem(r, "the process was not stopped while it was read: nothing is proven");
	/* a cut core's missing memory reads as zeros: pointers lost unseen */
	bool cut = t->truncated || t->phdr_damage || t->truncation_note;
	if (cut)
		problem(r, "the core is truncated or its program headers damaged: memory it lacks reads as zeros");
	if (k->walk_stopped || k->goroutines_unreadable)
		problem(r, "%llu goroutines unreadable: their stacks were not scanned",
			(unsigned long long)k->goroutines_unreadable);
	if (k->goroutines_unscanned || stackless)
		problem(r, "%llu goroutines without a readable stack: not scanned",
			(unsigned long long)(k->goroutines_unscanned + stackless));
	if (skipped)
		problem(r, "%llu heap spans damaged or unreadable: skipped", (unsigned long long)skipped);
	if (k->unreadable_bytes)
		problem(r, "%llu bytes of roots or objects unreadable: not scanned",
			(unsigned long long)k->unreadable_bytes);
	if (c.damaged)
		problem(r, "%llu parked goroutines with an unreadable wait list: not decided",
			(unsigned long long)c.damaged);
	r->proven = index_ok && !dup && !cut && !(t->is_live && !t->consistent) && !k->walk_stopped && !k->goroutines_unreadable &&
		    !k->goroutines_unscanned && !stackless && !skipped && !k->unreadable_bytes;
	goto out;
nomem:
	err = &gm_error_nomem;
out:
	p->c = c;
	proof_free(p);
	if (err) {
		gm_heapleak_destroy(r);
		return err;
	}
	*ret = r;
	return NULL;
}

struct gm_error *gm_heapleak_finish(struct gm_leak_proof *p, const struct gm_gwalk_stats *st, const char *stopped,
				    struct gm_leak_report **ret)
{
	*ret = NULL;
	if (gm_heapleak_wants_goroutines(p))
		gm_hmark_walk_end(p->c.k, st, stopped);
	return conclude(p, ret);
}

void gm_heapleak_abandon(struct gm_leak_proof *p)
{
	if (p)
		gm_heapleak_destroy(p->c.r);
	proof_free(p);
}

struct gm_error *gm_heapleak_collect(struct gm_target *t, const struct gm_gobin *gb, const struct gm_layout *l,
				     uint64_t max_bytes, struct gm_leak_report **ret)
{
	*ret = NULL;
	struct gm_leak_proof *p;
	struct gm_error *err = gm_heapleak_begin(t, gb, l, max_bytes, &p);
	if (err)
		return err;
	if (gm_heapleak_wants_goroutines(p))
		gm_hmark_stacks(p->c.k, t, hold, &p->c);
	return conclude(p, ret);
}

bool gm_heapleak_is_leaked(const struct gm_leak_report *r, uint64_t g_addr)
{
	if (!r || !r->leaked)
		return false;
	return bsearch(&g_addr, r->leaked_g, r->leaked, sizeof(g_addr), cmp_u64) != NULL;
}

void gm_heapleak_destroy(struct gm_leak_report *r)
{
	if (!r)
		return;
	free(r->leaked_g);
	free(r);
}
