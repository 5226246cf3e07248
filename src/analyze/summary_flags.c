/* gomortem summary's red flags (see gm_summary.h). */
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_fmt.h"
#include "gm_summary.h"
#include "gm_target.h"
#include "summary_internal.h"

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
	va_list ap;
	va_start(ap, fmt);
	struct gm_summary_flag *f = gm_flag_vadd(sm->flags, &sm->nflags, GM_SUMMARY_MAX_FLAGS, sev, code, fmt, ap);
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
