/* The timers walker (include/walk/gm_timers.h): every timer in the heap of every P
 * of runtime.allp, what it runs, grouped. Never prints. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_goroutines.h"
#include "gm_gshare.h"
#include "gm_timers.h"
#include "rtcheck.h"

#define MAX_PROCS (1u << 16)
#define MAX_TIMERS_PER_P (1u << 24)
#define MAX_TIMERS (1u << 26)

/* runtime.timer.status up to 1.22 (time.go const block) */
enum { ST_DELETED = 3, ST_REMOVING = 4, ST_REMOVED = 5, ST_MODEARLIER = 7, ST_MODLATER = 8,
       ST_MOVING = 9 };
/* runtime.timer.state bits from 1.23 */
enum { TS_HEAPED = 1, TS_MODIFIED = 2, TS_ZOMBIE = 4 };

const char *const gm_timer_kind_names[GM_TIMER_NKINDS] = {
	[GM_TIMER_CHAN] = "channel",
	[GM_TIMER_FUNC] = "func",
	[GM_TIMER_SLEEP] = "sleep",
	[GM_TIMER_NETPOLL] = "netpoll",
	[GM_TIMER_OTHER] = "other",
};

/* the first problem of a partial result */
#define problem(r, ...) gm_first_problem((r)->problem, sizeof((r)->problem), __VA_ARGS__)

void gm_timer_report_destroy(struct gm_timer_report *r)
{
	if (!r)
		return;
	free(r->v);
	free(r->groups);
	free(r);
}

static bool rdf(struct gm_memsrc *m, uint64_t base, int32_t off, uint64_t *v)
{
	*v = 0;
	return base && off >= 0 && gm_memsrc_u64(m, base + (uint64_t)off, v);
}

static void describe(struct gm_memsrc *m, const struct gm_gobin *gb, const struct gm_layout *l,
		     struct gm_timer *t)
{
	struct gm_func f;
	uint64_t fv;
	t->kind = GM_TIMER_OTHER;
	if (rdf(m, t->addr, l->timer_f, &fv) && fv && gm_memsrc_u64(m, fv, &t->f_pc) &&
	    gm_gobin_find_func(gb, t->f_pc, &f))
		t->f_name = f.name;
	uint64_t data = 0;
	rdf(m, t->addr, l->timer_arg >= 0 ? l->timer_arg + 8 : -1, &data); /* any: {type, data} */
	t->arg = data;
	t->fn_pc = t->f_pc;
	const char *n = t->f_name ? t->f_name : "";
	if (!strcmp(n, "time.sendTime")) {
		t->kind = GM_TIMER_CHAN;
	} else if (!strcmp(n, "time.goFunc")) {
		t->kind = GM_TIMER_FUNC;
		uint64_t pc; /* the func value is a *funcval: its first word is the PC */
		if (data && gm_memsrc_u64(m, data, &pc) && pc)
			t->fn_pc = pc;
	} else if (!strcmp(n, "runtime.goroutineReady")) {
		t->kind = GM_TIMER_SLEEP;
	} else if (!strncmp(n, "runtime.netpoll", 15)) {
		t->kind = GM_TIMER_NETPOLL;
	}
	if (t->fn_pc && gm_gobin_find_func(gb, t->fn_pc, &f)) {
		t->function = f.name;
		if (!gm_gobin_fileline(gb, &f, f.entry, &t->file, &t->line)) {
			t->file = NULL;
			t->line = 0;
		}
	}
}

