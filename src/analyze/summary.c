/* gomortem summary: collection (see gm_summary.h); the red flags are in
 * summary_flags.c, --fail-on in failon.c. */
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_fmt.h"
#include "gm_ggroup.h"
#include "gm_goroutines.h"
#include "gm_gshare.h"
#include "gm_heapleak.h"
#include "gm_summary.h"
#include "gm_threads.h"
#include "summary_internal.h"

const char *const gm_metric_names[GM_M_N] = {
	[GM_M_GOROUTINES] = "goroutines",
	[GM_M_GOROUTINES_GROUPS] = "goroutines.groups",
	[GM_M_GOROUTINES_LARGEST_GROUP] = "goroutines.largest_group",
	[GM_M_GOROUTINES_MAX_WAIT_MINUTES] = "goroutines.max_wait_minutes",
	[GM_M_GOROUTINES_RUNNING] = "goroutines.running",
	[GM_M_GOROUTINES_RUNNABLE] = "goroutines.runnable",
	[GM_M_GOROUTINES_WAITING] = "goroutines.waiting",
	[GM_M_GOROUTINES_SYSCALL] = "goroutines.syscall",
	[GM_M_GOROUTINES_UNREADABLE] = "goroutines.unreadable",
	[GM_M_GOROUTINES_LEAKED] = "goroutines.leaked",
	[GM_M_THREADS] = "threads",
	[GM_M_PLUGINS] = "plugins",
	[GM_M_THREADS_NOT_GO] = "threads.not_go",
	[GM_M_THREADS_IN_CGO] = "threads.in_cgo",
	[GM_M_FIN_REGISTERED] = "finalizers.registered",
	[GM_M_FIN_QUEUED] = "finalizers.queued",
	[GM_M_FIN_BLOCKED] = "finalizers.blocked",
	[GM_M_FIN_BLOCKED_MINUTES] = "finalizers.blocked_minutes",
	[GM_M_CL_REGISTERED] = "cleanups.registered",
	[GM_M_CL_QUEUED] = "cleanups.queued",
	[GM_M_TYPES_RUNTIME] = "types.runtime_created",
	[GM_M_TYPES_CACHED] = "types.cached",
	[GM_M_TIMERS] = "timers",
	[GM_M_TIMERS_TICKERS] = "timers.tickers",
	[GM_M_TIMERS_LARGEST_GROUP] = "timers.largest_group",
	[GM_M_HEAP_ALLOC] = "heap.Alloc",
	[GM_M_HEAP_TOTALALLOC] = "heap.TotalAlloc",
	[GM_M_HEAP_SYS] = "heap.Sys",
	[GM_M_HEAP_MALLOCS] = "heap.Mallocs",
	[GM_M_HEAP_FREES] = "heap.Frees",
	[GM_M_HEAP_HEAPALLOC] = "heap.HeapAlloc",
	[GM_M_HEAP_HEAPSYS] = "heap.HeapSys",
	[GM_M_HEAP_HEAPIDLE] = "heap.HeapIdle",
	[GM_M_HEAP_HEAPINUSE] = "heap.HeapInuse",
	[GM_M_HEAP_HEAPRELEASED] = "heap.HeapReleased",
	[GM_M_HEAP_HEAPOBJECTS] = "heap.HeapObjects",
	[GM_M_HEAP_STACKINUSE] = "heap.StackInuse",
	[GM_M_HEAP_STACKSYS] = "heap.StackSys",
	[GM_M_HEAP_GCSYS] = "heap.GCSys",
	[GM_M_HEAP_OTHERSYS] = "heap.OtherSys",
	[GM_M_HEAP_NEXTGC] = "heap.NextGC",
	[GM_M_HEAP_NUMGC] = "heap.NumGC",
	[GM_M_HEAP_PROFILE_INUSE_TOP] = "heap.profile.inuse_bytes.top",
	[GM_M_HEAP_PROFILE_INUSE] = "heap.profile.inuse_bytes",
	[GM_M_MEM_MAPPED] = "memory.mapped",
	[GM_M_MEM_SHLIB] = "memory.shared_libraries",
	[GM_M_MEM_ANON] = "memory.anonymous",
	[GM_M_MEM_UNACCOUNTED] = "memory.unaccounted",
	[GM_M_MEM_UNACCOUNTED_IN_USE] = "memory.unaccounted_in_use",
	[GM_M_MEM_C_MALLOC] = "memory.c_malloc",
	[GM_M_FLAGS] = "flags",
	[GM_M_FLAGS_CRITICAL] = "flags.critical",
};


