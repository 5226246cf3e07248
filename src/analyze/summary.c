/* gomortem summary: collection, red flags and --fail-on (see gm_summary.h). */
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

static void set_metric(struct gm_summary *sm, enum gm_metric m, int64_t v)
{
	sm->metric[m] = v;
	sm->metric_known[m] = true;
}

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

/* The one goroutine walk: it also fills the share the finalizer, timers
 * and heap walkers read instead of walking again. */
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

static void collect_goroutines(struct gm_summary *sm, struct gm_session *s, struct gm_gshare *sh,
			       const struct gm_leak_report *lr)
{
	struct gm_gwalk_opts o = {.want_args = false, .want_labels = false};
	struct gm_gwalk *w;
	struct gm_error *err = gm_gwalk_create(s->target, s->gobin, &s->layout, &o, &w);
	if (err) {
		walker_failed(sm, "goroutines", err);
		return;
	}
	struct gm_ggroups gs, lg;
	bool lg_ok = gm_ggroups_init(&lg, 1);
	if (!gm_ggroups_init(&gs, 1) || !lg_ok) {
		gm_ggroups_deinit(&gs);
		gm_ggroups_deinit(&lg);
		gm_gwalk_destroy(w);
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
			walker_failed(sm, "goroutines", err);
			break;
		}
		if (!g)
			break;
		gm_ggroups_add(&gs, g);
		if (gm_heapleak_is_leaked(lr, g->addr))
			gm_ggroups_add(&lg, g);
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
	if (lr && lr->leaked)
		leaked_groups(sm, &lg);
	gm_ggroups_deinit(&gs);
	gm_ggroups_deinit(&lg);
	gm_gwalk_destroy(w);
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

/* The proof of leaks before the goroutine walk (which groups the leaked) */
static struct gm_leak_report *collect_leaks(struct gm_summary *sm, struct gm_session *s,
					    const struct gm_summary_opts *o)
{
	if (o->leaks == GM_SUMMARY_LEAKS_OFF) {
		snprintf(sm->leaks_off, sizeof(sm->leaks_off), "not asked");
		return NULL;
	}
	struct gm_leak_report *lr;
	uint64_t max = o->leaks == GM_SUMMARY_LEAKS_ON ? 0 : GM_SUMMARY_LEAKS_AUTO_BYTES;
	struct gm_error *err = gm_heapleak_collect(s->target, s->gobin, &s->layout, max, &lr);
	if (err) {
		snprintf(sm->leaks_off, sizeof(sm->leaks_off), "%s",
			 err == &gm_error_nomem || err->code == GM_ERR_NOMEM ? "out of memory" : err->msg);
		walker_failed(sm, "leaks", err);
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
	struct gm_leak_report *lr = collect_leaks(sm, s, o);
	collect_goroutines(sm, s, &sh, lr);
	gm_heapleak_destroy(lr);
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

/* ---- red flags ----
 * Thresholds (docs/gomortem.1, "RED FLAGS"): chosen to catch a leak or a
 * stuck process at a glance without flagging a healthy busy server. */
#define LEAK_GROUP 1000            /* identical parked goroutines */
#define MANY_GOROUTINES 10000
#define LOCK_WAIT_MINUTES 1        /* waiting for a lock this long */
#define LONG_WAIT_MINUTES 10       /* a big group parked this long */
#define FIN_BACKLOG 1000
#define RUNTIME_TYPES 1000
#define TIMER_GROUP 1000
#define LIMIT_PERCENT 90           /* of GOMEMLIMIT */
#define OFFHEAP_MIN (256ull << 20) /* unaccounted memory worth a flag */

static struct gm_summary_flag *add_flag(struct gm_summary *sm, enum gm_flag_severity sev, const char *code,
					const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static struct gm_summary_flag *add_flag(struct gm_summary *sm, enum gm_flag_severity sev, const char *code,
					const char *fmt, ...)
{
	if (sm->nflags >= GM_SUMMARY_MAX_FLAGS)
		return NULL;
	struct gm_summary_flag *f = &sm->flags[sm->nflags++];
	f->severity = sev;
	f->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
	return f;
}

/* " at main.worker (main.go:88)" or "" */
static const char *where(const struct gm_summary_group *g, char *buf, size_t n)
{
	if (!g->func) {
		snprintf(buf, n, g->incomplete[0] ? " (no stack: %s)" : " (no stack)", g->incomplete);
		return buf;
	}
	const char *base = g->file ? strrchr(g->file, '/') : NULL;
	snprintf(buf, n, " at %s (%s:%d)", g->func, base ? base + 1 : g->file ? g->file : "?", g->line);
	return buf;
}

static const char *wait_str(int64_t minutes, char *buf, size_t n)
{
	if (minutes >= 1)
		snprintf(buf, n, ", waiting %" PRId64 "+ minutes", minutes);
	else
		buf[0] = 0;
	return buf;
}

static bool is_lock_wait(const char *state)
{
	return state && (!strncmp(state, "sync.Mutex.", 11) || !strncmp(state, "sync.RWMutex.", 13) ||
			 !strcmp(state, "semacquire"));
}

void gm_summary_flags(struct gm_summary *sm, const struct gm_target *t)
{
	char a[32], b[160], c[64], d[32];
	sm->nflags = 0;
	if (t && t->signo > 0 && (t->signo == SIGSEGV || t->signo == SIGBUS || t->signo == SIGABRT ||
				  t->signo == SIGILL || t->signo == SIGFPE || t->signo == SIGTRAP ||
				  t->signo == SIGSYS)) {
		/* SIGABRT is how the Go runtime ends after a fatal error, an
		 * unrecovered panic or a SIGQUIT with GOTRACEBACK=crash: it says
		 * less than a fault does */
		const char *abbrev = sigabbrev_np(t->signo);
		char on[96] = "";
		if (sm->signal_tid && sm->signal_goid)
			snprintf(on, sizeof(on), " on thread %d, running goroutine %" PRIu64, sm->signal_tid,
				 sm->signal_goid);
		else if (sm->signal_tid)
			snprintf(on, sizeof(on), " on thread %d", sm->signal_tid);
		add_flag(sm, t->signo == SIGABRT ? GM_FLAG_WARNING : GM_FLAG_CRITICAL, "fatal_signal",
			 "the process died of SIG%s (signal %d)%s%s", abbrev ? abbrev : "?", t->signo, on,
			 t->signo == SIGABRT ? ": the Go runtime's end after a fatal error, an unrecovered panic "
					       "or SIGQUIT with GOTRACEBACK=crash, or abort() in C code"
					     : ": a fault");
	}
	if (sm->fin && sm->fin->blocked[0])
		add_flag(sm, GM_FLAG_CRITICAL, "finalizers_blocked", "%s", sm->fin->blocked);
	else if (sm->fin && sm->fin->queued.total + sm->fin->cl_queued.total >= FIN_BACKLOG)
		add_flag(sm, GM_FLAG_WARNING, "finalizer_backlog",
			 "%s finalizers and %s cleanups queued, not run yet",
			 gm_fmt_thousands(sm->fin->queued.total, a, sizeof(a)), gm_fmt_thousands(sm->fin->cl_queued.total, d, sizeof(d)));
	for (size_t i = 0; i < sm->nplaces; i++) {
		const struct gm_summary_group *g = &sm->places[i];
		if (g->system || !g->waiting)
			continue;
		if (is_lock_wait(g->state) && g->max_minutes >= LOCK_WAIT_MINUTES)
			add_flag(sm, GM_FLAG_CRITICAL, "lock_wait",
				 "%s goroutine%s waiting for %s%s%s: a lock is held for long or was never released",
				 gm_fmt_thousands(g->count, a, sizeof(a)), g->count == 1 ? "" : "s", g->state,
				 where(g, b, sizeof(b)), wait_str(g->max_minutes, c, sizeof(c)));
		else if (g->count >= LEAK_GROUP)
			add_flag(sm, g->max_minutes >= LONG_WAIT_MINUTES ? GM_FLAG_CRITICAL : GM_FLAG_WARNING,
				 "goroutine_leak", "%s goroutines in %s%s%s", gm_fmt_thousands(g->count, a, sizeof(a)), g->state,
				 where(g, b, sizeof(b)), wait_str(g->max_minutes, c, sizeof(c)));
	}
	if (sm->leaks_checked && sm->leaked) {
		const struct gm_summary_group *g = sm->nleaked_top ? &sm->leaked_top[0] : NULL;
		add_flag(sm, sm->leaks_proven ? GM_FLAG_WARNING : GM_FLAG_NOTE, "goroutines_leaked",
			 "%s goroutine%s %s leaked: parked on what only parked goroutines reach (most: %s in %s%s)",
			 gm_fmt_thousands(sm->leaked, a, sizeof(a)), sm->leaked == 1 ? "" : "s",
			 sm->leaks_proven ? "proven" : "possibly", g ? gm_fmt_thousands(g->count, d, sizeof(d)) : "?",
			 g && g->state ? g->state : "?", g ? where(g, b, sizeof(b)) : "");
	}
	if (sm->have_goroutines && sm->goroutines >= MANY_GOROUTINES)
		add_flag(sm, GM_FLAG_WARNING, "many_goroutines", "%s goroutines in %s groups",
			 gm_fmt_thousands(sm->goroutines, a, sizeof(a)), gm_fmt_thousands(sm->groups, d, sizeof(d)));
	if (sm->types && sm->types->runtime_created_total >= RUNTIME_TYPES) {
		const struct gm_types_cache *big = NULL;
		for (int i = 0; i < GM_TC_N; i++)
			if (sm->types->caches[i].present &&
			    (!big || sm->types->caches[i].runtime_created > big->runtime_created))
				big = &sm->types->caches[i];
		add_flag(sm, GM_FLAG_WARNING, "runtime_types",
			 "%s types made at run time are kept forever by the reflect caches (most in %s: %s)",
			 gm_fmt_thousands(sm->types->runtime_created_total, a, sizeof(a)), big ? big->global : "?",
			 gm_fmt_thousands(big ? big->runtime_created : 0, d, sizeof(d)));
	}
	if (sm->timers) {
		const struct gm_timer_group *big = NULL;
		for (size_t i = 0; i < sm->timers->ngroups; i++)
			if (!big || sm->timers->groups[i].count > big->count)
				big = &sm->timers->groups[i];
		if (big && big->count >= TIMER_GROUP) {
			const char *base = big->file ? strrchr(big->file, '/') : NULL;
			snprintf(b, sizeof(b), "%s (%s:%d)", big->function ? big->function : "an unknown function",
				 base ? base + 1 : big->file ? big->file : "?", big->line);
			add_flag(sm, GM_FLAG_WARNING, "timer_leak", "%s pending %s timers running %s%s",
				 gm_fmt_thousands(big->count, a, sizeof(a)), gm_timer_kind_names[big->kind], b,
				 big->period > 0 ? " (tickers: never stopped?)" : "");
		}
	}
	if (sm->heap) {
		const struct gm_heap_report *h = sm->heap;
		if (h->memory_limit > 0 && h->memory_limit != INT64_MAX &&
		    (double)h->sys >= (double)h->memory_limit * LIMIT_PERCENT / 100.0)
			add_flag(sm, GM_FLAG_WARNING, "memory_limit", "Sys is %s, %.0f%% of GOMEMLIMIT (%s)",
				 gm_fmt_bytes(h->sys, a, sizeof(a)), 100.0 * (double)h->sys / (double)h->memory_limit,
				 gm_fmt_bytes((uint64_t)h->memory_limit, d, sizeof(d)));
		if (h->gogc < 0 && (h->memory_limit <= 0 || h->memory_limit == INT64_MAX))
			add_flag(sm, GM_FLAG_NOTE, "gc_off", "the collector is off (GOGC=off) and there is no memory limit");
	}
	/* memory in use, not address space: untouched pthread stacks and
	 * malloc reservations are no alarm */
	uint64_t outside = sm->maps && sm->maps->have_heap && sm->maps->unaccounted_known
				   ? sm->maps->unaccounted_in_use + sm->maps->in_use[GM_MAP_C_MALLOC]
				   : 0;
	if (outside >= OFFHEAP_MIN && outside >= sm->maps->sys / 2)
		add_flag(sm, GM_FLAG_WARNING, "memory_outside_go",
			 "%s of memory in use outside the Go runtime's accounting (cgo malloc, syscall.Mmap, "
			 "C libraries); the Go runtime's Sys is %s",
			 gm_fmt_bytes(outside, a, sizeof(a)), gm_fmt_bytes(sm->maps->sys, d, sizeof(d)));
	int crit = 0;
	for (int i = 0; i < sm->nflags; i++)
		crit += sm->flags[i].severity == GM_FLAG_CRITICAL;
	set_metric(sm, GM_M_FLAGS, sm->nflags);
	set_metric(sm, GM_M_FLAGS_CRITICAL, crit);
}

/* ---- --fail-on ---- */

const char *gm_failon_op_str(enum gm_failon_op op)
{
	static const char *const s[] = {">", ">=", "<", "<=", "==", "!="};
	return (unsigned)op < 6 ? s[op] : "?";
}

struct gm_error *gm_failon_parse(const char *expr, struct gm_failon *out)
{
	memset(out, 0, sizeof(*out));
	out->expr = expr;
	size_t nl = strcspn(expr, "<>=! \t");
	const char *p = expr + nl;
	while (*p == ' ' || *p == '\t')
		p++;
	static const struct {
		const char *s;
		enum gm_failon_op op;
	} ops[] = {{">=", GM_OP_GE}, {"<=", GM_OP_LE}, {"==", GM_OP_EQ}, {"!=", GM_OP_NE},
		   {">", GM_OP_GT}, {"<", GM_OP_LT}, {"=", GM_OP_EQ}};
	size_t i;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strncmp(p, ops[i].s, strlen(ops[i].s)))
			break;
	if (nl == 0 || i == sizeof(ops) / sizeof(ops[0]))
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': expected METRIC OP NUMBER, e.g. goroutines>10000 "
				       "(OP: > >= < <= == !=)", expr);
	out->op = ops[i].op;
	int m;
	for (m = 0; m < GM_M_N; m++)
		if (strlen(gm_metric_names[m]) == nl && !strncmp(gm_metric_names[m], expr, nl))
			break;
	if (m == GM_M_N)
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': unknown metric '%.*s' (gomortem help summary lists them)",
				       expr, (int)(nl < 64 ? nl : 64), expr);
	out->metric = (enum gm_metric)m;
	p += strlen(ops[i].s);
	while (*p == ' ' || *p == '\t')
		p++;
	/* the number, with '_' or ',' grouping digits */
	char num[64];
	size_t k = 0;
	bool neg = false;
	if (*p == '-') {
		neg = true;
		p++;
	}
	while ((*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == ',') {
		if (*p != '_' && *p != ',' && k + 1 < sizeof(num))
			num[k++] = *p;
		p++;
	}
	num[k] = 0;
	char *end;
	double v = k ? strtod(num, &end) : 0;
	if (!k || *end)
		return gm_error_create(GM_ERR_USAGE, "--fail-on '%s': no number after '%s'", expr, ops[i].s);
	while (*p == ' ')
		p++;
	static const struct {
		const char *s;
		double mul;
	} units[] = {{"", 1},
		     {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0},
		     {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
		     {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
		     {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"k", 1e3}, {"B", 1}};
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(p, units[i].s))
			break;
	if (i == sizeof(units) / sizeof(units[0]))
		return gm_error_create(GM_ERR_USAGE,
				       "--fail-on '%s': unknown unit '%s' (K M G T, KiB MiB GiB TiB, or none)", expr, p);
	v *= units[i].mul;
	if (neg)
		v = -v;
	if (!(v > -9.2e18 && v < 9.2e18))
		return gm_error_create(GM_ERR_USAGE, "--fail-on '%s': number out of range", expr);
	out->value = (int64_t)(v < 0 ? v - 0.5 : v + 0.5);
	return NULL;
}

int gm_failon_eval(const struct gm_failon *f, const struct gm_summary *sm)
{
	if ((unsigned)f->metric >= GM_M_N || !sm->metric_known[f->metric])
		return -1;
	int64_t v = sm->metric[f->metric], t = f->value;
	switch (f->op) {
	case GM_OP_GT: return v > t;
	case GM_OP_GE: return v >= t;
	case GM_OP_LT: return v < t;
	case GM_OP_LE: return v <= t;
	case GM_OP_EQ: return v == t;
	case GM_OP_NE: return v != t;
	}
	return -1;
}