static int by_when(const void *a, const void *b)
{
	const struct gm_timer *x = a, *y = b;
	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int by_count(const void *a, const void *b)
{
	const struct gm_timer_group *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = strcmp(x->function ? x->function : "", y->function ? y->function : "");
	if (c)
		return c;
	return x->period < y->period ? -1 : x->period > y->period;
}

static struct gm_error *group(struct gm_timer_report *r)
{
	/* timers are few (thousands): a linear search per timer is fine up to
	 * that; beyond, sort a copy by key first */
	r->groups = calloc(r->n ? r->n : 1, sizeof(*r->groups));
	if (!r->groups)
		return &gm_error_nomem;
	for (size_t i = 0; i < r->n; i++) {
		const struct gm_timer *t = &r->v[i];
		size_t k;
		for (k = 0; k < r->ngroups; k++) {
			struct gm_timer_group *g = &r->groups[k];
			if (g->kind == t->kind && g->fn_pc == t->fn_pc && g->period == t->period)
				break;
			if (r->ngroups > 4096) { /* too many groups: one per timer */
				k = r->ngroups;
				break;
			}
		}
		struct gm_timer_group *g = &r->groups[k];
		if (k == r->ngroups) {
			r->ngroups++;
			g->kind = t->kind;
			g->function = t->function;
			g->file = t->file;
			g->line = t->line;
			g->fn_pc = t->fn_pc;
			g->period = t->period;
			g->next_when = t->when;
		}
		g->count++;
		if (t->when < g->next_when)
			g->next_when = t->when;
	}
	qsort(r->groups, r->ngroups, sizeof(*r->groups), by_count);
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* A goroutine parked in time.Sleep (wait reason "sleep") has its g.timer in
 * a P's heap: resetForSleep adds it before the goroutine can be seen
 * parked... almost (it runs as gopark's unlock function, just after the
 * status change). A sleeper whose timer is in no heap means the heaps (or
 * the P structs holding them) are damaged. One sleeper has no g.timer: the
 * background scavenger parks with the same wait reason on a timer of its
 * own (scavengerState.sleep, 1.19 to 1.27), between bursts of returning
 * memory, where a live process or a dump of one catches it. Its start
 * function is a wrapper (runtime.gcenable.func2, .gowrap2), so the stacks
 * of the sleepers without g.timer (only those: a program may have 100k
 * sleepers) are unwound to find runtime.bgscavenge. */
struct sleeper_arg {
	struct gm_memsrc *mem;
	const struct gm_layout *l;
};

bool gm_timers_is_sleeper(const struct gm_layout *l, const struct gm_goroutine *g)
{
	return g->wait_reason && !strcmp(g->wait_reason, "sleep") &&
	       (g->status & ~l->gs_scan) == (uint32_t)l->gs_waiting;
}

static bool is_sleeper(const struct gm_layout *l, const struct gm_goroutine *g)
{
	return gm_timers_is_sleeper(l, g);
}

static bool sleeper_without_timer(void *arg, const struct gm_goroutine *g)
{
	const struct sleeper_arg *a = arg;
	uint64_t tp;
	return is_sleeper(a->l, g) && rdf(a->mem, g->addr, a->l->g_timer, &tp) && !tp;
}

bool gm_timers_in_scavenger(const struct gm_goroutine *g)
{
	for (size_t i = 0; i < g->nframes; i++)
		if (g->frames[i].func && !strcmp(g->frames[i].func, "runtime.bgscavenge"))
			return true;
	return false;
}

/* check_sleepers over a share's sleepers: the same test in the same order. */
static void check_shared_sleepers(struct gm_target *t, const struct gm_layout *l,
				  struct gm_timer_report *r, const uint64_t *addrs,
				  const struct gm_gshare *sh)
{
	for (size_t i = 0; i < sh->nsleepers; i++) {
		const struct gm_gshare_sleeper *g = &sh->sleepers[i];
		uint64_t tp;
		bool read = rdf(t->mem, g->addr, l->g_timer, &tp);
		if (read && !tp && g->scavenger)
			continue;
		if (!read || !tp || !bsearch(&tp, addrs, r->n, sizeof(*addrs), cmp_u64)) {
			problem(r, "goroutine %llu sleeps but its timer 0x%llx is in no P's timer heap: "
				   "the timer heaps are damaged",
				(unsigned long long)g->goid, (unsigned long long)tp);
			return;
		}
	}
	if (sh->stats.unreadable)
		problem(r, "%llu goroutines unreadable: the sleepers' timers cannot be checked "
			   "against the timer heaps", (unsigned long long)sh->stats.unreadable);
}

/* *now_ok: the walk it made gave "now" (r->now, r->now_source), which
 * gm_gwalk_estimate_now would compute again with a walk of its own. */
static void check_sleepers(struct gm_target *t, const struct gm_gobin *gb,
			   const struct gm_layout *l, struct gm_timer_report *r,
			   const struct gm_gshare *sh, bool *now_ok)
{
	if (l->g_timer < 0 || r->problem[0])
		return;
	uint64_t *addrs = malloc((r->n ? r->n : 1) * sizeof(*addrs));
	if (!addrs)
		return;
	for (size_t i = 0; i < r->n; i++)
		addrs[i] = r->v[i].addr;
	qsort(addrs, r->n, sizeof(*addrs), cmp_u64);
	if (gm_gshare_usable(sh)) {
		check_shared_sleepers(t, l, r, addrs, sh);
		free(addrs);
		return;
	}
	struct sleeper_arg sa = {t->mem, l};
	struct gm_gwalk_opts wo = {.want_stack = sleeper_without_timer, .want_stack_arg = &sa};
	struct gm_gwalk *w;
	struct gm_error *cerr = gm_gwalk_create(t, gb, l, &wo, &w);
	if (cerr) {
		gm_error_destroy(cerr);
		free(addrs);
		return; /* the goroutine list is unreadable: nothing to compare with */
	}
	const struct gm_goroutine *g;
	struct gm_error *err;
	while (!(err = gm_gwalk_next(w, &g)) && g) {
		uint64_t tp;
		if (!is_sleeper(l, g))
			continue;
		bool read = rdf(t->mem, g->addr, l->g_timer, &tp);
		if (read && !tp && gm_timers_in_scavenger(g))
			continue;
		if (!read || !tp || !bsearch(&tp, addrs, r->n, sizeof(*addrs), cmp_u64)) {
			problem(r, "goroutine %llu sleeps but its timer 0x%llx is in no P's timer heap: "
				   "the timer heaps are damaged",
				(unsigned long long)g->goid, (unsigned long long)tp);
			break;
		}
	}
	struct gm_gwalk_stats gs;
	gm_gwalk_stats(w, &gs);
	if (err)
		problem(r, "goroutines: %s: the sleepers' timers cannot be checked", err->msg);
	else if (gs.unreadable)
		problem(r, "%llu goroutines unreadable: the sleepers' timers cannot be checked "
			   "against the timer heaps", (unsigned long long)gs.unreadable);
	gm_error_destroy(err);
	r->now = gm_gwalk_now(w, &r->now_source);
	*now_ok = true;
	gm_gwalk_destroy(w);
	free(addrs);
}

struct gm_error *gm_timers_collect(struct gm_target *t, const struct gm_gobin *gb,
				   const struct gm_layout *l, struct gm_timer_report **ret)
{
	return gm_timers_collect_shared(t, gb, l, NULL, ret);
}

struct gm_error *gm_timers_collect_shared(struct gm_target *t, const struct gm_gobin *gb,
					  const struct gm_layout *l, const struct gm_gshare *sh,
					  struct gm_timer_report **ret)
{
	*ret = NULL;
	bool v123 = l->p_timers_heap >= 0;
	if (!l->allp)
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "runtime.allp not found (stripped executable without its symbols?)");
	if (l->p_timers < 0 || l->timer_when < 0 || l->timer_f < 0 ||
	    l->timer_status < 0 || (v123 && l->timerwhen_size <= 0))
		return gm_error_create(GM_ERR_UNSUPPORTED,
				       "the layout lacks p.timers / runtime.timer fields");
	struct gm_memsrc *m = t->mem;
	uint64_t allp, np;
	if (!gm_memsrc_u64(m, l->allp, &allp) || !gm_memsrc_u64(m, l->allp + 8, &np))
		return gm_error_create(GM_ERR_FORMAT, "runtime.allp is not readable");
	if (np > MAX_PROCS)
		return gm_error_create(GM_ERR_FORMAT, "runtime.allp has %llu entries",
				       (unsigned long long)np);
	if (!np) /* a started runtime has at least one P */
		return gm_error_create(GM_ERR_FORMAT,
				       "runtime.allp is empty (len 0, array 0x%llx): the core's copy of "
				       "the P list is lost", (unsigned long long)allp);
	struct gm_timer_report *r = calloc(1, sizeof(*r));
	if (!r)
		return &gm_error_nomem;
	r->go_minor = l->go_minor;
	r->chan_timers_heaped_only_when_blocked = v123;
	r->nprocs = (uint32_t)np;
	size_t cap = 0;
	uint64_t stride = v123 ? (uint64_t)l->timerwhen_size : 8;
	for (uint64_t i = 0; i < np; i++) {
		uint64_t p, arr, n;
		char why[160];
		if (!gm_memsrc_u64(m, allp + 8 * i, &p)) {
			problem(r, "allp[%llu] is not in the core", (unsigned long long)i);
			continue;
		}
		if (!gm_rtcheck_p(m, l, i, p, why, sizeof(why))) {
			problem(r, "%s", why);
			continue;
		}
		int32_t off = v123 ? l->p_timers_heap : l->p_timers;
		if (!rdf(m, p, off, &arr) || !rdf(m, p, off + 8, &n)) {
			problem(r, "allp[%llu].timers is not readable", (unsigned long long)i);
			continue;
		}
		if (n > MAX_TIMERS_PER_P || (n && !arr)) {
			problem(r, "allp[%llu].timers has %llu entries", (unsigned long long)i,
				(unsigned long long)n);
			continue;
		}
		/* the count that follows the slice (p.numTimers up to 1.22,
		 * p.timers.len from 1.23) is len(heap), kept under the same lock */
		uint32_t cnt;
		if (!gm_memsrc_u32(m, p + (uint64_t)off + 24, &cnt) || cnt != n) {
			problem(r, "allp[%llu]'s timer heap is damaged: %llu entries, its count says %u",
				(unsigned long long)i, (unsigned long long)n, cnt);
			continue;
		}
		for (uint64_t k = 0; k < n; k++) {
			uint64_t tp;
			if (!gm_memsrc_u64(m, arr + stride * k, &tp)) {
				problem(r, "allp[%llu].timers[%llu] is not in the core",
					(unsigned long long)i, (unsigned long long)k);
				break;
			}
			if (!tp) { /* a timer heap has no holes */
				problem(r, "allp[%llu].timers[%llu] is nil: the timer heap is damaged",
					(unsigned long long)i, (unsigned long long)k);
				continue;
			}
			uint32_t st = 0;
			uint8_t st8 = 0;
			bool ok = v123 ? gm_memsrc_u8(m, tp + (uint64_t)l->timer_status, &st8)
				       : gm_memsrc_u32(m, tp + (uint64_t)l->timer_status, &st);
			if (!ok) {
				problem(r, "timer 0x%llx is not in the core", (unsigned long long)tp);
				continue;
			}
			/* a timer in a heap is marked heaped (1.23+) or has a status
			 * other than timerNoStatus, and has a function to run */
			uint64_t fv = 0;
			if ((v123 ? !(st8 & TS_HEAPED) : (st == 0 || st > ST_MOVING)) ||
			    !rdf(m, tp, l->timer_f, &fv) || !fv) {
				problem(r, "timer 0x%llx in allp[%llu]'s heap is damaged (status %u, f 0x%llx)",
					(unsigned long long)tp, (unsigned long long)i,
					v123 ? (unsigned)st8 : st, (unsigned long long)fv);
				continue;
			}
			if (v123 ? (st8 & TS_ZOMBIE) != 0
				 : (st == ST_DELETED || st == ST_REMOVING || st == ST_REMOVED)) {
				r->skipped++;
				continue;
			}
			if (r->n >= MAX_TIMERS) {
				problem(r, "more than %u timers", MAX_TIMERS);
				break;
			}
			if (r->n == cap) {
				size_t nc = cap ? cap * 2 : 64;
				struct gm_timer *nv = realloc(r->v, nc * sizeof(*nv));
				if (!nv) {
					gm_timer_report_destroy(r);
					return &gm_error_nomem;
				}
				r->v = nv;
				cap = nc;
			}
			struct gm_timer *tm = &r->v[r->n++];
			memset(tm, 0, sizeof(*tm));
			tm->addr = tp;
			tm->p = (uint32_t)i;
			uint64_t w = 0, per = 0;
			int32_t woff = l->timer_when;
			if (!v123 && (st == ST_MODEARLIER || st == ST_MODLATER) && l->timer_nextwhen >= 0)
				woff = l->timer_nextwhen; /* the real time is in nextwhen */
			rdf(m, tp, woff, &w);
			rdf(m, tp, l->timer_period, &per);
			tm->when = (int64_t)w;
			tm->period = (int64_t)per > 0 ? (int64_t)per : 0;
			describe(m, gb, l, tm);
		}
	}
	/* a damage check for cores: a live process is not damaged, and its
	 * threads may be stopped between a sleeper's park and the unlock
	 * function that adds its timer */
	bool now_ok = false;
	if (!t->is_live)
		check_sleepers(t, gb, l, r, sh, &now_ok);
	if (r->n)
		qsort(r->v, r->n, sizeof(*r->v), by_when);
	struct gm_error *err = group(r);
	if (err) {
		gm_timer_report_destroy(r);
		return err;
	}
	if (gm_gshare_usable(sh)) {
		r->now = sh->now;
		r->now_source = sh->now_source;
	} else if (!now_ok) {
		r->now = gm_gwalk_estimate_now(t, gb, l, &r->now_source);
	}
	/* better lower bounds of now: the end of the last GC, and the last
	 * time each ticker was set (when - period) */
	uint64_t lgc;
	char why[300];
	bool gc_ok = gm_rtcheck_gcstats(m, l, why, sizeof(why));
	if (!gc_ok)
		problem(r, "%s (the times below may be off)", why);
	if (!t->now_ns && gc_ok && rdf(m, l->memstats, l->mstats_last_gc_nanotime, &lgc) &&
	    (int64_t)lgc > r->now) {
		r->now = (int64_t)lgc;
		r->now_source = "memstats.last_gc_nanotime";
	}
	for (size_t i = 0; !t->now_ns && i < r->n; i++) {
		const struct gm_timer *tm = &r->v[i];
		if (tm->period > 0 && tm->when > tm->period && tm->when - tm->period > r->now) {
			r->now = tm->when - tm->period;
			r->now_source = "a ticker's last (re)set";
		}
	}
	*ret = r;
	return NULL;
}