static int64_t clamp_u64(uint64_t v)
{
	return v > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v;
}

static void problem(struct gm_summary *sm, const char *part, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct gm_summary *sm, const char *part, const char *fmt, ...)
{
	if (sm->nproblems >= GM_SUMMARY_MAX_PROBLEMS)
		return;
	char *p = sm->problems[sm->nproblems++];
	size_t n = sizeof(sm->problems[0]);
	int k = snprintf(p, n, "%s: ", part);
	if (k < 0 || (size_t)k >= n)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p + k, n - (size_t)k, fmt, ap);
	va_end(ap);
}

/* A walker's error: its message kept as a problem, the error freed. */
static void walker_failed(struct gm_summary *sm, const char *part, struct gm_error *err)
{
	if (err == &gm_error_nomem || err->code == GM_ERR_NOMEM)
		problem(sm, part, "out of memory");
	else
		problem(sm, part, "%s", err->msg);
	gm_error_destroy(err);
}

/* ---- goroutines ---- */

/* A function of the standard library: the first element of its package
 * path has no dot ("sync", "internal/sync", "net/http", "vendor/..."), as
 * the go command tells standard packages; "main" is the program's. */
bool gm_summary_is_std_func(const char *f)
{
	if (!f || !strncmp(f, "main.", 5))
		return false;
	size_t n = strcspn(f, "/");
	if (!f[n])
		n = strcspn(f, ".");
	return memchr(f, '.', n) == NULL;
}

/* The state is a wait reason, not a status name. */
static bool is_wait_state(const char *st)
{
	static const char *const status[] = {"running", "runnable", "syscall", "idle", "dead",
					     "copystack", "preempted", "???", "leaked"};
	if (!st)
		return false;
	for (size_t i = 0; i < sizeof(status) / sizeof(status[0]); i++)
		if (!strcmp(st, status[i]))
			return false;
	return true;
}

static void fill_group(struct gm_summary_group *o, const struct gm_ggroup *gr)
{
	memset(o, 0, sizeof(*o));
	o->count = gr->count;
	o->locked = gr->locked;
	o->first_goid = gr->ngoids ? gr->goids[0] : 0;
	o->state = gr->state;
	o->max_minutes = gr->max_minutes;
	o->system = gr->system == gr->count;
	o->waiting = is_wait_state(gr->state);
	o->frames = gr->nframes;
	/* where: the program's own code first (a goroutine parked in
	 * sync.(*Mutex).Lock or time.Sleep is shown where it called them),
	 * else the first frame outside the runtime, else the innermost */
	const struct gm_ggroup_frame *f = NULL;
	for (uint32_t k = 0; k < gr->nframes && !f; k++)
		if (!gm_summary_is_std_func(gr->frames[k].func))
			f = &gr->frames[k];
	for (uint32_t k = 0; k < gr->nframes && !f; k++)
		if (!gm_ggroup_is_runtime(gr->frames[k].func))
			f = &gr->frames[k];
	if (!f && gr->nframes)
		f = &gr->frames[0];
	if (f) {
		o->func = f->func;
		o->file = f->file;
		o->line = f->line;
	}
	if (gr->unwind_error)
		snprintf(o->incomplete, sizeof(o->incomplete), "%s", gr->unwind_error);
	if (gr->created) {
		o->created_func = gr->created_func;
		o->created_file = gr->created_file;
		o->created_line = gr->created_line;
	}
}

static bool same_place(const struct gm_summary_group *a, const struct gm_summary_group *b)
{
	return a->state == b->state && a->func == b->func && a->file == b->file && a->line == b->line &&
	       a->created_func == b->created_func && a->created_line == b->created_line &&
	       a->system == b->system;
}

static int cmp_place(const void *a, const void *b)
{
	const struct gm_summary_group *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->first_goid > y->first_goid) - (x->first_goid < y->first_goid);
}

/* Groups merged by place; places[] keeps the biggest. The merge table is
 * bounded: groups beyond its size that match no place are left out (the
 * biggest groups come first, so the biggest places are all there). */
#define MAX_PLACES 256
static void merge_places(struct gm_summary *sm, struct gm_ggroup *const *v, size_t n)
{
	struct gm_summary_group *pl = calloc(MAX_PLACES, sizeof(*pl));
	if (!pl) {
		problem(sm, "goroutines", "out of memory while grouping");
		return;
	}
	size_t np = 0;
	for (size_t i = 0; i < n; i++) {
		struct gm_summary_group g;
		fill_group(&g, v[i]);
		size_t k;
		for (k = 0; k < np && !same_place(&pl[k], &g); k++)
			;
		if (k == np) {
			if (np == MAX_PLACES)
				continue;
			pl[np++] = g;
			continue;
		}
		pl[k].count += g.count;
		pl[k].locked += g.locked;
		if (g.max_minutes > pl[k].max_minutes)
			pl[k].max_minutes = g.max_minutes;
		if (g.frames > pl[k].frames)
			pl[k].frames = g.frames;
		if (g.first_goid < pl[k].first_goid)
			pl[k].first_goid = g.first_goid;
	}
	qsort(pl, np, sizeof(*pl), cmp_place);
	for (size_t k = 0; k < np && sm->nplaces < GM_SUMMARY_TOP; k++)
		sm->places[sm->nplaces++] = pl[k];
	free(pl);
}

static void top_groups(struct gm_summary *sm, struct gm_ggroups *gs)
{
	size_t n = 0;
	struct gm_ggroup **v = gm_ggroups_sorted(gs, &n);
	if (!v) {
		problem(sm, "goroutines", "out of memory while grouping");
		return;
	}
	sm->groups = n;
	set_metric(sm, GM_M_GOROUTINES_GROUPS, (int64_t)n);
	set_metric(sm, GM_M_GOROUTINES_LARGEST_GROUP, n ? clamp_u64(v[0]->count) : 0);
	/* the program's own groups first, the runtime's after them */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n && sm->ntop < GM_SUMMARY_TOP; i++)
			if ((v[i]->system == v[i]->count) == (pass == 1))
				fill_group(&sm->top[sm->ntop++], v[i]);
	merge_places(sm, v, n);
	free(v);
}

static void leaked_groups(struct gm_summary *sm, struct gm_ggroups *gs)
{
	size_t n = 0;
	struct gm_ggroup **v = gm_ggroups_sorted(gs, &n);
	if (!v) {
		problem(sm, "leaks", "out of memory while grouping");
		return;
	}
	sm->leaked_groups = n;
	for (size_t i = 0; i < n && sm->nleaked_top < GM_SUMMARY_TOP; i++)
		fill_group(&sm->leaked_top[sm->nleaked_top++], v[i]);
	free(v);
}

static void leaks_failed(struct gm_summary *sm, struct gm_error *err)
{
	snprintf(sm->leaks_off, sizeof(sm->leaks_off), "%s",
		 err == &gm_error_nomem || err->code == GM_ERR_NOMEM ? "out of memory" : err->msg);
	walker_failed(sm, "leaks", err);
}

/* The proof concluded (lp NULL: none; frees lp): the report, or NULL. */
static struct gm_leak_report *finish_leaks(struct gm_summary *sm, struct gm_leak_proof *lp,
					   const struct gm_gwalk_stats *st, const char *stopped)
{
	if (!lp)
		return NULL;
	struct gm_leak_report *lr;
	struct gm_error *err = gm_heapleak_finish(lp, st, stopped, &lr);
	if (err) {
		leaks_failed(sm, err);
		return NULL;
	}
	if (!lr->checked) {
		char b[32];
		snprintf(sm->leaks_off, sizeof(sm->leaks_off), "the heap holds %s: over the %llu MiB checked by default (--leaks)",
			 gm_fmt_bytes(lr->heap_bytes, b, sizeof(b)), GM_SUMMARY_LEAKS_AUTO_BYTES >> 20);
		gm_heapleak_destroy(lr);
		return NULL;
	}
	sm->leaks_checked = true;
	sm->leaks_proven = lr->proven;
	sm->leaked = lr->leaked;
	sm->leak_candidates = lr->candidates;
	sm->leak_undecided = lr->undecided;
	snprintf(sm->leaks_problem, sizeof(sm->leaks_problem), "%s", lr->problem);
	set_metric(sm, GM_M_GOROUTINES_LEAKED, clamp_u64(lr->leaked));
	return lr;
}

/* The leaked goroutines' groups: a walk that unwinds only them (the one
 * walk below cannot group them, the proof concluding after it). */
static bool is_leaked(void *arg, const struct gm_goroutine *g)
{
	return gm_heapleak_is_leaked(arg, g->addr);
}

static void group_leaked(struct gm_summary *sm, struct gm_session *s, const struct gm_leak_report *lr)
{
	struct gm_gwalk_opts o = {.want_stack = is_leaked, .want_stack_arg = (void *)lr};
	struct gm_gwalk *w;
	struct gm_ggroups lg;
	struct gm_error *err = gm_gwalk_create(s->target, s->gobin, &s->layout, &o, &w);
	if (err) {
		walker_failed(sm, "leaks", err);
		return;
	}
	if (!gm_ggroups_init(&lg, 1)) {
		gm_gwalk_destroy(w);
		problem(sm, "leaks", "out of memory");
		return;
	}
	const struct gm_goroutine *g;
	while (!(err = gm_gwalk_next(w, &g)) && g)
		if (gm_heapleak_is_leaked(lr, g->addr))
			gm_ggroups_add(&lg, g);
	if (err)
		walker_failed(sm, "leaks", err);
	else
		leaked_groups(sm, &lg);
	gm_ggroups_deinit(&lg);
	gm_gwalk_destroy(w);
}

/* The one goroutine walk: it also feeds the leak proof (lp, NULL: none)
 * and fills the share the finalizer, timers and heap walkers read instead
 * of walking again. */
static void collect_goroutines(struct gm_summary *sm, struct gm_session *s, struct gm_gshare *sh,
			       struct gm_leak_proof *lp)
{
	struct gm_gwalk_opts o = {.want_args = false, .want_labels = false};
	struct gm_gwalk *w;
	struct gm_error *err = gm_gwalk_create(s->target, s->gobin, &s->layout, &o, &w);
	if (err) {
		gm_heapleak_destroy(finish_leaks(sm, lp, NULL, err->msg));
		walker_failed(sm, "goroutines", err);
		return;
	}
	struct gm_ggroups gs;
	if (!gm_ggroups_init(&gs, 1)) {
		gm_ggroups_deinit(&gs);
		gm_gwalk_destroy(w);
		gm_heapleak_abandon(lp);
		problem(sm, "goroutines", "out of memory");
		return;
	}
	const struct gm_layout *l = &s->layout;
	const struct gm_goroutine *g;
	sm->max_wait_minutes = -1;
	bool walk_ok = true;
	for (;;) {
		err = gm_gwalk_next(w, &g);
		if (err) {
			walk_ok = false;
			break;
		}
		if (!g)
			break;
		gm_ggroups_add(&gs, g);
		gm_heapleak_goroutine(lp, g);
		gm_gshare_add(sh, g);
		uint32_t st = g->status & ~(uint32_t)l->gs_scan;
		if (st == (uint32_t)l->gs_running)
			sm->running++;
		else if (st == (uint32_t)l->gs_runnable)
			sm->runnable++;
		else if (st == (uint32_t)l->gs_syscall)
			sm->syscall++;
		else if (st == (uint32_t)l->gs_waiting)
			sm->waiting++;
		if (g->wait_minutes > sm->max_wait_minutes)
			sm->max_wait_minutes = g->wait_minutes;
	}
	gm_gshare_finish(sh, w, walk_ok);
	struct gm_gwalk_stats stats;
	gm_gwalk_stats(w, &stats);
	struct gm_leak_report *lr = finish_leaks(sm, lp, &stats, err ? err->msg : NULL);
	if (err)
		walker_failed(sm, "goroutines", err);
	const char *src;
	sm->now = gm_gwalk_now(w, &src);
	sm->have_goroutines = true;
	sm->goroutines = stats.live;
	sm->unreadable = stats.unreadable;
	sm->unwind_errors = stats.unwind_errors;
	if ((stats.unreadable || stats.unwind_errors || stats.damaged) && stats.first_problem)
		problem(sm, "goroutines",
			"%" PRIu64 " unreadable, %" PRIu64 " stacks incomplete, %" PRIu64
			" impossible values (first: %s)",
			stats.unreadable, stats.unwind_errors, stats.damaged, stats.first_problem);
	top_groups(sm, &gs);
	for (size_t i = 0; i < gs.nstates && sm->nstates < GM_SUMMARY_MAX_STATES; i++) {
		sm->states[sm->nstates].state = gs.states[i].state;
		sm->states[sm->nstates++].n = gs.states[i].n;
	}
	if (gs.oom)
		problem(sm, "goroutines", "out of memory while grouping");
	gm_ggroups_deinit(&gs);
	gm_gwalk_destroy(w);
	if (lr && lr->leaked)
		group_leaked(sm, s, lr);
	gm_heapleak_destroy(lr);
	set_metric(sm, GM_M_GOROUTINES, clamp_u64(sm->goroutines));
	set_metric(sm, GM_M_GOROUTINES_RUNNING, clamp_u64(sm->running));
	set_metric(sm, GM_M_GOROUTINES_RUNNABLE, clamp_u64(sm->runnable));
	set_metric(sm, GM_M_GOROUTINES_WAITING, clamp_u64(sm->waiting));
	set_metric(sm, GM_M_GOROUTINES_SYSCALL, clamp_u64(sm->syscall));
	set_metric(sm, GM_M_GOROUTINES_UNREADABLE, clamp_u64(sm->unreadable));
	if (sm->max_wait_minutes >= 0)
		set_metric(sm, GM_M_GOROUTINES_MAX_WAIT_MINUTES, sm->max_wait_minutes);
}

/* ---- the other walkers ---- */

static void collect_others(struct gm_summary *sm, struct gm_session *s, const struct gm_gshare *sh)
{
	struct gm_target *t = s->target;
	struct gm_error *err;

	if ((err = gm_fin_collect_shared(t, s->gobin, &s->layout, sh, &sm->fin))) {
		sm->fin = NULL;
		walker_failed(sm, "finalizers", err);
	} else {
		if (sm->fin->problem[0])
			problem(sm, "finalizers", "%s", sm->fin->problem);
		set_metric(sm, GM_M_FIN_REGISTERED, clamp_u64(sm->fin->registered.total));
		set_metric(sm, GM_M_FIN_QUEUED, clamp_u64(sm->fin->queued.total));
		if (sm->fin->cleanups_supported) {
			set_metric(sm, GM_M_CL_REGISTERED, clamp_u64(sm->fin->cl_registered.total));
			set_metric(sm, GM_M_CL_QUEUED, clamp_u64(sm->fin->cl_queued.total));
		}
		const struct gm_fin_goroutine *f = &sm->fin->fing;
		bool blocked = sm->fin->have_fing && f->running_one && f->waiting;
		set_metric(sm, GM_M_FIN_BLOCKED, blocked);
		if (!blocked)
			set_metric(sm, GM_M_FIN_BLOCKED_MINUTES, 0);
		else if (f->wait_minutes >= 0)
			set_metric(sm, GM_M_FIN_BLOCKED_MINUTES, f->wait_minutes);
	}

	if ((err = gm_types_collect(t->mem, s->gobin, &s->layout, &sm->types))) {
		sm->types = NULL;
		walker_failed(sm, "types", err);
	} else {
		if (sm->types->problem[0])
			problem(sm, "types", "%s", sm->types->problem);
		set_metric(sm, GM_M_TYPES_RUNTIME, clamp_u64(sm->types->runtime_created_total));
		set_metric(sm, GM_M_TYPES_CACHED, clamp_u64(sm->types->types_total));
	}

	if ((err = gm_timers_collect_shared(t, s->gobin, &s->layout, sh, &sm->timers))) {
		sm->timers = NULL;
		walker_failed(sm, "timers", err);
	} else {
		if (sm->timers->problem[0])
			problem(sm, "timers", "%s", sm->timers->problem);
		uint64_t tickers = 0, largest = 0;
		for (size_t i = 0; i < sm->timers->n; i++)
			tickers += sm->timers->v[i].period > 0;
		for (size_t i = 0; i < sm->timers->ngroups; i++)
			if (sm->timers->groups[i].count > largest)
				largest = sm->timers->groups[i].count;
		sm->timer_tickers = tickers;
		set_metric(sm, GM_M_TIMERS, (int64_t)sm->timers->n);
		set_metric(sm, GM_M_TIMERS_TICKERS, clamp_u64(tickers));
		set_metric(sm, GM_M_TIMERS_LARGEST_GROUP, clamp_u64(largest));
	}

	if ((err = gm_heap_collect_shared(t, s->gobin, &s->layout, sh, &sm->heap))) {
		sm->heap = NULL;
		walker_failed(sm, "heap", err);
	} else {
		const struct gm_heap_report *h = sm->heap;
		if (h->problem[0])
			problem(sm, "heap", "%s", h->problem);
		set_metric(sm, GM_M_HEAP_ALLOC, clamp_u64(h->alloc));
		set_metric(sm, GM_M_HEAP_TOTALALLOC, clamp_u64(h->total_alloc));
		set_metric(sm, GM_M_HEAP_SYS, clamp_u64(h->sys));
		set_metric(sm, GM_M_HEAP_MALLOCS, clamp_u64(h->mallocs));
		set_metric(sm, GM_M_HEAP_FREES, clamp_u64(h->frees));
		set_metric(sm, GM_M_HEAP_HEAPALLOC, clamp_u64(h->heap_alloc));
		set_metric(sm, GM_M_HEAP_HEAPSYS, clamp_u64(h->heap_sys));
		set_metric(sm, GM_M_HEAP_HEAPIDLE, clamp_u64(h->heap_idle));
		set_metric(sm, GM_M_HEAP_HEAPINUSE, clamp_u64(h->heap_inuse));
		set_metric(sm, GM_M_HEAP_HEAPRELEASED, clamp_u64(h->heap_released));
		set_metric(sm, GM_M_HEAP_HEAPOBJECTS, clamp_u64(h->heap_objects));
		set_metric(sm, GM_M_HEAP_STACKINUSE, clamp_u64(h->stack_inuse));
		set_metric(sm, GM_M_HEAP_STACKSYS, clamp_u64(h->stack_sys));
		set_metric(sm, GM_M_HEAP_GCSYS, clamp_u64(h->gc_sys));
		set_metric(sm, GM_M_HEAP_OTHERSYS, clamp_u64(h->other_sys));
		set_metric(sm, GM_M_HEAP_NEXTGC, clamp_u64(h->next_gc));
		set_metric(sm, GM_M_HEAP_NUMGC, h->num_gc);
	}

	/* the runtime's heap profile: its absence (profiling off) is no problem */
	struct gm_memprof *mp = NULL;
	if ((err = gm_memprof_read(s, &mp))) {
		snprintf(sm->memprof_off, sizeof(sm->memprof_off), "%s", err->msg);
		gm_error_destroy(err);
	} else if (mp->disabled[0]) {
		snprintf(sm->memprof_off, sizeof(sm->memprof_off), "%s", mp->disabled);
		gm_memprof_destroy(mp);
	} else {
		sm->memprof = mp;
		if (mp->problem[0])
			problem(sm, "heap profile", "%s", mp->problem);
		int64_t top = 0;
		for (size_t i = 0; i < mp->nsamples; i++)
			if (mp->samples[i].v[3] > top)
				top = mp->samples[i].v[3];
		set_metric(sm, GM_M_HEAP_PROFILE_INUSE_TOP, top);
		set_metric(sm, GM_M_HEAP_PROFILE_INUSE, mp->total[3]);
	}

	if ((err = gm_maps_collect(t, s->gobin, &s->layout, sm->heap, &sm->maps))) {
		sm->maps = NULL;
		walker_failed(sm, "memory map", err);
	} else {
		const struct gm_maps_report *m = sm->maps;
		if (m->problem[0])
			problem(sm, "memory map", "%s", m->problem);
		set_metric(sm, GM_M_MEM_MAPPED, clamp_u64(m->mapped));
		set_metric(sm, GM_M_MEM_SHLIB, clamp_u64(m->bytes[GM_MAP_SHLIB]));
		set_metric(sm, GM_M_MEM_ANON, clamp_u64(m->bytes[GM_MAP_ANON]));
		set_metric(sm, GM_M_MEM_C_MALLOC, clamp_u64(m->in_use[GM_MAP_C_MALLOC]));
		if (m->have_heap && m->unaccounted_known) {
			set_metric(sm, GM_M_MEM_UNACCOUNTED, m->unaccounted);
			set_metric(sm, GM_M_MEM_UNACCOUNTED_IN_USE, clamp_u64(m->unaccounted_in_use));
		}
	}
}

static void collect_threads(struct gm_summary *sm, struct gm_session *s)
{
	struct gm_threads *ts;
	struct gm_error *err = gm_threads_collect(s->target, s->gobin, &s->layout, NULL, &ts);
	if (err) {
		walker_failed(sm, "threads", err);
		return;
	}
	if (ts->problem)
		problem(sm, "threads", "%s", ts->problem);
	sm->have_threads = true;
	sm->threads = ts->n;
	for (size_t i = 0; i < ts->n; i++) {
		const struct gm_thread_info *th = &ts->v[i];
		if (th->go)
			sm->threads_go++;
		else
			sm->threads_not_go++;
		sm->threads_in_cgo += th->incgo;
		sm->threads_in_syscall += th->in_syscall;
	}
	/* cores list the thread the signal killed first */
	if (!s->target->is_live && ts->n && s->target->nthreads && s->target->threads[0].cursig > 0) {
		sm->signal_tid = ts->v[0].tid;
		sm->signal_goid = ts->v[0].curg_goid;
	}
	set_metric(sm, GM_M_THREADS_NOT_GO, clamp_u64(sm->threads_not_go));
	set_metric(sm, GM_M_THREADS_IN_CGO, clamp_u64(sm->threads_in_cgo));
	gm_threads_destroy(ts);
}

/* The proof of leaks, begun before the goroutine walk that feeds it */
static struct gm_leak_proof *begin_leaks(struct gm_summary *sm, struct gm_session *s,
					 const struct gm_summary_opts *o)
{
	if (o->leaks == GM_SUMMARY_LEAKS_OFF) {
		snprintf(sm->leaks_off, sizeof(sm->leaks_off), "not asked");
		return NULL;
	}
	struct gm_leak_proof *lp;
	uint64_t max = o->leaks == GM_SUMMARY_LEAKS_ON ? 0 : GM_SUMMARY_LEAKS_AUTO_BYTES;
	struct gm_error *err = gm_heapleak_begin(s->target, s->gobin, &s->layout, max, &lp);
	if (err) {
		leaks_failed(sm, err);
		return NULL;
	}
	if (gm_heapleak_wants_goroutines(lp))
		return lp;
	gm_heapleak_destroy(finish_leaks(sm, lp, NULL, NULL)); /* over max: not checked */
	return NULL;
}

struct gm_error *gm_summary_collect(struct gm_session *s, struct gm_summary **ret)
{
	return gm_summary_collect_opts(s, NULL, ret);
}

struct gm_error *gm_summary_collect_opts(struct gm_session *s, const struct gm_summary_opts *o,
					 struct gm_summary **ret)
{
	static const struct gm_summary_opts defaults = {.leaks = GM_SUMMARY_LEAKS_AUTO};
	if (!o)
		o = &defaults;
	*ret = NULL;
	struct gm_summary *sm = calloc(1, sizeof(*sm));
	if (!sm)
		return &gm_error_nomem;
	sm->max_wait_minutes = -1;
	set_metric(sm, GM_M_THREADS, (int64_t)s->target->nthreads);
	set_metric(sm, GM_M_PLUGINS, (int64_t)s->nplugins); /* Go plugins loaded (never unloaded) */
	struct gm_gshare sh;
	gm_gshare_init(&sh, s->target, &s->layout);
	collect_goroutines(sm, s, &sh, begin_leaks(sm, s, o));
	collect_threads(sm, s);
	collect_others(sm, s, &sh);
	gm_gshare_deinit(&sh);
	gm_summary_flags(sm, s->target);
	*ret = sm;
	return NULL;
}

void gm_summary_time(const struct gm_summary *sm, const char *path, bool live, struct gm_target_time *out)
{
	/* the runtime's own clocks give a lower bound: the wall time of the
	 * last GC plus the monotonic time since (to the latest runtime
	 * timestamp) */
	const struct gm_heap_report *h = sm ? sm->heap : NULL;
	int64_t lower = 0;
	if (h && h->last_gc > 0 && h->last_gc_nanotime > 0 && h->now >= (int64_t)h->last_gc_nanotime)
		lower = (int64_t)(h->last_gc / 1000) + (h->now - (int64_t)h->last_gc_nanotime) / 1000;
	gm_target_time_of(path, live, lower, out);
}

void gm_summary_destroy(struct gm_summary *sm)
{
	if (!sm)
		return;
	gm_fin_report_destroy(sm->fin);
	gm_types_report_destroy(sm->types);
	gm_timer_report_destroy(sm->timers);
	gm_heap_report_destroy(sm->heap);
	gm_memprof_destroy(sm->memprof);
	gm_maps_report_destroy(sm->maps);
	free(sm);
}
